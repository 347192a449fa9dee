//! Column widths from the content, as a typesetter sets a table of figures: every figure
//! column gets at least its widest figure (a number never wraps), the label columns get what
//! is left (up to the template's share) and wrap, and spare width evens out the narrowest
//! figure columns first. The table is set at 五号 where that fits, else 小五, else 小五 with
//! closer cells, else on a landscape page (GB/T 9704), in that order.

use super::fonts::Role;
use super::table::{CellRole, GridCell};
use super::text::Style;
use super::{Frame, TABLE_PT, TABLE_SMALL_PT};

/// How a block of a table is set: its columns, type size, cell padding and page.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub widths_mm: Vec<f32>,
    pub size_pt: f32,
    pub pad_mm: f32,
    pub landscape: bool,
}

/// What a figure column gets beyond its widest figure and padding: Word and LibreOffice set
/// the same widths with their own fonts' digits and round the cells to their own units, and
/// a figure that only just fits here would wrap there (「1361 / 2」).
const FIGURE_SLACK_MM: f32 = 0.8;

/// Sizes, paddings and orientations in the order they are tried.
const TRIES: [(f32, f32, bool); 7] = [
    (TABLE_PT, 1.2, false),
    (TABLE_SMALL_PT, 1.2, false),
    // Closer cells before a turned page (table 四's fifteen columns of 5-digit figures).
    (TABLE_SMALL_PT, 0.8, false),
    (TABLE_PT, 1.2, true),
    (TABLE_SMALL_PT, 1.2, true),
    (TABLE_SMALL_PT, 0.8, true),
    // 六号: only for figures too long for anything else.
    (7.5, 0.8, true),
];

/// The first setting of `TRIES` whose figures all fit unbroken; the last one otherwise (its
/// longest figures then wrap, which only absurd figures need).
pub fn fit(label_share: f32, weights: &[f32], columns: usize, body: &[GridCell]) -> Fit {
    let labels = weights.len();
    for (i, &(size_pt, pad_mm, landscape)) in TRIES.iter().enumerate() {
        let frame = if landscape {
            Frame::LANDSCAPE
        } else {
            Frame::PORTRAIT
        };
        let style = Style::new(Role::Body, size_pt);
        let em = style.em_mm();
        let needs: Vec<f32> = (labels..labels + columns)
            .map(|c| {
                let widest = body
                    .iter()
                    .filter(|cell| cell.role == CellRole::Figure && cell.c0 == c)
                    .map(|cell| unbreakable_mm(&style, &cell.text) + FIGURE_SLACK_MM)
                    .fold(2.0 * em, f32::max);
                widest + 2.0 * pad_mm
            })
            .collect();
        // A label column holds at least one character a line; the innermost, three.
        let label_min: Vec<f32> = (0..labels)
            .map(|l| if l + 1 == labels { 3.0 } else { 1.0 } * em + 2.0 * pad_mm)
            .collect();
        let data: f32 = needs.iter().sum();
        let fits = data + label_min.iter().sum::<f32>() <= frame.width + 0.01;
        if fits || i + 1 == TRIES.len() {
            let label_w = (frame.width * label_share)
                .min(frame.width - data)
                .max(label_min.iter().sum());
            let mut widths = label_widths(label_w, frame.width * label_share, weights, &label_min);
            widths.extend(even_out(&needs, frame.width - label_w));
            return Fit {
                widths_mm: widths,
                size_pt,
                pad_mm,
                landscape,
            };
        }
    }
    unreachable!("the last setting is always taken")
}

/// The widest stretch of `text` a line may not break inside: a number (digits, separators,
/// sign, decimal point, per cent) or a single character.
pub fn unbreakable_mm(style: &Style, text: &str) -> f32 {
    let mut widest = 0.0f32;
    let mut run = 0.0;
    for c in text.chars() {
        let w = style.char_mm(c);
        if c.is_ascii_alphanumeric() || ".,+-%".contains(c) {
            run += w;
        } else {
            run = w;
        }
        widest = widest.max(run);
        if !(c.is_ascii_alphanumeric() || ".,+-%".contains(c)) {
            run = 0.0;
        }
    }
    widest
}

/// The label columns' widths for `total` mm: the template's proportions at its preferred
/// width `preferred`; as they narrow, the outer columns (merged group labels, which may stand
/// a character a line) give way towards their minimum before the innermost one.
fn label_widths(total: f32, preferred: f32, weights: &[f32], min: &[f32]) -> Vec<f32> {
    let Some(last) = weights.len().checked_sub(1) else {
        return Vec::new();
    };
    let sum: f32 = weights.iter().sum();
    let squeeze = if preferred > 0.0 {
        (total / preferred).min(1.0)
    } else {
        1.0
    };
    let mut out: Vec<f32> = weights.iter().map(|w| total * w / sum).collect();
    for i in 0..last {
        let give = ((out[i] - min[i]) * (1.0 - squeeze)).max(0.0);
        out[i] -= give;
        out[last] += give;
    }
    // Never below a column's minimum (the innermost takes the difference).
    for i in 0..last {
        if out[i] < min[i] {
            out[last] -= min[i] - out[i];
            out[i] = min[i];
        }
    }
    out
}

/// Figure columns of at least `needs` filling `total`: the narrowest raised first, so equal
/// columns where the figures are short; proportionally narrowed if even the needs exceed it.
fn even_out(needs: &[f32], total: f32) -> Vec<f32> {
    let sum: f32 = needs.iter().sum();
    if needs.is_empty() {
        return Vec::new();
    }
    if sum >= total {
        return needs.iter().map(|n| n * total / sum).collect();
    }
    // The level the narrowest columns are raised to: Σ max(need, level) = total.
    let mut sorted = needs.to_vec();
    sorted.sort_by(f32::total_cmp);
    let mut below = 0.0;
    let mut level = total / needs.len() as f32;
    for (k, &n) in sorted.iter().enumerate() {
        below += n;
        let candidate = (total - (sum - below)) / (k as f32 + 1.0);
        if candidate <= sorted.get(k + 1).copied().unwrap_or(f32::INFINITY) {
            level = candidate;
            break;
        }
    }
    needs.iter().map(|&n| n.max(level)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_figures_share_the_width_evenly_and_long_ones_get_their_own() {
        let even = even_out(&[10.0, 10.0, 10.0], 60.0);
        assert_eq!(even, [20.0, 20.0, 20.0]);
        let uneven = even_out(&[30.0, 10.0, 10.0], 60.0);
        assert_eq!(uneven, [30.0, 15.0, 15.0]);
        let tight = even_out(&[30.0, 30.0], 30.0);
        assert_eq!(tight, [15.0, 15.0]);
    }

    #[test]
    fn a_number_is_one_unbreakable_stretch() {
        let style = Style::new(Role::Body, TABLE_PT);
        let eight = unbreakable_mm(&style, "12345678");
        assert!((eight - 8.0 * style.char_mm('1')).abs() < 1e-3);
        assert!((unbreakable_mm(&style, "共12件") - style.char_mm('1') * 2.0).abs() < 1e-3);
        assert!((unbreakable_mm(&style, "文字") - style.char_mm('文')).abs() < 1e-3);
    }

    #[test]
    fn outer_label_columns_give_way_first() {
        let min = [5.0, 5.0, 12.0];
        let full = label_widths(80.0, 80.0, &[0.8, 1.2, 2.0], &min);
        assert!((full[0] - 16.0).abs() < 1e-3 && (full[2] - 40.0).abs() < 1e-3);
        let narrow = label_widths(40.0, 80.0, &[0.8, 1.2, 2.0], &min);
        assert!((narrow.iter().sum::<f32>() - 40.0).abs() < 1e-3);
        assert!(narrow[2] > 40.0 * 2.0 / 4.0, "{narrow:?}");
        assert!(narrow.iter().zip(min).all(|(w, m)| *w >= m - 1e-3));
    }
}
