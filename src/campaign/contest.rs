//! Contests (*hội thi*) and their prizes, and students' results a unit reports.

use std::collections::BTreeMap;
use std::fmt;
use std::num::NonZeroU64;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::campaign::code::{CampaignError, prize_count};
use crate::campaign::record::Participant;
use crate::initiative::level::RecognitionLevel;
use crate::value::id::{CampaignId, ContestId, UnitId};
use crate::value::period::Period;
use crate::value::ratio::Ratio;
use crate::value::reported::Reported;
use crate::value::text::Label;

labelled_enum! {
    /// The rank of a prize (*giải*).
    pub enum PrizeRank {
        /// *Giải Nhất*.
        First => ("first", "giải Nhất", "first prize"),
        /// *Giải Nhì*.
        Second => ("second", "giải Nhì", "second prize"),
        /// *Giải Ba*.
        Third => ("third", "giải Ba", "third prize"),
        /// *Giải Khuyến khích*.
        Consolation => ("consolation", "giải Khuyến khích", "consolation prize"),
        /// A special prize (*giải đặc biệt*, *giải phong cách* …), named by its label.
        Special => ("special", "giải đặc biệt", "special prize"),
        /// A prize without a rank (*đạt giải*).
        Unranked => ("unranked", "đạt giải", "prize without a rank"),
    }
}

/// A prize: its rank and, optionally, a label ("môn Vật lý", "giải phong cách").
///
/// ```
/// use thidua::{Label, Prize, PrizeRank};
///
/// let physics = Prize::new(PrizeRank::First).with_label(Label::try_new("môn Vật lý")?);
/// assert_eq!(physics.to_string(), "giải Nhất môn Vật lý");
/// # Ok::<(), thidua::TextError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Prize {
    rank: PrizeRank,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    label: Option<Label>,
}

impl Prize {
    /// A prize of `rank`, without a label.
    pub fn new(rank: PrizeRank) -> Self {
        Self { rank, label: None }
    }

    /// Sets the label.
    #[must_use]
    pub fn with_label(mut self, label: Label) -> Self {
        self.label = Some(label);
        self
    }

    /// The rank.
    pub fn rank(&self) -> PrizeRank {
        self.rank
    }

    /// The label, if any.
    pub fn label(&self) -> Option<&Label> {
        self.label.as_ref()
    }
}

impl fmt::Display for Prize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.rank.label_vi())?;
        match &self.label {
            Some(label) => write!(f, " {label}"),
            None => Ok(()),
        }
    }
}

/// A line of a contest's results: one named winner with a prize, or a number of
/// prizes of one kind whose winners are not named (students, "10 giải Nhì"),
/// optionally credited to a unit.
///
/// In files: `{"kind": "winner", "winner": {…}, "prize": {"rank": "first"}}` or
/// `{"kind": "counted", "prize": {"rank": "second"}, "count": 10, "unit": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum ContestResult {
    /// One named winner.
    Winner {
        /// The member or unit that won.
        winner: Participant,
        /// The prize.
        prize: Prize,
    },
    /// Prizes whose winners are not named.
    Counted {
        /// The prize.
        prize: Prize,
        /// How many.
        count: NonZeroU64,
        /// The unit the prizes are credited to, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<UnitId>,
    },
}

impl ContestResult {
    /// One named winner.
    pub fn winner(winner: Participant, prize: Prize) -> Self {
        Self::Winner { winner, prize }
    }

    /// `count` prizes whose winners are not named, credited to `unit` if given.
    ///
    /// # Errors
    /// [`CampaignError::ZeroPrizes`] when `count` is zero.
    pub fn counted(prize: Prize, count: u64, unit: Option<UnitId>) -> Result<Self, CampaignError> {
        Ok(Self::Counted {
            prize,
            count: prize_count(count)?,
            unit,
        })
    }

    /// The prize.
    pub fn prize(&self) -> &Prize {
        match self {
            Self::Winner { prize, .. } | Self::Counted { prize, .. } => prize,
        }
    }

    /// How many prizes the line holds (1 for a named winner).
    pub fn count(&self) -> u64 {
        match self {
            Self::Winner { .. } => 1,
            Self::Counted { count, .. } => count.get(),
        }
    }
}

/// A contest (*hội thi*) — Giáo viên dạy giỏi, Hội giảng 20/11, đồ dùng dạy học tự
/// làm, a students' contest — at a level, usually under a campaign, with its entrants,
/// its itemised results and the total number of prizes a report gives.
///
/// A report's total may exceed its named breakdown ("31 giải … 1 giải Nhất, 10 giải
/// Nhì, 12 giải Ba"): both are held, and [`Contest::tally`] reports the remainder
/// without inventing it.
///
/// ```
/// use thidua::{Contest, ContestId, ContestResult, Label, Prize, PrizeRank, RecognitionLevel, Reported};
///
/// let contest = Contest::new(
///     ContestId::from_key("tt/2021-2022/hvg-thanh-pho"),
///     Label::try_new("Kì thi học viên giỏi cấp Thành phố")?,
///     RecognitionLevel::Province,
///     "năm học 2021-2022".parse()?,
/// )
/// .with_result(ContestResult::counted(Prize::new(PrizeRank::First), 1, None)?)
/// .with_result(ContestResult::counted(Prize::new(PrizeRank::Second), 10, None)?)
/// .with_result(ContestResult::counted(Prize::new(PrizeRank::Third), 12, None)?)
/// .with_reported_prizes(Reported::exact(31));
/// let tally = contest.tally();
/// assert_eq!(tally.itemised(), 23);
/// assert_eq!(tally.unexplained(), Some(Reported::exact(8)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Contest {
    id: ContestId,
    name: Label,
    level: RecognitionLevel,
    period: Period,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    campaign: Option<CampaignId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::value::period::day::optional")]
    held_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    entrants: Vec<Participant>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    results: Vec<ContestResult>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reported_prizes: Option<Reported<u64>>,
}

impl Contest {
    /// A contest at `level` in `period`, outside any campaign, without entrants or
    /// results yet.
    pub fn new(id: ContestId, name: Label, level: RecognitionLevel, period: Period) -> Self {
        Self {
            id,
            name,
            level,
            period,
            campaign: None,
            held_on: None,
            entrants: Vec::new(),
            results: Vec::new(),
            reported_prizes: None,
        }
    }

    /// Places the contest under a campaign.
    #[must_use]
    pub fn under(mut self, campaign: CampaignId) -> Self {
        self.campaign = Some(campaign);
        self
    }

    /// Sets the day it was held (or its final round).
    #[must_use]
    pub fn held_on(mut self, date: NaiveDate) -> Self {
        self.held_on = Some(date);
        self
    }

    /// Adds an entrant.
    #[must_use]
    pub fn with_entrant(mut self, entrant: Participant) -> Self {
        self.entrants.push(entrant);
        self
    }

    /// Adds a line of results.
    #[must_use]
    pub fn with_result(mut self, result: ContestResult) -> Self {
        self.results.push(result);
        self
    }

    /// Sets the total number of prizes a report gives.
    #[must_use]
    pub fn with_reported_prizes(mut self, total: Reported<u64>) -> Self {
        self.reported_prizes = Some(total);
        self
    }

    /// The contest's id.
    pub fn id(&self) -> ContestId {
        self.id
    }

    /// Its name.
    pub fn name(&self) -> &Label {
        &self.name
    }

    /// Its level.
    pub fn level(&self) -> RecognitionLevel {
        self.level
    }

    /// Its period.
    pub fn period(&self) -> Period {
        self.period
    }

    /// The campaign it belongs under, if any.
    pub fn campaign(&self) -> Option<CampaignId> {
        self.campaign
    }

    /// The day it was held, if known.
    pub fn date(&self) -> Option<NaiveDate> {
        self.held_on
    }

    /// Its entrants, in the order given.
    pub fn entrants(&self) -> &[Participant] {
        &self.entrants
    }

    /// Its itemised results, in the order given.
    pub fn results(&self) -> &[ContestResult] {
        &self.results
    }

    /// The total number of prizes a report gives, if any.
    pub fn reported_prizes(&self) -> Option<Reported<u64>> {
        self.reported_prizes
    }

    /// The day members' units are looked up for: the day it was held, or the last
    /// day of its period.
    pub(crate) fn reference_day(&self) -> NaiveDate {
        self.held_on
            .unwrap_or_else(|| self.period.default_span().end())
    }

    /// Prizes per rank, their sum, the reported total and what of it the items do
    /// not explain. Sums stop at `u64::MAX` rather than overflow.
    pub fn tally(&self) -> PrizeTally {
        let mut by_rank = BTreeMap::new();
        let mut itemised: u64 = 0;
        for result in &self.results {
            let n = by_rank.entry(result.prize().rank()).or_insert(0_u64);
            *n = n.saturating_add(result.count());
            itemised = itemised.saturating_add(result.count());
        }
        let unexplained = self.reported_prizes.and_then(|total| {
            let rest = total.value().checked_sub(itemised)?;
            Some(Reported::new(rest, total.qualifier()))
        });
        PrizeTally {
            by_rank,
            itemised,
            reported: self.reported_prizes,
            unexplained,
        }
    }
}

/// A contest's prizes counted: per rank, in all, the reported total and the
/// remainder of it the itemised results do not explain (see [`Contest::tally`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrizeTally {
    by_rank: BTreeMap<PrizeRank, u64>,
    itemised: u64,
    reported: Option<Reported<u64>>,
    unexplained: Option<Reported<u64>>,
}

impl PrizeTally {
    /// Itemised prizes of `rank`.
    pub fn count(&self, rank: PrizeRank) -> u64 {
        self.by_rank.get(&rank).copied().unwrap_or(0)
    }

    /// Itemised prizes per rank, ranks without prizes left out.
    pub fn by_rank(&self) -> &BTreeMap<PrizeRank, u64> {
        &self.by_rank
    }

    /// All itemised prizes.
    pub fn itemised(&self) -> u64 {
        self.itemised
    }

    /// The total a report gives, if any.
    pub fn reported(&self) -> Option<Reported<u64>> {
        self.reported
    }

    /// The part of the reported total the itemised results do not explain, with the
    /// total's qualifier ("hơn 31" less 23 itemised is "hơn 8"); `None` without a
    /// reported total or when the items exceed it.
    pub fn unexplained(&self) -> Option<Reported<u64>> {
        self.unexplained
    }
}

/// What a students' rate measures.
///
/// In files: `{"kind": "graduation"}`, `{"kind": "good_or_excellent"}` or
/// `{"kind": "other", "label": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum StudentMeasure {
    /// *Tỉ lệ đỗ tốt nghiệp*: students passing the graduation exam.
    Graduation,
    /// *Tỉ lệ học sinh khá, giỏi*: students graded good or excellent.
    GoodOrExcellent,
    /// Any other rate, by its label.
    Other {
        /// What the rate measures.
        label: Label,
    },
}

impl StudentMeasure {
    /// What is measured, in Vietnamese.
    pub fn label_vi(&self) -> &str {
        match self {
            StudentMeasure::Graduation => "Tỉ lệ đỗ tốt nghiệp",
            StudentMeasure::GoodOrExcellent => "Tỉ lệ học sinh xếp loại khá, giỏi",
            StudentMeasure::Other { label } => label.as_str(),
        }
    }

    /// What is measured, in English.
    pub fn label_en(&self) -> &str {
        match self {
            StudentMeasure::Graduation => "Graduation rate",
            StudentMeasure::GoodOrExcellent => "Students graded good or excellent",
            StudentMeasure::Other { label } => label.as_str(),
        }
    }
}

/// A count of gifted students (*học sinh giỏi*, *học viên giỏi*) at a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GiftedCount {
    level: RecognitionLevel,
    count: Reported<u64>,
}

impl GiftedCount {
    /// The level of the contest.
    pub fn level(&self) -> RecognitionLevel {
        self.level
    }

    /// The number reported.
    pub fn count(&self) -> Reported<u64> {
        self.count
    }
}

/// A students' rate a unit reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StudentRate {
    measure: StudentMeasure,
    rate: Reported<Ratio>,
}

impl StudentRate {
    /// What is measured.
    pub fn measure(&self) -> &StudentMeasure {
        &self.measure
    }

    /// The rate reported.
    pub fn rate(&self) -> Reported<Ratio> {
        self.rate
    }
}

/// Students' results a unit reports for a period: gifted students per level ("4 học
/// sinh giỏi quốc gia, 88 học sinh giỏi thành phố, 269 học sinh giỏi cấp quận") and
/// rates ("tỉ lệ đỗ tốt nghiệp … đạt 95,34%"). Only figures: students are minors and
/// are never named.
///
/// ```
/// use thidua::{RecognitionLevel, Reported, StudentMeasure, StudentResults, UnitId};
///
/// let results = StudentResults::new(UnitId::from_key("HN.TH"), "năm học 2019-2020".parse()?)
///     .with_gifted(RecognitionLevel::National, Reported::exact(4))
///     .with_rate(StudentMeasure::GoodOrExcellent, "56%".parse()?);
/// assert_eq!(results.gifted(RecognitionLevel::National), Some(Reported::exact(4)));
/// assert_eq!(results.rate(&StudentMeasure::GoodOrExcellent).map(|r| r.to_string()), Some("56%".into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StudentResults {
    unit: UnitId,
    period: Period,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    gifted: Vec<GiftedCount>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    rates: Vec<StudentRate>,
}

impl StudentResults {
    /// Results of the area of `unit` (its whole subtree) for `period`, no figures yet.
    pub fn new(unit: UnitId, period: Period) -> Self {
        Self {
            unit,
            period,
            gifted: Vec::new(),
            rates: Vec::new(),
        }
    }

    /// Adds a count of gifted students at `level`.
    #[must_use]
    pub fn with_gifted(mut self, level: RecognitionLevel, count: Reported<u64>) -> Self {
        self.gifted.push(GiftedCount { level, count });
        self
    }

    /// Adds a rate.
    #[must_use]
    pub fn with_rate(mut self, measure: StudentMeasure, rate: Reported<Ratio>) -> Self {
        self.rates.push(StudentRate { measure, rate });
        self
    }

    /// The unit whose area the figures cover.
    pub fn unit(&self) -> UnitId {
        self.unit
    }

    /// The period.
    pub fn period(&self) -> Period {
        self.period
    }

    /// Gifted students per level, in the order given.
    pub fn gifted_counts(&self) -> &[GiftedCount] {
        &self.gifted
    }

    /// The count of gifted students at `level` (the first given).
    pub fn gifted(&self, level: RecognitionLevel) -> Option<Reported<u64>> {
        self.gifted
            .iter()
            .find(|g| g.level == level)
            .map(|g| g.count)
    }

    /// The rates, in the order given.
    pub fn rates(&self) -> &[StudentRate] {
        &self.rates
    }

    /// The rate of `measure` (the first given).
    pub fn rate(&self, measure: &StudentMeasure) -> Option<Reported<Ratio>> {
        self.rates
            .iter()
            .find(|r| &r.measure == measure)
            .map(|r| r.rate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::id::MemberId;
    use proptest::prelude::*;

    fn contest(total: Option<&str>, counts: &[(PrizeRank, u64)]) -> Contest {
        let mut c = Contest::new(
            ContestId::from_key("c"),
            Label::try_new("Hội giảng 20/11").unwrap(),
            RecognitionLevel::District,
            "năm học 2023-2024".parse().unwrap(),
        );
        for &(rank, n) in counts {
            c = c.with_result(ContestResult::counted(Prize::new(rank), n, None).unwrap());
        }
        match total {
            Some(t) => c.with_reported_prizes(t.parse().unwrap()),
            None => c,
        }
    }

    #[test]
    fn tally_keeps_the_total_and_never_invents_the_rest() {
        let items = [
            (PrizeRank::First, 1),
            (PrizeRank::Second, 10),
            (PrizeRank::Third, 12),
        ];
        let t = contest(Some("31"), &items).tally();
        assert_eq!(t.itemised(), 23);
        assert_eq!(t.unexplained().unwrap().to_string(), "8");
        assert_eq!(t.by_rank().len(), 3);
        assert_eq!(t.count(PrizeRank::Special), 0);
        let t = contest(Some("khoảng 30"), &items).tally();
        assert_eq!(t.unexplained().unwrap().to_string(), "khoảng 7");
        let t = contest(Some("dưới 40"), &items).tally();
        assert_eq!(t.unexplained().unwrap().to_string(), "dưới 17");
        let t = contest(None, &items).tally();
        assert_eq!((t.reported(), t.unexplained()), (None, None));
        let t = contest(Some("20"), &items).tally();
        assert_eq!(t.unexplained(), None);
        let t = contest(Some("0"), &[]).tally();
        assert_eq!(t.unexplained(), Some(Reported::exact(0)));
        // Several lines of one rank add up.
        let t = contest(None, &[(PrizeRank::Third, 2), (PrizeRank::Third, 3)]).tally();
        assert_eq!(t.count(PrizeRank::Third), 5);
    }

    #[test]
    fn results_count_their_prizes() {
        assert!(matches!(
            ContestResult::counted(Prize::new(PrizeRank::First), 0, None),
            Err(CampaignError::ZeroPrizes)
        ));
        let w = ContestResult::winner(
            Participant::member(MemberId::from_key("gv")),
            Prize::new(PrizeRank::Consolation),
        );
        assert_eq!(w.count(), 1);
        assert_eq!(w.prize().to_string(), "giải Khuyến khích");
        assert_eq!(Prize::new(PrizeRank::Unranked).to_string(), "đạt giải");
    }

    #[test]
    fn zero_counts_are_refused_in_files() {
        let json = r#"{"kind": "counted", "prize": {"rank": "first"}, "count": 0}"#;
        assert!(serde_json::from_str::<ContestResult>(json).is_err());
        let json = r#"{"kind": "counted", "prize": {"rank": "first"}, "count": 2}"#;
        let r: ContestResult = serde_json::from_str(json).unwrap();
        assert_eq!(r.count(), 2);
        let json = r#"{"kind": "counted", "prize": {"rank": "first"}, "count": 2, "x": 1}"#;
        assert!(serde_json::from_str::<ContestResult>(json).is_err());
    }

    #[test]
    fn student_measures_are_tagged() {
        let other = StudentMeasure::Other {
            label: Label::try_new("tỉ lệ lên lớp").unwrap(),
        };
        assert_eq!(
            serde_json::to_string(&other).unwrap(),
            r#"{"kind":"other","label":"tỉ lệ lên lớp"}"#
        );
        assert_eq!(
            serde_json::to_string(&StudentMeasure::GoodOrExcellent).unwrap(),
            r#"{"kind":"good_or_excellent"}"#
        );
    }

    fn any_prize() -> impl Strategy<Value = Prize> {
        (
            proptest::sample::select(PrizeRank::ALL),
            proptest::option::of("[a-zA-Zà-ỹ ]{1,20}"),
        )
            .prop_map(|(rank, label)| {
                let prize = Prize::new(rank);
                match label.and_then(|l| Label::try_new(&l).ok()) {
                    Some(l) => prize.with_label(l),
                    None => prize,
                }
            })
    }

    proptest! {
        #[test]
        fn contests_round_trip_through_json(
            prizes in proptest::collection::vec((any_prize(), 1u64..1_000_000_000, any::<bool>()), 0..6),
            total in proptest::option::of(any::<u64>()),
            start in 1990i32..2100,
        ) {
            let mut c = Contest::new(
                ContestId::from_key("c"),
                Label::try_new("Hội thi").unwrap(),
                RecognitionLevel::Province,
                Period::SchoolYear(crate::value::period::SchoolYear::try_new(start).unwrap()),
            );
            for (k, (prize, n, named)) in prizes.into_iter().enumerate() {
                c = c.with_result(if named {
                    ContestResult::winner(Participant::member(MemberId::from_key(&k.to_string())), prize)
                } else {
                    ContestResult::counted(prize, n, Some(UnitId::from_key("u"))).unwrap()
                });
            }
            if let Some(t) = total {
                c = c.with_reported_prizes(Reported::exact(t));
            }
            let json = serde_json::to_string(&c).unwrap();
            prop_assert_eq!(serde_json::from_str::<Contest>(&json).unwrap(), c.clone());
            let t = c.tally();
            let sum: u64 = t.by_rank().values().sum();
            prop_assert_eq!(sum, t.itemised());
        }
    }
}
