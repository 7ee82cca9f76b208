//! Charts in a report: the bundled datasets' year-end reports side by side, their
//! figures drawn as bar charts in the HTML page (Markdown and text keep the tables).
//! A district whose report lacks a figure shows "không có số liệu" / "no data" in
//! its place, never a bar of 0.
//!
//! ```sh
//! cargo run --example report_charts > charts.html
//! cargo run --example report_charts -- --lang en --format html > charts-en.html
//! ```

use std::process::ExitCode;

use thidua::{
    Bilingual, Chart, ChartUnit, Dataset, Diagnostics, Format, Lang, Line, Report, ReportRequest,
    Section, Series, Shown,
};

const USAGE: &str = "usage: report_charts [--format md|html|text] [--lang vi|en]";

/// The bundled datasets, with the district's name in both languages.
const DATASETS: [(&str, &str, &str); 4] = [
    (
        "gia-lam-2021-2022",
        "Gia Lâm 2021-2022",
        "Gia Lam 2021-2022",
    ),
    (
        "bac-tu-liem-2023-2024",
        "Bắc Từ Liêm 2023-2024",
        "Bac Tu Liem 2023-2024",
    ),
    ("tay-ho-2019-2020", "Tây Hồ 2019-2020", "Tay Ho 2019-2020"),
    (
        "thach-that-2021-2022",
        "Thạch Thất 2021-2022",
        "Thach That 2021-2022",
    ),
];

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
    let (mut format, mut lang) = (Format::Html, Lang::Vi);
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
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    let mut reports = Vec::new();
    for (file, vi, en) in DATASETS {
        let path = format!("{}/examples/data/{file}.json", env!("CARGO_MANIFEST_DIR"));
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
        let model = Dataset::from_json(&text)
            .map_err(|d| format!("{path} does not read as a dataset:\n{d}"))?
            .into_model()
            .map_err(|d| format!("{path} is not valid:\n{d}"))?;
        let report = model
            .report(&ReportRequest::default())
            .map_err(|e| e.to_string())?;
        reports.push((Bilingual::new(vi, en), report));
    }
    print!("{}", side_by_side(&reports).render(format, lang));
    Ok(())
}

/// A count a report states for a figure: a plain count, or the part of a "part of".
fn count(report: &Report, label: &str) -> Option<u64> {
    match &report.line(label)?.value {
        Shown::Count(r) => Some(r.value()),
        Shown::PartOf { part, .. } => Some(*part),
        _ => None,
    }
}

/// The report's lines with these labels, the district's name before each.
fn lines(reports: &[(Bilingual, Report)], labels: &[&str]) -> Vec<Line> {
    let mut out = Vec::new();
    for (district, report) in reports {
        for label in labels {
            if let Some(line) = report.line(label) {
                out.push(Line {
                    label: Bilingual::new(
                        format!("{}: {}", district.vi, line.label.vi),
                        format!("{}: {}", district.en, line.label.en),
                    ),
                    ..line.clone()
                });
            }
        }
    }
    out
}

/// One series per figure, one category per district.
fn by_district(reports: &[(Bilingual, Report)], figures: &[(&str, Bilingual)]) -> Vec<Series> {
    figures
        .iter()
        .map(|(label, series)| Series {
            label: series.clone(),
            values: reports.iter().map(|(_, r)| count(r, label)).collect(),
        })
        .collect()
}

fn side_by_side(reports: &[(Bilingual, Report)]) -> Report {
    let districts: Vec<Bilingual> = reports.iter().map(|(d, _)| d.clone()).collect();

    let members = ["Số đoàn viên", "Số đoàn viên (khối trường học)"];
    let unions = ["Số công đoàn cơ sở", "Số công đoàn cơ sở (khối trường học)"];
    let organisation = Section {
        heading: Bilingual::new("Tổ chức công đoàn", "Organisation"),
        lines: lines(reports, &[&members[..], &unions[..]].concat()),
        charts: vec![
            Chart {
                title: Bilingual::new(
                    "Số đoàn viên theo báo cáo của từng đơn vị",
                    "Union members in each report",
                ),
                unit: ChartUnit::Count,
                categories: districts.clone(),
                series: by_district(
                    reports,
                    &[
                        (members[0], Bilingual::new("Tất cả các khối", "All blocs")),
                        (members[1], Bilingual::new("Khối trường học", "Schools")),
                    ],
                ),
            },
            Chart {
                title: Bilingual::new(
                    "Số công đoàn cơ sở (CĐCS) theo báo cáo của từng đơn vị",
                    "Grassroots unions in each report",
                ),
                unit: ChartUnit::Count,
                categories: districts.clone(),
                series: by_district(
                    reports,
                    &[
                        (unions[0], Bilingual::new("Tất cả các khối", "All blocs")),
                        (unions[1], Bilingual::new("Khối trường học", "Schools")),
                    ],
                ),
            },
        ],
    };

    let grades = [
        "Số CĐCS hoàn thành xuất sắc nhiệm vụ (khối trường học)",
        "Số CĐCS hoàn thành tốt nhiệm vụ (khối trường học)",
        "Số CĐCS chưa có kết quả xếp loại (khối trường học)",
    ];
    let grading = Section {
        heading: Bilingual::new(
            "Xếp loại công đoàn cơ sở khối trường học",
            "Grades of the schools' grassroots unions",
        ),
        lines: lines(reports, &grades),
        charts: vec![Chart {
            title: Bilingual::new(
                "Xếp loại CĐCS khối trường học (năm học của từng báo cáo)",
                "Grades of the schools' grassroots unions (each report's school year)",
            ),
            unit: ChartUnit::Count,
            categories: districts.clone(),
            series: by_district(
                reports,
                &[
                    (
                        grades[0],
                        Bilingual::new("Hoàn thành xuất sắc nhiệm vụ", "Excellent"),
                    ),
                    (grades[1], Bilingual::new("Hoàn thành tốt nhiệm vụ", "Good")),
                    (
                        grades[2],
                        Bilingual::new("Chưa có kết quả xếp loại", "Not graded"),
                    ),
                ],
            ),
        }],
    };

    // Support money: every amount of the support sections, one bar per programme.
    let mut support_lines = Vec::new();
    let mut programmes = Vec::new();
    let mut amounts = Vec::new();
    for (district, report) in reports {
        let support = report
            .sections
            .iter()
            .filter(|s| s.heading.vi.starts_with("Chăm lo"));
        for line in support.flat_map(|s| s.lines.iter()) {
            if let Shown::Money(amount) = &line.value {
                let strip = |s: &str, tail: &str| s.strip_suffix(tail).unwrap_or(s).to_owned();
                programmes.push(Bilingual::new(
                    format!("{} ({})", strip(&line.label.vi, ": số tiền"), district.vi),
                    format!("{} ({})", strip(&line.label.en, ": amount"), district.en),
                ));
                amounts.push(u64::try_from(amount.value().get()).ok());
                support_lines.push(Line {
                    label: Bilingual::new(
                        format!("{}: {}", district.vi, line.label.vi),
                        format!("{}: {}", district.en, line.label.en),
                    ),
                    ..line.clone()
                });
            }
        }
    }
    let support = Section {
        heading: Bilingual::new("Chăm lo, hỗ trợ, đỡ đầu", "Care, support, sponsorship"),
        lines: support_lines,
        charts: vec![Chart {
            title: Bilingual::new(
                "Số tiền chăm lo, hỗ trợ theo chương trình",
                "Support money by programme",
            ),
            unit: ChartUnit::Money,
            categories: programmes,
            series: vec![Series {
                label: Bilingual::new("Số tiền", "Amount"),
                values: amounts,
            }],
        }],
    };

    Report {
        title: Bilingual::new(
            "Biểu đồ số liệu các báo cáo kèm theo",
            "Charts of the bundled reports",
        ),
        subtitle: Bilingual::new(
            "Số liệu của bốn báo cáo tính từ các bộ dữ liệu kèm theo (examples/data), mỗi báo cáo một năm học. \
             Ô “không có số liệu” là chỉ tiêu báo cáo đó không có.",
            "Figures of the four reports computed from the bundled datasets (examples/data), one school year each. \
             “No data” marks a figure that report does not have.",
        ),
        sections: vec![organisation, grading, support],
        diagnostics: Diagnostics::new(),
    }
}
