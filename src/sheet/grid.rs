//! Sheets as grids of cells: read from CSV (feature `csv`) and XLSX (feature `xlsx`),
//! written back to both.

use std::fmt;

/// The longest text a cell may hold, in characters (Excel's own limit).
pub const MAX_CELL_CHARS: usize = 32_767;

/// One cell as the spreadsheet holds it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A number (a formula's cached result included).
    Number(f64),
    /// A date or time cell, as an Excel serial number (1900 date system).
    Date(f64),
    /// TRUE or FALSE.
    Bool(bool),
    /// An error value such as `#REF!` or `#DIV/0!`.
    Error(String),
}

impl Cell {
    /// Whether the cell holds nothing but whitespace.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Empty => Ok(()),
            Cell::Text(t) => f.write_str(t),
            Cell::Number(n) | Cell::Date(n) => write!(f, "{n}"),
            Cell::Bool(true) => f.write_str("TRUE"),
            Cell::Bool(false) => f.write_str("FALSE"),
            Cell::Error(e) => f.write_str(e),
        }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(text.to_owned())
        }
    }
}

/// A sheet: its name and its rows of cells, as read from a file or built in code.
///
/// Row numbers in diagnostics are the ones the officer sees: the first row of the
/// grid is row [`Sheet::first_row`] (1 for CSV files and for sheets starting at A1).
///
/// ```
/// use thidua::{Cell, Sheet};
///
/// let mut sheet = Sheet::new("Đoàn viên");
/// sheet.push_row(vec![Cell::from("Họ và tên"), Cell::from("Giới tính")]);
/// sheet.push_row(vec![Cell::from("Nguyễn Thị Lan"), Cell::from("Nữ")]);
/// assert_eq!(sheet.rows().len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    name: String,
    first_row: u32,
    rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// An empty sheet whose first row is row 1.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            first_row: 1,
            rows: Vec::new(),
        }
    }

    /// Adds a row at the bottom.
    pub fn push_row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }

    /// The sheet's name (the file's name for CSV).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The number of the first row, as the spreadsheet shows it.
    pub fn first_row(&self) -> u32 {
        self.first_row
    }

    /// The rows.
    pub fn rows(&self) -> &[Vec<Cell>] {
        &self.rows
    }

    /// A sheet as a reader built it.
    #[cfg(feature = "xlsx")]
    pub(crate) fn from_parts(name: String, first_row: u32, rows: Vec<Vec<Cell>>) -> Self {
        Self {
            name,
            first_row,
            rows,
        }
    }

    /// The row number the officer sees for the row at `index`.
    pub(crate) fn row_number(&self, index: usize) -> u32 {
        u32::try_from(index)
            .ok()
            .and_then(|i| i.checked_add(self.first_row))
            .unwrap_or(u32::MAX)
    }
}

/// An error reading or writing a spreadsheet file as a whole (a bad cell is a
/// diagnostic instead, and the rest of the file is still read).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SheetError {
    /// The bytes are not text in an encoding the reader knows.
    #[error("{sheet:?} is not UTF-8 or UTF-16 text ({detail}): save it as \"CSV UTF-8\"")]
    Encoding {
        /// The sheet (file) name.
        sheet: String,
        /// What went wrong, with the byte offset.
        detail: String,
    },
    /// The CSV structure is broken.
    #[error("{sheet:?} is not a readable CSV file: {detail}")]
    Csv {
        /// The sheet (file) name.
        sheet: String,
        /// The CSV reader's message.
        detail: String,
    },
    /// The workbook cannot be opened or a sheet cannot be read.
    #[error("the workbook cannot be read: {detail}")]
    Workbook {
        /// The reader's message.
        detail: String,
    },
    /// The workbook has no sheet of that name.
    #[error("the workbook has no sheet {name:?} (it has {available:?})")]
    NoSuchSheet {
        /// The name asked for.
        name: String,
        /// The sheets it has.
        available: Vec<String>,
    },
    /// The workbook passes one of the reader's limits ([`XlsxLimits`]): it is
    /// refused as a whole, with the limit and where it was passed.
    ///
    /// [`XlsxLimits`]: crate::XlsxLimits
    #[cfg(feature = "xlsx")]
    #[error("{}", crate::sheet::xlsx::limit_message(*.limit, *.max, .part, .at))]
    Limit {
        /// Which limit.
        limit: crate::sheet::xlsx::XlsxLimit,
        /// The limit's value (bytes, characters, rows, columns, cells or strings).
        max: u64,
        /// The part of the workbook (`xl/worksheets/sheet1.xml`).
        part: String,
        /// Where in the part (`sheet "Đoàn viên", cell B3`, `string 12`), or empty.
        at: String,
    },
    /// A workbook could not be written.
    #[error("the workbook cannot be written: {detail}")]
    Write {
        /// The writer's message.
        detail: String,
    },
}

/// Decodes a text file's bytes: UTF-8 (with or without a byte-order mark) or UTF-16
/// with a byte-order mark, or without one when every other byte is zero.
#[cfg(feature = "csv")]
pub(crate) fn decode(sheet: &str, bytes: &[u8]) -> Result<String, SheetError> {
    let utf16 = |body: &[u8], little: bool| -> Result<String, SheetError> {
        if !body.len().is_multiple_of(2) {
            return Err(SheetError::Encoding {
                sheet: sheet.to_owned(),
                detail: format!("UTF-16 text with an odd number of bytes ({})", body.len()),
            });
        }
        let units = body.chunks_exact(2).map(|p| match p {
            [a, b] if little => u16::from_le_bytes([*a, *b]),
            [a, b] => u16::from_be_bytes([*a, *b]),
            _ => 0,
        });
        char::decode_utf16(units)
            .enumerate()
            .map(|(i, c)| {
                c.map_err(|_| SheetError::Encoding {
                    sheet: sheet.to_owned(),
                    detail: format!(
                        "an unpaired UTF-16 surrogate at byte {}",
                        i.saturating_mul(2)
                    ),
                })
            })
            .collect()
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => utf8(sheet, rest),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, true),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, false),
        _ => {
            let sample = bytes.get(..bytes.len().min(512)).unwrap_or_default();
            let zeros_odd = sample
                .iter()
                .skip(1)
                .step_by(2)
                .filter(|b| **b == 0)
                .count();
            let zeros_even = sample.iter().step_by(2).filter(|b| **b == 0).count();
            let half = sample.len() / 2;
            // Text in UTF-8 has no zero bytes; UTF-16 has them in every ASCII
            // character (most of a Vietnamese text: spaces, digits, many letters).
            if half >= 2 && zeros_odd * 10 >= half * 3 && zeros_even * 20 <= half {
                utf16(bytes, true)
            } else if half >= 2 && zeros_even * 10 >= half * 3 && zeros_odd * 20 <= half {
                utf16(bytes, false)
            } else {
                utf8(sheet, bytes)
            }
        }
    }
}

#[cfg(feature = "csv")]
fn utf8(sheet: &str, bytes: &[u8]) -> Result<String, SheetError> {
    std::str::from_utf8(bytes)
        .map(str::to_owned)
        .map_err(|e| SheetError::Encoding {
            sheet: sheet.to_owned(),
            detail: format!("invalid UTF-8 at byte {}", e.valid_up_to()),
        })
}

/// Guesses the delimiter from the first lines: `,`, `;` (Excel where the decimal
/// mark is a comma, as in Vietnamese) or a tab.
#[cfg(feature = "csv")]
fn delimiter(text: &str) -> u8 {
    let head: String = text.lines().take(20).collect::<Vec<_>>().join("\n");
    let count = |c: char| head.chars().filter(|x| *x == c).count();
    let (comma, semi, tab) = (count(','), count(';'), count('\t'));
    if tab > comma && tab > semi {
        b'\t'
    } else if semi > comma {
        b';'
    } else {
        b','
    }
}

#[cfg(feature = "csv")]
impl Sheet {
    /// Reads a CSV file's bytes as one sheet named `name`.
    ///
    /// The text may be UTF-8 (with or without a byte-order mark, as Excel's
    /// "CSV UTF-8" writes it) or UTF-16; the delimiter is `,`, `;` or a tab,
    /// whichever the first lines use most. Every cell is text.
    ///
    /// ```
    /// use thidua::{Cell, Sheet};
    ///
    /// let sheet = Sheet::from_csv("members.csv", "Họ và tên;Giới tính\nLê Văn Nam;Nam\n".as_bytes())?;
    /// assert_eq!(sheet.rows()[1][1], Cell::from("Nam"));
    /// # Ok::<(), thidua::SheetError>(())
    /// ```
    ///
    /// # Errors
    /// [`SheetError::Encoding`] for bytes in another encoding (Windows-1258 or
    /// TCVN3, for instance: save the file as "CSV UTF-8"), [`SheetError::Csv`] for a
    /// broken quoted field.
    pub fn from_csv(name: &str, bytes: &[u8]) -> Result<Sheet, SheetError> {
        let text = decode(name, bytes)?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter(&text))
            .from_reader(text.as_bytes());
        let mut sheet = Sheet::new(name);
        // Blank lines are rows too, as a spreadsheet shows them, so that row numbers
        // in diagnostics are the officer's.
        let bytes = text.as_bytes();
        let (mut counted_to, mut line) = (0usize, 1usize);
        let mut next_line = 1usize;
        for record in reader.records() {
            let record = record.map_err(|e| SheetError::Csv {
                sheet: name.to_owned(),
                detail: e.to_string(),
            })?;
            // The record's first line: one more than the line breaks before it.
            let start = record
                .position()
                .and_then(|p| usize::try_from(p.byte()).ok())
                .unwrap_or(counted_to);
            // The reader's position is where it began reading, blank lines included.
            let skipped = bytes
                .get(start..)
                .unwrap_or_default()
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
            let start = start.saturating_add(skipped);
            let before = bytes.get(counted_to..start).unwrap_or_default();
            line = line.saturating_add(before.iter().filter(|b| **b == b'\n').count());
            counted_to = start.max(counted_to);
            for _ in next_line..line {
                sheet.push_row(Vec::new());
            }
            let breaks: usize = record.iter().map(|f| f.matches('\n').count()).sum();
            next_line = line.saturating_add(1).saturating_add(breaks);
            sheet.push_row(
                record
                    .iter()
                    .map(|field| match field.strip_prefix('\'') {
                        Some(rest) if starts_like_formula(rest) => Cell::from(rest),
                        _ => Cell::from(field),
                    })
                    .collect(),
            );
        }
        Ok(sheet)
    }

    /// Writes the sheet as CSV (UTF-8 with a byte-order mark, so Excel reads the
    /// diacritics; comma-separated; dates as `dd/mm/yyyy`).
    ///
    /// # Errors
    /// [`SheetError::Write`] if the CSV writer fails.
    pub fn to_csv(&self) -> Result<Vec<u8>, SheetError> {
        let mut out = vec![0xEF, 0xBB, 0xBF];
        {
            let mut writer = csv::WriterBuilder::new()
                .flexible(true)
                .from_writer(&mut out);
            for row in &self.rows {
                let texts: Vec<String> = row.iter().map(cell_text).collect();
                writer.write_record(&texts).map_err(|e| SheetError::Write {
                    detail: e.to_string(),
                })?;
            }
            writer.flush().map_err(|e| SheetError::Write {
                detail: e.to_string(),
            })?;
        }
        Ok(out)
    }
}

/// A cell as text for CSV: dates as `dd/mm/yyyy`, whole numbers without a fraction.
#[cfg(feature = "csv")]
fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Date(serial) => {
            let day = (serial.is_finite() && serial.fract() == 0.0)
                .then(|| {
                    format!("{serial:.0}")
                        .parse::<i64>()
                        .ok()
                        .and_then(|s| crate::value::period::date_from_excel_serial(s).ok())
                })
                .flatten();
            match day {
                Some(d) => d.format("%d/%m/%Y").to_string(),
                None => serial.to_string(),
            }
        }
        // A text a spreadsheet would run as a formula is written with a leading
        // apostrophe (OWASP's advice on CSV injection); reading strips it again.
        Cell::Text(t) if starts_like_formula(t) && t.trim().parse::<f64>().is_err() => {
            format!("'{t}")
        }
        other => other.to_string(),
    }
}

/// Whether a text begins with a character a spreadsheet reads as a formula.
#[cfg(feature = "csv")]
pub(crate) fn starts_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

#[cfg(all(test, feature = "csv"))]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_are_numbered_as_a_spreadsheet_shows_them() {
        let text = "a;b\r\n\r\n\"x\ny\";c\r\n\r\n\r\nd;e\n";
        let s = Sheet::from_csv("t.csv", text.as_bytes()).unwrap();
        let firsts: Vec<String> = s
            .rows()
            .iter()
            .map(|r| r.first().map(ToString::to_string).unwrap_or_default())
            .collect();
        assert_eq!(firsts, ["a", "", "x\ny", "", "", "d"]);
    }

    #[test]
    fn encodings() {
        let utf16be: Vec<u8> = "Họ và tên,Nữ"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let s = Sheet::from_csv("t.csv", &utf16be).unwrap();
        assert_eq!(s.rows()[0][1], Cell::from("Nữ"));
        insta::assert_snapshot!(Sheet::from_csv("t.csv", &[0xFF, 0xFE, 0x41]).unwrap_err(), @r#""t.csv" is not UTF-8 or UTF-16 text (UTF-16 text with an odd number of bytes (1)): save it as "CSV UTF-8""#);
        insta::assert_snapshot!(Sheet::from_csv("t.csv", &[0xFF, 0xFE, 0x00, 0xD8]).unwrap_err(), @r#""t.csv" is not UTF-8 or UTF-16 text (an unpaired UTF-16 surrogate at byte 0): save it as "CSV UTF-8""#);
        // An unclosed quote reads to the end of the file; it never panics.
        assert!(Sheet::from_csv("t.csv", b"\"open").is_ok());
    }

    #[test]
    fn csv_written_reads_back() {
        let mut s = Sheet::new("t.csv");
        s.push_row(vec![Cell::from("Ngày"), Cell::from("Số tiền")]);
        s.push_row(vec![Cell::Date(45292.0), Cell::Number(265_902_000.0)]);
        let bytes = s.to_csv().unwrap();
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
        let back = Sheet::from_csv("t.csv", &bytes).unwrap();
        assert_eq!(
            back.rows()[1],
            [Cell::from("01/01/2024"), Cell::from("265902000")]
        );
    }
}
