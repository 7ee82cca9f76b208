//! Checks of stated figures among themselves: known keys of the right unit, shares
//! against the figures they are made of, parts against their whole.

use crate::dataset::figure::{FigureKey, FigureValue, StatedFigure};
use crate::dataset::file::Model;
use crate::diagnostic::{DataPath, Diagnostic, Diagnostics, Severity};
use crate::value::format::{Lang, format_integer};
use crate::value::ratio::Ratio;
use crate::value::reported::{Qualifier, Reported};

fn at(i: usize) -> DataPath {
    DataPath::root().key("stated").index(i)
}

/// The decimals a stated percentage was written with (`78%` → 0, `19,5%` → 1).
pub(crate) fn stated_decimals(r: &Ratio) -> u8 {
    let mut den = r.denominator();
    let mut digits = 0u8;
    while den > 1 && den.is_multiple_of(10) {
        den /= 10;
        digits += 1;
    }
    if den == 1 {
        digits.saturating_sub(2)
    } else {
        1
    }
}

/// Whether a stated share agrees with an exact one: equal at the decimals the
/// source wrote when it states it exactly, else within its qualifier.
pub(crate) fn share_agrees(stated: &Reported<Ratio>, computed: Ratio) -> bool {
    if stated.qualifier() == Qualifier::Exact {
        let d = stated_decimals(&stated.value());
        stated.value().to_percent_string(d, Lang::Vi) == computed.to_percent_string(d, Lang::Vi)
    } else {
        stated.admits(computed)
    }
}

/// The stated figure of `key` beside `figure` (same unit, bloc and period).
fn sibling<'m>(model: &'m Model, figure: &StatedFigure, key: &str) -> Option<&'m StatedFigure> {
    model.stated.iter().find(|o| {
        o.key == key && o.unit == figure.unit && o.bloc == figure.bloc && o.period == figure.period
    })
}

fn count_of(figure: &StatedFigure) -> Option<Reported<u64>> {
    match figure.value {
        FigureValue::Count(r) => Some(r),
        _ => None,
    }
}

/// Checks every stated figure: its key is known and of the right unit; a share is at
/// most 100 % and agrees with the figures it is made of; the parts of a whole add up
/// to at most the whole.
pub(crate) fn check_stated_figures(model: &Model, report: &mut Diagnostics) {
    for (i, s) in model.stated.iter().enumerate() {
        let known = FigureKey::find(&s.key);
        match known {
            None => report.push(Diagnostic::new(
                "stated.unknown_key",
                Severity::Warning,
                at(i).key("key"),
                format!(
                    "the key {:?} is not one the reports know, so nothing checks it: did you mean {}?",
                    s.key,
                    FigureKey::nearest(&s.key, 3)
                        .iter()
                        .map(|k| format!("{k:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
            Some(k) if !k.accepts(&s.value) => report.push(Diagnostic::new(
                "stated.wrong_unit",
                Severity::Warning,
                at(i).key("value"),
                format!(
                    "{:?} is {}, but the figure is given as {}",
                    s.key,
                    k.unit().map_or("", |u| u.label(Lang::En)),
                    match s.value {
                        FigureValue::Count(_) => "a count",
                        FigureValue::Money(_) => "an amount of money",
                        FigureValue::Ratio(_) => "a share",
                    }
                ),
            )),
            Some(_) => {}
        }
        if let FigureValue::Ratio(r) = &s.value {
            check_share(model, i, s, r, known, report);
        }
    }
    check_parts(model, report);
    check_funnels(model, report);
}

/// A funnel's stages narrow: registered, then evaluated, then recognised. (That the
/// recognised and the applied do not pass the registered is checked with the
/// dataset.)
fn check_funnels(model: &Model, report: &mut Diagnostics) {
    for (k, f) in model
        .campaigns
        .initiatives()
        .reported_funnels()
        .iter()
        .enumerate()
    {
        let path = DataPath::root().key("initiative_reports").index(k);
        for (part, whole, field, code, words) in [
            (
                f.evaluated(),
                f.submitted(),
                "evaluated",
                "initiative_report.evaluated_exceeds_registered",
                ("evaluated", "registered"),
            ),
            (
                f.recognised(),
                f.evaluated(),
                "recognised",
                "initiative_report.recognised_exceeds_evaluated",
                ("recognised", "evaluated"),
            ),
        ] {
            if let (Some(part), Some(whole)) = (part, whole)
                && !crate::initiative::may_fit_within(part, whole)
            {
                report.push(Diagnostic::new(
                    code,
                    Severity::Warning,
                    path.clone().key(field),
                    format!(
                        "{} {} is more than the {} {}",
                        part.to_string_in(Lang::En),
                        words.0,
                        whole.to_string_in(Lang::En),
                        words.1
                    ),
                ));
            }
        }
    }
}

fn check_share(
    model: &Model,
    i: usize,
    s: &StatedFigure,
    r: &Reported<Ratio>,
    known: Option<&FigureKey>,
    report: &mut Diagnostics,
) {
    let over = r.value().numerator() > r.value().denominator();
    if over && r.qualifier() != Qualifier::AtMost && r.qualifier() != Qualifier::LessThan {
        report.push(Diagnostic::new(
            "stated.share_over_whole",
            Severity::Error,
            at(i).key("value"),
            format!(
                "{:?}: a share of {} is more than the whole",
                s.key,
                r.to_string_in(Lang::En)
            ),
        ));
        return;
    }
    let parts = s
        .share_of
        .as_ref()
        .map(|o| (o.part.as_str(), o.whole.as_str()))
        .or_else(|| known.and_then(FigureKey::share_of));
    let Some((part_key, whole_key)) = parts else {
        return;
    };
    let part = sibling(model, s, part_key).and_then(count_of);
    let whole = sibling(model, s, whole_key).and_then(count_of);
    let (Some(part), Some(whole)) = (part, whole) else {
        if s.share_of.is_some() {
            report.push(Diagnostic::new(
                "stated.share_parts_missing",
                Severity::Warning,
                at(i).key("share_of"),
                format!(
                    "{:?} is said to be {part_key:?} out of {whole_key:?}, but no stated count of both is beside it",
                    s.key
                ),
            ));
        }
        return;
    };
    if part.qualifier() != Qualifier::Exact || whole.qualifier() != Qualifier::Exact {
        return;
    }
    let Ok(computed) = Ratio::new(part.value(), whole.value()) else {
        return;
    };
    if !share_agrees(r, computed) {
        let d = stated_decimals(&r.value()).max(1);
        report.push(Diagnostic::new(
            "stated.share_differs",
            Severity::Warning,
            at(i).key("value"),
            format!(
                "{:?}: the source states {} but {} of {} is {}",
                s.key,
                r.to_string_in(Lang::En),
                format_integer(i128::from(part.value()), Lang::En),
                format_integer(i128::from(whole.value()), Lang::En),
                computed.to_percent_string(d, Lang::En)
            ),
        ));
    }
}

/// The parts of each whole (counts of keys that are part of another key, of the same
/// unit, bloc and period) add up to at most the whole.
fn check_parts(model: &Model, report: &mut Diagnostics) {
    for (i, whole) in model.stated.iter().enumerate() {
        let Some(w) = count_of(whole) else { continue };
        let parts: Vec<(&str, Reported<u64>)> = model
            .stated
            .iter()
            .filter(|p| {
                p.unit == whole.unit
                    && p.bloc == whole.bloc
                    && p.period == whole.period
                    && FigureKey::find(&p.key)
                        .and_then(FigureKey::part_of)
                        .is_some_and(|of| of == whole.key)
            })
            .filter_map(|p| count_of(p).map(|c| (p.key.as_str(), c)))
            .collect();
        if parts.is_empty() {
            continue;
        }
        let Ok(sum) = Reported::checked_sum(parts.iter().map(|(_, c)| *c)) else {
            report.push(Diagnostic::new(
                "report.sum_overflow",
                Severity::Error,
                at(i),
                format!(
                    "the parts of {:?} cannot be added up: their sum does not fit",
                    whole.key
                ),
            ));
            continue;
        };
        if !crate::initiative::may_fit_within(sum, w) {
            report.push(Diagnostic::new(
                "stated.parts_exceed_whole",
                Severity::Warning,
                at(i),
                format!(
                    "{:?}: the source states {} but its parts ({}) add up to {}",
                    whole.key,
                    w.to_string_in(Lang::En),
                    parts
                        .iter()
                        .map(|(k, c)| format!("{k} {}", c.to_string_in(Lang::En)))
                        .collect::<Vec<_>>()
                        .join(" + "),
                    sum.to_string_in(Lang::En)
                ),
            ));
        }
    }
}
