//! Which one change a reviewer would suggest. Every balancing equation of the template and,
//! with last year's report, every cross-year relation is a linear constraint over this year's
//! cells (Σ ±cell = constant). A cell is offered as the fix of a broken equation only where
//! broken checks cross at it (a row and a column), when changing it balances that equation and
//! every other constraint the change touches, and breaks none that held; when no cell or more
//! than one would do, none is offered (the message asks to re-check the row or column). A
//! cross-year relation is fixed at its target, under the same conditions. Figures fixed by last year's report (the targets of
//! cross-year relations, such as 二、上年结转) are never offered to balance this year's
//! equations.

use crate::model::{CellKind, CellValue, Num, Report, recompute_totals};
use crate::template::{CellIx, Template};

/// Where a constraint comes from: an equation or a cross-year relation, by template index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Equation(usize),
    CrossYear(usize),
}

struct Constraint {
    origin: Origin,
    /// Cells with their sign (+1 or −1).
    terms: Vec<(CellIx, i64)>,
    constant: Num,
}

/// The constraints one report must satisfy.
pub struct Balance {
    constraints: Vec<Constraint>,
    /// Cells last year's report fixes.
    fixed: Vec<CellIx>,
}

impl Balance {
    pub fn new(report: &Report, prev: Option<&Report>) -> Balance {
        let t = report.template;
        let mut constraints: Vec<Constraint> = t
            .equations
            .iter()
            .enumerate()
            .filter(|(_, e)| t.has_rule(e.rule))
            .map(|(i, e)| Constraint {
                origin: Origin::Equation(i),
                terms: e
                    .left
                    .iter()
                    .map(|term| (term.cell, 1))
                    .chain(e.right.iter().map(|term| (term.cell, -1)))
                    .collect(),
                constant: Num::default(),
            })
            .collect();
        for (i, x) in t.cross_year.iter().enumerate() {
            let Some(last) = prev.and_then(|p| super::cross_year::last_year(p, x)) else {
                continue;
            };
            if !t.has_rule(x.rule) {
                continue;
            }
            let terms = std::iter::once((x.target.cell, 1))
                .chain(x.plus.iter().map(|term| (term.cell, -1)))
                .chain(x.minus.iter().map(|term| (term.cell, 1)))
                .collect();
            constraints.push(Constraint {
                origin: Origin::CrossYear(i),
                terms,
                constant: last,
            });
        }
        let fixed = t.cross_year.iter().map(|x| x.target.cell).collect();
        Balance { constraints, fixed }
    }

    /// Σ ±cell − constant for each constraint; `None` where a value is unknown.
    fn residuals(&self, values: &[Option<Num>]) -> Vec<Option<Num>> {
        self.constraints
            .iter()
            .map(|c| {
                let mut sum = Num::default();
                for &(cell, sign) in &c.terms {
                    let v = values[cell.get()]?;
                    sum = if sign > 0 { sum + v } else { sum - v };
                }
                Some(sum - c.constant)
            })
            .collect()
    }

    /// The residuals after one cell takes a value (totals follow when automatic).
    fn residuals_with(&self, report: &Report, cell: CellIx, value: Num) -> Vec<Option<Num>> {
        let mut cells = report.cells().to_vec();
        cells[cell.get()] = CellValue::Number(value);
        if report.auto_totals {
            recompute_totals(report.template, &mut cells);
        }
        self.residuals(&values(report.template, &cells, report.auto_totals))
    }

    /// Whether applying a fix breaks no constraint that holds now.
    pub fn keeps(&self, report: &Report, fix: &super::Fix) -> bool {
        let t = report.template;
        let Some(value) = CellValue::parse(&fix.value, t.cell(fix.cell).kind).num() else {
            return false;
        };
        let cell = fix.cell;
        let before = self.residuals(&values(t, report.cells(), report.auto_totals));
        let after = self.residuals_with(report, cell, value);
        before
            .iter()
            .zip(&after)
            .all(|(b, a)| !(b.is_some_and(|b| b.is_zero()) && a.is_none_or(|a| !a.is_zero())))
    }

    /// The fix a reviewer would offer for the constraint from `origin`: the one cell, with its
    /// value, that balances everything it touches; `None` when no cell or more than one would.
    pub fn suggest(&self, report: &Report, origin: Origin) -> Option<(CellIx, Num)> {
        let t = report.template;
        let k = self.constraints.iter().position(|c| c.origin == origin)?;
        let before = self.residuals(&values(t, report.cells(), report.auto_totals));
        let residual = before[k].filter(|r| !r.is_zero())?;
        let constraint = &self.constraints[k];
        // How many broken constraints a cell is in: one broken sum alone does not say which of
        // its terms is wrong; a row and a column broken across one cell do.
        let broken_with = |cell: &CellIx| {
            self.constraints
                .iter()
                .zip(&before)
                .filter(|(c, r)| {
                    r.is_some_and(|r| !r.is_zero()) && c.terms.iter().any(|(x, _)| x == cell)
                })
                .count()
        };
        let forgotten = self.forgotten_total(report, origin, &before);
        let candidates = constraint.terms.iter().filter(|(cell, _)| match origin {
            // A cross-year relation is fixed at its target, the figure last year's report sets.
            Origin::CrossYear(_) => {
                *cell == constraint.terms[0].0 && t.is_typed(*cell, report.auto_totals)
            }
            Origin::Equation(_) => {
                t.is_typed(*cell, report.auto_totals)
                    && !self.fixed.contains(cell)
                    && (broken_with(cell) >= 2 || forgotten == Some(*cell))
            }
        });
        let mut found: Vec<(CellIx, Num)> = Vec::new();
        for &(cell, sign) in candidates {
            let Some(now) = report.num(cell) else {
                continue;
            };
            let value = if sign > 0 {
                now - residual
            } else {
                now + residual
            };
            if !valid(t, cell, value) || found.iter().any(|(c, _)| *c == cell) {
                continue;
            }
            let after = self.residuals_with(report, cell, value);
            // Every constraint the change touches balances after it (so none that held breaks).
            let good = before
                .iter()
                .zip(&after)
                .all(|(b, a)| a == b || a.is_some_and(|a| a.is_zero()));
            if good {
                found.push((cell, value));
            }
        }
        match found[..] {
            [(cell, value)] => Some((cell, value)),
            _ => None,
        }
    }
}

impl Balance {
    /// A typed total left 0 or blank while its parts are not: the total was forgotten, so it
    /// is the one to change (the parts were typed one by one, the total not at all).
    fn forgotten_total(
        &self,
        report: &Report,
        origin: Origin,
        residuals: &[Option<Num>],
    ) -> Option<CellIx> {
        let total = self.typed_total(report, origin)?;
        let k = self.constraints.iter().position(|c| c.origin == origin)?;
        let zero = report.cell(total).num().is_none_or(|n| n.is_zero());
        (zero && residuals[k].is_some_and(|r| !r.is_zero())).then_some(total)
    }

    /// The total of a total equation, when the clerk types it (自动计算合计 off).
    fn typed_total(&self, report: &Report, origin: Origin) -> Option<CellIx> {
        let t = report.template;
        let Origin::Equation(i) = origin else {
            return None;
        };
        let eq = &t.equations[i];
        let total = eq.left[0].cell;
        (eq.total && t.is_typed(total, report.auto_totals) && !self.fixed.contains(&total))
            .then_some(total)
    }

    /// Where to look first when no fix is offered: the typed cell of the constraint that the
    /// most broken checks share (two or more), if one stands out.
    pub fn suspect(&self, report: &Report, origin: Origin) -> Option<CellIx> {
        let t = report.template;
        let k = self.constraints.iter().position(|c| c.origin == origin)?;
        let residuals = self.residuals(&values(t, report.cells(), report.auto_totals));
        let broken: Vec<&Constraint> = self
            .constraints
            .iter()
            .zip(&residuals)
            .filter(|(_, r)| r.is_some_and(|r| !r.is_zero()))
            .map(|(c, _)| c)
            .collect();
        let mut counts: Vec<(usize, CellIx)> = self.constraints[k]
            .terms
            .iter()
            .map(|&(cell, _)| cell)
            .filter(|&cell| t.is_typed(cell, report.auto_totals) && !self.fixed.contains(&cell))
            .map(|cell| {
                let n = broken
                    .iter()
                    .filter(|c| c.terms.iter().any(|(x, _)| *x == cell))
                    .count();
                (n, cell)
            })
            .collect();
        counts.sort_by_key(|c| std::cmp::Reverse(c.0));
        match counts[..] {
            [(n, cell), ..] if n >= 2 && counts.get(1).is_none_or(|(m, _)| *m < n) => Some(cell),
            // A typed total that disagrees with its parts while every other check of those
            // cells holds: the total is the likelier slip.
            _ if counts.iter().all(|(n, _)| *n == 1) => self.typed_total(report, origin),
            _ => None,
        }
    }
}

fn valid(t: &Template, cell: CellIx, value: Num) -> bool {
    t.cell(cell).kind == CellKind::SignedCount || !value.is_negative()
}

/// Each cell's value for the equations (blank = 0), or `None` where it is not known: invalid
/// text (V-NUM reports it) and, with automatic totals, every total computed from such a cell.
pub fn values(t: &Template, cells: &[CellValue], auto_totals: bool) -> Vec<Option<Num>> {
    let mut values: Vec<Option<Num>> = cells.iter().map(CellValue::num).collect();
    if auto_totals {
        // Totals of totals: repeat until no unknown spreads further.
        for _ in 0..=t.equations.len() {
            let mut spread = false;
            for eq in t.equations.iter().filter(|e| e.total) {
                let total = eq.left[0].cell.get();
                if values[total].is_some()
                    && eq
                        .right
                        .iter()
                        .any(|term| values[term.cell.get()].is_none())
                {
                    values[total] = None;
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
