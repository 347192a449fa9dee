//! A made-up third template version, given only as a data file (in the folder named by
//! `NIANBAO_TEMPLATES`): one extra narrative section and one renamed row. The form, the checks,
//! the importer, the files and the page layout handle it with no code change.
//!
//! One test function on purpose: the folder must be named before anything in this process reads
//! the templates, and setting an environment variable is only sound while no other thread runs.
#![cfg(feature = "window")]

mod common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::app::{App, Part};
use nianbao::check::RuleId;
use nianbao::file::{self, Format};
use nianbao::import::{Source, import};
use nianbao::model::Report;
use nianbao::template::{self, Template};

const EXTRA_HEADING: &str = "七、数据安全情况";
const RENAMED_ROW: &str = "一、本年收到政府信息公开申请数量";

/// gb2021's data with a new id and year, a seventh (narrative) section, and table 三's row
/// 「一、本年新收…」 renamed (label and id) to 「一、本年收到…」 (`t3.received.*`).
fn made_up_template() -> String {
    let src = include_str!("../assets/templates/gb2021.ron");
    let replaced = [
        (r#"id: "gb2021""#, r#"id: "gb2099""#),
        (r#"name: "2021版格式""#, r#"name: "2099试行格式""#),
        ("first_year: 2021", "first_year: 2099"),
        (
            r#"(id: "new", labels: ["一、本年新收政府信息公开申请数量"]"#,
            r#"(id: "received", labels: ["一、本年收到政府信息公开申请数量"]"#,
        ),
        (
            r#"left: ["new", "carried_in"]"#,
            r#"left: ["received", "carried_in"]"#,
        ),
        (
            r#"min_chars: Some(1), fee: Some(Explains)),"#,
            r#"min_chars: Some(1), fee: Some(Explains)),
        (heading: "七、数据安全情况", content: Narrative("security"), required: Some("应写明数据安全管理情况")),"#,
        ),
        (r#"(from: "gb2019""#, r#"(from: "gb2021""#),
    ];
    let mut out = src.to_string();
    for (from, to) in replaced {
        assert_eq!(out.matches(from).count(), 1, "{from}");
        out = out.replace(from, to);
    }
    // Named by the narrative figures 新收 and 收到, by the headline figures (X-JUMP) and by
    // the drafts (按表格生成).
    assert_eq!(out.matches("t3.new.total").count(), 10);
    out.replace("t3.new.total", "t3.received.total")
}

fn install() -> &'static Template {
    let dir = common::temp_dir("templates");
    std::fs::write(dir.join("gb2099.ron"), made_up_template()).unwrap();
    // SAFETY: the only test of this binary, run before any other thread exists.
    unsafe { std::env::set_var(template::EXTRA_DIR_VAR, &dir) };
    assert_eq!(template::load_problems(), [] as [String; 0]);
    template::by_id("gb2099").expect("the data file is a template")
}

/// Every cell a distinct figure, every narrative its own text.
fn filled(t: &'static Template) -> Report {
    let mut r = Report::with_template(t, 2099, "某某镇人民政府");
    r.meta.closing_date = "2100年1月20日".into();
    r.auto_totals = false;
    for (k, i) in t.cell_ixs().enumerate() {
        r.set_text(i, &(101 + k).to_string());
    }
    for (k, n) in t.narrative_ixs().enumerate() {
        *r.sections.get_mut(n) = format!(
            "第{k}段：{}的文字，足够长以免被当作空话。",
            t.narrative(n).id
        );
    }
    r
}

fn page_text(report: &Report) -> String {
    nianbao::layout::layout(report)
        .iter()
        .flat_map(|p| p.runs.iter().map(|r| r.text.as_str()))
        .collect()
}

#[test]
fn a_third_template_is_a_data_file() {
    let t = install();
    assert_eq!(template::for_year(2099).id(), "gb2099");
    assert_eq!(template::for_year(2025).id(), "gb2021");
    let report = filled(t);
    assert_eq!(t.narratives.len(), 5, "前言 and four sections");

    // Checks: the renamed row is in the equations, the new section is required.
    let found = common::check(&report);
    assert!(
        found
            .iter()
            .any(|f| f.rule == RuleId::T3A && f.cells.contains(&"t3.received.natural".into())),
        "{found:#?}"
    );
    let mut empty = report.clone();
    *empty.narrative_mut("security").unwrap() = "无".into();
    let txt = common::of_rule(&common::check(&empty), RuleId::TXTEMPTY)
        .into_iter()
        .map(|f| f.message.clone())
        .collect::<Vec<_>>();
    assert_eq!(
        txt,
        [format!("“{EXTRA_HEADING}”只有“无”，应写明数据安全管理情况")]
    );

    // Files: the new narrative is keyed by its id and both formats read back.
    let json = file::to_json_string(&report);
    assert!(json.contains(r#""security": "第4段"#), "{json}");
    assert_eq!(file::parse(json.as_bytes(), Format::Json).unwrap(), report);
    let native = file::to_native_string(&report);
    assert_eq!(
        file::parse(native.as_bytes(), Format::Native).unwrap(),
        report
    );

    // The page layout prints the new heading, its text and the renamed row.
    let pages = page_text(&report);
    for text in [EXTRA_HEADING, "第4段：security的文字", RENAMED_ROW, "2099"] {
        assert!(pages.contains(text), "{text}");
    }

    // Import: a published page on this format is recognised by its renamed row and read whole.
    let html = common::published::html(&report);
    let (imported, notes) = import(html.as_bytes(), Source::Html).unwrap();
    assert_eq!(imported.template.id(), "gb2099", "{notes:#?}");
    for i in t.cell_ixs() {
        assert_eq!(imported.text(i), report.text(i), "{}", t.cell(i).id);
    }
    assert_eq!(
        imported.narrative_by_id("security"),
        report.narrative_by_id("security")
    );

    // The form: the new section is in the outline and edits its narrative; the table shows
    // the renamed row.
    let mut app = App::with_report(report, common::temp_dir("third-window"));
    app.part = Part::Section(2);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1440.0, 900.0))
        .with_context_setup(nianbao::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run();
    assert!(h.query_by_label(&format!("{RENAMED_ROW} 自然人")).is_some());
    h.get_by_role_and_label(Role::Button, EXTRA_HEADING).click();
    h.run();
    assert_eq!(h.state().part, Part::Section(6));
    let editor = h.get_by_role_and_label(Role::MultilineTextInput, EXTRA_HEADING);
    editor.click();
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, EXTRA_HEADING)
        .type_text("已建立数据分类分级制度。");
    h.run();
    assert!(
        h.state()
            .editor
            .report
            .narrative_by_id("security")
            .unwrap()
            .ends_with("已建立数据分类分级制度。")
    );
}
