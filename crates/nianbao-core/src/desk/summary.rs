//! The desk's summary: one row per file (organ, year, whether it counts, the verdict and its
//! reasons, template, errors, warnings, import doubts, a count per rule), as CSV here and as a
//! workbook in `workbook.rs`.

use super::{Desk, Entry};
use crate::check::{RuleId, Severity};
use crate::file::escape::shown;

/// One report's line of the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub path: std::path::PathBuf,
    /// The path as shown.
    pub file: String,
    pub organ: String,
    pub year: Option<i32>,
    /// Where the review holds several reports of this organ and year: whether this one
    /// counts, which does and why; empty otherwise.
    pub counted: String,
    /// 通过 / 需修改 / 退回 (or 已被取代, 上年报告, 年度不符), and why in one line.
    pub verdict: &'static str,
    pub reasons: String,
    pub template: String,
    pub errors: usize,
    pub warnings: usize,
    pub doubts: usize,
    /// Warnings answered with a reason (apart from `warnings`).
    pub answered: usize,
    /// Findings per rule, in [`RuleId::ALL`]'s order.
    pub per_rule: Vec<usize>,
    /// Why the file could not be read; empty when it was.
    pub problem: String,
}

impl Row {
    /// Whether the report is one the review judges: not last year's (used for comparison), a
    /// replaced draft or a report of another year.
    pub fn reviewed(&self) -> bool {
        !matches!(self.verdict, "上年报告" | "已被取代" | "年度不符")
    }
}

pub fn rows(desk: &Desk) -> Vec<Row> {
    // Reports per counted one: how many others share an organ and year with each.
    let mut group = std::collections::HashMap::<usize, usize>::new();
    for c in desk.entries.iter().filter_map(|e| e.counted.as_ref()) {
        *group.entry(c.index).or_default() += 1;
    }
    desk.entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let others = e
                .counted
                .as_ref()
                .map_or(0, |c| group[&c.index].saturating_sub(1));
            row(desk, i, e, others)
        })
        .collect()
}

/// 「计入」 or 「未计入，以“…”为准（…）」 where an organ's year has several reports; for a
/// report of another year, whether it is some report's 上年报告 or 年度不符.
fn counted(desk: &Desk, me: usize, e: &Entry, others: usize) -> String {
    if !e.is_parent && e.report.is_ok() && !e.in_review(desk.year) {
        return if e.someones_last {
            "上年报告（用于比对）".into()
        } else {
            "年度不符，不计入".into()
        };
    }
    let Some(c) = &e.counted else {
        return if e.in_review(desk.year) && e.report.is_ok() {
            "计入".into()
        } else {
            String::new()
        };
    };

    if c.index == me {
        format!("计入（另有{others}份同机关同年度的报告；{}）", c.why)
    } else {
        format!(
            "未计入，以“{}”为准（{}）",
            desk.entries[c.index].path.display(),
            c.why
        )
    }
}

fn row(desk: &Desk, me: usize, e: &Entry, others: usize) -> Row {
    let (verdict, reasons) = super::verdict::verdict(desk, me);
    let organ = match (e.organ(), e.is_parent) {
        (o, true) => format!("{o}（汇总）"),
        (o, false) => o.to_string(),
    };
    Row {
        path: e.path.clone(),
        file: e.path.display().to_string(),
        organ,
        year: e.year(),
        counted: counted(desk, me, e, others),
        verdict,
        reasons,
        template: e
            .report
            .as_ref()
            .map_or(String::new(), |r| r.template.id().to_string()),
        errors: e.count(Severity::Error),
        warnings: e.count(Severity::Warning),
        doubts: e.doubts(),
        answered: e.answered(),
        per_rule: RuleId::ALL.iter().map(|&r| e.count_rule(r)).collect(),
        problem: e.report.as_ref().err().cloned().unwrap_or_default(),
    }
}

pub(super) const HEADER: [&str; 11] = [
    "文件",
    "机关",
    "年度",
    "计入汇总",
    "结论",
    "原因",
    "模板",
    "错误",
    "警告",
    "导入待核对",
    "已说明",
];

pub(super) fn header() -> Vec<String> {
    HEADER
        .iter()
        .map(|h| h.to_string())
        .chain(RuleId::ALL.iter().map(|r| r.as_str().to_string()))
        .chain(["无法读取的原因".to_string()])
        .collect()
}

/// A row's cells as text (file text made safe to show).
pub(super) fn cells(r: &Row) -> Vec<String> {
    let mut out = vec![
        shown(&r.file),
        shown(&r.organ),
        r.year.map_or(String::new(), |y| y.to_string()),
        shown(&r.counted),
        r.verdict.to_string(),
        shown(&r.reasons),
        r.template.clone(),
        r.errors.to_string(),
        r.warnings.to_string(),
        r.doubts.to_string(),
        r.answered.to_string(),
    ];
    out.extend(r.per_rule.iter().map(usize::to_string));
    out.push(shown(&r.problem));
    out
}

/// 「共5份：退回1份、需修改1份、通过2份、上年报告1份；未报送1个机关」.
pub fn verdict_counts(rows: &[Row], missing: usize) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for r in rows {
        match counts.iter_mut().find(|(v, _)| *v == r.verdict) {
            Some((_, n)) => *n += 1,
            None => counts.push((r.verdict, 1)),
        }
    }
    let order = ["退回", "需修改", "通过"];
    counts.sort_by_key(|(v, _)| order.iter().position(|o| o == v).unwrap_or(order.len()));
    let parts: Vec<String> = counts.iter().map(|(v, n)| format!("{v}{n}份")).collect();
    let mut line = format!("共{}份：{}", rows.len(), parts.join("、"));
    if missing > 0 {
        line.push_str(&format!("；未报送{missing}个机关"));
    }
    line
}

/// The summary as CSV (UTF-8 with a BOM, so Excel and WPS read the Chinese), one line per
/// file, then one line per organ with no report.
pub fn csv(desk: &Desk) -> String {
    let field = |s: &str| {
        // A leading = + - @ would be a formula in a spreadsheet: quoted as text.
        let s = if s.starts_with(['=', '+', '-', '@']) {
            format!("'{s}")
        } else {
            s.to_string()
        };
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s
        }
    };
    let line =
        |cells: Vec<String>| cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(",") + "\r\n";
    let mut out = String::from("\u{feff}");
    out.push_str(&line(header()));
    for r in rows(desk) {
        out.push_str(&line(cells(&r)));
    }
    for organ in &desk.missing {
        out.push_str(&line(vec![
            String::new(),
            shown(organ),
            String::new(),
            "未报送".into(),
        ]));
    }
    out
}
