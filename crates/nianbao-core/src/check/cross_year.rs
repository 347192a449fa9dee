//! X-CARRY, X-INFORCE, X-PREV: this year's figures against last year's report, as the
//! template's cross-year relations declare them. Last year's report may be on another
//! template version (2020 on gb2019 → 2021 on gb2021); relations whose cells it lacks are skipped.

use super::Finding;
use super::fix::{Balance, Origin};
use crate::model::{CellValue, Num, Report};
use crate::template::{CellIx, CrossYear, Term};

pub fn check(report: &Report, prev: &Report, balance: &Balance, out: &mut Vec<Finding>) {
    let t = report.template;
    for (i, x) in t.cross_year.iter().enumerate() {
        if !t.has_rule(x.rule) {
            continue;
        }
        let Some(expected) = expected(report, prev, x) else {
            continue;
        };
        let Some(actual) = report.num(x.target.cell) else {
            continue;
        };
        if actual == expected {
            continue;
        }
        let target = t.cell(x.target.cell);
        let cells = std::iter::once(&x.target)
            .chain(&x.plus)
            .chain(&x.minus)
            .map(|term| term.cell);
        let message = format!(
            "{}：本年“{}”＝{}，{}，相差{}",
            x.scope,
            x.target.label,
            shown(report, x.target.cell),
            expression(report, prev, x, expected),
            Num::from_scaled((actual - expected).scaled().abs()),
        );
        let finding = Finding::new(x.rule, cells, message);
        out.push(match balance.suggest(report, Origin::CrossYear(i)) {
            Some((cell, value)) => finding.fixed_by(cell, value.display(target.kind)),
            // Setting the figure last year's report gives would unbalance this year's table:
            // say the figure, and that the rest must be checked with it.
            None => Finding {
                message: format!(
                    "{}（应为{}，改后本年表格需一并核对）",
                    finding.message,
                    expected.display(target.kind)
                ),
                ..finding
            },
        });
    }
}

/// Last year's `prev` + this year's `plus` − `minus`; `None` when a cell is missing, invalid,
/// or last year's cells are all blank (nothing to compare against).
fn expected(report: &Report, prev: &Report, x: &CrossYear) -> Option<Num> {
    let last = last_year(prev, x)?;
    let this = |terms: &[Term]| {
        terms
            .iter()
            .map(|t| report.num(t.cell))
            .sum::<Option<Num>>()
    };
    Some(last + this(&x.plus)? - this(&x.minus)?)
}

/// Last year's side of a relation: the sum of its cells in last year's report; `None` when a
/// cell is missing, invalid, or all are blank.
pub fn last_year(prev: &Report, x: &CrossYear) -> Option<Num> {
    let prev_cells: Vec<&CellValue> = x
        .prev
        .iter()
        .map(|(id, _)| prev.cell_by_id(id))
        .collect::<Option<_>>()?;
    if prev_cells.iter().all(|c| c.is_blank()) {
        return None;
    }
    prev_cells.iter().map(|c| c.num()).sum::<Option<Num>>()
}

/// 「上年“现行有效件数”＋本年“本年制发件数”－本年“本年废止件数”＝8＋3－1＝10」
fn expression(report: &Report, prev: &Report, x: &CrossYear, expected: Num) -> String {
    let mut names = Vec::new();
    let mut values = Vec::new();
    for (id, label) in &x.prev {
        names.push(format!("上年报告“{label}”"));
        values.push(
            prev.cell_by_id(id)
                .and_then(CellValue::num)
                .unwrap_or_default()
                .to_string(),
        );
    }
    let mut push = |terms: &[Term], sign: &str| {
        for term in terms {
            names.push(format!("{sign}本年“{}”", term.label));
            values.push(format!(
                "{sign}{}",
                report.num(term.cell).unwrap_or_default()
            ));
        }
    };
    push(&x.plus, "＋");
    push(&x.minus, "－");
    let join = |v: &[String]| {
        v.iter()
            .enumerate()
            .map(|(i, s)| {
                if i == 0 || s.starts_with(['＋', '－']) {
                    s.clone()
                } else {
                    format!("＋{s}")
                }
            })
            .collect::<String>()
    };
    if names.len() == 1 {
        format!("{}＝{}", names[0], values[0])
    } else {
        format!("{}＝{}＝{}", join(&names), join(&values), expected)
    }
}

/// A cell's text for a message; blank is said, not left empty.
fn shown(report: &Report, cell: CellIx) -> String {
    match report.cell(cell) {
        CellValue::Blank => "空白".to_string(),
        _ => report.text(cell),
    }
}
