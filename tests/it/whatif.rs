//! What-if reviews: the same members under two configurations.

use chrono::NaiveDate;
use thidua::testing::DatasetBuilder;
use thidua::{
    Bloc, Change, Citation, Configuration, Jurisdiction, Lang, MemberFacts, MemberReview, Model,
    Outcome, Override, ParamId, Period, Population, ReviewContext, Side, TaskGrade, UnitKind,
    WhatIf,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn year() -> Period {
    Period::Year("2024".parse().unwrap())
}

fn set(parameter: ParamId, value: u32, document: &'static str) -> Override {
    Override::new(
        Jurisdiction::Everywhere,
        day(2024, 1, 1),
        Change::SetParameter { parameter, value },
        Citation::new(document).article("5"),
    )
}

/// TX.A: 20 members; the first recruited on 2024-04-01 (9 months in 2024), the next
/// three with excellent grades, the rest good; all recruited long before otherwise.
/// TX.B: 2 good members.
fn model() -> Model {
    builder().model().unwrap()
}

fn builder() -> DatasetBuilder {
    let mut b = DatasetBuilder::new("2010-01-01")
        .unwrap()
        .unit("TX", UnitKind::ProvincialFederation, "LĐLĐ tỉnh X", None)
        .unwrap()
        .unit(
            "TX.H",
            UnitKind::DistrictFederation,
            "LĐLĐ huyện H",
            Some("TX"),
        )
        .unwrap()
        .grassroots(
            "TX.H.A",
            "Công đoàn Công ty A",
            "TX.H",
            Bloc::ProductionBusiness,
            20,
            10,
        )
        .unwrap()
        .grassroots(
            "TX.B",
            "Công đoàn Công ty B",
            "TX",
            Bloc::ProductionBusiness,
            2,
            1,
        )
        .unwrap();
    let facts = |grade, recruited| {
        MemberFacts::new()
            .with_grade(grade)
            .with_recruited_on(recruited)
            .with_disciplines(vec![])
            .with_initiatives(vec![])
            .with_accepted_research(0)
    };
    for k in 0..20 {
        let f = match k {
            0 => facts(TaskGrade::Good, day(2024, 4, 1)),
            1..=3 => facts(TaskGrade::Excellent, day(2010, 9, 1)),
            _ => facts(TaskGrade::Good, day(2010, 9, 1)),
        };
        b = b.facts(&format!("TX.H.A/{k}"), year(), f).unwrap();
    }
    for k in 0..2 {
        b = b
            .facts(
                &format!("TX.B/{k}"),
                year(),
                facts(TaskGrade::Good, day(2012, 1, 1)),
            )
            .unwrap();
    }
    b
}

fn context() -> ReviewContext {
    ReviewContext::new(year()).decision_on(day(2025, 1, 10))
}

#[test]
fn a_member_eligible_under_one_configuration_and_not_the_other() {
    let model = model();
    let population = Population::of_model(&model, &year(), None).unwrap();
    assert_eq!(population.len(), 22);
    let a = Configuration::new(model.evaluator(), context());
    let b = a.clone().named("B", "B").with_override(set(
        ParamId::NewRecruitMinMonths,
        10,
        "Quyết định 25/2024/QĐ-UBND",
    ));
    let whatif = MemberReview::new(&population, a.clone())
        .compare(&b)
        .unwrap();
    assert_eq!(whatif.reviewed(), 22);
    assert_eq!(
        whatif.transition("ldtt", Outcome::Eligible, Outcome::Ineligible),
        1
    );
    assert_eq!(whatif.count(Side::A, "ldtt", Outcome::Eligible), 22);
    assert_eq!(whatif.count(Side::B, "ldtt", Outcome::Eligible), 21);
    // CSTĐCS: the new recruit is ineligible either way (a good grade, no initiative).
    assert_eq!(whatif.count(Side::A, "cstdcs", Outcome::Eligible), 3);
    assert_eq!(whatif.count(Side::B, "cstdcs", Outcome::Eligible), 3);
    assert_eq!(whatif.changed(), 1);
    let changes: Vec<_> = whatif.changes().collect();
    let change = &changes[0];
    assert_eq!(change.member(), thidua::MemberId::from_key("TX.H.A/0"));
    assert_eq!(change.title().as_str(), "ldtt");
    assert_eq!(
        (change.before(), change.after()),
        (Outcome::Eligible, Outcome::Ineligible)
    );
    assert_eq!(change.findings().len(), 1);
    let f = &change.findings()[0];
    assert_eq!(f.rule(), "ldtt.new_recruit");
    let (before, after) = (f.before().unwrap(), f.after().unwrap());
    assert_eq!(
        before.citation().to_string(),
        "Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm d"
    );
    assert_eq!(before.status(), thidua::Status::Pass);
    assert_eq!(after.status(), thidua::Status::Fail);
    assert!(
        after
            .sources()
            .contains("Quyết định 25/2024/QĐ-UBND, Điều 5")
    );
    assert!(
        after
            .facts()
            .contains(&("required_months", "10".to_owned()))
    );
    // Counts per unit: the member's unit and every unit above it.
    let units = whatif.units();
    let units: Vec<(&str, u64, u64)> = units
        .iter()
        .map(|u| (u.code(), u.reviewed(), u.changed()))
        .collect();
    assert_eq!(units, [("TX", 22, 1), ("TX.H", 20, 1), ("TX.H.A", 20, 1)]);
    assert_eq!(whatif.levels().len(), 3);

    // The same configuration twice changes nothing.
    let same = WhatIf::compare(&population, &a, &a).unwrap();
    assert!(same.changed() == 0 && same.units().is_empty());

    // One review counts the same outcomes as the what-if's first side.
    let tally = MemberReview::new(&population, a).run().unwrap();
    assert_eq!(tally.count("ldtt", Outcome::Eligible), 22);
    assert_eq!(tally.count("cstdcs", Outcome::Ineligible), 19);

    let md = whatif.to_markdown(Lang::En);
    assert!(md.starts_with("# What-if review: A / B\n"), "{md}");
    assert!(md.contains("| ldtt | eligible | ineligible | 1 |"), "{md}");
    assert!(md.contains("[ldtt.new_recruit]"), "{md}");
    let vi = whatif.to_text(Lang::Vi);
    assert!(vi.starts_with("Đánh giá giả định: A / B\n"), "{vi}");
    assert!(vi.contains("đủ điều kiện"), "{vi}");
}

#[test]
fn a_quota_of_15_against_10_percent() {
    let model = model();
    let population = Population::of_model(&model, &year(), None).unwrap();
    let a = Configuration::new(model.evaluator(), context())
        .with_override(set(
            ParamId::CstdcsQuotaPercent,
            15,
            "Quyết định 12/2024/QĐ-UBND",
        ))
        .named("15 %", "15 %");
    let b = Configuration::new(model.evaluator(), context())
        .with_override(set(
            ParamId::CstdcsQuotaPercent,
            10,
            "Quyết định 13/2024/QĐ-UBND",
        ))
        .named("10 %", "10 %");
    let whatif = WhatIf::compare(&population, &a, &b).unwrap();
    // Nobody's outcome changes: the quota limits the list, not eligibility.
    assert_eq!(whatif.changed(), 0);
    // TX.H.A: 20 LĐTT and 3 CSTĐCS eligible: 3 allowed at 15 %, 2 at 10 %.
    assert_eq!(whatif.over_quota(), (0, 1));
    assert_eq!(whatif.quota_changed(), 1);
    let quota = whatif.quota();
    let q = &quota[0];
    assert_eq!(q.unit(), thidua::UnitId::from_key("TX.H.A"));
    assert_eq!((q.counts_before(), q.counts_after()), ((20, 3), (20, 3)));
    assert_eq!(
        (q.before().allowed(), q.after().allowed()),
        (Some(3), Some(2))
    );
    assert!(q.before().is_within() && !q.after().is_within());
    assert_eq!(
        q.after().citation().to_string(),
        "Quyết định 13/2024/QĐ-UBND, Điều 5"
    );
    let md = whatif.to_markdown(Lang::En);
    assert!(
        md.contains("| TX.H.A | 3 / 3 | 3 / 2 | within / over |"),
        "{md}"
    );
}

#[test]
fn the_same_year_under_two_regimes_and_a_scope() {
    let model = model();
    // The 2024 facts are reviewed as decided under ND 98/2023 and under ND 152/2025.
    let population =
        Population::of_model(&model, &year(), Some(thidua::UnitId::from_key("TX.H"))).unwrap();
    assert_eq!(population.len(), 20);
    let a = Configuration::new(model.evaluator(), context()).named("NĐ 98", "Decree 98");
    let b = a
        .clone()
        .named("NĐ 152", "Decree 152")
        .with_context(ReviewContext::new(year()).decision_on(day(2026, 1, 10)));
    let whatif = WhatIf::compare(&population, &a, &b).unwrap();
    for side in [Side::A, Side::B] {
        let total: u64 = [
            Outcome::Eligible,
            Outcome::Ineligible,
            Outcome::Undetermined,
        ]
        .into_iter()
        .map(|o| whatif.count(side, "ldtt", o))
        .sum();
        assert_eq!(total, 20);
    }
    // A scoped review reports no unit above its scope.
    assert!(whatif.changed() > 0);
    let units = whatif.units();
    let codes: Vec<&str> = units.iter().map(|u| u.code()).collect();
    assert_eq!(codes, ["TX.H", "TX.H.A"]);
    let md = whatif.to_markdown(Lang::En);
    assert!(
        md.contains("Decree 98: Law 06/2022, Decree 98/2023 and Circular 01/2024 applies"),
        "{md}"
    );
    assert!(
        md.contains("Decree 152: Law 06/2022 and Decree 152/2025 applies"),
        "{md}"
    );
}

#[test]
fn bonuses_follow_each_side_decision_day() {
    let model = model();
    let population = Population::of_model(&model, &year(), None).unwrap();
    let a = Configuration::new(model.evaluator(), context()).named("NĐ 98", "Decree 98");
    let b = a
        .clone()
        .named("NĐ 152 <b>", "Decree 152 <b>")
        .with_context(ReviewContext::new(year()).decision_on(day(2025, 9, 1)));
    let whatif = WhatIf::compare(&population, &a, &b).unwrap();
    // Decided on 2025-01-10, under ND 98/2023: the crate holds no bonus table for it.
    let under_a = whatif.bonuses(Side::A);
    let titles: Vec<&str> = under_a.iter().map(|t| t.title().as_str()).collect();
    assert_eq!(titles, ["ldtt", "cstdcs"]);
    assert_eq!(under_a[0].per_person().amount(), None);
    assert_eq!(under_a[0].total(), None);
    // Decided on 2025-09-01, under ND 152/2025 Điều 49–50: 0,3 × 2.340.000 = 702.000,
    // rounded up to 710.000 for LĐTT; 1,0 × 2.340.000 for CSTĐCS.
    let under_b = whatif.bonuses(Side::B);
    let ldtt = &under_b[0];
    assert_eq!(
        ldtt.members(),
        whatif.count(Side::B, "ldtt", Outcome::Eligible)
    );
    assert_eq!(
        ldtt.per_person().amount(),
        Some(thidua::Vnd::from_dong(710_000))
    );
    assert_eq!(
        ldtt.total(),
        Some(thidua::Vnd::from_dong(710_000 * ldtt.members() as i64))
    );
    assert_eq!(
        under_b[1].per_person().amount(),
        Some(thidua::Vnd::from_dong(2_340_000))
    );
    let text = whatif.to_text(Lang::En);
    assert!(
        text.contains(&format!(
            "ldtt    {} × ? (the decision of 2025-01-10 precedes 2025-07-01",
            under_a[0].members()
        )),
        "{text}"
    );
    assert!(
        text.contains("Sources: ldtt: Nghị định 152/2025/NĐ-CP, Điều 50, khoản 1, điểm d"),
        "{text}"
    );
    // The HTML page escapes the configurations' names.
    let html = whatif.to_html(Lang::En);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<h2>Bonuses</h2>"), "{html}");
    assert!(html.contains("Decree 152 &lt;b&gt;"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    assert!(html.ends_with("</html>\n"), "{html}");
    // Members whose facts ND 152/2025 also asks for (Điều 4 khoản 4: nothing under
    // consideration) are eligible under it, and the total is theirs times 710.000.
    let cleared = DatasetBuilder::new("2010-01-01")
        .unwrap()
        .unit("TY", UnitKind::ProvincialFederation, "LĐLĐ tỉnh Y", None)
        .unwrap()
        .grassroots(
            "TY.A",
            "Công đoàn Công ty Y",
            "TY",
            Bloc::ProductionBusiness,
            3,
            1,
        )
        .unwrap()
        .facts(
            "TY.A/0",
            year(),
            MemberFacts::new()
                .with_grade(TaskGrade::Good)
                .with_recruited_on(day(2010, 9, 1))
                .with_disciplines(vec![])
                .with_under_review(thidua::ReviewState::Clear),
        )
        .unwrap()
        .facts(
            "TY.A/1",
            year(),
            MemberFacts::new()
                .with_grade(TaskGrade::Good)
                .with_recruited_on(day(2010, 9, 1))
                .with_disciplines(vec![])
                .with_under_review(thidua::ReviewState::Clear),
        )
        .unwrap()
        .model()
        .unwrap();
    let population = Population::of_model(&cleared, &year(), None).unwrap();
    let b = Configuration::new(
        cleared.evaluator(),
        ReviewContext::new(year()).decision_on(day(2025, 9, 1)),
    );
    let whatif = WhatIf::compare(&population, &b, &b).unwrap();
    let ldtt = &whatif.bonuses(Side::A)[0];
    assert_eq!(ldtt.members(), 2);
    assert_eq!(ldtt.total(), Some(thidua::Vnd::from_dong(1_420_000)));
    assert!(
        whatif
            .to_text(Lang::Vi)
            .contains("ldtt       2 × 710.000 đồng = 1.420.000 đồng"),
        "{}",
        whatif.to_text(Lang::Vi)
    );
}

#[test]
fn a_collective_counted_from_its_members_review() {
    let mut dataset = builder().build();
    let stated = thidua::CollectiveFacts::new()
        .with_grade(TaskGrade::Excellent)
        .with_counts(99, 99, 99, 99)
        .with_disciplined_warning_or_above(0)
        .with_under_review(thidua::ReviewState::Clear)
        .with_disciplines(vec![]);
    for unit in ["TX.H.A", "TX.H"] {
        dataset.collective_facts.push(thidua::CollectiveFactRecord {
            unit: thidua::UnitId::from_key(unit),
            period: year(),
            facts: stated.clone(),
        });
    }
    let model = dataset.into_model().unwrap();
    let population = Population::of_model(&model, &year(), None).unwrap();
    assert_eq!(population.collectives(), 2);
    let a = Configuration::new(model.evaluator(), context()).named("NĐ 98", "Decree 98");
    let b = a
        .clone()
        .named("NĐ 152", "Decree 152")
        .with_context(ReviewContext::new(year()).decision_on(day(2025, 9, 1)));
    let whatif = WhatIf::compare(&population, &a, &b).unwrap();
    assert_eq!(whatif.collectives_reviewed(), 2);
    // TX.H has no members of its own and keeps its stated counts: eligible on both
    // sides. TX.H.A's own 20 members are counted on each side: under ND 98/2023 all
    // 20 have LĐTT and 3 CSTĐCS; under ND 152/2025 none is known to (Điều 4 khoản 4
    // asks whether anything is under consideration, which the facts do not say), so
    // whether the collective reaches the shares is undetermined, not failed.
    for title in ["ttldtt", "ttldxs"] {
        assert_eq!(
            whatif.collective_transition(title, Outcome::Eligible, Outcome::Eligible),
            1
        );
        assert_eq!(
            whatif.collective_transition(title, Outcome::Eligible, Outcome::Undetermined),
            1
        );
    }
    let changes = whatif.collective_changes();
    let listed: Vec<(&str, &str)> = changes
        .iter()
        .map(|c| (c.code(), c.title().as_str()))
        .collect();
    assert_eq!(listed, [("TX.H.A", "ttldtt"), ("TX.H.A", "ttldxs")]);
    let c = &changes[0];
    assert_eq!(
        c.facts(),
        (
            &stated.clone().with_counts(20, 20, 20, 3),
            &stated.clone().with_counts(20, 20, 0, 0)
        )
    );
    assert_eq!(c.undetermined_members(), ((0, 0), (20, 3)));
    assert_eq!(c.findings()[0].rule(), "ttldtt.ldtt_share");
    let text = whatif.to_text(Lang::En);
    assert!(
        text.contains(
            "TX.H.A  ttldtt  eligible → undetermined (members undetermined: LĐTT 20, CSTĐCS 3)"
        ),
        "{text}"
    );
}

#[test]
fn an_unknown_scope_is_an_error() {
    let model = model();
    let e =
        Population::of_model(&model, &year(), Some(thidua::UnitId::from_key("TZ"))).unwrap_err();
    assert!(matches!(e, thidua::RuleError::UnknownUnit { .. }));
}

#[test]
fn overrides_files_are_read_with_every_problem() {
    let d = thidua::overrides_from_json("{}").unwrap_err();
    assert_eq!(d.iter().next().unwrap().code(), "whatif.not_a_list");
    let d = thidua::overrides_from_json("[ { \"scope\": 1 }, {} ]").unwrap_err();
    assert_eq!(d.len(), 2);
    let d = thidua::overrides_from_json("[").unwrap_err();
    assert_eq!(d.iter().next().unwrap().code(), "whatif.syntax");
}

#[cfg(feature = "cli")]
mod cli {
    use super::*;
    use std::process::Command;

    fn thidua(args: &[&str]) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_thidua"))
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    #[test]
    fn whatif_with_an_overrides_file() {
        let dir = std::env::temp_dir().join(format!("thidua-whatif-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut dataset = DatasetBuilder::new("2010-01-01")
            .unwrap()
            .unit("TX", UnitKind::ProvincialFederation, "LĐLĐ tỉnh X", None)
            .unwrap()
            .grassroots(
                "TX.A",
                "Công đoàn Công ty A",
                "TX",
                Bloc::ProductionBusiness,
                2,
                1,
            )
            .unwrap()
            .facts(
                "TX.A/0",
                year(),
                MemberFacts::new()
                    .with_grade(TaskGrade::Good)
                    .with_recruited_on(day(2024, 4, 1)),
            )
            .unwrap()
            .build();
        dataset.meta.period = Some(year());
        let data = dir.join("data.json");
        std::fs::write(&data, dataset.to_json()).unwrap();
        let with = dir.join("overrides.json");
        std::fs::write(
            &with,
            r#"[ { "scope": { "kind": "everywhere" }, "from": "2024-01-01",
                 "change": { "kind": "set_parameter", "parameter": "new_recruit_min_months", "value": 10 },
                 "citation": { "document": "Quyết định 25/2024/QĐ-UBND", "confidence": "verified" } } ]"#,
        )
        .unwrap();
        let out = dir.join("whatif.md");
        let (code, stdout, err) = thidua(&[
            "whatif",
            data.to_str().unwrap(),
            "--period",
            "2024",
            "--with",
            with.to_str().unwrap(),
            "--lang",
            "en",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!((code, stdout.as_str(), err.as_str()), (0, "", ""));
        let md = std::fs::read_to_string(&out).unwrap();
        assert!(
            md.starts_with("# What-if review: A (dataset) / B (with "),
            "{md}"
        );
        assert!(md.contains("| ldtt | eligible | ineligible | 1 |"), "{md}");
        assert!(md.contains("[ldtt.new_recruit]"), "{md}");

        // Text to standard output, in Vietnamese, for one unit's subtree.
        let (code, text, err) = thidua(&[
            "whatif",
            data.to_str().unwrap(),
            "--period",
            "2024",
            "--with",
            with.to_str().unwrap(),
            "--unit",
            "TX.A",
            "--format",
            "text",
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(
            text.starts_with("Đánh giá giả định: A (dữ liệu) / B (thêm "),
            "{text}"
        );

        // A bad overrides file is invalid data, said in the reader's language.
        std::fs::write(&with, "{}").unwrap();
        let (code, _, err) = thidua(&[
            "whatif",
            data.to_str().unwrap(),
            "--period",
            "2024",
            "--with",
            with.to_str().unwrap(),
            "--lang",
            "en",
        ]);
        assert_eq!(code, 1);
        assert!(
            err.contains("the overrides file must be a JSON list of overrides"),
            "{err}"
        );
        std::fs::write(&with, "[]").unwrap();
        let (code, _, err) = thidua(&[
            "whatif",
            data.to_str().unwrap(),
            "--period",
            "2024",
            "--with",
            with.to_str().unwrap(),
            "--unit",
            "TZ",
            "--lang",
            "en",
        ]);
        assert_eq!(
            (code, err.trim_end()),
            (2, "--unit: no unit has the code \"TZ\"")
        );

        // The same year decided on two days, under two regimes, as HTML.
        let (code, page, err) = thidua(&[
            "whatif",
            data.to_str().unwrap(),
            "--period",
            "2024",
            "--on",
            "2025-01-10",
            "--against",
            "2025-09-01",
            "--format",
            "html",
            "--lang",
            "en",
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(
            page.contains(
                "<h1>What-if review: A (dataset, decided on 2025-01-10) / B (decided on 2025-09-01)</h1>"
            ),
            "{page}"
        );
        assert!(
            page.contains("<p>B (decided on 2025-09-01): Law 06/2022 and Decree 152/2025 applies"),
            "{page}"
        );
        // An override scoped to a unit named by its code applies there, and is cited
        // with the unit's code and name; a code naming no unit is an error.
        std::fs::write(
            &with,
            r#"[ { "scope": { "kind": "subtree", "unit": "TX.A" }, "from": "2024-01-01",
                 "change": { "kind": "set_parameter", "parameter": "new_recruit_min_months", "value": 10 },
                 "citation": { "document": "Quyết định 25/2024/QĐ-UBND", "confidence": "verified" } } ]"#,
        )
        .unwrap();
        let (code, md, err) = thidua(&[
            "whatif",
            data.to_str().unwrap(),
            "--period",
            "2024",
            "--with",
            with.to_str().unwrap(),
            "--lang",
            "en",
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(md.contains("| ldtt | eligible | ineligible | 1 |"), "{md}");
        assert!(
            md.contains("applying to TX.A (Công đoàn Công ty A) and every unit below it"),
            "{md}"
        );
        std::fs::write(
            &with,
            std::fs::read_to_string(&with)
                .unwrap()
                .replace("TX.A", "TZ"),
        )
        .unwrap();
        let (code, _, err) = thidua(&[
            "whatif",
            data.to_str().unwrap(),
            "--period",
            "2024",
            "--with",
            with.to_str().unwrap(),
            "--lang",
            "en",
        ]);
        assert_eq!(code, 1);
        assert!(err.contains("scope.unit"), "{err}");

        // Nothing to compare: said, with both ways of saying what B is.
        let (code, _, err) = thidua(&["whatif", data.to_str().unwrap(), "--period", "2024"]);
        assert_eq!(code, 2);
        assert!(err.contains("--with TỆP"), "{err}");
        let (code, _, err) = thidua(&[
            "whatif",
            data.to_str().unwrap(),
            "--period",
            "2024",
            "--against",
            "2025-13-01",
        ]);
        assert_eq!(code, 2);
        assert!(err.starts_with("--against: "), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
