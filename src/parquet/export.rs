//! Results as Parquet tables: a roll-up's totals for every unit, a review's verdicts.

use std::path::Path;
use std::sync::Arc;

use ::parquet::arrow::ArrowWriter;
use arrow_array::builder::{
    Decimal128Builder, ListBuilder, StringBuilder, UInt8Builder, UInt64Builder,
};
use arrow_array::{Array as _, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};

use super::ParquetError;
use super::write::properties;
use crate::award::catalogue::codes;
use crate::dataset::file::Model;
use crate::org::kind::Level;
use crate::org::snapshot::Snapshot;
use crate::people::member::Gender;
use crate::rules::whatif::MemberVerdict;
use crate::stats::accumulate::Accumulator;
use crate::stats::columnar::ColumnarRollup;
use crate::stats::metric::{MemberRow, Metric};
use crate::value::id::UnitId;
use crate::value::period::Period;

/// One unit's totals in a roll-up (its whole subtree): a row of
/// [`write_rollup_parquet`]'s table.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RollupRow {
    /// The unit.
    pub unit: UnitId,
    /// Its code.
    pub code: String,
    /// Its parent's code on the day (`None` for a root).
    pub parent: Option<String>,
    /// Its level, 1 (national) to 5 (inside a grassroots union).
    pub level: u8,
    /// Members.
    pub members: u64,
    /// Women.
    pub women: u64,
    /// Members holding the LĐTT title for the period.
    pub ldtt: u64,
    /// Members holding the CSTĐCS title for the period (`None`: not counted by this
    /// roll-up).
    pub cstdcs: Option<u64>,
    /// Sponsorship money in đồng (`None`: not counted by this roll-up).
    pub money_dong: Option<i128>,
}

fn level_number(level: Level) -> u8 {
    match level {
        Level::National => 1,
        Level::Provincial => 2,
        Level::DirectUpper => 3,
        Level::Grassroots => 4,
        Level::Internal => 5,
    }
}

impl RollupRow {
    /// The rows of a columnar roll-up, one per unit of the snapshot in its order
    /// (members, women, LĐTT and sponsorship money; CSTĐCS is not counted there).
    pub fn from_columnar(snapshot: &Snapshot<'_>, rollup: &ColumnarRollup) -> Vec<RollupRow> {
        snapshot
            .nodes()
            .filter_map(|node| {
                let t = rollup.total(node)?;
                Some(RollupRow {
                    unit: snapshot.id(node),
                    code: snapshot.code(node).to_string(),
                    parent: snapshot.parent(node).map(|p| snapshot.code(p).to_string()),
                    level: level_number(snapshot.level(node)),
                    members: t.members(),
                    women: t.women(),
                    ldtt: t.ldtt(),
                    cstdcs: None,
                    money_dong: Some(i128::from(t.sponsorship_dong())),
                })
            })
            .collect()
    }

    /// The rows of a dataset's roll-up on the snapshot's day, titles for `period`:
    /// members, women, LĐTT and CSTĐCS of every unit of the snapshot (sponsorship
    /// money is in the support ledger's totals, not counted here).
    pub fn from_model(
        model: &Model,
        snapshot: &Snapshot<'_>,
        period: Option<&Period>,
    ) -> Vec<RollupRow> {
        let rollup = model.rollup(&Figures, snapshot, None, period);
        snapshot
            .nodes()
            .filter_map(|node| {
                let t = rollup.total(node)?;
                Some(RollupRow {
                    unit: snapshot.id(node),
                    code: snapshot.code(node).to_string(),
                    parent: snapshot.parent(node).map(|p| snapshot.code(p).to_string()),
                    level: level_number(snapshot.level(node)),
                    members: t.members,
                    women: t.women,
                    ldtt: t.ldtt,
                    cstdcs: Some(t.cstdcs),
                    money_dong: None,
                })
            })
            .collect()
    }
}

/// Members, women, LĐTT and CSTĐCS.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct FiguresAcc {
    members: u64,
    women: u64,
    ldtt: u64,
    cstdcs: u64,
}

impl Accumulator for FiguresAcc {
    fn merge(&mut self, other: &Self) {
        self.members += other.members;
        self.women += other.women;
        self.ldtt += other.ldtt;
        self.cstdcs += other.cstdcs;
    }
}

struct Figures;

impl Metric for Figures {
    type Acc = FiguresAcc;
    fn member(&self, m: &MemberRow<'_>, acc: &mut FiguresAcc) {
        acc.members += 1;
        acc.women += u64::from(m.record.gender() == Some(Gender::Female));
        acc.ldtt += u64::from(m.holds(codes::LDTT));
        acc.cstdcs += u64::from(m.holds(codes::CSTDCS));
    }
}

fn encode<E: std::error::Error + Send + Sync + 'static>(
    path: &Path,
) -> impl Fn(E) -> ParquetError + '_ {
    move |e| ParquetError::Encode {
        file: path.display().to_string(),
        source: Box::new(e),
    }
}

/// Writes one batch as a Parquet file, atomically.
fn write_batch(path: &Path, batch: &RecordBatch) -> Result<(), ParquetError> {
    let mut failure = None;
    let written = crate::write_atomically(path, |w| {
        let result =
            ArrowWriter::try_new(w, batch.schema(), Some(properties())).and_then(|mut writer| {
                writer.write(batch)?;
                writer.close().map(|_| ())
            });
        result.map_err(|e| {
            failure = Some(encode(path)(e));
            std::io::Error::other("encoding failed")
        })
    });
    match (written, failure) {
        (_, Some(e)) => Err(e),
        (Err(source), None) => Err(ParquetError::Io {
            path: path.to_path_buf(),
            source,
        }),
        (Ok(()), None) => Ok(()),
    }
}

/// Writes a roll-up as one Parquet file, a row per unit: `unit` (id), `code`,
/// `parent` (code), `level`, `members`, `women`, `ldtt`, `cstdcs`, `money_dong`
/// (decimal of 38 digits).
///
/// # Errors
/// [`ParquetError::Io`] when the file cannot be written, [`ParquetError::Encode`]
/// when the rows cannot be encoded.
pub fn write_rollup_parquet(path: &Path, rows: &[RollupRow]) -> Result<(), ParquetError> {
    let mut unit = StringBuilder::new();
    let mut code = StringBuilder::new();
    let mut parent = StringBuilder::new();
    let mut level = UInt8Builder::new();
    let mut members = UInt64Builder::new();
    let mut women = UInt64Builder::new();
    let mut ldtt = UInt64Builder::new();
    let mut cstdcs = UInt64Builder::new();
    let mut money = Decimal128Builder::new();
    for r in rows {
        unit.append_value(r.unit.to_string());
        code.append_value(&r.code);
        parent.append_option(r.parent.as_deref());
        level.append_value(r.level);
        members.append_value(r.members);
        women.append_value(r.women);
        ldtt.append_value(r.ldtt);
        cstdcs.append_option(r.cstdcs);
        money.append_option(r.money_dong);
    }
    let money = money
        .finish()
        .with_precision_and_scale(38, 0)
        .map_err(encode(path))?;
    let schema = Arc::new(Schema::new(vec![
        Field::new("unit", DataType::Utf8, false),
        Field::new("code", DataType::Utf8, false),
        Field::new("parent", DataType::Utf8, true),
        Field::new("level", DataType::UInt8, false),
        Field::new("members", DataType::UInt64, false),
        Field::new("women", DataType::UInt64, false),
        Field::new("ldtt", DataType::UInt64, false),
        Field::new("cstdcs", DataType::UInt64, true),
        Field::new("money_dong", DataType::Decimal128(38, 0), true),
    ]));
    let columns: Vec<ArrayRef> = vec![
        Arc::new(unit.finish()),
        Arc::new(code.finish()),
        Arc::new(parent.finish()),
        Arc::new(level.finish()),
        Arc::new(members.finish()),
        Arc::new(women.finish()),
        Arc::new(ldtt.finish()),
        Arc::new(cstdcs.finish()),
        Arc::new(money),
    ];
    let batch = RecordBatch::try_new(schema, columns).map_err(encode(path))?;
    write_batch(path, &batch)
}

/// Writes a review's verdicts as one Parquet file, a row per member and title:
/// `member` (id), `unit` (code), `title`, `outcome` (`eligible`, `ineligible`,
/// `undetermined`) and `rules` (the codes of the rules that failed or could not be
/// decided, a list of text).
///
/// # Errors
/// [`ParquetError::Io`] when the file cannot be written, [`ParquetError::Encode`]
/// when the rows cannot be encoded.
pub fn write_verdicts_parquet(path: &Path, verdicts: &[MemberVerdict]) -> Result<(), ParquetError> {
    let mut member = StringBuilder::new();
    let mut unit = StringBuilder::new();
    let mut title = StringBuilder::new();
    let mut outcome = StringBuilder::new();
    let mut rules = ListBuilder::new(StringBuilder::new());
    for v in verdicts {
        member.append_value(v.member.to_string());
        unit.append_value(&v.unit);
        title.append_value(v.title.as_str());
        outcome.append_value(v.outcome.code());
        for r in &v.rules {
            rules.values().append_value(r);
        }
        rules.append(true);
    }
    let rules = rules.finish();
    let schema = Arc::new(Schema::new(vec![
        Field::new("member", DataType::Utf8, false),
        Field::new("unit", DataType::Utf8, false),
        Field::new("title", DataType::Utf8, false),
        Field::new("outcome", DataType::Utf8, false),
        Field::new("rules", rules.data_type().clone(), false),
    ]));
    let columns: Vec<ArrayRef> = vec![
        Arc::new(member.finish()),
        Arc::new(unit.finish()),
        Arc::new(title.finish()),
        Arc::new(outcome.finish()),
        Arc::new(rules),
    ];
    let batch = RecordBatch::try_new(schema, columns).map_err(encode(path))?;
    write_batch(path, &batch)
}
