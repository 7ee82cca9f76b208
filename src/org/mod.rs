//! The union organisation: units and their kinds, partner bodies, the hierarchy
//! through time and its snapshots.

pub(crate) mod cycles;
pub(crate) mod hierarchy;
pub(crate) mod kind;
pub(crate) mod lineage;
pub(crate) mod snapshot;
pub(crate) mod unit;
