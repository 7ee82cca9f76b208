//! Campaigns, who launches them and for whom, launch records and registrations, as
//! they appear in data.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::award::catalogue::TitleCode;
use crate::org::kind::Bloc;
use crate::people::member::Role;
use crate::value::id::{CampaignId, MemberId, PartnerId, RegistrationId, UnitId};
use crate::value::period::{DateRange, Period};
use crate::value::ratio::Ratio;
use crate::value::reported::Reported;
use crate::value::text::Label;

labelled_enum! {
    /// What a campaign is (DOMAIN §2).
    ///
    /// Awards for thematic achievements do not count as grounds for proposing higher
    /// merit awards (ND 152/2025/NĐ-CP Đ.4 k.3): the rules read this kind.
    pub enum CampaignKind {
        /// *Phong trào thi đua thường xuyên*: a regular or annual movement ("Dạy tốt -
        /// Học tốt", "Giỏi việc nước, đảm việc nhà").
        Regular => ("regular", "phong trào thi đua thường xuyên", "regular movement"),
        /// *Phong trào thi đua chuyên đề*: a thematic movement, often for a phase
        /// ("Nhà trường cùng chung tay phát triển" giai đoạn 2022-2025).
        Thematic => ("thematic", "phong trào thi đua chuyên đề", "thematic movement"),
        /// *Cuộc vận động*: a long drive ("Mỗi thầy cô giáo là một tấm gương đạo đức,
        /// tự học và sáng tạo").
        Drive => ("drive", "cuộc vận động", "drive"),
        /// *Giải thưởng*: an awards programme ("Nhà giáo Hà Nội tâm huyết sáng tạo").
        AwardProgramme => ("award_programme", "giải thưởng", "awards programme"),
        /// *Phong trào thi đua đạt danh hiệu*: a movement for a title ("Công nhân giỏi").
        TitleMovement => ("title_movement", "phong trào thi đua đạt danh hiệu", "title movement"),
    }
}

/// A body that launches (*phát động*) a campaign: a union unit or a partner body such
/// as *Phòng GD&ĐT*. Co-launching is normal.
///
/// In files: `{"kind": "unit", "unit": "…"}` or `{"kind": "partner", "partner": "…"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Launcher {
    /// A union unit (*LĐLĐ quận*, a CĐCS).
    Unit {
        /// The unit.
        unit: UnitId,
    },
    /// A non-union partner body (*Phòng GD&ĐT*, *UBND*).
    Partner {
        /// The body.
        partner: PartnerId,
    },
}

/// Who takes part: a member (an individual, *cá nhân*) or a unit (a collective, *tập
/// thể*) — registrants, contest entrants and winners.
///
/// In files: `{"kind": "member", "member": "…"}` or `{"kind": "unit", "unit": "…"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Participant {
    /// An individual.
    Member {
        /// The member.
        member: MemberId,
    },
    /// A collective.
    Unit {
        /// The unit.
        unit: UnitId,
    },
}

impl Participant {
    /// An individual.
    pub fn member(member: MemberId) -> Self {
        Self::Member { member }
    }

    /// A collective.
    pub fn unit(unit: UnitId) -> Self {
        Self::Unit { unit }
    }
}

/// Whom a campaign is for: the subtrees of some units, optionally only grassroots
/// unions of some blocs (*khối*), and optionally only some roles ("100% CBGVNV":
/// managers, teachers and staff).
///
/// No units means the subtrees of the union units that launch the campaign; no blocs
/// or no roles mean all of them.
///
/// ```
/// use thidua::{Bloc, Role, Target, UnitId};
///
/// let schools = Target::new()
///     .with_unit(UnitId::from_key("HN.BTL"))
///     .with_bloc(Bloc::Schools)
///     .with_role(Role::Manager)
///     .with_role(Role::Teacher)
///     .with_role(Role::Staff);
/// assert_eq!(schools.blocs(), [Bloc::Schools]);
/// assert_eq!(schools.roles().len(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Target {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    units: Vec<UnitId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    blocs: Vec<Bloc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    roles: Vec<Role>,
}

impl Target {
    /// Everyone under the launching union units.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a unit whose whole subtree is targeted.
    #[must_use]
    pub fn with_unit(mut self, unit: UnitId) -> Self {
        self.units.push(unit);
        self
    }

    /// Limits grassroots unions to a bloc (add several for several blocs).
    #[must_use]
    pub fn with_bloc(mut self, bloc: Bloc) -> Self {
        self.blocs.push(bloc);
        self
    }

    /// Limits individuals to a role (add several for several roles).
    #[must_use]
    pub fn with_role(mut self, role: Role) -> Self {
        self.roles.push(role);
        self
    }

    /// The units whose subtrees are targeted (empty: the launching units').
    pub fn units(&self) -> &[UnitId] {
        &self.units
    }

    /// The blocs targeted (empty: all).
    pub fn blocs(&self) -> &[Bloc] {
        &self.blocs
    }

    /// The roles targeted (empty: all).
    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    fn is_default(&self) -> bool {
        self == &Self::default()
    }
}

/// A coverage figure a report gives for a campaign: the share of target grassroots
/// unions in the area of `scope` that had launched it by `as_of` ("100% CĐCS",
/// "trên 90% công đoàn cơ sở tổ chức phát động"). Checked against the launch records
/// when the campaigns are built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ReportedCoverage {
    scope: UnitId,
    #[serde(deserialize_with = "crate::value::period::day::deserialize")]
    as_of: NaiveDate,
    coverage: Reported<Ratio>,
}

impl ReportedCoverage {
    /// The figure `coverage` for the area of `scope` on `as_of`.
    pub fn new(scope: UnitId, as_of: NaiveDate, coverage: Reported<Ratio>) -> Self {
        Self {
            scope,
            as_of,
            coverage,
        }
    }

    /// The unit whose area the figure covers.
    pub fn scope(&self) -> UnitId {
        self.scope
    }

    /// The day the figure holds for.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The figure as reported.
    pub fn coverage(&self) -> Reported<Ratio> {
        self.coverage
    }
}

/// A campaign (*phong trào thi đua*, *cuộc vận động*, *giải thưởng*): its kind, name,
/// launching bodies, period, target, goals and criteria, the campaign it belongs
/// under (a district movement under a city one), a registration window and coverage
/// figures reports give for it.
///
/// ```
/// use thidua::{Campaign, CampaignId, CampaignKind, Label, Launcher, PartnerId, UnitId};
///
/// let two_goods = Campaign::new(
///     CampaignId::from_key("btl/2023-2024/day-tot-hoc-tot"),
///     CampaignKind::Regular,
///     Label::try_new("Dạy tốt - Học tốt")?,
///     "năm học 2023 - 2024".parse()?,
/// )
/// .with_launcher(Launcher::Unit { unit: UnitId::from_key("HN.BTL") })
/// .with_launcher(Launcher::Partner { partner: PartnerId::from_key("pgd-btl") })
/// .with_goal(Label::try_new("100% CBGVNV hoàn thành nhiệm vụ")?);
/// assert_eq!(two_goods.launchers().len(), 2);
/// assert_eq!(two_goods.period().to_string(), "năm học 2023-2024");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    id: CampaignId,
    kind: CampaignKind,
    name: Label,
    #[serde(default)]
    launchers: Vec<Launcher>,
    period: Period,
    #[serde(default, skip_serializing_if = "Target::is_default")]
    target: Target,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    goals: Vec<Label>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    criteria: Vec<Label>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    parent: Option<CampaignId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    registration_window: Option<DateRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    reported_coverage: Vec<ReportedCoverage>,
}

impl Campaign {
    /// A campaign with no launcher, target, goals or parent yet.
    pub fn new(id: CampaignId, kind: CampaignKind, name: Label, period: Period) -> Self {
        Self {
            id,
            kind,
            name,
            launchers: Vec::new(),
            period,
            target: Target::new(),
            goals: Vec::new(),
            criteria: Vec::new(),
            parent: None,
            registration_window: None,
            reported_coverage: Vec::new(),
        }
    }

    /// Adds a launching body.
    #[must_use]
    pub fn with_launcher(mut self, launcher: Launcher) -> Self {
        self.launchers.push(launcher);
        self
    }

    /// Sets the target population.
    #[must_use]
    pub fn with_target(mut self, target: Target) -> Self {
        self.target = target;
        self
    }

    /// Adds a goal (*mục tiêu*).
    #[must_use]
    pub fn with_goal(mut self, goal: Label) -> Self {
        self.goals.push(goal);
        self
    }

    /// Adds a criterion (*tiêu chí*).
    #[must_use]
    pub fn with_criterion(mut self, criterion: Label) -> Self {
        self.criteria.push(criterion);
        self
    }

    /// Places the campaign under another.
    #[must_use]
    pub fn with_parent(mut self, parent: CampaignId) -> Self {
        self.parent = Some(parent);
        self
    }

    /// Sets the days registrations are accepted (the last one is the deadline).
    #[must_use]
    pub fn with_registration_window(mut self, window: DateRange) -> Self {
        self.registration_window = Some(window);
        self
    }

    /// Adds a coverage figure a report gives.
    #[must_use]
    pub fn with_reported_coverage(mut self, figure: ReportedCoverage) -> Self {
        self.reported_coverage.push(figure);
        self
    }

    /// The campaign's id.
    pub fn id(&self) -> CampaignId {
        self.id
    }

    /// Its kind.
    pub fn kind(&self) -> CampaignKind {
        self.kind
    }

    /// Its name.
    pub fn name(&self) -> &Label {
        &self.name
    }

    /// The bodies that launch it, in the order given.
    pub fn launchers(&self) -> &[Launcher] {
        &self.launchers
    }

    /// Its period.
    pub fn period(&self) -> Period {
        self.period
    }

    /// Whom it is for.
    pub fn target(&self) -> &Target {
        &self.target
    }

    /// Its goals.
    pub fn goals(&self) -> &[Label] {
        &self.goals
    }

    /// Its criteria.
    pub fn criteria(&self) -> &[Label] {
        &self.criteria
    }

    /// The campaign it belongs under, if any.
    pub fn parent(&self) -> Option<CampaignId> {
        self.parent
    }

    /// The days registrations are accepted, if limited.
    pub fn registration_window(&self) -> Option<DateRange> {
        self.registration_window
    }

    /// Coverage figures reports give for it.
    pub fn reported_coverage(&self) -> &[ReportedCoverage] {
        &self.reported_coverage
    }
}

/// A unit launching a campaign among its members on a day (*CĐCS tổ chức phát động*):
/// the fact coverage figures are counted from.
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{CampaignId, Launch, UnitId};
///
/// let day = NaiveDate::from_ymd_opt(2023, 9, 15).ok_or("date")?;
/// let launch = Launch::new(CampaignId::from_key("hai-tot"), UnitId::from_key("HN.BTL.TH001"), day);
/// assert_eq!(launch.date(), day);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Launch {
    campaign: CampaignId,
    unit: UnitId,
    #[serde(deserialize_with = "crate::value::period::day::deserialize")]
    date: NaiveDate,
}

impl Launch {
    /// `unit` launched `campaign` on `date`.
    pub fn new(campaign: CampaignId, unit: UnitId, date: NaiveDate) -> Self {
        Self {
            campaign,
            unit,
            date,
        }
    }

    /// The campaign launched.
    pub fn campaign(&self) -> CampaignId {
        self.campaign
    }

    /// The unit that launched it.
    pub fn unit(&self) -> UnitId {
        self.unit
    }

    /// The day.
    pub fn date(&self) -> NaiveDate {
        self.date
    }
}

/// A registration for a title (*đăng ký thi đua*): an individual or a collective
/// states, at the start of a period, the title it aims for under a campaign.
///
/// Law 06/2022/QH15 no longer makes registration a precondition of a title; many
/// units still require it. Whether it is required is a rule parameter; the rules ask
/// [`Campaigns::is_registered`].
///
/// [`Campaigns::is_registered`]: crate::Campaigns::is_registered
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{CampaignId, MemberId, Participant, Registration, RegistrationId};
///
/// let registration = Registration::new(
///     RegistrationId::from_key("btl/2023-2024/gv-001/ldtt"),
///     CampaignId::from_key("btl/2023-2024/day-tot-hoc-tot"),
///     Participant::member(MemberId::from_key("gv-001")),
///     "ldtt".parse()?,
///     "năm học 2023-2024".parse()?,
///     NaiveDate::from_ymd_opt(2023, 9, 20).ok_or("date")?,
/// );
/// assert_eq!(registration.title().as_str(), "ldtt");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Registration {
    id: RegistrationId,
    campaign: CampaignId,
    registrant: Participant,
    title: TitleCode,
    period: Period,
    #[serde(deserialize_with = "crate::value::period::day::deserialize")]
    date: NaiveDate,
}

impl Registration {
    /// `registrant` registers on `date`, under `campaign`, for `title` in `period`.
    pub fn new(
        id: RegistrationId,
        campaign: CampaignId,
        registrant: Participant,
        title: TitleCode,
        period: Period,
        date: NaiveDate,
    ) -> Self {
        Self {
            id,
            campaign,
            registrant,
            title,
            period,
            date,
        }
    }

    /// The registration's id.
    pub fn id(&self) -> RegistrationId {
        self.id
    }

    /// The campaign registered under.
    pub fn campaign(&self) -> CampaignId {
        self.campaign
    }

    /// Who registered.
    pub fn registrant(&self) -> Participant {
        self.registrant
    }

    /// The title aimed for.
    pub fn title(&self) -> &TitleCode {
        &self.title
    }

    /// The period the title is for.
    pub fn period(&self) -> Period {
        self.period
    }

    /// The day of registering.
    pub fn date(&self) -> NaiveDate {
        self.date
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::period::SchoolYear;
    use proptest::prelude::*;

    #[test]
    fn launchers_and_participants_are_tagged() {
        let unit = UnitId::from_key("HN.BTL");
        assert_eq!(
            serde_json::to_string(&Launcher::Unit { unit }).unwrap(),
            format!(r#"{{"kind":"unit","unit":"{unit}"}}"#)
        );
        let partner = PartnerId::from_key("pgd");
        let json = serde_json::to_string(&Launcher::Partner { partner }).unwrap();
        assert_eq!(
            json,
            format!(r#"{{"kind":"partner","partner":"{partner}"}}"#)
        );
        assert_eq!(
            serde_json::from_str::<Launcher>(&json).unwrap(),
            Launcher::Partner { partner }
        );
        let member = MemberId::from_key("gv");
        let json = serde_json::to_string(&Participant::member(member)).unwrap();
        assert_eq!(json, format!(r#"{{"kind":"member","member":"{member}"}}"#));
        // The tag must match the field.
        let wrong = format!(r#"{{"kind":"unit","member":"{member}"}}"#);
        assert!(serde_json::from_str::<Participant>(&wrong).is_err());
    }

    #[test]
    fn campaigns_in_files_leave_out_what_is_empty() {
        let c = Campaign::new(
            CampaignId::from_key("c"),
            CampaignKind::Drive,
            Label::try_new("Cuộc vận động").unwrap(),
            Period::Year("2024".parse().unwrap()),
        );
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(
            json,
            format!(
                r#"{{"id":"{}","kind":"drive","name":"Cuộc vận động","launchers":[],"period":{{"kind":"year","value":2024}}}}"#,
                c.id()
            )
        );
        assert_eq!(serde_json::from_str::<Campaign>(&json).unwrap(), c);
        let extra = json.replace(r#""launchers":[]"#, r#""launchers":[],"goal":"x""#);
        assert!(serde_json::from_str::<Campaign>(&extra).is_err());
    }

    proptest! {
        #[test]
        fn campaigns_round_trip_through_json(
            kind in proptest::sample::select(CampaignKind::ALL),
            start in 1990i32..2100,
            blocs in proptest::collection::vec(proptest::sample::select(Bloc::ALL), 0..3),
            roles in proptest::collection::vec(proptest::sample::select(Role::ALL), 0..3),
            goals in proptest::collection::vec("[a-zà-ỹ0-9%\" -]{1,30}", 0..3),
            coverage in (0u64..100, 1u64..100),
            window in proptest::option::of(0u64..200),
        ) {
            let year = SchoolYear::try_new(start).unwrap();
            let mut target = Target::new().with_unit(UnitId::from_key("u"));
            for b in blocs { target = target.with_bloc(b); }
            for r in roles { target = target.with_role(r); }
            let mut c = Campaign::new(CampaignId::from_key("c"), kind, Label::try_new("Hai tốt").unwrap(), year.into())
                .with_launcher(Launcher::Unit { unit: UnitId::from_key("u") })
                .with_target(target)
                .with_parent(CampaignId::from_key("p"))
                .with_reported_coverage(ReportedCoverage::new(
                    UnitId::from_key("u"),
                    year.default_span().end(),
                    Reported::exact(Ratio::new(coverage.0, coverage.1).unwrap()),
                ));
            for g in goals {
                if let Ok(label) = Label::try_new(&g) {
                    c = c.with_goal(label.clone()).with_criterion(label);
                }
            }
            if let Some(days) = window {
                let start = year.default_span().start();
                let end = start + chrono::Days::new(days);
                c = c.with_registration_window(DateRange::try_new(start, end).unwrap());
            }
            let json = serde_json::to_string(&c).unwrap();
            prop_assert_eq!(serde_json::from_str::<Campaign>(&json).unwrap(), c);
        }
    }
}
