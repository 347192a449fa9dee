//! The bundled UI fonts: Noto Sans CJK SC, subset to all of GBK and the 8105 characters of
//! 《通用规范汉字表》, then Noto Sans and Noto Sans Math for the few symbols it lacks (see
//! `fonts/build-fonts.sh`), placed before egui's own fonts.

use egui::{FontData, FontDefinitions, FontFamily};

use crate::layout::fonts::{self, FACES, INSTALLED_ROLES};
use crate::layout::{Face, FontSet};

/// In fallback order: the core's font statics, so each file is in the binary once.
pub static UI_FONTS: [(&str, &[u8]); 3] = [
    ("noto-sans-sc", fonts::NOTO_SANS_SC),
    ("noto-sans", fonts::NOTO_SANS),
    ("noto-sans-math", fonts::NOTO_SANS_MATH),
];

pub fn install(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    for (i, (name, bytes)) in UI_FONTS.iter().enumerate() {
        fonts
            .font_data
            .insert((*name).to_owned(), FontData::from_static(bytes).into());
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            fonts
                .families
                .entry(family)
                .or_default()
                .insert(i, (*name).to_owned());
        }
    }
    ctx.set_fonts(fonts);
    ctx.all_styles_mut(readable_sizes);
}

/// The smallest text a clerk has to read: egui's `small()` is 9 points by default.
pub const MIN_TEXT: f32 = 12.0;

/// Raises every text style below [`MIN_TEXT`] to it.
fn readable_sizes(style: &mut egui::Style) {
    for font in style.text_styles.values_mut() {
        font.size = font.size.max(MIN_TEXT);
    }
}

/// The egui family that draws a face of the publication (in `set`): the PDF's own font, then
/// the UI fonts for anything it lacks (the layout already picked the face per character).
pub fn pdf_family(face: Face, set: FontSet) -> FontFamily {
    match set.file(face) {
        Some((name, _, _)) if face.is_bundled() => FontFamily::Name(format!("pdf-{name}").into()),
        Some((name, _, _)) => FontFamily::Name(format!("pdf-installed-{name}").into()),
        None => FontFamily::Proportional,
    }
}

/// The faces of `set` that 预览 draws with.
fn faces(set: FontSet) -> impl Iterator<Item = Face> {
    (0..FACES.len()).map(Face).chain(
        INSTALLED_ROLES
            .into_iter()
            .filter_map(move |role| set.installed(role).and(Face::installed(role))),
    )
}

/// Whether [`install_pdf_faces`] has taken effect for `set` (fonts change at the start of a
/// pass).
pub fn pdf_faces_ready(ctx: &egui::Context, set: FontSet) -> bool {
    ctx.fonts(|f| {
        let families = &f.definitions().families;
        faces(set).all(|face| families.contains_key(&pdf_family(face, set)))
    })
}

/// Adds the PDF's faces (`layout::fonts::FACES`, the files the PDF embeds, and the installed
/// fonts of `set`) as families named by [`pdf_family`]. Called when 预览 first opens (and when
/// the installed fonts change), not at start-up: see BENCHMARKS.md.
pub fn install_pdf_faces(ctx: &egui::Context, set: FontSet) {
    let mut fonts = ctx.fonts(|f| f.definitions().clone());
    let ui_names: Vec<String> = UI_FONTS.iter().map(|(n, _)| (*n).to_owned()).collect();
    for face in faces(set) {
        let Some((name, bytes, index)) = set.file(face) else {
            continue;
        };
        // The sans faces are the UI's own fonts: the same files, registered once.
        let own = match UI_FONTS.iter().find(|(_, b)| *b == bytes) {
            Some((ui_name, _)) => (*ui_name).to_owned(),
            None => {
                let key = format!("pdf-face-{name}-{}", face.0);
                let mut data = FontData::from_static(bytes);
                data.index = index;
                fonts.font_data.insert(key.clone(), data.into());
                key
            }
        };
        let rest = ui_names.iter().filter(|n| **n != own).cloned();
        let chain = std::iter::once(own.clone()).chain(rest).collect();
        fonts.families.insert(pdf_family(face, set), chain);
    }
    ctx.set_fonts(fonts);
}
