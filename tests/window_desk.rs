//! 文件 → 批量检查文件夹… driven as a county reviewer would (egui_kittest): the folder is
//! checked on a thread behind a progress bar with 取消, then a table sorted by a click on its
//! header, filtered by organ, a double-click opens the report, 导出Excel writes the workbook.
#![cfg(feature = "window")]

mod common;

use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::app::App;
use nianbao::model::Report;

fn harness(app: App) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1440.0, 900.0))
        .with_context_setup(nianbao::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run();
    h
}

/// Clicks a widget once it is shown (dialogs answer from their own threads, later under load).
fn click(h: &mut Harness<'_, App>, label: &str) {
    let start = Instant::now();
    while h.query_by_label(label).is_none() {
        assert!(start.elapsed() < Duration::from_secs(60), "no “{label}”");
        std::thread::sleep(Duration::from_millis(20));
        h.run();
    }
    h.get_by_label(label).click();
    // A fixed number of frames: the table's scroll bars fade in over more than `run` allows.
    h.run_steps(10);
}

fn organ(mut r: Report, name: &str) -> Report {
    r.meta.organ = name.into();
    r
}

/// Opens 批量检查 on `dir` through the menu and the window's own path box.
fn check_folder(h: &mut Harness<'_, App>, dir: &Path) {
    click(h, "文件");
    click(h, "批量检查文件夹…");
    type_path(h, dir);
}

/// Types a path into the window's own path box and confirms it.
fn type_path(h: &mut Harness<'_, App>, path: &Path) {
    click(h, "文件路径");
    h.get_by_label("文件路径").type_text(path.to_str().unwrap());
    h.run();
    click(h, "确定");
}

/// Steps until a label containing `text` is shown (the check runs on its own thread).
fn wait_for(h: &mut Harness<'_, App>, text: &str) {
    let start = Instant::now();
    while h.query_by_label_contains(text).is_none() {
        assert!(start.elapsed() < Duration::from_secs(60), "no “{text}”");
        std::thread::sleep(Duration::from_millis(20));
        h.run();
    }
}

fn top(h: &Harness<'_, App>, label: &str) -> f32 {
    h.get_by_label(label).rect().top()
}

#[test]
fn a_folder_checked_sorted_filtered_opened_and_exported() {
    let dir = common::temp_dir("win-desk");
    let mut baisha = organ(common::balanced(), "白沙镇");
    common::set(&mut baisha, "t3.new.natural", "30");
    let mut honghe = organ(common::balanced(), "红河乡");
    *honghe.narrative_mut("problems").unwrap() = "无。".into();
    nianbao::file::save(&organ(common::balanced(), "青石镇"), &dir.join("a.nianbao")).unwrap();
    nianbao::file::save(&baisha, &dir.join("b.nianbao")).unwrap();
    let honghe_path = dir.join("c.json");
    nianbao::file::save(&honghe, &honghe_path).unwrap();

    let mut h = harness(App::with_report(common::balanced(), dir.join("config")));
    check_folder(&mut h, &dir);
    wait_for(&mut h, "共3份报告");
    // Most errors first: 白沙镇 (two broken balances), then the others.
    assert!(top(&h, "白沙镇") < top(&h, "青石镇"));
    assert!(top(&h, "白沙镇") < top(&h, "红河乡"));
    // By warnings: 红河乡 (section 五 a token sentence) first.
    click(&mut h, "警告");
    assert!(top(&h, "红河乡") < top(&h, "青石镇"));
    // Names first A→Z, in pinyin order (白 bai, 红 hong, 青 qing), then back.
    click(&mut h, "机关");
    assert!(h.query_by_label("机关 ▲").is_some());
    assert!(top(&h, "白沙镇") < top(&h, "红河乡") && top(&h, "红河乡") < top(&h, "青石镇"));
    click(&mut h, "机关 ▲");
    assert!(top(&h, "青石镇") < top(&h, "红河乡"));
    click(&mut h, "机关 ▼");

    click(&mut h, "按机关筛选");
    // Names match as the desk compares them: the long form finds the short one.
    h.get_by_label("按机关筛选").type_text("红河乡人民政府");
    h.run();
    assert!(h.query_by_label_contains("筛选出1份，共3份报告").is_some());
    assert!(h.query_by_label("白沙镇").is_none());

    // 打开 (or a double-click on the row) opens the report in the window; a single click
    // on the row does not.
    click(&mut h, "红河乡");
    assert_eq!(h.state().editor.source, None, "one click opens nothing");
    click(&mut h, "打开");
    assert_eq!(
        h.state().editor.source.as_deref(),
        Some(honghe_path.as_path())
    );
    assert_eq!(h.state().editor.report.meta.organ, "红河乡");

    // 导出Excel: the summary workbook, read back.
    let out = dir.join("汇总");
    click(&mut h, "导出Excel");
    type_path(&mut h, &out);
    let xlsx = out.with_extension("xlsx");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    let mut strings = String::new();
    zip.by_name("xl/sharedStrings.xml")
        .unwrap()
        .read_to_string(&mut strings)
        .unwrap();
    // The rows the filter shows: 红河乡 alone.
    for name in ["红河乡", "导入待核对"] {
        assert!(strings.contains(name), "{name}");
    }
    assert!(!strings.contains("白沙镇"), "filtered out");
    assert!(
        zip.by_name("xl/worksheets/sheet2.xml").is_ok(),
        "every finding"
    );
}

#[test]
fn checking_can_be_cancelled() {
    let dir = common::temp_dir("win-desk-cancel");
    let text = nianbao::file::to_native_string(&common::balanced());
    for i in 0..1500 {
        std::fs::write(dir.join(format!("{i}.nianbao")), &text).unwrap();
    }
    let mut h = harness(App::with_report(common::balanced(), dir.join("config")));
    check_folder(&mut h, &dir);
    assert!(h.query_by_label_contains("正在检查").is_some());
    click(&mut h, "取消");
    wait_for(&mut h, "已取消检查");
    assert!(h.query_by_label("导出Excel").is_none());
}

#[test]
fn a_report_opened_from_the_desk_keeps_its_pairing_and_the_desk_s_notes() {
    let dir = common::temp_dir("win-desk-pairs");
    let mut last = common::example("2024-qingshi.nianbao");
    common::set(&mut last, "t2.normative_documents.in_force", "7");
    nianbao::file::save(&last, &dir.join("0-上年.nianbao")).unwrap();
    nianbao::file::save(&common::balanced(), &dir.join("1-定稿.nianbao")).unwrap();
    let mut draft = common::balanced();
    common::set(&mut draft, "t3.new.natural", "99");
    nianbao::file::save(&draft, &dir.join("2-初稿.nianbao")).unwrap();

    let mut h = harness(App::with_report(common::balanced(), dir.join("config")));
    check_folder(&mut h, &dir);
    wait_for(&mut h, "共3份报告");
    // Each row's verdict: the draft is replaced by the final.
    assert!(h.query_by_label_contains("已被取代：以“").is_some());
    // The 打开 on the final's row.
    let final_path = dir.join("1-定稿.nianbao").display().to_string();
    let row = h.get_by_label(&final_path).rect().center().y;
    h.get_all_by_label("打开")
        .find(|b| (b.rect().center().y - row).abs() < 4.0)
        .unwrap()
        .click();
    h.run_steps(8);
    let app = h.state();
    assert!(
        app.editor
            .path
            .as_deref()
            .unwrap()
            .ends_with("1-定稿.nianbao")
    );
    assert_eq!(
        app.editor.prev.as_ref().map(|p| p.report.meta.year),
        Some(2024),
        "compared with the report the desk paired it with"
    );
    assert!(
        !app.editor.is_dirty(),
        "the pairing is not saved into the file"
    );
    let said = &app.message.as_ref().unwrap().0;
    assert!(
        said.starts_with("批量检查的提示：同一机关同一年度还有1份数字不同的报告"),
        "{said}"
    );
    // Kept beside the problems after the status line moves on.
    assert_eq!(app.desk_said.len(), 1);
    assert!(
        h.query_by_label_contains("批量检查：同一机关同一年度还有1份数字不同的报告")
            .is_some()
    );
    // Counted in the problems' heading, as the desk's table counts it.
    let (errors, warnings) = nianbao::check::tally(app.editor.findings());
    let heading = format!("问题（错误{errors}，警告{}）", warnings + 1);
    assert!(h.query_by_label(&heading).is_some(), "{heading}");
    // What the pairing finds is among the report's findings, as the desk's table counted it.
    assert!(
        app.editor
            .findings()
            .iter()
            .any(|f| f.rule == nianbao::check::RuleId::XINFORCE)
    );
}

#[test]
fn names_list_county_report_recheck_after_a_fix_and_the_county_sum() {
    let dir = common::temp_dir("win-desk-county");
    let folder = dir.join("2025年报");
    std::fs::create_dir(&folder).unwrap();
    let mut baisha = organ(common::balanced(), "示范县白沙镇人民政府");
    common::set(&mut baisha, "t3.new.natural", "30");
    let baisha_path = folder.join("白沙镇.nianbao");
    nianbao::file::save(&baisha, &baisha_path).unwrap();
    let honghe = organ(common::balanced(), "示范县红河乡人民政府");
    nianbao::file::save(&honghe, &folder.join("红河乡.nianbao")).unwrap();
    // The list beside the folder: 黄土乡 has not reported.
    let names = dir.join("名单.txt");
    std::fs::write(&names, "白沙镇\n红河乡\n黄土乡\n").unwrap();
    // The county's own report: balanced figures, not the townships' sum.
    let county = dir.join("示范县.nianbao");
    nianbao::file::save(&organ(common::balanced(), "示范县人民政府"), &county).unwrap();

    let mut h = harness(App::with_report(common::balanced(), dir.join("config")));
    check_folder(&mut h, &folder);
    wait_for(&mut h, "共2份报告");
    click(&mut h, "选择机关名单…");
    type_path(&mut h, &names);
    wait_for(&mut h, "未报送（1个机关）：黄土乡");
    assert!(h.query_by_label("机关名单：名单.txt").is_some());
    click(&mut h, "选择汇总报告…");
    type_path(&mut h, &county);
    wait_for(&mut h, "共3份报告");
    assert!(
        h.query_by_label_contains("退回：汇总数与各报告之和")
            .is_some()
    );
    // The county at a glance: the verdicts and who has not reported, as bars.
    click(&mut h, "图表");
    assert!(h.query_by_label("未报送 1份").is_some());
    assert!(
        h.query_by_label_contains("示范县白沙镇人民政府：错误")
            .is_some()
    );
    // The county's organ is proposed for the generated sum.
    assert_eq!(h.state().desk.as_ref().unwrap().sum_organ, "示范县人民政府");

    // 白沙镇 fixed outside and checked again: its errors go.
    assert!(h.query_by_label_contains("退回：勾稽关系").is_some());
    let mut fixed = baisha.clone();
    common::set(&mut fixed, "t3.new.natural", "14");
    nianbao::file::save_report(
        &fixed,
        &baisha_path,
        nianbao::file::Overwrite::Replace,
        None,
    )
    .unwrap();
    click(&mut h, "重新检查");
    wait_for(&mut h, "共3份报告");
    assert!(h.query_by_label_contains("退回：勾稽关系").is_none());
    // Still the names list and the county report: 重新检查 asks what was asked before.
    assert!(
        h.query_by_label_contains("未报送（1个机关）：黄土乡")
            .is_some()
    );

    // 生成汇总报告: the townships' figures summed into a new, unsaved report.
    click(&mut h, "生成汇总报告");
    h.run_steps(4);
    let app = h.state();
    assert_eq!(app.editor.report.meta.organ, "示范县人民政府");
    assert!(app.editor.is_dirty(), "unsaved until the reviewer saves it");
    let t = app.editor.report.template;
    let cell = t.cell_index("t3.new.natural").unwrap();
    let sum = fixed.num(cell).unwrap() + honghe.num(cell).unwrap();
    assert_eq!(app.editor.report.num(cell), Some(sum));
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .0
            .starts_with("已生成汇总报告：2025年度2份报告"),
        "{:?}",
        app.message
    );
}
