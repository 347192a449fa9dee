//! Doubts left by importing a published report (`Report::review`): each one the clerk has not
//! cleared is a finding, so `nianbao check` shows them as the window does. An import that read
//! no figure at all is an error: its empty tables are not "0 errors".

use super::{Finding, RuleId};
use crate::model::{MarkKind, Report};

/// Messages carry the source's text; a hostile file's must not make a huge line.
const MAX_QUOTE_CHARS: usize = 40;

pub fn check(report: &Report, out: &mut Vec<Finding>) {
    let t = report.template;
    for m in report.review.open() {
        let rule = match m.kind {
            MarkKind::Empty => RuleId::IMPEMPTY,
            _ => RuleId::IMPREVIEW,
        };
        let cells = m
            .cell
            .map(|c| vec![t.cells[c].id.clone()])
            .unwrap_or_default();
        let original = match m.original.as_str() {
            "" => String::new(),
            text => format!("原文「{}」，", quote(text)),
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
        out.push(Finding::new(rule, cells, message));
    }
}

fn quote(text: &str) -> String {
    match text.char_indices().nth(MAX_QUOTE_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}
