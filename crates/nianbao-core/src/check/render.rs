//! Findings as the edges show them: cell ids instead of indices and the fix spelled out where
//! the rule's own message does not already say the right value. `check --json` serialises
//! [`Rendered`]; its shape is the stable JSON interface.

use serde::Serialize;

use super::{Answered, Finding, RuleId, Severity};
use crate::template::Template;

/// A single-cell change, by cell id, as `check --json` writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub cell: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rendered {
    pub severity: Severity,
    pub rule: RuleId,
    /// Template cell ids involved (empty for findings about meta or narratives).
    pub cells: Vec<String>,
    pub message: String,
    pub suggested: Option<Suggestion>,
    /// Answered with a reason (a warning): apart from the open ones, not counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answered: Option<Answered>,
}

impl Finding {
    /// The finding as text. An equation's fix names its cell (「建议将“…”改为N」), a cross-year
    /// relation's is its one target (「建议改为N」); the other rules' messages already say
    /// the value a cell should hold (「应填写0」).
    pub fn text(&self, t: &Template) -> String {
        let Some(fix) = &self.fix else {
            return self.message.clone();
        };
        if t.equations.iter().any(|e| e.rule == self.rule) {
            format!(
                "{}（建议将“{}”改为{}）",
                self.message,
                t.cell_label(fix.cell),
                fix.value
            )
        } else if t.cross_year.iter().any(|x| x.rule == self.rule) {
            format!("{}（建议改为{}）", self.message, fix.value)
        } else {
            self.message.clone()
        }
    }

    pub fn render(&self, t: &Template) -> Rendered {
        Rendered {
            severity: self.severity,
            rule: self.rule,
            cells: self.cells().map(|c| t.cell(c).id.clone()).collect(),
            message: self.text(t),
            suggested: self.fix.as_ref().map(|fix| Suggestion {
                cell: t.cell(fix.cell).id.clone(),
                value: fix.value.clone(),
            }),
            answered: self.answered.clone(),
        }
    }
}
