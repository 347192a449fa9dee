//! Converting a report to a newer template version (a 2021 report written on gb2019), as the
//! newer template's `migrations` data says: what maps is kept, the rest is listed for the clerk.

use super::{CellValue, Report};
use crate::template::{self, CellIx, Template};

#[derive(Debug, Clone, PartialEq)]
pub struct Migrated {
    pub report: Report,
    /// Old cells with a value that had nowhere to go: (old label, text), for re-entry.
    pub dropped: Vec<(String, String)>,
    /// Sections (by heading) whose tables must be filled in again.
    pub reenter: Vec<String>,
    /// What the new template says about the conversion.
    pub note: String,
}

/// The template the report can be converted to, if any.
pub fn migration_target(report: &Report) -> Option<&'static Template> {
    template::migration_from(report.template).map(|(t, _)| t)
}

pub fn migrate(report: &Report) -> Option<Migrated> {
    let (target, how) = template::migration_from(report.template)?;
    let old = report.template;
    let mut out = Report::with_template(target, report.meta.year, "");
    out.auto_totals = false;
    out.meta = report.meta.clone();
    // Narratives follow their id; one the new template lacks is never silently lost: it is
    // listed with the dropped values, under its heading.
    let mut dropped = Vec::new();
    for n in old.narrative_ixs() {
        let text = report.narrative(n);
        match target.narrative_index(&old.narrative(n).id) {
            Some(m) => *out.sections.get_mut(m) = text.to_string(),
            None if !text.trim().is_empty() => dropped.push((
                old.narrative_section(n)
                    .map_or_else(|| "前言".to_string(), |s| s.heading.clone()),
                text.to_string(),
            )),
            None => {}
        }
    }
    let target_of = |i: CellIx| {
        let cell = old.cell(i);
        let table = &old.def.tables[cell.table].id;
        let id = how
            .renames
            .iter()
            .find_map(|(from, to)| {
                cell.id
                    .strip_prefix(from.as_str())
                    .map(|rest| format!("{to}{rest}"))
            })
            .unwrap_or_else(|| cell.id.clone());
        how.tables
            .contains(table)
            .then(|| target.cell_index(&id))
            .flatten()
    };
    for i in old.cell_ixs() {
        let cell = old.cell(i);
        let value = report.cell(i);
        match target_of(i) {
            Some(j) => out.set(j, CellValue::parse(&report.text(i), target.cell(j).kind)),
            None if !value.is_blank() => dropped.push((
                format!("{}“{}”", old.table_part(cell.table), old.cell_label(i)),
                report.text(i),
            )),
            None => {}
        }
    }
    // Import doubts follow their cell; a doubt about a cell that has no place in the new
    // template stays, about no cell, with the old cell named.
    out.review = report.review.clone();
    for mark in &mut out.review.marks {
        if let Some(i) = mark.cell {
            mark.cell = target_of(i);
            if mark.cell.is_none() {
                mark.reason = format!("{}（原{}）", mark.reason, old.cell_label(i));
            }
        }
    }
    out.auto_totals = report.auto_totals;
    if out.auto_totals {
        out.recompute_totals();
    }
    let reenter = target
        .def
        .tables
        .iter()
        .filter(|t| !how.tables.contains(&t.id))
        .filter_map(|t| target.table(&t.id).map(|(i, _)| i))
        .map(|i| target.table_part(i))
        .collect();
    Some(Migrated {
        report: out,
        dropped,
        reenter,
        note: how.note.clone(),
    })
}
