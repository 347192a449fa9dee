//! `nianbao draft 文件 部分`: the text 「按表格生成」 drafts for a narrative (by its id, such as
//! `overview`, or its number, such as 一), one sentence a line, for county offices and scripts.

use std::path::Path;

use super::Failure;
use super::commands::{Out, load, write};
use crate::model::draft;

pub fn draft(path: &Path, section: &str, out: Out) -> Result<u8, Failure> {
    let report = load(path)?;
    let t = report.template;
    let wanted = section.trim();
    let n = t
        .narrative_index(wanted)
        .or_else(|| {
            t.narrative_ixs().find(|&n| {
                t.narrative_section(n)
                    .is_some_and(|s| s.number() == wanted || s.heading == wanted)
            })
        })
        .ok_or_else(|| {
            // The parts that have drafts.
            let mut ids: Vec<String> = t.def.drafts.iter().map(|d| d.narrative.clone()).collect();
            ids.dedup();
            Failure::input(format!(
                "没有“{}”这一部分；可用：{}",
                crate::file::escape::shown(wanted),
                ids.join("、")
            ))
        })?;
    let drafted = draft::drafts(&report, n).map_err(|e| Failure::input(e.to_string()))?;
    let text: String = drafted.iter().map(|d| format!("{}\n", d.text)).collect();
    write(out, &text).map(|_| 0)
}
