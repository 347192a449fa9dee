//! Recovery copies of unsaved work. Each window has a random session id (never the process
//! id, which sandboxes and reboots reuse) and holds an OS lock on `recovery/<id>.lock` while
//! it runs; a copy whose lock nobody holds belongs to a window that crashed. A window that
//! restores such a copy adopts its id: the copy stays, rewritten at once, until the report is
//! saved.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::lock::{self, FileLock};
use crate::file::{self, Stamp};
use crate::model::Report;

/// Where a recovery copy's work belongs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecoveryInfo {
    pub path: Option<PathBuf>,
    /// The session that wrote it (older copies: their process id, from the file name).
    #[serde(default)]
    pub session: String,
    /// The file as the window had opened or saved it, so a restored report still notices
    /// changes made on disk since.
    #[serde(default)]
    pub stamp: Option<Stamp>,
}

#[derive(Debug)]
pub struct Recovery {
    dir: PathBuf,
    session: String,
    _alive: Option<FileLock>,
}

fn new_session_id() -> String {
    let mut h = RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    if let Ok(t) = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH) {
        h.write_u128(t.as_nanos());
    }
    format!("s{:016x}", h.finish())
}

impl Recovery {
    /// Starts a session; first removes what killed saves and finished sessions left behind.
    pub fn new(config: &Path) -> Recovery {
        let dir = config.join("recovery");
        file::remove_stale_temps(&dir);
        let has_copy = |stem: &str| dir.join(format!("{stem}.info.ron")).exists();
        lock::remove_stale(&dir, has_copy);
        lock::remove_stale(&super::session::locks_dir(config), |_| false);
        let session = new_session_id();
        let alive = FileLock::acquire(&dir.join(format!("{session}.lock")))
            .ok()
            .flatten();
        Recovery {
            dir,
            session,
            _alive: alive,
        }
    }

    pub fn session(&self) -> &str {
        &self.session
    }

    pub fn copy_path(&self) -> PathBuf {
        self.files(&self.session).0
    }

    fn files(&self, session: &str) -> (PathBuf, PathBuf) {
        (
            self.dir.join(format!("{session}.nianbao")),
            self.dir.join(format!("{session}.info.ron")),
        )
    }

    /// Writes this session's copy (atomically, report first). A report too large to be read
    /// back is refused here too.
    pub fn write(
        &self,
        report: &Report,
        path: Option<&Path>,
        stamp: Option<Stamp>,
    ) -> Result<(), file::SaveError> {
        std::fs::create_dir_all(&self.dir).map_err(file::SaveError::Io)?;
        let (copy, info) = self.files(&self.session);
        let bytes = file::report_bytes(report, file::Format::Native)?;
        file::write_atomic(&copy, bytes.as_bytes()).map_err(file::SaveError::Io)?;
        let info_text = ron::to_string(&RecoveryInfo {
            path: path.map(Path::to_path_buf),
            session: self.session.clone(),
            stamp,
        })
        .map_err(|e| file::SaveError::Io(std::io::Error::other(e.to_string())))?;
        file::write_atomic(&info, info_text.as_bytes()).map_err(file::SaveError::Io)
    }

    /// Removes this session's copy (after a save, or a close without changes).
    pub fn clear(&self) -> std::io::Result<()> {
        self.remove(&self.session)
    }

    /// Removes a copy; one already gone is fine.
    fn remove(&self, session: &str) -> std::io::Result<()> {
        let (copy, info) = self.files(session);
        for path in [info, copy] {
            match std::fs::remove_file(path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        Ok(())
    }

    /// Drops a crashed session's copy (the clerk chose 丢弃), unless a window now holds it.
    pub fn discard(&self, session: &str) -> std::io::Result<()> {
        let lock = self.dir.join(format!("{session}.lock"));
        if session != self.session && !FileLock::held_elsewhere(&lock) {
            self.remove(session)?;
            // Taken and let go at once: the lock file goes with it.
            drop(FileLock::acquire(&lock));
        }
        Ok(())
    }

    /// Takes over a crashed session's copy: its lock, and its id for the copies to come.
    /// `false` when another window took it first.
    pub fn adopt(&mut self, session: &str) -> bool {
        if session == self.session {
            return true;
        }
        let Ok(Some(lock)) = FileLock::acquire(&self.dir.join(format!("{session}.lock"))) else {
            return false;
        };
        // This session has written nothing yet when a restore is offered; a copy that cannot
        // be removed is offered again later, nothing is lost.
        self.clear().ok();
        self.session = session.to_string();
        self._alive = Some(lock);
        true
    }

    /// A copy left by a window that is no longer running (a crash or `kill -9`), newest first.
    pub fn find_orphan(&self) -> Option<(RecoveryInfo, Report)> {
        let mut found: Vec<(SystemTime, RecoveryInfo, Report)> = Vec::new();
        for entry in std::fs::read_dir(&self.dir).ok()?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(session) = name.strip_suffix(".info.ron") else {
                continue;
            };
            let lock = self.dir.join(format!("{session}.lock"));
            if session == self.session || FileLock::held_elsewhere(&lock) {
                continue;
            }
            let info: Option<RecoveryInfo> = std::fs::read_to_string(entry.path())
                .ok()
                .and_then(|t| ron::from_str(&t).ok());
            let copy = self.files(session).0;
            let (Some(mut info), Ok(report)) = (info, crate::open::load(&copy)) else {
                continue;
            };
            info.session = session.to_string();
            let modified = std::fs::metadata(&copy)
                .and_then(|m| m.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            found.push((modified, info, report));
        }
        found.sort_by_key(|(modified, _, _)| std::cmp::Reverse(*modified));
        found
            .into_iter()
            .next()
            .map(|(_, info, report)| (info, report))
    }
}
