//! 预览: the pages exactly as the PDF lays them out (the same `layout` output), drawn with the
//! window's painter. The window's own CJK face stands in for 仿宋/楷体 here; positions, line
//! breaks, tables and page breaks are the PDF's.

use egui::{Align2, Color32, FontId, Pos2, Sense, Stroke, Ui, vec2};

use crate::layout::{self, PAGE_H_MM, PAGE_W_MM, PT_MM, Page};
use crate::model::Report;
use crate::ui::command::Command;

/// Screen points per millimetre at 100 %.
const SCALE: f32 = 2.6;

/// The pages of the report last laid out: the layout runs again only when the report changed,
/// not on every frame of 预览.
#[derive(Default)]
pub struct PreviewCache {
    laid_out: Option<(Report, Vec<Page>)>,
}

impl PreviewCache {
    pub fn pages(&mut self, report: &Report) -> &[Page] {
        if self.laid_out.as_ref().is_none_or(|(r, _)| r != report) {
            self.laid_out = Some((report.clone(), layout::layout(report)));
        }
        self.laid_out.as_ref().map_or(&[], |(_, pages)| pages)
    }
}

/// `export_keys`: the shortcut of 导出PDF as the app's key table spells it.
pub fn preview_ui(
    ui: &mut Ui,
    report: &Report,
    cache: &mut PreviewCache,
    export_keys: Option<String>,
    commands: &mut Vec<Command>,
) {
    let pages = cache.pages(report);
    ui.heading(format!(
        "打印预览（共 {} 页，与导出的PDF排版相同）",
        pages.len()
    ));
    let button = egui::Button::new("导出PDF…").shortcut_text(export_keys.unwrap_or_default());
    if ui.add(button).clicked() {
        commands.push(Command::ExportPdf);
    }
    for (i, page) in pages.iter().enumerate() {
        ui.add_space(8.0);
        page_ui(ui, page, i + 1);
    }
}

fn page_ui(ui: &mut Ui, page: &Page, number: usize) {
    let size = vec2(PAGE_W_MM, PAGE_H_MM) * SCALE;
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    painter.rect_stroke(
        rect,
        0.0,
        Stroke::new(1.0, Color32::GRAY),
        egui::StrokeKind::Outside,
    );
    let at = |x: f32, y: f32| Pos2::new(rect.left() + x * SCALE, rect.top() + y * SCALE);
    for rule in &page.rules {
        painter.line_segment(
            [at(rule.x0, rule.y0), at(rule.x1, rule.y1)],
            Stroke::new((rule.width_pt * PT_MM * SCALE).max(0.5), Color32::BLACK),
        );
    }
    for run in &page.runs {
        let font = FontId::proportional(run.size_pt * PT_MM * SCALE);
        // Characters are placed one by one so the squeezed 3号 grid matches the PDF.
        let mut x = run.x_mm;
        for c in run.text.chars() {
            painter.text(
                at(x, run.baseline_mm),
                Align2::LEFT_BOTTOM,
                c,
                font.clone(),
                Color32::BLACK,
            );
            x += crate::layout::fonts::advance_em(run.face, c) * run.size_pt * PT_MM
                + run.tracking_mm;
        }
    }
    response.on_hover_text(format!("第 {number} 页"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_laid_out_again_only_when_the_report_changes() {
        let mut report = Report::new(2025, "清水河镇人民政府");
        let mut cache = PreviewCache::default();
        let first = cache.pages(&report).as_ptr();
        assert_eq!(cache.pages(&report).as_ptr(), first, "reused");
        *report.narrative_mut("overview").unwrap() = "本镇坚持以公开为常态。".repeat(200);
        let longer = cache.pages(&report).len();
        assert!(longer > 1, "laid out anew: {longer} pages");
    }
}
