//! Decisions conferring titles and commendations (*quyết định khen thưởng*), their
//! revocation, and each recipient's award history.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::award::catalogue::{AwardError, Catalogue, TitleCode, codes};
use crate::diagnostic::{DataPath, Diagnostic, Diagnostics, Severity};
use crate::value::format::Lang;
use crate::value::hash::{self, FastMap, FastSet};
use crate::value::id::{CampaignId, DecisionId, MemberId, PartnerId, UnitId};
use crate::value::money::Vnd;
use crate::value::period::Period;
use crate::value::text::normalized;

/// A document number as Vietnamese administrative documents write it:
/// `123/QĐ-LĐLĐ` (number, document type, issuer), or with a year,
/// `98/2023/NĐ-CP`, `01/2024/TT-BNV`.
///
/// ```
/// use thidua::DecisionNumber;
///
/// let n: DecisionNumber = "3749/QĐ-TLĐ".parse()?;
/// assert_eq!((n.number(), n.year(), n.doc_type(), n.issuer()), (3749, None, "QĐ", "TLĐ"));
/// let d: DecisionNumber = "152/2025/NĐ-CP".parse()?;
/// assert_eq!(d.year(), Some(2025));
/// assert_eq!(d.to_string(), "152/2025/NĐ-CP");
/// # Ok::<(), thidua::AwardError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DecisionNumber {
    number: u32,
    year: Option<u16>,
    /// The document type and the issuer as written, `QĐ-LĐLĐ`: one piece of text,
    /// shared by the copy an award history keeps (a national history holds millions
    /// of decisions).
    kind: Arc<str>,
    /// The length in bytes of the document type at the start of `kind`.
    split: u8,
}

impl fmt::Debug for DecisionNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecisionNumber")
            .field("number", &self.number)
            .field("year", &self.year)
            .field("doc_type", &self.doc_type())
            .field("issuer", &self.issuer())
            .finish()
    }
}

fn is_code_part(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= 24
        && s.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(c, '&' | '.')
                || unicode_normalization::char::is_combining_mark(c)
        })
        && s.chars().any(char::is_alphabetic)
}

/// The upper-case form of a code part, in NFC (some letters upper-case into a letter
/// and combining marks).
fn upper(part: &str) -> Cow<'_, str> {
    // Most parts are written in capitals already: they are only checked.
    let unchanged = part.chars().all(|c| {
        let mut upper = c.to_uppercase();
        upper.next() == Some(c) && upper.next().is_none()
    });
    if unchanged {
        normalized(part)
    } else {
        Cow::Owned(normalized(&part.to_uppercase()).into_owned())
    }
}

impl DecisionNumber {
    /// The sequence number.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The year, when the number carries one.
    pub fn year(&self) -> Option<u16> {
        self.year
    }

    /// The document type: `QĐ` (decision), `HD` (guidance), `NĐ` (decree), `TT`
    /// (circular), `KH` (plan) …
    pub fn doc_type(&self) -> &str {
        self.kind.get(..usize::from(self.split)).unwrap_or_default()
    }

    /// The issuing body's abbreviation: `LĐLĐ`, `TLĐ`, `CP`, `UBND` …
    pub fn issuer(&self) -> &str {
        self.kind
            .get(usize::from(self.split) + 1..)
            .unwrap_or_default()
    }
}

impl FromStr for DecisionNumber {
    type Err = AwardError;

    fn from_str(s: &str) -> Result<Self, AwardError> {
        let bad = || AwardError::InvalidDecisionNumber {
            input: s.to_owned(),
        };
        let text = normalized(s);
        let text: Cow<'_, str> = if text.contains(char::is_whitespace) {
            Cow::Owned(text.chars().filter(|c| !c.is_whitespace()).collect())
        } else {
            text
        };
        let (number, year, rest) = numbers(&text).ok_or_else(bad)?;
        let (doc_type, issuer) = rest.split_once('-').ok_or_else(bad)?;
        let (doc_type, issuer) = (upper(doc_type), upper(issuer));
        if !is_code_part(&doc_type) || !issuer.split('-').all(is_code_part) {
            return Err(bad());
        }
        // A part holds at most 24 characters of at most 4 bytes each.
        let split = u8::try_from(doc_type.len()).map_err(|_| bad())?;
        let kind: Arc<str> = match (&doc_type, &issuer) {
            // Both parts as written: the text after the numbers is the two of them.
            (Cow::Borrowed(_), Cow::Borrowed(_)) => Arc::from(rest),
            _ => Arc::from(format!("{doc_type}-{issuer}")),
        };
        Ok(Self {
            number,
            year,
            kind,
            split,
        })
    }
}

/// The sequence number, the year when there is one, and the text after them, of a
/// number with its white space taken out: `12/2024/QĐ-LĐLĐ` or `12/QĐ-LĐLĐ`.
fn numbers(text: &str) -> Option<(u32, Option<u16>, &str)> {
    let mut parts = text.split('/');
    let number: u32 = parts
        .next()
        .filter(|p| !p.is_empty() && p.len() <= 9 && p.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|p| p.parse().ok())?;
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(rest), None) => {
            let year: u16 = y
                .parse()
                .ok()
                .filter(|y| (1945..=2200).contains(y) && y_is_four_digits(y))?;
            Some((number, Some(year), rest))
        }
        (Some(rest), None, None) => Some((number, None, rest)),
        _ => None,
    }
}

fn y_is_four_digits(y: &u16) -> bool {
    *y >= 1000
}

impl fmt::Display for DecisionNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/", self.number)?;
        if let Some(y) = self.year {
            write!(f, "{y}/")?;
        }
        f.write_str(&self.kind)
    }
}

impl Serialize for DecisionNumber {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DecisionNumber {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Who issued a decision: a union unit or a partner body (a Phòng GD&ĐT or UBND
/// issues Giấy khen too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Issuer {
    /// A union unit.
    Unit(UnitId),
    /// A non-union partner body.
    Partner(PartnerId),
}

/// Who receives an award: a member or a unit (collective).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Recipient {
    /// A person.
    Member(MemberId),
    /// A collective.
    Unit(UnitId),
}

/// One award in a decision: the form a decision is given its awards in and gives
/// them back in ([`Decision::conferrals`]). A decision keeps them in a smaller form
/// of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "ConferralForm", into = "ConferralForm")]
pub struct Conferral {
    title: TitleCode,
    recipient: Recipient,
    /// The bonus, when `paid`; zero otherwise.
    amount: Vnd,
    paid: bool,
}

// The file form of `Conferral`. Its description is the JSON Schema's.
/// One award in a decision.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename = "Conferral")]
struct ConferralForm {
    title: TitleCode,
    recipient: Recipient,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    amount: Option<Vnd>,
}

impl From<ConferralForm> for Conferral {
    fn from(f: ConferralForm) -> Self {
        let c = Conferral::new(f.title, f.recipient);
        match f.amount {
            Some(amount) => c.with_amount(amount),
            None => c,
        }
    }
}

impl From<Conferral> for ConferralForm {
    fn from(c: Conferral) -> Self {
        let amount = c.amount();
        ConferralForm {
            title: c.title,
            recipient: c.recipient,
            amount,
        }
    }
}

schema_of_file_form!(Conferral, ConferralForm);

impl Conferral {
    /// A title or form conferred on a recipient.
    pub fn new(title: TitleCode, recipient: Recipient) -> Self {
        Self {
            title,
            recipient,
            amount: Vnd::ZERO,
            paid: false,
        }
    }

    /// Sets the bonus paid.
    #[must_use]
    pub fn with_amount(mut self, amount: Vnd) -> Self {
        self.amount = amount;
        self.paid = true;
        self
    }

    /// The title or form.
    pub fn title(&self) -> &TitleCode {
        &self.title
    }

    /// The recipient.
    pub fn recipient(&self) -> Recipient {
        self.recipient
    }

    /// The bonus paid, if recorded.
    pub fn amount(&self) -> Option<Vnd> {
        self.paid.then_some(self.amount)
    }
}

/// A decision's conferrals, kept as columns: a national history holds tens of
/// millions of them, a decision mostly confers one title, and few record a bonus.
/// A conferral takes 17 bytes, and 4 more when its decision confers several titles.
///
/// Read and written as the list of [`Conferral`]s it holds, in their order.
#[derive(Clone, Default, PartialEq, Eq)]
struct ConferralList {
    /// Each title conferred, once, in the order first conferred.
    titles: Box<[TitleCode]>,
    /// Each conferral's place in `titles`; empty when there is at most one title.
    title_of: Box<[u32]>,
    /// Each conferral's recipient.
    recipients: Box<[Recipient]>,
    /// The conferrals that record a bonus: their place and the bonus, in order.
    amounts: Box<[(u32, Vnd)]>,
}

impl ConferralList {
    fn len(&self) -> usize {
        self.recipients.len()
    }

    /// The place in `titles` of conferral `k`'s title.
    fn title_of(&self, k: usize) -> usize {
        self.title_of.get(k).map_or(0, |&t| t as usize)
    }

    /// Each conferral's place in `titles`.
    fn title_places(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len()).map(|k| self.title_of(k))
    }

    /// Each conferral with its place in `titles` and its bonus, if recorded.
    fn rows(&self) -> impl ExactSizeIterator<Item = (usize, Recipient, Option<Vnd>)> + '_ {
        let mut paid = self.amounts.iter().peekable();
        self.recipients
            .iter()
            .enumerate()
            .map(move |(k, &recipient)| {
                let amount = paid
                    .next_if(|(at, _)| *at as usize == k)
                    .map(|&(_, amount)| amount);
                (self.title_of(k), recipient, amount)
            })
    }

    fn iter(&self) -> impl ExactSizeIterator<Item = Conferral> + '_ {
        self.rows().map(|(t, recipient, amount)| {
            // Every place is one of `titles`.
            let title = self.titles.get(t).cloned().unwrap_or(TitleCode::LDTT);
            let c = Conferral::new(title, recipient);
            match amount {
                Some(amount) => c.with_amount(amount),
                None => c,
            }
        })
    }
}

/// The most titles of a decision looked through one by one.
const FEW_TITLES: usize = 8;

impl From<Vec<Conferral>> for ConferralList {
    fn from(list: Vec<Conferral>) -> Self {
        // Places past `u32::MAX` cannot arise: the list given would need hundreds of
        // gigabytes.
        let place = |k: usize| u32::try_from(k).unwrap_or(u32::MAX);
        let mut titles: Vec<TitleCode> = Vec::new();
        // The titles' places, kept once there are more than a few titles to look
        // through: a decision of many titles is then read in time linear in its size.
        let mut places: Option<FastMap<TitleCode, usize>> = None;
        let mut title_of = Vec::with_capacity(list.len());
        let mut recipients = Vec::with_capacity(list.len());
        let mut amounts = Vec::new();
        for (k, c) in list.into_iter().enumerate() {
            let found = match &places {
                Some(places) => places.get(c.title.as_str()).copied(),
                None => titles.iter().rposition(|t| *t == c.title),
            };
            let t = match found {
                Some(t) => t,
                None => {
                    let t = titles.len();
                    titles.push(c.title.clone());
                    match &mut places {
                        Some(places) => {
                            places.insert(c.title.clone(), t);
                        }
                        None if titles.len() > FEW_TITLES => {
                            places = Some(
                                titles
                                    .iter()
                                    .cloned()
                                    .enumerate()
                                    .map(|(t, c)| (c, t))
                                    .collect(),
                            );
                        }
                        None => {}
                    }
                    t
                }
            };
            title_of.push(place(t));
            recipients.push(c.recipient);
            if let Some(amount) = c.amount() {
                amounts.push((place(k), amount));
            }
        }
        if titles.len() <= 1 {
            title_of.clear();
        }
        Self {
            titles: titles.into(),
            title_of: title_of.into(),
            recipients: recipients.into(),
            amounts: amounts.into(),
        }
    }
}

impl fmt::Debug for ConferralList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for ConferralList {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for ConferralList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<Conferral>::deserialize(d).map(Self::from)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for ConferralList {
    fn inline_schema() -> bool {
        <Vec<Conferral>>::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        <Vec<Conferral>>::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        <Vec<Conferral>>::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Vec<Conferral>>::json_schema(generator)
    }
}

/// The revocation of a decision (*hủy bỏ quyết định*, Law 06/2022 chapter VII;
/// ND 152/2025 Điều 56).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Revocation {
    #[serde(deserialize_with = "crate::value::period::day::deserialize")]
    date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    by: Option<DecisionNumber>,
    reason: String,
}

impl Revocation {
    /// A revocation on `date`, by an optional decision, with its reason.
    pub fn new(date: NaiveDate, by: Option<DecisionNumber>, reason: &str) -> Self {
        Self {
            date,
            by,
            reason: crate::value::text::normalize(reason),
        }
    }

    /// The day it takes effect.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The revoking decision, if recorded.
    pub fn by(&self) -> Option<&DecisionNumber> {
        self.by.as_ref()
    }

    /// Why.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

/// A decision conferring titles or commendations for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Decision {
    id: DecisionId,
    number: DecisionNumber,
    #[serde(deserialize_with = "crate::value::period::day::deserialize")]
    date: NaiveDate,
    issuer: Issuer,
    period: Period,
    conferrals: ConferralList,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    // Boxed: few decisions are revoked, and a revocation is larger than the rest of a
    // decision's fields together.
    revoked: Option<Box<Revocation>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    campaign: Option<CampaignId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    grounds: Option<AwardGrounds>,
}

impl Decision {
    /// A decision with its awards.
    pub fn new(
        id: DecisionId,
        number: DecisionNumber,
        date: NaiveDate,
        issuer: Issuer,
        period: Period,
        conferrals: Vec<Conferral>,
    ) -> Self {
        Self {
            id,
            number,
            date,
            issuer,
            period,
            conferrals: conferrals.into(),
            revoked: None,
            campaign: None,
            grounds: None,
        }
    }

    /// The natural key of a decision issued by a union unit: the unit's code, the
    /// number and the day, `HN.GIALAM/12/QĐ-LĐLĐ/2024-05-20` — the three things that
    /// tell one decision from another. A decision whose id is
    /// `DecisionId::from_key(&Decision::key(…))` is named by this key in the files
    /// the crate writes, and the id derived from it again on reading.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use thidua::{Decision, DecisionId, DecisionNumber, UnitCode};
    ///
    /// let unit: UnitCode = "HN.GIALAM".parse()?;
    /// let number: DecisionNumber = "12/QĐ-LĐLĐ".parse()?;
    /// let day = NaiveDate::from_ymd_opt(2024, 5, 20).ok_or("day")?;
    /// let key = Decision::key(&unit, &number, day);
    /// assert_eq!(key, "HN.GIALAM/12/QĐ-LĐLĐ/2024-05-20");
    /// let id = DecisionId::from_key(&key);
    /// # let _ = id;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn key(
        issuer: &crate::org::unit::UnitCode,
        number: &DecisionNumber,
        date: NaiveDate,
    ) -> String {
        format!("{issuer}/{number}/{}", date.format("%Y-%m-%d"))
    }

    /// Names the campaign whose achievements the decision rewards: a thematic
    /// campaign's awards are no grounds for higher merit awards (ND 152/2025/NĐ-CP
    /// Điều 4 khoản 3).
    #[must_use]
    pub fn for_campaign(mut self, campaign: CampaignId) -> Self {
        self.campaign = Some(campaign);
        self
    }

    /// Says what the awards were for (an ad-hoc achievement, a thematic movement);
    /// this wins over the campaign's kind.
    #[must_use]
    pub fn with_grounds(mut self, grounds: AwardGrounds) -> Self {
        self.grounds = Some(grounds);
        self
    }

    /// The campaign rewarded, if named.
    pub fn campaign(&self) -> Option<CampaignId> {
        self.campaign
    }

    /// What the awards were for, if the decision says.
    pub fn grounds(&self) -> Option<AwardGrounds> {
        self.grounds
    }

    /// Records the decision's revocation.
    #[must_use]
    pub fn revoked(mut self, revocation: Revocation) -> Self {
        self.revoked = Some(Box::new(revocation));
        self
    }

    /// The decision's id.
    pub fn id(&self) -> DecisionId {
        self.id
    }

    /// The document number.
    pub fn number(&self) -> &DecisionNumber {
        &self.number
    }

    /// The date signed.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// Who issued it.
    pub fn issuer(&self) -> Issuer {
        self.issuer
    }

    /// The period whose achievements it rewards.
    pub fn period(&self) -> &Period {
        &self.period
    }

    /// The awards, in the decision's order.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use thidua::{Conferral, Decision, DecisionId, Issuer, MemberId, Recipient, TitleCode, UnitId, Vnd};
    ///
    /// let lan = Recipient::Member(MemberId::from_key("lan"));
    /// let hoa = Recipient::Member(MemberId::from_key("hoa"));
    /// let given = vec![
    ///     Conferral::new(TitleCode::LDTT, lan),
    ///     Conferral::new(TitleCode::CSTDCS, hoa).with_amount(Vnd::from_dong(1_500_000)),
    /// ];
    /// let decision = Decision::new(
    ///     DecisionId::from_key("d"),
    ///     "12/QĐ-CĐCS".parse()?,
    ///     NaiveDate::from_ymd_opt(2024, 6, 1).ok_or("day")?,
    ///     Issuer::Unit(UnitId::from_key("school")),
    ///     "2023-2024".parse()?,
    ///     given.clone(),
    /// );
    /// assert_eq!(decision.conferrals().len(), 2);
    /// assert_eq!(decision.conferrals().collect::<Vec<_>>(), given);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn conferrals(&self) -> impl ExactSizeIterator<Item = Conferral> + '_ {
        self.conferrals.iter()
    }

    /// The revocation, if any.
    pub fn revocation(&self) -> Option<&Revocation> {
        self.revoked.as_deref()
    }

    /// Whether the decision stands on `date` (signed and not yet revoked).
    pub fn stands_on(&self, date: NaiveDate) -> bool {
        self.date <= date && self.revoked.as_ref().is_none_or(|r| date < r.date)
    }
}

labelled_enum! {
    /// What an award was for: regular work, an ad-hoc achievement (*đột xuất*), or a
    /// thematic movement (*chuyên đề*). Awards of the last two are no grounds for
    /// proposing higher merit awards (ND 152/2025/NĐ-CP Điều 4 khoản 3).
    #[derive(Default)]
    pub enum AwardGrounds {
        /// Regular, yearly or merit achievements (*công trạng*).
        #[default]
        Regular => ("regular", "thành tích thường xuyên, công trạng", "regular achievements"),
        /// An ad-hoc achievement (*thành tích đột xuất*).
        AdHoc => ("ad_hoc", "thành tích đột xuất", "ad-hoc achievement"),
        /// A thematic movement (*thi đua theo chuyên đề*).
        Thematic => ("thematic", "thi đua theo chuyên đề", "thematic movement"),
    }
}

impl AwardGrounds {
    pub(crate) fn is_regular(&self) -> bool {
        *self == AwardGrounds::Regular
    }
}

/// One award a recipient holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardRecord {
    /// The title or form.
    pub title: TitleCode,
    /// The period it rewards.
    pub period: Period,
    /// The decision's id.
    pub decision: DecisionId,
    /// The decision's date.
    pub date: NaiveDate,
    /// The campaign the decision rewards achievements of, if named.
    pub campaign: Option<CampaignId>,
    /// What the decision says the award was for, if it says.
    pub grounds: Option<AwardGrounds>,
}

/// Every recipient's awards across years, from decisions, revocations applied.
///
/// An award is held as two small numbers — its decision and its title — and read
/// back as an [`AwardRecord`] when asked for: a national history holds tens of
/// millions of awards of a handful of titles, conferred by a few decisions each.
#[derive(Debug, Clone, Default)]
pub struct AwardHistory {
    /// Every award, grouped by recipient, each group oldest period first.
    held: Vec<Held>,
    /// What each decision gives every award it confers, in the order of the list
    /// given (decisions whose id was already used left out).
    decided: Vec<Decided>,
    /// Each title conferred, once.
    titles: Vec<TitleCode>,
    /// Each recipient's group in `held`: its start and length.
    by_recipient: FastMap<Recipient, (u32, u32)>,
    /// Each decision's place in the list given and its place in `decided`.
    decisions: FastMap<DecisionId, (usize, u32)>,
}

/// One award: its place in `decided` and in `titles`.
#[derive(Debug, Clone, Copy, Default)]
struct Held {
    decision: u32,
    title: u32,
}

/// What a decision gives every award it confers.
#[derive(Debug, Clone)]
struct Decided {
    id: DecisionId,
    number: DecisionNumber,
    period: Period,
    date: NaiveDate,
    /// The start of the period: with `date`, the award's place in time.
    starts: NaiveDate,
    revoked: Option<NaiveDate>,
    campaign: Option<CampaignId>,
    grounds: Option<AwardGrounds>,
}

impl Decided {
    fn holds_on(&self, as_of: NaiveDate) -> bool {
        self.date <= as_of && self.revoked.is_none_or(|d| as_of < d)
    }
}

impl AwardHistory {
    /// Checks decisions against the catalogue and indexes them by recipient.
    ///
    /// # Errors
    /// Every problem, with paths `$.decisions[i]`: duplicate ids
    /// (`decision.duplicate_id`), titles not in the catalogue
    /// (`decision.unknown_title`), a revocation dated before the decision
    /// (`decision.revoked_before_signed`), the same title conferred twice on one
    /// recipient in one decision (`decision.duplicate_conferral`), negative bonuses
    /// (`decision.negative_amount`).
    pub fn build(catalogue: &Catalogue, decisions: &[Decision]) -> Result<Self, Diagnostics> {
        let mut report = Diagnostics::new();
        let mut history = AwardHistory {
            decisions: hash::map_with_capacity(decisions.len()),
            ..AwardHistory::default()
        };
        let awards: usize = decisions.iter().map(|d| d.conferrals.len()).sum();
        let _ = history.decided.try_reserve_exact(decisions.len());
        // Each award's recipient group, in the order of the decisions' conferrals, and
        // each group's size. The awards themselves are placed in their groups by a
        // second reading of the decisions, so that the list in that order is not held
        // beside the grouped one (at national scale, half a gigabyte). Exact room: the
        // list is as long as the conferrals, and growing by doubling would leave up to
        // half of it unused.
        let mut group_of: Vec<u32> = Vec::new();
        let _ = group_of.try_reserve_exact(awards);
        let mut sizes: Vec<u32> = Vec::new();
        // Each group's last decision (its place in the list, plus one).
        let mut last_decision: Vec<u32> = Vec::new();
        // Each title's place in the history's titles, and whether the catalogue has it.
        let mut title_places: FastMap<&str, (u32, bool)> = FastMap::default();
        // The titles of the decision being read: each with whether the catalogue has
        // it.
        let mut titles: Vec<(&TitleCode, bool)> = Vec::new();
        // The first standing Kỷ niệm chương of each member: decision index and number.
        let mut knc: FastMap<Recipient, (usize, &DecisionNumber)> = FastMap::default();
        for (i, d) in decisions.iter().enumerate() {
            let path = || DataPath::root().key("decisions").index(i);
            let mut error = |d: Diagnostic| report.push(d);
            if let Some((first, _)) = history.decisions.get(&d.id) {
                error(
                    Diagnostic::of("decision.duplicate_id", Severity::Error, path().key("id"))
                        .arg("id", d.id)
                        .arg("first", format!("$.decisions[{first}]")),
                );
                continue;
            }
            let place = u32::try_from(history.decided.len()).unwrap_or(u32::MAX);
            history.decisions.insert(d.id, (i, place));
            history.decided.push(Decided {
                id: d.id,
                number: d.number.clone(),
                period: d.period,
                date: d.date,
                starts: d.period.default_span().start(),
                revoked: d.revoked.as_ref().map(|r| r.date),
                campaign: d.campaign,
                grounds: d.grounds,
            });
            if let Some(r) = &d.revoked
                && r.date < d.date
            {
                error(
                    Diagnostic::of(
                        "decision.revoked_before_signed",
                        Severity::Error,
                        path().key("revoked"),
                    )
                    .arg("number", &d.number)
                    .date("revoked", r.date)
                    .date("signed", d.date),
                );
            }
            // Each of the decision's titles looked up once: a national file has
            // millions of conferrals of a handful of titles.
            let list = &d.conferrals;
            titles.clear();
            titles.extend(list.titles.iter().map(|title| {
                let next = u32::try_from(history.titles.len()).unwrap_or(u32::MAX);
                let (at, in_catalogue) = *title_places
                    .entry(title.as_str())
                    .or_insert_with(|| (next, catalogue.get(title.as_str()).is_some()));
                if at == next {
                    history.titles.push(title.clone());
                }
                (title, in_catalogue)
            }));
            let this = u32::try_from(i).map_or(u32::MAX, |i| i.saturating_add(1));
            // The decision's recipients with their titles, made when one is first
            // named twice: each conferral after it is then checked in constant time.
            let mut pairs: Option<FastSet<(Recipient, usize)>> = None;
            for (k, (t, recipient, amount)) in list.rows().enumerate() {
                let Some(&(title, in_catalogue)) = titles.get(t) else {
                    continue;
                };
                let next = u32::try_from(sizes.len()).unwrap_or(u32::MAX);
                let group = history.by_recipient.entry(recipient).or_insert((next, 0)).0;
                if group == next {
                    sizes.push(0);
                    last_decision.push(0);
                }
                if !in_catalogue {
                    error(
                        Diagnostic::of(
                            "decision.unknown_title",
                            Severity::Error,
                            path().key("conferrals").index(k).key("title"),
                        )
                        .quoted("title", title.as_str()),
                    );
                }
                // A recipient named once in a decision cannot be given a title twice
                // there; one named again is looked for among the decision's pairs of
                // recipient and title.
                let named_before = last_decision
                    .get_mut(group as usize)
                    .is_some_and(|last| std::mem::replace(last, this) == this);
                let repeated = match &mut pairs {
                    Some(pairs) => !pairs.insert((recipient, t)),
                    None if named_before => {
                        let mut before: FastSet<(Recipient, usize)> = list
                            .recipients
                            .iter()
                            .take(k)
                            .enumerate()
                            .map(|(j, r)| (*r, list.title_of(j)))
                            .collect();
                        let repeated = !before.insert((recipient, t));
                        pairs = Some(before);
                        repeated
                    }
                    None => false,
                };
                if repeated {
                    error(
                        Diagnostic::of(
                            "decision.duplicate_conferral",
                            Severity::Error,
                            path().key("conferrals").index(k),
                        )
                        .quoted("title", title.as_str())
                        .arg("number", &d.number),
                    );
                }
                if let Some(amount) = amount.filter(|a| a.is_negative()) {
                    error(
                        Diagnostic::of(
                            "decision.negative_amount",
                            Severity::Error,
                            path().key("conferrals").index(k).key("amount"),
                        )
                        .words(
                            "amount",
                            amount.to_dong_string(Lang::Vi),
                            amount.to_string(),
                        ),
                    );
                }
                if *title == codes::KNC_CONG_DOAN
                    && d.revoked.is_none()
                    && matches!(recipient, Recipient::Member(_))
                {
                    match knc.get(&recipient) {
                        None => {
                            knc.insert(recipient, (i, &d.number));
                        }
                        Some((first, number)) if *first != i => error(
                            Diagnostic::of(
                                "award.knc_twice",
                                Severity::Error,
                                path().key("conferrals").index(k),
                            )
                            .arg("number", &d.number)
                            .arg("earlier", number)
                            .arg("first", format!("$.decisions[{first}]")),
                        ),
                        Some(_) => {}
                    }
                }
                if let Some(n) = sizes.get_mut(group as usize) {
                    *n = n.saturating_add(1);
                }
                group_of.push(group);
            }
        }
        drop(last_decision);
        if report.has_errors() {
            return Err(report);
        }
        if u32::try_from(group_of.len()).is_err() {
            let mut report = Diagnostics::new();
            report.push(
                Diagnostic::of(
                    "decision.too_many_awards",
                    Severity::Error,
                    DataPath::root().key("decisions"),
                )
                .num("max", u32::MAX),
            );
            return Err(report);
        }
        // A counting sort of the awards by recipient, then each group by period.
        let mut starts = Vec::with_capacity(sizes.len());
        let mut at = 0u32;
        for n in &sizes {
            starts.push(at);
            at = at.saturating_add(*n);
        }
        let mut fill = starts.clone();
        history.held = vec![Held::default(); group_of.len()];
        // The decisions read again as above: each kept decision's conferrals, each
        // with its title, in the order their groups were found.
        let mut groups = group_of.iter();
        let mut places: Vec<Option<u32>> = Vec::new();
        for (i, d) in decisions.iter().enumerate() {
            let Some(&(first, place)) = history.decisions.get(&d.id) else {
                continue;
            };
            if first != i {
                continue;
            }
            let list = &d.conferrals;
            places.clear();
            places.extend(
                list.titles
                    .iter()
                    .map(|t| title_places.get(t.as_str()).map(|p| p.0)),
            );
            for t in list.title_places() {
                let Some(&Some(title)) = places.get(t) else {
                    continue;
                };
                let Some(group) = groups.next() else { break };
                if let Some(slot) = fill.get_mut(*group as usize) {
                    if let Some(at) = history.held.get_mut(*slot as usize) {
                        *at = Held {
                            decision: place,
                            title,
                        };
                    }
                    *slot += 1;
                }
            }
        }
        drop((group_of, fill, places));
        // Each award's place in time: its period's start, then its decision's day;
        // the sort is stable, so awards of one time keep their decisions' order.
        // The groups are taken in their order in `held`, which is the order of the
        // decisions that first named them, so that both lists are read in turn.
        let decided = &history.decided;
        let key = |h: &Held| decided.get(h.decision as usize).map(|d| (d.starts, d.date));
        let mut rest = history.held.as_mut_slice();
        for n in &sizes {
            let (list, after) = rest.split_at_mut((*n as usize).min(rest.len()));
            // Decisions usually come in order: check before sorting.
            if !list.iter().map(key).is_sorted() {
                list.sort_by_key(key);
            }
            rest = after;
        }
        // Each recipient's group number becomes its place in `held`.
        for entry in history.by_recipient.values_mut() {
            let group = entry.0 as usize;
            *entry = (
                starts.get(group).copied().unwrap_or(0),
                sizes.get(group).copied().unwrap_or(0),
            );
        }
        Ok(history)
    }

    /// The number of the decision with this id, if the history holds it.
    pub fn decision_number(&self, id: DecisionId) -> Option<&DecisionNumber> {
        let (_, place) = self.decisions.get(&id)?;
        self.decided.get(*place as usize).map(|d| &d.number)
    }

    /// The awards a recipient holds on `as_of` (decided by then and not revoked by
    /// then), oldest period first.
    pub fn awards_of(&self, recipient: Recipient, as_of: NaiveDate) -> Vec<AwardRecord> {
        self.held_by(recipient, as_of)
            .map(|(d, title)| AwardRecord {
                title: title.clone(),
                period: d.period,
                decision: d.id,
                date: d.date,
                campaign: d.campaign,
                grounds: d.grounds,
            })
            .collect()
    }

    /// The titles a recipient holds for `period` on `as_of`, oldest first.
    pub(crate) fn titles_for(
        &self,
        recipient: Recipient,
        period: &Period,
        as_of: NaiveDate,
    ) -> Vec<&TitleCode> {
        self.held_by(recipient, as_of)
            .filter(|(d, _)| &d.period == period)
            .map(|(_, title)| title)
            .collect()
    }

    /// A recipient's awards held on `as_of`: each decision's part and its title.
    fn held_by(
        &self,
        recipient: Recipient,
        as_of: NaiveDate,
    ) -> impl Iterator<Item = (&Decided, &TitleCode)> {
        self.by_recipient
            .get(&recipient)
            .and_then(|(start, len)| {
                self.held
                    .get(*start as usize..(*start as usize).saturating_add(*len as usize))
            })
            .unwrap_or_default()
            .iter()
            .filter_map(|h| {
                Some((
                    self.decided.get(h.decision as usize)?,
                    self.titles.get(h.title as usize)?,
                ))
            })
            .filter(move |(d, _)| d.holds_on(as_of))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn decision(key: &str, year: &str, date: NaiveDate, conferrals: Vec<Conferral>) -> Decision {
        Decision::new(
            DecisionId::from_key(key),
            "1/QĐ-LĐLĐ".parse().unwrap(),
            date,
            Issuer::Unit(UnitId::from_key("HN.GL")),
            Period::SchoolYear(year.parse().unwrap()),
            conferrals,
        )
    }

    /// Each recipient's awards come oldest period first whatever the order of the
    /// decisions, and awards of one period keep their decisions' order.
    #[test]
    fn each_recipients_awards_come_in_time_order() {
        let (a, b) = (
            Recipient::Member(MemberId::from_key("a")),
            Recipient::Member(MemberId::from_key("b")),
        );
        let c = |title: &TitleCode, r| Conferral::new(title.clone(), r);
        let decisions = vec![
            decision(
                "3",
                "2023-2024",
                day(2024, 6, 1),
                vec![c(&TitleCode::CSTDCS, a)],
            ),
            decision(
                "1",
                "2021-2022",
                day(2022, 6, 1),
                vec![c(&TitleCode::LDTT, a), c(&TitleCode::LDTT, b)],
            ),
            decision(
                "2",
                "2023-2024",
                day(2024, 5, 1),
                vec![c(&TitleCode::LDTT, a)],
            ),
            decision(
                "4",
                "2022-2023",
                day(2023, 6, 1),
                vec![c(&TitleCode::BK_TLD, b)],
            ),
        ];
        let h = AwardHistory::build(&Catalogue::builtin(), &decisions).unwrap();
        let held = |r| -> Vec<(String, String)> {
            h.awards_of(r, NaiveDate::MAX)
                .iter()
                .map(|x| (x.title.to_string(), x.date.to_string()))
                .collect()
        };
        let pair = |t: &str, d: &str| (t.to_owned(), d.to_owned());
        assert_eq!(
            held(a),
            [
                pair("ldtt", "2022-06-01"),
                pair("ldtt", "2024-05-01"),
                pair("cstdcs", "2024-06-01"),
            ]
        );
        assert_eq!(
            held(b),
            [pair("ldtt", "2022-06-01"), pair("bk-tld", "2023-06-01")]
        );
        assert!(held(Recipient::Unit(UnitId::from_key("x"))).is_empty());
        assert_eq!(
            h.decision_number(DecisionId::from_key("4"))
                .map(ToString::to_string),
            Some("1/QĐ-LĐLĐ".to_owned())
        );
    }

    /// Each award reads back its decision's parts and its own title, a dataset's own
    /// title included; the titles of a period leave out other periods and awards
    /// not yet decided or already revoked on the day asked.
    #[test]
    fn awards_read_back_their_decisions_parts() {
        let a = Recipient::Member(MemberId::from_key("a"));
        let mut catalogue = Catalogue::builtin();
        let own = crate::award::catalogue::AwardDef::try_new(
            TitleCode::try_new("giao-vien-gioi").unwrap(),
            crate::award::catalogue::AwardKind::Title,
            crate::award::catalogue::RecipientKind::Individual,
            "Giáo viên giỏi",
            "Good teacher",
        )
        .unwrap();
        catalogue.add(own).unwrap();
        let own = TitleCode::try_new("giao-vien-gioi").unwrap();
        let decisions = vec![
            decision(
                "1",
                "2023-2024",
                day(2024, 5, 1),
                vec![
                    Conferral::new(TitleCode::LDTT, a),
                    Conferral::new(own.clone(), a),
                ],
            ),
            decision(
                "2",
                "2023-2024",
                day(2024, 6, 1),
                vec![Conferral::new(TitleCode::CSTDCS, a)],
            )
            .revoked(Revocation::new(day(2024, 9, 1), None, "khai man")),
            decision(
                "3",
                "2022-2023",
                day(2023, 6, 1),
                vec![Conferral::new(TitleCode::LDTT, a)],
            ),
        ];
        let h = AwardHistory::build(&catalogue, &decisions).unwrap();
        let held = h.awards_of(a, day(2024, 7, 1));
        let second = held.get(2).cloned();
        assert_eq!(
            second,
            Some(AwardRecord {
                title: own.clone(),
                period: Period::SchoolYear("2023-2024".parse().unwrap()),
                decision: DecisionId::from_key("1"),
                date: day(2024, 5, 1),
                campaign: None,
                grounds: None,
            })
        );
        let titles = |as_of| -> Vec<String> {
            h.titles_for(a, &Period::SchoolYear("2023-2024".parse().unwrap()), as_of)
                .into_iter()
                .map(ToString::to_string)
                .collect()
        };
        assert_eq!(
            titles(day(2024, 7, 1)),
            ["ldtt", "giao-vien-gioi", "cstdcs"]
        );
        assert_eq!(titles(day(2024, 9, 1)), ["ldtt", "giao-vien-gioi"]);
        assert_eq!(titles(day(2024, 5, 31)), ["ldtt", "giao-vien-gioi"]);
        assert_eq!(titles(day(2024, 4, 30)), Vec::<String>::new());
    }

    /// A title conferred twice on one recipient in one decision is found in a short
    /// decision and in a long one alike.
    #[test]
    fn a_title_conferred_twice_in_one_decision_is_an_error() {
        for others in [0usize, 3, 40] {
            let mut conferrals: Vec<Conferral> = (0..others)
                .map(|i| {
                    Conferral::new(
                        TitleCode::LDTT,
                        Recipient::Member(MemberId::from_key(&i.to_string())),
                    )
                })
                .collect();
            let twice = Recipient::Member(MemberId::from_key("twice"));
            conferrals.insert(0, Conferral::new(TitleCode::LDTT, twice));
            conferrals.push(Conferral::new(TitleCode::CSTDCS, twice));
            conferrals.push(Conferral::new(TitleCode::LDTT, twice));
            let decisions = vec![decision("d", "2023-2024", day(2024, 6, 1), conferrals)];
            let report = AwardHistory::build(&Catalogue::builtin(), &decisions).unwrap_err();
            let found: Vec<String> = report.iter().map(ToString::to_string).collect();
            assert_eq!(
                found,
                [format!(
                    "error[decision.duplicate_conferral] at $.decisions[0].conferrals[{}]: \"ldtt\" is conferred twice on the same recipient in decision 1/QĐ-LĐLĐ",
                    others + 2
                )],
                "{others}"
            );
        }
    }

    proptest! {
        /// A decision gives back the conferrals it was made with, in their order,
        /// with their titles, recipients and bonuses, and reads and writes them as
        /// that list: whatever the mix of titles (built-in or not, few or many), of
        /// members and units, and of bonuses recorded or not.
        #[test]
        fn decisions_give_back_their_conferrals(
            given in proptest::collection::vec(
                (0u8..14, any::<bool>(), 0u8..5, proptest::option::of(-2i64..3_000_000)),
                0..60,
            ),
        ) {
            // More titles than a decision looks through one by one.
            let mut titles = vec![TitleCode::LDTT, TitleCode::CSTDCS];
            titles.extend((0..12).map(|i| TitleCode::try_new(&format!("rieng-{i}")).unwrap()));
            let given: Vec<Conferral> = given
                .iter()
                .map(|&(t, member, who, amount)| {
                    let who = who.to_string();
                    let recipient = if member {
                        Recipient::Member(MemberId::from_key(&who))
                    } else {
                        Recipient::Unit(UnitId::from_key(&who))
                    };
                    let c = Conferral::new(titles[usize::from(t)].clone(), recipient);
                    match amount {
                        Some(dong) => c.with_amount(Vnd::from_dong(dong)),
                        None => c,
                    }
                })
                .collect();
            let d = decision("d", "2023-2024", day(2024, 6, 1), given.clone());
            prop_assert_eq!(d.conferrals().len(), given.len());
            prop_assert_eq!(d.conferrals().collect::<Vec<_>>(), given.clone());
            let json = serde_json::to_value(&d).unwrap();
            prop_assert_eq!(&json["conferrals"], &serde_json::to_value(&given).unwrap());
            let back: Decision = serde_json::from_value(json).unwrap();
            prop_assert_eq!(&back, &d);
            let debug = format!("{d:?}");
            let listed = format!("conferrals: {given:?}, revoked");
            prop_assert!(debug.contains(&listed), "{}", debug);
        }
    }

    proptest! {
        /// Each recipient's awards are every conferral naming them, in the order of
        /// the decisions and of their conferrals, then put oldest first (period
        /// start, then day) by a stable sort: however many titles a decision confers
        /// and on whom.
        #[test]
        fn each_recipients_awards_are_their_conferrals_in_time_order(
            decisions in proptest::collection::vec(
                (
                    0u16..4,
                    1u32..4,
                    proptest::collection::btree_set((0u8..5, 0usize..4), 0..12),
                ),
                1..8,
            ),
        ) {
            const TITLES: [&str; 4] = [codes::LDTT, codes::CSTDCS, codes::BK_TLD, codes::GIAY_KHEN];
            let member = |who: u8| Recipient::Member(MemberId::from_key(&who.to_string()));
            let list: Vec<Decision> = decisions
                .iter()
                .enumerate()
                .map(|(i, (year, month, given))| {
                    let start = 2020 + year;
                    let conferrals = given
                        .iter()
                        .rev()
                        .map(|&(who, t)| {
                            Conferral::new(TitleCode::try_new(TITLES[t]).unwrap(), member(who))
                        })
                        .collect();
                    decision(
                        &i.to_string(),
                        &format!("{start}-{}", start + 1),
                        day(i32::from(start) + 1, *month, 1),
                        conferrals,
                    )
                })
                .collect();
            let h = AwardHistory::build(&Catalogue::builtin(), &list).unwrap();
            for who in 0u8..5 {
                let mut expected: Vec<(NaiveDate, NaiveDate, String, DecisionId)> = list
                    .iter()
                    .flat_map(|d| {
                        d.conferrals()
                            .filter(|c| c.recipient == member(who))
                            .map(|c| {
                                (d.period.default_span().start(), d.date, c.title.to_string(), d.id)
                            })
                            .collect::<Vec<_>>()
                    })
                    .collect();
                expected.sort_by_key(|e| (e.0, e.1));
                let held: Vec<(NaiveDate, NaiveDate, String, DecisionId)> = h
                    .awards_of(member(who), NaiveDate::MAX)
                    .into_iter()
                    .map(|a| (a.period.default_span().start(), a.date, a.title.to_string(), a.decision))
                    .collect();
                prop_assert_eq!(held, expected);
            }
        }
    }

    proptest! {
        /// A title given twice to one recipient in one decision is reported at each
        /// repetition, and only there: the same recipient in other decisions, or
        /// with other titles in the same one, is no repetition.
        #[test]
        fn repeated_conferrals_are_found_in_their_decision_only(
            decisions in proptest::collection::vec(
                proptest::collection::vec((0u8..6, any::<bool>()), 0..30),
                1..6,
            ),
        ) {
            let title = |cstdcs: bool| if cstdcs { TitleCode::CSTDCS } else { TitleCode::LDTT };
            let list: Vec<Decision> = decisions
                .iter()
                .enumerate()
                .map(|(i, cs)| {
                    let conferrals = cs
                        .iter()
                        .map(|&(who, cstdcs)| {
                            Conferral::new(
                                title(cstdcs),
                                Recipient::Member(MemberId::from_key(&who.to_string())),
                            )
                        })
                        .collect();
                    decision(&format!("d{i}"), "2023-2024", day(2024, 6, 1), conferrals)
                })
                .collect();
            let mut expected = Vec::new();
            for (i, cs) in decisions.iter().enumerate() {
                for (k, c) in cs.iter().enumerate() {
                    if cs[..k].contains(c) {
                        expected.push(format!("$.decisions[{i}].conferrals[{k}]"));
                    }
                }
            }
            let found: Vec<String> = match AwardHistory::build(&Catalogue::builtin(), &list) {
                Ok(_) => Vec::new(),
                Err(report) => report
                    .iter()
                    .map(|d| {
                        assert_eq!(d.code(), "decision.duplicate_conferral");
                        d.location().to_string()
                    })
                    .collect(),
            };
            prop_assert_eq!(found, expected);
        }
    }

    /// A decision number is 32 bytes; the award history's copy of it shares its
    /// text; its parts read back from it.
    #[test]
    fn decision_numbers_are_small_and_shared() {
        assert_eq!(std::mem::size_of::<DecisionNumber>(), 32);
        let n: DecisionNumber = "12/2024/qđ-lđlđ".parse().unwrap();
        let copy = n.clone();
        assert!(Arc::ptr_eq(&n.kind, &copy.kind));
        assert_eq!((n.doc_type(), n.issuer()), ("QĐ", "LĐLĐ"));
        assert_eq!(n.to_string(), "12/2024/QĐ-LĐLĐ");
        assert_eq!(
            format!("{n:?}"),
            r#"DecisionNumber { number: 12, year: Some(2024), doc_type: "QĐ", issuer: "LĐLĐ" }"#
        );
        let as_written: DecisionNumber = "7/QĐ-CĐ-GD".parse().unwrap();
        assert_eq!(
            (as_written.doc_type(), as_written.issuer()),
            ("QĐ", "CĐ-GD")
        );
    }

    /// A conferral is 48 bytes, and reads back from its file form as it was, with a
    /// bonus, with a bonus of nothing, and without one.
    #[test]
    fn conferrals_read_back_from_their_file_form() {
        assert_eq!(std::mem::size_of::<Conferral>(), 48);
        let lan = Recipient::Member(MemberId::from_key("lan"));
        for c in [
            Conferral::new(TitleCode::LDTT, lan),
            Conferral::new(TitleCode::LDTT, lan).with_amount(Vnd::ZERO),
            Conferral::new(TitleCode::CSTDCS, lan).with_amount(Vnd::from_dong(1_500_000)),
        ] {
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json.contains("amount"), c.amount().is_some(), "{json}");
            let back: Conferral = serde_json::from_str(&json).unwrap();
            assert_eq!(back, c);
            assert_eq!(back.amount(), c.amount());
        }
        assert_ne!(
            Conferral::new(TitleCode::LDTT, lan),
            Conferral::new(TitleCode::LDTT, lan).with_amount(Vnd::ZERO)
        );
        let err = serde_json::from_str::<Conferral>(
            r#"{"title": "ldtt", "recipient": {"kind": "member", "id": "lan"}, "bonus": 1}"#,
        )
        .unwrap_err();
        assert!(
            err.to_string().starts_with(
                "unknown field `bonus`, expected one of `title`, `recipient`, `amount`"
            ),
            "{err}"
        );
    }

    #[test]
    fn numbers_from_reports_parse() {
        for (text, shown) in [
            ("123/QĐ-LĐLĐ", "123/QĐ-LĐLĐ"),
            ("3749/QĐ-TLĐ", "3749/QĐ-TLĐ"),
            ("23/HD-LĐLĐ", "23/HD-LĐLĐ"),
            ("04/2015/NĐ-CP", "4/2015/NĐ-CP"),
            ("01/2024/TT-BNV", "1/2024/TT-BNV"),
            (" 15 / QĐ - UBND ", "15/QĐ-UBND"),
            ("1564/QĐ-TLĐ", "1564/QĐ-TLĐ"),
            ("02/2024/TT-VKSNDTC", "2/2024/TT-VKSNDTC"),
            ("99/QĐ-CĐGD-HN", "99/QĐ-CĐGD-HN"),
        ] {
            let n: DecisionNumber = text.parse().unwrap();
            assert_eq!(n.to_string(), shown, "{text}");
        }
    }

    #[test]
    fn malformed_numbers_quote_the_input() {
        insta::assert_snapshot!("QĐ-123".parse::<DecisionNumber>().unwrap_err(), @r#"invalid decision number "QĐ-123": expected a number, an optional year, the document type and the issuer, such as "123/QĐ-LĐLĐ" or "98/2023/NĐ-CP""#);
        for bad in [
            "",
            "123",
            "123/",
            "123/QĐ",
            "123/-LĐLĐ",
            "12a/QĐ-X",
            "1/20/QĐ-X",
            "1/2/3/QĐ-X",
            "1/QĐ-",
        ] {
            assert!(bad.parse::<DecisionNumber>().is_err(), "{bad}");
        }
    }

    #[test]
    fn letters_that_upper_case_into_several_characters_round_trip() {
        // Found by fuzzing: "ΐ" upper-cases into "Ι" and two combining marks.
        let n: DecisionNumber = "3/N6-ætllΐΐz".parse().unwrap();
        assert_eq!(n.to_string().parse::<DecisionNumber>().unwrap(), n);
    }

    proptest! {
        #[test]
        fn display_round_trips(n in 0u32..100_000, year in proptest::option::of(1945u16..2200), t in "[A-ZĐ]{1,4}", i in "[A-ZĐ]{1,6}") {
            let text = match year {
                Some(y) => format!("{n}/{y}/{t}-{i}"),
                None => format!("{n}/{t}-{i}"),
            };
            let parsed: DecisionNumber = text.parse().unwrap();
            prop_assert_eq!(parsed.to_string(), text.clone());
            let json = serde_json::to_string(&parsed).unwrap();
            prop_assert_eq!(serde_json::from_str::<DecisionNumber>(&json).unwrap(), parsed);
        }

        #[test]
        fn parsing_never_panics(s in ".*") {
            let _ = s.parse::<DecisionNumber>();
        }

        /// Reading a number without copying what is already in its stored form gives
        /// what the plain reading gives: the same parts, or the same error.
        #[test]
        fn numbers_read_as_the_plain_reading_reads_them(
            s in "[0-9]{0,4}(/[0-9]{1,4})?/ ?[qQđĐdD\u{0110}\u{0111}a-zA-Zễệ\u{0301}\u{0323}&. ]{0,5}(-[A-Za-zĐđ\u{0301}ΐß&. \t]{0,6}){0,3}",
        ) {
            let read = s.parse::<DecisionNumber>();
            let plain = plain_reading(&s);
            match (&read, &plain) {
                (Ok(n), Ok((number, year, doc_type, issuer))) => {
                    prop_assert_eq!(n.number(), *number);
                    prop_assert_eq!(n.year(), *year);
                    prop_assert_eq!(n.doc_type(), doc_type.as_str());
                    prop_assert_eq!(n.issuer(), issuer.as_str());
                    prop_assert_eq!(n.to_string(), match year {
                        Some(y) => format!("{number}/{y}/{doc_type}-{issuer}"),
                        None => format!("{number}/{doc_type}-{issuer}"),
                    });
                }
                (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
                _ => prop_assert!(false, "{s:?}: {read:?} against {plain:?}"),
            }
        }
    }

    /// The reading of a number done plainly, every part copied and composed again
    /// (the numbers in front are read as the crate reads them).
    fn plain_reading(s: &str) -> Result<(u32, Option<u16>, String, String), AwardError> {
        let bad = || AwardError::InvalidDecisionNumber {
            input: s.to_owned(),
        };
        let upper = |p: &str| crate::value::text::normalize(&p.to_uppercase());
        let text = crate::value::text::normalize(s);
        let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let (number, year, rest) = numbers(&text).ok_or_else(bad)?;
        let (doc_type, issuer) = rest.split_once('-').ok_or_else(bad)?;
        let (doc_type, issuer) = (upper(doc_type), upper(issuer));
        if !is_code_part(&doc_type) || !issuer.split('-').all(is_code_part) {
            return Err(bad());
        }
        Ok((number, year, doc_type, issuer))
    }
}
