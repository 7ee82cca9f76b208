//! The two-thread reader of large dataset files, reached on small inputs (under
//! fuzzing it does not wait for 16 MB): whatever it accepts, the ordinary reading
//! accepts too and reads as the same dataset.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    #[cfg(fuzzing)]
    if let Some(two) = thidua::fuzzing::read_on_two_threads(text) {
        let one = thidua::fuzzing::read_on_one_thread(text);
        assert_eq!(one.as_ref(), Some(&two), "the two readers disagree");
    }
    let _ = text;
});
