//! Writing a dataset's records back in the templates, for officers.

use std::collections::HashMap;

use crate::campaign::record::Participant;
use crate::dataset::file::Dataset;
use crate::diagnostic::{Diagnostic, Diagnostics, Location, Severity};
use crate::rules::facts::MemberFacts;
use crate::sheet::cells::{amount_cell, count_cell, serial};
use crate::sheet::grid::{Cell, Sheet};
use crate::sheet::template::{Key, Template};
use crate::support::record::{Recipients, SupportTime};
use crate::value::id::{MemberId, UnitId};

/// A sheet written from a dataset, with what the template could not hold.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Export {
    /// The sheet: the header row, then one row per record.
    pub sheet: Sheet,
    /// What was left out (`sheet.not_exported` warnings): the template has no
    /// column for it, and it stays in the dataset file.
    pub diagnostics: Diagnostics,
}

/// Writes the records of `dataset` that `template` holds as a sheet named after the
/// template, headers as documented; reading it back with an [`Importer`] gives the
/// same records. What the template cannot hold is reported, never dropped
/// silently.
///
/// [`Importer`]: crate::Importer
///
/// ```
/// use thidua::{Dataset, MemberId, MemberRecord, PersonName, Template, export_sheet};
///
/// let mut dataset = Dataset::default();
/// dataset.members.push(
///     MemberRecord::new(MemberId::from_key("gv-01")).with_name(PersonName::try_new("Lê Thị Hoa")?),
/// );
/// let export = export_sheet(Template::Members, &dataset);
/// assert_eq!(export.sheet.rows().len(), 2);
/// assert!(export.diagnostics.is_empty());
/// # Ok::<(), thidua::TextError>(())
/// ```
pub fn export_sheet(template: Template, dataset: &Dataset) -> Export {
    let columns: Vec<Key> = template
        .columns()
        .iter()
        .filter(|c| c.key != Key::Seq)
        .map(|c| c.key)
        .collect();
    let mut sheet = Sheet::new(template.sheet_name());
    let mut header = vec![Cell::from("STT")];
    header.extend(
        template
            .columns()
            .iter()
            .filter(|c| c.key != Key::Seq)
            .map(|c| Cell::from(c.header)),
    );
    sheet.push_row(header);
    let codes: HashMap<UnitId, String> = dataset
        .units
        .iter()
        .map(|u| (u.id(), u.code().as_str().to_owned()))
        .collect();
    let code = |u: UnitId| Cell::Text(codes.get(&u).cloned().unwrap_or_else(|| u.to_string()));
    // A member whose id is derived from their code is named by the code, as the
    // officer knows them; reading it back derives the same id.
    let member_codes: HashMap<MemberId, &str> = dataset
        .members
        .iter()
        .filter_map(|m| {
            let code = m.code()?.as_str();
            (!crate::value::id::looks_like_uuid(code) && MemberId::from_key(code) == m.id())
                .then_some((m.id(), code))
        })
        .collect();
    let member = |m: MemberId| {
        Cell::Text(
            member_codes
                .get(&m)
                .map_or_else(|| m.to_string(), |c| (*c).to_owned()),
        )
    };
    let mut left_out = Diagnostics::new();
    let mut note = |d: Diagnostic| left_out.push(d);
    let mut rows: Vec<HashMap<Key, Cell>> = Vec::new();
    // Days before 1 March 1900 have no faithful Excel serial: they are written as text.
    let date = |d: chrono::NaiveDate| {
        if chrono::NaiveDate::from_ymd_opt(1900, 3, 1).is_some_and(|first| d >= first) {
            Cell::Date(serial(d))
        } else {
            Cell::Text(d.format("%d/%m/%Y").to_string())
        }
    };
    let text = |s: &str| Cell::Text(s.to_owned());
    match template {
        Template::Members => {
            let mut memberships: HashMap<_, Vec<_>> = HashMap::new();
            for m in &dataset.memberships {
                memberships.entry(m.member()).or_default().push(*m);
            }
            for m in &dataset.members {
                let mut base = HashMap::new();
                base.insert(Key::Id, member(m.id()));
                if let Some(n) = m.name() {
                    base.insert(Key::Name, text(n.as_str()));
                }
                if let Some(b) = m.birth_date() {
                    base.insert(Key::BirthDate, date(b));
                }
                if let Some(g) = m.gender() {
                    base.insert(Key::Gender, text(g.label_vi()));
                }
                if let Some(r) = m.role() {
                    base.insert(Key::Role, text(r.label_vi()));
                }
                let list = memberships.remove(&m.id()).unwrap_or_default();
                if list.is_empty() {
                    rows.push(base.clone());
                }
                for ms in list {
                    let mut row = base.clone();
                    row.insert(Key::UnitCode, code(ms.unit()));
                    if let Some(j) = ms.joined() {
                        row.insert(Key::Joined, date(j));
                    }
                    if let Some(l) = ms.left() {
                        row.insert(Key::Left, date(l));
                    }
                    rows.push(row);
                }
            }
            let orphans: usize = memberships.values().map(Vec::len).sum();
            if orphans > 0 {
                note(
                    Diagnostic::of("sheet.not_exported", Severity::Warning, Location::Whole)
                        .variant("orphan_memberships")
                        .num("count", orphans)
                        .arg("template", template),
                );
            }
            if !dataset.workforce.is_empty() {
                note(
                    Diagnostic::of("sheet.not_exported", Severity::Warning, Location::Whole)
                        .variant("workforce")
                        .num("count", dataset.workforce.len())
                        .arg("template", template),
                );
            }
        }
        Template::Units => {
            for u in &dataset.units {
                let mut row = HashMap::new();
                row.insert(Key::UnitCode, text(u.code().as_str()));
                row.insert(Key::Id, Cell::Text(u.id().to_string()));
                row.insert(Key::UnitName, text(u.name().as_str()));
                if let Some(s) = u.short_name() {
                    row.insert(Key::ShortName, text(s.as_str()));
                }
                row.insert(Key::Kind, text(u.kind().label_vi()));
                if let Some(b) = u.bloc() {
                    row.insert(Key::Bloc, text(b.label_vi()));
                }
                if let Some(p) = u.parent() {
                    row.insert(Key::ParentCode, code(p));
                }
                if let Some(d) = u.established() {
                    row.insert(Key::Established, date(d));
                }
                rows.push(row);
            }
            if !dataset.events.is_empty() {
                note(
                    Diagnostic::of("sheet.not_exported", Severity::Warning, Location::Whole)
                        .variant("events")
                        .num("count", dataset.events.len())
                        .arg("template", template),
                );
            }
            if !dataset.partners.is_empty() {
                note(
                    Diagnostic::of("sheet.not_exported", Severity::Warning, Location::Whole)
                        .variant("partners")
                        .num("count", dataset.partners.len())
                        .arg("template", template),
                );
            }
        }
        Template::Registrations => {
            for r in &dataset.registrations {
                let mut row = HashMap::new();
                row.insert(Key::Id, Cell::Text(r.id().to_string()));
                row.insert(Key::Campaign, Cell::Text(r.campaign().to_string()));
                match r.registrant() {
                    Participant::Member { member: id } => {
                        row.insert(Key::Member, member(id));
                    }
                    Participant::Unit { unit } => {
                        row.insert(Key::UnitCode, code(unit));
                    }
                }
                row.insert(Key::Title, text(r.title().as_str()));
                row.insert(Key::Period, Cell::Text(r.period().to_string()));
                row.insert(Key::Date, date(r.date()));
                rows.push(row);
            }
        }
        Template::Grades => {
            let mut other = 0usize;
            for f in &dataset.facts {
                let Some(grade) = f.facts.grade() else {
                    other += 1;
                    continue;
                };
                if f.facts != MemberFacts::new().with_grade(grade) {
                    other += 1;
                }
                let mut row = HashMap::new();
                row.insert(Key::Id, member(f.member));
                row.insert(Key::Period, Cell::Text(f.period.to_string()));
                row.insert(Key::Grade, text(grade.label_vi()));
                rows.push(row);
            }
            if other > 0 {
                note(
                    Diagnostic::of("sheet.not_exported", Severity::Warning, Location::Whole)
                        .variant("facts")
                        .num("count", other)
                        .arg("template", template),
                );
            }
            if !dataset.collective_facts.is_empty() {
                note(
                    Diagnostic::of("sheet.not_exported", Severity::Warning, Location::Whole)
                        .variant("collective_facts")
                        .num("count", dataset.collective_facts.len())
                        .arg("template", template),
                );
            }
        }
        Template::Initiatives => {
            let mut other = 0usize;
            for i in &dataset.initiatives {
                let mut base = HashMap::new();
                base.insert(Key::Id, Cell::Text(i.id().to_string()));
                base.insert(Key::Title, text(i.title().as_str()));
                if !i.authors().is_empty() {
                    let authors: Vec<String> =
                        i.authors().iter().map(ToString::to_string).collect();
                    base.insert(Key::Authors, Cell::Text(authors.join("; ")));
                }
                base.insert(Key::UnitCode, code(i.unit()));
                base.insert(Key::Period, Cell::Text(i.period().to_string()));
                if i.submitted().is_some() || i.applied().is_some() {
                    other += 1;
                }
                if i.reviews().is_empty() {
                    rows.push(base.clone());
                }
                for r in i.reviews() {
                    let mut row = base.clone();
                    row.insert(Key::Level, text(r.level().label_vi()));
                    if r.submitted().is_some() {
                        other += 1;
                    }
                    if let Some(rec) = r.recognition() {
                        row.insert(Key::RecognisedOn, date(rec.date()));
                        if let Some(s) = rec.scope() {
                            row.insert(Key::Scope, text(s.label_vi()));
                        }
                        if rec.council().is_some() || rec.decision().is_some() {
                            other += 1;
                        }
                    }
                    rows.push(row);
                }
            }
            if other > 0 {
                note(
                    Diagnostic::of("sheet.not_exported", Severity::Warning, Location::Whole)
                        .variant("initiative_details")
                        .num("count", other)
                        .arg("template", template),
                );
            }
            if !dataset.initiative_reports.is_empty() {
                note(
                    Diagnostic::of("sheet.not_exported", Severity::Warning, Location::Whole)
                        .variant("initiative_reports")
                        .num("count", dataset.initiative_reports.len())
                        .arg("template", template),
                );
            }
        }
        Template::Support => {
            let mut other = 0usize;
            for s in &dataset.support_records {
                let mut row = HashMap::new();
                row.insert(Key::Id, Cell::Text(s.id().to_string()));
                row.insert(Key::Programme, text(s.programme().as_str()));
                row.insert(Key::UnitCode, code(s.organiser()));
                match s.when() {
                    SupportTime::Date { date: d } => {
                        row.insert(Key::Date, date(d));
                    }
                    SupportTime::Period { period } => {
                        row.insert(Key::Period, Cell::Text(period.to_string()));
                    }
                }
                if let Some(c) = s.recipients().count() {
                    row.insert(Key::Recipients, count_cell(c));
                }
                if let Some(a) = s.amount() {
                    row.insert(Key::Amount, amount_cell(a));
                }
                if !s.funding().is_empty() {
                    let f: Vec<&str> = s.funding().iter().map(|f| f.label_vi()).collect();
                    row.insert(Key::Funding, Cell::Text(f.join("; ")));
                }
                if !s.documents().is_empty() {
                    let d: Vec<&str> = s.documents().iter().map(|d| d.as_str()).collect();
                    row.insert(Key::Documents, Cell::Text(d.join("; ")));
                }
                let plain = s
                    .recipients()
                    .count()
                    .map_or_else(Recipients::new, Recipients::counted);
                if s.recipients() != &plain
                    || !s.items().is_empty()
                    || !s.parts().is_empty()
                    || s.campaign().is_some()
                {
                    other += 1;
                }
                rows.push(row);
            }
            if other > 0 {
                note(
                    Diagnostic::of("sheet.not_exported", Severity::Warning, Location::Whole)
                        .variant("support_details")
                        .num("count", other)
                        .arg("template", template),
                );
            }
            if !dataset.sponsorships.is_empty() {
                note(
                    Diagnostic::of("sheet.not_exported", Severity::Warning, Location::Whole)
                        .variant("sponsorships")
                        .num("count", dataset.sponsorships.len())
                        .arg("template", template),
                );
            }
            if !dataset.beneficiaries.is_empty() {
                note(
                    Diagnostic::of("sheet.not_exported", Severity::Warning, Location::Whole)
                        .variant("beneficiaries")
                        .num("count", dataset.beneficiaries.len())
                        .arg("template", template),
                );
            }
            if !dataset.twinnings.is_empty() {
                note(
                    Diagnostic::of("sheet.not_exported", Severity::Warning, Location::Whole)
                        .variant("twinnings")
                        .num("count", dataset.twinnings.len())
                        .arg("template", template),
                );
            }
        }
    }
    for (i, mut row) in rows.into_iter().enumerate() {
        let mut cells = vec![Cell::Number(
            format!("{}", i.saturating_add(1))
                .parse()
                .unwrap_or_default(),
        )];
        cells.extend(columns.iter().map(|k| row.remove(k).unwrap_or(Cell::Empty)));
        sheet.push_row(cells);
    }
    Export {
        sheet,
        diagnostics: left_out,
    }
}
