//! The exported web page: it parses (as XML even), says its language and title, keeps the
//! template's merged header of table 三, escapes the report's text, and holds nothing that a
//! government site or a CMS editor would refuse: no script, no external resource, no
//! absolute position.

mod common;

use nianbao::export::html;
use nianbao::import::{Block, Source, import};
use quick_xml::events::Event;

/// Every element of the page with its attributes, read as XML (fails on malformed markup).
fn elements(page: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut reader = quick_xml::Reader::from_str(page);
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("the page is well-formed") {
            Event::Start(e) | Event::Empty(e) => {
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        let key = String::from_utf8(a.key.as_ref().to_vec()).unwrap();
                        (key, String::from_utf8_lossy(&a.value).into_owned())
                    })
                    .collect();
                out.push((
                    String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
                    attrs,
                ));
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

#[test]
fn the_page_parses_and_holds_nothing_external_or_positioned() {
    for name in ["2025-qingshi.nianbao", "2020-qingshi-gb2019.nianbao"] {
        let report = common::example(name);
        let page = html::page(&report);
        let all = elements(&page);
        assert_eq!(all[0].0, "html");
        assert!(all[0].1.contains(&("lang".into(), "zh-CN".into())));
        assert!(page.contains(&format!("<title>{}</title>", report.title())));
        assert!(page.contains("charset=\"utf-8\""));
        // One style sheet, in the head, for print and phones: nothing it could fetch.
        let sheets: Vec<&str> = page.split("<style>").skip(1).collect();
        assert_eq!(sheets.len(), 1, "{name}");
        assert!(page.find("<style>") < page.find("</head>"), "{name}");
        let sheet = sheets[0].split("</style>").next().unwrap();
        assert!(
            sheet.contains("@media print") && sheet.contains("size:A4"),
            "{sheet}"
        );
        for banned in ["url(", "@import", "position"] {
            assert!(!sheet.contains(banned), "{name}: {banned}");
        }
        assert!(
            !html::fragment(&report).contains("<style"),
            "the CMS fragment has none"
        );
        for (tag, attrs) in &all {
            assert!(
                ![
                    "script", "link", "img", "iframe", "object", "embed", "base", "form"
                ]
                .contains(&tag.as_str()),
                "{name}: <{tag}>"
            );
            for (key, value) in attrs {
                assert!(
                    !["src", "href", "srcset", "class", "id"].contains(&key.as_str())
                        && !key.starts_with("on"),
                    "{name}: <{tag} {key}>"
                );
                if key == "style" {
                    for banned in ["position", "url(", "@import", "float", "expression"] {
                        assert!(!value.contains(banned), "{name}: {value}");
                    }
                }
            }
        }
        // Every table sits in a wrapper that scrolls sideways.
        let tables = all.iter().filter(|(t, _)| t == "table").count();
        let wrappers = all
            .iter()
            .filter(|(t, a)| t == "div" && a.iter().any(|(_, v)| v.contains("overflow-x:auto")))
            .count();
        assert_eq!((tables, wrappers), (tables, tables), "{name}");
        // Header cells say what they head.
        assert!(
            all.iter()
                .any(|(t, a)| t == "th" && a.contains(&("scope".into(), "colgroup".into())))
        );
        assert!(
            all.iter()
                .any(|(t, a)| t == "th" && a.contains(&("scope".into(), "rowgroup".into())))
        );
        // The 落款 stands at the right.
        let closing = format!(">{}</p>", report.meta.closing_date);
        let at = page.find(&closing).expect("the date is on the page");
        let p = page[..at].rfind("<p").unwrap();
        assert!(page[p..at].contains("text-align:right"), "{name}");
    }
}

#[test]
fn table_three_has_the_template_header_spans() {
    for name in ["2025-qingshi.nianbao", "2020-qingshi-gb2019.nianbao"] {
        let report = common::example(name);
        let doc = nianbao::import::html::parse(&html::page(&report));
        let (t3, _) = report.template.table("t3").unwrap();
        let grid = &report.template.def.tables[t3].grids[0];
        let table = doc
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(t) if t.rows[0].iter().any(|c| c.text == "申请人情况") => Some(t),
                _ => None,
            })
            .expect("table 三 is on the page");
        let read: Vec<(String, usize, usize)> = table.rows[..grid.header.len()]
            .iter()
            .flatten()
            .map(|c| (c.text.clone(), c.col_span, c.row_span))
            .collect();
        let template: Vec<(String, usize, usize)> = grid
            .header_cells()
            .into_iter()
            .map(|(_, _, h)| (h.text.clone(), h.cols, h.rows))
            .collect();
        assert_eq!(read, template, "{name}");
        // The body's row labels merge as the template's label paths do.
        let first = &table.rows[grid.header.len()];
        let labels = grid.label_cells();
        assert_eq!(
            (first[0].text.as_str(), first[0].row_span),
            (labels[0].text.as_str(), labels[0].row_span)
        );
    }
}

#[test]
fn the_report_text_is_escaped() {
    let mut report = common::balanced();
    let hostile = "<script>alert(\"x\")</script> & <b>粗</b> 'a' \u{1b}[31m";
    *report.narrative_mut("overview").unwrap() = hostile.to_string();
    report.meta.closing_organ = "<img src=x onerror=alert(1)>".into();
    let page = html::page(&report);
    elements(&page);
    assert!(!page.contains("<script") && !page.contains("<img") && !page.contains('\u{1b}'));
    let (back, _) = import(page.as_bytes(), Source::Html).unwrap();
    assert_eq!(
        back.narrative_by_id("overview").unwrap(),
        "<script>alert(\"x\")</script> & <b>粗</b> 'a' [31m"
    );
    assert_eq!(back.meta.closing_organ, report.meta.closing_organ);
}

/// The tables' least widths, in their own em, in order (of a fragment: no style sheet).
fn min_widths_em(page: &str) -> Vec<f32> {
    page.split("min-width:")
        .skip(1)
        .map(|s| s.split("em").next().unwrap().parse().unwrap())
        .collect()
}

/// At a desktop window of 1000 px (an article of 46em at 18 px, tables at 0.8 of that) every
/// table of the examples is whole, no column behind a scroll bar; a table the layout turns
/// goes, with its heading, on a landscape page when printed.
#[test]
fn tables_fit_a_desktop_window_and_turned_ones_print_landscape() {
    let content_px = 46.0 * 18.0;
    let table_em_px = 18.0 * 0.8;
    for name in ["2025-qingshi.nianbao", "2020-qingshi-gb2019.nianbao"] {
        let page = html::page(&common::example(name));
        let widths = min_widths_em(&html::fragment(&common::example(name)));
        assert!(widths.len() >= 6, "{name}: {widths:?}");
        for w in widths {
            assert!(w * table_em_px <= content_px, "{name}: {w}em");
        }
        assert!(
            !page.contains("data-turned=\"1\""),
            "{name}: nothing to turn"
        );
    }
    let page = html::page(&common::large_figures());
    let heading = page.find("四、政府信息公开行政复议、行政诉讼情况").unwrap();
    let h2 = page[..heading].rfind("<h2").unwrap();
    assert!(
        page[h2..heading].contains("data-turned"),
        "the heading turns with it"
    );
    assert!(page[heading..].contains("<div data-table=\"1\" data-turned=\"1\""));
}

/// Printed by headless Chromium (skipped, and said, where it is not installed), the page of a
/// report with large figures keeps every column: its PDF reads back through the PDF import
/// with every cell as the report has it.
#[test]
fn chromium_prints_every_column_and_the_print_reads_back() {
    let report = common::large_figures();
    let dir = common::temp_dir("html-print");
    let page = dir.join("report.html");
    std::fs::write(&page, html::page(&report)).unwrap();
    let pdf = dir.join("report.pdf");
    let profile = format!("--user-data-dir={}", dir.join("chromium").display());
    let print = format!("--print-to-pdf={}", pdf.display());
    let url = format!("file://{}", page.display());
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-pdf-header-footer",
        &profile,
        &print,
        &url,
    ];
    if common::run_tool("chromium", &args).is_none() || !pdf.is_file() {
        eprintln!("skipped: chromium made no PDF of the page");
        return;
    }
    let back = nianbao::file::load(&pdf).unwrap_or_else(|e| panic!("{e}"));
    let t = report.template;
    for c in t.cell_ixs() {
        assert_eq!(back.text(c), report.text(c), "{}", t.cell_label(c));
    }
}
