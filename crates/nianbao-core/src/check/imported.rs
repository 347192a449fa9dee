//! Doubts left by importing a published report (`Report::review`): each one the clerk has not
//! cleared is a finding, so `nianbao check` shows them as the window does. An import that read
//! no figure at all is an error: its empty tables are not "0 errors".

use super::{Finding, RuleId};
use crate::file::escape::escaped;
use crate::model::{CellKind, MarkKind, Report};
use crate::template::CellIx;

/// Messages carry the source's text; a hostile file's must not make a huge line.
const MAX_QUOTE_CHARS: usize = 40;

pub fn check(report: &Report, out: &mut Vec<Finding>) {
    let t = report.template;
    for m in report.review.open() {
        let rule = match m.kind {
            MarkKind::Empty => RuleId::IMPEMPTY,
            _ => RuleId::IMPREVIEW,
        };
        let original = match m.original.as_str() {
            "" => String::new(),
            text => format!("原文「{}」，", escaped(text, MAX_QUOTE_CHARS)),
        };
        let message = match m.cell {
            Some(c) => format!(
                "导入待核对（{}）：{}：{original}{}",
                m.kind.name(),
                t.cell_label(c),
                m.reason
            ),
            None => format!("导入待核对（{}）：{original}{}", m.kind.name(), m.reason),
        };
        let mut finding = Finding::new(rule, m.cell, message);
        if m.kind == MarkKind::Unit
            && let Some(c) = m.cell
            && let Some(value) = in_wan_yuan(report, c)
        {
            finding = finding.fixed_by(c, value);
        }
        out.push(finding);
    }
}

/// An amount that reads as 元, converted: the one-click 「改为」 for a figure published in 元
/// without its unit.
fn in_wan_yuan(report: &Report, cell: CellIx) -> Option<String> {
    if report.kind(cell) != CellKind::Amount {
        return None;
    }
    let n = report.num(cell)?.as_if_yuan()?;
    Some(n.display(CellKind::Amount))
}
