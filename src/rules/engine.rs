//! The evaluator: plans of rules for a title, regime and jurisdiction, and verdicts
//! that say why.

use std::fmt;
use std::sync::Arc;

use chrono::{Datelike, Months, NaiveDate};

use crate::award::catalogue::{TitleCode, codes};
use crate::initiative::level::{InfluenceScope, RecognitionLevel};
use crate::rules::citation::Citation;
use crate::rules::facts::{
    AwardGrounds, CollectiveFacts, ContributionKind, DisciplineLevel, LeaveKind, MemberFacts,
    ReviewState, TaskGrade,
};
use crate::rules::param::{Change, Jurisdiction, Override, ParamId, ParamInForce, Params};
use crate::rules::regime::{RegimeChoice, RegimeId, ReviewContext, RuleError};
use crate::rules::rule::{DefaultState, RuleId};
use crate::value::format::Lang;
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
pub(crate) fn any_of(parts: &[Option<bool>]) -> Status {
    if parts.contains(&Some(true)) {
        Status::Pass
    } else if parts.iter().all(|p| *p == Some(false)) {
        Status::Fail
    } else {
        Status::Unknown
    }
}

pub(crate) fn pass_if(cond: bool) -> Status {
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
/// asked for. Each rule's module says what its facts mean, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Detail {
    /// A grade against the least grade that passes.
    Grade {
        grade: Option<TaskGrade>,
        min: TaskGrade,
    },
    /// Whole months from recruitment to the end of the period.
    Months {
        recruited: Option<NaiveDate>,
        months: u32,
        min: u32,
    },
    /// The first disciplinary measure at or above a level in the period.
    Discipline {
        found: Option<(DisciplineLevel, NaiveDate)>,
        min: DisciplineLevel,
    },
    /// Days absent, and the leave that was not counted as absence and why.
    Absence {
        days: Option<u64>,
        max: u32,
        excused: Vec<Excused>,
    },
    /// Whether the candidate registered for the title.
    Registered { registered: Option<bool> },
    /// Whether something is being considered, and a discipline's term.
    ReviewState {
        review: Option<ReviewState>,
        term_until: Option<NaiveDate>,
    },
    /// The outcome of a prerequisite title.
    Prerequisite {
        title: &'static str,
        outcome: Outcome,
    },
    /// The grade, initiatives and science projects of the period.
    ExcellenceOrInitiative {
        grade: Option<TaskGrade>,
        initiatives: Option<usize>,
        research: Option<u32>,
    },
    /// Initiatives (and, where they count, science projects) of a least scope.
    Initiatives {
        found: Option<usize>,
        research: Option<usize>,
        needed: usize,
        scope: InfluenceScope,
    },
    /// Consecutive times a title was held, ending with this period.
    Consecutive {
        title: &'static str,
        times: Option<u32>,
        needed: u32,
        excluded: u32,
    },
    /// A record of titles or excellent years with initiatives.
    Record {
        cstdcs_years: Option<u32>,
        excellent_years: Option<u32>,
        initiatives: Option<usize>,
        needed: u32,
        excluded: u32,
    },
    /// A count of members against all members and a share.
    Share {
        count: Option<u32>,
        total: Option<u32>,
        percent: u32,
        strict: bool,
    },
    /// A count of members.
    Count { count: Option<u32> },
    /// Moves that needed the previous unit's comments, and how many had them.
    Transfers {
        needing: Option<usize>,
        commented: Option<usize>,
        min: u32,
    },
    /// Why the rule does not apply, in Vietnamese and English.
    Note { vi: &'static str, en: &'static str },
    /// A user-defined rule's message.
    Custom { vi: String, en: String },
}

/// Leave that was not counted as absence, and why.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Excused {
    pub(crate) kind: LeaveKind,
    pub(crate) days: u64,
    /// A training of a year or more (excused only with a result of *khá* or better).
    pub(crate) long_training: bool,
    /// The provision that makes it no absence.
    pub(crate) law: &'static crate::rules::law::Provision,
}

impl PartialEq for Excused {
    fn eq(&self, other: &Self) -> bool {
        (self.kind, self.days, self.long_training) == (other.kind, other.days, other.long_training)
            && std::ptr::eq(self.law, other.law)
    }
}

impl Eq for Excused {}

/// One rule's finding: the rule, its citation, the status, the facts it used, and a
/// message in Vietnamese and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    rule: RuleRef,
    citation: Citation,
    status: Status,
    detail: Detail,
    overridden: Vec<ParamInForce>,
}

fn opt<T: fmt::Display>(v: Option<T>, unknown: &str) -> String {
    v.map_or_else(|| unknown.to_owned(), |v| v.to_string())
}

impl Finding {
    /// The rule.
    pub fn rule(&self) -> &RuleRef {
        &self.rule
    }

    /// The provision the rule encodes (or, for a rule a jurisdiction enabled, the
    /// override's own citation). The parameters a jurisdiction set are cited by
    /// [`Finding::overridden_parameters`].
    pub fn citation(&self) -> &Citation {
        &self.citation
    }

    /// The parameters the rule used whose value a jurisdiction's override set, each
    /// with the override (citation, scope, dates) and the built-in value it replaced.
    /// The messages name them too.
    pub fn overridden_parameters(&self) -> &[ParamInForce] {
        &self.overridden
    }

    /// The sources of the finding: the rule's citation, then each override of a
    /// parameter it used.
    pub fn sources(&self) -> String {
        let mut out = self.citation.to_string();
        for p in &self.overridden {
            out.push_str("; ");
            out.push_str(&p.citation().to_string());
        }
        out
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
            Detail::Absence { days, max, excused } => {
                let mut v = vec![
                    ("days_absent", opt(*days, u)),
                    ("max_days", max.to_string()),
                ];
                for e in excused {
                    v.push(("not_absent", format!("{} {}", e.kind.code(), e.days)));
                }
                v
            }
            Detail::Registered { registered } => vec![("registered", opt(*registered, u))],
            Detail::ReviewState { review, term_until } => vec![
                (
                    "under_review",
                    opt(review.map(|r| r == ReviewState::UnderReview), u),
                ),
                ("discipline_served_until", opt(*term_until, "none")),
            ],
            Detail::Prerequisite { title, outcome } => vec![
                ("title", (*title).to_owned()),
                ("outcome", outcome.code().to_owned()),
            ],
            Detail::ExcellenceOrInitiative {
                grade,
                initiatives,
                research,
            } => vec![
                ("grade", opt(grade.map(TaskGrade::code), u)),
                ("initiatives", opt(*initiatives, u)),
                ("accepted_research", opt(*research, u)),
            ],
            Detail::Initiatives {
                found,
                research,
                needed,
                scope,
            } => vec![
                ("initiatives", opt(*found, u)),
                ("accepted_research", opt(*research, u)),
                ("scope", scope.code().to_owned()),
                ("required", needed.to_string()),
            ],
            Detail::Consecutive {
                title,
                times,
                needed,
                excluded,
            } => vec![
                ("title", (*title).to_owned()),
                ("consecutive_times", opt(*times, u)),
                ("required", needed.to_string()),
                ("not_counted_ad_hoc_or_thematic", excluded.to_string()),
            ],
            Detail::Record {
                cstdcs_years,
                excellent_years,
                initiatives,
                needed,
                excluded,
            } => vec![
                ("consecutive_cstdcs_years", opt(*cstdcs_years, u)),
                ("consecutive_excellent_years", opt(*excellent_years, u)),
                ("initiatives", opt(*initiatives, u)),
                ("required_years", needed.to_string()),
                ("not_counted_ad_hoc_or_thematic", excluded.to_string()),
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
            Detail::Count { count } => vec![("count", opt(*count, u))],
            Detail::Transfers {
                needing,
                commented,
                min,
            } => vec![
                ("moves_needing_comments", opt(*needing, u)),
                ("with_comments", opt(*commented, u)),
                ("months_at_previous_unit", min.to_string()),
            ],
            Detail::Note { .. } | Detail::Custom { .. } => vec![],
        }
    }

    /// Why, in a language: the status, then what the rule found.
    pub fn message(&self, lang: Lang) -> String {
        let status = match lang {
            Lang::En => self.status.label_en(),
            _ => self.status.label_vi(),
        };
        let body = match (&self.rule, &self.detail) {
            (_, Detail::Note { vi, en }) => crate::rules::titles::pick(lang, vi, en),
            (_, Detail::Custom { vi, en }) => crate::rules::titles::pick(lang, vi, en),
            (RuleRef::Builtin(id), detail) => id.message(detail, self.status, lang),
            (RuleRef::Custom(_), _) => String::new(),
        };
        let mut out = format!("{status}: {body}");
        for p in &self.overridden {
            match lang {
                Lang::En => out.push_str(&format!(
                    "; {} under {}",
                    p.value_text(lang),
                    p.source_text(lang)
                )),
                _ => out.push_str(&format!(
                    "; mức {} theo {}",
                    p.value_text(lang),
                    p.source_text(lang)
                )),
            }
        }
        out
    }

    /// Why, in Vietnamese.
    pub fn message_vi(&self) -> String {
        self.message(Lang::Vi)
    }

    /// Why, in English.
    pub fn message_en(&self) -> String {
        self.message(Lang::En)
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
                f.sources()
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
                f.sources()
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
    unit_labels: Vec<(UnitId, Arc<str>)>,
}

/// What is in force for a jurisdiction on a day (see [`Evaluator::in_force`]).
#[derive(Debug, Clone)]
pub(crate) struct InForce {
    /// The parameters, overrides applied.
    pub(crate) params: Params,
    /// The built-in rules on, each with the citation a finding gives.
    pub(crate) on: Vec<(RuleId, Citation)>,
    /// The built-in rules an override turned off, with its citation.
    pub(crate) off: Vec<(RuleId, Citation)>,
    /// The overrides that apply, with the label of their unit if known.
    pub(crate) overrides: Vec<(Override, Option<Arc<str>>)>,
    /// The jurisdiction's own rules and the day each applies from.
    pub(crate) custom: Vec<(Arc<dyn CustomRule>, NaiveDate)>,
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

    /// Names a unit in the texts that cite an override scoped to it (its code and
    /// name, say), instead of its id.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use thidua::{Change, Citation, Evaluator, Jurisdiction, Lang, Override, ParamId, Period, ReviewContext, UnitId};
    ///
    /// let province = UnitId::from_key("TX");
    /// let mut evaluator = Evaluator::new();
    /// evaluator.add_override(Override::new(
    ///     Jurisdiction::Subtree { unit: province },
    ///     NaiveDate::from_ymd_opt(2024, 1, 1).ok_or("date")?,
    ///     Change::SetParameter { parameter: ParamId::NewRecruitMinMonths, value: 8 },
    ///     Citation::new("Quyết định 25/2024/QĐ-UBND").article("5"),
    /// ));
    /// evaluator.label_unit(province, "TX (Liên đoàn Lao động tỉnh X)");
    /// let context = ReviewContext::new(Period::Year("2024".parse()?))
    ///     .submitted_on(NaiveDate::from_ymd_opt(2025, 1, 10).ok_or("date")?);
    /// let plan = evaluator.plan("ldtt", &context, &[province])?;
    /// let months = plan.parameter(ParamId::NewRecruitMinMonths).ok_or("parameter")?;
    /// assert_eq!(
    ///     months.source_text(Lang::En),
    ///     "Quyết định 25/2024/QĐ-UBND, Điều 5, applying to TX (Liên đoàn Lao động tỉnh X) and every unit below it, \
    ///      from 2024-01-01, replacing 6 months (Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm d)"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn label_unit(&mut self, unit: UnitId, label: impl Into<String>) {
        let label: Arc<str> = Arc::from(label.into());
        match self.unit_labels.iter_mut().find(|(u, _)| *u == unit) {
            Some(slot) => slot.1 = label,
            None => self.unit_labels.push((unit, label)),
        }
    }

    /// The label of an override's unit, if one was given.
    fn scope_label(&self, scope: Jurisdiction) -> Option<Arc<str>> {
        match scope {
            Jurisdiction::Everywhere => None,
            Jurisdiction::Subtree { unit } => self
                .unit_labels
                .iter()
                .find(|(u, _)| *u == unit)
                .map(|(_, l)| Arc::clone(l)),
        }
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

    /// The parameters and the rules in force under a regime, for cases decided on
    /// `decided` in a jurisdiction: the built-in defaults with every override that
    /// applies, in the order added.
    pub(crate) fn in_force(
        &self,
        regime: RegimeId,
        decided: NaiveDate,
        jurisdiction: &[UnitId],
    ) -> InForce {
        let applicable: Vec<&Override> = self
            .overrides
            .iter()
            .filter(|o| o.applies_on(decided) && o.scope().covers(jurisdiction))
            .collect();
        let mut params = Params::defaults(regime);
        let mut on: Vec<(RuleId, Citation)> = RuleId::ALL
            .iter()
            .filter(|r| r.default_state() == DefaultState::On)
            .filter_map(|&r| r.citation(regime).map(|c| (r, c)))
            .collect();
        let mut off: Vec<(RuleId, Citation)> = Vec::new();
        for o in &applicable {
            match o.change() {
                Change::SetParameter { parameter, value } => {
                    params.set(*parameter, *value, o, self.scope_label(o.scope()));
                }
                Change::EnableRule { rule } => {
                    on.retain(|(r, _)| r != rule);
                    off.retain(|(r, _)| r != rule);
                    on.push((*rule, o.citation().clone()));
                }
                Change::DisableRule { rule } => {
                    on.retain(|(r, _)| r != rule);
                    off.retain(|(r, _)| r != rule);
                    off.push((*rule, o.citation().clone()));
                }
            }
        }
        let custom = self
            .custom
            .iter()
            .filter(|c| c.from <= decided && c.scope.covers(jurisdiction))
            .map(|c| (Arc::clone(&c.rule), c.from))
            .collect();
        InForce {
            params,
            on,
            off,
            overrides: applicable
                .into_iter()
                .map(|o| (o.clone(), self.scope_label(o.scope())))
                .collect(),
            custom,
        }
    }

    fn plan_at(
        &self,
        title: &str,
        context: &ReviewContext,
        jurisdiction: &[UnitId],
        depth: Depth,
    ) -> Result<Plan, RuleError> {
        let regime = context.regime()?;
        let decided = context.decided_on();
        let (start, end) = context.span();
        let InForce { params, on, .. } = self.in_force(regime.regime(), decided, jurisdiction);
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

    /// The units that scope an override or a custom rule: a unit not among them has
    /// its parent's scope key.
    pub(crate) fn scope_units(&self) -> std::collections::HashSet<UnitId> {
        self.overrides
            .iter()
            .map(|o| o.scope())
            .chain(self.custom.iter().map(|c| c.scope))
            .filter_map(|s| match s {
                Jurisdiction::Subtree { unit } => Some(unit),
                Jurisdiction::Everywhere => None,
            })
            .collect()
    }

    /// Which overrides and custom rules cover a jurisdiction (dates aside): two
    /// jurisdictions with the same key get the same plans.
    pub(crate) fn scope_key(&self, jurisdiction: &[UnitId], key: &mut Vec<bool>) {
        key.clear();
        key.extend(
            self.overrides
                .iter()
                .map(|o| o.scope().covers(jurisdiction))
                .chain(self.custom.iter().map(|c| c.scope.covers(jurisdiction))),
        );
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
        Ok(self
            .plan(codes::CSTDCS, context, jurisdiction)?
            .quota(ldtt, cstdcs))
    }
}

impl Plan {
    /// The quota check of a nomination list under this plan's parameters.
    pub(crate) fn quota(&self, ldtt: u32, cstdcs: u32) -> QuotaCheck {
        let percent = self.params.get(ParamId::CstdcsQuotaPercent);
        let allowed = (percent > 0).then(|| u64::from(ldtt) * u64::from(percent) / 100);
        let source = self.params.entry(ParamId::CstdcsQuotaPercent).cloned();
        QuotaCheck {
            ldtt,
            cstdcs,
            percent,
            allowed,
            citation: source
                .as_ref()
                .map_or_else(|| Citation::new(""), |p| p.citation().clone()),
            source,
        }
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
    source: Option<ParamInForce>,
}

impl QuotaCheck {
    /// The CSTĐCS proposed.
    pub fn proposed(&self) -> u32 {
        self.cstdcs
    }

    /// The LĐTT of the list the quota is a share of.
    pub fn ldtt(&self) -> u32 {
        self.ldtt
    }

    /// The quota in percent of the LĐTT (0: none in force).
    pub fn percent(&self) -> u32 {
        self.percent
    }

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

    /// The quota parameter in force: its value and source, and when a
    /// jurisdiction's override set it, the override and the built-in value it
    /// replaced.
    pub fn parameter(&self) -> Option<&ParamInForce> {
        self.source.as_ref()
    }

    /// The diagnostic for a list over the quota, naming both numbers.
    pub fn diagnostic(
        &self,
        at: crate::diagnostic::Location,
    ) -> Option<crate::diagnostic::Diagnostic> {
        let allowed = self.allowed?;
        let overridden = self.source.as_ref().filter(|p| p.overridden_by().is_some());
        (u64::from(self.cstdcs) > allowed).then(|| match overridden {
            Some(p) => crate::diagnostic::Diagnostic::of(
                "quota.cstdcs",
                crate::diagnostic::Severity::Error,
                at,
            )
            .variant("override")
            .num("proposed", self.cstdcs)
            .num("allowed", allowed)
            .arg("percent", self.percent)
            .num("ldtt", self.ldtt)
            .words("source", p.source_text(Lang::Vi), p.source_text(Lang::En)),
            None => crate::diagnostic::Diagnostic::of(
                "quota.cstdcs",
                crate::diagnostic::Severity::Error,
                at,
            )
            .num("proposed", self.cstdcs)
            .num("allowed", allowed)
            .arg("percent", self.percent)
            .num("ldtt", self.ldtt)
            .arg("citation", &self.citation),
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
    let m = u32::try_from(raw.max(0)).unwrap_or(0);
    // `from` plus `m` months falls in the month of `after`, on `from`'s day or, where
    // that month is shorter, on its last day: past `after` only when `after` is
    // earlier in the month than `from` and not the month's last day.
    let last_day_of_month = after.with_day(after.day() + 1).is_none();
    if m > 0 && from.day() > after.day() && !last_day_of_month {
        m - 1
    } else {
        m
    }
}

/// Which contributions count toward a rule: initiatives only, or science projects
/// accepted and applied too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Counted {
    Initiatives,
    Research,
}

/// Consecutive times a title was held, and the titles left out because they were
/// awarded for ad-hoc or thematic achievements (ND 152/2025 Điều 4 khoản 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Streak {
    pub(crate) times: u32,
    pub(crate) excluded: u32,
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

    /// The parameters in force for the plan — value and source of each, and for
    /// those a jurisdiction's override set, the override and the built-in value it
    /// replaced — in the order of [`ParamId::ALL`] (then any the regime does not set).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use thidua::{Evaluator, ParamId, Period, ReviewContext};
    ///
    /// let context = ReviewContext::new(Period::Year("2024".parse()?))
    ///     .submitted_on(NaiveDate::from_ymd_opt(2025, 1, 10).ok_or("date")?);
    /// let plan = Evaluator::new().plan("ldtt", &context, &[])?;
    /// let months = plan.parameter(ParamId::NewRecruitMinMonths).ok_or("parameter")?;
    /// assert_eq!((months.value(), months.overridden_by()), (6, None));
    /// assert!(plan.parameters().iter().any(|p| p.parameter() == ParamId::TtldxsMinLdttPercent));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parameters(&self) -> &[ParamInForce] {
        self.params.all()
    }

    /// One parameter in force (`None`: neither the regime nor an override sets it).
    pub fn parameter(&self, id: ParamId) -> Option<&ParamInForce> {
        self.params.entry(id)
    }

    /// The parameters among `ids` whose value an override set.
    fn overridden(&self, ids: &[ParamId]) -> Vec<ParamInForce> {
        ids.iter()
            .filter_map(|&id| self.params.entry(id))
            .filter(|p| p.overridden_by().is_some())
            .cloned()
            .collect()
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

    pub(crate) fn outcome_unchecked(&self, candidate: Candidate<'_>) -> Outcome {
        let pre = self
            .prerequisite
            .as_ref()
            .map(|p| p.outcome_unchecked(candidate));
        self.outcome_after(candidate, pre)
    }

    /// Whether `other` gives the outcomes of this plan's prerequisite, so that its
    /// outcome can be passed to [`Plan::outcome_after`].
    pub(crate) fn has_prerequisite(&self, other: &Plan) -> bool {
        self.prerequisite
            .as_ref()
            .is_some_and(|p| p.same_outcomes_as(other))
    }

    /// The outcome, the prerequisite's outcome (if the plan has one) being `pre`.
    pub(crate) fn outcome_after(&self, candidate: Candidate<'_>, pre: Option<Outcome>) -> Outcome {
        combine(self.rules.iter().map(|r| match r {
            Planned::Builtin(id, _) => id.check(self, candidate, pre).0,
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
                    let (status, detail) = id.check(self, candidate, pre);
                    let overridden = match detail {
                        Detail::Note { .. } => Vec::new(),
                        _ => self.overridden(id.parameters()),
                    };
                    Finding {
                        rule: RuleRef::Builtin(*id),
                        citation: citation.clone(),
                        status,
                        detail,
                        overridden,
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
                        overridden: Vec::new(),
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

    /// Whether two plans give every candidate the same outcome: the same context
    /// and regime, the same rules in the same order, and the same value of every
    /// parameter those rules read. Citations may differ.
    pub(crate) fn same_outcomes_as(&self, other: &Plan) -> bool {
        let same_rules = self.rules.len() == other.rules.len()
            && self.rules.iter().zip(&other.rules).all(|pair| match pair {
                (Planned::Builtin(a, _), Planned::Builtin(b, _)) => {
                    a == b
                        && a.parameters()
                            .iter()
                            .all(|&p| self.params.get(p) == other.params.get(p))
                }
                (Planned::Custom(a), Planned::Custom(b)) => Arc::ptr_eq(a, b),
                _ => false,
            });
        let same_prerequisite = match (&self.prerequisite, &other.prerequisite) {
            (Some(a), Some(b)) => a.same_outcomes_as(b),
            (None, None) => true,
            _ => false,
        };
        same_rules
            && same_prerequisite
            && self.kind == other.kind
            && self.regime == other.regime
            && self.context == other.context
    }

    /// The first day of the period.
    pub(crate) fn start(&self) -> NaiveDate {
        self.start
    }

    /// The last day of the period.
    pub(crate) fn end(&self) -> NaiveDate {
        self.end
    }

    /// The year index of the period.
    pub(crate) fn year(&self) -> i32 {
        self.year
    }

    /// The title's code.
    pub(crate) fn title_code(&self) -> &str {
        self.title.as_str()
    }

    /// The regime the plan decides under.
    pub(crate) fn regime_id(&self) -> RegimeId {
        self.regime.regime()
    }

    /// A parameter's value in force.
    pub(crate) fn param(&self, id: ParamId) -> u32 {
        self.params.get(id)
    }

    /// A parameter's source in force.
    pub(crate) fn param_citation(&self, id: ParamId) -> Option<&Citation> {
        self.params.citation(id)
    }

    /// Whether a day falls in the period.
    pub(crate) fn in_period(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    /// Initiatives (and, with [`Counted::Research`], science projects) recognised
    /// from `since` to the end of the period with at least `scope`, each counted once.
    pub(crate) fn contributions_since(
        &self,
        facts: &MemberFacts,
        since: NaiveDate,
        scope: InfluenceScope,
        counted: Counted,
    ) -> Option<usize> {
        let list = facts.initiatives()?;
        let mut ids = Vec::new();
        let mut anonymous = 0usize;
        for i in list {
            let kind_counts = match counted {
                Counted::Initiatives => i.kind() == ContributionKind::Initiative,
                Counted::Research => i.kind() == ContributionKind::Research,
            };
            let counts = kind_counts
                && i.recognised_on() >= since
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

    /// Science projects accepted in the period: the count given, or the projects
    /// listed, whichever is larger (the same project may be given both ways).
    pub(crate) fn research_in_period(&self, facts: &MemberFacts) -> Option<u32> {
        let listed = self
            .contributions_since(facts, self.start, InfluenceScope::Unit, Counted::Research)
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
            .filter(|n| *n > 0);
        facts.accepted_research().max(listed)
    }

    /// Consecutive times `title` was held, ending with this period: each earlier time
    /// must end the year before the next begins. A time covers `span` years unless
    /// the history gives its first year. The current period counts when the history
    /// says so, or else when `current` (the title's own outcome now) is eligible.
    /// Under ND 152/2025 titles awarded for ad-hoc or thematic achievements are left
    /// out (Điều 4 khoản 3).
    pub(crate) fn streak(
        &self,
        facts: &MemberFacts,
        title: &str,
        span: u32,
        current: Option<Outcome>,
    ) -> Option<Streak> {
        let history = facts.history()?;
        let regular_only = self.regime.regime() == RegimeId::Nd152;
        let back = i32::try_from(span.saturating_sub(1)).unwrap_or(i32::MAX);
        let mut excluded = 0u32;
        let mut ending = |year: i32| -> Option<i32> {
            let mut held = history
                .iter()
                .filter(|p| p.year() == year && p.title().as_str() == title);
            let mut left_out = false;
            let found = held.find_map(|p| {
                if regular_only && p.grounds() != AwardGrounds::Regular {
                    left_out = true;
                    None
                } else {
                    Some(
                        p.first_year()
                            .unwrap_or_else(|| p.year().saturating_sub(back)),
                    )
                }
            });
            if found.is_none() && left_out {
                excluded = excluded.saturating_add(1);
            }
            found
        };
        let mut first = match ending(self.year) {
            Some(first) => first,
            None => match current {
                Some(Outcome::Eligible) => self.year.saturating_sub(back),
                Some(Outcome::Undetermined) => return None,
                _ => return Some(Streak { times: 0, excluded }),
            },
        };
        let mut times = 1u32;
        while let Some(prev) = first.checked_sub(1) {
            match ending(prev) {
                Some(f) if f < first => {
                    times = times.saturating_add(1);
                    first = f;
                }
                _ => break,
            }
        }
        Some(Streak { times, excluded })
    }

    /// The first day of the period `years` years long ending with this one.
    pub(crate) fn years_back(&self, years: u32) -> NaiveDate {
        let back = years.saturating_sub(1).saturating_mul(12);
        self.start
            .checked_sub_months(Months::new(back))
            .unwrap_or(NaiveDate::MIN)
    }

    /// Whole months from `from` to the end of the period.
    pub(crate) fn months_to_end(&self, from: NaiveDate) -> u32 {
        months_between(from, self.end)
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
    /// Whole months counted as the calendar does: the largest `m` with
    /// `from + m months <= the day after end`, searched month by month.
    fn months_between_by_search(from: NaiveDate, end: NaiveDate) -> u32 {
        let Some(after) = end.succ_opt() else {
            return 0;
        };
        let mut m = 0;
        while from
            .checked_add_months(Months::new(m + 1))
            .is_some_and(|d| d <= after)
        {
            m += 1;
        }
        m
    }

    #[test]
    fn months_between_agrees_with_the_calendar() {
        let start = NaiveDate::from_ymd_opt(2022, 12, 1).unwrap();
        let froms: Vec<NaiveDate> = start.iter_days().take(800).collect();
        let ends: Vec<NaiveDate> = NaiveDate::from_ymd_opt(2023, 1, 25)
            .unwrap()
            .iter_days()
            .take(800)
            .step_by(3)
            .collect();
        for &from in &froms {
            for &end in &ends {
                assert_eq!(
                    months_between(from, end),
                    months_between_by_search(from, end),
                    "{from} → {end}"
                );
            }
        }
    }

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
