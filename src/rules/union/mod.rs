//! Rules of the union system (VGCL), one module per rule family: grading grassroots
//! unions ([`grading`]), the Kỷ niệm chương for building the union ([`knc`]) and the
//! Bằng Lao động sáng tạo ([`ldst`]). Each module lists the provisions it encodes
//! beside the parameters, the checks and their messages.

use chrono::{Datelike, NaiveDate};

use crate::rules::citation::Citation;
use crate::rules::engine::{Outcome, Status};
use crate::value::id::UnitId;

pub(crate) mod grading;
pub(crate) mod knc;
pub(crate) mod ldst;

/// Hướng dẫn 1294/HD-TLĐ (2019): grading grassroots unions.
pub(crate) const HD1294: &str =
    "Hướng dẫn 1294/HD-TLĐ năm 2019 về đánh giá, xếp loại công đoàn cơ sở";
/// Hướng dẫn 149/HD-TLĐ (2015): the Kỷ niệm chương of the union.
pub(crate) const HD149: &str =
    "Hướng dẫn 149/HD-TLĐ năm 2015 về Kỷ niệm chương \"Vì sự nghiệp xây dựng tổ chức Công đoàn\"";
/// Quyết định 1564/QĐ-TLĐ (2014): the union's emulation and commendation rules.
pub(crate) const QD1564: &str = "Quyết định 1564/QĐ-TLĐ năm 2014";

/// One condition checked by a union rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnionCheck {
    /// A stable code (`cdcs.active_months`).
    pub code: &'static str,
    /// What was found.
    pub status: Status,
    /// The source.
    pub citation: Citation,
    /// Why, in Vietnamese.
    pub message_vi: String,
    /// Why, in English.
    pub message_en: String,
}

/// The outcome of a union rule with one check per condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnionVerdict {
    /// Eligible when every check passes, ineligible when one fails, otherwise
    /// undetermined.
    pub outcome: Outcome,
    /// The checks.
    pub checks: Vec<UnionCheck>,
}

impl UnionVerdict {
    pub(crate) fn from_checks(checks: Vec<UnionCheck>) -> Self {
        let outcome = if checks.iter().any(|c| c.status == Status::Fail) {
            Outcome::Ineligible
        } else if checks.iter().any(|c| c.status == Status::Unknown) {
            Outcome::Undetermined
        } else {
            Outcome::Eligible
        };
        Self { outcome, checks }
    }
}

/// An error in the input of a union rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UnionRuleError {
    /// A grading group has more points than it may.
    #[error("group {group} has {points} points, more than its {max}")]
    PointsOverCap {
        /// The group (`1`, `2`, `3`, `bonus`).
        group: &'static str,
        /// Points given.
        points: u32,
        /// The cap.
        max: u32,
    },
    /// Thresholds must fall from excellent to completed, within 100.
    #[error(
        "grading thresholds must satisfy 100 ≥ excellent ({excellent}) > good ({good}) > completed ({completed})"
    )]
    BadThresholds {
        /// Points for excellent.
        excellent: u32,
        /// Points for good.
        good: u32,
        /// Points for completed.
        completed: u32,
    },
    /// A solution's benefit is below zero.
    #[error("solution {index} has a negative benefit, {benefit}")]
    NegativeBenefit {
        /// The solution's position in the list, from 0.
        index: usize,
        /// The benefit given.
        benefit: crate::value::money::Vnd,
    },
    /// The unit is not in the hierarchy.
    #[error("unit {unit} is not a unit of the hierarchy")]
    UnknownUnit {
        /// The unit.
        unit: UnitId,
    },
}

/// Whole months from `from` to `to` (0 when `to` is earlier).
pub(crate) fn whole_months(from: NaiveDate, to: NaiveDate) -> u32 {
    if to < from {
        return 0;
    }
    let raw = (to.year() - from.year()) * 12 + to.month() as i32
        - from.month() as i32
        - i32::from(to.day() < from.day());
    u32::try_from(raw.max(0)).unwrap_or(0)
}
