//! The sponsorship and support ledger on the Hà Nội slice, with the seed reports'
//! figures: Bắc Từ Liêm 2023-2024 (seed 000), Gia Lâm 2021-2022 (seed 002), Thạch
//! Thất 2021-2022 (seed 004).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use thidua::{
    Beneficiary, BeneficiaryId, Bloc, DateRange, Entry, ExchangeActivity, FundingSource, Hierarchy,
    Item, Label, Lang, Ledger, LedgerScope, MemberId, Period, PersonName, ProtectedDetails,
    Qualifier, Ratio, Recipients, Reported, Roster, SchoolCalendar, Service, Sponsor, Sponsorship,
    SponsorshipId, SupportId, SupportPart, SupportRecord, SupportTime, SuppressionThreshold,
    Twinning, TwinningPartners, UnitId, Valuation, ValuationBasis, Vnd, format_integer,
};

use crate::fixtures::{date, hanoi_support, id};

fn l(s: &str) -> Label {
    Label::try_new(s).unwrap()
}

fn vnd(dong: i64) -> Vnd {
    Vnd::from_dong(dong)
}

fn school_year(s: &str) -> Period {
    s.parse().unwrap()
}

fn span(s: &str) -> DateRange {
    s.parse().unwrap()
}

fn built() -> (Hierarchy, Roster) {
    let slice = hanoi_support();
    let h = slice.hierarchy().unwrap();
    let roster = slice.roster(&h).unwrap();
    (h, roster)
}

/// The 212 teachers of Bắc Từ Liêm who sponsor: the first four members of school
/// CĐCS 1 to 32 and the first three of schools 33 to 60.
fn btl_teachers() -> Vec<MemberId> {
    (1..=60)
        .flat_map(|school| {
            let n = if school <= 32 { 4 } else { 3 };
            (0..n).map(move |k| MemberId::from_key(&format!("HN.BTL.TH{school:03}/{k}")))
        })
        .collect()
}

fn student(n: usize) -> BeneficiaryId {
    BeneficiaryId::from_key(&format!("BTL-HS-{n:03}"))
}

/// "212 nhà giáo đỡ đầu 196 học sinh số tiền 265.902.000 đồng bằng nhiều hình thức
/// khác nhau như: giúp đỡ đưa đón các em đến trường, hỗ trợ vật chất, dạy học miễn
/// phí" — Bắc Từ Liêm, school year 2023-2024.
///
/// - 180 commitments of one teacher and one student (t0–t179, s0–s179);
/// - 16 commitments of two teachers and one student (t180–t211, s180–s195), each
///   teacher giving her own entries;
/// - t0–t9 also sponsor s100–s109, who thus have two sponsors across commitments;
/// - t50 also sponsors s120 and s121 in one commitment.
///
/// Money: 180 × 2 × 550.000 + 16 × 2 × 700.000 + 10 × 500.000 + 30 Tết gifts of
/// 450.000, plus goods valued at 700.000 + 40 × 350.000 + 10 × 1.200.000 + 302.000 —
/// 265.902.000 đồng. Services: 30 lifts to school and 16 tutoring courses.
///
/// Also one Gia Lâm teacher sponsors s5 with 1.000.000 đồng: outside Bắc Từ Liêm.
fn btl_ledger() -> Ledger {
    let t = btl_teachers();
    assert_eq!(t.len(), 212);
    let year = school_year("năm học 2023-2024");
    let mut ledger = Ledger::new();
    for n in 0..196 {
        ledger.push_beneficiary(Beneficiary::new(student(n)));
    }
    let commitment = |key: String| Sponsorship::new(SponsorshipId::from_key(&key), year);
    let books = |n| {
        Item::new(l("sách giáo khoa"), n, l("bộ")).with_valuation(Valuation::new(
            vnd(350_000 * n as i64),
            ValuationBasis::Invoice,
        ))
    };
    for (i, &teacher) in t.iter().enumerate().take(180) {
        let mut c = commitment(format!("BTL/A/{i}"))
            .with_sponsor(Sponsor::member(teacher))
            .with_beneficiary(student(i))
            .with_planned_money(vnd(1_100_000))
            .with_entry(Entry::money(date(2023, 10, 2), vnd(550_000)))
            .with_entry(Entry::money(date(2024, 2, 1), vnd(550_000)));
        if i < 40 {
            c.push_entry(Entry::in_kind(date(2023, 9, 5), books(1)));
        } else if i < 50 {
            let bike = Item::new(l("xe đạp"), 1, l("chiếc"))
                .with_valuation(Valuation::new(vnd(1_200_000), ValuationBasis::MarketPrice));
            c.push_entry(Entry::in_kind(date(2023, 9, 5), bike));
        } else if (60..90).contains(&i) {
            let lift = Service::new(l("đưa đón đến trường"));
            c.push_entry(Entry::service(date(2023, 11, 15), lift));
        } else if (100..130).contains(&i) {
            c.push_entry(Entry::money(date(2024, 2, 5), vnd(450_000)));
        } else if i == 179 {
            let uniforms = Item::new(l("quần áo đồng phục"), 2, l("bộ"))
                .with_valuation(Valuation::new(vnd(302_000), ValuationBasis::DonorEstimate));
            c.push_entry(Entry::in_kind(date(2023, 9, 5), uniforms));
        }
        ledger.push_sponsorship(c);
    }
    for i in 0..16 {
        let (a, b) = (
            Sponsor::member(t[180 + 2 * i]),
            Sponsor::member(t[181 + 2 * i]),
        );
        let tutoring = Service::new(l("dạy học miễn phí")).with_hours(20);
        ledger.push_sponsorship(
            commitment(format!("BTL/B/{i}"))
                .with_sponsor(a)
                .with_sponsor(b)
                .with_beneficiary(student(180 + i))
                .with_entry(Entry::money(date(2023, 10, 2), vnd(700_000)).by(a))
                .with_entry(Entry::money(date(2023, 10, 2), vnd(700_000)).by(b))
                .with_entry(Entry::service(date(2023, 11, 15), tutoring).by(a)),
        );
    }
    for (i, &teacher) in t.iter().enumerate().take(10) {
        ledger.push_sponsorship(
            commitment(format!("BTL/C/{i}"))
                .with_sponsor(Sponsor::member(teacher))
                .with_beneficiary(student(100 + i))
                .with_entry(Entry::money(date(2023, 12, 1), vnd(500_000))),
        );
    }
    ledger.push_sponsorship(
        commitment("BTL/D/0".to_owned())
            .with_sponsor(Sponsor::member(t[50]))
            .with_beneficiary(student(120))
            .with_beneficiary(student(121))
            .with_planned_item(Item::new(l("sách giáo khoa"), 2, l("bộ")))
            .with_entry(Entry::in_kind(date(2023, 9, 5), books(2))),
    );
    ledger.push_sponsorship(
        commitment("GL/X/0".to_owned())
            .with_sponsor(Sponsor::member(MemberId::from_key("HN.GL.TH002/0")))
            .with_beneficiary(student(5))
            .with_entry(Entry::money(date(2024, 3, 1), vnd(1_000_000))),
    );
    ledger
}

#[test]
fn bac_tu_liem_212_teachers_sponsor_196_students() {
    let (h, roster) = built();
    let ledger = btl_ledger();
    assert!(
        ledger
            .validate(&h, &roster, &SchoolCalendar::new())
            .is_empty(),
        "{}",
        ledger.validate(&h, &roster, &SchoolCalendar::new())
    );
    let tree = h.as_of(date(2024, 5, 31));
    let year = school_year("2023-2024").default_span();
    let btl = tree.node_by_code("HN.BTL").unwrap();
    let totals = ledger.sponsorship_totals(&LedgerScope::subtree(&tree, btl, year), &roster);

    assert_eq!(totals.member_sponsors(), 212);
    assert_eq!(totals.beneficiaries(), 196);
    assert_eq!(
        format_integer(totals.member_sponsors().into(), Lang::Vi),
        "212"
    );
    assert_eq!(
        format_integer(totals.beneficiaries().into(), Lang::Vi),
        "196"
    );
    let money = totals.money().unwrap();
    assert_eq!(money, Reported::exact(vnd(265_902_000)));
    assert_eq!(money.value().to_dong_string(Lang::Vi), "265.902.000 đồng");
    assert_eq!(
        money.value().to_trieu_string(3, Lang::Vi),
        "265,902 triệu đồng"
    );
    assert_eq!(totals.unit_sponsors(), 0);
    assert_eq!(totals.services(), 46);
    assert_eq!(totals.commitments(), 207);
    assert_eq!(
        totals.entries(),
        180 * 2 + 40 + 10 + 30 + 30 + 1 + 16 * 3 + 10 + 1
    );
    let items: Vec<String> = totals.items().iter().map(ToString::to_string).collect();
    assert_eq!(
        items,
        [
            "42 bộ sách giáo khoa",
            "10 chiếc xe đạp",
            "2 bộ quần áo đồng phục"
        ]
    );
    // The Gia Lâm teacher's support to s5 stays out, and is pointed out.
    insta::assert_snapshot!(totals.diagnostics(), @r#"warning[sponsorship.beneficiary_outside_scope] at $.sponsorships[207].entries[0]: beneficiary 967561cf-aa17-5508-9a9a-1c70d000baec is counted in scope "HN.BTL" but also sponsored from unit "HN.GL.TH002", outside it: that support is not in these totals"#);

    let published = totals.publish(SuppressionThreshold::default());
    insta::assert_snapshot!(published, @"212 đoàn viên đỡ đầu 196 người, số tiền 265.902.000 đồng; hiện vật: 42 bộ sách giáo khoa, 10 chiếc xe đạp, 2 bộ quần áo đồng phục; 46 lượt giúp đỡ bằng công sức");
}

#[test]
fn people_are_counted_once_per_scope_and_scopes_are_strict() {
    let (h, roster) = built();
    let ledger = btl_ledger();
    let tree = h.as_of(date(2024, 5, 31));
    let year = school_year("2023-2024").default_span();
    let totals = |node| {
        let scope = match node {
            Some(n) => LedgerScope::subtree(&tree, n, year),
            None => LedgerScope::whole(&tree, year),
        };
        ledger.sponsorship_totals(&scope, &roster)
    };
    // Per school, teachers add up to the district's 212 (each teaches in one school)
    // but students do not: those with sponsors in two schools count in both — s100
    // to s109, s120 and s121, and the students of the five two-teacher commitments
    // whose teachers teach in neighbouring schools.
    let btl = tree.node_by_code("HN.BTL").unwrap();
    let schools: Vec<_> = tree.children(btl).collect();
    assert_eq!(schools.len(), 60);
    let per_school: Vec<_> = schools.iter().map(|&s| totals(Some(s))).collect();
    let sponsors: u64 = per_school.iter().map(|t| t.member_sponsors()).sum();
    let students: u64 = per_school.iter().map(|t| t.beneficiaries()).sum();
    let money: i128 = per_school
        .iter()
        .map(|t| t.money_sum().to_i128().unwrap())
        .sum();
    assert_eq!(sponsors, 212);
    assert_eq!(students, 196 + 10 + 2 + 5);
    assert_eq!(money, 265_902_000);

    // The city: the Gia Lâm teacher joins, the student she shares is counted once.
    let city = totals(None);
    assert_eq!((city.member_sponsors(), city.beneficiaries()), (213, 196));
    assert_eq!(city.money().unwrap().value(), vnd(266_902_000));
    assert!(city.diagnostics().is_empty(), "{}", city.diagnostics());

    // Gia Lâm sees only its own teacher, and is told the student is shared.
    let gl = totals(tree.node_by_code("HN.GL"));
    assert_eq!((gl.member_sponsors(), gl.beneficiaries()), (1, 1));
    assert_eq!(gl.money().unwrap().value(), vnd(1_000_000));
    assert_eq!(
        gl.diagnostics()
            .with_code("sponsorship.beneficiary_outside_scope")
            .count(),
        1
    );
    // Tây Hồ has nothing.
    let th = totals(tree.node_by_code("HN.TH"));
    assert_eq!(
        (th.member_sponsors(), th.beneficiaries(), th.entries()),
        (0, 0, 0)
    );
    assert_eq!(th.money(), Some(Reported::exact(Vnd::ZERO)));

    // Small counts are suppressed when published: school 1 has 4 sponsoring teachers
    // (and 8 students), school 40 has 3 teachers and 3 students.
    let first = per_school[0].publish(SuppressionThreshold::default());
    insta::assert_snapshot!(first, @"dưới 5 đoàn viên đỡ đầu 8 người, số tiền 7.800.000 đồng; hiện vật: 4 bộ sách giáo khoa");
    assert!(first.member_sponsors().is_suppressed());
    assert!(!first.beneficiaries().is_suppressed());
    let fortieth = per_school[39].publish(SuppressionThreshold::default());
    assert_eq!(per_school[39].beneficiaries(), 3);
    assert_eq!(fortieth.beneficiaries().to_string_in(Lang::En), "< 5");
    assert_eq!(fortieth.beneficiaries().to_string(), "dưới 5");
    let open = per_school[39].publish(SuppressionThreshold::try_new(1).unwrap());
    assert_eq!(open.beneficiaries().to_string(), "3");
}

fn khuy() -> MemberId {
    MemberId::from_key("HN.GL.TH001/0")
}

/// Gia Lâm, school year 2021-2022 (seed 002).
fn gia_lam_ledger() -> Ledger {
    let year = SupportTime::Period {
        period: school_year("năm học 2021-2022"),
    };
    let gl = id("HN.GL");
    let mut ledger = Ledger::new();
    // "xây dựng, sửa chữa 2 Mái ấm Công đoàn cho 2 đoàn viên …, trong đó có cô giáo
    // Nguyễn Thị Khuy Trường Mầm non Phú Thị được hỗ trợ kinh phí sửa chữa nhà ở với
    // số tiền 37,5 triệu đồng từ nguồn kinh phí hỗ trợ của LĐLĐ thành phố Hà Nội."
    ledger.push_support_record(
        SupportRecord::new(
            SupportId::from_key("GL/mai-am"),
            l("Mái ấm Công đoàn"),
            gl,
            year,
        )
        .with_recipients(Recipients::counted(Reported::exact(2)).with_member(khuy()))
        .with_amount("37,5 triệu đồng".parse().unwrap())
        .with_funding(FundingSource::UpperLevel)
        .with_funding(FundingSource::Businesses)
        .with_part(
            SupportPart::new(l("cô giáo Nguyễn Thị Khuy, Trường Mầm non Phú Thị"))
                .with_recipients(Recipients::new().with_member(khuy()))
                .with_amount("37,5 triệu đồng".parse().unwrap())
                .with_funding(FundingSource::UpperLevel),
        ),
    );
    // "hỗ trợ 1.995 đoàn viên, người lao động mắc Covid-19 theo Quyết định số
    // 3749/QĐ-TLĐ …, Hướng dẫn số 23/HD-LĐLĐ … với số tiền trên 1.065 triệu đồng,
    // trong đó có 729 đoàn viên của 73/82 Công đoàn cơ sở các trường học được hỗ trợ
    // 364 triệu đồng."
    ledger.push_support_record(
        SupportRecord::new(
            SupportId::from_key("GL/covid-19"),
            l("Hỗ trợ đoàn viên, người lao động mắc Covid-19"),
            gl,
            year,
        )
        .with_document(l("Quyết định số 3749/QĐ-TLĐ"))
        .with_document(l("Hướng dẫn số 23/HD-LĐLĐ"))
        .with_recipients(Recipients::counted("1.995".parse().unwrap()))
        .with_amount("trên 1.065 triệu đồng".parse().unwrap())
        .with_funding(FundingSource::UpperLevel)
        .with_part(
            SupportPart::new(l("Công đoàn cơ sở các trường học"))
                .with_bloc(Bloc::Schools)
                .with_units(Ratio::new(73, 82).unwrap())
                .with_recipients(Recipients::counted(Reported::exact(729)))
                .with_amount("364 triệu đồng".parse().unwrap()),
        ),
    );
    // "nhân dịp kỷ niệm 40 năm ngày Nhà giáo Việt Nam 20/11, LĐLĐ huyện đã tổ chức
    // tặng quà cho 50 đoàn viên có hoàn cảnh khó khăn của các Công đoàn cơ sở khối
    // trường học trị giá 35 triệu đồng."
    ledger.push_support_record(
        SupportRecord::new(
            SupportId::from_key("GL/20-11"),
            l("Tặng quà nhân ngày Nhà giáo Việt Nam 20/11"),
            gl,
            SupportTime::Date {
                date: date(2022, 11, 18),
            },
        )
        .with_recipients(Recipients::counted(Reported::exact(50)))
        .with_amount("35 triệu đồng".parse().unwrap())
        .with_funding(FundingSource::UnionFunds),
    );
    // "hơn 3.800 đoàn viên … được thụ hưởng ưu đãi từ các chương trình này."
    ledger.push_support_record(
        SupportRecord::new(
            SupportId::from_key("GL/phuc-loi"),
            l("Chương trình phúc lợi cho đoàn viên Công đoàn"),
            gl,
            year,
        )
        .with_recipients(Recipients::counted(
            Reported::parse_count("hơn 3.800 đoàn viên").unwrap().0,
        ))
        .with_funding(FundingSource::Businesses),
    );
    ledger
}

#[test]
fn gia_lam_support_2021_2022() {
    let (h, roster) = built();
    let ledger = gia_lam_ledger();
    let check = ledger.validate(&h, &roster, &SchoolCalendar::new());
    assert!(check.is_empty(), "{check}");
    let tree = h.as_of(date(2022, 5, 31));
    let gl = tree.node_by_code("HN.GL").unwrap();
    // The report covers the school year and what happened "recently", to 20/11/2022.
    let report_span = span("2021-09-01/2022-11-30");
    let by_programme =
        ledger.support_totals_by_programme(&LedgerScope::subtree(&tree, gl, report_span));
    let names: Vec<&str> = by_programme.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        names,
        [
            "Mái ấm Công đoàn",
            "Hỗ trợ đoàn viên, người lao động mắc Covid-19",
            "Tặng quà nhân ngày Nhà giáo Việt Nam 20/11",
            "Chương trình phúc lợi cho đoàn viên Công đoàn"
        ]
    );
    let [(_, house), (_, covid), (_, gifts), (_, welfare)] = &by_programme[..] else {
        panic!("four programmes")
    };

    // Mái ấm Công đoàn: 37,5 triệu đồng, 2 houses, one for teacher Nguyễn Thị Khuy.
    let money = house.money().unwrap();
    assert_eq!(money.qualifier(), Qualifier::Exact);
    assert_eq!(
        money.value().to_trieu_string(1, Lang::Vi),
        "37,5 triệu đồng"
    );
    assert_eq!(money.value().to_dong_string(Lang::Vi), "37.500.000 đồng");
    assert_eq!(house.recipients(), Some(Reported::exact(2)));
    assert_eq!(house.listed_members(), 1);
    let record = &ledger.support_records()[0];
    let teacher = record.parts()[0].recipients().members()[0];
    let name = roster.member(teacher).unwrap().name().unwrap();
    assert_eq!(name.as_str(), "Nguyễn Thị Khuy");
    let school = roster.unit_of(teacher, date(2022, 5, 31)).unwrap();
    assert_eq!(
        h.name_on(school, date(2022, 5, 31)).unwrap().as_str(),
        "Công đoàn Trường Mầm non Phú Thị"
    );
    assert_eq!(record.parts()[0].funding(), [FundingSource::UpperLevel]);
    assert_eq!(
        record.parts()[0].funding()[0].label_vi(),
        "Công đoàn cấp trên"
    );

    // COVID-19: 1.995 members, more than 1.065 triệu đồng; of which 729 members of
    // 73/82 school CĐCS, 364 triệu.
    let money = covid.money().unwrap();
    assert_eq!(money.qualifier(), Qualifier::MoreThan);
    assert_eq!(
        money.value().to_trieu_string(0, Lang::Vi),
        "1.065 triệu đồng"
    );
    assert_eq!(money.to_string(), "trên 1.065.000.000 đồng");
    let recipients = covid.recipients().unwrap();
    assert_eq!(format_integer(recipients.value().into(), Lang::Vi), "1.995");
    let record = &ledger.support_records()[1];
    let documents: Vec<&str> = record.documents().iter().map(Label::as_str).collect();
    assert_eq!(
        documents,
        ["Quyết định số 3749/QĐ-TLĐ", "Hướng dẫn số 23/HD-LĐLĐ"]
    );
    let schools = &record.parts()[0];
    assert_eq!(
        schools.units().unwrap().to_fraction_string(Lang::Vi),
        "73/82"
    );
    assert_eq!(
        schools.units().unwrap().denominator(),
        tree.children(gl)
            .filter(|&n| tree.bloc(n) == Some(Bloc::Schools))
            .count() as u64
    );
    assert_eq!(schools.recipients().count(), Some(Reported::exact(729)));
    assert_eq!(
        schools
            .amount()
            .unwrap()
            .value()
            .to_trieu_string(0, Lang::Vi),
        "364 triệu đồng"
    );

    // Tết/20-11 gifts: 50 members of school CĐCS, 35 triệu.
    assert_eq!(gifts.recipients(), Some(Reported::exact(50)));
    assert_eq!(
        gifts.money().unwrap().value().to_trieu_string(0, Lang::Vi),
        "35 triệu đồng"
    );
    // Welfare agreements: more than 3.800 members benefited.
    assert_eq!(welfare.recipients().unwrap().to_string(), "hơn 3.800");
    assert_eq!(welfare.money(), Some(Reported::exact(Vnd::ZERO)));

    // All programmes together, as published.
    let all = ledger.support_totals(&LedgerScope::subtree(&tree, gl, report_span));
    assert_eq!(all.records(), 4);
    assert_eq!(
        all.money().unwrap(),
        Reported::new(vnd(1_137_500_000), Qualifier::MoreThan)
    );
    let published = all.publish(SuppressionThreshold::default());
    insta::assert_snapshot!(published, @"hỗ trợ hơn 5.847 người, số tiền trên 1.137,5 triệu đồng");
    insta::assert_snapshot!(house.publish(SuppressionThreshold::default()), @"hỗ trợ dưới 5 người, số tiền 37,5 triệu đồng");

    // The school year alone leaves the 20/11/2022 gifts out; the calendar year 2022
    // takes only them and says the school-year records straddle it.
    let school_year_only = ledger.support_totals(&LedgerScope::subtree(
        &tree,
        gl,
        school_year("2021-2022").default_span(),
    ));
    assert_eq!(school_year_only.records(), 3);
    let year_2022 = ledger.support_totals(&LedgerScope::subtree(
        &tree,
        gl,
        span("2022-01-01/2022-12-31"),
    ));
    assert_eq!(year_2022.records(), 1);
    assert_eq!(
        year_2022
            .diagnostics()
            .with_code("support.straddles_period")
            .count(),
        3
    );
    // Nothing leaks into a neighbouring district or a school.
    let btl = tree.node_by_code("HN.BTL").unwrap();
    let other = ledger.support_totals(&LedgerScope::subtree(&tree, btl, report_span));
    assert_eq!((other.records(), other.recipients()), (0, None));
    let phu_thi = tree.node_by_code("HN.GL.TH001").unwrap();
    let school = ledger.support_totals(&LedgerScope::subtree(&tree, phu_thi, report_span));
    assert_eq!(school.records(), 0);
}

#[test]
fn a_breakdown_must_fit_inside_its_whole() {
    let (h, roster) = built();
    let gl = id("HN.GL");
    let year = SupportTime::Period {
        period: school_year("2021-2022"),
    };
    let mut ledger = Ledger::new();
    ledger.push_support_record(
        SupportRecord::new(SupportId::from_key("bad"), l("Hỗ trợ Covid-19"), gl, year)
            .with_recipients(Recipients::counted("1.995".parse().unwrap()))
            .with_amount("trên 1.065 triệu đồng".parse().unwrap())
            .with_part(
                SupportPart::new(l("khối trường học"))
                    .with_recipients(Recipients::counted(Reported::exact(1_200)))
                    .with_amount("364 triệu đồng".parse().unwrap()),
            )
            .with_part(
                SupportPart::new(l("khối sản xuất kinh doanh"))
                    .with_recipients(Recipients::counted("hơn 800".parse().unwrap()))
                    .with_amount("800 triệu đồng".parse().unwrap()),
            )
            .with_part(
                SupportPart::new(l("khối hành chính sự nghiệp"))
                    .with_recipients(Recipients::counted("2.000".parse().unwrap())),
            ),
    );
    // "trên 1.065 triệu" may hold 364 + 800 triệu: only the counts are wrong.
    insta::assert_snapshot!(ledger.validate(&h, &roster, &SchoolCalendar::new()), @r#"
    error[support.part_exceeds_whole] at $.support_records[0].parts[2].recipients: part "khối hành chính sự nghiệp" states 2.000 recipients, more than the whole's 1.995
    error[support.parts_exceed_whole] at $.support_records[0].parts: the parts add up to hơn 4.000 recipients, more than the whole's 1.995
    "#);
}

/// Thạch Thất, school year 2021-2022 (seed 004).
fn thach_that_ledger() -> Ledger {
    let mut ledger = Ledger::new();
    // "phối hợp phát động chương trình "Tiếp sức đến trường" với số tiền trên 17 triệu
    // đồng và trao tặng 33 bộ sách giáo khoa, 6 điện thoại thông minh, 10 chiếc máy
    // tính cầm tay cho các học sinh có hoàn cảnh khó khăn"
    ledger.push_support_record(
        SupportRecord::new(
            SupportId::from_key("TT/tiep-suc-den-truong"),
            l("Tiếp sức đến trường"),
            id("HN.TT.GDNN-GDTX"),
            SupportTime::Period {
                period: school_year("2021-2022"),
            },
        )
        .with_amount("trên 17 triệu đồng".parse().unwrap())
        .with_item(Item::new(l("sách giáo khoa"), 33, l("bộ")))
        .with_item(Item::new(l("điện thoại thông minh"), 6, l("chiếc")))
        .with_item(Item::new(l("máy tính cầm tay"), 10, l("chiếc")))
        .with_funding(FundingSource::Donations),
    );
    ledger
}

#[test]
fn thach_that_tiep_suc_den_truong_2021_2022() {
    let (h, roster) = built();
    let ledger = thach_that_ledger();
    assert!(
        ledger
            .validate(&h, &roster, &SchoolCalendar::new())
            .is_empty()
    );
    let tree = h.as_of(date(2022, 5, 31));
    let tt = tree.node_by_code("HN.TT").unwrap();
    let totals = ledger.support_totals(&LedgerScope::subtree(
        &tree,
        tt,
        school_year("2021-2022").default_span(),
    ));
    let money = totals.money().unwrap();
    assert_eq!(money.qualifier(), Qualifier::MoreThan);
    assert_eq!(money.value().to_trieu_string(0, Lang::Vi), "17 triệu đồng");
    let items: Vec<(&str, u64, &str)> = totals
        .items()
        .iter()
        .map(|i| (i.label().as_str(), i.quantity(), i.unit().as_str()))
        .collect();
    assert_eq!(
        items,
        [
            ("sách giáo khoa", 33, "bộ"),
            ("điện thoại thông minh", 6, "chiếc"),
            ("máy tính cầm tay", 10, "chiếc")
        ]
    );
    assert_eq!(totals.recipients(), None);
    insta::assert_snapshot!(totals.diagnostics(), @r#"
    warning[ledger.unvalued_in_kind] at $.support_records[0].items[0].valuation: goods "33 bộ sách giáo khoa" have no valuation: the money total is a lower bound
    warning[ledger.unvalued_in_kind] at $.support_records[0].items[1].valuation: goods "6 chiếc điện thoại thông minh" have no valuation: the money total is a lower bound
    warning[ledger.unvalued_in_kind] at $.support_records[0].items[2].valuation: goods "10 chiếc máy tính cầm tay" have no valuation: the money total is a lower bound
    "#);
    insta::assert_snapshot!(totals.publish(SuppressionThreshold::default()), @"hỗ trợ, số tiền trên 17 triệu đồng; hiện vật: 33 bộ sách giáo khoa, 6 chiếc điện thoại thông minh, 10 chiếc máy tính cầm tay");
}

/// What must never come out of the ledger about the child.
const SECRETS: [&str; 5] = [
    "Nguyễn Văn Bé",
    "Bé",
    "2014-02-03",
    "mồ côi cha",
    "Tiểu học Cổ Nhuế 2A",
];

fn assert_no_secret(what: &str, text: &str) {
    for secret in SECRETS {
        assert!(
            !text.contains(secret),
            "{secret:?} leaks into {what}: {text}"
        );
    }
}

#[test]
fn a_childs_name_reaches_no_debug_display_public_export_or_total() {
    let (h, roster) = built();
    let base = btl_ledger();
    let mut ledger = Ledger::new();
    for b in base.beneficiaries() {
        let b = if b.id() == student(0) {
            b.clone().with_protected(
                ProtectedDetails::new()
                    .with_name(PersonName::try_new("Nguyễn Văn Bé").unwrap())
                    .with_birth_date(NaiveDate::from_ymd_opt(2014, 2, 3).unwrap())
                    .with_school(l("Trường Tiểu học Cổ Nhuế 2A"))
                    .with_circumstances(l("mồ côi cha, hộ nghèo")),
            )
        } else {
            b.clone()
        };
        ledger.push_beneficiary(b);
    }
    for s in base.sponsorships() {
        ledger.push_sponsorship(s.clone());
    }
    ledger.push_support_record(
        SupportRecord::new(
            SupportId::from_key("BTL/tiep-suc"),
            l("Tiếp sức đến trường"),
            id("HN.BTL.TH001"),
            SupportTime::Date {
                date: date(2023, 9, 5),
            },
        )
        .with_recipients(Recipients::new().with_beneficiary(student(0)))
        .with_amount(Reported::exact(vnd(500_000))),
    );
    assert!(
        ledger
            .validate(&h, &roster, &SchoolCalendar::new())
            .is_empty()
    );

    // Debug and Display.
    assert_no_secret("Debug", &format!("{ledger:?}"));
    assert_no_secret("pretty Debug", &format!("{ledger:#?}"));
    for b in ledger.beneficiaries() {
        assert_no_secret("Display", &b.to_string());
        assert_no_secret("Debug", &format!("{b:?}"));
        if let Some(details) = b.reveal_protected() {
            assert_no_secret("Debug of the details", &format!("{details:?}"));
        }
    }
    // The public export.
    let public = serde_json::to_string(&ledger.to_public()).unwrap();
    assert_no_secret("the public export", &public);
    assert!(public.contains(&student(0).to_string()));
    // The totals of every scope, whole and published.
    let tree = h.as_of(date(2024, 5, 31));
    let year = school_year("2023-2024").default_span();
    let scopes = std::iter::once(LedgerScope::whole(&tree, year))
        .chain(tree.nodes().map(|n| LedgerScope::subtree(&tree, n, year)));
    let mut scopes_seen = 0;
    for scope in scopes {
        let sponsorship = ledger.sponsorship_totals(&scope, &roster);
        let support = ledger.support_totals(&scope);
        let threshold = SuppressionThreshold::default();
        for text in [
            format!("{sponsorship:?}"),
            format!("{support:?}"),
            sponsorship.publish(threshold).to_string(),
            support.publish(threshold).to_string(),
            serde_json::to_string(&sponsorship.publish(threshold)).unwrap(),
            serde_json::to_string(&support.publish(threshold)).unwrap(),
        ] {
            assert_no_secret("totals", &text);
        }
        scopes_seen += 1;
    }
    assert_eq!(scopes_seen, tree.len() + 1);
    // Nothing is lost: the organisation's own file keeps the details.
    let full = serde_json::to_string(&ledger).unwrap();
    assert!(full.contains("Nguyễn Văn Bé") && full.contains("2014-02-03"));
    assert_eq!(serde_json::from_str::<Ledger>(&full).unwrap(), ledger);
    let child = ledger.beneficiary(student(0)).unwrap();
    let name = child.reveal_protected().and_then(|d| d.name()).unwrap();
    assert_eq!(name.as_str(), "Nguyễn Văn Bé");
}

#[test]
fn every_school_of_bac_tu_liem_is_twinned_with_one_of_thanh_oai() {
    let (h, roster) = built();
    let start = date(2022, 9, 5);
    let mut ledger = Ledger::new();
    for n in 1..=60 {
        if [7, 13, 20, 42].contains(&n) {
            continue;
        }
        let partner = (n - 1) % 30 + 1;
        ledger.push_twinning(
            Twinning::new(
                id(&format!("HN.BTL.TH{n:03}")),
                id(&format!("HN.TO.TH{partner:03}")),
                start,
            )
            .with_activity(ExchangeActivity::new(
                date(2023, 3, 8),
                l("giao lưu chuyên môn, dự giờ"),
            )),
        );
    }
    // TH013's twinning ended before the day; TH020 is twinned within its own district.
    ledger.push_twinning(
        Twinning::new(id("HN.BTL.TH013"), id("HN.TO.TH013"), start).ending_on(date(2023, 6, 30)),
    );
    ledger.push_twinning(Twinning::new(id("HN.BTL.TH020"), id("HN.BTL.TH021"), start));
    assert!(
        ledger
            .validate(&h, &roster, &SchoolCalendar::new())
            .is_empty()
    );

    let tree = h.as_of(date(2024, 5, 31));
    let btl = tree.node_by_code("HN.BTL").unwrap();
    let to = tree.node_by_code("HN.TO").unwrap();
    let report = ledger.check_twinning(&tree, btl, TwinningPartners::AnotherDistrict);
    insta::assert_snapshot!(report, @r#"
    warning[twinning.school_not_twinned] at $.twinnings: school "HN.BTL.TH007" (Công đoàn Trường TH số 7) is not twinned on 2024-05-31 with a unit of another district
    warning[twinning.school_not_twinned] at $.twinnings: school "HN.BTL.TH013" (Công đoàn Trường TH số 13) is not twinned on 2024-05-31 with a unit of another district
    warning[twinning.school_not_twinned] at $.twinnings: school "HN.BTL.TH020" (Công đoàn Trường TH số 20) is not twinned on 2024-05-31 with a unit of another district
    warning[twinning.school_not_twinned] at $.twinnings: school "HN.BTL.TH042" (Công đoàn Trường TH số 42) is not twinned on 2024-05-31 with a unit of another district
    "#);
    let named = ledger.check_twinning(&tree, btl, TwinningPartners::Within(to));
    assert_eq!(named.len(), 4);
    // Thanh Oai's schools are twinned back, except those whose partners are missing.
    let back = ledger.check_twinning(&tree, to, TwinningPartners::Within(btl));
    assert_eq!(back.len(), 0);
    let gl = tree.node_by_code("HN.GL").unwrap();
    assert_eq!(
        ledger
            .check_twinning(&tree, btl, TwinningPartners::Within(gl))
            .len(),
        60
    );
}

/// A ledger with every problem the checks know.
fn faulty_ledger() -> Ledger {
    let b1 = BeneficiaryId::from_key("B-1");
    let ghost = MemberId::from_key("ghost");
    let listed = MemberId::from_key("HN.BTL.TH001/0");
    let stranger = MemberId::from_key("HN.BTL.TH001/1");
    let gone = id("HN.TT.TTDN001");
    let sy = school_year("2021-2022");
    let mut ledger = Ledger::new();
    ledger.push_beneficiary(Beneficiary::new(b1));
    ledger.push_beneficiary(Beneficiary::new(b1));
    let s = |key: &str, period| Sponsorship::new(SponsorshipId::from_key(key), period);
    ledger.push_sponsorship(s("S0", sy));
    ledger.push_sponsorship(
        s("S0", school_year("2023-2024"))
            .with_sponsor(Sponsor::member(ghost))
            .with_sponsor(Sponsor::unit(id("HN.XX")))
            .with_beneficiary(BeneficiaryId::from_key("B-unknown"))
            .with_planned_money(vnd(-1))
            .with_entry(Entry::money(date(2023, 10, 1), vnd(-500_000)).by(Sponsor::member(ghost)))
            .with_entry(Entry::money(date(2025, 1, 1), vnd(1)).by(Sponsor::member(ghost)))
            .with_entry(Entry::money(date(2023, 10, 1), vnd(1)))
            .with_entry(Entry::money(date(2023, 10, 1), vnd(1)).by(Sponsor::member(stranger))),
    );
    ledger.push_sponsorship(
        s("S2", Period::Year("2014".parse().unwrap()))
            .with_sponsor(Sponsor::member(listed))
            .with_beneficiary(b1)
            .with_entry(Entry::money(date(2014, 12, 1), vnd(100))),
    );
    ledger.push_sponsorship(
        s("S3", sy)
            .with_sponsor(Sponsor::unit(gone))
            .with_beneficiary(b1)
            .with_entry(Entry::money(date(2021, 10, 1), vnd(100))),
    );
    ledger.push_sponsorship(
        s("S4", sy)
            .with_sponsor(Sponsor::member(MemberId::from_key("HN.BTL.TH002/0")))
            .with_beneficiary(b1)
            .with_entry(Entry::money(date(2021, 10, 1), vnd(i64::MAX)))
            .with_entry(Entry::money(date(2021, 10, 2), vnd(i64::MAX)))
            .with_entry(Entry::in_kind(
                date(2021, 10, 3),
                Item::new(l("vở"), 10, l("quyển")),
            ))
            .with_entry(Entry::in_kind(
                date(2021, 10, 3),
                Item::new(l("bút"), u64::MAX, l("chiếc")),
            ))
            .with_entry(Entry::in_kind(
                date(2021, 10, 4),
                Item::new(l("bút"), 1, l("chiếc")),
            )),
    );
    ledger.push_sponsorship(
        s("S5", sy)
            .with_sponsor(Sponsor::member(MemberId::from_key("HN.GL.TH003/0")))
            .with_beneficiary(b1)
            .with_entry(Entry::money(date(2021, 10, 3), vnd(100))),
    );
    let year = SupportTime::Period { period: sy };
    let r = |key: &str, unit, when| {
        SupportRecord::new(SupportId::from_key(key), l("Hỗ trợ"), unit, when)
    };
    ledger.push_support_record(
        r("R0", id("HN.XX"), year)
            .with_recipients(
                Recipients::counted(Reported::exact(1))
                    .with_member(ghost)
                    .with_beneficiary(BeneficiaryId::from_key("B-unknown")),
            )
            .with_amount(Reported::exact(vnd(-5))),
    );
    ledger.push_support_record(
        r(
            "R0",
            gone,
            SupportTime::Date {
                date: date(2021, 10, 1),
            },
        )
        .with_recipients(Recipients::counted(Reported::exact(10)))
        .with_amount("10 triệu đồng".parse().unwrap())
        .with_item(Item::new(l("sách giáo khoa"), 5, l("bộ")))
        .with_part(
            SupportPart::new(l("phần A"))
                .with_amount("12 triệu đồng".parse().unwrap())
                .with_item(Item::new(l("sách giáo khoa"), 6, l("bộ"))),
        )
        .with_part(
            SupportPart::new(l("phần B")).with_recipients(Recipients::counted(Reported::exact(6))),
        )
        .with_part(
            SupportPart::new(l("phần C")).with_recipients(Recipients::counted(Reported::exact(6))),
        ),
    );
    ledger.push_support_record(r(
        "R2",
        id("HN.BTL"),
        SupportTime::Period {
            period: Period::Year("2022".parse().unwrap()),
        },
    ));
    ledger.push_twinning(Twinning::new(
        id("HN.BTL.TH001"),
        id("HN.BTL.TH001"),
        date(2022, 9, 1),
    ));
    ledger.push_twinning(
        Twinning::new(id("HN.BTL.TH002"), id("HN.TO.TH002"), date(2022, 9, 1))
            .ending_on(date(2020, 1, 1))
            .with_activity(ExchangeActivity::new(date(2021, 5, 1), l("giao lưu"))),
    );
    ledger.push_twinning(Twinning::new(
        id("HN.ZZ"),
        id("HN.TO.TH003"),
        date(2022, 9, 1),
    ));
    ledger
}

#[test]
fn every_problem_is_reported_with_its_path() {
    let (h, roster) = built();
    let ledger = faulty_ledger();
    let report = ledger.validate(&h, &roster, &SchoolCalendar::new());
    insta::assert_snapshot!(report, @r#"
    error[ledger.duplicate_id] at $.beneficiaries[1].id: beneficiary id b5011180-288f-5023-8eae-3d0228888ca8 is used twice, first at $.beneficiaries[0]
    error[ledger.duplicate_id] at $.sponsorships[1].id: sponsorship id 532afc96-8fad-5772-b586-4793c36f3c90 is used twice, first at $.sponsorships[0]
    error[ledger.duplicate_id] at $.support_records[1].id: support record id 17a6a8c9-364d-58d4-b451-1a1217748f1c is used twice, first at $.support_records[0]
    error[sponsorship.no_sponsor] at $.sponsorships[0].sponsors: commitment 532afc96-8fad-5772-b586-4793c36f3c90 has no sponsor
    error[sponsorship.no_beneficiary] at $.sponsorships[0].beneficiaries: commitment 532afc96-8fad-5772-b586-4793c36f3c90 has no beneficiary
    error[ledger.unknown_member] at $.sponsorships[1].sponsors[0].member: member a517ff93-4f95-5ee2-9e4c-9f547cd63cc8 is not in the member list
    error[ledger.unknown_unit] at $.sponsorships[1].sponsors[1].unit: unit 32ece43e-a73f-5ea3-a63f-b43bbf6f738a is not a unit of the dataset
    error[ledger.unknown_beneficiary] at $.sponsorships[1].beneficiaries[0]: beneficiary 65a91807-2acf-53bb-ad2a-f9ca7ca40a00 is not in the beneficiary list
    error[ledger.negative_amount] at $.sponsorships[1].planned.money: amount -1 đồng is negative
    error[ledger.negative_amount] at $.sponsorships[1].entries[0].amount: amount -500.000 đồng is negative
    error[sponsorship.entry_outside_period] at $.sponsorships[1].entries[1].date: entry of 2025-01-01 lies outside the commitment's period năm học 2023-2024 (2023-09-01/2024-08-31)
    error[sponsorship.entry_sponsor_missing] at $.sponsorships[1].entries[2]: the commitment has 2 sponsors and the entry names none of them
    error[sponsorship.entry_sponsor_not_listed] at $.sponsorships[1].entries[3].by: the entry is by member 8f050dd6-2162-5712-88d8-8b0a6f79de29, who is not a sponsor of the commitment
    warning[sponsorship.unplaced_entry] at $.sponsorships[2].entries[0].date: sponsor member 836efefa-047b-5f82-a2eb-81aa0acfcacd belongs to no unit on 2014-12-01: the entry counts in no unit's totals
    warning[sponsorship.unplaced_entry] at $.sponsorships[3].entries[0].date: sponsor unit "HN.TT.TTDN001" does not exist on 2021-10-01: the entry counts in no unit's totals
    error[ledger.sum_overflow] at $.sponsorships[4].entries: money entries add up to 18.446.744.073.709.551.614 đồng, beyond the largest amount 9.223.372.036.854.775.807 đồng
    error[ledger.sum_overflow] at $.sponsorships[4].entries: quantities of "bút" (chiếc) add up beyond 18.446.744.073.709.551.615
    error[ledger.unknown_unit] at $.support_records[0].organiser: unit 32ece43e-a73f-5ea3-a63f-b43bbf6f738a is not a unit of the dataset
    error[ledger.unknown_member] at $.support_records[0].recipients.members[0]: member a517ff93-4f95-5ee2-9e4c-9f547cd63cc8 is not in the member list
    error[ledger.unknown_beneficiary] at $.support_records[0].recipients.beneficiaries[0]: beneficiary 65a91807-2acf-53bb-ad2a-f9ca7ca40a00 is not in the beneficiary list
    error[support.count_below_list] at $.support_records[0].recipients.count: the count 1 cannot hold the 2 people listed
    error[ledger.negative_amount] at $.support_records[0].amount: amount -5 đồng is negative
    warning[support.unplaced_record] at $.support_records[1].when: organiser "HN.TT.TTDN001" does not exist on 2021-10-01: the record counts in no unit's totals
    error[support.part_exceeds_whole] at $.support_records[1].parts[0].amount: part "phần A" states 12.000.000 đồng, more than the whole's 10.000.000 đồng
    error[support.part_exceeds_whole] at $.support_records[1].parts[0].items[0].quantity: part "phần A" states 6 bộ sách giáo khoa, more than the whole's 5 bộ sách giáo khoa
    error[support.parts_exceed_whole] at $.support_records[1].parts: the parts add up to 12.000.000 đồng, more than the whole's 10.000.000 đồng
    error[support.parts_exceed_whole] at $.support_records[1].parts: the parts add up to 12 recipients, more than the whole's 10
    error[twinning.same_unit] at $.twinnings[0].second: unit "HN.BTL.TH001" is twinned with itself
    error[twinning.bad_period] at $.twinnings[1].end: the twinning ends on 2020-01-01, before it starts on 2022-09-01
    error[twinning.activity_outside_period] at $.twinnings[1].activities[0].date: activity of 2021-05-01 lies outside the twinning (from 2022-09-01 to 2020-01-01)
    error[ledger.unknown_unit] at $.twinnings[2].first: unit 4d4eae63-b212-553d-bab3-0a0337e5ce42 is not a unit of the dataset
    "#);

    let tree = h.as_of(date(2022, 5, 31));
    let sy = school_year("2021-2022").default_span();
    let btl = tree.node_by_code("HN.BTL").unwrap();
    let scoped = ledger.sponsorship_totals(&LedgerScope::subtree(&tree, btl, sy), &roster);
    insta::assert_snapshot!(scoped.diagnostics(), @r#"
    warning[sponsorship.unplaced_entry] at $.sponsorships[3].entries[0]: entry of 2021-10-01 is in the period but counts in no scope: unit "HN.TT.TTDN001" is not in the hierarchy on 2022-05-31
    warning[ledger.unvalued_in_kind] at $.sponsorships[4].entries[2].valuation: goods "10 quyển vở" have no valuation: the money total is a lower bound
    warning[ledger.unvalued_in_kind] at $.sponsorships[4].entries[3].valuation: goods "18.446.744.073.709.551.615 chiếc bút" have no valuation: the money total is a lower bound
    warning[ledger.unvalued_in_kind] at $.sponsorships[4].entries[4].valuation: goods "1 chiếc bút" have no valuation: the money total is a lower bound
    warning[sponsorship.beneficiary_outside_scope] at $.sponsorships[5].entries[0]: beneficiary b5011180-288f-5023-8eae-3d0228888ca8 is counted in scope "HN.BTL" but also sponsored from unit "HN.GL.TH003", outside it: that support is not in these totals
    error[ledger.sum_overflow] at the whole dataset: the money total 18.446.744.073.709.551.614 đồng is beyond the largest amount 9.223.372.036.854.775.807 đồng
    error[ledger.sum_overflow] at the whole dataset: quantities of "bút" (chiếc) add up beyond 18.446.744.073.709.551.615
    "#);
    assert_eq!(scoped.money(), None);
    assert_eq!(scoped.money_sum().to_i128(), Some(2 * i128::from(i64::MAX)));
    let support = ledger.support_totals(&LedgerScope::whole(&tree, sy));
    insta::assert_snapshot!(support.diagnostics(), @r#"
    warning[support.unplaced_record] at $.support_records[0].organiser: the record is in the period but counts in no scope: unit 32ece43e-a73f-5ea3-a63f-b43bbf6f738a is not in the hierarchy on 2022-05-31
    warning[support.unplaced_record] at $.support_records[1].organiser: the record is in the period but counts in no scope: unit "HN.TT.TTDN001" is not in the hierarchy on 2022-05-31
    info[support.straddles_period] at $.support_records[2].when: the record covers 2022-01-01/2022-12-31, only partly in the period 2021-09-01/2022-08-31: it is left out of the totals
    "#);
    let twinning = ledger.check_twinning(&tree, btl, TwinningPartners::AnotherDistrict);

    let codes: BTreeSet<&str> = report
        .iter()
        .chain(scoped.diagnostics())
        .chain(support.diagnostics())
        .chain(&twinning)
        .map(|d| d.code())
        .collect();
    assert_eq!(
        codes.into_iter().collect::<Vec<_>>(),
        [
            "ledger.duplicate_id",
            "ledger.negative_amount",
            "ledger.sum_overflow",
            "ledger.unknown_beneficiary",
            "ledger.unknown_member",
            "ledger.unknown_unit",
            "ledger.unvalued_in_kind",
            "sponsorship.beneficiary_outside_scope",
            "sponsorship.entry_outside_period",
            "sponsorship.entry_sponsor_missing",
            "sponsorship.entry_sponsor_not_listed",
            "sponsorship.no_beneficiary",
            "sponsorship.no_sponsor",
            "sponsorship.unplaced_entry",
            "support.count_below_list",
            "support.part_exceeds_whole",
            "support.parts_exceed_whole",
            "support.straddles_period",
            "support.unplaced_record",
            "twinning.activity_outside_period",
            "twinning.bad_period",
            "twinning.same_unit",
            "twinning.school_not_twinned",
        ]
    );
}

#[test]
fn attribution_follows_the_sponsor_on_the_entrys_day() {
    // A teacher moves from a Bắc Từ Liêm school to a Gia Lâm school on 2024-01-01:
    // what she gave before counts in Bắc Từ Liêm, what she gave after in Gia Lâm.
    let mut slice = hanoi_support();
    let teacher = MemberId::from_key("HN.BTL.TH005/0");
    for ms in &mut slice.memberships {
        if ms.member() == teacher {
            *ms = ms.left_on(date(2024, 1, 1));
        }
    }
    slice
        .memberships
        .push(thidua::Membership::new(teacher, id("HN.GL.TH010")).joined_on(date(2024, 1, 1)));
    let h = slice.hierarchy().unwrap();
    let roster = slice.roster(&h).unwrap();
    let child = BeneficiaryId::from_key("HS-move");
    let mut ledger = Ledger::new();
    ledger.push_beneficiary(Beneficiary::new(child));
    ledger.push_sponsorship(
        Sponsorship::new(SponsorshipId::from_key("move"), school_year("2023-2024"))
            .with_sponsor(Sponsor::member(teacher))
            .with_beneficiary(child)
            .with_entry(Entry::money(date(2023, 10, 2), vnd(700_000)))
            .with_entry(Entry::money(date(2024, 3, 1), vnd(300_000))),
    );
    let tree = h.as_of(date(2024, 5, 31));
    let year = school_year("2023-2024").default_span();
    let money = |code: &str| {
        let node = tree.node_by_code(code).unwrap();
        let t = ledger.sponsorship_totals(&LedgerScope::subtree(&tree, node, year), &roster);
        (
            t.money().unwrap().value(),
            t.member_sponsors(),
            t.beneficiaries(),
        )
    };
    assert_eq!(money("HN.BTL"), (vnd(700_000), 1, 1));
    assert_eq!(money("HN.GL"), (vnd(300_000), 1, 1));
    assert_eq!(money("HN"), (vnd(1_000_000), 1, 1));
    let autumn = LedgerScope::subtree(
        &tree,
        tree.node_by_code("HN.GL").unwrap(),
        span("2023-09-01/2023-12-31"),
    );
    assert_eq!(ledger.sponsorship_totals(&autumn, &roster).entries(), 0);
    assert!(!autumn.contains_unit(UnitId::from_key("HN.BTL.TH005")));
}

#[test]
fn planned_against_fulfilled() {
    let ledger = btl_ledger();
    let d = ledger
        .sponsorships()
        .iter()
        .find(|s| s.id() == SponsorshipId::from_key("BTL/D/0"))
        .unwrap();
    let progress = d.progress();
    assert_eq!(progress.items()[0].planned(), Some(2));
    assert_eq!(progress.items()[0].fulfilled(), 2);
    let a = &ledger.sponsorships()[100];
    let progress = a.progress();
    assert_eq!(progress.planned_money(), Some(vnd(1_100_000)));
    assert_eq!(progress.cash().total().unwrap(), vnd(1_550_000));
}

mod roundtrip {
    use super::*;
    use proptest::prelude::*;

    fn qualifier() -> impl Strategy<Value = Qualifier> {
        prop::sample::select(vec![
            Qualifier::Exact,
            Qualifier::MoreThan,
            Qualifier::AtLeast,
            Qualifier::About,
            Qualifier::LessThan,
            Qualifier::AtMost,
        ])
    }

    proptest! {
        #[test]
        fn ledgers_round_trip_through_json(
            amount in any::<i64>(),
            q in qualifier(),
            count in any::<u64>(),
            cq in qualifier(),
            quantity in any::<u64>(),
            valued in proptest::option::of(any::<i64>()),
            day in 0u64..365,
        ) {
            let when = date(2023, 9, 1) + chrono::Days::new(day);
            let item = Item::new(l("sách giáo khoa"), quantity, l("bộ"));
            let item = match valued {
                Some(v) => item.with_valuation(Valuation::new(vnd(v), ValuationBasis::Invoice)),
                None => item,
            };
            let mut ledger = Ledger::new();
            ledger.push_beneficiary(Beneficiary::new(student(1)).with_protected(
                ProtectedDetails::new().with_birth_date(when),
            ));
            ledger.push_sponsorship(
                Sponsorship::new(SponsorshipId::from_key("p"), school_year("2023-2024"))
                    .with_sponsor(Sponsor::unit(id("HN.BTL")))
                    .with_beneficiary(student(1))
                    .with_entry(Entry::money(when, vnd(amount)))
                    .with_entry(Entry::in_kind(when, item.clone())),
            );
            ledger.push_support_record(
                SupportRecord::new(SupportId::from_key("r"), l("Quà Tết"), id("HN.GL"), SupportTime::Date { date: when })
                    .with_amount(Reported::new(vnd(amount), q))
                    .with_recipients(Recipients::counted(Reported::new(count, cq)))
                    .with_item(item)
                    .with_part(SupportPart::new(l("khối trường học")).with_amount(Reported::new(vnd(amount), q))),
            );
            let json = serde_json::to_string(&ledger).unwrap();
            prop_assert_eq!(serde_json::from_str::<Ledger>(&json).unwrap(), ledger);
        }

        #[test]
        fn reading_arbitrary_json_never_panics(s in ".{0,200}") {
            let _ = serde_json::from_str::<Ledger>(&s);
            let _ = serde_json::from_str::<Entry>(&s);
        }
    }
}

/// An invalid protected detail (a child's name) is reported by its field and the
/// kind of problem, never quoted.
#[test]
fn errors_on_protected_details_never_quote_them() {
    let long_name = format!("Nguyễn Thị Bé Na{}", " Na".repeat(80));
    let json = format!(
        r#"{{"schema_version": 1, "beneficiaries": [{{"id": "{}", "protected": {{"name": "{long_name}"}}}}]}}"#,
        thidua::BeneficiaryId::from_key("HS-001")
    );
    let report = thidua::Dataset::from_json(&json).unwrap_err();
    let text = format!("{report}{}", report.to_string_in(thidua::Lang::Vi));
    assert!(!text.contains("Bé Na"), "{text}");
    insta::assert_snapshot!(report.to_string(), @"error[file.invalid_value] at $.beneficiaries[0].protected.name: invalid value in protected details (the value is not quoted)");
}
