//! Union rules, the nomination lifecycle, decisions and award history.

use chrono::NaiveDate;
use thidua::{
    AwardHistory, Catalogue, Conferral, Decision, DecisionId, DecisionNumber, Issuer, MemberId,
    Nomination, NominationId, NominationState, Outcome, Period, Recipient, RecipientKind,
    Revocation, Status, TaskGrade, TitleCode, UnitId, Vnd,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn bonuses_are_base_salary_multiples() {
    let c = Catalogue::builtin();
    let ldtt = c.get("ldtt").unwrap();
    let (amount, citation) = thidua::bonus(ldtt, RecipientKind::Individual, d(2024, 7, 1)).unwrap();
    assert_eq!(amount, Vnd::from_dong(702_000));
    assert_eq!(citation.to_string(), "Nghị định 152/2025/NĐ-CP, Điều 50");
    let (before, _) = thidua::bonus(ldtt, RecipientKind::Individual, d(2024, 6, 30)).unwrap();
    assert_eq!(before, Vnd::from_dong(540_000));
    let bk = c.get("bk-thu-tuong").unwrap();
    let (pm, _) = thidua::bonus(bk, RecipientKind::Individual, d(2025, 7, 1)).unwrap();
    assert_eq!(pm.to_dong_string(thidua::Lang::Vi), "8.190.000 đồng");
    let (collective, c54) = thidua::bonus(bk, RecipientKind::Collective, d(2025, 7, 1)).unwrap();
    assert_eq!(collective, Vnd::from_dong(16_380_000));
    assert_eq!(c54.to_string(), "Nghị định 152/2025/NĐ-CP, Điều 54");
    assert!(
        thidua::bonus(
            c.get("bang-ldst").unwrap(),
            RecipientKind::Individual,
            d(2025, 1, 1)
        )
        .is_none()
    );
    assert!(thidua::base_salary(d(2010, 1, 1)).is_none());
}

#[test]
fn grading_a_grassroots_union() {
    let slice = crate::fixtures::hanoi();
    let h = slice.hierarchy().unwrap();
    let score = thidua::GradingScore::try_new(38, 36, 14, 4).unwrap();
    let t = thidua::GradingThresholds::default();
    let (v, grade) = thidua::grade_grassroots(
        &h,
        crate::fixtures::id("HN.GL.TH001"),
        d(2022, 5, 31),
        score,
        t,
    )
    .unwrap();
    assert_eq!(
        (v.outcome, grade),
        (Outcome::Eligible, Some(TaskGrade::Excellent))
    );
    // The centre merged on 2016-08-01 needs 6 months, not 12.
    let centre = crate::fixtures::id("HN.TT.GDNN-GDTX");
    let (v, grade) = thidua::grade_grassroots(&h, centre, d(2017, 2, 1), score, t).unwrap();
    assert_eq!(
        (v.outcome, grade),
        (Outcome::Eligible, Some(TaskGrade::Excellent))
    );
    assert_eq!(v.checks[0].message_en, "active 6 months; needs 6");
    let (v, grade) = thidua::grade_grassroots(&h, centre, d(2017, 1, 31), score, t).unwrap();
    assert_eq!((v.outcome, grade), (Outcome::Ineligible, None));
    insta::assert_snapshot!(thidua::GradingScore::try_new(41, 0, 0, 0).unwrap_err(), @"group 1 has 41 points, more than its 40");
    insta::assert_snapshot!(thidua::GradingThresholds::try_new(80, 80, 50).unwrap_err(), @"grading thresholds must satisfy 100 ≥ excellent (80) > good (80) > completed (50)");
    // Gia Lâm 2021-2022: 16 of 82 excellent is within a 20% cap; 17 is not.
    let mut grades = vec![TaskGrade::Good; 66];
    grades.extend(vec![TaskGrade::Excellent; 16]);
    assert_eq!(thidua::excellent_over_cap(&grades, 20), None);
    grades[0] = TaskGrade::Excellent;
    assert_eq!(thidua::excellent_over_cap(&grades, 20), Some((17, 82, 16)));
}

#[test]
fn kyniemchuong_counts_weighted_years() {
    use thidua::{EmployeeKind, ServiceKind, ServicePeriod};
    let range = |a: &str| a.parse::<thidua::DateRange>().unwrap();
    // 10 years full time + 7 years part time (10,5) = 20,5 years.
    let service = [
        ServicePeriod {
            kind: ServiceKind::FullTime,
            range: range("2000-01-01/2009-12-31"),
        },
        ServicePeriod {
            kind: ServiceKind::PartTime,
            range: range("2010-01-01/2016-12-31"),
        },
    ];
    let v = thidua::kyniemchuong(&service, EmployeeKind::Standard, Some(3), Some(false));
    assert_eq!(v.outcome, Outcome::Eligible);
    assert_eq!(
        v.checks[0].message_vi,
        "20,5 năm công tác công đoàn đã quy đổi; yêu cầu 20 năm"
    );
    let v = thidua::kyniemchuong(
        &service,
        EmployeeKind::UnionRunPublicEmployee,
        Some(3),
        Some(false),
    );
    assert_eq!(v.checks[0].status, Status::Fail);
    let v = thidua::kyniemchuong(&service, EmployeeKind::Standard, None, Some(true));
    assert_eq!(v.outcome, Outcome::Ineligible);
    assert_eq!(v.checks[1].status, Status::Unknown);
    // Part time in a non-state enterprise counts twice: 10 years make 20.
    let ns = [ServicePeriod {
        kind: ServiceKind::PartTimeNonState,
        range: range("2005-01-01/2014-12-31"),
    }];
    assert_eq!(
        thidua::kyniemchuong(&ns, EmployeeKind::Standard, Some(5), Some(false)).outcome,
        Outcome::Eligible
    );
}

#[test]
fn bang_lao_dong_sang_tao_thresholds() {
    use thidua::InnovatorKind::*;
    let trieu = |n: i64| Vnd::from_dong(n * 1_000_000);
    assert_eq!(
        thidua::bang_lao_dong_sang_tao(Worker, trieu(80), 1).outcome,
        Outcome::Eligible
    );
    assert_eq!(
        thidua::bang_lao_dong_sang_tao(Worker, trieu(79), 1).outcome,
        Outcome::Ineligible
    );
    assert_eq!(
        thidua::bang_lao_dong_sang_tao(Worker, trieu(100), 3).outcome,
        Outcome::Ineligible
    );
    assert_eq!(
        thidua::bang_lao_dong_sang_tao(Worker, trieu(120), 3).outcome,
        Outcome::Eligible
    );
    assert_eq!(
        thidua::bang_lao_dong_sang_tao(Graduate, trieu(149), 1).outcome,
        Outcome::Ineligible
    );
    assert_eq!(
        thidua::bang_lao_dong_sang_tao(Manager, trieu(200), 1).outcome,
        Outcome::Eligible
    );
    let v = thidua::bang_lao_dong_sang_tao(Graduate, trieu(150), 1);
    insta::assert_snapshot!(v.checks[0].message_vi, @"giá trị làm lợi 150 triệu đồng trong 1 năm; yêu cầu từ 150 triệu đồng (người có trình độ đại học trở lên)");
}

#[test]
fn nomination_lifecycle() {
    let e = thidua::Evaluator::new();
    let ctx = thidua::ReviewContext::new(Period::SchoolYear("2023-2024".parse().unwrap()));
    let facts = thidua::MemberFacts::new()
        .with_grade(TaskGrade::Good)
        .with_recruited_on(d(2015, 9, 1));
    let verdict = e
        .evaluate(thidua::Candidate::Member(&facts), "ldtt", &ctx, &[])
        .unwrap();
    let gv = Recipient::Member(MemberId::from_key("gv-001"));
    let ldtt = TitleCode::try_new("ldtt").unwrap();
    let mut n = Nomination::register(
        NominationId::from_key("n1"),
        gv,
        ldtt.clone(),
        d(2023, 9, 20),
    );
    n.propose(d(2024, 5, 20)).unwrap();
    n.review(d(2024, 5, 25), &verdict).unwrap();
    assert_eq!(n.state(), NominationState::ReviewedMet);
    insta::assert_snapshot!(n.revoke(d(2024, 5, 26), "x").unwrap_err(), @"nomination 53ac4cfe-ac20-50e7-a1aa-94683b16a098 cannot go from reviewed_met to revoked");
    n.send_up(d(2024, 5, 28), UnitId::from_key("HN.GL"))
        .unwrap();
    n.decide(d(2024, 6, 10), DecisionId::from_key("qd-1"))
        .unwrap();
    n.revoke(d(2024, 12, 1), "khai man thành tích").unwrap();
    let states: Vec<_> = n.steps().iter().map(|s| s.state.code()).collect();
    assert_eq!(
        states,
        [
            "registered",
            "proposed",
            "reviewed_met",
            "sent_up",
            "decided",
            "revoked"
        ]
    );
    // An undetermined verdict cannot carry a nomination forward.
    let unknown = thidua::MemberFacts::new();
    let v = e
        .evaluate(thidua::Candidate::Member(&unknown), "ldtt", &ctx, &[])
        .unwrap();
    let mut m = Nomination::propose_new(NominationId::from_key("n2"), gv, ldtt, d(2024, 5, 20));
    m.review(d(2024, 5, 19), &v).unwrap_err();
    m.review(d(2024, 5, 21), &v).unwrap();
    assert_eq!(m.state(), NominationState::ReviewedNotMet);
    assert!(
        m.decide(d(2024, 6, 1), DecisionId::from_key("qd-2"))
            .is_err()
    );
    let cstdcs = e
        .evaluate(thidua::Candidate::Member(&facts), "cstdcs", &ctx, &[])
        .unwrap();
    let mut k = Nomination::propose_new(
        NominationId::from_key("n3"),
        gv,
        TitleCode::try_new("ldtt").unwrap(),
        d(2024, 5, 20),
    );
    insta::assert_snapshot!(k.review(d(2024, 5, 21), &cstdcs).unwrap_err(), @r#"nomination 4cc53765-45ea-58ad-a23a-22fc1f1e16cf is for "ldtt", but the verdict is for "cstdcs""#);
}

#[test]
fn award_history_across_years_with_revocation() {
    let catalogue = Catalogue::builtin();
    let gv = Recipient::Member(MemberId::from_key("gv-001"));
    let decision = |key: &str, number: &str, date, year: &str, title: &str| {
        Decision::new(
            DecisionId::from_key(key),
            number.parse::<DecisionNumber>().unwrap(),
            date,
            Issuer::Unit(UnitId::from_key("HN.GL")),
            Period::SchoolYear(year.parse().unwrap()),
            vec![
                Conferral::new(TitleCode::try_new(title).unwrap(), gv)
                    .with_amount(Vnd::from_dong(540_000)),
            ],
        )
    };
    let decisions = vec![
        decision("a", "101/QĐ-LĐLĐ", d(2022, 6, 10), "2021-2022", "ldtt"),
        decision("b", "202/QĐ-LĐLĐ", d(2023, 6, 10), "2022-2023", "cstdcs"),
        decision("c", "303/QĐ-LĐLĐ", d(2024, 6, 10), "2023-2024", "cstdcs").revoked(
            Revocation::new(
                d(2024, 12, 1),
                Some("9/QĐ-LĐLĐ".parse().unwrap()),
                "khai man",
            ),
        ),
    ];
    let h = AwardHistory::build(&catalogue, &decisions).unwrap();
    let titles = |day| -> Vec<String> {
        h.awards_of(gv, day)
            .iter()
            .map(|r| r.title.to_string())
            .collect()
    };
    assert_eq!(titles(d(2024, 7, 1)), ["ldtt", "cstdcs", "cstdcs"]);
    assert_eq!(titles(d(2024, 12, 1)), ["ldtt", "cstdcs"]);
    assert_eq!(titles(d(2022, 6, 9)), Vec::<String>::new());

    let bad =
        vec![
            decision(
                "a",
                "1/QĐ-LĐLĐ",
                d(2022, 6, 10),
                "2021-2022",
                "no-such-title",
            ),
            decision("a", "2/QĐ-LĐLĐ", d(2022, 6, 10), "2021-2022", "ldtt"),
            decision("b", "3/QĐ-LĐLĐ", d(2022, 6, 10), "2021-2022", "ldtt")
                .revoked(Revocation::new(d(2022, 1, 1), None, "x")),
        ];
    insta::assert_snapshot!(AwardHistory::build(&catalogue, &bad).unwrap_err(), @r#"
    error[decision.unknown_title] at $.decisions[0].conferrals[0].title: title "no-such-title" is not in the catalogue
    error[decision.duplicate_id] at $.decisions[1].id: decision id a7378ba9-b6c2-5de8-a03c-2a02a750b573 is already used by $.decisions[0]
    error[decision.revoked_before_signed] at $.decisions[2].revoked: decision 3/QĐ-LĐLĐ is revoked on 2022-01-01 before it was signed on 2022-06-10
    "#);
}
