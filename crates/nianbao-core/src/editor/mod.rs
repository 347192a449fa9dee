//! The document being edited, without any UI: the report, where it lives, undo history,
//! last year's report for the cross-year checks, and the findings of the current state.
//! The window turns clicks and keys into [`Edit`]s and applies them here.

mod history;
mod lock;
pub mod nav;
pub mod paste;
mod prev_link;
mod recovery;
mod saving;
pub mod session;

use std::path::{Path, PathBuf};
use std::time::Instant;

pub use history::EditKey;
use history::{History, Snapshot};

use crate::check::{self, Finding};
use crate::file;
use crate::import::ImportReport;
use crate::model::{self, CellValue, Report};
use crate::open::{self, OpenError};
pub use crate::template::MetaField;
use crate::template::{CellIx, NarrativeIx};
pub use prev_link::{link_text, resolve};

/// A change to the report. Every change goes through [`Editor::apply`] and can be undone.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    Cell {
        cell: CellIx,
        text: String,
    },
    Meta {
        field: MetaField,
        text: String,
    },
    Year(i32),
    Narrative {
        field: NarrativeIx,
        text: String,
    },
    /// A 「改为 N」 correction.
    Suggestion {
        cell: CellIx,
        value: String,
    },
    /// 「正文改为N」: a figure in a narrative written as the tables have it.
    TextFix(check::TextFix),
    /// A tab-separated block pasted at a cell.
    Paste {
        at: CellIx,
        text: String,
    },
    AutoTotals(bool),
    /// Convert to the newer template version (gb2019 → gb2021).
    Migrate,
    /// 空白填0: every blank cell the clerk types becomes 0, except cells an import left blank
    /// because it could not read them (their figure may not be 0).
    FillBlanks,
    /// 「已核实，说明原因」: a warning of `rule` about `places` answered on `date`. Refused for
    /// what [`check::unanswerable`] refuses (the editor changes nothing then).
    Answer {
        rule: check::RuleId,
        places: Vec<crate::template::Place>,
        reason: String,
        date: String,
    },
    /// 撤销说明: the warning is open again.
    Unanswer {
        rule: check::RuleId,
        places: Vec<crate::template::Place>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct PrevReport {
    pub path: PathBuf,
    pub report: Report,
}

pub struct Editor {
    pub report: Report,
    /// Where the report is saved; `None` until the first save (or for a JSON file opened,
    /// which is saved under a new `.nianbao` name).
    pub path: Option<PathBuf>,
    /// The state last saved or opened, to tell unsaved changes (`None`: never saved).
    saved: Option<Report>,
    history: History,
    pub prev: Option<PrevReport>,
    findings: Vec<Finding>,
    /// What the last migration could not carry over, for the clerk to re-enter.
    pub migration_notes: Option<model::Migrated>,
    /// When the report last changed (the recovery copy follows a few seconds later).
    pub last_change: Option<Instant>,
    /// For an imported report: the cells still to confirm (a cell leaves it when edited).
    pub import: Option<ImportReport>,
    /// The file as opened or last saved, and this window's hold on it.
    file: saving::FileState,
    /// Last year's report the file links to, when it could not be opened.
    pub prev_missing: Option<PathBuf>,
    /// The file this document was opened from, also when it was imported, or made from (last
    /// year's report): saves and exports are proposed beside it.
    pub source: Option<PathBuf>,
}

impl Editor {
    pub fn new(report: Report, path: Option<PathBuf>) -> Editor {
        let findings = check::check(&report, None);
        Editor {
            saved: Some(report.clone()),
            report,
            path,
            history: History::default(),
            prev: None,
            findings,
            migration_notes: None,
            last_change: None,
            import: None,
            file: saving::FileState::default(),
            prev_missing: None,
            source: None,
        }
    }

    /// Opens a file: a native file keeps its path; anything else is saved under a new name.
    /// An imported report is unsaved from the start and is never saved over its original.
    pub fn open(path: &Path) -> Result<Editor, OpenError> {
        let opened = open::open(path)?;
        let native = file::Format::from_path(path) == Some(file::Format::Native);
        // Absolute, so the recent list and the recovery copy still find it from elsewhere.
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let mut editor = Editor::new(opened.report, native.then_some(path.clone()));
        editor.source = Some(path);
        editor.file.stamp = native.then_some(opened.stamp);
        if opened.import.is_some() {
            editor.mark_unsaved();
        }
        editor.import = opened.import;
        if native {
            editor.follow_prev_link(Instant::now());
        }
        Ok(editor)
    }

    /// 「全部已核对」: every import doubt confirmed, as one undoable change.
    pub fn confirm_all(&mut self, now: Instant) -> bool {
        let before = self.snapshot();
        self.report.review.confirm_all();
        if self.report == before.report {
            return false;
        }
        self.history.record(before, EditKey::Single, now);
        self.refresh(now);
        true
    }

    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    pub fn is_dirty(&self) -> bool {
        self.saved.as_ref() != Some(&self.report)
    }

    /// Treats the current state as unsaved (a restored recovery copy).
    pub fn mark_unsaved(&mut self) {
        self.saved = None;
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    fn refresh(&mut self, now: Instant) {
        self.findings = check::check(&self.report, self.prev.as_ref().map(|p| &p.report));
        self.last_change = Some(now);
    }

    /// Applies an edit; returns whether the report changed.
    pub fn apply(&mut self, edit: Edit, now: Instant) -> bool {
        let before = self.snapshot();
        let key = self.edit(&edit);
        if self.report == before.report {
            return false;
        }
        self.history.record(before, key, now);
        self.refresh(now);
        true
    }

    fn edit(&mut self, edit: &Edit) -> EditKey {
        let r = &mut self.report;
        match edit {
            Edit::Cell { cell, text } => {
                r.set_text(*cell, text);
                r.review.confirm_cell(*cell);
                EditKey::Cell(*cell)
            }
            Edit::Meta { field, text } => {
                *r.meta.field_mut(*field) = text.clone();
                EditKey::Field(field.key())
            }
            Edit::Year(year) => {
                r.meta.year = *year;
                EditKey::Field("year")
            }
            Edit::Narrative { field, text } => {
                *r.sections.get_mut(*field) = text.clone();
                EditKey::Narrative(*field)
            }
            Edit::Suggestion { cell, value } => {
                r.set_text(*cell, value);
                r.review.confirm_cell(*cell);
                EditKey::Single
            }
            Edit::TextFix(fix) => {
                let text = r.sections.get_mut(fix.narrative);
                // Offered for the text as it is now; a range that no longer holds a number
                // (the text changed meanwhile) changes nothing.
                let number = |s: &str| {
                    crate::model::parse_number(s, crate::model::CellKind::Count).is_ok()
                        || crate::model::numerals::chinese_number(s).is_some()
                };
                if text.get(fix.range.clone()).is_some_and(number) {
                    text.replace_range(fix.range.clone(), &fix.value);
                }
                EditKey::Single
            }
            Edit::Paste { at, text } => {
                let auto = r.auto_totals;
                r.auto_totals = false;
                for (cell, value) in paste::block(r.template, *at, text, auto) {
                    let kind = r.kind(cell);
                    r.set(cell, CellValue::parse(&value, kind));
                    // Pasting over a doubtful cell is the clerk's answer to it.
                    r.review.confirm_cell(cell);
                }
                r.auto_totals = auto;
                if auto {
                    r.recompute_totals();
                }
                EditKey::Single
            }
            Edit::Answer {
                rule,
                places,
                reason,
                date,
            } => {
                // Only a warning found now, with a reason given: never an error.
                let open = self.findings.iter().any(|f| {
                    f.rule == *rule && f.places == *places && check::unanswerable(f).is_none()
                });
                if open && !reason.trim().is_empty() {
                    r.answer(*rule, places, reason, date);
                }
                EditKey::Single
            }
            Edit::Unanswer { rule, places } => {
                r.unanswer(*rule, places);
                EditKey::Single
            }
            Edit::AutoTotals(on) => {
                r.auto_totals = *on;
                if *on {
                    r.recompute_totals();
                }
                EditKey::Single
            }
            Edit::FillBlanks => {
                let auto = r.auto_totals;
                r.auto_totals = false;
                for cell in r.fillable_blanks().0 {
                    r.set(cell, CellValue::Number(model::Num::default()));
                }
                r.auto_totals = auto;
                if auto {
                    r.recompute_totals();
                }
                EditKey::Single
            }
            Edit::Migrate => {
                if let Some(migrated) = model::migrate(r) {
                    *r = migrated.report.clone();
                    self.migration_notes = Some(migrated);
                }
                EditKey::Single
            }
        }
    }

    /// Ends a typing group, so the next keystroke starts a new undo step.
    pub fn break_group(&mut self) {
        self.history.break_group();
    }

    pub fn undo(&mut self, now: Instant) -> bool {
        let previous = self.history.undo(self.snapshot());
        self.restore(previous, now)
    }

    pub fn redo(&mut self, now: Instant) -> bool {
        let next = self.history.redo(self.snapshot());
        self.restore(next, now)
    }

    fn restore(&mut self, state: Option<Snapshot>, now: Instant) -> bool {
        let Some(state) = state else { return false };
        self.report = state.report;
        self.migration_notes = state.migration_notes;
        self.refresh(now);
        true
    }

    /// The whole document state an undo step restores.
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            report: self.report.clone(),
            migration_notes: self.migration_notes.clone(),
        }
    }

    /// Attaches last year's report, enabling the cross-year checks.
    /// The file name for the title bar.
    pub fn title(&self) -> String {
        match &self.path {
            Some(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            None => format!(
                "{}{}年度报告（未保存）",
                self.report.meta.organ, self.report.meta.year
            ),
        }
    }
}
