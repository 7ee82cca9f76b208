//! Support to members and others (*hỗ trợ*, *chăm lo*): records of programmes such as
//! *Mái ấm Công đoàn* (a house built or repaired), support under a decision (COVID-19
//! support per "Quyết định số 3749/QĐ-TLĐ"), Tết gifts, welfare agreements with
//! businesses, "Tiếp sức đến trường".
//!
//! A record holds the figures a report states, with their qualifiers ("trên 1.065
//! triệu đồng"), and an optional breakdown into parts ("trong đó có 729 đoàn viên của
//! 73/82 Công đoàn cơ sở các trường học được hỗ trợ 364 triệu đồng") that must fit
//! inside the whole.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::org::kind::Bloc;
use crate::support::item::Item;
use crate::value::format::Lang;
use crate::value::id::{BeneficiaryId, CampaignId, MemberId, SupportId, UnitId};
use crate::value::money::Vnd;
use crate::value::period::{DateRange, Period, SchoolCalendar};
use crate::value::ratio::Ratio;
use crate::value::reported::{Qualifier, Reported};
use crate::value::text::Label;

/// Where the money came from (*nguồn kinh phí*). Serialised tagged:
/// `{"kind": "upper_level"}`, `{"kind": "other", "label": "Quỹ Bảo trợ trẻ em"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum FundingSource {
    /// The unit's own union funds (*kinh phí công đoàn*).
    UnionFunds,
    /// An upper-level union: the city federation, the confederation (*Công đoàn cấp
    /// trên*, e.g. LĐLĐ thành phố Hà Nội, Tổng Liên đoàn).
    UpperLevel,
    /// Businesses (*doanh nghiệp*).
    Businesses,
    /// Donations from people (*quyên góp, ủng hộ*).
    Donations,
    /// The state budget (*ngân sách nhà nước*).
    State,
    /// Another source, named.
    Other {
        /// Its name.
        label: Label,
    },
}

impl FundingSource {
    /// The Vietnamese label (the name itself for [`FundingSource::Other`]).
    pub fn label_vi(&self) -> &str {
        match self {
            Self::UnionFunds => "kinh phí công đoàn",
            Self::UpperLevel => "Công đoàn cấp trên",
            Self::Businesses => "doanh nghiệp",
            Self::Donations => "quyên góp, ủng hộ",
            Self::State => "ngân sách nhà nước",
            Self::Other { label } => label.as_str(),
        }
    }

    /// The English label (the name itself for [`FundingSource::Other`]).
    pub fn label_en(&self) -> &str {
        match self {
            Self::UnionFunds => "union funds",
            Self::UpperLevel => "upper-level union",
            Self::Businesses => "businesses",
            Self::Donations => "donations",
            Self::State => "state budget",
            Self::Other { label } => label.as_str(),
        }
    }
}

impl std::fmt::Display for FundingSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label_vi())
    }
}

/// When support was given: on a day, or over a period. Serialised tagged:
/// `{"kind": "date", "date": "2022-11-18"}`,
/// `{"kind": "period", "period": {"kind": "school_year", "value": "2021-2022"}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum SupportTime {
    /// On one day.
    Date {
        /// The day.
        #[serde(deserialize_with = "crate::value::period::day::deserialize")]
        date: NaiveDate,
    },
    /// Over a period.
    Period {
        /// The period.
        period: Period,
    },
}

impl SupportTime {
    /// The days covered, school years taken from `calendar`; `None` for a date
    /// outside the years 0000 to 9999.
    pub fn span(&self, calendar: &SchoolCalendar) -> Option<DateRange> {
        match self {
            Self::Date { date } => DateRange::try_new(*date, *date).ok(),
            Self::Period { period } => Some(period.span(calendar)),
        }
    }
}

/// Who received support: listed members, listed beneficiaries, and/or a count as the
/// report states it when it gives no list ("1.995 đoàn viên", "hơn 3.800 đoàn viên").
///
/// When both a list and a count are given, the count is the figure and the list
/// names some or all of the people it counts (the count must be able to hold them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Recipients {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    members: Vec<MemberId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    beneficiaries: Vec<BeneficiaryId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    count: Option<Reported<u64>>,
}

impl Recipients {
    /// No one listed or counted yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only a count, as the report states it.
    pub fn counted(count: Reported<u64>) -> Self {
        Self::new().with_count(count)
    }

    /// Adds a listed member.
    #[must_use]
    pub fn with_member(mut self, member: MemberId) -> Self {
        self.members.push(member);
        self
    }

    /// Adds a listed beneficiary.
    #[must_use]
    pub fn with_beneficiary(mut self, beneficiary: BeneficiaryId) -> Self {
        self.beneficiaries.push(beneficiary);
        self
    }

    /// Sets the count the report states.
    #[must_use]
    pub fn with_count(mut self, count: Reported<u64>) -> Self {
        self.count = Some(count);
        self
    }

    /// Listed members.
    pub fn members(&self) -> &[MemberId] {
        &self.members
    }

    /// Listed beneficiaries.
    pub fn beneficiaries(&self) -> &[BeneficiaryId] {
        &self.beneficiaries
    }

    /// The count stated, if any.
    pub fn count(&self) -> Option<Reported<u64>> {
        self.count
    }

    /// The number of recipients: the count if stated, else the listed people
    /// (exactly), else unknown.
    pub fn figure(&self) -> Option<Reported<u64>> {
        self.count.or_else(|| {
            let listed = self.listed();
            (listed > 0).then_some(Reported::exact(listed))
        })
    }

    /// How many people are listed.
    pub(crate) fn listed(&self) -> u64 {
        let n = self.members.len().saturating_add(self.beneficiaries.len());
        u64::try_from(n).unwrap_or(u64::MAX)
    }

    fn is_empty(&self) -> bool {
        self.members.is_empty() && self.beneficiaries.is_empty() && self.count.is_none()
    }
}

/// One part of a support record's breakdown ("trong đó …"): a label, optionally the
/// bloc and the share of units it covers ("73/82 Công đoàn cơ sở các trường học"),
/// and its own recipients, money, goods and funding, which must fit inside the
/// whole's.
///
/// ```
/// use thidua::{Bloc, Label, Ratio, Recipients, Reported, SupportPart, Vnd};
///
/// let schools = SupportPart::new(Label::try_new("Công đoàn cơ sở các trường học")?)
///     .with_bloc(Bloc::Schools)
///     .with_units(Ratio::new(73, 82)?)
///     .with_recipients(Recipients::counted(Reported::exact(729)))
///     .with_amount(Reported::exact(Vnd::from_dong(364_000_000)));
/// assert_eq!(schools.units().map(|r| r.to_fraction_string(thidua::Lang::Vi)), Some("73/82".to_owned()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SupportPart {
    label: Label,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bloc: Option<Bloc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    units: Option<Ratio>,
    #[serde(default, skip_serializing_if = "Recipients::is_empty")]
    recipients: Recipients,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    amount: Option<Reported<Vnd>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    items: Vec<Item>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    funding: Vec<FundingSource>,
}

/// A support record (*hỗ trợ, chăm lo*): a programme, the unit that paid for or
/// organised it, when, the documents it rests on, recipients, money and goods as the
/// report states them, where the money came from, and an optional breakdown.
///
/// `amount` is money; goods are [`Item`]s, whose valuations add to a money total and
/// whose missing valuations make that total a lower bound. Records belong to their
/// paying or organising unit.
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{FundingSource, Label, Recipients, Reported, SupportId, SupportRecord,
///     SupportTime, UnitId, Vnd};
///
/// let covid = SupportRecord::new(
///     SupportId::from_key("GL/covid-19"),
///     Label::try_new("Hỗ trợ đoàn viên mắc Covid-19")?,
///     UnitId::from_key("HN.GL"),
///     SupportTime::Period { period: "năm học 2021-2022".parse()? },
/// )
/// .with_document(Label::try_new("Quyết định số 3749/QĐ-TLĐ")?)
/// .with_document(Label::try_new("Hướng dẫn số 23/HD-LĐLĐ")?)
/// .with_recipients(Recipients::counted(Reported::exact(1_995)))
/// .with_amount("trên 1.065 triệu đồng".parse()?)
/// .with_funding(FundingSource::UpperLevel);
/// assert_eq!(covid.amount().map(|a| a.to_string()), Some("trên 1.065.000.000 đồng".to_owned()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SupportRecord {
    id: SupportId,
    programme: Label,
    /// The programme's name is private (it may name a person): published reports
    /// show a generic label instead.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    private: bool,
    organiser: UnitId,
    when: SupportTime,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    documents: Vec<Label>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    campaign: Option<CampaignId>,
    #[serde(default, skip_serializing_if = "Recipients::is_empty")]
    recipients: Recipients,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    amount: Option<Reported<Vnd>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    items: Vec<Item>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    funding: Vec<FundingSource>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    parts: Vec<SupportPart>,
}

macro_rules! figure_builders {
    () => {
        /// Sets the recipients.
        #[must_use]
        pub fn with_recipients(mut self, recipients: Recipients) -> Self {
            self.recipients = recipients;
            self
        }

        /// Sets the money, as the report states it.
        #[must_use]
        pub fn with_amount(mut self, amount: Reported<Vnd>) -> Self {
            self.amount = Some(amount);
            self
        }

        /// Adds goods given.
        #[must_use]
        pub fn with_item(mut self, item: Item) -> Self {
            self.items.push(item);
            self
        }

        /// Adds a funding source.
        #[must_use]
        pub fn with_funding(mut self, source: FundingSource) -> Self {
            self.funding.push(source);
            self
        }

        /// The recipients.
        pub fn recipients(&self) -> &Recipients {
            &self.recipients
        }

        /// The money, as stated.
        pub fn amount(&self) -> Option<Reported<Vnd>> {
            self.amount
        }

        /// Goods given.
        pub fn items(&self) -> &[Item] {
            &self.items
        }

        /// Where the money came from.
        pub fn funding(&self) -> &[FundingSource] {
            &self.funding
        }
    };
}

impl SupportPart {
    /// A part named `label`, with no figures yet.
    pub fn new(label: Label) -> Self {
        Self {
            label,
            bloc: None,
            units: None,
            recipients: Recipients::default(),
            amount: None,
            items: Vec::new(),
            funding: Vec::new(),
        }
    }

    /// Sets the bloc of the units it covers.
    #[must_use]
    pub fn with_bloc(mut self, bloc: Bloc) -> Self {
        self.bloc = Some(bloc);
        self
    }

    /// Sets the share of units it covers ("73/82").
    #[must_use]
    pub fn with_units(mut self, units: Ratio) -> Self {
        self.units = Some(units);
        self
    }

    figure_builders!();

    /// What the part is.
    pub fn label(&self) -> &Label {
        &self.label
    }

    /// The bloc of the units it covers.
    pub fn bloc(&self) -> Option<Bloc> {
        self.bloc
    }

    /// The share of units it covers.
    pub fn units(&self) -> Option<Ratio> {
        self.units
    }
}

impl SupportRecord {
    /// A record of `programme`, paid for or organised by `organiser`, at `when`.
    pub fn new(id: SupportId, programme: Label, organiser: UnitId, when: SupportTime) -> Self {
        Self {
            id,
            programme,
            private: false,
            organiser,
            when,
            documents: Vec::new(),
            campaign: None,
            recipients: Recipients::default(),
            amount: None,
            items: Vec::new(),
            funding: Vec::new(),
            parts: Vec::new(),
        }
    }

    /// Adds a document the support rests on ("Quyết định số 3749/QĐ-TLĐ").
    #[must_use]
    pub fn with_document(mut self, reference: Label) -> Self {
        self.documents.push(reference);
        self
    }

    /// Places the record under a campaign.
    #[must_use]
    pub fn with_campaign(mut self, campaign: CampaignId) -> Self {
        self.campaign = Some(campaign);
        self
    }

    /// Adds a part of the breakdown.
    #[must_use]
    pub fn with_part(mut self, part: SupportPart) -> Self {
        self.parts.push(part);
        self
    }

    figure_builders!();

    /// The id.
    pub fn id(&self) -> SupportId {
        self.id
    }

    /// The programme.
    pub fn programme(&self) -> &Label {
        &self.programme
    }

    /// Marks the programme's name private: it may name a person ("Hỗ trợ em … mổ
    /// tim"), so published reports show "Chương trình hỗ trợ (riêng tư)" ("Support
    /// programme (private)") instead, numbered when there are several. A programme
    /// is private when any of its records is.
    #[must_use]
    pub fn with_private_programme(mut self) -> Self {
        self.private = true;
        self
    }

    /// Whether the programme's name is private (see
    /// [`SupportRecord::with_private_programme`]).
    pub fn is_private(&self) -> bool {
        self.private
    }

    /// The paying or organising unit.
    pub fn organiser(&self) -> UnitId {
        self.organiser
    }

    /// When.
    pub fn when(&self) -> SupportTime {
        self.when
    }

    /// The documents it rests on.
    pub fn documents(&self) -> &[Label] {
        &self.documents
    }

    /// The campaign, if any.
    pub fn campaign(&self) -> Option<CampaignId> {
        self.campaign
    }

    /// The breakdown.
    pub fn parts(&self) -> &[SupportPart] {
        &self.parts
    }
}

/// The least and the most value a reported figure allows (`None`: unbounded above),
/// as integers.
pub(crate) fn bounds(value: i128, qualifier: Qualifier) -> (i128, Option<i128>) {
    match qualifier {
        Qualifier::Exact => (value, Some(value)),
        Qualifier::MoreThan => (value.saturating_add(1), None),
        Qualifier::AtLeast => (value, None),
        Qualifier::LessThan => (0, Some(value.saturating_sub(1))),
        Qualifier::AtMost => (0, Some(value)),
        _ => (0, None),
    }
}

/// Whether a part stated as `part` cannot fit in a whole stated as `whole` (even its
/// least value exceeds the whole's most).
pub(crate) fn cannot_fit(part: (i128, Qualifier), whole: (i128, Qualifier)) -> bool {
    let (least, _) = bounds(part.0, part.1);
    let (_, most) = bounds(whole.0, whole.1);
    most.is_some_and(|m| least > m)
}

/// The qualifier of a sum of figures with qualifiers `a` and `b`.
pub(crate) fn join(a: Qualifier, b: Qualifier) -> Qualifier {
    Reported::new(0_u64, a)
        .checked_add(Reported::new(0, b))
        .map_or(Qualifier::About, |r| r.qualifier())
}

/// A reported amount as written in millions: `trên 1.065 triệu đồng`.
pub(crate) fn trieu(amount: Reported<Vnd>, lang: Lang) -> String {
    let value = amount.value().to_trieu_string(3, lang);
    let label = match (amount.qualifier(), lang) {
        (Qualifier::MoreThan, Lang::Vi) => "trên",
        (q, lang) => q.label(lang),
    };
    if label.is_empty() {
        value
    } else {
        format!("{label} {value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(s: &str) -> Label {
        Label::try_new(s).unwrap()
    }

    #[test]
    fn bounds_respect_qualifiers() {
        use Qualifier::*;
        assert!(!cannot_fit((364, Exact), (1_065, MoreThan)));
        assert!(!cannot_fit((2_000, Exact), (1_065, MoreThan)));
        assert!(cannot_fit((2_000, Exact), (1_995, Exact)));
        assert!(!cannot_fit((1_995, Exact), (1_995, Exact)));
        assert!(cannot_fit((1_995, MoreThan), (1_995, AtMost)));
        assert!(cannot_fit((5, Exact), (5, LessThan)));
        assert!(!cannot_fit((5, About), (1, Exact)));
        assert!(!cannot_fit((5, LessThan), (1, Exact)));
        assert_eq!(join(Exact, MoreThan), MoreThan);
        assert_eq!(join(Exact, Exact), Exact);
        assert_eq!(join(AtLeast, MoreThan), MoreThan);
        assert_eq!(join(About, Exact), About);
    }

    #[test]
    fn millions_keep_the_qualifier() {
        let r: Reported<Vnd> = "trên 1.065 triệu đồng".parse().unwrap();
        assert_eq!(trieu(r, Lang::Vi), "trên 1.065 triệu đồng");
        assert_eq!(trieu(r, Lang::En), "more than 1,065 million VND");
        assert_eq!(
            trieu(Reported::exact(Vnd::from_dong(37_500_000)), Lang::Vi),
            "37,5 triệu đồng"
        );
    }

    #[test]
    fn recipients_figure() {
        let m = MemberId::from_key("a");
        assert_eq!(Recipients::new().figure(), None);
        assert_eq!(
            Recipients::new().with_member(m).figure(),
            Some(Reported::exact(1))
        );
        let counted = Recipients::counted(Reported::exact(2)).with_member(m);
        assert_eq!(counted.figure(), Some(Reported::exact(2)));
        assert_eq!(counted.members(), [m]);
    }

    #[test]
    fn file_form_round_trips() {
        let r = SupportRecord::new(
            SupportId::from_key("TT/tiep-suc"),
            l("Tiếp sức đến trường"),
            UnitId::from_key("HN.TT.GDNN-GDTX"),
            SupportTime::Date {
                date: NaiveDate::from_ymd_opt(2021, 9, 5).unwrap(),
            },
        )
        .with_amount("trên 17 triệu đồng".parse().unwrap())
        .with_item(Item::new(l("sách giáo khoa"), 33, l("bộ")))
        .with_funding(FundingSource::Other {
            label: l("Quỹ khuyến học"),
        })
        .with_part(
            SupportPart::new(l("học sinh lớp 10"))
                .with_recipients(Recipients::counted(Reported::exact(5)))
                .with_amount(Reported::exact(Vnd::from_dong(5_000_000))),
        );
        let json = serde_json::to_string_pretty(&r).unwrap();
        insta::assert_snapshot!(json, @r#"
        {
          "id": "2d1f71db-cc85-5e62-a063-6401a4b6d33d",
          "programme": "Tiếp sức đến trường",
          "organiser": "adb26101-1e7a-5512-bbb5-1855a46bbf44",
          "when": {
            "kind": "date",
            "date": "2021-09-05"
          },
          "amount": {
            "value": 17000000,
            "qualifier": "more_than"
          },
          "items": [
            {
              "label": "sách giáo khoa",
              "quantity": 33,
              "unit": "bộ"
            }
          ],
          "funding": [
            {
              "kind": "other",
              "label": "Quỹ khuyến học"
            }
          ],
          "parts": [
            {
              "label": "học sinh lớp 10",
              "recipients": {
                "count": {
                  "value": 5,
                  "qualifier": "exact"
                }
              },
              "amount": {
                "value": 5000000,
                "qualifier": "exact"
              }
            }
          ]
        }
        "#);
        assert_eq!(serde_json::from_str::<SupportRecord>(&json).unwrap(), r);
        assert_eq!(
            FundingSource::Other {
                label: l("Quỹ khuyến học")
            }
            .to_string(),
            "Quỹ khuyến học"
        );
        assert_eq!(FundingSource::UpperLevel.label_en(), "upper-level union");
    }
}
