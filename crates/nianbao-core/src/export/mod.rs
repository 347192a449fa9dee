//! The report published as a web page (`html`) and as an editable Word file (`docx`). Both
//! walk the same [`blocks`] and take every layout decision (title lines, 楷体 headings,
//! column widths, merged cells, the 落款's place) from `layout`, as the PDF does.

mod blocks;
pub mod compare;
pub mod docx;
mod docx_parts;
mod escape;
pub mod html;
mod text;

pub use blocks::{Block, blocks};
pub use text::plain_text;

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("无法生成 Word 文档：{0}")]
    Package(String),
}

/// The publication formats besides PDF, by the output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Docx,
}

impl Format {
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_lowercase().as_str() {
            "html" | "htm" => Some(Format::Html),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }

    /// The file's bytes in this format.
    pub fn write(self, report: &crate::model::Report) -> Result<Vec<u8>, ExportError> {
        match self {
            Format::Html => Ok(html::page(report).into_bytes()),
            Format::Docx => docx::write(report),
        }
    }
}
