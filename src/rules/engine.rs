//! The evaluator: plans of rules for a title, regime and jurisdiction, and verdicts
//! that say why.

use std::fmt;
use std::sync::Arc;

use chrono::{Datelike, Months, NaiveDate};

use crate::award::catalogue::{TitleCode, codes};
use crate::initiative::level::{InfluenceScope, RecognitionLevel};
use crate::rules::citation::Citation;
use crate::rules::facts::{CollectiveFacts, DisciplineLevel, MemberFacts, ReviewState, TaskGrade};
use crate::rules::param::{Change, Jurisdiction, Override, ParamId, Params};
use crate::rules::regime::{RegimeChoice, ReviewContext, RuleError};
use crate::rules::rule::{DefaultState, RuleId};
use crate::value::id::UnitId;

labelled_enum! {
    /// What one rule found.
    pub enum Status {
        /// The condition holds.
        Pass => ("pass", "đạt", "pass"),
        /// The condition does not hold.
        Fail => ("fail", "không đạt", "fail"),
        /// The rule does not apply to this case.
        NotApplicable => ("not_applicable", "không áp dụng", "not applicable"),
        /// A fact the rule needs is missing.
        Unknown => ("unknown", "chưa xác định", "unknown"),
    }
}

labelled_enum! {
    /// The verdict on a candidate.
    pub enum Outcome {
        /// Every rule passed or did not apply.
        Eligible => ("eligible", "đủ điều kiện", "eligible"),
        /// At least one rule failed.
        Ineligible => ("ineligible", "không đủ điều kiện", "ineligible"),
        /// No rule failed, but at least one could not be decided for lack of data.
        Undetermined => ("undetermined", "chưa đủ dữ liệu để kết luận", "undetermined"),
    }
}

fn combine(statuses: impl Iterator<Item = Status>) -> Outcome {
    let mut unknown = false;
    for s in statuses {
        match s {
            Status::Fail => return Outcome::Ineligible,
            Status::Unknown => unknown = true,
            _ => {}
        }
    }
    if unknown {
        Outcome::Undetermined
    } else {
        Outcome::Eligible
    }
}

/// Three-valued "or": pass if any passes, fail if all fail, else unknown.
fn any_of(parts: &[Option<bool>]) -> Status {
    if parts.contains(&Some(true)) {
        Status::Pass
    } else if parts.iter().all(|p| *p == Some(false)) {
        Status::Fail
    } else {
        Status::Unknown
    }
}

fn pass_if(cond: bool) -> Status {
    if cond { Status::Pass } else { Status::Fail }
}

/// What a candidate is: a person's facts or a collective's.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Candidate<'a> {
    /// An individual.
    Member(&'a MemberFacts),
    /// A collective.
    Collective(&'a CollectiveFacts),
}

/// What a user-defined rule found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomCheck {
    /// The status.
    pub status: Status,
    /// Why, in Vietnamese.
    pub message_vi: String,
    /// Why, in English.
    pub message_en: String,
}

/// A rule a user adds in code (a province's or union's own condition).
///
/// It is added for a jurisdiction from a date with [`Evaluator::add_custom_rule`]
/// and reported in verdicts like a built-in rule, with its own citation.
pub trait CustomRule: Send + Sync + fmt::Debug {
    /// A stable code, distinct from the built-in ones (`hanoi.no_complaints`).
    fn code(&self) -> &str;
    /// The title code it is a condition of.
    fn title(&self) -> &str;
    /// Its source.
    fn citation(&self) -> Citation;
    /// Checks a candidate.
    fn check(&self, candidate: Candidate<'_>, context: &ReviewContext) -> CustomCheck;
}

#[derive(Debug, Clone)]
struct CustomEntry {
    rule: Arc<dyn CustomRule>,
    scope: Jurisdiction,
    from: NaiveDate,
}

/// Which rule a finding is about.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RuleRef {
    /// A built-in rule.
    Builtin(RuleId),
    /// A user-defined rule, by code.
    Custom(Arc<str>),
}

impl RuleRef {
    /// The rule's code.
    pub fn code(&self) -> &str {
        match self {
            RuleRef::Builtin(r) => r.code(),
            RuleRef::Custom(c) => c,
        }
    }
}

/// The facts a finding used, kept as values so that messages are written only when
/// asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Detail {
    Grade {
        grade: Option<TaskGrade>,
        min: TaskGrade,
    },
    Months {
        recruited: Option<NaiveDate>,
        months: u32,
        min: u32,
    },
    Discipline {
        found: Option<(DisciplineLevel, NaiveDate)>,
        min: DisciplineLevel,
    },
    Absence {
        days: Option<u64>,
        max: u32,
    },
    Registered {
        registered: Option<bool>,
    },
    ReviewState {
        review: Option<ReviewState>,
        term_until: Option<NaiveDate>,
    },
    Prerequisite {
        title: &'static str,
        outcome: Outcome,
    },
    ExcellenceOrInitiative {
        grade: Option<TaskGrade>,
        initiatives: Option<usize>,
        research: Option<u32>,
    },
    Initiatives {
        found: Option<usize>,
        needed: usize,
        scope: Option<InfluenceScope>,
    },
    Consecutive {
        title: &'static str,
        years: Option<u32>,
        needed: u32,
    },
    Record {
        cstdcs_years: Option<u32>,
        excellent_years: Option<u32>,
        initiatives: Option<usize>,
        needed: u32,
    },
    Share {
        count: Option<u32>,
        total: Option<u32>,
        percent: u32,
        strict: bool,
    },
    AtLeastOne {
        count: Option<u32>,
    },
    NoneDisciplined {
        count: Option<u32>,
    },
    Custom {
        vi: String,
        en: String,
    },
}

/// One rule's finding: the rule, its citation, the status, the facts it used, and a
/// message in Vietnamese and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    rule: RuleRef,
    citation: Citation,
    status: Status,
    detail: Detail,
}

fn date_vi(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn opt<T: fmt::Display>(v: Option<T>, unknown: &str) -> String {
    v.map_or_else(|| unknown.to_owned(), |v| v.to_string())
}

impl Finding {
    /// The rule.
    pub fn rule(&self) -> &RuleRef {
        &self.rule
    }

    /// The provision the rule encodes (or the override's own citation).
    pub fn citation(&self) -> &Citation {
        &self.citation
    }

    /// What the rule found.
    pub fn status(&self) -> Status {
        self.status
    }

    /// The facts the rule used, as name and value.
    pub fn facts(&self) -> Vec<(&'static str, String)> {
        let u = "unknown";
        match &self.detail {
            Detail::Grade { grade, min } => vec![
                ("grade", opt(grade.map(TaskGrade::code), u)),
                ("required", min.code().to_owned()),
            ],
            Detail::Months {
                recruited,
                months,
                min,
            } => vec![
                ("recruited_on", opt(*recruited, u)),
                ("months", months.to_string()),
                ("required_months", min.to_string()),
            ],
            Detail::Discipline { found, .. } => vec![(
                "discipline",
                match found {
                    Some((l, d)) => format!("{} {d}", l.code()),
                    None => "none".to_owned(),
                },
            )],
            Detail::Absence { days, max } => {
                vec![
                    ("days_absent", opt(*days, u)),
                    ("max_days", max.to_string()),
                ]
            }
            Detail::Registered { registered } => vec![("registered", opt(*registered, u))],
            Detail::ReviewState { review, term_until } => vec![
                (
                    "under_review",
                    opt(review.map(|r| r == ReviewState::UnderReview), u),
                ),
                ("discipline_served_until", opt(*term_until, "none")),
            ],
            Detail::Prerequisite { title, outcome } => {
                vec![
                    ("title", (*title).to_owned()),
                    ("outcome", outcome.code().to_owned()),
                ]
            }
            Detail::ExcellenceOrInitiative {
                grade,
                initiatives,
                research,
            } => vec![
                ("grade", opt(grade.map(TaskGrade::code), u)),
                ("initiatives", opt(*initiatives, u)),
                ("accepted_research", opt(*research, u)),
            ],
            Detail::Initiatives { found, needed, .. } => {
                vec![
                    ("initiatives", opt(*found, u)),
                    ("required", needed.to_string()),
                ]
            }
            Detail::Consecutive {
                title,
                years,
                needed,
            } => vec![
                ("title", (*title).to_owned()),
                ("consecutive_years", opt(*years, u)),
                ("required", needed.to_string()),
            ],
            Detail::Record {
                cstdcs_years,
                excellent_years,
                initiatives,
                needed,
            } => vec![
                ("consecutive_cstdcs_years", opt(*cstdcs_years, u)),
                ("consecutive_excellent_years", opt(*excellent_years, u)),
                ("initiatives", opt(*initiatives, u)),
                ("required_years", needed.to_string()),
            ],
            Detail::Share {
                count,
                total,
                percent,
                ..
            } => vec![
                ("count", opt(*count, u)),
                ("members", opt(*total, u)),
                ("percent", percent.to_string()),
            ],
            Detail::AtLeastOne { count } | Detail::NoneDisciplined { count } => {
                vec![("count", opt(*count, u))]
            }
            Detail::Custom { .. } => vec![],
        }
    }

    /// Why, in Vietnamese.
    pub fn message_vi(&self) -> String {
        let s = self.status.label_vi();
        match &self.detail {
            Detail::Grade { grade, min } => match grade {
                Some(g) => format!(
                    "{s}: xếp loại \"{}\", yêu cầu \"{}\" trở lên",
                    g.label_vi(),
                    min.label_vi()
                ),
                None => format!(
                    "{s}: chưa có kết quả xếp loại; yêu cầu \"{}\" trở lên",
                    min.label_vi()
                ),
            },
            Detail::Months {
                recruited,
                months,
                min,
            } => match recruited {
                Some(r) => format!(
                    "{s}: tuyển dụng ngày {}, {months} tháng đến hết kỳ xét; yêu cầu từ {min} tháng",
                    date_vi(*r)
                ),
                None => format!("{s}: chưa có ngày tuyển dụng; yêu cầu từ {min} tháng"),
            },
            Detail::Discipline { found, min } => match found {
                Some((l, d)) => format!("{s}: bị kỷ luật {} ngày {}", l.label_vi(), date_vi(*d)),
                None if self.status == Status::Unknown => format!("{s}: chưa có thông tin kỷ luật"),
                None => format!(
                    "{s}: không bị kỷ luật từ {} trở lên trong kỳ",
                    min.label_vi()
                ),
            },
            Detail::Absence { days, max } => match days {
                Some(d) => format!(
                    "{s}: nghỉ {d} ngày không được tính là thời gian công tác; tối đa {max} ngày"
                ),
                None => format!("{s}: chưa có thông tin ngày nghỉ; tối đa {max} ngày"),
            },
            Detail::Registered { registered } => match registered {
                Some(true) => format!("{s}: đã đăng ký thi đua"),
                Some(false) => format!("{s}: không đăng ký thi đua danh hiệu này"),
                None => format!("{s}: chưa có thông tin đăng ký thi đua"),
            },
            Detail::ReviewState { review, term_until } => match (review, term_until) {
                (Some(ReviewState::UnderReview), _) => format!(
                    "{s}: đang xem xét kỷ luật, thanh tra, kiểm tra hoặc giải quyết khiếu nại, tố cáo"
                ),
                (_, Some(t)) if self.status == Status::Fail => format!(
                    "{s}: chấp hành kỷ luật đến ngày {}, thành tích chỉ tính từ sau ngày đó",
                    date_vi(*t)
                ),
                (None, _) => format!("{s}: chưa có thông tin về việc xem xét kỷ luật, thanh tra"),
                _ if self.status == Status::Unknown => {
                    format!("{s}: chưa rõ thời hạn chấp hành kỷ luật")
                }
                _ => format!("{s}: không có việc đang xem xét kỷ luật, thanh tra"),
            },
            Detail::Prerequisite { title, outcome } => format!(
                "{s}: điều kiện \"{}\": {}",
                title_vi(title),
                outcome.label_vi()
            ),
            Detail::ExcellenceOrInitiative {
                grade,
                initiatives,
                research,
            } => format!(
                "{s}: xếp loại {}, {} sáng kiến được công nhận, {} đề tài được nghiệm thu",
                grade.map_or("chưa rõ", TaskGrade::label_vi),
                opt(*initiatives, "chưa rõ số"),
                opt(*research, "chưa rõ số")
            ),
            Detail::Initiatives {
                found,
                needed,
                scope,
            } => format!(
                "{s}: {} sáng kiến {}; yêu cầu {needed}",
                opt(*found, "chưa rõ số"),
                scope.map_or("được công nhận", InfluenceScope::label_vi)
            ),
            Detail::Consecutive {
                title,
                years,
                needed,
            } => format!(
                "{s}: {} năm liên tục đạt \"{}\"; yêu cầu {needed}",
                opt(*years, "chưa rõ số"),
                title_vi(title)
            ),
            Detail::Record {
                cstdcs_years,
                excellent_years,
                initiatives,
                needed,
            } => format!(
                "{s}: {} năm liên tục Chiến sĩ thi đua cơ sở, {} năm liên tục hoàn thành xuất sắc nhiệm vụ với {} sáng kiến; yêu cầu {needed} năm",
                opt(*cstdcs_years, "chưa rõ số"),
                opt(*excellent_years, "chưa rõ số"),
                opt(*initiatives, "chưa rõ số")
            ),
            Detail::Share {
                count,
                total,
                percent,
                strict,
            } => format!(
                "{s}: {}/{} cá nhân đạt Lao động tiên tiến; yêu cầu {} {percent}%",
                opt(*count, "?"),
                opt(*total, "?"),
                if *strict { "trên" } else { "từ" }
            ),
            Detail::AtLeastOne { count } => format!(
                "{s}: {} cá nhân đạt Chiến sĩ thi đua cơ sở; yêu cầu ít nhất 1",
                opt(*count, "chưa rõ số")
            ),
            Detail::NoneDisciplined { count } => format!(
                "{s}: {} cá nhân bị kỷ luật từ cảnh cáo trở lên",
                opt(*count, "chưa rõ số")
            ),
            Detail::Custom { vi, .. } => format!("{s}: {vi}"),
        }
    }

    /// Why, in English.
    pub fn message_en(&self) -> String {
        let s = self.status.label_en();
        match &self.detail {
            Detail::Grade { grade, min } => match grade {
                Some(g) => format!(
                    "{s}: graded \"{}\", needs \"{}\" or better",
                    g.label_en(),
                    min.label_en()
                ),
                None => format!(
                    "{s}: no grade recorded; needs \"{}\" or better",
                    min.label_en()
                ),
            },
            Detail::Months {
                recruited,
                months,
                min,
            } => match recruited {
                Some(r) => format!(
                    "{s}: recruited on {r}, {months} months to the end of the period; needs {min}"
                ),
                None => format!("{s}: no recruitment date recorded; needs {min} months"),
            },
            Detail::Discipline { found, min } => match found {
                Some((l, d)) => format!("{s}: disciplined with a {} on {d}", l.label_en()),
                None if self.status == Status::Unknown => format!("{s}: no discipline record"),
                None => format!(
                    "{s}: no {} or heavier discipline in the period",
                    min.label_en()
                ),
            },
            Detail::Absence { days, max } => match days {
                Some(d) => {
                    format!("{s}: {d} days absent not counted as working time; at most {max}")
                }
                None => format!("{s}: no leave record; at most {max} days"),
            },
            Detail::Registered { registered } => match registered {
                Some(true) => format!("{s}: registered"),
                Some(false) => format!("{s}: did not register for this title"),
                None => format!("{s}: no registration record"),
            },
            Detail::ReviewState { review, term_until } => match (review, term_until) {
                (Some(ReviewState::UnderReview), _) => {
                    format!("{s}: discipline, inspection or a complaint is being considered")
                }
                (_, Some(t)) if self.status == Status::Fail => {
                    format!("{s}: discipline served until {t}; achievements count only after it")
                }
                (None, _) => {
                    format!("{s}: not known whether discipline or inspection is being considered")
                }
                _ if self.status == Status::Unknown => {
                    format!("{s}: the end of a discipline's term is not known")
                }
                _ => format!("{s}: nothing is being considered"),
            },
            Detail::Prerequisite { title, outcome } => {
                format!("{s}: prerequisite {title}: {}", outcome.label_en())
            }
            Detail::ExcellenceOrInitiative {
                grade,
                initiatives,
                research,
            } => format!(
                "{s}: grade {}, {} initiatives recognised, {} science projects accepted",
                grade.map_or("unknown", TaskGrade::label_en),
                opt(*initiatives, "unknown"),
                opt(*research, "unknown")
            ),
            Detail::Initiatives {
                found,
                needed,
                scope,
            } => format!(
                "{s}: {} initiatives {}; needs {needed}",
                opt(*found, "unknown"),
                scope.map_or("recognised", InfluenceScope::label_en)
            ),
            Detail::Consecutive {
                title,
                years,
                needed,
            } => {
                format!(
                    "{s}: {} consecutive years of {title}; needs {needed}",
                    opt(*years, "unknown")
                )
            }
            Detail::Record {
                cstdcs_years,
                excellent_years,
                initiatives,
                needed,
            } => format!(
                "{s}: {} consecutive CSTĐCS years, {} consecutive excellent years with {} initiatives; needs {needed} years",
                opt(*cstdcs_years, "unknown"),
                opt(*excellent_years, "unknown"),
                opt(*initiatives, "unknown")
            ),
            Detail::Share {
                count,
                total,
                percent,
                strict,
            } => format!(
                "{s}: {}/{} members have LĐTT; needs {} {percent}%",
                opt(*count, "?"),
                opt(*total, "?"),
                if *strict { "more than" } else { "at least" }
            ),
            Detail::AtLeastOne { count } => format!(
                "{s}: {} members are CSTĐCS; needs at least 1",
                opt(*count, "unknown")
            ),
            Detail::NoneDisciplined { count } => format!(
                "{s}: {} members disciplined with a warning or more",
                opt(*count, "unknown")
            ),
            Detail::Custom { en, .. } => format!("{s}: {en}"),
        }
    }
}

fn title_vi(code: &str) -> &'static str {
    match code {
        codes::LDTT => "Lao động tiên tiến",
        codes::CSTDCS => "Chiến sĩ thi đua cơ sở",
        codes::CSTD_TINH => "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh",
        codes::CSTDTQ => "Chiến sĩ thi đua toàn quốc",
        _ => "danh hiệu",
    }
}

/// A verdict: the outcome, the regime it was decided under and why, and one finding
/// per rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    title: TitleCode,
    outcome: Outcome,
    regime: RegimeChoice,
    findings: Vec<Finding>,
}

impl Verdict {
    /// The title evaluated.
    pub fn title(&self) -> &TitleCode {
        &self.title
    }

    /// Eligible, ineligible or undetermined.
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// The regime used, and why.
    pub fn regime(&self) -> &RegimeChoice {
        &self.regime
    }

    /// One finding per rule, prerequisites' findings first.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The finding of a rule, by code.
    pub fn finding(&self, code: &str) -> Option<&Finding> {
        self.findings.iter().find(|f| f.rule.code() == code)
    }

    /// The whole explanation in Vietnamese, one line per finding.
    pub fn explain_vi(&self) -> String {
        let mut out = format!(
            "{}: {} ({})\n",
            self.title,
            self.outcome.label_vi(),
            self.regime.reason_vi()
        );
        for f in &self.findings {
            out.push_str(&format!(
                "- [{}] {} ({})\n",
                f.rule.code(),
                f.message_vi(),
                f.citation
            ));
        }
        out
    }

    /// The whole explanation in English, one line per finding.
    pub fn explain_en(&self) -> String {
        let mut out = format!(
            "{}: {} ({})\n",
            self.title,
            self.outcome.label_en(),
            self.regime.reason_en()
        );
        for f in &self.findings {
            out.push_str(&format!(
                "- [{}] {} ({})\n",
                f.rule.code(),
                f.message_en(),
                f.citation
            ));
        }
        out
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.explain_en())
    }
}

/// The rules in force: the built-in regimes plus the jurisdictions' overrides and
/// custom rules.
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{Evaluator, MemberFacts, Outcome, Period, ReviewContext, SchoolYear, TaskGrade};
///
/// let evaluator = Evaluator::new();
/// let context = ReviewContext::new(Period::SchoolYear("2024-2025".parse()?))
///     .submitted_on(NaiveDate::from_ymd_opt(2025, 6, 1).ok_or("date")?);
/// let facts = MemberFacts::new()
///     .with_grade(TaskGrade::Good)
///     .with_recruited_on(NaiveDate::from_ymd_opt(2020, 9, 1).ok_or("date")?);
/// let verdict = evaluator.evaluate(thidua::Candidate::Member(&facts), "ldtt", &context, &[])?;
/// assert_eq!(verdict.outcome(), Outcome::Eligible);
/// assert_eq!(verdict.finding("ldtt.grade").map(|f| f.citation().to_string()),
///            Some("Luật Thi đua, khen thưởng 06/2022/QH15, Điều 24, khoản 1".to_owned()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Evaluator {
    overrides: Vec<Override>,
    custom: Vec<CustomEntry>,
}

/// What kind of candidate a title is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Individual,
    Collective,
}

fn kind_of(title: &str) -> Option<Kind> {
    match title {
        codes::LDTT | codes::CSTDCS | codes::CSTD_TINH | codes::CSTDTQ | codes::BK_TINH => {
            Some(Kind::Individual)
        }
        codes::TTLDXS | codes::TTLDTT => Some(Kind::Collective),
        _ => None,
    }
}

fn prerequisite(title: &str) -> Option<&'static str> {
    match title {
        codes::CSTDCS => Some(codes::LDTT),
        codes::CSTD_TINH | codes::BK_TINH => Some(codes::CSTDCS),
        codes::CSTDTQ => Some(codes::CSTD_TINH),
        _ => None,
    }
}

#[derive(Debug, Clone)]
enum Planned {
    Builtin(RuleId, Citation),
    Custom(Arc<dyn CustomRule>),
}

/// The rules for one title, regime and jurisdiction, resolved once and applied to
/// many candidates.
#[derive(Debug, Clone)]
pub struct Plan {
    title: TitleCode,
    kind: Option<Kind>,
    regime: RegimeChoice,
    context: ReviewContext,
    start: NaiveDate,
    end: NaiveDate,
    year: i32,
    params: Params,
    rules: Vec<Planned>,
    prerequisite: Option<Box<Plan>>,
}

/// Whether a plan is for the title asked for or for a prerequisite inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Depth {
    Top,
    Prerequisite,
}

impl Evaluator {
    /// The built-in regimes with no overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a jurisdiction's override (later overrides win over earlier ones).
    pub fn add_override(&mut self, o: Override) {
        self.overrides.push(o);
    }

    /// Adds a jurisdiction's own rule from a date.
    pub fn add_custom_rule(
        &mut self,
        rule: Arc<dyn CustomRule>,
        scope: Jurisdiction,
        from: NaiveDate,
    ) {
        self.custom.push(CustomEntry { rule, scope, from });
    }

    /// The overrides, in the order added.
    pub fn overrides(&self) -> &[Override] {
        &self.overrides
    }

    /// Resolves the rules for a title, for cases decided under `context`, for a
    /// candidate whose unit and its ancestors are `jurisdiction` (nearest first;
    /// empty when overrides by subtree do not matter).
    ///
    /// # Errors
    /// [`RuleError::NoRegime`] when no regime covers the day the case is decided on;
    /// [`RuleError::UnknownTitle`] when nothing rules the title.
    pub fn plan(
        &self,
        title: &str,
        context: &ReviewContext,
        jurisdiction: &[UnitId],
    ) -> Result<Plan, RuleError> {
        self.plan_at(title, context, jurisdiction, Depth::Top)
    }

    fn plan_at(
        &self,
        title: &str,
        context: &ReviewContext,
        jurisdiction: &[UnitId],
        depth: Depth,
    ) -> Result<Plan, RuleError> {
        let regime = context.regime()?;
        let decided = regime.date();
        let (start, end) = context.span();
        let applicable: Vec<&Override> = self
            .overrides
            .iter()
            .filter(|o| o.applies_on(decided) && o.scope().covers(jurisdiction))
            .collect();
        let mut params = Params::defaults(regime.regime());
        let mut on: Vec<(RuleId, Citation)> = RuleId::ALL
            .iter()
            .filter(|r| {
                r.default_state() == DefaultState::On && r.regimes().contains(&regime.regime())
            })
            .map(|&r| (r, r.citation(regime.regime())))
            .collect();
        for o in &applicable {
            match o.change() {
                Change::SetParameter { parameter, value } => {
                    params.set(*parameter, *value, o.citation().clone());
                }
                Change::EnableRule { rule } => {
                    on.retain(|(r, _)| r != rule);
                    on.push((*rule, o.citation().clone()));
                }
                Change::DisableRule { rule } => on.retain(|(r, _)| r != rule),
            }
        }
        let kind = kind_of(title);
        let mut rules: Vec<Planned> = on
            .into_iter()
            .filter(|(r, _)| {
                r.title() == title
                    || (r.applies_to_all_titles() && depth == Depth::Top && kind.is_some())
            })
            .map(|(r, c)| Planned::Builtin(r, c))
            .collect();
        rules.sort_by_key(|p| match p {
            Planned::Builtin(r, _) => *r,
            Planned::Custom(_) => RuleId::LdttGrade,
        });
        for c in &self.custom {
            if c.rule.title() == title && c.from <= decided && c.scope.covers(jurisdiction) {
                rules.push(Planned::Custom(Arc::clone(&c.rule)));
            }
        }
        if rules.is_empty() {
            return Err(RuleError::UnknownTitle {
                title: title.to_owned(),
            });
        }
        let prerequisite = match prerequisite(title) {
            Some(p) => Some(Box::new(self.plan_at(
                p,
                context,
                jurisdiction,
                Depth::Prerequisite,
            )?)),
            None => None,
        };
        let title_code = TitleCode::try_new(title).map_err(|_| RuleError::UnknownTitle {
            title: title.to_owned(),
        })?;
        Ok(Plan {
            title: title_code,
            kind,
            regime,
            context: context.clone(),
            start,
            end,
            year: context.year_index(),
            params,
            rules,
            prerequisite,
        })
    }

    /// Evaluates a candidate for a title: [`Evaluator::plan`] then
    /// [`Plan::explain`].
    ///
    /// # Errors
    /// As [`Evaluator::plan`], and [`RuleError::WrongCandidate`] when an individual
    /// is evaluated for a collective title or the reverse.
    pub fn evaluate(
        &self,
        candidate: Candidate<'_>,
        title: &str,
        context: &ReviewContext,
        jurisdiction: &[UnitId],
    ) -> Result<Verdict, RuleError> {
        self.plan(title, context, jurisdiction)?.explain(candidate)
    }

    /// Checks a unit's nomination list against the quota of CSTĐCS per LĐTT in
    /// force (ND 91/2017 Điều 9 khoản 3 until 2023-12-31; afterwards only where an
    /// override sets [`ParamId::CstdcsQuotaPercent`]).
    ///
    /// # Errors
    /// [`RuleError::NoRegime`] when no regime covers the day.
    pub fn check_quota(
        &self,
        context: &ReviewContext,
        jurisdiction: &[UnitId],
        ldtt: u32,
        cstdcs: u32,
    ) -> Result<QuotaCheck, RuleError> {
        let plan = self.plan(codes::CSTDCS, context, jurisdiction)?;
        let percent = plan.params.get(ParamId::CstdcsQuotaPercent);
        let allowed = (percent > 0).then(|| u64::from(ldtt) * u64::from(percent) / 100);
        Ok(QuotaCheck {
            ldtt,
            cstdcs,
            percent,
            allowed,
            citation: plan
                .params
                .citation(ParamId::CstdcsQuotaPercent)
                .cloned()
                .unwrap_or_else(|| Citation::new("")),
        })
    }
}

/// The result of a quota check on a nomination list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaCheck {
    ldtt: u32,
    cstdcs: u32,
    percent: u32,
    allowed: Option<u64>,
    citation: Citation,
}

impl QuotaCheck {
    /// The most CSTĐCS allowed (`None`: no quota in force).
    pub fn allowed(&self) -> Option<u64> {
        self.allowed
    }

    /// Whether the list respects the quota.
    pub fn is_within(&self) -> bool {
        self.allowed.is_none_or(|a| u64::from(self.cstdcs) <= a)
    }

    /// The quota's source.
    pub fn citation(&self) -> &Citation {
        &self.citation
    }

    /// The diagnostic for a list over the quota, naming both numbers.
    pub fn diagnostic(
        &self,
        at: crate::diagnostic::Location,
    ) -> Option<crate::diagnostic::Diagnostic> {
        let allowed = self.allowed?;
        (u64::from(self.cstdcs) > allowed).then(|| {
            crate::diagnostic::Diagnostic::new(
                "quota.cstdcs",
                crate::diagnostic::Severity::Error,
                at,
                format!(
                    "{} CSTĐCS proposed but at most {allowed} allowed: {}% of {} LĐTT ({})",
                    self.cstdcs, self.percent, self.ldtt, self.citation
                ),
            )
        })
    }
}

fn months_between(from: NaiveDate, end: NaiveDate) -> u32 {
    let Some(after) = end.succ_opt() else {
        return 0;
    };
    if from >= after {
        return 0;
    }
    let raw = (after.year() - from.year()) * 12 + after.month() as i32 - from.month() as i32;
    let mut m = u32::try_from(raw.max(0)).unwrap_or(0);
    while m > 0
        && from
            .checked_add_months(Months::new(m))
            .is_none_or(|d| d > after)
    {
        m -= 1;
    }
    m
}

impl Plan {
    /// The title.
    pub fn title(&self) -> &TitleCode {
        &self.title
    }

    /// The regime, and why.
    pub fn regime(&self) -> &RegimeChoice {
        &self.regime
    }

    /// The codes of the rules in the plan (its own, without prerequisites').
    pub fn rule_codes(&self) -> Vec<String> {
        self.rules
            .iter()
            .map(|r| match r {
                Planned::Builtin(id, _) => id.code().to_owned(),
                Planned::Custom(c) => c.code().to_owned(),
            })
            .collect()
    }

    fn check_kind(&self, candidate: Candidate<'_>) -> Result<(), RuleError> {
        match (self.kind, candidate) {
            (Some(Kind::Individual), Candidate::Collective(_)) => Err(RuleError::WrongCandidate {
                title: self.title.to_string(),
                expected: "an individual",
            }),
            (Some(Kind::Collective), Candidate::Member(_)) => Err(RuleError::WrongCandidate {
                title: self.title.to_string(),
                expected: "a collective",
            }),
            _ => Ok(()),
        }
    }

    /// The outcome alone, without explanations: the fast path for reviewing many
    /// candidates.
    ///
    /// # Errors
    /// [`RuleError::WrongCandidate`] for a candidate of the wrong kind.
    pub fn outcome(&self, candidate: Candidate<'_>) -> Result<Outcome, RuleError> {
        self.check_kind(candidate)?;
        Ok(self.outcome_unchecked(candidate))
    }

    fn outcome_unchecked(&self, candidate: Candidate<'_>) -> Outcome {
        let pre = self
            .prerequisite
            .as_ref()
            .map(|p| p.outcome_unchecked(candidate));
        combine(self.rules.iter().map(|r| match r {
            Planned::Builtin(id, _) => self.check(*id, candidate, pre).0,
            Planned::Custom(c) => c.check(candidate, &self.context).status,
        }))
    }

    /// The outcome with one finding per rule (prerequisites' findings first).
    ///
    /// # Errors
    /// [`RuleError::WrongCandidate`] for a candidate of the wrong kind.
    pub fn explain(&self, candidate: Candidate<'_>) -> Result<Verdict, RuleError> {
        self.check_kind(candidate)?;
        let mut findings = Vec::with_capacity(8);
        let pre = match &self.prerequisite {
            Some(p) => {
                let v = p.explain(candidate)?;
                findings.extend(v.findings);
                Some(v.outcome)
            }
            None => None,
        };
        let first = findings.len();
        for r in &self.rules {
            findings.push(match r {
                Planned::Builtin(id, citation) => {
                    let (status, detail) = self.check(*id, candidate, pre);
                    Finding {
                        rule: RuleRef::Builtin(*id),
                        citation: citation.clone(),
                        status,
                        detail,
                    }
                }
                Planned::Custom(c) => {
                    let check = c.check(candidate, &self.context);
                    Finding {
                        rule: RuleRef::Custom(Arc::from(c.code())),
                        citation: c.citation(),
                        status: check.status,
                        detail: Detail::Custom {
                            vi: check.message_vi,
                            en: check.message_en,
                        },
                    }
                }
            });
        }
        let outcome = combine(findings.iter().skip(first).map(|f| f.status));
        Ok(Verdict {
            title: self.title.clone(),
            outcome,
            regime: self.regime,
            findings,
        })
    }

    /// TT 01/2024/TT-BNV takes effect on 2024-04-15: a case decided under ND 98/2023
    /// before then has no circular-based recruitment rule, unless a jurisdiction
    /// set the parameter itself.
    fn circular_not_yet_in_force(&self) -> bool {
        self.regime.regime() == crate::rules::regime::RegimeId::Nd98
            && self.regime.date() < crate::rules::regime::TT01_FROM
            && self
                .params
                .citation(ParamId::NewRecruitMinMonths)
                .is_some_and(|c| c.document() == crate::rules::regime::TT01)
    }

    fn in_period(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    fn initiatives_since(
        &self,
        facts: &MemberFacts,
        since: NaiveDate,
        scope: InfluenceScope,
    ) -> Option<usize> {
        let list = facts.initiatives()?;
        let mut ids = Vec::new();
        let mut anonymous = 0usize;
        for i in list {
            let counts = i.recognised_on() >= since
                && i.recognised_on() <= self.end
                && i.level().is_at_least(RecognitionLevel::Unit)
                && i.scope() >= scope;
            if !counts {
                continue;
            }
            match i.id() {
                Some(id) if ids.contains(&id) => {}
                Some(id) => ids.push(id),
                None => anonymous += 1,
            }
        }
        Some(ids.len() + anonymous)
    }

    /// Consecutive years ending with this period in which the person held `title`,
    /// counting this period when the prerequisite's outcome says so.
    fn consecutive(
        &self,
        facts: &MemberFacts,
        title: &str,
        current: Option<Outcome>,
    ) -> Option<u32> {
        let history = facts.history()?;
        let held = |y: i32| {
            history
                .iter()
                .any(|p| p.year() == y && p.title().as_str() == title)
        };
        let this_year = if held(self.year) {
            true
        } else {
            match current {
                Some(Outcome::Eligible) => true,
                Some(Outcome::Undetermined) => return None,
                _ => false,
            }
        };
        if !this_year {
            return Some(0);
        }
        let mut n = 1u32;
        let mut y = self.year;
        while let Some(prev) = y.checked_sub(1) {
            if !held(prev) {
                break;
            }
            n = n.saturating_add(1);
            y = prev;
        }
        Some(n)
    }

    fn years_back(&self, years: u32) -> NaiveDate {
        let back = years.saturating_sub(1).saturating_mul(12);
        self.start
            .checked_sub_months(Months::new(back))
            .unwrap_or(NaiveDate::MIN)
    }

    fn check(
        &self,
        id: RuleId,
        candidate: Candidate<'_>,
        pre: Option<Outcome>,
    ) -> (Status, Detail) {
        match candidate {
            Candidate::Member(f) => self.check_member(id, f, pre),
            Candidate::Collective(c) => self.check_collective(id, c),
        }
    }

    fn check_member(&self, id: RuleId, f: &MemberFacts, pre: Option<Outcome>) -> (Status, Detail) {
        let p = &self.params;
        match id {
            RuleId::LdttGrade => {
                let min = TaskGrade::Good;
                let status = f.grade().map_or(Status::Unknown, |g| pass_if(g >= min));
                (
                    status,
                    Detail::Grade {
                        grade: f.grade(),
                        min,
                    },
                )
            }
            RuleId::LdttNewRecruit if self.circular_not_yet_in_force() => (
                Status::NotApplicable,
                Detail::Custom {
                    vi: "Thông tư 01/2024/TT-BNV chỉ có hiệu lực từ ngày 15/04/2024".to_owned(),
                    en: "Circular 01/2024/TT-BNV takes effect only on 2024-04-15".to_owned(),
                },
            ),
            RuleId::LdttNewRecruit => {
                let min = p.get(ParamId::NewRecruitMinMonths);
                match f.recruited_on() {
                    None => (
                        Status::Unknown,
                        Detail::Months {
                            recruited: None,
                            months: 0,
                            min,
                        },
                    ),
                    Some(r) => {
                        let months = months_between(r, self.end);
                        (
                            pass_if(months >= min),
                            Detail::Months {
                                recruited: Some(r),
                                months,
                                min,
                            },
                        )
                    }
                }
            }
            RuleId::LdttDiscipline => {
                let min = DisciplineLevel::Reprimand;
                match f.disciplines() {
                    None => (Status::Unknown, Detail::Discipline { found: None, min }),
                    Some(list) => {
                        let found = list
                            .iter()
                            .find(|d| d.level() >= min && self.in_period(d.decided()))
                            .map(|d| (d.level(), d.decided()));
                        (pass_if(found.is_none()), Detail::Discipline { found, min })
                    }
                }
            }
            RuleId::LdttAbsence => {
                let max = p.get(ParamId::AbsenceMaxDays);
                let days = f.leaves().map(|list| {
                    list.iter()
                        .filter(|l| l.counts_as_working_time() != Some(true))
                        .filter_map(|l| {
                            let s = l.range().start().max(self.start);
                            let e = l.range().end().min(self.end);
                            (s <= e).then(|| (e - s).num_days().unsigned_abs() + 1)
                        })
                        .sum::<u64>()
                });
                let status = days.map_or(Status::Unknown, |d| pass_if(d <= u64::from(max)));
                (status, Detail::Absence { days, max })
            }
            RuleId::RegistrationRequired => {
                let registered = f
                    .registered()
                    .map(|r| r.iter().any(|t| t.as_str() == self.title.as_str()));
                let status = registered.map_or(Status::Unknown, pass_if);
                (status, Detail::Registered { registered })
            }
            RuleId::UnderReview => self.check_review(f.under_review(), f.disciplines()),
            RuleId::CstdcsLdtt => self.prerequisite_status(codes::LDTT, pre),
            RuleId::CstdcsExcellenceOrInitiative => {
                let initiatives = self.initiatives_since(f, self.start, InfluenceScope::Unit);
                let status = any_of(&[
                    f.grade().map(|g| g == TaskGrade::Excellent),
                    initiatives.map(|n| n > 0),
                    f.accepted_research().map(|n| n > 0),
                ]);
                (
                    status,
                    Detail::ExcellenceOrInitiative {
                        grade: f.grade(),
                        initiatives,
                        research: f.accepted_research(),
                    },
                )
            }
            RuleId::CstdcsInitiative => {
                let found = self.initiatives_since(f, self.start, InfluenceScope::Unit);
                let status = found.map_or(Status::Unknown, |n| pass_if(n >= 1));
                (
                    status,
                    Detail::Initiatives {
                        found,
                        needed: 1,
                        scope: None,
                    },
                )
            }
            RuleId::CstdTinhConsecutive => {
                let needed = p.get(ParamId::CstdTinhConsecutiveYears);
                let years = self.consecutive(f, codes::CSTDCS, pre);
                let status = years.map_or(Status::Unknown, |y| pass_if(y >= needed));
                (
                    status,
                    Detail::Consecutive {
                        title: codes::CSTDCS,
                        years,
                        needed,
                    },
                )
            }
            RuleId::CstdTinhInitiative => {
                let years = p.get(ParamId::CstdTinhConsecutiveYears);
                let found = self.initiatives_since(
                    f,
                    self.years_back(years),
                    InfluenceScope::SectorOrProvince,
                );
                let status = found.map_or(Status::Unknown, |n| pass_if(n >= 1));
                (
                    status,
                    Detail::Initiatives {
                        found,
                        needed: 1,
                        scope: Some(InfluenceScope::SectorOrProvince),
                    },
                )
            }
            RuleId::CstdtqConsecutive => {
                let needed = p.get(ParamId::CstdtqConsecutiveYears);
                let years = self.consecutive(f, codes::CSTD_TINH, pre);
                let status = years.map_or(Status::Unknown, |y| pass_if(y >= needed));
                (
                    status,
                    Detail::Consecutive {
                        title: codes::CSTD_TINH,
                        years,
                        needed,
                    },
                )
            }
            RuleId::CstdtqInitiative => {
                let years = p
                    .get(ParamId::CstdtqConsecutiveYears)
                    .saturating_mul(p.get(ParamId::CstdTinhConsecutiveYears));
                let found =
                    self.initiatives_since(f, self.years_back(years), InfluenceScope::National);
                let status = found.map_or(Status::Unknown, |n| pass_if(n >= 1));
                (
                    status,
                    Detail::Initiatives {
                        found,
                        needed: 1,
                        scope: Some(InfluenceScope::National),
                    },
                )
            }
            RuleId::BkTinhRecord => {
                let needed = p.get(ParamId::BkTinhConsecutiveYears);
                let cstdcs_years = self.consecutive(f, codes::CSTDCS, pre);
                let excellent_years = f.grade_history().zip(f.grade()).map(|(h, g)| {
                    if g != TaskGrade::Excellent {
                        return 0;
                    }
                    let mut n = 1u32;
                    let mut y = self.year;
                    while let Some(prev) = y.checked_sub(1) {
                        if !h
                            .iter()
                            .any(|(yy, gg)| *yy == prev && *gg == TaskGrade::Excellent)
                        {
                            break;
                        }
                        n = n.saturating_add(1);
                        y = prev;
                    }
                    n
                });
                let initiatives =
                    self.initiatives_since(f, self.years_back(needed), InfluenceScope::Unit);
                let by_excellence = match (excellent_years, initiatives) {
                    (Some(y), _) if y < needed => Some(false),
                    (_, Some(n)) if n < 2 => Some(false),
                    (Some(_), Some(_)) => Some(true),
                    _ => None,
                };
                let status = any_of(&[cstdcs_years.map(|y| y >= needed), by_excellence]);
                (
                    status,
                    Detail::Record {
                        cstdcs_years,
                        excellent_years,
                        initiatives,
                        needed,
                    },
                )
            }
            _ => (
                Status::NotApplicable,
                Detail::Custom {
                    vi: "quy định dành cho tập thể".to_owned(),
                    en: "a rule for collectives".to_owned(),
                },
            ),
        }
    }

    fn prerequisite_status(&self, title: &'static str, pre: Option<Outcome>) -> (Status, Detail) {
        let outcome = pre.unwrap_or(Outcome::Undetermined);
        let status = match outcome {
            Outcome::Eligible => Status::Pass,
            Outcome::Ineligible => Status::Fail,
            Outcome::Undetermined => Status::Unknown,
        };
        (status, Detail::Prerequisite { title, outcome })
    }

    fn check_review(
        &self,
        review: Option<ReviewState>,
        disciplines: Option<&[crate::rules::facts::Discipline]>,
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
        let mut term_until = None;
        match disciplines {
            None => unknown = true,
            Some(list) => {
                for d in list.iter().filter(|d| d.decided() <= self.end) {
                    match d.served_until() {
                        None => unknown = true,
                        Some(t) if t >= self.start => {
                            return (
                                Status::Fail,
                                Detail::ReviewState {
                                    review,
                                    term_until: Some(t),
                                },
                            );
                        }
                        Some(t) => term_until = Some(t),
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

    fn check_collective(&self, id: RuleId, c: &CollectiveFacts) -> (Status, Detail) {
        let p = &self.params;
        let share = |percent: u32, strict: bool| {
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
        };
        match id {
            RuleId::UnderReview => self.check_review(c.under_review(), Some(&[])),
            RuleId::TtldxsGrade => {
                let min = TaskGrade::Excellent;
                (
                    c.grade().map_or(Status::Unknown, |g| pass_if(g >= min)),
                    Detail::Grade {
                        grade: c.grade(),
                        min,
                    },
                )
            }
            RuleId::TtldttGrade => {
                let min = TaskGrade::Good;
                (
                    c.grade().map_or(Status::Unknown, |g| pass_if(g >= min)),
                    Detail::Grade {
                        grade: c.grade(),
                        min,
                    },
                )
            }
            RuleId::TtldxsAllComplete => {
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
            }
            RuleId::TtldxsLdttShare => share(p.get(ParamId::TtldxsMinLdttPercent), false),
            RuleId::TtldttLdttShare => share(p.get(ParamId::TtldttMinLdttPercent), true),
            RuleId::TtldxsHasCstdcs => {
                let status = c.cstdcs().map_or(Status::Unknown, |n| pass_if(n >= 1));
                (status, Detail::AtLeastOne { count: c.cstdcs() })
            }
            RuleId::TtldttDiscipline => {
                let n = c.disciplined_warning_or_above();
                (
                    n.map_or(Status::Unknown, |n| pass_if(n == 0)),
                    Detail::NoneDisciplined { count: n },
                )
            }
            _ => (
                Status::NotApplicable,
                Detail::Custom {
                    vi: "quy định dành cho cá nhân".to_owned(),
                    en: "a rule for individuals".to_owned(),
                },
            ),
        }
    }
}

impl CollectiveFacts {
    /// Counts members' outcomes into a collective's facts: every member, those who
    /// completed their tasks, and those eligible for LĐTT and CSTĐCS.
    pub fn tally(
        grade: Option<TaskGrade>,
        members: impl IntoIterator<Item = (Option<TaskGrade>, Outcome, Outcome)>,
    ) -> CollectiveFacts {
        let (mut all, mut done, mut ldtt, mut cstdcs) = (0u32, 0u32, 0u32, 0u32);
        for (g, l, c) in members {
            all = all.saturating_add(1);
            done = done.saturating_add(u32::from(g.is_some_and(|g| g >= TaskGrade::Completed)));
            ldtt = ldtt.saturating_add(u32::from(l == Outcome::Eligible));
            cstdcs = cstdcs.saturating_add(u32::from(c == Outcome::Eligible));
        }
        let facts = CollectiveFacts::new().with_counts(all, done, ldtt, cstdcs);
        match grade {
            Some(g) => facts.with_grade(g),
            None => facts,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn months_are_whole_months_to_the_end_of_the_period() {
        assert_eq!(months_between(d(2024, 1, 1), d(2024, 12, 31)), 12);
        assert_eq!(months_between(d(2024, 7, 1), d(2024, 12, 31)), 6);
        assert_eq!(months_between(d(2024, 7, 2), d(2024, 12, 31)), 5);
        assert_eq!(months_between(d(2025, 1, 1), d(2024, 12, 31)), 0);
        assert_eq!(
            months_between(NaiveDate::MIN, NaiveDate::MAX),
            months_between(NaiveDate::MIN, NaiveDate::MAX)
        );
    }
}
