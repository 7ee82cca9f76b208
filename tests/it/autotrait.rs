//! Every public type is `Send + Sync` (and errors are `'static` error types), so
//! values cross threads and errors box into `Box<dyn Error + Send + Sync>`.

use thidua::*;

fn send_sync<T: Send + Sync>() {}
fn error<T: std::error::Error + Send + Sync + 'static>() {}

#[test]
fn public_types_are_send_and_sync() {
    send_sync::<DataPath>();
    send_sync::<Diagnostic>();
    send_sync::<Diagnostics>();
    send_sync::<Location>();
    send_sync::<PathSegment>();
    send_sync::<Severity>();
    send_sync::<Hierarchy>();
    send_sync::<Bloc>();
    send_sync::<Level>();
    send_sync::<PartnerKind>();
    send_sync::<UnitKind>();
    send_sync::<Node>();
    send_sync::<Snapshot<'static>>();
    send_sync::<Apportion>();
    send_sync::<LineageEvent>();
    send_sync::<PartnerBody>();
    send_sync::<UnitCode>();
    send_sync::<UnitRecord>();
    send_sync::<Gender>();
    send_sync::<MemberRecord>();
    send_sync::<Membership>();
    send_sync::<Role>();
    send_sync::<WorkforceFigure>();
    send_sync::<Headcounts>();
    send_sync::<Roster>();
    send_sync::<Lang>();
    send_sync::<NumberErrorKind>();
    send_sync::<BeneficiaryId>();
    send_sync::<CampaignId>();
    send_sync::<ContestId>();
    send_sync::<DecisionId>();
    send_sync::<InitiativeId>();
    send_sync::<MemberId>();
    send_sync::<NominationId>();
    send_sync::<PartnerId>();
    send_sync::<RegistrationId>();
    send_sync::<SponsorshipId>();
    send_sync::<SupportId>();
    send_sync::<UnitId>();
    send_sync::<Vnd>();
    send_sync::<VndSum>();
    send_sync::<DateRange>();
    send_sync::<Period>();
    send_sync::<PeriodSubject>();
    send_sync::<Phase>();
    send_sync::<SchoolCalendar>();
    send_sync::<SchoolYear>();
    send_sync::<Year>();
    send_sync::<Ratio>();
    send_sync::<Qualifier>();
    send_sync::<Reported<u64>>();
    send_sync::<Reported<Vnd>>();
    send_sync::<Reported<Ratio>>();
    send_sync::<PersonName>();
    send_sync::<TextKind>();
    send_sync::<UnitName>();
    send_sync::<UnitShortName>();
    send_sync::<ViCollator>();
    send_sync::<Beneficiary>();
    send_sync::<ProtectedDetails>();
    send_sync::<PublicBeneficiary>();
    send_sync::<PublishedCount>();
    send_sync::<SuppressionThreshold>();
    send_sync::<Item>();
    send_sync::<ItemTotal>();
    send_sync::<Valuation>();
    send_sync::<ValuationBasis>();
    send_sync::<Label>();
    send_sync::<Ledger>();
    send_sync::<PublicLedger<'static>>();
    send_sync::<FundingSource>();
    send_sync::<Recipients>();
    send_sync::<SupportPart>();
    send_sync::<SupportRecord>();
    send_sync::<SupportTime>();
    send_sync::<Contribution>();
    send_sync::<Entry>();
    send_sync::<ItemProgress>();
    send_sync::<Plan>();
    send_sync::<Progress>();
    send_sync::<Service>();
    send_sync::<Sponsor>();
    send_sync::<Sponsorship>();
    send_sync::<LedgerScope<'static, 'static>>();
    send_sync::<PublishedSponsorship>();
    send_sync::<PublishedSupport>();
    send_sync::<SponsorshipTotals>();
    send_sync::<SupportTotals>();
    send_sync::<ExchangeActivity>();
    send_sync::<Twinning>();
    send_sync::<TwinningPartners>();
}

#[test]
fn errors_are_send_sync_static() {
    error::<OrgError>();
    error::<FormatError>();
    error::<LangError>();
    error::<IdError>();
    error::<MoneyError>();
    error::<PeriodError>();
    error::<RatioError>();
    error::<ReportedError>();
    error::<TextError>();
    error::<CollationDataError>();
    error::<SupportError>();
}
