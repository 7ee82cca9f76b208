//! Datasets as directories of Parquet files: round trips, problems told by file, row
//! and column, hostile files, privacy, and the analysts' exports.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::{Array, ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use proptest::prelude::*;
use thidua::parquet::{
    DEFAULT_PARTITION, MANIFEST, RollupRow, read_dataset, read_model, write_dataset,
    write_dataset_by_province, write_rollup_parquet, write_verdicts_parquet,
};
use thidua::{
    Beneficiary, Configuration, Dataset, Diagnostics, Gender, Location, MemberId, MemberRecord,
    MemberReview, Membership, PersonName, Population, ProtectedDetails, ReviewContext, Role,
    UnitId,
};

const BUNDLED: [&str; 4] = [
    "gia-lam-2021-2022",
    "bac-tu-liem-2023-2024",
    "tay-ho-2019-2020",
    "thach-that-2021-2022",
];

/// A fresh directory under the system's temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "thidua-parquet-{name}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        TempDir(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn bundled(name: &str) -> Dataset {
    let path = format!("{}/examples/data/{name}.json", env!("CARGO_MANIFEST_DIR"));
    Dataset::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The problems of a read that must fail (a dataset read is not printed: it is large).
fn problems<T>(read: Result<T, Diagnostics>) -> Diagnostics {
    match read {
        Ok(_) => panic!("the read succeeded"),
        Err(d) => d,
    }
}

fn rows_at<'a>(report: &'a Diagnostics, code: &'a str) -> Vec<(String, u64, String)> {
    report
        .with_code(code)
        .filter_map(|d| match d.location() {
            Location::Row { file, row, column } => Some((file.clone(), *row, column.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn bundled_datasets_read_back_the_same() {
    for name in BUNDLED {
        let dataset = bundled(name);
        let dir = TempDir::new(name);
        let summary = write_dataset(&dataset, dir.path()).unwrap();
        assert!(summary.bytes > 0);
        assert!(dir.path().join(MANIFEST).is_file());
        let back = read_dataset(dir.path()).unwrap_or_else(|d| panic!("{name}: {d}"));
        assert_eq!(back, dataset, "{name}");
        let model = read_model(dir.path()).unwrap_or_else(|d| panic!("{name}: {d}"));
        assert_eq!(model.warnings, dataset.validate(), "{name}");
    }
}

#[test]
fn writing_again_replaces_the_directory_whole() {
    let dir = TempDir::new("again");
    let big = bundled("tay-ho-2019-2020");
    write_dataset(&big, dir.path()).unwrap();
    let small = bundled("thach-that-2021-2022");
    write_dataset(&small, dir.path()).unwrap();
    assert_eq!(read_dataset(dir.path()).unwrap(), small);
    // A directory that is not a dataset directory is not replaced.
    let other = TempDir::new("not-a-dataset");
    std::fs::create_dir_all(other.path()).unwrap();
    std::fs::write(other.path().join("notes.txt"), "keep me").unwrap();
    assert!(write_dataset(&small, other.path()).is_err());
    assert!(other.path().join("notes.txt").is_file());
}

#[cfg(feature = "synthetic")]
#[test]
fn a_synthetic_nation_reads_back_the_same() {
    // Enough rows that decisions and their conferrals each span several batches.
    let nation = nation(10_000, (3, 6, 60));
    let dataset = nation.to_dataset();
    let dir = TempDir::new("synthetic");
    write_dataset(&dataset, dir.path()).unwrap();
    let back = read_dataset(dir.path()).unwrap();
    assert_eq!(back, dataset);
    assert!(read_model(dir.path()).is_ok());
}

/// A child's name in protected details is never written to the public tables.
#[test]
fn protected_details_are_never_written() {
    let mut dataset = bundled("bac-tu-liem-2023-2024");
    let name = "Nguyễn Văn An";
    let first = dataset.beneficiaries.first().unwrap().id();
    *dataset.beneficiaries.first_mut().unwrap() = Beneficiary::new(first)
        .with_protected(ProtectedDetails::new().with_name(PersonName::try_new(name).unwrap()));
    let dir = TempDir::new("privacy");
    write_dataset(&dataset, dir.path()).unwrap();
    let mut files = 0;
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        assert!(
            !bytes.windows(name.len()).any(|w| w == name.as_bytes()),
            "{} holds the name",
            path.display()
        );
        // The cells, decompressed, do not hold it either.
        if path.extension().is_some_and(|e| e == "parquet") {
            files += 1;
            let reader =
                ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path).unwrap())
                    .unwrap()
                    .build()
                    .unwrap();
            for batch in reader {
                for column in batch.unwrap().columns() {
                    if let Some(text) = column.as_any().downcast_ref::<StringArray>() {
                        assert!(text.iter().flatten().all(|s| !s.contains(name)));
                    }
                }
            }
        }
    }
    assert!(files >= 5);
    let back = read_dataset(dir.path()).unwrap();
    assert!(back.beneficiaries.iter().all(|b| !b.has_protected()));
    assert_eq!(back.beneficiaries.len(), dataset.beneficiaries.len());
}

fn write_batch(path: &Path, columns: Vec<(&str, ArrayRef)>) {
    let schema = Arc::new(Schema::new(
        columns
            .iter()
            .map(|(n, a)| Field::new(*n, a.data_type().clone(), true))
            .collect::<Vec<_>>(),
    ));
    let batch =
        RecordBatch::try_new(schema.clone(), columns.into_iter().map(|c| c.1).collect()).unwrap();
    let mut w = ArrowWriter::try_new(std::fs::File::create(path).unwrap(), schema, None).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

fn written(name: &str, dataset: &Dataset) -> TempDir {
    let dir = TempDir::new(name);
    write_dataset(dataset, dir.path()).unwrap();
    dir
}

/// Drops the manifest's row counts, so that a file rewritten by hand is read as it is.
fn forget_row_counts(dir: &Path) {
    let path = dir.join(MANIFEST);
    let mut manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    for t in manifest["tables"].as_array_mut().unwrap() {
        t.as_object_mut().unwrap().remove("rows");
    }
    std::fs::write(&path, manifest.to_string()).unwrap();
}

#[test]
fn bad_values_are_told_by_file_row_and_column() {
    let dir = written("values", &bundled("thach-that-2021-2022"));
    let members = MemberId::from_key;
    let ids: Vec<String> = (0..4)
        .map(|i| members(&i.to_string()).to_string())
        .collect();
    write_batch(
        &dir.path().join("members.parquet"),
        vec![
            ("id", Arc::new(StringArray::from(ids.clone())) as ArrayRef),
            (
                "gender",
                Arc::new(StringArray::from(vec![
                    Some("female"),
                    None,
                    Some("x"),
                    Some("male"),
                ])),
            ),
        ],
    );
    forget_row_counts(dir.path());
    let report = problems(read_dataset(dir.path()));
    assert_eq!(
        rows_at(&report, "file.invalid_value"),
        [("members.parquet".to_owned(), 2, "gender".to_owned())]
    );
    let d = report.with_code("file.invalid_value").next().unwrap();
    assert!(
        d.to_string().starts_with(
            "error[file.invalid_value] at file \"members.parquet\", row 2, column \"gender\": "
        ),
        "{d}"
    );
    assert!(
        d.to_string_in(thidua::Lang::Vi).starts_with(
            "lỗi[file.invalid_value] tại tệp “members.parquet”, dòng 2, cột “gender”: "
        ),
    );
}

#[test]
fn validation_problems_are_told_by_file_row_and_column() {
    let mut dataset = bundled("thach-that-2021-2022");
    let member = MemberId::from_key("new");
    dataset.members.push(
        MemberRecord::new(member)
            .with_gender(Gender::Female)
            .with_role(Role::Teacher),
    );
    dataset
        .memberships
        .push(Membership::new(member, UnitId::from_key("NOWHERE")));
    let row = dataset.memberships.len() as u64 - 1;
    let dir = written("validation", &dataset);
    let report = problems(read_model(dir.path()));
    let places: Vec<_> = report
        .iter()
        .filter_map(|d| match d.location() {
            Location::Row { file, row, column } => Some((file.clone(), *row, column.clone())),
            _ => None,
        })
        .collect();
    assert!(
        places.contains(&("memberships.parquet".to_owned(), row, "unit".to_owned())),
        "{report}"
    );
}

#[test]
fn a_wrong_column_type_is_reported() {
    let dir = written("types", &bundled("thach-that-2021-2022"));
    let id = || Arc::new(StringArray::from(vec![MemberId::from_key("a").to_string()])) as ArrayRef;
    // A type no column has.
    write_batch(
        &dir.path().join("members.parquet"),
        vec![
            ("id", id()),
            ("gender", Arc::new(Float64Array::from(vec![1.5]))),
        ],
    );
    forget_row_counts(dir.path());
    let report = problems(read_dataset(dir.path()));
    assert_eq!(
        rows_at(&report, "parquet.column_type"),
        [("members.parquet".to_owned(), 0, "gender".to_owned())]
    );
    // A number where the field is text: the value does not read, at its cell.
    write_batch(
        &dir.path().join("members.parquet"),
        vec![
            ("id", id()),
            ("gender", Arc::new(Int64Array::from(vec![1]))),
        ],
    );
    let report = problems(read_dataset(dir.path()));
    assert_eq!(
        rows_at(&report, "file.invalid_value"),
        [("members.parquet".to_owned(), 0, "gender".to_owned())]
    );
    // A cell of a JSON column (a list) that is not JSON.
    let dir = written("types-json", &bundled("gia-lam-2021-2022"));
    let json = std::collections::HashMap::from([("thidua:json".to_owned(), "true".to_owned())]);
    let schema = Arc::new(Schema::new(vec![
        Field::new("id", DataType::Utf8, false),
        Field::new("documents", DataType::Utf8, true).with_metadata(json),
    ]));
    let batch = RecordBatch::try_new(
        schema.clone(),
        vec![
            Arc::new(StringArray::from(vec!["x", "y"])),
            Arc::new(StringArray::from(vec![Some("[]"), Some("[not json")])),
        ],
    )
    .unwrap();
    let file = std::fs::File::create(dir.path().join("support_records.parquet")).unwrap();
    let mut w = ArrowWriter::try_new(file, schema, None).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
    forget_row_counts(dir.path());
    let report = problems(read_dataset(dir.path()));
    assert_eq!(
        rows_at(&report, "parquet.invalid_json"),
        [(
            "support_records.parquet".to_owned(),
            1,
            "documents".to_owned()
        )]
    );
}

#[test]
fn damaged_and_missing_files_are_reported_not_panicked_on() {
    let dataset = bundled("tay-ho-2019-2020");
    // Not Parquet at all.
    let dir = written("garbage", &dataset);
    std::fs::write(
        dir.path().join("members.parquet"),
        b"PAR1 this is not parquet",
    )
    .unwrap();
    let report = problems(read_dataset(dir.path()));
    assert_eq!(
        report.with_code("parquet.unreadable").count(),
        1,
        "{report}"
    );
    assert!(report.to_string().contains("members.parquet"));
    // Cut in half, and bytes flipped in the middle.
    let dir = written("cut", &dataset);
    let path = dir.path().join("memberships.parquet");
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    assert!(read_dataset(dir.path()).is_err());
    for k in [4, bytes.len() / 3, bytes.len() / 2, bytes.len() - 12] {
        let mut flipped = bytes.clone();
        for b in flipped.iter_mut().skip(k).take(64) {
            *b = !*b;
        }
        std::fs::write(&path, &flipped).unwrap();
        let _ = read_dataset(dir.path());
    }
    // A file the manifest names is missing.
    let dir = written("missing", &dataset);
    std::fs::remove_file(dir.path().join("memberships.parquet")).unwrap();
    let report = problems(read_dataset(dir.path()));
    assert_eq!(
        report.with_code("parquet.missing_file").count(),
        1,
        "{report}"
    );
    // No manifest, or one that leaves the directory.
    let dir = written("manifest", &dataset);
    std::fs::remove_file(dir.path().join(MANIFEST)).unwrap();
    let report = problems(read_dataset(dir.path()));
    assert_eq!(report.with_code("parquet.manifest").count(), 1);
    let dir = written("escape", &dataset);
    std::fs::write(
        dir.path().join(MANIFEST),
        r#"{"format": "thidua-parquet", "schema_version": 1,
            "tables": [{"table": "members", "files": ["../../etc/passwd"]}]}"#,
    )
    .unwrap();
    let report = problems(read_dataset(dir.path()));
    assert_eq!(report.with_code("parquet.missing_file").count(), 1);
}

/// A synthetic nation of `members` members over `units` (provinces, districts and
/// grassroots unions).
#[cfg(feature = "synthetic")]
fn nation(members: u64, units: (u32, u32, u32)) -> thidua::SyntheticNation {
    thidua::NationSpec::national()
        .with_members(members)
        .with_units(units.0, units.1, units.2)
        .unwrap()
        .generate()
        .unwrap()
}

#[cfg(feature = "synthetic")]
fn small_nation() -> Dataset {
    nation(3_000, (3, 6, 60)).to_dataset()
}

#[cfg(feature = "synthetic")]
#[test]
fn inner_rows_without_their_parent_are_reported() {
    let dir = written("orphans", &small_nation());
    write_batch(
        &dir.path().join("conferrals.parquet"),
        vec![
            (
                "decision_row",
                Arc::new(Int64Array::from(vec![100_000])) as ArrayRef,
            ),
            ("title", Arc::new(StringArray::from(vec!["ldtt"]))),
        ],
    );
    forget_row_counts(dir.path());
    let report = problems(read_dataset(dir.path()));
    assert_eq!(
        rows_at(&report, "parquet.orphan_row"),
        [(
            "conferrals.parquet".to_owned(),
            0,
            "decision_row".to_owned()
        )]
    );
}

fn read_rows(path: &Path) -> Vec<RecordBatch> {
    ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(path).unwrap())
        .unwrap()
        .build()
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn roll_ups_and_verdicts_export_as_tables() {
    let dataset = bundled("gia-lam-2021-2022");
    let model = dataset.into_model().unwrap();
    let day = model.meta.as_of.unwrap();
    let period = model.meta.period.unwrap();
    let tree = model.hierarchy.as_of(day);
    let rows = RollupRow::from_model(&model, &tree, Some(&period));
    assert_eq!(rows.len(), tree.len());
    let dir = TempDir::new("exports");
    std::fs::create_dir_all(dir.path()).unwrap();
    let path = dir.path().join("rollup.parquet");
    write_rollup_parquet(&path, &rows).unwrap();
    let batches = read_rows(&path);
    let total: usize = batches.iter().map(RecordBatch::num_rows).sum();
    assert_eq!(total, tree.len());
    let schema = batches[0].schema();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(
        names,
        [
            "unit",
            "code",
            "parent",
            "level",
            "members",
            "women",
            "ldtt",
            "cstdcs",
            "money_dong"
        ]
    );
    assert_eq!(schema.field(8).data_type(), &DataType::Decimal128(38, 0));

    let population = Population::of_model(&model, &period, None).unwrap();
    let review = MemberReview::new(
        &population,
        Configuration::new(model.evaluator(), ReviewContext::new(period)),
    );
    let verdicts = review.verdicts().unwrap();
    assert_eq!(verdicts.len(), population.len() * population.titles().len());
    let path = dir.path().join("verdicts.parquet");
    write_verdicts_parquet(&path, &verdicts).unwrap();
    let total: usize = read_rows(&path).iter().map(RecordBatch::num_rows).sum();
    assert_eq!(total, verdicts.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Members of any gender and role, with or without, read back as written.
    #[test]
    fn members_round_trip(people in prop::collection::vec((0u8..3, 0u8..4), 1..40)) {
        let mut dataset = bundled("thach-that-2021-2022");
        for (i, (g, r)) in people.iter().enumerate() {
            let mut m = MemberRecord::new(MemberId::from_key(&format!("p{i}")));
            match g {
                0 => m = m.with_gender(Gender::Female),
                1 => m = m.with_gender(Gender::Male),
                _ => {}
            }
            match r {
                0 => m = m.with_role(Role::Teacher),
                1 => m = m.with_role(Role::Manager),
                2 => m = m.with_role(Role::Staff),
                _ => {}
            }
            dataset.members.push(m);
        }
        let dir = TempDir::new("prop");
        write_dataset(&dataset, dir.path()).unwrap();
        prop_assert_eq!(read_dataset(dir.path()).unwrap(), dataset);
    }
}

#[cfg(feature = "cli")]
#[test]
fn the_tool_converts_both_ways_and_writes_a_roll_up() {
    use std::process::Command;
    let json = format!(
        "{}/examples/data/tay-ho-2019-2020.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let dir = TempDir::new("cli");
    let tables = dir.path().join("tables");
    let back = dir.path().join("back.json");
    let run = |args: &[&std::ffi::OsStr]| {
        let out = Command::new(env!("CARGO_BIN_EXE_thidua"))
            .args(args)
            .arg("--lang")
            .arg("en")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["convert".as_ref(), json.as_ref(), tables.as_os_str()]);
    run(&["convert".as_ref(), tables.as_os_str(), back.as_os_str()]);
    let read = |p: &Path| Dataset::from_json(&std::fs::read_to_string(p).unwrap()).unwrap();
    assert_eq!(read(&back), read(Path::new(&json)));
    let parts = dir.path().join("parts");
    run(&[
        "convert".as_ref(),
        json.as_ref(),
        parts.as_os_str(),
        "--by-province".as_ref(),
    ]);
    assert!(parts.join("province=HN/members.parquet").is_file());
    assert_eq!(read_dataset(&parts).unwrap(), read(Path::new(&json)));
    let out = dir.path().join("out");
    run(&[
        "rollup".as_ref(),
        tables.as_os_str(),
        "--parquet-out".as_ref(),
        out.as_os_str(),
    ]);
    let rows: usize = read_rows(&out.join("rollup.parquet"))
        .iter()
        .map(RecordBatch::num_rows)
        .sum();
    assert!(rows > 0);
}

/// The figures-only path's rows for a nation written in `dir` equal the validated
/// roll-up's, unit by unit; the validated rows are returned.
#[cfg(feature = "synthetic")]
fn figures_match_the_model(dir: &Path, nation: &thidua::SyntheticNation) -> Vec<RollupRow> {
    let period = nation.review_period();
    let fast = thidua::parquet::rollup_figures(dir, nation.as_of(), &period).unwrap();
    let model = read_model(dir).unwrap();
    let tree = model.hierarchy.as_of(nation.as_of());
    let full = RollupRow::from_model(&model, &tree, Some(&period));
    let key = |r: &RollupRow| {
        (
            r.code.clone(),
            r.parent.clone(),
            r.level,
            r.members,
            r.women,
            r.ldtt,
        )
    };
    let mut a: Vec<_> = fast.iter().map(key).collect();
    let mut b: Vec<_> = full.iter().map(key).collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
    full
}

/// The figures-only path equals the validated roll-up, unit by unit.
#[cfg(feature = "synthetic")]
#[test]
fn the_figures_only_path_equals_the_validated_roll_up() {
    let nation = nation(5_000, (3, 6, 80));
    let dir = written("figures", &nation.to_dataset());
    let full = figures_match_the_model(dir.path(), &nation);
    assert_eq!(full.iter().map(|r| r.members).max(), Some(5_000));
    assert!(full.iter().any(|r| r.ldtt > 0) && full.iter().any(|r| r.women > 0));
}

/// The ids in a column of one table file.
fn ids_in(path: &Path, column: &str) -> Vec<String> {
    let mut out = Vec::new();
    for batch in read_rows(path) {
        let Some(col) = batch.column_by_name(column) else {
            continue;
        };
        let col = col.as_any().downcast_ref::<StringArray>().unwrap();
        out.extend((0..col.len()).map(|i| col.value(i).to_owned()));
    }
    out
}

#[test]
fn bundled_datasets_partitioned_by_province_read_back_the_same() {
    for name in BUNDLED {
        let dataset = bundled(name);
        let dir = TempDir::new(&format!("by-province-{name}"));
        let summary = write_dataset_by_province(&dataset, dir.path()).unwrap();
        assert!(
            summary
                .files
                .iter()
                .any(|(f, _)| f == "province=HN/members.parquet"),
            "{name}: {:?}",
            summary.files
        );
        assert_eq!(read_dataset(dir.path()).unwrap(), dataset, "{name}");
    }
}

/// Each province's rows in its own directory, the units above every province in the
/// default partition, and the same dataset and figures read back.
#[cfg(feature = "synthetic")]
#[test]
fn a_nation_partitioned_by_province_reads_back_the_same() {
    let nation = nation(4_000, (3, 6, 60));
    let dataset = nation.to_dataset();
    let dir = TempDir::new("by-province");
    let summary = write_dataset_by_province(&dataset, dir.path()).unwrap();
    let provinces: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("province="))
        .collect();
    // Three provinces and the national level.
    assert_eq!(provinces.len(), 4, "{provinces:?}");
    let top = dir.path().join(format!("province={DEFAULT_PARTITION}"));
    assert_eq!(
        read_rows(&top.join("units.parquet"))
            .iter()
            .map(|b| b.num_rows())
            .sum::<usize>(),
        1
    );
    assert!(!top.join("members.parquet").exists());
    // Every partition of a table has the same columns, though the root has no parent:
    // readers of hive partitions see one schema.
    let columns = |path: &Path| -> Vec<String> {
        let file = std::fs::File::open(path).unwrap();
        let builder = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
        builder
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect()
    };
    for table in ["units", "members", "memberships", "facts"] {
        let mut seen: Vec<Vec<String>> = provinces
            .iter()
            .map(|p| dir.path().join(p).join(format!("{table}.parquet")))
            .filter(|f| f.exists())
            .map(|f| columns(&f))
            .collect();
        seen.dedup();
        assert_eq!(seen.len(), 1, "{table}: {seen:?}");
    }
    // Every membership of a province's file is in a unit of that province.
    let mut members = 0;
    for p in provinces.iter().filter(|p| !p.ends_with(DEFAULT_PARTITION)) {
        let units = ids_in(&dir.path().join(p).join("units.parquet"), "id");
        let stints = ids_in(&dir.path().join(p).join("memberships.parquet"), "unit");
        assert!(
            !stints.is_empty() && stints.iter().all(|u| units.contains(u)),
            "{p}"
        );
        members += ids_in(&dir.path().join(p).join("members.parquet"), "id").len();
    }
    assert_eq!(members, dataset.members.len());
    assert_eq!(
        summary
            .files
            .iter()
            .filter(|(f, _)| f.ends_with("/members.parquet"))
            .count(),
        3
    );
    assert_eq!(read_dataset(dir.path()).unwrap(), dataset);
    // The figures-only path reads the partitions as the manifest lists them.
    figures_match_the_model(dir.path(), &nation);
}

/// Damage to a file from a fixed seed (xorshift): one to four bytes changed
/// anywhere, or, one round in ten, the file cut short.
struct Damage(u64);

impl Damage {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn of(&mut self, original: &[u8], round: usize) -> Vec<u8> {
        let mut bytes = original.to_vec();
        if round % 10 == 9 {
            bytes.truncate(self.next() as usize % bytes.len());
        } else {
            for _ in 0..1 + self.next() % 4 {
                let at = self.next() as usize % bytes.len();
                bytes[at] = self.next() as u8;
            }
        }
        bytes
    }
}

/// Damaged table files, byte by byte: reading reports them and never panics.
#[cfg(feature = "synthetic")]
#[test]
fn every_damaged_byte_is_reported_not_panicked_on() {
    let nation = nation(300, (2, 3, 12));
    let dir = written("bytes", &nation.to_dataset());
    let mut damage = Damage(0x9e37_79b9_7f4a_7c15);
    let (day, period) = (nation.as_of(), nation.review_period());
    for table in [
        "units",
        "members",
        "memberships",
        "facts",
        "decisions",
        "conferrals",
    ] {
        let target = dir.path().join(format!("{table}.parquet"));
        let original = std::fs::read(&target).unwrap();
        let mut refused = 0;
        for round in 0..150 {
            std::fs::write(&target, damage.of(&original, round)).unwrap();
            let read = std::panic::catch_unwind(|| read_dataset(dir.path()).is_err());
            match read {
                Ok(failed) => refused += usize::from(failed),
                Err(_) => panic!("{table}, round {round}: reading panicked"),
            }
            let figures = std::panic::catch_unwind(|| {
                thidua::parquet::rollup_figures(dir.path(), day, &period).is_err()
            });
            assert!(
                figures.is_ok(),
                "{table}, round {round}: the figures-only path panicked"
            );
        }
        // Some changes fall where they do not matter (statistics, padding); most not.
        assert!(refused > 30, "{table}: {refused} refused");
        std::fs::write(&target, &original).unwrap();
    }
}

/// A member table damaged in 400 ways (one of which once stopped the process in the
/// decoder: a column chunk placed before the file's start).
#[test]
fn a_damaged_member_table_is_reported_not_panicked_on() {
    let dir = written("member-bytes", &bundled("thach-that-2021-2022"));
    let target = dir.path().join("members.parquet");
    let original = std::fs::read(&target).unwrap();
    let mut damage = Damage(0x9e37_79b9_7f4a_7c15);
    for round in 0..400 {
        std::fs::write(&target, damage.of(&original, round)).unwrap();
        let read = std::panic::catch_unwind(|| read_dataset(dir.path()).is_ok());
        assert!(read.is_ok(), "round {round}: reading panicked");
    }
}

/// An id derived from a key is written as that key — a member's code, a unit's
/// code, a decision's issuer, number and day — and read back as the same id; an id
/// not derived from its record's code, and a code shaped like a UUID, stay UUIDs.
#[cfg(feature = "synthetic")]
#[test]
fn ids_derived_from_keys_are_written_as_their_keys() {
    let nation = nation(2_000, (2, 4, 30));
    let mut dataset = nation.to_dataset();
    // A member whose id is not the one derived from their code.
    let code: thidua::MemberCode = "GV-KHAC".parse().unwrap();
    let other = MemberId::from_key("someone else");
    dataset
        .members
        .push(MemberRecord::new(other).with_code(code.clone()));
    // A unit whose code reads as a UUID, its id derived from it.
    let hexlike = "0123456789abcdef0123456789abcdef";
    let school = dataset
        .units
        .iter()
        .find(|u| u.kind().holds_members())
        .unwrap()
        .clone();
    let odd = thidua::UnitRecord::new(
        UnitId::from_key(hexlike),
        hexlike.parse().unwrap(),
        school.kind(),
        thidua::UnitName::try_new("Công đoàn cơ sở mã lạ").unwrap(),
    )
    .with_parent(school.parent().unwrap());
    dataset.units.push(odd);
    dataset
        .memberships
        .push(Membership::new(other, UnitId::from_key(hexlike)));

    let dir = written("keys", &dataset);
    let members = ids_in(&dir.path().join("members.parquet"), "id");
    assert_eq!(members.first().map(String::as_str), Some("DV00000000"));
    assert_eq!(members.last(), Some(&other.to_string()));
    let units = ids_in(&dir.path().join("memberships.parquet"), "unit");
    assert!(units.iter().any(|u| u.starts_with("P01.D001.G")));
    assert_eq!(
        units.last(),
        Some(&UnitId::from_key(hexlike).to_string()),
        "a code shaped like a UUID is not written for the id"
    );
    let holders = ids_in(&dir.path().join("memberships.parquet"), "member");
    assert_eq!(holders.first().map(String::as_str), Some("DV00000000"));
    let decisions = ids_in(&dir.path().join("decisions.parquet"), "id");
    assert!(
        decisions
            .iter()
            .all(|d| d.starts_with("P0") && d.contains("/QĐ-CĐCS/20")),
        "{:?}",
        decisions.first()
    );
    assert!(
        ids_in(&dir.path().join("conferrals.parquet"), "recipient.id")
            .iter()
            .all(|m| m.starts_with("DV"))
    );
    assert_eq!(read_dataset(dir.path()).unwrap(), dataset);
}

/// A file that names members by their codes in one table and by their UUIDs, or
/// their codes spaced otherwise, in another gives the figures of the validated
/// roll-up all the same.
#[cfg(feature = "synthetic")]
#[test]
fn the_figures_only_path_finds_members_named_both_ways() {
    let nation = nation(3_000, (2, 4, 40));
    let dir = written("both-ways", &nation.to_dataset());
    let path = dir.path().join("memberships.parquet");
    let batches: Vec<RecordBatch> = read_rows(&path)
        .into_iter()
        .map(|batch| {
            let columns: Vec<ArrayRef> = batch
                .schema()
                .fields()
                .iter()
                .enumerate()
                .map(|(k, field)| {
                    let array = batch.column(k).clone();
                    if field.name() != "member" {
                        return array;
                    }
                    let codes = array.as_any().downcast_ref::<StringArray>().unwrap();
                    // Half by UUID, half by the code with a space after it.
                    let uuids: StringArray = codes
                        .iter()
                        .enumerate()
                        .map(|(i, c)| {
                            c.map(|c| match i % 2 {
                                0 => MemberId::from_key(c).to_string(),
                                _ => format!("{c} "),
                            })
                        })
                        .collect();
                    Arc::new(uuids) as ArrayRef
                })
                .collect();
            RecordBatch::try_new(batch.schema(), columns).unwrap()
        })
        .collect();
    let schema = batches[0].schema();
    let mut w = ArrowWriter::try_new(std::fs::File::create(&path).unwrap(), schema, None).unwrap();
    for batch in &batches {
        w.write(batch).unwrap();
    }
    w.close().unwrap();
    let named = ids_in(&path, "member");
    assert!(named.iter().step_by(2).all(|m| m.len() == 36));
    assert!(named.iter().skip(1).step_by(2).all(|m| m.ends_with(' ')));

    let full = figures_match_the_model(dir.path(), &nation);
    assert_eq!(full.iter().map(|r| r.members).max(), Some(3_000));
}

/// A million rows of one member in a few kilobytes (dictionary and run-length
/// encoding): a table that declares far more rows than its bytes could hold is
/// refused before a row is decoded, by both readers.
#[cfg(feature = "synthetic")]
#[test]
fn a_table_declaring_more_rows_than_its_bytes_hold_is_refused() {
    let nation = nation(300, (2, 3, 12));
    let dir = written("row-bomb", &nation.to_dataset());
    let rows = 1_000_000;
    let target = dir.path().join("members.parquet");
    write_batch(
        &target,
        vec![(
            "id",
            Arc::new(StringArray::from(vec![
                MemberId::from_key("a").to_string();
                rows
            ])) as ArrayRef,
        )],
    );
    let bytes = std::fs::metadata(&target).unwrap().len();
    assert!(
        bytes * thidua::parquet::MAX_ROWS_PER_BYTE < rows as u64,
        "{bytes} bytes"
    );
    forget_row_counts(dir.path());
    let report = problems(read_dataset(dir.path()));
    let refused: Vec<_> = report.with_code("parquet.too_many_rows").collect();
    assert_eq!(refused.len(), 1, "{report}");
    assert_eq!(
        refused[0].to_string(),
        format!(
            "error[parquet.too_many_rows] at the whole dataset: the table file \"members.parquet\" declares 1,000,000 rows in {} bytes, more than 16 rows a byte; it is refused unread",
            grouped(bytes, ",")
        )
    );
    assert!(
        refused[0]
            .to_string_in(thidua::Lang::Vi)
            .starts_with("lỗi[parquet.too_many_rows] tại toàn bộ dữ liệu: tệp bảng “members.parquet” ghi 1.000.000 dòng trong "),
        "{}",
        refused[0].to_string_in(thidua::Lang::Vi)
    );
    assert_eq!(report.with_code("member.duplicate_id").count(), 0);
    let period = nation.review_period();
    let report = problems(thidua::parquet::rollup_figures(
        dir.path(),
        nation.as_of(),
        &period,
    ));
    assert_eq!(
        report.with_code("parquet.too_many_rows").count(),
        1,
        "{report}"
    );
}

/// The text cells of a column over every batch of a table file.
fn text_column(batches: &[RecordBatch], name: &str) -> Vec<Option<String>> {
    batches
        .iter()
        .flat_map(|b| {
            let a = b.column_by_name(name).unwrap();
            let a = a.as_any().downcast_ref::<StringArray>().unwrap();
            (0..a.len())
                .map(|i| a.is_valid(i).then(|| a.value(i).to_owned()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A bad value in an inner row (a conferral) is told at its own file, row and
/// column, and a bad value in a decision with conferrals at the decision's; every
/// other row still reads.
#[cfg(feature = "synthetic")]
#[test]
fn bad_values_in_inner_rows_are_told_by_file_row_and_column() {
    let dir = written("inner-values", &small_nation());
    let path = dir.path().join("conferrals.parquet");
    let batches = read_rows(&path);
    let parents: Vec<i64> = batches
        .iter()
        .flat_map(|b| {
            let a = b.column_by_name("decision_row").unwrap();
            let a = a.as_any().downcast_ref::<Int64Array>().unwrap();
            a.values().to_vec()
        })
        .collect();
    let mut kinds = text_column(&batches, "recipient.kind");
    kinds[5] = Some("robot".to_owned());
    write_batch(
        &path,
        vec![
            (
                "decision_row",
                Arc::new(Int64Array::from(parents.clone())) as ArrayRef,
            ),
            (
                "title",
                Arc::new(StringArray::from(text_column(&batches, "title"))),
            ),
            ("recipient.kind", Arc::new(StringArray::from(kinds))),
            (
                "recipient.id",
                Arc::new(StringArray::from(text_column(&batches, "recipient.id"))),
            ),
        ],
    );
    let path = dir.path().join("decisions.parquet");
    let batches = read_rows(&path);
    let bad = usize::try_from(parents[40]).unwrap();
    let mut dates = text_column(&batches, "date");
    dates[bad] = Some("2017-13-40".to_owned());
    let columns: Vec<(String, ArrayRef)> = batches[0]
        .schema()
        .fields()
        .iter()
        .map(|f| {
            let values = if f.name() == "date" {
                dates.clone()
            } else {
                text_column(&batches, f.name())
            };
            (
                f.name().clone(),
                Arc::new(StringArray::from(values)) as ArrayRef,
            )
        })
        .collect();
    write_batch(
        &path,
        columns
            .iter()
            .map(|(n, a)| (n.as_str(), a.clone()))
            .collect(),
    );
    let report = problems(read_dataset(dir.path()));
    assert_eq!(
        rows_at(&report, "file.invalid_value"),
        [
            (
                "conferrals.parquet".to_owned(),
                5,
                "recipient.kind".to_owned()
            ),
            (
                "decisions.parquet".to_owned(),
                bad as u64,
                "date".to_owned()
            ),
        ],
        "{report}"
    );
    assert_eq!(report.len(), 2, "{report}");
}

/// Writes one column of `rows` copies of `text` as a table file with the given
/// properties (the Arrow schema left out, as other writers do).
fn write_text_column(
    path: &Path,
    name: &str,
    text: &str,
    rows: usize,
    props: parquet::file::properties::WriterProperties,
) {
    use arrow_array::StringViewArray;
    use parquet::arrow::arrow_writer::ArrowWriterOptions;
    // Views of one buffer: the text is held once however many rows name it.
    let array: ArrayRef = Arc::new(StringViewArray::from_iter_values(std::iter::repeat_n(
        text, rows,
    )));
    let schema = Arc::new(Schema::new(vec![Field::new(
        name,
        array.data_type().clone(),
        true,
    )]));
    let batch = RecordBatch::try_new(schema.clone(), vec![array]).unwrap();
    let options = ArrowWriterOptions::new()
        .with_properties(props)
        .with_skip_arrow_metadata(true);
    let mut w =
        ArrowWriter::try_new_with_options(std::fs::File::create(path).unwrap(), schema, options)
            .unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

/// Groups a number's digits by three with `sep`, as the messages do.
fn grouped(n: u64, sep: &str) -> String {
    n.to_string()
        .as_bytes()
        .rchunks(3)
        .rev()
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join(sep)
}

/// The figure a message holds between `prefix` and `suffix` (digits grouped by
/// commas), checked to lie in `range`.
fn figure_between(en: &str, prefix: &str, suffix: &str, range: std::ops::Range<u64>) -> u64 {
    let figure = en
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(suffix))
        .unwrap_or_else(|| panic!("{en}"));
    let n: u64 = figure.replace(',', "").parse().unwrap();
    assert!(range.contains(&n), "{en}");
    n
}

/// A page says how many bytes it unpacks to and the decoder makes room for them
/// first: a few kilobytes of compressed text can declare, and hold, hundreds of
/// megabytes. Both readers read every page header before anything is unpacked and
/// refuse a page over 64 MiB, or pages adding up to more than 256 bytes for each of
/// the file's.
#[cfg(feature = "synthetic")]
#[test]
fn a_table_whose_pages_unpack_past_its_bytes_is_refused() {
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;
    let nation = nation(300, (2, 3, 12));
    let dir = written("page-bomb", &nation.to_dataset());
    let target = dir.path().join("members.parquet");
    forget_row_counts(dir.path());
    let props = || {
        WriterProperties::builder()
            .set_compression(Compression::ZSTD(Default::default()))
            .set_dictionary_enabled(false)
            .set_max_row_group_row_count(Some(1))
    };
    let period = nation.review_period();
    let both = |dir: &Path| {
        let validated = problems(read_dataset(dir));
        let figures = problems(thidua::parquet::rollup_figures(
            dir,
            nation.as_of(),
            &period,
        ));
        for report in [&validated, &figures] {
            assert_eq!(
                report.with_code("parquet.too_much_unpacked").count(),
                1,
                "{report}"
            );
        }
        validated
            .with_code("parquet.too_much_unpacked")
            .next()
            .unwrap()
            .clone()
    };
    // One page of 96 MiB.
    write_text_column(&target, "name", &"a".repeat(96 << 20), 1, props().build());
    let bytes = std::fs::metadata(&target).unwrap().len();
    assert!(bytes < 64 * 1024, "{bytes} bytes");
    let refused = both(dir.path());
    // The text, its length and the page's levels.
    let unpacked = figure_between(
        &refused.to_string(),
        "error[parquet.too_much_unpacked] at the whole dataset: a page of the column \"name\" of the table file \"members.parquet\" declares ",
        " bytes unpacked, more than the 67,108,864 a page may hold; the file is refused before anything is unpacked",
        (96 << 20) + 4..(96 << 20) + 64,
    );
    assert_eq!(
        refused.to_string_in(thidua::Lang::Vi),
        format!(
            "lỗi[parquet.too_much_unpacked] tại toàn bộ dữ liệu: một trang của cột “name” trong tệp bảng “members.parquet” ghi {} byte khi giải nén, quá 67.108.864 byte một trang được phép; tệp bị từ chối trước khi giải nén",
            grouped(unpacked, ".")
        )
    );
    // Three pages of 30 MiB, in three row groups.
    write_text_column(&target, "name", &"a".repeat(30 << 20), 3, props().build());
    let bytes = std::fs::metadata(&target).unwrap().len();
    assert!(bytes * 256 < 64 << 20, "{bytes} bytes");
    let refused = both(dir.path());
    let unpacked = figure_between(
        &refused.to_string(),
        "error[parquet.too_much_unpacked] at the whole dataset: the pages of the table file \"members.parquet\" declare ",
        &format!(
            " bytes unpacked in {} bytes, more than the 67,108,864 allowed; it is refused before anything is unpacked",
            grouped(bytes, ",")
        ),
        (90 << 20) + 12..(90 << 20) + 192,
    );
    assert_eq!(
        refused.to_string_in(thidua::Lang::Vi),
        format!(
            "lỗi[parquet.too_much_unpacked] tại toàn bộ dữ liệu: các trang của tệp bảng “members.parquet” ghi {} byte khi giải nén trong {} byte, quá 67.108.864 byte được phép; tệp bị từ chối trước khi giải nén",
            grouped(unpacked, "."),
            grouped(bytes, ".")
        )
    );
}

/// A long text that a page's dictionary holds once is held once however many rows
/// name it: while the text the rows name stays within what the file's bytes allow,
/// each row is read and refused on its own; when they name more, the file is refused
/// before its rows are read, by the validated reader and the figures-only path alike.
#[test]
fn a_long_text_named_by_many_rows_is_held_once() {
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;
    let props = || {
        WriterProperties::builder()
            .set_compression(Compression::UNCOMPRESSED)
            .build()
    };
    let dir = written("dictionary-bomb", &bundled("thach-that-2021-2022"));
    let target = dir.path().join("members.parquet");
    forget_row_counts(dir.path());
    let long = "b".repeat(256 << 10);
    // 200 rows naming a text of 256 KiB: 50 MiB in all, within the 64 MiB any file
    // may name.
    write_text_column(&target, "name", &long, 200, props());
    let report = problems(read_dataset(dir.path()));
    let refused = rows_at(&report, "file.invalid_value");
    assert_eq!(refused.len(), 200, "{report}");
    for (k, (file, row, column)) in refused.iter().enumerate() {
        assert_eq!(
            (file.as_str(), *row, column.as_str()),
            ("members.parquet", k as u64, "name")
        );
    }
    let first = report.with_code("file.invalid_value").next().unwrap();
    assert_eq!(
        first.to_string(),
        format!(
            "error[file.invalid_value] at file \"members.parquet\", row 0, column \"name\": invalid person name \"{}…\": 262144 characters, at most 150 allowed",
            "b".repeat(60)
        )
    );
    assert_eq!(report.with_code("parquet.too_much_text").count(), 0);
    // 8.192 rows: 2 GiB in all (read as one text a row, more than one array of text
    // can hold), from a file of under 300 KB.
    write_text_column(&target, "name", &long, 8_192, props());
    let bytes = std::fs::metadata(&target).unwrap().len();
    assert!(bytes < 300 << 10, "{bytes} bytes");
    let report = problems(read_dataset(dir.path()));
    assert_eq!(
        report.with_code("file.invalid_value").count(),
        0,
        "{report}"
    );
    let refused = text_refused(&report, bytes);
    assert_eq!(
        refused.to_string_in(thidua::Lang::Vi),
        format!(
            "lỗi[parquet.too_much_text] tại toàn bộ dữ liệu: các dòng của tệp bảng “members.parquet” nêu tổng cộng 2.147.483.648 byte văn bản, quá {} byte mà {} byte của tệp cho phép; tệp bị từ chối",
            grouped((bytes * 256).max(64 << 20), "."),
            grouped(bytes, ".")
        )
    );
    // The figures-only path reads the members' ids: the same text named from them.
    let nation = nation(300, (2, 3, 12));
    let dir = written("dictionary-bomb-figures", &nation.to_dataset());
    let target = dir.path().join("members.parquet");
    write_text_column(&target, "id", &long, 8_192, props());
    let bytes = std::fs::metadata(&target).unwrap().len();
    let report = problems(thidua::parquet::rollup_figures(
        dir.path(),
        nation.as_of(),
        &nation.review_period(),
    ));
    text_refused(&report, bytes);
}

/// The one `parquet.too_much_text` of a report, its English message checked for a
/// members file of `bytes` bytes naming 2 GiB of text.
fn text_refused(report: &Diagnostics, bytes: u64) -> thidua::Diagnostic {
    let refused: Vec<_> = report.with_code("parquet.too_much_text").collect();
    assert_eq!(refused.len(), 1, "{report}");
    assert_eq!(
        refused[0].to_string(),
        format!(
            "error[parquet.too_much_text] at the whole dataset: the rows of the table file \"members.parquet\" name 2,147,483,648 bytes of text in all, more than the {} its {} bytes allow; the file is refused",
            grouped((bytes * 256).max(64 << 20), ","),
            grouped(bytes, ",")
        )
    );
    refused[0].clone()
}

/// Rewrites a table file's rows with other properties, without the Arrow schema
/// (and its marks of JSON text), as DuckDB and Spark write.
fn rewrite(path: &Path, props: parquet::file::properties::WriterProperties) {
    use parquet::arrow::arrow_writer::ArrowWriterOptions;
    let batches = read_rows(path);
    let schema = batches[0].schema();
    let options = ArrowWriterOptions::new()
        .with_properties(props)
        .with_skip_arrow_metadata(true);
    let mut w =
        ArrowWriter::try_new_with_options(std::fs::File::create(path).unwrap(), schema, options)
            .unwrap();
    for b in &batches {
        w.write(b).unwrap();
    }
    w.close().unwrap();
}

/// Spark, DuckDB and pyarrow write Snappy by default, often with version 2 data pages
/// and statistics in every page header, and without the Arrow schema that marks the
/// columns of JSON text (the manifest names them too): such tables read back the
/// same.
#[cfg(feature = "synthetic")]
#[test]
fn tables_rewritten_as_other_tools_write_them_read_back_the_same() {
    use parquet::basic::Compression;
    use parquet::file::properties::{EnabledStatistics, WriterProperties, WriterVersion};
    let props = |codec| {
        WriterProperties::builder()
            .set_compression(codec)
            .set_writer_version(WriterVersion::PARQUET_2_0)
            .set_statistics_enabled(EnabledStatistics::Page)
            .set_write_page_header_statistics(true)
            .set_data_page_row_count_limit(500)
            .set_max_row_group_row_count(Some(1_000))
            .build()
    };
    let codecs = [
        Compression::SNAPPY,
        Compression::LZ4_RAW,
        Compression::UNCOMPRESSED,
        Compression::ZSTD(Default::default()),
    ];
    let mut json_columns = 0;
    for (name, dataset) in [
        ("gia-lam", bundled("gia-lam-2021-2022")),
        ("nation", nation(3_000, (3, 6, 60)).to_dataset()),
    ] {
        let dir = written(&format!("other-writers-{name}"), &dataset);
        let manifest: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join(MANIFEST)).unwrap())
                .unwrap();
        for (k, table) in manifest["tables"].as_array().unwrap().iter().enumerate() {
            json_columns += table
                .get("json")
                .and_then(|j| j.as_array())
                .map_or(0, Vec::len);
            let file = table["files"][0].as_str().unwrap();
            rewrite(&dir.path().join(file), props(codecs[k % codecs.len()]));
        }
        let back = read_dataset(dir.path()).unwrap_or_else(|d| panic!("{name}: {d}"));
        assert_eq!(back, dataset, "{name}");
    }
    assert!(json_columns >= 3, "{json_columns} columns of JSON text");
}

/// Gzip, Brotli and framed LZ4 pages unpack to whatever their stream holds, whatever
/// their header declares: such a table is refused from its footer, by name.
#[cfg(feature = "synthetic")]
#[test]
fn a_table_compressed_in_a_way_not_read_is_refused_by_name() {
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;
    let nation = nation(300, (2, 3, 12));
    let dir = written("gzip", &nation.to_dataset());
    let target = dir.path().join("members.parquet");
    let props = WriterProperties::builder()
        .set_compression(Compression::UNCOMPRESSED)
        .build();
    write_text_column(&target, "name", "Nguyễn Thị An", 3, props);
    // The footer's codec of the column, UNCOMPRESSED (0), made GZIP (2): the path
    // ["name"] then field 4, an i32 in Thrift's compact protocol.
    let mut bytes = std::fs::read(&target).unwrap();
    let pattern = b"\x18\x04name\x15\x00";
    let at = bytes
        .windows(pattern.len())
        .position(|w| w == pattern)
        .expect("the column's metadata");
    bytes[at + pattern.len() - 1] = 0x04;
    std::fs::write(&target, &bytes).unwrap();
    forget_row_counts(dir.path());
    let report = problems(read_dataset(dir.path()));
    let refused: Vec<_> = report.with_code("parquet.codec").collect();
    assert_eq!(refused.len(), 1, "{report}");
    assert_eq!(
        refused[0].to_string(),
        "error[parquet.codec] at the whole dataset: the column \"name\" of the table file \"members.parquet\" is compressed with GZIP, which the crate does not read; write the file again with ZSTD, SNAPPY, LZ4_RAW or no compression"
    );
    assert_eq!(
        refused[0].to_string_in(thidua::Lang::Vi),
        "lỗi[parquet.codec] tại toàn bộ dữ liệu: cột “name” của tệp bảng “members.parquet” được nén bằng GZIP, cách nén thư viện không đọc; hãy ghi lại tệp bằng ZSTD, SNAPPY, LZ4_RAW hoặc không nén"
    );
    let period = nation.review_period();
    let report = problems(thidua::parquet::rollup_figures(
        dir.path(),
        nation.as_of(),
        &period,
    ));
    assert_eq!(report.with_code("parquet.codec").count(), 1, "{report}");
}
