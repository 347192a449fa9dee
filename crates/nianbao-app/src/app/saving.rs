//! Every save of the window goes through [`App::save_chosen`]: the final path first (extension
//! added), then 「文件已存在，是否替换？」 when something is there, then the write, whose refusals
//! (read-only, changed on disk, open in another window) become questions, never silent
//! overwrites.

use std::path::{Path, PathBuf};

use super::ask::{self, PendingSave};
use super::dialogs::Dialog;
use super::{App, Guarded, PickFor};
use crate::file::{self, Overwrite, SaveError};

impl App {
    /// 保存: over the own file, or asks for a name first.
    pub(super) fn save_own(&mut self, ctx: &egui::Context, then: Option<Guarded>) {
        match self.editor.path.clone() {
            Some(path) => self.save_chosen(ctx, PickFor::SaveAs, &path, Overwrite::Replace, then),
            None => self.ask_path(ctx, PickFor::SaveAs, then),
        }
    }

    /// Saves for `purpose` at `path` (the extension is added first). `Overwrite::Never` asks
    /// before replacing anything; the own file is replaced without asking (保存), but never
    /// when it changed on disk.
    pub(super) fn save_chosen(
        &mut self,
        ctx: &egui::Context,
        purpose: PickFor,
        path: &Path,
        overwrite: Overwrite,
        then: Option<Guarded>,
    ) {
        let path = ask::final_path(purpose, path);
        let own = purpose == PickFor::SaveAs && self.editor.is_own_file(&path);
        let overwrite = if own && overwrite == Overwrite::Never {
            Overwrite::Replace
        } else {
            overwrite
        };
        let pending = PendingSave {
            purpose,
            path: path.clone(),
            then,
        };
        if overwrite == Overwrite::Never && file::occupied(&path) {
            self.dialog = Some(Dialog::Replace {
                save: pending,
                read_only: false,
            });
            return;
        }
        let result = match purpose {
            PickFor::ExportPdf => return self.export_pdf(ctx, &path, overwrite),
            PickFor::ExportJson => {
                file::save_report(&self.editor.report, &path, overwrite, None).map(|_| ())
            }
            PickFor::DeskExcel => match self.desk.as_ref().and_then(|d| d.workbook()) {
                Some(Ok(bytes)) => file::write_file(&path, &bytes, overwrite, None).map(|_| ()),
                Some(Err(e)) => return self.error("导出失败", format!("无法生成汇总表：{e}")),
                None => return,
            },
            PickFor::ExportHtml | PickFor::ExportDocx => {
                match self.publish(purpose, &path, overwrite) {
                    Ok(result) => result,
                    Err(e) => return self.error("导出失败", e),
                }
            }
            _ => self.editor.save_as(&path, overwrite).map(|_| ()),
        };
        match result {
            Ok(()) => self.saved(ctx, pending),
            Err(e) => self.refused(ctx, pending, e),
        }
    }

    fn saved(&mut self, ctx: &egui::Context, done: PendingSave) {
        let shown = done.path.display();
        if matches!(
            done.purpose,
            PickFor::ExportJson | PickFor::ExportHtml | PickFor::ExportDocx | PickFor::DeskExcel
        ) {
            self.message = Some((format!("已导出 {shown}"), false));
            self.dialog = Some(super::dialogs::Dialog::Exported {
                path: done.path.clone(),
                warning: None,
            });
            return;
        }
        self.message = Some((format!("已保存 {shown}"), false));
        // A fix saved into the folder 批量检查 shows is checked again, so its table is not stale.
        if let Some(desk) = &mut self.desk
            && desk.holds(&done.path)
        {
            desk.restart(ctx);
        }
        // Each says so when it fails: the recovery copy, the recent-files list.
        self.clear_recovery();
        self.recovery_written = None;
        self.remember(&done.path);
        if let Some(then) = done.then {
            self.proceed(ctx, then);
        }
    }

    /// A save that was refused: asks what the clerk wants, or says why it failed.
    pub(super) fn refused(&mut self, ctx: &egui::Context, pending: PendingSave, e: SaveError) {
        match e {
            SaveError::Exists(_) => {
                self.dialog = Some(Dialog::Replace {
                    save: pending,
                    read_only: false,
                })
            }
            SaveError::ReadOnly(_) => {
                self.dialog = Some(Dialog::Replace {
                    save: pending,
                    read_only: true,
                })
            }
            SaveError::Changed(_) => {
                self.dialog = Some(Dialog::Changed {
                    path: pending.path,
                    then: pending.then,
                })
            }
            SaveError::OpenElsewhere(_) if self.editor.is_own_file(&pending.path) => {
                self.message = Some((
                    "该文件已在另一个窗口中打开，只读；请另存为其他文件".into(),
                    true,
                ));
                self.ask_path(ctx, PickFor::SaveAs, pending.then);
            }
            e => {
                let title = if pending.purpose == PickFor::SaveAs {
                    "保存失败"
                } else {
                    "导出失败"
                };
                let text = match e {
                    SaveError::Io(_) | SaveError::TooLarge { .. } => {
                        format!("{}：{e}", pending.path.display())
                    }
                    e => e.to_string(),
                };
                self.error(title, text);
            }
        }
    }

    /// 保留我的: replaces the file that changed on disk with this window's report.
    pub(super) fn keep_mine(&mut self, ctx: &egui::Context, then: Option<Guarded>) {
        self.editor.forget_stamp();
        self.save_own(ctx, then);
    }

    /// 重新载入: the file as it is now; this window's edits are dropped (the clerk chose so).
    pub(super) fn reload(&mut self, path: PathBuf) {
        self.open(&path);
    }
}
