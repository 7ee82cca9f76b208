//! XLSX workbooks: a streaming reader with documented limits, and the writer.
//!
//! The reader opens only the parts it needs — the workbook, its relationships, the
//! styles, the shared strings and the one worksheet asked for — and reads each as a
//! stream of XML events through a counter that stops at the limits of
//! [`XlsxLimits`]. A hostile file (a zip bomb, a gigabyte of text in one cell, a
//! sheet whose two cells sit at A1 and XFD1048576) is refused quickly and in
//! bounded memory with a [`SheetError::Limit`] that names the limit and the place.
//! The grid is sparse: a row holds cells up to its last non-empty one, and the
//! sheet holds rows up to its last non-empty one; the `<dimension>` a worksheet
//! declares is never trusted.

use std::cell::Cell as Shared;
use std::collections::HashMap;
use std::fmt;
use std::io::{BufReader, Cursor, Read};
use std::rc::Rc;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::sheet::grid::{Cell, MAX_CELL_CHARS, Sheet, SheetError};

/// The most rows a sheet may have (Excel's own limit): a row numbered beyond it
/// makes the workbook refused.
pub const MAX_ROWS: u32 = 1_048_576;

/// The most columns a sheet may have (Excel's own limit, column XFD).
pub const MAX_COLUMNS: u32 = 16_384;

/// The longest XML tag or text run between two markup characters the reader
/// buffers, in bytes: a cell's text of [`MAX_CELL_CHARS`] characters takes at most
/// four bytes a character, and the tags of a worksheet are a few hundred bytes.
const MAX_TOKEN_BYTES: u64 = 1 << 20;

/// Characters of raw text a cell may hold before Excel's `_xHHHH_` escapes are
/// decoded: each escape is seven characters for one.
const MAX_RAW_CELL_CHARS: usize = MAX_CELL_CHARS * 7;

/// Days between the 1904 date system's day 0 (1904-01-01) and the 1900 system's.
const DAYS_1904: f64 = 1462.0;

/// The limits the XLSX reader stops at, so that a hostile workbook is refused
/// quickly and in bounded memory instead of exhausting the machine.
///
/// The defaults hold any template an officer fills in (a list of a whole province
/// is a few hundred thousand rows of at most 30 columns) with room to spare; a
/// caller with more trusted input raises them.
///
/// ```
/// use thidua::XlsxLimits;
///
/// let mut limits = XlsxLimits::default();
/// limits.max_cells = 16 * 1024 * 1024;
/// assert_eq!(limits.max_columns, 64);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct XlsxLimits {
    /// The most bytes one part of the workbook (a worksheet, the shared strings, the
    /// styles) may unpack to: 256 MiB, checked against the size the zip directory
    /// declares and against the bytes actually unpacked, since a declaration can lie.
    /// A worksheet of [`max_cells`](Self::max_cells) cells takes well under that.
    pub max_part_bytes: u64,
    /// The most bytes the parts read may unpack to in all: 512 MiB, the worksheet and
    /// the shared strings at their largest.
    pub max_total_bytes: u64,
    /// The rightmost column the reader takes, counted from 1 (column A): 64 (column
    /// BL). The templates use at most 30 columns, so a sheet with a value further
    /// right was not filled in from a template; it is refused, naming the cell,
    /// rather than read with that value dropped. Empty cells further right (a format
    /// without a value) are ignored.
    pub max_columns: u32,
    /// The most cells the sheets read may hold in all, empty cells before the last in
    /// a row counted: 2,097,152 (2²¹), 64 MiB of cells, so the grid built stays a
    /// small multiple of the data and a sheet is read in a second or two: 100,000
    /// rows of 20 columns, a district's member list many times over.
    pub max_cells: u64,
    /// The most bytes of text the cells read may hold in all, and the shared strings
    /// table too: 128 MiB. A shared string is stored once in the file but copied into
    /// every cell that uses it, so this bounds what a few kilobytes may expand to.
    pub max_text_bytes: u64,
    /// The most entries of the shared strings table: 2,097,152, one per cell at most.
    pub max_shared_strings: u64,
}

impl XlsxLimits {
    /// The defaults (see each field).
    pub const DEFAULT: XlsxLimits = XlsxLimits {
        max_part_bytes: 256 << 20,
        max_total_bytes: 512 << 20,
        max_columns: 64,
        max_cells: 2 << 20,
        max_text_bytes: 128 << 20,
        max_shared_strings: 2 << 20,
    };

    fn max(&self, limit: XlsxLimit) -> u64 {
        match limit {
            XlsxLimit::PartBytes => self.max_part_bytes,
            XlsxLimit::TotalBytes => self.max_total_bytes,
            XlsxLimit::Markup => MAX_TOKEN_BYTES,
            XlsxLimit::CellChars => u64::try_from(MAX_CELL_CHARS).unwrap_or(u64::MAX),
            XlsxLimit::Rows => u64::from(MAX_ROWS),
            XlsxLimit::Columns => u64::from(self.max_columns),
            XlsxLimit::Cells => self.max_cells,
            XlsxLimit::TextBytes => self.max_text_bytes,
            XlsxLimit::SharedStrings => self.max_shared_strings,
        }
    }
}

impl Default for XlsxLimits {
    fn default() -> Self {
        XlsxLimits::DEFAULT
    }
}

/// Which limit a workbook passed (see [`XlsxLimits`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum XlsxLimit {
    /// A part unpacks to more than [`XlsxLimits::max_part_bytes`].
    PartBytes,
    /// The parts read unpack to more than [`XlsxLimits::max_total_bytes`].
    TotalBytes,
    /// An XML tag or text run is longer than 1 MiB.
    Markup,
    /// A text is longer than [`MAX_CELL_CHARS`] characters (Excel's limit).
    CellChars,
    /// A row is numbered beyond [`MAX_ROWS`] (Excel's limit).
    Rows,
    /// A value is right of column [`XlsxLimits::max_columns`].
    Columns,
    /// The sheets hold more than [`XlsxLimits::max_cells`] cells.
    Cells,
    /// The cells, or the shared strings, hold more than
    /// [`XlsxLimits::max_text_bytes`] bytes of text.
    TextBytes,
    /// The shared strings table has more than [`XlsxLimits::max_shared_strings`]
    /// entries.
    SharedStrings,
}

/// The sentence of a [`SheetError::Limit`].
pub(crate) fn limit_message(limit: XlsxLimit, max: u64, part: &str, at: &str) -> String {
    let place = if at.is_empty() {
        format!("{part:?}")
    } else {
        format!("{part:?}, {at}")
    };
    let what = match limit {
        XlsxLimit::PartBytes => format!("the part unpacks to more than {max} bytes"),
        XlsxLimit::TotalBytes => {
            format!("the parts read unpack to more than {max} bytes in all")
        }
        XlsxLimit::Markup => format!("an XML tag or text run is longer than {max} bytes"),
        XlsxLimit::CellChars => {
            format!("a text is longer than {max} characters, the most a cell may hold")
        }
        XlsxLimit::Rows => format!("a row is beyond row {max}, the last a sheet may have"),
        XlsxLimit::Columns => format!(
            "a value is right of column {} ({max}), the last the reader takes",
            column_letters(u32::try_from(max).unwrap_or(u32::MAX))
        ),
        XlsxLimit::Cells => format!(
            "the sheets hold more than {max} cells (empty cells before a row's last value counted)"
        ),
        XlsxLimit::TextBytes => format!("the text read is more than {max} bytes"),
        XlsxLimit::SharedStrings => format!("there are more than {max} shared strings"),
    };
    format!("the workbook is refused at {place}: {what}")
}

impl fmt::Display for XlsxLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            XlsxLimit::PartBytes => "bytes of a part",
            XlsxLimit::TotalBytes => "bytes of all parts",
            XlsxLimit::Markup => "bytes of an XML tag or text run",
            XlsxLimit::CellChars => "characters of a cell",
            XlsxLimit::Rows => "rows of a sheet",
            XlsxLimit::Columns => "columns of a sheet",
            XlsxLimit::Cells => "cells",
            XlsxLimit::TextBytes => "bytes of text",
            XlsxLimit::SharedStrings => "shared strings",
        })
    }
}

/// The letters of a column counted from 1: 1 is `A`, 27 is `AA`.
fn column_letters(mut column: u32) -> String {
    let mut letters = Vec::new();
    while column > 0 {
        let rem = (column - 1) % 26;
        letters.push(char::from(
            b'A'.saturating_add(u8::try_from(rem).unwrap_or(0)),
        ));
        column = (column - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// What went wrong while reading a part, before its place is known.
#[derive(Debug)]
enum Problem {
    Limit(XlsxLimit),
    Bad(String),
}

/// A problem and where in the part it is.
#[derive(Debug)]
struct Fault {
    problem: Problem,
    at: String,
}

impl Problem {
    fn at(self, at: impl Into<String>) -> Fault {
        Fault {
            problem: self,
            at: at.into(),
        }
    }
}

fn bad(detail: impl Into<String>) -> Problem {
    Problem::Bad(detail.into())
}

/// The bytes of one part read so far, shared between the counting reader and the
/// code that reads the XML events.
#[derive(Debug, Default)]
struct Meter {
    part: Shared<u64>,
    token: Shared<u64>,
    hit: Shared<Option<XlsxLimit>>,
}

/// A reader that counts the bytes it unpacks and fails once a limit is passed.
struct Counted<R> {
    inner: R,
    meter: Rc<Meter>,
    max_part: u64,
    /// What is left of the total budget when the part was opened.
    room: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let wide = u64::try_from(n).unwrap_or(u64::MAX);
        let part = self.meter.part.get().saturating_add(wide);
        let token = self.meter.token.get().saturating_add(wide);
        self.meter.part.set(part);
        self.meter.token.set(token);
        let hit = if part > self.max_part {
            Some(XlsxLimit::PartBytes)
        } else if part > self.room {
            Some(XlsxLimit::TotalBytes)
        } else if token > MAX_TOKEN_BYTES {
            Some(XlsxLimit::Markup)
        } else {
            None
        };
        match hit {
            Some(limit) => {
                self.meter.hit.set(Some(limit));
                Err(std::io::Error::other(limit.to_string()))
            }
            None => Ok(n),
        }
    }
}

/// XML events of one part, read through a [`Counted`] reader.
struct Xml<R: Read> {
    reader: Reader<BufReader<Counted<R>>>,
    buf: Vec<u8>,
    meter: Rc<Meter>,
}

impl<R: Read> Xml<R> {
    /// The next event; the bytes a single event may take are bounded.
    fn next(&mut self) -> Result<Event<'_>, Problem> {
        self.buf.clear();
        self.meter.token.set(0);
        match self.reader.read_event_into(&mut self.buf) {
            Ok(event) => Ok(event),
            Err(e) => Err(match self.meter.hit.take() {
                Some(limit) => Problem::Limit(limit),
                None => bad(e.to_string()),
            }),
        }
    }

    /// Skips to the end of the element just started.
    fn skip(&mut self) -> Result<(), Problem> {
        let mut depth = 1usize;
        while depth > 0 {
            match self.next()? {
                Event::Start(_) => depth = depth.saturating_add(1),
                Event::End(_) => depth -= 1,
                Event::Eof => return Err(bad("the XML ends inside an element")),
                _ => {}
            }
        }
        Ok(())
    }

    /// The text of the element just started, up to its end (markup inside is
    /// skipped), with entities resolved; longer than a cell may hold is refused.
    fn text(&mut self) -> Result<String, Problem> {
        let mut text = Text::default();
        let mut depth = 1usize;
        while depth > 0 {
            match self.next().map_err(Text::limit)? {
                Event::Start(_) => depth = depth.saturating_add(1),
                Event::End(_) => depth -= 1,
                Event::Text(t) if depth == 1 => text.push(&t.xml10_content())?,
                Event::CData(t) if depth == 1 => text.push(&t.xml10_content())?,
                Event::GeneralRef(r) if depth == 1 => text.push_entity(&r)?,
                Event::Eof => return Err(bad("the XML ends inside an element")),
                _ => {}
            }
        }
        Ok(text.value)
    }

    /// A string item (`<si>` of the shared strings, `<is>` of an inline string)
    /// just started: the text of its `<t>` elements, rich-text runs joined,
    /// phonetic runs (`<rPh>`) left out; text without `xml:space="preserve"` is
    /// trimmed of ASCII whitespace, and `_xHHHH_` escapes are decoded.
    fn string_item(&mut self) -> Result<String, Problem> {
        let mut out = Text::default();
        let mut depth = 1usize;
        while depth > 0 {
            let (start, preserve) = match self.next().map_err(Text::limit)? {
                Event::Start(e) if local(&e) == "rPh" => {
                    self.skip()?;
                    continue;
                }
                Event::Start(e) if local(&e) == "t" => (true, preserves_space(&e)?),
                Event::Start(_) => {
                    depth = depth.saturating_add(1);
                    continue;
                }
                Event::End(_) => {
                    depth -= 1;
                    continue;
                }
                Event::Eof => return Err(bad("the XML ends inside a string")),
                _ => continue,
            };
            if start {
                let raw = self.text()?;
                let kept = if preserve {
                    raw.as_str()
                } else {
                    raw.trim_matches([' ', '\t', '\r', '\n'])
                };
                out.push(kept)?;
            }
        }
        let value = unescape_excel(&out.value);
        if value.chars().count() > MAX_CELL_CHARS {
            return Err(Problem::Limit(XlsxLimit::CellChars));
        }
        Ok(value)
    }
}

/// Text being read, its length checked as it grows.
#[derive(Default)]
struct Text {
    value: String,
    chars: usize,
}

impl Text {
    fn push(&mut self, s: &str) -> Result<(), Problem> {
        self.chars = self.chars.saturating_add(s.chars().count());
        if self.chars > MAX_RAW_CELL_CHARS {
            return Err(Problem::Limit(XlsxLimit::CellChars));
        }
        self.value.push_str(s);
        Ok(())
    }

    fn push_entity(&mut self, r: &quick_xml::events::BytesRef<'_>) -> Result<(), Problem> {
        if let Some(c) = r.resolve_char_ref().map_err(|e| bad(e.to_string()))? {
            let mut tmp = [0u8; 4];
            return self.push(c.encode_utf8(&mut tmp));
        }
        let s = match &**r {
            "lt" => "<",
            "gt" => ">",
            "amp" => "&",
            "apos" => "'",
            "quot" => "\"",
            other => return Err(bad(format!("unknown entity &{other};"))),
        };
        self.push(s)
    }

    /// A markup limit hit inside a text is a text longer than a cell may hold.
    fn limit(p: Problem) -> Problem {
        match p {
            Problem::Limit(XlsxLimit::Markup) => Problem::Limit(XlsxLimit::CellChars),
            other => other,
        }
    }
}

/// Decodes Excel's `_xHHHH_` escapes (a UTF-16 code unit; `_x005F_` is an
/// underscore, so `_x005F_x000D_` is the text `_x000D_`), surrogate pairs joined,
/// unpaired surrogates replaced by U+FFFD.
fn unescape_excel(text: &str) -> String {
    if !text.contains("_x") {
        return text.to_owned();
    }
    let unit = |s: &str| -> Option<u16> {
        let b = s.as_bytes();
        if b.len() >= 7 && b.starts_with(b"_x") && b.get(6) == Some(&b'_') {
            let hex = s.get(2..6)?;
            if hex.bytes().all(|c| c.is_ascii_hexdigit()) {
                return u16::from_str_radix(hex, 16).ok();
            }
        }
        None
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("_x") {
        out.push_str(rest.get(..at).unwrap_or_default());
        let tail = rest.get(at..).unwrap_or_default();
        match unit(tail) {
            Some(high @ 0xD800..=0xDBFF) => {
                let after = tail.get(7..).unwrap_or_default();
                match unit(after) {
                    Some(low @ 0xDC00..=0xDFFF) => {
                        let code = 0x10000
                            + ((u32::from(high) - 0xD800) << 10)
                            + (u32::from(low) - 0xDC00);
                        out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
                        rest = after.get(7..).unwrap_or_default();
                    }
                    _ => {
                        out.push(char::REPLACEMENT_CHARACTER);
                        rest = after;
                    }
                }
            }
            Some(u) => {
                out.push(char::from_u32(u32::from(u)).unwrap_or(char::REPLACEMENT_CHARACTER));
                rest = tail.get(7..).unwrap_or_default();
            }
            None => {
                out.push_str("_x");
                rest = tail.get(2..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

fn local<'e>(e: &'e BytesStart<'_>) -> &'e str {
    let name = e.name().into_inner();
    match name.rsplit_once(':') {
        Some((_, l)) => l,
        None => name,
    }
}

/// An attribute's raw value by its local name (`r:id` is `id`).
fn attr(e: &BytesStart<'_>, name: &str) -> Result<Option<String>, Problem> {
    for a in e.attributes() {
        let a = a.map_err(|e| bad(e.to_string()))?;
        let key = a.key.into_inner();
        let key_local = key.rsplit_once(':').map_or(key, |(_, l)| l);
        if key_local == name {
            return Ok(Some(
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map_err(|e| bad(e.to_string()))?
                    .into_owned(),
            ));
        }
    }
    Ok(None)
}

fn preserves_space(e: &BytesStart<'_>) -> Result<bool, Problem> {
    Ok(attr(e, "space")?.is_some_and(|v| v == "preserve"))
}

/// The zip package, the budget of bytes it has left, and its parts' names.
struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    limits: XlsxLimits,
    unpacked: u64,
}

impl<'a> Package<'a> {
    fn open(bytes: &'a [u8], limits: XlsxLimits) -> Result<Self, SheetError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| SheetError::Workbook {
            detail: format!("not an XLSX (zip) file: {e}"),
        })?;
        Ok(Package {
            zip,
            limits,
            unpacked: 0,
        })
    }

    /// The part's name as the archive spells it (names are matched exactly, then
    /// without regard to case, as Excel does).
    fn find(&self, name: &str) -> Option<String> {
        if self.zip.index_for_name(name).is_some() {
            return Some(name.to_owned());
        }
        self.zip
            .file_names()
            .filter_map(Result::ok)
            .find(|n| n.eq_ignore_ascii_case(name))
            .map(|n| n.into_owned())
    }

    /// Reads a part with `read`, within the limits; `None` if there is no such part.
    fn read<T>(
        &mut self,
        name: &str,
        read: impl FnOnce(&mut Xml<zip::read::ZipFile<'_, Cursor<&'a [u8]>>>) -> Result<T, Fault>,
    ) -> Result<Option<T>, SheetError> {
        let Some(name) = self.find(name) else {
            return Ok(None);
        };
        let limits = self.limits;
        let room = limits.max_total_bytes.saturating_sub(self.unpacked);
        let refuse = |limit: XlsxLimit| SheetError::Limit {
            limit,
            max: limits.max(limit),
            part: name.clone(),
            at: String::new(),
        };
        let file = self.zip.by_name(&name).map_err(|e| SheetError::Workbook {
            detail: format!("{name}: {e}"),
        })?;
        // The declared size first: a bomb that says what it is goes no further.
        if file.size() > limits.max_part_bytes {
            return Err(refuse(XlsxLimit::PartBytes));
        }
        if file.size() > room {
            return Err(refuse(XlsxLimit::TotalBytes));
        }
        let meter = Rc::new(Meter::default());
        let counted = Counted {
            inner: file,
            meter: Rc::clone(&meter),
            max_part: limits.max_part_bytes,
            room,
        };
        let mut xml = Xml {
            reader: Reader::from_reader(BufReader::with_capacity(64 * 1024, counted)),
            buf: Vec::new(),
            meter: Rc::clone(&meter),
        };
        let result = read(&mut xml);
        self.unpacked = self.unpacked.saturating_add(meter.part.get());
        result.map(Some).map_err(|f| match f.problem {
            Problem::Limit(limit) => SheetError::Limit {
                limit,
                max: limits.max(limit),
                part: name.clone(),
                at: f.at,
            },
            Problem::Bad(detail) => SheetError::Workbook {
                detail: if f.at.is_empty() {
                    format!("{name}: {detail}")
                } else {
                    format!("{name}, {}: {detail}", f.at)
                },
            },
        })
    }
}

/// Joins a relationship's target to the folder of the part that names it.
fn resolve(folder: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_owned(),
        None => format!("{folder}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The relationships of a part: id → (type, target resolved).
fn relationships(
    package: &mut Package<'_>,
    rels: &str,
    folder: &str,
) -> Result<HashMap<String, (String, String)>, SheetError> {
    let map = package.read(rels, |xml| {
        let mut map = HashMap::new();
        loop {
            match xml.next().map_err(|p| p.at(""))? {
                Event::Start(e) | Event::Empty(e) if local(&e) == "Relationship" => {
                    let get = |n| attr(&e, n).map_err(|p| p.at(""));
                    if get("TargetMode")?.is_some_and(|m| m.eq_ignore_ascii_case("External")) {
                        continue;
                    }
                    if let (Some(id), Some(target)) = (get("Id")?, get("Target")?) {
                        let kind = get("Type")?.unwrap_or_default();
                        map.insert(id, (kind, resolve(folder, &target)));
                    }
                }
                Event::Eof => return Ok(map),
                _ => {}
            }
        }
    })?;
    Ok(map.unwrap_or_default())
}

/// The workbook: its sheets in order, where its parts are, its date system.
struct Book<'a> {
    package: Package<'a>,
    /// Sheet name and the worksheet part.
    sheets: Vec<(String, Option<String>)>,
    shared_strings: Option<String>,
    styles: Option<String>,
    date1904: bool,
}

impl<'a> Book<'a> {
    fn open(bytes: &'a [u8], limits: XlsxLimits) -> Result<Self, SheetError> {
        let mut package = Package::open(bytes, limits)?;
        let root = relationships(&mut package, "_rels/.rels", "")?;
        let workbook = root
            .values()
            .find(|(kind, _)| kind.ends_with("/officeDocument"))
            .map_or_else(|| "xl/workbook.xml".to_owned(), |(_, t)| t.clone());
        let (folder, file) = match workbook.rsplit_once('/') {
            Some((f, n)) => (format!("{f}/"), n.to_owned()),
            None => (String::new(), workbook.clone()),
        };
        let rels = relationships(&mut package, &format!("{folder}_rels/{file}.rels"), &folder)?;
        let listed = package.read(&workbook, |xml| {
            let mut sheets = Vec::new();
            let mut date1904 = false;
            loop {
                match xml.next().map_err(|p| p.at(""))? {
                    Event::Start(e) | Event::Empty(e) if local(&e) == "sheet" => {
                        let at = format!("sheet {}", sheets.len().saturating_add(1));
                        let name = attr(&e, "name").map_err(|p| p.at(at.clone()))?;
                        let id = attr(&e, "id").map_err(|p| p.at(at.clone()))?;
                        let name = name.ok_or_else(|| bad("a sheet has no name").at(at))?;
                        sheets.push((name, id));
                    }
                    Event::Start(e) | Event::Empty(e) if local(&e) == "workbookPr" => {
                        date1904 = attr(&e, "date1904")
                            .map_err(|p| p.at(""))?
                            .is_some_and(|v| v == "1" || v.eq_ignore_ascii_case("true"));
                    }
                    Event::Eof => return Ok((sheets, date1904)),
                    _ => {}
                }
            }
        })?;
        let Some((listed, date1904)) = listed else {
            return Err(SheetError::Workbook {
                detail: format!("not an XLSX workbook: there is no part {workbook}"),
            });
        };
        let sheets = listed
            .into_iter()
            .map(|(name, id)| {
                let part = id.and_then(|id| rels.get(&id).map(|(_, t)| t.clone()));
                (name, part)
            })
            .collect();
        let by_kind = |suffix: &str, fallback: &str| {
            rels.values()
                .find(|(kind, _)| kind.ends_with(suffix))
                .map_or_else(|| format!("{folder}{fallback}"), |(_, t)| t.clone())
        };
        Ok(Book {
            shared_strings: Some(by_kind("/sharedStrings", "sharedStrings.xml")),
            styles: Some(by_kind("/styles", "styles.xml")),
            package,
            sheets,
            date1904,
        })
    }

    fn names(&self) -> Vec<String> {
        self.sheets.iter().map(|(n, _)| n.clone()).collect()
    }

    /// The context every worksheet needs: the date styles and the shared strings.
    fn context(&mut self) -> Result<Context, SheetError> {
        // A closure, not the function: the reader's lifetime is chosen per call.
        #[allow(clippy::redundant_closure)]
        let dates = match self.styles.take() {
            Some(part) => self
                .package
                .read(&part, |xml| date_styles(xml))?
                .unwrap_or_default(),
            None => Vec::new(),
        };
        let limits = self.package.limits;
        let strings = match self.shared_strings.take() {
            Some(part) => self
                .package
                .read(&part, |xml| shared_strings(xml, &limits))?
                .unwrap_or_default(),
            None => Strings::default(),
        };
        Ok(Context {
            dates,
            strings,
            date1904: self.date1904,
        })
    }

    fn sheet(
        &mut self,
        index: usize,
        context: &Context,
        budget: &mut Budget,
    ) -> Result<Sheet, SheetError> {
        let Some((name, part)) = self.sheets.get(index).cloned() else {
            return Err(SheetError::Workbook {
                detail: format!("there is no sheet {index}"),
            });
        };
        let limits = self.package.limits;
        let grid = match part {
            Some(part) => self.package.read(&part, |xml| {
                let mut reader = SheetReader::new(&name, context, &limits, budget);
                reader.read(xml)?;
                Ok(reader.finish())
            })?,
            None => None,
        };
        Ok(match grid {
            Some((first_row, rows)) => Sheet::from_parts(name, first_row, rows),
            None => Sheet::new(name),
        })
    }
}

/// For each cell format (`s` of a cell), whether it shows a date or a time.
fn date_styles<R: Read>(xml: &mut Xml<R>) -> Result<Vec<bool>, Fault> {
    let mut custom: HashMap<u32, bool> = HashMap::new();
    let mut formats = Vec::new();
    let mut in_cell_xfs = false;
    loop {
        match xml.next().map_err(|p| p.at(""))? {
            Event::Start(e) | Event::Empty(e) if local(&e) == "numFmt" => {
                let id = attr(&e, "numFmtId").map_err(|p| p.at("numFmt"))?;
                let code = attr(&e, "formatCode").map_err(|p| p.at("numFmt"))?;
                if let (Some(id), Some(code)) = (id.and_then(|i| i.parse().ok()), code) {
                    custom.insert(id, is_date_format(&code));
                }
            }
            Event::Start(e) if local(&e) == "cellXfs" => in_cell_xfs = true,
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_cell_xfs = false,
            Event::Start(e) | Event::Empty(e) if in_cell_xfs && local(&e) == "xf" => {
                let id: Option<u32> = attr(&e, "numFmtId")
                    .map_err(|p| p.at("xf"))?
                    .and_then(|i| i.trim().parse().ok());
                let date = id.is_some_and(|id| {
                    custom
                        .get(&id)
                        .copied()
                        .unwrap_or_else(|| is_builtin_date(id))
                });
                formats.push(date);
            }
            Event::Eof => return Ok(formats),
            _ => {}
        }
    }
}

/// Whether a built-in number format shows a date or a time: 14–22 (dates and
/// times), 27–36 and 50–58 (East Asian dates), 45–47 (minutes and seconds,
/// elapsed hours).
fn is_builtin_date(id: u32) -> bool {
    matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58)
}

/// Whether a custom number format shows a date or a time: its first section has
/// one of `d m y h s` (or `AM/PM`) outside quotes, escapes and brackets, or an
/// elapsed-time bracket such as `[h]`.
fn is_date_format(code: &str) -> bool {
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            ';' => return false,
            '[' => {
                let inner: String = chars.by_ref().take_while(|c| *c != ']').collect();
                let lower = inner.to_ascii_lowercase();
                let mut letters = lower.chars();
                if let Some(first) = letters.next()
                    && matches!(first, 'h' | 'm' | 's')
                    && letters.all(|c| c == first)
                {
                    return true;
                }
            }
            'd' | 'D' | 'm' | 'M' | 'y' | 'Y' | 'h' | 'H' | 's' | 'S' => return true,
            'a' | 'A'
                if chars
                    .peek()
                    .is_some_and(|n| matches!(n, 'm' | 'M' | 'p' | 'P' | '/')) =>
            {
                return true;
            }
            _ => {}
        }
    }
    false
}

/// The shared strings table: all texts in one buffer.
#[derive(Debug, Default)]
struct Strings {
    text: String,
    ends: Vec<usize>,
}

impl Strings {
    fn get(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)?;
        let start = match index.checked_sub(1) {
            Some(before) => *self.ends.get(before)?,
            None => 0,
        };
        self.text.get(start..end)
    }
}

fn shared_strings<R: Read>(xml: &mut Xml<R>, limits: &XlsxLimits) -> Result<Strings, Fault> {
    let mut strings = Strings::default();
    let at = |n: usize| format!("string {}", n.saturating_add(1));
    loop {
        let n = strings.ends.len();
        let text = match xml.next().map_err(|p| p.at(at(n)))? {
            Event::Start(e) if local(&e) == "si" => xml.string_item().map_err(|p| p.at(at(n)))?,
            Event::Empty(e) if local(&e) == "si" => String::new(),
            Event::Eof => return Ok(strings),
            _ => continue,
        };
        if u64::try_from(n).unwrap_or(u64::MAX) >= limits.max_shared_strings {
            return Err(Problem::Limit(XlsxLimit::SharedStrings).at(at(n)));
        }
        strings.text.push_str(&text);
        if u64::try_from(strings.text.len()).unwrap_or(u64::MAX) > limits.max_text_bytes {
            return Err(Problem::Limit(XlsxLimit::TextBytes).at(at(n)));
        }
        strings.ends.push(strings.text.len());
    }
}

/// What every worksheet of a workbook reads with.
#[derive(Debug, Default)]
struct Context {
    dates: Vec<bool>,
    strings: Strings,
    date1904: bool,
}

/// The cells and text read so far, across the sheets of one call.
#[derive(Debug, Default)]
struct Budget {
    cells: u64,
    text: u64,
}

/// Reads one worksheet's `<sheetData>` into a sparse grid.
struct SheetReader<'c> {
    name: &'c str,
    context: &'c Context,
    limits: &'c XlsxLimits,
    budget: &'c mut Budget,
    rows: Vec<Vec<Cell>>,
    /// The row being read (1-based; 0 before the first).
    row: u32,
    /// The column of the last cell read in the row (1-based; 0 before the first).
    col: u32,
    /// The cells of the row being read, from column A to its last value.
    pending: Vec<Cell>,
    pending_row: u32,
}

impl<'c> SheetReader<'c> {
    fn new(
        name: &'c str,
        context: &'c Context,
        limits: &'c XlsxLimits,
        budget: &'c mut Budget,
    ) -> Self {
        SheetReader {
            name,
            context,
            limits,
            budget,
            rows: Vec::new(),
            row: 0,
            col: 0,
            pending: Vec::new(),
            pending_row: 0,
        }
    }

    fn at_row(&self) -> String {
        if self.row == 0 {
            format!("sheet {:?}", self.name)
        } else {
            format!("sheet {:?}, row {}", self.name, self.row)
        }
    }

    fn at_cell(&self) -> String {
        format!(
            "sheet {:?}, cell {}{}",
            self.name,
            column_letters(self.col),
            self.row
        )
    }

    fn read<R: Read>(&mut self, xml: &mut Xml<R>) -> Result<(), Fault> {
        let mut in_data = false;
        loop {
            let event = xml.next().map_err(|p| p.at(self.at_row()))?;
            let (has_body, e) = match event {
                Event::Start(e) => (true, e),
                Event::Empty(e) => (false, e),
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        "sheetData" => break,
                        "row" if in_data => self.flush()?,
                        _ => {}
                    }
                    continue;
                }
                Event::Eof if in_data => {
                    return Err(bad("the XML ends inside the sheet's data").at(self.at_row()));
                }
                Event::Eof => break,
                _ => continue,
            };
            match local(&e) {
                "sheetData" => in_data = has_body,
                "row" if in_data => {
                    self.flush()?;
                    let number = attr(&e, "r").map_err(|p| p.at(self.at_row()))?;
                    self.row = match number {
                        Some(n) => n
                            .trim()
                            .parse::<u32>()
                            .ok()
                            .filter(|n| *n >= 1)
                            .ok_or_else(|| {
                                bad(format!("{n:?} is not a row number")).at(self.at_row())
                            })?,
                        None => self.row.saturating_add(1),
                    };
                    if self.row > MAX_ROWS {
                        return Err(Problem::Limit(XlsxLimit::Rows).at(self.at_row()));
                    }
                    self.col = 0;
                    self.pending_row = self.row;
                }
                "c" if in_data => {
                    let r = attr(&e, "r").map_err(|p| p.at(self.at_row()))?;
                    let kind = attr(&e, "t").map_err(|p| p.at(self.at_row()))?;
                    let style = attr(&e, "s").map_err(|p| p.at(self.at_row()))?;
                    self.place(r.as_deref())?;
                    if has_body {
                        let cell = self.cell(xml, kind.as_deref(), style.as_deref())?;
                        self.put(cell)?;
                    }
                }
                _ => {}
            }
        }
        self.flush()
    }

    /// Moves to the cell's place: its reference, or the next column.
    fn place(&mut self, reference: Option<&str>) -> Result<(), Fault> {
        match reference {
            Some(r) => {
                let (col, row) = parse_reference(r).ok_or_else(|| {
                    bad(format!("{r:?} is not a cell reference")).at(self.at_row())
                })?;
                if row > MAX_ROWS {
                    self.row = row;
                    return Err(Problem::Limit(XlsxLimit::Rows).at(self.at_row()));
                }
                if row != self.pending_row {
                    self.flush()?;
                    self.pending_row = row;
                }
                self.row = row;
                self.col = col;
            }
            None => {
                if self.row == 0 {
                    self.row = 1;
                    self.pending_row = 1;
                }
                self.col = self.col.saturating_add(1);
            }
        }
        Ok(())
    }

    /// The value of the cell just started.
    fn cell<R: Read>(
        &mut self,
        xml: &mut Xml<R>,
        kind: Option<&str>,
        style: Option<&str>,
    ) -> Result<Cell, Fault> {
        let mut value: Option<String> = None;
        let mut inline: Option<String> = None;
        loop {
            match xml.next().map_err(|p| p.at(self.at_cell()))? {
                Event::Start(e) if local(&e) == "v" => {
                    value = Some(xml.text().map_err(|p| p.at(self.at_cell()))?);
                }
                Event::Start(e) if local(&e) == "is" => {
                    inline = Some(xml.string_item().map_err(|p| p.at(self.at_cell()))?);
                }
                Event::Start(_) => xml.skip().map_err(|p| p.at(self.at_cell()))?,
                Event::End(_) => break,
                Event::Eof => {
                    return Err(bad("the XML ends inside a cell").at(self.at_cell()));
                }
                _ => {}
            }
        }
        let text = |s: String| {
            if s.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s)
            }
        };
        if let Some(s) = inline {
            return Ok(text(s));
        }
        let Some(v) = value else {
            return Ok(Cell::Empty);
        };
        Ok(match kind {
            Some("s") => {
                let t = v.trim();
                if t.is_empty() {
                    return Ok(Cell::Empty);
                }
                let found = t
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| self.context.strings.get(i));
                match found {
                    Some(s) => text(s.to_owned()),
                    None => {
                        return Err(
                            bad(format!("there is no shared string {t:?}")).at(self.at_cell())
                        );
                    }
                }
            }
            Some("str") => {
                let s = unescape_excel(&v);
                if s.chars().count() > MAX_CELL_CHARS {
                    return Err(Problem::Limit(XlsxLimit::CellChars).at(self.at_cell()));
                }
                text(s)
            }
            Some("b") => match v.trim() {
                "" => Cell::Empty,
                "0" => Cell::Bool(false),
                "1" => Cell::Bool(true),
                t if t.eq_ignore_ascii_case("false") => Cell::Bool(false),
                t if t.eq_ignore_ascii_case("true") => Cell::Bool(true),
                _ => text(v),
            },
            Some("e") => {
                if v.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Error(v)
                }
            }
            Some("n") | None => {
                let t = v.trim();
                if t.is_empty() {
                    return Ok(Cell::Empty);
                }
                match t.parse::<f64>() {
                    Ok(n) if self.is_date(style) => Cell::Date(if self.context.date1904 {
                        n + DAYS_1904
                    } else {
                        n
                    }),
                    Ok(n) => Cell::Number(n),
                    Err(_) => text(v),
                }
            }
            // Dates as ISO text (`t="d"`) and any other type: the text as written.
            Some(_) => text(v),
        })
    }

    fn is_date(&self, style: Option<&str>) -> bool {
        style
            .and_then(|s| s.trim().parse::<usize>().ok())
            .and_then(|s| self.context.dates.get(s).copied())
            .unwrap_or(false)
    }

    /// Keeps a cell's value in the row being read.
    fn put(&mut self, cell: Cell) -> Result<(), Fault> {
        if cell == Cell::Empty {
            return Ok(());
        }
        if self.col > self.limits.max_columns {
            return Err(Problem::Limit(XlsxLimit::Columns).at(self.at_cell()));
        }
        if let Cell::Text(t) | Cell::Error(t) = &cell {
            let bytes = u64::try_from(t.len()).unwrap_or(u64::MAX);
            self.budget.text = self.budget.text.saturating_add(bytes);
            if self.budget.text > self.limits.max_text_bytes {
                return Err(Problem::Limit(XlsxLimit::TextBytes).at(self.at_cell()));
            }
        }
        let index = usize::try_from(self.col.saturating_sub(1)).unwrap_or(usize::MAX);
        if self.pending.len() <= index {
            self.pending.resize(index.saturating_add(1), Cell::Empty);
        }
        if let Some(slot) = self.pending.get_mut(index) {
            *slot = cell;
        }
        Ok(())
    }

    /// Moves the row being read into the grid.
    fn flush(&mut self) -> Result<(), Fault> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let at = format!("sheet {:?}, row {}", self.name, self.pending_row);
        // Exactly as long as its last value: the buffer's spare room stays behind.
        let cells: Vec<Cell> = self.pending.drain(..).collect();
        let index = usize::try_from(self.pending_row.saturating_sub(1)).unwrap_or(usize::MAX);
        if self.rows.len() <= index {
            self.rows.resize_with(index.saturating_add(1), Vec::new);
        }
        let Some(row) = self.rows.get_mut(index) else {
            return Err(bad("a row cannot be placed").at(at));
        };
        let before = row.len();
        if row.is_empty() {
            *row = cells;
        } else {
            // The same row twice: later values win, as they would on screen.
            for (i, cell) in cells.into_iter().enumerate() {
                if cell == Cell::Empty {
                    continue;
                }
                if row.len() <= i {
                    row.resize(i.saturating_add(1), Cell::Empty);
                }
                if let Some(slot) = row.get_mut(i) {
                    *slot = cell;
                }
            }
        }
        let added = u64::try_from(row.len().saturating_sub(before)).unwrap_or(u64::MAX);
        self.budget.cells = self.budget.cells.saturating_add(added);
        if self.budget.cells > self.limits.max_cells {
            return Err(Problem::Limit(XlsxLimit::Cells).at(at));
        }
        Ok(())
    }

    /// The first row's number and the rows from it to the last with a value.
    fn finish(mut self) -> (u32, Vec<Vec<Cell>>) {
        match self.rows.iter().position(|r| !r.is_empty()) {
            Some(first) => {
                self.rows.drain(..first);
                let number = u32::try_from(first).map_or(u32::MAX, |f| f.saturating_add(1));
                (number, self.rows)
            }
            None => (1, Vec::new()),
        }
    }
}

/// A cell reference such as `B3` as (column, row), both counted from 1; `None`
/// unless letters then digits, within Excel's columns.
fn parse_reference(reference: &str) -> Option<(u32, u32)> {
    let r = reference.trim().trim_start_matches('$');
    let split = r.find(|c: char| !c.is_ascii_alphabetic())?;
    let (letters, digits) = r.split_at(split);
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut col: u32 = 0;
    for b in letters.bytes() {
        col = col * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1);
    }
    let row = digits.trim_start_matches('$').parse::<u32>().ok()?;
    ((1..=MAX_COLUMNS).contains(&col) && row >= 1).then_some((col, row))
}

impl Sheet {
    /// Reads every sheet of an XLSX workbook, in the workbook's order, within the
    /// default [`XlsxLimits`]. Formulas give their cached results; error values
    /// (`#REF!`) are kept as [`Cell::Error`] and reported when a template reads
    /// them; numbers shown as dates or times are [`Cell::Date`].
    ///
    /// Each sheet holds its rows from the first with a value ([`Sheet::first_row`])
    /// to the last with one, and each row its cells from column A to its last value.
    ///
    /// # Errors
    /// [`SheetError::Workbook`] when the bytes are not an XLSX workbook (a truncated
    /// or renamed file) or a sheet cannot be read; [`SheetError::Limit`] when the
    /// workbook passes one of the limits.
    pub fn from_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, SheetError> {
        Sheet::from_xlsx_with(bytes, &XlsxLimits::DEFAULT)
    }

    /// Reads every sheet of an XLSX workbook within `limits` (see
    /// [`Sheet::from_xlsx`]); the limits on cells and text count all sheets.
    ///
    /// # Errors
    /// As [`Sheet::from_xlsx`].
    pub fn from_xlsx_with(bytes: &[u8], limits: &XlsxLimits) -> Result<Vec<Sheet>, SheetError> {
        let mut book = Book::open(bytes, *limits)?;
        let context = book.context()?;
        let mut budget = Budget::default();
        (0..book.sheets.len())
            .map(|i| book.sheet(i, &context, &mut budget))
            .collect()
    }

    /// The names of an XLSX workbook's sheets, in order, without reading them.
    ///
    /// ```
    /// use thidua::{Cell, Sheet};
    ///
    /// let mut sheet = Sheet::new("Đoàn viên");
    /// sheet.push_row(vec![Cell::from("Họ và tên")]);
    /// let bytes = Sheet::to_xlsx(&[sheet])?;
    /// assert_eq!(Sheet::xlsx_sheet_names(&bytes)?, ["Đoàn viên"]);
    /// # Ok::<(), thidua::SheetError>(())
    /// ```
    ///
    /// # Errors
    /// As [`Sheet::from_xlsx`].
    pub fn xlsx_sheet_names(bytes: &[u8]) -> Result<Vec<String>, SheetError> {
        Ok(Book::open(bytes, XlsxLimits::DEFAULT)?.names())
    }

    /// Reads one sheet of an XLSX workbook by name, and no other (see
    /// [`Sheet::from_xlsx`]).
    ///
    /// # Errors
    /// As [`Sheet::from_xlsx`], and [`SheetError::NoSuchSheet`].
    pub fn from_xlsx_sheet(bytes: &[u8], name: &str) -> Result<Sheet, SheetError> {
        Sheet::from_xlsx_sheet_with(bytes, name, &XlsxLimits::DEFAULT)
    }

    /// Reads one sheet of an XLSX workbook by name within `limits` (see
    /// [`Sheet::from_xlsx`]).
    ///
    /// # Errors
    /// As [`Sheet::from_xlsx`], and [`SheetError::NoSuchSheet`].
    pub fn from_xlsx_sheet_with(
        bytes: &[u8],
        name: &str,
        limits: &XlsxLimits,
    ) -> Result<Sheet, SheetError> {
        let mut book = Book::open(bytes, *limits)?;
        let Some(index) = book.sheets.iter().position(|(n, _)| n == name) else {
            return Err(SheetError::NoSuchSheet {
                name: name.to_owned(),
                available: book.names(),
            });
        };
        let context = book.context()?;
        book.sheet(index, &context, &mut Budget::default())
    }

    /// Writes sheets as an XLSX workbook: a bold header row, dates formatted
    /// `dd/mm/yyyy`, numbers as numbers.
    ///
    /// # Errors
    /// [`SheetError::Write`] when a name is not a valid sheet name (31 characters at
    /// most, none of `[]:*?/\`) or the workbook cannot be built.
    pub fn to_xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, SheetError> {
        use rust_xlsxwriter::{Format, Workbook};
        let err = |e: rust_xlsxwriter::XlsxError| SheetError::Write {
            detail: e.to_string(),
        };
        let mut book = Workbook::new();
        let date = Format::new().set_num_format("dd/mm/yyyy");
        for sheet in sheets {
            let ws = book.add_worksheet();
            ws.set_name(sheet.name()).map_err(err)?;
            for (r, row) in sheet.rows().iter().enumerate() {
                let r = u32::try_from(r).map_err(|_| SheetError::Write {
                    detail: "too many rows".to_owned(),
                })?;
                for (c, cell) in row.iter().enumerate() {
                    let c = u16::try_from(c).map_err(|_| SheetError::Write {
                        detail: "too many columns".to_owned(),
                    })?;
                    match cell {
                        Cell::Empty => {}
                        Cell::Text(t) => {
                            ws.write_string(r, c, t).map_err(err)?;
                        }
                        Cell::Number(n) => {
                            ws.write_number(r, c, *n).map_err(err)?;
                        }
                        Cell::Date(n) => {
                            ws.write_number_with_format(r, c, *n, &date).map_err(err)?;
                        }
                        Cell::Bool(b) => {
                            ws.write_boolean(r, c, *b).map_err(err)?;
                        }
                        Cell::Error(e) => {
                            ws.write_string(r, c, e).map_err(err)?;
                        }
                    }
                }
            }
            if !sheet.rows().is_empty() {
                ws.set_freeze_panes(1, 0).map_err(err)?;
            }
        }
        book.save_to_buffer().map_err(err)
    }
}
