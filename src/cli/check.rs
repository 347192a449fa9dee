//! `nianbao check`: every rule of every file, one line per finding (or JSON); a file that
//! cannot be read is said on stderr (and, with `--json`, kept as an entry with the reason).
//! Folders are walked and checked in parallel as the reviewer's desk (`crate::desk`): each
//! report is checked with the same organ's report of the year before when both are given.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Failure;
use super::commands::{Out, load, name, write};
use crate::check::{Rendered, RuleId, Severity};
use crate::desk::{self, Desk};
use crate::file::escape::{escaped, escaped_again, shown};

/// The desk's options of `check`: the review as asked (`--expect`, `--parent`, `--year`,
/// `--alias`; its inputs and skipped files are filled in by `check`), and what to write:
/// `--summary`, `--compare`, `--force`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeskOptions {
    pub review: desk::Request,
    pub summary: Option<PathBuf>,
    /// A folder for 与上年比对 of each report paired with last year's (`--compare`).
    pub compare: Option<PathBuf>,
    /// Replace an existing summary file.
    pub force: bool,
}

/// One entry of `check --json`: a finding of a file, why the file could not be read, or an
/// expected organ with no report.
#[derive(Serialize)]
#[serde(untagged)]
enum JsonEntry<'a> {
    Finding {
        file: String,
        #[serde(flatten)]
        finding: &'a Rendered,
    },
    Unreadable {
        file: String,
        error: String,
    },
    Missing {
        missing: String,
    },
}

pub(super) fn check(
    inputs: &[PathBuf],
    prev: Option<&Path>,
    json: bool,
    options: &DeskOptions,
    out: Out,
    err: Out,
) -> Result<u8, Failure> {
    let summary_kind = options.summary.as_deref().map(summary_kind).transpose()?;
    if let Some(path) = &options.summary {
        super::commands::refuse_existing(path, options.force, None)?;
    }
    if let Some(folder) = &options.compare {
        // Pages inside a folder checked would be read as reports the next time.
        let real = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        if inputs
            .iter()
            .any(|i| i.is_dir() && real(folder).starts_with(real(i)))
        {
            return Err(Failure::input(format!(
                "比对文件夹 {} 在被检查的文件夹中，下次检查会把比对当作报告读入；请放在文件夹之外",
                name(folder)
            )));
        }
    }
    let prev = match prev {
        Some(path) => Some(load(path)?),
        None => linked_prev(inputs, err)?,
    };
    let request = desk::Request {
        inputs: inputs.to_vec(),
        skip: options.summary.iter().cloned().collect(),
        ..options.review.clone()
    };
    let progress = desk::Progress::default();
    let desk = desk::review(&request, prev.as_ref(), &progress)
        .map_err(|e| Failure::input(e.to_string()))?;
    print(&desk, json, out, err)?;
    if let (Some(path), Some(kind)) = (&options.summary, summary_kind) {
        write_summary(&desk, path, kind, options.force, err)?;
    }
    if let Some(folder) = &options.compare {
        write_comparisons(&desk, folder, options.force, err)?;
    }
    let (errors, unreadable) = desk.outcome();
    Ok(if unreadable || !desk.problems.is_empty() {
        2
    } else {
        u8::from(errors || !desk.missing.is_empty())
    })
}

/// For one report checked alone, last year's report as the file links it (as the window
/// follows the link), so the cross-year rules and the answers to them are what the clerk saw;
/// said when there is none or it cannot be read.
fn linked_prev(inputs: &[PathBuf], err: Out) -> Result<Option<crate::model::Report>, Failure> {
    let [file] = inputs else {
        return Ok(None);
    };
    if !file.is_file() {
        return Ok(None);
    }
    let Ok(report) = crate::file::load(file) else {
        // Said once, by the check itself.
        return Ok(None);
    };
    let Some(link) = &report.prev_file else {
        write(
            err,
            "说明：未与上年报告比对（跨年度的规则需要上年报告：加 --prev 上年报告，或在窗口中关联）\n",
        )?;
        return Ok(None);
    };
    let path = crate::editor::resolve(link, file.parent());
    match crate::file::load(&path) {
        Ok(prev) => {
            write(
                err,
                &format!("说明：与报告关联的上年报告 {} 比对\n", name(&path)),
            )?;
            Ok(Some(prev))
        }
        Err(e) => {
            write(
                err,
                &format!(
                    "说明：报告关联的上年报告 {} 无法读取（{e}），跨年度的规则未检查\n",
                    name(&path)
                ),
            )?;
            Ok(None)
        }
    }
}

/// 与上年比对 for each report of the review paired with last year's, one page each in
/// `folder` (made if missing), named after the report's file; existing pages are not
/// replaced unless `--force`.
fn write_comparisons(desk: &Desk, folder: &Path, force: bool, err: Out) -> Result<(), Failure> {
    std::fs::create_dir_all(folder).map_err(|e| {
        Failure::input(format!(
            "{}：{}",
            name(folder),
            crate::file::io_reason(&e, "创建")
        ))
    })?;
    let mut written = 0;
    for e in desk.entries.iter().filter(|e| e.in_review(desk.year)) {
        let (Ok(report), Some(p)) = (&e.report, e.prev) else {
            continue;
        };
        let Ok(last) = &desk.entries[p].report else {
            continue;
        };
        let stem = e
            .path
            .file_stem()
            .map_or("报告".into(), |s| s.to_string_lossy().into_owned());
        let path = folder.join(format!("{stem}与上年比对.html"));
        let page = crate::export::compare::html(&crate::export::compare::compare(report, last));
        crate::file::write_file(
            &path,
            page.as_bytes(),
            super::commands::overwrite(force),
            None,
        )
        .map_err(|e| super::commands::save_failed(&path, e))?;
        written += 1;
    }
    write(
        err,
        &format!("与上年比对已写入 {}：{written} 份\n", name(folder)),
    )
}

#[derive(Clone, Copy)]
enum SummaryKind {
    Xlsx,
    Csv,
}

fn summary_kind(path: &Path) -> Result<SummaryKind, Failure> {
    match crate::file::extension(path).as_str() {
        "xlsx" => Ok(SummaryKind::Xlsx),
        "csv" => Ok(SummaryKind::Csv),
        "" => Err(Failure::input(format!(
            "汇总表的文件名 {} 需要以 .xlsx 或 .csv 结尾",
            shown(&path.display().to_string())
        ))),
        other => Err(Failure::input(format!(
            "汇总表只能是 .xlsx 或 .csv，不能是“.{}”",
            shown(other)
        ))),
    }
}

fn write_summary(
    desk: &Desk,
    path: &Path,
    kind: SummaryKind,
    force: bool,
    err: Out,
) -> Result<(), Failure> {
    let bytes = match kind {
        SummaryKind::Csv => desk::csv(desk).into_bytes(),
        SummaryKind::Xlsx => desk::xlsx(desk, &desk::Only::ALL)
            .map_err(|e| Failure::new(2, format!("无法生成汇总表：{e}")))?,
    };
    crate::file::write_file(path, &bytes, super::commands::overwrite(force), None)
        .map_err(|e| super::commands::save_failed(path, e))?;
    write(err, &format!("汇总表已写入 {}\n", name(path)))
}

/// Findings on stdout (lines or JSON), per-file tallies with the verdict, unreadable files and
/// a count of the verdicts on stderr. Of many files, a report's import doubts are one line
/// with their count (a folder of PDFs has hundreds, which would bury the findings; `--json`
/// and the summary's 导入待核对 sheet list them).
fn print(desk: &Desk, json: bool, out: Out, err: Out) -> Result<(), Failure> {
    let many = desk.entries.len() > 1;
    let rows = desk::rows(desk);
    let mut items: Vec<JsonEntry> = Vec::new();
    for problem in &desk.problems {
        write(err, &format!("错误：{}\n", escaped_again(problem, 400)))?;
    }
    for note in &desk.notes {
        write(err, &format!("说明：{}\n", escaped_again(note, 400)))?;
    }
    for (e, row) in desk.entries.iter().zip(&rows) {
        let file = e.path.display().to_string();
        let shown_name = match e.is_parent {
            true => format!("{}（汇总）", name(&e.path)),
            false => name(&e.path),
        };
        if let Err(error) = &e.report {
            write(
                err,
                &format!("错误：{shown_name}：{}\n", escaped_again(error, 400)),
            )?;
            items.push(JsonEntry::Unreadable {
                file,
                error: error.clone(),
            });
            continue;
        }
        if !json {
            if many {
                write(out, &format!("# {shown_name}\n"))?;
            }
            let doubt = |f: &&Rendered| many && f.rule == RuleId::IMPREVIEW;
            for f in e.findings.iter().filter(|f| !doubt(f)) {
                write(out, &format!("{}\n", finding_line(f)))?;
            }
            let doubts = e.findings.iter().filter(doubt).count();
            if doubts > 0 {
                write(
                    out,
                    &format!(
                        "warning IMP-REVIEW - 导入待核对{doubts}处（逐处列出：--json 或汇总表的“导入待核对”表）\n"
                    ),
                )?;
            }
        }
        let (errors, warnings) = (e.count(Severity::Error), e.count(Severity::Warning));
        let verdict = match row.reasons.as_str() {
            "" => row.verdict.to_string(),
            why => format!("{}：{}", row.verdict, shown(why)),
        };
        let answered = match e.answered() {
            0 => String::new(),
            n => format!("，另有 {n} 个警告已说明原因"),
        };
        write(
            err,
            &format!("{shown_name}：{errors} 个错误，{warnings} 个警告{answered}（{verdict}）\n"),
        )?;
        items.extend(e.findings.iter().map(|finding| JsonEntry::Finding {
            file: file.clone(),
            finding,
        }));
    }
    for organ in &desk.missing {
        write(err, &format!("未报送：{}\n", shown(organ)))?;
        items.push(JsonEntry::Missing {
            missing: organ.clone(),
        });
    }
    if many {
        write(
            err,
            &format!("{}\n", desk::verdict_counts(&rows, desk.missing.len())),
        )?;
    }
    if json {
        let text =
            serde_json::to_string_pretty(&items).map_err(|e| Failure::new(2, e.to_string()))?;
        write(out, &format!("{text}\n"))?;
    }
    Ok(())
}

/// `error T3-A t3.new.natural,… message`, one line whatever the report holds.
pub fn finding_line(f: &Rendered) -> String {
    let cells = if f.cells.is_empty() {
        "-".to_string()
    } else {
        // Template ids, never cut (a sum lists many cells); escaped all the same.
        escaped(&f.cells.join(","), usize::MAX)
    };
    let severity = match (f.severity, &f.answered) {
        (Severity::Error, _) => "error",
        (Severity::Warning, None) => "warning",
        // Apart from the open ones: a reviewer reads the clerk's reason beside the finding.
        (Severity::Warning, Some(_)) => "answered",
    };
    let answered = f.answered.as_ref().map_or(String::new(), |a| {
        let reason = a.reason.trim_end_matches(['。', '.']);
        format!("（已说明：{}；{}）", shown(reason), shown(&a.date))
    });
    format!(
        "{severity} {} {cells} {}{answered}",
        f.rule.as_str(),
        shown(&f.message)
    )
}
