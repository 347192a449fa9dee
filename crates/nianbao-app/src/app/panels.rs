//! The frame's panels: menu, status bar, outline, problems, and the part in the centre.

use super::{App, Command, Guarded, Part};
use crate::editor::Edit;
use crate::template::SectionContent;
use crate::ui;

impl App {
    pub(super) fn panels_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let menu = egui::Panel::top("nianbao-menu").show(ui, |ui| self.menu_ui(ui, commands));
        // Windows over the report (批量检查) stay below the menu, so 文件 is always in reach.
        self.below_menu = ui
            .ctx()
            .content_rect()
            .with_min_y(menu.response.rect.bottom() + 1.0);
        if self.editor.read_only() {
            egui::Panel::top("nianbao-read-only").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.colored_label(ui::ERROR, "该文件已在另一个窗口中打开，只读");
                    if ui.button("另存为…").clicked() {
                        commands.push(Command::SaveAs);
                    }
                });
            });
        }
        egui::Panel::bottom("nianbao-status").show(ui, |ui| {
            ui::status::status_ui(
                ui,
                &self.editor,
                self.desk_said.len(),
                self.message.as_ref(),
            )
        });
        egui::Panel::left("nianbao-outline")
            .resizable(true)
            .default_size(210.0)
            .show(ui, |ui| {
                ui::outline::outline_ui(
                    ui,
                    &self.editor.report,
                    self.editor.findings(),
                    self.part,
                    commands,
                );
            });
        egui::Panel::right("nianbao-problems")
            .resizable(true)
            .default_size(300.0)
            .show(ui, |ui| {
                let has_prev = self.editor.prev.is_some();
                if !self.editor.report.review.is_empty() {
                    ui::import::import_ui(ui, &self.editor.report, commands);
                    ui.separator();
                }
                ui::problems::problems_ui(
                    ui,
                    &self.editor.report,
                    self.editor.findings(),
                    &self.desk_said,
                    has_prev,
                    commands,
                );
            });
        egui::CentralPanel::default().show(ui, |ui| {
            if self.part == Part::Preview {
                // 预览 scrolls its pages below its own toolbar.
                return self.part_ui(ui, commands);
            }
            egui::ScrollArea::both()
                .auto_shrink([false, false])
                .show(ui, |ui| self.part_ui(ui, commands));
        });
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("文件", |ui| {
                let items = [
                    ("新建…", Command::Guarded(Guarded::New)),
                    ("从上年报告新建…", Command::Guarded(Guarded::NewFromPrev)),
                    ("打开…", Command::Guarded(Guarded::Open)),
                    ("保存", Command::Save),
                    ("另存为…", Command::SaveAs),
                    ("导出PDF…", Command::ExportPdf),
                    ("导出网页…", Command::ExportHtml),
                    ("导出Word…", Command::ExportDocx),
                    ("复制为网页", Command::CopyHtml),
                    ("导出数据文件（JSON）…", Command::ExportJson),
                    ("关联上年报告…", Command::AttachPrev),
                    ("批量检查文件夹…", Command::CheckFolder),
                ];
                for (label, command) in items {
                    if ui.add(menu_item(label, &command)).clicked() {
                        commands.push(command);
                    }
                }
                ui.menu_button("最近打开", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label("（无）");
                    }
                    for path in &self.settings.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            commands.push(Command::Guarded(Guarded::OpenPath(path.clone())));
                        }
                    }
                });
                if ui.button("退出").clicked() {
                    commands.push(Command::Guarded(Guarded::Close));
                }
            });
            if ui.button("预览").clicked() {
                commands.push(Command::Preview);
            }
            ui.menu_button("编辑", |ui| {
                if ui
                    .add_enabled(self.editor.can_undo(), menu_item("撤销", &Command::Undo))
                    .clicked()
                {
                    commands.push(Command::Undo);
                }
                if ui
                    .add_enabled(self.editor.can_redo(), menu_item("重做", &Command::Redo))
                    .clicked()
                {
                    commands.push(Command::Redo);
                }
                ui.separator();
                if ui
                    .button("空白填0")
                    .on_hover_text("把表格中所有空白单元格填为0（导入时未能读取的单元格除外）")
                    .clicked()
                {
                    commands.push(Command::FillBlanks);
                }
            });
        });
    }

    fn part_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let t = self.editor.report.template;
        match self.part {
            Part::Compare => match &self.editor.prev {
                Some(prev) => {
                    let c = crate::export::compare::compare(&self.editor.report, &prev.report);
                    ui::compare::compare_ui(ui, &c, &mut self.compare_changed_only);
                }
                None => {
                    ui.label("请先关联上年报告（文件 → 关联上年报告…）");
                }
            },
            Part::Preview => {
                let found = self.installed_fonts().cloned();
                let choice = ui::preview::FontChoice {
                    on: self.installed_fonts_on(),
                    found: found.as_ref(),
                };
                ui::preview::preview_ui(
                    ui,
                    &self.editor.report,
                    &mut self.preview,
                    &choice,
                    super::keys::shortcut_of(&Command::ExportPdf),
                    commands,
                )
            }
            Part::Meta => {
                ui::meta::meta_ui(ui, &self.editor, &mut self.meta, &mut self.focus, commands)
            }
            Part::Section(i) => {
                let section = &t.def.sections[i];
                match &section.content {
                    SectionContent::Narrative(_) => {
                        let Some(field) = t.section_narrative(i) else {
                            return;
                        };
                        ui::narrative::narrative_ui(
                            ui,
                            &self.editor,
                            section,
                            field,
                            &mut self.focus,
                            commands,
                        );
                    }
                    SectionContent::Table(id) => {
                        ui.heading(&section.heading);
                        let mut auto = self.editor.report.auto_totals;
                        if ui
                            .checkbox(&mut auto, "自动计算合计")
                            .on_hover_text("关闭后可按原样核对导入报告中填写的合计数")
                            .changed()
                        {
                            commands.push(Command::Edit(Edit::AutoTotals(auto)));
                        }
                        let findings = self.editor.findings();
                        let marks = ui::cell_marks(findings);
                        let mut cx = ui::table::CellContext {
                            report: &self.editor.report,
                            findings,
                            marks: &marks,
                            editing: &mut self.editing,
                            focus: &mut self.focus,
                            select: &mut self.select,
                            commands,
                        };
                        if let Some((table, _)) = t.table(id) {
                            ui::table::table_ui(ui, table, &mut cx);
                        }
                    }
                }
            }
        }
    }
}

/// A menu entry with its shortcut, as the keyboard table spells it.
fn menu_item<'a>(label: &'a str, command: &Command) -> egui::Button<'a> {
    let button = egui::Button::new(label);
    match super::keys::shortcut_of(command) {
        Some(keys) => button.shortcut_text(keys),
        None => button,
    }
}
