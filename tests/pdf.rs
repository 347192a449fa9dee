//! The publication PDF, read back: A4 pages, every heading, label and number of the report in
//! the text as written, fonts embedded as subsets, rare characters as themselves, the same
//! bytes for the same report and date; and the layout keeps every glyph inside the text area
//! and inside its table cell.

mod common;

use nianbao::layout::{self, PAGE_H_MM, TEXT_H_MM, TOP_MM, text_area};
use nianbao::model::Report;
use nianbao::pdf::{PdfDate, export};

const DATE: PdfDate = PdfDate {
    year: 2026,
    month: 1,
    day: 20,
};

fn pdf_text(bytes: &[u8]) -> (lopdf::Document, String) {
    let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).expect("text extracts");
    (doc, text)
}

/// Text without spaces or line breaks: labels wrap inside cells.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_pdf_is_a4_with_every_label_and_number_of_the_report() {
    let report = common::balanced();
    let bytes = export(&report, DATE).unwrap();
    let (doc, text) = pdf_text(&bytes);
    let flat = squeeze(&text);
    for (_, page) in doc.get_pages() {
        let dict = doc.get_dictionary(page).unwrap();
        let media = dict.get(b"MediaBox").unwrap().as_array().unwrap();
        let size: Vec<f32> = media.iter().map(|v| v.as_float().unwrap()).collect();
        assert!(
            (size[2] - 595.28).abs() < 0.5 && (size[3] - 841.89).abs() < 0.5,
            "{size:?}"
        );
    }
    let t = report.template;
    assert!(flat.contains(&squeeze(&format!(
        "{}{}年政府信息公开工作年度报告",
        report.meta.organ, report.meta.year
    ))));
    for section in &t.def.sections {
        assert!(
            flat.contains(&squeeze(&section.heading)),
            "{}",
            section.heading
        );
    }
    for grid in t.def.tables.iter().flat_map(|t| &t.grids) {
        for label in grid
            .rows
            .iter()
            .flat_map(|r| &r.labels)
            .chain(grid.columns.iter().map(|c| &c.label))
        {
            assert!(flat.contains(&squeeze(label)), "label {label}");
        }
    }
    // Numbers in order, row by row: each row's values appear as written.
    let row: String = [
        "t3.new.natural",
        "t3.new.commercial",
        "t3.new.research",
        "t3.new.nonprofit",
        "t3.new.legal",
        "t3.new.other",
        "t3.new.total",
    ]
    .iter()
    .map(|id| report.text_by_id(id).unwrap())
    .collect();
    assert!(
        flat.contains(&format!("一、本年新收政府信息公开申请数量{row}")),
        "{row}"
    );
    assert!(flat.contains(&squeeze(&report.meta.closing_date)));
    assert!(flat.contains("—1—"));
}

#[test]
fn fonts_are_embedded_subsets_and_metadata_is_set() {
    let report = common::balanced();
    let bytes = export(&report, DATE).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let mut fonts = 0;
    for (_, object) in doc.objects.iter() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor") {
            let name = dict.get(b"FontName").unwrap().as_name().unwrap();
            let name = String::from_utf8_lossy(name);
            assert!(
                name.len() > 7
                    && name.as_bytes()[6] == b'+'
                    && name[..6].chars().all(|c| c.is_ascii_uppercase()),
                "{name}"
            );
            assert!(
                dict.has(b"FontFile3") || dict.has(b"FontFile2"),
                "{name} is embedded"
            );
            fonts += 1;
        }
        if dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Type0") {
            assert!(dict.has(b"ToUnicode"), "copyable text");
        }
    }
    assert!(
        fonts >= 4,
        "仿宋, 楷体, 黑体, title and page-number faces: {fonts}"
    );
    assert!(bytes.len() < 400_000, "{} bytes", bytes.len());
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info).unwrap();
    let text = |k: &[u8]| lopdf::decode_text_string(info.get(k).unwrap()).unwrap();
    assert_eq!(text(b"Author"), report.meta.organ);
    assert!(text(b"Title").contains("2025年政府信息公开工作年度报告"));
    assert!(
        String::from_utf8_lossy(info.get(b"CreationDate").unwrap().as_str().unwrap())
            .contains("20260120")
    );
    assert_eq!(
        export(&report, DATE).unwrap(),
        bytes,
        "same report and date, same bytes"
    );
}

#[test]
fn rare_characters_come_out_as_themselves() {
    let mut report = common::balanced();
    report.meta.organ = "浉河区喆堃镇人民政府".into();
    *report.narrative_mut("overview").unwrap() = "赟镕𬘬等生僻字照常显示。".into();
    let (_, text) = pdf_text(&export(&report, DATE).unwrap());
    let flat = squeeze(&text);
    assert!(flat.contains("浉河区喆堃镇人民政府"), "{flat}");
    assert!(flat.contains("赟镕𬘬等生僻字照常显示。"));
}

fn assert_laid_out_inside(report: &Report) {
    let pages = layout::layout(report);
    let area = text_area();
    for (i, page) in pages.iter().enumerate() {
        for run in &page.runs {
            let b = run.bounds();
            let page_number = b.y0 > TOP_MM + TEXT_H_MM;
            if page_number {
                assert!(b.y1 < PAGE_H_MM - 20.0, "page {}: {run:?}", i + 1);
                let odd = i % 2 == 0;
                assert_eq!(b.x0 > 105.0, odd, "odd pages number on the right: {run:?}");
                continue;
            }
            assert!(
                area.contains(&b),
                "page {}: outside the text area: {run:?}",
                i + 1
            );
            if let Some(cell) = run.cell {
                assert!(
                    cell.contains(&b),
                    "page {}: outside its cell: {run:?}",
                    i + 1
                );
            }
        }
        for rule in &page.rules {
            let b = layout::BoxMm {
                x0: rule.x0,
                y0: rule.y0,
                x1: rule.x1,
                y1: rule.y1,
            };
            assert!(area.contains(&b), "page {}: rule outside: {rule:?}", i + 1);
        }
    }
}

#[test]
fn every_glyph_stays_in_the_text_area_and_in_its_cell() {
    for name in [
        "2025-qingshi.nianbao",
        "2020-qingshi-gb2019.nianbao",
        "2025-qingshi-draft-with-mistakes.nianbao",
    ] {
        assert_laid_out_inside(&common::example(name));
    }
    // Long text in a narrow cell wraps inside it; a long organ name wraps the title.
    let mut report = common::balanced();
    common::set(
        &mut report,
        "t3.granted.natural",
        "这一格里写了很长的一段文字而不是数字",
    );
    report.meta.organ = "某某省某某市某某县某某乡镇人民政府办公室政务公开科".into();
    assert_laid_out_inside(&report);
}

/// The document id of a report exported on a given day is what earlier versions wrote (the
/// one below is from the pre-workspace binary), so re-exporting a published report does not
/// change it: the id must not depend on a type's name or layout.
#[test]
fn the_document_id_is_stable_across_versions() {
    let date = PdfDate {
        year: 2026,
        month: 1,
        day: 1,
    };
    let bytes = export(&common::balanced(), date).unwrap();
    let trailer = String::from_utf8_lossy(&bytes[bytes.len() - 300..]).into_owned();
    assert!(
        trailer
            .contains("/ID[(8196204cd5e03dd5048b7e03cf78b81c)(8196204cd5e03dd5048b7e03cf78b81c)]"),
        "{trailer}"
    );
}

/// Each page's text without whitespace, by page number (from 1), with the page's object id.
fn page_texts(doc: &lopdf::Document) -> Vec<(lopdf::ObjectId, String)> {
    doc.get_pages()
        .iter()
        .map(|(n, id)| (*id, squeeze(&doc.extract_text(&[*n]).unwrap())))
        .collect()
}

/// The children of an outline node, in order: (title, destination page).
fn outline_children(
    doc: &lopdf::Document,
    node: &lopdf::Dictionary,
) -> Vec<(String, lopdf::ObjectId)> {
    let mut out = Vec::new();
    let mut next = node.get(b"First").and_then(|f| f.as_reference()).ok();
    while let Some(id) = next {
        let item = doc.get_dictionary(id).unwrap();
        let title = lopdf::decode_text_string(item.get(b"Title").unwrap()).unwrap();
        let dest = item.get(b"Dest").unwrap().as_array().unwrap();
        out.push((title, dest[0].as_reference().unwrap()));
        next = item.get(b"Next").and_then(|n| n.as_reference()).ok();
    }
    out
}

#[test]
fn the_file_is_clean_and_has_language_title_and_outline() {
    for report in [common::example("2025-qingshi.nianbao"), common::balanced()] {
        let bytes = export(&report, DATE).unwrap();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
        let info = doc.get_dictionary(info).unwrap();
        assert!(!info.has(b"GTS_PDFXVersion"), "no PDF/X claim");
        for (key, value) in info.iter() {
            if value.as_str().is_ok() {
                let text = lopdf::decode_text_string(value).unwrap();
                assert!(
                    !text.trim().is_empty(),
                    "empty /{}",
                    String::from_utf8_lossy(key)
                );
            }
        }
        assert!(doc.version.as_str() >= "1.4", "{}", doc.version);
        let catalog = doc.catalog().unwrap();
        assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"zh-CN");
        let prefs = catalog
            .get(b"ViewerPreferences")
            .unwrap()
            .as_dict()
            .unwrap();
        assert!(prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap());
        assert_eq!(
            catalog.get(b"PageMode").unwrap().as_name().unwrap(),
            b"UseOutlines"
        );

        // The outline: the title on page 1, the template's sections under it, in order, each
        // pointing at the first page its heading is on.
        let outlines = catalog.get(b"Outlines").unwrap().as_reference().unwrap();
        let outlines = doc.get_dictionary(outlines).unwrap();
        let pages = page_texts(&doc);
        let top = outline_children(&doc, outlines);
        assert_eq!(top, [(report.title(), pages[0].0)]);
        let title_item = outlines.get(b"First").unwrap().as_reference().unwrap();
        let sections = outline_children(&doc, doc.get_dictionary(title_item).unwrap());
        let headings: Vec<&str> = report
            .template
            .def
            .sections
            .iter()
            .map(|s| s.heading.as_str())
            .collect();
        assert_eq!(
            sections.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(),
            headings
        );
        for (heading, page) in &sections {
            let on = pages
                .iter()
                .find(|(_, text)| text.contains(&squeeze(heading)))
                .unwrap();
            assert_eq!(*page, on.0, "{heading}");
        }
    }
}

/// Organ names of 4 to 30 characters, with the places a line may break inside them (between
/// words), and the title lines expected where the choice matters.
const ORGANS: &[(&str, &[usize])] = &[
    ("海关总署", &[]),
    ("清水河镇人民政府", &[4]),
    ("国家粮食和物资储备局", &[]),
    ("天津市滨海新区人民政府", &[3, 7]),
    (
        "某某省某某市某某县某某乡镇人民政府办公室政务公开科",
        &[3, 6, 9, 13, 17, 20],
    ),
    (
        "内蒙古自治区锡林郭勒盟苏尼特右旗赛汉塔拉镇人民政府党政办公室",
        &[6, 11, 16, 21, 25],
    ),
];

#[test]
fn title_lines_break_between_organ_and_year_or_between_words() {
    for &(organ, words) in ORGANS {
        for year in [2025, 2020] {
            let lines = layout::title_break(organ, year);
            let tail = format!("{year}年政府信息公开工作年度报告");
            assert_eq!(lines.concat(), format!("{organ}{tail}"));
            if lines.len() > 1 {
                assert_eq!(lines.last().unwrap(), &tail, "{lines:?}");
                let mut at = 0;
                for line in &lines[..lines.len() - 2] {
                    at += line.chars().count();
                    assert!(
                        words.contains(&at),
                        "{organ}: a break inside a word: {lines:?}"
                    );
                }
            }
            // As laid out: the title's runs, line by line, each inside the text width.
            let mut report = common::balanced();
            report.meta.organ = organ.into();
            report.meta.year = year;
            let page = &layout::layout(&report)[0];
            let mut laid: Vec<(f32, String)> = Vec::new();
            for run in page.runs.iter().filter(|r| r.size_pt == layout::TITLE_PT) {
                assert!(text_area().contains(&run.bounds()), "{run:?}");
                match laid.last_mut() {
                    Some((baseline, text)) if *baseline == run.baseline_mm => {
                        text.push_str(&run.text)
                    }
                    _ => laid.push((run.baseline_mm, run.text.clone())),
                }
            }
            assert_eq!(laid.into_iter().map(|l| l.1).collect::<Vec<_>>(), lines);
        }
    }
    assert_eq!(
        layout::title_break(ORGANS[5].0, 2025),
        [
            "内蒙古自治区锡林郭勒盟苏尼特右旗",
            "赛汉塔拉镇人民政府党政办公室",
            "2025年政府信息公开工作年度报告"
        ]
    );
    assert_eq!(
        layout::title_break(ORGANS[1].0, 2025),
        ["清水河镇人民政府", "2025年政府信息公开工作年度报告"]
    );
}
