//! The web page, the Word file and the PDF: every example and every imported seed, exported to each,
//! imports back through nianbao's own importer to the same cells, particulars (the whole
//! meta, stated by the exports as `nianbao:<key>`) and narratives; a page with hostile
//! `nianbao:` meta tags imports bounded.

mod common;

use nianbao::export::{docx, html};
use nianbao::import::{Source, import};
use nianbao::model::Report;

const PDF_DATE: nianbao::pdf::PdfDate = nianbao::pdf::PdfDate {
    year: 2026,
    month: 1,
    day: 20,
};

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
    let Some(paths) = common::published::seed_paths() else {
        return out;
    };
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
    assert_eq!(back.meta, original.meta, "{name}: meta");
    for field in original.template.narrative_ixs() {
        let id = &original.template.narrative(field).id;
        let (back, original) = (back.narrative(field), published(original.narrative(field)));
        if name.ends_with(".pdf") {
            // A PDF draws no space where a line breaks: the text is the same but for spaces,
            // and no space is invented. Its headings' half-width brackets are set full width.
            let fold = |t: &str| {
                t.split_whitespace()
                    .collect::<String>()
                    .replace('(', "（")
                    .replace(')', "）")
            };
            assert_eq!(fold(back), fold(&original), "{name}: {id}");
            let spaces = |t: &str| t.matches(' ').count();
            assert!(spaces(back) <= spaces(&original), "{name}: {id}: {back}");
        } else {
            assert_eq!(back, original, "{name}: {id}");
        }
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
        let pdf = nianbao::pdf::export(&report, PDF_DATE).unwrap();
        let (back, _) = import(&pdf, Source::Pdf).unwrap_or_else(|e| panic!("{name}.pdf: {e}"));
        assert_same(&format!("{name}.pdf"), &back, &report);
    }
}

#[test]
fn the_meta_is_stated_in_the_page_head_and_the_word_properties_only() {
    let mut report = common::example("2025-qingshi.nianbao");
    report.meta.address = "路\t1号\n<b>&\"'".into();
    let page = html::page(&report);
    let head = &page[..page.find("</head>").unwrap()];
    assert!(head.contains(r#"<meta name="generator" content="nianbao" />"#));
    assert!(head.contains(r#"<meta name="nianbao:year" content="2025" />"#));
    assert!(head.contains(
        r#"<meta name="nianbao:address" content="路&#9;1号&#10;&lt;b&gt;&amp;&quot;&#39;" />"#
    ));
    assert!(!html::fragment(&report).contains("nianbao:"));
    let word = docx::write(&report).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&word)).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
        text
    };
    let custom = part("docProps/custom.xml");
    assert!(
        custom.contains(
            r#"name="nianbao:address"><vt:lpwstr>路&#9;1号&#10;&lt;b&gt;&amp;&quot;&#39;</vt:lpwstr>"#
        ),
        "{custom}"
    );
    assert!(part("[Content_Types].xml").contains(r#"<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>"#));
    assert!(part("_rels/.rels").contains(r#"/custom-properties" Target="docProps/custom.xml"/>"#));
    for bytes in [page.into_bytes(), word] {
        let source = if bytes.starts_with(b"PK") {
            Source::Docx
        } else {
            Source::Html
        };
        let (back, _) = import(&bytes, source).unwrap();
        assert_eq!(back.meta, report.meta, "{source:?}");
    }
}

#[test]
fn hostile_meta_tags_import_bounded_cut_and_as_text() {
    let report = common::example("2025-qingshi.nianbao");
    let page = html::page(&report);
    let mut hostile = String::from(
        "<meta name=\"nianbao:year\" content=\"2024\">\
         <meta name=\"NIANBAO:region\" content=\"x\">\
         <meta name=\"nianbao:organ\" content=\"&lt;script&gt;alert(1)&lt;/script&gt;清水\u{1}\u{7}\u{1b}镇\">\
         <meta name=\"nianbao:phone\" content=\"<img src=x onerror=alert(1) \">",
    );
    hostile.push_str(&format!(
        "<meta name=\"nianbao:address\" content=\"{}\">",
        "路".repeat(350_000)
    ));
    for i in 0..100_000 {
        hostile.push_str(&format!(
            "<meta name=\"nianbao:website\" content=\"http://x/{i}\">"
        ));
    }
    let page = page.replacen("<head>\n", &format!("<head>\n{hostile}"), 1);
    assert!(page.len() > 5_000_000);
    let (back, notes) = import(page.as_bytes(), Source::Html).unwrap();
    let m = &back.meta;
    // The year disagrees with the title: the title's stands, and the clerk is told.
    assert_eq!(m.year, report.meta.year);
    assert!(
        notes.notes.iter().any(|n| n.contains("2024")),
        "{:?}",
        notes.notes
    );
    // The organ is the visible title's: another stated one is not taken, and said (with
    // its markup as text, control codes gone).
    assert_eq!(m.organ, report.meta.organ);
    assert!(
        notes
            .notes
            .iter()
            .any(|n| n.contains("“<script>alert(1)</script>清水镇”与原文标题中的")),
        "{:?}",
        notes.notes
    );
    // Markup is text (escaped again on the way out).
    assert_eq!(m.phone, "<img src=x onerror=alert(1)");
    let again = html::page(&back);
    assert!(!again.contains("<script") && !again.contains("<img"));
    // 1 MB is cut to 200 characters, and said.
    assert_eq!(m.address, "路".repeat(200));
    assert!(
        notes.notes.iter().any(|n| n.contains("通讯地址")),
        "{:?}",
        notes.notes
    );
    // Only so many entries are looked at: the first website, and none of the genuine tags
    // after the flood (the region is guessed from the text, as for any page).
    assert_eq!(m.website, "http://x/0");
    assert_ne!(m.region, "x");
    for i in report.template.cell_ixs() {
        assert_eq!(back.text(i), report.text(i));
    }
}
