//! What every fuzz target asserts of a report it got from any bytes: it checks without a
//! panic, and our own file of it loads back equal.

use nianbao::file::{self, Format};
use nianbao::import::{Source, import};
use nianbao::model::Report;

pub fn checks_and_round_trips(report: &Report) {
    let _ = nianbao::check::check(report, None);
    let again = file::parse(file::to_native_string(report).as_bytes(), Format::Native)
        .expect("own output loads");
    assert_eq!(&again, report);
}

/// Any bytes as a published file of this extension: a report with its import notes or a
/// Chinese error, never a panic.
pub fn import_round_trips(data: &[u8], extension: &str) {
    let source = Source::from_extension(extension).unwrap();
    if let Ok((report, _notes)) = import(data, source) {
        checks_and_round_trips(&report);
    }
}
