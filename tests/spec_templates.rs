//! The templates against the domain reference: every cell id, label, caption, heading and
//! rule of `../shared/spec/national-template.md` must be in `assets/templates/*.ron`.

mod common;

use std::path::PathBuf;

use nianbao::check::{RuleId, Severity};
use nianbao::template::{self, Template};

fn spec() -> Option<String> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/spec/national-template.md");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            common::published::shared_missing(&path);
            None
        }
    }
}

/// The body rows of the first markdown table after `heading` (and before the next heading of
/// the same or higher level), as trimmed cells.
fn table_after(text: &str, heading: &str) -> Vec<Vec<String>> {
    let start = text
        .find(heading)
        .unwrap_or_else(|| panic!("spec lacks {heading}"));
    let level = heading.chars().take_while(|&c| c == '#').count();
    let mut rows = Vec::new();
    let mut seen_table = false;
    for line in text[start + heading.len()..].lines() {
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if hashes > 0 && hashes <= level {
            break;
        }
        if line.starts_with('|') {
            seen_table = true;
            let cells: Vec<String> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect();
            if !cells
                .iter()
                .all(|c| c.chars().all(|ch| ch == '-' || ch == ':'))
            {
                rows.push(cells);
            }
        } else if seen_table {
            break;
        }
    }
    rows.remove(0); // header row
    rows
}

/// 「`issued` 本年制发件数 · `repealed` 本年废止件数」 → [(issued, 本年制发件数), …]
fn id_label_list(text: &str) -> Vec<(String, String)> {
    text.split(" · ")
        .map(|part| {
            let mut it = part.split('`');
            let _ = it.next();
            let id = it.next().expect("backticked id").to_string();
            let label = it
                .next()
                .unwrap_or("")
                .split(" — ")
                .next()
                .unwrap()
                .split(" (")
                .next()
                .unwrap()
                .trim()
                .to_string();
            (id, label)
        })
        .collect()
}

fn backticked(text: &str) -> String {
    text.split('`').nth(1).expect("backticked id").to_string()
}

fn t(id: &str) -> &'static Template {
    template::by_id(id).expect(id)
}

fn check_t2(spec: &str, version: &str) {
    let t = t(version);
    let (_, t2) = t.table("t2").unwrap();
    let rows = table_after(
        spec.split("## Table t2").nth(1).unwrap(),
        &format!("### {version}"),
    );
    let mut caption = String::new();
    let mut columns = Vec::new();
    for row in &rows {
        if !row[0].is_empty() {
            caption = row[0].clone();
        }
        if !row[3].starts_with("same") {
            columns = id_label_list(&row[3]);
        }
        let row_id = backticked(&row[1]);
        let grid = t2
            .grids
            .iter()
            .find(|g| g.rows.iter().any(|r| r.id == row_id))
            .unwrap_or_else(|| panic!("{version}: row {row_id}"));
        let r = grid.rows.iter().find(|r| r.id == row_id).unwrap();
        assert_eq!(
            r.labels,
            vec![row[2].clone()],
            "{version} t2.{row_id} label"
        );
        assert_eq!(
            grid.caption.as_deref(),
            Some(caption.as_str()),
            "{version} t2.{row_id} caption"
        );
        let got: Vec<(String, String)> = grid
            .columns
            .iter()
            .map(|c| (c.id.clone(), c.label.clone()))
            .collect();
        assert_eq!(got, columns, "{version} t2.{row_id} columns");
        for (col, _) in &columns {
            assert!(
                t.cell_index(&format!("t2.{row_id}.{col}")).is_some(),
                "{version} t2.{row_id}.{col}"
            );
        }
    }
    let spec_rows: usize = rows.len();
    let template_rows: usize = t2.grids.iter().map(|g| g.rows.len()).sum();
    assert_eq!(
        spec_rows, template_rows,
        "{version}: t2 has rows the spec does not list"
    );
}

#[test]
fn table_two_matches_the_spec() {
    let Some(spec) = spec() else { return };
    check_t2(&spec, "gb2021");
    check_t2(&spec, "gb2019");
}

#[test]
fn table_three_matches_the_spec() {
    let Some(spec) = spec() else { return };
    let t3_spec = spec.split("## Table t3").nth(1).unwrap();
    let columns: Vec<(String, String)> = table_after(t3_spec, "Top-left")
        .iter()
        .map(|r| {
            (
                backticked(&r[0]),
                r[1].split(" (").next().unwrap().to_string(),
            )
        })
        .collect();
    let rows = table_after(t3_spec, "Rows (");
    for version in ["gb2019", "gb2021"] {
        let t = t(version);
        let grid = &t.table("t3").unwrap().1.grids[0];
        let got: Vec<(String, String)> = grid
            .columns
            .iter()
            .map(|c| (c.id.clone(), c.label.clone()))
            .collect();
        assert_eq!(got, columns, "{version} t3 columns");
        let mut expected = Vec::new();
        let mut previous: Vec<String> = Vec::new();
        for row in &rows {
            let only = if row[0].contains("gb2019") {
                Some("gb2019")
            } else if row[0].contains("gb2021") {
                Some("gb2021")
            } else {
                None
            };
            let mut path = Vec::new();
            for (level, label) in row[1..].iter().enumerate() {
                match label.as_str() {
                    "" => {}
                    "〃" => path.push(previous[level].clone()),
                    l => path.push(l.to_string()),
                }
            }
            previous = path.clone();
            if only.is_none_or(|v| v == version) {
                expected.push((backticked(&row[0]), path));
            }
        }
        let got: Vec<(String, Vec<String>)> = grid
            .rows
            .iter()
            .map(|r| (r.id.clone(), r.labels.clone()))
            .collect();
        assert_eq!(got, expected, "{version} t3 rows");
        for (row, _) in &expected {
            for (col, _) in &columns {
                assert!(
                    t.cell_index(&format!("t3.{row}.{col}")).is_some(),
                    "{version} t3.{row}.{col}"
                );
            }
        }
    }
    assert!(
        t3_spec
            .contains("「（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）」")
    );
}

#[test]
fn table_four_matches_the_spec() {
    let Some(spec) = spec() else { return };
    let rows = table_after(spec.split("## Table t4").nth(1).unwrap(), "One data row");
    let mut leaf = Vec::new();
    let mut expected = Vec::new();
    for row in &rows {
        if !row[1].starts_with("same") {
            leaf = id_label_list(&row[1]);
        }
        let group = backticked(&row[0]);
        expected.extend(
            leaf.iter()
                .map(|(c, l)| (format!("{group}.{c}"), l.clone())),
        );
    }
    for version in ["gb2019", "gb2021"] {
        let t = t(version);
        let grid = &t.table("t4").unwrap().1.grids[0];
        let got: Vec<(String, String)> = grid
            .columns
            .iter()
            .map(|c| (c.id.clone(), c.label.clone()))
            .collect();
        assert_eq!(got, expected, "{version} t4 columns");
        for (id, _) in &expected {
            assert!(
                t.cell_index(&format!("t4.{id}")).is_some(),
                "{version} t4.{id}"
            );
        }
    }
}

#[test]
fn sections_and_rules_match_the_spec() {
    let Some(spec) = spec() else { return };
    let part = spec
        .split("## The six sections")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    let headings: Vec<String> = part
        .lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .map(|l| {
            l.split('「')
                .nth(1)
                .unwrap()
                .split('」')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(headings.len(), 6);
    for t in template::all() {
        let got: Vec<&str> = t.def.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(got, headings, "{} sections", t.id());
    }
    let rules = table_after(&spec, "## Rules");
    // Besides the spec's rules, only nianbao's own: the import's (IMP-REVIEW, IMP-EMPTY:
    // doubts left by opening a published report, issue 11), META-EMPTY (机关名称 left empty,
    // issue 15), META-CLOSING (落款 of another organ, or no 落款日期 on a filled report,
    // issue 23) and the reviewer's desk (issue 17: TXT-REPEAT, TXT-BASIS, X-JUMP, DATE-LATE,
    // and H-SUM for a 汇总 report checked with its organs' reports; H-DUP for two reports of
    // one organ and year, issue 25; X-SAME for tables copied from last year, issue 29).
    let desk = [
        "TXT-REPEAT",
        "TXT-BASIS",
        "X-JUMP",
        "X-SAME",
        "DATE-LATE",
        "H-SUM",
        "H-DUP",
        "H-YEAR",
    ];
    let own = RuleId::ALL
        .iter()
        .filter(|r| {
            let id = r.as_str();
            id.starts_with("IMP-") || id.starts_with("META-") || desk.contains(&id)
        })
        .count();
    assert_eq!(own, 4 + desk.len());
    assert_eq!(rules.len(), RuleId::ALL.len() - own);
    for row in &rules {
        let rule = RuleId::from_id(&backticked(&row[0]))
            .unwrap_or_else(|| panic!("unknown rule {}", row[0]));
        let severity = if row[1] == "error" {
            Severity::Error
        } else {
            Severity::Warning
        };
        assert_eq!(rule.severity(), severity, "{}", row[0]);
        assert!(
            template::all().iter().any(|t| t.has_rule(rule)),
            "{} applies to no template",
            row[0]
        );
    }
}

#[test]
fn template_versions_and_years_match_the_spec() {
    let Some(spec) = spec() else { return };
    for row in table_after(&spec, "## Two versions of the template") {
        let t = t(&backticked(&row[0]));
        assert!(row[1].contains(&t.def.notice), "{}: {}", t.id(), row[1]);
    }
    assert_eq!(template::for_year(2019).id(), "gb2019");
    assert_eq!(template::for_year(2020).id(), "gb2019");
    assert_eq!(template::for_year(2021).id(), "gb2021");
    assert_eq!(template::for_year(2026).id(), "gb2021");
}
