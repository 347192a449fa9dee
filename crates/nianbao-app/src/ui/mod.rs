//! Widgets of the window. Each draws from the editor's state and pushes [`Command`]s; none
//! changes the report itself.

pub mod command;
pub mod compare;
pub mod font_setting;
pub mod fonts;
pub mod import;
pub mod meta;
pub mod narrative;
pub mod outline;
pub mod preview;
mod preview_page;
pub mod problems;
pub mod status;
pub mod table;
mod table_layout;

use std::collections::HashMap;

use egui::Color32;

use crate::check::{Finding, Severity};
use crate::template::CellIx;

pub const ERROR: Color32 = Color32::from_rgb(0xd0, 0x30, 0x30);
pub const WARNING: Color32 = Color32::from_rgb(0xe0, 0x90, 0x10);
pub const OK: Color32 = Color32::from_rgb(0x20, 0x90, 0x40);
pub const HEADER_FILL: Color32 = Color32::from_rgb(0xee, 0xf1, 0xf5);
pub const COMPUTED_FILL: Color32 = Color32::from_rgb(0xf3, 0xf3, 0xee);
pub const INVALID_FILL: Color32 = Color32::from_rgb(0xfd, 0xe4, 0xe4);
pub const GRID_LINE: Color32 = Color32::from_rgb(0x9a, 0xa3, 0xad);

pub fn severity_color(severity: Severity) -> Color32 {
    match severity {
        Severity::Error => ERROR,
        Severity::Warning => WARNING,
    }
}

/// For each cell, the findings that name it (indices into the findings list), worst first.
pub type CellMarks = HashMap<CellIx, Vec<usize>>;

pub fn cell_marks(findings: &[Finding]) -> CellMarks {
    let mut marks: CellMarks = HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        for cell in f.cells() {
            marks.entry(cell).or_default().push(i);
        }
    }
    for list in marks.values_mut() {
        list.sort_by_key(|&i| std::cmp::Reverse(findings[i].severity));
    }
    marks
}

/// 「错误 2 · 警告 1」 in colour, or nothing when there are none.
pub fn counts_ui(ui: &mut egui::Ui, errors: usize, warnings: usize) {
    if errors > 0 {
        ui.colored_label(ERROR, format!("错误{errors}"));
    }
    if warnings > 0 {
        ui.colored_label(WARNING, format!("警告{warnings}"));
    }
}
