//! Every rule of the national template (勾稽关系 and the rest) as one pure function of a report
//! and, optionally, last year's report. Findings are data: severity, rule, cells, message and,
//! where one changed cell would fix it, the value it should have.

mod cross_year;
mod equations;
mod imported;
mod meta_rules;
mod text;
mod values;

use serde::Serialize;

use crate::model::Report;
use crate::template::NarrativeField;

pub use crate::template::{RuleId, Severity};

/// A single-cell change that fixes a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub cell: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub rule: RuleId,
    /// Template cell ids involved (empty for findings about meta or narratives).
    pub cells: Vec<String>,
    pub message: String,
    pub suggested: Option<Suggestion>,
    /// The narrative the finding is about, if it is about one (where the window takes the
    /// clerk); not part of the `check --json` output.
    #[serde(skip)]
    pub narrative: Option<NarrativeField>,
}

impl Finding {
    fn new(rule: RuleId, cells: Vec<String>, message: String) -> Finding {
        Finding {
            severity: rule.severity(),
            rule,
            cells,
            message,
            suggested: None,
            narrative: None,
        }
    }

    fn in_narrative(mut self, field: NarrativeField) -> Finding {
        self.narrative = Some(field);
        self
    }
}

/// Runs every rule the report's template lists. Cross-year rules run only with `prev`.
pub fn check(report: &Report, prev: Option<&Report>) -> Vec<Finding> {
    let mut out = Vec::new();
    let t = report.template;
    if t.has_rule(RuleId::TPLYEAR) {
        meta_rules::template_year(report, &mut out);
    }
    if t.has_rule(RuleId::VNUM) {
        values::invalid_values(report, &mut out);
    }
    equations::check(report, &mut out);
    if t.has_rule(RuleId::VBLANK) {
        values::blank_cells(report, &mut out);
    }
    if let Some(prev) = prev {
        cross_year::check(report, prev, &mut out);
    }
    text::check(report, &mut out);
    if t.has_rule(RuleId::PLREG) {
        meta_rules::township_regulations(report, &mut out);
    }
    // Import doubts belong to the report, whatever its template: always checked.
    imported::check(report, &mut out);
    out
}

/// Counts of (errors, warnings).
pub fn tally(findings: &[Finding]) -> (usize, usize) {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    (errors, findings.len() - errors)
}
