//! The import report: what was read, what was moved or worked out and why, what is missing.
//! Shown in the window after opening (the marked cells are outlined for the clerk to confirm)
//! and printed by `nianbao convert --verbose`.

use crate::template::Template;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MarkKind {
    /// Values placed by their position after a shifted row was realigned.
    Realigned,
    /// A value worked out from the row's own equation (e.g. 总计 = the sum of the others).
    Inferred,
    /// Read, but the unit was converted or not stated.
    Unit,
    /// Left blank: the value could not be placed with certainty.
    Missing,
}

impl MarkKind {
    pub fn name(self) -> &'static str {
        match self {
            MarkKind::Realigned => "已对齐",
            MarkKind::Inferred => "已推算",
            MarkKind::Unit => "单位",
            MarkKind::Missing => "未能读取",
        }
    }
}

/// One cell the clerk should confirm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub cell: usize,
    pub kind: MarkKind,
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Cells whose value was read as it stood.
    pub read: usize,
    pub marks: Vec<Mark>,
    /// Everything else worth saying (template detected, sections not found, text dropped).
    pub notes: Vec<String>,
}

impl ImportReport {
    pub fn mark(&mut self, cell: usize, kind: MarkKind, reason: impl Into<String>) {
        self.marks.push(Mark {
            cell,
            kind,
            reason: reason.into(),
        });
    }

    pub fn note(&mut self, text: impl Into<String>) {
        self.notes.push(text.into());
    }

    /// The mark of a cell, if any (the most serious when there are several).
    pub fn mark_of(&self, cell: usize) -> Option<&Mark> {
        self.marks
            .iter()
            .filter(|m| m.cell == cell)
            .max_by_key(|m| m.kind)
    }

    pub fn count(&self, kind: MarkKind) -> usize {
        self.marks.iter().filter(|m| m.kind == kind).count()
    }

    /// One line summing it up, e.g. 「读取 205 个单元格；已对齐 7 个，已推算 0 个，未能读取 14 个」.
    pub fn summary(&self) -> String {
        format!(
            "读取 {} 个单元格；已对齐 {} 个，已推算 {} 个，单位待核对 {} 个，未能读取 {} 个",
            self.read,
            self.count(MarkKind::Realigned),
            self.count(MarkKind::Inferred),
            self.count(MarkKind::Unit),
            self.count(MarkKind::Missing)
        )
    }

    /// The full report as lines of text, cells named by their labels.
    pub fn lines(&self, template: &Template) -> Vec<String> {
        let mut out = vec![self.summary()];
        out.extend(self.notes.iter().cloned());
        for m in &self.marks {
            out.push(format!(
                "［{}］{}（{}）：{}",
                m.kind.name(),
                template.cell_label(m.cell),
                template.cells[m.cell].id,
                m.reason
            ));
        }
        out
    }
}
