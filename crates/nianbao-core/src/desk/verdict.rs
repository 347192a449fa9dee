//! The reviewer's verdict on each report, with its reasons in one line: 退回 for errors and
//! for the warnings a county office sends a report back for (text contradicting its tables,
//! text or tables copied from last year, a late report), 需修改 for other warnings, 通过 otherwise. A
//! report another one replaces (a draft beside its final) is 已被取代, last year's report
//! used for comparison 上年报告, a report of another year 年度不符.

use super::{Desk, Entry};
use crate::check::{RuleId, Severity};

/// Warnings that send a report back as errors do.
const SEND_BACK: &[RuleId] = &[
    RuleId::TXTNUM,
    RuleId::TXTREPEAT,
    RuleId::XSAME,
    RuleId::DATELATE,
];
/// Findings named in the reasons before 「等」.
const NAMED_REASONS: usize = 4;

/// The verdict and its reasons (「勾稽关系有误2处、正文数字与表格不一致1处」).
pub fn verdict(desk: &Desk, me: usize) -> (&'static str, String) {
    let e = &desk.entries[me];
    let report = match &e.report {
        Ok(report) => report,
        Err(why) => return ("退回", format!("无法读取：{why}")),
    };
    if e.is_parent {
        // The sum first: what the 汇总 report is checked for here.
        let sum = reasons(e, report.template, |f| f.rule == RuleId::HSUM);
        let rest = reasons(e, report.template, |f| {
            f.rule != RuleId::HSUM && f.severity == Severity::Error
        });
        return match (sum.is_empty(), rest.is_empty()) {
            (true, true) => ("通过", "汇总数与各报告之和一致".into()),
            (false, true) => ("退回", sum),
            (true, false) => ("退回", rest),
            (false, false) => ("退回", format!("{sum}；{rest}")),
        };
    }
    if !e.in_review(desk.year) {
        return if e.someones_last {
            ("上年报告", "用于与本年报告比对".into())
        } else {
            ("年度不符", format!("{}年度的报告", report.meta.year))
        };
    }
    if let Some(c) = e.counted.as_ref().filter(|c| c.index != me) {
        return (
            "已被取代",
            format!(
                "以“{}”为准（{}）",
                // The file name: the folder is the review's, and the line is read in a table.
                desk.entries[c.index]
                    .path
                    .file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
                c.why
            ),
        );
    }
    // An answered warning is the clerk's word on it: apart, not a reason to send back.
    let sends_back = |f: &crate::check::Rendered| {
        f.severity == Severity::Error || (SEND_BACK.contains(&f.rule) && f.answered.is_none())
    };
    // A draft beside the final (H-DUP) is the folder's matter, not the final's: said, but the
    // report that counts is not to be changed for it.
    let to_change = |f: &crate::check::Rendered| f.rule != RuleId::HDUP && f.answered.is_none();
    if e.findings.iter().any(sends_back) {
        ("退回", reasons(e, report.template, sends_back))
    } else if e.findings.iter().any(to_change) {
        ("需修改", reasons(e, report.template, to_change))
    } else if let Some(c) = &e.counted {
        let others = desk
            .entries
            .iter()
            .filter(|o| o.counted.as_ref().is_some_and(|d| d.index == c.index))
            .count()
            - 1;
        (
            "通过",
            format!("另有{others}份同一机关同一年度的报告，以本报告为准"),
        )
    } else {
        ("通过", String::new())
    }
}

/// The rules of the findings `which` picks, each with its count, most frequent first.
fn reasons(
    e: &Entry,
    template: &crate::template::Template,
    which: impl Fn(&crate::check::Rendered) -> bool,
) -> String {
    let mut counts: Vec<(RuleId, usize)> = Vec::new();
    for f in e.findings.iter().filter(|f| which(f)) {
        match counts.iter_mut().find(|(r, _)| *r == f.rule) {
            Some((_, n)) => *n += 1,
            None => counts.push((f.rule, 1)),
        }
    }
    counts.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let mut text: Vec<String> = counts
        .iter()
        .take(NAMED_REASONS)
        .map(|(rule, n)| format!("{}{n}处", template.rule_name(*rule)))
        .collect();
    if counts.len() > NAMED_REASONS
        && let Some(last) = text.last_mut()
    {
        last.push('等');
    }
    text.join("、")
}
