//! Static checks of a rule set: a jurisdiction's overrides read on their own, before
//! any case is decided with them.

use std::collections::HashMap;
use std::ops::RangeInclusive;

use chrono::NaiveDate;

use crate::dataset::file::{read_one, syntax_report};
use crate::diagnostic::{DataPath, Diagnostic, Diagnostics, Severity};
use crate::org::hierarchy::Hierarchy;
use crate::rules::param::{Change, Jurisdiction, Override, ParamId};
use crate::rules::regime::RegimeId;
use crate::rules::rule::{DefaultState, RuleId};
use crate::rules::titles::day;
use crate::value::format::Lang;
use crate::value::id::UnitId;

impl ParamId {
    /// The values the parameter may legally take, by its kind:
    ///
    /// - months (`new_recruit_min_months`, `transfer_comment_min_months`): 1 to 120 —
    ///   a number of months must be positive;
    /// - consecutive years or times (`cstd_tinh_consecutive_years`,
    ///   `cstdtq_consecutive_years`, `bk_tinh_consecutive_years`): 1 to 10;
    /// - a share a collective must reach (`ttldxs_min_ldtt_percent`) or a quota
    ///   (`cstdcs_quota_percent`, 0 for none): 0 to 100 percent;
    /// - a share a collective must exceed (`ttldtt_min_ldtt_percent`): 0 to 99
    ///   percent (no share exceeds 100%);
    /// - days absent (`absence_max_days`): 0 to 366.
    ///
    /// ```
    /// use thidua::ParamId;
    ///
    /// assert_eq!(ParamId::NewRecruitMinMonths.legal_range(), 1..=120);
    /// assert!(!ParamId::TtldxsMinLdttPercent.legal_range().contains(&101));
    /// ```
    pub fn legal_range(self) -> RangeInclusive<u32> {
        match self {
            ParamId::NewRecruitMinMonths | ParamId::TransferCommentMinMonths => 1..=120,
            ParamId::CstdTinhConsecutiveYears
            | ParamId::CstdtqConsecutiveYears
            | ParamId::BkTinhConsecutiveYears => 1..=10,
            ParamId::TtldxsMinLdttPercent | ParamId::CstdcsQuotaPercent => 0..=100,
            ParamId::TtldttMinLdttPercent => 0..=99,
            ParamId::AbsenceMaxDays => 0..=366,
        }
    }

    /// The kind of value, in words (Vietnamese, English).
    fn kind_words(self) -> (&'static str, &'static str) {
        match self {
            ParamId::NewRecruitMinMonths | ParamId::TransferCommentMinMonths => {
                ("một số tháng", "a number of months")
            }
            ParamId::CstdTinhConsecutiveYears | ParamId::BkTinhConsecutiveYears => {
                ("một số năm liên tục", "a number of consecutive years")
            }
            ParamId::CstdtqConsecutiveYears => {
                ("một số lần liên tục", "a number of consecutive times")
            }
            ParamId::TtldxsMinLdttPercent
            | ParamId::TtldttMinLdttPercent
            | ParamId::CstdcsQuotaPercent => ("một tỷ lệ phần trăm", "a share in percent"),
            ParamId::AbsenceMaxDays => ("một số ngày trong năm", "a number of days in a year"),
        }
    }
}

/// A jurisdiction's rule set: its overrides of the built-in rules, read from a file
/// and checked on their own ([`RuleSet::check`]) before any case is decided with
/// them.
///
/// The file is a JSON list of overrides in the dataset file's form, or an object
/// whose `overrides` field is that list (a dataset file reads as its rule set; its
/// other fields are not read).
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    overrides: Vec<Override>,
    /// The unit of each override's scope as the file writes it (an id or a code),
    /// for messages; empty for a rule set built in code.
    written: Vec<Option<String>>,
}

/// Two rule sets are equal when their overrides are, however they were written.
impl PartialEq for RuleSet {
    fn eq(&self, other: &Self) -> bool {
        self.overrides == other.overrides
    }
}

impl Eq for RuleSet {}

/// What an override changes: a parameter or a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Target {
    Param(ParamId),
    Rule(RuleId),
}

impl Target {
    fn code(self) -> &'static str {
        match self {
            Target::Param(p) => p.code(),
            Target::Rule(r) => r.code(),
        }
    }

    /// The first regime that defines it (`None`: none does).
    fn first_regime(self) -> Option<RegimeId> {
        match self {
            Target::Param(p) => RegimeId::ALL
                .iter()
                .copied()
                .find(|r| p.default_for(*r).is_some()),
            Target::Rule(r) => r.regimes().first().copied(),
        }
    }
}

/// What an override sets its target to: a value, or a rule on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Setting {
    Value(ParamId, u32),
    On,
    Off,
}

impl Setting {
    fn words(self) -> (String, String) {
        match self {
            Setting::Value(p, v) => (p.value_text(v, Lang::Vi), p.value_text(v, Lang::En)),
            Setting::On => ("bật".to_owned(), "on".to_owned()),
            Setting::Off => ("tắt".to_owned(), "off".to_owned()),
        }
    }
}

fn target(o: &Override) -> (Target, Setting) {
    match *o.change() {
        Change::SetParameter { parameter, value } => {
            (Target::Param(parameter), Setting::Value(parameter, value))
        }
        Change::EnableRule { rule } => (Target::Rule(rule), Setting::On),
        Change::DisableRule { rule } => (Target::Rule(rule), Setting::Off),
    }
}

/// The first day after the override (`None`: it has no end).
fn end(o: &Override) -> Option<NaiveDate> {
    o.valid_until()
}

/// Whether the override applies on no day at all.
fn is_empty(o: &Override) -> bool {
    end(o).is_some_and(|u| u <= o.valid_from())
}

/// Whether `[from, until)` and `[a, b)` share a day (`None`: no end).
fn overlaps(from: NaiveDate, until: Option<NaiveDate>, a: NaiveDate, b: Option<NaiveDate>) -> bool {
    until.is_none_or(|u| a < u) && b.is_none_or(|b| from < b)
}

fn overlap(x: &Override, y: &Override) -> bool {
    overlaps(x.valid_from(), end(x), y.valid_from(), end(y))
}

/// The regimes whose days the override's dates reach.
fn regimes_spanned(o: &Override) -> Vec<RegimeId> {
    RegimeId::ALL
        .iter()
        .copied()
        .filter(|r| {
            let (a, b) = r.span();
            overlaps(o.valid_from(), end(o), a, Some(b))
        })
        .collect()
}

/// The override's dates in words: `từ 01/01/2024 đến 30/06/2024`, `from 2024-01-01
/// to 2024-06-30`, `from 2024-01-01`.
fn dates_words(o: &Override) -> (String, String) {
    let from = o.valid_from();
    match end(o).and_then(|u| u.pred_opt()) {
        Some(last) => (
            format!("từ {} đến {}", day(from, Lang::Vi), day(last, Lang::Vi)),
            format!("from {} to {}", day(from, Lang::En), day(last, Lang::En)),
        ),
        None => (
            format!("từ {}", day(from, Lang::Vi)),
            format!("from {}", day(from, Lang::En)),
        ),
    }
}

/// The problems found, each with the index of its override: listed in the order of
/// the overrides, then of the checks.
#[derive(Default)]
struct Found(Vec<(usize, Diagnostic)>);

impl Found {
    fn push(&mut self, index: usize, diagnostic: Diagnostic) {
        self.0.push((index, diagnostic));
    }

    fn into_diagnostics(mut self) -> Diagnostics {
        self.0.sort_by_key(|(i, _)| *i);
        let mut report = Diagnostics::new();
        for (_, d) in self.0 {
            report.push(d);
        }
        report
    }
}

fn at(i: usize) -> DataPath {
    DataPath::root().key("overrides").index(i)
}

impl RuleSet {
    /// A rule set of these overrides, in the order they apply (a later one wins).
    pub fn new(overrides: Vec<Override>) -> Self {
        Self {
            overrides,
            written: Vec::new(),
        }
    }

    /// The overrides.
    pub fn overrides(&self) -> &[Override] {
        &self.overrides
    }

    /// Reads a rule set from JSON: a list of overrides, or an object with an
    /// `overrides` list (such as a dataset file, whose other fields are not read).
    /// Each override is read on its own and every one that does not read is
    /// reported, at `$.overrides[i]` whichever form the file takes.
    ///
    /// # Errors
    /// [`Diagnostics`]: `file.syntax` for text that is not JSON, `file.not_a_list`
    /// when there is no list of overrides, `file.invalid_value` for each override
    /// that does not read.
    pub fn from_json(text: &str) -> Result<Self, Diagnostics> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            syntax_report(
                format!("không phải văn bản JSON: {e}"),
                format!("not a JSON document: {e}"),
            )
        })?;
        let list = match value {
            serde_json::Value::Array(items) => Some(items),
            serde_json::Value::Object(mut map) => match map.remove("overrides") {
                Some(serde_json::Value::Array(items)) => Some(items),
                _ => None,
            },
            _ => None,
        };
        let mut report = Diagnostics::new();
        let Some(items) = list else {
            report.push(
                Diagnostic::of(
                    "file.not_a_list",
                    Severity::Error,
                    DataPath::root().key("overrides"),
                )
                .quoted("key", "overrides"),
            );
            return Err(report);
        };
        let mut written = Vec::with_capacity(items.len());
        let overrides: Vec<Override> = items
            .into_iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let unit = item
                    .pointer("/scope/unit")
                    .and_then(serde_json::Value::as_str)
                    .map(str::to_owned);
                let o = read_one(item, at(i), &mut report)?;
                written.push(unit);
                Some(o)
            })
            .collect();
        if report.is_empty() {
            Ok(Self { overrides, written })
        } else {
            Err(report)
        }
    }

    /// Checks the rule set on its own and lists every problem, each at
    /// `$.overrides[i]` (or a field of it):
    ///
    /// - `ruleset.conflict` (error): two overrides of the same parameter or rule, in
    ///   the same jurisdiction, on overlapping days, with different values — both
    ///   named with their citations;
    /// - `ruleset.gap` (warning): the dated overrides of a parameter or rule in a
    ///   jurisdiction leave days between them, within the regimes, when the built-in
    ///   value comes back;
    /// - `ruleset.before_regime` (warning): an override starts before the first
    ///   regime that defines its parameter or rule;
    /// - `ruleset.never_applies`: an override that applies on no day (error), a
    ///   rule turned off everywhere under every regime that has it and never on
    ///   again (warning), and, when a hierarchy is given, a unit that is not in it
    ///   (error) or does not exist on any of the override's days (warning);
    /// - `ruleset.out_of_range` (error): a value outside [`ParamId::legal_range`];
    /// - `ruleset.no_citation` (error): a citation without a document;
    /// - `ruleset.no_effect` (warning): an override that sets the built-in value
    ///   under every regime its dates reach, with no other override of the same
    ///   target on those days.
    ///
    /// With a hierarchy, a scope may name its unit by id or by code, as in a dataset
    /// file; without one, a unit named by its code and the same unit named by its id
    /// are two jurisdictions. Jurisdictions one inside the other are not compared:
    /// a subtree's override of an override that applies everywhere is what overrides
    /// are for.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use thidua::{Change, Citation, Jurisdiction, Lang, Override, ParamId, RuleSet};
    ///
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let months = |value| Change::SetParameter { parameter: ParamId::NewRecruitMinMonths, value };
    /// let rules = RuleSet::new(vec![
    ///     Override::new(Jurisdiction::Everywhere, day(2024, 1, 1)?, months(8),
    ///                   Citation::new("Quyết định 25/2024/QĐ-UBND").article("5")),
    ///     Override::new(Jurisdiction::Everywhere, day(2024, 6, 1)?, months(9),
    ///                   Citation::new("Quyết định 40/2024/QĐ-UBND").article("2")),
    /// ]);
    /// let report = rules.check(None);
    /// let codes: Vec<_> = report.iter().map(|d| d.code()).collect();
    /// assert_eq!(codes, ["ruleset.conflict"]);
    /// assert!(report.has_errors());
    /// let first = report.iter().next().ok_or("none")?;
    /// assert_eq!(first.location().to_string(), "$.overrides[1]");
    /// assert_eq!(
    ///     first.message_in(Lang::En),
    ///     "new_recruit_min_months is 9 months from 2024-06-01 (Quyết định 40/2024/QĐ-UBND, \
    ///      Điều 2), but $.overrides[0] makes it 8 months from 2024-01-01 (Quyết định \
    ///      25/2024/QĐ-UBND, Điều 5) in the same jurisdiction on the same days"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check(&self, hierarchy: Option<&Hierarchy>) -> Diagnostics {
        let mut report = Found::default();
        let scopes = self.scopes(hierarchy, &mut report);
        for (i, o) in self.overrides.iter().enumerate() {
            self.check_one(i, o, &mut report);
        }
        self.conflicts(&scopes, &mut report);
        self.gaps(&scopes, &mut report);
        self.disabled_everywhere(&mut report);
        report.into_diagnostics()
    }

    /// Each override's scope with its unit resolved (by id or by code) in the
    /// hierarchy, reporting units that are not there or not alive on its days.
    fn scopes(&self, hierarchy: Option<&Hierarchy>, report: &mut Found) -> Vec<Jurisdiction> {
        let Some(h) = hierarchy else {
            return self.overrides.iter().map(Override::scope).collect();
        };
        let mut by_code: Option<HashMap<UnitId, UnitId>> = None;
        let mut out = Vec::with_capacity(self.overrides.len());
        for (i, o) in self.overrides.iter().enumerate() {
            let Jurisdiction::Subtree { unit } = o.scope() else {
                out.push(o.scope());
                continue;
            };
            let resolved = if h.unit(unit).is_some() {
                Some(unit)
            } else {
                let codes = by_code.get_or_insert_with(|| {
                    (0..h.len())
                        .filter_map(|k| h.unit_at(k))
                        .filter_map(|id| {
                            let code = h.unit(id)?.code();
                            Some((UnitId::from_key(code.as_str()), id))
                        })
                        .collect()
                });
                codes.get(&unit).copied()
            };
            let Some(id) = resolved else {
                report.push(
                    i,
                    Diagnostic::of(
                        "ruleset.never_applies",
                        Severity::Error,
                        at(i).key("scope").key("unit"),
                    )
                    .variant("unknown_unit")
                    .quoted(
                        "unit",
                        self.written
                            .get(i)
                            .cloned()
                            .flatten()
                            .unwrap_or_else(|| unit.to_string()),
                    ),
                );
                out.push(o.scope());
                continue;
            };
            if let Some((born, died)) = h.lifetime(id)
                && !is_empty(o)
                && !overlaps(o.valid_from(), end(o), born.unwrap_or(NaiveDate::MIN), died)
            {
                let (vi, en) = dates_words(o);
                let code = h
                    .unit(id)
                    .map_or_else(|| id.to_string(), |u| u.code().to_string());
                report.push(
                    i,
                    Diagnostic::of(
                        "ruleset.never_applies",
                        Severity::Warning,
                        at(i).key("scope").key("unit"),
                    )
                    .variant("not_alive")
                    .quoted("unit", code)
                    .words("dates", vi, en),
                );
            }
            out.push(Jurisdiction::Subtree { unit: id });
        }
        out
    }

    /// The checks of one override on its own.
    fn check_one(&self, i: usize, o: &Override, report: &mut Found) {
        let (t, setting) = target(o);
        if o.citation().document().trim().is_empty() {
            report.push(
                i,
                Diagnostic::of(
                    "ruleset.no_citation",
                    Severity::Error,
                    at(i).key("citation").key("document"),
                )
                .arg("target", t.code()),
            );
        }
        if let Some(u) = end(o)
            && u <= o.valid_from()
        {
            report.push(
                i,
                Diagnostic::of("ruleset.never_applies", Severity::Error, at(i).key("until"))
                    .variant("empty")
                    .date("from", o.valid_from())
                    .date("until", u),
            );
            return;
        }
        if let Setting::Value(p, v) = setting {
            let range = p.legal_range();
            if !range.contains(&v) {
                let (vi, en) = p.kind_words();
                report.push(
                    i,
                    Diagnostic::of(
                        "ruleset.out_of_range",
                        Severity::Error,
                        at(i).key("change").key("value"),
                    )
                    .arg("target", p.code())
                    .num("value", v)
                    .num("min", *range.start())
                    .num("max", *range.end())
                    .words("kind", vi, en),
                );
            }
        }
        if let Some(first) = t.first_regime() {
            let (start, _) = first.span();
            if o.valid_from() < start {
                report.push(
                    i,
                    Diagnostic::of(
                        "ruleset.before_regime",
                        Severity::Warning,
                        at(i).key("from"),
                    )
                    .arg("target", t.code())
                    .date("from", o.valid_from())
                    .words("regime", first.label_vi(), first.label_en())
                    .date("start", start),
                );
            }
        }
        let spanned = regimes_spanned(o);
        let alone = !self
            .overrides
            .iter()
            .enumerate()
            .any(|(j, x)| j != i && target(x).0 == t && overlap(o, x));
        if spanned.is_empty() || !alone {
            return;
        }
        let unchanged = match setting {
            Setting::Value(p, v) => spanned
                .iter()
                .all(|r| p.default_for(*r).is_some_and(|(d, _)| d == v)),
            Setting::On => match t {
                Target::Rule(r) => {
                    r.default_state() == DefaultState::On
                        && spanned.iter().all(|g| r.provision(*g).is_some())
                }
                Target::Param(_) => false,
            },
            Setting::Off => match t {
                Target::Rule(r) => {
                    r.default_state() == DefaultState::Off
                        || spanned.iter().all(|g| r.provision(*g).is_none())
                }
                Target::Param(_) => false,
            },
        };
        if unchanged {
            let (vi, en) = setting.words();
            report.push(
                i,
                Diagnostic::of("ruleset.no_effect", Severity::Warning, at(i).key("change"))
                    .arg("target", t.code())
                    .words("value", vi, en),
            );
        }
    }

    /// Overrides of one target in one jurisdiction on overlapping days with different
    /// settings.
    fn conflicts(&self, scopes: &[Jurisdiction], report: &mut Found) {
        let all: Vec<(usize, &Override, Jurisdiction)> = self
            .overrides
            .iter()
            .zip(scopes)
            .enumerate()
            .filter(|(_, (o, _))| !is_empty(o))
            .map(|(i, (o, s))| (i, o, *s))
            .collect();
        for (n, &(j, later, scope)) in all.iter().enumerate() {
            let (t, setting) = target(later);
            let earlier = all.iter().take(n).find(|(_, o, s)| {
                let (u, other) = target(o);
                *s == scope && u == t && other != setting && overlap(o, later)
            });
            let Some(&(i, first, _)) = earlier else {
                continue;
            };
            let (vi, en) = setting.words();
            let (dvi, den) = dates_words(later);
            let (ovi, oen) = target(first).1.words();
            let (odvi, oden) = dates_words(first);
            report.push(
                j,
                Diagnostic::of("ruleset.conflict", Severity::Error, at(j))
                    .arg("target", t.code())
                    .words("value", vi, en)
                    .words("dates", dvi, den)
                    .arg("citation", later.citation())
                    .arg("other", at(i))
                    .words("other_value", ovi, oen)
                    .words("other_dates", odvi, oden)
                    .arg("other_citation", first.citation()),
            );
        }
    }

    /// Days left between the dated overrides of one target in one jurisdiction.
    fn gaps(&self, scopes: &[Jurisdiction], report: &mut Found) {
        let mut groups: HashMap<(Jurisdiction, Target), Vec<usize>> = HashMap::new();
        for (i, (o, s)) in self.overrides.iter().zip(scopes).enumerate() {
            if !is_empty(o) {
                groups.entry((*s, target(o).0)).or_default().push(i);
            }
        }
        let mut found = Vec::new();
        for ((_, t), mut members) in groups {
            members.sort_by_key(|&i| (self.overrides.get(i).map(Override::valid_from), i));
            let mut reach: Option<(NaiveDate, usize)> = None;
            for i in members {
                let Some(o) = self.overrides.get(i) else {
                    continue;
                };
                if let Some((until, previous)) = reach
                    && until < o.valid_from()
                    && RegimeId::ALL.iter().any(|r| {
                        let (a, b) = r.span();
                        overlaps(until, Some(o.valid_from()), a, Some(b))
                    })
                {
                    found.push((i, t, until, o.valid_from(), previous));
                }
                match (reach, end(o)) {
                    (_, None) => break,
                    (Some((until, _)), Some(u)) if until >= u => {}
                    (_, Some(u)) => reach = Some((u, i)),
                }
            }
        }
        found.sort_by_key(|f| f.0);
        for (i, t, from, next, previous) in found {
            let to = next.pred_opt().unwrap_or(next);
            report.push(
                i,
                Diagnostic::of("ruleset.gap", Severity::Warning, at(i).key("from"))
                    .arg("target", t.code())
                    .date("from", from)
                    .date("to", to)
                    .arg("previous", at(previous)),
            );
        }
    }

    /// Rules on by default that overrides turn off everywhere, under every regime
    /// that has them, and that no override turns on.
    fn disabled_everywhere(&self, report: &mut Found) {
        for &rule in RuleId::ALL {
            let regimes = rule.regimes();
            let (Some(first), Some(last)) = (regimes.first(), regimes.last()) else {
                continue;
            };
            if rule.default_state() != DefaultState::On {
                continue;
            }
            let enabled = self
                .overrides
                .iter()
                .any(|o| *o.change() == Change::EnableRule { rule });
            if enabled {
                continue;
            }
            let mut off: Vec<(usize, &Override)> = self
                .overrides
                .iter()
                .enumerate()
                .filter(|(_, o)| {
                    o.scope() == Jurisdiction::Everywhere
                        && *o.change() == Change::DisableRule { rule }
                        && !is_empty(o)
                })
                .collect();
            let Some(&(at_first, _)) = off.first() else {
                continue;
            };
            off.sort_by_key(|(_, o)| o.valid_from());
            let (start, _) = first.span();
            let (_, stop) = last.span();
            // The days from `start` covered without a break so far (`None`: all).
            let mut covered = Some(start);
            for (_, o) in &off {
                match covered {
                    Some(c) if o.valid_from() <= c => {
                        covered = end(o).map(|u| u.max(c));
                    }
                    _ => {}
                }
            }
            if covered.is_none_or(|c| c >= stop) {
                report.push(
                    at_first,
                    Diagnostic::of("ruleset.never_applies", Severity::Warning, at(at_first))
                        .variant("disabled")
                        .arg("target", rule.code()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::citation::Citation;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn set(value: u32, from: NaiveDate) -> Override {
        Override::new(
            Jurisdiction::Everywhere,
            from,
            Change::SetParameter {
                parameter: ParamId::NewRecruitMinMonths,
                value,
            },
            Citation::new("Quy chế"),
        )
    }

    fn rule(change: Change, from: NaiveDate) -> Override {
        Override::new(
            Jurisdiction::Everywhere,
            from,
            change,
            Citation::new("Quy chế"),
        )
    }

    fn codes(overrides: Vec<Override>) -> Vec<(String, String)> {
        RuleSet::new(overrides)
            .check(None)
            .iter()
            .map(|d| (d.code().to_owned(), d.location().to_string()))
            .collect()
    }

    #[test]
    fn every_built_in_value_is_in_its_legal_range() {
        for &p in ParamId::ALL {
            for &r in RegimeId::ALL {
                if let Some((v, _)) = p.default_for(r) {
                    assert!(p.legal_range().contains(&v), "{p:?} under {r:?}: {v}");
                }
            }
        }
    }

    #[test]
    fn a_gap_covered_by_a_third_override_is_no_gap() {
        let a = set(8, day(2024, 1, 1)).until(day(2024, 7, 1));
        let b = set(8, day(2024, 6, 1)).until(day(2024, 10, 1));
        let c = set(8, day(2024, 9, 1)).until(day(2025, 1, 1));
        assert_eq!(codes(vec![c.clone(), a.clone(), b]), []);
        // Without the middle one, the days between are a gap, reported at the later.
        assert_eq!(
            codes(vec![c, a]),
            [("ruleset.gap".to_owned(), "$.overrides[0].from".to_owned())]
        );
    }

    #[test]
    fn back_to_back_overrides_and_later_values_are_fine() {
        let a = set(8, day(2024, 1, 1)).until(day(2025, 1, 1));
        let b = set(9, day(2025, 1, 1));
        assert_eq!(codes(vec![a, b]), []);
    }

    #[test]
    fn turning_a_rule_on_and_off_on_the_same_days_conflicts() {
        let on = rule(
            Change::EnableRule {
                rule: RuleId::LdttAbsence,
            },
            day(2024, 1, 1),
        );
        let off = rule(
            Change::DisableRule {
                rule: RuleId::LdttAbsence,
            },
            day(2024, 6, 1),
        )
        .until(day(2024, 9, 1));
        assert_eq!(
            codes(vec![on, off]),
            [("ruleset.conflict".to_owned(), "$.overrides[1]".to_owned())]
        );
    }

    #[test]
    fn a_rule_off_for_a_while_can_still_apply() {
        let off = rule(
            Change::DisableRule {
                rule: RuleId::TtldttGrade,
            },
            day(2017, 10, 1),
        )
        .until(day(2025, 1, 1));
        assert_eq!(codes(vec![off.clone()]), []);
        let rest = rule(
            Change::DisableRule {
                rule: RuleId::TtldttGrade,
            },
            day(2024, 6, 1),
        );
        assert_eq!(
            codes(vec![rest, off]),
            [(
                "ruleset.never_applies".to_owned(),
                "$.overrides[0]".to_owned()
            ),]
        );
    }

    #[test]
    fn turning_on_a_rule_that_is_on_changes_nothing() {
        let on = rule(
            Change::EnableRule {
                rule: RuleId::LdttGrade,
            },
            day(2024, 1, 1),
        );
        assert_eq!(
            codes(vec![on]),
            [(
                "ruleset.no_effect".to_owned(),
                "$.overrides[0].change".to_owned()
            )]
        );
        let off = rule(
            Change::DisableRule {
                rule: RuleId::LdttAbsence,
            },
            day(2024, 1, 1),
        );
        assert_eq!(
            codes(vec![off]),
            [(
                "ruleset.no_effect".to_owned(),
                "$.overrides[0].change".to_owned()
            )]
        );
    }

    proptest::proptest! {
        /// Any rule set is checked without panicking, its problems listed in the
        /// order of the overrides, the same each time.
        #[test]
        fn any_rule_set_is_checked(
            items in proptest::collection::vec(
                (0u8..3, -3000i64..6000, proptest::option::of(-100i64..3000), 0usize..3, 0u32..400, 0usize..12),
                0..12,
            )
        ) {
            let base = day(2017, 1, 1);
            let overrides: Vec<Override> = items
                .iter()
                .map(|&(scope, from, length, kind, value, which)| {
                    let scope = match scope {
                        0 => Jurisdiction::Everywhere,
                        s => Jurisdiction::Subtree { unit: UnitId::from_key(&format!("U{s}")) },
                    };
                    let from = base + chrono::Duration::days(from);
                    let param = ParamId::ALL[which % ParamId::ALL.len()];
                    let rule = RuleId::ALL[which % RuleId::ALL.len()];
                    let change = match kind {
                        0 => Change::SetParameter { parameter: param, value },
                        1 => Change::EnableRule { rule },
                        _ => Change::DisableRule { rule },
                    };
                    let citation = Citation::new(if value % 7 == 0 { "" } else { "Quy chế" });
                    let o = Override::new(scope, from, change, citation);
                    match length {
                        Some(n) => o.until(from + chrono::Duration::days(n)),
                        None => o,
                    }
                })
                .collect();
            let rules = RuleSet::new(overrides);
            let report = rules.check(None);
            let again = rules.check(None);
            proptest::prop_assert_eq!(report.to_string(), again.to_string());
            let indices: Vec<usize> = report
                .iter()
                .map(|d| {
                    let text = d.location().to_string();
                    let rest = text.strip_prefix("$.overrides[").unwrap();
                    rest[..rest.find(']').unwrap()].parse().unwrap()
                })
                .collect();
            proptest::prop_assert!(indices.windows(2).all(|w| w[0] <= w[1]));
            for d in report.iter() {
                let unfilled = d.message_in(Lang::Vi).contains('{');
                proptest::prop_assert!(!unfilled, "{}", d);
                let unfilled = d.message_in(Lang::En).contains('{');
                proptest::prop_assert!(!unfilled, "{}", d);
            }
        }
    }
}
