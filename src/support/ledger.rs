//! The support ledger: beneficiaries, sponsorship commitments, support records and
//! twinnings, as one file holds them, with the checks that span them.

use std::collections::HashMap;
use std::hash::Hash;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{DataPath, Diagnostic, Diagnostics, Severity, quote};
use crate::org::hierarchy::Hierarchy;
use crate::org::snapshot::{Node, Snapshot};
use crate::people::roster::Roster;
use crate::support::beneficiary::{Beneficiary, PublicBeneficiary};
use crate::support::item::{Item, ItemTally};
use crate::support::record::{Recipients, SupportRecord, SupportTime, cannot_fit};
use crate::support::sponsorship::{Contribution, Sponsor, Sponsorship};
use crate::support::totals::{self, LedgerScope, SponsorshipTotals, SupportTotals};
use crate::support::twinning::{self, Twinning, TwinningPartners};
use crate::value::format::Lang;
use crate::value::id::{BeneficiaryId, MemberId, UnitId};
use crate::value::money::{Vnd, VndSum};
use crate::value::period::SchoolCalendar;
use crate::value::reported::{Figure, Qualifier, Reported};
use crate::value::text::Label;

/// Everything the support ledger holds: beneficiaries (with their protected details),
/// sponsorship commitments, support records and twinnings.
///
/// The file form (serde) is the organisation's own, complete file, protected details
/// included; [`Ledger::to_public`] is the public export. `Debug` never shows
/// protected details. Paths in diagnostics point into the file form:
/// `$.beneficiaries[i]`, `$.sponsorships[i].entries[j].amount`,
/// `$.support_records[i].parts[k]`, `$.twinnings[i]`.
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{Beneficiary, BeneficiaryId, Entry, Hierarchy, Ledger, LedgerScope,
///     MemberId, MemberRecord, Membership, Period, Roster, SchoolCalendar, Sponsor,
///     Sponsorship, SponsorshipId, UnitCode, UnitId, UnitKind, UnitName, UnitRecord, Vnd};
///
/// let school = UnitRecord::new(UnitId::from_key("BTL.TH1"), UnitCode::try_new("BTL.TH1")?,
///     UnitKind::Grassroots, UnitName::try_new("Công đoàn Trường Tiểu học Cổ Nhuế")?);
/// let hierarchy = Hierarchy::build(vec![school], vec![], vec![]).map_err(|d| d.to_string())?;
/// let teacher = MemberId::from_key("GV-1");
/// let roster = Roster::build(&hierarchy, vec![MemberRecord::new(teacher)],
///     vec![Membership::new(teacher, UnitId::from_key("BTL.TH1"))], vec![])
///     .map_err(|d| d.to_string())?;
///
/// let child = BeneficiaryId::from_key("HS-001");
/// let day = NaiveDate::from_ymd_opt(2023, 10, 2).ok_or("date")?;
/// let mut ledger = Ledger::new();
/// ledger.push_beneficiary(Beneficiary::new(child));
/// ledger.push_sponsorship(
///     Sponsorship::new(SponsorshipId::from_key("S-1"), "năm học 2023-2024".parse::<Period>()?)
///         .with_sponsor(Sponsor::member(teacher))
///         .with_beneficiary(child)
///         .with_entry(Entry::money(day, Vnd::from_dong(1_500_000))),
/// );
/// assert!(ledger.validate(&hierarchy, &roster, &SchoolCalendar::new()).is_empty());
///
/// let tree = hierarchy.as_of(NaiveDate::from_ymd_opt(2024, 5, 31).ok_or("date")?);
/// let year = "năm học 2023-2024".parse::<Period>()?.default_span();
/// let totals = ledger.sponsorship_totals(&LedgerScope::whole(&tree, year), &roster);
/// assert_eq!((totals.member_sponsors(), totals.beneficiaries()), (1, 1));
/// assert_eq!(totals.money().map(|m| m.to_string()), Some("1.500.000 đồng".to_owned()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Ledger {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    beneficiaries: Vec<Beneficiary>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sponsorships: Vec<Sponsorship>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    support_records: Vec<SupportRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    twinnings: Vec<Twinning>,
}

/// The public export of a [`Ledger`]: everything but the beneficiaries' protected
/// details (beneficiaries appear as [`PublicBeneficiary`], the id alone). It is only
/// written (`Serialize`), never read back: the full file is the [`Ledger`] itself.
#[derive(Debug, Clone, Serialize)]
pub struct PublicLedger<'a> {
    beneficiaries: Vec<PublicBeneficiary>,
    sponsorships: &'a [Sponsorship],
    support_records: &'a [SupportRecord],
    twinnings: &'a [Twinning],
}

impl Ledger {
    /// An empty ledger.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a beneficiary.
    pub fn push_beneficiary(&mut self, beneficiary: Beneficiary) {
        self.beneficiaries.push(beneficiary);
    }

    /// Adds a sponsorship commitment.
    pub fn push_sponsorship(&mut self, sponsorship: Sponsorship) {
        self.sponsorships.push(sponsorship);
    }

    /// Adds a support record.
    pub fn push_support_record(&mut self, record: SupportRecord) {
        self.support_records.push(record);
    }

    /// Adds a twinning.
    pub fn push_twinning(&mut self, twinning: Twinning) {
        self.twinnings.push(twinning);
    }

    /// The beneficiaries.
    pub fn beneficiaries(&self) -> &[Beneficiary] {
        &self.beneficiaries
    }

    /// The beneficiary with this id.
    pub fn beneficiary(&self, id: BeneficiaryId) -> Option<&Beneficiary> {
        self.beneficiaries.iter().find(|b| b.id() == id)
    }

    /// The sponsorship commitments.
    pub fn sponsorships(&self) -> &[Sponsorship] {
        &self.sponsorships
    }

    /// The support records.
    pub fn support_records(&self) -> &[SupportRecord] {
        &self.support_records
    }

    /// The twinnings.
    pub fn twinnings(&self) -> &[Twinning] {
        &self.twinnings
    }

    /// The public export: serialise it for anything that leaves the organisation.
    pub fn to_public(&self) -> PublicLedger<'_> {
        PublicLedger {
            beneficiaries: self
                .beneficiaries
                .iter()
                .map(Beneficiary::to_public)
                .collect(),
            sponsorships: &self.sponsorships,
            support_records: &self.support_records,
            twinnings: &self.twinnings,
        }
    }

    /// Sponsorship totals for a scope and period (see [`SponsorshipTotals`]).
    pub fn sponsorship_totals(
        &self,
        scope: &LedgerScope<'_, '_>,
        roster: &Roster,
    ) -> SponsorshipTotals {
        totals::sponsorship(self, scope, roster)
    }

    /// Support totals for a scope and period, over every programme (see
    /// [`SupportTotals`]).
    pub fn support_totals(&self, scope: &LedgerScope<'_, '_>) -> SupportTotals {
        totals::support(scope, self.support_records.iter().enumerate())
    }

    /// Support totals for a scope and period, one per programme, in the order the
    /// programmes first appear in the ledger. Records are grouped by programme in
    /// one pass, so the time grows with the number of records, not with the number
    /// of programmes times records.
    pub fn support_totals_by_programme(
        &self,
        scope: &LedgerScope<'_, '_>,
    ) -> Vec<(Label, SupportTotals)> {
        let mut programmes: Vec<(&Label, Vec<(usize, &SupportRecord)>)> = Vec::new();
        let mut index: HashMap<&Label, usize> = HashMap::new();
        for (i, r) in self.support_records.iter().enumerate() {
            let k = *index.entry(r.programme()).or_insert_with(|| {
                programmes.push((r.programme(), Vec::new()));
                programmes.len().saturating_sub(1)
            });
            if let Some((_, records)) = programmes.get_mut(k) {
                records.push((i, r));
            }
        }
        programmes
            .into_iter()
            .map(|(p, records)| (p.clone(), totals::support(scope, records)))
            .collect()
    }

    /// Checks the twinning rule on the snapshot's day: every school (grassroots union
    /// of the schools bloc) in the subtree of `scope` is twinned with at least one
    /// unit `partners` accepts. Each school that is not gives a warning
    /// `twinning.school_not_twinned` naming it.
    pub fn check_twinning(
        &self,
        snapshot: &Snapshot<'_>,
        scope: Node,
        partners: TwinningPartners,
    ) -> Diagnostics {
        twinning::check(&self.twinnings, snapshot, scope, partners)
    }

    /// Checks the whole ledger against the hierarchy and the roster, school years
    /// taken from `calendar`, and reports every problem.
    ///
    /// Codes: `ledger.duplicate_id`, `ledger.unknown_member`, `ledger.unknown_unit`,
    /// `ledger.unknown_beneficiary`, `ledger.negative_amount`, `ledger.sum_overflow`
    /// (a commitment's money or quantities beyond the largest amount or count);
    /// `sponsorship.no_sponsor`, `sponsorship.no_beneficiary`,
    /// `sponsorship.entry_outside_period`, `sponsorship.entry_sponsor_missing` (several
    /// sponsors and the entry names none), `sponsorship.entry_sponsor_not_listed`,
    /// `sponsorship.unplaced_entry` (warning: the sponsor is in no unit on the day);
    /// `support.count_below_list`, `support.part_exceeds_whole`,
    /// `support.parts_exceed_whole`, `support.unplaced_record` (warning: the organiser
    /// does not exist then); `twinning.same_unit`, `twinning.bad_period`,
    /// `twinning.activity_outside_period`.
    pub fn validate(
        &self,
        hierarchy: &Hierarchy,
        roster: &Roster,
        calendar: &SchoolCalendar,
    ) -> Diagnostics {
        let mut v = Validator {
            hierarchy,
            roster,
            calendar,
            report: Diagnostics::new(),
            known: HashMap::new(),
        };
        v.known = v.unique(
            "beneficiaries",
            ("người được hỗ trợ", "beneficiary"),
            self.beneficiaries.iter().map(Beneficiary::id),
        );
        v.unique(
            "sponsorships",
            ("cam kết đỡ đầu", "sponsorship"),
            self.sponsorships.iter().map(Sponsorship::id),
        );
        v.unique(
            "support_records",
            ("hoạt động hỗ trợ", "support record"),
            self.support_records.iter().map(SupportRecord::id),
        );
        for (i, s) in self.sponsorships.iter().enumerate() {
            v.sponsorship(DataPath::root().key("sponsorships").index(i), s);
        }
        for (i, r) in self.support_records.iter().enumerate() {
            v.support_record(DataPath::root().key("support_records").index(i), r);
        }
        for (i, t) in self.twinnings.iter().enumerate() {
            v.twinning(DataPath::root().key("twinnings").index(i), t);
        }
        v.report
    }
}

struct Validator<'a> {
    hierarchy: &'a Hierarchy,
    roster: &'a Roster,
    calendar: &'a SchoolCalendar,
    report: Diagnostics,
    known: HashMap<BeneficiaryId, usize>,
}

impl Validator<'_> {
    fn push(&mut self, diagnostic: Diagnostic) {
        self.report.push(diagnostic);
    }

    /// Reports ids used twice; returns the first index of each id.
    fn unique<Id: Copy + Eq + Hash + std::fmt::Display>(
        &mut self,
        list: &str,
        (what_vi, what_en): (&str, &str),
        ids: impl Iterator<Item = Id>,
    ) -> HashMap<Id, usize> {
        let mut first = HashMap::new();
        for (i, id) in ids.enumerate() {
            if let Some(&f) = first.get(&id) {
                self.push(
                    Diagnostic::of(
                        "ledger.duplicate_id",
                        Severity::Error,
                        DataPath::root().key(list).index(i).key("id"),
                    )
                    .words("what", what_vi, what_en)
                    .arg("id", id)
                    .arg("first", format!("$.{list}[{f}]")),
                );
            } else {
                first.insert(id, i);
            }
        }
        first
    }

    /// The unit's code quoted for messages, or its id when unknown.
    fn code_in(&self, unit: UnitId, lang: Lang) -> String {
        self.hierarchy
            .unit(unit)
            .map_or_else(|| unit.to_string(), |u| quote(u.code().as_str(), lang))
    }

    fn known_unit(&mut self, path: DataPath, unit: UnitId) -> bool {
        let known = self.hierarchy.unit(unit).is_some();
        if !known {
            self.push(
                Diagnostic::of("ledger.unknown_unit", Severity::Error, path).arg("unit", unit),
            );
        }
        known
    }

    fn known_member(&mut self, path: DataPath, member: MemberId) -> bool {
        let known = self.roster.member(member).is_some();
        if !known {
            self.push(
                Diagnostic::of("ledger.unknown_member", Severity::Error, path)
                    .arg("member", member),
            );
        }
        known
    }

    fn known_beneficiary(&mut self, path: DataPath, beneficiary: BeneficiaryId) {
        if !self.known.contains_key(&beneficiary) {
            self.push(
                Diagnostic::of("ledger.unknown_beneficiary", Severity::Error, path)
                    .arg("beneficiary", beneficiary),
            );
        }
    }

    fn not_negative(&mut self, path: DataPath, amount: Vnd) {
        if amount.is_negative() {
            self.push(
                Diagnostic::of("ledger.negative_amount", Severity::Error, path)
                    .arg("amount", amount),
            );
        }
    }

    fn items(&mut self, path: &DataPath, items: &[Item]) {
        for (k, item) in items.iter().enumerate() {
            if let Some(v) = item.valuation() {
                let p = path.clone().index(k).key("valuation").key("amount");
                self.not_negative(p, v.amount());
            }
        }
    }

    fn sponsorship(&mut self, path: DataPath, s: &Sponsorship) {
        if s.sponsors().is_empty() {
            self.push(
                Diagnostic::of(
                    "sponsorship.no_sponsor",
                    Severity::Error,
                    path.clone().key("sponsors"),
                )
                .arg("id", s.id()),
            );
        }
        if s.beneficiaries().is_empty() {
            self.push(
                Diagnostic::of(
                    "sponsorship.no_beneficiary",
                    Severity::Error,
                    path.clone().key("beneficiaries"),
                )
                .arg("id", s.id()),
            );
        }
        let mut known_sponsors = Vec::new();
        for (k, sponsor) in s.sponsors().iter().enumerate() {
            let p = path.clone().key("sponsors").index(k);
            let known = match *sponsor {
                Sponsor::Member { member } => self.known_member(p.key("member"), member),
                Sponsor::Unit { unit } => self.known_unit(p.key("unit"), unit),
            };
            if known {
                known_sponsors.push(*sponsor);
            }
        }
        for (k, b) in s.beneficiaries().iter().enumerate() {
            self.known_beneficiary(path.clone().key("beneficiaries").index(k), *b);
        }
        if let Some(m) = s.planned().money() {
            self.not_negative(path.clone().key("planned").key("money"), m);
        }
        self.items(
            &path.clone().key("planned").key("items"),
            s.planned().items(),
        );

        let span = s.period().span(self.calendar);
        let mut money = VndSum::new();
        let mut quantities = ItemTally::default();
        for (j, e) in s.entries().iter().enumerate() {
            let p = path.clone().key("entries").index(j);
            if !span.contains(e.date()) {
                self.push(
                    Diagnostic::of(
                        "sponsorship.entry_outside_period",
                        Severity::Error,
                        p.clone().key("date"),
                    )
                    .date("date", e.date())
                    .arg("period", s.period())
                    .date("start", span.start())
                    .date("end", span.end()),
                );
            }
            match (e.sponsor(), s.sponsors().len()) {
                (Some(by), _) if !s.sponsors().contains(&by) => self.push(
                    Diagnostic::of(
                        "sponsorship.entry_sponsor_not_listed",
                        Severity::Error,
                        p.clone().key("by"),
                    )
                    .words(
                        "sponsor",
                        self.sponsor_text(by, Lang::Vi),
                        self.sponsor_text(by, Lang::En),
                    ),
                ),
                (None, n) if n > 1 => self.push(
                    Diagnostic::of(
                        "sponsorship.entry_sponsor_missing",
                        Severity::Error,
                        p.clone(),
                    )
                    .num("count", n),
                ),
                _ => {}
            }
            if let Some(giver) = s.giver(e).filter(|g| known_sponsors.contains(g)) {
                self.placed(p.clone().key("date"), giver, e.date());
            }
            if let Some((amount, field)) = e.amount_field() {
                let mut fp = p.clone();
                for f in field {
                    fp = fp.key(*f);
                }
                self.not_negative(fp, amount);
            }
            match e.contribution() {
                Contribution::Money(a) => money.add(*a),
                Contribution::InKind(item) => {
                    quantities.add(item.label(), item.unit(), item.quantity())
                }
                _ => {}
            }
        }
        if money.total().is_err() {
            let (vi, en) = match money.to_dong_string(Lang::Vi) {
                Ok(total) => (total.clone(), total),
                Err(_) => (
                    "vượt quá ±1,7·10³⁸ đồng".to_owned(),
                    "beyond ±1,7·10³⁸ đồng".to_owned(),
                ),
            };
            self.push(
                Diagnostic::of(
                    "ledger.sum_overflow",
                    Severity::Error,
                    path.clone().key("entries"),
                )
                .variant("entries")
                .words("total", vi, en)
                .arg("max", Vnd::from_dong(i64::MAX)),
            );
        }
        if let Some(d) = totals::items_overflow(&quantities, path.key("entries")) {
            self.push(d);
        }
    }

    fn sponsor_text(&self, sponsor: Sponsor, lang: Lang) -> String {
        match (sponsor, lang) {
            (Sponsor::Member { member }, Lang::Vi) => format!("đoàn viên {member}"),
            (Sponsor::Member { member }, Lang::En) => format!("member {member}"),
            (Sponsor::Unit { unit }, Lang::Vi) => format!("đơn vị {}", self.code_in(unit, lang)),
            (Sponsor::Unit { unit }, Lang::En) => format!("unit {}", self.code_in(unit, lang)),
        }
    }

    /// Warns when the giver is in no unit on the entry's day.
    fn placed(&mut self, path: DataPath, giver: Sponsor, date: NaiveDate) {
        let diagnostic = match giver {
            Sponsor::Member { member } if self.roster.unit_of(member, date).is_none() => {
                Diagnostic::of("sponsorship.unplaced_entry", Severity::Warning, path)
                    .arg("member", member)
                    .date("date", date)
            }
            Sponsor::Unit { unit } if !self.hierarchy.is_alive(unit, date) => {
                Diagnostic::of("sponsorship.unplaced_entry", Severity::Warning, path)
                    .variant("unit")
                    .words(
                        "unit",
                        self.code_in(unit, Lang::Vi),
                        self.code_in(unit, Lang::En),
                    )
                    .date("date", date)
            }
            _ => return,
        };
        self.push(diagnostic);
    }

    fn recipients(&mut self, path: DataPath, r: &Recipients) {
        for (k, m) in r.members().iter().enumerate() {
            self.known_member(path.clone().key("members").index(k), *m);
        }
        for (k, b) in r.beneficiaries().iter().enumerate() {
            self.known_beneficiary(path.clone().key("beneficiaries").index(k), *b);
        }
        if let Some(count) = r.count()
            && cannot_fit(
                (i128::from(r.listed()), Qualifier::Exact),
                (i128::from(count.value()), count.qualifier()),
            )
        {
            self.push(
                Diagnostic::of(
                    "support.count_below_list",
                    Severity::Error,
                    path.key("count"),
                )
                .words("count", count.to_string_in(Lang::Vi), count.to_string())
                .num("listed", r.listed()),
            );
        }
    }

    fn support_record(&mut self, path: DataPath, r: &SupportRecord) {
        if self.known_unit(path.clone().key("organiser"), r.organiser()) {
            let alive = |d| self.hierarchy.is_alive(r.organiser(), d);
            let on_time = match r.when() {
                SupportTime::Date { date } => alive(date),
                SupportTime::Period { period } => {
                    let span = period.span(self.calendar);
                    alive(span.start()) || alive(span.end())
                }
            };
            if !on_time {
                let at = path.clone().key("when");
                let (vi, en) = (
                    self.code_in(r.organiser(), Lang::Vi),
                    self.code_in(r.organiser(), Lang::En),
                );
                self.push(match r.when() {
                    SupportTime::Date { date } => {
                        Diagnostic::of("support.unplaced_record", Severity::Warning, at)
                            .words("unit", vi, en)
                            .date("date", date)
                    }
                    SupportTime::Period { period } => {
                        Diagnostic::of("support.unplaced_record", Severity::Warning, at)
                            .variant("period")
                            .words("unit", vi, en)
                            .arg("period", period)
                    }
                });
            }
        }
        self.recipients(path.clone().key("recipients"), r.recipients());
        if let Some(a) = r.amount() {
            self.not_negative(path.clone().key("amount"), a.value());
        }
        self.items(&path.clone().key("items"), r.items());

        let whole_recipients = r.recipients().figure();
        let mut whole_items = ItemTally::default();
        for item in r.items() {
            whole_items.add(item.label(), item.unit(), item.quantity());
        }
        let mut sum_recipients = (0_i128, Qualifier::Exact);
        let mut sum_amount = (0_i128, Qualifier::Exact);
        for (k, part) in r.parts().iter().enumerate() {
            let p = path.clone().key("parts").index(k);
            self.recipients(p.clone().key("recipients"), part.recipients());
            if let Some(a) = part.amount() {
                self.not_negative(p.clone().key("amount"), a.value());
                sum_amount = add(sum_amount, a.value().wide(), a.qualifier());
                if let Some(w) = r.amount()
                    && fits_not(a, w)
                {
                    self.part_too_big(
                        p.clone().key("amount"),
                        part.label(),
                        (a.to_string_in(Lang::Vi), a.to_string()),
                        (w.to_string_in(Lang::Vi), w.to_string()),
                    );
                }
            }
            self.items(&p.clone().key("items"), part.items());
            if let Some(f) = part.recipients().figure() {
                sum_recipients = add(sum_recipients, f.value().wide(), f.qualifier());
                if let Some(w) = whole_recipients
                    && fits_not(f, w)
                {
                    self.part_too_big(
                        p.clone().key("recipients"),
                        part.label(),
                        recipients(f),
                        (w.to_string_in(Lang::Vi), w.to_string()),
                    );
                }
            }
            for (n, item) in part.items().iter().enumerate() {
                if let Some(whole) = whole_items.quantity(item.label(), item.unit())
                    && item.quantity() > whole
                {
                    let whole = Item::new(item.label().clone(), whole, item.unit().clone());
                    self.part_too_big(
                        p.clone().key("items").index(n).key("quantity"),
                        part.label(),
                        (item.to_string_in(Lang::Vi), item.to_string()),
                        (whole.to_string_in(Lang::Vi), whole.to_string()),
                    );
                }
            }
        }
        if r.parts().len() > 1 {
            if let Some(w) = r.amount()
                && cannot_fit(sum_amount, (w.value().wide(), w.qualifier()))
            {
                let sum = Reported::new(
                    Vnd::from_dong(i64::try_from(sum_amount.0).unwrap_or(i64::MAX)),
                    sum_amount.1,
                );
                self.parts_too_big(
                    path.clone(),
                    (sum.to_string_in(Lang::Vi), sum.to_string()),
                    (w.to_string_in(Lang::Vi), w.to_string()),
                );
            }
            if let Some(w) = whole_recipients
                && cannot_fit(sum_recipients, (w.value().wide(), w.qualifier()))
            {
                let sum = u64::try_from(sum_recipients.0).unwrap_or(u64::MAX);
                self.parts_too_big(
                    path.clone(),
                    recipients(Reported::new(sum, sum_recipients.1)),
                    (w.to_string_in(Lang::Vi), w.to_string()),
                );
            }
        }
    }

    /// `part` and `whole` in Vietnamese and in English.
    fn part_too_big(
        &mut self,
        path: DataPath,
        label: &Label,
        part: (String, String),
        whole: (String, String),
    ) {
        self.push(
            Diagnostic::of("support.part_exceeds_whole", Severity::Error, path)
                .quoted("part", label.as_str())
                .words("figure", part.0, part.1)
                .words("whole", whole.0, whole.1),
        );
    }

    /// `parts` and `whole` in Vietnamese and in English.
    fn parts_too_big(&mut self, path: DataPath, parts: (String, String), whole: (String, String)) {
        self.push(
            Diagnostic::of(
                "support.parts_exceed_whole",
                Severity::Error,
                path.key("parts"),
            )
            .words("parts", parts.0, parts.1)
            .words("whole", whole.0, whole.1),
        );
    }

    fn twinning(&mut self, path: DataPath, t: &Twinning) {
        self.known_unit(path.clone().key("first"), t.first());
        self.known_unit(path.clone().key("second"), t.second());
        if t.first() == t.second() {
            self.push(
                Diagnostic::of(
                    "twinning.same_unit",
                    Severity::Error,
                    path.clone().key("second"),
                )
                .words(
                    "unit",
                    self.code_in(t.first(), Lang::Vi),
                    self.code_in(t.first(), Lang::En),
                ),
            );
        }
        if let Some(end) = t.end()
            && end < t.start()
        {
            self.push(
                Diagnostic::of(
                    "twinning.bad_period",
                    Severity::Error,
                    path.clone().key("end"),
                )
                .date("end", end)
                .date("start", t.start()),
            );
        }
        for (k, a) in t.activities().iter().enumerate() {
            if !t.is_in_force_on(a.date()) {
                let at = path.clone().key("activities").index(k).key("date");
                self.push(match t.end() {
                    Some(end) => {
                        Diagnostic::of("twinning.activity_outside_period", Severity::Error, at)
                            .date("date", a.date())
                            .date("start", t.start())
                            .date("end", end)
                    }
                    None => Diagnostic::of("twinning.activity_outside_period", Severity::Error, at)
                        .variant("open")
                        .date("date", a.date())
                        .date("start", t.start()),
                });
            }
        }
    }
}

/// A number of recipients in Vietnamese and in English: `2.000 người nhận`,
/// `2.000 recipients`.
fn recipients(figure: Reported<u64>) -> (String, String) {
    (
        format!("{} người nhận", figure.to_string_in(Lang::Vi)),
        format!("{figure} recipients"),
    )
}

/// Adds the least values of figures, keeping the qualifier of the sum.
fn add(sum: (i128, Qualifier), value: i128, qualifier: Qualifier) -> (i128, Qualifier) {
    (
        sum.0.saturating_add(value),
        crate::support::record::join(sum.1, qualifier),
    )
}

/// Integer figures widened for comparisons.
trait Wide: Copy {
    fn wide(self) -> i128;
}

impl Wide for u64 {
    fn wide(self) -> i128 {
        i128::from(self)
    }
}

impl Wide for Vnd {
    fn wide(self) -> i128 {
        i128::from(self.get())
    }
}

/// Whether a part figure cannot fit in the whole figure.
fn fits_not<T: Figure + Wide>(part: Reported<T>, whole: Reported<T>) -> bool {
    cannot_fit(
        (part.value().wide(), part.qualifier()),
        (whole.value().wide(), whole.qualifier()),
    )
}
