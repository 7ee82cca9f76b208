//! The report model.

use crate::diagnostic::Diagnostics;
use crate::value::format::{Lang, format_integer};
use crate::value::money::Vnd;
use crate::value::ratio::Ratio;
use crate::value::reported::{Qualifier, Reported};

/// Text in Vietnamese and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bilingual {
    /// Vietnamese.
    pub vi: String,
    /// English.
    pub en: String,
}

impl Bilingual {
    /// A label in both languages.
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// The text in a language.
    pub fn in_lang(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            _ => &self.vi,
        }
    }
}

/// A value as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Shown {
    /// A count, with its qualifier.
    Count(Reported<u64>),
    /// Money, with its qualifier.
    Money(Reported<Vnd>),
    /// A share shown as a percentage with a number of decimals.
    Percent {
        /// The exact share.
        ratio: Ratio,
        /// The qualifier as stated.
        qualifier: Qualifier,
        /// Decimals shown (rounded half-up).
        decimals: u8,
    },
    /// A part of a whole: "15.249/16.046 (95,03%)".
    PartOf {
        /// The part.
        part: u64,
        /// The whole.
        whole: u64,
        /// Decimals of the percentage shown.
        decimals: u8,
    },
    /// Text.
    Text(Bilingual),
    /// Nothing the data can compute and no source states: "không có số liệu",
    /// never a computed 0.
    NoData,
}

fn money(v: Vnd, lang: Lang) -> String {
    // Whole hundreds of thousands read better in millions, as reports write them
    // ("37,5 triệu đồng"); other amounts are written in full ("265.902.000 đồng").
    if v.get() != 0 && v.get() % 100_000 == 0 {
        v.to_trieu_string(3, lang)
    } else {
        v.to_dong_string(lang)
    }
}

impl Shown {
    /// The value formatted for a language (vi-VN: `15.249`, `19,5%`,
    /// `37,5 triệu đồng`).
    pub fn format(&self, lang: Lang) -> String {
        let q = |q: Qualifier, s: String| {
            if q == Qualifier::Exact {
                s
            } else {
                format!("{} {s}", q.label(lang))
            }
        };
        match self {
            Shown::Count(r) => r.to_string_in(lang),
            Shown::Money(r) => q(r.qualifier(), money(r.value(), lang)),
            Shown::Percent {
                ratio,
                qualifier,
                decimals,
            } => q(*qualifier, ratio.to_percent_string(*decimals, lang)),
            Shown::PartOf {
                part,
                whole,
                decimals,
            } => {
                let fraction = format!(
                    "{}/{}",
                    format_integer(i128::from(*part), lang),
                    format_integer(i128::from(*whole), lang)
                );
                match Ratio::new(*part, *whole) {
                    Ok(r) => format!("{fraction} ({})", r.to_percent_string(*decimals, lang)),
                    Err(_) => fraction,
                }
            }
            Shown::Text(l) => l.in_lang(lang).to_owned(),
            Shown::NoData => match lang {
                Lang::En => "no data".to_owned(),
                _ => "không có số liệu".to_owned(),
            },
        }
    }
}

/// Where a figure comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Provenance {
    /// Computed from the dataset's records.
    Computed,
    /// Stated by a source document, with its words.
    Stated {
        /// The source's sentence.
        quote: Option<String>,
    },
    /// Neither computed nor stated: the figure has no data.
    NoData,
    /// Computed, and stated by a source: whether they agree.
    Both {
        /// The stated value as written.
        stated: String,
        /// Whether the computed value is compatible with the stated one.
        agrees: bool,
    },
}

/// One figure of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// What it is.
    pub label: Bilingual,
    /// Its value.
    pub value: Shown,
    /// Where it comes from.
    pub provenance: Provenance,
}

/// What a chart's values measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ChartUnit {
    /// Counts (units, people, initiatives).
    Count,
    /// Money in whole đồng.
    Money,
}

/// One series of a chart: a value per category, `None` where there is no data (never
/// drawn as 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// What the series is.
    pub label: Bilingual,
    /// One value per category of the chart.
    pub values: Vec<Option<u64>>,
}

/// A bar chart a section draws where the format can (HTML draws it as inline SVG;
/// Markdown and text keep the section's table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// The chart's title.
    pub title: Bilingual,
    /// What the values measure.
    pub unit: ChartUnit,
    /// The categories along the axis (grades, levels, programmes, school years).
    pub categories: Vec<Bilingual>,
    /// The series, drawn side by side in each category.
    pub series: Vec<Series>,
}

/// A section of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading.
    pub heading: Bilingual,
    /// The figures.
    pub lines: Vec<Line>,
    /// Charts of the section's figures (drawn only in HTML).
    pub charts: Vec<Chart>,
}

/// A report: a title, sections of figures with provenance, and the diagnostics
/// found while building it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The title.
    pub title: Bilingual,
    /// A line under the title (period, day, source).
    pub subtitle: Bilingual,
    /// The sections.
    pub sections: Vec<Section>,
    /// Every problem found in the data and in the figures.
    pub diagnostics: Diagnostics,
}

impl Report {
    /// Every figure line, section by section.
    pub fn lines(&self) -> impl Iterator<Item = &Line> + '_ {
        self.sections.iter().flat_map(|s| s.lines.iter())
    }

    /// The first line whose Vietnamese label is `label`.
    pub fn line(&self, label: &str) -> Option<&Line> {
        self.lines().find(|l| l.label.vi == label)
    }
}
