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
    send_sync::<Catalogue>();
    send_sync::<AwardDef>();
    send_sync::<TitleCode>();
    send_sync::<Decision>();
    send_sync::<DecisionNumber>();
    send_sync::<AwardHistory>();
    send_sync::<Evaluator>();
    send_sync::<Plan>();
    send_sync::<Verdict>();
    send_sync::<Finding>();
    send_sync::<Citation>();
    send_sync::<Override>();
    send_sync::<MemberFacts>();
    send_sync::<CollectiveFacts>();
    send_sync::<ReviewContext>();
    send_sync::<Nomination>();
    send_sync::<UnionVerdict>();
    send_sync::<Restatement>();
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
    error::<AwardError>();
    error::<RuleError>();
    error::<NominationError>();
    error::<UnionRuleError>();
    error::<RestateError>();
}
