//! The window around the report (egui_kittest, no GPU): 预览's zoom and pages, the window's
//! size and maximised state kept between runs, and nothing hovering over a modal dialog.
#![cfg(feature = "window")]

mod common;

use egui::{Pos2, Rect, ViewportId, ViewportInfo, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use nianbao::app::{App, Dialog, Part};
use nianbao::editor::session::{Settings, WindowGeometry};
use nianbao::model::Report;

fn window(report: Report, tag: &str) -> Harness<'static, App> {
    let app = App::with_report(report, common::temp_dir(tag));
    let mut harness = Harness::builder()
        .with_size(vec2(1366.0, 700.0))
        .with_context_setup(nianbao::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    harness.run();
    harness
}

fn preview(tag: &str) -> (Harness<'static, App>, usize) {
    let report = common::example("2025-qingshi.nianbao");
    let pages = nianbao::layout::layout(&report).len();
    let mut h = window(report, tag);
    h.get_by_label("预览").click();
    h.run();
    assert_eq!(h.state().part, Part::Preview);
    (h, pages)
}

/// 「显示比例 N%」 as shown.
fn zoom_label(h: &Harness<'_, App>) -> String {
    let node = h.get_by_label_contains("显示比例");
    let ak = node.accesskit_node();
    let text = ak.label().or(ak.value()).unwrap_or_default();
    assert!(text.starts_with("显示比例 "), "{text:?}");
    text
}

#[test]
fn preview_draws_in_the_pdf_faces_and_zooms() {
    let (mut h, _) = preview("preview-zoom");
    assert!(
        nianbao::ui::fonts::pdf_faces_ready(&h.ctx, nianbao::layout::FontSet::BUNDLED),
        "仿宋 and the other faces of the PDF are installed when 预览 opens"
    );
    // Fit to width first: 1366 less the outline and problems panels.
    let fitted = zoom_label(&h);
    assert_ne!(fitted, "显示比例 100%");
    h.get_by_label("100%").click();
    h.run();
    assert!(h.query_by_label("显示比例 100%").is_some());
    h.get_by_label("放大").click();
    h.run();
    assert!(h.query_by_label("显示比例 125%").is_some());
    h.get_by_label("缩小").click();
    h.run();
    h.get_by_label("缩小").click();
    h.run();
    assert!(h.query_by_label("显示比例 90%").is_some());
    // Ctrl+wheel over the pages zooms too (egui turns it into a zoom event).
    let centre = h.get_by_label_contains("第 1 / ").rect().center() + vec2(0.0, 200.0);
    h.hover_at(centre);
    h.event(egui::Event::Zoom(1.28));
    h.run();
    assert!(
        h.query_by_label("显示比例 100%").is_some(),
        "one step per notch"
    );
    h.get_by_label("适合宽度").click();
    h.run();
    assert_eq!(zoom_label(&h), fitted);
}

#[test]
fn preview_pages_are_turned_and_scrolled_to() {
    let (mut h, pages) = preview("preview-pages");
    assert!(pages >= 3, "{pages} pages");
    let first = format!("第 1 / {pages} 页");
    assert!(h.query_by_label(&first).is_some());
    assert!(
        h.get_by_label("上一页").accesskit_node().is_disabled(),
        "no page before the first"
    );
    h.get_by_label("下一页").click();
    h.run();
    h.get_by_label("下一页").click();
    h.run();
    // Still page 3 after the scroll settles: the indicator follows what is on screen.
    h.run_steps(3);
    assert!(h.query_by_label(&format!("第 3 / {pages} 页")).is_some());
    h.get_by_label("上一页").click();
    h.run();
    h.run_steps(3);
    assert!(h.query_by_label(&format!("第 2 / {pages} 页")).is_some());
}

fn viewport(h: &mut Harness<'_, App>, info: ViewportInfo) {
    h.input_mut().viewports.insert(ViewportId::ROOT, info);
}

#[test]
fn size_position_and_maximised_state_are_kept_in_the_settings() {
    let mut h = window(common::balanced(), "geometry");
    let config = h.state().config_dir().to_path_buf();
    let inner = Rect::from_min_size(Pos2::new(110.0, 90.0), vec2(1100.0, 620.0));
    let outer = Rect::from_min_max(Pos2::new(100.0, 60.0), inner.max + vec2(10.0, 10.0));
    viewport(
        &mut h,
        ViewportInfo {
            inner_rect: Some(inner),
            outer_rect: Some(outer),
            maximized: Some(false),
            ..Default::default()
        },
    );
    h.run();
    // Maximised: the normal size stays for when it is restored.
    viewport(
        &mut h,
        ViewportInfo {
            inner_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1366.0, 700.0))),
            outer_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1366.0, 730.0))),
            maximized: Some(true),
            events: vec![egui::ViewportEvent::Close],
            ..Default::default()
        },
    );
    h.run();
    let saved = Settings::load(&config).window.expect("saved on closing");
    let expected = WindowGeometry {
        x: 100.0,
        y: 60.0,
        width: 1100.0,
        height: 620.0,
        maximized: true,
    };
    assert_eq!(saved, expected);
    // The next start opens it the same way.
    let builder = nianbao::app::geometry::viewport(Some(&saved));
    assert_eq!(builder.maximized, Some(true));
    assert_eq!(builder.inner_size, Some(vec2(1100.0, 620.0)));
    assert_eq!(builder.position, Some(Pos2::new(100.0, 60.0)));
    assert!(builder.icon.is_some(), "the window has its icon");
    // The first start: a size that fits 1366×768 with a taskbar and the title bar.
    let first = nianbao::app::geometry::viewport(None);
    let size = first.inner_size.unwrap();
    assert!(size.x <= 1340.0 && size.y <= 700.0, "{size:?}");
}

#[test]
fn a_window_larger_than_the_monitor_is_shrunk_to_fit() {
    let mut h = window(common::balanced(), "geometry-fit");
    viewport(
        &mut h,
        ViewportInfo {
            monitor_size: Some(vec2(1366.0, 768.0)),
            inner_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1600.0, 900.0))),
            outer_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1600.0, 930.0))),
            maximized: Some(false),
            ..Default::default()
        },
    );
    h.run();
    let size = h.ctx.content_rect().size();
    assert!(size.x <= 1366.0 && size.y <= 700.0, "resized to {size:?}");
}

#[test]
fn no_cell_tooltip_over_a_modal_dialog() {
    let mut h = window(common::balanced(), "modal-tooltip");
    h.state_mut().part = Part::Section(2);
    h.run();
    let total = "一、本年新收政府信息公开申请数量 总计";
    let hint = "自动合计（可在本部分上方关闭“自动计算合计”）";
    let at = h.get_by_label_contains(total).rect().center();
    h.hover_at(at);
    h.run();
    h.hover_at(at + vec2(1.0, 0.0));
    h.run_steps(40);
    assert!(
        h.query_by_label_contains(hint).is_some(),
        "the tooltip shows without a dialog"
    );
    h.state_mut().dialog = Some(Dialog::Message {
        title: "提示".into(),
        text: "测试".into(),
    });
    h.hover_at(at);
    h.run_steps(40);
    assert!(h.query_by_label("提示").is_some(), "the dialog is open");
    assert!(
        h.query_by_label_contains(hint).is_none(),
        "no tooltip over the darkened window"
    );
}
