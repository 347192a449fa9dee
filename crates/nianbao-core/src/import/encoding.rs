//! Which encoding a published file is really in. Government pages often declare utf-8 but are
//! GBK, or declare gb2312 over Big5; copied text comes as UTF-16 without a BOM. The text that
//! decodes without errors and reads like a report wins; a file that decodes in none is
//! refused, with the encoding named.

use encoding_rs::{BIG5, Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

use super::ImportError;

/// Words every report has, in simplified and traditional characters.
const MARKERS: &[&str] = &[
    "信息公开",
    "信息公開",
    "資訊公開",
    "年度报告",
    "年度報告",
    "政府",
];

/// A decoded file and, when it was not in the encoding it declared, a note saying so.
pub struct Decoded {
    pub text: String,
    pub note: Option<String>,
}

pub fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<Decoded, ImportError> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let text = encoding.decode_without_bom_handling(&bytes[bom..]).0;
        return Ok(Decoded {
            text: text.into_owned(),
            note: None,
        });
    }
    let mut candidates: Vec<&'static Encoding> = declared.into_iter().collect();
    candidates.extend(utf16_without_bom(bytes));
    candidates.extend([UTF_8, GB18030, BIG5]);
    let mut best: Option<(&'static Encoding, String, usize, bool)> = None;
    for encoding in candidates {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        let bad = text.matches('\u{fffd}').count();
        let reads = MARKERS.iter().any(|m| text.contains(m));
        let better = match &best {
            None => true,
            Some((_, _, best_bad, best_reads)) => {
                (reads && !best_reads) || (reads == *best_reads && bad < *best_bad)
            }
        };
        if better {
            best = Some((encoding, text.into_owned(), bad, reads));
        }
        if bad == 0 && reads {
            break;
        }
    }
    let Some((encoding, text, bad, _)) = best else {
        return Err(ImportError::Encoding("无法识别".into()));
    };
    // A few broken characters (a truncated page) are tolerated; more means a wrong guess.
    if bad * 100 > text.chars().count().max(1) {
        let name = declared.map_or("未声明".to_string(), |e| e.name().to_string());
        return Err(ImportError::Encoding(name));
    }
    let note = match declared {
        Some(d) if d != encoding => Some(format!(
            "原文声明的编码是 {}，实际内容是 {}，已按 {} 读取",
            d.name(),
            encoding.name(),
            encoding.name()
        )),
        None if encoding == UTF_16LE || encoding == UTF_16BE => Some(format!(
            "原文是没有标记的 {} 文本，已按此读取",
            encoding.name()
        )),
        _ => None,
    };
    let note = match (note, bad) {
        (note, 0) => note,
        (note, n) => Some(format!(
            "{}原文有 {n} 处字符无法识别，已显示为 �，请核对",
            note.map(|n| n + "；").unwrap_or_default()
        )),
    };
    Ok(Decoded { text, note })
}

/// UTF-16 without a BOM: ASCII and line breaks leave a zero byte in every other position.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let zeros_at = |odd: usize| head.chunks(2).filter(|p| p[odd] == 0).count();
    let (even, odd) = (zeros_at(0), zeros_at(1));
    // Chinese text has few zero bytes (开 is U+5F00), so a third of the pairs with a zero on
    // one side and hardly any on the other is a strong sign.
    if odd * 3 >= pairs && even * 4 <= odd {
        Some(UTF_16LE)
    } else if even * 3 >= pairs && odd * 4 <= even {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8], declared: Option<&'static Encoding>) -> String {
        decode(bytes, declared).map(|d| d.text).unwrap_or_default()
    }

    #[test]
    fn wrong_declarations_and_missing_boms_are_seen_through() {
        let report = "东双河镇政府信息公开工作年度报告\n一、总体情况";
        let (gbk, _, _) = encoding_rs::GBK.encode(report);
        // Declared utf-8, really GBK: read as GB18030, and said.
        let d = decode(&gbk, Some(UTF_8)).unwrap();
        assert_eq!(d.text, report);
        assert!(
            d.note
                .is_some_and(|n| n.contains("UTF-8") && n.contains("gb18030"))
        );
        // Big5 declared as gb2312 (decodes as GBK without errors, but to nonsense).
        let (big5, _, _) = BIG5.encode("東雙河鎮政府信息公開工作年度報告");
        assert_eq!(
            text(&big5, Some(encoding_rs::GBK)),
            "東雙河鎮政府信息公開工作年度報告"
        );
        // UTF-16 without BOM, both byte orders.
        let le: Vec<u8> = "2019\n政府信息公开"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "2019\n政府信息公开"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(text(&le, None), "2019\n政府信息公开");
        assert_eq!(text(&be, None), "2019\n政府信息公开");
    }

    #[test]
    fn bytes_in_no_encoding_are_refused_with_its_name() {
        let junk: Vec<u8> = (0..4000u32)
            .map(|i| [0xff, 0x80, 0xfe][i as usize % 3])
            .collect();
        let err = decode(&junk, Some(UTF_8)).err().unwrap().to_string();
        assert!(err.contains("UTF-8") && err.contains("编码"), "{err}");
    }
}
