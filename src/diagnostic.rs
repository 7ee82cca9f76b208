//! Diagnostics: every problem a check finds, with where it is.
//!
//! Constructing a value returns an error at once; checking a whole dataset returns a
//! [`Diagnostics`] report listing *every* problem, each with a stable [`code`], a
//! [`Severity`], a [`Location`] (a JSON path such as `$.units[3].parent`, or a
//! spreadsheet cell) and a message. Nothing is silently fixed.
//!
//! [`code`]: Diagnostic::code
//!
//! ```
//! use thidua::{DataPath, Diagnostic, Diagnostics, Severity};
//!
//! let mut report = Diagnostics::new();
//! report.push(Diagnostic::new(
//!     "initiative.recognised_exceeds_submitted",
//!     Severity::Error,
//!     DataPath::root().key("initiatives").index(2).key("recognised"),
//!     "3.124 recognised is more than the 1.724 submitted",
//! ));
//! assert!(report.has_errors());
//! assert_eq!(
//!     report.to_string(),
//!     "error[initiative.recognised_exceeds_submitted] at $.initiatives[2].recognised: \
//!      3.124 recognised is more than the 1.724 submitted\n"
//! );
//! ```

use std::fmt;

/// How serious a diagnostic is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Severity {
    /// Worth knowing; the data is usable as it is.
    Info,
    /// Suspicious or inconsistent (figures that do not add up); the data is kept.
    Warning,
    /// The data is wrong or unusable as given.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One step of a [`DataPath`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PathSegment {
    /// An object key.
    Key(String),
    /// An array index (0-based).
    Index(usize),
}

/// A path into a JSON-like document, displayed as `$.units[3].parent`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct DataPath {
    segments: Vec<PathSegment>,
}

impl DataPath {
    /// The document root, `$`.
    pub fn root() -> Self {
        Self::default()
    }

    /// This path extended by an object key.
    #[must_use]
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.segments.push(PathSegment::Key(key.into()));
        self
    }

    /// This path extended by an array index.
    #[must_use]
    pub fn index(mut self, index: usize) -> Self {
        self.segments.push(PathSegment::Index(index));
        self
    }

    /// The steps from the root.
    pub fn segments(&self) -> &[PathSegment] {
        &self.segments
    }
}

fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

impl fmt::Display for DataPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("$")?;
        for segment in &self.segments {
            match segment {
                PathSegment::Key(k) if is_plain_key(k) => write!(f, ".{k}")?,
                PathSegment::Key(k) => write!(f, "[{k:?}]")?,
                PathSegment::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

/// Where a problem is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Location {
    /// In a JSON-like document.
    Path(DataPath),
    /// In a spreadsheet or CSV file: sheet name, 1-based row, column header or letter.
    Cell {
        /// The sheet's name (the file name for CSV).
        sheet: String,
        /// The 1-based row number as the officer sees it.
        row: u32,
        /// The column's header (or its letter when it has none).
        column: String,
    },
    /// Not tied to one place (a total over the whole dataset).
    Whole,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Path(p) => p.fmt(f),
            Location::Cell { sheet, row, column } => {
                write!(f, "sheet {sheet:?}, row {row}, column {column:?}")
            }
            Location::Whole => f.write_str("the whole dataset"),
        }
    }
}

impl From<DataPath> for Location {
    fn from(path: DataPath) -> Self {
        Location::Path(path)
    }
}

/// One problem found by a check.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    code: String,
    severity: Severity,
    location: Location,
    message: String,
}

impl Diagnostic {
    /// A diagnostic with a stable dotted code (`hierarchy.cycle`), a severity, a place
    /// and a message (lowercase, quoting the values involved).
    pub fn new(
        code: impl Into<String>,
        severity: Severity,
        location: impl Into<Location>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            code: code.into(),
            severity,
            location: location.into(),
            message: message.into(),
        }
    }

    /// The stable code, for filtering and for tests.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// How serious it is.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Where it is.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// What is wrong, with the values involved.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}] at {}: {}",
            self.severity, self.code, self.location, self.message
        )
    }
}

/// Every problem a check found, in the order found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty report.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds every problem of another report.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// All problems, in the order found.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    /// The number of problems.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Whether any problem is an [`Severity::Error`].
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// The problems with the given code.
    pub fn with_code<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.items.iter().filter(move |d| d.code == code)
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.items {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// A report with errors is itself an error value, so `?` can carry it.
impl std::error::Error for Diagnostics {}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Self {
            items: iter.into_iter().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_display_like_json_path() {
        let p = DataPath::root().key("units").index(3).key("parent");
        assert_eq!(p.to_string(), "$.units[3].parent");
        assert_eq!(DataPath::root().to_string(), "$");
        let odd = DataPath::root().key("tên đơn vị").key("");
        assert_eq!(odd.to_string(), "$[\"tên đơn vị\"][\"\"]");
    }

    #[test]
    fn cells_say_sheet_row_and_column() {
        let d = Diagnostic::new(
            "import.bad_date",
            Severity::Error,
            Location::Cell {
                sheet: "Đoàn viên".into(),
                row: 7,
                column: "Ngày sinh".into(),
            },
            "invalid date \"31/02/2024\"",
        );
        insta::assert_snapshot!(d, @r#"error[import.bad_date] at sheet "Đoàn viên", row 7, column "Ngày sinh": invalid date "31/02/2024""#);
    }

    #[test]
    fn reports_keep_every_problem_in_order() {
        let mut r = Diagnostics::new();
        assert!(r.is_empty() && !r.has_errors());
        r.push(Diagnostic::new(
            "a",
            Severity::Warning,
            Location::Whole,
            "first",
        ));
        r.push(Diagnostic::new(
            "b",
            Severity::Error,
            DataPath::root(),
            "second",
        ));
        r.push(Diagnostic::new(
            "a",
            Severity::Info,
            Location::Whole,
            "third",
        ));
        assert_eq!(r.len(), 3);
        assert!(r.has_errors());
        assert_eq!(r.with_code("a").count(), 2);
        let messages: Vec<_> = r.iter().map(Diagnostic::message).collect();
        assert_eq!(messages, ["first", "second", "third"]);
        insta::assert_snapshot!(r, @"
        warning[a] at the whole dataset: first
        error[b] at $: second
        info[a] at the whole dataset: third
        ");
    }
}
