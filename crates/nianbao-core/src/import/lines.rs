//! The document as the recogniser walks it: one [`Line`] per paragraph or table row, plus the
//! text normalisation that makes labels comparable across Word, web pages and copied text.

use super::document::{Block, Document, Table, clean};

/// How far the positions of a line's cells can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A paragraph: one piece of text, no position.
    Text,
    /// A row of a real table (Word, web page): merged cells are known, positions are exact.
    Exact,
    /// A tab-separated row of copied text: merged cells are lost, positions are shifted.
    Loose,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// One text per grid position; a position covered by a merged cell is "".
    pub cells: Vec<String>,
    /// Per position: the column span of the cell that starts there, 0 where covered.
    pub spans: Vec<usize>,
    pub layout: Layout,
    /// Which table of the source the row is from (`None` for a paragraph): a table's
    /// header rows say where its columns are, for its own rows only.
    pub table: Option<usize>,
}

impl Line {
    pub fn paragraph(text: String) -> Line {
        Line {
            cells: vec![text],
            spans: vec![1],
            layout: Layout::Text,
            table: None,
        }
    }

    pub fn text(&self) -> String {
        self.cells
            .iter()
            .filter(|c| !c.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Flattens a document. `exact` says whether its tables carry their merged cells (Word, HTML)
/// or were copied as tab-separated text.
pub fn lines(doc: &Document, exact: bool) -> Vec<Line> {
    let mut out = Vec::new();
    for (b, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Paragraph(p) => {
                let text = clean(&strip_artefacts(p));
                if !text.is_empty() {
                    out.push(Line::paragraph(text));
                }
            }
            Block::Table(t) => table_lines(t, b, exact && !t.loose, &mut out),
        }
    }
    out
}

fn table_lines(t: &Table, table: usize, exact: bool, out: &mut Vec<Line>) {
    let grid = t.grid();
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    for row in grid {
        // A row with fewer cells than the table lost some: its positions are not exact.
        let short = row.len() < width || row.last().is_some_and(Option::is_none);
        let mut cells = Vec::with_capacity(row.len());
        let mut spans = Vec::with_capacity(row.len());
        for (c, slot) in row.iter().enumerate() {
            // A covered position is blank: a merged label must not be read twice.
            match slot {
                Some(s) if s.origin => {
                    let cell = t.cell(*s);
                    cells.push(clean(&strip_artefacts(&cell.text)));
                    let covered = row[c + 1..]
                        .iter()
                        .take_while(|o| {
                            o.is_some_and(|o| !o.origin && o.row == s.row && o.index == s.index)
                        })
                        .count();
                    spans.push(1 + covered);
                }
                _ => {
                    cells.push(String::new());
                    spans.push(0);
                }
            }
        }
        if cells.iter().all(String::is_empty) {
            continue;
        }
        let layout = if exact && !short {
            Layout::Exact
        } else {
            Layout::Loose
        };
        // A row with one piece of text is a paragraph in a table (a caption).
        let filled = cells.iter().filter(|c| !c.is_empty()).count();
        if filled == 1 && layout == Layout::Loose {
            out.push(Line::paragraph(
                cells
                    .into_iter()
                    .find(|c| !c.is_empty())
                    .unwrap_or_default(),
            ));
        } else {
            out.push(Line {
                cells,
                spans,
                layout,
                table: Some(table),
            });
        }
    }
}

/// Word leaves bookmarks in copied text (「[bookmark: _GoBack]」). One pass: linear in the
/// text however many there are.
fn strip_artefacts(text: &str) -> String {
    const MARK: &str = "[bookmark:";
    if !text.contains(MARK) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(MARK) {
        out.push_str(&rest[..start]);
        match rest[start..].find(']') {
            Some(end) => rest = &rest[start + end + 1..],
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A label as compared: width folded, only letters and digits kept, so 「(一) 予以公开」,
/// 「（一）予以公开」 and 「（一）\n予以公开」 are the same and 「规 章」 is 「规章」.
pub fn norm(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            c => c,
        };
        // Common ideographs are letters: spare them the slow Unicode table lookup.
        if matches!(c, '\u{4e00}'..='\u{9fff}') || c.is_alphanumeric() {
            out.push(c);
        }
    }
    out
}

/// How alike two normalised labels are: twice their longest common subsequence over their
/// total length (1.0 = equal). Labels are short, so the quadratic table is cheap.
pub fn likeness(a: &str, b: &str) -> f32 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut prev = vec![0u16; b.len() + 1];
    let mut row = vec![0u16; b.len() + 1];
    for ca in &a {
        for (j, cb) in b.iter().enumerate() {
            row[j + 1] = if ca == cb {
                prev[j] + 1
            } else {
                row[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut row);
    }
    2.0 * f32::from(prev[b.len()]) / (a.len() + b.len()) as f32
}

/// Labels that drifted from the template's wording still match when they are this alike
/// and start with the same numbering (so 「1.」 never matches 「2.」).
const DRIFT_LIKENESS: f32 = 0.8;

/// Whether a label found in a document names a template label. Both are normalised by
/// `norm` beforehand (once, by the caller: every line is compared with every row).
pub fn same_label(f: &str, t: &str) -> bool {
    if f.is_empty() || t.is_empty() {
        return false;
    }
    if f == t {
        return true;
    }
    let lead = |s: &str| s.chars().next();
    let numbered = |c: Option<char>| {
        c.is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
    };
    if (numbered(lead(f)) || numbered(lead(t))) && lead(f) != lead(t) {
        return false;
    }
    let (nf, nt) = (f.chars().count(), t.chars().count());
    // The common part is at most the shorter label: skip the comparison when even that is
    // not alike enough (most rows of a table, for any one line).
    let best = 2.0 * nf.min(nt) as f32 / (nf + nt) as f32;
    nt >= 4 && best >= DRIFT_LIKENESS && likeness(f, t) >= DRIFT_LIKENESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(found: &str, template: &str) -> bool {
        same_label(&norm(found), &norm(template))
    }

    #[test]
    fn labels_match_across_width_spaces_and_drift() {
        assert!(same("(一) 予以公开", "（一）予以公开"));
        assert!(same("规 章", "规章"));
        assert!(same("2.其他法律法规禁止公开", "2.其他法律行政法规禁止公开"));
        assert!(same(
            "(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
        ));
        assert!(!same("1.属于国家秘密", "2.其他法律行政法规禁止公开"));
        assert!(!same(
            "（一）予以公开",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
        ));
        // A gb2021 report that drops 行政 still names the same row.
        assert!(same("规范性文件", "行政规范性文件"));
        assert!(!same("总计", "（七）总计"));
        assert!(!same("其他", "3.其他"));
    }

    #[test]
    fn bookmarks_and_spaces_go() {
        assert_eq!(
            strip_artefacts("[bookmark: _GoBack]（一）把握重点"),
            "（一）把握重点"
        );
        assert_eq!(norm("3.危及“三安全一稳定”"), "3危及三安全一稳定");
    }
}
