//! The titles (*danh hiệu thi đua*) and their rules, one module a title: for each
//! rule the law's words with their citation per regime, the parameters, the check
//! and the messages in both languages. The shared wording helpers are here.

pub(crate) mod bk_tinh;
pub(crate) mod co_chinh_phu;
pub(crate) mod common;
pub(crate) mod cong_hien;
pub(crate) mod cstd_tinh;
pub(crate) mod cstdcs;
pub(crate) mod cstdtq;
pub(crate) mod ldtt;
pub(crate) mod ttldtt;
pub(crate) mod ttldxs;

use std::fmt::Display;

use chrono::NaiveDate;

use crate::award::catalogue::codes;
use crate::rules::engine::{Candidate, Detail, Outcome, Plan, Status, pass_if};
use crate::rules::facts::{CollectiveFacts, MemberFacts, TaskGrade};
use crate::value::format::Lang;

/// The text in the language asked for.
pub(crate) fn pick(lang: Lang, vi: &str, en: &str) -> String {
    match lang {
        Lang::En => en.to_owned(),
        _ => vi.to_owned(),
    }
}

/// A day as the language writes it: `15/07/2024`, `2024-07-15`.
pub(crate) fn day(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => d.to_string(),
        _ => d.format("%d/%m/%Y").to_string(),
    }
}

/// A number, or "unknown" in the language asked for.
pub(crate) fn count<T: Display>(v: Option<T>, lang: Lang) -> String {
    match v {
        Some(v) => v.to_string(),
        None => pick(lang, "chưa rõ số", "unknown"),
    }
}

/// A title's name: Vietnamese in full, English by its code.
pub(crate) fn title_name(code: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return code.to_owned();
    }
    match code {
        codes::LDTT => "Lao động tiên tiến",
        codes::CSTDCS => "Chiến sĩ thi đua cơ sở",
        codes::CSTD_TINH => "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh",
        codes::CSTDTQ => "Chiến sĩ thi đua toàn quốc",
        _ => code,
    }
    .to_owned()
}

/// Runs a check on an individual; a collective gets "not applicable".
pub(crate) fn member_only(
    candidate: Candidate<'_>,
    check: impl FnOnce(&MemberFacts) -> (Status, Detail),
) -> (Status, Detail) {
    match candidate {
        Candidate::Member(f) => check(f),
        Candidate::Collective(_) => (
            Status::NotApplicable,
            Detail::Note {
                vi: "quy định dành cho cá nhân",
                en: "a rule for individuals",
            },
        ),
    }
}

/// Runs a check on a collective; an individual gets "not applicable".
pub(crate) fn collective_only(
    candidate: Candidate<'_>,
    check: impl FnOnce(&CollectiveFacts) -> (Status, Detail),
) -> (Status, Detail) {
    match candidate {
        Candidate::Collective(c) => check(c),
        Candidate::Member(_) => (
            Status::NotApplicable,
            Detail::Note {
                vi: "quy định dành cho tập thể",
                en: "a rule for collectives",
            },
        ),
    }
}

/// A grade of at least `min`.
pub(crate) fn grade_at_least(grade: Option<TaskGrade>, min: TaskGrade) -> (Status, Detail) {
    (
        grade.map_or(Status::Unknown, |g| pass_if(g >= min)),
        Detail::Grade { grade, min },
    )
}

/// What a grade check found; `who` names whose grade it is ("", "tập thể ").
pub(crate) fn grade_message(detail: &Detail, lang: Lang, who: (&str, &str)) -> String {
    let Detail::Grade { grade, min } = detail else {
        return String::new();
    };
    match (grade, lang) {
        (Some(g), Lang::En) => format!(
            "{}graded \"{}\", needs \"{}\" or better",
            who.1,
            g.label_en(),
            min.label_en()
        ),
        (Some(g), _) => format!(
            "{}xếp loại \"{}\", yêu cầu \"{}\" trở lên",
            who.0,
            g.label_vi(),
            min.label_vi()
        ),
        (None, Lang::En) => format!(
            "{}no grade recorded; needs \"{}\" or better",
            who.1,
            min.label_en()
        ),
        (None, _) => format!(
            "{}chưa có kết quả xếp loại; yêu cầu \"{}\" trở lên",
            who.0,
            min.label_vi()
        ),
    }
}

/// A prerequisite title's outcome as a status.
pub(crate) fn prerequisite(title: &'static str, pre: Option<Outcome>) -> (Status, Detail) {
    let outcome = pre.unwrap_or(Outcome::Undetermined);
    let status = match outcome {
        Outcome::Eligible => Status::Pass,
        Outcome::Ineligible => Status::Fail,
        Outcome::Undetermined => Status::Unknown,
    };
    (status, Detail::Prerequisite { title, outcome })
}

/// What a prerequisite check found.
pub(crate) fn prerequisite_message(detail: &Detail, lang: Lang) -> String {
    let Detail::Prerequisite { title, outcome } = detail else {
        return String::new();
    };
    match lang {
        Lang::En => format!("prerequisite {title}: {}", outcome.label_en()),
        _ => format!(
            "điều kiện \"{}\": {}",
            title_name(title, lang),
            outcome.label_vi()
        ),
    }
}

/// A share of members with LĐTT: at least `percent`, or more than it when strict.
pub(crate) fn ldtt_share(c: &CollectiveFacts, percent: u32, strict: bool) -> (Status, Detail) {
    let status = match (c.ldtt(), c.members()) {
        (Some(l), Some(m)) => {
            let (lhs, rhs) = (u64::from(l) * 100, u64::from(m) * u64::from(percent));
            pass_if(if strict { lhs > rhs } else { lhs >= rhs })
        }
        _ => Status::Unknown,
    };
    (
        status,
        Detail::Share {
            count: c.ldtt(),
            total: c.members(),
            percent,
            strict,
        },
    )
}

/// What an LĐTT share check found.
pub(crate) fn ldtt_share_message(detail: &Detail, lang: Lang) -> String {
    let Detail::Share {
        count: n,
        total,
        percent,
        strict,
    } = detail
    else {
        return String::new();
    };
    let (n, total) = (count(*n, lang), count(*total, lang));
    match lang {
        Lang::En => format!(
            "{n} of {total} members have LĐTT; needs {} {percent}%",
            if *strict { "more than" } else { "at least" }
        ),
        _ => format!(
            "{n}/{total} cá nhân đạt Lao động tiên tiến; yêu cầu {} {percent}%",
            if *strict { "trên" } else { "từ" }
        ),
    }
}

/// No member disciplined at *cảnh cáo* or above.
pub(crate) fn none_disciplined(c: &CollectiveFacts) -> (Status, Detail) {
    let n = c.disciplined_warning_or_above();
    (
        n.map_or(Status::Unknown, |n| pass_if(n == 0)),
        Detail::Count { count: n },
    )
}

/// What a members' discipline check found.
pub(crate) fn none_disciplined_message(detail: &Detail, lang: Lang) -> String {
    let Detail::Count { count: n } = detail else {
        return String::new();
    };
    match lang {
        Lang::En => format!(
            "{} members disciplined with a warning or more in the period",
            count(*n, lang)
        ),
        _ => format!(
            "{} cá nhân bị kỷ luật từ cảnh cáo trở lên trong kỳ",
            count(*n, lang)
        ),
    }
}

/// The words that say titles were left out as ad-hoc or thematic awards.
pub(crate) fn excluded_note(excluded: u32, lang: Lang) -> String {
    if excluded == 0 {
        return String::new();
    }
    match lang {
        Lang::En => format!(
            "; {excluded} title(s) for ad-hoc or thematic achievements not counted (Nghị định 152/2025/NĐ-CP, Điều 4, khoản 3)"
        ),
        _ => format!(
            "; không tính {excluded} danh hiệu khen thưởng thành tích đột xuất, thi đua theo chuyên đề (Nghị định 152/2025/NĐ-CP, Điều 4, khoản 3)"
        ),
    }
}

/// `needed` consecutive times of `title`, each covering `span` years, ending with
/// this period; `pre` is the title's own outcome now.
pub(crate) fn consecutive(
    plan: &Plan,
    candidate: Candidate<'_>,
    pre: Option<Outcome>,
    title: &'static str,
    span: u32,
    needed: u32,
) -> (Status, Detail) {
    member_only(candidate, |f| {
        let streak = plan.streak(f, title, span, pre);
        let times = streak.map(|s| s.times);
        (
            times.map_or(Status::Unknown, |t| pass_if(t >= needed)),
            Detail::Consecutive {
                title,
                times,
                needed,
                excluded: streak.map_or(0, |s| s.excluded),
            },
        )
    })
}

/// What a consecutive-times check found.
pub(crate) fn consecutive_message(detail: &Detail, lang: Lang) -> String {
    let Detail::Consecutive {
        title,
        times,
        needed,
        excluded,
    } = detail
    else {
        return String::new();
    };
    match lang {
        Lang::En => format!(
            "{} consecutive times {title}; needs {needed}{}",
            count(*times, lang),
            excluded_note(*excluded, lang)
        ),
        _ => format!(
            "{} lần liên tục đạt \"{}\"; yêu cầu {needed} lần{}",
            count(*times, lang),
            title_name(title, lang),
            excluded_note(*excluded, lang)
        ),
    }
}
