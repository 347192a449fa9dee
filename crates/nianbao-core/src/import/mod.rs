//! Opening reports published as Word files, web pages or copied text. Each format is reduced
//! to a [`Document`] (paragraphs and tables in reading order); recognising the report in it
//! is format-independent: lines → template and sections → particulars, narratives, tables.

mod budget;
pub mod document;
pub mod docx;
mod encoding;
mod header;
pub mod html;
mod lines;
mod meta;
mod notes;
mod outline;
pub mod pdf;
mod place;
mod recognise;
pub mod stated;
mod tables;
pub mod text;
mod values;

pub use crate::model::MarkKind;
pub use document::{Block, Cell, Document, Table};
pub use notes::ImportReport;
pub use stated::Stated;

use crate::model::Report;

/// The published formats nianbao opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Docx,
    Html,
    Pdf,
    Text,
}

impl Source {
    pub fn from_extension(ext: &str) -> Option<Source> {
        match ext.to_lowercase().as_str() {
            // A macro-enabled document is the same package; nothing in it is run.
            "docx" | "docm" => Some(Source::Docx),
            "html" | "htm" | "shtml" | "mhtml" => Some(Source::Html),
            "pdf" => Some(Source::Pdf),
            "txt" | "text" => Some(Source::Text),
            _ => None,
        }
    }

    /// The largest file of this kind read (PDFs carry their fonts).
    pub fn max_bytes(self) -> u64 {
        match self {
            Source::Pdf => pdf::MAX_PDF_BYTES,
            _ => crate::file::MAX_FILE_BYTES,
        }
    }
}

/// The formats reports are kept in that nianbao does not read, each with what to do instead:
/// said for a file named directly (`open`) and for a file a folder holds (the desk).
pub fn unread_format(ext: &str) -> Option<&'static str> {
    Some(match ext.to_lowercase().as_str() {
        "doc" | "dot" => {
            "Word 97–2003 格式（.doc）暂不能读取：请在 Word 或 WPS 中打开，另存为 .docx 后再导入"
        }
        "wps" | "wpt" => "WPS 文字格式（.wps）暂不能读取：请在 WPS 中打开，另存为 .docx 后再导入",
        "ofd" => "OFD 版式文件暂不能读取：请改用原始的 Word 文档，或在阅读器中另存为 PDF 后再导入",
        "rtf" | "odt" | "wri" => "此格式暂不能读取：请在 Word 或 WPS 中打开，另存为 .docx 后再导入",
        "zip" | "rar" | "7z" => "压缩包中的文件不能直接检查：请先解压",
        _ => return None,
    })
}

/// Why a published report could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("不是有效的 Word 文档（.docx）")]
    NotDocx,
    #[error(
        "这个 Word 文档设有打开密码（已加密）：请在 Word 或 WPS 中输入密码，取消密码后另存为 .docx 再导入"
    )]
    DocxEncrypted,
    #[error(
        "这其实是 Word 97–2003 格式（.doc）的文件，只是扩展名为 .docx：请在 Word 或 WPS 中打开，另存为 .docx 后再导入"
    )]
    DocxIsDoc,
    #[error("Word 文档已损坏，无法读取其中的文字")]
    Damaged,
    #[error("不是有效的 PDF 文件")]
    NotPdf,
    #[error("PDF 文件已损坏，无法读取其中的文字")]
    PdfDamaged,
    #[error(
        "该PDF已加密，需要密码才能打开；请先在PDF阅读器中输入密码并另存为不加密的PDF，或改用原始的Word文档、网页导入"
    )]
    Encrypted,
    #[error(
        "该PDF是扫描图片，没有可读取的文字；请改用原始的Word文档或网页导入，或对照扫描件手工填写"
    )]
    Scanned,
    #[error(
        "该PDF的字体没有文字映射，无法可靠地读出其中的文字和数字；请改用原始的Word文档或网页导入"
    )]
    NoTextMap,
    #[error("文件解压后过大，不是正常的年度报告")]
    TooLarge,
    #[error("PDF共{0}页，超过可读取的{max}页，不是正常的年度报告", max = pdf::MAX_PAGES)]
    TooManyPages(usize),
    #[error("表格嵌套层数过多，不是正常的年度报告")]
    TooDeep,
    #[error("文件中的段落和表格单元格过多（超过{}万个），不是正常的年度报告", budget::MAX_PARTS / 10_000)]
    TooManyParts,
    #[error("文件中没有找到政府信息公开工作年度报告的内容（如“一、总体情况”或统计表）")]
    NotAReport,
    #[error(
        "文件的文字编码无法识别（声明的编码：{0}）：内容既不是所声明的编码，也不是 UTF-8、GB18030、Big5 或 UTF-16；请用浏览器或记事本另存为 UTF-8 后再打开"
    )]
    Encoding(String),
}

/// Reads a published report: the report as recognised, and what the clerk should confirm.
pub fn import(bytes: &[u8], source: Source) -> Result<(Report, ImportReport), ImportError> {
    let (doc, exact, first_notes) = match source {
        Source::Docx => (docx::read(bytes)?, true, Vec::new()),
        Source::Html => {
            let decoded = html::decode(bytes)?;
            budget::html(&decoded.text)?;
            (
                html::parse(&decoded.text),
                true,
                decoded.note.into_iter().collect(),
            )
        }
        Source::Pdf => {
            let (doc, notes) = pdf::read(bytes)?;
            (doc, true, notes)
        }
        Source::Text => {
            let decoded = text::decode(bytes)?;
            budget::text(&decoded.text)?;
            (
                text::parse(&decoded.text),
                false,
                decoded.note.into_iter().collect(),
            )
        }
    };
    let (mut report, mut notes) = recognise::recognise(&lines::lines(&doc, exact), &doc.stated)?;
    notes.notes.splice(0..0, first_notes);
    if doc.hidden > 0 {
        notes.note(format!(
            "原文中有 {} 处隐藏的文字（读者看不到），不是报告内容，没有导入",
            doc.hidden
        ));
    }
    report.review.source = Some(notes.clone());
    Ok((report, notes))
}
