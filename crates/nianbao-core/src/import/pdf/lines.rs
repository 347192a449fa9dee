//! Characters into text: lines by baseline, pieces of a line split at wide gaps (columns of
//! a table drawn without rules), and the text of a table cell with its lines joined, so a
//! number wrapped inside a narrow cell is one number again.

use super::content::Glyph;

/// A gap wider than this many font sizes separates two pieces of a line (table columns).
const COLUMN_GAP: f32 = 1.8;

/// One line of text outside the tables.
#[derive(Debug, Clone)]
pub struct TextLine {
    pub y: f32,
    pub size: f32,
    pub x0: f32,
    pub x1: f32,
    /// The pieces separated by wide gaps: (left, right, text).
    pub pieces: Vec<(f32, f32, String)>,
}

impl TextLine {
    /// The pieces joined by a space, except where a figure was only set apart from the
    /// Chinese word next to it (WPS spaces 「信息 1136条」 unevenly): that gap is typesetting,
    /// not a space the author typed.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut right = f32::MIN;
        for (left, r, t) in &self.pieces {
            let near = left - right < COLUMN_GAP * self.size;
            let last = out.chars().last();
            if near
                && last
                    .zip(t.chars().next())
                    .is_some_and(|(a, b)| cjk_beside_digit(a, b))
            {
                out.push_str(t);
            } else {
                join_into(&mut out, t, true);
            }
            right = *r;
        }
        out
    }
}

/// Groups glyphs into lines, top to bottom, each left to right.
pub fn text_lines(mut glyphs: Vec<&Glyph>) -> Vec<TextLine> {
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(row) if (row[0].y - g.y).abs() <= 0.35 * row[0].size.max(g.size) => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    rows.into_iter()
        .map(|mut row| {
            row.sort_by(|a, b| a.x.total_cmp(&b.x));
            line(&row)
        })
        .collect()
}

fn line(row: &[&Glyph]) -> TextLine {
    let size = median(row.iter().map(|g| g.size));
    let mut pieces: Vec<(f32, f32, String)> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    for g in row {
        let gap = prev.map_or(f32::MAX, |p| g.x - (p.x + p.width));
        // A figure set apart from what precedes it is the next column's (a label and the
        // first figure, or two figures, of a table row drawn without rules); in running text
        // digits follow their word, or a space, without a gap.
        let figure_apart = gap > 0.25 * size
            && g.text
                .starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '-');
        match pieces.last_mut() {
            Some(piece) if gap < COLUMN_GAP * size && !figure_apart => {
                if needs_space(prev, g, gap, size) {
                    piece.2.push(' ');
                }
                piece.2.push_str(&g.text);
                piece.1 = piece.1.max(g.x + g.width);
            }
            _ => pieces.push((g.x, g.x + g.width, g.text.clone())),
        }
        prev = Some(g);
    }
    for p in &mut pieces {
        p.2 = p.2.trim().to_string();
    }
    pieces.retain(|p| !p.2.is_empty());
    TextLine {
        y: row[0].y,
        size,
        x0: pieces.first().map_or(0.0, |p| p.0),
        x1: pieces.last().map_or(0.0, |p| p.1),
        pieces,
    }
}

/// A space between two characters drawn apart: between words of Latin text at a modest gap,
/// elsewhere only at a gap as wide as a character (justified Chinese text spreads its
/// characters, and a space there would be invented).
fn needs_space(prev: Option<&Glyph>, g: &Glyph, gap: f32, size: f32) -> bool {
    let Some(p) = prev else { return false };
    if p.text.ends_with(' ') || g.text.starts_with(' ') {
        return false;
    }
    let touching = p.text.chars().last().zip(g.text.chars().next());
    if touching.is_some_and(|(a, b)| cjk_beside_digit(a, b)) {
        return false;
    }
    let latin = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric());
    if latin(&p.text) && latin(&g.text) {
        gap > 0.2 * size
    } else {
        gap > 0.8 * size
    }
}

/// A Chinese character and a digit side by side, either way round.
fn cjk_beside_digit(a: char, b: char) -> bool {
    let cjk = |c: char| matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}');
    (cjk(a) && b.is_ascii_digit()) || (a.is_ascii_digit() && cjk(b))
}

/// The text of a table cell: its glyphs as lines, joined without a break.
pub fn cell_text(glyphs: Vec<&Glyph>) -> String {
    let mut out = String::new();
    for line in text_lines(glyphs) {
        join_into(&mut out, &line.text(), false);
    }
    out
}

/// Appends a line's text: a space only between two Latin words (a Chinese line, or a number
/// wrapped in a narrow cell, continues without one). `pieces` joins the pieces of one line,
/// which are apart on the page.
pub fn join_into(out: &mut String, text: &str, pieces: bool) {
    let latin_end = out.chars().last().is_some_and(|c| c.is_ascii_alphabetic());
    let latin_start = text.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    if !out.is_empty() && !text.is_empty() && (pieces || (latin_end && latin_start)) {
        out.push(' ');
    }
    out.push_str(text);
}

/// A figure as a table cell shows it: digits with a sign, point or separators.
pub fn is_figure(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || ".,+-".contains(c))
}

fn median(values: impl Iterator<Item = f32>) -> f32 {
    let mut v: Vec<f32> = values.collect();
    v.sort_by(f32::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x: f32, y: f32) -> Glyph {
        Glyph {
            text: text.into(),
            x,
            y,
            width: 5.0,
            size: 10.0,
            turned: 0,
        }
    }

    #[test]
    fn a_number_wrapped_in_a_cell_is_one_number() {
        let g = [
            glyph("1", 0.0, 20.0),
            glyph("3", 5.0, 20.0),
            glyph("6", 0.0, 8.0),
        ];
        assert_eq!(cell_text(g.iter().collect()), "136");
    }

    #[test]
    fn lines_split_at_column_gaps_and_keep_word_spaces() {
        let g = [
            glyph("a", 0.0, 10.0),
            glyph("b", 8.0, 10.0),
            glyph("7", 100.0, 10.5),
            glyph("x", 0.0, -5.0),
        ];
        let lines = text_lines(g.iter().collect());
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].pieces.len(), 2);
        assert_eq!(lines[0].text(), "a b 7");
        assert_eq!(lines[1].text(), "x");
    }

    #[test]
    fn a_gap_between_chinese_and_a_figure_is_not_a_space() {
        let g = [
            glyph("信", 0.0, 10.0),
            glyph("息", 10.0, 10.0),
            glyph("1", 24.0, 10.0),
            glyph("1", 29.0, 10.0),
            glyph("条", 39.0, 10.0),
            glyph("共", 200.0, 10.0),
        ];
        let lines = text_lines(g.iter().collect());
        assert_eq!(
            lines[0].pieces.len(),
            3,
            "the figure is still a piece of its own"
        );
        assert_eq!(
            lines[0].text(),
            "信息11条 共",
            "a column gap keeps its space"
        );
    }
}
