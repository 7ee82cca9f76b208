//! Building a snapshot of a national-scale hierarchy (1 + 54 + 700 + 135.000 units).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use thidua::{Bloc, Hierarchy, UnitCode, UnitId, UnitKind, UnitName, UnitRecord};

fn unit(code: &str, kind: UnitKind, parent: Option<&str>) -> UnitRecord {
    let r = UnitRecord::new(
        UnitId::from_key(code),
        UnitCode::try_new(code).unwrap(),
        kind,
        UnitName::try_new(&format!("Công đoàn {code}")).unwrap(),
    );
    match parent {
        Some(p) => r.with_parent(UnitId::from_key(p)),
        None => r,
    }
}

fn national() -> Vec<UnitRecord> {
    let mut units = vec![unit("VN", UnitKind::Confederation, None)];
    for p in 0..54 {
        units.push(unit(
            &format!("P{p}"),
            UnitKind::ProvincialFederation,
            Some("VN"),
        ));
    }
    for d in 0..700 {
        units.push(unit(
            &format!("P{}.D{d}", d % 54),
            UnitKind::DistrictFederation,
            Some(&format!("P{}", d % 54)),
        ));
    }
    for g in 0..135_000 {
        let d = g % 700;
        let parent = format!("P{}.D{d}", d % 54);
        units.push(
            unit(
                &format!("{parent}.G{g}"),
                UnitKind::Grassroots,
                Some(&parent),
            )
            .with_bloc(if g % 3 == 0 {
                Bloc::Schools
            } else {
                Bloc::ProductionBusiness
            }),
        );
    }
    units
}

fn snapshot(c: &mut Criterion) {
    let h = Hierarchy::build(national(), vec![], vec![]).unwrap();
    let day = NaiveDate::from_ymd_opt(2024, 5, 31).unwrap();
    assert_eq!(h.as_of(day).len(), 135_755);
    c.bench_function("snapshot of 135.755 units", |b| {
        b.iter(|| black_box(h.as_of(black_box(day))))
    });
}

fn build(c: &mut Criterion) {
    let units = national();
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    group.bench_function("validate and build 135.755 units", |b| {
        b.iter(|| black_box(Hierarchy::build(units.clone(), vec![], vec![]).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, snapshot, build);
criterion_main!(benches);
