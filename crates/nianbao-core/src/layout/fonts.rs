//! The faces of the publication and which one draws each character. Each GB/T 9704 role has
//! a bundled face; a character it lacks (浉, 喆, 𠮷 … are outside the Fandol fonts) is drawn
//! from a face of the same style first: Noto Serif CJK SC behind 仿宋, 楷体 and the page
//! numbers, its bold behind the title, then Noto Sans CJK SC, Noto Sans and Noto Sans Math.
//! A character none of them has is reported ([`has_glyph`]), never left out.

use std::sync::OnceLock;

/// A bundled face, by index into [`FACES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Face(pub usize);

/// What a piece of text is, typographically.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 仿宋: body text and tables.
    Body,
    /// 黑体: 「一、」 headings.
    Hei,
    /// 楷体: 「（一）」 headings.
    Kai,
    /// The 小标宋 role: the title, a heavy serif.
    Title,
    /// 宋体: page numbers.
    PageNumber,
}

/// Name (as embedded), file bytes.
pub const FACES: [(&str, &[u8]); 9] = [
    (
        "FandolFang",
        include_bytes!("../../../../fonts/FandolFang-Regular-nianbao.otf"),
    ),
    (
        "FandolKai",
        include_bytes!("../../../../fonts/FandolKai-Regular-nianbao.otf"),
    ),
    (
        "NotoSansSC",
        include_bytes!("../../../../fonts/NotoSansSC-nianbao-ui.otf"),
    ),
    (
        "FandolSongBold",
        include_bytes!("../../../../fonts/FandolSong-Bold-nianbao.otf"),
    ),
    (
        "FandolSong",
        include_bytes!("../../../../fonts/FandolSong-Regular-nianbao-digits.otf"),
    ),
    (
        "NotoSans",
        include_bytes!("../../../../fonts/NotoSans-nianbao-fallback.ttf"),
    ),
    (
        "NotoSansMath",
        include_bytes!("../../../../fonts/NotoSansMath-nianbao-fallback.ttf"),
    ),
    (
        "NotoSerifSC",
        include_bytes!("../../../../fonts/NotoSerifSC-nianbao-fallback.otf"),
    ),
    (
        "NotoSerifSCBold",
        include_bytes!("../../../../fonts/NotoSerifSC-Bold-nianbao-fallback.otf"),
    ),
];

const SANS: Face = Face(2);
const SERIF: Face = Face(7);
const SERIF_BOLD: Face = Face(8);

impl Role {
    pub fn face(self) -> Face {
        match self {
            Role::Body => Face(0),
            Role::Kai => Face(1),
            Role::Hei => SANS,
            Role::Title => Face(3),
            Role::PageNumber => Face(4),
        }
    }

    /// The faces tried after the role's own, nearest in style first.
    fn fallback(self) -> [Face; 4] {
        match self {
            Role::Hei => [SANS, SERIF, Face(5), Face(6)],
            Role::Title => [SERIF_BOLD, SANS, Face(5), Face(6)],
            Role::Body | Role::Kai | Role::PageNumber => [SERIF, SANS, Face(5), Face(6)],
        }
    }
}

struct Parsed {
    faces: Vec<ttf_parser::Face<'static>>,
}

fn parsed() -> &'static Parsed {
    static PARSED: OnceLock<Parsed> = OnceLock::new();
    PARSED.get_or_init(|| Parsed {
        faces: FACES
            .iter()
            .map(|(name, bytes)| {
                ttf_parser::Face::parse(bytes, 0)
                    .unwrap_or_else(|e| panic!("bundled font {name}: {e}"))
            })
            .collect(),
    })
}

fn has(face: Face, c: char) -> bool {
    c.is_whitespace() || parsed().faces[face.0].glyph_index(c).is_some()
}

/// The face that draws `c` in `role`: the role's own, else the first fallback that has it
/// (Noto Sans CJK SC if none has it: the character stays in the text, drawn as a box).
pub fn face_for(role: Role, c: char) -> Face {
    std::iter::once(role.face())
        .chain(role.fallback())
        .find(|&f| has(f, c))
        .unwrap_or(SANS)
}

/// Whether any bundled face draws `c` (control characters need none).
pub fn has_glyph(c: char) -> bool {
    c.is_control() || (0..FACES.len()).any(|f| has(Face(f), c))
}

/// The advance of `c` in `face`, in ems.
pub fn advance_em(face: Face, c: char) -> f32 {
    let f = &parsed().faces[face.0];
    let upem = f32::from(f.units_per_em());
    let gid = f.glyph_index(c).or_else(|| f.glyph_index(' '));
    match gid.and_then(|g| f.glyph_hor_advance(g)) {
        Some(a) => f32::from(a) / upem,
        // Full width for CJK, half for the rest: what the fallback would give.
        None if c as u32 >= 0x2E80 => 1.0,
        None => 0.5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_characters_fall_back_to_a_serif() {
        assert_eq!(face_for(Role::Body, '年'), Face(0));
        for c in "浉喆堃镕珺赟犇玥旻𠮷𬘬".chars() {
            for (role, serif) in [
                (Role::Body, SERIF),
                (Role::Kai, SERIF),
                (Role::Title, SERIF_BOLD),
            ] {
                let f = face_for(role, c);
                assert_eq!(f, serif, "{c}");
                assert!(parsed().faces[f.0].glyph_index(c).is_some());
            }
            assert!(has_glyph(c));
        }
        assert!(!has_glyph('\u{10FFFD}'));
        assert_eq!(face_for(Role::PageNumber, '7'), Face(4));
        assert!((advance_em(Face(0), '年') - 1.0).abs() < 0.01);
    }

    #[test]
    fn every_standard_character_is_serif_in_the_serif_roles() {
        let list = include_str!("../../../../fonts/tongyong-8105.txt").trim();
        for role in [Role::Body, Role::Kai, Role::Title] {
            let sans: String = list
                .chars()
                .filter(|&c| matches!(face_for(role, c), SANS | Face(5) | Face(6)))
                .collect();
            assert!(sans.is_empty(), "{role:?} draws from a sans face: {sans}");
        }
    }
}
