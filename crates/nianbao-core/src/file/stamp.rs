//! What a file looked like when it was read or written (size, modification time and a hash of
//! its bytes), to tell before a save whether someone else changed it since.

use std::fs::{self, Metadata};
use std::io::{self, Read};
use std::path::Path;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: u64,
}

impl Stamp {
    /// The stamp of `bytes` as read from (or written to) a file with `meta`.
    pub fn new(bytes: &[u8], meta: &Metadata) -> Stamp {
        Stamp {
            len: bytes.len() as u64,
            modified: meta.modified().ok(),
            hash: fnv1a(bytes),
        }
    }

    /// Whether the file at `path` still holds what this stamp describes: the same size and
    /// bytes (a file only touched, same bytes under a new time, loses nothing when saved
    /// over; different bytes under the old time are a change). A file that no longer exists
    /// is not a change anyone could lose by saving.
    pub fn still_matches(&self, path: &Path) -> io::Result<bool> {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(true),
            Err(e) => return Err(e),
        };
        if meta.len() != self.len {
            return Ok(false);
        }
        let mut bytes = Vec::new();
        fs::File::open(path)?
            .take(self.len + 1)
            .read_to_end(&mut bytes)?;
        Ok(bytes.len() as u64 == self.len && fnv1a(&bytes) == self.hash)
    }
}

pub use crate::model::fnv1a;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_file_no_longer_matches() {
        let dir = std::env::temp_dir().join(format!("nianbao-stamp-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.nianbao");
        fs::write(&path, b"one").unwrap();
        let stamp = Stamp::new(b"one", &fs::metadata(&path).unwrap());
        assert!(stamp.still_matches(&path).unwrap());
        fs::write(&path, b"two").unwrap();
        let same_time = fs::File::options().write(true).open(&path).unwrap();
        same_time.set_modified(stamp.modified.unwrap()).unwrap();
        assert!(
            !stamp.still_matches(&path).unwrap(),
            "same size and time, other bytes"
        );
        fs::remove_file(&path).unwrap();
        assert!(stamp.still_matches(&path).unwrap());
    }
}
