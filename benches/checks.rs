//! Checks must be fast enough to run on every keystroke (target: under 20 µs median on the
//! full example). Also measures reading and writing the native and JSON files.
//!
//! Run: `cargo bench --bench checks`

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::file::{self, Format};

fn example(name: &str) -> nianbao::model::Report {
    file::load(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/examples")
            .join(name),
    )
    .unwrap()
}

fn checks(c: &mut Criterion) {
    let report = example("2025-qingshi.nianbao");
    let prev = example("2024-qingshi.nianbao");
    let mistakes = example("2025-qingshi-draft-with-mistakes.nianbao");
    c.bench_function("check/balanced-2025-with-prev", |b| {
        b.iter(|| nianbao::check::check(black_box(&report), Some(&prev)))
    });
    c.bench_function("check/mistakes-2025-with-prev", |b| {
        b.iter(|| nianbao::check::check(black_box(&mistakes), Some(&prev)))
    });
    let mut edited = report.clone();
    let cell = edited.template.cell_index("t3.granted.natural").unwrap();
    c.bench_function("edit-cell-and-recompute-totals", |b| {
        b.iter(|| edited.set_text(cell, black_box("8")))
    });
}

fn files(c: &mut Criterion) {
    let report = example("2025-qingshi.nianbao");
    let native = file::to_native_string(&report);
    let json = file::to_json_string(&report);
    c.bench_function("file/parse-native", |b| {
        b.iter(|| file::parse(black_box(native.as_bytes()), Format::Native).unwrap())
    });
    c.bench_function("file/parse-json", |b| {
        b.iter(|| file::parse(black_box(json.as_bytes()), Format::Json).unwrap())
    });
    c.bench_function("file/write-native", |b| {
        b.iter(|| file::to_native_string(black_box(&report)))
    });
}

criterion_group!(benches, checks, files);
criterion_main!(benches);
