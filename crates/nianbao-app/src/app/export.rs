//! 导出PDF: the export runs on a thread (layout and fonts take a moment) and the status bar
//! says when it is done. Remaining errors are warned about, never a reason to refuse.
//! 导出网页 and 导出Word are quick and written at once, through the same save path.

use std::path::Path;

use super::App;
use super::ask::PendingSave;
use super::files::PickFor;
use crate::check::Severity;
use crate::file::{Overwrite, SaveError};
use crate::layout::Warning;
use crate::pdf::{PdfDate, export_warned};

/// A PDF being written: the layout's warnings once it is saved.
pub type Pending = std::sync::mpsc::Receiver<Result<Vec<Warning>, ExportError>>;

/// Why a PDF was not written: the layout failed, or the save was refused.
pub enum ExportError {
    Pdf(String),
    Save(SaveError),
}

impl App {
    /// Writes the web page or Word file at `path`: `Err` when it could not be made, else
    /// the save's own answer (refused, replaced…).
    pub(super) fn publish(
        &self,
        purpose: PickFor,
        path: &Path,
        overwrite: Overwrite,
    ) -> Result<Result<(), SaveError>, String> {
        let format = match purpose {
            PickFor::ExportDocx => crate::export::Format::Docx,
            _ => crate::export::Format::Html,
        };
        let bytes = format
            .write(&self.editor.report)
            .map_err(|e| format!("{}：{e}", path.display()))?;
        Ok(crate::file::write_file(path, &bytes, overwrite, None).map(|_| ()))
    }

    /// Writes the PDF at the final `path` on a thread, replacing a file only as `overwrite`
    /// allows (asked before).
    pub(super) fn export_pdf(&mut self, ctx: &egui::Context, path: &Path, overwrite: Overwrite) {
        if self.export.is_some() {
            self.message = Some(("正在导出PDF，请稍候".into(), false));
            return;
        }
        let report = self.editor.report.clone();
        let fonts = self.font_set();
        let (tx, rx) = std::sync::mpsc::channel();
        let (target, ctx) = (path.to_path_buf(), ctx.clone());
        std::thread::spawn(move || {
            let result = export_warned(&report, fonts, PdfDate::today())
                .map_err(|e| ExportError::Pdf(e.to_string()))
                .and_then(|(bytes, warnings)| {
                    crate::file::write_file(&target, &bytes, overwrite, None)
                        .map(|_| warnings)
                        .map_err(ExportError::Save)
                });
            // The window may have closed meanwhile; the PDF is written either way.
            tx.send(result).ok();
            ctx.request_repaint();
        });
        self.export = Some((path.to_path_buf(), rx));
        self.message = Some((format!("正在导出 {}…", path.display()), false));
    }

    pub(super) fn poll_export(&mut self, ctx: Option<&egui::Context>) {
        let Some((path, rx)) = &self.export else {
            return;
        };
        let Ok(result) = rx.try_recv() else { return };
        let path = path.clone();
        self.export = None;
        self.exported(ctx, &path, result);
    }

    fn exported(
        &mut self,
        ctx: Option<&egui::Context>,
        path: &Path,
        result: Result<Vec<Warning>, ExportError>,
    ) {
        match result {
            Ok(laid) => {
                let errors = self
                    .editor
                    .findings()
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .count();
                let doubts = self.editor.report.review.open_count();
                let warning = match (errors, doubts) {
                    (0, 0) => None,
                    (e, 0) => Some(format!("注意：报告中仍有 {e} 个错误，发布前请改正")),
                    (0, d) => Some(format!("注意：还有 {d} 处导入待核对，发布前请逐一核对")),
                    (e, d) => Some(format!(
                        "注意：报告中仍有 {e} 个错误、{d} 处导入待核对，发布前请改正、核对"
                    )),
                };
                // What the layout could not set as written (a 落款 without its date, a
                // character no font has) is said too.
                let laid: Vec<String> = laid.iter().map(Warning::message).collect();
                let warning = match (warning, laid.is_empty()) {
                    (w, true) => w,
                    (None, false) => Some(format!("注意：{}", laid.join("；"))),
                    (Some(w), false) => Some(format!("{w}；{}", laid.join("；"))),
                };
                let text = match &warning {
                    Some(w) => format!("已导出 {}（{w}）", path.display()),
                    None => format!("已导出 {}", path.display()),
                };
                self.message = Some((text, warning.is_some()));
                self.dialog = Some(super::dialogs::Dialog::Exported {
                    path: path.to_path_buf(),
                    warning,
                });
            }
            Err(ExportError::Pdf(e)) => {
                self.error("导出PDF失败", format!("{}：{e}", path.display()))
            }
            Err(ExportError::Save(e)) => {
                let pending = PendingSave {
                    purpose: PickFor::ExportPdf,
                    path: path.to_path_buf(),
                    then: None,
                };
                match ctx {
                    Some(ctx) => self.refused(ctx, pending, e),
                    None => self.error("导出PDF失败", e.to_string()),
                }
            }
        }
    }

    /// Waits for a background export: a window that closes keeps its PDF (and tests use it).
    pub fn finish_export(&mut self) {
        if let Some((path, rx)) = self.export.take()
            && let Ok(result) = rx.recv()
        {
            self.exported(None, &path, result);
        }
    }
}
