//! 基本信息: who reports, for which year, contact details, 落款, the optional preamble, the
//! template version (with the conversion to the 2021 format where due), and last year's report.

use egui::{TextEdit, Ui};

use super::{ERROR, WARNING};
use crate::editor::{Edit, Editor, MetaField};
use crate::model;
use crate::template::Place;
use crate::ui::command::Command;

/// The year as typed, kept while it is not a valid year (shown flagged, never dropped).
pub struct MetaState {
    pub year_text: String,
}

pub fn meta_ui(
    ui: &mut Ui,
    editor: &Editor,
    state: &mut MetaState,
    focus: &mut Option<Place>,
    commands: &mut Vec<Command>,
) {
    let report = &editor.report;
    ui.heading("基本信息");
    egui::Grid::new("meta-grid")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            let label = ui.label("报告年度");
            let year_ok = parse_year(&state.year_text).is_some();
            let mut edit = TextEdit::singleline(&mut state.year_text).desired_width(80.0);
            if !year_ok {
                edit = edit.text_color(ERROR);
            }
            let response = ui.add(edit).labelled_by(label.id);
            if *focus == Some(Place::Year) {
                response.request_focus();
                *focus = None;
            }
            if response.changed()
                && let Some(year) = parse_year(&state.year_text)
            {
                commands.push(Command::Edit(Edit::Year(year)));
            }
            if !year_ok {
                ui.colored_label(ERROR, crate::model::invalid_year(&state.year_text));
            }
            ui.end_row();
            for field in MetaField::ALL {
                let label = ui.label(field.label());
                let mut text = report.meta.field(field).to_string();
                let response = ui
                    .add(TextEdit::singleline(&mut text).desired_width(420.0))
                    .labelled_by(label.id);
                if *focus == Some(Place::Meta(field)) {
                    response.request_focus();
                    *focus = None;
                }
                if response.changed() {
                    commands.push(Command::Edit(Edit::Meta { field, text }));
                }
                if response.lost_focus() {
                    commands.push(Command::BreakGroup);
                }
                ui.end_row();
            }
        });
    ui.add_space(10.0);
    let label = ui.label("前言（可选：编制依据、统计期限、下载地址、联系方式）");
    let field = report.template.preamble();
    let mut preamble = report.narrative(field).to_string();
    let response = ui
        .add(
            TextEdit::multiline(&mut preamble)
                .id(super::narrative::narrative_id(field))
                .desired_rows(4)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if *focus == Some(Place::Narrative(field)) {
        response.request_focus();
        *focus = None;
    }
    if response.changed() {
        commands.push(Command::Edit(Edit::Narrative {
            field,
            text: preamble,
        }));
    }
    ui.add_space(10.0);
    template_ui(ui, editor, commands);
    ui.add_space(10.0);
    prev_ui(ui, editor, commands);
}

pub use crate::model::parse_year;

fn template_ui(ui: &mut Ui, editor: &Editor, commands: &mut Vec<Command>) {
    let t = &editor.report.template.def;
    ui.label(format!("模板：{}（{}《{}》）", t.name, t.notice, t.title));
    if let Some(target) = model::migration_target(&editor.report)
        && target.applies_to(editor.report.meta.year)
    {
        ui.colored_label(
            ERROR,
            format!(
                "{}年度报告应使用{}。",
                editor.report.meta.year, target.def.name
            ),
        );
        if ui.button(format!("转换为{}", target.def.name)).clicked() {
            commands.push(Command::Edit(Edit::Migrate));
        }
    }
    if let Some(notes) = &editor.migration_notes {
        ui.colored_label(
            WARNING,
            format!("已转换。需要重新填写：{}。", notes.reenter.join("、")),
        );
        if !notes.note.is_empty() {
            ui.label(&notes.note);
        }
        if !notes.dropped.is_empty() {
            ui.label("原表格中的以下数值未能对应到新格式，供重新填写时参考：");
            for (label, text) in &notes.dropped {
                ui.label(format!("　{label}：{text}"));
            }
        }
    }
}

fn prev_ui(ui: &mut Ui, editor: &Editor, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| match &editor.prev {
        Some(prev) => {
            ui.label(format!(
                "上年报告：{}（{}年度），用于核对上年结转等跨年度关系",
                prev.path.display(),
                prev.report.meta.year
            ));
            if ui.button("取消关联").clicked() {
                commands.push(Command::DetachPrev);
            }
        }
        None => match &editor.prev_missing {
            Some(missing) => {
                ui.colored_label(
                    ERROR,
                    format!(
                        "找不到关联的上年报告：{}，跨年度关系未核对",
                        missing.display()
                    ),
                );
                if ui.button("重新选择…").clicked() {
                    commands.push(Command::AttachPrev);
                }
                if ui.button("取消关联").clicked() {
                    commands.push(Command::DetachPrev);
                }
            }
            None => {
                ui.label("未关联上年报告（关联后可核对上年结转等跨年度关系）");
                if ui.button("关联上年报告…").clicked() {
                    commands.push(Command::AttachPrev);
                }
            }
        },
    });
}
