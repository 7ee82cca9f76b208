//! Money in Vietnamese đồng (*tiền đồng*, VND, ₫).
//!
//! A [`Vnd`] is a whole number of đồng in an `i64`. Negative amounts exist
//! (differences, adjustments); validators of a ledger flag negative entries where
//! they make no sense. Arithmetic is checked only (`checked_add`, `checked_sub`,
//! `checked_mul`, `checked_sum`): there is no `+` that could wrap or panic.
//! [`VndSum`] adds amounts in an `i128`, so a national total never overflows on the
//! way.
//!
//! Reports write amounts in many ways, all read by [`FromStr`]:
//! `265.902.000 đồng`, `265.902.000đ`, `265.902.000 VNĐ`, `2.340.000 ₫`, a bare
//! `265.902.000`, `1.065 triệu đồng` (*triệu* = million), `37,5 triệu đồng`,
//! `2,34 triệu`, `35 tr.đ`, `35 trđ`, `35tr`, `1,2 tỷ đồng` (*tỷ* = 10⁹),
//! `500 nghìn đồng` / `500 ngàn` (*nghìn* = thousand). Units are matched regardless
//! of letter case, accents and Unicode normalization (NFC or NFD). Numbers are
//! Vietnamese: `.` groups thousands, `,` starts decimals. The result must be a whole
//! number of đồng within the `i64` range.
//!
//! Written forms: `265.902.000 đồng` (`Display`, [`Vnd::to_dong_string`]),
//! `1.065 triệu đồng` ([`Vnd::to_trieu_string`]), `1,2 tỷ đồng`
//! ([`Vnd::to_ty_string`]); English `265,902,000 VND`, `37.5 million VND`. Rounding
//! (half-up) happens only there. In files (serde) an amount is a JSON integer of đồng.

use std::fmt;
use std::num::NonZeroU128;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::value::format::{
    Lang, NumberErrorKind, Sign, fold, format_fraction, format_integer, parse_decimal, split_number,
};

const MILLION: u128 = 1_000_000;
const BILLION: u128 = 1_000_000_000;

/// An amount of money in whole Vietnamese đồng.
///
/// ```
/// use thidua::{Lang, Vnd};
///
/// let covid: Vnd = "1.065 triệu đồng".parse()?;
/// assert_eq!(covid, Vnd::from_dong(1_065_000_000));
/// assert_eq!(covid.to_trieu_string(1, Lang::Vi), "1.065 triệu đồng");
///
/// let house: Vnd = "37,5 triệu đồng".parse()?;
/// assert_eq!(house.get(), 37_500_000);
/// assert_eq!(house.to_trieu_string(1, Lang::En), "37.5 million VND");
///
/// let sponsorship = Vnd::from_dong(265_902_000);
/// assert_eq!(sponsorship.to_string(), "265.902.000 đồng");
/// assert_eq!(sponsorship.checked_add(house), Some(Vnd::from_dong(303_402_000)));
/// # Ok::<(), thidua::MoneyError>(())
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Vnd(i64);

impl Vnd {
    /// No money: 0 đồng.
    pub const ZERO: Self = Self(0);

    /// The amount of `dong` đồng.
    #[must_use]
    pub const fn from_dong(dong: i64) -> Self {
        Self(dong)
    }

    /// The amount of `trieu` million đồng, if it fits.
    #[must_use]
    pub const fn from_trieu(trieu: i64) -> Option<Self> {
        match trieu.checked_mul(1_000_000) {
            Some(dong) => Some(Self(dong)),
            None => None,
        }
    }

    /// The amount in đồng.
    #[must_use]
    pub const fn get(self) -> i64 {
        self.0
    }

    /// Whether the amount is below zero.
    #[must_use]
    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// `self + other`, or `None` on overflow.
    #[must_use]
    pub const fn checked_add(self, other: Self) -> Option<Self> {
        match self.0.checked_add(other.0) {
            Some(dong) => Some(Self(dong)),
            None => None,
        }
    }

    /// `self - other`, or `None` on overflow.
    #[must_use]
    pub const fn checked_sub(self, other: Self) -> Option<Self> {
        match self.0.checked_sub(other.0) {
            Some(dong) => Some(Self(dong)),
            None => None,
        }
    }

    /// `self × factor`, or `None` on overflow.
    #[must_use]
    pub const fn checked_mul(self, factor: i64) -> Option<Self> {
        match self.0.checked_mul(factor) {
            Some(dong) => Some(Self(dong)),
            None => None,
        }
    }

    /// The sum of `amounts`, computed in an `i128` so that only the final total has to
    /// fit.
    ///
    /// ```
    /// use thidua::Vnd;
    ///
    /// let total = Vnd::checked_sum([Vnd::from_dong(i64::MAX), Vnd::from_dong(-1), Vnd::from_dong(1)])?;
    /// assert_eq!(total, Vnd::from_dong(i64::MAX));
    /// # Ok::<(), thidua::MoneyError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`MoneyError::SumOutOfRange`] when the total does not fit an `i64`
    /// ([`MoneyError::SumOverflow`] past the `i128` range, after more than 2⁶⁴
    /// amounts).
    pub fn checked_sum<I: IntoIterator<Item = Self>>(amounts: I) -> Result<Self, MoneyError> {
        amounts.into_iter().collect::<VndSum>().total()
    }

    /// The amount in đồng with grouped digits: `265.902.000 đồng`, English
    /// `265,902,000 VND`.
    #[must_use]
    pub fn to_dong_string(self, lang: Lang) -> String {
        dong_string(i128::from(self.0), lang)
    }

    /// The amount in millions (*triệu*) with at most `max_fraction_digits` decimals,
    /// rounded half-up: `1.065 triệu đồng`, `37,5 triệu đồng`, English
    /// `37.5 million VND`.
    #[must_use]
    pub fn to_trieu_string(self, max_fraction_digits: u8, lang: Lang) -> String {
        scaled_string(
            i128::from(self.0),
            Scale::Million,
            max_fraction_digits,
            lang,
        )
    }

    /// The amount in billions (*tỷ*) with at most `max_fraction_digits` decimals,
    /// rounded half-up: `1,2 tỷ đồng`, English `1.2 billion VND`.
    #[must_use]
    pub fn to_ty_string(self, max_fraction_digits: u8, lang: Lang) -> String {
        scaled_string(
            i128::from(self.0),
            Scale::Billion,
            max_fraction_digits,
            lang,
        )
    }
}

impl fmt::Display for Vnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_dong_string(Lang::Vi))
    }
}

impl FromStr for Vnd {
    type Err = MoneyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_amount(s).map(Self)
    }
}

impl From<Vnd> for i64 {
    fn from(amount: Vnd) -> Self {
        amount.0
    }
}

/// A running total of [`Vnd`] amounts in an `i128`, for roll-ups where the
/// intermediate sums of national data may not fit an `i64`.
///
/// Adding never panics: past the `i128` range (more than 2⁶⁴ maximal amounts, or
/// merging a total into itself over and over) the total is marked as overflowed and
/// every reading of it is an error.
///
/// ```
/// use thidua::{Lang, Vnd, VndSum};
///
/// let mut sum = VndSum::new();
/// sum.add(Vnd::from_dong(i64::MAX));
/// sum.add(Vnd::from_dong(i64::MAX));
/// assert_eq!(sum.to_i128(), Some(2 * i128::from(i64::MAX)));
/// assert!(sum.total().is_err());
/// assert_eq!(sum.to_dong_string(Lang::Vi)?, "18.446.744.073.709.551.614 đồng");
/// # Ok::<(), thidua::MoneyError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VndSum {
    /// `None` once the total left the `i128` range.
    total: Option<i128>,
}

impl VndSum {
    /// An empty total: 0 đồng.
    #[must_use]
    pub const fn new() -> Self {
        Self { total: Some(0) }
    }

    /// A running total that already holds `total` đồng.
    pub(crate) const fn from_i128(total: i128) -> Self {
        Self { total: Some(total) }
    }

    /// Adds one amount.
    pub fn add(&mut self, amount: Vnd) {
        self.total = self
            .total
            .and_then(|t| t.checked_add(i128::from(amount.get())));
    }

    /// Adds another running total, as when partial totals of two sub-trees meet.
    pub fn merge(&mut self, other: Self) {
        self.total = match (self.total, other.total) {
            (Some(a), Some(b)) => a.checked_add(b),
            _ => None,
        };
    }

    /// Takes back a running total added before (a total out of range stays so).
    pub fn retract(&mut self, other: Self) {
        self.total = match (self.total, other.total) {
            (Some(a), Some(b)) => a.checked_sub(b),
            _ => None,
        };
    }

    /// The exact total, or `None` if it left the `i128` range.
    #[must_use]
    pub const fn to_i128(self) -> Option<i128> {
        self.total
    }

    /// The total as an amount.
    ///
    /// # Errors
    ///
    /// [`MoneyError::SumOutOfRange`] when the total does not fit an `i64`,
    /// [`MoneyError::SumOverflow`] when it left the `i128` range.
    pub fn total(self) -> Result<Vnd, MoneyError> {
        let total = self.exact()?;
        i64::try_from(total)
            .map(Vnd)
            .map_err(|_| MoneyError::SumOutOfRange { total })
    }

    /// The total in đồng, as [`Vnd::to_dong_string`] writes it, even beyond the `i64`
    /// range.
    ///
    /// # Errors
    ///
    /// [`MoneyError::SumOverflow`] when the total left the `i128` range.
    pub fn to_dong_string(self, lang: Lang) -> Result<String, MoneyError> {
        Ok(dong_string(self.exact()?, lang))
    }

    /// The total in millions, as [`Vnd::to_trieu_string`] writes it, even beyond the
    /// `i64` range.
    ///
    /// # Errors
    ///
    /// [`MoneyError::SumOverflow`] when the total left the `i128` range.
    pub fn to_trieu_string(
        self,
        max_fraction_digits: u8,
        lang: Lang,
    ) -> Result<String, MoneyError> {
        Ok(scaled_string(
            self.exact()?,
            Scale::Million,
            max_fraction_digits,
            lang,
        ))
    }

    fn exact(self) -> Result<i128, MoneyError> {
        self.total.ok_or(MoneyError::SumOverflow)
    }
}

impl Default for VndSum {
    fn default() -> Self {
        Self::new()
    }
}

impl Extend<Vnd> for VndSum {
    fn extend<I: IntoIterator<Item = Vnd>>(&mut self, amounts: I) {
        for amount in amounts {
            self.add(amount);
        }
    }
}

impl FromIterator<Vnd> for VndSum {
    fn from_iter<I: IntoIterator<Item = Vnd>>(amounts: I) -> Self {
        let mut sum = Self::new();
        sum.extend(amounts);
        sum
    }
}

/// An error reading or adding amounts of money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MoneyError {
    /// The number in the text is malformed.
    #[error("invalid amount {input:?}: {kind}")]
    Invalid {
        /// The text read.
        input: String,
        /// What is wrong with the number.
        kind: NumberErrorKind,
    },
    /// The text after the number is not a unit of money.
    #[error(
        "invalid amount {input:?}: unknown unit {unit:?}, expected đồng, đ, VNĐ, VND, ₫, nghìn, ngàn, triệu, tr, trđ or tỷ"
    )]
    UnknownUnit {
        /// The text read.
        input: String,
        /// The unit as written.
        unit: String,
    },
    /// The amount has a fraction of a đồng, as `1,2345678 triệu`.
    #[error("invalid amount {input:?}: expected a whole number of đồng")]
    FractionalDong {
        /// The text read.
        input: String,
    },
    /// The amount does not fit an `i64` of đồng.
    #[error(
        "invalid amount {input:?}: expected between -9.223.372.036.854.775.808 and 9.223.372.036.854.775.807 đồng"
    )]
    OutOfRange {
        /// The text read.
        input: String,
    },
    /// A total does not fit an `i64` of đồng.
    #[error(
        "total of {} đồng is out of range: expected between -9.223.372.036.854.775.808 and 9.223.372.036.854.775.807 đồng",
        format_integer(*.total, Lang::Vi)
    )]
    SumOutOfRange {
        /// The exact total in đồng.
        total: i128,
    },
    /// A running total left the `i128` range.
    #[error("total of amounts is beyond ±1,7·10³⁸ đồng")]
    SumOverflow,
}

/// A unit that scales the number written before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scale {
    One,
    Thousand,
    Million,
    Billion,
}

impl Scale {
    const fn factor(self) -> u128 {
        match self {
            Self::One => 1,
            Self::Thousand => 1_000,
            Self::Million => MILLION,
            Self::Billion => BILLION,
        }
    }
}

fn dong_string(dong: i128, lang: Lang) -> String {
    let unit = match lang {
        Lang::Vi => "đồng",
        Lang::En => "VND",
    };
    format!("{} {unit}", format_integer(dong, lang))
}

fn scaled_string(dong: i128, scale: Scale, max_fraction_digits: u8, lang: Lang) -> String {
    let unit = match (scale, lang) {
        (Scale::Billion, Lang::Vi) => "tỷ đồng",
        (Scale::Billion, Lang::En) => "billion VND",
        (Scale::Thousand, Lang::Vi) => "nghìn đồng",
        (Scale::Thousand, Lang::En) => "thousand VND",
        (Scale::One, Lang::Vi) => "đồng",
        (Scale::One, Lang::En) => "VND",
        (Scale::Million, Lang::Vi) => "triệu đồng",
        (Scale::Million, Lang::En) => "million VND",
    };
    let sign = if dong < 0 {
        Sign::Negative
    } else {
        Sign::Positive
    };
    let number = format_fraction(
        sign,
        dong.unsigned_abs(),
        NonZeroU128::new(scale.factor()).unwrap_or(NonZeroU128::MIN),
        max_fraction_digits,
        lang,
    );
    format!("{number} {unit}")
}

/// Reads an amount in any of the forms reports use, in đồng.
fn parse_amount(input: &str) -> Result<i64, MoneyError> {
    let invalid = |kind| MoneyError::Invalid {
        input: input.to_owned(),
        kind,
    };
    let text = input.trim();
    let (sign, text) = match text.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (Sign::Negative, rest),
        None => (Sign::Positive, text),
    };
    let (number, unit_text) = split_number(text);
    let decimal = parse_decimal(number).map_err(invalid)?.trimmed();
    let scale = parse_unit(unit_text).ok_or_else(|| MoneyError::UnknownUnit {
        input: input.to_owned(),
        unit: unit_text.trim().to_owned(),
    })?;
    let out_of_range = || MoneyError::OutOfRange {
        input: input.to_owned(),
    };
    let Some(divisor) = crate::value::format::pow10(decimal.scale) else {
        // More decimals than any unit can absorb.
        return Err(MoneyError::FractionalDong {
            input: input.to_owned(),
        });
    };
    let scaled = decimal
        .digits
        .checked_mul(scale.factor())
        .ok_or_else(out_of_range)?;
    if !scaled.is_multiple_of(divisor) {
        return Err(MoneyError::FractionalDong {
            input: input.to_owned(),
        });
    }
    let magnitude = i128::try_from(scaled / divisor).map_err(|_| out_of_range())?;
    let value = match sign {
        Sign::Negative => -magnitude,
        Sign::Positive => magnitude,
    };
    i64::try_from(value).map_err(|_| out_of_range())
}

/// Reads the unit after the number: an optional multiplier (*nghìn*, *ngàn*,
/// *triệu*, *tr*, *tỷ*, *tỉ*) then an optional currency (*đồng*, *đ*, *VNĐ*, *VND*,
/// *₫*), with an optional `.` or space between them (`tr.đ`, `trđ`, `triệu đồng`).
fn parse_unit(text: &str) -> Option<Scale> {
    const MULTIPLIERS: [(&str, Scale); 6] = [
        ("trieu", Scale::Million),
        ("tr", Scale::Million),
        ("nghin", Scale::Thousand),
        ("ngan", Scale::Thousand),
        ("ty", Scale::Billion),
        ("ti", Scale::Billion),
    ];
    const CURRENCIES: [&str; 5] = ["", "dong", "d", "vnd", "₫"];
    let folded = fold(text);
    let (scale, rest) = MULTIPLIERS
        .iter()
        .find_map(|&(word, scale)| folded.strip_prefix(word).map(|rest| (scale, rest)))
        .unwrap_or((Scale::One, folded.as_str()));
    let currency = if scale == Scale::One {
        rest
    } else {
        let rest = rest.strip_prefix('.').unwrap_or(rest);
        rest.strip_prefix(' ').unwrap_or(rest)
    };
    CURRENCIES.contains(&currency).then_some(scale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn vnd(s: &str) -> i64 {
        match s.parse::<Vnd>() {
            Ok(v) => v.get(),
            Err(e) => panic!("{s:?}: {e}"),
        }
    }

    fn err(s: &str) -> String {
        s.parse::<Vnd>().unwrap_err().to_string()
    }

    #[test]
    fn every_written_form_is_read() {
        assert_eq!(vnd("265.902.000 đồng"), 265_902_000);
        assert_eq!(vnd("265.902.000đ"), 265_902_000);
        assert_eq!(vnd("265.902.000 VNĐ"), 265_902_000);
        assert_eq!(vnd("265.902.000 VND"), 265_902_000);
        assert_eq!(vnd("265.902.000 vnd"), 265_902_000);
        assert_eq!(vnd("2.340.000 ₫"), 2_340_000);
        assert_eq!(vnd("2.340.000₫"), 2_340_000);
        assert_eq!(vnd("265.902.000"), 265_902_000);
        assert_eq!(vnd("1.065 triệu đồng"), 1_065_000_000);
        assert_eq!(vnd("37,5 triệu đồng"), 37_500_000);
        assert_eq!(vnd("2,34 triệu"), 2_340_000);
        assert_eq!(vnd("35 tr.đ"), 35_000_000);
        assert_eq!(vnd("35 trđ"), 35_000_000);
        assert_eq!(vnd("35tr"), 35_000_000);
        assert_eq!(vnd("35 Tr.Đ"), 35_000_000);
        assert_eq!(vnd("1,2 tỷ đồng"), 1_200_000_000);
        assert_eq!(vnd("1,2 tỉ"), 1_200_000_000);
        assert_eq!(vnd("500 nghìn đồng"), 500_000);
        assert_eq!(vnd("500 ngàn"), 500_000);
        assert_eq!(vnd("0,5 nghìn"), 500);
        assert_eq!(vnd("17 TRIỆU ĐỒNG"), 17_000_000);
        assert_eq!(vnd("  364 triệu   đồng  "), 364_000_000);
        assert_eq!(vnd("364\u{a0}triệu\u{a0}đồng"), 364_000_000);
        assert_eq!(vnd("-1.234 đồng"), -1_234);
        assert_eq!(vnd("\u{2212}1.234 đồng"), -1_234);
        assert_eq!(vnd("0 đồng"), 0);
        assert_eq!(vnd("-0"), 0);
        assert_eq!(
            vnd("1,50000000000000000000000000000000000 tỷ"),
            1_500_000_000
        );
        assert_eq!(vnd("9.223.372.036.854.775.807 đồng"), i64::MAX);
        assert_eq!(vnd("-9.223.372.036.854.775.808 đồng"), i64::MIN);
    }

    #[test]
    fn units_are_read_in_nfd_too() {
        // "đồng" and "triệu" decomposed: o + U+0302 + U+0300, e + U+0323 + U+0302.
        assert_eq!(vnd("265.902.000 \u{111}o\u{302}\u{300}ng"), 265_902_000);
        assert_eq!(
            vnd("37,5 trie\u{323}\u{302}u \u{111}o\u{302}\u{300}ng"),
            37_500_000
        );
        assert_eq!(vnd("1,2 ty\u{309}"), 1_200_000_000);
    }

    #[test]
    fn errors_quote_the_input_and_say_what_was_expected() {
        insta::assert_snapshot!(err(""), @r#"invalid amount "": expected a number such as "2.803" or "37,5""#);
        insta::assert_snapshot!(err("đồng"), @r#"invalid amount "đồng": expected a number such as "2.803" or "37,5""#);
        insta::assert_snapshot!(err("NaN"), @r#"invalid amount "NaN": expected a number such as "2.803" or "37,5""#);
        insta::assert_snapshot!(err("1e9"), @r#"invalid amount "1e9": unknown unit "e9", expected đồng, đ, VNĐ, VND, ₫, nghìn, ngàn, triệu, tr, trđ or tỷ"#);
        insta::assert_snapshot!(err("5 USD"), @r#"invalid amount "5 USD": unknown unit "USD", expected đồng, đ, VNĐ, VND, ₫, nghìn, ngàn, triệu, tr, trđ or tỷ"#);
        insta::assert_snapshot!(err("1.06.5 triệu"), @r#"invalid amount "1.06.5 triệu": expected groups of three digits after each "." such as "265.902.000""#);
        insta::assert_snapshot!(err("12.34"), @r#"invalid amount "12.34": expected groups of three digits after each "." such as "265.902.000""#);
        insta::assert_snapshot!(err("37, triệu"), @r#"invalid amount "37, triệu": expected digits after a single decimal comma such as "37,5""#);
        insta::assert_snapshot!(err("1,2345678 triệu"), @r#"invalid amount "1,2345678 triệu": expected a whole number of đồng"#);
        insta::assert_snapshot!(err("1,5 đồng"), @r#"invalid amount "1,5 đồng": expected a whole number of đồng"#);
        insta::assert_snapshot!(err("9.223.372.036.854.775.808"), @r#"invalid amount "9.223.372.036.854.775.808": expected between -9.223.372.036.854.775.808 and 9.223.372.036.854.775.807 đồng"#);
        insta::assert_snapshot!(err("10.000.000.000 tỷ"), @r#"invalid amount "10.000.000.000 tỷ": expected between -9.223.372.036.854.775.808 and 9.223.372.036.854.775.807 đồng"#);
        insta::assert_snapshot!(err("1.000.000.000.000.000.000.000.000.000.000 tỷ"), @r#"invalid amount "1.000.000.000.000.000.000.000.000.000.000 tỷ": expected between -9.223.372.036.854.775.808 and 9.223.372.036.854.775.807 đồng"#);
        insta::assert_snapshot!(err("1.000.000.000.000.000.000.000.000.000.000.000.000.000"), @r#"invalid amount "1.000.000.000.000.000.000.000.000.000.000.000.000.000": the number is too large"#);
        insta::assert_snapshot!(err("265.902.000 đồng."), @r#"invalid amount "265.902.000 đồng.": unknown unit "đồng.", expected đồng, đ, VNĐ, VND, ₫, nghìn, ngàn, triệu, tr, trđ or tỷ"#);
        insta::assert_snapshot!(err("1,000000000000000000000000000000000000001 tỷ"), @r#"invalid amount "1,000000000000000000000000000000000000001 tỷ": the number is too large"#);
        insta::assert_snapshot!(err("0,0000000000000000000000000000000000000001"), @r#"invalid amount "0,0000000000000000000000000000000000000001": expected a whole number of đồng"#);
        assert!("triệu".parse::<Vnd>().is_err());
        assert!("35 trieu dong dong".parse::<Vnd>().is_err());
        assert!("35 tr..đ".parse::<Vnd>().is_err());
        assert!("--5".parse::<Vnd>().is_err());
        assert!("+5".parse::<Vnd>().is_err());
    }

    #[test]
    fn amounts_are_written_with_their_unit() {
        let v = Vnd::from_dong;
        assert_eq!(v(265_902_000).to_string(), "265.902.000 đồng");
        assert_eq!(v(265_902_000).to_dong_string(Lang::En), "265,902,000 VND");
        assert_eq!(v(-1_234).to_string(), "-1.234 đồng");
        assert_eq!(
            v(1_065_000_000).to_trieu_string(0, Lang::Vi),
            "1.065 triệu đồng"
        );
        assert_eq!(
            v(37_500_000).to_trieu_string(1, Lang::Vi),
            "37,5 triệu đồng"
        );
        assert_eq!(v(37_500_000).to_trieu_string(0, Lang::Vi), "38 triệu đồng");
        assert_eq!(v(2_340_000).to_trieu_string(2, Lang::Vi), "2,34 triệu đồng");
        assert_eq!(
            v(37_500_000).to_trieu_string(1, Lang::En),
            "37.5 million VND"
        );
        assert_eq!(
            v(1_065_500_000).to_trieu_string(0, Lang::Vi),
            "1.066 triệu đồng"
        );
        assert_eq!(
            v(-37_500_000).to_trieu_string(0, Lang::Vi),
            "-38 triệu đồng"
        );
        assert_eq!(v(1_200_000_000).to_ty_string(1, Lang::Vi), "1,2 tỷ đồng");
        assert_eq!(v(1_250_000_000).to_ty_string(1, Lang::Vi), "1,3 tỷ đồng");
        assert_eq!(
            v(1_200_000_000).to_ty_string(1, Lang::En),
            "1.2 billion VND"
        );
        assert_eq!(v(400_000).to_trieu_string(0, Lang::Vi), "0 triệu đồng");
    }

    #[test]
    fn arithmetic_is_checked() {
        let v = Vnd::from_dong;
        assert_eq!(v(5).checked_add(v(7)), Some(v(12)));
        assert_eq!(v(i64::MAX).checked_add(v(1)), None);
        assert_eq!(v(5).checked_sub(v(7)), Some(v(-2)));
        assert_eq!(v(i64::MIN).checked_sub(v(1)), None);
        assert_eq!(v(2_340_000).checked_mul(3), Some(v(7_020_000)));
        assert_eq!(v(i64::MAX).checked_mul(2), None);
        assert_eq!(Vnd::from_trieu(35), Some(v(35_000_000)));
        assert_eq!(Vnd::from_trieu(i64::MAX), None);
        assert_eq!(Vnd::checked_sum([]), Ok(Vnd::ZERO));
        assert_eq!(Vnd::checked_sum([v(1), v(2), v(3)]), Ok(v(6)));
        let too_much = Vnd::checked_sum([v(i64::MAX), v(1)]).unwrap_err();
        assert_eq!(too_much, MoneyError::SumOutOfRange { total: 1 << 63 });
        insta::assert_snapshot!(too_much.to_string(), @"total of 9.223.372.036.854.775.808 đồng is out of range: expected between -9.223.372.036.854.775.808 and 9.223.372.036.854.775.807 đồng");
        assert!(v(-1).is_negative());
        assert!(!Vnd::ZERO.is_negative());
        assert_eq!(i64::from(v(9)), 9);
    }

    #[test]
    fn running_totals_go_beyond_i64() {
        let mut sum: VndSum = std::iter::repeat_n(Vnd::from_dong(i64::MAX), 4).collect();
        assert_eq!(sum.to_i128(), Some(4 * i128::from(i64::MAX)));
        assert_eq!(
            sum.to_trieu_string(0, Lang::Vi).unwrap(),
            "36.893.488.147.419 triệu đồng"
        );
        let mut other = VndSum::default();
        other.add(Vnd::from_dong(i64::MIN));
        other.add(Vnd::from_dong(i64::MIN));
        other.add(Vnd::from_dong(i64::MIN));
        other.add(Vnd::from_dong(i64::MIN));
        sum.merge(other);
        assert_eq!(sum.total(), Ok(Vnd::from_dong(-4)));
        for _ in 0..200 {
            let copy = sum;
            sum.merge(copy);
            sum.add(Vnd::from_dong(i64::MIN));
        }
        assert_eq!(sum.to_i128(), None);
        assert_eq!(sum.total(), Err(MoneyError::SumOverflow));
        insta::assert_snapshot!(sum.to_dong_string(Lang::Vi).unwrap_err().to_string(), @"total of amounts is beyond ±1,7·10³⁸ đồng");
    }

    #[test]
    fn serde_is_an_integer_of_dong() {
        let v = Vnd::from_dong(265_902_000);
        assert_eq!(serde_json::to_string(&v).unwrap(), "265902000");
        assert_eq!(
            serde_json::from_str::<Vnd>("-5").unwrap(),
            Vnd::from_dong(-5)
        );
        assert!(serde_json::from_str::<Vnd>("1.5").is_err());
        assert!(serde_json::from_str::<Vnd>("9223372036854775808").is_err());
        assert!(serde_json::from_str::<Vnd>(r#""5""#).is_err());
    }

    proptest! {
        #[test]
        fn dong_form_round_trips(n in any::<i64>()) {
            let v = Vnd::from_dong(n);
            prop_assert_eq!(v.to_string().parse::<Vnd>().unwrap(), v);
            prop_assert_eq!(v.to_dong_string(Lang::Vi).parse::<Vnd>().unwrap(), v);
            prop_assert_eq!(format_integer(i128::from(n), Lang::Vi).parse::<Vnd>().unwrap(), v);
        }

        #[test]
        fn exact_scaled_forms_round_trip(n in any::<i64>()) {
            let v = Vnd::from_dong(n);
            prop_assert_eq!(v.to_trieu_string(6, Lang::Vi).parse::<Vnd>().unwrap(), v);
            prop_assert_eq!(v.to_ty_string(9, Lang::Vi).parse::<Vnd>().unwrap(), v);
        }

        #[test]
        fn rounded_millions_are_within_half_a_million(n in any::<i64>()) {
            let v = Vnd::from_dong(n);
            let text = v.to_trieu_string(0, Lang::Vi);
            // Reading back needs the i128 range: rounding may step past i64.
            let number = text.trim_end_matches(" triệu đồng");
            let negative = number.starts_with('-');
            let digits = parse_decimal(number.trim_start_matches('-')).unwrap().digits;
            let millions = i128::try_from(digits).unwrap() * if negative { -1 } else { 1 };
            let diff = millions * 1_000_000 - i128::from(n);
            prop_assert!(diff.abs() <= 500_000);
            if diff.abs() == 500_000 {
                prop_assert_eq!(diff.signum(), i128::from(n).signum());
            }
        }

        #[test]
        fn serde_round_trips(n in any::<i64>()) {
            let v = Vnd::from_dong(n);
            let json = serde_json::to_string(&v).unwrap();
            prop_assert_eq!(serde_json::from_str::<Vnd>(&json).unwrap(), v);
        }

        #[test]
        fn sums_are_exact(ns in proptest::collection::vec(any::<i64>(), 0..20)) {
            let exact: i128 = ns.iter().map(|&n| i128::from(n)).sum();
            let sum: VndSum = ns.iter().map(|&n| Vnd::from_dong(n)).collect();
            prop_assert_eq!(sum.to_i128(), Some(exact));
            let checked = Vnd::checked_sum(ns.iter().map(|&n| Vnd::from_dong(n)));
            prop_assert_eq!(checked.ok().map(Vnd::get), i64::try_from(exact).ok());
        }

        #[test]
        fn reading_never_panics(s in any::<String>()) {
            let _ = s.parse::<Vnd>();
        }

        #[test]
        fn reading_amount_like_text_never_panics(
            s in "[-−]?[0-9.,]{0,30} ?(đồng|đ|tr|trđ|tr\\.đ|triệu|tỷ|nghìn|VNĐ|₫|x)?"
        ) {
            let _ = s.parse::<Vnd>();
        }
    }
}
