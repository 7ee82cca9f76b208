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
    send_sync::<Label>();
    send_sync::<Application>();
    send_sync::<Campaign>();
    send_sync::<CampaignData>();
    send_sync::<CampaignKind>();
    send_sync::<Campaigns>();
    send_sync::<Contest>();
    send_sync::<ContestResult>();
    send_sync::<Coverage>();
    send_sync::<Funnel>();
    send_sync::<GiftedCount>();
    send_sync::<InfluenceScope>();
    send_sync::<Initiative>();
    send_sync::<Initiatives>();
    send_sync::<Launch>();
    send_sync::<Launcher>();
    send_sync::<Participant>();
    send_sync::<Prize>();
    send_sync::<PrizeRank>();
    send_sync::<PrizeTally>();
    send_sync::<PrizeWon<'static>>();
    send_sync::<Recognition>();
    send_sync::<RecognitionFilter>();
    send_sync::<RecognitionLevel>();
    send_sync::<Registration>();
    send_sync::<ReportedCoverage>();
    send_sync::<ReportedFunnel>();
    send_sync::<Review>();
    send_sync::<StudentMeasure>();
    send_sync::<StudentRate>();
    send_sync::<StudentResults>();
    send_sync::<Target>();
    send_sync::<TitleCode>();
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
    error::<CampaignError>();
}
