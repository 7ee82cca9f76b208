//! Union rules, the nomination lifecycle, decisions and award history.

use chrono::{Datelike, NaiveDate};
use thidua::{
    AwardHistory, Catalogue, Conferral, Decision, DecisionId, DecisionNumber, Issuer, MemberId,
    Nomination, NominationId, NominationState, Outcome, Period, Recipient, Revocation, Status,
    TaskGrade, TitleCode, UnitId, Vnd,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
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

fn solution(trieu: i64, day: NaiveDate) -> thidua::Solution {
    thidua::Solution::new(Vnd::from_trieu(trieu).unwrap(), day)
}

#[test]
fn qd1564_d16_several_solutions_count_only_within_three_years() {
    use thidua::InnovatorKind::Worker;
    // Three solutions of 50 triệu spread over 4 years: any 3 years hold two of them,
    // 100 triệu, short of 120. The old check, given the sum of 150 triệu "over 3
    // years", found the worker eligible.
    let spread = [
        solution(50, d(2020, 3, 1)),
        solution(50, d(2022, 3, 1)),
        solution(50, d(2024, 2, 1)),
    ];
    let v = thidua::bang_lao_dong_sang_tao(Worker, &spread, d(2024, 5, 1)).unwrap();
    assert_eq!(v.outcome, Outcome::Ineligible);
    assert_eq!(
        v.checks[0].message_vi,
        "giải pháp làm lợi nhiều nhất: 50 triệu đồng (áp dụng ngày 01/03/2020); yêu cầu từ 80 triệu đồng cho một giải pháp (người lao động trực tiếp); tổng giá trị làm lợi của 2 giải pháp áp dụng trong 3 năm từ 01/03/2020 đến 28/02/2023: 100 triệu đồng; yêu cầu từ 120 triệu đồng"
    );
    assert_eq!(
        v.checks[0].message_en,
        "best solution: 50 million VND (applied on 2020-03-01); needs 80 million VND from one solution (worker); 2 solutions applied within the 3 years 2020-03-01 to 2023-02-28 total 100 million VND; needs 120 million VND"
    );
    // The same three within 3 years: 150 triệu.
    let close = [
        solution(50, d(2021, 3, 1)),
        solution(50, d(2022, 3, 1)),
        solution(50, d(2024, 2, 29)),
    ];
    let v = thidua::bang_lao_dong_sang_tao(Worker, &close, d(2024, 5, 1)).unwrap();
    assert_eq!(v.outcome, Outcome::Eligible);
    assert_eq!(
        v.checks[0].message_vi,
        "giải pháp làm lợi nhiều nhất: 50 triệu đồng (áp dụng ngày 01/03/2021); yêu cầu từ 80 triệu đồng cho một giải pháp (người lao động trực tiếp); tổng giá trị làm lợi của 3 giải pháp áp dụng trong 3 năm từ 01/03/2021 đến 29/02/2024: 150 triệu đồng; đạt mức từ 120 triệu đồng"
    );
    assert_eq!(
        v.checks[0].message_en,
        "best solution: 50 million VND (applied on 2021-03-01); needs 80 million VND from one solution (worker); 3 solutions applied within the 3 years 2021-03-01 to 2024-02-29 total 150 million VND; meets 120 million VND"
    );
    // The 3 years end the day before the third anniversary of the first solution.
    let edge = [solution(60, d(2021, 3, 1)), solution(60, d(2024, 3, 1))];
    assert_eq!(
        thidua::bang_lao_dong_sang_tao(Worker, &edge, d(2024, 5, 1))
            .unwrap()
            .outcome,
        Outcome::Ineligible
    );
    // A solution applied after the proposal does not count.
    let v = thidua::bang_lao_dong_sang_tao(Worker, &close, d(2024, 2, 28)).unwrap();
    assert_eq!(v.outcome, Outcome::Ineligible);
    assert_eq!(
        v.checks[0].message_en,
        "best solution: 50 million VND (applied on 2021-03-01); needs 80 million VND from one solution (worker); 2 solutions applied within the 3 years 2021-03-01 to 2024-02-29 total 100 million VND; needs 120 million VND; 1 solution applied after the proposal on 2024-02-28 does not count"
    );
}

#[test]
fn qd1564_d16_one_solution_thresholds() {
    use thidua::InnovatorKind::*;
    let on = d(2024, 5, 1);
    let one = |kind, trieu| {
        thidua::bang_lao_dong_sang_tao(kind, &[solution(trieu, d(2023, 6, 1))], on)
            .unwrap()
            .outcome
    };
    assert_eq!(one(Worker, 80), Outcome::Eligible);
    assert_eq!(one(Worker, 79), Outcome::Ineligible);
    assert_eq!(one(Graduate, 149), Outcome::Ineligible);
    assert_eq!(one(Graduate, 150), Outcome::Eligible);
    assert_eq!(one(Manager, 199), Outcome::Ineligible);
    assert_eq!(one(Manager, 200), Outcome::Eligible);
    // A graduate's several solutions are not summed: the threshold is for one.
    let several = [solution(100, d(2023, 1, 1)), solution(100, d(2023, 6, 1))];
    let v = thidua::bang_lao_dong_sang_tao(Graduate, &several, on).unwrap();
    assert_eq!(v.outcome, Outcome::Ineligible);
    assert_eq!(
        v.checks[0].message_vi,
        "giải pháp làm lợi nhiều nhất: 100 triệu đồng (áp dụng ngày 01/01/2023); yêu cầu từ 150 triệu đồng cho một giải pháp (người có trình độ đại học trở lên)"
    );
    let v = thidua::bang_lao_dong_sang_tao(Worker, &[], on).unwrap();
    assert_eq!(v.outcome, Outcome::Ineligible);
    assert_eq!(
        v.checks[0].message_en,
        "no solution applied by the day of the proposal"
    );
    let negative = [thidua::Solution::new(Vnd::from_dong(-1), d(2023, 1, 1))];
    insta::assert_snapshot!(thidua::bang_lao_dong_sang_tao(Worker, &negative, on).unwrap_err(), @"solution 0 has a negative benefit, -1 đồng");
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

fn knc_decision(key: &str, number: &str, date: NaiveDate, member: &str) -> Decision {
    Decision::new(
        DecisionId::from_key(key),
        number.parse::<DecisionNumber>().unwrap(),
        date,
        Issuer::Unit(UnitId::from_key("VN")),
        Period::Year(date.year().to_string().parse().unwrap()),
        vec![Conferral::new(
            TitleCode::try_new(thidua::codes::KNC_CONG_DOAN).unwrap(),
            Recipient::Member(MemberId::from_key(member)),
        )],
    )
}

#[test]
fn hd149_knc_is_given_once_per_person_in_the_award_history() {
    let catalogue = Catalogue::builtin();
    let twice = vec![
        knc_decision("k1", "120/QĐ-TLĐ", d(2019, 7, 20), "cb-001"),
        knc_decision("k2", "88/QĐ-TLĐ", d(2023, 7, 20), "cb-002"),
        knc_decision("k3", "95/QĐ-TLĐ", d(2024, 7, 20), "cb-001"),
    ];
    let err = AwardHistory::build(&catalogue, &twice).unwrap_err();
    insta::assert_snapshot!(err, @r#"error[award.knc_twice] at $.decisions[2].conferrals[0]: the Kỷ niệm chương "Vì sự nghiệp xây dựng tổ chức Công đoàn" is given once per person (HD 149/HD-TLĐ 2015 Mục III), but decision 95/QĐ-TLĐ confers it again on a member who received it by decision 120/QĐ-TLĐ ($.decisions[0])"#);
    assert_eq!(err.with_code("award.knc_twice").count(), 1);
    // A revoked decision does not count: conferring it again is not a second time.
    let mut revoked = twice.clone();
    revoked[0] =
        revoked[0]
            .clone()
            .revoked(Revocation::new(d(2020, 1, 10), None, "nhầm đối tượng"));
    assert!(AwardHistory::build(&catalogue, &revoked).is_ok());
    // Dataset validation reports it too.
    let mut data = thidua::Dataset::default();
    data.decisions = twice;
    let report = data.validate();
    assert_eq!(
        report
            .with_code("award.knc_twice")
            .map(|d| d.location().to_string())
            .collect::<Vec<_>>(),
        ["$.decisions[2].conferrals[0]"]
    );
}

#[test]
fn hd149_knc_once_read_from_the_award_history() {
    use thidua::{EmployeeKind, ServiceKind, ServicePeriod};
    let catalogue = Catalogue::builtin();
    let history = AwardHistory::build(
        &catalogue,
        &[knc_decision("k1", "120/QĐ-TLĐ", d(2019, 7, 20), "cb-001")],
    )
    .unwrap();
    let service = [ServicePeriod {
        kind: ServiceKind::FullTime,
        range: "1995-01-01/2020-12-31".parse().unwrap(),
    }];
    let check = |member: &str, on| {
        thidua::kyniemchuong_from_history(
            &service,
            EmployeeKind::Standard,
            Some(3),
            &history,
            MemberId::from_key(member),
            on,
        )
    };
    let v = check("cb-001", d(2024, 5, 1));
    assert_eq!(v.outcome, Outcome::Ineligible);
    assert_eq!(v.checks[2].code, "knc.once");
    assert_eq!(
        v.checks[2].message_vi,
        "đã được tặng Kỷ niệm chương theo quyết định 120/QĐ-TLĐ ngày 20/07/2019; chỉ tặng một lần"
    );
    assert_eq!(
        v.checks[2].message_en,
        "already received the medal by decision 120/QĐ-TLĐ of 2019-07-20; it is given once"
    );
    // Before that decision, and for someone else, the history holds no medal.
    assert_eq!(check("cb-001", d(2019, 7, 19)).outcome, Outcome::Eligible);
    let v = check("cb-002", d(2024, 5, 1));
    assert_eq!(v.outcome, Outcome::Eligible);
    assert_eq!(
        v.checks[2].message_en,
        "does not hold the medal yet (per the award history)"
    );
}
