//! The merged row-label cells of a grid, derived from each row's label path: consecutive rows
//! that share a label prefix share one spanning cell, and a row with a shorter path stretches
//! its last label across the remaining label columns (as the official tables are drawn).

use super::GridDef;

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
                let continues = r > 0 && self.rows[r - 1].labels.get(..=level) == Some(prefix) && level + 1 < depth;
                if continues {
                    continue;
                }
                let row_span = if level + 1 < depth {
                    1 + self.rows[r + 1..]
                        .iter()
                        .take_while(|next| next.labels.get(..=level) == Some(prefix) && next.labels.len() > level + 1)
                        .count()
                } else {
                    1
                };
                let col_span = if level + 1 == depth { self.label_columns.saturating_sub(level).max(1) } else { 1 };
                out.push(LabelCell { row: r, level, text: row.labels[level].clone(), row_span, col_span });
            }
        }
        out
    }
}
