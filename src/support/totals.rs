//! Totals of the ledger for a scope and a period, attributed up the hierarchy.
//!
//! Every sponsorship entry belongs to the unit of the sponsor who gave it, as of the
//! entry's day: a member's unit from the [`Roster`] on that day, or the sponsoring
//! unit. Every support record belongs to its paying or organising unit. A scope is a
//! [`Snapshot`] node's subtree, or the whole snapshot; an entry counts in the scope
//! when its unit is a node of that subtree, so nothing outside leaks in — neither
//! money nor people. People are counted once per scope: two teachers of two schools
//! sponsoring the same student count the student once in their district.

use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{DataPath, Diagnostic, Diagnostics, Location, Severity, quote};
use crate::org::snapshot::{Node, Snapshot};
use crate::people::roster::Roster;
use crate::support::beneficiary::{PublishedCount, SuppressionThreshold};
use crate::support::item::{Item, ItemTally, ItemTotal};
use crate::support::ledger::Ledger;
use crate::support::record::{SupportRecord, join, trieu};
use crate::support::sponsorship::{Contribution, Sponsor};
use crate::value::format::{Lang, format_integer};
use crate::value::id::{BeneficiaryId, MemberId, UnitId};
use crate::value::money::{Vnd, VndSum};
use crate::value::period::{DateRange, SchoolCalendar};
use crate::value::reported::{Qualifier, Reported};

/// Where and when to total: the subtree of a node of a [`Snapshot`] (or the whole
/// snapshot) over a period of dates.
///
/// Every sponsorship entry belongs to the unit of the sponsor who gave it, as of the
/// entry's day: a member's unit from the [`Roster`] on that day, or the sponsoring
/// unit. Every support record belongs to its paying or organising unit. An entry or
/// record counts in the scope when its unit is a node of the subtree, so nothing from
/// outside leaks in, neither money nor people; one whose unit is not in the snapshot
/// counts in no scope and the totals say so. People are counted once per scope: two
/// teachers of two schools sponsoring the same student count the student once in
/// their district.
/// Sponsorship entries count by their date; support
/// records given over a period count when the whole period lies in this one, school
/// years taken from a [`SchoolCalendar`] (the default spans unless one is given).
#[derive(Debug, Clone, Copy)]
pub struct LedgerScope<'a, 'h> {
    snapshot: &'a Snapshot<'h>,
    node: Option<Node>,
    period: DateRange,
    calendar: Option<&'a SchoolCalendar>,
}

/// Where an entry or record falls relative to a scope.
enum Place {
    Inside,
    Outside(UnitId),
    /// Counted nowhere: why, in Vietnamese and in English.
    Unplaced(Why),
}

/// Why an entry or a record counts in no scope, in Vietnamese and in English.
struct Why {
    vi: String,
    en: String,
}

/// A day as Vietnamese messages write it: `01/07/2025`.
fn day_vi(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// A range of days as Vietnamese messages write it: `01/01/2024–31/12/2024`.
fn range_vi(range: DateRange) -> String {
    format!("{}–{}", day_vi(range.start()), day_vi(range.end()))
}

impl<'a, 'h> LedgerScope<'a, 'h> {
    /// The whole snapshot over `period`.
    pub fn whole(snapshot: &'a Snapshot<'h>, period: DateRange) -> Self {
        Self {
            snapshot,
            node: None,
            period,
            calendar: None,
        }
    }

    /// The subtree of `node` over `period`.
    pub fn subtree(snapshot: &'a Snapshot<'h>, node: Node, period: DateRange) -> Self {
        Self {
            node: Some(node),
            ..Self::whole(snapshot, period)
        }
    }

    /// Takes school years from `calendar`.
    #[must_use]
    pub fn with_calendar(mut self, calendar: &'a SchoolCalendar) -> Self {
        self.calendar = Some(calendar);
        self
    }

    /// The node whose subtree this is (`None`: the whole snapshot).
    pub fn node(&self) -> Option<Node> {
        self.node
    }

    /// The period.
    pub fn period(&self) -> DateRange {
        self.period
    }

    /// Whether `unit` is a node of the scope.
    pub fn contains_unit(&self, unit: UnitId) -> bool {
        matches!(self.place(unit), Place::Inside)
    }

    fn place(&self, unit: UnitId) -> Place {
        match self.snapshot.node(unit) {
            None => Place::Unplaced(Why {
                vi: format!(
                    "đơn vị {} không có trong hệ thống tổ chức ngày {}",
                    self.code_in(unit, Lang::Vi),
                    day_vi(self.snapshot.date())
                ),
                en: format!(
                    "unit {} is not in the hierarchy on {}",
                    self.code_in(unit, Lang::En),
                    self.snapshot.date()
                ),
            }),
            Some(n) if self.node.is_none_or(|s| self.snapshot.contains(s, n)) => Place::Inside,
            Some(_) => Place::Outside(unit),
        }
    }

    /// The unit's code quoted for messages, or its id when unknown.
    fn code_in(&self, unit: UnitId, lang: Lang) -> String {
        self.snapshot
            .hierarchy()
            .unit(unit)
            .map_or_else(|| unit.to_string(), |u| quote(u.code().as_str(), lang))
    }

    fn name_in(&self, lang: Lang) -> String {
        match (self.node, lang) {
            (Some(n), Lang::Vi) => {
                format!("phạm vi {}", quote(self.snapshot.code(n).as_str(), lang))
            }
            (Some(n), Lang::En) => format!("scope {}", quote(self.snapshot.code(n).as_str(), lang)),
            (None, Lang::Vi) => "toàn bộ dữ liệu".to_owned(),
            (None, Lang::En) => "the whole snapshot".to_owned(),
        }
    }
}

/// Money as totals add it: an exact sum and the qualifier the parts allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Money {
    sum: VndSum,
    qualifier: Qualifier,
}

impl Default for Money {
    fn default() -> Self {
        Self {
            sum: VndSum::new(),
            qualifier: Qualifier::Exact,
        }
    }
}

impl Money {
    fn add(&mut self, amount: Vnd, qualifier: Qualifier) {
        self.sum.add(amount);
        self.qualifier = join(self.qualifier, qualifier);
    }

    fn reported(&self) -> Option<Reported<Vnd>> {
        self.sum
            .total()
            .ok()
            .map(|v| Reported::new(v, self.qualifier))
    }

    /// Adds goods: their value if known, else the total becomes a lower bound and a
    /// warning says which goods lack a value.
    fn add_item(&mut self, item: &Item, path: DataPath, report: &mut Diagnostics) {
        match item.valuation() {
            Some(v) => self.add(v.amount(), Qualifier::Exact),
            None => {
                self.qualifier = join(self.qualifier, Qualifier::MoreThan);
                report.push(
                    Diagnostic::of(
                        "ledger.unvalued_in_kind",
                        Severity::Warning,
                        path.key("valuation"),
                    )
                    .quoted("item", item.to_string()),
                );
            }
        }
    }

    fn check(&self, report: &mut Diagnostics) {
        if self.sum.total().is_err() {
            let (vi, en) = match self.sum.to_dong_string(Lang::Vi) {
                Ok(total) => (total.clone(), total),
                Err(_) => (
                    "vượt quá ±1,7·10³⁸ đồng".to_owned(),
                    "beyond ±1,7·10³⁸ đồng".to_owned(),
                ),
            };
            report.push(
                Diagnostic::of("ledger.sum_overflow", Severity::Error, Location::Whole)
                    .words("total", vi, en)
                    .arg("max", Vnd::from_dong(i64::MAX)),
            );
        }
    }
}

fn check_items(items: &ItemTally, report: &mut Diagnostics) {
    if let Some(d) = items_overflow(items, Location::Whole) {
        report.push(d);
    }
}

/// The error for quantities that added up beyond the largest count, if any did: it
/// names an item whose total overflowed (the tally keeps such totals at the
/// largest count).
pub(crate) fn items_overflow(items: &ItemTally, at: impl Into<Location>) -> Option<Diagnostic> {
    items.overflow_message()?;
    let totals = items.clone().into_totals();
    let total = totals.iter().find(|t| t.quantity() == u64::MAX)?;
    Some(
        Diagnostic::of("ledger.sum_overflow", Severity::Error, at)
            .variant("items")
            .quoted("item", total.label().as_str())
            .arg("unit", total.unit())
            .arg("max", format_integer(i128::from(u64::MAX), Lang::Vi)),
    )
}

fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// Sponsorship totals of a scope over a period (see [`Ledger::sponsorship_totals`]).
///
/// Entries count when dated in the period and attributed inside the scope. Money is
/// cash plus the valuations of goods; goods without a valuation make it "more than"
/// (with a warning `ledger.unvalued_in_kind`). Sponsors are the givers of counted
/// entries, each counted once; beneficiaries are those of commitments with a counted
/// entry, each counted once. The diagnostics also say which entries of the period
/// count in no scope (`sponsorship.unplaced_entry`) and which beneficiaries counted
/// here are also sponsored from outside the scope
/// (`sponsorship.beneficiary_outside_scope`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SponsorshipTotals {
    money: Money,
    items: Vec<ItemTotal>,
    member_sponsors: u64,
    unit_sponsors: u64,
    beneficiaries: u64,
    services: u64,
    entries: u64,
    commitments: u64,
    diagnostics: Diagnostics,
}

impl SponsorshipTotals {
    /// The money total with its qualifier; `None` when it is beyond the `i64` range
    /// (see [`SponsorshipTotals::money_sum`]).
    pub fn money(&self) -> Option<Reported<Vnd>> {
        self.money.reported()
    }

    /// The exact money sum, in any range.
    pub fn money_sum(&self) -> VndSum {
        self.money.sum
    }

    /// Goods per item and unit, in the order first given.
    pub fn items(&self) -> &[ItemTotal] {
        &self.items
    }

    /// Distinct members who gave.
    pub fn member_sponsors(&self) -> u64 {
        self.member_sponsors
    }

    /// Distinct units that gave as a whole.
    pub fn unit_sponsors(&self) -> u64 {
        self.unit_sponsors
    }

    /// Distinct beneficiaries.
    pub fn beneficiaries(&self) -> u64 {
        self.beneficiaries
    }

    /// Services given.
    pub fn services(&self) -> u64 {
        self.services
    }

    /// Entries counted.
    pub fn entries(&self) -> u64 {
        self.entries
    }

    /// Commitments with at least one entry counted.
    pub fn commitments(&self) -> u64 {
        self.commitments
    }

    /// What the totals could not count cleanly.
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diagnostics
    }

    /// The totals as published, counts of people below `threshold` suppressed.
    pub fn publish(&self, threshold: SuppressionThreshold) -> PublishedSponsorship {
        PublishedSponsorship {
            money: self.money(),
            items: self.items.clone(),
            member_sponsors: threshold.apply(self.member_sponsors),
            unit_sponsors: threshold.apply(self.unit_sponsors),
            beneficiaries: threshold.apply(self.beneficiaries),
            services: self.services,
        }
    }
}

/// Published sponsorship totals: money, goods, services, and counts of people with
/// small counts suppressed. Display writes a Vietnamese sentence such as
/// "212 đoàn viên đỡ đầu 196 người, số tiền 265.902.000 đồng".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PublishedSponsorship {
    money: Option<Reported<Vnd>>,
    items: Vec<ItemTotal>,
    member_sponsors: PublishedCount,
    unit_sponsors: PublishedCount,
    beneficiaries: PublishedCount,
    services: u64,
}

impl PublishedSponsorship {
    /// The money total.
    pub fn money(&self) -> Option<Reported<Vnd>> {
        self.money
    }

    /// Goods per item and unit.
    pub fn items(&self) -> &[ItemTotal] {
        &self.items
    }

    /// Members who gave.
    pub fn member_sponsors(&self) -> PublishedCount {
        self.member_sponsors
    }

    /// Units that gave as a whole.
    pub fn unit_sponsors(&self) -> PublishedCount {
        self.unit_sponsors
    }

    /// Beneficiaries.
    pub fn beneficiaries(&self) -> PublishedCount {
        self.beneficiaries
    }

    /// Services given.
    pub fn services(&self) -> u64 {
        self.services
    }
}

/// Writes "; hiện vật: 33 bộ sách giáo khoa, …" when there are goods.
fn write_items(f: &mut fmt::Formatter<'_>, items: &[ItemTotal]) -> fmt::Result {
    if !items.is_empty() {
        let list: Vec<String> = items.iter().map(ToString::to_string).collect();
        write!(f, "; hiện vật: {}", list.join(", "))?;
    }
    Ok(())
}

impl fmt::Display for PublishedSponsorship {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} đoàn viên", self.member_sponsors)?;
        if self.unit_sponsors.figure() != Some(Reported::exact(0)) {
            write!(f, " và {} đơn vị", self.unit_sponsors)?;
        }
        write!(f, " đỡ đầu {} người", self.beneficiaries)?;
        match self.money {
            Some(m) => write!(f, ", số tiền {m}")?,
            None => f.write_str(", số tiền vượt quá giới hạn tính")?,
        }
        write_items(f, &self.items)?;
        if self.services > 0 {
            write!(
                f,
                "; {} lượt giúp đỡ bằng công sức",
                Reported::exact(self.services)
            )?;
        }
        Ok(())
    }
}

/// Support totals of a scope over a period (see [`Ledger::support_totals`]).
///
/// Records count when their day, or their whole period, lies in the period (one that
/// only partly does is left out, with an info `support.straddles_period`), and their
/// organiser is inside the scope. Money is the stated amounts plus the valuations of
/// goods, with the qualifiers they carry ("trên 1.065 triệu đồng" makes the total
/// "trên"); goods without a valuation make it "more than". Recipients add each
/// record's figure (its count, else the people it lists): people helped by two
/// records count twice, as reports count them; listed people are also counted
/// distinct. Breakdown parts are not added: they are inside their record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportTotals {
    records: u64,
    money: Money,
    items: Vec<ItemTotal>,
    recipients: Option<Reported<u64>>,
    listed_members: u64,
    listed_beneficiaries: u64,
    diagnostics: Diagnostics,
}

impl SupportTotals {
    /// Records counted.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// The money total with its qualifier; `None` when beyond the `i64` range.
    pub fn money(&self) -> Option<Reported<Vnd>> {
        self.money.reported()
    }

    /// The exact money sum, in any range.
    pub fn money_sum(&self) -> VndSum {
        self.money.sum
    }

    /// Goods per item and unit, in the order first given.
    pub fn items(&self) -> &[ItemTotal] {
        &self.items
    }

    /// The recipients, summed over records; "ít nhất" when some record gives no
    /// figure; `None` when none does.
    pub fn recipients(&self) -> Option<Reported<u64>> {
        self.recipients
    }

    /// Distinct members listed as recipients.
    pub fn listed_members(&self) -> u64 {
        self.listed_members
    }

    /// Distinct beneficiaries listed as recipients.
    pub fn listed_beneficiaries(&self) -> u64 {
        self.listed_beneficiaries
    }

    /// What the totals could not count cleanly.
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diagnostics
    }

    /// The totals as published, counts of people below `threshold` suppressed.
    pub fn publish(&self, threshold: SuppressionThreshold) -> PublishedSupport {
        PublishedSupport {
            records: self.records,
            money: self.money(),
            items: self.items.clone(),
            recipients: self.recipients.map(|r| threshold.apply_reported(r)),
            listed_members: threshold.apply(self.listed_members),
            listed_beneficiaries: threshold.apply(self.listed_beneficiaries),
        }
    }
}

/// Published support totals, counts of people below the threshold suppressed.
/// Display writes a Vietnamese sentence such as
/// "hỗ trợ 1.995 người, số tiền trên 1.065 triệu đồng".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PublishedSupport {
    records: u64,
    money: Option<Reported<Vnd>>,
    items: Vec<ItemTotal>,
    recipients: Option<PublishedCount>,
    listed_members: PublishedCount,
    listed_beneficiaries: PublishedCount,
}

impl PublishedSupport {
    /// Records counted.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// The money total.
    pub fn money(&self) -> Option<Reported<Vnd>> {
        self.money
    }

    /// Goods per item and unit.
    pub fn items(&self) -> &[ItemTotal] {
        &self.items
    }

    /// Recipients, if any record gives a figure.
    pub fn recipients(&self) -> Option<PublishedCount> {
        self.recipients
    }

    /// Distinct members listed.
    pub fn listed_members(&self) -> PublishedCount {
        self.listed_members
    }

    /// Distinct beneficiaries listed.
    pub fn listed_beneficiaries(&self) -> PublishedCount {
        self.listed_beneficiaries
    }
}

impl fmt::Display for PublishedSupport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.recipients {
            Some(r) => write!(f, "hỗ trợ {r} người")?,
            None => f.write_str("hỗ trợ")?,
        }
        match self.money {
            Some(m) if m.value() != Vnd::ZERO || m.qualifier() != Qualifier::Exact => {
                write!(f, ", số tiền {}", trieu(m, Lang::Vi))?;
            }
            Some(_) => {}
            None => f.write_str(", số tiền vượt quá giới hạn tính")?,
        }
        write_items(f, &self.items)
    }
}

pub(crate) fn sponsorship(
    ledger: &Ledger,
    scope: &LedgerScope<'_, '_>,
    roster: &Roster,
) -> SponsorshipTotals {
    let mut report = Diagnostics::new();
    let mut money = Money::default();
    let mut items = ItemTally::default();
    let mut members: HashSet<MemberId> = HashSet::new();
    let mut units: HashSet<UnitId> = HashSet::new();
    let mut beneficiaries: Vec<BeneficiaryId> = Vec::new();
    let mut counted: HashSet<BeneficiaryId> = HashSet::new();
    let mut outside: HashMap<BeneficiaryId, (DataPath, UnitId)> = HashMap::new();
    let (mut services, mut entries, mut commitments) = (0_u64, 0_u64, 0_u64);

    for (i, s) in ledger.sponsorships().iter().enumerate() {
        let mut inside = false;
        for (j, e) in s.entries().iter().enumerate() {
            if !scope.period.contains(e.date()) {
                continue;
            }
            let path = DataPath::root()
                .key("sponsorships")
                .index(i)
                .key("entries")
                .index(j);
            let giver = s.giver(e);
            let place = match giver {
                None => Place::Unplaced(Why {
                    vi: format!(
                        "cam kết có {} người, đơn vị đỡ đầu nhưng khoản đóng góp không ghi ai trong số đó",
                        format_integer(count(s.sponsors().len()).into(), Lang::Vi)
                    ),
                    en: format!(
                        "the commitment has {} sponsors and the entry names none of them",
                        s.sponsors().len()
                    ),
                }),
                Some(Sponsor::Member { member }) => match roster.unit_of(member, e.date()) {
                    Some(unit) => scope.place(unit),
                    None => Place::Unplaced(Why {
                        vi: format!(
                            "đoàn viên đỡ đầu {member} không sinh hoạt tại đơn vị nào vào ngày {}",
                            day_vi(e.date())
                        ),
                        en: format!("sponsor member {member} belongs to no unit on {}", e.date()),
                    }),
                },
                Some(Sponsor::Unit { unit }) => scope.place(unit),
            };
            match place {
                Place::Inside => {}
                Place::Outside(unit) => {
                    for b in s.beneficiaries() {
                        outside.entry(*b).or_insert_with(|| (path.clone(), unit));
                    }
                    continue;
                }
                Place::Unplaced(why) => {
                    report.push(
                        Diagnostic::of("sponsorship.unplaced_entry", Severity::Warning, path)
                            .variant("in_totals")
                            .date("date", e.date())
                            .words("why", why.vi, why.en),
                    );
                    continue;
                }
            }
            inside = true;
            entries = entries.saturating_add(1);
            match giver {
                Some(Sponsor::Member { member }) => {
                    members.insert(member);
                }
                Some(Sponsor::Unit { unit }) => {
                    units.insert(unit);
                }
                None => {}
            }
            match e.contribution() {
                Contribution::Money(a) => money.add(*a, Qualifier::Exact),
                Contribution::InKind(item) => {
                    items.add(item.label(), item.unit(), item.quantity());
                    money.add_item(item, path, &mut report);
                }
                Contribution::Service(_) => services = services.saturating_add(1),
            }
        }
        if inside {
            commitments = commitments.saturating_add(1);
            for b in s.beneficiaries() {
                if counted.insert(*b) {
                    beneficiaries.push(*b);
                }
            }
        }
    }
    for b in &beneficiaries {
        if let Some((path, unit)) = outside.get(b) {
            report.push(
                Diagnostic::of(
                    "sponsorship.beneficiary_outside_scope",
                    Severity::Warning,
                    path.clone(),
                )
                .arg("beneficiary", b)
                .words("scope", scope.name_in(Lang::Vi), scope.name_in(Lang::En))
                .words(
                    "unit",
                    scope.code_in(*unit, Lang::Vi),
                    scope.code_in(*unit, Lang::En),
                ),
            );
        }
    }
    money.check(&mut report);
    check_items(&items, &mut report);
    SponsorshipTotals {
        money,
        items: items.into_totals(),
        member_sponsors: count(members.len()),
        unit_sponsors: count(units.len()),
        beneficiaries: count(counted.len()),
        services,
        entries,
        commitments,
        diagnostics: report,
    }
}

/// Support totals of the given records (with their positions in the ledger, for
/// paths) in a scope.
pub(crate) fn support<'r>(
    scope: &LedgerScope<'_, '_>,
    list: impl IntoIterator<Item = (usize, &'r SupportRecord)>,
) -> SupportTotals {
    let default_calendar = SchoolCalendar::new();
    let calendar = scope.calendar.unwrap_or(&default_calendar);
    let mut report = Diagnostics::new();
    let mut money = Money::default();
    let mut items = ItemTally::default();
    let mut members: HashSet<MemberId> = HashSet::new();
    let mut beneficiaries: HashSet<BeneficiaryId> = HashSet::new();
    let mut recipients: Option<Reported<u64>> = None;
    let mut unknown_recipients = false;
    let mut records = 0_u64;

    for (i, r) in list {
        let path = DataPath::root().key("support_records").index(i);
        let Some(span) = r.when().span(calendar) else {
            continue;
        };
        if !span.overlaps(&scope.period) {
            continue;
        }
        if scope.period.intersection(&span) != Some(span) {
            report.push(
                Diagnostic::of("support.straddles_period", Severity::Info, path.key("when"))
                    .words("span", range_vi(span), span.to_string())
                    .words("period", range_vi(scope.period), scope.period.to_string()),
            );
            continue;
        }
        match scope.place(r.organiser()) {
            Place::Inside => {}
            Place::Outside(_) => continue,
            Place::Unplaced(why) => {
                report.push(
                    Diagnostic::of(
                        "support.unplaced_record",
                        Severity::Warning,
                        path.key("organiser"),
                    )
                    .variant("in_totals")
                    .words("why", why.vi, why.en),
                );
                continue;
            }
        }
        records = records.saturating_add(1);
        if let Some(a) = r.amount() {
            money.add(a.value(), a.qualifier());
        }
        for (k, item) in r.items().iter().enumerate() {
            items.add(item.label(), item.unit(), item.quantity());
            money.add_item(item, path.clone().key("items").index(k), &mut report);
        }
        match r.recipients().figure() {
            Some(f) => match recipients.map(|s| (s, s.checked_add(f))) {
                None => recipients = Some(f),
                Some((_, Ok(sum))) => recipients = Some(sum),
                Some((s, Err(_))) => report.push(
                    Diagnostic::of(
                        "ledger.sum_overflow",
                        Severity::Error,
                        path.clone().key("recipients"),
                    )
                    .variant("recipients")
                    .quoted("left", s.to_string_in(Lang::Vi))
                    .quoted("right", f.to_string_in(Lang::Vi)),
                ),
            },
            None => unknown_recipients = true,
        }
        for m in r.recipients().members() {
            members.insert(*m);
        }
        for b in r.recipients().beneficiaries() {
            beneficiaries.insert(*b);
        }
    }
    if unknown_recipients {
        recipients =
            recipients.map(|r| Reported::new(r.value(), join(r.qualifier(), Qualifier::AtLeast)));
    }
    money.check(&mut report);
    check_items(&items, &mut report);
    SupportTotals {
        records,
        money,
        items: items.into_totals(),
        recipients,
        listed_members: count(members.len()),
        listed_beneficiaries: count(beneficiaries.len()),
        diagnostics: report,
    }
}
