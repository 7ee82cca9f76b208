//! *Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh* (CSTĐ tỉnh): a title that covers
//! several years.
//!
//! | Rule | Law |
//! |---|---|
//! | `cstd_tinh.consecutive_cstdcs` | Luật TĐKT 2022 Điều 22; ND 152/2025 Điều 4 khoản 3; Luật TĐKT 2003/2013 Điều 22 |
//! | `cstd_tinh.initiative` | Luật TĐKT 2022 Điều 22; Luật TĐKT 2003/2013 Điều 22 |

use crate::award::catalogue::codes;
use crate::initiative::level::InfluenceScope;
use crate::rules::citation::{Citation, Confidence::*};
use crate::rules::engine::{Candidate, Counted, Detail, Outcome, Plan, Status, pass_if};
use crate::rules::law::{
    LAW_2022_REGIMES, ND91_REGIME, ND152_REGIME, Provision, paraphrase, verbatim,
};
use crate::rules::param::{ParamDefault, ParamId};
use crate::rules::regime::{LAW_2013, LAW_2022, ND152};
use crate::rules::rule::Rule;
use crate::rules::titles::{consecutive, consecutive_message, count, member_only};
use crate::value::format::Lang;

/// ND 152/2025 Điều 4 khoản 3: awards for ad-hoc or thematic achievements are no
/// grounds for proposing higher merit awards. Shared by the rules that count earlier
/// titles.
pub(crate) const AD_HOC_NOT_GROUNDS: Provision = verbatim(
    ND152_REGIME,
    Citation::law(ND152, Some("4"), Some("3"), None, Verified, None),
    "Kết quả khen thưởng thành tích đột xuất, thi đua theo chuyên đề không dùng làm căn cứ để đề nghị cấp trên khen thưởng công trạng.",
);

/// `cstd_tinh.consecutive_cstdcs`: CSTĐCS the required number of consecutive times.
pub(crate) struct Consecutive;

static CONSECUTIVE_LAW: &[Provision] = &[
    paraphrase(
        LAW_2022_REGIMES,
        Citation::law(LAW_2022, Some("22"), None, None, Verified, None),
        "được lựa chọn trong số những cá nhân có 03 lần liên tục đạt danh hiệu \"Chiến sĩ thi đua cơ sở\"",
    ),
    AD_HOC_NOT_GROUNDS,
    paraphrase(
        ND91_REGIME,
        Citation::law(LAW_2013, Some("22"), None, None, Secondary, None),
        "có 03 lần liên tục đạt danh hiệu \"Chiến sĩ thi đua cơ sở\"",
    ),
];

/// The parameter: consecutive CSTĐCS titles (yearly, so years).
pub(crate) static CONSECUTIVE_CSTDCS: &[ParamDefault] = &[
    ParamDefault {
        value: 3,
        law: paraphrase(
            LAW_2022_REGIMES,
            Citation::law(LAW_2022, Some("22"), None, None, Verified, None),
            "03 lần liên tục đạt danh hiệu \"Chiến sĩ thi đua cơ sở\"",
        ),
    },
    ParamDefault {
        value: 3,
        law: paraphrase(
            ND91_REGIME,
            Citation::law(LAW_2013, Some("22"), None, None, Secondary, None),
            "03 lần liên tục đạt danh hiệu \"Chiến sĩ thi đua cơ sở\"",
        ),
    },
];

impl Rule for Consecutive {
    const TITLE: &'static str = codes::CSTD_TINH;
    const PARAMS: &'static [ParamId] = &[ParamId::CstdTinhConsecutiveYears];
    const SUMMARY: (&'static str, &'static str) = (
        "đạt Chiến sĩ thi đua cơ sở nhiều lần liên tục theo quy định",
        "CSTĐCS the required consecutive times",
    );

    fn law() -> &'static [Provision] {
        CONSECUTIVE_LAW
    }

    fn check(plan: &Plan, candidate: Candidate<'_>, pre: Option<Outcome>) -> (Status, Detail) {
        let needed = plan.param(ParamId::CstdTinhConsecutiveYears);
        consecutive(plan, candidate, pre, codes::CSTDCS, 1, needed)
    }

    fn message(detail: &Detail, _: Status, lang: Lang) -> String {
        consecutive_message(detail, lang)
    }
}

/// `cstd_tinh.initiative`: an initiative with effect across a ministry, sector or
/// province, recognised within the consecutive years.
pub(crate) struct Initiative;

static INITIATIVE_LAW: &[Provision] = &[
    paraphrase(
        LAW_2022_REGIMES,
        Citation::law(LAW_2022, Some("22"), None, None, Verified, None),
        "có sáng kiến được áp dụng hiệu quả, có phạm vi ảnh hưởng trong bộ, ban, ngành, tỉnh",
    ),
    paraphrase(
        ND91_REGIME,
        Citation::law(LAW_2013, Some("22"), None, None, Secondary, None),
        "có sáng kiến có tác dụng ảnh hưởng đối với bộ, ngành, tỉnh",
    ),
];

impl Rule for Initiative {
    const TITLE: &'static str = codes::CSTD_TINH;
    const PARAMS: &'static [ParamId] = &[ParamId::CstdTinhConsecutiveYears];
    const SUMMARY: (&'static str, &'static str) = (
        "có sáng kiến có hiệu quả, phạm vi ảnh hưởng trong bộ, ngành, tỉnh",
        "an initiative with effect across a ministry, sector or province",
    );

    fn law() -> &'static [Provision] {
        INITIATIVE_LAW
    }

    fn check(plan: &Plan, candidate: Candidate<'_>, _: Option<Outcome>) -> (Status, Detail) {
        let years = plan.param(ParamId::CstdTinhConsecutiveYears);
        member_only(candidate, |f| {
            let found = plan.contributions_since(
                f,
                plan.years_back(years),
                InfluenceScope::SectorOrProvince,
                Counted::Initiatives,
            );
            (
                found.map_or(Status::Unknown, |n| pass_if(n >= 1)),
                Detail::Initiatives {
                    found,
                    research: None,
                    needed: 1,
                    scope: InfluenceScope::SectorOrProvince,
                },
            )
        })
    }

    fn message(detail: &Detail, _: Status, lang: Lang) -> String {
        let Detail::Initiatives { found, needed, .. } = detail else {
            return String::new();
        };
        match lang {
            Lang::En => format!(
                "{} initiatives with effect across a ministry, sector or province; needs {needed}",
                count(*found, lang)
            ),
            _ => format!(
                "{} sáng kiến có phạm vi ảnh hưởng trong bộ, ngành, tỉnh; yêu cầu {needed}",
                count(*found, lang)
            ),
        }
    }
}
