//! The authoring window, driven as a clerk would (egui_kittest, no GPU): cells are found by
//! their labels, typed into, corrected, undone; files and prompts go through the window.
#![cfg(feature = "window")]

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
    r.text_by_id(id).unwrap()
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
    assert_eq!(
        cell_text(&h, "t3.granted.commercial"),
        "4",
        "the old value was selected and replaced"
    );
}

#[test]
fn enter_and_arrows_move_down_and_up_the_column() {
    let mut h = window(common::balanced());
    h.get_by_label("（一）予以公开 自然人").click();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.get_by_label("（二）部分公开（区分处理的，只计这一情形，不计其他情形） 自然人")
            .is_focused()
    );
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

#[test]
fn findings_appear_and_disappear_as_figures_are_typed() {
    let mut h = window(common::balanced());
    assert!(rules(&h).is_empty());
    let label = "一、本年新收政府信息公开申请数量 自然人";
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text("15");
    h.run();
    assert_eq!(
        cell_text(&h, "t3.new.total"),
        "20",
        "the 总计 column follows"
    );
    let errors: Vec<RuleId> = rules(&h)
        .into_iter()
        .filter(|r| *r != RuleId::TXTNUM)
        .collect();
    assert_eq!(
        errors,
        [RuleId::T3A, RuleId::T3A],
        "natural and total columns no longer balance"
    );
    assert!(
        h.query_by_label_contains("自然人列：一＋二＝15＋1＝16，（七）＋四＝14＋1＝15，相差1")
            .is_some()
    );
    h.key_press(Key::Backspace);
    h.run();
    h.key_press(Key::Backspace);
    h.run();
    h.get_by_label(label).type_text("14");
    h.run();
    assert!(rules(&h).is_empty(), "{:?}", rules(&h));
}

/// The clerk's case: a wrong figure typed into （一）予以公开·商业企业. With totals typed (as in
/// an imported report) its row and column checks cross there, and 「改为 2」 puts it right;
/// with automatic totals only the column balance breaks, and no button points elsewhere.
#[test]
fn a_correction_button_names_the_wrong_cell_or_none() {
    let label = "（一）予以公开 商业企业";
    let mut report = common::balanced();
    report.auto_totals = false;
    let mut h = window(report);
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text("9");
    h.run();
    assert!(rules(&h).contains(&RuleId::T3B) && rules(&h).contains(&RuleId::T3C));
    h.get_all_by_label("改为 2").next().unwrap().click();
    h.run();
    assert_eq!(cell_text(&h, "t3.granted.commercial"), "2");
    assert!(rules(&h).is_empty(), "{:?}", rules(&h));

    let mut h = window(common::balanced());
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text("9");
    h.run();
    assert!(rules(&h).contains(&RuleId::T3A));
    assert!(
        h.query_by_label_contains("改为").is_none(),
        "no button points at another cell"
    );
    assert!(h.query_by_label_contains("请逐项核对商业企业列").is_some());
}

#[test]
fn undo_and_redo_every_edit() {
    let mut h = window(common::balanced());
    let label = "（一）予以公开 自然人";
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text("1");
    h.run();
    h.get_by_label(label).type_text("2");
    h.run();
    assert_eq!(cell_text(&h, "t3.granted.natural"), "12");
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        cell_text(&h, "t3.granted.natural"),
        "8",
        "typing in one cell is one undo step"
    );
    assert_eq!(h.get_by_label(label).value().as_deref(), Some("8"));
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(cell_text(&h, "t3.granted.natural"), "12");
    assert!(h.state().editor.is_dirty());
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(!h.state().editor.is_dirty(), "back to the saved state");
}

#[test]
fn pasting_a_block_from_a_spreadsheet_fills_cells_in_one_step() {
    let mut h = window(common::balanced());
    let label = "（三）1.属于国家秘密 自然人".replace("（三）", "");
    h.get_by_label(&label).click();
    h.run();
    h.event(egui::Event::Paste("1\t2\t3\r\n4\t5\t6\r\n".into()));
    h.run();
    let cells = [
        "t3.denied_secret.natural",
        "t3.denied_secret.commercial",
        "t3.denied_secret.research",
        "t3.denied_law.natural",
        "t3.denied_law.research",
    ];
    let texts: Vec<String> = cells.iter().map(|c| cell_text(&h, c)).collect();
    assert_eq!(texts, ["1", "2", "3", "4", "6"]);
    assert_eq!(cell_text(&h, "t3.denied_secret.total"), "6");
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    let texts: Vec<String> = cells.iter().map(|c| cell_text(&h, c)).collect();
    assert_eq!(texts, ["0", "0", "0", "0", "0"], "one undo step");
}

#[test]
fn invalid_text_stays_visible_and_flagged() {
    let mut h = window(common::balanced());
    let label = "（一）予以公开 商业企业";
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text("两件");
    h.run();
    assert_eq!(h.get_by_label(label).value().as_deref(), Some("两件"));
    assert_eq!(cell_text(&h, "t3.granted.commercial"), "两件");
    assert!(rules(&h).contains(&RuleId::VNUM));
}

fn type_into(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

#[test]
fn unsaved_changes_are_never_dropped_without_asking() {
    let mut h = window(common::balanced());
    type_into(&mut h, "（一）予以公开 自然人", "9");
    assert!(h.state().editor.is_dirty());
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::N);
    h.run();
    assert!(h.query_by_label("保存修改吗？").is_some());
    h.get_by_label("取消").click();
    h.run();
    assert!(h.query_by_label("保存修改吗？").is_none());
    assert_eq!(
        cell_text(&h, "t3.granted.natural"),
        "9",
        "取消 keeps everything"
    );

    // 保存 writes the file first, then goes on to what was asked (here: 打开).
    let dir = common::temp_dir("prompt");
    let path = dir.join("草稿.nianbao");
    h.state_mut().editor.path = Some(path.clone());
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label("保存").click();
    h.run();
    let saved = nianbao::file::load(&path).unwrap();
    assert_eq!(saved.text_by_id("t3.granted.natural").unwrap(), "9");
    assert!(h.query_by_label("打开报告").is_some());
    let example = common::example_path("2024-qingshi.nianbao");
    type_into(&mut h, "文件路径", example.to_str().unwrap());
    h.get_by_label("确定").click();
    h.run();
    assert_eq!(h.state().editor.report.meta.year, 2024);
    assert_eq!(
        h.state().editor.path.as_deref(),
        Some(std::path::absolute(&example).unwrap().as_path())
    );

    // 不保存 discards, after asking.
    h.state_mut().part = Part::Meta;
    h.run();
    type_into(&mut h, "联系电话", "0000-1111111");
    h.state_mut().part = Part::Section(2);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("不保存").click();
    h.run();
    assert!(h.query_by_label("新建报告").is_some());
    type_into(&mut h, "报告年度", "2026");
    type_into(&mut h, "机关名称", "示范县白沙乡人民政府");
    h.get_by_label("确定").click();
    h.run();
    let r = &h.state().editor.report;
    assert_eq!(
        (r.meta.year, r.meta.organ.as_str(), r.template.id()),
        (2026, "示范县白沙乡人民政府", "gb2021")
    );
    assert_eq!(
        nianbao::file::load(&example).unwrap().meta.phone,
        "0000-6231005",
        "the discarded edit was never written"
    );
}

#[test]
fn work_left_by_a_crash_is_offered_back() {
    let config = common::temp_dir("crash");
    let mut crashed = common::balanced();
    common::set(&mut crashed, "t3.granted.natural", "9");
    crashed.meta.phone = "0000-9999999".into();
    // What a window killed with SIGKILL leaves behind: its recovery copy, under a pid that is
    // no longer running.
    let dir = config.join("recovery");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("4194999.nianbao"),
        nianbao::file::to_native_string(&crashed),
    )
    .unwrap();
    std::fs::write(dir.join("4194999.info.ron"), "(path: None, pid: 4194999)").unwrap();

    let mut app = App::start(config.clone(), None);
    app.native_dialogs = false;
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_context_setup(nianbao::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run();
    assert!(h.query_by_label("恢复未保存的修改？").is_some());
    h.get_by_label("恢复").click();
    h.run();
    assert_eq!(h.state().editor.report, crashed);
    assert!(
        h.state().editor.is_dirty(),
        "restored work still needs saving"
    );
    // The copy stays (rewritten under the same id) until the report is saved.
    assert_eq!(
        nianbao::file::load(&dir.join("4194999.nianbao")).unwrap(),
        crashed
    );
}

#[test]
fn the_window_writes_a_recovery_copy_after_a_pause() {
    let mut h = window(common::balanced());
    type_into(&mut h, "（一）予以公开 自然人", "9");
    let dir = h.state().config_dir().join("recovery");
    let copy = h.state().recovery_copy_path();
    assert_eq!(copy.parent(), Some(dir.as_path()));
    assert!(!copy.exists(), "not while typing");
    std::thread::sleep(nianbao::app::RECOVERY_DELAY);
    h.run();
    let recovered = nianbao::file::load(&copy).unwrap();
    assert_eq!(recovered, h.state().editor.report);
}

#[test]
fn a_2021_report_on_the_old_template_converts_in_one_click() {
    let mut old = common::example("2020-qingshi-gb2019.nianbao");
    old.meta.year = 2021;
    common::set(&mut old, "t3.other.natural", "1");
    common::set(&mut old, "t3.carried_out.natural", "0");
    let mut h = window(old.clone());
    h.state_mut().part = Part::Meta;
    h.run();
    assert!(rules(&h).contains(&RuleId::TPLYEAR));
    h.get_by_label("转换为2021版格式").click();
    h.run();
    let r = h.state().editor.report.clone();
    assert_eq!(r.template.id(), "gb2021");
    assert!(!rules(&h).contains(&RuleId::TPLYEAR));
    assert_eq!(
        r.text_by_id("t3.other_misc.natural").unwrap(),
        "1",
        "（六）其他处理 → （六）3.其他"
    );
    assert_eq!(r.text_by_id("t3.new.natural").unwrap(), "5");
    assert_eq!(r.text_by_id("t4.review.total").unwrap(), "0");
    assert_eq!(
        r.text_by_id("t2.licensing.decisions").unwrap(),
        "",
        "table 二 is re-entered"
    );
    assert!(
        h.query_by_label_contains("需要重新填写：第二部分")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("第二部分“行政许可·上一年项目数量”：12")
            .is_some()
    );
    assert_eq!(r.sections, old.sections);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().editor.report.template.id(),
        "gb2019",
        "the conversion can be undone"
    );
    // …with what it said: the notice of the conversion goes with it, and comes back on redo.
    assert!(h.query_by_label_contains("需要重新填写").is_none());
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(h.state().editor.report.template.id(), "gb2021");
    assert!(
        h.query_by_label_contains("需要重新填写：第二部分")
            .is_some()
    );
}

#[test]
fn rare_characters_render_without_tofu() {
    // The harness panics on any glyph the fonts lack.
    let mut report = common::balanced();
    report.meta.organ = "信阳市浉河区东双河镇人民政府".into();
    report.meta.closing_organ = "喆堃赟镕𬘬".into();
    *report.narrative_mut("problems").unwrap() =
        "一是浉河沿线的喆、堃、赟、镕等生僻字在系统中显示正常。".into();
    let mut h = window(report);
    h.state_mut().part = Part::Meta;
    h.run();
    assert_eq!(
        h.get_by_label("机关名称").value().as_deref(),
        Some("信阳市浉河区东双河镇人民政府")
    );
    h.state_mut().part = Part::Section(4);
    h.run();
}

#[test]
fn clicking_a_problem_goes_to_its_cell() {
    let mut report = common::balanced();
    common::set(&mut report, "t4.review.upheld", "无");
    let mut h = window(report);
    h.state_mut().part = Part::Meta;
    h.run();
    h.get_by_label_contains("“无”不是数字").click();
    h.run();
    assert_eq!(h.state().part, Part::Section(3));
    assert!(h.get_by_label("行政复议 结果维持").is_focused());
    assert_eq!(
        h.get_by_label("行政复议 结果维持").value().as_deref(),
        Some("无")
    );
}

/// 从上年报告新建 with 浏览…: the dialog stays (with what was typed) while the system's dialog
/// is up, takes the chosen file and its year + 1, and the new report is last year's document as
/// a draft: figures carried over, narratives and 落款 organ copied with their years moved on.
#[test]
fn new_from_last_years_report_carries_over_and_attaches_it() {
    let mut blank = Report::new(2025, "");
    blank.meta.organ = "示范县青石镇人民政府".into();
    let mut h = window(blank);
    let prev = common::example_path("2024-qingshi.nianbao");
    h.state_mut().picker = nianbao::app::Picker::scripted(vec![Some(prev.clone())]);
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("从上年报告新建…").click();
    h.run();
    assert!(h.query_by_label("从上年报告新建").is_some());
    type_into(&mut h, "机关名称", "示范县青石镇人民政府");
    h.get_by_label("浏览…").click();
    h.run();
    h.run();
    assert!(
        h.query_by_label("从上年报告新建").is_some(),
        "the dialog stays"
    );
    assert_eq!(h.get_by_label("上年报告").value().as_deref(), prev.to_str());
    assert_eq!(h.get_by_label("报告年度").value().as_deref(), Some("2025"));
    assert_eq!(
        h.get_by_label("机关名称").value().as_deref(),
        Some("示范县青石镇人民政府"),
        "what was typed is kept"
    );
    h.get_by_label("确定").click();
    h.run();
    let app = h.state();
    let r = &app.editor.report;
    let last = common::example("2024-qingshi.nianbao");
    assert_eq!((r.meta.year, r.template.id()), (2025, "gb2021"));
    assert_eq!(r.text_by_id("t3.carried_in.natural").unwrap(), "1");
    assert_eq!(
        r.meta.address,
        "示范县青石镇青石大道18号青石镇党政综合办公室"
    );
    assert_eq!(r.meta.closing_organ, last.meta.closing_organ);
    let overview = r.narrative_by_id("overview").unwrap();
    assert!(
        overview.starts_with("2025年") && !overview.contains("2024年，"),
        "{overview}"
    );
    assert_eq!(
        r.narrative_by_id("problems"),
        last.narrative_by_id("problems"),
        "copied as written where no year is named"
    );
    assert_eq!(
        app.editor.prev.as_ref().map(|p| p.report.meta.year),
        Some(2024),
        "cross-year checks are on"
    );
    assert!(app.editor.is_dirty(), "a new report is unsaved");
}

#[test]
fn a_narrative_problem_leads_to_its_text() {
    let mut report = common::balanced();
    *report.narrative_mut("problems").unwrap() = "无。".into();
    let mut h = window(report);
    h.get_by_label_contains("应写明本机关存在的主要问题和改进措施")
        .click();
    h.run();
    assert_eq!(h.state().part, Part::Section(4));
    let editor = h.get_by_role_and_label(
        egui::accesskit::Role::MultilineTextInput,
        "五、存在的主要问题及改进情况",
    );
    assert!(editor.is_focused());
    assert_eq!(editor.value().as_deref(), Some("无。"));
}

#[test]
fn an_imported_web_page_shows_what_to_confirm_and_is_saved_under_a_new_name() {
    let dir = common::temp_dir("import-window");
    let path = page_with_a_lost_value(&dir);
    let page = std::fs::read_to_string(&path).unwrap();
    let mut h = start(&dir.join("config"), &path);
    assert_eq!(h.state().editor.path, None, "never saved over the page");
    assert!(h.state().editor.is_dirty());
    let summary = h
        .state()
        .editor
        .import
        .as_ref()
        .map(|i| i.lines(&h.state().editor.report));
    assert!(
        h.query_by_label_contains("导入说明（待核对 7 处）")
            .is_some(),
        "{summary:?}"
    );
    assert_eq!(
        cell_text(&h, "t3.new.total"),
        common::balanced().text_by_id("t3.new.total").unwrap()
    );

    // The entry leads to the row; typing the right value confirms that cell.
    h.get_by_label_contains("］（一）予以公开：").click();
    h.run();
    h.run();
    assert_eq!(h.state().part, Part::Section(2));
    let natural = common::balanced().text_by_id("t3.granted.natural").unwrap();
    type_into(&mut h, "（一）予以公开 自然人", &natural);
    assert_to_confirm(&h, 6);
    h.get_by_label("全部已核对").click();
    h.run();
    assert_to_confirm(&h, 0);

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(
        h.query_by_label("另存为").is_some(),
        "saving asks for a new name"
    );
    // Beside the page it came from, named after the report.
    let proposed = h.get_by_label("文件路径").value().unwrap();
    let title = h.state().editor.report.title();
    assert_eq!(
        std::path::Path::new(&proposed),
        path.with_file_name(format!("{title}.nianbao"))
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), page);
}

/// A report published as PDF opens like a web page: every figure in its cell, nothing to
/// confirm, and saving asks for a new name beside the PDF, which stays as it was.
#[test]
fn a_pdf_opens_with_every_figure_and_is_saved_under_a_new_name() {
    let dir = common::temp_dir("import-pdf-window");
    let path = dir.join("2025年报.pdf");
    let report = common::balanced();
    let date = nianbao::pdf::PdfDate {
        year: 2026,
        month: 1,
        day: 20,
    };
    let pdf = nianbao::pdf::export(&report, date).unwrap();
    std::fs::write(&path, &pdf).unwrap();
    let mut h = start(&dir.join("config"), &path);
    assert_eq!(h.state().editor.path, None, "never saved over the PDF");
    assert_to_confirm(&h, 0);
    for id in ["t3.new.total", "t3.granted.natural", "t4.review.total"] {
        assert_eq!(cell_text(&h, id), report.text_by_id(id).unwrap(), "{id}");
    }
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    let proposed = h.get_by_label("文件路径").value().unwrap();
    assert_eq!(
        std::path::Path::new(&proposed),
        path.with_file_name(format!("{}.nianbao", report.title()))
    );
    assert_eq!(std::fs::read(&path).unwrap(), pdf);
}

/// A scan cannot be read: the window says why, in a dialog, and opens nothing.
#[test]
fn a_scanned_pdf_is_refused_with_the_reason() {
    let dir = common::temp_dir("import-scan-window");
    let path = dir.join("扫描件.pdf");
    std::fs::write(&path, common::pdfmake::scanned()).unwrap();
    let h = start(&dir.join("config"), &path);
    assert!(h.query_by_label("无法打开文件").is_some());
    assert!(h.query_all_by_label_contains("该PDF是扫描图片").count() >= 1);
    assert!(h.state().editor.import.is_none());
}

/// The import panel's count of doubts still to confirm.
fn assert_to_confirm(h: &Harness<'_, App>, n: usize) {
    let title = format!("导入说明（待核对 {n} 处）");
    assert!(h.query_by_label_contains(&title).is_some(), "{title}");
}

/// A page whose row （一）予以公开 lost its first value: imported with 7 doubts.
fn page_with_a_lost_value(dir: &std::path::Path) -> std::path::PathBuf {
    let page = common::published::html(&common::balanced());
    let label = "（一）予以公开</td>";
    let at = page.find(label).unwrap() + label.len();
    let end = at + page[at..].find("</td>").unwrap() + "</td>".len();
    let path = dir.join("2025年报.html");
    std::fs::write(&path, format!("{}{}", &page[..at], &page[end..])).unwrap();
    path
}

fn start(config: &std::path::Path, path: &std::path::Path) -> Harness<'static, App> {
    let mut app = App::start(config.to_path_buf(), Some(path));
    // The window's own path box, not the system's dialog (none under test).
    app.native_dialogs = false;
    let mut h = Harness::builder()
        .with_size(egui::vec2(1440.0, 900.0))
        .with_context_setup(nianbao::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run();
    h
}

#[test]
fn import_doubts_survive_save_and_reopen_and_a_paste_clears_its_cell() {
    let dir = common::temp_dir("import-reopen");
    let mut h = start(&dir.join("config"), &page_with_a_lost_value(&dir));
    assert_to_confirm(&h, 7);
    let native = dir.join("2025年报.nianbao");
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::S);
    h.run();
    type_into(&mut h, "文件路径", native.to_str().unwrap());
    h.get_by_label("确定").click();
    h.run();
    assert!(!h.state().editor.is_dirty(), "saved");
    drop(h);

    // Reopened: the doubts are still there, in the panel and as findings, and so is what the
    // import said of its source.
    let mut h = start(&dir.join("config2"), &native);
    assert_eq!(h.state().editor.path.as_deref(), Some(native.as_path()));
    assert_to_confirm(&h, 7);
    assert!(h.query_by_label_contains("原样读取 ").is_some());
    assert_eq!(
        rules(&h)
            .iter()
            .filter(|r| **r == RuleId::IMPREVIEW)
            .count(),
        7
    );
    // Pasting a value over a doubtful cell answers it.
    h.state_mut().part = Part::Section(2);
    h.run();
    h.get_by_label("（一）予以公开 自然人").click();
    h.run();
    h.event(egui::Event::Paste("5".into()));
    h.run();
    assert_eq!(cell_text(&h, "t3.granted.natural"), "5");
    assert_to_confirm(&h, 6);
    // 「全部已核对」 clears the rest; the summary still says what was inferred or missing.
    h.get_by_label("全部已核对").click();
    h.run();
    assert_to_confirm(&h, 0);
    assert!(!rules(&h).contains(&RuleId::IMPREVIEW));
    let review = &h.state().editor.report.review;
    assert_eq!(review.marks.len(), 7, "kept, as confirmed");
    // …and that, too, can be undone.
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert_to_confirm(&h, 6);
}

#[test]
fn ctrl_e_exports_the_pdf_in_the_background_and_preview_shows_its_pages() {
    let mut h = window(common::example("2025-qingshi-draft-with-mistakes.nianbao"));
    let dir = common::temp_dir("export-pdf");
    let path = dir.join("年报.pdf");
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::E);
    h.run();
    assert!(h.query_by_label("导出PDF").is_some(), "asks where");
    type_into(&mut h, "文件路径", path.to_str().unwrap());
    h.get_by_label("确定").click();
    h.run();
    h.state_mut().finish_export();
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let pages = nianbao::layout::layout(&h.state().editor.report).len();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    assert_eq!(doc.get_pages().len(), pages);
    // The draft still has errors: exported anyway, with a warning.
    let (message, is_warning) = h.state().message.clone().unwrap();
    assert!(message.contains("仍有") && is_warning, "{message}");
    // The clerk is offered the PDF and its folder, with the errors still in the report.
    h.run();
    assert!(h.query_by_label("打开所在文件夹").is_some() && h.query_by_label("打开").is_some());
    assert!(h.query_all_by_label_contains("报告中仍有").count() >= 1);
    h.get_by_label("关闭").click();
    h.run();
    h.get_by_label("预览").click();
    h.run();
    assert_eq!(h.state().part, Part::Preview);
    assert!(
        h.query_by_label_contains(&format!("打印预览（共 {pages} 页"))
            .is_some()
    );
    // 预览 offers the export itself.
    h.get_by_label_contains("导出PDF…").click();
    h.run();
    assert!(h.query_by_label("导出PDF").is_some(), "asks where again");
}

/// The shortcuts are one table: the keys, the menus and the README's list agree with it.
#[test]
fn the_readme_lists_every_shortcut_as_the_keys_work() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let line = readme.lines().find(|l| l.starts_with("快捷键：")).unwrap();
    let mut named = std::collections::HashSet::new();
    for (keys, command, name) in nianbao::app::keys::table() {
        // Each command is listed once, with its first shortcut (the one its menu shows).
        if !named.insert(name) {
            continue;
        }
        let spelled = nianbao::app::keys::spelled(&keys);
        assert_eq!(
            nianbao::app::keys::shortcut_of(&command).as_deref(),
            Some(spelled.as_str())
        );
        assert!(
            line.contains(&format!("{spelled} {name}")),
            "{spelled} {name} in {line}"
        );
    }
}

/// 空白填0: every blank cell the clerk types becomes 0 in one undo step; a cell the import
/// could not read stays blank (its figure may not be 0), and so does text.
#[test]
fn blank_cells_are_filled_with_zero_at_once_but_not_unread_ones() {
    let mut report = common::balanced();
    report.auto_totals = false;
    let blanks = [
        "t3.new.research",
        "t3.partial.legal",
        "t4.review.corrected",
        "t3.total.total",
    ];
    for id in blanks {
        common::set(&mut report, id, "");
    }
    common::set(&mut report, "t3.granted.other", "无");
    let unread = report
        .template
        .cell_index("t3.denied_secret.natural")
        .unwrap();
    common::set(&mut report, "t3.denied_secret.natural", "");
    report.review.mark(
        Some(unread),
        nianbao::model::MarkKind::Missing,
        "",
        "原文这一格看不清".into(),
    );
    let mut h = window(report);
    assert!(rules(&h).contains(&RuleId::VBLANK));
    h.get_by_label("编辑").click();
    h.run();
    h.get_by_label("空白填0").click();
    h.run();
    for id in blanks {
        assert_eq!(cell_text(&h, id), "0", "{id}");
    }
    assert_eq!(cell_text(&h, "t3.denied_secret.natural"), "");
    assert_eq!(cell_text(&h, "t3.granted.other"), "无");
    let (message, _) = h.state().message.clone().unwrap();
    assert!(
        message.contains("已将 4 个空白单元格填为0") && message.contains("1 个导入时未能读取"),
        "{message}"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    for id in blanks {
        assert_eq!(cell_text(&h, id), "", "undone at once: {id}");
    }
    // The same from the button above the problems.
    h.get_by_label_contains("空白填0（").click();
    h.run();
    assert_eq!(cell_text(&h, "t3.new.research"), "0");
}

/// 复制为网页: Ctrl+Shift+C puts the page's article and its plain text on the clipboard.
#[test]
fn copy_as_web_page_puts_html_and_text_on_the_clipboard() {
    let report = common::balanced();
    let mut h = window(report.clone());
    h.state_mut().clipboard = nianbao::app::Clipboard::Memory(None);
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::C);
    h.run();
    let nianbao::app::Clipboard::Memory(Some((html, text))) = &h.state().clipboard else {
        panic!("nothing was copied");
    };
    assert_eq!(html, &nianbao::export::html::fragment(&report));
    assert!(html.contains("colspan=\"7\"") && html.starts_with("<article"));
    assert!(text.starts_with(&report.title()) && text.contains("申请人情况\t"));
    assert!(
        h.state()
            .message
            .as_ref()
            .unwrap()
            .0
            .starts_with("已复制为网页")
    );
}

/// Typing never moves what the clerk aims at: a finding that appears while a narrative is typed
/// shows below its text box, and the outline keeps a line per part whether it has problems or
/// not.
#[test]
fn the_layout_does_not_jump_while_typing() {
    let mut h = window(common::balanced());
    h.state_mut().part = Part::Section(0);
    h.run();
    let heading = "一、总体情况";
    let editor = || (egui::accesskit::Role::MultilineTextInput, heading);
    let before = h.get_by_role_and_label(editor().0, editor().1).rect();
    let outline_before = h.get_by_label("六、其他需要报告的事项").rect();
    h.get_by_role_and_label(editor().0, editor().1).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::End);
    h.run();
    h.get_by_role_and_label(editor().0, editor().1)
        .type_text("全年行政复议9件。");
    h.run();
    h.run();
    assert!(rules(&h).contains(&RuleId::TXTNUM), "{:?}", rules(&h));
    assert_eq!(
        h.get_by_role_and_label(editor().0, editor().1).rect().min,
        before.min
    );
    assert_eq!(
        h.get_by_label("六、其他需要报告的事项").rect(),
        outline_before
    );
}

/// Tab from the last cell of table 三 comes back to its first, not out to the 文件 menu;
/// Shift+Tab goes back round.
#[test]
fn tab_goes_round_the_table() {
    let mut h = window(common::balanced());
    let last = "四、结转下年度继续办理 其他";
    // Focused as a click or a move would (the cell is below the fold of the test window).
    let cell = h
        .state()
        .editor
        .report
        .template
        .cell_index("t3.carried_out.other");
    h.state_mut().focus = cell.map(nianbao::template::Place::Cell);
    h.run();
    h.run();
    assert!(h.get_by_label(last).is_focused());
    h.key_press(Key::Tab);
    h.run();
    assert!(
        h.get_by_label("一、本年新收政府信息公开申请数量 自然人")
            .is_focused()
    );
    h.key_press_modifiers(egui::Modifiers::SHIFT, Key::Tab);
    h.run();
    assert!(h.get_by_label(last).is_focused());
}

/// The link to last year's report comes back with the file: the cross-year checks are on again
/// after reopening; a link whose file is gone is said, with 重新选择….
#[test]
fn reopening_a_report_finds_last_years_report_again() {
    let dir = common::temp_dir("window-prev-link");
    let prev = dir.join("2024.nianbao");
    std::fs::copy(common::example_path("2024-qingshi.nianbao"), &prev).unwrap();
    let own = dir.join("2025.nianbao");
    let mut editor = nianbao::editor::Editor::new(common::balanced(), None);
    editor
        .attach_prev(&prev, std::time::Instant::now())
        .unwrap();
    editor
        .save_as(&own, nianbao::file::Overwrite::Never)
        .unwrap();
    drop(editor);

    let mut h = start(&dir.join("config"), &own);
    h.state_mut().part = Part::Meta;
    h.run();
    assert!(h.query_by_label_contains("上年报告：").is_some());
    assert_eq!(
        h.state().editor.prev.as_ref().map(|p| p.report.meta.year),
        Some(2024)
    );
    drop(h);

    std::fs::remove_file(&prev).unwrap();
    let mut h = start(&dir.join("config2"), &own);
    h.state_mut().part = Part::Meta;
    h.run();
    assert!(h.query_by_label_contains("找不到关联的上年报告").is_some());
    assert!(h.query_by_label("重新选择…").is_some());
}

/// Exporting an imported report whose doubts are still open says so, as it does for errors.
#[test]
fn exporting_with_import_doubts_open_says_so() {
    let dir = common::temp_dir("export-doubts");
    let path = page_with_a_lost_value(&dir);
    let mut h = start(&dir.join("config"), &path);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::E);
    h.run();
    let pdf = dir.join("年报.pdf");
    type_into(&mut h, "文件路径", pdf.to_str().unwrap());
    h.get_by_label("确定").click();
    h.run();
    h.state_mut().finish_export();
    h.run();
    let (message, is_warning) = h.state().message.clone().unwrap();
    assert!(
        message.contains("7 处导入待核对") && is_warning,
        "{message}"
    );
    assert!(h.query_by_label("打开所在文件夹").is_some());
}

/// 取消 in the system's save dialog cancels the save: the window's own path box, shown with
/// it, does not pop up afterwards.
#[test]
fn cancelling_the_system_dialog_cancels_the_save() {
    let mut h = window(common::balanced());
    h.state_mut().native_dialogs = true;
    h.state_mut().picker = nianbao::app::Picker::scripted(vec![None]);
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::S);
    h.run();
    h.run();
    assert!(h.query_by_label("文件路径").is_none(), "no second dialog");
    assert!(h.state().editor.path.is_none());
}

/// 导出PDF使用本机字体 in 预览: turned on by its label, it shows what was found per role and
/// 预览 draws with it; the setting is remembered when the window is opened again.
#[test]
fn the_installed_fonts_setting_is_shown_in_the_preview_and_remembered() {
    use nianbao::layout::{Face, Role};
    use nianbao::ui::font_setting::LABEL;
    let config = common::temp_dir("installed-fonts");
    let fonts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fonts");
    let open = |config: &std::path::Path| {
        let mut app = App::start(config.to_path_buf(), None);
        app.native_dialogs = false;
        app.font_dir = Some(fonts.clone());
        let mut h = Harness::builder()
            .with_size(egui::vec2(1366.0, 768.0))
            .with_context_setup(nianbao::ui::fonts::install)
            .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
        h.run();
        h.get_by_label("预览").click();
        h.run();
        h
    };
    let mut h = open(&config);
    assert!(!h.state().installed_fonts_on(), "off by default");
    assert!(h.query_by_label("正文：仿宋_GB2312（本机字体）").is_none());
    h.get_by_label(LABEL).click();
    h.run();
    assert!(h.state().installed_fonts_on());
    assert!(h.query_by_label("正文：仿宋_GB2312（本机字体）").is_some());
    assert!(
        h.query_by_label_contains("楷体_GB2312未使用：字体授权不允许嵌入文档")
            .is_some()
    );
    let set = h.state_mut().font_set();
    assert!(set.installed(Role::Body).is_some());
    assert!(nianbao::ui::fonts::pdf_faces_ready(&h.ctx, set));
    assert_eq!(
        set.face_for(Role::Body, '政'),
        Face::installed(Role::Body).unwrap()
    );
    let saved = std::fs::read_to_string(config.join("settings.ron")).unwrap();
    assert!(saved.contains("system_fonts: true"), "{saved}");
    drop(h);

    let mut h = open(&config);
    assert!(h.state().installed_fonts_on(), "remembered");
    assert!(h.query_by_label("正文：仿宋_GB2312（本机字体）").is_some());
    h.get_by_label(LABEL).click();
    h.run();
    assert!(!h.state().installed_fonts_on());
    assert!(h.query_by_label("正文：仿宋_GB2312（本机字体）").is_none());
    drop(h);
    assert!(!open(&config).state().installed_fonts_on());
}

/// Clicks the first widget labelled `label` below `top` (one of several, under one finding).
fn click_first_below(h: &mut Harness<'_, App>, label: &str, top: f32) {
    h.get_all_by_label(label)
        .filter(|b| b.rect().top() > top)
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap()
        .click();
    h.run();
}

/// 「已核实，说明原因」 under a warning: the reason typed in its dialog, the warning shown as
/// 已说明 and no longer counted, 撤销说明 (and an edit of its figure) opens it again; an
/// error's button is refused.
#[test]
fn a_warning_answered_with_a_reason_and_opened_again() {
    let mut report = common::balanced();
    common::set(&mut report, "t2.licensing.decisions", "61");
    let mut h = window(report);
    let prev = common::example_path("2024-qingshi.nianbao");
    h.state_mut()
        .editor
        .compare_with(&prev, std::time::Instant::now())
        .unwrap();
    h.run();
    let (_, open) = nianbao::check::tally(h.state().editor.findings());
    assert!(rules(&h).contains(&RuleId::XJUMP));
    // The button under X-JUMP's message.
    let title = h
        .get_by_label_contains("数字与上年相比变化过大")
        .rect()
        .top();
    // Why the rule matters, under the finding when opened.
    click_first_below(&mut h, "为什么要检查这一项", title);
    assert!(
        h.query_by_label_contains("常见的原因是多写或少写了一位数")
            .is_some()
    );
    click_first_below(&mut h, "已核实，说明原因", title);
    h.get_by_label("说明原因").click();
    h.run();
    h.get_by_label("说明原因")
        .type_text("新设便民服务站，许可量确有大幅增加");
    h.run();
    h.get_by_label("确定").click();
    h.run();
    let app = h.state();
    let jump = app
        .editor
        .findings()
        .iter()
        .find(|f| f.rule == RuleId::XJUMP)
        .unwrap();
    assert!(jump.answered.is_some());
    assert_eq!(nianbao::check::tally(app.editor.findings()).1, open - 1);
    assert!(h.query_by_label("已说明：数字与上年相比变化过大").is_some());
    assert!(
        h.query_by_label_contains("说明：新设便民服务站，许可量确有大幅增加")
            .is_some()
    );
    // 撤销说明 opens it again; so does Ctrl+Z of the answer.
    h.get_by_label("撤销说明").click();
    h.run();
    assert!(h.state().editor.report.answers.is_empty());
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().editor.report.answers.len(), 1, "undo of 撤销说明");
    // An edit of the figure: the reason was about the old one.
    h.state_mut().part = Part::Section(1);
    h.run();
    type_into(&mut h, "行政许可 本年处理决定数量", "70");
    let jump_open = h
        .state()
        .editor
        .findings()
        .iter()
        .any(|f| f.rule == RuleId::XJUMP && f.answered.is_none());
    assert!(jump_open);
}

/// 「按表格生成」 in section 一: the sentences the tables say, after their sub-headings, one
/// undo step; disabled, with what is missing, before the figures are filled.
#[test]
fn text_drafted_from_the_tables_goes_after_its_subheading() {
    let mut h = window(common::balanced());
    h.state_mut().part = Part::Section(0);
    h.run();
    let before = h
        .state()
        .editor
        .report
        .narrative_by_id("overview")
        .unwrap()
        .to_string();
    h.get_by_label("按表格生成").click();
    h.run();
    let after = h
        .state()
        .editor
        .report
        .narrative_by_id("overview")
        .unwrap()
        .to_string();
    let sentence = "本年度共收到政府信息公开申请20件，其中本年新收19件、上年结转1件";
    let at = after.find(sentence).expect("drafted");
    let heading = after.find("（二）依申请公开").unwrap();
    assert!(
        heading < at && after[heading..at].lines().count() == 1,
        "{after}"
    );
    assert!(!rules(&h).contains(&RuleId::TXTNUM));
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().editor.report.narrative_by_id("overview").unwrap(),
        before
    );
    // With a figure missing, the button says what to fill first.
    let mut blank = common::balanced();
    blank.auto_totals = false;
    common::set(&mut blank, "t3.carried_in.total", "");
    let mut h = window(blank);
    h.state_mut().part = Part::Section(0);
    h.run();
    use egui_kittest::kittest::NodeT;
    assert!(h.get_by_label("按表格生成").accesskit_node().is_disabled());
}

/// 与上年比对 beside the problems: each figure this year and last with the change, only the
/// changed ones on request, and the section repeated from last year.
#[test]
fn the_comparison_with_last_year_shows_figures_and_repeated_text() {
    let mut h = window(common::balanced());
    let prev = common::example_path("2024-qingshi.nianbao");
    h.state_mut()
        .editor
        .compare_with(&prev, std::time::Instant::now())
        .unwrap();
    h.run();
    h.get_by_label("与上年比对").click();
    h.run();
    assert_eq!(h.state().part, Part::Compare);
    assert!(h.query_by_label("（七）总计·总计").is_some());
    assert!(h.query_all_by_label("+7").count() >= 1);
    assert!(h.query_by_label_contains("正文与上年相比").is_some());
    let all = h.query_all_by_label_contains("·").count();
    h.get_by_label("只看有变化的数字").click();
    h.run();
    let changed = h.query_all_by_label_contains("·").count();
    assert!(changed < all && changed > 0, "{changed} of {all}");
    assert!(
        h.query_by_label("（七）总计·总计").is_some(),
        "19 against 12"
    );
}
