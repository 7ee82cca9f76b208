//! Calendar years.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use super::parse::{check_year, parse_year, tokens};
use super::range::ymd;
use super::{DateRange, PeriodError, PeriodSubject};

/// Earliest supported calendar year.
pub(super) const MIN_YEAR: i32 = 1900;
/// Latest supported calendar year.
pub(super) const MAX_YEAR: i32 = 2200;

/// A calendar year (*năm*), 1900 to 2200 inclusive.
///
/// The range covers all data the crate deals with, including Excel's 1900 date system;
/// anything outside is almost surely a typing error. Text forms: `"2024"`, `"năm 2024"`;
/// Display is `"2024"`. Serialises as a JSON integer (`2024`); reading also accepts a
/// string in any text form.
///
/// ```
/// use thidua::Year;
///
/// let year: Year = "năm 2024".parse()?;
/// assert_eq!(year.get(), 2024);
/// assert_eq!(year.span().days(), 366);
/// # Ok::<(), thidua::PeriodError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Year(pub(super) i32);

impl Year {
    /// The earliest supported year, 1900.
    pub const MIN: Self = Self(MIN_YEAR);
    /// The latest supported year, 2200.
    pub const MAX: Self = Self(MAX_YEAR);

    /// A year from its number.
    ///
    /// # Errors
    ///
    /// [`PeriodError::YearOutOfRange`] outside 1900 to 2200.
    pub fn try_new(year: i32) -> Result<Self, PeriodError> {
        check_year(PeriodSubject::Year, &year.to_string(), i64::from(year))
    }

    /// The year as a number.
    #[must_use]
    pub const fn get(self) -> i32 {
        self.0
    }

    /// 1 January to 31 December.
    #[must_use]
    pub fn span(self) -> DateRange {
        DateRange {
            start: ymd(self.0, 1, 1),
            end: ymd(self.0, 12, 31),
        }
    }

    /// The year a date falls in.
    ///
    /// # Errors
    ///
    /// [`PeriodError::DateOutsideYears`] when that year is outside 1900 to 2200.
    pub fn containing(date: NaiveDate) -> Result<Self, PeriodError> {
        check_year(PeriodSubject::Year, "", i64::from(date.year()))
            .map_err(|_| PeriodError::DateOutsideYears { date })
    }
}

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for Year {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_year(&tokens(s), s)
    }
}

impl TryFrom<i32> for Year {
    type Error = PeriodError;

    fn try_from(year: i32) -> Result<Self, Self::Error> {
        Self::try_new(year)
    }
}

impl From<Year> for i32 {
    fn from(year: Year) -> Self {
        year.0
    }
}

impl Serialize for Year {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(self.0)
    }
}

impl<'de> Deserialize<'de> for Year {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct YearVisitor;

        impl Visitor<'_> for YearVisitor {
            type Value = Year;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a year such as 2024 or \"2024\"")
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Year, E> {
                check_year(PeriodSubject::Year, &v.to_string(), v).map_err(E::custom)
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Year, E> {
                let year = i64::try_from(v).unwrap_or(i64::MAX);
                check_year(PeriodSubject::Year, &v.to_string(), year).map_err(E::custom)
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Year, E> {
                v.parse().map_err(E::custom)
            }
        }

        d.deserialize_any(YearVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::period::tests::{any_year, date, err};
    use proptest::prelude::*;

    #[test]
    fn year_forms() {
        for s in [
            "2024",
            " 2024 ",
            "năm 2024",
            "Năm 2024",
            "NĂM 2024",
            "na\u{306}m 2024",
            "năm\u{a0}2024",
            "nam 2024",
            "year 2024",
            "năm: 2024",
        ] {
            assert_eq!(s.parse::<Year>().unwrap().get(), 2024, "{s:?}");
        }
        assert_eq!(Year::try_new(2024).unwrap().to_string(), "2024");
        assert_eq!(Year::MIN.get(), 1900);
        assert_eq!(Year::MAX.get(), 2200);
        assert_eq!(Year::try_from(1900).unwrap(), Year::MIN);
        assert_eq!(i32::from(Year::MAX), 2200);
    }

    #[test]
    fn year_errors() {
        insta::assert_snapshot!(err::<Year>(""), @r#"invalid year "": the input is empty"#);
        insta::assert_snapshot!(err::<Year>("abc"), @r#"invalid year "abc": expected a four-digit year such as "2024" or "năm 2024""#);
        insta::assert_snapshot!(err::<Year>("202"), @r#"invalid year "202": expected a four-digit year such as "2024" or "năm 2024""#);
        insta::assert_snapshot!(err::<Year>("20245"), @r#"invalid year "20245": expected a four-digit year such as "2024" or "năm 2024""#);
        insta::assert_snapshot!(err::<Year>("năm học 2024"), @r#"invalid year "năm học 2024": expected a four-digit year such as "2024" or "năm 2024""#);
        insta::assert_snapshot!(err::<Year>("năm 1899"), @r#"invalid year "năm 1899": year 1899 is outside the supported range 1900 to 2200"#);
        insta::assert_snapshot!(err::<Year>("2201"), @r#"invalid year "2201": year 2201 is outside the supported range 1900 to 2200"#);
        insta::assert_snapshot!(Year::try_new(i32::MIN).unwrap_err().to_string(), @r#"invalid year "-2147483648": year -2147483648 is outside the supported range 1900 to 2200"#);
        assert!(Year::try_new(1899).is_err());
        assert!(Year::try_new(2201).is_err());
    }

    #[test]
    fn year_span_and_containing() {
        let y = Year::try_new(2024).unwrap();
        assert_eq!(
            y.span(),
            DateRange::try_new(date(2024, 1, 1), date(2024, 12, 31)).unwrap()
        );
        assert_eq!(y.span().days(), 366);
        assert_eq!(Year::try_new(2023).unwrap().span().days(), 365);
        assert_eq!(Year::try_new(1900).unwrap().span().days(), 365);
        assert_eq!(Year::containing(date(2024, 2, 29)).unwrap(), y);
        assert_eq!(Year::containing(date(2024, 12, 31)).unwrap(), y);
        insta::assert_snapshot!(Year::containing(date(1899, 12, 31)).unwrap_err().to_string(), @r#"date "1899-12-31" is outside the supported years 1900 to 2200"#);
        assert!(Year::containing(NaiveDate::MIN).is_err());
        assert!(Year::containing(NaiveDate::MAX).is_err());
    }

    #[test]
    fn year_serde() {
        let y = Year::try_new(2024).unwrap();
        assert_eq!(serde_json::to_string(&y).unwrap(), "2024");
        assert_eq!(serde_json::from_str::<Year>("2024").unwrap(), y);
        assert_eq!(serde_json::from_str::<Year>("\"2024\"").unwrap(), y);
        assert_eq!(serde_json::from_str::<Year>("\"năm 2024\"").unwrap(), y);
        insta::assert_snapshot!(serde_json::from_str::<Year>("1800").unwrap_err().to_string(), @r#"invalid year "1800": year 1800 is outside the supported range 1900 to 2200 at line 1 column 4"#);
        insta::assert_snapshot!(serde_json::from_str::<Year>("-5").unwrap_err().to_string(), @r#"invalid year "-5": year -5 is outside the supported range 1900 to 2200 at line 1 column 2"#);
        assert!(serde_json::from_str::<Year>("18446744073709551615").is_err());
        assert!(serde_json::from_str::<Year>("2024.5").is_err());
        assert!(serde_json::from_str::<Year>("null").is_err());
    }

    proptest! {
        #[test]
        fn year_round_trips(y in any_year()) {
            prop_assert_eq!(y.to_string().parse::<Year>().unwrap(), y);
            prop_assert_eq!(format!("năm {y}").parse::<Year>().unwrap(), y);
            let json = serde_json::to_string(&y).unwrap();
            prop_assert_eq!(serde_json::from_str::<Year>(&json).unwrap(), y);
            prop_assert_eq!(Year::containing(y.span().start()).unwrap(), y);
            prop_assert_eq!(Year::containing(y.span().end()).unwrap(), y);
        }
    }
}
