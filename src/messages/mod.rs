//! The message catalogues: one file per language, `code = template`, read once.
//!
//! Each line of `vi.txt` and `en.txt` is a diagnostic code, ` = `, and the message
//! template with `{named}` placeholders; blank lines and lines starting with `#` are
//! skipped. A diagnostic renders its template in the reader's language with its own
//! arguments ([`Diagnostic::message_in`](crate::Diagnostic::message_in)).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::value::format::Lang;

/// The Vietnamese catalogue, as written.
pub(crate) const VI: &str = include_str!("vi.txt");
/// The English catalogue, as written.
pub(crate) const EN: &str = include_str!("en.txt");

/// The entries of a catalogue file, in file order: `(code, template)`. Lines without
/// ` = ` are skipped (the tests check there are none).
pub(crate) fn entries(text: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    text.lines().filter_map(|line| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        let (code, template) = line.split_once(" = ")?;
        Some((code.trim(), template.trim()))
    })
}

fn parse(text: &'static str) -> HashMap<&'static str, &'static str> {
    entries(text).collect()
}

/// The catalogue of a language, parsed on first use.
pub(crate) fn catalogue(lang: Lang) -> &'static HashMap<&'static str, &'static str> {
    static VI_MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    static EN_MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    match lang {
        Lang::Vi => VI_MAP.get_or_init(|| parse(VI)),
        Lang::En => EN_MAP.get_or_init(|| parse(EN)),
    }
}

/// The template of a code in a language.
pub(crate) fn template(lang: Lang, code: &str) -> Option<&'static str> {
    catalogue(lang).get(code).copied()
}

/// The placeholder names of a template, in order (with repeats).
pub(crate) fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let after = rest.get(start + 1..).unwrap_or_default();
        let Some(end) = after.find('}') else { break };
        names.push(after.get(..end).unwrap_or_default());
        rest = after.get(end + 1..).unwrap_or_default();
    }
    names
}

/// Fills a template's placeholders with `value(name)`; a name without a value stays
/// as `{name}`.
pub(crate) fn fill(template: &str, mut value: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(rest.get(..start).unwrap_or_default());
        let after = rest.get(start + 1..).unwrap_or_default();
        let Some(end) = after.find('}') else {
            out.push('{');
            rest = after;
            continue;
        };
        let name = after.get(..end).unwrap_or_default();
        match value(name) {
            Some(v) => out.push_str(&v),
            None => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
        rest = after.get(end + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}
