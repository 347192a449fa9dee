//! ToUnicode CMaps: which bytes make one character code (`codespacerange`) and which text each
//! code stands for (`bfchar`, `bfrange`). Ranges are kept as ranges, never expanded, so a
//! hostile `<0000> <FFFFFFFF>` costs one entry.

use std::collections::HashMap;

/// Entries read from one CMap at most; a real font's has a few thousand.
const MAX_ENTRIES: usize = 200_000;

#[derive(Debug, Clone, Default)]
pub struct CMap {
    /// (byte length, low, high) of each code space range.
    pub spaces: Vec<(usize, u32, u32)>,
    chars: HashMap<u32, String>,
    /// (low, high, first text): code `low + k` stands for the first text with its last
    /// character advanced by `k`.
    ranges: Vec<(u32, u32, String)>,
    /// (low, texts): `low + k` stands for `texts[k]`.
    lists: Vec<(u32, Vec<String>)>,
}

impl CMap {
    /// Whether it maps no code to text (none given, or nothing readable in it).
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty() && self.ranges.is_empty() && self.lists.is_empty()
    }

    pub fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let tokens = tokens(data);
        let mut i = 0;
        let mut entries = 0usize;
        while i < tokens.len() && entries < MAX_ENTRIES {
            match &tokens[i] {
                Tok::Word(w) if w == b"begincodespacerange" => {
                    i += 1;
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) =
                        (tokens.get(i), tokens.get(i + 1))
                    {
                        if (1..=4).contains(&lo.len()) {
                            cmap.spaces.push((lo.len(), code(lo), code(hi)));
                        }
                        i += 2;
                        entries += 1;
                    }
                }
                Tok::Word(w) if w == b"beginbfchar" => {
                    i += 1;
                    while let (Some(Tok::Hex(src)), Some(Tok::Hex(dst))) =
                        (tokens.get(i), tokens.get(i + 1))
                    {
                        cmap.chars.insert(code(src), utf16(dst));
                        i += 2;
                        entries += 1;
                    }
                }
                Tok::Word(w) if w == b"beginbfrange" => {
                    i += 1;
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) =
                        (tokens.get(i), tokens.get(i + 1))
                    {
                        let (lo, hi) = (code(lo), code(hi));
                        match tokens.get(i + 2) {
                            Some(Tok::Hex(dst)) if hi >= lo => {
                                cmap.ranges.push((lo, hi, utf16(dst)));
                            }
                            Some(Tok::List(items)) => {
                                let texts = items.iter().take(MAX_ENTRIES).map(|d| utf16(d));
                                cmap.lists.push((lo, texts.collect()));
                            }
                            _ => {}
                        }
                        i += 3;
                        entries += 1;
                    }
                }
                _ => i += 1,
            }
        }
        cmap
    }

    /// The text a code stands for, if the map says.
    pub fn text(&self, code: u32) -> Option<String> {
        if let Some(t) = self.chars.get(&code) {
            return Some(t.clone());
        }
        for (lo, hi, first) in &self.ranges {
            if (*lo..=*hi).contains(&code) {
                return Some(advance(first, code - lo));
            }
        }
        self.lists.iter().find_map(|(lo, texts)| {
            code.checked_sub(*lo)
                .and_then(|k| texts.get(k as usize))
                .cloned()
        })
    }
}

/// The text with its last character moved on by `k` (a bfrange's destination).
fn advance(first: &str, k: u32) -> String {
    let mut chars: Vec<char> = first.chars().collect();
    if let Some(last) = chars.last_mut() {
        *last = (*last as u32)
            .checked_add(k)
            .and_then(char::from_u32)
            .unwrap_or('\u{FFFD}');
    }
    chars.into_iter().collect()
}

/// Big-endian bytes as one code (at most 4 bytes count).
pub fn code(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, b| (acc << 8) | u32::from(*b))
}

/// UTF-16BE text (surrogate pairs included); an odd byte or a lone surrogate becomes U+FFFD.
pub fn utf16(bytes: &[u8]) -> String {
    let units = bytes
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]));
    char::decode_utf16(units)
        .map(|c| c.unwrap_or('\u{FFFD}'))
        .collect()
}

#[derive(Debug)]
enum Tok {
    Hex(Vec<u8>),
    List(Vec<Vec<u8>>),
    Word(Vec<u8>),
}

/// The tokens a CMap's mapping sections use: hex strings, arrays of them, and bare words.
/// Everything else (names, numbers, dictionaries, literal strings) is a word or skipped.
fn tokens(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut list: Option<Vec<Vec<u8>>> = None;
    let mut i = 0;
    while i < data.len() && out.len() < 4 * MAX_ENTRIES {
        let b = data[i];
        if b == b'<' && data.get(i + 1) != Some(&b'<') {
            let end = data[i..]
                .iter()
                .position(|&c| c == b'>')
                .map_or(data.len(), |p| i + p);
            let hex = super::lex::hex_bytes(&data[i + 1..end]);
            match &mut list {
                Some(l) => l.push(hex),
                None => out.push(Tok::Hex(hex)),
            }
            i = end + 1;
        } else if b == b'[' {
            list = Some(Vec::new());
            i += 1;
        } else if b == b']' {
            if let Some(l) = list.take() {
                out.push(Tok::List(l));
            }
            i += 1;
        } else if b == b'%' {
            i += data[i..]
                .iter()
                .position(|&c| c == b'\n' || c == b'\r')
                .unwrap_or(data.len() - i);
        } else if b.is_ascii_alphabetic() {
            let len = data[i..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            out.push(Tok::Word(data[i..i + len].to_vec()));
            i += len;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_chars_ranges_and_lists() {
        let cmap = CMap::parse(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange
              2 beginbfchar <0003> <0020> <0010> <D842DFB7> endbfchar
              2 beginbfrange <0020> <0022> <5E74> <0100> <0101> [<62A5> <544A>] endbfrange",
        );
        assert_eq!(cmap.spaces, [(2, 0, 0xFFFF)]);
        assert_eq!(cmap.text(3).as_deref(), Some(" "));
        assert_eq!(cmap.text(0x10).as_deref(), Some("𠮷"));
        assert_eq!(
            cmap.text(0x21).as_deref(),
            Some(
                "年"
                    .chars()
                    .map(|c| char::from_u32(c as u32 + 1).unwrap())
                    .collect::<String>()
                    .as_str()
            )
        );
        assert_eq!(cmap.text(0x101).as_deref(), Some("告"));
        assert_eq!(cmap.text(0x102), None);
    }

    #[test]
    fn hostile_ranges_stay_small() {
        let cmap = CMap::parse(b"beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert_eq!(cmap.text(0xFFFF_FFFE).map(|t| t.chars().count()), Some(1));
    }
}
