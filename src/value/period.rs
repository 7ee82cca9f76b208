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

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

/// Earliest supported calendar year.
const MIN_YEAR: i32 = 1900;
/// Latest supported calendar year.
const MAX_YEAR: i32 = 2200;
/// Longest phase, in calendar years.
const MAX_PHASE_YEARS: i64 = 10;
/// Earliest and latest years of a date in a [`DateRange`] (four-digit years).
const MIN_DATE_YEAR: i32 = 0;
const MAX_DATE_YEAR: i32 = 9999;
/// Excel serial of 9999-12-31, the last date Excel represents.
const EXCEL_MAX_SERIAL: i64 = 2_958_465;
/// Excel serial of the nonexistent 1900-02-29 in the 1900 date system.
const EXCEL_FAKE_LEAP_DAY: i64 = 60;

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
// Text reading: a light normalisation followed by a small token grammar
// ---------------------------------------------------------------------------------------

/// One token of period text, after case folding and removal of Vietnamese marks.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    /// Letters, lowercased, marks removed (`"năm"` → `"nam"`).
    Word(String),
    /// ASCII digits: their count and (saturated) value.
    Num {
        len: usize,
        value: u32,
    },
    /// Any dash: hyphen-minus, hyphen, en dash, em dash, minus sign.
    Dash,
    Slash,
    Dot,
    Colon,
    Comma,
    /// Anything else.
    Other,
}

/// Maps a lowercase Vietnamese letter to its base Latin letter.
fn base_letter(c: char) -> char {
    match c {
        'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ' | 'ẩ'
        | 'ẫ' | 'ậ' => 'a',
        'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' => 'e',
        'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' => 'i',
        'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ' | 'ở'
        | 'ỡ' | 'ợ' => 'o',
        'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' => 'u',
        'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' => 'y',
        'đ' => 'd',
        other => other,
    }
}

/// Combining diacritical marks (U+0300–U+036F), as found in decomposed (NFD) text.
fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Invisible characters that sometimes come along from spreadsheets and web pages.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2212}'
            | '\u{FE63}'
            | '\u{FF0D}'
    )
}

/// Splits text into tokens, lowercasing, stripping combining marks and folding
/// Vietnamese letters to their base letters for keyword matching.
fn tokens(input: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut num: Option<(usize, u32)> = None;
    for c in input.chars().flat_map(char::to_lowercase) {
        if is_combining_mark(c) || is_invisible(c) {
            continue;
        }
        let c = base_letter(c);
        if let Some(digit) = c.to_digit(10) {
            flush_word(&mut word, &mut out);
            let (len, value) = num.unwrap_or((0, 0));
            num = Some((
                len.saturating_add(1),
                value.saturating_mul(10).saturating_add(digit),
            ));
        } else if c.is_alphabetic() {
            flush_num(&mut num, &mut out);
            word.push(c);
        } else {
            flush_word(&mut word, &mut out);
            flush_num(&mut num, &mut out);
            let tok = match c {
                '/' => Tok::Slash,
                '.' => Tok::Dot,
                ':' => Tok::Colon,
                ',' => Tok::Comma,
                c if is_dash(c) => Tok::Dash,
                c if c.is_whitespace() => continue,
                _ => Tok::Other,
            };
            out.push(tok);
        }
    }
    flush_word(&mut word, &mut out);
    flush_num(&mut num, &mut out);
    out
}

fn flush_word(word: &mut String, out: &mut Vec<Tok>) {
    if !word.is_empty() {
        out.push(Tok::Word(std::mem::take(word)));
    }
}

fn flush_num(num: &mut Option<(usize, u32)>, out: &mut Vec<Tok>) {
    if let Some((len, value)) = num.take() {
        out.push(Tok::Num { len, value });
    }
}

/// A position in a token list.
struct Cursor<'a> {
    toks: &'a [Tok],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(toks: &'a [Tok]) -> Self {
        Self { toks, pos: 0 }
    }

    fn peek(&self) -> Option<&'a Tok> {
        self.toks.get(self.pos)
    }

    fn advance(&mut self) {
        self.pos = self.pos.saturating_add(1);
    }

    fn is_done(&self) -> bool {
        self.pos >= self.toks.len()
    }

    /// Consumes `tok` if it is next.
    fn tok(&mut self, tok: &Tok) -> bool {
        let hit = self.peek() == Some(tok);
        if hit {
            self.advance();
        }
        hit
    }

    /// Consumes the word `w` if it is next.
    fn word(&mut self, w: &str) -> bool {
        let hit = matches!(self.peek(), Some(Tok::Word(x)) if x == w);
        if hit {
            self.advance();
        }
        hit
    }

    /// Consumes the words `ws` if they are all next, in order; otherwise nothing.
    fn words(&mut self, ws: &[&str]) -> bool {
        let save = self.pos;
        if ws.iter().all(|w| self.word(w)) {
            true
        } else {
            self.pos = save;
            false
        }
    }

    /// Consumes a number of `min..=max` digits, returning its value and digit count.
    fn num(&mut self, min: usize, max: usize) -> Option<(u32, usize)> {
        match self.peek() {
            Some(Tok::Num { len, value }) if (min..=max).contains(len) => {
                self.advance();
                Some((*value, *len))
            }
            _ => None,
        }
    }

    /// Consumes one of the separators `/`, `-`, `.` and returns it.
    fn date_separator(&mut self) -> Option<&'a Tok> {
        let tok = self
            .peek()
            .filter(|t| matches!(t, Tok::Slash | Tok::Dash | Tok::Dot))?;
        self.advance();
        Some(tok)
    }
}

/// Year, month and day as read, not yet checked.
#[derive(Debug, Clone, Copy)]
struct DateParts {
    year: u32,
    month: u32,
    day: u32,
}

impl DateParts {
    fn resolve(self, what: PeriodSubject, input: &str) -> Result<NaiveDate, PeriodError> {
        if !(1..=12).contains(&self.month) {
            return Err(PeriodError::NoSuchMonth {
                what,
                input: input.to_owned(),
                month: self.month,
            });
        }
        i32::try_from(self.year)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, self.month, self.day))
            .ok_or_else(|| PeriodError::NoSuchDay {
                what,
                input: input.to_owned(),
                year: self.year,
                month: self.month,
                day: self.day,
            })
    }
}

/// Reads one date at the cursor: `dd/mm/yyyy` (also with `-` or `.`, one or two digit
/// day and month), ISO `yyyy-mm-dd`, `ngày 15 tháng 11 năm 2023`, each optionally
/// preceded by `ngày`. Leaves the cursor unmoved when there is no date.
fn date_parts(c: &mut Cursor<'_>) -> Option<DateParts> {
    let save = c.pos;
    let parts = date_parts_inner(c);
    if parts.is_none() {
        c.pos = save;
    }
    parts
}

fn date_parts_inner(c: &mut Cursor<'_>) -> Option<DateParts> {
    let _ = c.word("ngay");
    if let Some((year, _)) = c.num(4, 4) {
        c.tok(&Tok::Dash).then_some(())?;
        let (month, _) = c.num(1, 2)?;
        c.tok(&Tok::Dash).then_some(())?;
        let (day, _) = c.num(1, 2)?;
        return Some(DateParts { year, month, day });
    }
    let (day, _) = c.num(1, 2)?;
    if c.word("thang") {
        let (month, _) = c.num(1, 2)?;
        let _ = c.tok(&Tok::Comma);
        c.word("nam").then_some(())?;
        let (year, _) = c.num(4, 4)?;
        return Some(DateParts { year, month, day });
    }
    let sep = c.date_separator()?;
    let (month, _) = c.num(1, 2)?;
    c.tok(sep).then_some(())?;
    let (year, _) = c.num(4, 4)?;
    Some(DateParts { year, month, day })
}

/// Two years joined by a dash or slash, the second with two or four digits.
#[derive(Debug, Clone, Copy)]
struct TwoYears {
    start: i64,
    end: u32,
    end_digits: usize,
}

/// Reads `yyyy-yyyy` or `yyyy-yy` filling the rest of the tokens.
fn two_years(c: &mut Cursor<'_>) -> Option<TwoYears> {
    let (start, _) = c.num(4, 4)?;
    (c.tok(&Tok::Dash) || c.tok(&Tok::Slash)).then_some(())?;
    let (end, end_digits) = c.num(2, 4)?;
    (c.is_done() && end_digits != 3).then_some(TwoYears {
        start: i64::from(start),
        end,
        end_digits,
    })
}

fn empty_or_malformed(what: PeriodSubject, input: &str, toks: &[Tok]) -> PeriodError {
    if toks.is_empty() {
        PeriodError::Empty {
            what,
            input: input.to_owned(),
        }
    } else {
        PeriodError::Malformed {
            what,
            input: input.to_owned(),
        }
    }
}

fn check_year(what: PeriodSubject, input: &str, year: i64) -> Result<Year, PeriodError> {
    i32::try_from(year)
        .ok()
        .filter(|y| (MIN_YEAR..=MAX_YEAR).contains(y))
        .map(Year)
        .ok_or_else(|| PeriodError::YearOutOfRange {
            what,
            input: input.to_owned(),
            year,
        })
}

fn parse_year(toks: &[Tok], input: &str) -> Result<Year, PeriodError> {
    let mut c = Cursor::new(toks);
    let _ = c.word("nam") || c.word("year");
    let _ = c.tok(&Tok::Colon);
    match c.num(4, 4) {
        Some((year, _)) if c.is_done() => check_year(PeriodSubject::Year, input, i64::from(year)),
        _ => Err(empty_or_malformed(PeriodSubject::Year, input, toks)),
    }
}

/// The end year of a school year written with two digits (`2023-24`, `2099-00`).
fn expand_short_end(start: i64, short: u32) -> i64 {
    let short = i64::from(short);
    let next = start.saturating_add(1);
    if next.rem_euclid(100) == short {
        next
    } else {
        start
            .saturating_sub(start.rem_euclid(100))
            .saturating_add(short)
    }
}

fn school_year_from(input: &str, start: i64, end: i64) -> Result<SchoolYear, PeriodError> {
    if end < start {
        return Err(PeriodError::Reversed {
            what: PeriodSubject::SchoolYear,
            input: input.to_owned(),
            start,
            end,
        });
    }
    if Some(end) != start.checked_add(1) {
        return Err(PeriodError::NotConsecutive {
            input: input.to_owned(),
            start,
            end,
        });
    }
    let start = check_year(PeriodSubject::SchoolYear, input, start)?;
    check_year(PeriodSubject::SchoolYear, input, end)?;
    Ok(SchoolYear { start })
}

fn school_year_from_two(input: &str, t: TwoYears) -> Result<SchoolYear, PeriodError> {
    let end = if t.end_digits == 2 {
        expand_short_end(t.start, t.end)
    } else {
        i64::from(t.end)
    };
    school_year_from(input, t.start, end)
}

fn parse_school_year(toks: &[Tok], input: &str) -> Result<SchoolYear, PeriodError> {
    let mut c = Cursor::new(toks);
    let _ = c.words(&["nam", "hoc"]) || c.word("nh") || c.words(&["school", "year"]);
    let _ = c.tok(&Tok::Colon);
    match two_years(&mut c) {
        Some(t) => school_year_from_two(input, t),
        None => Err(empty_or_malformed(PeriodSubject::SchoolYear, input, toks)),
    }
}

fn phase_from(input: &str, start: i64, end: i64) -> Result<Phase, PeriodError> {
    let what = PeriodSubject::Phase;
    if end < start {
        return Err(PeriodError::Reversed {
            what,
            input: input.to_owned(),
            start,
            end,
        });
    }
    if end == start {
        return Err(PeriodError::SingleYear {
            what,
            input: input.to_owned(),
            year: start,
        });
    }
    let years = end.saturating_sub(start).saturating_add(1);
    if years > MAX_PHASE_YEARS {
        return Err(PeriodError::PhaseTooLong {
            input: input.to_owned(),
            start,
            end,
            years,
        });
    }
    let start = check_year(what, input, start)?;
    let end = check_year(what, input, end)?;
    Ok(Phase { start, end })
}

fn parse_phase(toks: &[Tok], input: &str) -> Result<Phase, PeriodError> {
    let mut c = Cursor::new(toks);
    let _ = c.words(&["giai", "doan"]) || c.word("phase");
    let _ = c.tok(&Tok::Colon);
    match two_years(&mut c) {
        Some(t) if t.end_digits == 4 => phase_from(input, t.start, i64::from(t.end)),
        _ => Err(empty_or_malformed(PeriodSubject::Phase, input, toks)),
    }
}

fn parse_range(toks: &[Tok], input: &str, what: PeriodSubject) -> Result<DateRange, PeriodError> {
    let mut c = Cursor::new(toks);
    let _ = c.word("tu") || c.word("from");
    let shape = date_parts(&mut c).and_then(|start| {
        let separated = c.tok(&Tok::Dash)
            || c.tok(&Tok::Slash)
            || c.word("den")
            || c.word("to")
            || (c.tok(&Tok::Dot) && c.tok(&Tok::Dot));
        let end = if separated { date_parts(&mut c) } else { None };
        end.filter(|_| c.is_done()).map(|end| (start, end))
    });
    let Some((start, end)) = shape else {
        return Err(empty_or_malformed(what, input, toks));
    };
    DateRange::try_new(start.resolve(what, input)?, end.resolve(what, input)?)
}

fn parse_period(toks: &[Tok], input: &str) -> Result<Period, PeriodError> {
    let word = |i: usize| match toks.get(i) {
        Some(Tok::Word(w)) => w.as_str(),
        _ => "",
    };
    match (word(0), word(1)) {
        ("nam", "hoc") | ("nh", _) | ("school", "year") => {
            return parse_school_year(toks, input).map(Period::SchoolYear);
        }
        ("giai", "doan") | ("phase", _) => return parse_phase(toks, input).map(Period::Phase),
        ("nam" | "year", _) => return parse_year(toks, input).map(Period::Year),
        ("tu" | "from" | "ngay", _) => {
            return parse_range(toks, input, PeriodSubject::Period).map(Period::Range);
        }
        _ => {}
    }
    if let [Tok::Num { len: 4, .. }] = toks {
        return parse_year(toks, input).map(Period::Year);
    }
    if let Some(t) = two_years(&mut Cursor::new(toks)) {
        let end = i64::from(t.end);
        return if t.end_digits == 2 || t.start.checked_add(1) == Some(end) {
            school_year_from_two(input, t).map(Period::SchoolYear)
        } else if end < t.start {
            Err(PeriodError::Reversed {
                what: PeriodSubject::Period,
                input: input.to_owned(),
                start: t.start,
                end,
            })
        } else if end == t.start {
            Err(PeriodError::SingleYear {
                what: PeriodSubject::Period,
                input: input.to_owned(),
                year: end,
            })
        } else {
            phase_from(input, t.start, end).map(Period::Phase)
        };
    }
    parse_range(toks, input, PeriodSubject::Period).map(Period::Range)
}

// ---------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------

/// Reads one date as written in Vietnamese documents and spreadsheets.
///
/// Accepted: `"15/11/2023"`, `"9/1/2015"` (one-digit day and month), `"15-11-2023"`,
/// `"15.11.2023"`, ISO `"2023-11-15"`, `"ngày 15 tháng 11 năm 2023"` and
/// `"ngày 9/1/2015"`. Years have four digits; day comes before month except in ISO form.
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::parse_date;
///
/// let expected = NaiveDate::from_ymd_opt(2023, 11, 15);
/// assert_eq!(Some(parse_date("ngày 15 tháng 11 năm 2023")?), expected);
/// assert_eq!(Some(parse_date("15/11/2023")?), expected);
/// assert!(parse_date("31/02/2024").is_err());
/// # Ok::<(), thidua::PeriodError>(())
/// ```
///
/// # Errors
///
/// [`PeriodError::Empty`] or [`PeriodError::Malformed`] when the text is not a date,
/// [`PeriodError::NoSuchMonth`] or [`PeriodError::NoSuchDay`] when the date does not
/// exist (`"31/02/2024"`); each quotes the input.
pub fn parse_date(s: &str) -> Result<NaiveDate, PeriodError> {
    let toks = tokens(s);
    let mut c = Cursor::new(&toks);
    match date_parts(&mut c) {
        Some(parts) if c.is_done() => parts.resolve(PeriodSubject::Date, s),
        _ => Err(empty_or_malformed(PeriodSubject::Date, s, &toks)),
    }
}

/// Converts an Excel serial date in the 1900 date system (Windows Excel's default).
///
/// Serial 1 is 1900-01-01. Excel counts a 29 February 1900 that never existed as
/// serial 60, so serials from 61 (1900-03-01) on are one more than the true day count;
/// serial 60 itself is rejected. The last serial is 2958465 (9999-12-31).
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::date_from_excel_serial;
///
/// assert_eq!(Some(date_from_excel_serial(45292)?), NaiveDate::from_ymd_opt(2024, 1, 1));
/// assert!(date_from_excel_serial(60).is_err());
/// # Ok::<(), thidua::PeriodError>(())
/// ```
///
/// # Errors
///
/// [`PeriodError::ExcelNonexistentLeapDay`] for serial 60 and
/// [`PeriodError::ExcelSerialOutOfRange`] outside 1 to 2958465.
pub fn date_from_excel_serial(serial: i64) -> Result<NaiveDate, PeriodError> {
    if serial == EXCEL_FAKE_LEAP_DAY {
        return Err(PeriodError::ExcelNonexistentLeapDay);
    }
    let out_of_range = || PeriodError::ExcelSerialOutOfRange { serial };
    if !(1..=EXCEL_MAX_SERIAL).contains(&serial) {
        return Err(out_of_range());
    }
    // Day 0 is 1899-12-31 before the fake leap day and 1899-12-30 after it.
    let epoch = if serial < EXCEL_FAKE_LEAP_DAY {
        NaiveDate::from_ymd_opt(1899, 12, 31)
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)
    };
    let days = u64::try_from(serial).map_err(|_| out_of_range())?;
    epoch
        .and_then(|e| e.checked_add_days(Days::new(days)))
        .ok_or_else(out_of_range)
}

/// A date known to exist: callers pass validated years and days present in every year.
fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

/// Writes a date as ISO 8601, `2023-09-01`.
struct Iso(NaiveDate);

impl fmt::Display for Iso {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    }
}

/// Writes a date the Vietnamese way, `01/09/2023`.
struct Dmy(NaiveDate);

impl fmt::Display for Dmy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(f, "{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
    }
}

// ---------------------------------------------------------------------------------------
// Serde through the validators
// ---------------------------------------------------------------------------------------

/// Deserialises a string through `FromStr`.
struct FromStrVisitor<T>(PhantomData<fn() -> T>, &'static str);

impl<T: FromStr<Err = PeriodError>> Visitor<'_> for FromStrVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.1)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(E::custom)
    }
}

fn deserialize_from_str<'de, D, T>(d: D, expecting: &'static str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr<Err = PeriodError>,
{
    d.deserialize_str(FromStrVisitor(PhantomData, expecting))
}

// ---------------------------------------------------------------------------------------
// Year
// ---------------------------------------------------------------------------------------

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
pub struct Year(i32);

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
    start: Year,
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

// ---------------------------------------------------------------------------------------
// Phase
// ---------------------------------------------------------------------------------------

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
    start: Year,
    end: Year,
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

// ---------------------------------------------------------------------------------------
// DateRange
// ---------------------------------------------------------------------------------------

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
    start: NaiveDate,
    end: NaiveDate,
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
        self.span(&SchoolCalendar::new())
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
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn err<T: FromStr<Err = PeriodError> + fmt::Debug>(s: &str) -> String {
        s.parse::<T>().unwrap_err().to_string()
    }

    fn sy(s: &str) -> SchoolYear {
        s.parse().unwrap()
    }

    fn range(s: &str) -> DateRange {
        s.parse().unwrap()
    }

    // --- Year -----------------------------------------------------------------------

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

    // --- Phase ----------------------------------------------------------------------

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

    // --- Dates ----------------------------------------------------------------------

    #[test]
    fn date_forms() {
        let d = date(2023, 11, 15);
        for s in [
            "15/11/2023",
            "15-11-2023",
            "15.11.2023",
            "2023-11-15",
            "ngày 15 tháng 11 năm 2023",
            "Ngày 15 tháng 11, năm 2023",
            "nga\u{300}y 15 tha\u{301}ng 11 na\u{306}m 2023",
            "15 tháng 11 năm 2023",
            "ngày 15/11/2023",
            " 15 / 11 / 2023 ",
        ] {
            assert_eq!(parse_date(s).unwrap(), d, "{s:?}");
        }
        assert_eq!(parse_date("9/1/2015").unwrap(), date(2015, 1, 9));
        assert_eq!(parse_date("ngày 9/1/2015").unwrap(), date(2015, 1, 9));
        assert_eq!(parse_date("2024-2-9").unwrap(), date(2024, 2, 9));
        assert_eq!(parse_date("29/02/2024").unwrap(), date(2024, 2, 29));
        assert_eq!(parse_date("29/02/2000").unwrap(), date(2000, 2, 29));
        assert_eq!(parse_date("01/01/0000").unwrap(), date(0, 1, 1));
        assert_eq!(parse_date("31/12/9999").unwrap(), date(9999, 12, 31));
    }

    #[test]
    fn date_errors() {
        let e = |s| parse_date(s).unwrap_err().to_string();
        insta::assert_snapshot!(e("31/02/2024"), @r#"invalid date "31/02/2024": there is no day 31 in month 2 of 2024"#);
        insta::assert_snapshot!(e("29/02/2023"), @r#"invalid date "29/02/2023": there is no day 29 in month 2 of 2023"#);
        insta::assert_snapshot!(e("29/02/1900"), @r#"invalid date "29/02/1900": there is no day 29 in month 2 of 1900"#);
        insta::assert_snapshot!(e("00/01/2024"), @r#"invalid date "00/01/2024": there is no day 0 in month 1 of 2024"#);
        insta::assert_snapshot!(e("01/13/2024"), @r#"invalid date "01/13/2024": there is no month 13"#);
        insta::assert_snapshot!(e("ngày 15 tháng 0 năm 2023"), @r#"invalid date "ngày 15 tháng 0 năm 2023": there is no month 0"#);
        insta::assert_snapshot!(e("15/11/23"), @r#"invalid date "15/11/23": expected a date such as "15/11/2023", "2023-11-15" or "ngày 15 tháng 11 năm 2023""#);
        insta::assert_snapshot!(e("15/11-2023"), @r#"invalid date "15/11-2023": expected a date such as "15/11/2023", "2023-11-15" or "ngày 15 tháng 11 năm 2023""#);
        insta::assert_snapshot!(e("2023/11/15"), @r#"invalid date "2023/11/15": expected a date such as "15/11/2023", "2023-11-15" or "ngày 15 tháng 11 năm 2023""#);
        insta::assert_snapshot!(e(""), @r#"invalid date "": the input is empty"#);
        assert!(parse_date("15/11/2023 x").is_err());
        assert!(parse_date("ngày").is_err());
    }

    #[test]
    fn excel_serials() {
        assert_eq!(date_from_excel_serial(1).unwrap(), date(1900, 1, 1));
        assert_eq!(date_from_excel_serial(59).unwrap(), date(1900, 2, 28));
        assert_eq!(date_from_excel_serial(61).unwrap(), date(1900, 3, 1));
        assert_eq!(date_from_excel_serial(45292).unwrap(), date(2024, 1, 1));
        assert_eq!(date_from_excel_serial(45351).unwrap(), date(2024, 2, 29));
        assert_eq!(
            date_from_excel_serial(2_958_465).unwrap(),
            date(9999, 12, 31)
        );
        insta::assert_snapshot!(date_from_excel_serial(60).unwrap_err().to_string(), @"invalid Excel date serial 60: it stands for 1900-02-29, a day that does not exist");
        insta::assert_snapshot!(date_from_excel_serial(0).unwrap_err().to_string(), @"invalid Excel date serial 0: expected 1 (1900-01-01) to 2958465 (9999-12-31)");
        for bad in [-1, 2_958_466, i64::MIN, i64::MAX] {
            assert_eq!(
                date_from_excel_serial(bad),
                Err(PeriodError::ExcelSerialOutOfRange { serial: bad })
            );
        }
    }

    // --- DateRange ------------------------------------------------------------------

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

    fn any_year() -> impl Strategy<Value = Year> {
        (MIN_YEAR..=MAX_YEAR).prop_map(|y| Year::try_new(y).unwrap())
    }

    fn any_school_year() -> impl Strategy<Value = SchoolYear> {
        (MIN_YEAR..MAX_YEAR).prop_map(|y| SchoolYear::try_new(y).unwrap())
    }

    fn any_phase() -> impl Strategy<Value = Phase> {
        (MIN_YEAR..MAX_YEAR, 1..10i32).prop_map(|(s, len)| {
            let e = (s + len).min(MAX_YEAR);
            Phase::try_new(s, e).unwrap()
        })
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        let first = date(0, 1, 1).num_days_from_ce();
        let last = date(9999, 12, 31).num_days_from_ce();
        (first..=last).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
    }

    fn any_range() -> impl Strategy<Value = DateRange> {
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
        fn year_round_trips(y in any_year()) {
            prop_assert_eq!(y.to_string().parse::<Year>().unwrap(), y);
            prop_assert_eq!(format!("năm {y}").parse::<Year>().unwrap(), y);
            let json = serde_json::to_string(&y).unwrap();
            prop_assert_eq!(serde_json::from_str::<Year>(&json).unwrap(), y);
            prop_assert_eq!(Year::containing(y.span().start()).unwrap(), y);
            prop_assert_eq!(Year::containing(y.span().end()).unwrap(), y);
        }

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
        fn phase_round_trips(p in any_phase()) {
            prop_assert_eq!(p.to_string().parse::<Phase>().unwrap(), p);
            let json = serde_json::to_string(&p).unwrap();
            prop_assert_eq!(serde_json::from_str::<Phase>(&json).unwrap(), p);
        }

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
        fn dates_round_trip(d in any_date()) {
            prop_assert_eq!(parse_date(&Iso(d).to_string()).unwrap(), d);
            prop_assert_eq!(parse_date(&Dmy(d).to_string()).unwrap(), d);
            prop_assert_eq!(
                parse_date(&format!("ngày {} tháng {} năm {:04}", d.day(), d.month(), d.year())).unwrap(),
                d
            );
        }

        #[test]
        fn excel_serials_never_panic(serial in any::<i64>()) {
            let _ = date_from_excel_serial(serial);
        }

        #[test]
        fn excel_serials_count_days(serial in 61i64..=EXCEL_MAX_SERIAL) {
            let d = date_from_excel_serial(serial).unwrap();
            prop_assert_eq!(d.signed_duration_since(date(1899, 12, 30)).num_days(), serial);
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
