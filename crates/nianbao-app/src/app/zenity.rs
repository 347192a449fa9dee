//! The GNOME file dialog (`zenity --file-selection`) asked directly: on a Linux desktop without
//! a session bus the desktop portal cannot answer, but zenity usually can.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::files::{PickFor, Picked, filters};

/// Whether `zenity` is on the PATH.
pub fn installed() -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()))
}

/// The arguments for a dialog: title, save mode with the proposed name, the file types.
pub fn arguments(purpose: PickFor, default: Option<&Path>) -> Vec<String> {
    let mut args = vec![
        "--file-selection".to_string(),
        format!("--title={}", purpose.title()),
    ];
    if purpose == PickFor::DeskFolder {
        args.push("--directory".into());
        // The trailing separator makes zenity start inside the folder, not at 「最近使用」.
        if let Some(dir) = default {
            args.push(format!("--filename={}/", dir.display()));
        }
    }
    if purpose.saves() {
        // zenity asks 「是否替换」 itself; the window relies on it (`Picked::Chosen`).
        args.push("--save".into());
        args.push("--confirm-overwrite".into());
        if let Some(default) = default {
            args.push(format!("--filename={}", default.display()));
        }
    } else if purpose != PickFor::DeskFolder
        && let Some(dir) = default
    {
        // A file to open: in the folder given (the report's), not at 「最近使用」.
        args.push(format!("--filename={}/", dir.display()));
    }
    for (name, extensions) in filters(purpose) {
        let patterns: Vec<String> = extensions.iter().map(|e| format!("*.{e}")).collect();
        args.push(format!("--file-filter={name} | {}", patterns.join(" ")));
    }
    args
}

/// The dialog speaks Chinese as the window does, also on a system set to English or to the
/// bare `C.UTF-8` locale (its buttons and 「是否替换」 were English there): GTK and zenity read
/// their translations by `LANGUAGE` whatever the locale. A Chinese choice already made stays.
pub fn language(current: Option<&str>) -> String {
    match current.map(str::trim).filter(|l| !l.is_empty()) {
        Some(l) if l.starts_with("zh") => l.to_string(),
        Some(l) => format!("zh_CN:zh:{l}"),
        None => "zh_CN:zh".to_string(),
    }
}

/// What zenity answered: exit 0 with a path, 1 for 取消; anything else (it could not start,
/// or refused its arguments, as under a locale the system lacks) is a failure.
pub fn pick(purpose: PickFor, default: Option<&Path>) -> Picked {
    let current = std::env::var("LANGUAGE").ok();
    let Ok(output) = Command::new("zenity")
        .args(arguments(purpose, default))
        .env("LANGUAGE", language(current.as_deref()))
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
    else {
        return Picked::Failed;
    };
    let text = String::from_utf8_lossy(&output.stdout);
    let path = text.trim_end_matches(['\n', '\r']);
    match output.status.code() {
        Some(0) if !path.is_empty() => Picked::Chosen {
            path: PathBuf::from(path),
            replace_asked: purpose.saves(),
        },
        Some(0 | 1) => Picked::Cancelled,
        _ => Picked::Failed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_to_open_is_looked_for_in_the_folder_given() {
        let args = arguments(PickFor::NewFrom, Some(Path::new("/home/a/2024")));
        assert!(
            args.contains(&"--filename=/home/a/2024/".to_string()),
            "{args:?}"
        );
        assert!(!args.contains(&"--save".to_string()));
    }

    #[test]
    fn the_dialog_is_asked_in_chinese() {
        assert_eq!(language(None), "zh_CN:zh");
        assert_eq!(language(Some("")), "zh_CN:zh");
        assert_eq!(language(Some("en_US:en")), "zh_CN:zh:en_US:en");
        assert_eq!(language(Some("zh_TW:zh")), "zh_TW:zh");
    }

    #[test]
    fn a_save_proposes_the_name_and_its_type() {
        let args = arguments(PickFor::ExportPdf, Some(Path::new("/home/a/年报.pdf")));
        assert_eq!(
            args,
            [
                "--file-selection",
                "--title=导出PDF",
                "--save",
                "--confirm-overwrite",
                "--filename=/home/a/年报.pdf",
                "--file-filter=PDF | *.pdf"
            ]
        );
        let open = arguments(PickFor::Open, None);
        assert!(!open.contains(&"--save".to_string()));
        assert!(open[2].starts_with("--file-filter=年报（") && open[2].ends_with("*.txt"));
    }
}
