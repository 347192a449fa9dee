//! Where a real table's columns are: its header rows, remembered per grid position (the
//! deepest header cell over each position wins), and each template column found by its label
//! in order. A value is then placed by the header it stands under, not by counting.

use std::ops::Range;

use super::lines::{Line, norm, same_label};
use crate::template::ColumnDef;

#[derive(Default)]
pub struct Header {
    /// The source table these header cells belong to.
    table: Option<usize>,
    /// Per grid position: the text of the header cell over it and a number naming that cell.
    over: Vec<(String, usize)>,
    cells: usize,
}

impl Header {
    /// Forgets what another source table said.
    pub fn enter(&mut self, table: Option<usize>) {
        if table != self.table {
            *self = Header {
                table,
                ..Header::default()
            };
        }
    }

    /// A row with no row label and no figure: its cells head the positions they span (a
    /// lower header row overrides the one above it).
    pub fn learn(&mut self, line: &Line) {
        if line.table.is_none() {
            return;
        }
        if self.over.len() < line.cells.len() {
            self.over
                .resize(line.cells.len(), (String::new(), usize::MAX));
        }
        for (p, text) in line.cells.iter().enumerate() {
            let span = line.spans[p];
            if span == 0 {
                continue;
            }
            self.cells += 1;
            for q in p..(p + span).min(self.over.len()) {
                self.over[q] = (text.clone(), self.cells);
            }
        }
    }

    /// The grid positions of `columns`, in order; `None` unless every column is named.
    pub fn ranges(&self, columns: &[ColumnDef]) -> Option<Vec<Range<usize>>> {
        let mut out = Vec::new();
        let mut p = 0;
        for col in columns {
            let start = (p..self.over.len()).find(|&q| names_column(&self.over[q].0, col))?;
            let id = self.over[start].1;
            let end = start
                + self.over[start..]
                    .iter()
                    .take_while(|(_, i)| *i == id)
                    .count();
            out.push(start..end);
            p = end;
        }
        Some(out)
    }
}

/// A label without its parenthesised part: 「采购总金额（单位：万元）」 → 「采购总金额」.
pub fn base(label: &str) -> &str {
    label.split(['（', '(']).next().unwrap_or("")
}

/// Whether a header cell's text names a template column (units in brackets may differ).
fn names_column(found: &str, col: &ColumnDef) -> bool {
    let (f, t) = (norm(found), norm(&col.label));
    same_label(&f, &t)
        || (!base(found).is_empty() && same_label(&norm(base(found)), &norm(base(&col.label))))
}
