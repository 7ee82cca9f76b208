//! Mergeable accumulators: the values roll-ups add up the tree.

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet};

use crate::value::money::VndSum;

/// A value that can absorb another of its kind: counts add, sets unite, tallies add
/// per key. Merging must be associative and commutative, so the order children are
/// merged in does not matter.
pub trait Accumulator: Clone + Default + Send + Sync {
    /// Absorbs `other` into `self`.
    fn merge(&mut self, other: &Self);
}

/// An accumulator that can take back a value merged into it before: counts
/// subtract, tallies subtract per key. Incremental roll-ups need it to re-apply a
/// metric to a changed member ([`Rollup::reapply_member`](crate::Rollup::reapply_member)).
///
/// `a.merge(&b); a.retract(&b)` must leave `a` as it was, as long as `b` was merged
/// into `a` before. Sets of distinct values and least/greatest values cannot take a
/// value back, so [`Distinct`] and [`MinMax`] are not `Retract`.
///
/// ```
/// use thidua::{Accumulator, Retract, Tally};
///
/// let mut all = Tally::default();
/// all.add("ldtt");
/// let mut one = Tally::default();
/// one.add("ldtt");
/// all.merge(&one);
/// all.retract(&one);
/// assert_eq!(all.get("ldtt"), 1);
/// ```
pub trait Retract: Accumulator {
    /// Takes `other` back out of `self`.
    fn retract(&mut self, other: &Self);
}

impl Accumulator for u64 {
    fn merge(&mut self, other: &Self) {
        *self = self.saturating_add(*other);
    }
}

impl Retract for u64 {
    fn retract(&mut self, other: &Self) {
        *self = self.saturating_sub(*other);
    }
}

impl Retract for u32 {
    fn retract(&mut self, other: &Self) {
        *self = self.saturating_sub(*other);
    }
}

/// A total that left the `i128` range stays out of range.
impl Retract for VndSum {
    fn retract(&mut self, other: &Self) {
        VndSum::retract(self, *other);
    }
}

impl Accumulator for u32 {
    fn merge(&mut self, other: &Self) {
        *self = self.saturating_add(*other);
    }
}

impl Accumulator for VndSum {
    fn merge(&mut self, other: &Self) {
        VndSum::merge(self, *other);
    }
}

/// Distinct values (people counted once however many units they appear in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Distinct<K: Ord>(BTreeSet<K>);

impl<K: Ord> Default for Distinct<K> {
    fn default() -> Self {
        Self(BTreeSet::new())
    }
}

impl<K: Ord + Clone> Distinct<K> {
    /// Adds a value.
    pub fn insert(&mut self, key: K) {
        self.0.insert(key);
    }

    /// How many distinct values.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The values, sorted.
    pub fn iter(&self) -> impl Iterator<Item = &K> + '_ {
        self.0.iter()
    }
}

impl<K: Ord + Clone + Send + Sync> Accumulator for Distinct<K> {
    fn merge(&mut self, other: &Self) {
        self.0.extend(other.0.iter().cloned());
    }
}

/// Counts per key (a group-by: per bloc, per grade, per gender, per title).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally<K: Ord>(BTreeMap<K, u64>);

impl<K: Ord> Default for Tally<K> {
    fn default() -> Self {
        Self(BTreeMap::new())
    }
}

impl<K: Ord + Clone> Tally<K> {
    /// Counts one more for `key`.
    pub fn add(&mut self, key: K) {
        self.add_n(key, 1);
    }

    /// Counts `n` more for `key`.
    pub fn add_n(&mut self, key: K, n: u64) {
        let slot = self.0.entry(key).or_insert(0);
        *slot = slot.saturating_add(n);
    }

    /// The count for `key` (0 when absent). Any borrowed form of the key will do: a
    /// [`TitleCode`](crate::TitleCode) tally is read with a code from
    /// [`codes`](crate::codes) as it is.
    ///
    /// ```
    /// use thidua::{Tally, TitleCode, codes};
    ///
    /// let mut titles = Tally::default();
    /// titles.add(TitleCode::try_new(codes::LDTT)?);
    /// assert_eq!(titles.get(codes::LDTT), 1);
    /// assert_eq!(titles.get(&TitleCode::try_new(codes::LDTT)?), 1);
    /// # Ok::<(), thidua::AwardError>(())
    /// ```
    pub fn get<Q>(&self, key: &Q) -> u64
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.0.get(key).copied().unwrap_or(0)
    }

    /// The sum over all keys.
    pub fn total(&self) -> u64 {
        self.0.values().fold(0u64, |a, b| a.saturating_add(*b))
    }

    /// Keys and counts, by key.
    pub fn iter(&self) -> impl Iterator<Item = (&K, u64)> + '_ {
        self.0.iter().map(|(k, v)| (k, *v))
    }
}

impl<K: Ord + Clone + Send + Sync> Accumulator for Tally<K> {
    fn merge(&mut self, other: &Self) {
        for (k, v) in &other.0 {
            self.add_n(k.clone(), *v);
        }
    }
}

/// A key whose count falls to zero is removed, so a tally taken back equals one
/// never given the value.
impl<K: Ord + Clone + Send + Sync> Retract for Tally<K> {
    fn retract(&mut self, other: &Self) {
        for (k, v) in &other.0 {
            if let Some(slot) = self.0.get_mut(k) {
                *slot = slot.saturating_sub(*v);
                if *slot == 0 {
                    self.0.remove(k);
                }
            }
        }
    }
}

/// The least and greatest value seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinMax<T: Ord + Copy>(Option<(T, T)>);

impl<T: Ord + Copy> Default for MinMax<T> {
    fn default() -> Self {
        Self(None)
    }
}

impl<T: Ord + Copy> MinMax<T> {
    /// Sees a value.
    pub fn see(&mut self, v: T) {
        self.0 = Some(match self.0 {
            None => (v, v),
            Some((lo, hi)) => (lo.min(v), hi.max(v)),
        });
    }

    /// The least and greatest, if any value was seen.
    pub fn range(&self) -> Option<(T, T)> {
        self.0
    }
}

impl<T: Ord + Copy + Send + Sync> Accumulator for MinMax<T> {
    fn merge(&mut self, other: &Self) {
        if let Some((lo, hi)) = other.0 {
            self.see(lo);
            self.see(hi);
        }
    }
}

macro_rules! tuple_accumulator {
    ($($t:ident $i:tt),+) => {
        impl<$($t: Accumulator),+> Accumulator for ($($t,)+) {
            fn merge(&mut self, other: &Self) {
                $( self.$i.merge(&other.$i); )+
            }
        }

        impl<$($t: Retract),+> Retract for ($($t,)+) {
            fn retract(&mut self, other: &Self) {
                $( self.$i.retract(&other.$i); )+
            }
        }
    };
}
tuple_accumulator!(A 0, B 1);
tuple_accumulator!(A 0, B 1, C 2);
tuple_accumulator!(A 0, B 1, C 2, D 3);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tally() -> impl Strategy<Value = Tally<u8>> {
        proptest::collection::vec((0u8..6, 0u64..5), 0..8).prop_map(|pairs| {
            let mut t = Tally::default();
            for (k, n) in pairs {
                t.add_n(k, n);
            }
            t
        })
    }

    proptest! {
        #[test]
        fn retracting_what_was_merged_restores_the_value(
            a in tally(), b in tally(), x in 0u64..1000, y in 0u64..1000,
        ) {
            // Zero counts are not kept apart from absent ones once taken back.
            let mut pair = (x, a.clone());
            pair.merge(&(y, b.clone()));
            pair.retract(&(y, b));
            prop_assert_eq!(pair.0, x);
            prop_assert_eq!(
                pair.1.iter().filter(|(_, n)| *n > 0).collect::<Vec<_>>(),
                a.iter().filter(|(_, n)| *n > 0).collect::<Vec<_>>()
            );
        }

        #[test]
        fn money_retracts_exactly(a in any::<i64>(), b in any::<i64>()) {
            let (a, b) = (VndSum::from_i128(i128::from(a)), VndSum::from_i128(i128::from(b)));
            let mut sum = a;
            Accumulator::merge(&mut sum, &b);
            Retract::retract(&mut sum, &b);
            prop_assert_eq!(sum, a);
        }
    }
}
