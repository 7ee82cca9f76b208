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
    within_years(NaiveDate::deserialize(d)?).map_err(de::Error::custom)
}

/// Reads an optional ISO date within the supported years.
pub(crate) fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Option::<NaiveDate>::deserialize(d)?
        .map(within_years)
        .transpose()
        .map_err(de::Error::custom)
}
