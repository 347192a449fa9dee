//! The publication PDF: the laid-out pages written with printpdf. Fonts are embedded as
//! subsets with ToUnicode maps (so text is searchable and copies as written); title, author
//! (the organ) and dates are set, with the language, outline and viewer preferences of
//! `structure`; the same report and date give the same bytes.

mod structure;

use printpdf::font::PdfFont;
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rgb, TextItem, TextMatrix,
};

use nianbao_core::file::escape::publishable;
use nianbao_core::layout::{self, Face, FontSet, PAGE_H_MM, PAGE_W_MM, Page, Publication, Warning};
use nianbao_core::model::Report;

/// The date the PDF carries as its creation date (the export date, or a fixed one for
/// reproducible output): the core's one calendar.
pub use nianbao_core::model::CivilDate as PdfDate;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("字体无法读取：{0}")]
    Font(String),
    #[error("PDF 结构无法写出：{0}")]
    Structure(String),
    #[error("PDF 无法写出：{0}")]
    Write(#[from] std::io::Error),
    #[error(
        "报告排版后共{0}页，超过{max}页，没有导出PDF（这样长的PDF无法再导入）；请删去多余的文字",
        max = nianbao_core::import::pdf::MAX_PAGES
    )]
    TooLong(usize),
}

/// Lays out and writes the report in the bundled fonts.
pub fn export(report: &Report, date: PdfDate) -> Result<Vec<u8>, PdfError> {
    write(report, &layout::publication(report), date)
}

/// Lays out and writes the report in `fonts` (installed fonts per role, or the bundled ones),
/// with what the layout could not set as written (characters no font has, a 落款 without its
/// date) for the one exporting it.
pub fn export_warned(
    report: &Report,
    fonts: FontSet,
    date: PdfDate,
) -> Result<(Vec<u8>, Vec<Warning>), PdfError> {
    let laid = layout::publication_with(report, fonts);
    Ok((write(report, &laid, date)?, laid.warnings))
}

/// Writes laid-out pages, with the outline of their headings. A font that fails inside the
/// subsetter (a damaged file the discovery's trial did not catch) is an error, never a panic.
pub fn write(report: &Report, laid: &Publication, date: PdfDate) -> Result<Vec<u8>, PdfError> {
    contained(|| write_pages(report, laid, date)).unwrap_or_else(|()| {
        Err(PdfError::Font(
            "写出字体时出错，字体文件可能已损坏；请关闭“导出PDF使用本机字体”后重试".into(),
        ))
    })
}

/// Whether a font's outlines can be embedded: every glyph subset as the writer subsets the
/// ones a report uses, so a damaged outline anywhere is found at discovery. For
/// [`nianbao_core::layout::installed::Embeddable`].
pub fn embeddable(bytes: &[u8], index: u32, glyphs: u16) -> Result<(), String> {
    contained(|| {
        let parsed = ParsedFont::from_bytes(bytes, index as usize, &mut Vec::new())
            .ok_or_else(|| "字体表无法解析".to_string())?;
        let all: std::collections::BTreeMap<u16, String> =
            (0..glyphs).map(|g| (g, String::new())).collect();
        printpdf::font::subset_font(&parsed, &all)
            .map(|_| ())
            .map_err(|_| "字形数据无法取子集".to_string())
    })
    .unwrap_or_else(|()| Err("字形数据读取越界".to_string()))
}

/// Runs `f`; a panic inside the font libraries (allsorts indexes past a damaged table's end)
/// becomes `Err`, and prints nothing, since it is reported as an error. Only this thread's
/// panics are kept quiet, and only while `f` runs: the process's hook is wrapped once, and
/// the wrapper asks a flag of the panicking thread.
fn contained<T>(f: impl FnOnce() -> T) -> Result<T, ()> {
    thread_local! {
        static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    static WRAPPED: std::sync::Once = std::sync::Once::new();
    WRAPPED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result.map_err(|_| ())
}

fn write_pages(report: &Report, laid: &Publication, date: PdfDate) -> Result<Vec<u8>, PdfError> {
    let pages = &laid.pages;
    if pages.len() > nianbao_core::import::pdf::MAX_PAGES {
        return Err(PdfError::TooLong(pages.len()));
    }
    // The Info dictionary carries text raw: what a published document leaves out goes here too.
    let title = publishable(&report.title());
    let mut doc = PdfDocument::new(&title);
    let when = printpdf::date::DateTime::new_in_offset(
        printpdf::date::Date {
            year: date.year,
            month: date.month,
            day: date.day,
        },
        printpdf::date::Time {
            hour: 0,
            minute: 0,
            second: 0,
            millisecond: 0,
        },
        printpdf::date::Offset {
            hours: 8,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    );
    let info = &mut doc.metadata.info;
    info.author = publishable(&report.meta.organ);
    info.creator = "nianbao".into();
    info.producer = format!("nianbao {}", env!("CARGO_PKG_VERSION"));
    info.subject = "政府信息公开工作年度报告".into();
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;

    // Only the faces the pages use, under fixed ids (printpdf's own are random).
    let mut used: Vec<Face> = pages
        .iter()
        .flat_map(|p| p.runs.iter().map(|r| r.face))
        .collect();
    used.sort();
    used.dedup();
    for face in &used {
        let (name, bytes, index) = laid
            .fonts
            .file(*face)
            .ok_or_else(|| PdfError::Font(format!("{face:?}")))?;
        let parsed = ParsedFont::from_bytes(bytes, index as usize, &mut Vec::new())
            .ok_or_else(|| PdfError::Font(name.to_owned()))?;
        doc.resources
            .fonts
            .map
            .insert(font_id(*face), PdfFont::new(parsed));
    }
    let pdf_pages: Vec<PdfPage> = pages.iter().map(page_ops).collect();
    doc.with_pages(pdf_pages);
    let options = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let mut pdf = doc.to_lopdf_document(&options, &mut Vec::new());
    let stated = nianbao_core::import::stated::entries(&report.meta);
    structure::finish(&mut pdf, &title, &laid.headings, date, &stated)?;
    if options.optimize {
        pdf.compress();
    }
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)?;
    Ok(bytes)
}

/// Six capital letters: the subset tag readers expect before an embedded subset's name.
fn font_id(face: Face) -> FontId {
    FontId(format!("NBFNT{}", char::from(b'A' + face.0 as u8)))
}

fn pt(mm: f32) -> Pt {
    Mm(mm).into()
}

/// PDF space has its origin at the bottom left.
fn point(x_mm: f32, y_mm: f32) -> Point {
    Point {
        x: pt(x_mm),
        y: pt(PAGE_H_MM - y_mm),
    }
}

fn page_ops(page: &Page) -> PdfPage {
    let mut ops = vec![
        Op::SetOutlineColor {
            col: Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)),
        },
        Op::SetFillColor {
            col: Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)),
        },
    ];
    let mut thickness = None;
    for rule in &page.rules {
        if thickness != Some(rule.width_pt) {
            ops.push(Op::SetOutlineThickness {
                pt: Pt(rule.width_pt),
            });
            thickness = Some(rule.width_pt);
        }
        let p = |x, y| LinePoint {
            p: point(x, y),
            bezier: false,
        };
        ops.push(Op::DrawLine {
            line: Line {
                points: vec![p(rule.x0, rule.y0), p(rule.x1, rule.y1)],
                is_closed: false,
            },
        });
    }
    for run in &page.runs {
        let at = point(run.x_mm, run.baseline_mm);
        // A landscape table's text runs up the page: the text space turned a quarter
        // counter-clockwise.
        let place = if run.rotated {
            Op::SetTextMatrix {
                matrix: TextMatrix::Raw([0.0, 1.0, -1.0, 0.0, at.x.0, at.y.0]),
            }
        } else {
            Op::SetTextCursor { pos: at }
        };
        ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(font_id(run.face)),
                size: Pt(run.size_pt),
            },
            Op::SetCharacterSpacing {
                multiplier: pt(run.tracking_mm).0,
            },
            place,
            Op::ShowText {
                items: vec![TextItem::Text(run.text.clone())],
            },
            Op::EndTextSection,
        ]);
    }
    PdfPage::new(Mm(PAGE_W_MM), Mm(PAGE_H_MM), ops)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_day_counts() {
        assert_eq!(
            PdfDate::from_days(0),
            PdfDate {
                year: 1970,
                month: 1,
                day: 1
            }
        );
        assert_eq!(
            PdfDate::from_days(20_479),
            PdfDate {
                year: 2026,
                month: 1,
                day: 26
            }
        );
    }

    #[test]
    fn no_pdf_longer_than_the_importer_reads_is_written() {
        let report = Report::new(2025, "示范县青石镇人民政府");
        let mut laid = layout::publication(&report);
        let blank = laid.pages[0].clone();
        laid.pages = vec![blank; nianbao_core::import::pdf::MAX_PAGES + 1];
        let date = PdfDate {
            year: 2026,
            month: 1,
            day: 20,
        };
        let refused = write(&report, &laid, date).unwrap_err();
        assert!(matches!(refused, PdfError::TooLong(n) if n == laid.pages.len()));
        assert!(refused.to_string().contains("无法再导入"), "{refused}");
    }
}
