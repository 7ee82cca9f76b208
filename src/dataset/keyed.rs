//! Ids written as the keys they were derived from.
//!
//! A unit's id derived from its code ([`UnitId::from_key`]), a member's from their
//! code, a decision's from [`Decision::key`](crate::Decision::key): the files the
//! crate writes name such an entity by its key, which reads back as the same id and
//! is what an officer knows it by.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::Hash;
use std::str::FromStr;

use serde::ser::{Error as _, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::award::decision::{Decision, Issuer};
use crate::dataset::file::Dataset;
use crate::org::unit::UnitCode;
use crate::value::hash::FastMap;
use crate::value::id::{DecisionId, MemberId, UnitId, looks_like_uuid};

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
/// member's code, a decision's [`Decision::key`]. Reading derives the id from the
/// key again. A key shaped like a UUID would be read as one, and is never used.
pub(crate) struct IdKeys<'a> {
    units: FastMap<UnitId, Cow<'a, str>>,
    members: FastMap<MemberId, Cow<'a, str>>,
    decisions: FastMap<DecisionId, Cow<'a, str>>,
}

/// `(id, key)` when the id is the one derived from the key.
fn derived<'a, I: PartialEq>(
    id: I,
    key: Cow<'a, str>,
    derive: fn(&str) -> I,
) -> Option<(I, Cow<'a, str>)> {
    (!looks_like_uuid(&key) && derive(&key) == id).then_some((id, key))
}

impl<'a> IdKeys<'a> {
    pub(crate) fn of(dataset: &'a Dataset) -> Self {
        let units = dataset
            .units
            .iter()
            .filter_map(|u| derived(u.id(), Cow::Borrowed(u.code().as_str()), UnitId::from_key))
            .collect();
        let members = dataset
            .members
            .iter()
            .filter_map(|m| {
                derived(
                    m.id(),
                    Cow::Borrowed(m.code()?.as_str()),
                    MemberId::from_key,
                )
            })
            .collect();
        let codes: HashMap<UnitId, &UnitCode> =
            dataset.units.iter().map(|u| (u.id(), u.code())).collect();
        let decisions = dataset
            .decisions
            .iter()
            .filter_map(|d| {
                let Issuer::Unit(unit) = d.issuer() else {
                    return None;
                };
                let key = Decision::key(codes.get(&unit)?, d.number(), d.date());
                derived(d.id(), Cow::Owned(key), DecisionId::from_key)
            })
            .collect();
        Self {
            units,
            members,
            decisions,
        }
    }

    /// The same keys, owning their text.
    pub(crate) fn into_owned(self) -> IdKeys<'static> {
        fn own<I: Eq + Hash>(map: FastMap<I, Cow<'_, str>>) -> FastMap<I, Cow<'static, str>> {
            map.into_iter()
                .map(|(id, key)| (id, Cow::Owned(key.into_owned())))
                .collect()
        }
        IdKeys {
            units: own(self.units),
            members: own(self.members),
            decisions: own(self.decisions),
        }
    }

    /// Writes the ids of a row of `table` that have keys as their keys.
    pub(crate) fn apply(&self, table: &str, row: &mut Map<String, Value>) {
        let (units, members) = (&self.units, &self.members);
        match table {
            "units" => {
                rename(units, row.get_mut("id"));
                rename(units, row.get_mut("parent"));
            }
            "members" => rename(members, row.get_mut("id")),
            "memberships" => {
                rename(members, row.get_mut("member"));
                rename(units, row.get_mut("unit"));
            }
            "facts" => rename(members, row.get_mut("member")),
            "decisions" => {
                rename(&self.decisions, row.get_mut("id"));
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

    /// An issuer or a recipient: `{"kind": "unit" | "member", "id": …}`.
    fn tagged(&self, object: &mut Map<String, Value>) {
        match object.get("kind").and_then(Value::as_str) {
            Some("unit") => rename(&self.units, object.get_mut("id")),
            Some("member") => rename(&self.members, object.get_mut("id")),
            _ => {}
        }
    }
}

/// An id written as its key, when it has one.
fn rename<I: FromStr + Eq + Hash>(keys: &FastMap<I, Cow<'_, str>>, value: Option<&mut Value>) {
    if let Some(Value::String(text)) = value
        && let Ok(id) = text.parse::<I>()
        && let Some(key) = keys.get(&id)
    {
        // The text's own room is reused: a key is shorter than a UUID's text.
        text.clear();
        text.push_str(key);
    }
}
