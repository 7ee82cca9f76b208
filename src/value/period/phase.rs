//! Multi-year phases.

use std::fmt;
use std::str::FromStr;

use serde::de::Deserializer;
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use super::parse::{deserialize_from_str, parse_phase, phase_from, tokens};
use super::range::ymd;
use super::{DateRange, PeriodError, Year};

/// A phase (*giai đoạn*): two to ten consecutive calendar years, inclusive.
///
/// A single year is a [`Year`]; ten years is the longest plan horizon in use (a
/// ten-year strategy), so longer spans are treated as typing errors.
///
/// Text forms: `"giai đoạn 2022-2025"`, `"2022 - 2025"`, `"2021-2025"`, also with en
/// and em dashes or a slash; both years have four digits. Display and serialisation use
/// `"2022-2025"`. The span runs from 1 January of the start year to 31 December of the
/// end year.
///
/// ```
/// use thidua::Phase;
///
/// let phase: Phase = "giai đoạn 2022 -2025".parse()?;
/// assert_eq!(phase.to_string(), "2022-2025");
/// assert_eq!(phase.span().to_string(), "2022-01-01/2025-12-31");
/// # Ok::<(), thidua::PeriodError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Phase {
    pub(super) start: Year,
    pub(super) end: Year,
}

impl Phase {
    /// The longest phase, in calendar years.
    pub const MAX_YEARS: u32 = 10;

    /// The phase from `start_year` to `end_year`, inclusive.
    ///
    /// # Errors
    ///
    /// [`PeriodError::Reversed`] or [`PeriodError::SingleYear`] unless
    /// `end_year > start_year`, [`PeriodError::PhaseTooLong`] beyond ten years,
    /// [`PeriodError::YearOutOfRange`] outside 1900 to 2200.
    pub fn try_new(start_year: i32, end_year: i32) -> Result<Self, PeriodError> {
        phase_from(
            &format!("{start_year}-{end_year}"),
            i64::from(start_year),
            i64::from(end_year),
        )
    }

    /// The first calendar year.
    #[must_use]
    pub const fn start_year(self) -> Year {
        self.start
    }

    /// The last calendar year.
    #[must_use]
    pub const fn end_year(self) -> Year {
        self.end
    }

    /// 1 January of the start year to 31 December of the end year.
    #[must_use]
    pub fn span(self) -> DateRange {
        DateRange {
            start: ymd(self.start.0, 1, 1),
            end: ymd(self.end.0, 12, 31),
        }
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

impl FromStr for Phase {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_phase(&tokens(s), s)
    }
}

impl Serialize for Phase {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Phase {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_from_str(d, "a phase such as \"2022-2025\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::period::tests::{any_phase, err};
    use proptest::prelude::*;

    #[test]
    fn phase_forms() {
        let p = Phase::try_new(2022, 2025).unwrap();
        for s in [
            "giai đoạn 2022-2025",
            "Giai đoạn 2022 - 2025",
            "giai đoạn 2022 -2025",
            "gia\u{309}i đoa\u{323}n 2022–2025",
            "2022 - 2025",
            "2022—2025",
            "2022/2025",
            "phase 2022-2025",
        ] {
            assert_eq!(s.parse::<Phase>().unwrap(), p, "{s:?}");
        }
        assert_eq!(p.to_string(), "2022-2025");
        assert_eq!(p.start_year().get(), 2022);
        assert_eq!(p.end_year().get(), 2025);
        assert_eq!(p.span().to_string(), "2022-01-01/2025-12-31");
        assert_eq!(p.span().days(), 365 * 4 + 1);
        assert_eq!(
            "2021-2025".parse::<Phase>().unwrap().to_string(),
            "2021-2025"
        );
        assert_eq!(
            "2021-2030".parse::<Phase>().unwrap().to_string(),
            "2021-2030"
        );
        assert_eq!(
            "2023-2024".parse::<Phase>().unwrap().to_string(),
            "2023-2024"
        );
        assert_eq!(Phase::MAX_YEARS, 10);
    }

    #[test]
    fn phase_errors() {
        insta::assert_snapshot!(err::<Phase>("2022-2022"), @r#"invalid phase "2022-2022": it starts and ends in 2022; a single year is written "2022""#);
        insta::assert_snapshot!(err::<Phase>("giai đoạn 2025-2022"), @r#"invalid phase "giai đoạn 2025-2022": end year 2022 is before start year 2025"#);
        insta::assert_snapshot!(err::<Phase>("2021-2031"), @r#"invalid phase "2021-2031": it spans 11 years from 2021 to 2031; at most 10 are allowed"#);
        insta::assert_snapshot!(err::<Phase>("2022-25"), @r#"invalid phase "2022-25": expected two four-digit years such as "2022-2025" or "giai đoạn 2022-2025""#);
        insta::assert_snapshot!(err::<Phase>("giai đoạn 1"), @r#"invalid phase "giai đoạn 1": expected two four-digit years such as "2022-2025" or "giai đoạn 2022-2025""#);
        insta::assert_snapshot!(err::<Phase>("1898-1901"), @r#"invalid phase "1898-1901": year 1898 is outside the supported range 1900 to 2200"#);
        insta::assert_snapshot!(err::<Phase>(""), @r#"invalid phase "": the input is empty"#);
        insta::assert_snapshot!(Phase::try_new(i32::MIN, i32::MAX).unwrap_err().to_string(), @r#"invalid phase "-2147483648-2147483647": it spans 4294967296 years from -2147483648 to 2147483647; at most 10 are allowed"#);
        assert!(Phase::try_new(2199, 2201).is_err());
        assert!(Phase::try_new(2191, 2200).is_ok());
    }

    #[test]
    fn phase_serde() {
        let p = Phase::try_new(2022, 2025).unwrap();
        assert_eq!(serde_json::to_string(&p).unwrap(), r#""2022-2025""#);
        assert_eq!(
            serde_json::from_str::<Phase>(r#""giai đoạn 2022 - 2025""#).unwrap(),
            p
        );
        assert!(serde_json::from_str::<Phase>(r#""2022-2040""#).is_err());
    }

    proptest! {
        #[test]
        fn phase_round_trips(p in any_phase()) {
            prop_assert_eq!(p.to_string().parse::<Phase>().unwrap(), p);
            let json = serde_json::to_string(&p).unwrap();
            prop_assert_eq!(serde_json::from_str::<Phase>(&json).unwrap(), p);
        }
    }
}
