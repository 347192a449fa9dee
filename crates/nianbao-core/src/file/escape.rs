//! Text that comes from files, made safe to print: control and invisible formatting
//! characters are shown as escapes (a newline cannot forge a line, an escape code cannot
//! reach the terminal), and long texts are cut.

/// Messages and values are cut after this many characters.
pub const MAX_SHOWN: usize = 200;

/// `text` with control, bidirectional and zero-width characters escaped (`\n`, `\t`,
/// `\u{1b}`, `\\`) and cut after `max_chars` characters with 「…」.
pub fn escaped(text: &str, max_chars: usize) -> String {
    escape(text, max_chars, true)
}

/// [`escaped`] for a text whose parts were escaped already: backslashes are left alone, only
/// what is still raw is escaped.
pub fn escaped_again(text: &str, max_chars: usize) -> String {
    escape(text, max_chars, false)
}

fn escape(text: &str, max_chars: usize, backslashes: bool) -> String {
    let mut out = String::with_capacity(text.len().min(max_chars.saturating_mul(4)));
    for (i, c) in text.chars().enumerate() {
        if i == max_chars {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\\' if backslashes => out.push_str("\\\\"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Whether a published document (web page, Word file, PDF) leaves `c` out: control codes other
/// than tab and line feed (XML 1.0 forbids most; a PDF's Info would carry them raw), the
/// noncharacters U+FFFE and U+FFFF, and the bidirectional embeddings, overrides and isolates,
/// which make a text read otherwise than it is stored (U+202E shows 「12」 as 「21」).
pub fn unpublishable(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{fffe}' | '\u{ffff}')
}

/// `text` without what [`unpublishable`] leaves out.
pub fn publishable(text: &str) -> String {
    text.chars().filter(|c| !unpublishable(*c)).collect()
}

/// `escaped` with the usual length.
pub fn shown(text: &str) -> String {
    escaped(text, MAX_SHOWN)
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2069}'
            | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_from_a_file_reaches_the_terminal_raw() {
        assert_eq!(escaped("12\n\tt3.x\t9", 200), "12\\n\\tt3.x\\t9");
        assert_eq!(escaped("\u{1b}[31mred", 200), "\\u{1b}[31mred");
        assert_eq!(escaped("a\u{202e}b\\", 200), "a\\u{202e}b\\\\");
        assert_eq!(escaped("一二三四", 2), "一二…");
        assert_eq!(escaped("机关", 2), "机关");
    }
}
