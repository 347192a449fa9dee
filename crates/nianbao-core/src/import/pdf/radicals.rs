//! Radicals for ideographs. Chromium's (Skia's) PDFs map each glyph back to the lowest code
//! point that draws it, and Noto CJK draws 示 and the Kangxi radical ⽰ (U+2F70), 民 and ⺠
//! (U+2EA0) with one glyph: the text then reads 「⽰范县⻘⽯镇⼈⺠政府」. No report writes a
//! radical as such, so each is read as the ideograph it shares its glyph with.
//!
//! `radicals.txt` lists (radical, ideograph) pairs: every CJK Radicals Supplement and Kangxi
//! Radicals character that Noto Sans/Serif CJK SC draw with a unified ideograph's glyph, the
//! rest by their NFKC decomposition. `fonts/radicals.py` makes it from Debian's fonts-noto-cjk
//! with fontTools (glyph ids of U+2E80–U+2FDF matched against U+4E00–U+9FFF, lowest kept).

use std::collections::HashMap;
use std::sync::OnceLock;

fn table() -> &'static HashMap<char, char> {
    static TABLE: OnceLock<HashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let chars: Vec<char> = include_str!("radicals.txt").trim_end().chars().collect();
        chars
            .chunks(2)
            .filter(|p| p.len() == 2)
            .map(|p| (p[0], p[1]))
            .collect()
    })
}

fn is_radical(c: char) -> bool {
    ('\u{2E80}'..='\u{2FDF}').contains(&c)
}

/// The text with radicals read as ideographs, when it holds any.
pub fn unify(text: &str) -> Option<String> {
    if !text.chars().any(is_radical) {
        return None;
    }
    Some(
        text.chars()
            .map(|c| table().get(&c).copied().unwrap_or(c))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chromiums_radicals_read_as_the_ideographs() {
        assert_eq!(
            unify("⽰范县⻘⽯镇⼈⺠政府").as_deref(),
            Some("示范县青石镇人民政府")
        );
        assert_eq!(
            unify("⼀、⼆、⾏政复议、⽇⽉").as_deref(),
            Some("一、二、行政复议、日月")
        );
        assert_eq!(unify("示范县"), None);
    }
}
