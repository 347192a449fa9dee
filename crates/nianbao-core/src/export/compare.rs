//! 与上年比对: a report against its organ's report of last year. Every figure of the tables
//! this year and last with the change, the cross-year findings (X-*) at their cells; for each
//! narrative, how much of it repeats last year's (TXT-REPEAT's reading) with the repeated
//! sentences, and whether it did not change at all. As data here, then a web page (printable
//! A4, readable on a phone, everything escaped); the desk writes the same as a workbook.

use std::fmt::Write;

use super::escape::esc;
use crate::check;
use crate::model::{CellKind, Report};

/// One figure, this year and last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub table: String,
    pub label: String,
    pub this: String,
    pub last: String,
    /// 「+7」, 「-3」, 「持平」, or empty where either is no figure.
    pub change: String,
    /// What a cross-year rule says of this cell.
    pub said: Vec<String>,
}

/// One narrative against last year's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub heading: String,
    pub sentences: usize,
    pub repeated: Vec<String>,
    /// The text is last year's, character for character.
    pub unchanged: bool,
}

impl Section {
    /// How much of it, in per cent of its sentences, is last year's.
    pub fn share_percent(&self) -> usize {
        (self.repeated.len() * 100)
            .checked_div(self.sentences)
            .unwrap_or(0)
    }

    /// 「与上年完全相同」 or 「12句中有2句与上年相同（16%）」.
    pub fn verdict(&self) -> String {
        if self.unchanged {
            "与上年完全相同".to_string()
        } else {
            format!(
                "{}句中有{}句与上年相同（{}%）",
                self.sentences,
                self.repeated.len(),
                self.share_percent()
            )
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub title: String,
    pub lines: Vec<Line>,
    pub sections: Vec<Section>,
}

pub fn compare(this: &Report, last: &Report) -> Comparison {
    let t = this.template;
    let findings = check::check(this, Some(last));
    let cross_year = |f: &&check::Finding| f.rule.as_str().starts_with("X-");
    let lines = t
        .cell_ixs()
        .map(|c| {
            let def = t.cell(c);
            let change = match (
                this.figure(std::slice::from_ref(&def.id)),
                last.figure(std::slice::from_ref(&def.id)),
            ) {
                (Some(a), Some(b)) if a == b => "持平".to_string(),
                (Some(a), Some(b)) => (a - b).display(CellKind::SignedCount),
                _ => String::new(),
            };
            Line {
                table: t.table_part(def.table),
                label: t.cell_label(c),
                this: this.text(c),
                last: last.text_by_id(&def.id).unwrap_or_else(|| "—".to_string()),
                change,
                said: findings
                    .iter()
                    .filter(cross_year)
                    .filter(|f| f.cells().any(|d| d == c))
                    .map(|f| f.text(t))
                    .collect(),
            }
        })
        .collect();
    let sections = t
        .narrative_ixs()
        .filter(|&n| n != t.preamble())
        .filter_map(|n| {
            let last_text = last.narrative_by_id(&t.narrative(n).id)?;
            let text = this.narrative(n);
            let (sentences, repeated) = check::repeated_sentences(t, text, last_text);
            Some(Section {
                heading: t
                    .narrative_section(n)
                    .map_or(String::new(), |s| s.heading.clone()),
                sentences,
                repeated: repeated.into_iter().map(String::from).collect(),
                unchanged: !text.trim().is_empty() && text.trim() == last_text.trim(),
            })
        })
        .collect();
    Comparison {
        title: format!(
            "{}{}年度报告与{}年度报告比对",
            this.meta.organ, this.meta.year, last.meta.year
        ),
        lines,
        sections,
    }
}

/// The comparison as a standalone page: one narrow table per report table (four columns, so a
/// phone reads it without scrolling), changed figures bold, cross-year findings red under
/// their line, then each section's share of last year's sentences.
pub fn html(c: &Comparison) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\" />\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n\
         <title>{}</title>\n<style>@page{{size:A4;margin:20mm 18mm}}\
         @media print{{div{{overflow:visible!important}}tr{{break-inside:avoid}}thead{{display:table-header-group}}}}</style>\n\
         </head>\n<body style=\"margin:0;padding:1em 0.75em;font-family:serif;line-height:1.6\">\n\
         <h1 style=\"font-size:1.3em;text-align:center\">{}</h1>\n",
        esc(&c.title),
        esc(&c.title)
    );
    let cell = "border:1px solid #000;padding:0.2em 0.4em";
    let mut table = None;
    for line in &c.lines {
        if table.as_ref() != Some(&line.table) {
            if table.is_some() {
                out.push_str("</tbody></table></div>\n");
            }
            writeln!(
                out,
                "<h2 style=\"font-size:1.05em;margin:1em 0 0.3em\">{}</h2>\n<div style=\"overflow-x:auto\"><table style=\"border-collapse:collapse;width:100%;font-size:0.9em\"><thead><tr><th style=\"{cell}\">项目</th><th style=\"{cell}\">本年</th><th style=\"{cell}\">上年</th><th style=\"{cell}\">增减</th></tr></thead><tbody>",
                esc(&line.table)
            )
            .expect("writing to a String");
            table = Some(line.table.clone());
        }
        let changed = !line.change.is_empty() && line.change != "持平";
        let weight = if changed { "font-weight:bold;" } else { "" };
        writeln!(
            out,
            "<tr><td style=\"{cell}\">{}</td><td style=\"{cell};text-align:right;{weight}\">{}</td><td style=\"{cell};text-align:right\">{}</td><td style=\"{cell};text-align:right\">{}</td></tr>",
            esc(&line.label),
            esc(&line.this),
            esc(&line.last),
            esc(&line.change)
        )
        .expect("writing to a String");
        for said in &line.said {
            writeln!(
                out,
                "<tr><td colspan=\"4\" style=\"{cell};color:#b00000\">{}</td></tr>",
                esc(said)
            )
            .expect("writing to a String");
        }
    }
    if table.is_some() {
        out.push_str("</tbody></table></div>\n");
    }
    out.push_str("<h2 style=\"font-size:1.05em;margin:1em 0 0.3em\">正文与上年相比</h2>\n");
    for s in &c.sections {
        let verdict = s.verdict();
        writeln!(
            out,
            "<h3 style=\"font-size:1em;margin:0.6em 0 0.2em\">{}：{verdict}</h3>",
            esc(&s.heading)
        )
        .expect("writing to a String");
        for sentence in &s.repeated {
            writeln!(
                out,
                "<p style=\"margin:0.2em 0;background:#fff3b0\">{}</p>",
                esc(sentence)
            )
            .expect("writing to a String");
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}
