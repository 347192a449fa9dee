//! The status bar: saved or not, errors and warnings, the template version, the last message.

use egui::Ui;

use super::counts_ui;
use crate::check::tally;
use crate::editor::Editor;

pub fn status_ui(ui: &mut Ui, editor: &Editor, message: Option<&(String, bool)>) {
    ui.horizontal(|ui| {
        if editor.is_dirty() {
            ui.colored_label(super::WARNING, "未保存");
        } else {
            ui.label("已保存");
        }
        ui.separator();
        let (errors, warnings) = tally(editor.findings());
        if errors + warnings == 0 {
            ui.colored_label(super::OK, "无错误");
        } else {
            counts_ui(ui, errors, warnings);
        }
        ui.separator();
        let t = &editor.report.template.def;
        ui.label(format!("{}（{}）", t.name, t.notice));
        if let Some((text, is_error)) = message {
            ui.separator();
            if *is_error {
                ui.colored_label(super::ERROR, text);
            } else {
                ui.label(text);
            }
        }
    });
}
