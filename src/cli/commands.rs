//! Running a parsed [`Command`]. Output goes to the given writers so tests can read it.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::{Command, Failure, HELP};
use crate::check::{self, Finding, Severity};
use crate::file::{self, Format};
use crate::model::{self, Report};

type Out<'a> = &'a mut dyn Write;

pub fn run(command: Command, out: Out, err: Out) -> Result<u8, Failure> {
    match command {
        Command::Help => write(out, HELP).map(|_| 0),
        Command::Open(file) => open_window(file),
        Command::Version => {
            write(out, &format!("nianbao {}\n", env!("CARGO_PKG_VERSION"))).map(|_| 0)
        }
        Command::Check { files, prev, json } => check(&files, prev.as_deref(), json, out, err),
        Command::Cells { file } => cells(&file, out),
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
    crate::app::run(file)
        .map(|()| 0)
        .map_err(|e| Failure::input(format!("无法打开窗口：{e}")))
}

#[cfg(not(feature = "window"))]
fn open_window(_: Option<std::path::PathBuf>) -> Result<u8, Failure> {
    Err(Failure::input(
        "此版本不含窗口界面，请使用 check、cells、new、convert 命令",
    ))
}

fn write(out: Out, text: &str) -> Result<(), Failure> {
    out.write_all(text.as_bytes())
        .map_err(|e| Failure::new(2, format!("无法输出：{e}")))
}

fn load(path: &Path) -> Result<Report, Failure> {
    file::load(path).map_err(|e| Failure::input(format!("{}：{e}", path.display())))
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    file: String,
    #[serde(flatten)]
    finding: &'a Finding,
}

fn check(
    files: &[std::path::PathBuf],
    prev: Option<&Path>,
    json: bool,
    out: Out,
    err: Out,
) -> Result<u8, Failure> {
    let prev = prev.map(load).transpose()?;
    let mut unreadable = false;
    let mut any_error = false;
    let mut all = Vec::new();
    for path in files {
        let report = match file::load(path) {
            Ok(r) => r,
            Err(e) => {
                unreadable = true;
                write(err, &format!("错误：{}：{e}\n", path.display()))?;
                continue;
            }
        };
        let findings = check::check(&report, prev.as_ref());
        let (errors, warnings) = check::tally(&findings);
        any_error |= errors > 0;
        if !json {
            if files.len() > 1 {
                write(out, &format!("# {}\n", path.display()))?;
            }
            for f in &findings {
                write(out, &format!("{}\n", finding_line(f)))?;
            }
        }
        write(
            err,
            &format!("{}：{errors} 个错误，{warnings} 个警告\n", path.display()),
        )?;
        all.extend(
            findings
                .into_iter()
                .map(|f| (path.display().to_string(), f)),
        );
    }
    if json {
        let items: Vec<JsonFinding> = all
            .iter()
            .map(|(file, finding)| JsonFinding {
                file: file.clone(),
                finding,
            })
            .collect();
        let text =
            serde_json::to_string_pretty(&items).map_err(|e| Failure::new(2, e.to_string()))?;
        write(out, &format!("{text}\n"))?;
    }
    Ok(if unreadable { 2 } else { u8::from(any_error) })
}

/// `error T3-A t3.new.natural,… message`
pub fn finding_line(f: &Finding) -> String {
    let cells = if f.cells.is_empty() {
        "-".to_string()
    } else {
        f.cells.join(",")
    };
    let severity = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    format!("{severity} {} {cells} {}", f.rule.as_str(), f.message)
}

fn cells(path: &Path, out: Out) -> Result<u8, Failure> {
    let report = load(path)?;
    let mut text = String::new();
    for (i, cell) in report.template.cells.iter().enumerate() {
        text.push_str(&format!("{}\t{}\n", cell.id, report.text(i)));
    }
    write(out, &text).map(|_| 0)
}

fn refuse_existing(path: &Path, force: bool) -> Result<(), Failure> {
    if path.exists() && !force {
        return Err(Failure::input(
            file::SaveError::Exists(path.display().to_string()).to_string(),
        ));
    }
    if Format::from_path(path).is_none() {
        return Err(Failure::input(
            file::SaveError::UnknownFormat(format!(".{}", file::extension(path))).to_string(),
        ));
    }
    Ok(())
}

fn save(report: &Report, path: &Path) -> Result<(), Failure> {
    file::save(report, path).map_err(|e| Failure::new(2, format!("{}：{e}", path.display())))
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
    refuse_existing(path, force)?;
    let report = match from {
        Some(prev_path) => {
            let prev = load(prev_path)?;
            if prev.meta.year != year - 1 {
                write(
                    err,
                    &format!(
                        "注意：{} 是 {} 年度的报告，不是上一年（{}）\n",
                        prev_path.display(),
                        prev.meta.year,
                        year - 1
                    ),
                )?;
            }
            model::carry_over(year, organ, &prev)
        }
        None => Report::new(year, organ),
    };
    save(&report, path)?;
    let t = &report.template.def;
    write(
        out,
        &format!(
            "已新建 {}：{organ}{year}年度报告（{}，{}）\n",
            path.display(),
            t.name,
            t.notice
        ),
    )
    .map(|_| 0)
}

fn convert(input: &Path, path: &Path, force: bool, verbose: bool, out: Out) -> Result<u8, Failure> {
    let pdf = file::extension(path) == "pdf";
    if pdf {
        if path.exists() && !force {
            return Err(Failure::input(
                file::SaveError::Exists(path.display().to_string()).to_string(),
            ));
        }
    } else {
        refuse_existing(path, force)?;
    }
    if file::is_import(input) && same_file(input, path) {
        return Err(Failure::input(
            "不能覆盖原文件，请给导入的报告另起一个文件名",
        ));
    }
    let opened =
        file::open(input).map_err(|e| Failure::input(format!("{}：{e}", input.display())))?;
    if pdf {
        let bytes = crate::pdf::export(&opened.report, crate::pdf::PdfDate::today())
            .map_err(|e| Failure::new(2, e.to_string()))?;
        file::write_atomic(path, &bytes)
            .map_err(|e| Failure::new(2, format!("{}：{e}", path.display())))?;
    } else {
        save(&opened.report, path)?;
    }
    let mut text = format!("已转换 {} → {}\n", input.display(), path.display());
    if let Some(import) = &opened.import {
        if verbose {
            for line in import.lines(&opened.report) {
                text.push_str(&format!("  {line}\n"));
            }
        } else {
            text.push_str(&format!(
                "  {}（加 --verbose 查看详情）\n",
                import.summary(&opened.report.review)
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
