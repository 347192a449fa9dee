//! The one way anything is saved (保存, 另存为, 导出JSON/PDF, the command line): the final name
//! is decided first (extension added), then an existing file there is replaced only when the
//! caller says so, a file changed by someone else since it was read is never replaced, a
//! symlink is saved through to its target, and a file keeps its permissions.

use std::fs::{self, Metadata};
use std::io;
use std::path::{Path, PathBuf};

use super::atomic;
use super::{SaveError, Stamp, extension};

/// What may happen to a file that already exists at the final path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Refuse: the command line without `--force`, the window before asking.
    Never,
    /// Replace it (the clerk confirmed, or `--force`), unless it is read-only.
    Replace,
    /// Replace even a read-only file (confirmed once more); it stays read-only.
    ReplaceReadOnly,
}

/// Extensions of files nianbao reads or writes: replaced rather than appended to.
const KNOWN: [&str; 8] = [
    "nianbao", "ron", "json", "pdf", "docx", "html", "htm", "txt",
];

/// The final name of a save as `ext`: `victim2` → `victim2.nianbao`, `年报.json` →
/// `年报.nianbao`, `报告.v2` → `报告.v2.nianbao`.
pub fn final_path(path: &Path, ext: &str) -> PathBuf {
    let current = extension(path);
    if current == ext {
        return path.to_path_buf();
    }
    if KNOWN.contains(&current.as_str()) {
        return path.with_extension(ext);
    }
    let mut name = path.as_os_str().to_os_string();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}

/// Whether something is at `path` that a save would replace: a file, a folder, or a
/// symlink, even one whose target is missing.
pub fn occupied(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// Where the bytes for `path` go, and what is there now. A symlink is followed to its target
/// (also a dangling one, which counts as existing: only replaced when allowed).
fn resolve(path: &Path, overwrite: Overwrite) -> Result<(PathBuf, Option<Metadata>), SaveError> {
    let link = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((path.to_path_buf(), None)),
        Err(e) => return Err(SaveError::Io(e)),
    };
    if !link.file_type().is_symlink() {
        return Ok((path.to_path_buf(), Some(link)));
    }
    if let Ok(target) = fs::canonicalize(path) {
        let meta = fs::metadata(&target).map_err(SaveError::Io)?;
        return Ok((target, Some(meta)));
    }
    if overwrite == Overwrite::Never {
        return Err(SaveError::Exists(path.display().to_string()));
    }
    let target = fs::read_link(path).map_err(SaveError::Io)?;
    let target = match path.parent() {
        Some(dir) if target.is_relative() => dir.join(target),
        _ => target,
    };
    if fs::symlink_metadata(&target).is_ok() {
        // A chain of links, or a loop: not followed further.
        return Err(SaveError::NotAFile(path.display().to_string()));
    }
    Ok((target, None))
}

/// Writes `bytes` to `path` atomically under the rules above; `expected` is what the file
/// was when it was opened or last saved (a different file on disk now is not replaced).
/// Returns where the bytes went and their stamp.
pub fn write_file(
    path: &Path,
    bytes: &[u8],
    overwrite: Overwrite,
    expected: Option<&Stamp>,
) -> Result<(PathBuf, Stamp), SaveError> {
    let shown = || path.display().to_string();
    let (target, existing) = resolve(path, overwrite)?;
    let mut keep = None;
    if let Some(meta) = existing {
        if meta.is_dir() {
            return Err(SaveError::IsDir(shown()));
        }
        if !meta.is_file() {
            return Err(SaveError::NotAFile(shown()));
        }
        if overwrite == Overwrite::Never {
            return Err(SaveError::Exists(shown()));
        }
        if let Some(stamp) = expected
            && !stamp.still_matches(&target).map_err(SaveError::Io)?
        {
            return Err(SaveError::Changed(shown()));
        }
        if meta.permissions().readonly() && overwrite != Overwrite::ReplaceReadOnly {
            return Err(SaveError::ReadOnly(shown()));
        }
        keep = Some(meta.permissions());
    }
    atomic::replace(&target, bytes, keep).map_err(SaveError::Io)?;
    let meta = fs::metadata(&target).map_err(SaveError::Io)?;
    Ok((target.clone(), Stamp::new(bytes, &meta)))
}
