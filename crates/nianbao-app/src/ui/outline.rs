//! The report outline on the left: 基本信息 and the six sections, each with the number of
//! errors and warnings found in it.

use egui::Ui;

use super::counts_ui;
use crate::check::{Finding, Severity};
use crate::model::Report;
use crate::template::{Place, Template};
use crate::ui::command::{Command, Part};

/// What a finding is mainly about: its narrative or meta field, else its first cell.
fn main_place(f: &Finding) -> Option<Place> {
    let other = f.places.iter().find(|p| !matches!(p, Place::Cell(_)));
    other.or(f.places.first()).copied()
}

/// The part of the report a finding belongs to; none for a finding about no place (a figure
/// of an imported source that is in no cell), which 基本信息 must not be blamed for.
pub fn part_of(t: &Template, f: &Finding) -> Option<Part> {
    main_place(f).map(|p| Part::of(t, p))
}

/// What to focus for a finding: its narrative or meta field, else the cell its fix changes or
/// the one its broken checks share, else the first of its cells the clerk can type into.
pub fn target_of(report: &Report, f: &Finding) -> Option<Place> {
    let t = report.template;
    if let Some(p) = main_place(f).filter(|p| !matches!(p, Place::Cell(_))) {
        return Some(p);
    }
    let typed = |c: &_| t.is_typed(*c, report.auto_totals);
    let fixed = f.fix.as_ref().map(|fix| fix.cell).filter(typed);
    fixed
        .or(f.suspect.filter(typed))
        .or_else(|| f.cells().find(typed))
        .map(Place::Cell)
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
        // Answered warnings are apart, as the problems' heading and the status bar count.
        let in_part = findings
            .iter()
            .filter(|f| part_of(t, f) == Some(part) && f.answered.is_none());
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
        // The line is always there, so the outline does not move while figures are typed.
        ui.horizontal(|ui| {
            ui.add_space(12.0);
            if errors + warnings > 0 {
                counts_ui(ui, errors, warnings);
            } else {
                ui.weak("无问题");
            }
        });
        ui.add_space(4.0);
    }
}
