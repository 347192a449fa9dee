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

fn run(args: &[&OsStr]) -> Output {
    nianbao_with(&[], args)
}

fn os<S: AsRef<OsStr> + ?Sized>(s: &S) -> &OsStr {
    s.as_ref()
}

#[test]
fn outputs_are_refused_with_what_they_can_be() {
    let dir = temp_dir("hostile-outputs");
    let report = example_path("2025-qingshi.nianbao");
    let exe = dir.join("x.exe");
    let o = run(&[os("convert"), report.as_os_str(), os("-o"), exe.as_os_str()]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("“.exe”") && err.contains(".pdf、.html、.docx"),
        "{err}"
    );
    let o = run(&[
        os("convert"),
        report.as_os_str(),
        os("-o"),
        os("/dev/null"),
        os("--force"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("不是普通文件"),
        "{}",
        text(&o.stderr)
    );
    let o = run(&[
        os("check"),
        report.as_os_str(),
        os("--summary"),
        os(".xlsx"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("需要以 .xlsx 或 .csv 结尾"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "nothing written"
    );
}

#[test]
fn a_json_type_error_names_the_field() {
    let dir = temp_dir("hostile-json");
    let good = dir.join("good.json");
    let o = run(&[
        os("convert"),
        example_path("2025-qingshi.nianbao").as_os_str(),
        os("-o"),
        good.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let json = std::fs::read_to_string(&good).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        json.replacen("\"auto_totals\": true", "\"auto_totals\": \"是\"", 1),
    )
    .unwrap();
    let o = run(&[os("check"), bad.as_os_str()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("字段“auto_totals”：某个字段的类型不对"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn word_files_that_are_not_packages_are_named_for_what_they_are() {
    let dir = temp_dir("hostile-ole");
    let compound = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".repeat(64);
    let mut encrypted = compound.clone();
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    for (name, bytes, says) in [
        ("locked.docx", &encrypted, "设有打开密码"),
        (
            "renamed.docx",
            &compound,
            "这其实是 Word 97–2003 格式（.doc）",
        ),
        ("old.doc", &compound, "Word 97–2003 格式（.doc）暂不能读取"),
        ("old.wps", &compound, "WPS 文字格式（.wps）暂不能读取"),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let o = run(&[os("check"), path.as_os_str()]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        assert!(
            text(&o.stderr).contains(says),
            "{name}: {}",
            text(&o.stderr)
        );
        assert!(
            text(&o.stderr).contains("另存为 .docx"),
            "what to do: {}",
            text(&o.stderr)
        );
    }
}

#[test]
fn control_and_bidi_characters_never_reach_a_published_document() {
    let dir = temp_dir("hostile-bidi");
    let o = run(&[
        os("new"),
        os("--year"),
        os("2025"),
        os("--organ"),
        os("青石镇\n伪造的一行"),
        os("-o"),
        dir.join("a.nianbao").as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("不能含有控制字符"),
        "{}",
        text(&o.stderr)
    );

    let mut report = common::example("2025-qingshi.nianbao");
    report.meta.organ = "示范县\u{202e}青石镇\u{7}人民政府".into();
    report.meta.phone = "0000-\u{202e}6231005".into();
    let native = dir.join("r.nianbao");
    nianbao::file::save(&report, &native).unwrap();
    for ext in ["html", "docx", "pdf"] {
        let out = dir.join(format!("r.{ext}"));
        let o = run(&[os("convert"), native.as_os_str(), os("-o"), out.as_os_str()]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        let texts: Vec<String> = match ext {
            "pdf" => {
                let pdf = lopdf::Document::load(&out).unwrap();
                let info = pdf
                    .trailer
                    .get_deref(b"Info", &pdf)
                    .unwrap()
                    .as_dict()
                    .unwrap();
                info.iter()
                    .filter_map(|(_, v)| v.as_str().ok())
                    .map(|bytes| {
                        // PDF text strings: UTF-16BE after a BOM, else PDFDocEncoding (ASCII here).
                        match bytes.strip_prefix(b"\xFE\xFF") {
                            Some(utf16) => String::from_utf16_lossy(
                                &utf16
                                    .chunks(2)
                                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                                    .collect::<Vec<_>>(),
                            ),
                            None => String::from_utf8_lossy(bytes).into_owned(),
                        }
                    })
                    .collect()
            }
            "docx" => {
                let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
                [
                    "word/document.xml",
                    "docProps/custom.xml",
                    "docProps/core.xml",
                ]
                .iter()
                .filter_map(|n| {
                    let mut s = String::new();
                    std::io::Read::read_to_string(&mut zip.by_name(n).ok()?, &mut s).ok()?;
                    Some(s)
                })
                .collect()
            }
            _ => vec![std::fs::read_to_string(&out).unwrap()],
        };
        let all = texts.concat();
        assert!(all.contains("青石镇"), "{ext}: the organ is there");
        assert!(
            !all.contains('\u{202e}') && !all.contains('\u{7}'),
            "{ext} keeps a hidden control"
        );
    }
}

#[test]
fn a_pdf_drawn_in_type3_fonts_without_a_text_map_says_so() {
    let dir = temp_dir("hostile-type3");
    let content = "BT /F1 12 Tf 72 700 Td <000102030405> Tj ET\n".repeat(40);
    let glyph = "0 0 0 0 1000 1000 d1 0 0 1000 1000 re f";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".into(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
        // Glyph names a reader would take for digits: a drawing's labels, not its text.
        "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /one 6 0 R /two 6 0 R >> /Encoding << /Type /Encoding /Differences [0 /one /two /one /two /one /two] >> /FirstChar 0 /LastChar 5 /Widths [500 500 500 500 500 500] /Resources << >> >>".into(),
        format!("<< /Length {} >>\nstream\n{glyph}\nendstream", glyph.len()),
    ];
    let path = dir.join("type3.pdf");
    std::fs::write(&path, pdf_of(&objects)).unwrap();
    let o = run(&[os("check"), path.as_os_str()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("字体没有文字映射"),
        "{}",
        text(&o.stderr)
    );
}

/// A PDF of the given objects (numbered from 1, the first the catalog) with its xref table.
fn pdf_of(objects: &[String]) -> String {
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{} 0 obj\n{o}\nendobj\n", i + 1));
    }
    let xref = pdf.len();
    pdf.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for o in offsets {
        pdf.push_str(&format!("{o:010} 00000 n \n"));
    }
    pdf.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    pdf
}

/// A PDF of `pages` pages each showing one line of text in Helvetica.
fn pdf_of_pages(pages: usize) -> String {
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 5 + i)).collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
        "<< /Length 33 >>\nstream\nBT /F1 12 Tf 72 700 Td (x) Tj ET\nendstream".into(),
    ];
    objects.extend((0..pages).map(|_| {
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>".to_string()
    }));
    pdf_of(&objects)
}

#[test]
fn as_many_pages_as_the_writer_writes_are_read_and_more_are_refused_by_their_count() {
    let max = nianbao::import::pdf::MAX_PAGES;
    let dir = temp_dir("hostile-pages");
    let at_limit = dir.join("limit.pdf");
    std::fs::write(&at_limit, pdf_of_pages(max)).unwrap();
    let o = run(&[os("check"), at_limit.as_os_str()]);
    let err = text(&o.stderr);
    assert!(
        err.contains("没有找到政府信息公开工作年度报告的内容"),
        "read, and found no report: {err}"
    );
    let over = dir.join("over.pdf");
    std::fs::write(&over, pdf_of_pages(max + 1)).unwrap();
    let o = run(&[os("check"), over.as_os_str()]);
    let err = text(&o.stderr);
    assert!(
        err.contains(&format!("PDF共{}页，超过可读取的{max}页", max + 1)),
        "{err}"
    );
}
