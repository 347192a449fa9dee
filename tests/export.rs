//! The web page and the Word file: every example and every imported seed, exported to both,
//! imports back through nianbao's own importer to the same cells, particulars and narratives;
//! the page's shape (spans of table 三, nothing external or positioned) and the Word body's
//! page setup, styles and footers, read from the XML.

mod common;

use std::path::Path;

use nianbao::export::{docx, html};
use nianbao::import::{Source, import};
use nianbao::model::Report;

/// The examples, and the seeds as imported (where `../shared/seeds` is beside the clone).
fn reports() -> Vec<(String, Report)> {
    let mut out: Vec<(String, Report)> = [
        "2025-qingshi.nianbao",
        "2024-qingshi.nianbao",
        "2020-qingshi-gb2019.nianbao",
        "2025-qingshi-draft-with-mistakes.nianbao",
    ]
    .iter()
    .map(|n| (n.to_string(), common::example(n)))
    .collect();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("seeds skipped: {} is not beside this clone", dir.display());
        return out;
    };
    let mut paths: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    for path in paths {
        let (report, _) = import(&std::fs::read(&path).unwrap(), Source::Text).unwrap();
        out.push((path.file_name().unwrap().to_string_lossy().into(), report));
    }
    out
}

/// A narrative as published: its paragraphs trimmed, blank lines left out, runs of spaces
/// as one (as the page and the Word file show it).
fn published(text: &str) -> String {
    nianbao::layout::paragraphs(text)
        .map(|(p, _)| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_same(name: &str, back: &Report, original: &Report) {
    assert_eq!(back.template.id(), original.template.id(), "{name}");
    for i in original.template.cell_ixs() {
        let cell = original.template.cell(i);
        assert_eq!(back.text(i), original.text(i), "{name}: {}", cell.id);
    }
    let (m, o) = (&back.meta, &original.meta);
    assert_eq!(
        (&m.organ, m.year, &m.closing_organ, &m.closing_date),
        (&o.organ, o.year, &o.closing_organ, &o.closing_date),
        "{name}: meta"
    );
    for field in original.template.narrative_ixs() {
        assert_eq!(
            back.narrative(field),
            published(original.narrative(field)),
            "{name}: {}",
            original.template.narrative(field).id
        );
    }
    // Nothing new to doubt: a doubt read back was already one of the original (an amount
    // without a unit in gb2019's 采购总金额, whose official header names none).
    for mark in &back.review.marks {
        assert!(
            original
                .review
                .marks
                .iter()
                .any(|o| o.cell == mark.cell && o.kind == mark.kind),
            "{name}: new doubt {mark:?}"
        );
    }
}

#[test]
fn every_example_and_seed_exported_imports_back_the_same() {
    for (name, report) in reports() {
        let page = html::page(&report);
        let (back, _) = import(page.as_bytes(), Source::Html).unwrap();
        assert_same(&format!("{name}.html"), &back, &report);
        let word = docx::write(&report).unwrap();
        let (back, _) = import(&word, Source::Docx).unwrap();
        assert_same(&format!("{name}.docx"), &back, &report);
    }
}
