//! Reading a dataset directory: each row (with its inner rows) read straight from
//! its columns by the dataset file's own deserialisers; a row that does not read is
//! read again through the JSON object it was written from, to find where its problem
//! is; every problem told as the file, row and column it comes from.

use std::collections::{HashSet, VecDeque};
use std::fs::File;
use std::path::{Component, Path};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::{Scope, ScopedJoinHandle};

use ::parquet::arrow::arrow_reader::ParquetRecordBatchReader;
use arrow_array::RecordBatch;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::de::{Children, Entry, RowDe};
use super::table::{Cells, JSON_KEY, cells};
use super::{FORMAT, MANIFEST, TABLES, TableSpec};
use crate::dataset::file::{Dataset, Model, SCHEMA_VERSION, read_one};
use crate::diagnostic::{DataPath, Diagnostic, Diagnostics, Location, PathSegment, Severity};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    format: String,
    schema_version: u32,
    #[serde(default)]
    tables: Vec<TableEntry>,
    #[serde(default)]
    dataset: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableEntry {
    table: String,
    files: Vec<String>,
    #[serde(default)]
    rows: Option<u64>,
    /// The columns of JSON text (also marked in each file's schema, which a tool
    /// that rewrites the files may drop).
    #[serde(default)]
    json: Vec<String>,
}

/// Where the rows of one list came from.
#[derive(Debug, Default)]
struct FilesRead {
    /// Each file and the list index of its first row.
    files: Vec<(String, u64)>,
    /// The columns seen.
    columns: HashSet<String>,
}

impl FilesRead {
    /// The file and row of the `index`-th row.
    fn at(&self, index: u64) -> Option<(&str, u64)> {
        let k = self.files.partition_point(|(_, start)| *start <= index);
        let (file, start) = self.files.get(k.checked_sub(1)?)?;
        Some((file.as_str(), index - start))
    }

    /// The column a path below a row names: `a.b` when the file has it, else `a`.
    fn column(&self, rest: &[PathSegment]) -> String {
        let key = |s: Option<&PathSegment>| match s {
            Some(PathSegment::Key(k)) => Some(k.clone()),
            _ => None,
        };
        match (key(rest.first()), key(rest.get(1))) {
            (Some(a), Some(b)) if self.columns.contains(&format!("{a}.{b}")) => {
                format!("{a}.{b}")
            }
            (Some(a), _) => a,
            _ => String::new(),
        }
    }
}

/// Where the rows of one table (and its inner table) came from.
#[derive(Debug)]
struct TableRead {
    list: &'static str,
    rows: FilesRead,
    child: Option<(&'static str, FilesRead, Vec<u64>)>,
}

/// Where every row of a dataset directory came from, to tell problems by file, row
/// and column.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    tables: Vec<TableRead>,
}

impl Layout {
    /// The file, row and column of a path into the dataset, when it is in a table.
    fn locate(&self, location: &Location) -> Option<Location> {
        let Location::Path(path) = location else {
            return None;
        };
        let segments = path.segments();
        let (Some(PathSegment::Key(list)), Some(PathSegment::Index(i))) =
            (segments.first(), segments.get(1))
        else {
            return None;
        };
        let rest = segments.get(2..).unwrap_or_default();
        let table = self.tables.iter().find(|t| t.list == list)?;
        if let Some((field, child, starts)) = &table.child
            && let (Some(PathSegment::Key(f)), Some(PathSegment::Index(j))) =
                (rest.first(), rest.get(1))
            && f == field
        {
            let start = starts.get(*i)?;
            let (file, row) = child.at(start + *j as u64)?;
            return Some(Location::Row {
                file: file.to_owned(),
                row,
                column: child.column(rest.get(2..).unwrap_or_default()),
            });
        }
        let (file, row) = table.rows.at(*i as u64)?;
        Some(Location::Row {
            file: file.to_owned(),
            row,
            column: table.rows.column(rest),
        })
    }

    /// The report with every path into a table told as its file, row and column.
    pub(crate) fn relocate(&self, report: Diagnostics) -> Diagnostics {
        report.relocated(|l| self.locate(l))
    }
}

/// Reads a dataset directory written by [`write_dataset`](super::write_dataset) (or
/// by any tool that keeps its files and columns): each row is read as the dataset
/// file's record, so that every value is checked as in a JSON file.
///
/// This checks each value; the relations between them are checked by
/// [`Dataset::validate`] or [`read_model`].
///
/// The rows are read on as many threads as the machine has cores (at most four)
/// while each table's files are decoded; the rows keep their order, and the problems
/// are told in the order a reader of one row after another finds them, whatever the
/// number of threads.
///
/// # Errors
/// Every problem found, each at the file, row and column it comes from
/// ([`Location::Row`]): `parquet.manifest` for a missing or unreadable manifest,
/// `parquet.missing_file` for a table file that cannot be opened,
/// `parquet.unreadable` for one that is not Parquet or is damaged,
/// `parquet.too_many_rows` for one that declares more rows than its bytes could hold
/// ([`MAX_ROWS_PER_BYTE`](super::MAX_ROWS_PER_BYTE)), `parquet.too_much_unpacked`
/// for one whose pages declare more bytes unpacked than a page may hold
/// ([`MAX_PAGE_UNPACKED`](super::MAX_PAGE_UNPACKED)) or than its bytes explain
/// ([`MAX_UNPACKED_PER_BYTE`](super::MAX_UNPACKED_PER_BYTE)),
/// `parquet.column_type` for a column of an unexpected type, `parquet.invalid_json`
/// for a cell of JSON text that does not read, `parquet.orphan_row` for an inner
/// row whose parent row is not there, and the dataset file's own codes
/// (`file.invalid_value` …) for values that do not read.
pub fn read_dataset(dir: &Path) -> Result<Dataset, Diagnostics> {
    let (read, layout) = read_with_layout(dir);
    read.map_err(|d| layout.relocate(d))
}

/// Reads a dataset directory and validates it (see [`read_dataset`] and
/// [`Dataset::into_model`]): the model ready for snapshots, rules and roll-ups.
///
/// # Errors
/// Every problem found, reading or validating, each at the file, row and column it
/// comes from when it is in a table.
pub fn read_model(dir: &Path) -> Result<Model, Diagnostics> {
    let (read, layout) = read_with_layout(dir);
    let dataset = read.map_err(|d| layout.relocate(d))?;
    match dataset.into_model() {
        Ok(mut model) => {
            model.warnings = layout.relocate(std::mem::take(&mut model.warnings));
            Ok(model)
        }
        Err(d) => Err(layout.relocate(d)),
    }
}

/// A file name from a manifest: a relative path that stays inside the directory.
pub(crate) fn is_inside(name: &str) -> bool {
    let path = Path::new(name);
    !name.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

pub(crate) fn read_with_layout(dir: &Path) -> (Result<Dataset, Diagnostics>, Layout) {
    read_at_pace(dir, Pace::of_machine())
}

fn read_at_pace(dir: &Path, pace: Pace) -> (Result<Dataset, Diagnostics>, Layout) {
    let mut layout = Layout::default();
    let mut report = Diagnostics::new();
    let manifest_path = dir.join(MANIFEST);
    let manifest = std::fs::read_to_string(&manifest_path)
        .map_err(|e| e.to_string())
        .and_then(|text| serde_json::from_str::<Manifest>(&text).map_err(|e| e.to_string()));
    let manifest = match manifest {
        Ok(m) if m.format == FORMAT => m,
        Ok(m) => {
            report.push(
                Diagnostic::of("parquet.manifest", Severity::Error, Location::Whole)
                    .quoted("file", MANIFEST)
                    .arg("error", format!("unknown format {:?}", m.format)),
            );
            return (Err(report), layout);
        }
        Err(error) => {
            report.push(
                Diagnostic::of("parquet.manifest", Severity::Error, Location::Whole)
                    .quoted("file", MANIFEST)
                    .arg("error", error),
            );
            return (Err(report), layout);
        }
    };
    if manifest.schema_version != SCHEMA_VERSION {
        report.push(
            Diagnostic::of(
                "file.version",
                Severity::Error,
                DataPath::root().key("schema_version"),
            )
            .words(
                "problem",
                format!(
                    "bảng dữ liệu theo phiên bản {} không được hỗ trợ (phiên bản hiện tại: {SCHEMA_VERSION})",
                    manifest.schema_version
                ),
                format!(
                    "tables of schema version {} are not supported (current: {SCHEMA_VERSION})",
                    manifest.schema_version
                ),
            ),
        );
        return (Err(report), layout);
    }
    let rest = manifest
        .dataset
        .unwrap_or_else(|| serde_json::json!({ "schema_version": SCHEMA_VERSION }));
    let mut dataset = match Dataset::from_value(rest) {
        Ok(d) => d,
        Err(d) => {
            report.extend(d);
            Dataset::default()
        }
    };
    let known: HashSet<&str> = TABLES
        .iter()
        .flat_map(|t| std::iter::once(t.table).chain(t.child.as_ref().map(|c| c.table)))
        .collect();
    for entry in &manifest.tables {
        if !known.contains(entry.table.as_str()) {
            report.push(
                Diagnostic::of("parquet.unknown_table", Severity::Error, Location::Whole)
                    .quoted("file", MANIFEST)
                    .quoted("table", entry.table.as_str()),
            );
        }
        for f in &entry.files {
            if !is_inside(f) {
                report.push(
                    Diagnostic::of("parquet.missing_file", Severity::Error, Location::Whole)
                        .quoted("file", f)
                        .words(
                            "error",
                            "đường dẫn ra ngoài thư mục dữ liệu",
                            "the path leaves the dataset directory",
                        ),
                );
            }
        }
    }
    let files_of = |table: &str| -> Vec<(String, Option<u64>)> {
        manifest
            .tables
            .iter()
            .filter(|e| e.table == table)
            .flat_map(|e| {
                let rows = (e.files.len() == 1).then_some(e.rows).flatten();
                e.files
                    .iter()
                    .filter(|f| is_inside(f))
                    .map(move |f| (f.clone(), rows))
            })
            .collect()
    };
    let json_of = |spec: &TableSpec| {
        let of = |table: &str| -> Vec<String> {
            let mut names: Vec<String> = manifest
                .tables
                .iter()
                .filter(|e| e.table == table)
                .flat_map(|e| e.json.iter().cloned())
                .collect();
            names.sort_unstable();
            names.dedup();
            names
        };
        let child = spec.child.as_ref().map(|c| of(c.table)).unwrap_or_default();
        (of(spec.table), child)
    };
    let inputs = |spec: &TableSpec| {
        let files = files_of(spec.table);
        let child_files = spec
            .child
            .as_ref()
            .map(|c| files_of(c.table))
            .unwrap_or_default();
        (files, child_files)
    };
    // The decisions with their conferrals are decoded on a second thread, every other
    // table on this one; on each, the rows are read from their columns by reading
    // threads (see `Reading::table`), so the cores share the work however the tables
    // weigh.
    let (decisions_spec, others): (Vec<&'static TableSpec>, Vec<&'static TableSpec>) =
        TABLES.iter().partition(|t| t.list == "decisions");
    let side = |specs: Vec<&'static TableSpec>| {
        let mut report = Diagnostics::new();
        let mut reads = Vec::new();
        let mut decisions = Vec::new();
        for spec in specs {
            let (files, child_files) = inputs(spec);
            if files.is_empty() && child_files.is_empty() {
                continue;
            }
            let mut ctx = Reading {
                dir,
                spec,
                json: json_of(spec),
                report: &mut report,
                pace,
            };
            reads.push(ctx.table(&files, &child_files, &mut decisions));
        }
        (report, reads, decisions)
    };
    let mut decisions = Vec::new();
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .spawn_scoped(scope, || side(decisions_spec.clone()))
            .ok();
        for spec in others {
            let (files, child_files) = inputs(spec);
            if files.is_empty() && child_files.is_empty() {
                continue;
            }
            let mut ctx = Reading {
                dir,
                spec,
                json: json_of(spec),
                report: &mut report,
                pace,
            };
            let read = match spec.list {
                "units" => ctx.table(&files, &child_files, &mut dataset.units),
                "events" => ctx.table(&files, &child_files, &mut dataset.events),
                "members" => ctx.table(&files, &child_files, &mut dataset.members),
                "memberships" => ctx.table(&files, &child_files, &mut dataset.memberships),
                "facts" => ctx.table(&files, &child_files, &mut dataset.facts),
                "beneficiaries" => ctx.table(&files, &child_files, &mut dataset.beneficiaries),
                "sponsorships" => ctx.table(&files, &child_files, &mut dataset.sponsorships),
                "support_records" => ctx.table(&files, &child_files, &mut dataset.support_records),
                _ => continue,
            };
            layout.tables.push(read);
        }
        let (side_report, reads, read) = match handle.map(|h| h.join()) {
            Some(Ok(done)) => done,
            // No second thread (or it stopped): read them here.
            _ => side(decisions_spec.clone()),
        };
        report.extend(side_report);
        layout.tables.extend(reads);
        decisions = read;
    });
    if dataset.decisions.is_empty() {
        dataset.decisions = decisions;
    } else {
        dataset.decisions.extend(decisions);
    }
    if report.has_errors() {
        (Err(report), layout)
    } else {
        (Ok(dataset), layout)
    }
}

/// The rows of a list of files, a batch at a time.
struct Rows<'a> {
    dir: &'a Path,
    files: &'a [(String, Option<u64>)],
    parent_column: Option<&'static str>,
    /// The columns of JSON text the manifest names.
    json: &'a [String],
    next_file: usize,
    /// The file being read: its place in `files`, its reader, the text its rows may
    /// still name, its next row and its columns.
    reader: Option<(
        usize,
        ParquetRecordBatchReader,
        super::TextBudget,
        u64,
        Vec<Column>,
    )>,
    seen: FilesRead,
    total: u64,
    /// The rows decoded at a time.
    batch_rows: usize,
}

/// A column of a file: its name split into the field and the field of a nested
/// object, and whether it holds JSON text; `None` for a column not read.
type Column = Option<ColumnName>;

/// A column's field, the field of a nested object, and whether it holds JSON text.
type ColumnName = (String, Option<String>, bool);

impl<'a> Rows<'a> {
    fn new(
        dir: &'a Path,
        files: &'a [(String, Option<u64>)],
        parent_column: Option<&'static str>,
        json: &'a [String],
        batch_rows: usize,
    ) -> Self {
        Self {
            dir,
            files,
            parent_column,
            json,
            next_file: 0,
            reader: None,
            seen: FilesRead::default(),
            total: 0,
            batch_rows,
        }
    }

    fn open(&mut self, k: usize, report: &mut Diagnostics) -> bool {
        let Some((name, rows)) = self.files.get(k) else {
            return false;
        };
        let file = match File::open(self.dir.join(name)) {
            Ok(f) => f,
            Err(e) => {
                report.push(
                    Diagnostic::of("parquet.missing_file", Severity::Error, Location::Whole)
                        .quoted("file", name)
                        .arg("error", e),
                );
                return false;
            }
        };
        let (builder, budget) = match super::open_table(file) {
            Ok(b) => b,
            Err(e) => {
                report.push(super::unreadable(name, e));
                return false;
            }
        };
        let found = u64::try_from(builder.metadata().file_metadata().num_rows()).unwrap_or(0);
        if let Some(expected) = rows
            && *expected != found
        {
            report.push(
                Diagnostic::of("parquet.row_count", Severity::Error, Location::Whole)
                    .quoted("file", name)
                    .num("found", found)
                    .num("expected", *expected),
            );
        }
        let mut columns = Vec::new();
        for field in builder.schema().fields() {
            let name_of = field.name();
            self.seen.columns.insert(name_of.clone());
            let json = field.metadata().get(JSON_KEY).is_some_and(|v| v == "true")
                || self.json.iter().any(|c| c == name_of);
            if Some(name_of.as_str()) == self.parent_column {
                columns.push(None);
                continue;
            }
            // The type is checked on an empty array of it.
            let empty = arrow_array::new_empty_array(field.data_type());
            if let Err(found) = cells(empty.as_ref(), json) {
                report.push(
                    Diagnostic::of(
                        "parquet.column_type",
                        Severity::Error,
                        Location::Row {
                            file: name.clone(),
                            row: 0,
                            column: name_of.clone(),
                        },
                    )
                    .arg("found", found),
                );
                columns.push(None);
                continue;
            }
            let (top, sub) = match name_of.split_once('.') {
                Some((a, b)) => (a.to_owned(), Some(b.to_owned())),
                None => (name_of.clone(), None),
            };
            columns.push(Some((top, sub, json)));
        }
        if let Some(parent) = self.parent_column
            && !self.seen.columns.contains(parent)
        {
            report.push(
                Diagnostic::of(
                    "parquet.orphan_row",
                    Severity::Error,
                    Location::Row {
                        file: name.clone(),
                        row: 0,
                        column: parent.to_owned(),
                    },
                )
                .variant("no_column"),
            );
            return false;
        }
        let reader = match super::guarded(|| {
            builder
                .with_batch_size(self.batch_rows.max(1))
                .build()
                .map_err(super::ReadError::decoder)
        }) {
            Ok(r) => r,
            Err(e) => {
                report.push(super::unreadable(name, e));
                return false;
            }
        };
        self.seen.files.push((name.clone(), self.total));
        self.reader = Some((k, reader, budget, 0, columns));
        true
    }

    /// The next batch of rows as read, with its file, its first row and its columns.
    fn next_batch(
        &mut self,
        report: &mut Diagnostics,
    ) -> Option<(RecordBatch, usize, u64, Vec<Column>)> {
        loop {
            if self.reader.is_none() {
                let k = self.next_file;
                if k >= self.files.len() {
                    return None;
                }
                self.next_file += 1;
                self.open(k, report);
                continue;
            }
            let Some((k, reader, budget, row0, columns)) = self.reader.as_mut() else {
                continue;
            };
            match super::next_batch(reader, budget) {
                None => self.reader = None,
                Some(Err(e)) => {
                    let name = self.files.get(*k).map(|f| f.0.as_str()).unwrap_or_default();
                    report.push(super::unreadable(name, e));
                    self.reader = None;
                }
                Some(Ok(batch)) => {
                    let n = batch.num_rows() as u64;
                    let out = (batch, *k, *row0, columns.clone());
                    *row0 += n;
                    self.total += n;
                    return Some(out);
                }
            }
        }
    }
}

/// The cells of a batch's columns, each with its column.
fn getters<'b>(
    batch: &'b RecordBatch,
    columns: &'b [Column],
) -> Vec<Option<(&'b ColumnName, Cells<'b>)>> {
    columns
        .iter()
        .zip(batch.columns())
        .map(|(c, a)| {
            let c = c.as_ref()?;
            Some((c, cells(a.as_ref(), c.2).ok()?))
        })
        .collect()
}

/// A batch's fields as the row reader takes them, nested objects grouped.
fn fields_of<'r, 'a>(getters: &'r [Option<(&ColumnName, Cells<'a>)>]) -> Vec<Entry<'r, 'a>> {
    Entry::group(
        getters
            .iter()
            .flatten()
            .map(|((top, sub, _), cells)| (top.as_str(), sub.as_deref(), cells))
            .collect(),
    )
}

/// One row as its JSON object; `None` when a cell of JSON text does not read (it is
/// reported).
fn row_value(
    batch: &RecordBatch,
    getters: &[Option<(&ColumnName, Cells<'_>)>],
    i: usize,
    (name, row): (&str, u64),
    report: &mut Diagnostics,
) -> Option<Map<String, Value>> {
    let names = batch.schema();
    let mut map = Map::new();
    let mut ok = true;
    for (k, g) in getters.iter().enumerate() {
        let Some(((top, sub, _), get)) = g else {
            continue;
        };
        let value = match get {
            Cells::Str(get) => get(i).map(|s| Value::String(s.to_owned())),
            Cells::Int(get) => get(i),
            Cells::Bool(get) => get(i).map(Value::Bool),
            Cells::Json(get) => match get(i).map(serde_json::from_str::<Value>) {
                None => None,
                Some(Ok(v)) => Some(v),
                Some(Err(e)) => {
                    ok = false;
                    let column = names.fields().get(k).map(|f| f.name().clone());
                    report.push(
                        Diagnostic::of(
                            "parquet.invalid_json",
                            Severity::Error,
                            Location::Row {
                                file: name.to_owned(),
                                row,
                                column: column.unwrap_or_default(),
                            },
                        )
                        .arg("error", e),
                    );
                    None
                }
            },
        };
        let Some(value) = value else { continue };
        match sub {
            None => {
                map.insert(top.clone(), value);
            }
            Some(sub) => {
                let entry = map
                    .entry(top.clone())
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(o) = entry {
                    o.insert(sub.clone(), value);
                }
            }
        }
    }
    ok.then_some(map)
}

/// How a directory is read: the threads that read rows besides the one that decodes
/// them, and the rows decoded at a time.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pace {
    pub(crate) threads: usize,
    pub(crate) batch_rows: usize,
}

impl Pace {
    /// As many reading threads as the machine has cores (at most four), batches of
    /// 8.192 rows.
    pub(crate) fn of_machine() -> Self {
        Self {
            threads: std::thread::available_parallelism().map_or(1, |n| n.get().min(4)),
            batch_rows: 8 * 1024,
        }
    }
}

struct Reading<'a, 'r> {
    dir: &'a Path,
    spec: &'static TableSpec,
    /// The columns of JSON text the manifest names, of the table and its inner table.
    json: (Vec<String>, Vec<String>),
    report: &'r mut Diagnostics,
    pace: Pace,
}

/// A batch of rows as decoded: its rows, its file (a place in the table's list of
/// files), its first row in that file and its columns.
#[derive(Clone)]
struct Part {
    batch: RecordBatch,
    file: usize,
    row0: u64,
    columns: Vec<Column>,
}

/// A batch of an inner table, held while the rows of its parents are read.
struct Held {
    part: Part,
    /// Each row's parent row, `None` when it does not say.
    parents: Vec<Option<u64>>,
}

impl Held {
    fn new(
        (batch, file, row0, columns): (RecordBatch, usize, u64, Vec<Column>),
        parent: &str,
    ) -> Self {
        let parents = batch
            .column_by_name(parent)
            .and_then(|a| cells(a.as_ref(), false).ok())
            .map(|c| match c {
                Cells::Int(get) => (0..batch.num_rows())
                    .map(|i| get(i).and_then(|v| v.as_u64()))
                    .collect(),
                _ => vec![None; batch.num_rows()],
            })
            .unwrap_or_else(|| vec![None; batch.num_rows()]);
        Self {
            part: Part {
                batch,
                file,
                row0,
                columns,
            },
            parents,
        }
    }

    /// Whether a row after this batch may still belong to a parent row up to `last`.
    fn may_continue(&self, last: u64) -> bool {
        self.parents
            .last()
            .is_none_or(|p| p.is_none_or(|p| p <= last))
    }
}

/// A batch of a table's rows with all that reading them needs, so that any thread
/// can read it: the batches of inner rows it names, which inner rows each row has,
/// and the problems found before its rows and while their inner rows were matched,
/// to be told in the order a reader of one row after another finds them.
struct Unit {
    /// Problems found opening and decoding files since the batch before.
    head: Diagnostics,
    part: Part,
    /// The list index of the batch's first row.
    index0: u64,
    /// The inner rows' batches that `items` points into.
    children: Vec<Part>,
    /// The inner rows (batch, row) of each row: those of row `i` are
    /// `items[bounds[i]..bounds[i + 1]]`.
    items: Vec<(usize, usize)>,
    bounds: Vec<usize>,
    /// Inner rows whose parent row is missing, each told before the row named.
    orphans: Vec<(usize, Diagnostic)>,
}

/// What reading a unit gave: its records in order, and the problems of each row
/// that did not read.
struct UnitRead<T> {
    records: Vec<T>,
    failed: Vec<(usize, Diagnostics)>,
}

/// The files of a table and of its inner table.
type TableFiles<'f> = (&'f [(String, Option<u64>)], &'f [(String, Option<u64>)]);

impl Unit {
    /// Reads the unit's rows, each from its columns; only a row that does not read is
    /// read again through its JSON object, to find the path of its problem.
    fn read<T: DeserializeOwned>(
        &self,
        spec: &TableSpec,
        (files, child_files): TableFiles<'_>,
    ) -> UnitRead<T> {
        let batch = &self.part.batch;
        let name = files
            .get(self.part.file)
            .map(|f| f.0.as_str())
            .unwrap_or_default();
        let child_getters: Vec<_> = self
            .children
            .iter()
            .map(|h| getters(&h.batch, &h.columns))
            .collect();
        let getters = getters(batch, &self.part.columns);
        let entries = fields_of(&getters);
        let child_entries: Vec<_> = child_getters.iter().map(|g| fields_of(g)).collect();
        let mut records = Vec::with_capacity(batch.num_rows());
        let mut failed = Vec::new();
        for i in 0..batch.num_rows() {
            let items = self
                .bounds
                .get(i)
                .zip(self.bounds.get(i + 1))
                .and_then(|(&from, &to)| self.items.get(from..to))
                .unwrap_or_default();
            let child = spec.child.as_ref().map(|c| {
                (
                    c.field,
                    Children {
                        batches: &child_entries,
                        rows: items,
                    },
                )
            });
            match T::deserialize(RowDe {
                entries: &entries,
                row: i,
                child,
            }) {
                Ok(record) => records.push(record),
                Err(_) => {
                    let mut report = Diagnostics::new();
                    let row = self.part.row0 + i as u64;
                    let value = row_value(batch, &getters, i, (name, row), &mut report);
                    let items: Vec<Value> = items
                        .iter()
                        .filter_map(|&(b, r)| {
                            let h = self.children.get(b)?;
                            let g = child_getters.get(b)?;
                            let file = child_files
                                .get(h.file)
                                .map(|f| f.0.as_str())
                                .unwrap_or_default();
                            row_value(&h.batch, g, r, (file, h.row0 + r as u64), &mut report)
                                .map(Value::Object)
                        })
                        .collect();
                    if let Some(mut v) = value {
                        if let Some(c) = &spec.child {
                            v.insert(c.field.to_owned(), Value::Array(items));
                        }
                        let index = self.index0 + i as u64;
                        let at = DataPath::root().key(spec.list).index(index as usize);
                        if let Some(record) = read_one(Value::Object(v), at, &mut report) {
                            records.push(record);
                        }
                    }
                    failed.push((i, report));
                }
            }
        }
        UnitRead { records, failed }
    }
}

impl<T> UnitRead<T> {
    /// Adds the unit's records to `out` and its problems to `report`, in the order a
    /// reader of one row after another finds them.
    fn settle(self, unit: &Unit, out: &mut Vec<T>, report: &mut Diagnostics) {
        report.extend(unit.head.clone());
        let mut orphans = unit.orphans.iter().peekable();
        let mut failed = self.failed.into_iter().peekable();
        loop {
            let orphan_first = match (orphans.peek(), failed.peek()) {
                (Some((a, _)), Some((b, _))) => a <= b,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            if orphan_first {
                if let Some((_, d)) = orphans.next() {
                    report.push(d.clone());
                }
            } else if let Some((_, d)) = failed.next() {
                report.extend(d);
            }
        }
        out.extend(self.records);
    }
}

/// Units read on a few threads and settled in the order they were made: each goes to
/// the threads in turn, and no more than two a thread are waiting at once. With no
/// thread (or one that stopped), a unit is read where it was made.
struct Crew<'s, T> {
    read: &'s (dyn Fn(&Unit) -> UnitRead<T> + Sync),
    lanes: Vec<Lane<'s, T>>,
    /// Units sent and not yet settled, oldest first, with their lane.
    waiting: VecDeque<(Arc<Unit>, usize)>,
    sent: usize,
}

struct Lane<'s, T> {
    to: Option<SyncSender<Arc<Unit>>>,
    from: Receiver<UnitRead<T>>,
    handle: Option<ScopedJoinHandle<'s, ()>>,
}

impl<'s, T: Send + 's> Crew<'s, T> {
    fn new<'e>(
        scope: &'s Scope<'s, 'e>,
        threads: usize,
        read: &'s (dyn Fn(&Unit) -> UnitRead<T> + Sync),
    ) -> Self {
        let mut lanes = Vec::new();
        for _ in 0..threads {
            let (to, inbox) = sync_channel::<Arc<Unit>>(1);
            let (outbox, from) = sync_channel(1);
            let spawned = std::thread::Builder::new().spawn_scoped(scope, move || {
                for unit in inbox {
                    if outbox.send(read(&unit)).is_err() {
                        break;
                    }
                }
            });
            let Ok(handle) = spawned else { break };
            lanes.push(Lane {
                to: Some(to),
                from,
                handle: Some(handle),
            });
        }
        Self {
            read,
            lanes,
            waiting: VecDeque::new(),
            sent: 0,
        }
    }

    /// Sends a unit to be read, settling the oldest ones first when enough wait.
    fn send(&mut self, unit: Unit, out: &mut Vec<T>, report: &mut Diagnostics) {
        while self.waiting.len() >= 2 * self.lanes.len().max(1) {
            self.settle_oldest(out, report);
        }
        let unit = Arc::new(unit);
        let lane = self.sent % self.lanes.len().max(1);
        self.sent += 1;
        let sent = self
            .lanes
            .get(lane)
            .and_then(|l| l.to.as_ref())
            .is_some_and(|to| to.send(Arc::clone(&unit)).is_ok());
        if sent {
            self.waiting.push_back((unit, lane));
        } else {
            // No thread to read it: what waits is settled first, then this unit here.
            self.finish(out, report);
            settle_here(unit, self.read, out, report);
        }
    }

    fn settle_oldest(&mut self, out: &mut Vec<T>, report: &mut Diagnostics) {
        let Some((unit, lane)) = self.waiting.pop_front() else {
            return;
        };
        match self.lanes.get(lane).map(|l| l.from.recv()) {
            Some(Ok(done)) => done.settle(&unit, out, report),
            _ => {
                // The thread stopped: its lane takes no more, and the unit is read here.
                if let Some(l) = self.lanes.get_mut(lane) {
                    l.to = None;
                }
                settle_here(unit, self.read, out, report);
            }
        }
    }

    /// Settles every unit still waiting.
    fn finish(&mut self, out: &mut Vec<T>, report: &mut Diagnostics) {
        while !self.waiting.is_empty() {
            self.settle_oldest(out, report);
        }
    }

    /// Lets the threads go and waits for them to end (one that stopped is let be).
    fn end(mut self) {
        for lane in &mut self.lanes {
            lane.to = None;
        }
        for lane in &mut self.lanes {
            if let Some(handle) = lane.handle.take() {
                let _ = handle.join();
            }
        }
    }
}

/// Reads a unit where it was made and settles it.
fn settle_here<T>(
    unit: Arc<Unit>,
    read: &(dyn Fn(&Unit) -> UnitRead<T> + Sync),
    out: &mut Vec<T>,
    report: &mut Diagnostics,
) {
    read(&unit).settle(&unit, out, report);
}

impl Reading<'_, '_> {
    /// Reads a table's rows (with their inner rows) into `out`. This thread decodes
    /// the files and matches each row with its inner rows; the rows are read from
    /// their columns on the reading threads, a batch at a time, and added in order.
    fn table<T: DeserializeOwned + Send>(
        &mut self,
        files: &[(String, Option<u64>)],
        child_files: &[(String, Option<u64>)],
        out: &mut Vec<T>,
    ) -> TableRead {
        let spec = self.spec;
        // Room for the rows the manifest counts, so that a national list is not copied
        // as it grows; a count can be false, so no more than the files' bytes could
        // hold, and a reservation that fails is only not made.
        let counted: Option<u64> = files
            .iter()
            .map(|(name, rows)| Some((*rows)?.min(super::room_in(&self.dir.join(name)))))
            .sum();
        let room = counted.map_or(0, |n| {
            usize::try_from(n.min(super::MOST_RESERVED_ROWS)).unwrap_or(0)
        });
        let _ = out.try_reserve_exact(room);
        let batch_rows = self.pace.batch_rows;
        let mut rows = Rows::new(self.dir, files, None, &self.json.0, batch_rows);
        let mut children = spec.child.as_ref().map(|c| {
            (
                c,
                Rows::new(
                    self.dir,
                    child_files,
                    Some(c.parent),
                    &self.json.1,
                    batch_rows,
                ),
            )
        });
        let read = |unit: &Unit| unit.read::<T>(spec, (files, child_files));
        let read: &(dyn Fn(&Unit) -> UnitRead<T> + Sync) = &read;
        let mut starts = Vec::new();
        // The inner rows' batches not yet passed, the place of the next inner row
        // among them, and the number of inner rows passed.
        let mut held: VecDeque<Held> = VecDeque::new();
        let mut cursor = (0usize, 0usize);
        let mut consumed = 0u64;
        let mut ended = false;
        let mut index = 0u64;
        // Problems found decoding files, told before the rows of the next unit.
        let mut head = Diagnostics::new();
        let report = &mut *self.report;
        let threads = self.pace.threads;
        std::thread::scope(|scope| {
            let mut crew: Option<Crew<'_, T>> = None;
            let mut made = 0usize;
            while let Some((batch, k, row0, columns)) = rows.next_batch(&mut head) {
                let n = batch.num_rows();
                // Every inner row of this batch's rows is held before they are read.
                let last = index + n as u64;
                if let Some((c, child_rows)) = children.as_mut() {
                    while !ended && held.back().is_none_or(|h| h.may_continue(last)) {
                        match child_rows.next_batch(&mut head) {
                            Some(b) => held.push_back(Held::new(b, c.parent)),
                            None => ended = true,
                        }
                    }
                }
                let mut items = Vec::new();
                let mut bounds = Vec::with_capacity(n + 1);
                let mut orphans = Vec::new();
                bounds.push(0);
                for i in 0..n {
                    if let Some((c, child_rows)) = children.as_ref() {
                        let at = index + i as u64;
                        starts.push(consumed);
                        while let Some(h) = held.get(cursor.0) {
                            let Some(parent) = h.parents.get(cursor.1) else {
                                cursor = (cursor.0 + 1, 0);
                                continue;
                            };
                            match parent {
                                Some(p) if *p == at => items.push(cursor),
                                Some(p) if *p > at => break,
                                _ => orphans
                                    .push((i, orphan(*parent, h, child_rows, cursor.1, c.parent))),
                            }
                            cursor.1 += 1;
                            consumed += 1;
                        }
                    }
                    bounds.push(items.len());
                }
                let unit = Unit {
                    head: std::mem::take(&mut head),
                    part: Part {
                        batch,
                        file: k,
                        row0,
                        columns,
                    },
                    index0: index,
                    children: held.iter().map(|h| h.part.clone()).collect(),
                    items,
                    bounds,
                    orphans,
                };
                index = last;
                made += 1;
                // A table of one batch is read here; the threads start with the second.
                if made == 1 {
                    settle_here(Arc::new(unit), read, out, report);
                } else {
                    crew.get_or_insert_with(|| Crew::new(scope, threads, read))
                        .send(unit, out, report);
                }
                // The batches passed are let go.
                let passed = cursor.0.min(held.len());
                held.drain(..passed);
                cursor.0 -= passed;
            }
            if let Some(mut crew) = crew {
                crew.finish(out, report);
                crew.end();
            }
        });
        report.extend(head);
        let child = children.map(|(c, mut child_rows)| {
            loop {
                while let Some(h) = held.get(cursor.0) {
                    for r in cursor.1..h.parents.len() {
                        let parent = h.parents.get(r).copied().flatten();
                        report.push(orphan(parent, h, &child_rows, r, c.parent));
                    }
                    cursor = (cursor.0 + 1, 0);
                }
                held.clear();
                cursor = (0, 0);
                match child_rows.next_batch(report) {
                    Some(b) => held.push_back(Held::new(b, c.parent)),
                    None => break,
                }
            }
            (c.field, child_rows.seen, starts)
        });
        TableRead {
            list: spec.list,
            rows: rows.seen,
            child,
        }
    }
}

/// An inner row whose parent row is not there (`parent`), or that does not say.
fn orphan(
    parent: Option<u64>,
    held: &Held,
    rows: &Rows<'_>,
    row: usize,
    column: &str,
) -> Diagnostic {
    let file = rows
        .files
        .get(held.part.file)
        .map(|f| f.0.clone())
        .unwrap_or_default();
    let at = Location::Row {
        file,
        row: held.part.row0 + row as u64,
        column: column.to_owned(),
    };
    match parent {
        Some(p) => Diagnostic::of("parquet.orphan_row", Severity::Error, at).num("parent", p),
        None => Diagnostic::of("parquet.orphan_row", Severity::Error, at).variant("missing"),
    }
}

#[cfg(all(test, feature = "synthetic"))]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::path::PathBuf;

    use ::parquet::arrow::ArrowWriter;
    use ::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use arrow_array::{ArrayRef, Int64Array, StringArray};
    use arrow_schema::{DataType, Schema};
    use proptest::prelude::*;

    use super::*;

    /// A directory of its own, removed when dropped.
    struct Dir(PathBuf);

    impl Dir {
        fn new(name: &str) -> Self {
            let path = std::env::temp_dir().join(format!(
                "thidua-read-{name}-{}-{:?}",
                std::process::id(),
                std::thread::current().id()
            ));
            let _ = std::fs::remove_dir_all(&path);
            Self(path)
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn batches(path: &Path) -> Vec<RecordBatch> {
        ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap())
            .unwrap()
            .build()
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    /// A column's cells in every batch, as text or as a whole number.
    enum Cell {
        Text(Option<String>),
        Int(Option<i64>),
    }

    /// Rewrites a table file with the cells `change` is given changed, every other
    /// cell and column as it was.
    fn rewrite(path: &Path, mut change: impl FnMut(&str, u64, &mut Cell)) {
        let read = batches(path);
        let Some(first) = read.first() else { return };
        let schema = first.schema();
        let mut row = 0u64;
        let mut out = Vec::new();
        let mut fields = Vec::new();
        for batch in &read {
            let mut columns: Vec<ArrayRef> = Vec::new();
            fields.clear();
            for (field, array) in schema.fields().iter().zip(batch.columns()) {
                let name = field.name().as_str();
                let mut cells: Vec<Cell> = match cells(array.as_ref(), false) {
                    Ok(Cells::Str(get)) => (0..batch.num_rows())
                        .map(|i| Cell::Text(get(i).map(str::to_owned)))
                        .collect(),
                    Ok(Cells::Int(get)) => (0..batch.num_rows())
                        .map(|i| Cell::Int(get(i).and_then(|v| v.as_i64())))
                        .collect(),
                    _ => {
                        columns.push(array.clone());
                        fields.push(field.as_ref().clone());
                        continue;
                    }
                };
                for (i, cell) in cells.iter_mut().enumerate() {
                    change(name, row + i as u64, cell);
                }
                let (array, data_type): (ArrayRef, DataType) =
                    if matches!(cells.first(), Some(Cell::Int(_))) {
                        let values: Vec<Option<i64>> = cells
                            .into_iter()
                            .map(|c| match c {
                                Cell::Int(v) => v,
                                Cell::Text(_) => None,
                            })
                            .collect();
                        (Arc::new(Int64Array::from(values)), DataType::Int64)
                    } else {
                        let values: Vec<Option<String>> = cells
                            .into_iter()
                            .map(|c| match c {
                                Cell::Text(v) => v,
                                Cell::Int(v) => v.map(|v| v.to_string()),
                            })
                            .collect();
                        (Arc::new(StringArray::from(values)), DataType::Utf8)
                    };
                columns.push(array);
                fields.push(
                    field
                        .as_ref()
                        .clone()
                        .with_data_type(data_type)
                        .with_nullable(true),
                );
            }
            row += batch.num_rows() as u64;
            out.push(columns);
        }
        let schema = Arc::new(Schema::new(fields.clone()));
        let mut w =
            ArrowWriter::try_new(File::create(path).unwrap(), schema.clone(), None).unwrap();
        for columns in out {
            w.write(&RecordBatch::try_new(schema.clone(), columns).unwrap())
                .unwrap();
        }
        w.close().unwrap();
    }

    /// Every pace (batches of a few rows or many, read here or on threads) gives the
    /// same dataset, or the same problems in the same order.
    fn same_at_every_pace(dir: &Path) -> Result<Dataset, Diagnostics> {
        let here = read_at_pace(
            dir,
            Pace {
                threads: 0,
                batch_rows: 8 * 1024,
            },
        )
        .0;
        for threads in [0, 1, 2, 3] {
            for batch_rows in [1, 7, 64, 1000] {
                let read = read_at_pace(
                    dir,
                    Pace {
                        threads,
                        batch_rows,
                    },
                )
                .0;
                assert_eq!(read, here, "{threads} threads, {batch_rows} rows a batch");
            }
        }
        assert_eq!(read_with_layout(dir).0, here, "the machine's pace");
        here
    }

    /// A small synthetic nation written as a directory of its own.
    fn written(members: u64, grassroots: u32, name: &str) -> (Dataset, Dir) {
        let nation = crate::NationSpec::national()
            .with_members(members)
            .with_units(2, 3, grassroots)
            .unwrap()
            .generate()
            .unwrap();
        let dataset = nation.to_dataset();
        let dir = Dir::new(name);
        crate::parquet::write_dataset(&dataset, &dir.0).unwrap();
        (dataset, dir)
    }

    #[test]
    fn a_nation_reads_the_same_at_every_pace() {
        let (dataset, dir) = written(400, 12, "pace");
        assert_eq!(same_at_every_pace(&dir.0), Ok(dataset));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]

        /// Problems in rows and inner rows spread over many batches (inner rows
        /// without their parent, bad values in inner rows and in rows) are told
        /// alike, in the same order, whatever the pace.
        #[test]
        fn problems_are_told_alike_at_every_pace(
            orphans in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3), 0..6),
            kinds in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
            dates in prop::collection::vec(any::<prop::sample::Index>(), 0..4),
        ) {
            let (dataset, dir) = written(300, 10, "pace-problems");
            let decisions = dataset.decisions.len();
            let conferrals: usize = dataset.decisions.iter().map(|d| d.conferrals().len()).sum();
            let orphans: Vec<(u64, u8)> = orphans
                .iter()
                .map(|(i, how)| (i.index(conferrals) as u64, *how))
                .collect();
            let kinds: Vec<u64> = kinds.iter().map(|i| i.index(conferrals) as u64).collect();
            let dates: Vec<u64> = dates.iter().map(|i| i.index(decisions) as u64).collect();
            rewrite(&dir.0.join("conferrals.parquet"), |column, row, cell| {
                match (column, cell) {
                    ("decision_row", Cell::Int(parent)) => {
                        if let Some((_, how)) = orphans.iter().find(|(r, _)| *r == row) {
                            *parent = match how {
                                0 => None,
                                1 => Some(1_000_000),
                                _ => Some(0),
                            };
                        }
                    }
                    ("recipient.kind", Cell::Text(kind)) if kinds.contains(&row) => {
                        *kind = Some("robot".to_owned());
                    }
                    _ => {}
                }
            });
            rewrite(&dir.0.join("decisions.parquet"), |column, row, cell| {
                if let ("date", Cell::Text(date)) = (column, cell)
                    && dates.contains(&row)
                {
                    *date = Some("2017-13-40".to_owned());
                }
            });
            let read = same_at_every_pace(&dir.0);
            let faults = orphans.len() + kinds.len() + dates.len();
            prop_assert_eq!(read.is_err(), faults > 0);
        }
    }
}
