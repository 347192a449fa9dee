//! TXT-NUM (a figure stated in a narrative differs from the table), TXT-EMPTY (section 五 is
//! empty or a token sentence) and TXT-FEE (信息处理费 situations not reported in section 六).

use super::{Finding, RuleId};
use crate::model::{Num, Report};
use crate::template::{Figure, NarrativeField};

/// Fewer meaningful characters than this in section 五 is a token sentence (「无。」「暂无。」).
const MIN_PROBLEMS_CHARS: usize = 20;
/// How far after a keyword its figure may stand, in characters.
const FIGURE_WINDOW: usize = 40;
const FEE: &str = "信息处理费";

pub fn check(report: &Report, out: &mut Vec<Finding>) {
    let t = report.template;
    if t.has_rule(RuleId::TXTNUM) {
        for figure in &t.figures {
            stated_figures(report, figure, out);
        }
    }
    if t.has_rule(RuleId::TXTEMPTY) {
        problems_section(report, out);
    }
    if t.has_rule(RuleId::TXTFEE) {
        fee_reporting(report, out);
    }
}

fn stated_figures(report: &Report, figure: &Figure, out: &mut Vec<Finding>) {
    let t = report.template;
    let Some(table) = figure
        .cells
        .iter()
        .map(|&c| report.num(c))
        .sum::<Option<Num>>()
    else {
        return;
    };
    let mut seen = Vec::new();
    for field in [
        NarrativeField::Preamble,
        NarrativeField::Overview,
        NarrativeField::Problems,
        NarrativeField::Other,
    ] {
        let text = report.sections.get(field);
        for keyword in &figure.keywords {
            for (start, _) in text.match_indices(keyword.as_str()) {
                let after = &text[start + keyword.len()..];
                let Some((stated, quote)) = number_with_unit(after) else {
                    continue;
                };
                if stated == table || seen.contains(&stated) {
                    continue;
                }
                seen.push(stated);
                let section = t
                    .narrative_section(field)
                    .map_or("前言".to_string(), |s| format!("第{}部分", s.number()));
                let message = format!(
                    "{section}写“{keyword}{quote}”，与表格中{}的{}件不一致",
                    figure.name, table
                );
                out.push(Finding::new(
                    RuleId::TXTNUM,
                    figure
                        .cells
                        .iter()
                        .map(|&c| t.cells[c].id.clone())
                        .collect(),
                    message,
                ));
            }
        }
    }
}

/// The first 「N件」 after a keyword within its clause: the number and the text up to it.
fn number_with_unit(after: &str) -> Option<(Num, String)> {
    let clause: String = after
        .chars()
        .take(FIGURE_WINDOW)
        .take_while(|c| !"。；;！？!?\n".contains(*c))
        .collect();
    let chars: Vec<char> = clause.chars().collect();
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let start = chars.iter().position(|&c| is_digit(c))?;
    if start > 0 && chars[start - 1] == '第' {
        return None;
    }
    let end = start + chars[start..].iter().take_while(|&&c| is_digit(c)).count();
    let unit = chars[end..].iter().find(|c| !c.is_whitespace())?;
    if *unit != '件' {
        return None;
    }
    let digits: String = chars[start..end].iter().collect();
    let value = crate::model::parse_number(&digits, crate::model::CellKind::Count).ok()?;
    Some((value, chars[..=end].iter().collect()))
}

fn meaningful_chars(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphanumeric()).count()
}

fn problems_section(report: &Report, out: &mut Vec<Finding>) {
    let text = report.sections.problems.trim();
    let heading = report
        .template
        .narrative_section(NarrativeField::Problems)
        .map_or("", |s| s.heading.as_str());
    let what = match meaningful_chars(text) {
        0 => "为空".to_string(),
        n if n < MIN_PROBLEMS_CHARS => format!("只有“{text}”"),
        _ => return,
    };
    let message = format!("“{heading}”{what}，应写明本机关存在的主要问题和改进措施");
    out.push(Finding::new(RuleId::TXTEMPTY, Vec::new(), message));
}

/// A sentence that says 信息处理费 was charged (收取) without negating it (未、没有、无、不).
fn says_fee_charged(text: &str) -> bool {
    text.split(['。', '；', ';', '\n'])
        .any(|s| s.contains(FEE) && s.contains("收取") && !s.contains(['未', '无', '不', '没']))
}

fn fee_reporting(report: &Report, out: &mut Vec<Finding>) {
    let t = report.template;
    let notices: Vec<usize> = t
        .fee_cells
        .iter()
        .copied()
        .filter(|&c| report.num(c).is_some_and(|n| !n.is_zero()))
        .collect();
    let charged = says_fee_charged(&report.sections.overview);
    if (notices.is_empty() && !charged) || report.sections.other.contains(FEE) {
        return;
    }
    let reason = if notices.is_empty() {
        "第一部分写明收取了信息处理费".to_string()
    } else {
        format!(
            "表格中有{}件申请因逾期未缴纳费用而不再处理",
            report.text(notices[0])
        )
    };
    let heading = t
        .narrative_section(NarrativeField::Other)
        .map_or("", |s| s.heading.as_str());
    let message = format!(
        "{reason}，但“{heading}”未说明信息处理费的收取情况（《政府信息公开信息处理费管理办法》）"
    );
    out.push(Finding::new(
        RuleId::TXTFEE,
        notices.iter().map(|&c| t.cells[c].id.clone()).collect(),
        message,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_figure_after_a_keyword() {
        let n = |s: &str| number_with_unit(s).map(|(n, _)| n.to_string());
        assert_eq!(n("政府信息公开申请15件，其中"), Some("15".into()));
        assert_eq!(n("政府信息公开申请 ３ 件"), Some("3".into()));
        assert_eq!(n("申请。共15件"), None);
        assert_eq!(n("第2件申请"), None);
        assert_eq!(n("情况2025年"), None);
    }

    #[test]
    fn fee_sentences() {
        assert!(says_fee_charged("本年度共收取信息处理费200元。"));
        assert!(!says_fee_charged("本年度未收取信息处理费。"));
        assert!(!says_fee_charged("收取了复印费。"));
    }
}
