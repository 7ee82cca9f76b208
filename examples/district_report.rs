//! The main job: load a bundled dataset (Gia Lâm 2021-2022 by default), validate it,
//! roll it up and print its year-end report.
//!
//! ```sh
//! cargo run --example district_report
//! cargo run --example district_report -- examples/data/bac-tu-liem-2023-2024.json --format html --lang en
//! ```

use std::process::ExitCode;

use thidua::{Dataset, Format, Lang, ReportRequest};

const USAGE: &str =
    "usage: district_report [FILE] [--format md|html|text] [--lang vi|en] [--unit CODE]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/gia-lam-2021-2022.json"
    )
    .to_owned();
    let (mut format, mut lang, mut unit) = (Format::Markdown, Lang::Vi, None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--format" => format = value("--format")?.parse()?,
            "--lang" => {
                lang = value("--lang")?
                    .parse()
                    .map_err(|e| format!("{e}\n{USAGE}"))?
            }
            "--unit" => unit = Some(value("--unit")?),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other if other.starts_with('-') => {
                return Err(format!("unknown option {other:?}\n{USAGE}"));
            }
            other => path = other.to_owned(),
        }
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let dataset = Dataset::from_json(&text)
        .map_err(|d| format!("{path} does not read as a dataset:\n{d}"))?;
    let model = dataset
        .into_model()
        .map_err(|d| format!("{path} is not valid:\n{d}"))?;
    let mut request = ReportRequest::default();
    if let Some(code) = unit {
        request.unit = Some(
            model
                .hierarchy
                .unit_by_code(&code)
                .ok_or_else(|| format!("no unit with code {code:?} in {path}"))?,
        );
    }
    let report = model.report(&request).map_err(|e| e.to_string())?;
    print!("{}", report.render(format, lang));
    Ok(())
}
