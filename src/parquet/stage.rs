//! A row written straight from its serialised form into its table's columns, without
//! building its JSON object: each field's value goes to its column as text, a whole
//! number or a truth value, a nested object's fields to their own columns, and a
//! value kept as JSON text is written as such.
//!
//! A row is staged first and added to the columns whole. A row whose form does not
//! fit the columns found for its table is not staged: it is written through its
//! JSON object, as before, so that both ways always give the same cells.

use std::borrow::Cow;
use std::fmt::Write as _;

use serde::Serialize;
use serde::ser::{self, Serializer};

use super::shape::{FieldSink, ItemSink, Keyed, KindSer, ListSer, Name, Unusual, private};
use super::table::{Column, Kind};
use crate::dataset::keyed::{IdKeys, Rule, Target, rules};

/// One staged cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cell {
    Null,
    /// Text: its place in the stage's text.
    Text(usize, usize),
    Int(i64),
    Bool(bool),
}

/// Where a row's field goes: one column, or a column for each field of its object.
#[derive(Debug)]
enum Place {
    Whole(usize),
    Subs(Vec<(String, usize)>),
}

/// The rows staged for one table: a cell for each column, row after row.
#[derive(Debug)]
pub(crate) struct Stage {
    kinds: Vec<Kind>,
    fields: Vec<(String, Place)>,
    /// The columns of the ids written as their keys, with the column of the kind
    /// that says whose id it is.
    renames: Vec<(usize, Target, Option<usize>)>,
    cells: Vec<Cell>,
    text: String,
    /// The rows staged (a table may have no columns but its parent's row number).
    rows: usize,
    /// Where the last field was found: the next is most often the one after.
    cursor: usize,
}

impl Stage {
    /// A stage for the columns of `table`; `None` when an id that would be written
    /// as its key is in a column of JSON text (such rows are written through their
    /// JSON objects).
    pub(crate) fn new(columns: &[Column], table: &str) -> Option<Self> {
        let mut fields: Vec<(String, Place)> = Vec::new();
        for (k, c) in columns.iter().enumerate() {
            match &c.sub {
                None => fields.push((c.top.clone(), Place::Whole(k))),
                Some(sub) => match fields.iter_mut().find(|(top, _)| *top == c.top) {
                    Some((_, Place::Subs(subs))) => subs.push((sub.clone(), k)),
                    _ => fields.push((c.top.clone(), Place::Subs(vec![(sub.clone(), k)]))),
                },
            }
        }
        let column = |field: &str, sub: Option<&str>| {
            columns
                .iter()
                .position(|c| c.top == field && c.sub.as_deref() == sub)
        };
        let mut renames = Vec::new();
        for &Rule { field, sub, target } in rules(table) {
            let Some(at) = column(field, sub) else {
                // No such column: the field holds nothing, or holds JSON text.
                if columns.iter().any(|c| c.top == field) {
                    return None;
                }
                continue;
            };
            if columns.get(at).map(|c| c.kind) != Some(Kind::Str) {
                return None;
            }
            // The kind is read as text, as the JSON object's is.
            let kind = match target {
                Target::Tagged(kind) => column(field, Some(kind)),
                _ => None,
            };
            if kind.is_some_and(|k| columns.get(k).map(|c| c.kind) != Some(Kind::Str)) {
                return None;
            }
            renames.push((at, target, kind));
        }
        Some(Self {
            kinds: columns.iter().map(|c| c.kind).collect(),
            fields,
            renames,
            cells: Vec::new(),
            text: String::new(),
            rows: 0,
            cursor: 0,
        })
    }

    /// Forgets the rows staged.
    pub(crate) fn clear(&mut self) {
        self.cells.clear();
        self.text.clear();
        self.rows = 0;
    }

    /// The number of rows staged.
    pub(crate) fn rows(&self) -> usize {
        self.rows
    }

    /// The cells of a staged row, with the text they point into.
    pub(crate) fn row(&self, row: usize) -> (&[Cell], &str) {
        let n = self.kinds.len();
        let cells = self.cells.get(row * n..(row + 1) * n).unwrap_or_default();
        (cells, &self.text)
    }

    /// Stages a row, its inner list's items staged in `child` when it has one;
    /// `Err` when its form does not fit the columns.
    pub(crate) fn stage<T: Serialize + ?Sized>(
        &mut self,
        row: &T,
        child: Option<(&str, &mut Stage)>,
    ) -> Result<(), Unusual> {
        let base = self.cells.len();
        self.cells.resize(base + self.kinds.len(), Cell::Null);
        self.rows += 1;
        row.serialize(RowSer {
            stage: self,
            base,
            child,
        })
    }

    /// Writes the staged ids that have keys as their keys.
    pub(crate) fn apply(&mut self, keys: &IdKeys<'_>) {
        let n = self.kinds.len();
        for row in 0..self.rows() {
            for k in 0..self.renames.len() {
                let Some(&(at, target, kind)) = self.renames.get(k) else {
                    continue;
                };
                let text = |cell: Option<&Cell>| match cell {
                    Some(&Cell::Text(a, b)) => self.text.get(a..b),
                    _ => None,
                };
                let kind = kind.and_then(|c| text(self.cells.get(row * n + c)));
                let Some(key) =
                    text(self.cells.get(row * n + at)).and_then(|id| keys.key_of(target, kind, id))
                else {
                    continue;
                };
                let start = self.text.len();
                self.text.push_str(key);
                let end = self.text.len();
                if let Some(cell) = self.cells.get_mut(row * n + at) {
                    *cell = Cell::Text(start, end);
                }
            }
        }
    }

    /// The field `name`'s place, looked for after the last one found first.
    fn find(&mut self, name: &str) -> Option<usize> {
        let n = self.fields.len();
        let found = (0..n)
            .map(|i| (self.cursor + i) % n)
            .find(|&i| self.fields.get(i).is_some_and(|(f, _)| f == name))?;
        self.cursor = (found + 1) % n.max(1);
        Some(found)
    }

    /// Stages one field's value in the row at `base`.
    fn field<V: Serialize + ?Sized>(
        &mut self,
        base: usize,
        name: &str,
        value: &V,
    ) -> Result<(), Unusual> {
        let Some(at) = self.find(name) else {
            // A field with no column holds nothing in every row.
            return match value.serialize(KindSer)? {
                None => Ok(()),
                Some(_) => Err(Unusual),
            };
        };
        match self.fields.get(at).map(|(_, p)| p) {
            Some(Place::Whole(k)) => {
                let k = *k;
                self.cell(base, k, value)
            }
            Some(Place::Subs(subs)) => {
                // A field given again replaces the whole object.
                for (_, k) in subs {
                    if let Some(c) = self.cells.get_mut(base + k) {
                        *c = Cell::Null;
                    }
                }
                value.serialize(ObjectSer {
                    stage: self,
                    base,
                    at,
                })
            }
            None => Err(Unusual),
        }
    }

    /// Stages a value in column `k` of the row at `base`.
    fn cell<V: Serialize + ?Sized>(
        &mut self,
        base: usize,
        k: usize,
        value: &V,
    ) -> Result<(), Unusual> {
        let kind = self.kinds.get(k).copied().ok_or(Unusual)?;
        let cell = if kind == Kind::Json {
            // Through its JSON value, which writes some numbers otherwise than the
            // serialiser would.
            match serde_json::to_value(value).map_err(|_| Unusual)? {
                serde_json::Value::Null => Cell::Null,
                v => {
                    let start = self.text.len();
                    write!(self.text, "{v}").map_err(|_| Unusual)?;
                    Cell::Text(start, self.text.len())
                }
            }
        } else {
            value.serialize(CellSer { stage: self, kind })?
        };
        let slot = self.cells.get_mut(base + k).ok_or(Unusual)?;
        *slot = cell;
        Ok(())
    }

    /// Column `k` of the sub-field `sub` of the field at `at`.
    fn sub_column(&self, at: usize, sub: &str) -> Option<usize> {
        match self.fields.get(at).map(|(_, p)| p) {
            Some(Place::Subs(subs)) => subs.iter().find(|(s, _)| s == sub).map(|(_, k)| *k),
            _ => None,
        }
    }
}

/// A row, or an item of an inner list: a struct or a map.
struct RowSer<'s, 'c> {
    stage: &'s mut Stage,
    base: usize,
    child: Option<(&'c str, &'c mut Stage)>,
}

/// The fields of a row being staged.
struct Fields<'s, 'c> {
    stage: &'s mut Stage,
    base: usize,
    child: Option<(&'c str, &'c mut Stage)>,
}

impl FieldSink for Fields<'_, '_> {
    type Ok = ();
    fn put<V: ?Sized + Serialize>(
        &mut self,
        name: Name,
        value: &V,
        _: bool,
    ) -> Result<(), Unusual> {
        if let Some((field, child)) = self.child.as_mut()
            && *field == name
        {
            // The inner list: its items, each a row of the child's stage. A list
            // given again replaces the first.
            child.clear();
            return value.serialize(ListSer(StageItems { stage: child }));
        }
        self.stage.field(self.base, &name, value)
    }
    fn done(self) -> Result<(), Unusual> {
        Ok(())
    }
}

impl<'s, 'c> Serializer for RowSer<'s, 'c> {
    objects_only!((), Keyed<Fields<'s, 'c>>);

    newtype_through!();
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unusual> {
        Ok(Keyed::new(Fields {
            stage: self.stage,
            base: self.base,
            child: self.child,
        }))
    }
    struct_as_map!();
    reject!((); serialize_bool, serialize_i8, serialize_i16, serialize_i32, serialize_i64,
        serialize_u8, serialize_u16, serialize_u32, serialize_u64, serialize_f32, serialize_f64,
        serialize_char, serialize_str, serialize_bytes, serialize_none, serialize_some,
        serialize_unit, serialize_unit_struct, serialize_unit_variant,
        serialize_newtype_variant, serialize_seq, serialize_tuple, serialize_tuple_struct,
        serialize_tuple_variant, serialize_struct_variant);
}

/// Takes the inner list's items, each a row of the child's stage.
struct StageItems<'s> {
    stage: &'s mut Stage,
}

impl ItemSink for StageItems<'_> {
    fn item<V: ?Sized + Serialize>(&mut self, item: &V) -> Result<(), Unusual> {
        self.stage.stage(item, None)
    }
}

/// A field that is an object, its fields staged in their own columns.
struct ObjectSer<'s> {
    stage: &'s mut Stage,
    base: usize,
    /// The field's place.
    at: usize,
}

/// The fields of an object being staged.
struct SubFields<'s> {
    stage: &'s mut Stage,
    base: usize,
    at: usize,
}

impl FieldSink for SubFields<'_> {
    type Ok = ();
    fn put<V: ?Sized + Serialize>(
        &mut self,
        name: Name,
        value: &V,
        _: bool,
    ) -> Result<(), Unusual> {
        match self.stage.sub_column(self.at, &name) {
            Some(k) => self.stage.cell(self.base, k, value),
            // A field with no column is null in every row.
            None => match value.serialize(KindSer)? {
                None => Ok(()),
                Some(_) => Err(Unusual),
            },
        }
    }
    fn done(self) -> Result<(), Unusual> {
        Ok(())
    }
}

impl<'s> Serializer for ObjectSer<'s> {
    objects_only!((), Keyed<SubFields<'s>>);

    // Null: no object, every column null.
    fn serialize_none(self) -> Result<(), Unusual> {
        Ok(())
    }
    fn serialize_unit(self) -> Result<(), Unusual> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unusual> {
        Ok(())
    }
    some_through!();
    newtype_through!();
    fn serialize_newtype_variant<V: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &V,
    ) -> Result<(), Unusual> {
        SubFields {
            stage: self.stage,
            base: self.base,
            at: self.at,
        }
        .put(Cow::Borrowed(variant), v, false)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unusual> {
        Ok(Keyed::new(SubFields {
            stage: self.stage,
            base: self.base,
            at: self.at,
        }))
    }
    struct_as_map!();
    // Anything else is written through the JSON object.
    reject!((); serialize_bool, serialize_i8, serialize_i16, serialize_i32, serialize_i64,
        serialize_u8, serialize_u16, serialize_u32, serialize_u64, serialize_f32, serialize_f64,
        serialize_char, serialize_str, serialize_bytes, serialize_unit_variant, serialize_seq,
        serialize_tuple, serialize_tuple_struct, serialize_tuple_variant,
        serialize_struct_variant);
}

/// One value in a column of text, whole numbers or truth values.
struct CellSer<'s> {
    stage: &'s mut Stage,
    kind: Kind,
}

impl CellSer<'_> {
    fn text(self, text: &str) -> Result<Cell, Unusual> {
        self.text_with(|out| out.push_str(text))
    }

    fn text_with(self, write: impl FnOnce(&mut String)) -> Result<Cell, Unusual> {
        if self.kind != Kind::Str {
            return Err(Unusual);
        }
        let start = self.stage.text.len();
        write(&mut self.stage.text);
        Ok(Cell::Text(start, self.stage.text.len()))
    }

    fn int(self, v: Option<i64>) -> Result<Cell, Unusual> {
        match (self.kind, v) {
            (Kind::Int, Some(v)) => Ok(Cell::Int(v)),
            _ => Err(Unusual),
        }
    }
}

/// Methods that give a whole number from a value of their type.
macro_rules! whole_numbers {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Result<Cell, Unusual> {
            self.int(i64::try_from(v).ok())
        }
    )*};
}

impl Serializer for CellSer<'_> {
    scalars_only!(Cell);

    fn serialize_bool(self, v: bool) -> Result<Cell, Unusual> {
        match self.kind {
            Kind::Bool => Ok(Cell::Bool(v)),
            _ => Err(Unusual),
        }
    }
    whole_numbers!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);
    fn serialize_str(self, v: &str) -> Result<Cell, Unusual> {
        self.text(v)
    }
    fn serialize_char(self, v: char) -> Result<Cell, Unusual> {
        self.text_with(|out| out.push(v))
    }
    fn collect_str<T: ?Sized + std::fmt::Display>(self, value: &T) -> Result<Cell, Unusual> {
        let mut failed = false;
        let cell = self.text_with(|out| failed = write!(out, "{value}").is_err())?;
        if failed { Err(Unusual) } else { Ok(cell) }
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Cell, Unusual> {
        self.text(variant)
    }
    fn serialize_none(self) -> Result<Cell, Unusual> {
        Ok(Cell::Null)
    }
    fn serialize_unit(self) -> Result<Cell, Unusual> {
        Ok(Cell::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Cell, Unusual> {
        Ok(Cell::Null)
    }
    some_through!();
    newtype_through!();
    // Fractions, lists and objects are JSON text, in a column of their own kind.
    reject!(Cell; serialize_f32, serialize_f64, serialize_bytes, serialize_newtype_variant,
        serialize_seq, serialize_tuple, serialize_tuple_struct, serialize_tuple_variant,
        serialize_map, serialize_struct, serialize_struct_variant);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde::Serialize;
    use serde_json::{Map, Value, json};

    use super::Stage;
    use crate::Dataset;
    use crate::dataset::keyed::IdKeys;
    use crate::parquet::shape::tests::row;
    use crate::parquet::table::{Batcher, Shape};

    /// The batches of `rows` written both ways, and how many rows were staged.
    fn both<T: Serialize>(rows: &[T], child: Option<&str>) -> (Vec<String>, Vec<String>, usize) {
        keyed(rows, child, None)
    }

    /// The same, with the ids that have keys written as their keys: the dataset's
    /// keys, the table and the inner list's table.
    fn keyed<T: Serialize>(
        rows: &[T],
        child: Option<&str>,
        keys: Option<(&IdKeys<'_>, &str, &str)>,
    ) -> (Vec<String>, Vec<String>, usize) {
        let (mut shape, mut inner_shape, mut count) = (Shape::default(), Shape::default(), 0);
        for row in rows {
            let c = child.map(|f| (f, &mut inner_shape, &mut count));
            shape.see_row(row, c).expect("serialises");
        }
        let columns = shape.columns();
        let inner_columns = inner_shape.columns();
        let batchers = || {
            (
                Batcher::new(columns.clone(), None),
                Batcher::new(inner_columns.clone(), Some("row")),
            )
        };
        let (mut staged, mut staged_inner) = batchers();
        let (mut plain, mut plain_inner) = batchers();
        let (table, inner_table) = keys.map_or(("rows", "items"), |(_, t, i)| (t, i));
        let mut own = Stage::new(&columns, table).expect("a stage");
        let mut inner = Stage::new(&inner_columns, inner_table).expect("a stage");
        let mut used = 0;
        for (i, row) in rows.iter().enumerate() {
            own.clear();
            inner.clear();
            let parent = Some(i as i64);
            if own.stage(row, child.map(|f| (f, &mut inner))).is_ok() {
                used += 1;
                if let Some((keys, _, _)) = keys {
                    own.apply(keys);
                    inner.apply(keys);
                }
                let (cells, text) = own.row(0);
                staged.push_staged(None, cells, text);
                for k in 0..inner.rows() {
                    let (cells, text) = inner.row(k);
                    staged_inner.push_staged(parent, cells, text);
                }
            } else {
                push_value(&mut staged, &mut staged_inner, (row, child, keys), parent);
            }
            push_value(&mut plain, &mut plain_inner, (row, child, keys), parent);
        }
        let show = |b: &mut Batcher| format!("{:?} rows {:?}", b.rows(), b.flush());
        (
            vec![show(&mut staged), show(&mut staged_inner)],
            vec![show(&mut plain), show(&mut plain_inner)],
            used,
        )
    }

    type Row<'a, T> = (
        &'a T,
        Option<&'a str>,
        Option<(&'a IdKeys<'a>, &'a str, &'a str)>,
    );

    fn push_value<T: Serialize>(
        own: &mut Batcher,
        inner: &mut Batcher,
        (row, child, keys): Row<'_, T>,
        parent: Option<i64>,
    ) {
        let mut value = match serde_json::to_value(row).expect("serialises") {
            Value::Object(map) => map,
            other => Map::from_iter([("value".to_owned(), other)]),
        };
        if let Some((keys, table, _)) = keys {
            keys.apply(table, &mut value);
        }
        own.push(None, &value);
        if let Some(field) = child
            && let Some(Value::Array(items)) = value.get(field)
        {
            for item in items {
                match item {
                    Value::Object(o) => inner.push(parent, o),
                    other => inner.push(
                        parent,
                        &Map::from_iter([("value".to_owned(), other.clone())]),
                    ),
                }
            }
        }
    }

    #[derive(Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Tagged {
        Plain,
        Wrapped(u8),
    }

    #[derive(Serialize)]
    struct Item {
        title: &'static str,
        amount: Option<i64>,
        whom: Whom,
    }

    #[derive(Serialize)]
    #[serde(tag = "kind", content = "id", rename_all = "snake_case")]
    enum Whom {
        Member(&'static str),
        Unit(u32),
    }

    #[derive(Serialize)]
    struct Typed {
        name: String,
        tagged: Tagged,
        when: Option<&'static str>,
        ratio: f32,
        flags: Vec<bool>,
        fine: bool,
        items: Vec<Item>,
    }

    #[test]
    fn typed_rows_are_staged_as_their_json_objects_are_written() {
        let rows = [
            Typed {
                name: "Nguyễn Thị A".into(),
                tagged: Tagged::Plain,
                when: Some("2024-05-20"),
                ratio: 0.1,
                flags: vec![true],
                fine: true,
                items: vec![
                    Item {
                        title: "ldtt",
                        amount: None,
                        whom: Whom::Member("DV01"),
                    },
                    Item {
                        title: "cstdcs",
                        amount: Some(-5),
                        whom: Whom::Unit(7),
                    },
                ],
            },
            Typed {
                name: "B".into(),
                tagged: Tagged::Wrapped(3),
                when: None,
                ratio: f32::NAN,
                flags: Vec::new(),
                fine: false,
                items: Vec::new(),
            },
        ];
        let (staged, plain, used) = both(&rows, Some("items"));
        assert_eq!(staged, plain);
        assert_eq!(used, 2, "every row staged");
    }

    /// Every row of every table of `dataset` written both ways, with ids as keys;
    /// the memberships' batches.
    fn every_table(dataset: &Dataset) -> Vec<String> {
        let keys = IdKeys::of(dataset);
        let check = |(staged, plain, used): (Vec<String>, Vec<String>, usize), rows: usize| {
            assert_eq!(staged, plain);
            assert_eq!(used, rows, "every row staged");
            staged
        };
        let k = |table| Some((&keys, table, "conferrals"));
        check(keyed(&dataset.units, None, k("units")), dataset.units.len());
        check(
            keyed(&dataset.members, None, k("members")),
            dataset.members.len(),
        );
        check(keyed(&dataset.facts, None, k("facts")), dataset.facts.len());
        let decisions = keyed(&dataset.decisions, Some("conferrals"), k("decisions"));
        check(decisions, dataset.decisions.len());
        let memberships = keyed(&dataset.memberships, None, k("memberships"));
        check(memberships, dataset.memberships.len())
    }

    #[test]
    fn a_datasets_rows_are_staged_with_their_ids_as_keys() {
        let text = include_str!("../../examples/data/gia-lam-2021-2022.json");
        let dataset = Dataset::from_json(text).expect("the bundled dataset reads");
        let memberships = every_table(&dataset).concat();
        // Units are named by their codes, not by their UUIDs.
        let unit = dataset.units.first().expect("a unit");
        assert!(memberships.contains(unit.code().as_str()));
        assert!(!memberships.contains(&unit.id().to_string()));
    }

    #[cfg(feature = "synthetic")]
    #[test]
    fn a_nations_decisions_are_staged_with_their_ids_as_keys() {
        let nation = crate::NationSpec::national()
            .with_members(2_000)
            .with_units(2, 4, 20)
            .and_then(|s| s.generate())
            .expect("a small nation");
        let dataset = nation.to_dataset();
        assert!(!dataset.decisions.is_empty());
        let memberships = every_table(&dataset).concat();
        assert!(memberships.contains(&nation.member_code(0).to_string()));
    }

    #[test]
    fn rows_that_do_not_fit_are_written_through_their_json_objects() {
        // An item that is no object, a map with keys that are not text.
        let rows = [json!({"a": 1, "items": [1, {"b": "x"}]})];
        let (staged, plain, used) = both(&rows, Some("items"));
        assert_eq!(staged, plain);
        assert_eq!(used, 0);
        #[derive(Serialize)]
        struct Keys {
            m: std::collections::BTreeMap<u8, u8>,
        }
        let (staged, plain, used) = both(&[Keys { m: [(1, 2)].into() }], None);
        assert_eq!(staged, plain);
        assert_eq!(used, 0);
    }

    proptest! {
        #[test]
        fn any_rows_are_staged_as_their_json_objects_are_written(
            rows in prop::collection::vec(row(), 0..6),
            child in any::<bool>(),
        ) {
            let (staged, plain, _) = both(&rows, child.then_some("items"));
            prop_assert_eq!(staged, plain);
        }
    }
}
