//! TXT-REPEAT (a narrative section largely repeats last year's), X-JUMP (a headline figure
//! grew more than fivefold or fell below a fifth) and X-SAME (every figure of the tables is
//! last year's): this year's report against last year's.

use std::collections::HashSet;

use super::{Finding, RuleId};
use crate::model::{Num, Report};
use crate::template::{CellIx, Place};

/// Sentences shorter than this (in letters and digits) are headings or stock phrases
/// (「（一）主动公开」「无。」) that every year may share.
const MIN_SENTENCE_CHARS: usize = 12;
/// A section of fewer counted sentences says too little to call it a copy.
const MIN_SENTENCES: usize = 3;
/// Both years' figures must reach this before a jump means anything.
const MIN_JUMP_FIGURE: i64 = 10;
const JUMP_FACTOR: i64 = 5;
/// Tables whose figures are all last year's are a copy only when enough of them are not 0: an
/// idle township's tables are zeros every year.
const MIN_SAME_FIGURES: usize = 5;
/// How much of a repeated sentence the message quotes.
const QUOTE_CHARS: usize = 40;

pub fn check(report: &Report, prev: &Report, out: &mut Vec<Finding>) {
    let t = report.template;
    if t.has_rule(RuleId::TXTREPEAT) {
        repeated_sections(report, prev, out);
    }
    if t.has_rule(RuleId::XJUMP) {
        jumps(report, prev, out);
    }
    if t.has_rule(RuleId::XSAME) {
        same_tables(report, prev, out);
    }
}

/// Every figure of every table as last year's report has it, cell by cell: tables copied over
/// and not filled in for this year (their text may well be new).
fn same_tables(report: &Report, prev: &Report, out: &mut Vec<Finding>) {
    let t = report.template;
    if prev.template.id() != t.id() {
        return;
    }
    let mut figures = 0;
    for i in t.cell_ixs() {
        let this = report.cell(i);
        if this != prev.cell(i) {
            return;
        }
        if this.num().is_some_and(|n| !n.is_zero()) {
            figures += 1;
        }
    }
    if figures < MIN_SAME_FIGURES {
        return;
    }
    let message = format!(
        "统计表的全部数字与上年报告完全相同（其中{figures}个不为0），像是照抄了上年的表格；请填写本年度的数字"
    );
    let first = t.cell_ixs().find(|&i| report.cell(i).num().is_some());
    out.push(Finding::new(RuleId::XSAME, first, message));
}

/// A sentence as compared: letters and digits only, every number one 「#」, so 「2024年」 and
/// 「2025年」, 「9件」 and 「19件」 read alike (the wording repeats; the figures are the table's).
fn normalised(sentence: &str) -> String {
    let mut out = String::new();
    for c in sentence.chars().filter(|c| c.is_alphanumeric()) {
        if !c.is_numeric() {
            out.push(c);
        } else if !out.ends_with('#') {
            out.push('#');
        }
    }
    out
}

/// The sentences of a text that count, with their normalised form.
fn sentences(text: &str) -> Vec<(&str, String)> {
    text.split(['。', '；', ';', '！', '？', '!', '?', '\n'])
        .map(str::trim)
        .map(|s| (s, normalised(s)))
        .filter(|(_, n)| n.chars().count() >= MIN_SENTENCE_CHARS)
        .collect()
}

/// A narrative's sentences that count (the drafts' stock wording aside) and those of them
/// last year's text has too, figures aside: what TXT-REPEAT and the comparison with last
/// year read.
pub fn repeated_sentences<'a>(
    t: &crate::template::Template,
    this: &'a str,
    last: &str,
) -> (usize, Vec<&'a str>) {
    // The sentences 「按表格生成」 writes say this year's figures in the same words every year:
    // no copy.
    let stock: HashSet<String> = crate::model::draft::stock_wordings(t)
        .flat_map(|w| {
            sentences(&w)
                .into_iter()
                .map(|(_, s)| s)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut counted = sentences(this);
    counted.retain(|(_, s)| !stock.contains(s));
    let last: HashSet<String> = sentences(last).into_iter().map(|(_, s)| s).collect();
    let repeated = counted
        .iter()
        .filter(|(_, s)| last.contains(s))
        .map(|(text, _)| *text)
        .collect();
    (counted.len(), repeated)
}

fn repeated_sections(report: &Report, prev: &Report, out: &mut Vec<Finding>) {
    let t = report.template;
    // 前言 is a fixed formula by design; the numbered sections are what must be new.
    for n in t.narrative_ixs().filter(|&n| n != t.preamble()) {
        let Some(last) = prev.narrative_by_id(&t.narrative(n).id) else {
            continue;
        };
        let (counted, repeated) = repeated_sentences(t, report.narrative(n), last);
        if counted < MIN_SENTENCES {
            continue;
        }
        if repeated.len() * 2 < counted {
            continue;
        }
        let heading = t
            .narrative_section(n)
            .map_or(String::new(), |s| s.heading.clone());
        let message = format!(
            "“{heading}”的{}句中有{}句（{}%）与上年报告相同，如“{}”；请按本年度的实际情况撰写",
            counted,
            repeated.len(),
            repeated.len() * 100 / counted,
            quoted(repeated[0]),
        );
        out.push(Finding::new(RuleId::TXTREPEAT, [], message).at(Place::Narrative(n)));
    }
}

fn quoted(sentence: &str) -> String {
    let mut chars = sentence.chars();
    let head: String = chars.by_ref().take(QUOTE_CHARS).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

fn jumps(report: &Report, prev: &Report, out: &mut Vec<Finding>) {
    let t = report.template;
    for figure in &t.def.jump_figures {
        let cells: Option<Vec<CellIx>> = figure.cells.iter().map(|id| t.cell_index(id)).collect();
        let Some(cells) = cells else { continue };
        let (Some(this), Some(last)) = (report.figure(&figure.cells), prev.figure(&figure.cells))
        else {
            continue;
        };
        let (a, b) = (last.scaled(), this.scaled());
        let floor = Num::from_int(MIN_JUMP_FIGURE).scaled();
        if a < floor || b < floor {
            continue;
        }
        let how = if b > a * JUMP_FACTOR {
            format!("增加到{}倍", ratio(b, a))
        } else if b * JUMP_FACTOR < a {
            "不到上年的五分之一".to_string()
        } else {
            continue;
        };
        let message = format!(
            "“{}”上年为{last}件，本年为{this}件，{how}；变化异常，请核实数字或在正文中说明原因",
            figure.name
        );
        out.push(Finding::new(RuleId::XJUMP, cells, message));
    }
}

/// `b / a` to one decimal place: 「6.7」.
fn ratio(b: i64, a: i64) -> String {
    let tenths = (b * 10 + a / 2) / a;
    format!("{}.{}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_compare_without_figures_and_punctuation() {
        assert_eq!(
            normalised("2024年，新收申请12件。"),
            normalised("2025年 新收申请19件")
        );
        let s = sentences("（一）主动公开\n全年主动公开政府信息162条，方便群众查阅；无。");
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(ratio(67, 10), "6.7");
        assert_eq!(quoted("短句"), "短句");
    }
}
