//! The columns of a record found straight from its serialised form, without building
//! its JSON object: what [`Shape::see`] learns from a row's JSON object, learnt from
//! the calls its `Serialize` makes.
//!
//! Only what the columns need is kept: each field's kind, and for a field that is an
//! object the kinds of its fields. A row of a form this does not follow (a number
//! beyond 64 bits, a map with keys that are not text, a raw JSON value) is read
//! through its JSON object instead, so that both ways always agree.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;
use serde::ser::{self, Serializer};
use serde_json::{Map, Value};

use super::table::{Kind, Shape};

/// A form not followed here: the row is read through its JSON object.
#[derive(Debug)]
pub(crate) struct Unusual;

impl fmt::Display for Unusual {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a form read through its JSON object")
    }
}

impl std::error::Error for Unusual {}

impl ser::Error for Unusual {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unusual
    }
}

pub(crate) type Name = Cow<'static, str>;

/// One field of a row: null, an object with the kinds of its fields (`None` for a
/// null), or any other value with its kind.
#[derive(Debug, Clone, PartialEq)]
enum Field {
    Null,
    Object(Vec<(Name, Option<Kind>)>),
    Other(Kind),
}

/// One row's fields, in their order (a later field of the same name replaces the
/// earlier one in its place, as in a JSON object).
#[derive(Debug, Default)]
struct Row {
    fields: Vec<(Name, Field)>,
}

impl Row {
    fn set(&mut self, name: Name, field: Field, may_repeat: bool) {
        if may_repeat && let Some(slot) = self.fields.iter_mut().find(|(n, _)| *n == name) {
            slot.1 = field;
            return;
        }
        self.fields.push((name, field));
    }
}

/// A row's fields and, for the field of an inner list, the rows of its items.
#[derive(Debug, Default)]
pub(crate) struct Noted {
    row: Row,
    items: Vec<Row>,
}

impl Shape {
    /// Takes note of one row (its fields but `child`, whose list's items are noted
    /// in the child's shape and counted), as [`Shape::see`] would of its JSON object.
    ///
    /// # Errors
    /// When the row's JSON form cannot be made.
    pub(crate) fn see_row<T: Serialize>(
        &mut self,
        row: &T,
        child: Option<(&str, &mut Shape, &mut u64)>,
    ) -> serde_json::Result<()> {
        let skip = child.as_ref().map(|(field, _, _)| *field);
        // The last row's room, reused.
        let mut seen = std::mem::take(&mut self.scratch);
        seen.row.fields.clear();
        seen.items.clear();
        let outcome = self.see_seen(row, child, skip, &mut seen);
        self.scratch = seen;
        outcome
    }

    fn see_seen<T: Serialize>(
        &mut self,
        row: &T,
        child: Option<(&str, &mut Shape, &mut u64)>,
        skip: Option<&str>,
        seen: &mut Noted,
    ) -> serde_json::Result<()> {
        match row.serialize(RowSer {
            seen: &mut *seen,
            child: skip,
            item: false,
        }) {
            Ok(()) => {
                for (name, field) in &seen.row.fields {
                    self.note(name, field);
                }
                if let Some((_, shape, count)) = child {
                    for item in &seen.items {
                        for (name, field) in &item.fields {
                            shape.note(name, field);
                        }
                        *count += 1;
                    }
                }
            }
            Err(Unusual) => {
                let value = match serde_json::to_value(row)? {
                    Value::Object(map) => map,
                    other => Map::from_iter([("value".to_owned(), other)]),
                };
                self.see(&value, skip);
                if let Some((field, shape, count)) = child
                    && let Some(Value::Array(items)) = value.get(field)
                {
                    for item in items {
                        if let Value::Object(item) = item {
                            shape.see(item, None);
                        }
                        *count += 1;
                    }
                }
            }
        }
        Ok(())
    }

    fn note(&mut self, name: &str, field: &Field) {
        match field {
            Field::Null => {}
            Field::Object(subs)
                if !subs.is_empty() && subs.iter().all(|(_, kind)| kind.is_some()) =>
            {
                let subs = subs
                    .iter()
                    .filter_map(|(sub, kind)| Some((sub.as_ref(), (*kind)?)));
                self.note_object(name, subs);
            }
            Field::Object(_) => self.note_other(name, Kind::Json),
            Field::Other(kind) => self.note_other(name, *kind),
        }
    }
}

/// Serialises a row, or an item of its inner list: a struct or a map, its fields
/// noted; anything else is unusual.
struct RowSer<'s> {
    seen: &'s mut Noted,
    /// The field holding the inner list.
    child: Option<&'s str>,
    /// Whether this is an item of the inner list.
    item: bool,
}

/// Serialises the value of a row's field.
struct FieldSer;

/// Serialises a value inside an object: only its kind is kept.
pub(crate) struct KindSer;

/// Takes the inner list's items, each as a row of its own.
struct ShapeItems<'s> {
    seen: &'s mut Noted,
}

impl ItemSink for ShapeItems<'_> {
    fn item<V: ?Sized + Serialize>(&mut self, item: &V) -> Result<(), Unusual> {
        item.serialize(RowSer {
            seen: &mut *self.seen,
            child: None,
            item: true,
        })
    }
}

/// The kind of a whole number in JSON: a number that fits a signed 64 bits is one,
/// a larger one is JSON text.
fn whole(fits: bool) -> Kind {
    if fits { Kind::Int } else { Kind::Json }
}

/// The kind of a fractional number: JSON text, or null when it is not finite.
fn fraction(finite: bool) -> Option<Kind> {
    finite.then_some(Kind::Json)
}

/// A sink that takes every element and ends with `out`.
pub(crate) struct Skip<T>(T);

macro_rules! skip_compound {
    ($($tr:ident $(:: $m:ident)*),*) => {$(
        impl<T> ser::$tr for Skip<T> {
            type Ok = T;
            type Error = Unusual;
            skip_compound!(@method $tr);
            fn end(self) -> Result<T, Unusual> {
                Ok(self.0)
            }
        }
    )*};
    (@method SerializeSeq) => {
        fn serialize_element<V: ?Sized + Serialize>(&mut self, _: &V) -> Result<(), Unusual> { Ok(()) }
    };
    (@method SerializeTuple) => {
        fn serialize_element<V: ?Sized + Serialize>(&mut self, _: &V) -> Result<(), Unusual> { Ok(()) }
    };
    (@method SerializeTupleStruct) => {
        fn serialize_field<V: ?Sized + Serialize>(&mut self, _: &V) -> Result<(), Unusual> { Ok(()) }
    };
    (@method SerializeTupleVariant) => {
        fn serialize_field<V: ?Sized + Serialize>(&mut self, _: &V) -> Result<(), Unusual> { Ok(()) }
    };
    (@method SerializeMap) => {
        fn serialize_key<V: ?Sized + Serialize>(&mut self, _: &V) -> Result<(), Unusual> { Ok(()) }
        fn serialize_value<V: ?Sized + Serialize>(&mut self, _: &V) -> Result<(), Unusual> { Ok(()) }
    };
    (@method SerializeStruct) => {
        fn serialize_field<V: ?Sized + Serialize>(&mut self, _: &'static str, _: &V) -> Result<(), Unusual> { Ok(()) }
    };
    (@method SerializeStructVariant) => {
        fn serialize_field<V: ?Sized + Serialize>(&mut self, _: &'static str, _: &V) -> Result<(), Unusual> { Ok(()) }
    };
}

skip_compound!(
    SerializeSeq,
    SerializeTuple,
    SerializeTupleStruct,
    SerializeTupleVariant,
    SerializeMap,
    SerializeStruct,
    SerializeStructVariant
);

/// Methods of a serialiser that refuse their form as unusual, by name.
macro_rules! reject {
    ($ok:ty; $($method:ident),* $(,)?) => {$(reject!(@ $ok; $method);)*};
    (@ $ok:ty; serialize_bool) => { fn serialize_bool(self, _: bool) -> Result<$ok, Unusual> { Err(Unusual) } };
    (@ $ok:ty; serialize_i8) => { fn serialize_i8(self, _: i8) -> Result<$ok, Unusual> { Err(Unusual) } };
    (@ $ok:ty; serialize_i16) => { fn serialize_i16(self, _: i16) -> Result<$ok, Unusual> { Err(Unusual) } };
    (@ $ok:ty; serialize_i32) => { fn serialize_i32(self, _: i32) -> Result<$ok, Unusual> { Err(Unusual) } };
    (@ $ok:ty; serialize_i64) => { fn serialize_i64(self, _: i64) -> Result<$ok, Unusual> { Err(Unusual) } };
    (@ $ok:ty; serialize_u8) => { fn serialize_u8(self, _: u8) -> Result<$ok, Unusual> { Err(Unusual) } };
    (@ $ok:ty; serialize_u16) => { fn serialize_u16(self, _: u16) -> Result<$ok, Unusual> { Err(Unusual) } };
    (@ $ok:ty; serialize_u32) => { fn serialize_u32(self, _: u32) -> Result<$ok, Unusual> { Err(Unusual) } };
    (@ $ok:ty; serialize_u64) => { fn serialize_u64(self, _: u64) -> Result<$ok, Unusual> { Err(Unusual) } };
    (@ $ok:ty; serialize_f32) => { fn serialize_f32(self, _: f32) -> Result<$ok, Unusual> { Err(Unusual) } };
    (@ $ok:ty; serialize_f64) => { fn serialize_f64(self, _: f64) -> Result<$ok, Unusual> { Err(Unusual) } };
    (@ $ok:ty; serialize_char) => { fn serialize_char(self, _: char) -> Result<$ok, Unusual> { Err(Unusual) } };
    (@ $ok:ty; serialize_str) => { fn serialize_str(self, _: &str) -> Result<$ok, Unusual> { Err(Unusual) } };
    (@ $ok:ty; serialize_bytes) => { fn serialize_bytes(self, _: &[u8]) -> Result<$ok, Unusual> { Err(Unusual) } };
    (@ $ok:ty; serialize_none) => { fn serialize_none(self) -> Result<$ok, Unusual> { Err(Unusual) } };
    (@ $ok:ty; serialize_some) => {
        fn serialize_some<V: ?Sized + Serialize>(self, _: &V) -> Result<$ok, Unusual> { Err(Unusual) }
    };
    (@ $ok:ty; serialize_unit) => { fn serialize_unit(self) -> Result<$ok, Unusual> { Err(Unusual) } };
    (@ $ok:ty; serialize_unit_struct) => {
        fn serialize_unit_struct(self, _: &'static str) -> Result<$ok, Unusual> { Err(Unusual) }
    };
    (@ $ok:ty; serialize_unit_variant) => {
        fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<$ok, Unusual> {
            Err(Unusual)
        }
    };
    (@ $ok:ty; serialize_newtype_variant) => {
        fn serialize_newtype_variant<V: ?Sized + Serialize>(
            self, _: &'static str, _: u32, _: &'static str, _: &V,
        ) -> Result<$ok, Unusual> {
            Err(Unusual)
        }
    };
    (@ $ok:ty; serialize_seq) => {
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unusual> { Err(Unusual) }
    };
    (@ $ok:ty; serialize_tuple) => {
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unusual> { Err(Unusual) }
    };
    (@ $ok:ty; serialize_tuple_struct) => {
        fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Unusual> {
            Err(Unusual)
        }
    };
    (@ $ok:ty; serialize_tuple_variant) => {
        fn serialize_tuple_variant(
            self, _: &'static str, _: u32, _: &'static str, _: usize,
        ) -> Result<Self::SerializeTupleVariant, Unusual> {
            Err(Unusual)
        }
    };
    (@ $ok:ty; serialize_map) => {
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unusual> { Err(Unusual) }
    };
    (@ $ok:ty; serialize_struct) => {
        fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Unusual> {
            Err(Unusual)
        }
    };
    (@ $ok:ty; serialize_struct_variant) => {
        fn serialize_struct_variant(
            self, _: &'static str, _: u32, _: &'static str, _: usize,
        ) -> Result<Self::SerializeStructVariant, Unusual> {
            Err(Unusual)
        }
    };
}

/// The types of a serialiser giving `$ok`: maps as `$map`, structs as `$struct`,
/// and no lists or variants.
macro_rules! serialiser_types {
    ($ok:ty, $map:ty, $struct:ty) => {
        type Ok = $ok;
        type Error = Unusual;
        type SerializeSeq = ser::Impossible<$ok, Unusual>;
        type SerializeTuple = ser::Impossible<$ok, Unusual>;
        type SerializeTupleStruct = ser::Impossible<$ok, Unusual>;
        type SerializeTupleVariant = ser::Impossible<$ok, Unusual>;
        type SerializeMap = $map;
        type SerializeStruct = $struct;
        type SerializeStructVariant = ser::Impossible<$ok, Unusual>;
    };
}

/// The types of a serialiser that takes only objects (maps and structs), each as
/// `$object`.
macro_rules! objects_only {
    ($ok:ty, $object:ty) => {
        serialiser_types!($ok, $object, $object);
    };
}

/// The types of a serialiser that takes only single values, each giving `$ok`.
macro_rules! scalars_only {
    ($ok:ty) => {
        serialiser_types!($ok, ser::Impossible<$ok, Unusual>, ser::Impossible<$ok, Unusual>);
    };
}

/// `serialize_newtype_struct`: the value inside (serde_json's private forms are
/// unusual).
macro_rules! newtype_through {
    () => {
        fn serialize_newtype_struct<V: ?Sized + Serialize>(
            self,
            name: &'static str,
            v: &V,
        ) -> Result<Self::Ok, Unusual> {
            if private(name) {
                return Err(Unusual);
            }
            v.serialize(self)
        }
    };
}

/// `serialize_some`: the value inside.
macro_rules! some_through {
    () => {
        fn serialize_some<V: ?Sized + Serialize>(self, v: &V) -> Result<Self::Ok, Unusual> {
            v.serialize(self)
        }
    };
}

/// `serialize_struct`: as a map (serde_json's private forms are unusual).
macro_rules! struct_as_map {
    () => {
        fn serialize_struct(
            self,
            name: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStruct, Unusual> {
            if private(name) {
                return Err(Unusual);
            }
            ser::Serializer::serialize_map(self, None)
        }
    };
}

/// What takes an object's fields one by one; `repeatable` when the object is a
/// map, whose keys may repeat (a later value replaces the earlier one).
pub(crate) trait FieldSink {
    type Ok;
    fn put<V: ?Sized + Serialize>(
        &mut self,
        name: Name,
        value: &V,
        repeatable: bool,
    ) -> Result<(), Unusual>;
    fn done(self) -> Result<Self::Ok, Unusual>;
}

/// An object being serialised (a map or a struct), its fields given to a sink.
pub(crate) struct Keyed<S> {
    sink: S,
    /// The key given, waiting for its value.
    key: Option<Name>,
}

impl<S> Keyed<S> {
    pub(crate) fn new(sink: S) -> Self {
        Self { sink, key: None }
    }
}

impl<S: FieldSink> ser::SerializeMap for Keyed<S> {
    type Ok = S::Ok;
    type Error = Unusual;
    fn serialize_key<V: ?Sized + Serialize>(&mut self, key: &V) -> Result<(), Unusual> {
        self.key = Some(key.serialize(KeySer)?);
        Ok(())
    }
    fn serialize_value<V: ?Sized + Serialize>(&mut self, value: &V) -> Result<(), Unusual> {
        let key = self.key.take().ok_or(Unusual)?;
        self.sink.put(key, value, true)
    }
    fn end(self) -> Result<S::Ok, Unusual> {
        self.sink.done()
    }
}

impl<S: FieldSink> ser::SerializeStruct for Keyed<S> {
    type Ok = S::Ok;
    type Error = Unusual;
    fn serialize_field<V: ?Sized + Serialize>(
        &mut self,
        name: &'static str,
        value: &V,
    ) -> Result<(), Unusual> {
        self.sink.put(Cow::Borrowed(name), value, false)
    }
    fn end(self) -> Result<S::Ok, Unusual> {
        self.sink.done()
    }
}

/// What takes the items of a row's inner list one by one.
pub(crate) trait ItemSink {
    fn item<V: ?Sized + Serialize>(&mut self, item: &V) -> Result<(), Unusual>;
}

/// Serialises a row's inner list: its items given to a sink, null as no items,
/// anything else unusual.
pub(crate) struct ListSer<S>(pub(crate) S);

/// The items of an inner list being serialised.
pub(crate) struct List<S>(S);

impl<S: ItemSink> ser::SerializeSeq for List<S> {
    type Ok = ();
    type Error = Unusual;
    fn serialize_element<V: ?Sized + Serialize>(&mut self, item: &V) -> Result<(), Unusual> {
        self.0.item(item)
    }
    fn end(self) -> Result<(), Unusual> {
        Ok(())
    }
}

impl<S: ItemSink> Serializer for ListSer<S> {
    type Ok = ();
    type Error = Unusual;
    type SerializeSeq = List<S>;
    type SerializeTuple = ser::Impossible<(), Unusual>;
    type SerializeTupleStruct = ser::Impossible<(), Unusual>;
    type SerializeTupleVariant = ser::Impossible<(), Unusual>;
    type SerializeMap = ser::Impossible<(), Unusual>;
    type SerializeStruct = ser::Impossible<(), Unusual>;
    type SerializeStructVariant = ser::Impossible<(), Unusual>;

    fn serialize_seq(self, _: Option<usize>) -> Result<List<S>, Unusual> {
        Ok(List(self.0))
    }
    fn serialize_none(self) -> Result<(), Unusual> {
        Ok(())
    }
    fn serialize_unit(self) -> Result<(), Unusual> {
        Ok(())
    }
    some_through!();
    newtype_through!();
    reject!((); serialize_bool, serialize_i8, serialize_i16, serialize_i32, serialize_i64,
        serialize_u8, serialize_u16, serialize_u32, serialize_u64, serialize_f32, serialize_f64,
        serialize_char, serialize_str, serialize_bytes, serialize_unit_struct,
        serialize_unit_variant, serialize_newtype_variant, serialize_tuple, serialize_tuple_struct,
        serialize_tuple_variant, serialize_map, serialize_struct, serialize_struct_variant);
}

/// The serde_json names of its raw values and other private forms start so.
pub(crate) fn private(name: &str) -> bool {
    name.starts_with("$serde_json")
}

/// Methods that give one kind, each for a value of its type, mapped by `$wrap`.
macro_rules! of_kind {
    ($wrap:expr, $kind:ident; $($method:ident: $ty:ty),*) => {$(
        fn $method(self, _: $ty) -> Result<Self::Ok, Unusual> {
            Ok($wrap(Some(Kind::$kind)))
        }
    )*};
}

/// The scalar methods of a serialiser whose output is `Option<Kind>` mapped by `$wrap`.
macro_rules! scalars {
    ($wrap:expr) => {
        of_kind!($wrap, Bool; serialize_bool: bool);
        of_kind!($wrap, Int; serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
            serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32);
        of_kind!($wrap, Str; serialize_char: char, serialize_str: &str);
        of_kind!($wrap, Json; serialize_bytes: &[u8]);
        fn serialize_u64(self, v: u64) -> Result<Self::Ok, Unusual> {
            Ok($wrap(Some(whole(i64::try_from(v).is_ok()))))
        }
        fn serialize_i128(self, _: i128) -> Result<Self::Ok, Unusual> {
            Err(Unusual)
        }
        fn serialize_u128(self, _: u128) -> Result<Self::Ok, Unusual> {
            Err(Unusual)
        }
        fn serialize_f32(self, v: f32) -> Result<Self::Ok, Unusual> {
            Ok($wrap(fraction(v.is_finite())))
        }
        fn serialize_f64(self, v: f64) -> Result<Self::Ok, Unusual> {
            Ok($wrap(fraction(v.is_finite())))
        }
        fn serialize_none(self) -> Result<Self::Ok, Unusual> {
            Ok($wrap(None))
        }
        fn serialize_unit(self) -> Result<Self::Ok, Unusual> {
            Ok($wrap(None))
        }
        fn serialize_unit_struct(self, _: &'static str) -> Result<Self::Ok, Unusual> {
            Ok($wrap(None))
        }
        fn serialize_unit_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
        ) -> Result<Self::Ok, Unusual> {
            Ok($wrap(Some(Kind::Str)))
        }
    };
}

impl Serializer for KindSer {
    type Ok = Option<Kind>;
    type Error = Unusual;
    type SerializeSeq = Skip<Option<Kind>>;
    type SerializeTuple = Skip<Option<Kind>>;
    type SerializeTupleStruct = Skip<Option<Kind>>;
    type SerializeTupleVariant = Skip<Option<Kind>>;
    type SerializeMap = Skip<Option<Kind>>;
    type SerializeStruct = Skip<Option<Kind>>;
    type SerializeStructVariant = Skip<Option<Kind>>;

    scalars!(|k| k);

    some_through!();
    newtype_through!();
    fn serialize_newtype_variant<V: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<Option<Kind>, Unusual> {
        Ok(Some(Kind::Json))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unusual> {
        Ok(Skip(Some(Kind::Json)))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unusual> {
        Ok(Skip(Some(Kind::Json)))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unusual> {
        Ok(Skip(Some(Kind::Json)))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unusual> {
        Ok(Skip(Some(Kind::Json)))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unusual> {
        Ok(Skip(Some(Kind::Json)))
    }
    struct_as_map!();
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unusual> {
        Ok(Skip(Some(Kind::Json)))
    }
}

fn field_of(kind: Option<Kind>) -> Field {
    kind.map_or(Field::Null, Field::Other)
}

/// The fields of an object being serialised.
struct Object {
    subs: Vec<(Name, Option<Kind>)>,
}

impl FieldSink for Object {
    type Ok = Field;
    fn put<V: ?Sized + Serialize>(
        &mut self,
        name: Name,
        value: &V,
        _: bool,
    ) -> Result<(), Unusual> {
        let kind = value.serialize(KindSer)?;
        if let Some(slot) = self.subs.iter_mut().find(|(n, _)| *n == name) {
            slot.1 = kind;
        } else {
            self.subs.push((name, kind));
        }
        Ok(())
    }
    fn done(self) -> Result<Field, Unusual> {
        Ok(Field::Object(self.subs))
    }
}

fn object(len: Option<usize>) -> Keyed<Object> {
    Keyed::new(Object {
        subs: Vec::with_capacity(len.unwrap_or(0).min(16)),
    })
}

/// A map's key: text; any other key is unusual.
pub(crate) struct KeySer;

impl Serializer for KeySer {
    scalars_only!(Name);

    fn serialize_str(self, v: &str) -> Result<Name, Unusual> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn serialize_char(self, v: char) -> Result<Name, Unusual> {
        Ok(Cow::Owned(v.to_string()))
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Name, Unusual> {
        Ok(Cow::Borrowed(variant))
    }
    fn serialize_newtype_struct<V: ?Sized + Serialize>(
        self,
        _: &'static str,
        v: &V,
    ) -> Result<Name, Unusual> {
        v.serialize(self)
    }
    reject!(Name; serialize_bool, serialize_i8, serialize_i16, serialize_i32, serialize_i64,
        serialize_u8, serialize_u16, serialize_u32, serialize_u64, serialize_f32, serialize_f64,
        serialize_bytes, serialize_none, serialize_some, serialize_unit, serialize_unit_struct,
        serialize_newtype_variant, serialize_seq, serialize_tuple, serialize_tuple_struct,
        serialize_tuple_variant, serialize_map, serialize_struct, serialize_struct_variant);
}

impl Serializer for FieldSer {
    type Ok = Field;
    type Error = Unusual;
    type SerializeSeq = Skip<Field>;
    type SerializeTuple = Skip<Field>;
    type SerializeTupleStruct = Skip<Field>;
    type SerializeTupleVariant = Skip<Field>;
    type SerializeMap = Keyed<Object>;
    type SerializeStruct = Keyed<Object>;
    type SerializeStructVariant = Skip<Field>;

    scalars!(field_of);

    some_through!();
    newtype_through!();
    fn serialize_newtype_variant<V: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &V,
    ) -> Result<Field, Unusual> {
        Ok(Field::Object(vec![(
            Cow::Borrowed(variant),
            v.serialize(KindSer)?,
        )]))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unusual> {
        Ok(Skip(Field::Other(Kind::Json)))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unusual> {
        Ok(Skip(Field::Other(Kind::Json)))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unusual> {
        Ok(Skip(Field::Other(Kind::Json)))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unusual> {
        Ok(Skip(Field::Object(vec![(
            Cow::Borrowed(variant),
            Some(Kind::Json),
        )])))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, Unusual> {
        Ok(object(len))
    }
    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, Unusual> {
        if private(name) {
            return Err(Unusual);
        }
        Ok(object(Some(len)))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unusual> {
        Ok(Skip(Field::Object(vec![(
            Cow::Borrowed(variant),
            Some(Kind::Json),
        )])))
    }
}

/// A row's fields being serialised.
struct Fields<'s> {
    seen: &'s mut Noted,
    child: Option<&'s str>,
    /// Where this row's fields go: the row itself, or the last item of its list.
    item: bool,
}

impl Fields<'_> {
    fn row(&mut self) -> &mut Row {
        if self.item
            && let Some(item) = self.seen.items.last_mut()
        {
            return item;
        }
        &mut self.seen.row
    }
}

impl FieldSink for Fields<'_> {
    type Ok = ();
    fn put<V: ?Sized + Serialize>(
        &mut self,
        name: Name,
        value: &V,
        repeatable: bool,
    ) -> Result<(), Unusual> {
        if !self.item && self.child == Some(name.as_ref()) {
            // The inner list, never a column of the row: its items, each a row of
            // its own. A second field of the same name replaces the first.
            self.seen.items.clear();
            return value.serialize(ListSer(ShapeItems {
                seen: &mut *self.seen,
            }));
        }
        let field = value.serialize(FieldSer)?;
        self.row().set(name, field, repeatable);
        Ok(())
    }
    fn done(self) -> Result<(), Unusual> {
        Ok(())
    }
}

impl<'s> RowSer<'s> {
    fn begin(self, len: Option<usize>) -> Result<Keyed<Fields<'s>>, Unusual> {
        let room = len.unwrap_or(0).min(64);
        if self.item {
            self.seen.items.push(Row {
                fields: Vec::with_capacity(room),
            });
        } else {
            self.seen.row.fields.reserve(room);
        }
        Ok(Keyed::new(Fields {
            seen: self.seen,
            child: self.child,
            item: self.item,
        }))
    }
}

impl<'s> Serializer for RowSer<'s> {
    objects_only!((), Keyed<Fields<'s>>);

    newtype_through!();
    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, Unusual> {
        self.begin(len)
    }
    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, Unusual> {
        if private(name) {
            return Err(Unusual);
        }
        self.begin(Some(len))
    }
    reject!((); serialize_bool, serialize_i8, serialize_i16, serialize_i32, serialize_i64,
        serialize_u8, serialize_u16, serialize_u32, serialize_u64, serialize_f32, serialize_f64,
        serialize_char, serialize_str, serialize_bytes, serialize_none, serialize_some,
        serialize_unit, serialize_unit_struct, serialize_unit_variant,
        serialize_newtype_variant, serialize_seq, serialize_tuple, serialize_tuple_struct,
        serialize_tuple_variant, serialize_struct_variant);
}

#[cfg(test)]
pub(crate) mod tests {
    use proptest::prelude::*;
    use serde::Serialize;
    use serde_json::{Map, Value, json};

    use super::super::table::{Column, Shape};

    fn columns(shape: &Shape) -> Vec<(String, String)> {
        shape
            .columns()
            .iter()
            .map(|c: &Column| (c.name.clone(), format!("{:?}", c.kind)))
            .collect()
    }

    /// The columns found both ways, with the inner list's columns and count.
    fn both<T: Serialize>(rows: &[T], child: Option<&str>) -> [(Vec<(String, String)>, u64); 4] {
        let (mut shape, mut inner, mut count) = (Shape::default(), Shape::default(), 0u64);
        for row in rows {
            let c = child.map(|f| (f, &mut inner, &mut count));
            shape.see_row(row, c).expect("serialises");
        }
        let (mut by_value, mut inner_by_value, mut count_by_value) =
            (Shape::default(), Shape::default(), 0u64);
        for row in rows {
            let value = match serde_json::to_value(row).expect("serialises") {
                Value::Object(map) => map,
                other => Map::from_iter([("value".to_owned(), other)]),
            };
            by_value.see(&value, child);
            if let Some(field) = child
                && let Some(Value::Array(items)) = value.get(field)
            {
                for item in items {
                    if let Value::Object(item) = item {
                        inner_by_value.see(item, None);
                    }
                    count_by_value += 1;
                }
            }
        }
        [
            (columns(&shape), 0),
            (columns(&by_value), 0),
            (columns(&inner), count),
            (columns(&inner_by_value), count_by_value),
        ]
    }

    fn agree<T: Serialize>(rows: &[T], child: Option<&str>) {
        let [own, by_value, inner, inner_by_value] = both(rows, child);
        assert_eq!(own, by_value);
        assert_eq!(inner, inner_by_value);
    }

    #[derive(Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Tagged {
        Plain,
        Wrapped(i32),
        Pair(u8, u8),
        Named { a: bool },
    }

    #[derive(Serialize)]
    struct Typed {
        text: &'static str,
        maybe: Option<u32>,
        big: u64,
        ratio: f64,
        tagged: Tagged,
        list: Vec<u8>,
        nested: Option<Nested>,
        #[serde(skip_serializing_if = "Option::is_none")]
        absent: Option<bool>,
        unit: (),
    }

    #[derive(Serialize)]
    struct Nested {
        kind: &'static str,
        id: Option<i64>,
    }

    #[test]
    fn typed_rows_have_the_columns_of_their_json_objects() {
        let row = |tagged, big, ratio, id| Typed {
            text: "a",
            maybe: (big % 2 == 0).then_some(7),
            big,
            ratio,
            tagged,
            list: vec![1, 2],
            nested: Some(Nested { kind: "member", id }),
            absent: None,
            unit: (),
        };
        let rows = [
            row(Tagged::Plain, 1, 0.5, Some(3)),
            row(Tagged::Wrapped(4), u64::MAX, f64::NAN, None),
            row(Tagged::Pair(1, 2), 2, f64::INFINITY, Some(1)),
            row(Tagged::Named { a: true }, 3, 1.0, Some(2)),
        ];
        agree(&rows, None);
        for one in &rows {
            agree(std::slice::from_ref(one), None);
        }
        let [own, ..] = both(&rows[..1], None);
        let names: Vec<&str> = own.0.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "text",
                "big",
                "ratio",
                "tagged",
                "list",
                "nested.kind",
                "nested.id"
            ]
        );
    }

    #[test]
    fn rows_of_other_forms_are_read_through_their_json_objects() {
        // A number beyond 64 bits, keys that are not text, a row that is no object.
        let wide = [json!({"a": 1})];
        agree(&wide, None);
        #[derive(Serialize)]
        struct Wide {
            n: i128,
            m: std::collections::BTreeMap<u8, u8>,
        }
        agree(
            &[Wide {
                n: 5,
                m: [(1, 2)].into(),
            }],
            None,
        );
        agree(&[1, 2], None);
        agree(&[json!({"items": [1, {"x": 1}, null]})], Some("items"));
    }

    fn scalar() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            (-1e6f64..1e6).prop_map(Value::from),
            "[a-c]{0,2}".prop_map(Value::String),
        ]
    }

    fn value() -> impl Strategy<Value = Value> {
        scalar().prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
                prop::collection::vec(("[a-c]", inner), 0..4)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    /// A row as a JSON object: a few fields (`items` among them) of any value.
    pub(crate) fn row() -> impl Strategy<Value = Value> {
        prop::collection::vec(("[a-d]|items", value()), 0..6)
            .prop_map(|kv| Value::Object(kv.into_iter().collect()))
    }

    proptest! {
        #[test]
        fn any_rows_have_the_columns_of_their_json_objects(
            rows in prop::collection::vec(row(), 0..6),
            child in any::<bool>(),
        ) {
            let child = child.then_some("items");
            let [own, by_value, inner, inner_by_value] = both(&rows, child);
            prop_assert_eq!(own, by_value);
            prop_assert_eq!(inner, inner_by_value);
        }
    }
}
