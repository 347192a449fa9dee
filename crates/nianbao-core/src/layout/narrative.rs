//! A narrative's paragraphs and their headings: a paragraph that is only 「（一）主动公开」 is
//! a 楷体 heading; one that opens with a short run-in heading 「（一）主动公开。」 has that
//! part in 楷体 and the rest in 仿宋. Only a Chinese numeral in brackets numbers a heading
//! (「（无）」 is text), and the PDF sets half-width brackets 「(一)」 full width.

use super::fonts::Role;
use super::para::Styled;

const NUMERALS: &str = "一二三四五六七八九十";

/// A narrative's paragraphs, trimmed, blank lines left out, each with whether it is a
/// 「（一）…」 heading (short, no full stop), set in 楷体.
pub fn paragraphs(text: &str) -> impl Iterator<Item = (&str, bool)> {
    text.lines()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|para| {
            let heading =
                numbered(para).is_some() && para.chars().count() <= 30 && !para.ends_with('。');
            (para, heading)
        })
}

/// The characters of 「（一）」 or 「(十二)」 opening `para`, if it opens so.
fn numbered(para: &str) -> Option<usize> {
    let mut chars = para.chars();
    if !matches!(chars.next(), Some('（' | '(')) {
        return None;
    }
    let digits = chars.by_ref().take_while(|c| NUMERALS.contains(*c)).count();
    let closed = para
        .chars()
        .nth(1 + digits)
        .is_some_and(|c| matches!(c, '）' | ')'));
    ((1..=3).contains(&digits) && closed).then_some(digits + 2)
}

/// How many characters of a paragraph form its run-in heading: 「（一）主动公开。」 ― the
/// number and at most 15 characters to the first 。, with no comma or figure (a sentence
/// that happens to be numbered is not a heading). 0 if it has none.
fn run_in(chars: &[char]) -> usize {
    let Some(number) = numbered(&chars.iter().collect::<String>()) else {
        return 0;
    };
    let words = &chars[number..chars.len().min(number + 16)];
    match words.iter().position(|&c| c == '。') {
        Some(k)
            if k > 0
                && !words[..k]
                    .iter()
                    .any(|c| "，,、；".contains(*c) || c.is_ascii_digit()) =>
        {
            number + k + 1
        }
        _ => 0,
    }
}

/// A paragraph as the PDF sets it: each character with its role, a heading's half-width
/// brackets made full width.
pub fn styled(para: &str, heading: bool) -> Vec<Styled> {
    let mut chars: Vec<char> = para.chars().collect();
    if let Some(number) = numbered(para) {
        chars[0] = '（';
        chars[number - 1] = '）';
    }
    let kai = if heading { chars.len() } else { run_in(&chars) };
    chars
        .into_iter()
        .enumerate()
        .map(|(i, c)| (c, if i < kai { Role::Kai } else { Role::Body }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kai(para: &str) -> String {
        let heading = paragraphs(para).next().unwrap().1;
        styled(para, heading)
            .into_iter()
            .filter(|(_, r)| *r == Role::Kai)
            .map(|(c, _)| c)
            .collect()
    }

    #[test]
    fn headings_are_numbered_by_chinese_numerals_only() {
        assert_eq!(kai("（一）主动公开"), "（一）主动公开");
        assert_eq!(kai("(二)依申请公开"), "（二）依申请公开");
        assert_eq!(kai("（十一）其他"), "（十一）其他");
        assert_eq!(kai("（无）"), "");
        assert!(!paragraphs("（无）").next().unwrap().1);
        assert_eq!(kai("(1)本年度"), "");
    }

    #[test]
    fn a_run_in_heading_is_kai_up_to_its_full_stop() {
        assert_eq!(
            kai("（一）主动公开。本年度共主动公开政府信息120条。"),
            "（一）主动公开。"
        );
        assert_eq!(kai("(三)监督保障。加强考核。"), "（三）监督保障。");
        assert_eq!(kai("（一）2025年，共收到申请5件。"), "");
        assert_eq!(kai("（二）本年度收到申请，均已办结。"), "");
    }
}
