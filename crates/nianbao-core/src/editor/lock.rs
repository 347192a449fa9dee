//! One window per file: a window holds an OS advisory lock on a lock file in the
//! configuration folder, named by a hash of the file's canonical path. The system releases it
//! however the window ends; a second window finds it held and opens the file read-only.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use crate::file::fnv1a;

/// A held lock; the lock file is removed when it is dropped (normal exit or another file).
#[derive(Debug)]
pub struct FileLock {
    file: File,
    path: PathBuf,
}

/// The lock file guarding `document` (its canonical path when it exists).
pub fn lock_path_for(locks: &Path, document: &Path) -> PathBuf {
    // A file not yet written: its folder's canonical path, so the key is the one the file
    // will have once it exists.
    let canonical = fs::canonicalize(document)
        .or_else(|_| match (document.parent(), document.file_name()) {
            (Some(dir), Some(name)) => {
                let dir = if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir
                };
                fs::canonicalize(dir).map(|d| d.join(name))
            }
            _ => std::path::absolute(document),
        })
        .or_else(|_| std::path::absolute(document))
        .unwrap_or_else(|_| document.to_path_buf());
    let key = fnv1a(canonical.as_os_str().as_encoded_bytes());
    locks.join(format!("{key:016x}.lock"))
}

impl FileLock {
    /// Takes the lock at `path`; `Ok(None)` when another process holds it.
    pub fn acquire(path: &Path) -> io::Result<Option<FileLock>> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        // A lock file removed by its last owner between our open and our lock is a dead
        // inode; lock again on the file now at the path.
        for _ in 0..5 {
            let file = OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => return Ok(None),
                Err(TryLockError::Error(e)) => return Err(e),
            }
            if still_at(&file, path) {
                return Ok(Some(FileLock {
                    file,
                    path: path.to_path_buf(),
                }));
            }
        }
        Err(io::Error::other("锁文件不断变化"))
    }

    /// Whether a running process holds the lock at `path` (a missing file: nobody).
    pub fn held_elsewhere(path: &Path) -> bool {
        let Ok(file) = OpenOptions::new().write(true).open(path) else {
            return false;
        };
        matches!(file.try_lock(), Err(TryLockError::WouldBlock))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        // Removed while still held, so nobody can be holding the file we remove; a failure
        // leaves an unlocked file that the next start removes.
        if still_at(&self.file, &self.path) {
            fs::remove_file(&self.path).ok();
        }
    }
}

/// Removes lock files in `dir` that nobody holds (left by crashes), unless `keep` says the
/// name is still needed.
pub fn remove_stale(dir: &Path, keep: impl Fn(&str) -> bool) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if path.extension().is_some_and(|e| e == "lock") && !keep(stem) {
            // Acquired and dropped: the drop removes it.
            drop(FileLock::acquire(&path));
        }
    }
}

#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at(_: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = std::env::temp_dir().join(format!("nianbao-lock-{}", std::process::id()));
        let path = lock_path_for(&dir, Path::new("/tmp/某报告.nianbao"));
        let first = FileLock::acquire(&path).unwrap().unwrap();
        assert!(FileLock::acquire(&path).unwrap().is_none());
        assert!(FileLock::held_elsewhere(&path));
        drop(first);
        assert!(!path.exists(), "removed on release");
        assert!(FileLock::acquire(&path).unwrap().is_some());
    }

    #[test]
    fn a_file_keeps_its_key_once_written() {
        let dir = std::env::temp_dir().join(format!("nianbao-lock-key-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let spelled = dir.join(".").join("新.nianbao");
        let before = lock_path_for(&dir, &spelled);
        fs::write(dir.join("新.nianbao"), b"x").unwrap();
        assert_eq!(lock_path_for(&dir, &dir.join("新.nianbao")), before);
    }
}
