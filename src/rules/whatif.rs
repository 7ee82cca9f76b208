//! What-if reviews: the same members reviewed under two configurations (two
//! regimes, with and without a jurisdiction's overrides, two quotas), and what
//! changes between them.
//!
//! Outcomes are computed on the fast path ([`Plan::outcome`]); only the members whose
//! outcome differs are explained, and a unit whose two plans give the same outcomes
//! (the same rules, regime and parameter values) is evaluated once.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::award::catalogue::{Catalogue, RecipientKind};
use crate::award::catalogue::{TitleCode, codes};
use crate::dataset::file::Model;
use crate::diagnostic::{DataPath, Diagnostic, Diagnostics, Location, Severity};
use crate::org::kind::Level;
use crate::org::snapshot::{Node, Snapshot};
use crate::report::render::{PAGE_END, html, page_start};
use crate::rules::bonus::{Bonus, bonus};
use crate::rules::engine::{Candidate, Evaluator, Finding, Outcome, Plan, QuotaCheck, Status};
use crate::rules::facts::{CollectiveFacts, MemberFacts, TaskGrade};
use crate::rules::param::Override;
use crate::rules::regime::{RegimeChoice, ReviewContext, RuleError};
use crate::rules::titles::pick;
use crate::value::format::{Lang, format_integer};
use crate::value::id::{MemberId, UnitId};
use crate::value::money::Vnd;
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
    /// The parent's index (units come after their parents).
    parent: Option<u32>,
    /// Whether members of its own are reviewed.
    has_members: bool,
    /// Indices of the unit and its ancestors, nearest first.
    chain: Vec<u32>,
    /// Their ids, nearest first (the jurisdiction of the unit's members).
    ids: Vec<UnitId>,
    /// Whether the unit is in the scope reviewed (its ancestors above the scope are
    /// known for their rules only and never reported).
    in_scope: bool,
}

#[derive(Debug, Clone)]
struct PopMember<'m> {
    id: MemberId,
    unit: u32,
    facts: FactsOf<'m>,
}

/// A member's facts: those of the dataset the population was made from, read where
/// they are, or facts of the population's own.
#[derive(Debug, Clone)]
enum FactsOf<'m> {
    Model(&'m MemberFacts),
    Own(Box<MemberFacts>),
}

impl FactsOf<'_> {
    fn get(&self) -> &MemberFacts {
        match self {
            FactsOf::Model(facts) => facts,
            FactsOf::Own(facts) => facts,
        }
    }
}

/// The members reviewed (each with their unit and its ancestors on a day, and their
/// facts for the period), the collectives reviewed, and the titles they are
/// reviewed for (LĐTT and CSTĐCS; TTLĐXS and TTLĐTT).
///
/// Built from a dataset with [`Population::of_model`], which reads each member's
/// facts where the model keeps them (the population borrows the model, `'m`), or
/// member by member with [`Population::add_member`], which keeps the facts given.
#[derive(Debug, Clone)]
pub struct Population<'m> {
    units: Vec<PopUnit>,
    index: crate::value::hash::FastMap<UnitId, u32>,
    members: Vec<PopMember<'m>>,
    titles: Vec<TitleCode>,
    unplaced: usize,
    collectives: Vec<PopCollective>,
    collective_titles: Vec<TitleCode>,
}

/// A collective reviewed: its unit and its own facts (grade, discipline); the member
/// counts come from the review of its members under each configuration.
#[derive(Debug, Clone)]
struct PopCollective {
    unit: u32,
    facts: CollectiveFacts,
}

impl Default for Population<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'m> Population<'m> {
    /// No members yet; reviewed for LĐTT and CSTĐCS.
    pub fn new() -> Self {
        Self {
            units: Vec::new(),
            index: crate::value::hash::FastMap::default(),
            members: Vec::new(),
            titles: [codes::LDTT, codes::CSTDCS]
                .into_iter()
                .filter_map(|t| TitleCode::try_new(t).ok())
                .collect(),
            unplaced: 0,
            collectives: Vec::new(),
            collective_titles: [codes::TTLDXS, codes::TTLDTT]
                .into_iter()
                .filter_map(|t| TitleCode::try_new(t).ok())
                .collect(),
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
    /// last day, to `scope`'s subtree (`None`: every unit), and the collectives of
    /// that subtree with facts for the period (see [`Population::add_collective`]).
    /// Members with facts but no membership that day are counted in
    /// [`Population::unplaced`].
    ///
    /// # Errors
    /// [`RuleError::UnknownUnit`] when `scope` does not exist on the period's last
    /// day.
    pub fn of_model(
        model: &'m Model,
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
        // Where each member stands on the last day, looked up on every core.
        let facts = &model.facts;
        let placed = crate::parts::in_parts(facts.len(), crate::parts::MIN_RUN, |run| {
            let mut near = u32::MAX;
            facts
                .get(run)
                .unwrap_or(&[])
                .iter()
                .filter(|r| &r.period == period)
                .map(|r| {
                    model
                        .roster
                        .unit_of_near(r.member, end, &mut near)
                        .and_then(|u| snapshot.node(u))
                })
                .collect::<Vec<_>>()
        });
        let records = facts.iter().filter(|r| &r.period == period);
        for (record, node) in records.zip(placed.into_iter().flatten()) {
            match node {
                Some(node) if scope.is_none_or(|s| snapshot.contains(s, node)) => {
                    population.push_member(
                        &snapshot,
                        node,
                        record.member,
                        FactsOf::Model(&record.facts),
                    );
                }
                Some(_) => {}
                None => population.unplaced += 1,
            }
        }
        for record in model
            .collective_facts
            .iter()
            .filter(|r| &r.period == period)
        {
            match snapshot.node(record.unit) {
                Some(node) if scope.is_none_or(|s| snapshot.contains(s, node)) => {
                    population.add_collective(&snapshot, node, record.facts.clone());
                }
                _ => {}
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
            parent,
            has_members: false,
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
        facts: MemberFacts,
    ) {
        self.push_member(snapshot, node, member, FactsOf::Own(Box::new(facts)));
    }

    fn push_member(
        &mut self,
        snapshot: &Snapshot<'_>,
        node: Node,
        member: MemberId,
        facts: FactsOf<'m>,
    ) {
        let unit = self.unit_index(snapshot, node);
        if let Some(u) = self.units.get_mut(unit as usize) {
            u.has_members = true;
        }
        self.members.push(PopMember {
            id: member,
            unit,
            facts,
        });
    }

    /// Adds a collective, the unit `node` of `snapshot`, with its facts for the
    /// period; it is reviewed for TTLĐXS and TTLĐTT. Where members of the unit
    /// itself are reviewed, the counts of its facts (members, those who completed
    /// their tasks, LĐTT, CSTĐCS) are replaced by those of the review under each
    /// configuration ([`CollectiveFacts::tally`]); otherwise its facts are taken as
    /// they are.
    pub fn add_collective(&mut self, snapshot: &Snapshot<'_>, node: Node, facts: CollectiveFacts) {
        let unit = self.unit_index(snapshot, node);
        self.collectives.push(PopCollective { unit, facts });
    }

    /// How many collectives are reviewed.
    pub fn collectives(&self) -> usize {
        self.collectives.len()
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
    /// jurisdiction key, and for each unit the index of its set. Units come after
    /// their parents, and a unit that scopes no override has its parent's key.
    fn plans(&self, config: &Configuration) -> Result<(Vec<Vec<Plan>>, Vec<u32>), RuleError> {
        let scopes = config.evaluator.scope_units();
        let mut keys: HashMap<Vec<bool>, u32> = HashMap::new();
        let mut key_of_unit = vec![0u32; self.units.len()];
        let mut key = Vec::new();
        for (u, unit) in self.units.iter().enumerate() {
            let parent = unit
                .parent
                .and_then(|p| key_of_unit.get(p as usize))
                .copied();
            let k = match parent {
                Some(k) if scopes.is_empty() || !scopes.contains(&unit.id) => k,
                _ => {
                    config.evaluator.scope_key(&unit.ids, &mut key);
                    let next = u32::try_from(keys.len()).unwrap_or(u32::MAX);
                    *keys.entry(key.clone()).or_insert(next)
                }
            };
            if let Some(slot) = key_of_unit.get_mut(u) {
                *slot = k;
            }
        }
        // One set of plans per key that a unit with members has.
        let mut set_of_key: Vec<Option<u32>> = vec![None; keys.len()];
        let mut sets: Vec<Vec<Plan>> = Vec::new();
        let mut of_unit = vec![0u32; self.units.len()];
        for ((unit, &k), slot) in self.units.iter().zip(&key_of_unit).zip(of_unit.iter_mut()) {
            if !unit.has_members {
                continue;
            }
            let Some(entry) = set_of_key.get_mut(k as usize) else {
                continue;
            };
            if let Some(set) = *entry {
                *slot = set;
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
            let set = u32::try_from(sets.len()).unwrap_or(u32::MAX);
            sets.push(plans);
            *entry = Some(set);
            *slot = set;
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
    population: &'p Population<'p>,
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
    pub fn new(population: &'p Population<'p>, configuration: Configuration) -> Self {
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
        check_members_only(&sets)?;
        let sets: Vec<(Vec<Plan>, Vec<Option<usize>>)> = sets
            .into_iter()
            .map(|plans| {
                let pre = prerequisites(&plans);
                (plans, pre)
            })
            .collect();
        // Each run of members is counted on a thread of its own.
        let runs = crate::parts::in_parts(pop.members.len(), crate::parts::MIN_RUN, |run| {
            let mut counts = vec![[0u64; 3]; pop.titles.len()];
            let mut done = vec![Outcome::Eligible; pop.titles.len()];
            for m in pop.members.get(run).unwrap_or(&[]) {
                let Some((plans, pre)) = of_unit
                    .get(m.unit as usize)
                    .and_then(|&k| sets.get(k as usize))
                else {
                    continue;
                };
                let candidate = Candidate::Member(m.facts.get());
                for t in 0..plans.len() {
                    let o = evaluate(plans, pre, t, candidate, &done);
                    if let Some(d) = done.get_mut(t) {
                        *d = o;
                    }
                    if let Some(n) = counts.get_mut(t).and_then(|c| c.get_mut(slot(o))) {
                        *n += 1;
                    }
                }
            }
            counts
        });
        let mut counts = vec![[0u64; 3]; pop.titles.len()];
        for run in runs {
            for (total, part) in counts.iter_mut().zip(run) {
                for (n, k) in total.iter_mut().zip(part) {
                    *n += k;
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
                let candidate = Candidate::Member(m.facts.get());
                let outcome = plan.outcome(candidate)?;
                let rules = match outcome {
                    Outcome::Eligible => Vec::new(),
                    _ => {
                        let wanted = match outcome {
                            Outcome::Ineligible => Status::Fail,
                            _ => Status::Unknown,
                        };
                        plan.explain(Candidate::Member(m.facts.get()))?
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
    population: &'p Population<'p>,
    sets: [(Vec<Vec<Plan>>, Vec<u32>); 2],
    names: [(String, String); 2],
    regimes: [Option<RegimeChoice>; 2],
    /// The day each configuration's awards are decided on, and the day the dossier
    /// was submitted (the bonus depends on both).
    days: [(NaiveDate, Option<NaiveDate>); 2],
    titles: Vec<TitleCode>,
    reviewed: u64,
    unplaced: usize,
    transitions: Vec<[[u64; 3]; 3]>,
    tallies: [Vec<[u64; 3]>; 2],
    changes: Vec<Changed>,
    units: Vec<(u32, u64, u64)>,
    quota: Vec<QuotaRow>,
    over_quota: [u64; 2],
    collectives: Collectives,
}

/// The collectives of a what-if: their titles, the outcomes counted as
/// `transitions[title][a][b]`, and the collectives whose outcome changes.
#[derive(Debug, Clone, Default)]
struct Collectives {
    reviewed: u64,
    titles: Vec<TitleCode>,
    transitions: Vec<[[u64; 3]; 3]>,
    changes: Vec<CollectiveChange>,
}

/// A collective whose outcome for a title differs between the configurations,
/// explained under both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectiveChange {
    unit: UnitId,
    code: String,
    title: TitleCode,
    outcomes: [Outcome; 2],
    facts: [CollectiveFacts; 2],
    undetermined: [[u32; 2]; 2],
    findings: Vec<FindingChange>,
}

impl CollectiveChange {
    /// The collective's unit.
    pub fn unit(&self) -> UnitId {
        self.unit
    }

    /// The unit's code.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The title.
    pub fn title(&self) -> &TitleCode {
        &self.title
    }

    /// The outcome under "a".
    pub fn before(&self) -> Outcome {
        self.outcomes[0]
    }

    /// The outcome under "b".
    pub fn after(&self) -> Outcome {
        self.outcomes[1]
    }

    /// The collective's facts under "a" and "b" (the member counts of each review).
    pub fn facts(&self) -> (&CollectiveFacts, &CollectiveFacts) {
        (&self.facts[0], &self.facts[1])
    }

    /// The collective's own members whose LĐTT and CSTĐCS are undetermined, under
    /// "a" and "b": the facts count them as not having the title, and where counting
    /// them would change the outcome it is undetermined.
    pub fn undetermined_members(&self) -> ((u32, u32), (u32, u32)) {
        let [[la, ca], [lb, cb]] = self.undetermined;
        ((la, ca), (lb, cb))
    }

    /// The findings that differ.
    pub fn findings(&self) -> &[FindingChange] {
        &self.findings
    }
}

/// Per unit, before subtree totals: members reviewed, those who completed their
/// tasks, and per side those eligible for and undetermined for (LĐTT, CSTĐCS).
struct OwnCounts<'a> {
    reviewed: &'a [u64],
    completed: &'a [u32],
    eligible: &'a [[[u32; 2]; 2]],
    undetermined: &'a [[[u32; 2]; 2]],
}

/// Reviews the population's collectives under both configurations, each with the
/// counts of its own members' review on that side. Members whose LĐTT or CSTĐCS
/// is undetermined may count either way: the collective is evaluated with them
/// counted and not counted, and its outcome is undetermined unless both agree.
fn review_collectives(
    pop: &Population,
    configs: [&Configuration; 2],
    counts: &OwnCounts<'_>,
) -> Result<Collectives, RuleError> {
    let titles = pop.collective_titles.clone();
    let mut out = Collectives {
        reviewed: pop.collectives.len() as u64,
        transitions: vec![[[0u64; 3]; 3]; titles.len()],
        changes: Vec::new(),
        titles,
    };
    for c in &pop.collectives {
        let u = c.unit as usize;
        let Some(unit) = pop.units.get(u) else {
            continue;
        };
        let own = counts.reviewed.get(u).copied().unwrap_or(0);
        // The facts on a side, with the undetermined members counted or not.
        let facts = |side: usize, with_undetermined: bool| {
            if own == 0 {
                return c.facts.clone();
            }
            let get = |v: &[[[u32; 2]; 2]]| {
                v.get(u)
                    .and_then(|e| e.get(side))
                    .copied()
                    .unwrap_or([0, 0])
            };
            let [ldtt, cstdcs] = get(counts.eligible);
            let [ul, uc] = if with_undetermined {
                get(counts.undetermined)
            } else {
                [0, 0]
            };
            c.facts.clone().with_counts(
                u32::try_from(own).unwrap_or(u32::MAX),
                counts.completed.get(u).copied().unwrap_or(0),
                ldtt.saturating_add(ul),
                cstdcs.saturating_add(uc),
            )
        };
        let upper = [facts(0, true), facts(1, true)];
        let facts = [facts(0, false), facts(1, false)];
        for (title, row) in out.titles.iter().zip(out.transitions.iter_mut()) {
            let [plan_a, plan_b] = configs.map(|config| {
                config
                    .evaluator
                    .plan(title.as_str(), &config.context, &unit.ids)
            });
            let (plan_a, plan_b) = (plan_a?, plan_b?);
            let (ca, cb) = (
                Candidate::Collective(&facts[0]),
                Candidate::Collective(&facts[1]),
            );
            let bounded = |plan: &Plan, low: &CollectiveFacts, high: &CollectiveFacts| {
                let low = plan.outcome(Candidate::Collective(low))?;
                let high = plan.outcome(Candidate::Collective(high))?;
                Ok::<_, RuleError>(if low == high {
                    low
                } else {
                    Outcome::Undetermined
                })
            };
            let (oa, ob) = (
                bounded(&plan_a, &facts[0], &upper[0])?,
                bounded(&plan_b, &facts[1], &upper[1])?,
            );
            if let Some(n) = row.get_mut(slot(oa)).and_then(|r| r.get_mut(slot(ob))) {
                *n += 1;
            }
            if oa != ob {
                let (va, vb) = (plan_a.explain(ca)?, plan_b.explain(cb)?);
                out.changes.push(CollectiveChange {
                    unit: unit.id,
                    code: unit.code.clone(),
                    title: title.clone(),
                    outcomes: [oa, ob],
                    facts: facts.clone(),
                    undetermined: if own == 0 {
                        [[0, 0], [0, 0]]
                    } else {
                        counts.undetermined.get(u).copied().unwrap_or_default()
                    },
                    findings: finding_changes(va.findings(), vb.findings()),
                });
            }
        }
    }
    out.changes
        .sort_by(|x, y| x.code.cmp(&y.code).then_with(|| x.title.cmp(&y.title)));
    Ok(out)
}

/// A unit whose quota differs: its index and its (LĐTT, CSTĐCS) eligible under
/// each configuration.
#[derive(Debug, Clone, Copy)]
struct QuotaRow {
    unit: u32,
    counts: [(u32, u32); 2],
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

/// A unit's index, its plans under "a" and "b" (each with its titles'
/// prerequisites), and whether each title's two plans give the same outcomes.
type UnitPlans<'a> = (
    usize,
    (&'a [Plan], &'a [Option<usize>]),
    (&'a [Plan], &'a [Option<usize>]),
    &'a [bool],
);

/// Fails with [`RuleError::WrongCandidate`] when a plan is for collectives: a
/// population holds members only.
fn check_members_only(sets: &[Vec<Plan>]) -> Result<(), RuleError> {
    for plan in sets.iter().flatten() {
        plan.outcome(Candidate::Member(&MemberFacts::new()))?;
    }
    Ok(())
}

/// For each title of a set of plans, the earlier title whose plan is its
/// prerequisite (LĐTT for CSTĐCS): its outcome is reused, not computed again.
fn prerequisites(plans: &[Plan]) -> Vec<Option<usize>> {
    plans
        .iter()
        .enumerate()
        .map(|(t, plan)| {
            plans
                .iter()
                .take(t)
                .position(|other| plan.has_prerequisite(other))
        })
        .collect()
}

/// The outcome of title `t`, the outcomes of the titles before it being `done`.
fn evaluate(
    plans: &[Plan],
    pre: &[Option<usize>],
    t: usize,
    candidate: Candidate<'_>,
    done: &[Outcome],
) -> Outcome {
    let Some(plan) = plans.get(t) else {
        return Outcome::Undetermined;
    };
    match pre.get(t).copied().flatten().and_then(|i| done.get(i)) {
        Some(&o) => plan.outcome_after(candidate, Some(o)),
        None => plan.outcome_unchecked(candidate),
    }
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
        population: &'p Population<'p>,
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
        let mut pairs: Vec<((u32, u32), u32)> = Vec::new();
        let mut last: Option<((u32, u32), u32)> = None;
        let mut unit_same = vec![u32::MAX; pop.units.len()];
        for (u, slot) in unit_same.iter_mut().enumerate() {
            let (Some(&ka), Some(&kb)) = (unit_a.get(u), unit_b.get(u)) else {
                continue;
            };
            let (Some(pa), Some(pb)) = (sets_a.get(ka as usize), sets_b.get(kb as usize)) else {
                continue;
            };
            // Few pairs exist (one per distinct pair of jurisdiction keys): a list
            // searched from the last pair found is enough.
            if let Some((_, k)) = last.filter(|(p, _)| *p == (ka, kb)) {
                *slot = k;
                continue;
            }
            let k = match pairs.iter().find(|(p, _)| *p == (ka, kb)) {
                Some(&(_, k)) => k,
                None => {
                    same.push(
                        pa.iter()
                            .zip(pb)
                            .map(|(x, y)| x.same_outcomes_as(y))
                            .collect(),
                    );
                    let k = u32::try_from(same.len() - 1).unwrap_or(u32::MAX);
                    pairs.push(((ka, kb), k));
                    k
                }
            };
            last = Some(((ka, kb), k));
            *slot = k;
        }
        check_members_only(&sets_a)?;
        check_members_only(&sets_b)?;
        let pre_a: Vec<Vec<Option<usize>>> = sets_a.iter().map(|p| prerequisites(p)).collect();
        let pre_b: Vec<Vec<Option<usize>>> = sets_b.iter().map(|p| prerequisites(p)).collect();
        // transitions[title][a][b]: members with outcome a under "a" and b under "b".
        let mut transitions = vec![[[0u64; 3]; 3]; titles];
        let mut changes = Vec::new();
        let mut reviewed = vec![0u64; pop.units.len()];
        let mut changed = vec![0u64; pop.units.len()];
        let quota_titles = (pop.title_index(codes::LDTT), pop.title_index(codes::CSTDCS));
        let mut eligible = vec![[[0u32; 2]; 2]; pop.units.len()];
        // Members of each unit who completed their tasks (the same on both sides).
        // Members of each unit whose LĐTT and CSTĐCS are undetermined, per side.
        let mut undetermined = vec![
            [[0u32; 2]; 2];
            if pop.collectives.is_empty() {
                0
            } else {
                pop.units.len()
            }
        ];
        let mut completed = vec![
            0u32;
            if pop.collectives.is_empty() {
                0
            } else {
                pop.units.len()
            }
        ];
        let quota_pair = quota_titles.0.zip(quota_titles.1);
        let mut outcomes = [
            vec![Outcome::Eligible; titles],
            vec![Outcome::Eligible; titles],
        ];
        // The plans of the unit of the member before, looked up again only when the
        // unit changes (members usually come unit by unit).
        let mut current: Option<UnitPlans<'_>> = None;
        for (index, m) in pop.members.iter().enumerate() {
            let u = m.unit as usize;
            let (pa, pb, same) = match current {
                Some((cu, pa, pb, same)) if cu == u => (pa, pb, same),
                _ => {
                    let found = (|| {
                        let (ka, kb) = (*unit_a.get(u)? as usize, *unit_b.get(u)? as usize);
                        let same = same.get(*unit_same.get(u)? as usize)?;
                        Some((
                            u,
                            (sets_a.get(ka)?.as_slice(), pre_a.get(ka)?.as_slice()),
                            (sets_b.get(kb)?.as_slice(), pre_b.get(kb)?.as_slice()),
                            same.as_slice(),
                        ))
                    })();
                    let Some(found) = found else {
                        continue;
                    };
                    current = Some(found);
                    (found.1, found.2, found.3)
                }
            };
            let candidate = Candidate::Member(m.facts.get());
            let mut any = false;
            for (t, (same, row)) in same.iter().zip(transitions.iter_mut()).enumerate() {
                let [done_a, done_b] = &mut outcomes;
                let oa = evaluate(pa.0, pa.1, t, candidate, done_a);
                let ob = if *same {
                    oa
                } else {
                    evaluate(pb.0, pb.1, t, candidate, done_b)
                };
                if let (Some(x), Some(y)) = (done_a.get_mut(t), done_b.get_mut(t)) {
                    (*x, *y) = (oa, ob);
                }
                if let Some(n) = row.get_mut(slot(oa)).and_then(|r| r.get_mut(slot(ob))) {
                    *n += 1;
                }
                if oa != ob {
                    any = true;
                    changes.push(Changed {
                        member: u32::try_from(index).unwrap_or(u32::MAX),
                        title: u16::try_from(t).unwrap_or(u16::MAX),
                        outcomes: [oa, ob],
                    });
                }
            }
            if let (Some(titles), Some(e)) = (quota_pair, eligible.get_mut(u)) {
                count_quota_outcome(e, &outcomes, titles, Outcome::Eligible);
            }
            if let Some(r) = reviewed.get_mut(u) {
                *r += 1;
            }
            if let Some(n) = completed.get_mut(u) {
                *n += u32::from(
                    m.facts
                        .get()
                        .grade()
                        .is_some_and(|g| g >= TaskGrade::Completed),
                );
            }
            if let (Some(titles), Some(e)) = (quota_pair, undetermined.get_mut(u)) {
                count_quota_outcome(e, &outcomes, titles, Outcome::Undetermined);
            }
            if any && let Some(c) = changed.get_mut(u) {
                *c += 1;
            }
        }
        let own: Vec<bool> = reviewed.iter().map(|&r| r > 0).collect();
        // Rows are the outcomes under "a", columns those under "b".
        let tallies = [
            transitions
                .iter()
                .map(|m| m.map(|row| row.iter().sum()))
                .collect::<Vec<[u64; 3]>>(),
            transitions
                .iter()
                .map(|m| {
                    m.iter().fold([0u64; 3], |acc, row| {
                        [acc[0] + row[0], acc[1] + row[1], acc[2] + row[2]]
                    })
                })
                .collect::<Vec<[u64; 3]>>(),
        ];
        let counts = OwnCounts {
            reviewed: &reviewed,
            completed: &completed,
            eligible: &eligible,
            undetermined: &undetermined,
        };
        let collectives = review_collectives(pop, [a, b], &counts)?;
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
            for (u, (e, own)) in eligible.iter().zip(&own).enumerate() {
                let [[la, ca], [lb, cb]] = *e;
                if !*own || (la == 0 && lb == 0) {
                    continue;
                }
                // The checks themselves (with their sources) are built when read.
                let (max_a, max_b) = (
                    allowed(&percents_a, &unit_a, u, la),
                    allowed(&percents_b, &unit_b, u, lb),
                );
                let within_a = max_a.is_none_or(|m| u64::from(ca) <= m);
                let within_b = max_b.is_none_or(|m| u64::from(cb) <= m);
                over_quota[0] += u64::from(!within_a);
                over_quota[1] += u64::from(!within_b);
                if max_a != max_b || within_a != within_b {
                    quota.push(QuotaRow {
                        unit: u32::try_from(u).unwrap_or(u32::MAX),
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
        Ok(WhatIf {
            population: pop,
            sets: [(sets_a, unit_a), (sets_b, unit_b)],
            names: [
                (a.name_vi.clone(), a.name_en.clone()),
                (b.name_vi.clone(), b.name_en.clone()),
            ],
            regimes: [a.context.regime().ok(), b.context.regime().ok()],
            days: [
                (a.context.decided_on(), a.context.submitted()),
                (b.context.decided_on(), b.context.submitted()),
            ],
            titles: pop.titles.clone(),
            reviewed: pop.members.len() as u64,
            unplaced: pop.unplaced,
            transitions,
            tallies,
            changes,
            units,
            quota,
            over_quota,
            collectives,
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

    /// Collectives reviewed (TTLĐXS and TTLĐTT).
    pub fn collectives_reviewed(&self) -> u64 {
        self.collectives.reviewed
    }

    /// How many collectives' outcome for `title` (`ttldtt`, `ttldxs`) goes from
    /// `from` (under "a") to `to` (under "b"); `from == to` counts those unchanged.
    pub fn collective_transition(&self, title: &str, from: Outcome, to: Outcome) -> u64 {
        self.collectives
            .titles
            .iter()
            .position(|t| t.as_str() == title)
            .and_then(|i| self.collectives.transitions.get(i))
            .and_then(|r| r.get(slot(from)))
            .and_then(|r| r.get(slot(to)))
            .copied()
            .unwrap_or(0)
    }

    /// The collectives whose outcome for a title changes, by unit code then title,
    /// each explained under both configurations.
    pub fn collective_changes(&self) -> &[CollectiveChange] {
        &self.collectives.changes
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
        let va = plan_a.explain(Candidate::Member(m.facts.get())).ok()?;
        let vb = plan_b.explain(Candidate::Member(m.facts.get())).ok()?;
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

    /// The units whose CSTĐCS quota differs, by unit code, each with its checks
    /// under both configurations (built as they are asked for).
    pub fn quota(&self) -> Vec<QuotaChange> {
        self.quota_sorted()
            .into_iter()
            .filter_map(|q| self.quota_change(q))
            .collect()
    }

    /// How many units' CSTĐCS quota differs.
    pub fn quota_changed(&self) -> usize {
        self.quota.len()
    }

    fn quota_sorted(&self) -> Vec<&QuotaRow> {
        let code = |q: &QuotaRow| {
            self.population
                .units
                .get(q.unit as usize)
                .map_or("", |u| u.code.as_str())
        };
        let mut rows: Vec<&QuotaRow> = self.quota.iter().collect();
        rows.sort_by(|x, y| code(x).cmp(code(y)));
        rows
    }

    fn quota_change(&self, q: &QuotaRow) -> Option<QuotaChange> {
        let u = q.unit as usize;
        let unit = self.population.units.get(u)?;
        let cstdcs = self.titles.iter().position(|t| t.as_str() == codes::CSTDCS);
        let check = |side: usize| {
            let (sets, of_unit) = self.sets.get(side)?;
            let (l, c) = *q.counts.get(side)?;
            Some(plan_of(sets, of_unit, u, cstdcs)?.quota(l, c))
        };
        Some(QuotaChange {
            unit: unit.id,
            code: unit.code.clone(),
            before: check(0)?,
            after: check(1)?,
            counts: q.counts,
        })
    }

    /// The bonuses under "a" or "b", one per title with a bonus in the catalogue,
    /// if every eligible member is awarded (before the quota trims the CSTĐCS
    /// list): amounts per person as on the configuration's decision day.
    pub fn bonuses(&self, side: Side) -> Vec<BonusTotal> {
        let i = match side {
            Side::A => 0,
            Side::B => 1,
        };
        let Some(&(decided, submitted)) = self.days.get(i) else {
            return Vec::new();
        };
        let catalogue = Catalogue::builtin();
        self.titles
            .iter()
            .filter_map(|title| {
                let def = catalogue.get(title.as_str())?;
                def.bonus_tenths()?;
                Some(BonusTotal {
                    title: title.clone(),
                    members: self.count(side, title.as_str(), Outcome::Eligible),
                    per_person: bonus(def, RecipientKind::Individual, decided, submitted),
                })
            })
            .collect()
    }

    /// Units over the CSTĐCS quota under "a" and under "b" (every eligible member
    /// taken as proposed).
    pub fn over_quota(&self) -> (u64, u64) {
        (self.over_quota[0], self.over_quota[1])
    }
}

/// The bonuses of one title under one configuration, if every eligible member is
/// awarded it: the amount per person (ND 152/2025 Điều 49, 50) times the members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BonusTotal {
    title: TitleCode,
    members: u64,
    per_person: Bonus,
}

impl BonusTotal {
    /// The title.
    pub fn title(&self) -> &TitleCode {
        &self.title
    }

    /// The members eligible.
    pub fn members(&self) -> u64 {
        self.members
    }

    /// The bonus for one person, with its citations, or why it is unknown (a
    /// decision before ND 152/2025 applies, whose tables the crate does not hold).
    pub fn per_person(&self) -> &Bonus {
        &self.per_person
    }

    /// The total (`None` when the amount per person is unknown, or on overflow).
    pub fn total(&self) -> Option<Vnd> {
        let members = i64::try_from(self.members).ok()?;
        self.per_person.amount()?.checked_mul(members)
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

/// Writes a table (header, rows) into a report in its layout.
type TableWriter<'a> = dyn Fn(&mut String, &[String], &[Vec<String>]) + 'a;

/// How a what-if report is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Html,
    Markdown,
    Text,
}

impl WhatIf<'_> {
    /// The report in Markdown, in a language (at most 200 changed members listed).
    pub fn to_markdown(&self, lang: Lang) -> String {
        self.render(lang, Style::Markdown, 200)
    }

    /// The report as a self-contained, printable HTML page, in a language (at most
    /// 200 changed members listed); every name and code is escaped.
    pub fn to_html(&self, lang: Lang) -> String {
        self.render(lang, Style::Html, 200)
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
        let heading = |out: &mut String, level: usize, text: &str| match style {
            Style::Markdown => out.push_str(&format!("{} {text}\n\n", "#".repeat(level))),
            Style::Text => {
                let mark = if level == 1 { '=' } else { '-' };
                out.push_str(&format!(
                    "{text}\n{}\n\n",
                    mark.to_string().repeat(text.chars().count())
                ));
            }
            Style::Html if level == 1 => out.push_str(&page_start(lang, text)),
            Style::Html => out.push_str(&format!("<h{level}>{}</h{level}>\n", html(text))),
        };
        // A line of a list of facts, and a paragraph.
        let line = |out: &mut String, text: &str| match style {
            Style::Markdown => out.push_str(&format!("- {text}\n")),
            Style::Text => out.push_str(&format!("{text}\n")),
            Style::Html => out.push_str(&format!("<p>{}</p>\n", html(text))),
        };
        let para = |out: &mut String, text: &str| match style {
            Style::Html => out.push_str(&format!("<p>{}</p>\n", html(text))),
            _ => out.push_str(&format!("{text}\n\n")),
        };
        let table = |out: &mut String, head: &[String], rows: &[Vec<String>]| {
            if style == Style::Html {
                out.push_str("<table>\n<tr>");
                for h in head {
                    out.push_str(&format!("<th>{}</th>", html(h)));
                }
                out.push_str("</tr>\n");
                for r in rows {
                    out.push_str("<tr>");
                    for c in r {
                        out.push_str(&format!("<td>{}</td>", html(c)));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</table>\n");
                return;
            }
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
            line(&mut out, &format!("{}: {reason}", name(i)));
        }
        line(
            &mut out,
            &format!(
                "{}: {}",
                w("Đoàn viên được xét", "Members reviewed"),
                num(self.reviewed)
            ),
        );
        if self.unplaced > 0 {
            line(
                &mut out,
                &format!(
                    "{}: {}",
                    w(
                        "Đoàn viên có dữ liệu nhưng không thuộc đơn vị nào vào cuối kỳ (không xét)",
                        "Members with facts but in no unit at the end of the period (not reviewed)"
                    ),
                    num(self.unplaced as u64)
                ),
            );
        }
        if style != Style::Html {
            out.push('\n');
        }
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
            para(
                &mut out,
                &w(
                    "Không đoàn viên nào thay đổi kết quả.",
                    "No member's outcome changes.",
                ),
            );
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
                para(
                    &mut out,
                    &format!(
                        "{} {}",
                        num((units.len() - limit) as u64),
                        w("đơn vị khác không liệt kê.", "more units not listed.")
                    ),
                );
            }
        }
        heading(&mut out, 2, &w("Tỷ lệ CSTĐCS", "CSTĐCS quota"));
        para(
            &mut out,
            &format!(
                "{}: {} ({}) / {} ({})",
                w(
                    "Đơn vị vượt tỷ lệ nếu đề nghị mọi người đủ điều kiện",
                    "Units over the quota if every eligible member is proposed"
                ),
                num(self.over_quota[0]),
                name(0),
                num(self.over_quota[1]),
                name(1),
            ),
        );
        let quota = self.quota_sorted();
        if !quota.is_empty() {
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
            let rows: Vec<Vec<String>> = quota
                .iter()
                .take(limit)
                .filter_map(|q| self.quota_change(q))
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
            if quota.len() > limit {
                para(
                    &mut out,
                    &format!(
                        "{} {}",
                        num((quota.len() - limit) as u64),
                        w("đơn vị khác không liệt kê.", "more units not listed.")
                    ),
                );
            }
        }
        self.render_bonuses(lang, &mut out, &heading, &para, &table);
        if self.collectives.reviewed > 0 {
            heading(&mut out, 2, &w("Tập thể", "Collectives"));
            para(
                &mut out,
                &format!(
                    "{}: {}",
                    w("Tập thể được xét", "Collectives reviewed"),
                    num(self.collectives.reviewed)
                ),
            );
            let mut rows = Vec::new();
            for title in &self.collectives.titles {
                for o in OUTCOMES {
                    let count = |side: Side| {
                        OUTCOMES
                            .iter()
                            .map(|&x| match side {
                                Side::A => self.collective_transition(title.as_str(), o, x),
                                Side::B => self.collective_transition(title.as_str(), x, o),
                            })
                            .sum::<u64>()
                    };
                    rows.push(vec![
                        title.to_string(),
                        pick(lang, o.label_vi(), o.label_en()),
                        num(count(Side::A)),
                        num(count(Side::B)),
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
            let side = |f: &Option<Finding>| {
                f.as_ref().map_or_else(
                    || w("không áp dụng quy tắc này", "rule not in force"),
                    |f| format!("{} ({})", f.message(lang), f.sources()),
                )
            };
            let rows: Vec<Vec<String>> = self
                .collectives
                .changes
                .iter()
                .take(limit)
                .map(|c| {
                    let findings: Vec<String> = c
                        .findings
                        .iter()
                        .map(|f| {
                            format!(
                                "[{}] {}: {}; {}: {}",
                                f.rule,
                                name(0),
                                side(&f.before),
                                name(1),
                                side(&f.after)
                            )
                        })
                        .collect();
                    let outcome = |side: usize| {
                        let o = c
                            .outcomes
                            .get(side)
                            .copied()
                            .unwrap_or(Outcome::Undetermined);
                        let [l, cs] = c.undetermined.get(side).copied().unwrap_or_default();
                        let label = pick(lang, o.label_vi(), o.label_en());
                        if l + cs == 0 {
                            return label;
                        }
                        format!(
                            "{label} ({}: LĐTT {}, CSTĐCS {})",
                            w("đoàn viên chưa kết luận", "members undetermined"),
                            num(l.into()),
                            num(cs.into())
                        )
                    };
                    vec![
                        c.code.clone(),
                        c.title.to_string(),
                        format!("{} → {}", outcome(0), outcome(1)),
                        findings.join(" "),
                    ]
                })
                .collect();
            if !rows.is_empty() {
                table(
                    &mut out,
                    &[
                        w("Đơn vị", "Unit"),
                        w("Danh hiệu", "Title"),
                        w("Kết quả", "Outcome"),
                        w("Quy tắc khác nhau", "Findings that differ"),
                    ],
                    &rows,
                );
            }
            if self.collectives.changes.len() > limit {
                para(
                    &mut out,
                    &format!(
                        "{} {}",
                        num((self.collectives.changes.len() - limit) as u64),
                        w("thay đổi khác không liệt kê.", "more changes not listed.")
                    ),
                );
            }
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
            if style == Style::Html {
                out.push_str("<ul>\n");
            }
            for c in self.changes().take(limit) {
                let head = format!(
                    "{} ({}) — {}: {} → {}",
                    c.member,
                    c.unit_code,
                    c.title,
                    pick(lang, c.before.label_vi(), c.before.label_en()),
                    pick(lang, c.after.label_vi(), c.after.label_en()),
                );
                let side = |f: &Option<Finding>| {
                    f.as_ref().map_or_else(
                        || w("không áp dụng quy tắc này", "rule not in force"),
                        |f| format!("{} ({})", f.message(lang), f.sources()),
                    )
                };
                if style == Style::Html {
                    out.push_str(&format!("<li>{}\n<ul>\n", html(&head)));
                    for f in &c.findings {
                        out.push_str(&format!(
                            "<li><code>{}</code><br>{}: {}<br>{}: {}</li>\n",
                            html(&f.rule),
                            html(&name(0)),
                            html(&side(&f.before)),
                            html(&name(1)),
                            html(&side(&f.after))
                        ));
                    }
                    out.push_str("</ul></li>\n");
                    continue;
                }
                out.push_str(&format!("{}{head}\n", if md { "- " } else { "* " }));
                for f in &c.findings {
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
            if style == Style::Html {
                out.push_str("</ul>\n");
            } else {
                out.push('\n');
            }
            if self.changes.len() > limit {
                para(
                    &mut out,
                    &format!(
                        "{} {}",
                        num((self.changes.len() - limit) as u64),
                        w("thay đổi khác không liệt kê.", "more changes not listed.")
                    ),
                );
            }
        }
        if style == Style::Html {
            out.push_str(PAGE_END);
        }
        out
    }

    /// The bonuses section: each title's bonus per person and total under both
    /// configurations, if every eligible member is awarded.
    fn render_bonuses(
        &self,
        lang: Lang,
        out: &mut String,
        heading: &dyn Fn(&mut String, usize, &str),
        para: &dyn Fn(&mut String, &str),
        table: &TableWriter<'_>,
    ) {
        let w = |vi: &str, en: &str| pick(lang, vi, en);
        let (a, b) = (self.bonuses(Side::A), self.bonuses(Side::B));
        if a.is_empty() {
            return;
        }
        heading(out, 2, &w("Tiền thưởng", "Bonuses"));
        para(
            out,
            &w(
                "Nếu mọi người đủ điều kiện đều được tặng danh hiệu (trước khi áp dụng tỷ lệ CSTĐCS).",
                "If every eligible member is awarded the title (before the CSTĐCS quota).",
            ),
        );
        let money = |b: &BonusTotal| match b.total() {
            Some(total) => format!(
                "{} × {} = {}",
                format_integer(i128::from(b.members), lang),
                b.per_person
                    .amount()
                    .map(|v| v.to_dong_string(lang))
                    .unwrap_or_default(),
                total.to_dong_string(lang)
            ),
            None => match &b.per_person {
                Bonus::Unknown(u) => format!(
                    "{} × ? ({})",
                    format_integer(i128::from(b.members), lang),
                    pick(lang, &u.reason_vi, &u.reason_en)
                ),
                Bonus::Amount(_) => w("vượt giới hạn số", "too large"),
            },
        };
        let name = |i: usize| {
            self.names
                .get(i)
                .map(|(vi, en)| pick(lang, vi, en))
                .unwrap_or_default()
        };
        let rows: Vec<Vec<String>> = a
            .iter()
            .zip(&b)
            .map(|(x, y)| vec![x.title.to_string(), money(x), money(y)])
            .collect();
        table(out, &[w("Danh hiệu", "Title"), name(0), name(1)], &rows);
        let sources: Vec<String> = a
            .iter()
            .chain(&b)
            .filter_map(|t| match &t.per_person {
                Bonus::Amount(x) => Some(format!(
                    "{}: {}; {}",
                    t.title, x.multiple_citation, x.rounding_citation
                )),
                Bonus::Unknown(_) => None,
            })
            .fold(Vec::new(), |mut acc, s| {
                if !acc.contains(&s) {
                    acc.push(s);
                }
                acc
            });
        if !sources.is_empty() {
            para(
                out,
                &format!("{}: {}", w("Căn cứ", "Sources"), sources.join(" — ")),
            );
        }
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

/// Adds one member's outcomes of the quota's two titles (LĐTT, CSTĐCS) on each side
/// to a unit's counts of `wanted`.
fn count_quota_outcome(
    counts: &mut [[u32; 2]; 2],
    outcomes: &[Vec<Outcome>; 2],
    (ldtt, cstdcs): (usize, usize),
    wanted: Outcome,
) {
    for (side, row) in counts.iter_mut().enumerate() {
        for (k, t) in [ldtt, cstdcs].into_iter().enumerate() {
            let is = outcomes
                .get(side)
                .and_then(|o| o.get(t))
                .is_some_and(|o| *o == wanted);
            if let Some(n) = row.get_mut(k) {
                *n += u32::from(is);
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::dataset::file::Dataset;

    /// A population made from a model reads each member's facts where the model
    /// keeps them (a member reviewed is 40 bytes, not a copy of their facts); the
    /// same members with facts of their own are reviewed alike.
    #[test]
    fn a_population_of_a_model_reads_its_facts_in_place() {
        assert_eq!(std::mem::size_of::<PopMember<'_>>(), 40);
        let text = include_str!("../../examples/data/gia-lam-2021-2022.json");
        let model = Dataset::from_json(text).unwrap().into_model().unwrap();
        // The period with the most members' facts.
        let mut periods: HashMap<Period, usize> = HashMap::new();
        for r in &model.facts {
            *periods.entry(r.period).or_default() += 1;
        }
        let period = model
            .facts
            .iter()
            .map(|r| r.period)
            .max_by_key(|p| periods[p])
            .unwrap();
        let population = Population::of_model(&model, &period, None).unwrap();
        let in_model: HashSet<*const MemberFacts> =
            model.facts.iter().map(|r| &r.facts as *const _).collect();
        assert_eq!(population.len() + population.unplaced(), periods[&period]);
        assert!(population.len() > 1, "{}", population.len());
        for m in &population.members {
            let FactsOf::Model(facts) = &m.facts else {
                panic!("a copy of {}'s facts", m.id)
            };
            assert!(in_model.contains(&(*facts as *const _)));
        }
        let mut own = population.clone();
        for m in &mut own.members {
            m.facts = FactsOf::Own(Box::new(m.facts.get().clone()));
        }
        let configuration = Configuration::new(model.evaluator(), ReviewContext::new(period));
        let tally = MemberReview::new(&population, configuration.clone())
            .run()
            .unwrap();
        assert!(tally.count(codes::LDTT, Outcome::Eligible) > 0);
        assert_eq!(MemberReview::new(&own, configuration).run().unwrap(), tally);
    }
}
