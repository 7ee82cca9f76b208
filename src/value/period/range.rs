//! Inclusive date ranges and the date formats periods are written with.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::de::Deserializer;
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use super::parse::{deserialize_from_str, parse_range, tokens};
use super::{PeriodError, PeriodSubject};

// Named in the documentation of `DateRange`.
#[cfg(doc)]
use super::parse_date;

/// Earliest and latest years of a date in a [`DateRange`] (four-digit years).
const MIN_DATE_YEAR: i32 = 0;
const MAX_DATE_YEAR: i32 = 9999;

/// An inclusive range of dates, `start..=end`, with years 0000 to 9999.
///
/// Display and serialisation use the ISO 8601 interval `"2023-09-01/2024-05-31"`.
/// Text forms: that, `"2023-09-01..2024-05-31"`, `"01/09/2023 - 31/05/2024"` and
/// `"từ 01/09/2023 đến 31/05/2024"`; each date in any form [`parse_date`] reads.
///
/// ```
/// use thidua::DateRange;
///
/// let teaching: DateRange = "từ 05/09/2023 đến 31/05/2024".parse()?;
/// let year_2024: DateRange = "2024-01-01/2024-12-31".parse()?;
/// let overlap = teaching.intersection(&year_2024).ok_or("disjoint")?;
/// assert_eq!(overlap.to_string(), "2024-01-01/2024-05-31");
/// assert_eq!(overlap.days(), 152);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateRange {
    pub(super) start: NaiveDate,
    pub(super) end: NaiveDate,
}

impl DateRange {
    /// The dates from `start` to `end`, both included.
    ///
    /// # Errors
    ///
    /// [`PeriodError::DateOutOfRange`] for a date outside 0000-01-01 to 9999-12-31,
    /// [`PeriodError::EndBeforeStart`] when `end < start`.
    pub fn try_new(start: NaiveDate, end: NaiveDate) -> Result<Self, PeriodError> {
        for date in [start, end] {
            if !(MIN_DATE_YEAR..=MAX_DATE_YEAR).contains(&date.year()) {
                return Err(PeriodError::DateOutOfRange { date });
            }
        }
        if end < start {
            return Err(PeriodError::EndBeforeStart { start, end });
        }
        Ok(Self { start, end })
    }

    /// The first day.
    #[must_use]
    pub const fn start(self) -> NaiveDate {
        self.start
    }

    /// The last day.
    #[must_use]
    pub const fn end(self) -> NaiveDate {
        self.end
    }

    /// Whether `date` lies in the range.
    #[must_use]
    pub fn contains(self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// Whether the two ranges share at least one day.
    #[must_use]
    pub fn overlaps(&self, other: &Self) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// The days both ranges share, if any.
    #[must_use]
    pub fn intersection(&self, other: &Self) -> Option<Self> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start <= end).then_some(Self { start, end })
    }

    /// The number of days, both ends included (at least 1).
    #[must_use]
    pub fn days(self) -> u32 {
        let between = self.end.signed_duration_since(self.start).num_days();
        // At most about 3.65 million days for years 0000 to 9999.
        u32::try_from(between.saturating_add(1)).unwrap_or(u32::MAX)
    }
}

impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", Iso(self.start), Iso(self.end))
    }
}

impl FromStr for DateRange {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_range(&tokens(s), s, PeriodSubject::DateRange)
    }
}

impl Serialize for DateRange {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateRange {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_from_str(d, "a date range such as \"2023-09-01/2024-05-31\"")
    }
}

/// A date known to exist: callers pass validated years and days present in every year.
pub(super) fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

/// Writes a date as ISO 8601, `2023-09-01`.
pub(super) struct Iso(pub(super) NaiveDate);

impl fmt::Display for Iso {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    }
}

/// Writes a date the Vietnamese way, `01/09/2023`.
pub(super) struct Dmy(pub(super) NaiveDate);

impl fmt::Display for Dmy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(f, "{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::period::tests::{any_range, date, err, range};
    use proptest::prelude::*;

    #[test]
    fn range_forms() {
        let r = DateRange::try_new(date(2023, 9, 1), date(2024, 5, 31)).unwrap();
        for s in [
            "2023-09-01/2024-05-31",
            "2023-09-01 / 2024-05-31",
            "2023-09-01..2024-05-31",
            "2023-09-01 - 2024-05-31",
            "01/09/2023 - 31/05/2024",
            "01/09/2023–31/05/2024",
            "01/09/2023-31/05/2024",
            "1/9/2023 - 31/5/2024",
            "từ 01/09/2023 đến 31/05/2024",
            "Từ ngày 01/09/2023 đến ngày 31/05/2024",
            "tư\u{300} 01/09/2023 đê\u{301}n 31/05/2024",
            "từ ngày 1 tháng 9 năm 2023 đến ngày 31 tháng 5 năm 2024",
            "01-09-2023 - 31-05-2024",
            "from 2023-09-01 to 2024-05-31",
        ] {
            assert_eq!(s.parse::<DateRange>().unwrap(), r, "{s:?}");
        }
        assert_eq!(r.to_string(), "2023-09-01/2024-05-31");
        assert_eq!(r.start(), date(2023, 9, 1));
        assert_eq!(r.end(), date(2024, 5, 31));
        assert_eq!(r.days(), 274);
        let one = DateRange::try_new(date(2024, 2, 29), date(2024, 2, 29)).unwrap();
        assert_eq!(one.days(), 1);
        assert_eq!(one.to_string(), "2024-02-29/2024-02-29");
        let all = DateRange::try_new(date(0, 1, 1), date(9999, 12, 31)).unwrap();
        assert_eq!(all.days(), 3_652_425);
        assert_eq!(all.to_string(), "0000-01-01/9999-12-31");
        assert_eq!(all.to_string().parse::<DateRange>().unwrap(), all);
    }

    #[test]
    fn range_operations() {
        let a = range("2023-09-01/2024-05-31");
        let b = range("2024-05-31/2024-08-31");
        let c = range("2024-06-01/2024-08-31");
        assert!(a.contains(date(2023, 9, 1)));
        assert!(a.contains(date(2024, 2, 29)));
        assert!(a.contains(date(2024, 5, 31)));
        assert!(!a.contains(date(2023, 8, 31)));
        assert!(!a.contains(date(2024, 6, 1)));
        assert!(!a.contains(NaiveDate::MIN));
        assert!(!a.contains(NaiveDate::MAX));
        assert!(a.overlaps(&b) && b.overlaps(&a));
        assert!(!a.overlaps(&c) && !c.overlaps(&a));
        assert_eq!(a.intersection(&b), Some(range("2024-05-31/2024-05-31")));
        assert_eq!(a.intersection(&c), None);
        assert_eq!(a.intersection(&a), Some(a));
    }

    #[test]
    fn range_errors() {
        insta::assert_snapshot!(DateRange::try_new(date(2024, 9, 1), date(2024, 8, 31)).unwrap_err().to_string(), @r#"invalid date range: end "2024-08-31" is before start "2024-09-01""#);
        insta::assert_snapshot!(DateRange::try_new(NaiveDate::MIN, date(2024, 8, 31)).unwrap_err().to_string(), @r#"invalid date range: date "-262143-01-01" is outside the supported range 0000-01-01 to 9999-12-31"#);
        assert!(DateRange::try_new(date(2024, 1, 1), NaiveDate::MAX).is_err());
        assert!(DateRange::try_new(date(-1, 12, 31), date(2024, 1, 1)).is_err());
        assert!(DateRange::try_new(date(2024, 1, 1), date(10000, 1, 1)).is_err());
        insta::assert_snapshot!(err::<DateRange>("31/05/2024 - 01/09/2023"), @r#"invalid date range: end "2023-09-01" is before start "2024-05-31""#);
        insta::assert_snapshot!(err::<DateRange>("01/09/2023 - 31/02/2024"), @r#"invalid date range "01/09/2023 - 31/02/2024": there is no day 31 in month 2 of 2024"#);
        insta::assert_snapshot!(err::<DateRange>("01/09/2023"), @r#"invalid date range "01/09/2023": expected two dates such as "2023-09-01/2024-05-31" or "01/09/2023 - 31/05/2024""#);
        insta::assert_snapshot!(err::<DateRange>("từ 01/09/2023"), @r#"invalid date range "từ 01/09/2023": expected two dates such as "2023-09-01/2024-05-31" or "01/09/2023 - 31/05/2024""#);
        insta::assert_snapshot!(err::<DateRange>("2023-09-01...2024-05-31"), @r#"invalid date range "2023-09-01...2024-05-31": expected two dates such as "2023-09-01/2024-05-31" or "01/09/2023 - 31/05/2024""#);
        insta::assert_snapshot!(err::<DateRange>(""), @r#"invalid date range "": the input is empty"#);
    }

    #[test]
    fn range_serde() {
        let r = range("2023-09-01/2024-05-31");
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#""2023-09-01/2024-05-31""#
        );
        assert_eq!(
            serde_json::from_str::<DateRange>(r#""từ 01/09/2023 đến 31/05/2024""#).unwrap(),
            r
        );
        assert!(serde_json::from_str::<DateRange>(r#""2024-09-01/2024-08-31""#).is_err());
    }

    proptest! {
        #[test]
        fn range_round_trips(r in any_range()) {
            prop_assert_eq!(r.to_string().parse::<DateRange>().unwrap(), r);
            let json = serde_json::to_string(&r).unwrap();
            prop_assert_eq!(serde_json::from_str::<DateRange>(&json).unwrap(), r);
            prop_assert!(r.days() >= 1);
            prop_assert!(r.contains(r.start()) && r.contains(r.end()));
        }

        #[test]
        fn range_algebra(a in any_range(), b in any_range()) {
            prop_assert_eq!(a.overlaps(&b), a.intersection(&b).is_some());
            prop_assert_eq!(a.intersection(&b), b.intersection(&a));
            if let Some(i) = a.intersection(&b) {
                prop_assert!(i.days() <= a.days().min(b.days()));
                prop_assert!(a.contains(i.start()) && b.contains(i.end()));
            }
        }
    }
}
