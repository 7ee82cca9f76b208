//! National scale on the synthetic dataset: the snapshot, the columnar roll-up
//! (full and one member changed), the LĐTT review with and without explanations,
//! loading and validating a dataset file, and reading it from Parquet files (with
//! the `parquet` feature).
//!
//! 1.000.000 members by default; `THIDUA_BENCH_MEMBERS=11500000` for the national
//! figure (the load benchmark stays at `THIDUA_BENCH_LOAD_MEMBERS`, 1.000.000 by
//! default: its JSON text and model take several gigabytes at 11,5 million).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use thidua::{
    Candidate, Dataset, Evaluator, Gender, MemberFacts, MemberFigures, NationSpec, Outcome,
    ReviewContext, SyntheticNation, Vnd,
};

fn members_from_env(var: &str) -> u64 {
    std::env::var(var)
        .ok()
        .and_then(|v| v.replace(['_', '.'], "").parse().ok())
        .unwrap_or(1_000_000)
}

fn nation(members: u64) -> SyntheticNation {
    NationSpec::national()
        .with_members(members)
        .generate()
        .unwrap()
}

fn rollup(c: &mut Criterion) {
    let members = members_from_env("THIDUA_BENCH_MEMBERS");
    let nation = nation(members);
    let mut group = c.benchmark_group(format!("national/{members}"));
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(5));
    let h = nation.hierarchy();
    group.bench_function("snapshot of 135.755 units", |b| {
        b.iter(|| black_box(h.as_of(nation.as_of())))
    });
    let tree = h.as_of(nation.as_of());
    let mut rollup = nation.columnar(&tree).unwrap();
    group.throughput(Throughput::Elements(members));
    for threads in [1, 2] {
        group.bench_function(format!("columnar roll-up, {threads} thread(s)"), |b| {
            b.iter(|| rollup.recompute(black_box(threads)))
        });
    }
    group.bench_function("plain scan of the member columns", |b| {
        b.iter(|| black_box(rollup.scan()))
    });
    group.throughput(Throughput::Elements(1));
    let slots: Vec<_> = (0..4096u64)
        .filter_map(|k| rollup.slot((k.wrapping_mul(2_654_435_761) % members.max(1)) as usize))
        .collect();
    let figures = [
        MemberFigures::new().with_gender(Gender::Female).with_ldtt(),
        MemberFigures::new()
            .with_sponsorship(Vnd::from_dong(2_000_000))
            .unwrap(),
    ];
    let mut k = 0usize;
    group.bench_function("one member changed (all ancestors updated)", |b| {
        b.iter(|| {
            k = k.wrapping_add(1);
            rollup
                .update(slots[k % slots.len()], figures[k % 2])
                .unwrap()
        })
    });
    group.finish();
}

fn review(c: &mut Criterion) {
    let members = members_from_env("THIDUA_BENCH_MEMBERS").min(1_000_000);
    let nation = nation(members);
    let facts: Vec<MemberFacts> = (0..nation.len())
        .filter_map(|i| nation.member_facts(i))
        .collect();
    let context = ReviewContext::new(nation.review_period());
    let plan = Evaluator::new().plan("ldtt", &context, &[]).unwrap();
    let mut group = c.benchmark_group(format!("national review/{members}"));
    group.sample_size(10);
    group.throughput(Throughput::Elements(facts.len() as u64));
    group.bench_function("ldtt outcome", |b| {
        b.iter(|| {
            let mut eligible = 0u32;
            for f in &facts {
                eligible +=
                    u32::from(plan.outcome(Candidate::Member(f)).unwrap() == Outcome::Eligible);
            }
            black_box(eligible)
        })
    });
    group.bench_function("ldtt with explanations", |b| {
        b.iter(|| {
            let mut findings = 0usize;
            for f in &facts {
                findings += plan.explain(Candidate::Member(f)).unwrap().findings().len();
            }
            black_box(findings)
        })
    });
    group.finish();
}

fn load(c: &mut Criterion) {
    let members = members_from_env("THIDUA_BENCH_LOAD_MEMBERS");
    let text = nation(members).to_dataset().to_json();
    let mut group = c.benchmark_group(format!("national load/{members}"));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Bytes(text.len() as u64));
    // Freeing the result is not loading it: drops happen outside the timing.
    group.bench_function("from_json", |b| {
        b.iter_with_large_drop(|| Dataset::from_json(&text).unwrap())
    });
    group.bench_function("from_json + into_model", |b| {
        b.iter_with_large_drop(|| Dataset::from_json(&text).unwrap().into_model().unwrap())
    });
    let dataset = Dataset::from_json(&text).unwrap();
    group.bench_function("into_model", |b| {
        b.iter_batched(
            || dataset.clone(),
            |d| black_box(d.into_model().unwrap()),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// Reading the synthetic nation from a directory of Parquet files: the dataset, the
/// validated model, and the figures-only roll-up (`THIDUA_BENCH_LOAD_MEMBERS`
/// members, 1.000.000 by default).
#[cfg(feature = "parquet")]
fn parquet(c: &mut Criterion) {
    let members = members_from_env("THIDUA_BENCH_LOAD_MEMBERS");
    let nation = nation(members);
    let dir = std::env::temp_dir().join(format!("thidua-bench-parquet-{}", std::process::id()));
    let summary = thidua::parquet::write_dataset(&nation.to_dataset(), &dir).unwrap();
    let mut group = c.benchmark_group(format!("national parquet/{members}"));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Bytes(summary.bytes));
    group.bench_function("read_dataset", |b| {
        b.iter_with_large_drop(|| thidua::parquet::read_dataset(&dir).unwrap())
    });
    group.bench_function("read_model", |b| {
        b.iter_with_large_drop(|| thidua::parquet::read_model(&dir).unwrap())
    });
    let period = nation.review_period();
    group.bench_function("rollup_figures", |b| {
        b.iter_with_large_drop(|| {
            thidua::parquet::rollup_figures(&dir, nation.as_of(), &period).unwrap()
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(not(feature = "parquet"))]
fn parquet(_: &mut Criterion) {}

criterion_group!(benches, rollup, review, load, parquet);
criterion_main!(benches);
