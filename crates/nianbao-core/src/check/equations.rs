//! T3-A, T3-B, T3-C, T4-A: the balancing equations the template declares, with the numbers in
//! the message and, where one changed cell restores balance without breaking another
//! equation, the value that cell should have.

use super::Finding;
use crate::model::{CellKind, CellValue, Num, Report, recompute_totals};
use crate::template::{CellIx, Equation, Template, Term};

/// Each cell's value for the equations (blank = 0), or `None` where it is not known: invalid
/// text (V-NUM reports it) and, with automatic totals, every total computed from such a cell.
fn values(t: &Template, cells: &[CellValue], auto_totals: bool) -> Vec<Option<Num>> {
    let mut values: Vec<Option<Num>> = cells.iter().map(CellValue::num).collect();
    if auto_totals {
        // Totals of totals: repeat until no unknown spreads further.
        for _ in 0..=t.equations.len() {
            let mut spread = false;
            for eq in t.equations.iter().filter(|e| e.total) {
                let total = eq.left[0].cell;
                if values[total.get()].is_some()
                    && eq
                        .right
                        .iter()
                        .any(|term| values[term.cell.get()].is_none())
                {
                    values[total.get()] = None;
                    spread = true;
                }
            }
            if !spread {
                break;
            }
        }
    }
    values
}

/// Left and right sums, or `None` when a term's value is not known.
fn sums(eq: &Equation, values: &[Option<Num>]) -> Option<(Num, Num)> {
    let side = |terms: &[Term]| {
        terms
            .iter()
            .map(|t| values[t.cell.get()])
            .sum::<Option<Num>>()
    };
    Some((side(&eq.left)?, side(&eq.right)?))
}

fn broken(eq: &Equation, values: &[Option<Num>]) -> bool {
    sums(eq, values).is_some_and(|(l, r)| l != r)
}

pub fn check(report: &Report, out: &mut Vec<Finding>) {
    let t = report.template;
    let cells = &values(t, report.cells(), report.auto_totals);
    let active: Vec<&Equation> = t.equations.iter().filter(|e| t.has_rule(e.rule)).collect();
    let now: Vec<Option<(Num, Num)>> = active.iter().map(|e| sums(e, cells)).collect();
    let broken_now: Vec<bool> = now.iter().map(|s| s.is_some_and(|(l, r)| l != r)).collect();
    if !broken_now.contains(&true) {
        return;
    }
    for (eq, sums) in active.iter().zip(&now) {
        let Some((left, right)) = *sums else { continue };
        if left == right {
            continue;
        }
        let mut finding = Finding::new(
            eq.rule,
            eq.left.iter().chain(&eq.right).map(|term| term.cell),
            message(eq, cells, left, right),
        );
        if let Some((cell, value)) = suggest(report, &active, eq, &broken_now) {
            finding = finding.fixed_by(cell, value.display(t.cell(cell).kind));
        }
        out.push(finding);
    }
}

/// 「自然人列：一＋二＝12＋3＝15，（七）＋四＝13＋1＝14，相差1」
fn message(eq: &Equation, values: &[Option<Num>], left: Num, right: Num) -> String {
    let side = |terms: &[Term], name: Option<&str>, sum: Num| {
        let value = |t: &Term| values[t.cell.get()].unwrap_or_default().to_string();
        match (terms, name) {
            ([one], _) => format!("{}＝{}", one.short, value(one)),
            (_, Some(name)) => format!("{name}＝{sum}"),
            _ => {
                let names: Vec<&str> = terms.iter().map(|t| t.short.as_str()).collect();
                let values: Vec<String> = terms.iter().map(value).collect();
                format!("{}＝{}＝{sum}", names.join("＋"), values.join("＋"))
            }
        }
    };
    format!(
        "{}：{}，{}，相差{}",
        eq.scope,
        side(&eq.left, None, left),
        side(&eq.right, eq.right_name.as_deref(), right),
        Num::from_scaled((left - right).scaled().abs())
    )
}

/// Tries each cell of the equation, in the order a reviewer would correct them (the total of a
/// total equation first, otherwise the last term: 结转下年度 in T3-A), and keeps the change
/// that balances this equation, breaks no equation that held, and leaves the fewest broken.
/// With automatic totals on, computed cells are not candidates and the totals follow the change.
fn suggest(
    report: &Report,
    active: &[&Equation],
    eq: &Equation,
    broken_now: &[bool],
) -> Option<(CellIx, Num)> {
    let t = report.template;
    let (left, right) = sums(eq, &values(t, report.cells(), report.auto_totals))?;
    let mut candidates: Vec<(&Term, Num)> = Vec::new();
    if eq.total {
        candidates.push((&eq.left[0], right - left));
    }
    candidates.extend(eq.right.iter().rev().map(|term| (term, left - right)));
    candidates.extend(
        eq.left
            .iter()
            .rev()
            .skip(usize::from(eq.total))
            .map(|term| (term, right - left)),
    );

    let mut best: Option<(usize, CellIx, Num)> = None;
    for (term, delta) in candidates {
        let cell = term.cell;
        if report.auto_totals && t.cell(cell).computed {
            continue;
        }
        let value = report.num(cell)? + delta;
        if !valid(t, cell, value) {
            continue;
        }
        let mut cells = report.cells().to_vec();
        cells[cell.get()] = CellValue::Number(value);
        if report.auto_totals {
            recompute_totals(t, &mut cells);
        }
        let cells = values(t, &cells, report.auto_totals);
        if broken(eq, &cells) {
            continue;
        }
        let after: Vec<bool> = active.iter().map(|e| broken(e, &cells)).collect();
        if after
            .iter()
            .zip(broken_now)
            .any(|(&now, &before)| now && !before)
        {
            continue;
        }
        let after = after.iter().filter(|&&b| b).count();
        if best.is_none_or(|(b, _, _)| after < b) {
            best = Some((after, cell, value));
        }
    }
    best.map(|(_, cell, value)| (cell, value))
}

fn valid(t: &Template, cell: CellIx, value: Num) -> bool {
    t.cell(cell).kind == CellKind::SignedCount || !value.is_negative()
}
