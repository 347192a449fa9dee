//! One page as the document's pieces in reading order: the tables its rules draw, with each
//! character in the cell it falls in, and the text lines outside them, page numbers left out.

use super::content::{Glyph, Page, Rule};
use super::grid::{Grid, grids};
use super::lines::{TextLine, cell_text, is_figure, text_lines};
use crate::import::document::Cell;

/// A table as read from one page (or joined over pages): its rows of cells with where each
/// cell's left and right edges are, and its column boundaries.
#[derive(Debug, Clone)]
pub struct PageTable {
    pub xs: Vec<f32>,
    pub rows: Vec<Vec<PageCell>>,
}

#[derive(Debug, Clone)]
pub struct PageCell {
    pub cell: Cell,
    pub left: f32,
    pub right: f32,
}

#[derive(Debug, Clone)]
pub enum Item {
    Line(TextLine),
    Table(PageTable),
}

/// The page's items top to bottom, and the page-number lines left out. A page whose text is
/// mostly turned (a landscape table) is read turned back, rules included; its upright text
/// (the page number) as it stands.
pub fn items(page: &Page) -> (Vec<Item>, Vec<String>) {
    let turned: Vec<&Glyph> = page.glyphs.iter().filter(|g| g.turned != 0).collect();
    if turned.len() * 2 <= page.glyphs.len() {
        return layout(page.glyphs.iter().collect(), &page.rules, page.height);
    }
    let up = turned.iter().filter(|g| g.turned > 0).count() * 2 >= turned.len();
    let (w, h) = (page.width, page.height);
    // Turning the page a quarter so that the text reads left to right.
    let point = |x: f32, y: f32| if up { (y, w - x) } else { (h - y, x) };
    let glyphs: Vec<Glyph> = turned
        .iter()
        .filter(|g| (g.turned > 0) == up)
        .map(|g| {
            let (x, y) = point(g.x, g.y);
            Glyph {
                x,
                y,
                turned: 0,
                ..(*g).clone()
            }
        })
        .collect();
    let rules: Vec<Rule> = page
        .rules
        .iter()
        .map(|r| {
            let (a, b) = if r.horizontal {
                (point(r.from, r.at), point(r.to, r.at))
            } else {
                (point(r.at, r.from), point(r.at, r.to))
            };
            let horizontal = !r.horizontal;
            let (at, from, to) = if horizontal {
                (a.1, a.0.min(b.0), a.0.max(b.0))
            } else {
                (a.0, a.1.min(b.1), a.1.max(b.1))
            };
            Rule {
                horizontal,
                at,
                from,
                to,
            }
        })
        .collect();
    let (mut items, mut chrome) = layout(glyphs.iter().collect(), &rules, w);
    let upright = page.glyphs.iter().filter(|g| g.turned == 0).collect();
    let (rest, more) = layout(upright, &[], h);
    items.extend(rest);
    chrome.extend(more);
    (items, chrome)
}

fn layout(glyphs: Vec<&Glyph>, rules: &[Rule], height: f32) -> (Vec<Item>, Vec<String>) {
    let grids = grids(rules);
    let mut per_region: Vec<Vec<Vec<&Glyph>>> = grids
        .iter()
        .map(|g| vec![Vec::new(); g.regions.len()])
        .collect();
    let mut outside = Vec::new();
    for glyph in glyphs {
        let (cx, cy) = (glyph.x + glyph.width / 2.0, glyph.y + glyph.size * 0.3);
        let inside = grids
            .iter()
            .enumerate()
            .find_map(|(t, g)| g.region_at(cx, cy).map(|r| (t, r)));
        match inside {
            Some((t, r)) => per_region[t][r].push(glyph),
            None => outside.push(glyph),
        }
    }
    let mut placed: Vec<(f32, Item)> = Vec::new();
    let mut placed_tables: Vec<(f32, f32)> = Vec::new();
    for (grid, cells) in grids.iter().zip(per_region) {
        if cells.iter().all(Vec::is_empty) {
            continue; // a frame or a drawing, not a table
        }
        placed_tables.push((grid.top(), grid.ys[grid.ys.len() - 1]));
        placed.push((grid.top(), Item::Table(table(grid, cells))));
    }
    let mut chrome = Vec::new();
    let lines = text_lines(outside);
    for (i, line) in lines.iter().enumerate() {
        let text = line.text();
        // A lone figure right under a figure of the line above is the rest of a number a
        // table without rules wrapped, not a page number.
        let under_figure = i.checked_sub(1).is_some_and(|k| {
            let above = &lines[k];
            above.y - line.y < 2.0 * line.size.max(above.size)
                && above.pieces.iter().any(|(a, b, t)| {
                    t.chars().all(|c| c.is_ascii_digit()) && *a <= line.x1 && line.x0 <= *b
                })
        });
        let in_table = placed_tables.iter().any(|(top, bottom)| {
            line.y < top + 2.0 * line.size && line.y > bottom - 2.0 * line.size
        });
        if !under_figure && !in_table && is_page_number(&text, line.y, height) {
            chrome.push(text);
        } else {
            placed.push((line.y + line.size, Item::Line(line.clone())));
        }
    }
    placed.sort_by(|a, b| b.0.total_cmp(&a.0));
    (placed.into_iter().map(|(_, item)| item).collect(), chrome)
}

fn table(grid: &Grid, cells: Vec<Vec<&Glyph>>) -> PageTable {
    let mut rows: Vec<Vec<PageCell>> = vec![Vec::new(); grid.ys.len() - 1];
    for (region, glyphs) in grid.regions.iter().zip(cells) {
        rows[region.row].push(PageCell {
            cell: Cell::spanning(cell_text(glyphs), region.cols, region.rows),
            left: grid.xs[region.col],
            right: grid.xs[region.col + region.cols],
        });
    }
    PageTable {
        xs: grid.xs.clone(),
        rows,
    }
}

/// Running heads and feet (a browser's print header with date and title, a site's address and
/// 「1/5」 at the foot): a line in the top or bottom tenth of a page whose text, digits aside,
/// recurs so on another page. Removed from every page; how many is returned.
pub fn drop_running_heads(pages: &mut [Vec<Item>], heights: &[f32]) -> usize {
    let key = |l: &TextLine| -> String {
        l.text()
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect()
    };
    // A line with a figure standing alone is a table row, not a running head.
    let at_edge = |l: &TextLine, h: f32| {
        (l.y > 0.9 * h || l.y < 0.1 * h) && !l.pieces.iter().any(|(_, _, t)| is_figure(t))
    };
    // The band is part of the key: the organ's name atop the title on page 1 and in the
    // 落款 at the foot of the last page is no running head.
    let band_key = |l: &TextLine, h: f32| (l.y > 0.9 * h, key(l));
    let mut seen: std::collections::HashMap<(bool, String), usize> = Default::default();
    for (items, &h) in pages.iter().zip(heights) {
        let mut keys: Vec<(bool, String)> = items
            .iter()
            .filter_map(|i| match i {
                Item::Line(l) if at_edge(l, h) => Some(band_key(l, h)),
                _ => None,
            })
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    // On at least two pages, and on at least half of them.
    let enough = 2.max(pages.len().div_ceil(2));
    let mut dropped = 0;
    for (items, &h) in pages.iter_mut().zip(heights) {
        items.retain(|i| match i {
            Item::Line(l)
                if at_edge(l, h) && seen.get(&band_key(l, h)).is_some_and(|n| *n >= enough) =>
            {
                dropped += 1;
                false
            }
            _ => true,
        });
    }
    dropped
}

/// 「— 3 —」, 「- 3 -」, 「3」, 「第3页」, 「第 3 页 共 9 页」, 「3/9」 in the top or bottom tenth of
/// the page.
fn is_page_number(text: &str, y: f32, height: f32) -> bool {
    if y > 0.105 * height && y < 0.93 * height {
        return false;
    }
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '—' | '-' | '－' | '–' | '−' | '·'))
        .collect();
    if t.is_empty() {
        return !text.trim().is_empty();
    }
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if digits(&t) {
        return true;
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits(a) && digits(b);
    }
    let inner = t.trim_start_matches('第');
    let inner = inner.split("共").next().unwrap_or("");
    t.starts_with('第') && inner.ends_with('页') && digits(inner.trim_end_matches('页'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, y: f32) -> Item {
        Item::Line(TextLine {
            y,
            size: 10.0,
            x0: 0.0,
            x1: 100.0,
            // Pieces a column apart, as in a table drawn without rules.
            pieces: text
                .split('|')
                .enumerate()
                .map(|(k, t)| (k as f32 * 50.0, k as f32 * 50.0 + 10.0, t.to_string()))
                .collect(),
        })
    }

    #[test]
    fn running_heads_recur_at_the_edges_and_table_rows_stay() {
        let mut pages = vec![
            vec![
                line("2021/1/18 下午3:25|湖山乡年度报告", 820.0),
                line("正文", 500.0),
                line("规章|0|0", 60.0),
            ],
            vec![
                line("2021/1/18 下午3:26|湖山乡年度报告", 820.0),
                line("正文", 500.0),
                line("规章|0|0", 60.0),
            ],
        ];
        assert_eq!(drop_running_heads(&mut pages, &[842.0, 842.0]), 2);
        assert_eq!(pages[0].len(), 2);
        assert!(matches!(&pages[1][1], Item::Line(l) if l.text() == "规章 0 0"));
        // The organ atop the title on page 1 and in the 落款 at the foot of page 2 is no
        // running head: the one is at the top, the other at the foot.
        let mut pages = vec![
            vec![line("青石镇人民政府", 820.0), line("正文", 500.0)],
            vec![line("正文", 500.0), line("青石镇人民政府", 60.0)],
        ];
        assert_eq!(drop_running_heads(&mut pages, &[842.0, 842.0]), 0);
    }

    #[test]
    fn page_numbers_only_at_the_page_edges() {
        assert!(is_page_number("— 3 —", 40.0, 842.0));
        assert!(is_page_number("- 12 -", 40.0, 842.0));
        assert!(is_page_number("第 3 页 共 9 页", 40.0, 842.0));
        assert!(is_page_number("3/9", 800.0, 842.0));
        assert!(!is_page_number("3", 400.0, 842.0));
        assert!(!is_page_number("2025年", 40.0, 842.0));
        assert!(!is_page_number("12345", 40.0, 842.0));
    }
}
