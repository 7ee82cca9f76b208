//! Year-end review: LĐTT verdicts for many members, with and without explanations,
//! against a hand-written function for the same rules.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use thidua::{Candidate, Evaluator, MemberFacts, Outcome, Period, ReviewContext, TaskGrade};

const N: usize = 1_000_000;

fn members() -> Vec<MemberFacts> {
    let grades = [
        TaskGrade::Excellent,
        TaskGrade::Good,
        TaskGrade::Good,
        TaskGrade::Good,
        TaskGrade::Completed,
    ];
    (0..N)
        .map(|i| {
            let recruited =
                NaiveDate::from_ymd_opt(2000 + (i % 25) as i32, 1 + (i % 12) as u32, 1).unwrap();
            let mut f = MemberFacts::new()
                .with_recruited_on(recruited)
                .with_disciplines(vec![]);
            if i % 97 != 0 {
                f = f.with_grade(grades[i % grades.len()]);
            }
            f
        })
        .collect()
}

/// The same LĐTT rules written by hand (grade, recruitment months), for scale.
fn by_hand(f: &MemberFacts, end: NaiveDate) -> Outcome {
    let grade = f.grade().map(|g| g >= TaskGrade::Good);
    let months = f.recruited_on().map(|r| {
        r.checked_add_months(chrono::Months::new(6))
            .is_some_and(|d| d <= end.succ_opt().unwrap())
    });
    match (grade, months) {
        (Some(false), _) | (_, Some(false)) => Outcome::Ineligible,
        (Some(true), Some(true)) => Outcome::Eligible,
        _ => Outcome::Undetermined,
    }
}

fn review(c: &mut Criterion) {
    let people = members();
    let context = ReviewContext::new(Period::SchoolYear("2023-2024".parse().unwrap()));
    let plan = Evaluator::new().plan("ldtt", &context, &[]).unwrap();
    let end = NaiveDate::from_ymd_opt(2024, 8, 31).unwrap();
    // The engine and the hand-written rules agree.
    for f in people.iter().take(10_000) {
        assert_eq!(plan.outcome(Candidate::Member(f)).unwrap(), by_hand(f, end));
    }
    let mut group = c.benchmark_group("ldtt review");
    group.throughput(Throughput::Elements(N as u64));
    group.sample_size(10);
    group.bench_function("outcome only, 1M members", |b| {
        b.iter(|| {
            let mut eligible = 0u32;
            for f in &people {
                eligible +=
                    u32::from(plan.outcome(Candidate::Member(f)).unwrap() == Outcome::Eligible);
            }
            black_box(eligible)
        })
    });
    group.bench_function("hand-written, 1M members", |b| {
        b.iter(|| {
            let mut eligible = 0u32;
            for f in &people {
                eligible += u32::from(by_hand(f, end) == Outcome::Eligible);
            }
            black_box(eligible)
        })
    });
    group.bench_function("with explanations, 1M members", |b| {
        b.iter(|| {
            let mut findings = 0usize;
            for f in &people {
                findings += plan.explain(Candidate::Member(f)).unwrap().findings().len();
            }
            black_box(findings)
        })
    });
    group.finish();
}

criterion_group!(benches, review);
criterion_main!(benches);
