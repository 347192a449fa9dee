//! Any bytes as a published report (docx): a report with its import notes or a Chinese error,
//! never a panic; an imported report checks, saves and loads back equal.
//!
//! Bytes that are not a zip are also tried as the document part of a Word package, stored
//! uncompressed: mutations of a deflated part rarely survive its checksum, so without this
//! the fuzzer would hardly reach the WordprocessingML reader.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let package;
    let bytes = if data.starts_with(b"PK") {
        data
    } else {
        package = as_document_part(data);
        &package
    };
    nianbao_fuzz::import_round_trips(bytes, "docx");
});

fn as_document_part(xml: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("word/document.xml", stored).unwrap();
    zip.write_all(xml).unwrap();
    zip.finish().unwrap().into_inner()
}
