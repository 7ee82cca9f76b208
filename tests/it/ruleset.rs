//! Static checks of a rule set: `tests/rules/ruleset-mistakes.json` holds one
//! override for each kind of mistake, `tests/rules/ruleset-clean.json` none.

use thidua::{Dataset, Diagnostics, Lang, RuleSet, Severity};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/rules/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn hierarchy() -> thidua::Hierarchy {
    Dataset::from_json(&fixture("ruleset-units.json"))
        .unwrap()
        .into_model()
        .unwrap()
        .hierarchy
}

/// Code, place and English message of each diagnostic.
fn lines(report: &Diagnostics) -> Vec<(String, String, String)> {
    report
        .iter()
        .map(|d| {
            (
                d.code().to_owned(),
                d.location().to_string(),
                d.message_in(Lang::En),
            )
        })
        .collect()
}

fn expected(rows: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    rows.iter()
        .map(|(c, p, m)| ((*c).to_owned(), (*p).to_owned(), (*m).to_owned()))
        .collect()
}

/// What the checks find without a hierarchy; with one, the units come in too.
const WITHOUT_UNITS: &[(&str, &str, &str)] = &[
    (
        "ruleset.gap",
        "$.overrides[1].from",
        "new_recruit_min_months has no override in this jurisdiction from 2024-07-01 to \
         2024-08-31, between $.overrides[0] and this one: the built-in value applies on those days",
    ),
    (
        "ruleset.conflict",
        "$.overrides[2]",
        "new_recruit_min_months is 10 months from 2025-01-01 (Quyết định 02/2025/QĐ-UBND, Điều 4), \
         but $.overrides[1] makes it 8 months from 2024-09-01 (Quyết định 31/2024/QĐ-UBND, Điều 3) \
         in the same jurisdiction on the same days",
    ),
    (
        "ruleset.out_of_range",
        "$.overrides[3].change.value",
        "ttldtt_min_ldtt_percent is 100, outside 0 to 99 for a share in percent",
    ),
    (
        "ruleset.before_regime",
        "$.overrides[4].from",
        "bk_tinh_consecutive_years is overridden from 2023-01-01, but the first regime that has \
         it, Law 06/2022, Decree 98/2023 and Circular 01/2024, starts on 2024-01-01",
    ),
    (
        "ruleset.out_of_range",
        "$.overrides[5].change.value",
        "transfer_comment_min_months is 0, outside 1 to 120 for a number of months",
    ),
    (
        "ruleset.no_citation",
        "$.overrides[6].citation.document",
        "the override of ldtt.absence cites no document: give the decision or regulation that \
         makes the change",
    ),
    (
        "ruleset.no_effect",
        "$.overrides[7].change",
        "ttldxs_min_ldtt_percent is 70% under every regime the override's dates reach already: \
         the override changes nothing",
    ),
    (
        "ruleset.never_applies",
        "$.overrides[8]",
        "the rule ttldtt.grade is turned off everywhere under every regime that has it, and no \
         override turns it on: it can never apply",
    ),
    (
        "ruleset.never_applies",
        "$.overrides[11].until",
        "the override ends on 2024-05-01, not after it starts on 2024-05-01: it applies on no day",
    ),
];

#[test]
fn each_kind_of_mistake_is_found() {
    let rules = RuleSet::from_json(&fixture("ruleset-mistakes.json")).unwrap();
    assert_eq!(rules.overrides().len(), 12);

    let report = rules.check(None);
    assert_eq!(lines(&report), expected(WITHOUT_UNITS));
    assert!(report.has_errors());

    let h = hierarchy();
    let report = rules.check(Some(&h));
    let mut all = WITHOUT_UNITS.to_vec();
    all.insert(
        8,
        (
            "ruleset.never_applies",
            "$.overrides[9].scope.unit",
            "the unit \"TX.MOI\" does not exist on any day from 2024-01-01 to 2024-12-31: the \
             override never applies",
        ),
    );
    all.insert(
        9,
        (
            "ruleset.never_applies",
            "$.overrides[10].scope.unit",
            "the override's unit \"TZ\" is neither the id nor the code of a unit of the \
             hierarchy: the override never applies",
        ),
    );
    assert_eq!(lines(&report), expected(&all));

    let severities: Vec<Severity> = report.iter().map(|d| d.severity()).collect();
    use Severity::{Error, Warning};
    assert_eq!(
        severities,
        [
            Warning, Error, Error, Warning, Error, Error, Warning, Warning, Warning, Error, Error
        ]
    );

    let conflict = report.with_code("ruleset.conflict").next().unwrap();
    assert_eq!(
        conflict.to_string_in(Lang::Vi),
        "lỗi[ruleset.conflict] tại $.overrides[2]: new_recruit_min_months là 10 tháng từ \
         01/01/2025 (Quyết định 02/2025/QĐ-UBND, Điều 4), nhưng $.overrides[1] đặt 8 tháng từ \
         01/09/2024 (Quyết định 31/2024/QĐ-UBND, Điều 3) trong cùng phạm vi và cùng những ngày đó"
    );
}

#[test]
fn a_clean_rule_set_gives_nothing() {
    // A bare list of overrides reads as well as an object with an `overrides` list.
    let rules = RuleSet::from_json(&fixture("ruleset-clean.json")).unwrap();
    assert_eq!(rules.overrides().len(), 4);
    assert_eq!(lines(&rules.check(None)), []);
    assert_eq!(lines(&rules.check(Some(&hierarchy()))), []);

    // A dataset file reads as its rule set, scopes named by code.
    let from_dataset = RuleSet::from_json(&fixture("ruleset-units.json")).unwrap();
    assert_eq!(from_dataset, rules);
    assert_eq!(RuleSet::new(rules.overrides().to_vec()), rules);
}

#[test]
fn a_file_that_is_not_a_rule_set_is_reported() {
    let report = RuleSet::from_json("{\"units\": []}").unwrap_err();
    assert_eq!(
        lines(&report),
        expected(&[(
            "file.not_a_list",
            "$.overrides",
            "\"overrides\" must be a list"
        )])
    );
    let report = RuleSet::from_json(
        r#"[{"scope": {"kind": "everywhere"}, "from": "2024-02-30",
             "change": {"kind": "enable_rule", "rule": "ldtt.absence"},
             "citation": {"document": "QĐ 1", "confidence": "verified"}}]"#,
    )
    .unwrap_err();
    assert_eq!(report.len(), 1);
    let d = report.iter().next().unwrap();
    assert_eq!(
        (d.code(), d.location().to_string().as_str()),
        ("file.invalid_value", "$.overrides[0].from")
    );
    let report = RuleSet::from_json("not json").unwrap_err();
    assert_eq!(report.iter().next().unwrap().code(), "file.syntax");
}
