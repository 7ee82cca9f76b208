//! *Tập thể lao động tiên tiến* (TTLĐTT). The article number of the 2022 law is
//! verified; its wording is recalled (confidence R).
//!
//! | Rule | Law |
//! |---|---|
//! | `ttldtt.grade`, `ttldtt.ldtt_share` | Luật TĐKT 2022 Điều 28; Luật TĐKT 2003/2013 Điều 28 |
//! | `ttldtt.discipline` | Luật TĐKT 2003/2013 Điều 28 (2022 wording unverified) |

use crate::award::catalogue::codes;
use crate::rules::citation::{Citation, Confidence::*};
use crate::rules::engine::{Candidate, Detail, Outcome, Plan, Status};
use crate::rules::facts::TaskGrade;
use crate::rules::law::{LAW_2022_REGIMES, ND91_REGIME, Provision, paraphrase};
use crate::rules::param::{ParamDefault, ParamId};
use crate::rules::regime::{LAW_2013, LAW_2022};
use crate::rules::rule::Rule;
use crate::rules::titles::{
    collective_only, grade_at_least, grade_message, ldtt_share, ldtt_share_message,
    none_disciplined, none_disciplined_message,
};
use crate::value::format::Lang;

const NEW: Citation = Citation::law(
    LAW_2022,
    Some("28"),
    None,
    None,
    Recalled,
    Some("article number verified, wording recalled"),
);
const OLD: Citation = Citation::law(LAW_2013, Some("28"), None, None, Secondary, None);

/// `ttldtt.grade`: the collective completed its tasks well or better.
pub(crate) struct Grade;

static GRADE_LAW: &[Provision] = &[
    paraphrase(
        LAW_2022_REGIMES,
        NEW,
        "Hoàn thành tốt nhiệm vụ và kế hoạch được giao",
    ),
    paraphrase(
        ND91_REGIME,
        OLD,
        "Hoàn thành tốt nhiệm vụ và kế hoạch được giao",
    ),
];

impl Rule for Grade {
    const TITLE: &'static str = codes::TTLDTT;
    const SUMMARY: (&'static str, &'static str) = (
        "tập thể hoàn thành tốt nhiệm vụ trở lên",
        "the collective completed its tasks well or better",
    );

    fn law() -> &'static [Provision] {
        GRADE_LAW
    }

    fn check(_: &Plan, candidate: Candidate<'_>, _: Option<Outcome>) -> (Status, Detail) {
        collective_only(candidate, |c| grade_at_least(c.grade(), TaskGrade::Good))
    }

    fn message(detail: &Detail, _: Status, lang: Lang) -> String {
        grade_message(detail, lang, ("tập thể ", "the collective "))
    }
}

/// `ttldtt.ldtt_share`: more than the set share of members have LĐTT.
pub(crate) struct LdttShare;

static LDTT_SHARE_LAW: &[Provision] = &[
    paraphrase(
        LAW_2022_REGIMES,
        NEW,
        "Có trên 50% cá nhân trong tập thể đạt danh hiệu \"Lao động tiên tiến\"",
    ),
    paraphrase(
        ND91_REGIME,
        OLD,
        "Có trên 50% cá nhân trong tập thể đạt danh hiệu \"Lao động tiên tiến\"",
    ),
];

/// The parameter: the share of LĐTT members to exceed, in percent.
pub(crate) static MIN_LDTT_PERCENT: &[ParamDefault] = &[
    ParamDefault {
        value: 50,
        law: paraphrase(LAW_2022_REGIMES, NEW, "trên 50%"),
    },
    ParamDefault {
        value: 50,
        law: paraphrase(ND91_REGIME, OLD, "trên 50%"),
    },
];

impl Rule for LdttShare {
    const TITLE: &'static str = codes::TTLDTT;
    const PARAMS: &'static [ParamId] = &[ParamId::TtldttMinLdttPercent];
    const SUMMARY: (&'static str, &'static str) = (
        "có trên mức quy định cá nhân đạt Lao động tiên tiến",
        "more than the set share of members have LĐTT",
    );

    fn law() -> &'static [Provision] {
        LDTT_SHARE_LAW
    }

    fn check(plan: &Plan, candidate: Candidate<'_>, _: Option<Outcome>) -> (Status, Detail) {
        let percent = plan.param(ParamId::TtldttMinLdttPercent);
        collective_only(candidate, |c| ldtt_share(c, percent, true))
    }

    fn message(detail: &Detail, _: Status, lang: Lang) -> String {
        ldtt_share_message(detail, lang)
    }
}

/// `ttldtt.discipline` (before 2024): no member disciplined at *cảnh cáo* or above.
pub(crate) struct Discipline;

static DISCIPLINE_LAW: &[Provision] = &[paraphrase(
    ND91_REGIME,
    OLD,
    "Không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên",
)];

impl Rule for Discipline {
    const TITLE: &'static str = codes::TTLDTT;
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
