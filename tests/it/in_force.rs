//! The rules in force for a jurisdiction on a day, from a dataset with a province's
//! overrides (`tests/rules/rules-in-force.json`): the province's values with their
//! own citations, the defaults they replaced, rules on and off.

use chrono::NaiveDate;
use thidua::{
    Candidate, Dataset, Lang, MemberFacts, Model, ParamId, Period, ReviewContext, RuleId,
    RuleState, UnitId,
};

fn model() -> Model {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/rules/rules-in-force.json"
    );
    Dataset::from_json(&std::fs::read_to_string(path).unwrap())
        .unwrap()
        .into_model()
        .unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

#[test]
fn an_override_scope_may_name_a_unit_by_its_code() {
    let model = model();
    let province = model.hierarchy.unit_by_code("TX").unwrap();
    // The file names the province by its code; its id is an unrelated UUID.
    assert_ne!(province, UnitId::from_key("TX"));
    for o in &model.overrides {
        assert_eq!(o.scope(), thidua::Jurisdiction::Subtree { unit: province });
    }
    // A scope naming no unit is an error, not an override that never applies.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/rules/rules-in-force.json"
    );
    let text =
        std::fs::read_to_string(path)
            .unwrap()
            .replacen("\"unit\": \"TX\"", "\"unit\": \"TZ\"", 1);
    let report = Dataset::from_json(&text).unwrap().validate();
    let found: Vec<String> = report.iter().map(|d| d.to_string_in(Lang::En)).collect();
    assert_eq!(
        found,
        [format!(
            "error[override.unknown_unit] at $.overrides[0].scope.unit: the override's scope \
             names the unit {}, which is neither the id nor the code of a unit of the dataset \
             (a code is shown as the id derived from it)",
            UnitId::from_key("TZ")
        )]
    );
}

#[test]
fn rules_in_force_for_a_school_of_the_province() {
    let model = model();
    let school = model.hierarchy.unit_by_code("TX.THCS-A").unwrap();
    let doc = model.rules_in_force(school, day(2025, 3, 1)).unwrap();
    let months = doc
        .parameters()
        .iter()
        .find(|p| p.parameter() == ParamId::NewRecruitMinMonths)
        .unwrap();
    assert_eq!(months.value(), 8);
    assert_eq!(
        months.replaced().map(|(v, c)| (v, c.to_string())),
        Some((
            6,
            "Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm d".to_owned()
        ))
    );
    let absence = doc
        .rules()
        .iter()
        .find(|(r, _)| *r == RuleId::LdttAbsence)
        .unwrap();
    assert!(matches!(absence.1, RuleState::Enabled(_)));

    let vi = doc.to_markdown(Lang::Vi);
    let vi = lines(&vi);
    for line in [
        "# Quy định thi đua, khen thưởng áp dụng cho TX.THCS-A (Công đoàn Trường THCS A) ngày 01/03/2025",
        "Chế độ áp dụng cho hồ sơ được xét ngày 01/03/2025: Luật TĐKT 2022, Nghị định 98/2023/NĐ-CP và Thông tư 01/2024/TT-BNV (nd98-2023).",
        "| `new_recruit_min_months` | số tháng tối thiểu từ khi tuyển dụng để xét Lao động tiên tiến | 8 tháng | Quyết định 25/2024/QĐ-UBND, Điều 5, khoản 2 | 6 tháng (Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm d) |",
        "| `ttldxs_min_ldtt_percent` | tỷ lệ tối thiểu cá nhân đạt Lao động tiên tiến của Tập thể lao động xuất sắc (%) | 70% | Luật Thi đua, khen thưởng 06/2022/QH15, Điều 27, khoản 1 | — |",
        "| `ldtt.new_recruit` | `ldtt` | áp dụng | Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm d | không xét Lao động tiên tiến cho người mới tuyển dụng dưới số tháng quy định |",
        "| `ldtt.absence` | `ldtt` | áp dụng (văn bản điều chỉnh bật) | Quy chế thi đua của LĐLĐ tỉnh X, Điều 7 | không xét Lao động tiên tiến khi nghỉ quá số ngày quy định |",
        "| `ldtt.transfer_comments` | `ldtt` | không áp dụng (chỉ áp dụng khi được bật) | thông tư hướng dẫn thi đua, khen thưởng của ngành | người chuyển công tác có ý kiến nhận xét của đơn vị cũ khi đã công tác ở đó từ số tháng quy định |",
        "| `ldtt.discipline` | `ldtt` | không thuộc chế độ này | — | không xét Lao động tiên tiến cho người bị kỷ luật từ khiển trách trở lên |",
        "| Quyết định 25/2024/QĐ-UBND, Điều 5, khoản 2 | TX (Liên đoàn Lao động tỉnh X) và các đơn vị trực thuộc, từ 01/01/2024 | đặt new_recruit_min_months là 8 tháng |",
        "| Quy chế thi đua của LĐLĐ tỉnh X, Điều 7 | TX (Liên đoàn Lao động tỉnh X) và các đơn vị trực thuộc, từ 01/01/2024 đến 31/12/2025 | bật quy định ldtt.absence |",
    ] {
        assert!(vi.contains(&line), "missing: {line}\n{}", vi.join("\n"));
    }
    let en = doc.to_markdown(Lang::En);
    let en = lines(&en);
    for line in [
        "# Rules in force for TX.THCS-A (Công đoàn Trường THCS A) on 2025-03-01",
        "| `new_recruit_min_months` | minimum months since recruitment for LĐTT | 8 months | Quyết định 25/2024/QĐ-UBND, Điều 5, khoản 2 | 6 months (Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm d) |",
        "| `ldtt.absence` | `ldtt` | on (turned on by an override) | Quy chế thi đua của LĐLĐ tỉnh X, Điều 7 | no LĐTT after more than the allowed days of absence |",
        "| `award.under_review` | every title | not a rule of this regime | — | no award while discipline or inspection is considered; achievements count from the end of a discipline's term |",
        "| Quy chế thi đua của LĐLĐ tỉnh X, Điều 7 | TX (Liên đoàn Lao động tỉnh X) and every unit below it, from 2024-01-01 to 2025-12-31 | turns on ldtt.absence |",
    ] {
        assert!(en.contains(&line), "missing: {line}\n{}", en.join("\n"));
    }
}

#[test]
fn outside_the_province_and_after_the_override_ends_the_defaults_apply() {
    let model = model();
    let other = model.hierarchy.unit_by_code("TY").unwrap();
    let text = model
        .rules_in_force(other, day(2025, 3, 1))
        .unwrap()
        .to_markdown(Lang::Vi);
    assert!(text.contains(
        "| `new_recruit_min_months` | số tháng tối thiểu từ khi tuyển dụng để xét Lao động tiên tiến | 6 tháng | Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm d | — |"
    ));
    assert!(text.contains("## Văn bản điều chỉnh\n\nKhông có.\n"));
    // Under ND 152/2025, from 2026 the absence rule's override has ended.
    let school = model.hierarchy.unit_by_code("TX.THCS-A").unwrap();
    let later = model.rules_in_force(school, day(2026, 3, 1)).unwrap();
    assert_eq!(later.regime().regime(), thidua::RegimeId::Nd152);
    assert!(
        later
            .rules()
            .iter()
            .any(|(r, s)| *r == RuleId::LdttAbsence && *s == RuleState::Off)
    );
    assert_eq!(later.overrides().len(), 1);
    // A day no regime covers is an error.
    assert!(matches!(
        model.rules_in_force(school, day(2028, 1, 1)),
        Err(thidua::RuleError::NoRegime { .. })
    ));
}

#[test]
fn the_html_page_escapes_and_keeps_the_lines() {
    let model = model();
    let school = model.hierarchy.unit_by_code("TX.THCS-A").unwrap();
    let html = model
        .rules_in_force(school, day(2025, 3, 1))
        .unwrap()
        .to_html(Lang::En);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.contains(
        "<tr><td><code>new_recruit_min_months</code></td><td>minimum months since recruitment for LĐTT</td><td>8 months</td><td>Quyết định 25/2024/QĐ-UBND, Điều 5, khoản 2</td><td>6 months (Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm d)</td></tr>"
    ));
    assert!(html.ends_with("</body>\n</html>\n"));
}

#[test]
fn the_model_s_evaluator_names_the_province_in_findings() {
    let model = model();
    let school = model.hierarchy.unit_by_code("TX.THCS-A").unwrap();
    let province = model.hierarchy.unit_by_code("TX").unwrap();
    let facts = MemberFacts::new()
        .with_grade(thidua::TaskGrade::Good)
        .with_recruited_on(day(2024, 5, 15))
        .with_leaves(vec![]);
    let context =
        ReviewContext::new(Period::Year("2024".parse().unwrap())).submitted_on(day(2025, 1, 10));
    let verdict = model
        .evaluator()
        .evaluate(
            Candidate::Member(&facts),
            "ldtt",
            &context,
            &[school, province],
        )
        .unwrap();
    let f = verdict.finding("ldtt.new_recruit").unwrap();
    assert_eq!(
        f.message_vi(),
        "không đạt: tuyển dụng ngày 15/05/2024, 7 tháng đến hết kỳ xét; yêu cầu từ 8 tháng; \
         mức 8 tháng theo Quyết định 25/2024/QĐ-UBND, Điều 5, khoản 2, áp dụng cho TX (Liên \
         đoàn Lao động tỉnh X) và các đơn vị trực thuộc, từ 01/01/2024, thay cho 6 tháng \
         (Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm d)"
    );
    // The rule the province turned on is cited by the province's own text.
    assert_eq!(
        verdict
            .finding("ldtt.absence")
            .unwrap()
            .citation()
            .to_string(),
        "Quy chế thi đua của LĐLĐ tỉnh X, Điều 7"
    );
}
