//! Each rule of the spec with a passing and a failing case, on the realistic example report.

mod common;

use common::{balanced, check, example, of_rule, set};
use nianbao::check::{RuleId, Severity, Suggestion};
use nianbao::model::{CellValue, Report, carry_over};

fn suggestion(cell: &str, value: &str) -> Option<Suggestion> {
    Some(Suggestion {
        cell: cell.into(),
        value: value.into(),
    })
}

#[test]
fn balanced_examples_have_no_findings() {
    for name in [
        "2024-qingshi.nianbao",
        "2025-qingshi.nianbao",
        "2020-qingshi-gb2019.nianbao",
    ] {
        assert_eq!(check(&example(name)), vec![], "{name}");
    }
    let prev = example("2024-qingshi.nianbao");
    assert_eq!(common::checked(&balanced(), Some(&prev)), vec![]);
}

#[test]
fn t3a_column_balance() {
    let mut r = balanced();
    set(&mut r, "t3.carried_out.natural", "2");
    let f = check(&r);
    let a = of_rule(&f, RuleId::T3A);
    assert_eq!(a.len(), 2, "natural and total columns: {a:#?}");
    assert_eq!(a[0].severity, Severity::Error);
    assert!(
        a[0].message
            .starts_with("自然人列：一＋二＝14＋1＝15，（七）＋四＝14＋2＝16，相差1"),
        "{}",
        a[0].message
    );
    assert_eq!(
        a[0].cells,
        [
            "t3.new.natural",
            "t3.carried_in.natural",
            "t3.total.natural",
            "t3.carried_out.natural"
        ]
    );
    // 一 or 四 could be the wrong one (二 is last year's): no button, the column is named.
    assert_eq!(a[0].suggested, None);
    assert!(
        a[0].message.ends_with("相差1，请逐项核对自然人列"),
        "{}",
        a[0].message
    );
    set(&mut r, "t3.carried_out.natural", "1");
    assert!(of_rule(&check(&r), RuleId::T3A).is_empty());
}

/// The clerk's case: a wrong figure in （一）予以公开·商业企业. With totals typed (an imported
/// report), the row and column checks cross at that one cell, and it is the one named; with
/// automatic totals only the column balance breaks, and no cell is offered (never 二、上年结转,
/// which last year's report fixes).
#[test]
fn the_fix_names_the_cell_where_row_and_column_cross() {
    let prev = example("2024-qingshi.nianbao");
    let mut r = balanced();
    r.auto_totals = false;
    let right = r.text_by_id("t3.granted.commercial").unwrap();
    set(&mut r, "t3.granted.commercial", "9");
    let f = common::checked(&r, Some(&prev));
    let fixes: Vec<_> = f.iter().filter_map(|x| x.suggested.clone()).collect();
    assert!(!fixes.is_empty(), "{f:#?}");
    assert!(
        fixes
            .iter()
            .all(|s| *s == suggestion("t3.granted.commercial", &right).unwrap()),
        "{fixes:#?}"
    );

    let mut r = balanced();
    set(&mut r, "t3.granted.commercial", "9");
    let f = common::checked(&r, Some(&prev));
    assert!(f.iter().all(|x| x.suggested.is_none()), "{f:#?}");
    assert!(
        of_rule(&f, RuleId::T3A)
            .iter()
            .all(|x| x.message.contains("请逐项核对"))
    );
}

#[test]
fn t3b_outcome_rows_sum_to_total_row() {
    let mut r = balanced();
    r.auto_totals = false;
    set(&mut r, "t3.total.natural", "15");
    let f = check(&r);
    let b = of_rule(&f, RuleId::T3B);
    assert_eq!(b.len(), 1);
    assert!(
        b[0].message
            .starts_with("自然人列：（七）＝15，（一）至（六）各项之和＝14，相差1"),
        "{}",
        b[0].message
    );
    assert_eq!(b[0].suggested, suggestion("t3.total.natural", "14"));
    assert_eq!(b[0].cells.len(), 22);
    set(&mut r, "t3.total.natural", "14");
    assert!(check(&r).is_empty());
}

#[test]
fn t3c_applicant_columns_sum_to_total_column() {
    let mut r = balanced();
    r.auto_totals = false;
    set(&mut r, "t3.granted.natural", "7");
    let f = check(&r);
    let c = of_rule(&f, RuleId::T3C);
    assert_eq!(c.len(), 1);
    assert!(
        c[0].message
            .starts_with("（一）行：总计＝11，六类申请人之和＝10，相差1"),
        "{}",
        c[0].message
    );
    // The one cell that fixes both the row (T3-C) and the column (T3-B) is the typo itself.
    assert_eq!(c[0].suggested, suggestion("t3.granted.natural", "8"));
    assert_eq!(
        of_rule(&f, RuleId::T3B)[0].suggested,
        suggestion("t3.granted.natural", "8")
    );
}

#[test]
fn automatic_totals_keep_t3_and_t4_balanced() {
    let mut r = balanced();
    set(&mut r, "t3.granted.research", "4");
    set(&mut r, "t3.new.research", "4");
    set(&mut r, "t4.litigation_after_review.corrected", "2");
    assert_eq!(
        r.cell_by_id("t3.total.total"),
        Some(&CellValue::Number(nianbao::model::Num::from_int(23)))
    );
    let f = check(&r);
    let equations = [RuleId::T3A, RuleId::T3B, RuleId::T3C, RuleId::T4A];
    assert!(f.iter().all(|x| !equations.contains(&x.rule)), "{f:#?}");
    // The narrative still states the old figures: that is TXT-NUM's business.
    assert_eq!(of_rule(&f, RuleId::TXTNUM).len(), 2);
}

#[test]
fn t4a_group_totals() {
    let mut r = balanced();
    r.auto_totals = false;
    set(&mut r, "t4.review.total", "3");
    let f = check(&r);
    let a = of_rule(&f, RuleId::T4A);
    assert_eq!(a.len(), 1);
    // The total or any of its parts could be the wrong figure: the group is named, no button.
    assert_eq!(
        a[0].message,
        "行政复议：总计＝3，结果维持＋结果纠正＋其他结果＋尚未审结＝1＋0＋0＋0＝1，相差2，请逐项核对行政复议"
    );
    assert_eq!(a[0].suggested, None);
}

#[test]
fn v_num_flags_invalid_text_and_keeps_it() {
    let mut r = balanced();
    set(&mut r, "t3.new.legal", "1件");
    set(&mut r, "t2.fees.amount", "1.23456");
    set(&mut r, "t2.penalty.decisions", "-2");
    let f = check(&r);
    let v = of_rule(&f, RuleId::VNUM);
    let cells: Vec<&str> = v.iter().map(|f| f.cells[0].as_str()).collect();
    assert_eq!(
        cells,
        ["t2.penalty.decisions", "t2.fees.amount", "t3.new.legal"]
    );
    assert!(
        v[0].message.contains("不能为负数")
            && v[1].message.contains("小数不能超过4位")
            && v[2].message.contains("“1件”不是数字")
    );
    assert_eq!(
        r.cell_by_id("t3.new.legal"),
        Some(&CellValue::Invalid("1件".into()))
    );
    // Equations that involve invalid text are not judged on a guess.
    assert!(
        of_rule(&f, RuleId::T3C)
            .iter()
            .all(|f| !f.cells.contains(&"t3.new.legal".to_string()))
    );

    let mut old = example("2020-qingshi-gb2019.nianbao");
    set(&mut old, "t2.licensing.change", "-3");
    assert!(check(&old).is_empty(), "a signed change may be negative");
}

#[test]
fn v_blank_groups_blank_cells_by_row() {
    let mut r = balanced();
    set(&mut r, "t3.new.research", "");
    let f = check(&r);
    let b = of_rule(&f, RuleId::VBLANK);
    assert_eq!(b.len(), 1);
    assert_eq!(b[0].severity, Severity::Warning);
    assert_eq!(b[0].cells, ["t3.new.research"]);
    assert_eq!(b[0].suggested, suggestion("t3.new.research", "0"));
    assert!(of_rule(&f, RuleId::T3A).is_empty(), "blank counts as 0");
    let empty = Report::new(2025, "某镇");
    let rows = of_rule(&check(&empty), RuleId::VBLANK).len();
    let t = empty.template;
    let all_rows: usize = t
        .def
        .tables
        .iter()
        .flat_map(|t| &t.grids)
        .map(|g| g.rows.len())
        .sum();
    assert_eq!(rows, all_rows);
}

#[test]
fn tpl_year_matches_template_to_year() {
    let mut r = example("2020-qingshi-gb2019.nianbao");
    assert!(of_rule(&check(&r), RuleId::TPLYEAR).is_empty());
    r.meta.year = 2021;
    let f = check(&r);
    let t = of_rule(&f, RuleId::TPLYEAR);
    assert_eq!(t.len(), 1);
    assert!(
        t[0].message
            .contains("2021年度报告应使用2021版格式（国办公开办函〔2021〕30号）"),
        "{}",
        t[0].message
    );
    let mut r = balanced();
    r.meta.year = 2020;
    assert_eq!(of_rule(&check(&r), RuleId::TPLYEAR).len(), 1);
}

#[test]
fn x_carry_this_year_carried_in_is_last_years_carried_out() {
    let prev = example("2024-qingshi.nianbao");
    let mut r = balanced();
    set(&mut r, "t3.carried_in.natural", "0");
    set(&mut r, "t3.carried_out.natural", "0");
    let f = common::checked(&r, Some(&prev));
    let x = of_rule(&f, RuleId::XCARRY);
    assert_eq!(x.len(), 2, "natural and total: {x:#?}");
    // Setting 二 to last year's 1 alone would unbalance T3-A (四 was changed too): the value
    // is said, no button.
    assert_eq!(x[0].suggested, None);
    assert!(
        x[0].message.ends_with("（应为1，改后本年表格需一并核对）"),
        "{}",
        x[0].message
    );
    set(&mut r, "t3.carried_out.natural", "1");
    let f = common::checked(&r, Some(&prev));
    let x = of_rule(&f, RuleId::XCARRY);
    assert_eq!(
        x[0].suggested,
        suggestion("t3.carried_in.natural", "1"),
        "{f:#?}"
    );
    assert!(
        of_rule(&check(&r), RuleId::XCARRY).is_empty(),
        "cross-year rules need last year's report"
    );
}

#[test]
fn x_carry_across_the_2020_to_2021_template_switch() {
    let prev = example("2020-qingshi-gb2019.nianbao");
    let mut r = carry_over(2021, "示范县青石镇人民政府", &prev);
    assert_eq!(r.template.id(), "gb2021");
    assert_eq!(
        r.cell_by_id("t3.carried_in.natural")
            .unwrap()
            .text(nianbao::model::CellKind::Count),
        "1"
    );
    assert!(of_rule(&common::checked(&r, Some(&prev)), RuleId::XCARRY).is_empty());
    set(&mut r, "t3.carried_in.natural", "3");
    let f = common::checked(&r, Some(&prev));
    let x = of_rule(&f, RuleId::XCARRY);
    assert_eq!(x.len(), 2);
    assert!(x[0].message.starts_with("自然人列：本年“二、上年结转政府信息公开申请数量”＝3，上年报告“四、结转下年度继续办理”＝1，相差2"), "{}", x[0].message);
}

#[test]
fn x_inforce_rolls_forward_documents_in_force() {
    let prev = example("2024-qingshi.nianbao");
    let mut r = balanced();
    set(&mut r, "t2.normative_documents.in_force", "10");
    let f = common::checked(&r, Some(&prev));
    let x = of_rule(&f, RuleId::XINFORCE);
    assert_eq!(x.len(), 1);
    assert_eq!(x[0].severity, Severity::Warning);
    assert!(x[0].message.contains("＝8＋2－1＝9"), "{}", x[0].message);
    assert_eq!(
        x[0].suggested,
        suggestion("t2.normative_documents.in_force", "9")
    );
}

#[test]
fn x_prev_rolls_forward_item_counts_on_gb2019() {
    let this = example("2020-qingshi-gb2019.nianbao");
    let mut prev = this.clone();
    prev.meta.year = 2019;
    set(&mut prev, "t2.licensing.prev_items", "10");
    set(&mut prev, "t2.licensing.change", "+2");
    set(&mut prev, "t2.other_services.prev_items", "6");
    set(&mut prev, "t2.other_services.change", "-1");
    set(&mut prev, "t2.penalty.change", "0");
    assert!(of_rule(&common::checked(&this, Some(&prev)), RuleId::XPREV).is_empty());
    set(&mut prev, "t2.licensing.change", "+5");
    let f = common::checked(&this, Some(&prev));
    let x = of_rule(&f, RuleId::XPREV);
    assert_eq!(x.len(), 1);
    assert_eq!(x[0].suggested, suggestion("t2.licensing.prev_items", "15"));
}

#[test]
fn txt_num_narrative_figures_match_the_table() {
    let mut r = balanced();
    *r.narrative_mut("overview").unwrap() = r.narrative_by_id("overview").unwrap().replace(
        "本年新收政府信息公开申请19件",
        "本年新收政府信息公开申请21件",
    );
    let f = check(&r);
    let t = of_rule(&f, RuleId::TXTNUM);
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].cells, ["t3.new.total"]);
    assert!(
        t[0].message.contains("21件") && t[0].message.contains("19件"),
        "{}",
        t[0].message
    );
    r.narrative_mut("overview")
        .unwrap()
        .push_str("行政诉讼3件。");
    assert_eq!(of_rule(&check(&r), RuleId::TXTNUM).len(), 2);
}

#[test]
fn txt_empty_section_five_needs_substance() {
    let mut r = balanced();
    for token in ["", "无", "无。", "  暂无。 ", "本年度无存在的问题。"] {
        *r.narrative_mut("problems").unwrap() = token.into();
        assert_eq!(of_rule(&check(&r), RuleId::TXTEMPTY).len(), 1, "{token:?}");
    }
}

#[test]
fn txt_fee_requires_section_six_to_report_fees() {
    let mut r = balanced();
    set(&mut r, "t3.rejected_repeat.natural", "0");
    set(&mut r, "t3.other_no_fee.natural", "1");
    *r.narrative_mut("other").unwrap() = "无其他需要报告的事项。".into();
    let f = check(&r);
    let t = of_rule(&f, RuleId::TXTFEE);
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].cells, ["t3.other_no_fee.total"]);
    *r.narrative_mut("other").unwrap() =
        "本年度共发出信息处理费收费通知1件，申请人逾期未缴纳，未实际收取信息处理费。".into();
    assert!(of_rule(&check(&r), RuleId::TXTFEE).is_empty());

    let mut r = balanced();
    r.narrative_mut("overview")
        .unwrap()
        .push_str("本年度共收取信息处理费300元。");
    *r.narrative_mut("other").unwrap() = "无。".into();
    assert_eq!(of_rule(&check(&r), RuleId::TXTFEE).len(), 1);
}

#[test]
fn pl_reg_townships_report_no_regulations() {
    let mut r = balanced();
    set(&mut r, "t2.regulations.issued", "1");
    set(&mut r, "t2.regulations.in_force", "1");
    let f = check(&r);
    let p = of_rule(&f, RuleId::PLREG);
    assert_eq!(p.len(), 1);
    assert_eq!(
        p[0].cells,
        ["t2.regulations.issued", "t2.regulations.in_force"]
    );
    r.meta.organ = "示范县人民政府".into();
    assert!(of_rule(&check(&r), RuleId::PLREG).is_empty());
}

#[test]
fn mistakes_example_names_what_a_reviewer_would() {
    let r = example("2025-qingshi-draft-with-mistakes.nianbao");
    let prev = example("2024-qingshi.nianbao");
    let f = common::checked(&r, Some(&prev));
    let has = |rule: RuleId, cell: &str| {
        f.iter()
            .any(|x| x.rule == rule && x.cells.iter().any(|c| c == cell))
    };
    assert!(has(RuleId::T3C, "t3.granted.natural") && has(RuleId::T3B, "t3.granted.natural"));
    assert!(
        f.iter()
            .any(|x| x.suggested == suggestion("t3.granted.natural", "8"))
    );
    // 二 is blank and totals are typed: setting it alone would break its row (T3-C).
    assert!(f.iter().any(
        |x| x.rule == RuleId::XCARRY && x.message.contains("（应为1，改后本年表格需一并核对）")
    ));
    assert!(
        f.iter()
            .any(|x| x.rule == RuleId::T4A && x.message.ends_with("请逐项核对行政复议"))
    );
    assert!(has(RuleId::VNUM, "t4.litigation_direct.pending"));
    assert!(has(RuleId::VBLANK, "t3.carried_in.natural"));
    assert!(has(RuleId::XINFORCE, "t2.normative_documents.in_force"));
    assert!(has(RuleId::PLREG, "t2.regulations.issued"));
    assert!(has(RuleId::TXTNUM, "t3.new.total"));
    assert!(has(RuleId::TXTFEE, "t3.other_no_fee.total"));
    assert!(f.iter().any(|x| x.rule == RuleId::TXTEMPTY));
}

/// Two wrong figures in one row: no single change balances everything, so no fix is offered,
/// but each broken column names the cell its row shares as the one to look at first.
#[test]
fn without_a_fix_the_cell_the_broken_checks_share_is_named_first() {
    let mut r = balanced();
    r.auto_totals = false;
    set(&mut r, "t3.granted.commercial", "9");
    set(&mut r, "t3.granted.natural", "40");
    let found = nianbao::check::check(&r, None);
    let t = r.template;
    let column = |id: &str| {
        let cell = t.cell_index(id).unwrap();
        found
            .iter()
            .find(|f| f.rule == RuleId::T3B && f.cells().any(|c| c == cell))
            .unwrap()
    };
    for id in ["t3.granted.commercial", "t3.granted.natural"] {
        let f = column(id);
        assert_eq!(f.fix, None, "{}", f.message);
        assert_eq!(f.suspect, t.cell_index(id), "{}", f.message);
    }
}

fn narrative(r: &mut Report, id: &str, text: &str) {
    *r.narrative_mut(id).unwrap() = text.into();
}

#[test]
fn txt_num_received_and_concluded_counts_chinese_numerals_included() {
    // 2025: 新收 19, 上年结转 1, （七）总计 19.
    let mut r = balanced();
    for right in [
        "全年共收到政府信息公开申请20件，其中本年新收19件。",
        "本年共收到申请二十件，全部办结十九件。",
        "已依法答复19件。",
        "本年新收到申请19件。",
    ] {
        narrative(&mut r, "other", right);
        assert!(of_rule(&check(&r), RuleId::TXTNUM).is_empty(), "{right}");
    }
    narrative(&mut r, "other", "本年共收到政府信息公开申请十九件。");
    let f = check(&r);
    let t = of_rule(&f, RuleId::TXTNUM);
    assert_eq!(t.len(), 1, "{f:#?}");
    assert_eq!(t[0].cells, ["t3.new.total", "t3.carried_in.total"]);
    assert!(
        t[0].message.contains("收到政府信息公开申请十九件") && t[0].message.contains("20件"),
        "{}",
        t[0].message
    );
    for wrong in ["办结20件。", "已全部答复二十件。"] {
        narrative(&mut r, "other", wrong);
        let f = check(&r);
        let t = of_rule(&f, RuleId::TXTNUM);
        assert_eq!(t.len(), 1, "{wrong}: {f:#?}");
        assert_eq!(t[0].cells, ["t3.total.total"], "{wrong}");
        assert!(t[0].message.contains("19件"), "{}", t[0].message);
    }
}

#[test]
fn txt_repeat_a_section_copied_from_last_year() {
    let prev = example("2024-qingshi.nianbao");
    let mut r = balanced();
    assert!(of_rule(&common::checked(&r, Some(&prev)), RuleId::TXTREPEAT).is_empty());
    // Section 五 copied word for word, section 一 with only its figures changed.
    let problems = prev.narrative_by_id("problems").unwrap().to_string();
    narrative(&mut r, "problems", &problems);
    let overview = prev
        .narrative_by_id("overview")
        .unwrap()
        .replace("2024", "2025")
        .replace("146条", "162条");
    narrative(&mut r, "overview", &overview);
    let f = common::checked(&r, Some(&prev));
    let t = of_rule(&f, RuleId::TXTREPEAT);
    assert_eq!(t.len(), 2, "{f:#?}");
    assert_eq!(t[0].severity, Severity::Warning);
    assert!(
        t[0].message.starts_with("“一、总体情况”的"),
        "{}",
        t[0].message
    );
    assert!(
        t[1].message
            .contains("（100%）与上年报告相同，如“一是主动公开的内容不够丰富"),
        "{}",
        t[1].message
    );
    // Without last year's report there is nothing to compare.
    assert!(of_rule(&check(&r), RuleId::TXTREPEAT).is_empty());
    // Half of four sentences new: still a copy; three of four new: not.
    let mixed = |new: usize| {
        let mut text: Vec<String> = problems
            .split(['。', '；'])
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        assert_eq!(text.len(), 4);
        for (s, word) in text.iter_mut().zip(["甲", "乙", "丙"]).take(new) {
            *s = format!("今年新写的{word}项内容与去年完全不同需要单独说明");
        }
        text.join("。")
    };
    narrative(&mut r, "overview", "");
    narrative(&mut r, "problems", &mixed(2));
    assert_eq!(
        of_rule(&common::checked(&r, Some(&prev)), RuleId::TXTREPEAT).len(),
        1
    );
    narrative(&mut r, "problems", &mixed(3));
    assert!(of_rule(&common::checked(&r, Some(&prev)), RuleId::TXTREPEAT).is_empty());
}

#[test]
fn txt_basis_cites_the_format_of_the_reports_year() {
    let mut r = balanced();
    assert!(
        r.narrative_by_id("preamble")
            .unwrap()
            .contains("〔2021〕30号")
    );
    assert!(of_rule(&check(&r), RuleId::TXTBASIS).is_empty());
    let preamble = r
        .narrative_by_id("preamble")
        .unwrap()
        .replace("〔2021〕30号", "[2019] 60号");
    narrative(&mut r, "preamble", &preamble);
    let f = check(&r);
    let b = of_rule(&f, RuleId::TXTBASIS);
    assert_eq!(b.len(), 1, "{f:#?}");
    assert!(
        b[0].message
            .starts_with("前言以“〔2019〕60号”（2019版格式，适用于2019至2020年度）为依据，2025年度报告应依据2021版格式（国办公开办函〔2021〕30号）"),
        "{}",
        b[0].message
    );
    narrative(
        &mut r,
        "preamble",
        "依据《政府信息公开工作年度报告格式（试行）》编制。",
    );
    assert_eq!(of_rule(&check(&r), RuleId::TXTBASIS).len(), 1);

    let mut old = example("2020-qingshi-gb2019.nianbao");
    assert!(of_rule(&check(&old), RuleId::TXTBASIS).is_empty());
    narrative(
        &mut old,
        "preamble",
        "根据国办公开办函〔2021〕30号要求编制。",
    );
    let f = check(&old);
    let b = of_rule(&f, RuleId::TXTBASIS);
    assert_eq!(b.len(), 1, "{f:#?}");
    assert!(
        b[0].message.contains("2020年度报告应依据2019版格式"),
        "{}",
        b[0].message
    );
}

#[test]
fn x_jump_headline_figures_against_last_year() {
    let mut prev = example("2024-qingshi.nianbao");
    let mut r = balanced();
    // 新收 12 → 19, 行政处罚 19 → 23: ordinary years.
    assert!(of_rule(&common::checked(&r, Some(&prev)), RuleId::XJUMP).is_empty());
    set(&mut prev, "t2.penalty.decisions", "200");
    set(&mut r, "t2.licensing.decisions", "61");
    let f = common::checked(&r, Some(&prev));
    let x = of_rule(&f, RuleId::XJUMP);
    assert_eq!(x.len(), 2, "{f:#?}");
    assert_eq!(x[0].cells, ["t2.licensing.decisions"]);
    assert_eq!(
        x[0].message,
        "“行政许可处理决定数量”上年为12件，本年为61件，增加到5.1倍；变化异常，请核实数字或在正文中说明原因"
    );
    assert_eq!(x[1].cells, ["t2.penalty.decisions"]);
    assert!(
        x[1].message
            .contains("上年为200件，本年为23件，不到上年的五分之一")
    );
    // Exactly fivefold is not more than fivefold; small figures (1 → 9) never jump.
    set(&mut r, "t2.licensing.decisions", "60");
    set(&mut prev, "t2.penalty.decisions", "115");
    set(&mut prev, "t2.enforcement.decisions", "1");
    set(&mut r, "t2.enforcement.decisions", "9");
    assert!(of_rule(&common::checked(&r, Some(&prev)), RuleId::XJUMP).is_empty());
}

#[test]
fn x_same_tables_copied_from_last_year() {
    let prev = example("2024-qingshi.nianbao");
    // This year's tables differ: nothing to say.
    let mut r = balanced();
    assert!(of_rule(&common::checked(&r, Some(&prev)), RuleId::XSAME).is_empty());
    // Last year's figures in every cell, this year's text and year: copied tables.
    let t = r.template;
    for i in t.cell_ixs() {
        r.set(i, prev.cell(i).clone());
    }
    let f = common::checked(&r, Some(&prev));
    let x = of_rule(&f, RuleId::XSAME);
    assert_eq!(x.len(), 1, "{f:#?}");
    assert_eq!(x[0].severity, Severity::Warning);
    assert!(
        x[0].message
            .starts_with("统计表的全部数字与上年报告完全相同"),
        "{}",
        x[0].message
    );
    // One figure of this year's is enough to be more than a copy.
    set(&mut r, "t2.licensing.decisions", "13");
    assert!(of_rule(&common::checked(&r, Some(&prev)), RuleId::XSAME).is_empty());
    // An idle township's zeros, the same every year, are not a copy.
    let mut zeros = balanced();
    let mut last_zeros = example("2024-qingshi.nianbao");
    for i in t.cell_ixs() {
        zeros.set(i, nianbao::model::CellValue::parse("0", t.cell(i).kind));
        last_zeros.set(i, zeros.cell(i).clone());
    }
    assert!(of_rule(&common::checked(&zeros, Some(&last_zeros)), RuleId::XSAME).is_empty());
}

#[test]
fn meta_closing_the_closing_names_this_organ_and_has_a_date() {
    let mut r = balanced();
    r.meta.organ = "示范县青山镇人民政府".into();
    r.meta.closing_organ = "示范县青石镇人民政府".into();
    let f = check(&r);
    let c = of_rule(&f, RuleId::METACLOSING);
    assert_eq!(c.len(), 1, "{f:#?}");
    assert_eq!(c[0].severity, Severity::Warning);
    assert!(
        c[0].message.contains("落款机关“示范县青石镇人民政府”"),
        "{}",
        c[0].message
    );
    // A shorter form of the same organ's name is the same organ.
    r.meta.closing_organ = "青山镇人民政府".into();
    assert!(of_rule(&check(&r), RuleId::METACLOSING).is_empty());

    // A report made from another organ's last year signs as its own organ.
    let prev = example("2024-qingshi.nianbao");
    let carried = carry_over(2025, "示范县青山镇人民政府", &prev);
    assert_eq!(carried.meta.closing_organ, "示范县青山镇人民政府");
    let same = carry_over(2025, "青石镇人民政府", &prev);
    assert_eq!(same.meta.closing_organ, prev.meta.closing_organ);

    // A filled-in report without its 成文日期; a blank one is not told yet.
    let mut r = balanced();
    r.meta.closing_date.clear();
    let f = check(&r);
    let c = of_rule(&f, RuleId::METACLOSING);
    assert_eq!(c.len(), 1);
    assert!(c[0].message.starts_with("落款日期为空"), "{}", c[0].message);
    let blank = Report::new(2025, "示范县青石镇人民政府");
    assert!(of_rule(&check(&blank), RuleId::METACLOSING).is_empty());
}

#[test]
fn date_late_closing_date_against_the_statutory_deadline() {
    let mut r = balanced();
    let late = |r: &Report| of_rule(&check(r), RuleId::DATELATE).len();
    // A township: the later date (31 March) applies.
    for ok in [
        "2026年1月20日",
        "2026年3月31日",
        "二〇二六年三月一日",
        "",
        "待定",
    ] {
        r.meta.closing_date = ok.into();
        assert_eq!(late(&r), 0, "{ok}");
    }
    r.meta.closing_date = "2026年4月1日".into();
    let f = check(&r);
    let d = of_rule(&f, RuleId::DATELATE);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Severity::Warning);
    assert!(
        d[0].message.contains("（按较晚的期限：2026年3月31日前）"),
        "{}",
        d[0].message
    );
    r.meta.closing_date = "二〇二五年十二月二十日".into();
    assert!(
        of_rule(&check(&r), RuleId::DATELATE)[0]
            .message
            .contains("不在2025年度结束之后")
    );
    // A department of the county: 31 January.
    r.meta.organ = "示范县交通运输局".into();
    r.meta.closing_date = "2026年1月31日".into();
    assert_eq!(late(&r), 0);
    r.meta.closing_date = "2026-02-01".into();
    let f = check(&r);
    assert!(
        of_rule(&f, RuleId::DATELATE)[0]
            .message
            .contains("（县级以上人民政府部门：2026年1月31日前）")
    );
    r.meta.organ = "示范县人民政府".into();
    assert_eq!(late(&r), 0);
    r.meta.closing_date = "2026年4月2日".into();
    assert!(
        of_rule(&check(&r), RuleId::DATELATE)[0]
            .message
            .contains("（县级以上人民政府：2026年3月31日前）")
    );
}

/// The desk's rules raise no false alarm on the real published seeds (different organs: no
/// pairs), nor on the examples with last year's report (the balanced test above).
#[test]
fn desk_rules_quiet_on_the_seeds() {
    let Some(paths) = common::published::seed_paths() else {
        return;
    };
    for path in paths {
        let r = nianbao::file::load(&path).unwrap();
        let f = check(&r);
        for rule in [RuleId::TXTBASIS, RuleId::DATELATE] {
            assert!(of_rule(&f, rule).is_empty(), "{}: {f:#?}", path.display());
        }
        // 「收到申请N件」 and 「办结/答复N件」.
        assert!(
            !of_rule(&f, RuleId::TXTNUM)
                .iter()
                .any(|x| x.cells == ["t3.new.total", "t3.carried_in.total"]
                    || x.cells == ["t3.total.total"]),
            "{}: {f:#?}",
            path.display()
        );
    }
}
