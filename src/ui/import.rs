//! The import report in the 问题 panel: what was read, and each row whose cells were realigned,
//! inferred or left blank, with a click to go there. Editing a cell confirms it.

use egui::{CollapsingHeader, RichText, Ui};

use crate::app::{Command, Part, Target};
use crate::import::{ImportReport, MarkKind};
use crate::model::Report;
use crate::template::{SectionContent, Template};

pub const IMPORT_MARK: egui::Color32 = egui::Color32::from_rgb(0x2a, 0x6f, 0xdb);

pub fn import_ui(ui: &mut Ui, report: &Report, import: &ImportReport, commands: &mut Vec<Command>) {
    let t = report.template;
    let title = format!("导入说明（待核对 {} 个单元格）", import.marks.len());
    CollapsingHeader::new(RichText::new(title).color(IMPORT_MARK).strong())
        .id_salt("nianbao-import")
        .default_open(true)
        .show(ui, |ui| {
            ui.label(import.summary());
            for note in &import.notes {
                ui.small(note);
            }
            // One entry per row and reason: a lost row is one line, not seven. The list
            // scrolls on its own so the problems below stay in view.
            let height = ui.available_height() * 0.4;
            egui::ScrollArea::vertical()
                .id_salt("nianbao-import-marks")
                .max_height(height)
                .show(ui, |ui| marks_ui(ui, t, import, commands));
            if !import.marks.is_empty() && ui.button("全部已核对").clicked() {
                commands.push(Command::ConfirmImport);
            }
        });
}

fn marks_ui(ui: &mut Ui, t: &Template, import: &ImportReport, commands: &mut Vec<Command>) {
    let mut last: Option<(usize, usize, MarkKind, &str)> = None;
    for m in &import.marks {
        let cell = &t.cells[m.cell];
        let key = (
            cell.table,
            cell.grid * 1000 + cell.row,
            m.kind,
            m.reason.as_str(),
        );
        if last == Some(key) {
            continue;
        }
        last = Some(key);
        let (_, row, _) = t.cell_parts(m.cell);
        let name = row
            .labels
            .last()
            .cloned()
            .unwrap_or_else(|| t.table_part(cell.table));
        let text = format!("［{}］{}：{}", m.kind.name(), name, m.reason);
        let label = egui::Label::new(RichText::new(text).color(IMPORT_MARK)).wrap();
        if ui.add(label.sense(egui::Sense::click())).clicked() {
            commands.push(Command::GoTo(
                part_of_cell(t, m.cell),
                Some(Target::Cell(m.cell)),
            ));
        }
    }
}

/// The part of the window that shows a cell's table.
pub fn part_of_cell(t: &Template, cell: usize) -> Part {
    let table = &t.def.tables[t.cells[cell].table].id;
    t.def
        .sections
        .iter()
        .position(|s| matches!(&s.content, SectionContent::Table(id) if id == table))
        .map_or(Part::Meta, Part::Section)
}
