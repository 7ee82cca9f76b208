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
        .stated("HN", "members", None, count(45), "45 đoàn viên")
        .stated("HN.A", "members", None, count(30), "30 đoàn viên")
        .stated("HN.B", "members", None, count(20), "20 đoàn viên");
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
        "warning[stated.differs] at $.stated[0]: Số đoàn viên: the source states 45 but the data gives 50",
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
        .subject("HN", None, Some(thidua::parse_date("2024-05-31").unwrap()))
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
