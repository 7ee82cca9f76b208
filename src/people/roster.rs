//! The roster: who belongs to which unit on any day, and headcounts up the tree.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::diagnostic::{DataPath, Diagnostic, Diagnostics, Severity};
use crate::org::hierarchy::Hierarchy;
use crate::org::snapshot::{Node, Snapshot};
use crate::people::member::{MemberRecord, Membership, WorkforceFigure};
use crate::value::format::Lang;
use crate::value::hash::{self, FastMap};
use crate::value::id::{MemberId, UnitId};
use crate::value::ratio::Ratio;
use crate::value::reported::{Qualifier, Reported};

/// One checked membership: dense member and unit indices, the period clamped to the
/// unit's lifetime where the data left it open.
#[derive(Debug, Clone, Copy)]
struct Stint {
    member: u32,
    unit: u32,
    start: NaiveDate,
    end: Option<NaiveDate>,
}

impl Stint {
    fn holds_on(&self, date: NaiveDate) -> bool {
        self.start <= date && self.end.is_none_or(|e| date < e)
    }
}

/// Members, their memberships over time, and the workforce figures units reported.
///
/// Built by [`Roster::build`] against a [`Hierarchy`], which checks every membership
/// against the units' lifetimes and against the member's other memberships, so that a
/// member is counted at most once, in one place, on any day.
#[derive(Debug, Clone)]
pub struct Roster {
    members: Vec<MemberRecord>,
    index: FastMap<MemberId, u32>,
    /// Sorted by member, then start.
    stints: Vec<Stint>,
    /// Sorted by unit, then date.
    workforce: Vec<WorkforceFigure>,
    unit_ids: Vec<UnitId>,
}

/// The place of member `id` in `members` (indexed by `index`), tried first at `near`
/// and just after it.
fn place_near(
    members: &[MemberRecord],
    index: &FastMap<MemberId, u32>,
    id: MemberId,
    near: u32,
) -> Option<u32> {
    let at = |k: u32| {
        members
            .get(k as usize)
            .is_some_and(|m| m.id() == id)
            .then_some(k)
    };
    at(near.wrapping_add(1))
        .or_else(|| at(near))
        .or_else(|| index.get(&id).copied())
}

impl Roster {
    /// Checks and indexes members, memberships and workforce figures.
    ///
    /// An open start or end of a membership means "as long as the unit existed"; an
    /// explicit date outside the unit's lifetime is an error.
    ///
    /// # Errors
    /// Every problem, with paths `$.members[i]`, `$.memberships[i]` and
    /// `$.workforce[i]`: duplicate member ids (`member.duplicate_id`) or codes
    /// (`member.duplicate_code`), memberships of
    /// unknown members or units (`membership.unknown_member`,
    /// `membership.unknown_unit`), a membership ending before it starts
    /// (`membership.bad_period`), in a unit of a kind that holds no members directly
    /// (`membership.unit_kind`), outside the unit's lifetime
    /// (`membership.outside_unit_life`), two memberships of one member that overlap
    /// (`membership.overlap`), and workforce figures of unknown units or given twice
    /// for one unit and date (`workforce.unknown_unit`, `workforce.duplicate`).
    pub fn build(
        hierarchy: &Hierarchy,
        members: Vec<MemberRecord>,
        memberships: Vec<Membership>,
        workforce: Vec<WorkforceFigure>,
    ) -> Result<Roster, Diagnostics> {
        let mut report = Diagnostics::new();
        let mut error = |d: Diagnostic| report.push(d);

        let mut index = hash::map_with_capacity(members.len());
        // The members kept in the list given, in place: a national list is not held
        // twice.
        let mut kept = members;
        // Each kept member's place in the list given, once a member was left out.
        let mut places: Option<Vec<usize>> = None;
        let (mut i, mut n, mut full) = (0usize, 0usize, false);
        kept.retain(|m| {
            let at = i;
            i += 1;
            if full {
                return false;
            }
            let path = || DataPath::root().key("members").index(at);
            if index.contains_key(&m.id()) {
                error(
                    Diagnostic::of("member.duplicate_id", Severity::Error, path().key("id"))
                        .arg("id", m.id()),
                );
                places.get_or_insert_with(|| (0..n).collect());
                return false;
            }
            let Ok(place) = u32::try_from(n) else {
                error(Diagnostic::of("member.too_many", Severity::Error, path()));
                full = true;
                return false;
            };
            index.insert(m.id(), place);
            n += 1;
            if let Some(p) = places.as_mut() {
                p.push(at);
            }
            true
        });
        // Codes are unique: two members with one code are one person given twice, or
        // a typing mistake.
        // Sized at once: growing a map of millions of codes hashes each code again.
        let mut codes: FastMap<&str, MemberId> = hash::map_with_capacity(kept.len());
        for (k, m) in kept.iter().enumerate() {
            let Some(code) = m.code() else { continue };
            if let Some(&first) = codes.get(code.as_str()) {
                let i = places.as_ref().and_then(|p| p.get(k).copied()).unwrap_or(k);
                let path = DataPath::root().key("members").index(i).key("code");
                error(
                    Diagnostic::of("member.duplicate_code", Severity::Error, path)
                        .quoted("code", code.as_str())
                        .arg("first", first),
                );
            } else {
                codes.insert(code.as_str(), m.id());
            }
        }
        drop(codes);

        let mut stints: Vec<(usize, Stint)> = Vec::with_capacity(memberships.len());
        let mut near = u32::MAX;
        for (k, ms) in memberships.iter().enumerate() {
            let path = || DataPath::root().key("memberships").index(k);
            let member = place_near(&kept, &index, ms.member(), near);
            near = member.unwrap_or(near);
            if member.is_none() {
                error(
                    Diagnostic::of(
                        "membership.unknown_member",
                        Severity::Error,
                        path().key("member"),
                    )
                    .arg("member", ms.member()),
                );
            }
            let unit = hierarchy.index_of(ms.unit());
            let Some(state) = unit.and_then(|u| hierarchy.state_at(u)) else {
                error(
                    Diagnostic::of(
                        "membership.unknown_unit",
                        Severity::Error,
                        path().key("unit"),
                    )
                    .arg("unit", ms.unit()),
                );
                continue;
            };
            let (Some(member), Some(unit)) = (member, unit) else {
                continue;
            };
            let code = state.record.code().as_str();
            if let (Some(j), Some(l)) = (ms.joined(), ms.left())
                && l <= j
            {
                error(
                    Diagnostic::of("membership.bad_period", Severity::Error, path())
                        .quoted("unit", code)
                        .date("left", l)
                        .date("joined", j),
                );
                continue;
            }
            if !state.record.kind().holds_members() {
                error(
                    Diagnostic::of("membership.unit_kind", Severity::Error, path().key("unit"))
                        .quoted("unit", code)
                        .arg("kind", state.record.kind().code()),
                );
                continue;
            }
            let start = ms.joined().unwrap_or(state.start).max(state.start);
            let end = match (ms.left(), state.end) {
                (Some(l), Some(e)) => Some(l.min(e)),
                (l, e) => l.or(e),
            };
            let before = ms.joined().is_some_and(|j| j < state.start);
            let after = match (ms.left(), state.end) {
                (Some(l), Some(e)) => l > e,
                (None, Some(_)) => false,
                (_, None) => false,
            } || ms.joined().zip(state.end).is_some_and(|(j, e)| j >= e);
            if before || after {
                let life = |lang| match state.end {
                    Some(e) => show_period(Some(state.start), Some(e), lang),
                    None => show_period(Some(state.start), None, lang),
                };
                error(
                    Diagnostic::of("membership.outside_unit_life", Severity::Error, path())
                        .quoted("unit", code)
                        .words(
                            "membership",
                            show_period(ms.joined(), ms.left(), Lang::Vi),
                            show_period(ms.joined(), ms.left(), Lang::En),
                        )
                        .words("life", life(Lang::Vi), life(Lang::En)),
                );
                continue;
            }
            stints.push((
                k,
                Stint {
                    member,
                    unit,
                    start,
                    end,
                },
            ));
        }
        // The memberships are read: their memory is given back before the stints are
        // sorted. The sort keeps the list's order among equal keys (each stint's
        // place is part of its key) without the room of a stable sort.
        drop(memberships);
        stints.sort_unstable_by_key(|(k, s)| (s.member, s.start, *k));
        for pair in stints.windows(2) {
            let [(_, a), (k, b)] = pair else { continue };
            if a.member == b.member && a.end.is_none_or(|e| b.start < e) {
                let code = |u: u32| {
                    hierarchy
                        .state_at(u)
                        .map_or_else(String::new, |s| s.record.code().to_string())
                };
                let id = kept.get(a.member as usize).map(MemberRecord::id);
                let still = |lang| {
                    a.end
                        .map(|e| match lang {
                            Lang::Vi => format!(" đến ngày {}", e.format("%d/%m/%Y")),
                            _ => format!(" until {e}"),
                        })
                        .unwrap_or_default()
                };
                error(
                    Diagnostic::of(
                        "membership.overlap",
                        Severity::Error,
                        DataPath::root().key("memberships").index(*k),
                    )
                    .arg("member", id.map(|i| i.to_string()).unwrap_or_default())
                    .quoted("unit", code(b.unit))
                    .words("from", show(b.start, Lang::Vi), show(b.start, Lang::En))
                    .quoted("earlier", code(a.unit))
                    .words("until", still(Lang::Vi), still(Lang::En)),
                );
            }
        }

        let mut seen = HashMap::new();
        for (i, w) in workforce.iter().enumerate() {
            let path = DataPath::root().key("workforce").index(i);
            if hierarchy.index_of(w.unit()).is_none() {
                error(
                    Diagnostic::of("workforce.unknown_unit", Severity::Error, path.key("unit"))
                        .arg("unit", w.unit()),
                );
            } else if let Some(first) = seen.insert((w.unit(), w.date()), i) {
                error(
                    Diagnostic::of("workforce.duplicate", Severity::Error, path)
                        .quoted(
                            "unit",
                            hierarchy
                                .unit(w.unit())
                                .map_or_else(String::new, |u| u.code().to_string()),
                        )
                        .date("date", w.date())
                        .arg("first", format!("$.workforce[{first}]")),
                );
            }
        }

        if report.has_errors() {
            return Err(report);
        }
        let mut workforce = workforce;
        workforce.sort_by_key(|w| (w.unit(), w.date()));
        let unit_ids = (0..hierarchy.len() as u32)
            .filter_map(|u| hierarchy.state_at(u).map(|s| s.record.id()))
            .collect();
        Ok(Roster {
            members: kept,
            index,
            stints: stints.into_iter().map(|(_, s)| s).collect(),
            workforce,
            unit_ids,
        })
    }

    /// The members, in the order given.
    pub fn members(&self) -> &[MemberRecord] {
        &self.members
    }

    /// A member's record.
    pub fn member(&self, id: MemberId) -> Option<&MemberRecord> {
        let i = self.index.get(&id)?;
        self.members.get(*i as usize)
    }

    /// A member's place in the roster, looked for first at `near` and the place
    /// after it, then in the index; `near` is left at the place found. A table that
    /// lists members in the roster's order finds each one without hashing.
    pub(crate) fn place_near(&self, id: MemberId, near: &mut u32) -> Option<u32> {
        let place = place_near(&self.members, &self.index, id, *near)?;
        *near = place;
        Some(place)
    }

    /// As [`Roster::unit_of`], looking the member up as [`Roster::place_near`] does.
    pub(crate) fn unit_of_near(
        &self,
        member: MemberId,
        date: NaiveDate,
        near: &mut u32,
    ) -> Option<UnitId> {
        let m = self.place_near(member, near)?;
        self.unit_at(m, date)
    }

    /// The unit of the member at place `m` in the roster on `date`.
    fn unit_at(&self, m: u32, date: NaiveDate) -> Option<UnitId> {
        let stint = self.stints_of(m).iter().find(|s| s.holds_on(date))?;
        self.unit_ids.get(stint.unit as usize).copied()
    }

    fn stints_of(&self, member: u32) -> &[Stint] {
        let s = self.stints.partition_point(|x| x.member < member);
        let e = self.stints.partition_point(|x| x.member <= member);
        self.stints.get(s..e).unwrap_or(&[])
    }

    /// The unit a member belongs to on `date`, if any.
    pub fn unit_of(&self, member: MemberId, date: NaiveDate) -> Option<UnitId> {
        let m = *self.index.get(&member)?;
        self.unit_at(m, date)
    }

    /// The number of stints (a member's time in one unit), for cutting
    /// [`Roster::members_on_in`]'s work into runs.
    pub(crate) fn stint_count(&self) -> usize {
        self.stints.len()
    }

    /// Every member belonging to a unit on `date` (with the member's place in the
    /// roster), with the unit's hierarchy index and the membership, among the stints
    /// at `run` in the roster's order of stints
    /// (members in order, each member's stints oldest first).
    pub(crate) fn members_on_in(
        &self,
        date: NaiveDate,
        run: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (u32, &MemberRecord, u32, Membership)> + '_ {
        self.stints
            .get(run)
            .unwrap_or(&[])
            .iter()
            .filter(move |s| s.holds_on(date))
            .filter_map(|s| {
                let m = self.members.get(s.member as usize)?;
                Some((s.member, m, s.unit, self.membership(s)?))
            })
    }

    /// A member's membership on `date` with the unit's hierarchy index.
    pub(crate) fn stint_on(
        &self,
        member: MemberId,
        date: NaiveDate,
    ) -> Option<(&MemberRecord, u32, Membership)> {
        let m = *self.index.get(&member)?;
        let stint = self.stints_of(m).iter().find(|s| s.holds_on(date))?;
        Some((
            self.members.get(m as usize)?,
            stint.unit,
            self.membership(stint)?,
        ))
    }

    fn membership(&self, s: &Stint) -> Option<Membership> {
        let member = self.members.get(s.member as usize)?.id();
        let unit = *self.unit_ids.get(s.unit as usize)?;
        let mut m = Membership::new(member, unit);
        if s.start != NaiveDate::MIN {
            m = m.joined_on(s.start);
        }
        if let Some(end) = s.end {
            m = m.left_on(end);
        }
        Some(m)
    }

    /// Every membership as checked, by member (in the order members were given)
    /// and start: an open start or end the data left to the unit's lifetime is
    /// filled with that lifetime's start or end, when the unit has one.
    ///
    /// ```
    /// # #[cfg(feature = "testing")]
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use thidua::testing::{DatasetBuilder, Person};
    /// use thidua::{Bloc, MemberId, UnitId, UnitKind};
    ///
    /// let model = DatasetBuilder::new("2020-09-01")?
    ///     .unit("GL", UnitKind::DistrictFederation, "LĐLĐ huyện Gia Lâm", None)?
    ///     .grassroots("GL.A", "Công đoàn Trường Tiểu học A", "GL", Bloc::Schools, 0, 0)?
    ///     .grassroots("GL.B", "Công đoàn Trường Tiểu học B", "GL", Bloc::Schools, 0, 0)?
    ///     .member("lan", "GL.A", Person::new())?
    ///     .transfer("lan", "GL.B", "2024-01-15")?
    ///     .model()?;
    /// let lan: Vec<_> = model.roster.memberships_of(MemberId::from_key("lan")).collect();
    /// assert_eq!(lan.len(), 2);
    /// assert_eq!(lan[0].unit(), UnitId::from_key("GL.A"));
    /// assert_eq!(lan[0].left(), Some(thidua::parse_date("2024-01-15")?));
    /// assert_eq!(lan[1].joined(), Some(thidua::parse_date("2024-01-15")?));
    /// assert_eq!(model.roster.memberships().count(), 2);
    /// # Ok(())
    /// # }
    /// # #[cfg(not(feature = "testing"))]
    /// # fn main() {}
    /// ```
    pub fn memberships(&self) -> impl Iterator<Item = Membership> + '_ {
        self.stints.iter().filter_map(|s| self.membership(s))
    }

    /// A member's memberships as checked, by start (none for a member not in the
    /// roster); see [`Roster::memberships`].
    pub fn memberships_of(&self, member: MemberId) -> impl Iterator<Item = Membership> + '_ {
        let stints = match self.index.get(&member) {
            Some(&m) => self.stints_of(m),
            None => &[],
        };
        stints.iter().filter_map(|s| self.membership(s))
    }

    /// The membership holding on `date`, if the member belongs to a unit that day.
    pub fn membership_on(&self, member: MemberId, date: NaiveDate) -> Option<Membership> {
        self.stint_on(member, date).map(|(_, _, m)| m)
    }

    /// Members attached to the unit (by hierarchy index) on `date`.
    pub(crate) fn members_in(&self, unit: u32, date: NaiveDate) -> u64 {
        self.stints
            .iter()
            .filter(|s| s.unit == unit && s.holds_on(date))
            .count() as u64
    }

    /// Members per unit on the snapshot's day: each unit's own members and its
    /// subtree's total. A member belongs to one unit on a day, so is counted once.
    pub fn headcounts(&self, snapshot: &Snapshot<'_>) -> Headcounts {
        let date = snapshot.date();
        let n = snapshot.len();
        let mut own = vec![0u64; n];
        let node_of = snapshot.node_index();
        for s in &self.stints {
            if !s.holds_on(date) {
                continue;
            }
            if let Some(&node) = node_of.get(s.unit as usize)
                && let Some(c) = own.get_mut(node as usize)
            {
                *c += 1;
            }
        }
        let mut total = own.clone();
        for node in snapshot.nodes().rev() {
            let Some(parent) = snapshot.parent(node) else {
                continue;
            };
            let t = total.get(node.index()).copied().unwrap_or(0);
            if let Some(p) = total.get_mut(parent.index()) {
                *p += t;
            }
        }
        Headcounts { own, total }
    }

    /// Union density (members / workforce) of a unit's whole subtree on the
    /// snapshot's day: members counted from the roster, workforce from the latest
    /// figure the unit reported on or before that day. The workforce's qualifier is
    /// carried over, turned around ("more than 16.046 workers" gives "less than" the
    /// ratio); `None` when no figure was reported or it is zero.
    pub fn density(
        &self,
        snapshot: &Snapshot<'_>,
        headcounts: &Headcounts,
        node: Node,
    ) -> Option<Reported<Ratio>> {
        let figure = self.workforce(snapshot.id(node), snapshot.date())?;
        let workers = figure.workers();
        let ratio = Ratio::new(headcounts.total(node), workers.value()).ok()?;
        let qualifier = match workers.qualifier() {
            Qualifier::MoreThan => Qualifier::LessThan,
            Qualifier::AtLeast => Qualifier::AtMost,
            Qualifier::LessThan => Qualifier::MoreThan,
            Qualifier::AtMost => Qualifier::AtLeast,
            Qualifier::Exact => Qualifier::Exact,
            _ => Qualifier::About,
        };
        Some(Reported::new(ratio, qualifier))
    }

    /// The workforce figure in force for `unit` on `date`: the latest reported on or
    /// before that day.
    pub fn workforce(&self, unit: UnitId, date: NaiveDate) -> Option<&WorkforceFigure> {
        let end = self
            .workforce
            .partition_point(|w| (w.unit(), w.date()) <= (unit, date));
        end.checked_sub(1)
            .and_then(|i| self.workforce.get(i))
            .filter(|w| w.unit() == unit)
    }
}

/// Members per unit on one day (see [`Roster::headcounts`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headcounts {
    own: Vec<u64>,
    total: Vec<u64>,
}

impl Headcounts {
    /// Members attached to the unit itself.
    pub fn own(&self, node: Node) -> u64 {
        self.own.get(node.index()).copied().unwrap_or(0)
    }

    /// Members of the unit and every unit below it.
    pub fn total(&self, node: Node) -> u64 {
        self.total.get(node.index()).copied().unwrap_or(0)
    }
}

fn show(d: NaiveDate, lang: Lang) -> String {
    match (d == NaiveDate::MIN, lang) {
        (true, Lang::Vi) => "khi bắt đầu có hồ sơ".to_owned(),
        (true, _) => "the start of the records".to_owned(),
        (false, Lang::Vi) => format!("ngày {}", d.format("%d/%m/%Y")),
        (false, _) => d.to_string(),
    }
}

fn show_period(joined: Option<NaiveDate>, left: Option<NaiveDate>, lang: Lang) -> String {
    match (joined, left, lang) {
        (Some(j), Some(l), Lang::Vi) => format!("từ {} đến {}", show(j, lang), show(l, lang)),
        (Some(j), None, Lang::Vi) => format!("từ {}", show(j, lang)),
        (None, Some(l), Lang::Vi) => format!("đến {}", show(l, lang)),
        (None, None, Lang::Vi) => "không ghi ngày".to_owned(),
        (Some(j), Some(l), _) => format!("from {} until {l}", show(j, lang)),
        (Some(j), None, _) => format!("from {}", show(j, lang)),
        (None, Some(l), _) => format!("until {l}"),
        (None, None, _) => "without dates".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Looking members up near the last one found gives what the index gives,
        /// in any order and for strangers too.
        #[test]
        fn a_member_found_near_is_the_one_the_index_finds(
            size in 0usize..40,
            asked in proptest::collection::vec(0usize..50, 0..80),
        ) {
            let members: Vec<MemberRecord> = (0..size)
                .map(|k| MemberRecord::new(MemberId::from_key(&format!("m{k}"))))
                .collect();
            let index: FastMap<MemberId, u32> = members
                .iter()
                .enumerate()
                .map(|(k, m)| (m.id(), k as u32))
                .collect();
            let mut near = u32::MAX;
            for k in asked {
                let id = MemberId::from_key(&format!("m{k}"));
                let found = place_near(&members, &index, id, near);
                prop_assert_eq!(found, index.get(&id).copied());
                near = found.unwrap_or(near);
            }
        }
    }
}
