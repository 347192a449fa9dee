//! `nianbao answer 文件 --rule 规则 [--cell 单元格] --reason 原因 [--prev 上年报告]`: a warning
//! answered with a reason (「已核实，说明原因」), saved into the report in place (its own file,
//! not replaced if it changed meanwhile). Errors are refused: a balancing equation is
//! arithmetic, not an opinion. So is a rule that found nothing there, and a published file.

use std::path::PathBuf;

use super::Failure;
use super::commands::{Out, load, name, save_failed, write};
use crate::check::{self, RuleId};
use crate::file::{self, Format, Overwrite};
use crate::model::CivilDate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerArgs {
    pub file: PathBuf,
    pub rule: String,
    pub cell: Option<String>,
    pub reason: String,
    pub prev: Option<PathBuf>,
}

pub fn answer(args: &AnswerArgs, out: Out) -> Result<u8, Failure> {
    if Format::from_path(&args.file).is_none() {
        return Err(Failure::input(format!(
            "{}：只能在本程序的 .nianbao 或 .json 文件中说明；请先用 nianbao convert 转换",
            name(&args.file)
        )));
    }
    let rule = RuleId::from_id(args.rule.trim())
        .ok_or_else(|| Failure::input(format!("未知的规则“{}”", shown(&args.rule))))?;
    if rule.severity() == check::Severity::Error {
        return Err(Failure::input(format!(
            "{} 是错误，不能用说明代替：勾稽关系等错误是算术，必须改正数字",
            rule.as_str()
        )));
    }
    let reason = args.reason.trim();
    if reason.is_empty() || reason.chars().any(|c| c.is_control() && c != '\n') {
        return Err(Failure::input("说明原因不能为空，也不能含有控制字符"));
    }
    let (_, stamp) = file::read_stamped(&args.file)
        .map_err(|e| Failure::input(format!("{}：{e}", name(&args.file))))?;
    let mut report = load(&args.file)?;
    let prev = args.prev.as_deref().map(load).transpose()?;
    let t = report.template;
    let cell = match &args.cell {
        Some(id) => Some(
            t.cell_index(id.trim())
                .ok_or_else(|| Failure::input(format!("本模板没有单元格“{}”", shown(id))))?,
        ),
        None => None,
    };
    let found: Vec<check::Finding> = check::check(&report, prev.as_ref())
        .into_iter()
        .filter(|f| f.rule == rule && check::unanswerable(f).is_none())
        .filter(|f| cell.is_none_or(|c| f.cells().any(|d| d == c)))
        .collect();
    if found.is_empty() {
        let at = args
            .cell
            .as_deref()
            .map_or(String::new(), |c| format!("在“{}”", shown(c)));
        let hint = if prev.is_none() {
            "（与上年比对的提示需要 --prev 上年报告）"
        } else {
            ""
        };
        return Err(Failure::input(format!(
            "{}{at}没有“{}”的提示可以说明{hint}",
            name(&args.file),
            t.rule_name(rule)
        )));
    }
    let today = CivilDate::today();
    let date = format!("{:04}-{:02}-{:02}", today.year, today.month, today.day);
    for f in &found {
        report.answer(rule, &f.places, reason, &date);
    }
    file::save_report(&report, &args.file, Overwrite::Replace, Some(&stamp))
        .map_err(|e| save_failed(&args.file, e))?;
    write(
        out,
        &format!(
            "已说明 {} 条“{}”的提示：{}（{}）\n",
            found.len(),
            t.rule_name(rule),
            shown(reason),
            name(&args.file)
        ),
    )
    .map(|_| 0)
}

fn shown(text: &str) -> String {
    crate::file::escape::shown(text)
}
