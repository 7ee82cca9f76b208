//! Rules of every title: no award while discipline, an inspection or a complaint is
//! being considered (ND 152/2025 Điều 4 khoản 4), and a jurisdiction's registration
//! requirement.
//!
//! | Rule | Law |
//! |---|---|
//! | `award.under_review` | ND 152/2025 Điều 4 khoản 4 |
//! | `registration.required` | a jurisdiction's own rule (Law 06/2022 dropped it) |

use chrono::NaiveDate;

use crate::award::catalogue::codes;
use crate::rules::citation::{Citation, Confidence::*};
use crate::rules::engine::{Candidate, Detail, Outcome, Plan, Status, pass_if};
use crate::rules::facts::{Discipline, ReviewState};
use crate::rules::law::{ALL_REGIMES, ND152_REGIME, Provision, paraphrase, verbatim};
use crate::rules::regime::ND152;
use crate::rules::rule::{DefaultState, Rule};
use crate::rules::titles::{day, member_only, pick};
use crate::value::format::Lang;

/// `award.under_review`: no commendation while discipline, inspection or a
/// complaint is being considered; after discipline, achievements count from the end
/// of its term — for individuals and for collectives, on their own discipline.
pub(crate) struct UnderReview;

static UNDER_REVIEW_LAW: &[Provision] = &[verbatim(
    ND152_REGIME,
    Citation::law(ND152, Some("4"), Some("4"), None, Verified, None),
    "Chưa khen thưởng hoặc đề nghị cấp trên khen thưởng cho cá nhân, tập thể trong thời gian cơ quan có thẩm quyền đang xem xét thi hành kỷ luật hoặc điều tra, thanh tra, kiểm tra khi có dấu hiệu vi phạm … Trường hợp cá nhân, tập thể bị kỷ luật, sau khi chấp hành xong thời gian kỷ luật, cá nhân, tập thể lập được thành tích thì thành tích khen thưởng được tính từ thời điểm chấp hành xong thời gian thi hành kỷ luật.",
)];

/// Under review now, or a discipline whose term reaches into the period.
fn under_review(
    plan: &Plan,
    review: Option<ReviewState>,
    disciplines: Option<&[Discipline]>,
) -> (Status, Detail) {
    if review == Some(ReviewState::UnderReview) {
        return (
            Status::Fail,
            Detail::ReviewState {
                review,
                term_until: None,
            },
        );
    }
    let mut unknown = review.is_none();
    let mut term_until: Option<NaiveDate> = None;
    match disciplines {
        None => unknown = true,
        Some(list) => {
            for d in list.iter().filter(|d| d.decided() <= plan.end()) {
                match d.served_until() {
                    None => unknown = true,
                    Some(t) if t >= plan.start() => {
                        return (
                            Status::Fail,
                            Detail::ReviewState {
                                review,
                                term_until: Some(t),
                            },
                        );
                    }
                    Some(t) => term_until = Some(term_until.map_or(t, |u| u.max(t))),
                }
            }
        }
    }
    let status = if unknown {
        Status::Unknown
    } else {
        Status::Pass
    };
    (status, Detail::ReviewState { review, term_until })
}

impl Rule for UnderReview {
    const TITLE: &'static str = codes::LDTT;
    const EVERY_TITLE: bool = true;
    const SUMMARY: (&'static str, &'static str) = (
        "chưa khen thưởng khi đang xem xét kỷ luật, thanh tra, kiểm tra; thành tích tính từ khi chấp hành xong kỷ luật",
        "no award while discipline or inspection is considered; achievements count from the end of a discipline's term",
    );

    fn law() -> &'static [Provision] {
        UNDER_REVIEW_LAW
    }

    fn check(plan: &Plan, candidate: Candidate<'_>, _: Option<Outcome>) -> (Status, Detail) {
        match candidate {
            Candidate::Member(f) => under_review(plan, f.under_review(), f.disciplines()),
            Candidate::Collective(c) => under_review(plan, c.under_review(), c.disciplines()),
        }
    }

    fn message(detail: &Detail, status: Status, lang: Lang) -> String {
        let Detail::ReviewState { review, term_until } = detail else {
            return String::new();
        };
        match (review, term_until) {
            (Some(ReviewState::UnderReview), _) => pick(
                lang,
                "đang xem xét kỷ luật, thanh tra, kiểm tra hoặc giải quyết khiếu nại, tố cáo",
                "discipline, inspection or a complaint is being considered",
            ),
            (_, Some(t)) if status == Status::Fail => match lang {
                Lang::En => format!(
                    "discipline served until {}; achievements count only after it",
                    day(*t, lang)
                ),
                _ => format!(
                    "chấp hành kỷ luật đến ngày {}, thành tích chỉ tính từ sau ngày đó",
                    day(*t, lang)
                ),
            },
            (None, _) => pick(
                lang,
                "chưa có thông tin về việc xem xét kỷ luật, thanh tra",
                "not known whether discipline or inspection is being considered",
            ),
            _ if status == Status::Unknown => pick(
                lang,
                "chưa có đủ thông tin kỷ luật hoặc chưa rõ thời hạn chấp hành kỷ luật",
                "the discipline record or the end of a discipline's term is not known",
            ),
            (_, Some(t)) => match lang {
                Lang::En => format!(
                    "nothing is being considered; discipline served until {}, before the period",
                    day(*t, lang)
                ),
                _ => format!(
                    "không có việc đang xem xét; đã chấp hành xong kỷ luật ngày {}, trước kỳ xét",
                    day(*t, lang)
                ),
            },
            _ => pick(
                lang,
                "không có việc đang xem xét kỷ luật, thanh tra",
                "nothing is being considered",
            ),
        }
    }
}

/// `registration.required`: a jurisdiction's rule, off unless enabled — the title
/// needs a registration at the start of the period.
pub(crate) struct Registration;

static REGISTRATION_LAW: &[Provision] = &[paraphrase(
    ALL_REGIMES,
    Citation::law(
        "quy chế thi đua của đơn vị",
        None,
        None,
        None,
        Recalled,
        Some(
            "the 2022 law no longer requires registration; enable with the jurisdiction's citation",
        ),
    ),
    "Cá nhân, tập thể phải đăng ký thi đua từ đầu năm mới được xét tặng danh hiệu",
)];

impl Rule for Registration {
    const TITLE: &'static str = codes::LDTT;
    const DEFAULT: DefaultState = DefaultState::Off;
    const EVERY_TITLE: bool = true;
    const SUMMARY: (&'static str, &'static str) = (
        "phải đăng ký thi đua từ đầu năm",
        "must have registered at the start of the period",
    );

    fn law() -> &'static [Provision] {
        REGISTRATION_LAW
    }

    fn check(plan: &Plan, candidate: Candidate<'_>, _: Option<Outcome>) -> (Status, Detail) {
        member_only(candidate, |f| {
            let registered = f
                .registered()
                .map(|r| r.iter().any(|t| t.as_str() == plan.title_code()));
            let status = registered.map_or(Status::Unknown, pass_if);
            (status, Detail::Registered { registered })
        })
    }

    fn message(detail: &Detail, _: Status, lang: Lang) -> String {
        let Detail::Registered { registered } = detail else {
            return String::new();
        };
        match registered {
            Some(true) => pick(lang, "đã đăng ký thi đua", "registered"),
            Some(false) => pick(
                lang,
                "không đăng ký thi đua danh hiệu này",
                "did not register for this title",
            ),
            None => pick(
                lang,
                "chưa có thông tin đăng ký thi đua",
                "no registration record",
            ),
        }
    }
}
