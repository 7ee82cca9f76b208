//! The administrative format of Decree 30/2020/NĐ-CP (Phụ lục I: *thể thức và kỹ
//! thuật trình bày văn bản hành chính*), in one place every document uses.
//!
//! - Paper A4 (210 × 297 mm), portrait.
//! - Margins: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm; here 20, 20,
//!   30 and 15 mm.
//! - Font Times New Roman; the body in 14 pt, the header lines in 12–13 pt.
//! - The header is a two-column table without borders: the issuing body under its
//!   superior on the left, with the number and symbol under it; the national motto
//!   (*Quốc hiệu* in bold capitals, *Tiêu ngữ* in bold, underlined) on the right,
//!   with the place and date in italics under it.
//! - The kind and the title of the document in bold, centred; the body justified
//!   with a first-line indent; the signature block (authority, position, space for
//!   the signature, name) on the right and *Nơi nhận:* on the left.
//! - Page numbers in Arabic figures, centred at the top, from the second page on.
//! - Dates: "ngày 05 tháng 01 năm 2023" — a day below 10 and the months 1 and 2
//!   take a leading zero, other months do not ("ngày 31 tháng 5 năm 2022").

use std::io::Cursor;

use chrono::{Datelike, NaiveDate};
use docx_rs::{
    AlignmentType, Docx, Header, LineSpacing, PageMargin, PageNum, Paragraph, Run, RunFonts, Table,
    TableCell, TableRow, VAlignType, WidthType,
};

use crate::diagnostic::{Diagnostic, Diagnostics, Location, Severity};
use crate::org::hierarchy::Hierarchy;
use crate::org::kind::UnitKind;
use crate::value::id::UnitId;
use crate::value::text::fold;

/// The font of every run.
pub(crate) const FONT: &str = "Times New Roman";
/// A4 width in twips (210 mm).
pub(crate) const PAGE_WIDTH: u32 = 11_906;
/// A4 height in twips (297 mm).
pub(crate) const PAGE_HEIGHT: u32 = 16_838;
/// Top margin in twips (20 mm).
pub(crate) const MARGIN_TOP: i32 = 1_134;
/// Bottom margin in twips (20 mm).
pub(crate) const MARGIN_BOTTOM: i32 = 1_134;
/// Left margin in twips (30 mm).
pub(crate) const MARGIN_LEFT: i32 = 1_701;
/// Right margin in twips (15 mm).
pub(crate) const MARGIN_RIGHT: i32 = 851;
/// The width between the margins, in twips.
pub(crate) const TEXT_WIDTH: usize = 9_354;
/// Body text: 14 pt, in half-points.
pub(crate) const BODY: usize = 28;
/// Header lines (bodies, number): 13 pt.
pub(crate) const HEADER: usize = 26;
/// The national motto's first line and tables: 12 pt.
pub(crate) const SMALL: usize = 24;
/// The list of recipients: 11 pt.
pub(crate) const TINY: usize = 22;
/// First-line indent of body paragraphs: 1 cm.
const INDENT: i32 = 567;

/// What a jurisdiction sets on the documents it issues: the bodies, the place, the
/// number and symbol, the signer, the recipients, and the share of council votes
/// that carries a nomination.
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::DocumentSettings;
///
/// let mut settings = DocumentSettings::new(
///     "Liên đoàn Lao động huyện Gia Lâm",
///     "Gia Lâm",
///     NaiveDate::from_ymd_opt(2023, 1, 5).ok_or("date")?,
/// );
/// settings.number = Some(12);
/// assert_eq!(settings.symbol, "LĐLĐ");
/// assert_eq!(settings.number_line("QĐ"), "Số: 12/QĐ-LĐLĐ");
/// assert_eq!(settings.date_line(), "Gia Lâm, ngày 05 tháng 01 năm 2023");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DocumentSettings {
    /// The body above the issuing one (*cơ quan chủ quản*), written above it.
    pub superior_body: Option<String>,
    /// The issuing body (*cơ quan ban hành*).
    pub issuing_body: String,
    /// The issuing body's abbreviation in the symbol (`LĐLĐ` in `12/QĐ-LĐLĐ`).
    pub symbol: String,
    /// The document's number, left blank for the clerk when `None`.
    pub number: Option<u32>,
    /// The place written before the date (*địa danh*): `Gia Lâm`.
    pub place: String,
    /// The day the document is signed; the decision's day for bonuses.
    pub date: NaiveDate,
    /// Who signs.
    pub signer: Signer,
    /// Where copies go (*Nơi nhận*), without the archive line ("Lưu: VT"), which is
    /// always added last.
    pub recipients: Vec<String>,
    /// The council members present, as the minutes list them ("Ông Nguyễn Văn A –
    /// Chủ tịch Công đoàn, Chủ tịch Hội đồng").
    pub council_members: Vec<String>,
    /// The council's secretary, who signs the minutes beside the chair (the signer),
    /// empty to leave the line to be written by hand.
    pub secretary: String,
    /// The share of the members present, in percent, that votes for must exceed
    /// for the council to carry a nomination: the council's own regulation (*quy
    /// chế hoạt động của Hội đồng*) sets it; 50 (more than half) by default.
    pub approval_percent: u32,
}

/// The signature block (*thẩm quyền, chức vụ, họ tên người ký*).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Signer {
    /// The authority signed for (*quyền hạn*): `TM. BAN CHẤP HÀNH`, `KT. CHỦ TỊCH`.
    pub authority: Option<String>,
    /// The signer's position (*chức vụ*): `CHỦ TỊCH`.
    pub position: String,
    /// The signer's name, empty to leave the line to be written by hand.
    pub name: String,
}

impl Signer {
    /// A signer with an authority, a position and a name.
    pub fn new(
        authority: Option<String>,
        position: impl Into<String>,
        name: impl Into<String>,
    ) -> Self {
        Self {
            authority,
            position: position.into(),
            name: name.into(),
        }
    }
}

impl Default for Signer {
    fn default() -> Self {
        Self::new(Some("TM. BAN CHẤP HÀNH".to_owned()), "CHỦ TỊCH", "")
    }
}

/// The words that start the name of a place in a body's name.
const PLACE_MARKERS: &[&str] = &[
    "huyện ",
    "quận ",
    "thị xã ",
    "thành phố ",
    "tỉnh ",
    "xã ",
    "phường ",
    "đặc khu ",
];

impl DocumentSettings {
    /// Settings for a body, a place and a day: no superior, the symbol from the
    /// body's initials up to its place (`Liên đoàn Lao động huyện Gia Lâm` →
    /// `LĐLĐ`), no number, signed `TM. BAN CHẤP HÀNH` / `CHỦ TỊCH`, no recipient
    /// besides the archive, votes carried by more than half.
    pub fn new(issuing_body: impl Into<String>, place: impl Into<String>, date: NaiveDate) -> Self {
        let issuing_body = issuing_body.into();
        Self {
            superior_body: None,
            symbol: initials(&issuing_body),
            issuing_body,
            number: None,
            place: place.into(),
            date,
            signer: Signer::default(),
            recipients: Vec::new(),
            council_members: Vec::new(),
            secretary: String::new(),
            approval_percent: 50,
        }
    }

    /// Settings for a unit of a hierarchy on a day: the unit's name as the issuing
    /// body, its parent's as the superior and first recipient, the place read from
    /// the nearest name that has one (`huyện Gia Lâm` → `Gia Lâm`), the symbol
    /// `CĐCS` for a grassroots union. `None` when the unit does not exist that day.
    pub fn for_unit(hierarchy: &Hierarchy, unit: UnitId, date: NaiveDate) -> Option<Self> {
        let snapshot = hierarchy.as_of(date);
        let node = snapshot.node(unit)?;
        let name = |n| {
            snapshot
                .name(n)
                .map(|x| x.as_str().to_owned())
                .unwrap_or_else(|| snapshot.code(n).as_str().to_owned())
        };
        let place = std::iter::once(node)
            .chain(snapshot.ancestors(node))
            .find_map(|n| place_in(&name(n)))
            .unwrap_or_default();
        let mut settings = Self::new(name(node), place, date);
        if matches!(
            snapshot.kind(node),
            UnitKind::Grassroots | UnitKind::MemberGrassroots
        ) {
            // A grassroots union signs as *Công đoàn cơ sở*.
            settings.symbol = "CĐCS".to_owned();
        }
        if let Some(parent) = snapshot.parent(node) {
            settings.superior_body = Some(name(parent));
            settings.recipients.push(name(parent));
        }
        Some(settings)
    }

    /// The number line: `Số: 12/QĐ-LĐLĐ`, or `Số:     /QĐ-LĐLĐ` without a number.
    pub fn number_line(&self, kind: &str) -> String {
        match self.number {
            Some(n) => format!("Số: {n}/{kind}-{}", self.symbol),
            None => format!("Số:      /{kind}-{}", self.symbol),
        }
    }

    /// The place and date line: `Gia Lâm, ngày 31 tháng 5 năm 2022`.
    pub fn date_line(&self) -> String {
        if self.place.is_empty() {
            date_in_words(self.date)
        } else {
            format!("{}, {}", self.place, date_in_words(self.date))
        }
    }

    /// The number and symbol alone: `12/QĐ-LĐLĐ`.
    pub(crate) fn reference(&self, kind: &str) -> String {
        match self.number {
            Some(n) => format!("{n}/{kind}-{}", self.symbol),
            None => format!("     /{kind}-{}", self.symbol),
        }
    }
}

/// A date as ND 30/2020 writes it: `ngày 05 tháng 01 năm 2023`, `ngày 31 tháng 5 năm
/// 2022` (a day below 10 and the months 1 and 2 with a leading zero).
pub(crate) fn date_in_words(date: NaiveDate) -> String {
    let month = match date.month() {
        m @ (1 | 2) => format!("{m:02}"),
        m => m.to_string(),
    };
    format!("ngày {:02} tháng {month} năm {}", date.day(), date.year())
}

/// The place in a body's name: what follows its last place marker.
fn place_in(name: &str) -> Option<String> {
    let lower = name.to_lowercase();
    PLACE_MARKERS
        .iter()
        .filter_map(|m| lower.rfind(m).map(|at| at + m.len()))
        .max()
        .and_then(|at| {
            // `to_lowercase` keeps the byte lengths of Vietnamese letters.
            name.get(at..).map(|s| s.trim().to_owned())
        })
        .filter(|s| !s.is_empty())
}

/// A body's initials up to its place: `Công đoàn Giáo dục` → `CĐGD`.
fn initials(name: &str) -> String {
    let lower = name.to_lowercase();
    let end = PLACE_MARKERS
        .iter()
        .filter_map(|m| lower.find(m))
        .min()
        .unwrap_or(name.len());
    name.get(..end)
        .unwrap_or(name)
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// How a run looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Look {
    pub(crate) size: usize,
    pub(crate) bold: bool,
    pub(crate) italic: bool,
    pub(crate) underline: bool,
}

impl Look {
    pub(crate) const fn plain(size: usize) -> Self {
        Self {
            size,
            bold: false,
            italic: false,
            underline: false,
        }
    }
    pub(crate) const fn bold(size: usize) -> Self {
        Self {
            bold: true,
            ..Self::plain(size)
        }
    }
    pub(crate) const fn italic(size: usize) -> Self {
        Self {
            italic: true,
            ..Self::plain(size)
        }
    }
}

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

/// A run of text in Times New Roman.
pub(crate) fn run(text: impl Into<String>, look: Look) -> Run {
    let mut r = Run::new().add_text(text).fonts(fonts()).size(look.size);
    if look.bold {
        r = r.bold();
    }
    if look.italic {
        r = r.italic();
    }
    if look.underline {
        r = r.underline("single");
    }
    r
}

/// A paragraph of one run, aligned, with a little space after.
pub(crate) fn line(text: impl Into<String>, look: Look, align: AlignmentType) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, look))
        .align(align)
        .line_spacing(LineSpacing::new().before(0).after(0))
}

/// A body paragraph: justified, first line indented, 6 pt after.
pub(crate) fn body(text: impl Into<String>) -> Paragraph {
    body_runs(vec![run(text, Look::plain(BODY))])
}

/// A body paragraph of several runs (a bold lead-in, then plain text).
pub(crate) fn body_runs(runs: Vec<Run>) -> Paragraph {
    let mut p = Paragraph::new()
        .align(AlignmentType::Both)
        .indent(
            None,
            Some(docx_rs::SpecialIndentType::FirstLine(INDENT)),
            None,
            None,
        )
        .line_spacing(LineSpacing::new().before(0).after(120));
    for r in runs {
        p = p.add_run(r);
    }
    p
}

/// An empty paragraph of a size, for vertical space.
pub(crate) fn blank(size: usize) -> Paragraph {
    Paragraph::new()
        .add_run(run("", Look::plain(size)))
        .line_spacing(LineSpacing::new().before(0).after(0))
}

/// A cell of paragraphs, of a width in twips, without borders.
fn bare_cell(paragraphs: Vec<Paragraph>, width: usize) -> TableCell {
    let mut c = TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Top)
        .clear_all_border();
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

/// The short line drawn under the issuing body and under the motto's title.
fn rule_line() -> Paragraph {
    line("──────", Look::plain(SMALL), AlignmentType::Center)
}

/// Width of the header's left column, in twips (6,5 cm).
const HEADER_LEFT: usize = 3_685;

/// The header: bodies and number on the left, motto and date on the right.
fn header(settings: &DocumentSettings, kind: &str) -> Table {
    let mut left = Vec::new();
    if let Some(superior) = &settings.superior_body {
        left.push(line(
            superior.to_uppercase(),
            Look::plain(HEADER),
            AlignmentType::Center,
        ));
    }
    left.push(line(
        settings.issuing_body.to_uppercase(),
        Look::bold(HEADER),
        AlignmentType::Center,
    ));
    left.push(rule_line());
    left.push(line(
        settings.number_line(kind),
        Look::plain(HEADER),
        AlignmentType::Center,
    ));
    let motto = Look {
        underline: true,
        ..Look::bold(BODY)
    };
    let right = vec![
        line(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            Look::bold(SMALL),
            AlignmentType::Center,
        ),
        line("Độc lập - Tự do - Hạnh phúc", motto, AlignmentType::Center),
        blank(SMALL),
        line(
            settings.date_line(),
            Look::italic(BODY),
            AlignmentType::Center,
        ),
    ];
    Table::without_borders(vec![TableRow::new(vec![
        bare_cell(left, HEADER_LEFT),
        bare_cell(right, TEXT_WIDTH - HEADER_LEFT),
    ])])
    .set_grid(vec![HEADER_LEFT, TEXT_WIDTH - HEADER_LEFT])
    .width(TEXT_WIDTH, WidthType::Dxa)
    .clear_all_border()
}

/// The kind of document (`QUYẾT ĐỊNH`) and its title, bold and centred.
fn title_block(kind_title: &str, subject: &[String]) -> Vec<Paragraph> {
    let mut out = vec![
        blank(BODY),
        line(kind_title, Look::bold(BODY), AlignmentType::Center),
    ];
    for s in subject {
        out.push(line(s.clone(), Look::bold(BODY), AlignmentType::Center));
    }
    out.push(rule_line());
    out.push(blank(SMALL));
    out
}

/// The signature block on the right, *Nơi nhận* on the left.
fn signature(settings: &DocumentSettings, recipients: bool) -> Table {
    let mut left = Vec::new();
    if recipients {
        left.push(line(
            "Nơi nhận:",
            Look {
                italic: true,
                ..Look::bold(SMALL)
            },
            AlignmentType::Left,
        ));
        for r in &settings.recipients {
            left.push(line(
                format!("- {r};"),
                Look::plain(TINY),
                AlignmentType::Left,
            ));
        }
        left.push(line("- Lưu: VT.", Look::plain(TINY), AlignmentType::Left));
    }
    let mut right = Vec::new();
    if let Some(a) = &settings.signer.authority {
        right.push(line(a.clone(), Look::bold(BODY), AlignmentType::Center));
    }
    right.push(line(
        settings.signer.position.clone(),
        Look::bold(BODY),
        AlignmentType::Center,
    ));
    for _ in 0..3 {
        right.push(blank(BODY));
    }
    right.push(line(
        settings.signer.name.clone(),
        Look::bold(BODY),
        AlignmentType::Center,
    ));
    let half = TEXT_WIDTH / 2 - 400;
    // The block stays whole on one page.
    Table::without_borders(vec![
        TableRow::new(vec![
            bare_cell(left, half),
            bare_cell(right, TEXT_WIDTH - half),
        ])
        .cant_split(),
    ])
    .set_grid(vec![half, TEXT_WIDTH - half])
    .width(TEXT_WIDTH, WidthType::Dxa)
    .clear_all_border()
}

/// The signatures of minutes: the secretary (*thư ký*) on the left, the chair
/// (*chủ tọa*, the signer) on the right.
fn minutes_signatures(settings: &DocumentSettings) -> Table {
    let column = |role: &str, name: &str| {
        let mut c = vec![line(role, Look::bold(BODY), AlignmentType::Center)];
        for _ in 0..3 {
            c.push(blank(BODY));
        }
        c.push(line(name, Look::bold(BODY), AlignmentType::Center));
        c
    };
    let half = TEXT_WIDTH / 2;
    Table::without_borders(vec![
        TableRow::new(vec![
            bare_cell(column("THƯ KÝ", &settings.secretary), half),
            bare_cell(column("CHỦ TỌA", &settings.signer.name), TEXT_WIDTH - half),
        ])
        .cant_split(),
    ])
    .set_grid(vec![half, TEXT_WIDTH - half])
    .width(TEXT_WIDTH, WidthType::Dxa)
    .clear_all_border()
}

/// A part of a document's body.
pub(crate) enum Block {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
    /// The signature block (and *Nơi nhận* when asked).
    Signature {
        recipients: bool,
    },
    /// The secretary's and the chair's signatures of minutes.
    MinutesSignatures,
}

/// A document: its header, title, body and signature, to be written as DOCX.
pub(crate) struct Page<'a> {
    pub(crate) settings: &'a DocumentSettings,
    /// The symbol of the kind in the number (`QĐ`, `BB`, `BC`, `DS`).
    pub(crate) kind: &'static str,
    /// The kind as the title writes it (`QUYẾT ĐỊNH`).
    pub(crate) kind_title: String,
    /// The title under it (*trích yếu*).
    pub(crate) subject: Vec<String>,
    pub(crate) blocks: Vec<Block>,
}

impl Page<'_> {
    /// The DOCX file's bytes.
    pub(crate) fn into_docx(self) -> Result<Vec<u8>, Diagnostics> {
        let mut docx = Docx::new()
            .page_size(PAGE_WIDTH, PAGE_HEIGHT)
            .page_margin(
                PageMargin::new()
                    .top(MARGIN_TOP)
                    .bottom(MARGIN_BOTTOM)
                    .left(MARGIN_LEFT)
                    .right(MARGIN_RIGHT)
                    .header(567)
                    .footer(567),
            )
            .default_fonts(fonts())
            .default_size(BODY)
            // Page numbers centred at the top from the second page on.
            .header(
                Header::new().add_paragraph(
                    Paragraph::new()
                        .add_page_num(PageNum::new())
                        .align(AlignmentType::Center)
                        .fonts(fonts())
                        .size(BODY),
                ),
            )
            .first_header(Header::new())
            .title_pg()
            .add_table(header(self.settings, self.kind));
        for p in title_block(&self.kind_title, &self.subject) {
            docx = docx.add_paragraph(p);
        }
        for b in self.blocks {
            docx = match b {
                Block::Paragraph(p) => docx.add_paragraph(*p),
                Block::Table(t) => docx.add_table(*t),
                Block::Signature { recipients } => docx
                    .add_paragraph(blank(SMALL))
                    .add_table(signature(self.settings, recipients)),
                Block::MinutesSignatures => docx
                    .add_paragraph(blank(SMALL))
                    .add_table(minutes_signatures(self.settings)),
            };
        }
        let mut out = Cursor::new(Vec::new());
        docx.build().pack(&mut out).map_err(|e| {
            let mut d = Diagnostics::new();
            d.push(
                Diagnostic::of("document.write", Severity::Error, Location::Whole).arg("error", e),
            );
            d
        })?;
        Ok(out.into_inner())
    }
}

/// A bordered table: a bold header row, then rows; widths in twips.
pub(crate) fn grid(headers: &[&str], widths: &[usize], rows: Vec<Vec<Cell>>) -> Table {
    let head = TableRow::new(
        headers
            .iter()
            .zip(widths)
            .map(|(h, w)| {
                TableCell::new()
                    .width(*w, WidthType::Dxa)
                    .vertical_align(VAlignType::Center)
                    .add_paragraph(line(*h, Look::bold(SMALL), AlignmentType::Center))
            })
            .collect(),
    )
    .cant_split();
    let mut table_rows = vec![head];
    for row in rows {
        table_rows.push(
            TableRow::new(
                row.into_iter()
                    .zip(widths)
                    .map(|(c, w)| {
                        let mut cell = TableCell::new().width(*w, WidthType::Dxa);
                        if c.span > 1 {
                            cell = cell.grid_span(c.span);
                        }
                        cell.add_paragraph(line(c.text, c.look, c.align))
                    })
                    .collect(),
            )
            .cant_split(),
        );
    }
    Table::new(table_rows)
        .set_grid(widths.to_vec())
        .width(widths.iter().sum(), WidthType::Dxa)
}

/// A cell of a bordered table.
pub(crate) struct Cell {
    pub(crate) text: String,
    pub(crate) look: Look,
    pub(crate) align: AlignmentType,
    pub(crate) span: usize,
}

impl Cell {
    pub(crate) fn left(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            look: Look::plain(SMALL),
            align: AlignmentType::Left,
            span: 1,
        }
    }
    pub(crate) fn centre(text: impl Into<String>) -> Self {
        Self {
            align: AlignmentType::Center,
            ..Self::left(text)
        }
    }
    pub(crate) fn right(text: impl Into<String>) -> Self {
        Self {
            align: AlignmentType::Right,
            ..Self::left(text)
        }
    }
    pub(crate) fn bold(mut self) -> Self {
        self.look.bold = true;
        self
    }
    pub(crate) fn spanning(mut self, span: usize) -> Self {
        self.span = span;
        self
    }
}

/// Whether a text names a document already cited (compared without diacritics).
pub(crate) fn mentions(text: &str, document: &str) -> bool {
    fold(text).contains(&fold(document))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_decree() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(date_in_words(d(2023, 1, 5)), "ngày 05 tháng 01 năm 2023");
        assert_eq!(date_in_words(d(2022, 5, 31)), "ngày 31 tháng 5 năm 2022");
        assert_eq!(date_in_words(d(2025, 2, 19)), "ngày 19 tháng 02 năm 2025");
        assert_eq!(date_in_words(d(2024, 12, 9)), "ngày 09 tháng 12 năm 2024");
    }

    #[test]
    fn places_and_symbols_come_from_names() {
        assert_eq!(
            place_in("Liên đoàn Lao động huyện Gia Lâm").as_deref(),
            Some("Gia Lâm")
        );
        assert_eq!(place_in("Công đoàn Trường Mầm non Phú Thị"), None);
        assert_eq!(initials("Liên đoàn Lao động huyện Gia Lâm"), "LĐLĐ");
        assert_eq!(initials("Công đoàn Giáo dục"), "CĐGD");
    }
}
