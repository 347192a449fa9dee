//! PDFs that cannot be read without guessing are refused in Chinese (a scan, an OCR layer
//! only, a file that needs a password, fonts without a text map, not a PDF, damaged), and
//! hostile ones (deep nesting, a decompression bomb, cyclic references, a form drawing itself)
//! end quickly with an error or a bounded result. The command line exits 2 and writes nothing.

mod common;

use std::process::Command;

use lopdf::{Dictionary, Document, Object, Stream, dictionary};
use nianbao::import::{Source, import};

/// A one-page PDF with `content` and a Type0 font `F1` under `encoding`, with a ToUnicode map
/// when `to_unicode`; `extra` adds resources (an image).
fn pdf(content: &[u8], encoding: &str, to_unicode: bool, extra: Option<(&str, Object)>) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let descendant = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "SimSun",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
        "DW" => 1000,
    });
    let mut font = dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "SimSun",
        "Encoding" => encoding, "DescendantFonts" => vec![descendant.into()],
    };
    if to_unicode {
        let cmap = b"begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
                     1 beginbfrange <0001> <00FF> <4E00> endbfrange endcmap";
        font.set(
            "ToUnicode",
            doc.add_object(Stream::new(Dictionary::new(), cmap.to_vec())),
        );
    }
    let font = doc.add_object(font);
    let mut resources = dictionary! { "Font" => dictionary! { "F1" => font } };
    if let Some((name, object)) = extra {
        let id = doc.add_object(object);
        resources.set("XObject", dictionary! { name => id });
    }
    common::pdfmake::one_page(doc, content, resources)
}

fn image() -> Object {
    Object::Stream(Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1,
        "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8 },
        vec![0x80],
    ))
}

fn refusal(bytes: &[u8]) -> String {
    match import(bytes, Source::Pdf) {
        Ok(_) => panic!("read a PDF that should be refused"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn scans_ocr_layers_and_unmapped_fonts_are_refused_in_chinese() {
    let scan = pdf(
        b"q 595 0 0 842 0 0 cm /Im1 Do Q",
        "Identity-H",
        true,
        Some(("Im1", image())),
    );
    assert!(refusal(&scan).contains("扫描图片"), "{}", refusal(&scan));
    // An OCR layer drawn invisibly over the scan is not read: OCR misreads digits.
    let ocr = pdf(
        b"q 595 0 0 842 0 0 cm /Im1 Do Q BT 3 Tr /F1 12 Tf 72 700 Td <00010002> Tj ET",
        "Identity-H",
        true,
        Some(("Im1", image())),
    );
    assert!(refusal(&ocr).contains("扫描图片"));
    // Glyph ids with nothing saying which characters they are.
    let unmapped = pdf(
        b"BT /F1 12 Tf 72 700 Td <00010002> Tj ET",
        "Identity-H",
        false,
        None,
    );
    assert!(
        refusal(&unmapped).contains("没有文字映射"),
        "{}",
        refusal(&unmapped)
    );
    assert!(refusal(b"<html>not a pdf</html>").contains("不是有效的 PDF"));
    let good = pdf(
        b"BT /F1 12 Tf 72 700 Td <00010002> Tj ET",
        "Identity-H",
        true,
        None,
    );
    assert!(refusal(&good[..good.len() / 3]).contains("PDF"));
    // Mapped text that is no report is said to be none.
    assert!(refusal(&good).contains("没有找到政府信息公开工作年度报告"));
}

#[test]
fn a_file_that_needs_a_password_is_refused() {
    let mut bytes = pdf(
        b"BT /F1 12 Tf 72 700 Td <0001> Tj ET",
        "Identity-H",
        true,
        None,
    );
    // A standard security handler whose user password is not empty: the O and U entries
    // belong to no empty password.
    let mut doc = Document::load_mem(&bytes).unwrap();
    let encrypt = doc.add_object(dictionary! {
        "Filter" => "Standard", "V" => 2, "R" => 3, "Length" => 128, "P" => -3904,
        "O" => Object::String(vec![7; 32], lopdf::StringFormat::Hexadecimal),
        "U" => Object::String(vec![9; 32], lopdf::StringFormat::Hexadecimal),
    });
    doc.trailer.set("Encrypt", encrypt);
    doc.trailer.set(
        "ID",
        vec![
            Object::string_literal("0123456789abcdef"),
            Object::string_literal("0123456789abcdef"),
        ],
    );
    bytes.clear();
    doc.save_to(&mut bytes).unwrap();
    let message = refusal(&bytes);
    assert!(message.contains("已加密"), "{message}");
}

#[test]
fn hostile_pdfs_end_quickly() {
    let started = std::time::Instant::now();
    // Arrays nested 200 000 deep inside the page's content and in an object.
    let deep = "[".repeat(200_000);
    let content = format!("BT /F1 12 Tf {deep} TJ ET");
    assert!(
        import(
            &pdf(content.as_bytes(), "Identity-H", true, None),
            Source::Pdf
        )
        .is_err()
    );
    let mut raw = pdf(b"", "Identity-H", true, None);
    let at = raw.windows(6).position(|w| w == b"endobj").unwrap();
    raw.splice(at..at, format!(" {deep} ").into_bytes());
    assert!(import(&raw, Source::Pdf).is_err());
    // 48 MB of content compressed to well under a megabyte: refused before it is inflated whole.
    let mut bomb = Stream::new(Dictionary::new(), vec![b' '; 48 * 1024 * 1024]);
    bomb.compress().unwrap();
    let mut doc = Document::load_mem(&pdf(b"", "Identity-H", true, None)).unwrap();
    let page = *doc.get_pages().values().next().unwrap();
    let content = doc.add_object(bomb);
    doc.get_dictionary_mut(page)
        .unwrap()
        .set("Contents", content);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    assert!(bytes.len() < 2 * 1024 * 1024);
    assert!(refusal(&bytes).contains("过大"), "{}", refusal(&bytes));
    // A form XObject that draws itself a thousand times: the budget ends it.
    let mut doc = Document::load_mem(&pdf(b"/Fm1 Do", "Identity-H", true, None)).unwrap();
    let form = doc.new_object_id();
    let draw = "/Fm1 Do ".repeat(1000);
    doc.objects.insert(
        form,
        Object::Stream(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form",
            "Resources" => dictionary! { "XObject" => dictionary! { "Fm1" => form } } },
            draw.into_bytes(),
        )),
    );
    let page = *doc.get_pages().values().next().unwrap();
    let resources = dictionary! { "XObject" => dictionary! { "Fm1" => form } };
    doc.get_dictionary_mut(page)
        .unwrap()
        .set("Resources", resources);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    assert!(refusal(&bytes).contains("过大"), "{}", refusal(&bytes));
    // A page tree whose Kids point back at itself, and a Contents reference chain in a loop.
    let mut doc = Document::load_mem(&pdf(b"", "Identity-H", true, None)).unwrap();
    let pages = doc
        .catalog()
        .unwrap()
        .get(b"Pages")
        .unwrap()
        .as_reference()
        .unwrap();
    let page = *doc.get_pages().values().next().unwrap();
    doc.get_dictionary_mut(pages)
        .unwrap()
        .set("Kids", vec![page.into(), pages.into()]);
    let (a, b) = (doc.new_object_id(), doc.new_object_id());
    doc.objects.insert(a, Object::Reference(b));
    doc.objects.insert(b, Object::Reference(a));
    doc.get_dictionary_mut(page).unwrap().set("Contents", a);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    assert!(import(&bytes, Source::Pdf).is_err());
    // Debug builds included, all of the above stays well within a few seconds.
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
}

#[test]
fn the_command_line_refuses_a_scan_with_exit_2_and_writes_nothing() {
    let dir = std::env::temp_dir().join(format!("nianbao-pdf-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let scan = dir.join("扫描件.pdf");
    std::fs::write(
        &scan,
        pdf(
            b"q 595 0 0 842 0 0 cm /Im1 Do Q",
            "Identity-H",
            true,
            Some(("Im1", image())),
        ),
    )
    .unwrap();
    let out = dir.join("out.nianbao");
    for args in [
        vec!["check", scan.to_str().unwrap()],
        vec![
            "convert",
            scan.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
    ] {
        let run = Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.contains("该PDF是扫描图片"), "{stderr}");
        assert!(!out.exists());
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn nianbaos_own_pdf_opens_as_a_file_with_every_cell() {
    let dir = std::env::temp_dir().join(format!("nianbao-pdf-open-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let report = common::example("2025-qingshi.nianbao");
    let path = dir.join("年报.pdf");
    let date = nianbao::pdf::PdfDate {
        year: 2026,
        month: 1,
        day: 20,
    };
    std::fs::write(&path, nianbao::pdf::export(&report, date).unwrap()).unwrap();
    let opened = nianbao::file::open(&path).unwrap();
    assert!(nianbao::file::is_import(&path));
    for i in report.template.cell_ixs() {
        assert_eq!(opened.report.text(i), report.text(i));
    }
    let notes = opened.import.unwrap().notes;
    assert!(notes.iter().any(|n| n.contains("页码")), "{notes:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A report whose every cell holds a distinct figure, so a misplaced one cannot hide.
fn distinct(name: &str) -> nianbao::model::Report {
    distinct_from(name, 10_000)
}

fn distinct_from(name: &str, base: usize) -> nianbao::model::Report {
    let mut report = common::example(name);
    report.auto_totals = false;
    for i in report.template.cell_ixs() {
        let figure = base + i.get() * 37;
        let text = match report.template.cell(i).kind {
            nianbao::model::CellKind::Amount => format!("{figure}.5"),
            _ => figure.to_string(),
        };
        report.set_text(i, &text);
    }
    report
}

/// LibreOffice's PDF of a Word file with merged-cell tables (nianbao's own export, and the
/// test writer's Word file with value cells spanning columns): every cell right, or marked.
#[test]
fn libreoffices_pdf_of_a_word_file_imports_every_cell_right_or_marked() {
    use common::published::{T2, docx_of, laid_out};
    for name in ["2025-qingshi.nianbao", "2020-qingshi-gb2019.nianbao"] {
        let report = distinct(name);
        let dir = common::temp_dir("pdf-soffice");
        let words = [
            ("own.docx", nianbao::export::docx::write(&report).unwrap()),
            (
                "made.docx",
                docx_of(&report, &laid_out(&report, T2::Span), 0),
            ),
        ];
        for (file, bytes) in words {
            let word = dir.join(file);
            std::fs::write(&word, bytes).unwrap();
            let Some(pdf) = common::soffice_pdf(&word) else {
                return;
            };
            let pdf = std::fs::read(pdf).unwrap();
            let (back, notes) = import(&pdf, Source::Pdf).unwrap_or_else(|e| panic!("{file}: {e}"));
            let mut wrong = Vec::new();
            for i in report.template.cell_ixs() {
                if back.text(i) != report.text(i) && back.review.mark_of(i).is_none() {
                    wrong.push(format!(
                        "{}: {:?} read as {:?}",
                        report.template.cell(i).id,
                        report.text(i),
                        back.text(i)
                    ));
                }
            }
            assert!(
                wrong.is_empty(),
                "{name} {file}: {wrong:#?}\n{:#?}",
                notes.lines(&back)
            );
            let right = report
                .template
                .cell_ixs()
                .filter(|&i| back.text(i) == report.text(i))
                .count();
            eprintln!(
                "{name} {file}: {right} of {} cells right",
                report.template.cells.len()
            );
            if right < report.template.cells.len() {
                eprintln!("{:#?}", notes.lines(&back));
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

/// 8-digit figures in every cell: nianbao's PDF widens its number columns, breaks table 三
/// between groups and turns table 四 onto a landscape page; every figure reads back whole
/// and in its cell.
#[test]
fn large_figures_read_back_from_wide_tables_and_a_turned_page() {
    for name in ["2025-qingshi.nianbao", "2020-qingshi-gb2019.nianbao"] {
        let report = distinct_from(name, 10_000_000);
        let date = nianbao::pdf::PdfDate {
            year: 2026,
            month: 1,
            day: 20,
        };
        let pdf = nianbao::pdf::export(&report, date).unwrap();
        let (back, notes) = import(&pdf, Source::Pdf).unwrap();
        let differing: Vec<String> = report
            .template
            .cell_ixs()
            .filter(|&i| back.text(i) != report.text(i))
            .map(|i| {
                format!(
                    "{} {:?} read as {:?}",
                    report.template.cell(i).id,
                    report.text(i),
                    back.text(i)
                )
            })
            .collect();
        assert!(
            differing.is_empty(),
            "{name}: {differing:#?}\n{:#?}",
            notes.lines(&back)
        );
    }
}

/// Text outside the clipping area is not on the page (LibreOffice lets a tall header cell's
/// text run on under the next row's clip), and radicals are read as the ideographs Chromium
/// meant (「⼈⺠」 → 「人民」).
#[test]
fn clipped_text_is_left_out_and_radicals_are_read_as_ideographs() {
    // Codes 0x01.. map to U+4E00.. (一 丁 …); ⼈ is U+2F08, ⺠ U+2EA0.
    let content = b"q 0 0 300 800 re W n BT /F1 12 Tf 72 700 Td <0001> Tj ET \
        BT /F1 12 Tf 400 700 Td <0002> Tj ET Q";
    let (doc, _) = nianbao::import::pdf::read(&pdf(content, "Identity-H", true, None)).unwrap();
    let text: Vec<String> = doc
        .blocks
        .iter()
        .map(|b| match b {
            nianbao::import::Block::Paragraph(p) => p.clone(),
            nianbao::import::Block::Table(_) => String::new(),
        })
        .collect();
    assert_eq!(text, ["一"]);
    let mut doc = Document::with_version("1.5");
    let cid = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "STSong-Light",
    });
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "STSong-Light",
        "Encoding" => "UniGB-UCS2-H", "DescendantFonts" => vec![cid.into()],
    });
    let bytes = common::pdfmake::one_page(
        doc,
        b"BT /F1 12 Tf 72 700 Td <2F082EA0653F5E9C> Tj ET",
        dictionary! { "Font" => dictionary! { "F1" => font } },
    );
    let (doc, notes) = nianbao::import::pdf::read(&bytes).unwrap();
    assert_eq!(
        doc.blocks,
        [nianbao::import::Block::Paragraph("人民政府".into())]
    );
    assert!(notes.iter().any(|n| n.contains("部首")), "{notes:?}");
}
