//! No number changed unsaid, the obvious fix offered, the 落款 kept true (egui_kittest, as a
//! clerk would): 自动计算合计 says which typed totals it rewrites and is one undo step; a
//! forgotten total is offered 「总计改为 N」; a figure in the text that disagrees with the table
//! is offered 「正文改为 N」; last year's organ in the 落款 is warned about.
#![cfg(feature = "window")]

mod common;

use common::window::{CLERK_SCREEN, harness};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::app::{App, Part};
use nianbao::check::{RuleId, Severity};
use nianbao::editor::{Edit, MetaField};
use nianbao::model::Report;
use std::time::Instant;

fn window(report: Report, part: Part) -> Harness<'static, App> {
    let mut app = App::with_report(report, common::temp_dir("trust"));
    app.part = part;
    harness(app, CLERK_SCREEN)
}

fn click(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

fn cell(h: &Harness<'_, App>, id: &str) -> String {
    h.state().editor.report.text_by_id(id).unwrap()
}

fn rules(h: &Harness<'_, App>) -> Vec<RuleId> {
    h.state().editor.findings().iter().map(|f| f.rule).collect()
}

fn undo(h: &mut Harness<'_, App>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
}

/// 行政复议 parts 1 + 1 and a typed 总计 of 3, 自动计算合计 off.
fn typed_total_of_3() -> Report {
    let mut r = common::balanced();
    r.auto_totals = false;
    for (id, v) in [
        ("t4.review.upheld", "1"),
        ("t4.review.corrected", "1"),
        ("t4.review.other", "0"),
        ("t4.review.pending", "0"),
        ("t4.review.total", "3"),
    ] {
        common::set(&mut r, id, v);
    }
    r
}

#[test]
fn ticking_auto_totals_says_which_typed_totals_it_rewrites_and_undoes_in_one_step() {
    let mut h = window(typed_total_of_3(), Part::Section(3));
    click(&mut h, "自动计算合计");
    assert!(h.query_by_label("开启自动计算合计将改写合计").is_some());
    assert!(
        h.query_by_label_contains("第四部分 行政复议·总计：3 → 2")
            .is_some(),
        "the cell, the typed figure and the new one are named: {:?}",
        match &h.state().dialog {
            Some(nianbao::app::Dialog::RewriteTotals { lines }) => lines.clone(),
            _ => vec![],
        }
    );
    click(&mut h, "取消");
    assert!(!h.state().editor.report.auto_totals);
    assert_eq!(cell(&h, "t4.review.total"), "3", "nothing changed");

    click(&mut h, "自动计算合计");
    click(&mut h, "改写合计");
    assert!(h.state().editor.report.auto_totals);
    assert_eq!(cell(&h, "t4.review.total"), "2");
    let (message, _) = h.state().message.clone().unwrap();
    assert!(message.contains("改写了 1 个合计"), "{message}");
    assert!(message.contains("3 → 2"), "{message}");

    undo(&mut h);
    assert!(!h.state().editor.report.auto_totals, "one undo step");
    assert_eq!(cell(&h, "t4.review.total"), "3");
    let (message, _) = h.state().message.clone().unwrap();
    assert_eq!(message, "已撤销", "the rewrite's message is no longer true");
}

/// 「正文改为 N」 only after a table that balances: a wrong typed total is not copied into the text.
#[test]
fn the_text_is_not_offered_a_figure_the_table_itself_gets_wrong() {
    // The example's text says 「行政复议1件」.
    let mut r = typed_total_of_3();
    let text_fix = |r: &Report| {
        let findings = nianbao::check::check(r, None);
        let txt: Vec<_> = findings
            .iter()
            .filter(|f| f.rule == RuleId::TXTNUM)
            .collect();
        assert_eq!(txt.len(), 1, "{findings:#?}");
        txt[0].text_fix.as_ref().map(|f| f.value.clone())
    };
    assert_eq!(text_fix(&r), None, "行政复议 总计 3 is itself unbalanced");
    common::set(&mut r, "t4.review.other", "1");
    assert_eq!(text_fix(&r), Some("3".into()), "the table balances at 3");
    let h = window(r, Part::Section(0));
    assert!(h.query_all_by_label("正文改为 3").next().is_some());
}

#[test]
fn ticking_auto_totals_where_every_total_agrees_asks_nothing() {
    let mut r = typed_total_of_3();
    common::set(&mut r, "t4.review.total", "2");
    let mut h = window(r, Part::Section(3));
    click(&mut h, "自动计算合计");
    assert!(h.query_by_label("开启自动计算合计将改写合计").is_none());
    assert!(h.state().editor.report.auto_totals);
}

/// As published: 行政复议 总计 0 with parts 10 + 1. The total was forgotten.
#[test]
fn a_forgotten_total_is_offered_the_sum_of_its_parts() {
    let mut r = typed_total_of_3();
    common::set(&mut r, "t4.review.upheld", "10");
    common::set(&mut r, "t4.review.total", "0");
    let mut h = window(r, Part::Section(3));
    assert!(rules(&h).contains(&RuleId::T4A), "{:?}", rules(&h));
    click(&mut h, "总计改为 11");
    assert_eq!(cell(&h, "t4.review.total"), "11");
    assert_eq!(cell(&h, "t4.review.upheld"), "10", "the parts stay");
    assert!(!rules(&h).contains(&RuleId::T4A), "{:?}", rules(&h));
}

#[test]
fn a_figure_in_the_text_that_disagrees_with_the_table_is_offered_the_tables() {
    let mut r = common::balanced();
    let overview = r.narrative_by_id("overview").unwrap().to_string();
    assert!(overview.contains("新收政府信息公开申请19件"), "{overview}");
    let wrong = overview.replace("新收政府信息公开申请19件", "新收政府信息公开申请21件");
    *r.narrative_mut("overview").unwrap() = wrong.clone();
    let mut h = window(r, Part::Section(0));
    assert!(rules(&h).contains(&RuleId::TXTNUM), "{:?}", rules(&h));
    h.get_all_by_label("正文改为 19").next().unwrap().click();
    h.run();
    assert_eq!(
        h.state().editor.report.narrative_by_id("overview").unwrap(),
        overview,
        "only that figure changed"
    );
    assert!(!rules(&h).contains(&RuleId::TXTNUM));
    undo(&mut h);
    assert_eq!(
        h.state().editor.report.narrative_by_id("overview").unwrap(),
        wrong
    );
}

#[test]
fn last_years_organ_in_the_closing_is_warned_about() {
    let mut r = common::balanced();
    r.meta.organ = "示范县青山镇人民政府".into();
    r.meta.closing_organ = "示范县青石镇人民政府".into();
    let mut h = window(r, Part::Meta);
    assert!(rules(&h).contains(&RuleId::METACLOSING));
    assert!(
        h.query_by_label_contains("落款机关“示范县青石镇人民政府”")
            .is_some()
    );
    let edit = Edit::Meta {
        field: MetaField::ClosingOrgan,
        text: "青山镇人民政府".into(),
    };
    h.state_mut().editor.apply(edit, Instant::now());
    h.run();
    assert!(
        !rules(&h).contains(&RuleId::METACLOSING),
        "a shorter form of the name is the same organ"
    );
}

#[test]
fn an_empty_closing_date_is_flagged_once_the_tables_are_filled() {
    let mut r = common::balanced();
    r.meta.closing_date.clear();
    let h = window(r, Part::Meta);
    assert!(h.query_by_label_contains("落款日期为空").is_some());
    let mut blank = Report::new(2025, "示范县青石镇人民政府");
    blank.meta.closing_date.clear();
    let h = window(blank, Part::Meta);
    assert!(
        h.query_by_label_contains("落款日期为空").is_none(),
        "not while nothing is typed"
    );
}

#[test]
fn the_sub_heading_button_names_what_is_missing_and_only_then() {
    let mut r = common::balanced();
    let overview = r.narrative_by_id("overview").unwrap().to_string();
    let h = window(r.clone(), Part::Section(0));
    assert!(h.query_by_label("小标题已齐全").is_some(), "{overview}");

    *r.narrative_mut("overview").unwrap() = overview.replace("（五）监督保障", "");
    let h = window(r, Part::Section(0));
    assert!(
        h.query_by_label("插入缺少的小标题“（五）监督保障”")
            .is_some()
    );
}

#[test]
fn a_report_never_saved_says_unsaved() {
    let dir = common::temp_dir("trust-start");
    let mut app = App::start(dir.join("config"), None);
    app.native_dialogs = false;
    let h = harness(app, CLERK_SCREEN);
    assert!(h.query_by_label("未保存").is_some());
    assert!(h.query_by_label("已保存").is_none());
}

/// 从上年报告新建 for another organ: the organ comes from last year's file, and the first save
/// is proposed beside it.
#[test]
fn a_report_from_last_years_takes_its_organ_and_is_saved_beside_it() {
    let dir = common::temp_dir("trust-new-from");
    let prev = dir.join("2024年报.nianbao");
    std::fs::copy(common::example_path("2024-qingshi.nianbao"), &prev).unwrap();
    let mut h = window(Report::new(2025, ""), Part::Section(2));
    h.state_mut().picker = nianbao::app::Picker::scripted(vec![Some(prev.clone())]);
    click(&mut h, "文件");
    click(&mut h, "从上年报告新建…");
    click(&mut h, "浏览…");
    h.run();
    assert_eq!(
        h.get_by_label("机关名称").value().as_deref(),
        Some("示范县青石镇人民政府")
    );
    click(&mut h, "确定");
    assert!(
        !rules(&h).iter().any(|r| r.severity() == Severity::Error),
        "nothing typed yet, no red errors: {:?}",
        rules(&h)
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let proposed = h.get_by_label("文件路径").value().unwrap();
    assert!(
        proposed.starts_with(dir.to_str().unwrap()),
        "{proposed} beside {}",
        prev.display()
    );
}
