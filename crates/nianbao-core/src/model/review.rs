//! Doubts about an imported report, kept in the report until a person clears them: a value
//! realigned, inferred, converted or left blank, and figures of the source that were not
//! placed in any cell. They are saved with the file, checked as `IMP-REVIEW` findings, and
//! cleared by editing the cell or by confirming them all.

use serde::{Deserialize, Serialize};

use crate::template::CellIx;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkKind {
    /// Values placed by their position after a shifted row was realigned.
    Realigned,
    /// A value worked out from the row's own equation (e.g. 总计 = the sum of the others).
    Inferred,
    /// Read, but the unit was converted or not stated.
    Unit,
    /// Left blank: the value could not be placed with certainty.
    Missing,
    /// A figure of the source's tables that is in no cell (no `cell`).
    NotPlaced,
    /// The source's tables gave no figure at all (no `cell`).
    Empty,
}

impl MarkKind {
    pub fn name(self) -> &'static str {
        match self {
            MarkKind::Realigned => "已对齐",
            MarkKind::Inferred => "已推算",
            MarkKind::Unit => "单位",
            MarkKind::Missing => "未能读取",
            MarkKind::NotPlaced => "未放入表格",
            MarkKind::Empty => "没有表格数据",
        }
    }
}

/// One doubt for the clerk to confirm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewMark {
    /// The cell it is about; `None` for a figure that is in no cell.
    pub cell: Option<CellIx>,
    pub kind: MarkKind,
    /// The source's text of the value ("" when the source had none).
    pub original: String,
    /// Why, and where in the source (table, row label, position).
    pub reason: String,
    /// Cleared by the clerk (the cell was edited, or all were confirmed): kept so the import
    /// summary still says what was inferred.
    pub confirmed: bool,
}

/// What an import said of its source besides the doubts. Kept with them, so a report saved
/// and reopened still says where its figures came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Cells whose value was read as it stood.
    pub read: usize,
    /// Everything else worth saying (template detected, sections not found).
    pub notes: Vec<String>,
    /// Lines of the source that are not report text (page chrome), left out.
    pub left_out: Vec<String>,
}

/// The doubts of one report, in the order they were found, and what its import said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Review {
    pub marks: Vec<ReviewMark>,
    /// `None` for a report that was never imported.
    pub source: Option<ImportReport>,
}

impl Review {
    pub fn mark(&mut self, cell: Option<CellIx>, kind: MarkKind, original: &str, reason: String) {
        self.marks.push(ReviewMark {
            cell,
            kind,
            original: original.to_string(),
            reason,
            confirmed: false,
        });
    }

    /// The marks still to confirm.
    pub fn open(&self) -> impl Iterator<Item = &ReviewMark> {
        self.marks.iter().filter(|m| !m.confirmed)
    }

    pub fn open_count(&self) -> usize {
        self.open().count()
    }

    /// The open mark of a cell, if any (the most serious when there are several).
    pub fn mark_of(&self, cell: CellIx) -> Option<&ReviewMark> {
        self.open()
            .filter(|m| m.cell == Some(cell))
            .max_by_key(|m| m.kind)
    }

    /// Every mark of this kind, confirmed or not (the import summary).
    pub fn count(&self, kind: MarkKind) -> usize {
        self.marks.iter().filter(|m| m.kind == kind).count()
    }

    /// The clerk has dealt with this cell (typed, pasted, accepted a suggestion).
    pub fn confirm_cell(&mut self, cell: CellIx) {
        for m in self.marks.iter_mut().filter(|m| m.cell == Some(cell)) {
            m.confirmed = true;
        }
    }

    /// 「全部已核对」: every mark confirmed, none forgotten.
    pub fn confirm_all(&mut self) {
        for m in &mut self.marks {
            m.confirmed = true;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.marks.is_empty() && self.source.is_none()
    }
}
