//! Reading untrusted input within bounds: only regular files, at most the size limit, and
//! the bracket nesting measured before any parser sees the text.

use std::io::Read;
use std::path::Path;

use super::{LoadError, MAX_FILE_BYTES, Stamp};

/// Reads at most `MAX_FILE_BYTES + 1` bytes, so a huge file is refused without reading it all.
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, LoadError> {
    read_stamped(path).map(|(bytes, _)| bytes)
}

/// [`read_bounded`], with the file's stamp. Only regular files are opened: a pipe or a device
/// would block or never end.
pub fn read_stamped(path: &Path) -> Result<(Vec<u8>, Stamp), LoadError> {
    read_stamped_up_to(path, MAX_FILE_BYTES)
}

/// [`read_stamped`] with another size limit (a PDF carries its fonts).
pub fn read_stamped_up_to(path: &Path, limit_bytes: u64) -> Result<(Vec<u8>, Stamp), LoadError> {
    let meta = std::fs::metadata(path).map_err(LoadError::Io)?;
    if !meta.is_file() {
        return Err(if meta.is_dir() {
            LoadError::Io(std::io::ErrorKind::IsADirectory.into())
        } else {
            LoadError::NotAFile
        });
    }
    let file = std::fs::File::open(path).map_err(LoadError::Io)?;
    let meta = file.metadata().map_err(LoadError::Io)?;
    if !meta.is_file() {
        return Err(LoadError::NotAFile);
    }
    let mut bytes = Vec::new();
    file.take(limit_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(LoadError::Io)?;
    if bytes.len() as u64 > limit_bytes {
        return Err(LoadError::TooLarge {
            limit_mib: limit_bytes >> 20,
        });
    }
    let stamp = Stamp::new(&bytes, &meta);
    Ok((bytes, stamp))
}

/// The deepest bracket nesting outside strings (RON and JSON alike, with RON's raw strings
/// `r#"…"#`, which the writer uses for texts with quotes or backslashes).
pub(super) fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        i += 1;
        if !in_string && c == b'r' && (i == 1 || !bytes[i - 2].is_ascii_alphanumeric()) {
            let hashes = bytes[i..].iter().take_while(|b| **b == b'#').count();
            if bytes.get(i + hashes) == Some(&b'"') {
                let mut end = vec![b'"'];
                end.extend(std::iter::repeat_n(b'#', hashes));
                let body = i + hashes + 1;
                i = memchr::memmem::find(&bytes[body..], &end)
                    .map_or(bytes.len(), |at| body + at + end.len());
                continue;
            }
        }
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            b'"' => in_string = true,
            b'(' | b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}
