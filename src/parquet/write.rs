//! Writing a dataset directory.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use ::parquet::arrow::ArrowWriter;
use ::parquet::basic::{Compression, ZstdLevel};
use ::parquet::file::properties::WriterProperties;
use serde::Serialize;
use serde_json::{Map, Value};

use super::table::{Batcher, Shape};
use super::{ChildSpec, FORMAT, MANIFEST, ParquetError, TABLES, TableSpec};
use crate::dataset::file::{Dataset, SCHEMA_VERSION};

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

/// The writer's settings: zstd, dictionaries where they pay, statistics per page.
pub(crate) fn properties() -> WriterProperties {
    let level = ZstdLevel::try_new(3).unwrap_or_default();
    WriterProperties::builder()
        .set_compression(Compression::ZSTD(level))
        .build()
}

/// Writes a dataset as a directory of Parquet files and a `manifest.json` (see the
/// [module docs](self)).
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
    let written = write_into(dataset, &temp);
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

fn write_into(dataset: &Dataset, dir: &Path) -> Result<WriteSummary, ParquetError> {
    let mut summary = WriteSummary::default();
    let mut tables = Vec::new();
    for spec in TABLES {
        let written = match spec.list {
            "units" => write_table(dir, spec, &dataset.units, plain)?,
            "events" => write_table(dir, spec, &dataset.events, plain)?,
            "members" => write_table(dir, spec, &dataset.members, plain)?,
            "memberships" => write_table(dir, spec, &dataset.memberships, plain)?,
            "facts" => write_table(dir, spec, &dataset.facts, plain)?,
            "decisions" => write_table(dir, spec, &dataset.decisions, plain)?,
            "beneficiaries" => write_table(dir, spec, &dataset.beneficiaries, |b| {
                serde_json::to_value(b.without_protected())
            })?,
            "sponsorships" => write_table(dir, spec, &dataset.sponsorships, plain)?,
            "support_records" => write_table(dir, spec, &dataset.support_records, plain)?,
            _ => Vec::new(),
        };
        for (table, file, rows) in written {
            summary.files.push((file.clone(), rows));
            tables.push(serde_json::json!({ "table": table, "files": [file], "rows": rows }));
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
    for entry in std::fs::read_dir(dir).map_err(|source| ParquetError::Io {
        path: dir.to_path_buf(),
        source,
    })? {
        let len = entry.and_then(|e| e.metadata()).map(|m| m.len());
        summary.bytes += len.unwrap_or(0);
    }
    Ok(summary)
}

fn plain<T: Serialize>(row: &T) -> serde_json::Result<Value> {
    serde_json::to_value(row)
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

/// Writes one list as a table (and its records' inner list as a second table);
/// returns each file written as `(table, file, rows)`. An empty list writes
/// nothing.
fn write_table<T>(
    dir: &Path,
    spec: &TableSpec,
    rows: &[T],
    to_value: impl Fn(&T) -> serde_json::Result<Value>,
) -> Result<Vec<(&'static str, String, u64)>, ParquetError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let file = format!("{}.parquet", spec.table);
    let child_field = spec.child.as_ref().map(|c| c.field);
    // First pass: the columns.
    let mut shape = Shape::default();
    let mut child_shape = Shape::default();
    let mut children = 0u64;
    for row in rows {
        let value = object(to_value(row).map_err(encode(&file))?);
        shape.see(&value, child_field);
        if let Some(field) = child_field
            && let Some(Value::Array(items)) = value.get(field)
        {
            for item in items {
                if let Value::Object(item) = item {
                    child_shape.see(item, None);
                }
                children += 1;
            }
        }
    }
    let mut out = vec![(spec.table, file.clone(), rows.len() as u64)];
    let child = match &spec.child {
        Some(c) if children > 0 => {
            out.push((c.table, format!("{}.parquet", c.table), children));
            Some((c, Batcher::new(child_shape.columns(), Some(c.parent))))
        }
        _ => None,
    };
    let batcher = Batcher::new(shape.columns(), None);
    // Second pass: the rows, a batch at a time.
    let path = dir.join(&file);
    let mut failure: Option<ParquetError> = None;
    let written = crate::write_atomically(&path, |w| {
        let result = match child {
            Some((c, child_batcher)) => {
                let child_file = format!("{}.parquet", c.table);
                let child_path = dir.join(&child_file);
                let mut inner_failure = None;
                let written = crate::write_atomically(&child_path, |cw| {
                    let r = fill(
                        rows,
                        &to_value,
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
                rows,
                &to_value,
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

fn fill<T, W, C>(
    rows: &[T],
    to_value: &impl Fn(&T) -> serde_json::Result<Value>,
    (file, w, mut batcher): Target<'_, W>,
    child: Option<(&ChildSpec, &str, C, Batcher)>,
) -> Result<(), ParquetError>
where
    W: std::io::Write + Send,
    C: std::io::Write + Send,
{
    let failed = |file: &str| {
        let file = file.to_owned();
        move |e: ::parquet::errors::ParquetError| ParquetError::Encode {
            file,
            source: Box::new(e),
        }
    };
    let arrow_failed = |file: &str| {
        let file = file.to_owned();
        move |e: arrow_schema::ArrowError| ParquetError::Encode {
            file,
            source: Box::new(e),
        }
    };
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
    for (i, row) in rows.iter().enumerate() {
        let value = object(to_value(row).map_err(encode(file))?);
        batcher.push(None, &value);
        if let Some((spec, child_file, cwriter, b)) = child.as_mut()
            && let Some(Value::Array(items)) = value.get(spec.field)
        {
            for item in items {
                match item {
                    Value::Object(o) => b.push(Some(i as i64), o),
                    other => b.push(Some(i as i64), &object(other.clone())),
                }
                if b.rows() >= BATCH_ROWS {
                    let batch = b.flush().map_err(arrow_failed(child_file))?;
                    cwriter.write(&batch).map_err(failed(child_file))?;
                }
            }
        }
        if batcher.rows() >= BATCH_ROWS {
            let batch = batcher.flush().map_err(arrow_failed(file))?;
            writer.write(&batch).map_err(failed(file))?;
        }
    }
    if batcher.rows() > 0 {
        let batch = batcher.flush().map_err(arrow_failed(file))?;
        writer.write(&batch).map_err(failed(file))?;
    }
    writer.close().map_err(failed(file))?;
    if let Some((_, child_file, mut cwriter, mut b)) = child {
        if b.rows() > 0 {
            let batch = b.flush().map_err(arrow_failed(child_file))?;
            cwriter.write(&batch).map_err(failed(child_file))?;
        }
        cwriter.close().map_err(failed(child_file))?;
    }
    Ok(())
}
