//! The link to last year's report is part of the saved report: relative to its folder, found
//! again when the file is reopened (also after the folder is moved), and said when missing.

mod common;

use std::time::Instant;

use nianbao::editor::Editor;
use nianbao::file::Overwrite;

#[test]
fn the_link_to_last_years_report_is_saved_and_found_again() {
    let dir = common::temp_dir("prev-link");
    let prev = dir.join("2024年报.nianbao");
    std::fs::copy(common::example_path("2024-qingshi.nianbao"), &prev).unwrap();
    let mut editor = Editor::new(common::balanced(), None);
    editor.attach_prev(&prev, Instant::now()).unwrap();
    assert!(editor.is_dirty(), "linking is a change to save");
    let own = dir.join("2025年报.nianbao");
    editor.save_as(&own, Overwrite::Never).unwrap();
    let text = std::fs::read_to_string(&own).unwrap();
    assert!(
        text.contains(r#"prev_file: Some("2024年报.nianbao")"#),
        "{text}"
    );

    let reopened = Editor::open(&own).unwrap();
    let linked = reopened.prev.as_ref().expect("found again");
    assert_eq!(linked.report.meta.year, 2024);
    assert!(!reopened.is_dirty());
    assert!(
        reopened
            .findings()
            .iter()
            .all(|f| f.rule != nianbao::check::RuleId::XCARRY)
    );

    // The folder moved as a whole: still found.
    let moved = common::temp_dir("prev-link-moved");
    for name in ["2024年报.nianbao", "2025年报.nianbao"] {
        std::fs::rename(dir.join(name), moved.join(name)).unwrap();
    }
    let reopened = Editor::open(&moved.join("2025年报.nianbao")).unwrap();
    assert!(reopened.prev.is_some());

    // Last year's file gone: the report says so instead of silently skipping the checks.
    std::fs::remove_file(moved.join("2024年报.nianbao")).unwrap();
    let reopened = Editor::open(&moved.join("2025年报.nianbao")).unwrap();
    assert!(reopened.prev.is_none());
    assert_eq!(reopened.prev_missing, Some(moved.join("2024年报.nianbao")));
}
