//! Which files a folder holds that the desk checks: every format nianbao opens, found by
//! extension, in a stable order. Bounded: folders nested deeper than [`MAX_DEPTH`] and files
//! beyond [`MAX_FILES`] are not walked (and said), symlinked folders are not followed (no loops).

use std::path::{Path, PathBuf};

/// The extensions the desk picks up in a folder: one list, so a new importer is one line.
pub const EXTENSIONS: &[&str] = &["nianbao", "json", "docx", "html", "htm", "pdf", "txt"];
pub const MAX_DEPTH: usize = 16;
pub const MAX_FILES: usize = 100_000;

/// Whether a folder's file is one the desk checks.
pub fn is_report_file(path: &Path) -> bool {
    let ext = crate::file::extension(path);
    EXTENSIONS.contains(&ext.as_str())
}

/// The files to check: files named directly as given (whatever their extension), folders
/// walked for report files, each path once, sorted within each folder. `skip` holds files
/// named for other purposes (the parent report, the list of organs) that a walk passes over.
/// Returns the files and what could not be walked (one Chinese line each).
pub fn collect(inputs: &[PathBuf], skip: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let skip: Vec<PathBuf> = skip.iter().filter_map(|p| p.canonicalize().ok()).collect();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for input in inputs {
        if input.is_dir() {
            walk(input, 0, &skip, &mut files, &mut problems);
        } else {
            files.push(input.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.canonicalize().unwrap_or_else(|_| f.clone())));
    (files, problems)
}

fn walk(
    dir: &Path,
    depth: usize,
    skip: &[PathBuf],
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<String>,
) {
    let shown = || crate::file::escape::shown(&dir.display().to_string());
    if depth > MAX_DEPTH {
        problems.push(format!(
            "{}：文件夹层次超过{MAX_DEPTH}层，未再深入",
            shown()
        ));
        return;
    }
    let mut entries: Vec<(PathBuf, std::fs::FileType)> = match std::fs::read_dir(dir) {
        Ok(list) => list
            .flatten()
            .filter_map(|e| e.file_type().ok().map(|t| (e.path(), t)))
            .collect(),
        Err(e) => {
            problems.push(format!("{}：无法读取文件夹（{e}）", shown()));
            return;
        }
    };
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in entries {
        if files.len() >= MAX_FILES {
            problems.push(format!("文件超过{MAX_FILES}个，其余未检查"));
            return;
        }
        if kind.is_dir() {
            walk(&path, depth + 1, skip, files, problems);
        } else if (kind.is_file() || kind.is_symlink() && path.is_file())
            && is_report_file(&path)
            && !path.canonicalize().is_ok_and(|c| skip.contains(&c))
        {
            files.push(path);
        }
    }
}
