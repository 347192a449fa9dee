//! One frame of the window on table 三, headless: the egui pass (our UI code, layout, checks
//! already cached) plus tessellation at 1440×900. Target: under 2 ms median.
//!
//! Run: `cargo bench --bench frame`

use std::hint::black_box;
use std::path::Path;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use nianbao::app::{App, Part};

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1440.0, 900.0),
        )),
        ..Default::default()
    }
}

fn frame(c: &mut Criterion) {
    let ctx = egui::Context::default();
    nianbao::ui::fonts::install(&ctx);
    let report = nianbao::file::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/2025-qingshi.nianbao"),
    )
    .unwrap();
    let mut app = App::with_report(report, std::env::temp_dir().join("nianbao-bench-frame"));
    app.part = Part::Section(2);
    let run = |app: &mut App| {
        let output = ctx.run_ui(input(), |ui| app.ui(ui));
        ctx.tessellate(output.shapes, output.pixels_per_point)
    };
    // The first frames fill the glyph atlas; a clerk's frames after that do not.
    for _ in 0..5 {
        run(&mut app);
    }
    c.bench_function("frame/table-3-1440x900", |b| {
        b.iter(|| black_box(run(&mut app)))
    });
    app.part = Part::Meta;
    for _ in 0..5 {
        run(&mut app);
    }
    c.bench_function("frame/meta-1440x900", |b| {
        b.iter(|| black_box(run(&mut app)))
    });
}

/// Start-up cost of the fonts: a fresh window's first frame (UI fonts only), and the first
/// frame of 预览 (the PDF's five faces installed, the visible page drawn in them).
fn first_frames(c: &mut Criterion) {
    let report = nianbao::file::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/2025-qingshi.nianbao"),
    )
    .unwrap();
    let fresh = |part: Part| {
        let ctx = egui::Context::default();
        nianbao::ui::fonts::install(&ctx);
        let mut app = App::with_report(
            report.clone(),
            std::env::temp_dir().join("nianbao-bench-first"),
        );
        app.part = part;
        (ctx, app)
    };
    let frames = |(ctx, mut app): (egui::Context, App), n: usize| {
        for _ in 0..n {
            let output = ctx.run_ui(input(), |ui| app.ui(ui));
            black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
        }
    };
    let mut group = c.benchmark_group("first-frame");
    group.sample_size(10);
    group.bench_function("meta", |b| {
        b.iter_batched(
            || fresh(Part::Meta),
            |s| frames(s, 1),
            BatchSize::PerIteration,
        )
    });
    // Two passes: the faces take effect at the start of the pass after 预览 asks for them.
    group.bench_function("preview", |b| {
        b.iter_batched(
            || fresh(Part::Preview),
            |s| frames(s, 2),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("meta-two-frames", |b| {
        b.iter_batched(
            || fresh(Part::Meta),
            |s| frames(s, 2),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, frame, first_frames);
criterion_main!(benches);
