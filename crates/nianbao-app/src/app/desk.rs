//! 文件 → 批量检查文件夹…: the reviewer's desk in the window. The folder is walked and checked
//! on a thread (`nianbao_core::desk`, the same code as `nianbao check DIR`) behind a progress
//! bar with 取消; then a table of every report (机关, 年度, 错误, 警告, 待核对) sorted by a
//! click on its header, filtered by organ, a double-click opens the report, 导出Excel writes
//! the summary workbook.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

use egui::{Context, Ui};

use super::{Command, Guarded};
use crate::check::RuleId;
use crate::desk::{self, Desk, Progress, Row};

/// A column the table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    Organ,
    Year,
    Errors,
    Warnings,
    Doubts,
}

const COLUMNS: [(SortBy, &str); 5] = [
    (SortBy::Organ, "机关"),
    (SortBy::Year, "年度"),
    (SortBy::Errors, "错误"),
    (SortBy::Warnings, "警告"),
    (SortBy::Doubts, "待核对"),
];

enum State {
    Running {
        progress: Arc<Progress>,
        rx: Receiver<Option<Desk>>,
    },
    Done {
        desk: Box<Desk>,
        rows: Vec<Row>,
    },
    Cancelled,
}

pub struct DeskView {
    pub folder: PathBuf,
    state: State,
    /// 按机关筛选: rows whose organ contains this text.
    pub filter: String,
    pub sort: (SortBy, bool),
}

impl DeskView {
    /// Starts checking `folder` on a thread; the window repaints as files are done.
    pub fn start(ctx: &Context, folder: &Path) -> DeskView {
        let progress = Arc::new(Progress::default());
        let (tx, rx) = channel();
        let (watch, ctx, dir) = (Arc::clone(&progress), ctx.clone(), folder.to_path_buf());
        std::thread::spawn(move || {
            let found = desk::collect(std::slice::from_ref(&dir), &[]);
            let desk = desk::run(&found.files, None, None, &desk::Review::default(), &watch).map(
                |mut d| {
                    d.problems = found.problems;
                    d.notes = found.notes;
                    d
                },
            );
            // A window closed meanwhile no longer wants the answer.
            tx.send(desk).ok();
            ctx.request_repaint();
        });
        DeskView {
            folder: folder.to_path_buf(),
            state: State::Running { progress, rx },
            filter: String::new(),
            sort: (SortBy::Errors, true),
        }
    }

    /// The summary workbook, once the check is done.
    pub fn workbook(&self) -> Option<Result<Vec<u8>, String>> {
        match &self.state {
            State::Done { desk, .. } => Some(desk::xlsx(desk).map_err(|e| e.to_string())),
            _ => None,
        }
    }

    fn poll(&mut self) {
        if let State::Running { rx, .. } = &self.state
            && let Ok(answer) = rx.try_recv()
        {
            self.state = match answer {
                Some(desk) => State::Done {
                    rows: desk::rows(&desk),
                    desk: Box::new(desk),
                },
                None => State::Cancelled,
            };
        }
    }

    /// Opening a row's report: with the last year's report the desk paired it with, and
    /// what only the desk found (H-DUP, H-YEAR, H-SUM), which the report alone cannot show.
    fn open_command(&self, path: &Path) -> Guarded {
        let State::Done { desk, .. } = &self.state else {
            return Guarded::OpenPath(path.to_path_buf());
        };
        let Some(entry) = desk.entries.iter().find(|e| e.path == path) else {
            return Guarded::OpenPath(path.to_path_buf());
        };
        let desk_only = [RuleId::HDUP, RuleId::HYEAR, RuleId::HSUM];
        Guarded::OpenFromDesk {
            path: path.to_path_buf(),
            prev: entry.prev.map(|p| desk.entries[p].path.clone()),
            said: entry
                .findings
                .iter()
                .filter(|f| desk_only.contains(&f.rule))
                .map(|f| f.message.clone())
                .collect(),
        }
    }

    /// The rows shown: filtered by organ, in the chosen order.
    pub fn shown(&self) -> Vec<&Row> {
        let State::Done { rows, .. } = &self.state else {
            return Vec::new();
        };
        let filter = self.filter.trim();
        // Names compared as the desk compares them, so 「卫健委」 finds 「示范县卫生健康委员会」.
        let key = crate::model::organ_key(filter);
        let mut shown: Vec<&Row> = rows
            .iter()
            .filter(|r| {
                filter.is_empty()
                    || r.organ.contains(filter)
                    || (!key.is_empty() && crate::model::organ_key(&r.organ).contains(&key))
            })
            .collect();
        let (by, descending) = self.sort;
        shown.sort_by(|a, b| {
            let order = match by {
                SortBy::Organ => crate::model::pinyin_key(&a.organ)
                    .cmp(&crate::model::pinyin_key(&b.organ))
                    .then(a.organ.cmp(&b.organ)),
                SortBy::Year => a.year.cmp(&b.year),
                SortBy::Errors => a.errors.cmp(&b.errors),
                SortBy::Warnings => a.warnings.cmp(&b.warnings),
                SortBy::Doubts => a.doubts.cmp(&b.doubts),
            };
            let order = if descending { order.reverse() } else { order };
            order.then_with(|| a.file.cmp(&b.file))
        });
        shown
    }

    /// The desk's window; `false` once the clerk closed it.
    pub fn ui(&mut self, ctx: &Context, commands: &mut Vec<Command>) -> bool {
        self.poll();
        let mut open = true;
        egui::Window::new("批量检查")
            .open(&mut open)
            // Below the menu bar and the toolbar, so 文件 stays within reach.
            .default_pos(egui::pos2(40.0, 80.0))
            .default_size([760.0, 480.0])
            .show(ctx, |ui| {
                ui.label(format!("文件夹：{}", self.folder.display()));
                match &self.state {
                    State::Running { progress, .. } => {
                        let (done, total) = progress.steps();
                        let fraction = if total == 0 {
                            0.0
                        } else {
                            done as f32 / total as f32
                        };
                        ui.add(
                            egui::ProgressBar::new(fraction)
                                .text(format!("正在检查… {}%", (fraction * 100.0) as u32)),
                        );
                        if ui.button("取消").clicked() {
                            progress.cancel();
                        }
                        ctx.request_repaint_after(std::time::Duration::from_millis(100));
                    }
                    State::Cancelled => {
                        ui.label("已取消检查");
                    }
                    State::Done { desk, .. } => {
                        for p in &desk.problems {
                            ui.colored_label(ui.visuals().error_fg_color, p);
                        }
                        for note in &desk.notes {
                            ui.label(note);
                        }
                    }
                }
                if matches!(self.state, State::Done { .. }) {
                    self.summary_ui(ui, commands);
                }
            });
        open
    }

    fn summary_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            let label = ui.label("按机关筛选");
            ui.text_edit_singleline(&mut self.filter)
                .labelled_by(label.id);
            if ui.button("导出Excel").clicked() {
                commands.push(Command::ExportDesk);
            }
        });
        let rows: Vec<Row> = self.shown().into_iter().cloned().collect();
        ui.label(format!(
            "共{}份报告（双击一行或点「打开」打开报告）",
            rows.len()
        ));
        egui::ScrollArea::both()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                egui::Grid::new("desk-table").striped(true).show(ui, |ui| {
                    // 打开 first, where a long file name cannot push it out of sight.
                    ui.label("");
                    for (by, name) in COLUMNS {
                        let arrow = match self.sort {
                            (b, true) if b == by => " ▼",
                            (b, false) if b == by => " ▲",
                            _ => "",
                        };
                        if ui.button(format!("{name}{arrow}")).clicked() {
                            self.sort = (by, self.sort.0 != by || !self.sort.1);
                        }
                    }
                    ui.label("结论");
                    ui.label("文件");
                    ui.end_row();
                    for row in &rows {
                        let cells = [
                            row.organ.clone(),
                            row.year.map_or(String::new(), |y| y.to_string()),
                            row.errors.to_string(),
                            row.warnings.to_string(),
                            row.doubts.to_string(),
                            match row.reasons.as_str() {
                                "" => row.verdict.to_string(),
                                why => format!("{}：{why}", row.verdict),
                            },
                            if row.problem.is_empty() {
                                row.file.clone()
                            } else {
                                format!("{}（无法读取：{}）", row.file, row.problem)
                            },
                        ];
                        // A button: the same as a double-click, for the keyboard and screen
                        // readers.
                        let mut opened = row.problem.is_empty() && ui.button("打开").clicked();
                        if !row.problem.is_empty() {
                            ui.label("");
                        }
                        for (i, text) in cells.iter().enumerate() {
                            let text = crate::file::escape::shown(text);
                            let red =
                                (i == 2 && row.errors > 0) || (i == 5 && row.verdict == "退回");
                            let label = if red {
                                egui::RichText::new(text).color(ui.visuals().error_fg_color)
                            } else {
                                egui::RichText::new(text)
                            };
                            opened |= ui
                                .add(egui::Button::new(label).frame(false))
                                .double_clicked();
                        }
                        if opened && row.problem.is_empty() {
                            commands.push(Command::Guarded(self.open_command(&row.path)));
                        }
                        ui.end_row();
                    }
                });
            });
    }
}
