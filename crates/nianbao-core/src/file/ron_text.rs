//! The native file's text. ron escapes every character that is not printable ASCII-like
//! (`\u{200b}` for a zero-width space: eight bytes for three), so a narrative of such
//! characters grew past the read limit. Only control characters stay escaped; everything else
//! is written as itself, so a file is never much larger than its text.

/// `text` (ron's output) with `\u{…}` escapes of non-control characters replaced by the
/// characters. Backslashes occur in ron's output only inside strings, as escapes.
pub fn unescape_printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some((c, len)) = printable_escape(tail) {
            out.push(c);
            rest = &tail[len..];
        } else {
            // Any other escape (`\\`, `\n`, `\"`, a control character) is kept whole.
            let len = 1 + tail[1..].chars().next().map_or(0, char::len_utf8);
            out.push_str(&tail[..len]);
            rest = &tail[len..];
        }
    }
    out.push_str(rest);
    out
}

/// `\u{hex}` of a character that may be written as itself, and the escape's length.
fn printable_escape(tail: &str) -> Option<(char, usize)> {
    let body = tail.strip_prefix("\\u{")?;
    let end = body.find('}')?;
    let c = char::from_u32(u32::from_str_radix(&body[..end], 16).ok()?)?;
    (!c.is_control() && c != '"' && c != '\\').then_some((c, 3 + end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_control_characters_stay_escaped() {
        assert_eq!(
            unescape_printable(r#"("a\u{200b}b\n\u{1b}\\u{200b}\"")"#),
            "(\"a\u{200b}b\\n\\u{1b}\\\\u{200b}\\\"\")"
        );
    }
}
