//! "Where" in a report, spelled one way for findings, edits, import marks, navigation and the
//! UI. Indices are into one template's lists; string ids appear only at the edges (files, CLI,
//! JSON), through [`super::Template::cell_index`] and [`super::Template::narrative_index`].

use std::fmt;

/// A cell of a template, by its position in [`super::Template::cells`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellIx(usize);

impl CellIx {
    pub const fn new(index: usize) -> CellIx {
        CellIx(index)
    }

    pub const fn get(self) -> usize {
        self.0
    }
}

impl fmt::Display for CellIx {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// A narrative of a template (前言 or a narrative section), by its position in
/// [`super::Template::narratives`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NarrativeIx(usize);

impl NarrativeIx {
    pub const fn new(index: usize) -> NarrativeIx {
        NarrativeIx(index)
    }

    pub const fn get(self) -> usize {
        self.0
    }
}

/// A text field of the report's meta, as the national format names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MetaField {
    Organ,
    Region,
    PeriodStart,
    PeriodEnd,
    Address,
    Phone,
    Postcode,
    Website,
    ClosingOrgan,
    ClosingDate,
}

impl MetaField {
    pub const ALL: [MetaField; 10] = [
        MetaField::Organ,
        MetaField::Region,
        MetaField::PeriodStart,
        MetaField::PeriodEnd,
        MetaField::Address,
        MetaField::Phone,
        MetaField::Postcode,
        MetaField::Website,
        MetaField::ClosingOrgan,
        MetaField::ClosingDate,
    ];

    pub fn label(self) -> &'static str {
        match self {
            MetaField::Organ => "机关名称",
            MetaField::Region => "所属地区",
            MetaField::PeriodStart => "统计期起",
            MetaField::PeriodEnd => "统计期止",
            MetaField::Address => "通讯地址",
            MetaField::Phone => "联系电话",
            MetaField::Postcode => "邮政编码",
            MetaField::Website => "网站",
            MetaField::ClosingOrgan => "落款机关",
            MetaField::ClosingDate => "落款日期",
        }
    }

    /// The field's key in files (and in the editor's undo grouping).
    pub fn key(self) -> &'static str {
        match self {
            MetaField::Organ => "organ",
            MetaField::Region => "region",
            MetaField::PeriodStart => "period_start",
            MetaField::PeriodEnd => "period_end",
            MetaField::Address => "address",
            MetaField::Phone => "phone",
            MetaField::Postcode => "postcode",
            MetaField::Website => "website",
            MetaField::ClosingOrgan => "closing_organ",
            MetaField::ClosingDate => "closing_date",
        }
    }
}

/// Where something is in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    Cell(CellIx),
    Narrative(NarrativeIx),
    Meta(MetaField),
    /// The report year (a number, not a text field).
    Year,
}

impl Place {
    pub fn cell(self) -> Option<CellIx> {
        match self {
            Place::Cell(c) => Some(c),
            _ => None,
        }
    }
}
