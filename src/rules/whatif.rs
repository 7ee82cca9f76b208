//! What-if reviews: the same members reviewed under two configurations (two
//! regimes, with and without a jurisdiction's overrides, two quotas), and what
//! changes between them.
//!
//! Outcomes are computed on the fast path ([`Plan::outcome`]); only the members whose
//! outcome differs are explained, and a unit whose two plans give the same outcomes
//! (the same rules, regime and parameter values) is evaluated once.

use std::collections::HashMap;

use crate::award::catalogue::{TitleCode, codes};
use crate::dataset::file::Model;
use crate::diagnostic::{DataPath, Diagnostic, Diagnostics, Location, Severity};
use crate::org::kind::Level;
use crate::org::snapshot::{Node, Snapshot};
use crate::rules::engine::{Candidate, Evaluator, Finding, Outcome, Plan, QuotaCheck, Status};
use crate::rules::param::Override;
use crate::rules::regime::{RegimeChoice, ReviewContext, RuleError};
use crate::rules::titles::pick;
use crate::value::format::{Lang, format_integer};
use crate::value::id::{MemberId, UnitId};
use crate::value::period::Period;

/// The rules a review runs under: an evaluator (its overrides and custom rules) and
/// a review context (the period, and the day the cases are decided on, which picks
/// the regime), with a name for reports.
#[derive(Debug, Clone)]
pub struct Configuration {
    evaluator: Evaluator,
    context: ReviewContext,
    name_vi: String,
    name_en: String,
}

impl Configuration {
    /// A configuration named "A".
    pub fn new(evaluator: Evaluator, context: ReviewContext) -> Self {
        Self {
            evaluator,
            context,
            name_vi: "A".to_owned(),
            name_en: "A".to_owned(),
        }
    }

    /// Names the configuration in reports, in Vietnamese and English.
    #[must_use]
    pub fn named(mut self, vi: impl Into<String>, en: impl Into<String>) -> Self {
        self.name_vi = vi.into();
        self.name_en = en.into();
        self
    }

    /// The same configuration with one more override (it wins over earlier ones).
    #[must_use]
    pub fn with_override(mut self, o: Override) -> Self {
        self.evaluator.add_override(o);
        self
    }

    /// The same configuration with another review context (another decision day,
    /// hence perhaps another regime).
    #[must_use]
    pub fn with_context(mut self, context: ReviewContext) -> Self {
        self.context = context;
        self
    }

    /// The evaluator.
    pub fn evaluator(&self) -> &Evaluator {
        &self.evaluator
    }

    /// The review context.
    pub fn context(&self) -> &ReviewContext {
        &self.context
    }

    /// The name in a language.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.name_en,
            _ => &self.name_vi,
        }
    }
}

#[derive(Debug, Clone)]
struct PopUnit {
    id: UnitId,
    code: String,
    name: Option<String>,
    level: Level,
    /// Indices of the unit and its ancestors, nearest first.
    chain: Vec<u32>,
    /// Their ids, nearest first (the jurisdiction of the unit's members).
    ids: Vec<UnitId>,
    /// Whether the unit is in the scope reviewed (its ancestors above the scope are
    /// known for their rules only and never reported).
    in_scope: bool,
}

#[derive(Debug, Clone)]
struct PopMember {
    id: MemberId,
    unit: u32,
    facts: crate::rules::facts::MemberFacts,
}

/// The members reviewed (each with their unit and its ancestors on a day, and their
/// facts for the period) and the titles they are reviewed for.
///
/// Built from a dataset with [`Population::of_model`], or member by member with
/// [`Population::add_member`].
#[derive(Debug, Clone)]
pub struct Population {
    units: Vec<PopUnit>,
    index: HashMap<UnitId, u32>,
    members: Vec<PopMember>,
    titles: Vec<TitleCode>,
    unplaced: usize,
}

impl Default for Population {
    fn default() -> Self {
        Self::new()
    }
}

impl Population {
    /// No members yet; reviewed for LĐTT and CSTĐCS.
    pub fn new() -> Self {
        Self {
            units: Vec::new(),
            index: HashMap::new(),
            members: Vec::new(),
            titles: [codes::LDTT, codes::CSTDCS]
                .into_iter()
                .filter_map(|t| TitleCode::try_new(t).ok())
                .collect(),
            unplaced: 0,
        }
    }

    /// Reviews the members for these titles instead (titles of individuals, such as
    /// `ldtt`, `cstdcs`).
    ///
    /// # Errors
    /// [`RuleError::UnknownTitle`] for a code that is not a title code.
    pub fn with_titles(mut self, titles: &[&str]) -> Result<Self, RuleError> {
        self.titles = titles
            .iter()
            .map(|t| {
                TitleCode::try_new(t).map_err(|_| RuleError::UnknownTitle {
                    title: (*t).to_owned(),
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(self)
    }

    /// The members of a dataset with facts for `period` who belong, on the period's
    /// last day, to `scope`'s subtree (`None`: every unit). Members with facts but no
    /// membership that day are counted in [`Population::unplaced`].
    ///
    /// # Errors
    /// [`RuleError::UnknownUnit`] when `scope` does not exist on the period's last
    /// day.
    pub fn of_model(
        model: &Model,
        period: &Period,
        scope: Option<UnitId>,
    ) -> Result<Self, RuleError> {
        let (_, end) = ReviewContext::new(*period).span();
        let snapshot = model.hierarchy.as_of(end);
        let scope = match scope {
            Some(unit) => Some(
                snapshot
                    .node(unit)
                    .ok_or(RuleError::UnknownUnit { unit, date: end })?,
            ),
            None => None,
        };
        let mut population = Self::new();
        for record in model.facts.iter().filter(|r| &r.period == period) {
            let node = model
                .roster
                .unit_of(record.member, end)
                .and_then(|u| snapshot.node(u));
            match node {
                Some(node) if scope.is_none_or(|s| snapshot.contains(s, node)) => {
                    population.add_member(&snapshot, node, record.member, record.facts.clone());
                }
                Some(_) => {}
                None => population.unplaced += 1,
            }
        }
        if let Some(scope) = scope.map(|s| snapshot.id(s))
            && let Some(&s) = population.index.get(&scope)
        {
            for unit in &mut population.units {
                unit.in_scope = unit.chain.contains(&s);
            }
        }
        Ok(population)
    }

    fn unit_index(&mut self, snapshot: &Snapshot<'_>, node: Node) -> u32 {
        let id = snapshot.id(node);
        if let Some(&i) = self.index.get(&id) {
            return i;
        }
        let parent = snapshot.parent(node).map(|p| self.unit_index(snapshot, p));
        let i = u32::try_from(self.units.len()).unwrap_or(u32::MAX);
        let (mut chain, mut ids) = (vec![i], vec![id]);
        if let Some(p) = parent.and_then(|p| self.units.get(p as usize)) {
            chain.extend_from_slice(&p.chain);
            ids.extend_from_slice(&p.ids);
        }
        self.units.push(PopUnit {
            id,
            code: snapshot.code(node).to_string(),
            name: snapshot.name(node).map(|n| n.to_string()),
            level: snapshot.level(node),
            chain,
            ids,
            in_scope: true,
        });
        self.index.insert(id, i);
        i
    }

    /// Adds a member of the unit `node` of `snapshot` with their facts.
    pub fn add_member(
        &mut self,
        snapshot: &Snapshot<'_>,
        node: Node,
        member: MemberId,
        facts: crate::rules::facts::MemberFacts,
    ) {
        let unit = self.unit_index(snapshot, node);
        self.members.push(PopMember {
            id: member,
            unit,
            facts,
        });
    }

    /// How many members are reviewed.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether nobody is reviewed.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Members with facts for the period but in no unit on its last day (left out).
    pub fn unplaced(&self) -> usize {
        self.unplaced
    }

    /// The titles reviewed.
    pub fn titles(&self) -> &[TitleCode] {
        &self.titles
    }

    fn title_index(&self, code: &str) -> Option<usize> {
        self.titles.iter().position(|t| t.as_str() == code)
    }

    /// The plans of a configuration: one set (a plan per title) per distinct
    /// jurisdiction key, and for each unit the index of its set.
    fn plans(&self, config: &Configuration) -> Result<(Vec<Vec<Plan>>, Vec<u32>), RuleError> {
        let mut used = vec![false; self.units.len()];
        for m in &self.members {
            if let Some(u) = used.get_mut(m.unit as usize) {
                *u = true;
            }
        }
        let mut sets: Vec<Vec<Plan>> = Vec::new();
        let mut keys: HashMap<Vec<bool>, u32> = HashMap::new();
        let mut of_unit = vec![0u32; self.units.len()];
        for ((unit, used), slot) in self.units.iter().zip(used).zip(of_unit.iter_mut()) {
            if !used {
                continue;
            }
            let key = config.evaluator.scope_key(&unit.ids);
            if let Some(&k) = keys.get(&key) {
                *slot = k;
                continue;
            }
            let plans = self
                .titles
                .iter()
                .map(|t| {
                    config
                        .evaluator
                        .plan(t.as_str(), &config.context, &unit.ids)
                })
                .collect::<Result<Vec<_>, _>>()?;
            let k = u32::try_from(sets.len()).unwrap_or(u32::MAX);
            sets.push(plans);
            keys.insert(key, k);
            *slot = k;
        }
        Ok((sets, of_unit))
    }
}

/// One review: a population under a configuration.
///
/// ```
/// use thidua::testing::DatasetBuilder;
/// use thidua::{Bloc, Change, Citation, Configuration, Jurisdiction, MemberFacts, Outcome,
///     Override, ParamId, Period, Population, MemberReview, ReviewContext, TaskGrade, UnitKind};
/// use chrono::NaiveDate;
///
/// let year = Period::Year("2024".parse()?);
/// let model = DatasetBuilder::new("2020-01-01")?
///     .unit("TX", UnitKind::ProvincialFederation, "LĐLĐ tỉnh X", None)?
///     .grassroots("TX.A", "Công đoàn Công ty A", "TX", Bloc::ProductionBusiness, 2, 1)?
///     .facts("TX.A/0", year.clone(), MemberFacts::new()
///         .with_grade(TaskGrade::Good)
///         .with_recruited_on(NaiveDate::from_ymd_opt(2024, 4, 1).ok_or("date")?))?
///     .model()?;
/// let population = Population::of_model(&model, &year, None)?;
/// let context = ReviewContext::new(year)
///     .decision_on(NaiveDate::from_ymd_opt(2025, 1, 10).ok_or("date")?);
/// let a = Configuration::new(model.evaluator(), context);
/// // A province asks for ten months of work instead of six.
/// let b = a.clone().named("B", "B").with_override(Override::new(
///     Jurisdiction::Everywhere,
///     NaiveDate::from_ymd_opt(2024, 1, 1).ok_or("date")?,
///     Change::SetParameter { parameter: ParamId::NewRecruitMinMonths, value: 10 },
///     Citation::new("Quyết định 25/2024/QĐ-UBND").article("5"),
/// ));
/// let whatif = MemberReview::new(&population, a).compare(&b)?;
/// assert_eq!(whatif.transition("ldtt", Outcome::Eligible, Outcome::Ineligible), 1);
/// let change = whatif.changes().next().ok_or("no change")?;
/// assert_eq!(change.findings().first().map(|f| f.rule()), Some("ldtt.new_recruit"));
/// println!("{}", whatif.to_markdown(thidua::Lang::En));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct MemberReview<'p> {
    population: &'p Population,
    configuration: Configuration,
}

/// One member's verdict for one title in a review: the outcome and, when the member
/// is not eligible, the codes of the rules that failed or could not be decided.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MemberVerdict {
    /// The member.
    pub member: MemberId,
    /// The code of the member's unit on the review's day.
    pub unit: String,
    /// The title or form.
    pub title: TitleCode,
    /// The outcome.
    pub outcome: Outcome,
    /// The rules that failed (ineligible) or could not be decided (undetermined), by
    /// code; empty when eligible.
    pub rules: Vec<String>,
}

/// The outcomes of one review, counted per title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewTally {
    titles: Vec<TitleCode>,
    counts: Vec<[u64; 3]>,
}

impl ReviewTally {
    /// How many members got an outcome for a title.
    pub fn count(&self, title: &str, outcome: Outcome) -> u64 {
        self.titles
            .iter()
            .zip(&self.counts)
            .find(|(t, _)| t.as_str() == title)
            .and_then(|(_, c)| c.get(slot(outcome)).copied())
            .unwrap_or(0)
    }
}

const OUTCOMES: [Outcome; 3] = [
    Outcome::Eligible,
    Outcome::Ineligible,
    Outcome::Undetermined,
];

fn slot(outcome: Outcome) -> usize {
    match outcome {
        Outcome::Eligible => 0,
        Outcome::Ineligible => 1,
        _ => 2,
    }
}

impl<'p> MemberReview<'p> {
    /// A population under a configuration.
    pub fn new(population: &'p Population, configuration: Configuration) -> Self {
        Self {
            population,
            configuration,
        }
    }

    /// The configuration.
    pub fn configuration(&self) -> &Configuration {
        &self.configuration
    }

    /// Runs the review on the fast path (outcomes only) and counts the outcomes.
    ///
    /// # Errors
    /// As [`Evaluator::plan`]; [`RuleError::WrongCandidate`] for a collective's
    /// title.
    pub fn run(&self) -> Result<ReviewTally, RuleError> {
        let pop = self.population;
        let (sets, of_unit) = pop.plans(&self.configuration)?;
        let mut counts = vec![[0u64; 3]; pop.titles.len()];
        for m in &pop.members {
            let Some(plans) = of_unit
                .get(m.unit as usize)
                .and_then(|&k| sets.get(k as usize))
            else {
                continue;
            };
            for (plan, c) in plans.iter().zip(counts.iter_mut()) {
                let o = plan.outcome(Candidate::Member(&m.facts))?;
                if let Some(n) = c.get_mut(slot(o)) {
                    *n += 1;
                }
            }
        }
        Ok(ReviewTally {
            titles: pop.titles.clone(),
            counts,
        })
    }

    /// Every member's verdict for every title of the population, in the
    /// population's order: outcomes from the fast path, and for members who are not
    /// eligible the rules that failed or could not be decided.
    ///
    /// # Errors
    /// As [`MemberReview::run`].
    pub fn verdicts(&self) -> Result<Vec<MemberVerdict>, RuleError> {
        let pop = self.population;
        let (sets, of_unit) = pop.plans(&self.configuration)?;
        let mut out = Vec::with_capacity(pop.members.len() * pop.titles.len());
        for m in &pop.members {
            let Some(plans) = of_unit
                .get(m.unit as usize)
                .and_then(|&k| sets.get(k as usize))
            else {
                continue;
            };
            let unit = pop
                .units
                .get(m.unit as usize)
                .map(|u| u.code.clone())
                .unwrap_or_default();
            for (plan, title) in plans.iter().zip(&pop.titles) {
                let candidate = Candidate::Member(&m.facts);
                let outcome = plan.outcome(candidate)?;
                let rules = match outcome {
                    Outcome::Eligible => Vec::new(),
                    _ => {
                        let wanted = match outcome {
                            Outcome::Ineligible => Status::Fail,
                            _ => Status::Unknown,
                        };
                        plan.explain(Candidate::Member(&m.facts))?
                            .findings()
                            .iter()
                            .filter(|f| f.status() == wanted)
                            .map(|f| f.rule().code().to_owned())
                            .collect()
                    }
                };
                out.push(MemberVerdict {
                    member: m.id,
                    unit: unit.clone(),
                    title: title.clone(),
                    outcome,
                    rules,
                });
            }
        }
        Ok(out)
    }

    /// Runs the same population under this configuration ("a") and `other` ("b")
    /// and says what changes.
    ///
    /// # Errors
    /// As [`MemberReview::run`], under either configuration.
    pub fn compare(&self, other: &Configuration) -> Result<WhatIf<'p>, RuleError> {
        WhatIf::compare(self.population, &self.configuration, other)
    }
}

/// A finding that differs between the two configurations for a changed member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingChange {
    rule: String,
    before: Option<Finding>,
    after: Option<Finding>,
}

impl FindingChange {
    /// The rule's code.
    pub fn rule(&self) -> &str {
        &self.rule
    }

    /// The finding under "a" (`None`: the rule was not in force).
    pub fn before(&self) -> Option<&Finding> {
        self.before.as_ref()
    }

    /// The finding under "b" (`None`: the rule was not in force).
    pub fn after(&self) -> Option<&Finding> {
        self.after.as_ref()
    }
}

/// A member whose outcome for a title changes, with the findings that differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberChange {
    member: MemberId,
    unit: UnitId,
    unit_code: String,
    title: TitleCode,
    before: Outcome,
    after: Outcome,
    findings: Vec<FindingChange>,
}

impl MemberChange {
    /// The member.
    pub fn member(&self) -> MemberId {
        self.member
    }

    /// The member's unit.
    pub fn unit(&self) -> UnitId {
        self.unit
    }

    /// The title.
    pub fn title(&self) -> &TitleCode {
        &self.title
    }

    /// The outcome under "a".
    pub fn before(&self) -> Outcome {
        self.before
    }

    /// The outcome under "b".
    pub fn after(&self) -> Outcome {
        self.after
    }

    /// The findings that differ (status, facts or citation), in the order of the
    /// verdict under "a", then those only "b" has.
    pub fn findings(&self) -> &[FindingChange] {
        &self.findings
    }
}

/// How many changed members a unit's subtree holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitChanges {
    unit: UnitId,
    code: String,
    name: Option<String>,
    level: Level,
    reviewed: u64,
    changed: u64,
}

impl UnitChanges {
    /// The unit.
    pub fn unit(&self) -> UnitId {
        self.unit
    }

    /// Its code.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Its level.
    pub fn level(&self) -> Level {
        self.level
    }

    /// Members reviewed in its subtree.
    pub fn reviewed(&self) -> u64 {
        self.reviewed
    }

    /// Members in its subtree with at least one outcome changed.
    pub fn changed(&self) -> u64 {
        self.changed
    }
}

/// A unit whose CSTĐCS quota (allowed number, or whether the eligible members fit)
/// differs between the configurations; every eligible member is taken as proposed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaChange {
    unit: UnitId,
    code: String,
    before: QuotaCheck,
    after: QuotaCheck,
    counts: [(u32, u32); 2],
}

impl QuotaChange {
    /// The unit.
    pub fn unit(&self) -> UnitId {
        self.unit
    }

    /// The check under "a".
    pub fn before(&self) -> &QuotaCheck {
        &self.before
    }

    /// The check under "b".
    pub fn after(&self) -> &QuotaCheck {
        &self.after
    }

    /// LĐTT and CSTĐCS eligible under "a".
    pub fn counts_before(&self) -> (u32, u32) {
        self.counts[0]
    }

    /// LĐTT and CSTĐCS eligible under "b".
    pub fn counts_after(&self) -> (u32, u32) {
        self.counts[1]
    }
}

/// What changes when the same population is reviewed under two configurations.
#[derive(Debug, Clone)]
pub struct WhatIf<'p> {
    population: &'p Population,
    sets: [(Vec<Vec<Plan>>, Vec<u32>); 2],
    names: [(String, String); 2],
    regimes: [Option<RegimeChoice>; 2],
    titles: Vec<TitleCode>,
    reviewed: u64,
    unplaced: usize,
    transitions: Vec<[[u64; 3]; 3]>,
    tallies: [Vec<[u64; 3]>; 2],
    changes: Vec<Changed>,
    units: Vec<(u32, u64, u64)>,
    quota: Vec<QuotaChange>,
    over_quota: [u64; 2],
}

/// The plan of a title for a unit.
fn plan_of<'s>(
    sets: &'s [Vec<Plan>],
    of_unit: &[u32],
    u: usize,
    t: Option<usize>,
) -> Option<&'s Plan> {
    let k = *of_unit.get(u)?;
    sets.get(k as usize)?.get(t?)
}

fn differs(a: &Finding, b: &Finding) -> bool {
    a.status() != b.status() || a.facts() != b.facts() || a.sources() != b.sources()
}

fn finding_changes(a: &[Finding], b: &[Finding]) -> Vec<FindingChange> {
    let mut out = Vec::new();
    for f in a {
        let code = f.rule().code();
        let other = b.iter().find(|g| g.rule().code() == code);
        if other.is_none_or(|g| differs(f, g)) {
            out.push(FindingChange {
                rule: code.to_owned(),
                before: Some(f.clone()),
                after: other.cloned(),
            });
        }
    }
    for g in b {
        let code = g.rule().code();
        if !a.iter().any(|f| f.rule().code() == code) {
            out.push(FindingChange {
                rule: code.to_owned(),
                before: None,
                after: Some(g.clone()),
            });
        }
    }
    out
}

/// A member's outcome that changes, to be explained when asked for.
#[derive(Debug, Clone, Copy)]
struct Changed {
    member: u32,
    title: u16,
    outcomes: [Outcome; 2],
}

impl<'p> WhatIf<'p> {
    /// Reviews `population` under `a` and `b`. Outcomes come from the fast path; a
    /// unit whose plans give the same outcomes under both is evaluated once; only
    /// members whose outcome changes are explained.
    ///
    /// # Errors
    /// As [`MemberReview::run`], under either configuration.
    pub fn compare(
        population: &'p Population,
        a: &Configuration,
        b: &Configuration,
    ) -> Result<WhatIf<'p>, RuleError> {
        let pop = population;
        let (sets_a, unit_a) = pop.plans(a)?;
        let (sets_b, unit_b) = pop.plans(b)?;
        let titles = pop.titles.len();
        // For each unit, whether each title's two plans give the same outcomes,
        // decided once per pair of plan sets.
        let mut same: Vec<Vec<bool>> = Vec::new();
        let mut pairs: HashMap<(u32, u32), u32> = HashMap::new();
        let mut unit_same = vec![u32::MAX; pop.units.len()];
        for (u, slot) in unit_same.iter_mut().enumerate() {
            let (Some(&ka), Some(&kb)) = (unit_a.get(u), unit_b.get(u)) else {
                continue;
            };
            let (Some(pa), Some(pb)) = (sets_a.get(ka as usize), sets_b.get(kb as usize)) else {
                continue;
            };
            *slot = *pairs.entry((ka, kb)).or_insert_with(|| {
                same.push(
                    pa.iter()
                        .zip(pb)
                        .map(|(x, y)| x.same_outcomes_as(y))
                        .collect(),
                );
                u32::try_from(same.len() - 1).unwrap_or(u32::MAX)
            });
        }
        let mut transitions = vec![[[0u64; 3]; 3]; titles];
        let mut tallies = [vec![[0u64; 3]; titles], vec![[0u64; 3]; titles]];
        let mut changes = Vec::new();
        let mut reviewed = vec![0u64; pop.units.len()];
        let mut changed = vec![0u64; pop.units.len()];
        let quota_titles = (pop.title_index(codes::LDTT), pop.title_index(codes::CSTDCS));
        let mut eligible = vec![[[0u32; 2]; 2]; pop.units.len()];
        let mut own = vec![false; pop.units.len()];
        let mut outcomes = vec![[Outcome::Eligible; 2]; titles];
        for (index, m) in pop.members.iter().enumerate() {
            let index = u32::try_from(index).unwrap_or(u32::MAX);
            let u = m.unit as usize;
            let (Some(&ka), Some(&kb)) = (unit_a.get(u), unit_b.get(u)) else {
                continue;
            };
            let (Some(pa), Some(pb)) = (sets_a.get(ka as usize), sets_b.get(kb as usize)) else {
                continue;
            };
            let Some(same) = unit_same.get(u).and_then(|&k| same.get(k as usize)) else {
                continue;
            };
            if let Some(o) = own.get_mut(u) {
                *o = true;
            }
            let candidate = Candidate::Member(&m.facts);
            let mut any = false;
            for (t, ((plan_a, plan_b), same)) in pa.iter().zip(pb).zip(same.iter()).enumerate() {
                let oa = plan_a.outcome(candidate)?;
                let ob = if *same {
                    oa
                } else {
                    plan_b.outcome(candidate)?
                };
                if let Some(o) = outcomes.get_mut(t) {
                    *o = [oa, ob];
                }
                for (tally, o) in tallies.iter_mut().zip([oa, ob]) {
                    if let Some(n) = tally.get_mut(t).and_then(|c| c.get_mut(slot(o))) {
                        *n += 1;
                    }
                }
                if oa == ob {
                    continue;
                }
                any = true;
                if let Some(n) = transitions
                    .get_mut(t)
                    .and_then(|r| r.get_mut(slot(oa)))
                    .and_then(|r| r.get_mut(slot(ob)))
                {
                    *n += 1;
                }
                changes.push(Changed {
                    member: index,
                    title: u16::try_from(t).unwrap_or(u16::MAX),
                    outcomes: [oa, ob],
                });
            }
            if let (Some(l), Some(c), Some(e)) =
                (quota_titles.0, quota_titles.1, eligible.get_mut(u))
            {
                for (side, counts) in e.iter_mut().enumerate() {
                    let is = |t: usize| {
                        outcomes
                            .get(t)
                            .and_then(|o| o.get(side))
                            .is_some_and(|o| *o == Outcome::Eligible)
                    };
                    if let Some(n) = counts.get_mut(0) {
                        *n += u32::from(is(l));
                    }
                    if let Some(n) = counts.get_mut(1) {
                        *n += u32::from(is(c));
                    }
                }
            }
            if let Some(r) = reviewed.get_mut(u) {
                *r += 1;
            }
            if any && let Some(c) = changed.get_mut(u) {
                *c += 1;
            }
        }
        // Each unit's own counts, then up its chain: subtree totals.
        let own_counts: Vec<(u64, u64)> = reviewed
            .iter()
            .copied()
            .zip(changed.iter().copied())
            .collect();
        for (unit, (r, c)) in pop.units.iter().zip(own_counts) {
            if r == 0 {
                continue;
            }
            for &x in unit.chain.iter().skip(1) {
                if let Some(t) = reviewed.get_mut(x as usize) {
                    *t += r;
                }
                if let Some(t) = changed.get_mut(x as usize) {
                    *t += c;
                }
            }
        }
        let mut quota = Vec::new();
        let mut over_quota = [0u64; 2];
        if quota_titles.0.is_some() && quota_titles.1.is_some() {
            // Each unit with members of its own is checked for its own list.
            // The quota in force, read once per plan set.
            let percents = |sets: &[Vec<Plan>]| -> Vec<u32> {
                sets.iter()
                    .map(|plans| {
                        quota_titles
                            .1
                            .and_then(|c| plans.get(c))
                            .and_then(|p| {
                                p.parameter(crate::rules::param::ParamId::CstdcsQuotaPercent)
                            })
                            .map_or(0, |p| p.value())
                    })
                    .collect()
            };
            let (percents_a, percents_b) = (percents(&sets_a), percents(&sets_b));
            let allowed = |percents: &[u32], of_unit: &[u32], u: usize, ldtt: u32| {
                let percent = of_unit
                    .get(u)
                    .and_then(|&k| percents.get(k as usize))
                    .copied()
                    .unwrap_or(0);
                (percent > 0).then(|| u64::from(ldtt) * u64::from(percent) / 100)
            };
            for (u, ((unit, e), own)) in pop.units.iter().zip(&eligible).zip(&own).enumerate() {
                let [[la, ca], [lb, cb]] = *e;
                if !*own || (la == 0 && lb == 0) {
                    continue;
                }
                let (Some(plan_a), Some(plan_b)) = (
                    plan_of(&sets_a, &unit_a, u, quota_titles.1),
                    plan_of(&sets_b, &unit_b, u, quota_titles.1),
                ) else {
                    continue;
                };
                // The checks are built (with their sources) only where they differ.
                let (max_a, max_b) = (
                    allowed(&percents_a, &unit_a, u, la),
                    allowed(&percents_b, &unit_b, u, lb),
                );
                let within_a = max_a.is_none_or(|m| u64::from(ca) <= m);
                let within_b = max_b.is_none_or(|m| u64::from(cb) <= m);
                over_quota[0] += u64::from(!within_a);
                over_quota[1] += u64::from(!within_b);
                if max_a != max_b || within_a != within_b {
                    let before = plan_a.quota(la, ca);
                    let after = plan_b.quota(lb, cb);
                    quota.push(QuotaChange {
                        unit: unit.id,
                        code: unit.code.clone(),
                        before,
                        after,
                        counts: [(la, ca), (lb, cb)],
                    });
                }
            }
        }
        // Kept as indices: codes and names are copied only when asked for.
        let units: Vec<(u32, u64, u64)> = pop
            .units
            .iter()
            .zip(reviewed.iter().zip(&changed))
            .enumerate()
            .filter(|(_, (u, (_, c)))| **c > 0 && u.in_scope)
            .map(|(i, (_, (r, c)))| (u32::try_from(i).unwrap_or(u32::MAX), *r, *c))
            .collect();
        quota.sort_by(|x, y| x.code.cmp(&y.code));
        Ok(WhatIf {
            population: pop,
            sets: [(sets_a, unit_a), (sets_b, unit_b)],
            names: [
                (a.name_vi.clone(), a.name_en.clone()),
                (b.name_vi.clone(), b.name_en.clone()),
            ],
            regimes: [a.context.regime().ok(), b.context.regime().ok()],
            titles: pop.titles.clone(),
            reviewed: pop.members.len() as u64,
            unplaced: pop.unplaced,
            transitions,
            tallies,
            changes,
            units,
            quota,
            over_quota,
        })
    }

    /// Members reviewed.
    pub fn reviewed(&self) -> u64 {
        self.reviewed
    }

    /// How many members' outcome for `title` goes from `from` (under "a") to `to`
    /// (under "b").
    pub fn transition(&self, title: &str, from: Outcome, to: Outcome) -> u64 {
        self.titles
            .iter()
            .position(|t| t.as_str() == title)
            .and_then(|i| self.transitions.get(i))
            .and_then(|r| r.get(slot(from)))
            .and_then(|r| r.get(slot(to)))
            .copied()
            .unwrap_or(0)
    }

    /// How many members get `outcome` for `title` under "a" (`Side::A`) or "b".
    pub fn count(&self, side: Side, title: &str, outcome: Outcome) -> u64 {
        let tally = match side {
            Side::A => &self.tallies[0],
            Side::B => &self.tallies[1],
        };
        self.titles
            .iter()
            .position(|t| t.as_str() == title)
            .and_then(|i| tally.get(i))
            .and_then(|c| c.get(slot(outcome)))
            .copied()
            .unwrap_or(0)
    }

    /// How many (member, title) outcomes change.
    pub fn changed(&self) -> usize {
        self.changes.len()
    }

    /// The members whose outcome changes, one entry per title, in population order,
    /// each explained under both configurations as it is taken (the explanations
    /// are computed only for the changes read).
    pub fn changes(&self) -> impl Iterator<Item = MemberChange> + '_ {
        self.changes.iter().filter_map(|c| self.explain(c))
    }

    fn explain(&self, c: &Changed) -> Option<MemberChange> {
        let m = self.population.members.get(c.member as usize)?;
        let unit = self.population.units.get(m.unit as usize)?;
        let plan = |side: usize| {
            let (sets, of_unit) = self.sets.get(side)?;
            let k = *of_unit.get(m.unit as usize)?;
            sets.get(k as usize)?.get(usize::from(c.title))
        };
        let (plan_a, plan_b) = (plan(0)?, plan(1)?);
        // Both plans gave this candidate an outcome: explaining cannot fail.
        let va = plan_a.explain(Candidate::Member(&m.facts)).ok()?;
        let vb = plan_b.explain(Candidate::Member(&m.facts)).ok()?;
        Some(MemberChange {
            member: m.id,
            unit: unit.id,
            unit_code: unit.code.clone(),
            title: plan_a.title().clone(),
            before: c.outcomes[0],
            after: c.outcomes[1],
            findings: finding_changes(va.findings(), vb.findings()),
        })
    }

    /// The units whose subtree holds a changed member, by level then code.
    pub fn units(&self) -> Vec<UnitChanges> {
        let mut out: Vec<UnitChanges> = self
            .units
            .iter()
            .filter_map(|&(i, reviewed, changed)| {
                let u = self.population.units.get(i as usize)?;
                Some(UnitChanges {
                    unit: u.id,
                    code: u.code.clone(),
                    name: u.name.clone(),
                    level: u.level,
                    reviewed,
                    changed,
                })
            })
            .collect();
        out.sort_by(|x, y| x.level.cmp(&y.level).then_with(|| x.code.cmp(&y.code)));
        out
    }

    /// Changes by level, highest level first: (level, units of that level with a
    /// changed member in their subtree, changed members in those subtrees).
    pub fn levels(&self) -> Vec<(Level, u64, u64)> {
        let mut out: Vec<(Level, u64, u64)> = Vec::new();
        for &(i, _, changed) in &self.units {
            let Some(level) = self.population.units.get(i as usize).map(|u| u.level) else {
                continue;
            };
            match out.iter_mut().find(|(l, _, _)| *l == level) {
                Some(e) => {
                    e.1 += 1;
                    e.2 += changed;
                }
                None => out.push((level, 1, changed)),
            }
        }
        out.sort_by_key(|e| e.0);
        out
    }

    /// The units whose CSTĐCS quota differs.
    pub fn quota(&self) -> &[QuotaChange] {
        &self.quota
    }

    /// Units over the CSTĐCS quota under "a" and under "b" (every eligible member
    /// taken as proposed).
    pub fn over_quota(&self) -> (u64, u64) {
        (self.over_quota[0], self.over_quota[1])
    }
}

/// One of the two configurations of a [`WhatIf`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Side {
    /// The first ("a").
    A,
    /// The second ("b").
    B,
}

/// How a what-if report is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Markdown,
    Text,
}

impl WhatIf<'_> {
    /// The report in Markdown, in a language (at most 200 changed members listed).
    pub fn to_markdown(&self, lang: Lang) -> String {
        self.render(lang, Style::Markdown, 200)
    }

    /// The report as plain text, in a language (at most 200 changed members listed).
    pub fn to_text(&self, lang: Lang) -> String {
        self.render(lang, Style::Text, 200)
    }

    fn render(&self, lang: Lang, style: Style, limit: usize) -> String {
        let w = |vi: &str, en: &str| pick(lang, vi, en);
        let num = |n: u64| format_integer(i128::from(n), lang);
        let name = |i: usize| {
            self.names
                .get(i)
                .map(|(vi, en)| pick(lang, vi, en))
                .unwrap_or_default()
        };
        let md = style == Style::Markdown;
        let mut out = String::new();
        let heading = |out: &mut String, level: usize, text: &str| {
            if md {
                out.push_str(&format!("{} {text}\n\n", "#".repeat(level)));
            } else {
                let mark = if level == 1 { '=' } else { '-' };
                out.push_str(&format!(
                    "{text}\n{}\n\n",
                    mark.to_string().repeat(text.chars().count())
                ));
            }
        };
        let table = |out: &mut String, head: &[String], rows: &[Vec<String>]| {
            if md {
                out.push_str(&format!("| {} |\n", head.join(" | ")));
                out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
                for r in rows {
                    out.push_str(&format!("| {} |\n", r.join(" | ")));
                }
            } else {
                let widths: Vec<usize> = (0..head.len())
                    .map(|i| {
                        std::iter::once(head)
                            .chain(rows.iter().map(Vec::as_slice))
                            .filter_map(|r| r.get(i))
                            .map(|c| c.chars().count())
                            .max()
                            .unwrap_or(0)
                    })
                    .collect();
                for r in std::iter::once(head).chain(rows.iter().map(Vec::as_slice)) {
                    let line: Vec<String> = r
                        .iter()
                        .zip(&widths)
                        .map(|(c, w)| format!("{c:<w$}"))
                        .collect();
                    out.push_str(line.join("  ").trim_end());
                    out.push('\n');
                }
            }
            out.push('\n');
        };
        heading(
            &mut out,
            1,
            &format!(
                "{}: {} / {}",
                w("Đánh giá giả định", "What-if review"),
                name(0),
                name(1)
            ),
        );
        for (i, r) in self.regimes.iter().enumerate() {
            let reason = r.map_or_else(
                || w("không có chế độ áp dụng", "no regime applies"),
                |r| pick(lang, &r.reason_vi(), &r.reason_en()),
            );
            out.push_str(&format!(
                "{}{}: {reason}\n",
                if md { "- " } else { "" },
                name(i)
            ));
        }
        out.push_str(&format!(
            "{}{}: {}\n",
            if md { "- " } else { "" },
            w("Đoàn viên được xét", "Members reviewed"),
            num(self.reviewed)
        ));
        if self.unplaced > 0 {
            out.push_str(&format!(
                "{}{}: {}\n",
                if md { "- " } else { "" },
                w(
                    "Đoàn viên có dữ liệu nhưng không thuộc đơn vị nào vào cuối kỳ (không xét)",
                    "Members with facts but in no unit at the end of the period (not reviewed)"
                ),
                num(self.unplaced as u64)
            ));
        }
        out.push('\n');
        heading(
            &mut out,
            2,
            &w("Kết quả theo danh hiệu", "Outcomes by title"),
        );
        let mut rows = Vec::new();
        for (t, title) in self.titles.iter().enumerate() {
            for o in OUTCOMES {
                let get = |i: usize| {
                    self.tallies
                        .get(i)
                        .and_then(|x| x.get(t))
                        .and_then(|c| c.get(slot(o)))
                        .copied()
                        .unwrap_or(0)
                };
                rows.push(vec![
                    title.to_string(),
                    pick(lang, o.label_vi(), o.label_en()),
                    num(get(0)),
                    num(get(1)),
                ]);
            }
        }
        table(
            &mut out,
            &[
                w("Danh hiệu", "Title"),
                w("Kết quả", "Outcome"),
                name(0),
                name(1),
            ],
            &rows,
        );
        heading(&mut out, 2, &w("Thay đổi kết quả", "Changes of outcome"));
        let mut rows = Vec::new();
        for (title, m) in self.titles.iter().zip(&self.transitions) {
            for from in OUTCOMES {
                for to in OUTCOMES {
                    let n = m
                        .get(slot(from))
                        .and_then(|r| r.get(slot(to)))
                        .copied()
                        .unwrap_or(0);
                    if from != to && n > 0 {
                        rows.push(vec![
                            title.to_string(),
                            pick(lang, from.label_vi(), from.label_en()),
                            pick(lang, to.label_vi(), to.label_en()),
                            num(n),
                        ]);
                    }
                }
            }
        }
        if rows.is_empty() {
            out.push_str(&w(
                "Không đoàn viên nào thay đổi kết quả.\n\n",
                "No member's outcome changes.\n\n",
            ));
        } else {
            table(
                &mut out,
                &[
                    w("Danh hiệu", "Title"),
                    name(0),
                    name(1),
                    w("Số đoàn viên", "Members"),
                ],
                &rows,
            );
        }
        if !self.units.is_empty() {
            heading(&mut out, 2, &w("Theo cấp", "By level"));
            let rows: Vec<Vec<String>> = self
                .levels()
                .into_iter()
                .map(|(l, units, _)| {
                    vec![format!("{} {}", w("Cấp", "Level"), l.number()), num(units)]
                })
                .collect();
            table(
                &mut out,
                &[
                    w("Cấp", "Level"),
                    w("Đơn vị có thay đổi", "Units with changes"),
                ],
                &rows,
            );
            heading(&mut out, 2, &w("Theo đơn vị", "By unit"));
            let units = self.units();
            let rows: Vec<Vec<String>> = units
                .iter()
                .take(limit)
                .map(|u| {
                    vec![
                        u.code.clone(),
                        u.name.clone().unwrap_or_default(),
                        u.level.number().to_string(),
                        num(u.reviewed),
                        num(u.changed),
                    ]
                })
                .collect();
            table(
                &mut out,
                &[
                    w("Mã", "Code"),
                    w("Tên", "Name"),
                    w("Cấp", "Level"),
                    w("Đoàn viên được xét", "Reviewed"),
                    w("Thay đổi", "Changed"),
                ],
                &rows,
            );
            if units.len() > limit {
                out.push_str(&format!(
                    "{} {}\n\n",
                    num((units.len() - limit) as u64),
                    w("đơn vị khác không liệt kê.", "more units not listed.")
                ));
            }
        }
        heading(&mut out, 2, &w("Tỷ lệ CSTĐCS", "CSTĐCS quota"));
        out.push_str(&format!(
            "{}: {} ({}) / {} ({})\n\n",
            w(
                "Đơn vị vượt tỷ lệ nếu đề nghị mọi người đủ điều kiện",
                "Units over the quota if every eligible member is proposed"
            ),
            num(self.over_quota[0]),
            name(0),
            num(self.over_quota[1]),
            name(1),
        ));
        if !self.quota.is_empty() {
            let allowed = |q: &QuotaCheck| {
                q.allowed()
                    .map_or_else(|| w("không giới hạn", "no quota"), num)
            };
            let within = |q: &QuotaCheck| {
                if q.is_within() {
                    w("trong tỷ lệ", "within")
                } else {
                    w("vượt", "over")
                }
            };
            let rows: Vec<Vec<String>> = self
                .quota
                .iter()
                .map(|q| {
                    vec![
                        q.code.clone(),
                        format!(
                            "{} / {}",
                            num(q.counts[0].1.into()),
                            num(q.counts[1].1.into())
                        ),
                        format!("{} / {}", allowed(&q.before), allowed(&q.after)),
                        format!("{} / {}", within(&q.before), within(&q.after)),
                    ]
                })
                .collect();
            table(
                &mut out,
                &[
                    w("Đơn vị", "Unit"),
                    w("CSTĐCS đủ điều kiện", "CSTĐCS eligible"),
                    w("Tối đa", "Allowed"),
                    w("Đánh giá", "Check"),
                ],
                &rows,
            );
        }
        if !self.changes.is_empty() {
            heading(
                &mut out,
                2,
                &w(
                    "Đoàn viên thay đổi kết quả",
                    "Members whose outcome changes",
                ),
            );
            for c in self.changes().take(limit) {
                out.push_str(&format!(
                    "{}{} ({}) — {}: {} → {}\n",
                    if md { "- " } else { "* " },
                    c.member,
                    c.unit_code,
                    c.title,
                    pick(lang, c.before.label_vi(), c.before.label_en()),
                    pick(lang, c.after.label_vi(), c.after.label_en()),
                ));
                for f in &c.findings {
                    let side = |f: &Option<Finding>| {
                        f.as_ref().map_or_else(
                            || w("không áp dụng quy tắc này", "rule not in force"),
                            |f| format!("{} ({})", f.message(lang), f.sources()),
                        )
                    };
                    out.push_str(&format!(
                        "  - [{}] {}: {}\n    {}: {}\n",
                        f.rule,
                        name(0),
                        side(&f.before),
                        name(1),
                        side(&f.after)
                    ));
                }
            }
            if self.changes.len() > limit {
                out.push_str(&format!(
                    "\n{} {}\n",
                    num((self.changes.len() - limit) as u64),
                    w("thay đổi khác không liệt kê.", "more changes not listed.")
                ));
            }
            out.push('\n');
        }
        out
    }
}

/// Reads a JSON list of overrides in the dataset file's form (the elements of its
/// `overrides`), such as a what-if's second configuration adds.
///
/// ```
/// let overrides = thidua::overrides_from_json(r#"[ { "scope": { "kind": "everywhere" },
///     "from": "2024-01-01",
///     "change": { "kind": "set_parameter", "parameter": "cstdcs_quota_percent", "value": 10 },
///     "citation": { "document": "Quyết định 12/2024/QĐ-UBND", "confidence": "verified" } } ]"#)
///     .map_err(|d| d.to_string())?;
/// assert_eq!(overrides.len(), 1);
/// # Ok::<(), String>(())
/// ```
///
/// # Errors
/// Every problem found, each at its path: `whatif.syntax` when the text is not
/// JSON, `whatif.not_a_list` when it is not a list, and the dataset file's
/// diagnostics for a bad element.
pub fn overrides_from_json(text: &str) -> Result<Vec<Override>, Diagnostics> {
    let mut report = Diagnostics::new();
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            report.push(
                Diagnostic::of("whatif.syntax", Severity::Error, Location::Whole).arg("problem", e),
            );
            return Err(report);
        }
    };
    let serde_json::Value::Array(items) = value else {
        report.push(Diagnostic::of(
            "whatif.not_a_list",
            Severity::Error,
            Location::Whole,
        ));
        return Err(report);
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        if let Some(o) =
            crate::dataset::file::read_one::<Override>(item, DataPath::root().index(i), &mut report)
        {
            out.push(o);
        }
    }
    if report.is_empty() {
        Ok(out)
    } else {
        Err(report)
    }
}
