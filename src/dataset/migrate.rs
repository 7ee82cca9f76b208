//! Migrations: reading dataset files written in an older schema version.
//!
//! The file format is a versioned contract (*phiên bản định dạng*): a shipped field is
//! never renamed or retyped; a change that cannot be an addition bumps
//! [`SCHEMA_VERSION`] and adds one step here that turns a file of the previous version
//! into the next. [`migrate`] applies the steps in order, from the file's version up to
//! the current one, before the file is read, so old files keep loading.
//!
//! Version 1 is the first published version of the format: there is no older
//! version, so the list of steps is empty today, and a file claiming version 0 (or a
//! version newer than this crate) is refused with a `file.version` diagnostic.
//!
//! ```
//! use serde_json::json;
//! use thidua::{SCHEMA_VERSION, migrate};
//!
//! // A current file passes through unchanged.
//! let file = json!({ "schema_version": 1, "units": [] });
//! assert_eq!(migrate(file.clone(), SCHEMA_VERSION)?, file);
//!
//! // Version 0 never existed.
//! let err = migrate(json!({ "schema_version": 0 }), 0).unwrap_err();
//! assert_eq!(err.iter().next().map(|d| d.code()), Some("file.version"));
//! # Ok::<(), thidua::Diagnostics>(())
//! ```

use serde_json::{Map, Value};

use crate::dataset::file::SCHEMA_VERSION;
use crate::diagnostic::{DataPath, Diagnostic, Diagnostics, Severity};

/// The first published version of the dataset format.
pub(crate) const FIRST_VERSION: u32 = 1;

/// One step: turns a file of version `from` into version `from + 1`, in place.
/// Problems that make the file unreadable are pushed as errors; the step never
/// drops data silently (what it cannot carry over it reports).
pub(crate) struct Step {
    /// The version this step reads.
    pub(crate) from: u32,
    /// The change itself.
    pub(crate) apply: fn(&mut Map<String, Value>, &mut Diagnostics),
}

/// The crate's migration steps, oldest first. Empty while version 1 is the only
/// version; a future version 2 adds `Step { from: 1, … }` here.
const STEPS: &[Step] = &[];

/// Upgrades a dataset file (a JSON object) written in `from_version` to the current
/// [`SCHEMA_VERSION`], step by step, and sets its `schema_version`.
///
/// A file already at the current version is returned unchanged.
///
/// # Errors
/// [`Diagnostics`] with `file.version` for a version older than the first published
/// one (1) or newer than this crate reads, and `file.syntax` when the value is not a
/// JSON object; a step's own errors (with paths into the file) when a value cannot be
/// carried over.
pub fn migrate(value: Value, from_version: u32) -> Result<Value, Diagnostics> {
    let Value::Object(mut map) = value else {
        let mut report = Diagnostics::new();
        report.push(
            Diagnostic::of("file.syntax", Severity::Error, DataPath::root()).words(
                "problem",
                "tệp dữ liệu phải là một đối tượng JSON",
                "a dataset is a JSON object",
            ),
        );
        return Err(report);
    };
    upgrade(&mut map, from_version)?;
    Ok(Value::Object(map))
}

/// Upgrades a file's top-level object in place with the crate's steps.
pub(crate) fn upgrade(map: &mut Map<String, Value>, from: u32) -> Result<(), Diagnostics> {
    run(map, from, SCHEMA_VERSION, STEPS)
}

/// Applies `steps` to take `map` from version `from` to version `to`.
pub(crate) fn run(
    map: &mut Map<String, Value>,
    from: u32,
    to: u32,
    steps: &[Step],
) -> Result<(), Diagnostics> {
    let mut report = Diagnostics::new();
    let oldest = steps.first().map_or(to, |s| s.from).min(FIRST_VERSION);
    if from < oldest || from > to {
        report.push(
            Diagnostic::of(
                "file.version",
                Severity::Error,
                DataPath::root().key("schema_version"),
            )
            .words(
                "problem",
                format!(
                    "không đọc được phiên bản lược đồ {from}: thư viện này đọc các phiên bản từ {oldest} đến {to}"
                ),
                format!(
                    "schema version {from} is not supported: this crate reads versions {oldest} to {to}"
                ),
            ),
        );
        return Err(report);
    }
    let mut version = from;
    while version < to {
        let Some(step) = steps.iter().find(|s| s.from == version) else {
            report.push(
                Diagnostic::of(
                    "file.version",
                    Severity::Error,
                    DataPath::root().key("schema_version"),
                )
                .words(
                    "problem",
                    format!("không có bước chuyển từ phiên bản lược đồ {version} lên {to}"),
                    format!("no migration from schema version {version} to {to}"),
                ),
            );
            return Err(report);
        };
        (step.apply)(map, &mut report);
        if report.has_errors() {
            return Err(report);
        }
        version = version.saturating_add(1);
    }
    map.insert("schema_version".to_owned(), Value::from(to));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A synthetic version 2 that renamed `members[].gender` values "nu"/"nam" to
    /// "female"/"male" and `units[].parent_code` to `parent`; it exercises the
    /// framework only (the real format starts at version 1).
    fn synthetic(map: &mut Map<String, Value>, report: &mut Diagnostics) {
        if let Some(Value::Array(members)) = map.get_mut("members") {
            for (i, m) in members.iter_mut().enumerate() {
                let Some(g) = m.get_mut("gender") else {
                    continue;
                };
                let new = match g.as_str() {
                    Some("nu") => "female",
                    Some("nam") => "male",
                    other => {
                        report.push(
                            Diagnostic::of(
                                "file.migration",
                                Severity::Error,
                                DataPath::root().key("members").index(i).key("gender"),
                            )
                            .arg("gender", format!("{other:?}")),
                        );
                        continue;
                    }
                };
                *g = Value::from(new);
            }
        }
    }

    fn rename(map: &mut Map<String, Value>, _: &mut Diagnostics) {
        if let Some(Value::Array(units)) = map.get_mut("units") {
            for u in units.iter_mut().filter_map(Value::as_object_mut) {
                if let Some(p) = u.remove("parent_code") {
                    u.insert("parent".to_owned(), p);
                }
            }
        }
    }

    const TEST_STEPS: &[Step] = &[
        Step {
            from: 1,
            apply: synthetic,
        },
        Step {
            from: 2,
            apply: rename,
        },
    ];

    #[test]
    fn steps_apply_in_order_and_set_the_version() {
        let mut map = json!({
            "schema_version": 1,
            "members": [{ "id": "x", "gender": "nu" }, { "id": "y", "gender": "nam" }],
            "units": [{ "code": "A", "parent_code": "B" }]
        })
        .as_object()
        .cloned()
        .unwrap();
        run(&mut map, 1, 3, TEST_STEPS).unwrap();
        assert_eq!(
            Value::Object(map),
            json!({
                "schema_version": 3,
                "members": [{ "id": "x", "gender": "female" }, { "id": "y", "gender": "male" }],
                "units": [{ "code": "A", "parent": "B" }]
            })
        );
    }

    #[test]
    fn a_step_reports_what_it_cannot_carry_over() {
        let mut map = json!({ "members": [{ "gender": "nu" }, { "gender": "x" }] })
            .as_object()
            .cloned()
            .unwrap();
        let err = run(&mut map, 1, 3, TEST_STEPS).unwrap_err();
        insta::assert_snapshot!(err, @r#"error[file.migration] at $.members[1].gender: gender Some("x") cannot be carried over: expected "nu" or "nam""#);
    }

    #[test]
    fn versions_outside_the_range_are_refused() {
        let mut map = Map::new();
        let err = run(&mut map, 0, 3, TEST_STEPS).unwrap_err();
        insta::assert_snapshot!(err, @"error[file.version] at $.schema_version: schema version 0 is not supported: this crate reads versions 1 to 3");
        let err = run(&mut map, 4, 3, TEST_STEPS).unwrap_err();
        insta::assert_snapshot!(err, @"error[file.version] at $.schema_version: schema version 4 is not supported: this crate reads versions 1 to 3");
        let err = run(&mut map, 1, 3, &TEST_STEPS[1..]).unwrap_err();
        insta::assert_snapshot!(err, @"error[file.version] at $.schema_version: no migration from schema version 1 to 3");
    }

    #[test]
    fn version_one_is_the_first_and_current() {
        assert!(STEPS.is_empty());
        assert_eq!(SCHEMA_VERSION, FIRST_VERSION);
        let err = migrate(json!({}), 0).unwrap_err();
        insta::assert_snapshot!(err, @"error[file.version] at $.schema_version: schema version 0 is not supported: this crate reads versions 1 to 1");
        let err = migrate(json!([]), 1).unwrap_err();
        insta::assert_snapshot!(err, @"error[file.syntax] at $: a dataset is a JSON object");
        assert_eq!(
            migrate(json!({ "schema_version": 1 }), 1).unwrap(),
            json!({ "schema_version": 1 })
        );
    }
}
