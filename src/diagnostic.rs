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

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::messages;
use crate::value::format::{Lang, format_integer};

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

impl Severity {
    /// The word for it in a language: `lỗi`, `cảnh báo`, `thông tin`; `error`,
    /// `warning`, `info`.
    #[must_use]
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Info, Lang::Vi) => "thông tin",
            (Severity::Warning, Lang::Vi) => "cảnh báo",
            (Severity::Error, Lang::Vi) => "lỗi",
            (Severity::Info, Lang::En) => "info",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Error, Lang::En) => "error",
        }
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
    /// In a table file (a Parquet file of a dataset directory): the file's path
    /// within the directory, the 0-based row, the column's name.
    Row {
        /// The file's path within the dataset directory (`members.parquet`).
        file: String,
        /// The 0-based row within the file.
        row: u64,
        /// The column's name.
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
            Location::Row { file, row, column } if column.is_empty() => {
                write!(f, "file {file:?}, row {row}")
            }
            Location::Row { file, row, column } => {
                write!(f, "file {file:?}, row {row}, column {column:?}")
            }
            Location::Whole => f.write_str("the whole dataset"),
        }
    }
}

impl Location {
    /// The place in a language: `sheet "Đoàn viên", row 7, column "Ngày sinh"` in
    /// English (as `Display` writes it), `trang tính “Đoàn viên”, dòng 7, cột “Ngày
    /// sinh”` in Vietnamese; paths are the same in both.
    #[must_use]
    pub fn to_string_in(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) | (Location::Path(_), Lang::Vi) => self.to_string(),
            (Location::Cell { sheet, row, column }, Lang::Vi) => format!(
                "trang tính {}, dòng {row}, cột {}",
                quote(sheet, lang),
                quote(column, lang)
            ),
            (Location::Row { file, row, column }, Lang::Vi) if column.is_empty() => {
                format!("tệp {}, dòng {row}", quote(file, lang))
            }
            (Location::Row { file, row, column }, Lang::Vi) => format!(
                "tệp {}, dòng {row}, cột {}",
                quote(file, lang),
                quote(column, lang)
            ),
            (Location::Whole, Lang::Vi) => "toàn bộ dữ liệu".to_owned(),
        }
    }
}

impl From<DataPath> for Location {
    fn from(path: DataPath) -> Self {
        Location::Path(path)
    }
}

/// A value given to a message, formatted in the reader's language when the message is
/// rendered.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Arg {
    /// Written as it is in every language.
    Text(String),
    /// Input quoted as read: `"X"` in English, `“X”` in Vietnamese.
    Quoted(String),
    /// A whole number, grouped by thousands: `15.249` in Vietnamese, `15,249` in English.
    Int(i128),
    /// A day: `01/07/2025` in Vietnamese, `2025-07-01` in English.
    Date(NaiveDate),
    /// Words that differ by language.
    Words {
        /// The Vietnamese words.
        vi: String,
        /// The English words.
        en: String,
    },
}

impl Arg {
    fn format(&self, lang: Lang) -> String {
        match self {
            Arg::Text(t) => t.clone(),
            Arg::Quoted(t) => quote(t, lang),
            Arg::Int(n) => format_integer(*n, lang),
            Arg::Date(d) => match lang {
                Lang::Vi => d.format("%d/%m/%Y").to_string(),
                Lang::En => d.to_string(),
            },
            Arg::Words { vi, en } => match lang {
                Lang::Vi => vi.clone(),
                Lang::En => en.clone(),
            },
        }
    }
}

/// Input quoted as read: escaped in straight quotes in English (`"X"`), in curly
/// quotes in Vietnamese (`“X”`, see [`quote_vi`]).
pub(crate) fn quote(text: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{text:?}"),
        Lang::Vi => quote_vi(text),
    }
}

/// Text in Vietnamese double quotes, `“X”`; quotes inside become single quotes, so a
/// name that has its own reads `“Thi đua ‘Hai tốt’”`, never `“Thi đua “Hai tốt””`.
/// Control characters are escaped.
pub(crate) fn quote_vi(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    out.push('“');
    let mut open = true;
    for c in text.chars() {
        match c {
            '“' => out.push('‘'),
            '”' => out.push('’'),
            '"' => {
                out.push(if open { '‘' } else { '’' });
                open = !open;
            }
            c if c.is_control() => out.extend(c.escape_debug()),
            c => out.push(c),
        }
    }
    out.push('”');
    out
}

/// One problem found by a check.
///
/// A diagnostic keeps its code and its arguments; its message is rendered from the
/// message catalogue of the reader's language ([`Diagnostic::message_in`]).
/// [`Diagnostic::message`] and `Display` speak English.
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{DataPath, Diagnostic, Lang, Severity};
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let d = Diagnostic::of(
///     "membership.bad_period",
///     Severity::Error,
///     DataPath::root().key("memberships").index(2),
/// )
/// .quoted("unit", "TH-DA-TON")
/// .date("left", day(2024, 9, 1))
/// .date("joined", day(2024, 9, 5));
/// assert_eq!(
///     d.message(),
///     "membership in \"TH-DA-TON\" ends on 2024-09-01, not after it starts on 2024-09-05"
/// );
/// assert_eq!(
///     d.message_in(Lang::Vi),
///     "thời gian sinh hoạt tại “TH-DA-TON”: ngày kết thúc 01/09/2024 không sau ngày bắt đầu \
///      05/09/2024"
/// );
/// assert_eq!(
///     d.to_string_in(Lang::Vi),
///     format!("lỗi[membership.bad_period] tại $.memberships[2]: {}", d.message_in(Lang::Vi))
/// );
/// ```
#[derive(Debug, Clone)]
pub struct Diagnostic {
    code: String,
    severity: Severity,
    location: Location,
    args: Vec<(&'static str, Arg)>,
    /// Which of the code's messages, when it has several (`code#variant` in the
    /// catalogues).
    variant: Option<&'static str>,
    /// A message given as it is, in one language (from [`Diagnostic::new`]).
    given: Option<String>,
    /// Stands for the problems of its code that a report counted but did not keep
    /// (see [`Diagnostics::counted`]); its message says how many.
    counted: bool,
    /// The English message, rendered on first use.
    english: OnceLock<String>,
}

impl PartialEq for Diagnostic {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
            && self.severity == other.severity
            && self.location == other.location
            && self.args == other.args
            && self.variant == other.variant
            && self.given == other.given
            && self.counted == other.counted
    }
}

impl Eq for Diagnostic {}

impl std::hash::Hash for Diagnostic {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.code.hash(state);
        self.severity.hash(state);
        self.location.hash(state);
        self.args.hash(state);
        self.variant.hash(state);
        self.given.hash(state);
        self.counted.hash(state);
    }
}

impl Diagnostic {
    /// A diagnostic with a stable dotted code (`hierarchy.cycle`), a severity and a
    /// place; its message comes from the catalogues, filled with the arguments added by
    /// [`arg`](Self::arg), [`quoted`](Self::quoted), [`num`](Self::num),
    /// [`date`](Self::date) and [`words`](Self::words).
    pub fn of(code: impl Into<String>, severity: Severity, location: impl Into<Location>) -> Self {
        Self {
            code: code.into(),
            severity,
            location: location.into(),
            args: Vec::new(),
            variant: None,
            given: None,
            counted: false,
            english: OnceLock::new(),
        }
    }

    /// A diagnostic with a message given as it is, the same in every language.
    ///
    /// For codes outside the catalogues; prefer [`Diagnostic::of`], whose message
    /// follows the reader's language.
    pub fn new(
        code: impl Into<String>,
        severity: Severity,
        location: impl Into<Location>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            given: Some(message.into()),
            counted: false,
            ..Self::of(code, severity, location)
        }
    }

    /// The same problem at another place (a path into a dataset read from table
    /// files, told as the file, row and column it came from).
    #[must_use]
    #[cfg(feature = "parquet")]
    pub(crate) fn relocated(mut self, location: Location) -> Self {
        self.location = location;
        self.english = OnceLock::new();
        self
    }

    fn with(mut self, name: &'static str, arg: Arg) -> Self {
        self.args.push((name, arg));
        self.english = OnceLock::new();
        self
    }

    /// Picks one of the code's messages when it has several: the catalogue entry
    /// `code#variant`.
    #[must_use]
    pub fn variant(mut self, variant: &'static str) -> Self {
        self.variant = Some(variant);
        self.english = OnceLock::new();
        self
    }

    /// Adds an argument written the same in every language (a code, an id, a path).
    ///
    /// Control characters in it (a newline from the input an error quotes) are
    /// escaped, so that one problem is always one line.
    #[must_use]
    pub fn arg(self, name: &'static str, value: impl fmt::Display) -> Self {
        let text = value.to_string();
        let text = if text.contains(char::is_control) {
            text.chars()
                .flat_map(|c| {
                    let escaped = c.is_control().then(|| c.escape_debug());
                    escaped
                        .into_iter()
                        .flatten()
                        .chain((!c.is_control()).then_some(c))
                })
                .collect()
        } else {
            text
        };
        self.with(name, Arg::Text(text))
    }

    /// Adds input quoted as read: `"X"` in English, `“X”` in Vietnamese.
    #[must_use]
    pub fn quoted(self, name: &'static str, value: impl AsRef<str>) -> Self {
        self.with(name, Arg::Quoted(value.as_ref().to_owned()))
    }

    /// Adds a whole number, grouped the reader's way (`15.249`, `15,249`).
    #[must_use]
    pub fn num<N>(self, name: &'static str, value: N) -> Self
    where
        N: TryInto<i128> + Copy + fmt::Display,
    {
        let arg = match value.try_into() {
            Ok(n) => Arg::Int(n),
            Err(_) => Arg::Text(value.to_string()),
        };
        self.with(name, arg)
    }

    /// Adds a day: `01/07/2025` in Vietnamese, `2025-07-01` in English.
    #[must_use]
    pub fn date(self, name: &'static str, value: NaiveDate) -> Self {
        self.with(name, Arg::Date(value))
    }

    /// Adds words that differ by language.
    #[must_use]
    pub fn words(self, name: &'static str, vi: impl Into<String>, en: impl Into<String>) -> Self {
        self.with(
            name,
            Arg::Words {
                vi: vi.into(),
                en: en.into(),
            },
        )
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

    /// What is wrong, with the values involved, in English.
    pub fn message(&self) -> &str {
        if let Some(given) = &self.given {
            return given;
        }
        self.english.get_or_init(|| self.render(Lang::En))
    }

    /// What is wrong, with the values involved, in a language.
    #[must_use]
    pub fn message_in(&self, lang: Lang) -> String {
        match (&self.given, lang) {
            (Some(given), _) => given.clone(),
            (None, Lang::En) => self.message().to_owned(),
            (None, Lang::Vi) => self.render(lang),
        }
    }

    /// The value of an argument in a language.
    fn value(&self, name: &str, lang: Lang) -> Option<String> {
        self.args
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, a)| a.format(lang))
    }

    fn render(&self, lang: Lang) -> String {
        let key = match self.variant {
            _ if self.counted => std::borrow::Cow::Borrowed("diagnostics.omitted"),
            Some(v) => std::borrow::Cow::Owned(format!("{}#{v}", self.code)),
            None => std::borrow::Cow::Borrowed(self.code.as_str()),
        };
        let template =
            messages::template(lang, &key).or_else(|| messages::template(Lang::En, &key));
        match template {
            Some(t) => messages::fill(t, |name| self.value(name, lang)),
            // A code outside the catalogues: its arguments, named.
            None => self
                .args
                .iter()
                .map(|(n, a)| format!("{n}: {}", a.format(lang)))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }

    /// The whole line in a language: `lỗi[code] tại place: message`, or
    /// `error[code] at place: message` as `Display` writes it.
    #[must_use]
    pub fn to_string_in(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Vi => format!(
                "{}[{}] tại {}: {}",
                self.severity.label(lang),
                self.code,
                self.location.to_string_in(lang),
                self.message_in(lang)
            ),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}] at {}: {}",
            self.severity,
            self.code,
            self.location,
            self.message()
        )
    }
}

/// Every problem a check found, in the order found.
///
/// A hostile or badly broken file can hold millions of the same mistake. So that
/// memory stays bounded, at most [`Diagnostics::KEPT_PER_CODE`] problems of one code
/// are kept; the rest of that code are counted ([`Diagnostics::omitted`]) and named in
/// the text of the report as one line each.
///
/// ```
/// use thidua::{DataPath, Diagnostic, Diagnostics, Severity};
///
/// let mut report = Diagnostics::new();
/// for i in 0..1_500 {
///     report.push(Diagnostic::new(
///         "file.invalid_value",
///         Severity::Error,
///         DataPath::root().key("members").index(i),
///         "invalid value",
///     ));
/// }
/// assert_eq!(report.len(), Diagnostics::KEPT_PER_CODE);
/// assert_eq!(report.total(), 1_500);
/// let omitted: Vec<_> = report.omitted().collect();
/// assert_eq!(omitted, [("file.invalid_value", Severity::Error, 500)]);
/// assert!(report.to_string().ends_with(
///     "error[file.invalid_value] at the whole dataset: 500 more problems of this kind are \
///      counted but not kept\n"
/// ));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// How many problems of each code were seen, kept or not.
    seen: BTreeMap<String, u64>,
    /// Problems counted but not kept, per code: the worst severity and the count.
    omitted: BTreeMap<String, (Severity, u64)>,
}

impl Diagnostics {
    /// The most problems of one code a report keeps; further ones are counted.
    pub const KEPT_PER_CODE: usize = 1_000;

    /// An empty report.
    pub fn new() -> Self {
        Self::default()
    }

    /// The same report with each kept problem's place changed by `to` (counts of
    /// problems not kept stay as they are).
    #[must_use]
    #[cfg(feature = "parquet")]
    pub(crate) fn relocated(mut self, mut to: impl FnMut(&Location) -> Option<Location>) -> Self {
        for d in &mut self.items {
            if let Some(location) = to(&d.location) {
                *d = d.clone().relocated(location);
            }
        }
        self
    }

    /// Adds a problem, or counts it when [`Self::KEPT_PER_CODE`] of its code are
    /// already kept.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        let seen = match self.seen.get_mut(&diagnostic.code) {
            Some(seen) => seen,
            None => self.seen.entry(diagnostic.code.clone()).or_default(),
        };
        *seen += 1;
        if usize::try_from(*seen).is_ok_and(|n| n <= Self::KEPT_PER_CODE) {
            self.items.push(diagnostic);
            return;
        }
        let entry = self
            .omitted
            .entry(diagnostic.code)
            .or_insert((diagnostic.severity, 0));
        entry.0 = entry.0.max(diagnostic.severity);
        entry.1 += 1;
    }

    /// Adds every problem of another report, within the same limit.
    pub fn extend(&mut self, other: Diagnostics) {
        for d in other.items {
            self.push(d);
        }
        for (code, (severity, count)) in other.omitted {
            self.count_omitted(&code, severity, count);
        }
    }

    /// The problems kept, in the order found.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    /// The number of problems kept (see [`Self::total`]).
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// The number of problems found, kept or only counted.
    pub fn total(&self) -> u64 {
        self.seen.values().sum()
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.omitted.is_empty()
    }

    /// Whether any problem, kept or only counted, is an [`Severity::Error`].
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
            || self.omitted.values().any(|(s, _)| *s == Severity::Error)
    }

    /// The number of problems, kept or only counted, of a severity at least
    /// `severity` (the errors, or the errors and warnings …).
    pub fn count_at_least(&self, severity: Severity) -> u64 {
        let kept = self.items.iter().filter(|d| d.severity >= severity).count();
        let counted: u64 = self
            .omitted
            .values()
            .filter(|(s, _)| *s >= severity)
            .map(|(_, n)| n)
            .sum();
        u64::try_from(kept)
            .unwrap_or(u64::MAX)
            .saturating_add(counted)
    }

    /// Counts `count` problems of a code without keeping them (as [`Self::push`]
    /// does beyond [`Self::KEPT_PER_CODE`]).
    pub(crate) fn count_omitted(&mut self, code: &str, severity: Severity, count: u64) {
        *self.seen.entry(code.to_owned()).or_default() += count;
        let entry = self.omitted.entry(code.to_owned()).or_insert((severity, 0));
        entry.0 = entry.0.max(severity);
        entry.1 += count;
    }

    /// The kept problems with the given code.
    pub fn with_code<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.items.iter().filter(move |d| d.code == code)
    }

    /// The problems counted but not kept: their code, the worst severity among them
    /// and how many there were, by code.
    pub fn omitted(&self) -> impl Iterator<Item = (&str, Severity, u64)> + '_ {
        self.omitted
            .iter()
            .map(|(code, (severity, count))| (code.as_str(), *severity, *count))
    }

    /// One diagnostic for each code whose further problems were only counted: its
    /// code, the worst severity among them, at the whole dataset, with a message that
    /// says how many (`4,000 more problems of this kind are counted but not kept`).
    /// Reports list these after the problems kept.
    pub fn counted(&self) -> impl Iterator<Item = Diagnostic> + '_ {
        self.omitted().map(|(code, severity, count)| {
            let mut d = Diagnostic::of("diagnostics.omitted", severity, Location::Whole)
                .num("count", count);
            // It bears the code of the problems it counts; its message stays the count's.
            code.clone_into(&mut d.code);
            d.counted = true;
            d
        })
    }
}

impl Diagnostics {
    /// Every problem, one line each, in a language (see [`Diagnostic::to_string_in`]),
    /// then one line for each code whose further problems were only counted.
    #[must_use]
    pub fn to_string_in(&self, lang: Lang) -> String {
        let mut out = String::new();
        for d in &self.items {
            out.push_str(&d.to_string_in(lang));
            out.push('\n');
        }
        for d in self.counted() {
            out.push_str(&d.to_string_in(lang));
            out.push('\n');
        }
        out
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.items {
            writeln!(f, "{d}")?;
        }
        for d in self.counted() {
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

/// The problems kept; those only counted are left out.
impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        let mut out = Self::new();
        for d in iter {
            out.push(d);
        }
        out
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
