//! Bonuses under ND 152/2025/NĐ-CP Điều 49, 50, 54, and the decisions they do not
//! cover.

use chrono::NaiveDate;
use thidua::{
    AwardAtOnce, AwardDef, Bonus, Catalogue, Period, RecipientKind, RegimeId, Vnd, bonus,
    bonuses_at_once, codes,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn def<'a>(c: &'a Catalogue, code: &str) -> &'a AwardDef {
    c.get(code).unwrap()
}

fn amount(b: &Bonus) -> &thidua::BonusAmount {
    match b {
        Bonus::Amount(a) => a,
        Bonus::Unknown(u) => panic!("unknown: {}", u.reason_en),
    }
}

fn year(y: &str) -> Period {
    Period::SchoolYear(y.parse().unwrap())
}

#[test]
fn nd152_d49_k2_rounds_up_to_ten_thousand() {
    let c = Catalogue::builtin();
    let on = d(2025, 8, 1);
    let ldtt = bonus(def(&c, codes::LDTT), RecipientKind::Individual, on, None);
    let a = amount(&ldtt);
    // 0,3 × 2.340.000 = 702.000, rounded up to 710.000.
    assert_eq!(a.amount, Vnd::from_dong(710_000));
    assert_eq!(a.multiple_tenths, 3);
    assert_eq!(a.base_salary, Vnd::from_dong(2_340_000));
    assert_eq!(
        a.multiple_citation.to_string(),
        "Nghị định 152/2025/NĐ-CP, Điều 50, khoản 1, điểm d"
    );
    assert_eq!(
        a.rounding_citation.to_string(),
        "Nghị định 152/2025/NĐ-CP, Điều 49, khoản 2"
    );
    assert_eq!(
        a.base_salary_rule.to_string(),
        "Nghị định 152/2025/NĐ-CP, Điều 49, khoản 1"
    );
    assert_eq!(a.base_salary_source.to_string(), "Nghị định 73/2024/NĐ-CP");
    assert_eq!(a.factor_citation, None);
    assert_eq!(
        ldtt.message_vi(),
        "710.000 đồng (0,3 lần mức lương cơ sở; lương cơ sở 2.340.000 đồng; Nghị định 152/2025/NĐ-CP, Điều 50, khoản 1, điểm d; làm tròn lên hàng chục nghìn đồng, Nghị định 152/2025/NĐ-CP, Điều 49, khoản 2)"
    );
    assert_eq!(
        ldtt.message_en(),
        "710,000 VND (0.3 times the base salary of 2,340,000 VND; Nghị định 152/2025/NĐ-CP, Điều 50, khoản 1, điểm d; rounded up to tens of thousands of đồng, Nghị định 152/2025/NĐ-CP, Điều 49, khoản 2)"
    );
    let figure = |code, recipient| {
        bonus(def(&c, code), recipient, on, None)
            .amount()
            .map(Vnd::get)
    };
    use RecipientKind::{Collective, Individual};
    assert_eq!(figure(codes::GIAY_KHEN, Individual), Some(710_000));
    assert_eq!(figure(codes::CSTDCS, Individual), Some(2_340_000));
    assert_eq!(figure(codes::CSTD_TINH, Individual), Some(7_020_000));
    assert_eq!(figure(codes::CSTDTQ, Individual), Some(10_530_000));
    assert_eq!(figure(codes::TTLDTT, Collective), Some(1_880_000));
    assert_eq!(figure(codes::TTLDXS, Collective), Some(3_510_000));
    assert_eq!(figure(codes::CO_CHINH_PHU, Collective), Some(28_080_000));
    assert_eq!(figure(codes::BK_THU_TUONG, Individual), Some(8_190_000));
    assert_eq!(figure(codes::BK_TINH, Individual), Some(3_510_000));
}

#[test]
fn nd152_d54_k2_collectives_get_twice_the_rounded_individual_amount() {
    let c = Catalogue::builtin();
    let on = d(2025, 8, 1);
    let gk = bonus(
        def(&c, codes::GIAY_KHEN),
        RecipientKind::Collective,
        on,
        None,
    );
    // Twice the individual's 710.000, not 2 × 702.000 = 1.404.000 rounded to 1.410.000.
    assert_eq!(gk.amount(), Some(Vnd::from_dong(1_420_000)));
    assert_eq!(
        amount(&gk)
            .factor_citation
            .as_ref()
            .map(ToString::to_string),
        Some("Nghị định 152/2025/NĐ-CP, Điều 54, khoản 2, điểm c".to_owned())
    );
    let bk = bonus(
        def(&c, codes::BK_THU_TUONG),
        RecipientKind::Collective,
        on,
        None,
    );
    assert_eq!(bk.amount(), Some(Vnd::from_dong(16_380_000)));
    assert_eq!(
        amount(&bk)
            .factor_citation
            .as_ref()
            .map(ToString::to_string),
        Some("Nghị định 152/2025/NĐ-CP, Điều 54, khoản 2, điểm a".to_owned())
    );
}

#[test]
fn nd152_d54_k3_households_get_one_and_a_half_times() {
    let c = Catalogue::builtin();
    let gk = bonus(
        def(&c, codes::GIAY_KHEN),
        RecipientKind::Household,
        d(2025, 8, 1),
        None,
    );
    // 1,5 × 710.000 = 1.065.000, rounded up to 1.070.000.
    assert_eq!(gk.amount(), Some(Vnd::from_dong(1_070_000)));
    assert_eq!(
        amount(&gk)
            .factor_citation
            .as_ref()
            .map(ToString::to_string),
        Some("Nghị định 152/2025/NĐ-CP, Điều 54, khoản 3".to_owned())
    );
}

#[test]
fn nd152_d59_k1_earlier_decisions_are_unknown_never_nd152s_figure() {
    let c = Catalogue::builtin();
    let ldtt = def(&c, codes::LDTT);
    let b = bonus(ldtt, RecipientKind::Individual, d(2025, 5, 20), None);
    let Bonus::Unknown(u) = &b else {
        panic!("{b:?}")
    };
    assert_eq!(u.regime, Some(RegimeId::Nd98));
    assert_eq!(
        u.reason_vi,
        "quyết định ngày 20/05/2025 ban hành trước ngày 01/07/2025, thuộc Nghị định 98/2023/NĐ-CP; bảng mức tiền thưởng của văn bản này chưa có trong nguồn của thư viện, nên không tính theo Nghị định 152/2025/NĐ-CP"
    );
    assert_eq!(
        u.reason_en,
        "the decision of 2025-05-20 precedes 2025-07-01 and falls under Decree 98/2023/NĐ-CP, whose bonus table is not in the crate's sources; ND 152/2025's figure does not apply"
    );
    assert_eq!(b.amount(), None);
    let Bonus::Unknown(u) = bonus(ldtt, RecipientKind::Individual, d(2023, 6, 10), None) else {
        panic!()
    };
    assert_eq!(u.regime, Some(RegimeId::Nd91));
    let Bonus::Unknown(u) = bonus(ldtt, RecipientKind::Individual, d(2016, 6, 10), None) else {
        panic!()
    };
    assert_eq!(u.regime, None);
}

#[test]
fn nd152_d60_k3_dossiers_submitted_before_july_2025_are_unknown() {
    let c = Catalogue::builtin();
    let b = bonus(
        def(&c, codes::CSTDCS),
        RecipientKind::Individual,
        d(2025, 8, 1),
        Some(d(2025, 6, 20)),
    );
    let Bonus::Unknown(u) = &b else {
        panic!("{b:?}")
    };
    assert_eq!(u.regime, Some(RegimeId::Nd98));
    assert_eq!(
        u.citation.as_ref().map(ToString::to_string),
        Some("Nghị định 152/2025/NĐ-CP, Điều 60, khoản 3".to_owned())
    );
    assert_eq!(
        u.reason_en,
        "the dossier was submitted on 2025-06-20, before 2025-07-01, so it is decided under Decree 98/2023/NĐ-CP (ND 152/2025 Điều 60 khoản 3), whose bonus table is not in the crate's sources"
    );
    // Submitted from 2025-07-01: ND 152's figure.
    let b = bonus(
        def(&c, codes::CSTDCS),
        RecipientKind::Individual,
        d(2025, 8, 1),
        Some(d(2025, 7, 1)),
    );
    assert_eq!(b.amount(), Some(Vnd::from_dong(2_340_000)));
}

#[test]
fn nd152_d60_k1_decisions_after_the_decree_lapses_are_unknown() {
    let c = Catalogue::builtin();
    let ldtt = def(&c, codes::LDTT);
    assert_eq!(
        bonus(ldtt, RecipientKind::Individual, d(2027, 2, 28), None).amount(),
        Some(Vnd::from_dong(710_000))
    );
    let Bonus::Unknown(u) = bonus(ldtt, RecipientKind::Individual, d(2027, 3, 1), None) else {
        panic!()
    };
    assert_eq!(u.regime, None);
    assert_eq!(
        u.reason_en,
        "ND 152/2025 lapses on 2027-03-01 (Điều 60 khoản 1) unless extended, and the decision of 2027-03-01 is not before that day; no later text is in the crate's sources"
    );
}

#[test]
fn awards_without_a_multiple_are_unknown() {
    let c = Catalogue::builtin();
    let Bonus::Unknown(u) = bonus(
        def(&c, codes::BANG_LDST),
        RecipientKind::Individual,
        d(2025, 8, 1),
        None,
    ) else {
        panic!()
    };
    assert_eq!(u.regime, Some(RegimeId::Nd152));
    assert_eq!(
        u.reason_vi,
        "danh mục không quy định hệ số tiền thưởng cho \"Bằng Lao động sáng tạo\""
    );
}

#[test]
fn base_salaries_with_their_sources() {
    let (s, c) = thidua::base_salary(d(2024, 7, 1)).unwrap();
    assert_eq!(s, Vnd::from_dong(2_340_000));
    assert_eq!(c.confidence_level(), thidua::Confidence::Verified);
    let (s, c) = thidua::base_salary(d(2024, 6, 30)).unwrap();
    assert_eq!(s, Vnd::from_dong(1_800_000));
    assert_eq!(c.confidence_level(), thidua::Confidence::Recalled);
    assert!(thidua::base_salary(d(2010, 1, 1)).is_none());
}

#[test]
fn nd152_d49_k5_same_period_titles_earn_only_the_highest() {
    let c = Catalogue::builtin();
    let at = |code, period| AwardAtOnce {
        def: def(&c, code),
        period,
        decided_on: d(2025, 8, 1),
        submitted_on: None,
    };
    let s = bonuses_at_once(
        RecipientKind::Individual,
        &[
            at(codes::LDTT, year("2024-2025")),
            at(codes::CSTDCS, year("2024-2025")),
        ],
    );
    assert_eq!(s.total, Some(Vnd::from_dong(2_340_000)));
    assert!(!s.lines[0].is_paid());
    assert_eq!(
        s.lines[0].superseded_by.as_ref().map(|t| t.as_str()),
        Some("cstdcs")
    );
    assert_eq!(s.lines[0].bonus.amount(), Some(Vnd::from_dong(710_000)));
    assert_eq!(
        s.lines[0].message_vi,
        "không nhận tiền thưởng: cùng thời gian được tính với danh hiệu cao hơn \"Chiến sĩ thi đua cơ sở\", chỉ nhận tiền thưởng danh hiệu cao nhất (Nghị định 152/2025/NĐ-CP, Điều 49, khoản 5)"
    );
    assert_eq!(
        s.lines[0].message_en,
        "not paid: the same period as the higher title \"Grassroots emulation fighter\", and only the highest title's bonus is paid (Nghị định 152/2025/NĐ-CP, Điều 49, khoản 5)"
    );
    assert!(s.lines[1].is_paid());
    assert_eq!(
        s.lines[1].rule.to_string(),
        "Nghị định 152/2025/NĐ-CP, Điều 49, khoản 5"
    );
    // Titles for different periods each earn theirs.
    let s = bonuses_at_once(
        RecipientKind::Individual,
        &[
            at(codes::LDTT, year("2023-2024")),
            at(codes::CSTDCS, year("2024-2025")),
        ],
    );
    assert_eq!(s.total, Some(Vnd::from_dong(3_050_000)));
    assert!(s.lines.iter().all(|l| l.is_paid()));
}

#[test]
fn nd152_d49_k7_a_title_and_a_form_earn_both() {
    let c = Catalogue::builtin();
    let at = |code| AwardAtOnce {
        def: def(&c, code),
        period: year("2024-2025"),
        decided_on: d(2025, 8, 1),
        submitted_on: None,
    };
    let s = bonuses_at_once(
        RecipientKind::Individual,
        &[at(codes::CSTDCS), at(codes::BK_TINH)],
    );
    assert_eq!(s.total, Some(Vnd::from_dong(5_850_000)));
    assert!(s.lines.iter().all(|l| l.is_paid()));
    assert_eq!(
        s.lines[1].rule.to_string(),
        "Nghị định 152/2025/NĐ-CP, Điều 49, khoản 7"
    );
    assert_eq!(
        s.lines[1].message_en,
        "paid: 3,510,000 VND (1.5 times the base salary of 2,340,000 VND; Nghị định 152/2025/NĐ-CP, Điều 54, khoản 1, điểm b; rounded up to tens of thousands of đồng, Nghị định 152/2025/NĐ-CP, Điều 49, khoản 2) (Nghị định 152/2025/NĐ-CP, Điều 49, khoản 7)"
    );
}

#[test]
fn nd152_d49_k6_forms_each_earn_theirs() {
    let c = Catalogue::builtin();
    let at = |code| AwardAtOnce {
        def: def(&c, code),
        period: year("2024-2025"),
        decided_on: d(2025, 8, 1),
        submitted_on: None,
    };
    let s = bonuses_at_once(
        RecipientKind::Individual,
        &[at(codes::GIAY_KHEN), at(codes::BK_TINH)],
    );
    assert_eq!(s.total, Some(Vnd::from_dong(4_220_000)));
    assert_eq!(
        s.lines[0].rule.to_string(),
        "Nghị định 152/2025/NĐ-CP, Điều 49, khoản 6"
    );
    // An unknown amount leaves the total unknown, but the known part is kept.
    let s = bonuses_at_once(
        RecipientKind::Individual,
        &[at(codes::GIAY_KHEN), at(codes::BANG_LDST)],
    );
    assert_eq!(s.total, None);
    assert_eq!(s.known_total(), Some(Vnd::from_dong(710_000)));
}

#[test]
fn nd152_d59_k1_the_first_day_of_the_decree_is_its_boundary() {
    let c = Catalogue::builtin();
    let ldtt = def(&c, codes::LDTT);
    assert_eq!(
        bonus(ldtt, RecipientKind::Individual, d(2025, 6, 30), None).amount(),
        None
    );
    assert_eq!(
        bonus(ldtt, RecipientKind::Individual, d(2025, 7, 1), None).amount(),
        Some(Vnd::from_dong(710_000))
    );
}
