//! The union hierarchy through time: dated names, parents and blocs, lineage events,
//! and the validation that finds every structural problem.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::diagnostic::{DataPath, Diagnostic, Diagnostics, Severity};
use crate::org::cycles::find_cycles;
use crate::org::kind::{Bloc, UnitKind};
use crate::org::snapshot::Snapshot;
use crate::org::unit::{Apportion, LineageEvent, PartnerBody, UnitCode, UnitRecord};
use crate::value::format::Lang;
use crate::value::hash::{self, FastMap};
use crate::value::id::{PartnerId, UnitId};
use crate::value::text::{UnitName, UnitShortName};

/// Marks "no unit" in dense index columns.
pub(crate) const NONE: u32 = u32::MAX;

/// A value that changes over time: `(from, value)` pairs sorted by date, each holding
/// from its date until the next one.
#[derive(Debug, Clone)]
pub(crate) struct Dated<T> {
    entries: Vec<(NaiveDate, T)>,
}

impl<T> Dated<T> {
    fn new(from: NaiveDate, value: T) -> Self {
        Self {
            entries: vec![(from, value)],
        }
    }

    /// Adds a change; returns `false` when a change on the same date exists already.
    fn change(&mut self, from: NaiveDate, value: T) -> bool {
        let at = self.entries.partition_point(|(d, _)| *d < from);
        if self.entries.get(at).is_some_and(|(d, _)| *d == from) {
            return false;
        }
        self.entries.insert(at, (from, value));
        true
    }

    /// The value in force on `date`, if any change had happened by then.
    pub(crate) fn at(&self, date: NaiveDate) -> Option<&T> {
        let after = self.entries.partition_point(|(d, _)| *d <= date);
        after
            .checked_sub(1)
            .and_then(|i| self.entries.get(i))
            .map(|(_, v)| v)
    }

    pub(crate) fn entries(&self) -> &[(NaiveDate, T)] {
        &self.entries
    }
}

/// Where a dissolved unit's history goes, with whole-number weights.
#[derive(Debug, Clone)]
pub(crate) enum Succession {
    /// Weighted successors (weights > 0).
    Weighted(Vec<(u32, u64)>),
    /// Shared by the successors' members on the given day.
    ByMembers(Vec<u32>, NaiveDate),
}

/// Everything known about one unit across time.
#[derive(Debug, Clone)]
pub(crate) struct UnitState {
    pub(crate) record: UnitRecord,
    /// First day the unit exists.
    pub(crate) start: NaiveDate,
    /// First day the unit no longer exists.
    pub(crate) end: Option<NaiveDate>,
    pub(crate) names: Dated<(UnitName, Option<UnitShortName>)>,
    pub(crate) parents: Dated<u32>,
    pub(crate) blocs: Dated<Option<Bloc>>,
    pub(crate) succession: Option<Succession>,
}

impl UnitState {
    pub(crate) fn is_alive(&self, date: NaiveDate) -> bool {
        self.start <= date && self.end.is_none_or(|end| date < end)
    }

    pub(crate) fn parent_at(&self, date: NaiveDate) -> u32 {
        self.parents.at(date).copied().unwrap_or(NONE)
    }
}

/// The whole union organisation as it changes over time.
///
/// Built from unit records (each unit as established), partner bodies and lineage
/// events by [`Hierarchy::build`], which checks everything and reports every problem.
/// Query it with [`Hierarchy::as_of`] for the tree on a given day.
#[derive(Debug, Clone)]
pub struct Hierarchy {
    pub(crate) units: Vec<UnitState>,
    index: FastMap<UnitId, u32>,
    by_code: FastMap<UnitCode, u32>,
    /// Hierarchy indices sorted by unit code: snapshots list siblings in this order.
    pub(crate) by_rank: Vec<u32>,
    partners: Vec<PartnerBody>,
    events: Vec<LineageEvent>,
    warnings: Diagnostics,
}

fn unit_path(i: usize) -> DataPath {
    DataPath::root().key("units").index(i)
}

fn event_path(j: usize) -> DataPath {
    DataPath::root().key("events").index(j)
}

fn day_before(date: NaiveDate) -> NaiveDate {
    date.pred_opt().unwrap_or(date)
}

/// Whether parents' kinds are checked against [`UnitKind::allowed_parents`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KindCheck {
    Enforce,
    #[cfg_attr(not(test), allow(dead_code))]
    Skip,
}

struct Builder {
    kind_check: KindCheck,
    units: Vec<UnitState>,
    paths: Vec<usize>,
    index: FastMap<UnitId, u32>,
    by_code: FastMap<UnitCode, u32>,
    report: Diagnostics,
    /// The latest date any record or event mentions.
    latest: Option<NaiveDate>,
}

impl Builder {
    fn error(&mut self, problem: Diagnostic) {
        self.report.push(problem);
    }

    fn lookup(&mut self, id: UnitId, at: &DataPath, role: &str) -> Option<u32> {
        let found = self.index.get(&id).copied();
        if found.is_none() {
            self.error(
                Diagnostic::of("event.unknown_unit", Severity::Error, at.clone())
                    .arg("id", id)
                    .arg("role", role),
            );
        }
        found
    }

    fn code(&self, i: u32) -> String {
        self.units
            .get(i as usize)
            .map_or_else(|| "?".to_owned(), |u| u.record.code().to_string())
    }

    fn state(&self, i: u32) -> Option<&UnitState> {
        self.units.get(i as usize)
    }

    fn state_mut(&mut self, i: u32) -> Option<&mut UnitState> {
        self.units.get_mut(i as usize)
    }
}

impl Hierarchy {
    /// Builds the hierarchy from units as established, partner bodies and lineage
    /// events (in any order; events on the same date apply together as one batch).
    ///
    /// # Errors
    /// Every problem found, as [`Diagnostics`] with paths `$.units[i]`,
    /// `$.partners[i]` and `$.events[i]` into the given lists: duplicate ids or codes
    /// (`unit.duplicate_id`, `unit.duplicate_code`), unknown or self parents
    /// (`unit.unknown_parent`, `unit.self_parent`), a parent of a kind the child may
    /// not have (`unit.forbidden_parent`), a parent that does not exist for part of
    /// the time the child hangs under it (`unit.parent_gap`, `unit.orphaned`), two
    /// parent changes on one day (`unit.overlapping_parents`), cycles on some day
    /// (`unit.cycle`, naming the cycle and the day), events on unknown units, before a
    /// unit exists or after it is dissolved (`event.unknown_unit`,
    /// `event.before_establishment`, `event.on_dissolved_unit`), a unit dissolved
    /// twice (`event.dissolved_twice`), successors that do not exist on the day
    /// (`event.successor_not_alive`), bad apportioning (`event.bad_apportion`), and
    /// partner bodies with duplicate ids or unknown units. Warnings alone (such as a
    /// district federation still active after 2025-06-30, `unit.kind_not_lawful`) do
    /// not fail the build: they are kept in [`Hierarchy::warnings`].
    pub fn build(
        units: Vec<UnitRecord>,
        partners: Vec<PartnerBody>,
        events: Vec<LineageEvent>,
    ) -> Result<Hierarchy, Diagnostics> {
        Self::build_with(units, partners, events, KindCheck::Enforce)
    }

    pub(crate) fn build_with(
        units: Vec<UnitRecord>,
        partners: Vec<PartnerBody>,
        events: Vec<LineageEvent>,
        kind_check: KindCheck,
    ) -> Result<Hierarchy, Diagnostics> {
        let (mut b, events) = Builder::assemble(units, events, kind_check);
        b.check_cycles();
        let partners = b.check_partners(partners);

        if b.report.has_errors() {
            return Err(b.report);
        }
        let mut by_rank: Vec<u32> = (0..b.units.len() as u32).collect();
        by_rank.sort_by(|&x, &y| {
            let cx = b.units.get(x as usize).map(|u| u.record.code());
            let cy = b.units.get(y as usize).map(|u| u.record.code());
            cx.cmp(&cy)
        });
        Ok(Hierarchy {
            units: b.units,
            index: b.index,
            by_code: b.by_code,
            by_rank,
            partners,
            events: events.into_iter().map(|(_, e)| e).collect(),
            warnings: b.report,
        })
    }

    /// The tree as it stands on `date`: every unit that exists that day, in
    /// topological order (each parent before its children, siblings by code).
    pub fn as_of(&self, date: NaiveDate) -> Snapshot<'_> {
        Snapshot::build(self, date)
    }

    /// Warnings found while building (the build fails on errors).
    pub fn warnings(&self) -> &Diagnostics {
        &self.warnings
    }

    /// The number of units that ever existed in the dataset.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// Whether the hierarchy has no units.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// The record of a unit as established.
    pub fn unit(&self, id: UnitId) -> Option<&UnitRecord> {
        self.state(id).map(|u| &u.record)
    }

    /// The id of the `i`-th unit of the list the hierarchy was built from.
    pub(crate) fn unit_at(&self, i: usize) -> Option<UnitId> {
        self.units.get(i).map(|u| u.record.id())
    }

    /// The id of the unit with this code.
    pub fn unit_by_code(&self, code: &str) -> Option<UnitId> {
        let code = UnitCode::try_new(code).ok()?;
        let i = self.by_code.get(&code)?;
        self.units.get(*i as usize).map(|u| u.record.id())
    }

    /// The first day the unit exists (`None`: before the records begin) and the first
    /// day it no longer exists (`None`: it still exists).
    pub fn lifetime(&self, id: UnitId) -> Option<(Option<NaiveDate>, Option<NaiveDate>)> {
        self.state(id).map(|u| (u.record.established(), u.end))
    }

    /// Whether the unit exists on `date`.
    pub fn is_alive(&self, id: UnitId, date: NaiveDate) -> bool {
        self.state(id).is_some_and(|u| u.is_alive(date))
    }

    /// The unit's official name on `date` (its first name before it existed).
    pub fn name_on(&self, id: UnitId, date: NaiveDate) -> Option<&UnitName> {
        let u = self.state(id)?;
        Some(
            u.names
                .at(date)
                .map_or_else(|| u.record.name(), |(name, _)| name),
        )
    }

    /// The unit's parent on `date`.
    pub fn parent_on(&self, id: UnitId, date: NaiveDate) -> Option<UnitId> {
        let u = self.state(id)?;
        if !u.is_alive(date) {
            return None;
        }
        self.units
            .get(u.parent_at(date) as usize)
            .map(|p| p.record.id())
    }

    /// The partner bodies.
    pub fn partners(&self) -> &[PartnerBody] {
        &self.partners
    }

    /// The partner body with this id.
    pub fn partner(&self, id: PartnerId) -> Option<&PartnerBody> {
        self.partners.iter().find(|p| p.id() == id)
    }

    /// The lineage events, sorted by date.
    pub fn events(&self) -> &[LineageEvent] {
        &self.events
    }

    pub(crate) fn index_of(&self, id: UnitId) -> Option<u32> {
        self.index.get(&id).copied()
    }

    pub(crate) fn state(&self, id: UnitId) -> Option<&UnitState> {
        self.index_of(id).and_then(|i| self.units.get(i as usize))
    }

    pub(crate) fn state_at(&self, i: u32) -> Option<&UnitState> {
        self.units.get(i as usize)
    }

    /// The units' dated states as the builder leaves them before looking for cycles,
    /// whatever else is wrong with them.
    #[cfg(test)]
    pub(crate) fn states_for_checks(
        units: Vec<UnitRecord>,
        events: Vec<LineageEvent>,
        kind_check: KindCheck,
    ) -> Vec<UnitState> {
        Builder::assemble(units, events, kind_check).0.units
    }
}

impl Builder {
    /// Reads the units and applies the events, with every check but those of cycles
    /// and partners; returns the events sorted by date with their places in the list.
    fn assemble(
        units: Vec<UnitRecord>,
        events: Vec<LineageEvent>,
        kind_check: KindCheck,
    ) -> (Builder, Vec<(usize, LineageEvent)>) {
        let mut b = Builder {
            kind_check,
            units: Vec::with_capacity(units.len()),
            paths: Vec::with_capacity(units.len()),
            index: hash::map_with_capacity(units.len()),
            by_code: hash::map_with_capacity(units.len()),
            report: Diagnostics::new(),
            latest: None,
        };
        b.latest = units
            .iter()
            .filter_map(UnitRecord::established)
            .chain(events.iter().map(LineageEvent::date))
            .max();
        b.add_units(units);
        b.resolve_parents();
        let mut events: Vec<(usize, LineageEvent)> = events.into_iter().enumerate().collect();
        events.sort_by_key(|(_, e)| e.date());
        b.apply_dissolutions(&events);
        b.apply_changes(&events);
        b.check_parent_periods();
        (b, events)
    }

    fn add_units(&mut self, units: Vec<UnitRecord>) {
        for (i, record) in units.into_iter().enumerate() {
            let path = unit_path(i);
            if let Some(&first) = self.index.get(&record.id()) {
                let first_path = self.paths.get(first as usize).copied().unwrap_or(0);
                self.error(
                    Diagnostic::of("unit.duplicate_id", Severity::Error, path.key("id"))
                        .arg("id", record.id())
                        .arg("first", format!("$.units[{first_path}]")),
                );
                continue;
            }
            if let Some(&first) = self.by_code.get(record.code()) {
                let first_path = self.paths.get(first as usize).copied().unwrap_or(0);
                self.error(
                    Diagnostic::of("unit.duplicate_code", Severity::Error, path.key("code"))
                        .quoted("code", record.code().as_str())
                        .arg("first", format!("$.units[{first_path}]")),
                );
                continue;
            }
            let Ok(n) = u32::try_from(self.units.len()) else {
                self.error(
                    Diagnostic::of("unit.too_many", Severity::Error, path).num("max", u32::MAX - 1),
                );
                break;
            };
            let start = record.established().unwrap_or(NaiveDate::MIN);
            self.index.insert(record.id(), n);
            self.by_code.insert(record.code().clone(), n);
            self.units.push(UnitState {
                names: Dated::new(start, (record.name().clone(), record.short_name().cloned())),
                parents: Dated::new(start, NONE),
                blocs: Dated::new(start, record.bloc()),
                start,
                end: None,
                succession: None,
                record,
            });
            self.paths.push(i);
        }
    }

    fn resolve_parents(&mut self) {
        for n in 0..self.units.len() {
            let Some(u) = self.units.get(n) else { continue };
            let Some(parent) = u.record.parent() else {
                continue;
            };
            let (id, start) = (u.record.id(), u.start);
            let path = unit_path(self.paths.get(n).copied().unwrap_or(0)).key("parent");
            match self.index.get(&parent).copied() {
                None => self.error(
                    Diagnostic::of("unit.unknown_parent", Severity::Error, path)
                        .arg("parent", parent),
                ),
                Some(p) if p as usize == n => self.error(
                    Diagnostic::of("unit.self_parent", Severity::Error, path)
                        .variant("record")
                        .arg("id", id),
                ),
                Some(p) => {
                    if let Some(u) = self.units.get_mut(n) {
                        u.parents = Dated::new(start, p);
                    }
                }
            }
        }
    }

    /// Checks that unit `i` exists on `date` for an event at `path`.
    fn check_subject(&mut self, i: u32, date: NaiveDate, path: &DataPath, what: &str) -> bool {
        let Some(u) = self.state(i) else { return false };
        let (start, end) = (u.start, u.end);
        let code = self.code(i);
        if date < start {
            self.error(
                Diagnostic::of("event.before_establishment", Severity::Error, path.clone())
                    .words("action", action_vi(what), what)
                    .quoted("unit", &code)
                    .date("date", date)
                    .date("start", start),
            );
            return false;
        }
        if let Some(end) = end.filter(|end| date >= *end) {
            self.error(
                Diagnostic::of("event.on_dissolved_unit", Severity::Error, path.clone())
                    .words("action", action_vi(what), what)
                    .quoted("unit", &code)
                    .date("date", date)
                    .date("end", end),
            );
            return false;
        }
        true
    }

    fn end_unit(
        &mut self,
        i: u32,
        date: NaiveDate,
        path: &DataPath,
        succession: Option<Succession>,
    ) {
        let Some(u) = self.state(i) else { return };
        let (start, end) = (u.start, u.end);
        let code = self.code(i);
        if let Some(end) = end {
            self.error(
                Diagnostic::of("event.dissolved_twice", Severity::Error, path.clone())
                    .quoted("unit", &code)
                    .date("date", date)
                    .date("end", end),
            );
            return;
        }
        if date <= start {
            self.error(
                Diagnostic::of("event.before_establishment", Severity::Error, path.clone())
                    .variant("end")
                    .quoted("unit", &code)
                    .date("date", date)
                    .date("start", start),
            );
            return;
        }
        if let Some(u) = self.state_mut(i) {
            u.end = Some(date);
            u.succession = succession;
        }
    }

    fn lookup_all(&mut self, ids: &[UnitId], path: &DataPath, role: &str) -> Option<Vec<u32>> {
        let mut out = Vec::with_capacity(ids.len());
        let mut ok = true;
        for (k, id) in ids.iter().enumerate() {
            match self.lookup(*id, &path.clone().key(role).index(k), role) {
                Some(i) => out.push(i),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// First pass: every event that ends a unit, so that later checks see final
    /// lifetimes whatever the order of events on one day.
    fn apply_dissolutions(&mut self, events: &[(usize, LineageEvent)]) {
        for (j, event) in events {
            let path = event_path(*j);
            match event {
                LineageEvent::Merge {
                    sources,
                    into,
                    date,
                } => {
                    let Some(into) = self.lookup(*into, &path.clone().key("into"), "into") else {
                        continue;
                    };
                    let Some(sources) = self.lookup_all(sources, &path, "sources") else {
                        continue;
                    };
                    if sources.is_empty() {
                        self.error(
                            Diagnostic::of(
                                "event.bad_merge",
                                Severity::Error,
                                path.clone().key("sources"),
                            )
                            .variant("no_source"),
                        );
                    }
                    for s in sources {
                        if s == into {
                            self.error(
                                Diagnostic::of(
                                    "event.bad_merge",
                                    Severity::Error,
                                    path.clone().key("sources"),
                                )
                                .quoted("unit", self.code(s)),
                            );
                            continue;
                        }
                        let succession = Succession::Weighted(vec![(into, 1)]);
                        self.end_unit(s, *date, &path, Some(succession));
                    }
                }
                LineageEvent::Split {
                    source,
                    into,
                    date,
                    apportion,
                } => {
                    let Some(s) = self.lookup(*source, &path.clone().key("source"), "source")
                    else {
                        continue;
                    };
                    let Some(successors) = self.lookup_all(into, &path, "into") else {
                        continue;
                    };
                    let Some(succession) =
                        self.apportioning(apportion, into, &successors, *date, &path)
                    else {
                        continue;
                    };
                    if successors.contains(&s) {
                        self.error(
                            Diagnostic::of(
                                "event.bad_apportion",
                                Severity::Error,
                                path.clone().key("into"),
                            )
                            .variant("into_itself")
                            .quoted("unit", self.code(s)),
                        );
                        continue;
                    }
                    self.end_unit(s, *date, &path, Some(succession));
                }
                LineageEvent::Dissolve {
                    unit,
                    date,
                    successor,
                } => {
                    let Some(u) = self.lookup(*unit, &path.clone().key("unit"), "unit") else {
                        continue;
                    };
                    let succession = match successor {
                        None => None,
                        Some(s) => {
                            let Some(s) =
                                self.lookup(*s, &path.clone().key("successor"), "successor")
                            else {
                                continue;
                            };
                            Some(Succession::Weighted(vec![(s, 1)]))
                        }
                    };
                    self.end_unit(u, *date, &path, succession);
                }
                LineageEvent::Rename { .. }
                | LineageEvent::Reparent { .. }
                | LineageEvent::ChangeBloc { .. } => {}
            }
        }
    }

    fn apportioning(
        &mut self,
        apportion: &Apportion,
        ids: &[UnitId],
        successors: &[u32],
        date: NaiveDate,
        path: &DataPath,
    ) -> Option<Succession> {
        let at = path.clone().key("apportion");
        if successors.is_empty() {
            self.error(
                Diagnostic::of(
                    "event.bad_apportion",
                    Severity::Error,
                    path.clone().key("into"),
                )
                .variant("no_successor"),
            );
            return None;
        }
        match apportion {
            Apportion::ByMembers => Some(Succession::ByMembers(successors.to_vec(), date)),
            Apportion::ToOne { successor } => match ids.iter().position(|id| id == successor) {
                Some(k) => successors
                    .get(k)
                    .map(|&s| Succession::Weighted(vec![(s, 1)])),
                None => {
                    self.error(
                        Diagnostic::of("event.bad_apportion", Severity::Error, at)
                            .arg("id", successor),
                    );
                    None
                }
            },
            Apportion::Weights { weights } => {
                let mut out = Vec::with_capacity(weights.len());
                let mut ok = true;
                for (id, w) in weights {
                    match ids
                        .iter()
                        .position(|x| x == id)
                        .and_then(|k| successors.get(k))
                    {
                        Some(&s) if *w > 0 => out.push((s, *w)),
                        Some(_) => {
                            ok = false;
                            self.error(
                                Diagnostic::of("event.bad_apportion", Severity::Error, at.clone())
                                    .variant("weight")
                                    .arg("id", id),
                            );
                        }
                        None => {
                            ok = false;
                            self.error(
                                Diagnostic::of("event.bad_apportion", Severity::Error, at.clone())
                                    .arg("id", id),
                            );
                        }
                    }
                }
                if out.len() != successors.len() && ok {
                    ok = false;
                    self.error(
                        Diagnostic::of("event.bad_apportion", Severity::Error, at)
                            .variant("weights")
                            .num("weights", weights.len())
                            .num("successors", successors.len()),
                    );
                }
                ok.then_some(Succession::Weighted(out))
            }
        }
    }

    /// Second pass: renames, moves and reclassifications, and the checks that every
    /// event's units exist on its date.
    fn apply_changes(&mut self, events: &[(usize, LineageEvent)]) {
        for (j, event) in events {
            let path = event_path(*j);
            match event {
                LineageEvent::Rename {
                    unit,
                    date,
                    name,
                    short_name,
                } => {
                    let Some(u) = self.lookup(*unit, &path.clone().key("unit"), "unit") else {
                        continue;
                    };
                    if self.check_subject(u, *date, &path, "renaming")
                        && let Some(s) = self.state_mut(u)
                        && !s.names.change(*date, (name.clone(), short_name.clone()))
                    {
                        let code = self.code(u);
                        self.error(
                            Diagnostic::of("unit.conflicting_names", Severity::Error, path)
                                .quoted("unit", &code)
                                .date("date", *date),
                        );
                    }
                }
                LineageEvent::ChangeBloc { unit, date, bloc } => {
                    let Some(u) = self.lookup(*unit, &path.clone().key("unit"), "unit") else {
                        continue;
                    };
                    if self.check_subject(u, *date, &path, "reclassifying")
                        && let Some(s) = self.state_mut(u)
                        && !s.blocs.change(*date, Some(*bloc))
                    {
                        let code = self.code(u);
                        self.error(
                            Diagnostic::of("unit.conflicting_blocs", Severity::Error, path)
                                .quoted("unit", &code)
                                .date("date", *date),
                        );
                    }
                }
                LineageEvent::Reparent { unit, date, parent } => {
                    let Some(u) = self.lookup(*unit, &path.clone().key("unit"), "unit") else {
                        continue;
                    };
                    let Some(p) = self.lookup(*parent, &path.clone().key("parent"), "parent")
                    else {
                        continue;
                    };
                    if u == p {
                        self.error(
                            Diagnostic::of(
                                "unit.self_parent",
                                Severity::Error,
                                path.clone().key("parent"),
                            )
                            .quoted("unit", self.code(u)),
                        );
                        continue;
                    }
                    if self.check_subject(u, *date, &path, "moving")
                        && let Some(s) = self.state_mut(u)
                        && !s.parents.change(*date, p)
                    {
                        let code = self.code(u);
                        self.error(
                            Diagnostic::of("unit.overlapping_parents", Severity::Error, path)
                                .quoted("unit", &code)
                                .date("date", *date),
                        );
                    }
                }
                LineageEvent::Merge {
                    sources,
                    into,
                    date,
                } => {
                    for (k, s) in sources.iter().enumerate() {
                        if let Some(s) = self.index.get(s).copied() {
                            let at = path.clone().key("sources").index(k);
                            self.check_subject(s, day_before(*date), &at, "merging");
                        }
                    }
                    self.check_successors(&[*into], *date, &path, "into");
                }
                LineageEvent::Split {
                    into, date, source, ..
                } => {
                    if let Some(s) = self.index.get(source).copied() {
                        let at = path.clone().key("source");
                        self.check_subject(s, day_before(*date), &at, "splitting");
                    }
                    self.check_successors(into, *date, &path, "into");
                }
                LineageEvent::Dissolve {
                    successor, date, ..
                } => {
                    if let Some(s) = successor {
                        self.check_successors(&[*s], *date, &path, "successor");
                    }
                }
            }
        }
    }

    fn check_successors(&mut self, ids: &[UnitId], date: NaiveDate, path: &DataPath, role: &str) {
        for id in ids {
            let Some(i) = self.index.get(id).copied() else {
                continue;
            };
            if self.state(i).is_some_and(|u| !u.is_alive(date)) {
                let code = self.code(i);
                self.error(
                    Diagnostic::of(
                        "event.successor_not_alive",
                        Severity::Error,
                        path.clone().key(role),
                    )
                    .quoted("unit", &code)
                    .date("date", date),
                );
            }
        }
    }

    /// Each period a unit hangs under a parent: the parent's kind is allowed, and the
    /// parent exists for the whole period.
    fn check_parent_periods(&mut self) {
        let mut found = Vec::new();
        for (n, u) in self.units.iter().enumerate() {
            let path = unit_path(self.paths.get(n).copied().unwrap_or(0));
            let code = u.record.code().as_str();
            let entries = u.parents.entries();
            for (k, (from, p)) in entries.iter().enumerate() {
                let until = entries.get(k + 1).map(|(d, _)| *d);
                let until = match (until, u.end) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                if until.is_some_and(|t| t <= *from) {
                    continue;
                }
                let Some(parent) = self.units.get(*p as usize) else {
                    continue;
                };
                let pcode = parent.record.code().as_str();
                if self.kind_check == KindCheck::Enforce
                    && !u.record.kind().may_have_parent(parent.record.kind())
                {
                    found.push(
                        Diagnostic::of("unit.forbidden_parent", Severity::Error, path.clone())
                            .quoted("unit", code)
                            .arg("kind", u.record.kind().code())
                            .quoted("parent", pcode)
                            .arg("parent_kind", parent.record.kind().code())
                            .words(
                                "from",
                                show_date(*from, Lang::Vi),
                                show_date(*from, Lang::En),
                            ),
                    );
                }
                if parent.start > *from {
                    found.push(
                        Diagnostic::of("unit.parent_gap", Severity::Error, path.clone())
                            .quoted("unit", code)
                            .quoted("parent", pcode)
                            .words(
                                "from",
                                show_date(*from, Lang::Vi),
                                show_date(*from, Lang::En),
                            )
                            .date("start", parent.start),
                    );
                }
                if let Some(pend) = parent.end
                    && until.is_none_or(|t| pend < t)
                {
                    found.push(
                        Diagnostic::of("unit.orphaned", Severity::Error, path.clone())
                            .quoted("unit", code)
                            .date("date", pend)
                            .quoted("parent", pcode),
                    );
                }
            }
            // A unit left open at the end is only suspicious when the data reaches
            // past the restructuring: a 2021 dataset says nothing about 2025.
            let kind = u.record.kind();
            let last_day = match u.end {
                Some(e) => e.pred_opt(),
                None => self.latest,
            };
            let lawful_start = kind.lawful_on(u.start);
            let lawful_end = last_day.is_none_or(|d| kind.lawful_on(d));
            if !lawful_start || !lawful_end {
                found.push(match kind {
                    UnitKind::CommuneUnion => {
                        Diagnostic::of("unit.kind_not_lawful", Severity::Warning, path.clone())
                            .variant("commune")
                            .quoted("unit", code)
                    }
                    _ => Diagnostic::of("unit.kind_not_lawful", Severity::Warning, path.clone())
                        .quoted("unit", code)
                        .arg("kind", kind.code()),
                });
            }
        }
        for d in found {
            self.report.push(d);
        }
    }

    /// Reports every cycle in the parent links on any day (see [`find_cycles`]).
    fn check_cycles(&mut self) {
        let found = find_cycles(&self.units);
        for (day, cycle) in found {
            let Some(&first) = cycle.first() else {
                continue;
            };
            // Long cycles are named by their first units and their length.
            const SHOWN: usize = 12;
            let mut names: Vec<String> = cycle
                .iter()
                .take(SHOWN)
                .map(|&i| format!("{:?}", self.code(i)))
                .collect();
            if cycle.len() > SHOWN {
                names.push(format!("… ({} units in all)", cycle.len()));
            }
            names.push(format!("{:?}", self.code(first)));
            let path = unit_path(self.paths.get(first as usize).copied().unwrap_or(0));
            let when = |lang| match (day == NaiveDate::MIN, lang) {
                (true, Lang::Vi) => "ngay từ khi bắt đầu có hồ sơ".to_owned(),
                (true, _) => "from the start of the records".to_owned(),
                (false, Lang::Vi) => format!("vào ngày {}", day.format("%d/%m/%Y")),
                (false, _) => format!("on {day}"),
            };
            self.error(
                Diagnostic::of("unit.cycle", Severity::Error, path)
                    .words("when", when(Lang::Vi), when(Lang::En))
                    .arg("units", names.join(" → ")),
            );
        }
    }

    fn check_partners(&mut self, partners: Vec<PartnerBody>) -> Vec<PartnerBody> {
        let mut seen: HashMap<PartnerId, usize> = HashMap::new();
        let mut kept = Vec::with_capacity(partners.len());
        for (i, p) in partners.into_iter().enumerate() {
            let path = DataPath::root().key("partners").index(i);
            if let Some(first) = seen.get(&p.id()) {
                self.error(
                    Diagnostic::of("partner.duplicate_id", Severity::Error, path.key("id"))
                        .arg("id", p.id())
                        .arg("first", format!("$.partners[{first}]")),
                );
                continue;
            }
            if let Some(area) = p.area()
                && !self.index.contains_key(&area)
            {
                self.error(
                    Diagnostic::of("partner.unknown_unit", Severity::Error, path.key("area"))
                        .arg("unit", area),
                );
            }
            seen.insert(p.id(), i);
            kept.push(p);
        }
        kept
    }
}

fn show_date(d: NaiveDate, lang: Lang) -> String {
    match (d == NaiveDate::MIN, lang) {
        (true, Lang::Vi) => "khi bắt đầu có hồ sơ".to_owned(),
        (true, _) => "the start of the records".to_owned(),
        (false, Lang::Vi) => d.format("%d/%m/%Y").to_string(),
        (false, _) => d.to_string(),
    }
}

/// An event's action in Vietnamese, for messages.
fn action_vi(what: &str) -> &str {
    match what {
        "renaming" => "đổi tên",
        "reclassifying" => "đổi khối",
        "moving" => "chuyển",
        "merging" => "hợp nhất",
        "splitting" => "chia tách",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::unit::UnitCode;

    fn chain(n: usize) -> Vec<UnitRecord> {
        (0..n)
            .map(|i| {
                let code = format!("U{i}");
                let mut r = UnitRecord::new(
                    UnitId::from_key(&code),
                    UnitCode::try_new(&code).unwrap(),
                    UnitKind::Department,
                    UnitName::try_new(&code).unwrap(),
                );
                if i > 0 {
                    r = r.with_parent(UnitId::from_key(&format!("U{}", i - 1)));
                }
                r
            })
            .collect()
    }

    #[test]
    fn a_million_deep_chain_does_not_overflow_the_stack() {
        let n = 1_000_000;
        let h = Hierarchy::build_with(chain(n), vec![], vec![], KindCheck::Skip).unwrap();
        let tree = h.as_of(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
        assert_eq!(tree.len(), n);
        let deepest = tree.node_by_code("U999999").unwrap();
        assert_eq!(tree.depth(deepest), 999_999);
        assert_eq!(tree.ancestors(deepest).count(), 999_999);
        let root = tree.node_by_code("U0").unwrap();
        assert_eq!(tree.subtree(root).len(), n);
        assert!(tree.contains(root, deepest));
    }

    #[test]
    fn a_deep_chain_of_forbidden_kinds_is_reported_not_overflowed() {
        let n = 200_000;
        let report = Hierarchy::build(chain(n), vec![], vec![]).unwrap_err();
        assert_eq!(report.total(), u64::try_from(n - 1).unwrap());
        assert_eq!(report.len(), crate::Diagnostics::KEPT_PER_CODE);
        assert!(report.iter().all(|d| d.code() == "unit.forbidden_parent"));
    }

    #[test]
    fn a_long_cycle_is_found_without_recursion() {
        let n = 100_000;
        let mut units = chain(n);
        let first = units
            .remove(0)
            .with_parent(UnitId::from_key(&format!("U{}", n - 1)));
        units.insert(0, first);
        let report = Hierarchy::build_with(units, vec![], vec![], KindCheck::Skip).unwrap_err();
        let cycles: Vec<_> = report.with_code("unit.cycle").collect();
        assert_eq!(cycles.len(), 1);
        assert!(
            cycles[0]
                .message()
                .ends_with("\"U99989\" → … (100000 units in all) → \"U0\""),
            "{}",
            cycles[0].message()
        );
    }
}
