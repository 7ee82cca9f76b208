//! Reported figures (*số liệu báo cáo*): numbers as reports state them, with their
//! qualifier.
//!
//! Reports rarely give bare numbers: "*trên* 90% CĐCS", "*hơn* 3.800 đoàn viên",
//! "*trên* 1.065 triệu đồng", "*khoảng* 50", "*ít nhất* 1 trường", "*gần* 100",
//! "*dưới* 10". A [`Reported`] keeps the value with its [`Qualifier`], so that sums
//! and consistency checks respect what was actually said.
//!
//! A reported figure stands for a set of possible true values (figures are
//! quantities, so the lower end is zero):
//!
//! | qualifier | Vietnamese | set |
//! |---|---|---|
//! | [`Qualifier::Exact`] | (none) | `[v, v]` |
//! | [`Qualifier::MoreThan`] | *trên*, *hơn* | `(v, ∞)` |
//! | [`Qualifier::AtLeast`] | *ít nhất*, *tối thiểu*, *từ … trở lên* | `[v, ∞)` |
//! | [`Qualifier::About`] | *khoảng*, *xấp xỉ*, *gần*, *chừng* | anything |
//! | [`Qualifier::LessThan`] | *dưới* | `[0, v)` |
//! | [`Qualifier::AtMost`] | *không quá*, *tối đa* | `[0, v]` |
//!
//! "About" has no stated tolerance, so it admits every value: checks against it can
//! never fail, and a sum involving it is itself "about" (see
//! [`Qualifier::About`]). Counts and amounts are integers, so "more than 3" and
//! "less than 4" cannot both hold of a count, while they can of a ratio.
//!
//! Values are [`u64`] counts, [`Vnd`] amounts and [`Ratio`] shares (the [`Figure`]
//! types); counts and amounts can be added ([`Additive`]).
//!
//! In files (serde) a figure is `{"value": …, "qualifier": "more_than"}`, the value
//! in its own serde form (a count as a number, an amount as an integer of đồng, a
//! ratio as `"3646/3800"`); `qualifier` defaults to `"exact"` when absent.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::value::format::{
    Lang, NumberErrorKind, fold, format_integer, parse_decimal, split_number,
};
use crate::value::money::{MoneyError, Vnd};
use crate::value::ratio::{Ratio, RatioError};

/// How a reported figure relates to the true value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Qualifier {
    /// The figure is the value (no qualifier word). File code `"exact"`.
    #[default]
    Exact,
    /// *trên*, *hơn*: strictly more than the figure. File code `"more_than"`.
    MoreThan,
    /// *ít nhất*, *tối thiểu*, *từ … trở lên*: the figure or more. File code
    /// `"at_least"`.
    AtLeast,
    /// *khoảng*, *xấp xỉ*, *gần*, *chừng*: near the figure, in an unknown direction
    /// and by an unknown amount. Admits every value and is flagged as approximate.
    /// File code `"about"`.
    About,
    /// *dưới*: from zero up to, not including, the figure. File code `"less_than"`.
    LessThan,
    /// *không quá*, *tối đa*: from zero up to the figure. File code `"at_most"`.
    AtMost,
}

impl Qualifier {
    /// The code used in files: `"exact"`, `"more_than"`, `"at_least"`, `"about"`,
    /// `"less_than"`, `"at_most"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::MoreThan => "more_than",
            Self::AtLeast => "at_least",
            Self::About => "about",
            Self::LessThan => "less_than",
            Self::AtMost => "at_most",
        }
    }

    /// The word written before the figure: Vietnamese *trên*, *ít nhất*, *khoảng*,
    /// *dưới*, *không quá*; English "more than", "at least", "about", "less than",
    /// "at most"; empty for [`Qualifier::Exact`].
    #[must_use]
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Exact, _) => "",
            (Self::MoreThan, Lang::Vi) => "trên",
            (Self::AtLeast, Lang::Vi) => "ít nhất",
            (Self::About, Lang::Vi) => "khoảng",
            (Self::LessThan, Lang::Vi) => "dưới",
            (Self::AtMost, Lang::Vi) => "không quá",
            (Self::MoreThan, Lang::En) => "more than",
            (Self::AtLeast, Lang::En) => "at least",
            (Self::About, Lang::En) => "about",
            (Self::LessThan, Lang::En) => "less than",
            (Self::AtMost, Lang::En) => "at most",
        }
    }

    /// The lower and upper side this qualifier bounds, ignoring the zero floor;
    /// `None` for [`Qualifier::About`].
    const fn sides(self) -> Option<(Side, Side)> {
        match self {
            Self::Exact => Some((Side::Closed, Side::Closed)),
            Self::MoreThan => Some((Side::Open, Side::Unbounded)),
            Self::AtLeast => Some((Side::Closed, Side::Unbounded)),
            Self::LessThan => Some((Side::Unbounded, Side::Open)),
            Self::AtMost => Some((Side::Unbounded, Side::Closed)),
            Self::About => None,
        }
    }

    /// The qualifier of a sum of two figures.
    const fn of_sum(self, other: Self) -> Self {
        let (Some((lo_a, hi_a)), Some((lo_b, hi_b))) = (self.sides(), other.sides()) else {
            return Self::About;
        };
        match (lo_a.join(lo_b), hi_a.join(hi_b)) {
            (Side::Closed, Side::Closed) => Self::Exact,
            (Side::Open, _) => Self::MoreThan,
            (Side::Closed, _) => Self::AtLeast,
            (Side::Unbounded, Side::Open) => Self::LessThan,
            (Side::Unbounded, Side::Closed) => Self::AtMost,
            (Side::Unbounded, Side::Unbounded) => Self::About,
        }
    }
}

/// How a qualifier bounds one side of a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// The figure itself is included.
    Closed,
    /// Bounded by the figure, which is excluded.
    Open,
    /// Not bounded on this side.
    Unbounded,
}

impl Side {
    /// The bound on the same side of a sum: bounded only if both are.
    const fn join(self, other: Self) -> Self {
        match (self, other) {
            (Self::Unbounded, _) | (_, Self::Unbounded) => Self::Unbounded,
            (Self::Open, _) | (_, Self::Open) => Self::Open,
            (Self::Closed, Self::Closed) => Self::Closed,
        }
    }
}

mod sealed {
    use std::cmp::Ordering;

    use crate::value::format::Lang;
    use crate::value::reported::ReportedError;

    pub trait Sealed: Copy + Send + Sync + 'static {
        /// The least value a figure can stand for.
        const ZERO: Self;
        /// The word for [`super::Qualifier::MoreThan`] in Vietnamese.
        const MORE_THAN_VI: &'static str;
        /// Compares values.
        fn cmp_figure(&self, other: &Self) -> Ordering;
        /// The next value for integer types; `None` for dense types or at the end.
        fn successor(&self) -> Option<Self>;
        /// Whether there are values strictly between any two distinct values.
        const DENSE: bool;
        /// The lossless text form.
        fn write_figure(&self, lang: Lang) -> String;
        /// Reads the value part of `input` (after the qualifier).
        fn read_figure(input: &str, value: &str) -> Result<Self, ReportedError>;
    }

    pub trait SealedAdd: Sealed {
        fn checked_add_figure(self, other: Self) -> Option<Self>;
    }
}

/// A value type a [`Reported`] figure can hold: [`u64`] counts, [`Vnd`] amounts,
/// [`Ratio`] shares. Sealed.
pub trait Figure: sealed::Sealed {}

/// A [`Figure`] whose reported values can be added: [`u64`] counts and [`Vnd`]
/// amounts. Sealed.
pub trait Additive: Figure + sealed::SealedAdd {}

impl sealed::Sealed for u64 {
    const ZERO: Self = 0;
    const MORE_THAN_VI: &'static str = "hơn";
    const DENSE: bool = false;

    fn cmp_figure(&self, other: &Self) -> Ordering {
        self.cmp(other)
    }

    fn successor(&self) -> Option<Self> {
        self.checked_add(1)
    }

    fn write_figure(&self, lang: Lang) -> String {
        format_integer(i128::from(*self), lang)
    }

    fn read_figure(input: &str, value: &str) -> Result<Self, ReportedError> {
        let (count, noun) = read_count(input, value)?;
        if noun.is_empty() {
            Ok(count)
        } else {
            Err(ReportedError::TrailingText {
                input: input.to_owned(),
                text: noun.to_owned(),
            })
        }
    }
}

impl sealed::SealedAdd for u64 {
    fn checked_add_figure(self, other: Self) -> Option<Self> {
        self.checked_add(other)
    }
}

impl Figure for u64 {}
impl Additive for u64 {}

impl sealed::Sealed for Vnd {
    const ZERO: Self = Self::ZERO;
    const MORE_THAN_VI: &'static str = "trên";
    const DENSE: bool = false;

    fn cmp_figure(&self, other: &Self) -> Ordering {
        self.cmp(other)
    }

    fn successor(&self) -> Option<Self> {
        self.checked_add(Self::from_dong(1))
    }

    fn write_figure(&self, lang: Lang) -> String {
        self.to_dong_string(lang)
    }

    fn read_figure(input: &str, value: &str) -> Result<Self, ReportedError> {
        value.parse().map_err(|source| ReportedError::Amount {
            input: input.to_owned(),
            source,
        })
    }
}

impl sealed::SealedAdd for Vnd {
    fn checked_add_figure(self, other: Self) -> Option<Self> {
        self.checked_add(other)
    }
}

impl Figure for Vnd {}
impl Additive for Vnd {}

impl sealed::Sealed for Ratio {
    const ZERO: Self = Self::ZERO;
    const MORE_THAN_VI: &'static str = "trên";
    const DENSE: bool = true;

    fn cmp_figure(&self, other: &Self) -> Ordering {
        self.cmp_value(other)
    }

    fn successor(&self) -> Option<Self> {
        None
    }

    fn write_figure(&self, lang: Lang) -> String {
        self.to_string_in(lang)
    }

    fn read_figure(input: &str, value: &str) -> Result<Self, ReportedError> {
        value.parse().map_err(|source| ReportedError::Ratio {
            input: input.to_owned(),
            source,
        })
    }
}

impl Figure for Ratio {}

/// A figure as a report states it: a value and a [`Qualifier`].
///
/// ```
/// use thidua::{Lang, Qualifier, Ratio, Reported, Vnd};
///
/// let (members, noun) = Reported::parse_count("hơn 3.800 đoàn viên")?;
/// assert_eq!((members.value(), members.qualifier(), noun), (3_800, Qualifier::MoreThan, "đoàn viên"));
/// assert_eq!(members.to_string(), "hơn 3.800");
/// assert_eq!(members.to_string_in(Lang::En), "more than 3,800");
///
/// let covid: Reported<Vnd> = "trên 1.065 triệu đồng".parse()?;
/// assert_eq!(covid.value(), Vnd::from_dong(1_065_000_000));
/// assert!(!covid.admits(Vnd::from_dong(1_000_000_000)));
///
/// let launched: Reported<Ratio> = "trên 90%".parse()?;
/// assert_eq!(launched.to_string(), "trên 90%");
///
/// // Parts of "more than" something add up to "more than" their sum.
/// let total = Reported::exact(1_995_u64).checked_add(Reported::new(5, Qualifier::MoreThan))?;
/// assert_eq!(total.to_string(), "hơn 2.000");
/// assert!(!total.may_equal(&Reported::exact(1_995)));
/// # Ok::<(), thidua::ReportedError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Reported<T> {
    value: T,
    #[serde(default)]
    qualifier: Qualifier,
}

impl<T: Figure> Reported<T> {
    /// The figure `value` with `qualifier`.
    #[must_use]
    pub const fn new(value: T, qualifier: Qualifier) -> Self {
        Self { value, qualifier }
    }

    /// The figure `value`, stated exactly.
    #[must_use]
    pub const fn exact(value: T) -> Self {
        Self::new(value, Qualifier::Exact)
    }

    /// The number stated.
    #[must_use]
    pub const fn value(&self) -> T {
        self.value
    }

    /// How the number relates to the true value.
    #[must_use]
    pub const fn qualifier(&self) -> Qualifier {
        self.qualifier
    }

    /// Whether the exact value `exact` is compatible with this figure ("trên 90%"
    /// admits 91% but not 90%). [`Qualifier::About`] admits every value.
    #[must_use]
    pub fn admits(&self, exact: T) -> bool {
        let (low, high) = self.bounds();
        low.is_none_or(|b| b.below(&exact)) && high.is_none_or(|b| b.above(&exact))
    }

    /// Whether this figure and `other` can describe the same true value (their sets
    /// intersect): "1.995" cannot equal "hơn 2.000", "khoảng 50" can equal anything.
    #[must_use]
    pub fn may_equal(&self, other: &Self) -> bool {
        let (low_a, high_a) = self.bounds();
        let (low_b, high_b) = other.bounds();
        let low = tighter(low_a, low_b, Ordering::Greater);
        let high = tighter(high_a, high_b, Ordering::Less);
        let (Some(low), Some(high)) = (low, high) else {
            return true;
        };
        match low.value.cmp_figure(&high.value) {
            Ordering::Greater => false,
            Ordering::Equal => low.closed && high.closed,
            Ordering::Less => {
                T::DENSE
                    || low.closed
                    || high.closed
                    || low
                        .value
                        .successor()
                        .is_some_and(|next| next.cmp_figure(&high.value) == Ordering::Less)
            }
        }
    }

    /// The figure as a report writes it, lossless: `hơn 3.800`, `trên 90%`,
    /// `trên 1.065.000.000 đồng`; English `more than 3,800`. Vietnamese is what
    /// [`FromStr`] reads back.
    #[must_use]
    pub fn to_string_in(&self, lang: Lang) -> String {
        let label = match (self.qualifier, lang) {
            (Qualifier::MoreThan, Lang::Vi) => T::MORE_THAN_VI,
            (q, lang) => q.label(lang),
        };
        let value = self.value.write_figure(lang);
        if label.is_empty() {
            value
        } else {
            format!("{label} {value}")
        }
    }

    /// The set of values this figure stands for: lower and upper bound, `None` where
    /// unbounded.
    fn bounds(&self) -> (Option<Bound<T>>, Option<Bound<T>>) {
        let at = |closed| {
            Some(Bound {
                value: self.value,
                closed,
            })
        };
        let zero = Some(Bound {
            value: T::ZERO,
            closed: true,
        });
        match self.qualifier {
            Qualifier::Exact => (at(true), at(true)),
            Qualifier::MoreThan => (at(false), None),
            Qualifier::AtLeast => (at(true), None),
            Qualifier::LessThan => (zero, at(false)),
            Qualifier::AtMost => (zero, at(true)),
            Qualifier::About => (None, None),
        }
    }
}

impl<T: Additive> Reported<T> {
    /// The sum of two figures, with the qualifier the sum can honestly carry:
    /// exact + exact is exact; a lower bound plus a lower bound (or exact) is a lower
    /// bound, strict if either is ("trên"); likewise for upper bounds ("dưới",
    /// "không quá"); a lower bound plus an upper bound, or anything plus "khoảng", is
    /// "khoảng".
    ///
    /// # Errors
    ///
    /// [`ReportedError::Overflow`] when the sum does not fit the value type.
    pub fn checked_add(self, other: Self) -> Result<Self, ReportedError> {
        let value =
            self.value
                .checked_add_figure(other.value)
                .ok_or_else(|| ReportedError::Overflow {
                    left: self.to_string_in(Lang::Vi),
                    right: other.to_string_in(Lang::Vi),
                })?;
        Ok(Self::new(value, self.qualifier.of_sum(other.qualifier)))
    }

    /// The sum of `figures` as by [`Reported::checked_add`]; exactly zero when there
    /// are none.
    ///
    /// # Errors
    ///
    /// [`ReportedError::Overflow`] when a partial sum does not fit the value type.
    pub fn checked_sum<I: IntoIterator<Item = Self>>(figures: I) -> Result<Self, ReportedError> {
        figures
            .into_iter()
            .try_fold(Self::exact(T::ZERO), Self::checked_add)
    }
}

impl Reported<u64> {
    /// Reads a reported count followed by what is counted: `"hơn 3.800 đoàn viên"`
    /// gives `hơn 3.800` and `"đoàn viên"`; `"từ 20 trường trở lên"` gives
    /// `ít nhất 20` and `"trường"`. The noun is empty when there is none.
    ///
    /// # Errors
    ///
    /// [`ReportedError::Count`] when no whole number follows the qualifier,
    /// [`ReportedError::OpenRange`] for *từ* without *trở lên*.
    pub fn parse_count(s: &str) -> Result<(Self, &str), ReportedError> {
        let (qualifier, value) = split_qualifier(s)?;
        let (count, noun) = read_count(s, value)?;
        Ok((Self::new(count, qualifier), noun))
    }
}

impl<T: Figure> fmt::Display for Reported<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_string_in(Lang::Vi))
    }
}

impl<T: Figure> FromStr for Reported<T> {
    type Err = ReportedError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (qualifier, value) = split_qualifier(s)?;
        Ok(Self::new(T::read_figure(s, value)?, qualifier))
    }
}

/// An error reading or adding reported figures.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReportedError {
    /// No whole number where a count was expected.
    #[error("invalid reported count {input:?}: {kind}")]
    Count {
        /// The text read.
        input: String,
        /// What is wrong with the number.
        kind: NumberErrorKind,
    },
    /// Text after a count read with `FromStr` (use [`Reported::parse_count`] to read
    /// a noun).
    #[error(
        "invalid reported count {input:?}: expected only a qualifier and a number such as \"hơn 3.800\", found {text:?} after the number"
    )]
    TrailingText {
        /// The text read.
        input: String,
        /// The text after the number.
        text: String,
    },
    /// No amount of money after the qualifier.
    #[error(
        "invalid reported amount {input:?}: expected an optional qualifier such as \"trên\" and an amount such as \"1.065 triệu đồng\""
    )]
    Amount {
        /// The text read.
        input: String,
        /// What is wrong with the amount.
        #[source]
        source: MoneyError,
    },
    /// No ratio after the qualifier.
    #[error(
        "invalid reported ratio {input:?}: expected an optional qualifier such as \"trên\" and a percentage such as \"90%\" or a fraction such as \"3.646/3.800\""
    )]
    Ratio {
        /// The text read.
        input: String,
        /// What is wrong with the ratio.
        #[source]
        source: RatioError,
    },
    /// *từ* without the closing *trở lên*.
    #[error(
        "invalid reported figure {input:?}: expected \"trở lên\" after a figure that starts with \"từ\", as in \"từ 20 trở lên\""
    )]
    OpenRange {
        /// The text read.
        input: String,
    },
    /// A sum that does not fit the value type.
    #[error("cannot add {left:?} and {right:?}: the sum is out of range")]
    Overflow {
        /// The first figure.
        left: String,
        /// The second figure.
        right: String,
    },
}

/// One end of the set of values a figure stands for.
#[derive(Debug, Clone, Copy)]
struct Bound<T> {
    value: T,
    closed: bool,
}

impl<T: Figure> Bound<T> {
    /// Whether `x` is on the allowed side of this lower bound.
    fn below(&self, x: &T) -> bool {
        match self.value.cmp_figure(x) {
            Ordering::Less => true,
            Ordering::Equal => self.closed,
            Ordering::Greater => false,
        }
    }

    /// Whether `x` is on the allowed side of this upper bound.
    fn above(&self, x: &T) -> bool {
        match self.value.cmp_figure(x) {
            Ordering::Greater => true,
            Ordering::Equal => self.closed,
            Ordering::Less => false,
        }
    }
}

/// The tighter of two bounds on the same side: the one further in direction `wins`
/// (`Greater` for lower bounds, `Less` for upper ones); at the same value the open
/// one.
fn tighter<T: Figure>(
    a: Option<Bound<T>>,
    b: Option<Bound<T>>,
    wins: Ordering,
) -> Option<Bound<T>> {
    match (a, b) {
        (Some(a), Some(b)) => {
            let order = a.value.cmp_figure(&b.value);
            Some(if order == wins {
                a
            } else if order == Ordering::Equal {
                Bound {
                    value: a.value,
                    closed: a.closed && b.closed,
                }
            } else {
                b
            })
        }
        (a, None) => a,
        (None, b) => b,
    }
}

/// Qualifier phrases, folded, word by word; longer phrases first where one starts
/// another.
const PHRASES: [(&[&str], Qualifier); 11] = [
    (&["it", "nhat"], Qualifier::AtLeast),
    (&["toi", "thieu"], Qualifier::AtLeast),
    (&["khong", "qua"], Qualifier::AtMost),
    (&["toi", "da"], Qualifier::AtMost),
    (&["xap", "xi"], Qualifier::About),
    (&["khoang"], Qualifier::About),
    (&["chung"], Qualifier::About),
    (&["gan"], Qualifier::About),
    (&["tren"], Qualifier::MoreThan),
    (&["hon"], Qualifier::MoreThan),
    (&["duoi"], Qualifier::LessThan),
];

/// Splits the leading qualifier off `s`; the rest is the figure. Handles
/// *từ … trở lên* by removing both ends.
fn split_qualifier(s: &str) -> Result<(Qualifier, &str), ReportedError> {
    if let Some(rest) = strip_words(s, &["tu"]) {
        let inner =
            strip_last_words(rest, &["tro", "len"]).ok_or_else(|| ReportedError::OpenRange {
                input: s.to_owned(),
            })?;
        return Ok((Qualifier::AtLeast, inner.trim()));
    }
    for (words, qualifier) in PHRASES {
        if let Some(rest) = strip_words(s, words) {
            return Ok((qualifier, rest.trim()));
        }
    }
    Ok((Qualifier::Exact, s.trim()))
}

/// `s` without its leading words if they fold to `words`.
fn strip_words<'a>(s: &'a str, words: &[&str]) -> Option<&'a str> {
    let mut rest = s;
    for word in words {
        let trimmed = rest.trim_start();
        let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        let (head, tail) = trimmed.split_at_checked(end)?;
        if fold(head) != *word {
            return None;
        }
        rest = tail;
    }
    Some(rest)
}

/// `s` without its trailing words if they fold to `words`.
fn strip_last_words<'a>(s: &'a str, words: &[&str]) -> Option<&'a str> {
    let mut rest = s;
    for word in words.iter().rev() {
        let trimmed = rest.trim_end();
        let start = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let (head, tail) = trimmed.split_at_checked(start)?;
        if fold(tail) != *word {
            return None;
        }
        rest = head;
    }
    Some(rest)
}

/// Reads a whole count at the start of `value` and returns it with the trimmed text
/// after it.
fn read_count<'a>(input: &str, value: &'a str) -> Result<(u64, &'a str), ReportedError> {
    let invalid = |kind| ReportedError::Count {
        input: input.to_owned(),
        kind,
    };
    let (number, noun) = split_number(value.trim_start());
    let count = parse_decimal(number)
        .and_then(|d| d.whole())
        .map_err(invalid)?;
    let count = u64::try_from(count).map_err(|_| invalid(NumberErrorKind::TooLarge))?;
    Ok((count, noun.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn count(q: Qualifier, v: u64) -> Reported<u64> {
        Reported::new(v, q)
    }

    fn parse<T: Figure>(s: &str) -> Reported<T> {
        match s.parse::<Reported<T>>() {
            Ok(r) => r,
            Err(e) => panic!("{s:?}: {e}"),
        }
    }

    fn ratio(n: u64, d: u64) -> Ratio {
        Ratio::new(n, d).unwrap()
    }

    use Qualifier::{About, AtLeast, AtMost, Exact, LessThan, MoreThan};

    #[test]
    fn report_phrases_are_read() {
        let (r, noun) = Reported::parse_count("hơn 3.800 đoàn viên").unwrap();
        assert_eq!((r, noun), (count(MoreThan, 3_800), "đoàn viên"));
        let (r, noun) = Reported::parse_count("ít nhất 1 trường").unwrap();
        assert_eq!((r, noun), (count(AtLeast, 1), "trường"));
        let (r, noun) = Reported::parse_count("từ 20 đoàn viên trở lên").unwrap();
        assert_eq!((r, noun), (count(AtLeast, 20), "đoàn viên"));
        let (r, noun) = Reported::parse_count("2.803").unwrap();
        assert_eq!((r, noun), (count(Exact, 2_803), ""));
        assert_eq!(parse::<u64>("khoảng 50"), count(About, 50));
        assert_eq!(parse::<u64>("xấp xỉ 50"), count(About, 50));
        assert_eq!(parse::<u64>("chừng 50"), count(About, 50));
        assert_eq!(parse::<u64>("gần 100"), count(About, 100));
        assert_eq!(parse::<u64>("dưới 10"), count(LessThan, 10));
        assert_eq!(parse::<u64>("không quá 10"), count(AtMost, 10));
        assert_eq!(parse::<u64>("tối đa 10"), count(AtMost, 10));
        assert_eq!(parse::<u64>("tối thiểu 20"), count(AtLeast, 20));
        assert_eq!(parse::<u64>("trên 5"), count(MoreThan, 5));
        assert_eq!(parse::<u64>("  TRÊN    5  "), count(MoreThan, 5));
        // NFD "hơn" and "ít nhất".
        assert_eq!(parse::<u64>("ho\u{31b}n 5"), count(MoreThan, 5));
        assert_eq!(
            parse::<u64>("i\u{301}t nha\u{302}\u{301}t 5"),
            count(AtLeast, 5)
        );
        assert_eq!(parse::<u64>("Từ 3 trở lên"), count(AtLeast, 3));

        let money: Reported<Vnd> = parse("trên 1.065 triệu đồng");
        assert_eq!(
            money,
            Reported::new(Vnd::from_dong(1_065_000_000), MoreThan)
        );
        let money: Reported<Vnd> = parse("trên 17 triệu đồng");
        assert_eq!(money.value(), Vnd::from_dong(17_000_000));
        let money: Reported<Vnd> = parse("265.902.000 đồng");
        assert_eq!(money, Reported::exact(Vnd::from_dong(265_902_000)));

        let share: Reported<Ratio> = parse("trên 90%");
        assert_eq!(share, Reported::new(ratio(90, 100), MoreThan));
        let share: Reported<Ratio> = parse("100%");
        assert_eq!(share, Reported::exact(ratio(100, 100)));
        let share: Reported<Ratio> = parse("từ 50% trở lên");
        assert_eq!(share, Reported::new(ratio(50, 100), AtLeast));
    }

    #[test]
    fn figures_are_written_in_both_languages() {
        assert_eq!(count(MoreThan, 3_800).to_string(), "hơn 3.800");
        assert_eq!(
            count(MoreThan, 3_800).to_string_in(Lang::En),
            "more than 3,800"
        );
        assert_eq!(count(Exact, 2_803).to_string(), "2.803");
        assert_eq!(count(AtLeast, 1).to_string(), "ít nhất 1");
        assert_eq!(count(About, 50).to_string(), "khoảng 50");
        assert_eq!(count(LessThan, 10).to_string_in(Lang::En), "less than 10");
        assert_eq!(count(AtMost, 10).to_string(), "không quá 10");
        let money = Reported::new(Vnd::from_dong(1_065_000_000), MoreThan);
        assert_eq!(money.to_string(), "trên 1.065.000.000 đồng");
        assert_eq!(money.to_string_in(Lang::En), "more than 1,065,000,000 VND");
        let share = Reported::new(ratio(90, 100), MoreThan);
        assert_eq!(share.to_string(), "trên 90%");
        assert_eq!(
            Reported::exact(ratio(3_646, 3_800)).to_string(),
            "3.646/3.800"
        );
        assert_eq!(MoreThan.as_str(), "more_than");
        assert_eq!(Exact.label(Lang::Vi), "");
        assert_eq!(AtMost.label(Lang::En), "at most");
    }

    #[test]
    fn sums_keep_what_can_be_said() {
        let add =
            |a: Qualifier, b: Qualifier| count(a, 10).checked_add(count(b, 5)).unwrap().qualifier();
        assert_eq!(add(Exact, Exact), Exact);
        assert_eq!(add(Exact, MoreThan), MoreThan);
        assert_eq!(add(AtLeast, Exact), AtLeast);
        assert_eq!(add(AtLeast, MoreThan), MoreThan);
        assert_eq!(add(AtLeast, AtLeast), AtLeast);
        assert_eq!(add(MoreThan, MoreThan), MoreThan);
        assert_eq!(add(LessThan, Exact), LessThan);
        assert_eq!(add(AtMost, AtMost), AtMost);
        assert_eq!(add(AtMost, Exact), AtMost);
        assert_eq!(add(AtMost, LessThan), LessThan);
        assert_eq!(add(MoreThan, LessThan), About);
        assert_eq!(add(AtLeast, AtMost), About);
        assert_eq!(add(About, Exact), About);
        assert_eq!(add(Exact, About), About);
        assert_eq!(add(MoreThan, About), About);
        assert_eq!(
            count(MoreThan, 10)
                .checked_add(count(Exact, 5))
                .unwrap()
                .value(),
            15
        );

        let parts = [count(Exact, 1_000), count(MoreThan, 900), count(Exact, 100)];
        assert_eq!(
            Reported::checked_sum(parts).unwrap(),
            count(MoreThan, 2_000)
        );
        assert_eq!(Reported::<u64>::checked_sum([]).unwrap(), count(Exact, 0));
        let money = [
            Reported::exact(Vnd::from_dong(700)),
            Reported::new(Vnd::from_dong(300), AtLeast),
        ];
        assert_eq!(
            Reported::checked_sum(money).unwrap(),
            Reported::new(Vnd::from_dong(1_000), AtLeast)
        );
    }

    #[test]
    fn overflow_is_an_error() {
        let err = count(MoreThan, u64::MAX)
            .checked_add(count(Exact, 1))
            .unwrap_err();
        insta::assert_snapshot!(err.to_string(), @r#"cannot add "hơn 18.446.744.073.709.551.615" and "1": the sum is out of range"#);
        let money = Reported::exact(Vnd::from_dong(i64::MAX));
        assert!(money.checked_add(money).is_err());
        assert!(Reported::checked_sum([count(Exact, u64::MAX), count(Exact, 1)]).is_err());
    }

    #[test]
    fn admits_follows_the_sets() {
        let more = count(MoreThan, 10);
        assert!(!more.admits(10));
        assert!(more.admits(11));
        let least = count(AtLeast, 10);
        assert!(least.admits(10));
        assert!(!least.admits(9));
        let less = count(LessThan, 10);
        assert!(less.admits(0));
        assert!(less.admits(9));
        assert!(!less.admits(10));
        let most = count(AtMost, 10);
        assert!(most.admits(10));
        assert!(!most.admits(11));
        assert!(count(Exact, 10).admits(10));
        assert!(!count(Exact, 10).admits(11));
        assert!(count(About, 10).admits(0));
        assert!(count(About, 10).admits(u64::MAX));
        let share = Reported::new(ratio(90, 100), MoreThan);
        assert!(share.admits(ratio(91, 100)));
        assert!(!share.admits(ratio(9, 10)));
        assert!(share.admits(ratio(901, 1_000)));
        let money = Reported::new(Vnd::from_dong(10), LessThan);
        assert!(!money.admits(Vnd::from_dong(-1)));
        assert!(money.admits(Vnd::ZERO));
    }

    #[test]
    fn may_equal_intersects_the_sets() {
        // "the reported total 1.995 is inconsistent with parts summing to more than 2.000"
        assert!(!count(Exact, 1_995).may_equal(&count(MoreThan, 2_000)));
        assert!(count(Exact, 2_001).may_equal(&count(MoreThan, 2_000)));
        assert!(!count(Exact, 2_000).may_equal(&count(MoreThan, 2_000)));
        assert!(count(AtLeast, 2_000).may_equal(&count(AtMost, 2_000)));
        assert!(!count(MoreThan, 2_000).may_equal(&count(AtMost, 2_000)));
        // No count lies strictly between 3 and 4; a ratio does.
        assert!(!count(MoreThan, 3).may_equal(&count(LessThan, 4)));
        assert!(count(MoreThan, 3).may_equal(&count(LessThan, 5)));
        let r = |n| Reported::new(ratio(n, 100), MoreThan);
        assert!(r(3).may_equal(&Reported::new(ratio(4, 100), LessThan)));
        assert!(count(About, 50).may_equal(&count(Exact, 7)));
        assert!(count(Exact, 7).may_equal(&count(About, 50)));
        assert!(!count(LessThan, 0).may_equal(&count(LessThan, 0)));
        assert!(count(LessThan, 5).may_equal(&count(AtMost, 100)));
        assert!(!count(Exact, 5).may_equal(&count(Exact, 6)));
        assert!(count(Exact, 5).may_equal(&count(Exact, 5)));
    }

    #[test]
    fn errors_quote_the_input() {
        let err = |s: &str| s.parse::<Reported<u64>>().unwrap_err().to_string();
        insta::assert_snapshot!(err("hơn"), @r#"invalid reported count "hơn": expected a number such as "2.803" or "37,5""#);
        insta::assert_snapshot!(err("hơn 3,5"), @r#"invalid reported count "hơn 3,5": expected a whole number such as "3.800""#);
        insta::assert_snapshot!(err("hơn 3.80"), @r#"invalid reported count "hơn 3.80": expected groups of three digits after each "." such as "265.902.000""#);
        insta::assert_snapshot!(err("hơn 3.800 đoàn viên"), @r#"invalid reported count "hơn 3.800 đoàn viên": expected only a qualifier and a number such as "hơn 3.800", found "đoàn viên" after the number"#);
        insta::assert_snapshot!(err("từ 20"), @r#"invalid reported figure "từ 20": expected "trở lên" after a figure that starts with "từ", as in "từ 20 trở lên""#);
        insta::assert_snapshot!(err("99999999999999999999"), @r#"invalid reported count "99999999999999999999": the number is too large"#);
        let amount = "trên 1,2345678 triệu".parse::<Reported<Vnd>>().unwrap_err();
        insta::assert_snapshot!(amount.to_string(), @r#"invalid reported amount "trên 1,2345678 triệu": expected an optional qualifier such as "trên" and an amount such as "1.065 triệu đồng""#);
        let source = std::error::Error::source(&amount).map(ToString::to_string);
        assert_eq!(
            source.as_deref(),
            Some(r#"invalid amount "1,2345678 triệu": expected a whole number of đồng"#)
        );
        let share = "trên chín mươi %".parse::<Reported<Ratio>>().unwrap_err();
        insta::assert_snapshot!(share.to_string(), @r#"invalid reported ratio "trên chín mươi %": expected an optional qualifier such as "trên" and a percentage such as "90%" or a fraction such as "3.646/3.800""#);
        // A qualifier word must stand alone.
        assert!("trên5".parse::<Reported<u64>>().is_err());
        assert!("hơnn 5".parse::<Reported<u64>>().is_err());
        assert!("trên trên 5".parse::<Reported<u64>>().is_err());
    }

    #[test]
    fn serde_form() {
        let r = count(MoreThan, 3_800);
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, r#"{"value":3800,"qualifier":"more_than"}"#);
        let plain: Reported<u64> = serde_json::from_str(r#"{"value":5}"#).unwrap();
        assert_eq!(plain, count(Exact, 5));
        let share = Reported::new(ratio(90, 100), MoreThan);
        assert_eq!(
            serde_json::to_string(&share).unwrap(),
            r#"{"value":"90/100","qualifier":"more_than"}"#
        );
        let money: Reported<Vnd> =
            serde_json::from_str(r#"{"value":1065000000,"qualifier":"more_than"}"#).unwrap();
        assert_eq!(money.value(), Vnd::from_dong(1_065_000_000));
        let bad = serde_json::from_str::<Reported<Ratio>>(r#"{"value":"1/0"}"#).unwrap_err();
        insta::assert_snapshot!(bad.to_string(), @r#"invalid ratio "1/0": the denominator must not be zero at line 1 column 15"#);
        assert!(serde_json::from_str::<Reported<u64>>(r#"{"value":-1}"#).is_err());
        assert!(
            serde_json::from_str::<Reported<u64>>(r#"{"value":1,"qualifier":"roughly"}"#).is_err()
        );
        assert!(
            serde_json::from_str::<Reported<u64>>(r#"{"value":1,"qualifer":"about"}"#).is_err()
        );
        assert!(serde_json::from_str::<Reported<u64>>(r#"{"qualifier":"about"}"#).is_err());
    }

    #[test]
    fn public_types_are_send_and_sync() {
        fn check<T: Send + Sync + 'static>() {}
        check::<Reported<u64>>();
        check::<Reported<Vnd>>();
        check::<Reported<Ratio>>();
        check::<Qualifier>();
        check::<ReportedError>();
        check::<crate::value::money::VndSum>();
        check::<MoneyError>();
        check::<RatioError>();
        check::<crate::value::format::FormatError>();
        check::<crate::value::format::LangError>();
        check::<Lang>();
    }

    fn qualifier() -> impl Strategy<Value = Qualifier> {
        prop_oneof![
            Just(Exact),
            Just(MoreThan),
            Just(AtLeast),
            Just(About),
            Just(LessThan),
            Just(AtMost)
        ]
    }

    fn any_ratio() -> impl Strategy<Value = Ratio> {
        prop_oneof![
            (any::<u64>(), 1_u64..).prop_map(|(n, d)| ratio(n, d)),
            (any::<u64>(), 0_u32..18).prop_map(|(n, k)| ratio(n, 100 * 10_u64.pow(k))),
        ]
    }

    /// A value admitted by `q` with figure `v`, picked by `d`.
    fn admitted(q: Qualifier, v: u64, d: u64) -> Option<u64> {
        match q {
            Exact => Some(v),
            MoreThan => Some(v + 1 + d),
            AtLeast => Some(v + d),
            LessThan => d.checked_rem(v),
            AtMost => Some(d % (v + 1)),
            _ => Some(d),
        }
    }

    proptest! {
        #[test]
        fn counts_round_trip(v in any::<u64>(), q in qualifier()) {
            let r = count(q, v);
            prop_assert_eq!(r.to_string().parse::<Reported<u64>>().unwrap(), r);
            let json = serde_json::to_string(&r).unwrap();
            prop_assert_eq!(serde_json::from_str::<Reported<u64>>(&json).unwrap(), r);
            let with_noun = format!("{r} đoàn viên");
            prop_assert_eq!(Reported::parse_count(&with_noun).unwrap(), (r, "đoàn viên"));
        }

        #[test]
        fn amounts_round_trip(v in any::<i64>(), q in qualifier()) {
            let r = Reported::new(Vnd::from_dong(v), q);
            prop_assert_eq!(r.to_string().parse::<Reported<Vnd>>().unwrap(), r);
            let json = serde_json::to_string(&r).unwrap();
            prop_assert_eq!(serde_json::from_str::<Reported<Vnd>>(&json).unwrap(), r);
        }

        #[test]
        fn ratios_round_trip(v in any_ratio(), q in qualifier()) {
            let r = Reported::new(v, q);
            prop_assert_eq!(r.to_string().parse::<Reported<Ratio>>().unwrap(), r);
            let json = serde_json::to_string(&r).unwrap();
            prop_assert_eq!(serde_json::from_str::<Reported<Ratio>>(&json).unwrap(), r);
        }

        #[test]
        fn sums_admit_every_sum_of_admitted_values(
            (qa, a, da) in (qualifier(), 0_u64..1_000, 0_u64..1_000),
            (qb, b, db) in (qualifier(), 0_u64..1_000, 0_u64..1_000),
        ) {
            let (ra, rb) = (count(qa, a), count(qb, b));
            let (Some(x), Some(y)) = (admitted(qa, a, da), admitted(qb, b, db)) else {
                return Ok(());
            };
            prop_assert!(ra.admits(x) && rb.admits(y));
            let sum = ra.checked_add(rb).unwrap();
            prop_assert!(sum.admits(x + y), "{} + {} = {} should admit {}", ra, rb, sum, x + y);
        }

        #[test]
        fn may_equal_matches_a_common_admitted_value(
            (qa, a) in (qualifier(), 0_u64..20),
            (qb, b) in (qualifier(), 0_u64..20),
        ) {
            let (ra, rb) = (count(qa, a), count(qb, b));
            let witness = (0..=21).any(|x| ra.admits(x) && rb.admits(x));
            prop_assert_eq!(ra.may_equal(&rb), witness, "{} vs {}", ra, rb);
            prop_assert_eq!(ra.may_equal(&rb), rb.may_equal(&ra));
        }

        #[test]
        fn reading_never_panics(s in any::<String>()) {
            let _ = s.parse::<Reported<u64>>();
            let _ = s.parse::<Reported<Vnd>>();
            let _ = s.parse::<Reported<Ratio>>();
            let _ = Reported::parse_count(&s);
        }

        #[test]
        fn reading_figure_like_text_never_panics(
            s in "(trên|hơn|từ|khoảng|ít nhất|dưới|gần|tối đa)? ?[0-9.,]{0,12} ?(%|triệu|đồng|đoàn viên|trở lên)?"
        ) {
            let _ = s.parse::<Reported<u64>>();
            let _ = s.parse::<Reported<Vnd>>();
            let _ = s.parse::<Reported<Ratio>>();
            let _ = Reported::parse_count(&s);
        }
    }
}
