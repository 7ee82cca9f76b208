//! Records that describe units, partner bodies and the events that change them.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::org::kind::{Bloc, PartnerKind, UnitKind};
use crate::value::id::{PartnerId, UnitId};
use crate::value::text::{UnitName, UnitShortName};

/// An error building an organisation record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OrgError {
    /// A unit code is empty, too long, or holds characters other than ASCII letters,
    /// digits, `.`, `-` and `_`.
    #[error("invalid unit code {input:?}: expected 1 to 64 ASCII letters, digits, '.', '-' or '_'")]
    InvalidCode {
        /// The code as given.
        input: String,
    },
}

/// A unit's short code, unique in a dataset, used to pick a unit on the command line
/// and in spreadsheets (`HN`, `HN.GIALAM`, `HN.GIALAM.MN-PHU-THI`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnitCode(String);

impl UnitCode {
    /// An empty code, for accessors given a node that is not theirs.
    pub(crate) const EMPTY: UnitCode = UnitCode(String::new());

    /// Checks and wraps a code.
    ///
    /// # Errors
    /// [`OrgError::InvalidCode`] unless the code is 1 to 64 ASCII letters, digits,
    /// `.`, `-` or `_`.
    pub fn try_new(code: &str) -> Result<Self, OrgError> {
        let ok = !code.is_empty()
            && code.len() <= 64
            && code
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
        if ok {
            Ok(Self(code.to_owned()))
        } else {
            Err(OrgError::InvalidCode {
                input: code.to_owned(),
            })
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnitCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

checked_text!(UnitCode, OrgError);

/// A union unit as established: its identity, kind, first name, parent and bloc.
///
/// Later changes — renaming, moving under another parent, merging, splitting,
/// dissolving — are [`LineageEvent`]s.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UnitRecord {
    id: UnitId,
    code: UnitCode,
    kind: UnitKind,
    name: UnitName,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    short_name: Option<UnitShortName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bloc: Option<Bloc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    parent: Option<UnitId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::value::period::day::optional")]
    established: Option<NaiveDate>,
}

impl UnitRecord {
    /// A unit with no parent (a root of the dataset), no bloc, existing since before
    /// the records begin.
    pub fn new(id: UnitId, code: UnitCode, kind: UnitKind, name: UnitName) -> Self {
        Self {
            id,
            code,
            kind,
            name,
            short_name: None,
            bloc: None,
            parent: None,
            established: None,
        }
    }

    /// Sets the parent unit from establishment.
    #[must_use]
    pub fn with_parent(mut self, parent: UnitId) -> Self {
        self.parent = Some(parent);
        self
    }

    /// Sets the bloc (*khối*) from establishment.
    #[must_use]
    pub fn with_bloc(mut self, bloc: Bloc) -> Self {
        self.bloc = Some(bloc);
        self
    }

    /// Sets the short name (*tên viết tắt*).
    #[must_use]
    pub fn with_short_name(mut self, short_name: UnitShortName) -> Self {
        self.short_name = Some(short_name);
        self
    }

    /// Sets the date the unit was established (it exists from that day).
    #[must_use]
    pub fn established_on(mut self, date: NaiveDate) -> Self {
        self.established = Some(date);
        self
    }

    /// The unit's id.
    pub fn id(&self) -> UnitId {
        self.id
    }

    /// The unit's code.
    pub fn code(&self) -> &UnitCode {
        &self.code
    }

    /// The unit's kind.
    pub fn kind(&self) -> UnitKind {
        self.kind
    }

    /// The official name at establishment.
    pub fn name(&self) -> &UnitName {
        &self.name
    }

    /// The short name at establishment, if any.
    pub fn short_name(&self) -> Option<&UnitShortName> {
        self.short_name.as_ref()
    }

    /// The bloc at establishment, if any.
    pub fn bloc(&self) -> Option<Bloc> {
        self.bloc
    }

    /// The parent at establishment; `None` for a root of the dataset.
    pub fn parent(&self) -> Option<UnitId> {
        self.parent
    }

    /// The establishment date; `None` when the unit predates the records.
    pub fn established(&self) -> Option<NaiveDate> {
        self.established
    }
}

/// A non-union body that co-launches campaigns and issues commendations
/// (*Phòng GD&ĐT*, *UBND*, a school's board).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PartnerBody {
    id: PartnerId,
    kind: PartnerKind,
    name: UnitName,
    /// The union unit whose area or school the body belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    area: Option<UnitId>,
}

impl PartnerBody {
    /// A partner body.
    pub fn new(id: PartnerId, kind: PartnerKind, name: UnitName) -> Self {
        Self {
            id,
            kind,
            name,
            area: None,
        }
    }

    /// Ties the body to the union unit of its area or institution.
    #[must_use]
    pub fn with_area(mut self, unit: UnitId) -> Self {
        self.area = Some(unit);
        self
    }

    /// The body's id.
    pub fn id(&self) -> PartnerId {
        self.id
    }

    /// What the body is.
    pub fn kind(&self) -> PartnerKind {
        self.kind
    }

    /// The body's name.
    pub fn name(&self) -> &UnitName {
        &self.name
    }

    /// The union unit of its area or institution, if given.
    pub fn area(&self) -> Option<UnitId> {
        self.area
    }
}

/// How a split unit's history is shared among its successors when history is
/// restated onto a later structure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "rule", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Apportion {
    /// In proportion to each successor's members on the day of the split.
    ByMembers,
    /// In proportion to explicit whole-number weights, one per successor.
    Weights {
        /// `(successor, weight)` pairs.
        weights: Vec<(UnitId, u64)>,
    },
    /// All history goes to one successor.
    ToOne {
        /// The successor that inherits the history.
        successor: UnitId,
    },
}

/// A change to the union's structure, effective from its date (the new state holds
/// from that day on).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum LineageEvent {
    /// The unit takes a new official name (and short name).
    Rename {
        /// The unit renamed.
        unit: UnitId,
        /// Effective date.
        #[serde(deserialize_with = "crate::value::period::day::deserialize")]
        date: NaiveDate,
        /// The new official name.
        name: UnitName,
        /// The new short name, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        short_name: Option<UnitShortName>,
    },
    /// The unit moves under another parent.
    Reparent {
        /// The unit moved.
        unit: UnitId,
        /// Effective date.
        #[serde(deserialize_with = "crate::value::period::day::deserialize")]
        date: NaiveDate,
        /// The new parent.
        parent: UnitId,
    },
    /// The unit is counted in another bloc.
    ChangeBloc {
        /// The unit reclassified.
        unit: UnitId,
        /// Effective date.
        #[serde(deserialize_with = "crate::value::period::day::deserialize")]
        date: NaiveDate,
        /// The new bloc.
        bloc: Bloc,
    },
    /// Units merge into one: the sources end the day before `date`; `into` (an
    /// existing unit, or one established on `date`) inherits their history.
    Merge {
        /// The units merged away.
        sources: Vec<UnitId>,
        /// The unit that continues.
        into: UnitId,
        /// Effective date.
        #[serde(deserialize_with = "crate::value::period::day::deserialize")]
        date: NaiveDate,
    },
    /// A unit splits: it ends the day before `date` and its successors (existing, or
    /// established on `date`) share its history by the apportioning rule.
    Split {
        /// The unit split.
        source: UnitId,
        /// The successors.
        into: Vec<UnitId>,
        /// Effective date.
        #[serde(deserialize_with = "crate::value::period::day::deserialize")]
        date: NaiveDate,
        /// How history is shared.
        apportion: Apportion,
    },
    /// The unit is dissolved: it exists up to the day before `date`. A successor, if
    /// named, inherits its history.
    Dissolve {
        /// The unit dissolved.
        unit: UnitId,
        /// Effective date.
        #[serde(deserialize_with = "crate::value::period::day::deserialize")]
        date: NaiveDate,
        /// The unit that inherits its history, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        successor: Option<UnitId>,
    },
}

impl LineageEvent {
    /// The date the event takes effect.
    pub fn date(&self) -> NaiveDate {
        match self {
            LineageEvent::Rename { date, .. }
            | LineageEvent::Reparent { date, .. }
            | LineageEvent::ChangeBloc { date, .. }
            | LineageEvent::Merge { date, .. }
            | LineageEvent::Split { date, .. }
            | LineageEvent::Dissolve { date, .. } => *date,
        }
    }

    /// A short English name of the event's kind, as used in diagnostics.
    pub fn kind_name(&self) -> &'static str {
        match self {
            LineageEvent::Rename { .. } => "rename",
            LineageEvent::Reparent { .. } => "reparent",
            LineageEvent::ChangeBloc { .. } => "change_bloc",
            LineageEvent::Merge { .. } => "merge",
            LineageEvent::Split { .. } => "split",
            LineageEvent::Dissolve { .. } => "dissolve",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_checked() {
        assert_eq!(
            UnitCode::try_new("HN.GIALAM").unwrap().as_str(),
            "HN.GIALAM"
        );
        insta::assert_snapshot!(
            UnitCode::try_new("Gia Lâm").unwrap_err(),
            @r#"invalid unit code "Gia Lâm": expected 1 to 64 ASCII letters, digits, '.', '-' or '_'"#
        );
        assert!(UnitCode::try_new("").is_err());
        assert!(UnitCode::try_new(&"A".repeat(65)).is_err());
        assert!(serde_json::from_str::<UnitCode>("\"a b\"").is_err());
    }

    #[test]
    fn events_are_tagged_in_files() {
        let e = LineageEvent::Dissolve {
            unit: UnitId::from_key("x"),
            date: NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(),
            successor: None,
        };
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(
            json,
            format!(
                r#"{{"kind":"dissolve","unit":"{}","date":"2025-07-01"}}"#,
                UnitId::from_key("x")
            )
        );
        assert_eq!(serde_json::from_str::<LineageEvent>(&json).unwrap(), e);
    }
}
