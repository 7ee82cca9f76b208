//! The message catalogues: one file per language, `code = template`, read once.
//!
//! Each line of `vi.txt` and `en.txt` is a diagnostic code, ` = `, and the message
//! template with `{named}` placeholders; a code with several messages has one entry
//! per variant, `code#variant`. Blank lines and lines starting with `#` are
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
#[cfg(test)]
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    /// Files whose diagnostics still give their message as it is
    /// (`Diagnostic::new`), in English only: their codes are not in the catalogues
    /// yet.
    const GIVEN_MESSAGES: &[&str] = &["src/diagnostic.rs"];

    /// The builder methods that add an argument.
    const ARG_METHODS: &[&str] = &["arg", "quoted", "num", "date", "words"];

    fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// The index just after the string literal starting at `i` (a `"`).
    fn skip_string(bytes: &[u8], mut i: usize) -> usize {
        i += 1;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'\\' => i += 2,
                b'"' => return i + 1,
                _ => i += 1,
            }
        }
        i
    }

    /// The index of the parenthesis closing the one at `open`.
    fn closing(bytes: &[u8], open: usize) -> usize {
        let mut depth = 0usize;
        let mut i = open;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'"' => {
                    i = skip_string(bytes, i);
                    continue;
                }
                b'\'' if bytes.get(i + 2) == Some(&b'\'') => i += 2,
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return i;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        i
    }

    fn literal_at(text: &str, i: usize) -> Option<&str> {
        let rest = text.get(i..)?.trim_start();
        let rest = rest.strip_prefix('"')?;
        rest.get(..rest.find('"')?)
    }

    /// Every `Diagnostic::of("code", …)` of the crate's sources, with the names of
    /// the arguments its builder chain adds: `code → [(file, names)]`.
    fn uses() -> BTreeMap<String, Vec<(String, BTreeSet<String>)>> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        rust_files(&root.join("src"), &mut files);
        let mut found: BTreeMap<String, Vec<(String, BTreeSet<String>)>> = BTreeMap::new();
        for file in files {
            let name = file
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if name.starts_with("src/messages/") {
                continue;
            }
            // Comments (doc examples among them) are not uses.
            let text = std::fs::read_to_string(&file)
                .unwrap()
                .lines()
                .map(|l| {
                    if l.trim_start().starts_with("//") {
                        ""
                    } else {
                        l
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            if !GIVEN_MESSAGES.contains(&name.as_str()) {
                assert!(
                    !text.contains("Diagnostic::new("),
                    "{name} gives a message as it is: use Diagnostic::of with the catalogues"
                );
            }
            let bytes = text.as_bytes();
            let mut from = 0;
            while let Some(at) = text.get(from..).and_then(|t| t.find("Diagnostic::of(")) {
                let open = from + at + "Diagnostic::of".len();
                let code = literal_at(&text, open + 1)
                    .unwrap_or_else(|| panic!("{name}: Diagnostic::of without a literal code"));
                let mut end = closing(bytes, open) + 1;
                let mut names = BTreeSet::new();
                let mut variant = None;
                loop {
                    let rest = text.get(end..).unwrap();
                    let trimmed = rest.trim_start();
                    let Some(call) = trimmed.strip_prefix('.') else {
                        break;
                    };
                    let Some(method) = ARG_METHODS
                        .iter()
                        .chain(&["variant"])
                        .find(|m| call.starts_with(&format!("{m}(")))
                    else {
                        break;
                    };
                    let open = end + (rest.len() - trimmed.len()) + 1 + method.len();
                    let literal = literal_at(&text, open + 1).unwrap().to_owned();
                    if *method == "variant" {
                        variant = Some(literal);
                    } else {
                        names.insert(literal);
                    }
                    end = closing(bytes, open) + 1;
                }
                let key = match variant {
                    Some(v) => format!("{code}#{v}"),
                    None => code.to_owned(),
                };
                found.entry(key).or_default().push((name.clone(), names));
                from = end;
            }
        }
        found
    }

    fn names(template: &str) -> BTreeSet<String> {
        placeholders(template)
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn catalogue_lines_are_entries() {
        for (lang, text) in [("vi", VI), ("en", EN)] {
            let mut seen = BTreeSet::new();
            for line in text.lines() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let (code, template) = line
                    .split_once(" = ")
                    .unwrap_or_else(|| panic!("{lang}: not `code = template`: {line}"));
                assert!(seen.insert(code), "{lang}: {code} is given twice");
                assert!(!template.trim().is_empty(), "{lang}: {code} is empty");
            }
        }
    }

    #[test]
    fn both_catalogues_have_the_same_codes_and_placeholders() {
        let vi = catalogue(Lang::Vi);
        let en = catalogue(Lang::En);
        let vi_codes: BTreeSet<_> = vi.keys().collect();
        let en_codes: BTreeSet<_> = en.keys().collect();
        assert_eq!(vi_codes, en_codes);
        for (code, t) in en {
            assert_eq!(names(t), names(vi[code]), "{code}");
        }
    }

    #[test]
    fn every_code_has_an_entry_and_every_entry_a_use() {
        let uses = uses();
        let en = catalogue(Lang::En);
        for (code, sites) in &uses {
            let template = en
                .get(code.as_str())
                .unwrap_or_else(|| panic!("{code} ({}) has no catalogue entry", sites[0].0));
            for (file, args) in sites {
                assert_eq!(
                    args,
                    &names(template),
                    "{code} in {file}: its arguments are not the placeholders of its message"
                );
            }
        }
        for code in en.keys() {
            assert!(
                uses.contains_key(*code),
                "{code} is in the catalogues but never used"
            );
        }
    }

    #[test]
    fn messages_read_in_both_languages() {
        use crate::diagnostic::{Diagnostic, Location, Severity};
        let cell = Location::Cell {
            sheet: "Đoàn viên".into(),
            row: 1_207,
            column: "Mã đoàn viên".into(),
        };
        let d =
            Diagnostic::of("sheet.missing_value", Severity::Error, cell).variant("member_or_name");
        assert_eq!(
            d.to_string_in(Lang::Vi),
            "lỗi[sheet.missing_value] tại trang tính “Đoàn viên”, dòng 1207, cột “Mã đoàn viên”: \
             phải điền “Mã đoàn viên” hoặc “Họ và tên”"
        );
        assert_eq!(
            d.to_string(),
            "error[sheet.missing_value] at sheet \"Đoàn viên\", row 1207, column \"Mã đoàn viên\": \
             \"Mã đoàn viên\" or \"Họ và tên\" is required"
        );
        let d = Diagnostic::of("sheet.not_exported", Severity::Warning, Location::Whole)
            .variant("workforce")
            .num("count", 15_249)
            .arg("template", "members");
        assert_eq!(
            d.to_string_in(Lang::Vi),
            "cảnh báo[sheet.not_exported] tại toàn bộ dữ liệu: 15.249 số liệu lao động: mẫu \
             members không có cột cho nội dung này; nội dung vẫn được giữ trong tệp dữ liệu"
        );
        assert_eq!(
            d.message(),
            "15,249 workforce figures: the members template has no column for it; it stays in \
             the dataset file"
        );
        let d = Diagnostic::of("decision.unknown_title", Severity::Error, Location::Whole)
            .quoted("title", "Thi đua \"Hai tốt\"\n");
        assert_eq!(
            d.message_in(Lang::Vi),
            "danh hiệu “Thi đua ‘Hai tốt’\\n” không có trong danh mục"
        );
        assert_eq!(
            d.message_in(Lang::En),
            "title \"Thi đua \\\"Hai tốt\\\"\\n\" is not in the catalogue"
        );
    }

    #[test]
    fn filling_leaves_nothing_unfilled() {
        for lang in [Lang::Vi, Lang::En] {
            for (code, t) in catalogue(lang) {
                let out = fill(t, |n| Some(format!("<{n}>")));
                assert!(!out.contains(['{', '}']), "{code}: {out}");
            }
        }
        assert_eq!(
            fill("a {x} b {y}", |n| (n == "x").then(|| "1".into())),
            "a 1 b {y}"
        );
        assert_eq!(fill("{", |_| None), "{");
        assert_eq!(placeholders("{a} and {b}{a}"), ["a", "b", "a"]);
    }
}
