//! The rules in force for a jurisdiction on a day: the regime, the parameters with
//! their values and sources, every built-in rule on or off and why, the overrides
//! and the jurisdiction's own rules. Rendered by `report::rules_doc`.

use chrono::{Datelike, NaiveDate};

use crate::rules::citation::Citation;
use crate::rules::engine::{Evaluator, InForce};
use crate::rules::param::{Override, ParamInForce};
use crate::rules::regime::{RegimeChoice, ReviewContext, RuleError};
use crate::rules::rule::{DefaultState, RuleId};
use crate::value::id::UnitId;
use crate::value::period::{Period, Year};

/// Whether a built-in rule applies, and on what ground.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RuleState {
    /// On by default under the regime; a finding cites this provision.
    On(Citation),
    /// Off by default, turned on by an override with this citation.
    Enabled(Citation),
    /// On by default under the regime, turned off by an override with this citation.
    Disabled(Citation),
    /// Off by default (a jurisdiction's own rule) and not turned on here.
    Off,
    /// Not a rule of the regime in force.
    NotInRegime,
}

impl RuleState {
    /// Whether the rule is checked.
    pub fn is_on(&self) -> bool {
        matches!(self, RuleState::On(_) | RuleState::Enabled(_))
    }
}

/// A jurisdiction's own rule in force (added with
/// [`Evaluator::add_custom_rule`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CustomInForce {
    /// Its code.
    pub code: String,
    /// The title it is a condition of.
    pub title: String,
    /// Its source.
    pub citation: Citation,
    /// The first day it applies.
    pub from: NaiveDate,
}

/// The rules in force for a jurisdiction on a day, as a document: built with
/// [`Evaluator::rules_in_force`] (or `Model::rules_in_force` for a unit of a dataset),
/// rendered with [`RulesInForce::to_markdown`] and [`RulesInForce::to_html`].
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{Change, Citation, Evaluator, Jurisdiction, Lang, Override, ParamId, UnitId};
///
/// let province = UnitId::from_key("TX");
/// let mut evaluator = Evaluator::new();
/// evaluator.add_override(Override::new(
///     Jurisdiction::Subtree { unit: province },
///     NaiveDate::from_ymd_opt(2024, 1, 1).ok_or("date")?,
///     Change::SetParameter { parameter: ParamId::NewRecruitMinMonths, value: 8 },
///     Citation::new("Quyết định 25/2024/QĐ-UBND").article("5"),
/// ));
/// let day = NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?;
/// let doc = evaluator.rules_in_force(&[province], day)?.named("TX");
/// let months = doc.parameters().iter().find(|p| p.parameter() == ParamId::NewRecruitMinMonths);
/// assert_eq!(months.map(|p| p.value()), Some(8));
/// assert!(doc.to_markdown(Lang::En).contains(
///     "| `new_recruit_min_months` | minimum months since recruitment for LĐTT | 8 months | \
///      Quyết định 25/2024/QĐ-UBND, Điều 5 | 6 months (Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm d) |"
/// ));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct RulesInForce {
    pub(crate) day: NaiveDate,
    pub(crate) place: Option<String>,
    pub(crate) regime: RegimeChoice,
    pub(crate) rules: Vec<(RuleId, RuleState)>,
    pub(crate) params: Vec<ParamInForce>,
    pub(crate) overrides: Vec<(Override, Option<String>)>,
    pub(crate) custom: Vec<CustomInForce>,
}

impl RulesInForce {
    /// Names the jurisdiction in the document's title (a unit's code and name).
    #[must_use]
    pub fn named(mut self, place: impl Into<String>) -> Self {
        self.place = Some(place.into());
        self
    }

    /// The day.
    pub fn day(&self) -> NaiveDate {
        self.day
    }

    /// The jurisdiction's name, if given.
    pub fn place(&self) -> Option<&str> {
        self.place.as_deref()
    }

    /// The regime in force that day, and why.
    pub fn regime(&self) -> &RegimeChoice {
        &self.regime
    }

    /// Every built-in rule with its state, in the order of [`RuleId::ALL`].
    pub fn rules(&self) -> &[(RuleId, RuleState)] {
        &self.rules
    }

    /// The parameters in force, overrides applied.
    pub fn parameters(&self) -> &[ParamInForce] {
        &self.params
    }

    /// The overrides that apply, in the order they were added (a later one wins),
    /// each with the label of its unit when known.
    pub fn overrides(&self) -> &[(Override, Option<String>)] {
        &self.overrides
    }

    /// The jurisdiction's own rules in force.
    pub fn custom_rules(&self) -> &[CustomInForce] {
        &self.custom
    }
}

impl Evaluator {
    /// The rules in force on `day` for a jurisdiction whose unit and ancestors are
    /// `jurisdiction` (nearest first; empty for overrides that apply everywhere
    /// only): the regime of a case decided that day, every built-in rule on or off
    /// and why, the parameters with their sources, the overrides and the
    /// jurisdiction's own rules.
    ///
    /// # Errors
    /// [`RuleError::NoRegime`] when no regime covers the day.
    pub fn rules_in_force(
        &self,
        jurisdiction: &[UnitId],
        day: NaiveDate,
    ) -> Result<RulesInForce, RuleError> {
        let year = Year::try_new(day.year()).map_err(|_| RuleError::NoRegime { date: day })?;
        let regime = ReviewContext::new(Period::Year(year))
            .decision_on(day)
            .regime()?;
        let InForce {
            params,
            on,
            off,
            overrides,
            custom,
        } = self.in_force(regime.regime(), day, jurisdiction);
        let rules = RuleId::ALL
            .iter()
            .map(|&r| {
                let state = if let Some((_, c)) = on.iter().find(|(x, _)| *x == r) {
                    match r.default_state() {
                        DefaultState::On if r.provision(regime.regime()).is_some() => {
                            RuleState::On(c.clone())
                        }
                        _ => RuleState::Enabled(c.clone()),
                    }
                } else if let Some((_, c)) = off.iter().find(|(x, _)| *x == r) {
                    RuleState::Disabled(c.clone())
                } else if r.provision(regime.regime()).is_none() {
                    RuleState::NotInRegime
                } else {
                    RuleState::Off
                };
                (r, state)
            })
            .collect();
        Ok(RulesInForce {
            day,
            place: None,
            regime,
            rules,
            params: params.all().to_vec(),
            overrides: overrides
                .into_iter()
                .map(|(o, l)| (o, l.map(|l| l.to_string())))
                .collect(),
            custom: custom
                .into_iter()
                .map(|(c, from)| CustomInForce {
                    code: c.code().to_owned(),
                    title: c.title().to_owned(),
                    citation: c.citation(),
                    from,
                })
                .collect(),
        })
    }
}
