//! The year-end report of a unit (a district federation, a commune union, a school's
//! union): organisation, grading, titles, and every figure the sources state, each
//! computed from the data where the data allows and checked against the source.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::campaign::contest::ContestResult;
use crate::dataset::figure::{FigureKey, FigureValue, StatedFigure};
use crate::dataset::file::Model;
use crate::diagnostic::{DataPath, Diagnostic, Diagnostics, Location, Severity};
use crate::org::kind::{Bloc, Level};
use crate::org::snapshot::{Node, Snapshot};
use crate::report::checks::{share_agrees, stated_decimals};
use crate::report::model::{
    Bilingual, Chart, ChartUnit, Line, Provenance, Report, Section, Series, Shown,
};
use crate::rules::facts::TaskGrade;
use crate::stats::metric::{GrassrootsGrades, Members, TitlesConferred};
use crate::support::beneficiary::{WITHHELD_EN, WITHHELD_VI};
use crate::value::format::{Lang, format_integer};
use crate::value::id::UnitId;
use crate::value::period::Period;
use crate::value::ratio::Ratio;
use crate::value::reported::{Qualifier, Reported};

/// An error building a report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// No unit was named and the dataset names no subject.
    #[error("no unit to report on: name one, or set meta.subject in the dataset")]
    NoSubject,
    /// The unit does not exist on the report's day.
    #[error("unit {unit} does not exist on {date}")]
    NotOnDay {
        /// The unit.
        unit: UnitId,
        /// The day.
        date: NaiveDate,
    },
    /// No day to report on.
    #[error("no day to report on: give one, or set meta.as_of or meta.period in the dataset")]
    NoDay,
}

/// What to report on: a unit, a day for the structure, a period for the results.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportRequest {
    /// The unit (default: the dataset's subject).
    pub unit: Option<UnitId>,
    /// The day of the structure (default: the dataset's as-of day, or the period's
    /// last day).
    pub as_of: Option<NaiveDate>,
    /// The period of the results (default: the dataset's period).
    pub period: Option<Period>,
}

fn bloc_suffix(bloc: Option<Bloc>) -> Bilingual {
    match bloc {
        Some(b) => Bilingual::new(
            format!(" ({})", b.label_vi()),
            format!(" ({})", b.label_en()),
        ),
        None => Bilingual::new("", ""),
    }
}

fn key_label(key: &str, bloc: Option<Bloc>) -> Option<Bilingual> {
    let known = FigureKey::find(key).filter(|k| !k.is_family())?;
    let s = bloc_suffix(bloc);
    Some(Bilingual::new(
        format!("{}{}", known.label_vi(), s.vi),
        format!("{}{}", known.label_en(), s.en),
    ))
}

fn shown(value: &FigureValue) -> Shown {
    match value {
        FigureValue::Count(r) => Shown::Count(*r),
        FigureValue::Money(r) => Shown::Money(*r),
        FigureValue::Ratio(r) => Shown::Percent {
            ratio: r.value(),
            qualifier: r.qualifier(),
            decimals: stated_decimals(&r.value()),
        },
    }
}

struct Builder<'m, 's> {
    model: &'m Model,
    tree: &'s Snapshot<'m>,
    subject: Node,
    period: Option<Period>,
    used: BTreeSet<usize>,
    diagnostics: Diagnostics,
}

impl Builder<'_, '_> {
    fn stated(&self, key: &str, bloc: Option<Bloc>) -> Option<(usize, &StatedFigure)> {
        let unit = self.tree.id(self.subject);
        self.model
            .stated
            .iter()
            .enumerate()
            .find(|(_, s)| s.unit == unit && s.key == key && s.bloc == bloc)
    }

    /// A line for a count the data does not hold: the stated figure if a source
    /// states it, else "no data" — never a computed 0.
    fn unknown_line(&mut self, key: &str, bloc: Option<Bloc>) -> Option<Line> {
        let label = key_label(key, bloc)?;
        match self
            .stated(key, bloc)
            .map(|(i, s)| (i, s.value.clone(), s.quote.clone()))
        {
            Some((i, value, quote)) => {
                self.used.insert(i);
                Some(Line {
                    label,
                    value: shown(&value),
                    provenance: Provenance::Stated { quote },
                })
            }
            None => Some(Line {
                label,
                value: Shown::NoData,
                provenance: Provenance::NoData,
            }),
        }
    }

    /// A line for a computed count, checked against the stated figure of the same
    /// key, if any.
    fn count_line(&mut self, key: &str, bloc: Option<Bloc>, computed: u64) -> Option<Line> {
        let label = key_label(key, bloc)?;
        let stated = self.stated(key, bloc).map(|(i, s)| (i, s.value.clone()));
        let provenance = match stated {
            Some((i, FigureValue::Count(r))) => {
                self.used.insert(i);
                let agrees = r.admits(computed);
                if !agrees {
                    self.differs(
                        i,
                        &label,
                        Bilingual::new(r.to_string_in(Lang::Vi), r.to_string_in(Lang::En)),
                        Bilingual::new(
                            format_integer(i128::from(computed), Lang::Vi),
                            format_integer(i128::from(computed), Lang::En),
                        ),
                    );
                }
                Provenance::Both {
                    stated: r.to_string_in(Lang::Vi),
                    agrees,
                }
            }
            _ => Provenance::Computed,
        };
        Some(Line {
            label,
            value: Shown::Count(Reported::exact(computed)),
            provenance,
        })
    }

    fn differs(&mut self, i: usize, label: &Bilingual, stated: Bilingual, computed: Bilingual) {
        self.diagnostics.push(
            Diagnostic::of(
                "stated.differs",
                Severity::Warning,
                DataPath::root().key("stated").index(i),
            )
            .words("label", &label.vi, &label.en)
            .words("stated", stated.vi, stated.en)
            .words("computed", computed.vi, computed.en),
        );
    }

    fn organisation(&mut self) -> Section {
        let mut lines = Vec::new();
        let scope = Some(self.subject);
        let by = self.tree.count_by_level_and_bloc(scope);
        let grassroots: u64 = by
            .iter()
            .filter(|((l, _), _)| *l == Level::Grassroots)
            .map(|(_, n)| u64::from(*n))
            .sum();
        lines.extend(self.count_line("cdcs.count", None, grassroots));
        let members = self.model.rollup(&Members, self.tree, scope, None);
        let total = members.total(self.subject).copied().unwrap_or(0);
        let has_roster = total > 0;
        if has_roster {
            lines.extend(self.count_line("members", None, total));
        } else {
            lines.extend(self.unknown_line("members", None));
        }
        let workforce = self
            .model
            .roster
            .workforce(self.tree.id(self.subject), self.tree.date())
            .map(|w| *w.workers());
        let workforce = workforce.or_else(|| match self.stated("workforce", None) {
            Some((i, s)) => match s.value {
                FigureValue::Count(r) => {
                    self.used.insert(i);
                    Some(r)
                }
                _ => None,
            },
            None => None,
        });
        if workforce.is_none() {
            lines.extend(self.unknown_line("workforce", None));
        }
        if let Some(w) = workforce {
            if let Some((i, _)) = self.stated("workforce", None) {
                self.used.insert(i);
            }
            lines.push(Line {
                label: key_label("workforce", None).unwrap_or_else(|| Bilingual::new("", "")),
                value: Shown::Count(w),
                provenance: Provenance::Stated { quote: None },
            });
            if has_roster && w.value() > 0 {
                lines.push(Line {
                    label: key_label("density", None).unwrap_or_else(|| Bilingual::new("", "")),
                    value: Shown::PartOf {
                        part: total,
                        whole: w.value(),
                        decimals: 2,
                    },
                    provenance: Provenance::Computed,
                });
            }
        }
        let blocs: BTreeSet<Option<Bloc>> = by
            .keys()
            .filter(|(l, b)| *l == Level::Grassroots && b.is_some())
            .map(|(_, b)| *b)
            .collect();
        for bloc in blocs {
            let n = by.get(&(Level::Grassroots, bloc)).copied().unwrap_or(0);
            lines.extend(self.count_line("cdcs.count", bloc, u64::from(n)));
            if has_roster {
                let in_bloc: u64 = self
                    .tree
                    .scope(scope)
                    .filter(|&node| {
                        self.tree.level(node) == Level::Grassroots && self.tree.bloc(node) == bloc
                    })
                    .map(|node| members.total(node).copied().unwrap_or(0))
                    .sum();
                if in_bloc > 0 {
                    lines.extend(self.count_line("members", bloc, in_bloc));
                } else {
                    // No membership in the bloc is on record: unknown, not none.
                    lines.extend(self.unknown_line("members", bloc));
                }
            }
        }
        Section {
            heading: Bilingual::new("Tổ chức công đoàn", "Organisation"),
            lines,
            charts: Vec::new(),
        }
    }

    fn grading(&mut self) -> Option<Section> {
        let period = self.period?;
        let scope = Some(self.subject);
        let mut lines = Vec::new();
        let blocs: BTreeSet<Option<Bloc>> = self
            .tree
            .scope(scope)
            .filter(|&n| self.tree.level(n) == Level::Grassroots)
            .map(|n| self.tree.bloc(n))
            .collect();
        let any_graded = self
            .model
            .collective_facts
            .iter()
            .any(|f| f.period == period && f.facts.grade().is_some());
        if !any_graded {
            return None;
        }
        let mut chart_series: Vec<Series> = Vec::new();
        for bloc in blocs {
            let mut tally = crate::stats::accumulate::Tally::<Option<TaskGrade>>::default();
            let grades = self
                .model
                .rollup(&GrassrootsGrades, self.tree, scope, Some(&period));
            for node in self.tree.scope(scope) {
                if self.tree.level(node) == Level::Grassroots && self.tree.bloc(node) == bloc {
                    use crate::stats::accumulate::Accumulator;
                    if let Some(own) = grades.own(node) {
                        tally.merge(own);
                    }
                }
            }
            let whole = tally.total();
            let graded = whole.saturating_sub(tally.get(&None));
            if graded == 0 {
                continue;
            }
            let suffix = bloc_suffix(bloc);
            chart_series.push(Series {
                label: match bloc {
                    Some(b) => Bilingual::new(b.label_vi(), b.label_en()),
                    None => Bilingual::new(
                        format!("Công đoàn cơ sở{}", suffix.vi),
                        format!("Grassroots unions{}", suffix.en),
                    ),
                },
                values: TaskGrade::ALL
                    .iter()
                    .rev()
                    .map(|g| Some(tally.get(&Some(*g))))
                    .chain(std::iter::once(Some(tally.get(&None))))
                    .collect(),
            });
            for grade in TaskGrade::ALL.iter().rev() {
                let n = tally.get(&Some(*grade));
                let key = format!("cdcs.grade.{}", grade.code());
                let stated_count = self.stated(&key, bloc).map(|(i, _)| i);
                if n == 0 && stated_count.is_none() {
                    continue;
                }
                let share_key = format!("{key}.share");
                let stated_share = self
                    .stated(&share_key, bloc)
                    .map(|(i, s)| (i, s.value.clone()));
                let decimals = match &stated_share {
                    Some((_, FigureValue::Ratio(r))) => stated_decimals(&r.value()),
                    _ => 1,
                };
                if let Some(mut line) = self.count_line(&key, bloc, n) {
                    line.value = Shown::PartOf {
                        part: n,
                        whole,
                        decimals,
                    };
                    lines.push(line);
                }
                if let Some((i, FigureValue::Ratio(r))) = stated_share {
                    self.used.insert(i);
                    let computed = Ratio::new(n, whole).ok();
                    let shown_computed = computed.map(|c| c.to_percent_string(decimals, Lang::Vi));
                    let shown_stated = r.value().to_percent_string(decimals, Lang::Vi);
                    let agrees = computed.is_some_and(|c| share_agrees(&r, c));
                    let label = key_label(&share_key, bloc)
                        .unwrap_or_else(|| Bilingual::new(share_key.clone(), share_key.clone()));
                    if !agrees {
                        let en = |r: Ratio| r.to_percent_string(decimals, Lang::En);
                        self.differs(
                            i,
                            &label,
                            Bilingual::new(shown_stated.clone(), en(r.value())),
                            Bilingual::new(
                                shown_computed.clone().unwrap_or_else(|| "?".to_owned()),
                                computed.map_or_else(|| "?".to_owned(), en),
                            ),
                        );
                    }
                    lines.push(Line {
                        label,
                        value: Shown::Percent {
                            ratio: computed.unwrap_or(r.value()),
                            qualifier: Qualifier::Exact,
                            decimals,
                        },
                        provenance: Provenance::Both {
                            stated: r.to_string_in(Lang::Vi),
                            agrees,
                        },
                    });
                }
            }
            let ungraded = tally.get(&None);
            if ungraded > 0 {
                let s = bloc_suffix(bloc);
                lines.push(Line {
                    label: Bilingual::new(
                        format!("Số CĐCS chưa có kết quả xếp loại{}", s.vi),
                        format!("Grassroots unions not graded{}", s.en),
                    ),
                    value: Shown::PartOf {
                        part: ungraded,
                        whole,
                        decimals: 1,
                    },
                    provenance: Provenance::Computed,
                });
                let by_grade = |lang: Lang| {
                    TaskGrade::ALL
                        .iter()
                        .rev()
                        .filter(|g| tally.get(&Some(**g)) > 0)
                        .map(|g| {
                            format!(
                                "{} {}",
                                format_integer(i128::from(tally.get(&Some(*g))), lang),
                                match lang {
                                    Lang::En => g.code().to_owned(),
                                    _ => g.label_vi().to_lowercase(),
                                }
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(" + ")
                };
                self.diagnostics.push(
                    Diagnostic::of("grades.ungraded", Severity::Warning, Location::Whole)
                        .num("graded", graded)
                        .num("whole", whole)
                        .words("bloc", &s.vi, &s.en)
                        .words("period", period.label_vi(), period.label_en())
                        .words("by_grade", by_grade(Lang::Vi), by_grade(Lang::En))
                        .num("ungraded", ungraded),
                );
            }
        }
        let charts = if chart_series.is_empty() {
            Vec::new()
        } else {
            vec![Chart {
                title: Bilingual::new(
                    format!("Xếp loại công đoàn cơ sở {}", period.label_vi()),
                    format!("Grading of grassroots unions, {}", period.label_en()),
                ),
                unit: ChartUnit::Count,
                categories: TaskGrade::ALL
                    .iter()
                    .rev()
                    .map(|g| Bilingual::new(g.label_vi(), g.label_en()))
                    .chain(std::iter::once(Bilingual::new(
                        "Chưa xếp loại",
                        "Not graded",
                    )))
                    .collect(),
                series: chart_series,
            }]
        };
        Some(Section {
            heading: Bilingual::new(
                format!("Xếp loại công đoàn cơ sở {}", period.label_vi()),
                format!("Grading of grassroots unions, {}", period.label_en()),
            ),
            lines,
            charts,
        })
    }

    fn titles(&mut self) -> Option<Section> {
        let subject = self.tree.id(self.subject);
        let mut computed: Vec<(crate::award::catalogue::TitleCode, u64)> = Vec::new();
        if let Some(period) = self.period {
            let rollup = self.model.rollup(
                &TitlesConferred,
                self.tree,
                Some(self.subject),
                Some(&period),
            );
            if let Some(tally) = rollup.total(self.subject) {
                computed.extend(tally.iter().map(|(code, n)| (code.clone(), n)));
            }
        }
        let name = |code: &str| {
            let def = self.model.catalogue.get(code);
            Bilingual::new(
                def.map_or_else(|| code.to_owned(), |d| d.label_vi().to_owned()),
                def.map_or_else(|| code.to_owned(), |d| d.label_en().to_owned()),
            )
        };
        let mut lines = Vec::new();
        let mut matched: Vec<usize> = Vec::new();
        for (i, a) in self.model.stated_awards.iter().enumerate() {
            if !self.in_scope(a.unit) || a.period.is_some_and(|p| Some(p) != self.period) {
                continue;
            }
            let title = name(a.title.as_str());
            let by = a.issuer.map_or_else(
                || Bilingual::new("", ""),
                |l| {
                    Bilingual::new(
                        format!(", do {} tặng", l.label_vi()),
                        format!(", by {}", l.label_en()),
                    )
                },
            );
            let whom = Bilingual::new(
                a.label
                    .clone()
                    .map(|l| format!(" ({l})"))
                    .unwrap_or_default(),
                a.label_en
                    .clone()
                    .or_else(|| a.label.clone())
                    .map(|l| format!(" ({l})"))
                    .unwrap_or_default(),
            );
            let label = Bilingual::new(
                format!("{}{}{}", title.vi, whom.vi, by.vi),
                format!("{}{}{}", title.en, whom.en, by.en),
            );
            // Conferrals on members are counted for the subject's own scope.
            let on_record = (a.unit == subject
                && a.recipients != Some(crate::award::catalogue::RecipientKind::Collective))
            .then(|| computed.iter().position(|(c, _)| *c == a.title))
            .flatten();
            let (value, provenance) =
                match on_record.and_then(|k| computed.get(k).map(|c| (k, c.1))) {
                    Some((k, n)) => {
                        matched.push(k);
                        let agrees = a.count.admits(n);
                        if !agrees {
                            self.diagnostics.push(
                                Diagnostic::of(
                                    "stated.differs",
                                    Severity::Warning,
                                    DataPath::root().key("stated_awards").index(i),
                                )
                                .variant("awards")
                                .words("label", &label.vi, &label.en)
                                .words(
                                    "stated",
                                    a.count.to_string_in(Lang::Vi),
                                    a.count.to_string_in(Lang::En),
                                )
                                .num("computed", n),
                            );
                        }
                        (
                            Shown::Count(Reported::exact(n)),
                            Provenance::Both {
                                stated: a.count.to_string_in(Lang::Vi),
                                agrees,
                            },
                        )
                    }
                    None => (
                        Shown::Count(a.count),
                        Provenance::Stated {
                            quote: a.quote.clone(),
                        },
                    ),
                };
            lines.push(Line {
                label,
                value,
                provenance,
            });
        }
        for (k, (code, n)) in computed.iter().enumerate() {
            if n > &0 && !matched.contains(&k) {
                lines.push(Line {
                    label: name(code.as_str()),
                    value: Shown::Count(Reported::exact(*n)),
                    provenance: Provenance::Computed,
                });
            }
        }
        let charts: Vec<Chart> = self.titles_by_year().into_iter().collect();
        (!lines.is_empty() || !charts.is_empty()).then(|| Section {
            heading: Bilingual::new(
                "Danh hiệu thi đua, hình thức khen thưởng",
                "Titles and commendations",
            ),
            lines,
            charts,
        })
    }

    /// Members, LĐTT and CSTĐCS of the subject per year, where the decisions span
    /// several years: members on each year's last day, titles conferred for it.
    fn titles_by_year(&self) -> Option<Chart> {
        use crate::award::catalogue::codes;
        let calendar = self.model.meta.calendar.clone().unwrap_or_default();
        let mut periods: Vec<Period> = self
            .model
            .decisions
            .iter()
            .map(|d| *d.period())
            .filter(|p| matches!(p, Period::SchoolYear(_) | Period::Year(_)))
            .collect();
        periods.sort_by_key(|p| (p.default_span().start(), p.default_span().end()));
        periods.dedup();
        if periods.len() < 2 {
            return None;
        }
        let subject = self.tree.id(self.subject);
        let mut members = Vec::new();
        let mut ldtt = Vec::new();
        let mut cstdcs = Vec::new();
        for p in &periods {
            let tree = self.model.hierarchy.as_of(p.span(&calendar).end());
            let Some(node) = tree.node(subject) else {
                members.push(None);
                ldtt.push(None);
                cstdcs.push(None);
                continue;
            };
            let m = self
                .model
                .rollup(&Members, &tree, Some(node), None)
                .total(node)
                .copied()
                .filter(|n| *n > 0);
            members.push(m);
            let titles = self
                .model
                .rollup(&TitlesConferred, &tree, Some(node), Some(p));
            let count = |code: &str| {
                titles.total(node).map(|t| {
                    t.iter()
                        .filter(|(c, _)| c.as_str() == code)
                        .map(|(_, n)| n)
                        .sum::<u64>()
                })
            };
            ldtt.push(count(codes::LDTT));
            cstdcs.push(count(codes::CSTDCS));
        }
        Some(Chart {
            title: Bilingual::new(
                "Đoàn viên và danh hiệu thi đua qua các năm",
                "Members and titles over the years",
            ),
            unit: ChartUnit::Count,
            categories: periods
                .iter()
                .map(|p| Bilingual::new(p.label_vi(), p.label_en()))
                .collect(),
            series: vec![
                Series {
                    label: Bilingual::new("Đoàn viên", "Members"),
                    values: members,
                },
                Series {
                    label: Bilingual::new("Lao động tiên tiến", "LĐTT"),
                    values: ldtt,
                },
                Series {
                    label: Bilingual::new("Chiến sĩ thi đua cơ sở", "CSTĐCS"),
                    values: cstdcs,
                },
            ],
        })
    }

    fn stated_rest(&mut self) -> Section {
        let mut lines = Vec::new();
        let subject = self.tree.id(self.subject);
        let whole = self.tree.parent(self.subject).is_none();
        for (i, s) in self.model.stated.iter().enumerate() {
            if self.used.contains(&i) {
                continue;
            }
            match self.tree.node(s.unit) {
                Some(n) if self.tree.contains(self.subject, n) => {}
                Some(_) => continue,
                None => {
                    // A figure of a unit that does not exist on the report's day cannot
                    // be placed in the tree: say so where it may belong here.
                    if whole || was_under(self.model, s.unit, subject) {
                        self.diagnostics.push(
                            Diagnostic::of(
                                "report.not_attributed",
                                Severity::Warning,
                                DataPath::root().key("stated").index(i),
                            )
                            .quoted("key", &s.key)
                            .date("date", self.tree.date()),
                        );
                    }
                    continue;
                }
            }
            let known = FigureKey::find(&s.key);
            let label = match (&s.label, key_label(&s.key, s.bloc)) {
                (Some(l), _) => Bilingual::new(
                    l.clone(),
                    s.label_en.clone().unwrap_or_else(|| match known {
                        Some(k) if k.is_family() => format!("{} ({})", k.label_en(), s.key),
                        Some(k) => k.label_en().to_owned(),
                        None => s.key.clone(),
                    }),
                ),
                (None, Some(l)) => l,
                (None, None) => Bilingual::new(
                    s.key.clone(),
                    s.label_en.clone().unwrap_or_else(|| s.key.clone()),
                ),
            };
            lines.push(Line {
                label,
                value: shown(&s.value),
                provenance: Provenance::Stated {
                    quote: s.quote.clone(),
                },
            });
        }
        Section {
            heading: Bilingual::new("Các số liệu khác theo nguồn", "Other figures as stated"),
            lines,
            charts: Vec::new(),
        }
    }
}

/// Whether a unit that does not exist on the report's day was, on its last day (or
/// its first, for one established later), in the subtree of `subject`.
fn was_under(model: &Model, unit: UnitId, subject: UnitId) -> bool {
    let Some(state) = model.hierarchy.state(unit) else {
        return false;
    };
    let day = state
        .end
        .and_then(|e| e.pred_opt())
        .filter(|d| *d >= state.start)
        .unwrap_or(state.start);
    let then = model.hierarchy.as_of(day);
    match (then.node(unit), then.node(subject)) {
        (Some(u), Some(s)) => then.contains(s, u),
        _ => false,
    }
}

/// Checks the periods stated figures give as text ("năm học 202-2022"): a text that
/// does not parse, or names another period than the figure's, is reported.
fn check_period_texts(model: &Model, report: &mut Diagnostics) {
    let mut seen: Vec<&str> = Vec::new();
    for (i, s) in model.stated.iter().enumerate() {
        let Some(text) = &s.period_text else { continue };
        if seen.contains(&text.as_str()) {
            continue;
        }
        seen.push(text);
        let same = model
            .stated
            .iter()
            .filter(|o| o.period_text.as_deref() == Some(text.as_str()))
            .count();
        let also = if same > 1 {
            Bilingual::new(
                format!(" ({same} số liệu ghi kỳ này)"),
                format!(" ({same} stated figures give this period)"),
            )
        } else {
            Bilingual::new("", "")
        };
        let path = DataPath::root().key("stated").index(i).key("period_text");
        match text.parse::<Period>() {
            Err(e) => report.push(
                Diagnostic::of("stated.malformed_period", Severity::Warning, path)
                    .quoted("text", text)
                    .words(
                        "error",
                        "không đọc được thành năm, năm học hay giai đoạn",
                        e.to_string(),
                    )
                    .words("also", &also.vi, &also.en),
            ),
            Ok(p) if s.period.is_some_and(|q| q != p) => report.push(
                Diagnostic::of("stated.period_mismatch", Severity::Warning, path)
                    .quoted("text", text)
                    .words(
                        "period",
                        s.period.map_or_else(String::new, |q| q.label_vi()),
                        s.period.map_or_else(String::new, |q| q.label_en()),
                    )
                    .words("also", &also.vi, &also.en),
            ),
            Ok(_) => {}
        }
    }
}

/// The unit a diagnostic is about, when its path points into a list whose elements
/// belong to a unit.
fn diagnostic_unit(model: &Model, d: &Diagnostic) -> Option<UnitId> {
    use crate::diagnostic::PathSegment;
    let Location::Path(path) = d.location() else {
        return None;
    };
    let (Some(PathSegment::Key(section)), Some(PathSegment::Index(i))) =
        (path.segments().first(), path.segments().get(1))
    else {
        return None;
    };
    let i = *i;
    match section.as_str() {
        "units" => model.hierarchy.unit_at(i),
        "stated" => model.stated.get(i).map(|s| s.unit),
        "stated_awards" => model.stated_awards.get(i).map(|s| s.unit),
        "collective_facts" => model.collective_facts.get(i).map(|f| f.unit),
        "initiative_reports" => model
            .campaigns
            .initiatives()
            .reported_funnels()
            .get(i)
            .map(|f| f.scope()),
        "launches" => model.campaigns.launches().get(i).map(|l| l.unit()),
        "support_records" => model.ledger.support_records().get(i).map(|r| r.organiser()),
        "twinnings" => model.ledger.twinnings().get(i).map(|t| t.first()),
        _ => None,
    }
}

/// The parent's figure and the children's sum, written out, when they cannot both
/// hold: equal when every child states one, else the parent at least the sum.
fn disagreement<T>(
    parent: &Reported<T>,
    children: impl Iterator<Item = Reported<T>>,
    every_child: bool,
) -> Result<Option<(Bilingual, Bilingual)>, ()>
where
    T: crate::value::reported::Additive,
{
    let Ok(sum) = Reported::checked_sum(children) else {
        return Err(());
    };
    let bound = if every_child {
        sum
    } else {
        Reported::new(sum.value(), Qualifier::AtLeast)
    };
    let both = |r: &Reported<T>| Bilingual::new(r.to_string_in(Lang::Vi), r.to_string_in(Lang::En));
    Ok((!parent.may_equal(&bound)).then(|| (both(parent), both(&sum))))
}

/// Checks children's stated totals against their parent's: a parent's figure must
/// be at least the sum of its children's for the same key, bloc and period, and
/// equal to it when every child states one (qualifiers respected).
fn check_stated_children(model: &Model, tree: &Snapshot<'_>, report: &mut Diagnostics) {
    for (i, parent) in model.stated.iter().enumerate() {
        let Some(p_node) = tree.node(parent.unit) else {
            continue;
        };
        let children: Vec<&StatedFigure> = model
            .stated
            .iter()
            .filter(|c| {
                c.key == parent.key
                    && c.bloc == parent.bloc
                    && c.period == parent.period
                    && tree.node(c.unit).and_then(|n| tree.parent(n)) == Some(p_node)
            })
            .collect();
        if children.is_empty() {
            continue;
        }
        let every_child = tree.children(p_node).len() == children.len();
        let problem = match &parent.value {
            FigureValue::Count(p) => disagreement(
                p,
                children.iter().filter_map(|c| match c.value {
                    FigureValue::Count(r) => Some(r),
                    _ => None,
                }),
                every_child,
            ),
            FigureValue::Money(p) => disagreement(
                p,
                children.iter().filter_map(|c| match c.value {
                    FigureValue::Money(r) => Some(r),
                    _ => None,
                }),
                every_child,
            ),
            FigureValue::Ratio(_) => Ok(None),
        };
        let problem = match problem {
            Ok(p) => p,
            Err(()) => {
                report.push(
                    Diagnostic::of(
                        "report.sum_overflow",
                        Severity::Error,
                        DataPath::root().key("stated").index(i),
                    )
                    .variant("children")
                    .quoted("key", &parent.key)
                    .arg("unit", tree.code(p_node))
                    .num("n", children.len()),
                );
                continue;
            }
        };
        if let Some((stated, sum)) = problem {
            report.push(
                Diagnostic::of(
                    "stated.children_disagree",
                    Severity::Warning,
                    DataPath::root().key("stated").index(i),
                )
                .quoted("key", &parent.key)
                .arg("unit", tree.code(p_node))
                .words("stated", stated.vi, stated.en)
                .num("n", children.len())
                .words("sum", sum.vi, sum.en)
                .words(
                    "partial",
                    if every_child {
                        ""
                    } else {
                        " (không phải đơn vị nào cũng ghi)"
                    },
                    if every_child {
                        ""
                    } else {
                        " (not all of them state it)"
                    },
                ),
            );
        }
    }
}

impl Model {
    /// Builds the year-end report of a unit: its organisation on the day (units per
    /// bloc, members, workforce, density), the grading of its grassroots unions and
    /// the titles conferred for the period, and every figure the sources state —
    /// each computed figure checked against the stated one — with every problem found
    /// in a table at the end.
    ///
    /// # Errors
    /// [`ReportError`] when there is no unit or day to report on, or the unit does
    /// not exist that day.
    pub fn report(&self, request: &ReportRequest) -> Result<Report, ReportError> {
        let period = request.period.or(self.meta.period);
        let as_of = request
            .as_of
            .or(self.meta.as_of)
            .or_else(|| {
                period.map(|p| {
                    p.span(self.meta.calendar.as_ref().unwrap_or(&Default::default()))
                        .end()
                })
            })
            .ok_or(ReportError::NoDay)?;
        let unit = request
            .unit
            .or(self.meta.subject)
            .ok_or(ReportError::NoSubject)?;
        let tree = self.hierarchy.as_of(as_of);
        let subject = tree
            .node(unit)
            .ok_or(ReportError::NotOnDay { unit, date: as_of })?;
        let mut b = Builder {
            model: self,
            tree: &tree,
            subject,
            period,
            used: BTreeSet::new(),
            diagnostics: Diagnostics::new(),
        };
        let mut sections = vec![b.organisation()];
        sections.extend(b.grading());
        sections.extend(b.titles());
        sections.extend(b.campaigns());
        sections.extend(b.initiatives());
        sections.extend(b.contests());
        let span = self.meta.span.or_else(|| {
            period.map(|p| p.span(self.meta.calendar.as_ref().unwrap_or(&Default::default())))
        });
        if let Some(span) = span {
            sections.extend(b.support(span));
        }
        let rest = b.stated_rest();
        if !rest.lines.is_empty() {
            sections.push(rest);
        }
        // A report shows only what is about its own subtree; problems that cannot be
        // tied to a unit appear in reports of the whole dataset only.
        let whole = tree.parent(subject).is_none();
        let mut found = self.warnings.clone();
        check_period_texts(self, &mut found);
        check_stated_children(self, &tree, &mut found);
        crate::report::checks::check_stated_figures(self, &mut found);
        // Problems only counted (beyond the number a report keeps per code) cannot be
        // tied to a unit: every report names their count, so that none says "no
        // problems" while some were left out.
        let counted: Vec<(String, Severity, u64)> = found
            .omitted()
            .map(|(code, severity, count)| (code.to_owned(), severity, count))
            .collect();
        let mut diagnostics: Diagnostics = found
            .into_iter()
            .filter(|d| match diagnostic_unit(self, d) {
                Some(u) => tree.node(u).is_some_and(|n| tree.contains(subject, n)),
                None => whole,
            })
            .collect();
        for (code, severity, count) in counted {
            diagnostics.count_omitted(&code, severity, count);
        }
        diagnostics.extend(b.diagnostics);
        let name = tree
            .name(subject)
            .map_or_else(String::new, |n| n.as_str().to_owned());
        let (pvi, pen) = period.map_or_else(
            || (String::new(), String::new()),
            |p| (format!(", {}", p.label_vi()), format!(", {}", p.label_en())),
        );
        Ok(Report {
            title: Bilingual::new(
                format!("Báo cáo công tác thi đua – khen thưởng: {name}"),
                format!("Emulation and commendation report: {name}"),
            ),
            subtitle: Bilingual::new(
                format!(
                    "Số liệu tổ chức tính đến ngày {}{pvi}.",
                    as_of.format("%d/%m/%Y")
                ),
                format!("Organisation as of {as_of}{pen}."),
            ),
            sections,
            diagnostics,
        })
    }
}

/// Sections drawn from campaigns, initiatives, contests, students' results and the
/// support ledger.
impl Builder<'_, '_> {
    /// Who a campaign targets, in words: the units, the blocs and the roles.
    fn target_text(&self, target: &crate::campaign::record::Target) -> Bilingual {
        let units: Vec<String> = target
            .units()
            .iter()
            .map(|u| {
                self.tree
                    .node(*u)
                    .and_then(|n| self.tree.name(n))
                    .map_or_else(|| u.to_string(), |n| n.as_str().to_owned())
            })
            .collect();
        let (mut vi, mut en) = if units.is_empty() {
            (
                "các công đoàn cơ sở thuộc đơn vị phát động".to_owned(),
                "the grassroots unions under the launching units".to_owned(),
            )
        } else {
            (
                format!("các công đoàn cơ sở thuộc {}", units.join(", ")),
                format!("the grassroots unions under {}", units.join(", ")),
            )
        };
        if !target.blocs().is_empty() {
            let b = |f: fn(Bloc) -> &'static str| {
                target
                    .blocs()
                    .iter()
                    .map(|x| f(*x))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            vi.push_str(&format!(", {}", b(Bloc::label_vi)));
            en.push_str(&format!(", {}", b(Bloc::label_en)));
        }
        if !target.roles().is_empty() {
            let r = |f: fn(crate::people::member::Role) -> &'static str| {
                target
                    .roles()
                    .iter()
                    .map(|x| f(*x))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            vi.push_str(&format!(
                "; cá nhân: {}",
                r(crate::people::member::Role::label_vi)
            ));
            en.push_str(&format!(
                "; individuals: {}",
                r(crate::people::member::Role::label_en)
            ));
        }
        Bilingual::new(vi, en)
    }

    fn in_scope(&self, unit: UnitId) -> bool {
        self.tree
            .node(unit)
            .is_some_and(|n| self.tree.contains(self.subject, n))
    }

    fn campaigns(&mut self) -> Option<Section> {
        let campaigns = &self.model.campaigns;
        let mut lines = Vec::new();
        for c in campaigns.campaigns() {
            let stated: Vec<_> = c
                .reported_coverage()
                .iter()
                .filter(|r| r.scope() == self.tree.id(self.subject))
                .collect();
            let name = c.name().as_str();
            let launched_here = c.launchers().iter().any(|l| match l {
                crate::campaign::record::Launcher::Unit { unit } => self.in_scope(*unit),
                _ => false,
            });
            let quoted = crate::diagnostic::quote_vi(name);
            if launched_here {
                lines.push(Line {
                    label: Bilingual::new(
                        format!("{quoted} ({})", c.period().label_vi()),
                        format!("{quoted} ({})", c.period().label_en()),
                    ),
                    value: Shown::Text(Bilingual::new(c.kind().label_vi(), c.kind().label_en())),
                    provenance: Provenance::Computed,
                });
                let launchers: Vec<String> = c
                    .launchers()
                    .iter()
                    .map(|l| match l {
                        crate::campaign::record::Launcher::Unit { unit } => self
                            .tree
                            .node(*unit)
                            .and_then(|n| self.tree.name(n))
                            .map_or_else(|| unit.to_string(), |n| n.as_str().to_owned()),
                        crate::campaign::record::Launcher::Partner { partner } => self
                            .model
                            .hierarchy
                            .partner(*partner)
                            .map_or_else(|| partner.to_string(), |p| p.name().as_str().to_owned()),
                    })
                    .collect();
                lines.push(Line {
                    label: Bilingual::new(
                        format!("{quoted}: đơn vị phát động"),
                        format!("{quoted}: launched by"),
                    ),
                    value: Shown::Text(Bilingual::new(
                        launchers.join(" và "),
                        launchers.join(" and "),
                    )),
                    provenance: Provenance::Computed,
                });
                lines.push(Line {
                    label: Bilingual::new(
                        format!("{quoted}: đối tượng"),
                        format!("{quoted}: target"),
                    ),
                    value: Shown::Text(self.target_text(c.target())),
                    provenance: Provenance::Computed,
                });
                if campaigns
                    .coverage(c.id(), self.tree, self.subject)
                    .is_some_and(|cov| cov.targeted() == 0)
                {
                    self.diagnostics.push(
                        Diagnostic::of(
                            "campaign.target_reaches_none",
                            Severity::Warning,
                            Location::Whole,
                        )
                        .quoted("campaign", name)
                        .words("period", c.period().label_vi(), c.period().label_en())
                        .date("date", self.tree.date()),
                    );
                }
            }
            let Some(cov) = campaigns.coverage(c.id(), self.tree, self.subject) else {
                continue;
            };
            if (cov.targeted() == 0 || cov.launched() == 0) && stated.is_empty() {
                continue;
            }
            let label = Bilingual::new(
                format!("CĐCS phát động {quoted} ({})", c.period().label_vi()),
                format!(
                    "Grassroots unions that launched {quoted} ({})",
                    c.period().label_en()
                ),
            );
            let provenance = match stated.first() {
                Some(r) => {
                    let agrees = cov.ratio().is_some_and(|x| r.coverage().admits(x));
                    if !agrees {
                        self.diagnostics.push(
                            Diagnostic::of("stated.differs", Severity::Warning, Location::Whole)
                                .variant("launches")
                                .words("label", &label.vi, &label.en)
                                .words(
                                    "stated",
                                    r.coverage().to_string_in(Lang::Vi),
                                    r.coverage().to_string_in(Lang::En),
                                )
                                .num("launched", cov.launched())
                                .num("targeted", cov.targeted()),
                        );
                    }
                    Provenance::Both {
                        stated: r.coverage().to_string_in(Lang::Vi),
                        agrees,
                    }
                }
                None => Provenance::Computed,
            };
            lines.push(Line {
                label,
                value: Shown::PartOf {
                    part: cov.launched(),
                    whole: cov.targeted(),
                    decimals: 0,
                },
                provenance,
            });
        }
        (!lines.is_empty()).then(|| Section {
            heading: Bilingual::new("Phong trào thi đua", "Campaigns"),
            lines,
            charts: Vec::new(),
        })
    }

    fn initiatives(&mut self) -> Option<Section> {
        let period = self.period?;
        let book = self.model.campaigns.initiatives();
        let mut lines = Vec::new();
        // Per level: registered, evaluated, recognised (stated first, then records).
        type Stages = [Option<u64>; 3];
        let mut stages: Vec<(Option<crate::initiative::level::RecognitionLevel>, Stages)> =
            Vec::new();
        for f in book.reported_funnels() {
            if !self.in_scope(f.scope()) || f.period() != period {
                continue;
            }
            let level = f.level().map_or_else(
                || Bilingual::new("", ""),
                |l| Bilingual::new(format!(" {}", l.label_vi()), format!(" ({})", l.label_en())),
            );
            let quote = Provenance::Stated {
                quote: f.quote().map(str::to_owned),
            };
            let stage = |vi: &str, en: &str, figure: Option<Reported<u64>>| {
                figure.map(|n| Line {
                    label: Bilingual::new(
                        format!("Sáng kiến {vi}{}", level.vi),
                        format!("Initiatives {en}{}", level.en),
                    ),
                    value: Shown::Count(n),
                    provenance: quote.clone(),
                })
            };
            if !stages.iter().any(|(l, _)| *l == f.level()) {
                stages.push((
                    f.level(),
                    [
                        f.submitted().map(|r| r.value()),
                        f.evaluated().map(|r| r.value()),
                        f.recognised().map(|r| r.value()),
                    ],
                ));
            }
            lines.extend(stage("đăng ký", "registered", f.submitted()));
            lines.extend(stage("được chấm, xếp loại", "evaluated", f.evaluated()));
            match (f.recognised(), f.evaluated().or(f.submitted())) {
                (Some(r), Some(of)) => lines.push(Line {
                    label: Bilingual::new(
                        format!(
                            "Sáng kiến được công nhận{} / {}",
                            level.vi,
                            if f.evaluated().is_some() {
                                "được chấm, xếp loại"
                            } else {
                                "đăng ký"
                            }
                        ),
                        format!(
                            "Initiatives recognised / {}{}",
                            if f.evaluated().is_some() {
                                "evaluated"
                            } else {
                                "registered"
                            },
                            level.en
                        ),
                    ),
                    value: Shown::PartOf {
                        part: r.value(),
                        whole: of.value(),
                        decimals: 1,
                    },
                    provenance: quote.clone(),
                }),
                (r, _) => lines.extend(stage("được công nhận", "recognised", r)),
            }
            lines.extend(stage("được ứng dụng", "applied", f.applied()));
        }
        for level in crate::initiative::level::RecognitionLevel::ALL {
            let funnel = book.funnel(self.tree, self.subject, period, Some(*level));
            if funnel.submitted() == 0 && funnel.recognised() == 0 {
                continue;
            }
            if !stages.iter().any(|(l, _)| *l == Some(*level)) {
                stages.push((
                    Some(*level),
                    [Some(funnel.submitted()), None, Some(funnel.recognised())],
                ));
            }
            lines.push(Line {
                label: Bilingual::new(
                    format!(
                        "Sáng kiến được công nhận {} / đề nghị (theo hồ sơ)",
                        level.label_vi()
                    ),
                    format!(
                        "Initiatives recognised / submitted, {} (records)",
                        level.label_en()
                    ),
                ),
                value: Shown::PartOf {
                    part: funnel.recognised(),
                    whole: funnel.submitted(),
                    decimals: 1,
                },
                provenance: Provenance::Computed,
            });
        }
        let charts = if stages.is_empty() {
            Vec::new()
        } else {
            let series = |vi: &str, en: &str, k: usize| Series {
                label: Bilingual::new(vi, en),
                values: stages
                    .iter()
                    .map(|(_, v)| v.get(k).copied().flatten())
                    .collect(),
            };
            vec![Chart {
                title: Bilingual::new(
                    format!("Sáng kiến theo cấp, {}", period.label_vi()),
                    format!("Initiatives by level, {}", period.label_en()),
                ),
                unit: ChartUnit::Count,
                categories: stages
                    .iter()
                    .map(|(l, _)| match l {
                        Some(l) => Bilingual::new(l.label_vi(), l.label_en()),
                        None => Bilingual::new("Các cấp", "All levels"),
                    })
                    .collect(),
                series: [
                    series("Đăng ký", "Registered", 0),
                    series("Được chấm, xếp loại", "Evaluated", 1),
                    series("Được công nhận", "Recognised", 2),
                ]
                .into_iter()
                .filter(|s| s.values.iter().any(Option::is_some))
                .collect(),
            }]
        };
        (!lines.is_empty()).then(|| Section {
            heading: Bilingual::new("Sáng kiến", "Initiatives"),
            lines,
            charts,
        })
    }

    fn contests(&mut self) -> Option<Section> {
        let period = self.period?;
        let campaigns = &self.model.campaigns;
        let won = campaigns.unit_contest_results(self.tree, self.subject, period);
        let mut seen: Vec<crate::value::id::ContestId> = Vec::new();
        let mut lines = Vec::new();
        for w in &won {
            let contest = w.contest();
            if seen.contains(&contest.id()) {
                continue;
            }
            seen.push(contest.id());
            let tally = contest.tally();
            let name = contest.name().as_str();
            for (rank, n) in tally.by_rank() {
                // Prizes counted by the source without their winners are shown as
                // stated; prizes of named winners are counted from the records.
                let named = contest.results().iter().any(|r| {
                    matches!(r, ContestResult::Winner { .. }) && r.prize().rank() == *rank
                });
                lines.push(Line {
                    label: Bilingual::new(
                        format!("{name}: {}", rank.label_vi()),
                        format!("{name}: {}", rank.label_en()),
                    ),
                    value: Shown::Count(Reported::exact(*n)),
                    provenance: if named {
                        Provenance::Computed
                    } else {
                        Provenance::Stated { quote: None }
                    },
                });
            }
            if let Some(total) = tally.reported() {
                lines.push(Line {
                    label: Bilingual::new(
                        format!("{name}: tổng số giải"),
                        format!("{name}: prizes in all"),
                    ),
                    value: Shown::Count(total),
                    provenance: Provenance::Stated { quote: None },
                });
            }
            if let Some(rest) = tally.unexplained().filter(|r| r.value() > 0) {
                lines.push(Line {
                    label: Bilingual::new(
                        format!("{name}: giải không nêu hạng"),
                        format!("{name}: prizes without a stated rank"),
                    ),
                    value: Shown::Count(rest),
                    provenance: Provenance::Computed,
                });
            }
        }
        let mut students = Vec::new();
        for node in self.tree.scope(Some(self.subject)) {
            for r in campaigns.student_results_of(self.tree.id(node), period) {
                students.push(r);
            }
        }
        for r in students {
            for g in r.gifted_counts() {
                lines.push(Line {
                    label: Bilingual::new(
                        format!("Học sinh giỏi {}", g.level().label_vi()),
                        format!("Gifted students, {}", g.level().label_en()),
                    ),
                    value: Shown::Count(g.count()),
                    provenance: Provenance::Stated { quote: None },
                });
            }
            for rate in r.rates() {
                let ratio = rate.rate();
                lines.push(Line {
                    label: Bilingual::new(rate.measure().label_vi(), rate.measure().label_en()),
                    value: Shown::Percent {
                        ratio: ratio.value(),
                        qualifier: ratio.qualifier(),
                        decimals: stated_decimals(&ratio.value()),
                    },
                    provenance: Provenance::Stated { quote: None },
                });
            }
        }
        (!lines.is_empty()).then(|| Section {
            heading: Bilingual::new(
                "Hội thi, kết quả học sinh",
                "Contests and students' results",
            ),
            lines,
            charts: Vec::new(),
        })
    }

    fn support(&mut self, span: crate::value::period::DateRange) -> Option<Section> {
        use crate::support::plan::PublicationPlan;
        use crate::support::publish::CellState;
        use crate::support::totals::LedgerScope;
        let ledger = &self.model.ledger;
        let calendar = self.model.meta.calendar.clone().unwrap_or_default();
        let scope = LedgerScope::subtree(self.tree, self.subject, span).with_calendar(&calendar);
        let threshold = crate::support::beneficiary::SuppressionThreshold::default();
        // The figures of every unit are suppressed together, so that this report and
        // those of its parent and siblings, read side by side, give no small count
        // away by subtraction.
        let plan = PublicationPlan::build(
            ledger,
            self.tree,
            span,
            &calendar,
            &self.model.roster,
            threshold,
        );
        let hidden_text = || Shown::Text(Bilingual::new(WITHHELD_VI, WITHHELD_EN));
        let mut lines = Vec::new();
        let mut money: Vec<(Bilingual, Option<u64>)> = Vec::new();
        for (programme, totals) in ledger.support_totals_by_programme(&scope) {
            if totals.records() == 0 {
                continue;
            }
            let published = totals.publish(threshold);
            let (pvi, pen) = plan.programme_name(&programme);
            // Members are adults and named in union reports by number; only the
            // recipients of programmes that list beneficiaries (often minors) are
            // published with small counts suppressed, together with their money.
            let state = plan.programme(&programme, self.subject);
            let recipients = match state {
                None => totals.recipients().map(|r| {
                    let shown = Shown::Count(r);
                    Bilingual::new(shown.format(Lang::Vi), shown.format(Lang::En))
                }),
                Some(CellState::Shown) => published
                    .recipients()
                    .map(|n| Bilingual::new(n.to_string_in(Lang::Vi), n.to_string_in(Lang::En))),
                Some(CellState::Small) => {
                    let n = threshold.apply(1);
                    Some(Bilingual::new(
                        n.to_string_in(Lang::Vi),
                        n.to_string_in(Lang::En),
                    ))
                }
                Some(_) => Some(Bilingual::new(WITHHELD_VI, WITHHELD_EN)),
            };
            if let Some(n) = recipients {
                lines.push(Line {
                    label: Bilingual::new(
                        format!("{pvi}: số người được hỗ trợ"),
                        format!("{pen}: people supported"),
                    ),
                    value: Shown::Text(n),
                    provenance: Provenance::Stated { quote: None },
                });
            }
            let hidden = state.is_some_and(CellState::is_hidden);
            money.push((
                Bilingual::new(pvi.clone(), pen.clone()),
                published
                    .money()
                    .filter(|_| !hidden)
                    .and_then(|m| u64::try_from(m.value().get()).ok()),
            ));
            if let Some(m) = published
                .money()
                .filter(|m| m.value().get() != 0 || m.qualifier() != Qualifier::Exact)
            {
                lines.push(Line {
                    label: Bilingual::new(format!("{pvi}: số tiền"), format!("{pen}: amount")),
                    value: if hidden {
                        hidden_text()
                    } else {
                        Shown::Money(m)
                    },
                    provenance: Provenance::Stated { quote: None },
                });
            }
            let items = item_texts(published.items(), hidden);
            for item in items {
                lines.push(Line {
                    label: Bilingual::new(format!("{pvi}: hiện vật"), format!("{pen}: in kind")),
                    value: Shown::Text(item),
                    provenance: Provenance::Stated { quote: None },
                });
            }
        }
        if !ledger.twinnings().is_empty() {
            let schools: Vec<Node> = self
                .tree
                .scope(Some(self.subject))
                .filter(|&n| {
                    self.tree.level(n) == Level::Grassroots
                        && self.tree.bloc(n) == Some(Bloc::Schools)
                })
                .collect();
            let problems = ledger.check_twinning(
                self.tree,
                self.subject,
                crate::support::twinning::TwinningPartners::AnotherDistrict,
            );
            let untwinned = problems.len() as u64;
            let total = schools.len() as u64;
            lines.push(Line {
                label: Bilingual::new(
                    "Trường học kết nghĩa với ít nhất 1 trường của quận, huyện khác",
                    "Schools twinned with at least one school of another district",
                ),
                value: Shown::PartOf {
                    part: total.saturating_sub(untwinned),
                    whole: total,
                    decimals: 0,
                },
                provenance: Provenance::Computed,
            });
            self.diagnostics.extend(problems);
        }
        let sponsorship = ledger.sponsorship_totals(&scope, &self.model.roster);
        if sponsorship.commitments() > 0 {
            let published = sponsorship.publish(threshold);
            let state = plan.sponsorship(self.subject);
            let children = match state {
                CellState::Shown => published.beneficiaries(),
                CellState::Small => threshold.apply(1),
                _ => crate::support::beneficiary::PublishedCount::withheld(),
            };
            lines.push(Line {
                label: Bilingual::new("Nhà giáo nhận đỡ đầu", "Teachers sponsoring"),
                value: Shown::Text(Bilingual::new(
                    published.member_sponsors().to_string_in(Lang::Vi),
                    published.member_sponsors().to_string_in(Lang::En),
                )),
                provenance: Provenance::Computed,
            });
            lines.push(Line {
                label: Bilingual::new("Học sinh được đỡ đầu", "Students sponsored"),
                value: Shown::Text(Bilingual::new(
                    children.to_string_in(Lang::Vi),
                    children.to_string_in(Lang::En),
                )),
                provenance: Provenance::Computed,
            });
            // Money and goods go with the children they were given to.
            let hidden = state.is_hidden() || children.is_suppressed();
            if let Some(m) = published.money() {
                lines.push(Line {
                    label: Bilingual::new("Số tiền đỡ đầu", "Sponsorship money"),
                    value: if hidden {
                        hidden_text()
                    } else {
                        Shown::Money(m)
                    },
                    provenance: Provenance::Computed,
                });
            }
            let items = item_texts(published.items(), hidden);
            for item in items {
                lines.push(Line {
                    label: Bilingual::new("Đỡ đầu bằng hiện vật", "Sponsorship in kind"),
                    value: Shown::Text(item),
                    provenance: Provenance::Computed,
                });
            }
        }
        let charts = if money.iter().any(|(_, m)| m.is_some()) {
            vec![Chart {
                title: Bilingual::new(
                    "Số tiền hỗ trợ theo chương trình",
                    "Support money by programme",
                ),
                unit: ChartUnit::Money,
                categories: money.iter().map(|(p, _)| p.clone()).collect(),
                series: vec![Series {
                    label: Bilingual::new("Số tiền", "Amount"),
                    values: money.iter().map(|(_, m)| *m).collect(),
                }],
            }]
        } else {
            Vec::new()
        };
        (!lines.is_empty()).then(|| Section {
            heading: Bilingual::new("Chăm lo, hỗ trợ, đỡ đầu", "Care, support and sponsorship"),
            lines,
            charts,
        })
    }
}

/// Goods given in kind, one text each; one "withheld" text instead when the count
/// they belong to is hidden.
fn item_texts(items: &[crate::support::item::ItemTotal], hidden: bool) -> Vec<Bilingual> {
    if hidden && !items.is_empty() {
        return vec![Bilingual::new(WITHHELD_VI, WITHHELD_EN)];
    }
    items
        .iter()
        .map(|i| Bilingual::new(i.to_string_in(Lang::Vi), i.to_string_in(Lang::En)))
        .collect()
}
