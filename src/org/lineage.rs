//! Restating history onto a later structure through lineage events.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::org::hierarchy::{Hierarchy, Succession};
use crate::people::roster::Roster;
use crate::value::id::UnitId;
use crate::value::ratio::Ratio;

/// An error restating a unit's history.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RestateError {
    /// The unit is not in the hierarchy.
    #[error("unit {unit} is not a unit of the hierarchy")]
    UnknownUnit {
        /// The unit asked for.
        unit: UnitId,
    },
    /// A split apportions by members but no roster was given.
    #[error("the split of unit {unit} on {date} apportions by members: a roster is needed")]
    NeedsRoster {
        /// The unit split.
        unit: UnitId,
        /// The day of the split.
        date: NaiveDate,
    },
    /// A split apportions by members but its successors had none that day.
    #[error(
        "the split of unit {unit} on {date} apportions by members, but its successors had no members that day"
    )]
    NoMembers {
        /// The unit split.
        unit: UnitId,
        /// The day of the split.
        date: NaiveDate,
    },
    /// The exact shares grew beyond what a [`Ratio`] of two `u64` can hold.
    #[error("the shares of unit {unit} are too fine to hold exactly")]
    TooFine {
        /// The unit asked for.
        unit: UnitId,
    },
}

/// Where a unit's history goes on a later day: shares of successors that exist that
/// day, and the share that goes nowhere (a unit dissolved without successor — its
/// history is reported as it was, never silently dropped or invented).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restatement {
    shares: Vec<(UnitId, Ratio)>,
    unassigned: Ratio,
}

impl Restatement {
    /// The successors existing on the target day and their exact shares, by unit id.
    pub fn shares(&self) -> &[(UnitId, Ratio)] {
        &self.shares
    }

    /// The share with no successor on the target day.
    pub fn unassigned(&self) -> Ratio {
        self.unassigned
    }
}

/// An exact non-negative fraction kept reduced.
#[derive(Debug, Clone, Copy)]
struct Frac {
    num: u128,
    den: u128,
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Frac {
    const ZERO: Frac = Frac { num: 0, den: 1 };
    const ONE: Frac = Frac { num: 1, den: 1 };

    fn new(num: u128, den: u128) -> Option<Frac> {
        if den == 0 {
            return None;
        }
        let g = gcd(num, den).max(1);
        Some(Frac {
            num: num / g,
            den: den / g,
        })
    }

    fn mul(self, num: u128, den: u128) -> Option<Frac> {
        let a = Frac::new(self.num, den)?;
        let b = Frac::new(num, self.den)?;
        Frac::new(a.num.checked_mul(b.num)?, a.den.checked_mul(b.den)?)
    }

    fn add(self, other: Frac) -> Option<Frac> {
        let g = gcd(self.den, other.den).max(1);
        let den = (self.den / g).checked_mul(other.den)?;
        let num = self
            .num
            .checked_mul(other.den / g)?
            .checked_add(other.num.checked_mul(self.den / g)?)?;
        Frac::new(num, den)
    }

    fn to_ratio(self) -> Option<Ratio> {
        Ratio::new(u64::try_from(self.num).ok()?, u64::try_from(self.den).ok()?).ok()
    }
}

impl Hierarchy {
    /// Restates a unit's history onto the structure of `target`: a unit that exists
    /// that day keeps its history; a merged unit's history goes to the unit it merged
    /// into; a split unit's history is shared by its apportioning rule (by members on
    /// the day of the split needs `roster`); a dissolved unit's history goes to its
    /// named successor, or is left unassigned. Chains of events are followed to the
    /// target day with exact shares.
    ///
    /// A unit established after `target` has no place in that structure: all its
    /// history is unassigned.
    ///
    /// # Errors
    /// [`RestateError`] for an unknown unit, a split by members without a roster or
    /// whose successors had no members that day, or shares too fine to hold exactly.
    pub fn restate(
        &self,
        unit: UnitId,
        target: NaiveDate,
        roster: Option<&Roster>,
    ) -> Result<Restatement, RestateError> {
        let start = self
            .index_of(unit)
            .ok_or(RestateError::UnknownUnit { unit })?;
        let too_fine = RestateError::TooFine { unit };
        // Pending shares keyed by the day each unit ends, so a unit reached along
        // several paths is resolved once with its whole share.
        let mut pending: BTreeMap<(NaiveDate, u32), Frac> = BTreeMap::new();
        let mut assigned: BTreeMap<u32, Frac> = BTreeMap::new();
        let mut unassigned = Frac::ZERO;
        let end_of = |i: u32| {
            self.state_at(i)
                .and_then(|u| u.end)
                .unwrap_or(NaiveDate::MAX)
        };
        pending.insert((end_of(start), start), Frac::ONE);
        while let Some(((end, i), share)) = pending.pop_first() {
            let Some(u) = self.state_at(i) else { continue };
            if target < u.start {
                unassigned = unassigned.add(share).ok_or(too_fine.clone())?;
                continue;
            }
            if target < end {
                let slot = assigned.entry(i).or_insert(Frac::ZERO);
                *slot = slot.add(share).ok_or(too_fine.clone())?;
                continue;
            }
            let weighted: Vec<(u32, u128)> = match &u.succession {
                None => {
                    unassigned = unassigned.add(share).ok_or(too_fine.clone())?;
                    continue;
                }
                Some(Succession::Weighted(list)) => {
                    list.iter().map(|&(s, w)| (s, u128::from(w))).collect()
                }
                Some(Succession::ByMembers(list, day)) => {
                    let roster = roster.ok_or(RestateError::NeedsRoster {
                        unit: u.record.id(),
                        date: *day,
                    })?;
                    list.iter()
                        .map(|&s| (s, u128::from(roster.members_in(s, *day))))
                        .collect()
                }
            };
            let total: u128 = weighted.iter().map(|(_, w)| *w).sum();
            if total == 0 {
                return Err(RestateError::NoMembers {
                    unit: u.record.id(),
                    date: end,
                });
            }
            for (s, w) in weighted {
                if w == 0 {
                    continue;
                }
                let part = share.mul(w, total).ok_or(too_fine.clone())?;
                let slot = pending.entry((end_of(s), s)).or_insert(Frac::ZERO);
                *slot = slot.add(part).ok_or(too_fine.clone())?;
            }
        }
        let mut shares = Vec::with_capacity(assigned.len());
        for (i, f) in assigned {
            let Some(u) = self.state_at(i) else { continue };
            shares.push((u.record.id(), f.to_ratio().ok_or(too_fine.clone())?));
        }
        Ok(Restatement {
            shares,
            unassigned: unassigned.to_ratio().ok_or(too_fine)?,
        })
    }
}
