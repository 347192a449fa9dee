//! The 问题 panel: every finding; clicking one goes to its cell or field and focuses it, and
//! where one value fixes it a 「改为 N」 button does so.

use egui::{RichText, ScrollArea, Ui};

use super::outline::{part_of, target_of};
use super::severity_color;
use crate::check::{Finding, Fix};
use crate::editor::Edit;
use crate::model::Report;
use crate::template::Template;
use crate::ui::command::Command;

/// 「改为 N」: applies a finding's fix, the cell named on hover.
pub fn fix_button(ui: &mut Ui, t: &Template, fix: &Fix, commands: &mut Vec<Command>) {
    if ui
        .button(format!("改为 {}", fix.value))
        .on_hover_text(t.cell_label(fix.cell))
        .clicked()
    {
        commands.push(Command::Edit(Edit::Suggestion {
            cell: fix.cell,
            value: fix.value.clone(),
        }));
    }
}

pub fn problems_ui(
    ui: &mut Ui,
    report: &Report,
    findings: &[Finding],
    has_prev: bool,
    commands: &mut Vec<Command>,
) {
    let (errors, warnings) = crate::check::tally(findings);
    ui.heading(format!("问题（错误{errors}，警告{warnings}）"));
    if !has_prev {
        ui.small("关联上年报告后还会核对上年结转等跨年度关系。");
    }
    if findings.is_empty() {
        ui.colored_label(super::OK, "未发现问题。");
    }
    let t = report.template;
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for f in findings {
                ui.separator();
                let title = RichText::new(format!("{} {}", f.severity.chinese(), f.rule.as_str()))
                    .color(severity_color(f.severity))
                    .strong();
                let response = ui.add(egui::Label::new(title).sense(egui::Sense::click()));
                let message = ui.add(
                    egui::Label::new(f.text(t))
                        .wrap()
                        .sense(egui::Sense::click()),
                );
                if response.clicked() || message.clicked() {
                    commands.push(Command::GoTo(part_of(t, f), target_of(report, f)));
                }
                if let Some(fix) = &f.fix {
                    fix_button(ui, t, fix, commands);
                }
            }
        });
}
