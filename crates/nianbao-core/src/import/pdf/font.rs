//! A page's font as the text reader needs it: how its strings split into codes, which text
//! each code stands for, and how wide each is. The text comes from the font's ToUnicode map,
//! else from a Unicode CMap by name (UniGB-UCS2-H …) or a GBK/Big5 one, else from a simple
//! font's encoding; a code none of these explain is unmapped (U+FFFD, counted).

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::cmap::{CMap, code, utf16};

/// Bytes read from one embedded CMap stream.
const MAX_CMAP_BYTES: usize = 4 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    /// Identity-H/V: codes are glyph ids, text only through ToUnicode.
    Identity,
    /// UniGB-UCS2-H, UniGB-UTF16-H, …: codes are UTF-16.
    Utf16,
    /// GBK-EUC-H, GB-EUC-H, GBpc-EUC-H (GBK bytes) or ETen-B5-H (Big5).
    Multibyte(&'static encoding_rs::Encoding),
}

#[derive(Debug, Clone)]
pub struct Font {
    /// Composite (Type0) font: 2-byte codes unless its CMap says otherwise.
    composite: bool,
    named: Option<Named>,
    to_unicode: CMap,
    /// A simple font's code → character (its encoding with Differences).
    simple: Option<[Option<char>; 256]>,
    /// Glyph widths in thousandths of the size, by code (simple) or CID (composite).
    widths: HashMap<u32, f32>,
    default_width: f32,
}

/// One code of a string: its text (None when nothing maps it), its width in thousandths
/// of the font size, and whether it is the single-byte code 32 (word spacing applies).
pub struct Code {
    pub text: Option<String>,
    pub width: f32,
    pub space: bool,
}

impl Font {
    pub fn from_dict(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = name(doc, dict, b"Subtype").unwrap_or_default();
        let composite = subtype == b"Type0";
        let to_unicode = dict
            .get_deref(b"ToUnicode", doc)
            .ok()
            .and_then(|o| o.as_stream().ok())
            .and_then(|s| s.decompressed_content_with_limit(MAX_CMAP_BYTES).ok())
            .map(|data| CMap::parse(&data))
            .unwrap_or_default();
        // A Type3 font's glyphs are drawings; without a ToUnicode map its glyph names are
        // the producer's labels, not text (a drawn 「9」 may be named /one): unmapped.
        let drawn_unmapped = subtype == b"Type3" && to_unicode.is_empty();
        let mut font = Font {
            composite,
            named: None,
            to_unicode,
            simple: None,
            widths: HashMap::new(),
            default_width: if composite { 1000.0 } else { 500.0 },
        };
        if composite {
            font.named = Some(match name(doc, dict, b"Encoding").as_deref() {
                Some(n) if n.starts_with(b"Uni") && (n.contains(&b'U')) && is_utf16(n) => {
                    Named::Utf16
                }
                Some(b"GBK-EUC-H" | b"GBK-EUC-V" | b"GB-EUC-H" | b"GB-EUC-V")
                | Some(b"GBpc-EUC-H" | b"GBpc-EUC-V" | b"GBK2K-H" | b"GBK2K-V") => {
                    Named::Multibyte(encoding_rs::GB18030)
                }
                Some(b"ETen-B5-H" | b"ETen-B5-V" | b"B5pc-H" | b"B5pc-V") => {
                    Named::Multibyte(encoding_rs::BIG5)
                }
                _ => Named::Identity,
            });
            if let Some(descendant) = dict
                .get_deref(b"DescendantFonts", doc)
                .ok()
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_dict().ok())
            {
                font.read_cid_widths(doc, descendant);
            }
        } else {
            font.simple = Some(if drawn_unmapped {
                [None; 256]
            } else {
                simple_encoding(doc, dict)
            });
            font.read_simple_widths(doc, dict);
        }
        font
    }

    /// Splits a string into codes.
    pub fn codes(&self, bytes: &[u8]) -> Vec<Code> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let len = self.code_len(&bytes[i..]);
            let raw = &bytes[i..(i + len).min(bytes.len())];
            let c = code(raw);
            let text = self
                .to_unicode
                .text(c)
                .or_else(|| self.fallback_text(raw, c));
            let width = self.width(c, text.as_deref());
            out.push(Code {
                text,
                width,
                space: len == 1 && c == 32,
            });
            i += len;
        }
        out
    }

    fn code_len(&self, rest: &[u8]) -> usize {
        if !self.to_unicode.spaces.is_empty() && self.named != Some(Named::Utf16) {
            for (len, lo, hi) in &self.to_unicode.spaces {
                if rest.len() >= *len && (*lo..=*hi).contains(&code(&rest[..*len])) {
                    return *len;
                }
            }
        }
        match self.named {
            None => 1,
            Some(Named::Identity) => 2,
            // A high surrogate takes its pair.
            Some(Named::Utf16) if rest.len() >= 4 && (0xD8..0xDC).contains(&rest[0]) => 4,
            Some(Named::Utf16) => 2,
            Some(Named::Multibyte(_)) if rest[0] < 0x81 => 1,
            Some(Named::Multibyte(enc)) if enc == encoding_rs::GB18030 => {
                // A four-byte GB18030 sequence has a digit second byte.
                if rest.len() >= 4 && rest[1].is_ascii_digit() {
                    4
                } else {
                    2
                }
            }
            Some(Named::Multibyte(_)) => 2,
        }
    }

    fn fallback_text(&self, raw: &[u8], c: u32) -> Option<String> {
        let text = match self.named {
            Some(Named::Utf16) => utf16(raw),
            Some(Named::Multibyte(enc)) => enc.decode_without_bom_handling(raw).0.into_owned(),
            Some(Named::Identity) => return None,
            None => return self.simple.as_ref()?[(c & 0xFF) as usize].map(String::from),
        };
        (!text.contains('\u{FFFD}') && !text.is_empty()).then_some(text)
    }

    /// For a composite font the code is the CID only under Identity; otherwise the CID is
    /// unknown and the text's own kind (half or full width) decides.
    fn width(&self, c: u32, text: Option<&str>) -> f32 {
        if let Some(w) = self.widths.get(&c)
            && (!self.composite || self.named == Some(Named::Identity))
        {
            return *w;
        }
        match text.and_then(|t| t.chars().next()) {
            Some(ch) if self.composite && ch.is_ascii() => 500.0,
            _ => self.default_width,
        }
    }

    fn read_cid_widths(&mut self, doc: &Document, descendant: &Dictionary) {
        if let Some(dw) = descendant
            .get_deref(b"DW", doc)
            .ok()
            .and_then(|o| o.as_float().ok())
        {
            self.default_width = dw;
        }
        let Some(w) = descendant
            .get_deref(b"W", doc)
            .ok()
            .and_then(|o| o.as_array().ok())
        else {
            return;
        };
        let mut i = 0;
        while i < w.len() && self.widths.len() < 70_000 {
            let first = number(doc, &w[i]).unwrap_or(0.0) as u32;
            match w.get(i + 1).map(|o| doc.dereference(o).map(|(_, o)| o)) {
                Some(Ok(Object::Array(list))) => {
                    for (k, o) in list.iter().take(70_000).enumerate() {
                        if let Some(width) = number(doc, o) {
                            self.widths.insert(first + k as u32, width);
                        }
                    }
                    i += 2;
                }
                Some(Ok(_)) => {
                    let last = number(doc, &w[i + 1]).unwrap_or(0.0) as u32;
                    let width = w.get(i + 2).and_then(|o| number(doc, o)).unwrap_or(1000.0);
                    for cid in first..=last.min(first.saturating_add(70_000)) {
                        self.widths.insert(cid, width);
                    }
                    i += 3;
                }
                _ => break,
            }
        }
    }

    fn read_simple_widths(&mut self, doc: &Document, dict: &Dictionary) {
        let first = dict
            .get_deref(b"FirstChar", doc)
            .ok()
            .and_then(|o| o.as_i64().ok())
            .unwrap_or(0)
            .clamp(0, 255) as u32;
        if let Ok(Object::Array(widths)) = dict.get_deref(b"Widths", doc) {
            for (k, o) in widths.iter().take(256).enumerate() {
                if let Some(w) = number(doc, o) {
                    self.widths.insert(first + k as u32, w);
                }
            }
        }
    }
}

fn is_utf16(name: &[u8]) -> bool {
    let name = String::from_utf8_lossy(name);
    name.contains("UCS2") || name.contains("UTF16")
}

fn name(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<Vec<u8>> {
    dict.get_deref(key, doc)
        .ok()
        .and_then(|o| o.as_name().ok())
        .map(<[u8]>::to_vec)
}

fn number(doc: &Document, o: &Object) -> Option<f32> {
    doc.dereference(o)
        .ok()
        .and_then(|(_, o)| o.as_float().ok())
        .filter(|n| n.is_finite())
}

/// A simple font's encoding: WinAnsi (the usual one, also the fallback), with Differences.
fn simple_encoding(doc: &Document, dict: &Dictionary) -> [Option<char>; 256] {
    let mut table = [None; 256];
    for (b, slot) in table.iter_mut().enumerate().skip(32) {
        let byte = [b as u8];
        let decoded = encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(&byte)
            .0;
        *slot = decoded.chars().next().filter(|c| !c.is_control());
    }
    let differences = match dict.get_deref(b"Encoding", doc) {
        Ok(Object::Dictionary(d)) => d
            .get_deref(b"Differences", doc)
            .ok()
            .and_then(|o| o.as_array().ok()),
        _ => None,
    };
    let mut at = 0usize;
    for o in differences.into_iter().flatten().take(1024) {
        match o {
            Object::Integer(n) => at = (*n).clamp(0, 255) as usize,
            Object::Name(glyph) => {
                if at < 256 {
                    table[at] = glyph_char(glyph);
                }
                at += 1;
            }
            _ => {}
        }
    }
    table
}

/// A glyph name's character: `uniXXXX`, `uXXXX[XX]`, one letter, or a common name.
fn glyph_char(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    let hex = |h: &str| u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
    if let Some(h) = name.strip_prefix("uni").filter(|h| h.len() == 4) {
        return hex(h);
    }
    if let Some(h) = name
        .strip_prefix('u')
        .filter(|h| (4..=6).contains(&h.len()))
    {
        return hex(h);
    }
    if name.len() == 1 {
        return name.chars().next();
    }
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("period", '.'),
        ("comma", ','),
        ("hyphen", '-'),
        ("minus", '−'),
        ("percent", '%'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("slash", '/'),
        ("plus", '+'),
        ("equal", '='),
        ("bracketleft", '['),
        ("bracketright", ']'),
        ("quotesingle", '\''),
        ("quotedbl", '"'),
        ("endash", '–'),
        ("emdash", '—'),
        ("bullet", '•'),
        ("underscore", '_'),
        ("at", '@'),
        ("numbersign", '#'),
        ("ampersand", '&'),
    ];
    NAMES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}
