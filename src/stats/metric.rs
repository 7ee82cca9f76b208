//! Metrics: what to count about units and members, defined once and rolled up.

use std::collections::HashMap;

use crate::award::catalogue::TitleCode;
use crate::award::decision::Recipient;
use crate::dataset::file::Model;
use crate::org::kind::{Bloc, Level, UnitKind};
use crate::org::snapshot::{Node, Snapshot};
use crate::people::member::{Gender, MemberRecord};
use crate::rules::facts::{CollectiveFacts, MemberFacts, TaskGrade};
use crate::stats::accumulate::{Accumulator, Tally};
use crate::stats::rollup::Rollup;
use crate::value::id::MemberId;
use crate::value::period::Period;

/// A unit as a metric sees it: its place in the snapshot and its facts for the
/// period.
#[derive(Debug, Clone, Copy)]
pub struct UnitRow<'a> {
    /// The unit's node.
    pub node: Node,
    /// The unit's kind.
    pub kind: UnitKind,
    /// The unit's bloc on the day.
    pub bloc: Option<Bloc>,
    /// The collective's facts for the period, if given.
    pub facts: Option<&'a CollectiveFacts>,
}

/// A member as a metric sees it: the record, the unit on the day, the facts and the
/// titles conferred for the period.
#[derive(Debug, Clone)]
pub struct MemberRow<'a> {
    /// The member.
    pub record: &'a MemberRecord,
    /// The unit the member belongs to on the day.
    pub node: Node,
    /// The member's facts for the period, if given.
    pub facts: Option<&'a MemberFacts>,
    /// Titles and forms conferred on the member for the period (revocations
    /// applied as of the day).
    pub titles: Vec<&'a TitleCode>,
}

/// A figure defined once and rolled up the hierarchy: what each unit and each
/// member adds to the unit's own accumulator. Both methods default to adding nothing.
///
/// ```
/// use thidua::{Gender, MemberRow, Metric};
///
/// /// Women teachers.
/// struct WomenTeachers;
///
/// impl Metric for WomenTeachers {
///     type Acc = u64;
///     fn member(&self, m: &MemberRow<'_>, acc: &mut u64) {
///         if m.record.gender() == Some(Gender::Female)
///             && m.record.role() == Some(thidua::Role::Teacher)
///         {
///             *acc += 1;
///         }
///     }
/// }
/// ```
pub trait Metric {
    /// The accumulator rolled up.
    type Acc: Accumulator;

    /// What a unit adds to its own accumulator.
    fn unit(&self, _unit: &UnitRow<'_>, _acc: &mut Self::Acc) {}

    /// What a member adds to the accumulator of the unit they belong to.
    fn member(&self, _member: &MemberRow<'_>, _acc: &mut Self::Acc) {}
}

/// Units per level and bloc.
#[derive(Debug, Clone, Copy, Default)]
pub struct UnitsByLevelAndBloc;

impl Metric for UnitsByLevelAndBloc {
    type Acc = Tally<(Level, Option<Bloc>)>;
    fn unit(&self, u: &UnitRow<'_>, acc: &mut Self::Acc) {
        acc.add((u.kind.level(), u.bloc));
    }
}

/// Members on the day.
#[derive(Debug, Clone, Copy, Default)]
pub struct Members;

impl Metric for Members {
    type Acc = u64;
    fn member(&self, _: &MemberRow<'_>, acc: &mut u64) {
        *acc = acc.saturating_add(1);
    }
}

/// Members per gender (`None`: not recorded).
#[derive(Debug, Clone, Copy, Default)]
pub struct MembersByGender;

impl Metric for MembersByGender {
    type Acc = Tally<Option<Gender>>;
    fn member(&self, m: &MemberRow<'_>, acc: &mut Self::Acc) {
        acc.add(m.record.gender());
    }
}

/// Grassroots unions per grade for the period (`None`: not graded — the remainder
/// reports must show, not hide).
#[derive(Debug, Clone, Copy, Default)]
pub struct GrassrootsGrades;

impl Metric for GrassrootsGrades {
    type Acc = Tally<Option<TaskGrade>>;
    fn unit(&self, u: &UnitRow<'_>, acc: &mut Self::Acc) {
        if u.kind.level() == Level::Grassroots {
            acc.add(u.facts.and_then(CollectiveFacts::grade));
        }
    }
}

/// Titles and forms conferred on members for the period, per title.
#[derive(Debug, Clone, Copy, Default)]
pub struct TitlesConferred;

impl Metric for TitlesConferred {
    type Acc = Tally<TitleCode>;
    fn member(&self, m: &MemberRow<'_>, acc: &mut Self::Acc) {
        for t in &m.titles {
            acc.add((*t).clone());
        }
    }
}

impl Model {
    /// Rolls a metric up the snapshot's scope: every unit in scope and every member
    /// belonging to one on the snapshot's day, with facts and titles for `period`.
    pub fn rollup<M: Metric>(
        &self,
        metric: &M,
        snapshot: &Snapshot<'_>,
        scope: Option<Node>,
        period: Option<&Period>,
    ) -> Rollup<M::Acc> {
        let date = snapshot.date();
        let unit_facts: HashMap<_, _> = self
            .collective_facts
            .iter()
            .filter(|f| Some(&f.period) == period)
            .map(|f| (f.unit, &f.facts))
            .collect();
        let member_facts: HashMap<MemberId, &MemberFacts> = self
            .facts
            .iter()
            .filter(|f| Some(&f.period) == period)
            .map(|f| (f.member, &f.facts))
            .collect();
        let mut contributions: Vec<(Node, M::Acc)> = Vec::new();
        for node in snapshot.scope(scope) {
            let row = UnitRow {
                node,
                kind: snapshot.kind(node),
                bloc: snapshot.bloc(node),
                facts: unit_facts.get(&snapshot.id(node)).copied(),
            };
            let mut acc = M::Acc::default();
            metric.unit(&row, &mut acc);
            contributions.push((node, acc));
        }
        let node_of = snapshot.node_index();
        let range = match scope {
            Some(n) => snapshot.subtree_range(n),
            None => 0..snapshot.len(),
        };
        for (record, unit) in self.roster.members_on(date) {
            let Some(node) = node_of
                .get(unit as usize)
                .and_then(|&n| snapshot.node_at(n as usize))
                .filter(|n| range.contains(&n.index()))
            else {
                continue;
            };
            let titles = match period {
                Some(p) => self
                    .awards
                    .awards_of(Recipient::Member(record.id()), chrono::NaiveDate::MAX)
                    .into_iter()
                    .filter(|a| &a.period == p)
                    .map(|a| &a.title)
                    .collect(),
                None => Vec::new(),
            };
            let row = MemberRow {
                record,
                node,
                facts: member_facts.get(&record.id()).copied(),
                titles,
            };
            let mut acc = M::Acc::default();
            metric.member(&row, &mut acc);
            contributions.push((node, acc));
        }
        Rollup::from_contributions(snapshot, scope, contributions).0
    }
}
