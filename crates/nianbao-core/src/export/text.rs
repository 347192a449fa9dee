//! The plain-text alternative of the web page (the clipboard's second format): paragraphs
//! one per line, table rows with their cells separated by tabs, a merged cell's text in its
//! first row and column, as Word and WPS paste a table as text.

use super::blocks::{Block, blocks, rows};
use crate::model::Report;

pub fn plain_text(report: &Report) -> String {
    let mut out = String::new();
    for block in blocks(report) {
        match block {
            Block::Title(lines) => out.push_str(&lines.concat()),
            Block::Heading(text) | Block::Paragraph { text, .. } => out.push_str(text),
            Block::Table(grid) => {
                for row in rows(&grid) {
                    let cells: Vec<&str> = row
                        .iter()
                        .map(|c| c.map_or("", |c| c.text.as_str()))
                        .collect();
                    out.push_str(&cells.join("\t"));
                    out.push('\n');
                }
                continue;
            }
            Block::Closing { organ, date, .. } => {
                out.push_str(organ);
                out.push('\n');
                out.push_str(date);
            }
        }
        out.push('\n');
    }
    out
}
