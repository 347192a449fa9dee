//! The pages' items as one document: lines joined into paragraphs where the text runs on
//! (a full line followed by one that is not indented, also across a page break), title lines
//! joined, a table continued on the next page joined to its start (its repeated header
//! dropped), and lines with columns of figures but no rules gathered into loose tables.

use super::grid::boundaries;
use super::lines::{TextLine, is_figure, join_into};
use super::page::{Item, PageCell, PageTable};
use crate::import::document::{Block, Cell, Document, Table};

/// The body text's measure, from the lines themselves.
struct Measure {
    left: f32,
    right: f32,
    size: f32,
}

enum Out {
    Paragraph {
        text: String,
        last: TextLine,
        page: usize,
    },
    Ruled(PageTable),
    Loose(Vec<TextLine>),
}

pub fn document(pages: Vec<Vec<Item>>) -> Document {
    let measure = measure(&pages);
    let mut out: Vec<Out> = Vec::new();
    for (page, items) in pages.into_iter().enumerate() {
        for item in items {
            match item {
                Item::Table(t) => match out.last_mut() {
                    Some(Out::Ruled(prev)) if continues(prev, &t) => append(prev, t),
                    _ => out.push(Out::Ruled(t)),
                },
                Item::Line(l)
                    if is_row(&l) || is_wrapped_rest(&out, &l) || is_table_label(&out, &l) =>
                {
                    match out.last_mut() {
                        Some(Out::Loose(rows)) => add_row(rows, l),
                        _ => out.push(Out::Loose(vec![l])),
                    }
                }
                Item::Line(l) => match out.last_mut() {
                    Some(Out::Paragraph {
                        text,
                        last,
                        page: at,
                    }) if runs_on(&measure, last, &l, *at == page) => {
                        join_into(text, &l.text(), false);
                        *last = l;
                        *at = page;
                    }
                    _ => out.push(Out::Paragraph {
                        text: l.text(),
                        last: l,
                        page,
                    }),
                },
            }
        }
    }
    Document {
        blocks: out.into_iter().map(block).collect(),
        ..Document::default()
    }
}

fn block(out: Out) -> Block {
    match out {
        Out::Paragraph { text, .. } => Block::Paragraph(text),
        Out::Ruled(t) => Block::Table(Table::new(
            t.rows
                .into_iter()
                .map(|row| row.into_iter().map(|c| c.cell).collect())
                .collect(),
        )),
        Out::Loose(rows) => Block::Table(loose_table(&rows)),
    }
}

fn measure(pages: &[Vec<Item>]) -> Measure {
    let lines: Vec<&TextLine> = pages
        .iter()
        .flatten()
        .filter_map(|i| match i {
            Item::Line(l) => Some(l),
            Item::Table(_) => None,
        })
        .collect();
    Measure {
        left: mode(lines.iter().map(|l| l.x0)),
        right: mode(lines.iter().map(|l| l.x1)),
        size: mode(lines.iter().map(|l| l.size)),
    }
}

/// The most common value, in 2-point bins (the larger bin on a tie).
fn mode(values: impl Iterator<Item = f32>) -> f32 {
    let mut bins: std::collections::BTreeMap<i32, usize> = Default::default();
    for v in values {
        *bins.entry((v / 2.0).round() as i32).or_default() += 1;
    }
    bins.into_iter()
        .max_by_key(|(bin, n)| (*n, *bin))
        .map_or(0.0, |(bin, _)| bin as f32 * 2.0)
}

/// Whether `line` continues the paragraph that `last` ended so far.
fn runs_on(m: &Measure, last: &TextLine, line: &TextLine, same_page: bool) -> bool {
    let size = line.size.max(1.0);
    if (last.size - line.size).abs() > 0.15 * size {
        return false;
    }
    // Title lines: larger than the body, centred, one under the other.
    let centre = (m.left + m.right) / 2.0;
    let centred = |l: &TextLine| ((l.x0 + l.x1) / 2.0 - centre).abs() < 2.0 * size;
    if same_page && line.size > 1.2 * m.size && centred(last) && centred(line) {
        return last.y - line.y < 2.5 * size;
    }
    // A ragged right edge (unjustified text) ends up to two characters short, and shorter by
    // the next line's first word where that did not fit: a run of figures or Latin letters is
    // never broken (「地址：…路」 over 「90号」, a telephone number moved down whole).
    let full = last.x1 + leading_word_width(line) >= m.right - 2.5 * size;
    let indented = line.x0 > m.left + 0.8 * size;
    let close = !same_page || last.y - line.y <= 2.3 * size;
    full && !indented && close && !starts_heading(&line.text())
}

/// The width of the run of figures and Latin letters a line starts with (0 for a Chinese
/// character), at the line's own measure of its first piece.
fn leading_word_width(line: &TextLine) -> f32 {
    let Some((x0, x1, text)) = line.pieces.first() else {
        return 0.0;
    };
    let word = |c: &char| c.is_ascii_graphic();
    let run = text.chars().take_while(word).count();
    // Figures are narrower than ideographs: the piece's own width shared out, with each
    // ideograph counted twice.
    let units: usize = text.chars().map(|c| if word(&c) { 1 } else { 2 }).sum();
    (x1 - x0) * run as f32 / units.max(1) as f32
}

/// 「一、」「（一）」「1.」: a heading or list item starts a paragraph even flush left.
fn starts_heading(text: &str) -> bool {
    let t = text.trim_start();
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let mut chars = t.chars();
    match chars.next() {
        Some('（' | '(') => chars.next().is_some_and(numeral),
        Some(c) if numeral(c) => {
            let rest: String = chars.take_while(|c| numeral(*c)).collect();
            let after = t[c.len_utf8() + rest.len()..].chars().next();
            matches!(after, Some('、' | '．' | '.'))
        }
        _ => false,
    }
}

/// A line of figures in columns with no table drawn: a label, then only figures apart from it
/// and from each other (running text that merely mentions a number never ends in one apart).
fn is_row(line: &TextLine) -> bool {
    let figure = |t: &str| {
        let t = t.replace([',', '，', ' '], "");
        !t.is_empty()
            && t.len() <= 16
            && t.trim_start_matches(['+', '-'])
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.')
    };
    let labels = line
        .pieces
        .iter()
        .take_while(|(_, _, t)| !figure(t))
        .count();
    // Table 四's figures stand in a row of their own, without a label.
    (labels >= 1 || line.pieces.len() >= 3)
        && labels < line.pieces.len()
        && line.pieces[labels..].iter().all(|(_, _, t)| figure(t))
}

/// Separates the parts of a figure that a table without rules wrapped over lines: whether the
/// line below held the rest of a number or a row of its own cannot be told, so the cell keeps
/// both parts, is not a number, and is flagged with what the page shows.
pub const WRAPPED: char = '｜';

/// A line at line spacing below a loose row, holding the rest of what wrapped in its cells:
/// text left of the row's first figure (the labels' rest, not a numbered label of its own) and
/// figures each under a figure of the row.
fn continues_row(above: &TextLine, line: &TextLine) -> bool {
    let size = line.size.max(1.0);
    let first_figure = above
        .pieces
        .iter()
        .find(|(_, _, t)| is_figure(t))
        .map_or(f32::MIN, |p| p.0);
    let under_figure = |centre: f32| {
        above.pieces.iter().any(|(x0, x1, u)| {
            is_figure(u) && *x0 - 0.5 * size <= centre && centre <= *x1 + 0.5 * size
        })
    };
    above.y - line.y > 0.0
        && above.y - line.y < 1.5 * size
        && line.pieces.iter().all(|(a, b, t)| {
            if is_figure(t) {
                under_figure((a + b) / 2.0)
            } else {
                *b <= first_figure && !starts_heading(t)
            }
        })
}

fn has_figure(row: &TextLine) -> bool {
    row.pieces.iter().any(|(_, _, t)| is_figure(t))
}

/// The last row of a loose table that holds figures (label-only lines may follow it).
fn figure_row(rows: &[TextLine]) -> Option<usize> {
    rows.iter().rposition(has_figure)
}

fn is_wrapped_rest(out: &[Out], line: &TextLine) -> bool {
    matches!(out.last(), Some(Out::Loose(rows))
        if figure_row(rows).is_some_and(|k| continues_row(&rows[k], line)))
}

/// Text in a loose table's label columns between its rows, in the table's type size: a merged
/// group label set in the middle of its rows (「（四）无法提供」), which must not end the table.
fn is_table_label(out: &[Out], line: &TextLine) -> bool {
    let Some(Out::Loose(rows)) = out.last() else {
        return false;
    };
    let (Some(last), Some(k)) = (rows.last(), figure_row(rows)) else {
        return false;
    };
    let size = line.size.max(1.0);
    let first_figure = rows[k]
        .pieces
        .iter()
        .find(|(_, _, t)| is_figure(t))
        .map_or(f32::MIN, |p| p.0);
    (last.size - line.size).abs() < 0.15 * size
        && last.y - line.y > 0.0
        && last.y - line.y < 2.5 * size
        && line.pieces.iter().all(|(_, b, _)| *b <= first_figure)
}

/// Whether `line`'s figures sit right under figures of `above`, at line spacing: the rest of
/// numbers wrapped in their cells, or a row of its own set very tight.
fn under_figures(above: &TextLine, line: &TextLine) -> bool {
    let size = line.size.max(1.0);
    above.y - line.y > 0.0
        && above.y - line.y < 1.5 * size
        && line.pieces.iter().any(|(a, b, t)| {
            let centre = (a + b) / 2.0;
            is_figure(t)
                && above.pieces.iter().any(|(x0, x1, u)| {
                    is_figure(u) && *x0 - 0.5 * size <= centre && centre <= *x1 + 0.5 * size
                })
        })
}

/// A row line, a group label between rows, or the wrapped rest of the last figure row joined
/// onto it piece by piece: labels run on, figures keep their parts apart (`WRAPPED`). A row of
/// its own so tight under the last one that it could be the rest of its figures is kept, and
/// the figures above are shown with it, flagged: which it is cannot be told.
fn add_row(rows: &mut Vec<TextLine>, line: TextLine) {
    let Some(k) = figure_row(rows) else {
        rows.push(line);
        return;
    };
    if continues_row(&rows[k], &line) {
        join_rest(&mut rows[k], line.pieces);
    } else if has_figure(&line) && under_figures(&rows[k], &line) {
        let figures = line.pieces.iter().filter(|(_, _, t)| is_figure(t)).cloned();
        join_rest(&mut rows[k], figures.collect());
        rows.push(line);
    } else {
        rows.push(line);
    }
}

fn join_rest(above: &mut TextLine, pieces: Vec<(f32, f32, String)>) {
    for (a, b, text) in pieces {
        // The piece above that this one sits under most (the nearest left edge on a tie).
        let overlap = |(x0, x1): (f32, f32)| x1.min(b) - x0.max(a);
        let under = above.pieces.iter_mut().max_by(|p, q| {
            overlap((p.0, p.1))
                .total_cmp(&overlap((q.0, q.1)))
                .then((q.0 - a).abs().total_cmp(&(p.0 - a).abs()))
        });
        if let Some(piece) = under {
            if is_figure(&piece.2) && is_figure(&text) {
                piece.2.push(WRAPPED);
                piece.2.push_str(&text);
            } else {
                join_into(&mut piece.2, &text, false);
            }
        }
    }
}

/// Columns from where the pieces sit: each piece goes to the column whose centre is nearest,
/// so a blank cell leaves its column empty rather than shifting the figures after it.
fn loose_table(rows: &[TextLine]) -> Table {
    let mut centres: Vec<f32> = rows
        .iter()
        .flat_map(|r| r.pieces.iter().map(|(a, b, _)| (a + b) / 2.0))
        .collect();
    centres.sort_by(f32::total_cmp);
    let gap = rows.first().map_or(10.0, |r| r.size) * 1.5;
    let mut columns: Vec<Vec<f32>> = Vec::new();
    for c in centres {
        match columns.last_mut() {
            Some(col) if c - col[col.len() - 1] <= gap => col.push(c),
            _ => columns.push(vec![c]),
        }
    }
    let columns: Vec<f32> = columns
        .iter()
        .map(|c| c.iter().sum::<f32>() / c.len() as f32)
        .collect();
    let rows = rows
        .iter()
        .map(|r| {
            let mut cells = vec![String::new(); columns.len().max(1)];
            for (a, b, text) in &r.pieces {
                let centre = (a + b) / 2.0;
                let at = columns
                    .iter()
                    .enumerate()
                    .min_by(|x, y| (x.1 - centre).abs().total_cmp(&(y.1 - centre).abs()))
                    .map_or(0, |(i, _)| i);
                join_into(&mut cells[at], text, true);
            }
            cells.into_iter().map(Cell::new).collect()
        })
        .collect();
    Table { rows, loose: true }
}

fn row_texts(row: &[PageCell]) -> Vec<&str> {
    row.iter().map(|c| c.cell.text.as_str()).collect()
}

/// A table continues the previous one when it repeats its header rows, or when it has the
/// same columns and starts straight with figures (no header of its own).
fn continues(prev: &PageTable, next: &PageTable) -> bool {
    let repeated = repeated_rows(prev, next);
    if repeated > 0 {
        return true;
    }
    let same_columns = prev.xs.len() == next.xs.len()
        && prev
            .xs
            .iter()
            .zip(&next.xs)
            .all(|(a, b)| (a - b).abs() < 2.0);
    let starts_with_figures = next
        .rows
        .first()
        .is_some_and(|row| row.iter().skip(1).any(|c| is_figure(&c.cell.text)));
    same_columns && starts_with_figures
}

/// How many of `next`'s first rows repeat `prev`'s first rows (a repeated header, caption
/// included); none unless one of them has at least two filled cells (a real header row).
fn repeated_rows(prev: &PageTable, next: &PageTable) -> usize {
    let same = prev
        .rows
        .iter()
        .zip(&next.rows)
        .take_while(|(a, b)| {
            row_texts(a) == row_texts(b) && a.iter().any(|c| !c.cell.text.is_empty())
        })
        .count();
    let header = prev.rows[..same]
        .iter()
        .any(|row| row.iter().filter(|c| !c.cell.text.is_empty()).count() >= 2);
    if header { same } else { 0 }
}

/// A row broken by the page (Word, LibreOffice and browsers let rows break): the
/// continuation's first row holds only figures (the rest of numbers wrapped in their cells) or
/// only the rest of a label, and each of them has a cell of the row above to go on.
fn split_row(last: &[&PageCell], first: &[PageCell]) -> bool {
    let filled: Vec<&PageCell> = first.iter().filter(|c| !c.cell.text.is_empty()).collect();
    let first_figure = last
        .iter()
        .find(|c| !c.cell.text.is_empty() && is_figure(&c.cell.text))
        .map_or(f32::MAX, |c| c.left);
    let under_last = filled.iter().all(|part| {
        let centre = (part.left + part.right) / 2.0;
        last.iter().any(|c| c.left < centre && centre < c.right)
    });
    // Only figures: the rest of numbers; only label text left of the figures, not a numbered
    // label of its own: the rest of a label (its figures all on the page before).
    let figures_rest = filled.iter().all(|c| is_figure(&c.cell.text));
    let label_rest = filled.iter().all(|c| {
        !is_figure(&c.cell.text) && c.right <= first_figure + 2.0 && !starts_heading(&c.cell.text)
    }) && first_figure < f32::MAX;
    // The row above must be a row of figures itself: a header ending a page (table 四's
    // header, its figures on the next page) is never continued by figures.
    let row_of_figures = last
        .iter()
        .any(|c| !c.cell.text.is_empty() && is_figure(&c.cell.text));
    !filled.is_empty()
        && (figures_rest || label_rest)
        && row_of_figures
        && last
            .iter()
            .any(|c| !c.cell.text.is_empty() && !is_figure(&c.cell.text))
        && under_last
}

/// Joins a continuation. When both parts are as wide, their columns are made one grid: a
/// part whose rows did not need a boundary (the label columns of a page holding only
/// undivided rows) has its cells spread over the boundaries the other part draws.
fn append(prev: &mut PageTable, next: PageTable) {
    let skip = repeated_rows(prev, &next);
    let (a, b) = (&prev.xs, &next.xs);
    let as_wide = (a[0] - b[0]).abs() < 2.0 && (a[a.len() - 1] - b[b.len() - 1]).abs() < 2.0;
    let mut rest: Vec<Vec<PageCell>> = next.rows.into_iter().skip(skip).collect();
    // The cells covering the last row: its own and merged ones begun above (a group label).
    let last = prev.rows.len().saturating_sub(1);
    let covering: Vec<(usize, usize)> = prev
        .rows
        .iter()
        .enumerate()
        .flat_map(|(r, row)| {
            row.iter()
                .enumerate()
                .filter(move |(_, c)| r + c.cell.row_span > last)
                .map(move |(i, _)| (r, i))
        })
        .collect();
    let cells: Vec<&PageCell> = covering.iter().map(|&(r, i)| &prev.rows[r][i]).collect();
    if as_wide
        && let Some(first) = rest.first_mut()
        && split_row(&cells, first)
    {
        // The rest moves up into the cells it continues; the row stays, emptied, so that the
        // merged cells it begins keep the rows below in their columns.
        for part in first.iter_mut().filter(|c| !c.cell.text.is_empty()) {
            let centre = (part.left + part.right) / 2.0;
            let target = covering.iter().find(|&&(r, i)| {
                let c = &prev.rows[r][i];
                c.left < centre && centre < c.right
            });
            if let Some(&(r, i)) = target {
                join_into(&mut prev.rows[r][i].cell.text, &part.cell.text, false);
                part.cell.text.clear();
            }
        }
    }
    prev.rows.extend(rest);
    if as_wide {
        prev.xs = boundaries(prev.xs.iter().chain(&next.xs).copied(), false);
        let xs = &prev.xs;
        for cell in prev.rows.iter_mut().flatten() {
            let inside = xs
                .iter()
                .filter(|&&x| x > cell.left + 2.0 && x < cell.right - 2.0)
                .count();
            cell.cell.col_span = inside + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(y: f32, x0: f32, x1: f32, text: &str) -> TextLine {
        TextLine {
            y,
            size: 16.0,
            x0,
            x1,
            pieces: vec![(x0, x1, text.to_string())],
        }
    }

    const BODY: Measure = Measure {
        left: 80.0,
        right: 512.0,
        size: 16.0,
    };

    #[test]
    fn a_line_ends_short_where_the_next_ones_first_figures_did_not_fit() {
        // 「…联系（地址：示范县青石大道」 ends 3 characters short; 「90号；邮编…」 goes on.
        let last = line(
            700.0,
            80.0,
            464.0,
            "如对本报告有疑问，请与党政办联系（地址：示范县青石大道",
        );
        let next = line(
            672.0,
            80.0,
            512.0,
            "90号；邮编：000100；电话：0000-6231005）。",
        );
        assert!(runs_on(&BODY, &last, &next, true));
        // A short line before Chinese text is a paragraph's end.
        let next = line(
            672.0,
            80.0,
            512.0,
            "本报告电子版可在示范县人民政府门户网站下载。",
        );
        assert!(!runs_on(&BODY, &last, &next, true));
        // An indented line starts a paragraph, whatever it starts with.
        let next = line(
            672.0,
            112.0,
            512.0,
            "2025年，本镇坚持以习近平新时代中国特色社会主义思想为指导。",
        );
        assert!(!runs_on(&BODY, &last, &next, true));
    }

    #[test]
    fn a_figures_width_is_its_share_of_the_piece() {
        // 4 figures and 6 ideographs: 4 of 16 units of a 128-point piece.
        let l = line(0.0, 0.0, 128.0, "2025年度报告全文");
        assert!((leading_word_width(&l) - 32.0).abs() < 0.01);
        assert_eq!(leading_word_width(&line(0.0, 0.0, 64.0, "本年度")), 0.0);
    }
}
