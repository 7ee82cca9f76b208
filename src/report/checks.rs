//! Checks of stated figures among themselves: known keys of the right unit, shares
//! against the figures they are made of, parts against their whole.

use crate::dataset::figure::{FigureKey, FigureUnit, FigureValue, StatedFigure};
use crate::dataset::file::Model;
use crate::diagnostic::{DataPath, Diagnostic, Diagnostics, Severity};
use crate::value::format::Lang;
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
            None => {
                let nearest = FigureKey::nearest(&s.key, 3);
                let list = |open: &str, close: &str, or: &str| {
                    nearest
                        .iter()
                        .map(|k| format!("{open}{k}{close}"))
                        .collect::<Vec<_>>()
                        .join(or)
                };
                report.push(
                    Diagnostic::of("stated.unknown_key", Severity::Warning, at(i).key("key"))
                        .quoted("key", &s.key)
                        .words("nearest", list("“", "”", ", "), list("\"", "\"", ", ")),
                );
            }
            Some(k) if !k.accepts(&s.value) => {
                let given = match s.value {
                    FigureValue::Count(_) => FigureUnit::Count,
                    FigureValue::Money(_) => FigureUnit::Money,
                    FigureValue::Ratio(_) => FigureUnit::Share,
                };
                let expected = k.unit().unwrap_or(given);
                report.push(
                    Diagnostic::of("stated.wrong_unit", Severity::Warning, at(i).key("value"))
                        .quoted("key", &s.key)
                        .words(
                            "expected",
                            expected.label(Lang::Vi),
                            expected.label(Lang::En),
                        )
                        .words("given", given.label(Lang::Vi), given.label(Lang::En)),
                );
            }
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
        let both = |r: Reported<u64>| (r.to_string_in(Lang::Vi), r.to_string_in(Lang::En));
        let wider = |part: Option<Reported<u64>>, whole: Option<Reported<u64>>| match (part, whole)
        {
            (Some(p), Some(w)) if !crate::initiative::may_fit_within(p, w) => {
                Some((both(p), both(w)))
            }
            _ => None,
        };
        if let Some((p, w)) = wider(f.evaluated(), f.submitted()) {
            report.push(
                Diagnostic::of(
                    "initiative_report.evaluated_exceeds_registered",
                    Severity::Warning,
                    path.clone().key("evaluated"),
                )
                .words("part", p.0, p.1)
                .words("whole", w.0, w.1),
            );
        }
        if let Some((p, w)) = wider(f.recognised(), f.evaluated()) {
            report.push(
                Diagnostic::of(
                    "initiative_report.recognised_exceeds_evaluated",
                    Severity::Warning,
                    path.clone().key("recognised"),
                )
                .words("part", p.0, p.1)
                .words("whole", w.0, w.1),
            );
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
        report.push(
            Diagnostic::of(
                "stated.share_over_whole",
                Severity::Error,
                at(i).key("value"),
            )
            .quoted("key", &s.key)
            .words("share", r.to_string_in(Lang::Vi), r.to_string_in(Lang::En)),
        );
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
            report.push(
                Diagnostic::of(
                    "stated.share_parts_missing",
                    Severity::Warning,
                    at(i).key("share_of"),
                )
                .quoted("key", &s.key)
                .quoted("part", part_key)
                .quoted("whole", whole_key),
            );
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
        report.push(
            Diagnostic::of(
                "stated.share_differs",
                Severity::Warning,
                at(i).key("value"),
            )
            .quoted("key", &s.key)
            .words("stated", r.to_string_in(Lang::Vi), r.to_string_in(Lang::En))
            .num("part", part.value())
            .num("whole", whole.value())
            .words(
                "computed",
                computed.to_percent_string(d, Lang::Vi),
                computed.to_percent_string(d, Lang::En),
            ),
        );
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
            report.push(
                Diagnostic::of("report.sum_overflow", Severity::Error, at(i))
                    .variant("parts")
                    .quoted("key", &whole.key),
            );
            continue;
        };
        if !crate::initiative::may_fit_within(sum, w) {
            let listed = |lang: Lang| {
                parts
                    .iter()
                    .map(|(k, c)| format!("{k} {}", c.to_string_in(lang)))
                    .collect::<Vec<_>>()
                    .join(" + ")
            };
            report.push(
                Diagnostic::of("stated.parts_exceed_whole", Severity::Warning, at(i))
                    .quoted("key", &whole.key)
                    .words("stated", w.to_string_in(Lang::Vi), w.to_string_in(Lang::En))
                    .words("parts", listed(Lang::Vi), listed(Lang::En))
                    .words(
                        "sum",
                        sum.to_string_in(Lang::Vi),
                        sum.to_string_in(Lang::En),
                    ),
            );
        }
    }
}
