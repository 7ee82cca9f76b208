//! Integration tests, built as one binary.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod adversarial;
mod autotrait;
mod bonus;
#[cfg(feature = "testing")]
mod bundled;
mod campaign;
mod dataset;
#[cfg(feature = "docx")]
mod documents;
mod fixtures;
mod hierarchy;
mod in_force;
mod io;
#[cfg(feature = "synthetic")]
mod national;
#[cfg(feature = "parquet")]
mod parquet;
#[cfg(feature = "testing")]
mod report;
mod rules;
mod ruleset;
mod support;
#[cfg(feature = "testing")]
mod suppression;
mod titles;
mod union;
#[cfg(feature = "testing")]
mod whatif;
#[cfg(feature = "xlsx")]
mod xlsx;
