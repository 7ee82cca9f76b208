//! thidua
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[macro_use]
mod macros;

mod diagnostic;
mod org;
mod people;
mod value;

pub use diagnostic::{DataPath, Diagnostic, Diagnostics, Location, PathSegment, Severity};
pub use org::hierarchy::Hierarchy;
pub use org::kind::{Bloc, Level, PartnerKind, RESTRUCTURING_2025, UnitKind};
pub use org::snapshot::{Node, Snapshot};
pub use org::unit::{Apportion, LineageEvent, OrgError, PartnerBody, UnitCode, UnitRecord};
pub use people::member::{Gender, MemberRecord, Membership, Role, WorkforceFigure};
pub use people::roster::{Headcounts, Roster};
pub use value::format::{
    FormatError, Lang, LangError, NumberErrorKind, format_decimal, format_integer,
};
pub use value::id::{
    BeneficiaryId, CampaignId, ContestId, DecisionId, IdError, InitiativeId, MemberId,
    NominationId, PartnerId, RegistrationId, SponsorshipId, SupportId, UnitId,
};
pub use value::money::{MoneyError, Vnd, VndSum};
pub use value::period::{
    DateRange, Period, PeriodError, PeriodSubject, Phase, SchoolCalendar, SchoolYear, Year,
    date_from_excel_serial, parse_date,
};
pub use value::ratio::{Ratio, RatioError};
pub use value::reported::{Additive, Figure, Qualifier, Reported, ReportedError};
pub use value::text::{
    CollationDataError, PersonName, TextError, TextKind, UnitName, UnitShortName, ViCollator, fold,
    normalize,
};
