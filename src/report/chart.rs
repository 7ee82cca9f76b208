//! Drawing a [`Chart`] as inline SVG: grouped vertical bars with a legend, round
//! gridlines, every bar labelled with its value as reports write it, and a marked
//! gap where a value is missing.
//!
//! Geometry is integer arithmetic in hundredths of a pixel of the `viewBox`; values
//! are scaled in `u128`, so no value of a `u64` overflows and nothing is a float.

use std::fmt::Write as _;
use std::num::NonZeroU128;

use crate::report::model::{Chart, ChartUnit};
use crate::value::format::{Lang, Sign, format_fraction, format_integer};
use crate::value::money::Vnd;

/// Width of the `viewBox`, in pixels (170 mm at 96 dpi is about 642 px).
const WIDTH: i64 = 640;
/// Height of the plot area (the tallest bar), in pixels.
const PLOT_HEIGHT: i64 = 220;
/// Space right of the plot, in pixels.
const RIGHT: i64 = 12;
/// Font sizes, in pixels.
const TITLE_SIZE: i64 = 16;
const TEXT_SIZE: i64 = 12;
const VALUE_SIZE: i64 = 11;
/// At most this many lines under each category.
const CATEGORY_LINES: usize = 4;
/// At most this many gridlines above zero.
const TICKS: u128 = 5;

/// Fill colours of the series, of well-separated lightness so that they stay apart
/// when printed in grey; every second series is also hatched or dotted.
const PALETTE: [&str; 6] = [
    "#1f4e79", "#e69f00", "#9ecae1", "#6b3d8f", "#b8b8b8", "#2e7d32",
];

struct Words {
    no_data: &'static str,
    no_values: &'static str,
    unit: &'static str,
}

const VI: Words = Words {
    no_data: "không có số liệu",
    no_values: "Biểu đồ không có số liệu.",
    unit: "Đơn vị",
};

const EN: Words = Words {
    no_data: "no data",
    no_values: "The chart has no data.",
    unit: "Unit",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        _ => &VI,
    }
}

/// Escapes text for XML, dropping the characters XML 1.0 cannot hold.
pub(crate) fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if u32::from(c) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Keeps the characters of an id that are safe in XML ids and CSS.
fn clean_id(id: &str) -> String {
    let kept: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(64)
        .collect();
    if kept.starts_with(|c: char| c.is_ascii_alphabetic()) {
        kept
    } else {
        format!("chart{kept}")
    }
}

/// A length in hundredths of a pixel, written as SVG reads it: `110`, `36.67`,
/// `-4.5`.
fn px(h: i64) -> String {
    let sign = if h < 0 { "-" } else { "" };
    let a = h.unsigned_abs();
    let (whole, frac) = (a / 100, a % 100);
    match frac {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
        f => format!("{sign}{whole}.{f:02}"),
    }
}

/// The estimated width of a text, in hundredths of a pixel (0,6 em a character).
fn text_width(text: &str, size: i64) -> i64 {
    let chars = i64::try_from(text.chars().count()).unwrap_or(i64::MAX / 1_000);
    chars.saturating_mul(size).saturating_mul(60)
}

/// How money is written along the axis and on the bars: in đồng, millions or
/// billions, chosen so that every bar's label is exact with at most 3 decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MoneyScale {
    Dong,
    Million,
    Billion,
}

impl MoneyScale {
    fn factor(self) -> u128 {
        match self {
            Self::Dong => 1,
            Self::Million => 1_000_000,
            Self::Billion => 1_000_000_000,
        }
    }

    fn unit(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Dong, Lang::En) => "VND",
            (Self::Million, Lang::En) => "million VND",
            (Self::Billion, Lang::En) => "billion VND",
            (Self::Dong, _) => "đồng",
            (Self::Million, _) => "triệu đồng",
            (Self::Billion, _) => "tỷ đồng",
        }
    }

    fn choose(values: &[u128], max: u128) -> Self {
        let exact = |scale: Self| values.iter().all(|v| (v * 1_000) % scale.factor() == 0);
        if max >= 10_000_000_000 && exact(Self::Billion) {
            Self::Billion
        } else if max >= 1_000_000 && exact(Self::Million) {
            Self::Million
        } else {
            Self::Dong
        }
    }
}

/// How the chart writes its numbers.
#[derive(Debug, Clone, Copy)]
struct Numbers {
    unit: ChartUnit,
    scale: MoneyScale,
    lang: Lang,
}

impl Numbers {
    /// A value on a bar or a tick: `2.803`; money in the chart's unit: `37,5`.
    fn short(self, v: u128) -> String {
        match self.unit {
            ChartUnit::Money => format_fraction(
                Sign::Positive,
                v,
                NonZeroU128::new(self.scale.factor()).unwrap_or(NonZeroU128::MIN),
                3,
                self.lang,
            ),
            _ => format_integer(i128::try_from(v).unwrap_or(i128::MAX), self.lang),
        }
    }

    /// A value in full, as a report's table writes it: `2.803`, `37,5 triệu đồng`,
    /// `265.902.000 đồng`.
    fn full(self, v: u64) -> String {
        match self.unit {
            ChartUnit::Money => match i64::try_from(v) {
                Ok(d) if d != 0 && d % 100_000 == 0 => {
                    Vnd::from_dong(d).to_trieu_string(3, self.lang)
                }
                Ok(d) => Vnd::from_dong(d).to_dong_string(self.lang),
                Err(_) => format!(
                    "{} {}",
                    format_integer(i128::from(v), self.lang),
                    MoneyScale::Dong.unit(self.lang)
                ),
            },
            _ => format_integer(i128::from(v), self.lang),
        }
    }
}

/// A round step between gridlines (1, 2 or 5 times a power of ten) and how many
/// steps reach `max`.
fn ticks(max: u128) -> (u128, u128) {
    if max == 0 {
        return (1, 1);
    }
    let raw = max.div_ceil(TICKS);
    let mut power: u128 = 1;
    loop {
        for m in [1_u128, 2, 5] {
            let step = m.saturating_mul(power);
            if step >= raw {
                return (step, max.div_ceil(step));
            }
        }
        match power.checked_mul(10) {
            Some(p) => power = p,
            None => return (raw, max.div_ceil(raw)),
        }
    }
}

/// The height of `v` on an axis that ends at `top`, in hundredths of a pixel,
/// rounded half-up.
fn scaled(v: u128, top: u128) -> i64 {
    let full = u128::try_from(PLOT_HEIGHT).unwrap_or(0) * 100;
    let h = (v.saturating_mul(full).saturating_mul(2) + top) / top.saturating_mul(2).max(1);
    i64::try_from(h.min(full)).unwrap_or(0)
}

/// Splits `text` into at most `max_lines` lines of at most `width` characters,
/// breaking at spaces where it can; a text that does not fit ends with `…`.
fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let width = width.max(3);
    let mut lines: Vec<String> = Vec::new();
    let mut current: Vec<char> = Vec::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        // A word longer than a line is cut.
        while word.len() > width {
            let rest = word.split_off(width);
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current).into_iter().collect());
            }
            lines.push(word.into_iter().collect());
            word = rest;
        }
        if word.is_empty() {
            continue;
        }
        if current.is_empty() {
            current = word;
        } else if current.len() + 1 + word.len() <= width {
            current.push(' ');
            current.extend(word);
        } else {
            lines.push(std::mem::replace(&mut current, word).into_iter().collect());
        }
    }
    if !current.is_empty() {
        lines.push(current.into_iter().collect());
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            let mut kept: Vec<char> = last.chars().collect();
            kept.truncate(width - 1);
            *last = kept.into_iter().collect::<String>() + "…";
        }
    }
    lines
}

/// One bar (or a missing value) in place.
struct Bar {
    series: usize,
    x: i64,
    width: i64,
    value: Option<u64>,
    height: i64,
    label: String,
    tip: String,
}

impl Chart {
    /// The chart as an inline SVG element: grouped vertical bars, one colour and
    /// pattern per series with a legend, round gridlines, each bar labelled with its
    /// value (money in the chart's unit, stated under the title; the exact amount in
    /// each bar's tooltip), and a "không có số liệu" / "no data" mark where a value is
    /// missing. `id` prefixes the ids inside the SVG, so that several charts can share
    /// one page; only ASCII letters, digits, `-` and `_` are kept.
    ///
    /// The SVG is 100% wide up to 170 mm with a `viewBox`, holds no script and no
    /// external reference, and never fails: a chart with no category, no series or
    /// only missing values says so.
    ///
    /// ```
    /// use thidua::{Bilingual, Chart, ChartUnit, Lang, Series};
    ///
    /// let chart = Chart {
    ///     title: Bilingual::new("Xếp loại CĐCS", "Grades of grassroots unions"),
    ///     unit: ChartUnit::Count,
    ///     categories: vec![Bilingual::new("Xuất sắc", "Excellent"), Bilingual::new("Tốt", "Good")],
    ///     series: vec![Series {
    ///         label: Bilingual::new("Số CĐCS", "Unions"),
    ///         values: vec![Some(16), None],
    ///     }],
    /// };
    /// let svg = chart.to_svg(Lang::Vi, "grades");
    /// assert!(svg.starts_with("<svg"));
    /// assert!(svg.contains("không có số liệu"));
    /// ```
    #[must_use]
    pub fn to_svg(&self, lang: Lang, id: &str) -> String {
        let id = clean_id(id);
        let w = words(lang);
        let title = self.title.in_lang(lang);

        let present: Vec<u128> = self
            .series
            .iter()
            .flat_map(|s| s.values.iter().take(self.categories.len()))
            .filter_map(|v| v.map(u128::from))
            .collect();
        let max = present.iter().copied().max().unwrap_or(0);
        let numbers = Numbers {
            unit: self.unit,
            scale: MoneyScale::choose(&present, max),
            lang,
        };
        let (step, steps) = ticks(max);
        let axis_top = step.saturating_mul(steps).max(1);

        // Header: the title, the unit, the legend.
        let title_lines = wrap(
            title,
            usize::try_from(WIDTH * 100 / text_width("x", TITLE_SIZE)).unwrap_or(60),
            3,
        );
        let mut y: i64 = 0;
        let mut body = String::new();
        for line in &title_lines {
            y += TITLE_SIZE * 100 + 400;
            let _ = writeln!(
                body,
                r#"<text x="{}" y="{}" text-anchor="middle" font-size="{TITLE_SIZE}" font-weight="bold">{}</text>"#,
                px(WIDTH * 50),
                px(y),
                xml(line)
            );
        }
        if self.unit == ChartUnit::Money && !present.is_empty() {
            y += TEXT_SIZE * 100 + 600;
            let _ = writeln!(
                body,
                r#"<text x="{}" y="{}" text-anchor="middle" font-size="{TEXT_SIZE}" font-style="italic">{}: {}</text>"#,
                px(WIDTH * 50),
                px(y),
                w.unit,
                numbers.scale.unit(lang)
            );
        }
        let mut defs = String::new();
        let legend_y = y + 1_000;
        // Legend entries fill rows, each row centred.
        let mut rows: Vec<Vec<(String, &str, i64)>> = Vec::new();
        let mut row_width: i64 = 0;
        for (i, s) in self.series.iter().enumerate() {
            let fill = series_fill(&id, i, &mut defs);
            let label = s.label.in_lang(lang);
            let entry = 1_400 + 600 + text_width(label, TEXT_SIZE).min(WIDTH * 60) + 1_800;
            match rows.last_mut() {
                Some(row) if row_width + entry <= WIDTH * 100 => row.push((fill, label, entry)),
                _ => {
                    rows.push(vec![(fill, label, entry)]);
                    row_width = 0;
                }
            }
            row_width += entry;
        }
        for (r, row) in rows.iter().enumerate() {
            let ey = legend_y + i64::try_from(r).unwrap_or(0) * 2_000;
            let used: i64 = row.iter().map(|(_, _, e)| e).sum::<i64>() - 1_800;
            let mut lx = ((WIDTH * 100 - used) / 2).max(0);
            for (fill, label, entry) in row {
                let _ = writeln!(
                    body,
                    r##"<rect x="{}" y="{}" width="14" height="14" fill="{fill}" stroke="#222" stroke-width="0.6"/><text x="{}" y="{}" font-size="{TEXT_SIZE}">{}</text>"##,
                    px(lx),
                    px(ey),
                    px(lx + 2_000),
                    px(ey + 1_150),
                    xml(label)
                );
                lx += entry;
            }
        }
        if !rows.is_empty() {
            y = legend_y + i64::try_from(rows.len()).unwrap_or(0) * 2_000;
        }

        if self.categories.is_empty() || self.series.is_empty() {
            y += 2_400;
            let _ = writeln!(
                body,
                r#"<text class="no-data" x="{}" y="{}" text-anchor="middle" font-size="{TEXT_SIZE}" font-style="italic">{}</text>"#,
                px(WIDTH * 50),
                px(y),
                w.no_values
            );
            return finish(
                &id,
                title,
                self.describe(lang, numbers),
                &defs,
                &body,
                y + 1_000,
            );
        }

        // The plot: gridlines and their labels.
        let tick_labels: Vec<String> = (0..=steps)
            .map(|k| numbers.short(step.saturating_mul(k)))
            .collect();
        let left = tick_labels
            .iter()
            .map(|t| text_width(t, VALUE_SIZE))
            .max()
            .unwrap_or(0)
            .min(WIDTH * 30)
            + 1_000;
        let plot_width = WIDTH * 100 - left - RIGHT * 100;
        let categories = i64::try_from(self.categories.len()).unwrap_or(i64::MAX);
        let series = i64::try_from(self.series.len()).unwrap_or(i64::MAX);
        let group = (plot_width / categories).max(1);
        let inner = group * 70 / 100;
        let bar_width = (inner / series).max(1);

        let mut bars: Vec<Bar> = Vec::new();
        for (c, category) in self.categories.iter().enumerate() {
            let gx =
                left + i64::try_from(c).unwrap_or(0) * group + (group - bar_width * series) / 2;
            for (s, serie) in self.series.iter().enumerate() {
                let value = serie.values.get(c).copied().flatten();
                let who = format!("{} – {}", serie.label.in_lang(lang), category.in_lang(lang));
                let (label, tip) = match value {
                    Some(v) => (
                        numbers.short(u128::from(v)),
                        format!("{who}: {}", numbers.full(v)),
                    ),
                    None => (w.no_data.to_owned(), format!("{who}: {}", w.no_data)),
                };
                bars.push(Bar {
                    series: s,
                    x: gx + i64::try_from(s).unwrap_or(0) * bar_width,
                    width: bar_width,
                    value,
                    height: value.map_or(0, |v| scaled(u128::from(v), axis_top)),
                    label,
                    tip,
                });
            }
        }
        // Value labels stand upright when one of them is wider than its bar.
        let upright = bars
            .iter()
            .any(|b| b.value.is_some() && text_width(&b.label, VALUE_SIZE) > b.width + 200);
        let headroom = if upright {
            bars.iter()
                .filter(|b| b.value.is_some())
                .map(|b| text_width(&b.label, VALUE_SIZE))
                .max()
                .unwrap_or(0)
                + 800
        } else {
            VALUE_SIZE * 100 + 800
        };
        let plot_top = y + headroom;
        let base = plot_top + PLOT_HEIGHT * 100;

        let _ = writeln!(body, r##"<g stroke="#bbb" stroke-width="0.6">"##);
        for k in 0..=steps {
            let ty = base - scaled(step.saturating_mul(k), axis_top);
            let _ = writeln!(
                body,
                r#"<line x1="{}" y1="{}" x2="{}" y2="{}"/>"#,
                px(left),
                px(ty),
                px(WIDTH * 100 - RIGHT * 100),
                px(ty)
            );
        }
        body.push_str("</g>\n");
        for (k, label) in tick_labels.iter().enumerate() {
            let ty = base
                - scaled(
                    step.saturating_mul(u128::try_from(k).unwrap_or(0)),
                    axis_top,
                );
            let _ = writeln!(
                body,
                r#"<text class="tick" x="{}" y="{}" text-anchor="end" font-size="{VALUE_SIZE}">{}</text>"#,
                px(left - 500),
                px(ty + 350),
                xml(label)
            );
        }

        // The bars, their labels and the marks of missing values.
        for b in &bars {
            let cx = b.x + b.width / 2;
            match b.value {
                Some(_) => {
                    let top = base - b.height;
                    let fill = fill_ref(&id, b.series);
                    let _ = writeln!(
                        body,
                        r##"<rect class="bar" x="{}" y="{}" width="{}" height="{}" fill="{fill}" stroke="#222" stroke-width="0.6"><title>{}</title></rect>"##,
                        px(b.x),
                        px(top),
                        px(b.width),
                        px(b.height),
                        xml(&b.tip)
                    );
                    if upright {
                        let (lx, ly) = (cx + 350, top - 400);
                        let _ = writeln!(
                            body,
                            r#"<text class="value" x="{}" y="{}" font-size="{VALUE_SIZE}" transform="rotate(-90 {} {})">{}</text>"#,
                            px(lx),
                            px(ly),
                            px(lx),
                            px(ly),
                            xml(&b.label)
                        );
                    } else {
                        let _ = writeln!(
                            body,
                            r#"<text class="value" x="{}" y="{}" text-anchor="middle" font-size="{VALUE_SIZE}">{}</text>"#,
                            px(cx),
                            px(top - 400),
                            xml(&b.label)
                        );
                    }
                }
                None => {
                    let (lx, ly) = (cx + 350, base - 500);
                    let _ = writeln!(
                        body,
                        r##"<g class="no-data"><title>{}</title><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#555" stroke-width="1.2" stroke-dasharray="2 2"/><text x="{}" y="{}" font-size="{VALUE_SIZE}" font-style="italic" fill="#444" transform="rotate(-90 {} {})">{}</text></g>"##,
                        xml(&b.tip),
                        px(b.x),
                        px(base - 100),
                        px(b.x + b.width),
                        px(base - 100),
                        px(lx),
                        px(ly),
                        px(lx),
                        px(ly),
                        xml(&b.label)
                    );
                }
            }
        }
        let _ = writeln!(
            body,
            r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#222" stroke-width="1"/>"##,
            px(left),
            px(base),
            px(WIDTH * 100 - RIGHT * 100),
            px(base)
        );

        // The categories under the axis.
        let per_line = usize::try_from(group * 95 / 100 / text_width("x", TEXT_SIZE)).unwrap_or(3);
        let mut lowest = base;
        for (c, category) in self.categories.iter().enumerate() {
            let cx = left + i64::try_from(c).unwrap_or(0) * group + group / 2;
            let text = category.in_lang(lang);
            let lines = wrap(text, per_line, CATEGORY_LINES);
            let _ = write!(
                body,
                r#"<text class="category" x="{}" y="{}" text-anchor="middle" font-size="{TEXT_SIZE}"><title>{}</title>"#,
                px(cx),
                px(base + 1_600),
                xml(text)
            );
            for (i, line) in lines.iter().enumerate() {
                let ly = base + 1_600 + i64::try_from(i).unwrap_or(0) * (TEXT_SIZE * 100 + 200);
                lowest = lowest.max(ly);
                let _ = write!(
                    body,
                    r#"<tspan x="{}" y="{}">{}</tspan>"#,
                    px(cx),
                    px(ly),
                    xml(line)
                );
            }
            body.push_str("</text>\n");
        }
        finish(
            &id,
            title,
            self.describe(lang, numbers),
            &defs,
            &body,
            lowest + 800,
        )
    }

    /// The chart's figures in words, for readers who cannot see it.
    fn describe(&self, lang: Lang, numbers: Numbers) -> String {
        let w = words(lang);
        let mut out = String::new();
        for s in &self.series {
            if !out.is_empty() {
                out.push_str("; ");
            }
            let _ = write!(out, "{}:", s.label.in_lang(lang));
            for (c, category) in self.categories.iter().enumerate() {
                let value = s.values.get(c).copied().flatten();
                let shown = value.map_or_else(|| w.no_data.to_owned(), |v| numbers.full(v));
                let sep = if c == 0 { " " } else { ", " };
                let _ = write!(out, "{sep}{} {shown}", category.in_lang(lang));
            }
        }
        if out.is_empty() {
            out.push_str(w.no_values);
        }
        out
    }
}

/// The `fill` of series `i`: its colour, hatched or dotted for every second series.
fn fill_ref(id: &str, i: usize) -> String {
    match i % 4 {
        0 | 2 => PALETTE
            .get(i % PALETTE.len())
            .copied()
            .unwrap_or("#777")
            .to_owned(),
        _ => format!("url(#{id}-p{i})"),
    }
}

/// Adds the pattern of series `i` to `defs` if it has one, and gives its `fill`.
fn series_fill(id: &str, i: usize, defs: &mut String) -> String {
    let colour = PALETTE.get(i % PALETTE.len()).copied().unwrap_or("#777");
    match i % 4 {
        1 => {
            let _ = writeln!(
                defs,
                r##"<pattern id="{id}-p{i}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="{colour}"/><line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2.4"/></pattern>"##
            );
        }
        3 => {
            let _ = writeln!(
                defs,
                r##"<pattern id="{id}-p{i}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="{colour}"/><circle cx="3" cy="3" r="1.3" fill="#fff"/></pattern>"##
            );
        }
        _ => {}
    }
    fill_ref(id, i)
}

fn finish(id: &str, title: &str, desc: String, defs: &str, body: &str, height: i64) -> String {
    let height = px(height);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"{id}\" viewBox=\"0 0 {WIDTH} {height}\" \
         width=\"100%\" preserveAspectRatio=\"xMidYMin meet\" role=\"img\" aria-label=\"{}\" \
         aria-describedby=\"{id}-desc\" font-family=\"'Times New Roman', serif\" \
         style=\"max-width: 170mm; height: auto;\">\n<title>{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n\
         <defs>\n{defs}</defs>\n{body}</svg>\n",
        xml(title),
        xml(title),
        xml(&desc)
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostics;
    use crate::report::model::{Bilingual, Report, Section, Series};
    use crate::report::render::Format;
    use proptest::prelude::*;
    use quick_xml::events::{BytesStart, Event};
    use quick_xml::{Reader, XmlVersion};

    /// One element of the SVG: its name, attributes and own text.
    #[derive(Debug)]
    struct El {
        name: String,
        attrs: Vec<(String, String)>,
        text: String,
    }

    impl El {
        fn attr(&self, key: &str) -> Option<&str> {
            self.attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        }
    }

    fn el(e: &BytesStart<'_>) -> El {
        El {
            name: e.name().as_ref().to_owned(),
            attrs: e
                .attributes()
                .map(|a| {
                    let a = a.unwrap();
                    (
                        a.key.as_ref().to_owned(),
                        a.normalized_value(XmlVersion::Implicit1_0)
                            .unwrap()
                            .into_owned(),
                    )
                })
                .collect(),
            text: String::new(),
        }
    }

    /// Parses the SVG as XML, failing on any error, and lists its elements in order.
    fn parse(svg: &str) -> Result<Vec<El>, String> {
        let mut reader = Reader::from_str(svg);
        let mut out: Vec<El> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let mut roots = 0;
        loop {
            match reader.read_event().map_err(|e| e.to_string())? {
                Event::Start(e) => {
                    if open.is_empty() {
                        roots += 1;
                    }
                    out.push(el(&e));
                    open.push(out.len() - 1);
                }
                Event::Empty(e) => out.push(el(&e)),
                Event::End(_) => {
                    open.pop().ok_or("unbalanced end tag")?;
                }
                Event::Text(t) => {
                    if let Some(&i) = open.last() {
                        out[i].text.push_str(&t.xml10_content());
                    } else if !t.xml10_content().trim().is_empty() {
                        return Err("text outside the root".into());
                    }
                }
                Event::GeneralRef(r) => {
                    let entity = format!("&{};", r.into_inner());
                    let text = quick_xml::escape::unescape(&entity).map_err(|e| e.to_string())?;
                    if let Some(&i) = open.last() {
                        out[i].text.push_str(&text);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if !open.is_empty() || roots != 1 || out.first().map(|e| e.name.as_str()) != Some("svg") {
            return Err("not one closed <svg> root".into());
        }
        Ok(out)
    }

    fn of_class<'a>(els: &'a [El], class: &str) -> Vec<&'a El> {
        els.iter()
            .filter(|e| e.attr("class") == Some(class))
            .collect()
    }

    fn chart(unit: ChartUnit, categories: &[&str], series: &[(&str, Vec<Option<u64>>)]) -> Chart {
        Chart {
            title: Bilingual::new("Biểu đồ thử", "Test chart"),
            unit,
            categories: categories
                .iter()
                .map(|c| Bilingual::new(*c, format!("en {c}")))
                .collect(),
            series: series
                .iter()
                .map(|(label, values)| Series {
                    label: Bilingual::new(*label, format!("en {label}")),
                    values: values.clone(),
                })
                .collect(),
        }
    }

    #[test]
    fn bars_have_exact_proportional_heights() {
        let c = chart(
            ChartUnit::Count,
            &["A", "B", "C"],
            &[("Số", vec![Some(10), Some(20), None])],
        );
        let els = parse(&c.to_svg(Lang::Vi, "t")).unwrap();
        let bars = of_class(&els, "bar");
        let geometry: Vec<[&str; 4]> = bars
            .iter()
            .map(|b| {
                [
                    b.attr("x").unwrap(),
                    b.attr("y").unwrap(),
                    b.attr("width").unwrap(),
                    b.attr("height").unwrap(),
                ]
            })
            .collect();
        // Axis 0..20 in steps of 5 over 220 px; the base line at y = 289.
        assert_eq!(
            geometry,
            vec![
                ["53.44", "179", "141.12", "110"],
                ["255.04", "69", "141.12", "220"],
            ]
        );
        let ticks: Vec<&str> = of_class(&els, "tick")
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(ticks, ["0", "5", "10", "15", "20"]);
        let values: Vec<&str> = of_class(&els, "value")
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(values, ["10", "20"]);
        // Each bar's tooltip names its series and category.
        let titles: Vec<&str> = els
            .iter()
            .filter(|e| e.name == "title")
            .map(|e| e.text.as_str())
            .collect();
        assert!(titles.contains(&"Số – A: 10"), "{titles:?}");
    }

    #[test]
    fn counts_are_grouped_the_vietnamese_way() {
        let c = chart(
            ChartUnit::Count,
            &["Bắc Từ Liêm"],
            &[("Đoàn viên", vec![Some(2_803)])],
        );
        let vi = parse(&c.to_svg(Lang::Vi, "t")).unwrap();
        assert_eq!(of_class(&vi, "value")[0].text, "2.803");
        let en = parse(&c.to_svg(Lang::En, "t")).unwrap();
        assert_eq!(of_class(&en, "value")[0].text, "2,803");
        assert_eq!(of_class(&en, "category")[0].attr("x"), Some("335.5"));
    }

    #[test]
    fn a_missing_value_is_marked_in_the_reports_language_and_has_no_bar() {
        let c = chart(
            ChartUnit::Count,
            &["A", "B"],
            &[("X", vec![Some(3), None]), ("Y", vec![None])],
        );
        let vi = c.to_svg(Lang::Vi, "t");
        let els = parse(&vi).unwrap();
        assert_eq!(of_class(&els, "bar").len(), 1);
        let marks = of_class(&els, "no-data");
        assert_eq!(marks.len(), 3);
        let texts: Vec<&str> = els
            .iter()
            .filter(|e| e.name == "text" && e.text == "không có số liệu")
            .map(|e| e.text.as_str())
            .collect();
        assert_eq!(texts.len(), 3);
        let en = c.to_svg(Lang::En, "t");
        assert_eq!(en.matches(">no data</text>").count(), 3);
        assert!(!en.contains("không có số liệu"));
        assert!(en.contains("X – en A: 3") || en.contains("en X – en A: 3"));
    }

    #[test]
    fn money_is_written_in_millions_with_the_unit_stated() {
        let c = chart(
            ChartUnit::Money,
            &["Mái ấm Công đoàn", "Covid-19"],
            &[("Số tiền", vec![Some(37_500_000), Some(1_065_000_000)])],
        );
        let svg = c.to_svg(Lang::Vi, "m");
        let els = parse(&svg).unwrap();
        let values: Vec<&str> = of_class(&els, "value")
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(values, ["37,5", "1.065"]);
        assert!(svg.contains("Đơn vị: triệu đồng"));
        assert!(svg.contains("Số tiền – Mái ấm Công đoàn: 37,5 triệu đồng"));
        let en = c.to_svg(Lang::En, "m");
        assert!(en.contains("Unit: million VND"));
        assert!(en.contains(">37.5</text>"));

        // Amounts that millions cannot write exactly stay in đồng.
        let odd = chart(ChartUnit::Money, &["A"], &[("S", vec![Some(265_902_500)])]);
        let svg = odd.to_svg(Lang::Vi, "m");
        assert!(svg.contains(">265.902.500</text>"), "{svg}");
        assert!(svg.contains("Đơn vị: đồng"));
    }

    #[test]
    fn text_is_escaped() {
        let nasty = r#"<b>&"quoted" 'x' </svg>"#;
        let c = Chart {
            title: Bilingual::new(nasty, nasty),
            unit: ChartUnit::Count,
            categories: vec![Bilingual::new(nasty, nasty)],
            series: vec![Series {
                label: Bilingual::new(nasty, nasty),
                values: vec![Some(1)],
            }],
        };
        let svg = c.to_svg(Lang::Vi, "a\"><script>");
        let els = parse(&svg).unwrap();
        assert!(!svg.contains("<b>") && !svg.contains("<script"));
        assert_eq!(els[0].attr("aria-label"), Some(nasty));
        assert_eq!(els[0].attr("id"), Some("ascript"));
        assert!(els.iter().any(|e| e.name == "title" && e.text == nasty));
        // Characters XML cannot hold are dropped.
        assert_eq!(xml("a\u{0}b\u{1b}c\u{FFFF}"), "abc");
    }

    #[test]
    fn all_zero_all_missing_and_empty_charts_draw_without_dividing_by_zero() {
        let cases = [
            chart(
                ChartUnit::Count,
                &["A", "B"],
                &[("S", vec![Some(0), Some(0)])],
            ),
            chart(ChartUnit::Money, &["A", "B"], &[("S", vec![None, None])]),
            chart(ChartUnit::Count, &[], &[("S", vec![Some(1)])]),
            chart(ChartUnit::Count, &["A"], &[]),
        ];
        for c in &cases {
            for lang in [Lang::Vi, Lang::En] {
                let svg = c.to_svg(lang, "z");
                let els = parse(&svg).unwrap();
                assert!(!svg.contains("NaN") && !svg.contains("inf"));
                for bar in of_class(&els, "bar") {
                    assert_eq!(bar.attr("height"), Some("0"));
                }
            }
        }
        let svg = cases[0].to_svg(Lang::Vi, "z");
        assert_eq!(parse(&svg).map(|e| of_class(&e, "bar").len()).unwrap(), 2);
        assert!(
            cases[2]
                .to_svg(Lang::Vi, "z")
                .contains("Biểu đồ không có số liệu.")
        );
        assert!(
            cases[3]
                .to_svg(Lang::En, "z")
                .contains("The chart has no data.")
        );
    }

    #[test]
    fn the_largest_values_do_not_overflow() {
        let c = chart(
            ChartUnit::Money,
            &["A", "B", "C"],
            &[("S", vec![Some(u64::MAX), Some(u64::MAX / 2), Some(1)])],
        );
        let svg = c.to_svg(Lang::Vi, "big");
        let els = parse(&svg).unwrap();
        let heights: Vec<&str> = of_class(&els, "bar")
            .iter()
            .map(|b| b.attr("height").unwrap())
            .collect();
        // The axis ends at 2·10¹⁹ đồng, 20 billion billion.
        assert_eq!(heights, ["202.91", "101.46", "0"]);
        assert!(svg.contains("18.446.744.073.709.551.615 đồng"));
    }

    #[test]
    fn gridlines_are_round() {
        assert_eq!(ticks(0), (1, 1));
        assert_eq!(ticks(64), (20, 4));
        assert_eq!(ticks(15_249), (5_000, 4));
        assert_eq!(ticks(1_065_000_000), (500_000_000, 3));
        assert_eq!(ticks(u128::from(u64::MAX)), (5_000_000_000_000_000_000, 4));
    }

    #[test]
    fn long_labels_wrap_at_spaces_and_end_with_an_ellipsis() {
        assert_eq!(
            wrap("Hỗ trợ đoàn viên, người lao động mắc Covid-19", 16, 4),
            ["Hỗ trợ đoàn", "viên, người lao", "động mắc", "Covid-19"]
        );
        assert_eq!(wrap("một hai ba bốn năm sáu", 7, 2), ["một hai", "ba bốn…"]);
        assert_eq!(wrap("Quyếtđịnhsố3749", 5, 4), ["Quyết", "địnhs", "ố3749"]);
        assert!(wrap("   ", 5, 3).is_empty());
    }

    #[test]
    fn html_draws_charts_after_the_table_and_other_formats_do_not() {
        let report = Report {
            title: Bilingual::new("Báo cáo", "Report"),
            subtitle: Bilingual::new("", ""),
            sections: vec![Section {
                heading: Bilingual::new("Phần", "Part"),
                lines: Vec::new(),
                charts: vec![
                    chart(ChartUnit::Count, &["A"], &[("S", vec![Some(1)])]),
                    chart(ChartUnit::Count, &["B"], &[("S", vec![None])]),
                ],
            }],
            diagnostics: Diagnostics::new(),
        };
        let html = report.render(Format::Html, Lang::Vi);
        let table = html.find("</table>").unwrap();
        let first = html.find("<svg").unwrap();
        assert!(table < first);
        assert_eq!(html.matches("<figure class=\"chart\">").count(), 2);
        assert!(html.contains("id=\"chart-0-0\"") && html.contains("id=\"chart-0-1\""));
        assert!(html.contains("@page { size: A4;"));
        assert!(html.contains("page-break-inside: avoid"));
        for format in [Format::Markdown, Format::Text] {
            assert!(!report.render(format, Lang::Vi).contains("<svg"));
        }
    }

    fn label() -> impl Strategy<Value = Bilingual> {
        ("\\PC{0,40}|[<>&\"' ]{0,6}", any::<String>()).prop_map(|(vi, en)| Bilingual::new(vi, en))
    }

    fn any_chart() -> impl Strategy<Value = Chart> {
        (
            label(),
            prop_oneof![Just(ChartUnit::Count), Just(ChartUnit::Money)],
            prop::collection::vec(label(), 0..8),
            prop::collection::vec(
                (
                    label(),
                    prop::collection::vec(
                        prop_oneof![
                            Just(None),
                            any::<u64>().prop_map(Some),
                            (0_u64..1_000).prop_map(Some),
                            (0_u64..2_000).prop_map(|m| Some(m * 500_000)),
                        ],
                        0..10,
                    ),
                ),
                0..6,
            ),
        )
            .prop_map(|(title, unit, categories, series)| Chart {
                title,
                unit,
                categories,
                series: series
                    .into_iter()
                    .map(|(label, values)| Series { label, values })
                    .collect(),
            })
    }

    proptest! {
        #[test]
        fn any_chart_draws_well_formed_svg(c in any_chart(), id in any::<String>()) {
            for lang in [Lang::Vi, Lang::En] {
                let svg = c.to_svg(lang, &id);
                let els = parse(&svg);
                prop_assert!(els.is_ok(), "{:?}\n{}", els.err(), svg);
                prop_assert!(!svg.contains("NaN") && !svg.contains("inf"));
                let els = els.unwrap_or_default();
                for bar in of_class(&els, "bar") {
                    let h = bar.attr("height").unwrap_or("x");
                    let h: f64 = h.parse().unwrap_or(-1.0);
                    prop_assert!((0.0..=220.0).contains(&h));
                }
                let shown = c.series.iter().flat_map(|s| s.values.iter().take(c.categories.len())).filter(|v| v.is_some()).count();
                prop_assert_eq!(of_class(&els, "bar").len(), shown);
            }
        }
    }
}
