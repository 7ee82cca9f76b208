//! scratch
use std::time::Instant;
use thidua::{AwardHistory, Catalogue, Dataset, Hierarchy, NationSpec, Roster};
fn main() {
    let mut a = std::env::args().skip(1);
    let mode = a.next().unwrap();
    let n: u64 = a.next().and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let path = format!("/tmp/perf-national-{n}.json");
    if mode == "write" {
        let d = NationSpec::national()
            .with_members(n)
            .generate()
            .unwrap()
            .to_dataset();
        std::fs::write(&path, d.to_json()).unwrap();
        return;
    }
    let text = std::fs::read_to_string(&path).unwrap();
    if mode == "serial" {
        serial(&text);
    }
    if mode == "compare" {
        for _ in 0..2 {
            serial(&text);
            let t = Instant::now();
            let d = Dataset::from_json(&text).unwrap();
            println!("from_json {:?}", t.elapsed());
            drop(d);
        }
        return;
    }
    let t = Instant::now();
    let d = Dataset::from_json(&text).unwrap();
    println!(
        "from_json {:?} MB/s {:.0}",
        t.elapsed(),
        text.len() as f64 / 1e6 / t.elapsed().as_secs_f64()
    );
    if mode == "phases" {
        let t = Instant::now();
        let h = Hierarchy::build(d.units.clone(), vec![], vec![]).unwrap();
        println!("hierarchy {:?}", t.elapsed());
        let t = Instant::now();
        let r = Roster::build(&h, d.members.clone(), d.memberships.clone(), vec![]).unwrap();
        println!("roster {:?}", t.elapsed());
        let t = Instant::now();
        let aw = AwardHistory::build(&Catalogue::builtin(), &d.decisions).unwrap();
        println!("awards {:?}", t.elapsed());
        drop((h, r, aw));
    }
    let t0 = Instant::now();
    let m = d.into_model().unwrap();
    println!("into_model {:?}", t0.elapsed());
    let t = Instant::now();
    drop(m);
    println!("drop {:?}", t.elapsed());
}
#[allow(dead_code)]
fn serial(text: &str) {
    let t = Instant::now();
    let d: Dataset = serde_json::from_str(text).unwrap();
    println!("serial serde {:?}", t.elapsed());
    drop(d);
}
