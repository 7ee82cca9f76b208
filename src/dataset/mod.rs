//! The whole-file model: everything a dataset file holds, loaded with every problem
//! reported, and resolved into the validated structures the rest of the crate uses.

pub(crate) mod figure;
pub(crate) mod file;
pub(crate) mod keyed;
mod keys;
pub(crate) mod migrate;
pub(crate) mod parallel;
#[cfg(feature = "schema")]
pub(crate) mod schema;
