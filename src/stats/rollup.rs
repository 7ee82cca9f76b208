//! The roll-up engine: own values per unit, summed bottom-up over a snapshot.

use crate::diagnostic::Diagnostics;
use crate::org::snapshot::{Node, Snapshot};
use crate::stats::accumulate::{Accumulator, Retract};
use crate::stats::metric::{MemberRow, Metric};

/// Values per unit of one snapshot's scope: each unit's own and its subtree's total.
///
/// The scope is a subtree (or the whole snapshot); contributions attributed to units
/// outside it are ignored, so a scoped roll-up never sees outside its subtree.
/// Subtrees are contiguous in the snapshot's order, so the roll-up is one pass over
/// the contributions and one bottom-up pass over the scope.
///
/// ```
/// use thidua::{Rollup, Snapshot};
/// # fn demo(tree: &Snapshot<'_>) {
/// // Units per node: every unit counts itself once.
/// let units = Rollup::from_fn(tree, None, |_| 1u64);
/// for root in tree.roots() {
///     assert_eq!(units.total(root), Some(&(tree.subtree(root).len() as u64)));
/// }
/// # }
/// ```
///
/// Two roll-ups are equal when they cover the same scope with the same own values,
/// totals and [diagnostics](Rollup::diagnostics), so a test can compare an
/// incremental update with a roll-up from scratch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rollup<A> {
    start: usize,
    own: Vec<A>,
    total: Vec<A>,
    diagnostics: Diagnostics,
}

impl<A: Accumulator> Rollup<A> {
    /// A roll-up whose own values come from a function of each unit in scope.
    pub fn from_fn(
        snapshot: &Snapshot<'_>,
        scope: Option<Node>,
        mut own: impl FnMut(Node) -> A,
    ) -> Self {
        let range = match scope {
            Some(n) => snapshot.subtree_range(n),
            None => 0..snapshot.len(),
        };
        let own: Vec<A> = snapshot.scope(scope).map(&mut own).collect();
        Self::finish(snapshot, range.start, own)
    }

    /// A roll-up of contributions attributed to units: `(unit, value)` pairs, merged
    /// into each unit's own value. Contributions to units outside the scope are
    /// dropped; their number is returned with the roll-up.
    pub fn from_contributions(
        snapshot: &Snapshot<'_>,
        scope: Option<Node>,
        contributions: impl IntoIterator<Item = (Node, A)>,
    ) -> (Self, usize) {
        let range = match scope {
            Some(n) => snapshot.subtree_range(n),
            None => 0..snapshot.len(),
        };
        let mut own = vec![A::default(); range.len()];
        let mut outside = 0usize;
        for (node, value) in contributions {
            match node
                .index()
                .checked_sub(range.start)
                .filter(|_| range.contains(&node.index()))
                .and_then(|i| own.get_mut(i))
            {
                Some(slot) => slot.merge(&value),
                None => outside += 1,
            }
        }
        (Self::finish(snapshot, range.start, own), outside)
    }

    fn finish(snapshot: &Snapshot<'_>, start: usize, own: Vec<A>) -> Self {
        let mut total = own.clone();
        let len = total.len();
        for i in (1..len).rev() {
            let node_index = start + i;
            let Some(parent) = snapshot
                .node_at(node_index)
                .and_then(|n| snapshot.parent(n))
            else {
                continue;
            };
            let Some(p) = parent.index().checked_sub(start) else {
                continue;
            };
            if p >= i {
                continue;
            }
            let (head, tail) = total.split_at_mut(i);
            if let (Some(parent_total), Some(child_total)) = (head.get_mut(p), tail.first()) {
                parent_total.merge(child_total);
            }
        }
        Self {
            start,
            own,
            total,
            diagnostics: Diagnostics::new(),
        }
    }

    pub(crate) fn with_diagnostics(mut self, diagnostics: Diagnostics) -> Self {
        self.diagnostics = diagnostics;
        self
    }

    /// What the roll-up has to say about its input: from [`Model::rollup`], that no
    /// period was given (`rollup.no_period`), or that nothing is recorded for the
    /// period asked (`rollup.period_unmatched`). Empty for roll-ups built from
    /// values ([`Rollup::from_fn`], [`Rollup::from_contributions`]).
    ///
    /// [`Model::rollup`]: crate::Model::rollup
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diagnostics
    }

    /// A second roll-up over the same scope, chained on this one: `verdict` sees
    /// each unit and its total here and gives the unit's own value there, which is
    /// then rolled up. A per-school verdict counted per district, say:
    ///
    /// ```
    /// # #[cfg(feature = "testing")]
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use thidua::testing::DatasetBuilder;
    /// use thidua::{Bloc, Members, UnitKind};
    ///
    /// let model = DatasetBuilder::new("2023-09-01")?
    ///     .unit("GL", UnitKind::DistrictFederation, "LĐLĐ huyện Gia Lâm", None)?
    ///     .grassroots("GL.A", "Công đoàn Trường Mầm non A", "GL", Bloc::Schools, 45, 40)?
    ///     .grassroots("GL.B", "Công đoàn Trường Tiểu học B", "GL", Bloc::Schools, 12, 9)?
    ///     .grassroots("GL.C", "Công đoàn Trường THCS C", "GL", Bloc::Schools, 30, 20)?
    ///     .model()?;
    /// let tree = model.hierarchy.as_of(thidua::parse_date("2024-05-31")?);
    /// let members = model.rollup(&Members, &tree, None, None);
    /// // Schools of 30 members or more, counted per district.
    /// let large = members.chain(&tree, |node, members| {
    ///     u64::from(tree.kind(node) == UnitKind::Grassroots && *members >= 30)
    /// });
    /// assert_eq!(large.total(tree.node_by_code("GL").ok_or("no unit")?), Some(&2));
    /// # Ok(())
    /// # }
    /// # #[cfg(not(feature = "testing"))]
    /// # fn main() {}
    /// ```
    ///
    /// The snapshot must be the one this roll-up was made on. The chained roll-up
    /// starts without diagnostics; this one's stay here.
    pub fn chain<B: Accumulator>(
        &self,
        snapshot: &Snapshot<'_>,
        mut verdict: impl FnMut(Node, &A) -> B,
    ) -> Rollup<B> {
        let own = self
            .total
            .iter()
            .enumerate()
            .filter_map(|(i, total)| {
                let node = snapshot.node_at(self.start + i)?;
                Some(verdict(node, total))
            })
            .collect();
        Rollup::finish(snapshot, self.start, own)
    }

    /// Changes one unit's own value in place and every total that holds it — the
    /// unit's and each ancestor's within the scope — without recomputing the tree:
    /// `change` is applied to each of them (add one, take one away …). Returns
    /// `false`, changing nothing, when the unit is outside the scope.
    pub fn update(&mut self, snapshot: &Snapshot<'_>, node: Node, change: impl Fn(&mut A)) -> bool {
        let Some(i) = node
            .index()
            .checked_sub(self.start)
            .filter(|i| *i < self.own.len())
        else {
            return false;
        };
        if let Some(own) = self.own.get_mut(i) {
            change(own);
        }
        let mut at = Some(node);
        while let Some(n) = at {
            match n
                .index()
                .checked_sub(self.start)
                .and_then(|i| self.total.get_mut(i))
            {
                Some(t) => change(t),
                None => break,
            }
            at = snapshot.parent(n);
        }
        true
    }

    /// Re-applies a metric to one changed member: takes back what the member gave
    /// as `before` and adds what the member gives as `after`, in the member's unit
    /// and every ancestor within the scope — walking the ancestor paths only, with
    /// no delta written by hand. `before: None` adds a member who joined,
    /// `after: None` takes away a member who left, and rows in different units
    /// move the member (a transfer). Rows come from [`Model::member_row`]:
    /// `before` from the model this roll-up was made from, `after` from the
    /// changed one. The member's unit is found in `snapshot` by the id of the
    /// row's membership, so a row may come from another model's snapshot; a unit
    /// not in the scope changes nothing. Returns `false`, changing nothing, when
    /// neither row's unit lies in the scope.
    ///
    /// ```
    /// # #[cfg(feature = "testing")]
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use thidua::testing::{DatasetBuilder, Person};
    /// use thidua::{Bloc, MemberId, Period, TitlesConferred, UnitKind, codes};
    ///
    /// let year: Period = "năm học 2023-2024".parse()?;
    /// let fixture = DatasetBuilder::new("2023-09-01")?
    ///     .unit("GL", UnitKind::DistrictFederation, "LĐLĐ huyện Gia Lâm", None)?
    ///     .grassroots("GL.MNA", "Công đoàn Trường Mầm non A", "GL", Bloc::Schools, 3, 3)?
    ///     .member("lan", "GL.MNA", Person::new().woman())?
    ///     .confer("GL.MNA/0", codes::LDTT, year)?;
    /// let before = fixture.clone().model()?;
    /// // Later the same year, Lan is conferred the title too.
    /// let after = fixture.confer("lan", codes::LDTT, year)?.model()?;
    /// let day = thidua::parse_date("2024-05-31")?;
    /// let (old, new) = (before.hierarchy.as_of(day), after.hierarchy.as_of(day));
    /// let lan = MemberId::from_key("lan");
    ///
    /// let mut titles = before.rollup(&TitlesConferred, &old, None, Some(&year));
    /// titles.reapply_member(
    ///     &old,
    ///     &TitlesConferred,
    ///     before.member_row(&old, lan, Some(&year)).as_ref(),
    ///     after.member_row(&new, lan, Some(&year)).as_ref(),
    /// );
    /// assert_eq!(titles, after.rollup(&TitlesConferred, &new, None, Some(&year)));
    /// let gl = old.node_by_code("GL").ok_or("no unit")?;
    /// assert_eq!(titles.total(gl).map(|t| t.get(codes::LDTT)), Some(2));
    /// # Ok(())
    /// # }
    /// # #[cfg(not(feature = "testing"))]
    /// # fn main() {}
    /// ```
    ///
    /// [`Model::member_row`]: crate::Model::member_row
    pub fn reapply_member<M: Metric<Acc = A>>(
        &mut self,
        snapshot: &Snapshot<'_>,
        metric: &M,
        before: Option<&MemberRow<'_>>,
        after: Option<&MemberRow<'_>>,
    ) -> bool
    where
        A: Retract,
    {
        let mut changed = false;
        if let Some(row) = before
            && let Some(node) = snapshot.node(row.membership.unit())
        {
            let mut value = A::default();
            metric.member(row, &mut value);
            changed |= self.update(snapshot, node, |acc| acc.retract(&value));
        }
        if let Some(row) = after
            && let Some(node) = snapshot.node(row.membership.unit())
        {
            let mut value = A::default();
            metric.member(row, &mut value);
            changed |= self.update(snapshot, node, |acc| acc.merge(&value));
        }
        changed
    }

    /// The unit's own value (`None` outside the scope).
    pub fn own(&self, node: Node) -> Option<&A> {
        node.index()
            .checked_sub(self.start)
            .and_then(|i| self.own.get(i))
    }

    /// The value of the unit's whole subtree (`None` outside the scope).
    pub fn total(&self, node: Node) -> Option<&A> {
        node.index()
            .checked_sub(self.start)
            .and_then(|i| self.total.get(i))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::org::hierarchy::{Hierarchy, KindCheck};
    use crate::org::kind::UnitKind;
    use crate::org::unit::{UnitCode, UnitRecord};
    use crate::value::id::UnitId;
    use crate::value::text::UnitName;
    use proptest::prelude::*;

    /// A forest of grassroots units `U0`, `U1` … under the given parents.
    pub(crate) fn tree(parents: &[Option<usize>]) -> Hierarchy {
        let units = parents
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let code = format!("U{i}");
                let r = UnitRecord::new(
                    UnitId::from_key(&code),
                    UnitCode::try_new(&code).unwrap(),
                    UnitKind::Grassroots,
                    UnitName::try_new(&code).unwrap(),
                );
                match p {
                    Some(p) => r.with_parent(UnitId::from_key(&format!("U{p}"))),
                    None => r,
                }
            })
            .collect();
        Hierarchy::build_with(units, vec![], vec![], KindCheck::Skip).unwrap()
    }

    fn forest() -> impl Strategy<Value = (Vec<Option<usize>>, Vec<u64>)> {
        (1usize..60).prop_flat_map(|n| {
            let parents = (0..n)
                .map(|i| {
                    if i == 0 {
                        Just(None).boxed()
                    } else {
                        prop_oneof![1 => Just(None), 6 => (0..i).prop_map(Some)].boxed()
                    }
                })
                .collect::<Vec<_>>();
            (parents, proptest::collection::vec(0u64..1000, n))
        })
    }

    proptest! {
        #[test]
        fn rollup_equals_naive_recomputation((parents, values) in forest(), pick in any::<prop::sample::Index>()) {
            let h = tree(&parents);
            let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
            let snap = h.as_of(day);
            let id_of = |i: usize| UnitId::from_key(&format!("U{i}"));
            let value_of = |n: Node| {
                let id = snap.id(n);
                (0..values.len()).find(|&i| id_of(i) == id).map_or(0, |i| values[i])
            };
            // Naive: a unit's total is the sum over units whose ancestor chain holds it.
            let naive = |target: usize| -> u64 {
                (0..parents.len())
                    .filter(|&i| {
                        let mut at = Some(i);
                        while let Some(a) = at {
                            if a == target {
                                return true;
                            }
                            at = parents[a];
                        }
                        false
                    })
                    .map(|i| values[i])
                    .sum()
            };
            let all = Rollup::from_fn(&snap, None, value_of);
            for (i, value) in values.iter().enumerate() {
                let n = snap.node(id_of(i)).unwrap();
                prop_assert_eq!(*all.total(n).unwrap(), naive(i));
                prop_assert_eq!(all.own(n).unwrap(), value);
            }
            // A scoped roll-up sees only its subtree.
            let scope = snap.node(id_of(pick.index(parents.len()))).unwrap();
            let scoped = Rollup::from_fn(&snap, Some(scope), value_of);
            prop_assert_eq!(scoped.total(scope), all.total(scope));
            for n in snap.nodes() {
                prop_assert_eq!(scoped.total(n).is_some(), snap.contains(scope, n));
            }
            // Incremental edits give the same totals as recomputing.
            let mut edited = all.clone();
            let mut values = values.clone();
            for (k, n) in snap.nodes().enumerate().take(5) {
                let delta = (k as u64 + 1) * 7;
                prop_assert!(edited.update(&snap, n, |v| *v += delta));
                let id = snap.id(n);
                if let Some(i) = (0..values.len()).find(|&i| id_of(i) == id) {
                    values[i] += delta;
                }
            }
            let recomputed = Rollup::from_fn(&snap, None, |n| {
                let id = snap.id(n);
                (0..values.len()).find(|&i| id_of(i) == id).map_or(0, |i| values[i])
            });
            for n in snap.nodes() {
                prop_assert_eq!(edited.total(n), recomputed.total(n));
                prop_assert_eq!(edited.own(n), recomputed.own(n));
            }
            // A chained roll-up is a roll-up of the verdicts on the first one's totals.
            let big = |t: &u64| u64::from(*t >= 500);
            let chained = scoped.chain(&snap, |_, t| big(t));
            let direct = Rollup::from_fn(&snap, Some(scope), |n| scoped.total(n).map_or(0, big));
            prop_assert_eq!(&chained, &direct);
            let (c, outside) = Rollup::from_contributions(&snap, Some(scope), snap.nodes().map(|n| (n, 1u64)));
            prop_assert_eq!(outside, snap.len() - snap.subtree(scope).len());
            prop_assert_eq!(*c.total(scope).unwrap(), snap.subtree(scope).len() as u64);
        }
    }
}
