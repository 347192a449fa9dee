//! Native and JSON files: round trips (property-tested), migration, atomic saves, and refusal
//! of files that are not a report, each with a Chinese reason.

mod common;

use common::{balanced, temp_dir};
use nianbao::file::{self, Format, LoadError};
use nianbao::model::{ImportReport, Report};
use nianbao::template;
use proptest::prelude::*;

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[0-9]{1,6}",
        "[+-]?[0-9]{1,4}(\\.[0-9]{1,5})?",
        "[ \u{3000}０-９]{1,4}",
        any::<String>(),
        "[一-龥“”「」（）\"\\\\\n\t#r]{0,30}",
    ]
}

prop_compose! {
    fn any_report()(
        version in 0..template::all().len(),
        year in 2000..=2100i32,
        organ in any::<String>(),
        strings in proptest::collection::vec(any_text(), 10),
        narratives in proptest::collection::vec(any_text(), 4),
        cells in proptest::collection::vec(any_text(), 260),
        auto_totals in any::<bool>(),
        source in proptest::option::of((0..1000usize, proptest::collection::vec(any_text(), 0..3),
            proptest::collection::vec(any_text(), 0..3))),
    ) -> Report {
        let t = &template::all()[version];
        let mut r = Report::with_template(t, year, &organ);
        r.auto_totals = false;
        for (i, text) in t.cell_ixs().zip(&cells) {
            r.set_text(i, text);
        }
        r.auto_totals = auto_totals;
        let m = &mut r.meta;
        for (field, s) in [&mut m.region, &mut m.period_start, &mut m.period_end, &mut m.address, &mut m.phone,
                &mut m.postcode, &mut m.website, &mut m.closing_organ, &mut m.closing_date].into_iter().zip(&strings) {
            *field = s.clone();
        }
        for (n, text) in t.narrative_ixs().zip(&narratives) {
            *r.sections.get_mut(n) = text.clone();
        }
        r.review.source = source.map(|(read, notes, left_out)| ImportReport { read, notes, left_out });
        r
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn native_round_trip(r in any_report()) {
        let text = file::to_native_string(&r);
        let back = file::parse(text.as_bytes(), Format::Native).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, r);
    }

    #[test]
    fn json_round_trip_gives_the_same_report_as_native(r in any_report()) {
        let json = file::to_json_string(&r);
        let back = file::parse(json.as_bytes(), Format::Json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &r);
        prop_assert_eq!(file::to_native_string(&back), file::to_native_string(&r));
    }

    #[test]
    fn checks_never_panic(r in any_report()) {
        let prev = balanced();
        let _ = common::checked(&r, Some(&prev));
        let _ = common::checked(&r, None);
    }
}

#[test]
fn json_is_flat_and_lists_every_cell() {
    let r = balanced();
    let json: serde_json::Value = serde_json::from_str(&file::to_json_string(&r)).unwrap();
    assert_eq!(json["format"], "nianbao-report");
    assert_eq!(json["format_version"], 1);
    assert_eq!(json["template"], "gb2021");
    assert_eq!(json["meta"]["organ"], "示范县青石镇人民政府");
    assert_eq!(json["meta"]["year"], 2025);
    assert_eq!(json["cells"]["t3.new.natural"], "14");
    assert_eq!(json["cells"]["t2.fees.amount"], "1.2625");
    assert_eq!(
        json["cells"].as_object().unwrap().len(),
        r.template.cells.len()
    );
    assert!(
        json["sections"]["overview"]
            .as_str()
            .unwrap()
            .contains("（一）主动公开")
    );
}

#[test]
fn saves_are_atomic_and_load_back() {
    let dir = temp_dir("save");
    let path = dir.join("报告.nianbao");
    let mut r = balanced();
    file::save(&r, &path).unwrap();
    r.meta.phone = "0000-1234567".into();
    file::save(&r, &path).unwrap();
    assert_eq!(file::load(&path).unwrap(), r);
    let json = dir.join("报告.json");
    file::save(&r, &json).unwrap();
    assert_eq!(file::load(&json).unwrap(), r);
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary files left behind: {names:?}");
    assert!(matches!(
        file::save(&r, &dir.join("x.docx")),
        Err(nianbao::file::SaveError::UnknownFormat(_))
    ));
    let missing = dir.join("no-such-folder/报告.nianbao");
    let err = file::save(&r, &missing).unwrap_err().to_string();
    assert!(err.contains("无法写入文件"), "{err}");
}

/// A version-1 file: the first native format, before automatic totals existed.
const VERSION_1: &str = r#"(
  format: "nianbao",
  format_version: 1,
  template: "gb2021",
  meta: (organ: "某镇人民政府", year: 2022),
  sections: (problems: "人员不足。"),
  cells: {
    "t3.new.natural": "3",
    "t3.new.total": "4",
  },
)"#;

#[test]
fn version_one_files_migrate_with_totals_as_written() {
    let r = file::parse(VERSION_1.as_bytes(), Format::Native).unwrap();
    assert!(!r.auto_totals, "hand-typed totals are kept for checking");
    assert_eq!(r.text_by_id("t3.new.total").unwrap(), "4");
    assert_eq!(r.meta.organ, "某镇人民政府");
    assert_eq!(r.narrative_by_id("problems").unwrap(), "人员不足。");
    let saved = file::to_native_string(&r);
    assert!(saved.contains("format_version: 4") && saved.contains("auto_totals: false"));
    assert!(saved.contains(r#""problems": "人员不足。""#), "{saved}");
    let findings = common::checked(&r, None);
    assert!(
        findings
            .iter()
            .any(|f| f.rule == nianbao::check::RuleId::T3C),
        "the typed total is checked, not recomputed"
    );
}

/// Native files before version 4 wrote the narratives as a struct of four fixed fields; they
/// read as the same report, and are saved as version 4 with the narratives keyed by id.
#[test]
fn format_two_files_read_as_the_same_report() {
    let old = include_str!("data/2025-qingshi-format2.nianbao");
    assert!(old.contains("format_version: 2") && old.contains("  sections: (\n    preamble:"));
    let r = file::parse(old.as_bytes(), Format::Native).unwrap();
    assert_eq!(r, balanced());
    assert!(
        r.narrative_by_id("overview")
            .unwrap()
            .starts_with("2025年，青石镇")
    );
    let saved = file::to_native_string(&r);
    assert!(
        saved.contains("format_version: 4") && saved.contains("  sections: {\n    \"preamble\":")
    );
}

#[test]
fn narratives_the_template_lacks_are_refused() {
    let native = file::to_native_string(&balanced());
    let unknown = native.replace(r#""other":"#, r#""elsewhere":"#);
    assert!(parse_err(&unknown, Format::Native).contains("未知的文字部分“elsewhere”"));
    let twice = native.replace(r#""other":"#, r#""problems":"#);
    assert!(parse_err(&twice, Format::Native).contains("文字部分“problems”出现了两次"));
}

fn parse_err(text: &str, format: Format) -> String {
    match file::parse(text.as_bytes(), format) {
        Ok(_) => panic!("accepted: {text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn refuses_what_is_not_a_report() {
    let native = file::to_native_string(&balanced());
    let json = file::to_json_string(&balanced());
    let cases: Vec<(String, Format, &str)> = vec![
        (String::new(), Format::Native, "文件是空的"),
        (
            native[..native.len() / 2].to_string(),
            Format::Native,
            "不完整",
        ),
        (json[..json.len() / 2].to_string(), Format::Json, "不完整"),
        (
            native.replace("format_version: 4", "format_version: 7"),
            Format::Native,
            "更新版本",
        ),
        (
            json.replace("\"format_version\": 1", "\"format_version\": 7"),
            Format::Json,
            "更新版本",
        ),
        (
            native.replace("year: 2025", "year: \"2025\""),
            Format::Native,
            "类型不对",
        ),
        (
            json.replace("\"year\": 2025", "\"year\": \"2025\""),
            Format::Json,
            "类型不对",
        ),
        (
            native.replace("year: 2025", "year: 1900"),
            Format::Native,
            "年度“1900”无效",
        ),
        (
            native.replace("\"gb2021\"", "\"gb2030\""),
            Format::Native,
            "未知的模板版本“gb2030”（支持 gb2019、gb2021）",
        ),
        (
            native.replace("t3.new.natural", "t3.new.robots"),
            Format::Native,
            "未知的单元格编号",
        ),
        (
            native.replace("\"t3.new.legal\"", "\"t3.new.natural\""),
            Format::Native,
            "出现了两次",
        ),
        (
            native.replace("format: \"nianbao\"", "format: \"other\""),
            Format::Native,
            "不是 nianbao 报告文件",
        ),
        (
            native.replace("  phone:", "  fax: \"1\",\n  phone:"),
            Format::Native,
            "不认识的字段“fax”",
        ),
        (json.replace("\"meta\"", "\"mets\""), Format::Json, "mets"),
        ("(".repeat(100_000), Format::Native, "嵌套层数过多"),
        ("[".repeat(100_000), Format::Json, "嵌套层数过多"),
        ("{\"a\":".repeat(10_000), Format::Json, "嵌套层数过多"),
    ];
    for (text, format, expected) in cases {
        let message = parse_err(&text, format);
        assert!(
            message.contains(expected),
            "{expected:?} not in {message:?}"
        );
        assert!(!message.contains('\n'), "one line: {message}");
    }
    let bytes = [0x28u8, 0xff, 0xfe, 0x00, 0x80];
    assert!(matches!(
        file::parse(&bytes, Format::Native),
        Err(LoadError::NotUtf8)
    ));
}
