//! Undo and redo by snapshots of the document's state (the report with its import doubts, and
//! what a migration left to re-enter). Keystrokes in one field within a short pause are one
//! step, so Ctrl+Z takes back a typed number, not a digit.

use std::time::{Duration, Instant};

use crate::model::{Migrated, Report};
use crate::template::{CellIx, NarrativeIx};

/// Edits to the same field closer together than this are one undo step.
const GROUP_WINDOW: Duration = Duration::from_millis(1500);
/// Enough for a day of work; the oldest steps go first.
const MAX_STEPS: usize = 500;

/// What an edit touched, for grouping: typing into one field continues a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditKey {
    Cell(CellIx),
    Narrative(NarrativeIx),
    Field(&'static str),
    /// Never merged with anything (paste, suggestion, migration, …).
    Single,
}

/// Everything an edit can change, as one value.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub report: Report,
    pub migration_notes: Option<Migrated>,
}

#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    last: Option<(EditKey, Instant)>,
}

impl History {
    /// Records the state before an edit.
    pub fn record(&mut self, before: Snapshot, key: EditKey, now: Instant) {
        let continues = key != EditKey::Single
            && self
                .last
                .as_ref()
                .is_some_and(|(k, at)| *k == key && now.duration_since(*at) < GROUP_WINDOW);
        if !continues {
            self.undo.push(before);
            if self.undo.len() > MAX_STEPS {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.last = Some((key, now));
    }

    /// Ends the current typing group (focus moved elsewhere).
    pub fn break_group(&mut self) {
        self.last = None;
    }

    pub fn undo(&mut self, current: Snapshot) -> Option<Snapshot> {
        let previous = self.undo.pop()?;
        self.redo.push(current);
        self.last = None;
        Some(previous)
    }

    pub fn redo(&mut self, current: Snapshot) -> Option<Snapshot> {
        let next = self.redo.pop()?;
        self.undo.push(current);
        self.last = None;
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}
