//! Reading one table of the template out of the lines of its section: rows are found by
//! their labels (after normalisation and known drift), values are placed by `place`, and
//! every cell that is not simply read is marked in the import report.

use super::lines::{Layout, Line, norm, same_label};
use super::notes::{ImportReport, MarkKind};
use super::place::{How, RowEquation, place};
use super::values::{looks_like_yuan, looks_numeric, to_value};
use crate::model::{CellKind, CellValue, Report};
use crate::template::{GridDef, Template, cell_id};

/// A body row of the table: its grid and row index.
type RowAt = (usize, usize);

struct Walker<'a> {
    template: &'a Template,
    table: usize,
    report: &'a mut Report,
    notes: &'a mut ImportReport,
    /// Each grid's rows by their leaf label, normalised once (`None`: an unlabelled row).
    leaves: Vec<Vec<Option<String>>>,
    /// Rows already filled, so a repeated label does not overwrite the first reading.
    done: Vec<RowAt>,
    /// The amount columns' labels up to 「（单位…」, normalised: how their headers are found.
    amounts: Vec<String>,
    /// A unit stated in a column header: true when amounts are in 元, not 万元.
    in_yuan: bool,
    unit_stated: bool,
    orphans: Vec<String>,
}

pub fn read_table(
    template: &Template,
    table: usize,
    lines: &[Line],
    report: &mut Report,
    notes: &mut ImportReport,
) {
    let amounts = template.def.tables[table]
        .grids
        .iter()
        .flat_map(|g| &g.columns)
        .filter(|c| c.kind == CellKind::Amount)
        .map(|c| norm(c.label.split(['（', '(']).next().unwrap_or("")))
        .filter(|a| !a.is_empty())
        .collect();
    let leaves = template.def.tables[table]
        .grids
        .iter()
        .map(|g| {
            g.rows
                .iter()
                .map(|r| r.labels.last().map(|l| norm(l)))
                .collect()
        })
        .collect();
    let mut w = Walker {
        template,
        table,
        leaves,
        amounts,
        report,
        notes,
        done: Vec::new(),
        in_yuan: false,
        unit_stated: false,
        orphans: Vec::new(),
    };
    // A paragraph stream: the row whose label came last collects the values after it.
    let mut current: Option<(RowAt, Vec<String>)> = None;
    for line in lines {
        w.read_unit(line);
        if line.layout == Layout::Text {
            let text = &line.cells[0];
            if let Some(row) = w.find_row(text) {
                w.flush(current.take());
                current = Some((row, Vec::new()));
            } else if looks_numeric(text) {
                match (&mut current, w.unlabelled_row()) {
                    (Some((_, values)), _) => values.push(text.clone()),
                    (None, Some(row)) => current = Some((row, vec![text.clone()])),
                    (None, None) => w.orphans.push(text.clone()),
                }
            } else {
                w.flush(current.take());
            }
            continue;
        }
        w.flush(current.take());
        let label = line.cells.iter().rposition(|c| w.find_row(c).is_some());
        match label {
            Some(k) => {
                let row = w.find_row(&line.cells[k]).unwrap();
                w.fill(row, &line.cells[k + 1..], line.layout);
            }
            None if line.cells.iter().any(|c| looks_numeric(c)) => match w.unlabelled_row() {
                Some(row) => w.fill(row, &line.cells, line.layout),
                None => w
                    .orphans
                    .extend(line.cells.iter().filter(|c| looks_numeric(c)).cloned()),
            },
            None => {}
        }
    }
    w.flush(current.take());
    w.finish();
}

impl Walker<'_> {
    fn grids(&self) -> &[GridDef] {
        &self.template.def.tables[self.table].grids
    }

    /// The row a label names, by its last (leaf) label; a row already read is not matched
    /// again unless nothing else is.
    fn find_row(&self, text: &str) -> Option<RowAt> {
        let found = norm(text);
        let hits: Vec<RowAt> = self
            .leaves
            .iter()
            .enumerate()
            .flat_map(|(g, rows)| {
                let found = &found;
                rows.iter().enumerate().filter_map(move |(r, leaf)| {
                    same_label(found, leaf.as_deref()?).then_some((g, r))
                })
            })
            .collect();
        hits.iter()
            .find(|at| !self.done.contains(at))
            .or(hits.first())
            .copied()
    }

    /// The row of a grid that has no label (table 四's single row), not yet read.
    fn unlabelled_row(&self) -> Option<RowAt> {
        self.grids().iter().enumerate().find_map(|(g, grid)| {
            let r = grid.rows.iter().position(|r| r.labels.is_empty())?;
            (!self.done.contains(&(g, r))).then_some((g, r))
        })
    }

    fn read_unit(&mut self, line: &Line) {
        for cell in &line.cells {
            let n = norm(cell);
            if self.amounts.iter().any(|a| n.starts_with(a.as_str())) {
                self.unit_stated = n.contains("元");
                self.in_yuan = n.contains("元") && !n.contains("万元");
            }
        }
    }

    fn flush(&mut self, current: Option<(RowAt, Vec<String>)>) {
        if let Some((row, values)) = current {
            self.fill(row, &values, Layout::Text);
        }
    }

    fn fill(&mut self, (g, r): RowAt, slots: &[String], layout: Layout) {
        if self.done.contains(&(g, r)) {
            return;
        }
        self.done.push((g, r));
        let cells = self.row_cells(g, r);
        let kinds: Vec<CellKind> = cells.iter().map(|&c| self.template.cells[c].kind).collect();
        let equations = self.row_equations(&cells);
        let number = |t: &str| {
            to_value(t, CellKind::SignedCount, false)
                .0
                .num()
                .map(|n| n.scaled())
        };
        let placed = place(slots, layout, cells.len(), &equations, number);
        for ((&cell, kind), raw) in cells.iter().zip(kinds).zip(&placed.values) {
            let (value, converted) = match raw {
                Some(raw) => to_value(raw, kind, self.in_yuan),
                None => (CellValue::Blank, None),
            };
            self.report.set(cell, value.clone());
            match &placed.how {
                How::Read if raw.is_some() => self.notes.read += 1,
                How::Read => {}
                How::Realigned(why) => self.notes.mark(cell, MarkKind::Realigned, why),
                How::Inferred(why) => self.notes.mark(cell, MarkKind::Inferred, why),
                How::Missing(why) => self.notes.mark(cell, MarkKind::Missing, why),
            }
            if let Some(why) = converted {
                self.notes.mark(cell, MarkKind::Unit, why);
            } else if kind == CellKind::Amount && !self.unit_stated && looks_like_yuan(&value) {
                self.notes.mark(
                    cell,
                    MarkKind::Unit,
                    format!(
                        "原文未注明单位，按万元读取为 {}；数额像是以元为单位，请核对",
                        value.text(kind)
                    ),
                );
            }
        }
    }

    fn row_cells(&self, g: usize, r: usize) -> Vec<usize> {
        let table = &self.template.def.tables[self.table];
        let grid = &table.grids[g];
        grid.columns
            .iter()
            .filter_map(|c| {
                self.template
                    .cell_index(&cell_id(&table.id, &grid.rows[r].id, &c.id))
            })
            .collect()
    }

    /// The template's equations that lie wholly inside the row, over column positions.
    fn row_equations(&self, cells: &[usize]) -> Vec<RowEquation> {
        let pos = |t: &crate::template::Term| cells.iter().position(|&c| c == t.cell);
        self.template
            .equations
            .iter()
            .filter_map(|eq| {
                Some(RowEquation {
                    left: eq.left.iter().map(pos).collect::<Option<_>>()?,
                    right: eq.right.iter().map(pos).collect::<Option<_>>()?,
                })
            })
            .collect()
    }

    fn finish(&mut self) {
        let table = &self.template.def.tables[self.table];
        let part = self.template.table_part(self.table);
        for (g, grid) in table.grids.iter().enumerate() {
            for r in 0..grid.rows.len() {
                if self.done.contains(&(g, r)) {
                    continue;
                }
                for cell in self.row_cells(g, r) {
                    self.notes
                        .mark(cell, MarkKind::Missing, "原文中没有找到这一行");
                }
            }
        }
        if !self.orphans.is_empty() {
            self.notes.note(format!(
                "{part}：有 {} 个数字找不到所在的行（原文的行标签缺失），没有导入：{}",
                self.orphans.len(),
                shorten(&self.orphans.join(" "), 80)
            ));
        }
    }
}

fn shorten(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}
