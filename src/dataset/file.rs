//! The dataset file: one JSON document (or any serde format) with a schema version.

use chrono::NaiveDate;
use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::award::catalogue::{AwardDef, Catalogue};
use crate::award::decision::{AwardHistory, Decision};
use crate::campaign::build::{CampaignData, Campaigns};
use crate::campaign::contest::{Contest, StudentResults};
use crate::campaign::record::{Campaign, Launch, Registration};
use crate::dataset::figure::{StatedAward, StatedFigure};
use crate::dataset::keyed;
use crate::diagnostic::{DataPath, Diagnostic, Diagnostics, Location, Severity};
use crate::initiative::record::{Initiative, ReportedFunnel};
use crate::org::hierarchy::Hierarchy;
use crate::org::unit::{LineageEvent, PartnerBody, UnitRecord};
use crate::people::member::{MemberRecord, Membership, WorkforceFigure};
use crate::people::roster::Roster;
use crate::rules::engine::Evaluator;
use crate::rules::facts::{CollectiveFacts, MemberFacts};
use crate::rules::in_force::RulesInForce;
use crate::rules::param::{Jurisdiction, Override};
use crate::rules::regime::RuleError;
use crate::support::beneficiary::Beneficiary;
use crate::support::ledger::Ledger;
use crate::support::record::SupportRecord;
use crate::support::sponsorship::Sponsorship;
use crate::support::twinning::Twinning;
use crate::value::id::{MemberId, UnitId};
use crate::value::period::{Period, SchoolCalendar};

/// The schema version this crate writes. Files of older versions are migrated when
/// read; newer ones are refused.
pub const SCHEMA_VERSION: u32 = 1;

/// What a dataset is about.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Meta {
    /// A short name (`gia-lam-2021-2022`).
    #[serde(default)]
    pub name: String,
    /// What it holds and where it comes from.
    #[serde(default)]
    pub description: String,
    /// The source documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// The period reported on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The days the source covers, when wider than the period (a school-year report
    /// published in November that also tells of November's events).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<crate::value::period::DateRange>,
    /// The day the structure is reported as of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::value::period::day::optional")]
    pub as_of: Option<NaiveDate>,
    /// The unit the report is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<UnitId>,
    /// The jurisdiction's school calendar, when it differs from 1 September –
    /// 31 August.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<SchoolCalendar>,
}

/// A member's facts for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FactRecord {
    /// The member.
    pub member: MemberId,
    /// The period.
    pub period: Period,
    /// The facts.
    pub facts: MemberFacts,
}

/// A collective's facts for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CollectiveFactRecord {
    /// The unit.
    pub unit: UnitId,
    /// The period.
    pub period: Period,
    /// The facts.
    pub facts: CollectiveFacts,
}

/// Everything a dataset file holds. Fields are plain data; [`Dataset::validate`]
/// checks them all and [`Dataset::into_model`] builds the validated structures.
///
/// ```
/// use thidua::Dataset;
///
/// let text = r#"{ "schema_version": 1, "units": [] }"#;
/// let dataset = Dataset::from_json(text).map_err(|d| d.to_string())?;
/// assert!(dataset.units.is_empty());
/// assert_eq!(Dataset::from_json(&dataset.to_json()).map_err(|d| d.to_string())?, dataset);
/// # Ok::<(), String>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Dataset {
    /// The file format's version.
    pub schema_version: u32,
    /// What the dataset is about.
    #[serde(default)]
    pub meta: Meta,
    /// Titles and forms added to the built-in catalogue.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<AwardDef>,
    /// Union units as established.
    #[serde(default, serialize_with = "keyed::units")]
    pub units: Vec<UnitRecord>,
    /// Non-union partner bodies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<PartnerBody>,
    /// Lineage events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<LineageEvent>,
    /// Members.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "keyed::members"
    )]
    pub members: Vec<MemberRecord>,
    /// Memberships over time.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "keyed::memberships"
    )]
    pub memberships: Vec<Membership>,
    /// Workforce figures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub workforce: Vec<WorkforceFigure>,
    /// Members' facts per period.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "keyed::facts"
    )]
    pub facts: Vec<FactRecord>,
    /// Collectives' facts per period.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collective_facts: Vec<CollectiveFactRecord>,
    /// Decisions conferring titles and forms.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "keyed::decisions"
    )]
    pub decisions: Vec<Decision>,
    /// Jurisdictions' overrides of the built-in rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<Override>,
    /// Figures as source documents state them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stated: Vec<StatedFigure>,
    /// Totals of awards as sources state them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stated_awards: Vec<StatedAward>,
    /// Campaigns (movements, drives, awards programmes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub campaigns: Vec<Campaign>,
    /// Launch records per unit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub launches: Vec<Launch>,
    /// Registrations for titles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub registrations: Vec<Registration>,
    /// Contests and their results.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contests: Vec<Contest>,
    /// Initiatives and their recognitions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub initiatives: Vec<Initiative>,
    /// Initiative funnels as sources state them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub initiative_reports: Vec<ReportedFunnel>,
    /// Students' results as units report them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub student_results: Vec<StudentResults>,
    /// Beneficiaries of sponsorship and support (pseudonymous; protected details stay in the organisation's own file).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub beneficiaries: Vec<Beneficiary>,
    /// Sponsorship commitments and their entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sponsorships: Vec<Sponsorship>,
    /// Support to members.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub support_records: Vec<SupportRecord>,
    /// Twinning between units.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub twinnings: Vec<Twinning>,
}

impl Default for Dataset {
    fn default() -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            meta: Meta::default(),
            titles: Vec::new(),
            units: Vec::new(),
            partners: Vec::new(),
            events: Vec::new(),
            members: Vec::new(),
            memberships: Vec::new(),
            workforce: Vec::new(),
            facts: Vec::new(),
            collective_facts: Vec::new(),
            decisions: Vec::new(),
            overrides: Vec::new(),
            stated: Vec::new(),
            stated_awards: Vec::new(),
            campaigns: Vec::new(),
            launches: Vec::new(),
            registrations: Vec::new(),
            contests: Vec::new(),
            initiatives: Vec::new(),
            initiative_reports: Vec::new(),
            student_results: Vec::new(),
            beneficiaries: Vec::new(),
            sponsorships: Vec::new(),
            support_records: Vec::new(),
            twinnings: Vec::new(),
        }
    }
}

/// `file.syntax` with the problem in both languages.
fn syntax(vi: String, en: String) -> Diagnostic {
    Diagnostic::of("file.syntax", Severity::Error, Location::Whole).words("problem", vi, en)
}

pub(crate) fn syntax_report(vi: String, en: String) -> Diagnostics {
    let mut d = Diagnostics::new();
    d.push(syntax(vi, en));
    d
}

/// Reads one list of the file element by element, so that every bad element is
/// reported with its path and the good ones are kept.
/// Reads one element; a bad value is reported at its own path, quoting it.
pub(crate) fn read_one<T: DeserializeOwned>(
    item: serde_json::Value,
    at: DataPath,
    report: &mut Diagnostics,
) -> Option<T> {
    match serde_path_to_error::deserialize::<_, T>(&item) {
        Ok(v) => Some(v),
        Err(e) => {
            let mut path = at;
            let mut value = Some(&item);
            for segment in e.path().iter() {
                path = match segment {
                    serde_path_to_error::Segment::Seq { index } => {
                        value = value.and_then(|v| v.get(*index));
                        path.index(*index)
                    }
                    serde_path_to_error::Segment::Map { key } => {
                        value = value.and_then(|v| v.get(key));
                        path.key(key.clone())
                    }
                    serde_path_to_error::Segment::Enum { variant } => path.key(variant.clone()),
                    serde_path_to_error::Segment::Unknown => path,
                };
            }
            // Protected details (a child's name) are never quoted, not even in an
            // error: the field and the kind of problem are said, not the value.
            if e.path().iter().any(
                |s| matches!(s, serde_path_to_error::Segment::Map { key } if key == "protected"),
            ) {
                report.push(
                    Diagnostic::of("file.invalid_value", Severity::Error, path)
                        .variant("protected"),
                );
                return None;
            }
            // A reader's message may quote the whole input (`invalid type: string
            // "…"`): only its start is kept.
            let error = e.into_inner().to_string();
            let error = match error.char_indices().nth(ERROR_MAX_CHARS) {
                Some((cut, _)) => format!("{}…", error.get(..cut).unwrap_or_default()),
                None => error,
            };
            // Dates say what is wrong with the text, as the spreadsheet reader does.
            let error = match value {
                Some(serde_json::Value::String(text)) if is_date_error(&error) => {
                    match crate::value::period::parse_date(text) {
                        Err(precise) => precise.to_string(),
                        Ok(_) => format!("invalid date {text:?}: {error}"),
                    }
                }
                _ => error,
            };
            report.push(
                Diagnostic::of("file.invalid_value", Severity::Error, path).arg("error", error),
            );
            None
        }
    }
}

/// Longest reading error kept in a diagnostic, in characters.
const ERROR_MAX_CHARS: usize = 300;

/// Whether a reading error is one of the date parser's, which do not quote the input.
fn is_date_error(error: &str) -> bool {
    [
        "input is out of range",
        "input contains invalid characters",
        "premature end of input",
        "trailing input",
        "input is not enough for unique date and time",
    ]
    .iter()
    .any(|m| error.starts_with(m))
}

fn read_list<T: DeserializeOwned>(
    value: Option<Field<'_>>,
    key: &str,
    report: &mut Diagnostics,
) -> Vec<T> {
    let Some(value) = value else {
        return Vec::new();
    };
    let Some(items) = value.into_elements() else {
        report.push(
            Diagnostic::of(
                "file.not_a_list",
                Severity::Error,
                DataPath::root().key(key),
            )
            .quoted("key", key),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, item) in items.enumerate() {
        if let Some(v) = read_one(item, DataPath::root().key(key).index(i), report) {
            out.push(v);
        }
    }
    out
}

/// A top-level field of a dataset file: a JSON value, or its text not read yet.
///
/// A file read element by element (because something in it is wrong) keeps its
/// lists as text and reads one element at a time, so that memory stays near the
/// size of the file however many elements it holds.
enum Field<'a> {
    Value(serde_json::Value),
    Raw(&'a serde_json::value::RawValue),
}

impl<'a> Field<'a> {
    fn into_value(self) -> serde_json::Value {
        match self {
            Field::Value(v) => v,
            // The text was checked as JSON when the file was first read.
            Field::Raw(raw) => serde_json::from_str(raw.get()).unwrap_or_default(),
        }
    }

    /// The elements of a list, each read when reached; `None` when not a list.
    fn into_elements(self) -> Option<Box<dyn Iterator<Item = serde_json::Value> + 'a>> {
        match self {
            Field::Value(serde_json::Value::Array(items)) => Some(Box::new(items.into_iter())),
            Field::Value(_) => None,
            Field::Raw(raw) => {
                let items: Vec<&'a serde_json::value::RawValue> =
                    serde_json::from_str(raw.get()).ok()?;
                Some(Box::new(items.into_iter().map(|item| {
                    serde_json::from_str(item.get()).unwrap_or_default()
                })))
            }
        }
    }
}

impl Dataset {
    /// Reads a dataset from JSON: migrates older schema versions, and reports every
    /// malformed element with its path (`$.units[3]: invalid unit code "Gia Lâm"…`)
    /// rather than stopping at the first.
    ///
    /// This checks each value; the relations between them (parents, memberships,
    /// decisions …) are checked by [`Dataset::validate`].
    ///
    /// # Errors
    /// [`Diagnostics`]: `file.syntax` for text that is not JSON, `file.version` for
    /// a missing or unsupported schema version, `file.invalid_value` for each
    /// element that does not read, `file.unknown_field` for fields the format does
    /// not have.
    pub fn from_json(text: &str) -> Result<Dataset, Diagnostics> {
        // A byte-order mark, which Windows tools often write, is not part of the JSON.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // A large file as `to_json` writes it reads on two threads.
        if let Some(d) = crate::dataset::parallel::read_dataset(text) {
            return Ok(d);
        }
        // The fast path: a well-formed file reads directly.
        match serde_json::from_str::<Dataset>(text) {
            Ok(d) if d.schema_version == SCHEMA_VERSION => return Ok(d),
            // A key given twice would be silently merged by the element-wise path
            // below: refuse it here, where it is seen.
            Err(e) if e.to_string().starts_with("duplicate field") => {
                let mut d = Diagnostics::new();
                d.push(
                    Diagnostic::of("file.duplicate_key", Severity::Error, Location::Whole)
                        .arg("error", e),
                );
                return Err(d);
            }
            _ => {}
        }
        // Reading into a JSON value keeps the last of two equal keys: find them first.
        let mut report: Diagnostics = crate::dataset::keys::duplicate_keys(text)
            .into_iter()
            .map(|(path, key)| {
                Diagnostic::of("file.duplicate_key", Severity::Error, path)
                    .variant("at")
                    .quoted("key", key)
            })
            .collect();
        // A file of the current version keeps its lists as text, read one element at
        // a time; others (older versions to migrate, text that is not an object of
        // JSON) are read whole.
        let raw: Option<BTreeMap<String, &serde_json::value::RawValue>> =
            serde_json::from_str(text).ok();
        let current = raw.as_ref().is_some_and(|fields| {
            fields
                .get("schema_version")
                .and_then(|v| serde_json::from_str::<u64>(v.get()).ok())
                == Some(u64::from(SCHEMA_VERSION))
        });
        let read = match raw {
            Some(mut fields) if current => {
                fields.remove("schema_version");
                let fields = fields
                    .into_iter()
                    .map(|(key, value)| (key, Field::Raw(value)))
                    .collect();
                Self::read_fields(fields, Diagnostics::new())
            }
            _ => {
                let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
                    syntax_report(
                        format!("không phải văn bản JSON: {e}"),
                        format!("not a JSON document: {e}"),
                    )
                })?;
                Self::from_value(value)
            }
        };
        match read {
            Ok(d) if report.is_empty() => Ok(d),
            Ok(_) => Err(report),
            Err(more) => {
                report.extend(more);
                Err(report)
            }
        }
    }

    /// Reads a dataset from a JSON value (see [`Dataset::from_json`]).
    ///
    /// # Errors
    /// As [`Dataset::from_json`].
    pub fn from_value(value: serde_json::Value) -> Result<Dataset, Diagnostics> {
        let serde_json::Value::Object(mut map) = value else {
            return Err(syntax_report(
                "tệp dữ liệu phải là một đối tượng JSON".to_owned(),
                "a dataset is a JSON object".to_owned(),
            ));
        };
        let mut report = Diagnostics::new();
        let version = map
            .get("schema_version")
            .and_then(serde_json::Value::as_u64);
        match version {
            Some(v) if v == u64::from(SCHEMA_VERSION) => {}
            Some(v) => {
                // Older versions are migrated step by step (see `migrate`); others refused.
                crate::dataset::migrate::upgrade(&mut map, u32::try_from(v).unwrap_or(u32::MAX))?;
            }
            None => {
                report.push(
                    Diagnostic::of(
                        "file.version",
                        Severity::Error,
                        DataPath::root().key("schema_version"),
                    )
                    .words(
                        "problem",
                        "tệp không có schema_version (một số nguyên)",
                        "the file has no schema_version (a whole number)",
                    ),
                );
                return Err(report);
            }
        }
        map.remove("schema_version");
        let fields = map
            .into_iter()
            .map(|(key, value)| (key, Field::Value(value)))
            .collect();
        Self::read_fields(fields, report)
    }

    /// Reads the fields of a dataset of the current schema version, element by
    /// element, adding every problem to `report`.
    fn read_fields(
        mut map: BTreeMap<String, Field<'_>>,
        mut report: Diagnostics,
    ) -> Result<Dataset, Diagnostics> {
        let mut d = Dataset::default();
        let mut take = |key: &str| map.remove(key);
        let meta = take("meta");
        let titles = take("titles");
        let units = take("units");
        let partners = take("partners");
        let events = take("events");
        let members = take("members");
        let memberships = take("memberships");
        let workforce = take("workforce");
        let facts = take("facts");
        let collective_facts = take("collective_facts");
        let decisions = take("decisions");
        let overrides = take("overrides");
        let stated = take("stated");
        let stated_awards = take("stated_awards");
        let campaigns = take("campaigns");
        let launches = take("launches");
        let registrations = take("registrations");
        let contests = take("contests");
        let initiatives = take("initiatives");
        let initiative_reports = take("initiative_reports");
        let student_results = take("student_results");
        let beneficiaries = take("beneficiaries");
        let sponsorships = take("sponsorships");
        let support_records = take("support_records");
        let twinnings = take("twinnings");

        for key in map.keys() {
            report.push(
                Diagnostic::of(
                    "file.unknown_field",
                    Severity::Error,
                    DataPath::root().key(key.clone()),
                )
                .quoted("key", key)
                .arg("version", SCHEMA_VERSION),
            );
        }
        if let Some(meta) = meta
            && let Some(m) = read_one(meta.into_value(), DataPath::root().key("meta"), &mut report)
        {
            d.meta = m;
        }
        d.titles = read_list(titles, "titles", &mut report);
        d.units = read_list(units, "units", &mut report);
        d.partners = read_list(partners, "partners", &mut report);
        d.events = read_list(events, "events", &mut report);
        d.members = read_list(members, "members", &mut report);
        d.memberships = read_list(memberships, "memberships", &mut report);
        d.workforce = read_list(workforce, "workforce", &mut report);
        d.facts = read_list(facts, "facts", &mut report);
        d.collective_facts = read_list(collective_facts, "collective_facts", &mut report);
        d.decisions = read_list(decisions, "decisions", &mut report);
        d.overrides = read_list(overrides, "overrides", &mut report);
        d.stated = read_list(stated, "stated", &mut report);
        d.stated_awards = read_list(stated_awards, "stated_awards", &mut report);
        d.campaigns = read_list(campaigns, "campaigns", &mut report);
        d.launches = read_list(launches, "launches", &mut report);
        d.registrations = read_list(registrations, "registrations", &mut report);
        d.contests = read_list(contests, "contests", &mut report);
        d.initiatives = read_list(initiatives, "initiatives", &mut report);
        d.initiative_reports = read_list(initiative_reports, "initiative_reports", &mut report);
        d.student_results = read_list(student_results, "student_results", &mut report);
        d.beneficiaries = read_list(beneficiaries, "beneficiaries", &mut report);
        d.sponsorships = read_list(sponsorships, "sponsorships", &mut report);
        d.support_records = read_list(support_records, "support_records", &mut report);
        d.twinnings = read_list(twinnings, "twinnings", &mut report);

        if report.has_errors() {
            Err(report)
        } else {
            Ok(d)
        }
    }

    /// Writes the dataset as pretty JSON, losslessly: reading it back gives an equal
    /// dataset.
    ///
    /// A unit, member or decision whose id is derived from a key is named by that
    /// key wherever it stands — a unit by its code, a member by their code, a
    /// decision by [`Decision::key`] — as a person writing the file by hand would;
    /// reading derives the same id from it. (Serialising the dataset with serde
    /// directly writes every id as a UUID.)
    ///
    /// Every value of the model has a JSON form (maps are keyed by strings, numbers
    /// are integers), so writing cannot fail; were it ever to, the result is `{}`,
    /// which no reader accepts as a dataset (it has no `schema_version`), rather
    /// than a silently partial file.
    pub fn to_json(&self) -> String {
        keyed::with_keys(self, || serde_json::to_string_pretty(self))
            .unwrap_or_else(|_| "{}".to_owned())
    }

    /// Checks everything, returning every problem found (warnings included).
    pub fn validate(&self) -> Diagnostics {
        match self.clone().into_model() {
            Ok(model) => model.warnings,
            Err(report) => report,
        }
    }

    /// Checks everything and builds the validated structures.
    ///
    /// # Errors
    /// Every problem found, with paths into the file: the hierarchy's, the roster's,
    /// the decisions', facts of unknown members or units, duplicate facts for one
    /// member and period.
    pub fn into_model(self) -> Result<Model, Diagnostics> {
        let mut report = Diagnostics::new();
        let catalogue = steps::catalogue(&self.titles, &mut report);
        let decisions = self.decisions;
        let (hierarchy, roster, facts_report, awards) = steps::structure(
            &catalogue,
            (&decisions, &self.facts),
            (self.units, self.partners, self.events),
            (self.members, self.memberships, self.workforce),
        );
        let hierarchy = steps::kept(hierarchy, &mut report);
        let roster = steps::kept(roster, &mut report);
        let campaign_data = CampaignData {
            campaigns: self.campaigns,
            launches: self.launches,
            registrations: self.registrations,
            contests: self.contests,
            initiatives: self.initiatives,
            initiative_reports: self.initiative_reports,
            student_results: self.student_results,
        };
        let campaigns = match (&hierarchy, &roster) {
            (Some(h), Some(r)) => steps::kept(Campaigns::build(h, r, campaign_data), &mut report),
            _ => None,
        };
        let calendar = self.meta.calendar.clone().unwrap_or_default();
        let (ledger, ledger_warnings) = steps::ledger(
            (
                self.beneficiaries,
                self.sponsorships,
                self.support_records,
                self.twinnings,
            ),
            hierarchy.as_ref().zip(roster.as_ref()),
            &calendar,
            &mut report,
        );
        let awards = steps::kept(awards, &mut report);
        report.extend(facts_report);
        let overrides = match &hierarchy {
            Some(h) => steps::override_scopes(self.overrides, h, &mut report),
            None => self.overrides,
        };
        if let Some(h) = &hierarchy {
            steps::check_units_named(
                h,
                &catalogue,
                (&self.collective_facts, &self.stated, &self.stated_awards),
                &mut report,
            );
        }
        match (hierarchy, roster, awards, campaigns) {
            (Some(hierarchy), Some(roster), Some(awards), Some(campaigns))
                if !report.has_errors() =>
            {
                let mut warnings = hierarchy.warnings().clone();
                warnings.extend(campaigns.warnings().clone());
                warnings.extend(ledger_warnings);
                warnings.extend(report);
                Ok(Model {
                    meta: self.meta,
                    catalogue,
                    hierarchy,
                    roster,
                    awards,
                    campaigns,
                    ledger,
                    decisions,
                    facts: self.facts,
                    collective_facts: self.collective_facts,
                    overrides,
                    stated: self.stated,
                    stated_awards: self.stated_awards,
                    warnings,
                })
            }
            _ => Err(report),
        }
    }
}

/// The named steps of [`Dataset::into_model`], each readable on its own.
mod steps {
    use super::*;

    /// The built-in catalogue with the dataset's own titles.
    pub(super) fn catalogue(titles: &[AwardDef], report: &mut Diagnostics) -> Catalogue {
        let mut catalogue = Catalogue::builtin();
        for (i, t) in titles.iter().enumerate() {
            if let Err(e) = catalogue.add(t.clone()) {
                report.push(
                    Diagnostic::of(
                        "title.duplicate",
                        Severity::Error,
                        DataPath::root().key("titles").index(i),
                    )
                    .arg("error", e),
                );
            }
        }
        catalogue
    }

    /// Members whose id is already used, reported when the roster cannot be built.
    fn member_duplicates(members: &[MemberRecord]) -> Diagnostics {
        let mut seen = crate::value::hash::set_with_capacity(members.len());
        let mut found = Diagnostics::new();
        for (i, m) in members.iter().enumerate() {
            if !seen.insert(m.id()) {
                found.push(
                    Diagnostic::of(
                        "member.duplicate_id",
                        Severity::Error,
                        DataPath::root().key("members").index(i).key("id"),
                    )
                    .arg("id", m.id()),
                );
            }
        }
        found
    }

    type Built<T> = Result<T, Diagnostics>;

    /// The hierarchy, the roster, the problems of the members' facts (when the
    /// roster holds; see [`check_facts`]) and the award history; the history depends
    /// on nothing else and is indexed on a second thread where the machine has one.
    /// When the hierarchy does not hold, neither can the roster, and its problems
    /// are the members' ids given twice: duplicates of every section are reported in
    /// one pass.
    pub(super) fn structure(
        catalogue: &Catalogue,
        (decisions, facts): (&[Decision], &[FactRecord]),
        (units, partners, events): (Vec<UnitRecord>, Vec<PartnerBody>, Vec<LineageEvent>),
        (members, memberships, workforce): (
            Vec<MemberRecord>,
            Vec<Membership>,
            Vec<WorkforceFigure>,
        ),
    ) -> (
        Built<Hierarchy>,
        Built<Roster>,
        Diagnostics,
        Built<AwardHistory>,
    ) {
        std::thread::scope(|scope| {
            let awards = std::thread::Builder::new()
                .spawn_scoped(scope, || AwardHistory::build(catalogue, decisions))
                .ok();
            let hierarchy = Hierarchy::build(units, partners, events);
            let roster = match &hierarchy {
                Ok(h) => Roster::build(h, members, memberships, workforce),
                Err(_) => Err(member_duplicates(&members)),
            };
            let mut facts_report = Diagnostics::new();
            if let Ok(r) = &roster {
                check_facts(facts, r, &mut facts_report);
            }
            let awards = match awards {
                Some(handle) => handle
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p)),
                None => AwardHistory::build(catalogue, decisions),
            };
            (hierarchy, roster, facts_report, awards)
        })
    }

    /// The value built, or its problems added to the report.
    pub(super) fn kept<T>(built: Built<T>, report: &mut Diagnostics) -> Option<T> {
        match built {
            Ok(v) => Some(v),
            Err(d) => {
                report.extend(d);
                None
            }
        }
    }

    /// The support ledger, checked against the hierarchy and roster when both hold:
    /// its errors go to the report, its warnings are returned beside it.
    pub(super) fn ledger(
        (beneficiaries, sponsorships, support_records, twinnings): (
            Vec<Beneficiary>,
            Vec<Sponsorship>,
            Vec<SupportRecord>,
            Vec<Twinning>,
        ),
        structure: Option<(&Hierarchy, &Roster)>,
        calendar: &SchoolCalendar,
        report: &mut Diagnostics,
    ) -> (Ledger, Diagnostics) {
        let mut ledger = Ledger::new();
        beneficiaries
            .into_iter()
            .for_each(|b| ledger.push_beneficiary(b));
        sponsorships
            .into_iter()
            .for_each(|b| ledger.push_sponsorship(b));
        support_records
            .into_iter()
            .for_each(|b| ledger.push_support_record(b));
        twinnings.into_iter().for_each(|b| ledger.push_twinning(b));
        let mut warnings = Diagnostics::new();
        if let Some((h, r)) = structure {
            for d in ledger.validate(h, r, calendar) {
                if d.severity() == Severity::Error {
                    report.push(d);
                } else {
                    warnings.push(d);
                }
            }
        }
        (ledger, warnings)
    }

    /// Members' facts name known members, once per period.
    /// Overrides scoped to a unit name a unit of the dataset, by its id or by its
    /// code (read from the file as the id derived from the code): a code is
    /// replaced by the unit's id, and a scope naming no unit is an error, since the
    /// override would otherwise never apply.
    pub(super) fn override_scopes(
        overrides: Vec<Override>,
        hierarchy: &Hierarchy,
        report: &mut Diagnostics,
    ) -> Vec<Override> {
        let mut by_code: Option<std::collections::HashMap<UnitId, UnitId>> = None;
        overrides
            .into_iter()
            .enumerate()
            .map(|(i, o)| {
                let Jurisdiction::Subtree { unit } = o.scope() else {
                    return o;
                };
                if hierarchy.unit(unit).is_some() {
                    return o;
                }
                let codes = by_code.get_or_insert_with(|| {
                    (0..hierarchy.len())
                        .filter_map(|k| hierarchy.unit_at(k))
                        .filter_map(|id| {
                            let code = hierarchy.unit(id)?.code();
                            Some((UnitId::from_key(code.as_str()), id))
                        })
                        .collect()
                });
                match codes.get(&unit) {
                    Some(&id) => o.with_scope(Jurisdiction::Subtree { unit: id }),
                    None => {
                        report.push(
                            Diagnostic::of(
                                "override.unknown_unit",
                                Severity::Error,
                                DataPath::root()
                                    .key("overrides")
                                    .index(i)
                                    .key("scope")
                                    .key("unit"),
                            )
                            .arg("unit", unit),
                        );
                        o
                    }
                }
            })
            .collect()
    }

    pub(super) fn check_facts(facts: &[FactRecord], roster: &Roster, report: &mut Diagnostics) {
        // Each member's first fact, by the member's place in the roster; the facts of
        // a member with more than one go through `seen` by member and period.
        let mut first = vec![u32::MAX; roster.members().len()];
        let mut seen = crate::value::hash::FastMap::default();
        let mut near = u32::MAX;
        for (i, f) in facts.iter().enumerate() {
            let path = || DataPath::root().key("facts").index(i);
            let place = roster.place_near(f.member, &mut near);
            if place.is_none() {
                report.push(
                    Diagnostic::of(
                        "facts.unknown_member",
                        Severity::Error,
                        path().key("member"),
                    )
                    .arg("member", f.member),
                );
            }
            for (j, n) in f.facts.nominations().unwrap_or_default().iter().enumerate() {
                let Some(vote) = n.vote() else { continue };
                let at = || path().key("facts").key("nominations").index(j).key("vote");
                if vote.present() == 0 {
                    report.push(
                        Diagnostic::of("facts.vote_nobody_present", Severity::Error, at())
                            .arg("title", n.title())
                            .arg("member", f.member),
                    );
                } else if u64::from(vote.in_favour()) + u64::from(vote.against())
                    > u64::from(vote.present())
                {
                    report.push(
                        Diagnostic::of("facts.votes_exceed_present", Severity::Error, at())
                            .arg("title", n.title())
                            .arg("member", f.member)
                            .num("in_favour", vote.in_favour())
                            .num("against", vote.against())
                            .num("present", vote.present()),
                    );
                }
                if let Some(members) = vote.members().filter(|m| vote.present() > *m) {
                    let at = at().key("members");
                    report.push(
                        Diagnostic::of("facts.present_exceed_members", Severity::Error, at)
                            .arg("title", n.title())
                            .arg("member", f.member)
                            .num("present", vote.present())
                            .num("members", members),
                    );
                }
            }
            let slot = place.and_then(|p| first.get_mut(p as usize));
            let earlier = match (slot, u32::try_from(i)) {
                (Some(slot), Ok(k)) if *slot == u32::MAX => {
                    *slot = k;
                    None
                }
                (Some(slot), _) if *slot != u32::MAX => {
                    let j = *slot as usize;
                    if let Some(e) = facts.get(j) {
                        seen.entry((e.member, e.period)).or_insert(j);
                    }
                    seen.insert((f.member, f.period), i)
                }
                _ => seen.insert((f.member, f.period), i),
            };
            if let Some(first) = earlier {
                report.push(
                    Diagnostic::of("facts.duplicate", Severity::Error, path())
                        .arg("member", f.member)
                        .arg("period", f.period.label_vi())
                        .arg("first", format!("$.facts[{first}]")),
                );
            }
        }
    }

    /// Collectives' facts, stated figures and stated awards name known units (and
    /// stated awards known titles).
    pub(super) fn check_units_named(
        h: &Hierarchy,
        catalogue: &Catalogue,
        (collective_facts, stated, stated_awards): (
            &[CollectiveFactRecord],
            &[StatedFigure],
            &[StatedAward],
        ),
        report: &mut Diagnostics,
    ) {
        for (i, f) in collective_facts.iter().enumerate() {
            if h.unit(f.unit).is_none() {
                report.push(
                    Diagnostic::of(
                        "facts.unknown_unit",
                        Severity::Error,
                        DataPath::root()
                            .key("collective_facts")
                            .index(i)
                            .key("unit"),
                    )
                    .arg("unit", f.unit),
                );
            }
        }
        for (i, s) in stated.iter().enumerate() {
            if h.unit(s.unit).is_none() {
                report.push(
                    Diagnostic::of(
                        "stated.unknown_unit",
                        Severity::Error,
                        DataPath::root().key("stated").index(i).key("unit"),
                    )
                    .arg("unit", s.unit),
                );
            }
        }
        for (i, s) in stated_awards.iter().enumerate() {
            let at = DataPath::root().key("stated_awards").index(i);
            if h.unit(s.unit).is_none() {
                report.push(
                    Diagnostic::of(
                        "stated_award.unknown_unit",
                        Severity::Error,
                        at.clone().key("unit"),
                    )
                    .arg("unit", s.unit),
                );
            }
            if catalogue.get(s.title.as_str()).is_none() {
                report.push(
                    Diagnostic::of(
                        "stated_award.unknown_title",
                        Severity::Error,
                        at.key("title"),
                    )
                    .quoted("title", s.title.as_str()),
                );
            }
        }
    }
}

/// A validated dataset: the hierarchy, the roster, the award history and the rest,
/// ready for snapshots, rules, roll-ups and reports.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Model {
    /// What the dataset is about.
    pub meta: Meta,
    /// The built-in titles plus the dataset's own.
    pub catalogue: Catalogue,
    /// The hierarchy through time.
    pub hierarchy: Hierarchy,
    /// Members and memberships.
    pub roster: Roster,
    /// Awards by recipient.
    pub awards: AwardHistory,
    /// Campaigns, registrations, contests and initiatives.
    pub campaigns: Campaigns,
    /// Sponsorship, support and twinning.
    pub ledger: Ledger,
    /// The decisions.
    pub decisions: Vec<Decision>,
    /// Members' facts.
    pub facts: Vec<FactRecord>,
    /// Collectives' facts.
    pub collective_facts: Vec<CollectiveFactRecord>,
    /// Overrides.
    pub overrides: Vec<Override>,
    /// Stated figures.
    pub stated: Vec<StatedFigure>,
    /// Totals of awards as sources state them.
    pub stated_awards: Vec<StatedAward>,
    /// Warnings found while checking.
    pub warnings: Diagnostics,
}

impl Model {
    /// An evaluator with the dataset's overrides, in file order (a later one wins),
    /// naming the unit of each override by its code and name in the texts that
    /// cite it.
    ///
    /// ```
    /// use thidua::Dataset;
    ///
    /// let text = r#"{ "schema_version": 1, "units": [
    ///     { "id": "TX", "code": "TX", "kind": "provincial_federation",
    ///       "name": "Liên đoàn Lao động tỉnh X", "established": "2015-01-01" } ],
    ///   "overrides": [ { "scope": { "kind": "subtree", "unit": "TX" }, "from": "2024-01-01",
    ///     "change": { "kind": "set_parameter", "parameter": "new_recruit_min_months", "value": 8 },
    ///     "citation": { "document": "Quyết định 25/2024/QĐ-UBND", "confidence": "verified" } } ] }"#;
    /// let model = Dataset::from_json(text).map_err(|d| d.to_string())?
    ///     .into_model().map_err(|d| d.to_string())?;
    /// assert_eq!(model.evaluator().overrides().len(), 1);
    /// # Ok::<(), String>(())
    /// ```
    pub fn evaluator(&self) -> Evaluator {
        let mut evaluator = Evaluator::new();
        for o in &self.overrides {
            self.add_to(&mut evaluator, o.clone());
        }
        evaluator
    }

    /// Adds an override to an evaluator built from this dataset, its unit named by
    /// code and name where it is scoped to one.
    fn add_to(&self, evaluator: &mut Evaluator, o: Override) {
        if let Jurisdiction::Subtree { unit } = o.scope()
            && let Some(record) = self.hierarchy.unit(unit)
        {
            evaluator.label_unit(unit, format!("{} ({})", record.code(), record.name()));
        }
        evaluator.add_override(o);
    }

    /// The dataset's evaluator with more overrides (read, say, from a what-if's
    /// file), checked and resolved as the dataset's own are: a scope may name a unit
    /// by its id or its code, and is labelled with the unit's code and name.
    ///
    /// # Errors
    /// `override.unknown_unit` for each scope naming no unit of the dataset (the
    /// override would never apply), at its index in `overrides`.
    pub fn evaluator_with(&self, overrides: Vec<Override>) -> Result<Evaluator, Diagnostics> {
        let mut report = Diagnostics::new();
        let overrides = steps::override_scopes(overrides, &self.hierarchy, &mut report);
        if report.has_errors() {
            return Err(report);
        }
        let mut evaluator = self.evaluator();
        for o in overrides {
            self.add_to(&mut evaluator, o);
        }
        Ok(evaluator)
    }

    /// The rules in force on `day` for a unit and the units above it that day,
    /// with the dataset's overrides, named after the unit — render it with
    /// [`RulesInForce::to_markdown`] or [`RulesInForce::to_html`].
    ///
    /// # Errors
    /// [`RuleError::UnknownUnit`] when the unit does not exist on the day;
    /// [`RuleError::NoRegime`] when no regime covers the day.
    pub fn rules_in_force(&self, unit: UnitId, day: NaiveDate) -> Result<RulesInForce, RuleError> {
        let snapshot = self.hierarchy.as_of(day);
        let node = snapshot
            .node(unit)
            .ok_or(RuleError::UnknownUnit { unit, date: day })?;
        let chain: Vec<UnitId> = std::iter::once(node)
            .chain(snapshot.ancestors(node))
            .map(|n| snapshot.id(n))
            .collect();
        let name = snapshot
            .name(node)
            .map(|n| format!("{} ({n})", snapshot.code(node)))
            .unwrap_or_else(|| snapshot.code(node).to_string());
        Ok(self.evaluator().rules_in_force(&chain, day)?.named(name))
    }
}
