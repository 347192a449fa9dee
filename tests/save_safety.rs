//! Nothing is overwritten unasked and nothing written is unreadable: the one save path
//! (`file::write_file`), the document's stamp and lock (`Editor`), symlinks and permissions,
//! the size of what is written, temporary files and OS errors.

mod common;

use std::fs;
use std::path::Path;

use common::{balanced, temp_dir};
use nianbao::editor::Editor;
use nianbao::file::{self, Overwrite, SaveError};

fn read(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap()
}

#[test]
fn the_extension_is_added_before_asking_and_victim2_nianbao_is_not_overwritten() {
    let dir = temp_dir("victim");
    let victim = dir.join("victim2.nianbao");
    fs::write(&victim, b"precious").unwrap();
    let chosen = dir.join("victim2");
    let final_path = file::final_path(&chosen, "nianbao");
    assert_eq!(final_path, victim);
    let err = file::save_report(&balanced(), &final_path, Overwrite::Never, None).unwrap_err();
    assert!(matches!(err, SaveError::Exists(_)), "{err}");
    assert_eq!(read(&victim), b"precious");
    assert_eq!(
        file::final_path(&dir.join("年报.json"), "nianbao"),
        dir.join("年报.nianbao")
    );
    assert_eq!(
        file::final_path(&dir.join("报告.v2"), "pdf"),
        dir.join("报告.v2.pdf")
    );
    // Replacing, once asked, works.
    file::save_report(&balanced(), &final_path, Overwrite::Replace, None).unwrap();
    assert_eq!(file::load(&victim).unwrap(), balanced());
}

#[test]
fn a_file_changed_on_disk_since_opening_is_not_saved_over() {
    let dir = temp_dir("changed");
    let path = dir.join("报告.nianbao");
    file::save(&balanced(), &path).unwrap();
    let mut first = Editor::open(&path).unwrap();
    let mut second = Editor::open(&path).unwrap();
    first.report.meta.phone = "0000-1111111".into();
    first.save(Overwrite::Replace).unwrap();
    // The second window has no edits; saving it would silently undo the first one's change.
    let err = second.save(Overwrite::Replace).unwrap_err();
    assert!(matches!(err, SaveError::Changed(_)), "{err}");
    assert_eq!(file::load(&path).unwrap().meta.phone, "0000-1111111");

    // Another program changes the file: same size and time do not hide it (the hash does).
    let before = fs::metadata(&path).unwrap();
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("0000-1111111", "0000-2222222");
    fs::write(&path, &text).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(before.modified().unwrap())
        .unwrap();
    first.report.meta.phone = "0000-3333333".into();
    assert!(matches!(
        first.save(Overwrite::Replace),
        Err(SaveError::Changed(_))
    ));
    assert_eq!(file::load(&path).unwrap().meta.phone, "0000-2222222");
    // 保留我的: the clerk chose to replace it.
    first.forget_stamp();
    first.save(Overwrite::Replace).unwrap();
    assert_eq!(file::load(&path).unwrap().meta.phone, "0000-3333333");
    first.report.meta.phone = "0000-4444444".into();
    first.save(Overwrite::Replace).unwrap();
}

#[test]
fn a_second_window_on_the_same_file_is_read_only() {
    let dir = temp_dir("two-windows");
    let config = dir.join("config");
    let path = dir.join("报告.nianbao");
    file::save(&balanced(), &path).unwrap();
    let mut first = Editor::open(&path).unwrap();
    first.lock_file(&config);
    let mut second = Editor::open(&dir.join(".").join("报告.nianbao")).unwrap();
    second.lock_file(&config);
    assert!(!first.read_only());
    assert!(second.read_only(), "the same file through another spelling");
    second.report.meta.phone = "0000-9999999".into();
    let err = second.save(Overwrite::Replace).unwrap_err();
    assert!(matches!(err, SaveError::OpenElsewhere(_)), "{err}");
    assert!(err.to_string().contains("该文件已在另一个窗口中打开，只读"));
    // 另存为 elsewhere is allowed, and then that file is this window's own.
    let copy = dir.join("副本.nianbao");
    second.save_as(&copy, Overwrite::Never).unwrap();
    assert!(!second.read_only());
    // Nor can the first window save over the copy the second now has open.
    let err = first.save_as(&copy, Overwrite::Replace).unwrap_err();
    assert!(matches!(err, SaveError::OpenElsewhere(_)), "{err}");
    drop(first);
    let mut third = Editor::open(&path).unwrap();
    third.lock_file(&config);
    assert!(!third.read_only(), "the lock goes with the window");
}

#[cfg(unix)]
#[test]
fn saving_through_a_symlink_writes_its_target_and_a_dangling_one_is_not_replaced() {
    use std::os::unix::fs::symlink;
    let dir = temp_dir("symlink");
    let target = dir.join("真实.nianbao");
    file::save(&common::example("2024-qingshi.nianbao"), &target).unwrap();
    let link = dir.join("链接.nianbao");
    symlink(&target, &link).unwrap();
    let mut editor = Editor::open(&link).unwrap();
    editor.report = balanced();
    editor.save(Overwrite::Replace).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(file::load(&target).unwrap(), balanced());

    let dangling = dir.join("悬空.nianbao");
    let missing = dir.join("不存在.nianbao");
    symlink(&missing, &dangling).unwrap();
    let err = file::save_report(&balanced(), &dangling, Overwrite::Never, None).unwrap_err();
    assert!(matches!(err, SaveError::Exists(_)), "{err}");
    assert!(!missing.exists());
    assert!(file::occupied(&dangling));
    file::save_report(&balanced(), &dangling, Overwrite::Replace, None).unwrap();
    assert!(
        fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(file::load(&missing).unwrap(), balanced());
}

#[cfg(unix)]
#[test]
fn a_file_keeps_its_mode_and_a_read_only_one_is_replaced_only_when_confirmed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("modes");
    let private = dir.join("私密.nianbao");
    file::save(&balanced(), &private).unwrap();
    fs::set_permissions(&private, fs::Permissions::from_mode(0o600)).unwrap();
    file::save(&balanced(), &private).unwrap();
    assert_eq!(
        fs::metadata(&private).unwrap().permissions().mode() & 0o777,
        0o600
    );

    let locked = dir.join("只读.nianbao");
    file::save(&common::example("2024-qingshi.nianbao"), &locked).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o400)).unwrap();
    let before = read(&locked);
    let err = file::save_report(&balanced(), &locked, Overwrite::Replace, None).unwrap_err();
    assert!(matches!(err, SaveError::ReadOnly(_)), "{err}");
    assert!(err.to_string().contains("只读"));
    assert_eq!(read(&locked), before);
    file::save_report(&balanced(), &locked, Overwrite::ReplaceReadOnly, None).unwrap();
    assert_eq!(file::load(&locked).unwrap(), balanced());
    assert_eq!(
        fs::metadata(&locked).unwrap().permissions().mode() & 0o777,
        0o400
    );
}

#[test]
fn what_is_written_is_read_back_even_a_narrative_of_zero_width_spaces() {
    let dir = temp_dir("zero-width");
    let mut report = balanced();
    // 2.6 million zero-width spaces: 7.8 MB as text, 21 MB as `\u{200b}` escapes.
    *report.narrative_mut("other").unwrap() = "\u{200b}".repeat(2_600_000);
    let path = dir.join("报告.nianbao");
    file::save(&report, &path).unwrap();
    assert!(fs::metadata(&path).unwrap().len() <= file::MAX_FILE_BYTES);
    assert_eq!(file::load(&path).unwrap(), report);
    // Control characters stay escaped, so the file stays one readable text.
    *report.narrative_mut("other").unwrap() = "a\u{1}\n\"\\\u{200b}".into();
    file::save(&report, &path).unwrap();
    assert_eq!(file::load(&path).unwrap(), report);

    // What would be too large to read back is not written at all.
    *report.narrative_mut("other").unwrap() = "\u{200b}".repeat(3_000_000);
    let err = file::save(&report, &path).unwrap_err();
    assert!(matches!(err, SaveError::TooLarge { .. }), "{err}");
    assert_eq!(
        file::load(&path).unwrap().narrative_by_id("other").unwrap(),
        "a\u{1}\n\"\\\u{200b}"
    );
}

#[test]
fn a_248_byte_file_name_can_be_saved() {
    let dir = temp_dir("long-name");
    let name = format!("{}.nianbao", "a".repeat(240));
    assert_eq!(name.len(), 248);
    let path = dir.join(name);
    file::save_report(&balanced(), &path, Overwrite::Never, None).unwrap();
    assert_eq!(file::load(&path).unwrap(), balanced());
}

#[test]
fn temporary_files_of_killed_saves_are_removed_and_others_kept() {
    let dir = temp_dir("stale-tmp");
    let old = dir.join(".~nb0123456789ab.tmp");
    let fresh = dir.join(".~nbba9876543210.tmp");
    let foreign = dir.join(".~nbnot-ours.tmp");
    for p in [&old, &fresh, &foreign] {
        fs::write(p, b"half a report").unwrap();
    }
    let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(600);
    for p in [&old, &foreign] {
        let f = fs::File::options().write(true).open(p).unwrap();
        f.set_modified(long_ago).unwrap();
    }
    file::save(&balanced(), &dir.join("报告.nianbao")).unwrap();
    assert!(!old.exists(), "a killed save's leftover");
    assert!(fresh.exists(), "maybe a save still running");
    assert!(foreign.exists(), "not our name");
}

#[cfg(unix)]
#[test]
fn a_pipe_is_refused_at_once_instead_of_hanging() {
    let dir = temp_dir("fifo");
    let fifo = dir.join("报告.nianbao");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(file::load(&fifo).map(|_| ())).unwrap());
    let result = rx
        .recv_timeout(std::time::Duration::from_secs(5))
        .expect("load returned");
    let err = result.unwrap_err();
    assert!(
        matches!(err, file::OpenError::Load(file::LoadError::NotAFile)),
        "{err}"
    );
}

#[test]
fn os_errors_are_told_in_chinese_with_the_system_text_after() {
    let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
    let text = file::io_reason(&full, "写入");
    assert!(
        text.starts_with("无法写入文件：磁盘空间不足（系统信息："),
        "{text}"
    );
    let denied = SaveError::Io(std::io::Error::from(std::io::ErrorKind::PermissionDenied));
    assert!(denied.to_string().contains("没有权限"));
    let quota = std::io::Error::from(std::io::ErrorKind::QuotaExceeded);
    assert!(file::io_reason(&quota, "写入").contains("磁盘配额"));
}
