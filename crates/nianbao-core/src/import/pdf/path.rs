//! Paths as far as tables need them: straight segments and rectangles, painted into ruled
//! lines in page space (axis-aligned only; curves only move the pen).

use super::content::Rule;

/// At most this many rules are kept per page.
const MAX_RULES: usize = 100_000;

pub type Matrix = [f32; 6];
pub const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

pub fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

#[derive(Debug, Default)]
pub struct Path {
    segments: Vec<(f32, f32, f32, f32)>,
    current: (f32, f32),
    start: (f32, f32),
    /// Where each subpath's segments start: a fill is judged subpath by subpath (one path
    /// may hold many border bars, as Chromium writes them).
    subpaths: Vec<usize>,
}

impl Path {
    pub fn move_to(&mut self, x: f32, y: f32) {
        self.current = (x, y);
        self.start = (x, y);
        self.subpaths.push(self.segments.len());
    }

    /// The pen moves (a curve's end) without starting a new subpath.
    pub fn pen_to(&mut self, x: f32, y: f32) {
        self.current = (x, y);
    }

    pub fn close(&mut self) {
        let (x, y) = self.start;
        self.line_to(x, y);
    }

    pub fn line_to(&mut self, x: f32, y: f32) {
        let (x0, y0) = self.current;
        self.segments.push((x0, y0, x, y));
        self.current = (x, y);
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.subpaths.push(self.segments.len());
        for (a, b, c, d) in [
            (x, y, x + w, y),
            (x + w, y, x + w, y + h),
            (x + w, y + h, x, y + h),
            (x, y + h, x, y),
        ] {
            self.segments.push((a, b, c, d));
        }
        self.current = (x, y);
        self.start = (x, y);
    }

    /// The path's bounds in page space, if it has any segment (a clip is taken as its bounds:
    /// rectangles in practice, and never smaller than the area it clips).
    pub fn bounds(&self, ctm: &Matrix) -> Option<[f32; 4]> {
        let points = self
            .segments
            .iter()
            .flat_map(|&(a, b, c, d)| [apply(ctm, a, b), apply(ctm, c, d)]);
        points.fold(None, |acc, (x, y)| {
            Some(match acc {
                None => [x, y, x, y],
                Some([x0, y0, x1, y1]) => [x0.min(x), y0.min(y), x1.max(x), y1.max(y)],
            })
        })
    }

    /// Paints the path: its axis-aligned edges become rules when stroked; a fill becomes a
    /// rule only when it is a thin bar (a border drawn as a filled rectangle), since a filled
    /// area's edges (shading, a page background) are not lines.
    pub fn paint(self, ctm: &Matrix, stroke: bool, rules: &mut Vec<Rule>) {
        let mut starts = self.subpaths.clone();
        starts.retain(|&s| s < self.segments.len());
        starts.dedup();
        if starts.first() != Some(&0) {
            starts.insert(0, 0);
        }
        let edges: Vec<(f32, f32, f32, f32)> = self
            .segments
            .into_iter()
            .map(|(a, b, c, d)| {
                let (x0, y0) = apply(ctm, a, b);
                let (x1, y1) = apply(ctm, c, d);
                (x0, y0, x1, y1)
            })
            .collect();
        if stroke {
            for (x0, y0, x1, y1) in edges {
                push_rule(rules, x0, y0, x1, y1);
            }
            return;
        }
        let ends = starts.iter().skip(1).copied().chain([edges.len()]);
        for (start, end) in starts.iter().copied().zip(ends) {
            fill_bar(&edges[start..end], rules);
        }
    }
}

/// A filled subpath that is a thin bar: a rule along its length.
fn fill_bar(edges: &[(f32, f32, f32, f32)], rules: &mut Vec<Rule>) {
    if edges.is_empty() {
        return;
    }
    let xs = edges.iter().flat_map(|e| [e.0, e.2]);
    let ys = edges.iter().flat_map(|e| [e.1, e.3]);
    let (min_x, max_x) = xs.fold((f32::MAX, f32::MIN), |(a, b), v| (a.min(v), b.max(v)));
    let (min_y, max_y) = ys.fold((f32::MAX, f32::MIN), |(a, b), v| (a.min(v), b.max(v)));
    let (w, h) = (max_x - min_x, max_y - min_y);
    if h < 2.5 && w > h {
        let y = (min_y + max_y) / 2.0;
        push_rule(rules, min_x, y, max_x, y);
    } else if w < 2.5 && h > w {
        let x = (min_x + max_x) / 2.0;
        push_rule(rules, x, min_y, x, max_y);
    }
}

fn push_rule(rules: &mut Vec<Rule>, x0: f32, y0: f32, x1: f32, y1: f32) {
    let rule = if (y1 - y0).abs() < 0.5 && (x1 - x0).abs() >= 0.5 {
        Rule {
            horizontal: true,
            at: (y0 + y1) / 2.0,
            from: x0.min(x1),
            to: x0.max(x1),
        }
    } else if (x1 - x0).abs() < 0.5 && (y1 - y0).abs() >= 0.5 {
        Rule {
            horizontal: false,
            at: (x0 + x1) / 2.0,
            from: y0.min(y1),
            to: y0.max(y1),
        }
    } else {
        return;
    };
    if rules.len() < MAX_RULES {
        rules.push(rule);
    }
}
