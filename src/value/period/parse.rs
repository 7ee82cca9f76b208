//! Reading period text: a light normalisation followed by a small token grammar, the
//! single-date readers and the serde helpers that deserialise through them.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use chrono::{Days, NaiveDate};
use serde::de::{self, Deserializer, Visitor};

use super::year::{MAX_YEAR, MIN_YEAR};
use super::{DateRange, Period, PeriodError, PeriodSubject, Phase, SchoolYear, Year};

/// Longest phase, in calendar years.
const MAX_PHASE_YEARS: i64 = 10;
/// Excel serial of 9999-12-31, the last date Excel represents.
const EXCEL_MAX_SERIAL: i64 = 2_958_465;
/// Excel serial of the nonexistent 1900-02-29 in the 1900 date system.
const EXCEL_FAKE_LEAP_DAY: i64 = 60;

// ---------------------------------------------------------------------------------------
// Text reading: a light normalisation followed by a small token grammar
// ---------------------------------------------------------------------------------------

/// One token of period text, after case folding and removal of Vietnamese marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Tok {
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
pub(super) fn tokens(input: &str) -> Vec<Tok> {
    // Periods as files store them (`2023-2024`, `2024`) hold only digits and
    // hyphens: read without folding case or marks.
    if input.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        return digits_and_hyphens(input);
    }
    folded_tokens(input)
}

/// The tokens of any text, case and marks folded.
fn folded_tokens(input: &str) -> Vec<Tok> {
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

/// The tokens of text of ASCII digits and hyphens only, as [`tokens`] gives them.
fn digits_and_hyphens(input: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(3);
    let mut num: Option<(usize, u32)> = None;
    for b in input.bytes() {
        if b == b'-' {
            flush_num(&mut num, &mut out);
            out.push(Tok::Dash);
        } else {
            let (len, value) = num.unwrap_or((0, 0));
            num = Some((
                len.saturating_add(1),
                value.saturating_mul(10).saturating_add(u32::from(b - b'0')),
            ));
        }
    }
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

pub(super) fn check_year(what: PeriodSubject, input: &str, year: i64) -> Result<Year, PeriodError> {
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

pub(super) fn parse_year(toks: &[Tok], input: &str) -> Result<Year, PeriodError> {
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

pub(super) fn school_year_from(
    input: &str,
    start: i64,
    end: i64,
) -> Result<SchoolYear, PeriodError> {
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

pub(super) fn parse_school_year(toks: &[Tok], input: &str) -> Result<SchoolYear, PeriodError> {
    let mut c = Cursor::new(toks);
    let _ = c.words(&["nam", "hoc"]) || c.word("nh") || c.words(&["school", "year"]);
    let _ = c.tok(&Tok::Colon);
    match two_years(&mut c) {
        Some(t) => school_year_from_two(input, t),
        None => Err(empty_or_malformed(PeriodSubject::SchoolYear, input, toks)),
    }
}

pub(super) fn phase_from(input: &str, start: i64, end: i64) -> Result<Phase, PeriodError> {
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

pub(super) fn parse_phase(toks: &[Tok], input: &str) -> Result<Phase, PeriodError> {
    let mut c = Cursor::new(toks);
    let _ = c.words(&["giai", "doan"]) || c.word("phase");
    let _ = c.tok(&Tok::Colon);
    match two_years(&mut c) {
        Some(t) if t.end_digits == 4 => phase_from(input, t.start, i64::from(t.end)),
        _ => Err(empty_or_malformed(PeriodSubject::Phase, input, toks)),
    }
}

pub(super) fn parse_range(
    toks: &[Tok],
    input: &str,
    what: PeriodSubject,
) -> Result<DateRange, PeriodError> {
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

pub(super) fn parse_period(toks: &[Tok], input: &str) -> Result<Period, PeriodError> {
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
/// The year lies in the supported range 1900 to 2200, as for periods.
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
/// exist (`"31/02/2024"`), [`PeriodError::YearOutOfRange`] for a year before 1900 or
/// after 2200; each quotes the input.
pub fn parse_date(s: &str) -> Result<NaiveDate, PeriodError> {
    let toks = tokens(s);
    let mut c = Cursor::new(&toks);
    match date_parts(&mut c) {
        Some(parts) if c.is_done() => {
            // A single day has a year of the supported range, as periods do.
            check_year(PeriodSubject::Date, s, parts.year.into())?;
            parts.resolve(PeriodSubject::Date, s)
        }
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

pub(super) fn deserialize_from_str<'de, D, T>(d: D, expecting: &'static str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr<Err = PeriodError>,
{
    d.deserialize_str(FromStrVisitor(PhantomData, expecting))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::period::range::{Dmy, Iso};
    use crate::value::period::tests::{any_date, date};
    use chrono::Datelike;
    use proptest::prelude::*;

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
        assert_eq!(parse_date("01/01/1900").unwrap(), date(1900, 1, 1));
        assert_eq!(parse_date("31/12/2200").unwrap(), date(2200, 12, 31));
        for outside in ["01/01/0000", "31/12/1899", "01/01/2201", "31/12/9999"] {
            assert!(
                matches!(parse_date(outside), Err(PeriodError::YearOutOfRange { .. })),
                "{outside}"
            );
        }
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

    proptest! {
        /// Text of digits and hyphens gives the tokens it gives when folded.
        #[test]
        fn digits_and_hyphens_are_read_as_any_text(text in "[0-9-]{0,14}|[0-9]{4}-[0-9]{4}|[0-9]{12,14}") {
            prop_assert_eq!(tokens(&text), folded_tokens(&text));
        }

        #[test]
        fn dates_round_trip(d in any_date().prop_map(|d| {
            // The same day in a supported year (29 February becomes the 28th in a
            // common year such as 1900 or 2100).
            let year = MIN_YEAR + d.year() % (MAX_YEAR - MIN_YEAR + 1);
            d.with_year(year).unwrap_or_else(|| date(year, 2, 28))
        })) {
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
    }
}
