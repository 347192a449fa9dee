//! Body paragraphs as a typesetter sets them on the 28-character grid: broken with 禁则
//! (closing punctuation squeezed onto the line rather than starting the next one, opening
//! punctuation never ending one, a number never split), never ending on a line of one
//! character, and every line but the last justified to the full width (spare width spread
//! between the characters, a shortfall taken from closing punctuation, which loses the empty
//! half of its em).

use std::ops::Range;

use super::fonts::{Role, advance_em, face_for};
use super::text::{NO_END, NO_START, Style};
use super::{BoxMm, Run};

/// A character of a paragraph and the role it is set in (a run-in heading's words in 楷体,
/// the rest in 仿宋).
pub type Styled = (char, Role);

/// Closing punctuation drawn in the left half of its em: the right half may go.
const SQUEEZABLE: &str = "，。、；：？！）》」』”’";

fn width(style: &Style, (c, role): Styled) -> f32 {
    Style { role, ..*style }.char_mm(c)
}

fn squeeze(style: &Style, (c, role): Styled) -> f32 {
    if SQUEEZABLE.contains(c) {
        0.5 * advance_em(face_for(role, c), c) * style.em_mm()
    } else {
        0.0
    }
}

fn numeric(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.'
}

/// The lines of a paragraph: the first `first_mm` wide, the rest `rest_mm`.
pub fn break_lines(
    style: &Style,
    chars: &[Styled],
    first_mm: f32,
    rest_mm: f32,
) -> Vec<Range<usize>> {
    let n = chars.len();
    let w: Vec<f32> = chars.iter().map(|&c| width(style, c)).collect();
    let sq: Vec<f32> = chars.iter().map(|&c| squeeze(style, c)).collect();
    let ch = |i: usize| chars[i].0;
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    while start < n {
        // No line starts with a space.
        while !lines.is_empty() && start < n && ch(start).is_whitespace() {
            start += 1;
        }
        if start == n {
            break;
        }
        let limit = if lines.is_empty() { first_mm } else { rest_mm };
        let mut end = start;
        let mut used = 0.0;
        while end < n && (end == start || used + w[end] <= limit + 0.01) {
            used += w[end];
            end += 1;
        }
        if end < n {
            // Punctuation that may not start a line ends this one, squeezed, where it can.
            let mut with = end;
            let mut total = used;
            while with < n && NO_START.contains(ch(with)) {
                total += w[with];
                with += 1;
            }
            let room: f32 = sq[start..with].iter().sum();
            if with > end && total - room <= limit + 0.01 {
                end = with;
            } else {
                end = legal_break(chars, start, end);
            }
        }
        lines.push(start..end);
        start = end;
    }
    no_lone_last_character(chars, &mut lines);
    lines
}

/// The nearest break at or before `end` that 禁则 allows (nothing closing first, nothing
/// opening last, no number split where it would fit on a line of its own).
fn legal_break(chars: &[Styled], start: usize, mut end: usize) -> usize {
    let ch = |i: usize| chars[i].0;
    while end - start > 1 && (NO_START.contains(ch(end)) || NO_END.contains(ch(end - 1))) {
        end -= 1;
    }
    let mut back = end;
    while back > start + 1 && numeric(ch(back - 1)) && numeric(ch(back)) {
        back -= 1;
    }
    if back > start + 1 && back != end && numeric(ch(back)) {
        end = back;
    }
    end
}

/// A paragraph does not end on a line of one character (「性。」): the line above gives
/// it one more, where 禁则 allows.
fn no_lone_last_character(chars: &[Styled], lines: &mut [Range<usize>]) {
    for _ in 0..3 {
        let [.., prev, last] = lines else { return };
        let content = chars[last.clone()]
            .iter()
            .filter(|(c, _)| !NO_START.contains(*c) && !c.is_whitespace())
            .count();
        if content >= 2 {
            return;
        }
        let cut = legal_break(chars, prev.start, prev.end - 1);
        if cut <= prev.start + 1 || cut >= prev.end {
            return;
        }
        prev.end = cut;
        last.start = cut;
    }
}

/// The runs of one line from `x_mm`; justified to `justify` mm when given (every line of a
/// paragraph but its last). A new run wherever the face or the spacing changes.
pub fn set_line(
    style: &Style,
    chars: &[Styled],
    x_mm: f32,
    baseline_mm: f32,
    justify: Option<f32>,
) -> Vec<Run> {
    let n = chars.len();
    let w: Vec<f32> = chars.iter().map(|&c| width(style, c)).collect();
    let mut extra = vec![0.0f32; n];
    if let Some(target) = justify.filter(|_| n > 1) {
        let mut slack = target - w.iter().sum::<f32>();
        let room: f32 = chars.iter().map(|&c| squeeze(style, c)).sum();
        if slack < 0.0 && room > 0.0 {
            let ratio = (-slack / room).min(1.0);
            for (e, &c) in extra.iter_mut().zip(chars) {
                *e -= squeeze(style, c) * ratio;
            }
            slack += room * ratio;
        }
        if slack > 0.0 {
            let gap = slack / (n - 1) as f32;
            for e in &mut extra[..n - 1] {
                *e += gap;
            }
        }
    }
    let mut out: Vec<Run> = Vec::new();
    let mut x = x_mm;
    for (i, &(c, role)) in chars.iter().enumerate() {
        let face = face_for(role, c);
        let tracking = style.tracking_mm + extra[i];
        let advance = w[i] + extra[i];
        match out.last_mut() {
            Some(run) if run.face == face && (run.tracking_mm - tracking).abs() < 1e-4 => {
                run.text.push(c);
                run.width_mm += advance;
            }
            _ => out.push(Run {
                x_mm: x,
                baseline_mm,
                size_pt: style.size_pt,
                face,
                tracking_mm: tracking,
                text: c.to_string(),
                width_mm: advance,
                cell: None::<BoxMm>,
                rotated: false,
            }),
        }
        x += advance;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{CHAR_MM, TEXT_W_MM, flow::body};

    fn styled(text: &str) -> Vec<Styled> {
        text.chars().map(|c| (c, Role::Body)).collect()
    }

    fn lines(text: &str) -> Vec<String> {
        let chars = styled(text);
        break_lines(&body(), &chars, TEXT_W_MM - 2.0 * CHAR_MM, TEXT_W_MM)
            .into_iter()
            .map(|r| chars[r].iter().map(|c| c.0).collect())
            .collect()
    }

    #[test]
    fn closing_punctuation_is_squeezed_onto_the_line() {
        // 26 characters fill the indented first line; the 。 after them joins it, squeezed
        // with the line's commas.
        let text = format!("{}。下一句话。", "字，".repeat(13));
        let got = lines(&text);
        assert_eq!(got[0].chars().count(), 27, "{got:?}");
        let chars = styled(&got[0]);
        let runs = set_line(&body(), &chars, 0.0, 0.0, Some(TEXT_W_MM - 2.0 * CHAR_MM));
        let end: f32 = runs.iter().map(|r| r.width_mm).sum();
        assert!((end - (TEXT_W_MM - 2.0 * CHAR_MM)).abs() < 0.01, "{end}");
    }

    #[test]
    fn no_paragraph_ends_on_one_character() {
        for extra in ["性。", "性", "性）。"] {
            let text = format!("{}{}", "字".repeat(26 + 28), extra);
            let got = lines(&text);
            let last = got.last().unwrap();
            let content = last.chars().filter(|c| !NO_START.contains(*c)).count();
            assert!(content >= 2, "{got:?}");
        }
    }

    #[test]
    fn no_line_starts_with_a_space_and_numbers_stay_whole() {
        let text = format!("{} 下一句12345678件。", "字".repeat(26));
        let got = lines(&text);
        assert!(got.iter().all(|l| !l.starts_with(' ')), "{got:?}");
        let text = format!("{}共12345678件。", "字".repeat(22));
        assert!(lines(&text).iter().any(|l| l.contains("12345678")));
    }

    #[test]
    fn justified_lines_end_at_the_target_and_a_last_line_is_not_stretched() {
        let chars = styled("一二三4567八九");
        let runs = set_line(&body(), &chars, 10.0, 0.0, Some(60.0));
        let last = runs.last().unwrap();
        assert!((last.x_mm + last.width_mm - 70.0).abs() < 0.01, "{runs:?}");
        let natural = set_line(&body(), &chars, 10.0, 0.0, None);
        assert_eq!(natural.len(), 1);
        assert!(natural[0].width_mm < 60.0);
    }
}
