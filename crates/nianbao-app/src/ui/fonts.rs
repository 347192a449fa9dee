//! The bundled UI fonts: Noto Sans CJK SC, subset to all of GBK and the 8105 characters of
//! 《通用规范汉字表》, then Noto Sans and Noto Sans Math for the few symbols it lacks (see
//! `fonts/build-fonts.sh`), placed before egui's own fonts.

use egui::{FontData, FontDefinitions, FontFamily};

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
}
