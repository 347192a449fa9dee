//! `nianbao install-desktop [--remove]`: the start-menu entry, the icon and the file type, for
//! the user alone (no root, no administrator), so that double-clicking a `.nianbao` report
//! opens it in nianbao. On Linux it writes into `$XDG_DATA_HOME` (default `~/.local/share`)
//! and refreshes the desktop's caches with `update-mime-database` and
//! `update-desktop-database` when they are installed; on Windows see [`super::windows`].

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use super::Failure;

pub const MIME_TYPE: &str = "application/x-nianbao";
const ICON: &[u8] = include_bytes!("../../assets/icon/nianbao.png");

/// The `.desktop` entry that starts `exe` with the file double-clicked.
pub fn desktop_entry(exe: &Path) -> String {
    format!(
        "[Desktop Entry]\n\
         Type=Application\n\
         Name=nianbao 年报\n\
         GenericName=政府信息公开工作年度报告\n\
         Comment=编写、检查和发布政府信息公开工作年度报告\n\
         Exec={} %f\n\
         Icon=nianbao\n\
         Terminal=false\n\
         Categories=Office;\n\
         MimeType={MIME_TYPE};\n\
         Keywords=年报;政府信息公开;nianbao;\n",
        exec_quoted(exe)
    )
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

/// A path as a desktop entry's Exec key wants it: quoted, with `"`, `` ` ``, `$` and `\`
/// escaped (the Desktop Entry Specification), and `%` doubled.
fn exec_quoted(exe: &Path) -> String {
    let mut out = String::from("\"");
    for c in exe.display().to_string().chars() {
        match c {
            '"' | '`' | '$' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '%' => out.push_str("%%"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The user's data folder: `$XDG_DATA_HOME`, else `~/.local/share`.
pub fn data_home() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty());
    xdg.map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local").join("share")))
}

/// Writes the entry, the MIME type and the icon under `data`; returns the files written.
pub fn install(data: &Path, exe: &Path) -> std::io::Result<Vec<PathBuf>> {
    let files = [
        (
            data.join("applications").join("nianbao.desktop"),
            desktop_entry(exe).into_bytes(),
        ),
        (
            data.join("mime").join("packages").join("nianbao.xml"),
            mime_xml().into_bytes(),
        ),
        (
            data.join("icons/hicolor/256x256/apps").join("nianbao.png"),
            ICON.to_vec(),
        ),
    ];
    for (path, bytes) in &files {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, bytes)?;
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
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

/// Takes away what [`install`] wrote under `data`; returns the files removed.
pub fn uninstall(data: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    for path in [
        data.join("applications").join("nianbao.desktop"),
        data.join("mime").join("packages").join("nianbao.xml"),
        data.join("icons/hicolor/256x256/apps").join("nianbao.png"),
    ] {
        match std::fs::remove_file(&path) {
            Ok(()) => removed.push(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(removed)
}

/// The subcommand: install for this user (or `remove`), say what was done.
pub fn run(out: super::commands::Out, remove: bool) -> Result<u8, Failure> {
    let exe = std::env::current_exe()
        .and_then(std::fs::canonicalize)
        .map_err(|e| Failure::input(format!("找不到本程序的位置：{e}")))?;
    let lines = platform(&exe, remove)?;
    let mut text = lines.join("\n");
    text.push('\n');
    super::commands::write(out, &text).map(|_| 0)
}

#[cfg(windows)]
fn platform(exe: &Path, remove: bool) -> Result<Vec<String>, Failure> {
    // canonicalize gives `\\?\C:\…`, which shortcuts and the registry do not take.
    let plain = PathBuf::from(exe.display().to_string().trim_start_matches(r"\\?\"));
    let mut lines = if remove {
        super::windows::remove()
    } else {
        super::windows::install(&plain)
    }
    .map_err(Failure::input)?;
    if !remove {
        lines
            .push("双击 .nianbao 文件即可用 nianbao 打开；程序移动位置后请重新运行本命令。".into());
    }
    Ok(lines)
}

#[cfg(not(windows))]
fn platform(exe: &Path, remove: bool) -> Result<Vec<String>, Failure> {
    if cfg!(not(target_os = "linux")) {
        return Err(Failure::input(
            "install-desktop 只用于 Linux 和 Windows 桌面",
        ));
    }
    let data = data_home().ok_or_else(|| Failure::input("找不到用户主目录（HOME）"))?;
    let failed = |e: std::io::Error| Failure::input(format!("无法写入 {}：{e}", data.display()));
    let mut lines: Vec<String> = if remove {
        let removed = uninstall(&data).map_err(failed)?;
        removed
            .iter()
            .map(|p| format!("已删除 {}", super::commands::name(p)))
            .collect()
    } else {
        let written = install(&data, exe).map_err(failed)?;
        written
            .iter()
            .map(|p| format!("已写入 {}", super::commands::name(p)))
            .collect()
    };
    lines.extend(refresh(&data));
    if !remove {
        lines
            .push("双击 .nianbao 文件即可用 nianbao 打开；程序移动位置后请重新运行本命令。".into());
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entry_opens_the_file_with_this_program_and_names_the_type() {
        let entry = desktop_entry(Path::new("/opt/年报 工具/nianbao"));
        assert!(entry.starts_with("[Desktop Entry]\n"));
        assert!(entry.contains("\nExec=\"/opt/年报 工具/nianbao\" %f\n"));
        assert!(entry.contains("\nMimeType=application/x-nianbao;\n"));
        assert!(entry.contains("\nIcon=nianbao\n") && entry.contains("\nType=Application\n"));
        for line in entry.lines().skip(1) {
            assert!(line.contains('='), "key=value: {line}");
        }
        let odd = desktop_entry(Path::new("/home/a\"b/$x/100%/nianbao"));
        assert!(
            odd.contains(r#"Exec="/home/a\"b/\$x/100%%/nianbao" %f"#),
            "{odd}"
        );
    }

    #[test]
    fn the_mime_type_matches_the_extension_and_the_file_header() {
        let xml = mime_xml();
        assert!(xml.contains(r#"<mime-type type="application/x-nianbao">"#));
        assert!(xml.contains(r#"<glob pattern="*.nianbao"/>"#));
        assert!(xml.contains(r#"value="format: &quot;nianbao&quot;""#));
        assert_eq!(
            xml.matches("<mime-type").count(),
            xml.matches("</mime-type>").count()
        );
    }

    #[test]
    fn install_writes_the_three_files_under_the_data_folder() {
        let data = std::env::temp_dir().join(format!("nianbao-desktop-{}", std::process::id()));
        let files = install(&data, Path::new("/usr/bin/nianbao")).unwrap();
        assert_eq!(files.len(), 3);
        assert!(files.iter().all(|f| f.starts_with(&data) && f.is_file()));
        let png = std::fs::read(&files[2]).unwrap();
        assert!(png.starts_with(b"\x89PNG"));
        let removed = uninstall(&data).unwrap();
        assert_eq!(removed, files);
        assert!(files.iter().all(|f| !f.exists()));
        assert_eq!(
            uninstall(&data).unwrap(),
            Vec::<PathBuf>::new(),
            "twice is fine"
        );
        std::fs::remove_dir_all(&data).unwrap();
    }
}
