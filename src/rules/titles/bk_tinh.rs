//! *Bằng khen cấp bộ, ban, ngành, tỉnh* for an individual.
//!
//! | Rule | Law |
//! |---|---|
//! | `bk_tinh.record` | Luật TĐKT 2022 Điều 74 khoản 1 điểm d; ND 152/2025 Điều 4 khoản 3 |

use crate::award::catalogue::codes;
use crate::initiative::level::InfluenceScope;
use crate::rules::citation::{Citation, Confidence::*};
use crate::rules::engine::{Candidate, Counted, Detail, Outcome, Plan, Status, any_of};
use crate::rules::facts::TaskGrade;
use crate::rules::law::{LAW_2022_REGIMES, Provision, paraphrase};
use crate::rules::param::{ParamDefault, ParamId};
use crate::rules::regime::LAW_2022;
use crate::rules::rule::Rule;
use crate::rules::titles::cstd_tinh::AD_HOC_NOT_GROUNDS;
use crate::rules::titles::{count, excluded_note, member_only};
use crate::value::format::Lang;

/// `bk_tinh.record`: two consecutive CSTĐCS, or two consecutive excellent years
/// with two initiatives recognised by the unit.
pub(crate) struct Record;

static RECORD_LAW: &[Provision] = &[
    paraphrase(
        LAW_2022_REGIMES,
        Citation::law(LAW_2022, Some("74"), Some("1"), Some("d"), Verified, None),
        "có 02 lần liên tục được công nhận danh hiệu \"Chiến sĩ thi đua cơ sở\", hoặc có 02 năm liên tục hoàn thành xuất sắc nhiệm vụ, trong thời gian đó có 02 sáng kiến được công nhận và áp dụng hiệu quả trong phạm vi cơ sở",
    ),
    AD_HOC_NOT_GROUNDS,
];

/// The parameter: consecutive CSTĐCS (or excellent) years.
pub(crate) static CONSECUTIVE_YEARS: &[ParamDefault] = &[ParamDefault {
    value: 2,
    law: paraphrase(
        LAW_2022_REGIMES,
        Citation::law(LAW_2022, Some("74"), Some("1"), Some("d"), Verified, None),
        "02 lần liên tục; 02 năm liên tục",
    ),
}];

/// Consecutive years with an excellent grade, ending with this period.
fn excellent_years(plan: &Plan, grade: TaskGrade, history: &[(i32, TaskGrade)]) -> u32 {
    if grade != TaskGrade::Excellent {
        return 0;
    }
    let mut n = 1u32;
    let mut y = plan.year();
    while let Some(prev) = y.checked_sub(1) {
        if !history
            .iter()
            .any(|(yy, gg)| *yy == prev && *gg == TaskGrade::Excellent)
        {
            break;
        }
        n = n.saturating_add(1);
        y = prev;
    }
    n
}

impl Rule for Record {
    const TITLE: &'static str = codes::BK_TINH;
    const PARAMS: &'static [ParamId] = &[ParamId::BkTinhConsecutiveYears];
    const SUMMARY: (&'static str, &'static str) = (
        "2 lần liên tục đạt Chiến sĩ thi đua cơ sở, hoặc 2 năm liên tục hoàn thành xuất sắc nhiệm vụ và có 2 sáng kiến được công nhận",
        "2 consecutive CSTĐCS titles, or 2 consecutive excellent years with 2 recognised initiatives",
    );

    fn law() -> &'static [Provision] {
        RECORD_LAW
    }

    fn check(plan: &Plan, candidate: Candidate<'_>, pre: Option<Outcome>) -> (Status, Detail) {
        let needed = plan.param(ParamId::BkTinhConsecutiveYears);
        member_only(candidate, |f| {
            let streak = plan.streak(f, codes::CSTDCS, 1, pre);
            let cstdcs_years = streak.map(|s| s.times);
            let excellent = f
                .grade_history()
                .zip(f.grade())
                .map(|(h, g)| excellent_years(plan, g, h));
            let initiatives = plan.contributions_since(
                f,
                plan.years_back(needed),
                InfluenceScope::Unit,
                Counted::Initiatives,
            );
            let by_excellence = match (excellent, initiatives) {
                (Some(y), _) if y < needed => Some(false),
                (_, Some(n)) if n < 2 => Some(false),
                (Some(_), Some(_)) => Some(true),
                _ => None,
            };
            (
                any_of(&[cstdcs_years.map(|y| y >= needed), by_excellence]),
                Detail::Record {
                    cstdcs_years,
                    excellent_years: excellent,
                    initiatives,
                    needed,
                    excluded: streak.map_or(0, |s| s.excluded),
                },
            )
        })
    }

    fn message(detail: &Detail, _: Status, lang: Lang) -> String {
        let Detail::Record {
            cstdcs_years,
            excellent_years,
            initiatives,
            needed,
            excluded,
        } = detail
        else {
            return String::new();
        };
        match lang {
            Lang::En => format!(
                "{} consecutive CSTĐCS titles, {} consecutive excellent years with {} initiatives; needs {needed} titles, or {needed} years with 2 initiatives{}",
                count(*cstdcs_years, lang),
                count(*excellent_years, lang),
                count(*initiatives, lang),
                excluded_note(*excluded, lang)
            ),
            _ => format!(
                "{} lần liên tục Chiến sĩ thi đua cơ sở, {} năm liên tục hoàn thành xuất sắc nhiệm vụ với {} sáng kiến; yêu cầu {needed} lần, hoặc {needed} năm với 2 sáng kiến{}",
                count(*cstdcs_years, lang),
                count(*excellent_years, lang),
                count(*initiatives, lang),
                excluded_note(*excluded, lang)
            ),
        }
    }
}
