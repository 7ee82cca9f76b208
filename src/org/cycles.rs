//! Cycles in dated parent links: which units hang, directly or not, under themselves,
//! and from which day.
//!
//! Each unit has at most one parent on a day, so the links in force on a day form a
//! graph where every unit points to at most one other. In such a graph a set of links
//! that closes a loop when the direction is ignored is a cycle of parents, and a group
//! of connected units holds at most one cycle. So a cycle shows up as a link joining
//! two units that are already connected, which a union–find structure answers.
//!
//! A cycle on some day is also a cycle in the graph of every link ever made, so it
//! lies within one strongly connected component of that graph: links between
//! components are dropped, and each component is checked on its own days.
//!
//! Links come and go with time. Each link is in force over a range of *check days*
//! (the days some link of its component begins: a cycle, if any, exists on the day
//! its last link begins). The ranges go into a segment tree over the check days; a
//! walk through the tree adds a node's links on the way down and takes them back on
//! the way up, so the union–find always holds exactly the links in force throughout
//! the node's days. The work is about `L · log D · log U` for `L` links, `D` check days
//! and `U` units of a component, however the links interleave, plus the length of each
//! cycle found; units that hang under each other only in small groups cost little
//! more than reading their links.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::org::hierarchy::{NONE, UnitState};

/// A cycle of parent links: the first day it exists and its units, each the child of
/// the next and the last the child of the first, starting from the unit that comes
/// first in the list of units.
pub(crate) type Cycle = (NaiveDate, Vec<u32>);

/// Every cycle in the parent links on any day, each set of units once, on the first
/// day its units form a cycle; sorted by day, then by first unit.
pub(crate) fn find_cycles(units: &[UnitState]) -> Vec<Cycle> {
    let component = strong_components(units);
    let mut links = links(units, &component);
    let group = |l: &Link| component.get(l.child as usize).copied().unwrap_or(NONE);
    links.sort_by_key(group);
    let mut forest = Forest::new(units.len());
    // A cycle may be detected again on later days of its range: the range of the last
    // cycle found through each unit tells.
    let mut last_cycle = vec![NONE; units.len()];
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut seen: BTreeSet<Vec<u32>> = BTreeSet::new();
    let mut found = Vec::new();
    for links in links.chunk_by(|a, b| group(a) == group(b)) {
        let mut days: Vec<NaiveDate> = links.iter().map(|l| l.from).collect();
        days.sort_unstable();
        days.dedup();
        for (first, child) in closing_links(&mut forest, links, &days) {
            let Some(&day) = days.get(first) else {
                continue;
            };
            let known = last_cycle
                .get(child as usize)
                .and_then(|&c| ranges.get(c as usize))
                .is_some_and(|&(from, until)| from <= first && first < until);
            if known {
                continue;
            }
            let Some((mut cycle, range)) = trace(units, child, day, &days) else {
                continue;
            };
            let Ok(id) = u32::try_from(ranges.len()) else {
                break;
            };
            ranges.push(range);
            for &i in &cycle {
                if let Some(c) = last_cycle.get_mut(i as usize) {
                    *c = id;
                }
            }
            let lowest = cycle
                .iter()
                .enumerate()
                .min_by_key(|(_, i)| **i)
                .map_or(0, |(k, _)| k);
            cycle.rotate_left(lowest);
            let mut key = cycle.clone();
            key.sort_unstable();
            if seen.insert(key) {
                found.push((day, cycle));
            }
        }
    }
    found.sort_by_key(|(day, cycle)| (*day, cycle.first().copied()));
    found
}

/// The strongly connected component of each unit in the graph of every link ever
/// made (Tarjan's algorithm with an explicit stack).
fn strong_components(units: &[UnitState]) -> Vec<u32> {
    let n = units.len();
    // Each unit's distinct parents: `parents[start[i]..start[i + 1]]`.
    let mut start = Vec::with_capacity(n + 1);
    let mut parents: Vec<u32> = Vec::new();
    start.push(0);
    let mut mine: Vec<u32> = Vec::new();
    for u in units {
        mine.clear();
        mine.extend(
            u.parents
                .entries()
                .iter()
                .map(|(_, p)| *p)
                .filter(|p| *p != NONE),
        );
        mine.sort_unstable();
        mine.dedup();
        parents.extend_from_slice(&mine);
        start.push(parents.len());
    }
    let mut t = Tarjan {
        order: vec![NONE; n],
        low: vec![NONE; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        component: vec![NONE; n],
        visited: 0,
        components: 0,
        walk: Vec::new(),
    };
    let edges = |i: u32| {
        let from = start.get(i as usize).copied().unwrap_or(0);
        let to = start.get(i as usize + 1).copied().unwrap_or(from);
        from..to
    };
    for root in 0..n as u32 {
        if t.order.get(root as usize) != Some(&NONE) {
            continue;
        }
        t.enter(root, edges(root).start);
        while let Some(&(v, next)) = t.walk.last() {
            if next < edges(v).end {
                if let Some((_, n)) = t.walk.last_mut() {
                    *n += 1;
                }
                let Some(&w) = parents.get(next) else {
                    continue;
                };
                match t.order.get(w as usize).copied() {
                    Some(NONE) => t.enter(w, edges(w).start),
                    Some(seen) if t.on_stack.get(w as usize) == Some(&true) => t.lower(v, seen),
                    _ => {}
                }
            } else {
                t.leave(v);
            }
        }
    }
    t.component
}

/// The state of Tarjan's walk.
struct Tarjan {
    /// The order each unit was reached in (`NONE`: not yet).
    order: Vec<u32>,
    /// The earliest unit still on the stack reachable from each unit.
    low: Vec<u32>,
    on_stack: Vec<bool>,
    stack: Vec<u32>,
    component: Vec<u32>,
    visited: u32,
    components: u32,
    /// The units being walked, each with the place of the next parent to follow.
    walk: Vec<(u32, usize)>,
}

impl Tarjan {
    fn enter(&mut self, i: u32, first_edge: usize) {
        if let Some(o) = self.order.get_mut(i as usize) {
            *o = self.visited;
        }
        if let Some(l) = self.low.get_mut(i as usize) {
            *l = self.visited;
        }
        self.visited = self.visited.saturating_add(1);
        if let Some(s) = self.on_stack.get_mut(i as usize) {
            *s = true;
        }
        self.stack.push(i);
        self.walk.push((i, first_edge));
    }

    fn lower(&mut self, i: u32, to: u32) {
        if let Some(l) = self.low.get_mut(i as usize) {
            *l = (*l).min(to);
        }
    }

    fn leave(&mut self, v: u32) {
        self.walk.pop();
        let low = self.low.get(v as usize).copied().unwrap_or(NONE);
        if let Some(&(up, _)) = self.walk.last() {
            self.lower(up, low);
        }
        if self.order.get(v as usize) != Some(&low) {
            return;
        }
        while let Some(w) = self.stack.pop() {
            if let Some(s) = self.on_stack.get_mut(w as usize) {
                *s = false;
            }
            if let Some(c) = self.component.get_mut(w as usize) {
                *c = self.components;
            }
            if w == v {
                break;
            }
        }
        self.components = self.components.saturating_add(1);
    }
}

/// A parent link: `child` hangs under `parent` from `from` until `until` (the first
/// day it no longer does; `None`: for good), both alive meanwhile as far as the
/// child is concerned.
struct Link {
    child: u32,
    parent: u32,
    from: NaiveDate,
    until: Option<NaiveDate>,
}

/// The link in force from entry `k` of a unit's parents, cut to the unit's lifetime;
/// `None` when it has no parent or no day.
fn link_of(u: &UnitState, child: u32, k: usize) -> Option<Link> {
    let entries = u.parents.entries();
    let &(from, parent) = entries.get(k)?;
    if parent == NONE {
        return None;
    }
    let from = from.max(u.start);
    let until = match (entries.get(k + 1).map(|(d, _)| *d), u.end) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    if until.is_some_and(|t| t <= from) {
        return None;
    }
    Some(Link {
        child,
        parent,
        from,
        until,
    })
}

/// Every link between units of one strongly connected component: the only links
/// that may be on a cycle.
fn links(units: &[UnitState], component: &[u32]) -> Vec<Link> {
    let mut out = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let Ok(child) = u32::try_from(i) else { break };
        let mine = component.get(i).copied().unwrap_or(NONE);
        for k in 0..u.parents.entries().len() {
            if let Some(link) = link_of(u, child, k)
                && component.get(link.parent as usize) == Some(&mine)
            {
                out.push(link);
            }
        }
    }
    out
}

/// The check days a link covers, as a range of indices into `days`.
fn day_range(days: &[NaiveDate], from: NaiveDate, until: Option<NaiveDate>) -> (usize, usize) {
    let first = days.partition_point(|d| *d < from);
    let end = until.map_or(days.len(), |t| days.partition_point(|d| *d < t));
    (first, end)
}

/// Union–find over units with undo: union by size, no path compression, so that the
/// last unions can be taken back.
struct Forest {
    up: Vec<u32>,
    size: Vec<u32>,
    /// Unions made, as (root attached, root it was attached to), for undoing.
    log: Vec<(u32, u32)>,
}

impl Forest {
    fn new(n: usize) -> Self {
        Self {
            up: (0..n as u32).collect(),
            size: vec![1; n],
            log: Vec::new(),
        }
    }

    fn root(&self, mut i: u32) -> u32 {
        while let Some(&up) = self.up.get(i as usize) {
            if up == i {
                break;
            }
            i = up;
        }
        i
    }

    /// Joins the groups of `a` and `b`; `false` when they are one group already.
    fn join(&mut self, a: u32, b: u32) -> bool {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra == rb {
            return false;
        }
        let sa = self.size.get(ra as usize).copied().unwrap_or(1);
        let sb = self.size.get(rb as usize).copied().unwrap_or(1);
        let (small, big) = if sa < sb { (ra, rb) } else { (rb, ra) };
        if let Some(up) = self.up.get_mut(small as usize) {
            *up = big;
        }
        if let Some(s) = self.size.get_mut(big as usize) {
            *s = sa.saturating_add(sb);
        }
        self.log.push((small, big));
        true
    }

    /// Takes back the unions made since the log had `len` entries.
    fn undo_to(&mut self, len: usize) {
        while self.log.len() > len {
            let Some((small, big)) = self.log.pop() else {
                break;
            };
            let moved = self.size.get(small as usize).copied().unwrap_or(1);
            if let Some(up) = self.up.get_mut(small as usize) {
                *up = small;
            }
            if let Some(s) = self.size.get_mut(big as usize) {
                *s = s.saturating_sub(moved);
            }
        }
    }
}

/// The links that close a cycle, as (index of the first check day of the cycle,
/// child of the link), in order of day: a link found joining two connected units
/// closes a cycle in force on every check day of its tree node.
fn closing_links(forest: &mut Forest, links: &[Link], days: &[NaiveDate]) -> Vec<(usize, u32)> {
    let leaves = days.len().next_power_of_two();
    // The tree's nodes are numbered from 1 (the root, every day); node `x` has
    // children `2x` and `2x + 1`; leaves are `leaves..2 * leaves`.
    let mut placed: Vec<(usize, u32)> = Vec::new();
    for (k, link) in links.iter().enumerate() {
        let Ok(k) = u32::try_from(k) else { break };
        let (first, end) = day_range(days, link.from, link.until);
        let (mut lo, mut hi) = (first + leaves, end + leaves);
        while lo < hi {
            if lo & 1 == 1 {
                placed.push((lo, k));
                lo += 1;
            }
            if hi & 1 == 1 {
                hi -= 1;
                placed.push((hi, k));
            }
            lo /= 2;
            hi /= 2;
        }
    }
    // Grouped by node (a counting sort): node `x`'s links are
    // `by_node[start[x]..start[x + 1]]`.
    let nodes = 2 * leaves;
    let mut start = vec![0usize; nodes + 1];
    for &(x, _) in &placed {
        if let Some(s) = start.get_mut(x + 1) {
            *s += 1;
        }
    }
    for x in 1..=nodes {
        let before = start.get(x - 1).copied().unwrap_or(0);
        if let Some(s) = start.get_mut(x) {
            *s += before;
        }
    }
    let mut next = start.clone();
    let mut by_node = vec![0u32; placed.len()];
    for &(x, k) in &placed {
        if let Some(at) = next.get_mut(x)
            && let Some(slot) = by_node.get_mut(*at)
        {
            *slot = k;
            *at += 1;
        }
    }
    drop(placed);

    enum Step {
        Enter(usize),
        Leave(usize),
    }
    let mut closing = Vec::new();
    let mut steps = vec![Step::Enter(1)];
    while let Some(step) = steps.pop() {
        let x = match step {
            Step::Leave(len) => {
                forest.undo_to(len);
                continue;
            }
            Step::Enter(x) => x,
        };
        // Node `x` at depth `h` covers `leaves >> h` days from `(x - 2^h) * width`.
        let depth = x.ilog2();
        let width = leaves >> depth;
        let first = (x - (1 << depth)) * width;
        if first >= days.len() {
            continue;
        }
        steps.push(Step::Leave(forest.log.len()));
        let here = start.get(x).copied().unwrap_or(0)..start.get(x + 1).copied().unwrap_or(0);
        for k in by_node.get(here).unwrap_or_default() {
            let Some(link) = links.get(*k as usize) else {
                continue;
            };
            if !forest.join(link.child, link.parent) {
                closing.push((first, link.child));
            }
        }
        if x < leaves {
            steps.push(Step::Enter(2 * x + 1));
            steps.push(Step::Enter(2 * x));
        }
    }
    closing.sort_by_key(|(first, _)| *first);
    closing
}

/// The cycle through `child` on `day`, following parents from it, and the range of
/// check days every one of its links is in force.
fn trace(
    units: &[UnitState],
    child: u32,
    day: NaiveDate,
    days: &[NaiveDate],
) -> Option<(Vec<u32>, (usize, usize))> {
    let mut cycle = Vec::new();
    let (mut from, mut end) = (0, days.len());
    let mut at = child;
    loop {
        if cycle.len() >= units.len() {
            return None;
        }
        let u = units.get(at as usize)?;
        if !u.is_alive(day) {
            return None;
        }
        let k = u
            .parents
            .entries()
            .partition_point(|(d, _)| *d <= day)
            .checked_sub(1)?;
        let link = link_of(u, at, k)?;
        let (f, e) = day_range(days, link.from, link.until);
        from = from.max(f);
        end = end.min(e);
        cycle.push(at);
        at = link.parent;
        if at == child {
            return Some((cycle, (from, end)));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use chrono::Days;
    use proptest::prelude::*;

    use super::*;
    use crate::org::hierarchy::{Hierarchy, KindCheck};
    use crate::org::kind::UnitKind;
    use crate::org::unit::{LineageEvent, UnitCode, UnitRecord};
    use crate::value::id::UnitId;
    use crate::value::text::UnitName;

    fn id(i: usize) -> UnitId {
        UnitId::from_key(&format!("U{i}"))
    }

    fn day(k: u64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Days::new(k)
    }

    fn record(i: usize, established: Option<u64>, parent: Option<usize>) -> UnitRecord {
        let code = format!("U{i}");
        let mut r = UnitRecord::new(
            id(i),
            UnitCode::try_new(&code).unwrap(),
            UnitKind::Department,
            UnitName::try_new(&code).unwrap(),
        );
        if let Some(d) = established {
            r = r.established_on(day(d));
        }
        if let Some(p) = parent {
            r = r.with_parent(id(p));
        }
        r
    }

    fn moved(unit: usize, on: u64, parent: usize) -> LineageEvent {
        LineageEvent::Reparent {
            unit: id(unit),
            date: day(on),
            parent: id(parent),
        }
    }

    fn cycles(units: Vec<UnitRecord>, events: Vec<LineageEvent>) -> Vec<(NaiveDate, Vec<u32>)> {
        find_cycles(&Hierarchy::states_for_checks(
            units,
            events,
            KindCheck::Skip,
        ))
    }

    /// Every day, each unit's chain of parents, followed until it ends or comes
    /// back: each set of units found in a loop, with the first day it is one.
    fn reference(units: &[UnitState], days: &[NaiveDate]) -> BTreeMap<Vec<u32>, NaiveDate> {
        let mut out = BTreeMap::new();
        for &d in days {
            for start in 0..units.len() as u32 {
                let mut path = vec![];
                let mut at = start;
                while path.len() <= units.len() {
                    if let Some(k) = path.iter().position(|&x| x == at) {
                        let mut key: Vec<u32> = path[k..].to_vec();
                        key.sort_unstable();
                        out.entry(key).or_insert(d);
                        break;
                    }
                    let u = &units[at as usize];
                    if !u.is_alive(d) || u.parent_at(d) == NONE {
                        break;
                    }
                    path.push(at);
                    at = u.parent_at(d);
                }
            }
        }
        out
    }

    /// `pairs` pairs hanging under each other on different days, each pair on its
    /// own days, under unit 0.
    fn alternating(pairs: usize) -> (Vec<UnitRecord>, Vec<LineageEvent>) {
        let mut units = vec![record(0, Some(0), None)];
        let mut events = vec![];
        for i in 0..pairs {
            let (a, b) = (1 + 2 * i, 2 + 2 * i);
            units.push(record(a, Some(0), Some(0)));
            units.push(record(b, Some(0), Some(0)));
            let on = 1 + 2 * i as u64;
            events.push(moved(a, on, b));
            events.push(moved(a, on + 1, 0));
            events.push(moved(b, on + 1, a));
        }
        (units, events)
    }

    #[test]
    fn pairs_under_each_other_on_different_days_are_no_cycle() {
        let (units, events) = alternating(5_000);
        assert_eq!(cycles(units, events), vec![]);
    }

    #[test]
    fn a_pair_under_each_other_on_one_day_among_many_is_found_on_that_day() {
        let (units, mut events) = alternating(2_000);
        // Pair 700 (units 1401 and 1402): on its day both move under each other, and
        // the day after the first moves back under the root.
        let (a, b, on) = (1401, 1402, 1401);
        events.retain(|e| !matches!(e, LineageEvent::Reparent { unit, .. } if *unit == id(a) || *unit == id(b)));
        events.push(moved(a, on, b));
        events.push(moved(b, on, a));
        events.push(moved(a, on + 1, 0));
        assert_eq!(
            cycles(units, events),
            vec![(day(on), vec![a as u32, b as u32])]
        );
    }

    #[test]
    fn a_loop_of_three_whose_links_overlap_on_one_day_is_found_on_that_day() {
        // 1 under 2 on days 10–19, 2 under 3 on days 19–29, 3 under 1 on days 5–19:
        // all three only on day 19. Many other units move meanwhile.
        let (mut units, mut events) = alternating(500);
        let base = units.len();
        let (x, y, z) = (base, base + 1, base + 2);
        units.push(record(x, Some(0), Some(0)));
        units.push(record(y, Some(0), Some(0)));
        units.push(record(z, Some(0), Some(0)));
        events.extend([
            moved(x, 10, y),
            moved(x, 20, 0),
            moved(y, 19, z),
            moved(y, 30, 0),
            moved(z, 5, x),
            moved(z, 20, 0),
        ]);
        let found = cycles(units, events);
        assert_eq!(found, vec![(day(19), vec![x as u32, y as u32, z as u32])]);
    }

    #[test]
    fn a_cycle_broken_and_made_again_is_reported_once() {
        let units = vec![
            record(0, Some(0), None),
            record(1, Some(0), Some(0)),
            record(2, Some(0), Some(1)),
            record(3, Some(0), Some(0)),
        ];
        let events = vec![
            moved(1, 3, 2),
            moved(1, 5, 0),
            moved(1, 8, 2),
            moved(3, 9, 2),
            moved(2, 9, 3),
        ];
        // {1, 2} on days 3–4 and from day 8 on; {2, 3} from day 9 on.
        assert_eq!(
            cycles(units, events),
            vec![(day(3), vec![1, 2]), (day(9), vec![2, 3])]
        );
    }

    /// A small random dated hierarchy: units with or without a day of establishment
    /// and a first parent, moves and dissolutions on a few days.
    fn hierarchy() -> impl Strategy<Value = (Vec<UnitRecord>, Vec<LineageEvent>)> {
        (2usize..8).prop_flat_map(|n| {
            let unit = (prop::option::of(0u64..4), prop::option::of(0..n));
            let event = (0..n, 0u64..14, 0..n, 0u8..8);
            (
                prop::collection::vec(unit, n),
                prop::collection::vec(event, 0..24),
            )
                .prop_map(move |(us, es)| {
                    let units = us
                        .into_iter()
                        .enumerate()
                        .map(|(i, (established, parent))| {
                            record(i, established, parent.filter(|p| *p != i))
                        })
                        .collect();
                    let events = es
                        .into_iter()
                        .map(|(u, on, p, what)| match what {
                            0 => LineageEvent::Dissolve {
                                unit: id(u),
                                date: day(on),
                                successor: None,
                            },
                            _ => moved(u, on, p),
                        })
                        .collect();
                    (units, events)
                })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]
        #[test]
        fn every_cycle_is_found_on_its_first_day((units, events) in hierarchy()) {
            let states = Hierarchy::states_for_checks(units, events, KindCheck::Skip);
            let found = find_cycles(&states);
            let mut days = vec![NaiveDate::MIN];
            days.extend((0..16).map(day));
            let expected = reference(&states, &days);
            let mut got = BTreeMap::new();
            for (d, cycle) in &found {
                // In order of parents on its day, from its first unit.
                prop_assert_eq!(cycle.first(), cycle.iter().min());
                for (k, &i) in cycle.iter().enumerate() {
                    let next = cycle[(k + 1) % cycle.len()];
                    prop_assert!(states[i as usize].is_alive(*d));
                    prop_assert_eq!(states[i as usize].parent_at(*d), next);
                }
                let mut key = cycle.clone();
                key.sort_unstable();
                prop_assert!(got.insert(key, *d).is_none());
            }
            prop_assert_eq!(got, expected);
            let mut sorted = found.clone();
            sorted.sort_by_key(|(d, c)| (*d, c[0]));
            prop_assert_eq!(sorted, found);
        }
    }
}
