//! From lines to a report: the template, the sections, the particulars, the narratives and
//! the tables, with an import report of everything that was not simply read.

use super::ImportError;
use super::lines::Line;
use super::meta::{self, is_chrome, is_date_line};
use super::notes::ImportReport;
use super::outline::{detect_template, find_sections};
use super::stated::Stated;
use super::tables::read_table;
use crate::model::{MarkKind, Report};
use crate::template::{self, MetaField, SectionContent, Template};

/// `stated`: the particulars the file states besides its text (empty for other producers'
/// files, which are read from their text alone).
pub fn recognise(lines: &[Line], stated: &Stated) -> Result<(Report, ImportReport), ImportError> {
    let mut notes = ImportReport::default();
    let detected = detect_template(lines);
    let provisional = detected.map_or(template::for_year(2021), |(t, _)| t);
    let sections = find_sections(lines, provisional);
    let first = sections.iter().flatten().min().copied();
    if detected.is_none() && first.is_none() {
        return Err(ImportError::NotAReport);
    }
    let front = meta::front(&lines[..first.unwrap_or(0)]);
    let body: Vec<String> = lines.iter().map(Line::text).collect();
    let guessed = front
        .year
        .or_else(|| body.iter().find_map(|t| meta::first_year(t)));
    let (year, year_note) = stated.year(guessed);
    notes.notes.extend(year_note);
    let template = match detected {
        Some((t, _)) => {
            notes.note(format!(
                "按表格中的标签识别为{}（{}）",
                t.def.name, t.def.notice
            ));
            t
        }
        None => {
            let t = template::for_year(year.unwrap_or(provisional.def.first_year));
            notes.note(format!(
                "原文没有可识别的表格标签，按年度使用{}",
                t.def.name
            ));
            t
        }
    };
    let year = year.unwrap_or_else(|| {
        notes.note("原文中没有找到报告年度，请在“基本信息”中填写");
        template.def.first_year
    });
    let mut report = Report::with_template(template, year, &front.organ);
    // Imported reports are checked as published: totals are what the organ wrote.
    report.auto_totals = false;
    let preamble = front.preamble.join("\n");
    meta::contact(&preamble, &mut report.meta);
    *report.sections.get_mut(template.preamble()) = preamble;
    notes.left_out = front.left_out;

    let sections = find_sections(lines, template);
    let ranges = ranges(&sections, lines.len());
    for (s, section) in template.def.sections.iter().enumerate() {
        let Some(range) = ranges[s].clone() else {
            notes.note(format!("没有找到“{}”这一部分", section.heading));
            if let SectionContent::Table(id) = &section.content {
                mark_table_missing(template, id, &section.heading, &mut report);
            }
            continue;
        };
        let range = if s + 1 == ranges.len() {
            closing(&lines[range.clone()], &mut report, &mut notes)
                .or_else(|| undated_closing(&lines[range.clone()], &report, stated))
                .map_or(range.clone(), |end| range.start..range.start + end)
        } else {
            range
        };
        match &section.content {
            SectionContent::Narrative(id) => {
                let n = template
                    .narrative_index(id)
                    .expect("template narratives resolve");
                let text: Vec<String> = lines[range].iter().map(Line::text).collect();
                *report.sections.get_mut(n) = text.join("\n");
            }
            SectionContent::Table(id) => {
                let (t, _) = template.table(id).expect("template tables resolve");
                read_table(template, t, &lines[range], &mut report, &mut notes);
            }
        }
    }
    mark_wrapped(&mut report);
    particulars(&mut report, stated, &mut notes);
    if report.cells().iter().all(|c| c.is_blank()) {
        report.review.mark(
            None,
            MarkKind::Empty,
            "",
            "原文的统计表中没有读取到任何数字，请对照原文填写表二至表四".into(),
        );
    }
    Ok((report, notes))
}

/// The organ from the 落款 when the title has none and the other way round; then what the
/// file states outright, which wins over every guess.
fn particulars(report: &mut Report, stated: &Stated, notes: &mut ImportReport) {
    let meta = &mut report.meta;
    if meta.organ.is_empty() {
        meta.organ = meta.closing_organ.clone();
    }
    if meta.closing_organ.is_empty() {
        meta.closing_organ = meta.organ.clone();
    }
    notes.notes.extend(stated.apply_fields(meta));
    if meta.organ.is_empty() {
        notes.note("原文标题和落款中都没有机关名称，请在“基本信息”中填写");
    }
}

/// Each section runs from the line after its heading to the next heading found.
fn ranges(sections: &[Option<usize>], end: usize) -> Vec<Option<std::ops::Range<usize>>> {
    sections
        .iter()
        .enumerate()
        .map(|(s, start)| {
            let start = (*start)?;
            let next = sections[s + 1..]
                .iter()
                .flatten()
                .min()
                .copied()
                .unwrap_or(end);
            Some(start + 1..next)
        })
        .collect()
}

/// Finds the 落款 (organ line, date line) at the end of the last section; returns where the
/// section's text ends. What follows the date (a page's attachments, QR code…) is dropped.
fn closing(lines: &[Line], report: &mut Report, notes: &mut ImportReport) -> Option<usize> {
    let texts: Vec<String> = lines.iter().map(Line::text).collect();
    let date = texts.iter().rposition(|t| is_date_line(t))?;
    report.meta.closing_date = texts[date].chars().filter(|c| !c.is_whitespace()).collect();
    let mut end = date;
    if date > 0 {
        let organ = &texts[date - 1];
        if organ.chars().count() <= 30 && !organ.ends_with('。') && !organ.ends_with('：') {
            report.meta.closing_organ = organ.clone();
            end = date - 1;
        }
    }
    let dropped = texts[date + 1..].iter().filter(|t| !t.is_empty()).count();
    if dropped > 0 {
        let chrome = texts[date + 1..].iter().filter(|t| is_chrome(t)).count();
        notes.note(format!(
            "落款日期之后的 {dropped} 行（其中 {chrome} 行是网页附件、二维码等）不属于报告，没有导入"
        ));
    }
    Some(end)
}

/// A 落款 without a date: the last line, when it is the organ's name as the title (or the
/// file itself) gives it. The name stays in the particulars, not in the section's text.
fn undated_closing(lines: &[Line], report: &Report, stated: &Stated) -> Option<usize> {
    let last = lines.iter().rposition(|l| !l.text().is_empty())?;
    let fold = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let text = fold(&lines[last].text());
    let named = [
        Some(report.meta.organ.as_str()),
        stated.field(MetaField::ClosingOrgan),
        stated.field(MetaField::Organ),
    ];
    named
        .into_iter()
        .flatten()
        .any(|n| !n.is_empty() && fold(n) == text)
        .then_some(last)
}

/// Figures that a PDF table without rules showed over two lines (`pdf::WRAPPED`): one number
/// or two cannot be told, so the cell keeps both parts and the clerk is asked.
fn mark_wrapped(report: &mut Report) {
    let template = report.template;
    for i in template.cell_ixs() {
        let text = report.text(i);
        if text.contains(super::pdf::WRAPPED) && report.review.mark_of(i).is_none() {
            report.review.mark(
                Some(i),
                MarkKind::Missing,
                &text,
                format!("原文表格没有表格线，数字在单元格内折成两行（{text}），无法确定是一个数还是两个数，请对照原文填写"),
            );
        }
    }
}

fn mark_table_missing(template: &Template, id: &str, heading: &str, report: &mut Report) {
    let prefix = format!("{id}.");
    for i in template.cell_ixs() {
        if template.cell(i).id.starts_with(&prefix) {
            report.review.mark(
                Some(i),
                MarkKind::Missing,
                "",
                format!("原文中没有“{heading}”"),
            );
        }
    }
}
