//! Rule cases driven by `tests/rules/cases.json`, with a list of expected failures
//! in `tests/rules/expected-failures.txt`; every built-in rule must pass and fail in
//! at least one case.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Deserialize;
use thidua::{
    Candidate, CollectiveFacts, Evaluator, MemberFacts, Outcome, Override, Period, RegimeId,
    ReviewContext, RuleId, Status, UnitId,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    title: String,
    period: Period,
    #[serde(default)]
    submitted: Option<NaiveDate>,
    #[serde(default)]
    decided: Option<NaiveDate>,
    #[serde(default)]
    own_rules_from: Option<NaiveDate>,
    #[serde(default)]
    jurisdiction: Vec<String>,
    #[serde(default)]
    overrides: Vec<Override>,
    #[serde(default)]
    member: Option<MemberFacts>,
    #[serde(default)]
    collective: Option<CollectiveFacts>,
    expect: Expect,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    outcome: Outcome,
    #[serde(default)]
    regime: Option<RegimeId>,
    findings: BTreeMap<String, Status>,
    /// Words each finding's explanation line must contain, in either language.
    #[serde(default)]
    texts: BTreeMap<String, Vec<String>>,
    /// Words each finding's explanation line must not contain, in either language.
    #[serde(default)]
    absent: BTreeMap<String, Vec<String>>,
}

fn load() -> (Vec<Case>, BTreeSet<String>) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/rules");
    let cases = std::fs::read_to_string(format!("{dir}/cases.json")).unwrap();
    let cases: Vec<Case> = serde_json::from_str(&cases).unwrap();
    let expected = std::fs::read_to_string(format!("{dir}/expected-failures.txt")).unwrap();
    let expected = expected
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    (cases, expected)
}

/// Runs one case; `Err` says how it disagrees.
fn run(case: &Case, seen: &mut BTreeMap<String, BTreeSet<Status>>) -> Result<(), String> {
    let mut evaluator = Evaluator::new();
    for o in &case.overrides {
        evaluator.add_override(o.clone());
    }
    let mut context = ReviewContext::new(case.period);
    if let Some(d) = case.submitted {
        context = context.submitted_on(d);
    }
    if let Some(d) = case.decided {
        context = context.decision_on(d);
    }
    if let Some(d) = case.own_rules_from {
        context = context.own_rules_from(d);
    }
    let chain: Vec<UnitId> = case
        .jurisdiction
        .iter()
        .map(|c| UnitId::from_key(c))
        .collect();
    let candidate = match (&case.member, &case.collective) {
        (Some(m), None) => Candidate::Member(m),
        (None, Some(c)) => Candidate::Collective(c),
        _ => return Err("a case needs exactly one of member and collective".to_owned()),
    };
    let plan = evaluator
        .plan(&case.title, &context, &chain)
        .map_err(|e| e.to_string())?;
    let verdict = plan.explain(candidate).map_err(|e| e.to_string())?;
    for f in verdict.findings() {
        seen.entry(f.rule().code().to_owned())
            .or_default()
            .insert(f.status());
        // Every finding explains itself in both languages and names its source.
        assert!(!f.message_vi().is_empty() && !f.message_en().is_empty());
        assert!(!f.citation().to_string().is_empty());
    }
    let fast = plan.outcome(candidate).map_err(|e| e.to_string())?;
    if fast != verdict.outcome() {
        return Err(format!(
            "fast path says {fast:?}, explained path {:?}",
            verdict.outcome()
        ));
    }
    let mut problems = Vec::new();
    if verdict.outcome() != case.expect.outcome {
        problems.push(format!(
            "outcome {:?}, expected {:?}\n{}",
            verdict.outcome(),
            case.expect.outcome,
            verdict.explain_en()
        ));
    }
    if let Some(r) = case.expect.regime
        && verdict.regime().regime() != r
    {
        problems.push(format!(
            "regime {:?}, expected {r:?}",
            verdict.regime().regime()
        ));
    }
    for (rule, status) in &case.expect.findings {
        match verdict.finding(rule) {
            Some(f) if f.status() == *status => {}
            Some(f) => problems.push(format!(
                "{rule}: {:?}, expected {status:?}: {}",
                f.status(),
                f.message_en()
            )),
            None => problems.push(format!("{rule}: no finding")),
        }
    }
    let line = |rule: &str| -> String {
        let code = format!("[{rule}]");
        [verdict.explain_vi(), verdict.explain_en()]
            .iter()
            .flat_map(|e| e.lines().map(str::to_owned).collect::<Vec<_>>())
            .filter(|l| l.contains(&code))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for (rule, words) in &case.expect.texts {
        let text = line(rule);
        for w in words.iter().filter(|w| !text.contains(w.as_str())) {
            problems.push(format!("{rule}: {w:?} is not in\n{text}"));
        }
    }
    for (rule, words) in &case.expect.absent {
        let text = line(rule);
        for w in words.iter().filter(|w| text.contains(w.as_str())) {
            problems.push(format!("{rule}: {w:?} should not be in\n{text}"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

#[test]
fn rule_cases() {
    let (cases, expected_failures) = load();
    let mut seen = BTreeMap::new();
    let mut unexpected = Vec::new();
    for case in &cases {
        match (run(case, &mut seen), expected_failures.contains(&case.name)) {
            (Ok(()), false) | (Err(_), true) => {}
            (Err(e), false) => unexpected.push(format!("FAIL {}:\n{e}", case.name)),
            (Ok(()), true) => unexpected.push(format!(
                "PASS {} is listed as an expected failure: remove it from the list",
                case.name
            )),
        }
    }
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n\n"));
    for rule in RuleId::ALL {
        let statuses = seen.get(rule.code()).cloned().unwrap_or_default();
        assert!(
            statuses.contains(&Status::Pass) && statuses.contains(&Status::Fail),
            "rule {} needs a passing and a failing case (seen {statuses:?})",
            rule.code()
        );
    }
    let names: BTreeSet<_> = cases.iter().map(|c| &c.name).collect();
    assert_eq!(names.len(), cases.len(), "case names are unique");
}

#[test]
fn explanations_are_complete_and_pinned() {
    let facts = MemberFacts::new()
        .with_grade(thidua::TaskGrade::Good)
        .with_recruited_on(NaiveDate::from_ymd_opt(2024, 7, 15).unwrap())
        .with_disciplines(vec![])
        .with_initiatives(vec![]);
    let context = ReviewContext::new(Period::Year("2024".parse().unwrap()))
        .submitted_on(NaiveDate::from_ymd_opt(2025, 1, 10).unwrap());
    let verdict = Evaluator::new()
        .evaluate(Candidate::Member(&facts), "cstdcs", &context, &[])
        .unwrap();
    insta::assert_snapshot!(verdict.explain_vi(), @r#"
    cstdcs: không đủ điều kiện (áp dụng Luật TĐKT 2022, Nghị định 98/2023/NĐ-CP và Thông tư 01/2024/TT-BNV vì hồ sơ được xét vào ngày 10/01/2025)
    - [ldtt.grade] đạt: xếp loại "Hoàn thành tốt nhiệm vụ", yêu cầu "Hoàn thành tốt nhiệm vụ" trở lên (Luật Thi đua, khen thưởng 06/2022/QH15, Điều 24, khoản 1)
    - [ldtt.new_recruit] không đạt: tuyển dụng ngày 15/07/2024, 5 tháng đến hết kỳ xét; yêu cầu từ 6 tháng (Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm d)
    - [cstdcs.ldtt] không đạt: điều kiện "Lao động tiên tiến": không đủ điều kiện (Luật Thi đua, khen thưởng 06/2022/QH15, Điều 23)
    - [cstdcs.excellence_or_initiative] chưa xác định: xếp loại Hoàn thành tốt nhiệm vụ, 0 sáng kiến được công nhận, chưa rõ số đề tài được nghiệm thu; yêu cầu hoàn thành xuất sắc nhiệm vụ, hoặc 1 sáng kiến, hoặc 1 đề tài (Luật Thi đua, khen thưởng 06/2022/QH15, Điều 23)
    "#);
    insta::assert_snapshot!(verdict.explain_en(), @r#"
    cstdcs: ineligible (Law 06/2022, Decree 98/2023 and Circular 01/2024 applies: the case is decided on 2025-01-10)
    - [ldtt.grade] pass: graded "completed tasks well", needs "completed tasks well" or better (Luật Thi đua, khen thưởng 06/2022/QH15, Điều 24, khoản 1)
    - [ldtt.new_recruit] fail: recruited on 2024-07-15, 5 months to the end of the period; needs 6 (Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm d)
    - [cstdcs.ldtt] fail: prerequisite ldtt: ineligible (Luật Thi đua, khen thưởng 06/2022/QH15, Điều 23)
    - [cstdcs.excellence_or_initiative] unknown: grade completed tasks well, 0 initiatives recognised, unknown science projects accepted; needs an excellent grade, an initiative or a project (Luật Thi đua, khen thưởng 06/2022/QH15, Điều 23)
    "#);
    let facts_used: Vec<_> = verdict.findings()[1].facts();
    insta::assert_debug_snapshot!(facts_used, @r#"
    [
        (
            "recruited_on",
            "2024-07-15",
        ),
        (
            "months",
            "5",
        ),
        (
            "required_months",
            "6",
        ),
    ]
    "#);
}

#[test]
fn no_regime_is_an_error_not_a_guess() {
    let facts = MemberFacts::new();
    let early = ReviewContext::new(Period::Year("2016".parse().unwrap()));
    let late = ReviewContext::new(Period::Year("2027".parse().unwrap()));
    let e = Evaluator::new();
    insta::assert_snapshot!(e.evaluate(Candidate::Member(&facts), "ldtt", &early, &[]).unwrap_err(), @"no rule regime covers 2016-12-31: the built-in regimes run from 2017-10-01 to 2027-02-28");
    insta::assert_snapshot!(e.evaluate(Candidate::Member(&facts), "ldtt", &late, &[]).unwrap_err(), @"no rule regime covers 2027-12-31: the built-in regimes run from 2017-10-01 to 2027-02-28");
    let now = ReviewContext::new(Period::Year("2024".parse().unwrap()));
    insta::assert_snapshot!(e.evaluate(Candidate::Member(&facts), "ttldxs", &now, &[]).unwrap_err(), @r#"title "ttldxs" is for a collective, not for the candidate given"#);
    insta::assert_snapshot!(e.evaluate(Candidate::Member(&facts), "no-such-title", &now, &[]).unwrap_err(), @r#"no rules for title "no-such-title""#);
}

#[test]
fn a_finding_on_an_overridden_parameter_cites_the_override_and_the_value_it_replaced() {
    let province = UnitId::from_key("TX");
    let mut evaluator = Evaluator::new();
    evaluator.add_override(
        Override::new(
            thidua::Jurisdiction::Subtree { unit: province },
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            thidua::Change::SetParameter {
                parameter: thidua::ParamId::NewRecruitMinMonths,
                value: 8,
            },
            thidua::Citation::new("Quyết định 25/2024/QĐ-UBND")
                .article("5")
                .clause("2"),
        )
        .until(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
    );
    evaluator.label_unit(province, "TX (Liên đoàn Lao động tỉnh X)");
    let facts = MemberFacts::new()
        .with_grade(thidua::TaskGrade::Good)
        .with_recruited_on(NaiveDate::from_ymd_opt(2024, 5, 15).unwrap());
    let context = ReviewContext::new(Period::Year("2024".parse().unwrap()))
        .submitted_on(NaiveDate::from_ymd_opt(2025, 1, 10).unwrap());
    let school = UnitId::from_key("TX.THCS-A");
    let verdict = evaluator
        .evaluate(
            Candidate::Member(&facts),
            "ldtt",
            &context,
            &[school, province],
        )
        .unwrap();
    let finding = verdict.finding("ldtt.new_recruit").unwrap();
    assert_eq!(finding.status(), Status::Fail);
    let [p] = finding.overridden_parameters() else {
        panic!("one overridden parameter expected");
    };
    assert_eq!(p.value(), 8);
    assert_eq!(
        p.replaced().map(|(v, c)| (v, c.to_string())),
        Some((
            6,
            "Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm d".to_owned()
        ))
    );
    insta::assert_snapshot!(verdict.explain_vi(), @r#"
    ldtt: không đủ điều kiện (áp dụng Luật TĐKT 2022, Nghị định 98/2023/NĐ-CP và Thông tư 01/2024/TT-BNV vì hồ sơ được xét vào ngày 10/01/2025)
    - [ldtt.grade] đạt: xếp loại "Hoàn thành tốt nhiệm vụ", yêu cầu "Hoàn thành tốt nhiệm vụ" trở lên (Luật Thi đua, khen thưởng 06/2022/QH15, Điều 24, khoản 1)
    - [ldtt.new_recruit] không đạt: tuyển dụng ngày 15/05/2024, 7 tháng đến hết kỳ xét; yêu cầu từ 8 tháng; mức 8 tháng theo Quyết định 25/2024/QĐ-UBND, Điều 5, khoản 2, áp dụng cho TX (Liên đoàn Lao động tỉnh X) và các đơn vị trực thuộc, từ 01/01/2024 đến 31/12/2025, thay cho 6 tháng (Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm d) (Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm d; Quyết định 25/2024/QĐ-UBND, Điều 5, khoản 2)
    "#);
    insta::assert_snapshot!(verdict.explain_en(), @r#"
    ldtt: ineligible (Law 06/2022, Decree 98/2023 and Circular 01/2024 applies: the case is decided on 2025-01-10)
    - [ldtt.grade] pass: graded "completed tasks well", needs "completed tasks well" or better (Luật Thi đua, khen thưởng 06/2022/QH15, Điều 24, khoản 1)
    - [ldtt.new_recruit] fail: recruited on 2024-05-15, 7 months to the end of the period; needs 8; 8 months under Quyết định 25/2024/QĐ-UBND, Điều 5, khoản 2, applying to TX (Liên đoàn Lao động tỉnh X) and every unit below it, from 2024-01-01 to 2025-12-31, replacing 6 months (Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm d) (Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm d; Quyết định 25/2024/QĐ-UBND, Điều 5, khoản 2)
    "#);
    // Rules that read no overridden parameter cite only their own provision.
    assert!(
        verdict
            .finding("ldtt.grade")
            .unwrap()
            .overridden_parameters()
            .is_empty()
    );
}

#[test]
fn quota_of_cstdcs() {
    let e = Evaluator::new();
    let y2023 = ReviewContext::new(Period::Year("2023".parse().unwrap()));
    let q = e.check_quota(&y2023, &[], 20, 4).unwrap();
    assert_eq!(q.allowed(), Some(3));
    assert!(!q.is_within());
    insta::assert_snapshot!(q.diagnostic(thidua::Location::Whole).unwrap(), @"error[quota.cstdcs] at the whole dataset: 4 CSTĐCS proposed but at most 3 allowed: 15% of 20 LĐTT (Nghị định 91/2017/NĐ-CP, Điều 9, khoản 3)");
    assert!(e.check_quota(&y2023, &[], 20, 3).unwrap().is_within());
    // No quota in the law after 2024 …
    let y2024 = ReviewContext::new(Period::Year("2024".parse().unwrap()))
        .submitted_on(NaiveDate::from_ymd_opt(2025, 1, 10).unwrap());
    assert_eq!(e.check_quota(&y2024, &[], 20, 10).unwrap().allowed(), None);
    // … unless a jurisdiction keeps it.
    let mut kept = Evaluator::new();
    kept.add_override(Override::new(
        thidua::Jurisdiction::Everywhere,
        NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        thidua::Change::SetParameter {
            parameter: thidua::ParamId::CstdcsQuotaPercent,
            value: 15,
        },
        thidua::Citation::new("Quyết định 12/2024/QĐ-UBND").article("8"),
    ));
    let q = kept.check_quota(&y2024, &[], 20, 4).unwrap();
    assert_eq!(q.allowed(), Some(3));
    assert_eq!(
        q.citation().to_string(),
        "Quyết định 12/2024/QĐ-UBND, Điều 8"
    );
    // The list over the quota names the override and the built-in value it replaced.
    let over = q.diagnostic(thidua::Location::Whole).unwrap();
    insta::assert_snapshot!(over.message_in(thidua::Lang::Vi), @"đề nghị 4 CSTĐCS nhưng chỉ được tối đa 3: 15% của 20 LĐTT (tỷ lệ 15% theo Quyết định 12/2024/QĐ-UBND, Điều 8, áp dụng cho mọi đơn vị, từ 01/01/2024, thay cho không giới hạn (Luật Thi đua, khen thưởng 06/2022/QH15))");
    insta::assert_snapshot!(over.message_in(thidua::Lang::En), @"4 CSTĐCS proposed but at most 3 allowed: 15% of 20 LĐTT (15% under Quyết định 12/2024/QĐ-UBND, Điều 8, applying to every unit, from 2024-01-01, replacing no quota (Luật Thi đua, khen thưởng 06/2022/QH15))");
}

#[test]
fn rule_catalogue_in_docs_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/RULES.md");
    let generated = thidua::rule_catalogue_markdown();
    if std::env::var_os("UPDATE_RULES").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let kept = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        kept == generated,
        "docs/RULES.md is stale: regenerate it with `UPDATE_RULES=1 cargo test --test it rule_catalogue`"
    );
    for rule in RuleId::ALL {
        assert!(generated.contains(&format!("### `{}`", rule.code())));
    }
}

#[derive(Debug)]
struct NoComplaints;

impl thidua::CustomRule for NoComplaints {
    fn code(&self) -> &str {
        "hanoi.no_complaints"
    }
    fn title(&self) -> &str {
        "ldtt"
    }
    fn citation(&self) -> thidua::Citation {
        thidua::Citation::new("Quy chế thi đua của LĐLĐ huyện Gia Lâm").article("5")
    }
    fn check(&self, candidate: Candidate<'_>, _: &ReviewContext) -> thidua::CustomCheck {
        let status = match candidate {
            Candidate::Member(m) if m.grade() == Some(thidua::TaskGrade::Excellent) => Status::Pass,
            _ => Status::Fail,
        };
        thidua::CustomCheck {
            status,
            message_vi: "không có đơn thư phản ánh".to_owned(),
            message_en: "no complaints".to_owned(),
        }
    }
}

#[test]
fn custom_rules_apply_in_their_jurisdiction_from_their_date() {
    let mut e = Evaluator::new();
    e.add_custom_rule(
        std::sync::Arc::new(NoComplaints),
        thidua::Jurisdiction::Subtree {
            unit: UnitId::from_key("HN.GL"),
        },
        NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
    );
    let facts = MemberFacts::new()
        .with_grade(thidua::TaskGrade::Good)
        .with_recruited_on(NaiveDate::from_ymd_opt(2010, 1, 1).unwrap());
    let ctx = ReviewContext::new(Period::Year("2024".parse().unwrap()))
        .submitted_on(NaiveDate::from_ymd_opt(2025, 1, 10).unwrap());
    let gl = [UnitId::from_key("HN.GL.TH001"), UnitId::from_key("HN.GL")];
    let v = e
        .evaluate(Candidate::Member(&facts), "ldtt", &ctx, &gl)
        .unwrap();
    assert_eq!(v.outcome(), Outcome::Ineligible);
    let f = v.finding("hanoi.no_complaints").unwrap();
    assert_eq!(f.message_en(), "fail: no complaints");
    assert_eq!(
        f.citation().to_string(),
        "Quy chế thi đua của LĐLĐ huyện Gia Lâm, Điều 5"
    );
    // Elsewhere, and before its date, it does not apply.
    let th = [UnitId::from_key("HN.TH")];
    assert_eq!(
        e.evaluate(Candidate::Member(&facts), "ldtt", &ctx, &th)
            .unwrap()
            .outcome(),
        Outcome::Eligible
    );
    let old = ReviewContext::new(Period::Year("2023".parse().unwrap()));
    let facts_old = facts.clone().with_disciplines(vec![]);
    assert_eq!(
        e.evaluate(Candidate::Member(&facts_old), "ldtt", &old, &gl)
            .unwrap()
            .outcome(),
        Outcome::Eligible
    );
}

#[test]
fn a_collective_is_evaluated_from_its_members() {
    let e = Evaluator::new();
    let ctx = ReviewContext::new(Period::SchoolYear("2023-2024".parse().unwrap()));
    let ldtt = e.plan("ldtt", &ctx, &[]).unwrap();
    let cstdcs = e.plan("cstdcs", &ctx, &[]).unwrap();
    let day = NaiveDate::from_ymd_opt(2010, 9, 1).unwrap();
    // 10 teachers: 7 good, 2 excellent (one with an initiative), 1 completed.
    let mut people = Vec::new();
    for i in 0..10 {
        let grade = match i {
            0 | 1 => thidua::TaskGrade::Excellent,
            9 => thidua::TaskGrade::Completed,
            _ => thidua::TaskGrade::Good,
        };
        people.push(
            MemberFacts::new()
                .with_grade(grade)
                .with_recruited_on(day)
                .with_initiatives(vec![])
                .with_accepted_research(0),
        );
    }
    let outcomes = people.iter().map(|m| {
        (
            m.grade(),
            ldtt.outcome(Candidate::Member(m)).unwrap(),
            cstdcs.outcome(Candidate::Member(m)).unwrap(),
        )
    });
    let facts = CollectiveFacts::tally(Some(thidua::TaskGrade::Excellent), outcomes);
    assert_eq!(
        (
            facts.members(),
            facts.completed(),
            facts.ldtt(),
            facts.cstdcs()
        ),
        (Some(10), Some(10), Some(9), Some(2))
    );
    let v = e
        .evaluate(Candidate::Collective(&facts), "ttldxs", &ctx, &[])
        .unwrap();
    assert_eq!(v.outcome(), Outcome::Eligible, "{}", v.explain_en());
}

#[test]
fn nd152_d60_k3_the_verdict_names_the_submission_day_and_the_clause() {
    let facts = MemberFacts::new()
        .with_grade(thidua::TaskGrade::Good)
        .with_recruited_on(NaiveDate::from_ymd_opt(2015, 9, 1).unwrap());
    let period = Period::SchoolYear("2024-2025".parse().unwrap());
    let context = ReviewContext::new(period)
        .submitted_on(NaiveDate::from_ymd_opt(2025, 6, 20).unwrap())
        .decision_on(NaiveDate::from_ymd_opt(2025, 9, 15).unwrap());
    assert_eq!(
        context.decided_on(),
        NaiveDate::from_ymd_opt(2025, 9, 15).unwrap()
    );
    let verdict = Evaluator::new()
        .evaluate(Candidate::Member(&facts), "ldtt", &context, &[])
        .unwrap();
    assert_eq!(
        verdict.regime().basis(),
        thidua::RegimeBasis::SubmittedBefore
    );
    assert_eq!(
        verdict.regime().citation().to_string(),
        "Nghị định 152/2025/NĐ-CP, Điều 60, khoản 3"
    );
    insta::assert_snapshot!(verdict.regime().reason_vi(), @"áp dụng Luật TĐKT 2022, Nghị định 98/2023/NĐ-CP và Thông tư 01/2024/TT-BNV vì hồ sơ đã gửi ngày 20/06/2025, trước ngày 01/07/2025 (Nghị định 152/2025/NĐ-CP, Điều 60, khoản 3)");
    insta::assert_snapshot!(verdict.regime().reason_en(), @"Law 06/2022, Decree 98/2023 and Circular 01/2024 applies: the dossier was sent on 2025-06-20, before 2025-07-01 (Decree 152/2025, Article 60, clause 3)");
    // Without a submission before 2025-07-01 the criteria are ND 152's, own rules or
    // not; only the delegated matters stay on ND 98/2023 to 2025-12-31.
    let later = ReviewContext::new(period)
        .submitted_on(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap())
        .decision_on(NaiveDate::from_ymd_opt(2025, 9, 15).unwrap());
    assert_eq!(later.regime().unwrap().regime(), RegimeId::Nd152);
    let delegated = later.delegated_regime().unwrap();
    assert_eq!(delegated.regime(), RegimeId::Nd98);
    assert_eq!(
        delegated.citation().to_string(),
        "Nghị định 152/2025/NĐ-CP, Điều 60, khoản 2"
    );
    let own = later.own_rules_from(NaiveDate::from_ymd_opt(2025, 8, 1).unwrap());
    assert_eq!(own.delegated_regime().unwrap().regime(), RegimeId::Nd152);
    // The grace of khoản 2 ends with 2025.
    let january =
        ReviewContext::new(period).decision_on(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    assert_eq!(
        january.delegated_regime().unwrap().regime(),
        RegimeId::Nd152
    );
    let december =
        ReviewContext::new(period).decision_on(NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
    assert_eq!(
        december.delegated_regime().unwrap().regime(),
        RegimeId::Nd98
    );
}

#[test]
fn each_finding_describes_its_own_fact() {
    // 38 of 40 completed their tasks; 30 have LĐTT.
    let facts = CollectiveFacts::new()
        .with_grade(thidua::TaskGrade::Excellent)
        .with_counts(40, 38, 30, 1);
    let context = ReviewContext::new(Period::SchoolYear("2023-2024".parse().unwrap()));
    let verdict = Evaluator::new()
        .evaluate(Candidate::Collective(&facts), "ttldxs", &context, &[])
        .unwrap();
    let all = verdict.finding("ttldxs.all_complete").unwrap();
    assert_eq!(
        all.message_vi(),
        "không đạt: 38/40 cá nhân hoàn thành nhiệm vụ; yêu cầu 100%"
    );
    assert_eq!(
        all.message_en(),
        "fail: 38 of 40 members completed their tasks; needs all of them"
    );
    let share = verdict.finding("ttldxs.ldtt_share").unwrap();
    assert_eq!(
        share.message_vi(),
        "đạt: 30/40 cá nhân đạt Lao động tiên tiến; yêu cầu từ 70%"
    );
    assert_eq!(
        verdict.finding("ttldxs.grade").unwrap().message_vi(),
        "đạt: tập thể xếp loại \"Hoàn thành xuất sắc nhiệm vụ\", yêu cầu \"Hoàn thành xuất sắc nhiệm vụ\" trở lên"
    );
}

#[test]
fn tt01_d1_k5_leave_that_is_no_absence_is_shown_with_its_provision() {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let range = |a, b| thidua::DateRange::try_new(a, b).unwrap();
    let facts = MemberFacts::new()
        .with_grade(thidua::TaskGrade::Good)
        .with_recruited_on(day(2015, 9, 1))
        .with_leaves(vec![
            thidua::Leave::new(
                thidua::LeaveKind::Training,
                range(day(2023, 8, 1), day(2024, 9, 30)),
            )
            .with_training_result(thidua::StudyResult::Fair),
            thidua::Leave::new(
                thidua::LeaveKind::InjuryRescuing,
                range(day(2023, 11, 1), day(2023, 11, 30)),
            ),
            thidua::Leave::new(
                thidua::LeaveKind::Sick,
                range(day(2024, 3, 1), day(2024, 3, 10)),
            ),
        ]);
    let mut e = Evaluator::new();
    e.add_override(Override::new(
        thidua::Jurisdiction::Everywhere,
        day(2017, 10, 1),
        thidua::Change::EnableRule {
            rule: RuleId::LdttAbsence,
        },
        thidua::Citation::new("Quy chế thi đua của LĐLĐ huyện Gia Lâm").article("6"),
    ));
    let context = ReviewContext::new(Period::SchoolYear("2023-2024".parse().unwrap()))
        .submitted_on(day(2024, 8, 31));
    let verdict = e
        .evaluate(Candidate::Member(&facts), "ldtt", &context, &[])
        .unwrap();
    let f = verdict.finding("ldtt.absence").unwrap();
    insta::assert_snapshot!(f.message_vi(), @"đạt: nghỉ 10 ngày không được tính là thời gian công tác; tối đa 40 ngày; không tính là nghỉ: 366 ngày đi học, bồi dưỡng từ 1 năm trở lên, kết quả từ khá trở lên (Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm b); không tính là nghỉ: 30 ngày điều trị thương tích do cứu người, cứu tài sản (Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm a)");
    insta::assert_snapshot!(f.message_en(), @"pass: 10 days absent not counted as working time; at most 40; not an absence: 366 days of training of a year or more, result fair or better (Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm b); not an absence: 30 days of injury from rescuing people or property (Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm a)");
    assert_eq!(
        f.citation().to_string(),
        "Quy chế thi đua của LĐLĐ huyện Gia Lâm, Điều 6"
    );
}
