//! Numeric parameters of the rules, dated by regime, each with its citation; and the
//! overrides a jurisdiction applies from a date.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::rules::citation::Citation;
use crate::rules::law::Provision;
use crate::rules::regime::RegimeId;
use crate::rules::rule::RuleId;
use crate::value::id::UnitId;

labelled_enum! {
    /// A numeric parameter of the built-in rules.
    pub enum ParamId {
        /// Months since recruitment below which a person gets no LĐTT.
        NewRecruitMinMonths => ("new_recruit_min_months", "số tháng tối thiểu từ khi tuyển dụng để xét Lao động tiên tiến", "minimum months since recruitment for LĐTT"),
        /// Consecutive CSTĐCS years needed for CSTĐ at ministry/province level.
        CstdTinhConsecutiveYears => ("cstd_tinh_consecutive_years", "số năm liên tục đạt Chiến sĩ thi đua cơ sở để xét Chiến sĩ thi đua cấp tỉnh", "consecutive CSTĐCS years for provincial CSTĐ"),
        /// Consecutive **times** of provincial CSTĐ needed for national CSTĐ (each
        /// time covers several years; the code keeps its first name).
        CstdtqConsecutiveYears => ("cstdtq_consecutive_years", "số lần liên tục đạt Chiến sĩ thi đua cấp tỉnh để xét Chiến sĩ thi đua toàn quốc", "consecutive times of provincial CSTĐ for national CSTĐ"),
        /// Consecutive CSTĐCS years for an individual Bằng khen of a ministry/province.
        BkTinhConsecutiveYears => ("bk_tinh_consecutive_years", "số năm liên tục đạt Chiến sĩ thi đua cơ sở để xét Bằng khen cấp tỉnh", "consecutive CSTĐCS years for a provincial certificate of merit"),
        /// Share of members with LĐTT a TTLĐXS needs, in percent (at least).
        TtldxsMinLdttPercent => ("ttldxs_min_ldtt_percent", "tỷ lệ tối thiểu cá nhân đạt Lao động tiên tiến của Tập thể lao động xuất sắc (%)", "minimum share of LĐTT members for TTLĐXS (%)"),
        /// Share of members with LĐTT a TTLĐTT must exceed, in percent.
        TtldttMinLdttPercent => ("ttldtt_min_ldtt_percent", "tỷ lệ cá nhân đạt Lao động tiên tiến mà Tập thể lao động tiên tiến phải vượt (%)", "share of LĐTT members TTLĐTT must exceed (%)"),
        /// Most CSTĐCS a unit may name, in percent of its LĐTT (0: no quota).
        CstdcsQuotaPercent => ("cstdcs_quota_percent", "tỷ lệ tối đa Chiến sĩ thi đua cơ sở trên số Lao động tiên tiến (%; 0 là không giới hạn)", "most CSTĐCS as a share of LĐTT (%; 0 for none)"),
        /// Most days absent (not counted as working time) for LĐTT, when a
        /// jurisdiction enables the absence rule.
        AbsenceMaxDays => ("absence_max_days", "số ngày nghỉ tối đa (không tính thời gian được tính là thời gian công tác)", "most days absent, not counting leave that counts as working time"),
        /// Months at the previous unit from which a transferred person's new unit
        /// needs the previous unit's comments, when a jurisdiction enables the rule.
        TransferCommentMinMonths => ("transfer_comment_min_months", "số tháng công tác ở đơn vị cũ từ đó cần ý kiến nhận xét của đơn vị cũ khi xét cho người chuyển công tác", "months at the previous unit from which its comments are needed for a transferred person"),
    }
}

/// A parameter's built-in value under the regimes of its provision.
#[derive(Debug, Clone)]
pub(crate) struct ParamDefault {
    pub(crate) value: u32,
    pub(crate) law: Provision,
}

impl ParamId {
    /// The built-in values, each with the provision that sets it, kept in the module
    /// of the rule that uses the parameter.
    pub(crate) fn defaults(self) -> &'static [ParamDefault] {
        use crate::rules::titles::{bk_tinh, cstd_tinh, cstdcs, cstdtq, ldtt, ttldtt, ttldxs};
        match self {
            ParamId::NewRecruitMinMonths => ldtt::NEW_RECRUIT_MIN_MONTHS,
            ParamId::CstdTinhConsecutiveYears => cstd_tinh::CONSECUTIVE_CSTDCS,
            ParamId::CstdtqConsecutiveYears => cstdtq::CONSECUTIVE_CSTD_TINH,
            ParamId::BkTinhConsecutiveYears => bk_tinh::CONSECUTIVE_YEARS,
            ParamId::TtldxsMinLdttPercent => ttldxs::MIN_LDTT_PERCENT,
            ParamId::TtldttMinLdttPercent => ttldtt::MIN_LDTT_PERCENT,
            ParamId::CstdcsQuotaPercent => cstdcs::QUOTA_PERCENT,
            ParamId::AbsenceMaxDays => ldtt::ABSENCE_MAX_DAYS,
            ParamId::TransferCommentMinMonths => ldtt::TRANSFER_COMMENT_MIN_MONTHS,
        }
    }

    /// The built-in value under a regime, with its citation (`None`: the regime has
    /// no rule that uses the parameter).
    pub fn default_for(self, regime: RegimeId) -> Option<(u32, Citation)> {
        self.provision(regime)
            .map(|d| (d.value, d.law.citation().clone()))
    }

    /// The built-in value under a regime with the law's words that set it.
    pub(crate) fn provision(self, regime: RegimeId) -> Option<&'static ParamDefault> {
        self.defaults()
            .iter()
            .find(|d| d.law.regimes().contains(&regime))
    }
}

/// Where an override applies: everywhere, or in one unit's subtree (a province's
/// federation, a sector union, a district, a school).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Jurisdiction {
    /// Every candidate.
    Everywhere,
    /// Candidates of this unit and every unit below it.
    Subtree {
        /// The top unit of the jurisdiction.
        unit: UnitId,
    },
}

impl Jurisdiction {
    /// Whether a candidate whose unit and ancestors are `chain` falls in it.
    pub fn covers(&self, chain: &[UnitId]) -> bool {
        match self {
            Jurisdiction::Everywhere => true,
            Jurisdiction::Subtree { unit } => chain.contains(unit),
        }
    }
}

/// What an override changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Change {
    /// Sets a parameter.
    SetParameter {
        /// The parameter.
        parameter: ParamId,
        /// The new value.
        value: u32,
    },
    /// Turns a rule on (for its titles, under every regime).
    EnableRule {
        /// The rule.
        rule: RuleId,
    },
    /// Turns a rule off.
    DisableRule {
        /// The rule.
        rule: RuleId,
    },
}

/// A jurisdiction's change to the built-in rules, from a date (and until a date),
/// with its own citation — a sector circular, a provincial decision, a union's own
/// regulation.
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{Change, Citation, Jurisdiction, Override, ParamId};
///
/// // A province keeps the 15% quota of CSTĐCS after 2024.
/// let keep_quota = Override::new(
///     Jurisdiction::Everywhere,
///     NaiveDate::from_ymd_opt(2024, 1, 1).ok_or("date")?,
///     Change::SetParameter { parameter: ParamId::CstdcsQuotaPercent, value: 15 },
///     Citation::new("Quyết định 12/2024/QĐ-UBND").article("8"),
/// );
/// assert!(keep_quota.applies_on(NaiveDate::from_ymd_opt(2024, 6, 1).ok_or("date")?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Override {
    scope: Jurisdiction,
    #[serde(deserialize_with = "crate::value::period::day::deserialize")]
    from: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::value::period::day::optional")]
    until: Option<NaiveDate>,
    change: Change,
    citation: Citation,
}

impl Override {
    /// A change in a jurisdiction from a day on.
    pub fn new(scope: Jurisdiction, from: NaiveDate, change: Change, citation: Citation) -> Self {
        Self {
            scope,
            from,
            until: None,
            change,
            citation,
        }
    }

    /// Ends the override: it no longer applies from `date`.
    #[must_use]
    pub fn until(mut self, date: NaiveDate) -> Self {
        self.until = Some(date);
        self
    }

    /// Whether the override applies to a case decided on `date`.
    pub fn applies_on(&self, date: NaiveDate) -> bool {
        self.from <= date && self.until.is_none_or(|u| date < u)
    }

    /// Where it applies.
    pub fn scope(&self) -> Jurisdiction {
        self.scope
    }

    /// What it changes.
    pub fn change(&self) -> &Change {
        &self.change
    }

    /// Its source.
    pub fn citation(&self) -> &Citation {
        &self.citation
    }
}

/// The parameter values in force for one plan, with where each came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Params {
    values: Vec<(ParamId, u32, Citation)>,
}

impl Params {
    pub(crate) fn defaults(regime: RegimeId) -> Self {
        Self {
            values: ParamId::ALL
                .iter()
                .filter_map(|&p| p.default_for(regime).map(|(v, c)| (p, v, c)))
                .collect(),
        }
    }

    pub(crate) fn set(&mut self, id: ParamId, value: u32, citation: Citation) {
        match self.values.iter_mut().find(|(p, _, _)| *p == id) {
            Some(slot) => *slot = (id, value, citation),
            None => self.values.push((id, value, citation)),
        }
    }

    pub(crate) fn get(&self, id: ParamId) -> u32 {
        self.values
            .iter()
            .find(|(p, _, _)| *p == id)
            .map_or(0, |(_, v, _)| *v)
    }

    pub(crate) fn citation(&self, id: ParamId) -> Option<&Citation> {
        self.values
            .iter()
            .find(|(p, _, _)| *p == id)
            .map(|(_, _, c)| c)
    }
}
