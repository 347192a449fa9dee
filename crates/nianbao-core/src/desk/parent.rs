//! H-SUM: a 汇总 report (a county's or city's, covering its organs) states, in tables 二–四,
//! the sum of the reports checked with it. Each cell that differs is one finding with the
//! difference and the sum as its fix.

use crate::check::{Rendered, RuleId, Suggestion};
use crate::model::{CellValue, Num, Report};
use crate::template::CellIx;

/// A cell as a figure of the sum: blank is 0, text that is not a number is none.
fn figure(v: &CellValue) -> Option<Num> {
    match v {
        CellValue::Blank => Some(Num::default()),
        v => v.num(),
    }
}

/// Every figure of a report, in template order: two reports with the same are the same
/// report as far as any sum or comparison can tell.
pub fn figures(report: &Report) -> (&'static str, Vec<Option<Num>>) {
    let t = report.template;
    (
        t.id(),
        t.cell_ixs().map(|i| figure(report.cell(i))).collect(),
    )
}

/// Organs whose figure a sum is made of, in reports' order: those not 0, the first
/// [`NAMED_PARTS`], so a reviewer sees which report to look at.
fn parts(children: &[&Report], id: &str, kind: crate::template::CellKind) -> String {
    let named: Vec<(String, Num)> = children
        .iter()
        .filter_map(|c| Some((c.meta.organ.clone(), c.cell_by_id(id).and_then(figure)?)))
        .filter(|(_, n)| *n != Num::default())
        .collect();
    if named.is_empty() {
        return "各报告均为0".into();
    }
    let mut text: Vec<String> = named
        .iter()
        .take(NAMED_PARTS)
        .map(|(organ, n)| format!("{organ}{}", n.display(kind)))
        .collect();
    if named.len() > NAMED_PARTS {
        text.push(format!("等{}份不为0", named.len()));
    }
    format!("其中{}", text.join("、"))
}

/// The 汇总 report made from `children` (the reports that count, of one year): every figure of
/// tables 二–四 their sum (blank counts as 0), the organ and year given, the text left to
/// write. Totals are kept as summed (not recomputed), so the sum is exact. A cell whose figure
/// is text in some report, or missing from its template, is left blank and returned, so the
/// edge can say which cells were not summed.
pub fn summed(children: &[&Report], organ: &str, year: i32) -> (Report, Vec<CellIx>) {
    let mut unsummed = Vec::new();
    let mut out = Report::new(year, organ);
    out.auto_totals = false;
    let t = out.template;
    for cell in t.cell_ixs() {
        let def = t.cell(cell);
        // The tables the template sums over the organs' reports (`summed` in its data).
        if !t.def.tables[def.table].summed {
            continue;
        }
        let sum = children
            .iter()
            .map(|c| c.cell_by_id(&def.id).and_then(figure))
            .sum::<Option<Num>>();
        match sum {
            Some(sum) => out.set_text(cell, &sum.display(def.kind)),
            None => unsummed.push(cell),
        }
    }
    (out, unsummed)
}

/// How many organs' figures an H-SUM message names.
const NAMED_PARTS: usize = 8;

/// Compares every figure of the parent's tables 二–四 with the sum over `children` (blank
/// counts as 0). A cell is skipped where a figure is not a number (V-NUM says so) or a child's
/// template lacks it.
pub fn sums(parent: &Report, children: &[&Report]) -> Vec<Rendered> {
    let t = parent.template;
    let mut out = Vec::new();
    for cell in t.cell_ixs() {
        let def = t.cell(cell);
        // The tables the template sums over the organs' reports (`summed` in its data).
        if !t.def.tables[def.table].summed {
            continue;
        }
        let value = |v: Option<&CellValue>| v.and_then(figure);
        let Some(stated) = value(Some(parent.cell(cell))) else {
            continue;
        };
        let Some(sum) = children
            .iter()
            .map(|c| value(c.cell_by_id(&def.id)))
            .sum::<Option<Num>>()
        else {
            continue;
        };
        if stated == sum {
            continue;
        }
        let difference = Num::from_scaled((stated - sum).scaled().abs());
        let message = format!(
            "汇总报告“{}”为{}，{}份报告之和为{}，相差{}（{}）",
            t.cell_label(cell),
            stated.display(def.kind),
            children.len(),
            sum.display(def.kind),
            difference.display(def.kind),
            parts(children, &def.id, def.kind),
        );
        out.push(Rendered {
            severity: RuleId::HSUM.severity(),
            rule: RuleId::HSUM,
            cells: vec![def.id.clone()],
            message,
            suggested: Some(Suggestion {
                cell: def.id.clone(),
                value: sum.display(def.kind),
            }),
            answered: None,
        });
    }
    out
}
