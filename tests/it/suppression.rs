//! Published support figures: no small count can be worked out by subtraction, money
//! goes with its count, and private programme names stay private.

use thidua::testing::DatasetBuilder;
use thidua::{
    Beneficiary, BeneficiaryId, Bloc, Dataset, Entry, Format, Lang, MemberId, Model, Period,
    Recipients, ReportRequest, Sponsor, Sponsorship, SponsorshipId, SupportId, SupportRecord,
    SupportTime, UnitId, UnitKind, Vnd,
};

fn year() -> Period {
    "năm học 2023-2024".parse().unwrap()
}

/// A district with two schools: 2 children sponsored at school A, 6 at school B,
/// each child 1.000.000 đồng from one teacher of the school.
fn two_schools(children: [usize; 2]) -> DatasetBuilder {
    let mut d = DatasetBuilder::new("2020-01-01")
        .unwrap()
        .unit("Q", UnitKind::DistrictFederation, "LĐLĐ quận Q", None)
        .unwrap()
        .grassroots("Q.A", "Công đoàn Trường A", "Q", Bloc::Schools, 10, 8)
        .unwrap()
        .grassroots("Q.B", "Công đoàn Trường B", "Q", Bloc::Schools, 10, 8)
        .unwrap()
        .subject(
            "Q",
            Some(year()),
            Some(thidua::parse_date("2024-05-31").unwrap()),
        )
        .unwrap();
    let ds = d.dataset_mut();
    for (school, n) in ["Q.A", "Q.B"].into_iter().zip(children) {
        for k in 0..n {
            let child = BeneficiaryId::from_key(&format!("{school}-HS-{k}"));
            ds.beneficiaries.push(Beneficiary::new(child));
            ds.sponsorships.push(
                Sponsorship::new(SponsorshipId::from_key(&format!("{school}-S-{k}")), year())
                    .with_sponsor(Sponsor::member(MemberId::from_key(&format!(
                        "{school}/{k}"
                    ))))
                    .with_beneficiary(child)
                    .with_entry(Entry::money(
                        thidua::parse_date("2023-10-02").unwrap(),
                        Vnd::from_dong(1_000_000),
                    )),
            );
        }
    }
    d
}

/// Every report of the dataset (one per unit), rendered as text in both languages.
fn reports(model: &Model, units: &[&str]) -> Vec<(String, String)> {
    units
        .iter()
        .map(|u| {
            let r = model
                .report(&ReportRequest {
                    unit: Some(UnitId::from_key(u)),
                    ..ReportRequest::default()
                })
                .unwrap();
            (
                (*u).to_owned(),
                r.render(Format::Text, Lang::En) + &r.render(Format::Text, Lang::Vi),
            )
        })
        .collect()
}

/// The value a text report gives on the line starting with `label`, if any.
fn line<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    text.lines()
        .map(str::trim_start)
        .find_map(|l| l.strip_prefix(label))
        .map(|rest| rest.split(" [").next().unwrap_or(rest))
}

#[test]
fn a_small_count_cannot_be_worked_out_from_the_district_and_the_other_school() {
    let model = two_schools([2, 6]).model().unwrap();
    let texts = reports(&model, &["Q", "Q.A", "Q.B"]);
    let count = |unit: &str| {
        let text = &texts.iter().find(|(u, _)| u == unit).unwrap().1;
        line(text, "Students sponsored: ")
            .unwrap_or_else(|| panic!("{text}"))
            .replace(',', "")
            .parse::<u64>()
            .ok()
    };
    assert_eq!(count("Q.A"), None, "the 2 is shown");
    assert!(
        count("Q").is_none() || count("Q.B").is_none(),
        "the district's {:?} and the other school's {:?} give the 2 away",
        count("Q"),
        count("Q.B")
    );
    for (unit, text) in &texts {
        assert!(
            text.contains("< 5") || !text.contains("Students sponsored: 2 "),
            "{unit}: {text}"
        );
    }
}

#[test]
fn money_for_a_few_children_is_hidden_with_their_count() {
    let model = two_schools([2, 6]).model().unwrap();
    let texts = reports(&model, &["Q", "Q.A", "Q.B"]);
    let money = |unit: &str| {
        let text = &texts.iter().find(|(u, _)| u == unit).unwrap().1;
        line(text, "Sponsorship money: ").map(str::to_owned)
    };
    let a = money("Q.A");
    assert!(
        a.as_deref().is_none_or(|m| !m.contains("VND")),
        "school A's money is shown: {a:?}"
    );
    let (q, b) = (money("Q"), money("Q.B"));
    let figure = |m: &Option<String>| m.as_deref().is_some_and(|m| m.contains("VND"));
    assert!(
        !(figure(&q) && figure(&b)),
        "the district's {q:?} and the other school's {b:?} give school A's away"
    );
    let both = &texts.iter().find(|(u, _)| u == "Q.A").unwrap().1;
    let vi = line(both, "Số tiền đỡ đầu: ");
    assert!(vi.is_none_or(|m| !m.contains("đồng")), "{vi:?}");
}

#[test]
fn a_private_programme_is_published_under_a_generic_label() {
    let mut d = two_schools([0, 0]);
    let ds = d.dataset_mut();
    let secret = "Hỗ trợ em Nguyễn Văn Bé mổ tim";
    let other = "Chăm lo Tết cho con đoàn viên khó khăn";
    for (k, programme) in [secret, other, "Quỹ riêng của gia đình Trần"]
        .into_iter()
        .enumerate()
    {
        let child = BeneficiaryId::from_key(&format!("P-{k}"));
        ds.beneficiaries.push(Beneficiary::new(child));
        ds.support_records.push(
            SupportRecord::new(
                SupportId::from_key(&format!("P-{k}")),
                thidua::Label::try_new(programme).unwrap(),
                UnitId::from_key("Q"),
                SupportTime::Period { period: year() },
            )
            .with_recipients(
                Recipients::new()
                    .with_beneficiary(child)
                    .with_count(thidua::Reported::exact(12)),
            )
            .with_amount(thidua::Reported::exact(Vnd::from_dong(30_000_000))),
        );
    }
    // The first and the last are flagged private in the file.
    let mut json: serde_json::Value = serde_json::from_str(&d.build().to_json()).unwrap();
    for k in [0, 2] {
        json["support_records"][k]["private"] = serde_json::Value::Bool(true);
    }
    let model = Dataset::from_value(json).unwrap().into_model().unwrap();
    let report = model.report(&ReportRequest::default()).unwrap();
    for format in [Format::Markdown, Format::Html, Format::Text] {
        let vi = report.render(format, Lang::Vi);
        let en = report.render(format, Lang::En);
        for text in [&vi, &en] {
            assert!(
                !text.contains("Nguyễn Văn Bé") && !text.contains("Trần"),
                "{text}"
            );
            assert!(text.contains(other), "{text}");
        }
        assert!(vi.contains("Chương trình hỗ trợ (riêng tư) 1"), "{vi}");
        assert!(vi.contains("Chương trình hỗ trợ (riêng tư) 2"), "{vi}");
        assert!(en.contains("Support programme (private) 1"), "{en}");
        assert!(en.contains("Support programme (private) 2"), "{en}");
    }
}
