//! What every input format is reduced to before the report's structure is recognised: the
//! text in reading order, as paragraphs and tables. Tables keep their merged cells, and
//! `grid()` lays them out on a rectangular grid the way they are drawn.

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    Table(Table),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
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
const MAX_SPAN: usize = 64;

/// One position of a laid-out table: the text of the cell that covers it, and whether this
/// position is that cell's own (top-left) one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub text: String,
    pub origin: bool,
}

impl Table {
    /// The table on a grid: each row as wide as the widest, merged cells repeated over the
    /// positions they cover (with `origin` false), HTML's placement rules.
    pub fn grid(&self) -> Vec<Vec<Option<Slot>>> {
        let mut grid: Vec<Vec<Option<Slot>>> = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            if grid.len() <= r {
                grid.resize(r + 1, Vec::new());
            }
            let mut c = 0;
            for cell in row {
                while grid[r].get(c).is_some_and(Option::is_some) {
                    c += 1;
                }
                let (cols, rows) = (
                    span(cell.col_span),
                    span(cell.row_span).min(self.rows.len() - r),
                );
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
                            text: cell.text.clone(),
                            origin: dr == 0 && dc == 0,
                        });
                    }
                }
                c += cols;
            }
        }
        let width = grid.iter().map(Vec::len).max().unwrap_or(0);
        for line in &mut grid {
            line.resize(width, None);
        }
        grid
    }
}

impl Table {
    /// The grid as text: each position holds the text of the cell covering it ("" for none).
    pub fn texts(&self) -> Vec<Vec<String>> {
        self.grid()
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|s| s.map(|s| s.text).unwrap_or_default())
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
        };
        let text = |r: usize, c: usize| t.grid()[r][c].as_ref().map(|s| (s.text.clone(), s.origin));
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
        };
        assert_eq!(
            t.grid(),
            vec![vec![Some(Slot {
                text: "x".into(),
                origin: true
            })]]
        );
        assert_eq!(clean("\u{3000}\u{3000}0 \n"), "0");
        assert_eq!(clean("本年新\n制作数量"), "本年新 制作数量");
    }
}
