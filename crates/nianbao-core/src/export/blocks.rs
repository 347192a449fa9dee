//! The report in reading order, as both exports write it: the title in its lines, the
//! preamble, each section's heading with its narrative or official tables, the 落款.

use crate::layout::{self, Grid};
use crate::model::Report;
use crate::template::{NarrativeIx, SectionContent};

#[derive(Debug, Clone, PartialEq)]
pub enum Block<'a> {
    /// The title, in the lines the publication breaks it into.
    Title(Vec<String>),
    /// 「一、总体情况」: a section heading (黑体).
    Heading(&'a str),
    /// A paragraph of a narrative; `sub` for a 「（一）…」 heading (楷体).
    Paragraph { text: &'a str, sub: bool },
    /// One ruled block of an official table.
    Table(Grid),
    /// The 落款: organ and date, with their distances from the right edge in mm.
    Closing {
        organ: &'a str,
        date: &'a str,
        organ_inset_mm: f32,
        date_inset_mm: f32,
    },
}

/// The text of one narrative. Narratives are read only here, so the exports do not depend on
/// how the model stores them.
pub fn narrative(report: &Report, field: NarrativeIx) -> &str {
    report.narrative(field)
}

fn paragraphs<'a>(out: &mut Vec<Block<'a>>, text: &'a str) {
    out.extend(layout::paragraphs(text).map(|(text, sub)| Block::Paragraph { text, sub }));
}

pub fn blocks(report: &Report) -> Vec<Block<'_>> {
    let mut out = vec![Block::Title(layout::title_lines(report))];
    paragraphs(&mut out, narrative(report, report.template.preamble()));
    for (i, section) in report.template.def.sections.iter().enumerate() {
        out.push(Block::Heading(&section.heading));
        match &section.content {
            SectionContent::Narrative(_) => {
                if let Some(field) = report.template.section_narrative(i) {
                    paragraphs(&mut out, narrative(report, field));
                }
            }
            SectionContent::Table(id) => {
                if let Some((t, _)) = report.template.table(id) {
                    out.extend(layout::grids(report, t).into_iter().map(Block::Table));
                }
            }
        }
    }
    // A 落款 is found by its date: without one, an organ's name alone would read as the
    // last section's text (the title names the organ anyway).
    let (organ, date) = (&report.meta.closing_organ, &report.meta.closing_date);
    if !date.is_empty() {
        let (organ_inset_mm, date_inset_mm) = layout::closing_insets_mm(report);
        out.push(Block::Closing {
            organ,
            date,
            organ_inset_mm,
            date_inset_mm,
        });
    }
    out
}

/// A block's rows of origin cells by column (`None` where a merged cell covers it): the
/// head's rows, then the body's.
pub fn rows(grid: &Grid) -> Vec<Vec<Option<&layout::GridCell>>> {
    let width = grid.widths_mm.len();
    let mut out = vec![vec![None; width]; grid.head_rows + grid.body_rows];
    for cell in &grid.head {
        out[cell.r0][cell.c0] = Some(cell);
    }
    for cell in &grid.body {
        out[grid.head_rows + cell.r0][cell.c0] = Some(cell);
    }
    out
}
