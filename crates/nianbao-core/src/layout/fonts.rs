//! The faces of the publication and which one draws each character. Each GB/T 9704 role has
//! a bundled face; a character it lacks (浉, 喆 … are outside the Fandol fonts) is drawn from
//! Noto Sans CJK SC, then Noto Sans and Noto Sans Math, so no character is ever a box.

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
pub const FACES: [(&str, &[u8]); 7] = [
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
];

const SANS: Face = Face(2);
const FALLBACK: [Face; 3] = [SANS, Face(5), Face(6)];

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

/// The face that draws `c` in `role`: the role's own, else the first fallback that has it.
pub fn face_for(role: Role, c: char) -> Face {
    let p = parsed();
    let has = |f: Face| c.is_whitespace() || p.faces[f.0].glyph_index(c).is_some();
    std::iter::once(role.face())
        .chain(FALLBACK)
        .find(|&f| has(f))
        .unwrap_or(SANS)
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
    fn rare_characters_fall_back_per_character() {
        assert_eq!(face_for(Role::Body, '年'), Face(0));
        for c in "浉喆堃赟镕𬘬".chars() {
            let f = face_for(Role::Body, c);
            assert_eq!(f, SANS, "{c}");
            assert!(parsed().faces[f.0].glyph_index(c).is_some());
        }
        assert_eq!(face_for(Role::PageNumber, '7'), Face(4));
        assert!((advance_em(Face(0), '年') - 1.0).abs() < 0.01);
    }
}
