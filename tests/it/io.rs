//! Data interchange: dataset files through time (migrations, round trips, the JSON
//! Schema), the spreadsheet templates (golden CSV and XLSX files with broken rows,
//! round trips, malformed files) and the command-line tool.

use std::path::PathBuf;

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::strategy::ValueTree as _;
use thidua::*;

#[cfg_attr(not(feature = "csv"), allow(dead_code))]
/// A fresh directory under the system's temporary directory.
fn temp_dir(name: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "thidua-io-{}-{}-{name}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn sheet(name: &str, rows: &[&[&str]]) -> Sheet {
    let mut s = Sheet::new(name);
    for r in rows {
        s.push_row(r.iter().map(|c| Cell::from(*c)).collect());
    }
    s
}

// ---------------------------------------------------------------------------------
// Random valid datasets
// ---------------------------------------------------------------------------------

const NAMES: &[&str] = &[
    "Nguyễn Thị Lan",
    "Trần Văn Minh",
    "Lê Thị Thu Hà",
    "Phạm Quốc Bảo",
    "Đỗ Thuỷ",
    "Vũ Hoàng Anh",
];

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (2015i32..2030).prop_map(|y| Period::SchoolYear(SchoolYear::try_new(y).unwrap())),
        (2015i32..2030).prop_map(|y| Period::Year(Year::try_new(y).unwrap())),
        (2015i32..2025, 1i32..5)
            .prop_map(|(y, n)| Period::Phase(Phase::try_new(y, y + n).unwrap())),
        (0u32..3000, 0u32..400).prop_map(|(a, n)| {
            let start = day(2015, 1, 1) + chrono::Days::new(a.into());
            Period::Range(DateRange::try_new(start, start + chrono::Days::new(n.into())).unwrap())
        }),
    ]
}

fn a_day() -> impl Strategy<Value = NaiveDate> {
    (0u32..20_000).prop_map(|n| day(1960, 1, 1) + chrono::Days::new(n.into()))
}

fn qualifier() -> impl Strategy<Value = Qualifier> {
    prop_oneof![
        Just(Qualifier::Exact),
        Just(Qualifier::MoreThan),
        Just(Qualifier::About),
        Just(Qualifier::AtLeast),
    ]
}

/// What a random dataset holds, as indices and values to build it from.
#[derive(Debug, Clone)]
#[allow(clippy::type_complexity)]
struct Plan {
    units: Vec<(usize, Option<usize>, Option<usize>, Option<NaiveDate>)>,
    members: Vec<(
        usize,
        Option<bool>,
        Option<usize>,
        Option<NaiveDate>,
        Vec<(usize, Option<NaiveDate>)>,
    )>,
    grades: Vec<(usize, usize, Period)>,
    initiatives: Vec<(
        usize,
        usize,
        Period,
        Vec<usize>,
        Vec<(usize, Option<(NaiveDate, Option<usize>)>)>,
    )>,
    support: Vec<(
        usize,
        usize,
        Option<NaiveDate>,
        Period,
        Option<(u64, Qualifier)>,
        Option<(i64, Qualifier)>,
        Vec<usize>,
    )>,
    registrations: Vec<(usize, bool, usize, Period, NaiveDate)>,
    decisions: Vec<(u32, NaiveDate, Period, usize)>,
}

fn plan() -> impl Strategy<Value = Plan> {
    let units = prop::collection::vec(
        (
            0usize..UnitKind::ALL.len(),
            prop::option::of(0usize..100),
            prop::option::of(0usize..Bloc::ALL.len()),
            prop::option::of(a_day()),
        ),
        1..6,
    );
    let members = prop::collection::vec(
        (
            0usize..NAMES.len(),
            prop::option::of(any::<bool>()),
            prop::option::of(0usize..Role::ALL.len()),
            prop::option::of(a_day()),
            prop::collection::vec((0usize..100, prop::option::of(a_day())), 0..3),
        ),
        0..6,
    );
    let grades = prop::collection::vec((0usize..100, 0usize..TaskGrade::ALL.len(), period()), 0..5);
    let initiatives = prop::collection::vec(
        (
            0usize..NAMES.len(),
            0usize..100,
            period(),
            prop::collection::vec(0usize..100, 0..3),
            prop::collection::vec(
                (
                    0usize..RecognitionLevel::ALL.len(),
                    prop::option::of((
                        a_day(),
                        prop::option::of(0usize..InfluenceScope::ALL.len()),
                    )),
                ),
                0..3,
            ),
        ),
        0..4,
    );
    let support = prop::collection::vec(
        (
            0usize..NAMES.len(),
            0usize..100,
            prop::option::of(a_day()),
            period(),
            prop::option::of((0u64..10_000_000, qualifier())),
            prop::option::of((0i64..1_000_000_000_000, qualifier())),
            prop::collection::vec(0usize..6, 0..3),
        ),
        0..4,
    );
    let registrations = prop::collection::vec(
        (0usize..100, any::<bool>(), 0usize..3, period(), a_day()),
        0..4,
    );
    let decisions = prop::collection::vec((1u32..9999, a_day(), period(), 0usize..100), 0..3);
    (
        units,
        members,
        grades,
        initiatives,
        support,
        registrations,
        decisions,
    )
        .prop_map(
            |(units, members, grades, initiatives, support, registrations, decisions)| Plan {
                units,
                members,
                grades,
                initiatives,
                support,
                registrations,
                decisions,
            },
        )
}

fn funding(i: usize) -> FundingSource {
    match i {
        0 => FundingSource::UnionFunds,
        1 => FundingSource::UpperLevel,
        2 => FundingSource::Businesses,
        3 => FundingSource::Donations,
        4 => FundingSource::State,
        _ => FundingSource::Other {
            label: Label::try_new("Quỹ Bảo trợ trẻ em").unwrap(),
        },
    }
}

/// A valid dataset from a plan: every reference points at a record of the dataset.
fn build(p: &Plan) -> Dataset {
    let mut d = Dataset::default();
    d.meta.name = "random".into();
    let mut unit_ids = Vec::new();
    for (i, (kind, parent, bloc, est)) in p.units.iter().enumerate() {
        let code = format!("U{i}");
        let id = UnitId::from_key(&code);
        let mut u = UnitRecord::new(
            id,
            UnitCode::try_new(&code).unwrap(),
            UnitKind::ALL[*kind],
            UnitName::try_new(&format!("Công đoàn {}", NAMES[i % NAMES.len()])).unwrap(),
        );
        if let (Some(p), false) = (parent, unit_ids.is_empty()) {
            u = u.with_parent(unit_ids[p % unit_ids.len()]);
        }
        if let Some(b) = bloc {
            u = u.with_bloc(Bloc::ALL[*b]);
        }
        if let Some(e) = est {
            u = u.established_on(*e);
        }
        unit_ids.push(id);
        d.units.push(u);
    }
    let unit = |i: usize| unit_ids[i % unit_ids.len()];
    let mut member_ids = Vec::new();
    for (i, (name, female, role, birth, ships)) in p.members.iter().enumerate() {
        let id = MemberId::from_key(&format!("m{i}"));
        member_ids.push(id);
        let mut m = MemberRecord::new(id).with_name(PersonName::try_new(NAMES[*name]).unwrap());
        if let Some(f) = female {
            m = m.with_gender(if *f { Gender::Female } else { Gender::Male });
        }
        if let Some(r) = role {
            m = m.with_role(Role::ALL[*r]);
        }
        if let Some(b) = birth {
            m = m.with_birth_date(*b);
        }
        d.members.push(m);
        let mut seen = Vec::new();
        for (u, joined) in ships {
            let mut ms = Membership::new(id, unit(*u));
            if let Some(j) = joined {
                ms = ms.joined_on(*j);
            }
            if !seen.contains(&ms) {
                seen.push(ms);
                d.memberships.push(ms);
            }
        }
    }
    let member = |i: usize| member_ids.get(i % member_ids.len().max(1)).copied();
    let mut graded = Vec::new();
    for (m, g, period) in &p.grades {
        let Some(m) = member(*m) else { continue };
        if graded.contains(&(m, *period)) {
            continue;
        }
        graded.push((m, *period));
        d.facts.push(FactRecord {
            member: m,
            period: *period,
            facts: MemberFacts::new().with_grade(TaskGrade::ALL[*g]),
        });
    }
    for (i, (title, u, period, authors, reviews)) in p.initiatives.iter().enumerate() {
        let mut x = Initiative::new(
            InitiativeId::from_key(&format!("i{i}")),
            Label::try_new(&format!("Sáng kiến {}", NAMES[*title])).unwrap(),
            unit(*u),
            *period,
        );
        let mut added = Vec::new();
        for a in authors {
            if let Some(a) = member(*a).filter(|a| !added.contains(a)) {
                added.push(a);
                x = x.with_author(a);
            }
        }
        let mut levels = Vec::new();
        for (level, rec) in reviews {
            let level = RecognitionLevel::ALL[*level];
            if levels.contains(&level) {
                continue;
            }
            levels.push(level);
            let mut r = Review::new(level);
            if let Some((date, scope)) = rec {
                let mut g = Recognition::new(*date);
                if let Some(s) = scope {
                    g = g.with_scope(InfluenceScope::ALL[*s]);
                }
                r = r.recognised(g);
            }
            x = x.with_review(r);
        }
        d.initiatives.push(x);
    }
    for (i, (name, u, date, period, count, amount, funds)) in p.support.iter().enumerate() {
        let when = match date {
            Some(date) => SupportTime::Date { date: *date },
            None => SupportTime::Period { period: *period },
        };
        let mut r = SupportRecord::new(
            SupportId::from_key(&format!("s{i}")),
            Label::try_new(&format!("Thăm hỏi {}", NAMES[*name])).unwrap(),
            unit(*u),
            when,
        );
        if let Some((n, q)) = count {
            r = r.with_recipients(Recipients::counted(Reported::new(*n, *q)));
        }
        if let Some((a, q)) = amount {
            r = r.with_amount(Reported::new(Vnd::from_dong(*a), *q));
        }
        let mut added = Vec::new();
        for f in funds {
            let f = funding(*f);
            if !added.contains(&f) {
                added.push(f.clone());
                r = r.with_funding(f);
            }
        }
        d.support_records.push(r);
    }
    for (i, (who, individual, title, period, date)) in p.registrations.iter().enumerate() {
        let registrant = match (individual, member(*who)) {
            (true, Some(m)) => Participant::member(m),
            _ => Participant::unit(unit(*who)),
        };
        let title =
            TitleCode::try_new([codes::LDTT, codes::CSTDCS, codes::TTLDTT][*title]).unwrap();
        d.registrations.push(Registration::new(
            RegistrationId::from_key(&format!("r{i}")),
            CampaignId::from_key("campaign"),
            registrant,
            title,
            *period,
            *date,
        ));
    }
    for (i, (n, date, period, who)) in p.decisions.iter().enumerate() {
        let Some(m) = member(*who) else { continue };
        d.decisions.push(Decision::new(
            DecisionId::from_key(&format!("d{i}")),
            format!("{n}/QĐ-LĐLĐ").parse().unwrap(),
            *date,
            Issuer::Unit(unit(0)),
            *period,
            vec![Conferral::new(
                TitleCode::try_new(codes::LDTT).unwrap(),
                Recipient::Member(m),
            )],
        ));
    }
    d
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// Saving then loading gives the same dataset.
    #[test]
    fn datasets_round_trip_through_json(p in plan()) {
        let d = build(&p);
        let back = Dataset::from_json(&d.to_json()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, d);
    }

    /// Every template: export, write as CSV, read, import, and the records are the same.
    #[cfg(feature = "csv")]
    #[test]
    fn templates_round_trip_through_csv(p in plan()) {
        let d = build(&p);
        let mut units = Dataset::default();
        units.units = d.units.clone();
        for t in Template::ALL {
            let export = export_sheet(*t, &d);
            let bytes = export.sheet.to_csv().unwrap();
            let read = Sheet::from_csv("x.csv", &bytes).unwrap();
            let import = Importer::new(*t).base(&units).import(&read)
                .map_err(|e| TestCaseError::fail(format!("{t}: {e}")))?;
            prop_assert!(import.diagnostics.is_empty(), "{}", import.diagnostics);
            same_records(*t, &import.dataset, &d)?;
        }
    }

    /// Bytes of any kind never make the CSV reader panic.
    #[cfg(feature = "csv")]
    #[test]
    fn any_bytes_read_as_csv_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(s) = Sheet::from_csv("x.csv", &bytes) {
            for t in Template::ALL {
                let _ = Importer::new(*t).mode(ImportMode::Partial).import(&s);
            }
        }
    }

    /// Text cells of any kind never make an import panic.
    #[test]
    fn any_cells_import_without_panic(cells in prop::collection::vec(prop::collection::vec(any::<String>(), 0..6), 0..8)) {
        for t in Template::ALL {
            let mut s = Sheet::new("x");
            s.push_row(t.headers().map(Cell::from).collect());
            for row in &cells {
                s.push_row(row.iter().map(|c| Cell::from(c.as_str())).collect());
            }
            let _ = Importer::new(*t).mode(ImportMode::Partial).import(&s);
        }
    }
}

#[cfg_attr(not(feature = "csv"), allow(dead_code))]
fn same_records(t: Template, got: &Dataset, want: &Dataset) -> Result<(), TestCaseError> {
    match t {
        Template::Members => {
            prop_assert_eq!(&got.members, &want.members);
            prop_assert_eq!(&got.memberships, &want.memberships);
        }
        Template::Units => prop_assert_eq!(&got.units, &want.units),
        Template::Registrations => prop_assert_eq!(&got.registrations, &want.registrations),
        Template::Grades => prop_assert_eq!(&got.facts, &want.facts),
        Template::Initiatives => prop_assert_eq!(&got.initiatives, &want.initiatives),
        Template::Support => prop_assert_eq!(&got.support_records, &want.support_records),
        _ => {}
    }
    Ok(())
}

// ---------------------------------------------------------------------------------
// Migrations
// ---------------------------------------------------------------------------------

#[test]
fn version_one_is_the_first_version() {
    assert_eq!(SCHEMA_VERSION, 1);
    insta::assert_snapshot!(Dataset::from_json(r#"{"schema_version": 0}"#).unwrap_err(), @"error[file.version] at $.schema_version: schema version 0 is not supported: this crate reads versions 1 to 1");
    let v = serde_json::json!({ "schema_version": 1, "units": [] });
    assert_eq!(migrate(v.clone(), 1).unwrap(), v);
}

// ---------------------------------------------------------------------------------
// Generated files kept in the repository
// ---------------------------------------------------------------------------------

fn check_generated(path: &str, text: &str, var: &str, how: &str) {
    if std::env::var_os(var).is_some() {
        std::fs::create_dir_all(std::path::Path::new(path).parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let kept = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        kept == text,
        "{path} is stale: regenerate it with `{var}=1 {how}`"
    );
}

#[test]
fn templates_doc_is_current() {
    check_generated(
        concat!(env!("CARGO_MANIFEST_DIR"), "/docs/TEMPLATES.md"),
        &Template::markdown(),
        "UPDATE_TEMPLATES",
        "cargo test --all-features --test it templates",
    );
}

#[cfg(feature = "schema")]
#[test]
fn schema_file_is_current() {
    let text = serde_json::to_string_pretty(&dataset_json_schema()).unwrap() + "\n";
    check_generated(
        concat!(env!("CARGO_MANIFEST_DIR"), "/schema/dataset.schema.json"),
        &text,
        "UPDATE_SCHEMA",
        "cargo test --all-features --test it schema",
    );
}

#[cfg(feature = "schema")]
#[test]
fn the_schema_describes_validated_values() {
    let s = dataset_json_schema();
    let defs = &s["$defs"];
    assert_eq!(defs["UnitCode"]["pattern"], "^[A-Za-z0-9._-]{1,64}$");
    // An id is a UUID or a natural key from which it is derived.
    assert_eq!(defs["UnitId"]["type"], "string");
    assert!(
        defs["UnitId"]["description"]
            .as_str()
            .unwrap()
            .contains("natural key")
    );
    assert_eq!(defs["PersonName"]["maxLength"], 150);
    assert_eq!(defs["Year"]["minimum"], 1900);
    let gender: Vec<_> = defs["Gender"]["oneOf"]
        .as_array()
        .map(|v| v.iter().map(|g| g["const"].clone()).collect())
        .unwrap_or_else(|| defs["Gender"]["enum"].as_array().unwrap().clone());
    assert_eq!(
        gender,
        [serde_json::json!("female"), serde_json::json!("male")]
    );
}

// ---------------------------------------------------------------------------------
// Golden spreadsheets with broken rows
// ---------------------------------------------------------------------------------

const MEMBERS: &[&[&str]] = &[
    &["DANH SÁCH ĐOÀN VIÊN CÔNG ĐOÀN TRƯỜNG MẦM NON PHÙ THỊ"],
    &["Năm học 2023-2024"],
    &[],
    &[
        "STT",
        "HỌ VÀ TÊN",
        "Ngày sinh (dd/mm/yyyy)",
        "Giới  tính",
        "Chức vụ",
        "Ma don vi",
        "Ghi chú",
    ],
    &[
        "1",
        "Nguyễn Thị Lan",
        "12/03/1985",
        "Nữ",
        "Hiệu trưởng",
        "MN-PHU-THI",
        "",
    ],
    &[
        "2",
        "Trần Văn Minh",
        "31/02/1990",
        "Nam",
        "GV",
        "MN-PHU-THI",
        "",
    ],
    &[],
    &["3", "", "01/01/1991", "Nữ", "NV", "MN-PHU-THI", "thiếu tên"],
    &[
        "4",
        "Lê Thị Thu Hà",
        "05/06/1992",
        "Nữ?",
        "Giáo viên",
        "MN PHU THI",
        "",
    ],
    &[
        "5",
        "Phạm Quốc Bảo",
        "1/9/1988",
        "nam",
        "nhân viên",
        "MN-PHU-THI",
        "",
    ],
];

fn members_base() -> Dataset {
    let mut d = Dataset::default();
    d.units.push(UnitRecord::new(
        UnitId::from_key("MN-PHU-THI"),
        UnitCode::try_new("MN-PHU-THI").unwrap(),
        UnitKind::Grassroots,
        UnitName::try_new("Công đoàn Trường Mầm non Phù Thị").unwrap(),
    ));
    d
}

#[test]
fn a_member_list_with_broken_rows() {
    let s = sheet("Đoàn viên", MEMBERS);
    let base = members_base();
    let err = Importer::new(Template::Members)
        .base(&base)
        .import(&s)
        .unwrap_err();
    let partial = Importer::new(Template::Members)
        .base(&base)
        .mode(ImportMode::Partial)
        .import(&s)
        .unwrap();
    assert_eq!(err, partial.diagnostics);
    insta::assert_snapshot!(partial.diagnostics, @r#"
    warning[sheet.unknown_column] at sheet "Đoàn viên", row 4, column "Ghi chú": column "Ghi chú" (G) is not part of the members template and is ignored
    error[sheet.invalid_value] at sheet "Đoàn viên", row 6, column "Ngày sinh (dd/mm/yyyy)": invalid date "31/02/1990": there is no day 31 in month 2 of 1990
    error[sheet.missing_value] at sheet "Đoàn viên", row 8, column "HỌ VÀ TÊN": "HỌ VÀ TÊN" is required
    error[sheet.invalid_value] at sheet "Đoàn viên", row 9, column "Giới tính": "Nữ?" is not a known gender: expected one of ["nữ", "nam"]
    error[sheet.invalid_value] at sheet "Đoàn viên", row 9, column "Ma don vi": invalid unit code "MN PHU THI": expected 1 to 64 ASCII letters, digits, '.', '-' or '_'
    "#);
    assert_eq!(partial.counts, {
        let mut c = RowCounts::default();
        c.data = 5;
        c.imported = 2;
        c.rejected = 3;
        c.empty = 1;
        c
    });
    let names: Vec<_> = partial
        .dataset
        .members
        .iter()
        .map(|m| m.name().unwrap().as_str().to_owned())
        .collect();
    assert_eq!(names, ["Nguyễn Thị Lan", "Phạm Quốc Bảo"]);
    let lan = &partial.dataset.members[0];
    assert_eq!(lan.gender(), Some(Gender::Female));
    assert_eq!(lan.role(), Some(Role::Manager));
    assert_eq!(lan.birth_date(), Some(day(1985, 3, 12)));
    assert_eq!(partial.dataset.memberships.len(), 2);
    // Merged into the base dataset, it validates.
    let mut whole = base.clone();
    partial.merge_into(&mut whole);
    let model = whole.into_model().unwrap();
    assert_eq!(model.roster.members().len(), 2);
}

/// Writes rows as an XLSX workbook with real dates and numbers where the text is one.
#[cfg(feature = "xlsx")]
fn xlsx(path: &std::path::Path, name: &str, rows: &[&[&str]]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(name).unwrap();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if let Ok(d) = NaiveDate::parse_from_str(cell, "%d/%m/%Y") {
                let serial = (d - day(1899, 12, 30)).num_days() as f64;
                ws.write_number_with_format(r, c, serial, &date).unwrap();
            } else if let Ok(n) = cell.parse::<f64>() {
                ws.write_number(r, c, n).unwrap();
            } else if !cell.is_empty() {
                ws.write_string(r, c, *cell).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

#[cfg(feature = "xlsx")]
#[test]
fn a_member_list_from_a_workbook() {
    let dir = temp_dir("members-xlsx");
    let path = dir.join("doan-vien.xlsx");
    xlsx(&path, "Đoàn viên", MEMBERS);
    let bytes = std::fs::read(&path).unwrap();
    let s = Sheet::from_xlsx_sheet(&bytes, "Đoàn viên").unwrap();
    let import = Importer::new(Template::Members)
        .base(&members_base())
        .mode(ImportMode::Partial)
        .import(&s)
        .unwrap();
    // "31/02/1990" is not a date, so it stays text and is rejected the same way.
    insta::assert_snapshot!(import.diagnostics, @r#"
    warning[sheet.unknown_column] at sheet "Đoàn viên", row 4, column "Ghi chú": column "Ghi chú" (G) is not part of the members template and is ignored
    error[sheet.invalid_value] at sheet "Đoàn viên", row 6, column "Ngày sinh (dd/mm/yyyy)": invalid date "31/02/1990": there is no day 31 in month 2 of 1990
    error[sheet.missing_value] at sheet "Đoàn viên", row 8, column "HỌ VÀ TÊN": "HỌ VÀ TÊN" is required
    error[sheet.invalid_value] at sheet "Đoàn viên", row 9, column "Giới tính": "Nữ?" is not a known gender: expected one of ["nữ", "nam"]
    error[sheet.invalid_value] at sheet "Đoàn viên", row 9, column "Ma don vi": invalid unit code "MN PHU THI": expected 1 to 64 ASCII letters, digits, '.', '-' or '_'
    "#);
    assert_eq!(import.counts.imported, 2);
    assert_eq!(
        import.dataset.members[1].birth_date(),
        Some(day(1988, 9, 1))
    );
    assert_eq!(
        Sheet::from_xlsx_sheet(&bytes, "Sheet9")
            .unwrap_err()
            .to_string(),
        "the workbook has no sheet \"Sheet9\" (it has [\"Đoàn viên\"])"
    );
}

#[cfg(feature = "csv")]
#[test]
fn a_member_list_from_csv_files_in_every_encoding() {
    let dir = temp_dir("members-csv");
    let text: String = MEMBERS
        .iter()
        .map(|r| r.join(";"))
        .collect::<Vec<_>>()
        .join("\r\n");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(text.as_bytes());
    let nfd: String = {
        use unicode_normalization::UnicodeNormalization as _;
        text.nfd().collect()
    };
    for (name, bytes) in [
        ("utf8.csv", text.clone().into_bytes()),
        ("bom.csv", bom),
        ("utf16.csv", utf16),
        ("nfd.csv", nfd.into_bytes()),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap();
        let s = Sheet::from_csv(name, &std::fs::read(&path).unwrap()).unwrap();
        let import = Importer::new(Template::Members)
            .base(&members_base())
            .mode(ImportMode::Partial)
            .import(&s)
            .unwrap();
        assert_eq!(import.counts.imported, 2, "{name}");
        assert_eq!(import.counts.rejected, 3, "{name}");
        assert_eq!(import.counts.empty, 1, "{name}");
        let rows: Vec<u32> = import
            .diagnostics
            .iter()
            .filter_map(|d| match d.location() {
                Location::Cell { row, .. } => Some(*row),
                _ => None,
            })
            .collect();
        assert_eq!(rows, [4, 6, 8, 9, 9], "{name}");
        assert_eq!(
            import.dataset.members[0].name().unwrap().as_str(),
            "Nguyễn Thị Lan"
        );
    }
    // Windows-1258 bytes ("Nguyễn" written with a combining tilde, 0xDE) are refused.
    let cp1258 = b"H\xE4 v\xE0 t\xEAn\nNguy\xEAn\xDE\n".to_vec();
    insta::assert_snapshot!(Sheet::from_csv("cp1258.csv", &cp1258).unwrap_err(), @r#""cp1258.csv" is not UTF-8 or UTF-16 text (invalid UTF-8 at byte 1): save it as "CSV UTF-8""#);
}

#[test]
fn a_unit_list_with_broken_rows() {
    let s = sheet(
        "Đơn vị",
        &[
            &[
                "Mã đơn vị",
                "Tên đơn vị",
                "Loại đơn vị",
                "Khối",
                "Mã đơn vị cấp trên",
                "Ngày thành lập",
            ],
            &["HN.GIALAM", "LĐLĐ huyện Gia Lâm", "LĐLĐ huyện", "", "", ""],
            &[
                "MN-PHU-THI",
                "Công đoàn Trường Mầm non Phù Thị",
                "CĐCS",
                "Trường học",
                "HN.GIALAM",
                "15/08/2005",
            ],
            &[
                "TH-DA-TON",
                "Công đoàn Trường Tiểu học Đa Tốn",
                "Công đoàn cơ sở",
                "Khối trường học",
                "HN.GIALAM",
                "31/13/2001",
            ],
            &["Gia Lâm", "", "Chi bộ", "", "HN.XX", ""],
            &["MN-PHU-THI", "Trùng mã", "CĐCS", "", "", ""],
        ],
    );
    let import = partial(Template::Units, &s);
    insta::assert_snapshot!(import.diagnostics, @r#"
    error[sheet.invalid_value] at sheet "Đơn vị", row 4, column "Ngày thành lập": invalid date "31/13/2001": there is no month 13
    error[sheet.invalid_value] at sheet "Đơn vị", row 5, column "Mã đơn vị": invalid unit code "Gia Lâm": expected 1 to 64 ASCII letters, digits, '.', '-' or '_'
    error[sheet.missing_value] at sheet "Đơn vị", row 5, column "Tên đơn vị": "Tên đơn vị" is required
    error[sheet.invalid_value] at sheet "Đơn vị", row 5, column "Loại đơn vị": "Chi bộ" is not a known kind of unit: expected one of ["Tổng Liên đoàn Lao động Việt Nam", "Liên đoàn Lao động tỉnh, thành phố", "Công đoàn ngành trung ương", "Công đoàn tập đoàn, tổng công ty", "Liên đoàn Lao động quận, huyện", "Công đoàn ngành địa phương", "Công đoàn các khu công nghiệp", "Công đoàn xã, phường, đặc khu", "Công đoàn cơ sở", "Nghiệp đoàn", "Công đoàn cơ sở thành viên", "Công đoàn bộ phận", "Tổ công đoàn"]
    error[sheet.invalid_value] at sheet "Đơn vị", row 5, column "Mã đơn vị cấp trên": unit code "HN.XX" is not a unit of the dataset or of this sheet
    error[sheet.duplicate] at sheet "Đơn vị", row 6, column "Mã đơn vị": unit code "MN-PHU-THI" is already given in row 3
    "#);
    assert_eq!(import.dataset.units.len(), 2);
    assert_eq!(
        import.dataset.units[1].parent(),
        Some(UnitId::from_key("HN.GIALAM"))
    );
    assert_eq!(import.dataset.units[1].bloc(), Some(Bloc::Schools));
}

#[test]
fn registrations_grades_initiatives_and_support_with_broken_rows() {
    let reg = sheet(
        "Đăng ký thi đua",
        &[
            &[
                "Mã phong trào",
                "Mã đoàn viên",
                "Mã đơn vị",
                "Danh hiệu",
                "Năm học",
                "Ngày đăng ký",
            ],
            &[
                "gioi-viec-truong",
                "gv-01",
                "",
                "LĐTT",
                "2023-2024",
                "15/09/2023",
            ],
            &[
                "gioi-viec-truong",
                "",
                "MN-PHU-THI",
                "Tập thể lao động xuất sắc",
                "năm học 2023-2024",
                "15/09/2023",
            ],
            &[
                "gioi-viec-truong",
                "gv-02",
                "MN-PHU-THI",
                "Siêu sao",
                "202-2022",
                "",
            ],
        ],
    );
    let import = partial(Template::Registrations, &reg);
    insta::assert_snapshot!(import.diagnostics, @r#"
    error[sheet.invalid_value] at sheet "Đăng ký thi đua", row 4, column "Danh hiệu": "Siêu sao" is not a title of the catalogue: give its code (ldtt, cstdcs …) or its name
    error[sheet.invalid_value] at sheet "Đăng ký thi đua", row 4, column "Năm học": invalid period "202-2022": expected a year ("năm 2024"), a school year ("năm học 2023-2024"), a phase ("giai đoạn 2022-2025") or two dates ("01/09/2023 - 31/05/2024")
    error[sheet.missing_value] at sheet "Đăng ký thi đua", row 4, column "Ngày đăng ký": "Ngày đăng ký" is required
    "#);
    assert_eq!(import.dataset.registrations.len(), 2);
    assert_eq!(
        import.dataset.registrations[1].title().as_str(),
        codes::TTLDXS
    );

    let grades = sheet(
        "Xếp loại",
        &[
            &["Mã đoàn viên", "Họ và tên", "Năm học", "Xếp loại"],
            &["gv-01", "Nguyễn Thị Lan", "2023-2024", "HTXSNV"],
            &[
                "gv-02",
                "Trần Văn Minh",
                "2023-2024",
                "Hoàn thành tốt nhiệm vụ",
            ],
            &["gv-01", "Nguyễn Thị Lan", "2023-2024", "HTNV"],
            &["gv-03", "", "2023-2024", "Giỏi"],
        ],
    );
    let import = partial(Template::Grades, &grades);
    insta::assert_snapshot!(import.diagnostics, @r#"
    error[sheet.duplicate] at sheet "Xếp loại", row 4, column "Xếp loại": a grade for member c4ca5e1d-3aaf-5371-8404-a57141f450b7 and năm học 2023-2024 is already given in row 2
    error[sheet.invalid_value] at sheet "Xếp loại", row 5, column "Xếp loại": "Giỏi" is not a known grade: expected one of ["Không hoàn thành nhiệm vụ", "Hoàn thành nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành xuất sắc nhiệm vụ"]
    "#);
    assert_eq!(import.dataset.facts.len(), 2);
    assert_eq!(
        import.dataset.facts[0].facts.grade(),
        Some(TaskGrade::Excellent)
    );

    let initiatives = sheet(
        "Sáng kiến",
        &[
            &[
                "Mã sáng kiến",
                "Tên sáng kiến",
                "Tác giả",
                "Mã đơn vị",
                "Năm học",
                "Cấp công nhận",
                "Ngày công nhận",
                "Phạm vi ảnh hưởng",
            ],
            &[
                "sk-1",
                "Dạy trẻ qua trò chơi dân gian",
                "gv-01; gv-02",
                "MN-PHU-THI",
                "2023-2024",
                "Cơ sở",
                "20/05/2024",
                "Cơ sở",
            ],
            &[
                "sk-1",
                "Dạy trẻ qua trò chơi dân gian",
                "gv-01; gv-02",
                "MN-PHU-THI",
                "2023-2024",
                "Cấp huyện",
                "",
                "",
            ],
            &[
                "sk-2",
                "Ứng dụng CNTT",
                "gv-03",
                "MN-PHU-THI",
                "2023-2024",
                "",
                "",
                "Toàn quốc",
            ],
        ],
    );
    let import = partial(Template::Initiatives, &initiatives);
    insta::assert_snapshot!(import.diagnostics, @r#"error[sheet.missing_value] at sheet "Sáng kiến", row 4, column "Cấp công nhận": "Cấp công nhận" is required with a day of recognition or a scope"#);
    assert_eq!(import.dataset.initiatives.len(), 1);
    assert_eq!(import.dataset.initiatives[0].reviews().len(), 2);
    assert_eq!(import.dataset.initiatives[0].authors().len(), 2);

    let support = sheet(
        "Hỗ trợ",
        &[
            &[
                "Nội dung",
                "Mã đơn vị",
                "Ngày",
                "Năm học",
                "Số người",
                "Số tiền",
                "Nguồn kinh phí",
            ],
            &[
                "Hỗ trợ đoàn viên mắc Covid-19",
                "HN.GIALAM",
                "",
                "2021-2022",
                "1.995",
                "trên 1.065 triệu đồng",
                "Công đoàn cấp trên",
            ],
            &[
                "Mái ấm Công đoàn",
                "HN.GIALAM",
                "18/11/2022",
                "",
                "1",
                "265.902.000",
                "Doanh nghiệp; Quỹ Bảo trợ trẻ em",
            ],
            &["Quà Tết", "HN.GIALAM", "", "", "", "12,5 triệu", ""],
            &["Thăm hỏi", "HN.GIALAM", "01/02/2023", "", "-3", "abc", ""],
        ],
    );
    let import = partial(Template::Support, &support);
    insta::assert_snapshot!(import.diagnostics, @r#"
    error[sheet.missing_value] at sheet "Hỗ trợ", row 4, column "Ngày": "Ngày" or "Năm học" is required
    error[sheet.invalid_value] at sheet "Hỗ trợ", row 5, column "Số người": invalid reported count "-3": expected a number such as "2.803" or "37,5"
    error[sheet.invalid_value] at sheet "Hỗ trợ", row 5, column "Số tiền": invalid reported amount "abc": expected an optional qualifier such as "trên" and an amount such as "1.065 triệu đồng"
    "#);
    assert_eq!(import.dataset.support_records.len(), 2);
    assert_eq!(
        import.dataset.support_records[1].amount(),
        Some(Reported::exact(Vnd::from_dong(265_902_000)))
    );
}

/// Imports a sheet in partial mode, not resolving against a dataset.
fn partial(t: Template, s: &Sheet) -> Import {
    Importer::new(t)
        .mode(ImportMode::Partial)
        .import(s)
        .unwrap()
}

#[test]
fn a_sheet_without_the_template_header_is_refused() {
    let s = sheet("x", &[&["a", "b"], &["1", "2"]]);
    insta::assert_snapshot!(Importer::new(Template::Units).import(&s).unwrap_err(), @r#"error[sheet.no_header] at sheet "x", row 1, column "A": no header row of the units template in the first 20 rows: expected headers such as ["Mã đơn vị", "Mã định danh", "Tên đơn vị"]"#);
    let s = sheet("x", &[&["Tên đơn vị", "Khối"], &["A", "B"]]);
    insta::assert_snapshot!(Importer::new(Template::Units).import(&s).unwrap_err(), @r#"
    error[sheet.missing_column] at sheet "x", row 1, column "Mã đơn vị": the units template needs a column "Mã đơn vị"
    error[sheet.missing_column] at sheet "x", row 1, column "Loại đơn vị": the units template needs a column "Loại đơn vị"
    "#);
}

#[test]
fn error_values_formulas_and_huge_cells_are_rejected_cells() {
    let mut s = sheet("Đoàn viên", &[&["Họ và tên", "Ngày sinh", "Giới tính"]]);
    s.push_row(vec![
        Cell::from("Lê Hoa"),
        Cell::Error("#REF!".into()),
        Cell::from("Nữ"),
    ]);
    s.push_row(vec![
        Cell::Text("x".repeat(MAX_CELL_CHARS + 1)),
        Cell::Number(32_874.0),
        Cell::Bool(true),
    ]);
    s.push_row(vec![
        Cell::from("Lê Hà"),
        Cell::Number(f64::NAN),
        Cell::Number(1.0),
    ]);
    let import = partial(Template::Members, &s);
    insta::assert_snapshot!(import.diagnostics, @r##"
    error[sheet.invalid_value] at sheet "Đoàn viên", row 2, column "Ngày sinh": the cell holds the error value "#REF!"
    error[sheet.invalid_value] at sheet "Đoàn viên", row 3, column "Họ và tên": the cell holds 32768 characters ("xxxxxxxxxxxxxxxxxxxx…"), more than the 32767 a cell may hold
    error[sheet.invalid_value] at sheet "Đoàn viên", row 3, column "Giới tính": "TRUE" is not a known gender: expected one of ["nữ", "nam"]
    error[sheet.invalid_value] at sheet "Đoàn viên", row 4, column "Ngày sinh": "NaN" is not a date: expected an Excel date or dd/mm/yyyy
    error[sheet.invalid_value] at sheet "Đoàn viên", row 4, column "Giới tính": "1" is not a known gender: expected one of ["nữ", "nam"]
    "##);
    assert_eq!(import.counts.rejected, 3);
}

#[cfg(feature = "xlsx")]
#[test]
fn formulas_give_their_values_and_broken_workbooks_are_errors() {
    let dir = temp_dir("formulas");
    let path = dir.join("f.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Hỗ trợ").unwrap();
    for (c, h) in ["Nội dung", "Mã đơn vị", "Năm học", "Số tiền"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "Quà Tết").unwrap();
    ws.write_string(1, 1, "HN.GIALAM").unwrap();
    ws.write_string(1, 2, "2023-2024").unwrap();
    ws.write_formula(
        1,
        3,
        rust_xlsxwriter::Formula::new("=1000*500").set_result("500000"),
    )
    .unwrap();
    book.save(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let s = Sheet::from_xlsx_sheet(&bytes, "Hỗ trợ").unwrap();
    let import = Importer::new(Template::Support).import(&s).unwrap();
    assert_eq!(
        import.dataset.support_records[0].amount(),
        Some(Reported::exact(Vnd::from_dong(500_000)))
    );
    // Truncated, or not a workbook at all.
    let half = &bytes[..bytes.len() / 2];
    assert!(matches!(
        Sheet::from_xlsx(half),
        Err(SheetError::Workbook { .. })
    ));
    assert!(matches!(
        Sheet::from_xlsx(b"not a zip"),
        Err(SheetError::Workbook { .. })
    ));
    assert!(Sheet::from_xlsx(&[]).is_err());
}

// ---------------------------------------------------------------------------------
// Round trips through files, per template
// ---------------------------------------------------------------------------------

#[cfg(all(feature = "csv", feature = "xlsx"))]
#[test]
fn every_template_round_trips_through_csv_and_xlsx_files() {
    let d = build(&plan_fixture());
    let mut units = Dataset::default();
    units.units = d.units.clone();
    let dir = temp_dir("round-trip");
    for t in Template::ALL {
        let export = export_sheet(*t, &d);
        assert!(export.diagnostics.is_empty(), "{}", export.diagnostics);
        let csv_path = dir.join(format!("{t}.csv"));
        std::fs::write(&csv_path, export.sheet.to_csv().unwrap()).unwrap();
        let xlsx_path = dir.join(format!("{t}.xlsx"));
        std::fs::write(
            &xlsx_path,
            Sheet::to_xlsx(std::slice::from_ref(&export.sheet)).unwrap(),
        )
        .unwrap();
        let from_csv = Sheet::from_csv("x.csv", &std::fs::read(&csv_path).unwrap()).unwrap();
        let from_xlsx =
            Sheet::from_xlsx_sheet(&std::fs::read(&xlsx_path).unwrap(), t.sheet_name()).unwrap();
        for s in [from_csv, from_xlsx] {
            let first = Importer::new(*t).base(&units).import(&s).unwrap();
            same_records(*t, &first.dataset, &d).unwrap();
            // And once more: import → export → import.
            let mut with_units = first.dataset.clone();
            with_units.units = d.units.clone();
            let again = export_sheet(*t, &with_units).sheet;
            let second = Importer::new(*t).base(&units).import(&again).unwrap();
            same_records(*t, &second.dataset, &d).unwrap();
        }
    }
}

fn plan_fixture() -> Plan {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    plan().new_tree(&mut runner).unwrap().current()
}

#[test]
fn exports_say_what_the_template_cannot_hold() {
    let mut d = build(&plan_fixture());
    d.events.push(LineageEvent::Dissolve {
        unit: d.units[0].id(),
        date: day(2025, 7, 1),
        successor: None,
    });
    d.facts.push(FactRecord {
        member: MemberId::from_key("x"),
        period: "2023-2024".parse().unwrap(),
        facts: MemberFacts::new().with_recruited_on(day(2020, 1, 1)),
    });
    insta::assert_snapshot!(export_sheet(Template::Units, &d).diagnostics, @"warning[sheet.not_exported] at the whole dataset: 1 lineage events: the units template has no column for it; it stays in the dataset file");
    insta::assert_snapshot!(export_sheet(Template::Grades, &d).diagnostics, @"warning[sheet.not_exported] at the whole dataset: 1 members' facts other than the grade (leaves, disciplines, initiatives …): the grades template has no column for it; it stays in the dataset file");
}

// ---------------------------------------------------------------------------------
// The command-line tool
// ---------------------------------------------------------------------------------

#[cfg(feature = "cli")]
mod cli {
    use super::*;
    use std::process::Command;

    fn thidua(args: &[&str]) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_thidua"))
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    #[test]
    fn rules_in_force_for_a_unit_of_a_dataset() {
        let dataset = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/rules/rules-in-force.json"
        );
        let dir = temp_dir("rules");
        let out = dir.join("rules.md");
        let (code, stdout, err) = thidua(&[
            "rules",
            dataset,
            "--unit",
            "TX.THCS-A",
            "--on",
            "01/03/2025",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!((code, stdout.as_str(), err.as_str()), (0, "", ""));
        let text = std::fs::read_to_string(&out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "# Quy định thi đua, khen thưởng áp dụng cho TX.THCS-A (Công đoàn Trường THCS A) ngày 01/03/2025"
        );
        assert!(lines.contains(
            &"| `new_recruit_min_months` | số tháng tối thiểu từ khi tuyển dụng để xét Lao động tiên tiến | 8 tháng | Quyết định 25/2024/QĐ-UBND, Điều 5, khoản 2 | 6 tháng (Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm d) |"
        ));

        // The unit and the day default to the dataset's subject and as-of day.
        let (code, html, err) = thidua(&["rules", dataset, "--format", "html", "--lang", "en"]);
        assert_eq!(code, 0, "{err}");
        assert!(html.contains(
            "<title>Rules in force for TX.THCS-A (Công đoàn Trường THCS A) on 2025-03-01</title>"
        ));
        assert!(html.contains("<td>8 months</td><td>Quyết định 25/2024/QĐ-UBND, Điều 5, khoản 2</td><td>6 months (Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm d)</td>"));

        // Without a dataset, the catalogue of built-in rules, as before.
        let (code, catalogue, _) = thidua(&["rules"]);
        assert_eq!(code, 0);
        assert!(catalogue.starts_with("# Rule catalogue\n"));

        // Usage errors, in the reader's language.
        let (code, _, err) = thidua(&["rules", dataset, "--unit", "TZ", "--on", "2025-03-01"]);
        assert_eq!(
            (code, err.as_str()),
            (2, "--unit: không có đơn vị nào mang mã “TZ”\n")
        );
        let (code, _, err) = thidua(&["--lang", "en", "rules", dataset, "--on", "2028-01-01"]);
        assert_eq!(
            (code, err.as_str()),
            (
                2,
                "--on: no rule regime covers 2028-01-01: the built-in regimes run from 2017-10-01 to 2027-02-28\n"
            )
        );
        let (code, _, err) = thidua(&["--lang", "en", "rules", "--format", "html"]);
        assert_eq!(
            (code, err.as_str()),
            (
                2,
                "--unit, --on and --format html need a dataset: thidua rules DATASET --unit CODE --on DATE\n"
            )
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn rules_check_lists_the_problems_of_a_rule_set() {
        let fixture = |name: &str| format!("{}/tests/rules/{name}", env!("CARGO_MANIFEST_DIR"));
        let (mistakes, clean, units) = (
            fixture("ruleset-mistakes.json"),
            fixture("ruleset-clean.json"),
            fixture("ruleset-units.json"),
        );
        let (code, out, err) = thidua(&[
            "rules",
            "check",
            &mistakes,
            "--dataset",
            &units,
            "--lang",
            "en",
        ]);
        assert_eq!((code, out.as_str()), (1, ""));
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 13, "{err}");
        assert_eq!(
            lines[0],
            "warning[ruleset.gap] at $.overrides[1].from: new_recruit_min_months has no override \
             in this jurisdiction from 2024-07-01 to 2024-08-31, between $.overrides[0] and this \
             one: the built-in value applies on those days"
        );
        assert!(lines.contains(
            &"warning[ruleset.never_applies] at $.overrides[9].scope.unit: the unit \"TX.MOI\" \
              does not exist on any day from 2024-01-01 to 2024-12-31: the override never applies"
        ));
        assert_eq!(lines[11], "11 problems: 6 errors, 5 warnings");
        assert_eq!(lines[12], format!("{mistakes}: invalid"));

        // Without a dataset the units are not checked; in Vietnamese by default.
        let (code, _, err) = thidua(&["rules", "check", &mistakes]);
        assert_eq!(code, 1);
        assert!(err.contains("\n9 vấn đề: 5 lỗi, 4 cảnh báo\n"), "{err}");

        let (code, out, err) = thidua(&["rules", "check", &clean, "--dataset", &units]);
        assert_eq!(
            (code, out, err),
            (
                0,
                format!("{clean}: hợp lệ\n"),
                "không có vấn đề nào\n".to_owned()
            )
        );

        // A dataset file is checked against its own units.
        let (code, out, err) = thidua(&["rules", "check", &units]);
        assert_eq!(
            (code, out, err),
            (
                0,
                format!("{units}: hợp lệ\n"),
                "không có vấn đề nào\n".to_owned()
            )
        );
        let dir = temp_dir("rules-check");
        let bad = dir.join("bad-unit.json");
        let dataset = std::fs::read_to_string(&units).unwrap().replacen(
            "\"unit\": \"TX\"",
            "\"unit\": \"TQ\"",
            1,
        );
        std::fs::write(&bad, dataset).unwrap();
        let (code, _, err) = thidua(&["--lang", "en", "rules", "check", bad.to_str().unwrap()]);
        assert_eq!(code, 1, "{err}");
        assert!(
            err.contains("error[override.unknown_unit] at $.overrides[0].scope.unit"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();

        // The options of the rules in force do not go with `check`.
        let (code, _, _) = thidua(&["rules", "check", &clean, "--unit", "TX"]);
        assert_eq!(code, 2);
        let (code, _, err) = thidua(&["--lang", "en", "rules", "check", "/no/such/file.json"]);
        assert_eq!(code, 3);
        assert!(err.starts_with("cannot read /no/such/file.json: "), "{err}");
    }

    #[test]
    fn import_validate_rollup_report_export() {
        let dir = temp_dir("cli");
        let units = dir.join("units.csv");
        std::fs::write(
            &units,
            "Mã đơn vị,Tên đơn vị,Loại đơn vị,Khối,Mã đơn vị cấp trên\n\
             HN.GIALAM,LĐLĐ huyện Gia Lâm,LĐLĐ huyện,,\n\
             MN-PHU-THI,Công đoàn Trường Mầm non Phù Thị,CĐCS,Trường học,HN.GIALAM\n\
             TH-DA-TON,Công đoàn Trường Tiểu học Đa Tốn,CĐCS,Trường học,HN.GIALAM\n",
        )
        .unwrap();
        let base = dir.join("base.json");
        let (code, _, err) = thidua(&[
            "import",
            units.to_str().unwrap(),
            "--template",
            "units",
            "-o",
            base.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(
            err,
            "không có vấn đề nào\n3 dòng: thêm 3, cập nhật 0, không đổi 0, từ chối 0; bỏ qua 0 dòng trống\n"
        );

        let members = dir.join("members.csv");
        std::fs::write(
            &members,
            "Họ và tên,Giới tính,Mã đơn vị\n\
             Nguyễn Thị Lan,Nữ,MN-PHU-THI\n\
             Trần Văn Minh,Nam,MN-PHU-THI\n\
             Lê Thị Hà,Nữ,TH-DA-TON\n\
             Phạm Bảo,X,TH-DA-TON\n",
        )
        .unwrap();
        let all = dir.join("all.json");
        let args = [
            "import",
            members.to_str().unwrap(),
            "--template",
            "members",
            "--into",
            base.to_str().unwrap(),
            "-o",
            all.to_str().unwrap(),
        ];
        let mut english = args.to_vec();
        english.extend(["--lang", "en"]);
        let (code, _, err) = thidua(&english);
        assert_eq!(code, 1);
        let err = err.replace(all.to_str().unwrap(), "all.json");
        insta::assert_snapshot!(err, @r#"
        error[sheet.invalid_value] at sheet "members.csv", row 5, column "Giới tính": "X" is not a known gender: expected one of ["nữ", "nam"]
        1 problem: 1 error, 0 warnings
        Nothing was written to all.json: some rows were rejected. Use --mode partial to import the good rows and leave the rejected ones.
        "#);
        assert!(!all.exists());
        let mut partial = args.to_vec();
        partial.extend(["--mode", "partial"]);
        let (code, _, err) = thidua(&partial);
        assert_eq!(code, 0, "{err}");
        assert!(
            err.ends_with(
                "4 dòng: thêm 3, cập nhật 0, không đổi 0, từ chối 1; bỏ qua 0 dòng trống\n"
            ),
            "{err}"
        );

        let (code, out, _) = thidua(&["validate", all.to_str().unwrap()]);
        assert_eq!(
            (code, out.trim_end().ends_with(": hợp lệ")),
            (0, true),
            "{out}"
        );
        let (code, out, _) = thidua(&["validate", all.to_str().unwrap(), "--lang", "en"]);
        assert_eq!(
            (code, out.trim_end().ends_with(": valid")),
            (0, true),
            "{out}"
        );

        let (code, out, err) = thidua(&[
            "rollup",
            all.to_str().unwrap(),
            "--metric",
            "women",
            "--as-of",
            "01/01/2024",
        ]);
        assert_eq!(code, 0, "{err}");
        insta::assert_snapshot!(out, @"
        HN.GIALAM LĐLĐ huyện Gia Lâm: nữ=2, nam=1
          MN-PHU-THI Công đoàn Trường Mầm non Phù Thị: nữ=1, nam=1
          TH-DA-TON Công đoàn Trường Tiểu học Đa Tốn: nữ=1
        ");
        let (code, out, _) = thidua(&[
            "rollup",
            all.to_str().unwrap(),
            "--metric",
            "members",
            "--unit",
            "TH-DA-TON",
            "--as-of",
            "2024-01-01",
        ]);
        assert_eq!(code, 0);
        insta::assert_snapshot!(out, @"  TH-DA-TON Công đoàn Trường Tiểu học Đa Tốn: 1");
        // A period nothing is recorded for is said, in the reader's language, and the
        // labels follow it too.
        let (code, out, err) = thidua(&[
            "rollup",
            all.to_str().unwrap(),
            "--metric",
            "women",
            "--as-of",
            "2024-01-01",
            "--period",
            "2030-2031",
            "--lang",
            "en",
        ]);
        assert_eq!(code, 0, "{err}");
        insta::assert_snapshot!(err.trim_end(), @"warning[rollup.period_unmatched] at $: no facts, grades or titles are recorded for school year 2030-2031");
        assert!(
            out.contains("MN-PHU-THI Công đoàn Trường Mầm non Phù Thị: female=1, male=1"),
            "{out}"
        );

        let (code, out, err) = thidua(&[
            "report",
            all.to_str().unwrap(),
            "--unit",
            "HN.GIALAM",
            "--as-of",
            "2024-01-01",
            "--format",
            "text",
            "--lang",
            "en",
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("Members"), "{out}");

        let xlsx = dir.join("back.xlsx");
        let (code, _, err) = thidua(&[
            "export",
            all.to_str().unwrap(),
            "--template",
            "members",
            "-o",
            xlsx.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        let s = Sheet::from_xlsx_sheet(&std::fs::read(&xlsx).unwrap(), "Đoàn viên").unwrap();
        assert_eq!(s.rows().len(), 4);
    }

    /// No command writes an invalid dataset: an import whose result would not be
    /// valid writes nothing, says why, and leaves the file imported into as it was.
    #[test]
    fn an_import_that_would_make_the_dataset_invalid_writes_nothing() {
        let dir = temp_dir("cli-invalid");
        let base = dir.join("base.json");
        std::fs::write(&base, crate::bundled::gia_lam().to_json()).unwrap();
        let before = std::fs::read(&base).unwrap();
        // A member the dataset holds, moved to another unit while still a member of
        // the first: the memberships would overlap.
        let export = export_sheet(Template::Members, &crate::bundled::gia_lam());
        let header = export.sheet.rows()[0].clone();
        let unit_col = header
            .iter()
            .position(|c| c.to_string() == "Mã đơn vị")
            .unwrap();
        let mut sheet = Sheet::new("Đoàn viên");
        sheet.push_row(header);
        let mut row = export.sheet.rows()[1].clone();
        row[unit_col] = Cell::from("HN.GL.MN-A");
        sheet.push_row(row);
        let units = dir.join("members.csv");
        std::fs::write(&units, sheet.to_csv().unwrap()).unwrap();
        for mode in ["all-or-nothing", "partial"] {
            let (code, _, err) = thidua(&[
                "import",
                units.to_str().unwrap(),
                "--template",
                "members",
                "--into",
                base.to_str().unwrap(),
                "-o",
                base.to_str().unwrap(),
                "--mode",
                mode,
                "--lang",
                "en",
            ]);
            assert_eq!(code, 1, "{err}");
            assert!(err.contains("Nothing was written to"), "{err}");
            assert_eq!(std::fs::read(&base).unwrap(), before, "{mode}");
        }
    }

    /// Floods of one problem are cut at 50 lines with the rest counted, and a summary
    /// by severity is always printed.
    #[test]
    fn floods_of_problems_are_capped_and_summed_up() {
        let dir = temp_dir("cli-flood");
        let mut d = crate::bundled::tay_ho();
        for k in 0..60 {
            d.stated.push(thidua::StatedFigure {
                unit: thidua::UnitId::from_key(&format!("HN.KHONG-CO.{k}")),
                key: "members".to_owned(),
                value: thidua::FigureValue::Count(thidua::Reported::exact(1)),
                bloc: None,
                period: None,
                as_of: None,
                label: None,
                label_en: None,
                share_of: None,
                period_text: None,
                quote: None,
            });
        }
        let file = dir.join("flood.json");
        std::fs::write(&file, d.to_json()).unwrap();
        let (code, _, err) = thidua(&["validate", file.to_str().unwrap(), "--lang", "en"]);
        assert_eq!(code, 1);
        assert_eq!(err.matches("error[stated.unknown_unit]").count(), 50);
        assert!(
            err.contains("… and 10 more like this [stated.unknown_unit]\n"),
            "{err}"
        );
        assert!(
            err.contains("60 problems: 60 errors, 0 warnings\n"),
            "{err}"
        );
        let (_, _, err) = thidua(&["validate", file.to_str().unwrap()]);
        assert!(
            err.contains("… và 10 vấn đề khác cùng loại [stated.unknown_unit]\n"),
            "{err}"
        );
        assert!(err.contains("60 vấn đề: 60 lỗi, 0 cảnh báo\n"), "{err}");
    }

    /// Every `thidua` command of the README runs as written, in order, on the
    /// bundled files.
    #[test]
    fn the_readme_commands_run_as_written() {
        let root = env!("CARGO_MANIFEST_DIR");
        let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
        let dir = temp_dir("readme");
        let commands: Vec<Vec<String>> = readme
            .lines()
            .filter_map(|l| l.strip_prefix("cargo run --features cli -- "))
            .map(|l| {
                l.split_whitespace()
                    .map(|w| {
                        if w.starts_with("examples/") {
                            format!("{root}/{w}")
                        } else {
                            w.to_owned()
                        }
                    })
                    .collect()
            })
            .collect();
        assert!(commands.len() >= 4, "{commands:?}");
        for args in commands {
            let out = Command::new(env!("CARGO_BIN_EXE_thidua"))
                .args(&args)
                .current_dir(&dir)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "thidua {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert!(dir.join("all.json").exists());
    }

    /// A write that fails half-way (here, over a file-size limit) leaves the old
    /// file as it was.
    #[test]
    fn a_failed_write_leaves_the_old_file_untouched() {
        let dir = temp_dir("cli-atomic");
        let out = dir.join("members.csv");
        std::fs::write(&out, "the officer's own file\n").unwrap();
        let data = format!(
            "{}/examples/data/gia-lam-2021-2022.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let status = Command::new("bash")
            .arg("-c")
            .arg(format!(
                "ulimit -f 64; exec {} export {data} --template members -o {}",
                env!("CARGO_BIN_EXE_thidua"),
                out.display()
            ))
            .status()
            .unwrap();
        assert!(!status.success());
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "the officer's own file\n"
        );
        // Without the limit the same command replaces it whole.
        let (code, _, err) = thidua(&[
            "export",
            &data,
            "--template",
            "members",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(std::fs::metadata(&out).unwrap().len() > 64 * 1024);
    }

    #[test]
    fn exit_codes() {
        let dir = temp_dir("cli-codes");
        let (code, _, _) = thidua(&["frobnicate"]);
        assert_eq!(code, 2);
        let (code, _, _) = thidua(&["rollup", "x.json", "--metric", "stars"]);
        assert_eq!(code, 2);
        let (code, _, err) = thidua(&["validate", dir.join("missing.json").to_str().unwrap()]);
        assert_eq!(code, 3, "{err}");
        let bad = dir.join("bad.json");
        std::fs::write(
            &bad,
            r#"{"schema_version": 1, "units": [{"id": "0a20f695-c2c2-506e-9df0-d6a39d7d59"}]}"#,
        )
        .unwrap();
        let (code, _, err) = thidua(&["validate", bad.to_str().unwrap()]);
        assert_eq!(code, 1);
        assert!(
            err.starts_with("lỗi[file.invalid_value] tại $.units[0].id: giá trị không hợp lệ: "),
            "{err}"
        );
        let (code, _, err) = thidua(&["validate", bad.to_str().unwrap(), "--lang", "en"]);
        assert_eq!(code, 1);
        assert!(
            err.starts_with("error[file.invalid_value] at $.units[0]"),
            "{err}"
        );
        let (code, _, err) = thidua(&["validate", dir.join("missing.json").to_str().unwrap()]);
        assert!(err.starts_with("không đọc được tệp "), "{err}");
        assert_eq!(code, 3);
        let (code, _, _) = thidua(&["report", bad.to_str().unwrap(), "--as-of", "31/02/2024"]);
        assert_eq!(code, 2);
        let broken = dir.join("broken.xlsx");
        std::fs::write(&broken, b"PK\x03\x04 truncated").unwrap();
        let (code, _, _) = thidua(&[
            "import",
            broken.to_str().unwrap(),
            "--template",
            "units",
            "-o",
            dir.join("o.json").to_str().unwrap(),
        ]);
        assert_eq!(code, 3);
        let (code, out, _) = thidua(&["schema"]);
        assert_eq!(code, 0);
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&out).unwrap(),
            dataset_json_schema()
        );
        let (code, out, _) = thidua(&["rules"]);
        assert_eq!((code, out), (0, rule_catalogue_markdown()));
        let (code, out, _) = thidua(&["--help"]);
        assert_eq!(code, 0);
        assert!(out.contains("Exit codes: 0 success, 1 invalid data, 2 usage error, 3 I/O error."));
    }
}

#[test]
fn rows_of_one_member_add_memberships_and_must_agree() {
    let s = sheet(
        "Đoàn viên",
        &[
            &[
                "Mã đoàn viên",
                "Họ và tên",
                "Mã đơn vị",
                "Ngày vào công đoàn",
                "Ngày rời đơn vị",
            ],
            &[
                "gv-01",
                "Nguyễn Thị Lan",
                "MN-PHU-THI",
                "01/09/2015",
                "01/09/2023",
            ],
            &["gv-01", "Nguyễn Thị Lan", "TH-DA-TON", "01/09/2023", ""],
            &["gv-01", "Nguyễn Thị Lan", "TH-DA-TON", "01/09/2023", ""],
            &["gv-01", "Nguyễn Thị Lann", "TH-DA-TON", "", ""],
            &[
                "gv-02",
                "Trần Văn Minh",
                "TH-DA-TON",
                "01/09/2023",
                "01/09/2020",
            ],
        ],
    );
    let import = partial(Template::Members, &s);
    insta::assert_snapshot!(import.diagnostics, @r#"
    error[sheet.duplicate] at sheet "Đoàn viên", row 4, column "Họ và tên": member c4ca5e1d-3aaf-5371-8404-a57141f450b7 and this membership are already given in row 2
    error[sheet.conflict] at sheet "Đoàn viên", row 5, column "Họ và tên": member c4ca5e1d-3aaf-5371-8404-a57141f450b7 is given in row 2 with other details (name, birth date, gender or role)
    error[sheet.invalid_value] at sheet "Đoàn viên", row 6, column "Ngày rời đơn vị": "01/09/2020" is not after the day of joining "01/09/2023"
    "#);
    assert_eq!(import.dataset.members.len(), 1);
    assert_eq!(import.dataset.memberships.len(), 2);
}

// ---------------------------------------------------------------------------------
// Round trips into the same dataset
// ---------------------------------------------------------------------------------

/// Exporting a template of a bundled dataset and importing it back into the same
/// dataset changes nothing, as CSV and as XLSX; a corrected row updates its record
/// instead of adding a second one.
#[test]
fn export_then_import_into_the_same_dataset_is_a_no_op() {
    use crate::bundled::{bac_tu_liem, gia_lam, tay_ho, thach_that};
    for dataset in [gia_lam(), bac_tu_liem(), tay_ho(), thach_that()] {
        let name = dataset.meta.name.clone();
        for template in [Template::Units, Template::Members] {
            let export = export_sheet(template, &dataset);
            let csv = Sheet::from_csv("x.csv", &export.sheet.to_csv().unwrap()).unwrap();
            let xlsx_bytes = Sheet::to_xlsx(std::slice::from_ref(&export.sheet)).unwrap();
            let xlsx = Sheet::from_xlsx_sheet(&xlsx_bytes, export.sheet.name()).unwrap();
            for sheet in [csv, xlsx] {
                let import = Importer::new(template)
                    .base(&dataset)
                    .import(&sheet)
                    .unwrap_or_else(|d| panic!("{name} {template:?}: {d}"));
                let rows = import.counts.imported;
                assert!(rows > 0, "{name} {template:?}");
                let mut merged = dataset.clone();
                let counts = import.merge_into(&mut merged);
                // A member with several memberships has a row each.
                assert_eq!(
                    (counts.added, counts.updated),
                    (0, 0),
                    "{name} {template:?}"
                );
                assert!(counts.unchanged > 0 && counts.unchanged <= rows);
                assert!(
                    merged == dataset,
                    "{name} {template:?}: the dataset changed"
                );
            }
        }
    }
    // A corrected name updates the member; nothing is added.
    let dataset = gia_lam();
    let export = export_sheet(Template::Members, &dataset);
    let mut sheet = Sheet::new("Đoàn viên");
    let header = export.sheet.rows()[0].clone();
    let name_col = header
        .iter()
        .position(|c| c.to_string() == "Họ và tên")
        .unwrap();
    sheet.push_row(header);
    let mut row = export.sheet.rows()[1].clone();
    row[name_col] = Cell::from("Nguyễn Thị Hoa");
    sheet.push_row(row);
    let import = Importer::new(Template::Members)
        .base(&dataset)
        .import(&sheet)
        .unwrap();
    let mut merged = dataset.clone();
    let counts = import.merge_into(&mut merged);
    assert_eq!((counts.added, counts.updated, counts.unchanged), (0, 1, 0));
    assert_eq!(merged.members.len(), dataset.members.len());
    assert!(
        merged
            .validate()
            .iter()
            .all(|d| d.severity() != thidua::Severity::Error)
    );
}

/// A row whose id names one member and whose name, birth date and unit name another
/// is an error naming both: which record it means cannot be known.
#[test]
fn a_row_that_matches_two_members_is_an_error_naming_both() {
    let mut base = crate::bundled::tay_ho();
    let unit = base.units[2].code().as_str().to_owned();
    let first = sheet(
        "Đoàn viên",
        &[
            &["Họ và tên", "Ngày sinh", "Mã đơn vị"],
            &["Trần Văn Bình", "01/01/1990", &unit],
        ],
    );
    let import = Importer::new(Template::Members)
        .base(&base)
        .import(&first)
        .unwrap();
    let binh = import.dataset.members[0].id();
    import.merge_into(&mut base);
    let other = thidua::MemberId::from_key("GV-0001");
    base.members.push(thidua::MemberRecord::new(other));
    let second = sheet(
        "Đoàn viên",
        &[
            &["Mã đoàn viên", "Họ và tên", "Ngày sinh", "Mã đơn vị"],
            &[&other.to_string(), "Trần Văn Bình", "01/01/1990", &unit],
        ],
    );
    let err = Importer::new(Template::Members)
        .base(&base)
        .import(&second)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "error[sheet.ambiguous_row] at sheet \"Đoàn viên\", row 2, column \"Mã đoàn viên\": the row matches two members of the dataset: {other} by its id and {binh} by its name, birth date and unit; correct the id or the name\n"
        )
    );
}

/// Text a spreadsheet would run as a formula is written to CSV with a leading
/// apostrophe and read back without it; negative numbers stay numbers; a name that
/// looks like a formula is a warning on import.
#[cfg(feature = "csv")]
#[test]
fn csv_cells_that_look_like_formulas_are_neutralised_and_round_trip() {
    let mut s = Sheet::new("x");
    for row in [
        ["Họ và tên", "Ghi chú", "Số tiền"],
        ["=CMD|' /C calc'!A0", "+HYPERLINK(\"http://x\")", "-500"],
        ["@SUM(A1)", "\tTab", "-1,5"],
    ] {
        s.push_row(row.iter().map(|c| Cell::from(*c)).collect());
    }
    let bytes = s.to_csv().unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains("'=CMD|' /C calc'!A0"), "{text}");
    assert!(text.contains("\"'+HYPERLINK(\"\"http://x\"\")\""), "{text}");
    assert!(text.contains("'@SUM(A1)"), "{text}");
    assert!(
        text.contains(",-500\r\n") || text.contains(",-500\n"),
        "{text}"
    );
    let back = Sheet::from_csv("x.csv", &bytes).unwrap();
    assert_eq!(back.rows(), s.rows());
    // A member named like a formula is imported with a warning.
    let members = sheet(
        "Đoàn viên",
        &[&["Họ và tên", "Giới tính"], &["=HYPERLINK(\"x\")", "Nữ"]],
    );
    let import = Importer::new(Template::Members).import(&members).unwrap();
    assert_eq!(import.counts.imported, 1);
    let codes: Vec<&str> = import.diagnostics.iter().map(|d| d.code()).collect();
    assert_eq!(codes, ["sheet.formula_like"]);
}

/// A member list naming members by their card numbers gives each member that code
/// and the id derived from it; written out again, the list names them by the same
/// numbers, and reads back the same.
#[test]
fn card_numbers_in_a_member_list_are_the_members_codes() {
    let s = sheet(
        "Đoàn viên",
        &[
            &["Mã đoàn viên", "Họ và tên", "Mã đơn vị"],
            &["DV00012", "Nguyễn Thị Lan", "MN-PHU-THI"],
            &[
                "67e55044-10b1-426f-9247-bb680e5fe0c8",
                "Trần Văn Minh",
                "MN-PHU-THI",
            ],
            &["Số 7 bis", "Lê Thị Thu Hà", "MN-PHU-THI"],
        ],
    );
    let base = members_base();
    let import = Importer::new(Template::Members)
        .base(&base)
        .import(&s)
        .unwrap();
    let members = &import.dataset.members;
    assert_eq!(members[0].id(), MemberId::from_key("DV00012"));
    assert_eq!(members[0].code().map(MemberCode::as_str), Some("DV00012"));
    // A UUID is no code; a key with spaces names the member but is no code either.
    assert_eq!(members[1].code(), None);
    assert_eq!(members[2].id(), MemberId::from_key("Số 7 bis"));
    assert_eq!(members[2].code(), None);

    let mut whole = base.clone();
    whole.members = import.dataset.members.clone();
    whole.memberships = import.dataset.memberships.clone();
    let out = export_sheet(Template::Members, &whole);
    let rows = out.sheet.rows();
    let at = rows[0]
        .iter()
        .position(|c| matches!(c, Cell::Text(t) if t == "Mã đoàn viên"))
        .unwrap();
    let first_cells: Vec<String> = rows
        .iter()
        .skip(1)
        .map(|r| match r.get(at) {
            Some(Cell::Text(t)) => t.clone(),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        first_cells,
        [
            "DV00012".to_owned(),
            "67e55044-10b1-426f-9247-bb680e5fe0c8".to_owned(),
            MemberId::from_key("Số 7 bis").to_string(),
        ]
    );
    let again = Importer::new(Template::Members)
        .base(&base)
        .import(&out.sheet)
        .unwrap();
    assert_eq!(again.dataset.members, whole.members);
}
