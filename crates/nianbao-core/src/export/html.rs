//! The web page: a standalone UTF-8 document for the government site, and the same article
//! as a fragment for the clipboard. Styles are inline on each element (CMS editors drop
//! `<style>` blocks and classes but keep `style` attributes); nothing external, no scripts,
//! no positioning. Void elements are closed (`<col />`), so the page also reads as XML. Tables keep the template's merged cells as `colspan`/`rowspan`, headers
//! as `<th scope>`, and scroll sideways inside their wrapper on a narrow screen.

use std::fmt::Write;

use super::blocks::{Block, blocks, rows};
use crate::import::stated;
use crate::layout::{Align, CHAR_MM, CellRole, Grid, GridCell};
use crate::model::Report;

const BODY_FONT: &str = "'仿宋_GB2312','仿宋',FangSong,STFangsong,serif";
const HEI_FONT: &str = "'黑体',SimHei,'Heiti SC',sans-serif";
const KAI_FONT: &str = "'楷体_GB2312','楷体',KaiTi,STKaiti,serif";
const TITLE_FONT: &str =
    "'方正小标宋简体','方正小标宋_GBK','华文中宋',STZhongsong,'宋体',SimSun,serif";
const CELL: &str = "border:1px solid #000;padding:0.25em 0.35em;vertical-align:middle";

/// The whole page. Its head states every particular (`nianbao:<key>`), so nianbao reads
/// them back exactly; the fragment for the clipboard has none of them.
pub fn page(report: &Report) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\" />\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n\
         <meta name=\"generator\" content=\"nianbao\" />\n{}\
         <title>{}</title>\n<style>{PAGE_STYLE}</style>\n</head>\n<body style=\"margin:0;padding:1em 0.75em;background:#fff\">\n{}</body>\n</html>\n",
        particulars(report),
        esc(&report.title()),
        fragment(report)
    )
}

/// The standalone page's only style sheet, for what inline styles cannot say (a CMS that
/// drops it keeps a readable article): printed, A4 with the GB/T 9704 margins, tables at the
/// page's width with their rows whole and header repeated, a table the layout turns on a
/// landscape page of its own (`data-turned`); on a phone, text left-aligned, as justified
/// lines with a long address or number in them gape.
const PAGE_STYLE: &str = "\
@page{size:A4;margin:37mm 26mm 35mm 28mm}\
@page turned{size:A4 landscape;margin:28mm 37mm 26mm 35mm}\
@media print{body{padding:0!important}article{max-width:none!important;font-size:16pt!important}\
div[data-table]{overflow:visible!important}table{min-width:0!important;font-size:9pt!important}\
td,th{padding:0.2em 0.25em!important}\
tr{break-inside:avoid}thead{display:table-header-group}h2,h3{break-after:avoid}\
[data-turned]{page:turned}}\
@media (max-width:40em){article{text-align:left!important}}";

/// One `<meta name="nianbao:<key>" content="…" />` per particular, the year first.
fn particulars(report: &Report) -> String {
    stated::entries(&report.meta)
        .into_iter()
        .map(|(key, value)| {
            format!(
                "<meta name=\"{}{key}\" content=\"{}\" />\n",
                stated::PREFIX,
                attribute_value(&value)
            )
        })
        .collect()
}

/// An attribute value: escaped as text, and tabs and line breaks as character references
/// (a literal one would not survive an XML reading of the page).
fn attribute_value(text: &str) -> String {
    esc(text).replace('\t', "&#9;").replace('\n', "&#10;")
}

/// The article alone: what goes on the clipboard and into a CMS editor.
pub fn fragment(report: &Report) -> String {
    let mut out = format!(
        "<article lang=\"zh-CN\" style=\"max-width:46em;margin:0 auto;color:#000;font-family:{BODY_FONT};font-size:1.125em;line-height:1.8;text-align:justify;overflow-wrap:anywhere\">\n"
    );
    let all = blocks(report);
    // A heading goes to the landscape page of the table it heads.
    let turned_next: Vec<bool> = (0..all.len())
        .map(|i| matches!(all.get(i + 1), Some(Block::Table(g)) if g.landscape))
        .collect();
    for (block, turned_next) in all.into_iter().zip(turned_next) {
        match block {
            Block::Title(lines) => title(&mut out, &lines),
            Block::Heading(text) => {
                writeln!(
                    out,
                    "<h2{} style=\"margin:0.4em 0 0;font-size:1em;font-weight:normal;text-indent:2em;font-family:{HEI_FONT}\">{}</h2>",
                    if turned_next { " data-turned=\"1\"" } else { "" },
                    esc(text)
                )
            }
            .expect("writing to a String"),
            Block::Paragraph { text, sub: true } => writeln!(
                out,
                "<h3 style=\"margin:0;font-size:1em;font-weight:normal;text-indent:2em;font-family:{KAI_FONT}\">{}</h3>",
                esc(text)
            )
            .expect("writing to a String"),
            Block::Paragraph { text, sub: false } => writeln!(
                out,
                "<p style=\"margin:0;text-indent:2em\">{}</p>",
                esc(text)
            )
            .expect("writing to a String"),
            Block::Table(grid) => table(&mut out, &grid),
            Block::Closing {
                organ,
                date,
                organ_inset_mm,
                date_inset_mm,
            } => {
                let inset = |mm: f32| format!("{:.2}em", mm / CHAR_MM);
                writeln!(
                    out,
                    "<p style=\"margin:1.8em 0 0;text-align:right;padding-right:{}\">{}</p>\n<p style=\"margin:0;text-align:right;padding-right:{}\">{}</p>",
                    inset(organ_inset_mm),
                    esc(organ),
                    inset(date_inset_mm),
                    esc(date)
                )
                .expect("writing to a String")
            }
        }
    }
    out.push_str("</article>\n");
    out
}

/// The title centred, each of its lines kept whole (an inline block), so a narrow screen
/// breaks it only where the publication does.
fn title(out: &mut String, lines: &[String]) {
    let spans: Vec<String> = lines
        .iter()
        .map(|l| format!("<span style=\"display:inline-block\">{}</span>", esc(l)))
        .collect();
    writeln!(
        out,
        "<h1 style=\"margin:0 0 1em;text-align:center;font-size:1.6em;font-weight:normal;line-height:1.5;font-family:{TITLE_FONT}\">{}</h1>",
        spans.concat()
    )
    .expect("writing to a String");
}

/// One block of an official table in a wrapper that scrolls sideways when the screen is
/// narrower than the table can be.
fn table(out: &mut String, grid: &Grid) {
    let total: f32 = grid.widths_mm.iter().sum();
    let turned = if grid.landscape {
        " data-turned=\"1\""
    } else {
        ""
    };
    writeln!(
        out,
        "<div data-table=\"1\"{turned} style=\"overflow-x:auto;max-width:100%;margin:0.5em 0 1em\">"
    )
    .expect("writing to a String");
    write!(
        out,
        "<table border=\"1\" cellspacing=\"0\" style=\"border-collapse:collapse;width:100%;min-width:{:.0}em;font-size:0.8em;line-height:1.4;text-align:center\">\n<colgroup>",
        min_width_em(grid)
    )
    .expect("writing to a String");
    for w in &grid.widths_mm {
        write!(out, "<col style=\"width:{:.1}%\" />", 100.0 * w / total).expect("writing");
    }
    out.push_str("</colgroup>\n");
    for (r, row) in rows(grid).iter().enumerate() {
        if r == 0 {
            out.push_str("<thead>\n");
        }
        if r == grid.head_rows {
            out.push_str("</thead>\n<tbody>\n");
        }
        out.push_str("<tr>");
        for cell in row.iter().flatten() {
            cell_html(out, cell);
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

/// The narrowest a block may be, in the table's own em: each figure column its widest figure
/// unbroken (figures are about half an em) and its padding, each label column a few
/// characters a line (labels and header texts wrap). A desktop window of 1000 px holds every
/// table of the format whole; a phone scrolls sideways.
fn min_width_em(grid: &Grid) -> f32 {
    const PAD_EM: f32 = 0.9;
    let columns = grid.widths_mm.len();
    let labels = (0..columns)
        .take_while(|&c| {
            !grid
                .body
                .iter()
                .any(|cell| cell.role == CellRole::Figure && cell.c0 == c)
        })
        .count();
    (0..columns)
        .map(|c| {
            let widest = grid
                .body
                .iter()
                .filter(|cell| cell.role == CellRole::Figure && cell.c0 == c && cell.c1 == c + 1)
                .map(|cell| cell.text.chars().count())
                .max()
                .unwrap_or(0);
            let least = if c + 1 == labels { 4.0 } else { 2.0 };
            (widest as f32 * 0.55 + PAD_EM).max(least)
        })
        .sum()
}

fn cell_html(out: &mut String, cell: &GridCell) {
    let (cols, rows) = (cell.c1 - cell.c0, cell.r1 - cell.r0);
    let (tag, scope) = match cell.role {
        CellRole::Figure => ("td", None),
        _ if cell.text.is_empty() => ("td", None),
        CellRole::Caption => ("th", Some("colgroup")),
        CellRole::Header if cols > 1 => ("th", Some("colgroup")),
        CellRole::Header => ("th", Some("col")),
        CellRole::RowLabel if rows > 1 => ("th", Some("rowgroup")),
        CellRole::RowLabel => ("th", Some("row")),
    };
    write!(out, "<{tag}").expect("writing to a String");
    if cols > 1 {
        write!(out, " colspan=\"{cols}\"").expect("writing to a String");
    }
    if rows > 1 {
        write!(out, " rowspan=\"{rows}\"").expect("writing to a String");
    }
    if let Some(scope) = scope {
        write!(out, " scope=\"{scope}\"").expect("writing to a String");
    }
    let align = match cell.align {
        Align::Left => "left",
        Align::Centre => "center",
    };
    write!(
        out,
        " style=\"{CELL};text-align:{align};font-weight:normal\">{}</{tag}>",
        esc(&cell.text)
    )
    .expect("writing to a String");
}

pub use super::escape::esc;
