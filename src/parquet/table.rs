//! Records as columns and back: each record's JSON form (the same form the dataset
//! file has) spread over typed columns, one column per field and one per field of a
//! nested object (`facts.grade`), lists and other nested values as JSON text.
//!
//! Writing finds the columns from the rows' serialised forms and stages each row
//! into them straight from the same calls (`shape`, `stage`); the JSON object is
//! built only for a row of a form those do not follow.
//!
//! Reading gives each row to the same deserialisers as the dataset file, with the
//! same checks, straight from its columns; the JSON object it was written from is
//! built again only for a row that does not read, to say where its problem is.

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Int64Builder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use serde_json::{Map, Value};

use super::stage::Cell;

/// The field metadata key marking a column of JSON text.
pub(crate) const JSON_KEY: &str = "thidua:json";

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Text.
    Str,
    /// A whole number that fits 64 bits, signed.
    Int,
    /// True or false.
    Bool,
    /// Any other JSON value, as JSON text.
    Json,
}

impl Kind {
    fn of(value: &Value) -> Option<Kind> {
        match value {
            Value::Null => None,
            Value::String(_) => Some(Kind::Str),
            Value::Bool(_) => Some(Kind::Bool),
            Value::Number(n) if n.is_i64() => Some(Kind::Int),
            _ => Some(Kind::Json),
        }
    }

    fn unify(a: Option<Kind>, b: Option<Kind>) -> Option<Kind> {
        match (a, b) {
            (None, k) | (k, None) => k,
            (Some(a), Some(b)) if a == b => Some(a),
            _ => Some(Kind::Json),
        }
    }

    pub(crate) fn data_type(self) -> DataType {
        match self {
            Kind::Str | Kind::Json => DataType::Utf8,
            Kind::Int => DataType::Int64,
            Kind::Bool => DataType::Boolean,
        }
    }
}

/// What was seen of one top-level field over all rows.
#[derive(Debug, Default)]
struct Seen {
    name: String,
    /// Rows where it is an object of scalars, none of them null.
    objects: u64,
    /// Rows where it is anything else but null.
    others: u64,
    kind: Option<Kind>,
    /// The fields of its objects, in the order first seen.
    subs: Vec<(String, Option<Kind>)>,
}

/// The columns of a table, found from its rows' JSON forms.
#[derive(Debug, Default)]
pub(crate) struct Shape {
    seen: Vec<Seen>,
    index: HashMap<String, usize>,
    /// The fields of the last row noted from its serialised form, kept for their room.
    pub(super) scratch: super::shape::Noted,
}

/// One column: its name and where its values sit in a row's JSON object.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    pub(crate) name: String,
    pub(crate) top: String,
    pub(crate) sub: Option<String>,
    pub(crate) kind: Kind,
}

impl Shape {
    /// Takes note of one row (its fields but `skip`).
    pub(crate) fn see(&mut self, row: &Map<String, Value>, skip: Option<&str>) {
        for (key, value) in row {
            if Some(key.as_str()) == skip || value.is_null() {
                continue;
            }
            match value {
                Value::Object(fields)
                    if !fields.is_empty() && fields.values().all(|v| !v.is_null()) =>
                {
                    let subs = fields
                        .iter()
                        .filter_map(|(sub, v)| Some((sub.as_str(), Kind::of(v)?)));
                    self.note_object(key, subs);
                }
                other => {
                    if let Some(kind) = Kind::of(other) {
                        self.note_other(key, kind);
                    }
                }
            }
        }
    }

    /// The entry of a field, made when it is first seen.
    fn seen_mut(&mut self, key: &str) -> Option<&mut Seen> {
        let at = match self.index.get(key) {
            Some(&at) => at,
            None => {
                self.index.insert(key.to_owned(), self.seen.len());
                self.seen.push(Seen {
                    name: key.to_owned(),
                    ..Seen::default()
                });
                self.seen.len() - 1
            }
        };
        self.seen.get_mut(at)
    }

    /// Takes note of a field that is an object of fields none of which is null.
    pub(crate) fn note_object<'k>(
        &mut self,
        key: &str,
        subs: impl Iterator<Item = (&'k str, Kind)>,
    ) {
        let Some(seen) = self.seen_mut(key) else {
            return;
        };
        seen.objects += 1;
        for (sub, kind) in subs {
            match seen.subs.iter_mut().find(|(n, _)| n == sub) {
                Some((_, k)) => *k = Kind::unify(*k, Some(kind)),
                None => seen.subs.push((sub.to_owned(), Some(kind))),
            }
        }
    }

    /// Takes note of a field that is neither null nor such an object.
    pub(crate) fn note_other(&mut self, key: &str, kind: Kind) {
        if let Some(seen) = self.seen_mut(key) {
            seen.others += 1;
            seen.kind = Kind::unify(seen.kind, Some(kind));
        }
    }

    /// The columns, in the order their fields were first seen.
    pub(crate) fn columns(&self) -> Vec<Column> {
        let mut out = Vec::new();
        for s in &self.seen {
            if s.others == 0 && s.objects > 0 {
                for (sub, kind) in &s.subs {
                    out.push(Column {
                        name: format!("{}.{sub}", s.name),
                        top: s.name.clone(),
                        sub: Some(sub.clone()),
                        kind: kind.unwrap_or(Kind::Json),
                    });
                }
            } else {
                let kind = if s.objects > 0 {
                    Some(Kind::Json)
                } else {
                    s.kind
                };
                out.push(Column {
                    name: s.name.clone(),
                    top: s.name.clone(),
                    sub: None,
                    kind: kind.unwrap_or(Kind::Json),
                });
            }
        }
        out
    }
}

/// The Arrow schema of the columns, with `first` (a parent's row number) before
/// them when given.
pub(crate) fn schema(columns: &[Column], first: Option<&str>) -> Arc<Schema> {
    let mut fields = Vec::with_capacity(columns.len() + 1);
    if let Some(name) = first {
        fields.push(Field::new(name, DataType::Int64, false));
    }
    for c in columns {
        let mut f = Field::new(&c.name, c.kind.data_type(), true);
        if c.kind == Kind::Json {
            f = f.with_metadata(HashMap::from([(JSON_KEY.to_owned(), "true".to_owned())]));
        }
        fields.push(f);
    }
    Arc::new(Schema::new(fields))
}

enum Builder {
    Str(StringBuilder),
    Int(Int64Builder),
    Bool(BooleanBuilder),
}

/// Rows gathered into columns, a batch at a time.
pub(crate) struct Batcher {
    schema: Arc<Schema>,
    columns: Vec<Column>,
    parent: Option<Int64Builder>,
    builders: Vec<Builder>,
    rows: usize,
}

impl Batcher {
    pub(crate) fn new(columns: Vec<Column>, parent: Option<&str>) -> Self {
        let schema = schema(&columns, parent);
        let builders = columns.iter().map(|c| Self::builder(c.kind)).collect();
        Self {
            schema,
            columns,
            parent: parent.map(|_| Int64Builder::new()),
            builders,
            rows: 0,
        }
    }

    fn builder(kind: Kind) -> Builder {
        match kind {
            Kind::Str | Kind::Json => Builder::Str(StringBuilder::new()),
            Kind::Int => Builder::Int(Int64Builder::new()),
            Kind::Bool => Builder::Bool(BooleanBuilder::new()),
        }
    }

    pub(crate) fn schema(&self) -> Arc<Schema> {
        Arc::clone(&self.schema)
    }

    pub(crate) fn rows(&self) -> usize {
        self.rows
    }

    /// Adds a row: its parent's row number (child tables) and its JSON object.
    pub(crate) fn push(&mut self, parent: Option<i64>, row: &Map<String, Value>) {
        if let (Some(b), Some(p)) = (self.parent.as_mut(), parent) {
            b.append_value(p);
        }
        for (c, b) in self.columns.iter().zip(self.builders.iter_mut()) {
            let value = row.get(&c.top).and_then(|v| match &c.sub {
                Some(sub) => v.get(sub),
                None => Some(v),
            });
            let value = value.filter(|v| !v.is_null());
            match (b, value) {
                (Builder::Str(b), None) => b.append_null(),
                (Builder::Int(b), None) => b.append_null(),
                (Builder::Bool(b), None) => b.append_null(),
                (Builder::Str(b), Some(Value::String(s))) if c.kind == Kind::Str => {
                    b.append_value(s)
                }
                (Builder::Str(b), Some(v)) => b.append_value(v.to_string()),
                (Builder::Int(b), Some(v)) => b.append_option(v.as_i64()),
                (Builder::Bool(b), Some(v)) => b.append_option(v.as_bool()),
            }
        }
        self.rows += 1;
    }

    /// The columns.
    pub(crate) fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// Adds a staged row: its parent's row number (child tables) and its cells.
    pub(crate) fn push_staged(&mut self, parent: Option<i64>, cells: &[Cell], text: &str) {
        if let (Some(b), Some(p)) = (self.parent.as_mut(), parent) {
            b.append_value(p);
        }
        for (k, b) in self.builders.iter_mut().enumerate() {
            match (b, cells.get(k).copied().unwrap_or(Cell::Null)) {
                (Builder::Str(b), Cell::Text(from, to)) => match text.get(from..to) {
                    Some(t) => b.append_value(t),
                    None => b.append_null(),
                },
                (Builder::Int(b), Cell::Int(v)) => b.append_value(v),
                (Builder::Bool(b), Cell::Bool(v)) => b.append_value(v),
                (Builder::Str(b), _) => b.append_null(),
                (Builder::Int(b), _) => b.append_null(),
                (Builder::Bool(b), _) => b.append_null(),
            }
        }
        self.rows += 1;
    }

    /// The rows gathered so far as a batch; the batcher starts afresh.
    pub(crate) fn flush(&mut self) -> Result<RecordBatch, arrow_schema::ArrowError> {
        let mut arrays: Vec<ArrayRef> = Vec::with_capacity(self.builders.len() + 1);
        if let Some(b) = self.parent.as_mut() {
            arrays.push(Arc::new(b.finish()));
        }
        for b in &mut self.builders {
            arrays.push(match b {
                Builder::Str(b) => Arc::new(b.finish()),
                Builder::Int(b) => Arc::new(b.finish()),
                Builder::Bool(b) => Arc::new(b.finish()),
            });
        }
        self.rows = 0;
        RecordBatch::try_new(Arc::clone(&self.schema), arrays)
    }
}

/// A column of a batch read back, typed by what its values become in JSON.
pub(crate) enum Cells<'a> {
    Str(Box<dyn Fn(usize) -> Option<&'a str> + 'a>),
    Json(Box<dyn Fn(usize) -> Option<&'a str> + 'a>),
    Int(Box<dyn Fn(usize) -> Option<Value> + 'a>),
    Bool(Box<dyn Fn(usize) -> Option<bool> + 'a>),
}

/// How a column of a file is read, or why it cannot be.
pub(crate) fn cells<'a>(array: &'a dyn Array, json: bool) -> Result<Cells<'a>, String> {
    fn ints<'a, T>(a: &'a dyn Array) -> Option<Cells<'a>>
    where
        T: arrow_array::types::ArrowPrimitiveType,
        T::Native: Into<Value>,
    {
        let a = a.as_primitive_opt::<T>()?;
        Some(Cells::Int(Box::new(move |i| {
            (i < a.len() && a.is_valid(i)).then(|| a.value(i).into())
        })))
    }
    let text = |get: Box<dyn Fn(usize) -> Option<&'a str> + 'a>| {
        if json {
            Cells::Json(get)
        } else {
            Cells::Str(get)
        }
    };
    let found = match array.data_type() {
        DataType::Utf8 => array.as_string_opt::<i32>().map(|a| {
            text(Box::new(move |i| {
                (i < a.len() && a.is_valid(i)).then(|| a.value(i))
            }))
        }),
        DataType::LargeUtf8 => array.as_string_opt::<i64>().map(|a| {
            text(Box::new(move |i| {
                (i < a.len() && a.is_valid(i)).then(|| a.value(i))
            }))
        }),
        DataType::Utf8View => array.as_string_view_opt().map(|a| {
            text(Box::new(move |i| {
                (i < a.len() && a.is_valid(i)).then(|| a.value(i))
            }))
        }),
        DataType::Boolean if !json => array.as_boolean_opt().map(|a| {
            Cells::Bool(Box::new(move |i| {
                (i < a.len() && a.is_valid(i)).then(|| a.value(i))
            }))
        }),
        DataType::Int8 if !json => ints::<Int8Type>(array),
        DataType::Int16 if !json => ints::<Int16Type>(array),
        DataType::Int32 if !json => ints::<Int32Type>(array),
        DataType::Int64 if !json => ints::<Int64Type>(array),
        DataType::UInt8 if !json => ints::<UInt8Type>(array),
        DataType::UInt16 if !json => ints::<UInt16Type>(array),
        DataType::UInt32 if !json => ints::<UInt32Type>(array),
        DataType::UInt64 if !json => ints::<UInt64Type>(array),
        _ => None,
    };
    found.ok_or_else(|| array.data_type().to_string())
}
