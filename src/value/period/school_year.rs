//! School years and the calendar of their real dates.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use super::parse::{deserialize_from_str, parse_school_year, school_year_from, tokens};
use super::range::ymd;
use super::{DateRange, PeriodError, Year};

// ---------------------------------------------------------------------------------------
// SchoolYear
// ---------------------------------------------------------------------------------------

/// A school year (*năm học*): it starts in one calendar year and ends in the next.
///
/// Start years run from 1900 to 2199 (both years lie in the [`Year`] range).
///
/// Text forms: `"2023-2024"`, `"2023 - 2024"`, `"2023–2024"` (en dash), `"2023 — 2024"`,
/// `"2023-24"`, `"2023/2024"`, `"năm học 2023-2024"`, `"Năm học 2023 - 2024"`,
/// `"NH 2023-2024"`; decomposed (NFD) letters and extra spaces are accepted. Display and
/// serialisation use `"2023-2024"`.
///
/// The default span, [`SchoolYear::default_span`], is the administrative school year:
/// 1 September of the start year to 31 August of the end year, so that every date lies
/// in exactly one school year. Teaching runs roughly 5 September to 31 May; set the real
/// dates in a [`SchoolCalendar`].
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::SchoolYear;
///
/// let year: SchoolYear = "NH 2023-24".parse()?;
/// assert_eq!(year.to_string(), "2023-2024");
/// assert_eq!(year.end_year().get(), 2024);
///
/// let date = NaiveDate::from_ymd_opt(2024, 9, 1).ok_or("no such date")?;
/// assert_eq!(SchoolYear::containing(date)?, "2024-2025".parse()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SchoolYear {
    pub(super) start: Year,
}

impl SchoolYear {
    /// The school year starting in `start_year`.
    ///
    /// # Errors
    ///
    /// [`PeriodError::YearOutOfRange`] unless `start_year` is 1900 to 2199.
    pub fn try_new(start_year: i32) -> Result<Self, PeriodError> {
        let start = i64::from(start_year);
        let end = start.saturating_add(1);
        school_year_from(&format!("{start}-{end}"), start, end)
    }

    /// The calendar year it starts in.
    #[must_use]
    pub const fn start_year(self) -> Year {
        self.start
    }

    /// The calendar year it ends in, the year after the start year.
    #[must_use]
    pub const fn end_year(self) -> Year {
        // The start year is at most 2199, so this stays within the range.
        Year(self.start.0.saturating_add(1))
    }

    /// The following school year, if within the supported range.
    #[must_use]
    pub fn next(self) -> Option<Self> {
        self.start
            .0
            .checked_add(1)
            .and_then(|y| Self::try_new(y).ok())
    }

    /// The preceding school year, if within the supported range.
    #[must_use]
    pub fn previous(self) -> Option<Self> {
        self.start
            .0
            .checked_sub(1)
            .and_then(|y| Self::try_new(y).ok())
    }

    /// 1 September of the start year to 31 August of the end year.
    #[must_use]
    pub fn default_span(self) -> DateRange {
        DateRange {
            start: ymd(self.start.0, 9, 1),
            end: ymd(self.end_year().0, 8, 31),
        }
    }

    /// The school year whose default span holds `date`: from 1 September on, the one
    /// starting that year, otherwise the one starting the year before.
    ///
    /// # Errors
    ///
    /// [`PeriodError::DateOutsideYears`] for dates before 1900-09-01 or after 2200-08-31.
    pub fn containing(date: NaiveDate) -> Result<Self, PeriodError> {
        let year = i64::from(date.year());
        let start = if date.month() >= 9 {
            year
        } else {
            year.saturating_sub(1)
        };
        i32::try_from(start)
            .ok()
            .and_then(|s| Self::try_new(s).ok())
            .ok_or(PeriodError::DateOutsideYears { date })
    }
}

impl fmt::Display for SchoolYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end_year())
    }
}

impl FromStr for SchoolYear {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_school_year(&tokens(s), s)
    }
}

impl Serialize for SchoolYear {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for SchoolYear {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_from_str(d, "a school year such as \"2023-2024\"")
    }
}

// ---------------------------------------------------------------------------------------
// SchoolCalendar
// ---------------------------------------------------------------------------------------

/// The real dates of school years (*khung thời gian năm học*), as set by the ministry or
/// a province, for the school years where they are known.
///
/// A set span must start in the school year's start year and end in its end year, and
/// set spans may not overlap. School years without a set span use their
/// [default span](SchoolYear::default_span) (1 September to 31 August).
///
/// A default span may overlap a neighbour's set span (a school year set to start on
/// 26 August overlaps the default span of the year before). [`SchoolCalendar::containing`]
/// gives precedence to set spans, and a date outside every set span whose default
/// school year has a set span (a summer holiday) belongs to no school year.
///
/// Serialises as a JSON object from school year to span,
/// `{"2023-2024": "2023-09-05/2024-05-31"}`; reading validates as [`try_set`] does.
///
/// [`try_set`]: SchoolCalendar::try_set
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{DateRange, SchoolCalendar, SchoolYear};
///
/// let year: SchoolYear = "2023-2024".parse()?;
/// let mut calendar = SchoolCalendar::new();
/// calendar.try_set(year, "2023-09-05/2024-05-31".parse()?)?;
/// assert_eq!(calendar.span(year).days(), 270);
///
/// let summer = NaiveDate::from_ymd_opt(2024, 7, 1).ok_or("no such date")?;
/// assert_eq!(calendar.containing(summer), None);
/// assert_eq!(SchoolYear::containing(summer)?, year);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchoolCalendar {
    spans: BTreeMap<SchoolYear, DateRange>,
}

impl SchoolCalendar {
    /// A calendar where every school year has its default span.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the real span of a school year, replacing any span set before.
    ///
    /// # Errors
    ///
    /// [`PeriodError::SpanOutsideSchoolYear`] unless the span starts in the start year
    /// and ends in the end year; [`PeriodError::CalendarOverlap`] naming both school
    /// years when it overlaps another set span. The calendar is unchanged on error.
    pub fn try_set(&mut self, school_year: SchoolYear, span: DateRange) -> Result<(), PeriodError> {
        if span.start.year() != school_year.start_year().get()
            || span.end.year() != school_year.end_year().get()
        {
            return Err(PeriodError::SpanOutsideSchoolYear { school_year, span });
        }
        let clash = self
            .spans
            .iter()
            .find(|(other, other_span)| **other != school_year && other_span.overlaps(&span));
        if let Some((&other, &other_span)) = clash {
            let (first, first_span, second, second_span) = if other < school_year {
                (other, other_span, school_year, span)
            } else {
                (school_year, span, other, other_span)
            };
            return Err(PeriodError::CalendarOverlap {
                first,
                first_span,
                second,
                second_span,
            });
        }
        self.spans.insert(school_year, span);
        Ok(())
    }

    /// The span set for a school year, if any.
    #[must_use]
    pub fn explicit_span(&self, school_year: SchoolYear) -> Option<DateRange> {
        self.spans.get(&school_year).copied()
    }

    /// The set span of a school year, or its default span.
    #[must_use]
    pub fn span(&self, school_year: SchoolYear) -> DateRange {
        self.explicit_span(school_year)
            .unwrap_or_else(|| school_year.default_span())
    }

    /// The school year holding `date`: the one whose set span holds it, otherwise its
    /// default school year unless that year has a set span. `None` for dates between
    /// set spans (summer holidays) and outside the supported years.
    #[must_use]
    pub fn containing(&self, date: NaiveDate) -> Option<SchoolYear> {
        // A set span lies within its start and end calendar years, so only the school
        // years starting the year before and the year of the date can hold it.
        let year = date.year();
        let set = [year.checked_sub(1), Some(year)]
            .into_iter()
            .flatten()
            .filter_map(|start| SchoolYear::try_new(start).ok())
            .find(|sy| self.spans.get(sy).is_some_and(|span| span.contains(date)));
        set.or_else(|| {
            SchoolYear::containing(date)
                .ok()
                .filter(|sy| !self.spans.contains_key(sy))
        })
    }
}

impl Serialize for SchoolCalendar {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.spans.serialize(s)
    }
}

impl<'de> Deserialize<'de> for SchoolCalendar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct CalendarVisitor;

        impl<'de> Visitor<'de> for CalendarVisitor {
            type Value = SchoolCalendar;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map from school year to date range")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SchoolCalendar, A::Error> {
                let mut calendar = SchoolCalendar::new();
                while let Some((year, span)) = map.next_entry::<SchoolYear, DateRange>()? {
                    if calendar.spans.contains_key(&year) {
                        return Err(de::Error::custom(format_args!(
                            "invalid school calendar: school year {year} is given twice"
                        )));
                    }
                    calendar.try_set(year, span).map_err(de::Error::custom)?;
                }
                Ok(calendar)
            }
        }

        d.deserialize_map(CalendarVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::period::tests::{any_date, any_range, any_school_year, date, err, range, sy};
    use proptest::prelude::*;

    // --- SchoolYear -----------------------------------------------------------------

    #[test]
    fn school_year_forms() {
        for s in [
            "2023-2024",
            "2023 - 2024",
            "2023–2024",
            "2023 – 2024",
            "2023 — 2024",
            "2023-24",
            "2023/2024",
            "năm học 2023-2024",
            "Năm học 2023 - 2024",
            "NĂM HỌC 2023-2024",
            "NH 2023-2024",
            "NH2023-2024",
            "nh 2023-24",
            "Na\u{306}m ho\u{323}c 2023 - 2024",
            "  năm   học \t 2023  -  2024 ",
            "năm học: 2023-2024",
            "nam hoc 2023-2024",
            "school year 2023-2024",
            "\u{feff}2023-2024",
        ] {
            assert_eq!(
                s.parse::<SchoolYear>().unwrap(),
                SchoolYear::try_new(2023).unwrap(),
                "{s:?}"
            );
        }
        assert_eq!(sy("2099-00").to_string(), "2099-2100");
        assert_eq!(sy("1900-1901").start_year(), Year::MIN);
        assert_eq!(sy("2199-2200").end_year(), Year::MAX);
    }

    #[test]
    fn school_year_errors() {
        insta::assert_snapshot!(err::<SchoolYear>("202-2022"), @r#"invalid school year "202-2022": expected two four-digit years such as "2023-2024""#);
        insta::assert_snapshot!(err::<SchoolYear>("2023-2025"), @r#"invalid school year "2023-2025": years 2023 and 2025 are not consecutive; a school year ends in the year after it starts"#);
        insta::assert_snapshot!(err::<SchoolYear>("2024-2023"), @r#"invalid school year "2024-2023": end year 2023 is before start year 2024"#);
        insta::assert_snapshot!(err::<SchoolYear>("2023-25"), @r#"invalid school year "2023-25": years 2023 and 2025 are not consecutive; a school year ends in the year after it starts"#);
        insta::assert_snapshot!(err::<SchoolYear>("2023-2024-2025"), @r#"invalid school year "2023-2024-2025": expected two four-digit years such as "2023-2024""#);
        insta::assert_snapshot!(err::<SchoolYear>(""), @r#"invalid school year "": the input is empty"#);
        insta::assert_snapshot!(err::<SchoolYear>("  \t"), @r#"invalid school year "  \t": the input is empty"#);
        insta::assert_snapshot!(err::<SchoolYear>("2023-2023"), @r#"invalid school year "2023-2023": years 2023 and 2023 are not consecutive; a school year ends in the year after it starts"#);
        insta::assert_snapshot!(err::<SchoolYear>("2023-22"), @r#"invalid school year "2023-22": end year 2022 is before start year 2023"#);
        insta::assert_snapshot!(err::<SchoolYear>("Na\u{306}m ho\u{323}c 202-2022"), @r#"invalid school year "Na\u{306}m ho\u{323}c 202-2022": expected two four-digit years such as "2023-2024""#);
        insta::assert_snapshot!(err::<SchoolYear>("2023-202"), @r#"invalid school year "2023-202": expected two four-digit years such as "2023-2024""#);
        insta::assert_snapshot!(err::<SchoolYear>("năm học 2023"), @r#"invalid school year "năm học 2023": expected two four-digit years such as "2023-2024""#);
        insta::assert_snapshot!(err::<SchoolYear>("giai đoạn 2023-2024"), @r#"invalid school year "giai đoạn 2023-2024": expected two four-digit years such as "2023-2024""#);
        insta::assert_snapshot!(err::<SchoolYear>("1899-1900"), @r#"invalid school year "1899-1900": year 1899 is outside the supported range 1900 to 2200"#);
        insta::assert_snapshot!(err::<SchoolYear>("2200-2201"), @r#"invalid school year "2200-2201": year 2201 is outside the supported range 1900 to 2200"#);
        insta::assert_snapshot!(SchoolYear::try_new(i32::MAX).unwrap_err().to_string(), @r#"invalid school year "2147483647-2147483648": year 2147483647 is outside the supported range 1900 to 2200"#);
        assert!(SchoolYear::try_new(i32::MIN).is_err());
    }

    #[test]
    fn school_year_navigation() {
        let y = sy("2023-2024");
        assert_eq!(y.start_year().get(), 2023);
        assert_eq!(y.end_year().get(), 2024);
        assert_eq!(y.next(), Some(sy("2024-2025")));
        assert_eq!(y.previous(), Some(sy("2022-2023")));
        assert_eq!(sy("2199-2200").next(), None);
        assert_eq!(sy("1900-1901").previous(), None);
        assert!(sy("2022-2023") < y);
    }

    #[test]
    fn school_year_default_span_and_containing() {
        let y = sy("2023-2024");
        assert_eq!(y.default_span().to_string(), "2023-09-01/2024-08-31");
        assert_eq!(y.default_span().days(), 366);
        assert_eq!(SchoolYear::containing(date(2024, 8, 31)).unwrap(), y);
        assert_eq!(
            SchoolYear::containing(date(2024, 9, 1)).unwrap(),
            sy("2024-2025")
        );
        assert_eq!(SchoolYear::containing(date(2023, 9, 1)).unwrap(), y);
        assert_eq!(
            SchoolYear::containing(date(2023, 8, 31)).unwrap(),
            sy("2022-2023")
        );
        assert_eq!(SchoolYear::containing(date(2024, 2, 29)).unwrap(), y);
        assert_eq!(SchoolYear::containing(date(2024, 1, 1)).unwrap(), y);
        assert_eq!(SchoolYear::containing(date(2023, 12, 31)).unwrap(), y);
        assert_eq!(
            SchoolYear::containing(date(1900, 9, 1)).unwrap(),
            sy("1900-1901")
        );
        assert_eq!(
            SchoolYear::containing(date(2200, 8, 31)).unwrap(),
            sy("2199-2200")
        );
        insta::assert_snapshot!(SchoolYear::containing(date(1900, 8, 31)).unwrap_err().to_string(), @r#"date "1900-08-31" is outside the supported years 1900 to 2200"#);
        assert!(SchoolYear::containing(date(2200, 9, 1)).is_err());
        assert!(SchoolYear::containing(NaiveDate::MIN).is_err());
        assert!(SchoolYear::containing(NaiveDate::MAX).is_err());
    }

    #[test]
    fn school_year_serde() {
        let y = sy("2023-2024");
        assert_eq!(serde_json::to_string(&y).unwrap(), r#""2023-2024""#);
        assert_eq!(
            serde_json::from_str::<SchoolYear>(r#""năm học 2023 - 2024""#).unwrap(),
            y
        );
        insta::assert_snapshot!(serde_json::from_str::<SchoolYear>(r#""202-2022""#).unwrap_err().to_string(), @r#"invalid school year "202-2022": expected two four-digit years such as "2023-2024" at line 1 column 10"#);
        assert!(serde_json::from_str::<SchoolYear>("2023").is_err());
    }

    // --- SchoolCalendar -------------------------------------------------------------

    #[test]
    fn calendar_spans_and_containing() {
        let y = sy("2023-2024");
        let mut cal = SchoolCalendar::new();
        cal.try_set(y, range("2023-09-05/2024-05-31")).unwrap();
        assert_eq!(cal.span(y).to_string(), "2023-09-05/2024-05-31");
        assert_eq!(cal.explicit_span(y), Some(range("2023-09-05/2024-05-31")));
        assert_eq!(cal.explicit_span(sy("2024-2025")), None);
        assert_eq!(cal.span(sy("2024-2025")), sy("2024-2025").default_span());

        assert_eq!(cal.containing(date(2023, 9, 5)), Some(y));
        assert_eq!(cal.containing(date(2024, 5, 31)), Some(y));
        assert_eq!(cal.containing(date(2024, 2, 29)), Some(y));
        assert_eq!(cal.containing(date(2024, 6, 1)), None);
        assert_eq!(cal.containing(date(2024, 8, 31)), None);
        assert_eq!(cal.containing(date(2023, 9, 4)), None);
        assert_eq!(cal.containing(date(2023, 8, 31)), Some(sy("2022-2023")));
        assert_eq!(cal.containing(date(2024, 9, 1)), Some(sy("2024-2025")));
        assert_eq!(cal.containing(NaiveDate::MIN), None);
        assert_eq!(cal.containing(NaiveDate::MAX), None);

        // An early start takes precedence over the previous year's default span.
        cal.try_set(sy("2024-2025"), range("2024-08-26/2025-05-31"))
            .unwrap();
        assert_eq!(cal.containing(date(2024, 8, 26)), Some(sy("2024-2025")));
        assert_eq!(cal.containing(date(2024, 8, 25)), None);

        // Replacing a span is allowed.
        cal.try_set(y, range("2023-09-05/2024-06-15")).unwrap();
        assert_eq!(cal.span(y).end(), date(2024, 6, 15));

        let def = SchoolCalendar::new();
        assert_eq!(def.containing(date(2024, 8, 31)), Some(y));
        assert_eq!(def.containing(date(2024, 9, 1)), Some(sy("2024-2025")));
        assert_eq!(def, SchoolCalendar::default());
    }

    #[test]
    fn calendar_errors() {
        let mut cal = SchoolCalendar::new();
        cal.try_set(sy("2024-2025"), range("2024-06-01/2025-05-31"))
            .unwrap();
        let e = cal
            .try_set(sy("2023-2024"), range("2023-09-05/2024-06-15"))
            .unwrap_err();
        insta::assert_snapshot!(e.to_string(), @"invalid school calendar: school year 2023-2024 (2023-09-05/2024-06-15) overlaps school year 2024-2025 (2024-06-01/2025-05-31)");
        let e = cal
            .try_set(sy("2025-2026"), range("2025-05-31/2026-05-31"))
            .unwrap_err();
        insta::assert_snapshot!(e.to_string(), @"invalid school calendar: school year 2024-2025 (2024-06-01/2025-05-31) overlaps school year 2025-2026 (2025-05-31/2026-05-31)");
        let e = cal
            .try_set(sy("2023-2024"), range("2010-01-01/2010-02-01"))
            .unwrap_err();
        insta::assert_snapshot!(e.to_string(), @"invalid school calendar: span 2010-01-01/2010-02-01 for school year 2023-2024 must start in 2023 and end in 2024");
        assert!(
            cal.try_set(sy("2023-2024"), range("2023-09-05/2023-12-31"))
                .is_err()
        );
        assert_eq!(cal.spans.len(), 1);
    }

    #[test]
    fn calendar_serde() {
        let mut cal = SchoolCalendar::new();
        cal.try_set(sy("2024-2025"), range("2024-09-05/2025-05-31"))
            .unwrap();
        cal.try_set(sy("2023-2024"), range("2023-09-05/2024-05-31"))
            .unwrap();
        let json = serde_json::to_string(&cal).unwrap();
        insta::assert_snapshot!(json, @r#"{"2023-2024":"2023-09-05/2024-05-31","2024-2025":"2024-09-05/2025-05-31"}"#);
        assert_eq!(serde_json::from_str::<SchoolCalendar>(&json).unwrap(), cal);
        let dup = r#"{"2023-2024":"2023-09-05/2024-05-31","2023 - 2024":"2023-09-06/2024-05-31"}"#;
        insta::assert_snapshot!(serde_json::from_str::<SchoolCalendar>(dup).unwrap_err().to_string(), @"invalid school calendar: school year 2023-2024 is given twice at line 1 column 75");
        let overlap =
            r#"{"2023-2024":"2023-09-05/2024-09-30","2024-2025":"2024-09-05/2025-05-31"}"#;
        insta::assert_snapshot!(serde_json::from_str::<SchoolCalendar>(overlap).unwrap_err().to_string(), @"invalid school calendar: school year 2023-2024 (2023-09-05/2024-09-30) overlaps school year 2024-2025 (2024-09-05/2025-05-31) at line 1 column 73");
        assert!(
            serde_json::from_str::<SchoolCalendar>(r#"{"202-2022":"2021-09-05/2022-05-31"}"#)
                .is_err()
        );
        assert_eq!(
            serde_json::from_str::<SchoolCalendar>("{}").unwrap(),
            SchoolCalendar::new()
        );
    }

    // --- Properties -----------------------------------------------------------------

    proptest! {
        #[test]
        fn school_year_round_trips(y in any_school_year()) {
            prop_assert_eq!(y.to_string().parse::<SchoolYear>().unwrap(), y);
            let json = serde_json::to_string(&y).unwrap();
            prop_assert_eq!(serde_json::from_str::<SchoolYear>(&json).unwrap(), y);
            let short = format!("năm học {}-{:02}", y.start_year(), y.end_year().get() % 100);
            prop_assert_eq!(short.parse::<SchoolYear>().unwrap(), y);
            let span = y.default_span();
            prop_assert_eq!(SchoolYear::containing(span.start()).unwrap(), y);
            prop_assert_eq!(SchoolYear::containing(span.end()).unwrap(), y);
            if let Some(next) = y.next() {
                prop_assert_eq!(next.previous(), Some(y));
                prop_assert_eq!(span.end().succ_opt(), Some(next.default_span().start()));
            }
        }

        #[test]
        fn errors_quote_the_input(s in "[a-z0-9 /-]{1,20}") {
            if let Err(e) = s.parse::<SchoolYear>() {
                let quoted = format!("{s:?}");
                prop_assert!(e.to_string().contains(&quoted));
            }
        }

        #[test]
        fn calendar_never_panics(
            spans in proptest::collection::vec((any_school_year(), any_range()), 0..8),
            probe in any_date(),
        ) {
            let mut cal = SchoolCalendar::new();
            for (y, r) in spans {
                let _ = cal.try_set(y, r);
            }
            if let Some(y) = cal.containing(probe) {
                prop_assert!(cal.span(y).contains(probe));
            }
            let json = serde_json::to_string(&cal).unwrap();
            prop_assert_eq!(serde_json::from_str::<SchoolCalendar>(&json).unwrap(), cal);
        }
    }
}
