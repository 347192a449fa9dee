//! PDF export of the full example, layout and write separately (target: under 150 ms, file
//! under 400 KB), and import of each seed (target: under 20 ms) and of a large Word file.
//!
//! Run: `cargo bench --bench export_import` (the seeds are read from `../shared/seeds`).
//! The example written as a web page and as a Word file is also left in
//! `target/tmp/published/` for `benches/libreoffice.sh` and as fuzzing seeds.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::import::{Source, import};
use nianbao::pdf::PdfDate;

#[allow(dead_code)] // the layouts the import tests use besides the official one
#[path = "../tests/common/published.rs"]
mod published;

const DATE: PdfDate = PdfDate {
    year: 2026,
    month: 1,
    day: 20,
};

fn example() -> nianbao::model::Report {
    nianbao::file::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/2025-qingshi.nianbao"),
    )
    .unwrap()
}

fn pdf(c: &mut Criterion) {
    let report = example();
    let laid = nianbao::layout::publication(&report);
    let bytes = nianbao::pdf::write(&report, &laid, DATE).unwrap();
    eprintln!("pdf: {} pages, {} bytes", laid.pages.len(), bytes.len());
    let mut g = c.benchmark_group("pdf");
    g.sample_size(20);
    g.bench_function("layout", |b| {
        b.iter(|| nianbao::layout::layout(black_box(&report)))
    });
    g.bench_function("write", |b| {
        b.iter(|| nianbao::pdf::write(&report, black_box(&laid), DATE))
    });
    g.bench_function("export", |b| {
        b.iter(|| nianbao::pdf::export(black_box(&report), DATE))
    });
    g.finish();
}

fn seeds(c: &mut Criterion) {
    let mut g = c.benchmark_group("import");
    if let Some(paths) = published::seed_paths() {
        for path in paths {
            let bytes = std::fs::read(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy()[..3].to_string();
            g.bench_function(format!("seed-{name}"), |b| {
                b.iter(|| import(black_box(&bytes), Source::Text))
            });
        }
    }
    let mut report = example();
    let page = published::html(&report);
    g.bench_function("html-example", |b| {
        b.iter(|| import(black_box(page.as_bytes()), Source::Html))
    });
    let word = published::docx(&report);
    keep("example.html", page.as_bytes());
    keep("example.docx", &word);
    keep(
        "example-document.xml",
        published::docx_document(&report).as_bytes(),
    );
    g.bench_function("docx-example", |b| {
        b.iter(|| import(black_box(&word), Source::Docx))
    });
    // nianbao's own PDF of the example (fonts embedded, streams compressed), and the same
    // PDF uncompressed as a fuzzing seed.
    let date = nianbao::pdf::PdfDate {
        year: 2026,
        month: 1,
        day: 20,
    };
    let pdf = nianbao::pdf::export(&report, date).unwrap();
    keep("example.pdf", &pdf);
    g.bench_function("pdf-example", |b| {
        b.iter(|| import(black_box(&pdf), Source::Pdf))
    });
    // A long report: 2 000 narrative paragraphs around the official tables.
    *report.narrative_mut("overview").unwrap() = (0..2000)
        .map(|i| format!("（{i}）本镇全年主动公开政府信息，群众满意度较高。"))
        .collect::<Vec<_>>()
        .join("\n");
    let large = published::docx(&report);
    eprintln!("large docx: {} bytes", large.len());
    g.bench_function("docx-large", |b| {
        b.iter(|| import(black_box(&large), Source::Docx))
    });
    let large_pdf = nianbao::pdf::export(&report, date).unwrap();
    eprintln!("large pdf: {} bytes", large_pdf.len());
    g.bench_function("pdf-large", |b| {
        b.iter(|| import(black_box(&large_pdf), Source::Pdf))
    });
    g.finish();
}

/// Leaves an input on disk for the LibreOffice comparison and the fuzzers.
fn keep(name: &str, bytes: &[u8]) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("published");
    let written =
        std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(dir.join(name), bytes));
    match written {
        Ok(()) => eprintln!("wrote {}", dir.join(name).display()),
        Err(e) => eprintln!("could not write {name}: {e}"),
    }
}

criterion_group!(benches, pdf, seeds);
criterion_main!(benches);
