//! Hostile surroundings of the command line (issue 25): template folders with pipes and
//! devices, corrupt fonts, a home folder that is not one, unknown commands. Each ends in
//! bounded time with one Chinese line per problem, and nothing else happens.

mod common;

use std::ffi::OsStr;
use std::path::Path;

use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{example_path, temp_dir};

/// Runs nianbao with `env`, killed (and the test failed) after 60 s: a blocked command must
/// fail the test, not hang the suite.
fn nianbao_with(env: &[(&str, &OsStr)], args: &[&OsStr]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run nianbao");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("nianbao {args:?} did not end within 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// An English sentence from a library: four or more ASCII words in a line, paths aside.
fn english_sentence(text: &str) -> Option<&str> {
    text.lines().find(|line| {
        line.split_whitespace()
            .filter(|token| !token.contains('/'))
            .flat_map(|token| token.split(|c: char| !c.is_ascii_alphabetic()))
            .filter(|w| w.len() >= 2)
            .count()
            >= 4
    })
}

#[cfg(unix)]
#[test]
fn a_template_folder_with_a_pipe_a_device_and_a_broken_file_is_read_in_bounded_time() {
    let dir = temp_dir("hostile-templates");
    let fifo = dir.join("t.ron");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.ron")).unwrap();
    std::fs::write(dir.join("broken.ron"), "(id: \"x\", first_year: ").unwrap();
    std::fs::write(
        dir.join("wrong.ron"),
        "(\n    id: \"x\",\n    bogus: 1,\n)\n",
    )
    .unwrap();
    let report = example_path("2025-qingshi.nianbao");
    let o = nianbao_with(
        &[("NIANBAO_TEMPLATES", dir.as_os_str())],
        &[OsStr::new("cells"), report.as_os_str()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).lines().count() > 100,
        "the cells are listed"
    );
    let err = text(&o.stderr);
    let warned: Vec<&str> = err.lines().filter(|l| l.starts_with("警告：")).collect();
    assert_eq!(warned.len(), 4, "one warning per file: {err}");
    for (file, says) in [
        ("t.ron", "不是普通文件"),
        ("zero.ron", "不是普通文件"),
        ("broken.ron", "第1行"),
        ("wrong.ron", "第3行第5列：不认识的字段“bogus”"),
    ] {
        assert!(
            warned.iter().any(|l| l.contains(file) && l.contains(says)),
            "{file}: {says}\n{err}"
        );
    }
    assert_eq!(english_sentence(&err), None, "{err}");
}

#[test]
fn an_unknown_command_is_said_and_no_window_is_tried() {
    let o = nianbao_with(
        &[
            ("DISPLAY", OsStr::new("")),
            ("WAYLAND_DISPLAY", OsStr::new("")),
        ],
        &[OsStr::new("frobnicate")],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains("未知命令“frobnicate”"), "{err}");
    assert!(
        err.contains("check") && err.contains("convert"),
        "the commands are listed: {err}"
    );
    assert!(!err.contains("winit") && !err.contains(".cargo"), "{err}");
}

#[cfg(target_os = "linux")]
#[test]
fn install_desktop_refuses_a_home_that_is_not_absolute_and_writes_nothing() {
    let dir = temp_dir("hostile-home");
    let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("install-desktop")
        .current_dir(&dir)
        .env("HOME", "relative-home")
        .env_remove("XDG_DATA_HOME")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("不是绝对路径"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "nothing under the current folder"
    );
}

/// The test font (a Fandol subset named 仿宋_GB2312) with one byte of its CFF table's header
/// changed: it parses, but its charstrings index points past the table's end, where the
/// subsetter (allsorts) once panicked with an English backtrace.
fn corrupt_font(dir: &Path) -> std::path::PathBuf {
    let good =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fonts/fangsong-gb2312-test.otf");
    let mut bytes = std::fs::read(good).unwrap();
    let tables = u16::from_be_bytes([bytes[4], bytes[5]]) as usize;
    let cff = (0..tables)
        .map(|i| &bytes[12 + 16 * i..28 + 16 * i])
        .find(|record| &record[..4] == b"CFF ")
        .map(|record| u32::from_be_bytes(record[8..12].try_into().unwrap()) as usize)
        .expect("a CFF table");
    bytes[cff + 27] = 0xFF;
    let path = dir.join("damaged.otf");
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_damaged_font_is_refused_at_discovery_and_the_pdf_uses_the_bundled_ones() {
    let dir = temp_dir("hostile-font");
    corrupt_font(&dir);
    let out = dir.join("年报.pdf");
    let o = nianbao_with(
        &[("NIANBAO_FONT_DIR", dir.as_os_str())],
        &[
            OsStr::new("convert"),
            example_path("2025-qingshi.nianbao").as_os_str(),
            OsStr::new("-o"),
            out.as_os_str(),
        ],
    );
    let said = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{said}{}", text(&o.stderr));
    assert!(
        said.contains("仿宋_GB2312未使用：字体文件已损坏，无法嵌入 PDF（字形数据读取越界）"),
        "{said}"
    );
    assert_eq!(text(&o.stderr), "", "no panic printed");
    let pdf = lopdf::Document::load(&out).unwrap();
    let names: Vec<String> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"BaseFont").ok()?.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    assert!(
        !names.is_empty() && names.iter().all(|n| !n.contains("FangSong")),
        "{names:?}"
    );
}

#[test]
fn a_font_failing_inside_the_writer_is_an_error_not_a_panic() {
    let dir = temp_dir("hostile-font-writer");
    corrupt_font(&dir);
    // Taken without the writer's trial, as if the damage had gone unnoticed.
    let found = nianbao::layout::installed::discover_in(&dir, |_, _, _| Ok(()));
    assert!(found.set.installed(nianbao::layout::Role::Body).is_some());
    let date = nianbao::pdf::PdfDate {
        year: 2026,
        month: 1,
        day: 20,
    };
    let report = common::example("2025-qingshi.nianbao");
    let failed = nianbao::pdf::export_warned(&report, found.set, date).unwrap_err();
    assert!(
        failed.to_string().contains("字体文件可能已损坏"),
        "{failed}"
    );
}
