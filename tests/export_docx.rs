//! The exported Word file, read back as XML: A4 with the GB/T 9704 margins and document
//! grid, the styles (faces and sizes), odd and even footers with a PAGE field, tables whose
//! spans agree with their grid and whose header rows repeat. Where LibreOffice is installed,
//! it converts the file to PDF and the PDF's text holds every label and figure.

mod common;

use std::io::Read;

use nianbao::export::docx;
use quick_xml::events::{BytesStart, Event};

fn part(word: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(word)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// An element: local name, attributes by local name.
type Element = (String, Vec<(String, String)>);
/// A table read back: grid columns, their total width, and per row the grid columns its
/// cells span, whether it repeats as a header, how many merges start in it.
type TableRead = (usize, i64, Vec<(usize, bool, usize)>);

/// Every element in order; `None` marks an end.
fn elements(xml: &str) -> Vec<Option<Element>> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let entry = |e: &BytesStart| {
        let attrs = e
            .attributes()
            .map(|a| {
                let a = a.unwrap();
                let key = String::from_utf8(a.key.local_name().as_ref().to_vec()).unwrap();
                (key, String::from_utf8_lossy(&a.value).into_owned())
            })
            .collect();
        Some((
            String::from_utf8(e.local_name().as_ref().to_vec()).unwrap(),
            attrs,
        ))
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => out.push(entry(&e)),
            Event::Empty(e) => {
                out.push(entry(&e));
                out.push(None);
            }
            Event::End(_) => out.push(None),
            Event::Eof => return out,
            _ => {}
        }
    }
}

/// The attributes of the first element with this name.
fn attrs(xml: &str, name: &str) -> Vec<(String, String)> {
    elements(xml)
        .into_iter()
        .flatten()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no <w:{name}>"))
        .1
}

fn val<'a>(attrs: &'a [(String, String)], key: &str) -> &'a str {
    attrs.iter().find(|(k, _)| k == key).map_or("", |(_, v)| v)
}

#[test]
fn the_page_is_a4_with_the_official_margins_grid_and_footers() {
    let word = docx::write(&common::balanced()).unwrap();
    let doc = part(&word, "word/document.xml");
    let size = attrs(&doc, "pgSz");
    assert_eq!((val(&size, "w"), val(&size, "h")), ("11906", "16838"));
    let m = attrs(&doc, "pgMar");
    // 37, 35, 28 and 26 mm in twips.
    let margins = ["top", "bottom", "left", "right"].map(|k| val(&m, k).to_string());
    assert_eq!(margins, ["2098", "1984", "1587", "1474"]);
    let grid = attrs(&doc, "docGrid");
    assert_eq!(val(&grid, "type"), "lines");
    // 22 lines in 225 mm (12756 twips).
    let pitch: i64 = val(&grid, "linePitch").parse().unwrap();
    assert!(22 * pitch <= 12756 && 23 * pitch > 12756, "{pitch}");
    let footers: Vec<String> = elements(&doc)
        .into_iter()
        .flatten()
        .filter(|(n, _)| n == "footerReference")
        .map(|(_, a)| val(&a, "type").to_string())
        .collect();
    assert_eq!(footers, ["default", "even"]);
    assert!(part(&word, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
    for (name, side) in [("word/footer1.xml", "right"), ("word/footer2.xml", "left")] {
        let footer = part(&word, name);
        assert_eq!(val(&attrs(&footer, "jc"), "val"), side);
        assert!(footer.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"));
        assert!(footer.contains(">— </w:t>") && footer.contains("> —</w:t>"));
    }
}

#[test]
fn styles_name_the_official_faces_and_sizes() {
    let word = docx::write(&common::balanced()).unwrap();
    let styles = elements(&part(&word, "word/styles.xml"));
    // Each style's east-Asian face and size in half points.
    let mut found = Vec::new();
    let mut current = None;
    let mut face = String::new();
    for e in styles.iter().flatten() {
        match e.0.as_str() {
            "style" => current = Some(val(&e.1, "styleId").to_string()),
            "rFonts" => face = val(&e.1, "eastAsia").to_string(),
            "sz" if current.is_some() => found.push((
                current.take().unwrap(),
                face.clone(),
                val(&e.1, "val").to_string(),
            )),
            _ => {}
        }
    }
    let expect = [
        ("Normal", "仿宋_GB2312", "32"),
        ("Title", "方正小标宋简体", "44"),
        ("Heading1", "黑体", "32"),
        ("Heading2", "楷体_GB2312", "32"),
        ("TableText", "仿宋_GB2312", "21"),
        ("Footer", "宋体", "28"),
    ];
    let expect: Vec<(String, String, String)> = expect
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(found, expect);
    // Machines without a face get its usual substitute.
    let fonts = part(&word, "word/fontTable.xml");
    assert!(fonts.contains(r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>"#));
    assert!(fonts.contains(r#"<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>"#));
}

/// Every table of the body, read back.
fn tables(doc: &str) -> Vec<TableRead> {
    let mut out = Vec::new();
    for e in elements(doc).into_iter().flatten() {
        match e.0.as_str() {
            "tbl" => out.push((0, 0, Vec::new())),
            "gridCol" => {
                let t = out.last_mut().unwrap();
                t.0 += 1;
                t.1 += val(&e.1, "w").parse::<i64>().unwrap();
            }
            "tr" => out.last_mut().unwrap().2.push((0, false, 0)),
            "tc" => out.last_mut().unwrap().2.last_mut().unwrap().0 += 1,
            "gridSpan" => {
                let span: usize = val(&e.1, "val").parse().unwrap();
                out.last_mut().unwrap().2.last_mut().unwrap().0 += span - 1;
            }
            "tblHeader" => out.last_mut().unwrap().2.last_mut().unwrap().1 = true,
            "vMerge" if val(&e.1, "val") == "restart" => {
                out.last_mut().unwrap().2.last_mut().unwrap().2 += 1
            }
            _ => {}
        }
    }
    out
}

#[test]
fn tables_have_consistent_grids_repeated_headers_and_merges() {
    for name in ["2025-qingshi.nianbao", "2020-qingshi-gb2019.nianbao"] {
        let report = common::example(name);
        let doc = docx::document(&report);
        let found = tables(&doc);
        let grids: Vec<_> = report
            .template
            .def
            .tables
            .iter()
            .flat_map(|t| &t.grids)
            .collect();
        assert_eq!(found.len(), grids.len(), "{name}");
        for ((columns, width, rows), grid) in found.iter().zip(&grids) {
            assert_eq!(*columns, grid.label_columns + grid.columns.len(), "{name}");
            assert_eq!(*width, 8844, "{name}: 156 mm");
            assert!(rows.iter().all(|r| r.0 == *columns), "{name}: {rows:?}");
            let head = usize::from(grid.caption.is_some()) + grid.header.len();
            let repeated: Vec<bool> = rows.iter().map(|r| r.1).collect();
            assert_eq!(repeated.iter().filter(|r| **r).count(), head, "{name}");
            assert!(repeated[..head].iter().all(|r| *r), "{name}");
        }
        // Table 三: its corner and 自然人 merge down, and its row labels do.
        let t3 = &found[grids.iter().position(|g| g.header.len() == 3).unwrap()];
        assert_eq!(t3.2[0].2, 1, "{name}: the corner");
        assert_eq!(t3.2[1].2, 2, "{name}: 自然人, 总计");
        assert!(t3.2[3..].iter().map(|r| r.2).sum::<usize>() >= 4, "{name}");
    }
}

/// A program's output, or `None` (with a note) where it is not installed or fails.
use common::run_tool as run;

/// `label` in `text`: whole, or (wrapped in a narrow cell, its lines read between those of
/// the cells beside it) in order within a few lines' worth of text.
fn appears(label: &str, text: &str) -> bool {
    let text: Vec<char> = text.chars().collect();
    let label: Vec<char> = label.chars().collect();
    (0..text.len()).any(|start| {
        let mut want = label.iter().peekable();
        for c in text[start..].iter().take(label.len() * 12) {
            if want.peek() == Some(&c) {
                want.next();
            }
        }
        text[start] == label[0] && want.peek().is_none()
    })
}

#[test]
fn libreoffice_prints_every_label_and_figure() {
    let report = common::balanced();
    let dir = common::temp_dir("docx-soffice");
    let word = dir.join("report.docx");
    std::fs::write(&word, docx::write(&report).unwrap()).unwrap();
    let Some(pdf) = common::soffice_pdf(&word) else {
        return;
    };
    let pdf = pdf.display().to_string();
    let (Some(text), Some(layout)) = (
        run("pdftotext", &[&pdf, "-"]),
        run("pdftotext", &["-layout", &pdf, "-"]),
    ) else {
        return;
    };
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = report.template;
    let mut labels = vec![report.title()];
    labels.extend(t.def.sections.iter().map(|s| s.heading.clone()));
    for grid in t.def.tables.iter().flat_map(|t| &t.grids) {
        labels.extend(grid.caption.clone());
        labels.extend(
            grid.header_cells()
                .into_iter()
                .map(|(_, _, h)| h.text.clone()),
        );
        labels.extend(grid.label_cells().into_iter().map(|l| l.text));
    }
    labels.push(report.meta.closing_date.clone());
    for label in labels {
        let label: String = label.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            appears(&label, &flat),
            "{label} is not in LibreOffice's PDF"
        );
    }
    // Each row's figures stand on one printed line, in order.
    let lines: Vec<Vec<&str>> = layout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    for (ti, table) in t.def.tables.iter().enumerate() {
        for grid in nianbao::layout::grids(&report, ti) {
            for r in 0..grid.body_rows {
                let figures: Vec<&str> = grid
                    .body
                    .iter()
                    .filter(|c| c.r0 == r && c.role == nianbao::layout::CellRole::Figure)
                    .map(|c| c.text.as_str())
                    .collect();
                assert!(
                    lines.iter().any(|l| l.ends_with(&figures)),
                    "{}: row {r}: {figures:?} not on one line",
                    table.id
                );
            }
        }
    }
}

/// The text between `open` and the next `close` after each `open`.
fn between<'a>(xml: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    xml.split(open)
        .skip(1)
        .map(|s| s.split(close).next().unwrap_or(""))
        .collect()
}

fn attr_num(xml: &str, before: &str) -> Option<i64> {
    let at = xml.find(before)? + before.len();
    xml[at..].split('"').next()?.parse().ok()
}

/// Every figure's cell is at least as wide as the figure at its table's size (Times New
/// Roman's digits are half an em) and both paddings; rows never split; header rows repeat;
/// a short block keeps its rows together; a turned table has a landscape section of its own.
#[test]
fn figures_fit_their_cells_and_blocks_keep_together() {
    for (report, at_least) in [
        (common::example("2025-qingshi.nianbao"), 1),
        (common::large_figures(), 150),
    ] {
        let doc = docx::document(&report);
        let mut checked = 0;
        for table in between(&doc, "<w:tbl>", "</w:tbl>") {
            let pad = attr_num(table, r#"<w:tblCellMar><w:left w:w=""#).unwrap();
            let rows = between(table, "<w:tr>", "</w:tr>");
            for (r, row) in rows.iter().enumerate() {
                assert!(row.contains("<w:cantSplit/>"), "rows never split");
                if rows.len() <= 16 && r + 1 < rows.len() {
                    assert!(row.contains("<w:keepNext/>"), "a short block stays whole");
                }
                for cell in between(row, "<w:tc>", "</w:tc>") {
                    let text: String =
                        between(cell, r#"<w:t xml:space="preserve">"#, "</w:t>").concat();
                    if text.len() < 3 || !text.chars().all(|c| c.is_ascii_digit() || c == '.') {
                        continue;
                    }
                    let width = attr_num(cell, r#"<w:tcW w:w=""#).unwrap();
                    let half_points = attr_num(cell, r#"<w:sz w:val=""#).unwrap();
                    // Half an em a digit, in twips: half_points × 10 × 0.5 each.
                    let needs = text.len() as i64 * half_points * 5 + 2 * pad;
                    assert!(width >= needs, "{text}: {width} < {needs} twips");
                    checked += 1;
                }
            }
        }
        assert!(checked >= at_least, "{checked} figures checked");
    }
    // Large figures turn table 四: its heading and table on a landscape page, then portrait.
    let doc = docx::document(&common::large_figures());
    let sections = between(&doc, "<w:sectPr>", "</w:sectPr>");
    assert_eq!(sections.len(), 3, "portrait, landscape, portrait");
    assert!(sections[1].contains(r#"w:orient="landscape""#));
    assert!(!sections[2].contains("landscape"));
    let turned_at = doc.find(r#"w:orient="landscape""#).unwrap();
    let heading_at = doc.find("四、政府信息公开行政复议、行政诉讼情况").unwrap();
    let first_break = doc.find("<w:sectPr>").unwrap();
    assert!(
        first_break < heading_at && heading_at < turned_at,
        "the heading turns too"
    );
}

/// LibreOffice's PDF of the Word file holds every figure of three or more digits whole (not
/// wrapped inside its cell), for the examples, the seeds and a report of large figures.
#[test]
fn libreoffice_prints_every_figure_whole() {
    let mut reports: Vec<(String, nianbao::model::Report)> = [
        "2025-qingshi.nianbao",
        "2024-qingshi.nianbao",
        "2020-qingshi-gb2019.nianbao",
        "2025-qingshi-draft-with-mistakes.nianbao",
    ]
    .iter()
    .map(|n| (n.to_string(), common::example(n)))
    .collect();
    for path in common::published::seed_paths().unwrap_or_default() {
        let report = nianbao::file::load(&path).unwrap();
        reports.push((path.display().to_string(), report));
    }
    reports.push(("large figures".into(), common::large_figures()));
    let dir = common::temp_dir("docx-whole");
    for (i, (name, report)) in reports.iter().enumerate() {
        let word = dir.join(format!("{i}.docx"));
        std::fs::write(&word, docx::write(report).unwrap()).unwrap();
        let Some(pdf) = common::soffice_pdf(&word) else {
            return;
        };
        let Some(text) = run("pdftotext", &[&pdf.display().to_string(), "-"]) else {
            return;
        };
        let printed: std::collections::HashSet<&str> = text
            .split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .collect();
        let t = report.template;
        for c in t.cell_ixs() {
            let figure = report.text(c);
            if figure.len() >= 3 && figure.chars().all(|d| d.is_ascii_digit() || d == '.') {
                assert!(
                    printed.contains(figure.as_str()),
                    "{name}: {figure} is not whole"
                );
            }
        }
    }
}
