//! `nianbao install-desktop [--remove] [--force]`: the start-menu entry, the icon and the file
//! type, for the user alone (no root, no administrator), so that double-clicking a `.nianbao`
//! report opens it in nianbao. On Linux see `xdg.rs` (the `$XDG_DATA_HOME` files, then the
//! desktop's caches refreshed); on Windows `windows.rs`.

use std::path::Path;

use super::Failure;

/// The subcommand: install for this user (or `remove`), say what was done.
pub fn run(out: super::commands::Out, remove: bool, force: bool) -> Result<u8, Failure> {
    let exe = std::env::current_exe()
        .and_then(std::fs::canonicalize)
        .map_err(|e| Failure::input(format!("找不到本程序的位置：{e}")))?;
    let lines = platform(&exe, remove, force)?;
    let mut text = lines.join("\n");
    text.push('\n');
    super::commands::write(out, &text).map(|_| 0)
}

#[cfg(windows)]
fn platform(exe: &Path, remove: bool, _force: bool) -> Result<Vec<String>, Failure> {
    // canonicalize gives `\\?\C:\…`, which shortcuts and the registry do not take.
    let plain = std::path::PathBuf::from(exe.display().to_string().trim_start_matches(r"\\?\"));
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
fn platform(exe: &Path, remove: bool, force: bool) -> Result<Vec<String>, Failure> {
    use super::xdg;
    if cfg!(not(target_os = "linux")) {
        return Err(Failure::input(
            "install-desktop 只用于 Linux 和 Windows 桌面",
        ));
    }
    let data = xdg::data_home(std::env::var_os("XDG_DATA_HOME"), std::env::var_os("HOME"))
        .map_err(Failure::input)?;
    let (done, verb) = if remove {
        (xdg::uninstall(&data, force), "已删除")
    } else {
        (xdg::install(&data, exe, force), "已写入")
    };
    let mut lines: Vec<String> = done
        .map_err(Failure::input)?
        .iter()
        .map(|p| format!("{verb} {}", super::commands::name(p)))
        .collect();
    lines.extend(xdg::refresh(&data));
    if !remove {
        lines
            .push("双击 .nianbao 文件即可用 nianbao 打开；程序移动位置后请重新运行本命令。".into());
    }
    Ok(lines)
}
