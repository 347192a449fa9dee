//! Which files a folder holds that the desk checks: every format nianbao opens, found by
//! extension, in a stable order. Bounded: folders nested deeper than [`MAX_DEPTH`] and files
//! beyond [`MAX_FILES`] are not walked (and said). A symlinked folder is followed once: every
//! folder is walked at most once by its real path, so links cannot loop. Every file passed
//! over is said: a report format nianbao does not read with what to do, other files counted
//! and named.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub const MAX_DEPTH: usize = 16;
pub const MAX_FILES: usize = 100_000;
/// Other files (pictures, spreadsheets…) named in the one line that counts them.
const NAMED_OTHERS: usize = 5;

/// Whether a folder's file is one the desk checks: our own files and everything the importer
/// reads (one list each: `file` and `import` own them).
pub fn is_report_file(path: &Path) -> bool {
    let ext = crate::file::extension(path);
    crate::file::Format::from_path(path).is_some()
        || crate::import::Source::from_extension(&ext).is_some()
}

/// What a walk found besides the files to check.
#[derive(Default)]
struct Walked {
    files: Vec<PathBuf>,
    problems: Vec<String>,
    /// Folders walked, by real path.
    seen: HashSet<PathBuf>,
    /// Files that are neither reports nor a known report format.
    others: Vec<PathBuf>,
}

/// What a walk found: the files to check, what went wrong (one Chinese line each: a folder
/// not read, a limit reached, a report in a format not read), and what was passed over that
/// is no report (said, not wrong).
#[derive(Debug, Default)]
pub struct Collected {
    pub files: Vec<PathBuf>,
    pub problems: Vec<String>,
    pub notes: Vec<String>,
}

/// The files to check: files named directly as given (whatever their extension), folders
/// walked for report files, each path once, sorted within each folder. `skip` holds files
/// named for other purposes (the parent report, the list of organs) that a walk passes over.
pub fn collect(inputs: &[PathBuf], skip: &[PathBuf]) -> Collected {
    let skip: Vec<PathBuf> = skip.iter().filter_map(|p| p.canonicalize().ok()).collect();
    let mut walked = Walked::default();
    for input in inputs {
        if input.is_dir() {
            walk(input, 0, &skip, &mut walked);
        } else {
            walked.files.push(input.clone());
        }
    }
    let Walked {
        mut files,
        problems,
        others,
        ..
    } = walked;
    let mut notes = Vec::new();
    if !others.is_empty() {
        let names: Vec<String> = others.iter().take(NAMED_OTHERS).map(|p| shown(p)).collect();
        let more = if others.len() > NAMED_OTHERS {
            "等"
        } else {
            ""
        };
        notes.push(format!(
            "另有{}个文件不是报告，未检查：{}{more}",
            others.len(),
            names.join("、")
        ));
    }
    let mut seen = HashSet::new();
    files.retain(|f| seen.insert(f.canonicalize().unwrap_or_else(|_| f.clone())));
    Collected {
        files,
        problems,
        notes,
    }
}

fn shown(path: &Path) -> String {
    crate::file::escape::shown(&path.display().to_string())
}

fn walk(dir: &Path, depth: usize, skip: &[PathBuf], walked: &mut Walked) {
    if depth > MAX_DEPTH {
        walked.problems.push(format!(
            "{}：文件夹层次超过{MAX_DEPTH}层，未再深入",
            shown(dir)
        ));
        return;
    }
    if !walked
        .seen
        .insert(dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf()))
    {
        return;
    }
    let mut entries: Vec<(PathBuf, std::fs::FileType)> = match std::fs::read_dir(dir) {
        Ok(list) => list
            .flatten()
            .filter_map(|e| e.file_type().ok().map(|t| (e.path(), t)))
            .collect(),
        Err(e) => {
            walked.problems.push(format!(
                "{}：无法读取文件夹（{}）",
                shown(dir),
                crate::say::io_kind(e.kind())
            ));
            return;
        }
    };
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in entries {
        if walked.files.len() >= MAX_FILES {
            walked
                .problems
                .push(format!("文件超过{MAX_FILES}个，其余未检查"));
            return;
        }
        let linked = kind.is_symlink();
        if kind.is_dir() || linked && path.is_dir() {
            walk(&path, depth + 1, skip, walked);
        } else if !(kind.is_file() || linked && path.is_file())
            || path.canonicalize().is_ok_and(|c| skip.contains(&c))
        {
            // Pipes, devices and dangling links are no one's report; named files are read apart.
        } else if is_lock_or_temp(&path) {
            walked.others.push(path);
        } else if is_report_file(&path) {
            walked.files.push(path);
        } else if let Some(why) = crate::import::unread_format(&crate::file::extension(&path)) {
            walked
                .problems
                .push(format!("{}：未检查。{why}", shown(&path)));
        } else {
            walked.others.push(path);
        }
    }
}

/// The files an editor keeps beside an open document (Word's and WPS's 「~$报告.docx」,
/// LibreOffice's 「.~lock.报告.docx#」) and our own save's temporary files: not reports.
fn is_lock_or_temp(path: &Path) -> bool {
    let Some(name) = path.file_name() else {
        return false;
    };
    let text = name.to_string_lossy();
    text.starts_with("~$") || text.starts_with(".~lock.") || crate::file::is_temp_name(name)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn every_file_passed_over_is_said_and_a_linked_folder_is_walked_once() {
        let root = std::env::temp_dir().join(format!("nianbao-walk-{}", std::process::id()));
        std::fs::remove_dir_all(&root).ok();
        let real = root.join("乡镇");
        std::fs::create_dir_all(&real).unwrap();
        for name in [
            "a.nianbao",
            "b.shtml",
            "c.docm",
            "d.doc",
            "e.wps",
            "f.png",
            "~$a.docx",
        ] {
            std::fs::write(real.join(name), "x").unwrap();
        }
        std::os::unix::fs::symlink(&real, root.join("link")).unwrap();
        std::os::unix::fs::symlink(&root, real.join("loop")).unwrap();

        let Collected {
            files,
            problems,
            notes,
        } = collect(std::slice::from_ref(&root), &[]);
        let names: Vec<String> = files
            .iter()
            .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            ["a.nianbao", "b.shtml", "c.docm"],
            "once each: {files:?}"
        );
        let said = problems.join("\n");
        assert!(said.contains("d.doc：未检查。Word 97–2003"), "{said}");
        assert!(said.contains("e.wps：未检查。WPS"), "{said}");
        assert_eq!(problems.len(), 2, "{said}");
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0].starts_with("另有2个文件不是报告，未检查：") && notes[0].contains("f.png")
        );
        std::fs::remove_dir_all(&root).unwrap();
    }
}
