//! Native open and save dialogs (rfd), each on its own thread so the frame loop never blocks.
//! The answer comes back through a channel and wakes the window.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

/// What a chosen path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickFor {
    Open,
    SaveAs,
    AttachPrev,
    ExportJson,
    ExportPdf,
    ExportHtml,
    ExportDocx,
    /// Last year's report for 从上年报告新建.
    NewFrom,
}

impl PickFor {
    pub fn title(self) -> &'static str {
        match self {
            PickFor::Open => "打开报告",
            PickFor::SaveAs => "另存为",
            PickFor::AttachPrev => "关联上年报告",
            PickFor::ExportJson => "导出数据文件（JSON）",
            PickFor::ExportPdf => "导出PDF",
            PickFor::ExportHtml => "导出网页",
            PickFor::ExportDocx => "导出Word",
            PickFor::NewFrom => "选择上年报告",
        }
    }

    pub fn saves(self) -> bool {
        matches!(
            self,
            PickFor::SaveAs
                | PickFor::ExportJson
                | PickFor::ExportPdf
                | PickFor::ExportHtml
                | PickFor::ExportDocx
        )
    }
}

pub struct Picker {
    tx: Sender<(PickFor, Option<PathBuf>)>,
    rx: Receiver<(PickFor, Option<PathBuf>)>,
    busy: bool,
    /// Answers given in turn instead of the system's dialog (tests drive the window with it).
    scripted: Option<std::collections::VecDeque<Option<PathBuf>>>,
}

impl Default for Picker {
    fn default() -> Self {
        let (tx, rx) = channel();
        Picker {
            tx,
            rx,
            busy: false,
            scripted: None,
        }
    }
}

impl Picker {
    /// A picker that answers with these paths in turn (`None`: the clerk cancelled).
    pub fn scripted(answers: Vec<Option<PathBuf>>) -> Picker {
        Picker {
            scripted: Some(answers.into()),
            ..Picker::default()
        }
    }

    /// Opens the system's dialog on a thread; `default` names the file for a save.
    pub fn spawn(&mut self, ctx: &egui::Context, purpose: PickFor, default: Option<PathBuf>) {
        if self.busy {
            return;
        }
        self.busy = true;
        if let Some(answers) = &mut self.scripted {
            // The receiver lives as long as this picker.
            self.tx.send((purpose, answers.pop_front().flatten())).ok();
            ctx.request_repaint();
            return;
        }
        let tx = self.tx.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let mut dialog = rfd::FileDialog::new().set_title(purpose.title());
            if let Some(dir) = default
                .as_ref()
                .and_then(|p| p.parent())
                .filter(|d| d.is_dir())
            {
                dialog = dialog.set_directory(dir);
            }
            // Saves propose the report's title as the file name, as 另存为 does.
            let name = default
                .as_ref()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned());
            if purpose.saves()
                && let Some(name) = name
            {
                dialog = dialog.set_file_name(name);
            }
            let chosen = match purpose {
                PickFor::ExportJson => dialog.add_filter("JSON", &["json"]).save_file(),
                PickFor::ExportPdf => dialog.add_filter("PDF", &["pdf"]).save_file(),
                PickFor::ExportHtml => dialog.add_filter("网页", &["html", "htm"]).save_file(),
                PickFor::ExportDocx => dialog.add_filter("Word 文档", &["docx"]).save_file(),
                PickFor::SaveAs => dialog.add_filter("年报文件", &["nianbao"]).save_file(),
                // Everything nianbao opens first: a published report is as likely as our own.
                _ => dialog
                    .add_filter(
                        "年报（本程序文件、Word、网页、文本）",
                        &["nianbao", "json", "docx", "html", "htm", "txt"],
                    )
                    .add_filter("年报文件", &["nianbao", "json"])
                    .add_filter(
                        "已发布的报告（Word、网页、文本）",
                        &["docx", "html", "htm", "txt"],
                    )
                    .add_filter("所有文件", &["*"])
                    .pick_file(),
            };
            // A window that closed meanwhile no longer wants the answer.
            tx.send((purpose, chosen)).ok();
            ctx.request_repaint();
        });
    }

    pub fn poll(&mut self) -> Option<(PickFor, Option<PathBuf>)> {
        let answer = self.rx.try_recv().ok();
        if answer.is_some() {
            self.busy = false;
        }
        answer
    }
}
