//! The window around saving, driven as a clerk would (egui_kittest): nothing is replaced
//! without 「替换」, a file changed on disk or open in another window is never saved over
//! silently, and restored work survives another crash.
#![cfg(feature = "window")]

mod common;

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::app::App;
use nianbao::file;

fn harness(app: App) -> Harness<'static, App> {
    common::window::harness(app, egui::vec2(1440.0, 900.0))
}

fn start(config: &Path, file: Option<&Path>) -> Harness<'static, App> {
    let mut app = App::start(config.to_path_buf(), file);
    app.native_dialogs = false;
    harness(app)
}

fn type_into(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

fn press(h: &mut Harness<'_, App>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

fn click(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

fn saved_file(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    file::save(&common::balanced(), &path).unwrap();
    path
}

fn phone_on_disk(path: &Path) -> String {
    file::load(path).unwrap().meta.phone
}

#[test]
fn save_as_victim2_asks_before_replacing_victim2_nianbao() {
    let dir = common::temp_dir("win-victim");
    let victim = dir.join("victim2.nianbao");
    std::fs::write(&victim, b"precious").unwrap();
    let mut h = start(&dir.join("config"), None);
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    type_into(&mut h, "文件路径", dir.join("victim2").to_str().unwrap());
    click(&mut h, "确定");
    assert!(h.query_by_label("文件已存在，是否替换？").is_some());
    click(&mut h, "取消");
    assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
    assert_eq!(h.state().editor.path, None);

    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    type_into(&mut h, "文件路径", dir.join("victim2").to_str().unwrap());
    click(&mut h, "确定");
    click(&mut h, "替换");
    assert_eq!(file::load(&victim).unwrap(), h.state().editor.report);
    assert_eq!(h.state().editor.path.as_deref(), Some(victim.as_path()));
}

#[test]
fn save_as_proposes_the_saved_reports_own_name() {
    let dir = common::temp_dir("win-save-as-name");
    let path = saved_file(&dir, "青石镇定稿.nianbao");
    let mut h = start(&dir.join("config"), Some(&path));
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    let proposed = h.get_by_label("文件路径").value().unwrap_or_default();
    assert_eq!(proposed, path.display().to_string());
}

#[test]
fn exports_ask_before_replacing_after_the_extension_is_added() {
    let dir = common::temp_dir("win-export");
    let json = dir.join("年报.json");
    let pdf = dir.join("年报.pdf");
    std::fs::write(&json, b"precious json").unwrap();
    std::fs::write(&pdf, b"precious pdf").unwrap();
    let mut h = start(&dir.join("config"), None);
    h.get_by_label("文件").click();
    h.run();
    click(&mut h, "导出数据文件（JSON）…");
    type_into(&mut h, "文件路径", dir.join("年报").to_str().unwrap());
    click(&mut h, "确定");
    assert!(h.query_by_label("文件已存在，是否替换？").is_some());
    click(&mut h, "取消");
    press(&mut h, Modifiers::COMMAND, Key::E);
    type_into(&mut h, "文件路径", dir.join("年报").to_str().unwrap());
    click(&mut h, "确定");
    assert!(h.query_by_label("文件已存在，是否替换？").is_some());
    click(&mut h, "取消");
    h.state_mut().finish_export();
    assert_eq!(std::fs::read(&json).unwrap(), b"precious json");
    assert_eq!(std::fs::read(&pdf).unwrap(), b"precious pdf");
}

#[test]
fn a_second_window_on_the_same_file_is_read_only_with_a_banner() {
    let dir = common::temp_dir("win-two");
    let config = dir.join("config");
    let path = saved_file(&dir, "报告.nianbao");
    let mut first = start(&config, Some(&path));
    let mut second = start(&config, Some(&path));
    assert!(
        first
            .query_by_label("该文件已在另一个窗口中打开，只读")
            .is_none()
    );
    assert!(
        second
            .query_by_label("该文件已在另一个窗口中打开，只读")
            .is_some()
    );
    type_into(&mut second, "联系电话", "0000-2222222");
    press(&mut second, Modifiers::COMMAND, Key::S);
    assert!(
        second.query_by_label("另存为").is_some(),
        "offers 另存为 instead"
    );
    assert_eq!(phone_on_disk(&path), "0000-6231005");
    type_into(&mut first, "联系电话", "0000-1111111");
    press(&mut first, Modifiers::COMMAND, Key::S);
    assert_eq!(phone_on_disk(&path), "0000-1111111");
}

#[test]
fn a_file_changed_on_disk_is_not_saved_over_without_asking() {
    let dir = common::temp_dir("win-changed");
    let path = saved_file(&dir, "报告.nianbao");
    let mut h = start(&dir.join("config"), Some(&path));
    let mut outside = common::balanced();
    outside.meta.phone = "0000-3333333".into();
    std::thread::sleep(std::time::Duration::from_millis(20));
    file::save(&outside, &path).unwrap();

    // No edits at all: 保存 still must not put the old version back.
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(h.query_by_label("文件已被修改").is_some());
    assert_eq!(phone_on_disk(&path), "0000-3333333");
    click(&mut h, "重新载入");
    assert_eq!(h.state().editor.report, outside);

    // Changed again; this time the clerk keeps the window's version.
    outside.meta.phone = "0000-4444444".into();
    std::thread::sleep(std::time::Duration::from_millis(20));
    file::save(&outside, &path).unwrap();
    type_into(&mut h, "联系电话", "0000-5555555");
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert_eq!(phone_on_disk(&path), "0000-4444444");
    click(&mut h, "保留我的");
    assert_eq!(phone_on_disk(&path), "0000-5555555");
    assert!(!h.state().editor.is_dirty());
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_replaced_only_after_asking_and_stays_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = common::temp_dir("win-readonly");
    let path = saved_file(&dir, "报告.nianbao");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).unwrap();
    let mut h = start(&dir.join("config"), Some(&path));
    type_into(&mut h, "联系电话", "0000-6666666");
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(h.query_by_label("文件是只读的，是否仍要替换？").is_some());
    assert_eq!(phone_on_disk(&path), "0000-6231005");
    click(&mut h, "替换");
    assert_eq!(phone_on_disk(&path), "0000-6666666");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o400);
}

#[test]
fn restored_work_survives_a_second_crash() {
    let dir = common::temp_dir("win-second-crash");
    let config = dir.join("config");
    let mut work = common::balanced();
    work.meta.phone = "0000-8888888".into();
    {
        let mut crashed = start(&config, None);
        crashed.state_mut().editor.report = work.clone();
        crashed.state_mut().editor.mark_unsaved();
        crashed.state_mut().editor.last_change =
            Some(std::time::Instant::now() - nianbao::app::RECOVERY_DELAY);
        crashed.run();
        assert!(crashed.state().recovery_copy_path().exists());
        // The harness is dropped without closing: what a crash leaves.
    }
    let mut restored = start(&config, None);
    click(&mut restored, "恢复");
    assert_eq!(restored.state().editor.report, work);
    let copy = restored.state().recovery_copy_path();
    assert_eq!(
        file::load(&copy).unwrap(),
        work,
        "a copy at once, before any edit"
    );
    drop(restored);
    let mut again = start(&config, None);
    assert!(again.query_by_label("恢复未保存的修改？").is_some());
    click(&mut again, "恢复");
    assert_eq!(again.state().editor.report, work);
    // Saving ends the copy's life.
    let path = dir.join("恢复的.nianbao");
    press(&mut again, Modifiers::COMMAND, Key::S);
    type_into(&mut again, "文件路径", path.to_str().unwrap());
    click(&mut again, "确定");
    assert_eq!(file::load(&path).unwrap(), work);
    assert!(!again.state().recovery_copy_path().exists());
}

#[test]
fn a_failure_to_save_the_settings_is_reported() {
    let dir = common::temp_dir("win-settings");
    let config = dir.join("config");
    std::fs::create_dir_all(config.join("settings.ron")).unwrap();
    let path = saved_file(&dir, "报告.nianbao");
    let h = start(&config, Some(&path));
    let (message, is_error) = h.state().message.clone().unwrap();
    assert!(message.contains("无法保存设置") && is_error, "{message}");
}

#[test]
fn restored_work_still_notices_a_file_changed_since_the_crash() {
    let dir = common::temp_dir("win-restore-changed");
    let config = dir.join("config");
    let path = saved_file(&dir, "报告.nianbao");
    let opened = nianbao::editor::Editor::open(&path).unwrap();
    let mut work = opened.report.clone();
    work.meta.phone = "0000-1212121".into();
    let crashed = nianbao::editor::session::Recovery::new(&config);
    crashed
        .write(&work, opened.path.as_deref(), opened.stamp())
        .unwrap();
    drop(crashed);
    drop(opened);
    // Someone else saved the file after the crash.
    let mut outside = common::balanced();
    outside.meta.phone = "0000-3434343".into();
    std::thread::sleep(std::time::Duration::from_millis(20));
    file::save(&outside, &path).unwrap();

    let mut h = start(&config, None);
    click(&mut h, "恢复");
    assert_eq!(h.state().editor.report, work);
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(h.query_by_label("文件已被修改").is_some());
    assert_eq!(phone_on_disk(&path), "0000-3434343");
    click(&mut h, "另存为");
    assert!(h.query_by_label("文件路径").is_some());
}

#[test]
fn each_crashed_window_is_offered_in_turn() {
    let config = common::temp_dir("win-two-crashes");
    let mut older = common::balanced();
    older.meta.phone = "0000-1000001".into();
    let mut newer = common::balanced();
    newer.meta.phone = "0000-2000002".into();
    for report in [&older, &newer] {
        let crashed = nianbao::editor::session::Recovery::new(&config);
        crashed.write(report, None, None).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let mut h = start(&config, None);
    assert!(h.query_by_label("恢复未保存的修改？").is_some());
    click(&mut h, "丢弃");
    assert!(
        h.query_by_label("恢复未保存的修改？").is_some(),
        "the other copy is offered too"
    );
    click(&mut h, "恢复");
    assert_eq!(h.state().editor.report, older);
}

#[test]
fn saving_a_native_file_named_ron_keeps_its_name() {
    let dir = common::temp_dir("win-ron");
    let path = saved_file(&dir, "报告.ron");
    let mut h = start(&dir.join("config"), Some(&path));
    type_into(&mut h, "联系电话", "0000-7070707");
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert_eq!(phone_on_disk(&path), "0000-7070707");
    assert!(!dir.join("报告.nianbao").exists());
}
