//! T3-A, T3-B, T3-C, T4-A: the balancing equations the template declares, with the numbers in
//! the message and, where exactly one changed cell restores balance everywhere it counts
//! (`fix.rs`), the value that cell should have.

use super::Finding;
use super::fix::{Balance, Origin, values};
use crate::model::{Num, Report};
use crate::template::{Equation, Term};

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

pub fn check(report: &Report, balance: &Balance, out: &mut Vec<Finding>) {
    let t = report.template;
    let cells = &values(t, report.cells(), report.auto_totals);
    let begun = begun_tables(report);
    for (i, eq) in t.equations.iter().enumerate() {
        if !t.has_rule(eq.rule) || !begun[t.cell(eq.left[0].cell).table] {
            continue;
        }
        let Some((left, right)) = sums(eq, cells) else {
            continue;
        };
        if left == right {
            continue;
        }
        let mut finding = Finding::new(
            eq.rule,
            eq.left.iter().chain(&eq.right).map(|term| term.cell),
            message(eq, cells, left, right),
        );
        match balance.suggest(report, Origin::Equation(i)) {
            Some((cell, value)) => {
                finding = finding.fixed_by(cell, value.display(t.cell(cell).kind));
            }
            // Which term is wrong is not known: the reviewer re-checks the row or column.
            None => {
                finding
                    .message
                    .push_str(&format!("，请逐项核对{}", eq.scope));
                finding.suspect = balance.suspect(report, Origin::Equation(i));
            }
        }
        out.push(finding);
    }
}

/// For each table, whether the clerk has entered any of this year's figures: a cell typed
/// (not computed), other than the figures last year's report brings (二、上年结转), holds
/// something. A report just made from last year's has only those, and its equations are not
/// called broken before anything of this year is in the table (V-BLANK says what is missing).
fn begun_tables(report: &Report) -> Vec<bool> {
    let t = report.template;
    let carried: Vec<_> = t.cross_year.iter().map(|x| x.target.cell).collect();
    let mut begun = vec![false; t.def.tables.len()];
    for c in t.cell_ixs() {
        if t.is_typed(c, report.auto_totals) && !carried.contains(&c) && !report.cell(c).is_blank()
        {
            begun[t.cell(c).table] = true;
        }
    }
    begun
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
