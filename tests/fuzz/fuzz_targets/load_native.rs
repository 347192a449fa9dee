//! Any bytes as a `.nianbao` file: a report or a Chinese error, never a panic; a report that
//! loads also checks, saves and loads back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::file::{self, Format};

fuzz_target!(|data: &[u8]| {
    if let Ok(report) = file::parse(data, Format::Native) {
        let _ = nianbao::check::check(&report, None);
        let again = file::parse(file::to_native_string(&report).as_bytes(), Format::Native)
            .expect("own output loads");
        assert_eq!(again, report);
    }
});
