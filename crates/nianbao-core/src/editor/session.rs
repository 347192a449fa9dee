//! What outlives a window: the recent-files list, the recovery copies of unsaved work and the
//! file locks, kept in the user's configuration folder (`NIANBAO_CONFIG_DIR` overrides it,
//! e.g. for tests).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use super::lock::FileLock;
pub use super::recovery::{Recovery, RecoveryInfo};
use crate::file;

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
    /// Where the window was when it was last closed.
    pub window: Option<WindowGeometry>,
    /// 导出PDF使用本机字体: installed fonts per role (仿宋_GB2312 …) instead of the bundled ones.
    /// Off by default: the bundled fonts give the same PDF on every computer.
    pub system_fonts: bool,
}

/// The window's last normal (not maximised) inner size and outer position in points, and
/// whether it was maximised.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WindowGeometry {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub maximized: bool,
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
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| std::io::Error::other(e.to_string()))?;
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

/// The folder of the per-file locks.
pub fn locks_dir(config: &Path) -> PathBuf {
    config.join("locks")
}
