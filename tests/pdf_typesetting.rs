//! The publication as a typesetter would set it: figures of eight digits in every cell never
//! break and stay at 五号 in table 三; tables break between groups with their group label on
//! both sides and never leave a row alone; no paragraph ends on one character; every full
//! body line read back from the PDF ends at the right edge; rare name characters and 𠮷 are
//! drawn from a serif face and extract as themselves.

mod common;

use std::collections::BTreeMap;

use nianbao::layout::{
    self, BODY_PT, CHAR_MM, LEFT_MM, LINE_MM, TABLE_PT, TEXT_W_MM, fonts::FACES,
};
use nianbao::model::Report;
use nianbao::pdf::{PdfDate, export};

const DATE: PdfDate = PdfDate {
    year: 2026,
    month: 1,
    day: 20,
};

/// Every table cell given a distinct figure of `digits` (3 or more) digits, totals kept as
/// written; with the table and row each figure is in (`table * 1000 + row`).
fn large_figures(mut report: Report, digits: u32) -> (Report, BTreeMap<String, usize>) {
    report.auto_totals = false;
    let mut figures = BTreeMap::new();
    let base = 10u64.pow(digits - 1);
    for (n, i) in report.template.cell_ixs().enumerate() {
        // 7919 is prime: n ↦ 7919 n mod 9·base is one-to-one for fewer than 9·base cells.
        let figure = (base + (7919 * n as u64 + 13) % (9 * base)).to_string();
        report.set_text(i, &figure);
        let cell = report.template.cell(i);
        figures.insert(figure, cell.table * 1000 + cell.row);
    }
    (report, figures)
}

/// Each page's runs' text, and their text joined without whitespace.
fn page_text(page: &layout::Page) -> String {
    page.runs
        .iter()
        .flat_map(|r| r.text.chars())
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn eight_digit_figures_never_break_and_table_three_stays_at_five_hao() {
    for example in ["2025-qingshi.nianbao", "2020-qingshi-gb2019.nianbao"] {
        for digits in [3, 5, 8] {
            let (report, figures) = large_figures(common::example(example), digits);
            let pages = layout::layout(&report);
            let runs: Vec<&str> = pages
                .iter()
                .flat_map(|p| &p.runs)
                .map(|r| r.text.as_str())
                .collect();
            for figure in figures.keys() {
                assert!(
                    runs.iter().any(|r| r.contains(figure.as_str())),
                    "{example}: {figure} broken or missing"
                );
            }
            let t3 = report.template.table("t3").unwrap().0;
            for grid in layout::grids(&report, t3) {
                assert_eq!(grid.size_pt, TABLE_PT, "{example}, {digits} digits: 五号");
                assert!(!grid.landscape);
            }
            // Table 四 is portrait at 五号 while it can be, landscape only for long figures.
            let t4 = report.template.table("t4").unwrap().0;
            let grid = &layout::grids(&report, t4)[0];
            assert_eq!(grid.landscape, digits == 8, "{example}, {digits} digits");
            if digits == 3 {
                assert_eq!(grid.size_pt, TABLE_PT);
            }
            // The PDF reads each figure back whole (not split over two lines).
            let bytes = export(&report, DATE).unwrap();
            let doc = lopdf::Document::load_mem(&bytes).unwrap();
            let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
            let text = doc.extract_text(&numbers).unwrap();
            for figure in figures.keys() {
                assert!(
                    text.contains(figure.as_str()),
                    "{example}: {figure} in the PDF"
                );
            }
        }
    }
}

/// Table 三's body rows found on each page, by their distinct figures.
fn rows_per_page(
    pages: &[layout::Page],
    figures: &BTreeMap<String, usize>,
    table: usize,
) -> Vec<Vec<usize>> {
    pages
        .iter()
        .map(|page| {
            let mut rows: Vec<usize> = page
                .runs
                .iter()
                .filter_map(|r| figures.get(r.text.trim()))
                .filter(|key| *key / 1000 == table)
                .map(|key| key % 1000)
                .collect();
            rows.sort_unstable();
            rows.dedup();
            rows
        })
        .filter(|rows| !rows.is_empty())
        .collect()
}

#[test]
fn tables_break_between_groups_never_leaving_a_row_alone() {
    let mut breaks = 0;
    for example in ["2025-qingshi.nianbao", "2020-qingshi-gb2019.nianbao"] {
        for digits in [3, 8] {
            // Longer and longer text before the tables moves every break point.
            for lines in 0..24 {
                let (mut report, figures) = large_figures(common::example(example), digits);
                *report.narrative_mut("preamble").unwrap() =
                    "本段文字用于移动表格的位置。".repeat(2 * lines);
                let pages = layout::layout(&report);
                let (t3, def) = report.template.table("t3").unwrap();
                let grid = &def.grids[0];
                let chunks = rows_per_page(&pages, &figures, t3);
                for pair in chunks.windows(2) {
                    breaks += 1;
                    let (before, after) = (&pair[0], &pair[1]);
                    assert!(
                        before.len() >= 2 && after.len() >= 2,
                        "{example} {lines}: {chunks:?}"
                    );
                    let (last, first) = (&grid.rows[*before.last().unwrap()], &grid.rows[after[0]]);
                    let inside = last.labels.len() >= 3
                        && first.labels.len() >= 3
                        && last.labels[..2] == first.labels[..2];
                    assert!(!inside, "{example} {lines}: break inside {:?}", last.labels);
                }
                // Every page holding a row of a group names the group.
                for page in &pages {
                    let text = page_text(page);
                    for rows in rows_per_page(std::slice::from_ref(page), &figures, t3) {
                        for r in rows {
                            let group = grid.rows[r].labels[0].replace(char::is_whitespace, "");
                            assert!(text.contains(&group), "{example} {lines}: {group} missing");
                        }
                    }
                }
                // 表二's small blocks are never split: each caption is on one page only.
                let (_, def2) = report.template.table("t2").unwrap();
                let mut seen = std::collections::BTreeSet::new();
                for page in &pages {
                    let text = page_text(page);
                    for block in def2.grids.iter().filter_map(|g| g.caption.as_ref()) {
                        let caption = block.replace(char::is_whitespace, "");
                        if text.contains(&caption) {
                            assert!(seen.insert(caption.clone()), "{caption} on two pages");
                        }
                    }
                }
            }
        }
    }
    assert!(breaks > 20, "the cases break table 三 {breaks} times");
}

/// The body lines of the pages: (page, baseline, x of the first run, text).
fn body_lines(pages: &[layout::Page]) -> Vec<(usize, f32, f32, String)> {
    let mut out: Vec<(usize, f32, f32, String)> = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        for run in page
            .runs
            .iter()
            .filter(|r| r.size_pt == BODY_PT && r.cell.is_none())
        {
            match out.last_mut() {
                Some((q, y, _, text)) if *q == p && (*y - run.baseline_mm).abs() < 0.01 => {
                    text.push_str(&run.text)
                }
                _ => out.push((p, run.baseline_mm, run.x_mm, run.text.clone())),
            }
        }
    }
    out
}

#[test]
fn no_paragraph_ends_on_a_line_of_one_character() {
    let mut report = common::balanced();
    // Paragraphs of every length from 20 to 140 characters, ending in a full stop.
    let text: String = (20..140)
        .map(|n| {
            format!(
                "{}。\n",
                "政务公开工作扎实推进"
                    .chars()
                    .cycle()
                    .take(n)
                    .collect::<String>()
            )
        })
        .collect();
    *report.narrative_mut("overview").unwrap() = text;
    let lines = body_lines(&layout::layout(&report));
    let indent = LEFT_MM + 2.0 * CHAR_MM;
    let mut last_lines = 0;
    for pair in lines.windows(2) {
        let (line, next) = (&pair[0], &pair[1]);
        let next_starts_paragraph = (next.2 - indent).abs() < 0.5;
        let continued = (line.2 - LEFT_MM).abs() < 0.01;
        if continued && next_starts_paragraph {
            last_lines += 1;
            let content = line
                .3
                .chars()
                .filter(|c| !"，。、；：？！）》」』”’".contains(*c))
                .count();
            assert!(content >= 2, "a one-character last line: {line:?}");
        }
    }
    assert!(last_lines > 80, "{last_lines} last lines checked");
}

/// The text of a page as drawn: (baseline y, start x, end x, font size) per text object,
/// from the content stream, the fonts' widths and the character spacing, in points. The end
/// is where the next text would start: it includes each glyph's spacing (a squeezed
/// full stop's negative spacing takes away the empty half of its em).
fn drawn_runs(doc: &lopdf::Document, page: lopdf::ObjectId) -> Vec<(f32, f32, f32, f32)> {
    let fonts = doc.get_page_fonts(page).unwrap();
    let widths: BTreeMap<Vec<u8>, (BTreeMap<u32, f32>, f32)> = fonts
        .iter()
        .map(|(name, font)| (name.clone(), cid_widths(doc, font)))
        .collect();
    let content = doc.get_and_decode_page_content(page).unwrap();
    let num = |o: &lopdf::Object| o.as_float().unwrap();
    let (mut font, mut size, mut spacing, mut at) = (Vec::new(), 0.0, 0.0, (0.0, 0.0));
    let mut out = Vec::new();
    for op in &content.operations {
        match op.operator.as_str() {
            "Tf" => {
                font = op.operands[0].as_name().unwrap().to_vec();
                size = num(&op.operands[1]);
            }
            "Tc" => spacing = num(&op.operands[0]),
            "Td" => at = (num(&op.operands[0]), num(&op.operands[1])),
            "Tm" => at = (num(&op.operands[4]), num(&op.operands[5])),
            "Tj" => {
                let bytes = op.operands[0].as_str().unwrap();
                let (w, dw) = &widths[&font];
                let glyphs = bytes.len() / 2;
                let advance: f32 = bytes
                    .chunks(2)
                    .map(|g| {
                        w.get(&u32::from(u16::from_be_bytes([g[0], g[1]])))
                            .copied()
                            .unwrap_or(*dw)
                            / 1000.0
                            * size
                    })
                    .sum::<f32>()
                    + spacing * glyphs as f32;
                out.push((at.1, at.0, at.0 + advance, size));
            }
            _ => {}
        }
    }
    out
}

/// A Type0 font's glyph widths (`/W`) and default width (`/DW`).
fn cid_widths(doc: &lopdf::Document, font: &lopdf::Dictionary) -> (BTreeMap<u32, f32>, f32) {
    let deref = |o: &lopdf::Object| match o {
        lopdf::Object::Reference(id) => doc.get_object(*id).unwrap().clone(),
        o => o.clone(),
    };
    let descendant = deref(&font.get(b"DescendantFonts").unwrap().as_array().unwrap()[0]);
    let cid = descendant.as_dict().unwrap();
    let dw = cid.get(b"DW").map_or(1000.0, |o| o.as_float().unwrap());
    let mut out = BTreeMap::new();
    if let Ok(w) = cid.get(b"W") {
        let w = deref(w);
        let items = w.as_array().unwrap();
        let mut i = 0;
        while i + 1 < items.len() {
            let first = items[i].as_i64().unwrap() as u32;
            match deref(&items[i + 1]) {
                lopdf::Object::Array(list) => {
                    for (k, v) in list.iter().enumerate() {
                        out.insert(first + k as u32, v.as_float().unwrap());
                    }
                    i += 2;
                }
                last => {
                    let last = last.as_i64().unwrap() as u32;
                    let v = items[i + 2].as_float().unwrap();
                    for g in first..=last {
                        out.insert(g, v);
                    }
                    i += 3;
                }
            }
        }
    }
    (out, dw)
}

#[test]
fn every_full_body_line_ends_at_the_right_edge() {
    let mm = |pt: f32| pt * 25.4 / 72.0;
    for report in [
        common::balanced(),
        common::example("2020-qingshi-gb2019.nianbao"),
        large_figures(common::balanced(), 8).0,
    ] {
        let bytes = export(&report, DATE).unwrap();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let mut checked = 0;
        for (_, page) in doc.get_pages() {
            // Body lines: 3号 text objects by baseline, top to bottom.
            let mut lines: Vec<(f32, f32, f32)> = Vec::new();
            for (y, x0, x1, size) in drawn_runs(&doc, page) {
                if (size - BODY_PT).abs() > 0.01 {
                    continue;
                }
                match lines.iter_mut().find(|l| (l.0 - y).abs() < 0.1) {
                    Some(l) => {
                        l.1 = l.1.min(x0);
                        l.2 = l.2.max(x1);
                    }
                    None => lines.push((y, x0, x1)),
                }
            }
            lines.sort_by(|a, b| b.0.total_cmp(&a.0));
            for pair in lines.windows(2) {
                let (line, next) = (pair[0], pair[1]);
                let next_continues = (mm(next.1) - LEFT_MM).abs() < 0.1
                    && (mm(line.0 - next.0) - LINE_MM).abs() < 0.1;
                if next_continues {
                    checked += 1;
                    let end = mm(line.2);
                    assert!(
                        (end - (LEFT_MM + TEXT_W_MM)).abs() <= 0.5,
                        "a full line ends at {end:.2} mm, not {} mm",
                        LEFT_MM + TEXT_W_MM,
                    );
                }
            }
        }
        assert!(checked >= 10, "{checked} full lines checked");
    }
}

#[test]
fn rare_name_characters_are_serif_and_extract_as_themselves() {
    let names = "浉喆堃镕珺赟犇玥旻𠮷𬘬";
    let mut report = common::balanced();
    report.meta.organ = "浉河区喆堃镇人民政府".into();
    *report.narrative_mut("overview").unwrap() =
        format!("（一）主动公开。联系人：{names}。\n本年度{names}等生僻字照常显示。");
    let laid = layout::publication(&report);
    assert!(
        laid.warnings
            .iter()
            .all(|w| !matches!(w, layout::Warning::NoGlyph(_)))
    );
    for run in laid.pages.iter().flat_map(|p| &p.runs) {
        if run.text.chars().any(|c| names.contains(c)) {
            let face = FACES[run.face.0].0;
            assert!(face.contains("Serif"), "{} drawn from {face}", run.text);
        }
    }
    let bytes = export(&report, DATE).unwrap();
    let text = common::pdf_text_squeezed(&bytes);
    assert!(text.contains("浉河区喆堃镇人民政府"), "{text}");
    assert!(text.contains(&format!("本年度{names}等生僻字照常显示。")));
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let serif = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .any(|d| {
            d.get(b"FontName")
                .and_then(|n| n.as_name())
                .is_ok_and(|n| String::from_utf8_lossy(n).contains("Serif"))
        });
    assert!(serif, "a serif face is embedded");
}

#[test]
fn a_character_no_font_has_is_kept_and_reported() {
    let mut report = common::balanced();
    report.meta.closing_date.clear();
    *report.narrative_mut("overview").unwrap() = "私用区字符\u{10FFFD}保留。".into();
    let laid = layout::publication(&report);
    let text: String = laid
        .pages
        .iter()
        .flat_map(|p| &p.runs)
        .map(|r| r.text.as_str())
        .collect();
    assert!(text.contains('\u{10FFFD}'), "kept in the text");
    assert!(
        laid.warnings
            .contains(&layout::Warning::NoGlyph("\u{10FFFD}".into()))
    );
    assert!(laid.warnings.contains(&layout::Warning::NoClosingDate));
    assert!(layout::publication(&common::balanced()).warnings.is_empty());
}

/// The 落款 never stands alone on a page: whatever the length of the last section, the page
/// holding the signing organ holds text of the report too (the last lines go over with it).
#[test]
fn the_closing_never_stands_alone_on_a_page() {
    // Cases where the 落款 starts a page after the last section's heading: the ones that
    // would have left it alone.
    let mut turned_over = 0;
    for lines in 0..30 {
        let mut report = common::balanced();
        let text: String = (0..lines)
            .map(|_| "政务公开工作扎实推进，群众满意度逐年提高，公开质量稳步提升。\n")
            .collect();
        *report.narrative_mut("other").unwrap() = format!("{text}无其他需要报告的事项。");
        let pages = layout::layout(&report);
        let organ = &report.meta.closing_organ;
        // The last page naming the organ (the title names it too).
        let at = pages
            .iter()
            .rposition(|p| p.runs.iter().any(|r| r.text.contains(organ.as_str())))
            .expect("the 落款 is set");
        let others = pages[at]
            .runs
            .iter()
            .filter(|r| {
                let t = r.text.trim();
                !t.is_empty()
                    && !organ.contains(t)
                    && !report.meta.closing_date.contains(t)
                    && !t.starts_with('—')
            })
            .count();
        assert!(
            others > 0,
            "{lines} lines: the 落款 alone on page {}",
            at + 1
        );
        let heading = pages
            .iter()
            .position(|p| {
                p.runs
                    .iter()
                    .any(|r| r.text.contains("六、其他需要报告的事项"))
            })
            .expect("the heading is set");
        turned_over += usize::from(at > heading);
    }
    assert!(
        turned_over > 0,
        "no length put the 落款 on a page of its own"
    );
}
