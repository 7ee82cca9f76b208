//! The national roll-up: members, women, LĐTT titles and sponsorship money of every
//! union unit of Vietnam (1 + 54 + 700 + 135.000 units, 11,5 million members),
//! timed against a plain scan of the same member columns, with one member changed
//! incrementally.
//!
//! ```sh
//! cargo run --release --features synthetic --example national_rollup -- --members 11500000
//! cargo run --release --features synthetic --example national_rollup -- --members 1000000 --csv /tmp/national
//! ```
//!
//! Prints one `key=value` line per figure: `members=`, `rollup_s=`, `scan_s=`,
//! `rollup_over_scan=`, `incremental_us=`, `bytes_per_member=` and more. With
//! `--csv DIR` it also writes `units.csv`, `members.csv` and the crate's results as
//! `totals.csv` (per unit code) for the DuckDB comparison in `peers/duckdb`.
//! A build without optimisations (as CI runs every example) defaults to 200.000
//! members, and says so.
//!
//! The whole job from files on disk (features `synthetic` and `parquet`):
//!
//! ```sh
//! cargo run --release --features synthetic,parquet --example national_rollup -- --members 11500000 --write-parquet DIR
//! cargo run --release --features synthetic,parquet --example national_rollup -- --from DIR
//! cargo run --release --features synthetic,parquet --example national_rollup -- --from DIR --figures-only
//! cargo run --release --features synthetic --example national_rollup -- --members 1000000 --json FILE
//! ```
//!
//! `--write-parquet` writes the synthetic nation once as a dataset directory
//! (`parquet_bytes_per_member=`; with `--by-province`, the tables of units, members,
//! memberships and facts partitioned by province, hive style); `--from` reads it back, validates it, takes the
//! snapshot, rolls every unit up, reviews every member for LĐTT and prints the
//! national figures, with `load_s=`, `validate_s=`, `rollup_s=`, `review_s=`,
//! `total_s=`, the resident memory after loading and after validating
//! (`loaded_bytes_per_member=`, `model_bytes_per_member=`) and
//! `peak_bytes_per_member=`; `--figures-only` reads only the
//! roll-up's columns (no model), and writes the totals as CSV when `--totals FILE`
//! is given. `--json FILE` writes the same nation
//! with `Dataset::to_json` and times reading it back (`json_bytes_per_member=`,
//! `json_load_mb_s=`).

use std::error::Error;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use thidua::{ColumnarRollup, Gender, MemberFigures, MemberSlot, NationSpec, Vnd};

struct Args {
    members: u64,
    csv: Option<PathBuf>,
    write_parquet: Option<PathBuf>,
    from: Option<PathBuf>,
    figures_only: bool,
    by_province: bool,
    totals: Option<PathBuf>,
    json: Option<PathBuf>,
    runs: usize,
    threads: usize,
}

fn args() -> Result<Args, Box<dyn Error>> {
    let debug = cfg!(debug_assertions);
    let mut out = Args {
        members: if debug {
            200_000
        } else {
            NationSpec::NATIONAL_MEMBERS
        },
        csv: None,
        write_parquet: None,
        from: None,
        figures_only: false,
        by_province: false,
        totals: None,
        json: None,
        runs: if debug { 3 } else { 15 },
        threads: 2,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--members" => out.members = value()?.replace(['_', '.'], "").parse()?,
            "--csv" => out.csv = Some(PathBuf::from(value()?)),
            "--write-parquet" => out.write_parquet = Some(PathBuf::from(value()?)),
            "--from" => out.from = Some(PathBuf::from(value()?)),
            "--figures-only" => out.figures_only = true,
            "--by-province" => out.by_province = true,
            "--totals" => out.totals = Some(PathBuf::from(value()?)),
            "--json" => out.json = Some(PathBuf::from(value()?)),
            "--runs" => out.runs = value()?.parse::<usize>()?.max(1),
            "--threads" => out.threads = value()?.parse::<usize>()?.max(1),
            other => return Err(format!("unknown argument {other:?}").into()),
        }
    }
    if debug && std::env::args().len() == 1 {
        println!(
            "note=unoptimised build: defaulting to {} members; use --release for national figures",
            out.members
        );
    }
    Ok(out)
}

/// Resident and peak resident memory, in bytes, from /proc/self/status.
fn memory() -> (Option<u64>, Option<u64>) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map(|kb| kb * 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() -> Result<(), Box<dyn Error>> {
    let args = args()?;
    if let Some(dir) = &args.from {
        return from_files(dir, &args);
    }
    if let Some(file) = &args.json {
        return json_measure(file, &args);
    }
    if let Some(dir) = &args.write_parquet {
        return write_parquet(dir, &args);
    }
    let start = Instant::now();
    let nation = NationSpec::national()
        .with_members(args.members)
        .generate()?;
    let generate = start.elapsed();
    let start = Instant::now();
    let tree = nation.hierarchy().as_of(nation.as_of());
    let snapshot = start.elapsed();
    let start = Instant::now();
    let mut rollup: ColumnarRollup = nation.columnar(&tree)?;
    let build = start.elapsed();
    let (rss, peak) = memory();

    println!("members={}", rollup.len());
    println!("units={}", tree.len());
    println!("threads={}", args.threads);
    println!("generate_s={:.3}", generate.as_secs_f64());
    println!("snapshot_s={:.4}", snapshot.as_secs_f64());
    println!("columnar_build_s={:.3}", build.as_secs_f64());

    let full = best(args.runs, || rollup.recompute(args.threads));
    let scan = best(args.runs, || rollup.scan());
    println!("rollup_s={:.6}", full.as_secs_f64());
    println!("scan_s={:.6}", scan.as_secs_f64());
    println!(
        "rollup_over_scan={:.2}",
        full.as_secs_f64() / scan.as_secs_f64().max(1e-9)
    );

    // The whole equals the plain scan.
    let root = tree.roots().next().ok_or("no root")?;
    let total = rollup.total(root).ok_or("no total")?;
    if total != rollup.scan() {
        return Err("the roll-up's root differs from the plain scan".into());
    }

    // Incremental: change members spread over the whole country, one at a time.
    let n = rollup.len();
    let updates = 100_000.min(n);
    let slots: Vec<MemberSlot> = (0..updates)
        .filter_map(|k| {
            // Members spread over the country; the generator pushed them in its own
            // numbering, so slot `i` is its `i`-th member.
            let i = (k as u64).wrapping_mul(2_654_435_761) % n.max(1) as u64;
            rollup.slot(i as usize)
        })
        .collect();
    let mut figures = Vec::with_capacity(slots.len());
    for (k, _) in slots.iter().enumerate() {
        let mut f = MemberFigures::new().with_gender(if k % 2 == 0 {
            Gender::Female
        } else {
            Gender::Male
        });
        if k % 3 == 0 {
            f = f.with_ldtt();
        }
        figures.push(f.with_sponsorship(Vnd::from_dong((k % 7) as i64 * 100_000))?);
    }
    let mut per_update = Duration::MAX;
    for _ in 0..args.runs.min(5) {
        let start = Instant::now();
        for (s, f) in slots.iter().zip(&figures) {
            rollup.update(*s, *f)?;
        }
        per_update = per_update.min(start.elapsed() / slots.len().max(1) as u32);
    }
    let incremental = rollup.total(root).ok_or("no total")?;
    rollup.recompute(args.threads);
    if rollup.total(root) != Some(incremental) {
        return Err("incremental totals differ from a full roll-up".into());
    }
    println!("incremental_updates={}", slots.len());
    println!("incremental_us={:.4}", per_update.as_secs_f64() * 1e6);

    let members = rollup.len().max(1) as f64;
    if let Some(rss) = rss {
        println!("rss_bytes={rss}");
        println!("bytes_per_member={:.1}", rss as f64 / members);
    }
    if let Some(peak) = peak {
        println!("peak_bytes_per_member={:.1}", peak as f64 / members);
    }
    println!(
        "columns_bytes_per_member={:.1}",
        (rollup.heap_bytes() + nation.member_heap_bytes()) as f64 / members
    );

    if let Some(dir) = args.csv {
        // Back to the generated figures before writing them out.
        let rollup = nation.columnar(&tree)?;
        std::fs::create_dir_all(&dir)?;
        nation.write_csv(&dir)?;
        let mut out = String::from("code,members,women,ldtt,sponsorship\n");
        for node in tree.nodes() {
            if let Some(t) = rollup.total(node) {
                out.push_str(&format!(
                    "{},{},{},{},{}\n",
                    tree.code(node).as_str(),
                    t.members(),
                    t.women(),
                    t.ldtt(),
                    t.sponsorship_dong()
                ));
            }
        }
        std::fs::write(dir.join("totals.csv"), out)?;
        println!("csv={}", dir.display());
    }
    Ok(())
}

/// The synthetic nation as a dataset, with its day and review period in `meta`.
fn nation_dataset(args: &Args) -> Result<(thidua::Dataset, u64), Box<dyn Error>> {
    let nation = NationSpec::national()
        .with_members(args.members)
        .generate()?;
    let mut dataset = nation.to_dataset();
    dataset.meta.as_of = Some(nation.as_of());
    dataset.meta.period = Some(nation.review_period());
    Ok((dataset, nation.len() as u64))
}

/// `--json FILE`: the nation written by `to_json`, then read back and validated.
fn json_measure(file: &std::path::Path, args: &Args) -> Result<(), Box<dyn Error>> {
    let (dataset, members) = nation_dataset(args)?;
    let text = dataset.to_json();
    drop(dataset);
    std::fs::write(file, &text)?;
    drop(text);
    let start = Instant::now();
    let text = std::fs::read_to_string(file)?;
    let read = start.elapsed();
    let dataset = thidua::Dataset::from_json(&text).map_err(|d| d.to_string())?;
    let parsed = start.elapsed();
    let _model = dataset.into_model().map_err(|d| d.to_string())?;
    let total = start.elapsed();
    let bytes = text.len() as f64;
    let m = members.max(1) as f64;
    println!("members={members}");
    println!("json_bytes={}", text.len());
    println!("json_bytes_per_member={:.1}", bytes / m);
    println!("json_read_s={:.3}", read.as_secs_f64());
    println!("json_from_json_s={:.3}", (parsed - read).as_secs_f64());
    println!("json_load_s={:.3}", total.as_secs_f64());
    println!(
        "json_load_mb_s={:.1}",
        bytes / 1e6 / total.as_secs_f64().max(1e-9)
    );
    if let Some(peak) = memory().1 {
        println!("peak_bytes_per_member={:.1}", peak as f64 / m);
    }
    Ok(())
}

#[cfg(not(feature = "parquet"))]
fn write_parquet(_: &std::path::Path, _: &Args) -> Result<(), Box<dyn Error>> {
    Err("--write-parquet needs the parquet feature".into())
}

#[cfg(not(feature = "parquet"))]
fn from_files(_: &std::path::Path, _: &Args) -> Result<(), Box<dyn Error>> {
    Err("--from needs the parquet feature".into())
}

/// `--write-parquet DIR`: the nation written once as a dataset directory.
#[cfg(feature = "parquet")]
fn write_parquet(dir: &std::path::Path, args: &Args) -> Result<(), Box<dyn Error>> {
    let start = Instant::now();
    let (dataset, members) = nation_dataset(args)?;
    let generate = start.elapsed();
    let start = Instant::now();
    let summary = if args.by_province {
        thidua::parquet::write_dataset_by_province(&dataset, dir)?
    } else {
        thidua::parquet::write_dataset(&dataset, dir)?
    };
    let write = start.elapsed();
    println!("members={members}");
    println!("generate_s={:.3}", generate.as_secs_f64());
    println!("write_s={:.3}", write.as_secs_f64());
    for (file, rows) in &summary.files {
        let bytes = std::fs::metadata(dir.join(file))
            .map(|m| m.len())
            .unwrap_or(0);
        println!("file={file} rows={rows} bytes={bytes}");
    }
    println!("parquet_bytes={}", summary.bytes);
    println!(
        "parquet_bytes_per_member={:.1}",
        summary.bytes as f64 / members.max(1) as f64
    );
    println!("parquet={}", dir.display());
    Ok(())
}

/// `--from DIR`: the whole job from the files, or with `--figures-only` the roll-up
/// from its columns alone.
#[cfg(feature = "parquet")]
fn from_files(dir: &std::path::Path, args: &Args) -> Result<(), Box<dyn Error>> {
    use thidua::parquet::{RollupRow, read_dataset, rollup_figures};
    use thidua::{Configuration, MemberReview, Outcome, Population, ReviewContext, codes};

    let manifest: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(
        dir.join(thidua::parquet::MANIFEST),
    )?)?;
    let meta = manifest.pointer("/dataset/meta").ok_or("no meta")?;
    let day = thidua::parse_date(
        meta.get("as_of")
            .and_then(|d| d.as_str())
            .ok_or("no meta.as_of")?,
    )?;
    let period: thidua::Period =
        serde_json::from_value(meta.get("period").cloned().ok_or("no meta.period")?)?;
    let start = Instant::now();
    let write_totals = |rows: &[RollupRow]| -> Result<(), Box<dyn Error>> {
        if let Some(path) = &args.totals {
            let mut out = String::from("code,members,women,ldtt\n");
            for r in rows {
                out.push_str(&format!(
                    "{},{},{},{}\n",
                    r.code, r.members, r.women, r.ldtt
                ));
            }
            std::fs::write(path, out)?;
        }
        Ok(())
    };
    let root = |rows: &[RollupRow]| {
        rows.iter()
            .find(|r| r.parent.is_none())
            .map(|r| {
                format!(
                    "{} members={} women={} ldtt={}",
                    r.code, r.members, r.women, r.ldtt
                )
            })
            .unwrap_or_default()
    };
    if args.figures_only {
        let rows = rollup_figures(dir, day, &period).map_err(|d| d.to_string())?;
        let total = start.elapsed();
        let members = rows
            .iter()
            .filter(|r| r.parent.is_none())
            .map(|r| r.members)
            .sum::<u64>();
        println!("path=figures-only");
        println!("members={members}");
        println!("units={}", rows.len());
        println!("root={}", root(&rows));
        println!("total_s={:.3}", total.as_secs_f64());
        if let Some(peak) = memory().1 {
            println!(
                "peak_bytes_per_member={:.1}",
                peak as f64 / members.max(1) as f64
            );
        }
        return write_totals(&rows);
    }
    let dataset = read_dataset(dir).map_err(|d| d.to_string())?;
    let load = start.elapsed();
    let loaded_rss = memory().0;
    let t = Instant::now();
    let model = dataset.into_model().map_err(|d| d.to_string())?;
    let validate = t.elapsed();
    let model_rss = memory().0;
    let t = Instant::now();
    let tree = model.hierarchy.as_of(day);
    let snapshot = t.elapsed();
    let t = Instant::now();
    let rows = RollupRow::from_model(&model, &tree, Some(&period));
    let rollup = t.elapsed();
    let t = Instant::now();
    let population = Population::of_model(&model, &period, None)?;
    let review = MemberReview::new(
        &population,
        Configuration::new(model.evaluator(), ReviewContext::new(period)),
    );
    let tally = review.run()?;
    let review_time = t.elapsed();
    let total = start.elapsed();
    let members = rows
        .iter()
        .filter(|r| r.parent.is_none())
        .map(|r| r.members)
        .sum::<u64>();
    println!("path=validated");
    println!("members={members}");
    println!("units={}", tree.len());
    println!("root={}", root(&rows));
    println!(
        "review ldtt eligible={} ineligible={} undetermined={}",
        tally.count(codes::LDTT, Outcome::Eligible),
        tally.count(codes::LDTT, Outcome::Ineligible),
        tally.count(codes::LDTT, Outcome::Undetermined)
    );
    println!("load_s={:.3}", load.as_secs_f64());
    println!("validate_s={:.3}", validate.as_secs_f64());
    println!("snapshot_s={:.4}", snapshot.as_secs_f64());
    println!("rollup_s={:.3}", rollup.as_secs_f64());
    println!("review_s={:.3}", review_time.as_secs_f64());
    println!("total_s={:.3}", total.as_secs_f64());
    let per_member = |bytes: u64| bytes as f64 / members.max(1) as f64;
    if let Some(rss) = loaded_rss {
        println!("loaded_bytes_per_member={:.1}", per_member(rss));
    }
    if let Some(rss) = model_rss {
        println!("model_bytes_per_member={:.1}", per_member(rss));
    }
    if let Some(peak) = memory().1 {
        println!("peak_bytes_per_member={:.1}", per_member(peak));
    }
    write_totals(&rows)
}
