//! Exact ratios (*tỷ lệ*): shares and percentages as reports quote them.
//!
//! Reports give ratios in two forms: a fraction of counts (`3.646/3.800` đoàn viên,
//! `257/305` sáng kiến công nhận) and a percentage (`78%`, `19,5%`, `95,34%`).
//! A [`Ratio`] holds both exactly as a numerator and a denominator (`u64`, the
//! denominator never zero) and keeps them **as given**: `3.646/3.800` prints as
//! `3.646/3.800`, not `1.823/1.900`; [`Ratio::reduced`] gives the lowest terms.
//!
//! Equality (`==`, `Hash`) is therefore *structural*: `1/2 != 2/4`. Comparing
//! values is explicit and exact, by cross-multiplication: [`Ratio::cmp_value`] and
//! [`Ratio::eq_value`]. There is deliberately no `Ord`, which would have to agree with
//! the structural `==`.
//!
//! A ratio above one (more than 100%) is allowed: it is data, such as initiatives
//! recognised out of those submitted when a report says `3.124/1.724`; validators
//! flag it with [`Ratio::exceeds_one`].
//!
//! Rounding happens only when a percentage is printed
//! ([`Ratio::to_percent_string`]), half-up.
//!
//! Text forms (Vietnamese, read by [`FromStr`] and written by `Display`):
//! * a fraction `3.646/3.800` (`.` groups thousands; spaces around `/` allowed);
//! * a percentage `95,34%`, read as `9534/10000`, and `78%` as `78/100`: the
//!   denominator is 100 times a power of ten, one per decimal written.
//!
//! `Display` writes the percentage form when the denominator is 100, 1000, 10000, …
//! (with as many decimals as that power of ten: `950/1000` is `95,0%`) and the
//! fraction form otherwise, so that reading it back gives the same numerator and
//! denominator.
//!
//! In files (serde) a ratio is the string `"numerator/denominator"` in plain digits,
//! without grouping: `"3646/3800"`, `"9534/10000"`. Reading accepts every text form.

use std::cmp::Ordering;
use std::fmt;
use std::num::NonZeroU128;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::value::format::{
    Lang, NumberErrorKind, Sign, format_fraction, group_digits, parse_decimal, pow10,
};

/// An exact, non-negative ratio `numerator / denominator` with a non-zero
/// denominator, kept as given.
///
/// ```
/// use thidua::{Lang, Ratio};
///
/// let members: Ratio = "3.646/3.800".parse()?;
/// assert_eq!(members.to_string(), "3.646/3.800");
/// assert_eq!(members.to_percent_string(2, Lang::Vi), "95,95%");
///
/// let excellent = Ratio::new(16, 82)?;
/// assert_eq!(excellent.to_percent_string(1, Lang::Vi), "19,5%");
/// assert_eq!(excellent.to_percent_string(1, Lang::En), "19.5%");
///
/// let share: Ratio = "95,34%".parse()?;
/// assert_eq!((share.numerator(), share.denominator()), (9_534, 10_000));
/// assert!(Ratio::new(1, 2)?.eq_value(&Ratio::new(2, 4)?));
/// # Ok::<(), thidua::RatioError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ratio {
    num: u64,
    den: u64,
}

impl Ratio {
    /// Zero: `0/1`.
    pub const ZERO: Self = Self { num: 0, den: 1 };

    /// One, the whole: `1/1`.
    pub const ONE: Self = Self { num: 1, den: 1 };

    /// The ratio `num / den`, kept as given.
    ///
    /// # Errors
    ///
    /// [`RatioError::ZeroDenominator`] when `den` is zero.
    pub fn new(num: u64, den: u64) -> Result<Self, RatioError> {
        if den == 0 {
            Err(RatioError::ZeroDenominator {
                input: format!("{num}/0"),
            })
        } else {
            Ok(Self { num, den })
        }
    }

    /// The numerator, as given.
    #[must_use]
    pub const fn numerator(self) -> u64 {
        self.num
    }

    /// The denominator, as given; never zero.
    #[must_use]
    pub const fn denominator(self) -> u64 {
        self.den
    }

    /// The same value in lowest terms: `3646/3800` → `1823/1900`, `0/5` → `0/1`.
    #[must_use]
    pub const fn reduced(self) -> Self {
        let (mut a, mut b) = (self.num, self.den);
        while b != 0 {
            let r = a % b;
            a = b;
            b = r;
        }
        // `a` is the greatest common divisor, at least 1 because `den > 0`.
        if a == 0 {
            return self;
        }
        Self {
            num: self.num / a,
            den: self.den / a,
        }
    }

    /// Compares the values exactly, by cross-multiplication.
    #[must_use]
    pub fn cmp_value(&self, other: &Self) -> Ordering {
        let left = u128::from(self.num) * u128::from(other.den);
        let right = u128::from(other.num) * u128::from(self.den);
        left.cmp(&right)
    }

    /// Whether the values are equal (`1/2` and `2/4` are).
    #[must_use]
    pub fn eq_value(&self, other: &Self) -> bool {
        self.cmp_value(other) == Ordering::Equal
    }

    /// Whether the value is zero.
    #[must_use]
    pub const fn is_zero(self) -> bool {
        self.num == 0
    }

    /// Whether the value is more than one (more than 100%), as when more initiatives
    /// are recognised than were submitted.
    #[must_use]
    pub const fn exceeds_one(self) -> bool {
        self.num > self.den
    }

    /// The percentage with at most `max_fraction_digits` decimals, rounded half-up,
    /// trailing zeros trimmed: `64/82` → `78%` (0 decimals), `16/82` → `19,5%`
    /// (1 decimal), `1/16` → `6,3%` (1 decimal).
    #[must_use]
    pub fn to_percent_string(self, max_fraction_digits: u8, lang: Lang) -> String {
        let mut out = format_fraction(
            Sign::Positive,
            u128::from(self.num) * 100,
            self.den_nonzero(),
            max_fraction_digits,
            lang,
        );
        out.push('%');
        out
    }

    /// The fraction with grouped terms, as given: `3.646/3.800` (Vietnamese),
    /// `3,646/3,800` (English).
    #[must_use]
    pub fn to_fraction_string(self, lang: Lang) -> String {
        let sep = lang.group_separator();
        format!(
            "{}/{}",
            group_digits(u128::from(self.num), sep),
            group_digits(u128::from(self.den), sep)
        )
    }

    /// The lossless text form in `lang`: the percentage when the denominator is 100
    /// times a power of ten (`95,34%`), the fraction otherwise (`3.646/3.800`).
    /// Vietnamese is what [`FromStr`] reads back.
    #[must_use]
    pub fn to_string_in(self, lang: Lang) -> String {
        match percent_decimals(self.den) {
            Some(decimals) => {
                let mut out = group_digits(
                    u128::from(self.num) / pow10(decimals).unwrap_or(1),
                    lang.group_separator(),
                );
                if decimals > 0 {
                    let rest = u128::from(self.num) % pow10(decimals).unwrap_or(1);
                    out.push(lang.decimal_separator());
                    out.push_str(&format!("{rest:0width$}", width = decimals as usize));
                }
                out.push('%');
                out
            }
            None => self.to_fraction_string(lang),
        }
    }

    fn den_nonzero(self) -> NonZeroU128 {
        NonZeroU128::new(u128::from(self.den)).unwrap_or(NonZeroU128::MIN)
    }
}

/// `Some(k)` when `den == 100 · 10^k`.
fn percent_decimals(den: u64) -> Option<u32> {
    if den < 100 || !den.is_multiple_of(100) {
        return None;
    }
    let mut rest = den / 100;
    let mut k = 0;
    while rest.is_multiple_of(10) {
        rest /= 10;
        k += 1;
    }
    (rest == 1).then_some(k)
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_string_in(Lang::Vi))
    }
}

impl FromStr for Ratio {
    type Err = RatioError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid = |kind| RatioError::Invalid {
            input: s.to_owned(),
            kind,
        };
        let text = s.trim();
        if let Some(number) = text.strip_suffix('%') {
            let read = parse_decimal(number.trim_end()).map_err(invalid)?;
            let num = u64::try_from(read.digits).map_err(|_| invalid(NumberErrorKind::TooLarge))?;
            let den = pow10(read.scale)
                .and_then(|p| p.checked_mul(100))
                .and_then(|d| u64::try_from(d).ok())
                .ok_or(invalid(NumberErrorKind::TooLarge))?;
            return Ok(Self { num, den });
        }
        let Some((left, right)) = text.split_once('/') else {
            return Err(RatioError::Syntax {
                input: s.to_owned(),
            });
        };
        if right.contains('/') {
            return Err(RatioError::Syntax {
                input: s.to_owned(),
            });
        }
        let term = |t: &str| -> Result<u64, RatioError> {
            let whole = parse_decimal(t.trim())
                .and_then(|d| d.whole())
                .map_err(invalid)?;
            u64::try_from(whole).map_err(|_| invalid(NumberErrorKind::TooLarge))
        };
        let num = term(left)?;
        let den = term(right)?;
        if den == 0 {
            return Err(RatioError::ZeroDenominator {
                input: s.to_owned(),
            });
        }
        Ok(Self { num, den })
    }
}

impl Serialize for Ratio {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{}/{}", self.num, self.den))
    }
}

impl<'de> Deserialize<'de> for Ratio {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// An error building or reading a [`Ratio`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RatioError {
    /// The denominator is zero.
    #[error("invalid ratio {input:?}: the denominator must not be zero")]
    ZeroDenominator {
        /// The text read, or `numerator/0` for [`Ratio::new`].
        input: String,
    },
    /// The text is neither a fraction nor a percentage.
    #[error(
        "invalid ratio {input:?}: expected a fraction such as \"3.646/3.800\" or a percentage such as \"95,34%\""
    )]
    Syntax {
        /// The text read.
        input: String,
    },
    /// A number in the text is malformed or too large.
    #[error("invalid ratio {input:?}: {kind}")]
    Invalid {
        /// The text read.
        input: String,
        /// What is wrong with the number.
        kind: NumberErrorKind,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn r(num: u64, den: u64) -> Ratio {
        Ratio::new(num, den).unwrap()
    }

    fn parse(s: &str) -> Ratio {
        s.parse().unwrap()
    }

    fn err(s: &str) -> String {
        s.parse::<Ratio>().unwrap_err().to_string()
    }

    #[test]
    fn percentages_round_half_up() {
        assert_eq!(r(64, 82).to_percent_string(0, Lang::Vi), "78%");
        assert_eq!(r(16, 82).to_percent_string(1, Lang::Vi), "19,5%");
        assert_eq!(r(9_534, 10_000).to_percent_string(2, Lang::Vi), "95,34%");
        assert_eq!(r(1, 3).to_percent_string(1, Lang::Vi), "33,3%");
        assert_eq!(r(1, 8).to_percent_string(1, Lang::Vi), "12,5%");
        assert_eq!(r(1, 16).to_percent_string(1, Lang::Vi), "6,3%");
        assert_eq!(r(1, 16).to_percent_string(1, Lang::En), "6.3%");
        assert_eq!(r(1, 2).to_percent_string(2, Lang::Vi), "50%");
        assert_eq!(r(0, 7).to_percent_string(2, Lang::Vi), "0%");
        assert_eq!(r(3_124, 1_724).to_percent_string(1, Lang::Vi), "181,2%");
        assert_eq!(
            r(u64::MAX, 1).to_percent_string(0, Lang::Vi),
            "1.844.674.407.370.955.161.500%"
        );
    }

    #[test]
    fn fractions_print_as_given() {
        let members = parse("3.646/3.800");
        assert_eq!((members.numerator(), members.denominator()), (3_646, 3_800));
        assert_eq!(members.to_string(), "3.646/3.800");
        assert_eq!(members.to_fraction_string(Lang::En), "3,646/3,800");
        assert_eq!(members.reduced(), r(1_823, 1_900));
        assert_eq!(r(0, 5).reduced(), Ratio::ZERO);
        assert_eq!(parse(" 257 / 305 "), r(257, 305));
        assert_eq!(parse("3646/3800"), members);
    }

    #[test]
    fn percentages_are_read_exactly() {
        assert_eq!(parse("95,34%"), r(9_534, 10_000));
        assert_eq!(parse("78%"), r(78, 100));
        assert_eq!(parse("19,5 %"), r(195, 1_000));
        assert_eq!(parse("100%"), r(100, 100));
        assert_eq!(parse("95,30%"), r(9_530, 10_000));
        assert_eq!(parse("1.200%"), r(1_200, 100));
    }

    #[test]
    fn display_is_lossless() {
        assert_eq!(r(9_534, 10_000).to_string(), "95,34%");
        assert_eq!(r(9_534, 10_000).to_string_in(Lang::En), "95.34%");
        assert_eq!(r(78, 100).to_string(), "78%");
        assert_eq!(r(950, 1_000).to_string(), "95,0%");
        assert_eq!(r(5, 10_000).to_string(), "0,05%");
        assert_eq!(r(123_456, 100).to_string(), "123.456%");
        assert_eq!(r(9, 10).to_string(), "9/10");
        assert_eq!(r(1, 1).to_string(), "1/1");
        assert_eq!(r(3, 300).to_string(), "3/300");
    }

    #[test]
    fn values_compare_exactly() {
        assert!(r(1, 2).eq_value(&r(2, 4)));
        assert_ne!(r(1, 2), r(2, 4));
        assert_eq!(r(1, 3).cmp_value(&r(33, 100)), Ordering::Greater);
        assert_eq!(
            r(u64::MAX, u64::MAX - 1).cmp_value(&Ratio::ONE),
            Ordering::Greater
        );
        assert!(r(3_124, 1_724).exceeds_one());
        assert!(!r(100, 100).exceeds_one());
        assert!(r(0, 9).is_zero());
    }

    #[test]
    fn errors_quote_the_input() {
        insta::assert_snapshot!(Ratio::new(5, 0).unwrap_err().to_string(), @r#"invalid ratio "5/0": the denominator must not be zero"#);
        insta::assert_snapshot!(err("3/0"), @r#"invalid ratio "3/0": the denominator must not be zero"#);
        insta::assert_snapshot!(err("abc"), @r#"invalid ratio "abc": expected a fraction such as "3.646/3.800" or a percentage such as "95,34%""#);
        insta::assert_snapshot!(err(""), @r#"invalid ratio "": expected a fraction such as "3.646/3.800" or a percentage such as "95,34%""#);
        insta::assert_snapshot!(err("1/2/3"), @r#"invalid ratio "1/2/3": expected a fraction such as "3.646/3.800" or a percentage such as "95,34%""#);
        insta::assert_snapshot!(err("3,646/3,800"), @r#"invalid ratio "3,646/3,800": expected a whole number such as "3.800""#);
        insta::assert_snapshot!(err("36.46/3800"), @r#"invalid ratio "36.46/3800": expected groups of three digits after each "." such as "265.902.000""#);
        insta::assert_snapshot!(err("NaN%"), @r#"invalid ratio "NaN%": expected a number such as "2.803" or "37,5""#);
        insta::assert_snapshot!(err("-5%"), @r#"invalid ratio "-5%": expected a number such as "2.803" or "37,5""#);
        insta::assert_snapshot!(err("1,%"), @r#"invalid ratio "1,%": expected digits after a single decimal comma such as "37,5""#);
        insta::assert_snapshot!(err("1,000000000000000001%"), @r#"invalid ratio "1,000000000000000001%": the number is too large"#);
        insta::assert_snapshot!(err("18446744073709551616/1"), @r#"invalid ratio "18446744073709551616/1": the number is too large"#);
    }

    #[test]
    fn serde_uses_plain_digits() {
        let json = serde_json::to_string(&r(3_646, 3_800)).unwrap();
        assert_eq!(json, r#""3646/3800""#);
        assert_eq!(
            serde_json::to_string(&r(9_534, 10_000)).unwrap(),
            r#""9534/10000""#
        );
        assert_eq!(
            serde_json::from_str::<Ratio>(r#""3.646/3.800""#).unwrap(),
            r(3_646, 3_800)
        );
        assert_eq!(
            serde_json::from_str::<Ratio>(r#""95,34%""#).unwrap(),
            r(9_534, 10_000)
        );
        let bad = serde_json::from_str::<Ratio>(r#""1/0""#).unwrap_err();
        insta::assert_snapshot!(bad.to_string(), @r#"invalid ratio "1/0": the denominator must not be zero"#);
        assert!(serde_json::from_str::<Ratio>("0.5").is_err());
    }

    fn ratio() -> impl Strategy<Value = Ratio> {
        prop_oneof![
            (any::<u64>(), 1_u64..).prop_map(|(n, d)| r(n, d)),
            (any::<u64>(), 0_u32..18).prop_map(|(n, k)| r(n, 100 * 10_u64.pow(k))),
            (0_u64..1_000, 1_u64..1_000).prop_map(|(n, d)| r(n, d)),
        ]
    }

    proptest! {
        #[test]
        fn display_round_trips(ratio in ratio()) {
            prop_assert_eq!(ratio.to_string().parse::<Ratio>().unwrap(), ratio);
            prop_assert_eq!(ratio.to_fraction_string(Lang::Vi).parse::<Ratio>().unwrap(), ratio);
        }

        #[test]
        fn serde_round_trips(ratio in ratio()) {
            let json = serde_json::to_string(&ratio).unwrap();
            prop_assert_eq!(serde_json::from_str::<Ratio>(&json).unwrap(), ratio);
        }

        #[test]
        fn reduced_keeps_the_value(ratio in ratio()) {
            let reduced = ratio.reduced();
            prop_assert!(reduced.eq_value(&ratio));
            prop_assert!(reduced.reduced() == reduced);
        }

        #[test]
        fn reading_never_panics(s in any::<String>()) {
            let _ = s.parse::<Ratio>();
        }

        #[test]
        fn reading_ratio_like_text_never_panics(s in "[0-9.,/% ]{0,30}") {
            if let Ok(ratio) = s.parse::<Ratio>() {
                prop_assert!(ratio.denominator() > 0);
            }
        }
    }
}
