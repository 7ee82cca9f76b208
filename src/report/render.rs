//! Rendering reports to Markdown, HTML and plain text.

use std::fmt::Write as _;

use crate::diagnostic::Severity;
use crate::report::model::{Provenance, Report};
use crate::value::format::Lang;

/// The output format of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Format {
    /// Markdown.
    #[default]
    Markdown,
    /// A self-contained, printable HTML page.
    Html,
    /// Plain text.
    Text,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            "text" | "txt" => Ok(Format::Text),
            _ => Err(format!(
                "unknown report format {s:?}: expected md, html or text"
            )),
        }
    }
}

pub(crate) struct Words {
    pub(crate) figure: &'static str,
    pub(crate) value: &'static str,
    pub(crate) source: &'static str,
    pub(crate) computed: &'static str,
    pub(crate) stated: &'static str,
    pub(crate) agrees: &'static str,
    pub(crate) differs: &'static str,
    pub(crate) diagnostics: &'static str,
    pub(crate) none: &'static str,
    pub(crate) severity: &'static str,
    pub(crate) code: &'static str,
    pub(crate) place: &'static str,
    pub(crate) message: &'static str,
}

const VI: Words = Words {
    figure: "Chỉ tiêu",
    value: "Số liệu",
    source: "Nguồn",
    computed: "tính từ dữ liệu",
    stated: "theo bài viết",
    agrees: "khớp với bài viết",
    differs: "KHÁC bài viết",
    diagnostics: "Các vấn đề phát hiện",
    none: "Không phát hiện vấn đề.",
    severity: "Mức độ",
    code: "Mã",
    place: "Vị trí",
    message: "Nội dung",
};

const EN: Words = Words {
    figure: "Figure",
    value: "Value",
    source: "Source",
    computed: "computed from the data",
    stated: "as stated",
    agrees: "agrees with the source",
    differs: "DIFFERS from the source",
    diagnostics: "Problems found",
    none: "No problems found.",
    severity: "Severity",
    code: "Code",
    place: "Where",
    message: "Message",
};

pub(crate) fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        _ => &VI,
    }
}

pub(crate) fn provenance(p: &Provenance, w: &Words) -> String {
    match p {
        Provenance::Computed => w.computed.to_owned(),
        Provenance::NoData => String::new(),
        Provenance::Stated { quote: Some(q) } => {
            format!("{}: {}", w.stated, crate::diagnostic::quote_vi(q))
        }
        Provenance::Stated { quote: None } => w.stated.to_owned(),
        Provenance::Both { stated, agrees } => format!(
            "{}; {} ({stated})",
            w.computed,
            if *agrees { w.agrees } else { w.differs }
        ),
    }
}

pub(crate) fn severity(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
        (_, Lang::En) => "info",
        (Severity::Error, _) => "lỗi",
        (Severity::Warning, _) => "cảnh báo",
        _ => "thông tin",
    }
}

/// Text for a Markdown table cell: raw HTML, links and emphasis are written as text,
/// not passed through.
pub(crate) fn md_cell(s: &str) -> String {
    md_text(s).replace('|', "\\|").replace('\n', " ")
}

/// Text for Markdown: raw HTML is written as text, and brackets are escaped where
/// they would make a link (`[text](url)`), so a name cannot inject markup.
fn md_text(s: &str) -> String {
    let link = s.contains("](");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '[' | ']' | '\\' if link => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

pub(crate) fn html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The start of a self-contained, printable HTML page (A4, serif, bordered
/// tables), with `title` as its title and first heading; the caller closes it with
/// [`PAGE_END`].
pub(crate) fn page_start(lang: Lang, title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n\
         body {{ font-family: \"Times New Roman\", serif; max-width: 60em; margin: 2em auto; line-height: 1.4; }}\n\
         table {{ border-collapse: collapse; width: 100%; margin-bottom: 1.5em; }}\n\
         th, td {{ border: 1px solid #999; padding: 0.3em 0.5em; vertical-align: top; }}\n\
         td.value {{ text-align: right; white-space: nowrap; }}\n\
         .differs {{ color: #a00; font-weight: bold; }}\n\
         figure.chart {{ margin: 0 auto 1.5em; max-width: 170mm; page-break-inside: avoid; break-inside: avoid; }}\n\
         figure.chart svg {{ display: block; width: 100%; height: auto; }}\n\
         @page {{ size: A4; margin: 15mm 15mm 18mm; }}\n\
         @media print {{ body {{ margin: 0; max-width: none; -webkit-print-color-adjust: exact; print-color-adjust: exact; }} \
         h2 {{ page-break-after: avoid; break-after: avoid; }} tr {{ page-break-inside: avoid; break-inside: avoid; }} }}\n\
         </style>\n</head>\n<body>\n<h1>{}</h1>\n",
        lang.as_str(),
        html(title),
        html(title),
    )
}

/// The end of a page begun with [`page_start`].
pub(crate) const PAGE_END: &str = "</body>\n</html>\n";

impl Report {
    /// Renders the report.
    pub fn render(&self, format: Format, lang: Lang) -> String {
        match format {
            Format::Markdown => self.markdown(lang),
            Format::Html => self.html(lang),
            Format::Text => self.text(lang),
        }
    }

    fn markdown(&self, lang: Lang) -> String {
        let w = words(lang);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# {}\n\n{}\n",
            md_text(self.title.in_lang(lang)),
            md_text(self.subtitle.in_lang(lang))
        );
        for s in &self.sections {
            let _ = writeln!(
                out,
                "## {}\n\n| {} | {} | {} |\n|---|---:|---|",
                md_text(s.heading.in_lang(lang)),
                w.figure,
                w.value,
                w.source
            );
            for l in &s.lines {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    md_cell(l.label.in_lang(lang)),
                    md_cell(&l.value.format(lang)),
                    md_cell(&provenance(&l.provenance, w))
                );
            }
            out.push('\n');
        }
        let _ = writeln!(out, "## {}\n", w.diagnostics);
        if self.diagnostics.is_empty() {
            let _ = writeln!(out, "{}", w.none);
        } else {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |\n|---|---|---|---|",
                w.severity, w.code, w.place, w.message
            );
            for d in self
                .diagnostics
                .iter()
                .chain(&self.diagnostics.counted().collect::<Vec<_>>())
            {
                let _ = writeln!(
                    out,
                    "| {} | `{}` | {} | {} |",
                    severity(d.severity(), lang),
                    d.code(),
                    md_cell(&d.location().to_string_in(lang)),
                    md_cell(&d.message_in(lang))
                );
            }
        }
        out
    }

    fn text(&self, lang: Lang) -> String {
        let w = words(lang);
        let mut out = String::new();
        let title = self.title.in_lang(lang);
        let _ = writeln!(
            out,
            "{title}\n{}\n{}\n",
            "=".repeat(title.chars().count()),
            self.subtitle.in_lang(lang)
        );
        for s in &self.sections {
            let heading = s.heading.in_lang(lang);
            let _ = writeln!(out, "{heading}\n{}", "-".repeat(heading.chars().count()));
            for l in &s.lines {
                let source = provenance(&l.provenance, w);
                let source = if source.is_empty() {
                    String::new()
                } else {
                    format!(" [{source}]")
                };
                let _ = writeln!(
                    out,
                    "  {}: {}{source}",
                    l.label.in_lang(lang),
                    l.value.format(lang),
                );
            }
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "{}\n{}",
            w.diagnostics,
            "-".repeat(w.diagnostics.chars().count())
        );
        if self.diagnostics.is_empty() {
            let _ = writeln!(out, "  {}", w.none);
        }
        for d in self
            .diagnostics
            .iter()
            .chain(&self.diagnostics.counted().collect::<Vec<_>>())
        {
            let _ = writeln!(
                out,
                "  [{}] {} ({}): {}",
                severity(d.severity(), lang),
                d.code(),
                d.location().to_string_in(lang),
                d.message_in(lang)
            );
        }
        out
    }

    fn html(&self, lang: Lang) -> String {
        let w = words(lang);
        let mut out = String::new();
        out.push_str(&page_start(lang, self.title.in_lang(lang)));
        let _ = writeln!(out, "<p>{}</p>", html(self.subtitle.in_lang(lang)));
        for (i, s) in self.sections.iter().enumerate() {
            let _ = write!(
                out,
                "<h2>{}</h2>\n<table>\n<tr><th>{}</th><th>{}</th><th>{}</th></tr>\n",
                html(s.heading.in_lang(lang)),
                w.figure,
                w.value,
                w.source
            );
            for l in &s.lines {
                let class = match l.provenance {
                    Provenance::Both { agrees: false, .. } => " class=\"differs\"",
                    _ => "",
                };
                let _ = writeln!(
                    out,
                    "<tr><td>{}</td><td class=\"value\">{}</td><td{class}>{}</td></tr>",
                    html(l.label.in_lang(lang)),
                    html(&l.value.format(lang)),
                    html(&provenance(&l.provenance, w))
                );
            }
            out.push_str("</table>\n");
            for (j, chart) in s.charts.iter().enumerate() {
                let _ = write!(
                    out,
                    "<figure class=\"chart\">\n{}</figure>\n",
                    chart.to_svg(lang, &format!("chart-{i}-{j}"))
                );
            }
        }
        let _ = writeln!(out, "<h2>{}</h2>", w.diagnostics);
        if self.diagnostics.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", w.none);
        } else {
            let _ = writeln!(
                out,
                "<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
                w.severity, w.code, w.place, w.message
            );
            for d in self
                .diagnostics
                .iter()
                .chain(&self.diagnostics.counted().collect::<Vec<_>>())
            {
                let _ = writeln!(
                    out,
                    "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                    severity(d.severity(), lang),
                    html(d.code()),
                    html(&d.location().to_string_in(lang)),
                    html(&d.message_in(lang))
                );
            }
            out.push_str("</table>\n");
        }
        out.push_str(PAGE_END);
        out
    }
}
