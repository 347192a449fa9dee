//! A narrative section (一, 五, 六): a multi-line editor, the expected sub-headings as a
//! starting scaffold, and the narrative findings beside it.

use egui::{TextEdit, Ui};

use super::severity_color;
use crate::check::Finding;
use crate::editor::{Edit, Editor};
use crate::template::{NarrativeIx, Place, SectionDef};
use crate::ui::command::Command;

pub fn narrative_id(field: NarrativeIx) -> egui::Id {
    egui::Id::unique(("nianbao-narrative", field.get()))
}

pub fn narrative_ui(
    ui: &mut Ui,
    editor: &Editor,
    section: &SectionDef,
    field: NarrativeIx,
    focus: &mut Option<Place>,
    commands: &mut Vec<Command>,
) {
    let heading = ui.heading(&section.heading);
    let current = editor.report.narrative(field);
    let missing = crate::check::missing_subheadings(section, current);
    // One line whatever is missing, so the text box below never moves while the clerk types.
    let label = match missing[..] {
        [] => "小标题已齐全".to_string(),
        [one] => format!("插入缺少的小标题“{one}”"),
        [first, ..] => format!("插入缺少的 {} 个小标题（“{first}”等）", missing.len()),
    };
    if !section.subheadings.is_empty()
        && ui
            .add_enabled(!missing.is_empty(), egui::Button::new(label))
            .on_hover_text(format!(
                "按{}的要求，“{}”应分别说明：{}。缺少：{}",
                editor.report.template.def.name,
                section.heading,
                section.subheadings.join("、"),
                missing.join("、")
            ))
            .clicked()
    {
        let mut text = current.trim_end().to_string();
        for h in missing {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(h);
            text.push('\n');
        }
        commands.push(Command::Edit(Edit::Narrative { field, text }));
    }
    draft_ui(ui, editor, field, commands);
    let mut text = current.to_string();
    let response = ui
        .add(
            TextEdit::multiline(&mut text)
                .id(narrative_id(field))
                .desired_rows(18)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(heading.id);
    if *focus == Some(Place::Narrative(field)) {
        response.request_focus();
        *focus = None;
    }
    if response.changed() {
        commands.push(Command::Edit(Edit::Narrative { field, text }));
    }
    if response.lost_focus() {
        commands.push(Command::BreakGroup);
    }
    // Below the text, so the text box does not move while findings come and go.
    for f in narrative_findings(editor.findings(), field) {
        ui.colored_label(
            severity_color(f.severity),
            format!(
                "{}：{}",
                editor.report.template.rule_name(f.rule),
                f.text(editor.report.template)
            ),
        );
        if let Some(fix) = &f.text_fix {
            super::problems::text_fix_button(ui, fix, commands);
        }
    }
}

/// The findings that concern a narrative's text.
pub fn narrative_findings(
    findings: &[Finding],
    field: NarrativeIx,
) -> impl Iterator<Item = &Finding> {
    findings
        .iter()
        .filter(move |f| f.narrative() == Some(field))
}

/// 「按表格生成」 where the template drafts sentences for this narrative from the tables: they
/// go after their sub-headings, as one undoable edit, to be edited freely afterwards. Before
/// the figures are filled, it says which are missing.
fn draft_ui(ui: &mut Ui, editor: &Editor, field: NarrativeIx, commands: &mut Vec<Command>) {
    use crate::model::draft;
    let report = &editor.report;
    let id = &report.template.narrative(field).id;
    if !report
        .template
        .def
        .drafts
        .iter()
        .any(|d| &d.narrative == id)
    {
        return;
    }
    let drafted = draft::drafts(report, field);
    let button = ui.add_enabled(drafted.is_ok(), egui::Button::new("按表格生成"));
    let button = match &drafted {
        Ok(_) => button.on_hover_text(
            "按统计表中的数字写出相应的句子，插入到对应的小标题之后，可再修改（可撤销）",
        ),
        Err(e) => button.on_disabled_hover_text(e.to_string()),
    };
    if button.clicked()
        && let Ok(drafted) = drafted
    {
        let text = draft::insert(report.narrative(field), &drafted);
        commands.push(Command::Edit(Edit::Narrative { field, text }));
    }
}
