//! The window: the editor, the part shown, focus, dialogs, files, the recovery copy, the title.
//! `App::ui` draws one frame (panels from `crate::ui`), then applies the frame's [`Command`]s.

mod actions;
mod ask;
mod clipboard;
pub mod desk;
mod desk_charts;
mod dialogs;
mod export;
mod files;
pub mod geometry;
mod installed;
pub mod keys;
mod panels;
mod recovery;
mod saving;
mod window;
mod zenity;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use crate::ui::command::{Command, Guarded, Part};
pub use clipboard::Clipboard;
pub use dialogs::Dialog;
pub use export::ExportError;
pub use files::PickFor;
pub use window::{current_year, run};

pub use files::Picker;

use crate::editor::session::{Recovery, Settings};
use crate::editor::{Edit, Editor, nav};
use crate::model::Report;
use crate::template::{CellIx, Place};
use crate::ui;
use crate::ui::meta::MetaState;

/// The recovery copy is written this long after the last edit.
pub const RECOVERY_DELAY: Duration = Duration::from_secs(2);

pub struct App {
    pub editor: Editor,
    pub part: Part,
    /// Something to focus (and scroll to) once it is drawn.
    pub focus: Option<Place>,
    /// The focused table cell and the text being typed into it.
    pub editing: Option<(CellIx, String)>,
    select: Option<CellIx>,
    meta: MetaState,
    pub dialog: Option<Dialog>,
    /// The last message for the status bar: (text, is an error).
    pub message: Option<(String, bool)>,
    settings: Settings,
    config: PathBuf,
    recovery: Recovery,
    /// The edit time the recovery copy was written for.
    recovery_written: Option<Instant>,
    pub picker: Picker,
    /// Whether 浏览… and Ctrl+O open the system's file dialogs (off in tests).
    pub native_dialogs: bool,
    closing: bool,
    title: String,
    /// A PDF being written in the background: where, and the answer when done.
    pub export: Option<(PathBuf, export::Pending)>,
    /// 预览's pages, laid out again only when the report changes.
    preview: ui::preview::PreviewCache,
    /// Where 复制为网页 puts the page: the system's clipboard, or memory in tests.
    pub clipboard: Clipboard,
    /// The window's size, position and maximised state, saved on closing.
    geometry: geometry::GeometryWatch,
    /// 批量检查: a folder being checked, or its summary.
    pub desk: Option<desk::DeskView>,
    /// What 批量检查 found of the report open that the report alone cannot show (H-DUP,
    /// H-YEAR, H-SUM), kept above its problems until another document replaces it.
    pub desk_said: Vec<String>,
    /// The window's area below its menu bar, where windows over the report may go.
    below_menu: egui::Rect,
    /// 与上年比对 shows only the figures that changed.
    pub compare_changed_only: bool,
    /// Where installed fonts are looked for: the system's folders, or one folder
    /// (`NIANBAO_FONT_DIR`; tests).
    pub font_dir: Option<PathBuf>,
    /// What was found, once looked for with the setting on.
    installed: Option<crate::layout::installed::Discovery>,
}

impl App {
    /// Starts as the clerk expects: the file given, else the most recent file, else a new
    /// report for last year; and offers to restore work a crash left behind.
    pub fn start(config: PathBuf, file: Option<&Path>) -> App {
        let settings = Settings::load(&config);
        let recovery = Recovery::new(&config);
        // A file that cannot be opened is said in a dialog; a read-only one or an import in the
        // status line, as when it is opened from the window.
        let mut failed = None;
        let opened = file
            .or(settings.last_existing().map(PathBuf::as_path))
            .map(|p| (p.to_path_buf(), Editor::open(p)));
        let editor = match opened {
            Some((_, Ok(editor))) => editor,
            Some((path, Err(e))) => {
                failed = Some(format!("无法打开 {}：{e}", path.display()));
                Editor::new(Report::new(current_year() - 1, ""), None)
            }
            None => Editor::new(Report::new(current_year() - 1, ""), None),
        };
        let opened_path = editor.path.clone();
        let imported = editor
            .import
            .as_ref()
            .map(|i| i.summary(&editor.report.review));
        let mut app = App::with_editor(editor, config, settings, recovery);
        if let Some(path) = opened_path {
            app.remember(&path);
            if app.editor.read_only() {
                let text = format!("{}：该文件已在另一个窗口中打开，只读", path.display());
                app.dialog = Some(Dialog::Message {
                    title: "已以只读方式打开".into(),
                    text: text.clone(),
                });
                app.message = Some((text, true));
            }
        }
        if let (Some(summary), Some(path)) = (imported, file) {
            app.message = Some((actions::imported_message(path, &summary), false));
        }
        if let Some(text) = failed {
            app.dialog = Some(Dialog::Message {
                title: "无法打开文件".into(),
                text: text.clone(),
            });
            app.message = Some((text, true));
        }
        app.offer_recovery();
        app
    }

    fn with_editor(
        mut editor: Editor,
        config: PathBuf,
        settings: Settings,
        recovery: Recovery,
    ) -> App {
        editor.lock_file(&config);
        let year_text = editor.report.meta.year.to_string();
        App {
            editor,
            part: Part::Meta,
            focus: None,
            editing: None,
            select: None,
            meta: MetaState { year_text },
            dialog: None,
            message: None,
            settings,
            config,
            recovery,
            recovery_written: None,
            picker: Picker::default(),
            native_dialogs: true,
            closing: false,
            title: String::new(),
            export: None,
            preview: ui::preview::PreviewCache::default(),
            clipboard: Clipboard::default(),
            geometry: geometry::GeometryWatch::default(),
            desk: None,
            desk_said: Vec::new(),
            below_menu: egui::Rect::EVERYTHING,
            compare_changed_only: false,
            font_dir: std::env::var_os("NIANBAO_FONT_DIR")
                .filter(|d| !d.is_empty())
                .map(PathBuf::from),
            installed: None,
        }
    }

    /// The window with a given report, no settings and no recovery (tests and previews).
    pub fn with_report(report: Report, config: PathBuf) -> App {
        let recovery = Recovery::new(&config);
        let mut app = App::with_editor(
            Editor::new(report, None),
            config,
            Settings::default(),
            recovery,
        );
        app.native_dialogs = false;
        app
    }

    pub fn title(&self) -> String {
        let mark = if self.editor.is_dirty() { "● " } else { "" };
        let read_only = if self.editor.read_only() {
            "（只读）"
        } else {
            ""
        };
        format!("{mark}{}{read_only} — nianbao 年报", self.editor.title())
    }

    /// One frame.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let mut commands = Vec::new();
        self.poll_picker(&ctx);
        self.poll_export(Some(&ctx));
        self.watch_geometry(&ctx);
        self.watch_close(&ctx);
        self.watch_drops(&ctx, &mut commands);
        if self.dialog.is_none() {
            keys::shortcuts(ui, &mut commands);
            if let Some((cell, text)) = &self.editing {
                let caret = egui::TextEdit::load_state(&ctx, ui::table::cell_widget_id(*cell))
                    .and_then(|s| s.cursor.char_range())
                    .map(|r| (r.primary.index.0, text.chars().count()));
                keys::cell_keys(ui, *cell, caret, &mut commands);
            }
        }
        if self.dialog.is_some() {
            // Under a modal nothing answers the pointer, so no cell shows its tooltip over
            // the darkened window.
            ui.disable();
        }
        self.panels_ui(ui, &mut commands);
        if let Some(desk) = &mut self.desk
            && !desk.ui(&ctx, self.below_menu, &mut commands)
        {
            self.desk = None;
        }
        if let Some(dialog) = &mut self.dialog
            && let Some(answer) = dialogs::dialog_ui(&ctx, dialog)
        {
            // 浏览… keeps the dialog (and what was typed in it) while the system dialog is up.
            if !matches!(answer, dialogs::Answer::Browse(_)) {
                self.dialog = None;
            }
            self.answer(&ctx, answer);
        }
        for command in commands {
            self.perform(&ctx, command);
        }
        self.keep_recovery_copy(&ctx);
        let title = self.title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// Applies one command (after the frame is drawn).
    pub fn perform(&mut self, ctx: &egui::Context, command: Command) {
        let now = Instant::now();
        match command {
            Command::Edit(Edit::AutoTotals(true)) => self.ask_auto_totals(now),
            Command::Edit(edit) => {
                let refresh = !matches!(edit, Edit::Cell { .. });
                self.editor.apply(edit, now);
                if refresh {
                    self.refresh_buffers();
                }
            }
            // What the undone change said is no longer true.
            Command::Undo => {
                if self.editor.undo(now) {
                    self.message = Some(("已撤销".into(), false));
                }
                self.refresh_buffers();
            }
            Command::Redo => {
                if self.editor.redo(now) {
                    self.message = Some(("已重做".into(), false));
                }
                self.refresh_buffers();
            }
            Command::ConfirmImport => {
                self.editor.confirm_all(now);
            }
            Command::FillBlanks => self.fill_blanks(now),
            Command::GoTo(part, target) => {
                self.part = part;
                self.focus = target;
            }
            Command::Move(mv) => {
                if let Some((cell, _)) = &self.editing
                    && let Some(next) = nav::step(
                        self.editor.report.template,
                        *cell,
                        mv,
                        self.editor.report.auto_totals,
                    )
                {
                    self.focus = Some(Place::Cell(next));
                }
            }
            Command::BreakGroup => self.editor.break_group(),
            Command::Guarded(g) if self.editor.is_dirty() => {
                self.dialog = Some(Dialog::Unsaved { then: g })
            }
            Command::Guarded(g) => self.proceed(ctx, g),
            Command::Save => self.save_own(ctx, None),
            Command::SaveAs => self.ask_path(ctx, PickFor::SaveAs, None),
            Command::AttachPrev => self.ask_path(ctx, PickFor::AttachPrev, None),
            Command::ExportJson => self.ask_path(ctx, PickFor::ExportJson, None),
            Command::ExportPdf => self.ask_path(ctx, PickFor::ExportPdf, None),
            Command::ExportHtml => self.ask_path(ctx, PickFor::ExportHtml, None),
            Command::ExportDocx => self.ask_path(ctx, PickFor::ExportDocx, None),
            Command::CheckFolder => self.ask_path(ctx, PickFor::DeskFolder, None),
            Command::ExportDesk => self.ask_path(ctx, PickFor::DeskExcel, None),
            Command::AskAnswer {
                rule,
                places,
                about,
            } => {
                self.dialog = Some(Dialog::AnswerWarning {
                    rule,
                    places,
                    about,
                    reason: String::new(),
                })
            }
            Command::DeskNames => self.ask_path(ctx, PickFor::DeskNames, None),
            Command::DeskParent => self.ask_path(ctx, PickFor::DeskParent, None),
            Command::DeskRecheck => {
                if let Some(desk) = &mut self.desk {
                    desk.restart(ctx);
                }
            }
            Command::CopyHtml => self.copy_html(),
            Command::Preview => self.part = Part::Preview,
            Command::InstalledFonts(on) => self.use_installed_fonts(on),
            Command::DetachPrev => self.editor.detach_prev(now),
        }
    }

    /// After undo, redo or a correction, show the model's text in the focused fields.
    fn refresh_buffers(&mut self) {
        if let Some((cell, text)) = &mut self.editing {
            *text = self.editor.report.text(*cell);
        }
        self.meta.year_text = self.editor.report.meta.year.to_string();
    }

    fn watch_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.closing {
            if self.editor.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.dialog = Some(Dialog::Unsaved {
                    then: Guarded::Close,
                });
            } else {
                self.finish_export();
                self.clear_recovery();
            }
        }
    }

    fn watch_drops(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            commands.push(Command::Guarded(Guarded::OpenPath(path)));
        }
    }

    pub fn config_dir(&self) -> &Path {
        &self.config
    }
}
