//! Twinning (*kết nghĩa*) between two schools or units, with exchange activities
//! (*giao lưu*), and the rule "each school of the district is twinned with at least
//! one school of another district" ("mỗi trường thuộc quận Bắc Từ Liêm kết nghĩa với
//! ít nhất 1 trường thuộc huyện Thanh Oai").

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{DataPath, Diagnostic, Diagnostics, Severity};
use crate::org::kind::{Bloc, Level, UnitKind};
use crate::org::snapshot::{Node, Snapshot};
use crate::value::id::UnitId;
use crate::value::text::Label;

/// One exchange activity of a twinning: a date and what was done.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExchangeActivity {
    #[serde(deserialize_with = "crate::value::period::day::deserialize")]
    date: NaiveDate,
    description: Label,
}

impl ExchangeActivity {
    /// An activity on `date`.
    pub fn new(date: NaiveDate, description: Label) -> Self {
        Self { date, description }
    }

    /// The day.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// What was done.
    pub fn description(&self) -> &Label {
        &self.description
    }
}

/// A twinning between two units, from a start date to an optional last day
/// (inclusive; open while it lasts).
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{ExchangeActivity, Label, Twinning, UnitId};
///
/// let start = NaiveDate::from_ymd_opt(2022, 9, 5).ok_or("date")?;
/// let visit = NaiveDate::from_ymd_opt(2023, 3, 8).ok_or("date")?;
/// let pair = Twinning::new(UnitId::from_key("HN.BTL.TH001"), UnitId::from_key("HN.TO.TH001"), start)
///     .with_activity(ExchangeActivity::new(visit, Label::try_new("giao lưu chuyên môn")?));
/// assert!(pair.is_in_force_on(visit));
/// assert_eq!(pair.partner_of(UnitId::from_key("HN.TO.TH001")), Some(UnitId::from_key("HN.BTL.TH001")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Twinning {
    first: UnitId,
    second: UnitId,
    #[serde(deserialize_with = "crate::value::period::day::deserialize")]
    start: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::value::period::day::optional")]
    end: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    activities: Vec<ExchangeActivity>,
}

impl Twinning {
    /// `first` and `second` twinned from `start`, with no end yet.
    pub fn new(first: UnitId, second: UnitId, start: NaiveDate) -> Self {
        Self {
            first,
            second,
            start,
            end: None,
            activities: Vec::new(),
        }
    }

    /// Sets the last day of the twinning.
    #[must_use]
    pub fn ending_on(mut self, last_day: NaiveDate) -> Self {
        self.end = Some(last_day);
        self
    }

    /// Adds an exchange activity.
    #[must_use]
    pub fn with_activity(mut self, activity: ExchangeActivity) -> Self {
        self.activities.push(activity);
        self
    }

    /// The first unit.
    pub fn first(&self) -> UnitId {
        self.first
    }

    /// The second unit.
    pub fn second(&self) -> UnitId {
        self.second
    }

    /// The first day.
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// The last day, if it has ended.
    pub fn end(&self) -> Option<NaiveDate> {
        self.end
    }

    /// The exchange activities.
    pub fn activities(&self) -> &[ExchangeActivity] {
        &self.activities
    }

    /// Whether the twinning holds on `date`.
    pub fn is_in_force_on(&self, date: NaiveDate) -> bool {
        self.start <= date && self.end.is_none_or(|e| date <= e)
    }

    /// The other unit, if `unit` is one of the two.
    pub fn partner_of(&self, unit: UnitId) -> Option<UnitId> {
        if unit == self.first {
            Some(self.second)
        } else if unit == self.second {
            Some(self.first)
        } else {
            None
        }
    }
}

/// Which partners satisfy the twinning rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TwinningPartners {
    /// A unit under another district-level unit (*công đoàn cấp trên trực tiếp cơ sở*:
    /// district federation, commune union …) than the school's.
    AnotherDistrict,
    /// A unit in the subtree of this node (a named district such as Thanh Oai).
    Within(Node),
}

/// The nearest unit at the level directly above grassroots, the node itself included.
fn district_of(snapshot: &Snapshot<'_>, node: Node) -> Option<Node> {
    std::iter::once(node)
        .chain(snapshot.ancestors(node))
        .find(|&n| snapshot.level(n) == Level::DirectUpper)
}

/// Checks that every school (grassroots union of the schools bloc) in the subtree of
/// `scope` is twinned, on the snapshot's day, with at least one unit that `partners`
/// accepts.
pub(crate) fn check(
    twinnings: &[Twinning],
    snapshot: &Snapshot<'_>,
    scope: Node,
    partners: TwinningPartners,
) -> Diagnostics {
    let date = snapshot.date();
    let mut partner_map: HashMap<UnitId, Vec<UnitId>> = HashMap::new();
    for t in twinnings.iter().filter(|t| t.is_in_force_on(date)) {
        partner_map.entry(t.first).or_default().push(t.second);
        partner_map.entry(t.second).or_default().push(t.first);
    }
    let mut report = Diagnostics::new();
    for school in snapshot.subtree(scope) {
        if snapshot.kind(school) != UnitKind::Grassroots
            || snapshot.bloc(school) != Some(Bloc::Schools)
        {
            continue;
        }
        let home = district_of(snapshot, school);
        let twinned = partner_map
            .get(&snapshot.id(school))
            .into_iter()
            .flatten()
            .filter_map(|&p| snapshot.node(p))
            .any(|p| match partners {
                TwinningPartners::AnotherDistrict => {
                    p != school && district_of(snapshot, p) != home
                }
                TwinningPartners::Within(area) => p != school && snapshot.contains(area, p),
            });
        if !twinned {
            let name = snapshot
                .name(school)
                .map(|n| format!(" ({n})"))
                .unwrap_or_default();
            let at = DataPath::root().key("twinnings");
            let code = snapshot.code(school).as_str();
            report.push(match partners {
                TwinningPartners::AnotherDistrict => {
                    Diagnostic::of("twinning.school_not_twinned", Severity::Warning, at)
                        .variant("another_district")
                        .quoted("school", code)
                        .arg("name", name)
                        .date("date", date)
                }
                TwinningPartners::Within(area) => {
                    Diagnostic::of("twinning.school_not_twinned", Severity::Warning, at)
                        .quoted("school", code)
                        .arg("name", name)
                        .date("date", date)
                        .quoted("area", snapshot.code(area).as_str())
                }
            });
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_force_and_round_trip() {
        let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
        let t = Twinning::new(UnitId::from_key("a"), UnitId::from_key("b"), d(1, 1))
            .ending_on(d(6, 30))
            .with_activity(ExchangeActivity::new(
                d(3, 8),
                Label::try_new("giao lưu").unwrap(),
            ));
        assert!(t.is_in_force_on(d(6, 30)) && !t.is_in_force_on(d(7, 1)));
        assert_eq!(t.partner_of(UnitId::from_key("c")), None);
        assert_eq!(t.end(), Some(d(6, 30)));
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<Twinning>(&json).unwrap(), t);
        assert_eq!(t.activities()[0].description().as_str(), "giao lưu");
    }
}
