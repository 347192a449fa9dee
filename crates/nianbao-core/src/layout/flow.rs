//! The report in reading order: title, preamble, the six sections (narratives as paragraphs,
//! tables via `table`), the 落款, then page numbers 「— N —」.

use super::fonts::Role;
use super::text::Style;
use super::title::title_lines;
use super::*;
use crate::model::Report;
use crate::template::SectionContent;

pub struct Flow {
    pub pages: Vec<Page>,
    /// The top of the next line, in mm from the top of the page.
    pub y_mm: f32,
    pub headings: Vec<Heading>,
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
        Flow {
            pages: vec![Page::default()],
            y_mm: TOP_MM,
            headings: Vec::new(),
        }
    }

    pub fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page is always open")
    }

    pub fn bottom_mm() -> f32 {
        TOP_MM + TEXT_H_MM
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y_mm = TOP_MM;
    }

    /// Makes room for `height_mm`, on a new page if this one is too full.
    pub fn need(&mut self, height_mm: f32) {
        if self.y_mm + height_mm > Self::bottom_mm() + 0.01 && self.y_mm > TOP_MM {
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

    /// A paragraph indented two characters, on the body grid.
    pub fn paragraph(&mut self, style: &Style, text: &str) {
        let indent = 2.0 * CHAR_MM;
        for (i, line) in style
            .lines(text, TEXT_W_MM - indent, TEXT_W_MM)
            .iter()
            .enumerate()
        {
            let x = if i == 0 { LEFT_MM + indent } else { LEFT_MM };
            self.line(style, line, x, LINE_MM);
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
            // A heading never ends a page: it stays with its table's header and first row,
            // or with two lines of its text.
            let follows = match &section.content {
                SectionContent::Table(id) => report
                    .template
                    .table(id)
                    .map_or(0.0, |(t, _)| super::table::lead_height(report, t)),
                SectionContent::Narrative(_) => 2.0 * LINE_MM,
            };
            self.need(LINE_MM + follows);
            self.mark(1, &section.heading);
            self.paragraph(
                &Style {
                    role: Role::Hei,
                    ..body()
                },
                &section.heading,
            );
            match &section.content {
                SectionContent::Narrative(_) => {
                    let n = report.template.section_narrative(i);
                    self.narrative(n.map_or("", |n| report.narrative(n)));
                }
                SectionContent::Table(id) => {
                    if let Some((t, _)) = report.template.table(id) {
                        super::table::table(&mut self, report, t);
                    }
                }
            }
        }
        self.closing(report);
        self.page_numbers();
        Publication {
            pages: self.pages,
            headings: self.headings,
        }
    }

    fn narrative(&mut self, text: &str) {
        for (para, sub) in paragraphs(text) {
            let role = if sub { Role::Kai } else { Role::Body };
            self.paragraph(&Style { role, ..body() }, para);
        }
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

    /// The 落款: date right-aligned four characters in from the edge, organ centred over it.
    fn closing(&mut self, report: &Report) {
        let style = body();
        let (organ, date) = (&report.meta.closing_organ, &report.meta.closing_date);
        if organ.is_empty() && date.is_empty() {
            return;
        }
        self.need(3.0 * LINE_MM);
        self.blank_line();
        let (organ_in, date_in) = closing_insets_mm(report);
        let right = LEFT_MM + TEXT_W_MM;
        let organ_x = right - organ_in - style.width_mm(organ).min(TEXT_W_MM);
        self.line(&style, organ, organ_x, LINE_MM);
        self.line(
            &style,
            date,
            right - date_in - style.width_mm(date),
            LINE_MM,
        );
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

/// A narrative's paragraphs, trimmed, blank lines left out, each with whether it is a
/// 「（一）…」 heading (short, no full stop), set in 楷体.
pub fn paragraphs(text: &str) -> impl Iterator<Item = (&str, bool)> {
    text.lines()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|para| {
            let mut chars = para.chars();
            let heading = matches!(chars.next(), Some('（' | '('))
                && matches!(chars.nth(1), Some('）' | ')'))
                && para.chars().count() <= 30
                && !para.ends_with('。');
            (para, heading)
        })
}

/// The 落款's distances from the right edge of the text area, in mm: the date four
/// characters in, the organ centred over the date (GB/T 9704), within the text width.
pub fn closing_insets_mm(report: &Report) -> (f32, f32) {
    let style = body();
    let date_in = 4.0 * CHAR_MM;
    let date_w = style.width_mm(&report.meta.closing_date);
    let organ_w = style.width_mm(&report.meta.closing_organ).min(TEXT_W_MM);
    let organ_in = (date_in + (date_w - organ_w) / 2.0).clamp(0.0, TEXT_W_MM - organ_w);
    (organ_in, date_in)
}
