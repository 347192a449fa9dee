//! Import of published reports: the five real seeds cell by cell (transcribed by hand from
//! their text), the findings the checks then give, and round trips through a web page and a
//! Word document with the official merged cells.

mod common;

use nianbao::check::{RuleId, Severity};
use nianbao::file;
use nianbao::import::{ImportReport, MarkKind, Source, import};
use nianbao::model::Report;
use nianbao::template::CellIx;

fn seed(prefix: &str) -> Option<(Report, ImportReport)> {
    let path = common::published::seed_paths()?
        .into_iter()
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    let opened = file::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Some((opened.report, opened.import.expect("a .txt is imported")))
}

fn cell(report: &Report, id: &str) -> String {
    report
        .text_by_id(id)
        .unwrap_or_else(|| panic!("no cell {id}"))
}

fn index(report: &Report, id: &str) -> CellIx {
    report.template.cell_index(id).unwrap()
}

/// All cells of a table row, in column order, as text.
fn row(report: &Report, prefix: &str) -> Vec<String> {
    let prefix = format!("{prefix}.");
    let t = report.template;
    t.cell_ixs()
        .filter(|&i| t.cell(i).id.starts_with(&prefix))
        .map(|i| report.text(i))
        .collect()
}

fn rules(report: &Report) -> Vec<(Severity, RuleId)> {
    let mut found: Vec<_> = common::checked(report, None)
        .into_iter()
        .map(|f| (f.severity, f.rule))
        .collect();
    found.dedup();
    found
}

const T3_RESULTS: &[&str] = &[
    "granted",
    "partial",
    "denied_secret",
    "denied_law",
    "denied_safety",
    "denied_third_party",
    "denied_internal",
    "denied_process",
    "denied_case_file",
    "denied_query",
    "unable_not_held",
    "unable_need_create",
    "unable_unclear",
    "rejected_petition",
    "rejected_repeat",
    "rejected_publication",
    "rejected_excessive",
    "rejected_confirm",
    "other",
    "total",
];

#[test]
fn seed_000_only_totals_filled_and_an_amount_without_unit() {
    let Some((r, _)) = seed("000") else {
        return;
    };
    assert_eq!(
        (r.meta.organ.as_str(), r.meta.year, r.template.id()),
        ("东方红乡", 2019, "gb2019")
    );
    for id in ["regulations", "normative_documents"] {
        assert_eq!(row(&r, &format!("t2.{id}")), ["0", "0", "0"]);
    }
    assert_eq!(row(&r, "t2.fees"), ["0", "0"]);
    assert_eq!(row(&r, "t2.procurement"), ["1", "1260000"]);
    let amount = index(&r, "t2.procurement.amount");
    assert_eq!(r.review.mark_of(amount).unwrap().kind, MarkKind::Unit);
    // 1260000 万元 would be 126 亿元: its doubt offers the one-click 「改为 126」.
    let doubt = common::checked(&r, None)
        .into_iter()
        .find(|f| f.rule == RuleId::IMPREVIEW && f.cells == ["t2.procurement.amount"])
        .unwrap();
    assert_eq!(doubt.suggested.unwrap().value, "126");
    // Table 三: only 总计, shifted rows included (「3. 危及…」 starts its line).
    let blank_applicants = ["", "", "", "", "", "", "0"];
    for id in ["new", "carried_in", "carried_out"]
        .iter()
        .chain(T3_RESULTS)
    {
        assert_eq!(row(&r, &format!("t3.{id}")), blank_applicants, "t3.{id}");
    }
    assert_eq!(
        r.review
            .mark_of(index(&r, "t3.denied_safety.total"))
            .unwrap()
            .kind,
        MarkKind::Realigned
    );
    assert_eq!(
        row(&r, "t4"),
        [
            "", "", "", "", "0", "", "", "", "", "0", "", "", "", "", "0"
        ]
    );
    assert!(
        r.narrative_by_id("problems")
            .unwrap()
            .starts_with("东方红乡政府在政务信息公开工作中")
    );
    assert_eq!(
        rules(&r),
        [
            (Severity::Warning, RuleId::VBLANK),
            (Severity::Warning, RuleId::IMPREVIEW)
        ]
    );
    let blank: Vec<String> = common::checked(&r, None)
        .into_iter()
        .filter(|f| f.rule == RuleId::VBLANK)
        .flat_map(|f| f.cells)
        .collect();
    assert!(blank.contains(&"t3.new.natural".to_string()));
    assert!(!blank.contains(&"t3.new.total".to_string()));
}

#[test]
fn seed_001_short_rows_inferred_from_their_total() {
    let Some((r, _)) = seed("001") else {
        return;
    };
    assert_eq!(
        (r.meta.organ.as_str(), r.meta.year),
        ("夏邑县火店镇人民政府", 2020)
    );
    assert!(
        r.cells()
            .iter()
            .all(|c| c.num().is_some_and(|n| n.is_zero()))
    );
    // 「(一) 予以公开」 carries six values: only one filling keeps 总计 = the sum.
    let granted = index(&r, "t3.granted.natural");
    assert_eq!(r.review.mark_of(granted).unwrap().kind, MarkKind::Inferred);
    // Seven values side by side after empty cells (the label's lost merge) are read as they
    // stand: nothing moved between them.
    assert_eq!(r.review.mark_of(index(&r, "t3.carried_in.total")), None);
    assert_eq!(r.review.mark_of(index(&r, "t3.new.total")), None);
    // 「2.其他法律法规禁止公开」 is the drifted label of 2.其他法律行政法规禁止公开.
    assert_eq!(row(&r, "t3.denied_law"), ["0"; 7]);
    assert_eq!(r.review.count(MarkKind::Missing), 0);
    // Only the doubts the import itself marked, and the 落款日期 the text does not have.
    assert_eq!(
        rules(&r),
        [
            (Severity::Warning, RuleId::METACLOSING),
            (Severity::Warning, RuleId::IMPREVIEW)
        ]
    );
}

#[test]
fn seed_002_lost_row_labels_are_left_blank_and_said() {
    let Some((r, _)) = seed("002") else {
        return;
    };
    assert_eq!((r.meta.organ.as_str(), r.meta.year), ("东双河镇", 2019));
    assert!(
        r.narrative_by_id("overview")
            .unwrap()
            .contains("浉河区东双河镇")
    );
    assert!(!r.narrative_by_id("overview").unwrap().contains("bookmark"));
    assert!(
        r.narrative_by_id("problems")
            .unwrap()
            .starts_with("2019年，我镇政府信息公开工作虽取得了一定成效")
    );
    assert_eq!(r.narrative_by_id("other").unwrap(), "（无）");
    assert_eq!(row(&r, "t2.procurement"), ["0", "0"]);
    assert_eq!(row(&r, "t3.new"), ["0"; 7]);
    assert_eq!(row(&r, "t3.carried_out"), ["0"; 7]);
    for id in T3_RESULTS {
        assert_eq!(row(&r, &format!("t3.{id}")), [""; 7], "t3.{id}");
        let mark = r
            .review
            .mark_of(index(&r, &format!("t3.{id}.natural")))
            .unwrap();
        assert_eq!(mark.kind, MarkKind::Missing);
    }
    // The bare 0s under the lost labels are each listed, with their text, as not placed.
    let not_placed: Vec<&str> = r
        .review
        .marks
        .iter()
        .filter(|m| m.kind == MarkKind::NotPlaced)
        .map(|m| m.original.as_str())
        .collect();
    assert!(!not_placed.is_empty() && not_placed.iter().all(|t| *t == "0"));
    assert_eq!(row(&r, "t4"), ["0"; 15]);
    assert_eq!(
        rules(&r),
        [
            (Severity::Warning, RuleId::VBLANK),
            (Severity::Warning, RuleId::IMPREVIEW)
        ]
    );
}

#[test]
fn seed_003_gb2019_tables_in_a_2021_report() {
    let Some((r, notes)) = seed("003") else {
        return;
    };
    assert_eq!(
        (r.meta.organ.as_str(), r.meta.year, r.template.id()),
        ("", 2021, "gb2019")
    );
    assert!(notes.notes.iter().any(|n| n.contains("没有机关名称")));
    assert_eq!(row(&r, "t2.other_services"), ["0", "+5", "0"]);
    let nonzero: Vec<&String> = r
        .template
        .cells
        .iter()
        .map(|c| &c.id)
        .filter(|id| cell(&r, id) != "0")
        .collect();
    assert_eq!(nonzero, ["t2.other_services.change"]);
    assert_eq!(r.review.marks, []);
    assert_eq!(
        r.narrative_by_id("other").unwrap(),
        "无其他需要报告的事项。"
    );
    // No organ and no 落款日期 were found: said, as well as the format.
    assert_eq!(
        rules(&r),
        [
            (Severity::Warning, RuleId::METAEMPTY),
            (Severity::Warning, RuleId::METACLOSING),
            (Severity::Error, RuleId::TPLYEAR)
        ]
    );
}

#[test]
fn seed_004_web_page_with_signed_changes_and_lost_cells() {
    let Some((r, notes)) = seed("004") else {
        return;
    };
    let m = &r.meta;
    assert_eq!((m.organ.as_str(), m.year), ("湖山乡人民政府", 2020));
    assert_eq!(
        (m.phone.as_str(), m.postcode.as_str()),
        ("0597-5561226", "364113")
    );
    assert_eq!(m.address, "龙岩市永定区湖山乡人民政府");
    assert_eq!(
        (m.period_start.as_str(), m.period_end.as_str()),
        ("2020-01-01", "2020-12-31")
    );
    assert_eq!(
        (m.closing_organ.as_str(), m.closing_date.as_str()),
        ("龙岩市永定区湖山乡人民政府", "2021年1月14日")
    );
    assert!(
        r.narrative_by_id("preamble")
            .unwrap()
            .starts_with("本报告依据《中华人民共和国政府信息公开条例》")
    );
    assert!(!r.narrative_by_id("preamble").unwrap().contains("索 引 号"));
    assert_eq!(r.narrative_by_id("other").unwrap(), "无");
    assert_eq!(row(&r, "t2.normative_documents"), ["0", "0", "1"]);
    assert_eq!(row(&r, "t2.licensing"), ["0", "+8", "0"]);
    assert_eq!(row(&r, "t2.other_services"), ["0", "+189", "0"]);
    assert_eq!(row(&r, "t2.penalty"), ["0", "+5", "0"]);
    assert_eq!(row(&r, "t2.enforcement"), ["0", "+5", "0"]);
    // Rows that lost cells in the page: 4 or 5 values stay blank; 6 are completed.
    for id in ["new", "granted", "unable_need_create", "other", "total"] {
        assert_eq!(row(&r, &format!("t3.{id}")), [""; 7], "t3.{id}");
    }
    for id in ["carried_in", "partial", "denied_secret", "rejected_confirm"] {
        assert_eq!(row(&r, &format!("t3.{id}")), ["0"; 7], "t3.{id}");
    }
    assert_eq!(
        r.review
            .mark_of(index(&r, "t3.denied_law.natural"))
            .unwrap()
            .kind,
        MarkKind::Inferred
    );
    assert_eq!(row(&r, "t4"), [""; 15]);
    assert!(
        r.review
            .mark_of(index(&r, "t4.review.total"))
            .unwrap()
            .reason
            .contains("6 个数值")
    );
    assert!(notes.notes.iter().any(|n| n.contains("落款日期之后")));
    assert_eq!(
        rules(&r),
        [
            (Severity::Warning, RuleId::VBLANK),
            (Severity::Warning, RuleId::IMPREVIEW)
        ]
    );
}

fn assert_round_trip(name: &str, imported: (Report, ImportReport), original: &Report) {
    let (r, _) = imported;
    assert_eq!(r.template.id(), original.template.id(), "{name}");
    assert_eq!(r.cells(), original.cells(), "{name}: cells");
    assert_eq!(r.review.marks, [], "{name}");
    assert_eq!(r.meta.organ, original.meta.organ);
    assert_eq!(r.meta.year, original.meta.year);
    assert_eq!(
        r.narrative_by_id("overview").unwrap(),
        original.narrative_by_id("overview").unwrap(),
        "{name}"
    );
    assert_eq!(
        r.narrative_by_id("problems").unwrap(),
        original.narrative_by_id("problems").unwrap(),
        "{name}"
    );
    assert_eq!(r.meta.closing_date, original.meta.closing_date);
}

#[test]
fn web_pages_and_word_files_with_merged_cells_import_back_to_the_same_cells() {
    for name in [
        "2025-qingshi.nianbao",
        "2020-qingshi-gb2019.nianbao",
        "2025-qingshi-draft-with-mistakes.nianbao",
    ] {
        let original = common::example(name);
        let page = common::published::html(&original);
        // The merged 三、本年度办理结果 (20 or 22 rows) and 未经复议直接起诉 (5 columns).
        assert!(
            page.contains("rowspan=\"2") && page.contains("colspan=\"5\""),
            "{name}"
        );
        assert_round_trip(
            name,
            import(page.as_bytes(), Source::Html).unwrap(),
            &original,
        );
        let declared = page.replace("utf-8", "gb2312");
        let (gbk, _, _) = encoding_rs::GBK.encode(&declared);
        assert_round_trip(name, import(&gbk, Source::Html).unwrap(), &original);
        let word = common::published::docx(&original);
        assert_round_trip(name, import(&word, Source::Docx).unwrap(), &original);
    }
}

/// Found by `cargo fuzz … import_html`: a fee header in 元 over 1.2625 (0.00012625 万元) was
/// kept as the text 「1.2625」, which the saved file then read back as 1.2625 万元.
#[test]
fn an_amount_in_yuan_that_cannot_be_converted_stays_invalid_after_saving() {
    let original = common::example("2025-qingshi.nianbao");
    assert_eq!(cell(&original, "t2.fees.amount"), "1.2625");
    let page = common::published::html(&original).replace("（单位：万元）", "（单位：元）");
    let (report, _) = import(page.as_bytes(), Source::Html).unwrap();
    assert_eq!(cell(&report, "t2.fees.amount"), "1.2625元");
    assert!(
        common::checked(&report, None)
            .iter()
            .any(|f| f.rule == RuleId::VNUM && f.cells == ["t2.fees.amount"]),
        "flagged as not a number"
    );
    let marks: Vec<_> = report
        .review
        .marks
        .iter()
        .map(|m| (m.cell, m.kind))
        .collect();
    assert_eq!(
        marks,
        [(Some(index(&report, "t2.fees.amount")), MarkKind::Unit)]
    );
    let dir = common::temp_dir("import-yuan");
    let path = dir.join("fees.nianbao");
    file::save(&report, &path).unwrap();
    assert_eq!(file::load(&path).unwrap(), report);
}

#[test]
fn json_exports_open_back_to_the_same_report() {
    let dir = common::temp_dir("import-json");
    let original = common::balanced();
    let path = dir.join("r.json");
    file::save(&original, &path).unwrap();
    let opened = file::open(&path).unwrap();
    assert!(opened.import.is_none());
    assert_eq!(opened.report, original);
}

#[test]
fn what_is_not_a_report_is_refused_in_chinese() {
    let refuse = |bytes: &[u8], source| import(bytes, source).unwrap_err().to_string();
    assert!(refuse("你好\n世界".as_bytes(), Source::Text).contains("没有找到"));
    assert!(refuse(b"<html><body><p>hi</p></body></html>", Source::Html).contains("没有找到"));
    assert!(refuse(b"PK\x03\x04garbage", Source::Docx).contains("Word"));
}

/// Hostile files found by trying: spans that overflow or multiply, runs of blank lines,
/// bookmarks and scripts. Each imports (or is refused) without a panic; their time and memory
/// are measured by `benches/large-inputs.sh`.
#[test]
fn hostile_spans_and_runs_neither_panic_nor_lose_the_table() {
    let original = common::balanced();
    for span in [
        "18446744073709551615",
        "4000000000",
        "0",
        "-1",
        "99999999999999999999999",
    ] {
        let word = common::published::docx_document(&original).replacen(
            "w:gridSpan w:val=\"1\"",
            &format!("w:gridSpan w:val=\"{span}\""),
            3,
        );
        let xml_zip = {
            use std::io::Write;
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            zip.start_file(
                "word/document.xml",
                zip::write::SimpleFileOptions::default(),
            )
            .unwrap();
            zip.write_all(word.as_bytes()).unwrap();
            zip.finish().unwrap().into_inner()
        };
        let (report, _) = import(&xml_zip, Source::Docx).unwrap();
        assert_eq!(report.template.id(), original.template.id(), "span {span}");
    }
    // Blank lines inside a copied table do not end it, however many.
    let text = format!(
        "一、总体情况\n正文。\n二、主动公开政府信息情况\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t1\t2\t3\n{}行政规范性文件\t4\t5\t6\n三、收到和处理政府信息公开申请情况\n",
        "\n".repeat(40_000)
    );
    let (report, _) = import(text.as_bytes(), Source::Text).unwrap();
    assert_eq!(cell(&report, "t2.normative_documents.in_force"), "6");
    // Bookmarks and scripts go, the text around them stays.
    let page = common::published::html(&original)
        .replace("<p>", &format!("<p>{}", "[bookmark: _GoBack]".repeat(3)));
    let page = page.replacen(
        "<body>",
        &format!(
            "<body>{}",
            "<script>var a='<p>x</p>';</SCRIPT>".repeat(2000)
        ),
        1,
    );
    let (report, _) = import(page.as_bytes(), Source::Html).unwrap();
    assert_eq!(report.cells(), original.cells());
    assert!(
        !report
            .narrative_by_id("overview")
            .unwrap()
            .contains("bookmark")
    );
}

/// An import that reads no figure at all is an error, never 「0 errors」.
#[test]
fn an_import_without_any_figure_is_an_error() {
    let text = "清水河镇2025年政府信息公开工作年度报告\n一、总体情况\n正文。\n五、存在的主要问题及改进情况\n无。\n";
    let (report, _) = import(text.as_bytes(), Source::Text).unwrap();
    let findings = common::checked(&report, None);
    let empty: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == RuleId::IMPEMPTY)
        .collect();
    assert_eq!(empty.len(), 1);
    assert_eq!(empty[0].severity, Severity::Error);
}

/// Doubts are saved in the native file and the JSON export, and read back.
#[test]
fn doubts_are_saved_and_reloaded_in_both_formats() {
    let Some((r, _)) = seed("004") else {
        return;
    };
    assert!(!r.review.is_empty());
    let said = r
        .review
        .source
        .as_ref()
        .expect("the import's notes are kept");
    assert!(said.read > 0 && !said.notes.is_empty(), "{said:?}");
    let dir = common::temp_dir("import-review");
    for name in ["r.nianbao", "r.json"] {
        let path = dir.join(name);
        file::save(&r, &path).unwrap();
        let back = file::load(&path).unwrap();
        assert_eq!(back.review, r.review, "{name}");
        assert_eq!(back, r, "{name}");
    }
    // What the import said needs version 5; doubts alone are written as version 4 was, and a
    // report without either as before (readable by earlier versions).
    assert!(file::to_native_string(&r).contains("format_version: 5"));
    let mut doubts_only = r.clone();
    doubts_only.review.source = None;
    let text = file::to_native_string(&doubts_only);
    assert!(text.contains("format_version: 4") && !text.contains("import:"));
    let plain = common::balanced();
    let text = file::to_native_string(&plain);
    assert!(text.contains("format_version: 4") && !text.contains("review:"));
}

/// A 2021-format report published with the 2019 shape of 表三: one 「（六）其他处理」 row where
/// the format has three. `values` are the row's seven figures.
fn with_one_other_row(report: &Report, values: [&str; 7]) -> String {
    use common::published::{T2, html_of, laid_out};
    let label = "（六）其他处理";
    let mut tables = laid_out(report, T2::Separate);
    let t3 = report.template.def.tables.iter().position(|t| t.id == "t3");
    let (_, rows) = tables.iter_mut().find(|(ti, _)| Some(*ti) == t3).unwrap();
    let named = |row: &Vec<Option<(String, usize, usize)>>| {
        row.iter()
            .position(|c| c.as_ref().is_some_and(|c| c.0 == label))
    };
    let at = rows.iter().position(|row| named(row).is_some()).unwrap();
    // The outer label 三、本年度办理结果 spans two rows fewer.
    for row in rows[..at].iter_mut() {
        for c in row.iter_mut().flatten() {
            if c.2 > at && c.0.starts_with("三、") {
                c.2 -= 2;
            }
        }
    }
    rows.drain(at + 1..at + 3);
    let level = named(&rows[at]).unwrap();
    rows[at][level] = Some((label.into(), 2, 1));
    rows[at][level + 1] = None;
    for (k, v) in values.iter().enumerate() {
        rows[at][level + 2 + k] = Some((v.to_string(), 1, 1));
    }
    html_of(report, &tables)
}

const OTHER_ROWS: [&str; 3] = ["t3.other_no_correction", "t3.other_no_fee", "t3.other_misc"];

#[test]
fn one_row_of_other_handling_where_the_format_has_three_is_said_and_zeros_filled() {
    let original = common::example("2025-qingshi.nianbao");
    for id in OTHER_ROWS {
        assert_eq!(row(&original, id), ["0"; 7], "{id}");
    }
    let page = with_one_other_row(&original, ["0"; 7]);
    let (r, _) = import(page.as_bytes(), Source::Html).unwrap();
    for id in OTHER_ROWS {
        assert_eq!(row(&r, id), ["0"; 7], "{id}");
        let mark = r
            .review
            .mark_of(index(&r, &format!("{id}.natural")))
            .unwrap();
        assert_eq!(mark.kind, MarkKind::Inferred);
        assert!(
            mark.reason
                .contains("原文“（六）其他处理”只有一行，本格式分为3行"),
            "{}",
            mark.reason
        );
    }
    assert_eq!(r.review.count(MarkKind::NotPlaced), 0);
    assert_eq!(r.review.count(MarkKind::Missing), 0);

    // Figures that cannot be divided stay listed, with the same plain reason, and the three
    // rows are marked unread.
    let page = with_one_other_row(&original, ["1", "0", "0", "0", "0", "0", "1"]);
    let (r, _) = import(page.as_bytes(), Source::Html).unwrap();
    let listed: Vec<_> = r
        .review
        .marks
        .iter()
        .filter(|m| m.kind == MarkKind::NotPlaced)
        .collect();
    assert_eq!(listed.len(), 7, "{listed:#?}");
    assert!(
        listed
            .iter()
            .all(|m| m.reason.contains("只有一行，本格式分为3行"))
    );
    assert_eq!(r.review.count(MarkKind::Missing), 21);
}

/// What a reader cannot see is not content: a hidden figure beside every shown one (a page's
/// `display:none`, `hidden` and `<template>`; Word's `w:vanish` and `mc:Fallback`) is not read,
/// every shown figure is, and the import says that hidden text was left out.
#[test]
fn hidden_text_in_pages_and_word_files_is_left_out_and_said() {
    use common::published::{docx_document, html, package};
    let original = common::example("2025-qingshi.nianbao");
    let hidden_note = |notes: &ImportReport| notes.notes.iter().any(|n| n.contains("隐藏的文字"));

    let page = html(&original)
        .replace(
            "</td>",
            "<span style=\"display: none\">9</span><span hidden>8</span><template>7</template></td>",
        )
        .replacen("<p>", "<p hidden>本年新收政府信息公开申请99件</p><p>", 1);
    let (r, notes) = import(page.as_bytes(), Source::Html).unwrap();
    assert!(hidden_note(&notes), "{:?}", notes.notes);
    assert_round_trip("hidden page", (r, notes), &original);

    let vanished = docx_document(&original).replace(
        "</w:r>",
        "</w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>9</w:t></w:r>",
    );
    let (r, notes) = import(&package(&vanished), Source::Docx).unwrap();
    assert!(hidden_note(&notes), "{:?}", notes.notes);
    assert_round_trip("vanish", (r, notes), &original);

    let alternate = docx_document(&original)
        .replace(
            "<w:r><w:t xml:space=\"preserve\">",
            "<mc:AlternateContent><mc:Choice Requires=\"wps\"><w:r><w:t xml:space=\"preserve\">",
        )
        .replace(
            "</w:t></w:r>",
            "</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>9</w:t></w:r></mc:Fallback></mc:AlternateContent>",
        );
    assert!(alternate.matches("mc:Fallback>").count() > 100);
    let (r, notes) = import(&package(&alternate), Source::Docx).unwrap();
    assert_round_trip("AlternateContent", (r, notes), &original);
}

/// The page's visible title names the organ: a stated organ of another is not taken (the
/// report would count for another organ in a county batch), an empty one is no statement.
#[test]
fn a_stated_organ_never_overrides_the_visible_title() {
    let original = common::example("2025-qingshi.nianbao");
    let page = common::published::html(&original);
    for (stated, said) in [("别的镇人民政府", true), ("", false), ("  ", false)] {
        let head = format!("<head><meta name=\"nianbao:organ\" content=\"{stated}\">");
        let (r, notes) =
            import(page.replacen("<head>", &head, 1).as_bytes(), Source::Html).unwrap();
        assert_eq!(r.meta.organ, original.meta.organ, "{stated:?}");
        let noted = notes.notes.iter().any(|n| n.contains("与原文标题中的"));
        assert_eq!(noted, said, "{stated:?}: {:?}", notes.notes);
        assert!(
            !notes.notes.iter().any(|n| n.contains("没有机关名称")),
            "{:?}",
            notes.notes
        );
    }
}
