//! `nianbao compare 本年报告 上年报告 -o 比对.html|比对.xlsx [--force]`: 与上年比对, every figure
//! this year and last with the change, the cross-year findings at their cells, and each
//! section's share of last year's sentences; as a web page or a workbook.

use std::path::Path;

use super::Failure;
use super::commands::{Out, load, name, overwrite, refuse_existing, save_failed, write};

pub fn compare(
    this: &Path,
    last: &Path,
    out_path: &Path,
    force: bool,
    out: Out,
) -> Result<u8, Failure> {
    let ext = crate::file::extension(out_path);
    if !matches!(ext.as_str(), "html" | "htm" | "xlsx") {
        return Err(Failure::input(format!(
            "比对结果只能写成 .html 或 .xlsx，不能是“{}”",
            crate::file::escape::shown(&name(out_path))
        )));
    }
    refuse_existing(out_path, force, None)?;
    let (this, last) = (load(this)?, load(last)?);
    let c = crate::export::compare::compare(&this, &last);
    let bytes = if ext == "xlsx" {
        crate::desk::compare_xlsx(&c)
            .map_err(|e| Failure::new(2, format!("无法生成比对表：{e}")))?
    } else {
        crate::export::compare::html(&c).into_bytes()
    };
    crate::file::write_file(out_path, &bytes, overwrite(force), None)
        .map_err(|e| save_failed(out_path, e))?;
    let changed = c
        .lines
        .iter()
        .filter(|l| !l.change.is_empty() && l.change != "持平")
        .count();
    let said = c.lines.iter().filter(|l| !l.said.is_empty()).count();
    write(
        out,
        &format!(
            "已写入 {}：{}个数字与上年不同，{}处上年比对的提示\n",
            name(out_path),
            changed,
            said
        ),
    )
    .map(|_| 0)
}
