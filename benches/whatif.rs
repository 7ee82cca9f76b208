//! What-if reviews on the synthetic nation: one review (LĐTT and CSTĐCS outcomes of
//! every member) against a what-if over the same members — a quota of 15 % against
//! 10 % (the same plans: each member evaluated once), and the same school year
//! decided under ND 98/2023 against ND 152/2025 (different plans: each member
//! evaluated twice, the changed ones explained).
//!
//! 200.000 members by default; `THIDUA_BENCH_MEMBERS` for another number.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use thidua::{
    Change, Citation, Configuration, Evaluator, Jurisdiction, MemberReview, NationSpec, Override,
    ParamId, Population, ReviewContext, WhatIf,
};

fn members_from_env() -> u64 {
    std::env::var("THIDUA_BENCH_MEMBERS")
        .ok()
        .and_then(|v| v.replace(['_', '.'], "").parse().ok())
        .unwrap_or(200_000)
}

fn quota(percent: u32) -> Override {
    Override::new(
        Jurisdiction::Everywhere,
        NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        Change::SetParameter {
            parameter: ParamId::CstdcsQuotaPercent,
            value: percent,
        },
        Citation::new("Quyết định 12/2024/QĐ-UBND").article("8"),
    )
}

fn whatif(c: &mut Criterion) {
    let members = members_from_env();
    let nation = NationSpec::national()
        .with_members(members)
        .generate()
        .unwrap();
    let tree = nation.hierarchy().as_of(nation.as_of());
    let mut population = Population::new();
    for (unit, _, range) in nation.grassroots() {
        let node = tree.node(unit).unwrap();
        for i in range {
            population.add_member(
                &tree,
                node,
                nation.member_id(i),
                nation.member_facts(i).unwrap(),
            );
        }
    }
    let period = nation.review_period();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let nd98 = ReviewContext::new(period).decision_on(day(2024, 6, 15));
    let nd152 = ReviewContext::new(period).decision_on(day(2025, 9, 1));
    let a = Configuration::new(Evaluator::new(), nd98.clone()).with_override(quota(15));
    let b_quota = Configuration::new(Evaluator::new(), nd98).with_override(quota(10));
    let b_regime = Configuration::new(Evaluator::new(), nd152).with_override(quota(15));
    let regimes = WhatIf::compare(&population, &a, &b_regime).unwrap();
    let text = regimes.to_text(thidua::Lang::En);
    let summary: Vec<&str> = text
        .lines()
        .take_while(|l| !l.starts_with("By level"))
        .collect();
    eprintln!("{}", summary.join("\n"));

    let mut group = c.benchmark_group(format!("whatif/{members}"));
    group.sample_size(10);
    group.throughput(Throughput::Elements(population.len() as u64));
    let review = MemberReview::new(&population, a.clone());
    group.bench_function("one review (ldtt + cstdcs)", |b| {
        b.iter(|| black_box(review.run().unwrap()))
    });
    let review_nd152 = MemberReview::new(&population, b_regime.clone());
    group.bench_function("one review under ND 152 (ldtt + cstdcs)", |b| {
        b.iter(|| black_box(review_nd152.run().unwrap()))
    });
    group.bench_function("what-if, quota 15 % against 10 %", |b| {
        b.iter(|| black_box(WhatIf::compare(&population, &a, &b_quota).unwrap()))
    });
    group.bench_function("what-if, ND 98 against ND 152", |b| {
        b.iter(|| black_box(WhatIf::compare(&population, &a, &b_regime).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, whatif);
criterion_main!(benches);
