//! A table of the template as the official one is drawn: caption row, merged header cells,
//! merged row labels, ruled grid, text wrapped inside its cell, numbers centred, columns as
//! wide as their figures (`widths`). Rows are never split; a table breaks between groups of
//! rows, never leaving one row alone on either side; the continuation repeats the caption and
//! header, and a merged group label cut by the break stands in full on both sides.

use std::ops::Range;

use super::flow::Flow;
use super::fonts::Role;
use super::text::Style;
use super::*;
use crate::model::Report;
use crate::template::{GridDef, cell_id};

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
/// from its content (summing to the text width of its page, portrait or landscape), its type
/// size and cell padding, the head (caption and header rows, repeated on each page) and the
/// body, each a list of cells with their spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub widths_mm: Vec<f32>,
    pub head: Vec<GridCell>,
    pub head_rows: usize,
    pub body: Vec<GridCell>,
    pub body_rows: usize,
    pub size_pt: f32,
    pub pad_mm: f32,
    /// Set on a landscape page: too many figures too long for the portrait width.
    pub landscape: bool,
}

/// The blocks of table `table` (index into the template's tables) with the report's figures.
pub fn grids(report: &Report, table: usize) -> Vec<Grid> {
    let def = &report.template.def.tables[table];
    def.grids
        .iter()
        .map(|grid| {
            let (head, head_rows) = head_cells(grid);
            let body = body_cells(report, &def.id, grid);
            let (share, weights) = report.template.label_widths(grid);
            let fit = super::widths::fit(share, weights, grid.columns.len(), &body);
            Grid {
                widths_mm: fit.widths_mm,
                head,
                head_rows,
                body,
                body_rows: grid.rows.len(),
                size_pt: fit.size_pt,
                pad_mm: fit.pad_mm,
                landscape: fit.landscape,
            }
        })
        .collect()
}

type Cell = GridCell;

impl Grid {
    fn style(&self) -> Style {
        Style::new(Role::Body, self.size_pt)
    }

    fn line_mm(&self) -> f32 {
        self.style().em_mm() * 1.3
    }

    fn wrapped(&self, cell: &Cell) -> Vec<String> {
        let w: f32 = self.widths_mm[cell.c0..cell.c1].iter().sum::<f32>() - 2.0 * self.pad_mm;
        self.style().lines(&cell.text, w, w)
    }

    fn need_mm(&self, cell: &Cell) -> f32 {
        self.wrapped(cell).len().max(1) as f32 * self.line_mm() + 2.0 * self.pad_mm
    }

    /// Heights of rows `rows` of `cells` set together on one page: each fits its one-row
    /// cells, and a merged cell (clipped to these rows, its text repeated where a page break
    /// cuts it) gets its shortfall on its last row here.
    /// `need`: each cell's height (`need_mm`), measured once per block.
    fn heights(&self, cells: &[Cell], need: &[f32], rows: Range<usize>) -> Vec<f32> {
        let mut h = vec![self.line_mm() + 2.0 * self.pad_mm; rows.len()];
        let clip = |c: &Cell| (c.r0.max(rows.start), c.r1.min(rows.end));
        for (c, n) in cells.iter().zip(need) {
            if c.r1 - c.r0 == 1 && rows.contains(&c.r0) {
                h[c.r0 - rows.start] = h[c.r0 - rows.start].max(*n);
            }
        }
        let mut spanning: Vec<(&Cell, f32)> = cells
            .iter()
            .zip(need.iter().copied())
            .filter(|(c, _)| c.r1 - c.r0 > 1 && clip(c).0 < clip(c).1)
            .collect();
        spanning.sort_by_key(|(c, _)| clip(c).1 - clip(c).0);
        for (c, n) in spanning {
            let (r0, r1) = clip(c);
            let have: f32 = h[r0 - rows.start..r1 - rows.start].iter().sum();
            if have < n {
                h[r1 - 1 - rows.start] += n - have;
            }
        }
        h
    }

    fn needs(&self, cells: &[Cell]) -> Vec<f32> {
        cells.iter().map(|c| self.need_mm(c)).collect()
    }

    fn head_mm(&self) -> f32 {
        let need = self.needs(&self.head);
        self.heights(&self.head, &need, 0..self.head_rows)
            .iter()
            .sum()
    }

    fn body_mm(&self, need: &[f32], rows: Range<usize>) -> f32 {
        self.heights(&self.body, need, rows).iter().sum()
    }

    /// How bad a page break before body row `r` is: 0 where no merged label crosses it,
    /// 1 where only an outermost group label does (between groups: the label is repeated),
    /// 2 inside a group.
    fn break_cost(&self, r: usize) -> u8 {
        self.body
            .iter()
            .filter(|c| c.role == CellRole::RowLabel && c.r0 < r && r < c.r1)
            .map(|c| if c.c0 == 0 { 1 } else { 2 })
            .max()
            .unwrap_or(0)
    }

    /// Where the rows from `start` set on a page with `room_mm` below the head end: the last
    /// break that fits, between groups, with no row alone on either side of it. Inside a
    /// group only at the top of a page (`top`), and only if the group alone is too tall;
    /// `None`: nothing may go on this page.
    fn chunk_end(&self, need: &[f32], start: usize, room_mm: f32, top: bool) -> Option<usize> {
        let rows = self.body_rows;
        let allowed = |e: usize| e == rows || (e - start >= 2 && rows - e >= 2);
        let fits = |e: usize| self.body_mm(need, start..e) <= room_mm + 0.01;
        let best = |worst: u8| {
            (start + 1..=rows)
                .rev()
                .find(|&e| allowed(e) && (e == rows || self.break_cost(e) <= worst) && fits(e))
        };
        if let Some(e) = best(1) {
            return Some(e);
        }
        if !top {
            return None;
        }
        best(2).or_else(|| {
            (start + 2..=rows)
                .rev()
                .find(|&e| fits(e))
                .or(Some(start + 1))
        })
    }

    /// What must follow a heading on its page: the head and the rows up to the first break
    /// allowed (the whole block where it has none, as 表二's small blocks).
    pub fn lead_mm(&self) -> f32 {
        let rows = self.body_rows;
        let first = (2..rows)
            .find(|&e| rows - e >= 2 && self.break_cost(e) <= 1)
            .unwrap_or(rows);
        self.head_mm() + self.body_mm(&self.needs(&self.body), 0..first)
    }
}

/// The blocks of a table at the flow's position: each starts where its head and first rows
/// fit (a small block whole), breaks between groups, and repeats its head on each page.
pub fn table(flow: &mut Flow, grids: &[Grid]) {
    for grid in grids {
        flow.need(grid.lead_mm());
        let (head_mm, need) = (grid.head_mm(), grid.needs(&grid.body));
        let mut start = 0;
        while start < grid.body_rows {
            let top = flow.y_mm <= flow.frame.top + 0.01;
            let room = flow.frame.bottom() - flow.y_mm - head_mm;
            let Some(end) = grid.chunk_end(&need, start, room, top) else {
                flow.new_page();
                continue;
            };
            draw(flow, grid, &grid.head, 0..grid.head_rows);
            draw(flow, grid, &grid.body, start..end);
            start = end;
            if start < grid.body_rows {
                flow.new_page();
            }
        }
        flow.y_mm += 2.0;
    }
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

/// Draws rows `rows` of a block at the flow's position and moves below them.
fn draw(flow: &mut Flow, grid: &Grid, cells: &[Cell], rows: Range<usize>) {
    let heights = grid.heights(cells, &grid.needs(cells), rows.clone());
    let top = flow.y_mm;
    let left = flow.frame.left;
    let y_of = |r: usize| top + heights[..r - rows.start].iter().sum::<f32>();
    let x_of = |c: usize| left + grid.widths_mm[..c].iter().sum::<f32>();
    let (style, line, pad) = (grid.style(), grid.line_mm(), grid.pad_mm);
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
        // Heights were made for these rows: a merged label cut by a page break stands in
        // full on each side of it.
        let lines = grid.wrapped(cell);
        let text_h = lines.len() as f32 * line;
        let mut y = (b.y0 + b.y1 - text_h) / 2.0;
        for l in &lines {
            let w = style.width_mm(l);
            let x = match cell.align {
                Align::Left => b.x0 + pad,
                Align::Centre => (b.x0 + b.x1 - w) / 2.0,
            };
            let baseline = y + (line + 0.76 * style.em_mm()) / 2.0;
            page.runs.extend(style.runs(l, x, baseline, Some(b)));
            y += line;
        }
    }
    flow.y_mm = y_of(rows.end);
}
