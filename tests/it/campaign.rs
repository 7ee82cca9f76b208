//! Campaigns, launches, registrations, contests, students' results and initiatives on
//! the Hà Nội slice, with the seed reports' figures.

use std::collections::{BTreeSet, HashSet};

use thidua::{
    Application, Bloc, Campaign, CampaignData, CampaignId, CampaignKind, Campaigns, Contest,
    ContestId, ContestResult, DateRange, Diagnostics, InfluenceScope, Initiative, InitiativeId,
    Label, Lang, Launch, Launcher, MemberId, MemberRecord, Participant, PartnerId, Period, Prize,
    PrizeRank, Recognition, RecognitionFilter, RecognitionLevel, Registration, RegistrationId,
    Reported, ReportedCoverage, ReportedFunnel, Review, Role, StudentMeasure, StudentResults,
    Target, TitleCode, UnitId,
};

use crate::fixtures::{date, hanoi, id, member, pgd};

fn label(s: &str) -> Label {
    Label::try_new(s).unwrap()
}

fn period(s: &str) -> Period {
    s.parse().unwrap()
}

fn cid(key: &str) -> CampaignId {
    CampaignId::from_key(key)
}

fn school(district: &str, n: usize) -> String {
    format!("{district}.TH{n:03}")
}

fn title(code: &str) -> TitleCode {
    code.parse().unwrap()
}

fn unit_launcher(code: &str) -> Launcher {
    Launcher::Unit { unit: id(code) }
}

fn partner_launcher(district: &str) -> Launcher {
    Launcher::Partner {
        partner: pgd(district),
    }
}

fn build(data: CampaignData) -> Result<Campaigns, Diagnostics> {
    let slice = hanoi();
    let h = slice.hierarchy_with_partners().unwrap();
    let roster = slice.roster(&h).unwrap();
    Campaigns::build(&h, &roster, data)
}

// --- Bắc Từ Liêm, năm học 2023-2024 (seed 000) -----------------------------------------

const CITY_AWARD: &str = "hn/2023-2024/nha-giao-tam-huyet";
const BTL_AWARD: &str = "btl/2023-2024/nha-giao-tam-huyet";
const TWO_GOODS: &str = "btl/2023-2024/day-tot-hoc-tot";
const TOGETHER: &str = "btl/2022-2025/chung-tay";
const EXAMPLE: &str = "btl/tam-guong";

/// The campaigns of Bắc Từ Liêm in 2023-2024, every school launching "Dạy tốt - Học
/// tốt", and 862 initiatives: 809 recognised by the district council; 305 of them sent
/// to the city council, which recognised 257.
fn bac_tu_liem() -> CampaignData {
    let year = period("năm học 2023 - 2024");
    let mut data = CampaignData::default();
    data.campaigns.push(
        Campaign::new(
            cid(CITY_AWARD),
            CampaignKind::AwardProgramme,
            label("Nhà giáo Hà Nội tâm huyết sáng tạo"),
            year,
        )
        .with_launcher(unit_launcher("HN")),
    );
    data.campaigns.push(
        Campaign::new(
            cid(BTL_AWARD),
            CampaignKind::AwardProgramme,
            label("Nhà giáo Bắc Từ Liêm tâm huyết sáng tạo"),
            year,
        )
        .with_launcher(unit_launcher("HN.BTL"))
        .with_launcher(partner_launcher("HN.BTL"))
        .with_parent(cid(CITY_AWARD)),
    );
    data.campaigns.push(
        Campaign::new(
            cid(TWO_GOODS),
            CampaignKind::Regular,
            label("Dạy tốt - Học tốt"),
            year,
        )
        .with_launcher(unit_launcher("HN.BTL"))
        .with_launcher(partner_launcher("HN.BTL"))
        .with_target(
            Target::new()
                .with_unit(id("HN.BTL"))
                .with_bloc(Bloc::Schools)
                .with_role(Role::Manager)
                .with_role(Role::Teacher)
                .with_role(Role::Staff),
        )
        .with_goal(label(
            "Phẩm chất đạo đức tốt - chuyên môn giỏi - phong cách đẹp",
        ))
        .with_criterion(label(
            "100% CBGVNV đăng ký danh hiệu thi đua từ đầu năm học",
        ))
        .with_registration_window("2023-09-05/2023-10-15".parse().unwrap())
        .with_reported_coverage(ReportedCoverage::new(
            id("HN.BTL"),
            date(2023, 10, 31),
            "100%".parse().unwrap(),
        )),
    );
    data.campaigns.push(
        Campaign::new(
            cid(TOGETHER),
            CampaignKind::Thematic,
            label("Nhà trường cùng chung tay phát triển - Thầy cô cùng sẻ chia trách nhiệm"),
            period("giai đoạn 2022 -2025"),
        )
        .with_launcher(unit_launcher("HN.BTL"))
        .with_launcher(partner_launcher("HN.BTL")),
    );
    data.campaigns.push(
        Campaign::new(
            cid(EXAMPLE),
            CampaignKind::Drive,
            label("Mỗi thầy cô giáo là một tấm gương đạo đức, tự học và sáng tạo"),
            year,
        )
        .with_launcher(unit_launcher("HN.BTL")),
    );
    for n in 1..=60 {
        data.launches.push(Launch::new(
            cid(TWO_GOODS),
            id(&school("HN.BTL", n)),
            date(2023, 9, 5 + (n % 20) as u32),
        ));
    }
    for i in 0..862 {
        let mut review = Review::new(RecognitionLevel::District).submitted_on(date(2023, 12, 1));
        if i < 809 {
            review = review.recognised(
                Recognition::new(date(2024, 1, 15))
                    .with_scope(InfluenceScope::Unit)
                    .with_decision(label("15/QĐ-UBND")),
            );
        }
        let mut skkn = Initiative::new(
            InitiativeId::from_key(&format!("btl/2023-2024/skkn-{i}")),
            label(&format!("Sáng kiến kinh nghiệm số {}", i + 1)),
            id(&school("HN.BTL", i % 60 + 1)),
            year,
        )
        .with_author(member(&school("HN.BTL", i % 60 + 1), i / 60))
        .submitted_on(date(2023, 10, 2))
        .with_review(review);
        if i < 305 {
            let mut city = Review::new(RecognitionLevel::Province).submitted_on(date(2024, 2, 20));
            if i < 257 {
                city = city.recognised(
                    Recognition::new(date(2024, 5, 20))
                        .with_scope(InfluenceScope::SectorOrProvince)
                        .with_council(label("Hội đồng khoa học ngành Giáo dục Thành phố")),
                );
            }
            skkn = skkn.with_review(city);
        }
        data.initiatives.push(skkn);
    }
    for (level, recognised, submitted) in [
        (RecognitionLevel::Province, 257, 305),
        (RecognitionLevel::District, 809, 862),
    ] {
        data.initiative_reports.push(
            ReportedFunnel::new(id("HN.BTL"), year)
                .at_level(level)
                .with_submitted(Reported::exact(submitted))
                .with_recognised(Reported::exact(recognised)),
        );
    }
    data
}

#[test]
fn bac_tu_liem_2023_2024() {
    let slice = hanoi();
    let h = slice.hierarchy_with_partners().unwrap();
    let roster = slice.roster(&h).unwrap();
    let campaigns = Campaigns::build(&h, &roster, bac_tu_liem()).unwrap();
    assert!(campaigns.warnings().is_empty(), "{}", campaigns.warnings());

    // Co-launched by the district federation and the education department.
    let two_goods = campaigns.campaign(cid(TWO_GOODS)).unwrap();
    assert_eq!(
        two_goods.launchers(),
        [unit_launcher("HN.BTL"), partner_launcher("HN.BTL")]
    );
    assert_eq!(
        two_goods.kind().label_vi(),
        "phong trào thi đua thường xuyên"
    );
    // "… tới 100% các nhà trường": 60 of 60 school CĐCS launched it.
    let tree = h.as_of(date(2024, 8, 31));
    let btl = tree.node_by_code("HN.BTL").unwrap();
    let coverage = campaigns.coverage(cid(TWO_GOODS), &tree, btl).unwrap();
    assert_eq!((coverage.launched(), coverage.targeted()), (60, 60));
    assert_eq!(
        coverage.ratio().unwrap().to_percent_string(0, Lang::Vi),
        "100%"
    );
    assert!(coverage.not_launched().is_empty());
    // As of 10 September only the schools that had launched by then count.
    let early = h.as_of(date(2023, 9, 10));
    let coverage = campaigns
        .coverage(
            cid(TWO_GOODS),
            &early,
            early.node_by_code("HN.BTL").unwrap(),
        )
        .unwrap();
    assert_eq!((coverage.launched(), coverage.targeted()), (18, 60));
    assert_eq!(coverage.not_launched().len(), 42);
    assert_eq!(
        early.code(coverage.not_launched()[0]).as_str(),
        "HN.BTL.TH006"
    );
    // The city's coverage counts only the schools of Bắc Từ Liêm's target.
    let hn = tree.node_by_code("HN").unwrap();
    let coverage = campaigns.coverage(cid(TWO_GOODS), &tree, hn).unwrap();
    assert_eq!((coverage.launched(), coverage.targeted()), (60, 60));
    assert!(campaigns.coverage(cid("nothing"), &tree, hn).is_none());
    assert_eq!(
        campaigns.launch_date(cid(TWO_GOODS), id("HN.BTL.TH001")),
        Some(date(2023, 9, 6))
    );

    // The phase movement "giai đoạn 2022 -2025".
    let together = campaigns.campaign(cid(TOGETHER)).unwrap();
    assert_eq!(together.period().to_string(), "giai đoạn 2022-2025");
    assert_eq!(
        together.period().default_span().to_string(),
        "2022-01-01/2025-12-31"
    );
    // The district award under the city's.
    let parent = campaigns.parent(cid(BTL_AWARD)).unwrap();
    assert_eq!(parent.name().as_str(), "Nhà giáo Hà Nội tâm huyết sáng tạo");
    let children: Vec<&str> = campaigns
        .children(cid(CITY_AWARD))
        .map(|c| c.name().as_str())
        .collect();
    assert_eq!(children, ["Nhà giáo Bắc Từ Liêm tâm huyết sáng tạo"]);
    assert_eq!(campaigns.ancestors(cid(BTL_AWARD)).count(), 1);
    assert_eq!(campaigns.ancestors(cid(CITY_AWARD)).count(), 0);

    // "257/305 SKKN được công nhận cấp Thành phố; 809/862 SKKN được công nhận cấp quận".
    let book = campaigns.initiatives();
    assert_eq!(book.len(), 862);
    let year = period("năm học 2023-2024");
    let district = book.funnel(&tree, btl, year, Some(RecognitionLevel::District));
    assert_eq!((district.submitted(), district.recognised()), (862, 809));
    assert_eq!(
        district
            .recognition_ratio()
            .unwrap()
            .to_fraction_string(Lang::Vi),
        "809/862"
    );
    let city = book.funnel(&tree, btl, year, Some(RecognitionLevel::Province));
    assert_eq!((city.submitted(), city.recognised()), (305, 257));
    assert_eq!(
        city.recognition_ratio()
            .unwrap()
            .to_percent_string(1, Lang::Vi),
        "84,3%"
    );
    let reported: Vec<String> = book
        .reported_funnels()
        .iter()
        .map(|f| format!("{}/{}", f.recognised().unwrap(), f.submitted().unwrap()))
        .collect();
    assert_eq!(reported, ["257/305", "809/862"]);
    // Before the city council decided, none was recognised at city level.
    let before = h.as_of(date(2024, 5, 1));
    let city = book.funnel(
        &before,
        before.node_by_code("HN.BTL").unwrap(),
        year,
        Some(RecognitionLevel::Province),
    );
    assert_eq!((city.submitted(), city.recognised()), (305, 0));
    // Overall: every one registered, 809 recognised at some level.
    let all = book.funnel(&tree, btl, year, None);
    assert_eq!(
        (all.submitted(), all.recognised(), all.applied()),
        (862, 809, 0)
    );
    // Another district's area holds none of them.
    let gl = tree.node_by_code("HN.GL").unwrap();
    assert_eq!(book.funnel(&tree, gl, year, None).submitted(), 0);

    // A teacher's initiatives as a prerequisite: counted once, as of a day.
    let author = member("HN.BTL.TH001", 0);
    let at_city = RecognitionFilter::at_least(RecognitionLevel::Province)
        .with_scope_at_least(InfluenceScope::SectorOrProvince);
    let found = book.recognised_for(author, year, at_city);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].title().as_str(), "Sáng kiến kinh nghiệm số 1");
    let any_level = RecognitionFilter::at_least(RecognitionLevel::Unit);
    assert_eq!(book.recognised_for(author, year, any_level).len(), 1);
    assert!(
        book.recognised_for(author, year, at_city.as_of(date(2024, 5, 19)))
            .is_empty()
    );
    assert_eq!(
        book.recognised_for(author, year, at_city.as_of(date(2024, 5, 20)))
            .len(),
        1
    );
    let ministry = RecognitionFilter::at_least(RecognitionLevel::Ministry);
    assert_eq!(book.recognised_for(author, year, ministry).len(), 1);
    let national = RecognitionFilter::at_least(RecognitionLevel::National);
    assert!(book.recognised_for(author, year, national).is_empty());
    let nationwide = RecognitionFilter::at_least(RecognitionLevel::Unit)
        .with_scope_at_least(InfluenceScope::National);
    assert!(book.recognised_for(author, year, nationwide).is_empty());
    assert_eq!(
        book.recognised_for(author, period("giai đoạn 2022-2025"), at_city)
            .len(),
        1
    );
    assert!(
        book.recognised_for(author, period("năm học 2022-2023"), any_level)
            .is_empty()
    );
    // Sent to the city but recognised only by the district.
    let district_only = member("HN.BTL.TH001", 5);
    assert!(book.recognised_for(district_only, year, at_city).is_empty());
    let at_district = RecognitionFilter::at_least(RecognitionLevel::District);
    assert_eq!(
        book.recognised_for(district_only, year, at_district).len(),
        1
    );
    assert_eq!(book.of_member(district_only).count(), 1);
}

#[test]
fn registrations_for_titles() {
    let year = period("năm học 2023-2024");
    let mut data = bac_tu_liem();
    let reg = |key: &str, who: Participant, code: &str, p: Period, d| {
        Registration::new(
            RegistrationId::from_key(key),
            cid(TWO_GOODS),
            who,
            title(code),
            p,
            d,
        )
    };
    let teacher = |s: usize, k: usize| Participant::member(member(&school("HN.BTL", s), k));
    data.registrations = vec![
        reg("r0", teacher(1, 0), "ldtt", year, date(2023, 9, 20)),
        reg("r1", teacher(1, 1), "cstdcs", year, date(2023, 9, 25)),
        reg(
            "r2",
            Participant::unit(id("HN.BTL.TH002")),
            "tt-ldxs",
            year,
            date(2023, 9, 30),
        ),
        reg("r3", teacher(1, 0), "ldtt", year, date(2023, 10, 1)),
        reg("r4", teacher(3, 0), "ldtt", year, date(2023, 10, 20)),
        reg(
            "r5",
            Participant::member(member("HN.GL.TH001", 0)),
            "ldtt",
            year,
            date(2023, 9, 20),
        ),
        reg("r6", teacher(4, 0), "ldtt", year, date(2023, 8, 20)),
        reg(
            "r7",
            teacher(5, 0),
            "ldtt",
            period("năm học 2021-2022"),
            date(2023, 9, 20),
        ),
        reg("r8", teacher(6, 0), "ldtt", year, date(2023, 9, 20)),
        reg(
            "r9",
            Participant::unit(id("HN.GL.DN001")),
            "tt-ldtt",
            year,
            date(2023, 9, 20),
        ),
    ];
    let mut slice = hanoi();
    let worker = member(&school("HN.BTL", 6), 0);
    for m in &mut slice.members {
        if m.id() == worker {
            *m = MemberRecord::new(worker).with_role(Role::Worker);
        }
    }
    let h = slice.hierarchy_with_partners().unwrap();
    let roster = slice.roster(&h).unwrap();
    let campaigns = Campaigns::build(&h, &roster, data).unwrap();
    insta::assert_snapshot!(campaigns.warnings(), @r#"
    warning[registration.duplicate] at $.registrations[3]: member 836efefa-047b-5f82-a2eb-81aa0acfcacd already registered for ldtt in năm học 2023-2024 at $.registrations[0]
    warning[registration.late] at $.registrations[4].date: member 33cd3054-44ad-5638-84b3-52be10717af2 registers for ldtt under "Dạy tốt - Học tốt" on 2023-10-20, after the registration deadline (2023-10-15)
    warning[registration.out_of_scope] at $.registrations[5].registrant: member d915540a-6772-5749-be61-7f5dfe2e7594 belongs to "HN.GL.TH001" on 2023-09-20, which is not in the area of "HN.BTL": outside the target of "Dạy tốt - Học tốt"
    warning[registration.early] at $.registrations[6].date: member b0b73515-c34a-5f1d-88c4-1258ecbbd891 registers for ldtt under "Dạy tốt - Học tốt" on 2023-08-20, before the registration window opens on 2023-09-05
    warning[registration.period_mismatch] at $.registrations[7].period: member 61cdeee7-3575-5324-ac96-489b7c12c533 registers for năm học 2021-2022 under "Dạy tốt - Học tốt", which runs in năm học 2023-2024
    warning[registration.out_of_scope] at $.registrations[8].registrant: member fb1d24ef-bbbe-5779-bda3-ebdca03a370a is a worker, not manager or teacher or staff: outside the target of "Dạy tốt - Học tốt"
    warning[registration.out_of_scope] at $.registrations[9].registrant: unit "HN.GL.DN001" registers on 2023-09-20 but is not in the area of "HN.BTL": outside the target of "Dạy tốt - Học tốt"
    "#);

    let ldtt = title("ldtt");
    assert!(campaigns.is_registered(teacher(1, 0), &ldtt, year));
    assert!(!campaigns.is_registered(teacher(1, 0), &title("cstdcs"), year));
    assert!(campaigns.is_registered(teacher(1, 1), &title("cstdcs"), year));
    // A late registration is still a registration; the build warned about it.
    assert!(campaigns.is_registered(teacher(3, 0), &ldtt, year));
    assert!(campaigns.is_registered(
        Participant::unit(id("HN.BTL.TH002")),
        &title("tt-ldxs"),
        year
    ));
    // Exactly the period asked about: a calendar year or a phase is another period.
    assert!(!campaigns.is_registered(teacher(1, 0), &ldtt, period("năm 2024")));
    assert!(!campaigns.is_registered(teacher(1, 0), &ldtt, period("giai đoạn 2022-2025")));
    assert!(!campaigns.is_registered(teacher(2, 0), &ldtt, year));
    assert_eq!(
        campaigns
            .registrations_of(teacher(1, 0), period("giai đoạn 2022-2025"))
            .count(),
        2
    );

    // A school's registrations: its own and its members'.
    let tree = h.as_of(date(2024, 5, 31));
    let th001 = tree.node_by_code("HN.BTL.TH001").unwrap();
    let ids: Vec<RegistrationId> = campaigns
        .unit_registrations(&tree, th001, year)
        .iter()
        .map(|r| r.id())
        .collect();
    assert_eq!(
        ids,
        ["r0", "r1", "r3"].map(RegistrationId::from_key).to_vec()
    );
    let btl = tree.node_by_code("HN.BTL").unwrap();
    assert_eq!(campaigns.unit_registrations(&tree, btl, year).len(), 7);
    let hn = tree.node_by_code("HN").unwrap();
    assert_eq!(campaigns.unit_registrations(&tree, hn, year).len(), 9);
}

// --- Tây Hồ, năm 2020 and năm học 2019-2020 (seed 001) -----------------------------------

const TH_2020: &str = "th/2020/thi-dua";
const TH_WORKERS: &str = "th/2020/cong-nhan-gioi";
const TH_TWO_GOODS: &str = "th/2019-2020/day-tot-hoc-tot";

/// Tây Hồ: the federation's 2020 movement, launched "đến 100% công đoàn cơ sở", and
/// launched in turn by `launched` of its 35 CĐCS (20 schools first, then businesses);
/// 33 teachers with prizes at the district Giáo viên dạy giỏi contest; 248 SKKN
/// registered, 89 applied; 4/88/269 gifted students.
fn tay_ho(launched: usize) -> CampaignData {
    let mut data = CampaignData::default();
    data.campaigns.push(
        Campaign::new(
            cid(TH_2020),
            CampaignKind::Regular,
            label("Phong trào thi đua yêu nước năm 2020"),
            period("năm 2020"),
        )
        .with_launcher(unit_launcher("HN.TH"))
        .with_reported_coverage(ReportedCoverage::new(
            id("HN.TH"),
            date(2020, 12, 31),
            "trên 90%".parse().unwrap(),
        )),
    );
    data.campaigns.push(
        Campaign::new(
            cid(TH_WORKERS),
            CampaignKind::TitleMovement,
            label("Công nhân giỏi"),
            period("năm 2020"),
        )
        .with_launcher(unit_launcher("HN.TH"))
        .with_target(Target::new().with_bloc(Bloc::ProductionBusiness))
        .with_parent(cid(TH_2020)),
    );
    data.campaigns.push(
        Campaign::new(
            cid(TH_TWO_GOODS),
            CampaignKind::Regular,
            label("Dạy tốt, Học tốt"),
            period("năm học 2019 - 2020"),
        )
        .with_launcher(unit_launcher("HN.TH"))
        .with_launcher(partner_launcher("HN.TH"))
        .with_target(Target::new().with_bloc(Bloc::Schools)),
    );
    let cdcs = (1..=20)
        .map(|n| school("HN.TH", n))
        .chain((1..=15).map(|n| format!("HN.TH.DN{n:03}")));
    for (k, code) in cdcs.take(launched).enumerate() {
        data.launches.push(Launch::new(
            cid(TH_2020),
            id(&code),
            date(2020, 2, 1 + (k % 28) as u32),
        ));
    }
    let mut contest = Contest::new(
        ContestId::from_key("th/2019-2020/gvdg"),
        label("Hội thi giáo viên dạy giỏi cấp quận"),
        RecognitionLevel::District,
        period("năm học 2019-2020"),
    )
    .under(cid(TH_TWO_GOODS))
    .held_on(date(2019, 12, 10))
    .with_reported_prizes(Reported::exact(33));
    for i in 0..33 {
        let teacher = Participant::member(member(&school("HN.TH", i % 20 + 1), i / 20));
        contest = contest
            .with_entrant(teacher)
            .with_result(ContestResult::winner(
                teacher,
                Prize::new(PrizeRank::Unranked),
            ));
    }
    data.contests.push(contest);
    let year = period("năm học 2019-2020");
    for i in 0..248 {
        let mut skkn = Initiative::new(
            InitiativeId::from_key(&format!("th/2019-2020/skkn-{i}")),
            label(&format!("Sáng kiến kinh nghiệm số {}", i + 1)),
            id(&school("HN.TH", i % 20 + 1)),
            year,
        )
        .with_author(member(&school("HN.TH", i % 20 + 1), i / 20))
        .submitted_on(date(2019, 10, 15));
        if i < 89 {
            skkn = skkn.with_application(Application::on(date(2020, 3, 2)));
        }
        data.initiatives.push(skkn);
    }
    data.initiative_reports.push(
        ReportedFunnel::new(id("HN.TH"), year)
            .with_submitted(Reported::exact(248))
            .with_applied(Reported::exact(89)),
    );
    data.student_results.push(
        StudentResults::new(id("HN.TH"), year)
            .with_gifted(RecognitionLevel::National, Reported::exact(4))
            .with_gifted(RecognitionLevel::Province, Reported::exact(88))
            .with_gifted(RecognitionLevel::District, Reported::exact(269)),
    );
    data
}

#[test]
fn tay_ho_2019_2020() {
    let slice = hanoi();
    let h = slice.hierarchy_with_partners().unwrap();
    let roster = slice.roster(&h).unwrap();
    let campaigns = Campaigns::build(&h, &roster, tay_ho(32)).unwrap();
    assert!(campaigns.warnings().is_empty(), "{}", campaigns.warnings());

    // "trên 90% công đoàn cơ sở tổ chức phát động": 32 of the 35 CĐCS.
    let tree = h.as_of(date(2020, 12, 31));
    let th = tree.node_by_code("HN.TH").unwrap();
    let coverage = campaigns.coverage(cid(TH_2020), &tree, th).unwrap();
    assert_eq!((coverage.launched(), coverage.targeted()), (32, 35));
    let ratio = coverage.ratio().unwrap();
    assert_eq!(ratio.to_fraction_string(Lang::Vi), "32/35");
    assert_eq!(ratio.to_percent_string(2, Lang::Vi), "91,43%");
    let missing: Vec<&str> = coverage
        .not_launched()
        .iter()
        .map(|&n| tree.code(n).as_str())
        .collect();
    assert_eq!(missing, ["HN.TH.DN013", "HN.TH.DN014", "HN.TH.DN015"]);
    // "Công nhân giỏi" targets the business bloc only: 12 of its 15 launched the
    // federation's movement, none this one.
    let workers = campaigns.coverage(cid(TH_WORKERS), &tree, th).unwrap();
    assert_eq!((workers.launched(), workers.targeted()), (0, 15));
    assert_eq!(
        campaigns.parent(cid(TH_WORKERS)).unwrap().id(),
        cid(TH_2020)
    );

    // "33 giáo viên đạt giải tại Hội thi giáo viên dạy giỏi cấp quận".
    let year = period("năm học 2019-2020");
    let prizes = campaigns.unit_contest_results(&tree, th, year);
    assert_eq!(prizes.len(), 33);
    let teachers: HashSet<Participant> = prizes
        .iter()
        .filter_map(|p| match p.result() {
            ContestResult::Winner { winner, .. } => Some(*winner),
            _ => None,
        })
        .collect();
    assert_eq!(teachers.len(), 33);
    assert!(
        prizes
            .iter()
            .all(|p| p.contest().level() == RecognitionLevel::District)
    );
    let first_school = tree.node_by_code("HN.TH.TH001").unwrap();
    let at_first = campaigns.unit_contest_results(&tree, first_school, year);
    assert_eq!(at_first.len(), 2);
    assert!(at_first.iter().all(|p| p.unit() == id("HN.TH.TH001")));
    let contest = campaigns
        .contest(ContestId::from_key("th/2019-2020/gvdg"))
        .unwrap();
    let tally = contest.tally();
    assert_eq!(tally.count(PrizeRank::Unranked), 33);
    assert_eq!(tally.itemised(), 33);
    assert_eq!(tally.unexplained(), Some(Reported::exact(0)));
    assert!(
        campaigns
            .unit_contest_results(&tree, th, period("năm học 2020-2021"))
            .is_empty()
    );

    // "248 sáng kiến kinh nghiệm đăng ký thực hiện trong đó có 89 sáng kiến đã được ứng dụng".
    let funnel = campaigns.initiatives().funnel(&tree, th, year, None);
    assert_eq!(
        (funnel.submitted(), funnel.recognised(), funnel.applied()),
        (248, 0, 89)
    );
    assert_eq!(
        funnel
            .application_ratio()
            .unwrap()
            .to_fraction_string(Lang::Vi),
        "89/248"
    );
    // Before the initiatives were applied.
    let winter = h.as_of(date(2020, 1, 31));
    let funnel =
        campaigns
            .initiatives()
            .funnel(&winter, winter.node_by_code("HN.TH").unwrap(), year, None);
    assert_eq!((funnel.submitted(), funnel.applied()), (248, 0));

    // "4 học sinh giỏi quốc gia, 88 học sinh giỏi thành phố, 269 học sinh giỏi cấp quận".
    let results: Vec<&StudentResults> = campaigns.student_results_of(id("HN.TH"), year).collect();
    assert_eq!(results.len(), 1);
    let gifted = |level| results[0].gifted(level).unwrap().value();
    assert_eq!(
        (
            gifted(RecognitionLevel::National),
            gifted(RecognitionLevel::Province),
            gifted(RecognitionLevel::District)
        ),
        (4, 88, 269)
    );
    let total =
        Reported::checked_sum(results[0].gifted_counts().iter().map(|g| g.count())).unwrap();
    assert_eq!(total.to_string(), "361");
    assert!(results[0].gifted(RecognitionLevel::Unit).is_none());
}

#[test]
fn tay_ho_coverage_below_the_reported_figure() {
    // With 31 of 35 launches (88,57%) "trên 90%" is not borne out.
    let campaigns = build(tay_ho(31)).unwrap();
    insta::assert_snapshot!(campaigns.warnings(), @r#"warning[campaign.coverage_mismatch] at $.campaigns[0].reported_coverage[0].coverage: reported coverage trên 90% of "Phong trào thi đua yêu nước năm 2020" in "HN.TH" on 2020-12-31 does not match the launch records: 31/35 (88,57%)"#);
    // Nor is "trên 90%" at exactly 90%: "trên" is strict.
    let mut data = tay_ho(32);
    data.campaigns[0] = data.campaigns[0]
        .clone()
        .with_reported_coverage(ReportedCoverage::new(
            id("HN.TH"),
            date(2020, 2, 24),
            "trên 80%".parse().unwrap(),
        ));
    // By 24 February 28 of 35 had launched: exactly 80%.
    let campaigns = build(data).unwrap();
    insta::assert_snapshot!(campaigns.warnings(), @r#"warning[campaign.coverage_mismatch] at $.campaigns[0].reported_coverage[1].coverage: reported coverage trên 80% of "Phong trào thi đua yêu nước năm 2020" in "HN.TH" on 2020-02-24 does not match the launch records: 28/35 (80%)"#);
}

// --- Thạch Thất, năm học 2021-2022 (seed 004) --------------------------------------------

fn thach_that(total: &str) -> CampaignData {
    let centre = Some(id("HN.TT.GDNN-GDTX"));
    let mut data = CampaignData::default();
    data.contests.push(
        Contest::new(
            ContestId::from_key("tt/2021-2022/hvg"),
            label("Kì thi học viên giỏi cấp Thành phố"),
            RecognitionLevel::Province,
            period("năm học 2021 - 2022"),
        )
        .with_result(
            ContestResult::counted(
                Prize::new(PrizeRank::First).with_label(label("môn Vật lý")),
                1,
                centre,
            )
            .unwrap(),
        )
        .with_result(ContestResult::counted(Prize::new(PrizeRank::Second), 10, centre).unwrap())
        .with_result(ContestResult::counted(Prize::new(PrizeRank::Third), 12, centre).unwrap())
        .with_reported_prizes(total.parse().unwrap()),
    );
    data.student_results.push(
        StudentResults::new(id("HN.TT.GDNN-GDTX"), period("năm 2021"))
            .with_rate(StudentMeasure::Graduation, "95,34%".parse().unwrap()),
    );
    data
}

#[test]
fn thach_that_2021_2022() {
    let slice = hanoi();
    let h = slice.hierarchy_with_partners().unwrap();
    let roster = slice.roster(&h).unwrap();
    let campaigns = Campaigns::build(&h, &roster, thach_that("31")).unwrap();
    assert!(campaigns.warnings().is_empty(), "{}", campaigns.warnings());

    // "31 giải. Đặc biệt, có 1 giải Nhất môn Vật lý, 10 giải Nhì, 12 giải Ba".
    let contest = &campaigns.contests()[0];
    let tally = contest.tally();
    assert_eq!(
        (
            tally.count(PrizeRank::First),
            tally.count(PrizeRank::Second),
            tally.count(PrizeRank::Third),
            tally.count(PrizeRank::Consolation)
        ),
        (1, 10, 12, 0)
    );
    assert_eq!(tally.itemised(), 23);
    assert_eq!(tally.reported(), Some(Reported::exact(31)));
    assert_eq!(tally.unexplained(), Some(Reported::exact(8)));
    assert_eq!(
        contest.results()[0].prize().to_string(),
        "giải Nhất môn Vật lý"
    );
    // Credited to the centre, and so to the district.
    let tree = h.as_of(date(2022, 5, 31));
    let year = period("năm học 2021-2022");
    for code in ["HN.TT.GDNN-GDTX", "HN.TT", "HN"] {
        let node = tree.node_by_code(code).unwrap();
        let prizes = campaigns.unit_contest_results(&tree, node, year);
        assert_eq!(prizes.iter().map(|p| p.result().count()).sum::<u64>(), 23);
    }
    let gl = tree.node_by_code("HN.GL").unwrap();
    assert!(campaigns.unit_contest_results(&tree, gl, year).is_empty());

    // "tỉ lệ đỗ tốt nghiệp Trung học phổ thông đạt 95,34%".
    let results = campaigns
        .student_results_of(id("HN.TT.GDNN-GDTX"), period("năm 2021"))
        .next()
        .unwrap();
    let rate = results.rate(&StudentMeasure::Graduation).unwrap();
    assert_eq!(
        (rate.value().numerator(), rate.value().denominator()),
        (9_534, 10_000)
    );
    assert_eq!(rate.value().to_percent_string(2, Lang::Vi), "95,34%");
    assert_eq!(rate.to_string(), "95,34%");
    assert!(results.rate(&StudentMeasure::GoodOrExcellent).is_none());

    // A total qualified "hơn" leaves a remainder qualified the same way.
    let campaigns = build(thach_that("hơn 31")).unwrap();
    let tally = campaigns.contests()[0].tally();
    assert_eq!(tally.unexplained().unwrap().to_string(), "hơn 8");
    // A breakdown larger than the total is flagged, and nothing is made up.
    let campaigns = build(thach_that("20")).unwrap();
    assert_eq!(campaigns.contests()[0].tally().unexplained(), None);
    insta::assert_snapshot!(campaigns.warnings(), @r#"warning[contest.breakdown_exceeds_total] at $.contests[0].reported_prizes: the results of "Kì thi học viên giỏi cấp Thành phố" itemise 23 prizes, more than the 20 reported"#);
}

// --- Gia Lâm (seed 002) ------------------------------------------------------------------

#[test]
fn gia_lam_recognised_more_than_submitted() {
    // "có 3.124 /1.724 sáng kiến được cập nhật": held as given, and flagged.
    let mut data = CampaignData::default();
    data.initiative_reports.push(
        ReportedFunnel::new(id("HN.GL"), period("năm học 2021-2022"))
            .with_recognised("3.124".parse().unwrap())
            .with_submitted("1.724".parse().unwrap()),
    );
    let campaigns = build(data).unwrap();
    insta::assert_snapshot!(campaigns.warnings(), @r#"warning[initiative_report.recognised_exceeds_submitted] at $.initiative_reports[0].recognised: in "HN.GL", năm học 2021-2022: 3,124 recognised is more than the 1,724 submitted"#);
    assert_eq!(
        campaigns.warnings().to_string_in(thidua::Lang::Vi),
        "cảnh báo[initiative_report.recognised_exceeds_submitted] tại \
         $.initiative_reports[0].recognised: “HN.GL”, năm học 2021-2022: số sáng kiến được \
         công nhận (3.124) nhiều hơn số đăng ký (1.724)\n"
    );
    let figures = &campaigns.initiatives().reported_funnels()[0];
    assert_eq!(figures.recognised(), Some(Reported::exact(3_124)));
    assert_eq!(figures.submitted(), Some(Reported::exact(1_724)));
    assert_eq!(campaigns.initiatives().warnings(), campaigns.warnings());
}

// --- Every diagnostic ------------------------------------------------------------------

/// Data with every error the build reports.
fn broken() -> CampaignData {
    let year = period("năm học 2021-2022");
    let ghost_unit = UnitId::from_key("nowhere");
    let ghost_member = MemberId::from_key("nobody");
    let mut data = CampaignData::default();
    let ok = Campaign::new(cid("ok"), CampaignKind::Regular, label("Hai tốt"), year)
        .with_launcher(unit_launcher("HN.GL"));
    data.campaigns = vec![
        ok.clone(),
        ok,
        Campaign::new(
            cid("orphan"),
            CampaignKind::Drive,
            label("Không ai phát động"),
            year,
        ),
        Campaign::new(cid("ghosts"), CampaignKind::Thematic, label("Ma"), year)
            .with_launcher(Launcher::Unit { unit: ghost_unit })
            .with_launcher(Launcher::Partner {
                partner: PartnerId::from_key("nobody"),
            }),
        Campaign::new(
            cid("partner-only"),
            CampaignKind::Regular,
            label("Chỉ Phòng"),
            year,
        )
        .with_launcher(partner_launcher("HN.BTL"))
        .with_parent(cid("missing")),
        Campaign::new(cid("a"), CampaignKind::Regular, label("Vòng A"), year)
            .with_launcher(unit_launcher("HN.GL"))
            .with_parent(cid("b")),
        Campaign::new(cid("b"), CampaignKind::Regular, label("Vòng B"), year)
            .with_launcher(unit_launcher("HN.GL"))
            .with_parent(cid("a")),
    ];
    data.launches = vec![
        Launch::new(cid("missing"), id("HN.GL.TH001"), date(2021, 9, 10)),
        Launch::new(cid("ok"), ghost_unit, date(2021, 9, 10)),
        Launch::new(cid("ok"), id("HN.TT.TTDN001"), date(2021, 9, 10)),
    ];
    let reg = |key: &str, campaign: &str, who| {
        Registration::new(
            RegistrationId::from_key(key),
            cid(campaign),
            who,
            title("ldtt"),
            year,
            date(2021, 9, 20),
        )
    };
    data.registrations = vec![
        reg("dup", "ok", Participant::member(member("HN.GL.TH001", 0))),
        reg("dup", "ok", Participant::member(member("HN.GL.TH001", 1))),
        reg(
            "x",
            "missing",
            Participant::member(member("HN.GL.TH001", 2)),
        ),
        reg("y", "ok", Participant::member(ghost_member)),
        reg("z", "ok", Participant::unit(ghost_unit)),
    ];
    let contest = Contest::new(
        ContestId::from_key("c"),
        label("Hội giảng 20/11"),
        RecognitionLevel::Unit,
        year,
    );
    data.contests = vec![
        contest.clone().under(cid("missing")),
        contest
            .with_entrant(Participant::member(ghost_member))
            .with_result(ContestResult::winner(
                Participant::unit(ghost_unit),
                Prize::new(PrizeRank::First),
            ))
            .with_result(
                ContestResult::counted(Prize::new(PrizeRank::Third), 2, Some(ghost_unit)).unwrap(),
            ),
    ];
    data.student_results = vec![StudentResults::new(ghost_unit, year)];
    let skkn = Initiative::new(
        InitiativeId::from_key("s"),
        label("Sáng kiến"),
        id("HN.GL.TH001"),
        year,
    )
    .with_author(member("HN.GL.TH001", 0));
    data.initiatives = vec![
        skkn.clone(),
        skkn.clone()
            .with_review(Review::new(RecognitionLevel::Unit))
            .with_review(Review::new(RecognitionLevel::Unit)),
        Initiative::new(
            InitiativeId::from_key("t"),
            label("Không tác giả"),
            ghost_unit,
            year,
        ),
        Initiative::new(
            InitiativeId::from_key("u"),
            label("Tác giả lạ"),
            id("HN.GL"),
            year,
        )
        .with_author(ghost_member),
    ];
    data.initiative_reports = vec![ReportedFunnel::new(ghost_unit, year)];
    data
}

/// Data with every warning the build reports, and no error.
fn suspicious() -> CampaignData {
    let year = period("năm học 2021-2022");
    let mut data = CampaignData::default();
    data.campaigns = vec![
        Campaign::new(
            cid("city"),
            CampaignKind::Regular,
            label("Thi đua 2019"),
            period("năm 2019"),
        )
        .with_launcher(unit_launcher("HN")),
        Campaign::new(cid("gl"), CampaignKind::Regular, label("Hai tốt"), year)
            .with_launcher(unit_launcher("HN.GL"))
            .with_target(Target::new().with_bloc(Bloc::Schools))
            .with_parent(cid("city"))
            .with_registration_window("2022-09-01/2022-09-30".parse::<DateRange>().unwrap())
            .with_reported_coverage(ReportedCoverage::new(
                id("HN.GL"),
                date(2021, 12, 31),
                "100%".parse().unwrap(),
            )),
    ];
    data.launches = vec![
        Launch::new(cid("gl"), id("HN.GL.TH001"), date(2021, 9, 10)),
        Launch::new(cid("gl"), id("HN.GL.TH001"), date(2021, 9, 12)),
        Launch::new(cid("gl"), id("HN.GL.DN001"), date(2021, 9, 10)),
        Launch::new(cid("gl"), id("HN.GL.TH002"), date(2022, 9, 10)),
    ];
    let reg = |key: &str, who: Participant, p: Period, d| {
        Registration::new(
            RegistrationId::from_key(key),
            cid("gl"),
            who,
            title("ldtt"),
            p,
            d,
        )
    };
    let teacher = |k| Participant::member(member("HN.GL.TH001", k));
    data.registrations = vec![
        reg("early", teacher(0), year, date(2022, 8, 1)),
        reg("late", teacher(1), year, date(2022, 10, 1)),
        reg("twice", teacher(1), year, date(2022, 9, 10)),
        reg(
            "other-year",
            teacher(2),
            period("năm 2019"),
            date(2022, 9, 10),
        ),
        reg(
            "business",
            Participant::member(member("HN.GL.DN001", 0)),
            year,
            date(2022, 9, 10),
        ),
    ];
    let someone = Participant::member(member("HN.GL.TH001", 3));
    data.contests = vec![
        Contest::new(
            ContestId::from_key("hoi-giang"),
            label("Hội giảng 20/11"),
            RecognitionLevel::Unit,
            period("năm học 2020-2021"),
        )
        .under(cid("gl"))
        .with_entrant(teacher(4))
        .with_result(ContestResult::winner(someone, Prize::new(PrizeRank::First)))
        .with_result(ContestResult::counted(Prize::new(PrizeRank::Third), 3, None).unwrap())
        .with_reported_prizes(Reported::exact(3)),
    ];
    data.student_results = vec![
        StudentResults::new(id("HN.GL"), year)
            .with_gifted(RecognitionLevel::Province, Reported::exact(5))
            .with_gifted(RecognitionLevel::Province, Reported::exact(6))
            .with_rate(
                StudentMeasure::Other {
                    label: label("tỉ lệ học sinh lên lớp"),
                },
                "102%".parse().unwrap(),
            ),
    ];
    let author = member("HN.GL.TH001", 0);
    data.initiatives = vec![
        Initiative::new(
            InitiativeId::from_key("s"),
            label("Sáng kiến"),
            id("HN.GL.TH001"),
            year,
        )
        .with_author(author)
        .with_author(author)
        .submitted_on(date(2022, 3, 1))
        .with_review(
            Review::new(RecognitionLevel::Unit).recognised(Recognition::new(date(2022, 2, 1))),
        ),
    ];
    data.initiative_reports = vec![
        ReportedFunnel::new(id("HN.GL"), year)
            .with_submitted(Reported::exact(10))
            .with_applied("hơn 10".parse().unwrap()),
    ];
    data
}

#[test]
fn every_error_is_reported_with_its_path() {
    let report = build(broken()).unwrap_err();
    insta::assert_snapshot!(report, @r#"
    error[campaign.duplicate_id] at $.campaigns[1].id: campaign id fc28a704-cd4d-52a1-b92f-a908ea6271da is already used at $.campaigns[0]
    error[campaign.no_launcher] at $.campaigns[2].launchers: campaign "Không ai phát động" has no launching body
    error[campaign.unknown_unit] at $.campaigns[3].launchers[0].unit: unit e4e3ed5d-bf0f-5755-bb0a-c284950c0193 is not a unit of the dataset
    error[campaign.unknown_partner] at $.campaigns[3].launchers[1].partner: partner body 23a8f241-2287-5f84-a9a1-a1e9276899ae is not in the dataset
    error[campaign.no_target] at $.campaigns[4].target.units: campaign "Chỉ Phòng" is launched by partner bodies only and names no target units
    error[campaign.unknown_parent] at $.campaigns[4].parent: campaign 8a103c5d-5ba3-58ed-ae7b-4feb7a86bb25 is not in the dataset
    error[campaign.parent_cycle] at $.campaigns[5].parent: campaign parents form a cycle: "Vòng A" → "Vòng B" → "Vòng A"
    error[launch.unknown_campaign] at $.launches[0].campaign: campaign 8a103c5d-5ba3-58ed-ae7b-4feb7a86bb25 is not in the dataset
    error[launch.unknown_unit] at $.launches[1].unit: unit e4e3ed5d-bf0f-5755-bb0a-c284950c0193 is not a unit of the dataset
    error[launch.unit_not_alive] at $.launches[2].date: unit "HN.TT.TTDN001" does not exist on 2021-09-10, when it is said to launch "Hai tốt"
    error[registration.duplicate_id] at $.registrations[1].id: registration id 16e097ff-b84e-50ae-84ce-5c5fbfae33d4 is already used at $.registrations[0]
    error[registration.unknown_campaign] at $.registrations[2].campaign: campaign 8a103c5d-5ba3-58ed-ae7b-4feb7a86bb25 is not in the dataset
    error[registration.unknown_member] at $.registrations[3].registrant.member: member c50f54bf-504a-55d8-bf35-0b4bef1c7ada is not in the member list
    error[registration.unknown_unit] at $.registrations[4].registrant.unit: unit e4e3ed5d-bf0f-5755-bb0a-c284950c0193 is not a unit of the dataset
    error[contest.unknown_campaign] at $.contests[0].campaign: campaign 8a103c5d-5ba3-58ed-ae7b-4feb7a86bb25 is not in the dataset
    error[contest.duplicate_id] at $.contests[1].id: contest id 8e8a44a5-1a37-5d45-8a15-4abc414bc1a2 is already used at $.contests[0]
    error[contest.unknown_member] at $.contests[1].entrants[0].member: member c50f54bf-504a-55d8-bf35-0b4bef1c7ada is not in the member list
    error[contest.unknown_unit] at $.contests[1].results[0].winner.unit: unit e4e3ed5d-bf0f-5755-bb0a-c284950c0193 is not a unit of the dataset
    error[contest.unknown_unit] at $.contests[1].results[1].unit: unit e4e3ed5d-bf0f-5755-bb0a-c284950c0193 is not a unit of the dataset
    error[student_results.unknown_unit] at $.student_results[0].unit: unit e4e3ed5d-bf0f-5755-bb0a-c284950c0193 is not a unit of the dataset
    error[initiative.duplicate_id] at $.initiatives[1].id: initiative id 101543e6-5ff9-5d89-abcf-9e09ed1a5364 is already used at $.initiatives[0]
    error[initiative.duplicate_review] at $.initiatives[1].reviews[1].level: initiative "Sáng kiến" is reviewed twice at unit level (also at $.initiatives[1].reviews[0])
    error[initiative.unknown_unit] at $.initiatives[2].unit: unit e4e3ed5d-bf0f-5755-bb0a-c284950c0193 is not a unit of the dataset
    error[initiative.no_authors] at $.initiatives[2].authors: initiative "Không tác giả" has no author
    error[initiative.unknown_member] at $.initiatives[3].authors[0]: member c50f54bf-504a-55d8-bf35-0b4bef1c7ada is not in the member list
    error[initiative_report.unknown_unit] at $.initiative_reports[0].scope: unit e4e3ed5d-bf0f-5755-bb0a-c284950c0193 is not a unit of the dataset
    "#);
}

#[test]
fn every_warning_is_reported_and_the_data_kept() {
    let campaigns = build(suspicious()).unwrap();
    insta::assert_snapshot!(campaigns.warnings(), @r#"
    warning[campaign.window_outside_period] at $.campaigns[1].registration_window: the registration window 2022-09-01/2022-09-30 of "Hai tốt" lies outside its period, năm học 2021-2022
    warning[campaign.outside_parent_period] at $.campaigns[1].period: campaign "Hai tốt" runs in năm học 2021-2022, outside its parent "Thi đua 2019" (năm 2019)
    warning[launch.duplicate] at $.launches[1]: unit "HN.GL.TH001" launched "Hai tốt" already at $.launches[0]
    warning[launch.out_of_scope] at $.launches[2].unit: unit "HN.GL.DN001" launched "Hai tốt" on 2021-09-10 but is in the production_business bloc, not schools: outside its target
    warning[launch.after_period] at $.launches[3].date: unit "HN.GL.TH002" launched "Hai tốt" on 2022-09-10, after its period (năm học 2021-2022) ended on 2022-08-31
    warning[campaign.coverage_mismatch] at $.campaigns[1].reported_coverage[0].coverage: reported coverage 100% of "Hai tốt" in "HN.GL" on 2021-12-31 does not match the launch records: 1/82 (1,22%)
    warning[registration.early] at $.registrations[0].date: member d915540a-6772-5749-be61-7f5dfe2e7594 registers for ldtt under "Hai tốt" on 2022-08-01, before the registration window opens on 2022-09-01
    warning[registration.late] at $.registrations[1].date: member 4f451850-934c-57e9-8dce-a0b274c0baac registers for ldtt under "Hai tốt" on 2022-10-01, after the registration deadline (2022-09-30)
    warning[registration.duplicate] at $.registrations[2]: member 4f451850-934c-57e9-8dce-a0b274c0baac already registered for ldtt in năm học 2021-2022 at $.registrations[1]
    warning[registration.period_mismatch] at $.registrations[3].period: member b9df426d-36ae-5734-9005-40b9e9ba8250 registers for năm 2019 under "Hai tốt", which runs in năm học 2021-2022
    warning[registration.out_of_scope] at $.registrations[4].registrant: member b9646ca3-4504-57f8-81d8-c9c713009166 belongs to "HN.GL.DN001" on 2022-09-10, which is in the production_business bloc, not schools: outside the target of "Hai tốt"
    warning[contest.period_mismatch] at $.contests[0].period: contest "Hội giảng 20/11" is held in năm học 2020-2021, outside its campaign "Hai tốt" (năm học 2021-2022)
    warning[contest.winner_not_entrant] at $.contests[0].results[0].winner: member c0aafd44-2706-5217-a889-fcf032522f0d wins a prize in "Hội giảng 20/11" but is not among its entrants
    warning[contest.breakdown_exceeds_total] at $.contests[0].reported_prizes: the results of "Hội giảng 20/11" itemise 4 prizes, more than the 3 reported
    warning[student_results.duplicate_level] at $.student_results[0].gifted[1].level: gifted students at provincial level are given twice for "HN.GL" in năm học 2021-2022: 6 here and 5 at $.student_results[0].gifted[0]
    warning[student_results.rate_exceeds_one] at $.student_results[0].rates[0].rate: a students' rate of 102% for "HN.GL" in năm học 2021-2022 is more than 100%
    warning[initiative.duplicate_author] at $.initiatives[0].authors[1]: member d915540a-6772-5749-be61-7f5dfe2e7594 is listed twice among the authors of "Sáng kiến"
    warning[initiative.recognised_before_submission] at $.initiatives[0].reviews[0].recognition.date: initiative "Sáng kiến" is recognised at unit level on 2022-02-01, before it was submitted on 2022-03-01
    warning[initiative_report.applied_exceeds_submitted] at $.initiative_reports[0].applied: in "HN.GL", năm học 2021-2022: more than 10 applied is more than the 10 submitted
    "#);
    // Kept as given: both launches, the late registration, the duplicate author.
    assert_eq!(campaigns.launches().len(), 4);
    assert_eq!(
        campaigns.launch_date(cid("gl"), id("HN.GL.TH001")),
        Some(date(2021, 9, 10))
    );
    assert!(campaigns.is_registered(
        Participant::member(member("HN.GL.TH001", 1)),
        &title("ldtt"),
        period("năm học 2021-2022")
    ));
    assert_eq!(campaigns.initiatives().as_slice()[0].authors().len(), 2);
    assert_eq!(
        campaigns
            .initiatives()
            .of_member(member("HN.GL.TH001", 0))
            .count(),
        1
    );
}

#[test]
fn every_code_is_documented_and_triggered() {
    let mut codes: BTreeSet<String> = build(broken())
        .unwrap_err()
        .iter()
        .map(|d| d.code().to_owned())
        .collect();
    codes.extend(
        build(suspicious())
            .unwrap()
            .warnings()
            .iter()
            .map(|d| d.code().to_owned()),
    );
    codes.extend(
        build(tay_ho(31))
            .unwrap()
            .warnings()
            .iter()
            .map(|d| d.code().to_owned()),
    );
    let expected = [
        "campaign.coverage_mismatch",
        "campaign.duplicate_id",
        "campaign.no_launcher",
        "campaign.no_target",
        "campaign.outside_parent_period",
        "campaign.parent_cycle",
        "campaign.unknown_parent",
        "campaign.unknown_partner",
        "campaign.unknown_unit",
        "campaign.window_outside_period",
        "contest.breakdown_exceeds_total",
        "contest.duplicate_id",
        "contest.period_mismatch",
        "contest.unknown_campaign",
        "contest.unknown_member",
        "contest.unknown_unit",
        "contest.winner_not_entrant",
        "initiative.duplicate_author",
        "initiative.duplicate_id",
        "initiative.duplicate_review",
        "initiative.no_authors",
        "initiative.recognised_before_submission",
        "initiative.unknown_member",
        "initiative.unknown_unit",
        "initiative_report.applied_exceeds_submitted",
        "initiative_report.recognised_exceeds_submitted",
        "initiative_report.unknown_unit",
        "launch.after_period",
        "launch.duplicate",
        "launch.out_of_scope",
        "launch.unit_not_alive",
        "launch.unknown_campaign",
        "launch.unknown_unit",
        "registration.duplicate",
        "registration.duplicate_id",
        "registration.early",
        "registration.late",
        "registration.out_of_scope",
        "registration.period_mismatch",
        "registration.unknown_campaign",
        "registration.unknown_member",
        "registration.unknown_unit",
        "student_results.duplicate_level",
        "student_results.rate_exceeds_one",
        "student_results.unknown_unit",
    ];
    // Gia Lâm's report triggers the last initiative code.
    let mut data = CampaignData::default();
    data.initiative_reports.push(
        ReportedFunnel::new(id("HN.GL"), period("năm học 2021-2022"))
            .with_recognised(Reported::exact(3_124))
            .with_submitted(Reported::exact(1_724)),
    );
    codes.extend(
        build(data)
            .unwrap()
            .warnings()
            .iter()
            .map(|d| d.code().to_owned()),
    );
    let expected: BTreeSet<String> = expected.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(codes, expected);
    // Every code appears in the build's documentation.
    let docs = include_str!("../../src/campaign/build.rs").to_owned()
        + include_str!("../../src/initiative/book.rs");
    for code in &expected {
        assert!(
            docs.contains(&format!("`{code}`")),
            "{code} is not documented"
        );
    }
}

// --- Files -------------------------------------------------------------------------------

#[test]
fn data_round_trips_through_json() {
    for data in [
        bac_tu_liem(),
        tay_ho(32),
        thach_that("31"),
        broken(),
        suspicious(),
    ] {
        let json = serde_json::to_string(&data).unwrap();
        let back: CampaignData = serde_json::from_str(&json).unwrap();
        assert_eq!(back, data);
    }
}

#[test]
fn files_use_tagged_enums_and_reject_unknown_fields() {
    let mut data = thach_that("31");
    data.contests[0] = data.contests[0].clone().with_result(ContestResult::winner(
        Participant::unit(id("HN.TT.GDNN-GDTX")),
        Prize::new(PrizeRank::Special).with_label(label("giải phong cách")),
    ));
    let json = serde_json::to_value(&data).unwrap();
    insta::assert_snapshot!(serde_json::to_string_pretty(&json).unwrap(), @r#"
    {
      "contests": [
        {
          "id": "85590e96-131f-5688-a5b1-54ce55920ad7",
          "name": "Kì thi học viên giỏi cấp Thành phố",
          "level": "province",
          "period": {
            "kind": "school_year",
            "value": "2021-2022"
          },
          "results": [
            {
              "kind": "counted",
              "prize": {
                "rank": "first",
                "label": "môn Vật lý"
              },
              "count": 1,
              "unit": "adb26101-1e7a-5512-bbb5-1855a46bbf44"
            },
            {
              "kind": "counted",
              "prize": {
                "rank": "second"
              },
              "count": 10,
              "unit": "adb26101-1e7a-5512-bbb5-1855a46bbf44"
            },
            {
              "kind": "counted",
              "prize": {
                "rank": "third"
              },
              "count": 12,
              "unit": "adb26101-1e7a-5512-bbb5-1855a46bbf44"
            },
            {
              "kind": "winner",
              "winner": {
                "kind": "unit",
                "unit": "adb26101-1e7a-5512-bbb5-1855a46bbf44"
              },
              "prize": {
                "rank": "special",
                "label": "giải phong cách"
              }
            }
          ],
          "reported_prizes": {
            "value": 31,
            "qualifier": "exact"
          }
        }
      ],
      "student_results": [
        {
          "unit": "adb26101-1e7a-5512-bbb5-1855a46bbf44",
          "period": {
            "kind": "year",
            "value": 2021
          },
          "rates": [
            {
              "measure": {
                "kind": "graduation"
              },
              "rate": {
                "value": "9534/10000",
                "qualifier": "exact"
              }
            }
          ]
        }
      ]
    }
    "#);
    let bad = r#"{"campaigns": [], "launch": []}"#;
    let err = serde_json::from_str::<CampaignData>(bad).unwrap_err();
    insta::assert_snapshot!(err, @"unknown field `launch`, expected one of `campaigns`, `launches`, `registrations`, `contests`, `initiatives`, `initiative_reports`, `student_results` at line 1 column 26");
    let bad = r#"{"registrations": [{"id": "67e55044-10b1-426f-9247-bb680e5fe0c8",
        "campaign": "67e55044-10b1-426f-9247-bb680e5fe0c8",
        "registrant": {"kind": "member", "member": "67e55044-10b1-426f-9247-bb680e5fe0c8"},
        "title": "lđtt", "period": {"kind": "year", "value": 2024}, "date": "2024-01-10"}]}"#;
    let err = serde_json::from_str::<CampaignData>(bad).unwrap_err();
    insta::assert_snapshot!(err, @r#"invalid title code "lđtt": expected 1 to 64 lowercase ASCII letters, digits, '.', '-' or '_', starting with a letter or digit (such as "ldtt" or "cstdcs") at line 4 column 24"#);
}

/// ND 152/2025 Điều 4 khoản 3: a CSTĐCS conferred for a thematic campaign is read as
/// such from the decision's campaign and does not count toward the provincial CSTĐ.
#[test]
fn nd152_d4_k3_the_campaign_kind_of_a_decision_is_read() {
    use thidua::{
        AwardGrounds, AwardHistory, Candidate, Catalogue, Conferral, Decision, DecisionId,
        Evaluator, InitiativeFact, Issuer, MemberFacts, Outcome, PriorTitle, Recipient,
        ReviewContext, TaskGrade,
    };
    let thematic = "btl/2024-2025/chuyen-de-chuyen-doi-so";
    let mut data = CampaignData::default();
    data.campaigns.push(
        Campaign::new(
            cid(thematic),
            CampaignKind::Thematic,
            label("Thi đua chuyên đề chuyển đổi số"),
            period("năm học 2024 - 2025"),
        )
        .with_launcher(unit_launcher("HN.BTL")),
    );
    let campaigns = build(data).unwrap();
    let teacher = Recipient::Member(MemberId::from_key("BTL-GV-017"));
    let decision = |key: &str, number: &str, year: &str, signed| {
        Decision::new(
            DecisionId::from_key(key),
            number.parse().unwrap(),
            signed,
            Issuer::Unit(id("HN.BTL")),
            period(year),
            vec![Conferral::new(title("cstdcs"), teacher)],
        )
    };
    let decisions = [
        decision(
            "qd-1",
            "101/QĐ-LĐLĐ",
            "năm học 2023 - 2024",
            date(2024, 8, 20),
        ),
        decision(
            "qd-2",
            "88/QĐ-LĐLĐ",
            "năm học 2024 - 2025",
            date(2025, 8, 15),
        )
        .for_campaign(cid(thematic)),
    ];
    let history = AwardHistory::build(&Catalogue::builtin(), &decisions).unwrap();
    let prior = PriorTitle::from_history(&history, teacher, date(2026, 8, 1), Some(&campaigns));
    let grounds: Vec<_> = prior.iter().map(|p| (p.year(), p.grounds())).collect();
    assert_eq!(
        grounds,
        [
            (2023, AwardGrounds::Regular),
            (2024, AwardGrounds::Thematic)
        ]
    );
    let facts = MemberFacts::new()
        .with_grade(TaskGrade::Excellent)
        .with_recruited_on(date(2010, 9, 1))
        .with_disciplines(vec![])
        .with_under_review(thidua::ReviewState::Clear)
        .with_initiatives(vec![InitiativeFact::new(
            RecognitionLevel::Province,
            InfluenceScope::SectorOrProvince,
            date(2025, 12, 1),
        )])
        .with_history(prior);
    let context = ReviewContext::new(period("năm học 2025 - 2026"));
    let verdict = Evaluator::new()
        .evaluate(Candidate::Member(&facts), "cstd-tinh", &context, &[])
        .unwrap();
    assert_eq!(verdict.outcome(), Outcome::Ineligible);
    let f = verdict.finding("cstd_tinh.consecutive_cstdcs").unwrap();
    assert_eq!(
        f.message_vi(),
        "không đạt: 1 lần liên tục đạt \"Chiến sĩ thi đua cơ sở\"; yêu cầu 3 lần; không tính 1 danh hiệu khen thưởng thành tích đột xuất, thi đua theo chuyên đề (Nghị định 152/2025/NĐ-CP, Điều 4, khoản 3)"
    );
    // Without the campaigns, nothing says the second award was thematic.
    let unread = PriorTitle::from_history(&history, teacher, date(2026, 8, 1), None);
    assert!(unread.iter().all(|p| p.grounds() == AwardGrounds::Regular));
}
