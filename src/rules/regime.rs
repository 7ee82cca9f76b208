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
    /// The unit does not exist on the day asked for.
    #[error("unit {unit} does not exist on {date}")]
    UnknownUnit {
        /// The unit.
        unit: crate::value::id::UnitId,
        /// The day.
        date: NaiveDate,
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

/// What a case is decided on: the period of the achievement, the day its dossier was
/// submitted, the day it is decided, and whether the jurisdiction had its own rules
/// under ND 152/2025 (which matters only for delegated matters, not for criteria).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewContext {
    period: Period,
    calendar: SchoolCalendar,
    submitted: Option<NaiveDate>,
    decided: Option<NaiveDate>,
    own_rules_from: Option<NaiveDate>,
}

impl ReviewContext {
    /// A review of the achievements of `period`, decided at the period's end.
    pub fn new(period: Period) -> Self {
        Self {
            period,
            calendar: SchoolCalendar::new(),
            submitted: None,
            decided: None,
            own_rules_from: None,
        }
    }

    /// Uses a jurisdiction's school calendar for school-year periods.
    #[must_use]
    pub fn with_calendar(mut self, calendar: SchoolCalendar) -> Self {
        self.calendar = calendar;
        self
    }

    /// The dossier was submitted on `date`. Unless a decision day is given, the case
    /// is decided as of that day. A dossier sent before 2025-07-01 is decided under
    /// ND 98/2023 whenever it is decided (ND 152/2025 Điều 60 khoản 3).
    #[must_use]
    pub fn submitted_on(mut self, date: NaiveDate) -> Self {
        self.submitted = Some(date);
        self
    }

    /// The case is decided (the decision signed) on `date`.
    #[must_use]
    pub fn decision_on(mut self, date: NaiveDate) -> Self {
        self.decided = Some(date);
        self
    }

    /// The day the dossier was submitted, if given.
    pub fn submitted(&self) -> Option<NaiveDate> {
        self.submitted
    }

    /// The jurisdiction (ministry, sector, province) issued its own rules under
    /// ND 152/2025 from `date`. Until then ND 98/2023 still governs the matters
    /// ND 152/2025 delegates — who decides, procedures — to 2025-12-31
    /// ([`ReviewContext::delegated_regime`]); the criteria of titles are ND 152's
    /// from 2025-07-01 either way.
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

    /// The day the case is decided on: the decision day, else the submission day,
    /// else the last day of the period.
    pub fn decided_on(&self) -> NaiveDate {
        self.decided
            .or(self.submitted)
            .unwrap_or_else(|| self.span().1)
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

    /// Chooses the regime of the criteria and says why: the regime in force on the
    /// day the case is decided, except that a dossier submitted before 2025-07-01
    /// keeps ND 98/2023 (ND 152/2025 Điều 60 khoản 3). Điều 60 khoản 2 does not
    /// reach the criteria: see [`ReviewContext::delegated_regime`].
    ///
    /// # Errors
    /// [`RuleError::NoRegime`] when no regime covers the day the case is decided on.
    pub fn regime(&self) -> Result<RegimeChoice, RuleError> {
        let date = self.decided_on();
        let by_date = Self::by_date(date)?;
        match self.submitted {
            Some(sent) if by_date == RegimeId::Nd152 && sent < ND152_FROM => Ok(RegimeChoice {
                regime: RegimeId::Nd98,
                basis: RegimeBasis::SubmittedBefore,
                date: sent,
            }),
            _ => Ok(RegimeChoice {
                regime: by_date,
                basis: RegimeBasis::ByDate,
                date,
            }),
        }
    }

    /// Chooses the regime of the delegated matters (who decides, procedures, what
    /// ND 152/2025 hands to ministries and provinces): as [`ReviewContext::regime`],
    /// except that where the jurisdiction had not issued its own rules, ND 98/2023
    /// still applies until 2025-12-31 (ND 152/2025 Điều 60 khoản 2).
    ///
    /// # Errors
    /// [`RuleError::NoRegime`] when no regime covers the day the case is decided on.
    pub fn delegated_regime(&self) -> Result<RegimeChoice, RuleError> {
        let choice = self.regime()?;
        let date = choice.date;
        let own_rules = self.own_rules_from.is_some_and(|d| d <= date);
        if choice.regime == RegimeId::Nd152 && !own_rules && date <= ND98_GRACE_UNTIL {
            return Ok(RegimeChoice {
                regime: RegimeId::Nd98,
                basis: RegimeBasis::NoOwnRulesYet,
                date,
            });
        }
        Ok(choice)
    }

    fn by_date(date: NaiveDate) -> Result<RegimeId, RuleError> {
        if date < ND91_FROM || date >= ND152_UNTIL {
            Err(RuleError::NoRegime { date })
        } else if date < LAW_2022_FROM {
            Ok(RegimeId::Nd91)
        } else if date < ND152_FROM {
            Ok(RegimeId::Nd98)
        } else {
            Ok(RegimeId::Nd152)
        }
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
    /// under it: ND 98/2023 still governs the delegated matters until 2025-12-31
    /// (ND 152/2025 Điều 60 khoản 2). Never the basis of the criteria.
    NoOwnRulesYet,
    /// The dossier was sent before 2025-07-01: its appraisal, submission and
    /// decision follow ND 98/2023 (ND 152/2025 Điều 60 khoản 3).
    SubmittedBefore,
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

    /// The day the choice rests on: the day the case is decided, or the day the
    /// dossier was submitted when that decides ([`RegimeBasis::SubmittedBefore`]).
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
            (_, RegimeBasis::SubmittedBefore) => Citation::law(
                ND152,
                Some("60"),
                Some("3"),
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
                "áp dụng {} cho các nội dung được phân cấp vì ngày {} bộ, ngành, tỉnh chưa ban hành quy định theo Nghị định 152/2025/NĐ-CP (Nghị định 152/2025/NĐ-CP, Điều 60, khoản 2)",
                self.regime.label_vi(),
                self.date.format("%d/%m/%Y")
            ),
            RegimeBasis::SubmittedBefore => format!(
                "áp dụng {} vì hồ sơ đã gửi ngày {}, trước ngày 01/07/2025 (Nghị định 152/2025/NĐ-CP, Điều 60, khoản 3)",
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
                "{} applies to the delegated matters: on {} the jurisdiction had no rules of its own under Decree 152/2025 (Decree 152/2025, Article 60, clause 2)",
                self.regime.label_en(),
                self.date
            ),
            RegimeBasis::SubmittedBefore => format!(
                "{} applies: the dossier was sent on {}, before 2025-07-01 (Decree 152/2025, Article 60, clause 3)",
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
