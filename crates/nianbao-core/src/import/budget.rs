//! How many paragraphs and table cells a published report may have, counted on the text
//! before it is parsed: every later step spends memory per paragraph and cell (a few hundred
//! bytes each), so eight megabytes of one-character lines would take over a gigabyte. Real
//! reports have a few thousand; the largest shapes tried (benches/large-inputs.sh) stay
//! below the limit, and an input within it is read in well under a second and 300 MB.

use super::ImportError;

/// Paragraphs and table cells (or the markers that make them) a report may have.
pub const MAX_PARTS: usize = 500_000;

fn within(parts: usize) -> Result<(), ImportError> {
    if parts > MAX_PARTS {
        Err(ImportError::TooManyParts)
    } else {
        Ok(())
    }
}

/// Plain text: each line is a paragraph or a row, each tab starts a cell.
pub fn text(text: &str) -> Result<(), ImportError> {
    let bytes = text.as_bytes();
    within(memchr::memchr2_iter(b'\n', b'\t', bytes).count())
}

/// A web page: the tags that start a paragraph, a line or a cell.
pub fn html(text: &str) -> Result<(), ImportError> {
    const TAGS: &[&[u8]] = &[
        b"p", b"div", b"br", b"li", b"tr", b"td", b"th", b"h1", b"h2", b"h3", b"h4", b"h5", b"h6",
        b"table",
    ];
    let bytes = text.as_bytes();
    let parts = memchr::memchr_iter(b'<', bytes)
        .filter(|at| {
            let name: Vec<u8> = bytes[at + 1..]
                .iter()
                .take(6)
                .take_while(|b| b.is_ascii_alphanumeric())
                .map(u8::to_ascii_lowercase)
                .collect();
            TAGS.contains(&name.as_slice())
        })
        .count();
    within(parts)
}

/// A Word document's XML: its paragraphs (`<w:p>`, in cells too) and cells (`<w:tc>`).
pub fn docx(xml: &[u8]) -> Result<(), ImportError> {
    let parts = memchr::memmem::find_iter(xml, b"<w:")
        .filter(|at| {
            let rest = &xml[at + 3..];
            let is = |name: &[u8]| {
                rest.starts_with(name)
                    && rest
                        .get(name.len())
                        .is_some_and(|b| matches!(b, b'>' | b' ' | b'/'))
            };
            is(b"p") || is(b"tc")
        })
        .count();
    within(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_counted_by_what_makes_them() {
        assert!(text(&"1\t".repeat(MAX_PARTS)).is_ok());
        assert!(matches!(
            text(&"1\n".repeat(MAX_PARTS + 1)),
            Err(ImportError::TooManyParts)
        ));
        assert!(html(&"<P>1</P><script></script>".repeat(MAX_PARTS)).is_ok());
        assert!(html(&"<td>1".repeat(MAX_PARTS + 1)).is_err());
        assert!(docx(&b"<w:p><w:pPr/><w:r><w:t>1</w:t></w:r></w:p>".repeat(MAX_PARTS)).is_ok());
        assert!(docx(&b"<w:tc/>".repeat(MAX_PARTS + 1)).is_err());
    }
}
