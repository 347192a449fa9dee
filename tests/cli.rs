//! The `nianbao` command line, run as a clerk or a county office would run it.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{example_path, temp_dir};

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .expect("run nianbao")
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn ex(name: &str) -> String {
    example_path(name).to_str().unwrap().to_string()
}

#[test]
fn help_prints_usage() {
    let o = nianbao(&["help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("nianbao check 文件..."));
}

#[test]
fn check_balanced_report_passes() {
    let o = nianbao(&[
        "check",
        &ex("2025-qingshi.nianbao"),
        "--prev",
        &ex("2024-qingshi.nianbao"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert!(stderr(&o).contains("0 个错误，0 个警告"));
}

#[test]
fn check_mistakes_lists_rules_cells_and_corrections() {
    let o = nianbao(&[
        "check",
        &ex("2025-qingshi-draft-with-mistakes.nianbao"),
        "--prev",
        &ex("2024-qingshi.nianbao"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    for line in out.lines() {
        let mut parts = line.splitn(4, ' ');
        let (severity, rule, cells, message) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        assert!(severity == "error" || severity == "warning", "{line}");
        assert!(nianbao::check::RuleId::from_id(rule).is_some(), "{line}");
        assert!(
            cells == "-" || cells.split(',').all(|c| c.starts_with('t')),
            "{line}"
        );
        assert!(!message.is_empty());
    }
    assert!(out.contains("error T3-C t3.granted.total,t3.granted.natural,"));
    assert!(out.contains("（建议将“（一）予以公开·自然人”改为8）"));
    assert!(out.contains("error X-CARRY t3.carried_in.natural 自然人列："));
    assert!(out.contains("warning TXT-EMPTY - "));
}

#[test]
fn check_json_output() {
    let o = nianbao(&[
        "check",
        "--json",
        &ex("2025-qingshi-draft-with-mistakes.nianbao"),
        &ex("2025-qingshi.nianbao"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let items: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(!items.is_empty());
    for item in &items {
        let obj = item.as_object().unwrap();
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["cells", "file", "message", "rule", "severity", "suggested"]
        );
        // The two are one organ's 2025 reports: each is told of the other (H-DUP), and the
        // final counts, since the other's name says draft.
        if item["rule"] == "H-DUP" {
            continue;
        }
        assert!(item["file"].as_str().unwrap().ends_with("mistakes.nianbao"));
    }
    let dup: Vec<&serde_json::Value> = items.iter().filter(|i| i["rule"] == "H-DUP").collect();
    assert_eq!(dup.len(), 2, "{dup:?}");
    let said = dup[1]["message"].as_str().unwrap();
    assert!(
        dup[1]["file"]
            .as_str()
            .unwrap()
            .ends_with("2025-qingshi.nianbao")
    );
    assert!(
        said.contains("本报告计入汇总和上年比对（另一份的文件名含“draft”）"),
        "{said}"
    );
    let t4 = items.iter().find(|i| i["rule"] == "T4-A").unwrap();
    assert_eq!(t4["severity"], "error");
    assert!(
        t4["suggested"].is_null(),
        "the total or a part: not known which"
    );
    // Where the row and column checks cross, the one cell is named.
    let t3b = items.iter().find(|i| i["rule"] == "T3-B").unwrap();
    assert_eq!(
        t3b["suggested"],
        serde_json::json!({"cell": "t3.granted.natural", "value": "8"})
    );
}

#[test]
fn check_many_files_reports_each_and_exits_2_on_unreadable() {
    let dir = temp_dir("many");
    let bad = dir.join("bad.nianbao");
    std::fs::write(&bad, "not a report").unwrap();
    let o = nianbao(&[
        "check",
        &ex("2025-qingshi.nianbao"),
        path(&bad),
        &ex("2024-qingshi.nianbao"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("bad.nianbao：文件内容格式错误"), "{err}");
    assert_eq!(
        err.matches("0 个错误，0 个警告").count(),
        2,
        "the readable files are still checked"
    );
}

#[test]
fn cells_lists_every_cell_in_template_order() {
    let o = nianbao(&["cells", &ex("2025-qingshi.nianbao")]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    let t = nianbao::template::by_id("gb2021").unwrap();
    assert_eq!(lines.len(), t.cells.len());
    assert_eq!(lines[0], "t2.regulations.issued\t0");
    assert!(lines.contains(&"t2.fees.amount\t1.2625"));
    assert!(lines.contains(&"t3.new.natural\t14"));
    assert_eq!(
        *lines.last().unwrap(),
        "t4.litigation_after_review.total\t0"
    );
    let o = nianbao(&["cells", &ex("2025-qingshi-draft-with-mistakes.nianbao")]);
    let out = stdout(&o);
    assert!(
        out.lines().any(|l| l == "t3.carried_in.natural\t"),
        "blank prints nothing after the tab"
    );
    assert!(
        out.lines().any(|l| l == "t4.litigation_direct.pending\t无"),
        "text is printed as written"
    );
    let o = nianbao(&["cells", &ex("2020-qingshi-gb2019.nianbao")]);
    assert!(stdout(&o).lines().any(|l| l == "t2.licensing.change\t+3"));
    assert!(
        stdout(&o)
            .lines()
            .any(|l| l == "t2.procurement.amount\t35.6")
    );
}

#[test]
fn new_from_last_year_carries_over() {
    let dir = temp_dir("new");
    let out = dir.join("2026.nianbao");
    let o = nianbao(&[
        "new",
        "--year",
        "2026",
        "--organ",
        "示范县青石镇人民政府",
        "--from",
        &ex("2025-qingshi.nianbao"),
        "-o",
        path(&out),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let r = nianbao::file::load(&out).unwrap();
    assert_eq!((r.meta.year, r.template.id()), (2026, "gb2021"));
    assert_eq!(r.meta.phone, "0000-6231005");
    assert_eq!(r.text_by_id("t3.carried_in.natural").unwrap(), "1");
    assert_eq!(r.text_by_id("t3.carried_in.total").unwrap(), "1");
    let o = nianbao(&["check", path(&out), "--prev", &ex("2025-qingshi.nianbao")]);
    assert!(!stdout(&o).contains("X-CARRY"), "{}", stdout(&o));

    // Refuses to overwrite, and leaves the file as it was.
    let before = std::fs::read(&out).unwrap();
    let o = nianbao(&[
        "new",
        "--year",
        "2026",
        "--organ",
        "别的镇",
        "-o",
        path(&out),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("已存在"));
    assert_eq!(std::fs::read(&out).unwrap(), before);

    // gb2019 → gb2019 rolls 上一年项目数量 forward.
    let out = dir.join("2020-again.nianbao");
    let o = nianbao(&[
        "new",
        "--year",
        "2020",
        "--organ",
        "示范县青石镇人民政府",
        "--from",
        &ex("2020-qingshi-gb2019.nianbao"),
        "-o",
        path(&out),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("不是上一年"));
    let r = nianbao::file::load(&out).unwrap();
    assert_eq!(r.template.id(), "gb2019");
    let cell = |id: &str| r.text_by_id(id).unwrap();
    assert_eq!(
        (
            cell("t2.licensing.prev_items"),
            cell("t2.other_services.prev_items")
        ),
        ("15".into(), "4".into())
    );
    assert_eq!(cell("t2.licensing.change"), "");
}

#[test]
fn new_picks_the_template_by_year() {
    let dir = temp_dir("year");
    for (year, id) in [("2020", "gb2019"), ("2021", "gb2021")] {
        let out = dir.join(format!("{year}.json"));
        let o = nianbao(&["new", "--year", year, "--organ", "某乡", "-o", path(&out)]);
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(nianbao::file::load(&out).unwrap().template.id(), id);
    }
}

#[test]
fn convert_round_trips_native_and_json() {
    let dir = temp_dir("convert");
    let json = dir.join("a.json");
    let native = dir.join("b.nianbao");
    assert_eq!(
        nianbao(&["convert", &ex("2025-qingshi.nianbao"), "-o", path(&json)])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        nianbao(&["convert", path(&json), "-o", path(&native)])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        std::fs::read(&native).unwrap(),
        std::fs::read(example_path("2025-qingshi.nianbao")).unwrap()
    );
    let o = nianbao(&["convert", path(&json), "-o", path(&dir.join("c.xyz"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("无法识别的输出文件类型"));
}

#[test]
fn convert_writes_the_publication_pdf_and_never_overwrites_unasked() {
    let dir = temp_dir("cli-pdf");
    let pdf = dir.join("年报.pdf");
    let o = nianbao(&["convert", &ex("2025-qingshi.nianbao"), "-o", path(&pdf)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let o = nianbao(&["convert", &ex("2024-qingshi.nianbao"), "-o", path(&pdf)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("已存在"));
    assert_eq!(std::fs::read(&pdf).unwrap(), bytes);
}

/// Files that are not reports: each gives exit 2 and one Chinese line, quickly, and nothing is written.
fn bad_files(dir: &Path) -> Vec<PathBuf> {
    let native = std::fs::read_to_string(example_path("2025-qingshi.nianbao")).unwrap();
    let json = std::fs::read_to_string(example_path("2024-qingshi.nianbao")).unwrap();
    let json = nianbao::file::to_json_string(
        &nianbao::file::parse(json.as_bytes(), nianbao::file::Format::Native).unwrap(),
    );
    let mut random = Vec::new();
    let mut x: u32 = 0x9e37_79b9;
    for _ in 0..4096 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        random.push(x as u8);
    }
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("empty.nianbao", Vec::new()),
        (
            "truncated.nianbao",
            native.as_bytes()[..native.len() / 3].to_vec(),
        ),
        ("truncated.json", json.as_bytes()[..json.len() / 3].to_vec()),
        ("random.nianbao", random.clone()),
        (
            "random.json",
            random.iter().map(|b| b'!' + b % 90).collect(),
        ),
        ("nested.nianbao", "(".repeat(1_000_000).into_bytes()),
        ("nested.json", "[".repeat(1_000_000).into_bytes()),
        (
            "future.nianbao",
            native
                .replace("format_version: 4", "format_version: 9")
                .into_bytes(),
        ),
        (
            "types.json",
            json.replace("\"year\": 2024", "\"year\": [2024]")
                .into_bytes(),
        ),
        (
            "latin1.nianbao",
            native
                .replace("示范县", "\u{0}")
                .into_bytes()
                .into_iter()
                .map(|b| if b == 0 { 0xe9 } else { b })
                .collect(),
        ),
        ("unknown.txt", b"plain text".to_vec()),
    ];
    let mut paths: Vec<PathBuf> = files
        .into_iter()
        .map(|(name, bytes)| {
            let p = dir.join(name);
            std::fs::write(&p, bytes).unwrap();
            p
        })
        .collect();
    let huge = dir.join("huge.nianbao");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    paths.push(huge);
    paths.push(dir.join("missing.nianbao"));
    paths
}

fn listing(dir: &Path) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                e.metadata().unwrap().len(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn bad_files_exit_2_with_one_chinese_line_and_write_nothing() {
    let dir = temp_dir("bad");
    let files = bad_files(&dir);
    let before = listing(&dir);
    for file in &files {
        let out = dir.join("out.json");
        for args in [
            vec!["check", path(file)],
            vec!["cells", path(file)],
            vec!["convert", path(file), "-o", path(&out)],
        ] {
            let start = Instant::now();
            let o = nianbao(&args);
            let elapsed = start.elapsed();
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
            let lines: Vec<&str> = err.lines().collect();
            assert_eq!(lines.len(), 1, "{args:?}: {err}");
            assert!(
                lines[0].starts_with("错误：") && !err.contains("panicked"),
                "{args:?}: {err}"
            );
            assert!(stdout(&o).is_empty(), "{args:?}");
            // A guard against hangs, not a speed claim (speed is measured in benches/).
            assert!(
                elapsed < Duration::from_secs(10),
                "{args:?} took {elapsed:?}"
            );
        }
        assert_eq!(
            listing(&dir),
            before,
            "nothing written after {}",
            file.display()
        );
    }
}

#[test]
fn published_reports_are_checked_listed_and_converted_directly() {
    let dir = temp_dir("cli-import");
    let page = dir.join("报告.html");
    let mut report = common::balanced();
    common::set(&mut report, "t3.granted.natural", "999");
    std::fs::write(&page, common::published::html(&report)).unwrap();
    let word = dir.join("报告.docx");
    std::fs::write(&word, common::published::docx(&common::balanced())).unwrap();

    let o = nianbao(&["check", path(&page), path(&word)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("error T3-A"), "{}", stdout(&o));
    let o = nianbao(&["cells", path(&word)]);
    assert!(stdout(&o).contains("t3.granted.natural\t"));
    assert_eq!(
        stdout(&o).lines().count(),
        common::balanced().template.cells.len()
    );

    let out = dir.join("报告.nianbao");
    let o = nianbao(&["convert", path(&page), "-o", path(&out), "--verbose"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("按位置对齐 0 个，推算 0 个，单位待核对 0 个，未能读取 0 个"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("按表格中的标签识别为2021版格式"));
    assert_eq!(
        nianbao::file::load(&out)
            .unwrap()
            .text_by_id("t3.granted.natural")
            .unwrap(),
        "999"
    );
}

#[test]
fn an_imported_original_is_never_overwritten_and_bad_files_are_refused() {
    let dir = temp_dir("cli-import-bad");
    let page = dir.join("a.html");
    std::fs::write(&page, common::published::html(&common::balanced())).unwrap();
    let before = std::fs::read(&page).unwrap();
    let o = nianbao(&["convert", path(&page), "-o", path(&page), "--force"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&page).unwrap(), before);
    for (name, bytes) in [
        ("x.docx", b"PK\x03\x04 damaged".to_vec()),
        ("x.html", b"<html><p>hello</p></html>".to_vec()),
        ("x.txt", Vec::new()),
    ] {
        let bad = dir.join(name);
        std::fs::write(&bad, bytes).unwrap();
        let o = nianbao(&["check", path(&bad)]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert!(
            err.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{name}: {err}"
        );
    }
}

/// `new --from` links last year's report as the window does: relative to the new file.
#[test]
fn new_from_last_year_links_it() {
    let dir = temp_dir("new-link");
    let prev = dir.join("2024.nianbao");
    std::fs::copy(example_path("2024-qingshi.nianbao"), &prev).unwrap();
    let out = dir.join("2025.nianbao");
    let o = nianbao(&[
        "new",
        "--year",
        "2025",
        "--organ",
        "示范县青石镇人民政府",
        "--from",
        path(&prev),
        "-o",
        path(&out),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains(r#"prev_file: Some("2024.nianbao")"#),
        "{text}"
    );
    let editor = nianbao::editor::Editor::open(&out).unwrap();
    assert_eq!(editor.prev.map(|p| p.report.meta.year), Some(2024));
}
