//! Plain dates as the dataset file gives them: ISO days within the supported years
//! (1900 to 2200, as for periods), so that a mistyped `9999-12-31` is an error at
//! its field rather than a day no period can hold.

use chrono::{Datelike as _, NaiveDate};
use serde::{Deserialize as _, Deserializer, de};

use super::PeriodError;
use super::year::{MAX_YEAR, MIN_YEAR};

/// The date, or [`PeriodError::DateOutsideYears`] when its year is outside 1900 to
/// 2200.
pub(crate) fn within_years(date: NaiveDate) -> Result<NaiveDate, PeriodError> {
    if (MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
        Ok(date)
    } else {
        Err(PeriodError::DateOutsideYears { date })
    }
}

/// Reads an ISO date (`2024-09-05`) within the supported years.
pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    within_years(Iso::deserialize(d)?.0).map_err(de::Error::custom)
}

/// Reads an optional ISO date within the supported years.
pub(crate) fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Option::<Iso>::deserialize(d)?
        .map(|d| within_years(d.0))
        .transpose()
        .map_err(de::Error::custom)
}

/// A date read as `chrono` reads one, with the common form `2024-09-05` read
/// directly: a national file holds millions of dates.
struct Iso(NaiveDate);

impl<'de> serde::Deserialize<'de> for Iso {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(IsoVisitor)
    }
}

struct IsoVisitor;

impl de::Visitor<'_> for IsoVisitor {
    type Value = Iso;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // As `chrono` says it, so that messages stay as they were.
        f.write_str("a formatted date string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Iso, E> {
        match plain_iso(v) {
            Some(date) => Ok(Iso(date)),
            None => v.parse().map(Iso).map_err(E::custom),
        }
    }
}

/// The day of text of exactly the form `YYYY-MM-DD`, when it is a real day; `None`
/// for anything else, which `chrono` then reads (or explains).
fn plain_iso(v: &str) -> Option<NaiveDate> {
    let b = v.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let digits = |from: usize, to: usize| -> Option<u32> {
        b.get(from..to)?.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(digits(0, 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(5, 7)?, digits(8, 10)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A field read as a day, and as `chrono` reads it.
    #[derive(serde::Deserialize)]
    struct Day(#[serde(deserialize_with = "deserialize")] NaiveDate);

    #[derive(serde::Deserialize)]
    struct Chrono(NaiveDate);

    fn read(json: &str) -> Result<NaiveDate, String> {
        serde_json::from_str::<Day>(json)
            .map(|d| d.0)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn days_read_and_their_errors() {
        assert_eq!(
            read("\"2024-09-05\""),
            Ok(NaiveDate::from_ymd_opt(2024, 9, 5).unwrap())
        );
        assert_eq!(
            read("\"+2024-09-05\""),
            Ok(NaiveDate::from_ymd_opt(2024, 9, 5).unwrap())
        );
        assert_eq!(
            read("\"2023-02-29\"").unwrap_err(),
            "input is out of range at line 1 column 12"
        );
        assert_eq!(
            read("5").unwrap_err(),
            "invalid type: integer `5`, expected a formatted date string at line 1 column 1"
        );
        assert_eq!(
            read("\"1899-12-31\"").unwrap_err(),
            "date \"1899-12-31\" is outside the supported years 1900 to 2200"
        );
    }

    proptest! {
        /// Whatever the text, a day is read as `chrono` reads it, with the same
        /// error when it does not read, and then kept to the supported years.
        #[test]
        fn days_are_read_as_chrono_reads_them(
            text in "[+ ]?[0-9]{1,5}[-/][0-9]{1,3}-[0-9]{1,3} ?|[0-9]{4}-[0-9]{2}-[0-9]{2}"
        ) {
            let json = serde_json::to_string(&text).unwrap();
            let ours = read(&json);
            let theirs = serde_json::from_str::<Chrono>(&json).map(|d| d.0).map_err(|e| e.to_string());
            match theirs {
                Ok(date) => match within_years(date) {
                    Ok(date) => prop_assert_eq!(ours, Ok(date)),
                    Err(e) => prop_assert!(ours.unwrap_err().starts_with(&e.to_string())),
                },
                Err(e) => prop_assert_eq!(ours, Err(e)),
            }
        }
    }
}
