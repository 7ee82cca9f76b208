//! # thidua
//!
//! *Thi đua – khen thưởng* (emulation and commendation) as Vietnam's trade unions run
//! it, starting with schools: typed campaigns, union hierarchies that change over
//! time, titles and commendations, initiatives, sponsorship and support records, and
//! the validation, eligibility and aggregation rules union officers apply by hand.
//!
//! It is written for developers of union-management software and report generators,
//! and for analysts who test their own aggregation rules; through their tools it
//! serves union officers who write year-end reports full of exact figures.
//!
//! ## What it promises
//! - **Typed, validated values**: ids that cannot be mixed up, money in whole đồng with
//!   checked arithmetic, exact ratios, periods that know school years run across
//!   calendar years, names compared the way Vietnamese readers compare them. Every
//!   constructor and every deserialiser goes through the same checks.
//! - **Figures as reports state them**: "trên 90%", "hơn 3.800 đoàn viên" keep their
//!   qualifier, and sums respect it.
//! - **A hierarchy through time**: units, dated parents, names and blocs, lineage
//!   events (rename, re-parent, merge, split, dissolve), and a compact snapshot of the
//!   tree on any day — before and after the 2025-07-01 restructuring alike.
//! - **Every problem, with where it is**: checks return [`Diagnostics`] listing all
//!   problems with a stable code and a path, never just the first; each message reads
//!   in Vietnamese or English ([`Diagnostic::message_in`]), from one catalogue per
//!   language.
//! - **No panic on any input**: parsers are property-tested; library code has no
//!   `unwrap`, `expect`, `panic!` or slice indexing.
//!
//! ## A worked example
//! The Gia Lâm report says "244 Công đoàn cơ sở với 15.249 đoàn viên/16.046 công nhân
//! viên chức lao động"; "có 64 Công đoàn cơ sở trường học (tương đương 78%) đạt hoàn
//! thành tốt nhiệm vụ; 16 … (tương đương 19,5%)", and "hỗ trợ 1.995 đoàn viên … với số
//! tiền trên 1.065 triệu đồng".
//!
//! ```
//! use thidua::{Lang, Qualifier, Ratio, Reported, SchoolYear, Vnd};
//!
//! // Exact ratios, rounded only when formatted the Vietnamese way.
//! let good = Ratio::new(64, 82)?;
//! let excellent = Ratio::new(16, 82)?;
//! assert_eq!(good.to_percent_string(0, Lang::Vi), "78%");
//! assert_eq!(excellent.to_percent_string(1, Lang::Vi), "19,5%");
//! assert_eq!(Ratio::new(15_249, 16_046)?.to_fraction_string(Lang::Vi), "15.249/16.046");
//!
//! // Money in whole đồng, read and written as reports write it.
//! let covid: Reported<Vnd> = "trên 1.065 triệu đồng".parse()?;
//! assert_eq!(covid.qualifier(), Qualifier::MoreThan);
//! assert_eq!(covid.value(), Vnd::from_dong(1_065_000_000));
//! assert_eq!(covid.value().to_trieu_string(1, Lang::Vi), "1.065 triệu đồng");
//!
//! // A sum with one "more than" term is itself "more than".
//! let schools: Reported<Vnd> = "364 triệu đồng".parse()?;
//! let others = Reported::new(Vnd::from_dong(701_000_000), Qualifier::MoreThan);
//! assert_eq!(schools.checked_add(others)?.qualifier(), Qualifier::MoreThan);
//!
//! // School years run across calendar years; malformed ones quote the input.
//! let year: SchoolYear = "năm học 2021-2022".parse()?;
//! assert_eq!(year.to_string(), "2021-2022");
//! let err = "202-2022".parse::<SchoolYear>().unwrap_err();
//! assert!(err.to_string().contains("\"202-2022\""));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The hierarchy is built from unit records and lineage events, and queried on a day:
//! see [`Hierarchy`] and [`Snapshot`]; members and headcounts: [`Roster`]; campaigns,
//! launches, registrations, contests and initiatives: [`Campaigns`] and
//! [`Initiatives`].
//!
//! Titles are decided by an [`Evaluator`]: it picks the regime in force (ND 91/2017,
//! ND 98/2023 with TT 01/2024, ND 152/2025 — with the transition rules of ND 152/2025
//! Điều 60), applies a jurisdiction's [`Override`]s, and returns a [`Verdict`] with one
//! [`Finding`] per rule: its citation, pass / fail / not applicable / unknown, the facts
//! used, and a message in Vietnamese and English. Each rule carries the law's own words
//! ([`RuleId::law`]: a [`Provision`] per regime, quoted verbatim where the crate keeps
//! the text, marked as a paraphrase otherwise). The whole catalogue of rules is
//! rendered by [`rule_catalogue_markdown`] (kept as `docs/RULES.md`); the rules in
//! force for one unit on one day — overrides applied, each value with its source and
//! the default it replaced — by [`Model::rules_in_force`] and
//! [`rules_in_force_markdown`] / [`rules_in_force_html`]. A finding that used a
//! parameter an override set names the override and the value it replaced
//! ([`Finding::overridden_parameters`]). A jurisdiction's overrides are checked on
//! their own, before use, by [`RuleSet::check`]: conflicts, gaps, values out of
//! range, missing citations, overrides that change nothing or never apply.
//! Sponsorship, support and twinning, with privacy for minors: [`Ledger`].
//!
//! ## Reading and writing
//! A [`Dataset`] file is versioned JSON: [`Dataset::from_json`] reports every bad
//! element with its path, files of older schema versions go through [`migrate`]
//! (version 1 is the first), and saving then loading gives the same dataset.
//! Officers' spreadsheets are read in documented [`Template`]s (member lists, unit
//! lists, registrations, grades, initiatives, support records) by an [`Importer`]:
//! Vietnamese headers matched without diacritics or case, dates as Excel serials or
//! `dd/mm/yyyy`, amounts as `265.902.000`, every rejected cell reported with its
//! sheet, row and column, all-or-nothing or partial ([`ImportMode`]); and written
//! back with [`export_sheet`]. The templates are described in `docs/TEMPLATES.md`.
//!
//! National figures have a fast path: [`ColumnarRollup`] keeps members grouped by
//! unit in compact columns and rolls members, women, LĐTT titles and sponsorship
//! money up to every unit of a national snapshot in one segmented sum, and updates
//! one member's ancestors incrementally.
//!
//! ## Feature flags
//! The default build has none of these; everything above them is always there.
//! - `testing`: fixture builders ([`testing::DatasetBuilder`]) for users' own tests:
//!   a small hierarchy with members, transfers, titles, grades, facts and stated
//!   figures in a few lines (see the README's "Testing your own rules").
//! - `schema`: `dataset_json_schema()`, the JSON Schema of the dataset file
//!   (schemars), kept in the repository as `schema/dataset.schema.json`.
//! - `csv`: `Sheet::from_csv` and `Sheet::to_csv` (UTF-8 or UTF-16, `,` `;` or tab).
//! - `xlsx`: `Sheet::from_xlsx_sheet` and `Sheet::from_xlsx` (a streaming reader
//!   that stops at the documented `XlsxLimits`, on zip and quick-xml) and
//!   `Sheet::to_xlsx` (rust_xlsxwriter).
//! - `docx`: the documents officers file, as Word files in the administrative
//!   format of Decree 30/2020/NĐ-CP, with the layout in one place and
//!   [`DocumentSettings`] for what a jurisdiction sets: the nomination list, the
//!   council's minutes and the decision with its annex ([`Nominations`], from the
//!   nominations and council votes recorded in members' facts, the verdicts and the
//!   bonuses), and the year-end report (`Report::to_docx`); docx-rs.
//! - `parquet`: the `parquet` module — a dataset as a directory of Parquet files
//!   (arrow-rs), read back validated with every problem at its file, row and
//!   column; roll-ups and review verdicts as Parquet tables; a figures-only roll-up
//!   read straight from the files.
//! - `cli`: the `thidua` command-line tool (`validate`, `report`, `rollup`,
//!   `import`, `export`, `schema`, `rules`, `whatif`, `doc`, `convert`); it turns on
//!   `csv`, `xlsx`, `schema`, `docx` and `parquet`.
//!   Exit codes: 0 success, 1 invalid data, 2 usage error, 3 I/O error.
//! - `synthetic`: a deterministic synthetic national dataset ([`NationSpec`],
//!   [`SyntheticNation`]: 1 root, 54 provincial federations, 700 level-3 units,
//!   135.000 CĐCS and 11,5 million members with ten years of grades and titles),
//!   written as a [`Dataset`] or as CSV, for benchmarks and comparisons with other
//!   tools.
//!
//! ## Glossary
//! | Vietnamese | English | Modelled by |
//! |---|---|---|
//! | *Tổng Liên đoàn Lao động Việt Nam* | the national confederation (VGCL) | [`UnitKind::Confederation`] |
//! | *Liên đoàn Lao động tỉnh/thành phố* (LĐLĐ) | provincial/city federation | [`UnitKind::ProvincialFederation`] |
//! | *LĐLĐ quận/huyện* | district federation (to 2025-06-30) | [`UnitKind::DistrictFederation`] |
//! | *Công đoàn xã/phường/đặc khu* | commune/ward union (from 2025-07-01) | [`UnitKind::CommuneUnion`] |
//! | *Công đoàn cơ sở* (CĐCS) | grassroots union | [`UnitKind::Grassroots`] |
//! | *Nghiệp đoàn* | union of self-employed workers | [`UnitKind::ProfessionalUnion`] |
//! | *Công đoàn bộ phận*, *tổ công đoàn* | union department, union group | [`UnitKind::Department`], [`UnitKind::Group`] |
//! | *khối* (trường học, sản xuất kinh doanh …) | bloc | [`Bloc`] |
//! | *Phòng GD&ĐT*, *UBND* | partner bodies (non-union) | [`PartnerBody`], [`PartnerKind`] |
//! | *sáp nhập*, *chia tách*, *giải thể* | merge, split, dissolve | [`LineageEvent`] |
//! | *đoàn viên* | union member | [`MemberRecord`], [`Membership`] |
//! | *số thẻ đoàn viên* | membership card number (a member's code) | [`MemberCode`] |
//! | *CNVCLĐ* | workforce (workers, public employees, employees) | [`WorkforceFigure`] |
//! | *CBQL, GV, NV* | manager, teacher, staff | [`Role`] |
//! | *năm học* | school year | [`SchoolYear`], [`SchoolCalendar`] |
//! | *giai đoạn* | multi-year phase | [`Phase`] |
//! | *đồng*, *triệu đồng* | Vietnamese đồng, million đồng | [`Vnd`] |
//! | *trên, hơn, khoảng, ít nhất* | more than, more than, about, at least | [`Qualifier`], [`Reported`] |
//! | *họ, tên đệm, tên* | family, middle and given names | [`PersonName`], [`ViCollator`] |
//! | *danh hiệu thi đua*, *hình thức khen thưởng* | emulation titles, forms of commendation | [`Catalogue`], [`AwardDef`], [`TitleCode`] |
//! | *Lao động tiên tiến* (LĐTT), *Chiến sĩ thi đua cơ sở* (CSTĐCS) | advanced worker, grassroots emulation fighter | [`codes`], [`Evaluator`] |
//! | *Tập thể lao động xuất sắc/tiên tiến* | excellent/advanced labour collective | [`CollectiveFacts`] |
//! | *quyết định khen thưởng*, *hủy bỏ* | conferral decision, revocation | [`Decision`], [`DecisionNumber`], [`Revocation`] |
//! | *xếp loại hoàn thành nhiệm vụ* | task-completion grade | [`TaskGrade`] |
//! | *kỷ luật* (khiển trách, cảnh cáo …) | discipline (reprimand, warning …) | [`Discipline`], [`DisciplineLevel`] |
//! | *sáng kiến*, *phạm vi ảnh hưởng* | initiative, scope of influence | [`InitiativeFact`], [`InfluenceScope`] |
//! | *bình xét*, *đề nghị*, *trình cấp trên* | review, proposal, sending up | [`Nomination`], [`NominationState`] |
//! | *xếp loại công đoàn cơ sở* | grading a grassroots union | [`grade_grassroots`] |
//! | *Kỷ niệm chương*, *Bằng Lao động sáng tạo*, *giải pháp*, *giá trị làm lợi* | union medal, creative labour certificate, solution, benefit | [`kyniemchuong`], [`kyniemchuong_from_history`], [`bang_lao_dong_sang_tao`], [`Solution`] |
//! | *mức lương cơ sở*, *tiền thưởng* | base salary, bonus | [`base_salary`], [`bonus`], [`bonuses_at_once`] |
//! | *Cờ thi đua của Chính phủ*, *cụm, khối thi đua* | Government emulation flag, emulation cluster | [`co_chinh_phu_quota`] |
//! | *khen thưởng quá trình cống hiến*, *nữ lãnh đạo, quản lý* | award for a process of contribution, female leader or manager | [`contribution_tenure`] |
//! | *phong trào thi đua* (*thường xuyên*, *chuyên đề*), *cuộc vận động*, *giải thưởng* | movement (regular, thematic), drive, awards programme | [`Campaign`], [`CampaignKind`] |
//! | *phát động*, *đơn vị phát động* | launch, launching body | [`Launch`], [`Launcher`], [`Coverage`] |
//! | *đăng ký thi đua* | registration for a title | [`Registration`], [`TitleCode`] |
//! | *hội thi*, *giải Nhất/Nhì/Ba/Khuyến khích*, *đạt giải* | contest, first/second/third/consolation prize, a prize without rank | [`Contest`], [`Prize`], [`PrizeRank`] |
//! | *học sinh giỏi*, *tỉ lệ đỗ tốt nghiệp* | gifted students, graduation rate | [`StudentResults`] |
//! | *sáng kiến*, *sáng kiến kinh nghiệm* (SKKN) | initiative | [`Initiative`], [`Initiatives`] |
//! | *cấp cơ sở, quận, thành phố, Bộ, toàn quốc* | unit, district, province, ministry, national level | [`RecognitionLevel`] |
//! | *phạm vi ảnh hưởng*, *công nhận*, *ứng dụng* | scope of influence, recognition, application | [`InfluenceScope`], [`Recognition`], [`Application`] |
//! | *đỡ đầu* | sponsorship (a commitment and its fulfilment) | [`Sponsorship`], [`Entry`] |
//! | *người thụ hưởng*, *học sinh có hoàn cảnh khó khăn* | beneficiary, often a minor | [`Beneficiary`], [`ProtectedDetails`] |
//! | *hiện vật* | goods given in kind | [`Item`], [`Valuation`] |
//! | *hỗ trợ*, *chăm lo*, *Mái ấm Công đoàn* | support to members, union house | [`SupportRecord`], [`SupportPart`] |
//! | *nguồn kinh phí* | funding source | [`FundingSource`] |
//! | *kết nghĩa*, *giao lưu* | twinning, exchange activity | [`Twinning`], [`ExchangeActivity`] |
//! | *danh sách đoàn viên*, *biểu mẫu*, *Họ và tên*, *Mã đơn vị* | member list, spreadsheet template, headers | [`Template`], [`Importer`], [`Sheet`] |
//! | *phiên bản định dạng* | file format version | [`SCHEMA_VERSION`], [`migrate`] |
//! | *đoàn viên nữ*, *tổng hợp số liệu toàn quốc* | women members, national roll-up | [`ColumnarRollup`], [`UnitTotals`] |
//!
//! ## Design
//! The crate's design notes follow; they are also in `DESIGN.md`.
//!
#![doc = include_str!("../DESIGN.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[macro_use]
mod macros;

mod atomic_file;
mod award;
mod campaign;
mod dataset;
mod diagnostic;
#[cfg(feature = "docx")]
mod document;
mod initiative;
mod messages;
mod org;
#[cfg(feature = "parquet")]
pub mod parquet;
mod parts;
mod people;
mod report;
mod rules;
mod sheet;
mod stats;
mod support;
#[cfg(feature = "synthetic")]
mod synthetic;
mod value;

#[cfg(feature = "testing")]
pub mod testing;

pub use atomic_file::write_atomically;
pub use award::catalogue::{
    AwardDef, AwardError, AwardKind, Catalogue, IssuingLevel, RecipientKind, TitleCode, codes,
};
pub use award::decision::{
    AwardHistory, AwardRecord, Conferral, Decision, DecisionNumber, Issuer, Recipient, Revocation,
};
pub use campaign::build::{CampaignData, Campaigns};
pub use campaign::code::CampaignError;
pub use campaign::contest::{
    Contest, ContestResult, GiftedCount, Prize, PrizeRank, PrizeTally, StudentMeasure, StudentRate,
    StudentResults,
};
pub use campaign::query::{Coverage, PrizeWon};
pub use campaign::record::{
    Campaign, CampaignKind, Launch, Launcher, Participant, Registration, ReportedCoverage, Target,
};
pub use dataset::figure::{
    FIGURE_KEYS, FigureKey, FigureUnit, FigureValue, ShareOf, StatedAward, StatedFigure,
};
pub use dataset::file::{CollectiveFactRecord, Dataset, FactRecord, Meta, Model, SCHEMA_VERSION};
pub use dataset::migrate::migrate;
#[cfg(feature = "schema")]
pub use dataset::schema::dataset_json_schema;
pub use diagnostic::{DataPath, Diagnostic, Diagnostics, Location, PathSegment, Severity};
#[cfg(feature = "docx")]
pub use document::layout::{DocumentSettings, Signer};
#[cfg(feature = "docx")]
pub use document::nominations::{Nominations, Nominee};
pub use initiative::book::{Funnel, Initiatives, RecognitionFilter};
pub use initiative::level::{InfluenceScope, RecognitionLevel};
pub use initiative::record::{Application, Initiative, Recognition, ReportedFunnel, Review};
pub use org::hierarchy::Hierarchy;
pub use org::kind::{Bloc, Level, PartnerKind, RESTRUCTURING_2025, UnitKind};
pub use org::lineage::{RestateError, Restatement};
pub use org::snapshot::{Node, Snapshot};
pub use org::unit::{Apportion, LineageEvent, OrgError, PartnerBody, UnitCode, UnitRecord};
pub use people::member::{
    Gender, MemberCode, MemberCodeError, MemberRecord, Membership, Role, WorkforceFigure,
};
pub use people::roster::{Headcounts, Roster};
pub use report::district::{ReportError, ReportRequest};
pub use report::model::{
    Bilingual, Chart, ChartUnit, Line, Provenance, Report, Section, Series, Shown,
};
pub use report::render::Format;
pub use report::rules_doc::{rules_in_force_html, rules_in_force_markdown};
pub use rules::bonus::{
    AwardAtOnce, Bonus, BonusAmount, BonusLine, BonusStatement, BonusUnknown, base_salary, bonus,
    bonuses_at_once,
};
pub use rules::catalogue_doc::rule_catalogue_markdown;
pub use rules::check::RuleSet;
pub use rules::citation::{Citation, Confidence};
pub use rules::council::{CouncilThreshold, council_threshold};
pub use rules::engine::{
    Candidate, CustomCheck, CustomRule, Evaluator, Finding, Outcome, Plan, QuotaCheck, RuleRef,
    Status, Verdict,
};
pub use rules::facts::{
    AwardGrounds, CollectiveFacts, ContributionKind, CouncilVote, Discipline, DisciplineLevel,
    InitiativeFact, Leave, LeaveKind, MemberFacts, NominationFact, PriorTitle, ReviewState,
    StudyResult, TaskGrade, Transfer,
};
pub use rules::in_force::{CustomInForce, RuleState, RulesInForce};
pub use rules::law::{Provision, Wording};
pub use rules::nomination::{Nomination, NominationError, NominationState, Step};
pub use rules::param::{Change, Jurisdiction, Override, ParamId, ParamInForce};
pub use rules::quoted::quoted_provisions;
pub use rules::regime::{RegimeBasis, RegimeChoice, RegimeId, ReviewContext, RuleError};
pub use rules::rule::RuleId;
pub use rules::tiebreak::{TieBreak, prefer_women};
pub use rules::titles::co_chinh_phu::{FlagQuota, co_chinh_phu_quota};
pub use rules::titles::cong_hien::{ContributionTenure, OfficeHolder, contribution_tenure};
pub use rules::union::grading::{
    DEFAULT_EXCELLENT_CAP_PERCENT, GradingScore, GradingThresholds, excellent_over_cap,
    grade_grassroots,
};
pub use rules::union::knc::{
    EmployeeKind, ServiceKind, ServicePeriod, kyniemchuong, kyniemchuong_from_history,
};
pub use rules::union::ldst::{InnovatorKind, Solution, bang_lao_dong_sang_tao};
pub use rules::union::{UnionCheck, UnionRuleError, UnionVerdict};
pub use rules::whatif::{
    BonusTotal, CollectiveChange, Configuration, FindingChange, MemberChange, MemberReview,
    MemberVerdict, Population, QuotaChange, ReviewTally, Side, UnitChanges, WhatIf,
    overrides_from_json,
};
pub use sheet::export::{Export, export_sheet};
pub use sheet::grid::{Cell, MAX_CELL_CHARS, Sheet, SheetError};
pub use sheet::import::{Import, ImportMode, Importer, MergeCounts, RowCounts};
pub use sheet::template::Template;
#[cfg(feature = "xlsx")]
pub use sheet::xlsx::{MAX_COLUMNS, MAX_ROWS, XlsxLimit, XlsxLimits};
pub use stats::accumulate::{Accumulator, Distinct, MinMax, Retract, Tally};
pub use stats::columnar::{
    ColumnarBuilder, ColumnarError, ColumnarRollup, MemberFigures, MemberSlot, UnitTotals,
};
pub use stats::metric::{
    GrassrootsGrades, MemberRow, Members, MembersByGender, Metric, TitlesConferred, UnitRow,
    UnitsByLevelAndBloc,
};
pub use stats::rollup::Rollup;
pub use support::beneficiary::{
    Beneficiary, ProtectedDetails, PublicBeneficiary, PublishedCount, SuppressionThreshold,
};
pub use support::item::{Item, ItemTotal, Valuation, ValuationBasis};
pub use support::label::SupportError;
pub use support::ledger::{Ledger, PublicLedger};
pub use support::publish::{CellId, CellState, Suppression, SuppressionTable};
pub use support::record::{FundingSource, Recipients, SupportPart, SupportRecord, SupportTime};
pub use support::sponsorship::{
    Contribution, Entry, ItemProgress, Pledge, Progress, Service, Sponsor, Sponsorship,
};
pub use support::totals::{
    LedgerScope, PublishedSponsorship, PublishedSupport, SponsorshipTotals, SupportTotals,
};
pub use support::twinning::{ExchangeActivity, Twinning, TwinningPartners};
#[cfg(feature = "synthetic")]
pub use synthetic::{
    NationSpec, SYNTHETIC_YEARS, SyntheticError, SyntheticMember, SyntheticNation,
};
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
    CollationDataError, Label, PersonName, TextError, TextKind, UnitName, UnitShortName,
    ViCollator, fold, normalize,
};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// Entry points for the fuzz targets only (built with `--cfg fuzzing`).
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod fuzzing {
    use crate::Dataset;

    /// The two-thread reader alone: `None` when it declines the text.
    pub fn read_on_two_threads(text: &str) -> Option<Dataset> {
        crate::dataset::parallel::read_dataset(text)
    }

    /// The ordinary typed reading of a well-formed file alone.
    pub fn read_on_one_thread(text: &str) -> Option<Dataset> {
        serde_json::from_str(text).ok()
    }
}
