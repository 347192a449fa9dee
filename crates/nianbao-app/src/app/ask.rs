//! The questions before a save: replace an existing file (asked after the extension was
//! added, for 另存为, 导出JSON and 导出PDF alike), replace a read-only one, and what to do when
//! the own file was changed on disk by another program or window.

use std::path::{Path, PathBuf};

use egui::Ui;

use super::Guarded;
use super::dialogs::Answer;
use super::files::PickFor;
use crate::file::Overwrite;

/// A save waiting for an answer: what is saved, to which final path, then what.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingSave {
    pub purpose: PickFor,
    pub path: PathBuf,
    pub then: Option<Guarded>,
}

pub fn replace_ui(ui: &mut Ui, save: &PendingSave, read_only: bool) -> Option<Answer> {
    let shown = save.path.display().to_string();
    if read_only {
        ui.heading("文件是只读的，是否仍要替换？");
        ui.label(format!("{shown} 被设为只读。替换后它仍是只读文件。"));
    } else {
        ui.heading("文件已存在，是否替换？");
        ui.label(format!("{shown} 已经存在。替换后，原文件的内容将会丢失。"));
    }
    ui.horizontal(|ui| {
        if ui.button("替换").clicked() {
            let overwrite = if read_only {
                Overwrite::ReplaceReadOnly
            } else {
                Overwrite::Replace
            };
            return Some(Answer::Replace(save.clone(), overwrite));
        }
        ui.button("取消").clicked().then_some(Answer::Cancel)
    })
    .inner
}

pub fn changed_ui(ui: &mut Ui, path: &Path, then: &Option<Guarded>) -> Option<Answer> {
    ui.heading("文件已被修改");
    ui.label(format!(
        "{} 在打开后已被其他程序或另一个窗口修改。直接保存会覆盖那些修改。",
        path.display()
    ));
    ui.label("保留我的：用本窗口的内容替换；重新载入：放弃本窗口的修改，打开磁盘上的文件；另存为：保存为另一个文件。");
    ui.horizontal(|ui| {
        if ui.button("保留我的").clicked() {
            return Some(Answer::KeepMine(then.clone()));
        }
        if ui.button("重新载入").clicked() {
            return Some(Answer::Reload(path.to_path_buf()));
        }
        if ui.button("另存为").clicked() {
            return Some(Answer::SaveElsewhere(then.clone()));
        }
        ui.button("取消").clicked().then_some(Answer::Cancel)
    })
    .inner
}

/// The final path of a save for `purpose`: the extension is decided before anything is
/// asked or written.
pub fn final_path(purpose: PickFor, path: &Path) -> PathBuf {
    // A native file may also be named `.ron`: it stays what it is.
    if purpose == PickFor::SaveAs
        && crate::file::Format::from_path(path) == Some(crate::file::Format::Native)
    {
        return path.to_path_buf();
    }
    crate::file::final_path(path, extension(purpose))
}

/// The extension a save for `purpose` writes.
pub fn extension(purpose: PickFor) -> &'static str {
    match purpose {
        PickFor::ExportJson => "json",
        PickFor::ExportPdf => "pdf",
        PickFor::ExportHtml => "html",
        PickFor::ExportDocx => "docx",
        PickFor::DeskExcel => "xlsx",
        _ => "nianbao",
    }
}
