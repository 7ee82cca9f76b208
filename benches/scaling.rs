//! Scaling of hostile inputs: each group runs the same shape of input at N and 10 N,
//! so that the ratio of the two times shows how the cost grows (linear: about 10 ×).
//!
//! - `cycle check`: pairs of units that hang under each other on different days (no
//!   cycle on any single day), each pair on its own dates.
//! - `import one member`: a member sheet whose rows all name the same member, each
//!   with another membership.
//! - `one decision, many titles`: a decision conferring N titles of its own on one
//!   member, read into a decision and then into an award history.
//!
//! Inputs are made outside the timing, and results dropped outside it.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use chrono::{Days, NaiveDate};
use criterion::{BatchSize, BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use thidua::{
    AwardHistory, Catalogue, Cell, Conferral, Decision, DecisionId, Hierarchy, ImportMode,
    Importer, Issuer, LineageEvent, MemberId, Recipient, Sheet, Template, TitleCode, UnitCode,
    UnitId, UnitKind, UnitName, UnitRecord,
};

fn unit(code: &str, kind: UnitKind, parent: Option<&str>) -> UnitRecord {
    let r = UnitRecord::new(
        UnitId::from_key(code),
        UnitCode::try_new(code).unwrap(),
        kind,
        UnitName::try_new(&format!("Công đoàn {code}")).unwrap(),
    )
    .established_on(NaiveDate::from_ymd_opt(2000, 1, 1).unwrap());
    match parent {
        Some(p) => r.with_parent(UnitId::from_key(p)),
        None => r,
    }
}

/// `pairs` pairs of units under one root: on its own day the first of a pair moves
/// under the second; the next day it moves back under the root and the second moves
/// under it. No unit is ever its own ancestor.
fn alternating_pairs(pairs: usize) -> (Vec<UnitRecord>, Vec<LineageEvent>) {
    let mut units = vec![unit("R", UnitKind::Grassroots, None)];
    let mut events = Vec::with_capacity(pairs * 3);
    let start = NaiveDate::from_ymd_opt(2001, 1, 1).unwrap();
    for i in 0..pairs {
        let (a, b) = (format!("A{i}"), format!("B{i}"));
        units.push(unit(&a, UnitKind::Department, Some("R")));
        units.push(unit(&b, UnitKind::Department, Some("R")));
        let day = start + Days::new(2 * i as u64);
        let next = day + Days::new(1);
        events.push(LineageEvent::Reparent {
            unit: UnitId::from_key(&a),
            date: day,
            parent: UnitId::from_key(&b),
        });
        events.push(LineageEvent::Reparent {
            unit: UnitId::from_key(&a),
            date: next,
            parent: UnitId::from_key("R"),
        });
        events.push(LineageEvent::Reparent {
            unit: UnitId::from_key(&b),
            date: next,
            parent: UnitId::from_key(&a),
        });
    }
    (units, events)
}

fn cycle_check(c: &mut Criterion) {
    let mut group = c.benchmark_group("cycle check");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    for pairs in [2_000, 20_000] {
        let (units, events) = alternating_pairs(pairs);
        // Department under department is a forbidden parent, reported for each move;
        // no cycle is.
        let report = Hierarchy::build(units.clone(), vec![], events.clone()).unwrap_err();
        assert_eq!(report.with_code("unit.cycle").count(), 0);
        group.bench_with_input(
            BenchmarkId::new("alternating pairs", pairs),
            &(units, events),
            |b, (units, events)| {
                b.iter_batched(
                    || (units.clone(), events.clone()),
                    |(units, events)| Hierarchy::build(units, vec![], events),
                    BatchSize::LargeInput,
                )
            },
        );
    }
    group.finish();
}

/// A member sheet of `rows` rows naming one member, each row a membership of its
/// own dates (two memberships begin each day, from 1900 on, so that 100.000 rows
/// stay within the supported years).
fn one_member_sheet(rows: usize) -> Sheet {
    let mut sheet = Sheet::new("Đoàn viên");
    sheet.push_row(
        [
            "Họ và tên",
            "Ngày sinh",
            "Mã đơn vị",
            "Ngày vào công đoàn",
            "Ngày rời đơn vị",
        ]
        .into_iter()
        .map(Cell::from)
        .collect(),
    );
    let start = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
    for i in 0..rows {
        let joined = start + Days::new((i / 2) as u64);
        let left = joined + Days::new(1 + (i % 2) as u64);
        sheet.push_row(vec![
            Cell::from("Nguyễn Thị Lan"),
            Cell::from("12/03/1985"),
            Cell::from("HN.GIALAM.MN-PHU-THI"),
            Cell::from(joined.format("%d/%m/%Y").to_string().as_str()),
            Cell::from(left.format("%d/%m/%Y").to_string().as_str()),
        ]);
    }
    sheet
}

fn import_one_member(c: &mut Criterion) {
    let mut group = c.benchmark_group("import one member");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    for rows in [10_000, 100_000] {
        let sheet = one_member_sheet(rows);
        let importer = Importer::new(Template::Members).mode(ImportMode::AllOrNothing);
        let import = importer.import(&sheet).unwrap();
        assert_eq!(import.dataset.members.len(), 1);
        assert_eq!(import.dataset.memberships.len(), rows);
        group.bench_with_input(BenchmarkId::new("rows", rows), &sheet, |b, sheet| {
            b.iter_batched(|| (), |()| importer.import(sheet), BatchSize::LargeInput)
        });
    }
    group.finish();
}

/// `titles` conferrals of one decision on one member, each of a title of its own.
fn many_titles(titles: usize) -> Vec<Conferral> {
    let member = Recipient::Member(MemberId::from_key("DV-1"));
    (0..titles)
        .map(|i| Conferral::new(TitleCode::try_new(&format!("t{i}")).unwrap(), member))
        .collect()
}

fn one_decision_many_titles(c: &mut Criterion) {
    let mut group = c.benchmark_group("one decision, many titles");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    let catalogue = Catalogue::builtin();
    for titles in [10_000, 100_000] {
        let conferrals = many_titles(titles);
        let decide = |conferrals: Vec<Conferral>| {
            let d = Decision::new(
                DecisionId::from_key("d"),
                "1/QĐ-CĐCS".parse().unwrap(),
                NaiveDate::from_ymd_opt(2024, 6, 1).unwrap(),
                Issuer::Unit(UnitId::from_key("R")),
                "2023-2024".parse().unwrap(),
                conferrals,
            );
            AwardHistory::build(&catalogue, &[d])
        };
        // No title is in the catalogue (the report keeps the first problems of
        // many), and none is given twice.
        let report = decide(conferrals.clone()).unwrap_err();
        assert!(!report.is_empty());
        assert!(report.iter().all(|d| d.code() == "decision.unknown_title"));
        group.bench_with_input(
            BenchmarkId::new("titles", titles),
            &conferrals,
            |b, conferrals| b.iter_batched(|| conferrals.clone(), decide, BatchSize::LargeInput),
        );
    }
    group.finish();
}

criterion_group!(
    benches,
    cycle_check,
    import_one_member,
    one_decision_many_titles
);
criterion_main!(benches);
