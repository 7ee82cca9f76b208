//! Figures as a source document states them ("244 Công đoàn cơ sở với 15.249 đoàn
//! viên"), kept with their qualifier and quote so reports can show them and checks
//! can compare them with what the data computes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::org::kind::Bloc;
use crate::value::id::UnitId;
use crate::value::money::Vnd;
use crate::value::period::Period;
use crate::value::ratio::Ratio;
use crate::value::reported::Reported;

/// The value of a stated figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", content = "figure", rename_all = "snake_case")]
#[non_exhaustive]
pub enum FigureValue {
    /// A count ("hơn 3.800 đoàn viên").
    Count(Reported<u64>),
    /// An amount of money ("trên 1.065 triệu đồng").
    Money(Reported<Vnd>),
    /// A share or rate ("19,5%", "95,34%").
    Ratio(Reported<Ratio>),
}

/// A figure a source document states about a unit's scope, for a period or a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StatedFigure {
    /// The unit whose scope the figure covers.
    pub unit: UnitId,
    /// What is counted, as a stable key (`members`, `workforce`, `cdcs.count`,
    /// `cdcs.grade.good` …): the report names the figures it knows by key.
    pub key: String,
    /// The value as stated.
    pub value: FigureValue,
    /// The bloc the figure is restricted to, if any ("khối trường học").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bloc: Option<Bloc>,
    /// The period the figure is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The day the figure holds on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<NaiveDate>,
    /// How the source names the figure, in Vietnamese ("đoàn viên được hỗ trợ do
    /// mắc Covid-19").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The period as the source writes it ("năm học 202-2022"), checked against
    /// `period`: a malformed or different period is reported, never silently fixed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_text: Option<String>,
    /// The sentence of the source that states it, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}
