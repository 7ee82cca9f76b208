//! *Chiến sĩ thi đua cơ sở* (CSTĐCS).
//!
//! | Rule | Law |
//! |---|---|
//! | `cstdcs.ldtt` | Luật TĐKT 2022 Điều 23; Luật TĐKT 2003/2013 Điều 23 |
//! | `cstdcs.excellence_or_initiative` | Luật TĐKT 2022 Điều 23 |
//! | `cstdcs.initiative` | Luật TĐKT 2003/2013 Điều 23 khoản 2 with ND 91/2017 |
//! | quota `cstdcs_quota_percent` | ND 91/2017 Điều 9 khoản 3 (to 2023-12-31) |

use crate::award::catalogue::codes;
use crate::initiative::level::InfluenceScope;
use crate::rules::citation::{Citation, Confidence::*};
use crate::rules::engine::{Candidate, Counted, Detail, Outcome, Plan, Status, any_of};
use crate::rules::facts::TaskGrade;
use crate::rules::law::{LAW_2022_REGIMES, ND91_REGIME, Provision, paraphrase};
use crate::rules::param::ParamDefault;
use crate::rules::regime::{LAW_2013, LAW_2022, ND91};
use crate::rules::rule::Rule;
use crate::rules::titles::{count, member_only, prerequisite, prerequisite_message};
use crate::value::format::Lang;

/// `cstdcs.ldtt`: CSTĐCS needs LĐTT first.
pub(crate) struct Ldtt;

static LDTT_LAW: &[Provision] = &[
    paraphrase(
        LAW_2022_REGIMES,
        Citation::law(LAW_2022, Some("23"), None, None, Verified, None),
        "Danh hiệu \"Chiến sĩ thi đua cơ sở\" được xét tặng cho cá nhân đạt danh hiệu \"Lao động tiên tiến\"",
    ),
    paraphrase(
        ND91_REGIME,
        Citation::law(
            LAW_2013,
            Some("23"),
            None,
            None,
            Secondary,
            Some("with ND 91/2017"),
        ),
        "Danh hiệu \"Chiến sĩ thi đua cơ sở\" được xét tặng cho cá nhân đạt danh hiệu \"Lao động tiên tiến\"",
    ),
];

impl Rule for Ldtt {
    const TITLE: &'static str = codes::CSTDCS;
    const SUMMARY: (&'static str, &'static str) =
        ("đạt danh hiệu Lao động tiên tiến", "meets LĐTT");

    fn law() -> &'static [Provision] {
        LDTT_LAW
    }

    fn check(_: &Plan, _: Candidate<'_>, pre: Option<Outcome>) -> (Status, Detail) {
        prerequisite(codes::LDTT, pre)
    }

    fn message(detail: &Detail, _: Status, lang: Lang) -> String {
        prerequisite_message(detail, lang)
    }
}

/// `cstdcs.excellence_or_initiative` (Law 2022): "Hoàn thành xuất sắc nhiệm vụ", or
/// an initiative recognised by the unit, or an accepted science project.
pub(crate) struct ExcellenceOrInitiative;

static EXCELLENCE_LAW: &[Provision] = &[paraphrase(
    LAW_2022_REGIMES,
    Citation::law(LAW_2022, Some("23"), None, None, Verified, None),
    "đạt danh hiệu \"Lao động tiên tiến\" và \"Hoàn thành xuất sắc nhiệm vụ\", hoặc có sáng kiến được cơ quan, tổ chức, đơn vị công nhận, hoặc có đề tài khoa học đã được nghiệm thu",
)];

impl Rule for ExcellenceOrInitiative {
    const TITLE: &'static str = codes::CSTDCS;
    const SUMMARY: (&'static str, &'static str) = (
        "hoàn thành xuất sắc nhiệm vụ, hoặc có sáng kiến được công nhận, hoặc đề tài khoa học được nghiệm thu",
        "excellent grade, or an initiative recognised by the unit, or an accepted science project",
    );

    fn law() -> &'static [Provision] {
        EXCELLENCE_LAW
    }

    fn check(plan: &Plan, candidate: Candidate<'_>, _: Option<Outcome>) -> (Status, Detail) {
        member_only(candidate, |f| {
            let initiatives = plan.contributions_since(
                f,
                plan.start(),
                InfluenceScope::Unit,
                Counted::Initiatives,
            );
            let research = plan.research_in_period(f);
            let status = any_of(&[
                f.grade().map(|g| g == TaskGrade::Excellent),
                initiatives.map(|n| n > 0),
                research.map(|n| n > 0),
            ]);
            (
                status,
                Detail::ExcellenceOrInitiative {
                    grade: f.grade(),
                    initiatives,
                    research,
                },
            )
        })
    }

    fn message(detail: &Detail, _: Status, lang: Lang) -> String {
        let Detail::ExcellenceOrInitiative {
            grade,
            initiatives,
            research,
        } = detail
        else {
            return String::new();
        };
        match lang {
            Lang::En => format!(
                "grade {}, {} initiatives recognised, {} science projects accepted; needs an excellent grade, an initiative or a project",
                grade.map_or("unknown", TaskGrade::label_en),
                count(*initiatives, lang),
                count(*research, lang)
            ),
            _ => format!(
                "xếp loại {}, {} sáng kiến được công nhận, {} đề tài được nghiệm thu; yêu cầu hoàn thành xuất sắc nhiệm vụ, hoặc 1 sáng kiến, hoặc 1 đề tài",
                grade.map_or("chưa rõ", TaskGrade::label_vi),
                count(*initiatives, lang),
                count(*research, lang)
            ),
        }
    }
}

/// `cstdcs.initiative` (before 2024): an initiative recognised at unit level, or a
/// science project accepted and applied.
pub(crate) struct Initiative;

static INITIATIVE_LAW: &[Provision] = &[paraphrase(
    ND91_REGIME,
    Citation::law(
        LAW_2013,
        Some("23"),
        Some("2"),
        None,
        Secondary,
        Some("with ND 91/2017"),
    ),
    "Đạt danh hiệu \"Lao động tiên tiến\" và có sáng kiến để tăng năng suất lao động, tăng hiệu quả công tác được cơ sở công nhận hoặc có đề tài nghiên cứu khoa học đã nghiệm thu được áp dụng",
)];

/// The parameter of the CSTĐCS quota: most CSTĐCS in percent of the unit's LĐTT.
pub(crate) static QUOTA_PERCENT: &[ParamDefault] = &[
    ParamDefault {
        value: 15,
        law: paraphrase(
            ND91_REGIME,
            Citation::law(ND91, Some("9"), Some("3"), None, Verified, None),
            "không quá 15% tổng số cá nhân được công nhận danh hiệu \"Lao động tiên tiến\"",
        ),
    },
    ParamDefault {
        value: 0,
        law: paraphrase(
            LAW_2022_REGIMES,
            Citation::law(
                LAW_2022,
                None,
                None,
                None,
                Secondary,
                Some(
                    "no quota found in ND 98/2023 or ND 152/2025; sectors and provinces may set one",
                ),
            ),
            "không quy định tỷ lệ",
        ),
    },
];

impl Rule for Initiative {
    const TITLE: &'static str = codes::CSTDCS;
    const SUMMARY: (&'static str, &'static str) = (
        "có sáng kiến được cơ sở công nhận, hoặc đề tài khoa học được nghiệm thu và áp dụng",
        "an initiative recognised at unit level, or a science project accepted and applied",
    );

    fn law() -> &'static [Provision] {
        INITIATIVE_LAW
    }

    fn check(plan: &Plan, candidate: Candidate<'_>, _: Option<Outcome>) -> (Status, Detail) {
        member_only(candidate, |f| {
            let found = plan.contributions_since(
                f,
                plan.start(),
                InfluenceScope::Unit,
                Counted::Initiatives,
            );
            let research = plan.research_in_period(f).map(|n| n as usize);
            let status = any_of(&[found.map(|n| n >= 1), research.map(|n| n >= 1)]);
            (
                status,
                Detail::Initiatives {
                    found,
                    research,
                    needed: 1,
                    scope: InfluenceScope::Unit,
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
                "{} initiatives recognised at unit level, {} science projects accepted and applied; needs one of either",
                count(*found, lang),
                count(*research, lang)
            ),
            _ => format!(
                "{} sáng kiến được cơ sở công nhận, {} đề tài khoa học được nghiệm thu, áp dụng; yêu cầu 1 sáng kiến hoặc 1 đề tài",
                count(*found, lang),
                count(*research, lang)
            ),
        }
    }
}
