//! Text drafted from the tables (「按表格生成」, `nianbao draft`): for any tables, every figure
//! the drafts state is one the tables hold, TXT-NUM agrees with each, zero cases are said in
//! words, and next year's draft is no TXT-REPEAT copy of this year's.

mod common;

use std::collections::HashSet;

use nianbao::check::{self, RuleId};
use nianbao::model::{Report, draft};
use proptest::prelude::*;

/// A report of template `example` with `figures` in its typed cells of tables 三 and 四, the
/// totals worked out, and each drafted narrative replaced by its drafts alone.
fn drafted(example: &str, figures: &[u32]) -> (Report, Vec<String>) {
    let mut r = common::example(example);
    let t = r.template;
    r.auto_totals = true;
    let typed: Vec<_> = t
        .cell_ixs()
        .filter(|&c| {
            let table = &t.def.tables[t.cell(c).table].id;
            (table == "t3" || table == "t4") && t.is_typed(c, true)
        })
        .collect();
    for (c, f) in typed.iter().zip(figures.iter().cycle()) {
        r.set_text(*c, &f.to_string());
    }
    let mut texts = Vec::new();
    for n in t.narrative_ixs() {
        if let Ok(d) = draft::drafts(&r, n) {
            let text = draft::insert("", &d);
            *r.sections.get_mut(n) = text.clone();
            texts.push(text);
        }
    }
    (r, texts)
}

fn numbers(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn drafts_state_only_the_tables_figures_and_agree_with_them(
        figures in proptest::collection::vec(prop_oneof![Just(0u32), 0u32..40], 40),
        gb2019 in any::<bool>(),
    ) {
        let example = if gb2019 { "2020-qingshi-gb2019.nianbao" } else { "2025-qingshi.nianbao" };
        let (r, texts) = drafted(example, &figures);
        prop_assert!(!texts.is_empty());
        let t = r.template;
        // Every cell's figure, and 收到 (新收 + 上年结转).
        let mut held: HashSet<String> = t.cell_ixs().map(|c| r.text(c)).collect();
        // And each sum a draft states (收到 = 新收 + 上年结转, 行政诉讼 of both kinds).
        for v in t.def.drafts.iter().flat_map(|d| &d.variants) {
            for group in v.text.split('{').skip(1) {
                let ids: Vec<String> =
                    group.split('}').next().unwrap().split('+').map(String::from).collect();
                held.insert(r.figure(&ids).unwrap().to_string());
            }
        }
        for text in &texts {
            for n in numbers(text) {
                prop_assert!(held.contains(&n), "{n} in {text}");
            }
            prop_assert!(!text.contains('{') && !text.contains('}'), "{text}");
        }
        let found = check::check(&r, None);
        let txt: Vec<_> = found.iter().filter(|f| f.rule == RuleId::TXTNUM).collect();
        prop_assert!(txt.is_empty(), "{texts:?}: {txt:?}");
    }
}

#[test]
fn zero_cases_are_said_in_words() {
    let (_, texts) = drafted("2025-qingshi.nianbao", &[0]);
    let all = texts.join("\n");
    assert!(all.contains("本年度未收到政府信息公开申请"), "{all}");
    assert!(
        all.contains("本年度未发生政府信息公开行政复议、行政诉讼"),
        "{all}"
    );
    // Only what the tables say: no fee notices left unpaid (not that no fee was charged).
    assert!(
        all.contains("本年度没有因申请人逾期未按收费通知缴纳信息处理费而不再处理"),
        "{all}"
    );
}

#[test]
fn next_years_draft_is_no_copy_of_this_years() {
    let (last, _) = drafted("2025-qingshi.nianbao", &[3, 5, 1]);
    let (mut this, _) = drafted("2025-qingshi.nianbao", &[4, 2, 7]);
    this.meta.year = 2026;
    let found = check::check(&this, Some(&last));
    // Only the drafted narratives: the example's own 五 is the same both years.
    let t = this.template;
    let drafted: Vec<_> = ["overview", "other"]
        .iter()
        .map(|id| t.narrative_index(id).unwrap())
        .collect();
    let copies: Vec<_> = found
        .iter()
        .filter(|f| f.rule == RuleId::TXTREPEAT)
        .filter(|f| f.narrative().is_some_and(|n| drafted.contains(&n)))
        .collect();
    assert!(copies.is_empty(), "{copies:#?}");
}

#[test]
fn the_command_line_prints_the_draft_and_refuses_what_has_none() {
    let path = common::example_path("2025-qingshi.nianbao");
    let run = |section: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(["draft", path.to_str().unwrap(), section])
            .output()
            .unwrap()
    };
    let o = run("一");
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.starts_with("本年度共收到政府信息公开申请20件，其中本年新收19件"),
        "{text}"
    );
    let o = run("problems");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("没有可按表格生成的文字"));
}
