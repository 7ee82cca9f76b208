//! Reading one cell as a value: text, dates, amounts, counts and the closed sets
//! officers write in words ("Nữ", "HTXSNV", "khối trường học").

use chrono::NaiveDate;

use crate::initiative::level::{InfluenceScope, RecognitionLevel};
use crate::org::kind::{Bloc, UnitKind};
use crate::people::member::{Gender, Role};
use crate::rules::facts::TaskGrade;
use crate::sheet::grid::{Cell, MAX_CELL_CHARS};
use crate::support::record::FundingSource;
use crate::value::money::Vnd;
use crate::value::period::{date_from_excel_serial, parse_date};
use crate::value::reported::Reported;
use crate::value::text::{Label, fold};

/// The key a header or a word is compared by: folded (no case, no diacritics, NFC
/// or NFD alike), without parenthesised notes, punctuation or extra spaces.
pub(crate) fn key(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::with_capacity(folded.len());
    let mut depth = 0u32;
    for c in folded.chars() {
        match c {
            '(' | '[' => depth = depth.saturating_add(1),
            ')' | ']' => depth = depth.saturating_sub(1),
            c if depth > 0 => {
                let _ = c;
            }
            c if c.is_alphanumeric() => out.push(c),
            _ => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The key a value is compared by: folded (no case, no diacritics, NFC or NFD
/// alike, spaces collapsed), with a final full stop dropped; other punctuation
/// counts, so "Nữ?" is not "Nữ".
pub(crate) fn value_key(text: &str) -> String {
    fold(text).trim_end_matches('.').trim_end().to_owned()
}

/// A cell as text, trimmed; numbers without a needless fraction.
///
/// # Errors
/// A reason quoting the value: an error cell, a cell longer than Excel allows.
pub(crate) fn text(cell: &Cell) -> Result<String, String> {
    match cell {
        Cell::Error(e) => Err(format!("the cell holds the error value {e:?}")),
        Cell::Text(t) => {
            if t.chars().count() > MAX_CELL_CHARS {
                let start: String = t.chars().take(20).collect();
                Err(format!(
                    "the cell holds {} characters (\"{start}…\"), more than the {MAX_CELL_CHARS} a cell may hold",
                    t.chars().count()
                ))
            } else {
                Ok(t.trim().to_owned())
            }
        }
        Cell::Number(n) | Cell::Date(n) => Ok(number_text(*n)),
        other => Ok(other.to_string()),
    }
}

fn number_text(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

/// A whole number held in a numeric cell.
fn whole(n: f64) -> Option<i64> {
    (n.is_finite() && n.fract() == 0.0 && n.abs() < 9.0e15)
        .then(|| format!("{n:.0}").parse().ok())
        .flatten()
}

/// A date: an Excel serial (a date cell or a plain number) or text such as
/// `15/11/2023`, `2023-11-15`, `ngày 15 tháng 11 năm 2023`.
///
/// # Errors
/// The parser's reason, quoting the value.
pub(crate) fn date(cell: &Cell) -> Result<NaiveDate, String> {
    match cell {
        Cell::Date(n) | Cell::Number(n) => {
            let day = if n.is_finite() { n.floor() } else { *n };
            let serial = whole(day).ok_or_else(|| {
                format!(
                    "{:?} is not a date: expected an Excel date or dd/mm/yyyy",
                    number_text(*n)
                )
            })?;
            if matches!(cell, Cell::Number(_)) && n.fract() != 0.0 {
                return Err(format!(
                    "{:?} is not a date: expected an Excel date or dd/mm/yyyy",
                    number_text(*n)
                ));
            }
            date_from_excel_serial(serial)
                .and_then(crate::value::period::day::within_years)
                .map_err(|e| e.to_string())
        }
        _ => parse_date(&text(cell)?).map_err(|e| e.to_string()),
    }
}

/// The Excel serial of a day (1900 date system): days since 30 December 1899,
/// which is the serial Excel shows for every day from 1 March 1900 on (earlier days
/// are one off because of Excel's nonexistent 29 February 1900: exports write them as
/// text).
pub(crate) fn serial(day: NaiveDate) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    let days = day.signed_duration_since(epoch).num_days();
    format!("{days}").parse().unwrap_or_default()
}

/// An amount of money as stated: a number of đồng, or text such as `265.902.000`,
/// `265.902.000 đồng`, `trên 1.065 triệu đồng`.
///
/// # Errors
/// A reason quoting the value.
pub(crate) fn amount(cell: &Cell) -> Result<Reported<Vnd>, String> {
    if let Cell::Number(n) = cell {
        return whole(*n)
            .map(|d| Reported::exact(Vnd::from_dong(d)))
            .ok_or_else(|| {
                format!(
                    "{:?} is not an amount of money: expected whole đồng",
                    number_text(*n)
                )
            });
    }
    text(cell)?
        .parse()
        .map_err(|e: crate::value::reported::ReportedError| e.to_string())
}

/// A count as stated: a whole number, or text such as `1.995`, `hơn 3.800`.
///
/// # Errors
/// A reason quoting the value.
pub(crate) fn count(cell: &Cell) -> Result<Reported<u64>, String> {
    if let Cell::Number(n) = cell {
        return whole(*n)
            .and_then(|i| u64::try_from(i).ok())
            .map(Reported::exact)
            .ok_or_else(|| {
                format!(
                    "{:?} is not a count: expected a whole number",
                    number_text(*n)
                )
            });
    }
    text(cell)?
        .parse()
        .map_err(|e: crate::value::reported::ReportedError| e.to_string())
}

/// An amount as a cell: a number when exact and small enough to be exact in a
/// spreadsheet, the stated text otherwise.
pub(crate) fn amount_cell(amount: Reported<Vnd>) -> Cell {
    let d = i64::from(amount.value());
    if amount.qualifier() == crate::value::reported::Qualifier::Exact && d.abs() < (1 << 53) {
        Cell::Number(format!("{d}").parse().unwrap_or_default())
    } else {
        Cell::Text(amount.to_string())
    }
}

/// A count as a cell (see [`amount_cell`]).
pub(crate) fn count_cell(count: Reported<u64>) -> Cell {
    let n = count.value();
    if count.qualifier() == crate::value::reported::Qualifier::Exact && n < (1 << 53) {
        Cell::Number(format!("{n}").parse().unwrap_or_default())
    } else {
        Cell::Text(count.to_string())
    }
}

/// Picks the value whose code, Vietnamese or English label, or one of the usual
/// abbreviations folds to the cell's key.
fn pick<T: Copy>(
    value: &str,
    all: &[T],
    names: impl Fn(T) -> [&'static str; 3],
    aliases: &[(&str, T)],
    what: &str,
) -> Result<T, String> {
    let k = value_key(value);
    let hit = all
        .iter()
        .copied()
        .find(|v| names(*v).iter().any(|n| value_key(n) == k))
        .or_else(|| aliases.iter().find(|(a, _)| *a == k).map(|(_, v)| *v));
    hit.ok_or_else(|| {
        let known: Vec<&str> = all.iter().map(|v| names(*v)[1]).collect();
        format!("{value:?} is not a known {what}: expected one of {known:?}")
    })
}

pub(crate) fn gender(cell: &Cell) -> Result<Gender, String> {
    pick(
        &text(cell)?,
        Gender::ALL,
        |g| [g.code(), g.label_vi(), g.label_en()],
        &[
            ("f", Gender::Female),
            ("m", Gender::Male),
            ("nu gioi", Gender::Female),
        ],
        "gender",
    )
}

pub(crate) fn role(cell: &Cell) -> Result<Role, String> {
    pick(
        &text(cell)?,
        Role::ALL,
        |r| [r.code(), r.label_vi(), r.label_en()],
        &[
            ("cbql", Role::Manager),
            ("quan ly", Role::Manager),
            ("hieu truong", Role::Manager),
            ("pho hieu truong", Role::Manager),
            ("gv", Role::Teacher),
            ("nv", Role::Staff),
            ("cn", Role::Worker),
            ("khac", Role::Other),
        ],
        "role",
    )
}

pub(crate) fn unit_kind(cell: &Cell) -> Result<UnitKind, String> {
    pick(
        &text(cell)?,
        UnitKind::ALL,
        |k| [k.code(), k.label_vi(), k.label_en()],
        &[
            ("cdcs", UnitKind::Grassroots),
            ("cong doan co so", UnitKind::Grassroots),
            ("ldld tinh", UnitKind::ProvincialFederation),
            ("ldld thanh pho", UnitKind::ProvincialFederation),
            ("ldld quan", UnitKind::DistrictFederation),
            ("ldld huyen", UnitKind::DistrictFederation),
            ("cong doan xa", UnitKind::CommuneUnion),
            ("cong doan phuong", UnitKind::CommuneUnion),
            ("cdbp", UnitKind::Department),
            ("to cong doan", UnitKind::Group),
            ("nghiep doan", UnitKind::ProfessionalUnion),
        ],
        "kind of unit",
    )
}

pub(crate) fn bloc(cell: &Cell) -> Result<Bloc, String> {
    pick(
        &text(cell)?,
        Bloc::ALL,
        |b| [b.code(), b.label_vi(), b.label_en()],
        &[
            ("truong hoc", Bloc::Schools),
            ("sxkd", Bloc::ProductionBusiness),
            ("san xuat kinh doanh", Bloc::ProductionBusiness),
            ("hcsn", Bloc::Administration),
            ("hanh chinh su nghiep", Bloc::Administration),
            ("khac", Bloc::Other),
        ],
        "bloc",
    )
}

pub(crate) fn grade(cell: &Cell) -> Result<TaskGrade, String> {
    pick(
        &text(cell)?,
        TaskGrade::ALL,
        |g| [g.code(), g.label_vi(), g.label_en()],
        &[
            ("htxsnv", TaskGrade::Excellent),
            ("httnv", TaskGrade::Good),
            ("htnv", TaskGrade::Completed),
            ("khtnv", TaskGrade::NotCompleted),
            ("xuat sac", TaskGrade::Excellent),
            ("tot", TaskGrade::Good),
            ("hoan thanh", TaskGrade::Completed),
            ("khong hoan thanh", TaskGrade::NotCompleted),
        ],
        "grade",
    )
}

pub(crate) fn level(cell: &Cell) -> Result<RecognitionLevel, String> {
    pick(
        &text(cell)?,
        RecognitionLevel::ALL,
        |l| [l.code(), l.label_vi(), l.label_en()],
        &[
            ("co so", RecognitionLevel::Unit),
            ("cap truong", RecognitionLevel::Unit),
            ("quan", RecognitionLevel::District),
            ("huyen", RecognitionLevel::District),
            ("cap quan", RecognitionLevel::District),
            ("cap huyen", RecognitionLevel::District),
            ("tinh", RecognitionLevel::Province),
            ("thanh pho", RecognitionLevel::Province),
            ("cap tinh", RecognitionLevel::Province),
            ("cap thanh pho", RecognitionLevel::Province),
            ("bo", RecognitionLevel::Ministry),
            ("nganh", RecognitionLevel::Ministry),
            ("cap bo", RecognitionLevel::Ministry),
        ],
        "recognition level",
    )
}

pub(crate) fn scope(cell: &Cell) -> Result<InfluenceScope, String> {
    pick(
        &text(cell)?,
        InfluenceScope::ALL,
        |s| [s.code(), s.label_vi(), s.label_en()],
        &[
            ("co so", InfluenceScope::Unit),
            ("don vi", InfluenceScope::Unit),
            ("nganh", InfluenceScope::SectorOrProvince),
            ("tinh", InfluenceScope::SectorOrProvince),
            ("thanh pho", InfluenceScope::SectorOrProvince),
            ("toan quoc", InfluenceScope::National),
        ],
        "scope of influence",
    )
}

/// Funding sources, separated by `;` or a line break; unknown names are kept as
/// [`FundingSource::Other`].
pub(crate) fn funding(cell: &Cell) -> Result<Vec<FundingSource>, String> {
    let known = [
        FundingSource::UnionFunds,
        FundingSource::UpperLevel,
        FundingSource::Businesses,
        FundingSource::Donations,
        FundingSource::State,
    ];
    let aliases: [(&str, usize); 8] = [
        ("kinh phi cong doan", 0),
        ("cong doan co so", 0),
        ("cong doan cap tren", 1),
        ("cap tren", 1),
        ("doanh nghiep", 2),
        ("quyen gop", 3),
        ("ung ho", 3),
        ("ngan sach", 4),
    ];
    let mut out = Vec::new();
    for part in list(&text(cell)?) {
        let k = value_key(&part);
        let hit = known
            .iter()
            .find(|s| value_key(s.label_vi()) == k || value_key(s.label_en()) == k)
            .cloned()
            .or_else(|| {
                aliases
                    .iter()
                    .find(|(a, _)| *a == k)
                    .and_then(|(_, i)| known.get(*i).cloned())
            });
        match hit {
            Some(s) => out.push(s),
            None => out.push(FundingSource::Other {
                label: Label::try_new(&part).map_err(|e| e.to_string())?,
            }),
        }
    }
    Ok(out)
}

/// The parts of a list cell, separated by `;` or line breaks.
pub(crate) fn list(text: &str) -> Vec<String> {
    text.split([';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_marks_notes_and_spaces() {
        assert_eq!(key("  Họ và  TÊN (*)"), "ho va ten");
        assert_eq!(key("Ngày sinh\n(dd/mm/yyyy)"), "ngay sinh");
        assert_eq!(key("Ho\u{0323} va\u{0300} te\u{0302}n"), "ho va ten");
        assert_eq!(key("Mã đơn vị:"), "ma don vi");
    }

    #[test]
    fn dates_from_serials_and_text() {
        let d = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        assert_eq!(date(&Cell::Number(45292.0)).unwrap(), d);
        assert_eq!(date(&Cell::Date(45292.75)).unwrap(), d);
        assert_eq!(date(&Cell::from("01/01/2024")).unwrap(), d);
        assert_eq!(serial(d), 45292.0);
        insta::assert_snapshot!(date(&Cell::Number(45292.5)).unwrap_err(), @r#""45292.5" is not a date: expected an Excel date or dd/mm/yyyy"#);
        insta::assert_snapshot!(date(&Cell::Error("#REF!".into())).unwrap_err(), @r##"the cell holds the error value "#REF!""##);
        assert!(date(&Cell::Number(f64::NAN)).is_err());
        assert!(date(&Cell::Number(f64::INFINITY)).is_err());
    }

    #[test]
    fn amounts_and_counts() {
        assert_eq!(
            amount(&Cell::from("265.902.000")).unwrap(),
            Reported::exact(Vnd::from_dong(265_902_000))
        );
        assert_eq!(
            amount(&Cell::Number(265_902_000.0)).unwrap(),
            Reported::exact(Vnd::from_dong(265_902_000))
        );
        assert!(amount(&Cell::Number(1.5)).is_err());
        assert_eq!(count(&Cell::from("1.995")).unwrap(), Reported::exact(1_995));
        assert!(count(&Cell::Number(-1.0)).is_err());
        assert_eq!(
            amount_cell(Reported::exact(Vnd::from_dong(265_902_000))),
            Cell::Number(265_902_000.0)
        );
    }

    #[test]
    fn words_officers_write() {
        assert_eq!(gender(&Cell::from("NỮ")).unwrap(), Gender::Female);
        assert_eq!(role(&Cell::from("Hiệu trưởng")).unwrap(), Role::Manager);
        assert_eq!(grade(&Cell::from("HTXSNV")).unwrap(), TaskGrade::Excellent);
        assert_eq!(
            grade(&Cell::from("hoàn thành tốt nhiệm vụ")).unwrap(),
            TaskGrade::Good
        );
        assert_eq!(
            unit_kind(&Cell::from("CĐCS")).unwrap(),
            UnitKind::Grassroots
        );
        assert_eq!(bloc(&Cell::from("Khối trường học")).unwrap(), Bloc::Schools);
        assert_eq!(
            level(&Cell::from("Cấp thành phố")).unwrap(),
            RecognitionLevel::Province
        );
        insta::assert_snapshot!(gender(&Cell::from("x")).unwrap_err(), @r#""x" is not a known gender: expected one of ["nữ", "nam"]"#);
        assert_eq!(
            funding(&Cell::from("Công đoàn cấp trên; Quỹ Bảo trợ trẻ em")).unwrap(),
            vec![
                FundingSource::UpperLevel,
                FundingSource::Other {
                    label: Label::try_new("Quỹ Bảo trợ trẻ em").unwrap()
                }
            ]
        );
    }

    #[test]
    fn huge_cells_are_refused() {
        let huge = Cell::Text("a".repeat(MAX_CELL_CHARS + 1));
        insta::assert_snapshot!(text(&huge).unwrap_err(), @r#"the cell holds 32768 characters ("aaaaaaaaaaaaaaaaaaaa…"), more than the 32767 a cell may hold"#);
    }
}
