//! The status bar: saved or not, errors and warnings, the template version, the last message.

use egui::Ui;

use super::counts_ui;
use crate::check::tally;
use crate::editor::Editor;

/// `desk_warnings`: what only 批量检查 found of this report, counted as the problems panel
/// and the desk's table count it.
pub fn status_ui(
    ui: &mut Ui,
    editor: &Editor,
    desk_warnings: usize,
    message: Option<&(String, bool)>,
) {
    ui.horizontal(|ui| {
        // A report never saved is 未保存 however little it holds, as the title says.
        if editor.is_dirty() || editor.path.is_none() {
            ui.colored_label(super::WARNING, "未保存");
        } else {
            ui.label("已保存");
        }
        ui.separator();
        let (errors, warnings) = tally(editor.findings());
        let warnings = warnings + desk_warnings;
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
            let color = if *is_error {
                super::ERROR
            } else {
                ui.visuals().text_color()
            };
            // One line, cut with 「…」 at the window's edge; the whole text on hover.
            let label = egui::Label::new(egui::RichText::new(text).color(color))
                .truncate()
                .show_tooltip_when_elided(false);
            ui.add(label).on_hover_text(text);
        }
    });
}
