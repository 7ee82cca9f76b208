//! Keys given twice in one JSON object, found with their paths.
//!
//! A JSON reader keeps the last of two equal keys and says nothing. The typed reading
//! of a well-formed file refuses them; this pass finds them anywhere in a file that
//! is read element by element (because some element is bad), so that a key given
//! twice is never silently merged.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use crate::diagnostic::DataPath;

/// At most this many keys given twice are looked for; a report names them all.
const MOST_FOUND: usize = 10_000;

/// Every key given twice in an object of `text`, with the path of that object, in
/// the order met. Text that is not JSON gives what was found before the fault.
pub(super) fn duplicate_keys(text: &str) -> Vec<(DataPath, String)> {
    let found = RefCell::new(Vec::new());
    let mut reader = serde_json::Deserializer::from_str(text);
    let walk = Walk {
        path: DataPath::root(),
        found: &found,
    };
    // A syntax error is reported by the reading that calls this; here it only ends
    // the search.
    let _ = walk.deserialize(&mut reader);
    found.into_inner()
}

/// One value being walked, at its path.
struct Walk<'a> {
    path: DataPath,
    found: &'a RefCell<Vec<(DataPath, String)>>,
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while seq
            .next_element_seed(Walk {
                path: self.path.clone().index(index),
                found: self.found,
            })?
            .is_some()
        {
            index += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut keys: HashSet<String> = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = self.path.clone().key(key.clone());
            if keys.contains(&key) {
                let mut found = self.found.borrow_mut();
                if found.len() < MOST_FOUND {
                    found.push((self.path.clone(), key));
                }
            } else {
                keys.insert(key);
            }
            map.next_value_seed(Walk {
                path,
                found: self.found,
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_given_twice_are_found_at_every_depth() {
        let text = r#"{"a": 1, "b": [{"x": 1, "y": 2, "x": 3}, {"x": {"z": 1, "z": 2}}], "a": 2}"#;
        let found: Vec<String> = duplicate_keys(text)
            .into_iter()
            .map(|(path, key)| format!("{path} {key}"))
            .collect();
        assert_eq!(found, ["$.b[0] x", "$.b[1].x z", "$ a"]);
        assert!(duplicate_keys(r#"{"a": [1, {"b": 2}], "c": {"a": 1}}"#).is_empty());
        assert!(duplicate_keys(r#"{"a": 1, "a""#).len() == 1);
        assert!(duplicate_keys("not json").is_empty());
    }
}
