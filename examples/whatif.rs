//! What-if reviews on a small synthetic nation: the same school year reviewed as
//! decided under ND 98/2023 and under ND 152/2025, or with a province's stricter
//! CSTĐCS quota, reported in Markdown, HTML or text.
//!
//! ```sh
//! cargo run --features synthetic --example whatif -- [--compare regimes|quota]
//!     [--members N] [--format md|html|text] [--lang vi|en]
//! ```
#![allow(clippy::print_stdout)]

use std::error::Error;

use chrono::NaiveDate;
use thidua::{
    Change, Citation, Configuration, Evaluator, Jurisdiction, Lang, NationSpec, Override, ParamId,
    Population, ReviewContext, WhatIf,
};

/// The command line: `--compare`, `--members`, `--format`, `--lang`.
struct Args {
    compare: String,
    members: u64,
    format: String,
    lang: Lang,
}

fn args() -> Result<Args, Box<dyn Error>> {
    let mut args = Args {
        compare: "regimes".to_owned(),
        members: 20_000,
        format: "md".to_owned(),
        lang: Lang::Vi,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--compare" => args.compare = value,
            "--members" => args.members = value.parse()?,
            "--format" => args.format = value,
            "--lang" => args.lang = value.parse()?,
            other => return Err(format!("unknown option {other}").into()),
        }
    }
    Ok(args)
}

/// A province's decision setting the CSTĐCS quota everywhere from 2024.
fn quota(percent: u32) -> Result<Override, Box<dyn Error>> {
    Ok(Override::new(
        Jurisdiction::Everywhere,
        NaiveDate::from_ymd_opt(2024, 1, 1).ok_or("date")?,
        Change::SetParameter {
            parameter: ParamId::CstdcsQuotaPercent,
            value: percent,
        },
        Citation::new("Quyết định 12/2024/QĐ-UBND").article("8"),
    ))
}

fn main() -> Result<(), Box<dyn Error>> {
    let args = args()?;
    // 3 provinces, 12 districts, 400 grassroots unions.
    let nation = NationSpec::national()
        .with_units(3, 12, 400)?
        .with_members(args.members)
        .generate()?;
    let tree = nation.hierarchy().as_of(nation.as_of());
    let mut population = Population::new();
    for (unit, _, range) in nation.grassroots() {
        let node = tree
            .node(unit)
            .ok_or("a grassroots union not in the tree")?;
        for i in range {
            let facts = nation.member_facts(i).ok_or("a member without facts")?;
            population.add_member(&tree, node, nation.member_id(i), facts);
        }
    }
    let period = nation.review_period();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    let nd98 = ReviewContext::new(period).decision_on(day(2024, 6, 15)?);
    let a = Configuration::new(Evaluator::new(), nd98.clone())
        .named("NĐ 98/2023, tỷ lệ 15 %", "Decree 98/2023, quota 15 %")
        .with_override(quota(15)?);
    let b = match args.compare.as_str() {
        "regimes" => a
            .clone()
            .named("NĐ 152/2025, tỷ lệ 15 %", "Decree 152/2025, quota 15 %")
            .with_context(ReviewContext::new(period).decision_on(day(2025, 9, 1)?)),
        "quota" => a
            .clone()
            .named("NĐ 98/2023, tỷ lệ 10 %", "Decree 98/2023, quota 10 %")
            .with_override(quota(10)?),
        other => return Err(format!("--compare regimes|quota, not {other}").into()),
    };
    let whatif = WhatIf::compare(&population, &a, &b)?;
    let text = match args.format.as_str() {
        "md" => whatif.to_markdown(args.lang),
        "html" => whatif.to_html(args.lang),
        "text" => whatif.to_text(args.lang),
        other => return Err(format!("--format md|html|text, not {other}").into()),
    };
    print!("{text}");
    Ok(())
}
