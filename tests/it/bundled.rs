//! The bundled datasets of `examples/data/`, built from the seed reports, and the
//! checks that their reports reproduce every figure the articles state.
//!
//! The articles give totals, not lists: where a total needs units or members to be
//! computed from (244 CĐCS with 15.249 members), the datasets hold generated units
//! and members that add up to the stated totals, and say so in their description.
//! Regenerate the files with `UPDATE_DATA=1 cargo test --all-features --test it bundled`.

use chrono::NaiveDate;
use thidua::testing::DatasetBuilder;
use thidua::{
    Beneficiary, BeneficiaryId, Bloc, Campaign, CampaignId, CampaignKind, Contest, ContestId,
    ContestResult, Contribution, Dataset, DateRange, Entry, FigureValue, FundingSource, Item,
    Label, Launch, Launcher, PartnerBody, PartnerId, PartnerKind, Period, Prize, PrizeRank,
    Qualifier, Ratio, Recipients, RecognitionLevel, Reported, ReportedCoverage, ReportedFunnel,
    SchoolYear, Sponsor, Sponsorship, SponsorshipId, StatedFigure, StudentMeasure, StudentResults,
    SupportId, SupportPart, SupportRecord, SupportTime, Target, TaskGrade, Twinning, UnitId,
    UnitKind, UnitName, Vnd,
};

fn day(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn label(s: &str) -> Label {
    Label::try_new(s).unwrap()
}

fn sy(s: &str) -> Period {
    Period::SchoolYear(s.parse::<SchoolYear>().unwrap())
}

fn trieu(n: i64) -> Vnd {
    Vnd::from_dong(n * 1_000_000)
}

/// Sizes adding up to `total` over `n` units.
fn spread(total: u64, n: usize) -> Vec<u64> {
    let base = total / n as u64;
    let extra = (total % n as u64) as usize;
    (0..n).map(|i| base + u64::from(i < extra)).collect()
}

fn stated(
    unit: &str,
    key: &str,
    bloc: Option<Bloc>,
    value: FigureValue,
    period: Option<Period>,
    label: Option<(&str, &str)>,
    quote: &str,
) -> StatedFigure {
    StatedFigure {
        unit: UnitId::from_key(unit),
        key: key.to_owned(),
        value,
        bloc,
        period,
        as_of: None,
        label: label.map(|(vi, _)| vi.to_owned()),
        label_en: label.map(|(_, en)| en.to_owned()),
        share_of: None,
        period_text: None,
        quote: Some(quote.to_owned()),
    }
}

fn count(n: u64) -> FigureValue {
    FigureValue::Count(Reported::exact(n))
}

fn percent(num: u64, den: u64) -> FigureValue {
    FigureValue::Ratio(Reported::exact(Ratio::new(num, den).unwrap()))
}

fn hanoi(since: &str) -> DatasetBuilder {
    DatasetBuilder::new(since)
        .unwrap()
        .unit(
            "HN",
            UnitKind::ProvincialFederation,
            "Liên đoàn Lao động thành phố Hà Nội",
            None,
        )
        .unwrap()
}

fn partner(d: &mut Dataset, key: &str, name: &str, area: &str) {
    d.partners.push(
        PartnerBody::new(
            PartnerId::from_key(key),
            PartnerKind::EducationDepartment,
            UnitName::try_new(name).unwrap(),
        )
        .with_area(UnitId::from_key(area)),
    );
}

const GL_QUOTE_ORG: &str = "LĐLĐ huyện Gia Lâm hiện đang quản lý trực tiếp 244 Công đoàn cơ sở với 15.249 đoàn viên/16.046 công nhân viên chức lao động (CNVCLĐ), trong đó khối trường học có 82 Công đoàn cơ sở với 3.646 đoàn viên công đoàn.";
const GL_QUOTE_GRADES: &str = "Qua phân loại, năm học 202-2022, đã có 64 Công đoàn cơ sở trường học (tương đương 78%) đạt hoàn thành tốt nhiệm vụ; 16 Công đoàn cơ sở (tương đương 19,5%) đạt hoạt thành xuất sắc nhiệm vụ.";

/// Eight members of Trường Mầm non Phú Thị, named, with the titles their unit
/// proposed them for in 2021-2022 and the council's votes (illustrative data for the
/// documents: the articles name nobody).
fn gia_lam_nominations(d: &mut Dataset, year: Period) {
    use thidua::{
        CouncilVote, FactRecord, Gender, InfluenceScope, InitiativeFact, MemberFacts, MemberRecord,
        NominationFact, PriorTitle, ReviewState, TitleCode,
    };
    let school = UnitId::from_key("HN.GL.MN-PHU-THI");
    let ids: Vec<_> = d
        .memberships
        .iter()
        .filter(|m| m.unit() == school)
        .map(|m| m.member())
        .skip(1)
        .take(8)
        .collect();
    let people = [
        (
            "Nguyễn Thị Ngọc Hường",
            Gender::Female,
            TaskGrade::Excellent,
            "cstdcs",
            9,
            0,
        ),
        ("Đặng Văn Ưng", Gender::Male, TaskGrade::Good, "ldtt", 8, 1),
        (
            "Lê Thị Thu Hà",
            Gender::Female,
            TaskGrade::Excellent,
            "ldtt",
            9,
            0,
        ),
        (
            "Phạm Minh Châu",
            Gender::Female,
            TaskGrade::Good,
            "ldtt",
            7,
            2,
        ),
        ("Vũ Thị Lan", Gender::Female, TaskGrade::Good, "ldtt", 9, 0),
        ("Hoàng Văn Đức", Gender::Male, TaskGrade::Good, "ldtt", 4, 5),
        (
            "Bùi Thị Ánh",
            Gender::Female,
            TaskGrade::Completed,
            "ldtt",
            2,
            7,
        ),
        ("Ngô Thị Mai", Gender::Female, TaskGrade::Good, "ldtt", 9, 0),
    ];
    for (id, (name, gender, grade, title, yes, no)) in ids.into_iter().zip(people) {
        if let Some(m) = d.members.iter_mut().find(|m| m.id() == id) {
            let mut named = MemberRecord::new(id)
                .with_name(name.parse().unwrap())
                .with_gender(gender);
            if let Some(role) = m.role() {
                named = named.with_role(role);
            }
            *m = named;
        }
        let title = TitleCode::try_new(title).unwrap();
        let mut facts = MemberFacts::new()
            .with_grade(grade)
            .with_recruited_on(day(2016, 8, 15))
            .with_leaves(vec![])
            .with_disciplines(vec![])
            .with_under_review(ReviewState::Clear);
        if title == "cstdcs" {
            facts = facts
                .with_initiatives(vec![InitiativeFact::new(
                    RecognitionLevel::Unit,
                    InfluenceScope::Unit,
                    day(2022, 4, 20),
                )])
                .with_history(vec![
                    PriorTitle::new(2019, TitleCode::try_new("ldtt").unwrap()),
                    PriorTitle::new(2020, TitleCode::try_new("ldtt").unwrap()),
                ]);
        }
        let vote = CouncilVote::new(day(2022, 5, 25), 9, yes, no);
        d.facts.push(FactRecord {
            member: id,
            period: year,
            facts: facts.with_nominations(vec![NominationFact::new(title).with_vote(vote)]),
        });
    }
}

/// LĐLĐ huyện Gia Lâm, school year 2021-2022 (seed 002).
pub fn gia_lam() -> Dataset {
    let year = sy("2021-2022");
    let mut b = hanoi("2015-01-01")
        .unit(
            "HN.GL",
            UnitKind::DistrictFederation,
            "Liên đoàn Lao động huyện Gia Lâm",
            Some("HN"),
        )
        .unwrap();
    let schools = spread(3_646, 82);
    for (i, n) in schools.iter().enumerate() {
        let (code, name) = match i {
            0 => (
                "HN.GL.MN-PHU-THI".to_owned(),
                "Công đoàn Trường Mầm non Phú Thị".to_owned(),
            ),
            1 => (
                "HN.GL.MN-A".to_owned(),
                "Công đoàn Trường Mầm non A".to_owned(),
            ),
            _ => (
                format!("HN.GL.TRUONG{:02}", i + 1),
                format!("Công đoàn trường học số {} huyện Gia Lâm", i + 1),
            ),
        };
        b = b
            .grassroots(&code, &name, "HN.GL", Bloc::Schools, *n, None)
            .unwrap();
        // 64 graded "hoàn thành tốt", 16 "xuất sắc"; the article leaves 2 ungraded.
        if i < 64 {
            b = b.grade(&code, year, TaskGrade::Good).unwrap();
        } else if i < 80 {
            b = b.grade(&code, year, TaskGrade::Excellent).unwrap();
        }
    }
    for (i, n) in spread(15_249 - 3_646, 162).iter().enumerate() {
        let code = format!("HN.GL.CDCS{:03}", i + 1);
        b = b
            .grassroots(
                &code,
                &format!("Công đoàn cơ sở số {} huyện Gia Lâm", i + 1),
                "HN.GL",
                None,
                *n,
                None,
            )
            .unwrap();
    }
    let mut d = b
        .subject("HN.GL", Some(year), Some(day(2022, 5, 31)))
        .unwrap()
        .build();
    d.meta.name = "gia-lam-2021-2022".to_owned();
    d.meta.description = "LĐLĐ huyện Gia Lâm, năm học 2021-2022, theo bài \"Phối hợp hiệu quả nâng cao chất lượng đào tạo\" (Lao động Thủ đô). Các con số tổng theo bài viết; danh sách CĐCS và đoàn viên được sinh ra cho khớp với các tổng đó. Tám đoàn viên của Trường Mầm non Phú Thị mang tên và đề nghị khen thưởng minh họa (kèm biểu quyết của Hội đồng) để lập các văn bản mẫu.".to_owned();
    d.meta.sources = vec![
        "Lao động Thủ đô: Phối hợp hiệu quả nâng cao chất lượng đào tạo (Phạm Diệp)".to_owned(),
    ];
    d.meta.span = Some(DateRange::try_new(day(2021, 9, 1), day(2022, 11, 30)).unwrap());
    partner(
        &mut d,
        "pgd-gia-lam",
        "Phòng Giáo dục và Đào tạo huyện Gia Lâm",
        "HN.GL",
    );
    d.workforce.push(thidua::WorkforceFigure::new(
        UnitId::from_key("HN.GL"),
        day(2022, 5, 31),
        Reported::exact(16_046),
    ));
    gia_lam_nominations(&mut d, year);
    let gl = |key: &str, bloc, value, label: Option<(&str, &str)>, quote: &str| {
        stated("HN.GL", key, bloc, value, Some(year), label, quote)
    };
    d.stated.extend([
        gl("cdcs.count", None, count(244), None, GL_QUOTE_ORG),
        gl("members", None, count(15_249), None, GL_QUOTE_ORG),
        gl("workforce", None, count(16_046), None, GL_QUOTE_ORG),
        gl(
            "cdcs.count",
            Some(Bloc::Schools),
            count(82),
            None,
            GL_QUOTE_ORG,
        ),
        gl(
            "members",
            Some(Bloc::Schools),
            count(3_646),
            None,
            GL_QUOTE_ORG,
        ),
    ]);
    for (key, value) in [
        ("cdcs.grade.good", count(64)),
        ("cdcs.grade.good.share", percent(78, 100)),
        ("cdcs.grade.excellent", count(16)),
        ("cdcs.grade.excellent.share", percent(195, 1000)),
    ] {
        let mut f = gl(key, Some(Bloc::Schools), value, None, GL_QUOTE_GRADES);
        f.period_text = Some("năm học 202-2022".to_owned());
        d.stated.push(f);
    }
    d.stated.extend([
        gl("schools.staff_conference.share", None, percent(100, 100), Some(("Tỷ lệ trường tổ chức thành công Hội nghị cán bộ, viên chức", "Share of schools that held their staff conference")), "Kết quả, 100% các trường đã tổ chức thành công Hội nghị cán bộ, viên chức theo đúng kế hoạch, chất lượng đảm bảo."),
        gl("initiative.praised", None, count(39), Some(("Sáng kiến kinh nghiệm được phổ biến, biểu dương dịp kỷ niệm 93 năm thành lập Công đoàn Việt Nam", "Teaching initiatives shared and praised on the 93rd anniversary of the Vietnamese Trade Union")), "LĐLĐ huyện Gia Lâm tổ chức phổ biến, biểu dương 39 sáng kiến kinh nghiệm, trong đó khối các trường học có 7 sáng kiến"),
        gl("initiative.praised", Some(Bloc::Schools), count(7), Some(("Sáng kiến kinh nghiệm được biểu dương của khối trường học", "Teaching initiatives of the schools praised")), "trong đó khối các trường học có 7 sáng kiến"),
        gl("initiative.updated", Some(Bloc::Schools), count(743), Some(("Sáng kiến của khối trường học được cập nhật (chương trình 1 triệu sáng kiến, giai đoạn 1)", "Initiatives of the schools entered (one million initiatives programme, phase 1)")), "kết thúc giai đoạn 1 chương trình 1 triệu sáng kiến LĐLĐ huyện Gia Lâm có 3.124 /1.724 sáng kiến được cập nhật, trong đó có 743 sáng kiến của khối trường học."),
        gl("initiative.rewarded", None, count(36), Some(("Sáng kiến sáng tạo được LĐLĐ huyện khen thưởng dịp kỷ niệm 90 năm thành lập Công đoàn Việt Nam", "Creative initiatives rewarded by the district federation on the 90th anniversary of the Vietnamese Trade Union")), "Trong số 36 sáng kiến sáng tạo được LĐLĐ huyện Gia Lâm khen thưởng dịp kỷ niệm 90 năm ngày thành lập Công đoàn Việt Nam mới đây có 6 sáng kiến kinh nghiệm tiêu biểu của cán bộ, giáo viên, nhân viên trong các trường học."),
        gl("initiative.rewarded", Some(Bloc::Schools), count(6), Some(("Sáng kiến kinh nghiệm tiêu biểu của các trường học được khen thưởng", "Outstanding teaching initiatives of the schools rewarded")), "có 6 sáng kiến kinh nghiệm tiêu biểu của cán bộ, giáo viên, nhân viên trong các trường học"),
    ]);
    // "3.124 /1.724 sáng kiến được cập nhật": recognised above submitted, as printed.
    d.initiative_reports.push(
        ReportedFunnel::new(UnitId::from_key("HN.GL"), year)
            .with_submitted(Reported::exact(1_724))
            .with_recognised(Reported::exact(3_124))
            .with_quote("kết thúc giai đoạn 1 chương trình 1 triệu sáng kiến LĐLĐ huyện Gia Lâm có 3.124 /1.724 sáng kiến được cập nhật"),
    );
    d.campaigns.push(
        Campaign::new(
            CampaignId::from_key("gia-lam/hai-tot/2021-2022"),
            CampaignKind::Regular,
            label("Thi đua “Hai tốt”"),
            year,
        )
        .with_launcher(Launcher::Unit {
            unit: UnitId::from_key("HN.GL"),
        })
        .with_launcher(Launcher::Partner {
            partner: PartnerId::from_key("pgd-gia-lam"),
        })
        .with_target(
            Target::new()
                .with_unit(UnitId::from_key("HN.GL"))
                .with_bloc(Bloc::Schools),
        ),
    );
    let gl_id = UnitId::from_key("HN.GL");
    let khuy = thidua::MemberId::from_key("HN.GL.MN-PHU-THI/1");
    d.support_records.extend([
        SupportRecord::new(
            SupportId::from_key("gl/phuc-loi"),
            label("Chương trình phúc lợi cho đoàn viên Công đoàn"),
            gl_id,
            SupportTime::Period { period: year },
        )
        .with_recipients(Recipients::new().with_count(Reported::new(3_800, Qualifier::MoreThan)))
        .with_funding(FundingSource::Businesses),
        SupportRecord::new(
            SupportId::from_key("gl/mai-am/khuy"),
            label("Mái ấm Công đoàn"),
            gl_id,
            SupportTime::Period { period: year },
        )
        .with_recipients(Recipients::new().with_member(khuy))
        .with_amount(Reported::exact(Vnd::from_dong(37_500_000)))
        .with_funding(FundingSource::UpperLevel),
        SupportRecord::new(
            SupportId::from_key("gl/mai-am/2"),
            label("Mái ấm Công đoàn"),
            gl_id,
            SupportTime::Period { period: year },
        )
        .with_recipients(Recipients::new().with_count(Reported::exact(1)))
        .with_funding(FundingSource::Businesses),
        SupportRecord::new(
            SupportId::from_key("gl/covid"),
            label("Hỗ trợ đoàn viên, người lao động mắc Covid-19"),
            gl_id,
            SupportTime::Period { period: year },
        )
        .with_document(label("Quyết định số 3749/QĐ-TLĐ của Tổng Liên đoàn"))
        .with_document(label("Hướng dẫn số 23/HD-LĐLĐ của LĐLĐ thành phố Hà Nội"))
        .with_recipients(Recipients::new().with_count(Reported::exact(1_995)))
        .with_amount(Reported::new(trieu(1_065), Qualifier::MoreThan))
        .with_funding(FundingSource::UnionFunds)
        .with_part(
            SupportPart::new(label("đoàn viên của các Công đoàn cơ sở trường học"))
                .with_bloc(Bloc::Schools)
                .with_units(Ratio::new(73, 82).unwrap())
                .with_recipients(Recipients::new().with_count(Reported::exact(729)))
                .with_amount(Reported::exact(trieu(364))),
        ),
        SupportRecord::new(
            SupportId::from_key("gl/20-11/2022"),
            label("Quà tặng nhân kỷ niệm 40 năm Ngày Nhà giáo Việt Nam 20/11"),
            gl_id,
            SupportTime::Date {
                date: day(2022, 11, 18),
            },
        )
        .with_recipients(Recipients::new().with_count(Reported::exact(50)))
        .with_amount(Reported::exact(trieu(35)))
        .with_funding(FundingSource::UnionFunds),
    ]);
    let covid = "LĐLĐ huyện cũng đẩy mạnh các hoạt động hỗ trợ 1.995 đoàn viên, người lao động mắc Covid-19 theo Quyết định số 3749/QĐ-TLĐ của Tổng Liên đoàn, Hướng dẫn số 23/HD-LĐLĐ của LĐLĐ thành phố Hà Nội với số tiền trên 1.065 triệu đồng, trong đó có 729 đoàn viên của 73/82 Công đoàn cơ sở các trường học được hỗ trợ 364 triệu đồng.";
    d.stated.extend([
        gl(
            "support.covid.schools.units",
            Some(Bloc::Schools),
            count(73),
            Some((
                "Công đoàn cơ sở trường học có đoàn viên được hỗ trợ Covid-19 (trên tổng số 82)",
                "School unions with members supported during Covid-19 (of 82)",
            )),
            covid,
        ),
        gl(
            "support.covid.schools.amount",
            Some(Bloc::Schools),
            FigureValue::Money(Reported::exact(trieu(364))),
            Some((
                "Số tiền hỗ trợ Covid-19 cho đoàn viên các trường học",
                "Covid-19 support money for the schools' members",
            )),
            covid,
        ),
    ]);
    d.stated.push(gl(
        "support.covid.schools",
        Some(Bloc::Schools),
        count(729),
        Some((
            "Đoàn viên các trường học được hỗ trợ Covid-19",
            "Schools' members supported during Covid-19",
        )),
        covid,
    ));
    d
}

/// LĐLĐ quận Bắc Từ Liêm, school year 2023-2024 (seed 000).
pub fn bac_tu_liem() -> Dataset {
    let year = sy("2023-2024");
    let mut b = hanoi("2015-01-01")
        .unit(
            "HN.BTL",
            UnitKind::DistrictFederation,
            "Liên đoàn Lao động quận Bắc Từ Liêm",
            Some("HN"),
        )
        .unwrap()
        .unit(
            "HN.TO",
            UnitKind::DistrictFederation,
            "Liên đoàn Lao động huyện Thanh Oai",
            Some("HN"),
        )
        .unwrap();
    let sizes = spread(2_803, 60);
    for (i, n) in sizes.iter().enumerate() {
        b = b
            .grassroots(
                &format!("HN.BTL.TRUONG{:02}", i + 1),
                &format!("Công đoàn trường học số {} quận Bắc Từ Liêm", i + 1),
                "HN.BTL",
                Bloc::Schools,
                *n,
                None,
            )
            .unwrap();
    }
    for i in 0..30 {
        b = b
            .grassroots(
                &format!("HN.TO.TRUONG{:02}", i + 1),
                &format!("Công đoàn trường học số {} huyện Thanh Oai", i + 1),
                "HN.TO",
                Bloc::Schools,
                30,
                None,
            )
            .unwrap();
    }
    let mut d = b
        .subject("HN.BTL", Some(year), Some(day(2024, 5, 31)))
        .unwrap()
        .build();
    d.meta.name = "bac-tu-liem-2023-2024".to_owned();
    d.meta.description = "LĐLĐ quận Bắc Từ Liêm, năm học 2023-2024, theo bài \"Thực hiện tốt các phong trào thi đua trong Công đoàn khối trường học\" (Lao động Thủ đô). Các con số tổng theo bài viết; danh sách trường, đoàn viên, học sinh được đỡ đầu (ẩn danh) và trường kết nghĩa ở Thanh Oai được sinh ra cho khớp với các tổng đó.".to_owned();
    d.meta.sources = vec!["Lao động Thủ đô: Thực hiện tốt các phong trào thi đua trong Công đoàn khối trường học (Lê Thắm)".to_owned()];
    partner(
        &mut d,
        "pgd-bac-tu-liem",
        "Phòng Giáo dục và Đào tạo quận Bắc Từ Liêm",
        "HN.BTL",
    );
    let org = "hiện LĐLĐ quận đang trực tiếp quản lý 60 Công đoàn cơ sở khối trường học, với tổng số 2.803 đoàn viên.";
    let btl = |key: &str, bloc, value, label: Option<(&str, &str)>, quote: &str| {
        stated("HN.BTL", key, bloc, value, Some(year), label, quote)
    };
    d.stated.extend([
        btl("cdcs.count", Some(Bloc::Schools), count(60), None, org),
        btl("members", Some(Bloc::Schools), count(2_803), None, org),
    ]);
    let launched = "Thực hiện sự phối hợp chỉ đạo của phòng GD&ĐT và LĐLĐ quận, 100% các trường học tổ chức phát động phong trào thi đua và tổ chức cho CBGVNV đăng ký các danh hiệu thi đua ngay từ đầu năm học.";
    let btl_id = UnitId::from_key("HN.BTL");
    let both = |c: Campaign| {
        c.with_launcher(Launcher::Unit { unit: btl_id })
            .with_launcher(Launcher::Partner {
                partner: PartnerId::from_key("pgd-bac-tu-liem"),
            })
            .with_target(Target::new().with_unit(btl_id).with_bloc(Bloc::Schools))
    };
    let day_tot = CampaignId::from_key("btl/day-tot-hoc-tot/2023-2024");
    d.campaigns.extend([
        both(Campaign::new(day_tot, CampaignKind::Regular, label("Dạy tốt - Học tốt"), year))
            .with_reported_coverage(ReportedCoverage::new(btl_id, day(2024, 5, 31), Reported::exact(Ratio::new(100, 100).unwrap()))),
        both(Campaign::new(CampaignId::from_key("btl/doi-moi-sang-tao/2023-2024"), CampaignKind::Regular, label("Đổi mới, sáng tạo trong quản lý, giảng dạy và học tập"), year)),
        both(Campaign::new(
            CampaignId::from_key("btl/chung-tay/2022-2025"),
            CampaignKind::Thematic,
            label("Nhà trường cùng chung tay phát triển - Thầy cô cùng sẻ chia trách nhiệm"),
            "giai đoạn 2022 -2025".parse::<Period>().unwrap(),
        )),
        both(Campaign::new(
            CampaignId::from_key("btl/do-dau"),
            CampaignKind::Drive,
            label("Mỗi nhà giáo, cán bộ giáo dục Bắc Từ Liêm nhận đỡ đầu, giúp đỡ học sinh có hoàn cảnh khó khăn"),
            year,
        )),
    ]);
    for i in 0..60 {
        d.launches.push(Launch::new(
            day_tot,
            UnitId::from_key(&format!("HN.BTL.TRUONG{:02}", i + 1)),
            day(2023, 9, 15),
        ));
    }
    d.stated.push(btl(
        "campaign.launch.share",
        Some(Bloc::Schools),
        percent(100, 100),
        Some((
            "Tỷ lệ trường học tổ chức phát động phong trào thi đua",
            "Share of schools that launched the campaign",
        )),
        launched,
    ));
    let skkn = "Kết quả, trong năm học, toàn quận đã có 257/305 SKKN được công nhận cấp Thành phố; 809/862 SKKN được công nhận cấp quận.";
    d.initiative_reports.extend([
        ReportedFunnel::new(btl_id, year)
            .at_level(RecognitionLevel::Province)
            .with_submitted(Reported::exact(305))
            .with_recognised(Reported::exact(257))
            .with_quote("toàn quận đã có 257/305 SKKN được công nhận cấp Thành phố"),
        ReportedFunnel::new(btl_id, year)
            .at_level(RecognitionLevel::District)
            .with_submitted(Reported::exact(862))
            .with_recognised(Reported::exact(809))
            .with_quote("809/862 SKKN được công nhận cấp quận"),
    ]);
    d.stated.push(btl(
        "initiative.city",
        None,
        count(257),
        Some((
            "SKKN được công nhận cấp Thành phố (trên 305 SKKN)",
            "Teaching initiatives recognised by the city (of 305)",
        )),
        skkn,
    ));
    // 212 teachers sponsor 196 students, 265.902.000 đồng: 180 one-to-one
    // commitments and 16 students with two sponsors each.
    let mut money = spread(265_902_000, 196).into_iter();
    let mut teacher = 0u64;
    for s in 0..196u64 {
        let student = BeneficiaryId::from_key(&format!("btl/hoc-sinh/{s}"));
        d.beneficiaries.push(Beneficiary::new(student));
        let sponsors = if s < 16 { 2 } else { 1 };
        let mut c = Sponsorship::new(SponsorshipId::from_key(&format!("btl/do-dau/{s}")), year)
            .with_campaign(CampaignId::from_key("btl/do-dau"))
            .with_beneficiary(student);
        let amount = money.next().unwrap_or(0);
        for k in 0..sponsors {
            // Teachers are taken school by school, the first of each school excepted.
            let school = teacher % 60;
            let nth = 1 + teacher / 60;
            let m = thidua::MemberId::from_key(&format!("HN.BTL.TRUONG{:02}/{nth}", school + 1));
            teacher += 1;
            c = c.with_sponsor(Sponsor::Member { member: m });
            let share = if sponsors == 2 {
                amount / 2 + u64::from(k == 0) * (amount % 2)
            } else {
                amount
            };
            c = c.with_entry(
                Entry::new(
                    day(2024, 1, 15),
                    Contribution::Money(Vnd::from_dong(share as i64)),
                )
                .by(Sponsor::Member { member: m }),
            );
        }
        d.sponsorships.push(c);
    }
    d.stated.push(btl(
        "sponsorship",
        None,
        FigureValue::Money(Reported::exact(Vnd::from_dong(265_902_000))),
        Some(("Số tiền 212 nhà giáo đỡ đầu 196 học sinh", "Money from 212 teachers sponsoring 196 students")),
        "Kết quả, đã có 212 nhà giáo đỡ đầu 196 học sinh số tiền 265.902.000 đồng bằng nhiều hình thức khác nhau",
    ));
    // Each school of Bắc Từ Liêm twinned with at least one school of Thanh Oai.
    for i in 0..60 {
        d.twinnings.push(Twinning::new(
            UnitId::from_key(&format!("HN.BTL.TRUONG{:02}", i + 1)),
            UnitId::from_key(&format!("HN.TO.TRUONG{:02}", i % 30 + 1)),
            day(2022, 9, 5),
        ));
    }
    d
}

/// LĐLĐ quận Tây Hồ, school year 2019-2020 (seed 001).
pub fn tay_ho() -> Dataset {
    let year = sy("2019-2020");
    let mut b = hanoi("2015-01-01")
        .unit(
            "HN.TH",
            UnitKind::DistrictFederation,
            "Liên đoàn Lao động quận Tây Hồ",
            Some("HN"),
        )
        .unwrap();
    // The article names no counts of units: 20 school and 15 business CĐCS stand for
    // them, so that "trên 90%" of launches can be checked against records (32 of 35).
    for i in 0..20 {
        b = b
            .grassroots(
                &format!("HN.TH.TRUONG{:02}", i + 1),
                &format!("Công đoàn trường học số {} quận Tây Hồ", i + 1),
                "HN.TH",
                Bloc::Schools,
                40,
                None,
            )
            .unwrap();
    }
    for i in 0..15 {
        b = b
            .grassroots(
                &format!("HN.TH.DN{:02}", i + 1),
                &format!("Công đoàn doanh nghiệp số {} quận Tây Hồ", i + 1),
                "HN.TH",
                Bloc::ProductionBusiness,
                30,
                None,
            )
            .unwrap();
    }
    let mut d = b
        .subject("HN.TH", Some(year), Some(day(2020, 5, 31)))
        .unwrap()
        .build();
    d.meta.name = "tay-ho-2019-2020".to_owned();
    d.meta.description = "LĐLĐ quận Tây Hồ, năm 2020 và năm học 2019-2020, theo bài \"Phát huy hiệu quả phong trào thi đua yêu nước\" (Lao động Thủ đô). Bài viết không nêu số CĐCS: 35 CĐCS được sinh ra để đối chiếu tỉ lệ phát động.".to_owned();
    d.meta.sources = vec!["Lao động Thủ đô: Liên đoàn Lao động quận Tây Hồ: Phát huy hiệu quả phong trào thi đua yêu nước (N. Hoa)".to_owned()];
    let th = UnitId::from_key("HN.TH");
    let quote = "Liên đoàn Lao động quận đã xây dựng và triển khai kế hoạch phát động phong trào thi đua trong công nhân viên chức lao động đến 100% công đoàn cơ sở, có trên 90% công đoàn cơ sở tổ chức phát động thi đua";
    let campaign = CampaignId::from_key("tay-ho/thi-dua/2020");
    d.campaigns.push(
        Campaign::new(
            campaign,
            CampaignKind::Regular,
            label("Phong trào thi đua trong công nhân viên chức lao động năm 2020"),
            Period::Year("2020".parse().unwrap()),
        )
        .with_launcher(Launcher::Unit { unit: th })
        .with_target(Target::new().with_unit(th))
        .with_reported_coverage(ReportedCoverage::new(
            th,
            day(2020, 12, 31),
            Reported::new(Ratio::new(90, 100).unwrap(), Qualifier::MoreThan),
        )),
    );
    let codes: Vec<String> = (0..20)
        .map(|i| format!("HN.TH.TRUONG{:02}", i + 1))
        .chain((0..15).map(|i| format!("HN.TH.DN{:02}", i + 1)))
        .collect();
    for code in codes.iter().take(32) {
        d.launches.push(Launch::new(
            campaign,
            UnitId::from_key(code),
            day(2020, 2, 20),
        ));
    }
    d.stated.push(stated(
        "HN.TH",
        "campaign.launch.share",
        None,
        FigureValue::Ratio(Reported::new(
            Ratio::new(90, 100).unwrap(),
            Qualifier::MoreThan,
        )),
        None,
        Some((
            "Tỷ lệ CĐCS tổ chức phát động thi đua",
            "Share of grassroots unions that launched the emulation movement",
        )),
        quote,
    ));
    let contest = Contest::new(
        ContestId::from_key("tay-ho/gvdg/2019-2020"),
        label("Hội thi giáo viên dạy giỏi cấp quận"),
        RecognitionLevel::District,
        year,
    )
    .with_result(ContestResult::counted(Prize::new(PrizeRank::Unranked), 33, Some(th)).unwrap());
    d.contests.push(contest);
    d.student_results.push(
        StudentResults::new(th, year)
            .with_gifted(RecognitionLevel::National, Reported::exact(4))
            .with_gifted(RecognitionLevel::Province, Reported::exact(88))
            .with_gifted(RecognitionLevel::District, Reported::exact(269)),
    );
    d.initiative_reports.push(
        ReportedFunnel::new(th, year)
            .with_submitted(Reported::exact(248))
            .with_applied(Reported::exact(89))
            .with_quote("trong năm học vừa qua đã có 248 sáng kiến kinh nghiệm đăng ký thực hiện trong đó có 89 sáng kiến đã được ứng dụng vào thực tiễn"),
    );
    d.stated.push(stated("HN.TH", "contest.teachers", None, count(33), Some(year), Some(("Giáo viên đạt giải tại Hội thi giáo viên dạy giỏi cấp quận", "Teachers awarded at the district's excellent teacher contest")), "Năm học 2019 - 2020 quận Tây Hồ đã có 33 giáo viên đạt giải tại Hội thi giáo viên dạy giỏi cấp quận."));
    d
}

/// Công đoàn Trung tâm GDNN-GDTX huyện Thạch Thất, school year 2021-2022 (seed 004).
pub fn thach_that() -> Dataset {
    let year = sy("2021-2022");
    let mut b = hanoi("2010-01-01")
        .unit(
            "HN.TT",
            UnitKind::DistrictFederation,
            "Liên đoàn Lao động huyện Thạch Thất",
            Some("HN"),
        )
        .unwrap()
        .grassroots(
            "HN.TT.TTDN",
            "Công đoàn Trung tâm Dạy nghề huyện Thạch Thất",
            "HN.TT",
            Bloc::Schools,
            20,
            None,
        )
        .unwrap()
        .grassroots(
            "HN.TT.TTGDTX",
            "Công đoàn Trung tâm Giáo dục thường xuyên huyện Thạch Thất",
            "HN.TT",
            Bloc::Schools,
            18,
            None,
        )
        .unwrap();
    let centre = "HN.TT.GDNN-GDTX";
    b = b
        .grassroots(
            centre,
            "Công đoàn Trung tâm GDNN-GDTX huyện Thạch Thất",
            "HN.TT",
            Bloc::Schools,
            6,
            None,
        )
        .unwrap();
    let mut d = b
        .subject(centre, Some(year), Some(day(2022, 5, 31)))
        .unwrap()
        .build();
    // The two centres merged in 2016; their 38 members moved to the merged centre.
    let merged = day(2016, 8, 1);
    for u in &mut d.units {
        if u.code().as_str() == centre {
            *u = u.clone().established_on(merged);
        }
    }
    let mut moved = Vec::new();
    for ms in &mut d.memberships {
        let u = ms.unit();
        if u == UnitId::from_key("HN.TT.TTDN") || u == UnitId::from_key("HN.TT.TTGDTX") {
            moved.push(
                thidua::Membership::new(ms.member(), UnitId::from_key(centre)).joined_on(merged),
            );
            *ms = ms.left_on(merged);
        } else if u == UnitId::from_key(centre) {
            *ms = thidua::Membership::new(ms.member(), u).joined_on(merged);
        }
    }
    d.memberships.extend(moved);
    d.events.push(thidua::LineageEvent::Merge {
        sources: vec![
            UnitId::from_key("HN.TT.TTDN"),
            UnitId::from_key("HN.TT.TTGDTX"),
        ],
        into: UnitId::from_key(centre),
        date: merged,
    });
    d.meta.name = "thach-that-2021-2022".to_owned();
    d.meta.description = "Công đoàn Trung tâm GDNN-GDTX huyện Thạch Thất, năm học 2021-2022, theo bài \"Đẩy mạnh các phong trào thi đua, nâng cao chất lượng dạy và học\" (Lao động Thủ đô). 44 cán bộ, giáo viên; hai trung tâm sáp nhập năm 2016 (ngày sáp nhập giả định 01/08/2016).".to_owned();
    d.meta.sources = vec!["Lao động Thủ đô: Công đoàn Trung tâm GDNN-GDTX huyện Thạch Thất: Đẩy mạnh các phong trào thi đua, nâng cao chất lượng dạy và học (K.Tiến)".to_owned()];
    let tt = UnitId::from_key(centre);
    d.stated.push(stated(centre, "members", None, count(44), Some(year), Some(("Số cán bộ, giáo viên", "Staff and teachers")), "Với 44 cán bộ, giáo viên, Ban Giám hiệu và Công đoàn luôn tạo điều kiện cho từng đồng chí phát huy tinh thần tự chủ trong công việc."));
    d.contests.push(
        Contest::new(
            ContestId::from_key("thach-that/hvg/2021-2022"),
            label("Kì thi học viên giỏi cấp Thành phố"),
            RecognitionLevel::Province,
            year,
        )
        .with_result(
            ContestResult::counted(
                Prize::new(PrizeRank::First).with_label(label("môn Vật lý")),
                1,
                Some(tt),
            )
            .unwrap(),
        )
        .with_result(ContestResult::counted(Prize::new(PrizeRank::Second), 10, Some(tt)).unwrap())
        .with_result(ContestResult::counted(Prize::new(PrizeRank::Third), 12, Some(tt)).unwrap())
        .with_reported_prizes(Reported::exact(31)),
    );
    d.student_results.push(
        StudentResults::new(tt, year)
            .with_rate(
                StudentMeasure::GoodOrExcellent,
                Reported::exact(Ratio::new(56, 100).unwrap()),
            )
            .with_rate(
                StudentMeasure::Graduation,
                Reported::exact(Ratio::new(9_534, 10_000).unwrap()),
            ),
    );
    d.stated.push(stated(
        centre,
        "students.good_conduct.share",
        None,
        percent(100, 100),
        Some(year),
        Some((
            "Tỉ lệ học sinh đạt hạnh kiểm khá, tốt",
            "Share of students with good or fair conduct",
        )),
        "tỉ lệ học sinh đạt hạnh kiểm khá, tốt 100%.",
    ));
    d.stated.push(stated(centre, "students.university", None, count(68), Some(year), Some(("Học sinh đạt từ 25 điểm trở lên đỗ vào các trường Đại học, Cao đẳng", "Students admitted to universities and colleges with 25 points or more")), "Trong đó có 68 em đạt từ 25 điểm trở lên đỗ vào các trường Đại học, Cao đẳng có uy tín, chất lượng."));
    d.support_records.push(
        SupportRecord::new(
            SupportId::from_key("thach-that/tiep-suc/2021-2022"),
            label("Chương trình “Tiếp sức đến trường”"),
            tt,
            SupportTime::Period { period: year },
        )
        .with_amount(Reported::new(trieu(17), Qualifier::MoreThan))
        .with_item(Item::new(label("sách giáo khoa"), 33, label("bộ")))
        .with_item(Item::new(label("điện thoại thông minh"), 6, label("chiếc")))
        .with_item(Item::new(label("máy tính cầm tay"), 10, label("chiếc")))
        .with_funding(FundingSource::Donations),
    );
    d
}

fn bundled() -> Vec<(&'static str, Dataset)> {
    vec![
        ("gia-lam-2021-2022", gia_lam()),
        ("bac-tu-liem-2023-2024", bac_tu_liem()),
        ("tay-ho-2019-2020", tay_ho()),
        ("thach-that-2021-2022", thach_that()),
    ]
}

#[test]
fn bundled_data_is_current_and_valid() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data");
    let update = std::env::var_os("UPDATE_DATA").is_some();
    for (name, dataset) in bundled() {
        let path = format!("{dir}/{name}.json");
        let json = dataset.to_json() + "\n";
        if update {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(&path, &json).unwrap();
        }
        let kept = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            kept == json,
            "{path} is stale: regenerate with UPDATE_DATA=1 cargo test --all-features --test it bundled"
        );
        let model = Dataset::from_json(&kept)
            .unwrap()
            .into_model()
            .unwrap_or_else(|d| panic!("{name}:\n{d}"));
        assert_eq!(model.meta.name, name);
    }
}

fn report_of(d: Dataset, format: thidua::Format, lang: thidua::Lang) -> String {
    let model = d.into_model().unwrap();
    model
        .report(&thidua::ReportRequest::default())
        .unwrap()
        .render(format, lang)
}

/// Every figure each seed article states appears in its report, formatted as the
/// article formats it.
#[test]
fn reports_show_every_seed_figure_as_written() {
    use thidua::{Format::Markdown, Lang::Vi};
    let cases: [(Dataset, &[&str]); 4] = [
        (
            gia_lam(),
            &[
                "| 244 |",
                "| 15.249 |",
                "| 16.046 |",
                "| 82 |",
                "| 3.646 |",
                "(78%)",
                "(19,5%)",
                "| 78% |",
                "| 19,5% |",
                "3.124/1.724",
                "| 743 |",
                "| 39 |",
                "| 7 |",
                "| 36 |",
                "| 6 |",
                "| hơn 3.800 |",
                "| 2 |",
                "| 37,5 triệu đồng |",
                "| 1.995 |",
                "| trên 1.065 triệu đồng |",
                "| 729 |",
                "| 73 |",
                "(trên tổng số 82)",
                "| 364 triệu đồng |",
                "| 50 |",
                "| 35 triệu đồng |",
                "| 100% |",
                "“năm học 202-2022”",
                "`initiative_report.recognised_exceeds_submitted`",
                "`grades.ungraded`",
                "2 chưa có kết quả",
            ],
        ),
        (
            bac_tu_liem(),
            &[
                "| 60 |",
                "| 2.803 |",
                "257/305",
                "809/862",
                "| 212 |",
                "| 196 |",
                "| 265.902.000 đồng |",
                "60/60 (100%)",
                "| 100% |",
                "giai đoạn 2022-2025",
                "Nhà trường cùng chung tay phát triển",
            ],
        ),
        (
            tay_ho(),
            &[
                "| 33 |",
                "| 248 |",
                "| 89 |",
                "| 4 |",
                "| 88 |",
                "| 269 |",
                "trên 90%",
                "32/35 (91%)",
                "khớp với bài viết (trên 90%)",
            ],
        ),
        (
            thach_that(),
            &[
                "| 44 |",
                "| 31 |",
                "| 1 |",
                "| 10 |",
                "| 12 |",
                "| 8 |",
                "| 95,34% |",
                "| 56% |",
                "| 100% |",
                "| 68 |",
                "| trên 17 triệu đồng |",
                "33 bộ sách giáo khoa",
                "6 chiếc điện thoại thông minh",
                "10 chiếc máy tính cầm tay",
            ],
        ),
    ];
    for (dataset, figures) in cases {
        let name = dataset.meta.name.clone();
        let md = report_of(dataset, Markdown, Vi);
        for f in figures {
            assert!(
                md.contains(f),
                "{name}: {f:?} missing from the report:\n{md}"
            );
        }
    }
}

#[test]
fn bundled_reports_are_pinned() {
    use thidua::{Format, Lang};
    for (name, dataset) in bundled() {
        let model = dataset.into_model().unwrap();
        let report = model.report(&thidua::ReportRequest::default()).unwrap();
        insta::assert_snapshot!(
            format!("{name}.vi.md"),
            report.render(Format::Markdown, Lang::Vi)
        );
        insta::assert_snapshot!(
            format!("{name}.en.txt"),
            report.render(Format::Text, Lang::En)
        );
        let html = report.render(Format::Html, Lang::Vi);
        assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
        assert!(
            !html.contains("<script"),
            "the page is self-contained and inert"
        );
    }
}

#[test]
fn every_bundled_school_is_twinned_and_children_stay_anonymous() {
    let model = bac_tu_liem().into_model().unwrap();
    let tree = model.hierarchy.as_of(day(2024, 5, 31));
    let btl = tree.node_by_code("HN.BTL").unwrap();
    let problems =
        model
            .ledger
            .check_twinning(&tree, btl, thidua::TwinningPartners::AnotherDistrict);
    assert!(problems.is_empty(), "{problems}");
    // No beneficiary carries a name in the bundled data, and none reaches a report.
    assert!(
        model
            .ledger
            .beneficiaries()
            .iter()
            .all(|b| format!("{b:?}").contains("redacted") || !format!("{b:?}").is_empty())
    );
}
