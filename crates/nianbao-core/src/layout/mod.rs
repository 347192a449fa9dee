//! The publication, laid out: pages of positioned text runs and rules in millimetres, per
//! GB/T 9704 (A4, 37 mm top and 28 mm left margins, a 156 × 225 mm text area, 3号 仿宋 on a
//! 28 × 22 grid). Pure: the PDF writer and the window's 预览 draw exactly these pages.

mod flow;
pub mod fonts;
pub mod installed;
mod narrative;
mod para;
mod table;
mod text;
mod title;
mod widths;

pub use flow::{closing_insets_mm, paragraphs};
pub use fonts::{Face, FontSet, Role};
pub use table::{Align, CellRole, Grid, GridCell, grids};
pub use title::{title_break, title_lines};

use crate::model::Report;

pub const PAGE_W_MM: f32 = 210.0;
pub const PAGE_H_MM: f32 = 297.0;
pub const TOP_MM: f32 = 37.0;
pub const LEFT_MM: f32 = 28.0;
pub const TEXT_W_MM: f32 = 156.0;
pub const TEXT_H_MM: f32 = 225.0;
/// 28 characters per line, 22 lines per page.
pub const CHAR_MM: f32 = TEXT_W_MM / 28.0;
pub const LINE_MM: f32 = TEXT_H_MM / 22.0;
pub const PT_MM: f32 = 25.4 / 72.0;
/// 3号, 2号, 4号, 五号 and 小五 in points.
pub const BODY_PT: f32 = 16.0;
pub const TITLE_PT: f32 = 22.0;
pub const PAGE_NUMBER_PT: f32 = 14.0;
pub const TABLE_PT: f32 = 10.5;
pub const TABLE_SMALL_PT: f32 = 9.0;
/// The space between a table cell's rules and its text.
pub const CELL_PAD_MM: f32 = 1.2;
/// The page number's baseline below the text area, roughly (GB/T 9704: 7 mm).
pub const PAGE_NUMBER_BELOW_MM: f32 = 7.0;

/// A box in millimetres from the page's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoxMm {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl BoxMm {
    pub fn contains(&self, other: &BoxMm) -> bool {
        const EPS: f32 = 0.01;
        other.x0 >= self.x0 - EPS
            && other.y0 >= self.y0 - EPS
            && other.x1 <= self.x1 + EPS
            && other.y1 <= self.y1 + EPS
    }
}

/// Text in one face and size on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub x_mm: f32,
    /// The baseline, from the top of the page.
    pub baseline_mm: f32,
    pub size_pt: f32,
    pub face: Face,
    /// Extra space after each character (negative squeezes the 3号 grid to 28 per line).
    pub tracking_mm: f32,
    pub text: String,
    pub width_mm: f32,
    /// The table cell the run must stay inside, if any.
    pub cell: Option<BoxMm>,
    /// Turned a quarter counter-clockwise (a landscape table page, read with the page turned
    /// clockwise): the text runs up the page from (`x_mm`, `baseline_mm`), on a vertical
    /// baseline at `x_mm`, its glyphs' tops towards the left edge.
    pub rotated: bool,
}

impl Run {
    /// The box the glyphs occupy (ascent 0.88 em, descent 0.12 em).
    pub fn bounds(&self) -> BoxMm {
        let em = self.size_pt * PT_MM;
        if self.rotated {
            return BoxMm {
                x0: self.x_mm - 0.88 * em,
                y0: self.baseline_mm - self.width_mm,
                x1: self.x_mm + 0.12 * em,
                y1: self.baseline_mm,
            };
        }
        BoxMm {
            x0: self.x_mm,
            y0: self.baseline_mm - 0.88 * em,
            x1: self.x_mm + self.width_mm,
            y1: self.baseline_mm + 0.12 * em,
        }
    }
}

/// A straight rule of a table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub width_pt: f32,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub runs: Vec<Run>,
    pub rules: Vec<Rule>,
}

/// Where text goes on a page: the text area of a portrait page, or of a landscape table page
/// in the landscape page's own coordinates (see [`Frame::to_portrait`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub left: f32,
    pub top: f32,
    pub width: f32,
    pub height: f32,
}

impl Frame {
    pub const PORTRAIT: Frame = Frame {
        left: LEFT_MM,
        top: TOP_MM,
        width: TEXT_W_MM,
        height: TEXT_H_MM,
    };
    /// The same text area seen with the page turned a quarter clockwise: a landscape table's
    /// head lies along the left edge of the page, odd or even (GB/T 9704: on the binding side
    /// of odd pages, the cut side of even ones), and the page number stays where it is.
    pub const LANDSCAPE: Frame = Frame {
        left: PAGE_H_MM - TOP_MM - TEXT_H_MM,
        top: LEFT_MM,
        width: TEXT_H_MM,
        height: TEXT_W_MM,
    };

    pub fn bottom(&self) -> f32 {
        self.top + self.height
    }

    /// A point of a landscape page (`u` across, `v` down) on the portrait page.
    pub fn to_portrait(u: f32, v: f32) -> (f32, f32) {
        (v, PAGE_H_MM - u)
    }
}

/// The text area every run and rule stays within (page numbers excepted).
pub fn text_area() -> BoxMm {
    BoxMm {
        x0: LEFT_MM,
        y0: TOP_MM,
        x1: LEFT_MM + TEXT_W_MM,
        y1: TOP_MM + TEXT_H_MM,
    }
}

/// Where a heading landed: the outline (bookmarks) of the publication. Level 0 is the title,
/// level 1 each of the template's sections, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    /// The page it starts on, from 0.
    pub page: usize,
    /// The top of its first line, in mm from the top of the page.
    pub top_mm: f32,
}

/// What the publication could not set as written, for the one exporting it to see.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// Characters no bundled font has: they stay in the text (and copy as themselves) but
    /// print as boxes.
    NoGlyph(String),
    /// A 落款 without its date.
    NoClosingDate,
}

impl Warning {
    pub fn message(&self) -> String {
        match self {
            Warning::NoGlyph(chars) => {
                let listed: Vec<String> = chars
                    .chars()
                    .map(|c| format!("U+{:04X}", u32::from(c)))
                    .collect();
                format!(
                    "以下字符没有可用的字体，PDF中显示为方框：{}",
                    listed.join("、")
                )
            }
            Warning::NoClosingDate => "落款缺少成文日期".into(),
        }
    }
}

/// The laid-out report: its pages, where its headings are on them, and what it could not set.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Publication {
    pub pages: Vec<Page>,
    pub headings: Vec<Heading>,
    pub warnings: Vec<Warning>,
    /// The fonts the pages' faces refer to (installed faces are indices past the bundled ones).
    pub fonts: FontSet,
}

/// The whole report as pages, with its outline, in the bundled fonts.
pub fn publication(report: &Report) -> Publication {
    publication_with(report, FontSet::BUNDLED)
}

/// The whole report as pages in `fonts` (the installed fonts the clerk chose, or the bundled).
pub fn publication_with(report: &Report, fonts: FontSet) -> Publication {
    let mut laid = fonts::using(fonts, || flow::Flow::new().report(report));
    laid.fonts = fonts;
    laid
}

/// The whole report as pages.
pub fn layout(report: &Report) -> Vec<Page> {
    publication(report).pages
}
