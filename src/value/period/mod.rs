//! Periods: calendar years (*năm*), school years (*năm học*), multi-year phases
//! (*giai đoạn*) and plain date ranges (*từ ngày … đến ngày …*).
//!
//! Every query in this crate takes an as-of date or a [`Period`]. Campaigns are launched
//! for a school year (*năm học 2023-2024*), a calendar year (*năm 2024*) or a phase
//! (*giai đoạn 2022-2025*); decisions and memberships carry explicit date ranges.
//!
//! - [`Year`]: a calendar year in the supported range 1900 to 2200 (inclusive).
//! - [`SchoolYear`]: a school year starting in one calendar year and ending in the
//!   next. Its *default span* is the administrative school year, 1 September of the
//!   start year to 31 August of the end year, so every date belongs to exactly one
//!   school year; teaching itself runs roughly from 5 September to 31 May.
//! - [`SchoolCalendar`]: the real calendar (e.g. 2023-09-05 to 2024-05-31 as set by a
//!   provincial decision) for the school years where it is known, falling back to the
//!   default span elsewhere.
//! - [`Phase`]: two to ten consecutive calendar years, 1 January of the first to
//!   31 December of the last.
//! - [`DateRange`]: an inclusive range of dates, years 0000 to 9999.
//! - [`Period`]: any of the above.
//!
//! Text is read leniently, as it appears in reports: `"Năm học 2023 - 2024"`,
//! `"NH 2023-24"`, `"giai đoạn 2022 -2025"`, `"từ 01/09/2023 đến 31/05/2024"`,
//! `"ngày 15 tháng 11 năm 2023"`; en and em dashes, extra spaces and decomposed (NFD)
//! Vietnamese letters are accepted. Output is always one canonical form that reads back
//! to the same value. [`parse_date`] and [`date_from_excel_serial`] read single dates.
//!
//! ```
//! use thidua::{Period, SchoolYear};
//!
//! let year: SchoolYear = "Năm học 2023 - 2024".parse()?;
//! assert_eq!(year.to_string(), "2023-2024");
//!
//! let period: Period = "giai đoạn 2022-2025".parse()?;
//! assert_eq!(period.default_span().to_string(), "2022-01-01/2025-12-31");
//! # Ok::<(), thidua::PeriodError>(())
//! ```

pub(crate) mod day;
mod parse;
mod phase;
mod range;
mod school_year;
mod year;

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use parse::{date_from_excel_serial, parse_date};
pub use phase::Phase;
pub use range::DateRange;
pub use school_year::{SchoolCalendar, SchoolYear};
pub use year::Year;

use parse::{parse_period, tokens};
use range::{Dmy, Iso};

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

/// What a piece of text or a value was being read as, named in a [`PeriodError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PeriodSubject {
    /// A single date (*ngày*).
    Date,
    /// A [`DateRange`].
    DateRange,
    /// A calendar [`Year`] (*năm*).
    Year,
    /// A [`SchoolYear`] (*năm học*).
    SchoolYear,
    /// A [`Phase`] (*giai đoạn*).
    Phase,
    /// Any [`Period`].
    Period,
}

impl PeriodSubject {
    /// The forms accepted, quoted in error messages.
    fn expected(self) -> &'static str {
        match self {
            Self::Date => {
                "a date such as \"15/11/2023\", \"2023-11-15\" or \"ngày 15 tháng 11 năm 2023\""
            }
            Self::DateRange => {
                "two dates such as \"2023-09-01/2024-05-31\" or \"01/09/2023 - 31/05/2024\""
            }
            Self::Year => "a four-digit year such as \"2024\" or \"năm 2024\"",
            Self::SchoolYear => "two four-digit years such as \"2023-2024\"",
            Self::Phase => "two four-digit years such as \"2022-2025\" or \"giai đoạn 2022-2025\"",
            Self::Period => {
                "a year (\"năm 2024\"), a school year (\"năm học 2023-2024\"), \
                 a phase (\"giai đoạn 2022-2025\") or two dates (\"01/09/2023 - 31/05/2024\")"
            }
        }
    }
}

impl fmt::Display for PeriodSubject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Date => "date",
            Self::DateRange => "date range",
            Self::Year => "year",
            Self::SchoolYear => "school year",
            Self::Phase => "phase",
            Self::Period => "period",
        })
    }
}

/// Why a year, school year, phase, date or date range could not be built.
///
/// Messages quote the offending input, e.g.
/// `invalid school year "202-2022": expected two four-digit years such as "2023-2024"`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PeriodError {
    /// The text holds nothing but white space.
    #[error("invalid {what} {input:?}: the input is empty")]
    Empty {
        /// What the text was read as.
        what: PeriodSubject,
        /// The text as given.
        input: String,
    },
    /// The text does not have any of the accepted shapes.
    #[error("invalid {what} {input:?}: expected {}", .what.expected())]
    Malformed {
        /// What the text was read as.
        what: PeriodSubject,
        /// The text as given.
        input: String,
    },
    /// A year lies outside the supported range 1900 to 2200.
    #[error("invalid {what} {input:?}: year {year} is outside the supported range 1900 to 2200")]
    YearOutOfRange {
        /// What the input was read as.
        what: PeriodSubject,
        /// The input as given (a number is written out).
        input: String,
        /// The offending year.
        year: i64,
    },
    /// The end year comes before the start year.
    #[error("invalid {what} {input:?}: end year {end} is before start year {start}")]
    Reversed {
        /// What the input was read as.
        what: PeriodSubject,
        /// The input as given.
        input: String,
        /// The start year read.
        start: i64,
        /// The end year read.
        end: i64,
    },
    /// A school year whose end year is not the year after its start year.
    #[error(
        "invalid school year {input:?}: years {start} and {end} are not consecutive; \
         a school year ends in the year after it starts"
    )]
    NotConsecutive {
        /// The input as given.
        input: String,
        /// The start year read.
        start: i64,
        /// The end year read.
        end: i64,
    },
    /// A multi-year span that starts and ends in the same year.
    #[error(
        "invalid {what} {input:?}: it starts and ends in {year}; a single year is written \"{year}\""
    )]
    SingleYear {
        /// What the input was read as.
        what: PeriodSubject,
        /// The input as given.
        input: String,
        /// The only year.
        year: i64,
    },
    /// A phase longer than ten years.
    #[error(
        "invalid phase {input:?}: it spans {years} years from {start} to {end}; at most 10 are allowed"
    )]
    PhaseTooLong {
        /// The input as given.
        input: String,
        /// The start year.
        start: i64,
        /// The end year.
        end: i64,
        /// Number of calendar years covered.
        years: i64,
    },
    /// A date with a month outside 1 to 12.
    #[error("invalid {what} {input:?}: there is no month {month}")]
    NoSuchMonth {
        /// What the text was read as.
        what: PeriodSubject,
        /// The text as given.
        input: String,
        /// The month read.
        month: u32,
    },
    /// A date whose day does not exist in its month (31/02/2024, 29/02/2023).
    #[error("invalid {what} {input:?}: there is no day {day} in month {month} of {year}")]
    NoSuchDay {
        /// What the text was read as.
        what: PeriodSubject,
        /// The text as given.
        input: String,
        /// The year read.
        year: u32,
        /// The month read.
        month: u32,
        /// The day read.
        day: u32,
    },
    /// A date range bound outside the years 0000 to 9999.
    #[error(
        "invalid date range: date \"{date}\" is outside the supported range 0000-01-01 to 9999-12-31"
    )]
    DateOutOfRange {
        /// The offending date.
        date: NaiveDate,
    },
    /// A date range whose end comes before its start.
    #[error("invalid date range: end \"{end}\" is before start \"{start}\"")]
    EndBeforeStart {
        /// The start given.
        start: NaiveDate,
        /// The end given.
        end: NaiveDate,
    },
    /// A date with no [`Year`] or [`SchoolYear`] in the supported range.
    #[error("date \"{date}\" is outside the supported years 1900 to 2200")]
    DateOutsideYears {
        /// The date given.
        date: NaiveDate,
    },
    /// An Excel serial date outside 1 (1900-01-01) to 2958465 (9999-12-31).
    #[error("invalid Excel date serial {serial}: expected 1 (1900-01-01) to 2958465 (9999-12-31)")]
    ExcelSerialOutOfRange {
        /// The serial given.
        serial: i64,
    },
    /// Excel serial 60, the 29 February 1900 that Excel counts but that never existed.
    #[error("invalid Excel date serial 60: it stands for 1900-02-29, a day that does not exist")]
    ExcelNonexistentLeapDay,
    /// A school calendar span that does not start in the school year's start year and
    /// end in its end year.
    #[error(
        "invalid school calendar: span {span} for school year {school_year} must start in {} and end in {}",
        .school_year.start_year(),
        .school_year.end_year()
    )]
    SpanOutsideSchoolYear {
        /// The school year.
        school_year: SchoolYear,
        /// The span given for it.
        span: DateRange,
    },
    /// Two school years of a calendar whose spans overlap.
    #[error(
        "invalid school calendar: school year {first} ({first_span}) overlaps \
         school year {second} ({second_span})"
    )]
    CalendarOverlap {
        /// The earlier school year.
        first: SchoolYear,
        /// Its span.
        first_span: DateRange,
        /// The later school year.
        second: SchoolYear,
        /// Its span.
        second_span: DateRange,
    },
}

// ---------------------------------------------------------------------------------------
// Period
// ---------------------------------------------------------------------------------------

/// Any period a campaign, review or report covers (*kỳ*).
///
/// Reading text: `"năm học …"` / `"NH …"` is a [`SchoolYear`], `"giai đoạn …"` a
/// [`Phase`], `"năm 2024"` or `"2024"` a [`Year`], two dates a [`DateRange`]. Bare years
/// `"A-B"` are read as reports use them: a school year when B = A + 1 (or B has two
/// digits, as in `"2023-24"`), a phase when B > A + 1.
///
/// Display is Vietnamese and reads back to the same value: `"năm 2024"`,
/// `"năm học 2023-2024"`, `"giai đoạn 2022-2025"`, `"01/09/2023 - 31/05/2024"`;
/// [`Period::label_en`] gives English.
///
/// Serialised tagged: `{"kind": "school_year", "value": "2023-2024"}` with kinds
/// `year` (value a JSON integer, as [`Year`] serialises), `school_year`, `phase` and
/// `range` (values strings); reading validates the value.
///
/// ```
/// use thidua::{Period, SchoolCalendar};
///
/// let period: Period = "2023-2024".parse()?;
/// assert_eq!(period.to_string(), "năm học 2023-2024");
/// assert_eq!(period.label_en(), "school year 2023-2024");
/// let span = period.span(&SchoolCalendar::new());
/// assert_eq!(span.to_string(), "2023-09-01/2024-08-31");
/// # Ok::<(), thidua::PeriodError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[non_exhaustive]
pub enum Period {
    /// A calendar year.
    Year(Year),
    /// A school year.
    SchoolYear(SchoolYear),
    /// A multi-year phase.
    Phase(Phase),
    /// An explicit range of dates.
    Range(DateRange),
}

impl Period {
    /// The dates covered, with school years taken from `calendar`.
    #[must_use]
    pub fn span(&self, calendar: &SchoolCalendar) -> DateRange {
        match *self {
            Self::Year(y) => y.span(),
            Self::SchoolYear(sy) => calendar.span(sy),
            Self::Phase(p) => p.span(),
            Self::Range(r) => r,
        }
    }

    /// The dates covered, school years by their default span (1 September to
    /// 31 August).
    #[must_use]
    pub fn default_span(&self) -> DateRange {
        match *self {
            Self::SchoolYear(sy) => sy.default_span(),
            _ => self.span(&SchoolCalendar::new()),
        }
    }

    /// The Vietnamese label, as Display writes it: `"năm học 2023-2024"`.
    #[must_use]
    pub fn label_vi(&self) -> String {
        self.to_string()
    }

    /// The English label: `"year 2024"`, `"school year 2023-2024"`,
    /// `"phase 2022-2025"`, `"2023-09-01 to 2024-05-31"`; it reads back as well.
    #[must_use]
    pub fn label_en(&self) -> String {
        match self {
            Self::Year(y) => format!("year {y}"),
            Self::SchoolYear(sy) => format!("school year {sy}"),
            Self::Phase(p) => format!("phase {p}"),
            Self::Range(r) => format!("{} to {}", Iso(r.start), Iso(r.end)),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Year(y) => write!(f, "năm {y}"),
            Self::SchoolYear(sy) => write!(f, "năm học {sy}"),
            Self::Phase(p) => write!(f, "giai đoạn {p}"),
            Self::Range(r) => write!(f, "{} - {}", Dmy(r.start), Dmy(r.end)),
        }
    }
}

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_period(&tokens(s), s)
    }
}

impl From<Year> for Period {
    fn from(y: Year) -> Self {
        Self::Year(y)
    }
}

impl From<SchoolYear> for Period {
    fn from(sy: SchoolYear) -> Self {
        Self::SchoolYear(sy)
    }
}

impl From<Phase> for Period {
    fn from(p: Phase) -> Self {
        Self::Phase(p)
    }
}

impl From<DateRange> for Period {
    fn from(r: DateRange) -> Self {
        Self::Range(r)
    }
}
#[cfg(test)]
mod tests {
    use super::year::{MAX_YEAR, MIN_YEAR};
    use super::*;
    use chrono::Datelike;
    use proptest::prelude::*;

    // --- Helpers shared with the tests of the submodules -----------------------------

    pub(super) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    pub(super) fn err<T: FromStr<Err = PeriodError> + fmt::Debug>(s: &str) -> String {
        s.parse::<T>().unwrap_err().to_string()
    }

    pub(super) fn sy(s: &str) -> SchoolYear {
        s.parse().unwrap()
    }

    pub(super) fn range(s: &str) -> DateRange {
        s.parse().unwrap()
    }

    // --- Period ---------------------------------------------------------------------

    #[test]
    fn period_forms() {
        let cases: &[(&str, Period)] = &[
            ("năm học 2023-2024", sy("2023-2024").into()),
            ("Năm học 2023 - 2024", sy("2023-2024").into()),
            ("NH 2023-24", sy("2023-2024").into()),
            ("2023-2024", sy("2023-2024").into()),
            ("2023 – 2024", sy("2023-2024").into()),
            ("2023-24", sy("2023-2024").into()),
            ("2023/2024", sy("2023-2024").into()),
            ("school year 2023-2024", sy("2023-2024").into()),
            (
                "giai đoạn 2022-2025",
                Phase::try_new(2022, 2025).unwrap().into(),
            ),
            (
                "giai đoạn 2023-2024",
                Phase::try_new(2023, 2024).unwrap().into(),
            ),
            ("2022 - 2025", Phase::try_new(2022, 2025).unwrap().into()),
            ("2021-2025", Phase::try_new(2021, 2025).unwrap().into()),
            (
                "phase 2021-2025",
                Phase::try_new(2021, 2025).unwrap().into(),
            ),
            ("năm 2024", Year::try_new(2024).unwrap().into()),
            ("2024", Year::try_new(2024).unwrap().into()),
            ("year 2024", Year::try_new(2024).unwrap().into()),
            (
                "01/09/2023 - 31/05/2024",
                range("2023-09-01/2024-05-31").into(),
            ),
            (
                "từ 01/09/2023 đến 31/05/2024",
                range("2023-09-01/2024-05-31").into(),
            ),
            (
                "2023-09-01/2024-05-31",
                range("2023-09-01/2024-05-31").into(),
            ),
            (
                "2023-09-01..2024-05-31",
                range("2023-09-01/2024-05-31").into(),
            ),
            (
                "ngày 01/09/2023 - ngày 31/05/2024",
                range("2023-09-01/2024-05-31").into(),
            ),
        ];
        for (s, expected) in cases {
            assert_eq!(s.parse::<Period>().unwrap(), *expected, "{s:?}");
        }
    }

    #[test]
    fn period_display_and_labels() {
        let cases: &[(&str, &str, &str)] = &[
            ("2024", "năm 2024", "year 2024"),
            ("2023-2024", "năm học 2023-2024", "school year 2023-2024"),
            ("2022-2025", "giai đoạn 2022-2025", "phase 2022-2025"),
            (
                "2023-09-01/2024-05-31",
                "01/09/2023 - 31/05/2024",
                "2023-09-01 to 2024-05-31",
            ),
        ];
        for (s, vi, en) in cases {
            let p: Period = s.parse().unwrap();
            assert_eq!(p.to_string(), *vi);
            assert_eq!(p.label_vi(), *vi);
            assert_eq!(p.label_en(), *en);
            assert_eq!(vi.parse::<Period>().unwrap(), p);
            assert_eq!(en.parse::<Period>().unwrap(), p);
        }
    }

    #[test]
    fn period_errors() {
        insta::assert_snapshot!(err::<Period>(""), @r#"invalid period "": the input is empty"#);
        insta::assert_snapshot!(err::<Period>("quý 3"), @r#"invalid period "quý 3": expected a year ("năm 2024"), a school year ("năm học 2023-2024"), a phase ("giai đoạn 2022-2025") or two dates ("01/09/2023 - 31/05/2024")"#);
        insta::assert_snapshot!(err::<Period>("2024-2023"), @r#"invalid period "2024-2023": end year 2023 is before start year 2024"#);
        insta::assert_snapshot!(err::<Period>("2023-2023"), @r#"invalid period "2023-2023": it starts and ends in 2023; a single year is written "2023""#);
        insta::assert_snapshot!(err::<Period>("2023-25"), @r#"invalid school year "2023-25": years 2023 and 2025 are not consecutive; a school year ends in the year after it starts"#);
        insta::assert_snapshot!(err::<Period>("năm học 202-2022"), @r#"invalid school year "năm học 202-2022": expected two four-digit years such as "2023-2024""#);
        insta::assert_snapshot!(err::<Period>("năm học 2023-2025"), @r#"invalid school year "năm học 2023-2025": years 2023 and 2025 are not consecutive; a school year ends in the year after it starts"#);
        insta::assert_snapshot!(err::<Period>("2020-2035"), @r#"invalid phase "2020-2035": it spans 16 years from 2020 to 2035; at most 10 are allowed"#);
        insta::assert_snapshot!(err::<Period>("năm 1800"), @r#"invalid year "năm 1800": year 1800 is outside the supported range 1900 to 2200"#);
        insta::assert_snapshot!(err::<Period>("từ 31/02/2024 đến 01/03/2024"), @r#"invalid period "từ 31/02/2024 đến 01/03/2024": there is no day 31 in month 2 of 2024"#);
        insta::assert_snapshot!(err::<Period>("15/11/2023"), @r#"invalid period "15/11/2023": expected a year ("năm 2024"), a school year ("năm học 2023-2024"), a phase ("giai đoạn 2022-2025") or two dates ("01/09/2023 - 31/05/2024")"#);
    }

    #[test]
    fn period_spans() {
        let mut cal = SchoolCalendar::new();
        cal.try_set(sy("2023-2024"), range("2023-09-05/2024-05-31"))
            .unwrap();
        let p: Period = "năm học 2023-2024".parse().unwrap();
        assert_eq!(p.span(&cal).to_string(), "2023-09-05/2024-05-31");
        assert_eq!(p.default_span().to_string(), "2023-09-01/2024-08-31");
        let y: Period = "năm 2024".parse().unwrap();
        assert_eq!(y.span(&cal).to_string(), "2024-01-01/2024-12-31");
        let r: Period = "2024-02-01/2024-02-29".parse().unwrap();
        assert_eq!(r.span(&cal).days(), 29);
        assert_eq!(r.default_span(), r.span(&cal));
    }

    #[test]
    fn period_serde() {
        let cases: &[(&str, &str)] = &[
            ("2023-2024", r#"{"kind":"school_year","value":"2023-2024"}"#),
            ("2024", r#"{"kind":"year","value":2024}"#),
            ("2022-2025", r#"{"kind":"phase","value":"2022-2025"}"#),
            (
                "01/09/2023 - 31/05/2024",
                r#"{"kind":"range","value":"2023-09-01/2024-05-31"}"#,
            ),
        ];
        for (s, json) in cases {
            let p: Period = s.parse().unwrap();
            assert_eq!(serde_json::to_string(&p).unwrap(), *json);
            assert_eq!(serde_json::from_str::<Period>(json).unwrap(), p);
        }
        let read = |s: &str| serde_json::from_str::<Period>(s).unwrap_err().to_string();
        assert_eq!(
            serde_json::from_str::<Period>(r#"{"value":"2024","kind":"year"}"#).unwrap(),
            Period::Year(Year::try_new(2024).unwrap())
        );
        insta::assert_snapshot!(read(r#"{"kind":"school_year","value":"2023-2025"}"#), @r#"invalid school year "2023-2025": years 2023 and 2025 are not consecutive; a school year ends in the year after it starts at line 1 column 41"#);
        insta::assert_snapshot!(read(r#"{"kind":"phase","value":"2022-2022"}"#), @r#"invalid phase "2022-2022": it starts and ends in 2022; a single year is written "2022" at line 1 column 35"#);
        insta::assert_snapshot!(read(r#"{"kind":"year","value":1800}"#), @r#"invalid year "1800": year 1800 is outside the supported range 1900 to 2200 at line 1 column 27"#);
        insta::assert_snapshot!(read(r#"{"kind":"month","value":"2024-01"}"#), @"unknown variant `month`, expected one of `year`, `school_year`, `phase`, `range` at line 1 column 15");
        insta::assert_snapshot!(read(r#"{"kind":"year","value":2024,"note":1}"#), @r#"invalid value: string "note", expected "kind" or "value" at line 1 column 34"#);
        insta::assert_snapshot!(read(r#"{"kind":"year"}"#), @"missing field `value` at line 1 column 15");
    }

    // --- Properties -----------------------------------------------------------------
    pub(super) fn any_year() -> impl Strategy<Value = Year> {
        (MIN_YEAR..=MAX_YEAR).prop_map(|y| Year::try_new(y).unwrap())
    }

    pub(super) fn any_school_year() -> impl Strategy<Value = SchoolYear> {
        (MIN_YEAR..MAX_YEAR).prop_map(|y| SchoolYear::try_new(y).unwrap())
    }

    pub(super) fn any_phase() -> impl Strategy<Value = Phase> {
        (MIN_YEAR..MAX_YEAR, 1..10i32).prop_map(|(s, len)| {
            let e = (s + len).min(MAX_YEAR);
            Phase::try_new(s, e).unwrap()
        })
    }

    pub(super) fn any_date() -> impl Strategy<Value = NaiveDate> {
        let first = date(0, 1, 1).num_days_from_ce();
        let last = date(9999, 12, 31).num_days_from_ce();
        (first..=last).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
    }

    pub(super) fn any_range() -> impl Strategy<Value = DateRange> {
        (any_date(), any_date()).prop_map(|(a, b)| DateRange::try_new(a.min(b), a.max(b)).unwrap())
    }

    fn any_period() -> impl Strategy<Value = Period> {
        prop_oneof![
            any_year().prop_map(Period::Year),
            any_school_year().prop_map(Period::SchoolYear),
            any_phase().prop_map(Period::Phase),
            any_range().prop_map(Period::Range),
        ]
    }

    /// Text built from the pieces period text is made of, to reach deep into the grammar.
    fn period_like_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("năm".to_owned()),
            Just("học".to_owned()),
            Just("NH".to_owned()),
            Just("giai đoạn".to_owned()),
            Just("ngày".to_owned()),
            Just("tháng".to_owned()),
            Just("từ".to_owned()),
            Just("đến".to_owned()),
            Just("\u{306}".to_owned()),
            Just("-".to_owned()),
            Just("–".to_owned()),
            Just("/".to_owned()),
            Just(".".to_owned()),
            Just(" ".to_owned()),
            Just(",".to_owned()),
            "[0-9]{1,6}",
        ];
        proptest::collection::vec(piece, 0..12).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn period_round_trips(p in any_period()) {
            prop_assert_eq!(p.to_string().parse::<Period>().unwrap(), p);
            prop_assert_eq!(p.label_en().parse::<Period>().unwrap(), p);
            let json = serde_json::to_string(&p).unwrap();
            prop_assert_eq!(serde_json::from_str::<Period>(&json).unwrap(), p);
            let span = p.default_span();
            prop_assert!(span.start() <= span.end());
        }

        #[test]
        fn parsers_never_panic(s in any::<String>()) {
            let _ = s.parse::<Year>();
            let _ = s.parse::<SchoolYear>();
            let _ = s.parse::<Phase>();
            let _ = s.parse::<DateRange>();
            let _ = s.parse::<Period>();
            let _ = parse_date(&s);
        }

        #[test]
        fn period_like_text_never_panics(s in period_like_text()) {
            let _ = s.parse::<Year>();
            let _ = s.parse::<SchoolYear>();
            let _ = s.parse::<Phase>();
            let _ = s.parse::<DateRange>();
            if let Ok(p) = s.parse::<Period>() {
                prop_assert_eq!(p.to_string().parse::<Period>().unwrap(), p);
            }
            let _ = parse_date(&s);
        }
    }

    #[test]
    fn types_are_send_sync_static() {
        fn check<T: Send + Sync + 'static>() {}
        check::<Year>();
        check::<SchoolYear>();
        check::<SchoolCalendar>();
        check::<Phase>();
        check::<DateRange>();
        check::<Period>();
        check::<PeriodError>();
        check::<PeriodSubject>();
    }

    #[test]
    fn subject_names() {
        let names: Vec<String> = [
            PeriodSubject::Date,
            PeriodSubject::DateRange,
            PeriodSubject::Year,
            PeriodSubject::SchoolYear,
            PeriodSubject::Phase,
            PeriodSubject::Period,
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        assert_eq!(
            names,
            [
                "date",
                "date range",
                "year",
                "school year",
                "phase",
                "period"
            ]
        );
    }
}
