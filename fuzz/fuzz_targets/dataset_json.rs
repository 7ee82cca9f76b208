//! Any bytes as a dataset file: reading, validating and reporting never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(dataset) = thidua::Dataset::from_json(text) {
        // Saving then reading gives the same dataset.
        let again = thidua::Dataset::from_json(&dataset.to_json());
        assert_eq!(again.as_ref().ok(), Some(&dataset));
        if let Ok(model) = dataset.into_model() {
            let _ = model.report(&thidua::ReportRequest::default());
        }
    }
});
