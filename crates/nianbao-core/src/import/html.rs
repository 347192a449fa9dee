//! Saved government web pages: the text and the tables of an HTML file, in reading order.
//! Tables keep rowspan/colspan. A table that holds another table is page layout: its own
//! text flows out as paragraphs. GBK/GB2312 pages are decoded by their declared charset.
//! Iterative (no recursion), so any nesting depth is safe.

use super::ImportError;
use super::document::{Block, Cell, Document, Table, clean};
use super::encoding::{self, Decoded};
use super::stated::{self, Stated};

/// The text of an HTML file: by BOM, by its declared charset when the content agrees, else
/// by what the content decodes as (see `encoding`).
pub fn decode(bytes: &[u8]) -> Result<Decoded, ImportError> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let declared = head.find("charset=").and_then(|at| {
        let label: String = head[at + 8..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        encoding_rs::Encoding::for_label(label.as_bytes())
    });
    encoding::decode(bytes, declared)
}

#[derive(Default)]
struct TableBuilder {
    rows: Vec<Vec<Cell>>,
    row: Option<Vec<Cell>>,
    cell: Option<Cell>,
    /// Holds another table: it is page layout, not data.
    layout: bool,
}

impl TableBuilder {
    fn close_cell(&mut self, out: &mut Vec<Block>) {
        if let Some(mut cell) = self.cell.take() {
            cell.text = clean(&cell.text);
            if self.layout {
                if !cell.text.is_empty() {
                    out.push(Block::Paragraph(cell.text));
                }
            } else {
                self.row.get_or_insert_with(Vec::new).push(cell);
            }
        }
    }

    fn close_row(&mut self, out: &mut Vec<Block>) {
        self.close_cell(out);
        if let Some(row) = self.row.take() {
            self.rows.push(row);
        }
    }
}

struct Parser {
    blocks: Vec<Block>,
    paragraph: String,
    tables: Vec<TableBuilder>,
    stated: Stated,
}

impl Parser {
    fn text(&mut self, text: &str) {
        match self.tables.last_mut() {
            Some(table) => {
                if let Some(cell) = &mut table.cell {
                    cell.text.push_str(text);
                }
            }
            None => self.paragraph.push_str(text),
        }
    }

    /// A block boundary (p, div, br, li, headings) outside tables ends a paragraph; inside a
    /// cell it is a line break.
    fn boundary(&mut self) {
        match self.tables.last_mut() {
            Some(table) => {
                if let Some(cell) = &mut table.cell {
                    cell.text.push('\n');
                }
            }
            None => {
                let text = clean(&std::mem::take(&mut self.paragraph));
                if !text.is_empty() {
                    self.blocks.push(Block::Paragraph(text));
                }
            }
        }
    }

    fn open_table(&mut self) {
        if self.tables.is_empty() {
            self.boundary();
        }
        if let Some(outer) = self.tables.last_mut() {
            // The outer table is layout: what it gathered so far flows out as paragraphs.
            if !outer.layout {
                outer.layout = true;
                for row in std::mem::take(&mut outer.rows)
                    .into_iter()
                    .chain(outer.row.take())
                {
                    for cell in row.into_iter().filter(|c| !c.text.is_empty()) {
                        self.blocks.push(Block::Paragraph(cell.text));
                    }
                }
            }
            outer.close_cell(&mut self.blocks);
            outer.cell = Some(Cell::new(""));
        }
        self.tables.push(TableBuilder::default());
    }

    fn close_table(&mut self) {
        let Some(mut table) = self.tables.pop() else {
            return;
        };
        table.close_row(&mut self.blocks);
        if !table.layout && table.rows.iter().any(|r| !r.is_empty()) {
            self.blocks.push(Block::Table(Table::new(table.rows)));
        }
    }

    fn tag(&mut self, name: &str, closing: bool, attrs: &str) {
        match (name, closing) {
            ("table", false) => self.open_table(),
            ("table", true) => self.close_table(),
            ("tr", _) => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_row(&mut self.blocks);
                    if !closing {
                        t.row = Some(Vec::new());
                    }
                }
            }
            ("td" | "th", false) => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_cell(&mut self.blocks);
                    let span = |name| {
                        attribute(attrs, name)
                            .and_then(|v| v.trim().parse().ok())
                            .unwrap_or(1)
                    };
                    t.cell = Some(Cell::spanning("", span("colspan"), span("rowspan")));
                }
            }
            ("td" | "th", true) => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_cell(&mut self.blocks);
                }
            }
            (
                "br" | "p" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "section"
                | "article",
                _,
            ) => self.boundary(),
            ("meta", false) => self.meta(attrs),
            _ => {}
        }
    }

    /// `<meta name="nianbao:…" content="…">`: a particular nianbao's page states. Bounded:
    /// only so many are looked at, and only the head of each value is decoded.
    fn meta(&mut self, attrs: &str) {
        if !self.stated.open() {
            return;
        }
        let Some(name) = attribute(attrs, "name") else {
            return;
        };
        if !name.trim().starts_with(stated::PREFIX) {
            return;
        }
        let raw = attribute(attrs, "content").unwrap_or("");
        let head = stated::raw_prefix(raw);
        self.stated
            .offer(name, &entities(head), head.len() < raw.len());
    }
}

/// The value of an attribute in a tag's attribute text (quoted or not), as written. The
/// name is matched ignoring ASCII case.
fn attribute<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    // ASCII lower-casing keeps every byte offset, so positions found in `lower` cut `attrs`.
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find(name) {
        let at = from + found;
        from = at + name.len();
        let before_ok = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
        let rest = attrs[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value = rest[1..].trim_start();
        let value = match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        };
        return Some(value);
    }
    None
}

pub fn parse(html: &str) -> Document {
    let mut p = Parser {
        blocks: Vec::new(),
        paragraph: String::new(),
        tables: Vec::new(),
        stated: Stated::default(),
    };
    let mut rest = html;
    // Inside an element a reader does not see: its name and how deep its own kind nests.
    let mut hidden: Option<(String, usize)> = None;
    let mut hidden_pieces = 0;
    while let Some(lt) = rest.find('<') {
        match hidden {
            None => p.text(&entities(&rest[..lt])),
            Some(_) if !rest[..lt].trim().is_empty() => hidden_pieces += 1,
            Some(_) => {}
        }
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |end| &rest[end + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            rest = "";
            break;
        };
        let inner = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = inner.starts_with('/');
        let inner = inner.trim_start_matches('/');
        let name_end = inner
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(inner.len());
        let name = inner[..name_end].to_ascii_lowercase();
        if let Some((element, depth)) = &mut hidden {
            if *element == name && !is_void(&name) {
                if closing {
                    *depth -= 1;
                } else {
                    *depth += 1;
                }
            }
            if *depth == 0 {
                hidden = None;
            }
            continue;
        }
        if !closing && !is_void(&name) && is_hidden(&name, &inner[name_end..]) {
            hidden = Some((name, 1));
            continue;
        }
        if !closing && (name == "script" || name == "style") {
            // Their content is not text. Searched without copying the rest of the page, so
            // many scripts cost time linear in the page.
            rest = find_ascii_ci(rest, &format!("</{name}")).map_or("", |at| &rest[at..]);
            continue;
        }
        p.tag(&name, closing, &inner[name_end..]);
    }
    match hidden {
        None => p.text(&entities(rest)),
        Some(_) if !rest.trim().is_empty() => hidden_pieces += 1,
        Some(_) => {}
    }
    while !p.tables.is_empty() {
        p.close_table();
    }
    p.boundary();
    Document {
        blocks: p.blocks,
        stated: p.stated,
        hidden: hidden_pieces,
    }
}

/// Elements without content: never open a hidden part.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "img"
            | "input"
            | "meta"
            | "link"
            | "hr"
            | "wbr"
            | "col"
            | "area"
            | "base"
            | "source"
    )
}

/// What a browser does not show: `<template>`, the `hidden` attribute, an inline style of
/// `display:none` or `visibility:hidden`. (Style sheets' classes are not evaluated.)
fn is_hidden(name: &str, attrs: &str) -> bool {
    if name == "template" {
        return true;
    }
    let lower = attrs.to_ascii_lowercase();
    let has_hidden_attribute = lower.match_indices("hidden").any(|(at, _)| {
        let before = lower[..at].chars().next_back();
        let after = lower[at + "hidden".len()..].chars().next();
        before.is_none_or(|c| c.is_whitespace())
            && after.is_none_or(|c| c.is_whitespace() || c == '=' || c == '/')
    });
    let style: String = attribute(attrs, "style")
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    has_hidden_attribute || style.contains("display:none") || style.contains("visibility:hidden")
}

/// Where `needle` (ASCII, lower case) first occurs in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let first = needle.first()?;
    memchr::memchr_iter(*first, hay).find(|&at| {
        hay.len() >= at + needle.len() && hay[at..at + needle.len()].eq_ignore_ascii_case(needle)
    })
}

/// The character references government pages use.
fn entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "nbsp" => Some('\u{a0}'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                "lsquo" => Some('‘'),
                "rsquo" => Some('’'),
                "mdash" => Some('—'),
                "middot" => Some('·'),
                "hellip" => Some('…'),
                "emsp" | "ensp" | "thinsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(doc: &Document) -> Vec<&Table> {
        doc.blocks
            .iter()
            .filter_map(|b| {
                if let Block::Table(t) = b {
                    Some(t)
                } else {
                    None
                }
            })
            .collect()
    }

    #[test]
    fn reads_paragraphs_and_a_table_with_spans() {
        let html = r#"<html><head><meta charset="utf-8"><style>td{color:red}</style><script>var x="<table>";</script></head>
            <body><div class="nav">首页 &gt; 政务公开</div><p>一、总体情况</p><p>本年新收申请&nbsp;3&#20214;。</p>
            <table border=1><tr><td rowspan="2">信息内容</td><td colspan=2>申请人情况</td></tr>
            <tr><td>自然人<td>其他</tr><tr><td>一、本年新收</td><td>2</td><td>1</td></tr></table><p>二、</p></body></html>"#;
        let doc = parse(html);
        let paragraphs: Vec<&str> = doc
            .blocks
            .iter()
            .filter_map(|b| {
                if let Block::Paragraph(p) = b {
                    Some(p.as_str())
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(
            paragraphs,
            [
                "首页 > 政务公开",
                "一、总体情况",
                "本年新收申请 3件。",
                "二、"
            ]
        );
        let t = tables(&doc);
        assert_eq!(t.len(), 1);
        let texts = t[0].texts();
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
    fn a_layout_table_lets_its_content_flow() {
        let html = "<table><tr><td>页面标题</td><td><p>一、总体情况</p><table><tr><td>规章</td><td>0</td></tr></table><p>五、存在的主要问题</p></td></tr></table>";
        let doc = parse(html);
        assert_eq!(
            doc.blocks,
            vec![
                Block::Paragraph("页面标题".into()),
                Block::Paragraph("一、总体情况".into()),
                Block::Table(Table {
                    rows: vec![vec![Cell::new("规章"), Cell::new("0")]],
                    loose: false,
                }),
                Block::Paragraph("五、存在的主要问题".into()),
            ]
        );
    }

    #[test]
    fn decodes_gbk_pages() {
        let (bytes, _, _) = encoding_rs::GBK.encode("<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\"><p>浉河区东双河镇</p>");
        assert_eq!(
            parse(&decode(&bytes).unwrap().text).blocks,
            vec![Block::Paragraph("浉河区东双河镇".into())]
        );
        // Undeclared and not UTF-8: GB18030.
        let (bytes, _, _) = encoding_rs::GBK.encode("<p>政府信息公开</p>");
        assert_eq!(
            parse(&decode(&bytes).unwrap().text).blocks,
            vec![Block::Paragraph("政府信息公开".into())]
        );
    }

    #[test]
    fn reads_nianbao_meta_tags_as_written() {
        let doc = parse(
            "<head><meta name=\"description\" content=\"Other\"><meta content='Wx&amp;&#10;Y' NAME=nianbao:address /><meta name=\"nianbao:address\" content=\"second\"></head><p>正文</p>",
        );
        let mut meta = crate::model::Meta::default();
        assert!(doc.stated.apply_fields(&mut meta).is_empty());
        assert_eq!(meta.address, "Wx&\nY");
        assert_eq!(doc.blocks, vec![Block::Paragraph("正文".into())]);
        assert!(
            parse("<meta name=\"keywords\" content=\"年报\">")
                .stated
                .is_empty()
        );
    }

    #[test]
    fn hidden_text_is_left_out_and_counted() {
        let html = r#"<table><tr><td>规章</td><td>2<span style="display: NONE">9</span></td><td><span hidden>7</span>3<template>5</template></td><td aria-hidden="true">4<div style="visibility:hidden"><div>8</div></div></td></tr></table><p data-x=hidden>正文</p>"#;
        let doc = parse(html);
        let texts: Vec<&str> = tables(&doc)[0].rows[0]
            .iter()
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(texts, ["规章", "2", "3", "4"]);
        assert_eq!(doc.blocks[1], Block::Paragraph("正文".into()));
        assert_eq!(doc.hidden, 4);
    }

    #[test]
    fn deep_nesting_and_broken_markup_do_not_hurt() {
        let deep = "<table><tr><td>".repeat(50_000);
        let _ = parse(&deep);
        let _ = parse("<td>孤立</td></tr></table><table <<>>&#xffffffff; &#99999999; &unknown; <p");
    }
}
