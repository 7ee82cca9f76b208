//! *Lao động tiên tiến* (LĐTT): the individual title every other one builds on.
//!
//! | Rule | Law |
//! |---|---|
//! | `ldtt.grade` | Luật TĐKT 2022 Điều 24 khoản 1; Luật TĐKT 2003/2013 Điều 24 |
//! | `ldtt.new_recruit` | TT 01/2024/TT-BNV Điều 1 khoản 5 điểm d; ND 91/2017 |
//! | `ldtt.discipline` | ND 91/2017 (only that regime) |
//! | `ldtt.absence` | a jurisdiction's own rule; what counts as working time: ND 152/2025 Điều 4 khoản 5, TT 01/2024/TT-BNV Điều 1 khoản 5 điểm a, b |

use crate::award::catalogue::codes;
use crate::rules::citation::{Citation, Confidence::*};
use crate::rules::engine::{Candidate, Detail, Excused, Outcome, Plan, Status, pass_if};
use crate::rules::facts::{DisciplineLevel, Leave, LeaveKind, TaskGrade};
use crate::rules::law::{
    ALL_REGIMES, LAW_2022_REGIMES, ND91_REGIME, ND152_REGIME, Provision, paraphrase, verbatim,
};
use crate::rules::param::{ParamDefault, ParamId};
use crate::rules::regime::{LAW_2013, LAW_2022, ND91, ND98, ND152, RegimeId, TT01, TT01_FROM};
use crate::rules::rule::{DefaultState, Rule};
use crate::rules::titles::{day, grade_at_least, grade_message, member_only, pick};
use crate::value::format::Lang;

const OWN_RULES: &str = "quy chế thi đua của đơn vị";
/// ND 91/2017 where the article was not found.
const ND91_UNVERIFIED: Citation = Citation::law(
    ND91,
    None,
    None,
    None,
    Secondary,
    Some("article not verified"),
);
/// A sector's guidance, recalled.
const SECTOR: &str = "thông tư hướng dẫn thi đua, khen thưởng của ngành";

/// `ldtt.grade`: "Hoàn thành tốt nhiệm vụ" or better.
pub(crate) struct Grade;

static GRADE_LAW: &[Provision] = &[
    paraphrase(
        LAW_2022_REGIMES,
        Citation::law(LAW_2022, Some("24"), Some("1"), None, Verified, None),
        "Hoàn thành tốt nhiệm vụ trở lên; chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước; có tinh thần tự lực, tự cường; đoàn kết, tương trợ, tích cực tham gia phong trào thi đua",
    ),
    paraphrase(
        ND91_REGIME,
        Citation::law(LAW_2013, Some("24"), None, None, Secondary, None),
        "Hoàn thành tốt nhiệm vụ, đạt năng suất và chất lượng cao; chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước",
    ),
];

impl Rule for Grade {
    const TITLE: &'static str = codes::LDTT;
    const SUMMARY: (&'static str, &'static str) = (
        "Hoàn thành tốt nhiệm vụ trở lên",
        "completed tasks well or better",
    );

    fn law() -> &'static [Provision] {
        GRADE_LAW
    }

    fn check(_: &Plan, candidate: Candidate<'_>, _: Option<Outcome>) -> (Status, Detail) {
        member_only(candidate, |f| grade_at_least(f.grade(), TaskGrade::Good))
    }

    fn message(detail: &Detail, _: Status, lang: Lang) -> String {
        grade_message(detail, lang, ("", ""))
    }
}

/// `ldtt.new_recruit`: no LĐTT for a person recruited less than the minimum months
/// before the end of the period.
pub(crate) struct NewRecruit;

static NEW_RECRUIT_LAW: &[Provision] = &[
    paraphrase(
        LAW_2022_REGIMES,
        Citation::law(TT01, Some("1"), Some("5"), Some("d"), Verified, None),
        "Cá nhân mới tuyển dụng dưới 06 tháng thì không xét tặng danh hiệu \"Lao động tiên tiến\"",
    ),
    paraphrase(
        ND91_REGIME,
        ND91_UNVERIFIED,
        "Cá nhân mới tuyển dụng dưới 10 tháng thì không xét tặng danh hiệu \"Lao động tiên tiến\"",
    ),
];

/// The parameter of `ldtt.new_recruit`: months since recruitment.
pub(crate) static NEW_RECRUIT_MIN_MONTHS: &[ParamDefault] = &[
    ParamDefault {
        value: 6,
        law: paraphrase(
            LAW_2022_REGIMES,
            Citation::law(TT01, Some("1"), Some("5"), Some("d"), Verified, None),
            "dưới 06 tháng",
        ),
    },
    ParamDefault {
        value: 10,
        law: paraphrase(ND91_REGIME, ND91_UNVERIFIED, "dưới 10 tháng"),
    },
];

/// TT 01/2024/TT-BNV takes effect on 2024-04-15: a case decided under ND 98/2023
/// before then has no circular-based recruitment rule, unless a jurisdiction set the
/// parameter itself.
fn circular_not_yet_in_force(plan: &Plan) -> bool {
    plan.regime_id() == RegimeId::Nd98
        && plan.regime().date() < TT01_FROM
        && plan
            .param_citation(ParamId::NewRecruitMinMonths)
            .is_some_and(|c| c.document() == TT01)
}

impl Rule for NewRecruit {
    const TITLE: &'static str = codes::LDTT;
    const PARAMS: &'static [ParamId] = &[ParamId::NewRecruitMinMonths];
    const SUMMARY: (&'static str, &'static str) = (
        "không xét Lao động tiên tiến cho người mới tuyển dụng dưới số tháng quy định",
        "no LĐTT for a person recruited less than the minimum months before",
    );

    fn law() -> &'static [Provision] {
        NEW_RECRUIT_LAW
    }

    fn check(plan: &Plan, candidate: Candidate<'_>, _: Option<Outcome>) -> (Status, Detail) {
        if circular_not_yet_in_force(plan) {
            return (
                Status::NotApplicable,
                Detail::Note {
                    vi: "Thông tư 01/2024/TT-BNV chỉ có hiệu lực từ ngày 15/04/2024",
                    en: "Circular 01/2024/TT-BNV takes effect only on 2024-04-15",
                },
            );
        }
        let min = plan.param(ParamId::NewRecruitMinMonths);
        member_only(candidate, |f| match f.recruited_on() {
            None => (
                Status::Unknown,
                Detail::Months {
                    recruited: None,
                    months: 0,
                    min,
                },
            ),
            Some(r) => {
                let months = plan.months_to_end(r);
                (
                    pass_if(months >= min),
                    Detail::Months {
                        recruited: Some(r),
                        months,
                        min,
                    },
                )
            }
        })
    }

    fn message(detail: &Detail, _: Status, lang: Lang) -> String {
        let Detail::Months {
            recruited,
            months,
            min,
        } = detail
        else {
            return String::new();
        };
        match (recruited, lang) {
            (Some(r), Lang::En) => format!(
                "recruited on {}, {months} months to the end of the period; needs {min}",
                day(*r, lang)
            ),
            (Some(r), _) => format!(
                "tuyển dụng ngày {}, {months} tháng đến hết kỳ xét; yêu cầu từ {min} tháng",
                day(*r, lang)
            ),
            (None, Lang::En) => format!("no recruitment date recorded; needs {min} months"),
            (None, _) => format!("chưa có ngày tuyển dụng; yêu cầu từ {min} tháng"),
        }
    }
}

/// `ldtt.discipline`: no LĐTT for a person disciplined at *khiển trách* or above in
/// the period — a rule of ND 91/2017 only; sectors may keep it by override.
pub(crate) struct Discipline;

static DISCIPLINE_LAW: &[Provision] = &[paraphrase(
    ND91_REGIME,
    Citation::law(
        ND91,
        None,
        None,
        None,
        Verified,
        Some("not in TT 01/2024 nor ND 152/2025; sector rules may keep it"),
    ),
    "Cá nhân bị kỷ luật từ hình thức khiển trách trở lên không được xét tặng danh hiệu thi đua",
)];

impl Rule for Discipline {
    const TITLE: &'static str = codes::LDTT;
    const SUMMARY: (&'static str, &'static str) = (
        "không xét Lao động tiên tiến cho người bị kỷ luật từ khiển trách trở lên",
        "no LĐTT for a person disciplined with a reprimand or more",
    );

    fn law() -> &'static [Provision] {
        DISCIPLINE_LAW
    }

    fn check(plan: &Plan, candidate: Candidate<'_>, _: Option<Outcome>) -> (Status, Detail) {
        let min = DisciplineLevel::Reprimand;
        member_only(candidate, |f| match f.disciplines() {
            None => (Status::Unknown, Detail::Discipline { found: None, min }),
            Some(list) => {
                let found = list
                    .iter()
                    .find(|d| d.level() >= min && plan.in_period(d.decided()))
                    .map(|d| (d.level(), d.decided()));
                (pass_if(found.is_none()), Detail::Discipline { found, min })
            }
        })
    }

    fn message(detail: &Detail, status: Status, lang: Lang) -> String {
        let Detail::Discipline { found, min } = detail else {
            return String::new();
        };
        match (found, lang) {
            (Some((l, d)), Lang::En) => {
                format!("disciplined with a {} on {}", l.label_en(), day(*d, lang))
            }
            (Some((l, d)), _) => format!("bị kỷ luật {} ngày {}", l.label_vi(), day(*d, lang)),
            (None, _) if status == Status::Unknown => {
                pick(lang, "chưa có thông tin kỷ luật", "no discipline record")
            }
            (None, Lang::En) => {
                format!("no {} or heavier discipline in the period", min.label_en())
            }
            (None, _) => format!("không bị kỷ luật từ {} trở lên trong kỳ", min.label_vi()),
        }
    }
}

/// `ldtt.absence`: a jurisdiction's rule, off unless enabled — no LĐTT after more
/// than the allowed days of absence. Leave that counts as working time is not an
/// absence, each with its own provision.
pub(crate) struct Absence;

static ABSENCE_LAW: &[Provision] = &[paraphrase(
    ALL_REGIMES,
    Citation::law(
        OWN_RULES,
        None,
        None,
        None,
        Recalled,
        Some("a jurisdiction's own rule; enable with its citation"),
    ),
    "Không xét danh hiệu Lao động tiên tiến cho cá nhân nghỉ quá số ngày quy định",
)];

/// The parameter of `ldtt.absence`: most days absent.
pub(crate) static ABSENCE_MAX_DAYS: &[ParamDefault] = &[ParamDefault {
    value: 40,
    law: paraphrase(
        ALL_REGIMES,
        Citation::law(
            OWN_RULES,
            None,
            None,
            None,
            Recalled,
            Some("a common jurisdiction rule, not in the law; off unless enabled"),
        ),
        "nghỉ từ 40 ngày làm việc trở lên",
    ),
}];

/// Maternity leave counts toward titles and forms.
static MATERNITY: &[Provision] = &[
    verbatim(
        ND152_REGIME,
        Citation::law(ND152, Some("4"), Some("5"), None, Verified, None),
        "Thời gian nghỉ thai sản đối với cá nhân theo quy định được tính để xét tặng danh hiệu thi đua, hình thức khen thưởng.",
    ),
    paraphrase(
        &[RegimeId::Nd98],
        Citation::law(
            ND98,
            None,
            None,
            None,
            Secondary,
            Some("article not verified"),
        ),
        "Thời gian nghỉ thai sản được tính để xét tặng danh hiệu thi đua",
    ),
    paraphrase(
        ND91_REGIME,
        Citation::law(
            ND91,
            None,
            None,
            None,
            Verified,
            Some("article not verified"),
        ),
        "Thời gian nghỉ thai sản được tính để xét tặng danh hiệu thi đua",
    ),
];

/// Treatment of an injury from combat or rescuing counts as working time.
static INJURY: &[Provision] = &[
    paraphrase(
        LAW_2022_REGIMES,
        Citation::law(TT01, Some("1"), Some("5"), Some("a"), Verified, None),
        "Cá nhân bị thương khi làm nhiệm vụ chiến đấu, cứu người, cứu tài sản thì thời gian điều trị được tính để xét tặng danh hiệu thi đua",
    ),
    paraphrase(
        ND91_REGIME,
        ND91_UNVERIFIED,
        "Thời gian điều trị thương tích do cứu người, cứu tài sản được tính để xét tặng danh hiệu thi đua",
    ),
];

/// Training: under a year counts as working time; a year or more, with the rules
/// obeyed and a result of *khá* or better, is no bar either.
static TRAINING: &[Provision] = &[
    paraphrase(
        LAW_2022_REGIMES,
        Citation::law(
            TT01,
            Some("1"),
            Some("5"),
            Some("b"),
            Verified,
            Some("wording from a secondary source"),
        ),
        "Cá nhân tham gia học tập, bồi dưỡng ngắn hạn dưới 01 năm, chấp hành tốt quy định thì thời gian học được tính vào thời gian công tác; học tập từ 01 năm trở lên, chấp hành tốt quy định và có kết quả học tập từ loại khá trở lên thì được xét tặng danh hiệu \"Lao động tiên tiến\"",
    ),
    paraphrase(
        ND91_REGIME,
        ND91_UNVERIFIED,
        "Thời gian học tập, bồi dưỡng dưới 01 năm được tính vào thời gian công tác; từ 01 năm trở lên có kết quả từ loại khá trở lên được xét tặng danh hiệu \"Lao động tiên tiến\"",
    ),
];

/// The provision that excuses a kind of leave under a regime.
fn excusing(leave: &Leave, regime: RegimeId) -> Option<&'static Provision> {
    let list = match leave.kind() {
        LeaveKind::Maternity => MATERNITY,
        LeaveKind::InjuryRescuing => INJURY,
        LeaveKind::Training => TRAINING,
        _ => return None,
    };
    crate::rules::law::under(list, regime)
}

impl Rule for Absence {
    const TITLE: &'static str = codes::LDTT;
    const PARAMS: &'static [ParamId] = &[ParamId::AbsenceMaxDays];
    const DEFAULT: DefaultState = DefaultState::Off;
    const SUMMARY: (&'static str, &'static str) = (
        "không xét Lao động tiên tiến khi nghỉ quá số ngày quy định",
        "no LĐTT after more than the allowed days of absence",
    );

    fn law() -> &'static [Provision] {
        ABSENCE_LAW
    }

    fn check(plan: &Plan, candidate: Candidate<'_>, _: Option<Outcome>) -> (Status, Detail) {
        let max = plan.param(ParamId::AbsenceMaxDays);
        member_only(candidate, |f| {
            let Some(leaves) = f.leaves() else {
                return (
                    Status::Unknown,
                    Detail::Absence {
                        days: None,
                        max,
                        excused: Vec::new(),
                    },
                );
            };
            let (mut absent, mut unsure) = (0u64, 0u64);
            let mut excused = Vec::new();
            for l in leaves {
                let s = l.range().start().max(plan.start());
                let e = l.range().end().min(plan.end());
                if s > e {
                    continue;
                }
                let days = (e - s).num_days().unsigned_abs() + 1;
                match (l.counts_as_working_time(), excusing(l, plan.regime_id())) {
                    (Some(true), Some(law)) => excused.push(Excused {
                        kind: l.kind(),
                        days,
                        long_training: l.kind() == LeaveKind::Training && !l.is_short_training(),
                        law,
                    }),
                    (None, _) => unsure = unsure.saturating_add(days),
                    _ => absent = absent.saturating_add(days),
                }
            }
            let max64 = u64::from(max);
            let status = if absent > max64 {
                Status::Fail
            } else if absent.saturating_add(unsure) > max64 {
                Status::Unknown
            } else {
                Status::Pass
            };
            (
                status,
                Detail::Absence {
                    days: (status != Status::Unknown || unsure == 0).then_some(absent),
                    max,
                    excused,
                },
            )
        })
    }

    fn message(detail: &Detail, _: Status, lang: Lang) -> String {
        let Detail::Absence { days, max, excused } = detail else {
            return String::new();
        };
        let mut out = match (days, lang) {
            (Some(d), Lang::En) => {
                format!("{d} days absent not counted as working time; at most {max}")
            }
            (Some(d), _) => {
                format!("nghỉ {d} ngày không được tính là thời gian công tác; tối đa {max} ngày")
            }
            (None, Lang::En) => format!(
                "days absent not known (no leave record, or a training of a year or more without its result); at most {max}"
            ),
            (None, _) => format!(
                "chưa rõ số ngày nghỉ (chưa có thông tin nghỉ, hoặc đi học từ 1 năm trở lên chưa có kết quả); tối đa {max} ngày"
            ),
        };
        for e in excused {
            let what = match (e.kind, e.long_training, lang) {
                (LeaveKind::Training, true, Lang::En) => {
                    "training of a year or more, result fair or better".to_owned()
                }
                (LeaveKind::Training, true, _) => {
                    "đi học, bồi dưỡng từ 1 năm trở lên, kết quả từ khá trở lên".to_owned()
                }
                (LeaveKind::Training, false, Lang::En) => "training under a year".to_owned(),
                (LeaveKind::Training, false, _) => "đi học, bồi dưỡng dưới 1 năm".to_owned(),
                (k, _, Lang::En) => k.label_en().to_owned(),
                (k, _, _) => k.label_vi().to_owned(),
            };
            out.push_str(&match lang {
                Lang::En => format!(
                    "; not an absence: {} days of {what} ({})",
                    e.days,
                    e.law.citation()
                ),
                _ => format!(
                    "; không tính là nghỉ: {} ngày {what} ({})",
                    e.days,
                    e.law.citation()
                ),
            });
        }
        out
    }
}

/// `ldtt.transfer_comments`: a sector practice, off unless enabled (confidence R) —
/// a transferred person is assessed by the new unit, with the previous unit's
/// comments when they worked there the set months or more.
pub(crate) struct TransferComments;

static TRANSFER_LAW: &[Provision] = &[paraphrase(
    ALL_REGIMES,
    Citation::law(
        SECTOR,
        None,
        None,
        None,
        Recalled,
        Some("sector circulars; not found in a text: enable with the jurisdiction's citation"),
    ),
    "Cá nhân chuyển công tác thì đơn vị mới xem xét, bình xét danh hiệu; trường hợp có thời gian công tác ở đơn vị cũ từ 06 tháng trở lên thì phải có ý kiến nhận xét của đơn vị cũ",
)];

/// The parameter of `ldtt.transfer_comments`: months at the previous unit.
pub(crate) static TRANSFER_COMMENT_MIN_MONTHS: &[ParamDefault] = &[ParamDefault {
    value: 6,
    law: paraphrase(
        ALL_REGIMES,
        Citation::law(
            SECTOR,
            None,
            None,
            None,
            Recalled,
            Some("recalled; set by the jurisdiction"),
        ),
        "từ 06 tháng trở lên",
    ),
}];

impl Rule for TransferComments {
    const TITLE: &'static str = codes::LDTT;
    const PARAMS: &'static [ParamId] = &[ParamId::TransferCommentMinMonths];
    const DEFAULT: DefaultState = DefaultState::Off;
    const SUMMARY: (&'static str, &'static str) = (
        "người chuyển công tác có ý kiến nhận xét của đơn vị cũ khi đã công tác ở đó từ số tháng quy định",
        "a transferred person has the previous unit's comments after the set months there",
    );

    fn law() -> &'static [Provision] {
        TRANSFER_LAW
    }

    fn check(plan: &Plan, candidate: Candidate<'_>, _: Option<Outcome>) -> (Status, Detail) {
        let min = plan.param(ParamId::TransferCommentMinMonths);
        member_only(candidate, |f| {
            let Some(moves) = f.transfers() else {
                return (
                    Status::Unknown,
                    Detail::Transfers {
                        needing: None,
                        commented: None,
                        min,
                    },
                );
            };
            let needing: Vec<_> = moves
                .iter()
                .filter(|t| plan.in_period(t.moved_on()) && t.months_at_previous_unit() >= min)
                .collect();
            let commented = needing
                .iter()
                .filter(|t| t.previous_unit_commented() == Some(true))
                .count();
            let status = if needing
                .iter()
                .any(|t| t.previous_unit_commented() == Some(false))
            {
                Status::Fail
            } else if commented < needing.len() {
                Status::Unknown
            } else {
                Status::Pass
            };
            (
                status,
                Detail::Transfers {
                    needing: Some(needing.len()),
                    commented: Some(commented),
                    min,
                },
            )
        })
    }

    fn message(detail: &Detail, _: Status, lang: Lang) -> String {
        let Detail::Transfers {
            needing,
            commented,
            min,
        } = detail
        else {
            return String::new();
        };
        match (needing, commented, lang) {
            (Some(0), _, Lang::En) => {
                format!("no move in the period after {min} months or more at the previous unit")
            }
            (Some(0), _, _) => {
                format!("không chuyển công tác trong kỳ sau thời gian từ {min} tháng ở đơn vị cũ")
            }
            (Some(n), Some(c), Lang::En) => format!(
                "{n} move(s) after {min} months or more at the previous unit, {c} with its comments; needs them all"
            ),
            (Some(n), Some(c), _) => format!(
                "{n} lần chuyển công tác sau thời gian từ {min} tháng ở đơn vị cũ, {c} lần có ý kiến nhận xét của đơn vị cũ; yêu cầu có đủ"
            ),
            (_, _, Lang::En) => "no record of moves between units".to_owned(),
            _ => "chưa có thông tin chuyển công tác".to_owned(),
        }
    }
}
