//! Any bytes as a `.nianbao` file: a report or a Chinese error, never a panic; a report that
//! loads also checks, saves and loads back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::file::{self, Format};

fuzz_target!(|data: &[u8]| {
    if let Ok(report) = file::parse(data, Format::Native) {
        nianbao_fuzz::checks_and_round_trips(&report);
    }
});
