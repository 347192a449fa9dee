//! Any bytes as a published report (docx): a report with its import notes or a Chinese error,
//! never a panic; an imported report checks, saves and loads back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::file::{self, Format};
use nianbao::import::{Source, import};

fuzz_target!(|data: &[u8]| {
    let source = Source::from_extension("docx").unwrap();
    if let Ok((report, _notes)) = import(data, source) {
        let _ = nianbao::check::check(&report, None);
        let again = file::parse(file::to_native_string(&report).as_bytes(), Format::Native)
            .expect("own output loads");
        assert_eq!(again, report);
    }
});
