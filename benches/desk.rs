//! The reviewer's desk over a county's worth of reports: 10 000 native files (5 000 organs,
//! each with this year's and last year's report, so every pair is found and checked with the
//! cross-year rules), walked, read, paired and checked in parallel. Target: under 10 s on
//! 2 cores (release).
//!
//! Run: `cargo bench --bench desk` (the files are written once to `target/tmp/desk-10000`).
//! The second measure adds a comparison with last year for each of the 5 000 pairs (in
//! memory) and the summary workbook with its charts.

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::desk;
use nianbao::model::Report;

const ORGANS: usize = 5_000;

fn example(name: &str) -> Report {
    nianbao::file::load(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/examples")
            .join(name),
    )
    .unwrap()
}

/// The folder of reports, written unless a previous run left all of them.
fn county() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/tmp/desk-10000");
    let done = dir.join("done");
    if done.exists() {
        return dir;
    }
    std::fs::create_dir_all(&dir).unwrap();
    let this = example("2025-qingshi.nianbao");
    let last = example("2024-qingshi.nianbao");
    let this_text = nianbao::file::to_native_string(&this);
    let last_text = nianbao::file::to_native_string(&last);
    for i in 0..ORGANS {
        let organ = format!("示范县第{i}镇人民政府");
        let folder = dir.join(format!("{:03}", i / 100));
        std::fs::create_dir_all(&folder).unwrap();
        for (year, text) in [(2025, &this_text), (2024, &last_text)] {
            let text = text.replace("示范县青石镇人民政府", &organ);
            std::fs::write(folder.join(format!("{i}-{year}.nianbao")), text).unwrap();
        }
    }
    std::fs::write(&done, "").unwrap();
    dir
}

/// The folder walked, read, paired and checked, every pair found.
fn checked(dir: &Path) -> desk::Desk {
    let found = desk::collect(&[dir.to_path_buf()], &[]);
    assert_eq!((found.files.len(), found.problems.len()), (2 * ORGANS, 0));
    let progress = desk::Progress::default();
    let desk = desk::run(
        &found.files,
        None,
        None,
        &desk::Review::default(),
        &progress,
    )
    .unwrap();
    assert!(desk.entries.iter().filter(|e| e.prev.is_some()).count() == ORGANS);
    desk
}

fn desk(c: &mut Criterion) {
    let dir = county();
    let mut group = c.benchmark_group("desk");
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(30));
    group.bench_function("check-10000-reports", |b| b.iter(|| checked(&dir)));
    // The same, then what a reviewer asks for besides: a comparison with last year for every
    // paired organ (as `check --compare` writes them) and the workbook with its charts.
    group.bench_function("check-compare-chart-10000-reports", |b| {
        b.iter(|| {
            let desk = checked(&dir);
            let pages: usize = desk
                .entries
                .iter()
                .filter_map(|e| Some((e.report.as_ref().ok()?, e.prev?)))
                .filter_map(|(r, p)| Some((r, desk.entries[p].report.as_ref().ok()?)))
                .map(|(r, last)| {
                    nianbao::export::compare::html(&nianbao::export::compare::compare(r, last))
                        .len()
                })
                .sum();
            let book = desk::xlsx(&desk, &desk::Only::ALL).unwrap();
            (pages, book.len())
        })
    });
    group.finish();
}

criterion_group!(benches, desk);
criterion_main!(benches);
