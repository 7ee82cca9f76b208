//! Rule regimes: which body of law decides a case, and why.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::rules::citation::{Citation, Confidence};
use crate::value::period::{Period, SchoolCalendar};

pub(crate) const LAW_2013: &str = "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2013)";
pub(crate) const ND91: &str = "Nghị định 91/2017/NĐ-CP";
pub(crate) const LAW_2022: &str = "Luật Thi đua, khen thưởng 06/2022/QH15";
pub(crate) const ND98: &str = "Nghị định 98/2023/NĐ-CP";
pub(crate) const TT01: &str = "Thông tư 01/2024/TT-BNV";
pub(crate) const ND152: &str = "Nghị định 152/2025/NĐ-CP";

const fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => NaiveDate::MIN,
    }
}

/// The first day of the ND 91/2017 regime.
pub(crate) const ND91_FROM: NaiveDate = day(2017, 10, 1);
/// The first day of Law 06/2022 and ND 98/2023.
pub(crate) const LAW_2022_FROM: NaiveDate = day(2024, 1, 1);
/// The first day of TT 01/2024/TT-BNV.
pub(crate) const TT01_FROM: NaiveDate = day(2024, 4, 15);
/// The first day of ND 152/2025.
pub(crate) const ND152_FROM: NaiveDate = day(2025, 7, 1);
/// The last day ND 98/2023 still applies where a jurisdiction has no rules of its
/// own under ND 152/2025 (ND 152/2025 Điều 60 khoản 2).
pub(crate) const ND98_GRACE_UNTIL: NaiveDate = day(2025, 12, 31);
/// The first day ND 152/2025 no longer applies unless extended (Điều 60 khoản 1).
pub(crate) const ND152_UNTIL: NaiveDate = day(2027, 3, 1);

labelled_enum! {
    /// A body of law that decides cases over a span of time.
    pub enum RegimeId {
        /// Law 2003/2013 with ND 91/2017/NĐ-CP: 2017-10-01 to 2023-12-31.
        Nd91 => ("nd91-2017", "Luật TĐKT 2013 và Nghị định 91/2017/NĐ-CP", "Law 2003/2013 and Decree 91/2017"),
        /// Law 06/2022/QH15 with ND 98/2023/NĐ-CP and TT 01/2024/TT-BNV: 2024-01-01
        /// to 2025-06-30 (later for dossiers and jurisdictions in transition).
        Nd98 => ("nd98-2023", "Luật TĐKT 2022, Nghị định 98/2023/NĐ-CP và Thông tư 01/2024/TT-BNV", "Law 06/2022, Decree 98/2023 and Circular 01/2024"),
        /// Law 06/2022/QH15 with ND 152/2025/NĐ-CP (and TT 01/2024/TT-BNV unless
        /// replaced): 2025-07-01 to 2027-02-28 unless extended.
        Nd152 => ("nd152-2025", "Luật TĐKT 2022, Nghị định 152/2025/NĐ-CP", "Law 06/2022 and Decree 152/2025"),
    }
}

impl RegimeId {
    /// The days the regime applies by date alone: first day and first day after.
    pub fn span(self) -> (NaiveDate, NaiveDate) {
        match self {
            RegimeId::Nd91 => (ND91_FROM, LAW_2022_FROM),
            RegimeId::Nd98 => (LAW_2022_FROM, ND152_FROM),
            RegimeId::Nd152 => (ND152_FROM, ND152_UNTIL),
        }
    }
}

/// An error choosing a regime or evaluating a rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RuleError {
    /// No regime covers the day a case is decided on.
    #[error("no rule regime covers {date}: the built-in regimes run from 2017-10-01 to 2027-02-28")]
    NoRegime {
        /// The day the case is decided on.
        date: NaiveDate,
    },
    /// The title is not one the evaluator has rules for.
    #[error("no rules for title {title:?}")]
    UnknownTitle {
        /// The title's code.
        title: String,
    },
    /// The candidate is of the wrong kind for the title.
    #[error("title {title:?} is for {expected}, not for the candidate given")]
    WrongCandidate {
        /// The title's code.
        title: String,
        /// What the title needs (`an individual`, `a collective`).
        expected: &'static str,
    },
}

/// What a case is decided on: the period of the achievement, when the dossier was
/// submitted, and whether the jurisdiction had its own rules under ND 152/2025.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewContext {
    period: Period,
    calendar: SchoolCalendar,
    submitted: Option<NaiveDate>,
    own_rules_from: Option<NaiveDate>,
}

impl ReviewContext {
    /// A review of the achievements of `period`, decided at the period's end.
    pub fn new(period: Period) -> Self {
        Self {
            period,
            calendar: SchoolCalendar::new(),
            submitted: None,
            own_rules_from: None,
        }
    }

    /// Uses a jurisdiction's school calendar for school-year periods.
    #[must_use]
    pub fn with_calendar(mut self, calendar: SchoolCalendar) -> Self {
        self.calendar = calendar;
        self
    }

    /// The dossier was submitted on `date`: the case is decided as of that day.
    #[must_use]
    pub fn submitted_on(mut self, date: NaiveDate) -> Self {
        self.submitted = Some(date);
        self
    }

    /// The jurisdiction (ministry, sector, province) issued its own rules under
    /// ND 152/2025 from `date`; until then ND 98/2023 applies (to 2025-12-31).
    #[must_use]
    pub fn own_rules_from(mut self, date: NaiveDate) -> Self {
        self.own_rules_from = Some(date);
        self
    }

    /// The period reviewed.
    pub fn period(&self) -> &Period {
        &self.period
    }

    /// The first and last day of the period under the context's calendar.
    pub fn span(&self) -> (NaiveDate, NaiveDate) {
        let s = self.period.span(&self.calendar);
        (s.start(), s.end())
    }

    /// The day the case is decided on: the submission day, or else the last day of
    /// the period.
    pub fn decided_on(&self) -> NaiveDate {
        self.submitted.unwrap_or_else(|| self.span().1)
    }

    /// The year index of the period (the calendar year; a school year's first year;
    /// a phase's or range's last year), used to count consecutive years.
    pub fn year_index(&self) -> i32 {
        use chrono::Datelike;
        match &self.period {
            Period::Year(y) => y.get(),
            Period::SchoolYear(s) => s.start_year().get(),
            _ => self.span().1.year(),
        }
    }

    /// Chooses the regime and says why.
    ///
    /// # Errors
    /// [`RuleError::NoRegime`] when no regime covers the day the case is decided on.
    pub fn regime(&self) -> Result<RegimeChoice, RuleError> {
        let date = self.decided_on();
        let choice = |regime, basis| {
            Ok(RegimeChoice {
                regime,
                basis,
                date,
            })
        };
        if date < ND91_FROM {
            return Err(RuleError::NoRegime { date });
        }
        if date < LAW_2022_FROM {
            return choice(RegimeId::Nd91, RegimeBasis::ByDate);
        }
        if date < ND152_FROM {
            return choice(RegimeId::Nd98, RegimeBasis::ByDate);
        }
        if date >= ND152_UNTIL {
            return Err(RuleError::NoRegime { date });
        }
        let own_rules = self.own_rules_from.is_some_and(|d| d <= date);
        if !own_rules && date <= ND98_GRACE_UNTIL {
            return choice(RegimeId::Nd98, RegimeBasis::NoOwnRulesYet);
        }
        choice(RegimeId::Nd152, RegimeBasis::ByDate)
    }
}

/// Why a regime was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RegimeBasis {
    /// The regime in force on the day the case is decided.
    ByDate,
    /// ND 152/2025 is in force, but the jurisdiction had not issued its own rules
    /// under it: ND 98/2023 applies until 2025-12-31 (ND 152/2025 Điều 60 khoản 2).
    NoOwnRulesYet,
}

/// The regime a case is decided under, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RegimeChoice {
    regime: RegimeId,
    basis: RegimeBasis,
    date: NaiveDate,
}

impl RegimeChoice {
    /// The regime.
    pub fn regime(&self) -> RegimeId {
        self.regime
    }

    /// Why it was chosen.
    pub fn basis(&self) -> RegimeBasis {
        self.basis
    }

    /// The day the case is decided on.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The provision that makes this regime apply.
    pub fn citation(&self) -> Citation {
        match (self.regime, self.basis) {
            (_, RegimeBasis::NoOwnRulesYet) => Citation::law(
                ND152,
                Some("60"),
                Some("2"),
                None,
                Confidence::Verified,
                None,
            ),
            (RegimeId::Nd91, _) => {
                Citation::law(ND91, None, None, None, Confidence::Secondary, None)
            }
            (RegimeId::Nd98, _) => {
                Citation::law(ND98, None, None, None, Confidence::Verified, None)
            }
            (RegimeId::Nd152, _) => Citation::law(
                ND152,
                Some("59"),
                Some("1"),
                None,
                Confidence::Verified,
                None,
            ),
        }
    }

    /// Why, in Vietnamese.
    pub fn reason_vi(&self) -> String {
        match self.basis {
            RegimeBasis::ByDate => format!(
                "áp dụng {} vì hồ sơ được xét vào ngày {}",
                self.regime.label_vi(),
                self.date.format("%d/%m/%Y")
            ),
            RegimeBasis::NoOwnRulesYet => format!(
                "áp dụng {} vì ngày {} bộ, ngành, tỉnh chưa ban hành quy định theo Nghị định 152/2025/NĐ-CP",
                self.regime.label_vi(),
                self.date.format("%d/%m/%Y")
            ),
        }
    }

    /// Why, in English.
    pub fn reason_en(&self) -> String {
        match self.basis {
            RegimeBasis::ByDate => format!(
                "{} applies: the case is decided on {}",
                self.regime.label_en(),
                self.date
            ),
            RegimeBasis::NoOwnRulesYet => format!(
                "{} applies: on {} the jurisdiction had no rules of its own under Decree 152/2025",
                self.regime.label_en(),
                self.date
            ),
        }
    }
}

impl fmt::Display for RegimeChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason_en())
    }
}
