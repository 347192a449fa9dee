//! `install-desktop` on Linux: the `.desktop` entry, the shared-mime-info type and the icon
//! under the user's data folder (`$XDG_DATA_HOME`, default `~/.local/share`). Nothing is
//! written through a link or over a file nianbao did not write unless `--force` is given,
//! and then the link itself is replaced (an atomic rename), never the file it points to.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

pub const MIME_TYPE: &str = "application/x-nianbao";
const ICON: &[u8] = include_bytes!("../../assets/icon/nianbao.png");
/// Larger than any file this module writes: a bigger file there is not ours.
const MAX_OURS_BYTES: u64 = 1 << 20;

/// The `.desktop` entry that starts `exe` with the file double-clicked; refused (with the
/// reason) for a path no desktop could start: a control character cannot be in an Exec line,
/// and GIO looks a program up before it expands `%%`, so a `%` in its path is never found.
pub fn desktop_entry(exe: &Path) -> Result<String, String> {
    let shown = || super::commands::name(exe);
    if exe.display().to_string().contains('%') {
        return Err(format!(
            "本程序所在的路径含有“%”，桌面无法从这样的位置启动程序：{}；请把 nianbao 放到路径中没有“%”的文件夹后再运行本命令",
            shown()
        ));
    }
    let exec = exec_quoted(exe).ok_or_else(|| {
        format!(
            "本程序所在的路径含有控制字符，无法写入开始菜单：{}",
            shown()
        )
    })?;
    Ok(format!(
        "[Desktop Entry]\n\
         Type=Application\n\
         Name=nianbao 年报\n\
         GenericName=政府信息公开工作年度报告\n\
         Comment=编写、检查和发布政府信息公开工作年度报告\n\
         Exec={exec} %f\n\
         Icon=nianbao\n\
         Terminal=false\n\
         Categories=Office;\n\
         MimeType={MIME_TYPE};\n\
         Keywords=年报;政府信息公开;nianbao;\n"
    ))
}

/// The shared-mime-info type of `.nianbao` files: by extension, and by the RON header
/// `format: "nianbao"` for a file renamed without it.
pub fn mime_xml() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{MIME_TYPE}">
    <comment>nianbao report</comment>
    <comment xml:lang="zh_CN">政府信息公开工作年度报告</comment>
    <generic-icon name="x-office-document"/>
    <icon name="nianbao"/>
    <magic priority="50">
      <match type="string" value="format: &quot;nianbao&quot;" offset="0:64"/>
    </magic>
    <glob pattern="*.nianbao"/>
  </mime-type>
</mime-info>
"#
    )
}

/// A path as the Desktop Entry Specification's Exec key wants it: one quoted argument in which
/// `"`, `` ` ``, `$` and `\` take a backslash, then the string escape applied over that (so a
/// backslash is written twice: `$` becomes `\\$`, `\` becomes `\\\\`). Tried with
/// `desktop-file-validate` and `gio launch` on paths holding each of them.
fn exec_quoted(exe: &Path) -> Option<String> {
    let mut out = String::from("\"");
    for c in exe.display().to_string().chars() {
        match c {
            c if c.is_control() => return None,
            '"' | '`' | '$' => {
                out.push_str(r"\\");
                out.push(c);
            }
            '\\' => out.push_str(r"\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    Some(out)
}

/// The user's data folder from `XDG_DATA_HOME` and `HOME` as given: a relative
/// `XDG_DATA_HOME` is ignored (the Base Directory Specification says so); a `HOME` that is
/// missing or not absolute is refused, so nothing lands under the current folder.
pub fn data_home(xdg: Option<OsString>, home: Option<OsString>) -> Result<PathBuf, String> {
    if let Some(dir) = xdg.map(PathBuf::from).filter(|d| d.is_absolute()) {
        return Ok(dir);
    }
    match home.map(PathBuf::from) {
        Some(home) if home.is_absolute() => Ok(home.join(".local").join("share")),
        Some(home) if !home.as_os_str().is_empty() => Err(format!(
            "用户主目录（HOME={}）不是绝对路径，未写入任何文件",
            super::commands::name(&home)
        )),
        _ => Err("找不到用户主目录（HOME 未设置），未写入任何文件".into()),
    }
}

/// What `install` writes under `data`, each with its bytes.
fn files(data: &Path, entry: String) -> [(PathBuf, Vec<u8>); 3] {
    [
        (
            data.join("applications").join("nianbao.desktop"),
            entry.into_bytes(),
        ),
        (
            data.join("mime").join("packages").join("nianbao.xml"),
            mime_xml().into_bytes(),
        ),
        (
            data.join("icons/hicolor/256x256/apps").join("nianbao.png"),
            ICON.to_vec(),
        ),
    ]
}

/// Whether the file there may be replaced or removed: absent, or a regular file nianbao wrote
/// (by any version: the entry and the type name our MIME type, the icon is ours byte for
/// byte). A link, or anyone else's file, only with `force`.
fn may_replace(path: &Path, force: bool) -> Result<bool, String> {
    let shown = || super::commands::name(path);
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(format!("无法读取 {}：{e}", shown())),
    };
    if meta.is_dir() {
        return Err(format!("{} 是一个文件夹，未改动", shown()));
    }
    if force {
        return Ok(true);
    }
    if meta.file_type().is_symlink() {
        return Err(format!(
            "{} 是一个链接，未改动（确认要替换链接本身时加 --force）",
            shown()
        ));
    }
    let ours = meta.is_file()
        && meta.len() <= MAX_OURS_BYTES
        && std::fs::read(path).is_ok_and(|bytes| {
            bytes == ICON || String::from_utf8_lossy(&bytes).contains(MIME_TYPE)
        });
    if ours {
        Ok(true)
    } else {
        Err(format!(
            "{} 已存在且不是 nianbao 写的，未改动（确认要替换时加 --force）",
            shown()
        ))
    }
}

/// Writes the entry, the MIME type and the icon under `data`; every file is checked before
/// any is written, so a refusal leaves everything as it was. Returns the files written.
pub fn install(data: &Path, exe: &Path, force: bool) -> Result<Vec<PathBuf>, String> {
    let entry = desktop_entry(exe)?;
    let files = files(data, entry);
    for (path, _) in &files {
        may_replace(path, force)?;
    }
    for (path, bytes) in &files {
        let failed = |e: std::io::Error| format!("无法写入 {}：{e}", super::commands::name(path));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(failed)?;
        }
        crate::file::write_atomic(path, bytes).map_err(failed)?;
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

/// Takes away what [`install`] wrote under `data` (a foreign file or a link only with
/// `force`); returns the files removed.
pub fn uninstall(data: &Path, force: bool) -> Result<Vec<PathBuf>, String> {
    let paths = files(data, String::new()).map(|(p, _)| p);
    let mut present = Vec::new();
    for path in paths {
        if may_replace(&path, force)? {
            present.push(path);
        }
    }
    for path in &present {
        std::fs::remove_file(path)
            .map_err(|e| format!("无法删除 {}：{e}", super::commands::name(path)))?;
    }
    Ok(present)
}

/// Refreshes the caches the desktop reads; a tool that is not installed is skipped.
/// Returns one line per tool run.
pub fn refresh(data: &Path) -> Vec<String> {
    let runs = [
        ("update-mime-database", data.join("mime")),
        ("update-desktop-database", data.join("applications")),
    ];
    runs.iter()
        .map(|(tool, dir)| match Process::new(tool).arg(dir).status() {
            Ok(s) if s.success() => format!("已运行 {tool}"),
            Ok(s) => format!("{tool} 失败（{s}）"),
            Err(_) => format!("未找到 {tool}，已跳过（重新登录后生效）"),
        })
        .collect()
}

#[cfg(test)]
#[path = "xdg_tests.rs"]
mod tests;
