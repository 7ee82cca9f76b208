//! Publishing counts of people with their totals so that no hidden count can be worked
//! out by subtraction: small-cell suppression followed by complementary suppression.

use crate::support::beneficiary::{PublishedCount, SuppressionThreshold};
use crate::value::money::Vnd;
use crate::value::reported::Reported;

/// A cell of a [`SuppressionTable`], as [`SuppressionTable::cell`] returned it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellId(usize);

/// How a cell of a [`SuppressionTable`] is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CellState {
    /// Published as it is.
    Shown,
    /// Hidden for itself: a count of people from 1 to the threshold minus one,
    /// published as "dưới 5" ("< 5"), with the money that goes with it hidden too.
    Small,
    /// Hidden so that a small count elsewhere cannot be worked out by subtraction
    /// (complementary suppression), published as "không công bố" ("not published"),
    /// with its money.
    Withheld,
}

impl CellState {
    /// Whether the cell, and the money that goes with it, is hidden.
    pub fn is_hidden(self) -> bool {
        self != Self::Shown
    }
}

#[derive(Debug, Clone, Copy)]
struct Cell {
    count: Reported<u64>,
    amount: i128,
}

#[derive(Debug, Clone)]
struct Group {
    total: usize,
    parts: Vec<usize>,
}

/// A table of counts of people published with their totals: each cell a count (and
/// optionally the money given to those people), each group a total and the cells
/// that add up to it — per-school rows and their district, per-programme rows and
/// their sum, a district and the city it belongs to. A cell may be the total of one
/// group and a part of another, so a hierarchy (schools → district → city) is one
/// table.
///
/// # The rule
/// [`SuppressionTable::suppress`] hides, first, every count from 1 to the threshold
/// minus one ([`CellState::Small`], primary suppression, as
/// [`SuppressionThreshold::apply_reported`] does: zero and lower bounds such as "hơn
/// 3" are shown). Then, wherever a hidden figure could be worked out from the
/// published ones (a total minus the other rows), it withholds more
/// ([`CellState::Withheld`], complementary suppression), until in every group either
/// nothing is hidden or at least two of its figures are:
/// - it withholds the smallest other non-zero row of the same total, and only when
///   no such row is left, the total itself (which then needs the same protection in
///   the group it is a row of, and a second hidden row below it);
/// - a total larger than the sum of its rows has an unpublished rest (people no row
///   shows, such as those a district helped itself): a non-zero rest counts as a
///   hidden figure, and a small one must itself be protected like a small row;
/// - money goes with its count: when a count is hidden so is its amount, and a rest
///   protects the amounts only when its amount is not zero either;
/// - the bounds a reader knows narrow nothing down to one value: a small row is
///   from 1 to the threshold minus one, a withheld one at least the threshold, so two
///   hidden rows of 1 each under a published total, or a small row and a withheld
///   one adding up to exactly the threshold plus one, get a third hidden figure.
///
/// In a hierarchy (each cell a row of at most one total), a group with no figure or
/// with at least two hidden ones gives no equation with a single unknown, so no
/// hidden figure can be worked out by adding and subtracting published ones, however
/// the reports of several levels are combined — provided every report is built from
/// the same table. The counts of people counted once per scope (a child sponsored by
/// two schools counts once in the district) can make rows add up to more than their
/// total; such a table is treated as if the rows added up, which hides at least as
/// much.
///
/// ```
/// use thidua::{CellState, Reported, SuppressionTable, SuppressionThreshold};
///
/// // A district of 8 children: one school with 2, another with 6.
/// let mut table = SuppressionTable::new();
/// let district = table.cell(Reported::exact(8));
/// let a = table.cell(Reported::exact(2));
/// let b = table.cell(Reported::exact(6));
/// table.total(district, [a, b]);
/// let published = table.suppress(SuppressionThreshold::default());
/// assert_eq!(published.state(a), CellState::Small);
/// // 8 − 6 would give the 2 away: the 6 is withheld as well.
/// assert_eq!(published.state(b), CellState::Withheld);
/// assert_eq!(published.count(district).to_string(), "8");
/// assert_eq!(published.count(a).to_string(), "dưới 5");
/// assert_eq!(published.count(b).to_string(), "không công bố");
/// ```
#[derive(Debug, Clone, Default)]
pub struct SuppressionTable {
    cells: Vec<Cell>,
    groups: Vec<Group>,
}

impl SuppressionTable {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a count of people.
    pub fn cell(&mut self, count: Reported<u64>) -> CellId {
        self.cell_with_amount(count, Vnd::ZERO)
    }

    /// Adds a count of people and the money given to them.
    pub fn cell_with_amount(&mut self, count: Reported<u64>, amount: Vnd) -> CellId {
        self.cells.push(Cell {
            count,
            amount: i128::from(amount.get()),
        });
        CellId(self.cells.len().saturating_sub(1))
    }

    /// States that `parts` add up to `total` (or to less: the rest is a figure no
    /// row shows). Cells of another table are ignored.
    pub fn total(&mut self, total: CellId, parts: impl IntoIterator<Item = CellId>) {
        let n = self.cells.len();
        if total.0 >= n {
            return;
        }
        let parts: Vec<usize> = parts
            .into_iter()
            .map(|p| p.0)
            .filter(|&p| p < n && p != total.0)
            .collect();
        if !parts.is_empty() {
            self.groups.push(Group {
                total: total.0,
                parts,
            });
        }
    }

    /// The number of cells.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// Whether the table has no cell.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// Decides which cells are published (see the rule above). Runs in time about
    /// linear in the size of the table: each cell hidden re-checks only the groups
    /// it belongs to.
    pub fn suppress(&self, threshold: SuppressionThreshold) -> Suppression {
        let mut states: Vec<CellState> = self
            .cells
            .iter()
            .map(|c| {
                if threshold.apply_reported(c.count).is_suppressed() {
                    CellState::Small
                } else {
                    CellState::Shown
                }
            })
            .collect();
        let mut member_of: Vec<Vec<usize>> = vec![Vec::new(); self.cells.len()];
        for (g, group) in self.groups.iter().enumerate() {
            for &c in std::iter::once(&group.total).chain(&group.parts) {
                if let Some(m) = member_of.get_mut(c) {
                    m.push(g);
                }
            }
        }
        let mut queued = vec![true; self.groups.len()];
        let mut work: Vec<usize> = (0..self.groups.len()).rev().collect();
        while let Some(g) = work.pop() {
            if let Some(q) = queued.get_mut(g) {
                *q = false;
            }
            let Some(group) = self.groups.get(g) else {
                continue;
            };
            if self.is_safe(group, &states, threshold.get()) {
                continue;
            }
            let Some(cell) = self.next_to_withhold(group, &states) else {
                continue;
            };
            if let Some(s) = states.get_mut(cell) {
                *s = CellState::Withheld;
            }
            for &other in member_of.get(cell).map_or(&[][..], Vec::as_slice) {
                if let Some(q) = queued.get_mut(other).filter(|q| !**q) {
                    *q = true;
                    work.push(other);
                }
            }
            // This group may need more still.
            if let Some(q) = queued.get_mut(g).filter(|q| !**q) {
                *q = true;
                work.push(g);
            }
        }
        Suppression {
            states,
            figures: self.cells.iter().map(|c| c.count).collect(),
            threshold,
        }
    }

    fn get(&self, c: usize) -> Cell {
        self.cells.get(c).copied().unwrap_or(Cell {
            count: Reported::exact(0),
            amount: 0,
        })
    }

    /// What no row shows: the total minus its rows, never below zero.
    fn rest(&self, group: &Group) -> (u64, i128) {
        let total = self.get(group.total);
        let (mut count, mut amount) = (0_u64, 0_i128);
        for &p in &group.parts {
            let c = self.get(p);
            count = count.saturating_add(c.count.value());
            amount = amount.saturating_add(c.amount);
        }
        (
            total.count.value().saturating_sub(count),
            total.amount.saturating_sub(amount).max(0),
        )
    }

    fn is_safe(&self, group: &Group, states: &[CellState], threshold: u64) -> bool {
        let hidden = |c: &usize| states.get(*c).is_some_and(|s| s.is_hidden());
        let hidden_cells: Vec<usize> = std::iter::once(&group.total)
            .chain(&group.parts)
            .filter(|c| hidden(c))
            .copied()
            .collect();
        let (rest_count, rest_amount) = self.rest(group);
        let rest_small = rest_count != 0 && rest_count < threshold;
        // Counts: a lone unknown is worked out by subtraction.
        let count_unknowns = hidden_cells.len() + usize::from(rest_count != 0);
        if count_unknowns == 1 && (!hidden_cells.is_empty() || rest_small) {
            return false;
        }
        // Money: the same, with the rest unknown only when its amount is not zero.
        let amount_unknowns = hidden_cells.len() + usize::from(rest_amount != 0);
        let money = self.get(group.total).amount != 0;
        if money
            && amount_unknowns == 1
            && (!hidden_cells.is_empty() || (rest_small && rest_amount != 0))
        {
            return false;
        }
        if count_unknowns < 2 {
            return true;
        }
        self.bounds_pin_nothing(group, states, threshold, rest_count)
    }

    /// Whether what a reader knows of the hidden figures of a group (a small one is
    /// from 1 to the threshold minus one, a withheld one at least the threshold, a
    /// rest at least zero) and the published ones leaves every hidden figure more
    /// than one possible value.
    fn bounds_pin_nothing(
        &self,
        group: &Group,
        states: &[CellState],
        threshold: u64,
        rest_count: u64,
    ) -> bool {
        // Unknowns of the equation Σ rows + rest − total = 0: (sign, low, high, own
        // bounds already one value).
        let mut unknowns: Vec<(i128, i128, Option<i128>)> = Vec::new();
        let mut known: i128 = 0;
        let t = i128::from(threshold);
        for (sign, c) in
            std::iter::once((-1_i128, group.total)).chain(group.parts.iter().map(|&p| (1_i128, p)))
        {
            let value = i128::from(self.get(c).count.value());
            match states.get(c) {
                Some(CellState::Small) => unknowns.push((sign, 1, Some(t - 1))),
                Some(CellState::Withheld) => unknowns.push((sign, t, None)),
                _ => known += sign * value,
            }
        }
        if rest_count != 0 {
            unknowns.push((1, 0, None));
        }
        let c = -known;
        // Sums of the ranges of sign·x over all unknowns; None: unbounded.
        let range = |(sign, lo, hi): (i128, i128, Option<i128>)| -> (Option<i128>, Option<i128>) {
            if sign > 0 {
                (Some(lo), hi)
            } else {
                (hi.map(|h| -h), Some(-lo))
            }
        };
        for (i, &u) in unknowns.iter().enumerate() {
            let (mut lo_sum, mut hi_sum) = (Some(0_i128), Some(0_i128));
            for (j, &v) in unknowns.iter().enumerate() {
                if i != j {
                    let (lo, hi) = range(v);
                    lo_sum = lo_sum.zip(lo).map(|(a, b)| a + b);
                    hi_sum = hi_sum.zip(hi).map(|(a, b)| a + b);
                }
            }
            // sign·x = c − Σ others.
            let (sign, own_lo, own_hi) = u;
            let (lo, hi) = if sign > 0 {
                (hi_sum.map(|h| c - h), lo_sum.map(|l| c - l))
            } else {
                (lo_sum.map(|l| l - c), hi_sum.map(|h| h - c))
            };
            let lo = lo.map_or(own_lo, |l| l.max(own_lo));
            let hi = match (hi, own_hi) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let already_one = own_hi == Some(own_lo);
            if hi.is_some_and(|h| h <= lo) && !already_one {
                return false;
            }
        }
        true
    }

    /// The smallest published non-zero row, else the total if published.
    fn next_to_withhold(&self, group: &Group, states: &[CellState]) -> Option<usize> {
        let shown = |c: usize| states.get(c) == Some(&CellState::Shown);
        group
            .parts
            .iter()
            .copied()
            .filter(|&p| shown(p))
            .map(|p| (self.get(p), p))
            .filter(|(c, _)| c.count.value() != 0 || c.amount != 0)
            .min_by_key(|(c, p)| (c.count.value(), c.amount, *p))
            .map(|(_, p)| p)
            .or_else(|| shown(group.total).then_some(group.total))
    }
}

/// What [`SuppressionTable::suppress`] decided: each cell's [`CellState`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    states: Vec<CellState>,
    figures: Vec<Reported<u64>>,
    threshold: SuppressionThreshold,
}

impl Suppression {
    /// How the cell is published ([`CellState::Shown`] for a cell of another table).
    pub fn state(&self, cell: CellId) -> CellState {
        self.states.get(cell.0).copied().unwrap_or(CellState::Shown)
    }

    /// The cell's count as published: the figure, "dưới 5" or "không công bố".
    pub fn count(&self, cell: CellId) -> PublishedCount {
        match self.state(cell) {
            CellState::Shown => self
                .figures
                .get(cell.0)
                .map_or_else(PublishedCount::withheld, |f| {
                    self.threshold.apply_reported(*f)
                }),
            CellState::Small => self.threshold.apply(1),
            CellState::Withheld => PublishedCount::withheld(),
        }
    }

    /// The number of hidden cells.
    pub fn hidden(&self) -> usize {
        self.states.iter().filter(|s| s.is_hidden()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn t5() -> SuppressionThreshold {
        SuppressionThreshold::default()
    }

    fn exact(n: u64) -> Reported<u64> {
        Reported::exact(n)
    }

    /// Every hidden figure that adding and subtracting published ones gives away:
    /// solves every group with a single unknown, again and again.
    fn recoverable(table: &SuppressionTable, s: &Suppression) -> Vec<usize> {
        let n = table.cells.len();
        let mut known: Vec<bool> = (0..n).map(|c| !s.states[c].is_hidden()).collect();
        // A rest is unknown unless zero.
        let mut rest_known: Vec<bool> = table.groups.iter().map(|g| table.rest(g).0 == 0).collect();
        let mut found = Vec::new();
        loop {
            let mut changed = false;
            for (g, group) in table.groups.iter().enumerate() {
                let unknown: Vec<Option<usize>> = std::iter::once(group.total)
                    .chain(group.parts.iter().copied())
                    .filter(|&c| !known[c])
                    .map(Some)
                    .chain((!rest_known[g]).then_some(None))
                    .collect();
                if let [only] = unknown.as_slice() {
                    match only {
                        Some(c) => {
                            known[*c] = true;
                            found.push(*c);
                        }
                        None => rest_known[g] = true,
                    }
                    changed = true;
                }
            }
            if !changed {
                return found;
            }
        }
    }

    #[test]
    fn two_schools_of_a_district() {
        let mut t = SuppressionTable::new();
        let d = t.cell(exact(8));
        let a = t.cell(exact(2));
        let b = t.cell(exact(6));
        t.total(d, [a, b]);
        let s = t.suppress(t5());
        assert_eq!(
            [s.state(d), s.state(a), s.state(b)],
            [CellState::Shown, CellState::Small, CellState::Withheld]
        );
        assert_eq!(s.count(b).to_string_in(crate::Lang::En), "not published");
        assert!(s.count(b).is_withheld() && s.count(b).is_suppressed());
        assert_eq!(s.hidden(), 2);
        assert!(recoverable(&t, &s).is_empty());
    }

    #[test]
    fn the_smallest_other_row_is_withheld() {
        let mut t = SuppressionTable::new();
        let d = t.cell(exact(130));
        let rows: Vec<CellId> = [3, 40, 7, 80].iter().map(|&n| t.cell(exact(n))).collect();
        t.total(d, rows.clone());
        let s = t.suppress(t5());
        let states: Vec<CellState> = rows.iter().map(|&r| s.state(r)).collect();
        assert_eq!(
            states,
            [
                CellState::Small,
                CellState::Shown,
                CellState::Withheld,
                CellState::Shown
            ]
        );
        assert_eq!(s.state(d), CellState::Shown);
    }

    #[test]
    fn a_lone_row_takes_its_total_with_it_and_the_total_its_sibling() {
        // City 20 = district X 3 + district Y 17; X = one school of 3.
        let mut t = SuppressionTable::new();
        let city = t.cell(exact(20));
        let x = t.cell(exact(3));
        let y = t.cell(exact(17));
        let x1 = t.cell(exact(3));
        let y1 = t.cell(exact(9));
        let y2 = t.cell(exact(8));
        t.total(city, [x, y]);
        t.total(x, [x1]);
        t.total(y, [y1, y2]);
        let s = t.suppress(t5());
        assert!(s.state(x).is_hidden() && s.state(x1).is_hidden());
        // Y is withheld to protect X, and then one of Y's schools to protect Y.
        assert_eq!(s.state(y), CellState::Withheld);
        assert_eq!(s.state(y2), CellState::Withheld);
        assert_eq!(s.state(y1), CellState::Shown);
        assert_eq!(s.state(city), CellState::Shown);
        assert!(recoverable(&t, &s).is_empty());
    }

    #[test]
    fn a_small_rest_is_protected_and_a_large_one_protects() {
        // A district that helped 2 children itself: 10 = 4 (small) + 4 + 2 (rest)?
        // Rows 6 and 7 under a total of 15: the rest of 2 would follow.
        let mut t = SuppressionTable::new();
        let d = t.cell(exact(15));
        let a = t.cell(exact(6));
        let b = t.cell(exact(7));
        t.total(d, [a, b]);
        let s = t.suppress(t5());
        assert_eq!(s.state(a), CellState::Withheld);
        assert_eq!(s.state(b), CellState::Shown);
        // A rest of 20 is unknown: a small row next to it needs nothing more.
        let mut t = SuppressionTable::new();
        let d = t.cell(exact(28));
        let a = t.cell(exact(2));
        let b = t.cell(exact(6));
        t.total(d, [a, b]);
        let s = t.suppress(t5());
        assert_eq!(
            [s.state(a), s.state(b)],
            [CellState::Small, CellState::Shown]
        );
    }

    #[test]
    fn money_goes_with_its_count() {
        // The rest has children but no money: it protects the count, not the money.
        let mut t = SuppressionTable::new();
        let d = t.cell_with_amount(exact(13), Vnd::from_dong(4_000_000));
        let a = t.cell_with_amount(exact(2), Vnd::from_dong(1_000_000));
        let b = t.cell_with_amount(exact(6), Vnd::from_dong(3_000_000));
        t.total(d, [a, b]);
        let s = t.suppress(t5());
        assert_eq!(
            [s.state(a), s.state(b)],
            [CellState::Small, CellState::Withheld]
        );
        // With money in the rest too, the 6 is shown.
        let mut t = SuppressionTable::new();
        let d = t.cell_with_amount(exact(13), Vnd::from_dong(5_000_000));
        let a = t.cell_with_amount(exact(2), Vnd::from_dong(1_000_000));
        let b = t.cell_with_amount(exact(6), Vnd::from_dong(3_000_000));
        t.total(d, [a, b]);
        let s = t.suppress(t5());
        assert_eq!(
            [s.state(a), s.state(b)],
            [CellState::Small, CellState::Shown]
        );
    }

    #[test]
    fn bounds_that_pin_a_value_call_for_a_third() {
        // 1 + 1 under 20 with 18 shown: two hidden rows, but both must be 1.
        let mut t = SuppressionTable::new();
        let d = t.cell(exact(20));
        let rows: Vec<CellId> = [1, 1, 18].iter().map(|&n| t.cell(exact(n))).collect();
        t.total(d, rows.clone());
        let s = t.suppress(t5());
        assert!(rows.iter().all(|&r| s.state(r).is_hidden()) || s.state(d).is_hidden());
        // A small row of 1 and a withheld one of 5: 6 = 1 + 5 pins both.
        let mut t = SuppressionTable::new();
        let d = t.cell(exact(26));
        let rows: Vec<CellId> = [1, 5, 20].iter().map(|&n| t.cell(exact(n))).collect();
        t.total(d, rows.clone());
        let s = t.suppress(t5());
        assert!(rows.iter().all(|&r| s.state(r).is_hidden()) || s.state(d).is_hidden());
    }

    #[test]
    fn zero_and_lower_bounds_are_shown_and_nothing_panics() {
        let mut t = SuppressionTable::new();
        let d = t.cell(exact(9));
        let z = t.cell(exact(0));
        let more = t.cell(Reported::new(3, crate::Qualifier::MoreThan));
        let a = t.cell(exact(2));
        t.total(d, [z, more, a]);
        // Cells of another table are ignored.
        t.total(CellId(99), [a]);
        t.total(d, [CellId(99)]);
        let s = t.suppress(t5());
        assert_eq!(s.state(z), CellState::Shown);
        assert_eq!(s.state(a), CellState::Small);
        // 9 − 3 = 6 is the small row and a rest of 4 together: nothing more to hide.
        assert_eq!(s.state(more), CellState::Shown);
        assert_eq!(s.state(CellId(99)), CellState::Shown);
        assert_eq!(t.len(), 4);
        assert!(!t.is_empty());
        assert!(SuppressionTable::new().suppress(t5()).hidden() == 0);
    }

    /// A random hierarchy: each cell after the first hangs under an earlier one;
    /// totals are the sums of their rows plus a random rest.
    fn hierarchy() -> impl Strategy<Value = (SuppressionTable, u64)> {
        (2usize..40, 1u64..8).prop_flat_map(|(n, threshold)| {
            (
                proptest::collection::vec(0usize..1000, n),
                proptest::collection::vec(prop_oneof![0u64..6, 0u64..40], n),
                proptest::collection::vec(prop_oneof![3 => Just(0u64), 1 => 0u64..8], n),
                proptest::collection::vec(0i64..5_000_000, n),
                Just(threshold),
            )
                .prop_map(|(parents, leaves, rests, money, threshold)| {
                    let n = parents.len();
                    let parent: Vec<Option<usize>> =
                        (0..n).map(|i| (i > 0).then(|| parents[i] % i)).collect();
                    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
                    for (i, p) in parent.iter().enumerate() {
                        if let Some(p) = p {
                            children[*p].push(i);
                        }
                    }
                    let mut count = vec![0u64; n];
                    let mut amount = vec![0i64; n];
                    for i in (0..n).rev() {
                        if children[i].is_empty() {
                            count[i] = leaves[i];
                            amount[i] = if leaves[i] == 0 { 0 } else { money[i] };
                        } else {
                            count[i] =
                                rests[i] + children[i].iter().map(|&c| count[c]).sum::<u64>();
                            amount[i] = children[i].iter().map(|&c| amount[c]).sum::<i64>()
                                + if rests[i] == 0 { 0 } else { money[i] };
                        }
                    }
                    let mut t = SuppressionTable::new();
                    let ids: Vec<CellId> = (0..n)
                        .map(|i| t.cell_with_amount(exact(count[i]), Vnd::from_dong(amount[i])))
                        .collect();
                    for i in 0..n {
                        t.total(ids[i], children[i].iter().map(|&c| ids[c]));
                    }
                    (t, threshold)
                })
        })
    }

    proptest! {
        #[test]
        fn no_hidden_figure_follows_from_the_published_ones((table, threshold) in hierarchy()) {
            let threshold = SuppressionThreshold::try_new(threshold).unwrap();
            let s = table.suppress(threshold);
            // Every small count is hidden.
            for (c, cell) in table.cells.iter().enumerate() {
                let small = cell.count.value() != 0 && cell.count.value() < threshold.get();
                prop_assert_eq!(small, s.states[c] == CellState::Small);
            }
            // No group shows all but one hidden figure: no hidden cell equals its total
            // minus the published rows.
            for g in &table.groups {
                let hidden = std::iter::once(&g.total)
                    .chain(&g.parts)
                    .filter(|c| s.states[**c].is_hidden())
                    .count();
                let (rest, _) = table.rest(g);
                if hidden == 1 {
                    prop_assert!(rest != 0, "one hidden figure and no rest: {:?} {:?}", g, s);
                }
                if hidden > 0 || (rest != 0 && rest < threshold.get()) {
                    prop_assert!(hidden + usize::from(rest != 0) >= 2, "{:?} {:?}", g, s);
                }
            }
            // Nor does any chain of subtractions across levels give one away.
            let found = recoverable(&table, &s);
            prop_assert!(found.is_empty(), "recovered {:?}", found);
        }
    }
}
