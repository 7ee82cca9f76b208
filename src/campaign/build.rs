//! Building the checked collection of campaigns: every reference, period, cycle and
//! figure checked, every problem reported with its path.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::award::catalogue::TitleCode;
use crate::campaign::contest::{Contest, ContestResult, StudentResults};
use crate::campaign::record::{Campaign, Launch, Launcher, Participant, Registration};
use crate::diagnostic::{DataPath, Diagnostic, Diagnostics, Severity};
use crate::initiative::book::Initiatives;
use crate::initiative::record::{Initiative, ReportedFunnel};
use crate::initiative::{may_fit_within, periods_overlap};
use crate::org::hierarchy::{Hierarchy, NONE};
use crate::org::kind::Bloc;
use crate::people::roster::Roster;
use crate::value::format::Lang;
use crate::value::id::{CampaignId, ContestId, UnitId};
use crate::value::ratio::Ratio;
use crate::value::reported::{Qualifier, Reported};

/// Everything about campaigns a file holds, as given: the input of
/// [`Campaigns::build`]. Each list is optional in files (`[]` when absent).
///
/// ```
/// use thidua::CampaignData;
///
/// let data: CampaignData = serde_json::from_str(r#"{"launches": []}"#)?;
/// assert!(data.campaigns.is_empty());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct CampaignData {
    /// Campaigns (`$.campaigns`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub campaigns: Vec<Campaign>,
    /// Units launching campaigns (`$.launches`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub launches: Vec<Launch>,
    /// Registrations for titles (`$.registrations`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub registrations: Vec<Registration>,
    /// Contests (`$.contests`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contests: Vec<Contest>,
    /// Initiatives (`$.initiatives`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub initiatives: Vec<Initiative>,
    /// Initiative funnel figures as reports state them (`$.initiative_reports`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub initiative_reports: Vec<ReportedFunnel>,
    /// Students' results units report (`$.student_results`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub student_results: Vec<StudentResults>,
}

/// Campaigns, launches, registrations, contests, students' results and initiatives,
/// checked against a [`Hierarchy`] and a [`Roster`], with the queries rules and
/// reports need.
///
/// Queries taking a [`Snapshot`](crate::Snapshot) expect one of the hierarchy the
/// campaigns were built with.
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{
///     Bloc, Campaign, CampaignData, CampaignId, CampaignKind, Campaigns, Hierarchy, Label,
///     Launch, Launcher, Roster, Target, UnitCode, UnitId, UnitKind, UnitName, UnitRecord,
/// };
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
/// let unit = |code: &str, kind, name: &str| -> Result<UnitRecord, Box<dyn std::error::Error>> {
///     Ok(UnitRecord::new(UnitId::from_key(code), UnitCode::try_new(code)?, kind, UnitName::try_new(name)?))
/// };
/// let district = unit("HN.TH", UnitKind::DistrictFederation, "LĐLĐ quận Tây Hồ")?;
/// let mut units = vec![district];
/// for k in 1..=3 {
///     units.push(
///         unit(&format!("HN.TH.TH{k}"), UnitKind::Grassroots, &format!("Công đoàn Trường số {k}"))?
///             .with_parent(UnitId::from_key("HN.TH"))
///             .with_bloc(Bloc::Schools),
///     );
/// }
/// let hierarchy = Hierarchy::build(units, vec![], vec![]).map_err(|d| d.to_string())?;
/// let roster = Roster::build(&hierarchy, vec![], vec![], vec![]).map_err(|d| d.to_string())?;
///
/// let id = CampaignId::from_key("th/2020/thi-dua");
/// let mut data = CampaignData::default();
/// data.campaigns.push(
///     Campaign::new(id, CampaignKind::Regular, Label::try_new("Thi đua năm 2020")?, "năm 2020".parse()?)
///         .with_launcher(Launcher::Unit { unit: UnitId::from_key("HN.TH") })
///         .with_target(Target::new().with_bloc(Bloc::Schools)),
/// );
/// for k in 1..=2 {
///     data.launches.push(Launch::new(id, UnitId::from_key(&format!("HN.TH.TH{k}")), day(2020, 2, 10)?));
/// }
/// let campaigns = Campaigns::build(&hierarchy, &roster, data).map_err(|d| d.to_string())?;
///
/// let tree = hierarchy.as_of(day(2020, 12, 31)?);
/// let scope = tree.node_by_code("HN.TH").ok_or("unit")?;
/// let coverage = campaigns.coverage(id, &tree, scope).ok_or("campaign")?;
/// assert_eq!((coverage.launched(), coverage.targeted()), (2, 3));
/// assert_eq!(coverage.ratio().map(|r| r.to_percent_string(1, thidua::Lang::Vi)), Some("66,7%".into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Campaigns {
    pub(crate) campaigns: Vec<Campaign>,
    pub(crate) index: HashMap<CampaignId, u32>,
    /// Parent campaign of each campaign, or `NONE`.
    pub(crate) parents: Vec<u32>,
    /// The units whose subtrees each campaign targets.
    pub(crate) roots: Vec<Vec<UnitId>>,
    /// The earliest launch of each campaign by each unit.
    pub(crate) launched: Vec<HashMap<UnitId, NaiveDate>>,
    pub(crate) launches: Vec<Launch>,
    pub(crate) registrations: Vec<Registration>,
    /// The unit each registrant belonged to on the day of registering.
    pub(crate) registration_units: Vec<Option<UnitId>>,
    pub(crate) by_registrant: HashMap<Participant, Vec<u32>>,
    pub(crate) contests: Vec<Contest>,
    pub(crate) contest_index: HashMap<ContestId, u32>,
    /// The unit each contest result is credited to, per contest and result.
    pub(crate) result_units: Vec<Vec<Option<UnitId>>>,
    pub(crate) student_results: Vec<StudentResults>,
    pub(crate) initiatives: Initiatives,
    pub(crate) warnings: Diagnostics,
}

/// The checks' shared state.
struct Ctx<'a> {
    hierarchy: &'a Hierarchy,
    roster: &'a Roster,
    report: Diagnostics,
}

fn path(list: &str, i: usize) -> DataPath {
    DataPath::root().key(list).index(i)
}

impl Ctx<'_> {
    fn error(&mut self, code: &str, at: DataPath, message: String) {
        self.report
            .push(Diagnostic::new(code, Severity::Error, at, message));
    }

    fn warn(&mut self, code: &str, at: DataPath, message: String) {
        self.report
            .push(Diagnostic::new(code, Severity::Warning, at, message));
    }

    /// The unit's code for messages, or its id when unknown.
    fn code(&self, unit: UnitId) -> String {
        self.hierarchy
            .unit(unit)
            .map_or_else(|| unit.to_string(), |u| format!("{:?}", u.code().as_str()))
    }

    fn who(&self, participant: Participant) -> String {
        match participant {
            Participant::Member { member } => {
                match self.roster.member(member).and_then(|m| m.name()) {
                    Some(name) => format!("member {member} ({name})"),
                    None => format!("member {member}"),
                }
            }
            Participant::Unit { unit } => format!("unit {}", self.code(unit)),
        }
    }

    /// Checks that a participant exists, reporting `{list}.unknown_member` or
    /// `{list}.unknown_unit` at `at`.
    fn check_participant(&mut self, list: &str, participant: Participant, at: DataPath) -> bool {
        match participant {
            Participant::Member { member } => {
                let known = self.roster.member(member).is_some();
                if !known {
                    self.error(
                        &format!("{list}.unknown_member"),
                        at.key("member"),
                        format!("member {member} is not in the member list"),
                    );
                }
                known
            }
            Participant::Unit { unit } => self.check_unit(list, unit, at.key("unit")),
        }
    }

    fn check_unit(&mut self, list: &str, unit: UnitId, at: DataPath) -> bool {
        let known = self.hierarchy.index_of(unit).is_some();
        if !known {
            self.error(
                &format!("{list}.unknown_unit"),
                at,
                format!("unit {unit} is not a unit of the dataset"),
            );
        }
        known
    }

    /// The unit a participant belongs to (a member) or is (a unit) on `date`.
    fn unit_of(&self, participant: Participant, date: NaiveDate) -> Option<UnitId> {
        match participant {
            Participant::Member { member } => self.roster.unit_of(member, date),
            Participant::Unit { unit } => Some(unit),
        }
    }

    /// Why `unit` is outside the area of `roots` and the `blocs` on `date`, if it is:
    /// a predicate for the unit ("is not in the area of …").
    /// Blocs apply to grassroots unions and the units inside them, whose bloc is the
    /// nearest one given on the way up.
    fn outside(
        &self,
        roots: &[UnitId],
        blocs: &[Bloc],
        unit: UnitId,
        date: NaiveDate,
    ) -> Option<String> {
        let h = self.hierarchy;
        let start = h.index_of(unit)?;
        let state = h.state_at(start)?;
        if !state.is_alive(date) {
            return Some("does not exist".to_owned());
        }
        let root_indices: Vec<u32> = roots.iter().filter_map(|&r| h.index_of(r)).collect();
        let mut inside = false;
        let mut bloc = None;
        let mut below_grassroots = true;
        let mut current = start;
        for _ in 0..=h.len() {
            let Some(s) = h.state_at(current) else { break };
            if below_grassroots {
                if s.record.kind().holds_members() {
                    bloc = bloc.or(s.blocs.at(date).copied().flatten());
                } else {
                    below_grassroots = false;
                }
            }
            if root_indices.contains(&current) {
                inside = true;
                break;
            }
            current = s.parent_at(date);
            if current == NONE {
                break;
            }
        }
        if !inside {
            let area: Vec<String> = roots.iter().map(|&r| self.code(r)).collect();
            return Some(format!("is not in the area of {}", area.join(", ")));
        }
        if blocs.is_empty() || !state.record.kind().holds_members() {
            return None;
        }
        let wanted: Vec<&str> = blocs.iter().map(|b| b.code()).collect();
        match bloc {
            Some(b) if blocs.contains(&b) => None,
            Some(b) => Some(format!(
                "is in the {} bloc, not {}",
                b.code(),
                wanted.join(" or ")
            )),
            None => Some(format!("has no bloc, not {}", wanted.join(" or "))),
        }
    }
}

impl Campaigns {
    /// Checks and indexes everything about campaigns.
    ///
    /// # Errors
    /// Every problem, with paths `$.campaigns[i]`, `$.launches[i]`,
    /// `$.registrations[i]`, `$.contests[i]`, `$.student_results[i]`,
    /// `$.initiatives[i]` and `$.initiative_reports[i]`.
    ///
    /// Errors fail the build: duplicate ids (`campaign.duplicate_id`,
    /// `registration.duplicate_id`, `contest.duplicate_id`); unknown units, members,
    /// partner bodies and campaigns (`campaign.unknown_unit`,
    /// `campaign.unknown_partner`, `campaign.unknown_parent`,
    /// `launch.unknown_campaign`, `launch.unknown_unit`,
    /// `registration.unknown_campaign`, `registration.unknown_member`,
    /// `registration.unknown_unit`, `contest.unknown_campaign`,
    /// `contest.unknown_member`, `contest.unknown_unit`,
    /// `student_results.unknown_unit`); a campaign without a launching body
    /// (`campaign.no_launcher`) or launched by partner bodies only without target
    /// units (`campaign.no_target`); campaigns whose parents form a cycle
    /// (`campaign.parent_cycle`); a launch by a unit that does not exist that day
    /// (`launch.unit_not_alive`); and the errors of [`Initiatives::build`].
    ///
    /// Warnings keep the data as given and are listed in [`Campaigns::warnings`]: a
    /// campaign outside its parent's period (`campaign.outside_parent_period`), a
    /// registration window outside the period (`campaign.window_outside_period`), a
    /// reported coverage the launch records do not bear out
    /// (`campaign.coverage_mismatch`); a unit launching twice (`launch.duplicate`),
    /// outside the target (`launch.out_of_scope`) or after the period
    /// (`launch.after_period`); registrations early, late, twice, for another period
    /// than the campaign's or outside its target (`registration.early`,
    /// `registration.late`, `registration.duplicate`, `registration.period_mismatch`,
    /// `registration.out_of_scope`); contests outside their campaign's period
    /// (`contest.period_mismatch`), winners who are not entrants
    /// (`contest.winner_not_entrant`), itemised prizes exceeding the reported total
    /// (`contest.breakdown_exceeds_total`); students' figures given twice for a level
    /// (`student_results.duplicate_level`) or rates above 100%
    /// (`student_results.rate_exceeds_one`); and the warnings of
    /// [`Initiatives::build`].
    pub fn build(
        hierarchy: &Hierarchy,
        roster: &Roster,
        data: CampaignData,
    ) -> Result<Campaigns, Diagnostics> {
        let mut ctx = Ctx {
            hierarchy,
            roster,
            report: Diagnostics::new(),
        };
        let CampaignData {
            campaigns,
            launches,
            registrations,
            contests,
            initiatives,
            initiative_reports,
            student_results,
        } = data;
        let (index, roots) = check_campaigns(&mut ctx, &campaigns);
        let parents = check_parents(&mut ctx, &campaigns, &index);
        let launched = check_launches(&mut ctx, &campaigns, &index, &roots, &launches);
        check_coverage(&mut ctx, &campaigns, &roots, &launched);
        let (registration_units, by_registrant) =
            check_registrations(&mut ctx, &campaigns, &index, &roots, &registrations);
        let (contest_index, result_units) = check_contests(&mut ctx, &campaigns, &index, &contests);
        check_student_results(&mut ctx, &student_results);
        let mut found = Diagnostics::new();
        let mut book = Initiatives::check(
            hierarchy,
            roster,
            initiatives,
            initiative_reports,
            &mut found,
        );
        book.set_warnings(found.clone());
        ctx.report.extend(found);
        if ctx.report.has_errors() {
            return Err(ctx.report);
        }
        Ok(Campaigns {
            campaigns,
            index,
            parents,
            roots,
            launched,
            launches,
            registrations,
            registration_units,
            by_registrant,
            contests,
            contest_index,
            result_units,
            student_results,
            initiatives: book,
            warnings: ctx.report,
        })
    }
}

type CampaignIndex = HashMap<CampaignId, u32>;

/// Ids, launchers, targets and windows; returns the index and each campaign's target
/// roots.
fn check_campaigns(ctx: &mut Ctx<'_>, campaigns: &[Campaign]) -> (CampaignIndex, Vec<Vec<UnitId>>) {
    let mut index = HashMap::with_capacity(campaigns.len());
    let mut roots = Vec::with_capacity(campaigns.len());
    for (i, c) in campaigns.iter().enumerate() {
        let at = path("campaigns", i);
        let n = u32::try_from(i).unwrap_or(u32::MAX);
        if let Some(&first) = index.get(&c.id()) {
            ctx.error(
                "campaign.duplicate_id",
                at.clone().key("id"),
                format!(
                    "campaign id {} is already used at $.campaigns[{first}]",
                    c.id()
                ),
            );
        } else {
            index.insert(c.id(), n);
        }
        if c.launchers().is_empty() {
            ctx.error(
                "campaign.no_launcher",
                at.clone().key("launchers"),
                format!("campaign {:?} has no launching body", c.name().as_str()),
            );
        }
        let mut launching_units = Vec::new();
        for (j, launcher) in c.launchers().iter().enumerate() {
            let at = at.clone().key("launchers").index(j);
            match *launcher {
                Launcher::Unit { unit } => {
                    if ctx.check_unit("campaign", unit, at.key("unit")) {
                        launching_units.push(unit);
                    }
                }
                Launcher::Partner { partner } => {
                    if ctx.hierarchy.partner(partner).is_none() {
                        ctx.error(
                            "campaign.unknown_partner",
                            at.key("partner"),
                            format!("partner body {partner} is not in the dataset"),
                        );
                    }
                }
            }
        }
        let mut targets = Vec::new();
        for (j, &unit) in c.target().units().iter().enumerate() {
            let at = at.clone().key("target").key("units").index(j);
            if ctx.check_unit("campaign", unit, at) {
                targets.push(unit);
            }
        }
        if c.target().units().is_empty() {
            targets = launching_units;
            let any_unit = c
                .launchers()
                .iter()
                .any(|l| matches!(l, Launcher::Unit { .. }));
            if targets.is_empty() && !c.launchers().is_empty() && !any_unit {
                ctx.error(
                    "campaign.no_target",
                    at.clone().key("target").key("units"),
                    format!(
                        "campaign {:?} is launched by partner bodies only and names no target units",
                        c.name().as_str()
                    ),
                );
            }
        }
        roots.push(targets);
        if let Some(window) = c.registration_window()
            && !window.overlaps(&c.period().default_span())
        {
            ctx.warn(
                "campaign.window_outside_period",
                at.clone().key("registration_window"),
                format!(
                    "the registration window {window} of {:?} lies outside its period, {}",
                    c.name().as_str(),
                    c.period()
                ),
            );
        }
        for (j, figure) in c.reported_coverage().iter().enumerate() {
            ctx.check_unit(
                "campaign",
                figure.scope(),
                at.clone().key("reported_coverage").index(j).key("scope"),
            );
        }
    }
    (index, roots)
}

/// Unknown parents, cycles and periods outside the parent's; returns each
/// campaign's parent index.
fn check_parents(ctx: &mut Ctx<'_>, campaigns: &[Campaign], index: &CampaignIndex) -> Vec<u32> {
    let mut parents = Vec::with_capacity(campaigns.len());
    for (i, c) in campaigns.iter().enumerate() {
        let parent = match c.parent() {
            None => NONE,
            Some(p) => match index.get(&p) {
                Some(&k) => k,
                None => {
                    ctx.error(
                        "campaign.unknown_parent",
                        path("campaigns", i).key("parent"),
                        format!("campaign {p} is not in the dataset"),
                    );
                    NONE
                }
            },
        };
        parents.push(parent);
    }
    // Follow parent links iteratively; 0 = not seen, 1 = on the current path, 2 = done.
    let mut seen = vec![0_u8; campaigns.len()];
    for start in 0..campaigns.len() {
        let mut trail = Vec::new();
        let mut current = start;
        loop {
            match seen.get(current).copied() {
                Some(0) => {
                    if let Some(s) = seen.get_mut(current) {
                        *s = 1;
                    }
                    trail.push(current);
                    match parents.get(current).copied() {
                        Some(p) if p != NONE => current = p as usize,
                        _ => break,
                    }
                }
                Some(1) => {
                    let from = trail.iter().position(|&x| x == current).unwrap_or(0);
                    let cycle = trail.get(from..).unwrap_or(&[]);
                    report_cycle(ctx, campaigns, cycle);
                    break;
                }
                _ => break,
            }
        }
        for x in trail {
            if let Some(s) = seen.get_mut(x) {
                *s = 2;
            }
        }
    }
    for (i, c) in campaigns.iter().enumerate() {
        let Some(parent) = parents.get(i).and_then(|&p| campaigns.get(p as usize)) else {
            continue;
        };
        if !periods_overlap(&c.period(), &parent.period()) {
            ctx.warn(
                "campaign.outside_parent_period",
                path("campaigns", i).key("period"),
                format!(
                    "campaign {:?} runs in {}, outside its parent {:?} ({})",
                    c.name().as_str(),
                    c.period(),
                    parent.name().as_str(),
                    parent.period()
                ),
            );
        }
    }
    parents
}

/// Reports a cycle of parent links once, at its first campaign in input order.
fn report_cycle(ctx: &mut Ctx<'_>, campaigns: &[Campaign], cycle: &[usize]) {
    let Some(first) = cycle.iter().copied().min() else {
        return;
    };
    let at = cycle.iter().position(|&x| x == first).unwrap_or(0);
    let (head, tail) = cycle.split_at(at);
    let names: Vec<String> = tail
        .iter()
        .chain(head)
        .chain(std::iter::once(&first))
        .filter_map(|&k| campaigns.get(k))
        .map(|c| format!("{:?}", c.name().as_str()))
        .collect();
    ctx.error(
        "campaign.parent_cycle",
        path("campaigns", first).key("parent"),
        format!("campaign parents form a cycle: {}", names.join(" → ")),
    );
}

/// Launch records; returns each campaign's earliest launch per unit.
fn check_launches(
    ctx: &mut Ctx<'_>,
    campaigns: &[Campaign],
    index: &CampaignIndex,
    roots: &[Vec<UnitId>],
    launches: &[Launch],
) -> Vec<HashMap<UnitId, NaiveDate>> {
    let mut launched: Vec<HashMap<UnitId, NaiveDate>> = vec![HashMap::new(); campaigns.len()];
    let mut first_at: HashMap<(CampaignId, UnitId), usize> = HashMap::new();
    for (i, launch) in launches.iter().enumerate() {
        let at = path("launches", i);
        let campaign = index.get(&launch.campaign()).map(|&k| k as usize);
        if campaign.is_none() {
            ctx.error(
                "launch.unknown_campaign",
                at.clone().key("campaign"),
                format!("campaign {} is not in the dataset", launch.campaign()),
            );
        }
        if !ctx.check_unit("launch", launch.unit(), at.clone().key("unit")) {
            continue;
        }
        let Some(k) = campaign else { continue };
        let Some(c) = campaigns.get(k) else { continue };
        let code = ctx.code(launch.unit());
        let name = c.name().as_str();
        if !ctx.hierarchy.is_alive(launch.unit(), launch.date()) {
            ctx.error(
                "launch.unit_not_alive",
                at.clone().key("date"),
                format!(
                    "unit {code} does not exist on {}, when it is said to launch {name:?}",
                    launch.date()
                ),
            );
            continue;
        }
        if let Some(first) = first_at.insert((launch.campaign(), launch.unit()), i) {
            first_at.insert((launch.campaign(), launch.unit()), first);
            ctx.warn(
                "launch.duplicate",
                at.clone(),
                format!("unit {code} launched {name:?} already at $.launches[{first}]"),
            );
        }
        let launches_itself = c.launchers().contains(&Launcher::Unit {
            unit: launch.unit(),
        });
        let target = roots.get(k).map(Vec::as_slice).unwrap_or(&[]);
        if !launches_itself
            && let Some(reason) =
                ctx.outside(target, c.target().blocs(), launch.unit(), launch.date())
        {
            ctx.warn(
                "launch.out_of_scope",
                at.clone().key("unit"),
                format!(
                    "unit {code} launched {name:?} on {} but {reason}: outside its target",
                    launch.date()
                ),
            );
        }
        let end = c.period().default_span().end();
        if launch.date() > end {
            ctx.warn(
                "launch.after_period",
                at.clone().key("date"),
                format!(
                    "unit {code} launched {name:?} on {}, after its period ({}) ended on {end}",
                    launch.date(),
                    c.period()
                ),
            );
        }
        if let Some(map) = launched.get_mut(k) {
            let day = map.entry(launch.unit()).or_insert(launch.date());
            *day = (*day).min(launch.date());
        }
    }
    launched
}

/// Reported coverage figures against the launch records.
fn check_coverage(
    ctx: &mut Ctx<'_>,
    campaigns: &[Campaign],
    roots: &[Vec<UnitId>],
    launched: &[HashMap<UnitId, NaiveDate>],
) {
    for (i, c) in campaigns.iter().enumerate() {
        for (j, figure) in c.reported_coverage().iter().enumerate() {
            let snapshot = ctx.hierarchy.as_of(figure.as_of());
            let Some(scope) = snapshot.node(figure.scope()) else {
                continue; // unknown units are reported above; dead ones count nothing
            };
            let empty = HashMap::new();
            let coverage = crate::campaign::query::coverage_of(
                &snapshot,
                scope,
                roots.get(i).map(Vec::as_slice).unwrap_or(&[]),
                c.target().blocs(),
                launched.get(i).unwrap_or(&empty),
            );
            let reported = figure.coverage();
            let found = match coverage.ratio() {
                Some(ratio) if reported.admits(ratio) => continue,
                Some(ratio) => format!(
                    "{} ({})",
                    ratio.to_fraction_string(Lang::Vi),
                    ratio.to_percent_string(2, Lang::Vi)
                ),
                None => "no target grassroots union".to_owned(),
            };
            ctx.warn(
                "campaign.coverage_mismatch",
                path("campaigns", i)
                    .key("reported_coverage")
                    .index(j)
                    .key("coverage"),
                format!(
                    "reported coverage {reported} of {:?} in {} on {} does not match the launch records: {found}",
                    c.name().as_str(),
                    ctx.code(figure.scope()),
                    figure.as_of()
                ),
            );
        }
    }
}

type RegistrantIndex = HashMap<Participant, Vec<u32>>;

/// Registrations; returns each registrant's unit on the day and the index by
/// registrant.
fn check_registrations(
    ctx: &mut Ctx<'_>,
    campaigns: &[Campaign],
    index: &CampaignIndex,
    roots: &[Vec<UnitId>],
    registrations: &[Registration],
) -> (Vec<Option<UnitId>>, RegistrantIndex) {
    let mut ids = HashMap::with_capacity(registrations.len());
    let mut units = Vec::with_capacity(registrations.len());
    let mut by_registrant: RegistrantIndex = HashMap::new();
    let mut first_at: HashMap<(Participant, &TitleCode, NaiveDate, NaiveDate), usize> =
        HashMap::new();
    for (i, r) in registrations.iter().enumerate() {
        let at = path("registrations", i);
        if let Some(first) = ids.insert(r.id(), i) {
            ids.insert(r.id(), first);
            ctx.error(
                "registration.duplicate_id",
                at.clone().key("id"),
                format!(
                    "registration id {} is already used at $.registrations[{first}]",
                    r.id()
                ),
            );
        }
        let campaign = index.get(&r.campaign()).map(|&k| k as usize);
        if campaign.is_none() {
            ctx.error(
                "registration.unknown_campaign",
                at.clone().key("campaign"),
                format!("campaign {} is not in the dataset", r.campaign()),
            );
        }
        let known =
            ctx.check_participant("registration", r.registrant(), at.clone().key("registrant"));
        let unit = if known {
            ctx.unit_of(r.registrant(), r.date())
        } else {
            None
        };
        units.push(unit);
        by_registrant
            .entry(r.registrant())
            .or_default()
            .push(u32::try_from(i).unwrap_or(u32::MAX));
        let (Some(k), true) = (campaign, known) else {
            continue;
        };
        let Some(c) = campaigns.get(k) else { continue };
        let name = c.name().as_str();
        let who = ctx.who(r.registrant());
        if !periods_overlap(&r.period(), &c.period()) {
            ctx.warn(
                "registration.period_mismatch",
                at.clone().key("period"),
                format!(
                    "{who} registers for {} under {name:?}, which runs in {}",
                    r.period(),
                    c.period()
                ),
            );
        }
        let (opens, deadline, which) = match c.registration_window() {
            Some(w) => (Some(w.start()), w.end(), "the registration deadline"),
            None => (
                None,
                c.period().default_span().end(),
                "the end of the campaign's period",
            ),
        };
        if opens.is_some_and(|o| r.date() < o) {
            ctx.warn(
                "registration.early",
                at.clone().key("date"),
                format!(
                    "{who} registers for {} under {name:?} on {}, before the registration window opens on {}",
                    r.title(),
                    r.date(),
                    opens.unwrap_or(r.date())
                ),
            );
        }
        if r.date() > deadline {
            ctx.warn(
                "registration.late",
                at.clone().key("date"),
                format!(
                    "{who} registers for {} under {name:?} on {}, after {which} ({deadline})",
                    r.title(),
                    r.date()
                ),
            );
        }
        let span = r.period().default_span();
        let key = (r.registrant(), r.title(), span.start(), span.end());
        if let Some(first) = first_at.insert(key, i) {
            first_at.insert(key, first);
            ctx.warn(
                "registration.duplicate",
                at.clone(),
                format!(
                    "{who} already registered for {} in {} at $.registrations[{first}]",
                    r.title(),
                    r.period()
                ),
            );
        }
        let target = roots.get(k).map(Vec::as_slice).unwrap_or(&[]);
        let reason = match unit {
            None => Some(format!("{who} belongs to no unit on {}", r.date())),
            Some(u) => ctx
                .outside(target, c.target().blocs(), u, r.date())
                .map(|why| match r.registrant() {
                    Participant::Member { .. } => format!(
                        "{who} belongs to {} on {}, which {why}",
                        ctx.code(u),
                        r.date()
                    ),
                    _ => format!("{who} registers on {} but {why}", r.date()),
                }),
        }
        .or_else(|| match r.registrant() {
            Participant::Member { member } => {
                let role = ctx.roster.member(member).and_then(|m| m.role())?;
                let roles = c.target().roles();
                if roles.is_empty() || roles.contains(&role) {
                    return None;
                }
                let wanted: Vec<&str> = roles.iter().map(|r| r.code()).collect();
                Some(format!(
                    "{who} is a {}, not {}",
                    role.code(),
                    wanted.join(" or ")
                ))
            }
            _ => None,
        });
        if let Some(reason) = reason {
            ctx.warn(
                "registration.out_of_scope",
                at.clone().key("registrant"),
                format!("{reason}: outside the target of {name:?}"),
            );
        }
    }
    (units, by_registrant)
}

type ContestIndex = HashMap<ContestId, u32>;

/// Contests; returns the index and the unit each result is credited to.
fn check_contests(
    ctx: &mut Ctx<'_>,
    campaigns: &[Campaign],
    index: &CampaignIndex,
    contests: &[Contest],
) -> (ContestIndex, Vec<Vec<Option<UnitId>>>) {
    let mut ids = HashMap::with_capacity(contests.len());
    let mut credited = Vec::with_capacity(contests.len());
    for (i, contest) in contests.iter().enumerate() {
        let at = path("contests", i);
        let name = contest.name().as_str();
        if let Some(&first) = ids.get(&contest.id()) {
            ctx.error(
                "contest.duplicate_id",
                at.clone().key("id"),
                format!(
                    "contest id {} is already used at $.contests[{first}]",
                    contest.id()
                ),
            );
        } else {
            ids.insert(contest.id(), u32::try_from(i).unwrap_or(u32::MAX));
        }
        if let Some(campaign) = contest.campaign() {
            match index
                .get(&campaign)
                .and_then(|&k| campaigns.get(k as usize))
            {
                None => ctx.error(
                    "contest.unknown_campaign",
                    at.clone().key("campaign"),
                    format!("campaign {campaign} is not in the dataset"),
                ),
                Some(c) if !periods_overlap(&contest.period(), &c.period()) => ctx.warn(
                    "contest.period_mismatch",
                    at.clone().key("period"),
                    format!(
                        "contest {name:?} is held in {}, outside its campaign {:?} ({})",
                        contest.period(),
                        c.name().as_str(),
                        c.period()
                    ),
                ),
                Some(_) => {}
            }
        }
        for (j, &entrant) in contest.entrants().iter().enumerate() {
            ctx.check_participant("contest", entrant, at.clone().key("entrants").index(j));
        }
        let day = contest.reference_day();
        let mut units = Vec::with_capacity(contest.results().len());
        for (j, result) in contest.results().iter().enumerate() {
            let at = at.clone().key("results").index(j);
            let unit = match result {
                ContestResult::Winner { winner, .. } => {
                    let winner = *winner;
                    if !ctx.check_participant("contest", winner, at.clone().key("winner")) {
                        None
                    } else {
                        if !contest.entrants().is_empty() && !contest.entrants().contains(&winner) {
                            ctx.warn(
                                "contest.winner_not_entrant",
                                at.key("winner"),
                                format!(
                                    "{} wins a prize in {name:?} but is not among its entrants",
                                    ctx.who(winner)
                                ),
                            );
                        }
                        ctx.unit_of(winner, day)
                    }
                }
                ContestResult::Counted { unit, .. } => match *unit {
                    Some(u) if ctx.check_unit("contest", u, at.key("unit")) => Some(u),
                    _ => None,
                },
            };
            units.push(unit);
        }
        credited.push(units);
        if let Some(total) = contest.reported_prizes() {
            let tally = contest.tally();
            if !may_fit_within(Reported::exact(tally.itemised()), total) {
                ctx.warn(
                    "contest.breakdown_exceeds_total",
                    at.clone().key("reported_prizes"),
                    format!(
                        "the results of {name:?} itemise {} prizes, more than the {total} reported",
                        Reported::exact(tally.itemised())
                    ),
                );
            }
        }
    }
    (ids, credited)
}

/// Students' results.
fn check_student_results(ctx: &mut Ctx<'_>, results: &[StudentResults]) {
    let at_most_one = Reported::new(Ratio::ONE, Qualifier::AtMost);
    for (i, r) in results.iter().enumerate() {
        let at = path("student_results", i);
        ctx.check_unit("student_results", r.unit(), at.clone().key("unit"));
        for (j, g) in r.gifted_counts().iter().enumerate() {
            let earlier = r.gifted_counts().get(..j).unwrap_or(&[]);
            if let Some(first) = earlier.iter().position(|e| e.level() == g.level()) {
                ctx.warn(
                    "student_results.duplicate_level",
                    at.clone().key("gifted").index(j).key("level"),
                    format!(
                        "gifted students at {} are given twice for {} in {}: {} here and {} at $.student_results[{i}].gifted[{first}]",
                        g.level().label_en(),
                        ctx.code(r.unit()),
                        r.period(),
                        g.count(),
                        earlier.get(first).map(|e| e.count().to_string()).unwrap_or_default()
                    ),
                );
            }
        }
        for (j, rate) in r.rates().iter().enumerate() {
            if !rate.rate().may_equal(&at_most_one) {
                ctx.warn(
                    "student_results.rate_exceeds_one",
                    at.clone().key("rates").index(j).key("rate"),
                    format!(
                        "a students' rate of {} for {} in {} is more than 100%",
                        rate.rate(),
                        ctx.code(r.unit()),
                        r.period()
                    ),
                );
            }
        }
    }
}
