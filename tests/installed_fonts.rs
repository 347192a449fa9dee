//! Installed fonts per role (导出PDF使用本机字体): found in a folder by family name, embedded as
//! subsets for their role with the per-character fallback kept, refused when their licence
//! forbids embedding, and without them the PDF is the bundled fonts' as before. The fonts in
//! `tests/data/fonts` are tiny renamed Fandol subsets (see the README there).

mod common;

use std::path::{Path, PathBuf};

use nianbao::layout::installed::{self, Discovery};
use nianbao::layout::{self, Face, FontSet, Role};
use nianbao::pdf::{PdfDate, export, export_warned};

const DATE: PdfDate = PdfDate {
    year: 2026,
    month: 1,
    day: 20,
};

fn font_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fonts")
}

fn found() -> Discovery {
    installed::discover_in(&font_dir(), nianbao::pdf::embeddable)
}

fn role(d: &Discovery, role: Role) -> &installed::RoleFonts {
    d.roles.iter().find(|r| r.role == role).unwrap()
}

/// The `/BaseFont` of every font the PDF's pages use.
fn base_fonts(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let mut names: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Subtype").ok().and_then(|s| s.as_name().ok()) == Some(b"Type0"))
        .filter_map(|d| d.get(b"BaseFont").ok()?.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_folder_s_fonts_are_found_by_role_and_a_restricted_one_is_refused() {
    let d = found();
    let body = role(&d, Role::Body);
    assert_eq!(body.used.as_deref(), Some("仿宋_GB2312"));
    assert_eq!(body.describe(), "正文：仿宋_GB2312（本机字体）");
    assert!(d.set.installed(Role::Body).is_some());

    let kai = role(&d, Role::Kai);
    assert_eq!(kai.used, None, "fsType 2 (restricted) must not be embedded");
    assert_eq!(kai.refused.len(), 1);
    assert_eq!(kai.refused[0].0, "楷体_GB2312");
    assert_eq!(
        kai.describe(),
        "二级标题（一）：未找到可用的楷体_GB2312，使用内置字体；楷体_GB2312未使用：字体授权不允许嵌入文档（受限许可）"
    );
    assert!(d.set.installed(Role::Kai).is_none());
    for r in [Role::Title, Role::Hei] {
        assert_eq!(role(&d, r).used, None);
        assert!(role(&d, r).refused.is_empty());
    }
    // An empty folder finds nothing: the bundled fonts.
    let empty = common::temp_dir("no-fonts");
    assert_eq!(
        installed::discover_in(&empty, nianbao::pdf::embeddable).set,
        FontSet::BUNDLED
    );
}

#[test]
fn body_text_is_set_in_the_installed_face_and_what_it_lacks_falls_back() {
    let report = common::example("2024-qingshi.nianbao");
    let set = found().set;
    let laid = layout::publication_with(&report, set);
    assert_eq!(
        layout::fonts::current(),
        FontSet::BUNDLED,
        "set only for the call"
    );
    let installed = Face::installed(Role::Body).unwrap();
    let runs: Vec<_> = laid.pages.iter().flat_map(|p| &p.runs).collect();
    let chars_in = |face: Face| -> String {
        let mut s: Vec<char> = runs
            .iter()
            .filter(|r| r.face == face)
            .flat_map(|r| r.text.chars())
            .collect();
        s.sort();
        s.dedup();
        s.into_iter().collect()
    };
    let own = chars_in(installed);
    for c in "政府信息公开年度报告".chars() {
        assert!(own.contains(c), "{c} drawn from the installed 仿宋: {own}");
    }
    // 镇 is not in the test font: it comes from the bundled FandolFang, as before.
    let bundled_fang = chars_in(Face(0));
    assert!(bundled_fang.contains('镇') && !own.contains('镇'));
    assert!(
        !bundled_fang.contains('政'),
        "the installed face comes first"
    );

    let (bytes, _) = export_warned(&report, set, DATE).unwrap();
    let fonts = base_fonts(&bytes);
    assert!(
        fonts.iter().any(|n| n.ends_with("+FangSong_GB2312")),
        "{fonts:?}"
    );
    assert!(
        fonts.iter().any(|n| n.ends_with("+FandolFang-Regular")),
        "{fonts:?}"
    );
    assert!(!fonts.iter().any(|n| n.contains("KaiTi")), "{fonts:?}");
    let text = common::pdf_text_squeezed(&bytes);
    assert!(text.contains(&format!(
        "{}2024年政府信息公开工作年度报告",
        report.meta.organ
    )));
    // The same report, fonts and date: the same bytes.
    assert_eq!(export_warned(&report, set, DATE).unwrap().0, bytes);
}

#[test]
fn without_installed_fonts_the_pdf_is_the_bundled_one() {
    let report = common::example("2024-qingshi.nianbao");
    let bundled = export(&report, DATE).unwrap();
    let (off, _) = export_warned(&report, FontSet::BUNDLED, DATE).unwrap();
    assert_eq!(off, bundled);
    assert!(base_fonts(&bundled).iter().all(|n| !n.contains("GB2312")));
    assert_eq!(
        layout::publication_with(&report, FontSet::BUNDLED),
        layout::publication(&report)
    );
}

#[test]
fn the_command_line_uses_a_font_folder_and_says_what_it_found() {
    let out = common::temp_dir("cli-fonts").join("报告.pdf");
    let input = common::example_path("2024-qingshi.nianbao");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args([
            "convert",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .env("NIANBAO_FONT_DIR", font_dir())
        .env("SOURCE_DATE_EPOCH", "1768867200")
        .output()
        .unwrap();
    let said = String::from_utf8(run.stdout).unwrap();
    assert!(run.status.success(), "{said}");
    assert!(
        said.contains("  字体：正文：仿宋_GB2312（本机字体）\n"),
        "{said}"
    );
    assert!(
        said.contains("楷体_GB2312未使用：字体授权不允许嵌入文档（受限许可）"),
        "{said}"
    );
    let fonts = base_fonts(&std::fs::read(&out).unwrap());
    assert!(
        fonts.iter().any(|n| n.ends_with("+FangSong_GB2312")),
        "{fonts:?}"
    );
}
