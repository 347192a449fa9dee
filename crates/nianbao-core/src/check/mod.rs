//! Every rule of the national template (勾稽关系 and the rest) as one pure function of a report
//! and, optionally, last year's report. Findings are data: severity, rule, cells, message and,
//! where one changed cell would fix it, the value it should have.

mod cross_year;
mod equations;
mod fix;
mod history;
mod imported;
mod meta_rules;
mod publication;
mod text;
mod values;

mod render;

use crate::model::Report;
use crate::template::{CellIx, NarrativeIx, Place};

pub use crate::template::{RuleId, Severity};
pub use history::repeated_sentences;
pub use render::{Rendered, Suggestion};
pub use text::missing_subheadings;

/// A single-cell change that fixes a finding: the value the cell should hold, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub cell: CellIx,
    pub value: String,
}

/// A change to a narrative that fixes a finding: the bytes `range` of the narrative's text
/// become `value` (the table's figure in place of the one the text states).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextFix {
    pub narrative: NarrativeIx,
    pub range: std::ops::Range<usize>,
    pub value: String,
}

/// What a rule found: where, what, and how one change would fix it. Rendered to text (with the
/// template's cell names and ids) only at the edges: [`Finding::render`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub rule: RuleId,
    /// The cells, narratives or meta fields involved.
    pub places: Vec<Place>,
    /// The rule's message, without the fix.
    pub message: String,
    pub fix: Option<Fix>,
    /// A figure in a narrative to write as the tables have it (TXT-NUM).
    pub text_fix: Option<TextFix>,
    /// Where to look first when there is no fix: the cell the broken checks share.
    pub suspect: Option<CellIx>,
    /// A warning the clerk has answered with a reason, while its places hold what they held.
    pub answered: Option<Answered>,
}

/// A warning's answer, as the finding carries it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Answered {
    pub reason: String,
    pub date: String,
}

impl Finding {
    fn new(rule: RuleId, cells: impl IntoIterator<Item = CellIx>, message: String) -> Finding {
        Finding {
            severity: rule.severity(),
            rule,
            places: cells.into_iter().map(Place::Cell).collect(),
            message,
            fix: None,
            text_fix: None,
            suspect: None,
            answered: None,
        }
    }

    fn at(mut self, place: Place) -> Finding {
        self.places.push(place);
        self
    }

    fn fixed_by(mut self, cell: CellIx, value: String) -> Finding {
        self.fix = Some(Fix { cell, value });
        self
    }

    /// The cells involved, in order.
    pub fn cells(&self) -> impl Iterator<Item = CellIx> + '_ {
        self.places.iter().filter_map(|p| p.cell())
    }

    /// The narrative the finding is about, if it is about one.
    pub fn narrative(&self) -> Option<NarrativeIx> {
        self.places.iter().find_map(|p| match p {
            Place::Narrative(n) => Some(*n),
            _ => None,
        })
    }
}

/// Runs every rule the report's template lists. Cross-year rules run only with `prev`.
pub fn check(report: &Report, prev: Option<&Report>) -> Vec<Finding> {
    let mut out = Vec::new();
    let t = report.template;
    if t.has_rule(RuleId::METAEMPTY) {
        meta_rules::organ_named(report, &mut out);
    }
    if t.has_rule(RuleId::METACLOSING) {
        meta_rules::closing(report, &mut out);
    }
    if t.has_rule(RuleId::TPLYEAR) {
        meta_rules::template_year(report, &mut out);
    }
    if t.has_rule(RuleId::VNUM) {
        values::invalid_values(report, &mut out);
    }
    let balance = fix::Balance::new(report, prev);
    equations::check(report, &balance, &mut out);
    if t.has_rule(RuleId::VBLANK) {
        values::blank_cells(report, &mut out);
    }
    if let Some(prev) = prev {
        cross_year::check(report, prev, &balance, &mut out);
        history::check(report, prev, &mut out);
    }
    text::check(report, &mut out);
    if t.has_rule(RuleId::TXTBASIS) {
        publication::basis(report, &mut out);
    }
    if t.has_rule(RuleId::DATELATE) {
        publication::closing_date(report, &mut out);
    }
    if t.has_rule(RuleId::PLREG) {
        meta_rules::township_regulations(report, &mut out);
    }
    // Import doubts belong to the report, whatever its template: always checked.
    imported::check(report, &mut out);
    // A one-click fix never unbalances what balances now, whichever rule offers it.
    for f in &mut out {
        if f.fix
            .as_ref()
            .is_some_and(|fix| !balance.keeps(report, fix))
        {
            f.fix = None;
        }
    }
    // The text is put right only after a table that balances: where the figure's own cells
    // are in a broken balance, the table may be what is wrong (no 「正文改为」 to a wrong total).
    let unbalanced: Vec<Place> = out
        .iter()
        .filter(|f| f.severity == Severity::Error && f.rule != RuleId::TXTNUM)
        .flat_map(|f| f.places.iter().copied())
        .collect();
    for f in out.iter_mut().filter(|f| f.text_fix.is_some()) {
        if f.places.iter().any(|p| unbalanced.contains(p)) {
            f.text_fix = None;
        }
    }
    // Answers hold for warnings only, whatever a file says.
    for f in out.iter_mut().filter(|f| f.severity == Severity::Warning) {
        f.answered = report.answer_for(f.rule, &f.places).map(|a| Answered {
            reason: a.reason.clone(),
            date: a.date.clone(),
        });
    }
    out
}

/// Why a finding cannot be answered with a reason, if it cannot: errors are arithmetic and
/// must be put right; a finding about no place has nothing an answer could stay with.
pub fn unanswerable(f: &Finding) -> Option<&'static str> {
    if f.severity == Severity::Error {
        Some("错误不能用说明代替：勾稽关系等错误是算术，必须改正数字")
    } else if f.rule == RuleId::VBLANK {
        Some("空白单元格请填写数字：没有发生的填0")
    } else if f.rule == RuleId::IMPREVIEW {
        Some("导入待核对的数字请对照原文核对：修改该格，或点「全部已核对」")
    } else if f.places.is_empty() {
        Some("这条提示不涉及报告中的某一处，无法说明")
    } else {
        None
    }
}

/// Counts of (errors, warnings still open): an answered warning is not counted.
pub fn tally(findings: &[Finding]) -> (usize, usize) {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let answered = findings.iter().filter(|f| f.answered.is_some()).count();
    (errors, findings.len() - errors - answered)
}
