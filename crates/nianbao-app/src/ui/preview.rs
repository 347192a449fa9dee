//! 预览: the pages exactly as the PDF lays them out (the same `layout` output), drawn in the
//! PDF's own faces (installed when 预览 first opens), with zoom and page navigation.

use egui::{Align, Rect, ScrollArea, Sense, Ui, vec2};

use crate::layout::installed::Discovery;
use crate::layout::{self, FontSet, PAGE_W_MM, Page};
use crate::model::Report;
use crate::ui::command::Command;
use crate::ui::fonts;
use crate::ui::preview_page::{page_size, paint_page};

/// Screen points per millimetre at 100 % (A4 at 96 dpi, as a word processor shows it).
pub const SCALE_100: f32 = 96.0 / 25.4;
/// The zoom steps of 放大/缩小, in per cent.
pub const STEPS: [u32; 11] = [25, 33, 50, 67, 75, 90, 100, 125, 150, 200, 300];
const GAP: f32 = 12.0;

/// How large the pages are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zoom {
    /// The page as wide as the preview (rounded to a whole per cent).
    #[default]
    FitWidth,
    Percent(u32),
}

/// The pages of the report last laid out (the layout runs again only when the report
/// changed, not on every frame of 预览), and how they are viewed.
#[derive(Default)]
pub struct PreviewCache {
    laid_out: Option<(Report, FontSet, Vec<Page>)>,
    pub zoom: Zoom,
    /// The page at the top of the view (from 0), as last drawn.
    pub page: usize,
    /// A page to scroll to on the next frame.
    jump: Option<usize>,
    /// The per cent the pages were last drawn at.
    pub percent: u32,
    /// When Ctrl+wheel last turned.
    wheel_at: Option<f64>,
}

impl PreviewCache {
    /// The pages in `fonts`, laid out again when the report or the fonts changed.
    pub fn pages(&mut self, report: &Report, fonts: FontSet) -> &[Page] {
        if self
            .laid_out
            .as_ref()
            .is_none_or(|(r, f, _)| r != report || *f != fonts)
        {
            let pages = layout::publication_with(report, fonts).pages;
            self.laid_out = Some((report.clone(), fonts, pages));
        }
        self.laid_out.as_ref().map_or(&[], |(_, _, pages)| pages)
    }

    /// One zoom step larger (`+1`) or smaller (`-1`) than what is shown.
    pub fn step_zoom(&mut self, direction: i32) {
        let now = self.percent.max(1);
        let next = if direction > 0 {
            STEPS.iter().copied().find(|&s| s > now)
        } else {
            STEPS.iter().rev().copied().find(|&s| s < now)
        };
        if let Some(p) = next {
            self.zoom = Zoom::Percent(p);
        }
    }

    /// Ctrl+wheel at `time` (seconds): one zoom step per turn of the wheel. egui spreads a
    /// notch over several frames by a varying amount, so a step is made when the wheel starts
    /// turning after a pause of 0.25 s.
    pub fn wheel_zoom(&mut self, factor: f32, time: f64) {
        if factor == 1.0 {
            return;
        }
        if self.wheel_at.is_none_or(|t| time - t > 0.25) {
            self.step_zoom(if factor > 1.0 { 1 } else { -1 });
        }
        self.wheel_at = Some(time);
    }

    pub fn go_to(&mut self, page: usize) {
        self.jump = Some(page);
    }
}

/// The fonts setting as 预览 shows it: on or off, and what was found when on.
pub struct FontChoice<'a> {
    pub on: bool,
    pub found: Option<&'a Discovery>,
}

impl FontChoice<'_> {
    pub fn set(&self) -> FontSet {
        self.found.map_or(FontSet::BUNDLED, |d| d.set)
    }
}

/// `export_keys`: the shortcut of 导出PDF as the app's key table spells it.
pub fn preview_ui(
    ui: &mut Ui,
    report: &Report,
    cache: &mut PreviewCache,
    choice: &FontChoice,
    export_keys: Option<String>,
    commands: &mut Vec<Command>,
) {
    let set = choice.set();
    let faces = fonts::pdf_faces_ready(ui.ctx(), set);
    if !faces {
        fonts::install_pdf_faces(ui.ctx(), set);
        ui.ctx().request_repaint();
    }
    let count = cache.pages(report, set).len();
    toolbar_ui(ui, cache, count, export_keys, commands);
    crate::ui::font_setting::installed_fonts_ui(ui, choice.on, choice.found, commands);
    ui.separator();
    let width = ui.available_width() - 2.0 * GAP - ui.spacing().scroll.bar_width;
    cache.percent = match cache.zoom {
        Zoom::Percent(p) => p,
        Zoom::FitWidth => ((width / (PAGE_W_MM * SCALE_100)) * 100.0)
            .floor()
            .max(10.0) as u32,
    };
    if ui.ui_contains_pointer() {
        let (factor, time) = ui.input(|i| (i.zoom_delta(), i.time));
        cache.wheel_zoom(factor, time);
    }
    let scale = SCALE_100 * cache.percent as f32 / 100.0;
    ScrollArea::both()
        .id_salt("nianbao-preview")
        .auto_shrink([false, false])
        .show(ui, |ui| pages_ui(ui, cache, report, set, (scale, faces)));
}

fn toolbar_ui(
    ui: &mut Ui,
    cache: &mut PreviewCache,
    count: usize,
    export_keys: Option<String>,
    commands: &mut Vec<Command>,
) {
    ui.heading(format!("打印预览（共 {count} 页，与导出的PDF排版相同）"));
    ui.horizontal_wrapped(|ui| {
        let button = egui::Button::new("导出PDF…").shortcut_text(export_keys.unwrap_or_default());
        if ui.add(button).clicked() {
            commands.push(Command::ExportPdf);
        }
        ui.separator();
        let page = cache.page.min(count.saturating_sub(1));
        if ui
            .add_enabled(page > 0, egui::Button::new("上一页"))
            .clicked()
        {
            cache.go_to(page - 1);
        }
        ui.label(format!("第 {} / {count} 页", page + 1));
        if ui
            .add_enabled(page + 1 < count, egui::Button::new("下一页"))
            .clicked()
        {
            cache.go_to(page + 1);
        }
        ui.separator();
        if ui
            .button("缩小")
            .on_hover_text("Ctrl+滚轮 也可缩放")
            .clicked()
        {
            cache.step_zoom(-1);
        }
        ui.label(format!("显示比例 {}%", cache.percent));
        if ui
            .button("放大")
            .on_hover_text("Ctrl+滚轮 也可缩放")
            .clicked()
        {
            cache.step_zoom(1);
        }
        if ui
            .selectable_label(cache.zoom == Zoom::Percent(100), "100%")
            .clicked()
        {
            cache.zoom = Zoom::Percent(100);
        }
        if ui
            .selectable_label(cache.zoom == Zoom::FitWidth, "适合宽度")
            .clicked()
        {
            cache.zoom = Zoom::FitWidth;
        }
    });
}

/// Every page in a column; only the visible ones are painted. Notes the page at the top.
/// `(scale, faces)`: points per millimetre, and whether the PDF's faces are installed.
fn pages_ui(
    ui: &mut Ui,
    cache: &mut PreviewCache,
    report: &Report,
    set: FontSet,
    (scale, faces): (f32, bool),
) {
    let jump = cache.jump.take();
    let view = ui.clip_rect();
    let mut top = None;
    let size = page_size(scale);
    let left = (ui.available_width() - size.x).max(0.0) / 2.0;
    for (i, page) in cache.pages(report, set).iter().enumerate() {
        ui.add_space(GAP);
        let (row, _) = ui.allocate_exact_size(vec2(size.x + left, size.y), Sense::hover());
        let rect = Rect::from_min_size(row.min + vec2(left, 0.0), size);
        if jump == Some(i) {
            ui.scroll_to_rect(rect.expand(GAP), Some(Align::TOP));
        }
        if ui.is_rect_visible(rect) {
            paint_page(ui, rect, page, set, (scale, faces));
        }
        if top.is_none() && rect.bottom() > view.top() + view.height() / 3.0 {
            top = Some(i);
        }
    }
    ui.add_space(GAP);
    cache.page = jump.or(top).unwrap_or(0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_laid_out_again_only_when_the_report_changes() {
        let mut report = Report::new(2025, "清水河镇人民政府");
        let mut cache = PreviewCache::default();
        let set = FontSet::BUNDLED;
        let first = cache.pages(&report, set).as_ptr();
        assert_eq!(cache.pages(&report, set).as_ptr(), first, "reused");
        *report.narrative_mut("overview").unwrap() = "本镇坚持以公开为常态。".repeat(200);
        let longer = cache.pages(&report, set).len();
        assert!(longer > 1, "laid out anew: {longer} pages");
    }

    #[test]
    fn zoom_steps_go_from_what_is_shown() {
        let mut cache = PreviewCache {
            percent: 80,
            ..Default::default()
        };
        cache.step_zoom(1);
        assert_eq!(cache.zoom, Zoom::Percent(90));
        cache.percent = 300;
        cache.step_zoom(1);
        assert_eq!(cache.zoom, Zoom::Percent(90), "no step above the largest");
        cache.step_zoom(-1);
        assert_eq!(cache.zoom, Zoom::Percent(200));
    }
}
