//! Atomic replacement of a file: write a temporary file in the same folder, flush it to disk,
//! rename it over the target (retried while Windows says another program holds it: see
//! [`busy`](super::busy)). A crash at any moment leaves either the old or the new file;
//! the temporary files a killed save leaves behind are removed by later saves.

use std::ffi::OsStr;
use std::fs::{self, OpenOptions, Permissions};
use std::hash::{BuildHasher, Hasher};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// How our temporary files are named: `.~nb` + 12 hex digits + `.tmp`, 20 bytes, so the
/// longest legal name (255 bytes) can still be saved beside them.
const TEMP_PREFIX: &str = ".~nb";
const TEMP_SUFFIX: &str = ".tmp";
const TEMP_DIGITS: usize = 12;
/// A temporary file this old belongs to a save that was killed.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// Replaces (or creates) `path` with `bytes`, keeping an existing file's permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let keep = fs::metadata(path).ok().map(|m| m.permissions());
    replace(path, bytes, keep)
}

/// Replaces `path` with `bytes`; the new file gets `permissions` when given.
pub(super) fn replace(
    path: &Path,
    bytes: &[u8],
    permissions: Option<Permissions>,
) -> io::Result<()> {
    let dir = folder(path);
    remove_stale_temps(dir);
    let tmp = dir.join(temp_name());
    let result = write_then_rename(&tmp, path, bytes, permissions);
    if result.is_err() {
        // The temporary file may not exist (the error came before it); nothing to report.
        fs::remove_file(&tmp).ok();
    }
    result
}

fn write_then_rename(
    tmp: &Path,
    path: &Path,
    bytes: &[u8],
    permissions: Option<Permissions>,
) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    if let Some(permissions) = permissions {
        file.set_permissions(permissions)?;
    }
    drop(file);
    super::busy::rename(tmp, path)?;
    sync_dir(path);
    Ok(())
}

fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// A hidden, random name: unique across processes and calls, so concurrent saves never meet.
fn temp_name() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    if let Ok(t) = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH) {
        h.write_u128(t.as_nanos());
    }
    let digits = format!("{:016x}", h.finish());
    format!("{TEMP_PREFIX}{}{TEMP_SUFFIX}", &digits[..TEMP_DIGITS])
}

/// Whether a file name is one of our temporary files.
pub fn is_temp_name(name: &OsStr) -> bool {
    let Some(name) = name.to_str() else {
        return false;
    };
    name.strip_prefix(TEMP_PREFIX)
        .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
        .is_some_and(|d| d.len() == TEMP_DIGITS && d.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Removes temporary files left in `dir` by saves that were killed (older than a minute).
/// Best effort: a folder that cannot be listed simply keeps them.
pub fn remove_stale_temps(dir: &Path) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return removed;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        if !is_temp_name(&entry.file_name()) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > STALE_AFTER));
        if old && fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed
}

/// Makes the rename itself durable (the directory entry), where the platform allows. A
/// folder that cannot be synced still holds the renamed file; only durability is weaker.
fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(folder(path)) {
        d.sync_all().ok();
    }
    #[cfg(not(unix))]
    let _unused = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_short_and_recognised() {
        let name = temp_name();
        assert_eq!(name.len(), 20, "{name}");
        assert!(is_temp_name(OsStr::new(&name)));
        assert_ne!(name, temp_name());
        for other in [
            ".~nbxyz.tmp",
            "a.tmp",
            ".~nb0123456789ab.tmp.x",
            ".report.1.2.tmp",
        ] {
            assert!(!is_temp_name(OsStr::new(other)), "{other}");
        }
    }
}
