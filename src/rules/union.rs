//! Rules of the union system (VGCL): grading grassroots unions, the Kỷ niệm chương
//! for building the union, the Bằng Lao động sáng tạo, and bonus amounts.

use chrono::{Datelike, NaiveDate};

use crate::award::catalogue::{AwardDef, AwardKind, RecipientKind};
use crate::org::hierarchy::Hierarchy;
use crate::org::unit::LineageEvent;
use crate::rules::citation::{Citation, Confidence};
use crate::rules::engine::{Outcome, Status};
use crate::rules::facts::TaskGrade;
use crate::value::id::UnitId;
use crate::value::money::Vnd;
use crate::value::period::DateRange;

const HD1294: &str = "Hướng dẫn 1294/HD-TLĐ năm 2019 về đánh giá, xếp loại công đoàn cơ sở";
const HD149: &str =
    "Hướng dẫn 149/HD-TLĐ năm 2015 về Kỷ niệm chương \"Vì sự nghiệp xây dựng tổ chức Công đoàn\"";
const QD1564: &str = "Quyết định 1564/QĐ-TLĐ năm 2014";
const ND152: &str = "Nghị định 152/2025/NĐ-CP";

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
    fn from_checks(checks: Vec<UnionCheck>) -> Self {
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
    /// The unit is not in the hierarchy.
    #[error("unit {unit} is not a unit of the hierarchy")]
    UnknownUnit {
        /// The unit.
        unit: UnitId,
    },
}

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
        for (group, points, max) in [
            ("1", group1, 40),
            ("2", group2, 40),
            ("3", group3, 15),
            ("bonus", bonus, 5),
        ] {
            if points > max {
                return Err(UnionRuleError::PointsOverCap { group, points, max });
            }
        }
        Ok(Self {
            groups: [group1, group2, group3, bonus],
        })
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

fn whole_months(from: NaiveDate, to: NaiveDate) -> u32 {
    if to < from {
        return 0;
    }
    let raw = (to.year() - from.year()) * 12 + to.month() as i32
        - from.month() as i32
        - i32::from(to.day() < from.day());
    u32::try_from(raw.max(0)).unwrap_or(0)
}

/// Grades a grassroots union (*đánh giá, xếp loại CĐCS*) on `as_of`: only a CĐCS
/// active for 12 months (6 after a split, merger or consolidation) is graded; its
/// grade follows its points.
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
    let cite = |clause: Option<&'static str>, c| Citation::law(HD1294, None, clause, None, c, None);
    let mut checks = Vec::new();
    let months = (state.start != NaiveDate::MIN).then(|| whole_months(state.start, as_of));
    let active = months.is_none_or(|m| m >= required);
    checks.push(UnionCheck {
        code: "cdcs.active_months",
        status: if active { Status::Pass } else { Status::Fail },
        citation: cite(None, Confidence::Verified),
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
        citation: cite(None, Confidence::Recalled)
            .note("point thresholds per grade not found in a text; parameters"),
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
/// (about 20% in practice; not found in a VGCL text, so a parameter, confidence R).
/// Returns `None` when within the cap, else the numbers: (excellent, graded, most
/// allowed).
pub fn excellent_over_cap(grades: &[TaskGrade], cap_percent: u32) -> Option<(u64, u64, u64)> {
    let graded = grades.len() as u64;
    let excellent = grades
        .iter()
        .filter(|g| **g == TaskGrade::Excellent)
        .count() as u64;
    let allowed = graded * u64::from(cap_percent) / 100;
    (excellent > allowed).then_some((excellent, graded, allowed))
}

labelled_enum! {
    /// How a period of union work counts toward the Kỷ niệm chương.
    pub enum ServiceKind {
        /// Full-time union work: counts once.
        FullTime => ("full_time", "cán bộ công đoàn chuyên trách", "full-time union officer"),
        /// Part-time union work: counts one and a half times.
        PartTime => ("part_time", "cán bộ công đoàn không chuyên trách", "part-time union officer"),
        /// Part-time union work in a grassroots union of a non-state enterprise:
        /// counts twice.
        PartTimeNonState => ("part_time_non_state", "cán bộ công đoàn không chuyên trách ở doanh nghiệp ngoài nhà nước", "part-time officer in a non-state enterprise"),
    }
}

/// A period of union work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServicePeriod {
    /// How it counts.
    pub kind: ServiceKind,
    /// When.
    pub range: DateRange,
}

/// Whether the person is a public employee of a union-run unit (who needs 25 years,
/// not 20).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmployeeKind {
    /// Everyone else: 20 years.
    Standard,
    /// A public employee of a unit run by the union: 25 years.
    UnionRunPublicEmployee,
}

/// Checks the Kỷ niệm chương "Vì sự nghiệp xây dựng tổ chức Công đoàn": at least 20
/// years of union work, continuous or cumulative (part-time counted ×1,5; part-time in
/// a non-state enterprise ×2; 25 years for public employees of union-run units), 3
/// consecutive years of completed duties before the proposal, and once per person.
pub fn kyniemchuong(
    service: &[ServicePeriod],
    employee: EmployeeKind,
    completed_years_before: Option<u32>,
    already_awarded: Option<bool>,
) -> UnionVerdict {
    // Whole months weighted in halves: full time 2, part time 3, non-state 4.
    let halves: u64 = service
        .iter()
        .map(|p| {
            let m = u64::from(whole_months(
                p.range.start(),
                p.range.end().succ_opt().unwrap_or(p.range.end()),
            ));
            m * match p.kind {
                ServiceKind::FullTime => 2,
                ServiceKind::PartTime => 3,
                ServiceKind::PartTimeNonState => 4,
            }
        })
        .sum();
    let needed_years: u64 = match employee {
        EmployeeKind::Standard => 20,
        EmployeeKind::UnionRunPublicEmployee => 25,
    };
    let cite = |section: &'static str| {
        Citation::law(HD149, Some(section), None, None, Confidence::Verified, None)
            .note("QĐ 999/QĐ-TLĐ 2024 may have changed it: unverified")
    };
    let years_whole = halves / 24;
    let years_tenths = (halves % 24) * 10 / 24;
    let service_ok = halves >= needed_years * 24;
    let checks = vec![
        UnionCheck {
            code: "knc.service_years",
            status: if service_ok {
                Status::Pass
            } else {
                Status::Fail
            },
            citation: cite("Mục III"),
            message_vi: format!(
                "{years_whole},{years_tenths} năm công tác công đoàn đã quy đổi; yêu cầu {needed_years} năm"
            ),
            message_en: format!(
                "{years_whole}.{years_tenths} weighted years of union work; needs {needed_years}"
            ),
        },
        UnionCheck {
            code: "knc.completed_years",
            status: completed_years_before.map_or(Status::Unknown, |y| {
                if y >= 3 { Status::Pass } else { Status::Fail }
            }),
            citation: cite("Mục III"),
            message_vi: format!(
                "{} năm liên tục hoàn thành nhiệm vụ trước khi đề nghị; yêu cầu 3",
                completed_years_before.map_or_else(|| "chưa rõ số".to_owned(), |y| y.to_string())
            ),
            message_en: format!(
                "{} consecutive years of completed duties before the proposal; needs 3",
                completed_years_before.map_or_else(|| "unknown".to_owned(), |y| y.to_string())
            ),
        },
        UnionCheck {
            code: "knc.once",
            status: already_awarded.map_or(Status::Unknown, |a| {
                if a { Status::Fail } else { Status::Pass }
            }),
            citation: cite("Mục III"),
            message_vi: match already_awarded {
                Some(true) => "đã được tặng Kỷ niệm chương; chỉ tặng một lần".to_owned(),
                Some(false) => "chưa được tặng Kỷ niệm chương".to_owned(),
                None => "chưa rõ đã được tặng Kỷ niệm chương hay chưa".to_owned(),
            },
            message_en: match already_awarded {
                Some(true) => "already holds the medal; it is given once".to_owned(),
                Some(false) => "does not hold the medal yet".to_owned(),
                None => "not known whether the medal was given before".to_owned(),
            },
        },
    ];
    UnionVerdict::from_checks(checks)
}

labelled_enum! {
    /// Who proposes a solution for the Bằng Lao động sáng tạo.
    pub enum InnovatorKind {
        /// A worker (*người lao động trực tiếp*).
        Worker => ("worker", "người lao động trực tiếp", "worker"),
        /// A person with a university degree.
        Graduate => ("graduate", "người có trình độ đại học trở lên", "university graduate"),
        /// A manager.
        Manager => ("manager", "cán bộ quản lý", "manager"),
    }
}

/// Checks the benefit threshold of the Bằng Lao động sáng tạo (QĐ 1564/QĐ-TLĐ 2014
/// Điều 16): an applied solution worth at least 80 triệu đồng in a year (or 120 triệu
/// over 3 years) for a worker, 150 triệu for a university graduate, 200 triệu for a
/// manager.
pub fn bang_lao_dong_sang_tao(kind: InnovatorKind, benefit: Vnd, over_years: u32) -> UnionVerdict {
    let trieu = |n: i64| Vnd::from_dong(n * 1_000_000);
    let needed = match (kind, over_years) {
        (InnovatorKind::Worker, 0..=1) => trieu(80),
        (InnovatorKind::Worker, _) => trieu(120),
        (InnovatorKind::Graduate, _) => trieu(150),
        (InnovatorKind::Manager, _) => trieu(200),
    };
    let lang = crate::value::format::Lang::Vi;
    let ok = benefit.get() >= needed.get();
    UnionVerdict::from_checks(vec![UnionCheck {
        code: "bang_ldst.benefit",
        status: if ok { Status::Pass } else { Status::Fail },
        citation: Citation::law(QD1564, Some("16"), None, None, Confidence::Verified, None),
        message_vi: format!(
            "giá trị làm lợi {} trong {over_years} năm; yêu cầu từ {} ({})",
            benefit.to_trieu_string(3, lang),
            needed.to_trieu_string(0, lang),
            kind.label_vi()
        ),
        message_en: format!(
            "benefit {} over {over_years} years; needs {} ({})",
            benefit.to_trieu_string(3, crate::value::format::Lang::En),
            needed.to_trieu_string(0, crate::value::format::Lang::En),
            kind.label_en()
        ),
    }])
}

/// The base salary (*mức lương cơ sở*) in force on a day, with its source. Only the
/// 2024-07-01 figure is verified; earlier ones are recalled (confidence R).
pub fn base_salary(date: NaiveDate) -> Option<(Vnd, Citation)> {
    let table: [(i32, u32, i64, &'static str, Confidence); 5] = [
        (
            2017,
            7,
            1_300_000,
            "Nghị định 47/2017/NĐ-CP",
            Confidence::Recalled,
        ),
        (
            2018,
            7,
            1_390_000,
            "Nghị định 72/2018/NĐ-CP",
            Confidence::Recalled,
        ),
        (
            2019,
            7,
            1_490_000,
            "Nghị định 38/2019/NĐ-CP",
            Confidence::Recalled,
        ),
        (
            2023,
            7,
            1_800_000,
            "Nghị định 24/2023/NĐ-CP",
            Confidence::Recalled,
        ),
        (
            2024,
            7,
            2_340_000,
            "Nghị định 73/2024/NĐ-CP",
            Confidence::Verified,
        ),
    ];
    table
        .iter()
        .rev()
        .find(|(y, m, ..)| NaiveDate::from_ymd_opt(*y, *m, 1).is_some_and(|from| from <= date))
        .map(|(_, _, amount, doc, c)| {
            (
                Vnd::from_dong(*amount),
                Citation::law(doc, None, None, None, *c, None),
            )
        })
}

/// The bonus for an award on a day: the base salary times the award's multiple
/// (ND 152/2025 Điều 50, 54); a collective receiving a form of commendation gets
/// twice the individual amount (Điều 54 khoản 2), a household one and a half times
/// (khoản 3). `None` when the award has no multiple or no base salary is known.
pub fn bonus(def: &AwardDef, recipient: RecipientKind, date: NaiveDate) -> Option<(Vnd, Citation)> {
    let tenths = i64::from(def.bonus_tenths()?);
    let (salary, _) = base_salary(date)?;
    let (num, den) = match (def.kind(), recipient) {
        (AwardKind::Commendation, RecipientKind::Collective) => (2, 1),
        (AwardKind::Commendation, RecipientKind::Household) => (3, 2),
        _ => (1, 1),
    };
    let amount = salary.get().checked_mul(tenths)?.checked_mul(num)? / (10 * den);
    let article = if def.kind() == AwardKind::Title {
        "50"
    } else {
        "54"
    };
    Some((
        Vnd::from_dong(amount),
        Citation::law(ND152, Some(article), None, None, Confidence::Verified, None),
    ))
}
