//! The authoring window, driven as a clerk would (egui_kittest, no GPU): cells are found by
//! their labels, typed into, corrected, undone; files and prompts go through the window.

mod common;

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::app::{App, Part};
use nianbao::check::RuleId;
use nianbao::model::Report;

fn window(report: Report) -> Harness<'static, App> {
    let config = common::temp_dir("window");
    let mut app = App::with_report(report, config);
    app.part = Part::Section(2);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1440.0, 900.0))
        .with_context_setup(nianbao::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    harness.run();
    harness
}

fn cell_text(h: &Harness<'_, App>, id: &str) -> String {
    let r = &h.state().editor.report;
    r.text(r.template.cell_index(id).unwrap())
}

fn rules(h: &Harness<'_, App>) -> Vec<RuleId> {
    h.state().editor.findings().iter().map(|f| f.rule).collect()
}

#[test]
fn typing_replaces_the_cell_and_tab_moves_along_the_row() {
    let mut h = window(common::balanced());
    h.get_by_label("（一）予以公开 自然人").click();
    h.run();
    h.get_by_label("（一）予以公开 自然人").type_text("9");
    h.run();
    assert_eq!(cell_text(&h, "t3.granted.natural"), "9");
    h.key_press(Key::Tab);
    h.run();
    assert!(h.get_by_label("（一）予以公开 商业企业").is_focused());
    h.get_by_label("（一）予以公开 商业企业").type_text("4");
    h.run();
    assert_eq!(cell_text(&h, "t3.granted.commercial"), "4", "the old value was selected and replaced");
}

#[test]
fn enter_and_arrows_move_down_and_up_the_column() {
    let mut h = window(common::balanced());
    h.get_by_label("（一）予以公开 自然人").click();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.get_by_label("（二）部分公开（区分处理的，只计这一情形，不计其他情形） 自然人").is_focused());
    h.key_press(Key::ArrowDown);
    h.run();
    assert!(h.get_by_label("1.属于国家秘密 自然人").is_focused());
    h.key_press(Key::ArrowUp);
    h.run();
    h.key_press(Key::ArrowUp);
    h.run();
    assert!(h.get_by_label("（一）予以公开 自然人").is_focused());
    h.get_by_label("（一）予以公开 自然人").type_text("5");
    h.run();
    assert_eq!(cell_text(&h, "t3.granted.natural"), "5");
}
