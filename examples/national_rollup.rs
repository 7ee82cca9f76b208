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

use std::error::Error;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use thidua::{ColumnarRollup, Gender, MemberFigures, MemberSlot, NationSpec, Vnd};

struct Args {
    members: u64,
    csv: Option<PathBuf>,
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
        runs: if debug { 3 } else { 15 },
        threads: 2,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--members" => out.members = value()?.replace(['_', '.'], "").parse()?,
            "--csv" => out.csv = Some(PathBuf::from(value()?)),
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
