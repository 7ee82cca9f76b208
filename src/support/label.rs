//! The errors of ledger values.

/// An error building a ledger value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SupportError {
    /// A suppression threshold of zero would publish every count.
    #[error("invalid suppression threshold {threshold}: expected at least 1")]
    ZeroThreshold {
        /// The threshold given.
        threshold: u64,
    },
}
