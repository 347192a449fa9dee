//! The national templates as data. `assets/templates/*.ron` are compiled in, parsed once, and
//! resolved into cell indices so that the model, the checks and the renderers never spell a
//! label or a cell id in code.

mod def;
mod labels;
mod place;
mod registry;
mod resolve;
mod rule;

use std::collections::HashMap;

pub use def::{
    CellKind, ColumnDef, Draft, DraftVariant, FeeRole, GridDef, HeaderCell, JumpFigure,
    LabelWidths, MigrationDef, RowDef, SectionContent, SectionDef, TableDef, TemplateDef,
};
pub use labels::LabelCell;
pub use place::{CellIx, MetaField, NarrativeIx, Place};
pub use registry::{EXTRA_DIR_VAR, all, by_id, for_year, ids, load_problems, migration_from};
pub use rule::{RuleId, Severity};

/// A template version, resolved for fast lookups.
#[derive(Debug)]
pub struct Template {
    pub def: TemplateDef,
    /// Every cell, in template order (tables, grids, rows, columns).
    pub cells: Vec<CellDef>,
    index: HashMap<String, CellIx>,
    /// The first cell of each grid, by table and grid.
    grid_first: Vec<Vec<usize>>,
    /// 前言 first, then each narrative section in order.
    pub narratives: Vec<Narrative>,
    pub equations: Vec<Equation>,
    pub cross_year: Vec<CrossYear>,
    pub figures: Vec<Figure>,
    pub regulation_cells: Vec<CellIx>,
    pub fee_cells: Vec<CellIx>,
}

/// A narrative of the report: its key in files and the section that prints it (none for 前言).
#[derive(Debug, Clone)]
pub struct Narrative {
    pub id: String,
    pub section: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct CellDef {
    pub id: String,
    pub table: usize,
    pub grid: usize,
    pub row: usize,
    pub col: usize,
    pub kind: CellKind,
    /// Computed from other cells when automatic totals are on.
    pub computed: bool,
}

impl CellDef {
    /// The table row the cell is in: cells with the same key share a row.
    pub fn row_key(&self) -> (usize, usize, usize) {
        (self.table, self.grid, self.row)
    }
}

/// One term of an equation: a cell and the names it goes by in messages.
#[derive(Debug, Clone)]
pub struct Term {
    pub cell: CellIx,
    pub short: String,
    pub label: String,
}

/// `sum(left) = sum(right)`, for one column, one row or one set of cells.
#[derive(Debug, Clone)]
pub struct Equation {
    pub rule: RuleId,
    /// Where it applies, e.g. 「自然人列」.
    pub scope: String,
    pub left: Vec<Term>,
    pub right: Vec<Term>,
    pub right_name: Option<String>,
    /// `left[0]` is a total computed from `right`.
    pub total: bool,
}

/// This year's `target` = last year's `prev` + this year's `plus` − this year's `minus`.
#[derive(Debug, Clone)]
pub struct CrossYear {
    pub rule: RuleId,
    pub scope: String,
    pub target: Term,
    /// Cell ids in last year's report (its template may differ) with their labels.
    pub prev: Vec<(String, String)>,
    /// The same cells' indices, valid when last year's report is on this template.
    pub prev_same_template: Vec<CellIx>,
    pub plus: Vec<Term>,
    pub minus: Vec<Term>,
}

/// A table quantity that narratives state in words (TXT-NUM).
#[derive(Debug, Clone)]
pub struct Figure {
    pub keywords: Vec<String>,
    pub name: String,
    pub cells: Vec<CellIx>,
}

impl Template {
    pub fn id(&self) -> &str {
        &self.def.id
    }

    pub fn cell_index(&self, id: &str) -> Option<CellIx> {
        self.index.get(id).copied()
    }

    pub fn cell(&self, cell: CellIx) -> &CellDef {
        &self.cells[cell.get()]
    }

    /// The cell at a grid position, if the grid has one there.
    pub fn cell_at(&self, table: usize, grid: usize, row: usize, col: usize) -> Option<CellIx> {
        let g = self.def.tables.get(table)?.grids.get(grid)?;
        (row < g.rows.len() && col < g.columns.len())
            .then(|| CellIx::new(self.grid_first[table][grid] + row * g.columns.len() + col))
    }

    /// Whether the clerk types this cell (computed totals are not typed while automatic
    /// totals are on).
    pub fn is_typed(&self, cell: CellIx, auto_totals: bool) -> bool {
        !(auto_totals && self.cell(cell).computed)
    }

    /// Every cell's index, in template order.
    pub fn cell_ixs(&self) -> impl Iterator<Item = CellIx> + use<> {
        (0..self.cells.len()).map(CellIx::new)
    }

    pub fn narrative_index(&self, id: &str) -> Option<NarrativeIx> {
        self.narratives
            .iter()
            .position(|n| n.id == id)
            .map(NarrativeIx::new)
    }

    pub fn narrative(&self, n: NarrativeIx) -> &Narrative {
        &self.narratives[n.get()]
    }

    /// Every narrative's index, 前言 first.
    pub fn narrative_ixs(&self) -> impl Iterator<Item = NarrativeIx> + use<> {
        (0..self.narratives.len()).map(NarrativeIx::new)
    }

    /// 前言: always the first narrative.
    pub fn preamble(&self) -> NarrativeIx {
        NarrativeIx::new(0)
    }

    /// The label columns' share of the width and their weights, for a grid.
    pub fn label_widths(&self, grid: &GridDef) -> (f32, &[f32]) {
        match grid.label_columns {
            0 => (0.0, &[]),
            n => {
                let w = &self.def.label_widths[(n - 1).min(self.def.label_widths.len() - 1)];
                (w.share, &w.weights)
            }
        }
    }

    pub fn table(&self, id: &str) -> Option<(usize, &TableDef)> {
        self.def.tables.iter().enumerate().find(|(_, t)| t.id == id)
    }

    pub fn applies_to(&self, year: i32) -> bool {
        year >= self.def.first_year && self.def.last_year.is_none_or(|last| year <= last)
    }

    pub fn has_rule(&self, rule: RuleId) -> bool {
        self.def.rules.contains(&rule)
    }

    /// A rule's name in clerks' words (its id where the data names none).
    pub fn rule_name(&self, rule: RuleId) -> &str {
        self.def
            .rule_names
            .iter()
            .find(|(r, _)| *r == rule)
            .map_or(rule.as_str(), |(_, name)| name.as_str())
    }

    /// Why a rule matters (its basis in the 条例 or the format), where the template says.
    pub fn rule_basis(&self, rule: RuleId) -> Option<&str> {
        self.def
            .rule_basis
            .iter()
            .find(|(r, _)| *r == rule)
            .map(|(_, text)| text.as_str())
    }

    /// The grid, row and column definitions of a cell.
    pub fn cell_parts(&self, cell: CellIx) -> (&GridDef, &RowDef, &ColumnDef) {
        let c = self.cell(cell);
        let grid = &self.def.tables[c.table].grids[c.grid];
        (grid, &grid.rows[c.row], &grid.columns[c.col])
    }

    /// A cell's name for messages: 「（一）予以公开·自然人」, 「行政复议·总计」.
    pub fn cell_label(&self, cell: CellIx) -> String {
        let (grid, row, _) = self.cell_parts(cell);
        let column = grid.column_name(self.cell(cell).col);
        match row.labels.last() {
            Some(row_label) => format!("{row_label}·{column}"),
            None => column,
        }
    }
}

/// Joins the non-empty parts of a cell id: `t3` + `new` + `natural` → `t3.new.natural`.
pub fn cell_id(table: &str, row: &str, col: &str) -> String {
    [table, row, col]
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(".")
}

impl Template {
    /// 「第三部分」 for the section that holds a table (by table index).
    pub fn table_part(&self, table: usize) -> String {
        let id = &self.def.tables[table].id;
        self.def
            .sections
            .iter()
            .find(|s| matches!(&s.content, SectionContent::Table(t) if t == id))
            .map(|s| format!("第{}部分", s.number()))
            .unwrap_or_else(|| id.clone())
    }

    /// The section that prints a narrative (none for 前言).
    pub fn narrative_section(&self, n: NarrativeIx) -> Option<&SectionDef> {
        self.narrative(n).section.map(|s| &self.def.sections[s])
    }

    /// The narrative a section prints, if it prints one.
    pub fn section_narrative(&self, section: usize) -> Option<NarrativeIx> {
        self.narratives
            .iter()
            .position(|n| n.section == Some(section))
            .map(NarrativeIx::new)
    }

    /// The narratives whose section has this part in 信息处理费 reporting.
    pub fn fee_narratives(&self, role: FeeRole) -> impl Iterator<Item = NarrativeIx> + '_ {
        self.narrative_ixs().filter(move |&n| {
            self.narrative_section(n)
                .is_some_and(|s| s.fee == Some(role))
        })
    }

    /// The section of the form a place is shown in (`None`: the meta page).
    pub fn section_of(&self, place: Place) -> Option<usize> {
        match place {
            Place::Cell(c) => {
                let id = &self.def.tables[self.cell(c).table].id;
                self.def
                    .sections
                    .iter()
                    .position(|s| matches!(&s.content, SectionContent::Table(t) if t == id))
            }
            Place::Narrative(n) => self.narrative(n).section,
            Place::Meta(_) | Place::Year => None,
        }
    }
}

impl SectionDef {
    /// The numeral before 「、」: 「三」 for 「三、收到和处理…」.
    pub fn number(&self) -> &str {
        self.heading.split('、').next().unwrap_or(&self.heading)
    }
}
