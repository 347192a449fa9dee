//! Reading one table of the template out of the lines of its section: rows are found by
//! their labels (after normalisation and known drift), values are placed by `place`, and
//! every cell that is not simply read is marked in the import report.

use super::header::{Header, base};
use super::lines::{Layout, Line, norm, same_label};
use super::notes::ImportReport;
use super::place::{How, RowEquation, Source, place, place_exact};
use super::values::{looks_like_yuan, looks_numeric, to_value};
use crate::model::{CellKind, CellValue, MarkKind, Report};
use crate::template::{CellIx, GridDef, Template};

/// A body row of the table: its grid and row index.
type RowAt = (usize, usize);

/// Figures not placed are listed one by one up to this many; a hostile file with more gets
/// one line with the count.
const MAX_LISTED: usize = 500;

/// A row's cells after its label, as the placing needs them.
enum Cells {
    /// A real table's row, merged cells known.
    Exact(Vec<Source>),
    /// Copied text or a row that lost cells: the texts by position, or a paragraph stream.
    Slots(Vec<String>, Layout),
}

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
    /// The header of the source table being read: where its columns are.
    header: Header,
    /// Figures not placed: listed one by one, then counted beyond `MAX_LISTED`.
    listed: usize,
    unlisted: usize,
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
        .map(|c| norm(base(&c.label)))
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
        header: Header::default(),
        listed: 0,
        unlisted: 0,
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
                    (None, None) => w.not_placed(text, "不在任何一行之后（原文的行标签缺失）"),
                }
            } else {
                w.flush(current.take());
            }
            continue;
        }
        w.flush(current.take());
        w.row_line(line);
    }
    w.flush(current.take());
    w.finish();
}

impl Walker<'_> {
    fn grids(&self) -> &[GridDef] {
        &self.template.def.tables[self.table].grids
    }

    /// A row of a table (real or copied): its label, the values after it, or a header row.
    fn row_line(&mut self, line: &Line) {
        self.header.enter(line.table);
        // The last cell that names a row is the row's label (its outer labels come before).
        let label = line
            .cells
            .iter()
            .enumerate()
            .rev()
            .find_map(|(k, c)| self.find_row(c).map(|row| (k, row)));
        let numeric = |c: &String| looks_numeric(c);
        let mut before_label = 0;
        let (row, from) = match label {
            Some((k, row)) => {
                for (p, text) in line.cells[..k].iter().enumerate() {
                    if looks_numeric(text) {
                        before_label += 1;
                        self.not_placed(
                            text,
                            &format!("在行标签「{}」之前（第{}格）", line.cells[k], p + 1),
                        );
                    }
                }
                (row, k + 1)
            }
            None if line.cells.iter().any(numeric) && self.split_group(line) => return,
            None if line.cells.iter().any(numeric) => match self.unlabelled_row() {
                Some(row) => (row, 0),
                None => {
                    for (p, text) in line.cells.iter().enumerate().filter(|(_, c)| numeric(c)) {
                        self.not_placed(
                            text,
                            &format!("所在的行没有可识别的行标签（第{}格）", p + 1),
                        );
                    }
                    return;
                }
            },
            None => {
                self.header.learn(line);
                return;
            }
        };
        let first_reading = !self.done.contains(&row);
        let cells = match line.layout {
            Layout::Exact => Cells::Exact(
                (from..line.cells.len())
                    .filter(|&p| line.spans[p] > 0)
                    .map(|p| Source {
                        text: line.cells[p].clone(),
                        at: p,
                        span: line.spans[p],
                    })
                    .collect(),
            ),
            layout => Cells::Slots(line.cells[from..].to_vec(), layout),
        };
        self.fill(row, cells);
        // Figures before the label went nowhere: the row's blank cells may be theirs.
        if before_label > 0 && first_reading {
            let why =
                format!("本行标签之前有 {before_label} 个数值未能放入，这一格在原文中可能有值");
            for cell in self.row_cells(row.0, row.1) {
                if self.report.cell(cell).is_blank() && self.report.review.mark_of(cell).is_none() {
                    self.report
                        .review
                        .mark(Some(cell), MarkKind::Missing, "", why.clone());
                }
            }
        }
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

    /// A source row labelled with what the template divides into several rows (the 2019
    /// format's single 「（六）其他处理」, three rows since 2021): said in plain words. Zero
    /// there is zero in each part (counts are never negative), filled and marked 已推算;
    /// other figures cannot be divided, so they stay listed and the rows are marked.
    fn split_group(&mut self, line: &Line) -> bool {
        let Some((k, group, rows)) = line.cells.iter().enumerate().find_map(|(k, c)| {
            let (group, rows) = self.find_group(c)?;
            Some((k, group, rows))
        }) else {
            return false;
        };
        let values: Vec<&String> = line.cells[k + 1..]
            .iter()
            .filter(|c| looks_numeric(c))
            .collect();
        let zero = |t: &str| {
            to_value(t, CellKind::Count, false)
                .0
                .num()
                .is_some_and(|n| n.is_zero())
        };
        let split = format!("原文“{group}”只有一行，本格式分为{}行", rows.len());
        self.done.extend(&rows);
        if !values.is_empty() && values.iter().all(|v| zero(v)) {
            let why = format!("{split}；原文该行全为0，各行也都是0");
            for &(g, r) in &rows {
                for cell in self.row_cells(g, r) {
                    let kind = self.template.cell(cell).kind;
                    self.put(cell, kind, Some("0"), &How::Inferred(why.clone()));
                }
            }
            return true;
        }
        for (p, text) in values.iter().enumerate() {
            self.not_placed(text, &format!("{split}，无法分到各行（第{}个数）", p + 1));
        }
        let why = format!("{split}：请按原文分别填写");
        for &(g, r) in &rows {
            for cell in self.row_cells(g, r) {
                self.report
                    .review
                    .mark(Some(cell), MarkKind::Missing, "", why.clone());
            }
        }
        true
    }

    /// The rows a label heads when the template divides it (its rows' common parent label),
    /// none of them read yet: the label as the template spells it, and the rows.
    fn find_group(&self, text: &str) -> Option<(String, Vec<RowAt>)> {
        let found = norm(text);
        self.grids().iter().enumerate().find_map(|(g, grid)| {
            let label = grid
                .rows
                .iter()
                .filter_map(parent)
                .find(|l| same_label(&found, &norm(l)))?;
            let rows: Vec<RowAt> = (0..grid.rows.len())
                .filter(|&r| parent(&grid.rows[r]) == Some(label))
                .map(|r| (g, r))
                .collect();
            (rows.len() > 1 && rows.iter().all(|at| !self.done.contains(at)))
                .then(|| (label.clone(), rows))
        })
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
            self.fill(row, Cells::Slots(values, Layout::Text));
        }
    }

    /// The row's label as the source named it, for messages.
    fn row_name(&self, (g, r): RowAt) -> String {
        let row = &self.grids()[g].rows[r];
        match row.labels.last() {
            Some(label) => format!("“{label}”一行"),
            None => "数据行".to_string(),
        }
    }

    fn fill(&mut self, (g, r): RowAt, input: Cells) {
        let name = self.row_name((g, r));
        if self.done.contains(&(g, r)) {
            let texts: Vec<String> = match input {
                Cells::Exact(cells) => cells.into_iter().map(|c| c.text).collect(),
                Cells::Slots(texts, _) => texts,
            };
            for (k, text) in texts.iter().enumerate().filter(|(_, t)| looks_numeric(t)) {
                self.not_placed(
                    text,
                    &format!("{name}重复出现，前面已读取过（第{}格）", k + 1),
                );
            }
            return;
        }
        self.done.push((g, r));
        let cells = self.row_cells(g, r);
        let kinds: Vec<CellKind> = cells.iter().map(|&c| self.template.cell(c).kind).collect();
        let equations = self.row_equations(&cells);
        let number = |t: &str| {
            to_value(t, CellKind::SignedCount, false)
                .0
                .num()
                .map(|n| n.scaled())
        };
        let placed = match &input {
            Cells::Exact(sources) => {
                let header = self.header.ranges(&self.grids()[g].columns);
                place_exact(sources, header.as_deref(), cells.len(), &equations, number)
            }
            Cells::Slots(slots, layout) => place(slots, *layout, cells.len(), &equations, number),
        };
        for (k, text) in &placed.unplaced {
            let position = match &input {
                Cells::Exact(sources) => sources[*k].at + 1,
                Cells::Slots(..) => k + 1,
            };
            self.not_placed(text, &format!("{name}第{position}格，无法确定属于哪一列"));
        }
        for (j, &cell) in cells.iter().enumerate() {
            self.put(cell, kinds[j], placed.values[j].as_deref(), &placed.how[j]);
        }
    }

    /// Writes one placed value and marks it when it was not simply read.
    fn put(&mut self, cell: CellIx, kind: CellKind, raw: Option<&str>, how: &How) {
        let (value, converted) = match raw {
            Some(raw) => to_value(raw, kind, self.in_yuan),
            None => (CellValue::Blank, None),
        };
        self.report.set(cell, value.clone());
        let original = raw.unwrap_or("");
        let review = &mut self.report.review;
        match how {
            How::Read if raw.is_some() => self.notes.read += 1,
            How::Read => {}
            How::Realigned(why) => {
                review.mark(Some(cell), MarkKind::Realigned, original, why.clone())
            }
            How::Inferred(why) => {
                review.mark(Some(cell), MarkKind::Inferred, original, why.clone())
            }
            How::Missing(why) => review.mark(Some(cell), MarkKind::Missing, original, why.clone()),
        }
        if let Some(why) = converted {
            review.mark(Some(cell), MarkKind::Unit, original, why);
        } else if kind == CellKind::Amount && !self.unit_stated && looks_like_yuan(&value) {
            let why = format!(
                "原文未注明单位，按万元读取为 {}；数额像是以元为单位，请核对",
                value.text(kind)
            );
            review.mark(Some(cell), MarkKind::Unit, original, why);
        }
    }

    /// A figure of the source that is in no cell: listed with its text and where it was.
    fn not_placed(&mut self, text: &str, where_: &str) {
        if self.listed >= MAX_LISTED {
            self.unlisted += 1;
            return;
        }
        self.listed += 1;
        let part = self.template.table_part(self.table);
        self.report.review.mark(
            None,
            MarkKind::NotPlaced,
            text,
            format!("{part}{where_}，没有放入表格"),
        );
    }

    fn row_cells(&self, g: usize, r: usize) -> Vec<CellIx> {
        let columns = self.template.def.tables[self.table].grids[g].columns.len();
        (0..columns)
            .filter_map(|c| self.template.cell_at(self.table, g, r, c))
            .collect()
    }

    /// The template's equations that lie wholly inside the row, over column positions.
    fn row_equations(&self, cells: &[CellIx]) -> Vec<RowEquation> {
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
        for (g, grid) in table.grids.iter().enumerate() {
            for r in 0..grid.rows.len() {
                if self.done.contains(&(g, r)) {
                    continue;
                }
                for cell in self.row_cells(g, r) {
                    self.report.review.mark(
                        Some(cell),
                        MarkKind::Missing,
                        "",
                        "原文中没有找到这一行".into(),
                    );
                }
            }
        }
        if self.unlisted > 0 {
            let part = self.template.table_part(self.table);
            self.report.review.mark(
                None,
                MarkKind::NotPlaced,
                "",
                format!(
                    "{part}另有 {} 个数字没有放入表格，未逐一列出",
                    self.unlisted
                ),
            );
        }
    }
}

/// The label a row shares with its neighbours, above its own: 「（六）其他处理」 of 「3.其他」.
fn parent(row: &crate::template::RowDef) -> Option<&String> {
    let n = row.labels.len();
    n.checked_sub(2).map(|i| &row.labels[i])
}
