//! One-click fixes (「改为 N」) a clerk can trust: applying any offered fix removes the finding
//! that offered it and never creates an error that was not there, whatever figures are wrong,
//! with or without automatic totals and last year's report.

mod common;

use std::collections::HashSet;

use common::{balanced, example};
use nianbao::check::{Rendered, Severity};
use nianbao::model::Report;
use proptest::prelude::*;

fn errors(findings: &[Rendered]) -> HashSet<(String, Vec<String>)> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| (f.rule.as_str().to_string(), f.cells.clone()))
        .collect()
}

/// Cells of tables 三 and 四 the clerk types (computed totals left out when automatic).
fn typed_cells(r: &Report) -> Vec<String> {
    let t = r.template;
    t.cell_ixs()
        .filter(|&i| t.is_typed(i, r.auto_totals))
        .map(|i| t.cell(i).id.clone())
        .filter(|id| id.starts_with("t3.") || id.starts_with("t4."))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(96)
    ))]

    #[test]
    fn an_offered_fix_never_creates_an_error(
        auto in any::<bool>(),
        with_prev in any::<bool>(),
        wrong in proptest::collection::vec((any::<prop::sample::Index>(), 0u32..40), 1..3),
    ) {
        let prev = example("2024-qingshi.nianbao");
        let prev = with_prev.then_some(&prev);
        let mut r = balanced();
        r.auto_totals = auto;
        let cells = typed_cells(&r);
        for (at, value) in &wrong {
            common::set(&mut r, at.get(&cells).as_str(), &value.to_string());
        }
        let before = common::checked(&r, prev);
        let had = errors(&before);
        for f in before.iter().filter(|f| f.suggested.is_some()) {
            let fix = f.suggested.as_ref().unwrap();
            let mut fixed = r.clone();
            common::set(&mut fixed, &fix.cell, &fix.value);
            let after = common::checked(&fixed, prev);
            let new: Vec<_> = errors(&after).difference(&had).cloned().collect();
            prop_assert!(new.is_empty(), "fix {fix:?} of {} created {new:?}", f.message);
            prop_assert!(
                !after.iter().any(|a| a.rule == f.rule && a.cells == f.cells),
                "fix {fix:?} left {}", f.message
            );
        }
    }
}
