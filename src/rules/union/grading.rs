//! Grading a grassroots union (*đánh giá, xếp loại công đoàn cơ sở*), HD 1294/HD-TLĐ
//! 2019: who is graded, the 100-point scale, and the grade each total earns. The
//! point thresholds per grade and the cap on excellent grades were not found in a
//! text: they are parameters (confidence R).

use chrono::NaiveDate;

use crate::org::hierarchy::Hierarchy;
use crate::org::unit::LineageEvent;
use crate::rules::citation::{Citation, Confidence};
use crate::rules::engine::Status;
use crate::rules::facts::TaskGrade;
use crate::rules::law::{ALL_REGIMES, Provision, paraphrase};
use crate::rules::union::{HD1294, UnionCheck, UnionRuleError, UnionVerdict, whole_months};
use crate::value::id::UnitId;

/// The provisions encoded here: who is graded and the scale (HD 1294, verified by
/// reading but not kept in the crate's sources, hence paraphrased), and the recalled
/// thresholds and cap.
pub(crate) static PROVISIONS: &[Provision] = &[
    paraphrase(
        ALL_REGIMES,
        Citation::law(HD1294, None, None, None, Confidence::Verified, None),
        "Chỉ đánh giá, xếp loại công đoàn cơ sở đã hoạt động từ 12 tháng trở lên; công đoàn \
         cơ sở được thành lập do chia tách, sáp nhập, hợp nhất thì từ 6 tháng trở lên. Thang \
         điểm 100: nhóm 1 tối đa 40 điểm, nhóm 2 tối đa 40 điểm, nhóm 3 tối đa 15 điểm, điểm \
         thưởng tối đa 5 điểm; xếp loại Hoàn thành xuất sắc nhiệm vụ, Hoàn thành tốt nhiệm vụ, \
         Hoàn thành nhiệm vụ, Không hoàn thành nhiệm vụ.",
    ),
    paraphrase(
        ALL_REGIMES,
        Citation::law(
            HD1294,
            None,
            None,
            None,
            Confidence::Recalled,
            Some("point thresholds per grade not found in a text; parameters"),
        ),
        "Mức điểm của từng loại (mặc định 90, 70, 50) và tỷ lệ công đoàn cơ sở hoàn thành \
         xuất sắc nhiệm vụ (khoảng 20%) chưa tìm thấy trong văn bản: là tham số.",
    ),
];

/// The caps of the four groups: group 1, group 2, group 3, bonus.
const CAPS: [(&str, u32); 4] = [("1", 40), ("2", 40), ("3", 15), ("bonus", 5)];

/// The cap on the share of excellent grades usually applied, in percent (about 20%
/// in practice; not found in a VGCL text, confidence R). A parameter of
/// [`excellent_over_cap`].
pub const DEFAULT_EXCELLENT_CAP_PERCENT: u32 = 20;

/// A grassroots union's points on the 100-point scale of HD 1294/HD-TLĐ: group 1 up
/// to 40, group 2 up to 40, group 3 up to 15, bonus up to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GradingScore {
    groups: [u32; 4],
}

impl GradingScore {
    /// Checks the points of each group against its cap.
    ///
    /// # Errors
    /// [`UnionRuleError::PointsOverCap`] for a group over its cap.
    pub fn try_new(
        group1: u32,
        group2: u32,
        group3: u32,
        bonus: u32,
    ) -> Result<Self, UnionRuleError> {
        let groups = [group1, group2, group3, bonus];
        for ((group, max), points) in CAPS.into_iter().zip(groups) {
            if points > max {
                return Err(UnionRuleError::PointsOverCap { group, points, max });
            }
        }
        Ok(Self { groups })
    }

    /// The total, out of 100.
    pub fn total(&self) -> u32 {
        self.groups.iter().sum()
    }
}

/// The points each grade needs. HD 1294/HD-TLĐ sets the groups but the thresholds
/// were not found in a text: the defaults (90, 70, 50) are recalled (confidence R)
/// and meant to be set by the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GradingThresholds {
    excellent: u32,
    good: u32,
    completed: u32,
}

impl Default for GradingThresholds {
    fn default() -> Self {
        Self {
            excellent: 90,
            good: 70,
            completed: 50,
        }
    }
}

impl GradingThresholds {
    /// Sets the thresholds.
    ///
    /// # Errors
    /// [`UnionRuleError::BadThresholds`] unless 100 ≥ excellent > good > completed.
    pub fn try_new(excellent: u32, good: u32, completed: u32) -> Result<Self, UnionRuleError> {
        if excellent > 100 || excellent <= good || good <= completed {
            return Err(UnionRuleError::BadThresholds {
                excellent,
                good,
                completed,
            });
        }
        Ok(Self {
            excellent,
            good,
            completed,
        })
    }

    fn grade(&self, total: u32) -> TaskGrade {
        if total >= self.excellent {
            TaskGrade::Excellent
        } else if total >= self.good {
            TaskGrade::Good
        } else if total >= self.completed {
            TaskGrade::Completed
        } else {
            TaskGrade::NotCompleted
        }
    }
}

/// Grades a grassroots union (*đánh giá, xếp loại CĐCS*) on `as_of`: only a CĐCS
/// active for 12 months (6 after a split, merger or consolidation) is graded; its
/// grade follows its points (HD 1294/HD-TLĐ 2019; thresholds are parameters,
/// confidence R).
///
/// # Errors
/// [`UnionRuleError::UnknownUnit`] when the unit is not in the hierarchy.
pub fn grade_grassroots(
    hierarchy: &Hierarchy,
    unit: UnitId,
    as_of: NaiveDate,
    score: GradingScore,
    thresholds: GradingThresholds,
) -> Result<(UnionVerdict, Option<TaskGrade>), UnionRuleError> {
    let state = hierarchy
        .state(unit)
        .ok_or(UnionRuleError::UnknownUnit { unit })?;
    let formed = hierarchy.events().iter().any(|e| match e {
        LineageEvent::Merge { into, date, .. } => *into == unit && *date == state.start,
        LineageEvent::Split { into, date, .. } => into.contains(&unit) && *date == state.start,
        _ => false,
    });
    let required = if formed { 6 } else { 12 };
    let [who, thresholds_provision] = [0, 1].map(|i| {
        PROVISIONS
            .get(i)
            .map_or_else(|| Citation::new(HD1294), |p| p.citation.clone())
    });
    let mut checks = Vec::new();
    let months = (state.start != NaiveDate::MIN).then(|| whole_months(state.start, as_of));
    let active = months.is_none_or(|m| m >= required);
    checks.push(UnionCheck {
        code: "cdcs.active_months",
        status: if active { Status::Pass } else { Status::Fail },
        citation: who,
        message_vi: match months {
            Some(m) => format!("hoạt động {m} tháng; yêu cầu từ {required} tháng"),
            None => format!("hoạt động từ trước khi có số liệu; yêu cầu từ {required} tháng"),
        },
        message_en: match months {
            Some(m) => format!("active {m} months; needs {required}"),
            None => format!("active since before the records; needs {required} months"),
        },
    });
    let total = score.total();
    let grade = active.then(|| thresholds.grade(total));
    checks.push(UnionCheck {
        code: "cdcs.points",
        status: if active {
            Status::Pass
        } else {
            Status::NotApplicable
        },
        citation: thresholds_provision,
        message_vi: format!(
            "{total}/100 điểm{}",
            grade
                .map(|g| format!(": {}", g.label_vi()))
                .unwrap_or_default()
        ),
        message_en: format!(
            "{total}/100 points{}",
            grade
                .map(|g| format!(": {}", g.label_en()))
                .unwrap_or_default()
        ),
    });
    Ok((UnionVerdict::from_checks(checks), grade))
}

/// Checks the share of grassroots unions graded excellent against a cap in percent
/// (about 20% in practice, [`DEFAULT_EXCELLENT_CAP_PERCENT`]; not found in a VGCL
/// text, so a parameter, confidence R). Returns `None` when within the cap, else the
/// numbers: (excellent, graded, most allowed).
pub fn excellent_over_cap(grades: &[TaskGrade], cap_percent: u32) -> Option<(u64, u64, u64)> {
    let graded = grades.len() as u64;
    let excellent = grades
        .iter()
        .filter(|g| **g == TaskGrade::Excellent)
        .count() as u64;
    let allowed = graded.saturating_mul(u64::from(cap_percent)) / 100;
    (excellent > allowed).then_some((excellent, graded, allowed))
}
