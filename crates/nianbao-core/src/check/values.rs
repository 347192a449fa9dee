//! V-NUM (text that is not a valid value) and V-BLANK (blank cells, grouped by table row).

use super::{Finding, RuleId};
use crate::model::Report;
use crate::model::{CellValue, parse_number};
use crate::template::CellIx;

pub fn invalid_values(report: &Report, out: &mut Vec<Finding>) {
    let t = report.template;
    for i in t.cell_ixs() {
        let CellValue::Invalid(raw) = report.cell(i) else {
            continue;
        };
        let cell = t.cell(i);
        let why = match parse_number(raw, cell.kind) {
            Err(e) => e.to_string(),
            Ok(_) => "不是有效的值".to_string(),
        };
        let message = format!(
            "{}“{}”：“{}”{}",
            t.table_part(cell.table),
            t.cell_label(i),
            raw,
            why
        );
        out.push(Finding::new(RuleId::VNUM, [i], message));
    }
}

pub fn blank_cells(report: &Report, out: &mut Vec<Finding>) {
    let t = report.template;
    let mut i = 0;
    while i < t.cells.len() {
        // Cells of one row are contiguous in template order.
        let row_end = (i..t.cells.len())
            .find(|&j| t.cells[j].row_key() != t.cells[i].row_key())
            .unwrap_or(t.cells.len());
        let blanks: Vec<CellIx> = (i..row_end)
            .map(CellIx::new)
            .filter(|&j| report.cell(j).is_blank())
            .collect();
        if !blanks.is_empty() {
            out.push(blank_finding(report, &blanks));
        }
        i = row_end;
    }
}

fn blank_finding(report: &Report, blanks: &[CellIx]) -> Finding {
    let t = report.template;
    let (_, row, _) = t.cell_parts(blanks[0]);
    let columns: Vec<&str> = blanks
        .iter()
        .map(|&c| t.cell_parts(c).2.short.as_str())
        .collect();
    let what = if columns.len() <= 3 {
        columns.join("、")
    } else {
        format!("{}个单元格", columns.len())
    };
    let row_name = row
        .labels
        .last()
        .map(|l| format!("“{l}”行"))
        .unwrap_or_default();
    let message = format!(
        "{}{}{}空白，公开的表格应填写0",
        t.table_part(t.cell(blanks[0]).table),
        row_name,
        what
    );
    let finding = Finding::new(RuleId::VBLANK, blanks.iter().copied(), message);
    match blanks {
        [only] => finding.fixed_by(*only, "0".into()),
        _ => finding,
    }
}
