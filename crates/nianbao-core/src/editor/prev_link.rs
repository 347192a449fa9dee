//! The link from a report to last year's file, as the report saves it: relative to the
//! report's own folder when both sit on the same drive (so a folder of reports can be copied
//! or sent as a whole), absolute otherwise.

use std::path::{Component, Path, PathBuf};
use std::time::Instant;

use super::PrevReport;
use crate::open::{self, OpenError};

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

impl super::Editor {
    /// Links last year's report: its figures are checked against this year's, and the link is
    /// saved with the report (an unsaved change).
    pub fn attach_prev(&mut self, path: &Path, now: Instant) -> Result<(), OpenError> {
        self.load_prev(path)?;
        self.report.prev_file = Some(link_text(path, self.folder()));
        self.refresh(now);
        Ok(())
    }

    /// Last year's report for this session only (the desk paired it): checked against, not
    /// linked in the file, so nothing becomes unsaved.
    pub fn compare_with(&mut self, path: &Path, now: Instant) -> Result<(), OpenError> {
        self.load_prev(path)?;
        self.refresh(now);
        self.last_change = None;
        Ok(())
    }

    /// Reads last year's report and holds it for the checks.
    fn load_prev(&mut self, path: &Path) -> Result<(), OpenError> {
        let report = open::load(path)?;
        self.prev = Some(PrevReport {
            path: path.to_path_buf(),
            report,
        });
        self.prev_missing = None;
        Ok(())
    }

    pub fn detach_prev(&mut self, now: Instant) {
        self.prev = None;
        self.prev_missing = None;
        self.report.prev_file = None;
        self.refresh(now);
    }

    /// The folder of the document's own file.
    pub(super) fn folder(&self) -> Option<&Path> {
        self.path.as_deref().and_then(Path::parent)
    }

    /// Follows the link the opened report saved: last year's report is attached again, or
    /// remembered as missing for the window to ask about.
    pub(super) fn follow_prev_link(&mut self, now: Instant) {
        let Some(link) = self.report.prev_file.clone() else {
            return;
        };
        let path = resolve(&link, self.folder());
        match open::load(&path) {
            Ok(report) => {
                self.prev = Some(PrevReport { path, report });
                self.refresh(now);
                self.last_change = None;
            }
            Err(_) => self.prev_missing = Some(path),
        }
    }
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
