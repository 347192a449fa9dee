//! The county at a glance in 批量检查's window, as the workbook's 图表 sheet draws it: how many
//! reports are 通过 / 需修改 / 退回 and how many organs 未报送, and the organs with the most
//! errors and warnings, as bars a reviewer takes in at a glance.

use egui::{Color32, Rect, RichText, Sense, Ui, pos2, vec2};

use crate::desk::Row;

/// Organs drawn in the errors-and-warnings chart, most first.
const MOST: usize = 12;
const BAR_H: f32 = 16.0;

pub fn charts_ui(ui: &mut Ui, rows: &[Row], missing: usize) {
    let reviewed: Vec<&Row> = rows.iter().filter(|r| r.reviewed()).collect();
    let count = |v: &str| reviewed.iter().filter(|r| r.verdict == v).count();
    let board = [
        ("通过", count("通过"), Color32::from_rgb(0x3a, 0x8f, 0x4f)),
        (
            "需修改",
            count("需修改"),
            Color32::from_rgb(0xd9, 0x8c, 0x1f),
        ),
        ("退回", count("退回"), Color32::from_rgb(0xc0, 0x39, 0x2b)),
        ("未报送", missing, Color32::GRAY),
    ];
    ui.label(RichText::new("审核结论").strong());
    let most = board.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    for (name, n, color) in board {
        bar_ui(ui, &format!("{name} {n}份"), &[(n, color)], most);
    }
    let mut worst: Vec<&&Row> = reviewed
        .iter()
        .filter(|r| r.errors + r.warnings > 0)
        .collect();
    worst.sort_by_key(|r| std::cmp::Reverse((r.errors, r.warnings)));
    if worst.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(
        RichText::new(format!(
            "错误和警告最多的机关（前{}）",
            worst.len().min(MOST)
        ))
        .strong(),
    );
    let most = worst
        .iter()
        .map(|r| r.errors + r.warnings)
        .max()
        .unwrap_or(1);
    for r in worst.iter().take(MOST) {
        let name = format!(
            "{}：错误{}，警告{}",
            crate::file::escape::shown(&r.organ),
            r.errors,
            r.warnings
        );
        let parts = [
            (r.errors, ui.visuals().error_fg_color),
            (r.warnings, ui.visuals().warn_fg_color),
        ];
        bar_ui(ui, &name, &parts, most);
    }
}

/// One bar of stacked parts, `most` the full width, its label beside it.
fn bar_ui(ui: &mut Ui, label: &str, parts: &[(usize, Color32)], most: usize) {
    ui.horizontal(|ui| {
        let width = 240.0;
        let (rect, _) = ui.allocate_exact_size(vec2(width, BAR_H), Sense::hover());
        ui.painter()
            .rect_filled(rect, 2.0, ui.visuals().faint_bg_color);
        let mut x = rect.left();
        for &(n, color) in parts {
            let w = width * n as f32 / most as f32;
            let part = Rect::from_min_size(pos2(x, rect.top()), vec2(w, BAR_H));
            ui.painter().rect_filled(part, 2.0, color);
            x += w;
        }
        ui.label(label);
    });
}
