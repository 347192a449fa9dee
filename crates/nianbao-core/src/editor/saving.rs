//! Saving the document: over its own file only when that file is still what was opened or
//! last saved, and only by the window that holds the file's lock; under a new name only
//! where nothing is replaced unasked (see [`crate::file::write_file`]).

use std::path::{Path, PathBuf};

use super::Editor;
use super::session::{FileLock, locks_dir};
use crate::file::{self, Overwrite, SaveError, Stamp};

/// The file behind the document: its stamp when read or written, and the window's lock.
#[derive(Debug, Default)]
pub(super) struct FileState {
    pub stamp: Option<Stamp>,
    /// Where the locks live (the configuration folder); `None`: files are not locked.
    locks: Option<PathBuf>,
    lock: Option<FileLock>,
    /// Another window holds the lock: saving over the file is refused, 另存为 is not.
    read_only: bool,
}

impl Editor {
    /// Locks the document's file for this window (locks kept under `config`). When another
    /// window holds it, the document becomes read-only.
    pub fn lock_file(&mut self, config: &Path) {
        let locks = locks_dir(config);
        self.file.lock = None;
        self.file.read_only = false;
        if let Some(path) = &self.path {
            match FileLock::acquire(&super::lock::lock_path_for(&locks, path)) {
                Ok(Some(lock)) => self.file.lock = Some(lock),
                Ok(None) => self.file.read_only = true,
                // No lock can be taken (a read-only configuration folder): work unlocked.
                Err(_) => {}
            }
        }
        self.file.locks = Some(locks);
    }

    /// Whether another window has this file open (this one may only 另存为).
    pub fn read_only(&self) -> bool {
        self.file.read_only
    }

    /// The file as opened or last saved.
    pub fn stamp(&self) -> Option<Stamp> {
        self.file.stamp
    }

    /// Sets what the file was when this work started (a restored recovery copy).
    pub fn set_stamp(&mut self, stamp: Option<Stamp>) {
        self.file.stamp = stamp;
    }

    /// 保留我的: the next save replaces the file even though it changed on disk.
    pub fn forget_stamp(&mut self) {
        self.file.stamp = None;
    }

    /// Whether `path` is this document's own file.
    pub fn is_own_file(&self, path: &Path) -> bool {
        self.path.as_deref().is_some_and(|own| same_path(own, path))
    }

    /// Saves over the document's own file (保存).
    pub fn save(&mut self, overwrite: Overwrite) -> Result<PathBuf, SaveError> {
        let path = self
            .path
            .clone()
            .ok_or_else(|| SaveError::UnknownFormat(String::new()))?;
        self.save_as(&path, overwrite)
    }

    /// Saves atomically to `path` (native format) and makes it the document's file. Over the
    /// own file: refused when read-only here or changed on disk; elsewhere: refused when that
    /// file is open in another window, and when it exists unless `overwrite` allows it.
    pub fn save_as(&mut self, path: &Path, overwrite: Overwrite) -> Result<PathBuf, SaveError> {
        let shown = || path.display().to_string();
        let own = self.is_own_file(path);
        if own && self.file.read_only {
            return Err(SaveError::OpenElsewhere(shown()));
        }
        let mut new_lock = None;
        if !own && let Some(locks) = &self.file.locks {
            match FileLock::acquire(&super::lock::lock_path_for(locks, path)) {
                Ok(Some(lock)) => new_lock = Some(lock),
                Ok(None) => return Err(SaveError::OpenElsewhere(shown())),
                Err(_) => {}
            }
        }
        let expected = if own { self.file.stamp } else { None };
        // The link to last year's report, as seen from where the file goes.
        if let Some(prev) = &self.prev
            && file::Format::from_path(path) == Some(file::Format::Native)
        {
            let folder = std::path::absolute(path).ok();
            let folder = folder.as_deref().and_then(Path::parent);
            self.report.prev_file = Some(super::prev_link::link_text(&prev.path, folder));
        }
        let (target, stamp) = file::save_report(&self.report, path, overwrite, expected.as_ref())?;
        if file::Format::from_path(path) == Some(file::Format::Native) {
            self.path = Some(std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()));
            self.saved = Some(self.report.clone());
            self.file.stamp = Some(stamp);
            if !own {
                self.file.lock = new_lock;
                self.file.read_only = false;
            }
        }
        Ok(target)
    }
}

/// The same file, also through different spellings of its path.
fn same_path(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => std::path::absolute(a).ok() == std::path::absolute(b).ok(),
    }
}
