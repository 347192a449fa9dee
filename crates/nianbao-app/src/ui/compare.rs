//! 与上年比对 in the window: the report against the last year's report it is linked with (or
//! compared with from 批量检查), as `nianbao compare` writes it: each figure this year and last
//! with the change, what the cross-year rules say under their line, and each section's
//! sentences that repeat last year's.

use egui::{RichText, Ui};

use crate::export::compare::Comparison;

/// `changed_only`: 只看有变化的 (figures that are the same are left out).
pub fn compare_ui(ui: &mut Ui, c: &Comparison, changed_only: &mut bool) {
    ui.heading(&c.title);
    ui.checkbox(changed_only, "只看有变化的数字");
    let mut table = None;
    let shown = c.lines.iter().filter(|l| {
        !*changed_only || (!l.change.is_empty() && l.change != "持平") || !l.said.is_empty()
    });
    let mut rows: Vec<&crate::export::compare::Line> = Vec::new();
    for line in shown {
        if table.as_ref() != Some(&line.table) {
            grid_ui(ui, table.as_deref(), &rows);
            rows.clear();
            table = Some(line.table.clone());
        }
        rows.push(line);
    }
    grid_ui(ui, table.as_deref(), &rows);
    ui.separator();
    ui.strong("正文与上年相比");
    for s in &c.sections {
        let verdict = s.verdict();
        ui.label(RichText::new(format!("{}：{verdict}", s.heading)).strong());
        for sentence in &s.repeated {
            ui.label(
                RichText::new(sentence).background_color(egui::Color32::from_rgb(0xff, 0xf3, 0xb0)),
            );
        }
    }
}

/// The widest a cell's label is drawn before it wraps, in points.
const LABEL_WIDTH: f32 = 380.0;

fn grid_ui(ui: &mut Ui, table: Option<&str>, rows: &[&crate::export::compare::Line]) {
    let Some(table) = table.filter(|_| !rows.is_empty()) else {
        return;
    };
    ui.add_space(6.0);
    ui.strong(table);
    egui::Grid::new(("nianbao-compare", table))
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for h in ["项目", "本年", "上年", "增减"] {
                ui.strong(h);
            }
            ui.end_row();
            for line in rows {
                let changed = !line.change.is_empty() && line.change != "持平";
                // Long labels (表三's rows and columns) wrap, so the figures stay in view.
                ui.scope(|ui| {
                    ui.set_max_width(LABEL_WIDTH);
                    ui.add(egui::Label::new(crate::file::escape::shown(&line.label)).wrap());
                });
                let this = RichText::new(crate::file::escape::shown(&line.this));
                ui.label(if changed { this.strong() } else { this });
                ui.label(crate::file::escape::shown(&line.last));
                ui.label(&line.change);
                ui.end_row();
                for said in &line.said {
                    ui.colored_label(ui.visuals().error_fg_color, said);
                    ui.end_row();
                }
            }
        });
}
