//! Integration tests, built as one binary.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod autotrait;
mod campaign;
mod dataset;
mod fixtures;
mod hierarchy;
#[cfg(feature = "synthetic")]
mod national;
mod rules;
mod support;
mod union;
