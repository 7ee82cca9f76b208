//! *Chiến sĩ thi đua toàn quốc* (CSTĐTQ): two consecutive **times** of the
//! provincial CSTĐ — awards in sequence, each covering several years, not two
//! calendar years.
//!
//! | Rule | Law |
//! |---|---|
//! | `cstdtq.consecutive_cstd_tinh` | Luật TĐKT 2022 Điều 21; ND 152/2025 Điều 4 khoản 3; Luật TĐKT 2003/2013 Điều 21 |
//! | `cstdtq.initiative` | Luật TĐKT 2022 Điều 21; Luật TĐKT 2003/2013 Điều 21 |

use crate::award::catalogue::codes;
use crate::initiative::level::InfluenceScope;
use crate::rules::citation::{Citation, Confidence::*};
use crate::rules::engine::{Candidate, Counted, Detail, Outcome, Plan, Status, any_of};
use crate::rules::law::{LAW_2022_REGIMES, ND91_REGIME, Provision, paraphrase};
use crate::rules::param::{ParamDefault, ParamId};
use crate::rules::regime::{LAW_2013, LAW_2022};
use crate::rules::rule::Rule;
use crate::rules::titles::cstd_tinh::AD_HOC_NOT_GROUNDS;
use crate::rules::titles::{consecutive, consecutive_message, count, member_only};
use crate::value::format::Lang;

/// `cstdtq.consecutive_cstd_tinh`: provincial CSTĐ the required consecutive times.
pub(crate) struct Consecutive;

static CONSECUTIVE_LAW: &[Provision] = &[
    paraphrase(
        LAW_2022_REGIMES,
        Citation::law(LAW_2022, Some("21"), None, None, Verified, None),
        "được lựa chọn trong số những cá nhân có 02 lần liên tục đạt danh hiệu chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh",
    ),
    AD_HOC_NOT_GROUNDS,
    paraphrase(
        ND91_REGIME,
        Citation::law(LAW_2013, Some("21"), None, None, Secondary, None),
        "có 02 lần liên tục đạt danh hiệu chiến sĩ thi đua cấp bộ, ngành, tỉnh",
    ),
];

/// The parameter: consecutive times of provincial CSTĐ (its code says years for
/// compatibility; the law counts times).
pub(crate) static CONSECUTIVE_CSTD_TINH: &[ParamDefault] = &[
    ParamDefault {
        value: 2,
        law: paraphrase(
            LAW_2022_REGIMES,
            Citation::law(LAW_2022, Some("21"), None, None, Verified, None),
            "02 lần liên tục",
        ),
    },
    ParamDefault {
        value: 2,
        law: paraphrase(
            ND91_REGIME,
            Citation::law(LAW_2013, Some("21"), None, None, Secondary, None),
            "02 lần liên tục",
        ),
    },
];

impl Rule for Consecutive {
    const TITLE: &'static str = codes::CSTDTQ;
    const PARAMS: &'static [ParamId] = &[
        ParamId::CstdtqConsecutiveYears,
        ParamId::CstdTinhConsecutiveYears,
    ];
    const SUMMARY: (&'static str, &'static str) = (
        "đạt Chiến sĩ thi đua cấp bộ, ngành, tỉnh liên tục theo quy định (số lần)",
        "provincial CSTĐ for the required consecutive times",
    );

    fn law() -> &'static [Provision] {
        CONSECUTIVE_LAW
    }

    fn check(plan: &Plan, candidate: Candidate<'_>, pre: Option<Outcome>) -> (Status, Detail) {
        let needed = plan.param(ParamId::CstdtqConsecutiveYears);
        let span = plan.param(ParamId::CstdTinhConsecutiveYears).max(1);
        consecutive(plan, candidate, pre, codes::CSTD_TINH, span, needed)
    }

    fn message(detail: &Detail, _: Status, lang: Lang) -> String {
        consecutive_message(detail, lang)
    }
}

/// `cstdtq.initiative`: an initiative, or a science project accepted and applied,
/// with nationwide effect, within the years of the consecutive times.
pub(crate) struct Initiative;

static INITIATIVE_LAW: &[Provision] = &[
    paraphrase(
        LAW_2022_REGIMES,
        Citation::law(LAW_2022, Some("21"), None, None, Verified, None),
        "có sáng kiến hoặc đề tài khoa học đã được nghiệm thu, áp dụng hiệu quả, có phạm vi ảnh hưởng trong toàn quốc",
    ),
    paraphrase(
        ND91_REGIME,
        Citation::law(LAW_2013, Some("21"), None, None, Secondary, None),
        "có sáng kiến hoặc đề tài nghiên cứu khoa học có tác dụng ảnh hưởng trong phạm vi toàn quốc",
    ),
];

impl Rule for Initiative {
    const TITLE: &'static str = codes::CSTDTQ;
    const PARAMS: &'static [ParamId] = &[
        ParamId::CstdtqConsecutiveYears,
        ParamId::CstdTinhConsecutiveYears,
    ];
    const SUMMARY: (&'static str, &'static str) = (
        "có sáng kiến hoặc đề tài khoa học có phạm vi ảnh hưởng toàn quốc",
        "an initiative or science project with nationwide effect",
    );

    fn law() -> &'static [Provision] {
        INITIATIVE_LAW
    }

    fn check(plan: &Plan, candidate: Candidate<'_>, _: Option<Outcome>) -> (Status, Detail) {
        let years = plan
            .param(ParamId::CstdtqConsecutiveYears)
            .saturating_mul(plan.param(ParamId::CstdTinhConsecutiveYears));
        let since = plan.years_back(years);
        member_only(candidate, |f| {
            let scope = InfluenceScope::National;
            let found = plan.contributions_since(f, since, scope, Counted::Initiatives);
            let research = plan.contributions_since(f, since, scope, Counted::Research);
            (
                any_of(&[found.map(|n| n >= 1), research.map(|n| n >= 1)]),
                Detail::Initiatives {
                    found,
                    research,
                    needed: 1,
                    scope,
                },
            )
        })
    }

    fn message(detail: &Detail, _: Status, lang: Lang) -> String {
        let Detail::Initiatives {
            found, research, ..
        } = detail
        else {
            return String::new();
        };
        match lang {
            Lang::En => format!(
                "{} initiatives and {} science projects with nationwide effect; needs one of either",
                count(*found, lang),
                count(*research, lang)
            ),
            _ => format!(
                "{} sáng kiến và {} đề tài khoa học có phạm vi ảnh hưởng toàn quốc; yêu cầu 1 sáng kiến hoặc 1 đề tài",
                count(*found, lang),
                count(*research, lang)
            ),
        }
    }
}
