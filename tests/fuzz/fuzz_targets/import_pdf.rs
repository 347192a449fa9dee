//! Any bytes as a published report (PDF): a report with its import notes or a Chinese error,
//! never a panic, within the reader's budgets; an imported report checks, saves and loads back
//! equal.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    nianbao_fuzz::import_round_trips(data, "pdf");
});
