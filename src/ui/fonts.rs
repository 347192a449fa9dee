//! The bundled UI font: Noto Sans CJK SC, subset to all of GBK and the 8105 characters of
//! 《通用规范汉字表》 (see `fonts/build-fonts.sh`), placed before egui's own fonts.

use egui::{FontData, FontDefinitions, FontFamily};

const UI_FONT: &[u8] = include_bytes!("../../fonts/NotoSansSC-nianbao-ui.otf");
const NAME: &str = "noto-sans-sc";

pub fn install(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(NAME.to_owned(), FontData::from_static(UI_FONT).into());
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts.families.entry(family).or_default().insert(0, NAME.to_owned());
    }
    ctx.set_fonts(fonts);
}
