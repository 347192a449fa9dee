//! 与上年比对 (`nianbao compare`): every figure this year and last with its change, the
//! cross-year findings at their cells, each section's sentences repeated from last year; as a
//! page (read back as XML) and a workbook (zip + XML), hostile text escaped in both.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::Command;

use common::{balanced, example, example_path, set, temp_dir};
use nianbao::export::compare;

fn nianbao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn figures_side_by_side_with_changes_and_findings_at_their_cells() {
    let mut this = balanced();
    set(&mut this, "t2.licensing.decisions", "61");
    let last = example("2024-qingshi.nianbao");
    let c = compare::compare(&this, &last);
    assert_eq!(c.lines.len(), this.template.cells.len(), "every figure");
    let line = |label: &str| c.lines.iter().find(|l| l.label == label).unwrap();
    let total = line("（七）总计·总计");
    assert_eq!(
        (
            total.this.as_str(),
            total.last.as_str(),
            total.change.as_str()
        ),
        ("19", "12", "+7")
    );
    let licensing = c
        .lines
        .iter()
        .find(|l| l.label.starts_with("行政许可"))
        .unwrap();
    assert!(
        licensing.said.iter().any(|m| m.contains("增加到5.1倍")),
        "{licensing:?}"
    );
    let overview = c
        .sections
        .iter()
        .find(|s| s.heading == "一、总体情况")
        .unwrap();
    assert!(!overview.repeated.is_empty() && !overview.unchanged);
}

#[test]
fn the_page_and_the_workbook_read_back_and_escape_what_files_hold() {
    let dir = temp_dir("compare");
    let mut this = balanced();
    this.meta.organ = "<script>alert(1)</script>&镇".into();
    *this.narrative_mut("problems").unwrap() = example("2024-qingshi.nianbao")
        .narrative_by_id("problems")
        .unwrap()
        .to_string();
    let this_path = dir.join("2025.nianbao");
    nianbao::file::save(&this, &this_path).unwrap();
    let last = example_path("2024-qingshi.nianbao");
    let page = dir.join("比对.html");
    let o = nianbao(&["compare", s(&this_path), s(&last), "-o", s(&page)]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let text = std::fs::read_to_string(&page).unwrap();
    assert!(!text.contains("<script>") && text.contains("&lt;script&gt;"));
    // Well-formed: it reads as XML to the end.
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut rows = 0;
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"tr" => rows += 1,
            _ => {}
        }
    }
    assert!(rows > this.template.cells.len(), "{rows} rows");
    assert!(
        text.contains("五、存在的主要问题及改进情况：与上年完全相同"),
        "the copied section"
    );
    // Not replaced unasked.
    let o = nianbao(&["compare", s(&this_path), s(&last), "-o", s(&page)]);
    assert_eq!(o.status.code(), Some(2));

    let book = dir.join("比对.xlsx");
    let o = nianbao(&["compare", s(&this_path), s(&last), "-o", s(&book)]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&book).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut t = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut t).unwrap();
        t
    };
    let workbook = part("xl/workbook.xml");
    assert!(workbook.contains("name=\"与上年比对\"") && workbook.contains("name=\"正文\""));
    let strings = part("xl/sharedStrings.xml");
    assert!(strings.contains("（七）总计·总计") && strings.contains("持平"));
    assert!(!part("xl/worksheets/sheet1.xml").contains("<f>"));
    // A kind it cannot write is refused.
    let o = nianbao(&[
        "compare",
        s(&this_path),
        s(&last),
        "-o",
        s(&dir.join("x.pdf")),
    ]);
    assert_eq!(o.status.code(), Some(2));
}

/// The desk writes one comparison per paired report on request, beside the folder checked.
#[test]
fn the_desk_writes_a_comparison_for_each_paired_report() {
    let dir = temp_dir("compare-desk");
    let folder = dir.join("2025");
    std::fs::create_dir(&folder).unwrap();
    nianbao::file::save(&balanced(), &folder.join("青石镇2025.nianbao")).unwrap();
    nianbao::file::save(
        &example("2024-qingshi.nianbao"),
        &folder.join("青石镇2024.nianbao"),
    )
    .unwrap();
    let mut alone = balanced();
    alone.meta.organ = "示范县白沙镇人民政府".into();
    nianbao::file::save(&alone, &folder.join("白沙镇2025.nianbao")).unwrap();
    let out = dir.join("比对");
    let o = nianbao(&["check", s(&folder), "--compare", s(&out)]);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("与上年比对已写入"),
        "{o:?}"
    );
    let pages: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(pages, ["青石镇2025与上年比对.html"], "only the paired one");
    let page = std::fs::read_to_string(out.join("青石镇2025与上年比对.html")).unwrap();
    assert!(page.contains("2025年度报告与2024年度报告比对"));
    // Not inside the folder checked: the pages would be read as reports next time.
    let o = nianbao(&["check", s(&folder), "--compare", s(&folder.join("比对"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!folder.join("比对").exists());
}
