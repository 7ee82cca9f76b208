//! The XLSX reader: workbooks as Excel and LibreOffice write them, hostile workbooks
//! (zip bombs, huge extents, huge texts) refused with the limit they pass, and
//! sheets written by `Sheet::to_xlsx` read back equal.

use std::io::Write;

use flate2::{Compress, Compression, FlushCompress};
use proptest::prelude::*;
use thidua::{Cell, Sheet, SheetError, XlsxLimit, XlsxLimits};

// ---------------------------------------------------------------------------------
// Zip files by hand, so that sizes can be declared as a hostile file declares them
// ---------------------------------------------------------------------------------

/// One member of a zip file: its bytes as stored and the size it declares.
struct Entry {
    name: String,
    stored: Vec<u8>,
    deflated: bool,
    crc: u32,
    size: u64,
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for b in data {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A part compressed as any zip tool would, its size declared honestly.
fn part(name: &str, text: &str) -> Entry {
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), Compression::default());
    enc.write_all(text.as_bytes()).unwrap();
    Entry {
        name: name.to_owned(),
        stored: enc.finish().unwrap(),
        deflated: true,
        crc: crc32(text.as_bytes()),
        size: text.len() as u64,
    }
}

/// Raw deflate of `data` ending in a full flush: a block that does not refer to
/// what comes before it, so that copies of it one after another are a valid stream.
fn block(data: &[u8], flush: FlushCompress) -> Vec<u8> {
    let mut c = Compress::new(Compression::best(), false);
    let mut out = Vec::with_capacity(data.len() + 1024);
    c.compress_vec(data, &mut out, flush).unwrap();
    assert_eq!(c.total_in(), data.len() as u64);
    out
}

/// A part of `head`, `times` copies of `body`, then `tail`, compressed without ever
/// being held unpacked; `declared` is the size it says it has (`None`: the truth).
fn bomb(
    name: &str,
    head: &str,
    body: &str,
    times: usize,
    tail: &str,
    declared: Option<u64>,
) -> Entry {
    let mut stored = block(head.as_bytes(), FlushCompress::Full);
    let one = block(body.as_bytes(), FlushCompress::Full);
    for _ in 0..times {
        stored.extend_from_slice(&one);
    }
    stored.extend_from_slice(&block(tail.as_bytes(), FlushCompress::Finish));
    let size = (head.len() + body.len() * times + tail.len()) as u64;
    Entry {
        name: name.to_owned(),
        stored,
        deflated: true,
        crc: 0,
        size: declared.unwrap_or(size),
    }
}

fn zip(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let method: u16 = if e.deflated { 8 } else { 0 };
        let fields = |v: &mut Vec<u8>| {
            v.extend_from_slice(&20u16.to_le_bytes()); // version needed
            v.extend_from_slice(&0u16.to_le_bytes()); // flags
            v.extend_from_slice(&method.to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // time
            v.extend_from_slice(&0x21u16.to_le_bytes()); // date: 1980-01-01
            v.extend_from_slice(&e.crc.to_le_bytes());
            v.extend_from_slice(&(e.stored.len() as u32).to_le_bytes());
            v.extend_from_slice(&(e.size as u32).to_le_bytes());
            v.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // extra
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        fields(&mut out);
        out.extend_from_slice(e.name.as_bytes());
        out.extend_from_slice(&e.stored);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // made by
        fields(&mut central);
        central.extend_from_slice(&0u16.to_le_bytes()); // comment
        central.extend_from_slice(&0u16.to_le_bytes()); // disk
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(e.name.as_bytes());
    }
    let start = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

const NS: &str = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The parts every workbook has, for sheets `names` at `xl/worksheets/sheetN.xml`.
fn frame(names: &[&str]) -> Vec<Entry> {
    let sheets: String = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            format!(
                r#"<sheet name="{n}" sheetId="{}" r:id="rId{}"/>"#,
                i + 1,
                i + 1
            )
        })
        .collect();
    let rels: String = names
        .iter()
        .enumerate()
        .map(|(i, _)| {
            format!(
                r#"<Relationship Id="rId{}" Type="{REL}/worksheet" Target="worksheets/sheet{}.xml"/>"#,
                i + 1,
                i + 1
            )
        })
        .collect();
    vec![
        part(
            "_rels/.rels",
            &format!(
                r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        part(
            "xl/workbook.xml",
            &format!(r#"<?xml version="1.0"?><workbook {NS}><sheets>{sheets}</sheets></workbook>"#),
        ),
        part(
            "xl/_rels/workbook.xml.rels",
            &format!(
                r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}<Relationship Id="rS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rT" Type="{REL}/styles" Target="/xl/styles.xml"/></Relationships>"#
            ),
        ),
    ]
}

fn sheet_xml(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><worksheet {NS}><dimension ref="A1:XFD1048576"/><sheetData>{rows}</sheetData></worksheet>"#
    )
}

/// A workbook of one sheet "S" with these rows and shared strings.
fn book(rows: &str, shared: &[&str]) -> Vec<u8> {
    let mut parts = frame(&["S"]);
    parts.push(part("xl/worksheets/sheet1.xml", &sheet_xml(rows)));
    let si: String = shared
        .iter()
        .map(|s| format!("<si><t>{s}</t></si>"))
        .collect();
    parts.push(part(
        "xl/sharedStrings.xml",
        &format!(r#"<sst {NS} count="1" uniqueCount="1">{si}</sst>"#),
    ));
    zip(&parts)
}

fn limit_of(result: Result<impl std::fmt::Debug, SheetError>) -> (XlsxLimit, String) {
    match result {
        Err(SheetError::Limit {
            limit, part, at, ..
        }) => (limit, format!("{part} {at}")),
        other => panic!("expected a limit error, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------
// Workbooks as Excel and LibreOffice write them
// ---------------------------------------------------------------------------------

#[test]
fn a_workbook_reads_as_a_spreadsheet_shows_it() {
    let styles = r##"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
        <numFmts count="4">
          <numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>
          <numFmt numFmtId="165" formatCode="#,##0&quot;đ&quot;"/>
          <numFmt numFmtId="166" formatCode="[h]:mm"/>
          <numFmt numFmtId="167" formatCode="0.00 &quot;ngày&quot;;[Red]-0.00"/>
        </numFmts>
        <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
        <cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="14"/><xf numFmtId="166"/><xf numFmtId="167"/></cellXfs>
        </styleSheet>"##;
    // Prefixed names (as some writers use), rows and cells without numbers,
    // shared, rich, phonetic, inline and formula strings, booleans and errors.
    let sheet = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
        <x:dimension ref="B2:F9"/>
        <x:sheetData>
          <x:row r="2" spans="2:6"><x:c r="B2" t="s"><x:v>0</x:v></x:c><x:c r="C2" t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c></x:row>
          <x:row><x:c r="B3" s="1"><x:v>45292</x:v></x:c><x:c s="2"><x:v>265902000</x:v></x:c><x:c s="3"><x:v>1</x:v></x:c><x:c s="4"><x:v>0.5</x:v></x:c><x:c s="5"><x:v>2.5</x:v></x:c></x:row>
          <x:row r="5"><x:c r="B5" t="inlineStr"><x:is><x:t xml:space="preserve"> Lê &amp; Nam </x:t></x:is></x:c><x:c r="C5" t="str"><x:f>A1&amp;"x"</x:f><x:v>a_x000D_b&lt;</x:v></x:c><x:c r="D5" t="b"><x:v>1</x:v></x:c><x:c r="E5" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c><x:c r="F5" s="3"/></x:row>
          <x:row r="7"><x:c r="E7"><x:v>-1.5E3</x:v></x:c><x:c r="F7" t="d"><x:v>2024-01-02</x:v></x:c></x:row>
          <x:row r="9"><x:c r="B9" t="s"><x:v>3</x:v></x:c></x:row>
          <x:row r="20" s="3" customFormat="1"/>
        </x:sheetData>
        <x:mergeCells count="1"><x:mergeCell ref="B2:C2"/></x:mergeCells>
        </x:worksheet>"#;
    let shared = r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
        <si><t>Họ và tên</t></si>
        <si><r><rPr><b/></rPr><t>Giới</t></r><r><t xml:space="preserve"> tính</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si>
        <si><t>
          Ngày _x005F_x000D_ &#x1F600;
        </t></si>
        <si/>
        </sst>"#;
    let mut parts = frame(&["S"]);
    parts.push(part("xl/worksheets/sheet1.xml", sheet));
    parts.push(part("xl/sharedStrings.xml", shared));
    parts.push(part("xl/styles.xml", styles));
    let s = Sheet::from_xlsx_sheet(&zip(&parts), "S").unwrap();
    assert_eq!(s.first_row(), 2);
    let t = |s: &str| Cell::Text(s.to_owned());
    assert_eq!(
        s.rows(),
        [
            vec![
                Cell::Empty,
                t("Họ và tên"),
                t("Giới tính"),
                t("Ngày _x000D_ 😀")
            ],
            vec![
                Cell::Empty,
                Cell::Date(45292.0),
                Cell::Number(265_902_000.0),
                Cell::Date(1.0),
                Cell::Date(0.5),
                Cell::Number(2.5),
            ],
            vec![],
            vec![
                Cell::Empty,
                t(" Lê & Nam "),
                t("a\rb<"),
                Cell::Bool(true),
                Cell::Error("#DIV/0!".to_owned()),
            ],
            vec![],
            vec![
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Number(-1500.0),
                t("2024-01-02")
            ],
        ]
    );
}

#[test]
fn the_1904_date_system_is_read_as_the_1900_one() {
    let mut parts = frame(&["S"]);
    parts[1] = part(
        "xl/workbook.xml",
        &format!(
            r#"<workbook {NS}><workbookPr date1904="1"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#
        ),
    );
    parts.push(part(
        "xl/worksheets/sheet1.xml",
        &sheet_xml(r#"<row><c s="1"><v>0</v></c></row>"#),
    ));
    parts.push(part(
        "xl/styles.xml",
        r#"<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#,
    ));
    let s = Sheet::from_xlsx_sheet(&zip(&parts), "S").unwrap();
    assert_eq!(s.rows(), [vec![Cell::Date(1462.0)]]);
}

#[test]
fn only_the_sheet_asked_for_is_read() {
    let mut parts = frame(&["Đoàn viên", "Broken"]);
    parts.push(part(
        "xl/worksheets/sheet1.xml",
        &sheet_xml(r#"<row><c t="inlineStr"><is><t>x</t></is></c></row>"#),
    ));
    parts.push(part(
        "xl/worksheets/sheet2.xml",
        "<worksheet><sheetData><row><c><v>1</v></c>",
    ));
    let bytes = zip(&parts);
    assert_eq!(
        Sheet::xlsx_sheet_names(&bytes).unwrap(),
        ["Đoàn viên", "Broken"]
    );
    let s = Sheet::from_xlsx_sheet(&bytes, "Đoàn viên").unwrap();
    assert_eq!(s.rows(), [vec![Cell::from("x")]]);
    insta::assert_snapshot!(Sheet::from_xlsx(&bytes).unwrap_err(), @r#"the workbook cannot be read: xl/worksheets/sheet2.xml, sheet "Broken", row 1: the XML ends inside the sheet's data"#);
}

#[test]
fn broken_workbooks_are_errors() {
    let mut parts = frame(&["S"]);
    parts.push(part(
        "xl/worksheets/sheet1.xml",
        &sheet_xml(r#"<row><c t="s"><v>7</v></c></row>"#),
    ));
    insta::assert_snapshot!(Sheet::from_xlsx_sheet(&zip(&parts), "S").unwrap_err(), @r#"the workbook cannot be read: xl/worksheets/sheet1.xml, sheet "S", cell A1: there is no shared string "7""#);
    let only_rels = zip(&frame(&["S"])[..1]);
    insta::assert_snapshot!(Sheet::from_xlsx(&only_rels).unwrap_err(), @"the workbook cannot be read: not an XLSX workbook: there is no part xl/workbook.xml");
    let bad_ref = book(r#"<row><c r="1A"><v>1</v></c></row>"#, &[]);
    insta::assert_snapshot!(Sheet::from_xlsx(&bad_ref).unwrap_err(), @r#"the workbook cannot be read: xl/worksheets/sheet1.xml, sheet "S", row 1: "1A" is not a cell reference"#);
}

// ---------------------------------------------------------------------------------
// Hostile workbooks
// ---------------------------------------------------------------------------------

#[test]
fn a_sheet_is_sized_by_its_cells_not_by_its_corners() {
    // Two cells at the corners of the largest sheet Excel allows.
    let corners = book(
        r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>"#,
        &[],
    );
    assert!(corners.len() < 2048, "{}", corners.len());
    let err = Sheet::from_xlsx_sheet(&corners, "S").unwrap_err();
    insta::assert_snapshot!(err, @r#"the workbook is refused at "xl/worksheets/sheet1.xml", sheet "S", cell XFD1048576: a value is right of column BL (64), the last the reader takes"#);
    let (limit, _) = limit_of(Sheet::from_xlsx_sheet(
        &book(r#"<row r="100000"><c r="ZZ100000"><v>2</v></c></row>"#, &[]),
        "S",
    ));
    assert_eq!(limit, XlsxLimit::Columns);
    // The last row and column the reader takes: only the rows up to the last value
    // are kept, and each row only up to its last value.
    let far = book(
        r#"<row r="1"><c r="A1"><v>1</v></c><c r="XFD1" s="3"/></row><row r="1048576"><c r="BL1048576"><v>2</v></c></row>"#,
        &[],
    );
    let s = Sheet::from_xlsx_sheet(&far, "S").unwrap();
    assert_eq!(s.first_row(), 1);
    assert_eq!(s.rows().len(), 1_048_576);
    assert_eq!(s.rows()[0], [Cell::Number(1.0)]);
    assert!(s.rows()[1..1_048_575].iter().all(Vec::is_empty));
    assert_eq!(s.rows()[1_048_575].len(), 64);
    // Beyond Excel's last row.
    let (limit, at) = limit_of(Sheet::from_xlsx_sheet(
        &book(r#"<row r="1048577"/>"#, &[]),
        "S",
    ));
    assert_eq!(
        (limit, at.as_str()),
        (
            XlsxLimit::Rows,
            "xl/worksheets/sheet1.xml sheet \"S\", row 1048577"
        )
    );
}

#[test]
fn a_gigabyte_shared_string_is_refused_at_the_cell_limit() {
    let a = "a".repeat(1 << 20);
    let strings = |declared| {
        bomb(
            "xl/sharedStrings.xml",
            &format!("<sst {NS}><si><t>"),
            &a,
            1024,
            "</t></si></sst>",
            declared,
        )
    };
    let mut parts = frame(&["S"]);
    parts.push(part(
        "xl/worksheets/sheet1.xml",
        &sheet_xml(r#"<row><c t="s"><v>0</v></c></row>"#),
    ));
    parts.push(strings(None));
    let bytes = zip(&parts);
    assert!(bytes.len() < 2 << 20, "{}", bytes.len());
    // Said as it is, it goes no further than the zip directory.
    insta::assert_snapshot!(Sheet::from_xlsx_sheet(&bytes, "S").unwrap_err(), @r#"the workbook is refused at "xl/sharedStrings.xml": the part unpacks to more than 268435456 bytes"#);
    // Said to be within the limits, it is stopped in the text.
    parts.pop();
    parts.push(strings(Some(100 << 20)));
    let err = Sheet::from_xlsx_sheet(&zip(&parts), "S").unwrap_err();
    insta::assert_snapshot!(err, @r#"the workbook is refused at "xl/sharedStrings.xml", string 1: a text is longer than 32767 characters, the most a cell may hold"#);
    // Cut into runs by entities, it is caught as it grows.
    let amp = "a&amp;".repeat(1000);
    let strings = bomb(
        "xl/sharedStrings.xml",
        &format!("<sst {NS}><si><t>"),
        &amp,
        1000,
        "</t></si></sst>",
        None,
    );
    parts.pop();
    parts.push(strings);
    let (limit, at) = limit_of(Sheet::from_xlsx_sheet(&zip(&parts), "S"));
    assert_eq!(
        (limit, at.as_str()),
        (XlsxLimit::CellChars, "xl/sharedStrings.xml string 1")
    );
}

/// 15 million rows of three cells, 1.65 GB of XML in a few megabytes.
fn rows_bomb(declared: Option<u64>) -> Vec<u8> {
    let row = "<row><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>\n";
    let body = row.repeat(1 << 14);
    let times = 15_000_000 / (1 << 14);
    let mut parts = frame(&["S"]);
    parts.push(bomb(
        "xl/worksheets/sheet1.xml",
        &format!("<worksheet {NS}><sheetData>"),
        &body,
        times,
        "</sheetData></worksheet>",
        declared,
    ));
    zip(&parts)
}

#[test]
fn a_zip_bomb_is_refused_by_its_declared_size_or_as_it_unpacks() {
    let honest = rows_bomb(None);
    assert!(honest.len() < 8 << 20, "{}", honest.len());
    insta::assert_snapshot!(Sheet::from_xlsx_sheet(&honest, "S").unwrap_err(), @r#"the workbook is refused at "xl/worksheets/sheet1.xml": the part unpacks to more than 268435456 bytes"#);
    // A part that says it is small is stopped where its size is passed.
    let lying = rows_bomb(Some(4 << 20));
    insta::assert_snapshot!(Sheet::from_xlsx_sheet(&lying, "S").unwrap_err(), @r#"the workbook cannot be read: xl/worksheets/sheet1.xml, sheet "S", cell B73078: I/O error: File is larger than its declared uncompressed size"#);
    // And the limits on rows and cells stop one that says it is just within them
    // (smaller limits here, so that the test runs fast unoptimised).
    let within = rows_bomb(Some(200 << 20));
    let mut limits = XlsxLimits::default();
    limits.max_cells = 30_000;
    let (limit, at) = limit_of(Sheet::from_xlsx_sheet_with(&within, "S", &limits));
    assert_eq!(
        (limit, at.as_str()),
        (
            XlsxLimit::Cells,
            "xl/worksheets/sheet1.xml sheet \"S\", row 10001"
        )
    );
    limits.max_part_bytes = 1 << 20;
    let (limit, _) = limit_of(Sheet::from_xlsx_sheet_with(&honest, "S", &limits));
    assert_eq!(limit, XlsxLimit::PartBytes);
}

#[test]
fn every_limit_names_itself_and_where_it_was_passed() {
    let mut limits = XlsxLimits::default();
    // A shared string copied into many cells.
    let cells: String = (1..=100)
        .map(|r| format!(r#"<row r="{r}"><c t="s"><v>0</v></c></row>"#))
        .collect();
    let copied = book(&cells, &[&"x".repeat(1000)]);
    limits.max_text_bytes = 50_000;
    let (limit, at) = limit_of(Sheet::from_xlsx_with(&copied, &limits));
    assert_eq!(
        (limit, at.as_str()),
        (
            XlsxLimit::TextBytes,
            "xl/worksheets/sheet1.xml sheet \"S\", cell A51"
        )
    );
    // Many shared strings.
    let many = book("", &["a"; 11]);
    limits = XlsxLimits::default();
    limits.max_shared_strings = 10;
    let (limit, at) = limit_of(Sheet::from_xlsx_with(&many, &limits));
    assert_eq!(
        (limit, at.as_str()),
        (XlsxLimit::SharedStrings, "xl/sharedStrings.xml string 11")
    );
    // All the parts read together.
    limits = XlsxLimits::default();
    limits.max_total_bytes = 600;
    let (limit, _) = limit_of(Sheet::from_xlsx_with(&copied, &limits));
    assert_eq!(limit, XlsxLimit::TotalBytes);
    // One tag longer than the reader buffers.
    let tag = book(&format!(r#"<row r="1" x="{}"/>"#, "y".repeat(2 << 20)), &[]);
    insta::assert_snapshot!(Sheet::from_xlsx(&tag).unwrap_err(), @r#"the workbook is refused at "xl/worksheets/sheet1.xml", sheet "S": an XML tag or text run is longer than 1048576 bytes"#);
}

// ---------------------------------------------------------------------------------
// Sheets written by the crate read back equal
// ---------------------------------------------------------------------------------

fn cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        Just(Cell::Empty),
        "[a-zA-Z0-9 _àáạđĐƯữ\n\t&<>\"']{1,12}".prop_map(Cell::Text),
        Just(Cell::Text("_x000D_ and _x005F_".to_owned())),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Cell::Number),
        (1u32..2_958_465, 0u32..4).prop_map(|(d, q)| Cell::Date(f64::from(d) + f64::from(q) / 4.0)),
        any::<bool>().prop_map(Cell::Bool),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_sheet_written_reads_back_equal(rows in prop::collection::vec(prop::collection::vec(cell(), 0..8), 0..12)) {
        let mut written = Sheet::new("Đoàn viên");
        for row in &rows {
            written.push_row(row.clone());
        }
        let bytes = Sheet::to_xlsx(std::slice::from_ref(&written)).unwrap();
        let read = Sheet::from_xlsx_sheet(&bytes, "Đoàn viên").unwrap();
        // What the reader keeps: rows from the first with a value to the last,
        // each up to its last value.
        let mut trimmed: Vec<Vec<Cell>> = rows
            .iter()
            .map(|r| {
                let end = r.iter().rposition(|c| *c != Cell::Empty).map_or(0, |i| i + 1);
                r[..end].to_vec()
            })
            .collect();
        while trimmed.last().is_some_and(Vec::is_empty) {
            trimmed.pop();
        }
        let first = trimmed.iter().position(|r| !r.is_empty()).unwrap_or(0);
        prop_assert_eq!(read.first_row() as usize, first + 1);
        prop_assert_eq!(read.rows(), &trimmed[first..]);
    }
}

/// Writes the seed corpus of the `sheets` fuzz target: every template exported from
/// a bundled dataset, as XLSX and as CSV (run with `--ignored` to refresh it).
#[cfg(all(feature = "testing", feature = "csv"))]
#[test]
#[ignore = "writes fuzz/seeds/sheets"]
fn write_fuzz_seeds() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/sheets");
    std::fs::create_dir_all(&dir).unwrap();
    let d = crate::bundled::gia_lam();
    for t in thidua::Template::ALL {
        let mut sheet = thidua::export_sheet(*t, &d).sheet;
        // A few rows are enough for a seed.
        let mut small = Sheet::new(sheet.name());
        for row in sheet.rows().iter().take(6) {
            small.push_row(row.clone());
        }
        sheet = small;
        std::fs::write(
            dir.join(format!("{t}.xlsx")),
            Sheet::to_xlsx(std::slice::from_ref(&sheet)).unwrap(),
        )
        .unwrap();
        std::fs::write(dir.join(format!("{t}.csv")), sheet.to_csv().unwrap()).unwrap();
    }
}

/// Writes the hostile workbooks of these tests to a folder, to measure the reader
/// on them from outside (time and peak memory of `thidua import`).
#[test]
#[ignore = "writes files for measurement"]
fn write_hostile_workbooks() {
    let dir = std::env::var("XLSX_BOMBS_DIR").unwrap_or_else(|_| "target/xlsx-bombs".to_owned());
    let dir = std::path::Path::new(&dir);
    std::fs::create_dir_all(dir).unwrap();
    let corners = book(
        r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>"#,
        &[],
    );
    std::fs::write(dir.join("corners.xlsx"), corners).unwrap();
    let far = book(
        r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="BL1048576"><v>2</v></c></row>"#,
        &[],
    );
    std::fs::write(dir.join("far-corner.xlsx"), far).unwrap();
    let a = "a".repeat(1 << 20);
    let mut parts = frame(&["S"]);
    parts.push(part(
        "xl/worksheets/sheet1.xml",
        &sheet_xml(r#"<row><c t="s"><v>0</v></c></row>"#),
    ));
    parts.push(bomb(
        "xl/sharedStrings.xml",
        &format!("<sst {NS}><si><t>"),
        &a,
        1024,
        "</t></si></sst>",
        None,
    ));
    std::fs::write(dir.join("shared-string.xlsx"), zip(&parts)).unwrap();
    parts.pop();
    parts.push(bomb(
        "xl/sharedStrings.xml",
        &format!("<sst {NS}><si><t>"),
        &a,
        1024,
        "</t></si></sst>",
        Some(100 << 20),
    ));
    std::fs::write(dir.join("shared-string-within.xlsx"), zip(&parts)).unwrap();
    // A large sheet within the limits: 100,000 members of 10 columns.
    let mut big = Sheet::new("Đoàn viên");
    big.push_row(
        [
            "Họ và tên",
            "Giới tính",
            "Ngày sinh",
            "Mã đơn vị",
            "A",
            "B",
            "C",
            "D",
            "E",
            "F",
        ]
        .into_iter()
        .map(Cell::from)
        .collect(),
    );
    for i in 0..100_000u32 {
        big.push_row(vec![
            Cell::Text(format!("Nguyễn Văn {i}")),
            Cell::from(if i % 2 == 0 { "Nữ" } else { "Nam" }),
            Cell::Date(f64::from(30_000 + i % 5000)),
            Cell::from("HN.GL"),
            Cell::Number(f64::from(i)),
            Cell::Text(format!("x{i}")),
            Cell::Bool(i % 3 == 0),
            Cell::Number(0.5),
            Cell::Text("ghi chú".to_owned()),
            Cell::Text(format!("{i}@example.org")),
        ]);
    }
    std::fs::write(dir.join("big-valid.xlsx"), Sheet::to_xlsx(&[big]).unwrap()).unwrap();
    std::fs::write(dir.join("rows-honest.xlsx"), rows_bomb(None)).unwrap();
    std::fs::write(dir.join("rows-within.xlsx"), rows_bomb(Some(250 << 20))).unwrap();
}
