//! The link from a report to last year's file, as the report saves it: relative to the
//! report's own folder when both sit on the same drive (so a folder of reports can be copied
//! or sent as a whole), absolute otherwise.

use std::path::{Component, Path, PathBuf};

/// The link text for `prev` as seen from a report in `base_dir` (`None`: not saved yet).
pub fn link_text(prev: &Path, base_dir: Option<&Path>) -> String {
    let prev = std::path::absolute(prev).unwrap_or_else(|_| prev.to_path_buf());
    let relative = base_dir
        .and_then(|d| std::path::absolute(d).ok())
        .and_then(|d| relative_to(&prev, &d));
    relative
        .unwrap_or(prev)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Where a link points, from a report in `base_dir`.
pub fn resolve(link: &str, base_dir: Option<&Path>) -> PathBuf {
    let link = PathBuf::from(link);
    match base_dir {
        Some(dir) if link.is_relative() => dir.join(link),
        _ => link,
    }
}

/// `path` relative to `dir`, both absolute; `None` across drives or roots.
fn relative_to(path: &Path, dir: &Path) -> Option<PathBuf> {
    let (mut a, mut b) = (path.components().peekable(), dir.components().peekable());
    // Same prefix and root (a Windows drive), or nothing relative can be said.
    if !matches!((a.peek(), b.peek()), (Some(x), Some(y)) if x == y) {
        return None;
    }
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        if x != y {
            break;
        }
        a.next();
        b.next();
    }
    let mut out = PathBuf::new();
    for c in b {
        match c {
            Component::Normal(_) => out.push(".."),
            Component::CurDir => {}
            _ => return None,
        }
    }
    out.extend(a);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_the_reports_folder() {
        let base = Path::new("/data/年报/2025");
        assert_eq!(
            link_text(Path::new("/data/年报/2025/2024年报.nianbao"), Some(base)),
            "2024年报.nianbao"
        );
        assert_eq!(
            link_text(Path::new("/data/年报/2024/年报.nianbao"), Some(base)),
            "../2024/年报.nianbao"
        );
        assert_eq!(
            link_text(Path::new("/data/x.nianbao"), None),
            "/data/x.nianbao"
        );
        assert_eq!(
            resolve("../2024/年报.nianbao", Some(base)),
            Path::new("/data/年报/2025/../2024/年报.nianbao")
        );
        assert_eq!(
            resolve("/abs/x.nianbao", Some(base)),
            Path::new("/abs/x.nianbao")
        );
    }
}
