//! The window: the editor, the part shown, focus, dialogs, files, the recovery copy, the title.
//! `App::ui` draws one frame (panels from `crate::ui`), then applies the frame's [`Command`]s.

mod command;
mod dialogs;
mod files;
mod keys;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use command::{Command, Guarded, Part, Target};
pub use dialogs::Dialog;
pub use files::PickFor;

use dialogs::Answer;
use files::Picker;

use crate::editor::session::{Recovery, Settings, config_dir};
use crate::editor::{Edit, Editor, nav};
use crate::model::{self, Report};
use crate::template::SectionContent;
use crate::ui;
use crate::ui::meta::MetaState;

/// The recovery copy is written this long after the last edit.
pub const RECOVERY_DELAY: Duration = Duration::from_secs(2);

pub struct App {
    pub editor: Editor,
    pub part: Part,
    /// Something to focus (and scroll to) once it is drawn.
    pub focus: Option<Target>,
    /// The focused table cell and the text being typed into it.
    pub editing: Option<(usize, String)>,
    select: Option<usize>,
    meta: MetaState,
    pub dialog: Option<Dialog>,
    /// The last message for the status bar: (text, is an error).
    pub message: Option<(String, bool)>,
    settings: Settings,
    config: PathBuf,
    recovery: Recovery,
    /// The edit time the recovery copy was written for.
    recovery_written: Option<Instant>,
    picker: Picker,
    /// Whether 浏览… and Ctrl+O open the system's file dialogs (off in tests).
    pub native_dialogs: bool,
    closing: bool,
    title: String,
}

/// The calendar year now (UTC), from the system clock.
pub fn current_year() -> i32 {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Civil-from-days (Howard Hinnant), enough for the year.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2)) as i32
}

impl App {
    /// Starts as the clerk expects: the file given, else the most recent file, else a new
    /// report for last year; and offers to restore work a crash left behind.
    pub fn start(config: PathBuf, file: Option<&Path>) -> App {
        let settings = Settings::load(&config);
        let recovery = Recovery::new(&config);
        let mut message = None;
        let opened = file
            .or(settings.last_existing().map(PathBuf::as_path))
            .map(|p| (p.to_path_buf(), Editor::open(p)));
        let editor = match opened {
            Some((_, Ok(editor))) => editor,
            Some((path, Err(e))) => {
                message = Some((format!("无法打开 {}：{e}", path.display()), true));
                Editor::new(Report::new(current_year() - 1, ""), None)
            }
            None => Editor::new(Report::new(current_year() - 1, ""), None),
        };
        let opened_path = editor.path.clone();
        let mut app = App::with_editor(editor, config, settings, recovery);
        if let Some(path) = opened_path {
            app.remember(&path);
        }
        if let Some(text) = message.clone() {
            app.dialog = Some(Dialog::Message {
                title: "无法打开文件".into(),
                text: text.0,
            });
        }
        app.message = message;
        if let Some((info, report)) = app.recovery.find_orphan() {
            app.dialog = Some(Dialog::Recovery {
                info,
                report: Box::new(report),
            });
        }
        app
    }

    fn with_editor(editor: Editor, config: PathBuf, settings: Settings, recovery: Recovery) -> App {
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
        format!("{mark}{} — nianbao 年报", self.editor.title())
    }

    /// One frame.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let mut commands = Vec::new();
        self.poll_picker(&ctx);
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
        self.panels_ui(ui, &mut commands);
        if let Some(dialog) = &mut self.dialog
            && let Some(answer) = dialogs::dialog_ui(&ctx, dialog)
        {
            self.dialog = None;
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

    fn panels_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::Panel::top("nianbao-menu").show(ui, |ui| self.menu_ui(ui, commands));
        egui::Panel::bottom("nianbao-status").show(ui, |ui| {
            ui::status::status_ui(ui, &self.editor, self.message.as_ref())
        });
        egui::Panel::left("nianbao-outline")
            .resizable(true)
            .default_size(210.0)
            .show(ui, |ui| {
                ui::outline::outline_ui(
                    ui,
                    &self.editor.report,
                    self.editor.findings(),
                    self.part,
                    commands,
                );
            });
        egui::Panel::right("nianbao-problems")
            .resizable(true)
            .default_size(300.0)
            .show(ui, |ui| {
                let has_prev = self.editor.prev.is_some();
                ui::problems::problems_ui(
                    ui,
                    &self.editor.report,
                    self.editor.findings(),
                    has_prev,
                    commands,
                );
            });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::both()
                .auto_shrink([false, false])
                .show(ui, |ui| self.part_ui(ui, commands));
        });
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("文件", |ui| {
                let items = [
                    ("新建…  Ctrl+N", Command::Guarded(Guarded::New)),
                    ("从上年报告新建…", Command::Guarded(Guarded::NewFromPrev)),
                    ("打开…  Ctrl+O", Command::Guarded(Guarded::Open)),
                    ("保存  Ctrl+S", Command::Save),
                    ("另存为…  Ctrl+Shift+S", Command::SaveAs),
                    ("导出JSON…", Command::ExportJson),
                    ("关联上年报告…", Command::AttachPrev),
                ];
                for (label, command) in items {
                    if ui.button(label).clicked() {
                        commands.push(command);
                    }
                }
                ui.menu_button("最近打开", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label("（无）");
                    }
                    for path in &self.settings.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            commands.push(Command::Guarded(Guarded::OpenPath(path.clone())));
                        }
                    }
                });
                if ui.button("退出").clicked() {
                    commands.push(Command::Guarded(Guarded::Close));
                }
            });
            ui.menu_button("编辑", |ui| {
                if ui
                    .add_enabled(self.editor.can_undo(), egui::Button::new("撤销  Ctrl+Z"))
                    .clicked()
                {
                    commands.push(Command::Undo);
                }
                if ui
                    .add_enabled(self.editor.can_redo(), egui::Button::new("重做  Ctrl+Y"))
                    .clicked()
                {
                    commands.push(Command::Redo);
                }
            });
        });
    }

    fn part_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let t = self.editor.report.template;
        match self.part {
            Part::Meta => {
                ui::meta::meta_ui(ui, &self.editor, &mut self.meta, &mut self.focus, commands)
            }
            Part::Section(i) => {
                let section = &t.def.sections[i];
                match &section.content {
                    SectionContent::Narrative(field) => {
                        ui::narrative::narrative_ui(
                            ui,
                            &self.editor,
                            section,
                            *field,
                            &mut self.focus,
                            commands,
                        );
                    }
                    SectionContent::Table(id) => {
                        ui.heading(&section.heading);
                        let mut auto = self.editor.report.auto_totals;
                        if ui
                            .checkbox(&mut auto, "自动计算合计")
                            .on_hover_text("关闭后可按原样核对导入报告中填写的合计数")
                            .changed()
                        {
                            commands.push(Command::Edit(Edit::AutoTotals(auto)));
                        }
                        let findings = self.editor.findings();
                        let marks = ui::cell_marks(findings, |id| t.cell_index(id));
                        let mut cx = ui::table::CellContext {
                            report: &self.editor.report,
                            findings,
                            marks: &marks,
                            editing: &mut self.editing,
                            focus: &mut self.focus,
                            select: &mut self.select,
                            commands,
                        };
                        if let Some((table, _)) = t.table(id) {
                            ui::table::table_ui(ui, table, &mut cx);
                        }
                    }
                }
            }
        }
    }

    /// Applies one command (after the frame is drawn).
    pub fn perform(&mut self, ctx: &egui::Context, command: Command) {
        let now = Instant::now();
        match command {
            Command::Edit(edit) => {
                let refresh = !matches!(edit, Edit::Cell { .. });
                self.editor.apply(edit, now);
                if refresh {
                    self.refresh_buffers();
                }
            }
            Command::Undo => {
                self.editor.undo(now);
                self.refresh_buffers();
            }
            Command::Redo => {
                self.editor.redo(now);
                self.refresh_buffers();
            }
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
                    self.focus = Some(Target::Cell(next));
                }
            }
            Command::BreakGroup => self.editor.break_group(),
            Command::Guarded(g) if self.editor.is_dirty() => {
                self.dialog = Some(Dialog::Unsaved { then: g })
            }
            Command::Guarded(g) => self.proceed(ctx, g),
            Command::Save => match self.editor.path.clone() {
                Some(path) => {
                    self.save_to(&path);
                }
                None => self.ask_path(ctx, PickFor::SaveAs, None),
            },
            Command::SaveAs => self.ask_path(ctx, PickFor::SaveAs, None),
            Command::AttachPrev => self.ask_path(ctx, PickFor::AttachPrev, None),
            Command::ExportJson => self.ask_path(ctx, PickFor::ExportJson, None),
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

    /// Carries out a guarded action (the unsaved-changes question is answered or moot).
    fn proceed(&mut self, ctx: &egui::Context, action: Guarded) {
        let year = (current_year() - 1).to_string();
        let organ = self.editor.report.meta.organ.clone();
        match action {
            Guarded::Close => {
                self.closing = true;
                self.recovery.clear();
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
                let from = self
                    .editor
                    .path
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                let year = (self.editor.report.meta.year + 1).to_string();
                self.dialog = Some(Dialog::NewReport {
                    year,
                    organ,
                    from: Some(from),
                });
            }
            Guarded::Open => self.ask_path(ctx, PickFor::Open, None),
            Guarded::OpenPath(path) => self.open(&path),
        }
    }

    fn ask_path(&mut self, ctx: &egui::Context, purpose: PickFor, then: Option<Guarded>) {
        let text = match purpose {
            PickFor::SaveAs => self.default_save_path().display().to_string(),
            PickFor::ExportJson => self
                .default_save_path()
                .with_extension("json")
                .display()
                .to_string(),
            _ => String::new(),
        };
        let default = Some(PathBuf::from(&text)).filter(|_| purpose.saves());
        self.dialog = Some(Dialog::Path {
            purpose,
            text,
            then,
        });
        if self.native_dialogs {
            self.picker.spawn(ctx, purpose, default);
        }
    }

    /// Next to the opened file, or in the home folder, named after the organ and year.
    fn default_save_path(&self) -> PathBuf {
        let m = &self.editor.report.meta;
        let dir = self
            .editor
            .path
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .or_else(|| {
                std::env::var_os("HOME")
                    .or_else(|| std::env::var_os("USERPROFILE"))
                    .map(PathBuf::from)
            })
            .unwrap_or_default();
        dir.join(format!(
            "{}{}年政府信息公开工作年度报告.nianbao",
            m.organ, m.year
        ))
    }

    fn answer(&mut self, ctx: &egui::Context, answer: Answer) {
        match answer {
            Answer::Cancel => {}
            Answer::Save(then) => match self.editor.path.clone() {
                Some(path) => {
                    if self.save_to(&path) {
                        self.proceed(ctx, then);
                    }
                }
                None => self.ask_path(ctx, PickFor::SaveAs, Some(then)),
            },
            Answer::Discard(then) => {
                self.recovery.clear();
                self.proceed(ctx, then);
            }
            Answer::Create { year, organ, from } => self.create(year, &organ, from.as_deref()),
            Answer::Path {
                purpose,
                path,
                then,
            } => self.path_chosen(ctx, purpose, &path, then),
            Answer::Browse(purpose) => {
                self.dialog_back_for(purpose);
                self.picker.spawn(ctx, purpose, None);
            }
            Answer::Restore => {
                if let Some((info, report)) = self.recovery.find_orphan() {
                    self.recovery.clear_pid(info.pid);
                    let mut editor = Editor::new(report, info.path);
                    editor.mark_unsaved();
                    self.replace_editor(editor);
                    self.message = Some(("已恢复上次未保存的修改，请保存。".into(), false));
                }
            }
            Answer::DropRecovery => {
                if let Some((info, _)) = self.recovery.find_orphan() {
                    self.recovery.clear_pid(info.pid);
                }
            }
        }
    }

    /// Keeps the dialog that asked for 浏览… open while the system dialog is up.
    fn dialog_back_for(&mut self, purpose: PickFor) {
        if purpose != PickFor::NewFrom {
            self.dialog = Some(Dialog::Path {
                purpose,
                text: String::new(),
                then: None,
            });
        }
    }

    fn poll_picker(&mut self, ctx: &egui::Context) {
        let Some((purpose, Some(path))) = self.picker.poll() else {
            return;
        };
        match &mut self.dialog {
            Some(Dialog::NewReport {
                from: Some(from), ..
            }) if purpose == PickFor::NewFrom => {
                *from = path.display().to_string();
            }
            Some(Dialog::Path {
                purpose: p, then, ..
            }) if *p == purpose => {
                let then = then.take();
                self.dialog = None;
                self.path_chosen(ctx, purpose, &path, then);
            }
            _ => {}
        }
    }

    fn path_chosen(
        &mut self,
        ctx: &egui::Context,
        purpose: PickFor,
        path: &Path,
        then: Option<Guarded>,
    ) {
        let now = Instant::now();
        match purpose {
            PickFor::Open => self.open(path),
            PickFor::SaveAs => {
                let path = if crate::file::extension(path) == "nianbao" {
                    path.to_path_buf()
                } else {
                    path.with_extension("nianbao")
                };
                if self.save_to(&path)
                    && let Some(then) = then
                {
                    self.proceed(ctx, then);
                }
            }
            PickFor::ExportJson => {
                match crate::file::save(&self.editor.report, &path.with_extension("json")) {
                    Ok(()) => {
                        self.message = Some((
                            format!("已导出 {}", path.with_extension("json").display()),
                            false,
                        ))
                    }
                    Err(e) => self.error("导出失败", e.to_string()),
                }
            }
            PickFor::AttachPrev => match self.editor.attach_prev(path, now) {
                Ok(()) => {
                    self.message = Some((format!("已关联上年报告 {}", path.display()), false))
                }
                Err(e) => self.error("无法关联上年报告", format!("{}：{e}", path.display())),
            },
            PickFor::NewFrom => {}
        }
    }

    fn error(&mut self, title: &str, text: String) {
        self.message = Some((text.clone(), true));
        self.dialog = Some(Dialog::Message {
            title: title.into(),
            text,
        });
    }

    fn create(&mut self, year: i32, organ: &str, from: Option<&Path>) {
        let report = match from {
            Some(path) => match crate::file::load(path) {
                Ok(prev) => model::carry_over(year, organ, &prev),
                Err(e) => {
                    return self.error("无法读取上年报告", format!("{}：{e}", path.display()));
                }
            },
            None => Report::new(year, organ),
        };
        let mut editor = Editor::new(report, None);
        editor.mark_unsaved();
        if let Some(path) = from {
            let _ = editor.attach_prev(path, Instant::now());
        }
        self.replace_editor(editor);
        self.message = Some(("已新建报告".into(), false));
    }

    fn open(&mut self, path: &Path) {
        match Editor::open(path) {
            Ok(editor) => {
                let native = editor.path.is_some();
                self.replace_editor(editor);
                if native {
                    self.remember(path);
                    self.message = Some((format!("已打开 {}", path.display()), false));
                } else {
                    self.message = Some((
                        format!("已导入 {}，保存时将另存为 .nianbao 文件", path.display()),
                        false,
                    ));
                }
            }
            Err(e) => self.error("无法打开文件", format!("{}：{e}", path.display())),
        }
    }

    fn replace_editor(&mut self, editor: Editor) {
        self.recovery.clear();
        self.recovery_written = None;
        self.editor = editor;
        self.editing = None;
        self.focus = None;
        self.part = Part::Meta;
        self.refresh_buffers();
    }

    fn remember(&mut self, path: &Path) {
        self.settings.add_recent(path);
        let _ = self.settings.save(&self.config);
    }

    /// Saves; on failure says why and keeps everything as it was.
    fn save_to(&mut self, path: &Path) -> bool {
        match self.editor.save_as(path) {
            Ok(()) => {
                self.recovery.clear();
                self.remember(path);
                self.message = Some((format!("已保存 {}", path.display()), false));
                true
            }
            Err(e) => {
                self.error("保存失败", format!("{}：{e}", path.display()));
                false
            }
        }
    }

    fn watch_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.closing {
            if self.editor.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.dialog = Some(Dialog::Unsaved {
                    then: Guarded::Close,
                });
            } else {
                self.recovery.clear();
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

    /// Writes the recovery copy a little after the last edit; a crash then loses seconds.
    fn keep_recovery_copy(&mut self, ctx: &egui::Context) {
        let Some(changed) = self.editor.last_change else {
            return;
        };
        if !self.editor.is_dirty() || self.recovery_written == Some(changed) {
            return;
        }
        let waited = changed.elapsed();
        if waited >= RECOVERY_DELAY {
            match self
                .recovery
                .write(&self.editor.report, self.editor.path.as_deref())
            {
                Ok(()) => self.recovery_written = Some(changed),
                Err(e) => self.message = Some((format!("无法写入恢复副本：{e}"), true)),
            }
        } else {
            ctx.request_repaint_after(RECOVERY_DELAY - waited);
        }
    }

    /// Writes the recovery copy now (tests; the window waits for a pause in typing).
    pub fn write_recovery_now(&mut self) -> std::io::Result<()> {
        self.recovery
            .write(&self.editor.report, self.editor.path.as_deref())
    }

    pub fn config_dir(&self) -> &Path {
        &self.config
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }
}

/// Opens the window (the `nianbao [FILE]` command).
pub fn run(file: Option<PathBuf>) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("nianbao 年报")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([960.0, 600.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "nianbao",
        options,
        Box::new(move |cc| {
            ui::fonts::install(&cc.egui_ctx);
            cc.egui_ctx.set_theme(egui::Theme::Light);
            Ok(Box::new(App::start(config_dir(), file.as_deref())))
        }),
    )
    .map_err(|e| e.to_string())
}
