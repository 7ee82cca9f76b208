//! Building the checked collection of campaigns: every reference, period, cycle and
//! figure checked, every problem reported with its path.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::award::catalogue::TitleCode;
use crate::campaign::contest::{Contest, ContestResult, StudentResults};
use crate::campaign::record::{Campaign, Launch, Launcher, Participant, Registration};
use crate::diagnostic::{DataPath, Diagnostic, Diagnostics, Severity, quote};
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

/// The lists whose records name units and members, for the codes of unknown ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    Campaigns,
    Launches,
    Registrations,
    Contests,
    StudentResults,
}

/// Why a unit is outside a campaign's target (see [`Ctx::outside`]).
enum Outside {
    /// The unit does not exist that day.
    NotAlive,
    /// The unit is not in the subtree of any of these units.
    NotInArea(Vec<UnitId>),
    /// The unit is in another bloc than the wanted ones.
    OtherBloc(Bloc, Vec<Bloc>),
    /// The unit has no bloc and some are wanted.
    NoBloc(Vec<Bloc>),
}

/// A day as Vietnamese messages write it: `01/07/2025`.
fn day_vi(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

fn bloc_codes(blocs: &[Bloc]) -> String {
    blocs
        .iter()
        .map(|b| b.code())
        .collect::<Vec<_>>()
        .join(" or ")
}

/// Blocs as Vietnamese messages name them: `khối trường học hoặc khối khác`.
fn bloc_labels_vi(blocs: &[Bloc]) -> String {
    blocs
        .iter()
        .map(|b| b.label_vi())
        .collect::<Vec<_>>()
        .join(" hoặc ")
}

impl Ctx<'_> {
    fn push(&mut self, diagnostic: Diagnostic) {
        self.report.push(diagnostic);
    }

    /// The unit's code quoted for messages, or its id when unknown.
    fn code_in(&self, unit: UnitId, lang: Lang) -> String {
        self.hierarchy
            .unit(unit)
            .map_or_else(|| unit.to_string(), |u| quote(u.code().as_str(), lang))
    }

    fn who_in(&self, participant: Participant, lang: Lang) -> String {
        let (member_word, unit_word) = match lang {
            Lang::Vi => ("đoàn viên", "đơn vị"),
            Lang::En => ("member", "unit"),
        };
        match participant {
            Participant::Member { member } => {
                match self.roster.member(member).and_then(|m| m.name()) {
                    Some(name) => format!("{member_word} {member} ({name})"),
                    None => format!("{member_word} {member}"),
                }
            }
            Participant::Unit { unit } => format!("{unit_word} {}", self.code_in(unit, lang)),
        }
    }

    /// Why a unit is outside, as a predicate for the unit (`is not in the area of …`).
    fn outside_in(&self, outside: &Outside, lang: Lang) -> String {
        match (outside, lang) {
            (Outside::NotAlive, Lang::Vi) => "không tồn tại".to_owned(),
            (Outside::NotAlive, Lang::En) => "does not exist".to_owned(),
            (Outside::NotInArea(roots), lang) => {
                let area: Vec<String> = roots.iter().map(|&r| self.code_in(r, lang)).collect();
                match lang {
                    Lang::Vi => format!("không thuộc địa bàn của {}", area.join(", ")),
                    Lang::En => format!("is not in the area of {}", area.join(", ")),
                }
            }
            (Outside::OtherBloc(b, wanted), Lang::Vi) => format!(
                "thuộc {}, không phải {}",
                b.label_vi(),
                bloc_labels_vi(wanted)
            ),
            (Outside::OtherBloc(b, wanted), Lang::En) => {
                format!("is in the {} bloc, not {}", b.code(), bloc_codes(wanted))
            }
            (Outside::NoBloc(wanted), Lang::Vi) => {
                format!("chưa thuộc khối nào, không phải {}", bloc_labels_vi(wanted))
            }
            (Outside::NoBloc(wanted), Lang::En) => {
                format!("has no bloc, not {}", bloc_codes(wanted))
            }
        }
    }

    /// Checks that a participant exists, reporting `registration.unknown_member`,
    /// `contest.unknown_member` or the list's unknown unit at `at`.
    fn check_participant(&mut self, list: List, participant: Participant, at: DataPath) -> bool {
        match participant {
            Participant::Member { member } => {
                let known = self.roster.member(member).is_some();
                if !known {
                    let at = at.key("member");
                    self.push(if list == List::Contests {
                        Diagnostic::of("contest.unknown_member", Severity::Error, at)
                            .arg("member", member)
                    } else {
                        Diagnostic::of("registration.unknown_member", Severity::Error, at)
                            .arg("member", member)
                    });
                }
                known
            }
            Participant::Unit { unit } => self.check_unit(list, unit, at.key("unit")),
        }
    }

    fn check_unit(&mut self, list: List, unit: UnitId, at: DataPath) -> bool {
        let known = self.hierarchy.index_of(unit).is_some();
        if !known {
            self.push(match list {
                List::Campaigns => {
                    Diagnostic::of("campaign.unknown_unit", Severity::Error, at).arg("unit", unit)
                }
                List::Launches => {
                    Diagnostic::of("launch.unknown_unit", Severity::Error, at).arg("unit", unit)
                }
                List::Registrations => {
                    Diagnostic::of("registration.unknown_unit", Severity::Error, at)
                        .arg("unit", unit)
                }
                List::Contests => {
                    Diagnostic::of("contest.unknown_unit", Severity::Error, at).arg("unit", unit)
                }
                List::StudentResults => {
                    Diagnostic::of("student_results.unknown_unit", Severity::Error, at)
                        .arg("unit", unit)
                }
            });
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

    /// Why `unit` is outside the area of `roots` and the `blocs` on `date`, if it is
    /// (written by [`Ctx::outside_in`]).
    /// Blocs apply to grassroots unions and the units inside them, whose bloc is the
    /// nearest one given on the way up.
    fn outside(
        &self,
        roots: &[UnitId],
        blocs: &[Bloc],
        unit: UnitId,
        date: NaiveDate,
    ) -> Option<Outside> {
        let h = self.hierarchy;
        let start = h.index_of(unit)?;
        let state = h.state_at(start)?;
        if !state.is_alive(date) {
            return Some(Outside::NotAlive);
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
            return Some(Outside::NotInArea(roots.to_vec()));
        }
        if blocs.is_empty() || !state.record.kind().holds_members() {
            return None;
        }
        match bloc {
            Some(b) if blocs.contains(&b) => None,
            Some(b) => Some(Outside::OtherBloc(b, blocs.to_vec())),
            None => Some(Outside::NoBloc(blocs.to_vec())),
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
            ctx.push(
                Diagnostic::of(
                    "campaign.duplicate_id",
                    Severity::Error,
                    at.clone().key("id"),
                )
                .arg("id", c.id())
                .arg("first", format!("$.campaigns[{first}]")),
            );
        } else {
            index.insert(c.id(), n);
        }
        if c.launchers().is_empty() {
            ctx.push(
                Diagnostic::of(
                    "campaign.no_launcher",
                    Severity::Error,
                    at.clone().key("launchers"),
                )
                .quoted("name", c.name().as_str()),
            );
        }
        let mut launching_units = Vec::new();
        for (j, launcher) in c.launchers().iter().enumerate() {
            let at = at.clone().key("launchers").index(j);
            match *launcher {
                Launcher::Unit { unit } => {
                    if ctx.check_unit(List::Campaigns, unit, at.key("unit")) {
                        launching_units.push(unit);
                    }
                }
                Launcher::Partner { partner } => {
                    if ctx.hierarchy.partner(partner).is_none() {
                        ctx.push(
                            Diagnostic::of(
                                "campaign.unknown_partner",
                                Severity::Error,
                                at.key("partner"),
                            )
                            .arg("partner", partner),
                        );
                    }
                }
            }
        }
        let mut targets = Vec::new();
        for (j, &unit) in c.target().units().iter().enumerate() {
            let at = at.clone().key("target").key("units").index(j);
            if ctx.check_unit(List::Campaigns, unit, at) {
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
                ctx.push(
                    Diagnostic::of(
                        "campaign.no_target",
                        Severity::Error,
                        at.clone().key("target").key("units"),
                    )
                    .quoted("name", c.name().as_str()),
                );
            }
        }
        roots.push(targets);
        if let Some(window) = c.registration_window()
            && !window.overlaps(&c.period().default_span())
        {
            ctx.push(
                Diagnostic::of(
                    "campaign.window_outside_period",
                    Severity::Warning,
                    at.clone().key("registration_window"),
                )
                .date("start", window.start())
                .date("end", window.end())
                .quoted("name", c.name().as_str())
                .arg("period", c.period()),
            );
        }
        for (j, figure) in c.reported_coverage().iter().enumerate() {
            ctx.check_unit(
                List::Campaigns,
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
                    ctx.push(
                        Diagnostic::of(
                            "campaign.unknown_parent",
                            Severity::Error,
                            path("campaigns", i).key("parent"),
                        )
                        .arg("campaign", p),
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
            ctx.push(
                Diagnostic::of(
                    "campaign.outside_parent_period",
                    Severity::Warning,
                    path("campaigns", i).key("period"),
                )
                .quoted("name", c.name().as_str())
                .arg("period", c.period())
                .quoted("parent", parent.name().as_str())
                .arg("parent_period", parent.period()),
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
    let names = |lang| {
        tail.iter()
            .chain(head)
            .chain(std::iter::once(&first))
            .filter_map(|&k| campaigns.get(k))
            .map(|c| quote(c.name().as_str(), lang))
            .collect::<Vec<_>>()
            .join(" → ")
    };
    ctx.push(
        Diagnostic::of(
            "campaign.parent_cycle",
            Severity::Error,
            path("campaigns", first).key("parent"),
        )
        .words("cycle", names(Lang::Vi), names(Lang::En)),
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
            ctx.push(
                Diagnostic::of(
                    "launch.unknown_campaign",
                    Severity::Error,
                    at.clone().key("campaign"),
                )
                .arg("campaign", launch.campaign()),
            );
        }
        if !ctx.check_unit(List::Launches, launch.unit(), at.clone().key("unit")) {
            continue;
        }
        let Some(k) = campaign else { continue };
        let Some(c) = campaigns.get(k) else { continue };
        let (vi, en) = (
            ctx.code_in(launch.unit(), Lang::Vi),
            ctx.code_in(launch.unit(), Lang::En),
        );
        let name = c.name().as_str();
        if !ctx.hierarchy.is_alive(launch.unit(), launch.date()) {
            ctx.push(
                Diagnostic::of(
                    "launch.unit_not_alive",
                    Severity::Error,
                    at.clone().key("date"),
                )
                .words("unit", vi, en)
                .date("date", launch.date())
                .quoted("name", name),
            );
            continue;
        }
        if let Some(first) = first_at.insert((launch.campaign(), launch.unit()), i) {
            first_at.insert((launch.campaign(), launch.unit()), first);
            ctx.push(
                Diagnostic::of("launch.duplicate", Severity::Warning, at.clone())
                    .words("unit", &vi, &en)
                    .quoted("name", name)
                    .arg("first", format!("$.launches[{first}]")),
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
            ctx.push(
                Diagnostic::of(
                    "launch.out_of_scope",
                    Severity::Warning,
                    at.clone().key("unit"),
                )
                .words("unit", &vi, &en)
                .quoted("name", name)
                .date("date", launch.date())
                .words(
                    "reason",
                    ctx.outside_in(&reason, Lang::Vi),
                    ctx.outside_in(&reason, Lang::En),
                ),
            );
        }
        let end = c.period().default_span().end();
        if launch.date() > end {
            ctx.push(
                Diagnostic::of(
                    "launch.after_period",
                    Severity::Warning,
                    at.clone().key("date"),
                )
                .words("unit", &vi, &en)
                .quoted("name", name)
                .date("date", launch.date())
                .arg("period", c.period())
                .date("end", end),
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
            let (vi, en) = match coverage.ratio() {
                Some(ratio) if reported.admits(ratio) => continue,
                Some(ratio) => {
                    let found = format!(
                        "{} ({})",
                        ratio.to_fraction_string(Lang::Vi),
                        ratio.to_percent_string(2, Lang::Vi)
                    );
                    (found.clone(), found)
                }
                None => (
                    "không có công đoàn cơ sở nào thuộc đối tượng".to_owned(),
                    "no target grassroots union".to_owned(),
                ),
            };
            ctx.push(
                Diagnostic::of(
                    "campaign.coverage_mismatch",
                    Severity::Warning,
                    path("campaigns", i)
                        .key("reported_coverage")
                        .index(j)
                        .key("coverage"),
                )
                .words(
                    "reported",
                    reported.to_string_in(Lang::Vi),
                    reported.to_string(),
                )
                .quoted("name", c.name().as_str())
                .words(
                    "unit",
                    ctx.code_in(figure.scope(), Lang::Vi),
                    ctx.code_in(figure.scope(), Lang::En),
                )
                .date("date", figure.as_of())
                .words("found", vi, en),
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
            ctx.push(
                Diagnostic::of(
                    "registration.duplicate_id",
                    Severity::Error,
                    at.clone().key("id"),
                )
                .arg("id", r.id())
                .arg("first", format!("$.registrations[{first}]")),
            );
        }
        let campaign = index.get(&r.campaign()).map(|&k| k as usize);
        if campaign.is_none() {
            ctx.push(
                Diagnostic::of(
                    "registration.unknown_campaign",
                    Severity::Error,
                    at.clone().key("campaign"),
                )
                .arg("campaign", r.campaign()),
            );
        }
        let known = ctx.check_participant(
            List::Registrations,
            r.registrant(),
            at.clone().key("registrant"),
        );
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
        let (who_vi, who_en) = (
            ctx.who_in(r.registrant(), Lang::Vi),
            ctx.who_in(r.registrant(), Lang::En),
        );
        if !periods_overlap(&r.period(), &c.period()) {
            ctx.push(
                Diagnostic::of(
                    "registration.period_mismatch",
                    Severity::Warning,
                    at.clone().key("period"),
                )
                .words("who", &who_vi, &who_en)
                .arg("period", r.period())
                .quoted("name", name)
                .arg("campaign_period", c.period()),
            );
        }
        let (opens, deadline) = match c.registration_window() {
            Some(w) => (Some(w.start()), w.end()),
            None => (None, c.period().default_span().end()),
        };
        if let Some(opens) = opens.filter(|&o| r.date() < o) {
            ctx.push(
                Diagnostic::of(
                    "registration.early",
                    Severity::Warning,
                    at.clone().key("date"),
                )
                .words("who", &who_vi, &who_en)
                .arg("title", r.title())
                .quoted("name", name)
                .date("date", r.date())
                .date("opens", opens),
            );
        }
        if r.date() > deadline {
            let at = at.clone().key("date");
            ctx.push(if opens.is_some() {
                Diagnostic::of("registration.late", Severity::Warning, at)
                    .words("who", &who_vi, &who_en)
                    .arg("title", r.title())
                    .quoted("name", name)
                    .date("date", r.date())
                    .date("deadline", deadline)
            } else {
                Diagnostic::of("registration.late", Severity::Warning, at)
                    .variant("period_end")
                    .words("who", &who_vi, &who_en)
                    .arg("title", r.title())
                    .quoted("name", name)
                    .date("date", r.date())
                    .date("deadline", deadline)
            });
        }
        let span = r.period().default_span();
        let key = (r.registrant(), r.title(), span.start(), span.end());
        if let Some(first) = first_at.insert(key, i) {
            first_at.insert(key, first);
            ctx.push(
                Diagnostic::of("registration.duplicate", Severity::Warning, at.clone())
                    .words("who", &who_vi, &who_en)
                    .arg("title", r.title())
                    .arg("period", r.period())
                    .arg("first", format!("$.registrations[{first}]")),
            );
        }
        let target = roots.get(k).map(Vec::as_slice).unwrap_or(&[]);
        let date = r.date();
        let reason = match unit {
            None => Some((
                format!(
                    "{who_vi} không sinh hoạt tại đơn vị nào vào ngày {}",
                    day_vi(date)
                ),
                format!("{who_en} belongs to no unit on {date}"),
            )),
            Some(u) => ctx.outside(target, c.target().blocs(), u, date).map(|why| {
                let (why_vi, why_en) = (
                    ctx.outside_in(&why, Lang::Vi),
                    ctx.outside_in(&why, Lang::En),
                );
                match r.registrant() {
                    Participant::Member { .. } => (
                        format!(
                            "{who_vi} sinh hoạt tại {} vào ngày {}, đơn vị này {why_vi}",
                            ctx.code_in(u, Lang::Vi),
                            day_vi(date)
                        ),
                        format!(
                            "{who_en} belongs to {} on {date}, which {why_en}",
                            ctx.code_in(u, Lang::En)
                        ),
                    ),
                    _ => (
                        format!("{who_vi} đăng ký ngày {} nhưng {why_vi}", day_vi(date)),
                        format!("{who_en} registers on {date} but {why_en}"),
                    ),
                }
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
                Some((
                    format!(
                        "{who_vi} có chức danh {}, không phải {}",
                        role.code(),
                        wanted.join(" hoặc ")
                    ),
                    format!("{who_en} is a {}, not {}", role.code(), wanted.join(" or ")),
                ))
            }
            _ => None,
        });
        if let Some((vi, en)) = reason {
            ctx.push(
                Diagnostic::of(
                    "registration.out_of_scope",
                    Severity::Warning,
                    at.clone().key("registrant"),
                )
                .words("reason", vi, en)
                .quoted("name", name),
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
            ctx.push(
                Diagnostic::of(
                    "contest.duplicate_id",
                    Severity::Error,
                    at.clone().key("id"),
                )
                .arg("id", contest.id())
                .arg("first", format!("$.contests[{first}]")),
            );
        } else {
            ids.insert(contest.id(), u32::try_from(i).unwrap_or(u32::MAX));
        }
        if let Some(campaign) = contest.campaign() {
            match index
                .get(&campaign)
                .and_then(|&k| campaigns.get(k as usize))
            {
                None => ctx.push(
                    Diagnostic::of(
                        "contest.unknown_campaign",
                        Severity::Error,
                        at.clone().key("campaign"),
                    )
                    .arg("campaign", campaign),
                ),
                Some(c) if !periods_overlap(&contest.period(), &c.period()) => ctx.push(
                    Diagnostic::of(
                        "contest.period_mismatch",
                        Severity::Warning,
                        at.clone().key("period"),
                    )
                    .quoted("name", name)
                    .arg("period", contest.period())
                    .quoted("campaign", c.name().as_str())
                    .arg("campaign_period", c.period()),
                ),
                Some(_) => {}
            }
        }
        for (j, &entrant) in contest.entrants().iter().enumerate() {
            ctx.check_participant(List::Contests, entrant, at.clone().key("entrants").index(j));
        }
        let day = contest.reference_day();
        let mut units = Vec::with_capacity(contest.results().len());
        for (j, result) in contest.results().iter().enumerate() {
            let at = at.clone().key("results").index(j);
            let unit = match result {
                ContestResult::Winner { winner, .. } => {
                    let winner = *winner;
                    if !ctx.check_participant(List::Contests, winner, at.clone().key("winner")) {
                        None
                    } else {
                        if !contest.entrants().is_empty() && !contest.entrants().contains(&winner) {
                            let who = (ctx.who_in(winner, Lang::Vi), ctx.who_in(winner, Lang::En));
                            ctx.push(
                                Diagnostic::of(
                                    "contest.winner_not_entrant",
                                    Severity::Warning,
                                    at.key("winner"),
                                )
                                .words("who", who.0, who.1)
                                .quoted("name", name),
                            );
                        }
                        ctx.unit_of(winner, day)
                    }
                }
                ContestResult::Counted { unit, .. } => match *unit {
                    Some(u) if ctx.check_unit(List::Contests, u, at.key("unit")) => Some(u),
                    _ => None,
                },
            };
            units.push(unit);
        }
        credited.push(units);
        if let Some(total) = contest.reported_prizes() {
            let tally = contest.tally();
            if !may_fit_within(Reported::exact(tally.itemised()), total) {
                let itemised = Reported::exact(tally.itemised());
                ctx.push(
                    Diagnostic::of(
                        "contest.breakdown_exceeds_total",
                        Severity::Warning,
                        at.clone().key("reported_prizes"),
                    )
                    .quoted("name", name)
                    .words(
                        "itemised",
                        itemised.to_string_in(Lang::Vi),
                        itemised.to_string(),
                    )
                    .words(
                        "total",
                        total.to_string_in(Lang::Vi),
                        total.to_string(),
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
        ctx.check_unit(List::StudentResults, r.unit(), at.clone().key("unit"));
        for (j, g) in r.gifted_counts().iter().enumerate() {
            let earlier = r.gifted_counts().get(..j).unwrap_or(&[]);
            if let Some(first) = earlier.iter().position(|e| e.level() == g.level()) {
                let other = earlier.get(first).map(|e| e.count());
                ctx.push(
                    Diagnostic::of(
                        "student_results.duplicate_level",
                        Severity::Warning,
                        at.clone().key("gifted").index(j).key("level"),
                    )
                    .words("level", g.level().label_vi(), g.level().label_en())
                    .words(
                        "unit",
                        ctx.code_in(r.unit(), Lang::Vi),
                        ctx.code_in(r.unit(), Lang::En),
                    )
                    .arg("period", r.period())
                    .words(
                        "count",
                        g.count().to_string_in(Lang::Vi),
                        g.count().to_string(),
                    )
                    .words(
                        "other",
                        other.map(|c| c.to_string_in(Lang::Vi)).unwrap_or_default(),
                        other.map(|c| c.to_string()).unwrap_or_default(),
                    )
                    .arg("first", format!("$.student_results[{i}].gifted[{first}]")),
                );
            }
        }
        for (j, rate) in r.rates().iter().enumerate() {
            if !rate.rate().may_equal(&at_most_one) {
                ctx.push(
                    Diagnostic::of(
                        "student_results.rate_exceeds_one",
                        Severity::Warning,
                        at.clone().key("rates").index(j).key("rate"),
                    )
                    .words(
                        "rate",
                        rate.rate().to_string_in(Lang::Vi),
                        rate.rate().to_string(),
                    )
                    .words(
                        "unit",
                        ctx.code_in(r.unit(), Lang::Vi),
                        ctx.code_in(r.unit(), Lang::En),
                    )
                    .arg("period", r.period()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::record::{CampaignKind, Target};
    use crate::org::kind::UnitKind;
    use crate::org::unit::{UnitCode, UnitRecord};
    use crate::value::text::{Label, UnitName};

    fn unit(code: &str, kind: UnitKind, name: &str) -> UnitRecord {
        UnitRecord::new(
            UnitId::from_key(code),
            UnitCode::try_new(code).unwrap(),
            kind,
            UnitName::try_new(name).unwrap(),
        )
    }

    #[test]
    fn a_launch_outside_the_target_reads_in_both_languages() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let district = unit("HN.TH", UnitKind::DistrictFederation, "LĐLĐ quận Tây Hồ");
        let school = unit("HN.TH.TH1", UnitKind::Grassroots, "Công đoàn Trường số 1")
            .with_parent(UnitId::from_key("HN.TH"))
            .with_bloc(Bloc::Schools);
        let firm = unit("HN.TH.DN1", UnitKind::Grassroots, "Công đoàn Công ty số 1")
            .with_parent(UnitId::from_key("HN.TH"))
            .with_bloc(Bloc::ProductionBusiness);
        let hierarchy = Hierarchy::build(vec![district, school, firm], vec![], vec![]).unwrap();
        let roster = Roster::build(&hierarchy, vec![], vec![], vec![]).unwrap();
        let id = CampaignId::from_key("th/2020/hai-tot");
        let mut data = CampaignData::default();
        data.campaigns.push(
            Campaign::new(
                id,
                CampaignKind::Regular,
                Label::try_new("Hai tốt").unwrap(),
                "năm 2020".parse().unwrap(),
            )
            .with_launcher(Launcher::Unit {
                unit: UnitId::from_key("HN.TH"),
            })
            .with_target(Target::new().with_bloc(Bloc::Schools)),
        );
        data.launches.push(Launch::new(
            id,
            UnitId::from_key("HN.TH.DN1"),
            day(2020, 3, 2),
        ));
        let campaigns = Campaigns::build(&hierarchy, &roster, data).unwrap();
        let d = campaigns
            .warnings
            .with_code("launch.out_of_scope")
            .next()
            .unwrap();
        assert_eq!(
            d.message_in(Lang::Vi),
            "đơn vị “HN.TH.DN1” phát động phong trào “Hai tốt” ngày 02/03/2020 nhưng thuộc khối sản \
             xuất kinh doanh, không phải khối trường học: nằm ngoài đối tượng của phong trào"
        );
        assert_eq!(
            d.message_in(Lang::En),
            "unit \"HN.TH.DN1\" launched \"Hai tốt\" on 2020-03-02 but is in the \
             production_business bloc, not schools: outside its target"
        );
    }
}
