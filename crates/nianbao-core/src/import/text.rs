//! Text copied out of Word or a web page: runs of tab-separated lines are table rows (empty
//! cells kept, their positions carry meaning), everything else is one paragraph per line
//! (pages and Word often give one table cell per line; the recogniser reads those in order).

use super::ImportError;
use super::document::{Block, Cell, Document, Table, clean};
use super::encoding::{self, Decoded};

/// Text is untrusted too: BOMs, CRLF, UTF-16 (with or without BOM) and GB18030 files are
/// all seen in the field.
pub fn decode(bytes: &[u8]) -> Result<Decoded, ImportError> {
    encoding::decode(bytes, None)
}

/// A line is a table row when a tab separates two pieces of it (leading or trailing tabs
/// alone are indentation).
fn is_row(line: &str) -> bool {
    line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
        .contains('\t')
}

pub fn parse(text: &str) -> Document {
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    // Whether the next non-blank line after each line is a table row, computed backwards
    // once (looking ahead from every blank line was quadratic in runs of blank lines).
    let mut next_is_row = vec![false; lines.len()];
    let mut following = false;
    for (i, line) in lines.iter().enumerate().rev() {
        next_is_row[i] = following;
        if !clean(line).is_empty() {
            following = is_row(line);
        }
    }
    let mut blocks = Vec::new();
    let mut table: Vec<Vec<Cell>> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if is_row(line) {
            table.push(line.split('\t').map(|c| Cell::new(clean(c))).collect());
            continue;
        }
        // A blank line inside a table does not end it when the next non-blank line is a row.
        let blank = clean(line).is_empty();
        let continues = blank && !table.is_empty() && next_is_row[i];
        if continues {
            continue;
        }
        if !table.is_empty() {
            blocks.push(Block::Table(Table::new(std::mem::take(&mut table))));
        }
        if !blank {
            blocks.push(Block::Paragraph(clean(line)));
        }
    }
    if !table.is_empty() {
        blocks.push(Block::Table(Table::new(table)));
    }
    Document {
        blocks,
        ..Document::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_rows_become_tables_and_other_lines_paragraphs() {
        let text = "\u{feff}一、总体情况\r\n\r\n正文。\r\n规章\t0\t0\t0\r\n\r\n规范性文件\t\t1\t\r\n\r\n\t　　0\r\n二、主动公开\r\n";
        let doc = parse(&decode(text.as_bytes()).unwrap().text);
        assert_eq!(
            doc.blocks,
            vec![
                Block::Paragraph("一、总体情况".into()),
                Block::Paragraph("正文。".into()),
                Block::Table(Table {
                    rows: vec![
                        ["规章", "0", "0", "0"].map(Cell::new).to_vec(),
                        ["规范性文件", "", "1", ""].map(Cell::new).to_vec(),
                    ],
                    loose: false,
                }),
                Block::Paragraph("0".into()),
                Block::Paragraph("二、主动公开".into()),
            ]
        );
    }

    #[test]
    fn decodes_gb18030_and_utf16() {
        let (gbk, _, _) = encoding_rs::GBK.encode("东双河镇");
        assert_eq!(decode(&gbk).unwrap().text, "东双河镇");
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend("镇".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16).unwrap().text, "镇");
    }

    #[test]
    fn every_seed_reads_into_blocks() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("skipped: {} is not beside this clone", dir.display());
            return;
        };
        let mut seen = 0;
        for entry in entries
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        {
            let doc = parse(&decode(&std::fs::read(entry.path()).unwrap()).unwrap().text);
            let paragraphs = doc
                .blocks
                .iter()
                .filter(|b| matches!(b, Block::Paragraph(p) if p.contains("存在的主要问题")))
                .count();
            assert!(
                paragraphs >= 1,
                "{}: section 五's heading",
                entry.path().display()
            );
            seen += 1;
        }
        assert_eq!(seen, 5);
    }
}
