//! Any bytes as one table file of a dataset directory (the first byte picks the
//! table): the validated reader and the figures-only path report a problem or read,
//! never panic, and stay within libFuzzer's memory limit (2 GB by default) — the
//! bounds on rows, pages and codecs hold for every file, not only the ones tested.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// The tables a first byte may pick, in the order of the seeds' first bytes.
const TABLES: [&str; 4] = ["units", "members", "memberships", "support_records"];

/// A directory holding a small dataset written as Parquet, once per process (its
/// lineage events left out, so that the figures-only path reads it too).
fn dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("thidua-fuzz-parquet-{}", std::process::id()));
        let text = include_str!("../../examples/data/thach-that-2021-2022.json");
        let mut dataset = thidua::Dataset::from_json(text).expect("the bundled dataset reads");
        dataset.events.clear();
        thidua::parquet::write_dataset(&dataset, &dir).expect("the dataset writes");
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let dir = dir();
    let table = TABLES[usize::from(pick) % TABLES.len()];
    let path = dir.join(format!("{table}.parquet"));
    let original = std::fs::read(&path).ok();
    std::fs::write(&path, bytes).expect("the table file writes");
    let _ = thidua::parquet::read_dataset(dir);
    let day = chrono::NaiveDate::from_ymd_opt(2022, 5, 31).expect("a date");
    let period: thidua::Period = "2021-2022".parse().expect("a school year");
    let _ = thidua::parquet::rollup_figures(dir, day, &period);
    if let Some(original) = original {
        std::fs::write(&path, original).expect("the table file writes back");
    }
});
