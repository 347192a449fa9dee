//! `nianbao sum 文件夹... --organ 机关 -o 汇总报告`: the county's 汇总 report generated from the
//! reports that count (one per organ of the review's year, as the desk chooses them), tables
//! 二–四 summed, the text left for the reviewer; so a sum typed by hand becomes the exception.

use std::path::{Path, PathBuf};

use super::Failure;
use super::commands::{Out, name, refuse_existing, save_failed, write};
use crate::desk;

pub struct SumArgs<'a> {
    pub inputs: &'a [PathBuf],
    pub organ: &'a str,
    pub year: Option<i32>,
    pub aliases: Option<&'a Path>,
    pub out_path: &'a Path,
    pub force: bool,
}

pub fn sum(args: SumArgs, out: Out) -> Result<u8, Failure> {
    refuse_existing(args.out_path, args.force, Some(".nianbao 或 .json"))?;
    let request = desk::Request {
        inputs: args.inputs.to_vec(),
        aliases: args.aliases.map(Path::to_path_buf),
        year: args.year,
        ..desk::Request::default()
    };
    let progress = desk::Progress::default();
    let checked = desk::review(&request, None, &progress).map_err(|e| match e {
        desk::RequestError::NoReports => Failure::input("没有找到可汇总的报告文件"),
        e => Failure::input(e.to_string()),
    })?;
    let year = checked
        .year
        .ok_or_else(|| Failure::input("没有可读取的报告，无法确定汇总的年度"))?;
    let summed: Vec<&desk::Entry> = checked
        .counted()
        .into_iter()
        .map(|i| &checked.entries[i])
        .collect();
    let reports: Vec<&crate::model::Report> = summed
        .iter()
        .filter_map(|e| e.report.as_ref().ok())
        .collect();
    let (county, unsummed) = desk::summed(&reports, args.organ, year);
    crate::file::save_report(
        &county,
        args.out_path,
        super::commands::overwrite(args.force),
        None,
    )
    .map_err(|e| save_failed(args.out_path, e))?;
    let mut text = format!(
        "已生成汇总报告 {}：{year}年度{}份报告表二至表四之和（正文请另行填写）\n",
        name(args.out_path),
        reports.len()
    );
    for e in &summed {
        text.push_str(&format!(
            "  {}（{}）\n",
            name(&e.path),
            crate::file::escape::shown(e.organ())
        ));
    }
    if let Some(caveat) = checked.sum_caveat() {
        text.push_str(&format!("  注意：{caveat}\n"));
    }
    if !unsummed.is_empty() {
        // Never a silent blank: which cells the reviewer must fill, and why.
        let t = county.template;
        let named: Vec<String> = unsummed.iter().take(10).map(|c| t.cell_label(*c)).collect();
        text.push_str(&format!(
            "  注意：{}格未相加、留空（有报告在这些格填的不是数字，或其格式没有这些格）：{}{}\n",
            unsummed.len(),
            crate::file::escape::shown(&named.join("、")),
            if unsummed.len() > 10 { "等" } else { "" }
        ));
    }
    for problem in checked.problems.iter().chain(&checked.notes) {
        text.push_str(&format!(
            "  说明：{}\n",
            crate::file::escape::escaped_again(problem, 400)
        ));
    }
    write(out, &text).map(|_| 0)
}
