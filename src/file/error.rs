//! Why a file could not be read or written, in words a clerk understands. Each message is one
//! line of Chinese; serde's English details are translated into the few cases that matter.

use std::io;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}", io_reason(.0, "读取"))]
    Io(#[source] io::Error),
    #[error("文件是空的")]
    Empty,
    #[error("文件过大（超过 {limit_mib} MB），不是 nianbao 能打开的报告")]
    TooLarge { limit_mib: u64 },
    #[error("文件不是 UTF-8 编码的文本（可能已损坏，或不是报告文件）")]
    NotUtf8,
    #[error("文件嵌套层数过多，不是有效的报告文件")]
    TooDeep,
    #[error("文件内容格式错误（第{line}行第{column}列）：{detail}")]
    Syntax {
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("不是 nianbao 报告文件（缺少或不认识的 format 标记：“{0}”）")]
    NotAReport(String),
    #[error(
        "此文件由更新版本的 nianbao 保存（格式版本 {found}，本程序最高支持 {supported}），请升级程序后再打开"
    )]
    NewerVersion { found: u32, supported: u32 },
    #[error("文件的格式版本 {0} 无效")]
    BadVersion(u32),
    #[error("未知的模板版本“{0}”（支持 gb2019、gb2021）")]
    UnknownTemplate(String),
    #[error("未知的单元格编号“{0}”")]
    UnknownCell(String),
    #[error("单元格“{0}”出现了两次")]
    DuplicateCell(String),
    #[error("报告年度 {0} 无效（应在 2000 至 2100 之间）")]
    BadYear(i32),
    #[error("无法识别的文件类型“{0}”（支持 .nianbao、.json、.docx、.html、.txt）")]
    UnknownFormat(String),
    #[error("{0}")]
    Import(#[from] crate::import::ImportError),
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{}", io_reason(.0, "写入"))]
    Io(#[source] io::Error),
    #[error("无法识别的输出文件类型“{0}”（支持 .nianbao 和 .json）")]
    UnknownFormat(String),
    #[error("输出文件已存在：{0}（加 --force 覆盖）")]
    Exists(String),
}

fn io_reason(e: &io::Error, verb: &str) -> String {
    let why = match e.kind() {
        io::ErrorKind::NotFound => "文件或文件夹不存在".to_string(),
        io::ErrorKind::PermissionDenied => "没有权限".to_string(),
        io::ErrorKind::IsADirectory => "这是一个文件夹，不是文件".to_string(),
        io::ErrorKind::StorageFull => "磁盘空间已满".to_string(),
        io::ErrorKind::ReadOnlyFilesystem => "磁盘是只读的".to_string(),
        _ => format!("系统错误（{e}）"),
    };
    format!("无法{verb}文件：{why}")
}

/// Translates serde's messages (shared by the RON and JSON readers) into Chinese.
pub fn translate(message: &str) -> String {
    let quoted = |prefix: &str| {
        let rest = message.split_once(prefix)?.1;
        let rest = rest.trim_start_matches(['`', '"', ' ']);
        Some(rest.split(['`', '"']).next().unwrap_or(rest).to_string())
    };
    if let Some(field) = quoted("missing field") {
        format!("缺少字段“{field}”")
    } else if let Some(field) = quoted("unknown field").or_else(|| quoted("Unexpected field named"))
    {
        format!("不认识的字段“{field}”")
    } else if let Some(field) = quoted("duplicate field") {
        format!("字段“{field}”出现了两次")
    } else if message.contains("invalid type")
        || message.contains("Expected")
        || message.contains("expected")
    {
        "某个字段的类型不对".to_string()
    } else if message.contains("invalid value")
        || message.contains("out of range")
        || message.contains("Bounds")
    {
        "某个字段的值超出范围".to_string()
    } else if message.contains("recursion") || message.contains("Recursion") {
        "嵌套层数过多".to_string()
    } else {
        "不是有效的报告格式".to_string()
    }
}

pub fn from_json(e: &serde_json::Error) -> LoadError {
    let detail = match e.classify() {
        serde_json::error::Category::Eof => "文件不完整（可能被截断）".to_string(),
        serde_json::error::Category::Syntax => "不是有效的 JSON".to_string(),
        _ => translate(&e.to_string()),
    };
    LoadError::Syntax {
        line: e.line(),
        column: e.column(),
        detail,
    }
}

/// `text` is what was parsed: an error on its last line means it ends too early.
pub fn from_ron(e: &ron::error::SpannedError, text: &str) -> LoadError {
    use ron::Error as R;
    let at_end = e.span.start.line >= text.trim_end().lines().count();
    let detail = match &e.code {
        R::Eof => "文件不完整（可能被截断）".to_string(),
        _ if at_end => "文件不完整（可能被截断）".to_string(),
        R::MissingStructField { field, .. } => format!("缺少字段“{field}”"),
        R::NoSuchStructField { found, .. } => format!("不认识的字段“{found}”"),
        R::DuplicateStructField { field, .. } => format!("字段“{field}”出现了两次"),
        R::InvalidValueForType { .. } => "某个字段的类型不对".to_string(),
        R::ExceededRecursionLimit => "嵌套层数过多".to_string(),
        R::IntegerOutOfBounds => "某个数字超出范围".to_string(),
        R::Message(m) => translate(m),
        other => translate(&other.to_string()),
    };
    LoadError::Syntax {
        line: e.span.start.line,
        column: e.span.start.col,
        detail,
    }
}
