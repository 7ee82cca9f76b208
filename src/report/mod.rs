//! Reports: a model of sections and figures with their provenance, rendered to
//! Markdown, HTML and plain text in Vietnamese or English.

pub(crate) mod chart;
pub(crate) mod checks;
pub(crate) mod district;
pub(crate) mod model;
pub(crate) mod render;
pub(crate) mod rules_doc;
