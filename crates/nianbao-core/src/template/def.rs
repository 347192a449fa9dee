//! The serde shape of `assets/templates/*.ron`: exactly what the data files say, nothing derived.
//! `super::resolve` turns it into the indexed [`super::Template`] the rest of the program walks.

use serde::Deserialize;

use super::RuleId;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateDef {
    pub id: String,
    pub name: String,
    pub notice: String,
    pub title: String,
    pub first_year: i32,
    pub last_year: Option<i32>,
    pub sections: Vec<SectionDef>,
    pub tables: Vec<TableDef>,
    pub equations: Vec<EquationDef>,
    pub cross_year: Vec<CrossYearDef>,
    pub narrative_figures: Vec<NarrativeFigure>,
    /// Headline figures compared with last year's (X-JUMP): each the sum of its cells.
    #[serde(default)]
    pub jump_figures: Vec<JumpFigure>,
    /// How a report cites this format as its basis (「〔2019〕60号」), for TXT-BASIS: a
    /// report of a year this format does not apply to must not cite it.
    #[serde(default)]
    pub citations: Vec<String>,
    pub regulation_cells: Vec<String>,
    pub fee_cells: Vec<String>,
    pub rules: Vec<RuleId>,
    /// Each rule's name in the window, in clerks' words.
    pub rule_names: Vec<(RuleId, String)>,
    /// Why each rule matters, in one or two sentences of plain Chinese.
    #[serde(default)]
    pub rule_basis: Vec<(RuleId, String)>,
    /// Text drafted from the tables (「按表格生成」): sentences with the cells' figures.
    #[serde(default)]
    pub drafts: Vec<Draft>,
    /// The id of the narrative before section 一 (前言); sections name the others.
    pub preamble: String,
    /// The rule whose equations the form draws as a balance strip under the grid they check.
    #[serde(default)]
    pub balance_strip: Option<RuleId>,
    /// How wide the label columns of a grid are, by how many label columns it has (1, 2, 3…;
    /// the last entry serves deeper grids). The PDF and the form both read these.
    pub label_widths: Vec<LabelWidths>,
    /// How a report on an older version converts to this one.
    #[serde(default)]
    pub migrations: Vec<MigrationDef>,
}

/// Converting a report from template `from`: cells of `tables` keep their ids, except where a
/// rename maps an id prefix (`t3.other.` → `t3.other_misc.`); everything else is re-entered.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MigrationDef {
    pub from: String,
    pub tables: Vec<String>,
    #[serde(default)]
    pub renames: Vec<(String, String)>,
    /// What the clerk is told after converting (what changed in the format).
    #[serde(default)]
    pub note: String,
}

/// The label columns' share of a table's width and how they split it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelWidths {
    pub share: f32,
    pub weights: Vec<f32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    pub heading: String,
    pub content: SectionContent,
    /// Second-level headings a narrative is expected to cover (offered as a scaffold).
    #[serde(default)]
    pub subheadings: Vec<String>,
    /// A narrative that must say something (TXT-EMPTY): what it should say.
    #[serde(default)]
    pub required: Option<String>,
    /// How many letters or digits make it more than a token sentence (「无。」); 20 if not given.
    #[serde(default)]
    pub min_chars: Option<usize>,
    /// The narrative's part in 信息处理费 reporting (TXT-FEE).
    #[serde(default)]
    pub fee: Option<FeeRole>,
}

/// A section holds a narrative (by its id, the key in files) or a table (by table id).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub enum SectionContent {
    Narrative(String),
    Table(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum FeeRole {
    /// Says whether fees were charged.
    States,
    /// Must explain fees when any were charged.
    Explains,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableDef {
    pub id: String,
    /// Every figure of it is a sum over the organs' reports in a 汇总 report.
    #[serde(default)]
    pub summed: bool,
    pub grids: Vec<GridDef>,
}

/// One ruled block of a table: an optional caption row spanning the block, header rows with
/// merged cells (HTML-like spans, including the top-left label corner), and the body grid.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GridDef {
    pub caption: Option<String>,
    pub header: Vec<Vec<HeaderCell>>,
    /// How many label columns precede the data columns in the body.
    pub label_columns: usize,
    pub columns: Vec<ColumnDef>,
    pub rows: Vec<RowDef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderCell {
    pub text: String,
    #[serde(default = "one")]
    pub cols: usize,
    #[serde(default = "one")]
    pub rows: usize,
}

fn one() -> usize {
    1
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnDef {
    pub id: String,
    /// The official label, character for character.
    pub label: String,
    /// The name used inside equations and messages.
    pub short: String,
    pub kind: CellKind,
    #[serde(default)]
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowDef {
    pub id: String,
    /// The row-label path, outermost first; equal consecutive prefixes merge into spanning cells.
    pub labels: Vec<String>,
    pub short: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EquationDef {
    pub rule: RuleId,
    pub table: String,
    pub over: Over,
    pub left: Vec<String>,
    pub right: Vec<String>,
    #[serde(default)]
    pub right_name: Option<String>,
    /// `left[0]` is a total computed from `right` (drawn as a computed cell, filled automatically).
    #[serde(default)]
    pub total: bool,
}

/// How an equation's or relation's terms expand into cells.
#[derive(Debug, Clone, Deserialize)]
pub enum Over {
    /// For every column of the table; terms are row ids.
    EachColumn,
    /// For every row of the table; terms are column ids.
    EachRow,
    /// For the listed rows; terms are column ids.
    Rows(Vec<String>),
    /// Once; terms are cell ids relative to the table.
    Cells { scope: String },
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrossYearDef {
    pub rule: RuleId,
    pub table: String,
    pub over: Over,
    pub target: String,
    pub prev: Vec<String>,
    #[serde(default)]
    pub plus: Vec<String>,
    #[serde(default)]
    pub minus: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NarrativeFigure {
    pub keywords: Vec<String>,
    pub name: String,
    pub cells: Vec<String>,
}

/// A sentence drafted from the tables for a narrative (after its sub-heading, where it has
/// one): the first variant whose `zero` cells are all 0 is taken, its `{id}` and `{id+id}`
/// placeholders filled with the cells' figures (sums of them).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub narrative: String,
    #[serde(default)]
    pub subheading: Option<String>,
    pub variants: Vec<DraftVariant>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftVariant {
    #[serde(default)]
    pub zero: Vec<String>,
    pub text: String,
}

/// A headline figure (新收申请总计, 行政复议总计…): the sum of its cells, this year and last.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JumpFigure {
    pub name: String,
    pub cells: Vec<String>,
    /// Shown with last year's on the county desk's sheet for a leader (审核结论).
    #[serde(default)]
    pub leader: bool,
}

/// What a column holds; declared per column in the template data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
pub enum CellKind {
    /// Non-negative integer (件, 个).
    Count,
    /// Integer that may be negative (本年增/减).
    SignedCount,
    /// Non-negative decimal in 万元, at most four places.
    Amount,
}
