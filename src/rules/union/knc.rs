//! The Kỷ niệm chương "Vì sự nghiệp xây dựng tổ chức Công đoàn", HD 149/HD-TLĐ 2015
//! Mục III: years of union work (weighted), completed duties before the proposal, and
//! once per person — from a caller's statement or from the person's award history.
//! (QĐ 999/QĐ-TLĐ 2024 may have changed the conditions: unverified.)

use chrono::NaiveDate;

use crate::award::catalogue::codes;
use crate::award::decision::{AwardHistory, AwardRecord, Recipient};
use crate::rules::citation::{Citation, Confidence};
use crate::rules::engine::Status;
use crate::rules::law::{ALL_REGIMES, Provision, paraphrase};
use crate::rules::union::{HD149, UnionCheck, UnionVerdict, whole_months};
use crate::value::id::MemberId;
use crate::value::period::DateRange;

const NOTE: &str = "QĐ 999/QĐ-TLĐ 2024 may have changed it: unverified";

const fn section_iii() -> Citation {
    Citation::law(
        HD149,
        Some("Mục III"),
        None,
        None,
        Confidence::Verified,
        Some(NOTE),
    )
}

/// The provisions encoded here, in the order of the checks: service years, completed
/// duties, once per person. HD 149 is not kept in the crate's sources: paraphrased.
pub(crate) static PROVISIONS: &[Provision] = &[
    paraphrase(
        ALL_REGIMES,
        section_iii(),
        "Có thời gian công tác trong tổ chức Công đoàn từ đủ 20 năm trở lên (liên tục hoặc \
         cộng dồn); thời gian làm cán bộ công đoàn không chuyên trách được nhân hệ số 1,5, ở \
         công đoàn cơ sở doanh nghiệp ngoài nhà nước được nhân hệ số 2; viên chức các đơn vị \
         sự nghiệp của Công đoàn từ đủ 25 năm trở lên.",
    ),
    paraphrase(
        ALL_REGIMES,
        section_iii(),
        "Hoàn thành nhiệm vụ 3 năm liên tục trước thời điểm đề nghị.",
    ),
    paraphrase(
        ALL_REGIMES,
        section_iii(),
        "Kỷ niệm chương chỉ tặng một lần cho mỗi cá nhân.",
    ),
];

fn cite(i: usize) -> Citation {
    PROVISIONS
        .get(i)
        .map_or_else(section_iii, |p| p.citation.clone())
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

/// What is known of the person's earlier conferrals of the medal.
enum Prior<'a> {
    /// Stated by the caller, or unknown.
    Stated(Option<bool>),
    /// Read in the award history: the earlier conferrals, and the history to name
    /// their decisions.
    History(Vec<AwardRecord>, &'a AwardHistory),
}

fn once_check(prior: Prior<'_>) -> UnionCheck {
    let (status, message_vi, message_en) = match prior {
        Prior::Stated(Some(true)) => (
            Status::Fail,
            "đã được tặng Kỷ niệm chương; chỉ tặng một lần".to_owned(),
            "already holds the medal; it is given once".to_owned(),
        ),
        Prior::Stated(Some(false)) => (
            Status::Pass,
            "chưa được tặng Kỷ niệm chương".to_owned(),
            "does not hold the medal yet".to_owned(),
        ),
        Prior::Stated(None) => (
            Status::Unknown,
            "chưa rõ đã được tặng Kỷ niệm chương hay chưa".to_owned(),
            "not known whether the medal was given before".to_owned(),
        ),
        Prior::History(records, _) if records.is_empty() => (
            Status::Pass,
            "chưa được tặng Kỷ niệm chương (theo lịch sử khen thưởng)".to_owned(),
            "does not hold the medal yet (per the award history)".to_owned(),
        ),
        Prior::History(records, history) => {
            let named = |vi: bool| {
                records
                    .iter()
                    .map(|r| {
                        let number = history
                            .decision_number(r.decision)
                            .map_or_else(|| r.decision.to_string(), ToString::to_string);
                        if vi {
                            format!("quyết định {number} ngày {}", r.date.format("%d/%m/%Y"))
                        } else {
                            format!("decision {number} of {}", r.date)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            (
                Status::Fail,
                format!(
                    "đã được tặng Kỷ niệm chương theo {}; chỉ tặng một lần",
                    named(true)
                ),
                format!(
                    "already received the medal by {}; it is given once",
                    named(false)
                ),
            )
        }
    };
    UnionCheck {
        code: "knc.once",
        status,
        citation: cite(2),
        message_vi,
        message_en,
    }
}

fn checks(
    service: &[ServicePeriod],
    employee: EmployeeKind,
    completed_years_before: Option<u32>,
    prior: Prior<'_>,
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
        .fold(0u64, u64::saturating_add);
    let needed_years: u64 = match employee {
        EmployeeKind::Standard => 20,
        EmployeeKind::UnionRunPublicEmployee => 25,
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
            citation: cite(0),
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
            citation: cite(1),
            message_vi: format!(
                "{} năm liên tục hoàn thành nhiệm vụ trước khi đề nghị; yêu cầu 3",
                completed_years_before.map_or_else(|| "chưa rõ số".to_owned(), |y| y.to_string())
            ),
            message_en: format!(
                "{} consecutive years of completed duties before the proposal; needs 3",
                completed_years_before.map_or_else(|| "unknown".to_owned(), |y| y.to_string())
            ),
        },
        once_check(prior),
    ];
    UnionVerdict::from_checks(checks)
}

/// Checks the Kỷ niệm chương "Vì sự nghiệp xây dựng tổ chức Công đoàn" (HD 149/HD-TLĐ
/// 2015 Mục III): at least 20 years of union work, continuous or cumulative
/// (part-time counted ×1,5; part-time in a non-state enterprise ×2; 25 years for
/// public employees of union-run units), 3 consecutive years of completed duties
/// before the proposal, and once per person — here as the caller states it
/// (`None`: not known). With records of past decisions, use
/// [`kyniemchuong_from_history`], which names the earlier decision.
pub fn kyniemchuong(
    service: &[ServicePeriod],
    employee: EmployeeKind,
    completed_years_before: Option<u32>,
    already_awarded: Option<bool>,
) -> UnionVerdict {
    checks(
        service,
        employee,
        completed_years_before,
        Prior::Stated(already_awarded),
    )
}

/// Checks the Kỷ niệm chương as [`kyniemchuong`] does, reading "once per person"
/// (HD 149/HD-TLĐ 2015 Mục III) in the member's award history: any conferral of
/// [`codes::KNC_CONG_DOAN`] decided by `as_of` and not revoked by then fails the
/// check, naming its decision's number and date.
pub fn kyniemchuong_from_history(
    service: &[ServicePeriod],
    employee: EmployeeKind,
    completed_years_before: Option<u32>,
    history: &AwardHistory,
    member: MemberId,
    as_of: NaiveDate,
) -> UnionVerdict {
    let prior: Vec<AwardRecord> = history
        .awards_of(Recipient::Member(member), as_of)
        .into_iter()
        .filter(|r| r.title.as_str() == codes::KNC_CONG_DOAN)
        .collect();
    checks(
        service,
        employee,
        completed_years_before,
        Prior::History(prior, history),
    )
}
