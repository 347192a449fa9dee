//! The title 「<机关名称><年份>年政府信息公开工作年度报告」 in lines: on one line when it fits,
//! otherwise the organ on the first line(s) and 「2025年政府信息公开工作年度报告」 whole on the
//! last. A long organ name breaks between its words (省、市、区、县、镇、人民政府、办公室 …) into
//! as few, as even lines as fit; never inside a number.

use super::fonts::Role;
use super::text::Style;
use super::{TEXT_W_MM, TITLE_PT};
use crate::model::Report;

/// Words an organ name may break after (the longer of two that both match counts).
const BREAK_AFTER: &[&str] = &[
    "自治区",
    "自治州",
    "自治县",
    "省",
    "市",
    "州",
    "地区",
    "盟",
    "县",
    "旗",
    "区",
    "镇",
    "乡",
    "街道",
    "办事处",
    "人民政府",
    "办公厅",
    "办公室",
    "委员会",
    "管委会",
    "局",
    "厅",
    "部",
    "署",
    "院",
    "中心",
    "公司",
];

/// Two characters that are one word although the first ends a word of `BREAK_AFTER`.
const NO_SPLIT: &[&str] = &[
    "市场", "乡村", "乡镇", "区域", "部门", "县域", "县级", "州市", "州区", "州县", "市区", "市县",
    "省级", "市级", "区级",
];

/// The title's lines as the publication breaks them (2号, balanced).
pub fn title_lines(report: &Report) -> Vec<String> {
    title_break(&report.meta.organ, report.meta.year)
}

/// The title of `organ`'s report for `year` in lines that each fit the text width.
pub fn title_break(organ: &str, year: i32) -> Vec<String> {
    let style = Style::new(Role::Title, TITLE_PT);
    let tail = format!("{year}年政府信息公开工作年度报告");
    let whole = format!("{organ}{tail}");
    if style.width_mm(&whole) <= TEXT_W_MM {
        return vec![whole];
    }
    if style.width_mm(&tail) > TEXT_W_MM {
        return style.lines(&whole, TEXT_W_MM, TEXT_W_MM);
    }
    let chars: Vec<char> = organ.chars().collect();
    let mut lines: Vec<String> = match organ_breaks(&style, &chars) {
        Some(breaks) => breaks
            .windows(2)
            .map(|w| chars[w[0]..w[1]].iter().collect())
            .collect(),
        None => style.lines(organ, TEXT_W_MM, TEXT_W_MM),
    };
    lines.push(tail);
    lines
}

/// How good a way to break the organ so far is: fewer breaks inside words first, then fewer
/// lines, then the longest line shortest (the most even lines).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
struct Cost {
    in_word: u32,
    lines: u32,
    longest_mm: f32,
}

/// The organ's line starts and its end (`[0, …, len]`): the cheapest breaking whose lines
/// all fit, by dynamic programming over the break positions; `None` if no breaking fits.
fn organ_breaks(style: &Style, chars: &[char]) -> Option<Vec<usize>> {
    let n = chars.len();
    let mut at = vec![0.0f32; n + 1];
    for (i, &c) in chars.iter().enumerate() {
        at[i + 1] = at[i] + style.char_mm(c);
    }
    // best[i]: the cheapest way to end a line before chars[i], and where that line began.
    let mut best: Vec<Option<(Cost, usize)>> = vec![None; n + 1];
    best[0] = Some((
        Cost {
            in_word: 0,
            lines: 0,
            longest_mm: 0.0,
        },
        0,
    ));
    for end in 1..=n {
        if end < n && penalty(chars, end).is_none() {
            continue;
        }
        for start in 0..end {
            let Some((before, _)) = best[start] else {
                continue;
            };
            let width = at[end] - at[start];
            if width > TEXT_W_MM + 0.01 && end - start > 1 {
                continue;
            }
            let cost = Cost {
                in_word: before.in_word
                    + if end < n {
                        penalty(chars, end).unwrap_or(0)
                    } else {
                        0
                    },
                lines: before.lines + 1,
                longest_mm: before.longest_mm.max(width),
            };
            if best[end].is_none_or(|(c, _)| cost < c) {
                best[end] = Some((cost, start));
            }
        }
    }
    let mut breaks = vec![n];
    let mut end = n;
    while end > 0 {
        end = best[end]?.1;
        breaks.push(end);
    }
    breaks.reverse();
    Some(breaks)
}

/// What breaking before `chars[i]` costs: 0 between words, 1 inside a word, `None` where a
/// line may not break (inside a number, before closing or after opening punctuation).
fn penalty(chars: &[char], i: usize) -> Option<u32> {
    let (before, after) = (chars[i - 1], chars[i]);
    let number = |c: char| c.is_ascii_alphanumeric() || c == '.';
    if (number(before) && number(after))
        || "，。、；：？！）》」』”’".contains(after)
        || "（《「『“‘".contains(before)
    {
        return None;
    }
    let head: String = chars[..i].iter().collect();
    let pair: String = [before, after].iter().collect();
    let word_end = BREAK_AFTER.iter().any(|w| head.ends_with(w)) && !NO_SPLIT.contains(&&*pair);
    Some(if word_end { 0 } else { 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_titles_stay_on_one_line() {
        assert_eq!(
            title_break("海关总署", 2025),
            ["海关总署2025年政府信息公开工作年度报告"]
        );
    }

    #[test]
    fn organ_words_are_kept_whole() {
        let chars: Vec<char> = "北京市市场监督管理局".chars().collect();
        assert_eq!(penalty(&chars, 3), Some(0), "北京市 | 市场");
        assert_eq!(penalty(&chars, 4), Some(1), "市场 is one word");
        let chars: Vec<char> = "第2025号".chars().collect();
        assert_eq!(penalty(&chars, 2), None);
    }
}
