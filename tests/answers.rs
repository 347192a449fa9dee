//! Warnings answered with a reason (issue 28): kept in the report through save and reopen in
//! both formats, reopened by an edit of what they were about, never for errors, listed apart by
//! `check` (text and JSON) and the desk, and given on the command line by `nianbao answer`.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::Instant;

use common::{balanced, example, example_path, set, temp_dir};
use nianbao::check::{self, RuleId, Severity};
use nianbao::editor::{Edit, Editor};
use nianbao::file;
use nianbao::model::Report;

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .expect("run nianbao")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// This year's report with 行政许可 up more than fivefold (X-JUMP against last year's 12).
fn jumped() -> Report {
    let mut r = balanced();
    set(&mut r, "t2.licensing.decisions", "61");
    r
}

fn of_rule(findings: &[check::Finding], rule: RuleId) -> Vec<&check::Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

#[test]
fn an_answer_survives_saving_and_reopening_and_an_edit_reopens_it() {
    let prev = example("2024-qingshi.nianbao");
    let mut editor = Editor::new(jumped(), None);
    editor
        .compare_with(&example_path("2024-qingshi.nianbao"), Instant::now())
        .unwrap();
    let jump = of_rule(editor.findings(), RuleId::XJUMP)[0].clone();
    let warnings = check::tally(editor.findings()).1;
    editor.apply(
        Edit::Answer {
            rule: RuleId::XJUMP,
            places: jump.places.clone(),
            reason: "新设便民服务站，许可量确有大幅增加".into(),
            date: "2026-01-20".into(),
        },
        Instant::now(),
    );
    let answered = of_rule(editor.findings(), RuleId::XJUMP)[0].clone();
    assert_eq!(
        answered.answered.as_ref().map(|a| a.reason.as_str()),
        Some("新设便民服务站，许可量确有大幅增加")
    );
    assert_eq!(
        check::tally(editor.findings()).1,
        warnings - 1,
        "not counted"
    );

    let dir = temp_dir("answers");
    for (name, version) in [
        ("r.nianbao", "format_version: 6"),
        ("r.json", "\"format_version\": 4"),
    ] {
        let path = dir.join(name);
        file::save(&editor.report, &path).unwrap();
        assert!(
            std::fs::read_to_string(&path).unwrap().contains(version),
            "{name}"
        );
        let back = file::load(&path).unwrap();
        assert_eq!(back.answers, editor.report.answers, "{name}");
        let found = check::check(&back, Some(&prev));
        assert!(
            of_rule(&found, RuleId::XJUMP)[0].answered.is_some(),
            "{name}"
        );
    }
    // The figure changes: the reason was about the old one, the warning is open again.
    let cell = editor
        .report
        .template
        .cell_index("t2.licensing.decisions")
        .unwrap();
    editor.apply(
        Edit::Cell {
            cell,
            text: "70".into(),
        },
        Instant::now(),
    );
    assert!(
        of_rule(editor.findings(), RuleId::XJUMP)[0]
            .answered
            .is_none()
    );
    // A report without answers is written as before.
    assert!(file::to_native_string(&balanced()).contains("format_version: 4"));
}

#[test]
fn an_error_cannot_be_answered() {
    let mut r = balanced();
    set(&mut r, "t3.new.natural", "30");
    let mut editor = Editor::new(r, None);
    let error = editor
        .findings()
        .iter()
        .find(|f| f.severity == Severity::Error)
        .unwrap()
        .clone();
    assert!(
        check::unanswerable(&error)
            .unwrap()
            .contains("必须改正数字")
    );
    let changed = editor.apply(
        Edit::Answer {
            rule: error.rule,
            places: error.places.clone(),
            reason: "就是这样".into(),
            date: "2026-01-20".into(),
        },
        Instant::now(),
    );
    assert!(!changed && editor.report.answers.is_empty());
    // Nor by a file that says so.
    editor
        .report
        .answer(error.rule, &error.places, "就是这样", "2026-01-20");
    let again = check::check(&editor.report, None);
    assert!(again.iter().all(|f| f.answered.is_none()));
}

#[test]
fn the_command_line_answers_lists_apart_and_refuses_errors() {
    let dir = temp_dir("answer-cli");
    let path = dir.join("2025.nianbao");
    file::save(&jumped(), &path).unwrap();
    let prev = example_path("2024-qingshi.nianbao");
    let reason = "新设便民服务站，许可量确有大幅增加";
    // Without last year's report there is nothing of X-JUMP's to answer.
    let o = nianbao(&["answer", s(&path), "--rule", "X-JUMP", "--reason", reason]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("--prev"),
        "{o:?}"
    );
    let o = nianbao(&[
        "answer",
        s(&path),
        "--rule",
        "X-JUMP",
        "--cell",
        "t2.licensing.decisions",
        "--reason",
        reason,
        "--prev",
        s(&prev),
    ]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("已说明 1 条"));
    // Listed apart: in the text, on stderr's tally, and in the JSON.
    let o = nianbao(&["check", s(&path), "--prev", s(&prev)]);
    let out = String::from_utf8_lossy(&o.stdout);
    let line = out.lines().find(|l| l.contains("X-JUMP")).unwrap();
    assert!(
        line.starts_with("answered X-JUMP") && line.contains(reason),
        "{line}"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("另有 1 个警告已说明原因"));
    let o = nianbao(&["check", s(&path), "--prev", s(&prev), "--json"]);
    let items: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let jump = items.iter().find(|i| i["rule"] == "X-JUMP").unwrap();
    assert_eq!(jump["answered"]["reason"], reason);
    // A report that links last year's is checked with it without --prev, as the window does.
    let mut linked = file::load(&path).unwrap();
    std::fs::copy(&prev, dir.join("2024.nianbao")).unwrap();
    linked.prev_file = Some("2024.nianbao".into());
    let linked_path = dir.join("linked.nianbao");
    file::save(&linked, &linked_path).unwrap();
    let o = nianbao(&["check", s(&linked_path)]);
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("answered X-JUMP"),
        "{o:?}"
    );
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(
        said.contains("说明：与报告关联的上年报告") && said.contains("2024.nianbao 比对"),
        "{said}"
    );
    let o = nianbao(&["check", s(&path)]);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("说明：未与上年报告比对"),
        "{o:?}"
    );
    // Errors are refused, and the file is left as it was.
    let before = std::fs::read(&path).unwrap();
    let o = nianbao(&["answer", s(&path), "--rule", "T3-A", "--reason", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("必须改正数字"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn the_desk_counts_answered_warnings_apart_and_does_not_send_back_for_them() {
    let dir = temp_dir("answer-desk");
    let last = example("2024-qingshi.nianbao");
    file::save(&last, &dir.join("青石镇2024.nianbao")).unwrap();
    // Section 五 copied from last year: TXT-REPEAT would send the report back...
    let mut r = balanced();
    let problems = last.narrative_by_id("problems").unwrap().to_string();
    *r.narrative_mut("problems").unwrap() = problems;
    let mut editor = Editor::new(r, None);
    editor
        .compare_with(&dir.join("青石镇2024.nianbao"), Instant::now())
        .unwrap();
    let repeat = of_rule(editor.findings(), RuleId::TXTREPEAT)[0].clone();
    // ...unless the clerk says why.
    editor.apply(
        Edit::Answer {
            rule: RuleId::TXTREPEAT,
            places: repeat.places.clone(),
            reason: "问题与去年相同，整改仍在进行".into(),
            date: "2026-01-20".into(),
        },
        Instant::now(),
    );
    file::save(&editor.report, &dir.join("青石镇2025.nianbao")).unwrap();
    let summary = dir.join("汇总.csv");
    let o = nianbao(&["check", s(&dir), "--summary", s(&summary)]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let text = std::fs::read_to_string(&summary).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let line: Vec<&str> = text
        .lines()
        .find(|l| l.contains("青石镇2025.nianbao"))
        .unwrap()
        .split(',')
        .collect();
    let column = |name: &str| header.iter().position(|h| h.ends_with(name)).unwrap();
    assert_ne!(line[column("结论")], "退回", "{text}");
    assert_eq!(line[column("已说明")], "1", "{text}");
}
