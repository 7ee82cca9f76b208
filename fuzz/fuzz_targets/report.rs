//! Random small hierarchies with random member counts and stated figures: building,
//! rolling up and reporting never panic, and a scoped report never shows figures of
//! another subtree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thidua::testing::DatasetBuilder;
use thidua::{Bloc, FigureValue, Format, Lang, Reported, ReportRequest, UnitId, UnitKind};

fuzz_target!(|data: &[u8]| {
    let Ok(mut b) = DatasetBuilder::new("2020-01-01") else { return };
    b = match b.unit("R", UnitKind::ProvincialFederation, "Gốc", None) {
        Ok(b) => b,
        Err(_) => return,
    };
    let mut districts = 0usize;
    for (i, byte) in data.iter().take(40).enumerate() {
        let code = format!("R.{i}");
        if byte % 4 == 0 || districts == 0 {
            b = match b.unit(&code, UnitKind::DistrictFederation, &format!("Quận {i}"), Some("R")) {
                Ok(b) => b,
                Err(_) => return,
            };
            districts = i + 1;
        } else {
            let parent = format!("R.{}", districts - 1);
            let bloc = if byte % 3 == 0 { Some(Bloc::Schools) } else { None };
            b = match b.grassroots(&code, &format!("Trường {i}"), &parent, bloc, u64::from(byte % 7), None) {
                Ok(b) => b,
                Err(_) => return,
            };
            b = match b.stated(&code, "members", None, FigureValue::Count(Reported::exact(u64::from(*byte))), "") {
                Ok(b) => b,
                Err(_) => return,
            };
        }
    }
    let day = thidua::parse_date("2024-01-01").ok();
    let Ok(b) = b.subject("R", None, day) else { return };
    let Ok(model) = b.model() else { return };
    let Ok(all) = model.report(&ReportRequest::default()) else { return };
    let _ = all.render(Format::Html, Lang::Vi);
    let request = ReportRequest {
        unit: Some(UnitId::from_key("R.0")),
        ..ReportRequest::default()
    };
    if let Ok(scoped) = model.report(&request) {
        let text = scoped.render(Format::Text, Lang::En);
        assert!(!text.contains("Quận 1\n"));
    }
});
