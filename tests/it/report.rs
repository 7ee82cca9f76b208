//! Reports: consistency of stated figures, scopes, languages and formats.

use thidua::testing::DatasetBuilder;
use thidua::{Bloc, FigureValue, Format, Lang, ReportRequest, Reported, UnitId, UnitKind};

fn district() -> DatasetBuilder {
    DatasetBuilder::new("2020-01-01")
        .unwrap()
        .unit(
            "HN",
            UnitKind::ProvincialFederation,
            "LĐLĐ thành phố Hà Nội",
            None,
        )
        .unwrap()
        .unit(
            "HN.A",
            UnitKind::DistrictFederation,
            "LĐLĐ quận A",
            Some("HN"),
        )
        .unwrap()
        .unit(
            "HN.B",
            UnitKind::DistrictFederation,
            "LĐLĐ quận B",
            Some("HN"),
        )
        .unwrap()
        .grassroots(
            "HN.A.1",
            "Công đoàn Trường A1",
            "HN.A",
            Bloc::Schools,
            30,
            25,
        )
        .unwrap()
        .grassroots(
            "HN.B.1",
            "Công đoàn Trường B1",
            "HN.B",
            Bloc::Schools,
            20,
            18,
        )
        .unwrap()
}

#[test]
fn children_stated_totals_are_checked_against_the_parent() {
    let count = |n| FigureValue::Count(Reported::exact(n));
    let d = district()
        .subject("HN", None, Some(thidua::parse_date("2024-05-31").unwrap()))
        .unwrap()
        .stated("HN", "members", None, count(45), "45 đoàn viên")
        .unwrap()
        .stated("HN.A", "members", None, count(30), "30 đoàn viên")
        .unwrap()
        .stated("HN.B", "members", None, count(20), "20 đoàn viên")
        .unwrap();
    let model = d.model().unwrap();
    let report = model.report(&ReportRequest::default()).unwrap();
    let found: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.code() == "stated.children_disagree" || d.code() == "stated.differs")
        .map(|d| d.to_string())
        .collect();
    insta::assert_debug_snapshot!(found, @r#"
    [
        "warning[stated.children_disagree] at $.stated[0]: \"members\" of HN: the source states 45, but the 2 units below it state 50 in all",
        "warning[stated.differs] at $.stated[0]: Members: the source states 45 but the data gives 50",
    ]
    "#);
}

#[test]
fn a_scoped_report_never_sees_outside_its_subtree() {
    let count = |n| FigureValue::Count(Reported::exact(n));
    let model = district()
        .stated(
            "HN.B",
            "secret.figure",
            None,
            count(987_654),
            "chỉ của quận B",
        )
        .unwrap()
        .subject("HN", None, Some(thidua::parse_date("2024-05-31").unwrap()))
        .unwrap()
        .model()
        .unwrap();
    let request = ReportRequest {
        unit: Some(UnitId::from_key("HN.A")),
        ..ReportRequest::default()
    };
    let report = model.report(&request).unwrap();
    for lang in [Lang::Vi, Lang::En] {
        for format in [Format::Markdown, Format::Html, Format::Text] {
            let text = report.render(format, lang);
            assert!(
                !text.contains("987") && !text.contains("B1") && !text.contains("quận B"),
                "{text}"
            );
            assert!(text.contains("30"), "{text}");
        }
    }
    // The whole city sees both.
    let all = model
        .report(&ReportRequest::default())
        .unwrap()
        .render(Format::Text, Lang::Vi);
    assert!(all.contains("987.654") && all.contains("50"), "{all}");
}

#[test]
fn reports_need_a_subject_and_a_day() {
    let model = district().model().unwrap();
    insta::assert_snapshot!(model.report(&ReportRequest::default()).unwrap_err(), @"no day to report on: give one, or set meta.as_of or meta.period in the dataset");
    let request = ReportRequest {
        unit: Some(UnitId::from_key("HN.A")),
        ..ReportRequest::default()
    };
    insta::assert_snapshot!(model.report(&request).unwrap_err(), @"no day to report on: give one, or set meta.as_of or meta.period in the dataset");
    let before = ReportRequest {
        unit: Some(UnitId::from_key("HN.A")),
        as_of: Some(thidua::parse_date("2019-12-31").unwrap()),
        ..ReportRequest::default()
    };
    insta::assert_snapshot!(model.report(&before).unwrap_err(), @"unit 31ccf2ab-014b-5bc5-8840-969957227c88 does not exist on 2019-12-31");
}

/// A report never says "no problems" while a stated figure is wrong, cannot be added
/// up, has a key nothing checks, or contradicts its parts or the data: each is in
/// its problems table, in both languages.
#[test]
fn every_problem_with_stated_figures_is_in_the_problems_table() {
    use thidua::{Ratio, Vnd};
    let count = |n| FigureValue::Count(Reported::exact(n));
    let share = |n, d| FigureValue::Ratio(Reported::exact(Ratio::new(n, d).unwrap()));
    let money = |n| FigureValue::Money(Reported::exact(Vnd::from_dong(n)));
    let d = district()
        .subject("HN", None, Some(thidua::parse_date("2024-05-31").unwrap()))
        .unwrap()
        // "95%" beside 1.400 recognised of 1.600 evaluated (87,5%).
        .stated(
            "HN",
            "initiative.recognised",
            None,
            count(1_400),
            "1.400 sáng kiến được công nhận",
        )
        .unwrap()
        .stated(
            "HN",
            "initiative.evaluated",
            None,
            count(1_600),
            "1.600 sáng kiến được chấm",
        )
        .unwrap()
        .stated(
            "HN",
            "initiative.recognised.share",
            None,
            share(95, 100),
            "đạt 95%",
        )
        .unwrap()
        // A share above the whole.
        .stated(
            "HN",
            "schools.staff_conference.share",
            None,
            share(120, 100),
            "120% các trường",
        )
        .unwrap()
        // A misspelt key.
        .stated("HN", "member", None, count(50), "50 đoàn viên")
        .unwrap()
        // Parts above their whole.
        .stated("HN", "cdcs.count", None, count(2), "2 công đoàn cơ sở")
        .unwrap()
        .stated(
            "HN",
            "cdcs.grade.good",
            None,
            count(2),
            "2 CĐCS hoàn thành tốt",
        )
        .unwrap()
        .stated(
            "HN",
            "cdcs.grade.excellent",
            None,
            count(1),
            "1 CĐCS xuất sắc",
        )
        .unwrap()
        // A stated count the data contradicts.
        .stated("HN", "members", None, count(60), "60 đoàn viên")
        .unwrap()
        // Children's money that cannot be added up.
        .stated("HN", "sponsorship", None, money(1), "1 đồng")
        .unwrap()
        .stated("HN.A", "sponsorship", None, money(i64::MAX), "rất nhiều")
        .unwrap()
        .stated("HN.B", "sponsorship", None, money(i64::MAX), "rất nhiều")
        .unwrap();
    let model = d.model().unwrap();
    let report = model.report(&ReportRequest::default()).unwrap();
    let mut codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(
        codes,
        [
            "report.sum_overflow",
            "stated.differs",
            "stated.parts_exceed_whole",
            "stated.share_differs",
            "stated.share_over_whole",
            "stated.unknown_key",
        ]
    );
    let message = |code: &str| {
        report
            .diagnostics
            .iter()
            .find(|d| d.code() == code)
            .map(|d| d.to_string())
            .unwrap()
    };
    insta::assert_snapshot!(message("stated.share_differs"), @r#"warning[stated.share_differs] at $.stated[2].value: "initiative.recognised.share": the source states 95% but 1,400 of 1,600 is 87.5%"#);
    insta::assert_snapshot!(message("stated.share_over_whole"), @r#"error[stated.share_over_whole] at $.stated[3].value: "schools.staff_conference.share": a share of 120% is more than the whole"#);
    insta::assert_snapshot!(message("stated.unknown_key"), @r#"warning[stated.unknown_key] at $.stated[4].key: the key "member" is not one the reports know, so nothing checks it: did you mean "members", "density", "contest."?"#);
    insta::assert_snapshot!(message("stated.parts_exceed_whole"), @r#"warning[stated.parts_exceed_whole] at $.stated[5]: "cdcs.count": the source states 2 but its parts (cdcs.grade.good 2 + cdcs.grade.excellent 1) add up to 3"#);
    insta::assert_snapshot!(message("report.sum_overflow"), @r#"error[report.sum_overflow] at $.stated[9]: "sponsorship" of HN: the 2 figures the units below it state cannot be added up (their sum does not fit), so they are not checked against it"#);
    for lang in [Lang::Vi, Lang::En] {
        let text = report.render(Format::Markdown, lang);
        assert!(!text.contains("Không phát hiện vấn đề") && !text.contains("No problems found"));
        for code in &codes {
            assert!(text.contains(code), "{code} missing from the {lang} report");
        }
    }
}

/// A figure the data cannot compute and no source states is "no data", never 0.
#[test]
fn unknown_is_never_shown_as_zero() {
    let d = district()
        .subject("HN", None, Some(thidua::parse_date("2024-05-31").unwrap()))
        .unwrap();
    let model = d.model().unwrap();
    let report = model.report(&ReportRequest::default()).unwrap();
    let workforce = report
        .line("Số công nhân, viên chức, lao động (CNVCLĐ)")
        .unwrap();
    assert_eq!(workforce.value.format(Lang::Vi), "không có số liệu");
    assert_eq!(workforce.value.format(Lang::En), "no data");
    let text = report.render(Format::Text, Lang::En);
    assert!(text.contains("  Workforce: no data\n"), "{text}");
}

/// A stated figure of a unit dissolved before the report's day is not dropped
/// silently: its district's report says it cannot be placed; another district's
/// report does not see it.
#[test]
fn a_figure_of_a_unit_gone_by_the_day_is_reported_not_dropped() {
    let count = |n| FigureValue::Count(Reported::exact(n));
    let mut d = district()
        .stated("HN.A.1", "members", None, count(30), "30 đoàn viên")
        .unwrap();
    d.dataset_mut().events.push(thidua::LineageEvent::Dissolve {
        unit: UnitId::from_key("HN.A.1"),
        date: thidua::parse_date("2023-01-01").unwrap(),
        successor: None,
    });
    let model = d.model().unwrap();
    let on = thidua::parse_date("2024-05-31").unwrap();
    let report_of = |unit: &str| {
        model
            .report(&ReportRequest {
                unit: Some(UnitId::from_key(unit)),
                as_of: Some(on),
                period: None,
            })
            .unwrap()
    };
    let a = report_of("HN.A");
    let found: Vec<String> = a
        .diagnostics
        .iter()
        .filter(|d| d.code() == "report.not_attributed")
        .map(|d| d.to_string())
        .collect();
    insta::assert_debug_snapshot!(found, @r#"
    [
        "warning[report.not_attributed] at $.stated[0]: the figure \"members\" is not shown: its unit does not exist on 2024-05-31",
    ]
    "#);
    let b = report_of("HN.B");
    assert!(
        b.diagnostics
            .iter()
            .all(|d| d.code() != "report.not_attributed")
    );
}

/// The initiative funnel as a source states it: registered, evaluated and recognised
/// per level, each row with the source's sentence; a stage wider than the one before
/// is a problem.
#[test]
fn an_initiative_funnel_keeps_its_stages_and_its_quote() {
    let year: thidua::Period = "năm học 2023-2024".parse().unwrap();
    let mut d = district().subject("HN", Some(year), None).unwrap();
    let quote =
        "1.650 sáng kiến đăng ký, 1.600 được chấm, xếp loại, 1.700 được công nhận cấp thành phố";
    d.dataset_mut().initiative_reports.push(
        thidua::ReportedFunnel::new(UnitId::from_key("HN"), year)
            .at_level(thidua::RecognitionLevel::Province)
            .with_submitted(Reported::exact(1_650))
            .with_evaluated(Reported::exact(1_600))
            .with_recognised(Reported::exact(1_700))
            .with_quote(quote),
    );
    let model = d.model().unwrap();
    let report = model.report(&ReportRequest::default()).unwrap();
    let section = report
        .sections
        .iter()
        .find(|s| s.heading.vi == "Sáng kiến")
        .unwrap();
    let rows: Vec<(String, String)> = section
        .lines
        .iter()
        .map(|l| (l.label.vi.clone(), l.value.format(Lang::Vi)))
        .collect();
    let level = thidua::RecognitionLevel::Province.label_vi();
    assert_eq!(
        rows,
        [
            (format!("Sáng kiến đăng ký {level}"), "1.650".to_owned()),
            (
                format!("Sáng kiến được chấm, xếp loại {level}"),
                "1.600".to_owned()
            ),
            (
                format!("Sáng kiến được công nhận {level} / được chấm, xếp loại"),
                "1.700/1.600 (106,3%)".to_owned()
            ),
        ]
    );
    for l in &section.lines {
        assert_eq!(
            l.provenance,
            thidua::Provenance::Stated {
                quote: Some(quote.to_owned())
            }
        );
    }
    let found: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.code().starts_with("initiative_report."))
        .map(|d| d.to_string())
        .collect();
    insta::assert_debug_snapshot!(found, @r#"
    [
        "warning[initiative_report.recognised_exceeds_submitted] at $.initiative_reports[0].recognised: in \"HN\", năm học 2023-2024: 1,700 recognised is more than the 1,650 submitted",
        "warning[initiative_report.recognised_exceeds_evaluated] at $.initiative_reports[0].recognised: 1,700 recognised is more than the 1,600 evaluated",
    ]
    "#);
}

/// A total of awards stated without its decisions is shown as stated, with its
/// words, in both languages.
#[test]
fn awards_stated_without_decisions_are_shown_as_stated() {
    let year: thidua::Period = "năm học 2023-2024".parse().unwrap();
    let mut d = district().subject("HN", Some(year), None).unwrap();
    let quote = "12 cán bộ công đoàn được Tổng Liên đoàn tặng Kỷ niệm chương";
    d.dataset_mut().stated_awards.push(thidua::StatedAward {
        unit: UnitId::from_key("HN"),
        title: "knc-cong-doan".parse().unwrap(),
        issuer: Some(thidua::IssuingLevel::MinistryOrProvince),
        count: Reported::exact(12),
        recipients: Some(thidua::RecipientKind::Individual),
        period: Some(year),
        label: Some("cán bộ công đoàn".to_owned()),
        label_en: Some("union officers".to_owned()),
        quote: Some(quote.to_owned()),
    });
    let model = d.model().unwrap();
    let report = model.report(&ReportRequest::default()).unwrap();
    let vi = report.render(Format::Text, Lang::Vi);
    let en = report.render(Format::Text, Lang::En);
    assert!(
        vi.contains("Danh hiệu thi đua, hình thức khen thưởng\n"),
        "{vi}"
    );
    assert!(
        vi.contains("  Kỷ niệm chương \"Vì sự nghiệp xây dựng tổ chức Công đoàn\" (cán bộ công đoàn), do bộ, ban, ngành, tỉnh, Tổng Liên đoàn tặng: 12 [theo bài viết: “12 cán bộ công đoàn được Tổng Liên đoàn tặng Kỷ niệm chương”]"),
        "{vi}"
    );
    assert!(
        en.contains("  Medal for building the trade union (union officers), by ministry, central body or province: 12 [as stated: “12 cán bộ công đoàn được Tổng Liên đoàn tặng Kỷ niệm chương”]"),
        "{en}"
    );
    // A title the catalogue does not know is an error that says where.
    let mut bad = district();
    bad.dataset_mut().stated_awards.push(thidua::StatedAward {
        unit: UnitId::from_key("HN"),
        title: "ky-niem-chuong".parse().unwrap(),
        issuer: None,
        count: Reported::exact(1),
        recipients: None,
        period: None,
        label: None,
        label_en: None,
        quote: None,
    });
    let errors = bad.model().unwrap_err();
    insta::assert_snapshot!(errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"), @r#"error[stated_award.unknown_title] at $.stated_awards[0].title: title "ky-niem-chuong" is not in the catalogue"#);
}

/// The HTML report draws charts of its figures: members and titles over the years
/// where the decisions span several, with "no data" where a year has none.
#[test]
fn charts_follow_the_figures() {
    use thidua::{Conferral, Decision, DecisionId, Issuer, MemberId, Recipient};
    let y1: thidua::Period = "năm học 2022-2023".parse().unwrap();
    let y2: thidua::Period = "năm học 2023-2024".parse().unwrap();
    let mut d = district().subject("HN", Some(y2), None).unwrap();
    let confer = |key: &str, number: &str, period, day: &str, title: &str, members: &[&str]| {
        Decision::new(
            DecisionId::from_key(key),
            number.parse().unwrap(),
            thidua::parse_date(day).unwrap(),
            Issuer::Unit(UnitId::from_key("HN.A")),
            period,
            members
                .iter()
                .map(|m| {
                    Conferral::new(
                        title.parse().unwrap(),
                        Recipient::Member(MemberId::from_key(m)),
                    )
                })
                .collect(),
        )
    };
    d.dataset_mut().decisions.extend([
        confer(
            "d1",
            "1/QĐ-CĐ",
            y1,
            "2023-06-01",
            "ldtt",
            &["HN.A.1/1", "HN.A.1/2"],
        ),
        confer(
            "d2",
            "2/QĐ-CĐ",
            y2,
            "2024-06-01",
            "ldtt",
            &["HN.A.1/1", "HN.A.1/2", "HN.B.1/3"],
        ),
        confer("d3", "3/QĐ-CĐ", y2, "2024-06-01", "cstdcs", &["HN.A.1/1"]),
    ]);
    let model = d.model().unwrap();
    let report = model.report(&ReportRequest::default()).unwrap();
    let chart = report
        .sections
        .iter()
        .flat_map(|s| s.charts.iter())
        .find(|c| c.title.en == "Members and titles over the years")
        .unwrap();
    let values: Vec<(&str, Vec<Option<u64>>)> = chart
        .series
        .iter()
        .map(|s| (s.label.en.as_str(), s.values.clone()))
        .collect();
    assert_eq!(
        values,
        [
            ("Members", vec![Some(50), Some(50)]),
            ("LĐTT", vec![Some(2), Some(3)]),
            ("CSTĐCS", vec![Some(0), Some(1)]),
        ]
    );
    let html = report.render(Format::Html, Lang::Vi);
    assert!(html.contains("<svg") && html.contains("Đoàn viên và danh hiệu thi đua qua các năm"));
    assert!(!report.render(Format::Markdown, Lang::Vi).contains("<svg"));
}

/// A campaign's launchers and target are in the report; a target that reaches no
/// grassroots union is a warning.
#[test]
fn a_campaign_shows_its_launchers_and_target() {
    use thidua::{Campaign, CampaignId, CampaignKind, Label, Launcher, Target};
    let year: thidua::Period = "năm học 2023-2024".parse().unwrap();
    let mut d = district().subject("HN.A", Some(year), None).unwrap();
    d.dataset_mut().campaigns.push(
        Campaign::new(
            CampaignId::from_key("a/thi-dua-hai-tot"),
            CampaignKind::Regular,
            Label::try_new("Thi đua \"Hai tốt\"").unwrap(),
            year,
        )
        .with_launcher(Launcher::Unit {
            unit: UnitId::from_key("HN.A"),
        })
        .with_target(Target::new().with_bloc(Bloc::ProductionBusiness)),
    );
    let model = d.model().unwrap();
    let report = model.report(&ReportRequest::default()).unwrap();
    let vi = report.render(Format::Text, Lang::Vi);
    assert!(
        vi.contains("  “Thi đua ‘Hai tốt’”: đơn vị phát động: LĐLĐ quận A"),
        "{vi}"
    );
    assert!(
        vi.contains("  “Thi đua ‘Hai tốt’”: đối tượng: các công đoàn cơ sở thuộc đơn vị phát động, khối sản xuất kinh doanh"),
        "{vi}"
    );
    let warning = report
        .diagnostics
        .iter()
        .find(|d| d.code() == "campaign.target_reaches_none")
        .unwrap();
    insta::assert_snapshot!(warning.message_in(Lang::Vi), @"phong trào “Thi đua ‘Hai tốt’” (năm học 2023-2024) không có công đoàn cơ sở nào trong đối tượng vào ngày 31/08/2024");
    insta::assert_snapshot!(warning.message_in(Lang::En), @r#"the campaign "Thi đua \"Hai tốt\"" (school year 2023-2024) targets no grassroots union on 2024-08-31"#);
}

/// A unit's name cannot inject HTML or links into a Markdown report.
#[test]
fn markdown_reports_escape_markup_in_names() {
    let d = DatasetBuilder::new("2020-01-01")
        .unwrap()
        .unit(
            "HN",
            UnitKind::ProvincialFederation,
            "LĐLĐ <script>alert(1)</script> [bấm vào đây](http://x.example)",
            None,
        )
        .unwrap()
        .subject("HN", None, Some(thidua::parse_date("2024-05-31").unwrap()))
        .unwrap();
    let model = d.model().unwrap();
    let md = model
        .report(&ReportRequest::default())
        .unwrap()
        .render(Format::Markdown, Lang::Vi);
    assert!(
        !md.contains("<script>") && !md.contains("[bấm vào đây](http"),
        "{md}"
    );
    assert!(
        md.contains("&lt;script&gt;alert(1)&lt;/script&gt; \\[bấm vào đây\\](http://x.example)"),
        "{md}"
    );
}

/// Beyond the number of problems a report keeps per code, the rest are counted, and
/// every rendering names the count: a report never hides that problems were left out.
#[test]
fn problems_beyond_those_kept_are_counted_in_the_report() {
    let mut d = district()
        .subject("HN", None, Some(thidua::parse_date("2024-05-31").unwrap()))
        .unwrap();
    for i in 0..1_200 {
        d = d
            .stated(
                "HN",
                &format!("member{i}"),
                None,
                FigureValue::Count(Reported::exact(1)),
                "1",
            )
            .unwrap();
    }
    let report = d
        .model()
        .unwrap()
        .report(&ReportRequest::default())
        .unwrap();
    assert_eq!(
        report.diagnostics.with_code("stated.unknown_key").count(),
        1_000
    );
    assert_eq!(report.diagnostics.total(), 1_200);
    for (format, lang, line) in [
        (
            Format::Markdown,
            Lang::Vi,
            "| cảnh báo | `stated.unknown_key` | toàn bộ dữ liệu | thêm 200 vấn đề cùng loại được đếm nhưng không giữ lại |",
        ),
        (
            Format::Text,
            Lang::En,
            "  [warning] stated.unknown_key (the whole dataset): 200 more problems of this kind are counted but not kept",
        ),
        (
            Format::Html,
            Lang::En,
            "200 more problems of this kind are counted but not kept",
        ),
    ] {
        let text = report.render(format, lang);
        assert!(text.contains(line), "{format:?} {lang:?}:\n{text}");
    }
}
