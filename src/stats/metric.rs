//! Metrics: what to count about units and members, defined once and rolled up.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::award::catalogue::TitleCode;
use crate::award::decision::Recipient;
use crate::dataset::file::Model;
use crate::diagnostic::{DataPath, Diagnostic, Diagnostics, Severity};
use crate::org::kind::{Bloc, Level, UnitKind};
use crate::org::snapshot::{Node, Snapshot};
use crate::people::member::{Gender, MemberRecord, Membership};
use crate::rules::facts::{CollectiveFacts, MemberFacts, TaskGrade};
use crate::stats::accumulate::{Accumulator, Tally};
use crate::stats::rollup::Rollup;
use crate::value::id::MemberId;
use crate::value::period::{DateRange, Period};

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

/// A member as a metric sees it: the record, the day and the membership holding on
/// it, the unit on the day, the facts and the titles conferred for the period.
///
/// Rows are made by [`Model::rollup`] for every member, and one at a time by
/// [`Model::member_row`].
#[derive(Debug, Clone)]
pub struct MemberRow<'a> {
    /// The member.
    pub record: &'a MemberRecord,
    /// The snapshot's day: the roll-up counts the members belonging to a unit on
    /// it ("recruited in the last 12 months" counts back from it).
    pub date: NaiveDate,
    /// The membership holding on the day (its unit is [`MemberRow::node`]'s).
    pub membership: Membership,
    /// The unit the member belongs to on the day.
    pub node: Node,
    /// The member's facts for the period, if given.
    pub facts: Option<&'a MemberFacts>,
    /// Titles and forms conferred on the member for the period (revocations
    /// applied as of the day).
    pub titles: Vec<&'a TitleCode>,
}

impl MemberRow<'_> {
    /// Whether the member holds the title or form for the period (a code from
    /// [`codes`](crate::codes), or a catalogue's own).
    ///
    /// ```
    /// use thidua::{MemberRow, Metric, codes};
    ///
    /// /// Members holding the LĐTT title.
    /// struct Ldtt;
    ///
    /// impl Metric for Ldtt {
    ///     type Acc = u64;
    ///     fn member(&self, m: &MemberRow<'_>, acc: &mut u64) {
    ///         *acc += u64::from(m.holds(codes::LDTT));
    ///     }
    /// }
    /// ```
    pub fn holds(&self, title: &str) -> bool {
        self.titles.iter().any(|t| t.as_str() == title)
    }
}

/// A figure defined once and rolled up the hierarchy: what each unit and each
/// member adds to the unit's own accumulator. Both methods default to adding nothing.
///
/// A metric is shared between threads (`Sync`): [`Model::rollup`] works runs of a
/// large roster on each of the machine's cores, and merges what each run adds to a
/// unit into the unit's accumulator.
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
pub trait Metric: Sync {
    /// The accumulator rolled up.
    type Acc: Accumulator;

    /// What a unit adds to its own accumulator.
    fn unit(&self, _unit: &UnitRow<'_>, _acc: &mut Self::Acc) {}

    /// What a member adds to the accumulator of the unit they belong to.
    fn member(&self, _member: &MemberRow<'_>, _acc: &mut Self::Acc) {}
}

/// Two metrics rolled up in one pass, side by side.
///
/// ```
/// use thidua::{Members, MembersByGender, Metric};
///
/// fn both() -> impl Metric {
///     (Members, MembersByGender)
/// }
/// # let _ = both();
/// ```
impl<A: Metric, B: Metric> Metric for (A, B) {
    type Acc = (A::Acc, B::Acc);
    fn unit(&self, unit: &UnitRow<'_>, acc: &mut Self::Acc) {
        self.0.unit(unit, &mut acc.0);
        self.1.unit(unit, &mut acc.1);
    }
    fn member(&self, member: &MemberRow<'_>, acc: &mut Self::Acc) {
        self.0.member(member, &mut acc.0);
        self.1.member(member, &mut acc.1);
    }
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
    /// A large roster is cut into runs worked on each of the machine's cores; the
    /// result is the same as one pass, since accumulators merge in any grouping.
    ///
    /// # Periods
    /// Facts, grades and titles count for the period they are recorded for, and
    /// only that one: a calendar year and a school year are different periods even
    /// where they overlap, so a roll-up for *năm 2024* counts nothing recorded for
    /// *năm học 2023-2024* (and the other way round) — nothing is counted twice or
    /// split between periods. The roll-up says when it leaves things out, in
    /// [`Rollup::diagnostics`]:
    /// - no period: `rollup.no_period` (info) — facts, grades and titles are not
    ///   counted at all;
    /// - a period for which no fact, grade or title is recorded:
    ///   `rollup.period_unmatched` (warning), naming the recorded periods that
    ///   overlap it, if any (variant `overlap`).
    ///
    /// ```
    /// # #[cfg(feature = "testing")]
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use thidua::testing::{DatasetBuilder, Person};
    /// use thidua::{Bloc, MembersByGender, Period, TitlesConferred, UnitKind, codes};
    ///
    /// let school_year: Period = "năm học 2023-2024".parse()?;
    /// let model = DatasetBuilder::new("2023-09-01")?
    ///     .unit("GL", UnitKind::DistrictFederation, "LĐLĐ huyện Gia Lâm", None)?
    ///     .grassroots("GL.MNA", "Công đoàn Trường Mầm non A", "GL", Bloc::Schools, 0, 0)?
    ///     .member("lan", "GL.MNA", Person::new().woman())?
    ///     .confer("lan", codes::LDTT, school_year)?
    ///     .model()?;
    /// let tree = model.hierarchy.as_of(thidua::parse_date("2024-05-31")?);
    /// let gl = tree.node_by_code("GL").ok_or("no unit")?;
    ///
    /// let titles = model.rollup(&TitlesConferred, &tree, None, Some(&school_year));
    /// assert_eq!(titles.total(gl).map(|t| t.get(codes::LDTT)), Some(1));
    /// assert!(titles.diagnostics().is_empty());
    ///
    /// // The calendar year 2024 overlaps the school year but is another period.
    /// let year: Period = "năm 2024".parse()?;
    /// let titles = model.rollup(&TitlesConferred, &tree, None, Some(&year));
    /// assert_eq!(titles.total(gl).map(|t| t.get(codes::LDTT)), Some(0));
    /// let warning = titles.diagnostics().iter().next().ok_or("no warning")?;
    /// assert_eq!(warning.code(), "rollup.period_unmatched");
    /// assert_eq!(
    ///     warning.message(),
    ///     "no facts, grades or titles are recorded for year 2024; overlapping periods \
    ///      count only as themselves: school year 2023-2024"
    /// );
    ///
    /// // Without a period, only what needs none is counted, and the roll-up says so.
    /// let genders = model.rollup(&MembersByGender, &tree, None, None);
    /// assert_eq!(genders.diagnostics().iter().next().map(|d| d.code()), Some("rollup.no_period"));
    /// # Ok(())
    /// # }
    /// # #[cfg(not(feature = "testing"))]
    /// # fn main() {}
    /// ```
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
        // Each member's facts for the period, by the member's place in the roster.
        let mut member_facts: Vec<Option<&MemberFacts>> = Vec::new();
        if period.is_some() {
            member_facts.resize(self.roster.members().len(), None);
            let mut near = u32::MAX;
            for f in self.facts.iter().filter(|f| Some(&f.period) == period) {
                let place = self.roster.place_near(f.member, &mut near);
                if let Some(slot) = place.and_then(|p| member_facts.get_mut(p as usize)) {
                    *slot = Some(&f.facts);
                }
            }
        }
        let node_of = snapshot.node_index();
        let range = match scope {
            Some(n) => snapshot.subtree_range(n),
            None => 0..snapshot.len(),
        };
        // Each run of the roster, on a thread of its own, merges its members'
        // contributions into its own value per unit in scope: a national roster
        // would otherwise hold one contribution a member, on one core.
        let runs =
            crate::parts::in_parts(self.roster.stint_count(), crate::parts::MIN_RUN, |run| {
                let mut own = vec![M::Acc::default(); range.len()];
                for (place, record, unit, membership) in self.roster.members_on_in(date, run) {
                    let Some(node) = node_of
                        .get(unit as usize)
                        .and_then(|&n| snapshot.node_at(n as usize))
                        .filter(|n| range.contains(&n.index()))
                    else {
                        continue;
                    };
                    let row = MemberRow {
                        record,
                        date,
                        membership,
                        node,
                        facts: member_facts.get(place as usize).copied().flatten(),
                        titles: self.titles_of(record.id(), period),
                    };
                    let mut acc = M::Acc::default();
                    metric.member(&row, &mut acc);
                    if let Some(slot) = own.get_mut(node.index() - range.start) {
                        slot.merge(&acc);
                    }
                }
                own
            });
        Rollup::from_fn(snapshot, scope, |node| {
            let row = UnitRow {
                node,
                kind: snapshot.kind(node),
                bloc: snapshot.bloc(node),
                facts: unit_facts.get(&snapshot.id(node)).copied(),
            };
            let mut acc = M::Acc::default();
            metric.unit(&row, &mut acc);
            let i = node.index().saturating_sub(range.start);
            for run in &runs {
                if let Some(members) = run.get(i) {
                    acc.merge(members);
                }
            }
            acc
        })
        .with_diagnostics(self.period_diagnostics(period))
    }

    /// A member as [`Model::rollup`] shows the member to a metric on the
    /// snapshot's day, with facts and titles for `period`: `None` when the member
    /// is not in the roster or belongs to no unit of the snapshot that day. For
    /// [`Rollup::reapply_member`].
    pub fn member_row(
        &self,
        snapshot: &Snapshot<'_>,
        member: MemberId,
        period: Option<&Period>,
    ) -> Option<MemberRow<'_>> {
        let date = snapshot.date();
        let (record, unit, membership) = self.roster.stint_on(member, date)?;
        let node = snapshot
            .node_index()
            .get(unit as usize)
            .and_then(|&n| snapshot.node_at(n as usize))?;
        let facts = period.and_then(|p| {
            self.facts
                .iter()
                .find(|f| f.member == member && &f.period == p)
                .map(|f| &f.facts)
        });
        Some(MemberRow {
            record,
            date,
            membership,
            node,
            facts,
            titles: self.titles_of(member, period),
        })
    }

    fn titles_of(&self, member: MemberId, period: Option<&Period>) -> Vec<&TitleCode> {
        match period {
            Some(p) => self
                .awards
                .titles_for(Recipient::Member(member), p, NaiveDate::MAX),
            None => Vec::new(),
        }
    }

    /// What a roll-up for `period` leaves out (see [`Model::rollup`]).
    fn period_diagnostics(&self, period: Option<&Period>) -> Diagnostics {
        let mut report = Diagnostics::new();
        let Some(period) = period else {
            report.push(Diagnostic::of(
                "rollup.no_period",
                Severity::Info,
                DataPath::root(),
            ));
            return report;
        };
        let recorded = self
            .facts
            .iter()
            .map(|f| &f.period)
            .chain(self.collective_facts.iter().map(|f| &f.period))
            .chain(self.decisions.iter().map(|d| d.period()));
        if recorded.clone().any(|p| p == period) {
            return report;
        }
        let mut seen = HashSet::new();
        let recorded: Vec<&Period> = recorded.filter(|p| seen.insert(*p)).collect();
        let calendar = self.meta.calendar.clone().unwrap_or_default();
        let span = period.span(&calendar);
        let mut overlapping: Vec<(DateRange, &Period)> = recorded
            .into_iter()
            .map(|p| (p.span(&calendar), p))
            .filter(|(s, _)| s.overlaps(&span))
            .collect();
        overlapping.sort_by_key(|(s, p)| (s.start(), s.end(), p.label_en()));
        let list = |label: fn(&Period) -> String| {
            let labels: Vec<String> = overlapping.iter().map(|(_, p)| label(p)).collect();
            labels.join(", ")
        };
        report.push(if overlapping.is_empty() {
            Diagnostic::of(
                "rollup.period_unmatched",
                Severity::Warning,
                DataPath::root(),
            )
            .words("period", period.label_vi(), period.label_en())
        } else {
            Diagnostic::of(
                "rollup.period_unmatched",
                Severity::Warning,
                DataPath::root(),
            )
            .variant("overlap")
            .words("period", period.label_vi(), period.label_en())
            .words("others", list(Period::label_vi), list(Period::label_en))
        });
        report
    }
}
