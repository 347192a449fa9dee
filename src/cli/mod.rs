//! The command line: `check`, `cells`, `new`, `convert`. Messages are Chinese; unreadable input
//! exits 2 with a one-line reason. Arguments are parsed into a [`Command`] first, then run.

mod answer;
mod args;
mod check;
mod commands;
mod compare;
mod desktop;
mod draft;
mod sum;
#[cfg(windows)]
mod windows;
#[cfg(not(windows))]
mod xdg;

use std::process::ExitCode;

pub use args::{Command, parse_args};

pub const HELP: &str = "\
nianbao — 政府信息公开工作年度报告编写与检查工具

用法：
  nianbao [文件]                                 打开编辑窗口（不给文件时打开最近的报告）
  nianbao check 文件... [--prev 上年报告] [--json]   检查勾稽关系等规则；有错误时退出码为1
  nianbao check 文件夹... [--summary 汇总表.xlsx|.csv] [--expect 机关名单.txt] [--parent 汇总报告]
                        [--year 审核年度] [--alias 机关别名.txt] [--compare 比对文件夹]
                                                 批量检查文件夹中的全部报告（同一机关的上年报告自动配对），
                                                 生成汇总表、列出未报送的机关、核对汇总报告各数之和
  nianbao cells 文件                             按模板顺序列出每个单元格：编号<TAB>数值
  nianbao answer 文件 --rule 规则 [--cell 单元格] --reason 原因 [--prev 上年报告]
                                                 已核实的警告写明原因（如数字确有大幅变化），存入报告；
                                                 错误（勾稽关系等）不能说明，必须改正
  nianbao compare 本年报告 上年报告 -o 比对.html|比对.xlsx
                                                 与上年比对：每个数字的本年、上年和增减，跨年度提示，
                                                 正文与上年相同的句子
  nianbao draft 文件 部分                         按表格生成正文中与表格对应的句子（部分：overview、other
                                                 或 一、六），每句一行
  nianbao sum 文件夹... --organ 机关名称 -o 汇总报告 [--year 年度] [--alias 机关别名.txt]
                                                 由各机关计入汇总的报告生成汇总报告（表二至表四相加，正文另填）
  nianbao new --year 年度 --organ 机关名称 [--from 上年报告] -o 输出文件
                                                 新建报告（按年度选用模板；--from 带入上年结转）
  nianbao convert 输入文件 -o 输出文件 [--verbose] 转换格式（按输出扩展名：.nianbao、.json，
                                               发布用 .pdf、网页 .html、可编辑的 Word .docx）；
                                               输入也可以是已发布的 .docx、.html、.pdf、.txt，
                                               --verbose 列出导入时对齐、推算和未能读取的单元格
  nianbao install-desktop [--remove] [--force]   加入开始菜单和图标，双击 .nianbao 文件即可打开
                                                 （Linux、Windows；--remove 撤销；不是本程序写的
                                                 同名文件或链接只在加 --force 时替换）
  nianbao help                                   显示本帮助

已有输出文件时不会覆盖，除非加 --force。
退出码：0 无错误；1 检查发现错误；2 文件无法读取或参数错误。
环境变量 NIANBAO_TEMPLATES=文件夹：另外读取其中的模板文件（*.ron，新版格式只需数据文件）。
";

/// A failure that ends the command: the exit code and a one-line Chinese reason.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn new(code: u8, message: impl Into<String>) -> Failure {
        Failure {
            code,
            message: message.into(),
        }
    }

    pub fn input(message: impl Into<String>) -> Failure {
        Failure::new(2, message)
    }
}

/// Runs the program with the process arguments (without the program name).
pub fn main_with(
    args: &[std::ffi::OsString],
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> u8 {
    for problem in crate::template::load_problems() {
        let line = format!(
            "警告：{}\n",
            crate::file::escape::escaped_again(problem, 400)
        );
        err.write_all(line.as_bytes()).ok();
    }
    let result = parse_args(args).and_then(|command| commands::run(command, out, err));
    match result {
        Ok(code) => code,
        Err(failure) => {
            let line = format!(
                "错误：{}\n",
                crate::file::escape::escaped_again(&failure.message, 400)
            );
            // Nowhere left to say it when stderr itself fails; the exit code still tells.
            err.write_all(line.as_bytes()).ok();
            failure.code
        }
    }
}

pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let code = main_with(
        &args,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(code)
}
