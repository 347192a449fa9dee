//! Why a file could not be read or written, in words a clerk understands. Each message is one
//! line of Chinese; serde's English details are translated into the few cases that matter.

use std::io;

use super::escape::shown;
pub use crate::say::io_kind;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}", io_reason(.0, "读取"))]
    Io(#[source] io::Error),
    #[error("文件是空的")]
    Empty,
    #[error("这不是普通文件（可能是文件夹、管道或设备），不能作为报告打开")]
    NotAFile,
    #[error("文件过大（超过 {limit_mib} MB），不是 nianbao 能打开的报告")]
    TooLarge { limit_mib: u64 },
    #[error("文件不是 UTF-8 编码的文本（可能已损坏，或不是报告文件）")]
    NotUtf8,
    #[error("文件嵌套层数过多，不是有效的报告文件")]
    TooDeep,
    #[error("文件内容格式错误（第{line}行第{column}列）：{}", shown(.detail))]
    Syntax {
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("不是 nianbao 报告文件（缺少或不认识的 format 标记：“{}”）", shown(.0))]
    NotAReport(String),
    #[error(
        "此文件由更新版本的 nianbao 保存（格式版本 {found}，本程序最高支持 {supported}），请升级程序后再打开"
    )]
    NewerVersion { found: u32, supported: u32 },
    #[error("文件的格式版本 {0} 无效")]
    BadVersion(u32),
    #[error("未知的模板版本“{}”（支持 {}）", shown(.0), crate::template::ids())]
    UnknownTemplate(String),
    #[error("未知的单元格编号“{}”", shown(.0))]
    UnknownCell(String),
    #[error("单元格“{}”出现了两次", shown(.0))]
    DuplicateCell(String),
    #[error("已说明的提示中有未知的规则“{}”", shown(.0))]
    UnknownRule(String),
    #[error("未知的文字部分“{}”（本模板没有这一部分）", shown(.0))]
    UnknownNarrative(String),
    #[error("文字部分“{}”出现了两次", shown(.0))]
    DuplicateNarrative(String),
    #[error("{}", crate::model::invalid_year(&.0.to_string()))]
    BadYear(i32),
    #[error("无法识别的文件类型“{}”（支持 .nianbao、.json、.docx、.html、.pdf、.txt）", shown(.0))]
    UnknownFormat(String),
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{}", io_reason(.0, "写入"))]
    Io(#[source] io::Error),
    #[error("无法识别的输出文件类型“{}”（支持 .nianbao 和 .json）", shown(.0))]
    UnknownFormat(String),
    #[error("输出文件已存在：{}（加 --force 覆盖）", shown(.0))]
    Exists(String),
    #[error("{} 是只读文件，没有覆盖（请另存为，或先取消文件的只读属性）", shown(.0))]
    ReadOnly(String),
    #[error("{} 在打开后已被其他程序或窗口修改，为免覆盖那些修改，没有保存", shown(.0))]
    Changed(String),
    #[error("该文件已在另一个窗口中打开，只读：{}（可以另存为其他文件）", shown(.0))]
    OpenElsewhere(String),
    #[error("{} 是一个文件夹，不能保存为文件", shown(.0))]
    IsDir(String),
    #[error("{} 不是普通文件（管道、设备或多重链接），没有写入", shown(.0))]
    NotAFile(String),
    #[error("报告过大（超过 {limit_mib} MB），保存后将无法再打开，所以没有保存；请删去多余的文字")]
    TooLarge { limit_mib: u64 },
}

/// 「无法写入文件：磁盘空间不足（系统信息：No space left on device (os error 28)）」
pub fn io_reason(e: &io::Error, verb: &str) -> String {
    format!(
        "无法{verb}文件：{}（系统信息：{}）",
        io_kind(e.kind()),
        shown(&e.to_string())
    )
}

/// `path` is where in the document the error is (`.` for the whole).
pub fn from_json(e: &serde_json::Error, path: &str) -> LoadError {
    let detail = match e.classify() {
        serde_json::error::Category::Eof => "文件不完整（可能被截断）".to_string(),
        serde_json::error::Category::Syntax => "不是有效的 JSON".to_string(),
        _ if path == "." => crate::say::serde_message(&e.to_string()),
        _ => format!(
            "字段“{}”：{}",
            shown(path),
            crate::say::serde_message(&e.to_string())
        ),
    };
    LoadError::Syntax {
        line: e.line(),
        column: e.column(),
        detail,
    }
}

/// `text` is what was parsed: an error on its last line means it ends too early.
pub fn from_ron(e: &ron::error::SpannedError, text: &str) -> LoadError {
    LoadError::Syntax {
        line: e.span.start.line,
        column: e.span.start.col,
        detail: crate::say::ron_detail(e, text),
    }
}
