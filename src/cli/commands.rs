//! Running a parsed [`Command`]. Output goes to the given writers so tests can read it.
//! Whatever comes from a file (cell texts, messages, names) is escaped and cut before it is
//! printed, so file content cannot forge lines or reach the terminal as control codes.

use std::io::Write;
use std::path::Path;

use super::{Command, Failure, HELP};
use crate::file::escape::shown;
use crate::file::{self, Format, Overwrite};
use crate::layout::FontSet;
use crate::layout::installed::{self, Discovery};
use crate::model::{self, Report};

pub(super) type Out<'a> = &'a mut dyn Write;

pub fn run(command: Command, out: Out, err: Out) -> Result<u8, Failure> {
    match command {
        Command::Help => write(out, HELP).map(|_| 0),
        Command::Open(file) => open_window(file),
        Command::Version => {
            write(out, &format!("nianbao {}\n", env!("CARGO_PKG_VERSION"))).map(|_| 0)
        }
        Command::Check {
            files,
            prev,
            json,
            desk,
        } => super::check::check(&files, prev.as_deref(), json, &desk, out, err),
        Command::Cells { file } => cells(&file, out),
        Command::Answer(args) => super::answer::answer(&args, out),
        Command::Draft { file, section } => super::draft::draft(&file, &section, out),
        Command::Compare {
            this,
            last,
            out: path,
            force,
        } => super::compare::compare(&this, &last, &path, force, out),
        Command::Sum {
            inputs,
            organ,
            year,
            aliases,
            out: path,
            force,
        } => super::sum::sum(
            super::sum::SumArgs {
                inputs: &inputs,
                organ: &organ,
                year,
                aliases: aliases.as_deref(),
                out_path: &path,
                force,
            },
            out,
        ),
        Command::InstallDesktop { remove, force } => super::desktop::run(out, remove, force),
        Command::New {
            year,
            organ,
            from,
            out: path,
            force,
        } => new(year, &organ, from.as_deref(), &path, force, out, err),
        Command::Convert {
            input,
            out: path,
            force,
            verbose,
        } => convert(&input, &path, force, verbose, out),
    }
}

#[cfg(feature = "window")]
fn open_window(file: Option<std::path::PathBuf>) -> Result<u8, Failure> {
    #[cfg(windows)]
    super::windows::detach_own_console();
    #[cfg(target_os = "linux")]
    if ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .all(|v| std::env::var_os(v).is_none_or(|d| d.is_empty()))
    {
        return Err(Failure::input(
            "没有图形桌面（DISPLAY 和 WAYLAND_DISPLAY 都未设置），无法打开窗口；\
             检查和转换报告可以在命令行中使用（运行 nianbao help 查看用法）",
        ));
    }
    crate::app::run(file).map(|()| 0).map_err(|e| {
        // Most often the graphics: no OpenGL 2 through remote desktop or an old driver.
        let text = format!(
            "无法打开窗口：{}\n\n这台电脑的显卡驱动可能不支持 OpenGL 2.0（远程桌面、云桌面和较旧的集成显卡常见）。\
             请更新显卡驱动，或在本机而非远程桌面中运行；检查和转换报告仍可在命令行中使用（nianbao help）。",
            without_source_paths(&e.to_string())
        );
        #[cfg(windows)]
        super::windows::message_box("nianbao 年报", &text);
        Failure::input(text)
    })
}

/// A library's error without the source locations some put in it (「…/winit-0.30/src/…rs:12」):
/// they mean nothing to a clerk and name the machine the program was built on.
#[cfg(feature = "window")]
fn without_source_paths(text: &str) -> String {
    text.split(' ')
        .filter(|word| !word.contains(".rs:"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(not(feature = "window"))]
fn open_window(_: Option<std::path::PathBuf>) -> Result<u8, Failure> {
    Err(Failure::input(
        "此版本不含窗口界面，请使用 check、cells、new、convert 命令",
    ))
}

pub(super) fn write(out: Out, text: &str) -> Result<(), Failure> {
    out.write_all(text.as_bytes())
        .map_err(|e| Failure::new(2, format!("无法输出：{e}")))
}

/// A path as printed: lossy for names that are not UTF-8, escaped.
pub(super) fn name(path: &Path) -> String {
    shown(&path.display().to_string())
}

pub(super) fn load(path: &Path) -> Result<Report, Failure> {
    file::load(path).map_err(|e| Failure::input(format!("{}：{e}", name(path))))
}

/// `id<TAB>value`, one line per cell: a value with a newline or tab is escaped, never split.
fn cells(path: &Path, out: Out) -> Result<u8, Failure> {
    let report = load(path)?;
    let mut text = String::new();
    let t = report.template;
    for i in t.cell_ixs() {
        text.push_str(&format!(
            "{}\t{}\n",
            shown(&t.cell(i).id),
            shown(&report.text(i))
        ));
    }
    write(out, &text).map(|_| 0)
}

pub(super) fn overwrite(force: bool) -> Overwrite {
    if force {
        Overwrite::Replace
    } else {
        Overwrite::Never
    }
}

/// Refuses before any work: an existing output (also a dangling link) without `--force`,
/// or an output type we cannot write (`published`: .pdf, .html or .docx). The write checks again.
/// Refuses an output before anything is read: a folder, pipe or device, a kind it cannot be
/// (`kinds` says which it can, e.g. 「.nianbao 或 .json」; `None` when the caller has checked
/// the kind), or an existing file without `--force`.
pub(super) fn refuse_existing(
    path: &Path,
    force: bool,
    kinds: Option<&str>,
) -> Result<(), Failure> {
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
    {
        let shown_path = path.display().to_string();
        return Err(Failure::input(
            if meta.is_dir() {
                file::SaveError::IsDir(shown_path)
            } else {
                file::SaveError::NotAFile(shown_path)
            }
            .to_string(),
        ));
    }
    if let Some(kinds) = kinds
        && Format::from_path(path).is_none()
    {
        let ext = file::extension(path);
        return Err(Failure::input(if ext.is_empty() {
            format!("输出文件名 {} 没有扩展名（可以是 {kinds}）", name(path))
        } else {
            format!("无法识别的输出文件类型“.{}”（可以是 {kinds}）", shown(&ext))
        }));
    }
    if file::occupied(path) && !force {
        return Err(Failure::input(
            file::SaveError::Exists(path.display().to_string()).to_string(),
        ));
    }
    Ok(())
}

/// A refused or failed write; messages that do not name the file get its name first.
pub(super) fn save_failed(path: &Path, e: file::SaveError) -> Failure {
    use file::SaveError as E;
    match e {
        E::Io(_) | E::TooLarge { .. } => Failure::new(2, format!("{}：{e}", name(path))),
        e => Failure::new(2, e.to_string()),
    }
}

fn save(report: &Report, path: &Path, force: bool) -> Result<(), Failure> {
    file::save_report(report, path, overwrite(force), None)
        .map(|_| ())
        .map_err(|e| save_failed(path, e))
}

fn new(
    year: i32,
    organ: &str,
    from: Option<&Path>,
    path: &Path,
    force: bool,
    out: Out,
    err: Out,
) -> Result<u8, Failure> {
    refuse_existing(path, force, Some(".nianbao 或 .json"))?;
    let report = match from {
        Some(prev_path) => {
            let prev = load(prev_path)?;
            if prev.meta.year != year - 1 {
                write(
                    err,
                    &format!(
                        "注意：{} 是 {} 年度的报告，不是上一年（{}）\n",
                        name(prev_path),
                        prev.meta.year,
                        year - 1
                    ),
                )?;
            }
            let mut report = model::carry_over(year, organ, &prev);
            // The link to last year's report, as the window saves it: relative to the new file.
            let folder = std::path::absolute(path).ok();
            let folder = folder.as_deref().and_then(Path::parent);
            report.prev_file = Some(crate::editor::link_text(prev_path, folder));
            report
        }
        None => Report::new(year, organ),
    };
    save(&report, path, force)?;
    let t = &report.template.def;
    write(
        out,
        &format!(
            "已新建 {}：{organ}{year}年度报告（{}，{}）\n",
            name(path),
            t.name,
            t.notice
        ),
    )
    .map(|_| 0)
}

fn convert(input: &Path, path: &Path, force: bool, verbose: bool, out: Out) -> Result<u8, Failure> {
    let ext = file::extension(path);
    let pdf = ext == "pdf";
    let published = crate::export::Format::from_extension(&ext);
    let kinds = ".nianbao、.json，或发布用的 .pdf、.html、.docx";
    refuse_existing(path, force, (!pdf && published.is_none()).then_some(kinds))?;
    if file::is_import(input) && same_file(input, path) {
        return Err(Failure::input(
            "不能覆盖原文件，请给导入的报告另起一个文件名",
        ));
    }
    let opened = file::open(input).map_err(|e| Failure::input(format!("{}：{e}", name(input))))?;
    let mut laid = Vec::new();
    let mut fonts_said = Vec::new();
    let bytes = match published {
        _ if pdf => {
            let found = installed_fonts();
            let fonts = found.as_ref().map_or(FontSet::BUNDLED, |d| d.set);
            let (bytes, warnings) =
                crate::pdf::export_warned(&opened.report, fonts, crate::pdf::PdfDate::today())
                    .map_err(|e| Failure::new(2, e.to_string()))?;
            laid = warnings;
            fonts_said = found.map(|d| d.roles).unwrap_or_default();
            Some(bytes)
        }
        Some(format) => Some(
            format
                .write(&opened.report)
                .map_err(|e| Failure::new(2, e.to_string()))?,
        ),
        None => None,
    };
    match bytes {
        Some(bytes) => file::write_file(path, &bytes, overwrite(force), None)
            .map(|_| ())
            .map_err(|e| save_failed(path, e))?,
        None => save(&opened.report, path, force)?,
    }
    let mut text = format!("已转换 {} → {}\n", name(input), name(path));
    for role in &fonts_said {
        text.push_str(&format!("  字体：{}\n", shown(&role.describe())));
    }
    for warning in &laid {
        text.push_str(&format!("  注意：{}\n", shown(&warning.message())));
    }
    if let Some(import) = &opened.import {
        if verbose {
            for line in import.lines(&opened.report) {
                text.push_str(&format!("  {}\n", shown(&line)));
            }
        } else {
            text.push_str(&format!(
                "  {}（加 --verbose 查看详情）\n",
                shown(&import.summary(&opened.report.review))
            ));
        }
    }
    write(out, &text).map(|_| 0)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The installed fonts the PDF uses, when asked for: `NIANBAO_FONT_DIR` (a folder of fonts),
/// else `NIANBAO_SYSTEM_FONTS=1` (the computer's fonts); by default the bundled fonts only.
fn installed_fonts() -> Option<Discovery> {
    if let Some(dir) = std::env::var_os("NIANBAO_FONT_DIR").filter(|d| !d.is_empty()) {
        return Some(installed::discover_in(
            Path::new(&dir),
            crate::pdf::embeddable,
        ));
    }
    let on = std::env::var("NIANBAO_SYSTEM_FONTS").is_ok_and(|v| v.trim() == "1");
    on.then(|| installed::discover_system(crate::pdf::embeddable))
}
