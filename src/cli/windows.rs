//! What only Windows needs at the edge: the console a double-click would leave open, a message
//! box when the window cannot open, and `install-desktop`'s Start-menu shortcut and `.nianbao`
//! file type for the current user (HKCU: no administrator).

use std::ffi::OsStr;
use std::os::windows::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use winreg::RegKey;
use winreg::enums::HKEY_CURRENT_USER;

/// The program's file type in the registry.
const PROG_ID: &str = "nianbao.report";
const CLASSES: &str = r"Software\Classes";
const SHORTCUT: &str = "nianbao 年报.lnk";

/// A double-click starts the program in a console of its own: hide it before the window
/// opens. Started from a command prompt, the console is shared and stays.
pub fn detach_own_console() {
    let mut ids = [0u32; 2];
    // SAFETY: the buffer holds `ids.len()` process ids, as the call is told.
    let sharing =
        unsafe { windows_sys::Win32::System::Console::GetConsoleProcessList(ids.as_mut_ptr(), 2) };
    if sharing == 1 {
        // SAFETY: no arguments; afterwards nothing is written to the console.
        unsafe { windows_sys::Win32::System::Console::FreeConsole() };
    }
}

fn wide(text: &str) -> Vec<u16> {
    OsStr::new(text).encode_wide().chain([0]).collect()
}

/// A message box the clerk sees even without a console (the window could not open).
pub fn message_box(title: &str, text: &str) {
    use windows_sys::Win32::UI::WindowsAndMessaging::{MB_ICONERROR, MB_OK, MessageBoxW};
    let (title, text) = (wide(title), wide(text));
    // SAFETY: both strings are NUL-terminated UTF-16 and live across the call.
    unsafe {
        MessageBoxW(
            std::ptr::null_mut(),
            text.as_ptr(),
            title.as_ptr(),
            MB_OK | MB_ICONERROR,
        )
    };
}

/// `%APPDATA%\Microsoft\Windows\Start Menu\Programs`.
fn start_menu() -> Option<PathBuf> {
    let appdata = std::env::var_os("APPDATA")?;
    Some(PathBuf::from(appdata).join(r"Microsoft\Windows\Start Menu\Programs"))
}

/// The shortcut and the file type; returns what was written, in the clerk's words.
pub fn install(exe: &Path) -> Result<Vec<String>, String> {
    let menu = start_menu().ok_or("找不到用户的“开始”菜单文件夹（APPDATA）")?;
    std::fs::create_dir_all(&menu).map_err(|e| format!("无法创建 {}：{e}", menu.display()))?;
    let link = menu.join(SHORTCUT);
    let mut shortcut = mslnk::ShellLink::new(exe).map_err(|e| format!("无法创建快捷方式：{e}"))?;
    shortcut.set_name(Some("政府信息公开工作年度报告".into()));
    shortcut.set_icon_location(Some(exe.display().to_string()));
    shortcut
        .create_lnk(&link)
        .map_err(|e| format!("无法写入 {}：{e}", link.display()))?;

    let classes = RegKey::predef(HKEY_CURRENT_USER);
    let set = |path: &str, value: &str| -> Result<(), String> {
        let (key, _) = classes
            .create_subkey(format!(r"{CLASSES}\{path}"))
            .map_err(|e| format!("无法写入注册表 {path}：{e}"))?;
        key.set_value("", &value.to_string())
            .map_err(|e| format!("无法写入注册表 {path}：{e}"))
    };
    let exe = exe.display().to_string();
    set(".nianbao", PROG_ID)?;
    set(PROG_ID, "政府信息公开工作年度报告")?;
    set(&format!(r"{PROG_ID}\DefaultIcon"), &format!("\"{exe}\",0"))?;
    set(
        &format!(r"{PROG_ID}\shell\open\command"),
        &format!("\"{exe}\" \"%1\""),
    )?;
    associations_changed();
    Ok(vec![
        format!("已加入“开始”菜单：{}", link.display()),
        "已登记 .nianbao 文件类型（当前用户）".into(),
    ])
}

/// Takes away what [`install`] wrote; what is already gone is no error.
pub fn remove() -> Result<Vec<String>, String> {
    let mut done = Vec::new();
    if let Some(link) = start_menu().map(|m| m.join(SHORTCUT)) {
        match std::fs::remove_file(&link) {
            Ok(()) => done.push(format!("已从“开始”菜单删除：{}", link.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("无法删除 {}：{e}", link.display())),
        }
    }
    let classes = RegKey::predef(HKEY_CURRENT_USER);
    for key in [PROG_ID, ".nianbao"] {
        match classes.delete_subkey_all(format!(r"{CLASSES}\{key}")) {
            Ok(()) => done.push(format!("已删除注册表项 {key}")),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("无法删除注册表项 {key}：{e}")),
        }
    }
    associations_changed();
    Ok(done)
}

/// Tells Explorer that file types changed, so icons and 打开方式 update at once.
fn associations_changed() {
    use windows_sys::Win32::UI::Shell::{SHCNE_ASSOCCHANGED, SHCNF_IDLIST, SHChangeNotify};
    // SAFETY: this event takes no items.
    unsafe {
        SHChangeNotify(
            SHCNE_ASSOCCHANGED as i32,
            SHCNF_IDLIST,
            std::ptr::null(),
            std::ptr::null(),
        )
    };
}
