//! A table of the template as the official one is drawn: caption row, merged header cells,
//! merged row labels, ruled grid, text wrapped inside its cell, numbers centred. Rows are
//! never split; a table that continues on the next page repeats its caption and header, and
//! a merged row label cut by the page break is drawn again on each side where it fits.

use super::flow::Flow;
use super::fonts::Role;
use super::text::Style;
use super::*;
use crate::model::Report;
use crate::template::{GridDef, Template, cell_id};

const PAD_MM: f32 = super::CELL_PAD_MM;
const RULE_PT: f32 = 0.6;

/// How a cell's text sits: labels and the caption left, headers and figures centred.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Centre,
}

/// What a cell of an official table is (for `<th scope>` and the like).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellRole {
    /// The row spanning the block above its header (「第二十条第（一）项」).
    Caption,
    /// A header cell, over columns.
    Header,
    /// A row label (merged down where the template's label paths share a prefix).
    RowLabel,
    /// A figure of the report.
    Figure,
}

/// A cell over rows `r0..r1` and columns `c0..c1` of its block (head or body).
#[derive(Debug, Clone, PartialEq)]
pub struct GridCell {
    pub r0: usize,
    pub r1: usize,
    pub c0: usize,
    pub c1: usize,
    pub text: String,
    pub align: Align,
    pub role: CellRole,
}

/// One ruled block of an official table as every publication draws it: column widths in mm
/// (summing to the text width), the head (caption and header rows, repeated on each page)
/// and the body, each a list of cells with their spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub widths_mm: Vec<f32>,
    pub head: Vec<GridCell>,
    pub head_rows: usize,
    pub body: Vec<GridCell>,
    pub body_rows: usize,
}

/// The blocks of table `table` (index into the template's tables) with the report's figures.
pub fn grids(report: &Report, table: usize) -> Vec<Grid> {
    let def = &report.template.def.tables[table];
    def.grids
        .iter()
        .map(|grid| {
            let (head, head_rows) = head_cells(grid);
            Grid {
                widths_mm: widths(report.template, grid),
                head,
                head_rows,
                body: body_cells(report, &def.id, grid),
                body_rows: grid.rows.len(),
            }
        })
        .collect()
}

type Cell = GridCell;

fn style() -> Style {
    Style::new(Role::Body, TABLE_PT)
}

fn line_mm() -> f32 {
    style().em_mm() * 1.3
}

pub fn table(flow: &mut Flow, report: &Report, table: usize) {
    for grid in grids(report, table) {
        let widths = &grid.widths_mm;
        let (head, head_rows, body) = (&grid.head, grid.head_rows, &grid.body);
        let head_h = heights(head, head_rows, widths);
        let body_h = heights(body, grid.body_rows, widths);
        let head_total: f32 = head_h.iter().sum();
        flow.need(head_total + body_h.first().copied().unwrap_or(0.0));
        let mut start = 0;
        while start < grid.body_rows {
            if start > 0 {
                flow.new_page();
            }
            draw(flow, head, 0..head_rows, &head_h, widths);
            let mut end = start;
            let mut used = 0.0;
            while end < grid.body_rows
                && (end == start || flow.y_mm + used + body_h[end] <= Flow::bottom_mm() + 0.01)
            {
                used += body_h[end];
                end += 1;
            }
            draw(flow, body, start..end, &body_h, widths);
            start = end;
        }
        flow.y_mm += 2.0;
    }
}

/// The height of a table's first caption, header and body row: what must follow its heading
/// on the same page.
pub fn lead_height(report: &Report, table: usize) -> f32 {
    let def = &report.template.def.tables[table];
    let Some(grid) = def.grids.first() else {
        return 0.0;
    };
    let widths = widths(report.template, grid);
    let (head, head_rows) = head_cells(grid);
    let body = body_cells(report, &def.id, grid);
    let head_h: f32 = heights(&head, head_rows, &widths).iter().sum();
    head_h
        + heights(&body, grid.rows.len(), &widths)
            .first()
            .copied()
            .unwrap_or(0.0)
}

/// Label columns take the template's share of the width, split by its weights; data columns
/// split the rest evenly.
fn widths(t: &Template, grid: &GridDef) -> Vec<f32> {
    let (share, weights) = t.label_widths(grid);
    let label_w = TEXT_W_MM * share;
    let sum: f32 = weights.iter().sum();
    let mut out: Vec<f32> = weights.iter().map(|w| label_w * w / sum).collect();
    let data = grid.columns.len().max(1) as f32;
    out.extend(grid.columns.iter().map(|_| (TEXT_W_MM - label_w) / data));
    out
}

fn head_cells(grid: &GridDef) -> (Vec<Cell>, usize) {
    let width = grid.label_columns + grid.columns.len();
    let mut cells = Vec::new();
    let offset = usize::from(grid.caption.is_some());
    if let Some(caption) = &grid.caption {
        cells.push(Cell {
            r0: 0,
            r1: 1,
            c0: 0,
            c1: width,
            text: caption.clone(),
            align: Align::Left,
            role: CellRole::Caption,
        });
    }
    for (r, c, h) in grid.header_cells() {
        cells.push(Cell {
            r0: offset + r,
            r1: offset + r + h.rows,
            c0: c,
            c1: (c + h.cols).min(width),
            text: h.text.clone(),
            align: Align::Centre,
            role: CellRole::Header,
        });
    }
    (cells, offset + grid.header.len())
}

fn body_cells(report: &Report, table_id: &str, grid: &GridDef) -> Vec<Cell> {
    let mut cells: Vec<Cell> = grid
        .label_cells()
        .into_iter()
        .map(|l| Cell {
            r0: l.row,
            r1: l.row + l.row_span,
            c0: l.level,
            c1: l.level + l.col_span,
            text: l.text,
            align: Align::Left,
            role: CellRole::RowLabel,
        })
        .collect();
    for (r, row) in grid.rows.iter().enumerate() {
        for (c, col) in grid.columns.iter().enumerate() {
            let text = report
                .text_by_id(&cell_id(table_id, &row.id, &col.id))
                .unwrap_or_default();
            let c = grid.label_columns + c;
            cells.push(Cell {
                r0: r,
                r1: r + 1,
                c0: c,
                c1: c + 1,
                text,
                align: Align::Centre,
                role: CellRole::Figure,
            });
        }
    }
    cells
}

fn wrapped(cell: &Cell, widths: &[f32]) -> Vec<String> {
    let w: f32 = widths[cell.c0..cell.c1].iter().sum::<f32>() - 2.0 * PAD_MM;
    style().lines(&cell.text, w, w)
}

/// Row heights that fit every cell's wrapped text; a merged cell's shortfall goes to its
/// last row.
fn heights(cells: &[Cell], rows: usize, widths: &[f32]) -> Vec<f32> {
    let need = |c: &Cell| wrapped(c, widths).len().max(1) as f32 * line_mm() + 2.0 * PAD_MM;
    let mut h = vec![line_mm() + 2.0 * PAD_MM; rows];
    for c in cells.iter().filter(|c| c.r1 - c.r0 == 1) {
        h[c.r0] = h[c.r0].max(need(c));
    }
    let mut spanning: Vec<&Cell> = cells.iter().filter(|c| c.r1 - c.r0 > 1).collect();
    spanning.sort_by_key(|c| c.r1 - c.r0);
    for c in spanning {
        let have: f32 = h[c.r0..c.r1].iter().sum();
        if have < need(c) {
            h[c.r1 - 1] += need(c) - have;
        }
    }
    h
}

/// Draws rows `rows` of a block at the flow's position and moves below them.
fn draw(
    flow: &mut Flow,
    cells: &[Cell],
    rows: std::ops::Range<usize>,
    heights: &[f32],
    widths: &[f32],
) {
    let top = flow.y_mm;
    let y_of = |r: usize| top + heights[rows.start..r].iter().sum::<f32>();
    let x_of = |c: usize| LEFT_MM + widths[..c].iter().sum::<f32>();
    let line = line_mm();
    // Reading order: row by row, left to right (text extracts as the table reads).
    let mut order: Vec<&Cell> = cells.iter().collect();
    order.sort_by_key(|c| (c.r0.max(rows.start), c.c0));
    for cell in order {
        let (r0, r1) = (cell.r0.max(rows.start), cell.r1.min(rows.end));
        if r0 >= r1 {
            continue;
        }
        let b = BoxMm {
            x0: x_of(cell.c0),
            y0: y_of(r0),
            x1: x_of(cell.c1),
            y1: y_of(r1),
        };
        let page = flow.page();
        for (x0, y0, x1, y1) in [
            (b.x0, b.y0, b.x1, b.y0),
            (b.x0, b.y1, b.x1, b.y1),
            (b.x0, b.y0, b.x0, b.y1),
            (b.x1, b.y0, b.x1, b.y1),
        ] {
            page.rules.push(Rule {
                x0,
                y0,
                x1,
                y1,
                width_pt: RULE_PT,
            });
        }
        let mut lines = wrapped(cell, widths);
        let room = ((b.y1 - b.y0 - 2.0 * PAD_MM) / line + 0.01)
            .floor()
            .max(0.0) as usize;
        if lines.len() > room {
            // Only a merged label cut by a page break can be short of room: its text stands
            // in full on the other side of the break.
            lines.clear();
        }
        let text_h = lines.len() as f32 * line;
        let mut y = (b.y0 + b.y1 - text_h) / 2.0;
        for l in &lines {
            let w = style().width_mm(l);
            let x = match cell.align {
                Align::Left => b.x0 + PAD_MM,
                Align::Centre => (b.x0 + b.x1 - w) / 2.0,
            };
            let baseline = y + (line + 0.76 * style().em_mm()) / 2.0;
            page.runs.extend(style().runs(l, x, baseline, Some(b)));
            y += line;
        }
    }
    flow.y_mm = y_of(rows.end);
}
