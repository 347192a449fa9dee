//! PDF files (Word's, WPS's or LibreOffice's 另存为PDF, nianbao's own): the text as drawn,
//! with positions, from the content streams (`content`: fonts by ToUnicode or a Unicode CMap,
//! `font`, `cmap`, `lex`), tables rebuilt from the rules on the page (`grid`), lines and
//! paragraphs from the characters' positions (`lines`, `flow`), page numbers left out
//! (`page`). The result is a [`Document`] like every other format's. lopdf parses the file's
//! objects (bounded: nesting, reference chains, decompressed stream sizes); everything after
//! that is ours and bounded by a budget of operations, characters and content bytes.
//!
//! A scan (page images, no text, or only an invisible OCR layer), a file that needs a
//! password, or one whose fonts say nothing of their characters is refused: reading it
//! would mean guessing numbers.

mod cmap;
mod content;
mod flow;
mod font;
mod grid;
mod lex;
mod lines;
mod page;
mod path;
mod radicals;

use lopdf::{LoadOptions, Object};

use super::ImportError;
use super::document::Document;
use super::stated::{self, Stated};
use content::{Budget, Reader};
pub use flow::WRAPPED;

/// Largest PDF read; reports with embedded fonts and a seal image stay far below.
pub const MAX_PDF_BYTES: u64 = 32 * 1024 * 1024;
/// Largest single stream after decompression, while loading and per page.
const MAX_STREAM_BYTES: usize = 32 * 1024 * 1024;
/// The most pages read. nianbao's own PDF writer refuses to write more, so every PDF it
/// exports can be read back (the longest report the native file's size limit allows would
/// be longer; no annual report is).
pub const MAX_PAGES: usize = 2000;

/// Reads a PDF into a document, with what the clerk should know about the reading.
pub fn read(bytes: &[u8]) -> Result<(Document, Vec<String>), ImportError> {
    if memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_none() {
        return Err(ImportError::NotPdf);
    }
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..LoadOptions::default()
    };
    let doc = lopdf::Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::InvalidPassword => ImportError::Encrypted,
        lopdf::Error::Decompress(_) => ImportError::TooLarge,
        _ => ImportError::PdfDamaged,
    })?;
    if doc.trailer.get(b"Encrypt").is_ok() {
        return Err(ImportError::Encrypted);
    }
    let pages = doc.get_pages();
    // A file whose page tree leads nowhere is damaged, whatever else it holds.
    if pages.is_empty() {
        return Err(ImportError::PdfDamaged);
    }
    if pages.len() > MAX_PAGES {
        return Err(ImportError::TooManyPages(pages.len()));
    }
    let mut reader = Reader::new(
        &doc,
        Budget {
            // Enough for MAX_PAGES full pages of nianbao's own PDF (about 600 characters a
            // page, a few hundred operations), and no more.
            operations: 4_000_000,
            glyphs: 2_000_000,
            content_bytes: 128 * 1024 * 1024,
        },
    );
    let mut read_pages = Vec::with_capacity(pages.len());
    for id in pages.values() {
        read_pages.push(reader.page(*id).map_err(|_| ImportError::TooLarge)?);
    }
    let mut notes = usable(&read_pages)?;
    let radicals: usize = read_pages.iter().map(|p| p.radicals).sum();
    if radicals > 0 {
        notes.push(format!(
            "PDF中有 {radicals} 个字以部首字符记录（如“⼈”“⺠”，网页浏览器打印的PDF常见），已按常用汉字读取"
        ));
    }
    if doc.was_encrypted() {
        notes.push("该PDF设有权限保护（无打开密码），已按只读方式读取其中的文字".into());
    }
    let mut laid = Vec::with_capacity(read_pages.len());
    let mut chrome = 0;
    for p in &read_pages {
        let (items, numbers) = page::items(p);
        chrome += numbers.len();
        laid.push(items);
    }
    if chrome > 0 {
        notes.push(format!("已略去PDF的页码 {chrome} 处"));
    }
    let heights: Vec<f32> = read_pages.iter().map(|p| p.height).collect();
    let heads = page::drop_running_heads(&mut laid, &heights);
    if heads > 0 {
        notes.push(format!("已略去PDF每页重复的页眉、页脚 {heads} 行"));
    }
    let mut document = flow::document(laid);
    document.stated = info(&doc);
    Ok((document, notes))
}

/// Refuses what cannot be read without guessing; notes what was read only in part.
fn usable(pages: &[content::Page]) -> Result<Vec<String>, ImportError> {
    let glyphs: usize = pages.iter().map(|p| p.glyphs.len()).sum();
    let unmapped: usize = pages.iter().map(|p| p.unmapped).sum();
    let scanned = pages.iter().any(|p| p.page_images > 0 || p.invisible > 0);
    if glyphs == 0 || (scanned && glyphs < 50) {
        return Err(if scanned {
            ImportError::Scanned
        } else if unmapped > 0 {
            ImportError::NoTextMap
        } else {
            ImportError::NotAReport
        });
    }
    if unmapped > glyphs {
        return Err(ImportError::NoTextMap);
    }
    let mut notes = Vec::new();
    if unmapped > 0 {
        notes.push(format!(
            "PDF中有 {unmapped} 个字符的字体没有文字映射，无法读出；这些字符所在的文字和数字请对照原文核对"
        ));
    }
    let scans: Vec<String> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.glyphs.is_empty() && (p.page_images > 0 || p.invisible > 0))
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    if !scans.is_empty() {
        notes.push(format!(
            "第 {} 页是扫描图片，没有可读取的文字，其中的内容没有导入",
            scans.join("、")
        ));
    }
    Ok(notes)
}

/// The `nianbao:` entries nianbao's own PDF states in its document information.
fn info(doc: &lopdf::Document) -> Stated {
    let mut stated = Stated::default();
    let Some(dict) = doc
        .trailer
        .get_deref(b"Info", doc)
        .ok()
        .and_then(|o| o.as_dict().ok())
    else {
        return stated;
    };
    for (key, value) in dict.iter() {
        let Ok(name) = std::str::from_utf8(key) else {
            continue;
        };
        if !name.starts_with(stated::PREFIX) || !stated.open() {
            continue;
        }
        if let Object::String(raw, _) = value {
            let cut = raw.len() > stated::MAX_RAW_BYTES;
            let raw = &raw[..raw.len().min(stated::MAX_RAW_BYTES)];
            stated.offer(name, &text_string(raw), cut);
        }
    }
    stated
}

/// A PDF text string: UTF-16BE after its BOM, otherwise PDFDocEncoding (Latin-1 for what
/// nianbao writes).
fn text_string(raw: &[u8]) -> String {
    match raw.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => cmap::utf16(utf16),
        None => raw.iter().map(|&b| b as char).collect(),
    }
}
