//! Text drafted from the tables (「按表格生成」): the template's `drafts` for a narrative, each
//! the first variant whose `zero` cells are all 0 (「未发生政府信息公开行政复议、行政诉讼」
//! rather than a list of 0件), its placeholders filled with the report's figures, so the text
//! says what the tables say. Inserted after the draft's sub-heading, or at the end.

use super::{CellKind, Num, Report};
use crate::template::{DraftVariant, NarrativeIx, Template};

/// One drafted sentence and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drafted {
    pub subheading: Option<String>,
    pub text: String,
}

/// Why a narrative cannot be drafted: the cells still to fill (by their labels).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    #[error("这一部分没有可按表格生成的文字")]
    NoDraft,
    #[error("请先填写表格中的这些数字：{}", .0.join("、"))]
    Blank(Vec<String>),
}

/// Every sentence the template drafts for narrative `n` from the report's tables.
pub fn drafts(report: &Report, n: NarrativeIx) -> Result<Vec<Drafted>, DraftError> {
    let t = report.template;
    let id = &t.narrative(n).id;
    let mut out = Vec::new();
    let mut blank = Vec::new();
    for draft in t.def.drafts.iter().filter(|d| &d.narrative == id) {
        // A blank is not 0: the clerk has not said so.
        let zero = |cells: &[String]| {
            cells
                .iter()
                .all(|c| report.figure(std::slice::from_ref(c)) == Some(Num::ZERO))
        };
        let Some(variant) = draft.variants.iter().find(|v| zero(&v.zero)) else {
            continue;
        };
        match fill(report, variant) {
            Ok(text) => out.push(Drafted {
                subheading: draft.subheading.clone(),
                text,
            }),
            Err(cells) => blank.extend(cells),
        }
    }
    if !blank.is_empty() {
        blank.dedup();
        return Err(DraftError::Blank(blank));
    }
    if out.is_empty() {
        return Err(DraftError::NoDraft);
    }
    Ok(out)
}

/// The variant's text with each `{id}` or `{id+id}` as the figure (sum); the labels of the
/// cells that hold no figure otherwise.
fn fill(report: &Report, variant: &DraftVariant) -> Result<String, Vec<String>> {
    let t = report.template;
    let mut out = String::new();
    let mut blank = Vec::new();
    let mut rest = variant.text.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
        let mut sum = Some(Num::ZERO);
        for id in rest[open + 1..close].split('+').map(str::trim) {
            let value = report.figure(&[id.to_string()]);
            if value.is_none() {
                blank.push(t.cell_index(id).map_or(id.to_string(), |c| t.cell_label(c)));
            }
            sum = sum.zip(value).map(|(a, b)| a + b);
        }
        out.push_str(&sum.map_or(String::new(), |n| n.display(CellKind::Count)));
        rest = rest.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    if blank.is_empty() {
        Ok(out)
    } else {
        Err(blank)
    }
}

/// The narrative's text with the drafts in place: each after the line of its sub-heading when
/// the text has it (as a paragraph of its own), else at the end.
pub fn insert(text: &str, drafted: &[Drafted]) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    // A sentence the text already has is not written twice (a second click, or a draft
    // kept from before).
    for d in drafted.iter().filter(|d| !text.contains(d.text.as_str())) {
        let at = d.subheading.as_ref().and_then(|h| {
            let h = loose(h);
            lines.iter().position(|l| loose(l).starts_with(&h))
        });
        match at {
            Some(i) => lines.insert(i + 1, d.text.clone()),
            None => lines.push(d.text.clone()),
        }
    }
    lines.join("\n")
}

/// A sub-heading as compared: no spaces, brackets full width.
fn loose(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

/// The drafts' wording with every figure as 「#」: sentences of this form say the tables'
/// figures, so that they are the same every year is no copy (TXT-REPEAT).
pub fn stock_wordings(t: &Template) -> impl Iterator<Item = String> + '_ {
    t.def.drafts.iter().flat_map(|d| &d.variants).map(|v| {
        let mut out = String::new();
        let mut inside = false;
        for c in v.text.chars() {
            match c {
                '{' => {
                    inside = true;
                    out.push('0');
                }
                '}' => inside = false,
                c if !inside => out.push(c),
                _ => {}
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_go_after_their_subheading_or_at_the_end() {
        let d = |h: Option<&str>, t: &str| Drafted {
            subheading: h.map(String::from),
            text: t.into(),
        };
        let text = "（一）主动公开\n甲。\n（二） 依申请公开\n乙。";
        let out = insert(
            text,
            &[d(Some("（二）依申请公开"), "丙。"), d(None, "丁。")],
        );
        assert_eq!(
            out,
            "（一）主动公开\n甲。\n（二） 依申请公开\n丙。\n乙。\n丁。"
        );
    }
}
