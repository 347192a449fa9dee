//! Property tests over random edits and random input: automatic totals always balance, saves
//! load back equal, and no input makes a loader or the checks panic.

mod common;

use nianbao::check::{RuleId, check};
use nianbao::file::{self, Format};
use nianbao::import::{Source, import};
use nianbao::model::Report;
use nianbao::template::{self, CellIx};
use proptest::prelude::*;

fn edits() -> impl Strategy<Value = Vec<(usize, String)>> {
    let text = prop_oneof![4 => "[0-9]{1,4}", 1 => Just(String::new()), 1 => "[-+]?[0-9]{1,3}", 1 => "[a-z一-龥]{1,3}"];
    proptest::collection::vec((0usize..400, text), 1..60)
}

fn apply(report: &mut Report, edits: &[(usize, String)]) {
    let n = report.template.cells.len();
    for (cell, text) in edits {
        report.set_text(CellIx::new(cell % n), text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// T3-B, T3-C and T4-A are the equations automatic totals maintain: whatever is typed,
    /// they hold wherever all their parts are numbers.
    #[test]
    fn automatic_totals_always_balance(version in 0..2usize, edits in edits()) {
        let mut report = Report::with_template(&template::all()[version], 2021 - version as i32, "某镇");
        apply(&mut report, &edits);
        let broken: Vec<_> = check(&report, None)
            .into_iter()
            .filter(|f| matches!(f.rule, RuleId::T3B | RuleId::T3C | RuleId::T4A))
            .collect();
        prop_assert!(broken.is_empty(), "{:#?}", broken);
    }

    #[test]
    fn random_edits_save_and_load_back(edits in edits(), json in any::<bool>()) {
        let mut report = common::balanced();
        apply(&mut report, &edits);
        let format = if json { Format::Json } else { Format::Native };
        let back = file::parse(file::to_string(&report, format).as_bytes(), format).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, report);
    }

    /// Arbitrary bytes: a Chinese error or a report, never a panic.
    #[test]
    fn loaders_never_panic_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = file::parse(&bytes, Format::Native);
        let _ = file::parse(&bytes, Format::Json);
    }

    /// A valid file with a stretch replaced by random text: the likeliest corruption.
    #[test]
    fn loaders_never_panic_on_damaged_files(json in any::<bool>(), at in 0.0..1.0f64, len in 0usize..200, junk in ".{0,40}") {
        let format = if json { Format::Json } else { Format::Native };
        let text = file::to_string(&common::balanced(), format);
        let start = text.char_indices().map(|(i, _)| i).nth((at * text.chars().count() as f64) as usize).unwrap_or(0);
        let end = text[start..].char_indices().map(|(i, _)| start + i).nth(len).unwrap_or(text.len());
        let damaged = format!("{}{}{}", &text[..start], junk, &text[end..]);
        if let Ok(report) = file::parse(damaged.as_bytes(), format) {
            let _ = check(&report, None);
        }
    }

    /// Arbitrary bytes as a Word file, a web page or copied text: never a panic.
    #[test]
    fn importers_never_panic_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        for source in [Source::Docx, Source::Html, Source::Text] {
            if let Ok((report, _)) = import(&bytes, source) {
                let _ = check(&report, None);
            }
        }
    }

    /// A published report with a stretch cut out or replaced by labels, numbers, tabs and
    /// markup: the importer still gives a report (or a Chinese error) whose import notes
    /// only name cells of its template, and never a panic.
    #[test]
    fn importers_never_panic_on_damaged_reports(html in any::<bool>(), at in 0.0..1.0f64, len in 0usize..400, junk in "([0-9\t\n<>/td\" =]|（一）予以公开|总计|三、|<td rowspan=\"9\">){0,30}") {
        let page = common::published::html(&common::balanced());
        let text: String = page.replace("</td>", "\t").replace("</tr>", "\n").replace("</p>", "\n");
        let source = if html { page } else { text };
        let start = source.char_indices().map(|(i, _)| i).nth((at * source.chars().count() as f64) as usize).unwrap_or(0);
        let end = source[start..].char_indices().map(|(i, _)| start + i).nth(len).unwrap_or(source.len());
        let damaged = format!("{}{}{}", &source[..start], junk, &source[end..]);
        if let Ok((report, _)) = import(damaged.as_bytes(), if html { Source::Html } else { Source::Text }) {
            prop_assert!(report.review.marks.iter().all(|m| m.cell.is_none_or(|c| c.get() < report.template.cells.len())));
            let _ = check(&report, None);
        }
    }
}
