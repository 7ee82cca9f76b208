//! Ids written as the keys they were derived from.
//!
//! A unit's id derived from its code ([`UnitId::from_key`]), a member's from their
//! code, a decision's from [`Decision::key`](crate::Decision::key): the files the
//! crate writes name such an entity by its key, which reads back as the same id and
//! is what an officer knows it by.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use serde::ser::{Error as _, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::dataset::file::Dataset;
use crate::value::id::{DecisionId, MemberId, UnitId};

thread_local! {
    /// The keys of the dataset being written by [`Dataset::to_json`], read by the
    /// lists that name units, members and decisions.
    static WRITING: RefCell<Option<IdKeys<'static>>> = const { RefCell::new(None) };
}

/// Runs `write` with the dataset's keys in effect: the lists of units, members,
/// memberships, facts and decisions it serialises name by key what has one.
pub(crate) fn with_keys<T>(dataset: &Dataset, write: impl FnOnce() -> T) -> T {
    let keys = IdKeys::of(dataset).into_owned();
    WRITING.with_borrow_mut(|w| *w = Some(keys));
    let out = write();
    WRITING.with_borrow_mut(|w| *w = None);
    out
}

/// A list of a dataset, each row with its ids written as keys while
/// [`with_keys`] is in effect, and as it is otherwise.
fn list<T: Serialize, S: Serializer>(rows: &[T], s: S, table: &str) -> Result<S::Ok, S::Error> {
    WRITING.with_borrow(|keys| match keys {
        None => rows.serialize(s),
        Some(keys) => {
            let mut seq = s.serialize_seq(Some(rows.len()))?;
            for row in rows {
                let value = keyed(keys, table, row).map_err(S::Error::custom)?;
                seq.serialize_element(&value)?;
            }
            seq.end()
        }
    })
}

macro_rules! lists {
    ($($name:ident: $ty:ty => $table:literal),* $(,)?) => {$(
        pub(crate) fn $name<S: Serializer>(rows: &[$ty], s: S) -> Result<S::Ok, S::Error> {
            list(rows, s, $table)
        }
    )*};
}

lists!(
    units: crate::org::unit::UnitRecord => "units",
    members: crate::people::member::MemberRecord => "members",
    memberships: crate::people::member::Membership => "memberships",
    facts: crate::dataset::file::FactRecord => "facts",
    decisions: crate::award::decision::Decision => "decisions",
);

/// A row's JSON form, with each id derived from a key written as that key.
pub(crate) fn keyed<T: Serialize>(
    keys: &IdKeys<'_>,
    table: &str,
    row: &T,
) -> serde_json::Result<Value> {
    let mut value = serde_json::to_value(row)?;
    if let Value::Object(row) = &mut value {
        keys.apply(table, row);
    }
    Ok(value)
}

/// The keys that the ids of units, members and decisions were derived from
/// (`from_key`), so that such an id is written as its key: a unit's code, a
/// member's code, a decision's [`Decision::key`](crate::Decision::key). Reading
/// derives the id from the key again. A key shaped like a UUID would be read as one,
/// and is never used.
pub(crate) struct IdKeys<'a> {
    /// Every unit's code, and whether its id is derived from it.
    units: HashMap<UnitId, (Cow<'a, str>, bool)>,
    members: HashMap<MemberId, Cow<'a, str>>,
}

impl<'a> IdKeys<'a> {
    pub(crate) fn of(dataset: &'a Dataset) -> Self {
        let usable = |key: &str| !crate::value::id::looks_like_uuid(key);
        let units = dataset
            .units
            .iter()
            .map(|u| {
                let code = u.code().as_str();
                let derived = usable(code) && UnitId::from_key(code) == u.id();
                (u.id(), (Cow::Borrowed(code), derived))
            })
            .collect();
        let members = dataset
            .members
            .iter()
            .filter_map(|m| {
                let code = m.code()?.as_str();
                (usable(code) && MemberId::from_key(code) == m.id())
                    .then_some((m.id(), Cow::Borrowed(code)))
            })
            .collect();
        Self { units, members }
    }

    /// The same keys, owning their text.
    pub(crate) fn into_owned(self) -> IdKeys<'static> {
        let own = |c: Cow<'_, str>| Cow::Owned(c.into_owned());
        IdKeys {
            units: self
                .units
                .into_iter()
                .map(|(id, (code, derived))| (id, (own(code), derived)))
                .collect(),
            members: self
                .members
                .into_iter()
                .map(|(id, c)| (id, own(c)))
                .collect(),
        }
    }

    /// Writes the ids of a row of `table` that have keys as their keys.
    pub(crate) fn apply(&self, table: &str, row: &mut Map<String, Value>) {
        match table {
            "units" => {
                self.unit(row.get_mut("id"));
                self.unit(row.get_mut("parent"));
            }
            "members" => self.member(row.get_mut("id")),
            "memberships" => {
                self.member(row.get_mut("member"));
                self.unit(row.get_mut("unit"));
            }
            "facts" => self.member(row.get_mut("member")),
            "decisions" => {
                self.decision(row);
                if let Some(Value::Object(issuer)) = row.get_mut("issuer") {
                    self.tagged(issuer);
                }
                if let Some(Value::Array(conferrals)) = row.get_mut("conferrals") {
                    for c in conferrals {
                        if let Some(Value::Object(recipient)) = c.get_mut("recipient") {
                            self.tagged(recipient);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn unit(&self, value: Option<&mut Value>) {
        if let Some(Value::String(text)) = value
            && let Ok(id) = text.parse::<UnitId>()
            && let Some((code, true)) = self.units.get(&id)
        {
            *text = code.to_string();
        }
    }

    fn member(&self, value: Option<&mut Value>) {
        if let Some(Value::String(text)) = value
            && let Ok(id) = text.parse::<MemberId>()
            && let Some(code) = self.members.get(&id)
        {
            *text = code.to_string();
        }
    }

    /// An issuer or a recipient: `{"kind": "unit" | "member", "id": …}`.
    fn tagged(&self, object: &mut Map<String, Value>) {
        match object.get("kind").and_then(Value::as_str) {
            Some("unit") => self.unit(object.get_mut("id")),
            Some("member") => self.member(object.get_mut("id")),
            _ => {}
        }
    }

    /// A decision issued by a unit, whose id is derived from its key.
    fn decision(&self, row: &mut Map<String, Value>) {
        let issuer = row
            .get("issuer")
            .filter(|i| i.get("kind").and_then(Value::as_str) == Some("unit"))
            .and_then(|i| i.get("id"))
            .and_then(Value::as_str)
            .and_then(|id| id.parse::<UnitId>().ok())
            .and_then(|id| self.units.get(&id));
        let (Some((code, _)), Some(number), Some(date)) = (
            issuer,
            row.get("number").and_then(Value::as_str),
            row.get("date").and_then(Value::as_str),
        ) else {
            return;
        };
        let key = format!("{code}/{number}/{date}");
        if let Some(Value::String(text)) = row.get_mut("id")
            && let Ok(id) = text.parse::<DecisionId>()
            && DecisionId::from_key(&key) == id
            && !crate::value::id::looks_like_uuid(&key)
        {
            *text = key;
        }
    }
}
