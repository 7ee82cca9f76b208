//! Which support figures a report may publish.
//!
//! A report of one unit shows its subtree's figures, and the reports of its parent
//! and its siblings show theirs: read side by side they are a table with totals
//! (schools → district → city). The plan puts the figures of every unit of the
//! snapshot in one [`SuppressionTable`] per measure and suppresses them together, so
//! that every report built from the same data, day and period hides the same cells
//! and no combination of them gives a small count away.

use std::collections::{HashMap, HashSet};

use crate::org::snapshot::{Node, Snapshot};
use crate::people::roster::Roster;
use crate::support::beneficiary::SuppressionThreshold;
use crate::support::ledger::Ledger;
use crate::support::publish::{CellId, CellState, Suppression, SuppressionTable};
use crate::support::record::{SupportRecord, join};
use crate::support::sponsorship::{Contribution, Sponsor};
use crate::value::id::BeneficiaryId;
use crate::value::money::Vnd;
use crate::value::period::{DateRange, SchoolCalendar};
use crate::value::reported::{Qualifier, Reported};
use crate::value::text::Label;

/// The figures of one unit's subtree for one measure.
#[derive(Debug, Clone, Copy)]
struct Figures {
    count: u64,
    qualifier: Qualifier,
    money: i128,
}

impl Default for Figures {
    fn default() -> Self {
        Self {
            count: 0,
            qualifier: Qualifier::Exact,
            money: 0,
        }
    }
}

impl Figures {
    fn add(&mut self, other: Figures) {
        self.count = self.count.saturating_add(other.count);
        self.qualifier = join(self.qualifier, other.qualifier);
        self.money = self.money.saturating_add(other.money);
    }
}

/// One measure (sponsored children, or one programme's recipients) over every unit,
/// suppressed.
#[derive(Debug, Clone)]
struct Measure {
    cells: HashMap<usize, CellId>,
    suppression: Suppression,
}

impl Measure {
    /// Suppresses the subtree figures of every unit (keyed by node index) together.
    fn build(
        snapshot: &Snapshot<'_>,
        figures: &HashMap<usize, Figures>,
        threshold: SuppressionThreshold,
    ) -> Self {
        let mut nodes: Vec<usize> = figures
            .iter()
            .filter(|(_, f)| f.count != 0 || f.money != 0)
            .map(|(n, _)| *n)
            .collect();
        nodes.sort_unstable();
        let mut table = SuppressionTable::new();
        let mut cells = HashMap::with_capacity(nodes.len());
        for n in &nodes {
            let f = figures.get(n).copied().unwrap_or_default();
            let money = Vnd::from_dong(i64::try_from(f.money).unwrap_or(i64::MAX));
            let cell = table.cell_with_amount(Reported::new(f.count, f.qualifier), money);
            cells.insert(*n, cell);
        }
        let mut rows: HashMap<usize, Vec<CellId>> = HashMap::new();
        for n in &nodes {
            let parent = snapshot
                .node_at(*n)
                .and_then(|node| snapshot.parent(node))
                .map(Node::index);
            if let (Some(p), Some(cell)) = (parent.filter(|p| cells.contains_key(p)), cells.get(n))
            {
                rows.entry(p).or_default().push(*cell);
            }
        }
        let mut parents: Vec<(usize, Vec<CellId>)> = rows.into_iter().collect();
        parents.sort_unstable_by_key(|(p, _)| *p);
        for (p, parts) in parents {
            if let Some(total) = cells.get(&p) {
                table.total(*total, parts);
            }
        }
        Self {
            cells,
            suppression: table.suppress(threshold),
        }
    }

    fn state(&self, node: Node) -> CellState {
        self.cells
            .get(&node.index())
            .map_or(CellState::Shown, |c| self.suppression.state(*c))
    }
}

/// Adds `own` figures to the node and all its ancestors.
fn add_up(
    snapshot: &Snapshot<'_>,
    figures: &mut HashMap<usize, Figures>,
    node: Node,
    own: Figures,
) {
    for n in std::iter::once(node).chain(snapshot.ancestors(node)) {
        figures.entry(n.index()).or_default().add(own);
    }
}

/// What a report may publish of the support ledger on a snapshot over a period.
#[derive(Debug, Clone)]
pub(crate) struct PublicationPlan {
    sponsorship: Measure,
    /// Programmes whose records list beneficiaries (often minors).
    programmes: HashMap<Label, Measure>,
    /// Private programmes, numbered from 1 in the order they first appear.
    private: HashMap<Label, usize>,
}

impl PublicationPlan {
    /// Suppresses the sponsored children of every unit, and the recipients of every
    /// programme that lists beneficiaries, each measure over the whole snapshot.
    pub(crate) fn build(
        ledger: &Ledger,
        snapshot: &Snapshot<'_>,
        period: DateRange,
        calendar: &SchoolCalendar,
        roster: &Roster,
        threshold: SuppressionThreshold,
    ) -> Self {
        let sponsorship = Measure::build(
            snapshot,
            &sponsorship_figures(ledger, snapshot, period, roster),
            threshold,
        );
        let mut by_programme: Vec<(&Label, Vec<&SupportRecord>)> = Vec::new();
        let mut index: HashMap<&Label, usize> = HashMap::new();
        for r in ledger.support_records() {
            let i = *index.entry(r.programme()).or_insert_with(|| {
                by_programme.push((r.programme(), Vec::new()));
                by_programme.len().saturating_sub(1)
            });
            if let Some((_, records)) = by_programme.get_mut(i) {
                records.push(r);
            }
        }
        let mut programmes = HashMap::new();
        let mut private = HashMap::new();
        for (label, records) in by_programme {
            if records.iter().any(|r| r.is_private()) {
                let n = private.len().saturating_add(1);
                private.insert(label.clone(), n);
            }
            if records
                .iter()
                .any(|r| !r.recipients().beneficiaries().is_empty())
            {
                let figures = support_figures(&records, snapshot, period, calendar);
                programmes.insert(label.clone(), Measure::build(snapshot, &figures, threshold));
            }
        }
        Self {
            sponsorship,
            programmes,
            private,
        }
    }

    /// How the children sponsored in the node's subtree, and their money, are
    /// published.
    pub(crate) fn sponsorship(&self, node: Node) -> CellState {
        self.sponsorship.state(node)
    }

    /// How the recipients of a programme in the node's subtree, and their money, are
    /// published; `None` when the programme lists no beneficiaries (its recipients are
    /// members, counted as the source counts them).
    pub(crate) fn programme(&self, programme: &Label, node: Node) -> Option<CellState> {
        self.programmes.get(programme).map(|m| m.state(node))
    }

    /// The programme's name as published: a generic label, numbered when the ledger
    /// has several private programmes, for a private one; Vietnamese and English.
    pub(crate) fn programme_name(&self, programme: &Label) -> (String, String) {
        match self.private.get(programme) {
            None => (programme.as_str().to_owned(), programme.as_str().to_owned()),
            Some(_) if self.private.len() == 1 => (
                PRIVATE_PROGRAMME_VI.to_owned(),
                PRIVATE_PROGRAMME_EN.to_owned(),
            ),
            Some(n) => (
                format!("{PRIVATE_PROGRAMME_VI} {n}"),
                format!("{PRIVATE_PROGRAMME_EN} {n}"),
            ),
        }
    }
}

/// How a private programme is named in published reports, in Vietnamese.
pub(crate) const PRIVATE_PROGRAMME_VI: &str = "Chương trình hỗ trợ (riêng tư)";
/// How a private programme is named in published reports, in English.
pub(crate) const PRIVATE_PROGRAMME_EN: &str = "Support programme (private)";

/// Children sponsored (each counted once per subtree) and money, per node's subtree,
/// attributed as [`Ledger::sponsorship_totals`] attributes them.
fn sponsorship_figures(
    ledger: &Ledger,
    snapshot: &Snapshot<'_>,
    period: DateRange,
    roster: &Roster,
) -> HashMap<usize, Figures> {
    let mut figures: HashMap<usize, Figures> = HashMap::new();
    let mut seen: HashSet<(usize, BeneficiaryId)> = HashSet::new();
    for s in ledger.sponsorships() {
        let mut nodes: Vec<Node> = Vec::new();
        for e in s.entries() {
            if !period.contains(e.date()) {
                continue;
            }
            let unit = match s.giver(e) {
                Some(Sponsor::Member { member }) => roster.unit_of(member, e.date()),
                Some(Sponsor::Unit { unit }) => Some(unit),
                None => None,
            };
            let Some(node) = unit.and_then(|u| snapshot.node(u)) else {
                continue;
            };
            let money = match e.contribution() {
                Contribution::Money(a) => a.get(),
                Contribution::InKind(item) => item.valuation().map_or(0, |v| v.amount().get()),
                Contribution::Service(_) => 0,
            };
            add_up(
                snapshot,
                &mut figures,
                node,
                Figures {
                    money: i128::from(money),
                    ..Figures::default()
                },
            );
            if !nodes.contains(&node) {
                nodes.push(node);
            }
        }
        for node in nodes {
            for b in s.beneficiaries() {
                for n in std::iter::once(node).chain(snapshot.ancestors(node)) {
                    if !seen.insert((n.index(), *b)) {
                        break;
                    }
                    let f = figures.entry(n.index()).or_default();
                    f.count = f.count.saturating_add(1);
                }
            }
        }
    }
    figures
}

/// Recipients (summed over records, as reports count them) and money of a
/// programme's records, per node's subtree, counted as
/// [`Ledger::support_totals`] counts them.
fn support_figures(
    records: &[&SupportRecord],
    snapshot: &Snapshot<'_>,
    period: DateRange,
    calendar: &SchoolCalendar,
) -> HashMap<usize, Figures> {
    let mut figures: HashMap<usize, Figures> = HashMap::new();
    for r in records {
        let Some(span) = r.when().span(calendar) else {
            continue;
        };
        if period.intersection(&span) != Some(span) {
            continue;
        }
        let Some(node) = snapshot.node(r.organiser()) else {
            continue;
        };
        let mut own = Figures::default();
        match r.recipients().figure() {
            Some(f) => {
                own.count = f.value();
                own.qualifier = f.qualifier();
            }
            None => own.qualifier = Qualifier::AtLeast,
        }
        if let Some(a) = r.amount() {
            own.money = i128::from(a.value().get());
        }
        for item in r.items() {
            if let Some(v) = item.valuation() {
                own.money = own.money.saturating_add(i128::from(v.amount().get()));
            }
        }
        add_up(snapshot, &mut figures, node, own);
    }
    figures
}
