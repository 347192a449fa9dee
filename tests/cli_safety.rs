//! The command line never overwrites unasked, takes any file name, and prints nothing a file
//! could use to forge lines or reach the terminal raw.

mod common;

use std::ffi::{OsStr, OsString};
use std::path::Path;
use std::process::{Command, Output};

use common::{balanced, example_path, temp_dir};
use nianbao::file;

fn nianbao<S: AsRef<OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .expect("run nianbao")
}

fn os(p: &Path) -> OsString {
    p.as_os_str().to_os_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[cfg(unix)]
#[test]
fn gbk_file_names_from_a_windows_zip_work_in_every_command() {
    use std::os::unix::ffi::OsStrExt;
    let dir = temp_dir("gbk");
    // 「年报」 in GBK: not UTF-8.
    let name = OsStr::from_bytes(b"\xc4\xea\xb1\xa8.nianbao");
    let input = dir.join(name);
    std::fs::copy(example_path("2025-qingshi.nianbao"), &input).unwrap();
    let o = nianbao(&[OsString::from("check"), os(&input)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = nianbao(&[OsString::from("cells"), os(&input)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = dir.join(OsStr::from_bytes(b"\xc4\xea\xb1\xa8-copy.json"));
    let o = nianbao(&[
        OsString::from("convert"),
        os(&input),
        OsString::from("-o"),
        os(&out),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(file::load(&out).unwrap(), balanced());
    let mut inline = OsString::from("--output=");
    inline.push(dir.join(OsStr::from_bytes(b"\xd0\xc2.nianbao")));
    let o = nianbao(&[
        OsString::from("new"),
        "--year".into(),
        "2025".into(),
        "--organ".into(),
        "某镇".into(),
        inline,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(dir.join(OsStr::from_bytes(b"\xd0\xc2.nianbao")).is_file());
    // Refused as text where text is needed, without a panic.
    let o = nianbao(&[
        OsString::from("new"),
        "--year".into(),
        "2025".into(),
        "--organ".into(),
        OsStr::from_bytes(b"\xc4\xea").into(),
        "-o".into(),
        os(&dir.join("x.nianbao")),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn symlinks_are_saved_through_and_dangling_or_read_only_outputs_are_refused() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = temp_dir("cli-links");
    let input = example_path("2025-qingshi.nianbao");
    let target = dir.join("目标.nianbao");
    file::save(&common::example("2024-qingshi.nianbao"), &target).unwrap();
    let link = dir.join("链接.nianbao");
    symlink(&target, &link).unwrap();
    let o = nianbao(&[
        OsString::from("convert"),
        os(&input),
        "-o".into(),
        os(&link),
        "--force".into(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(file::load(&target).unwrap(), balanced());

    let dangling = dir.join("悬空.nianbao");
    let missing = dir.join("不存在.nianbao");
    symlink(&missing, &dangling).unwrap();
    let o = nianbao(&[
        OsString::from("convert"),
        os(&input),
        "-o".into(),
        os(&dangling),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("已存在"), "{}", stderr(&o));
    assert!(!missing.exists());

    let locked = dir.join("只读.nianbao");
    file::save(&common::example("2024-qingshi.nianbao"), &locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o400)).unwrap();
    let before = std::fs::read(&locked).unwrap();
    let o = nianbao(&[
        OsString::from("convert"),
        os(&input),
        "-o".into(),
        os(&locked),
        "--force".into(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("只读"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&locked).unwrap(), before);
    assert_eq!(
        std::fs::metadata(&locked).unwrap().permissions().mode() & 0o777,
        0o400
    );
}

#[test]
fn cell_texts_cannot_forge_lines_in_cells() {
    let dir = temp_dir("forge");
    let mut report = balanced();
    common::set(&mut report, "t3.new.natural", "1\nt3.new.natural\t999");
    common::set(&mut report, "t3.new.commercial", "\u{1b}[2J\u{1b}[31m");
    let path = dir.join("伪造.nianbao");
    file::save(&report, &path).unwrap();
    let o = nianbao(&[OsString::from("cells"), os(&path)]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), report.template.cells.len());
    assert_eq!(out.matches("t3.new.natural\t").count(), 1, "{out}");
    assert!(out.contains("t3.new.natural\t1\\nt3.new.natural\\t999\n"));
    assert!(!out.contains('\u{1b}'));
    let o = nianbao(&[OsString::from("check"), os(&path)]);
    let out = stdout(&o) + &stderr(&o);
    assert!(!out.contains('\u{1b}'), "{out}");
    for line in out.lines() {
        assert!(line.chars().count() < 400, "{line}");
    }
}

#[test]
fn bad_ids_and_huge_strings_from_a_file_are_escaped_and_cut() {
    let dir = temp_dir("forge-errors");
    let bad_id = dir.join("id.json");
    std::fs::write(
        &bad_id,
        r#"{"format":"nianbao-report","format_version":1,"template":"gb2021","meta":{"year":2025},"cells":{"\u001b[31mt3.x\nerror T3-A":"1"}}"#,
    )
    .unwrap();
    let o = nianbao(&[OsString::from("check"), os(&bad_id)]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(!err.contains('\u{1b}'), "{err}");
    assert!(err.contains("\\u{1b}[31mt3.x\\nerror T3-A"), "{err}");

    let huge = dir.join("huge.nianbao");
    std::fs::write(
        &huge,
        format!("(format: \"{}\", format_version: 2)", "x".repeat(7_000_000)),
    )
    .unwrap();
    let o = nianbao(&[OsString::from("check"), os(&huge)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stderr.len() < 2000, "{} bytes", o.stderr.len());
    assert!(stderr(&o).contains('…'));
}

#[test]
fn check_json_keeps_unreadable_files_as_entries_with_the_reason() {
    let dir = temp_dir("json-unreadable");
    let bad = dir.join("坏.nianbao");
    std::fs::write(&bad, "not a report").unwrap();
    let o = nianbao(&[
        OsString::from("check"),
        "--json".into(),
        os(&example_path("2025-qingshi-draft-with-mistakes.nianbao")),
        os(&bad),
        os(&dir.join("不存在.nianbao")),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let items: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    let errors: Vec<&serde_json::Value> =
        items.iter().filter(|i| i.get("error").is_some()).collect();
    assert_eq!(errors.len(), 2, "{items:?}");
    assert!(errors[0]["file"].as_str().unwrap().ends_with("坏.nianbao"));
    assert!(errors[1]["error"].as_str().unwrap().contains("不存在"));
    assert!(items.iter().any(|i| i["rule"] == "T4-A"));
}

#[cfg(unix)]
#[test]
fn check_on_a_pipe_is_refused_at_once() {
    let dir = temp_dir("cli-fifo");
    let fifo = dir.join("管道.nianbao");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("check")
        .arg(&fifo)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(10) {
            child.kill().unwrap();
            panic!("check hangs on a pipe");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(2));
}

#[test]
fn thousands_separators_in_the_wrong_place_are_flagged_not_read() {
    let dir = temp_dir("separators");
    let mut report = balanced();
    common::set(&mut report, "t2.fees.amount", "1，2625");
    let path = dir.join("金额.nianbao");
    file::save(&report, &path).unwrap();
    let o = nianbao(&[OsString::from("cells"), os(&path)]);
    assert!(stdout(&o).contains("\t1，2625\n"), "kept as typed");
    let o = nianbao(&[OsString::from("check"), os(&path)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("V-NUM"), "{}", stdout(&o));
}

#[test]
fn ordinary_findings_are_printed_whole() {
    let o = nianbao(&[
        OsString::from("check"),
        os(&example_path("2025-qingshi-draft-with-mistakes.nianbao")),
        "--prev".into(),
        os(&example_path("2024-qingshi.nianbao")),
    ]);
    assert_eq!(o.status.code(), Some(1));
    // TXT-REPEAT quotes the first repeated sentence, cut by the rule itself; every other
    // finding is printed whole by the output layer.
    let out: String = stdout(&o)
        .lines()
        .filter(|l| !l.contains("TXT-REPEAT"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(out.contains("T3-A"), "{out}");
    assert!(!out.contains('…'), "{out}");
    assert!(!out.contains('\\'), "{out}");
}
