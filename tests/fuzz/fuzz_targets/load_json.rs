//! Any bytes as a JSON export: a report or a Chinese error, never a panic; a report that
//! loads also checks, saves and loads back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::file::{self, Format};

fuzz_target!(|data: &[u8]| {
    if let Ok(report) = file::parse(data, Format::Json) {
        let _ = nianbao::check::check(&report, None);
        let again = file::parse(file::to_json_string(&report).as_bytes(), Format::Json)
            .expect("own output loads");
        assert_eq!(again, report);
    }
});
