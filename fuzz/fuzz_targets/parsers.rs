//! Every string parser on any text: an error or a value, never a panic; a value
//! written and read back is the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thidua::{
    DateRange, DecisionNumber, PersonName, Phase, Ratio, Reported, SchoolYear, UnitName, Vnd,
    Year,
};

fn round_trip<T>(s: &str)
where
    T: std::str::FromStr + std::fmt::Display + PartialEq + std::fmt::Debug,
    T::Err: std::fmt::Debug,
{
    if let Ok(v) = s.parse::<T>() {
        let again = v.to_string().parse::<T>();
        assert!(again.as_ref().is_ok_and(|a| *a == v), "{s:?} → {v} → {again:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    round_trip::<SchoolYear>(s);
    round_trip::<Phase>(s);
    round_trip::<Year>(s);
    round_trip::<DateRange>(s);
    round_trip::<Vnd>(s);
    round_trip::<Ratio>(s);
    round_trip::<DecisionNumber>(s);
    round_trip::<PersonName>(s);
    round_trip::<UnitName>(s);
    let _ = s.parse::<thidua::Period>();
    let _ = s.parse::<Reported<u64>>();
    let _ = s.parse::<Reported<Vnd>>();
    let _ = s.parse::<Reported<Ratio>>();
    let _ = Reported::<u64>::parse_count(s);
    let _ = thidua::parse_date(s);
    let _ = thidua::fold(s);
    let _ = thidua::normalize(s);
    if data.len() >= 8 {
        let mut b = [0u8; 8];
        b.copy_from_slice(&data[..8]);
        let _ = thidua::date_from_excel_serial(i64::from_le_bytes(b));
    }
});
