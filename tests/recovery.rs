//! Recovery copies: keyed by a random session id (never the process id), guarded by a lock
//! held for the session, adopted on 恢复 and kept until the report is saved; what crashes and
//! killed saves leave behind is cleaned up on the next start.

mod common;

use std::fs;

use common::{balanced, temp_dir};
use nianbao::editor::session::Recovery;
use nianbao::file;

#[test]
fn two_sessions_of_one_process_never_share_a_copy() {
    let config = temp_dir("sessions");
    let first = Recovery::new(&config);
    let second = Recovery::new(&config);
    assert_ne!(first.session(), second.session());
    assert!(!first.session().contains(&std::process::id().to_string()));
    let mut other = balanced();
    other.meta.phone = "0000-2222222".into();
    first.write(&balanced(), None, None).unwrap();
    second.write(&other, None, None).unwrap();
    assert_eq!(file::load(&first.copy_path()).unwrap(), balanced());
    assert_eq!(file::load(&second.copy_path()).unwrap(), other);
    // Both still run: neither copy is an orphan.
    assert!(Recovery::new(&config).find_orphan().is_none());
}

#[test]
fn a_copy_named_like_this_process_is_still_offered() {
    // A sandbox starts every run with the same pid: the last run's copy carries ours.
    let config = temp_dir("same-pid");
    let dir = config.join("recovery");
    fs::create_dir_all(&dir).unwrap();
    let pid = std::process::id();
    fs::write(
        dir.join(format!("{pid}.nianbao")),
        file::to_native_string(&balanced()),
    )
    .unwrap();
    fs::write(
        dir.join(format!("{pid}.info.ron")),
        format!("(path: None, pid: {pid})"),
    )
    .unwrap();
    let recovery = Recovery::new(&config);
    let (info, report) = recovery.find_orphan().expect("offered");
    assert_eq!(report, balanced());
    assert_eq!(info.session, pid.to_string());
}

#[test]
fn a_restored_copy_stays_until_saved_and_survives_a_second_crash() {
    let config = temp_dir("second-crash");
    let mut work = balanced();
    work.meta.phone = "0000-7777777".into();
    let crashed = Recovery::new(&config);
    crashed.write(&work, None, None).unwrap();
    drop(crashed); // the window dies: its lock is released

    let mut restoring = Recovery::new(&config);
    let (info, report) = restoring.find_orphan().unwrap();
    assert_eq!(report, work);
    assert!(restoring.adopt(&info.session));
    // The copy is still there, and is now this window's.
    assert_eq!(file::load(&restoring.copy_path()).unwrap(), work);
    assert!(
        Recovery::new(&config).find_orphan().is_none(),
        "held by the restoring window"
    );
    // The restoring window crashes too, before any edit: the work is offered once more.
    drop(restoring);
    let again = Recovery::new(&config);
    let (_, report) = again.find_orphan().expect("offered after a second crash");
    assert_eq!(report, work);
}

#[test]
fn an_adopted_copy_goes_when_the_report_is_saved() {
    let config = temp_dir("adopt-save");
    let crashed = Recovery::new(&config);
    crashed.write(&balanced(), None, None).unwrap();
    drop(crashed);
    let mut restoring = Recovery::new(&config);
    let (info, _) = restoring.find_orphan().unwrap();
    assert!(restoring.adopt(&info.session));
    let mut second = Recovery::new(&config);
    assert!(!second.adopt(&info.session), "one window per copy");
    restoring.clear().unwrap();
    assert!(!restoring.copy_path().exists());
    drop(restoring);
    assert!(Recovery::new(&config).find_orphan().is_none());
}

#[test]
fn stale_locks_and_temporary_files_are_removed_on_start() {
    let config = temp_dir("stale");
    let dir = config.join("recovery");
    let locks = config.join("locks");
    fs::create_dir_all(&dir).unwrap();
    fs::create_dir_all(&locks).unwrap();
    for p in [
        dir.join("4194999.lock"),
        dir.join("s0123.lock"),
        locks.join("00000000deadbeef.lock"),
    ] {
        fs::write(p, b"").unwrap();
    }
    let tmp = dir.join(".~nb0123456789ab.tmp");
    fs::write(&tmp, b"half").unwrap();
    fs::File::options()
        .write(true)
        .open(&tmp)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(300))
        .unwrap();
    let live = Recovery::new(&config);
    let left: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .chain(fs::read_dir(&locks).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, [format!("{}.lock", live.session())], "{left:?}");
    // A normal exit leaves nothing behind either.
    drop(live);
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 0);
}

#[test]
fn a_recovery_copy_of_a_maximal_report_loads_again() {
    let config = temp_dir("max-copy");
    let mut report = balanced();
    *report.narrative_mut("overview").unwrap() = "\u{200b}".repeat(2_600_000);
    let crashed = Recovery::new(&config);
    crashed.write(&report, None, None).unwrap();
    drop(crashed);
    let (_, restored) = Recovery::new(&config).find_orphan().expect("offered");
    assert_eq!(restored, report);
}
