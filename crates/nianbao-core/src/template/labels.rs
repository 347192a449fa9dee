//! The merged row-label cells of a grid, derived from each row's label path: consecutive rows
//! that share a label prefix share one spanning cell, and a row with a shorter path stretches
//! its last label across the remaining label columns (as the official tables are drawn).

use super::{GridDef, HeaderCell};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelCell {
    pub row: usize,
    /// Label column the cell starts in (0 = outermost).
    pub level: usize,
    pub text: String,
    pub row_span: usize,
    pub col_span: usize,
}

impl GridDef {
    pub fn label_cells(&self) -> Vec<LabelCell> {
        let mut out = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            let depth = row.labels.len();
            for level in 0..depth {
                let prefix = &row.labels[..=level];
                let continues = r > 0
                    && self.rows[r - 1].labels.get(..=level) == Some(prefix)
                    && level + 1 < depth;
                if continues {
                    continue;
                }
                let row_span = if level + 1 < depth {
                    1 + self.rows[r + 1..]
                        .iter()
                        .take_while(|next| {
                            next.labels.get(..=level) == Some(prefix)
                                && next.labels.len() > level + 1
                        })
                        .count()
                } else {
                    1
                };
                let col_span = if level + 1 == depth {
                    self.label_columns.saturating_sub(level).max(1)
                } else {
                    1
                };
                out.push(LabelCell {
                    row: r,
                    level,
                    text: row.labels[level].clone(),
                    row_span,
                    col_span,
                });
            }
        }
        out
    }
}

impl GridDef {
    /// Header cells with the row they are in and the column they start at, placed as an HTML
    /// table places them (a cell skips columns taken by cells spanning down from above).
    pub fn header_cells(&self) -> Vec<(usize, usize, &HeaderCell)> {
        let width = self.label_columns + self.columns.len();
        let mut taken = vec![vec![false; width]; self.header.len()];
        let mut out = Vec::new();
        for (r, row) in self.header.iter().enumerate() {
            let mut c = 0;
            for cell in row {
                while c < width && taken[r][c] {
                    c += 1;
                }
                let spanned = c.min(width)..(c + cell.cols).min(width);
                for below in taken.iter_mut().skip(r).take(cell.rows) {
                    below[spanned.clone()].fill(true);
                }
                out.push((r, c, cell));
                c += cell.cols;
            }
        }
        out
    }

    /// For each data column, the header texts above it, outermost first. The last entry is
    /// the column's own header label.
    pub fn column_paths(&self) -> Vec<Vec<String>> {
        let width = self.label_columns + self.columns.len();
        let mut paths = vec![Vec::new(); self.columns.len()];
        for (_, c, cell) in self.header_cells() {
            for col in c.max(self.label_columns)..(c + cell.cols).min(width) {
                paths[col - self.label_columns].push(cell.text.clone());
            }
        }
        paths
    }

    /// A column's name for messages: its header path without headings that span every data
    /// column (「申请人情况」), e.g. 「法人或其他组织·商业企业」, 「行政复议·总计」.
    pub fn column_name(&self, col: usize) -> String {
        let spanning: Vec<&str> = self
            .header
            .iter()
            .flatten()
            .filter(|h| h.cols >= self.columns.len() && self.columns.len() > 1)
            .map(|h| h.text.as_str())
            .collect();
        let path = self.column_paths().swap_remove(col);
        let kept: Vec<String> = path
            .into_iter()
            .filter(|p| !spanning.contains(&p.as_str()))
            .collect();
        if kept.is_empty() {
            self.columns[col].label.clone()
        } else {
            kept.join("·")
        }
    }
}
