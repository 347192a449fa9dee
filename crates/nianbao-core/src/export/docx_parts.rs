//! The parts of the Word package besides the body: content types, relationships, styles
//! (GB/T 9704 faces and sizes with the font names clerks' machines have), the font table
//! (each font's fallback as `w:altName`), settings (odd and even footers) and the two footers
//! with 「— N —」 as a PAGE field; the custom properties (`docProps/custom.xml`) that state
//! every particular as `nianbao:<key>`, so nianbao reads them back exactly.

use super::docx::{W_NS, twips};
use super::escape::push_escaped;
use crate::import::stated;
use crate::layout::{BODY_PT, CHAR_MM, PAGE_NUMBER_PT, PT_MM, TABLE_PT, TITLE_PT};

const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// The faces: (role's font, its fallback on machines without it).
pub const BODY_FONT: (&str, &str) = ("仿宋_GB2312", "仿宋");
pub const HEI_FONT: (&str, &str) = ("黑体", "SimHei");
pub const KAI_FONT: (&str, &str) = ("楷体_GB2312", "楷体");
pub const TITLE_FONT: (&str, &str) = ("方正小标宋简体", "宋体");
pub const NUMBER_FONT: (&str, &str) = ("宋体", "SimSun");
const LATIN: &str = "Times New Roman";

/// (part name, content type); the body and these are the whole package.
pub const PARTS: [(&str, &str); 6] = [
    ("word/document.xml", "document.main"),
    ("word/styles.xml", "styles"),
    ("word/settings.xml", "settings"),
    ("word/fontTable.xml", "fontTable"),
    ("word/footer1.xml", "footer"),
    ("word/footer2.xml", "footer"),
];

/// The custom properties part, named by the package relationship.
pub const CUSTOM: &str = "docProps/custom.xml";

pub fn content_types() -> String {
    let overrides: String = PARTS
        .iter()
        .map(|(name, kind)| {
            format!(
                r#"<Override PartName="/{name}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"/>"#
            )
        })
        .collect();
    format!(
        r#"{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{overrides}<Override PartName="/{CUSTOM}" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>"#
    )
}

pub fn package_rels() -> String {
    format!(
        r#"{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{R_NS}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="{R_NS}/custom-properties" Target="{CUSTOM}"/></Relationships>"#
    )
}

/// Every particular as a text property `nianbao:<key>` (the year first), values escaped;
/// tabs and line breaks as character references, other control codes left out.
pub fn custom_properties(meta: &crate::model::Meta) -> String {
    let mut properties = String::new();
    for (pid, (key, value)) in (2..).zip(stated::entries(meta)) {
        let mut text = String::new();
        for c in value.chars() {
            match c {
                '\t' => text.push_str("&#9;"),
                '\n' => text.push_str("&#10;"),
                c => push_escaped(&mut text, c),
            }
        }
        properties.push_str(&format!(
            r#"<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" name="{}{key}"><vt:lpwstr>{text}</vt:lpwstr></property>"#,
            stated::PREFIX
        ));
    }
    format!(
        r#"{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{properties}</Properties>"#
    )
}

/// The body's relationships: `rId1`…`rId3` for styles, settings, fonts; `rIdOdd`/`rIdEven`
/// for the footers.
pub fn document_rels() -> String {
    let rel = |id: &str, kind: &str, target: &str| {
        format!(r#"<Relationship Id="{id}" Type="{R_NS}/{kind}" Target="{target}"/>"#)
    };
    format!(
        r#"{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}{}{}{}{}</Relationships>"#,
        rel("rId1", "styles", "styles.xml"),
        rel("rId2", "settings", "settings.xml"),
        rel("rId3", "fontTable", "fontTable.xml"),
        rel("rIdOdd", "footer", "footer1.xml"),
        rel("rIdEven", "footer", "footer2.xml"),
    )
}

/// Run properties: the face (Latin in Times New Roman), `between` (properties the schema
/// orders after the fonts and before the size) and the size in points.
fn fonts(face: (&str, &str), between: &str, size_pt: f32) -> String {
    let half = (size_pt * 2.0).round() as u32;
    format!(
        r#"<w:rFonts w:ascii="{LATIN}" w:hAnsi="{LATIN}" w:eastAsia="{}" w:cs="{LATIN}"/>{between}<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>"#,
        face.0
    )
}

fn style(id: &str, name: &str, ppr: &str, rpr: &str) -> String {
    format!(
        r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"#
    )
}

/// 3号 characters squeezed to 28 a line, as the PDF does: the spacing after each, in whole
/// twentieths of a point (rounded down so that 28 always fit).
fn tracking() -> String {
    let twentieths = ((CHAR_MM / PT_MM - BODY_PT) * 20.0).floor() as i64;
    format!(r#"<w:spacing w:val="{twentieths}"/>"#)
}

pub fn styles() -> String {
    let no_indent = r#"<w:ind w:firstLine="0" w:firstLineChars="0"/>"#;
    let heading = |level: u8| {
        format!(
            r#"<w:keepNext/><w:keepLines/><w:spacing w:before="0" w:after="0"/><w:outlineLvl w:val="{level}"/>"#
        )
    };
    let not_bold = r#"<w:b w:val="0"/><w:bCs w:val="0"/>"#;
    let body = fonts(BODY_FONT, "", BODY_PT);
    let normal = fonts(BODY_FONT, &tracking(), BODY_PT);
    format!(
        r#"{DECL}<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>{body}<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl/><w:ind w:firstLineChars="200" w:firstLine="{indent}"/><w:jc w:val="both"/></w:pPr><w:rPr>{normal}</w:rPr></w:style>{title}{h1}{h2}{table}{footer}<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="68" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="68" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#,
        indent = twips(2.0 * CHAR_MM),
        h1 = style(
            "Heading1",
            "heading 1",
            &heading(0),
            &fonts(HEI_FONT, &format!("{not_bold}{}", tracking()), BODY_PT)
        ),
        h2 = style(
            "Heading2",
            "heading 2",
            &heading(1),
            &fonts(KAI_FONT, &format!("{not_bold}{}", tracking()), BODY_PT)
        ),
        title = style(
            "Title",
            "Title",
            &format!(
                r#"<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="{}" w:line="{}" w:lineRule="exact"/>{no_indent}<w:jc w:val="center"/><w:outlineLvl w:val="0"/>"#,
                twips(crate::layout::LINE_MM),
                twips(TITLE_PT * PT_MM * 1.6)
            ),
            &fonts(
                TITLE_FONT,
                &format!(r#"{not_bold}<w:spacing w:val="0"/>"#),
                TITLE_PT
            )
        ),
        table = style(
            "TableText",
            "表格文字",
            &format!(
                r#"<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>{no_indent}<w:jc w:val="center"/>"#
            ),
            &fonts(
                BODY_FONT,
                r#"<w:snapToGrid w:val="0"/><w:spacing w:val="0"/>"#,
                TABLE_PT
            )
        ),
        footer = style(
            "Footer",
            "footer",
            &format!(r#"<w:snapToGrid w:val="0"/>{no_indent}"#),
            &fonts(NUMBER_FONT, r#"<w:spacing w:val="0"/>"#, PAGE_NUMBER_PT)
        ),
    )
}

pub fn font_table() -> String {
    let font = |(name, alt): (&str, &str), family: &str| {
        format!(
            r#"<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>"#
        )
    };
    format!(
        r#"{DECL}<w:fonts xmlns:w="{W_NS}">{}{}{}{}{}<w:font w:name="{LATIN}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>"#,
        font(BODY_FONT, "modern"),
        font(HEI_FONT, "modern"),
        font(KAI_FONT, "modern"),
        font(TITLE_FONT, "roman"),
        font(NUMBER_FONT, "roman"),
    )
}

/// Odd and even pages have footers of their own; punctuation compressed as Word's Chinese
/// templates do.
pub fn settings() -> String {
    format!(
        r#"{DECL}<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#
    )
}

/// 「— N —」 with N a PAGE field: odd pages at the right, even at the left, one character in.
pub fn footer(odd: bool) -> String {
    let inset = twips(CHAR_MM);
    let (side, jc) = if odd {
        ("right", "right")
    } else {
        ("left", "left")
    };
    let text = |t: &str| format!(r#"<w:r><w:t xml:space="preserve">{t}</w:t></w:r>"#);
    let field = |kind: &str| format!(r#"<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>"#);
    format!(
        r#"{DECL}<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="Footer"/><w:ind w:{side}="{inset}"/><w:jc w:val="{jc}"/></w:pPr>{}{}<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>{}{}{}{}</w:p></w:ftr>"#,
        text("— "),
        field("begin"),
        field("separate"),
        text("1"),
        field("end"),
        text(" —"),
    )
}
