//! Adversarial inputs with pinned outcomes: clear errors or diagnostics, bounded
//! memory and time, never a panic or a stack overflow.

use thidua::{Dataset, PersonName, UnitId, UnitName};
use unicode_normalization::UnicodeNormalization;

#[test]
fn deeply_nested_json_is_an_error_not_an_overflow() {
    let deep = format!("{}{}", "[".repeat(1_000_000), "]".repeat(1_000_000));
    insta::assert_snapshot!(Dataset::from_json(&deep).unwrap_err(), @"error[file.syntax] at the whole dataset: not a JSON document: recursion limit exceeded at line 1 column 128");
    let deep_in_units = format!(
        r#"{{"schema_version": 1, "units": {}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(Dataset::from_json(&deep_in_units).is_err());
}

#[test]
fn a_hundred_megabyte_name_is_refused_cheaply() {
    let huge = "a".repeat(100 * 1024 * 1024);
    let err = UnitName::try_new(&huge).unwrap_err();
    insta::assert_snapshot!(err, @r#"invalid unit name "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…": 104857600 characters, at most 300 allowed"#);
    let json = format!(
        r#"{{"schema_version": 1, "units": [{{"id": "{}", "code": "X", "kind": "grassroots", "name": "{huge}"}}]}}"#,
        UnitId::from_key("X")
    );
    let report = Dataset::from_json(&json).unwrap_err();
    assert_eq!(report.len(), 1);
    assert!(
        report.to_string().len() < 1_000,
        "the diagnostic quotes only the start"
    );
}

#[test]
fn duplicate_keys_are_refused_not_merged() {
    let twice = r#"{"schema_version": 1, "units": [], "units": []}"#;
    insta::assert_snapshot!(Dataset::from_json(twice).unwrap_err(), @"error[file.duplicate_key] at the whole dataset: duplicate field `units` at line 1 column 42");
    let inner = format!(
        r#"{{"schema_version": 1, "units": [{{"id": "{}", "code": "X", "code": "Y", "kind": "grassroots", "name": "X"}}]}}"#,
        UnitId::from_key("X")
    );
    insta::assert_snapshot!(Dataset::from_json(&inner).unwrap_err(), @"error[file.duplicate_key] at the whole dataset: duplicate field `code` at line 1 column 98");
}

#[test]
fn nan_like_and_out_of_range_numbers() {
    for text in [
        r#"{"schema_version": NaN}"#,
        r#"{"schema_version": 1e400}"#,
        r#"{"schema_version": -1}"#,
        r#"{"schema_version": 1.5}"#,
        r#"{"schema_version": 1, "workforce": [{"unit": "x", "date": "2024-01-01", "workers": {"value": -5}}]}"#,
        r#"{"schema_version": 1, "workforce": [{"unit": "x", "date": "2024-01-01", "workers": {"value": 18446744073709551616}}]}"#,
    ] {
        let err = Dataset::from_json(text).unwrap_err();
        assert!(err.has_errors(), "{text}");
    }
}

#[test]
fn dates_at_the_edges_of_the_calendar() {
    for text in ["+262143-12-31", "-262144-01-01", "9999-12-31"] {
        let json = format!(
            r#"{{"schema_version": 1, "units": [{{"id": "{}", "code": "X", "kind": "grassroots", "name": "X", "established": "{text}"}}]}}"#,
            UnitId::from_key("X")
        );
        if let Ok(d) = Dataset::from_json(&json) {
            let model = d.into_model().unwrap();
            let _ = model.hierarchy.as_of(chrono::NaiveDate::MAX);
            let _ = model.hierarchy.as_of(chrono::NaiveDate::MIN);
        }
    }
}

#[test]
fn nfd_and_nfc_spellings_of_one_name_are_one_name() {
    let nfc = "Nguyễn Thị Khuy";
    let nfd: String = nfc.nfd().collect();
    assert_ne!(nfc, nfd);
    assert_eq!(
        PersonName::try_new(nfc).unwrap(),
        PersonName::try_new(&nfd).unwrap()
    );
    assert_eq!(PersonName::try_new(&nfd).unwrap().as_str(), nfc);
    assert_eq!(
        UnitId::from_key(&format!("HN/{nfd}")),
        UnitId::from_key(&format!("HN/{nfc}"))
    );
    // Two units whose codes differ only by normalisation cannot exist: codes are ASCII.
    assert!(thidua::UnitCode::try_new(&nfd).is_err());
}
