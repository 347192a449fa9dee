//! Modal dialogs: the unsaved-changes prompt, 新建, a file path (with 浏览… for the system
//! dialog), messages, and the offer to restore work after a crash. The questions before a
//! save (replace a file, a file changed on disk) are in `ask.rs`.

use std::path::PathBuf;

use egui::{Modal, TextEdit, Ui};

use super::Guarded;
use super::ask::{self, PendingSave};
use super::files::PickFor;
use crate::editor::session::RecoveryInfo;
use crate::file::Overwrite;
use crate::model::Report;

pub enum Dialog {
    Unsaved {
        then: Guarded,
    },
    NewReport {
        year: String,
        organ: String,
        from: Option<String>,
    },
    Path {
        purpose: PickFor,
        text: String,
        then: Option<Guarded>,
    },
    Message {
        title: String,
        text: String,
    },
    /// An export is written: open it or its folder.
    Exported {
        path: PathBuf,
        /// What the clerk should still know (errors left in the report).
        warning: Option<String>,
    },
    Recovery {
        info: RecoveryInfo,
        report: Box<Report>,
    },
    /// 「文件已存在，是否替换？」 (or read-only: asked once more).
    Replace {
        save: PendingSave,
        read_only: bool,
    },
    /// The own file changed on disk since it was opened or saved.
    Changed {
        path: PathBuf,
        then: Option<Guarded>,
    },
    /// 自动计算合计 would replace typed totals: each one, 「名称：旧 → 新」.
    RewriteTotals {
        lines: Vec<String>,
    },
    /// 「已核实，说明原因」 for a warning: the reason typed here.
    AnswerWarning {
        rule: crate::check::RuleId,
        places: Vec<crate::template::Place>,
        /// The rule's name and the finding's text, shown above the reason.
        about: String,
        reason: String,
    },
}

/// What the clerk answered.
pub enum Answer {
    Cancel,
    /// Open a file or folder with the system's program for it.
    OpenExternal(PathBuf),
    Save(Guarded),
    Discard(Guarded),
    Create {
        year: i32,
        organ: String,
        from: Option<PathBuf>,
    },
    Path {
        purpose: PickFor,
        path: PathBuf,
        then: Option<Guarded>,
    },
    Browse(PickFor),
    Restore(Box<(RecoveryInfo, Report)>),
    DropRecovery(String),
    /// Write the pending save, replacing what is there as allowed.
    Replace(PendingSave, Overwrite),
    /// 保留我的: save over the changed file.
    KeepMine(Option<Guarded>),
    /// 重新载入: the file as it is on disk now, the edits here dropped.
    Reload(PathBuf),
    /// 另存为 instead of replacing the changed file.
    SaveElsewhere(Option<Guarded>),
    /// Turn 自动计算合计 on, rewriting the totals listed.
    RewriteTotals,
    /// A warning answered with this reason.
    Answered {
        rule: crate::check::RuleId,
        places: Vec<crate::template::Place>,
        reason: String,
    },
}

pub fn dialog_ui(ctx: &egui::Context, dialog: &mut Dialog) -> Option<Answer> {
    let modal = Modal::new(egui::Id::unique("nianbao-dialog")).show(ctx, |ui| {
        ui.set_width(460.0);
        match dialog {
            Dialog::Unsaved { then } => unsaved_ui(ui, then),
            Dialog::NewReport { year, organ, from } => new_report_ui(ui, year, organ, from),
            Dialog::Path {
                purpose,
                text,
                then,
            } => path_ui(ui, *purpose, text, then),
            Dialog::Message { title, text } => {
                ui.heading(title.as_str());
                ui.label(text.as_str());
                ui.button("确定").clicked().then_some(Answer::Cancel)
            }
            Dialog::Exported { path, warning } => exported_ui(ui, path, warning.as_deref()),
            Dialog::Recovery { info, report } => recovery_ui(ui, info, report),
            Dialog::Replace { save, read_only } => ask::replace_ui(ui, save, *read_only),
            Dialog::Changed { path, then } => ask::changed_ui(ui, path, then),
            Dialog::RewriteTotals { lines } => rewrite_totals_ui(ui, lines),
            Dialog::AnswerWarning {
                rule,
                places,
                about,
                reason,
            } => answer_ui(ui, *rule, places, about, reason),
        }
    });
    let escaped = modal.should_close() && !matches!(dialog, Dialog::Recovery { .. });
    modal.inner.or(escaped.then_some(Answer::Cancel))
}

/// The reason for a warning that is right as it stands (行政许可 really rose fivefold): kept
/// with the report, shown as 已说明, and reopened when the figures it is about change.
fn answer_ui(
    ui: &mut Ui,
    rule: crate::check::RuleId,
    places: &[crate::template::Place],
    about: &str,
    reason: &mut String,
) -> Option<Answer> {
    ui.heading("已核实，说明原因");
    ui.label(about);
    ui.label("请写明为什么这条提示不需要修改（例如数字确有大幅变化的原因）。说明随报告保存；相关的数字或文字再有改动时，提示会重新出现。");
    let label = ui.label("说明原因");
    ui.add(
        TextEdit::multiline(reason)
            .desired_rows(3)
            .desired_width(440.0),
    )
    .labelled_by(label.id);
    ui.horizontal(|ui| {
        let ready = !reason.trim().is_empty();
        if ui.add_enabled(ready, egui::Button::new("确定")).clicked() {
            return Some(Answer::Answered {
                rule,
                places: places.to_vec(),
                reason: reason.trim().to_string(),
            });
        }
        ui.button("取消").clicked().then_some(Answer::Cancel)
    })
    .inner
}

fn unsaved_ui(ui: &mut Ui, then: &Guarded) -> Option<Answer> {
    ui.heading("保存修改吗？");
    ui.label("当前报告有未保存的修改。不保存的话，这些修改将会丢失。");
    ui.horizontal(|ui| {
        if ui.button("保存").clicked() {
            return Some(Answer::Save(then.clone()));
        }
        if ui.button("不保存").clicked() {
            return Some(Answer::Discard(then.clone()));
        }
        ui.button("取消").clicked().then_some(Answer::Cancel)
    })
    .inner
}

fn rewrite_totals_ui(ui: &mut Ui, lines: &[String]) -> Option<Answer> {
    ui.heading("开启自动计算合计将改写合计");
    ui.label(format!(
        "以下 {} 个合计与分项之和不同，开启后将改为分项之和（可撤销）：",
        lines.len()
    ));
    egui::ScrollArea::vertical()
        .max_height(240.0)
        .show(ui, |ui| {
            for line in lines {
                ui.label(line.as_str());
            }
        });
    ui.horizontal(|ui| {
        if ui.button("改写合计").clicked() {
            return Some(Answer::RewriteTotals);
        }
        ui.button("取消").clicked().then_some(Answer::Cancel)
    })
    .inner
}

fn labelled(ui: &mut Ui, label: &str, text: &mut String, width: f32) -> egui::Response {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        ui.add(TextEdit::singleline(text).desired_width(width))
            .labelled_by(label.id)
    })
    .inner
}

fn new_report_ui(
    ui: &mut Ui,
    year: &mut String,
    organ: &mut String,
    from: &mut Option<String>,
) -> Option<Answer> {
    ui.heading(if from.is_some() {
        "从上年报告新建"
    } else {
        "新建报告"
    });
    labelled(ui, "报告年度", year, 80.0);
    let parsed = crate::ui::meta::parse_year(year);
    match parsed {
        Some(y) => {
            let t = crate::template::for_year(y);
            ui.label(format!("将使用{}（{}）", t.def.name, t.def.notice));
        }
        None => {
            ui.colored_label(crate::ui::ERROR, crate::model::invalid_year(year));
        }
    }
    labelled(ui, "机关名称", organ, 320.0);
    let mut browse = false;
    if let Some(from) = from.as_mut() {
        ui.horizontal(|ui| {
            let label = ui.label("上年报告");
            ui.add(TextEdit::singleline(from).desired_width(260.0))
                .labelled_by(label.id);
            browse = ui.button("浏览…").clicked();
        });
        ui.label(
            "将带入上年的结转数、机关信息、前言和正文（年份改为新年度；正文中的数字请逐一核对）。",
        );
    }
    if browse {
        return Some(Answer::Browse(PickFor::NewFrom));
    }
    ui.horizontal(|ui| {
        let ready = parsed.is_some()
            && !organ.trim().is_empty()
            && from.as_ref().is_none_or(|f| !f.trim().is_empty());
        if ui.add_enabled(ready, egui::Button::new("确定")).clicked() {
            return Some(Answer::Create {
                year: parsed.unwrap_or_default(),
                organ: organ.trim().to_string(),
                from: from.as_ref().map(|f| PathBuf::from(f.trim())),
            });
        }
        ui.button("取消").clicked().then_some(Answer::Cancel)
    })
    .inner
}

fn path_ui(
    ui: &mut Ui,
    purpose: PickFor,
    text: &mut String,
    then: &Option<Guarded>,
) -> Option<Answer> {
    ui.heading(purpose.title());
    let response = labelled(ui, "文件路径", text, 330.0);
    let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    ui.horizontal(|ui| {
        if ui.button("浏览…").clicked() {
            return Some(Answer::Browse(purpose));
        }
        let ready = !text.trim().is_empty();
        if ui.add_enabled(ready, egui::Button::new("确定")).clicked() || (entered && ready) {
            return Some(Answer::Path {
                purpose,
                path: PathBuf::from(text.trim()),
                then: then.clone(),
            });
        }
        ui.button("取消").clicked().then_some(Answer::Cancel)
    })
    .inner
}

fn recovery_ui(ui: &mut Ui, info: &RecoveryInfo, report: &Report) -> Option<Answer> {
    ui.heading("恢复未保存的修改？");
    let whose = match &info.path {
        Some(path) => format!("文件 {}", path.display()),
        None => "一份尚未保存的报告".to_string(),
    };
    ui.label(format!(
        "上次程序意外退出时，{whose}（{}{}年度）有未保存的修改。恢复后请记得保存。",
        report.meta.organ, report.meta.year
    ));
    ui.horizontal(|ui| {
        if ui.button("恢复").clicked() {
            return Some(Answer::Restore(Box::new((info.clone(), report.clone()))));
        }
        ui.button("丢弃")
            .clicked()
            .then(|| Answer::DropRecovery(info.session.clone()))
    })
    .inner
}

fn exported_ui(ui: &mut Ui, path: &std::path::Path, warning: Option<&str>) -> Option<Answer> {
    ui.heading("导出完成");
    ui.label(format!("已导出：{}", path.display()));
    if let Some(warning) = warning {
        ui.colored_label(crate::ui::ERROR, warning);
    }
    ui.horizontal(|ui| {
        if ui.button("打开").clicked() {
            return Some(Answer::OpenExternal(path.to_path_buf()));
        }
        if let Some(folder) = path.parent()
            && ui.button("打开所在文件夹").clicked()
        {
            return Some(Answer::OpenExternal(folder.to_path_buf()));
        }
        ui.button("关闭").clicked().then_some(Answer::Cancel)
    })
    .inner
}
