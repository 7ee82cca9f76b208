//! The errors of campaign values.

use std::num::NonZeroU64;

/// An error building a campaign value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CampaignError {
    /// A counted contest result with zero prizes.
    #[error("invalid prize count 0: a counted result holds at least one prize")]
    ZeroPrizes,
}

/// A prize count of at least one.
pub(crate) fn prize_count(count: u64) -> Result<NonZeroU64, CampaignError> {
    NonZeroU64::new(count).ok_or(CampaignError::ZeroPrizes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_counted_result_holds_a_prize() {
        assert_eq!(prize_count(3).map(NonZeroU64::get), Ok(3));
        assert_eq!(prize_count(0), Err(CampaignError::ZeroPrizes));
    }
}
