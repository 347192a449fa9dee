//! The report in reading order: title, preamble, the six sections (narratives as justified
//! paragraphs, tables via `table`, a table too wide for portrait on landscape pages), the
//! 落款, then page numbers 「— N —」. No paragraph leaves its first line alone at the foot of a
//! page or its last alone at the head of the next.

use super::fonts::Role;
use super::narrative::styled;
use super::para::{Styled, break_lines, set_line};
use super::table::Grid;
use super::text::Style;
use super::title::title_lines;
use super::*;
use crate::model::Report;
use crate::template::SectionContent;

pub use super::narrative::paragraphs;

pub struct Flow {
    pub pages: Vec<Page>,
    /// The top of the next line, in mm from the top of the page.
    pub y_mm: f32,
    pub headings: Vec<Heading>,
    pub frame: Frame,
}

/// Squeezes 3号 characters to the 28-per-line grid.
pub fn body() -> Style {
    Style {
        tracking_mm: CHAR_MM - BODY_PT * PT_MM,
        ..Style::new(Role::Body, BODY_PT)
    }
}

impl Flow {
    pub fn new() -> Flow {
        Flow::in_frame(Frame::PORTRAIT)
    }

    fn in_frame(frame: Frame) -> Flow {
        Flow {
            pages: vec![Page::default()],
            y_mm: frame.top,
            headings: Vec::new(),
            frame,
        }
    }

    pub fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page is always open")
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y_mm = self.frame.top;
    }

    fn at_top(&self) -> bool {
        self.y_mm <= self.frame.top + 0.01
    }

    /// Makes room for `height_mm`, on a new page if this one is too full.
    pub fn need(&mut self, height_mm: f32) {
        if self.y_mm + height_mm > self.frame.bottom() + 0.01 && !self.at_top() {
            self.new_page();
        }
    }

    /// One line of text in a line box `height_mm` tall, at `x_mm`.
    fn line(&mut self, style: &Style, text: &str, x_mm: f32, height_mm: f32) {
        self.need(height_mm);
        let baseline = self.y_mm + (height_mm + 0.76 * style.em_mm()) / 2.0;
        let runs = style.runs(text, x_mm, baseline, None);
        self.page().runs.extend(runs);
        self.y_mm += height_mm;
    }

    /// A paragraph indented two characters, on the body grid, justified; broken across pages
    /// so that neither its first nor its last line stands alone.
    pub fn paragraph(&mut self, style: &Style, chars: &[Styled]) {
        let indent = 2.0 * CHAR_MM;
        let width = self.frame.width;
        let lines = break_lines(style, chars, width - indent, width);
        let mut i = 0;
        while i < lines.len() {
            let left = lines.len() - i;
            let room = ((self.frame.bottom() - self.y_mm) / LINE_MM + 0.01).floor() as usize;
            let mut take = left.min(room);
            if take < left {
                if take > 0 && left - take == 1 {
                    take -= 1;
                }
                if i == 0 && take == 1 {
                    take = 0;
                }
                if take == 0 && self.at_top() {
                    take = left.min(room).max(1);
                }
            }
            for (k, line) in lines.iter().enumerate().skip(i).take(take) {
                let (x, w) = if k == 0 {
                    (self.frame.left + indent, width - indent)
                } else {
                    (self.frame.left, width)
                };
                let baseline = self.y_mm + (LINE_MM + 0.76 * style.em_mm()) / 2.0;
                let justify = (k + 1 < lines.len()).then_some(w);
                let runs = set_line(style, &chars[line.clone()], x, baseline, justify);
                self.page().runs.extend(runs);
                self.y_mm += LINE_MM;
            }
            i += take;
            if i < lines.len() {
                self.new_page();
            }
        }
    }

    pub fn blank_line(&mut self) {
        if self.y_mm > TOP_MM {
            self.y_mm += LINE_MM;
        }
    }

    /// Marks a heading about to be set at the top of the next line.
    fn mark(&mut self, level: u8, text: &str) {
        self.headings.push(Heading {
            level,
            text: text.to_string(),
            page: self.pages.len() - 1,
            top_mm: self.y_mm,
        });
    }

    pub fn report(mut self, report: &Report) -> Publication {
        self.title(report);
        self.narrative(report.narrative(report.template.preamble()));
        for (i, section) in report.template.def.sections.iter().enumerate() {
            let hei = Style {
                role: Role::Hei,
                ..body()
            };
            let heading: Vec<Styled> = section.heading.chars().map(|c| (c, Role::Hei)).collect();
            match &section.content {
                SectionContent::Narrative(_) => {
                    // A heading never ends a page: it stays with two lines of its text.
                    self.need(3.0 * LINE_MM);
                    self.mark(1, &section.heading);
                    self.paragraph(&hei, &heading);
                    let n = report.template.section_narrative(i);
                    self.narrative(n.map_or("", |n| report.narrative(n)));
                }
                SectionContent::Table(id) => {
                    let grids = report
                        .template
                        .table(id)
                        .map_or(Vec::new(), |(t, _)| super::table::grids(report, t));
                    if grids.iter().any(|g| g.landscape) {
                        self.landscape(&section.heading, &heading, &grids);
                        continue;
                    }
                    // A heading never ends a page: it stays with its table's first rows.
                    self.need(LINE_MM + grids.first().map_or(0.0, Grid::lead_mm));
                    self.mark(1, &section.heading);
                    self.paragraph(&hei, &heading);
                    super::table::table(&mut self, &grids);
                }
            }
        }
        self.closing(report);
        self.page_numbers();
        let mut warnings = Vec::new();
        let mut missing: Vec<char> = self
            .pages
            .iter()
            .flat_map(|p| &p.runs)
            .flat_map(|r| r.text.chars())
            .filter(|&c| !super::fonts::has_glyph(c))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        if !missing.is_empty() {
            warnings.push(Warning::NoGlyph(missing.into_iter().collect()));
        }
        if report.meta.closing_date.trim().is_empty() {
            warnings.push(Warning::NoClosingDate);
        }
        Publication {
            pages: self.pages,
            headings: self.headings,
            warnings,
            fonts: super::fonts::current(),
        }
    }

    fn narrative(&mut self, text: &str) {
        for (para, heading) in paragraphs(text) {
            self.paragraph(&body(), &styled(para, heading));
        }
    }

    /// A section whose table is set landscape: its heading and table on pages of their own,
    /// laid out across the turned page and then turned into the portrait page's coordinates.
    fn landscape(&mut self, text: &str, heading: &[Styled], grids: &[Grid]) {
        if !self.at_top() || !self.page().runs.is_empty() {
            self.new_page();
        }
        self.mark(1, text);
        let mut side = Flow::in_frame(Frame::LANDSCAPE);
        let hei = Style {
            role: Role::Hei,
            ..body()
        };
        side.paragraph(&hei, heading);
        super::table::table(&mut side, grids);
        for (i, page) in side.pages.into_iter().enumerate() {
            if i > 0 {
                self.new_page();
            }
            *self.page() = turned(page);
        }
        self.new_page();
    }

    /// 2号 title in the heavy serif, centred, broken into balanced lines.
    fn title(&mut self, report: &Report) {
        let style = Style::new(Role::Title, TITLE_PT);
        let height = TITLE_PT * PT_MM * 1.6;
        self.mark(0, &report.title());
        for line in title_lines(report) {
            let x = LEFT_MM + (TEXT_W_MM - style.width_mm(&line)) / 2.0;
            self.line(&style, &line, x, height);
        }
        self.blank_line();
    }

    /// The 落款: date four characters in from the right edge, organ centred over it.
    fn closing(&mut self, report: &Report) {
        let style = body();
        let (organ, date) = (&report.meta.closing_organ, &report.meta.closing_date);
        if organ.is_empty() && date.is_empty() {
            return;
        }
        // The 落款 never stands alone on a page (GB/T 9704 7.3.5): when it does not fit, the
        // last two lines of text go over with it.
        if self.y_mm + 3.0 * LINE_MM > self.frame.bottom() + 0.01 && !self.at_top() {
            self.carry_over(2);
        }
        self.need(3.0 * LINE_MM);
        self.blank_line();
        let (organ_in, date_in) = closing_insets_mm(report);
        let right = LEFT_MM + TEXT_W_MM;
        let organ_x = right - organ_in - style.width_mm(organ).min(TEXT_W_MM);
        self.line(&style, organ, organ_x, LINE_MM);
        if !date.is_empty() {
            self.line(
                &style,
                date,
                right - date_in - style.width_mm(date),
                LINE_MM,
            );
        }
    }

    /// Moves the page's last `lines` lines of text (with any heading among them) to the top of
    /// a new page. Nothing moves when a table's rules reach into them: a table row is not
    /// split that way.
    fn carry_over(&mut self, lines: usize) {
        let from_mm = self.y_mm - lines as f32 * LINE_MM;
        if from_mm < self.frame.top + LINE_MM {
            return;
        }
        let page = self.pages.len() - 1;
        let below = |y: f32| y > from_mm + 0.01;
        if self.pages[page].rules.iter().any(|r| below(r.y0.max(r.y1))) {
            return;
        }
        let (moved, kept): (Vec<Run>, Vec<Run>) = std::mem::take(&mut self.pages[page].runs)
            .into_iter()
            .partition(|r| below(r.baseline_mm));
        self.pages[page].runs = kept;
        self.new_page();
        let shift = self.frame.top - from_mm;
        for mut run in moved {
            run.baseline_mm += shift;
            if let Some(cell) = run.cell.as_mut() {
                cell.y0 += shift;
                cell.y1 += shift;
            }
            self.page().runs.push(run);
        }
        for heading in self
            .headings
            .iter_mut()
            .filter(|h| h.page == page && below(h.top_mm + 0.02))
        {
            heading.page = page + 1;
            heading.top_mm += shift;
        }
        self.y_mm = self.frame.top + lines as f32 * LINE_MM;
    }

    /// 「— N —」 in 4号 宋体, 7 mm below the text area: odd pages right, even pages left,
    /// each one character in from the edge.
    fn page_numbers(&mut self) {
        let style = Style::new(Role::PageNumber, PAGE_NUMBER_PT);
        let baseline = TOP_MM + TEXT_H_MM + PAGE_NUMBER_BELOW_MM + 0.35 * style.em_mm();
        for (i, page) in self.pages.iter_mut().enumerate() {
            let text = format!("— {} —", i + 1);
            let w = style.width_mm(&text);
            let x = if i % 2 == 0 {
                LEFT_MM + TEXT_W_MM - CHAR_MM - w
            } else {
                LEFT_MM + CHAR_MM
            };
            page.runs.extend(style.runs(&text, x, baseline, None));
        }
    }
}

/// A landscape page's runs and rules in the portrait page's coordinates.
fn turned(page: Page) -> Page {
    let point = |u, v| Frame::to_portrait(u, v);
    let rules = page
        .rules
        .into_iter()
        .map(|r| {
            let ((x0, y0), (x1, y1)) = (point(r.x0, r.y0), point(r.x1, r.y1));
            Rule {
                x0: x0.min(x1),
                y0: y0.min(y1),
                x1: x0.max(x1),
                y1: y0.max(y1),
                ..r
            }
        })
        .collect();
    let runs = page
        .runs
        .into_iter()
        .map(|run| {
            let (x_mm, baseline_mm) = point(run.x_mm, run.baseline_mm);
            let cell = run.cell.map(|b| BoxMm {
                x0: b.y0,
                y0: PAGE_H_MM - b.x1,
                x1: b.y1,
                y1: PAGE_H_MM - b.x0,
            });
            Run {
                x_mm,
                baseline_mm,
                cell,
                rotated: true,
                ..run
            }
        })
        .collect();
    Page { runs, rules }
}

/// The 落款's distances from the right edge of the text area, in mm: the date four
/// characters in and the organ centred over it (GB/T 9704); an organ name too long for that
/// keeps two characters in, with the date centred under it. Without a date the organ stands
/// where it would over a date (「2026年12月31日」).
pub fn closing_insets_mm(report: &Report) -> (f32, f32) {
    let style = body();
    let date = match report.meta.closing_date.as_str() {
        "" => "0000年00月00日",
        date => date,
    };
    let date_w = style.width_mm(date).min(TEXT_W_MM);
    let organ_w = style.width_mm(&report.meta.closing_organ).min(TEXT_W_MM);
    let date_in = 4.0 * CHAR_MM;
    let organ_in = date_in + (date_w - organ_w) / 2.0;
    let least = if organ_w + 2.0 * CHAR_MM <= TEXT_W_MM {
        2.0 * CHAR_MM
    } else {
        TEXT_W_MM - organ_w
    };
    if organ_in >= least {
        return (organ_in, date_in);
    }
    let date_in = (least + (organ_w - date_w) / 2.0).min(TEXT_W_MM - date_w);
    (least, date_in)
}
