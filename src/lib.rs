//! thidua
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod diagnostic;
mod value;

pub use diagnostic::{DataPath, Diagnostic, Diagnostics, Location, PathSegment, Severity};
pub use value::id::{
    BeneficiaryId, CampaignId, ContestId, DecisionId, IdError, InitiativeId, MemberId,
    NominationId, PartnerId, RegistrationId, SponsorshipId, SupportId, UnitId,
};
