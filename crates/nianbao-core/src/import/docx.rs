//! Word files (.docx): the paragraphs and tables of `word/document.xml`, with merged cells
//! (`w:gridSpan` across, `w:vMerge` down), and the particulars nianbao's own export states as
//! custom properties (`docProps/custom.xml`, see `stated`). The zip is untrusted: only those
//! parts are read, and no more than `MAX_XML_BYTES` (`MAX_PROPS_BYTES`) of them whatever
//! their headers claim (zip bombs).

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::ImportError;
use super::document::{Block, Cell, Document, MAX_SPAN, Table, clean};
use super::stated::{self, Stated};

const MAX_XML_BYTES: u64 = 32 * 1024 * 1024;
/// The custom properties part: a larger one is not nianbao's and is left unread.
const MAX_PROPS_BYTES: u64 = 1024 * 1024;
const MAX_TABLE_NESTING: usize = 32;

/// The signature of a compound file (OLE2): Word 97–2003 documents, and the container Office
/// puts a password-protected .docx in.
const COMPOUND_FILE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

pub fn read(bytes: &[u8]) -> Result<Document, ImportError> {
    if bytes.starts_with(COMPOUND_FILE) {
        // An encrypted package's stream is named 「EncryptedPackage」 (UTF-16 in the directory).
        let name: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        return Err(if memchr::memmem::find(bytes, &name).is_some() {
            ImportError::DocxEncrypted
        } else {
            ImportError::DocxIsDoc
        });
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| ImportError::NotDocx)?;
    let part = zip
        .by_name("word/document.xml")
        .map_err(|_| ImportError::NotDocx)?;
    let mut xml = Vec::new();
    part.take(MAX_XML_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|_| ImportError::Damaged)?;
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err(ImportError::TooLarge);
    }
    super::budget::docx(&xml)?;
    let mut doc = parse(&String::from_utf8_lossy(&xml))?;
    doc.stated = custom_properties(&mut zip);
    Ok(doc)
}

/// `docProps/custom.xml` when there is one of a sane size; a damaged one states nothing.
fn custom_properties<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>) -> Stated {
    let Ok(part) = zip.by_name("docProps/custom.xml") else {
        return Stated::default();
    };
    let mut xml = Vec::new();
    if part
        .take(MAX_PROPS_BYTES + 1)
        .read_to_end(&mut xml)
        .is_err()
        || xml.len() as u64 > MAX_PROPS_BYTES
    {
        return Stated::default();
    }
    properties(&String::from_utf8_lossy(&xml))
}

/// The `<property name="…"><vt:lpwstr>…</vt:lpwstr></property>` entries of a custom
/// properties part, bounded by `Stated` (so many entries, so long a value).
pub fn properties(xml: &str) -> Stated {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stated = Stated::default();
    let mut current: Option<Property> = None;
    while stated.open() {
        match reader.read_event() {
            Ok(Event::Start(e)) if local(&e) == b"property" => {
                current = attr(&e, b"name")
                    .filter(|n| n.trim().starts_with(stated::PREFIX))
                    .map(Property::new);
            }
            Ok(Event::Start(_)) => {
                if let Some(p) = &mut current {
                    p.in_value = true;
                }
            }
            Ok(Event::Text(t)) => {
                if let Some(p) = current.as_mut().filter(|p| p.in_value) {
                    p.push(&t.decode().unwrap_or_default());
                }
            }
            Ok(Event::GeneralRef(r)) => {
                if let Some(p) = current.as_mut().filter(|p| p.in_value) {
                    p.push(&reference(&r).map(String::from).unwrap_or_default());
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == b"property" => {
                if let Some(p) = current.take() {
                    stated.offer(&p.name, &p.value, p.cut);
                }
            }
            Ok(Event::End(_)) => {
                if let Some(p) = &mut current {
                    p.in_value = false;
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    stated
}

/// A `nianbao:` property being read: its value so far (inside its value element, e.g.
/// `vt:lpwstr`), and whether the value was cut.
struct Property {
    name: String,
    value: String,
    in_value: bool,
    cut: bool,
}

impl Property {
    fn new(name: String) -> Property {
        Property {
            name,
            value: String::new(),
            in_value: false,
            cut: false,
        }
    }

    /// Appends while the value is under `stated::MAX_RAW_BYTES`.
    fn push(&mut self, text: &str) {
        let room = stated::MAX_RAW_BYTES.saturating_sub(self.value.len());
        let mut end = text.len().min(room);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        self.value.push_str(&text[..end]);
        self.cut |= end < text.len();
    }
}

/// The character an XML reference stands for (`&#10;`, `&amp;`).
fn reference(r: &quick_xml::events::BytesRef) -> Option<char> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Some(c),
        _ => match r.decode().unwrap_or_default().as_ref() {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => None,
        },
    }
}

/// A table being read; `below` remembers, per grid column, the cell a `w:vMerge` continues.
#[derive(Default)]
struct TableBuilder {
    rows: Vec<Vec<Cell>>,
    /// For each grid column: (row, index in row) of the cell that starts a vertical merge.
    merge_start: Vec<Option<(usize, usize)>>,
    grid_col: usize,
    cell: Option<CellBuilder>,
}

#[derive(Default)]
struct CellBuilder {
    text: String,
    span: usize,
    /// `Some(true)` starts a vertical merge, `Some(false)` continues one.
    v_merge: Option<bool>,
}

impl TableBuilder {
    fn start_row(&mut self) {
        self.rows.push(Vec::new());
        self.grid_col = 0;
    }

    /// `w:gridBefore`: grid columns a row leaves empty (LibreOffice and WPS write it), kept
    /// as an empty cell so the row's values stay under their headers.
    fn skip_columns(&mut self, columns: usize) {
        if self.rows.is_empty() {
            self.start_row();
        }
        self.grid_col += columns;
        if let Some(row) = self.rows.last_mut() {
            row.push(Cell::spanning("", columns, 1));
        }
    }

    fn end_cell(&mut self) {
        let Some(cell) = self.cell.take() else { return };
        // A hostile span (「18446744073709551615」) must neither overflow nor allocate.
        let span = cell.span.clamp(1, MAX_SPAN);
        let col = self.grid_col;
        self.grid_col += span;
        if self.merge_start.len() < self.grid_col {
            self.merge_start.resize(self.grid_col, None);
        }
        if self.rows.is_empty() {
            self.start_row();
        }
        let r = self.rows.len() - 1;
        if cell.v_merge == Some(false)
            && let Some((sr, si)) = self.merge_start[col]
        {
            self.rows[sr][si].row_span += 1;
            return;
        }
        self.merge_start[col] = (cell.v_merge == Some(true)).then_some((r, self.rows[r].len()));
        self.rows[r].push(Cell::spanning(clean(&cell.text), span, 1));
    }
}

/// A span attribute, bounded: absent, unreadable or zero is 1.
fn span_value(e: &BytesStart) -> usize {
    attr(e, b"val")
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or(1, |v| v.clamp(1, MAX_SPAN as u64) as usize)
}

fn local(e: &BytesStart) -> Vec<u8> {
    e.local_name().as_ref().to_vec()
}

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

#[derive(Default)]
struct State {
    blocks: Vec<Block>,
    tables: Vec<TableBuilder>,
    paragraph: String,
    in_text: bool,
    /// Inside a run (`w:r`), and whether its properties hide it (`w:vanish`): Word does not
    /// show its text, so it is left out, and counted.
    in_run: bool,
    run_hidden: bool,
    hidden: usize,
}

impl State {
    fn cell(&mut self) -> Option<&mut CellBuilder> {
        self.tables.last_mut().and_then(|t| t.cell.as_mut())
    }

    fn open(&mut self, e: &BytesStart) -> Result<(), ImportError> {
        match local(e).as_slice() {
            b"tbl" => {
                if self.tables.len() >= MAX_TABLE_NESTING {
                    return Err(ImportError::TooDeep);
                }
                self.tables.push(TableBuilder::default());
            }
            b"tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.start_row();
                }
            }
            b"tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(CellBuilder::default());
                }
            }
            b"gridSpan" => {
                let span = span_value(e);
                if let Some(c) = self.cell() {
                    c.span = span;
                }
            }
            // Grid columns a row leaves empty before its first cell (`w:gridAfter` needs
            // nothing: rows are padded at the end anyway).
            b"gridBefore" => {
                let columns = span_value(e);
                if let Some(t) = self.tables.last_mut()
                    && t.cell.is_none()
                {
                    t.skip_columns(columns);
                }
            }
            b"vMerge" => {
                let restart = attr(e, b"val").as_deref() == Some("restart");
                if let Some(c) = self.cell() {
                    c.v_merge = Some(restart);
                }
            }
            b"r" => (self.in_run, self.run_hidden) = (true, false),
            b"vanish" | b"specVanish" if self.in_run => {
                self.run_hidden =
                    !matches!(attr(e, b"val").as_deref(), Some("0" | "false" | "off"));
            }
            b"t" => self.in_text = true,
            _ if self.in_run && self.run_hidden => {}
            b"tab" => self.paragraph.push('\t'),
            b"br" | b"cr" => self.paragraph.push('\n'),
            _ => {}
        }
        Ok(())
    }

    fn close(&mut self, name: &[u8]) {
        match name {
            b"t" => self.in_text = false,
            b"r" => self.in_run = false,
            b"p" => {
                let text = clean(&std::mem::take(&mut self.paragraph));
                match self.cell() {
                    Some(cell) => {
                        cell.text.push_str(&text);
                        cell.text.push('\n');
                    }
                    None if !text.is_empty() => self.blocks.push(Block::Paragraph(text)),
                    None => {}
                }
            }
            b"tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.end_cell();
                }
            }
            b"tbl" => {
                if let Some(t) = self.tables.pop()
                    && t.rows.iter().any(|r| !r.is_empty())
                {
                    self.blocks.push(Block::Table(Table::new(t.rows)));
                }
            }
            _ => {}
        }
    }
}

pub fn parse(xml: &str) -> Result<Document, ImportError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut state = State::default();
    // Inside `mc:Fallback`: Word reads one branch of `mc:AlternateContent`, the Choice, so
    // the Fallback's copy of the same text is skipped (the depth of elements in it).
    let mut fallback = 0usize;
    loop {
        let event = reader.read_event().map_err(|_| ImportError::Damaged)?;
        if fallback > 0 {
            match event {
                Event::Start(_) => fallback += 1,
                Event::End(_) => fallback -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(e) if local(&e) == b"Fallback" => fallback = 1,
            Event::Start(e) => state.open(&e)?,
            Event::Empty(e) => {
                state.open(&e)?;
                state.close(local(&e).as_slice());
            }
            Event::End(e) => state.close(e.local_name().as_ref()),
            Event::Text(t)
                if state.in_text
                    && state.run_hidden
                    && state.in_run
                    && !t.decode().unwrap_or_default().trim().is_empty() =>
            {
                state.hidden += 1;
            }
            Event::Text(_) | Event::GeneralRef(_)
                if state.in_text && state.run_hidden && state.in_run => {}
            Event::Text(t) if state.in_text => {
                state.paragraph.push_str(&t.decode().unwrap_or_default())
            }
            Event::GeneralRef(r) if state.in_text => state.paragraph.extend(reference(&r)),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(Document {
        blocks: state.blocks,
        stated: Stated::default(),
        hidden: state.hidden,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn tc(text: &str, props: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    }

    /// A minimal Word document holding `body`.
    pub fn docx(body: &str) -> Vec<u8> {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        );
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("[Content_Types].xml", options).unwrap();
        zip.write_all(b"<Types/>").unwrap();
        zip.start_file("word/document.xml", options).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn hidden_runs_and_the_fallback_branch_are_not_read() {
        let body = r#"<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:t>2</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>9</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>1</w:t></w:r></w:p><w:p><mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>5</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>5</w:t></w:r><w:r><w:t>6</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"#;
        let doc = read(&docx(body)).unwrap();
        assert_eq!(
            doc.blocks,
            [Block::Paragraph("21".into()), Block::Paragraph("5".into())]
        );
        assert_eq!(doc.hidden, 1);
    }

    #[test]
    fn reads_paragraphs_and_merged_cells() {
        let body = format!(
            "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">本年&amp;新收</w:t><w:tab/><w:t>3件</w:t></w:r></w:p>\
             <w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
            tc("信息内容", r#"<w:vMerge w:val="restart"/>"#),
            tc("申请人情况", r#"<w:gridSpan w:val="2"/>"#),
            tc("", "<w:vMerge/>"),
            tc("自然人", ""),
            tc("其他", ""),
            tc("一、本年新收", ""),
            tc("2", ""),
            tc("1", ""),
        );
        let doc = read(&docx(&body)).unwrap();
        assert_eq!(doc.blocks[0], Block::Paragraph("一、总体情况".into()));
        assert_eq!(doc.blocks[1], Block::Paragraph("本年&新收 3件".into()));
        let Block::Table(t) = &doc.blocks[2] else {
            panic!("{:?}", doc.blocks[2])
        };
        assert_eq!(
            t.rows[0],
            vec![
                Cell::spanning("信息内容", 1, 2),
                Cell::spanning("申请人情况", 2, 1)
            ]
        );
        assert_eq!(t.rows[1], vec![Cell::new("自然人"), Cell::new("其他")]);
        let texts = t.texts();
        assert_eq!(
            texts,
            [
                ["信息内容", "申请人情况", "申请人情况"],
                ["信息内容", "自然人", "其他"],
                ["一、本年新收", "2", "1"]
            ]
        );
    }

    #[test]
    fn reads_nianbao_custom_properties_bounded() {
        let property = |name: &str, value: &str| {
            format!(
                r#"<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="{name}"><vt:lpwstr>{value}</vt:lpwstr></property>"#
            )
        };
        let mut xml = String::from("<Properties xmlns:vt=\"v\">");
        xml.push_str(&property("Company", "别的"));
        xml.push_str(&property("nianbao:phone", "0597&amp;1&#10;2\u{1}"));
        xml.push_str(&property("nianbao:address", &"路".repeat(400_000)));
        for _ in 0..10_000 {
            xml.push_str(&property("nianbao:postcode", "1"));
        }
        xml.push_str(&property("nianbao:website", "late"));
        let stated = properties(&xml);
        let mut meta = crate::model::Meta::default();
        let notes = stated.apply_fields(&mut meta);
        assert_eq!(meta.phone, "0597&1\n2");
        assert_eq!(meta.address, "路".repeat(200));
        assert_eq!((meta.postcode.as_str(), meta.website.as_str()), ("1", ""));
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(properties("<Properties><property name=\"nianbao:organ\"><vt:lpwstr>x").is_empty());
    }

    #[test]
    fn refuses_what_is_not_a_word_file_and_zip_bombs() {
        assert!(matches!(
            read(b"PK\x03\x04 not really"),
            Err(ImportError::NotDocx)
        ));
        assert!(matches!(read(b""), Err(ImportError::NotDocx)));
        // 40 MB of one repeated paragraph compresses to a small file; it is not unpacked whole.
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        let chunk = "<w:p><w:r><w:t>0</w:t></w:r></w:p>".repeat(1000);
        for _ in 0..1200 {
            zip.write_all(chunk.as_bytes()).unwrap();
        }
        let bomb = zip.finish().unwrap().into_inner();
        assert!(bomb.len() < 1_000_000, "{}", bomb.len());
        assert!(matches!(read(&bomb), Err(ImportError::TooLarge)));
        let deep = "<w:tbl><w:tr><w:tc>".repeat(100);
        assert!(matches!(parse(&deep), Err(ImportError::TooDeep)));
    }
}
