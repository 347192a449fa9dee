//! What a click or a key asks for. Widgets push commands during the frame; the app applies
//! them after it, so no widget changes the report while others are drawing it.

use std::path::PathBuf;

use crate::editor::Edit;
use crate::editor::nav::Move;
use crate::template::{Place, Template};

/// Which part of the report the centre shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Meta,
    /// A section of the template, by index.
    Section(usize),
    /// The pages as the PDF will print them.
    Preview,
    /// 与上年比对, with the last year's report attached.
    Compare,
}

impl Part {
    /// The part that shows a place: its section, or the meta page (meta, year, 前言).
    pub fn of(t: &Template, place: Place) -> Part {
        t.section_of(place).map_or(Part::Meta, Part::Section)
    }
}

/// What the unsaved-changes prompt guards.
#[derive(Debug, Clone, PartialEq)]
pub enum Guarded {
    Close,
    New,
    NewFromPrev,
    Open,
    OpenPath(PathBuf),
    /// A report opened from 批量检查: compared with the last year's report the desk paired it
    /// with (for this session, not linked in the file), and what only the desk could say of
    /// it (several reports of one organ, another year, the 汇总 sum) shown on opening.
    OpenFromDesk {
        path: PathBuf,
        prev: Option<PathBuf>,
        said: Vec<String>,
    },
    /// 生成汇总报告: the county's report summed from the reports that count, for this organ.
    NewSum(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Edit(Edit),
    Undo,
    Redo,
    /// Show a part and focus something in it.
    GoTo(Part, Option<Place>),
    /// Move from the focused cell.
    Move(Move),
    /// Typing in one field ended; the next keystroke is a new undo step.
    BreakGroup,
    /// Actions that would replace the report ask first when there are unsaved changes.
    Guarded(Guarded),
    Save,
    SaveAs,
    AttachPrev,
    DetachPrev,
    ExportJson,
    ExportPdf,
    /// 导出网页 (.html) and 导出Word (.docx).
    ExportHtml,
    ExportDocx,
    /// 复制为网页: the page on the clipboard, with a plain-text alternative.
    CopyHtml,
    /// Show the pages as they will be printed.
    Preview,
    /// The clerk has checked every imported cell that was marked.
    ConfirmImport,
    /// 空白填0, with a message of what was filled and what was left.
    FillBlanks,
    /// 批量检查文件夹: a folder of reports checked at once.
    CheckFolder,
    /// 导出Excel of the 批量检查 summary (the rows the filter shows).
    ExportDesk,
    /// 「已核实，说明原因」 asked for a warning: the dialog for its reason.
    AskAnswer {
        rule: crate::check::RuleId,
        places: Vec<Place>,
        about: String,
    },
    /// 批量检查's 机关名单 or 汇总报告 chosen, or 重新检查 (after a fix, with the files as they are
    /// now).
    DeskNames,
    DeskParent,
    DeskRecheck,
    /// 导出PDF使用本机字体 turned on or off (remembered in the settings).
    InstalledFonts(bool),
}
