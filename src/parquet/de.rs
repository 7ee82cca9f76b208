//! A row of a table read as a record directly from its columns, without building
//! its JSON object first. A row that does not read this way is read again through
//! its JSON object, which says where the problem is.

use serde::de::value::{BorrowedStrDeserializer, Error};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::table::Cells;

/// One field of a row: a column, or the columns of a nested object.
pub(crate) enum Entry<'r, 'a> {
    Leaf(&'r str, &'r Cells<'a>),
    Group(&'r str, Vec<(&'r str, &'r Cells<'a>)>),
}

impl<'r, 'a> Entry<'r, 'a> {
    /// Groups columns into fields: `(field, field of a nested object, cells)`.
    pub(crate) fn group(columns: Vec<(&'r str, Option<&'r str>, &'r Cells<'a>)>) -> Vec<Self> {
        let mut out: Vec<Entry<'r, 'a>> = Vec::new();
        for (top, sub, cells) in columns {
            match sub {
                None => out.push(Entry::Leaf(top, cells)),
                Some(sub) => {
                    let found = out
                        .iter_mut()
                        .find(|e| matches!(e, Entry::Group(t, _) if *t == top));
                    match found {
                        Some(Entry::Group(_, subs)) => subs.push((sub, cells)),
                        _ => out.push(Entry::Group(top, vec![(sub, cells)])),
                    }
                }
            }
        }
        out
    }
}

fn present(cells: &Cells<'_>, row: usize) -> bool {
    match cells {
        Cells::Str(get) | Cells::Json(get) => get(row).is_some(),
        Cells::Int(get) => get(row).is_some(),
        Cells::Bool(get) => get(row).is_some(),
    }
}

/// The inner rows of one row: each as the batch it is in (an index into `batches`)
/// and its row there.
#[derive(Clone, Copy)]
pub(crate) struct Children<'r, 'a> {
    pub(crate) batches: &'r [Vec<Entry<'r, 'a>>],
    pub(crate) rows: &'r [(usize, usize)],
}

/// A row: its fields, and the list of inner rows of its child table.
pub(crate) struct RowDe<'r, 'a> {
    pub(crate) entries: &'r [Entry<'r, 'a>],
    pub(crate) row: usize,
    pub(crate) child: Option<(&'r str, Children<'r, 'a>)>,
}

impl<'de, 'r: 'de, 'a: 'de> Deserializer<'de> for RowDe<'r, 'a> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_map(RowMap {
            entries: self.entries,
            row: self.row,
            at: 0,
            child: self.child,
            pending: None,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

enum Pending<'r, 'a> {
    Cell(&'r Cells<'a>),
    Group(&'r [(&'r str, &'r Cells<'a>)]),
    Child(Children<'r, 'a>),
}

struct RowMap<'r, 'a> {
    entries: &'r [Entry<'r, 'a>],
    row: usize,
    at: usize,
    child: Option<(&'r str, Children<'r, 'a>)>,
    pending: Option<Pending<'r, 'a>>,
}

impl<'de, 'r: 'de, 'a: 'de> MapAccess<'de> for RowMap<'r, 'a> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        while let Some(entry) = self.entries.get(self.at) {
            self.at += 1;
            match entry {
                Entry::Leaf(key, cells) if present(cells, self.row) => {
                    self.pending = Some(Pending::Cell(cells));
                    return seed
                        .deserialize(BorrowedStrDeserializer::new(key))
                        .map(Some);
                }
                Entry::Group(key, subs) if subs.iter().any(|(_, c)| present(c, self.row)) => {
                    self.pending = Some(Pending::Group(subs));
                    return seed
                        .deserialize(BorrowedStrDeserializer::new(key))
                        .map(Some);
                }
                _ => {}
            }
        }
        if let Some((key, items)) = self.child.take() {
            self.pending = Some(Pending::Child(items));
            return seed
                .deserialize(BorrowedStrDeserializer::new(key))
                .map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.pending.take() {
            Some(Pending::Cell(cells)) => seed.deserialize(CellDe {
                cells,
                row: self.row,
            }),
            Some(Pending::Group(subs)) => seed.deserialize(GroupDe {
                subs,
                row: self.row,
            }),
            Some(Pending::Child(children)) => seed.deserialize(ChildrenDe { children, at: 0 }),
            None => Err(de::Error::custom("a value without its key")),
        }
    }
}

/// The inner rows as a list, each read from its batch's columns.
struct ChildrenDe<'r, 'a> {
    children: Children<'r, 'a>,
    at: usize,
}

impl<'de, 'r: 'de, 'a: 'de> Deserializer<'de> for ChildrenDe<'r, 'a> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_seq(&mut self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de, 'r: 'de, 'a: 'de> SeqAccess<'de> for ChildrenDe<'r, 'a> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(&(batch, row)) = self.children.rows.get(self.at) else {
            return Ok(None);
        };
        self.at += 1;
        let entries = self
            .children
            .batches
            .get(batch)
            .ok_or_else(|| de::Error::custom("an inner row without its batch"))?;
        seed.deserialize(RowDe {
            entries,
            row,
            child: None,
        })
        .map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.children.rows.len().saturating_sub(self.at))
    }
}

/// The fields of a nested object.
struct GroupDe<'r, 'a> {
    subs: &'r [(&'r str, &'r Cells<'a>)],
    row: usize,
}

impl<'de, 'r: 'de, 'a: 'de> Deserializer<'de> for GroupDe<'r, 'a> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_map(GroupMap {
            subs: self.subs,
            row: self.row,
            at: 0,
            pending: None,
        })
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct GroupMap<'r, 'a> {
    subs: &'r [(&'r str, &'r Cells<'a>)],
    row: usize,
    at: usize,
    pending: Option<&'r Cells<'a>>,
}

impl<'de, 'r: 'de, 'a: 'de> MapAccess<'de> for GroupMap<'r, 'a> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        while let Some((key, cells)) = self.subs.get(self.at) {
            self.at += 1;
            if present(cells, self.row) {
                self.pending = Some(cells);
                return seed
                    .deserialize(BorrowedStrDeserializer::new(key))
                    .map(Some);
            }
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.pending.take() {
            Some(cells) => seed.deserialize(CellDe {
                cells,
                row: self.row,
            }),
            None => Err(de::Error::custom("a value without its key")),
        }
    }
}

/// One cell (never null: absent cells are absent fields).
struct CellDe<'r, 'a> {
    cells: &'r Cells<'a>,
    row: usize,
}

impl<'de, 'r: 'de, 'a: 'de> Deserializer<'de> for CellDe<'r, 'a> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.cells {
            Cells::Str(get) => match get(self.row) {
                Some(s) => visitor.visit_borrowed_str(s),
                None => visitor.visit_unit(),
            },
            Cells::Json(get) => {
                let text = get(self.row).unwrap_or("null");
                let mut de = serde_json::Deserializer::from_str(text);
                let v = de.deserialize_any(visitor).map_err(de::Error::custom)?;
                de.end().map_err(de::Error::custom)?;
                Ok(v)
            }
            Cells::Int(get) => match get(self.row) {
                Some(v) => v.deserialize_any(visitor).map_err(de::Error::custom),
                None => visitor.visit_unit(),
            },
            Cells::Bool(get) => match get(self.row) {
                Some(b) => visitor.visit_bool(b),
                None => visitor.visit_unit(),
            },
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.cells {
            Cells::Str(get) => match get(self.row) {
                Some(s) => visitor.visit_enum(de::value::StrDeserializer::<Error>::new(s)),
                None => Err(de::Error::custom("no value")),
            },
            Cells::Json(get) => {
                let text = get(self.row).unwrap_or("null");
                let mut de = serde_json::Deserializer::from_str(text);
                let v = de
                    .deserialize_enum(name, variants, visitor)
                    .map_err(de::Error::custom)?;
                de.end().map_err(de::Error::custom)?;
                Ok(v)
            }
            _ => self.deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}
