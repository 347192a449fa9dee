//! The reviewer's desk: `nianbao check DIR…` over a county's folder of mixed formats and
//! years, with the summary workbook read back, the missing organs and the 汇总 check.

mod common;

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{balanced, example, set, temp_dir};
use nianbao::model::Report;

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .expect("run nianbao")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn renamed(mut r: Report, organ: &str) -> Report {
    r.meta.organ = organ.into();
    r.meta.closing_organ = organ.into();
    r
}

/// A county folder: 青石镇 2024 and 2025 (native; last year's 现行有效件数 off, so only the
/// pairing finds it), 白沙镇 2025 as JSON in a subfolder, 红河乡 2025 as a web page, and a
/// note the desk must pass over. Returns the folder and the 2025 reports.
fn county() -> (PathBuf, Vec<Report>) {
    let dir = temp_dir("desk");
    let mut last = example("2024-qingshi.nianbao");
    set(&mut last, "t2.normative_documents.in_force", "7");
    nianbao::file::save(&last, &dir.join("青石镇2024.nianbao")).unwrap();
    let qingshi = balanced();
    nianbao::file::save(&qingshi, &dir.join("青石镇2025.nianbao")).unwrap();
    std::fs::create_dir(dir.join("乡镇")).unwrap();
    let mut baisha = renamed(balanced(), "示范县白沙镇人民政府");
    set(&mut baisha, "t3.new.natural", "30");
    nianbao::file::save(&baisha, &dir.join("乡镇/白沙镇.json")).unwrap();
    let honghe = renamed(balanced(), "示范县红河乡人民政府");
    let page = nianbao::export::Format::from_extension("html")
        .unwrap()
        .write(&honghe)
        .unwrap();
    std::fs::write(dir.join("乡镇/红河乡.html"), page).unwrap();
    std::fs::write(dir.join("说明.md"), "不是报告").unwrap();
    // Read back as the desk reads them (the page is imported).
    let reports = ["青石镇2025.nianbao", "乡镇/白沙镇.json", "乡镇/红河乡.html"]
        .map(|f| nianbao::file::load(&dir.join(f)).unwrap())
        .to_vec();
    (dir, reports)
}

/// The 汇总 report: every figure of tables 二–四 the sum of `children`, but one cell off.
fn parent_of(children: &[Report], path: &Path) {
    let mut parent = renamed(balanced(), "示范县人民政府");
    parent.auto_totals = false;
    let t = parent.template;
    for cell in t.cell_ixs() {
        let sum: nianbao::model::Num = children.iter().filter_map(|c| c.num(cell)).sum();
        parent.set_text(cell, &sum.to_string());
    }
    let off = t.cell_index("t3.granted.commercial").unwrap();
    let wrong = parent.num(off).unwrap() + nianbao::model::Num::from_int(1);
    parent.set_text(off, &wrong.to_string());
    nianbao::file::save(&parent, path).unwrap();
}

/// Every sheet of a workbook as rows of cell texts (shared strings resolved).
fn read_xlsx(path: &Path) -> (Vec<Vec<Vec<String>>>, Vec<String>) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        zip.by_name(name).ok()?.read_to_string(&mut text).unwrap();
        Some(text)
    };
    let strings: Vec<String> = texts_of(&part("xl/sharedStrings.xml").unwrap(), b"t");
    let mut sheets = Vec::new();
    let mut raw = Vec::new();
    for n in 1.. {
        let Some(xml) = part(&format!("xl/worksheets/sheet{n}.xml")) else {
            break;
        };
        sheets.push(cells_of(&xml, &strings));
        raw.push(xml);
    }
    (sheets, raw)
}

fn texts_of(xml: &str, tag: &[u8]) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut inside = false;
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == tag => {
                inside = true;
                out.push(String::new());
            }
            quick_xml::events::Event::Text(t) if inside => {
                out.last_mut().unwrap().push_str(&t.decode().unwrap());
            }
            quick_xml::events::Event::End(e) if e.name().as_ref() == tag => inside = false,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Rows of cells (`<c t="s">` through the shared strings, numbers as written).
fn cells_of(xml: &str, strings: &[String]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for row in xml.split("<row ").skip(1) {
        let mut cells = Vec::new();
        for cell in row.split("<c ").skip(1) {
            // A cell's column from its reference (`r="D2"`): an empty cell is not written.
            let reference = cell.split("r=\"").nth(1).unwrap_or("");
            let column = reference
                .bytes()
                .take_while(u8::is_ascii_uppercase)
                .fold(0, |n, b| n * 26 + usize::from(b - b'A' + 1));
            cells.resize(column.max(1) - 1, String::new());
            let shared = cell.contains("t=\"s\"");
            let value = cell
                .split("<v>")
                .nth(1)
                .and_then(|v| v.split("</v>").next())
                .unwrap_or("");
            cells.push(if shared {
                strings[value.parse::<usize>().unwrap()].clone()
            } else {
                value.to_string()
            });
        }
        rows.push(cells);
    }
    rows
}

#[test]
fn a_county_folder_checked_summarised_and_summed() {
    let (dir, children) = county();
    let elsewhere = temp_dir("desk-out");
    let parent = elsewhere.join("示范县2025.nianbao");
    parent_of(&children, &parent);
    let expect = elsewhere.join("名单.txt");
    std::fs::write(
        &expect,
        "青石镇人民政府\n示范县白沙镇人民政府\n红河乡\n黄土乡\n",
    )
    .unwrap();
    let summary = elsewhere.join("汇总.xlsx");
    let o = nianbao(&[
        "check",
        s(&dir),
        "--parent",
        s(&parent),
        "--expect",
        s(&expect),
        "--summary",
        s(&summary),
        "--json",
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("未报送：黄土乡"), "{err}");
    assert!(!err.contains("未报送：红河乡"), "{err}");
    // The note passed over is said, as no report and not as an error.
    assert!(
        err.lines()
            .any(|l| l.starts_with("说明：另有1个文件不是报告，未检查：") && l.ends_with("说明.md")),
        "{err}"
    );
    let items: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    let of = |file: &str, rule: &str| -> Vec<&serde_json::Value> {
        items
            .iter()
            .filter(|i| i["file"].as_str().is_some_and(|f| f.ends_with(file)) && i["rule"] == rule)
            .collect()
    };
    // Paired with last year's report of the same organ: 7 + 2 − 1 ≠ 9.
    assert_eq!(of("青石镇2025.nianbao", "X-INFORCE").len(), 1, "{items:#?}");
    assert!(of("青石镇2024.nianbao", "X-INFORCE").is_empty());
    // The 汇总 report: the one cell off by one, with the sum as the fix.
    let sums = of("示范县2025.nianbao", "H-SUM");
    assert_eq!(sums.len(), 1, "{items:#?}");
    assert_eq!(
        sums[0]["cells"],
        serde_json::json!(["t3.granted.commercial"])
    );
    assert!(
        sums[0]["message"]
            .as_str()
            .unwrap()
            .contains("3份报告之和为")
            && sums[0]["message"].as_str().unwrap().contains(
                "相差1（其中示范县白沙镇人民政府2、示范县红河乡人民政府2、示范县青石镇人民政府2）"
            ),
        "{}",
        sums[0]
    );
    assert!(items.iter().any(|i| i["missing"] == "黄土乡"));

    // The workbook: one row per file with the counts the JSON gives, the header frozen,
    // reports with errors filled, every finding on the second sheet.
    let (sheets, raw) = read_xlsx(&summary);
    assert_eq!(sheets.len(), 5, "审核结论, 汇总, 问题清单, 未报送, 图表");
    // The leader's sheet: verdicts first to send back, one page wide.
    let leader = &sheets[0];
    assert_eq!(
        leader[0],
        [
            "机关",
            "年度",
            "结论",
            "原因",
            "落款日期",
            "本年新收申请总计",
            "行政复议总计",
            "行政诉讼总计",
            "错误",
            "警告",
            "文件名"
        ]
    );
    // Headline figures this year with last year's and the change, where paired.
    let qingshi = leader
        .iter()
        .find(|r| r[0] == "示范县青石镇人民政府")
        .unwrap();
    assert_eq!(qingshi[5], "19（上年12，+7）", "{qingshi:?}");
    // The table, then what it covers: the verdicts counted and the organs with no report.
    let (table, notes): (Vec<_>, Vec<_>) = leader[1..].iter().partition(|r| r.len() > 2);
    let verdicts: Vec<&str> = table.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(verdicts[0], "退回", "{leader:?}");
    assert!(
        !verdicts.contains(&"上年报告"),
        "last year's reports are not reviewed"
    );
    assert_eq!(table.len(), 4, "three townships and the county: {leader:?}");
    let notes: Vec<&str> = notes.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        notes,
        [
            "共4份：退回2份、需修改1份、通过1份；未报送1个机关",
            "未报送：黄土乡"
        ]
    );
    assert!(
        raw[0].contains("<pageSetUpPr fitToPage=\"1\"/>")
            && raw[0].contains("fitToHeight=\"0\"")
            && raw[0].contains("paperSize=\"9\"")
            && raw[0].contains("orientation=\"landscape\""),
        "A4 landscape, one page wide"
    );
    let rows = &sheets[1];
    assert_eq!(
        rows[0][..10],
        [
            "文件",
            "机关",
            "年度",
            "计入汇总",
            "结论",
            "原因",
            "模板",
            "错误",
            "警告",
            "导入待核对"
        ]
    );
    assert_eq!(rows.len(), 1 + 5, "{rows:#?}");
    let column = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let mut per_file: HashMap<String, (usize, usize)> = HashMap::new();
    for i in &items {
        if let Some(file) = i["file"].as_str() {
            let e = per_file.entry(file.to_string()).or_default();
            if i["severity"] == "error" {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
    }
    for row in &rows[1..] {
        let (errors, warnings) = per_file.get(&row[0]).copied().unwrap_or_default();
        assert_eq!(row[column("错误")], errors.to_string(), "{row:?}");
        assert_eq!(row[column("警告")], warnings.to_string(), "{row:?}");
    }
    let qingshi = rows
        .iter()
        .find(|r| r[0].ends_with("青石镇2025.nianbao"))
        .unwrap();
    assert_eq!(
        qingshi[1..7],
        [
            "示范县青石镇人民政府",
            "2025",
            "计入",
            "需修改",
            "现行有效件数衔接1处",
            "gb2021"
        ]
    );
    // A count for each rule that found something, named in Chinese; none for the others.
    assert_eq!(qingshi[column("现行有效件数衔接")], "1");
    assert!(
        !rows[0].iter().any(|h| h == "X-INFORCE" || h == "数字格式"),
        "{:?}",
        rows[0]
    );
    let county = rows
        .iter()
        .find(|r| r[1] == "示范县人民政府（汇总）")
        .unwrap();
    assert_eq!(county[column("汇总数与各报告之和")], "1");
    assert!(raw[1].contains("state=\"frozen\"") && raw[1].contains("ySplit=\"1\""));
    assert!(raw[1].contains("<col ") && raw[1].contains("customWidth=\"1\""));
    // The details print A4 landscape with page numbers, not shrunk to one page's width.
    assert!(raw[1].contains("orientation=\"landscape\"") && raw[1].contains("&amp;P"));
    assert!(!raw[1].contains("fitToPage"));
    let style = |file: &str| {
        let at = raw[1]
            .find(&format!(">{}<", shared_index(&summary, file)))
            .unwrap();
        let cell = &raw[1][..at];
        let start = cell.rfind("<c ").unwrap();
        cell[start..]
            .split("s=\"")
            .nth(1)
            .map(|s| s.split('"').next().unwrap().to_string())
    };
    let red = style(s(&dir.join("乡镇/白沙镇.json")));
    assert!(red.is_some());
    assert_ne!(
        red,
        style(s(&dir.join("青石镇2024.nianbao"))),
        "only reports with errors filled"
    );
    let found = &sheets[2];
    assert_eq!(
        found.len() - 1,
        items.iter().filter(|i| i["rule"].is_string()).count()
    );
    assert!(
        found
            .iter()
            .any(|r| r[4] == "H-SUM" && r[3] == "错误" && !r[8].is_empty())
    );
    assert_eq!(sheets[3][1], ["黄土乡"]);
}

/// The index of a shared string, to find its cell in the sheet's XML.
fn shared_index(path: &Path, text: &str) -> usize {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/sharedStrings.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    texts_of(&xml, b"t").iter().position(|t| t == text).unwrap()
}

#[test]
fn csv_summary_and_no_overwrite() {
    let (dir, _) = county();
    let out = temp_dir("desk-csv").join("汇总.csv");
    let o = nianbao(&["check", s(&dir), "--summary", s(&out)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with(
        "\u{feff}文件,机关,年度,计入汇总,结论,原因,模板,错误,警告,导入待核对,已说明,T3-A"
    ));
    assert_eq!(lines.len(), 5, "{text}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("乡镇/红河乡.html,示范县红河乡人民政府,2025,计入,通过,,gb2021"))
    );
    // Findings as lines, a header per file, the note passed over.
    let printed = stdout(&o);
    assert!(
        printed.contains("青石镇2025.nianbao\nwarning X-INFORCE t2.normative_documents.in_force"),
        "{printed}"
    );
    assert!(!printed.contains("说明.md"));
    // An existing summary is not replaced without --force.
    let o = nianbao(&["check", s(&dir), "--summary", s(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), text);
    let o = nianbao(&["check", s(&dir), "--summary", s(&out.with_extension("ods"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("汇总表只能是 .xlsx 或 .csv"));
}

#[test]
fn an_empty_folder_and_an_unreadable_report_exit_2() {
    let dir = temp_dir("desk-empty");
    let o = nianbao(&["check", s(&dir)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("没有找到可检查的报告文件"));
    std::fs::write(dir.join("坏.nianbao"), "not a report").unwrap();
    nianbao::file::save(&balanced(), &dir.join("好.nianbao")).unwrap();
    let o = nianbao(&["check", s(&dir)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("坏.nianbao：文件内容格式错误"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("好.nianbao：0 个错误，0 个警告"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_draft_beside_the_final_is_said_and_the_sum_uses_the_final() {
    let (dir, children) = county();
    // The draft of 青石镇's 2025 report, one figure different, newer than the final.
    let mut draft = balanced();
    set(&mut draft, "t3.new.natural", "99");
    std::thread::sleep(std::time::Duration::from_millis(20));
    nianbao::file::save(&draft, &dir.join("青石镇2025-初稿.nianbao")).unwrap();
    // And of 红河乡's, whose final is clean.
    let mut honghe_draft = renamed(balanced(), "示范县红河乡人民政府");
    set(&mut honghe_draft, "t3.new.natural", "98");
    nianbao::file::save(&honghe_draft, &dir.join("乡镇/红河乡-初稿.nianbao")).unwrap();
    let out = temp_dir("desk-dup");
    let parent = out.join("示范县2025.nianbao");
    parent_of(&children, &parent);
    let summary = out.join("汇总.csv");
    let o = nianbao(&[
        "check",
        s(&dir),
        "--parent",
        s(&parent),
        "--summary",
        s(&summary),
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let items: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    let of_rule = |rule: &str| -> Vec<&serde_json::Value> {
        items.iter().filter(|i| i["rule"] == rule).collect()
    };
    // Only the planted H-SUM error: the draft's 99 is not in the sum.
    assert_eq!(of_rule("H-SUM").len(), 1, "{:#?}", of_rule("H-SUM"));
    let dup = of_rule("H-DUP");
    assert_eq!(dup.len(), 4, "both reports of each organ are told");
    let draft_said = dup
        .iter()
        .find(|i| {
            i["file"]
                .as_str()
                .unwrap()
                .ends_with("青石镇2025-初稿.nianbao")
        })
        .unwrap()["message"]
        .as_str()
        .unwrap();
    assert!(draft_said.contains("青石镇2025.nianbao"), "{draft_said}");
    assert!(
        draft_said.contains("本报告未计入汇总和上年比对") && draft_said.contains("“初稿”"),
        "{draft_said}"
    );
    // The summary names which counts.
    let text = std::fs::read_to_string(&summary).unwrap();
    let line = |end: &str| {
        text.lines()
            .find(|l| l.split(',').next().unwrap().ends_with(end))
            .unwrap()
            .to_string()
    };
    assert!(
        line("青石镇2025-初稿.nianbao").contains(",未计入，以“"),
        "{text}"
    );
    assert!(
        line("青石镇2025.nianbao").contains(",计入（另有1份同机关同年度的报告"),
        "{text}"
    );
    // The draft is the folder's matter: the final is not to be changed for it.
    assert!(!line("青石镇2025.nianbao").contains("重复"), "{text}");
    assert!(
        line("红河乡.html").contains(",通过,另有1份同一机关同一年度的报告，以本报告为准,"),
        "{text}"
    );
}

#[test]
fn wrong_years_do_not_count_and_name_variants_pair_and_match_the_list() {
    let dir = temp_dir("desk-names");
    let mut last = renamed(balanced(), "洪泽区人民政府");
    last.meta.year = 2024;
    set(&mut last, "t2.licensing.decisions", "550");
    nianbao::file::save(&last, &dir.join("洪泽区2024.nianbao")).unwrap();
    let mut this = renamed(balanced(), "淮安市洪泽区人民政府");
    set(&mut this, "t2.licensing.decisions", "9487");
    nianbao::file::save(&this, &dir.join("洪泽区2025.nianbao")).unwrap();
    let health = renamed(balanced(), "示范县卫生健康委员会");
    nianbao::file::save(&health, &dir.join("卫健委.nianbao")).unwrap();
    let data = renamed(balanced(), "示范县政务服务和大数据管理局");
    nianbao::file::save(&data, &dir.join("大数据局.nianbao")).unwrap();
    let mut old = renamed(balanced(), "示范县白沙镇人民政府");
    old.meta.year = 2020;
    nianbao::file::save(&old, &dir.join("白沙镇.nianbao")).unwrap();
    let lists = temp_dir("desk-names-lists");
    let expect = lists.join("名单.txt");
    // GBK, as Notepad on a Chinese Windows saves it.
    let names = "洪泽区人民政府\r\n县卫健委\r\n县大数据局\r\n白沙镇\r\n";
    std::fs::write(&expect, encoding_rs::GBK.encode(names).0).unwrap();
    let aliases = lists.join("别名.txt");
    std::fs::write(&aliases, "示范县政务服务和大数据管理局=县大数据局\n").unwrap();
    let o = nianbao(&[
        "check",
        s(&dir),
        "--expect",
        s(&expect),
        "--alias",
        s(&aliases),
        "--json",
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let missing: Vec<&str> = err
        .lines()
        .filter_map(|l| l.strip_prefix("未报送："))
        .collect();
    assert_eq!(missing, ["白沙镇"], "only a 2020 report: {err}");
    let items: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    let of = |file: &str, rule: &str| {
        items
            .iter()
            .filter(|i| i["rule"] == rule && i["file"].as_str().is_some_and(|f| f.ends_with(file)))
            .count()
    };
    assert_eq!(
        of("洪泽区2025.nianbao", "X-JUMP"),
        1,
        "paired across name forms"
    );
    assert_eq!(of("白沙镇.nianbao", "H-YEAR"), 1);
    assert_eq!(
        of("洪泽区2024.nianbao", "H-YEAR"),
        0,
        "last year's, for comparison"
    );
}

#[test]
fn each_report_gets_a_verdict_with_its_reasons() {
    let (dir, children) = county();
    let out = temp_dir("desk-verdicts");
    let parent = out.join("示范县2025.nianbao");
    parent_of(&children, &parent);
    let summary = out.join("汇总.csv");
    let o = nianbao(&[
        "check",
        s(&dir),
        "--parent",
        s(&parent),
        "--summary",
        s(&summary),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // On stderr: each file's tally with its verdict, then the verdicts counted.
    let err = stderr(&o);
    assert!(
        err.contains("红河乡.html：0 个错误，0 个警告（通过）"),
        "{err}"
    );
    assert!(
        err.lines()
            .any(|l| l == "共5份：退回2份、需修改1份、通过1份、上年报告1份"),
        "{err}"
    );
    let text = std::fs::read_to_string(&summary).unwrap();
    let verdict = |end: &str| -> (String, String) {
        let line = text
            .lines()
            .find(|l| l.split(',').next().unwrap().ends_with(end))
            .unwrap();
        let cells: Vec<&str> = line.split(',').collect();
        (cells[4].to_string(), cells[5].to_string())
    };
    // 白沙镇: two broken balances; 青石镇2025: last year's in-force count; 红河乡 clean;
    // 青石镇2024 is last year's; the county's sum is off by one.
    assert_eq!(verdict("白沙镇.json").0, "退回");
    assert!(verdict("白沙镇.json").1.contains("处"), "{text}");
    assert_eq!(
        verdict("青石镇2025.nianbao"),
        ("需修改".into(), "现行有效件数衔接1处".into())
    );
    assert_eq!(verdict("红河乡.html"), ("通过".into(), String::new()));
    assert_eq!(verdict("青石镇2024.nianbao").0, "上年报告");
    let (county, why) = verdict("示范县2025.nianbao");
    assert_eq!(county, "退回");
    assert!(
        why.starts_with("汇总数与各报告之和1处；"),
        "the sum first: {why}"
    );
}

#[test]
fn the_county_report_generated_from_the_reports_that_count_sums_exactly() {
    let (dir, children) = county();
    // A draft beside 青石镇's final: not summed.
    let mut draft = balanced();
    set(&mut draft, "t3.new.natural", "99");
    nianbao::file::save(&draft, &dir.join("青石镇2025-初稿.nianbao")).unwrap();
    let county = temp_dir("desk-sum").join("示范县2025.nianbao");
    let o = nianbao(&[
        "sum",
        s(&dir),
        "--organ",
        "示范县人民政府",
        "-o",
        s(&county),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let said = stdout(&o);
    assert!(said.contains("2025年度3份报告表二至表四之和"), "{said}");
    assert!(!said.contains("初稿"), "the draft is not summed: {said}");
    assert!(!said.contains("未相加"), "every cell summed: {said}");
    // Summed, but said: a report in the sum is to be sent back, and its figures may change.
    assert!(
        said.contains("注意：其中1份报告要退回修改（示范县白沙镇人民政府），改正后请重新汇总"),
        "{said}"
    );
    let summed = nianbao::file::load(&county).unwrap();
    assert_eq!(summed.meta.organ, "示范县人民政府");
    assert_eq!(summed.meta.year, 2025);
    let t = summed.template;
    for id in [
        "t3.new.natural",
        "t2.licensing.decisions",
        "t4.review.total",
    ] {
        let cell = t.cell_index(id).unwrap();
        let by_hand: nianbao::model::Num = children.iter().filter_map(|c| c.num(cell)).sum();
        assert_eq!(summed.num(cell), Some(by_hand), "{id}");
    }
    // Checked as the 汇总 report against the same folder: no difference anywhere.
    let o = nianbao(&["check", s(&dir), "--parent", s(&county), "--json"]);
    let items: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(!items.iter().any(|i| i["rule"] == "H-SUM"), "{items:#?}");
    // An existing output is not replaced unasked.
    let o = nianbao(&[
        "sum",
        s(&dir),
        "--organ",
        "示范县人民政府",
        "-o",
        s(&county),
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn import_doubts_have_a_sheet_of_their_own_and_cells_are_named_in_chinese() {
    let Some(seed) =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds"))
            .ok()
            .and_then(|d| {
                d.flatten()
                    .map(|e| e.path())
                    .find(|p| p.to_string_lossy().contains("/000_"))
            })
    else {
        panic!("../shared/seeds/000_*.txt is part of the project's shared data and must be there");
    };
    let (dir, children) = county();
    std::fs::copy(&seed, dir.join("乡镇/导入.txt")).unwrap();
    let out = temp_dir("desk-doubts");
    let parent = out.join("示范县2025.nianbao");
    parent_of(&children, &parent);
    let summary = out.join("汇总.xlsx");
    let o = nianbao(&[
        "check",
        s(&dir),
        "--parent",
        s(&parent),
        "--summary",
        s(&summary),
    ]);
    // On the terminal, the imported report's doubts are one line with their count.
    let doubt_lines: Vec<String> = stdout(&o)
        .lines()
        .filter(|l| l.contains("IMP-REVIEW"))
        .map(String::from)
        .collect();
    assert_eq!(doubt_lines.len(), 1, "{doubt_lines:?}");
    assert!(doubt_lines[0].starts_with("warning IMP-REVIEW - 导入待核对"));
    let (sheets, _) = read_xlsx(&summary);
    let names: Vec<&str> = sheets.iter().map(|rows| rows[0][0].as_str()).collect();
    assert_eq!(
        sheets.len(),
        5,
        "审核结论, 汇总, 问题清单, 导入待核对, 图表: {names:?}"
    );
    let (found, doubts) = (&sheets[2], &sheets[3]);
    assert!(doubts.len() > 100, "the seed's doubts: {}", doubts.len());
    assert!(doubts[1..].iter().all(|r| r[4] == "IMP-REVIEW"));
    assert!(found[1..].iter().all(|r| r[4] != "IMP-REVIEW"));
    let sum = found.iter().find(|r| r[4] == "H-SUM").unwrap();
    assert_eq!(sum[6], "（一）予以公开·法人或其他组织·商业企业", "{sum:?}");
}

#[test]
fn a_cell_that_cannot_be_summed_is_left_blank_and_said() {
    let (dir, _) = county();
    let mut odd = renamed(balanced(), "示范县黄土乡人民政府");
    set(&mut odd, "t3.new.natural", "十二");
    nianbao::file::save(&odd, &dir.join("黄土乡.nianbao")).unwrap();
    let county = temp_dir("desk-sum-odd").join("示范县2025.nianbao");
    let o = nianbao(&[
        "sum",
        s(&dir),
        "--organ",
        "示范县人民政府",
        "-o",
        s(&county),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let said = stdout(&o);
    assert!(said.contains("注意：1格未相加、留空"), "{said}");
    let summed = nianbao::file::load(&county).unwrap();
    let cell = summed.template.cell_index("t3.new.natural").unwrap();
    assert!(said.contains(&summed.template.cell_label(cell)), "{said}");
    assert_eq!(summed.text(cell), "", "left blank, not a partial sum");
}

#[test]
fn tables_copied_from_last_year_send_the_report_back() {
    let dir = temp_dir("desk-copied");
    let last = example("2024-qingshi.nianbao");
    nianbao::file::save(&last, &dir.join("青石镇2024.nianbao")).unwrap();
    // This year's text and year, last year's figures in every cell.
    let mut copied = balanced();
    for i in copied.template.cell_ixs() {
        copied.set(i, last.cell(i).clone());
    }
    nianbao::file::save(&copied, &dir.join("青石镇2025.nianbao")).unwrap();
    let summary = dir.join("汇总.csv");
    let o = nianbao(&["check", s(&dir), "--summary", s(&summary)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&summary).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with(s(&dir.join("青石镇2025.nianbao"))))
        .unwrap_or_else(|| panic!("{text}"));
    let cells: Vec<&str> = line.split(',').collect();
    assert_eq!(cells[4], "退回", "{line}");
    assert!(cells[5].contains("表格与上年完全相同1处"), "{line}");
}

/// The leader's sheet for a county of 60 organs, printed by LibreOffice: one page wide, in at
/// most 4 pages (skipped, and said, where LibreOffice is absent).
#[test]
fn the_leaders_sheet_of_60_organs_prints_in_a_few_pages() {
    let dir = temp_dir("desk-60");
    let folder = dir.join("报告");
    std::fs::create_dir(&folder).unwrap();
    for i in 0..60 {
        let mut r = renamed(balanced(), &format!("示范县第{i}号乡镇人民政府"));
        // Every third one to send back, with a reason to print.
        if i % 3 == 0 {
            set(&mut r, "t3.new.natural", &(30 + i).to_string());
        }
        nianbao::file::save(&r, &folder.join(format!("{i}.nianbao"))).unwrap();
    }
    let summary = dir.join("汇总.xlsx");
    let o = nianbao(&["check", s(&folder), "--summary", s(&summary)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let Some(pdf) = common::soffice_pdf(&summary) else {
        return;
    };
    let doc = lopdf::Document::load(&pdf).unwrap();
    // The leader's sheet repeats its header on every page; only it has 落款日期.
    let leader_pages = doc
        .get_pages()
        .keys()
        .filter(|&&p| {
            let text: String = doc.extract_text(&[p]).unwrap_or_default();
            text.chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .contains("落款日期")
        })
        .count();
    assert!((1..=4).contains(&leader_pages), "{leader_pages} pages");
}

/// The 图表 sheet: native charts over its own small table, pointing at the right ranges; an
/// organ whose name starts like a formula is text in the table, not a formula.
#[test]
fn the_charts_sheet_holds_native_charts_over_its_table() {
    let (dir, _) = county();
    // A hostile name: a formula if written as one.
    let hostile = renamed(balanced(), "=HYPERLINK(\"http://x\",\"点我\")");
    nianbao::file::save(&hostile, &dir.join("恶意.nianbao")).unwrap();
    let summary = temp_dir("desk-charts").join("汇总.xlsx");
    let o = nianbao(&["check", s(&dir), "--summary", s(&summary)]);
    assert!(summary.is_file(), "{}", stderr(&o));
    let (sheets, raw) = read_xlsx(&summary);
    let charts = sheets.last().unwrap();
    assert_eq!(
        charts[0][..5],
        [
            "机关",
            "错误",
            "警告",
            "本年新收申请总计（本年）",
            "本年新收申请总计（上年）"
        ]
    );
    // 青石镇2025, 白沙镇, 红河乡 and the hostile one: last year's report is not a row.
    let organs: Vec<&str> = charts[1..]
        .iter()
        .map(|r| r[0].as_str())
        .filter(|o| !o.is_empty())
        .collect();
    assert_eq!(organs.len(), 4, "{charts:?}");
    assert!(organs.contains(&"=HYPERLINK(\"http://x\",\"点我\")"));
    assert!(!raw.last().unwrap().contains("<f>"), "no formula anywhere");
    // Paired with last year: 青石镇's 本年新收申请 against 12.
    let qingshi = charts
        .iter()
        .find(|r| r[0] == "示范县青石镇人民政府")
        .unwrap();
    assert_eq!(qingshi[3..5], ["19", "12"]);
    let file = std::fs::File::open(&summary).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut chart = |n: usize| {
        let mut text = String::new();
        zip.by_name(&format!("xl/charts/chart{n}.xml"))
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let (board, findings, requests) = (chart(1), chart(2), chart(3));
    assert!(
        board.contains("<c:f>图表!$H$2:$H$6</c:f>") && board.contains("<c:f>图表!$I$2:$I$6</c:f>"),
        "{board}"
    );
    assert!(
        findings.contains("<c:f>图表!$A$2:$A$5</c:f>")
            && findings.contains("<c:f>图表!$C$2:$C$5</c:f>"),
        "{findings}"
    );
    assert!(
        requests.contains("<c:f>图表!$D$2:$D$5</c:f>")
            && requests.contains("<c:f>图表!$E$2:$E$5</c:f>")
    );
    assert!(board.contains("审核结论") && requests.contains("本年新收申请"));
}
