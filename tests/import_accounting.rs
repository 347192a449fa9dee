//! The import's accounting invariant, as a property: a report with a **distinct figure in every
//! cell** (so a misplaced value cannot hide among zeros), published in the layouts seen in the
//! field — web pages and Word files with merged cells, value cells spanning columns, rows padded
//! with empty cells, a wrong `w:tblGrid`, copied text as tab rows or one cell per line, page
//! chrome, GBK — imports so that every cell is either right or marked for the clerk, and every
//! figure of the source is in its cell or listed as not placed. Nothing silently wrong.

mod common;

use common::pdfmake::{self, PdfStyle};
use common::published::{self, Rows, T2};
use nianbao::check::RuleId;
use nianbao::import::{Source, import};
use nianbao::model::{CellKind, MarkKind, Report};
use nianbao::template;
use proptest::prelude::*;

/// A report of `template` whose cells hold distinct figures (a few left blank when `blanks`).
fn distinct_report(template_id: &str, seed: u64, blanks: u8) -> Report {
    let t = template::by_id(template_id).unwrap();
    let year = t.def.first_year + 2;
    let mut r = Report::with_template(t, year, "清水河镇人民政府");
    r.auto_totals = false;
    *r.narrative_mut("overview").unwrap() = "本镇坚持以公开为常态。".into();
    *r.narrative_mut("problems").unwrap() = "公开内容还不够全面。".into();
    *r.narrative_mut("other").unwrap() = "无其他需要报告的事项。".into();
    r.meta.closing_date = format!("{}年1月20日", year + 1);
    let n = t.cells.len() as u64;
    let mut state = seed | 1;
    for i in t.cell_ixs() {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        if blanks > 0 && (state >> 33) % 40 < u64::from(blanks) {
            continue;
        }
        // Distinct across cells: the cell's index decides the last digits.
        let figure = 1000 + ((state >> 40) % 50) * n + i.get() as u64;
        let text = match t.cell(i).kind {
            CellKind::Count => figure.to_string(),
            CellKind::SignedCount if state & 2 == 0 => format!("-{figure}"),
            CellKind::SignedCount => format!("+{figure}"),
            CellKind::Amount => format!("{}.{}", figure, i.get() % 9 + 1),
        };
        r.set_text(i, &text);
    }
    r
}

/// Copied text: each table row as tab-separated cells (`keep_covered`: merged positions as
/// empty cells, as Word copies them; otherwise lost), or one cell per line.
fn text_of(report: &Report, tables: &[(usize, Rows)], style: TextStyle) -> String {
    let mut out = String::new();
    for (table, text) in published::paragraphs(report) {
        let Some(ti) = table else {
            out.push_str(&text);
            out.push('\n');
            continue;
        };
        for (_, rows) in tables.iter().filter(|(t, _)| *t == ti) {
            for row in rows {
                let cells: Vec<&str> = match style {
                    TextStyle::TabsKeepCovered => row
                        .iter()
                        .map(|c| c.as_ref().map_or("", |c| c.0.as_str()))
                        .collect(),
                    TextStyle::Tabs | TextStyle::OnePerLine => {
                        row.iter().flatten().map(|c| c.0.as_str()).collect()
                    }
                };
                match style {
                    TextStyle::OnePerLine => {
                        for c in cells.iter().filter(|c| !c.is_empty()) {
                            out.push_str(c);
                            out.push_str("\n\n");
                        }
                    }
                    _ if cells.len() == 1 => {
                        out.push_str(cells[0]);
                        out.push('\n');
                    }
                    _ => {
                        out.push_str(&cells.join("\t"));
                        out.push('\n');
                    }
                }
            }
        }
    }
    out
}

#[derive(Debug, Clone, Copy)]
enum TextStyle {
    Tabs,
    TabsKeepCovered,
    OnePerLine,
}

/// Page chrome around a web page's article: breadcrumb, index line, the title twice, links.
fn with_chrome(page: &str, title: &str) -> String {
    page.replacen(
        "<body>",
        &format!(
            "<body><div>首页 &gt; 政府信息公开 &gt; 年度报告</div><h1>{title}</h1><p>索引号：11410000-2025-001　发布机构：清水河镇</p>"
        ),
        1,
    )
    .replace("</body>", "<p>【打印本页】【关闭窗口】</p></body>")
}

#[derive(Debug, Clone, Copy)]
enum Layout {
    Html(T2),
    HtmlChrome(T2),
    HtmlGbkDeclaredUtf8(T2),
    Docx(T2, usize),
    Text(T2, TextStyle),
    Pdf(T2, PdfStyle),
}

fn layouts() -> impl Strategy<Value = Layout> {
    let t2 = prop_oneof![Just(T2::Separate), Just(T2::Span), Just(T2::Pad)];
    let style = prop_oneof![
        Just(TextStyle::Tabs),
        Just(TextStyle::TabsKeepCovered),
        Just(TextStyle::OnePerLine)
    ];
    prop_oneof![
        t2.clone().prop_map(Layout::Html),
        t2.clone().prop_map(Layout::HtmlChrome),
        t2.clone().prop_map(Layout::HtmlGbkDeclaredUtf8),
        (t2.clone(), 0usize..3).prop_map(|(t, g)| Layout::Docx(t, g)),
        (t2.clone(), style).prop_map(|(t, s)| Layout::Text(t, s)),
        (t2, any::<[bool; 5]>()).prop_map(
            |(t, [per_glyph, narrow_numbers, filled_rules, identity, unruled])| {
                Layout::Pdf(
                    t,
                    PdfStyle {
                        per_glyph,
                        narrow_numbers,
                        filled_rules,
                        identity,
                        unruled,
                    },
                )
            }
        ),
    ]
}

fn publish(report: &Report, layout: Layout) -> (Vec<u8>, Source) {
    match layout {
        Layout::Html(t2) => (
            published::html_of(report, &published::laid_out(report, t2)).into_bytes(),
            Source::Html,
        ),
        Layout::HtmlChrome(t2) => {
            let page = published::html_of(report, &published::laid_out(report, t2));
            (
                with_chrome(&page, &report.title()).into_bytes(),
                Source::Html,
            )
        }
        Layout::HtmlGbkDeclaredUtf8(t2) => {
            let page = published::html_of(report, &published::laid_out(report, t2));
            (encoding_rs::GBK.encode(&page).0.into_owned(), Source::Html)
        }
        Layout::Docx(t2, wrong) => (
            published::docx_of(report, &published::laid_out(report, t2), wrong),
            Source::Docx,
        ),
        Layout::Text(t2, style) => (
            text_of(report, &published::laid_out(report, t2), style).into_bytes(),
            Source::Text,
        ),
        Layout::Pdf(t2, style) => (
            pdfmake::pdf_of(report, &published::laid_out(report, t2), style),
            Source::Pdf,
        ),
    }
}

/// Every cell right or marked, every source figure in its cell or listed; what was wrong.
fn silently_wrong(original: &Report, imported: &Report) -> Vec<String> {
    let mut wrong = Vec::new();
    let listed: Vec<&str> = imported
        .review
        .marks
        .iter()
        .flat_map(|m| [m.original.as_str(), m.reason.as_str()])
        .collect();
    // A figure a table without rules wrapped is shown in its parts, 「1016｜6」.
    let listed: Vec<String> = listed.iter().map(|l| l.replace('｜', "")).collect();
    for i in original.template.cell_ixs() {
        let cell = original.template.cell(i);
        let (want, got) = (original.text(i), imported.text(i));
        if want == got {
            continue;
        }
        if imported.review.mark_of(i).is_none() {
            wrong.push(format!(
                "{}: {want:?} imported as {got:?}, unmarked",
                cell.id
            ));
            continue;
        }
        // Marked: the source's figure must still be somewhere the clerk sees it.
        let seen = want.is_empty()
            || listed
                .iter()
                .any(|l| l.contains(want.trim_start_matches('+')))
            || imported.text(i).replace('｜', "") == want
            || imported
                .template
                .cell_ixs()
                .any(|j| imported.text(j) == want && imported.review.mark_of(j).is_some());
        if !seen {
            wrong.push(format!("{}: {want:?} vanished", cell.id));
        }
    }
    wrong
}

proptest! {
    // 96 cases in `cargo test`; `PROPTEST_CASES=5000` for a longer run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(96)
    ))]

    #[test]
    fn every_figure_is_placed_right_or_marked(
        gb2021 in any::<bool>(),
        seed in any::<u64>(),
        blanks in prop_oneof![Just(0u8), 0u8..4],
        layout in layouts(),
    ) {
        let original = distinct_report(if gb2021 { "gb2021" } else { "gb2019" }, seed, blanks);
        let (bytes, source) = publish(&original, layout);
        let (imported, notes) = import(&bytes, source).unwrap();
        prop_assert_eq!(imported.template.id(), original.template.id());
        let wrong = silently_wrong(&original, &imported);
        prop_assert!(wrong.is_empty(), "{:?}: {:#?}\n{:#?}", layout, wrong, notes.lines(&imported));
        // Every open doubt is a finding of `check`, so the command line shows it too.
        let review = common::checked(&imported, None)
            .iter()
            .filter(|f| f.rule == RuleId::IMPREVIEW)
            .count();
        prop_assert_eq!(review, imported.review.open_count());
        // The doubts are saved with the report and read back as they were.
        let saved = nianbao::file::to_native_string(&imported);
        let back = nianbao::file::parse(saved.as_bytes(), nianbao::file::Format::Native).unwrap();
        prop_assert_eq!(back, imported);
    }
}

/// The exact layouts a clerk meets most, with no blanks: everything must be read right, not
/// merely marked (the ≥ 99 % right goal).
#[test]
fn the_common_layouts_read_every_figure_right() {
    for id in ["gb2019", "gb2021"] {
        let original = distinct_report(id, 7, 0);
        for layout in [
            Layout::Html(T2::Separate),
            Layout::Html(T2::Span),
            Layout::Html(T2::Pad),
            Layout::HtmlChrome(T2::Span),
            Layout::HtmlGbkDeclaredUtf8(T2::Pad),
            Layout::Docx(T2::Span, 0),
            Layout::Docx(T2::Pad, 2),
            Layout::Text(T2::Separate, TextStyle::Tabs),
            Layout::Text(T2::Pad, TextStyle::TabsKeepCovered),
            Layout::Text(T2::Separate, TextStyle::OnePerLine),
            Layout::Pdf(
                T2::Separate,
                PdfStyle {
                    per_glyph: false,
                    narrow_numbers: false,
                    filled_rules: false,
                    identity: true,
                    unruled: false,
                },
            ),
            Layout::Pdf(
                T2::Span,
                PdfStyle {
                    per_glyph: true,
                    narrow_numbers: true,
                    filled_rules: true,
                    identity: false,
                    unruled: false,
                },
            ),
        ] {
            let (bytes, source) = publish(&original, layout);
            let (imported, notes) = import(&bytes, source).unwrap();
            let differing: Vec<&str> = original
                .template
                .cell_ixs()
                .filter(|&i| original.text(i) != imported.text(i))
                .map(|i| original.template.cell(i).id.as_str())
                .collect();
            assert_eq!(
                differing,
                Vec::<&str>::new(),
                "{id} {layout:?}: {:#?}",
                notes.lines(&imported)
            );
            assert_eq!(
                imported
                    .review
                    .marks
                    .iter()
                    .filter(|m| m.kind != MarkKind::Unit)
                    .count(),
                0,
                "{id} {layout:?}: {:#?}",
                notes.lines(&imported)
            );
        }
    }
}

/// Page chrome is left out of the preamble and said in the import report.
#[test]
fn page_chrome_stays_out_of_the_report() {
    let original = distinct_report("gb2021", 3, 0);
    let (bytes, source) = publish(&original, Layout::HtmlChrome(T2::Separate));
    let (imported, notes) = import(&bytes, source).unwrap();
    let preamble = &imported.narrative_by_id("preamble").unwrap();
    for chrome in ["首页", "索引号", "打印", "年度报告"] {
        assert!(!preamble.contains(chrome), "{chrome} in {preamble:?}");
    }
    assert!(notes.left_out.iter().any(|l| l.contains("索引号")));
    assert!(notes.left_out.iter().any(|l| l.contains("首页")));
    assert_eq!(imported.meta.organ, "清水河镇人民政府");
}
