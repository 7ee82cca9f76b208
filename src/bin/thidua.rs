//! The `thidua` command-line tool (feature `cli`).
//!
//! ```text
//! thidua validate FILE
//! thidua report FILE [--unit CODE] [--as-of DATE] [--period P] [--format md|html|text]
//! thidua rollup FILE --metric members|women|units|grades|titles [--unit CODE] [--as-of DATE] [--period P]
//! thidua import SHEET --template members|units|registrations|grades|initiatives|support -o FILE
//!               [--sheet NAME] [--into DATASET] [--mode all-or-nothing|partial]
//! thidua export DATASET --template T -o FILE.csv|FILE.xlsx
//! thidua schema
//! thidua rules [DATASET --unit CODE --on DATE] [--format md|html] [-o FILE]
//! thidua rules check FILE [--dataset DATASET]
//! thidua doc nominations|minutes|decision|report DATASET [--unit CODE] [--period P]
//!            [--date DATE] [--number N] [--symbol S] [--place PLACE] [--signer NAME]
//!            [--secretary NAME] -o FILE.docx
//! thidua convert IN OUT [--by-province]
//! thidua rollup FILE --parquet-out DIR [--as-of DATE] [--period P]
//! ```
//!
//! Wherever a dataset is read, a directory of Parquet files (`thidua convert`) is
//! read as well as a JSON file.
//!
//! Every command takes `--lang vi|en` (default `vi`): the language of the problems
//! listed, of the summary lines and of the tool's own messages, and of a report.
//! Usage errors found by the argument parser stay in English.
//!
//! Exit codes: 0 success; 1 invalid data (the file read but its content has errors,
//! or an import rejected cells in all-or-nothing mode); 2 usage errors (unknown
//! command or option, a malformed argument such as a date); 3 I/O errors (a file that
//! cannot be read or written, or is not a workbook or text file at all).

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use thidua::{
    Dataset, Format, GrassrootsGrades, ImportMode, Importer, Lang, Level, Members, MembersByGender,
    Metric, Model, Period, ReportRequest, Rollup, Sheet, Snapshot, Template, TitlesConferred,
    UnitsByLevelAndBloc, export_sheet, format_integer, parse_date,
};

/// Emulation and commendation data for Vietnam's trade unions: check datasets,
/// write reports and roll-ups, import officers' spreadsheets.
#[derive(Debug, Parser)]
#[command(name = "thidua", version, about, long_about = None)]
#[command(after_help = "Exit codes: 0 success, 1 invalid data, 2 usage error, 3 I/O error.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of the messages and of reports.
    #[arg(long, value_enum, global = true, default_value_t = OutLang::Vi)]
    lang: OutLang,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Checks a dataset file and lists every problem (errors and warnings).
    Validate {
        /// The dataset (JSON).
        file: PathBuf,
    },
    /// Writes the year-end report of a unit.
    Report {
        /// The dataset (JSON).
        file: PathBuf,
        #[command(flatten)]
        scope: Scope,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutFormat::Md)]
        format: OutFormat,
    },
    /// Rolls a metric up the hierarchy and prints one line per unit; with
    /// --parquet-out, writes every unit's members, women, LĐTT and CSTĐCS as
    /// `rollup.parquet` in a directory.
    Rollup {
        /// The dataset (JSON file or Parquet directory).
        file: PathBuf,
        /// What to count and print.
        #[arg(long, value_enum, required_unless_present = "parquet_out")]
        metric: Option<MetricName>,
        #[command(flatten)]
        scope: Scope,
        /// A directory to write `rollup.parquet` into (every unit of the day).
        #[arg(long = "parquet-out")]
        parquet_out: Option<PathBuf>,
    },
    /// Converts a dataset between a JSON file and a directory of Parquet files: a
    /// directory in gives a JSON file out; a file in gives a directory out (or a
    /// JSON file, when OUT ends in .json). The result is checked whole first:
    /// nothing is written for a dataset that is not valid.
    Convert {
        /// The dataset: a JSON file or a Parquet directory.
        input: PathBuf,
        /// Where to write it.
        output: PathBuf,
        /// Partition the tables of units, members, memberships and facts by
        /// province, hive style (`province=HN/members.parquet`).
        #[arg(long = "by-province")]
        by_province: bool,
    },
    /// Imports a spreadsheet (CSV or XLSX) filled in a template into a dataset file.
    Import {
        /// The spreadsheet: .csv, .tsv, .txt or .xlsx.
        sheet: PathBuf,
        /// The template the sheet follows: members, units, registrations, grades,
        /// initiatives or support.
        #[arg(long)]
        template: Template,
        /// The dataset file to write (nothing is written unless the result is valid).
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// The workbook's sheet to read (default: the template's sheet name, or the first sheet).
        #[arg(long = "sheet")]
        sheet_name: Option<String>,
        /// A dataset to merge the rows into: records are matched by their code or id
        /// and updated, new ones added.
        #[arg(long)]
        into: Option<PathBuf>,
        /// What to do when some rows are rejected: all-or-nothing (write nothing) or
        /// partial (keep the good rows).
        #[arg(long, default_value = "all-or-nothing")]
        mode: ImportMode,
    },
    /// Writes a dataset's records in a template, as CSV or XLSX (by the output's extension).
    Export {
        /// The dataset (JSON).
        file: PathBuf,
        /// The template: members, units, registrations, grades, initiatives or support.
        #[arg(long)]
        template: Template,
        /// The file to write: .csv or .xlsx.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Prints the JSON Schema of the dataset file.
    Schema,
    /// Prints the catalogue of built-in rules (Markdown); with a dataset, the rules in
    /// force for one of its units on a day: the regime, the parameters with their
    /// sources, each rule on or off, and the dataset's overrides. `rules check FILE`
    /// checks a rule set.
    #[command(args_conflicts_with_subcommands = true)]
    Rules {
        #[command(subcommand)]
        action: Option<RulesAction>,
        /// The dataset (JSON) whose overrides apply; without it, the catalogue of
        /// built-in rules.
        file: Option<PathBuf>,
        /// The code of the unit, such as HN.GL (default: the dataset's subject).
        #[arg(long)]
        unit: Option<String>,
        /// The day, dd/mm/yyyy or yyyy-mm-dd (default: the dataset's as-of day).
        #[arg(long)]
        on: Option<String>,
        /// Output format (html only with a dataset).
        #[arg(long, value_enum, default_value_t = DocFormat::Md)]
        format: DocFormat,
        /// The file to write instead of printing.
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
    /// Writes a document as a Word file in the administrative format of Decree
    /// 30/2020/NĐ-CP: the nomination list, the council's minutes, the decision with
    /// its annex (from the nominations and votes recorded in members' facts), or the
    /// year-end report.
    Doc {
        /// Which document.
        #[arg(value_enum)]
        kind: DocKind,
        /// The dataset (JSON).
        file: PathBuf,
        /// The code of the issuing unit, whose subtree is covered (default: the
        /// dataset's subject).
        #[arg(long)]
        unit: Option<String>,
        /// The period, such as 2021-2022 (default: the dataset's period).
        #[arg(long)]
        period: Option<String>,
        /// The day the document is signed, dd/mm/yyyy or yyyy-mm-dd (default: the
        /// dataset's as-of day).
        #[arg(long)]
        date: Option<String>,
        /// The document's number (default: left blank).
        #[arg(long)]
        number: Option<u32>,
        /// The issuing body's abbreviation in the symbol, such as LĐLĐ (default:
        /// its initials).
        #[arg(long)]
        symbol: Option<String>,
        /// The place before the date (default: read from the unit's names).
        #[arg(long)]
        place: Option<String>,
        /// The signer's name (default: left blank); the chair of the minutes.
        #[arg(long)]
        signer: Option<String>,
        /// The council's secretary, who signs the minutes (default: left blank).
        #[arg(long)]
        secretary: Option<String>,
        /// The .docx file to write.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// What-if review: the members of a period reviewed under the dataset's rules
    /// ("a") and with the overrides of a file added, or decided on another day
    /// under another regime ("b"); who changes outcome and why, by unit and level,
    /// the CSTĐCS quota and the bonuses.
    Whatif {
        /// The dataset (JSON).
        file: PathBuf,
        /// The period reviewed, such as 2024-2025 (a school year) or 2024.
        #[arg(long)]
        period: String,
        /// A JSON list of overrides, each written as in the dataset's "overrides",
        /// added for "b".
        #[arg(long = "with")]
        with: Option<PathBuf>,
        /// The day "a" is decided on, YYYY-MM-DD (default: the period's last day);
        /// it chooses the regime and the bonus.
        #[arg(long)]
        on: Option<String>,
        /// The day "b" is decided on, YYYY-MM-DD (default: as "a"), such as a day
        /// under ND 152/2025 against one under ND 98/2023.
        #[arg(long)]
        against: Option<String>,
        /// The code of the unit whose subtree is reviewed (default: every unit).
        #[arg(long)]
        unit: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = WhatifFormat::Md)]
        format: WhatifFormat,
        /// The file to write instead of printing.
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
}

/// The documents `doc` writes.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum DocKind {
    /// The nomination list (danh sách đề nghị khen thưởng).
    Nominations,
    /// The council's minutes (biên bản họp Hội đồng Thi đua – Khen thưởng).
    Minutes,
    /// The decision with its annex (quyết định khen thưởng và phụ lục).
    Decision,
    /// The year-end report of the unit.
    Report,
}

/// What `rules` does besides printing the rules.
#[derive(Debug, Subcommand)]
enum RulesAction {
    /// Checks a rule set and lists every problem: conflicting or ineffective
    /// overrides, gaps, values out of range, missing citations, units that do not
    /// exist.
    Check {
        /// The rule set (JSON): a list of overrides, or an object with an
        /// `overrides` list such as a dataset file.
        file: PathBuf,
        /// A dataset whose units the overrides' scopes name (by id or code); a
        /// dataset file checked as a rule set is checked against its own units
        /// unless this names another.
        #[arg(long)]
        dataset: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum DocFormat {
    Md,
    Html,
}

/// The unit, day and period a report or a roll-up is about.
#[derive(Debug, Clone, clap::Args)]
struct Scope {
    /// The code of the unit to report on, such as HN.GL (default: the dataset's
    /// subject for a report, every root for a roll-up).
    #[arg(long)]
    unit: Option<String>,
    /// The day of the structure, dd/mm/yyyy or yyyy-mm-dd (default: the dataset's
    /// as-of day, or the period's last day).
    #[arg(long)]
    as_of: Option<String>,
    /// The period of the results: 2023-2024, "năm 2024", … (default: the dataset's period).
    #[arg(long)]
    period: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OutFormat {
    Md,
    Html,
    Text,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OutLang {
    Vi,
    En,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum MetricName {
    /// Members on the day.
    Members,
    /// Members by gender (women, men, not recorded).
    Women,
    /// Units by level and bloc.
    Units,
    /// Grassroots unions by grade for the period.
    Grades,
    /// Titles conferred for the period.
    Titles,
}

/// How the run failed, and the exit code it gives.
#[derive(Debug)]
enum Failure {
    /// The data is invalid (code 1).
    Invalid(String),
    /// The command line is wrong (code 2).
    Usage(String),
    /// A file cannot be read or written (code 3).
    Io(String),
}

impl Failure {
    fn code(&self) -> u8 {
        match self {
            Failure::Invalid(_) => 1,
            Failure::Usage(_) => 2,
            Failure::Io(_) => 3,
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let lang = match cli.lang {
        OutLang::Vi => Lang::Vi,
        OutLang::En => Lang::En,
    };
    match run(cli.command, lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            let (Failure::Invalid(m) | Failure::Usage(m) | Failure::Io(m)) = &f;
            eprintln!("{}", m.trim_end());
            ExitCode::from(f.code())
        }
    }
}

/// The tool's own words in the reader's language.
fn say(lang: Lang, vi: String, en: String) -> String {
    match lang {
        Lang::Vi => vi,
        _ => en,
    }
}

/// A count, grouped the reader's way.
fn n<T: TryInto<i128>>(count: T, lang: Lang) -> String {
    format_integer(count.try_into().unwrap_or(i128::MAX), lang)
}

fn read(path: &Path, lang: Lang) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| {
        let p = path.display();
        Failure::Io(say(
            lang,
            format!("không đọc được tệp {p}: {e}"),
            format!("cannot read {p}: {e}"),
        ))
    })
}

/// Writes a file whole or not at all: into a temporary file beside it, flushed and
/// synced, then renamed over the target. On any failure the target is untouched and
/// the temporary file removed.
fn write(path: &Path, bytes: &[u8], lang: Lang) -> Result<(), Failure> {
    use std::io::Write as _;
    let fail = |e: std::io::Error| {
        let p = path.display();
        Failure::Io(say(
            lang,
            format!("không ghi được tệp {p}: {e}; tệp cũ (nếu có) giữ nguyên"),
            format!("cannot write {p}: {e}; the old file, if any, is untouched"),
        ))
    };
    thidua::write_atomically(path, |w| w.write_all(bytes)).map_err(fail)
}

/// At most this many problems of one code are listed; the rest are counted.
const PER_CODE: u64 = 50;

/// The problems, at most [`PER_CODE`] of each code with the rest counted, and a
/// summary line by severity that is always there.
fn problems(report: &thidua::Diagnostics, lang: Lang) -> String {
    use std::collections::BTreeMap;
    // Per code: how many were seen (kept by the report or only counted by it).
    let mut seen: BTreeMap<&str, u64> = BTreeMap::new();
    let mut out = String::new();
    for d in report.iter() {
        let k = seen.entry(d.code()).or_default();
        *k += 1;
        if *k <= PER_CODE {
            out.push_str(&d.to_string_in(lang));
            out.push('\n');
        }
    }
    for (code, _, count) in report.omitted() {
        *seen.entry(code).or_default() += count;
    }
    for (code, count) in &seen {
        if *count > PER_CODE {
            let more = n(count - PER_CODE, lang);
            out.push_str(&say(
                lang,
                format!("… và {more} vấn đề khác cùng loại [{code}]\n"),
                format!("… and {more} more like this [{code}]\n"),
            ));
        }
    }
    let all = report.total();
    let errors = report.count_at_least(thidua::Severity::Error);
    let warnings = all - errors;
    let plural = |k: u64, one: &str, many: &str| {
        format!("{} {}", n(k, lang), if k == 1 { one } else { many })
    };
    out.push_str(&match (all, lang) {
        (0, Lang::En) => "no problems\n".to_owned(),
        (0, _) => "không có vấn đề nào\n".to_owned(),
        (all, Lang::En) => format!(
            "{}: {}, {}\n",
            plural(all, "problem", "problems"),
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings")
        ),
        (all, _) => format!(
            "{} vấn đề: {} lỗi, {} cảnh báo\n",
            n(all, lang),
            n(errors, lang),
            n(warnings, lang)
        ),
    });
    out
}

fn load(path: &Path, lang: Lang) -> Result<Dataset, Failure> {
    if path.is_dir() {
        return thidua::parquet::read_dataset(path)
            .map_err(|d| Failure::Invalid(problems(&d, lang)));
    }
    let bytes = read(path, lang)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let p = path.display();
        Failure::Io(say(
            lang,
            format!("tệp {p} không phải văn bản UTF-8: {e}"),
            format!("{p} is not UTF-8 text: {e}"),
        ))
    })?;
    Dataset::from_json(&text).map_err(|d| Failure::Invalid(problems(&d, lang)))
}

/// The unit `--unit` names by its code.
fn unit_by_code(model: &Model, code: &str, lang: Lang) -> Result<thidua::UnitId, Failure> {
    model.hierarchy.unit_by_code(code).ok_or_else(|| {
        Failure::Usage(say(
            lang,
            format!("--unit: không có đơn vị nào mang mã “{code}”"),
            format!("--unit: no unit has the code {code:?}"),
        ))
    })
}

fn model(path: &Path, lang: Lang) -> Result<Model, Failure> {
    if path.is_dir() {
        return thidua::parquet::read_model(path)
            .map_err(|d| Failure::Invalid(d.to_string_in(lang)));
    }
    load(path, lang)?
        .into_model()
        .map_err(|d| Failure::Invalid(d.to_string_in(lang)))
}

/// A day given to the option `name` (such as `--as-of`).
fn date_arg(name: &str, text: Option<&str>) -> Result<Option<chrono::NaiveDate>, Failure> {
    text.map(|t| {
        chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .or_else(|_| parse_date(t))
            .map_err(|e| Failure::Usage(format!("{name}: {e}")))
    })
    .transpose()
}

fn period_arg(text: Option<&str>) -> Result<Option<Period>, Failure> {
    text.map(|t| {
        t.parse()
            .map_err(|e| Failure::Usage(format!("--period: {e}")))
    })
    .transpose()
}

fn print(text: &str, lang: Lang) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| {
            Failure::Io(say(
                lang,
                format!("không ghi được ra đầu ra chuẩn: {e}"),
                format!("cannot write to standard output: {e}"),
            ))
        })
}

fn run(command: Command, lang: Lang) -> Result<(), Failure> {
    match command {
        Command::Validate { file } => {
            let dataset = load(&file, lang)?;
            let report = dataset.validate();
            verdict(&file, &report, lang)
        }
        Command::Report {
            file,
            scope:
                Scope {
                    unit,
                    as_of,
                    period,
                },
            format,
        } => {
            let as_of = date_arg("--as-of", as_of.as_deref())?;
            let period = period_arg(period.as_deref())?;
            let model = model(&file, lang)?;
            let unit = unit
                .map(|code| unit_by_code(&model, &code, lang))
                .transpose()?;
            let request = ReportRequest {
                unit,
                as_of,
                period,
            };
            let report = model
                .report(&request)
                .map_err(|e| Failure::Invalid(e.to_string()))?;
            let format = match format {
                OutFormat::Md => Format::Markdown,
                OutFormat::Html => Format::Html,
                OutFormat::Text => Format::Text,
            };
            print(&report.render(format, lang), lang)
        }
        Command::Convert {
            input,
            output,
            by_province,
        } => convert(&input, &output, by_province, lang),
        Command::Rollup {
            file,
            metric,
            scope:
                Scope {
                    unit,
                    as_of,
                    period,
                },
            parquet_out,
        } => {
            let as_of = date_arg("--as-of", as_of.as_deref())?;
            let period = period_arg(period.as_deref())?;
            let model = model(&file, lang)?;
            let period = period.or(model.meta.period);
            let day = as_of
                .or(model.meta.as_of)
                .or_else(|| {
                    period.map(|p| {
                        p.span(&model.meta.calendar.clone().unwrap_or_default())
                            .end()
                    })
                })
                .ok_or_else(|| {
                    Failure::Usage(say(
                        lang,
                        "không có ngày để tính: hãy cho --as-of, hoặc điền meta.as_of hay \
                         meta.period"
                            .to_owned(),
                        "no day to count on: give --as-of, or set meta.as_of or meta.period"
                            .to_owned(),
                    ))
                })?;
            let snapshot = model.hierarchy.as_of(day);
            let scope = unit
                .map(|code| {
                    snapshot.node_by_code(&code).ok_or_else(|| {
                        Failure::Usage(say(
                            lang,
                            format!(
                                "--unit: ngày {} không có đơn vị nào mang mã “{code}”",
                                day.format("%d/%m/%Y")
                            ),
                            format!("--unit: no unit has the code {code:?} on {day}"),
                        ))
                    })
                })
                .transpose()?;
            if let Some(dir) = &parquet_out {
                let rows =
                    thidua::parquet::RollupRow::from_model(&model, &snapshot, period.as_ref());
                let fail = |e: &dyn std::fmt::Display| {
                    let p = dir.display();
                    Failure::Io(say(
                        lang,
                        format!("không ghi được vào thư mục {p}: {e}"),
                        format!("cannot write into {p}: {e}"),
                    ))
                };
                std::fs::create_dir_all(dir).map_err(|e| fail(&e))?;
                let path = dir.join("rollup.parquet");
                thidua::parquet::write_rollup_parquet(&path, &rows).map_err(|e| fail(&e))?;
                eprintln!(
                    "{}",
                    say(
                        lang,
                        format!(
                            "đã ghi {} đơn vị vào {}",
                            n(rows.len(), lang),
                            path.display()
                        ),
                        format!("wrote {} units to {}", n(rows.len(), lang), path.display()),
                    )
                );
            }
            let Some(metric) = metric else {
                return Ok(());
            };
            let out = match metric {
                MetricName::Members => table(
                    &model,
                    &snapshot,
                    scope,
                    period.as_ref(),
                    &Members,
                    lang,
                    |n| n.to_string(),
                ),
                MetricName::Women => table(
                    &model,
                    &snapshot,
                    scope,
                    period.as_ref(),
                    &MembersByGender,
                    lang,
                    |t| {
                        t.iter()
                            .map(|(g, n)| {
                                let label = match (g, lang) {
                                    (Some(g), Lang::En) => g.label_en(),
                                    (Some(g), _) => g.label_vi(),
                                    (None, Lang::En) => "unknown",
                                    (None, _) => "không rõ",
                                };
                                format!("{label}={n}")
                            })
                            .collect::<Vec<_>>()
                            .join(", ")
                    },
                ),
                MetricName::Units => table(
                    &model,
                    &snapshot,
                    scope,
                    period.as_ref(),
                    &UnitsByLevelAndBloc,
                    lang,
                    |t| {
                        t.iter()
                            .map(|((level, bloc), n)| {
                                format!(
                                    "{}{}={n}",
                                    level_label(*level, lang),
                                    bloc.map(|b| format!(
                                        " {}",
                                        if lang == Lang::En {
                                            b.label_en()
                                        } else {
                                            b.label_vi()
                                        }
                                    ))
                                    .unwrap_or_default()
                                )
                            })
                            .collect::<Vec<_>>()
                            .join(", ")
                    },
                ),
                MetricName::Grades => table(
                    &model,
                    &snapshot,
                    scope,
                    period.as_ref(),
                    &GrassrootsGrades,
                    lang,
                    |t| {
                        t.iter()
                            .map(|(g, n)| {
                                let label = match (g, lang) {
                                    (Some(g), Lang::En) => g.label_en(),
                                    (Some(g), _) => g.label_vi(),
                                    (None, Lang::En) => "not graded",
                                    (None, _) => "chưa xếp loại",
                                };
                                format!("{label}={n}")
                            })
                            .collect::<Vec<_>>()
                            .join(", ")
                    },
                ),
                MetricName::Titles => table(
                    &model,
                    &snapshot,
                    scope,
                    period.as_ref(),
                    &TitlesConferred,
                    lang,
                    |t| {
                        t.iter()
                            .map(|(code, n)| format!("{code}={n}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    },
                ),
            };
            print(&out, lang)
        }
        Command::Import {
            sheet,
            template,
            output,
            sheet_name,
            into,
            mode,
        } => {
            let base = into.as_deref().map(|p| load(p, lang)).transpose()?;
            let grid = read_sheet(&sheet, template, sheet_name.as_deref(), lang)?;
            let mut importer = Importer::new(template).mode(mode);
            if let Some(b) = &base {
                importer = importer.base(b);
            }
            // A progress bar on a terminal, once the import has taken a second.
            let terminal = std::io::stderr().is_terminal();
            let started = std::time::Instant::now();
            let bar = indicatif::ProgressBar::hidden();
            bar.set_style(
                indicatif::ProgressStyle::with_template(&say(
                    lang,
                    "{bar:40} {pos}/{len} dòng".to_owned(),
                    "{bar:40} {pos}/{len} rows".to_owned(),
                ))
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            let mut progress = |done: usize, all: usize| {
                if !terminal {
                    return;
                }
                if bar.is_hidden() && started.elapsed() >= std::time::Duration::from_secs(1) {
                    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                }
                bar.set_length(all as u64);
                bar.set_position(done as u64);
                if done == all {
                    bar.finish_and_clear();
                }
            };
            let nothing_written = |why_vi: String, why_en: String, suggest: bool| {
                let o = output.display();
                let hint = if suggest {
                    say(
                        lang,
                        " Dùng --mode partial để nhập các dòng hợp lệ và bỏ các dòng lỗi."
                            .to_owned(),
                        " Use --mode partial to import the good rows and leave the rejected ones."
                            .to_owned(),
                    )
                } else {
                    String::new()
                };
                say(
                    lang,
                    format!("Không ghi tệp {o}: {why_vi}.{hint}"),
                    format!("Nothing was written to {o}: {why_en}.{hint}"),
                )
            };
            let import = match importer.import_with_progress(&grid, &mut progress) {
                Ok(import) => import,
                Err(d) => {
                    eprint!("{}", problems(&d, lang));
                    return Err(Failure::Invalid(nothing_written(
                        "có dòng bị từ chối".to_owned(),
                        "some rows were rejected".to_owned(),
                        mode != ImportMode::Partial,
                    )));
                }
            };
            let counts = import.counts;
            let row_problems = import.diagnostics.clone();
            let (result, merged) = match base {
                Some(mut b) => {
                    let merged = import.merge_into(&mut b);
                    (b, Some(merged))
                }
                None => (import.dataset, None),
            };
            // The result is checked whole before anything is written; rows rejected
            // in partial mode are listed but do not stop it.
            let checked = result.validate();
            let invalid = checked.has_errors();
            let mut report = row_problems;
            report.extend(checked);
            eprint!("{}", problems(&report, lang));
            if invalid {
                return Err(Failure::Invalid(nothing_written(
                    "dữ liệu sau khi nhập không hợp lệ".to_owned(),
                    "the dataset would not be valid after the import".to_owned(),
                    false,
                )));
            }
            write(&output, result.to_json().as_bytes(), lang)?;
            let (data, rejected, empty) = (
                n(counts.data, lang),
                n(counts.rejected, lang),
                n(counts.empty, lang),
            );
            let (added, updated, unchanged) = match merged {
                Some(m) => (m.added, m.updated, m.unchanged),
                None => (counts.imported, 0, 0),
            };
            let (added, updated, unchanged) =
                (n(added, lang), n(updated, lang), n(unchanged, lang));
            eprintln!(
                "{}",
                say(
                    lang,
                    format!(
                        "{data} dòng: thêm {added}, cập nhật {updated}, không đổi {unchanged}, từ chối {rejected}; bỏ qua {empty} dòng trống"
                    ),
                    format!(
                        "{data} rows: {added} added, {updated} updated, {unchanged} unchanged, {rejected} rejected; {empty} empty rows skipped"
                    ),
                )
            );
            Ok(())
        }
        Command::Export {
            file,
            template,
            output,
        } => {
            let dataset = load(&file, lang)?;
            let export = export_sheet(template, &dataset);
            eprint!("{}", export.diagnostics.to_string_in(lang));
            let bytes = match extension(&output).as_str() {
                "xlsx" => Sheet::to_xlsx(std::slice::from_ref(&export.sheet)),
                "csv" => export.sheet.to_csv(),
                other => {
                    return Err(Failure::Usage(say(
                        lang,
                        format!("-o: không ghi được tệp “{other}”: hãy dùng .csv hoặc .xlsx"),
                        format!("-o: cannot write a {other:?} file: use .csv or .xlsx"),
                    )));
                }
            }
            .map_err(|e| Failure::Io(e.to_string()))?;
            write(&output, &bytes, lang)
        }
        Command::Schema => {
            let schema = thidua::dataset_json_schema();
            let text = serde_json::to_string_pretty(&schema).map_err(|e| {
                Failure::Io(say(
                    lang,
                    format!("không ghi được lược đồ: {e}"),
                    format!("cannot write the schema: {e}"),
                ))
            })?;
            print(&format!("{text}\n"), lang)
        }
        Command::Rules {
            action: Some(RulesAction::Check { file, dataset }),
            ..
        } => check_rules(&file, dataset.as_deref(), lang),
        Command::Rules {
            action: None,
            file,
            unit,
            on,
            format,
            output,
        } => {
            let text = match file {
                Some(file) => rules_in_force(&file, unit, on.as_deref(), format, lang)?,
                None => {
                    if unit.is_some() || on.is_some() || matches!(format, DocFormat::Html) {
                        return Err(Failure::Usage(say(
                            lang,
                            "--unit, --on và --format html cần một tệp dữ liệu: thidua rules \
                             DATASET --unit CODE --on DATE"
                                .to_owned(),
                            "--unit, --on and --format html need a dataset: thidua rules DATASET \
                             --unit CODE --on DATE"
                                .to_owned(),
                        )));
                    }
                    thidua::rule_catalogue_markdown()
                }
            };
            match output {
                Some(path) => write(&path, text.as_bytes(), lang),
                None => print(&text, lang),
            }
        }
        Command::Doc {
            kind,
            file,
            unit,
            period,
            date,
            number,
            symbol,
            place,
            signer,
            secretary,
            output,
        } => {
            let options = DocOptions {
                unit,
                period,
                date,
                number,
                symbol,
                place,
                signer,
                secretary,
            };
            document(kind, &file, options, &output, lang)
        }
        Command::Whatif {
            file,
            period,
            with,
            on,
            against,
            unit,
            format,
            output,
        } => whatif(
            &file,
            &period,
            Sides {
                with: with.as_deref(),
                on: on.as_deref(),
                against: against.as_deref(),
            },
            unit.as_deref(),
            format,
            output.as_deref(),
            lang,
        ),
    }
}

/// Checks a rule set, against a dataset's hierarchy when one is given, and lists its
/// problems as `validate` does.
fn check_rules(file: &Path, dataset: Option<&Path>, lang: Lang) -> Result<(), Failure> {
    let bytes = read(file, lang)?;
    let p = file.display();
    let text = String::from_utf8(bytes).map_err(|e| {
        Failure::Io(say(
            lang,
            format!("tệp {p} không phải văn bản UTF-8: {e}"),
            format!("{p} is not UTF-8 text: {e}"),
        ))
    })?;
    let rules =
        thidua::RuleSet::from_json(&text).map_err(|d| Failure::Invalid(problems(&d, lang)))?;
    // A dataset file (it has a schema version) brings its own units.
    // Only that field is looked at; the rest is skipped, not built into a tree.
    #[derive(serde::Deserialize)]
    struct Versioned {
        schema_version: Option<serde::de::IgnoredAny>,
    }
    let own = dataset.is_none()
        && serde_json::from_str::<Versioned>(&text).is_ok_and(|v| v.schema_version.is_some());
    let model = match dataset {
        Some(d) => Some(model(d, lang)?),
        None if own => Some(model(file, lang)?),
        None => None,
    };
    let report = rules.check(model.as_ref().map(|m| &m.hierarchy));
    verdict(file, &report, lang)
}

/// `thidua convert`: a JSON file to a Parquet directory or back, checked whole
/// before anything is written.
fn convert(input: &Path, output: &Path, by_province: bool, lang: Lang) -> Result<(), Failure> {
    let dataset = load(input, lang)?;
    let report = dataset.validate();
    if report.has_errors() {
        eprint!("{}", problems(&report, lang));
        let p = input.display();
        return Err(Failure::Invalid(say(
            lang,
            format!("{p}: không hợp lệ; không ghi gì"),
            format!("{p}: invalid; nothing written"),
        )));
    }
    let to_json = input.is_dir() || extension(output) == "json";
    if to_json {
        write(output, dataset.to_json().as_bytes(), lang)?;
    } else {
        let written = if by_province {
            thidua::parquet::write_dataset_by_province(&dataset, output)
        } else {
            thidua::parquet::write_dataset(&dataset, output)
        };
        written.map_err(|e| {
            let p = output.display();
            let cause = std::error::Error::source(&e)
                .map(|c| format!(": {c}"))
                .unwrap_or_default();
            Failure::Io(say(
                lang,
                format!("không ghi được {p}{cause}"),
                format!("cannot write {p}{cause}"),
            ))
        })?;
    }
    let (i, o) = (input.display(), output.display());
    print(
        &say(lang, format!("{i} → {o}\n"), format!("{i} → {o}\n")),
        lang,
    )
}

/// Lists a check's problems on stderr, then says whether the file is valid: an
/// error when any problem is one.
fn verdict(file: &Path, report: &thidua::Diagnostics, lang: Lang) -> Result<(), Failure> {
    eprint!("{}", problems(report, lang));
    let p = file.display();
    if report.has_errors() {
        return Err(Failure::Invalid(say(
            lang,
            format!("{p}: không hợp lệ"),
            format!("{p}: invalid"),
        )));
    }
    print(
        &say(lang, format!("{p}: hợp lệ\n"), format!("{p}: valid\n")),
        lang,
    )
}

/// The rules in force for a unit of a dataset on a day, rendered.
fn rules_in_force(
    file: &Path,
    unit: Option<String>,
    on: Option<&str>,
    format: DocFormat,
    lang: Lang,
) -> Result<String, Failure> {
    let day = on
        .map(|t| {
            chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .or_else(|_| parse_date(t))
                .map_err(|e| Failure::Usage(format!("--on: {e}")))
        })
        .transpose()?;
    let model = model(file, lang)?;
    let day = day.or(model.meta.as_of).ok_or_else(|| {
        Failure::Usage(say(
            lang,
            "không có ngày: hãy cho --on, hoặc điền meta.as_of".to_owned(),
            "no day: give --on, or set meta.as_of".to_owned(),
        ))
    })?;
    let unit = match unit {
        Some(code) => unit_by_code(&model, &code, lang)?,
        None => model.meta.subject.ok_or_else(|| {
            Failure::Usage(say(
                lang,
                "không có đơn vị: hãy cho --unit, hoặc điền meta.subject".to_owned(),
                "no unit: give --unit, or set meta.subject".to_owned(),
            ))
        })?,
    };
    let doc = model.rules_in_force(unit, day).map_err(|e| match e {
        thidua::RuleError::UnknownUnit { .. } => Failure::Usage(say(
            lang,
            format!(
                "--unit: đơn vị không tồn tại vào ngày {}",
                day.format("%d/%m/%Y")
            ),
            format!("--unit: the unit does not exist on {day}"),
        )),
        thidua::RuleError::NoRegime { .. } => Failure::Usage(say(
            lang,
            format!(
                "--on: không có chế độ thi đua, khen thưởng nào áp dụng vào ngày {} \
                 (các chế độ có sẵn: 01/10/2017 – 28/02/2027)",
                day.format("%d/%m/%Y")
            ),
            format!("--on: {e}"),
        )),
        other => Failure::Invalid(other.to_string()),
    })?;
    Ok(match format {
        DocFormat::Md => doc.to_markdown(lang),
        DocFormat::Html => doc.to_html(lang),
    })
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

fn read_sheet(
    path: &Path,
    template: Template,
    name: Option<&str>,
    lang: Lang,
) -> Result<Sheet, Failure> {
    let bytes = read(path, lang)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match extension(path).as_str() {
        "xlsx" => {
            // Only the sheet wanted is read: the template's by default, or the
            // first sheet when the workbook has none of that name.
            let available =
                Sheet::xlsx_sheet_names(&bytes).map_err(|e| Failure::Io(e.to_string()))?;
            let wanted = name.unwrap_or(template.sheet_name());
            let found = if available.iter().any(|a| a == wanted) {
                Some(wanted)
            } else if name.is_none() {
                available.first().map(String::as_str)
            } else {
                None
            };
            match found {
                Some(sheet) => {
                    Sheet::from_xlsx_sheet(&bytes, sheet).map_err(|e| Failure::Io(e.to_string()))
                }
                None => Err(Failure::Usage(say(
                    lang,
                    format!(
                        "--sheet: sổ tính không có trang “{wanted}” (chỉ có {})",
                        available
                            .iter()
                            .map(|a| format!("“{a}”"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    format!("--sheet: the workbook has no sheet {wanted:?} (it has {available:?})"),
                ))),
            }
        }
        "csv" | "tsv" | "txt" => {
            Sheet::from_csv(&file_name, &bytes).map_err(|e| Failure::Io(e.to_string()))
        }
        other => Err(Failure::Usage(say(
            lang,
            format!("không đọc được tệp “{other}”: hãy cho tệp .csv hoặc .xlsx"),
            format!("cannot read a {other:?} file: give a .csv or .xlsx file"),
        ))),
    }
}

fn level_label(level: Level, lang: Lang) -> String {
    match lang {
        Lang::En => format!("level {}", level.number()),
        _ => format!("cấp {}", level.number()),
    }
}

/// One line per unit in scope: code, name, and the metric's total for its subtree.
fn table<M: Metric>(
    model: &Model,
    snapshot: &Snapshot<'_>,
    scope: Option<thidua::Node>,
    period: Option<&Period>,
    metric: &M,
    lang: Lang,
    show: impl Fn(&M::Acc) -> String,
) -> String {
    let rollup: Rollup<M::Acc> = model.rollup(metric, snapshot, scope, period);
    // A period nothing is recorded for is said, never shown as zeros alone.
    for d in rollup
        .diagnostics()
        .iter()
        .filter(|d| d.severity() >= thidua::Severity::Warning)
    {
        eprintln!("{}", d.to_string_in(lang));
    }
    let nodes: Vec<thidua::Node> = match scope {
        Some(n) => snapshot.subtree(n).collect(),
        None => snapshot.nodes().collect(),
    };
    let mut out = String::new();
    for node in nodes {
        let Some(total) = rollup.total(node) else {
            continue;
        };
        let indent = "  ".repeat(usize::try_from(snapshot.depth(node)).unwrap_or(0));
        let name = snapshot.name(node).map(|n| n.as_str()).unwrap_or_default();
        out.push_str(&format!(
            "{indent}{} {name}: {}\n",
            snapshot.code(node),
            show(total)
        ));
    }
    out
}

/// The layouts of a what-if report.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum WhatifFormat {
    Md,
    Html,
    Text,
}

/// What tells a what-if's two configurations apart: overrides added for "b", and
/// the days each is decided on.
struct Sides<'a> {
    with: Option<&'a Path>,
    on: Option<&'a str>,
    against: Option<&'a str>,
}

/// `thidua whatif`: the dataset's configuration against the same with the file's
/// overrides added.
fn whatif(
    file: &Path,
    period: &str,
    sides: Sides<'_>,
    unit: Option<&str>,
    format: WhatifFormat,
    output: Option<&Path>,
    lang: Lang,
) -> Result<(), Failure> {
    let period = period_arg(Some(period))?.ok_or_else(|| Failure::Usage("--period".to_owned()))?;
    if sides.with.is_none() && sides.against.is_none() {
        return Err(Failure::Usage(say(
            lang,
            "cho biết cấu hình B khác A thế nào: --with TỆP (thêm điều chỉnh) và/hoặc \
             --against NGÀY (quyết định vào ngày khác)"
                .to_owned(),
            "say how B differs from A: --with FILE (overrides added) and/or --against DAY \
             (decided on another day)"
                .to_owned(),
        )));
    }
    let on = date_arg("--on", sides.on)?;
    let against = date_arg("--against", sides.against)?;
    let overrides = match sides.with {
        Some(with) => {
            let text = String::from_utf8_lossy(&read(with, lang)?).into_owned();
            thidua::overrides_from_json(&text).map_err(|d| {
                Failure::Invalid(format!("{}: {}", with.display(), problems(&d, lang)))
            })?
        }
        None => Vec::new(),
    };
    let model = model(file, lang)?;
    let scope = unit
        .map(|code| unit_by_code(&model, code, lang))
        .transpose()?;
    let rule_failure = |e: thidua::RuleError| match e {
        thidua::RuleError::UnknownUnit { date, .. } => Failure::Usage(say(
            lang,
            format!(
                "--unit: đơn vị không tồn tại vào ngày {}",
                date.format("%d/%m/%Y")
            ),
            format!("--unit: the unit does not exist on {date}"),
        )),
        thidua::RuleError::NoRegime { date } => Failure::Usage(say(
            lang,
            format!(
                "--period: không có chế độ thi đua, khen thưởng nào áp dụng vào ngày {} \
                 (các chế độ có sẵn: 01/10/2017 – 28/02/2027)",
                date.format("%d/%m/%Y")
            ),
            format!("--period: {e}"),
        )),
        other => Failure::Invalid(other.to_string()),
    };
    let population = thidua::Population::of_model(&model, &period, scope).map_err(rule_failure)?;
    let context = |day: Option<chrono::NaiveDate>| {
        let context = thidua::ReviewContext::new(period);
        match day {
            Some(day) => context.decision_on(day),
            None => context,
        }
    };
    let day_vi = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    let a = thidua::Configuration::new(model.evaluator(), context(on)).named(
        match on {
            Some(d) => format!("A (dữ liệu, quyết định ngày {})", day_vi(d)),
            None => "A (dữ liệu)".to_owned(),
        },
        match on {
            Some(d) => format!("A (dataset, decided on {d})"),
            None => "A (dataset)".to_owned(),
        },
    );
    let mut parts_vi = Vec::new();
    let mut parts_en = Vec::new();
    if let Some(with) = sides.with {
        parts_vi.push(format!("thêm {}", with.display()));
        parts_en.push(format!("with {}", with.display()));
    }
    if let Some(d) = against {
        parts_vi.push(format!("quyết định ngày {}", day_vi(d)));
        parts_en.push(format!("decided on {d}"));
    }
    // The file's overrides are resolved as the dataset's own: a unit by its code.
    let evaluator = model.evaluator_with(overrides).map_err(|d| {
        let with = sides
            .with
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        Failure::Invalid(format!("{with}: {}", problems(&d, lang)))
    })?;
    let b = thidua::Configuration::new(evaluator, context(against.or(on))).named(
        format!("B ({})", parts_vi.join(", ")),
        format!("B ({})", parts_en.join(", ")),
    );
    let report = thidua::MemberReview::new(&population, a)
        .compare(&b)
        .map_err(rule_failure)?;
    let text = match format {
        WhatifFormat::Md => report.to_markdown(lang),
        WhatifFormat::Html => report.to_html(lang),
        WhatifFormat::Text => report.to_text(lang),
    };
    match output {
        Some(path) => write(path, text.as_bytes(), lang),
        None => print(&text, lang),
    }
}

/// What `doc` is asked besides the kind and the files.
struct DocOptions {
    unit: Option<String>,
    period: Option<String>,
    date: Option<String>,
    number: Option<u32>,
    symbol: Option<String>,
    place: Option<String>,
    signer: Option<String>,
    secretary: Option<String>,
}

/// `thidua doc`: one document of a unit as a Word file.
fn document(
    kind: DocKind,
    file: &Path,
    options: DocOptions,
    output: &Path,
    lang: Lang,
) -> Result<(), Failure> {
    if extension(output) != "docx" {
        return Err(Failure::Usage(say(
            lang,
            format!(
                "-o: hãy ghi ra tệp .docx, không phải “{}”",
                output.display()
            ),
            format!(
                "-o: write a .docx file, not {:?}",
                output.display().to_string()
            ),
        )));
    }
    let model = model(file, lang)?;
    let unit = match options.unit.as_deref() {
        Some(code) => unit_by_code(&model, code, lang)?,
        None => model.meta.subject.ok_or_else(|| {
            Failure::Usage(say(
                lang,
                "--unit: tệp dữ liệu không ghi đơn vị (meta.subject): hãy cho --unit CODE"
                    .to_owned(),
                "--unit: the dataset names no subject (meta.subject): give --unit CODE".to_owned(),
            ))
        })?,
    };
    let period = period_arg(options.period.as_deref())?
        .or(model.meta.period)
        .ok_or_else(|| {
            Failure::Usage(say(
                lang,
                "--period: tệp dữ liệu không ghi kỳ (meta.period): hãy cho --period".to_owned(),
                "--period: the dataset names no period (meta.period): give --period".to_owned(),
            ))
        })?;
    let date = date_arg("--date", options.date.as_deref())?
        .or(model.meta.as_of)
        .unwrap_or_else(|| thidua::ReviewContext::new(period).span().1);
    let mut settings = thidua::DocumentSettings::for_unit(&model.hierarchy, unit, date)
        .ok_or_else(|| {
            Failure::Usage(say(
                lang,
                format!(
                    "--unit: đơn vị không tồn tại vào ngày {}",
                    date.format("%d/%m/%Y")
                ),
                format!("--unit: the unit does not exist on {date}"),
            ))
        })?;
    settings.number = options.number;
    if let Some(symbol) = options.symbol {
        settings.symbol = symbol;
    }
    if let Some(place) = options.place {
        settings.place = place;
    }
    if let Some(name) = options.signer {
        settings.signer.name = name;
    }
    if let Some(name) = options.secretary {
        settings.secretary = name;
    }
    let invalid = |d: thidua::Diagnostics| Failure::Invalid(d.to_string_in(lang));
    let bytes = match kind {
        DocKind::Report => {
            let request = ReportRequest {
                unit: Some(unit),
                as_of: Some(date),
                period: Some(period),
            };
            let report = model
                .report(&request)
                .map_err(|e| Failure::Invalid(e.to_string()))?;
            report.to_docx(&settings, lang).map_err(invalid)?
        }
        _ => {
            let nominations =
                thidua::Nominations::of_model(&model, unit, period, date).map_err(invalid)?;
            match kind {
                DocKind::Nominations => nominations.list_docx(&settings),
                DocKind::Minutes => nominations.minutes_docx(&settings),
                _ => nominations.decision_docx(&settings),
            }
            .map_err(invalid)?
        }
    };
    write(output, &bytes, lang)
}
