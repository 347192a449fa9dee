//! What the window does with files and answers: guarded actions, the path dialogs and the
//! system's pickers, opening, creating and saving, and restoring a recovery copy.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::ask;
use super::dialogs::{Answer, Dialog};
use super::{App, Guarded, Part, PickFor, current_year};
use crate::editor::session::RecoveryInfo;
use crate::editor::{Edit, Editor};
use crate::file::Overwrite;
use crate::model::{self, Report};

impl App {
    /// Carries out a guarded action (the unsaved-changes question is answered or moot).
    pub(super) fn proceed(&mut self, ctx: &egui::Context, action: Guarded) {
        let year = (current_year() - 1).to_string();
        let organ = self.editor.report.meta.organ.clone();
        match action {
            Guarded::Close => {
                self.finish_export();
                self.closing = true;
                self.clear_recovery();
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Guarded::New => {
                self.dialog = Some(Dialog::NewReport {
                    year,
                    organ,
                    from: None,
                })
            }
            Guarded::NewFromPrev => {
                // The open report is last year's only when it is a saved one.
                let own = self.editor.path.as_ref();
                let from = own.map(|p| p.display().to_string()).unwrap_or_default();
                let year = match own {
                    Some(_) => self.editor.report.meta.year + 1,
                    None => year.parse().unwrap_or(self.editor.report.meta.year),
                }
                .to_string();
                self.dialog = Some(Dialog::NewReport {
                    year,
                    organ,
                    from: Some(from),
                });
            }
            Guarded::Open => self.ask_path(ctx, PickFor::Open, None),
            Guarded::OpenPath(path) => {
                self.open(&path);
            }
            Guarded::OpenFromDesk { path, prev, said } => self.open_from_desk(&path, prev, said),
            Guarded::NewSum(organ) => self.new_sum(&organ),
        }
    }

    pub(super) fn ask_path(
        &mut self,
        ctx: &egui::Context,
        purpose: PickFor,
        then: Option<Guarded>,
    ) {
        let text = match purpose {
            // A saved report's own name, as word processors propose it (a copy is a new name
            // typed over it); else the report's title beside its source.
            PickFor::SaveAs => self
                .editor
                .path
                .clone()
                .unwrap_or_else(|| self.default_save_path())
                .display()
                .to_string(),
            PickFor::ExportJson => self
                .default_save_path()
                .with_extension("json")
                .display()
                .to_string(),
            PickFor::ExportPdf => self
                .default_save_path()
                .with_extension("pdf")
                .display()
                .to_string(),
            PickFor::ExportHtml | PickFor::ExportDocx => self
                .default_save_path()
                .with_extension(ask::extension(purpose))
                .display()
                .to_string(),
            _ => String::new(),
        };
        let default = match purpose {
            // The system's dialog starts in the folder of the report open, where a county's
            // folders usually sit (the path box stays empty for a folder typed whole).
            PickFor::DeskFolder => self.default_save_path().parent().map(Path::to_path_buf),
            PickFor::Open
            | PickFor::AttachPrev
            | PickFor::NewFrom
            | PickFor::DeskNames
            | PickFor::DeskParent => self.open_folder(purpose),
            // Beside the folder checked, named after it (a file inside would be walked next
            // time); the path box stays empty for a path typed whole.
            PickFor::DeskExcel => self.desk.as_ref().map(|d| {
                let name = d
                    .folder
                    .file_name()
                    .map_or("批量检查".into(), |n| n.to_string_lossy());
                d.folder.with_file_name(format!("{name}汇总.xlsx"))
            }),
            _ => Some(PathBuf::from(&text)).filter(|_| purpose.saves()),
        };
        self.dialog = Some(Dialog::Path {
            purpose,
            text,
            then,
        });
        if self.native_dialogs {
            // Without a system dialog the path box just shown is the way.
            self.picker.spawn(ctx, purpose, default);
        }
    }

    /// Next to the opened file (an imported one too), or in the home folder, named after the
    /// organ and year.
    /// Where a dialog opening a file starts: the folder of the report open (or made from),
    /// where last year's report usually sits; 批量检查's lists and 汇总 report beside its
    /// folder.
    pub(super) fn open_folder(&self, purpose: PickFor) -> Option<PathBuf> {
        let folder = match (purpose, &self.desk) {
            // Beside the folder checked, as the summary is proposed (a list inside it is
            // found there too, a folder away).
            (PickFor::DeskNames | PickFor::DeskParent, Some(desk)) => {
                desk.folder.parent().map(Path::to_path_buf)
            }
            _ => self.default_save_path().parent().map(Path::to_path_buf),
        };
        folder.filter(|f| f.is_dir())
    }

    pub(super) fn default_save_path(&self) -> PathBuf {
        let dir = self
            .editor
            .path
            .as_ref()
            .or(self.editor.source.as_ref())
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .or_else(|| {
                std::env::var_os("HOME")
                    .or_else(|| std::env::var_os("USERPROFILE"))
                    .map(PathBuf::from)
            })
            .unwrap_or_default();
        dir.join(format!("{}.nianbao", self.editor.report.title()))
    }

    pub(super) fn answer(&mut self, ctx: &egui::Context, answer: Answer) {
        match answer {
            Answer::Cancel => {}
            Answer::OpenExternal(path) => {
                if let Err(e) = open_external(&path) {
                    self.error(
                        "无法打开",
                        format!("{}：{}", path.display(), crate::file::io_reason(&e, "打开")),
                    );
                }
            }
            Answer::Save(then) => self.save_own(ctx, Some(then)),
            Answer::Discard(then) => {
                self.clear_recovery();
                self.proceed(ctx, then);
            }
            Answer::Create { year, organ, from } => self.create(year, &organ, from.as_deref()),
            Answer::Path {
                purpose,
                path,
                then,
            } => self.path_chosen(ctx, purpose, &path, then, Overwrite::Never),
            Answer::Browse(purpose) => {
                let start = (!purpose.saves())
                    .then(|| self.open_folder(purpose))
                    .flatten();
                if !self.picker.spawn(ctx, purpose, start) {
                    self.message = Some((
                        "这台电脑没有可用的系统文件对话框，请在框中直接输入文件的完整路径".into(),
                        true,
                    ));
                }
            }
            Answer::Restore(restored) => self.restore(restored.0, restored.1),
            Answer::DropRecovery(session) => match self.recovery.discard(&session) {
                Err(e) => self.error("无法删除恢复副本", crate::file::io_reason(&e, "删除")),
                // Another crashed window's work, if any, is offered next.
                Ok(()) => self.offer_recovery(),
            },
            Answer::Replace(save, overwrite) => {
                self.save_chosen(ctx, save.purpose, &save.path, overwrite, save.then)
            }
            Answer::KeepMine(then) => self.keep_mine(ctx, then),
            Answer::Reload(path) => self.reload(path),
            Answer::SaveElsewhere(then) => self.ask_path(ctx, PickFor::SaveAs, then),
            Answer::RewriteTotals => self.auto_totals_on(Instant::now()),
            Answer::Answered {
                rule,
                places,
                reason,
            } => {
                let today = crate::model::CivilDate::today();
                let date = format!("{:04}-{:02}-{:02}", today.year, today.month, today.day);
                let edit = crate::editor::Edit::Answer {
                    rule,
                    places,
                    reason,
                    date,
                };
                if self.editor.apply(edit, Instant::now()) {
                    self.message =
                        Some(("已说明原因，这条提示不再计入警告（可撤销）".into(), false));
                }
            }
        }
    }

    pub(super) fn poll_picker(&mut self, ctx: &egui::Context) {
        let Some((purpose, picked)) = self.picker.poll() else {
            return;
        };
        let (path, replace_asked) = match picked {
            super::files::Picked::Chosen {
                path,
                replace_asked,
            } => (path, replace_asked),
            // Cancelled in the system's dialog: its twin in the window goes too (the 新建
            // dialog, which asked for 浏览…, stays).
            super::files::Picked::Cancelled => {
                if matches!(&self.dialog, Some(Dialog::Path { purpose: p, .. }) if *p == purpose) {
                    self.dialog = None;
                }
                return;
            }
            super::files::Picked::Failed => {
                self.message = Some((
                    "系统文件对话框无法打开，请在框中直接输入文件的完整路径".into(),
                    true,
                ));
                return;
            }
        };
        match &mut self.dialog {
            Some(Dialog::NewReport {
                from: Some(from),
                year,
                organ,
            }) if purpose == PickFor::NewFrom => {
                *from = path.display().to_string();
                // The new report is the same organ's, for the year after the one chosen.
                if let Ok(prev) = crate::open::load(&path) {
                    *year = (prev.meta.year + 1).to_string();
                    if !prev.meta.organ.trim().is_empty() {
                        *organ = prev.meta.organ.trim().to_string();
                    }
                }
            }
            Some(Dialog::Path {
                purpose: p, then, ..
            }) if *p == purpose => {
                let then = then.take();
                self.dialog = None;
                // Asked once: by the system's dialog where it asks about the very file
                // written, otherwise by the window.
                let overwrite = if replace_asked && super::ask::final_path(purpose, &path) == path {
                    Overwrite::Replace
                } else {
                    Overwrite::Never
                };
                self.path_chosen(ctx, purpose, &path, then, overwrite);
            }
            _ => {}
        }
    }

    pub(super) fn path_chosen(
        &mut self,
        ctx: &egui::Context,
        purpose: PickFor,
        path: &Path,
        then: Option<Guarded>,
        overwrite: Overwrite,
    ) {
        let now = Instant::now();
        match purpose {
            PickFor::Open => {
                self.open(path);
            }
            PickFor::SaveAs
            | PickFor::ExportJson
            | PickFor::ExportPdf
            | PickFor::ExportHtml
            | PickFor::ExportDocx => self.save_chosen(ctx, purpose, path, overwrite, then),
            PickFor::AttachPrev => match self.editor.attach_prev(path, now) {
                Ok(()) => {
                    self.message = Some((format!("已关联上年报告 {}", path.display()), false))
                }
                Err(e) => self.error("无法关联上年报告", format!("{}：{e}", path.display())),
            },
            PickFor::NewFrom => {}
            PickFor::DeskFolder => self.desk = Some(super::desk::DeskView::start(ctx, path)),
            PickFor::DeskExcel => self.save_chosen(ctx, purpose, path, overwrite, then),
            PickFor::DeskNames | PickFor::DeskParent => {
                if let Some(desk) = &mut self.desk {
                    let chosen = Some(path.to_path_buf());
                    match purpose {
                        PickFor::DeskNames => desk.request.names = chosen,
                        _ => desk.request.parent = chosen,
                    }
                    desk.restart(ctx);
                }
            }
        }
    }

    pub(super) fn error(&mut self, title: &str, text: String) {
        self.message = Some((text.clone(), true));
        self.dialog = Some(Dialog::Message {
            title: title.into(),
            text,
        });
    }

    pub(super) fn create(&mut self, year: i32, organ: &str, from: Option<&Path>) {
        let report = match from {
            Some(path) => match crate::open::load(path) {
                Ok(prev) => model::carry_over(year, organ, &prev),
                Err(e) => {
                    return self.error("无法读取上年报告", format!("{}：{e}", path.display()));
                }
            },
            None => Report::new(year, organ),
        };
        let mut editor = Editor::new(report, None);
        editor.mark_unsaved();
        // The first save is proposed beside last year's report.
        editor.source = from.map(Path::to_path_buf);
        let attached = from.map(|path| editor.attach_prev(path, Instant::now()));
        self.replace_editor(editor);
        self.message = Some(match attached {
            Some(Err(e)) => (format!("已新建报告，但未能关联上年报告：{e}"), true),
            Some(Ok(())) => (
                "已从上年报告新建：带入了结转数、机关信息、前言和正文（年份已改为新年度）；正文中的数字仍是上年的，请逐一改写".into(),
                false,
            ),
            None => ("已新建报告".into(), false),
        });
    }

    /// [`Guarded::NewSum`]: the county's report summed from the reports 批量检查 counts (one per
    /// organ of the review's year), unsaved; its first save is proposed beside the folder
    /// checked, not inside it (where the next check would count it as one more organ).
    fn new_sum(&mut self, organ: &str) {
        let Some(desk) = &self.desk else { return };
        let folder = desk.folder.clone();
        let Some((reports, year, caveat)) = desk.counted() else {
            return;
        };
        let Some(year) = year else {
            return self.error(
                "无法生成汇总报告",
                "没有可读取的报告，无法确定汇总的年度".into(),
            );
        };
        let (report, unsummed) = crate::desk::summed(&reports, organ, year);
        let count = reports.len();
        let blanks: Vec<String> = unsummed
            .iter()
            .take(5)
            .map(|c| report.template.cell_label(*c))
            .collect();
        let mut editor = Editor::new(report, None);
        editor.mark_unsaved();
        editor.source = Some(folder);
        self.replace_editor(editor);
        let mut text = format!(
            "已生成汇总报告：{year}年度{count}份报告表二至表四之和；正文、前言和落款请另行填写"
        );
        if let Some(caveat) = &caveat {
            text.push_str(&format!("。注意：{caveat}"));
        }
        if !unsummed.is_empty() {
            // Never a silent blank: which cells to fill, and why.
            text.push_str(&format!(
                "。注意：{}格未相加、留空（有报告在这些格填的不是数字）：{}{}",
                unsummed.len(),
                blanks.join("、"),
                if unsummed.len() > blanks.len() {
                    "等"
                } else {
                    ""
                }
            ));
        }
        self.message = Some((text, !unsummed.is_empty() || caveat.is_some()));
    }

    /// [`Guarded::OpenFromDesk`]: opened as any report, then the desk's pairing and notes.
    fn open_from_desk(&mut self, path: &Path, prev: Option<PathBuf>, said: Vec<String>) {
        if !self.open(path) {
            return;
        }
        if self.editor.prev.is_none()
            && let Some(prev) = prev
            && let Err(e) = self.editor.compare_with(&prev, Instant::now())
        {
            self.error("无法读取上年报告", format!("{}：{e}", prev.display()));
            return;
        }
        if !said.is_empty() {
            self.message = Some((format!("批量检查的提示：{}", said.join("；")), true));
        }
        self.desk_said = said;
    }

    /// Opens a report in this window; `false` when it could not be (and the error is shown).
    pub(super) fn open(&mut self, path: &Path) -> bool {
        match Editor::open(path) {
            Ok(editor) => {
                let native = editor.path.is_some();
                let imported = editor
                    .import
                    .as_ref()
                    .map(|i| i.summary(&editor.report.review));
                self.replace_editor(editor);
                if let Some(summary) = imported {
                    self.message = Some((imported_message(path, &summary), false));
                } else if native && self.editor.read_only() {
                    self.message = Some((
                        format!("{}：该文件已在另一个窗口中打开，只读", path.display()),
                        true,
                    ));
                    self.remember(path);
                } else if let Some(missing) = &self.editor.prev_missing {
                    self.message = Some((
                        format!(
                            "已打开 {}，但找不到关联的上年报告 {}：请在“基本信息”中重新选择",
                            path.display(),
                            missing.display()
                        ),
                        true,
                    ));
                    self.remember(path);
                } else if native {
                    self.message = Some((format!("已打开 {}", path.display()), false));
                    self.remember(path);
                } else {
                    self.message = Some((
                        format!("已导入 {}，保存时将另存为 .nianbao 文件", path.display()),
                        false,
                    ));
                }
            }
            Err(e) => {
                self.error("无法打开文件", format!("{}：{e}", path.display()));
                return false;
            }
        }
        true
    }

    pub(super) fn replace_editor(&mut self, editor: Editor) {
        self.clear_recovery();
        self.install_editor(editor);
    }

    /// The new document, locked for this window; the recovery copy is left as it is.
    fn install_editor(&mut self, editor: Editor) {
        self.recovery_written = None;
        self.desk_said.clear();
        self.editor = editor;
        self.editor.lock_file(&self.config);
        // Temporary files of saves killed in this folder (best effort, only our own names).
        if let Some(dir) = self.editor.path.as_deref().and_then(Path::parent) {
            crate::file::remove_stale_temps(dir);
        }
        self.editing = None;
        self.focus = None;
        self.part = Part::Meta;
        self.refresh_buffers();
    }

    pub(super) fn remember(&mut self, path: &Path) {
        self.settings.add_recent(path);
        if let Err(e) = self.settings.save(&self.config) {
            self.message = Some((
                format!(
                    "无法保存设置（最近打开的文件）：{}",
                    crate::file::io_reason(&e, "写入")
                ),
                true,
            ));
        }
    }

    /// 恢复: the crashed window's work, under its recovery id (unless another window took it
    /// first); a copy is written at once, and stays until the report is saved.
    fn restore(&mut self, info: RecoveryInfo, report: Report) {
        if !self.recovery.adopt(&info.session) {
            self.message = Some(("这份恢复副本已在另一个窗口中恢复".into(), true));
            return;
        }
        let mut editor = Editor::new(report, info.path.clone());
        editor.mark_unsaved();
        editor.set_stamp(info.stamp);
        // The adopted copy stays on disk while it is rewritten.
        self.install_editor(editor);
        self.message = Some(match self.write_recovery() {
            Ok(()) => ("已恢复上次未保存的修改，请保存。".into(), false),
            Err(e) => (format!("已恢复，但无法写入恢复副本：{e}"), true),
        });
    }

    /// 自动计算合计 ticked: at once when no typed total changes, otherwise after the clerk has
    /// seen which totals change and how.
    pub(super) fn ask_auto_totals(&mut self, now: Instant) {
        let lines = self.total_rewrites();
        if lines.is_empty() {
            self.editor.apply(Edit::AutoTotals(true), now);
            self.refresh_buffers();
        } else {
            self.dialog = Some(Dialog::RewriteTotals { lines });
        }
    }

    /// Turns 自动计算合计 on (one undo step) and says every total it rewrote.
    pub(super) fn auto_totals_on(&mut self, now: Instant) {
        let lines = self.total_rewrites();
        self.editor.apply(Edit::AutoTotals(true), now);
        self.refresh_buffers();
        if !lines.is_empty() {
            self.message = Some((
                format!(
                    "已开启自动计算合计，改写了 {} 个合计：{}（可撤销）",
                    lines.len(),
                    lines.join("；")
                ),
                false,
            ));
        }
    }

    /// 「第三部分 行政复议·总计：3 → 2」 for each typed total computing would change.
    fn total_rewrites(&self) -> Vec<String> {
        let report = &self.editor.report;
        let t = report.template;
        let shown = |text: &str| {
            if text.is_empty() {
                "空白".to_string()
            } else {
                text.to_string()
            }
        };
        report
            .total_rewrites()
            .iter()
            .map(|r| {
                format!(
                    "{} {}：{} → {}",
                    t.table_part(t.cell(r.cell).table),
                    t.cell_label(r.cell),
                    shown(&r.was),
                    shown(&r.becomes)
                )
            })
            .collect()
    }

    /// 空白填0 as one undo step, saying how many cells it filled and which it left.
    pub(super) fn fill_blanks(&mut self, now: std::time::Instant) {
        let (fillable, doubtful) = self.editor.report.fillable_blanks();
        self.editor.apply(Edit::FillBlanks, now);
        self.refresh_buffers();
        let mut text = match fillable.len() {
            0 => "没有可填0的空白单元格".to_string(),
            n => format!("已将 {n} 个空白单元格填为0（可撤销）"),
        };
        if doubtful > 0 {
            text.push_str(&format!(
                "；{doubtful} 个导入时未能读取的单元格没有填，请按原文核对"
            ));
        }
        self.message = Some((text, false));
    }
}

/// The status line after importing a published report.
pub(super) fn imported_message(path: &Path, summary: &str) -> String {
    format!(
        "已导入 {}：{summary}。请核对右侧“导入说明”中标出的单元格；保存时将另存为 .nianbao 文件",
        path.display()
    )
}

/// Opens a file or folder with the system's program for it, without waiting for it.
fn open_external(path: &Path) -> std::io::Result<()> {
    let program = if cfg!(windows) {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
}
