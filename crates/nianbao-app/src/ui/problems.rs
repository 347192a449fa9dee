//! The 问题 panel: every finding; clicking one goes to its cell or field and focuses it, and
//! where one value fixes it a 「改为 N」 button does so.

use egui::{RichText, ScrollArea, Ui};

use super::outline::{part_of, target_of};
use super::severity_color;
use crate::check::{Finding, Fix, RuleId, TextFix};
use crate::editor::Edit;
use crate::model::Report;
use crate::template::Template;
use crate::ui::command::Command;

/// 「改为 N」 (「总计改为 N」 for a total): applies a finding's fix, the cell named on hover.
pub fn fix_button(ui: &mut Ui, t: &Template, fix: &Fix, commands: &mut Vec<Command>) {
    let what = if t.cell(fix.cell).computed {
        t.cell_parts(fix.cell).2.short.as_str()
    } else {
        ""
    };
    if ui
        .button(format!("{what}改为 {}", fix.value))
        .on_hover_text(t.cell_label(fix.cell))
        .clicked()
    {
        commands.push(Command::Edit(Edit::Suggestion {
            cell: fix.cell,
            value: fix.value.clone(),
        }));
    }
}

/// 「正文改为 N」: writes the table's figure where the narrative states another.
pub fn text_fix_button(ui: &mut Ui, fix: &TextFix, commands: &mut Vec<Command>) {
    if ui
        .button(format!("正文改为 {}", fix.value))
        .on_hover_text("把正文中的这个数字改为表格中的数字（可撤销）")
        .clicked()
    {
        commands.push(Command::Edit(Edit::TextFix(fix.clone())));
    }
}

/// `desk_said`: what only 批量检查 could find of this report (several reports of one organ,
/// another year, the 汇总 sum), warnings counted with the others, as the desk's table counts
/// them.
pub fn problems_ui(
    ui: &mut Ui,
    report: &Report,
    findings: &[Finding],
    desk_said: &[String],
    has_prev: bool,
    commands: &mut Vec<Command>,
) {
    let (errors, warnings) = crate::check::tally(findings);
    let warnings = warnings + desk_said.len();
    ui.heading(format!("问题（错误{errors}，警告{warnings}）"));
    if !has_prev {
        ui.weak("关联上年报告后还会核对上年结转等跨年度关系。");
    } else if ui
        .button("与上年比对")
        .on_hover_text("每个数字的本年、上年和增减，以及正文与上年相同的句子")
        .clicked()
    {
        commands.push(Command::GoTo(crate::ui::command::Part::Compare, None));
    }
    for said in desk_said {
        ui.colored_label(ui.visuals().warn_fg_color, format!("批量检查：{said}"));
    }
    if findings.is_empty() && desk_said.is_empty() {
        ui.colored_label(super::OK, "未发现问题。");
    }
    let t = report.template;
    let blanks = report.fillable_blanks().0.len();
    if blanks > 0
        && findings.iter().any(|f| f.rule == RuleId::VBLANK)
        && ui
            .button(format!("空白填0（{blanks} 格）"))
            .on_hover_text("把表格中所有空白单元格填为0（导入时未能读取的单元格除外），可撤销")
            .clicked()
    {
        commands.push(Command::FillBlanks);
    }
    // Errors first, then warnings, then the warnings answered, each in the rules' order.
    let mut sorted: Vec<&Finding> = findings.iter().collect();
    sorted.sort_by_key(|f| (f.answered.is_some(), std::cmp::Reverse(f.severity)));
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for f in sorted {
                ui.separator();
                let response = ui
                    .horizontal_wrapped(|ui| {
                        let title = match &f.answered {
                            None => RichText::new(format!(
                                "{}：{}",
                                f.severity.chinese(),
                                t.rule_name(f.rule)
                            ))
                            .color(severity_color(f.severity))
                            .strong(),
                            Some(_) => {
                                RichText::new(format!("已说明：{}", t.rule_name(f.rule))).weak()
                            }
                        };
                        let title = ui.add(egui::Label::new(title).sense(egui::Sense::click()));
                        ui.weak(f.rule.as_str());
                        title
                    })
                    .inner;
                let message = ui.add(
                    egui::Label::new(f.text(t))
                        .wrap()
                        .sense(egui::Sense::click()),
                );
                if (response.clicked() || message.clicked())
                    && let Some(part) = part_of(t, f)
                {
                    commands.push(Command::GoTo(part, target_of(report, f)));
                }
                if let Some(fix) = &f.fix {
                    fix_button(ui, t, fix, commands);
                }
                if let Some(fix) = &f.text_fix {
                    text_fix_button(ui, fix, commands);
                }
                if let Some(basis) = t.rule_basis(f.rule) {
                    egui::CollapsingHeader::new(RichText::new("为什么要检查这一项").small())
                        .id_salt(("nianbao-basis", f.rule.as_str(), &f.places))
                        .show(ui, |ui| ui.label(RichText::new(basis).small()));
                }
                answer_ui(ui, t, f, commands);
            }
        });
}

/// 「已核实，说明原因」 under a warning that may be right as it stands, the reason under one
/// answered (with 撤销说明), and for an error the button refused with why.
fn answer_ui(ui: &mut Ui, t: &Template, f: &Finding, commands: &mut Vec<Command>) {
    if let Some(a) = &f.answered {
        ui.label(RichText::new(format!("说明：{}（{}）", a.reason, a.date)).italics());
        if ui.small_button("撤销说明").clicked() {
            commands.push(Command::Edit(Edit::Unanswer {
                rule: f.rule,
                places: f.places.clone(),
            }));
        }
        return;
    }
    let refused = crate::check::unanswerable(f);
    let button = ui
        .add_enabled(
            refused.is_none(),
            egui::Button::new("已核实，说明原因").small(),
        )
        .on_disabled_hover_text(refused.unwrap_or_default());
    if button.clicked() {
        commands.push(Command::AskAnswer {
            rule: f.rule,
            places: f.places.clone(),
            about: format!("{}：{}", t.rule_name(f.rule), f.text(t)),
        });
    }
}
