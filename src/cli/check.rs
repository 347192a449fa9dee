//! `nianbao check`: every rule of every file, one line per finding (or JSON); a file that
//! cannot be read is said on stderr (and, with `--json`, kept as an entry with the reason).

use std::path::Path;

use serde::Serialize;

use super::Failure;
use super::commands::{Out, load, name, write};
use crate::check::{self, Rendered, Severity};
use crate::file;
use crate::file::escape::{escaped, escaped_again, shown};

/// One entry of `check --json`: a finding of a file, or why the file could not be read.
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
}

pub(super) fn check(
    files: &[std::path::PathBuf],
    prev: Option<&Path>,
    json: bool,
    out: Out,
    err: Out,
) -> Result<u8, Failure> {
    let prev = prev.map(load).transpose()?;
    let mut unreadable = false;
    let mut any_error = false;
    let mut all: Vec<(String, Result<Rendered, String>)> = Vec::new();
    for path in files {
        let report = match file::load(path) {
            Ok(r) => r,
            Err(e) => {
                unreadable = true;
                write(
                    err,
                    &format!(
                        "错误：{}：{}\n",
                        name(path),
                        escaped_again(&e.to_string(), 400)
                    ),
                )?;
                all.push((path.display().to_string(), Err(e.to_string())));
                continue;
            }
        };
        let found = check::check(&report, prev.as_ref());
        let (errors, warnings) = check::tally(&found);
        let findings: Vec<Rendered> = found.iter().map(|f| f.render(report.template)).collect();
        any_error |= errors > 0;
        if !json {
            if files.len() > 1 {
                write(out, &format!("# {}\n", name(path)))?;
            }
            for f in &findings {
                write(out, &format!("{}\n", finding_line(f)))?;
            }
        }
        write(
            err,
            &format!("{}：{errors} 个错误，{warnings} 个警告\n", name(path)),
        )?;
        all.extend(
            findings
                .into_iter()
                .map(|f| (path.display().to_string(), Ok(f))),
        );
    }
    if json {
        let items: Vec<JsonEntry> = all
            .iter()
            .map(|(file, entry)| match entry {
                Ok(finding) => JsonEntry::Finding {
                    file: file.clone(),
                    finding,
                },
                Err(error) => JsonEntry::Unreadable {
                    file: file.clone(),
                    error: error.clone(),
                },
            })
            .collect();
        let text =
            serde_json::to_string_pretty(&items).map_err(|e| Failure::new(2, e.to_string()))?;
        write(out, &format!("{text}\n"))?;
    }
    Ok(if unreadable { 2 } else { u8::from(any_error) })
}

/// `error T3-A t3.new.natural,… message`, one line whatever the report holds.
pub fn finding_line(f: &Rendered) -> String {
    let cells = if f.cells.is_empty() {
        "-".to_string()
    } else {
        // Template ids, never cut (a sum lists many cells); escaped all the same.
        escaped(&f.cells.join(","), usize::MAX)
    };
    let severity = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    format!(
        "{severity} {} {cells} {}",
        f.rule.as_str(),
        shown(&f.message)
    )
}
