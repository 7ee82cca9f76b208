//! The year-end report of a unit as a DOCX file: the report model's sections and
//! figures, its problems as an appendix.

use docx_rs::AlignmentType;

use crate::diagnostic::Diagnostics;
use crate::document::layout::{
    BODY, Block, Cell, DocumentSettings, Look, Page, SMALL, blank, grid, line,
};
use crate::report::model::Report;
use crate::report::render::{provenance, severity, words};
use crate::value::format::Lang;

impl Report {
    /// The report as a DOCX file in the administrative format of ND 30/2020
    /// (header, title, sections as tables of figures with their sources, signature;
    /// the problems found as an appendix on a page of its own), in a language. The
    /// figures are the model's as they are, formatted as the other renderers format
    /// them.
    ///
    /// # Errors
    /// `document.write` when the file cannot be assembled.
    pub fn to_docx(&self, settings: &DocumentSettings, lang: Lang) -> Result<Vec<u8>, Diagnostics> {
        let w = words(lang);
        let mut blocks = vec![Block::Paragraph(Box::new(line(
            self.subtitle.in_lang(lang),
            Look::italic(BODY),
            AlignmentType::Center,
        )))];
        let widths = [4000, 2300, 3054];
        for (i, s) in self.sections.iter().enumerate() {
            blocks.push(Block::Paragraph(Box::new(blank(SMALL))));
            blocks.push(Block::Paragraph(Box::new(
                line(
                    format!("{}. {}", roman(i + 1), s.heading.in_lang(lang)),
                    Look::bold(BODY),
                    AlignmentType::Left,
                )
                .keep_next(true),
            )));
            let rows = s
                .lines
                .iter()
                .map(|l| {
                    vec![
                        Cell::left(l.label.in_lang(lang)),
                        Cell::right(l.value.format(lang)),
                        Cell::left(provenance(&l.provenance, w)),
                    ]
                })
                .collect();
            blocks.push(Block::Table(Box::new(grid(
                &[w.figure, w.value, w.source],
                &widths,
                rows,
            ))));
        }
        blocks.push(Block::Signature { recipients: true });
        let appendix = match lang {
            Lang::En => "APPENDIX",
            _ => "PHỤ LỤC",
        };
        // The appendix on a page of its own.
        blocks.push(Block::Paragraph(Box::new(
            line(appendix, Look::bold(BODY), AlignmentType::Center).page_break_before(true),
        )));
        blocks.push(Block::Paragraph(Box::new(line(
            w.diagnostics.to_uppercase(),
            Look::bold(BODY),
            AlignmentType::Center,
        ))));
        blocks.push(Block::Paragraph(Box::new(blank(SMALL))));
        let all: Vec<_> = self
            .diagnostics
            .iter()
            .cloned()
            .chain(self.diagnostics.counted())
            .collect();
        if all.is_empty() {
            blocks.push(Block::Paragraph(Box::new(line(
                w.none,
                Look::plain(BODY),
                AlignmentType::Left,
            ))));
        } else {
            let rows = all
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    vec![
                        Cell::centre((i + 1).to_string()),
                        Cell::left(severity(d.severity(), lang)),
                        Cell::left(d.code()),
                        Cell::left(d.location().to_string_in(lang)),
                        Cell::left(d.message_in(lang)),
                    ]
                })
                .collect();
            let stt = match lang {
                Lang::En => "No.",
                _ => "STT",
            };
            blocks.push(Block::Table(Box::new(grid(
                &[stt, w.severity, w.code, w.place, w.message],
                &[567, 1100, 1900, 1900, 3887],
                rows,
            ))));
        }
        Page {
            settings,
            kind: "BC",
            kind_title: "BÁO CÁO".to_owned(),
            subject: vec![self.title.in_lang(lang).to_owned()],
            blocks,
        }
        .into_docx()
    }
}

/// Roman numerals for section headings (I, II, … XX, then arabic).
fn roman(n: usize) -> String {
    const R: [&str; 20] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
        "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
    ];
    n.checked_sub(1)
        .and_then(|i| R.get(i))
        .map_or_else(|| n.to_string(), |s| (*s).to_owned())
}
