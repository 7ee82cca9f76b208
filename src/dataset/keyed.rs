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

    /// Writes the ids of a row of `table` that have keys as their keys (and those
    /// of a decision's conferrals).
    pub(crate) fn apply(&self, table: &str, row: &mut Map<String, Value>) {
        self.apply_rules(table, row);
        if table == "decisions"
            && let Some(Value::Array(conferrals)) = row.get_mut("conferrals")
        {
            for c in conferrals {
                if let Value::Object(c) = c {
                    self.apply_rules("conferrals", c);
                }
            }
        }
    }

    fn apply_rules(&self, table: &str, row: &mut Map<String, Value>) {
        for rule in rules(table) {
            let object = match rule.sub {
                None => Some(&mut *row),
                Some(_) => match row.get_mut(rule.field) {
                    Some(Value::Object(o)) => Some(o),
                    _ => None,
                },
            };
            let Some(object) = object else { continue };
            let kind = match rule.target {
                Target::Tagged(kind) => object.get(kind).and_then(Value::as_str),
                _ => None,
            };
            let name = rule.sub.unwrap_or(rule.field);
            let key = match object.get(name) {
                Some(Value::String(text)) => self.key_of(rule.target, kind, text),
                _ => None,
            };
            if let Some(key) = key
                && let Some(Value::String(text)) = object.get_mut(name)
            {
                // The text's own room is reused: a key is shorter than a UUID's text.
                text.clear();
                text.push_str(key);
            }
        }
    }

    /// The key of the id written as `text`, for what names it (`kind`, the sibling
    /// field of an issuer or a recipient), when it has one.
    pub(crate) fn key_of(&self, target: Target, kind: Option<&str>, text: &str) -> Option<&str> {
        fn of<'k, I: FromStr + Eq + Hash>(
            keys: &'k FastMap<I, Cow<'_, str>>,
            text: &str,
        ) -> Option<&'k str> {
            keys.get(&text.parse::<I>().ok()?).map(|k| k.as_ref())
        }
        match (target, kind) {
            (Target::Units, _) | (Target::Tagged(_), Some("unit")) => of(&self.units, text),
            (Target::Members, _) | (Target::Tagged(_), Some("member")) => of(&self.members, text),
            (Target::Decisions, _) => of(&self.decisions, text),
            (Target::Tagged(_), _) => None,
        }
    }
}

/// What an id is: a unit's, a member's, a decision's, or that of an issuer or a
/// recipient, whose kind the named sibling field says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Units,
    Members,
    Decisions,
    Tagged(&'static str),
}

/// A field of a table's rows holding an id that may be written as its key: the
/// field, or the field of its nested object.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    pub(crate) field: &'static str,
    pub(crate) sub: Option<&'static str>,
    pub(crate) target: Target,
}

const fn rule(field: &'static str, sub: Option<&'static str>, target: Target) -> Rule {
    Rule { field, sub, target }
}

/// The fields of a table's rows (`conferrals`: a decision's conferrals) whose ids
/// are written as their keys.
pub(crate) fn rules(table: &str) -> &'static [Rule] {
    const UNITS: &[Rule] = &[
        rule("id", None, Target::Units),
        rule("parent", None, Target::Units),
    ];
    const MEMBERS: &[Rule] = &[rule("id", None, Target::Members)];
    const MEMBERSHIPS: &[Rule] = &[
        rule("member", None, Target::Members),
        rule("unit", None, Target::Units),
    ];
    const FACTS: &[Rule] = &[rule("member", None, Target::Members)];
    const DECISIONS: &[Rule] = &[
        rule("id", None, Target::Decisions),
        rule("issuer", Some("id"), Target::Tagged("kind")),
    ];
    const CONFERRALS: &[Rule] = &[rule("recipient", Some("id"), Target::Tagged("kind"))];
    match table {
        "units" => UNITS,
        "members" => MEMBERS,
        "memberships" => MEMBERSHIPS,
        "facts" => FACTS,
        "decisions" => DECISIONS,
        "conferrals" => CONFERRALS,
        _ => &[],
    }
}
