//! The bundled UI fonts: Noto Sans CJK SC, subset to all of GBK and the 8105 characters of
//! 《通用规范汉字表》, then Noto Sans and Noto Sans Math for the few symbols it lacks (see
//! `fonts/build-fonts.sh`), placed before egui's own fonts.

use egui::{FontData, FontDefinitions, FontFamily};

use crate::layout::Face;
use crate::layout::fonts::FACES;

/// In fallback order.
pub const UI_FONTS: [(&str, &[u8]); 3] = [
    (
        "noto-sans-sc",
        include_bytes!("../../../../fonts/NotoSansSC-nianbao-ui.otf"),
    ),
    (
        "noto-sans",
        include_bytes!("../../../../fonts/NotoSans-nianbao-fallback.ttf"),
    ),
    (
        "noto-sans-math",
        include_bytes!("../../../../fonts/NotoSansMath-nianbao-fallback.ttf"),
    ),
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

/// The egui family that draws a face of the publication: the PDF's own font, then the UI
/// fonts for anything it lacks (the layout already picked the face per character).
pub fn pdf_family(face: Face) -> FontFamily {
    FontFamily::Name(format!("pdf-{}", FACES[face.0].0).into())
}

/// Whether [`install_pdf_faces`] has taken effect (fonts change at the start of a pass).
pub fn pdf_faces_ready(ctx: &egui::Context) -> bool {
    let family = pdf_family(Face(0));
    ctx.fonts(|f| f.definitions().families.contains_key(&family))
}

/// Adds the PDF's faces (`layout::fonts::FACES`, the files the PDF embeds) as families named
/// by [`pdf_family`]. Called when 预览 first opens, not at start-up: see BENCHMARKS.md.
pub fn install_pdf_faces(ctx: &egui::Context) {
    let mut fonts = ctx.fonts(|f| f.definitions().clone());
    let ui_names: Vec<String> = UI_FONTS.iter().map(|(n, _)| (*n).to_owned()).collect();
    for (i, (name, bytes)) in FACES.iter().enumerate() {
        // The sans faces are the UI's own fonts: the same files, registered once.
        let own = match UI_FONTS.iter().find(|(_, b)| b == bytes) {
            Some((ui_name, _)) => (*ui_name).to_owned(),
            None => {
                let key = format!("pdf-face-{name}");
                fonts
                    .font_data
                    .insert(key.clone(), FontData::from_static(bytes).into());
                key
            }
        };
        let rest = ui_names.iter().filter(|n| **n != own).cloned();
        let chain = std::iter::once(own.clone()).chain(rest).collect();
        fonts.families.insert(pdf_family(Face(i)), chain);
    }
    ctx.set_fonts(fonts);
}
