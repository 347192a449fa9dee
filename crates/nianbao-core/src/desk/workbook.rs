//! The desk's workbook (`rust_xlsxwriter`): a sheet for a leader first, then the details.
//! Columns sized to their content, header frozen and repeated on printed pages.

use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::Desk;
use super::summary::{Row, cells, header, rows};
use crate::check::{RuleId, Severity};
use crate::file::escape::shown;
use crate::model::{Num, pinyin_key};

/// 「审核结论」: the reports of the review (last year's, used for comparison, left out), those
/// to send back first, in a few columns a leader reads on paper: one A4 landscape page wide.
fn leaders_sheet(
    ws: &mut Worksheet,
    desk: &Desk,
    rows: &[Row],
    kept: &[usize],
) -> Result<(), XlsxError> {
    let order = |v: &str| match v {
        "退回" => 0,
        "需修改" => 1,
        "通过" => 2,
        _ => 3,
    };
    let mut shown_rows: Vec<(usize, &Row)> = kept
        .iter()
        .map(|&i| (i, &rows[i]))
        .filter(|(_, r)| r.verdict != "上年报告")
        .collect();
    shown_rows.sort_by(|(_, a), (_, b)| {
        order(a.verdict)
            .cmp(&order(b.verdict))
            .then_with(|| pinyin_key(&a.organ).cmp(&pinyin_key(&b.organ)))
            .then(a.organ.cmp(&b.organ))
    });
    let figures = leader_figures(desk);
    let mut header: Vec<String> = ["机关", "年度", "结论", "原因", "落款日期"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(figures.iter().cloned());
    header.extend(["错误", "警告", "文件名"].map(String::from));
    let body: Vec<Vec<String>> = shown_rows
        .iter()
        .map(|(i, r)| {
            let entry = &desk.entries[*i];
            let closing = entry
                .report
                .as_ref()
                .map_or(String::new(), |r| r.meta.closing_date.clone());
            let mut row = vec![
                shown(&r.organ),
                r.year.map_or(String::new(), |y| y.to_string()),
                r.verdict.to_string(),
                shown(&r.reasons),
                shown(&closing),
            ];
            let last = entry
                .prev
                .and_then(|p| desk.entries[p].report.as_ref().ok());
            row.extend(figures.iter().map(|name| {
                let this = entry.report.as_ref().ok().and_then(|r| figure(r, name));
                with_last(this, last.and_then(|l| figure(l, name)))
            }));
            row.extend([
                r.errors.to_string(),
                r.warnings.to_string(),
                r.path
                    .file_name()
                    .map_or(String::new(), |n| shown(&n.to_string_lossy())),
            ]);
            row
        })
        .collect();
    // Figures this year and last are text (「19（上年12，+7）」); the counts after them numbers.
    let counts_from = 5 + figures.len();
    sheet(
        ws,
        "审核结论",
        &header,
        &body,
        |r| shown_rows[r].1.verdict == "退回",
        counts_from,
    )?;
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// The headline figures a leader sees, by name, from the templates of the review's reports
/// (`leader` in the template data), in the templates' order.
fn leader_figures(desk: &Desk) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for report in desk.entries.iter().filter_map(|e| e.report.as_ref().ok()) {
        for f in report.template.def.jump_figures.iter().filter(|f| f.leader) {
            if !names.contains(&f.name) {
                names.push(f.name.clone());
            }
        }
    }
    names
}

/// A headline figure of a report, by its name in the report's own template.
fn figure(report: &crate::model::Report, name: &str) -> Option<Num> {
    let def = &report.template.def;
    let f = def.jump_figures.iter().find(|f| f.name == name)?;
    report.figure(&f.cells)
}

/// 「19（上年12，+7）」, 「19」 without last year's, 「」 without this year's.
fn with_last(this: Option<Num>, last: Option<Num>) -> String {
    match (this, last) {
        (None, _) => String::new(),
        (Some(this), None) => this.to_string(),
        (Some(this), Some(last)) => {
            let change = (this - last).display(crate::template::CellKind::SignedCount);
            let change = if change == "0" {
                "持平".into()
            } else {
                change
            };
            format!("{this}（上年{last}，{change}）")
        }
    }
}

/// Which organs the workbook lists (the window's 按机关筛选), and how to say so.
pub struct Only<'a> {
    pub keep: &'a dyn Fn(&str) -> bool,
    /// 「按机关筛选：卫健委」, printed under the leader's table; `None` for every organ.
    pub said: Option<String>,
}

impl Only<'_> {
    pub const ALL: Only<'static> = Only {
        keep: &|_| true,
        said: None,
    };
}

/// Under the leader's table: the verdicts counted, the organs with no report, and the filter
/// the sheet was made with, so a printed page says what it covers.
fn leaders_notes(
    ws: &mut Worksheet,
    rows: &[Row],
    kept: &[usize],
    missing: &[&String],
    said: Option<String>,
) -> Result<(), XlsxError> {
    let shown_rows: Vec<Row> = kept
        .iter()
        .map(|&i| rows[i].clone())
        .filter(|r| r.verdict != "上年报告")
        .collect();
    let mut lines = vec![super::summary::verdict_counts(&shown_rows, missing.len())];
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|o| o.as_str()).collect();
        lines.push(format!("未报送：{}", shown(&names.join("、"))));
    }
    lines.extend(said);
    let bold = Format::new().set_bold();
    for (k, line) in lines.iter().enumerate() {
        ws.write_string_with_format((shown_rows.len() + 2 + k) as u32, 0, line, &bold)?;
    }
    Ok(())
}

/// The 汇总 sheet's columns: the summary's own, then a count for each rule that found something
/// in these rows, named as the window names it (not a column of zeros under a rule code for
/// every rule), and why a file could not be read where one could not.
fn summary_columns(desk: &Desk, rows: &[Row], kept: &[usize]) -> (Vec<String>, Vec<Vec<String>>) {
    let template = desk
        .entries
        .iter()
        .find_map(|e| e.report.as_ref().ok())
        .map_or_else(
            || crate::template::for_year(desk.year.unwrap_or(2021)),
            |r| r.template,
        );
    let used: Vec<usize> = (0..RuleId::ALL.len())
        .filter(|&k| kept.iter().any(|&i| rows[i].per_rule[k] > 0))
        .collect();
    let unreadable = kept.iter().any(|&i| !rows[i].problem.is_empty());
    let all = header();
    let own = super::summary::HEADER.len();
    let mut head: Vec<String> = all[..own].to_vec();
    head.extend(
        used.iter()
            .map(|&k| template.rule_name(RuleId::ALL[k]).to_string()),
    );
    if unreadable {
        head.push(all[all.len() - 1].clone());
    }
    let body = kept
        .iter()
        .map(|&i| {
            let full = cells(&rows[i]);
            let mut row: Vec<String> = full[..own].to_vec();
            row.extend(used.iter().map(|&k| full[own + k].clone()));
            if unreadable {
                row.push(full[full.len() - 1].clone());
            }
            row
        })
        .collect();
    (head, body)
}

/// The widest a column is made, in spreadsheet columns; longer text wraps.
const MAX_COLUMN: f64 = 60.0;

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
    // Text wider than its column (a long 说明) wraps in it rather than running over the
    // columns beside it and onto pages of their own.
    let wrapped = |f: &Format| f.clone().set_text_wrap().set_align(FormatAlign::Top);
    let (red_wrap, plain_wrap) = (wrapped(&red), wrapped(&plain));
    ws.set_name(name)?;
    let mut widths: Vec<f64> = header.iter().map(|h| width(h)).collect();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (r, cells) in body.iter().enumerate() {
        let row = (r + 1) as u32;
        for (c, text) in cells.iter().enumerate() {
            widths[c] = widths[c].max(width(text));
            let format = match (highlight(r), width(text) > MAX_COLUMN) {
                (true, false) => &red,
                (true, true) => &red_wrap,
                (false, false) => &plain,
                (false, true) => &plain_wrap,
            };
            match text.parse::<f64>() {
                Ok(n) if c >= numeric_from && !text.is_empty() => {
                    ws.write_number_with_format(row, c as u16, n, format)?
                }
                _ => ws.write_string_with_format(row, c as u16, text, format)?,
            };
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, w.clamp(4.0, MAX_COLUMN) + 1.0)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, body.len() as u32, (header.len() - 1) as u16)?;
    // Printed: A4 landscape, the header on every page, page numbers in the footer.
    ws.set_paper_size(9)
        .set_landscape()
        .set_print_gridlines(true)
        .set_footer("&C第 &P 页，共 &N 页");
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

/// The workbook: 「审核结论」 for a leader (one line per report of the review's year: verdict,
/// reasons, 落款日期, counts; fits an A4 landscape page's width), then 「汇总」 (one row per file,
/// every column), 「问题清单」 (every finding but the import doubts, cells named in Chinese;
/// errors in red), 「导入待核对」 where there are doubts, with an expected list 「未报送」, and
/// 「图表」 last (`charts.rs`).
/// Reports to send back are red on every sheet.
pub fn xlsx(desk: &Desk, only: &Only) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let rows = rows(desk);
    let kept: Vec<usize> = (0..rows.len())
        .filter(|&i| (only.keep)(&rows[i].organ))
        .collect();
    let missing: Vec<&String> = desk.missing.iter().filter(|o| (only.keep)(o)).collect();
    let missing_count = missing.len();
    leaders_sheet(wb.add_worksheet(), desk, &rows, &kept)?;
    leaders_notes(
        wb.worksheet_from_index(0)?,
        &rows,
        &kept,
        &missing,
        only.said.clone(),
    )?;
    let (summary_header, body) = summary_columns(desk, &rows, &kept);
    sheet(
        wb.add_worksheet(),
        "汇总",
        &summary_header,
        &body,
        // Every report to send back, errors or not (a text contradicting its tables too).
        |r| rows[kept[r]].verdict == "退回",
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
        "已说明的原因",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Import doubts (a figure of a published report to confirm) on a sheet of their own: a
    // folder of PDFs has hundreds, which would bury the findings.
    let (mut found, mut doubts) = (Vec::new(), Vec::new());
    let mut severities = Vec::new();
    for e in kept.iter().map(|&i| &desk.entries[i]) {
        for f in &e.findings {
            let (name, cells) = match &e.report {
                Ok(r) => (
                    r.template.rule_name(f.rule),
                    cell_names(r.template, &f.cells),
                ),
                Err(_) => (f.rule.as_str(), f.cells.join("，")),
            };
            let row = vec![
                shown(&e.path.display().to_string()),
                shown(e.organ()),
                e.year().map_or(String::new(), |y| y.to_string()),
                f.severity.chinese().to_string(),
                f.rule.as_str().to_string(),
                name.to_string(),
                shown(&cells),
                shown(&f.message),
                f.suggested
                    .as_ref()
                    .map_or(String::new(), |s| shown(&s.value)),
                f.answered.as_ref().map_or(String::new(), |a| {
                    shown(&format!("{}（{}）", a.reason, a.date))
                }),
            ];
            if f.rule == RuleId::IMPREVIEW {
                doubts.push(row);
            } else {
                found.push(row);
                severities.push(f.severity);
            }
        }
    }
    sheet(
        wb.add_worksheet(),
        "问题清单",
        &found_header,
        &found,
        |r| severities[r] == Severity::Error,
        found_header.len(),
    )?;
    if !doubts.is_empty() {
        sheet(
            wb.add_worksheet(),
            "导入待核对",
            &found_header,
            &doubts,
            |_| false,
            found_header.len(),
        )?;
    }
    if !missing.is_empty() {
        let missing: Vec<Vec<String>> = missing.iter().map(|o| vec![shown(o)]).collect();
        sheet(
            wb.add_worksheet(),
            "未报送",
            &["未报送的机关".to_string()],
            &missing,
            |_| true,
            1,
        )?;
    }
    super::charts::charts_sheet(wb.add_worksheet(), desk, &rows, &kept, missing_count)?;
    wb.save_to_buffer()
}

/// Cells as a reader names them (「（一）予以公开·法人或其他组织·商业企业」), not by id.
fn cell_names(template: &crate::template::Template, ids: &[String]) -> String {
    ids.iter()
        .map(|id| {
            template
                .cell_index(id)
                .map_or_else(|| id.clone(), |i| template.cell_label(i))
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// 与上年比对 as a workbook: every figure this year and last with the change and what the
/// cross-year rules say of it (those lines red), then each section against last year's.
pub fn compare_xlsx(c: &crate::export::compare::Comparison) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let header: Vec<String> = ["表", "项目", "本年", "上年", "增减", "上年比对的提示"]
        .map(String::from)
        .to_vec();
    let body: Vec<Vec<String>> = c
        .lines
        .iter()
        .map(|l| {
            vec![
                shown(&l.table),
                shown(&l.label),
                shown(&l.this),
                shown(&l.last),
                l.change.clone(),
                shown(&l.said.join("；")),
            ]
        })
        .collect();
    sheet(
        wb.add_worksheet(),
        "与上年比对",
        &header,
        &body,
        |r| !c.lines[r].said.is_empty(),
        2,
    )?;
    let header: Vec<String> = [
        "部分",
        "句数",
        "与上年相同",
        "占比",
        "与上年完全相同",
        "相同的句子",
    ]
    .map(String::from)
    .to_vec();
    let body: Vec<Vec<String>> = c
        .sections
        .iter()
        .map(|s| {
            let share = s.share_percent();
            vec![
                shown(&s.heading),
                s.sentences.to_string(),
                s.repeated.len().to_string(),
                format!("{share}%"),
                if s.unchanged { "是" } else { "" }.to_string(),
                shown(&s.repeated.join("；")),
            ]
        })
        .collect();
    sheet(
        wb.add_worksheet(),
        "正文",
        &header,
        &body,
        |r| c.sections[r].unchanged,
        1,
    )?;
    wb.save_to_buffer()
}
