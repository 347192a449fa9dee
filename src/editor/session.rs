//! What outlives a window: the recent-files list and the recovery copy of unsaved work, kept
//! in the user's configuration folder (`NIANBAO_CONFIG_DIR` overrides it, e.g. for tests).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::file;
use crate::model::Report;

const MAX_RECENT: usize = 10;

pub fn config_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("NIANBAO_CONFIG_DIR") {
        return PathBuf::from(dir);
    }
    let base = if cfg!(windows) {
        std::env::var_os("APPDATA").map(PathBuf::from)
    } else {
        std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
    };
    base.unwrap_or_else(std::env::temp_dir).join("nianbao")
}

/// Settings kept between runs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub recent: Vec<PathBuf>,
}

impl Settings {
    pub fn load(dir: &Path) -> Settings {
        std::fs::read_to_string(dir.join("settings.ron"))
            .ok()
            .and_then(|text| ron::from_str(&text).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let text =
            ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default()).unwrap_or_default();
        file::write_atomic(&dir.join("settings.ron"), text.as_bytes())
    }

    pub fn add_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    /// The most recent file that still exists.
    pub fn last_existing(&self) -> Option<&PathBuf> {
        self.recent.iter().find(|p| p.is_file())
    }
}

/// The recovery copy of one window's unsaved work, and where that work belongs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecoveryInfo {
    pub path: Option<PathBuf>,
    pub pid: u32,
}

/// Each window holds a lock on `recovery/<pid>.lock` while it runs; the system releases it
/// when the process ends however it ends, so an unlocked copy belongs to no running window.
#[derive(Debug)]
pub struct Recovery {
    dir: PathBuf,
    _alive: Option<std::fs::File>,
}

impl Recovery {
    pub fn new(config: &Path) -> Recovery {
        let dir = config.join("recovery");
        let alive = std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::File::create(dir.join(format!("{}.lock", std::process::id()))))
            .and_then(|f| f.lock().map(|()| f))
            .ok();
        Recovery { dir, _alive: alive }
    }

    fn files(&self, pid: u32) -> (PathBuf, PathBuf) {
        (
            self.dir.join(format!("{pid}.nianbao")),
            self.dir.join(format!("{pid}.info.ron")),
        )
    }

    /// Whether the window that wrote `pid`'s copy still runs (it holds its lock).
    fn owner_running(&self, pid: u32) -> bool {
        let lock = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(self.dir.join(format!("{pid}.lock")));
        lock.is_ok_and(|lock| matches!(lock.try_lock(), Err(std::fs::TryLockError::WouldBlock)))
    }

    /// Writes this process's recovery copy (atomically, report first).
    pub fn write(&self, report: &Report, path: Option<&Path>) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let pid = std::process::id();
        let (copy, info) = self.files(pid);
        file::write_atomic(&copy, file::to_native_string(report).as_bytes())?;
        let info_text = ron::to_string(&RecoveryInfo {
            path: path.map(Path::to_path_buf),
            pid,
        })
        .unwrap_or_default();
        file::write_atomic(&info, info_text.as_bytes())
    }

    /// Removes this process's recovery copy (after a save, or a close without changes).
    pub fn clear(&self) {
        self.clear_pid(std::process::id());
    }

    pub fn clear_pid(&self, pid: u32) {
        let (copy, info) = self.files(pid);
        let _ = std::fs::remove_file(copy);
        let _ = std::fs::remove_file(info);
        if pid != std::process::id() {
            let _ = std::fs::remove_file(self.dir.join(format!("{pid}.lock")));
        }
    }

    /// A copy left by a process that is no longer running (a crash or `kill -9`), newest first.
    pub fn find_orphan(&self) -> Option<(RecoveryInfo, Report)> {
        let mut found: Vec<(std::time::SystemTime, RecoveryInfo, Report)> = Vec::new();
        for entry in std::fs::read_dir(&self.dir).ok()?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(pid) = name
                .strip_suffix(".info.ron")
                .and_then(|p| p.parse::<u32>().ok())
            else {
                continue;
            };
            if pid == std::process::id() || self.owner_running(pid) {
                continue;
            }
            let info: Option<RecoveryInfo> = std::fs::read_to_string(entry.path())
                .ok()
                .and_then(|t| ron::from_str(&t).ok());
            let copy = self.files(pid).0;
            let (Some(info), Ok(report)) = (info, file::load(&copy)) else {
                continue;
            };
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
