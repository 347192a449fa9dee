//! Test-only writers of a report as it is published: a web page and a Word document whose
//! tables have the official merged cells (rowspan/colspan, vMerge/gridSpan), built from the
//! template data. Importing them back must give the same report.

use std::io::Write;

use nianbao::model::Report;
use nianbao::template::SectionContent;

/// One cell of a laid-out table: text, column span, row span.
pub type Origin = (String, usize, usize);
/// A laid-out table: rows of origin cells by column (`None` where covered).
pub type Rows = Vec<Vec<Option<Origin>>>;

/// How table 二's sub-tables are published: each a table of its own, or one table as wide as
/// the widest, narrower rows either spanning their last cell or padded with empty cells
/// (the official Word templates do both).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T2 {
    Separate,
    Span,
    Pad,
}

/// The report's tables in a layout: (template table, source tables).
pub fn laid_out(report: &Report, t2: T2) -> Vec<(usize, Rows)> {
    let separate = tables(report);
    if t2 == T2::Separate {
        return separate;
    }
    let width = separate
        .iter()
        .filter(|(ti, _)| *ti == 0)
        .map(|(_, rows)| rows[0].len())
        .max()
        .unwrap_or(0);
    let mut joined: Rows = Vec::new();
    for (_, rows) in separate.iter().filter(|(ti, _)| *ti == 0) {
        for row in rows {
            let mut out = row.clone();
            let missing = width - row.len();
            if let Some((text, cols, rows)) = out.iter_mut().flatten().last().cloned() {
                if cols == row.len() {
                    // The caption spans the table.
                    out[0] = Some((text, width, rows));
                } else if t2 == T2::Span {
                    let last = out.iter().rposition(Option::is_some).unwrap();
                    out[last] = Some((text, cols + missing, rows));
                }
            }
            out.resize(width, None);
            if t2 == T2::Pad && out[0].as_ref().is_none_or(|c| c.1 < width) {
                for slot in &mut out[row.len()..] {
                    *slot = Some((String::new(), 1, 1));
                }
            }
            joined.push(out);
        }
    }
    let mut out = vec![(0, joined)];
    out.extend(separate.into_iter().filter(|(ti, _)| *ti != 0));
    out
}

/// Every table of the report as rows of origin cells by column (`None` where covered).
fn tables(report: &Report) -> Vec<(usize, Rows)> {
    let t = report.template;
    let mut out = Vec::new();
    for (ti, table) in t.def.tables.iter().enumerate() {
        for grid in &table.grids {
            let width = grid.label_columns + grid.columns.len();
            let mut rows: Vec<Vec<Option<Origin>>> = Vec::new();
            if let Some(caption) = &grid.caption {
                let mut row = vec![None; width];
                row[0] = Some((caption.clone(), width, 1));
                rows.push(row);
            }
            let base = rows.len();
            rows.extend((0..grid.header.len() + grid.rows.len()).map(|_| vec![None; width]));
            for (r, c, cell) in grid.header_cells() {
                rows[base + r][c] = Some((cell.text.clone(), cell.cols, cell.rows));
            }
            let body = base + grid.header.len();
            for label in grid.label_cells() {
                rows[body + label.row][label.level] =
                    Some((label.text, label.col_span, label.row_span));
            }
            for (r, row) in grid.rows.iter().enumerate() {
                for (c, col) in grid.columns.iter().enumerate() {
                    let id = nianbao::template::cell_id(&table.id, &row.id, &col.id);
                    let text = report.text_by_id(&id).unwrap();
                    rows[body + r][grid.label_columns + c] = Some((text, 1, 1));
                }
            }
            out.push((ti, rows));
        }
    }
    out
}

pub fn paragraphs(report: &Report) -> Vec<(Option<usize>, String)> {
    let t = report.template;
    let mut out = vec![(None, report.title())];
    out.extend(
        report
            .narrative(t.preamble())
            .lines()
            .map(|l| (None, l.to_string())),
    );
    for (i, section) in t.def.sections.iter().enumerate() {
        out.push((None, section.heading.clone()));
        match &section.content {
            SectionContent::Narrative(_) => out.extend(
                report
                    .narrative(t.section_narrative(i).unwrap())
                    .lines()
                    .map(|l| (None, l.to_string())),
            ),
            SectionContent::Table(id) => {
                let (ti, _) = t.table(id).unwrap();
                out.push((Some(ti), String::new()));
            }
        }
    }
    out.push((None, report.meta.closing_organ.clone()));
    out.push((None, report.meta.closing_date.clone()));
    out
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A government web page: chrome around the report, GBK-declared or UTF-8.
pub fn html(report: &Report) -> String {
    html_of(report, &tables(report))
}

/// A web page of the report with its tables laid out as given.
pub fn html_of(report: &Report, tables: &[(usize, Rows)]) -> String {
    let mut body = String::from("<div class=nav>首页 &gt; 政务公开</div><p>索引号：001</p>");
    for (table, text) in paragraphs(report) {
        match table {
            None => body.push_str(&format!("<p>{}</p>\n", esc(&text))),
            Some(ti) => {
                for (_, rows) in tables.iter().filter(|(t, _)| *t == ti) {
                    body.push_str("<table border=1>");
                    for row in rows {
                        body.push_str("<tr>");
                        for (text, cols, rows) in row.iter().flatten() {
                            body.push_str(&format!(
                                "<td colspan=\"{cols}\" rowspan=\"{rows}\">{}</td>",
                                esc(text)
                            ));
                        }
                        body.push_str("</tr>\n");
                    }
                    body.push_str("</table>\n");
                }
            }
        }
    }
    body.push_str("<p>附件下载</p><p>扫一扫在手机上查看当前页面</p>");
    format!(
        "<html><head><meta charset=\"utf-8\"><title>年报</title></head><body>{body}</body></html>"
    )
}

/// The parts besides the body that make a package Word and LibreOffice open.
const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
/// A4 with the official margins (twips).
const SECTION: &str = r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>"#;

/// A table's properties and grid: full text width, single borders, equal columns.
fn table_start(columns: usize) -> String {
    let border =
        |side: &str| format!(r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#);
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|side| border(side))
        .collect();
    let col = format!(r#"<w:gridCol w:w="{}"/>"#, 8844 / columns);
    format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="8844" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr><w:tblGrid>{}</w:tblGrid>"#,
        col.repeat(columns)
    )
}

/// A Word document: paragraphs, and tables with gridSpan and vMerge.
pub fn docx(report: &Report) -> Vec<u8> {
    package(&docx_document(report))
}

pub fn package(xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(CONTENT_TYPES.as_bytes()).unwrap();
    zip.start_file("_rels/.rels", options).unwrap();
    zip.write_all(RELS.as_bytes()).unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// The package's main part, `word/document.xml`.
pub fn docx_document(report: &Report) -> String {
    docx_document_of(report, &tables(report), 0)
}

/// A Word document of the report with its tables laid out as given, as a package.
pub fn docx_of(report: &Report, tables: &[(usize, Rows)], wrong_grid: usize) -> Vec<u8> {
    package(&docx_document_of(report, tables, wrong_grid))
}

/// `wrong_grid` adds that many columns to each `w:tblGrid` (LibreOffice and WPS write grids
/// that disagree with the spans).
pub fn docx_document_of(report: &Report, tables: &[(usize, Rows)], wrong_grid: usize) -> String {
    let p = |t: &str| {
        format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            esc(t)
        )
    };
    let mut body = String::new();
    for (table, text) in paragraphs(report) {
        let Some(ti) = table else {
            body.push_str(&p(&text));
            continue;
        };
        for (_, rows) in tables.iter().filter(|(t, _)| *t == ti) {
            body.push_str(&table_start(rows[0].len() + wrong_grid));
            // Vertical merges continue below their origin: remember which column is covered.
            let mut below: Vec<Option<(usize, usize)>> = vec![None; rows[0].len()];
            for row in rows {
                body.push_str("<w:tr>");
                let mut c = 0;
                while c < row.len() {
                    if let Some(origin) = &row[c] {
                        let (text, cols, rows) = origin;
                        let merge = if *rows > 1 {
                            r#"<w:vMerge w:val="restart"/>"#
                        } else {
                            ""
                        };
                        body.push_str(&format!(
                            "<w:tc><w:tcPr><w:gridSpan w:val=\"{cols}\"/>{merge}</w:tcPr>{}</w:tc>",
                            p(text)
                        ));
                        if *rows > 1 {
                            below[c] = Some((*cols, rows - 1));
                        }
                        c += cols;
                    } else if let Some((cols, left)) = below[c] {
                        body.push_str(&format!(
                            "<w:tc><w:tcPr><w:gridSpan w:val=\"{cols}\"/><w:vMerge/></w:tcPr><w:p/></w:tc>"
                        ));
                        below[c] = (left > 1).then_some((cols, left - 1));
                        c += cols;
                    } else {
                        c += 1;
                    }
                }
                body.push_str("</w:tr>");
            }
            body.push_str("</w:tbl>");
        }
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}{SECTION}</w:body></w:document>"#
    )
}

/// The seed reports (`../shared/seeds/*.txt`, beside the clone), sorted; `None` with a note
/// where that folder is absent.
pub fn seed_paths() -> Option<Vec<std::path::PathBuf>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        shared_missing(&dir);
        return None;
    };
    let mut paths: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    Some(paths)
}

/// A fixture of `../shared` that is not beside this clone: said, and the test skips — except
/// under `CI=true`, where the shared data must be there and its absence fails the test.
pub fn shared_missing(path: &std::path::Path) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{} must be beside the clone on CI", path.display());
    }
    eprintln!("skipped: {} is not beside this clone", path.display());
}
