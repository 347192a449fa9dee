//! The desk's summary: one row per file (organ, year, template, errors, warnings, import
//! doubts, a count per rule), every finding, and the organs with no report, as a workbook
//! (`rust_xlsxwriter`: columns sized, header frozen, errors highlighted) or as CSV.

use rust_xlsxwriter::{Color, Format, Workbook, Worksheet, XlsxError};

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
    /// Findings per rule, in [`RuleId::ALL`]'s order.
    pub per_rule: Vec<usize>,
    /// Why the file could not be read; empty when it was.
    pub problem: String,
}

pub fn rows(desk: &Desk) -> Vec<Row> {
    desk.entries
        .iter()
        .enumerate()
        .map(|(i, e)| row(desk, i, e))
        .collect()
}

/// 「计入」 or 「未计入，以“…”为准（…）」 where an organ's year has several reports; for a
/// report of another year, whether it is some report's 上年报告 or 年度不符.
fn counted(desk: &Desk, me: usize, e: &Entry) -> String {
    if !e.is_parent && e.report.is_ok() && !e.in_review(desk.year) {
        let someones_last = desk
            .entries
            .iter()
            .any(|o| o.prev == Some(me) && o.in_review(desk.year));
        return if someones_last {
            "上年报告（用于比对）".into()
        } else {
            "年度不符，不计入".into()
        };
    }
    let Some(c) = &e.counted else {
        return String::new();
    };
    let others = desk
        .entries
        .iter()
        .filter(|o| o.counted.as_ref().is_some_and(|oc| oc.index == c.index))
        .count()
        - 1;
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

fn row(desk: &Desk, me: usize, e: &Entry) -> Row {
    let organ = match (e.organ(), e.is_parent) {
        (o, true) => format!("{o}（汇总）"),
        (o, false) => o.to_string(),
    };
    Row {
        path: e.path.clone(),
        file: e.path.display().to_string(),
        organ,
        year: e.year(),
        counted: counted(desk, me, e),
        verdict: super::verdict::verdict(desk, me).0,
        reasons: super::verdict::verdict(desk, me).1,
        template: e
            .report
            .as_ref()
            .map_or(String::new(), |r| r.template.id().to_string()),
        errors: e.count(Severity::Error),
        warnings: e.count(Severity::Warning),
        doubts: e.doubts(),
        per_rule: RuleId::ALL.iter().map(|&r| e.count_rule(r)).collect(),
        problem: e.report.as_ref().err().cloned().unwrap_or_default(),
    }
}

const HEADER: [&str; 10] = [
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
];

fn header() -> Vec<String> {
    HEADER
        .iter()
        .map(|h| h.to_string())
        .chain(RuleId::ALL.iter().map(|r| r.as_str().to_string()))
        .chain(["无法读取的原因".to_string()])
        .collect()
}

/// A row's cells as text (file text made safe to show).
fn cells(r: &Row) -> Vec<String> {
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
    ];
    out.extend(r.per_rule.iter().map(usize::to_string));
    out.push(shown(&r.problem));
    out
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

/// Display width in spreadsheet columns: CJK characters count two.
fn width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 1.0 } else { 2.1 })
        .sum()
}

/// A sheet of text rows under a bold, frozen header with an autofilter; columns sized to
/// their content (within bounds); rows for which `highlight` holds filled red.
fn sheet(
    ws: &mut Worksheet,
    name: &str,
    header: &[String],
    body: &[Vec<String>],
    highlight: impl Fn(usize) -> bool,
    numeric_from: usize,
) -> Result<(), XlsxError> {
    let bold = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7));
    let red = Format::new()
        .set_background_color(Color::RGB(0xFFC7CE))
        .set_font_color(Color::RGB(0x9C0006));
    let plain = Format::new();
    ws.set_name(name)?;
    let mut widths: Vec<f64> = header.iter().map(|h| width(h)).collect();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (r, cells) in body.iter().enumerate() {
        let format = if highlight(r) { &red } else { &plain };
        let row = (r + 1) as u32;
        for (c, text) in cells.iter().enumerate() {
            widths[c] = widths[c].max(width(text));
            match text.parse::<f64>() {
                Ok(n) if c >= numeric_from && !text.is_empty() => {
                    ws.write_number_with_format(row, c as u16, n, format)?
                }
                _ => ws.write_string_with_format(row, c as u16, text, format)?,
            };
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, w.clamp(4.0, 60.0) + 1.0)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, body.len() as u32, (header.len() - 1) as u16)?;
    // Printed for a leader: A4 landscape, one page wide, the header on every page, page
    // numbers in the footer.
    ws.set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_print_gridlines(true)
        .set_footer("&C第 &P 页，共 &N 页");
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

/// The workbook: 「汇总」 (one row per file; reports with errors or unreadable in red),
/// 「问题清单」 (every finding; errors in red) and, with an expected list, 「未报送」.
pub fn xlsx(desk: &Desk) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let rows = rows(desk);
    let body: Vec<Vec<String>> = rows.iter().map(cells).collect();
    sheet(
        wb.add_worksheet(),
        "汇总",
        &header(),
        &body,
        // Every report to send back, errors or not (a text contradicting its tables too).
        |r| rows[r].verdict == "退回",
        2,
    )?;
    let found_header: Vec<String> = [
        "文件",
        "机关",
        "年度",
        "级别",
        "规则",
        "规则名称",
        "单元格",
        "说明",
        "建议",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut found = Vec::new();
    let mut severities = Vec::new();
    for e in &desk.entries {
        for f in &e.findings {
            let name = e
                .report
                .as_ref()
                .map_or(f.rule.as_str(), |r| r.template.rule_name(f.rule));
            found.push(vec![
                shown(&e.path.display().to_string()),
                shown(e.organ()),
                e.year().map_or(String::new(), |y| y.to_string()),
                f.severity.chinese().to_string(),
                f.rule.as_str().to_string(),
                name.to_string(),
                shown(&f.cells.join(",")),
                shown(&f.message),
                f.suggested
                    .as_ref()
                    .map_or(String::new(), |s| shown(&s.value)),
            ]);
            severities.push(f.severity);
        }
    }
    sheet(
        wb.add_worksheet(),
        "问题清单",
        &found_header,
        &found,
        |r| severities[r] == Severity::Error,
        9,
    )?;
    if !desk.missing.is_empty() {
        let missing: Vec<Vec<String>> = desk.missing.iter().map(|o| vec![shown(o)]).collect();
        sheet(
            wb.add_worksheet(),
            "未报送",
            &["未报送的机关".to_string()],
            &missing,
            |_| true,
            1,
        )?;
    }
    wb.save_to_buffer()
}
