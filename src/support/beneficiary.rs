//! Beneficiaries (*người thụ hưởng*, most often *học sinh có hoàn cảnh khó khăn*) and
//! the privacy rules for them: pseudonymous ids, protected details that only
//! [`Beneficiary::reveal_protected`] reaches, and small-count suppression in
//! published aggregates ([`SuppressionThreshold`]).

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::support::label::SupportError;
use crate::value::format::{Lang, format_integer};
use crate::value::id::BeneficiaryId;
use crate::value::reported::{Qualifier, Reported};
use crate::value::text::Label;
use crate::value::text::PersonName;

/// The identifying facts about a beneficiary, protected: its `Debug` writes
/// `ProtectedDetails(<redacted>)`, it has no `Display`, and it is reached only
/// through [`Beneficiary::reveal_protected`]. The organisation's own file holds it
/// (serde writes every field).
///
/// ```
/// use thidua::{Beneficiary, BeneficiaryId, Label, PersonName, ProtectedDetails};
///
/// let details = ProtectedDetails::new()
///     .with_name(PersonName::try_new("Nguyễn Văn Bé")?)
///     .with_school(Label::try_new("Trường Tiểu học Cổ Nhuế")?);
/// let child = Beneficiary::new(BeneficiaryId::from_key("BTL-2023-017")).with_protected(details);
/// assert!(!format!("{child:?}").contains("Bé"));
/// let name = child.reveal_protected().and_then(|d| d.name()).map(PersonName::as_str);
/// assert_eq!(name, Some("Nguyễn Văn Bé"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProtectedDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<PersonName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::value::period::day::optional")]
    birth_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    school: Option<Label>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    circumstances: Option<Label>,
}

impl ProtectedDetails {
    /// No details.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the name (*họ và tên*).
    #[must_use]
    pub fn with_name(mut self, name: PersonName) -> Self {
        self.name = Some(name);
        self
    }

    /// Sets the birth date.
    #[must_use]
    pub fn with_birth_date(mut self, date: NaiveDate) -> Self {
        self.birth_date = Some(date);
        self
    }

    /// Sets the school attended (*trường*), as text: it may be a school without a
    /// union unit in the dataset.
    #[must_use]
    pub fn with_school(mut self, school: Label) -> Self {
        self.school = Some(school);
        self
    }

    /// Sets the circumstances (*hoàn cảnh*), such as "mồ côi cha, hộ nghèo".
    #[must_use]
    pub fn with_circumstances(mut self, circumstances: Label) -> Self {
        self.circumstances = Some(circumstances);
        self
    }

    /// The name.
    pub fn name(&self) -> Option<&PersonName> {
        self.name.as_ref()
    }

    /// The birth date.
    pub fn birth_date(&self) -> Option<NaiveDate> {
        self.birth_date
    }

    /// The school attended.
    pub fn school(&self) -> Option<&Label> {
        self.school.as_ref()
    }

    /// The circumstances.
    pub fn circumstances(&self) -> Option<&Label> {
        self.circumstances.as_ref()
    }
}

impl fmt::Debug for ProtectedDetails {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ProtectedDetails(<redacted>)")
    }
}

/// A beneficiary of sponsorship or support (*người thụ hưởng*, most often *học sinh có
/// hoàn cảnh khó khăn*, a minor): a pseudonymous id and, optionally,
/// [`ProtectedDetails`] — name, birth date, school, circumstances.
///
/// The details are kept for the organisation's own file (serde writes them) but:
/// - `Debug` redacts them (`protected: Some(<redacted>)`), and `Display` writes the
///   id only (`người thụ hưởng 5f0c…`);
/// - a public export holds [`Beneficiary::to_public`], the id alone (the ledger's
///   [`to_public`](crate::Ledger::to_public) uses it);
/// - totals of any scope hold counts and amounts, never details;
/// - they are read only through [`Beneficiary::reveal_protected`].
///
/// Ids derived with [`BeneficiaryId::from_key`] are reproducible: derive them from an
/// opaque case number, never from a child's name, or the name could be recovered by
/// trying names.
///
/// ```
/// use thidua::{Beneficiary, BeneficiaryId, PersonName, ProtectedDetails};
///
/// let id = BeneficiaryId::from_key("GL-2022-003");
/// let child = Beneficiary::new(id).with_protected(
///     ProtectedDetails::new().with_name(PersonName::try_new("Trần Thị Hoa")?),
/// );
/// let debug = format!("{child:?}");
/// assert!(debug.contains("<redacted>") && !debug.contains("Hoa"));
/// assert_eq!(child.to_string(), format!("người thụ hưởng {id}"));
/// let public = serde_json::to_string(&child.to_public())?;
/// assert_eq!(public, format!(r#"{{"id":"{id}"}}"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Beneficiary {
    id: BeneficiaryId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    protected: Option<ProtectedDetails>,
}

impl Beneficiary {
    /// A beneficiary known by id only.
    pub fn new(id: BeneficiaryId) -> Self {
        Self {
            id,
            protected: None,
        }
    }

    /// Attaches protected details.
    #[must_use]
    pub fn with_protected(mut self, details: ProtectedDetails) -> Self {
        self.protected = Some(details);
        self
    }

    /// The pseudonymous id.
    pub fn id(&self) -> BeneficiaryId {
        self.id
    }

    /// Whether protected details are held.
    pub fn has_protected(&self) -> bool {
        self.protected.is_some()
    }

    /// The protected details — name, birth date, school, circumstances — for the
    /// organisation's own case work. Never put what this returns in a report or a
    /// public export. The name is deliberately explicit so that every use is visible
    /// in review and can be banned where it has no place (clippy
    /// `disallowed-methods = ["thidua::Beneficiary::reveal_protected"]`).
    pub fn reveal_protected(&self) -> Option<&ProtectedDetails> {
        self.protected.as_ref()
    }

    /// The same beneficiary without its protected details.
    #[must_use]
    pub fn without_protected(&self) -> Self {
        Self::new(self.id)
    }

    /// The view a public export holds: the id alone.
    pub fn to_public(&self) -> PublicBeneficiary {
        PublicBeneficiary { id: self.id }
    }
}

impl fmt::Debug for Beneficiary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Redacted;
        impl fmt::Debug for Redacted {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("<redacted>")
            }
        }
        f.debug_struct("Beneficiary")
            .field("id", &self.id)
            .field("protected", &self.protected.as_ref().map(|_| Redacted))
            .finish()
    }
}

impl fmt::Display for Beneficiary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "người thụ hưởng {}", self.id)
    }
}

/// A beneficiary as a public export shows it: the pseudonymous id, nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PublicBeneficiary {
    id: BeneficiaryId,
}

impl PublicBeneficiary {
    /// The pseudonymous id.
    pub fn id(&self) -> BeneficiaryId {
        self.id
    }
}

/// Counts of people smaller than this are suppressed in published aggregates
/// (small-cell suppression), so that a reader cannot single out a child.
///
/// The default is 5, a common floor for published tables about children: a
/// threshold of 3 still lets a reader who knows two of the children find the third,
/// and larger ones hide too much of a school's figures. A count of zero is shown
/// (it identifies nobody); a threshold of 1 suppresses nothing.
///
/// ```
/// use thidua::{Lang, SuppressionThreshold};
///
/// let rule = SuppressionThreshold::default();
/// assert_eq!(rule.get(), 5);
/// assert_eq!(rule.apply(3).to_string(), "dưới 5");
/// assert_eq!(rule.apply(3).to_string_in(Lang::En), "< 5");
/// assert_eq!(rule.apply(196).to_string(), "196");
/// assert_eq!(rule.apply(0).to_string(), "0");
/// assert!(SuppressionThreshold::try_new(0).is_err());
/// # Ok::<(), thidua::SupportError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "u64", into = "u64")]
pub struct SuppressionThreshold(u64);

impl SuppressionThreshold {
    /// The default threshold, 5.
    pub const DEFAULT: Self = Self(5);

    /// A threshold of `threshold` people.
    ///
    /// # Errors
    /// [`SupportError::ZeroThreshold`] for zero.
    pub fn try_new(threshold: u64) -> Result<Self, SupportError> {
        if threshold == 0 {
            Err(SupportError::ZeroThreshold { threshold })
        } else {
            Ok(Self(threshold))
        }
    }

    /// The threshold.
    pub fn get(self) -> u64 {
        self.0
    }

    /// An exact count as published: suppressed when from 1 to the threshold minus one.
    pub fn apply(self, count: u64) -> PublishedCount {
        self.apply_reported(Reported::exact(count))
    }

    /// A reported figure as published. Suppressed when it states an exact count, an
    /// upper bound (*dưới*, *không quá*) or an approximation (*khoảng*) below the
    /// threshold and above zero; lower bounds (*trên*, *hơn*, *ít nhất*) single
    /// nobody out and are shown as stated.
    pub fn apply_reported(self, figure: Reported<u64>) -> PublishedCount {
        let lower_bound = matches!(figure.qualifier(), Qualifier::MoreThan | Qualifier::AtLeast);
        let small = figure.value() != 0 && figure.value() < self.0;
        PublishedCount(if small && !lower_bound {
            Published::Suppressed { below: self.0 }
        } else {
            Published::Shown {
                value: figure.value(),
                qualifier: figure.qualifier(),
            }
        })
    }
}

impl Default for SuppressionThreshold {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl TryFrom<u64> for SuppressionThreshold {
    type Error = SupportError;

    fn try_from(threshold: u64) -> Result<Self, SupportError> {
        Self::try_new(threshold)
    }
}

impl From<SuppressionThreshold> for u64 {
    fn from(t: SuppressionThreshold) -> u64 {
        t.0
    }
}

/// How a withheld figure is written, in Vietnamese.
pub(crate) const WITHHELD_VI: &str = "không công bố";
/// How a withheld figure is written, in English.
pub(crate) const WITHHELD_EN: &str = "not published";

/// A count of people as published: the figure, "dưới N" when it is too small to
/// show (see [`SuppressionThreshold`]), or "không công bố" when it is withheld so
/// that a small count elsewhere cannot be worked out by subtraction (see
/// [`SuppressionTable`](crate::SuppressionTable)).
///
/// Serialised tagged: `{"kind": "shown", "value": 196, "qualifier": "exact"}`,
/// `{"kind": "suppressed", "below": 5}` or `{"kind": "withheld"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(from = "Published", into = "Published")]
pub struct PublishedCount(Published);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum Published {
    Shown {
        value: u64,
        #[serde(default)]
        qualifier: Qualifier,
    },
    Suppressed {
        below: u64,
    },
    Withheld,
}

impl From<Published> for PublishedCount {
    fn from(p: Published) -> Self {
        Self(p)
    }
}

impl From<PublishedCount> for Published {
    fn from(p: PublishedCount) -> Self {
        p.0
    }
}

impl PublishedCount {
    /// A count withheld to protect a small count elsewhere: "không công bố", "not
    /// published".
    pub fn withheld() -> Self {
        Self(Published::Withheld)
    }

    /// The figure, unless hidden.
    pub fn figure(&self) -> Option<Reported<u64>> {
        match self.0 {
            Published::Shown { value, qualifier } => Some(Reported::new(value, qualifier)),
            Published::Suppressed { .. } | Published::Withheld => None,
        }
    }

    /// Whether the count is hidden, as too small or as withheld.
    pub fn is_suppressed(&self) -> bool {
        !matches!(self.0, Published::Shown { .. })
    }

    /// Whether the count is withheld to protect a small count elsewhere.
    pub fn is_withheld(&self) -> bool {
        matches!(self.0, Published::Withheld)
    }

    /// The count as written: `196`, `hơn 3.800`, `dưới 5`; English `196`,
    /// `more than 3,800`, `< 5`.
    pub fn to_string_in(&self, lang: Lang) -> String {
        match (self.0, lang) {
            (Published::Shown { value, qualifier }, lang) => {
                Reported::new(value, qualifier).to_string_in(lang)
            }
            (Published::Suppressed { below }, Lang::Vi) => {
                format!("dưới {}", format_integer(i128::from(below), Lang::Vi))
            }
            (Published::Suppressed { below }, Lang::En) => {
                format!("< {}", format_integer(i128::from(below), Lang::En))
            }
            (Published::Withheld, Lang::Vi) => WITHHELD_VI.to_owned(),
            (Published::Withheld, Lang::En) => WITHHELD_EN.to_owned(),
        }
    }
}

impl fmt::Display for PublishedCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_string_in(Lang::Vi))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn child() -> Beneficiary {
        Beneficiary::new(BeneficiaryId::from_key("case-1")).with_protected(
            ProtectedDetails::new()
                .with_name(PersonName::try_new("Lê Minh Tú").unwrap())
                .with_birth_date(NaiveDate::from_ymd_opt(2012, 3, 4).unwrap())
                .with_school(Label::try_new("Trường THCS Cổ Nhuế 2").unwrap())
                .with_circumstances(Label::try_new("mồ côi cha").unwrap()),
        )
    }

    #[test]
    fn debug_and_display_redact() {
        let c = child();
        insta::assert_snapshot!(format!("{c:?}"), @"Beneficiary { id: BeneficiaryId(1252edce-e9df-59ad-a08a-d2dad5e38bcc), protected: Some(<redacted>) }");
        insta::assert_snapshot!(format!("{c:#?}"), @"
        Beneficiary {
            id: BeneficiaryId(1252edce-e9df-59ad-a08a-d2dad5e38bcc),
            protected: Some(
                <redacted>,
            ),
        }
        ");
        insta::assert_snapshot!(c, @"người thụ hưởng 1252edce-e9df-59ad-a08a-d2dad5e38bcc");
        let details = c.reveal_protected().unwrap();
        assert_eq!(format!("{details:?}"), "ProtectedDetails(<redacted>)");
        assert_eq!(details.name().unwrap().as_str(), "Lê Minh Tú");
        assert_eq!(details.birth_date(), NaiveDate::from_ymd_opt(2012, 3, 4));
        assert_eq!(details.school().unwrap().as_str(), "Trường THCS Cổ Nhuế 2");
        assert_eq!(details.circumstances().unwrap().as_str(), "mồ côi cha");
        assert!(!c.without_protected().has_protected());
        assert!(c.has_protected());
    }

    #[test]
    fn full_serde_keeps_details_and_public_view_drops_them() {
        let c = child();
        let json = serde_json::to_string(&c).unwrap();
        assert!(json.contains("Lê Minh Tú"));
        let back: Beneficiary = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
        let public = serde_json::to_string(&c.to_public()).unwrap();
        insta::assert_snapshot!(public, @r#"{"id":"1252edce-e9df-59ad-a08a-d2dad5e38bcc"}"#);
        assert_eq!(c.to_public().id(), c.id());
        assert!(
            serde_json::from_str::<Beneficiary>(
                r#"{"id":"1a0c0a2c-5f84-5ac9-90b6-1ba2ed1ba6a1","name":"x"}"#
            )
            .is_err()
        );
    }

    #[test]
    fn suppression() {
        let t = SuppressionThreshold::default();
        assert_eq!(t.apply(4).to_string(), "dưới 5");
        assert!(t.apply(4).is_suppressed());
        assert_eq!(t.apply(4).figure(), None);
        assert_eq!(t.apply(5).to_string(), "5");
        assert_eq!(t.apply(0).figure(), Some(Reported::exact(0)));
        assert_eq!(t.apply(3_800).to_string_in(Lang::En), "3,800");
        let more = Reported::new(3, Qualifier::MoreThan);
        assert_eq!(t.apply_reported(more).to_string(), "hơn 3");
        let about = Reported::new(3, Qualifier::About);
        assert!(t.apply_reported(about).is_suppressed());
        let one = SuppressionThreshold::try_new(1).unwrap();
        assert_eq!(one.apply(1).to_string(), "1");
        let ten = SuppressionThreshold::try_new(10).unwrap();
        assert_eq!(ten.apply(9).to_string(), "dưới 10");
        insta::assert_snapshot!(SuppressionThreshold::try_new(0).unwrap_err(), @"invalid suppression threshold 0: expected at least 1");
        assert_eq!(serde_json::to_string(&ten).unwrap(), "10");
        assert!(serde_json::from_str::<SuppressionThreshold>("0").is_err());
        assert_eq!(
            serde_json::to_string(&t.apply(3)).unwrap(),
            r#"{"kind":"suppressed","below":5}"#
        );
        assert_eq!(
            serde_json::to_string(&t.apply(196)).unwrap(),
            r#"{"kind":"shown","value":196,"qualifier":"exact"}"#
        );
    }

    proptest! {
        #[test]
        fn published_counts_round_trip(value in any::<u64>(), below in 1u64..20) {
            let t = SuppressionThreshold::try_new(below).unwrap();
            let p = t.apply(value);
            prop_assert_eq!(p.is_suppressed(), value != 0 && value < below);
            let json = serde_json::to_string(&p).unwrap();
            prop_assert_eq!(serde_json::from_str::<PublishedCount>(&json).unwrap(), p);
        }
    }
}
