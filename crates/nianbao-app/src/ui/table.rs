//! A table of the template drawn as the official one looks: caption row, merged header cells,
//! merged row labels, ruled grid, numbers right-aligned, computed totals shaded, cells of
//! broken equations outlined, and under table 三 the strip of 一＋二 against （七）＋四.

use egui::{Align, Id, Rect, Sense, Stroke, StrokeKind, TextEdit, Ui, UiBuilder, vec2};

use super::table_layout::{PAD, layout, text_height};
use super::{CellMarks, ERROR, OK, severity_color};
use crate::check::Finding;
use crate::editor::Edit;
use crate::model::{CellValue, Num, Report};
use crate::template::{CellIx, Equation, GridDef, Place};
use crate::ui::command::Command;

const CELL_INSET: f32 = 6.0;

/// What a table needs from the window besides the report.
pub struct CellContext<'a> {
    pub report: &'a Report,
    pub findings: &'a [Finding],
    pub marks: &'a CellMarks,
    /// The focused cell and the text being typed into it.
    pub editing: &'a mut Option<(CellIx, String)>,
    /// A cell to focus and scroll to once drawn.
    pub focus: &'a mut Option<Place>,
    /// A cell whose text to select once the click that focused it is over (typing replaces it,
    /// as in a spreadsheet).
    pub select: &'a mut Option<CellIx>,
    pub commands: &'a mut Vec<Command>,
}

/// The widget id of a table cell's text field.
pub fn cell_widget_id(cell: CellIx) -> Id {
    Id::unique(("nianbao-cell", cell.get()))
}

pub fn table_ui(ui: &mut Ui, table: usize, cx: &mut CellContext) {
    let t = cx.report.template;
    // The template's balance strip (T3-A) is drawn as a last row under the grid whose
    // columns it checks.
    let balance: Vec<&Equation> = t
        .equations
        .iter()
        .filter(|e| Some(e.rule) == t.def.balance_strip)
        .collect();
    for (g, grid) in t.def.tables[table].grids.iter().enumerate() {
        let strip = balance.first().is_some_and(|e| {
            e.left.first().is_some_and(|term| {
                let c = t.cell(term.cell);
                (c.table, c.grid) == (table, g)
            })
        });
        grid_ui(ui, grid, (table, g), if strip { &balance } else { &[] }, cx);
        ui.add_space(6.0);
    }
}

fn grid_ui(
    ui: &mut Ui,
    grid: &GridDef,
    (table, g): (usize, usize),
    balance: &[&Equation],
    cx: &mut CellContext,
) {
    // Leave room for the vertical scroll bar.
    let width = (ui.available_width() - 14.0).max(600.0);
    let lay = layout(ui, cx.report.template, grid, width);
    let strip = if balance.is_empty() {
        0.0
    } else {
        STRIP_HEIGHT
    };
    let body: f32 = lay.body.iter().sum();
    let total = vec2(
        *lay.xs.last().unwrap(),
        lay.caption + lay.header.iter().sum::<f32>() + body + strip,
    );
    let (rect, _) = ui.allocate_exact_size(total, Sense::hover());
    let origin = rect.min;
    let at = |x0: usize, x1: usize, y0: f32, y1: f32| {
        Rect::from_min_max(origin + vec2(lay.xs[x0], y0), origin + vec2(lay.xs[x1], y1))
    };
    let painter = ui.painter().clone();
    let line = Stroke::new(1.0, super::GRID_LINE);
    let last_x = lay.xs.len() - 1;

    if let Some(caption) = &grid.caption {
        let r = at(0, last_x, 0.0, lay.caption);
        painter.rect_filled(r, 0.0, super::HEADER_FILL);
        painter.rect_stroke(r, 0.0, line, StrokeKind::Middle);
        left_label(ui, r, caption);
    }
    // Header cells; remember which label ids name each data column.
    let mut row_y = vec![lay.caption];
    for h in &lay.header {
        row_y.push(row_y.last().unwrap() + h);
    }
    let mut column_labels: Vec<Vec<Id>> = vec![Vec::new(); grid.columns.len()];
    for (r, c, cell) in grid.header_cells() {
        let rr = at(
            c,
            (c + cell.cols).min(last_x),
            row_y[r],
            row_y[(r + cell.rows).min(lay.header.len())],
        );
        painter.rect_filled(rr, 0.0, super::HEADER_FILL);
        painter.rect_stroke(rr, 0.0, line, StrokeKind::Middle);
        let id = centred_label(ui, rr, &cell.text);
        for col in c.max(grid.label_columns)..(c + cell.cols).min(last_x) {
            column_labels[col - grid.label_columns].push(id);
        }
    }
    // Body: row labels, then the cells.
    let body_top = *row_y.last().unwrap();
    let mut ys = vec![body_top];
    for h in &lay.body {
        ys.push(ys.last().unwrap() + h);
    }
    let mut row_labels: Vec<Option<Id>> = vec![None; grid.rows.len()];
    for l in grid.label_cells() {
        let r = at(
            l.level,
            l.level + l.col_span,
            ys[l.row],
            ys[l.row + l.row_span],
        );
        painter.rect_filled(r, 0.0, super::HEADER_FILL);
        painter.rect_stroke(r, 0.0, line, StrokeKind::Middle);
        let id = left_label(ui, r, &l.text);
        if l.level + l.col_span == grid.label_columns
            || grid.rows[l.row].labels.len() == l.level + 1
        {
            row_labels[l.row] = Some(id);
        }
    }
    for (r, _) in grid.rows.iter().enumerate() {
        for (c, _) in grid.columns.iter().enumerate() {
            let Some(cell) = cx.report.template.cell_at(table, g, r, c) else {
                continue;
            };
            let rr = at(
                grid.label_columns + c,
                grid.label_columns + c + 1,
                ys[r],
                ys[r + 1],
            );
            painter.rect_stroke(rr, 0.0, line, StrokeKind::Middle);
            // A row with labels is named by its label and the column's own header; a row
            // without (table 四) by the column's whole header path.
            let names: Vec<Id> = match row_labels[r] {
                Some(row) => vec![row, *column_labels[c].last().unwrap_or(&row)],
                None => column_labels[c].clone(),
            };
            cell_ui(ui, rr, cell, &names, cx);
        }
    }
    if !balance.is_empty() {
        let top = *ys.last().unwrap();
        let label = at(0, grid.label_columns, top, top + STRIP_HEIGHT);
        painter.rect_stroke(label, 0.0, line, StrokeKind::Middle);
        let terms = |ts: &[crate::template::Term]| {
            ts.iter()
                .map(|t| t.short.as_str())
                .collect::<Vec<_>>()
                .join("＋")
        };
        left_label(
            ui,
            label,
            &format!(
                "勾稽关系：{} ／ {}",
                terms(&balance[0].left),
                terms(&balance[0].right)
            ),
        );
        for (c, eq) in balance.iter().enumerate().take(grid.columns.len()) {
            let r = at(
                grid.label_columns + c,
                grid.label_columns + c + 1,
                top,
                top + STRIP_HEIGHT,
            );
            painter.rect_stroke(r, 0.0, line, StrokeKind::Middle);
            balance_cell_ui(ui, r, eq, cx.report);
        }
    }
}

const STRIP_HEIGHT: f32 = 44.0;

/// One column of the T3-A strip: 「15/15」 in green, or the two sums and the difference in red.
fn balance_cell_ui(ui: &mut Ui, rect: Rect, eq: &Equation, report: &Report) {
    let sum = |terms: &[crate::template::Term]| {
        terms
            .iter()
            .map(|term| report.num(term.cell))
            .sum::<Option<Num>>()
    };
    let (text, color) = match (sum(&eq.left), sum(&eq.right)) {
        (Some(l), Some(r)) if l == r => (format!("{l}/{r}"), OK),
        (Some(l), Some(r)) => (
            format!("{l}/{r}\n差{}", Num::from_scaled((l - r).scaled().abs())),
            ERROR,
        ),
        _ => ("无效".to_string(), ERROR),
    };
    let builder =
        UiBuilder::new()
            .max_rect(rect.shrink(2.0))
            .layout(egui::Layout::centered_and_justified(
                egui::Direction::TopDown,
            ));
    ui.scope_builder(builder, |ui| {
        ui.add(egui::Label::new(
            egui::RichText::new(text).color(color).small(),
        ))
        .on_hover_text(eq.scope.clone())
    });
}

fn centred_label(ui: &mut Ui, rect: Rect, text: &str) -> Id {
    label_in(ui, rect, text, Align::Center)
}

fn left_label(ui: &mut Ui, rect: Rect, text: &str) -> Id {
    label_in(ui, rect, text, Align::Min)
}

/// A wrapped label, vertically centred in its cell (an accessible node others can be
/// labelled by).
fn label_in(ui: &mut Ui, rect: Rect, text: &str, align: Align) -> Id {
    let inner = rect.shrink(PAD);
    let height = text_height(ui, text, rect.width()) - 2.0 * PAD;
    let top = inner.top() + ((inner.height() - height) / 2.0).max(0.0);
    let area = Rect::from_min_max(egui::pos2(inner.left(), top), inner.max);
    let builder = UiBuilder::new()
        .max_rect(area)
        .layout(egui::Layout::top_down(align));
    ui.scope_builder(builder, |ui| {
        ui.add(egui::Label::new(text).wrap().halign(align))
    })
    .inner
    .id
}

fn cell_ui(ui: &mut Ui, rect: Rect, cell: CellIx, names: &[Id], cx: &mut CellContext) {
    let report = cx.report;
    let t = report.template;
    let computed = !t.is_typed(cell, report.auto_totals);
    let id = cell_widget_id(cell);
    let mut text = match cx.editing {
        Some((c, buffer)) if *c == cell => buffer.clone(),
        _ => report.text(cell),
    };
    let fill = match report.cell(cell) {
        CellValue::Invalid(_) => Some(super::INVALID_FILL),
        _ if computed => Some(super::COMPUTED_FILL),
        _ => None,
    };
    if let Some(fill) = fill {
        ui.painter().rect_filled(rect.shrink(0.5), 0.0, fill);
    }
    if *cx.select == Some(cell) && !ui.input(|i| i.pointer.any_down()) {
        select_all(ui, id, &text);
        *cx.select = None;
    }
    let edit = TextEdit::singleline(&mut text)
        .id(id)
        .align(egui::Align2::RIGHT_CENTER)
        .frame(egui::Frame::NONE)
        .margin(egui::Margin::symmetric(0, 4))
        .desired_width(rect.width() - 2.0 * CELL_INSET)
        // Tab is ours (app::keys): it goes round the table instead of out to the menu.
        .lock_focus(true)
        .interactive(!computed);
    // One text line, vertically centred, inset from the rules (the text edit's own right
    // margin is not honoured by right alignment).
    let line = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let edit_rect = Rect::from_center_size(
        rect.center(),
        vec2(rect.width() - 2.0 * CELL_INSET, line.min(rect.height())),
    );
    let mut response = ui.put(edit_rect, edit);
    for name in names {
        response = response.labelled_by(*name);
    }
    // Focus can arrive by click, by Tab (egui's own order is the table's row order, and
    // computed cells are not focusable), or by a move; whichever way, start editing here.
    if response.has_focus() && !matches!(cx.editing, Some((c, _)) if *c == cell) {
        *cx.editing = Some((cell, report.text(cell)));
        *cx.select = Some(cell);
        ui.ctx().request_repaint();
        cx.commands.push(Command::BreakGroup);
    }
    if response.changed() {
        *cx.editing = Some((cell, text.clone()));
        cx.commands.push(Command::Edit(Edit::Cell { cell, text }));
    }
    if response.lost_focus() && matches!(cx.editing, Some((c, _)) if *c == cell) {
        *cx.editing = None;
        cx.commands.push(Command::BreakGroup);
    }
    if *cx.focus == Some(Place::Cell(cell)) {
        response.request_focus();
        response.scroll_to_me(Some(Align::Center));
        *cx.focus = None;
    }
    if let Some(marks) = cx.marks.get(&cell) {
        let worst = cx.findings[marks[0]].severity;
        // An import doubt is the more specific news than a warning (a cell left blank
        // because it could not be read is not an ordinary blank): blue unless an error.
        let doubt = marks
            .iter()
            .any(|&i| cx.findings[i].rule == crate::check::RuleId::IMPREVIEW);
        let colour = if doubt && worst != crate::check::Severity::Error {
            super::import::IMPORT_MARK
        } else {
            severity_color(worst)
        };
        ui.painter().rect_stroke(
            rect.shrink(1.0),
            0.0,
            Stroke::new(2.0, colour),
            StrokeKind::Inside,
        );
        let (findings, commands) = (cx.findings, &mut *cx.commands);
        response.on_hover_ui(|ui| {
            findings_tooltip_ui(ui, marks.iter().map(|&i| &findings[i]), t, commands)
        });
    } else if let Some(mark) = cx.report.review.mark_of(cell) {
        ui.painter().rect_stroke(
            rect.shrink(1.0),
            0.0,
            Stroke::new(2.0, super::import::IMPORT_MARK),
            StrokeKind::Inside,
        );
        response.on_hover_text(format!(
            "导入时{}：{}（修改这一格即视为已核对）",
            mark.kind.name(),
            mark.reason
        ));
    } else if computed {
        response.on_hover_text("自动合计（可在本部分上方关闭“自动计算合计”）");
    }
}

/// Each finding's message and, where one value fixes it, a 「改为 N」 button.
pub fn findings_tooltip_ui<'f>(
    ui: &mut Ui,
    findings: impl Iterator<Item = &'f Finding>,
    t: &crate::template::Template,
    commands: &mut Vec<Command>,
) {
    ui.set_max_width(420.0);
    for f in findings {
        ui.colored_label(
            severity_color(f.severity),
            format!("{}：{}", t.rule_name(f.rule), f.text(t)),
        );
        if let Some(fix) = &f.fix {
            super::problems::fix_button(ui, t, fix, commands);
        }
    }
}

fn select_all(ui: &Ui, id: Id, text: &str) {
    let mut state = egui::TextEdit::load_state(ui.ctx(), id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::select_all_str(text)));
    state.store(ui.ctx(), id);
}
