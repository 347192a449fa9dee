//! The bundled templates as data: they load, their merged cells are laid out as the official
//! tables are, and their equations and relations name real cells.

use nianbao::check::RuleId;
use nianbao::template::{self, LabelCell};

fn grid(version: &str, table: &str) -> &'static nianbao::template::GridDef {
    &template::by_id(version)
        .unwrap()
        .table(table)
        .unwrap()
        .1
        .grids[0]
}

#[test]
fn result_group_spans_twenty_or_twenty_two_rows() {
    for (version, span) in [("gb2019", 20), ("gb2021", 22)] {
        let cells = grid(version, "t3").label_cells();
        let group = cells
            .iter()
            .find(|c| c.text == "三、本年度办理结果")
            .unwrap();
        assert_eq!(
            (group.level, group.row_span, group.col_span),
            (0, span, 1),
            "{version}"
        );
        let denied = cells.iter().find(|c| c.text == "（三）不予公开").unwrap();
        assert_eq!((denied.level, denied.row_span), (1, 8));
        // A first-level row without sub-levels stretches across all three label columns.
        let first = &cells[0];
        assert_eq!(
            first,
            &LabelCell {
                row: 0,
                level: 0,
                text: "一、本年新收政府信息公开申请数量".into(),
                row_span: 1,
                col_span: 3
            }
        );
        // （一）予以公开 has no third level: it spans the last two label columns.
        let granted = cells.iter().find(|c| c.text == "（一）予以公开").unwrap();
        assert_eq!((granted.level, granted.col_span), (1, 2));
    }
    let other = grid("gb2021", "t3").label_cells();
    let six = other.iter().find(|c| c.text == "（六）其他处理").unwrap();
    assert_eq!(six.row_span, 3);
}

#[test]
fn header_cells_lay_out_over_the_columns() {
    for version in ["gb2019", "gb2021"] {
        let t3 = grid(version, "t3").column_paths();
        assert_eq!(t3[0], ["申请人情况", "自然人"]);
        assert_eq!(t3[1], ["申请人情况", "法人或其他组织", "商业企业"]);
        assert_eq!(t3[5], ["申请人情况", "法人或其他组织", "其他"]);
        assert_eq!(t3[6], ["申请人情况", "总计"]);
        let t4 = grid(version, "t4").column_paths();
        assert_eq!(t4[4], ["行政复议", "总计"]);
        assert_eq!(t4[5], ["行政诉讼", "未经复议直接起诉", "结果维持"]);
        assert_eq!(t4[14], ["行政诉讼", "复议后起诉", "总计"]);
        // Every data column's lowest header cell is its official label, or the label with the
        // unit the product stores where the official header names none (采购总金额（万元）).
        let t = template::by_id(version).unwrap();
        for table in &t.def.tables {
            for g in &table.grids {
                for (path, col) in g.column_paths().iter().zip(&g.columns) {
                    let with_unit = col.unit.as_ref().map(|u| format!("{}（{u}）", col.label));
                    let last = path.last().unwrap();
                    assert!(
                        *last == col.label || Some(last) == with_unit.as_ref(),
                        "{version} {}.{}: {last}",
                        table.id,
                        col.id
                    );
                }
            }
        }
    }
    assert_eq!(
        grid("gb2021", "t4").column_name(9),
        "行政诉讼·未经复议直接起诉·总计"
    );
    assert_eq!(
        grid("gb2021", "t3").column_name(1),
        "法人或其他组织·商业企业"
    );
}

#[test]
fn equations_cover_every_column_and_row() {
    for version in ["gb2019", "gb2021"] {
        let t = template::by_id(version).unwrap();
        let count = |rule| t.equations.iter().filter(|e| e.rule == rule).count();
        let t3 = grid(version, "t3");
        assert_eq!(count(RuleId::T3A), 7);
        assert_eq!(count(RuleId::T3B), 7);
        assert_eq!(count(RuleId::T3C), t3.rows.len());
        assert_eq!(count(RuleId::T4A), 3);
        let b = t.equations.iter().find(|e| e.rule == RuleId::T3B).unwrap();
        assert_eq!(b.right.len(), if version == "gb2019" { 19 } else { 21 });
        // Computed cells: the 总计 column, the （七）总计 row and the three t4 totals.
        let computed: Vec<&str> = t
            .cells
            .iter()
            .filter(|c| c.computed)
            .map(|c| c.id.as_str())
            .collect();
        assert!(
            computed.contains(&"t3.new.total")
                && computed.contains(&"t3.total.natural")
                && computed.contains(&"t4.review.total")
        );
        assert_eq!(computed.len(), t3.rows.len() + 6 + 3);
    }
    let x = &template::by_id("gb2021").unwrap().cross_year;
    assert_eq!(x.iter().filter(|x| x.rule == RuleId::XCARRY).count(), 7);
    assert_eq!(x.iter().filter(|x| x.rule == RuleId::XINFORCE).count(), 2);
    let x = &template::by_id("gb2019").unwrap().cross_year;
    assert_eq!(x.iter().filter(|x| x.rule == RuleId::XPREV).count(), 5);
}

#[test]
fn cell_ids_are_unique_and_in_template_order() {
    for t in template::all() {
        let ids: Vec<&str> = t.cells.iter().map(|c| c.id.as_str()).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len());
        assert_eq!(
            ids[0],
            "t2.regulations.".to_string() + if t.id() == "gb2019" { "made" } else { "issued" }
        );
        assert_eq!(*ids.last().unwrap(), "t4.litigation_after_review.total");
    }
}

/// Every rule is named, and said why it matters, in both templates: one or two plain sentences.
#[test]
fn every_rule_has_a_name_and_a_basis() {
    for t in nianbao::template::all() {
        for rule in nianbao::check::RuleId::ALL {
            assert_ne!(
                t.rule_name(rule),
                rule.as_str(),
                "{}: {rule:?} unnamed",
                t.id()
            );
            let basis = t
                .rule_basis(rule)
                .unwrap_or_else(|| panic!("{}: {rule:?} has no basis", t.id()));
            let chars = basis.chars().count();
            assert!((20..=120).contains(&chars), "{}: {rule:?}: {chars}", t.id());
            assert!(
                basis.ends_with('。') && basis.matches('。').count() <= 2,
                "{basis}"
            );
            assert!(!basis.contains(rule.as_str()), "no rule codes: {basis}");
        }
    }
}
