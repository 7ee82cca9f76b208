//! The templates: which columns each kind of list has, and how a header row is found.

use std::fmt;
use std::str::FromStr;

use crate::sheet::cells::key;
use crate::sheet::grid::{Cell, Sheet};

/// What a column holds (internal: the same meaning across templates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    Seq,
    Id,
    Name,
    BirthDate,
    Gender,
    Role,
    UnitCode,
    UnitName,
    Joined,
    Left,
    Kind,
    Bloc,
    ParentCode,
    ShortName,
    Established,
    Campaign,
    Member,
    Title,
    Period,
    Date,
    Grade,
    Authors,
    Level,
    Scope,
    RecognisedOn,
    Programme,
    Recipients,
    Amount,
    Funding,
    Documents,
}

/// Whether a template needs a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    Required,
    Optional,
}

/// One column of a template.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    pub(crate) key: Key,
    /// The header as exported and documented.
    pub(crate) header: &'static str,
    /// Other headers officers write for it.
    pub(crate) aliases: &'static [&'static str],
    pub(crate) need: Need,
    /// What it holds (documentation).
    pub(crate) note: &'static str,
}

const fn col(
    key: Key,
    header: &'static str,
    aliases: &'static [&'static str],
    need: Need,
    note: &'static str,
) -> Column {
    Column {
        key,
        header,
        aliases,
        need,
        note,
    }
}

use Need::{Optional, Required};

const SEQ: Column = col(
    Key::Seq,
    "STT",
    &["Số TT", "Số thứ tự", "TT"],
    Optional,
    "Row number; ignored.",
);

const MEMBERS: &[Column] = &[
    SEQ,
    col(
        Key::Id,
        "Mã đoàn viên",
        &["Mã ĐV", "Mã số", "Mã định danh", "Số thẻ đoàn viên"],
        Optional,
        "The member's id (a UUID) or a natural key such as a card or staff number, which becomes the member's code when it is one (ASCII letters, digits, '.', '-', '_'); without it, the id is derived from the unit code, the name and the birth date.",
    ),
    col(
        Key::Name,
        "Họ và tên",
        &["Họ tên", "Họ và tên đoàn viên", "Tên đoàn viên"],
        Required,
        "Full name.",
    ),
    col(
        Key::BirthDate,
        "Ngày sinh",
        &["Ngày tháng năm sinh", "Sinh ngày"],
        Optional,
        "A date: `dd/mm/yyyy` or an Excel date.",
    ),
    col(
        Key::Gender,
        "Giới tính",
        &["Nam/Nữ", "Nam nữ"],
        Optional,
        "`Nam` or `Nữ`.",
    ),
    col(
        Key::Role,
        "Chức vụ",
        &["Chức danh", "Vị trí việc làm", "Chức vụ, chức danh"],
        Optional,
        "`CBQL` (or Hiệu trưởng, Phó hiệu trưởng), `GV`/Giáo viên, `NV`/Nhân viên, Công nhân, Khác.",
    ),
    col(
        Key::UnitCode,
        "Mã đơn vị",
        &["Mã CĐCS", "Mã công đoàn cơ sở"],
        Optional,
        "The code of the member's unit; or give `Đơn vị` (the unit's name) when importing into a dataset that has the units.",
    ),
    col(
        Key::UnitName,
        "Đơn vị",
        &["Tên đơn vị", "Công đoàn cơ sở", "CĐCS"],
        Optional,
        "The unit's name, matched without diacritics or case.",
    ),
    col(
        Key::Joined,
        "Ngày vào công đoàn",
        &["Ngày kết nạp", "Ngày vào CĐ", "Ngày gia nhập"],
        Optional,
        "The first day of membership in that unit.",
    ),
    col(
        Key::Left,
        "Ngày rời đơn vị",
        &["Ngày chuyển đi", "Ngày ra khỏi công đoàn"],
        Optional,
        "The first day no longer a member of that unit.",
    ),
];

const UNITS: &[Column] = &[
    SEQ,
    col(
        Key::UnitCode,
        "Mã đơn vị",
        &["Mã CĐCS", "Mã"],
        Required,
        "The unit's code: ASCII letters, digits, `.`, `-`, `_`.",
    ),
    col(
        Key::Id,
        "Mã định danh",
        &["ID", "UUID"],
        Optional,
        "The unit's id (a UUID); without it the id is derived from the code.",
    ),
    col(
        Key::UnitName,
        "Tên đơn vị",
        &["Đơn vị", "Tên công đoàn cơ sở", "Tên CĐCS"],
        Required,
        "The official name.",
    ),
    col(
        Key::ShortName,
        "Tên viết tắt",
        &["Tên ngắn"],
        Optional,
        "The short name.",
    ),
    col(
        Key::Kind,
        "Loại đơn vị",
        &["Loại hình", "Cấp"],
        Required,
        "`Công đoàn cơ sở` (`CĐCS`), `LĐLĐ quận`, `LĐLĐ tỉnh`, `Công đoàn xã`, `Công đoàn bộ phận`, `Tổ công đoàn`, …",
    ),
    col(
        Key::Bloc,
        "Khối",
        &["Khối thi đua", "Thuộc khối"],
        Optional,
        "`Trường học`, `SXKD`, `HCSN`, `Khác`.",
    ),
    col(
        Key::ParentCode,
        "Mã đơn vị cấp trên",
        &["Mã cấp trên", "Đơn vị cấp trên", "Cấp trên"],
        Optional,
        "The parent's code, in this sheet or in the dataset imported into.",
    ),
    col(
        Key::Established,
        "Ngày thành lập",
        &["Thành lập ngày"],
        Optional,
        "A date.",
    ),
];

const REGISTRATIONS: &[Column] = &[
    SEQ,
    col(
        Key::Id,
        "Mã đăng ký",
        &[],
        Optional,
        "The registration's id (a UUID) or key; without it the id is derived from the other columns.",
    ),
    col(
        Key::Campaign,
        "Mã phong trào",
        &["Phong trào", "Mã phong trào thi đua"],
        Required,
        "The campaign's id (a UUID) or key.",
    ),
    col(
        Key::Member,
        "Mã đoàn viên",
        &["Mã ĐV"],
        Optional,
        "For an individual registration: the member's id or key.",
    ),
    col(
        Key::UnitCode,
        "Mã đơn vị",
        &["Mã CĐCS"],
        Optional,
        "For a collective registration: the unit's code. Exactly one of the two.",
    ),
    col(
        Key::Title,
        "Danh hiệu",
        &["Danh hiệu đăng ký", "Danh hiệu thi đua"],
        Required,
        "The title's code or name: `LĐTT`, `CSTĐCS`, `Lao động tiên tiến` …",
    ),
    col(
        Key::Period,
        "Năm học",
        &["Kỳ", "Năm", "Thời gian"],
        Required,
        "`2023-2024`, `năm học 2023-2024`, `năm 2024`.",
    ),
    col(Key::Date, "Ngày đăng ký", &["Ngày"], Required, "A date."),
];

const GRADES: &[Column] = &[
    SEQ,
    col(
        Key::Id,
        "Mã đoàn viên",
        &["Mã ĐV", "Mã số"],
        Optional,
        "As in the member list; without it, derived as there from the unit code, name and birth date.",
    ),
    col(
        Key::Name,
        "Họ và tên",
        &["Họ tên"],
        Optional,
        "Full name (used only to derive the id).",
    ),
    col(
        Key::BirthDate,
        "Ngày sinh",
        &[],
        Optional,
        "A date (used only to derive the id).",
    ),
    col(
        Key::UnitCode,
        "Mã đơn vị",
        &["Mã CĐCS"],
        Optional,
        "The unit's code (used only to derive the id).",
    ),
    col(
        Key::Period,
        "Năm học",
        &["Kỳ", "Năm"],
        Required,
        "The period graded.",
    ),
    col(
        Key::Grade,
        "Xếp loại",
        &[
            "Kết quả xếp loại",
            "Mức độ hoàn thành nhiệm vụ",
            "Xếp loại chất lượng",
        ],
        Required,
        "`HTXSNV`, `HTTNV`, `HTNV`, `KHTNV` or the words (`Hoàn thành tốt nhiệm vụ`).",
    ),
];

const INITIATIVES: &[Column] = &[
    SEQ,
    col(
        Key::Id,
        "Mã sáng kiến",
        &[],
        Optional,
        "The initiative's id (a UUID) or key. Rows with the same id are one initiative reviewed at several levels.",
    ),
    col(
        Key::Title,
        "Tên sáng kiến",
        &["Tên đề tài", "Tên sáng kiến kinh nghiệm"],
        Required,
        "The title.",
    ),
    col(
        Key::Authors,
        "Tác giả",
        &["Mã tác giả", "Mã đoàn viên"],
        Optional,
        "Authors' member ids or keys, separated by `;`.",
    ),
    col(
        Key::UnitCode,
        "Mã đơn vị",
        &["Mã CĐCS"],
        Required,
        "The unit that submitted it.",
    ),
    col(
        Key::Period,
        "Năm học",
        &["Kỳ", "Năm"],
        Required,
        "The period.",
    ),
    col(
        Key::Level,
        "Cấp công nhận",
        &["Cấp", "Cấp xét"],
        Optional,
        "`Cơ sở`, `Quận`, `Thành phố`, `Bộ`, `Toàn quốc`.",
    ),
    col(
        Key::RecognisedOn,
        "Ngày công nhận",
        &[],
        Optional,
        "The day of recognition; empty when submitted but not recognised.",
    ),
    col(
        Key::Scope,
        "Phạm vi ảnh hưởng",
        &["Phạm vi"],
        Optional,
        "`Cơ sở`, `Ngành, tỉnh`, `Toàn quốc`.",
    ),
];

const SUPPORT: &[Column] = &[
    SEQ,
    col(
        Key::Id,
        "Mã",
        &["Mã hỗ trợ"],
        Optional,
        "The record's id (a UUID) or key; without it the id is derived from the other columns.",
    ),
    col(
        Key::Programme,
        "Nội dung",
        &["Chương trình", "Nội dung hỗ trợ"],
        Required,
        "The programme or what was given.",
    ),
    col(
        Key::UnitCode,
        "Mã đơn vị",
        &["Mã CĐCS", "Đơn vị tổ chức"],
        Required,
        "The organising unit's code.",
    ),
    col(
        Key::Date,
        "Ngày",
        &["Ngày hỗ trợ", "Thời gian"],
        Optional,
        "The day; or give `Năm học`.",
    ),
    col(
        Key::Period,
        "Năm học",
        &["Kỳ", "Năm"],
        Optional,
        "The period, when there is no single day.",
    ),
    col(
        Key::Recipients,
        "Số người",
        &["Số đoàn viên", "Số người được hỗ trợ", "Số lượng"],
        Optional,
        "A count, `1.995` or `hơn 3.800`.",
    ),
    col(
        Key::Amount,
        "Số tiền",
        &["Thành tiền", "Số tiền hỗ trợ", "Kinh phí"],
        Optional,
        "Whole đồng: a number, `265.902.000`, or `trên 1.065 triệu đồng`.",
    ),
    col(
        Key::Funding,
        "Nguồn kinh phí",
        &["Nguồn"],
        Optional,
        "Sources separated by `;`.",
    ),
    col(
        Key::Documents,
        "Văn bản",
        &["Căn cứ", "Quyết định"],
        Optional,
        "Documents separated by `;`.",
    ),
];

/// A spreadsheet template officers fill in: which list a sheet holds.
///
/// Headers are matched without case, diacritics, Unicode form, extra spaces or
/// notes in parentheses, so `HỌ VÀ TÊN (*)` is `Họ và tên`; each column also
/// accepts the other headers officers commonly write (listed in
/// [`Template::markdown`] and `docs/TEMPLATES.md`).
///
/// ```
/// use thidua::Template;
///
/// let t: Template = "members".parse()?;
/// assert_eq!(t, Template::Members);
/// assert_eq!(t.sheet_name(), "Đoàn viên");
/// assert!(t.headers().any(|h| h == "Họ và tên"));
/// # Ok::<(), String>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Template {
    /// The member list (*danh sách đoàn viên*): members and their memberships.
    Members,
    /// The unit list (*danh sách đơn vị*).
    Units,
    /// Registrations for titles (*đăng ký thi đua*).
    Registrations,
    /// Members' yearly grades (*xếp loại đoàn viên*), as facts per period.
    Grades,
    /// Initiatives and their recognitions (*sáng kiến*).
    Initiatives,
    /// Support given to members (*hỗ trợ, chăm lo đoàn viên*).
    Support,
}

impl Template {
    /// Every template.
    pub const ALL: &'static [Template] = &[
        Template::Members,
        Template::Units,
        Template::Registrations,
        Template::Grades,
        Template::Initiatives,
        Template::Support,
    ];

    /// The stable code used on the command line (`members`, `units`, …).
    pub fn code(self) -> &'static str {
        match self {
            Template::Members => "members",
            Template::Units => "units",
            Template::Registrations => "registrations",
            Template::Grades => "grades",
            Template::Initiatives => "initiatives",
            Template::Support => "support",
        }
    }

    /// The sheet's name in exported workbooks.
    pub fn sheet_name(self) -> &'static str {
        match self {
            Template::Members => "Đoàn viên",
            Template::Units => "Đơn vị",
            Template::Registrations => "Đăng ký thi đua",
            Template::Grades => "Xếp loại",
            Template::Initiatives => "Sáng kiến",
            Template::Support => "Hỗ trợ",
        }
    }

    pub(crate) fn columns(self) -> &'static [Column] {
        match self {
            Template::Members => MEMBERS,
            Template::Units => UNITS,
            Template::Registrations => REGISTRATIONS,
            Template::Grades => GRADES,
            Template::Initiatives => INITIATIVES,
            Template::Support => SUPPORT,
        }
    }

    /// The headers, in the order exports write them.
    pub fn headers(self) -> impl Iterator<Item = &'static str> {
        self.columns().iter().map(|c| c.header)
    }

    /// The templates documented in Markdown (kept as `docs/TEMPLATES.md`).
    pub fn markdown() -> String {
        use std::fmt::Write as _;
        let mut out = String::from(TEMPLATES_INTRO);
        for t in Template::ALL {
            let _ = write!(
                out,
                "\n## `{}` — sheet \"{}\"\n\n{}\n\n",
                t.code(),
                t.sheet_name(),
                t.summary()
            );
            out.push_str(
                "| Column | Also accepted | Needed | What it holds |\n|---|---|---|---|\n",
            );
            for c in t.columns() {
                let aliases: Vec<String> = c.aliases.iter().map(|a| (*a).to_owned()).collect();
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    c.header,
                    aliases.join(", "),
                    match c.need {
                        Need::Required => "yes",
                        Need::Optional => "no",
                    },
                    c.note
                );
            }
        }
        out
    }

    fn summary(self) -> &'static str {
        match self {
            Template::Members => {
                "One row per member and unit: members (*đoàn viên*) and their memberships. Rows with the same member id add memberships (a transfer is two rows); their other columns must agree."
            }
            Template::Units => {
                "One row per union unit as established. Renames, merges and other lineage events are not part of the template: they stay in the dataset file."
            }
            Template::Registrations => {
                "One row per registration for a title (*đăng ký thi đua*), individual or collective."
            }
            Template::Grades => {
                "One row per member and period: the task-completion grade (*xếp loại mức độ hoàn thành nhiệm vụ*), stored as the member's facts for the period."
            }
            Template::Initiatives => {
                "One row per initiative and review level (*sáng kiến*): the level of the council, and the recognition when there is one."
            }
            Template::Support => {
                "One row per support record (*hỗ trợ, chăm lo*): who organised it, when, how many people, how much money, from which sources. Lists of named recipients, goods and breakdowns stay in the dataset file."
            }
        }
    }
}

const TEMPLATES_INTRO: &str = "# Spreadsheet templates

Generated from the code (`Template::markdown`); a test fails when this file is stale.
Regenerate it with `UPDATE_TEMPLATES=1 cargo test --all-features --test it templates`.

Officers' lists are read from CSV (feature `csv`) or XLSX (feature `xlsx`) with
`Importer`, and written back with `export_sheet` in the same templates.

- **Headers** are matched without case, diacritics (`Ho va ten` is `Họ và tên`),
  Unicode form (NFC or NFD), extra spaces, punctuation or notes in parentheses
  (`Ngày sinh (dd/mm/yyyy)`). The header row is found among the first 20 rows, so a
  title above it (`DANH SÁCH ĐOÀN VIÊN NĂM HỌC 2023-2024`) is skipped; a header
  spread over two rows (a merged group title above the column titles) is read as
  one; a row of column numbers under the header (`(1) (2) (3)`) is skipped.
  Columns the template does not know are reported once as warnings and ignored.
- **Dates** are Excel dates (serial numbers) or text: `15/11/2023`, `2023-11-15`,
  `ngày 15 tháng 11 năm 2023`.
- **Amounts** are whole đồng: a number, `265.902.000`, `265.902.000 đồng`, or with
  a qualifier, `trên 1.065 triệu đồng`. Counts likewise (`1.995`, `hơn 3.800`).
- **Ids**: a column `Mã …` holding a UUID is the id itself; any other text is a
  natural key from which the id is derived (UUID v5), so the same key always gives
  the same id. Unit codes resolve to the units of the dataset imported into, or to
  the id derived from the code.
- **Problems**: every rejected cell is a diagnostic with the sheet, the row as the
  spreadsheet numbers it, the column's header, the value and the reason. A row with
  a rejected cell is not imported; the others are. Empty rows are skipped and
  counted. With `ImportMode::AllOrNothing` any rejected cell fails the whole import;
  with `ImportMode::Partial` the good rows are kept and the problems returned.
- **Files**: CSV in UTF-8 (with or without BOM) or UTF-16, separated by `,`, `;` or
  tabs; other encodings (Windows-1258, TCVN3) are refused with a message asking for
  \"CSV UTF-8\". XLSX formulas give their cached values; error values (`#REF!`) are
  rejected cells. Only the template's sheet is read; a workbook larger than the
  reader's limits (`XlsxLimits`: a value right of column BL, more than 2,097,152
  cells, a text longer than 32,767 characters, a part unpacking to more than
  256 MiB) is refused with a message naming the limit and the cell.
";

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Template {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let k = key(s);
        Template::ALL
            .iter()
            .copied()
            .find(|t| t.code() == k || key(t.sheet_name()) == k)
            .ok_or_else(|| {
                let codes: Vec<&str> = Template::ALL.iter().map(|t| t.code()).collect();
                format!(
                    "unknown template {s:?}: expected one of {}",
                    codes.join(", ")
                )
            })
    }
}

/// Where a sheet's header is and what each column holds.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// The index of the first row of data.
    pub(crate) data_start: usize,
    /// The index of the (last) header row, for diagnostics about columns.
    pub(crate) header_row: usize,
    /// Column index, what it holds, and its header as written.
    pub(crate) columns: Vec<(usize, Column, String)>,
    /// Columns the template does not know: index and header as written.
    pub(crate) unknown: Vec<(usize, String)>,
}

/// How far down a header row is looked for.
const HEADER_SEARCH_ROWS: usize = 20;

fn cell_label(cell: Option<&Cell>) -> String {
    match cell {
        Some(Cell::Text(t)) => crate::value::text::normalize(t),
        _ => String::new(),
    }
}

fn match_column(template: Template, label: &str) -> Option<Column> {
    let k = key(label);
    if k.is_empty() {
        return None;
    }
    template
        .columns()
        .iter()
        .find(|c| key(c.header) == k || c.aliases.iter().any(|a| key(a) == k))
        .copied()
}

/// Reads the header of one row, or of two rows where the first holds group titles
/// merged over the second.
fn read_header(template: Template, sheet: &Sheet, at: usize, two_rows: bool) -> Option<Layout> {
    let top = sheet.rows().get(at)?;
    let bottom = if two_rows {
        sheet.rows().get(at.checked_add(1)?)
    } else {
        None
    };
    if two_rows && bottom.is_none() {
        return None;
    }
    let width = top.len().max(bottom.map_or(0, Vec::len));
    let mut columns: Vec<(usize, Column, String)> = Vec::new();
    let mut unknown = Vec::new();
    let mut group = String::new();
    for c in 0..width {
        let upper = cell_label(top.get(c));
        if !upper.is_empty() {
            group.clone_from(&upper);
        }
        let lower = cell_label(bottom.and_then(|b| b.get(c)));
        let candidates: Vec<String> = if two_rows {
            if lower.is_empty() {
                vec![upper.clone()]
            } else {
                vec![lower.clone(), format!("{group} {lower}")]
            }
        } else {
            vec![upper.clone()]
        };
        let hit = candidates
            .iter()
            .find_map(|l| match_column(template, l).map(|col| (col, l.clone())));
        match hit {
            Some((col, label)) if !columns.iter().any(|(_, c2, _)| c2.key == col.key) => {
                columns.push((c, col, label));
            }
            _ => {
                let label = candidates
                    .into_iter()
                    .find(|l| !l.is_empty())
                    .unwrap_or_default();
                if !label.is_empty() {
                    unknown.push((c, label));
                }
            }
        }
    }
    let header_row = if two_rows { at.saturating_add(1) } else { at };
    Some(Layout {
        data_start: header_row.saturating_add(1),
        header_row,
        columns,
        unknown,
    })
}

/// Finds the header: the row (or pair of rows) among the first rows that names the
/// most columns of the template.
pub(crate) fn find_layout(template: Template, sheet: &Sheet) -> Option<Layout> {
    let mut best: Option<Layout> = None;
    let score = |l: &Layout| {
        l.columns
            .iter()
            .filter(|(_, c, _)| c.key != Key::Seq)
            .count()
    };
    for at in 0..sheet.rows().len().min(HEADER_SEARCH_ROWS) {
        for two_rows in [false, true] {
            if let Some(l) = read_header(template, sheet, at, two_rows)
                && score(&l) > best.as_ref().map_or(0, score)
            {
                best = Some(l);
            }
        }
    }
    let mut layout = best?;
    // A row of column numbers under the header ("(1) (2) (3)" or "1 2 3").
    if let Some(row) = sheet.rows().get(layout.data_start)
        && is_numbering_row(row)
    {
        layout.data_start = layout.data_start.saturating_add(1);
    }
    Some(layout)
}

fn is_numbering_row(row: &[Cell]) -> bool {
    let mut expected = 1u64;
    let mut seen = 0;
    for cell in row.iter().filter(|c| !c.is_blank()) {
        let text = match cell {
            Cell::Text(t) => t
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .to_owned(),
            Cell::Number(n) => format!("{n}"),
            _ => return false,
        };
        if text.parse::<u64>().ok() != Some(expected) {
            return false;
        }
        expected = expected.saturating_add(1);
        seen += 1;
    }
    seen >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells.iter().map(|c| Cell::from(*c)).collect()
    }

    #[test]
    fn a_title_and_a_merged_header_are_skipped() {
        let mut s = Sheet::new("s");
        s.push_row(row(&["DANH SÁCH ĐOÀN VIÊN"]));
        s.push_row(row(&[""]));
        s.push_row(row(&["STT", "Thông tin cá nhân", "", "", "Đơn vị"]));
        s.push_row(row(&[
            "",
            "HỌ VÀ TÊN (*)",
            "Ngày sinh",
            "Giới tính",
            "Mã đơn vị",
        ]));
        s.push_row(row(&["(1)", "(2)", "(3)", "(4)", "(5)"]));
        s.push_row(row(&["1", "Lê Thị Hoa", "01/02/1990", "Nữ", "A"]));
        let l = find_layout(Template::Members, &s).unwrap();
        assert_eq!(l.header_row, 3);
        assert_eq!(l.data_start, 5);
        let keys: Vec<_> = l.columns.iter().map(|(i, c, _)| (*i, c.key)).collect();
        assert_eq!(
            keys,
            [
                (0, Key::Seq),
                (1, Key::Name),
                (2, Key::BirthDate),
                (3, Key::Gender),
                (4, Key::UnitCode)
            ]
        );
    }

    #[test]
    fn unknown_columns_are_listed() {
        let mut s = Sheet::new("s");
        s.push_row(row(&["Ho va ten", "Ghi chú"]));
        let l = find_layout(Template::Members, &s).unwrap();
        assert_eq!(l.unknown, [(1, "Ghi chú".to_owned())]);
    }

    #[test]
    fn templates_parse_from_codes_and_sheet_names() {
        assert_eq!("Đoàn viên".parse::<Template>().unwrap(), Template::Members);
        assert_eq!("GRADES".parse::<Template>().unwrap(), Template::Grades);
        insta::assert_snapshot!("x".parse::<Template>().unwrap_err(), @r#"unknown template "x": expected one of members, units, registrations, grades, initiatives, support"#);
    }
}
