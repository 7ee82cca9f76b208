//! Titles and forms of commendation, and the decisions that confer them.

pub(crate) mod catalogue;
pub(crate) mod decision;
