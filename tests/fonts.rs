//! The bundled UI fonts draw every character of GBK and all 8105 characters of
//! 《通用规范汉字表》: checked against the fonts' character maps, so no character ever
//! shows as a box.
#![cfg(feature = "window")]

use nianbao::ui::fonts::UI_FONTS;

fn faces() -> Vec<ttf_parser::Face<'static>> {
    UI_FONTS
        .iter()
        .map(|(_, bytes)| ttf_parser::Face::parse(bytes, 0).unwrap())
        .collect()
}

fn covered_by(faces: &[ttf_parser::Face], c: char) -> bool {
    faces.iter().any(|f| f.glyph_index(c).is_some())
}

#[test]
fn every_gbk_character_has_a_glyph() {
    let faces = faces();
    let covered = |c| covered_by(&faces, c);
    let mut missing = String::new();
    let mut count = 0;
    for lead in 0x81u8..=0xfe {
        for trail in 0x40u8..=0xfe {
            let bytes = [lead, trail];
            let (text, _, bad) = encoding_rs::GBK.decode(&bytes);
            let mut chars = text.chars();
            if let (Some(c), None, false) = (chars.next(), chars.next(), bad) {
                count += 1;
                if !covered(c) && !('\u{e000}'..='\u{f8ff}').contains(&c) {
                    missing.push(c);
                }
            }
        }
    }
    assert!(count > 21_000, "decoded {count} GBK characters");
    assert!(missing.is_empty(), "no glyph for: {missing}");
}

#[test]
fn all_8105_standard_characters_have_a_glyph() {
    let faces = faces();
    let covered = |c| covered_by(&faces, c);
    let list = include_str!("../fonts/tongyong-8105.txt").trim();
    assert_eq!(list.chars().count(), 8105);
    let missing: String = list.chars().filter(|&c| !covered(c)).collect();
    assert!(missing.is_empty(), "no glyph for: {missing}");
    for c in ['浉', '喆', '堃', '赟', '镕', '≒'] {
        assert!(covered(c), "{c}");
    }
}
