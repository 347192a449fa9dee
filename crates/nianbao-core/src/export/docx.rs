//! The editable Word file: `word/document.xml` written from the blocks, packaged with the
//! parts of `docx_parts`. A4 with the GB/T 9704 margins and the 28 × 22 document grid; the
//! official tables with `w:gridSpan`/`w:vMerge` over a `w:tblGrid` of the layout's column
//! widths, header rows repeated on each page, rows never split.

use std::io::Write;

use super::ExportError;
use super::blocks::{Block, blocks};
use super::docx_parts as parts;
use crate::layout::{
    Align, Frame, Grid, GridCell, LEFT_MM, PAGE_H_MM, PAGE_NUMBER_BELOW_MM, PAGE_W_MM, TEXT_H_MM,
    TEXT_W_MM, TOP_MM,
};
use crate::model::Report;

pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Millimetres in twentieths of a point, rounded.
pub fn twips(mm: f32) -> i64 {
    (mm / 25.4 * 1440.0).round() as i64
}

/// The .docx file's bytes.
pub fn write(report: &Report) -> Result<Vec<u8>, ExportError> {
    let failed = |e: &dyn std::fmt::Display| ExportError::Package(e.to_string());
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let files = [
        ("[Content_Types].xml", parts::content_types()),
        ("_rels/.rels", parts::package_rels()),
        ("word/_rels/document.xml.rels", parts::document_rels()),
        ("word/document.xml", document(report)),
        ("word/styles.xml", parts::styles()),
        ("word/settings.xml", parts::settings()),
        ("word/fontTable.xml", parts::font_table()),
        ("word/footer1.xml", parts::footer(true)),
        ("word/footer2.xml", parts::footer(false)),
        (parts::CUSTOM, parts::custom_properties(&report.meta)),
    ];
    for (name, text) in files {
        zip.start_file(name, options).map_err(|e| failed(&e))?;
        zip.write_all(text.as_bytes()).map_err(|e| failed(&e))?;
    }
    Ok(zip.finish().map_err(|e| failed(&e))?.into_inner())
}

/// `word/document.xml`.
pub fn document(report: &Report) -> String {
    let mut body = String::new();
    let all = blocks(report);
    // A table the layout turns (table 四 with long figures) goes on landscape pages with its
    // heading, in a section of its own, as the PDF sets it.
    let landscape: Vec<bool> = (0..all.len())
        .map(|i| {
            let turned = |b: Option<&Block>| matches!(b, Some(Block::Table(g)) if g.landscape);
            turned(all.get(i)) || (matches!(all[i], Block::Heading(_)) && turned(all.get(i + 1)))
        })
        .collect();
    let mut turned = false;
    let mut after_table = false;
    for (block, landscape) in all.into_iter().zip(landscape) {
        if landscape != turned {
            // A section ends with the paragraph that carries its properties.
            body.push_str(&format!(
                r#"<w:p><w:pPr><w:pStyle w:val="TableText"/>{}</w:pPr></w:p>"#,
                section(turned)
            ));
            turned = landscape;
            after_table = false;
        }
        let is_table = matches!(block, Block::Table(_));
        if is_table && after_table {
            // Two tables that touch become one in Word: a small paragraph keeps them apart.
            body.push_str(r#"<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p>"#);
        }
        after_table = is_table;
        match block {
            Block::Title(lines) => {
                let runs: Vec<String> = lines.iter().map(|l| run(l)).collect();
                body.push_str(&paragraph("Title", "", &runs.join("<w:r><w:br/></w:r>")));
            }
            Block::Heading(text) => body.push_str(&paragraph("Heading1", "", &run(text))),
            Block::Paragraph { text, sub: true } => {
                body.push_str(&paragraph("Heading2", "", &run(text)))
            }
            Block::Paragraph { text, sub: false } => {
                body.push_str(&paragraph("Normal", "", &run(text)))
            }
            Block::Table(grid) => table(&mut body, &grid),
            Block::Closing {
                organ,
                date,
                organ_inset_mm,
                date_inset_mm,
            } => {
                body.push_str("<w:p/>");
                for (text, inset) in [(organ, organ_inset_mm), (date, date_inset_mm)] {
                    let ppr = format!(
                        r#"<w:ind w:right="{}" w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="right"/>"#,
                        twips(inset)
                    );
                    body.push_str(&paragraph("Normal", &ppr, &run(text)));
                }
            }
        }
    }
    if turned {
        body.push_str(&format!(
            r#"<w:p><w:pPr><w:pStyle w:val="TableText"/>{}</w:pPr></w:p>"#,
            section(true)
        ));
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}{}</w:body></w:document>"#,
        section(false)
    )
}

/// A4, margins top 37, bottom 35, left 28, right 26 mm (a 156 × 225 mm text area), the
/// footers, and the document grid of 22 lines. Turned (`landscape`), the same text area
/// seen with the page turned ([`Frame::LANDSCAPE`]): 225 mm wide, 156 high.
fn section(landscape: bool) -> String {
    let bottom = PAGE_H_MM - TOP_MM - TEXT_H_MM;
    let right = PAGE_W_MM - LEFT_MM - TEXT_W_MM;
    // The page number's baseline sits PAGE_NUMBER_BELOW_MM under the text area.
    let footer = bottom - PAGE_NUMBER_BELOW_MM - 1.0;
    // Whole twips that still fit 22 lines in the text height. The 28 characters a line
    // come from the body style's tracking (see `docx_parts::tracking`), not a character
    // grid: LibreOffice gives a 3号 character two cells of a 28-per-line grid.
    let line_pitch = (TEXT_H_MM / 25.4 * 1440.0 / 22.0).floor() as i64;
    let refs = r#"<w:footerReference w:type="default" r:id="rIdOdd"/><w:footerReference w:type="even" r:id="rIdEven"/>"#;
    if landscape {
        let f = Frame::LANDSCAPE;
        return format!(
            r#"<w:sectPr>{refs}<w:pgSz w:w="{}" w:h="{}" w:orient="landscape"/><w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="851" w:footer="{}" w:gutter="0"/><w:cols w:space="425"/></w:sectPr>"#,
            twips(PAGE_H_MM),
            twips(PAGE_W_MM),
            twips(f.top),
            twips(PAGE_H_MM - f.left - f.width),
            twips(PAGE_W_MM - f.top - f.height),
            twips(f.left),
            twips((PAGE_W_MM - f.top - f.height - PAGE_NUMBER_BELOW_MM - 1.0).max(5.0)),
        );
    }
    format!(
        r#"<w:sectPr>{refs}<w:pgSz w:w="{}" w:h="{}"/><w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="851" w:footer="{}" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="{line_pitch}"/></w:sectPr>"#,
        twips(PAGE_W_MM),
        twips(PAGE_H_MM),
        twips(TOP_MM),
        twips(right),
        twips(bottom),
        twips(LEFT_MM),
        twips(footer),
    )
}

fn paragraph(style: &str, ppr: &str, runs: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>{ppr}</w:pPr>{runs}</w:p>"#)
}

/// A run of text; tabs and line breaks inside it as Word's own elements.
fn run(text: &str) -> String {
    run_with(text, "")
}

/// A run with its own properties (`<w:rPr>…</w:rPr>`, or nothing).
fn run_with(text: &str, rpr: &str) -> String {
    let mut out = format!(r#"<w:r>{rpr}<w:t xml:space="preserve">"#);
    for c in text.chars() {
        match c {
            '\t' => out.push_str(r#"</w:t><w:tab/><w:t xml:space="preserve">"#),
            '\n' => out.push_str(r#"</w:t><w:br/><w:t xml:space="preserve">"#),
            c => super::escape::push_escaped(&mut out, c),
        }
    }
    out.push_str("</w:t></w:r>");
    out
}

/// The width of the page's text area a block is set in: turned, the portrait page's height.
fn frame_width_mm(grid: &Grid) -> f32 {
    if grid.landscape {
        Frame::LANDSCAPE.width
    } else {
        TEXT_W_MM
    }
}

/// Column widths in twips: the layout's, fitted to the figures at the block's type size (as
/// the PDF sets them), summing exactly to the text width of its page.
fn grid_twips(grid: &Grid) -> Vec<i64> {
    let width = frame_width_mm(grid);
    let total: f32 = grid.widths_mm.iter().sum();
    let scale = if total > 0.0 { width / total } else { 1.0 };
    let mut out: Vec<i64> = grid.widths_mm.iter().map(|w| twips(*w * scale)).collect();
    let drift = twips(width) - out.iter().sum::<i64>();
    if let Some(last) = out.last_mut() {
        *last += drift;
    }
    out
}

/// A block of at most this many rows stays on one page (a sub-table of 表二 with its caption);
/// longer ones break between rows, their header repeated.
const KEEP_WHOLE_ROWS: usize = 16;

fn table(body: &mut String, grid: &Grid) {
    let widths = grid_twips(grid);
    let border =
        |side: &str| format!(r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#);
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|side| border(side))
        .collect();
    body.push_str(&format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="{pad}" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>"#,
        twips(frame_width_mm(grid)),
        pad = twips(grid.pad_mm),
    ));
    let whole = grid.head_rows + grid.body_rows <= KEEP_WHOLE_ROWS;
    let last_row = grid.head_rows + grid.body_rows - 1;
    let size = (grid.size_pt * 2.0).round() as u32;
    for w in &widths {
        body.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    body.push_str("</w:tblGrid>");
    for (rows, head, cells) in [
        (grid.head_rows, true, &grid.head),
        (grid.body_rows, false, &grid.body),
    ] {
        // Which cell covers each grid position of this part.
        let mut cover: Vec<Vec<Option<&GridCell>>> = vec![vec![None; widths.len()]; rows];
        for cell in cells.iter() {
            for row in &mut cover[cell.r0..cell.r1] {
                row[cell.c0..cell.c1].fill(Some(cell));
            }
        }
        for (r, row) in cover.iter().enumerate() {
            let repeat = if head { "<w:tblHeader/>" } else { "" };
            body.push_str(&format!("<w:tr><w:trPr><w:cantSplit/>{repeat}</w:trPr>"));
            // The header stays with the first row; a short block with every row.
            let at = if head { r } else { grid.head_rows + r };
            let look = Look {
                keep_next: head || (whole && at < last_row),
                half_points: size,
            };
            let mut c = 0;
            while c < widths.len() {
                let (span, xml) = match row[c] {
                    Some(cell) => (cell.c1 - cell.c0, cell_xml(cell, r, &widths, &look)),
                    None => (1, cell_xml(&empty(r, c), r, &widths, &look)),
                };
                body.push_str(&xml);
                c += span.max(1);
            }
            body.push_str("</w:tr>");
        }
    }
    body.push_str("</w:tbl>");
}

/// A grid position no cell covers (the template leaves none, but Word needs a cell).
fn empty(r: usize, c: usize) -> GridCell {
    GridCell {
        r0: r,
        r1: r + 1,
        c0: c,
        c1: c + 1,
        text: String::new(),
        align: Align::Centre,
        role: crate::layout::CellRole::Figure,
    }
}

/// How a row's cells are set: kept with the next row, and the block's type size.
struct Look {
    keep_next: bool,
    half_points: u32,
}

/// The cell at row `r`: its text where it starts, a continuation of its merge below that.
fn cell_xml(cell: &GridCell, r: usize, widths: &[i64], look: &Look) -> String {
    let span = cell.c1 - cell.c0;
    let width: i64 = widths[cell.c0..cell.c1].iter().sum();
    let grid_span = if span > 1 {
        format!(r#"<w:gridSpan w:val="{span}"/>"#)
    } else {
        String::new()
    };
    let starts = cell.r0 == r;
    let v_merge = match (cell.r1 - cell.r0 > 1, starts) {
        (false, _) => "",
        (true, true) => r#"<w:vMerge w:val="restart"/>"#,
        (true, false) => "<w:vMerge/>",
    };
    let jc = match cell.align {
        Align::Left => "left",
        Align::Centre => "center",
    };
    let size = format!(
        r#"<w:rPr><w:sz w:val="{0}"/><w:szCs w:val="{0}"/></w:rPr>"#,
        look.half_points
    );
    let content = if starts {
        run_with(&cell.text, &size)
    } else {
        String::new()
    };
    let keep = if look.keep_next { "<w:keepNext/>" } else { "" };
    format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid_span}{v_merge}<w:vAlign w:val="center"/></w:tcPr>{}</w:tc>"#,
        paragraph(
            "TableText",
            &format!(r#"{keep}<w:jc w:val="{jc}"/>"#),
            &content
        )
    )
}
