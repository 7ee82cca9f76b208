//! The documents officers file, as Word (DOCX) files in the administrative format
//! of Decree 30/2020/NĐ-CP (feature `docx`): the nomination list, the council's
//! minutes, the decision with its annex, and the year-end report.
//!
//! The layout — A4, margins, Times New Roman, the header with the national motto,
//! the number and symbol, the place and date in words, the signature block and the
//! recipients — is in one place, [`DocumentSettings`] says what a jurisdiction can
//! change, and every figure comes from the crate's own verdicts, bonuses and report
//! model: nothing is computed twice.
//!
//! ```
//! use thidua::{Dataset, DocumentSettings, Lang, Nominations, ReportRequest};
//!
//! let text = include_str!("../../tests/documents/nominations.json");
//! let model = Dataset::from_json(text).map_err(|d| d.to_string())?
//!     .into_model().map_err(|d| d.to_string())?;
//! let unit = model.hierarchy.unit_by_code("HN.THCS-NL").ok_or("unit")?;
//! let day = chrono::NaiveDate::from_ymd_opt(2025, 8, 20).ok_or("date")?;
//! let mut settings = DocumentSettings::for_unit(&model.hierarchy, unit, day).ok_or("unit")?;
//! settings.number = Some(15);
//!
//! let nominations = Nominations::of_model(&model, unit, "2024-2025".parse()?, day)
//!     .map_err(|d| d.to_string())?;
//! let list = nominations.list_docx(&settings).map_err(|d| d.to_string())?;
//! let minutes = nominations.minutes_docx(&settings).map_err(|d| d.to_string())?;
//! let decision = nominations.decision_docx(&settings).map_err(|d| d.to_string())?;
//! // LĐTT: 0,3 × 2.340.000 = 702.000, rounded up to 710.000 đồng (ND 152/2025 Điều 49).
//! assert_eq!(nominations.bonus_total(50).map_err(|d| d.to_string())?.0.get(), 710_000 + 2_340_000);
//!
//! let report = model.report(&ReportRequest { unit: Some(unit), ..Default::default() })?;
//! let report = report.to_docx(&settings, Lang::Vi).map_err(|d| d.to_string())?;
//! for docx in [list, minutes, decision, report] {
//!     assert!(docx.starts_with(b"PK"), "a DOCX file is a zip archive");
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub(crate) mod layout;
pub(crate) mod nominations;
pub(crate) mod report;
