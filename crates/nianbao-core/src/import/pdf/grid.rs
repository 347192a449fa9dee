//! Tables from the lines drawn on a page: rules that touch form a table; their positions are
//! the grid's column and row boundaries; where a boundary's rule is missing between two grid
//! positions, one merged cell covers both. Rules that form no grid are ignored.

use super::content::Rule;

/// Rules closer than this (points) are the same line; a rule ends this close to another still
/// meets it.
const SNAP: f32 = 1.6;
/// Shorter marks are not rules (a stroked rectangle's ends, underline dots).
const MIN_RULE: f32 = 3.0;
/// More merged rules than this on one page in either direction: not a report table.
const MAX_RULES: usize = 3000;
/// A table with more columns or rows is not read as one.
const MAX_COLS: usize = 128;
const MAX_ROWS: usize = 2000;

/// One table's grid: column boundaries left to right, row boundaries top to bottom (y down
/// the page means decreasing y), and the merged cells covering it.
#[derive(Debug, Clone)]
pub struct Grid {
    pub xs: Vec<f32>,
    pub ys: Vec<f32>,
    pub regions: Vec<Region>,
    /// Per grid position (row-major), the region covering it.
    pub cover: Vec<usize>,
}

/// A cell: its top-left grid position and spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub row: usize,
    pub col: usize,
    pub rows: usize,
    pub cols: usize,
}

impl Grid {
    pub fn top(&self) -> f32 {
        self.ys[0]
    }

    /// The region holding a point, if inside the grid.
    pub fn region_at(&self, x: f32, y: f32) -> Option<usize> {
        let (first, last) = (self.xs[0], *self.xs.last()?);
        let (top, bottom) = (self.ys[0], *self.ys.last()?);
        if x < first || x > last || y > top || y < bottom {
            return None;
        }
        let col = self
            .xs
            .partition_point(|&b| b <= x)
            .clamp(1, self.xs.len() - 1)
            - 1;
        let row = self
            .ys
            .partition_point(|&b| b >= y)
            .clamp(1, self.ys.len() - 1)
            - 1;
        Some(self.cover[row * (self.xs.len() - 1) + col])
    }
}

/// The tables a page's rules draw.
pub fn grids(rules: &[Rule]) -> Vec<Grid> {
    let h = merge(rules.iter().filter(|r| r.horizontal).copied().collect());
    let v = merge(rules.iter().filter(|r| !r.horizontal).copied().collect());
    if h.len() > MAX_RULES || v.len() > MAX_RULES {
        return Vec::new();
    }
    let mut parent: Vec<usize> = (0..h.len() + v.len()).collect();
    for (i, a) in h.iter().enumerate() {
        for (j, b) in v.iter().enumerate() {
            let meets = b.at >= a.from - SNAP
                && b.at <= a.to + SNAP
                && a.at >= b.from - SNAP
                && a.at <= b.to + SNAP;
            if meets {
                union(&mut parent, i, h.len() + j);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Rule>, Vec<Rule>)> = Default::default();
    for (i, r) in h.iter().enumerate() {
        groups.entry(find(&mut parent, i)).or_default().0.push(*r);
    }
    for (j, r) in v.iter().enumerate() {
        groups
            .entry(find(&mut parent, h.len() + j))
            .or_default()
            .1
            .push(*r);
    }
    let mut out: Vec<Grid> = groups
        .into_values()
        .filter(|(h, v)| h.len() >= 2 && v.len() >= 2)
        .filter_map(|(h, v)| grid(&h, &v))
        .collect();
    out.sort_by(|a, b| b.top().total_cmp(&a.top()));
    out
}

fn grid(h: &[Rule], v: &[Rule]) -> Option<Grid> {
    // Tables without outer side borders still end where their horizontal rules end.
    let left = h.iter().map(|r| r.from).fold(f32::MAX, f32::min);
    let right = h.iter().map(|r| r.to).fold(f32::MIN, f32::max);
    let top = v.iter().map(|r| r.to).fold(f32::MIN, f32::max);
    let bottom = v.iter().map(|r| r.from).fold(f32::MAX, f32::min);
    let xs = boundaries(v.iter().map(|r| r.at).chain([left, right]), false);
    let ys = boundaries(h.iter().map(|r| r.at).chain([top, bottom]), true);
    let (cols, rows) = (xs.len().checked_sub(1)?, ys.len().checked_sub(1)?);
    if cols == 0 || rows == 0 || cols > MAX_COLS || rows > MAX_ROWS {
        return None;
    }
    let drawn = |rules: &[Rule], at: f32, along: f32| {
        rules
            .iter()
            .any(|r| (r.at - at).abs() <= SNAP && r.from - SNAP <= along && along <= r.to + SNAP)
    };
    // Whether the boundary right of (row, col), and below it, is drawn.
    let right_of = |row: usize, col: usize| drawn(v, xs[col + 1], (ys[row] + ys[row + 1]) / 2.0);
    let below = |row: usize, col: usize| drawn(h, ys[row + 1], (xs[col] + xs[col + 1]) / 2.0);
    let mut cover = vec![usize::MAX; rows * cols];
    let mut regions = Vec::new();
    for row in 0..rows {
        for col in 0..cols {
            if cover[row * cols + col] != usize::MAX {
                continue;
            }
            let mut span_c = 1;
            while col + span_c < cols
                && !right_of(row, col + span_c - 1)
                && cover[row * cols + col + span_c] == usize::MAX
            {
                span_c += 1;
            }
            let mut span_r = 1;
            while row + span_r < rows
                && (col..col + span_c).all(|c| {
                    !below(row + span_r - 1, c) && cover[(row + span_r) * cols + c] == usize::MAX
                })
            {
                span_r += 1;
            }
            for r in row..row + span_r {
                for c in col..col + span_c {
                    cover[r * cols + c] = regions.len();
                }
            }
            regions.push(Region {
                row,
                col,
                rows: span_r,
                cols: span_c,
            });
        }
    }
    Some(Grid {
        xs,
        ys,
        regions,
        cover,
    })
}

/// Positions clustered within `SNAP`, sorted (descending for rows: the top first).
pub fn boundaries(values: impl Iterator<Item = f32>, descending: bool) -> Vec<f32> {
    let mut all: Vec<f32> = values.filter(|v| v.is_finite()).collect();
    all.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    for v in all {
        match out.last() {
            Some(&last) if v - last <= SNAP => {}
            _ => out.push(v),
        }
    }
    if descending {
        out.reverse();
    }
    out
}

/// Collinear rules that overlap or touch become one; short marks are dropped.
fn merge(mut rules: Vec<Rule>) -> Vec<Rule> {
    rules.retain(|r| r.to - r.from >= MIN_RULE && r.at.is_finite());
    rules.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.from.total_cmp(&b.from)));
    let mut out: Vec<Rule> = Vec::new();
    for r in rules {
        // Rules at nearly the same position (a double or thick border) are one line.
        // Rules at nearly the same position but apart along it (two tables' borders in
        // one column, 1 pt apart) stay apart: only overlapping or touching ones join.
        let joined = out
            .iter_mut()
            .rev()
            .take_while(|o| r.at - o.at <= SNAP)
            .find(|o| r.from <= o.to + SNAP && o.from <= r.to + SNAP);
        match joined {
            Some(o) => {
                o.from = o.from.min(r.from);
                o.to = o.to.max(r.to);
            }
            None => out.push(r),
        }
    }
    out
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra] = rb;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f32, x0: f32, x1: f32) -> Rule {
        Rule {
            horizontal: true,
            at: y,
            from: x0,
            to: x1,
        }
    }
    fn v(x: f32, y0: f32, y1: f32) -> Rule {
        Rule {
            horizontal: false,
            at: x,
            from: y0,
            to: y1,
        }
    }

    #[test]
    fn merged_cells_come_from_missing_rules() {
        // Two rows, three columns; the top-left cell spans both rows, the top right two
        // cells are one across.
        let rules = [
            h(100.0, 0.0, 300.0),
            h(80.0, 100.0, 300.0),
            h(60.0, 0.0, 300.0),
            v(0.0, 60.0, 100.0),
            v(100.0, 60.0, 100.0),
            v(200.0, 60.0, 80.0),
            v(300.0, 60.0, 100.0),
        ];
        let grids = grids(&rules);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!(g.xs, [0.0, 100.0, 200.0, 300.0]);
        assert_eq!(g.ys, [100.0, 80.0, 60.0]);
        assert_eq!(
            g.regions,
            [
                Region {
                    row: 0,
                    col: 0,
                    rows: 2,
                    cols: 1
                },
                Region {
                    row: 0,
                    col: 1,
                    rows: 1,
                    cols: 2
                },
                Region {
                    row: 1,
                    col: 1,
                    rows: 1,
                    cols: 1
                },
                Region {
                    row: 1,
                    col: 2,
                    rows: 1,
                    cols: 1
                },
            ]
        );
        assert_eq!(g.region_at(250.0, 90.0), Some(1));
        assert_eq!(g.region_at(50.0, 65.0), Some(0));
        assert_eq!(g.region_at(350.0, 65.0), None);
    }

    #[test]
    fn a_lone_line_or_box_is_not_a_table_of_many_cells() {
        assert!(grids(&[h(100.0, 0.0, 300.0)]).is_empty());
        // An underline drawn twice, close together, is one rule.
        assert_eq!(
            merge(vec![h(10.0, 0.0, 50.0), h(10.5, 40.0, 90.0)]).len(),
            1
        );
    }
}
