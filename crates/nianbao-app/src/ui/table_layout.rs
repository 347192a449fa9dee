//! Where a grid's columns and rows go: label columns give way before data columns get
//! narrow, and every row is as tall as its wrapped labels need.

use egui::Ui;

use crate::template::{GridDef, Template};

pub const PAD: f32 = 4.0;
const ROW_MIN: f32 = 26.0;
const DATA_MIN: f32 = 44.0;
const DATA_MAX: f32 = 96.0;

/// Column positions and row heights of one grid.
pub struct Layout {
    pub xs: Vec<f32>,
    pub caption: f32,
    pub header: Vec<f32>,
    pub body: Vec<f32>,
}

pub fn text_height(ui: &Ui, text: &str, width: f32) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let galley = ui.painter().layout(
        text.to_owned(),
        font,
        egui::Color32::BLACK,
        (width - 2.0 * PAD).max(10.0),
    );
    galley.size().y + 2.0 * PAD
}

pub fn layout(ui: &Ui, t: &Template, grid: &GridDef, width: f32) -> Layout {
    // Label widths as the template shares them out (as in the PDF); they give way (down to
    // 60%) before the data columns get narrow.
    let (share, weights) = t.label_widths(grid);
    let sum: f32 = weights.iter().sum();
    let preferred: Vec<f32> = weights.iter().map(|w| width * share * w / sum).collect();
    let n = grid.columns.len() as f32;
    let wanted: f32 = preferred.iter().sum();
    let data = ((width - wanted) / n).clamp(DATA_MIN, DATA_MAX);
    let labels = (width - data * n).clamp(wanted * 0.6, wanted);
    let scale = if wanted > 0.0 { labels / wanted } else { 1.0 };
    let mut xs = vec![0.0];
    for w in preferred
        .iter()
        .map(|w| w * scale)
        .chain(std::iter::repeat_n(data, grid.columns.len()))
    {
        xs.push(xs.last().unwrap() + w);
    }
    let span = |from: usize, cols: usize| xs[(from + cols).min(xs.len() - 1)] - xs[from];
    let mut header = vec![ROW_MIN; grid.header.len()];
    for (r, start, cell) in grid.header_cells() {
        let h = text_height(ui, &cell.text, span(start, cell.cols));
        let last = (r + cell.rows).min(header.len()) - 1;
        let above: f32 = header[r..last].iter().sum();
        header[last] = header[last].max(h - above);
    }
    let mut body = vec![ROW_MIN; grid.rows.len()];
    for l in grid.label_cells() {
        let h = text_height(ui, &l.text, span(l.level, l.col_span));
        let last = l.row + l.row_span - 1;
        let above: f32 = body[l.row..last].iter().sum();
        body[last] = body[last].max(h - above);
    }
    let caption = if grid.caption.is_some() { ROW_MIN } else { 0.0 };
    Layout {
        xs,
        caption,
        header,
        body,
    }
}
