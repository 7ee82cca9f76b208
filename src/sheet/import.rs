//! Importing a sheet filled in one of the templates.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::award::catalogue::{Catalogue, TitleCode};
use crate::campaign::record::{Participant, Registration};
use crate::dataset::file::{Dataset, FactRecord};
use crate::diagnostic::{Diagnostic, Diagnostics, Location, Severity, quote};
use crate::initiative::record::{Initiative, Recognition, Review};
use crate::org::unit::{UnitCode, UnitRecord};
use crate::people::member::{MemberCode, MemberRecord, Membership};
use crate::rules::facts::MemberFacts;
use crate::sheet::cells;
use crate::sheet::grid::{Cell, Sheet};
use crate::sheet::template::{Column, Key, Layout, Need, Template, find_layout};
use crate::support::record::{Recipients, SupportRecord, SupportTime};
use crate::value::format::Lang;
use crate::value::id::{CampaignId, InitiativeId, MemberId, RegistrationId, SupportId, UnitId};
use crate::value::period::Period;
use crate::value::text::{Label, PersonName, UnitName, UnitShortName};

/// What to do with the good rows when some rows are rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ImportMode {
    /// Any rejected cell fails the whole import: nothing is imported.
    #[default]
    AllOrNothing,
    /// The good rows are imported; the rejected ones are reported.
    Partial,
}

impl std::str::FromStr for ImportMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match cells::key(s).as_str() {
            "all or nothing" => Ok(ImportMode::AllOrNothing),
            "partial" => Ok(ImportMode::Partial),
            _ => Err(format!(
                "unknown import mode {s:?}: expected all-or-nothing or partial"
            )),
        }
    }
}

/// How many rows an import saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct RowCounts {
    /// Rows below the header holding anything.
    pub data: usize,
    /// Rows imported.
    pub imported: usize,
    /// Rows rejected for a bad cell.
    pub rejected: usize,
    /// Empty rows skipped.
    pub empty: usize,
}

/// The outcome of an import: the records read (in a dataset holding only them), the
/// problems found (warnings, and in partial mode the rejected rows), and the counts.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Import {
    /// The imported records.
    pub dataset: Dataset,
    /// Every problem found.
    pub diagnostics: Diagnostics,
    /// How many rows were read, imported, rejected and skipped.
    pub counts: RowCounts,
}

/// What merging an import into a dataset did, record by record: added, updated (a
/// record of the same key whose content changed), unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct MergeCounts {
    /// Records new to the dataset.
    pub added: usize,
    /// Records the dataset held under the same key, now replaced.
    pub updated: usize,
    /// Records the dataset already held as they are.
    pub unchanged: usize,
}

/// What tells memberships apart: member, unit, and the days joined and left.
type MembershipKey = (MemberId, UnitId, Option<NaiveDate>, Option<NaiveDate>);

fn membership_key(m: &Membership) -> MembershipKey {
    (m.member(), m.unit(), m.joined(), m.left())
}

/// Merges `new` into `base` by key: a record with a new key is added, one whose key
/// is there replaces it if different. Returns the keys added or updated.
fn merge_by<T: PartialEq, K: Eq + std::hash::Hash + Copy>(
    base: &mut Vec<T>,
    new: Vec<T>,
    key: impl Fn(&T) -> K,
    counts: &mut MergeCounts,
) -> std::collections::HashSet<K> {
    let mut index: HashMap<K, usize> = base.iter().enumerate().map(|(i, t)| (key(t), i)).collect();
    let mut changed = std::collections::HashSet::new();
    for t in new {
        let k = key(&t);
        match index.get(&k).and_then(|&i| base.get_mut(i)) {
            Some(old) if *old == t => counts.unchanged += 1,
            Some(old) => {
                *old = t;
                counts.updated += 1;
                changed.insert(k);
            }
            None => {
                index.insert(k, base.len());
                base.push(t);
                counts.added += 1;
                changed.insert(k);
            }
        }
    }
    changed
}

impl Import {
    /// Merges the imported records into `base` (the dataset imported into) by their
    /// natural keys — units by id (derived from the code), members by id (the id
    /// column, else derived from name, birth date and unit), facts by member and
    /// period, registrations, initiatives and support records by id: a record with a
    /// new key is added, one the dataset holds is updated when it differs and left as
    /// it is otherwise. Memberships are added when the dataset does not hold them yet.
    /// Exporting a dataset and importing the sheet back into it changes nothing.
    pub fn merge_into(self, base: &mut Dataset) -> MergeCounts {
        let d = self.dataset;
        let mut counts = MergeCounts::default();
        merge_by(&mut base.units, d.units, |u| u.id(), &mut counts);
        let before = counts;
        let changed = merge_by(&mut base.members, d.members, |m| m.id(), &mut counts);
        let member_rows_unchanged = counts.unchanged - before.unchanged;
        let held: HashSet<_> = base.memberships.iter().map(membership_key).collect();
        let mut moved = HashSet::new();
        for m in d.memberships {
            if !held.contains(&membership_key(&m)) {
                if !changed.contains(&m.member()) {
                    moved.insert(m.member());
                }
                base.memberships.push(m);
            }
        }
        // A member whose record is unchanged but whose membership is new was updated.
        let moved = moved.len().min(member_rows_unchanged);
        counts.unchanged -= moved;
        counts.updated += moved;
        merge_by(
            &mut base.facts,
            d.facts,
            |f| (f.member, f.period),
            &mut counts,
        );
        merge_by(
            &mut base.registrations,
            d.registrations,
            |r| r.id(),
            &mut counts,
        );
        merge_by(
            &mut base.initiatives,
            d.initiatives,
            |i| i.id(),
            &mut counts,
        );
        merge_by(
            &mut base.support_records,
            d.support_records,
            |r| r.id(),
            &mut counts,
        );
        counts
    }
}

/// Reads sheets filled in a [`Template`].
///
/// Every rejected cell is a diagnostic with the sheet, the row as the spreadsheet
/// numbers it, the column's header, the value and the reason; nothing is dropped
/// silently (empty rows are skipped and counted). The mode decides what happens to
/// the good rows when some are rejected.
///
/// ```
/// use thidua::{Cell, ImportMode, Importer, Sheet, Template};
///
/// let mut sheet = Sheet::new("Đoàn viên");
/// for row in [
///     ["Họ và tên", "Ngày sinh", "Giới tính", "Mã đơn vị"],
///     ["Nguyễn Thị Lan", "12/03/1985", "Nữ", "HN.GIALAM.MN-PHU-THI"],
///     ["Trần Văn Minh", "31/02/1990", "Nam", "HN.GIALAM.MN-PHU-THI"],
/// ] {
///     sheet.push_row(row.iter().map(|c| Cell::from(*c)).collect());
/// }
/// let import = Importer::new(Template::Members)
///     .mode(ImportMode::Partial)
///     .import(&sheet)?;
/// assert_eq!(import.dataset.members.len(), 1);
/// assert_eq!(import.counts.rejected, 1);
/// assert_eq!(
///     import.diagnostics.to_string(),
///     "error[sheet.invalid_value] at sheet \"Đoàn viên\", row 3, column \"Ngày sinh\": \
///      invalid date \"31/02/1990\": there is no day 31 in month 2 of 1990\n"
/// );
/// # Ok::<(), thidua::Diagnostics>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Importer<'a> {
    template: Template,
    mode: ImportMode,
    base: Option<&'a Dataset>,
}

impl<'a> Importer<'a> {
    /// An importer for `template`, all-or-nothing, not resolving against a dataset.
    pub fn new(template: Template) -> Self {
        Self {
            template,
            mode: ImportMode::AllOrNothing,
            base: None,
        }
    }

    /// Sets the mode.
    #[must_use]
    pub fn mode(mut self, mode: ImportMode) -> Self {
        self.mode = mode;
        self
    }

    /// Resolves unit codes, unit names and titles against `base` (the dataset the
    /// records will join): a unit code it does not have is then an error.
    #[must_use]
    pub fn base(mut self, base: &'a Dataset) -> Self {
        self.base = Some(base);
        self
    }

    /// Imports a sheet.
    ///
    /// # Errors
    /// [`Diagnostics`] when the header cannot be found or a required column is
    /// missing (`sheet.no_header`, `sheet.missing_column`), and in
    /// [`ImportMode::AllOrNothing`] when any cell is rejected.
    pub fn import(&self, sheet: &Sheet) -> Result<Import, Diagnostics> {
        self.import_with_progress(sheet, &mut |_, _| {})
    }

    /// Imports a sheet, calling `progress(rows done, rows in all)` as it goes (every
    /// 1.000 rows and at the end).
    ///
    /// # Errors
    /// As [`Importer::import`].
    pub fn import_with_progress(
        &self,
        sheet: &Sheet,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Import, Diagnostics> {
        let mut report = Diagnostics::new();
        let Some(layout) = find_layout(self.template, sheet) else {
            let examples = |lang| {
                self.template
                    .headers()
                    .filter(|h| *h != "STT")
                    .take(3)
                    .map(|h| quote(h, lang))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            report.push(
                Diagnostic::of(
                    "sheet.no_header",
                    Severity::Error,
                    Location::Cell {
                        sheet: sheet.name().to_owned(),
                        row: sheet.first_row(),
                        column: "A".to_owned(),
                    },
                )
                .arg("template", self.template)
                .words(
                    "headers",
                    examples(Lang::Vi),
                    format!("[{}]", examples(Lang::En)),
                ),
            );
            return Err(report);
        };
        let header_row = sheet.row_number(layout.header_row);
        for (c, label) in &layout.unknown {
            report.push(
                Diagnostic::of(
                    "sheet.unknown_column",
                    Severity::Warning,
                    Location::Cell {
                        sheet: sheet.name().to_owned(),
                        row: header_row,
                        column: label.clone(),
                    },
                )
                .quoted("column", label)
                .arg("letter", letter(*c))
                .arg("template", self.template),
            );
        }
        for c in self.template.columns() {
            if c.need == Need::Required && !layout.columns.iter().any(|(_, k, _)| k.key == c.key) {
                report.push(
                    Diagnostic::of(
                        "sheet.missing_column",
                        Severity::Error,
                        Location::Cell {
                            sheet: sheet.name().to_owned(),
                            row: header_row,
                            column: c.header.to_owned(),
                        },
                    )
                    .arg("template", self.template)
                    .quoted("column", c.header),
                );
            }
        }
        if report.has_errors() {
            return Err(report);
        }
        let mut state = State::new(self.template, self.base, sheet, &layout);
        let rows = sheet.rows().get(layout.data_start..).unwrap_or_default();
        let total = rows.len();
        for (i, cells) in rows.iter().enumerate() {
            let index = layout.data_start.saturating_add(i);
            if cells.iter().all(Cell::is_blank) {
                state.counts.empty = state.counts.empty.saturating_add(1);
            } else {
                state.counts.data = state.counts.data.saturating_add(1);
                let mut row = Row {
                    sheet: sheet.name(),
                    number: sheet.row_number(index),
                    cells: layout
                        .columns
                        .iter()
                        .map(|(c, col, label)| {
                            (*col, label.as_str(), cells.get(*c).unwrap_or(&Cell::Empty))
                        })
                        .collect(),
                    problems: Vec::new(),
                };
                state.row(&mut row);
                // Warnings (a name that looks like a formula) keep the row.
                if row.problems.iter().all(|d| d.severity() != Severity::Error) {
                    state.counts.imported = state.counts.imported.saturating_add(1);
                } else {
                    state.counts.rejected = state.counts.rejected.saturating_add(1);
                }
                row.problems.into_iter().for_each(|d| report.push(d));
            }
            if (i + 1) % 1000 == 0 {
                progress(i + 1, total);
            }
        }
        progress(total, total);
        if self.mode == ImportMode::AllOrNothing && report.has_errors() {
            return Err(report);
        }
        Ok(Import {
            dataset: state.out,
            diagnostics: report,
            counts: state.counts,
        })
    }
}

/// The column letter of a 0-based index (`A`, `Z`, `AA`).
pub(crate) fn letter(index: usize) -> String {
    let mut n = index.saturating_add(1);
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(char::from(
            b'A'.saturating_add(u8::try_from(r).unwrap_or(0)),
        ));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// One data row being read: its cells by column, and the problems found.
struct Row<'s> {
    sheet: &'s str,
    number: u32,
    cells: Vec<(Column, &'s str, &'s Cell)>,
    problems: Vec<Diagnostic>,
}

/// Why a field has no value: blank, or rejected (already reported).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Miss {
    Blank,
    Rejected,
}

type Field<T> = Result<T, Miss>;

impl Row<'_> {
    fn at(&self, key: Key) -> Option<(&str, &Cell)> {
        self.cells
            .iter()
            .find(|(c, _, cell)| c.key == key && !cell.is_blank())
            .map(|(_, label, cell)| (*label, *cell))
    }

    fn header(&self, key: Key) -> String {
        self.cells
            .iter()
            .find(|(c, _, _)| c.key == key)
            .map(|(_, l, _)| (*l).to_owned())
            .unwrap_or_default()
    }

    /// The cell of this row in a column.
    fn cell(&self, column: String) -> Location {
        Location::Cell {
            sheet: self.sheet.to_owned(),
            row: self.number,
            column,
        }
    }

    fn problem(&mut self, problem: Diagnostic) {
        self.problems.push(problem);
    }

    /// The cell's value, read by `parse`; a rejection is reported.
    fn get<T>(&mut self, key: Key, parse: impl FnOnce(&Cell) -> Result<T, String>) -> Field<T> {
        let Some((label, cell)) = self.at(key) else {
            return Err(Miss::Blank);
        };
        let label = label.to_owned();
        match parse(cell) {
            Ok(v) => Ok(v),
            Err(reason) => {
                self.problem(
                    Diagnostic::of("sheet.invalid_value", Severity::Error, self.cell(label))
                        .arg("reason", reason),
                );
                Err(Miss::Rejected)
            }
        }
    }

    /// As [`Row::get`], with a blank cell reported as missing.
    fn need<T>(
        &mut self,
        key: Key,
        header: &str,
        parse: impl FnOnce(&Cell) -> Result<T, String>,
    ) -> Field<T> {
        let got = self.get(key, parse);
        if matches!(got, Err(Miss::Blank)) {
            let column = Some(self.header(key))
                .filter(|h| !h.is_empty())
                .unwrap_or_else(|| header.to_owned());
            self.problem(
                Diagnostic::of(
                    "sheet.missing_value",
                    Severity::Error,
                    self.cell(column.clone()),
                )
                .quoted("column", column),
            );
            return Err(Miss::Rejected);
        }
        got
    }
}

/// An optional field: blank is `None`, a rejection is still an error.
fn opt<T>(f: Field<T>) -> Result<Option<T>, Miss> {
    match f {
        Ok(v) => Ok(Some(v)),
        Err(Miss::Blank) => Ok(None),
        Err(Miss::Rejected) => Err(Miss::Rejected),
    }
}

fn text_of(cell: &Cell) -> Result<String, String> {
    cells::text(cell)
}

/// An id column: a UUID is the id, other text a natural key.
fn id_of<T: std::str::FromStr>(cell: &Cell, from_key: fn(&str) -> T) -> Result<T, String> {
    let text = cells::text(cell)?;
    if uuid::Uuid::try_parse(&text).is_ok() {
        text.parse()
            .map_err(|_| format!("{text:?} is a UUID that cannot be an id (the nil UUID?)"))
    } else {
        Ok(from_key(&text))
    }
}

/// The id a member gets when the sheet gives none: derived from the unit code, the
/// name (folded) and the birth date, the same in every template.
fn derived_member(unit: Option<&str>, name: &PersonName, birth: Option<NaiveDate>) -> MemberId {
    let birth = birth.map(|d| d.to_string()).unwrap_or_default();
    MemberId::from_key(&format!(
        "sheet/{}/{}/{birth}",
        unit.unwrap_or_default(),
        crate::value::text::fold(name.as_str())
    ))
}

/// What the import has read so far, and what it resolves against.
struct State<'a> {
    template: Template,
    base: Option<&'a Dataset>,
    catalogue: Catalogue,
    units_by_code: HashMap<String, UnitId>,
    units_by_name: HashMap<String, Vec<(UnitId, String)>>,
    out: Dataset,
    counts: RowCounts,
    /// Members read, by id: index into `out.members`, and the row first read.
    seen_members: HashMap<MemberId, (usize, u32)>,
    /// The dataset's own members, by id: index into its list.
    base_members: HashMap<MemberId, usize>,
    seen_keys: HashMap<String, u32>,
    seen_initiatives: HashMap<InitiativeId, (usize, u32)>,
    /// The memberships in `out.memberships`, for finding a row's again at once.
    seen_memberships: HashSet<MembershipKey>,
}

impl<'a> State<'a> {
    fn new(template: Template, base: Option<&'a Dataset>, sheet: &Sheet, layout: &Layout) -> Self {
        let mut catalogue = Catalogue::builtin();
        let mut units_by_code = HashMap::new();
        let mut units_by_name: HashMap<String, Vec<(UnitId, String)>> = HashMap::new();
        if let Some(b) = base {
            for t in &b.titles {
                let _ = catalogue.add(t.clone());
            }
            for u in &b.units {
                units_by_code.insert(u.code().as_str().to_owned(), u.id());
                units_by_name
                    .entry(cells::value_key(u.name().as_str()))
                    .or_default()
                    .push((u.id(), u.code().as_str().to_owned()));
            }
        }
        // The unit list's own codes, so a parent may come after its children.
        if template == Template::Units {
            let code_col = layout
                .columns
                .iter()
                .find(|(_, c, _)| c.key == Key::UnitCode)
                .map(|(i, _, _)| *i);
            let id_col = layout
                .columns
                .iter()
                .find(|(_, c, _)| c.key == Key::Id)
                .map(|(i, _, _)| *i);
            for row in sheet.rows().get(layout.data_start..).unwrap_or_default() {
                let code = code_col
                    .and_then(|c| row.get(c))
                    .and_then(|c| cells::text(c).ok());
                let Some(code) = code.filter(|c| !c.is_empty()) else {
                    continue;
                };
                let id = id_col
                    .and_then(|c| row.get(c))
                    .filter(|c| !c.is_blank())
                    .and_then(|c| id_of(c, UnitId::from_key).ok())
                    .or_else(|| units_by_code.get(&code).copied())
                    .unwrap_or_else(|| UnitId::from_key(&code));
                units_by_code.entry(code).or_insert(id);
            }
        }
        Self {
            template,
            base,
            catalogue,
            units_by_code,
            units_by_name,
            out: Dataset::default(),
            counts: RowCounts::default(),
            seen_members: HashMap::new(),
            base_members: base
                .map(|b| {
                    b.members
                        .iter()
                        .enumerate()
                        .map(|(i, m)| (m.id(), i))
                        .collect()
                })
                .unwrap_or_default(),
            seen_keys: HashMap::new(),
            seen_initiatives: HashMap::new(),
            seen_memberships: HashSet::new(),
        }
    }

    fn row(&mut self, row: &mut Row<'_>) {
        match self.template {
            Template::Members => self.member(row),
            Template::Units => self.unit(row),
            Template::Registrations => self.registration(row),
            Template::Grades => self.grade(row),
            Template::Initiatives => self.initiative(row),
            Template::Support => self.support(row),
        }
    }

    /// A unit code: checked, and resolved to the dataset's unit (or the sheet's, or
    /// the id derived from the code when there is no dataset to resolve against).
    fn unit_code(&self, cell: &Cell) -> Result<(UnitId, String), String> {
        let text = cells::text(cell)?;
        let code = UnitCode::try_new(&text).map_err(|e| e.to_string())?;
        match self.units_by_code.get(code.as_str()) {
            Some(id) => Ok((*id, text)),
            None if self.base.is_some() || self.template == Template::Units => Err(format!(
                "unit code {text:?} is not a unit of the dataset{}",
                if self.template == Template::Units {
                    " or of this sheet"
                } else {
                    ""
                }
            )),
            None => Ok((UnitId::from_key(&text), text)),
        }
    }

    /// A unit by name, when the dataset imported into has it (exactly one match).
    fn unit_name(&self, cell: &Cell) -> Result<(UnitId, String), String> {
        let text = cells::text(cell)?;
        if self.base.is_none() {
            return Err(format!(
                "unit {text:?} is given by name: give \"Mã đơn vị\", or import into a dataset that has the units"
            ));
        }
        match self
            .units_by_name
            .get(&cells::value_key(&text))
            .map(Vec::as_slice)
        {
            Some([(id, code)]) => Ok((*id, code.clone())),
            Some(many) if many.len() > 1 => {
                let codes: Vec<&str> = many.iter().map(|(_, c)| c.as_str()).collect();
                Err(format!(
                    "unit name {text:?} is ambiguous: units {codes:?} have it; give \"Mã đơn vị\""
                ))
            }
            _ => Err(format!("unit name {text:?} is not a unit of the dataset")),
        }
    }

    fn title(&self, cell: &Cell) -> Result<TitleCode, String> {
        let text = cells::text(cell)?;
        let k = cells::value_key(&text);
        let hit = self.catalogue.iter().find(|d| {
            d.code().as_str() == k
                || cells::value_key(d.label_vi()) == k
                || cells::value_key(d.label_en()) == k
        });
        hit.map(|d| d.code().clone())
            .ok_or_else(|| format!("{text:?} is not a title of the catalogue: give its code (ldtt, cstdcs …) or its name"))
    }

    fn duplicate(
        &mut self,
        row: &mut Row<'_>,
        key: String,
        column: Key,
        what: (String, String),
    ) -> bool {
        if let Some(first) = self.seen_keys.get(&key) {
            let first = *first;
            row.problem(
                Diagnostic::of(
                    "sheet.duplicate",
                    Severity::Error,
                    row.cell(row.header(column)),
                )
                .words("what", what.0, what.1)
                .arg("first", first),
            );
            true
        } else {
            self.seen_keys.insert(key, row.number);
            false
        }
    }

    fn member(&mut self, row: &mut Row<'_>) {
        // An id cell holding a code (a card or staff number) gives the member that
        // code, and the id derived from it.
        let (id, code) = match opt(row.get(Key::Id, |c| {
            let id = id_of(c, MemberId::from_key)?;
            let text = cells::text(c)?;
            let code = (!crate::value::id::looks_like_uuid(&text))
                .then(|| MemberCode::try_new(text.trim()).ok())
                .flatten();
            Ok((id, code))
        })) {
            Ok(Some((id, code))) => (Ok(Some(id)), code),
            Ok(None) => (Ok(None), None),
            Err(miss) => (Err(miss), None),
        };
        // A member the dataset already holds may be named by its id alone.
        let known = match &id {
            Ok(Some(id)) => self
                .base_members
                .get(id)
                .and_then(|&i| self.base.and_then(|b| b.members.get(i))),
            _ => None,
        };
        let name = if known.is_some() {
            opt(row.get(Key::Name, |c| {
                PersonName::try_new(&text_of(c)?).map_err(|e| e.to_string())
            }))
        } else {
            row.need(Key::Name, "Họ và tên", |c| {
                PersonName::try_new(&text_of(c)?).map_err(|e| e.to_string())
            })
            .map(Some)
        };
        let birth = opt(row.get(Key::BirthDate, cells::date));
        let gender = opt(row.get(Key::Gender, cells::gender));
        let role = opt(row.get(Key::Role, cells::role));
        let by_code = opt(row.get(Key::UnitCode, |c| self.unit_code(c)));
        let by_name = if matches!(by_code, Ok(Some(_))) {
            Ok(None)
        } else {
            opt(row.get(Key::UnitName, |c| self.unit_name(c)))
        };
        let joined = opt(row.get(Key::Joined, cells::date));
        let left = opt(row.get(Key::Left, cells::date));
        let (
            Ok(id),
            Ok(name),
            Ok(birth),
            Ok(gender),
            Ok(role),
            Ok(by_code),
            Ok(by_name),
            Ok(joined),
            Ok(left),
        ) = (
            id, name, birth, gender, role, by_code, by_name, joined, left,
        )
        else {
            return;
        };
        let unit = by_code.or(by_name);
        if let (Some(j), Some(l)) = (joined, left)
            && l <= j
        {
            row.problem(
                Diagnostic::of(
                    "sheet.invalid_value",
                    Severity::Error,
                    row.cell(row.header(Key::Left)),
                )
                .variant("left_before_joined")
                .quoted("left", l.format("%d/%m/%Y").to_string())
                .quoted("joined", j.format("%d/%m/%Y").to_string()),
            );
            return;
        }
        if (joined.is_some() || left.is_some()) && unit.is_none() {
            row.problem(
                Diagnostic::of(
                    "sheet.missing_value",
                    Severity::Error,
                    row.cell("Mã đơn vị".to_owned()),
                )
                .variant("unit_with_dates"),
            );
            return;
        }
        // A row whose id names one member of the dataset and whose name, birth date
        // and unit name another matches two records: which one it means is unknown.
        if let (Some(id), Some(name)) = (id, &name) {
            let derived = derived_member(unit.as_ref().map(|(_, c)| c.as_str()), name, birth);
            if derived != id
                && self.base_members.contains_key(&id)
                && self.base_members.contains_key(&derived)
            {
                row.problem(
                    Diagnostic::of(
                        "sheet.ambiguous_row",
                        Severity::Error,
                        row.cell(row.header(Key::Id)),
                    )
                    .arg("id", id)
                    .arg("other", derived),
                );
                return;
            }
        }
        let id = match (id, &name) {
            (Some(id), _) => id,
            (None, Some(name)) => {
                derived_member(unit.as_ref().map(|(_, c)| c.as_str()), name, birth)
            }
            (None, None) => return,
        };
        // Start from the dataset's own record, so what the template has no column for
        // is kept.
        if let Some(n) = &name
            && n.as_str().starts_with(['=', '+', '@'])
        {
            row.problem(
                Diagnostic::of(
                    "sheet.formula_like",
                    Severity::Warning,
                    row.cell(row.header(Key::Name)),
                )
                .quoted("value", n.as_str()),
            );
        }
        let mut record = known.cloned().unwrap_or_else(|| MemberRecord::new(id));
        if let Some(code) = code
            && record.code().is_none()
        {
            record = record.with_code(code);
        }
        if let Some(name) = name {
            record = record.with_name(name);
        }
        if let Some(g) = gender {
            record = record.with_gender(g);
        }
        if let Some(r) = role {
            record = record.with_role(r);
        }
        if let Some(b) = birth {
            record = record.with_birth_date(b);
        }
        let membership = unit.map(|(u, _)| {
            let mut m = Membership::new(id, u);
            if let Some(j) = joined {
                m = m.joined_on(j);
            }
            if let Some(l) = left {
                m = m.left_on(l);
            }
            m
        });
        match self.seen_members.get(&id).copied() {
            Some((i, first)) => {
                if self.out.members.get(i) != Some(&record) {
                    row.problem(
                        Diagnostic::of(
                            "sheet.conflict",
                            Severity::Error,
                            row.cell(row.header(Key::Name)),
                        )
                        .variant("member")
                        .arg("id", id)
                        .arg("first", first),
                    );
                    return;
                }
                match membership {
                    Some(m) if self.seen_memberships.insert(membership_key(&m)) => {
                        self.out.memberships.push(m)
                    }
                    _ => row.problem(
                        Diagnostic::of(
                            "sheet.duplicate",
                            Severity::Error,
                            row.cell(row.header(Key::Name)),
                        )
                        .variant("membership")
                        .arg("id", id)
                        .arg("first", first),
                    ),
                }
            }
            None => {
                self.seen_members
                    .insert(id, (self.out.members.len(), row.number));
                self.out.members.push(record);
                if let Some(m) = membership {
                    self.seen_memberships.insert(membership_key(&m));
                    self.out.memberships.push(m);
                }
            }
        }
    }

    fn unit(&mut self, row: &mut Row<'_>) {
        let code = row.need(Key::UnitCode, "Mã đơn vị", |c| {
            let t = cells::text(c)?;
            UnitCode::try_new(&t).map_err(|e| e.to_string())
        });
        let name = row.need(Key::UnitName, "Tên đơn vị", |c| {
            UnitName::try_new(&text_of(c)?).map_err(|e| e.to_string())
        });
        let short = opt(row.get(Key::ShortName, |c| {
            UnitShortName::try_new(&text_of(c)?).map_err(|e| e.to_string())
        }));
        let kind = row.need(Key::Kind, "Loại đơn vị", cells::unit_kind);
        let bloc = opt(row.get(Key::Bloc, cells::bloc));
        let parent = opt(row.get(Key::ParentCode, |c| self.unit_code(c)));
        let established = opt(row.get(Key::Established, cells::date));
        let explicit = opt(row.get(Key::Id, |c| id_of(c, UnitId::from_key)));
        let (
            Ok(code),
            Ok(name),
            Ok(short),
            Ok(kind),
            Ok(bloc),
            Ok(parent),
            Ok(established),
            Ok(explicit),
        ) = (code, name, short, kind, bloc, parent, established, explicit)
        else {
            return;
        };
        if self.duplicate(
            row,
            format!("unit/{code}"),
            Key::UnitCode,
            (
                format!("mã đơn vị {}", quote(code.as_str(), Lang::Vi)),
                format!("unit code {:?}", code.as_str()),
            ),
        ) {
            return;
        }
        let id = explicit
            .or_else(|| self.units_by_code.get(code.as_str()).copied())
            .unwrap_or_else(|| UnitId::from_key(code.as_str()));
        if parent.as_ref().is_some_and(|(p, _)| *p == id) {
            row.problem(
                Diagnostic::of(
                    "sheet.invalid_value",
                    Severity::Error,
                    row.cell(row.header(Key::ParentCode)),
                )
                .variant("own_parent")
                .quoted("unit", code.as_str()),
            );
            return;
        }
        let mut u = UnitRecord::new(id, code, kind, name);
        if let Some(s) = short {
            u = u.with_short_name(s);
        }
        if let Some(b) = bloc {
            u = u.with_bloc(b);
        }
        if let Some((p, _)) = parent {
            u = u.with_parent(p);
        }
        if let Some(d) = established {
            u = u.established_on(d);
        }
        self.out.units.push(u);
    }

    fn registration(&mut self, row: &mut Row<'_>) {
        let id = opt(row.get(Key::Id, |c| id_of(c, RegistrationId::from_key)));
        let campaign = row.need(Key::Campaign, "Mã phong trào", |c| {
            id_of(c, CampaignId::from_key)
        });
        let member = opt(row.get(Key::Member, |c| id_of(c, MemberId::from_key)));
        let unit = opt(row.get(Key::UnitCode, |c| self.unit_code(c)));
        let title = row.need(Key::Title, "Danh hiệu", |c| self.title(c));
        let period = row.need(Key::Period, "Năm học", period_of);
        let date = row.need(Key::Date, "Ngày đăng ký", cells::date);
        let (Ok(id), Ok(campaign), Ok(member), Ok(unit), Ok(title), Ok(period), Ok(date)) =
            (id, campaign, member, unit, title, period, date)
        else {
            return;
        };
        let registrant = match (member, unit) {
            (Some(m), None) => Participant::member(m),
            (None, Some((u, _))) => Participant::unit(u),
            (m, _) => {
                let cell = row.cell("Mã đoàn viên".to_owned());
                row.problem(if m.is_some() {
                    Diagnostic::of("sheet.missing_value", Severity::Error, cell)
                        .variant("member_and_unit")
                } else {
                    Diagnostic::of("sheet.missing_value", Severity::Error, cell)
                        .variant("member_or_unit")
                });
                return;
            }
        };
        let natural = format!("{campaign}/{registrant:?}/{title}/{period}");
        let id = id.unwrap_or_else(|| RegistrationId::from_key(&natural));
        if self.duplicate(
            row,
            format!("registration/{id}"),
            Key::Title,
            (format!("đăng ký {id}"), format!("registration {id}")),
        ) {
            return;
        }
        self.out.registrations.push(Registration::new(
            id, campaign, registrant, title, period, date,
        ));
    }

    fn grade(&mut self, row: &mut Row<'_>) {
        let id = opt(row.get(Key::Id, |c| id_of(c, MemberId::from_key)));
        let name = opt(row.get(Key::Name, |c| {
            PersonName::try_new(&text_of(c)?).map_err(|e| e.to_string())
        }));
        let birth = opt(row.get(Key::BirthDate, cells::date));
        let unit = opt(row.get(Key::UnitCode, |c| {
            let t = cells::text(c)?;
            UnitCode::try_new(&t).map(|_| t).map_err(|e| e.to_string())
        }));
        let period = row.need(Key::Period, "Năm học", period_of);
        let grade = row.need(Key::Grade, "Xếp loại", cells::grade);
        let (Ok(id), Ok(name), Ok(birth), Ok(unit), Ok(period), Ok(grade)) =
            (id, name, birth, unit, period, grade)
        else {
            return;
        };
        let member = match (id, name) {
            (Some(id), _) => id,
            (None, Some(name)) => derived_member(unit.as_deref(), &name, birth),
            (None, None) => {
                row.problem(
                    Diagnostic::of(
                        "sheet.missing_value",
                        Severity::Error,
                        row.cell("Mã đoàn viên".to_owned()),
                    )
                    .variant("member_or_name"),
                );
                return;
            }
        };
        if self.duplicate(
            row,
            format!("grade/{member}/{period}"),
            Key::Grade,
            (
                format!("xếp loại của đoàn viên {member} cho {}", period.label_vi()),
                format!("a grade for member {member} and {period}"),
            ),
        ) {
            return;
        }
        self.out.facts.push(FactRecord {
            member,
            period,
            facts: MemberFacts::new().with_grade(grade),
        });
    }

    fn initiative(&mut self, row: &mut Row<'_>) {
        let id = opt(row.get(Key::Id, |c| id_of(c, InitiativeId::from_key)));
        let title = row.need(Key::Title, "Tên sáng kiến", |c| {
            Label::try_new(&text_of(c)?).map_err(|e| e.to_string())
        });
        let authors = opt(row.get(Key::Authors, |c| {
            cells::list(&cells::text(c)?)
                .iter()
                .map(|a| id_of(&Cell::Text(a.clone()), MemberId::from_key))
                .collect::<Result<Vec<_>, _>>()
        }));
        let unit = row.need(Key::UnitCode, "Mã đơn vị", |c| self.unit_code(c));
        let period = row.need(Key::Period, "Năm học", period_of);
        let level = opt(row.get(Key::Level, cells::level));
        let recognised = opt(row.get(Key::RecognisedOn, cells::date));
        let scope = opt(row.get(Key::Scope, cells::scope));
        let (
            Ok(id),
            Ok(title),
            Ok(authors),
            Ok(unit),
            Ok(period),
            Ok(level),
            Ok(recognised),
            Ok(scope),
        ) = (id, title, authors, unit, period, level, recognised, scope)
        else {
            return;
        };
        if level.is_none() && (recognised.is_some() || scope.is_some()) {
            row.problem(
                Diagnostic::of(
                    "sheet.missing_value",
                    Severity::Error,
                    row.cell(row.header(Key::Level).if_empty("Cấp công nhận")),
                )
                .variant("level"),
            );
            return;
        }
        if recognised.is_none() && scope.is_some() {
            row.problem(
                Diagnostic::of(
                    "sheet.missing_value",
                    Severity::Error,
                    row.cell(row.header(Key::RecognisedOn).if_empty("Ngày công nhận")),
                )
                .variant("recognised_on"),
            );
            return;
        }
        let review = level.map(|l| {
            let r = Review::new(l);
            match recognised {
                Some(d) => {
                    let mut rec = Recognition::new(d);
                    if let Some(s) = scope {
                        rec = rec.with_scope(s);
                    }
                    r.recognised(rec)
                }
                None => r,
            }
        });
        let id = id.unwrap_or_else(|| {
            InitiativeId::from_key(&format!(
                "{}/{}/{period}",
                unit.1,
                cells::key(title.as_str())
            ))
        });
        let mut fresh = Initiative::new(id, title, unit.0, period);
        for a in authors.unwrap_or_default() {
            fresh = fresh.with_author(a);
        }
        match self.seen_initiatives.get(&id).copied() {
            Some((i, first)) => {
                let Some(existing) = self.out.initiatives.get_mut(i) else {
                    return;
                };
                if existing.title() != fresh.title()
                    || existing.unit() != fresh.unit()
                    || existing.period() != fresh.period()
                    || existing.authors() != fresh.authors()
                {
                    row.problem(
                        Diagnostic::of(
                            "sheet.conflict",
                            Severity::Error,
                            row.cell(row.header(Key::Title)),
                        )
                        .variant("initiative")
                        .arg("id", id)
                        .arg("first", first),
                    );
                    return;
                }
                match review {
                    Some(r) if !existing.reviews().iter().any(|x| x.level() == r.level()) => {
                        *existing = existing.clone().with_review(r);
                    }
                    _ => row.problem(
                        Diagnostic::of(
                            "sheet.duplicate",
                            Severity::Error,
                            row.cell(row.header(Key::Level).if_empty("Cấp công nhận")),
                        )
                        .variant("review")
                        .arg("id", id)
                        .arg("first", first),
                    ),
                }
            }
            None => {
                if let Some(r) = review {
                    fresh = fresh.with_review(r);
                }
                self.seen_initiatives
                    .insert(id, (self.out.initiatives.len(), row.number));
                self.out.initiatives.push(fresh);
            }
        }
    }

    fn support(&mut self, row: &mut Row<'_>) {
        let id = opt(row.get(Key::Id, |c| id_of(c, SupportId::from_key)));
        let programme = row.need(Key::Programme, "Nội dung", |c| {
            Label::try_new(&text_of(c)?).map_err(|e| e.to_string())
        });
        let unit = row.need(Key::UnitCode, "Mã đơn vị", |c| self.unit_code(c));
        let date = opt(row.get(Key::Date, cells::date));
        let period = opt(row.get(Key::Period, period_of));
        let count = opt(row.get(Key::Recipients, cells::count));
        let amount = opt(row.get(Key::Amount, cells::amount));
        let funding = opt(row.get(Key::Funding, cells::funding));
        let documents = opt(row.get(Key::Documents, |c| {
            cells::list(&cells::text(c)?)
                .iter()
                .map(|d| Label::try_new(d).map_err(|e| e.to_string()))
                .collect::<Result<Vec<_>, _>>()
        }));
        let (
            Ok(id),
            Ok(programme),
            Ok(unit),
            Ok(date),
            Ok(period),
            Ok(count),
            Ok(amount),
            Ok(funding),
            Ok(documents),
        ) = (
            id, programme, unit, date, period, count, amount, funding, documents,
        )
        else {
            return;
        };
        let when = match (date, period) {
            (Some(date), None) => SupportTime::Date { date },
            (None, Some(period)) => SupportTime::Period { period },
            (d, _) => {
                let cell = row.cell(row.header(Key::Date).if_empty("Ngày"));
                row.problem(if d.is_some() {
                    Diagnostic::of("sheet.missing_value", Severity::Error, cell)
                        .variant("date_and_year")
                } else {
                    Diagnostic::of("sheet.missing_value", Severity::Error, cell)
                        .variant("date_or_year")
                });
                return;
            }
        };
        let natural = format!("{}/{}/{when:?}", unit.1, cells::key(programme.as_str()));
        let id = id.unwrap_or_else(|| SupportId::from_key(&natural));
        if self.duplicate(
            row,
            format!("support/{id}"),
            Key::Programme,
            (
                format!("bản ghi hỗ trợ {id}"),
                format!("support record {id}"),
            ),
        ) {
            return;
        }
        let mut r = SupportRecord::new(id, programme, unit.0, when);
        for d in documents.unwrap_or_default() {
            r = r.with_document(d);
        }
        if let Some(c) = count {
            r = r.with_recipients(Recipients::counted(c));
        }
        if let Some(a) = amount {
            r = r.with_amount(a);
        }
        for f in funding.unwrap_or_default() {
            r = r.with_funding(f);
        }
        self.out.support_records.push(r);
    }
}

fn period_of(cell: &Cell) -> Result<Period, String> {
    let text = cells::text(cell)?;
    text.parse()
        .map_err(|e: crate::value::period::PeriodError| e.to_string())
}

trait IfEmpty {
    fn if_empty(self, default: &str) -> String;
}

impl IfEmpty for String {
    fn if_empty(self, default: &str) -> String {
        if self.is_empty() {
            default.to_owned()
        } else {
            self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(701), "ZZ");
        assert!(!letter(usize::MAX).is_empty());
    }

    #[test]
    fn modes_parse() {
        assert_eq!(
            "all-or-nothing".parse::<ImportMode>().unwrap(),
            ImportMode::AllOrNothing
        );
        assert_eq!(
            "Partial".parse::<ImportMode>().unwrap(),
            ImportMode::Partial
        );
        assert!("some".parse::<ImportMode>().is_err());
    }
}
