//! Measuring and breaking text: widths from the faces' advances, runs split where a character
//! falls back to another face, and lines broken by character with the basic 禁则 (no closing
//! punctuation at a line's start, no opening one at its end).

use super::fonts::{Role, advance_em, face_for};
use super::{BoxMm, PT_MM, Run};

/// Characters that may not begin a line.
pub const NO_START: &str = "，。、；：？！）》」』”’％…—,.;:?!)%";
/// Characters that may not end a line.
pub const NO_END: &str = "（《「『“‘(";

#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub role: Role,
    pub size_pt: f32,
    pub tracking_mm: f32,
}

impl Style {
    pub fn new(role: Role, size_pt: f32) -> Style {
        Style {
            role,
            size_pt,
            tracking_mm: 0.0,
        }
    }

    pub fn em_mm(&self) -> f32 {
        self.size_pt * PT_MM
    }

    pub fn char_mm(&self, c: char) -> f32 {
        advance_em(face_for(self.role, c), c) * self.em_mm() + self.tracking_mm
    }

    pub fn width_mm(&self, text: &str) -> f32 {
        text.chars().map(|c| self.char_mm(c)).sum()
    }

    /// The runs of one line starting at `x_mm`: a new run wherever the face changes.
    pub fn runs(&self, text: &str, x_mm: f32, baseline_mm: f32, cell: Option<BoxMm>) -> Vec<Run> {
        let chars: Vec<(char, Role)> = text.chars().map(|c| (c, self.role)).collect();
        let mut runs = super::para::set_line(self, &chars, x_mm, baseline_mm, None);
        for run in &mut runs {
            run.cell = cell;
        }
        runs
    }

    /// Breaks a paragraph into lines: the first `first_mm` wide, the rest `rest_mm`.
    pub fn lines(&self, text: &str, first_mm: f32, rest_mm: f32) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let mut lines = Vec::new();
        let mut start = 0;
        while start < chars.len() {
            let limit = if lines.is_empty() { first_mm } else { rest_mm };
            let mut end = start;
            let mut width = 0.0;
            while end < chars.len()
                && (end == start || width + self.char_mm(chars[end]) <= limit + 0.01)
            {
                width += self.char_mm(chars[end]);
                end += 1;
            }
            // 禁则: pull a character down rather than start a line with 。 or end one with （.
            if end < chars.len() {
                while end - start > 1
                    && (NO_START.contains(chars[end]) || NO_END.contains(chars[end - 1]))
                {
                    end -= 1;
                }
                // Keep a run of digits together where it fits on one line.
                let digit = |i: usize| chars[i].is_ascii_alphanumeric() || chars[i] == '.';
                let mut back = end;
                while back > start + 1 && digit(back - 1) && digit(back) {
                    back -= 1;
                }
                if back > start + 1 && back != end && digit(back) {
                    end = back;
                }
            }
            lines.push(chars[start..end].iter().collect());
            start = end;
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fit_and_keep_punctuation_off_the_start() {
        let style = Style::new(Role::Body, 16.0);
        let em = style.em_mm();
        let text = "一二三四五六七八九十，一二三";
        let lines = style.lines(text, 10.0 * em, 10.0 * em);
        assert_eq!(lines, ["一二三四五六七八九", "十，一二三"]);
        for line in &lines {
            assert!(style.width_mm(line) <= 10.0 * em + 0.01);
        }
        let lines = style.lines("共计12345件事项", 5.0 * em, 5.0 * em);
        assert!(lines.iter().any(|l| l.contains("12345")), "{lines:?}");
    }

    #[test]
    fn a_rare_character_gets_its_own_run() {
        let runs = Style::new(Role::Body, 16.0).runs("浉河区", 0.0, 10.0, None);
        assert_eq!(
            runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>(),
            ["浉", "河区"]
        );
        assert!((runs[1].x_mm - runs[0].width_mm).abs() < 1e-4);
    }
}
