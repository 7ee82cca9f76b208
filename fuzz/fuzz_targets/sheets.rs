//! Any bytes as a CSV or XLSX file, imported with every template in both modes:
//! errors and diagnostics, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thidua::{ImportMode, Importer, Sheet, Template};

fn import_all(sheet: &Sheet) {
    for template in Template::ALL {
        for mode in [ImportMode::Partial, ImportMode::AllOrNothing] {
            let _ = Importer::new(*template).mode(mode).import(sheet);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(sheet) = Sheet::from_csv("fuzz.csv", data) {
        import_all(&sheet);
    }
    if let Ok(sheets) = Sheet::from_xlsx(data) {
        for sheet in &sheets {
            import_all(sheet);
        }
    }
});
