//! The English that the libraries below the core speak (the operating system's I/O errors,
//! serde's and RON's messages), said in a clerk's Chinese: one owner for every layer above,
//! the template registry included.

use std::io;

/// The kind of an operating-system error in a clerk's words.
pub fn io_kind(kind: io::ErrorKind) -> &'static str {
    use io::ErrorKind as K;
    match kind {
        K::NotFound => "文件或文件夹不存在",
        K::PermissionDenied => "没有权限",
        K::IsADirectory => "这是一个文件夹，不是文件",
        K::NotADirectory => "路径中的某一级不是文件夹",
        K::StorageFull => "磁盘空间不足",
        K::QuotaExceeded => "超出了磁盘配额",
        K::ReadOnlyFilesystem => "磁盘是只读的",
        K::FileTooLarge => "文件过大",
        K::AlreadyExists => "文件已存在",
        K::InvalidFilename => "文件名无效或过长",
        K::ResourceBusy | K::ExecutableFileBusy => "文件正被其他程序占用",
        K::CrossesDevices => "不能跨磁盘移动文件",
        K::TooManyLinks => "链接过多",
        K::StaleNetworkFileHandle => "网络上的文件已失效",
        K::NetworkUnreachable | K::HostUnreachable | K::NotConnected | K::NetworkDown => "网络不通",
        K::TimedOut => "操作超时",
        K::Interrupted => "操作被中断",
        K::UnexpectedEof => "文件不完整",
        K::InvalidData => "数据无效",
        K::OutOfMemory => "内存不足",
        K::Unsupported => "系统不支持此操作",
        _ => "系统错误",
    }
}

/// Translates serde's messages (shared by the RON and JSON readers) into Chinese.
pub fn serde_message(message: &str) -> String {
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

/// What a RON reader's error says, in Chinese; `text` is what was parsed (an error on its last
/// line means it ends too early).
pub fn ron_detail(e: &ron::error::SpannedError, text: &str) -> String {
    use ron::Error as R;
    let at_end = e.span.start.line >= text.trim_end().lines().count();
    match &e.code {
        R::Eof => "文件不完整（可能被截断）".to_string(),
        _ if at_end => "文件不完整（可能被截断）".to_string(),
        R::MissingStructField { field, .. } => format!("缺少字段“{field}”"),
        R::NoSuchStructField { found, .. } => format!("不认识的字段“{found}”"),
        R::DuplicateStructField { field, .. } => format!("字段“{field}”出现了两次"),
        R::NoSuchEnumVariant { found, .. } => format!("不认识的取值“{found}”"),
        R::InvalidValueForType { .. } => "某个字段的类型不对".to_string(),
        R::ExceededRecursionLimit => "嵌套层数过多".to_string(),
        R::IntegerOutOfBounds => "某个数字超出范围".to_string(),
        R::Message(m) => serde_message(m),
        other => serde_message(&other.to_string()),
    }
}
