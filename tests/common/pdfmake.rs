//! A test-only PDF writer in the manner of other producers (a CMS printing to PDF, Word's or
//! WPS's 另存为PDF), independent of nianbao's own: the report's paragraphs and its tables with
//! the official merged cells, ruled, rows split over pages with the header repeated and a
//! merged label's text only on its first part, page numbers. Styles vary what readers trip
//! on: every character drawn on its own, narrow number columns that wrap figures inside the
//! cell, borders as filled bars or none at all, a Unicode CMap (no ToUnicode) or glyph ids with
//! ToUnicode.

use lopdf::{Dictionary, Document, Object, Stream, dictionary};

use super::published::{self, Rows};
use nianbao::model::Report;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PdfStyle {
    pub per_glyph: bool,
    pub narrow_numbers: bool,
    pub filled_rules: bool,
    pub identity: bool,
    /// Tables drawn without any rule: only where the text sits says where the columns are.
    pub unruled: bool,
}

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const LEFT: f32 = 60.0;
const WIDTH: f32 = 475.0;
const TOP: f32 = 780.0;
const BOTTOM: f32 = 70.0;
const BODY: f32 = 12.0;
const CELL: f32 = 9.0;

struct Writer {
    style: PdfStyle,
    pages: Vec<Vec<u8>>,
    y: f32,
    /// Glyph ids given to characters (identity style).
    ids: Vec<char>,
}

fn advance(c: char, size: f32) -> f32 {
    if c.is_ascii() { size / 2.0 } else { size }
}

impl Writer {
    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    fn code(&mut self, c: char) -> String {
        if self.style.identity {
            let id = match self.ids.iter().position(|&k| k == c) {
                Some(i) => i,
                None => {
                    self.ids.push(c);
                    self.ids.len() - 1
                }
            };
            format!("{:04X}", id + 1)
        } else {
            format!("{:04X}", c as u32)
        }
    }

    fn text(&mut self, page: usize, x: f32, y: f32, size: f32, text: &str) {
        let mut ops = String::new();
        if self.style.per_glyph {
            let mut x = x;
            for c in text.chars() {
                let code = self.code(c);
                ops += &format!("BT /F1 {size} Tf 1 0 0 1 {x:.2} {y:.2} Tm <{code}> Tj ET\n");
                x += advance(c, size);
            }
        } else {
            let codes: String = text.chars().map(|c| self.code(c)).collect();
            ops += &format!("BT /F1 {size} Tf {x:.2} {y:.2} Td <{codes}> Tj ET\n");
        }
        self.pages[page].extend(ops.into_bytes());
    }

    /// A cell's box: four rules (as lines or as thin filled bars).
    fn cell_box(&mut self, page: usize, x0: f32, x1: f32, top: f32, bottom: f32) {
        if self.style.unruled {
            return;
        }
        let mut ops = String::new();
        for (a, b, c, d) in [
            (x0, top, x1, top),
            (x0, bottom, x1, bottom),
            (x0, bottom, x0, top),
            (x1, bottom, x1, top),
        ] {
            ops += &if self.style.filled_rules {
                let (w, h) = ((c - a).max(0.5), (d - b).max(0.5));
                format!("{a:.2} {b:.2} {w:.2} {h:.2} re f\n")
            } else {
                format!("{a:.2} {b:.2} m {c:.2} {d:.2} l S\n")
            };
        }
        self.pages[page].extend(ops.into_bytes());
    }

    fn paragraph(&mut self, text: &str, size: f32) {
        let lines = wrap(text, WIDTH - 2.0 * size, size);
        for (i, line) in lines.iter().enumerate() {
            if self.y - size * 1.7 < BOTTOM {
                self.new_page();
            }
            self.y -= size * 1.7;
            let x = LEFT + if i == 0 { 2.0 * size } else { 0.0 };
            let page = self.pages.len() - 1;
            self.text(page, x, self.y, size, line);
        }
    }

    fn table(&mut self, rows: &Rows) {
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        let numbers = number_columns(rows);
        let number_w: f32 = if self.style.narrow_numbers {
            22.0
        } else {
            40.0
        };
        // A table of figures only (table 四) shares the width.
        let number_w = number_w.min(WIDTH / numbers.max(1) as f32);
        let labels = width - numbers;
        let label_w = (WIDTH - numbers as f32 * number_w) / labels.max(1) as f32;
        let mut xs = vec![LEFT];
        for c in 0..width {
            xs.push(xs[c] + if c < labels { label_w } else { number_w });
        }
        let heights: Vec<f32> = rows
            .iter()
            .map(|row| {
                let lines = row
                    .iter()
                    .enumerate()
                    .filter_map(|(c, o)| o.as_ref().map(|o| (c, o)))
                    .filter(|(_, o)| o.2 == 1)
                    .map(|(c, o)| wrap(&o.0, xs[c + o.1] - xs[c] - 3.0, CELL).len())
                    .max()
                    .unwrap_or(1);
                lines.max(1) as f32 * CELL * 1.3 + 4.0
            })
            .collect();
        let header = header_rows(rows);
        // Where each row lands (page, top); the header rows again on every new page.
        let mut at: Vec<(usize, f32)> = Vec::with_capacity(rows.len());
        let mut repeats: Vec<(usize, f32, usize)> = Vec::new();
        self.y -= 8.0;
        for (r, h) in heights.iter().enumerate() {
            if self.y - h < BOTTOM && r >= header && r > 0 {
                self.new_page();
                for (k, height) in heights.iter().enumerate().take(header) {
                    repeats.push((self.pages.len() - 1, self.y, k));
                    self.y -= height;
                }
            }
            at.push((self.pages.len() - 1, self.y));
            self.y -= h;
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, origin) in row.iter().enumerate() {
                let Some((text, cols, span)) = origin else {
                    continue;
                };
                let (x0, x1) = (xs[c], xs[c + cols]);
                // One box per page the merged cell's rows land on; its text in the first.
                let mut first = true;
                let mut k = r;
                while k < (r + span).min(rows.len()) {
                    let page = at[k].0;
                    let mut last = k;
                    while last + 1 < (r + span).min(rows.len()) && at[last + 1].0 == page {
                        last += 1;
                    }
                    let bottom = at[last].1 - heights[last];
                    self.cell_box(page, x0, x1, at[k].1, bottom);
                    if first {
                        self.cell_text(page, x0, x1, at[k].1, text);
                        first = false;
                    }
                    k = last + 1;
                }
            }
        }
        for (page, top, h) in repeats {
            for (c, origin) in rows[h].iter().enumerate() {
                let Some((text, cols, span)) = origin else {
                    continue;
                };
                let height: f32 = heights[h..(h + span).min(header)].iter().sum();
                let (x0, x1) = (xs[c], xs[c + cols]);
                self.cell_box(page, x0, x1, top, top - height);
                self.cell_text(page, x0, x1, top, text);
            }
        }
        self.y -= 8.0;
    }

    fn cell_text(&mut self, page: usize, x0: f32, x1: f32, top: f32, text: &str) {
        for (i, line) in wrap(text, x1 - x0 - 3.0, CELL).iter().enumerate() {
            self.text(
                page,
                x0 + 1.5,
                top - 2.0 - CELL * (1.0 + 1.3 * i as f32),
                CELL,
                line,
            );
        }
    }
}

/// Text broken into lines no wider than `width`, characters never split.
fn wrap(text: &str, width: f32, size: f32) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut used = 0.0;
    for c in text.chars() {
        let w = advance(c, size);
        if used + w > width && !lines.last().unwrap().is_empty() {
            lines.push(String::new());
            used = 0.0;
        }
        lines.last_mut().unwrap().push(c);
        used += w;
    }
    lines
}

/// Columns holding figures: those whose body cells are all numbers or empty.
fn number_columns(rows: &Rows) -> usize {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let numeric = |t: &str| t.chars().all(|c| c.is_ascii_digit() || "+-.".contains(c));
    (0..width)
        .rev()
        .take_while(|&c| {
            rows.iter()
                .skip(header_rows(rows))
                .all(|row| row.get(c).cloned().flatten().is_none_or(|o| numeric(&o.0)))
        })
        .count()
}

/// Rows before the first with a figure in its last column.
fn header_rows(rows: &Rows) -> usize {
    rows.iter()
        .position(|row| {
            row.iter().flatten().last().is_some_and(|o| {
                !o.0.is_empty() && o.0.chars().all(|c| c.is_ascii_digit() || "+-.".contains(c))
            })
        })
        .unwrap_or(rows.len())
}

/// The report as such a PDF.
pub fn pdf_of(report: &Report, tables: &[(usize, Rows)], style: PdfStyle) -> Vec<u8> {
    let mut w = Writer {
        style,
        pages: Vec::new(),
        y: TOP,
        ids: Vec::new(),
    };
    w.new_page();
    for (table, text) in published::paragraphs(report) {
        match table {
            Some(ti) => {
                for (_, rows) in tables.iter().filter(|(t, _)| *t == ti) {
                    w.table(rows);
                }
            }
            None if text.is_empty() => {}
            None => w.paragraph(&text, BODY),
        }
    }
    for (i, page) in w.pages.iter_mut().enumerate() {
        let number = format!("- {} -", i + 1);
        let codes: String = number
            .chars()
            .map(|c| format!("{:04X}", c as u32))
            .collect();
        page.extend(format!("BT /F2 10 Tf 280 40 Td <{codes}> Tj ET\n").into_bytes());
    }
    assemble(w)
}

fn assemble(w: Writer) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let widths = Object::Array(vec![32.into(), 126.into(), 500.into()]);
    let cid = |doc: &mut Document| {
        doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "STSong-Light",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("GB1"), "Supplement" => 5 },
            "DW" => 1000,
            "W" => widths.clone(),
        })
    };
    let ucs2 = cid(&mut doc);
    let plain = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "STSong-Light",
        "Encoding" => "UniGB-UCS2-H", "DescendantFonts" => vec![ucs2.into()],
    });
    let body = if w.style.identity {
        let mut cmap = String::from(
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
        );
        for chunk in w.ids.chunks(100).enumerate() {
            cmap.push_str(&format!("{} beginbfchar\n", chunk.1.len()));
            for (k, c) in chunk.1.iter().enumerate() {
                let id = chunk.0 * 100 + k + 1;
                cmap.push_str(&format!("<{id:04X}> <{:04X}>\n", *c as u32));
            }
            cmap.push_str("endbfchar\n");
        }
        cmap.push_str("endcmap CMapName currentdict /CMap defineresource pop end end\n");
        let to_unicode = doc.add_object(Stream::new(Dictionary::new(), cmap.into_bytes()));
        let mut id_widths = Vec::new();
        for (i, c) in w.ids.iter().enumerate() {
            id_widths.push(Object::Integer(i as i64 + 1));
            id_widths.push(Object::Array(vec![
                if c.is_ascii() { 500 } else { 1000 }.into(),
            ]));
        }
        let descendant = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "ABCDEF+SimSun",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
            "DW" => 1000, "W" => id_widths,
        });
        doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ABCDEF+SimSun",
            "Encoding" => "Identity-H", "DescendantFonts" => vec![descendant.into()],
            "ToUnicode" => to_unicode,
        })
    } else {
        plain
    };
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => body, "F2" => plain },
    });
    let mut kids = Vec::new();
    for content in w.pages {
        let content = doc.add_object(Stream::new(Dictionary::new(), content));
        kids.push(Object::from(doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), PAGE_W.into(), PAGE_H.into()],
        })));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A one-page scan: a page-sized image and no text.
pub fn scanned() -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let image = doc.add_object(Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1,
        "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8 },
        vec![0x80],
    ));
    let resources = dictionary! { "XObject" => dictionary! { "Im1" => image } };
    one_page(doc, b"q 595 0 0 842 0 0 cm /Im1 Do Q", resources)
}

/// A document of one A4 page with this content and these resources, saved.
pub fn one_page(mut doc: Document, content: &[u8], resources: Dictionary) -> Vec<u8> {
    let pages = doc.new_object_id();
    let content = doc.add_object(Stream::new(Dictionary::new(), content.to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => content, "Resources" => resources,
        "MediaBox" => vec![0.into(), 0.into(), PAGE_W.into(), PAGE_H.into()],
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}
