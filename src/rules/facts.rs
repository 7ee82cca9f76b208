//! The facts rules need about a candidate for a period. A fact left out is unknown,
//! and a rule that needs it answers "unknown" — never a silent pass or fail.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::award::catalogue::TitleCode;
pub use crate::award::decision::AwardGrounds;
use crate::award::decision::{AwardHistory, Recipient};
use crate::campaign::build::Campaigns;
use crate::campaign::record::CampaignKind;
use crate::initiative::level::{InfluenceScope, RecognitionLevel};
use crate::value::id::InitiativeId;
use crate::value::period::DateRange;
use crate::value::period::Period;

labelled_enum! {
    /// The yearly task-completion grade (*xếp loại mức độ hoàn thành nhiệm vụ*), from
    /// lowest to highest.
    pub enum TaskGrade {
        /// *Không hoàn thành nhiệm vụ*.
        NotCompleted => ("not_completed", "Không hoàn thành nhiệm vụ", "did not complete tasks"),
        /// *Hoàn thành nhiệm vụ*.
        Completed => ("completed", "Hoàn thành nhiệm vụ", "completed tasks"),
        /// *Hoàn thành tốt nhiệm vụ*.
        Good => ("good", "Hoàn thành tốt nhiệm vụ", "completed tasks well"),
        /// *Hoàn thành xuất sắc nhiệm vụ*.
        Excellent => ("excellent", "Hoàn thành xuất sắc nhiệm vụ", "completed tasks excellently"),
    }
}

labelled_enum! {
    /// Why a person was away from work.
    pub enum LeaveKind {
        /// *Nghỉ thai sản*: counts as working time for titles (ND 152/2025 Điều 4
        /// khoản 5).
        Maternity => ("maternity", "nghỉ thai sản", "maternity leave"),
        /// *Nghỉ ốm*.
        Sick => ("sick", "nghỉ ốm", "sick leave"),
        /// *Đi học, bồi dưỡng*: under a year, with the rules obeyed, counts as
        /// working time (TT 01/2024/TT-BNV Điều 1 khoản 5 điểm b).
        Training => ("training", "đi học, đào tạo, bồi dưỡng", "training"),
        /// Treatment of an injury from combat or from rescuing people or property:
        /// counts as working time (TT 01/2024/TT-BNV Điều 1 khoản 5 điểm a).
        InjuryRescuing => ("injury_rescuing", "điều trị thương tích do cứu người, cứu tài sản", "injury from rescuing people or property"),
        /// *Nghỉ không lương*.
        Unpaid => ("unpaid", "nghỉ không lương", "unpaid leave"),
        /// Any other absence.
        Other => ("other", "nghỉ khác", "other absence"),
    }
}

/// An absence from work over a span of days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Leave {
    kind: LeaveKind,
    range: DateRange,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    training_result: Option<StudyResult>,
}

impl Leave {
    /// An absence of a kind over a span.
    pub fn new(kind: LeaveKind, range: DateRange) -> Self {
        Self {
            kind,
            range,
            training_result: None,
        }
    }

    /// Sets the result of a training of a year or more, obtained with the
    /// training's rules obeyed (TT 01/2024/TT-BNV Điều 1 khoản 5 điểm b).
    #[must_use]
    pub fn with_training_result(mut self, result: StudyResult) -> Self {
        self.training_result = Some(result);
        self
    }

    /// The training's result, if known.
    pub fn training_result(&self) -> Option<StudyResult> {
        self.training_result
    }

    /// Why.
    pub fn kind(&self) -> LeaveKind {
        self.kind
    }

    /// When.
    pub fn range(&self) -> DateRange {
        self.range
    }

    /// Whether the absence counts as working time, or is at least not an absence
    /// for the titles: maternity leave (ND 152/2025 Điều 4 khoản 5), treatment of an
    /// injury from combat or rescuing (TT 01/2024/TT-BNV Điều 1 khoản 5 điểm a),
    /// training shorter than a year, and training of a year or more with a result of
    /// *khá* or better (điểm b). `None` when a long training's result is unknown.
    pub fn counts_as_working_time(&self) -> Option<bool> {
        match self.kind {
            LeaveKind::Maternity | LeaveKind::InjuryRescuing => Some(true),
            LeaveKind::Training if self.is_short_training() => Some(true),
            LeaveKind::Training => self.training_result.map(|r| r >= StudyResult::Fair),
            _ => Some(false),
        }
    }

    /// Whether the absence is a training shorter than a year.
    pub(crate) fn is_short_training(&self) -> bool {
        self.kind == LeaveKind::Training && self.range.days() < 365
    }
}

labelled_enum! {
    /// The result of a training or course of study (*kết quả học tập*), lowest first.
    pub enum StudyResult {
        /// Below average: *yếu*.
        Weak => ("weak", "yếu", "weak"),
        /// Average: *trung bình*.
        Average => ("average", "trung bình", "average"),
        /// Fair: *khá*.
        Fair => ("fair", "khá", "fair"),
        /// Good: *giỏi*.
        Good => ("good", "giỏi", "good"),
        /// Excellent: *xuất sắc*.
        Excellent => ("excellent", "xuất sắc", "excellent"),
    }
}

labelled_enum! {
    /// Disciplinary measures (*hình thức kỷ luật*), lightest first.
    pub enum DisciplineLevel {
        /// *Khiển trách*: reprimand.
        Reprimand => ("reprimand", "khiển trách", "reprimand"),
        /// *Cảnh cáo*: warning.
        Warning => ("warning", "cảnh cáo", "warning"),
        /// *Hạ bậc lương*: salary demotion.
        Demotion => ("demotion", "hạ bậc lương", "salary demotion"),
        /// *Cách chức*: removal from office.
        Removal => ("removal", "cách chức", "removal from office"),
        /// *Buộc thôi việc*: dismissal.
        Dismissal => ("dismissal", "buộc thôi việc", "dismissal"),
    }
}

/// A disciplinary measure: decided on a day and served until a day (its term).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Discipline {
    level: DisciplineLevel,
    #[serde(deserialize_with = "crate::value::period::day::deserialize")]
    decided: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::value::period::day::optional")]
    served_until: Option<NaiveDate>,
}

impl Discipline {
    /// A measure decided on a day; its term ends on `served_until` (the last day).
    pub fn new(
        level: DisciplineLevel,
        decided: NaiveDate,
        served_until: Option<NaiveDate>,
    ) -> Self {
        Self {
            level,
            decided,
            served_until,
        }
    }

    /// The measure.
    pub fn level(&self) -> DisciplineLevel {
        self.level
    }

    /// The day decided.
    pub fn decided(&self) -> NaiveDate {
        self.decided
    }

    /// The last day of its term, if known.
    pub fn served_until(&self) -> Option<NaiveDate> {
        self.served_until
    }
}

/// An initiative recognised for the candidate: its level, scope and day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InitiativeFact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<InitiativeId>,
    #[serde(default, skip_serializing_if = "ContributionKind::is_initiative")]
    kind: ContributionKind,
    level: RecognitionLevel,
    scope: InfluenceScope,
    #[serde(deserialize_with = "crate::value::period::day::deserialize")]
    recognised_on: NaiveDate,
}

impl InitiativeFact {
    /// An initiative recognised at a level with a scope on a day.
    pub fn new(level: RecognitionLevel, scope: InfluenceScope, recognised_on: NaiveDate) -> Self {
        Self {
            id: None,
            kind: ContributionKind::Initiative,
            level,
            scope,
            recognised_on,
        }
    }

    /// A science project (*đề tài khoa học*) accepted and applied at a level with a
    /// scope on a day.
    pub fn research(
        level: RecognitionLevel,
        scope: InfluenceScope,
        accepted_on: NaiveDate,
    ) -> Self {
        Self {
            kind: ContributionKind::Research,
            ..Self::new(level, scope, accepted_on)
        }
    }

    /// An initiative or a science project.
    pub fn kind(&self) -> ContributionKind {
        self.kind
    }

    /// Ties the fact to an initiative record, so it counts once.
    #[must_use]
    pub fn with_id(mut self, id: InitiativeId) -> Self {
        self.id = Some(id);
        self
    }

    /// The recognising level.
    pub fn level(&self) -> RecognitionLevel {
        self.level
    }

    /// The scope of influence.
    pub fn scope(&self) -> InfluenceScope {
        self.scope
    }

    /// The day recognised.
    pub fn recognised_on(&self) -> NaiveDate {
        self.recognised_on
    }

    /// The initiative's id, if known.
    pub fn id(&self) -> Option<InitiativeId> {
        self.id
    }
}

labelled_enum! {
    /// What a contribution recognised for a candidate is.
    #[derive(Default)]
    pub enum ContributionKind {
        /// An initiative (*sáng kiến*).
        #[default]
        Initiative => ("initiative", "sáng kiến", "initiative"),
        /// A science project accepted and applied (*đề tài khoa học được nghiệm thu, áp dụng*).
        Research => ("research", "đề tài khoa học", "science project"),
    }
}

impl ContributionKind {
    fn is_initiative(&self) -> bool {
        *self == ContributionKind::Initiative
    }
}

/// A title the candidate held for an earlier period, by year index (calendar year,
/// or a school year's first year). A title covering several years (a provincial
/// CSTĐ) names its first year too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PriorTitle {
    year: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from_year: Option<i32>,
    title: TitleCode,
    #[serde(default, skip_serializing_if = "AwardGrounds::is_regular")]
    grounds: AwardGrounds,
}

impl PriorTitle {
    /// A title held for a year, for regular achievements.
    pub fn new(year: i32, title: TitleCode) -> Self {
        Self {
            year,
            from_year: None,
            title,
            grounds: AwardGrounds::Regular,
        }
    }

    /// A title held for the years `from_year` to `year` (a provincial CSTĐ covers
    /// several years). A `from_year` after `year` is taken as `year`.
    #[must_use]
    pub fn covering_from(mut self, from_year: i32) -> Self {
        self.from_year = Some(from_year.min(self.year));
        self
    }

    /// Marks what the title was awarded for.
    #[must_use]
    pub fn with_grounds(mut self, grounds: AwardGrounds) -> Self {
        self.grounds = grounds;
        self
    }

    /// The year index (the last year the title covers).
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The first year the title covers, if given.
    pub fn first_year(&self) -> Option<i32> {
        self.from_year.map(|y| y.min(self.year))
    }

    /// The title.
    pub fn title(&self) -> &TitleCode {
        &self.title
    }

    /// What it was awarded for.
    pub fn grounds(&self) -> AwardGrounds {
        self.grounds
    }

    /// The titles a recipient holds on `as_of` in an award history, as prior titles.
    /// A calendar year gives its year, a school year its first year, a phase or a
    /// range its last year with its first. What each was awarded for is the
    /// decision's own grounds, else the kind of the campaign it names, read from
    /// `campaigns` (a thematic campaign's awards are thematic: ND 152/2025/NĐ-CP
    /// Điều 4 khoản 3), else regular.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use thidua::{AwardGrounds, AwardHistory, Catalogue, Conferral, Decision, DecisionId,
    ///              Issuer, MemberId, PriorTitle, Recipient, TitleCode, UnitId};
    ///
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let member = Recipient::Member(MemberId::from_key("GV-001"));
    /// let decision = Decision::new(
    ///     DecisionId::from_key("QĐ 12/2024"),
    ///     "12/QĐ-CĐGD".parse()?,
    ///     day(2024, 9, 1)?,
    ///     Issuer::Unit(UnitId::from_key("HN.GL")),
    ///     thidua::Period::SchoolYear("2023-2024".parse()?),
    ///     vec![Conferral::new(TitleCode::try_new("cstdcs")?, member)],
    /// )
    /// .with_grounds(AwardGrounds::Thematic);
    /// let history = AwardHistory::build(&Catalogue::builtin(), &[decision])
    ///     .map_err(|d| d.to_string())?;
    /// let prior = PriorTitle::from_history(&history, member, day(2025, 6, 1)?, None);
    /// assert_eq!(prior.len(), 1);
    /// assert_eq!((prior[0].year(), prior[0].grounds()), (2023, AwardGrounds::Thematic));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_history(
        history: &AwardHistory,
        recipient: Recipient,
        as_of: NaiveDate,
        campaigns: Option<&Campaigns>,
    ) -> Vec<PriorTitle> {
        use chrono::Datelike;
        history
            .awards_of(recipient, as_of)
            .into_iter()
            .map(|r| {
                let (year, from) = match r.period {
                    Period::Year(y) => (y.get(), None),
                    Period::SchoolYear(s) => (s.start_year().get(), None),
                    _ => {
                        let span = r.period.default_span();
                        (span.end().year(), Some(span.start().year()))
                    }
                };
                let from_campaign = r
                    .campaign
                    .and_then(|id| campaigns.and_then(|c| c.campaign(id)))
                    .map(|c| match c.kind() {
                        CampaignKind::Thematic => AwardGrounds::Thematic,
                        _ => AwardGrounds::Regular,
                    });
                let mut title = PriorTitle::new(year, r.title.clone())
                    .with_grounds(r.grounds.or(from_campaign).unwrap_or_default());
                if let Some(from) = from {
                    title = title.covering_from(from);
                }
                title
            })
            .collect()
    }
}

/// An individual's facts for one period. Every field may be unknown.
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{MemberFacts, TaskGrade};
///
/// let facts = MemberFacts::new()
///     .with_grade(TaskGrade::Good)
///     .with_recruited_on(NaiveDate::from_ymd_opt(2015, 9, 1).ok_or("date")?)
///     .with_leaves(vec![])
///     .with_disciplines(vec![]);
/// assert_eq!(facts.grade(), Some(TaskGrade::Good));
/// assert!(facts.initiatives().is_none(), "initiatives are unknown, not none");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "MemberFactsForm", into = "MemberFactsForm")]
pub struct MemberFacts {
    grade: Option<TaskGrade>,
    under_review: Option<bool>,
    recruited_on: Option<NaiveDate>,
    accepted_research: Option<u32>,
    leaves: Option<Box<[Leave]>>,
    disciplines: Option<Box<[Discipline]>>,
    /// The facts few records hold, boxed: a national review holds millions of
    /// these. Present exactly when one of them is known.
    rare: Option<Box<RareFacts>>,
}

/// The facts of [`MemberFacts`] that few records hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct RareFacts {
    initiatives: Option<Vec<InitiativeFact>>,
    registered: Option<Vec<TitleCode>>,
    history: Option<Vec<PriorTitle>>,
    grade_history: Option<Vec<(i32, TaskGrade)>>,
    transfers: Option<Vec<Transfer>>,
    nominations: Option<Vec<NominationFact>>,
}

impl RareFacts {
    fn is_empty(&self) -> bool {
        *self == RareFacts::default()
    }
}

// The file form of `MemberFacts`: every field as the dataset file writes it. Its
// description is the JSON Schema's.
/// An individual's facts for one period. Every field may be unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename = "MemberFacts")]
struct MemberFactsForm {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    grade: Option<TaskGrade>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::value::period::day::optional")]
    recruited_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    leaves: Option<Vec<Leave>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    disciplines: Option<Vec<Discipline>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    under_review: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    initiatives: Option<Vec<InitiativeFact>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    accepted_research: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    registered: Option<Vec<TitleCode>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    history: Option<Vec<PriorTitle>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    grade_history: Option<Vec<(i32, TaskGrade)>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    transfers: Option<Vec<Transfer>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    nominations: Option<Vec<NominationFact>>,
}

impl From<MemberFactsForm> for MemberFacts {
    fn from(f: MemberFactsForm) -> Self {
        let rare = RareFacts {
            initiatives: f.initiatives,
            registered: f.registered,
            history: f.history,
            grade_history: f.grade_history,
            transfers: f.transfers,
            nominations: f.nominations,
        };
        MemberFacts {
            grade: f.grade,
            under_review: f.under_review,
            recruited_on: f.recruited_on,
            accepted_research: f.accepted_research,
            leaves: f.leaves.map(Vec::into_boxed_slice),
            disciplines: f.disciplines.map(Vec::into_boxed_slice),
            rare: (!rare.is_empty()).then(|| Box::new(rare)),
        }
    }
}

impl From<MemberFacts> for MemberFactsForm {
    fn from(f: MemberFacts) -> Self {
        let rare = f.rare.map(|r| *r).unwrap_or_default();
        MemberFactsForm {
            grade: f.grade,
            recruited_on: f.recruited_on,
            leaves: f.leaves.map(Vec::from),
            disciplines: f.disciplines.map(Vec::from),
            under_review: f.under_review,
            initiatives: rare.initiatives,
            accepted_research: f.accepted_research,
            registered: rare.registered,
            history: rare.history,
            grade_history: rare.grade_history,
            transfers: rare.transfers,
            nominations: rare.nominations,
        }
    }
}

schema_of_file_form!(MemberFacts, MemberFactsForm);

/// A title the candidate's unit proposed them for in the period, with the vote of the
/// emulation and commendation council (*Hội đồng Thi đua – Khen thưởng*) that
/// considered it, when it met.
///
/// The vote is recorded as the minutes give it; [`Dataset::validate`](crate::Dataset::validate)
/// reports a vote that cannot be (more votes than members present).
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{CouncilVote, NominationFact, TitleCode};
///
/// let held = NominationFact::new(TitleCode::try_new("cstdcs")?)
///     .with_vote(CouncilVote::new(NaiveDate::from_ymd_opt(2022, 5, 25).ok_or("date")?, 7, 6, 1));
/// let vote = held.vote().ok_or("vote")?;
/// assert!(vote.is_possible());
/// assert_eq!(vote.share_in_favour().map(|r| r.to_percent_string(1, thidua::Lang::Vi)),
///            Some("85,7%".to_owned()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NominationFact {
    title: TitleCode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    vote: Option<CouncilVote>,
}

impl NominationFact {
    /// A proposal for a title, not voted on yet.
    pub fn new(title: TitleCode) -> Self {
        Self { title, vote: None }
    }

    /// Records the council's vote.
    #[must_use]
    pub fn with_vote(mut self, vote: CouncilVote) -> Self {
        self.vote = Some(vote);
        self
    }

    /// The title proposed.
    pub fn title(&self) -> &TitleCode {
        &self.title
    }

    /// The council's vote, if it met.
    pub fn vote(&self) -> Option<&CouncilVote> {
        self.vote.as_ref()
    }
}

/// A council's vote on one nomination (*biểu quyết*): the day of the meeting, the
/// members present, and the votes for and against. Abstentions are the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CouncilVote {
    #[serde(deserialize_with = "crate::value::period::day::deserialize")]
    held_on: NaiveDate,
    present: u32,
    in_favour: u32,
    against: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    members: Option<u32>,
}

impl CouncilVote {
    /// A vote at a meeting held on a day, with the members present and the votes
    /// for and against, as the minutes record them.
    pub fn new(held_on: NaiveDate, present: u32, in_favour: u32, against: u32) -> Self {
        Self {
            held_on,
            present,
            in_favour,
            against,
            members: None,
        }
    }

    /// Records how many members the council has in all, present or not: the share
    /// ND 152/2025/NĐ-CP Điều 33 khoản 5 asks for the highest titles is counted on
    /// them ([`council_threshold`](crate::council_threshold)).
    #[must_use]
    pub fn with_members(mut self, members: u32) -> Self {
        self.members = Some(members);
        self
    }

    /// The council's members in all, when recorded.
    pub fn members(&self) -> Option<u32> {
        self.members
    }

    /// The day of the meeting.
    pub fn held_on(&self) -> NaiveDate {
        self.held_on
    }

    /// Members present.
    pub fn present(&self) -> u32 {
        self.present
    }

    /// Votes for.
    pub fn in_favour(&self) -> u32 {
        self.in_favour
    }

    /// Votes against.
    pub fn against(&self) -> u32 {
        self.against
    }

    /// Whether the figures can be: at least one member present, no more votes than
    /// members present, and no more present than the council has members (when
    /// recorded).
    pub fn is_possible(&self) -> bool {
        self.present > 0
            && u64::from(self.in_favour) + u64::from(self.against) <= u64::from(self.present)
            && self.members.is_none_or(|m| self.present <= m)
    }

    /// The share of the members present who voted for, exactly; `None` when nobody
    /// was present.
    pub fn share_in_favour(&self) -> Option<crate::value::ratio::Ratio> {
        crate::value::ratio::Ratio::new(u64::from(self.in_favour), u64::from(self.present)).ok()
    }
}

/// A move to the unit that now assesses the person, with whether the previous unit
/// gave its comments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    #[serde(deserialize_with = "crate::value::period::day::deserialize")]
    moved_on: NaiveDate,
    months_at_previous_unit: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    previous_unit_commented: Option<bool>,
}

impl Transfer {
    /// A move on a day after some months at the previous unit.
    pub fn new(moved_on: NaiveDate, months_at_previous_unit: u32) -> Self {
        Self {
            moved_on,
            months_at_previous_unit,
            previous_unit_commented: None,
        }
    }

    /// Records whether the previous unit gave its comments.
    #[must_use]
    pub fn with_previous_unit_commented(mut self, commented: bool) -> Self {
        self.previous_unit_commented = Some(commented);
        self
    }

    /// The day of the move.
    pub fn moved_on(&self) -> NaiveDate {
        self.moved_on
    }

    /// Whole months worked at the previous unit.
    pub fn months_at_previous_unit(&self) -> u32 {
        self.months_at_previous_unit
    }

    /// Whether the previous unit gave its comments, if known.
    pub fn previous_unit_commented(&self) -> Option<bool> {
        self.previous_unit_commented
    }
}

impl MemberFacts {
    /// Facts with everything unknown.
    pub fn new() -> Self {
        Self::default()
    }

    /// The rarer facts, boxed on first use.
    fn rare_mut(&mut self) -> &mut RareFacts {
        self.rare.get_or_insert_with(Box::default)
    }

    /// Sets the task-completion grade of the period.
    #[must_use]
    pub fn with_grade(mut self, grade: TaskGrade) -> Self {
        self.grade = Some(grade);
        self
    }

    /// Sets the recruitment day.
    #[must_use]
    pub fn with_recruited_on(mut self, date: NaiveDate) -> Self {
        self.recruited_on = Some(date);
        self
    }

    /// Sets every absence of the period (empty: known to have none).
    #[must_use]
    pub fn with_leaves(mut self, leaves: Vec<Leave>) -> Self {
        self.leaves = Some(leaves.into_boxed_slice());
        self
    }

    /// Sets every disciplinary measure on record (empty: known to have none).
    #[must_use]
    pub fn with_disciplines(mut self, disciplines: Vec<Discipline>) -> Self {
        self.disciplines = Some(disciplines.into_boxed_slice());
        self
    }

    /// Sets whether discipline, an inspection or a complaint about the person is
    /// being considered (ND 152/2025 Điều 4 khoản 4).
    #[must_use]
    pub fn with_under_review(mut self, under_review: ReviewState) -> Self {
        self.under_review = Some(under_review == ReviewState::UnderReview);
        self
    }

    /// Sets the initiatives recognised (empty: known to have none).
    #[must_use]
    pub fn with_initiatives(mut self, initiatives: Vec<InitiativeFact>) -> Self {
        self.rare_mut().initiatives = Some(initiatives);
        self
    }

    /// Sets the number of the person's science projects accepted (*đề tài khoa học
    /// được nghiệm thu*) in the period.
    #[must_use]
    pub fn with_accepted_research(mut self, count: u32) -> Self {
        self.accepted_research = Some(count);
        self
    }

    /// Sets the titles the person registered for at the start of the period.
    #[must_use]
    pub fn with_registered(mut self, titles: Vec<TitleCode>) -> Self {
        self.rare_mut().registered = Some(titles);
        self
    }

    /// Sets the titles held in earlier periods (complete for the years the rules
    /// look back on; empty: known to have none).
    #[must_use]
    pub fn with_history(mut self, history: Vec<PriorTitle>) -> Self {
        self.rare_mut().history = Some(history);
        self
    }

    /// Sets the grades of earlier periods by year index.
    #[must_use]
    pub fn with_grade_history(mut self, grades: Vec<(i32, TaskGrade)>) -> Self {
        self.rare_mut().grade_history = Some(grades);
        self
    }

    /// Sets the moves between units (empty: known to have none).
    #[must_use]
    pub fn with_transfers(mut self, transfers: Vec<Transfer>) -> Self {
        self.rare_mut().transfers = Some(transfers);
        self
    }

    /// The moves between units, if known.
    pub fn transfers(&self) -> Option<&[Transfer]> {
        self.rare.as_ref()?.transfers.as_deref()
    }

    /// Sets the titles the candidate was proposed for in the period, with the
    /// council's votes.
    #[must_use]
    pub fn with_nominations(mut self, nominations: Vec<NominationFact>) -> Self {
        self.rare_mut().nominations = Some(nominations);
        self
    }

    /// The titles the candidate was proposed for, if known.
    pub fn nominations(&self) -> Option<&[NominationFact]> {
        self.rare.as_ref()?.nominations.as_deref()
    }

    /// The nomination for a title, if the candidate was proposed for it.
    pub fn nomination(&self, title: &str) -> Option<&NominationFact> {
        self.nominations()?
            .iter()
            .find(|n| n.title.as_str() == title)
    }

    /// The grade, if known.
    pub fn grade(&self) -> Option<TaskGrade> {
        self.grade
    }

    /// The recruitment day, if known.
    pub fn recruited_on(&self) -> Option<NaiveDate> {
        self.recruited_on
    }

    /// The absences, if known.
    pub fn leaves(&self) -> Option<&[Leave]> {
        self.leaves.as_deref()
    }

    /// The disciplinary measures, if known.
    pub fn disciplines(&self) -> Option<&[Discipline]> {
        self.disciplines.as_deref()
    }

    /// Whether the person is under review, if known.
    pub fn under_review(&self) -> Option<ReviewState> {
        self.under_review.map(|r| {
            if r {
                ReviewState::UnderReview
            } else {
                ReviewState::Clear
            }
        })
    }

    /// The initiatives, if known.
    pub fn initiatives(&self) -> Option<&[InitiativeFact]> {
        self.rare.as_ref()?.initiatives.as_deref()
    }

    /// Accepted science projects, if known.
    pub fn accepted_research(&self) -> Option<u32> {
        self.accepted_research
    }

    /// Registered titles, if known.
    pub fn registered(&self) -> Option<&[TitleCode]> {
        self.rare.as_ref()?.registered.as_deref()
    }

    /// Earlier titles, if known.
    pub fn history(&self) -> Option<&[PriorTitle]> {
        self.rare.as_ref()?.history.as_deref()
    }

    /// Earlier grades, if known.
    pub fn grade_history(&self) -> Option<&[(i32, TaskGrade)]> {
        self.rare.as_ref()?.grade_history.as_deref()
    }
}

/// Whether a person or collective is under review for discipline, inspection or a
/// complaint (ND 152/2025 Điều 4 khoản 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReviewState {
    /// Nothing is being considered.
    Clear,
    /// Discipline, an inspection or a complaint is being considered.
    UnderReview,
}

/// A collective's facts for one period: its own grade and its members' results.
///
/// Counts usually come from evaluating every member ([`CollectiveFacts::tally`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CollectiveFacts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    grade: Option<TaskGrade>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    members: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    completed: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ldtt: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cstdcs: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    disciplined_warning_or_above: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    under_review: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    disciplines: Option<Vec<Discipline>>,
}

impl CollectiveFacts {
    /// Facts with everything unknown.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the collective's own grade.
    #[must_use]
    pub fn with_grade(mut self, grade: TaskGrade) -> Self {
        self.grade = Some(grade);
        self
    }

    /// Sets the member counts: all members, those who completed their tasks (grade
    /// *Hoàn thành nhiệm vụ* or better), those with LĐTT and with CSTĐCS.
    #[must_use]
    pub fn with_counts(mut self, members: u32, completed: u32, ldtt: u32, cstdcs: u32) -> Self {
        self.members = Some(members);
        self.completed = Some(completed);
        self.ldtt = Some(ldtt);
        self.cstdcs = Some(cstdcs);
        self
    }

    /// Sets how many members were disciplined at *cảnh cáo* or above in the period.
    #[must_use]
    pub fn with_disciplined_warning_or_above(mut self, count: u32) -> Self {
        self.disciplined_warning_or_above = Some(count);
        self
    }

    /// Sets whether the collective is under review.
    #[must_use]
    pub fn with_under_review(mut self, review: ReviewState) -> Self {
        self.under_review = Some(review == ReviewState::UnderReview);
        self
    }

    /// Sets the disciplinary measures taken against the collective itself (empty:
    /// known to have none).
    #[must_use]
    pub fn with_disciplines(mut self, disciplines: Vec<Discipline>) -> Self {
        self.disciplines = Some(disciplines);
        self
    }

    /// The collective's own disciplinary measures, if known.
    pub fn disciplines(&self) -> Option<&[Discipline]> {
        self.disciplines.as_deref()
    }

    /// The collective's grade, if known.
    pub fn grade(&self) -> Option<TaskGrade> {
        self.grade
    }

    /// Members, if known.
    pub fn members(&self) -> Option<u32> {
        self.members
    }

    /// Members who completed their tasks, if known.
    pub fn completed(&self) -> Option<u32> {
        self.completed
    }

    /// Members with LĐTT, if known.
    pub fn ldtt(&self) -> Option<u32> {
        self.ldtt
    }

    /// Members with CSTĐCS, if known.
    pub fn cstdcs(&self) -> Option<u32> {
        self.cstdcs
    }

    /// Members disciplined at *cảnh cáo* or above, if known.
    pub fn disciplined_warning_or_above(&self) -> Option<u32> {
        self.disciplined_warning_or_above
    }

    /// Whether the collective is under review, if known.
    pub fn under_review(&self) -> Option<ReviewState> {
        self.under_review.map(|r| {
            if r {
                ReviewState::UnderReview
            } else {
                ReviewState::Clear
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    /// Facts with the fields whose bits are set in `known`, each through its builder.
    fn facts(known: u16) -> MemberFacts {
        let has = |bit: u16| known & (1 << bit) != 0;
        let title = TitleCode::LDTT;
        let mut f = MemberFacts::new();
        if has(0) {
            f = f.with_grade(TaskGrade::Good);
        }
        if has(1) {
            f = f.with_recruited_on(day(2015, 9, 1));
        }
        if has(2) {
            let range = DateRange::try_new(day(2023, 10, 1), day(2023, 12, 31)).unwrap();
            f = f.with_leaves(vec![Leave::new(LeaveKind::Sick, range)]);
        }
        if has(3) {
            f = f.with_disciplines(vec![]);
        }
        if has(4) {
            f = f.with_under_review(ReviewState::Clear);
        }
        if has(5) {
            f = f.with_initiatives(vec![InitiativeFact::new(
                RecognitionLevel::Unit,
                InfluenceScope::Unit,
                day(2024, 5, 1),
            )]);
        }
        if has(6) {
            f = f.with_accepted_research(2);
        }
        if has(7) {
            f = f.with_registered(vec![title.clone()]);
        }
        if has(8) {
            f = f.with_history(vec![PriorTitle::new(2022, title.clone())]);
        }
        if has(9) {
            f = f.with_grade_history(vec![(2022, TaskGrade::Excellent)]);
        }
        if has(10) {
            f = f.with_transfers(vec![]);
        }
        if has(11) {
            f = f.with_nominations(vec![NominationFact::new(title)]);
        }
        f
    }

    proptest! {
        /// Whatever fields are known, the facts read back from their file form are
        /// the same, and the rarer facts are boxed exactly when one of them is known.
        #[test]
        fn facts_read_back_from_their_file_form(known in 0u16..(1 << 12)) {
            let f = facts(known);
            let text = serde_json::to_string(&f).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let back: MemberFacts =
                serde_json::from_str(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&back, &f);
            let rare = known & 0b1111_1010_0000 != 0;
            prop_assert_eq!(f.rare.is_some(), rare);
            prop_assert_eq!(back.rare.is_some(), rare);
            let fields = serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|v| v.as_object().map(serde_json::Map::len));
            prop_assert_eq!(fields, Some(known.count_ones() as usize));
        }
    }

    /// A field the file form does not know is refused by name, as before.
    #[test]
    fn an_unknown_fact_is_refused() {
        let err = serde_json::from_str::<MemberFacts>(r#"{ "grade": "good", "mood": 1 }"#)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.starts_with("unknown field `mood`, expected one of `grade`"),
            "{err}"
        );
    }
}
