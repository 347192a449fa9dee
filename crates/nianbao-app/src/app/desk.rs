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
        rx: Receiver<Result<Desk, desk::RequestError>>,
    },
    Done {
        desk: Box<Desk>,
        rows: Vec<Row>,
    },
    Cancelled,
    /// A list that cannot be read, no report in the folder: said in the desk's window.
    Failed(String),
}

/// Checks what `request` asks for on a thread, behind a progress bar the window watches.
fn run(ctx: &Context, request: desk::Request) -> State {
    let progress = Arc::new(Progress::default());
    let (tx, rx) = channel();
    let (watch, ctx) = (Arc::clone(&progress), ctx.clone());
    std::thread::spawn(move || {
        let desk = desk::review(&request, None, &watch);
        // A window closed meanwhile no longer wants the answer.
        tx.send(desk).ok();
        ctx.request_repaint();
    });
    State::Running { progress, rx }
}

pub struct DeskView {
    /// The folder checked (the first input): where the summary and the lists are proposed.
    pub folder: PathBuf,
    /// What is checked: the folder, and the names list and 汇总 report once chosen.
    pub request: desk::Request,
    state: State,
    /// 按机关筛选: rows whose organ contains this text.
    pub filter: String,
    pub sort: (SortBy, bool),
    /// 汇总机关: the organ of the county report 生成汇总报告 makes (the 汇总 report's, once known).
    pub sum_organ: String,
}

impl DeskView {
    /// Starts checking `folder` on a thread; the window repaints as files are done.
    pub fn start(ctx: &Context, folder: &Path) -> DeskView {
        let request = desk::Request {
            inputs: vec![folder.to_path_buf()],
            ..desk::Request::default()
        };
        DeskView {
            folder: folder.to_path_buf(),
            state: run(ctx, request.clone()),
            request,
            filter: String::new(),
            sort: (SortBy::Errors, true),
            sum_organ: String::new(),
        }
    }

    /// 重新检查: the same request again, the files as they are now; the filter, the order and
    /// the table's place stay.
    pub fn restart(&mut self, ctx: &Context) {
        if let State::Running { progress, .. } = &self.state {
            progress.cancel();
        }
        self.state = run(ctx, self.request.clone());
    }

    /// Whether a file saved at `path` is among what this desk checks.
    pub fn holds(&self, path: &Path) -> bool {
        let inside = |p: &Path| path.starts_with(p);
        self.request.inputs.iter().any(|p| inside(p))
            || self.request.parent.as_deref() == Some(path)
    }

    /// The reports that count, the review's year and what the sum must say of them, once the
    /// check is done: what 生成汇总报告 sums.
    pub fn counted(&self) -> Option<(Vec<&crate::model::Report>, Option<i32>, Option<String>)> {
        let State::Done { desk, .. } = &self.state else {
            return None;
        };
        let reports = desk
            .counted()
            .into_iter()
            .filter_map(|i| desk.entries[i].report.as_ref().ok())
            .collect();
        Some((reports, desk.year, desk.sum_caveat()))
    }

    /// The summary workbook of the rows the filter shows, once the check is done.
    pub fn workbook(&self) -> Option<Result<Vec<u8>, String>> {
        match &self.state {
            State::Done { desk, .. } => {
                let keep = |organ: &str| self.matches(organ);
                let filter = self.filter.trim();
                let only = desk::Only {
                    keep: &keep,
                    said: (!filter.is_empty()).then(|| {
                        format!(
                            "按机关筛选：{}（只列出名称相符的机关）",
                            crate::file::escape::shown(filter)
                        )
                    }),
                };
                Some(desk::xlsx(desk, &only).map_err(|e| e.to_string()))
            }
            _ => None,
        }
    }

    fn poll(&mut self) {
        if let State::Running { rx, .. } = &self.state
            && let Ok(answer) = rx.try_recv()
        {
            self.state = match answer {
                Ok(desk) => {
                    // The county report's organ, for 生成汇总报告, unless one was typed.
                    let parent = desk.entries.iter().find(|e| e.is_parent);
                    if let Some(organ) = parent.map(|e| e.organ()).filter(|o| !o.is_empty())
                        && self.sum_organ.trim().is_empty()
                    {
                        self.sum_organ = organ.to_string();
                    }
                    State::Done {
                        rows: desk::rows(&desk),
                        desk: Box::new(desk),
                    }
                }
                Err(desk::RequestError::Cancelled) => State::Cancelled,
                Err(e) => State::Failed(e.to_string()),
            };
        }
    }

    /// Whether a row's organ passes 按机关筛选: names compared as the desk compares them, so
    /// 「卫健委」 finds 「示范县卫生健康委员会」.
    fn matches(&self, organ: &str) -> bool {
        let filter = self.filter.trim();
        let key = crate::model::organ_key(filter);
        filter.is_empty()
            || organ.contains(filter)
            || (!key.is_empty() && crate::model::organ_key(organ).contains(&key))
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
        let mut shown: Vec<&Row> = rows.iter().filter(|r| self.matches(&r.organ)).collect();
        let (by, descending) = self.sort;
        // Reports outside the review (replaced drafts, last year's, other years) after those
        // in it, whatever the order asked.
        let aside = |r: &Row| !r.reviewed();
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
            aside(a)
                .cmp(&aside(b))
                .then(order)
                .then_with(|| a.file.cmp(&b.file))
        });
        shown
    }

    /// The desk's window, kept within `area` (below the menu bar, so 文件 stays within reach
    /// wherever it is dragged); `false` once the clerk closed it.
    pub fn ui(&mut self, ctx: &Context, area: egui::Rect, commands: &mut Vec<Command>) -> bool {
        self.poll();
        let mut open = true;
        egui::Window::new("批量检查")
            .open(&mut open)
            .constrain_to(area)
            .default_pos(egui::pos2(24.0, area.top() + 40.0))
            // Wide enough for 结论 and 文件 at 1366 × 768.
            .default_size([1080.0, 520.0])
            .show(ctx, |ui| {
                ui.label(format!("文件夹：{}", self.folder.display()));
                self.request_ui(ui, commands);
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
                    State::Failed(why) => {
                        ui.colored_label(ui.visuals().error_fg_color, why);
                    }
                    State::Done { desk, .. } => {
                        for p in &desk.problems {
                            ui.colored_label(ui.visuals().error_fg_color, p);
                        }
                        for note in &desk.notes {
                            ui.label(note);
                        }
                        if !desk.missing.is_empty() {
                            ui.colored_label(
                                ui.visuals().error_fg_color,
                                format!(
                                    "未报送（{}个机关）：{}",
                                    desk.missing.len(),
                                    crate::file::escape::shown(&desk.missing.join("、"))
                                ),
                            );
                        }
                    }
                }
                if matches!(self.state, State::Done { .. }) {
                    self.summary_ui(ui, commands);
                }
            });
        open
    }

    /// The review's other parts (names list, 汇总 report), 重新检查, and 生成汇总报告.
    fn request_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let chosen = |p: &Option<PathBuf>| {
            p.as_ref()
                .and_then(|p| p.file_name())
                .map_or("未选择".to_string(), |n| {
                    n.to_string_lossy().into_owned()
                })
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("机关名单：{}", chosen(&self.request.names)));
            if ui.button("选择机关名单…").clicked() {
                commands.push(Command::DeskNames);
            }
            ui.separator();
            ui.label(format!("汇总报告：{}", chosen(&self.request.parent)));
            if ui.button("选择汇总报告…").clicked() {
                commands.push(Command::DeskParent);
            }
            ui.separator();
            if ui.button("重新检查").clicked() {
                commands.push(Command::DeskRecheck);
            }
        });
        if !matches!(self.state, State::Done { .. }) {
            return;
        }
        ui.horizontal(|ui| {
            let label = ui.label("汇总机关");
            ui.text_edit_singleline(&mut self.sum_organ)
                .labelled_by(label.id);
            let organ = self.sum_organ.trim().to_string();
            let button = ui
                .add_enabled(!organ.is_empty(), egui::Button::new("生成汇总报告"))
                .on_disabled_hover_text("请先填写汇总机关（如示范县人民政府）")
                .on_hover_text("由各机关计入汇总的报告相加，生成表二至表四；正文另填");
            if button.clicked() {
                commands.push(Command::Guarded(Guarded::NewSum(organ)));
            }
        });
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
        let (all, missing) = match &self.state {
            State::Done { rows, desk } => (rows.len(), desk.missing.len()),
            _ => (0, 0),
        };
        egui::CollapsingHeader::new("图表")
            .id_salt("nianbao-desk-charts")
            .show(ui, |ui| super::desk_charts::charts_ui(ui, &rows, missing));
        let count = if self.filter.trim().is_empty() {
            format!("共{all}份报告")
        } else {
            format!("筛选出{}份，共{all}份报告", rows.len())
        };
        ui.label(format!("{count}（双击一行或点「打开」打开报告）"));
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
                            // A new column starts with names A→Z and counts largest first.
                            let first = by != SortBy::Organ;
                            self.sort = match self.sort {
                                (b, descending) if b == by => (by, !descending),
                                _ => (by, first),
                            };
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
