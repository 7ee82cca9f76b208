//! Reading a large dataset file on two threads.
//!
//! A file as [`Dataset::to_json`] writes it (pretty JSON, two spaces of indentation)
//! has each top-level field on a line of its own starting with exactly two spaces
//! and a quote, and each element of a top-level list starting four spaces in. JSON
//! strings cannot hold a raw line break, so those lines can be found by searching
//! the text. The fields — and the largest lists cut in two between elements — are
//! then read by serde on two threads and put back together in order.
//!
//! Nothing is trusted from the search: each piece must read as a complete JSON
//! value of its field's type. Any surprise (another layout, an unknown or repeated
//! field, a piece that does not read) gives `None`, and the caller reads the file
//! the ordinary way, which reports every problem with its path.

use serde::de::DeserializeOwned;

use crate::dataset::file::{Dataset, Meta, SCHEMA_VERSION};

/// Files smaller than this are read on one thread.
#[cfg(not(fuzzing))]
const MIN_BYTES: usize = 16 << 20;
/// Under fuzzing every file tries the two-thread reader first, so that small inputs
/// reach it.
#[cfg(fuzzing)]
const MIN_BYTES: usize = 0;
/// A list larger than this share of the file is cut in two.
const CUT_SHARE: usize = 4;

const KEY_START: &str = "\n  \"";
const ELEMENT_END: &str = "\n    },\n    {";

fn read<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_str(text).ok()
}

macro_rules! sections {
    ($($field:ident: $ty:ty),* $(,)?) => {
        /// One top-level list, or a run of its elements.
        #[allow(non_camel_case_types)]
        enum Section {
            $( $field(Vec<$ty>), )*
        }

        fn read_section(key: &str, text: &str) -> Option<Section> {
            match key {
                $( stringify!($field) => read(text).map(Section::$field), )*
                _ => None,
            }
        }

        fn is_list(key: &str) -> bool {
            matches!(key, $( stringify!($field) )|*)
        }

        fn put(d: &mut Dataset, section: Section) {
            match section {
                $( Section::$field(v) => d.$field.extend(v), )*
            }
        }
    };
}

sections!(
    titles: crate::award::catalogue::AwardDef,
    units: crate::org::unit::UnitRecord,
    partners: crate::org::unit::PartnerBody,
    events: crate::org::unit::LineageEvent,
    members: crate::people::member::MemberRecord,
    memberships: crate::people::member::Membership,
    workforce: crate::people::member::WorkforceFigure,
    facts: crate::dataset::file::FactRecord,
    collective_facts: crate::dataset::file::CollectiveFactRecord,
    decisions: crate::award::decision::Decision,
    overrides: crate::rules::param::Override,
    stated: crate::dataset::figure::StatedFigure,
    stated_awards: crate::dataset::figure::StatedAward,
    campaigns: crate::campaign::record::Campaign,
    launches: crate::campaign::record::Launch,
    registrations: crate::campaign::record::Registration,
    contests: crate::campaign::contest::Contest,
    initiatives: crate::initiative::record::Initiative,
    initiative_reports: crate::initiative::record::ReportedFunnel,
    student_results: crate::campaign::contest::StudentResults,
    beneficiaries: crate::support::beneficiary::Beneficiary,
    sponsorships: crate::support::sponsorship::Sponsorship,
    support_records: crate::support::record::SupportRecord,
    twinnings: crate::support::twinning::Twinning,
);

/// The top-level fields of a pretty-printed object: `(key, value text)` in order.
fn fields(text: &str) -> Option<Vec<(&str, &str)>> {
    let body = text.trim_end().strip_suffix("\n}")?;
    let body = body.trim_start().strip_prefix('{')?;
    // memchr's vectorised search (already built for serde_json) finds the few key
    // lines of a file of gigabytes in a fraction of the time parsing takes.
    let mut starts: Vec<usize> =
        memchr::memmem::find_iter(body.as_bytes(), KEY_START.as_bytes()).collect();
    // The object opens on its own line: the first field follows directly.
    if starts.first() != Some(&0) {
        return None;
    }
    starts.push(body.len());
    let mut out = Vec::with_capacity(starts.len());
    for w in starts.windows(2) {
        let &[s, e] = w else {
            return None;
        };
        let line = body.get(s + KEY_START.len()..e)?;
        let close = line.find('"')?;
        let key = line.get(..close)?;
        if key.contains('\\') {
            return None;
        }
        let value = line.get(close + 1..)?.strip_prefix(": ")?.trim_end();
        let value = if e == body.len() {
            value
        } else {
            value.strip_suffix(',')?
        };
        if out.iter().any(|(k, _)| *k == key) {
            return None;
        }
        out.push((key, value));
    }
    Some(out)
}

/// Cuts a pretty-printed list of objects in two between elements, near its middle.
fn halves(list: &str) -> Option<(String, String)> {
    let mut middle = (list.len() / 2).saturating_sub(ELEMENT_END.len());
    while !list.is_char_boundary(middle) {
        middle -= 1;
    }
    let finder = memchr::memmem::Finder::new(ELEMENT_END.as_bytes());
    let at = list
        .get(middle..)
        .and_then(|after| finder.find(after.as_bytes()))
        .map(|i| i + middle)
        .or_else(|| memchr::memmem::rfind(list.as_bytes(), ELEMENT_END.as_bytes()))?;
    let first_end = at + "\n    }".len();
    let second_start = at + "\n    },".len();
    let mut first = String::with_capacity(first_end + 2);
    first.push_str(list.get(..first_end)?);
    first.push_str("\n]");
    let mut second = String::with_capacity(list.len() - second_start + 1);
    second.push('[');
    second.push_str(list.get(second_start..)?);
    Some((first, second))
}

/// Reads a large pretty-printed dataset on two threads; `None` when the file is
/// small, laid out otherwise, or anything in it does not read.
pub(crate) fn read_dataset(text: &str) -> Option<Dataset> {
    if text.len() < MIN_BYTES {
        return None;
    }
    read_pretty(text)
}

fn read_pretty(text: &str) -> Option<Dataset> {
    let fields = fields(text)?;
    let mut d = Dataset::default();
    // Work items: (order, text) for lists; owned halves of the largest lists.
    let mut owned: Vec<(usize, String)> = Vec::new();
    let mut borrowed: Vec<(usize, &str)> = Vec::new();
    let mut keys: Vec<&str> = Vec::with_capacity(fields.len());
    let mut version = None;
    for (key, value) in &fields {
        match *key {
            "schema_version" => version = Some(read::<u32>(value)?),
            "meta" => d.meta = read::<Meta>(value)?,
            k if is_list(k) => {
                let order = keys.len() * 2;
                keys.push(k);
                match (value.len() > text.len() / CUT_SHARE)
                    .then(|| halves(value))
                    .flatten()
                {
                    Some((a, b)) => {
                        owned.push((order, a));
                        owned.push((order + 1, b));
                    }
                    None => borrowed.push((order, value)),
                }
            }
            _ => return None,
        }
    }
    if version != Some(SCHEMA_VERSION) {
        return None;
    }
    let mut items: Vec<(usize, &str)> = borrowed;
    items.extend(owned.iter().map(|(o, s)| (*o, s.as_str())));
    // Two workers with about the same number of bytes, largest items first.
    items.sort_by_key(|(_, s)| std::cmp::Reverse(s.len()));
    let (mut left, mut right) = (Vec::new(), Vec::new());
    let (mut left_bytes, mut right_bytes) = (0usize, 0usize);
    for item in items {
        if left_bytes <= right_bytes {
            left_bytes += item.1.len();
            left.push(item);
        } else {
            right_bytes += item.1.len();
            right.push(item);
        }
    }
    let work = |items: &[(usize, &str)]| -> Option<Vec<(usize, Section)>> {
        items
            .iter()
            .map(|&(order, s)| {
                let key = keys.get(order / 2)?;
                Some((order, read_section(key, s)?))
            })
            .collect()
    };
    let (a, b) = std::thread::scope(|scope| {
        // Where no thread can be had, both halves are read here.
        let other = std::thread::Builder::new()
            .spawn_scoped(scope, || work(&right))
            .ok();
        let mine = work(&left);
        let other = match other {
            Some(handle) => handle
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p)),
            None => work(&right),
        };
        (mine, other)
    });
    let mut sections = a?;
    sections.extend(b?);
    sections.sort_by_key(|(order, _)| *order);
    for (_, s) in sections {
        put(&mut d, s);
    }
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_of_a_pretty_object() {
        let text = "{\n  \"schema_version\": 1,\n  \"units\": [\n    {\n      \"a\": \"x\\n  \\\"y\"\n    },\n    {\n      \"b\": 2\n    }\n  ]\n}";
        let f = fields(text).unwrap();
        assert_eq!(f.len(), 2);
        assert_eq!(f[0], ("schema_version", "1"));
        assert!(f[1].1.starts_with('[') && f[1].1.ends_with(']'));
        let (a, b) = halves(f[1].1).unwrap();
        let a: serde_json::Value = serde_json::from_str(&a).unwrap();
        let b: serde_json::Value = serde_json::from_str(&b).unwrap();
        assert_eq!(a.as_array().unwrap().len() + b.as_array().unwrap().len(), 2);
        // Other layouts are left to the ordinary reader.
        assert!(fields("{\"schema_version\": 1}").is_none());
        assert!(fields("{\n  \"a\": 1,\n  \"a\": 2\n}").is_none());
        assert!(fields("{\n  \"meta\": {\n  \"name\": \"x\"\n  }\n}").is_none());
    }

    #[cfg(feature = "synthetic")]
    #[test]
    fn reads_what_the_serial_reader_reads() {
        let d = crate::synthetic::NationSpec::national()
            .with_members(3_000)
            .with_units(3, 9, 60)
            .unwrap()
            .generate()
            .unwrap()
            .to_dataset();
        let text = d.to_json();
        let parallel = read_pretty(&text).unwrap();
        assert_eq!(parallel, d);
        // A piece that does not read, an unknown field: the ordinary reader decides.
        assert!(read_pretty(&text.replacen("\"ldtt\"", "\"LDTT\"", 1)).is_none());
        assert!(read_pretty(&text.replacen("\n  \"units\"", "\n  \"unit\"", 1)).is_none());
        assert!(
            read_dataset(&text).is_none(),
            "small files read on one thread"
        );
    }
}
