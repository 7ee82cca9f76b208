//! Sponsorship (*đỡ đầu*): commitments between sponsors and beneficiaries over a
//! period, fulfilled by entries of money, goods in kind and services.
//!
//! "212 nhà giáo đỡ đầu 196 học sinh số tiền 265.902.000 đồng bằng nhiều hình thức
//! khác nhau như: giúp đỡ đưa đón các em đến trường, hỗ trợ vật chất, dạy học miễn
//! phí…" — teachers (members, sometimes a unit as a whole) commit to help students in
//! hardship. A commitment has one or more sponsors and one or more beneficiaries; one
//! teacher may sponsor several students and one student may have several sponsors.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::support::item::{Item, ItemTally, Valuation};
use crate::value::id::{BeneficiaryId, CampaignId, MemberId, SponsorshipId, UnitId};
use crate::value::money::{Vnd, VndSum};
use crate::value::period::Period;
use crate::value::text::Label;

/// Who sponsors: a member (*đoàn viên*, most often a teacher) or a unit as a whole.
/// Serialised tagged: `{"kind": "member", "member": "…"}`, `{"kind": "unit", "unit": "…"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Sponsor {
    /// A member; entries belong to the member's unit on their date.
    Member {
        /// The member.
        member: MemberId,
    },
    /// A unit as a whole; entries belong to it.
    Unit {
        /// The unit.
        unit: UnitId,
    },
}

impl Sponsor {
    /// A member as sponsor.
    pub fn member(member: MemberId) -> Self {
        Self::Member { member }
    }

    /// A unit as sponsor.
    pub fn unit(unit: UnitId) -> Self {
        Self::Unit { unit }
    }
}

/// A service given without a money value: taking a child to school (*đưa đón*), free
/// tutoring (*dạy học miễn phí*).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Service {
    description: Label,
    hours: Option<u32>,
}

impl Service {
    /// A service described by `description`.
    pub fn new(description: Label) -> Self {
        Self {
            description,
            hours: None,
        }
    }

    /// Sets the hours given.
    #[must_use]
    pub fn with_hours(mut self, hours: u32) -> Self {
        self.hours = Some(hours);
        self
    }

    /// What was done.
    pub fn description(&self) -> &Label {
        &self.description
    }

    /// Hours given, if recorded.
    pub fn hours(&self) -> Option<u32> {
        self.hours
    }
}

/// What an entry gives.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Contribution {
    /// Money (*tiền*).
    Money(Vnd),
    /// Goods (*hiện vật*).
    InKind(Item),
    /// A service with no money value (*công sức*).
    Service(Service),
}

/// One fulfilment of a commitment, on a date, by one of its sponsors.
///
/// When the commitment has one sponsor, the entry is theirs; with several, the entry
/// names the one who gave ([`Entry::by`]). Serialised flat and tagged by what it
/// gives:
/// `{"kind": "money", "date": "2023-10-02", "amount": 500000}`,
/// `{"kind": "in_kind", "date": …, "label": "sách giáo khoa", "quantity": 1, "unit": "bộ",
/// "valuation": {"amount": 350000, "basis": "invoice"}}`,
/// `{"kind": "service", "date": …, "description": "đưa đón đến trường", "hours": 20}`,
/// each with an optional `"by"` sponsor.
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{Entry, Label, MemberId, Service, Sponsor, Vnd};
///
/// let day = NaiveDate::from_ymd_opt(2023, 10, 2).ok_or("date")?;
/// let cash = Entry::money(day, Vnd::from_dong(500_000));
/// let lift = Entry::service(day, Service::new(Label::try_new("đưa đón đến trường")?))
///     .by(Sponsor::member(MemberId::from_key("GV-017")));
/// assert_eq!(serde_json::to_string(&cash)?, r#"{"kind":"money","date":"2023-10-02","amount":500000}"#);
/// assert!(lift.sponsor().is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(from = "EntryWire", into = "EntryWire")]
pub struct Entry {
    #[serde(deserialize_with = "crate::value::period::day::deserialize")]
    date: NaiveDate,
    by: Option<Sponsor>,
    contribution: Contribution,
}

impl Entry {
    /// Money given on `date`.
    pub fn money(date: NaiveDate, amount: Vnd) -> Self {
        Self::new(date, Contribution::Money(amount))
    }

    /// Goods given on `date`.
    pub fn in_kind(date: NaiveDate, item: Item) -> Self {
        Self::new(date, Contribution::InKind(item))
    }

    /// A service given on `date`.
    pub fn service(date: NaiveDate, service: Service) -> Self {
        Self::new(date, Contribution::Service(service))
    }

    /// `contribution` given on `date`.
    pub fn new(date: NaiveDate, contribution: Contribution) -> Self {
        Self {
            date,
            by: None,
            contribution,
        }
    }

    /// Names the sponsor who gave (needed when the commitment has several).
    #[must_use]
    pub fn by(mut self, sponsor: Sponsor) -> Self {
        self.by = Some(sponsor);
        self
    }

    /// The day it was given.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The sponsor named as giver, if any.
    pub fn sponsor(&self) -> Option<Sponsor> {
        self.by
    }

    /// What was given.
    pub fn contribution(&self) -> &Contribution {
        &self.contribution
    }

    /// The field holding the money of this entry, for paths: `amount` or
    /// `valuation.amount`.
    pub(crate) fn amount_field(&self) -> Option<(Vnd, &'static [&'static str])> {
        match &self.contribution {
            Contribution::Money(a) => Some((*a, &["amount"])),
            Contribution::InKind(item) => item
                .valuation()
                .map(|v| (v.amount(), &["valuation", "amount"][..])),
            Contribution::Service(_) => None,
        }
    }
}

/// The file form of an [`Entry`]: flat, tagged by contribution.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum EntryWire {
    Money {
        #[serde(deserialize_with = "crate::value::period::day::deserialize")]
        date: NaiveDate,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<Sponsor>,
        amount: Vnd,
    },
    InKind {
        #[serde(deserialize_with = "crate::value::period::day::deserialize")]
        date: NaiveDate,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<Sponsor>,
        label: Label,
        quantity: u64,
        unit: Label,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        valuation: Option<Valuation>,
    },
    Service {
        #[serde(deserialize_with = "crate::value::period::day::deserialize")]
        date: NaiveDate,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<Sponsor>,
        description: Label,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        hours: Option<u32>,
    },
}

impl From<EntryWire> for Entry {
    fn from(w: EntryWire) -> Self {
        let (date, by, contribution) = match w {
            EntryWire::Money { date, by, amount } => (date, by, Contribution::Money(amount)),
            EntryWire::InKind {
                date,
                by,
                label,
                quantity,
                unit,
                valuation,
            } => {
                let item = Item::new(label, quantity, unit);
                let item = match valuation {
                    Some(v) => item.with_valuation(v),
                    None => item,
                };
                (date, by, Contribution::InKind(item))
            }
            EntryWire::Service {
                date,
                by,
                description,
                hours,
            } => (
                date,
                by,
                Contribution::Service(Service { description, hours }),
            ),
        };
        Self {
            date,
            by,
            contribution,
        }
    }
}

impl From<Entry> for EntryWire {
    fn from(e: Entry) -> Self {
        let Entry {
            date,
            by,
            contribution,
        } = e;
        match contribution {
            Contribution::Money(amount) => Self::Money { date, by, amount },
            Contribution::InKind(item) => Self::InKind {
                date,
                by,
                valuation: item.valuation(),
                quantity: item.quantity(),
                unit: item.unit().clone(),
                label: item.label().clone(),
            },
            Contribution::Service(Service { description, hours }) => Self::Service {
                date,
                by,
                description,
                hours,
            },
        }
    }
}

/// What a commitment plans to give over its period: money and/or items.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Pledge {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    money: Option<Vnd>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    items: Vec<Item>,
}

impl Pledge {
    /// Planned money, if any.
    pub fn money(&self) -> Option<Vnd> {
        self.money
    }

    /// Planned items.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// Whether nothing is planned.
    pub fn is_empty(&self) -> bool {
        self.money.is_none() && self.items.is_empty()
    }
}

/// A sponsorship commitment (*cam kết đỡ đầu*).
///
/// Built with its id and period, then sponsors, beneficiaries, an optional campaign
/// ("Mỗi nhà giáo … nhận đỡ đầu, giúp đỡ học sinh có hoàn cảnh khó khăn"), what is
/// planned and the entries that fulfil it. Checks across the whole ledger (unknown
/// people, entries outside the period, negative amounts …) are made by
/// [`Ledger::validate`](crate::Ledger::validate).
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{BeneficiaryId, Entry, MemberId, Period, SchoolYear, Sponsor, Sponsorship,
///     SponsorshipId, Vnd};
///
/// let year: SchoolYear = "2023-2024".parse()?;
/// let day = NaiveDate::from_ymd_opt(2023, 10, 2).ok_or("date")?;
/// let commitment = Sponsorship::new(SponsorshipId::from_key("BTL/2023/001"), Period::SchoolYear(year))
///     .with_sponsor(Sponsor::member(MemberId::from_key("GV-017")))
///     .with_beneficiary(BeneficiaryId::from_key("HS-2023-001"))
///     .with_planned_money(Vnd::from_dong(3_000_000))
///     .with_entry(Entry::money(day, Vnd::from_dong(1_000_000)));
/// let progress = commitment.progress();
/// assert_eq!(progress.cash().total()?, Vnd::from_dong(1_000_000));
/// assert_eq!(progress.planned_money(), Some(Vnd::from_dong(3_000_000)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Sponsorship {
    id: SponsorshipId,
    sponsors: Vec<Sponsor>,
    beneficiaries: Vec<BeneficiaryId>,
    period: Period,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    campaign: Option<CampaignId>,
    #[serde(default, skip_serializing_if = "Pledge::is_empty")]
    planned: Pledge,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    entries: Vec<Entry>,
}

impl Sponsorship {
    /// A commitment over `period`, with no one in it yet.
    pub fn new(id: SponsorshipId, period: Period) -> Self {
        Self {
            id,
            sponsors: Vec::new(),
            beneficiaries: Vec::new(),
            period,
            campaign: None,
            planned: Pledge::default(),
            entries: Vec::new(),
        }
    }

    /// Adds a sponsor.
    #[must_use]
    pub fn with_sponsor(mut self, sponsor: Sponsor) -> Self {
        self.sponsors.push(sponsor);
        self
    }

    /// Adds a beneficiary.
    #[must_use]
    pub fn with_beneficiary(mut self, beneficiary: BeneficiaryId) -> Self {
        self.beneficiaries.push(beneficiary);
        self
    }

    /// Places the commitment under a campaign.
    #[must_use]
    pub fn with_campaign(mut self, campaign: CampaignId) -> Self {
        self.campaign = Some(campaign);
        self
    }

    /// Sets the money planned over the period.
    #[must_use]
    pub fn with_planned_money(mut self, amount: Vnd) -> Self {
        self.planned.money = Some(amount);
        self
    }

    /// Adds an item planned over the period.
    #[must_use]
    pub fn with_planned_item(mut self, item: Item) -> Self {
        self.planned.items.push(item);
        self
    }

    /// Adds an entry.
    #[must_use]
    pub fn with_entry(mut self, entry: Entry) -> Self {
        self.entries.push(entry);
        self
    }

    /// Adds an entry in place.
    pub fn push_entry(&mut self, entry: Entry) {
        self.entries.push(entry);
    }

    /// The id.
    pub fn id(&self) -> SponsorshipId {
        self.id
    }

    /// The sponsors.
    pub fn sponsors(&self) -> &[Sponsor] {
        &self.sponsors
    }

    /// The beneficiaries.
    pub fn beneficiaries(&self) -> &[BeneficiaryId] {
        &self.beneficiaries
    }

    /// The period committed to.
    pub fn period(&self) -> Period {
        self.period
    }

    /// The campaign, if any.
    pub fn campaign(&self) -> Option<CampaignId> {
        self.campaign
    }

    /// What is planned.
    pub fn planned(&self) -> &Pledge {
        &self.planned
    }

    /// The entries, as given.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The sponsor an entry belongs to: the one it names, or the only sponsor.
    pub fn giver(&self, entry: &Entry) -> Option<Sponsor> {
        match (entry.by, self.sponsors.as_slice()) {
            (Some(s), _) => Some(s),
            (None, [only]) => Some(*only),
            (None, _) => None,
        }
    }

    /// Planned against fulfilled, over all entries: money given in cash against the
    /// planned money, and each planned item against the quantity given.
    /// [`Ledger::validate`](crate::Ledger::validate) reports sums that overflow; here
    /// item quantities stop at `u64::MAX`.
    pub fn progress(&self) -> Progress {
        let mut cash = VndSum::new();
        let mut given = ItemTally::default();
        let mut services = 0_u64;
        for e in &self.entries {
            match &e.contribution {
                Contribution::Money(a) => cash.add(*a),
                Contribution::InKind(item) => given.add(item.label(), item.unit(), item.quantity()),
                Contribution::Service(_) => services = services.saturating_add(1),
            }
        }
        let mut planned = ItemTally::default();
        for item in &self.planned.items {
            planned.add(item.label(), item.unit(), item.quantity());
        }
        let mut seen: HashSet<(Label, Label)> = HashSet::new();
        let mut items = Vec::new();
        for total in planned.into_totals() {
            seen.insert((total.label().clone(), total.unit().clone()));
            items.push(ItemProgress {
                fulfilled: given.quantity(total.label(), total.unit()).unwrap_or(0),
                planned: Some(total.quantity()),
                label: total.label().clone(),
                unit: total.unit().clone(),
            });
        }
        for total in given.into_totals() {
            if !seen.contains(&(total.label().clone(), total.unit().clone())) {
                items.push(ItemProgress {
                    fulfilled: total.quantity(),
                    planned: None,
                    label: total.label().clone(),
                    unit: total.unit().clone(),
                });
            }
        }
        Progress {
            planned_money: self.planned.money,
            cash,
            items,
            services,
        }
    }
}

/// Planned against fulfilled for one commitment (see [`Sponsorship::progress`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    planned_money: Option<Vnd>,
    cash: VndSum,
    items: Vec<ItemProgress>,
    services: u64,
}

impl Progress {
    /// The money planned, if any.
    pub fn planned_money(&self) -> Option<Vnd> {
        self.planned_money
    }

    /// The money given in cash (valued goods are not cash).
    pub fn cash(&self) -> VndSum {
        self.cash
    }

    /// Items planned or given: planned ones first, in plan order, then those given
    /// without a plan.
    pub fn items(&self) -> &[ItemProgress] {
        &self.items
    }

    /// How many services were given.
    pub fn services(&self) -> u64 {
        self.services
    }
}

/// One item's plan and fulfilment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemProgress {
    label: Label,
    unit: Label,
    planned: Option<u64>,
    fulfilled: u64,
}

impl ItemProgress {
    /// What is counted.
    pub fn label(&self) -> &Label {
        &self.label
    }

    /// The unit of measure.
    pub fn unit(&self) -> &Label {
        &self.unit
    }

    /// The quantity planned, if it was planned.
    pub fn planned(&self) -> Option<u64> {
        self.planned
    }

    /// The quantity given.
    pub fn fulfilled(&self) -> u64 {
        self.fulfilled
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::item::ValuationBasis;
    use crate::value::period::SchoolYear;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn l(s: &str) -> Label {
        Label::try_new(s).unwrap()
    }

    fn commitment() -> Sponsorship {
        let year: SchoolYear = "2023-2024".parse().unwrap();
        let a = Sponsor::member(MemberId::from_key("GV-1"));
        let b = Sponsor::member(MemberId::from_key("GV-2"));
        Sponsorship::new(SponsorshipId::from_key("S-1"), Period::SchoolYear(year))
            .with_sponsor(a)
            .with_sponsor(b)
            .with_beneficiary(BeneficiaryId::from_key("HS-1"))
            .with_campaign(CampaignId::from_key("BTL-do-dau"))
            .with_planned_money(Vnd::from_dong(2_000_000))
            .with_planned_item(Item::new(l("sách giáo khoa"), 2, l("bộ")))
            .with_entry(Entry::money(d(2023, 10, 1), Vnd::from_dong(500_000)).by(a))
            .with_entry(
                Entry::in_kind(
                    d(2023, 10, 1),
                    Item::new(l("sách giáo khoa"), 1, l("bộ")).with_valuation(Valuation::new(
                        Vnd::from_dong(350_000),
                        ValuationBasis::Invoice,
                    )),
                )
                .by(b),
            )
            .with_entry(Entry::in_kind(d(2023, 11, 1), Item::new(l("xe đạp"), 1, l("chiếc"))).by(b))
            .with_entry(
                Entry::service(
                    d(2023, 11, 2),
                    Service::new(l("dạy học miễn phí")).with_hours(12),
                )
                .by(a),
            )
    }

    #[test]
    fn progress_shows_planned_against_fulfilled() {
        let p = commitment().progress();
        assert_eq!(p.planned_money(), Some(Vnd::from_dong(2_000_000)));
        assert_eq!(p.cash().total().unwrap(), Vnd::from_dong(500_000));
        assert_eq!(p.services(), 1);
        let rows: Vec<(String, Option<u64>, u64)> = p
            .items()
            .iter()
            .map(|i| (i.label().to_string(), i.planned(), i.fulfilled()))
            .collect();
        assert_eq!(
            rows,
            [
                ("sách giáo khoa".to_owned(), Some(2), 1),
                ("xe đạp".to_owned(), None, 1)
            ]
        );
    }

    #[test]
    fn giver_is_named_or_the_only_sponsor() {
        let c = commitment();
        let unnamed = Entry::money(d(2023, 10, 1), Vnd::from_dong(1));
        assert_eq!(c.giver(&unnamed), None);
        let solo = Sponsorship::new(c.id(), c.period())
            .with_sponsor(Sponsor::unit(UnitId::from_key("HN.BTL")));
        assert_eq!(
            solo.giver(&unnamed),
            Some(Sponsor::unit(UnitId::from_key("HN.BTL")))
        );
    }

    #[test]
    fn file_form_is_flat_and_round_trips() {
        let c = commitment();
        let json = serde_json::to_string_pretty(&c).unwrap();
        insta::assert_snapshot!(json, @r#"
        {
          "id": "b4c9fdd2-52c7-5f09-a041-09f21cac6137",
          "sponsors": [
            {
              "kind": "member",
              "member": "69200aa1-e2a7-56a5-96d6-990ff14e75ee"
            },
            {
              "kind": "member",
              "member": "6e4f6f1a-36ea-5056-85d0-596088672d3e"
            }
          ],
          "beneficiaries": [
            "f8696de2-723e-5406-bf21-8e3278930a99"
          ],
          "period": {
            "kind": "school_year",
            "value": "2023-2024"
          },
          "campaign": "3396ec2d-9fcd-5d55-b5e1-d17a65dd11b4",
          "planned": {
            "money": 2000000,
            "items": [
              {
                "label": "sách giáo khoa",
                "quantity": 2,
                "unit": "bộ"
              }
            ]
          },
          "entries": [
            {
              "kind": "money",
              "date": "2023-10-01",
              "by": {
                "kind": "member",
                "member": "69200aa1-e2a7-56a5-96d6-990ff14e75ee"
              },
              "amount": 500000
            },
            {
              "kind": "in_kind",
              "date": "2023-10-01",
              "by": {
                "kind": "member",
                "member": "6e4f6f1a-36ea-5056-85d0-596088672d3e"
              },
              "label": "sách giáo khoa",
              "quantity": 1,
              "unit": "bộ",
              "valuation": {
                "amount": 350000,
                "basis": "invoice"
              }
            },
            {
              "kind": "in_kind",
              "date": "2023-11-01",
              "by": {
                "kind": "member",
                "member": "6e4f6f1a-36ea-5056-85d0-596088672d3e"
              },
              "label": "xe đạp",
              "quantity": 1,
              "unit": "chiếc"
            },
            {
              "kind": "service",
              "date": "2023-11-02",
              "by": {
                "kind": "member",
                "member": "69200aa1-e2a7-56a5-96d6-990ff14e75ee"
              },
              "description": "dạy học miễn phí",
              "hours": 12
            }
          ]
        }
        "#);
        let back: Sponsorship = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
        assert!(
            serde_json::from_str::<Entry>(
                r#"{"kind":"money","date":"2023-10-01","amount":5,"extra":1}"#
            )
            .is_err()
        );
        assert!(serde_json::from_str::<Entry>(r#"{"kind":"gift","date":"2023-10-01"}"#).is_err());
    }

    proptest! {
        #[test]
        fn entries_round_trip(amount in any::<i64>(), quantity in any::<u64>(), hours in proptest::option::of(any::<u32>()), day in 0u32..365) {
            let date = d(2023, 1, 1) + chrono::Days::new(u64::from(day));
            let by = Sponsor::unit(UnitId::from_key("HN"));
            for e in [
                Entry::money(date, Vnd::from_dong(amount)),
                Entry::in_kind(date, Item::new(l("vở"), quantity, l("quyển"))).by(by),
                Entry::in_kind(date, Item::new(l("vở"), quantity, l("quyển")).with_valuation(Valuation::new(Vnd::from_dong(amount), ValuationBasis::Other))),
                Entry::service(date, Service { description: l("đưa đón"), hours }),
            ] {
                let json = serde_json::to_string(&e).unwrap();
                prop_assert_eq!(serde_json::from_str::<Entry>(&json).unwrap(), e);
            }
        }
    }
}
