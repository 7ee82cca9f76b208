//! LĐTT eligibility for the members of the synthetic national dataset, decided by
//! zen-engine (a JDM decision table of 4 rows) and by thidua's `Plan`, verdict by
//! verdict; prints nanoseconds per verdict with and without explanations/trace.
//!
//! ```sh
//! cargo run --release -- --members 1000000
//! ```

use std::error::Error;
use std::future::Future;
use std::hint::black_box;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use chrono::{Months, NaiveDate};
use serde_json::json;
use thidua::{Candidate, Evaluator, MemberFacts, NationSpec, Outcome, ReviewContext, TaskGrade};
use zen_engine::model::DecisionContent;
use zen_engine::{DecisionEngine, EvaluationOptions, Variable};

/// The LĐTT rules of the crate's plan for 2023-2024 (ND 98/2023 with TT 01/2024):
/// grade "hoàn thành tốt" or better, and at least 6 months of work by the end of the
/// school year. Unknown facts are -1; the first matching row wins.
fn table() -> serde_json::Value {
    json!({
        "nodes": [
            { "id": "in", "name": "request", "type": "inputNode", "content": {} },
            { "id": "dt", "name": "ldtt", "type": "decisionTableNode", "content": {
                "hitPolicy": "first",
                "passThrough": false,
                "inputs": [
                    { "id": "g", "name": "Grade", "field": "grade" },
                    { "id": "m", "name": "Months", "field": "months" }
                ],
                "outputs": [ { "id": "o", "name": "Outcome", "field": "outcome" } ],
                "rules": [
                    { "_id": "r1", "g": ">= 0 and < 2", "m": "", "o": "'ineligible'" },
                    { "_id": "r2", "g": "", "m": ">= 0 and < 6", "o": "'ineligible'" },
                    { "_id": "r3", "g": ">= 2", "m": ">= 6", "o": "'eligible'" },
                    { "_id": "r4", "g": "", "m": "", "o": "'undetermined'" }
                ]
            } },
            { "id": "out", "name": "response", "type": "outputNode", "content": {} }
        ],
        "edges": [
            { "id": "e1", "sourceId": "in", "targetId": "dt" },
            { "id": "e2", "sourceId": "dt", "targetId": "out" }
        ]
    })
}

/// Whole months from `from` to the day after `end` (as the crate counts them).
fn months(from: NaiveDate, end: NaiveDate) -> i64 {
    let after = end.succ_opt().unwrap_or(end);
    let mut m = 0u32;
    while from
        .checked_add_months(Months::new(m + 1))
        .is_some_and(|d| d <= after)
    {
        m += 1;
    }
    i64::from(m)
}

fn input(f: &MemberFacts, end: NaiveDate) -> serde_json::Value {
    let grade = match f.grade() {
        Some(TaskGrade::NotCompleted) => 0,
        Some(TaskGrade::Completed) => 1,
        Some(TaskGrade::Good) => 2,
        Some(TaskGrade::Excellent) => 3,
        _ => -1,
    };
    let months = f.recruited_on().map_or(-1, |r| months(r, end));
    json!({ "grade": grade, "months": months })
}

/// Runs a future that never waits on anything outside itself (zen's decision
/// tables do not) to completion.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = future.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn outcome_of(result: &Variable) -> Option<Outcome> {
    match result.dot("outcome")?.as_str()? {
        "eligible" => Some(Outcome::Eligible),
        "ineligible" => Some(Outcome::Ineligible),
        "undetermined" => Some(Outcome::Undetermined),
        _ => None,
    }
}

fn ns_per(d: Duration, n: usize) -> f64 {
    d.as_secs_f64() * 1e9 / n.max(1) as f64
}

fn best(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut members = 1_000_000u64;
    let mut zen_members: Option<usize> = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--members" => members = it.next().ok_or("--members N")?.parse()?,
            "--zen-members" => zen_members = Some(it.next().ok_or("--zen-members N")?.parse()?),
            other => return Err(format!("unknown argument {other:?}").into()),
        }
    }
    let nation = NationSpec::national().with_members(members).generate()?;
    let facts: Vec<MemberFacts> = (0..nation.len())
        .filter_map(|i| nation.member_facts(i))
        .collect();
    let context = ReviewContext::new(nation.review_period());
    let plan = Evaluator::new().plan("ldtt", &context, &[])?;
    let end = NaiveDate::from_ymd_opt(2024, 8, 31).ok_or("date")?;
    println!("members={}", facts.len());
    println!("plan_rules={}", plan.rule_codes().join(","));

    // The crate: outcome only, then full explanations (findings), then the
    // explanations written out in Vietnamese.
    let n = facts.len();
    let crate_outcome = best(5, || {
        let mut eligible = 0u32;
        for f in &facts {
            eligible += u32::from(plan.outcome(Candidate::Member(f)) == Ok(Outcome::Eligible));
        }
        black_box(eligible);
    });
    let crate_explain = best(3, || {
        let mut findings = 0usize;
        for f in &facts {
            findings += plan
                .explain(Candidate::Member(f))
                .map_or(0, |v| v.findings().len());
        }
        black_box(findings);
    });
    let text_n = n.min(200_000);
    let crate_text = best(3, || {
        let mut bytes = 0usize;
        for f in facts.iter().take(text_n) {
            if let Ok(v) = plan.explain(Candidate::Member(f)) {
                bytes += v.explain_vi().len();
            }
        }
        black_box(bytes);
    });
    println!("crate_outcome_ns={:.1}", ns_per(crate_outcome, n));
    println!("crate_explain_ns={:.1}", ns_per(crate_explain, n));
    println!("crate_explain_vi_text_ns={:.1}", ns_per(crate_text, text_n));

    // zen-engine: the same table, precompiled; inputs built from the same facts.
    let content: DecisionContent = serde_json::from_value(table())?;
    let engine = DecisionEngine::default();
    let mut decision = engine.create_decision(Arc::new(content))?;
    decision.compile();
    let zn = zen_members.unwrap_or(n).min(n);
    let inputs: Vec<serde_json::Value> = facts.iter().take(zn).map(|f| input(f, end)).collect();

    // Verdicts must agree, member by member.
    let mut disagreements = 0usize;
    let mut outcomes = [0usize; 3];
    let start = Instant::now();
    for (f, i) in facts.iter().zip(&inputs) {
        let response = block_on(decision.evaluate(Variable::from(i.clone())))?;
        let zen = outcome_of(&response.result).ok_or("zen gave no outcome")?;
        let ours = plan.outcome(Candidate::Member(f))?;
        if zen != ours {
            disagreements += 1;
        }
        outcomes[match ours {
            Outcome::Eligible => 0,
            Outcome::Ineligible => 1,
            _ => 2,
        }] += 1;
    }
    let checked = start.elapsed();
    println!("zen_members={zn}");
    println!(
        "outcomes eligible={} ineligible={} undetermined={}",
        outcomes[0], outcomes[1], outcomes[2]
    );
    println!("disagreements={disagreements}");
    if disagreements > 0 {
        return Err(format!("{disagreements} verdicts differ").into());
    }
    let _ = checked;

    // Building zen's input values alone, to subtract.
    let build_inputs = best(3, || {
        for i in &inputs {
            black_box(Variable::from(i.clone()));
        }
    });
    let zen_plain = best(2, || {
        for i in &inputs {
            black_box(block_on(decision.evaluate(Variable::from(i.clone()))).ok());
        }
    });
    let traced = EvaluationOptions {
        trace: true,
        max_depth: 10,
    };
    let zen_trace = best(2, || {
        for i in &inputs {
            black_box(
                block_on(decision.evaluate_with_opts(Variable::from(i.clone()), traced)).ok(),
            );
        }
    });
    let zen_ns = ns_per(zen_plain.saturating_sub(build_inputs), zn);
    let zen_trace_ns = ns_per(zen_trace.saturating_sub(build_inputs), zn);
    println!("zen_input_build_ns={:.1}", ns_per(build_inputs, zn));
    println!("zen_ns={zen_ns:.1}");
    println!("zen_trace_ns={zen_trace_ns:.1}");
    println!(
        "zen_over_crate_outcome={:.0}",
        zen_ns / ns_per(crate_outcome, n).max(1e-9)
    );
    println!(
        "zen_over_crate_explain={:.1}",
        zen_ns / ns_per(crate_explain, n).max(1e-9)
    );
    println!(
        "zen_trace_over_crate_explain={:.1}",
        zen_trace_ns / ns_per(crate_explain, n).max(1e-9)
    );
    println!(
        "crate_outcome_verdicts_per_s={:.0}",
        n as f64 / crate_outcome.as_secs_f64().max(1e-12)
    );
    println!(
        "crate_explain_verdicts_per_s={:.0}",
        n as f64 / crate_explain.as_secs_f64().max(1e-12)
    );
    Ok(())
}
