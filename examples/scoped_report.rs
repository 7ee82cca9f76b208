//! A report scoped to one unit sees only its own subtree: the Gia Lâm dataset
//! reported for one school, then for the whole district, in English plain text.
//!
//! Run with `cargo run --example scoped_report`.

use thidua::{Dataset, Format, Lang, ReportRequest};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/gia-lam-2021-2022.json"
    );
    let model = Dataset::from_json(&std::fs::read_to_string(path)?)?.into_model()?;
    let school = model
        .hierarchy
        .unit_by_code("HN.GL.MN-PHU-THI")
        .ok_or("no such school")?;
    let request = ReportRequest {
        unit: Some(school),
        ..ReportRequest::default()
    };
    let report = model.report(&request)?;
    println!("{}", report.render(Format::Text, Lang::En));
    // The school's report holds none of the district's figures.
    assert!(
        report
            .line("Số đoàn viên")
            .is_some_and(|l| l.value.format(Lang::Vi) != "15.249")
    );
    Ok(())
}
