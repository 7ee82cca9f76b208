//! Writing a dataset directory.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use ::parquet::arrow::ArrowWriter;
use ::parquet::basic::{Compression, Encoding, ZstdLevel};
use ::parquet::file::properties::WriterProperties;
use ::parquet::schema::types::ColumnPath;
use serde::Serialize;
use serde_json::{Map, Value};

use super::stage::Stage;
use super::table::{Batcher, Column, Kind, Shape};
use super::{ChildSpec, FORMAT, MANIFEST, ParquetError, TABLES, TableSpec};
use crate::dataset::file::{Dataset, SCHEMA_VERSION};
use crate::dataset::keyed::IdKeys;
use crate::org::kind::Level;
use crate::value::id::{MemberId, UnitId};

/// Rows gathered before they are encoded as one batch.
const BATCH_ROWS: usize = 64 * 1024;

/// What [`write_dataset`] wrote: each file with its rows, and the bytes on disk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct WriteSummary {
    /// Each table file written (its path within the directory) and its rows.
    pub files: Vec<(String, u64)>,
    /// The bytes of every file written, the manifest included.
    pub bytes: u64,
}

/// The writer's settings: zstd, dictionaries where they pay, statistics per page;
/// the parent's row of an inner table's rows (rising, often by one or not at all)
/// as deltas.
pub(crate) fn properties() -> WriterProperties {
    let level = ZstdLevel::try_new(3).unwrap_or_default();
    let mut builder = WriterProperties::builder().set_compression(Compression::ZSTD(level));
    for child in TABLES.iter().filter_map(|t| t.child.as_ref()) {
        let column = ColumnPath::from(child.parent);
        builder = builder
            .set_column_dictionary_enabled(column.clone(), false)
            .set_column_encoding(column, Encoding::DELTA_BINARY_PACKED);
    }
    builder.build()
}

/// Writes a dataset as a directory of Parquet files and a `manifest.json` (see the
/// [module docs](crate::parquet)).
///
/// Protected details of beneficiaries are never written: the directory holds the
/// public tables only, and reads back as the dataset without them.
///
/// The directory is built beside `dir` under a temporary name, each file written
/// with [`write_atomically`](crate::write_atomically), and then put in place in one
/// rename: a reader sees the old dataset or the new one, never a mix. An existing
/// `dir` is replaced only when it is a dataset directory (it has a manifest) or
/// empty.
///
/// # Errors
/// [`ParquetError::Io`] when a file or directory cannot be written, or `dir` exists
/// and is not a dataset directory; [`ParquetError::Encode`] when records cannot be
/// encoded.
pub fn write_dataset(dataset: &Dataset, dir: &Path) -> Result<WriteSummary, ParquetError> {
    write_dataset_with(dataset, dir, false)
}

/// Writes a dataset as [`write_dataset`] does, with the tables of units, members,
/// memberships and facts partitioned by province, hive style: the rows of Hà Nội's
/// units and members in `province=HN/units.parquet`, `province=HN/members.parquet`
/// and so on, so that a tool reading hive partitions (DuckDB, DataFusion, Spark)
/// reads one province or all.
///
/// A unit's province is the provincial-level unit (level 2) it stands under as
/// established, or that unit itself; a member's is the province of the unit of their
/// first membership; a membership's is its unit's; a fact's is its member's. Rows
/// with no province (the units above level 2, a member with no membership) are in
/// the partition [`DEFAULT_PARTITION`]. Lineage events, decisions and their
/// conferrals, beneficiaries, sponsorships and support records stay one table each:
/// a decision confers on members of many provinces, and its conferrals name its row.
///
/// Within a table the rows come in the order of their first province, and in their
/// own order within each: a dataset whose rows are already grouped by province reads
/// back the same, another with the same rows grouped.
///
/// # Errors
/// As [`write_dataset`].
pub fn write_dataset_by_province(
    dataset: &Dataset,
    dir: &Path,
) -> Result<WriteSummary, ParquetError> {
    write_dataset_with(dataset, dir, true)
}

fn write_dataset_with(
    dataset: &Dataset,
    dir: &Path,
    by_province: bool,
) -> Result<WriteSummary, ParquetError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ParquetError::Io { path, source }
    };
    if dir.exists() {
        let is_dataset = dir.join(MANIFEST).is_file();
        let is_empty = std::fs::read_dir(dir).map_err(io(dir))?.next().is_none();
        if !is_dataset && !is_empty {
            return Err(ParquetError::Io {
                path: dir.to_path_buf(),
                source: std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    "a directory that is not a dataset directory is not replaced",
                ),
            });
        }
    }
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "dataset".to_owned());
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let temp = parent.join(format!(".{name}.{}.tmp", std::process::id()));
    if temp.exists() {
        std::fs::remove_dir_all(&temp).map_err(io(&temp))?;
    }
    std::fs::create_dir_all(&temp).map_err(io(&temp))?;
    let written = write_into(dataset, &temp, by_province);
    let summary = match written {
        Ok(s) => s,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&temp);
            return Err(e);
        }
    };
    // Into place: the old directory aside, the new one in, the old one removed.
    let old = parent.join(format!(".{name}.{}.old", std::process::id()));
    let had_old = dir.exists();
    if had_old {
        std::fs::rename(dir, &old).map_err(io(dir))?;
    }
    if let Err(source) = std::fs::rename(&temp, dir) {
        if had_old {
            let _ = std::fs::rename(&old, dir);
        }
        let _ = std::fs::remove_dir_all(&temp);
        return Err(ParquetError::Io {
            path: dir.to_path_buf(),
            source,
        });
    }
    if had_old {
        std::fs::remove_dir_all(&old).map_err(io(&old))?;
    }
    Ok(summary)
}

fn write_into(
    dataset: &Dataset,
    dir: &Path,
    by_province: bool,
) -> Result<WriteSummary, ParquetError> {
    let mut summary = WriteSummary::default();
    let mut tables = Vec::new();
    let provinces = by_province.then(|| Provinces::of(dataset));
    let keys = IdKeys::of(dataset);
    let keyed = Some(&keys);
    let none = ("", None);
    type Written = Vec<WrittenFile>;
    let write = |spec: &'static TableSpec| -> Result<Written, ParquetError> {
        Ok(match (spec.list, &provinces) {
            ("units", Some(p)) => write_parts(dir, spec, &dataset.units, keyed, |i, _| {
                p.unit.get(i).copied().unwrap_or(DEFAULT_PARTITION)
            })?,
            ("members", Some(p)) => write_parts(dir, spec, &dataset.members, keyed, |_, m| {
                p.of_member(m.id())
            })?,
            ("memberships", Some(p)) => {
                write_parts(dir, spec, &dataset.memberships, keyed, |_, m| {
                    p.of_unit(m.unit())
                })?
            }
            ("facts", Some(p)) => write_parts(dir, spec, &dataset.facts, keyed, |_, f| {
                p.of_member(f.member)
            })?,
            ("units", None) => write_table(dir, none, spec, &dataset.units, keyed)?,
            ("events", _) => write_table(dir, none, spec, &dataset.events, None)?,
            ("members", None) => write_table(dir, none, spec, &dataset.members, keyed)?,
            ("memberships", None) => write_table(dir, none, spec, &dataset.memberships, keyed)?,
            ("facts", None) => write_table(dir, none, spec, &dataset.facts, keyed)?,
            ("decisions", _) => write_table(dir, none, spec, &dataset.decisions, keyed)?,
            ("beneficiaries", _) => {
                let public: Vec<_> = dataset
                    .beneficiaries
                    .iter()
                    .map(crate::Beneficiary::without_protected)
                    .collect();
                write_table(dir, none, spec, &public, None)?
            }
            ("sponsorships", _) => write_table(dir, none, spec, &dataset.sponsorships, None)?,
            ("support_records", _) => write_table(dir, none, spec, &dataset.support_records, None)?,
            _ => Vec::new(),
        })
    };
    // The decisions with their conferrals on a second thread, every other table on
    // this one: the two halves are about the same work at national scale.
    let (side, here): (Vec<&'static TableSpec>, Vec<&'static TableSpec>) =
        TABLES.iter().partition(|t| t.list == "decisions");
    let write_all =
        |specs: &[&'static TableSpec]| -> Vec<(&'static str, Result<Written, ParquetError>)> {
            specs.iter().map(|s| (s.list, write(s))).collect()
        };
    let mut results = std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .spawn_scoped(scope, || write_all(&side))
            .ok();
        let mut results = write_all(&here);
        match handle.map(|h| h.join()) {
            Some(Ok(done)) => results.extend(done),
            // No second thread (or it stopped): write them here.
            _ => results.extend(write_all(&side)),
        }
        results
    });
    for spec in TABLES {
        let Some(at) = results.iter().position(|(list, _)| *list == spec.list) else {
            continue;
        };
        let written = results.swap_remove(at).1?;
        for (table, file, rows, json) in written {
            summary.files.push((file.clone(), rows));
            let mut entry = Map::new();
            entry.insert("table".to_owned(), table.into());
            entry.insert("files".to_owned(), vec![file].into());
            entry.insert("rows".to_owned(), rows.into());
            if !json.is_empty() {
                entry.insert("json".to_owned(), json.into());
            }
            tables.push(Value::Object(entry));
        }
    }
    let rest = Dataset {
        schema_version: SCHEMA_VERSION,
        meta: dataset.meta.clone(),
        titles: dataset.titles.clone(),
        partners: dataset.partners.clone(),
        workforce: dataset.workforce.clone(),
        collective_facts: dataset.collective_facts.clone(),
        overrides: dataset.overrides.clone(),
        stated: dataset.stated.clone(),
        stated_awards: dataset.stated_awards.clone(),
        campaigns: dataset.campaigns.clone(),
        launches: dataset.launches.clone(),
        registrations: dataset.registrations.clone(),
        contests: dataset.contests.clone(),
        initiatives: dataset.initiatives.clone(),
        initiative_reports: dataset.initiative_reports.clone(),
        student_results: dataset.student_results.clone(),
        twinnings: dataset.twinnings.clone(),
        ..Dataset::default()
    };
    let manifest = serde_json::json!({
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "tables": tables,
        "dataset": rest,
    });
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| ParquetError::Encode {
        file: MANIFEST.to_owned(),
        source: Box::new(e),
    })?;
    let path = dir.join(MANIFEST);
    crate::write_atomically(&path, |w| w.write_all(text.as_bytes()))
        .map_err(|source| ParquetError::Io { path, source })?;
    summary.bytes = bytes_under(dir).map_err(|source| ParquetError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    Ok(summary)
}

/// The bytes of the files in a directory and its subdirectories.
fn bytes_under(dir: &Path) -> std::io::Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        total += if meta.is_dir() {
            bytes_under(&entry.path())?
        } else {
            meta.len()
        };
    }
    Ok(total)
}

/// The name of the partition of rows that are in no province: the units above level
/// 2 and members with no membership (the name hive-style readers take for null).
pub const DEFAULT_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";

/// The province of each unit as established, and of each member.
struct Provinces<'a> {
    /// The province code of each unit, by its index in the dataset.
    unit: Vec<&'a str>,
    by_unit: HashMap<UnitId, &'a str>,
    by_member: HashMap<MemberId, &'a str>,
}

impl<'a> Provinces<'a> {
    fn of(dataset: &'a Dataset) -> Self {
        let index: HashMap<UnitId, usize> = dataset
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id(), i))
            .collect();
        let units = &dataset.units;
        let mut unit: Vec<Option<&'a str>> = vec![None; units.len()];
        for start in 0..units.len() {
            // Up the parents to the provincial level; a walk longer than the units
            // (a cycle, reported when the dataset is read) ends with no province.
            let mut path = Vec::new();
            let mut at = units.get(start).map(|u| (start, u));
            let mut found = DEFAULT_PARTITION;
            while let Some((i, u)) = at {
                if let Some(known) = unit.get(i).copied().flatten() {
                    found = known;
                    break;
                }
                match u.kind().level() {
                    Level::Provincial => {
                        found = u.code().as_str();
                        break;
                    }
                    Level::National => break,
                    _ if path.len() > units.len() => break,
                    _ => {}
                }
                path.push(i);
                at = u
                    .parent()
                    .and_then(|p| index.get(&p).copied())
                    .and_then(|j| units.get(j).map(|u| (j, u)));
            }
            path.push(start);
            for i in path {
                let own = units
                    .get(i)
                    .filter(|u| u.kind().level() == Level::Provincial)
                    .map(|u| u.code().as_str());
                if let Some(slot) = unit.get_mut(i)
                    && slot.is_none()
                {
                    *slot = Some(own.unwrap_or(found));
                }
            }
        }
        let unit: Vec<&'a str> = unit
            .into_iter()
            .map(|p| p.unwrap_or(DEFAULT_PARTITION))
            .collect();
        let by_unit: HashMap<UnitId, &'a str> = dataset
            .units
            .iter()
            .zip(&unit)
            .map(|(u, p)| (u.id(), *p))
            .collect();
        let mut by_member = HashMap::new();
        for m in &dataset.memberships {
            by_member
                .entry(m.member())
                .or_insert_with(|| by_unit.get(&m.unit()).copied().unwrap_or(DEFAULT_PARTITION));
        }
        Self {
            unit,
            by_unit,
            by_member,
        }
    }

    fn of_unit(&self, unit: UnitId) -> &'a str {
        self.by_unit
            .get(&unit)
            .copied()
            .unwrap_or(DEFAULT_PARTITION)
    }

    fn of_member(&self, member: MemberId) -> &'a str {
        self.by_member
            .get(&member)
            .copied()
            .unwrap_or(DEFAULT_PARTITION)
    }
}

/// Writes one list partitioned: the rows of each province under `province=CODE/`,
/// the provinces in the order of their first row.
fn write_parts<'a, T: Serialize>(
    dir: &Path,
    spec: &TableSpec,
    rows: &[T],
    keys: Option<&IdKeys<'_>>,
    province: impl Fn(usize, &T) -> &'a str,
) -> Result<Vec<WrittenFile>, ParquetError> {
    let mut order: Vec<&'a str> = Vec::new();
    let mut groups: HashMap<&'a str, Vec<&T>> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        let p = province(i, row);
        groups
            .entry(p)
            .or_insert_with(|| {
                order.push(p);
                Vec::new()
            })
            .push(row);
    }
    // One set of columns for every partition, so that readers of hive partitions
    // see one schema: a column that only some provinces fill is in every file.
    let mut shape = Shape::default();
    for row in rows {
        shape.see_row(row, None).map_err(encode(spec.table))?;
    }
    let mut out = Vec::new();
    for p in order {
        let part = format!("province={p}");
        let path = dir.join(&part);
        std::fs::create_dir_all(&path).map_err(|source| ParquetError::Io { path, source })?;
        let rows = groups.remove(p).unwrap_or_default();
        out.extend(write_table(
            dir,
            (&format!("{part}/"), Some(&shape)),
            spec,
            &rows,
            keys,
        )?);
    }
    Ok(out)
}

fn encode(file: &str) -> impl Fn(serde_json::Error) -> ParquetError + '_ {
    move |e| ParquetError::Encode {
        file: file.to_owned(),
        source: Box::new(e),
    }
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => Map::from_iter([("value".to_owned(), other)]),
    }
}

/// A table file written: its table, its path within the directory, its rows and its
/// columns of JSON text.
type WrittenFile = (&'static str, String, u64, Vec<String>);

/// The names of the columns of JSON text among `columns`.
fn json_columns(columns: &[Column]) -> Vec<String> {
    columns
        .iter()
        .filter(|c| c.kind == Kind::Json)
        .map(|c| c.name.clone())
        .collect()
}

/// Writes one list as a table (and its records' inner list as a second table);
/// returns each file written. An empty list writes nothing.
fn write_table<T: Serialize>(
    dir: &Path,
    (prefix, columns): (&str, Option<&Shape>),
    spec: &TableSpec,
    rows: &[T],
    keys: Option<&IdKeys<'_>>,
) -> Result<Vec<WrittenFile>, ParquetError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let file = format!("{prefix}{}.parquet", spec.table);
    let child_field = spec.child.as_ref().map(|c| c.field);
    // First pass: the columns (already known for a partition of a table without an
    // inner table).
    let mut shape = Shape::default();
    let mut child_shape = Shape::default();
    let mut children = 0u64;
    let first_pass = if columns.is_some() && child_field.is_none() {
        &[]
    } else {
        rows
    };
    // A row's ids written as keys are text as their UUIDs are, so the row's own
    // serialised form has the columns of its written form.
    for row in first_pass {
        let child = child_field.map(|f| (f, &mut child_shape, &mut children));
        shape.see_row(row, child).map_err(encode(&file))?;
    }
    // The partitions of a table share the columns of the whole table.
    let own = columns.unwrap_or(&shape).columns();
    let mut out = vec![(
        spec.table,
        file.clone(),
        rows.len() as u64,
        json_columns(&own),
    )];
    let child = match &spec.child {
        Some(c) if children > 0 => {
            let inner = child_shape.columns();
            out.push((
                c.table,
                format!("{prefix}{}.parquet", c.table),
                children,
                json_columns(&inner),
            ));
            Some((c, Batcher::new(inner, Some(c.parent))))
        }
        _ => None,
    };
    let batcher = Batcher::new(own, None);
    // Second pass: the rows, a batch at a time.
    let path = dir.join(&file);
    let mut failure: Option<ParquetError> = None;
    let written = crate::write_atomically(&path, |w| {
        let result = match child {
            Some((c, child_batcher)) => {
                let child_file = format!("{prefix}{}.parquet", c.table);
                let child_path = dir.join(&child_file);
                let mut inner_failure = None;
                let written = crate::write_atomically(&child_path, |cw| {
                    let r = fill(
                        (rows, spec.table, keys),
                        (&file, w, batcher),
                        Some((c, &child_file, cw, child_batcher)),
                    );
                    r.map_err(|e| {
                        inner_failure = Some(e);
                        std::io::Error::other("encoding failed")
                    })
                });
                match (written, inner_failure) {
                    (_, Some(e)) => Err(e),
                    (Err(source), None) => Err(ParquetError::Io {
                        path: child_path,
                        source,
                    }),
                    (Ok(()), None) => Ok(()),
                }
            }
            None => fill(
                (rows, spec.table, keys),
                (&file, w, batcher),
                None::<(&ChildSpec, &str, &mut Vec<u8>, Batcher)>,
            ),
        };
        result.map_err(|e| {
            failure = Some(e);
            std::io::Error::other("encoding failed")
        })
    });
    match (written, failure) {
        (_, Some(e)) => Err(e),
        (Err(source), None) => Err(ParquetError::Io { path, source }),
        (Ok(()), None) => Ok(out),
    }
}

type Target<'a, W> = (&'a str, W, Batcher);

/// A list's rows, its table's name, and the keys its ids are written as.
type Source<'a, 'k, T> = (&'a [T], &'static str, Option<&'a IdKeys<'k>>);

fn fill<T: Serialize, W, C>(
    (rows, table, keys): Source<'_, '_, T>,
    (file, w, mut batcher): Target<'_, W>,
    child: Option<(&ChildSpec, &str, C, Batcher)>,
) -> Result<(), ParquetError>
where
    W: std::io::Write + Send,
    C: std::io::Write + Send,
{
    let mut writer =
        ArrowWriter::try_new(w, batcher.schema(), Some(properties())).map_err(failed(file))?;
    let mut child = match child {
        Some((spec, child_file, cw, b)) => {
            let cwriter = ArrowWriter::try_new(cw, b.schema(), Some(properties()))
                .map_err(failed(child_file))?;
            Some((spec, child_file, cwriter, b))
        }
        None => None,
    };
    // Rows are staged straight from their serialised form where the table's columns
    // allow it (for a table with an inner list, both tables' columns).
    let mut stages = match (Stage::new(batcher.columns(), table), &child) {
        (Some(own), None) => Some((own, None)),
        (Some(own), Some((spec, _, _, b))) => {
            Stage::new(b.columns(), spec.table).map(|inner| (own, Some((spec.field, inner))))
        }
        (None, _) => None,
    };
    for (i, row) in rows.iter().enumerate() {
        let staged = stages.as_mut().is_some_and(|(own, inner)| {
            own.clear();
            let inner = inner.as_mut().map(|(field, stage)| {
                stage.clear();
                (*field, stage)
            });
            own.stage(row, inner).is_ok()
        });
        match (staged, stages.as_mut()) {
            (true, Some((own, inner))) => {
                if let Some(keys) = keys {
                    own.apply(keys);
                }
                let (cells, text) = own.row(0);
                batcher.push_staged(None, cells, text);
                if let (Some((_, child_file, cwriter, b)), Some((_, inner))) =
                    (child.as_mut(), inner.as_mut())
                {
                    if let Some(keys) = keys {
                        inner.apply(keys);
                    }
                    for k in 0..inner.rows() {
                        let (cells, text) = inner.row(k);
                        b.push_staged(Some(i as i64), cells, text);
                        write_full(b, cwriter, child_file, BATCH_ROWS)?;
                    }
                }
            }
            _ => {
                let mut value = object(serde_json::to_value(row).map_err(encode(file))?);
                if let Some(keys) = keys {
                    keys.apply(table, &mut value);
                }
                batcher.push(None, &value);
                if let Some((spec, child_file, cwriter, b)) = child.as_mut()
                    && let Some(Value::Array(items)) = value.get(spec.field)
                {
                    for item in items {
                        match item {
                            Value::Object(o) => b.push(Some(i as i64), o),
                            other => b.push(Some(i as i64), &object(other.clone())),
                        }
                        write_full(b, cwriter, child_file, BATCH_ROWS)?;
                    }
                }
            }
        }
        write_full(&mut batcher, &mut writer, file, BATCH_ROWS)?;
    }
    write_full(&mut batcher, &mut writer, file, 1)?;
    writer.close().map_err(failed(file))?;
    if let Some((_, child_file, mut cwriter, mut b)) = child {
        write_full(&mut b, &mut cwriter, child_file, 1)?;
        cwriter.close().map_err(failed(child_file))?;
    }
    Ok(())
}

/// The error of encoding `file`.
fn failed<E: std::error::Error + Send + Sync + 'static>(file: &str) -> impl Fn(E) -> ParquetError {
    let file = file.to_owned();
    move |e| ParquetError::Encode {
        file: file.clone(),
        source: Box::new(e),
    }
}

/// Writes the rows gathered as a batch once there are at least `rows` of them.
fn write_full<W: std::io::Write + Send>(
    batcher: &mut Batcher,
    writer: &mut ArrowWriter<W>,
    file: &str,
    rows: usize,
) -> Result<(), ParquetError> {
    if batcher.rows() >= rows {
        let batch = batcher.flush().map_err(failed(file))?;
        writer.write(&batch).map_err(failed(file))?;
    }
    Ok(())
}
