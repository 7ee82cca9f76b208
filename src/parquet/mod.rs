//! A dataset as a directory of Parquet files, and results as Parquet tables for
//! analysts (feature `parquet`).
//!
//! A dataset directory holds one Parquet file per large list of the dataset file and a
//! small `manifest.json` for the rest:
//!
//! | File | Rows |
//! |---|---|
//! | `units.parquet` | union units as established (`id`, `code`, `kind`, `name`, `parent`, …) |
//! | `unit_events.parquet` | lineage events: the dated parents and names (re-parent, rename, merge, split, dissolve) |
//! | `members.parquet` | members |
//! | `memberships.parquet` | memberships over time |
//! | `facts.parquet` | members' grades and facts per period (`member`, `period.kind`, `period.value`, `facts.grade`, …) |
//! | `decisions.parquet` | decisions conferring titles and forms |
//! | `conferrals.parquet` | the conferrals of each decision (`decision_row`: its decision's row) |
//! | `beneficiaries.parquet` | beneficiaries of support, pseudonymous: protected details are never written |
//! | `sponsorships.parquet` | sponsorship commitments |
//! | `sponsorship_entries.parquet` | their entries (`sponsorship_row`: the commitment's row) |
//! | `support_records.parquet` | support to members |
//! | `manifest.json` | the schema version, `meta`, titles, campaigns, overrides and every other list, and the tables' files with their columns of JSON text |
//!
//! Each column is a field of the record as the dataset file writes it, a field of a
//! nested object is a column of its own (`period.kind`), and lists inside a record
//! are JSON text (marked in each file's schema and named in the manifest, so that
//! files rewritten by a tool that drops the mark, such as DuckDB or Spark, still
//! read).
//!
//! Pages compressed with Zstandard (as the crate writes), Snappy (the default of
//! DuckDB, Spark and pyarrow), LZ4 (raw) or not at all are read; Gzip, Brotli, the
//! older framed LZ4 and LZO are refused by name (`parquet.codec`), since their pages
//! unpack to whatever they hold, whatever their header declares.
//!
//! An id derived from a key ([`UnitId::from_key`](crate::UnitId::from_key) and its
//! siblings) is written as that key wherever it stands: a unit by its code
//! (`P01.D003`), a member by their [code](crate::MemberCode) (`DV00000017`), a
//! decision issued by a unit by [`Decision::key`](crate::Decision::key)
//! (`P01.D003/12/QĐ-LĐLĐ/2024-05-20`); reading derives the id from the key again, as
//! the dataset file does. Keys are short and follow one another, so the columns that
//! name members — a member's row, memberships, facts, conferrals — cost about a byte
//! a row where a UUID's text costs twenty, and an analyst joins and reads them as
//! they are. Other ids are written as UUIDs, and so is any key shaped like one. Read back, each row is read by the same deserialisers as the JSON
//! file and the dataset is then validated like any other: every problem is a
//! [`Diagnostic`] at a [`Location::Row`] —
//! the file, the 0-based row and the column.
//!
//! [`write_rollup_parquet`] and [`write_verdicts_parquet`] write a roll-up's totals
//! for every unit and a review's verdicts as single Parquet files.
//!
//! ```
//! use thidua::{Dataset, parquet::{read_dataset, write_dataset}};
//!
//! let text = std::fs::read_to_string("examples/data/thach-that-2021-2022.json")?;
//! let dataset = Dataset::from_json(&text).map_err(|d| d.to_string())?;
//! let dir = std::env::temp_dir().join(format!("thidua-doc-{}", std::process::id()));
//! write_dataset(&dataset, &dir)?;
//! let back = read_dataset(&dir).map_err(|d| d.to_string())?;
//! assert_eq!(back, dataset);
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod de;
mod export;
mod figures;
mod pages;
mod read;
#[macro_use]
mod shape;
mod stage;
mod table;
mod write;

pub use export::{RollupRow, write_rollup_parquet, write_verdicts_parquet};
pub use figures::rollup_figures;
pub use read::{read_dataset, read_model};
pub use write::{DEFAULT_PARTITION, WriteSummary, write_dataset, write_dataset_by_province};

use std::fs::File;
use std::path::{Path, PathBuf};

use std::sync::Arc;

use ::parquet::arrow::arrow_reader::{
    ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReader,
    ParquetRecordBatchReaderBuilder,
};
use arrow_array::RecordBatch;
use arrow_schema::{DataType, Field, Schema};

use crate::diagnostic::{Diagnostic, Location, Severity};

/// The name of the manifest file of a dataset directory.
pub const MANIFEST: &str = "manifest.json";

/// The format name a manifest carries.
pub(crate) const FORMAT: &str = "thidua-parquet";

/// A list of the dataset written as a table, with the list inside each record that
/// is a table of its own.
pub(crate) struct TableSpec {
    /// The file's stem (`members`).
    pub(crate) table: &'static str,
    /// The dataset's list (`members`).
    pub(crate) list: &'static str,
    /// A list field of each record written as its own table.
    pub(crate) child: Option<ChildSpec>,
}

/// A list inside each record of a table, written as a table of its own.
pub(crate) struct ChildSpec {
    /// The field of the parent record (`conferrals`).
    pub(crate) field: &'static str,
    /// The file's stem (`conferrals`).
    pub(crate) table: &'static str,
    /// The column naming the parent's row (`decision_row`).
    pub(crate) parent: &'static str,
}

/// Every table of a dataset directory, in the order they are written.
pub(crate) const TABLES: &[TableSpec] = &[
    TableSpec {
        table: "units",
        list: "units",
        child: None,
    },
    TableSpec {
        table: "unit_events",
        list: "events",
        child: None,
    },
    TableSpec {
        table: "members",
        list: "members",
        child: None,
    },
    TableSpec {
        table: "memberships",
        list: "memberships",
        child: None,
    },
    TableSpec {
        table: "facts",
        list: "facts",
        child: None,
    },
    TableSpec {
        table: "decisions",
        list: "decisions",
        child: Some(ChildSpec {
            field: "conferrals",
            table: "conferrals",
            parent: "decision_row",
        }),
    },
    TableSpec {
        table: "beneficiaries",
        list: "beneficiaries",
        child: None,
    },
    TableSpec {
        table: "sponsorships",
        list: "sponsorships",
        child: Some(ChildSpec {
            field: "entries",
            table: "sponsorship_entries",
            parent: "sponsorship_row",
        }),
    },
    TableSpec {
        table: "support_records",
        list: "support_records",
        child: None,
    },
];

/// Writing a dataset directory or a results table failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ParquetError {
    /// A file or directory could not be written.
    #[error("cannot write {path}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// Records could not be encoded as Parquet.
    #[error("cannot encode {file} as parquet")]
    Encode {
        /// The file.
        file: String,
        /// The encoder's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
}

/// Why a table file does not read, in Vietnamese and English (the decoder's own
/// messages are its text in both).
#[derive(Debug)]
pub(crate) struct ReadError {
    vi: String,
    en: String,
    /// Why a file was refused unread, when it was.
    refused: Option<Refused>,
}

/// A table file refused before anything in it is unpacked.
#[derive(Debug, Clone)]
enum Refused {
    /// It declares more rows than its bytes could hold.
    Rows { rows: u64, bytes: u64 },
    /// Its pages declare more bytes unpacked than its bytes could explain.
    Unpacked { unpacked: u64, bytes: u64 },
    /// One of its pages declares more bytes unpacked than a page may hold.
    Page { unpacked: u64, column: String },
    /// A column is compressed in a way the crate does not read.
    Codec { codec: String, column: String },
    /// Its rows name more text than its bytes could explain.
    Text { named: u64, bytes: u64 },
}

impl ReadError {
    /// The decoder's or the system's message.
    pub(crate) fn decoder(e: impl ToString) -> Self {
        let text = e.to_string();
        Self::words(text.clone(), text)
    }

    fn words(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            vi: vi.into(),
            en: en.into(),
            refused: None,
        }
    }

    /// A reading step that stopped without saying why (its thread ended).
    pub(crate) fn stopped() -> Self {
        Self::words("việc đọc bị dừng", "the reader stopped")
    }
}

/// `parquet.unreadable` for a file, with why (`parquet.too_many_rows`,
/// `parquet.too_much_unpacked` and `parquet.codec` for a file refused for what its
/// footer or its page headers declare).
pub(crate) fn unreadable(file: &str, e: ReadError) -> Diagnostic {
    let whole = (Severity::Error, Location::Whole);
    match e.refused {
        Some(Refused::Rows { rows, bytes }) => {
            Diagnostic::of("parquet.too_many_rows", whole.0, whole.1)
                .quoted("file", file)
                .num("rows", rows)
                .num("bytes", bytes)
                .num("limit", MAX_ROWS_PER_BYTE)
        }
        Some(Refused::Unpacked { unpacked, bytes }) => {
            Diagnostic::of("parquet.too_much_unpacked", whole.0, whole.1)
                .quoted("file", file)
                .num("unpacked", unpacked)
                .num("bytes", bytes)
                .num("limit", unpacked_room(bytes))
        }
        Some(Refused::Page { unpacked, column }) => {
            Diagnostic::of("parquet.too_much_unpacked", whole.0, whole.1)
                .variant("page")
                .quoted("file", file)
                .quoted("column", column)
                .num("unpacked", unpacked)
                .num("limit", MAX_PAGE_UNPACKED)
        }
        Some(Refused::Codec { codec, column }) => Diagnostic::of("parquet.codec", whole.0, whole.1)
            .quoted("file", file)
            .quoted("column", column)
            .arg("codec", codec),
        Some(Refused::Text { named, bytes }) => {
            Diagnostic::of("parquet.too_much_text", whole.0, whole.1)
                .quoted("file", file)
                .num("named", named)
                .num("bytes", bytes)
                .num("limit", unpacked_room(bytes))
        }
        None => Diagnostic::of("parquet.unreadable", whole.0, whole.1)
            .quoted("file", file)
            .words("error", e.vi, e.en),
    }
}

/// The most rows a table file may declare for each of its bytes.
///
/// Run-length and dictionary encoding let a few kilobytes declare millions of equal
/// rows, each of which becomes a record in memory. Real tables need far more room:
/// every table has a column of text that differs from row to row (an id, a code, a
/// member named), and a national dataset's files hold under one row a byte (members
/// 0,7, conferrals 0,65). A file declaring more than this many rows a byte is refused
/// before a row is decoded (`parquet.too_many_rows`), so memory stays within a small
/// multiple of what a real file of the same size needs.
pub const MAX_ROWS_PER_BYTE: u64 = 16;

/// The most bytes one page of a table file may declare unpacked (64 MiB).
///
/// A page's header says how many bytes it unpacks to, and the decoder makes room for
/// them before unpacking; compression lets a few kilobytes declare, and truly hold,
/// gigabytes. Writers cut pages at about a megabyte (the crate's own, DuckDB's,
/// Spark's), and no value of a dataset comes near this size. The headers of every
/// page are read before anything is unpacked; a file with a larger page is refused
/// (`parquet.too_much_unpacked`).
pub const MAX_PAGE_UNPACKED: u64 = 64 << 20;

/// The most bytes all pages of a table file may declare unpacked for each of its
/// bytes; a file may always hold one page of [`MAX_PAGE_UNPACKED`].
///
/// Real tables unpack to a few times their size (a national dataset's files: 6 to 22
/// times). A file whose pages would unpack to more is refused before anything is
/// unpacked (`parquet.too_much_unpacked`), so the work of reading a file stays within
/// a bounded multiple of its size.
pub const MAX_UNPACKED_PER_BYTE: u64 = 256;

/// The most bytes the pages of a file of `bytes` bytes may unpack to.
fn unpacked_room(bytes: u64) -> u64 {
    bytes
        .saturating_mul(MAX_UNPACKED_PER_BYTE)
        .max(MAX_PAGE_UNPACKED)
}

/// The text the rows of one table file may name in all: as many bytes as its pages
/// may unpack to.
///
/// Text columns are read as views, so a long text a page's dictionary holds once is
/// held once however many rows name it; but every row that names it hands it on (to
/// a record that copies it, to a hash of its key, to a check of its length). A few
/// kilobytes could name one text of megabytes from millions of rows. The views'
/// lengths are summed for every batch before its rows are read, and a file whose rows
/// name more text than this is refused (`parquet.too_much_text`). Real tables name
/// 14 to 32 times their bytes (a national dataset's files).
pub(crate) struct TextBudget {
    bytes: u64,
    named: u64,
}

impl TextBudget {
    /// The budget of a file of `bytes` bytes.
    pub(crate) fn of(bytes: u64) -> Self {
        Self { bytes, named: 0 }
    }

    /// Counts the text a batch's rows name, or refuses the file when it is more
    /// than the file may name.
    pub(crate) fn spend(&mut self, batch: &RecordBatch) -> Result<(), ReadError> {
        use arrow_array::cast::AsArray as _;
        for column in batch.columns() {
            if let Some(text) = column.as_string_view_opt() {
                // A view's low 32 bits are its text's length in bytes.
                let named = text
                    .views()
                    .iter()
                    .map(|v| u64::from(*v as u32))
                    .fold(0u64, u64::saturating_add);
                self.named = self.named.saturating_add(named);
            }
        }
        if self.named > unpacked_room(self.bytes) {
            return Err(ReadError {
                refused: Some(Refused::Text {
                    named: self.named,
                    bytes: self.bytes,
                }),
                ..ReadError::words("", "")
            });
        }
        Ok(())
    }
}

/// The most rows reserved ahead from a manifest's count: a national list.
pub(crate) const MOST_RESERVED_ROWS: u64 = 1 << 26;

/// The most rows the file at `path` could hold ([`MAX_ROWS_PER_BYTE`] a byte); none
/// when it cannot be read. A count in a manifest can be false: room reserved from it
/// is capped by this.
pub(crate) fn room_in(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len().saturating_mul(MAX_ROWS_PER_BYTE))
}

/// Runs a step of the Parquet decoder, turning a panic of the decoder on a damaged
/// file into an error: the crate never panics on a file it is given.
pub(crate) fn guarded<T>(step: impl FnOnce() -> Result<T, ReadError>) -> Result<T, ReadError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(step)).unwrap_or_else(|_| {
        Err(ReadError::words(
            "cấu trúc tệp bị hỏng",
            "the file's structure is damaged",
        ))
    })
}

/// Opens a table file for reading: its footer read, and refused when it places a
/// column chunk outside the file (a damaged or hostile footer, on which the decoder
/// would stop the process), declares more rows than its bytes could hold
/// ([`MAX_ROWS_PER_BYTE`]) or pages that unpack to more than its bytes explain
/// ([`MAX_UNPACKED_PER_BYTE`]). Text columns are read as views, so a dictionary's
/// long value named by many rows is held once, not once a row; the budget returned
/// with the reader bounds the text its rows may name ([`TextBudget`]).
pub(crate) fn open_table(
    file: File,
) -> Result<(ParquetRecordBatchReaderBuilder<File>, TextBudget), ReadError> {
    let len = file.metadata().map_err(ReadError::decoder)?.len();
    let loaded = guarded(|| {
        ArrowReaderMetadata::load(&file, ArrowReaderOptions::new()).map_err(ReadError::decoder)
    })?;
    let rows = loaded
        .metadata()
        .row_groups()
        .iter()
        .map(|g| u64::try_from(g.num_rows()).unwrap_or(u64::MAX))
        .fold(0u64, u64::saturating_add);
    if rows > len.saturating_mul(MAX_ROWS_PER_BYTE) {
        return Err(ReadError {
            refused: Some(Refused::Rows { rows, bytes: len }),
            ..ReadError::words("", "")
        });
    }
    for group in loaded.metadata().row_groups() {
        for chunk in group.columns() {
            if let Some(codec) = unread_codec(chunk.compression()) {
                return Err(ReadError {
                    refused: Some(Refused::Codec {
                        codec: codec.to_owned(),
                        column: chunk.column_path().string(),
                    }),
                    ..ReadError::words("", "")
                });
            }
            let start = chunk
                .dictionary_page_offset()
                .unwrap_or_else(|| chunk.data_page_offset());
            let size = chunk.compressed_size();
            let inside = u64::try_from(start)
                .ok()
                .zip(u64::try_from(size).ok())
                .is_some_and(|(start, size)| start.checked_add(size).is_some_and(|end| end <= len));
            if !inside {
                let column = chunk.column_path().string();
                return Err(ReadError::words(
                    format!("cột “{column}” của một nhóm dòng nằm ngoài tệp"),
                    format!("the column \"{column}\" of a row group lies outside the file"),
                ));
            }
        }
    }
    let unpacked = pages::unpacked_bytes(&file, loaded.metadata()).map_err(|e| match e {
        pages::Damage::Io(e) => ReadError::decoder(e),
        pages::Damage::Header { column } => ReadError::words(
            format!("đầu trang của cột “{column}” bị hỏng"),
            format!("a page header of the column \"{column}\" is damaged"),
        ),
    })?;
    let refused = if unpacked.largest > MAX_PAGE_UNPACKED {
        Some(Refused::Page {
            unpacked: unpacked.largest,
            column: unpacked.column,
        })
    } else if unpacked.total > unpacked_room(len) {
        Some(Refused::Unpacked {
            unpacked: unpacked.total,
            bytes: len,
        })
    } else {
        None
    };
    if refused.is_some() {
        return Err(ReadError {
            refused,
            ..ReadError::words("", "")
        });
    }
    let schema = loaded.schema();
    let viewed = Schema::new_with_metadata(
        schema
            .fields()
            .iter()
            .map(|f| match f.data_type() {
                DataType::Utf8 | DataType::LargeUtf8 => Arc::new(
                    Field::new(f.name(), DataType::Utf8View, f.is_nullable())
                        .with_metadata(f.metadata().clone()),
                ),
                _ => Arc::clone(f),
            })
            .collect::<Vec<_>>(),
        schema.metadata().clone(),
    );
    let loaded = if viewed == **schema {
        loaded
    } else {
        let options = ArrowReaderOptions::new().with_schema(Arc::new(viewed));
        guarded(|| {
            ArrowReaderMetadata::try_new(Arc::clone(loaded.metadata()), options)
                .map_err(ReadError::decoder)
        })?
    };
    Ok((
        ParquetRecordBatchReaderBuilder::new_with_metadata(file, loaded),
        TextBudget::of(len),
    ))
}

/// The name of a compression the crate does not read, none for one it reads.
///
/// Uncompressed, Snappy (the default of Spark, DuckDB and pyarrow), Zstandard and
/// LZ4 (raw) pages unpack to exactly the size their header declares, which is
/// checked before anything is unpacked. Gzip, Brotli and the older framed LZ4 unpack
/// to whatever their stream holds whatever the header says, so a small page could
/// fill gigabytes before its size is found false; LZO has no decoder here.
fn unread_codec(codec: ::parquet::basic::Compression) -> Option<&'static str> {
    use ::parquet::basic::Compression as C;
    match codec {
        C::UNCOMPRESSED | C::SNAPPY | C::ZSTD(_) | C::LZ4_RAW => None,
        C::GZIP(_) => Some("GZIP"),
        C::BROTLI(_) => Some("BROTLI"),
        C::LZ4 => Some("LZ4"),
        C::LZO => Some("LZO"),
    }
}

/// The next batch of a reader, a panic of the decoder turned into an error, and the
/// file refused when its rows name more text than its budget.
pub(crate) fn next_batch(
    reader: &mut ParquetRecordBatchReader,
    budget: &mut TextBudget,
) -> Option<Result<RecordBatch, ReadError>> {
    let batch = guarded(|| Ok(reader.next().map(|b| b.map_err(ReadError::decoder))))
        .unwrap_or_else(|e| Some(Err(e)));
    match batch {
        Some(Ok(batch)) => Some(budget.spend(&batch).map(|()| batch)),
        other => other,
    }
}
