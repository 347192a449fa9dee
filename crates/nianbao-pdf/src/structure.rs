//! What the file says about itself besides its pages, set on the document printpdf builds
//! before it is saved: an Info dictionary without empty or false entries (printpdf writes an
//! empty `/GTS_PDFXVersion`, which readers take for a PDF/X claim), `/Lang (zh-CN)`, the
//! title in the viewer's window, the report's particulars as `nianbao:<key>` entries (so the
//! importer reads them back whole, as from the web page and the Word file), the outline (bookmarks) from the layout's headings, and
//! document ids fixed by title and date. Everything is in a fixed order: same input, same
//! bytes.

use lopdf::{Dictionary, Document, Object, ObjectId};

use nianbao_core::file::escape::publishable;
use nianbao_core::layout::{Heading, PAGE_H_MM, PT_MM};

use super::{PdfDate, PdfError};

/// Info keys printpdf writes that say nothing true about this file.
const FALSE_INFO: &[&[u8]] = &[b"GTS_PDFXVersion", b"Identifier", b"Keywords"];

pub fn finish(
    pdf: &mut Document,
    title: &str,
    headings: &[Heading],
    date: PdfDate,
    stated: &[(&str, String)],
) -> Result<(), PdfError> {
    // `/Lang` and `/ViewerPreferences /DisplayDocTitle` are PDF 1.4.
    pdf.version = "1.4".into();
    clean_info(pdf, stated)?;
    let outline = outline(pdf, headings);
    let catalog = pdf.catalog_mut().map_err(structure)?;
    catalog.set("Lang", Object::string_literal("zh-CN"));
    catalog.set(
        "ViewerPreferences",
        Dictionary::from_iter([("DisplayDocTitle", Object::Boolean(true))]),
    );
    if let Some(outline) = outline {
        catalog.set("Outlines", Object::Reference(outline));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    let id = Object::string_literal(document_id(title, date));
    pdf.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    Ok(())
}

fn structure(e: lopdf::Error) -> PdfError {
    PdfError::Structure(e.to_string())
}

/// Drops printpdf's false keys and every empty text (an empty string, or a bare UTF-16 BOM);
/// adds the stated particulars that are not empty.
fn clean_info(pdf: &mut Document, stated: &[(&str, String)]) -> Result<(), PdfError> {
    let info = pdf
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .map_err(structure)?;
    let info = pdf.get_dictionary_mut(info).map_err(structure)?;
    let empty: Vec<Vec<u8>> = info
        .iter()
        .filter(|(key, value)| {
            FALSE_INFO.contains(&key.as_slice())
                || value
                    .as_str()
                    .is_ok_and(|s| s.is_empty() || s == b"\xFE\xFF")
        })
        .map(|(key, _)| key.clone())
        .collect();
    for key in empty {
        info.remove(&key);
    }
    for (key, value) in stated.iter().filter(|(_, v)| !v.is_empty()) {
        let name = format!("{}{key}", nianbao_core::import::stated::PREFIX);
        info.set(name.into_bytes(), lopdf::text_string(&publishable(value)));
    }
    Ok(())
}

/// An outline entry: the heading and where it points.
type Entry<'a> = (&'a Heading, Object);

/// The outline: each level-0 heading (the title) at the top, the level-1 headings (the
/// sections) under the one before them, open. `None` without headings.
fn outline(pdf: &mut Document, headings: &[Heading]) -> Option<ObjectId> {
    let pages = pdf.get_pages();
    let dest = |h: &Heading| {
        let page = pages.get(&(h.page as u32 + 1)).copied()?;
        let top = ((PAGE_H_MM - h.top_mm) / PT_MM * 100.0).round() / 100.0;
        Some(Object::Array(vec![
            Object::Reference(page),
            Object::Name(b"XYZ".to_vec()),
            Object::Null,
            Object::Real(top),
            Object::Null,
        ]))
    };
    // (heading, its destination, its children with theirs).
    let mut tree: Vec<(&Heading, Object, Vec<Entry>)> = Vec::new();
    for h in headings {
        let Some(d) = dest(h) else { continue };
        match tree.last_mut() {
            Some(top) if h.level > 0 => top.2.push((h, d)),
            _ => tree.push((h, d, Vec::new())),
        }
    }
    if tree.is_empty() {
        return None;
    }
    let root = pdf.new_object_id();
    let tops: Vec<Entry> = tree.iter().map(|(h, d, _)| (*h, d.clone())).collect();
    let top_ids = siblings(pdf, root, &tops);
    let mut count = tops.len();
    for ((_, _, children), &id) in tree.iter().zip(&top_ids) {
        if children.is_empty() {
            continue;
        }
        let ids = siblings(pdf, id, children);
        count += ids.len();
        if let Ok(item) = pdf.get_dictionary_mut(id) {
            set_children(item, &ids);
        }
    }
    let mut dict = Dictionary::from_iter([("Type", Object::Name(b"Outlines".to_vec()))]);
    set_children(&mut dict, &top_ids);
    dict.set("Count", Object::Integer(count as i64));
    pdf.objects.insert(root, Object::Dictionary(dict));
    Some(root)
}

/// Adds one outline item per heading under `parent`, linked in order; returns their ids.
fn siblings(pdf: &mut Document, parent: ObjectId, items: &[Entry]) -> Vec<ObjectId> {
    let ids: Vec<ObjectId> = items.iter().map(|_| pdf.new_object_id()).collect();
    for (i, (heading, dest)) in items.iter().enumerate() {
        let mut item = Dictionary::from_iter([
            ("Title", lopdf::text_string(&heading.text)),
            ("Parent", Object::Reference(parent)),
            ("Dest", dest.clone()),
        ]);
        if i > 0 {
            item.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            item.set("Next", Object::Reference(*next));
        }
        pdf.objects.insert(ids[i], Object::Dictionary(item));
    }
    ids
}

/// First, Last and (open) Count of an outline node with these children.
fn set_children(node: &mut Dictionary, ids: &[ObjectId]) {
    if let (Some(first), Some(last)) = (ids.first(), ids.last()) {
        node.set("First", Object::Reference(*first));
        node.set("Last", Object::Reference(*last));
        node.set("Count", Object::Integer(ids.len() as i64));
    }
}

/// The document id: derived from the title and date, so the same report exported on the
/// same day is the same file. The date is spelled as earlier versions hashed it (their
/// `Debug` text), so a report exported on the same day keeps its id whatever the date type
/// is called now.
fn document_id(title: &str, date: PdfDate) -> String {
    let day = format!(
        "PdfDate {{ year: {}, month: {}, day: {} }}",
        date.year, date.month, date.day
    );
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in title.bytes().chain(day.bytes()) {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!(
        "{hash:016x}{:016x}",
        hash.rotate_left(29) ^ 0x9e37_79b9_7f4a_7c15
    )
}
