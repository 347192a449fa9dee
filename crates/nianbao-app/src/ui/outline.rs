//! The report outline on the left: 基本信息 and the six sections, each with the number of
//! errors and warnings found in it.

use egui::Ui;

use super::counts_ui;
use super::narrative::narrative_of;
use crate::check::{Finding, RuleId, Severity};
use crate::model::Report;
use crate::template::{NarrativeField, SectionContent, Template};
use crate::ui::command::{Command, Part, Target};

/// The part of the report a finding belongs to.
pub fn part_of(t: &Template, f: &Finding) -> Part {
    // The preamble is edited with the meta data.
    if narrative_of(f) == Some(NarrativeField::Preamble) {
        return Part::Meta;
    }
    if let Some(field) = narrative_of(f)
        && let Some(i) = t
            .def
            .sections
            .iter()
            .position(|s| s.content == SectionContent::Narrative(field))
    {
        return Part::Section(i);
    }
    let table = f
        .cells
        .first()
        .and_then(|id| t.cell_index(id))
        .map(|c| &t.def.tables[t.cells[c].table].id);
    match table {
        Some(id) => t
            .def
            .sections
            .iter()
            .position(|s| matches!(&s.content, SectionContent::Table(x) if x == id))
            .map_or(Part::Meta, Part::Section),
        None => Part::Meta,
    }
}

/// What to focus for a finding: the narrative, the year, or the cell to correct.
pub fn target_of(report: &Report, f: &Finding) -> Option<Target> {
    let t = report.template;
    if let Some(field) = narrative_of(f) {
        return Some(Target::Narrative(field));
    }
    if f.rule == RuleId::TPLYEAR {
        return Some(Target::Year);
    }
    let editable = |id: &String| {
        t.cell_index(id)
            .filter(|&c| !(report.auto_totals && t.cells[c].computed))
    };
    let suggested = f.suggested.as_ref().map(|s| &s.cell).and_then(editable);
    suggested
        .or_else(|| f.cells.iter().find_map(editable))
        .map(Target::Cell)
}

pub fn outline_ui(
    ui: &mut Ui,
    report: &Report,
    findings: &[Finding],
    current: Part,
    commands: &mut Vec<Command>,
) {
    let t = report.template;
    let parts = std::iter::once((Part::Meta, "基本信息".to_string())).chain(
        t.def
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| (Part::Section(i), s.heading.clone())),
    );
    for (part, title) in parts {
        let in_part = findings.iter().filter(|f| part_of(t, f) == part);
        let errors = in_part
            .clone()
            .filter(|f| f.severity == Severity::Error)
            .count();
        let warnings = in_part.count() - errors;
        let button = egui::Button::selectable(current == part, title)
            .wrap()
            .min_size(egui::vec2(ui.available_width(), 0.0));
        if ui.add(button).clicked() {
            commands.push(Command::GoTo(part, None));
        }
        if errors + warnings > 0 {
            ui.horizontal(|ui| {
                ui.add_space(12.0);
                counts_ui(ui, errors, warnings);
            });
        }
        ui.add_space(4.0);
    }
}
