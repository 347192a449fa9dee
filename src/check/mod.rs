//! Every rule of the national template (勾稽关系 and the rest) as one pure function of a report
//! and, optionally, last year's report. Findings are data: severity, rule, cells, message and,
//! where one changed cell would fix it, the value it should have.

mod cross_year;
mod equations;
mod imported;
mod meta_rules;
mod text;
mod values;

use serde::{Deserialize, Serialize};

use crate::model::Report;
use crate::template::NarrativeField;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    pub fn chinese(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        }
    }
}

/// The stable rule ids of the spec; templates list which apply to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
pub enum RuleId {
    T3A,
    T3B,
    T3C,
    T4A,
    VNUM,
    VBLANK,
    TPLYEAR,
    XCARRY,
    XINFORCE,
    XPREV,
    TXTNUM,
    TXTEMPTY,
    TXTFEE,
    PLREG,
    IMPREVIEW,
    IMPEMPTY,
}

impl RuleId {
    pub const ALL: [RuleId; 16] = [
        RuleId::T3A,
        RuleId::T3B,
        RuleId::T3C,
        RuleId::T4A,
        RuleId::VNUM,
        RuleId::VBLANK,
        RuleId::TPLYEAR,
        RuleId::XCARRY,
        RuleId::XINFORCE,
        RuleId::XPREV,
        RuleId::TXTNUM,
        RuleId::TXTEMPTY,
        RuleId::TXTFEE,
        RuleId::PLREG,
        RuleId::IMPREVIEW,
        RuleId::IMPEMPTY,
    ];

    /// By its stable id, e.g. 「T3-A」.
    pub fn from_id(id: &str) -> Option<RuleId> {
        RuleId::ALL.into_iter().find(|r| r.as_str() == id)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::T3A => "T3-A",
            RuleId::T3B => "T3-B",
            RuleId::T3C => "T3-C",
            RuleId::T4A => "T4-A",
            RuleId::VNUM => "V-NUM",
            RuleId::VBLANK => "V-BLANK",
            RuleId::TPLYEAR => "TPL-YEAR",
            RuleId::XCARRY => "X-CARRY",
            RuleId::XINFORCE => "X-INFORCE",
            RuleId::XPREV => "X-PREV",
            RuleId::TXTNUM => "TXT-NUM",
            RuleId::TXTEMPTY => "TXT-EMPTY",
            RuleId::TXTFEE => "TXT-FEE",
            RuleId::PLREG => "PL-REG",
            RuleId::IMPREVIEW => "IMP-REVIEW",
            RuleId::IMPEMPTY => "IMP-EMPTY",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            RuleId::T3A
            | RuleId::T3B
            | RuleId::T3C
            | RuleId::T4A
            | RuleId::VNUM
            | RuleId::TPLYEAR
            | RuleId::XCARRY
            | RuleId::IMPEMPTY => Severity::Error,
            _ => Severity::Warning,
        }
    }
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

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
