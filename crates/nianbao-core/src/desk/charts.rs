//! The workbook's 「图表」 sheet: the county at a glance, as native spreadsheet charts (they open
//! in WPS and Excel) over a small table on the same sheet: errors and warnings per organ, each
//! organ's headline figure (本年新收申请总计) this year against last year, how many reports are 通过 / 需修改 /
//! 退回 / 逾期, and how many organs 未报送.

use rust_xlsxwriter::{Chart, ChartType, Format, Worksheet, XlsxError};

use super::summary::Row;
use super::{Desk, Entry};
use crate::check::RuleId;
use crate::file::escape::shown;

const SHEET: &str = "图表";
/// Where the status table starts (column H).
const STATUS_COL: u16 = 7;
/// The charts' width, and the rows the status chart (288 px high) and a row take.
const CHART_WIDTH_PX: u32 = 760;
const BOARD_ROWS: u32 = 16;
const ROW_PX: u32 = 20;

/// The headline figure compared with last year: the first the template names for a leader
/// (`leader` in the template data), by name, and its value in a report.
fn headline(e: &Entry) -> Option<(&str, f64)> {
    let r = e.report.as_ref().ok()?;
    let f = r.template.def.jump_figures.iter().find(|f| f.leader)?;
    let value = r.figure(&f.cells)?.to_string().parse().ok()?;
    Some((f.name.as_str(), value))
}

pub fn charts_sheet(
    ws: &mut Worksheet,
    desk: &Desk,
    rows: &[Row],
    kept: &[usize],
    missing: usize,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET)?;
    let bold = Format::new().set_bold();
    // Reports of the review: not last year's, not replaced drafts, not other years, not the 汇总.
    let reviewed: Vec<usize> = kept
        .iter()
        .copied()
        .filter(|&i| !desk.entries[i].is_parent)
        .filter(|&i| rows[i].reviewed())
        .collect();
    let name = reviewed
        .iter()
        .find_map(|&i| headline(&desk.entries[i]))
        .map_or("本年新收申请总计", |(name, _)| name);
    let header = [
        "机关".to_string(),
        "错误".into(),
        "警告".into(),
        format!("{name}（本年）"),
        format!("{name}（上年）"),
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (k, &i) in reviewed.iter().enumerate() {
        let (row, e) = ((k + 1) as u32, &desk.entries[i]);
        // Written as text whatever it starts with (「=」 is no formula here).
        ws.write_string(row, 0, shown(&rows[i].organ))?;
        ws.write_number(row, 1, rows[i].errors as f64)?;
        ws.write_number(row, 2, rows[i].warnings as f64)?;
        let last = e.prev.and_then(|p| headline(&desk.entries[p]));
        for (c, figure) in [(3, headline(e)), (4, last)] {
            if let Some((_, n)) = figure {
                ws.write_number(row, c, n)?;
            }
        }
    }
    let late = reviewed
        .iter()
        .filter(|&&i| {
            desk.entries[i]
                .findings
                .iter()
                .any(|f| f.rule == RuleId::DATELATE)
        })
        .count();
    let count = |v: &str| reviewed.iter().filter(|&&i| rows[i].verdict == v).count();
    let status = [
        ("通过", count("通过")),
        ("需修改", count("需修改")),
        ("退回", count("退回")),
        ("逾期", late),
        ("未报送", missing),
    ];
    ws.write_string_with_format(0, STATUS_COL, "结论", &bold)?;
    ws.write_string_with_format(0, STATUS_COL + 1, "份数", &bold)?;
    for (k, (name, n)) in status.iter().enumerate() {
        ws.write_string((k + 1) as u32, STATUS_COL, *name)?;
        ws.write_number((k + 1) as u32, STATUS_COL + 1, *n as f64)?;
    }
    ws.set_column_width(0, 24)?;
    ws.set_column_width(3, 14)?;
    ws.set_column_width(4, 14)?;
    let last_row = reviewed.len().max(1) as u32;
    let series = |chart: &mut Chart, col: u16, name: &str| {
        chart
            .add_series()
            .set_name(name)
            .set_categories((SHEET, 1, 0, last_row, 0))
            .set_values((SHEET, 1, col, last_row, col));
    };
    let mut findings = Chart::new(ChartType::Bar);
    findings.title().set_name("各机关的错误和警告");
    series(&mut findings, 1, "错误");
    series(&mut findings, 2, "警告");
    let mut requests = Chart::new(ChartType::Bar);
    requests.title().set_name(&format!("{name}：本年与上年"));
    series(&mut requests, 3, "本年");
    series(&mut requests, 4, "上年");
    let mut board = Chart::new(ChartType::Column);
    board.title().set_name("审核结论");
    board
        .add_series()
        .set_name("份数")
        .set_categories((SHEET, 1, STATUS_COL, status.len() as u32, STATUS_COL))
        .set_values((
            SHEET,
            1,
            STATUS_COL + 1,
            status.len() as u32,
            STATUS_COL + 1,
        ));
    board.legend().set_hidden();
    // Bars per organ grow with the county: a chart tall enough for each name. The charts
    // stand under the tables, one below the other, printed one landscape page wide.
    let tall = (240 + 18 * reviewed.len()).min(1600) as u32;
    for chart in [&mut board, &mut findings, &mut requests] {
        chart.set_width(CHART_WIDTH_PX);
    }
    findings.set_height(tall);
    requests.set_height(tall);
    let top = reviewed.len().max(status.len()) as u32 + 3;
    ws.insert_chart(top, 0, &board)?;
    let below_board = top + BOARD_ROWS;
    ws.insert_chart(below_board, 0, &findings)?;
    ws.insert_chart(below_board + tall / ROW_PX + 2, 0, &requests)?;
    ws.set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0);
    Ok(())
}
