//! Rules with their law: regimes, parameters, facts, verdicts that explain.

pub(crate) mod bonus;
pub(crate) mod catalogue_doc;
pub(crate) mod check;
pub(crate) mod citation;
pub(crate) mod council;
pub(crate) mod engine;
pub(crate) mod facts;
pub(crate) mod in_force;
pub(crate) mod law;
pub(crate) mod nomination;
pub(crate) mod param;
pub(crate) mod quoted;
pub(crate) mod regime;
pub(crate) mod rule;
pub(crate) mod tiebreak;
pub(crate) mod titles;
pub(crate) mod union;
pub(crate) mod whatif;
