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
    /// The folder of reports for 批量检查.
    DeskFolder,
    /// 批量检查's summary, 导出Excel.
    DeskExcel,
    /// 批量检查's list of organs expected to report (机关名单).
    DeskNames,
    /// 批量检查's 汇总 report, checked against the sum of the others.
    DeskParent,
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
            PickFor::DeskFolder => "批量检查文件夹",
            PickFor::DeskExcel => "导出Excel",
            PickFor::DeskNames => "选择机关名单",
            PickFor::DeskParent => "选择汇总报告",
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
                | PickFor::DeskExcel
        )
    }
}

/// What the system's dialog answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    /// A path; `replace_asked`: the dialog itself asked 「是否替换」 had that path existed, so
    /// the window must not ask a second time (but still asks when the extension it adds
    /// names another file).
    Chosen {
        path: PathBuf,
        replace_asked: bool,
    },
    Cancelled,
    /// The dialog could not be shown (the window's own path box is the way then).
    Failed,
}

impl Picked {
    fn from_dialog(path: Option<PathBuf>, replace_asked: bool) -> Picked {
        path.map_or(Picked::Cancelled, |path| Picked::Chosen {
            path,
            replace_asked,
        })
    }
}

/// Which system dialog answers: rfd (the desktop portal, or zenity behind it), zenity asked
/// directly, answers given in turn (tests), or none at all.
enum Backend {
    Rfd,
    Zenity,
    Scripted(std::collections::VecDeque<Option<PathBuf>>),
    Unavailable,
}

impl Backend {
    /// Whether a save dialog of this backend asks before returning an existing file's path.
    /// zenity does: it is started with `--confirm-overwrite`. Windows' save dialog
    /// (`IFileSaveDialog`, whose default options rfd keeps, include `FOS_OVERWRITEPROMPT`)
    /// and macOS's panel always ask. The desktop portal's answer does not say whether it
    /// asked (GNOME's does, others need not), so the window asks after it: twice at worst,
    /// never zero times. A scripted picker has asked nothing.
    fn asks_before_replacing(&self) -> bool {
        match self {
            Backend::Zenity => true,
            Backend::Rfd => !cfg!(target_os = "linux"),
            Backend::Scripted(_) | Backend::Unavailable => false,
        }
    }

    /// On Linux without a session bus the portal cannot answer (and rfd may wait for it), so
    /// zenity is asked directly where installed; without either there is no system dialog.
    fn detect() -> Backend {
        if !cfg!(target_os = "linux") {
            return Backend::Rfd;
        }
        let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|b| !b.is_empty());
        if bus {
            Backend::Rfd
        } else if super::zenity::installed() {
            Backend::Zenity
        } else {
            Backend::Unavailable
        }
    }
}

/// The file types a dialog offers, first the one it starts with.
pub(super) fn filters(purpose: PickFor) -> Vec<(&'static str, &'static [&'static str])> {
    match purpose {
        PickFor::ExportJson => vec![("JSON", &["json"])],
        PickFor::ExportPdf => vec![("PDF", &["pdf"])],
        PickFor::ExportHtml => vec![("网页", &["html", "htm"])],
        PickFor::ExportDocx => vec![("Word 文档", &["docx"])],
        PickFor::SaveAs => vec![("年报文件", &["nianbao"])],
        PickFor::DeskExcel => vec![("Excel 工作簿", &["xlsx"])],
        PickFor::DeskFolder => vec![],
        PickFor::DeskNames => vec![("机关名单（文本文件）", &["txt"]), ("所有文件", &["*"])],
        // Everything nianbao opens first: a published report is as likely as our own.
        _ => vec![
            (
                "年报（本程序文件、Word、网页、PDF、文本）",
                &["nianbao", "json", "docx", "html", "htm", "pdf", "txt"],
            ),
            ("年报文件", &["nianbao", "json"]),
            (
                "已发布的报告（Word、网页、PDF、文本）",
                &["docx", "html", "htm", "pdf", "txt"],
            ),
            ("所有文件", &["*"]),
        ],
    }
}

pub struct Picker {
    tx: Sender<(PickFor, Picked)>,
    rx: Receiver<(PickFor, Picked)>,
    busy: bool,
    backend: Backend,
}

impl Default for Picker {
    fn default() -> Self {
        let (tx, rx) = channel();
        Picker {
            tx,
            rx,
            busy: false,
            backend: Backend::detect(),
        }
    }
}

impl Picker {
    /// A picker that answers with these paths in turn (`None`: the clerk cancelled), as a
    /// dialog that never asks about replacing would.
    pub fn scripted(answers: Vec<Option<PathBuf>>) -> Picker {
        Picker {
            backend: Backend::Scripted(answers.into()),
            ..Picker::default()
        }
    }

    /// A picker that asks zenity, whatever the session (tests drive the real dialog).
    pub fn zenity() -> Picker {
        Picker {
            backend: Backend::Zenity,
            ..Picker::default()
        }
    }

    /// Opens the system's dialog on a thread; `default` names the file for a save. `false`
    /// when this computer has no system file dialog (the window's own path box is all there is).
    pub fn spawn(
        &mut self,
        ctx: &egui::Context,
        purpose: PickFor,
        default: Option<PathBuf>,
    ) -> bool {
        if self.busy {
            return true;
        }
        let tx = self.tx.clone();
        let ctx = ctx.clone();
        let asked = purpose.saves() && self.backend.asks_before_replacing();
        match &mut self.backend {
            Backend::Unavailable => return false,
            Backend::Scripted(answers) => {
                let answer = Picked::from_dialog(answers.pop_front().flatten(), asked);
                // The receiver lives as long as this picker.
                tx.send((purpose, answer)).ok();
                ctx.request_repaint();
            }
            Backend::Zenity => {
                std::thread::spawn(move || {
                    let chosen = super::zenity::pick(purpose, default.as_deref());
                    tx.send((purpose, chosen)).ok();
                    ctx.request_repaint();
                });
            }
            Backend::Rfd => {
                std::thread::spawn(move || {
                    // rfd says None for a failure as for a cancel.
                    let chosen = Picked::from_dialog(rfd_pick(purpose, default), asked);
                    // A window that closed meanwhile no longer wants the answer.
                    tx.send((purpose, chosen)).ok();
                    ctx.request_repaint();
                });
            }
        }
        self.busy = true;
        true
    }

    pub fn poll(&mut self) -> Option<(PickFor, Picked)> {
        let answer = self.rx.try_recv().ok();
        if answer.is_some() {
            self.busy = false;
        }
        answer
    }
}

fn rfd_pick(purpose: PickFor, default: Option<PathBuf>) -> Option<PathBuf> {
    let mut dialog = rfd::FileDialog::new().set_title(purpose.title());
    // A folder to pick, or a file to open, starts inside the folder given; a file to save
    // beside the name proposed.
    let start = match purpose.saves() {
        false => default.as_deref(),
        true => default.as_ref().and_then(|p| p.parent()),
    };
    if let Some(dir) = start.filter(|d| d.is_dir()) {
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
    for (name, extensions) in filters(purpose) {
        dialog = dialog.add_filter(name, extensions);
    }
    if purpose.saves() {
        dialog.save_file()
    } else if purpose == PickFor::DeskFolder {
        dialog.pick_folder()
    } else {
        dialog.pick_file()
    }
}
