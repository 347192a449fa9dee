//! Replacing a file that another program holds open. On Windows the final rename of a save
//! fails while WPS, an antivirus scan or a backup tool has the target open without sharing
//! delete access (ERROR_ACCESS_DENIED 5, ERROR_SHARING_VIOLATION 32, ERROR_LOCK_VIOLATION 33).
//! Such a hold usually lasts a moment, so the rename is retried for [`BUDGET`]; after that the
//! save fails with a clear reason, the target untouched (the caller removes its temporary
//! file). `fs::rename` is `MoveFileExW` with `MOVEFILE_REPLACE_EXISTING` there: nothing is
//! ever half-written.

use std::io;
use std::path::Path;
use std::time::{Duration, Instant};

/// How long a save waits for the other program to let go.
pub const BUDGET: Duration = Duration::from_secs(2);
const STEP: Duration = Duration::from_millis(100);

/// `fs::rename(from, to)`, retried while the target is held open elsewhere.
pub(super) fn rename(from: &Path, to: &Path) -> io::Result<()> {
    retry(|| std::fs::rename(from, to), is_held_open, BUDGET, STEP)
}

/// Whether `e` is Windows refusing to replace a file that is open in another program.
/// Elsewhere a rename is never refused for that reason, so nothing is retried.
pub(super) fn is_held_open(e: &io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32 | 33))
}

/// Runs `op` until it succeeds, fails otherwise than `busy`, or `budget` is spent; a last
/// busy failure becomes [`held_open`].
fn retry(
    mut op: impl FnMut() -> io::Result<()>,
    busy: impl Fn(&io::Error) -> bool,
    budget: Duration,
    step: Duration,
) -> io::Result<()> {
    let start = Instant::now();
    loop {
        match op() {
            Err(e) if busy(&e) => {
                if start.elapsed() + step > budget {
                    return Err(held_open(&e));
                }
                std::thread::sleep(step);
            }
            other => return other,
        }
    }
}

/// The error a clerk sees (after 「无法写入文件：文件正被其他程序占用」).
fn held_open(e: &io::Error) -> io::Error {
    io::Error::new(
        io::ErrorKind::ResourceBusy,
        format!(
            "另一个程序（如 WPS、杀毒软件）正打开着这个文件，等了 {} 秒仍无法替换。\
             原文件没有改动，窗口中的内容也还在：请关闭那个程序后再保存，或另存为其他文件。{e}",
            BUDGET.as_secs()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    fn sharing_violation() -> io::Error {
        io::Error::from_raw_os_error(32)
    }

    #[test]
    fn a_brief_hold_is_waited_out() {
        let calls = Cell::new(0);
        let op = || {
            calls.set(calls.get() + 1);
            if calls.get() < 4 {
                Err(sharing_violation())
            } else {
                Ok(())
            }
        };
        let busy = |e: &io::Error| e.raw_os_error() == Some(32);
        retry(op, busy, Duration::from_secs(5), Duration::from_millis(1)).unwrap();
        assert_eq!(calls.get(), 4);
    }

    #[test]
    fn a_hold_past_the_budget_is_a_clear_busy_error() {
        let calls = Cell::new(0);
        let op = || {
            calls.set(calls.get() + 1);
            Err(sharing_violation())
        };
        let started = Instant::now();
        let busy = |e: &io::Error| e.raw_os_error() == Some(32);
        let step = Duration::from_millis(10);
        let e = retry(op, busy, Duration::from_millis(100), step).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::ResourceBusy);
        assert!(e.to_string().contains("原文件没有改动"), "{e}");
        assert!(calls.get() >= 5, "retried: {}", calls.get());
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn other_failures_are_not_retried() {
        let calls = Cell::new(0);
        let op = || {
            calls.set(calls.get() + 1);
            Err(io::Error::from(io::ErrorKind::NotFound))
        };
        let e = retry(op, |e| e.raw_os_error() == Some(32), BUDGET, STEP).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::NotFound);
        assert_eq!(calls.get(), 1);
    }

    #[test]
    fn only_windows_retries_a_refused_rename() {
        let denied = io::Error::from_raw_os_error(5);
        assert_eq!(is_held_open(&denied), cfg!(windows));
        assert_eq!(is_held_open(&sharing_violation()), cfg!(windows));
        assert!(!is_held_open(&io::Error::from(io::ErrorKind::NotFound)));
    }

    /// The real refusal: another handle opened without sharing (as WPS opens a document).
    #[cfg(windows)]
    #[test]
    fn a_save_waits_for_a_program_holding_the_file_then_gives_up_cleanly() {
        use std::os::windows::fs::OpenOptionsExt;
        let dir = std::env::temp_dir().join(format!("nianbao-busy-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let target = dir.join("年度 报告.nianbao");
        std::fs::write(&target, b"old").unwrap();
        let hold = || {
            std::fs::OpenOptions::new()
                .read(true)
                .share_mode(0)
                .open(&target)
                .unwrap()
        };
        let held = hold();
        let release = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(400));
            drop(held);
        });
        super::super::write_atomic(&target, b"new").unwrap();
        release.join().unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");

        let held = hold();
        let e = super::super::write_atomic(&target, b"newer").unwrap_err();
        drop(held);
        assert_eq!(e.kind(), io::ErrorKind::ResourceBusy, "{e}");
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "no temporary file left");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
