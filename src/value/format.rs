//! Vietnamese (vi-VN) and English number formatting.
//!
//! Reports of the unions (*báo cáo tổng kết*) write numbers the Vietnamese way:
//! a dot groups thousands and a comma starts the decimals (*dấu chấm phân cách hàng
//! nghìn, dấu phẩy thập phân*): `2.803` đoàn viên, `265.902.000` đồng, `19,5%`,
//! `37,5` triệu đồng. English output uses `2,803` and `19.5%`.
//!
//! Everything here is exact: a decimal is printed from an exact fraction
//! (numerator / denominator), rounded half-up (half away from zero) only when it is
//! printed, with trailing zeros trimmed. No floating point is used anywhere.
//!
//! ```
//! use thidua::{format_decimal, format_integer, Lang};
//!
//! assert_eq!(format_integer(265_902_000, Lang::Vi), "265.902.000");
//! assert_eq!(format_integer(2_803, Lang::En), "2,803");
//! assert_eq!(format_decimal(2_131, 2, 1, Lang::Vi)?, "1.065,5");
//! assert_eq!(format_decimal(1, 16, 3, Lang::En)?, "0.063");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::num::NonZeroU128;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The language a figure is written in: Vietnamese (*tiếng Việt*, the default) or
/// English.
///
/// In files it is the lowercase code `"vi"` or `"en"`; [`FromStr`] also accepts a
/// region such as `"vi-VN"` or `"en_US"`, in any letter case.
///
/// ```
/// use thidua::Lang;
///
/// let lang: Lang = "vi-VN".parse()?;
/// assert_eq!(lang, Lang::Vi);
/// assert_eq!(Lang::default(), Lang::Vi);
/// assert_eq!(Lang::En.to_string(), "en");
/// # Ok::<(), thidua::LangError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Lang {
    /// Vietnamese: `1.065,5`, `19,5%`, `đồng`.
    #[default]
    Vi,
    /// English: `1,065.5`, `19.5%`, `VND`.
    En,
}

impl Lang {
    /// The lowercase language code, `"vi"` or `"en"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Vi => "vi",
            Self::En => "en",
        }
    }

    /// The character that groups thousands.
    pub(crate) const fn group_separator(self) -> char {
        match self {
            Self::Vi => '.',
            Self::En => ',',
        }
    }

    /// The character that starts the decimals.
    pub(crate) const fn decimal_separator(self) -> char {
        match self {
            Self::Vi => ',',
            Self::En => '.',
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Lang {
    type Err = LangError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let unknown = || LangError::Unknown {
            input: s.to_owned(),
        };
        let (primary, region) = match s.split_once(['-', '_']) {
            Some((primary, region)) => (primary, Some(region)),
            None => (s, None),
        };
        if let Some(region) = region
            && (region.is_empty() || !region.chars().all(|c| c.is_ascii_alphanumeric()))
        {
            return Err(unknown());
        }
        if primary.eq_ignore_ascii_case("vi") {
            Ok(Self::Vi)
        } else if primary.eq_ignore_ascii_case("en") {
            Ok(Self::En)
        } else {
            Err(unknown())
        }
    }
}

/// An error reading a [`Lang`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LangError {
    /// The text names no supported language.
    #[error("unknown language {input:?}: expected \"vi\" or \"en\"")]
    Unknown {
        /// The text that was read.
        input: String,
    },
}

/// An error formatting a number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// A fraction with a zero denominator has no value.
    #[error("cannot format \"{numerator}/0\": the denominator must not be zero")]
    ZeroDenominator {
        /// The numerator of the fraction.
        numerator: i128,
    },
}

/// Why a number could not be read, as part of a parsing error of a money amount, a
/// ratio or a reported figure.
///
/// Numbers are read the Vietnamese way: `.` between groups of three digits, `,`
/// before the decimals (`265.902.000`, `37,5`, `1.065,5`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum NumberErrorKind {
    /// No number where one was expected.
    #[error("expected a number such as \"2.803\" or \"37,5\"")]
    NotANumber,
    /// Digit groups after a `.` that are not exactly three digits long, or a first
    /// group longer than three digits (`12.34`, `1.06.5`, `1234.567`).
    #[error("expected groups of three digits after each \".\" such as \"265.902.000\"")]
    Grouping,
    /// A decimal comma without digits after it, or more than one (`37,`, `1,2,3`).
    #[error("expected digits after a single decimal comma such as \"37,5\"")]
    Decimal,
    /// Decimals where only a whole number fits (a count, a fraction's terms).
    #[error("expected a whole number such as \"3.800\"")]
    NotWhole,
    /// The number does not fit the type it is read into.
    #[error("the number is too large")]
    TooLarge,
}

/// Formats an integer with its thousands grouped: `2.803`, `-1.234` in Vietnamese,
/// `2,803` in English.
///
/// ```
/// use thidua::{format_integer, Lang};
///
/// assert_eq!(format_integer(15_249, Lang::Vi), "15.249");
/// assert_eq!(format_integer(-1_234, Lang::Vi), "-1.234");
/// assert_eq!(format_integer(265_902_000, Lang::En), "265,902,000");
/// ```
#[must_use]
pub fn format_integer(n: i128, lang: Lang) -> String {
    let digits = group_digits(n.unsigned_abs(), lang.group_separator());
    if n < 0 { format!("-{digits}") } else { digits }
}

/// Formats the exact fraction `num / den` with at most `max_fraction_digits`
/// decimals, rounded half-up (a half goes away from zero), trailing zeros trimmed,
/// thousands grouped: `1.065,5` in Vietnamese, `1,065.5` in English.
///
/// ```
/// use thidua::{format_decimal, Lang};
///
/// assert_eq!(format_decimal(39, 2, 1, Lang::Vi)?, "19,5");
/// assert_eq!(format_decimal(1, 3, 1, Lang::Vi)?, "0,3");
/// assert_eq!(format_decimal(-1, 2, 0, Lang::Vi)?, "-1");
/// assert_eq!(format_decimal(1_065, 1_000, 0, Lang::Vi)?, "1");
/// assert_eq!(format_decimal(1_500, 1_000, 2, Lang::En)?, "1.5");
/// # Ok::<(), thidua::FormatError>(())
/// ```
///
/// # Errors
///
/// [`FormatError::ZeroDenominator`] when `den` is zero.
pub fn format_decimal(
    num: i128,
    den: i128,
    max_fraction_digits: u8,
    lang: Lang,
) -> Result<String, FormatError> {
    let Some(magnitude) = NonZeroU128::new(den.unsigned_abs()) else {
        return Err(FormatError::ZeroDenominator { numerator: num });
    };
    let sign = if (num < 0) == (den < 0) {
        Sign::Positive
    } else {
        Sign::Negative
    };
    Ok(format_fraction(
        sign,
        num.unsigned_abs(),
        magnitude,
        max_fraction_digits,
        lang,
    ))
}

/// The sign of a number being formatted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sign {
    /// Zero or more.
    Positive,
    /// Less than zero.
    Negative,
}

/// Formats `sign · num / den` rounded half-up to at most `max_fraction_digits`
/// decimals, trailing zeros trimmed; a result that rounds to zero has no sign.
pub(crate) fn format_fraction(
    sign: Sign,
    num: u128,
    den: NonZeroU128,
    max_fraction_digits: u8,
    lang: Lang,
) -> String {
    let den = den.get();
    let mut whole = num / den;
    let mut rem = num % den;
    let mut fraction: Vec<u8> = Vec::with_capacity(usize::from(max_fraction_digits));
    for _ in 0..max_fraction_digits {
        let (digit, next) = times_ten_div_rem(rem, den);
        fraction.push(digit);
        rem = next;
    }
    // Half-up: round away from zero when the rest is at least half of `den`
    // (`2·rem >= den`, written without overflow).
    if rem >= den - rem {
        let mut carry = true;
        for digit in fraction.iter_mut().rev() {
            if *digit == 9 {
                *digit = 0;
            } else {
                *digit += 1;
                carry = false;
                break;
            }
        }
        if carry {
            whole = whole.saturating_add(1);
        }
    }
    while fraction.last() == Some(&0) {
        fraction.pop();
    }
    let mut out = String::new();
    if sign == Sign::Negative && (whole != 0 || !fraction.is_empty()) {
        out.push('-');
    }
    out.push_str(&group_digits(whole, lang.group_separator()));
    if !fraction.is_empty() {
        out.push(lang.decimal_separator());
        out.extend(fraction.iter().map(|d| char::from(b'0' + d)));
    }
    out
}

/// For `rem < den`: the next decimal digit `⌊10·rem / den⌋` and the new remainder
/// `10·rem mod den`, computed without overflow by adding `rem` ten times modulo
/// `den`.
fn times_ten_div_rem(rem: u128, den: u128) -> (u8, u128) {
    let gap = den - rem;
    let mut acc = 0_u128;
    let mut digit = 0_u8;
    for _ in 0..10 {
        if acc >= gap {
            acc -= gap;
            digit += 1;
        } else {
            acc += rem;
        }
    }
    (digit, acc)
}

/// Writes `n` with `separator` between groups of three digits.
pub(crate) fn group_digits(n: u128, separator: char) -> String {
    let plain = n.to_string();
    let len = plain.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, c) in plain.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// A decimal number as written: `digits / 10^scale`, where `scale` is the number of
/// decimals written after the comma (trailing zeros included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Decimal {
    /// All digits written, as one integer.
    pub(crate) digits: u128,
    /// How many of them come after the decimal comma.
    pub(crate) scale: u32,
}

impl Decimal {
    /// The same value without trailing zeros after the comma.
    pub(crate) fn trimmed(self) -> Self {
        let mut out = self;
        while out.scale > 0 && out.digits.is_multiple_of(10) {
            out.digits /= 10;
            out.scale -= 1;
        }
        out
    }

    /// The value as a whole number, if there is no decimal comma.
    pub(crate) fn whole(self) -> Result<u128, NumberErrorKind> {
        if self.scale == 0 {
            Ok(self.digits)
        } else {
            Err(NumberErrorKind::NotWhole)
        }
    }
}

/// Reads a non-negative Vietnamese decimal number: digits with `.` between groups of
/// three and an optional `,` followed by decimals (`265.902.000`, `37,5`, `1.065,5`,
/// `3646`). Nothing else is allowed: no sign, no spaces, no exponent.
pub(crate) fn parse_decimal(s: &str) -> Result<Decimal, NumberErrorKind> {
    let (int_part, fraction) = match s.split_once(',') {
        Some((int_part, fraction)) => (int_part, Some(fraction)),
        None => (s, None),
    };
    if !int_part.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(NumberErrorKind::NotANumber);
    }
    let mut digits = 0_u128;
    let mut push = |c: char| -> Result<(), NumberErrorKind> {
        let d = c.to_digit(10).ok_or(NumberErrorKind::NotANumber)?;
        digits = digits
            .checked_mul(10)
            .and_then(|v| v.checked_add(u128::from(d)))
            .ok_or(NumberErrorKind::TooLarge)?;
        Ok(())
    };
    let mut groups = int_part.split('.');
    let first = groups.next().unwrap_or_default();
    let grouped = int_part.contains('.');
    if grouped && first.len() > 3 {
        return Err(if first.chars().all(|c| c.is_ascii_digit()) {
            NumberErrorKind::Grouping
        } else {
            NumberErrorKind::NotANumber
        });
    }
    first.chars().try_for_each(&mut push)?;
    for group in groups {
        if !group.chars().all(|c| c.is_ascii_digit()) {
            return Err(NumberErrorKind::NotANumber);
        }
        if group.len() != 3 {
            return Err(NumberErrorKind::Grouping);
        }
        group.chars().try_for_each(&mut push)?;
    }
    let mut scale = 0_u32;
    if let Some(fraction) = fraction {
        if fraction.is_empty() || fraction.contains([',', '.']) {
            return Err(NumberErrorKind::Decimal);
        }
        for c in fraction.chars() {
            push(c)?;
            scale = scale.checked_add(1).ok_or(NumberErrorKind::TooLarge)?;
        }
    }
    Ok(Decimal { digits, scale })
}

/// Splits `s` (already trimmed at the start) into a leading number made of digits,
/// `.` and `,`, and the rest.
pub(crate) fn split_number(s: &str) -> (&str, &str) {
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(s.len());
    s.split_at_checked(end).unwrap_or((s, ""))
}

/// `10^exp`, if it fits.
pub(crate) fn pow10(exp: u32) -> Option<u128> {
    10_u128.checked_pow(exp)
}

/// Folds text for matching Vietnamese words regardless of letter case, accents and
/// Unicode normalization form (`đồng` → `dong`, `tỷ` → `ty`).
pub(crate) fn fold(s: &str) -> String {
    crate::value::text::fold(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dec(num: i128, den: i128, digits: u8, lang: Lang) -> String {
        format_decimal(num, den, digits, lang).unwrap()
    }

    #[test]
    fn integers_are_grouped() {
        assert_eq!(format_integer(0, Lang::Vi), "0");
        assert_eq!(format_integer(999, Lang::Vi), "999");
        assert_eq!(format_integer(2_803, Lang::Vi), "2.803");
        assert_eq!(format_integer(15_249, Lang::Vi), "15.249");
        assert_eq!(format_integer(265_902_000, Lang::Vi), "265.902.000");
        assert_eq!(format_integer(-1_234, Lang::Vi), "-1.234");
        assert_eq!(format_integer(2_803, Lang::En), "2,803");
        assert_eq!(format_integer(-100_000, Lang::En), "-100,000");
        assert_eq!(
            format_integer(i128::MIN, Lang::Vi),
            "-170.141.183.460.469.231.731.687.303.715.884.105.728"
        );
        assert_eq!(
            format_integer(i128::from(u64::MAX), Lang::En),
            "18,446,744,073,709,551,615"
        );
    }

    #[test]
    fn decimals_round_half_up_and_trim() {
        assert_eq!(dec(39, 2, 1, Lang::Vi), "19,5");
        assert_eq!(dec(9_534, 100, 2, Lang::Vi), "95,34");
        assert_eq!(dec(75, 2, 1, Lang::Vi), "37,5");
        assert_eq!(dec(2_131, 2, 1, Lang::Vi), "1.065,5");
        assert_eq!(dec(2_131, 2, 1, Lang::En), "1,065.5");
        assert_eq!(dec(1_065, 1_000, 0, Lang::Vi), "1");
        assert_eq!(dec(1_500, 1_000, 0, Lang::Vi), "2");
        assert_eq!(dec(1_499, 1_000, 0, Lang::Vi), "1");
        assert_eq!(dec(1_065, 1_000, 2, Lang::Vi), "1,07");
        assert_eq!(dec(1_065, 1_000, 3, Lang::Vi), "1,065");
        assert_eq!(dec(1_065, 1_000, 9, Lang::Vi), "1,065");
        assert_eq!(dec(625, 100, 1, Lang::Vi), "6,3");
        assert_eq!(dec(1, 3, 1, Lang::Vi), "0,3");
        assert_eq!(dec(2, 3, 3, Lang::En), "0.667");
        assert_eq!(dec(999, 1_000, 2, Lang::Vi), "1");
        assert_eq!(dec(999_999, 1_000, 1, Lang::Vi), "1.000");
        assert_eq!(dec(0, 7, 3, Lang::Vi), "0");
        assert_eq!(dec(10, 5, 3, Lang::Vi), "2");
    }

    #[test]
    fn negative_decimals_round_away_from_zero() {
        assert_eq!(dec(-1, 2, 0, Lang::Vi), "-1");
        assert_eq!(dec(1, -2, 0, Lang::Vi), "-1");
        assert_eq!(dec(-1, -2, 0, Lang::Vi), "1");
        assert_eq!(dec(-625, 100, 1, Lang::Vi), "-6,3");
        assert_eq!(dec(-1, 3, 0, Lang::Vi), "0");
        assert_eq!(dec(-1, 1_000, 2, Lang::Vi), "0");
    }

    #[test]
    fn decimals_at_the_limits() {
        assert_eq!(
            dec(i128::MIN, 1, 2, Lang::Vi),
            "-170.141.183.460.469.231.731.687.303.715.884.105.728"
        );
        assert_eq!(dec(i128::MAX, i128::MAX, 2, Lang::Vi), "1");
        assert_eq!(dec(i128::MAX - 1, i128::MAX, 2, Lang::Vi), "1");
        assert_eq!(dec(1, i128::MIN, 2, Lang::Vi), "0");
        assert_eq!(dec(i128::MIN, i128::MIN, 0, Lang::Vi), "1");
        assert_eq!(dec(i128::MAX / 2 + 1, i128::MAX, 1, Lang::Vi), "0,5");
        assert_eq!(dec(1, 8, u8::MAX, Lang::Vi), "0,125");
    }

    #[test]
    fn zero_denominator_is_an_error() {
        let err = format_decimal(5, 0, 2, Lang::Vi).unwrap_err();
        assert_eq!(err, FormatError::ZeroDenominator { numerator: 5 });
        insta::assert_snapshot!(err.to_string(), @r#"cannot format "5/0": the denominator must not be zero"#);
    }

    #[test]
    fn lang_codes() {
        assert_eq!("vi".parse::<Lang>().unwrap(), Lang::Vi);
        assert_eq!("EN".parse::<Lang>().unwrap(), Lang::En);
        assert_eq!("vi-VN".parse::<Lang>().unwrap(), Lang::Vi);
        assert_eq!("en_US".parse::<Lang>().unwrap(), Lang::En);
        assert_eq!(Lang::Vi.to_string(), "vi");
        let err = "fr".parse::<Lang>().unwrap_err();
        insta::assert_snapshot!(err.to_string(), @r#"unknown language "fr": expected "vi" or "en""#);
        assert!("vi-".parse::<Lang>().is_err());
        assert!("".parse::<Lang>().is_err());
        assert!("vi-V N".parse::<Lang>().is_err());
        assert_eq!(serde_json::to_string(&Lang::En).unwrap(), r#""en""#);
        assert_eq!(serde_json::from_str::<Lang>(r#""vi""#).unwrap(), Lang::Vi);
        assert!(serde_json::from_str::<Lang>(r#""fr""#).is_err());
    }

    #[test]
    fn decimals_are_read_the_vietnamese_way() {
        let d = |s: &str| parse_decimal(s).map(|d| (d.digits, d.scale));
        assert_eq!(d("265.902.000"), Ok((265_902_000, 0)));
        assert_eq!(d("3646"), Ok((3_646, 0)));
        assert_eq!(d("37,5"), Ok((375, 1)));
        assert_eq!(d("1.065,50"), Ok((106_550, 2)));
        assert_eq!(d(""), Err(NumberErrorKind::NotANumber));
        assert_eq!(d(",5"), Err(NumberErrorKind::NotANumber));
        assert_eq!(d("NaN"), Err(NumberErrorKind::NotANumber));
        assert_eq!(d("1e9"), Err(NumberErrorKind::NotANumber));
        assert_eq!(d("1.06.5"), Err(NumberErrorKind::Grouping));
        assert_eq!(d("12.34"), Err(NumberErrorKind::Grouping));
        assert_eq!(d("1234.567"), Err(NumberErrorKind::Grouping));
        assert_eq!(d("1."), Err(NumberErrorKind::Grouping));
        assert_eq!(d("37,"), Err(NumberErrorKind::Decimal));
        assert_eq!(d("1,2,3"), Err(NumberErrorKind::Decimal));
        assert_eq!(d("1,234.5"), Err(NumberErrorKind::Decimal));
        assert_eq!(
            d("1.000.000.000.000.000.000.000.000.000.000.000.000.000"),
            Err(NumberErrorKind::TooLarge)
        );
    }

    #[test]
    fn folding_ignores_case_accents_and_normalization() {
        assert_eq!(fold("  Triệu   Đồng "), "trieu dong");
        // NFD: o + U+0302 + U+0300.
        assert_eq!(fold("\u{111}o\u{302}\u{300}ng"), "dong");
        assert_eq!(fold("VNĐ"), "vnd");
        assert_eq!(fold("Tỷ"), "ty");
        assert_eq!(fold("ít\u{a0}nhất"), "it nhat");
        assert_eq!(fold("₫"), "₫");
    }

    proptest! {
        #[test]
        fn grouped_integers_hold_the_same_digits(n in any::<i128>()) {
            let vi = format_integer(n, Lang::Vi);
            prop_assert_eq!(vi.replace('.', ""), n.to_string());
            let en = format_integer(n, Lang::En);
            prop_assert_eq!(en.replace(',', ""), n.to_string());
            let unsigned = vi.trim_start_matches('-');
            let read = parse_decimal(unsigned).unwrap();
            prop_assert_eq!(read.digits, n.unsigned_abs());
        }

        #[test]
        fn decimals_are_the_nearest_half_up(
            num in any::<i64>(),
            den in any::<i64>().prop_filter("non-zero", |d| *d != 0),
            digits in 0_u8..7,
        ) {
            let (num, den) = (i128::from(num), i128::from(den));
            let text = format_decimal(num, den, digits, Lang::Vi).unwrap();
            let negative = text.starts_with('-');
            let read = parse_decimal(text.trim_start_matches('-')).unwrap();
            prop_assert!(read.scale <= u32::from(digits));
            prop_assert!(read.scale == 0 || !read.digits.is_multiple_of(10));
            let shown = i128::try_from(read.digits).unwrap();
            let shown = if negative { -shown } else { shown };
            // Compare shown / 10^scale with num / den on the common scale `digits`.
            let step = 10_i128.pow(u32::from(digits));
            let shown = shown * 10_i128.pow(u32::from(digits) - read.scale);
            let (num, den) = if den < 0 { (-num, -den) } else { (num, den) };
            // err = shown/step - num/den, scaled by 2·step·den.
            let err = 2 * (shown * den - num * step);
            prop_assert!(err.abs() <= den, "{} vs {}/{}", text, num, den);
            // A half goes away from zero.
            if err.abs() == den {
                prop_assert_eq!(err.signum(), num.signum());
            }
        }

        #[test]
        fn reading_never_panics(s in any::<String>()) {
            let _ = parse_decimal(&s);
            let _ = split_number(&s);
            let _ = fold(&s);
            let _ = s.parse::<Lang>();
        }

        #[test]
        fn reading_number_like_text_never_panics(s in "[0-9.,]{0,40}") {
            if let Ok(d) = parse_decimal(&s) {
                prop_assert!(s.starts_with(|c: char| c.is_ascii_digit()));
                let _ = d.trimmed().whole();
            }
        }
    }
}
