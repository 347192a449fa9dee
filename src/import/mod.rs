//! Opening reports published as Word files, web pages or copied text. Each format is reduced
//! to a [`Document`] (paragraphs and tables in reading order); recognising the report in it
//! is format-independent.

pub mod document;
pub mod docx;
pub mod html;
pub mod text;

pub use document::{Block, Cell, Document, Table};

/// Why a published report could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("不是有效的 Word 文档（.docx）")]
    NotDocx,
    #[error("Word 文档已损坏，无法读取其中的文字")]
    Damaged,
    #[error("文件解压后过大，不是正常的年度报告")]
    TooLarge,
    #[error("表格嵌套层数过多，不是正常的年度报告")]
    TooDeep,
}
