//! Numeric parameters of the rules, dated by regime, each with its citation; and the
//! overrides a jurisdiction applies from a date.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::rules::citation::Citation;
use crate::rules::law::Provision;
use crate::rules::regime::RegimeId;
use crate::rules::rule::RuleId;
use crate::value::format::Lang;
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

    /// A value of the parameter in words, with its unit: `8 tháng`, `3 years`,
    /// `70%`; a quota of 0 is "no quota".
    pub fn value_text(self, value: u32, lang: Lang) -> String {
        let en = lang == Lang::En;
        let unit = match self {
            ParamId::NewRecruitMinMonths | ParamId::TransferCommentMinMonths => {
                if en {
                    " months"
                } else {
                    " tháng"
                }
            }
            ParamId::CstdTinhConsecutiveYears | ParamId::BkTinhConsecutiveYears => {
                if en {
                    " years"
                } else {
                    " năm"
                }
            }
            ParamId::CstdtqConsecutiveYears => {
                if en {
                    " times"
                } else {
                    " lần"
                }
            }
            ParamId::AbsenceMaxDays => {
                if en {
                    " days"
                } else {
                    " ngày"
                }
            }
            ParamId::CstdcsQuotaPercent if value == 0 => {
                return (if en {
                    "no quota"
                } else {
                    "không giới hạn"
                })
                .to_owned();
            }
            ParamId::TtldxsMinLdttPercent
            | ParamId::TtldttMinLdttPercent
            | ParamId::CstdcsQuotaPercent => "%",
        };
        format!("{value}{unit}")
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

    /// The same change in another scope (a unit named by its code resolved to its
    /// id).
    pub(crate) fn with_scope(mut self, scope: Jurisdiction) -> Self {
        self.scope = scope;
        self
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

    /// The first day it applies.
    pub fn valid_from(&self) -> NaiveDate {
        self.from
    }

    /// The first day it no longer applies (`None`: it has no end).
    pub fn valid_until(&self) -> Option<NaiveDate> {
        self.until
    }

    /// Where and when it applies, in words: `đơn vị … và các đơn vị trực thuộc, từ
    /// 01/01/2024`, `unit … and every unit below it, from 2024-01-01` (a unit is
    /// named by its id: the override does not know the unit's name).
    pub fn reach_text(&self, lang: Lang) -> String {
        self.reach_named(lang, None)
    }

    /// As [`Override::reach_text`], naming the unit by `label` when given.
    pub(crate) fn reach_named(&self, lang: Lang, label: Option<&str>) -> String {
        let scope = match (self.scope, lang) {
            (Jurisdiction::Everywhere, Lang::En) => "every unit".to_owned(),
            (Jurisdiction::Everywhere, _) => "mọi đơn vị".to_owned(),
            (Jurisdiction::Subtree { unit }, Lang::En) => match label {
                Some(l) => format!("{l} and every unit below it"),
                None => format!("unit {unit} and every unit below it"),
            },
            (Jurisdiction::Subtree { unit }, _) => match label {
                Some(l) => format!("{l} và các đơn vị trực thuộc"),
                None => format!("đơn vị {unit} và các đơn vị trực thuộc"),
            },
        };
        let day = |d: NaiveDate| crate::rules::titles::day(d, lang);
        // The last day it applies: the day before `until`.
        match (self.until.and_then(|u| u.pred_opt()), lang) {
            (Some(u), Lang::En) => format!("{scope}, from {} to {}", day(self.from), day(u)),
            (Some(u), _) => format!("{scope}, từ {} đến {}", day(self.from), day(u)),
            (None, Lang::En) => format!("{scope}, from {}", day(self.from)),
            (None, _) => format!("{scope}, từ {}", day(self.from)),
        }
    }
}

/// A parameter as it stands for a case: the value in force, where it comes from,
/// and — when a jurisdiction's override set it — the built-in value it replaced
/// with that value's own citation.
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{Change, Citation, Evaluator, Jurisdiction, Override, ParamId, Period, ReviewContext, UnitId};
///
/// let province = UnitId::from_key("tinh-x");
/// let mut evaluator = Evaluator::new();
/// evaluator.add_override(Override::new(
///     Jurisdiction::Subtree { unit: province },
///     NaiveDate::from_ymd_opt(2024, 1, 1).ok_or("date")?,
///     Change::SetParameter { parameter: ParamId::NewRecruitMinMonths, value: 8 },
///     Citation::new("Quyết định 25/2024/QĐ-UBND").article("5"),
/// ));
/// let context = ReviewContext::new(Period::Year("2024".parse()?))
///     .submitted_on(NaiveDate::from_ymd_opt(2025, 1, 10).ok_or("date")?);
/// let plan = evaluator.plan("ldtt", &context, &[province])?;
/// let months = plan.parameter(ParamId::NewRecruitMinMonths).ok_or("parameter")?;
/// assert_eq!(months.value(), 8);
/// assert_eq!(months.citation().to_string(), "Quyết định 25/2024/QĐ-UBND, Điều 5");
/// assert_eq!(months.replaced().map(|(v, c)| (v, c.to_string())),
///            Some((6, "Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm d".to_owned())));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamInForce {
    parameter: ParamId,
    value: u32,
    citation: Citation,
    by: Option<Override>,
    default: Option<(u32, Citation)>,
    /// How texts name the override's unit, when the evaluator knows it.
    scope_label: Option<Arc<str>>,
}

impl ParamInForce {
    /// The parameter.
    pub fn parameter(&self) -> ParamId {
        self.parameter
    }

    /// The value in force.
    pub fn value(&self) -> u32 {
        self.value
    }

    /// The source of the value in force: the override's citation when one set it,
    /// else the built-in provision's.
    pub fn citation(&self) -> &Citation {
        &self.citation
    }

    /// The override that set the value, if one did (the last to apply wins).
    pub fn overridden_by(&self) -> Option<&Override> {
        self.by.as_ref()
    }

    /// The built-in value under the regime and its citation, whether or not an
    /// override replaced it (`None`: the regime sets no value).
    pub fn default_value(&self) -> Option<(u32, &Citation)> {
        self.default.as_ref().map(|(v, c)| (*v, c))
    }

    /// The built-in value an override replaced, with its citation (`None`: no
    /// override set the value, or the regime sets no value of its own).
    pub fn replaced(&self) -> Option<(u32, &Citation)> {
        self.by.as_ref().and(self.default_value())
    }

    /// The value in force in words, with its unit: `8 tháng`, `8 months`.
    pub fn value_text(&self, lang: Lang) -> String {
        self.parameter.value_text(self.value, lang)
    }

    /// Where the value comes from, in words: the override's citation, scope and
    /// dates, and the built-in value it replaced with that value's citation; or, for
    /// a built-in value, its citation alone.
    pub fn source_text(&self, lang: Lang) -> String {
        let Some(o) = &self.by else {
            return self.citation.to_string();
        };
        let replaced = match (&self.default, lang) {
            (Some((v, c)), Lang::En) => {
                format!("replacing {} ({c})", self.parameter.value_text(*v, lang))
            }
            (Some((v, c)), _) => {
                format!("thay cho {} ({c})", self.parameter.value_text(*v, lang))
            }
            (None, Lang::En) => "the regime sets no value of its own".to_owned(),
            (None, _) => "chế độ áp dụng không quy định mức riêng".to_owned(),
        };
        let reach = o.reach_named(lang, self.scope_label.as_deref());
        match lang {
            Lang::En => format!("{}, applying to {reach}, {replaced}", o.citation()),
            _ => format!("{}, áp dụng cho {reach}, {replaced}", o.citation()),
        }
    }
}

/// The parameter values in force for one plan, with where each came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Params {
    values: Vec<ParamInForce>,
}

impl Params {
    pub(crate) fn defaults(regime: RegimeId) -> Self {
        Self {
            values: ParamId::ALL
                .iter()
                .filter_map(|&p| {
                    p.default_for(regime).map(|(v, c)| ParamInForce {
                        parameter: p,
                        value: v,
                        citation: c.clone(),
                        by: None,
                        default: Some((v, c)),
                        scope_label: None,
                    })
                })
                .collect(),
        }
    }

    /// An override sets a parameter; the built-in value stays known as replaced.
    /// `label` names the override's unit in texts.
    pub(crate) fn set(&mut self, id: ParamId, value: u32, by: &Override, label: Option<Arc<str>>) {
        let entry = ParamInForce {
            parameter: id,
            value,
            citation: by.citation().clone(),
            by: Some(by.clone()),
            default: None,
            scope_label: label,
        };
        match self.values.iter_mut().find(|p| p.parameter == id) {
            Some(slot) => {
                *slot = ParamInForce {
                    default: slot.default.take(),
                    ..entry
                }
            }
            None => self.values.push(entry),
        }
    }

    pub(crate) fn get(&self, id: ParamId) -> u32 {
        self.entry(id).map_or(0, |p| p.value)
    }

    pub(crate) fn citation(&self, id: ParamId) -> Option<&Citation> {
        self.entry(id).map(|p| &p.citation)
    }

    pub(crate) fn entry(&self, id: ParamId) -> Option<&ParamInForce> {
        self.values.iter().find(|p| p.parameter == id)
    }

    pub(crate) fn all(&self) -> &[ParamInForce] {
        &self.values
    }
}
