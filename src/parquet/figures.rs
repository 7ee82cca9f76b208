//! The figures-only path: members, women and LĐTT titles of every unit read straight
//! from the columns of a dataset directory, without building the model.

use std::collections::HashMap;
use std::fs::File;
use std::hash::BuildHasher;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use ::parquet::arrow::ProjectionMask;
use ::parquet::arrow::arrow_reader::{
    ArrowPredicateFn, ParquetRecordBatchReaderBuilder, RowFilter,
};
use arrow_array::cast::AsArray;
use arrow_array::{Array, BooleanArray, RecordBatch, StringViewArray};
use chrono::NaiveDate;

use super::RollupRow;
use crate::award::catalogue::codes;
use crate::diagnostic::{Diagnostic, Diagnostics, Location, Severity};
use crate::org::kind::UnitKind;
use crate::value::hash::{self, FastMap};
use crate::value::id::{MemberId, UnitId, looks_like_uuid, normalise_key};
use crate::value::period::Period;

/// Ids by their value, through the crate's keyed hash: ids come from the files, and
/// a file's author must not be able to pick ids that all fall together.
type IdMap<V> = FastMap<u128, V>;

/// How the ids read from the columns become the numbers rows are joined on.
///
/// An id is written as a UUID, or as the key it was derived from (a unit's or a
/// member's code). A UUID is joined on its value. A key is joined, on the quick
/// pass, on a 128-bit hash of its text as written, seeded afresh for each reading —
/// deriving the id itself costs a SHA-1 for every reference — and, on the exact
/// pass, on the id derived from the key normalised. The two agree whenever each
/// entity is named by the same text throughout, as the crate writes its files; when
/// a file names an entity two ways (its UUID here and its key there, or its key
/// spaced or composed differently), references find nothing on the quick pass, and
/// the figures are taken again on the exact pass.
struct Refs {
    exact: bool,
    seeds: (u64, u64),
    keys: AtomicBool,
}

impl Refs {
    fn new(exact: bool) -> Self {
        let state = std::collections::hash_map::RandomState::new();
        Self {
            exact,
            seeds: (state.hash_one(1u8) | 1, state.hash_one(2u8) | 1),
            keys: AtomicBool::new(false),
        }
    }

    /// The number a unit's id is joined on.
    fn unit(&self, text: &str) -> Option<u128> {
        self.join(text, |k| UnitId::from_key(k).as_uuid().as_u128())
    }

    /// The number a member's id is joined on.
    fn member(&self, text: &str) -> Option<u128> {
        self.join(text, |k| MemberId::from_key(k).as_uuid().as_u128())
    }

    fn join(&self, text: &str, derive: impl Fn(&str) -> u128) -> Option<u128> {
        if text.len() == 36
            && let Ok(uuid) = uuid::Uuid::try_parse(text)
        {
            return Some(uuid.as_u128());
        }
        if looks_like_uuid(text) {
            return uuid::Uuid::try_parse(text.trim()).ok().map(|u| u.as_u128());
        }
        if self.exact {
            let key = normalise_key(text);
            return (!key.is_empty()).then(|| {
                Self::saw(&self.keys);
                derive(&key)
            });
        }
        if text.is_empty() {
            return None;
        }
        Self::saw(&self.keys);
        Some(hash128(self.seeds, text.as_bytes()))
    }

    /// Notes a form seen, writing the flag only once: both threads read it, and
    /// writing it on every row would pass its cache line between the cores.
    fn saw(flag: &AtomicBool) {
        if !flag.load(Ordering::Relaxed) {
            flag.store(true, Ordering::Relaxed);
        }
    }

    /// Whether ids were read as keys.
    fn keys(&self) -> bool {
        self.keys.load(Ordering::Relaxed)
    }
}

/// A seeded 128-bit hash of a key's text (two multiply–rotate lanes over 8-byte
/// words, mixed into each other at the end).
fn hash128((s0, s1): (u64, u64), bytes: &[u8]) -> u128 {
    const K0: u64 = 0x9e37_79b9_7f4a_7c15;
    const K1: u64 = 0xc2b2_ae3d_27d4_eb4f;
    let len = bytes.len() as u64;
    let (mut a, mut b) = (s0 ^ len.wrapping_mul(K0), s1 ^ len.wrapping_mul(K1));
    let mut mix = |w: u64| {
        a = (a ^ w).wrapping_mul(K0).rotate_left(29);
        b = (b ^ w).wrapping_mul(K1).rotate_left(31) ^ a;
    };
    let mut words = bytes.chunks_exact(8);
    for chunk in words.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        mix(u64::from_le_bytes(word));
    }
    let tail = words.remainder();
    if !tail.is_empty() {
        mix(tail
            .iter()
            .rev()
            .fold(0u64, |w, &byte| (w << 8) | u64::from(byte)));
    }
    let fmix = |mut x: u64| {
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        x ^ (x >> 33)
    };
    let a = fmix(a ^ b.rotate_left(17));
    let b = fmix(b ^ a);
    (u128::from(a) << 64) | u128::from(b)
}

/// Reads the named columns of a table file, a batch at a time; every column must be
/// text. A missing file is no rows.
fn scan(
    dir: &Path,
    files: &[String],
    columns: &[&str],
    report: &mut Diagnostics,
    mut each: impl FnMut(&[&StringViewArray], usize),
) {
    for file in files {
        scan_file(dir, file, columns, report, &mut each);
    }
}

/// Each table's files, and the rows the manifest announces for each table.
type Listing = (Vec<(String, String)>, HashMap<String, u64>);

/// The files of each table as the manifest lists them (the partitions of a table
/// partitioned by province, in order; `TABLE.parquet` when the manifest does not
/// read, so that a missing file is no rows), and the rows it announces.
fn table_files(dir: &Path) -> (impl Fn(&str) -> Vec<String>, impl Fn(&str) -> usize) {
    let (listed, rows) = listing(dir);
    // What the files of each table could hold, at most: a false count in the
    // manifest reserves no more than that.
    let mut room: HashMap<String, u64> = HashMap::new();
    for (table, file) in &listed {
        let r = room.entry(table.clone()).or_default();
        *r = r.saturating_add(super::room_in(&dir.join(file)));
    }
    let files = move |table: &str| {
        let files: Vec<String> = listed
            .iter()
            .filter(|(t, _)| t == table)
            .map(|(_, f)| f.clone())
            .collect();
        if files.is_empty() {
            vec![format!("{table}.parquet")]
        } else {
            files
        }
    };
    // The rows the manifest announces, a capacity only: capped, so that a false
    // count cannot reserve more than a national dataset needs, nor more than the
    // table's files could hold.
    let rows_of = move |table: &str| {
        let most = room
            .get(table)
            .copied()
            .unwrap_or(0)
            .min(super::MOST_RESERVED_ROWS);
        rows.get(table)
            .map_or(0, |&r| usize::try_from(r.min(most)).unwrap_or(0))
    };
    (files, rows_of)
}

/// Each table's files and the rows the manifest announces for it.
fn listing(dir: &Path) -> Listing {
    let entries: Vec<serde_json::Value> = std::fs::read_to_string(dir.join(super::MANIFEST))
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|m| m.get("tables").and_then(|t| t.as_array()).cloned())
        .unwrap_or_default();
    let mut rows: HashMap<String, u64> = HashMap::new();
    for entry in &entries {
        if let (Some(t), Some(r)) = (
            entry.get("table").and_then(|t| t.as_str()),
            entry.get("rows").and_then(|r| r.as_u64()),
        ) {
            *rows.entry(t.to_owned()).or_default() += r;
        }
    }
    let listed: Vec<(String, String)> = entries
        .iter()
        .flat_map(|entry| {
            let table = entry
                .get("table")
                .and_then(|t| t.as_str())
                .unwrap_or_default()
                .to_owned();
            entry
                .get("files")
                .and_then(|f| f.as_array())
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|f| f.as_str().map(str::to_owned))
                .filter(|f| super::read::is_inside(f))
                .map(move |f| (table.clone(), f))
        })
        .collect();
    (listed, rows)
}

/// Reads a table file a batch at a time: the builder shaped by `configure` (its
/// projection, a row filter, and what the batches need to know of the file's
/// schema), every batch given to `each` until it returns `false`. A missing file is
/// no rows; a file that does not read is `parquet.unreadable`.
fn batches<C>(
    dir: &Path,
    file: &str,
    report: &mut Diagnostics,
    configure: impl FnOnce(Builder) -> (Builder, C),
    mut each: impl FnMut(&C, RecordBatch, &mut Diagnostics) -> bool,
) {
    let path = dir.join(file);
    if !path.exists() {
        return;
    }
    let unreadable = |report: &mut Diagnostics, e| report.push(super::unreadable(file, e));
    let built = File::open(&path)
        .map_err(super::ReadError::decoder)
        .and_then(super::open_table)
        .and_then(|(builder, budget)| {
            super::guarded(|| {
                let (builder, context) = configure(builder);
                builder
                    .with_batch_size(64 * 1024)
                    .build()
                    .map(|r| (r, budget, context))
                    .map_err(super::ReadError::decoder)
            })
        });
    let (mut reader, mut budget, context) = match built {
        Ok(r) => r,
        Err(e) => return unreadable(report, e),
    };
    while let Some(batch) = super::next_batch(&mut reader, &mut budget) {
        match batch {
            Ok(batch) => {
                if !each(&context, batch, report) {
                    return;
                }
            }
            Err(e) => return unreadable(report, e),
        }
    }
}

type Builder = ParquetRecordBatchReaderBuilder<File>;

fn scan_file(
    dir: &Path,
    file: &str,
    columns: &[&str],
    report: &mut Diagnostics,
    each: &mut impl FnMut(&[&StringViewArray], usize),
) {
    // Columns absent from the file are read as empty.
    let configure = |builder: Builder| {
        let found: Vec<Option<usize>> = columns
            .iter()
            .map(|c| builder.schema().fields().iter().position(|f| f.name() == c))
            .collect();
        let roots: Vec<usize> = found.iter().flatten().copied().collect();
        let mask = ProjectionMask::roots(builder.parquet_schema(), roots);
        (builder.with_projection(mask), found)
    };
    let mut row0 = 0u64;
    batches(dir, file, report, configure, |found, batch, report| {
        let empty = StringViewArray::new_null(batch.num_rows());
        let mut arrays: Vec<&StringViewArray> = Vec::with_capacity(columns.len());
        for (name, at) in columns.iter().zip(found) {
            let array = match at {
                None => Some(&empty),
                Some(_) => batch
                    .column_by_name(name)
                    .and_then(|a| a.as_string_view_opt()),
            };
            match array {
                Some(a) => arrays.push(a),
                None => {
                    let found = batch
                        .column_by_name(name)
                        .map(|a| a.data_type().to_string())
                        .unwrap_or_default();
                    report.push(
                        Diagnostic::of(
                            "parquet.column_type",
                            Severity::Error,
                            Location::Row {
                                file: file.to_owned(),
                                row: row0,
                                column: (*name).to_owned(),
                            },
                        )
                        .arg("found", found),
                    );
                    return false;
                }
            }
        }
        for i in 0..batch.num_rows() {
            each(&arrays, i);
        }
        row0 += batch.num_rows() as u64;
        true
    });
}

fn cell<'a>(arrays: &[&'a StringViewArray], k: usize, i: usize) -> Option<&'a str> {
    let a = arrays.get(k)?;
    (i < a.len() && a.is_valid(i)).then(|| a.value(i))
}

/// How many buckets the rows are put in for the joins, by their member's id.
const BUCKETS: usize = 256;

/// Rows put in buckets by the top bits of their member's id.
struct Buckets<T>(Vec<Vec<T>>);

impl<T> Buckets<T> {
    /// Buckets for about `rows` rows in all.
    fn new(rows: usize) -> Self {
        Self(
            (0..BUCKETS)
                .map(|_| Vec::with_capacity(rows / BUCKETS))
                .collect(),
        )
    }

    /// Puts a row in its member's bucket: the id's bits mixed, so that ids that
    /// differ only in their last digits spread over the buckets as random ones do.
    fn push(&mut self, member: u128, row: T) {
        let mixed = ((member as u64) ^ ((member >> 64) as u64)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        if let Some(b) = self.0.get_mut((mixed >> 56) as usize % BUCKETS) {
            b.push(row);
        }
    }
}

/// One bucket's members counted in their units: the last membership holding on the
/// day places a member, a member given twice counts once (the last row).
fn own_figures(
    members: &[(u128, bool)],
    stints: &[(u128, u32)],
    ldtt: &[u128],
    totals: &mut [[u64; 3]],
) -> u64 {
    let mut orphans = 0;
    let mut index: IdMap<u32> = hash::map_with_capacity(members.len());
    for (k, (id, _)) in members.iter().enumerate() {
        index.insert(*id, k as u32);
    }
    let mut unit_of: Vec<Option<u32>> = vec![None; members.len()];
    let mut holds: Vec<bool> = vec![false; members.len()];
    for (m, u) in stints {
        match index.get(m).and_then(|&k| unit_of.get_mut(k as usize)) {
            Some(slot) => *slot = Some(*u),
            None => orphans += 1,
        }
    }
    for m in ldtt {
        match index.get(m).and_then(|&k| holds.get_mut(k as usize)) {
            Some(slot) => *slot = true,
            None => orphans += 1,
        }
    }
    for (k, (id, woman)) in members.iter().enumerate() {
        // A member given twice: only the row the index kept counts.
        if index.get(id) != Some(&(k as u32)) {
            continue;
        }
        if let Some(t) = unit_of
            .get(k)
            .copied()
            .flatten()
            .and_then(|u| totals.get_mut(u as usize))
        {
            t[0] += 1;
            t[1] += u64::from(*woman);
            t[2] += u64::from(holds.get(k).copied().unwrap_or(false));
        }
    }
    orphans
}

/// Members, women and LĐTT titles for `period` of every unit, read straight from the
/// columns of a dataset directory ([`write_dataset`](super::write_dataset)) on
/// `day`: the memberships holding that day, the LĐTT conferrals of decisions for the
/// period not revoked by then. The hierarchy is the units table as established.
///
/// This is the analyst's quick path: values are not validated (a member or unit
/// named but not listed is skipped), and a directory with lineage events is
/// refused — [`read_model`](super::read_model) and
/// [`RollupRow::from_model`] give the validated figures, equal to these on a valid
/// dataset without lineage events.
///
/// # Errors
/// `parquet.unreadable` or `parquet.column_type` for a file that does not read,
/// `parquet.too_many_rows` for one that declares more rows than its bytes could hold
/// ([`MAX_ROWS_PER_BYTE`](super::MAX_ROWS_PER_BYTE)), `parquet.too_much_unpacked`
/// for one whose pages declare more bytes unpacked than a page may hold
/// ([`MAX_PAGE_UNPACKED`](super::MAX_PAGE_UNPACKED)) or than its bytes explain
/// ([`MAX_UNPACKED_PER_BYTE`](super::MAX_UNPACKED_PER_BYTE));
/// `parquet.lineage` for a directory with lineage events or a hierarchy whose
/// parents form a cycle.
pub fn rollup_figures(
    dir: &Path,
    day: NaiveDate,
    period: &Period,
) -> Result<Vec<RollupRow>, Diagnostics> {
    let quick = Refs::new(false);
    let (rows, orphans) = figures(dir, day, period, &quick)?;
    if orphans > 0 && quick.keys() {
        return figures(dir, day, period, &Refs::new(true)).map(|(rows, _)| rows);
    }
    Ok(rows)
}

/// The figures, with the references that found no row: a unit's parent, a
/// membership's member or unit, a conferral's member.
fn figures(
    dir: &Path,
    day: NaiveDate,
    period: &Period,
    refs: &Refs,
) -> Result<(Vec<RollupRow>, u64), Diagnostics> {
    let orphans = AtomicU64::new(0);
    let orphan = || {
        orphans.fetch_add(1, Ordering::Relaxed);
    };
    let mut report = Diagnostics::new();
    let (files, rows_of) = table_files(dir);
    if dir.join("unit_events.parquet").exists() {
        report.push(
            Diagnostic::of("parquet.lineage", Severity::Error, Location::Whole)
                .quoted("file", "unit_events.parquet"),
        );
        return Err(report);
    }
    let day_text = day.format("%Y-%m-%d").to_string();
    let day_text = day_text.as_str();
    let period_json = serde_json::to_value(period).unwrap_or_default();
    let (period_kind, period_value) = (
        period_json
            .get("kind")
            .and_then(|v| v.as_str())
            .unwrap_or_default(),
        period_json
            .get("value")
            .and_then(|v| v.as_str())
            .unwrap_or_default(),
    );

    // Units.
    let mut ids: Vec<UnitId> = Vec::new();
    let mut codes_of: Vec<String> = Vec::new();
    let mut kinds: Vec<Option<UnitKind>> = Vec::new();
    let mut parents: Vec<Option<u128>> = Vec::new();
    let mut unit_index: IdMap<u32> = IdMap::default();
    scan(
        dir,
        &files("units"),
        &["id", "code", "kind", "parent"],
        &mut report,
        |a, i| {
            let Some(text) = cell(a, 0, i) else {
                return;
            };
            let Some(id) = refs.unit(text) else {
                return;
            };
            // The unit's own id, for the rows given back.
            let unit = if looks_like_uuid(text) {
                UnitId::try_from_uuid(uuid::Uuid::from_u128(id)).ok()
            } else {
                UnitId::try_from_key(text).ok()
            };
            let Some(unit) = unit else {
                return;
            };
            unit_index.insert(id, ids.len() as u32);
            ids.push(unit);
            codes_of.push(cell(a, 1, i).unwrap_or_default().to_owned());
            kinds.push(cell(a, 2, i).and_then(|k| {
                serde_json::from_value(serde_json::Value::String(k.to_owned())).ok()
            }));
            parents.push(cell(a, 3, i).and_then(|p| refs.unit(p)));
        },
    );
    let parent: Vec<Option<u32>> = parents
        .iter()
        .map(|p| {
            let found = p.and_then(|p| unit_index.get(&p).copied());
            if p.is_some() && found.is_none() {
                orphan();
            }
            found
        })
        .collect();

    // Decisions for the period, not revoked by the day.
    let mut decision_ok: Vec<bool> = Vec::new();
    scan(
        dir,
        &files("decisions"),
        &["period.kind", "period.value", "revoked.date"],
        &mut report,
        |a, i| {
            let same = cell(a, 0, i) == Some(period_kind) && cell(a, 1, i) == Some(period_value);
            let revoked = cell(a, 2, i).is_some_and(|d| d <= day_text);
            decision_ok.push(same && !revoked);
        },
    );

    // Members, and on a second thread the memberships and the conferrals, each row
    // put in one of BUCKETS buckets by the top bits of its member's id, so that each
    // bucket's join is a hash table that stays in the processor's caches.
    let mut members: Buckets<(u128, bool)> = Buckets::new(rows_of("members"));
    let mut stints: Buckets<(u128, u32)> = Buckets::new(rows_of("memberships"));
    let mut ldtt: Buckets<u128> = Buckets::new(0);
    std::thread::scope(|s| {
        let side = s.spawn(|| {
            let mut side_report = Diagnostics::new();
            scan(
                dir,
                &files("memberships"),
                &["member", "unit", "joined", "left"],
                &mut side_report,
                |a, i| {
                    let holds = cell(a, 2, i).is_none_or(|j| j <= day_text)
                        && cell(a, 3, i).is_none_or(|l| day_text < l);
                    if !holds {
                        return;
                    }
                    let unit = cell(a, 1, i).and_then(|u| refs.unit(u));
                    let found = unit.and_then(|u| unit_index.get(&u));
                    if unit.is_some() && found.is_none() {
                        orphan();
                    }
                    if let (Some(m), Some(&u)) = (cell(a, 0, i).and_then(|m| refs.member(m)), found)
                    {
                        stints.push(m, (m, u));
                    }
                },
            );
            let mut ids = Vec::new();
            read_conferrals(dir, &decision_ok, refs, &mut ids, &mut side_report);
            for m in ids {
                ldtt.push(m, m);
            }
            side_report
        });
        scan(
            dir,
            &files("members"),
            &["id", "gender"],
            &mut report,
            |a, i| {
                if let Some(id) = cell(a, 0, i).and_then(|m| refs.member(m)) {
                    members.push(id, (id, cell(a, 1, i) == Some("female")));
                }
            },
        );
        match side.join() {
            Ok(side_report) => report.extend(side_report),
            Err(_) => report.push(super::unreadable(
                "memberships.parquet",
                super::ReadError::stopped(),
            )),
        }
    });
    if report.has_errors() {
        return Err(report);
    }

    // Own figures, bucket by bucket, half the buckets on each thread; then up the
    // hierarchy, deepest units first.
    let n = ids.len();
    let half = BUCKETS / 2;
    let own = |range: std::ops::Range<usize>| {
        let mut totals = vec![[0u64; 3]; n];
        for b in range {
            let lost = own_figures(
                members.0.get(b).map_or(&[][..], Vec::as_slice),
                stints.0.get(b).map_or(&[][..], Vec::as_slice),
                ldtt.0.get(b).map_or(&[][..], Vec::as_slice),
                &mut totals,
            );
            orphans.fetch_add(lost, Ordering::Relaxed);
        }
        totals
    };
    let mut totals = std::thread::scope(|s| {
        let other = s.spawn(|| own(half..BUCKETS));
        let mut totals = own(0..half);
        let other = other.join().unwrap_or_else(|_| own(half..BUCKETS));
        for (a, b) in totals.iter_mut().zip(other) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        totals
    });
    drop((members, stints, ldtt));
    let mut depth: Vec<Option<u32>> = vec![None; n];
    for start in 0..n {
        let mut path = Vec::new();
        let mut at = Some(start as u32);
        let mut base = 0;
        while let Some(u) = at {
            if let Some(Some(d)) = depth.get(u as usize) {
                base = *d + 1;
                break;
            }
            if path.len() > n {
                report.push(
                    Diagnostic::of("parquet.lineage", Severity::Error, Location::Whole)
                        .quoted("file", "units.parquet"),
                );
                return Err(report);
            }
            path.push(u);
            at = parent.get(u as usize).copied().flatten();
        }
        for (k, u) in path.iter().rev().enumerate() {
            if let Some(d) = depth.get_mut(*u as usize) {
                *d = Some(base + k as u32);
            }
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&u| std::cmp::Reverse(depth.get(u).copied().flatten().unwrap_or(0)));
    for u in order {
        let (Some(p), Some(t)) = (parent.get(u).copied().flatten(), totals.get(u).copied()) else {
            continue;
        };
        if let Some(pt) = totals.get_mut(p as usize) {
            for (a, b) in pt.iter_mut().zip(t) {
                *a += b;
            }
        }
    }
    let rows = (0..n)
        .filter_map(|u| {
            let t = totals.get(u)?;
            Some(RollupRow {
                unit: *ids.get(u)?,
                code: codes_of.get(u)?.clone(),
                parent: parent
                    .get(u)
                    .copied()
                    .flatten()
                    .and_then(|p| codes_of.get(p as usize).cloned()),
                level: kinds
                    .get(u)
                    .copied()
                    .flatten()
                    .map_or(0, |k| k.level().number()),
                members: t[0],
                women: t[1],
                ldtt: t[2],
                cstdcs: None,
                money_dong: None,
            })
        })
        .collect();
    Ok((rows, orphans.into_inner()))
}

/// The members holding LĐTT from the decisions kept.
fn read_conferrals(
    dir: &Path,
    keep: &[bool],
    refs: &Refs,
    out: &mut Vec<u128>,
    report: &mut Diagnostics,
) {
    let configure = |builder: Builder| {
        let names = ["decision_row", "title", "recipient.kind", "recipient.id"];
        let roots: Vec<usize> = names
            .iter()
            .filter_map(|c| builder.schema().fields().iter().position(|f| f.name() == c))
            .collect();
        let mask = ProjectionMask::roots(builder.parquet_schema(), roots);
        // Only the conferrals of the decisions kept are decoded past their decision's
        // row: the decision rows are read first, and the other columns of the rows
        // whose decision is not kept are skipped.
        let row_column = builder
            .schema()
            .fields()
            .iter()
            .position(|f| f.name() == "decision_row");
        let builder = match row_column {
            Some(k) => {
                let keep = keep.to_vec();
                let only_rows = ProjectionMask::roots(builder.parquet_schema(), [k]);
                let predicate = ArrowPredicateFn::new(only_rows, move |batch: RecordBatch| {
                    let kept = batch
                        .column(0)
                        .as_primitive_opt::<arrow_array::types::Int64Type>()
                        .map(|rows| {
                            rows.iter()
                                .map(|r| {
                                    Some(
                                        r.and_then(|r| usize::try_from(r).ok())
                                            .and_then(|r| keep.get(r).copied())
                                            .unwrap_or(false),
                                    )
                                })
                                .collect::<BooleanArray>()
                        });
                    kept.ok_or_else(|| {
                        arrow_schema::ArrowError::SchemaError(
                            "decision_row is not Int64".to_owned(),
                        )
                    })
                });
                builder.with_row_filter(RowFilter::new(vec![Box::new(predicate)]))
            }
            None => builder,
        };
        (builder.with_projection(mask), ())
    };
    batches(
        dir,
        "conferrals.parquet",
        report,
        configure,
        |_, batch, _| {
            let rows = batch
                .column_by_name("decision_row")
                .and_then(|a| a.as_primitive_opt::<arrow_array::types::Int64Type>());
            let text = |name: &str| {
                batch
                    .column_by_name(name)
                    .and_then(|a| a.as_string_view_opt())
            };
            let (Some(rows), Some(title), Some(kind), Some(id)) = (
                rows,
                text("title"),
                text("recipient.kind"),
                text("recipient.id"),
            ) else {
                return false;
            };
            for i in 0..batch.num_rows() {
                let kept = rows.is_valid(i)
                    && usize::try_from(rows.value(i))
                        .ok()
                        .and_then(|r| keep.get(r))
                        .copied()
                        .unwrap_or(false);
                if kept
                    && title.is_valid(i)
                    && title.value(i) == codes::LDTT
                    && kind.is_valid(i)
                    && kind.value(i) == "member"
                    && id.is_valid(i)
                    && let Some(m) = refs.member(id.value(i))
                {
                    out.push(m);
                }
            }
            true
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_that_differ_in_a_byte_or_a_length_hash_apart() {
        let seeds = (0x1234_5678_9abc_def1, 0x0fed_cba9_8765_4321);
        let mut keys: Vec<Vec<u8>> = Vec::new();
        for len in 0..=24 {
            let base: Vec<u8> = (0..len).map(|i| b'A' + (i % 26) as u8).collect();
            for at in 0..len {
                let mut k = base.clone();
                if let Some(b) = k.get_mut(at) {
                    *b ^= 1;
                }
                keys.push(k);
            }
            let mut zero = base.clone();
            zero.push(0);
            keys.push(zero);
            keys.push(base);
        }
        let mut hashes: Vec<u128> = keys.iter().map(|k| hash128(seeds, k)).collect();
        keys.sort();
        keys.dedup();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), keys.len());
    }

    #[test]
    fn ids_that_differ_in_their_last_digits_spread_over_the_buckets() {
        let mut b: Buckets<u128> = Buckets::new(0);
        for id in 1..=4096u128 {
            b.push(id, id);
        }
        let used = b.0.iter().filter(|v| !v.is_empty()).count();
        let fullest = b.0.iter().map(Vec::len).max().unwrap_or(0);
        assert!(used > 200, "{used} buckets used");
        assert!(fullest < 64, "{fullest} rows in one bucket");
    }
}
