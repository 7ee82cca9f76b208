//! The rules in force for a jurisdiction on a day, rendered as Markdown or as a
//! printable HTML page in Vietnamese or English.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::report::render::{PAGE_END, html, md_cell, page_start};
use crate::rules::engine::Evaluator;
use crate::rules::in_force::{RuleState, RulesInForce};
use crate::rules::param::Change;
use crate::rules::regime::RuleError;
use crate::rules::titles::{day as day_text, pick};
use crate::value::format::Lang;
use crate::value::id::UnitId;

/// A cell: code (written as code) or text.
enum Cell {
    Code(String),
    Text(String),
}

/// A section of the document: a heading and a table.
struct Section {
    heading: String,
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

/// The document as a title, a paragraph on the regime, and sections.
struct Doc {
    title: String,
    regime: String,
    sections: Vec<Section>,
}

fn words(lang: Lang, items: &[(&str, &str)]) -> Vec<String> {
    items.iter().map(|(vi, en)| pick(lang, vi, en)).collect()
}

fn dash() -> Cell {
    Cell::Text("—".to_owned())
}

impl RulesInForce {
    fn doc(&self, lang: Lang) -> Doc {
        let day = day_text(self.day, lang);
        let title = match (&self.place, lang) {
            (Some(p), Lang::En) => format!("Rules in force for {p} on {day}"),
            (Some(p), _) => format!("Quy định thi đua, khen thưởng áp dụng cho {p} ngày {day}"),
            (None, Lang::En) => format!("Rules in force on {day}"),
            (None, _) => format!("Quy định thi đua, khen thưởng áp dụng ngày {day}"),
        };
        let r = self.regime.regime();
        let regime = match lang {
            Lang::En => format!(
                "Regime of a case decided on {day}: {} ({}).",
                r.label_en(),
                r.code()
            ),
            _ => format!(
                "Chế độ áp dụng cho hồ sơ được xét ngày {day}: {} ({}).",
                r.label_vi(),
                r.code()
            ),
        };
        let mut sections = vec![self.parameters_section(lang), self.rules_section(lang)];
        if !self.custom.is_empty() {
            sections.push(Section {
                heading: pick(lang, "Quy định riêng", "The jurisdiction's own rules"),
                header: words(
                    lang,
                    &[
                        ("Mã", "Code"),
                        ("Danh hiệu", "Title"),
                        ("Căn cứ", "Source"),
                        ("Từ ngày", "From"),
                    ],
                ),
                rows: self
                    .custom
                    .iter()
                    .map(|c| {
                        vec![
                            Cell::Code(c.code.clone()),
                            Cell::Code(c.title.clone()),
                            Cell::Text(c.citation.to_string()),
                            Cell::Text(day_text(c.from, lang)),
                        ]
                    })
                    .collect(),
            });
        }
        sections.push(self.overrides_section(lang));
        Doc {
            title,
            regime,
            sections,
        }
    }

    fn parameters_section(&self, lang: Lang) -> Section {
        Section {
            heading: pick(lang, "Tham số", "Parameters"),
            header: words(
                lang,
                &[
                    ("Mã", "Code"),
                    ("Tham số", "Parameter"),
                    ("Giá trị", "Value"),
                    ("Căn cứ", "Source"),
                    ("Thay cho", "Replacing"),
                ],
            ),
            rows: self
                .params
                .iter()
                .map(|p| {
                    let id = p.parameter();
                    let label = match lang {
                        Lang::En => id.label_en(),
                        _ => id.label_vi(),
                    };
                    vec![
                        Cell::Code(id.code().to_owned()),
                        Cell::Text(label.to_owned()),
                        Cell::Text(p.value_text(lang)),
                        Cell::Text(p.citation().to_string()),
                        match (p.overridden_by(), p.default_value()) {
                            (Some(_), Some((v, c))) => {
                                Cell::Text(format!("{} ({c})", id.value_text(v, lang)))
                            }
                            (Some(_), None) => Cell::Text(pick(
                                lang,
                                "chế độ không quy định mức riêng",
                                "the regime sets no value",
                            )),
                            (None, _) => dash(),
                        },
                    ]
                })
                .collect(),
        }
    }

    fn rules_section(&self, lang: Lang) -> Section {
        let regime = self.regime.regime();
        Section {
            heading: pick(lang, "Quy định", "Rules"),
            header: words(
                lang,
                &[
                    ("Mã", "Code"),
                    ("Danh hiệu", "Title"),
                    ("Trạng thái", "State"),
                    ("Căn cứ", "Source"),
                    ("Nội dung", "Requires"),
                ],
            ),
            rows: self
                .rules
                .iter()
                .map(|(r, state)| {
                    let (state_text, source) = match state {
                        RuleState::On(c) => (pick(lang, "áp dụng", "on"), Some(c.clone())),
                        RuleState::Enabled(c) => (
                            pick(
                                lang,
                                "áp dụng (văn bản điều chỉnh bật)",
                                "on (turned on by an override)",
                            ),
                            Some(c.clone()),
                        ),
                        RuleState::Disabled(c) => (
                            pick(
                                lang,
                                "không áp dụng (văn bản điều chỉnh tắt)",
                                "off (turned off by an override)",
                            ),
                            Some(c.clone()),
                        ),
                        RuleState::Off => (
                            pick(
                                lang,
                                "không áp dụng (chỉ áp dụng khi được bật)",
                                "off unless a jurisdiction turns it on",
                            ),
                            r.citation(regime),
                        ),
                        RuleState::NotInRegime => (
                            pick(lang, "không thuộc chế độ này", "not a rule of this regime"),
                            None,
                        ),
                    };
                    let title = if r.applies_to_all_titles() {
                        Cell::Text(pick(lang, "mọi danh hiệu", "every title"))
                    } else {
                        Cell::Code(r.title().to_owned())
                    };
                    vec![
                        Cell::Code(r.code().to_owned()),
                        title,
                        Cell::Text(state_text),
                        source.map_or_else(dash, |c| Cell::Text(c.to_string())),
                        Cell::Text(pick(lang, r.summary_vi(), r.summary_en())),
                    ]
                })
                .collect(),
        }
    }

    fn overrides_section(&self, lang: Lang) -> Section {
        Section {
            heading: pick(lang, "Văn bản điều chỉnh", "Overrides"),
            header: words(
                lang,
                &[
                    ("Căn cứ", "Source"),
                    ("Phạm vi và hiệu lực", "Where and when"),
                    ("Nội dung", "Change"),
                ],
            ),
            rows: self
                .overrides
                .iter()
                .map(|(o, label)| {
                    let change = match (o.change(), lang) {
                        (Change::SetParameter { parameter, value }, Lang::En) => format!(
                            "sets {} to {}",
                            parameter.code(),
                            parameter.value_text(*value, lang)
                        ),
                        (Change::SetParameter { parameter, value }, _) => format!(
                            "đặt {} là {}",
                            parameter.code(),
                            parameter.value_text(*value, lang)
                        ),
                        (Change::EnableRule { rule }, Lang::En) => format!("turns on {rule}"),
                        (Change::EnableRule { rule }, _) => format!("bật quy định {rule}"),
                        (Change::DisableRule { rule }, Lang::En) => format!("turns off {rule}"),
                        (Change::DisableRule { rule }, _) => format!("tắt quy định {rule}"),
                    };
                    vec![
                        Cell::Text(o.citation().to_string()),
                        Cell::Text(o.reach_named(lang, label.as_deref())),
                        Cell::Text(change),
                    ]
                })
                .collect(),
        }
    }

    /// The document in Markdown: the regime, the parameters (value, source, and the
    /// built-in value an override replaced), every built-in rule on or off with its
    /// source, the jurisdiction's own rules and the overrides. Text from the data
    /// (citations, names) is escaped.
    pub fn to_markdown(&self, lang: Lang) -> String {
        let doc = self.doc(lang);
        let mut out = format!("# {}\n\n{}\n", md_cell(&doc.title), md_cell(&doc.regime));
        for s in &doc.sections {
            let _ = write!(out, "\n## {}\n\n", s.heading);
            if s.rows.is_empty() {
                let _ = writeln!(out, "{}", pick(lang, "Không có.", "None."));
                continue;
            }
            let _ = writeln!(out, "| {} |", s.header.join(" | "));
            let _ = writeln!(out, "|{}", "---|".repeat(s.header.len()));
            for row in &s.rows {
                let cells: Vec<String> = row
                    .iter()
                    .map(|c| match c {
                        Cell::Code(t) => format!("`{}`", t.replace('`', "'")),
                        Cell::Text(t) => md_cell(t),
                    })
                    .collect();
                let _ = writeln!(out, "| {} |", cells.join(" | "));
            }
        }
        out
    }

    /// The document as a self-contained, printable HTML page (the style of the
    /// reports), every text escaped.
    pub fn to_html(&self, lang: Lang) -> String {
        let doc = self.doc(lang);
        let mut out = page_start(lang, &doc.title);
        let _ = writeln!(out, "<p>{}</p>", html(&doc.regime));
        for s in &doc.sections {
            let _ = writeln!(out, "<h2>{}</h2>", html(&s.heading));
            if s.rows.is_empty() {
                let _ = writeln!(out, "<p>{}</p>", pick(lang, "Không có.", "None."));
                continue;
            }
            out.push_str("<table>\n<tr>");
            for h in &s.header {
                let _ = write!(out, "<th>{}</th>", html(h));
            }
            out.push_str("</tr>\n");
            for row in &s.rows {
                out.push_str("<tr>");
                for c in row {
                    match c {
                        Cell::Code(t) => {
                            let _ = write!(out, "<td><code>{}</code></td>", html(t));
                        }
                        Cell::Text(t) => {
                            let _ = write!(out, "<td>{}</td>", html(t));
                        }
                    }
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</table>\n");
        }
        out.push_str(PAGE_END);
        out
    }
}

/// The rules in force on `day` for a jurisdiction whose unit and ancestors are
/// `jurisdiction` (nearest first), as Markdown: [`Evaluator::rules_in_force`] then
/// [`RulesInForce::to_markdown`]. For a unit of a dataset, `Model::rules_in_force`
/// also names the unit and resolves its ancestors on the day.
///
/// ```
/// use chrono::NaiveDate;
/// use thidua::{Evaluator, Lang, rules_in_force_markdown};
///
/// let day = NaiveDate::from_ymd_opt(2025, 9, 15).ok_or("date")?;
/// let text = rules_in_force_markdown(&Evaluator::new(), &[], day, Lang::Vi)?;
/// assert!(text.starts_with("# Quy định thi đua, khen thưởng áp dụng ngày 15/09/2025\n"));
/// assert!(text.contains("| `ldtt.absence` | `ldtt` | không áp dụng (chỉ áp dụng khi được bật) |"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`RuleError::NoRegime`] when no regime covers the day.
pub fn rules_in_force_markdown(
    evaluator: &Evaluator,
    jurisdiction: &[UnitId],
    day: NaiveDate,
    lang: Lang,
) -> Result<String, RuleError> {
    Ok(evaluator
        .rules_in_force(jurisdiction, day)?
        .to_markdown(lang))
}

/// As [`rules_in_force_markdown`], as a printable HTML page.
///
/// # Errors
/// [`RuleError::NoRegime`] when no regime covers the day.
pub fn rules_in_force_html(
    evaluator: &Evaluator,
    jurisdiction: &[UnitId],
    day: NaiveDate,
    lang: Lang,
) -> Result<String, RuleError> {
    Ok(evaluator.rules_in_force(jurisdiction, day)?.to_html(lang))
}
