//! The documents of a year's end as Word files in the format of Decree 30/2020/NĐ-CP,
//! from the bundled Gia Lâm dataset (school year 2021-2022): the nomination list,
//! the council's minutes, the decision with its annex, and the year-end report.
//!
//! ```sh
//! cargo run --features docx --example documents -- --out DIR
//! ```
//!
//! Without `--out` the files go to `documents/` in the build's target directory (or
//! in the system's temporary directory when there is none), and the example says
//! where.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use thidua::{Dataset, DocumentSettings, Lang, Nominations, ReportRequest, Signer};

const USAGE: &str = "usage: documents [--out DIR]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn out_dir() -> Result<PathBuf, String> {
    let mut args = std::env::args().skip(1);
    let mut out = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" | "-o" => {
                out =
                    Some(PathBuf::from(args.next().ok_or_else(|| {
                        format!("--out needs a directory\n{USAGE}")
                    })?));
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    Ok(out.unwrap_or_else(|| {
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
        if target.is_dir() {
            target.join("documents")
        } else {
            std::env::temp_dir().join("thidua-documents")
        }
    }))
}

fn run() -> Result<(), String> {
    let out = out_dir()?;
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/gia-lam-2021-2022.json"
    );
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let model = Dataset::from_json(&text)
        .and_then(Dataset::into_model)
        .map_err(|d| d.to_string())?;

    // The district federation issues the documents on 31/05/2022, for its subtree.
    let district = model
        .hierarchy
        .unit_by_code("HN.GL")
        .ok_or("no unit HN.GL in the dataset")?;
    let day = NaiveDate::from_ymd_opt(2022, 5, 31).ok_or("bad date")?;
    let mut settings = DocumentSettings::for_unit(&model.hierarchy, district, day)
        .ok_or("HN.GL does not exist on 31/05/2022")?;
    settings.signer = Signer::new(
        Some("TM. BAN CHẤP HÀNH".to_owned()),
        "CHỦ TỊCH",
        "Nguyễn Văn Thành",
    );
    settings
        .recipients
        .push("Các Công đoàn cơ sở trực thuộc".to_owned());
    settings.council_members = vec![
        "Ông Nguyễn Văn Thành – Chủ tịch LĐLĐ huyện, Chủ tịch Hội đồng".to_owned(),
        "Bà Trần Thị Hoa – Phó Chủ tịch LĐLĐ huyện, Phó Chủ tịch Hội đồng".to_owned(),
        "Ông Lê Quang Vinh – Trưởng Ban Tổ chức, ủy viên thường trực".to_owned(),
        "và 6 ủy viên Hội đồng".to_owned(),
    ];
    settings.secretary = "Lê Quang Vinh".to_owned();
    let period = "2021-2022".parse().map_err(|e| format!("{e}"))?;
    let nominations =
        Nominations::of_model(&model, district, period, day).map_err(|d| d.to_string())?;
    let report = model
        .report(&ReportRequest {
            unit: Some(district),
            ..Default::default()
        })
        .map_err(|e| e.to_string())?;

    let mut written = Vec::new();
    for (number, name) in [
        (41, "danh-sach-de-nghi.docx"),
        (42, "bien-ban-hoi-dong.docx"),
        (43, "quyet-dinh-khen-thuong.docx"),
        (44, "bao-cao-tong-ket.docx"),
    ] {
        settings.number = Some(number);
        let bytes = match number {
            41 => nominations.list_docx(&settings),
            42 => nominations.minutes_docx(&settings),
            43 => nominations.decision_docx(&settings),
            _ => report.to_docx(&settings, Lang::Vi),
        }
        .map_err(|d| d.to_string())?;
        let file = out.join(name);
        thidua::write_atomically(&file, |w| std::io::Write::write_all(w, &bytes))
            .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        written.push(file);
    }
    println!(
        "{} nominations, {} conferred; documents written to {}:",
        nominations.nominees().len(),
        nominations.conferred(settings.approval_percent).count(),
        out.display()
    );
    for file in written {
        println!("  {}", file.display());
    }
    Ok(())
}
