//! What every input format is reduced to before the report's structure is recognised: the
//! text in reading order, as paragraphs and tables. Tables keep their merged cells, and
//! `grid()` lays them out on a rectangular grid the way they are drawn.

use super::stated::Stated;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// Particulars the file states besides its text (nianbao's own exports).
    pub stated: Stated,
    /// Pieces of text a reader of the document does not see (hidden in the page or in Word),
    /// left out: not report content, but said.
    pub hidden: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    Table(Table),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
    /// Cells placed by where text sits rather than by the table's own structure (a PDF
    /// table drawn without rules): positions are not exact.
    pub loose: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub col_span: usize,
    pub row_span: usize,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            col_span: 1,
            row_span: 1,
        }
    }

    pub fn spanning(text: impl Into<String>, col_span: usize, row_span: usize) -> Cell {
        Cell {
            text: text.into(),
            col_span: col_span.max(1),
            row_span: row_span.max(1),
        }
    }
}

/// Spans beyond this are treated as 1 (a hostile `colspan="100000"` must not allocate).
pub const MAX_SPAN: usize = 64;
/// No report table is wider; a wider one is laid out without its spans.
const MAX_WIDTH: usize = 128;

/// One position of a laid-out table: which cell covers it (`row`, `index` in `Table::rows`),
/// and whether this position is that cell's own (top-left) one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub row: usize,
    pub index: usize,
    pub origin: bool,
}

impl Table {
    /// A table with its own structure (Word, web page, copied rows, ruled PDF table).
    pub fn new(rows: Vec<Vec<Cell>>) -> Table {
        Table { rows, loose: false }
    }

    /// The table on a grid: each row as wide as the widest, merged cells over the positions
    /// they cover (with `origin` false), HTML's placement rules. Bounded: when the spans would
    /// make the grid much larger than the table's cells (or wider than any report table),
    /// the spans are ignored, so a hostile file costs time and memory linear in its cells.
    pub fn grid(&self) -> Vec<Vec<Option<Slot>>> {
        let cells: usize = self.rows.iter().map(Vec::len).sum();
        let budget = 16 * cells + 1024;
        self.lay_out(true, budget)
            .unwrap_or_else(|| self.lay_out(false, usize::MAX).unwrap_or_default())
    }

    /// `None` when the spanned grid would exceed `budget` positions or `MAX_WIDTH` columns.
    fn lay_out(&self, spans: bool, budget: usize) -> Option<Vec<Vec<Option<Slot>>>> {
        let span = |n: usize| if spans { span(n) } else { 1 };
        let mut grid: Vec<Vec<Option<Slot>>> = Vec::with_capacity(self.rows.len());
        let mut used = 0usize;
        for (r, row) in self.rows.iter().enumerate() {
            if grid.len() <= r {
                grid.resize(r + 1, Vec::new());
            }
            let mut c = 0;
            for (index, cell) in row.iter().enumerate() {
                while grid[r].get(c).is_some_and(Option::is_some) {
                    c += 1;
                }
                let (cols, rows) = (
                    span(cell.col_span),
                    span(cell.row_span).min(self.rows.len() - r),
                );
                used += cols * rows;
                if spans && (used > budget || c + cols > MAX_WIDTH) {
                    return None;
                }
                for dr in 0..rows {
                    if grid.len() <= r + dr {
                        grid.resize(r + dr + 1, Vec::new());
                    }
                    let line = &mut grid[r + dr];
                    if line.len() < c + cols {
                        line.resize(c + cols, None);
                    }
                    for dc in 0..cols {
                        line[c + dc] = Some(Slot {
                            row: r,
                            index,
                            origin: dr == 0 && dc == 0,
                        });
                    }
                }
                c += cols;
            }
        }
        if spans {
            let width = grid.iter().map(Vec::len).max().unwrap_or(0);
            if width * grid.len() > budget {
                return None;
            }
            for line in &mut grid {
                line.resize(width, None);
            }
        }
        Some(grid)
    }

    /// The cell that covers a slot.
    pub fn cell(&self, slot: Slot) -> &Cell {
        &self.rows[slot.row][slot.index]
    }

    /// The grid as text: each position holds the text of the cell covering it ("" for none).
    pub fn texts(&self) -> Vec<Vec<String>> {
        self.grid()
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|s| s.map(|s| self.cell(s).text.clone()).unwrap_or_default())
                    .collect()
            })
            .collect()
    }
}

fn span(n: usize) -> usize {
    if (1..=MAX_SPAN).contains(&n) { n } else { 1 }
}

/// Text as the recogniser wants it: runs of white space (including full-width spaces and
/// non-breaking spaces) made one space, trimmed.
pub fn clean(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lays_out_merged_cells_like_html() {
        // The top of table 三: a corner over 2 rows, 申请人情况 over 3 columns, then
        // 自然人 over 2 rows beside 法人或其他组织 over 2 columns.
        let t = Table {
            rows: vec![
                vec![
                    Cell::spanning("角", 1, 3),
                    Cell::spanning("申请人情况", 3, 1),
                ],
                vec![
                    Cell::spanning("自然人", 1, 2),
                    Cell::spanning("法人或其他组织", 2, 1),
                ],
                vec![Cell::new("商业企业"), Cell::new("科研机构")],
            ],
            loose: false,
        };
        let text = |r: usize, c: usize| t.grid()[r][c].map(|s| (t.cell(s).text.clone(), s.origin));
        assert_eq!(text(2, 0), Some(("角".into(), false)));
        assert_eq!(text(0, 3), Some(("申请人情况".into(), false)));
        assert_eq!(text(2, 1), Some(("自然人".into(), false)));
        assert_eq!(text(2, 2), Some(("商业企业".into(), true)));
        assert_eq!(text(2, 3), Some(("科研机构".into(), true)));
        assert_eq!(t.grid().iter().map(Vec::len).collect::<Vec<_>>(), [4, 4, 4]);
    }

    #[test]
    fn hostile_spans_are_ignored() {
        let t = Table {
            rows: vec![vec![Cell::spanning("x", 1_000_000, 1_000_000)]],
            loose: false,
        };
        assert_eq!(t.texts(), [["x"]]);
        // Spans that would multiply a few cells into a huge grid are ignored.
        let t = Table {
            rows: (0..2000)
                .map(|_| vec![Cell::spanning("1", 64, 64)])
                .collect(),
            loose: false,
        };
        let grid = t.grid();
        assert_eq!((grid.len(), grid[0].len()), (2000, 1));
        assert_eq!(clean("\u{3000}\u{3000}0 \n"), "0");
        assert_eq!(clean("本年新\n制作数量"), "本年新 制作数量");
    }
}
