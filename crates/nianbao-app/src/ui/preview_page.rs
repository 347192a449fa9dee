//! One page of 预览 drawn with the painter: the layout's rules and runs, each character in the
//! PDF's own face (仿宋, 楷体, 黑体, 小标宋, 宋体) at the layout's position.

use egui::epaint::TextShape;
use egui::{Color32, FontId, Pos2, Rect, Stroke, Ui, vec2};

use crate::layout::{FontSet, PAGE_H_MM, PAGE_W_MM, PT_MM, Page};
use crate::ui::fonts::pdf_family;

/// The size of a page on screen at `scale` points per millimetre.
pub fn page_size(scale: f32) -> egui::Vec2 {
    vec2(PAGE_W_MM, PAGE_H_MM) * scale
}

/// Paints `page` (laid out in `set`) into `rect` (already allocated) at `scale` points per
/// millimetre; `faces`: whether the PDF's faces are installed (until then the UI font stands
/// in for one frame).
pub fn paint_page(ui: &Ui, rect: Rect, page: &Page, set: FontSet, (scale, faces): (f32, bool)) {
    let painter = ui.painter_at(rect.expand(2.0));
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    painter.rect_stroke(
        rect,
        0.0,
        Stroke::new(1.0, Color32::GRAY),
        egui::StrokeKind::Outside,
    );
    let at = |x: f32, y: f32| Pos2::new(rect.left() + x * scale, rect.top() + y * scale);
    for rule in &page.rules {
        painter.line_segment(
            [at(rule.x0, rule.y0), at(rule.x1, rule.y1)],
            Stroke::new((rule.width_pt * PT_MM * scale).max(0.5), Color32::BLACK),
        );
    }
    for run in &page.runs {
        let size = run.size_pt * PT_MM * scale;
        let font = if faces {
            FontId::new(size, pdf_family(run.face, set))
        } else {
            FontId::proportional(size)
        };
        // Characters are placed one by one so the squeezed 3号 grid matches the PDF; a
        // landscape table's run goes up the page, its glyphs turned a quarter counter-clockwise.
        let mut along = 0.0;
        for c in run.text.chars() {
            if !c.is_whitespace() {
                let galley = painter.layout_no_wrap(c.to_string(), font.clone(), Color32::BLACK);
                let baseline = galley
                    .rows
                    .first()
                    .and_then(|r| r.row.glyphs.first().map(|g| r.pos.y + g.pos.y))
                    .unwrap_or(size);
                let shape = if run.rotated {
                    let pos = at(run.x_mm, run.baseline_mm - along) - vec2(baseline, 0.0);
                    TextShape::new(pos, galley, Color32::BLACK)
                        .with_angle(-std::f32::consts::FRAC_PI_2)
                } else {
                    let pos = at(run.x_mm + along, run.baseline_mm) - vec2(0.0, baseline);
                    TextShape::new(pos, galley, Color32::BLACK)
                };
                painter.add(shape);
            }
            along += set.advance_em(run.face, c) * run.size_pt * PT_MM + run.tracking_mm;
        }
    }
}
