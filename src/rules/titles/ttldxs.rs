//! *Tập thể lao động xuất sắc* (TTLĐXS).
//!
//! | Rule | Law |
//! |---|---|
//! | `ttldxs.grade`, `ttldxs.all_complete`, `ttldxs.ldtt_share`, `ttldxs.has_cstdcs` | Luật TĐKT 2022 Điều 27 khoản 1; Luật TĐKT 2003/2013 Điều 27 |
//! | `ttldxs.discipline` | Luật TĐKT 2003/2013 Điều 27 (the 2022 law has no such clause) |

use crate::award::catalogue::codes;
use crate::rules::citation::{Citation, Confidence::*};
use crate::rules::engine::{Candidate, Detail, Outcome, Plan, Status, pass_if};
use crate::rules::facts::TaskGrade;
use crate::rules::law::{LAW_2022_REGIMES, ND91_REGIME, Provision, paraphrase};
use crate::rules::param::{ParamDefault, ParamId};
use crate::rules::regime::{LAW_2013, LAW_2022};
use crate::rules::rule::Rule;
use crate::rules::titles::{
    collective_only, count, grade_at_least, grade_message, ldtt_share, ldtt_share_message,
    none_disciplined, none_disciplined_message,
};
use crate::value::format::Lang;

const NEW: Citation = Citation::law(LAW_2022, Some("27"), Some("1"), None, Verified, None);
const OLD: Citation = Citation::law(LAW_2013, Some("27"), None, None, Secondary, None);

/// `ttldxs.grade`: the collective completed its tasks excellently.
pub(crate) struct Grade;

static GRADE_LAW: &[Provision] = &[
    paraphrase(
        LAW_2022_REGIMES,
        NEW,
        "Sáng tạo, vượt khó hoàn thành xuất sắc nhiệm vụ, thực hiện tốt các nghĩa vụ đối với Nhà nước",
    ),
    paraphrase(
        ND91_REGIME,
        OLD,
        "Sáng tạo, vượt khó hoàn thành xuất sắc nhiệm vụ, thực hiện tốt các nghĩa vụ đối với Nhà nước",
    ),
];

impl Rule for Grade {
    const TITLE: &'static str = codes::TTLDXS;
    const SUMMARY: (&'static str, &'static str) = (
        "tập thể hoàn thành xuất sắc nhiệm vụ",
        "the collective completed its tasks excellently",
    );

    fn law() -> &'static [Provision] {
        GRADE_LAW
    }

    fn check(_: &Plan, candidate: Candidate<'_>, _: Option<Outcome>) -> (Status, Detail) {
        collective_only(candidate, |c| {
            grade_at_least(c.grade(), TaskGrade::Excellent)
        })
    }

    fn message(detail: &Detail, _: Status, lang: Lang) -> String {
        grade_message(detail, lang, ("tập thể ", "the collective "))
    }
}

/// `ttldxs.all_complete`: every member completed their tasks.
pub(crate) struct AllComplete;

static ALL_COMPLETE_LAW: &[Provision] = &[
    paraphrase(
        LAW_2022_REGIMES,
        NEW,
        "Có 100% cá nhân trong tập thể hoàn thành nhiệm vụ được giao",
    ),
    paraphrase(
        ND91_REGIME,
        OLD,
        "Có 100% cá nhân trong tập thể hoàn thành nhiệm vụ được giao",
    ),
];

impl Rule for AllComplete {
    const TITLE: &'static str = codes::TTLDXS;
    const SUMMARY: (&'static str, &'static str) = (
        "100% cá nhân hoàn thành nhiệm vụ",
        "every member completed their tasks",
    );

    fn law() -> &'static [Provision] {
        ALL_COMPLETE_LAW
    }

    fn check(_: &Plan, candidate: Candidate<'_>, _: Option<Outcome>) -> (Status, Detail) {
        collective_only(candidate, |c| {
            let status = match (c.completed(), c.members()) {
                (Some(done), Some(all)) => pass_if(done >= all),
                _ => Status::Unknown,
            };
            (
                status,
                Detail::Share {
                    count: c.completed(),
                    total: c.members(),
                    percent: 100,
                    strict: false,
                },
            )
        })
    }

    fn message(detail: &Detail, _: Status, lang: Lang) -> String {
        let Detail::Share {
            count: done, total, ..
        } = detail
        else {
            return String::new();
        };
        match lang {
            Lang::En => format!(
                "{} of {} members completed their tasks; needs all of them",
                count(*done, lang),
                count(*total, lang)
            ),
            _ => format!(
                "{}/{} cá nhân hoàn thành nhiệm vụ; yêu cầu 100%",
                count(*done, lang),
                count(*total, lang)
            ),
        }
    }
}

/// `ttldxs.ldtt_share`: at least the set share of members have LĐTT.
pub(crate) struct LdttShare;

static LDTT_SHARE_LAW: &[Provision] = &[
    paraphrase(
        LAW_2022_REGIMES,
        NEW,
        "có ít nhất 70% cá nhân đạt danh hiệu \"Lao động tiên tiến\"",
    ),
    paraphrase(
        ND91_REGIME,
        OLD,
        "có ít nhất 70% cá nhân đạt danh hiệu \"Lao động tiên tiến\"",
    ),
];

/// The parameter: the least share of LĐTT members, in percent.
pub(crate) static MIN_LDTT_PERCENT: &[ParamDefault] = &[
    ParamDefault {
        value: 70,
        law: paraphrase(LAW_2022_REGIMES, NEW, "ít nhất 70%"),
    },
    ParamDefault {
        value: 70,
        law: paraphrase(ND91_REGIME, OLD, "ít nhất 70%"),
    },
];

impl Rule for LdttShare {
    const TITLE: &'static str = codes::TTLDXS;
    const PARAMS: &'static [ParamId] = &[ParamId::TtldxsMinLdttPercent];
    const SUMMARY: (&'static str, &'static str) = (
        "có tỷ lệ cá nhân đạt Lao động tiên tiến từ mức quy định trở lên",
        "at least the set share of members have LĐTT",
    );

    fn law() -> &'static [Provision] {
        LDTT_SHARE_LAW
    }

    fn check(plan: &Plan, candidate: Candidate<'_>, _: Option<Outcome>) -> (Status, Detail) {
        let percent = plan.param(ParamId::TtldxsMinLdttPercent);
        collective_only(candidate, |c| ldtt_share(c, percent, false))
    }

    fn message(detail: &Detail, _: Status, lang: Lang) -> String {
        ldtt_share_message(detail, lang)
    }
}

/// `ttldxs.has_cstdcs`: at least one member is CSTĐCS.
pub(crate) struct HasCstdcs;

static HAS_CSTDCS_LAW: &[Provision] = &[
    paraphrase(
        LAW_2022_REGIMES,
        NEW,
        "có cá nhân đạt danh hiệu \"Chiến sĩ thi đua cơ sở\"",
    ),
    paraphrase(
        ND91_REGIME,
        OLD,
        "có cá nhân đạt danh hiệu \"Chiến sĩ thi đua cơ sở\"",
    ),
];

impl Rule for HasCstdcs {
    const TITLE: &'static str = codes::TTLDXS;
    const SUMMARY: (&'static str, &'static str) = (
        "có cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở",
        "at least one member is CSTĐCS",
    );

    fn law() -> &'static [Provision] {
        HAS_CSTDCS_LAW
    }

    fn check(_: &Plan, candidate: Candidate<'_>, _: Option<Outcome>) -> (Status, Detail) {
        collective_only(candidate, |c| {
            let status = c.cstdcs().map_or(Status::Unknown, |n| pass_if(n >= 1));
            (status, Detail::Count { count: c.cstdcs() })
        })
    }

    fn message(detail: &Detail, _: Status, lang: Lang) -> String {
        let Detail::Count { count: n } = detail else {
            return String::new();
        };
        match lang {
            Lang::En => format!("{} members are CSTĐCS; needs at least 1", count(*n, lang)),
            _ => format!(
                "{} cá nhân đạt Chiến sĩ thi đua cơ sở; yêu cầu ít nhất 1",
                count(*n, lang)
            ),
        }
    }
}

/// `ttldxs.discipline` (before 2024): no member disciplined at *cảnh cáo* or above.
/// The 2022 law has no such clause, so only the ND 91/2017 regime has it.
pub(crate) struct Discipline;

static DISCIPLINE_LAW: &[Provision] = &[paraphrase(
    ND91_REGIME,
    OLD,
    "không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên",
)];

impl Rule for Discipline {
    const TITLE: &'static str = codes::TTLDXS;
    const SUMMARY: (&'static str, &'static str) = (
        "không có cá nhân bị kỷ luật từ cảnh cáo trở lên",
        "no member disciplined with a warning or more",
    );

    fn law() -> &'static [Provision] {
        DISCIPLINE_LAW
    }

    fn check(_: &Plan, candidate: Candidate<'_>, _: Option<Outcome>) -> (Status, Detail) {
        collective_only(candidate, none_disciplined)
    }

    fn message(detail: &Detail, _: Status, lang: Lang) -> String {
        none_disciplined_message(detail, lang)
    }
}
