//! The import report in the 问题 panel: what was read, and each row whose cells were realigned,
//! inferred or left blank, with a click to go there. Editing a cell confirms it.

use egui::{CollapsingHeader, RichText, Ui};

use crate::import::ImportReport;
use crate::model::{MarkKind, Report, Review};
use crate::template::{Place, Template};
use crate::ui::command::{Command, Part};

pub const IMPORT_MARK: egui::Color32 = egui::Color32::from_rgb(0x2a, 0x6f, 0xdb);

/// The panel: what the import said and the doubts still open, for a report just imported and
/// for one saved and reopened alike (both are saved with it).
pub fn import_ui(ui: &mut Ui, report: &Report, commands: &mut Vec<Command>) {
    let t = report.template;
    let open = report.review.open_count();
    let title = format!("导入说明（待核对 {open} 处）");
    // The notes and the marks scroll together in at most a third of the panel, so the
    // problems below keep the room (an import of a long web page has many notes).
    let height = ui.available_height() / 3.0;
    CollapsingHeader::new(RichText::new(title).color(IMPORT_MARK).strong())
        .id_salt("nianbao-import")
        .default_open(true)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("nianbao-import-marks")
                .max_height(height)
                .show(ui, |ui| {
                    if let Some(import) = &report.review.source {
                        notes_ui(ui, report, import);
                    }
                    // One entry per row and reason: a lost row is one line, not seven.
                    marks_ui(ui, t, &report.review, commands);
                });
            if open > 0 && ui.button("全部已核对").clicked() {
                commands.push(Command::ConfirmImport);
            }
        });
}

fn notes_ui(ui: &mut Ui, report: &Report, import: &ImportReport) {
    ui.label(import.summary(&report.review));
    for note in &import.notes {
        ui.small(note);
    }
    if !import.left_out.is_empty() {
        ui.small(format!(
            "以下 {} 行是网页栏目、索引号等，不属于报告，没有导入：{}",
            import.left_out.len(),
            import.left_out.join("｜")
        ));
    }
}

/// Marks of one row and reason are listed once: the row (none for a figure in no cell),
/// kind, reason.
type RowKey<'a> = (Option<(usize, usize, usize)>, MarkKind, &'a str);

fn marks_ui(ui: &mut Ui, t: &Template, review: &Review, commands: &mut Vec<Command>) {
    let mut last: Option<RowKey> = None;
    for m in review.open() {
        let row = m.cell.map(|c| t.cell(c).row_key());
        let key = (row, m.kind, m.reason.as_str());
        if m.cell.is_some() && last == Some(key) {
            continue;
        }
        last = Some(key);
        let name = match m.cell {
            Some(c) => {
                let (_, row, _) = t.cell_parts(c);
                row.labels
                    .last()
                    .cloned()
                    .unwrap_or_else(|| t.table_part(t.cell(c).table))
            }
            None => "原文".to_string(),
        };
        let original = if m.original.is_empty() || m.cell.is_some() {
            String::new()
        } else {
            format!("「{}」", m.original)
        };
        let text = format!("［{}］{name}{original}：{}", m.kind.name(), m.reason);
        let label = egui::Label::new(RichText::new(text).color(IMPORT_MARK)).wrap();
        let response = ui.add(label.sense(egui::Sense::click()));
        if let Some(cell) = m.cell
            && response.clicked()
        {
            let place = Place::Cell(cell);
            commands.push(Command::GoTo(Part::of(t, place), Some(place)));
        }
    }
}
