//! The one XML escaper of the web page and the Word file: markup made literal, and what a
//! published document leaves out ([`unpublishable`]: control codes XML 1.0 forbids, the
//! noncharacters, bidirectional overrides) dropped, so both outputs carry the same text.

use crate::file::escape::unpublishable;

/// Appends `c` as XML text or attribute value. Tab and line feed are kept as they are (a
/// caller that gives them a meaning of their own handles them first).
pub fn push_escaped(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        c if unpublishable(c) => {}
        c => out.push(c),
    }
}

/// `text` as XML text or attribute value.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_literal_and_hidden_controls_are_left_out() {
        assert_eq!(
            esc(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(esc("1\u{202e}2\u{1b}3\u{7}\u{fffe}\u{2066}4"), "1234");
        assert_eq!(esc("行\t一\n二"), "行\t一\n二");
    }
}
