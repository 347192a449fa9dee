//! The faces of the publication and which one draws each character. Each GB/T 9704 role has
//! a bundled face; a character it lacks (浉, 喆, 𠮷 … are outside the Fandol fonts) is drawn
//! from a face of the same style first: Noto Serif CJK SC behind 仿宋, 楷体 and the page
//! numbers, its bold behind the title, then Noto Sans CJK SC, Noto Sans and Noto Sans Math.
//! A character none of them has is reported ([`has_glyph`]), never left out.
//!
//! When the clerk asks for them, fonts installed on the computer (仿宋_GB2312, 方正小标宋简体,
//! 黑体, 楷体_GB2312: see [`installed`](super::installed)) take a role's place, as faces after the
//! bundled ones; a character such a face lacks falls back as above. Which fonts a layout uses is
//! a [`FontSet`] the caller passes to `publication_with`; it is set for that call on the calling
//! thread (`using`) rather than threaded through every measuring function, so the layout stays
//! a pure function of report and font set and parallel tests do not see each other's choice.

use std::cell::Cell;
use std::sync::OnceLock;

pub use super::installed::InstalledFace;

/// A face: an index into [`FACES`], or past it one of a [`FontSet`]'s installed faces (one
/// fixed index per role, [`Face::installed`], so the same fonts give the same PDF).
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

/// The font files, each included once: a `static` is one copy in the binary, shared by the
/// PDF, the layout and the window (a `const` array of them may be copied at each use).
pub static FANDOL_FANG: &[u8] = include_bytes!("../../../../fonts/FandolFang-Regular-nianbao.otf");
pub static FANDOL_KAI: &[u8] = include_bytes!("../../../../fonts/FandolKai-Regular-nianbao.otf");
/// Noto Sans CJK SC, subset: the UI's font and the PDF's sans fallback.
pub static NOTO_SANS_SC: &[u8] = include_bytes!("../../../../fonts/NotoSansSC-nianbao-ui.otf");
pub static FANDOL_SONG_BOLD: &[u8] =
    include_bytes!("../../../../fonts/FandolSong-Bold-nianbao.otf");
pub static FANDOL_SONG: &[u8] =
    include_bytes!("../../../../fonts/FandolSong-Regular-nianbao-digits.otf");
pub static NOTO_SANS: &[u8] = include_bytes!("../../../../fonts/NotoSans-nianbao-fallback.ttf");
pub static NOTO_SANS_MATH: &[u8] =
    include_bytes!("../../../../fonts/NotoSansMath-nianbao-fallback.ttf");
pub static NOTO_SERIF_SC: &[u8] =
    include_bytes!("../../../../fonts/NotoSerifSC-nianbao-fallback.otf");
pub static NOTO_SERIF_SC_BOLD: &[u8] =
    include_bytes!("../../../../fonts/NotoSerifSC-Bold-nianbao-fallback.otf");

/// Name (as embedded), file bytes.
pub static FACES: [(&str, &[u8]); 9] = [
    ("FandolFang", FANDOL_FANG),
    ("FandolKai", FANDOL_KAI),
    ("NotoSansSC", NOTO_SANS_SC),
    ("FandolSongBold", FANDOL_SONG_BOLD),
    ("FandolSong", FANDOL_SONG),
    ("NotoSans", NOTO_SANS),
    ("NotoSansMath", NOTO_SANS_MATH),
    ("NotoSerifSC", NOTO_SERIF_SC),
    ("NotoSerifSCBold", NOTO_SERIF_SC_BOLD),
];

/// The roles an installed font can take, in the order of their face indices.
pub const INSTALLED_ROLES: [Role; 4] = [Role::Body, Role::Title, Role::Hei, Role::Kai];

impl Face {
    /// The face an installed font takes in `role` (none for page numbers).
    pub fn installed(role: Role) -> Option<Face> {
        let slot = INSTALLED_ROLES.iter().position(|&r| r == role)?;
        Some(Face(FACES.len() + slot))
    }

    pub fn is_bundled(self) -> bool {
        self.0 < FACES.len()
    }
}

/// The fonts a layout uses: the bundled ones ([`FontSet::BUNDLED`], the default), with the
/// installed faces the clerk chose in their roles. Copy: the faces are loaded once per
/// process and kept (see `installed::load`).
#[derive(Clone, Copy, Default, PartialEq)]
pub struct FontSet {
    faces: [Option<&'static InstalledFace>; 4],
}

impl std::fmt::Debug for FontSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self
            .faces
            .iter()
            .flatten()
            .map(|x| x.family.as_str())
            .collect();
        write!(f, "FontSet{names:?}")
    }
}

impl FontSet {
    pub const BUNDLED: FontSet = FontSet { faces: [None; 4] };

    /// This set with `face` in `role` (page numbers keep the bundled 宋体).
    pub fn with(mut self, role: Role, face: &'static InstalledFace) -> FontSet {
        if let Some(slot) = INSTALLED_ROLES.iter().position(|&r| r == role) {
            self.faces[slot] = Some(face);
        }
        self
    }

    /// The installed face in `role`, if one was chosen.
    pub fn installed(&self, role: Role) -> Option<&'static InstalledFace> {
        let slot = INSTALLED_ROLES.iter().position(|&r| r == role)?;
        self.faces[slot]
    }

    fn face(&self, face: Face) -> Option<&ttf_parser::Face<'static>> {
        match face.0.checked_sub(FACES.len()) {
            None => Some(&parsed().faces[face.0]),
            Some(slot) => self.faces.get(slot).copied().flatten().map(|f| &f.face),
        }
    }

    /// The font file of `face`: its name (as embedded), bytes and index in a collection.
    pub fn file(&self, face: Face) -> Option<(&str, &'static [u8], u32)> {
        match face.0.checked_sub(FACES.len()) {
            None => FACES.get(face.0).map(|(name, bytes)| (*name, *bytes, 0)),
            Some(slot) => {
                let f = self.faces.get(slot).copied().flatten()?;
                Some((f.postscript.as_str(), f.bytes, f.index))
            }
        }
    }

    fn has(&self, face: Face, c: char) -> bool {
        c.is_whitespace() || self.face(face).is_some_and(|f| f.glyph_index(c).is_some())
    }

    /// The face that draws `c` in `role`: the installed face chosen for it if it has `c`, then
    /// the bundled chain of [`face_for`].
    pub fn face_for(&self, role: Role, c: char) -> Face {
        Face::installed(role)
            .filter(|&f| self.installed(role).is_some() && self.has(f, c))
            .into_iter()
            .chain(std::iter::once(role.face()))
            .chain(role.fallback())
            .find(|&f| self.has(f, c))
            .unwrap_or(SANS)
    }

    /// The advance of `c` in `face`, in ems.
    pub fn advance_em(&self, face: Face, c: char) -> f32 {
        let gid_advance = self.face(face).and_then(|f| {
            let upem = f32::from(f.units_per_em());
            let gid = f.glyph_index(c).or_else(|| f.glyph_index(' '))?;
            Some(f32::from(f.glyph_hor_advance(gid)?) / upem)
        });
        match gid_advance {
            Some(a) => a,
            // Full width for CJK, half for the rest: what the fallback would give.
            None if c as u32 >= 0x2E80 => 1.0,
            None => 0.5,
        }
    }

    /// Whether any face of the set draws `c` (control characters need none).
    pub fn has_glyph(&self, c: char) -> bool {
        c.is_control() || (0..FACES.len() + INSTALLED_ROLES.len()).any(|f| self.has(Face(f), c))
    }
}

thread_local! {
    static CURRENT: Cell<FontSet> = const { Cell::new(FontSet::BUNDLED) };
}

/// Runs `f` with `set` as the fonts of this thread's layout (restored afterwards, also if `f`
/// panics).
pub fn using<T>(set: FontSet, f: impl FnOnce() -> T) -> T {
    struct Restore(FontSet);
    impl Drop for Restore {
        fn drop(&mut self) {
            CURRENT.set(self.0);
        }
    }
    let _restore = Restore(CURRENT.replace(set));
    f()
}

/// The fonts of this thread's layout.
pub fn current() -> FontSet {
    CURRENT.get()
}

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

/// The face that draws `c` in `role` with the current fonts ([`FontSet::face_for`]): the
/// role's own, else the first fallback that has it (Noto Sans CJK SC if none has it: the
/// character stays in the text, drawn as a box).
pub fn face_for(role: Role, c: char) -> Face {
    current().face_for(role, c)
}

/// Whether any face of the current fonts draws `c`.
pub fn has_glyph(c: char) -> bool {
    current().has_glyph(c)
}

/// The advance of `c` in `face` with the current fonts, in ems.
pub fn advance_em(face: Face, c: char) -> f32 {
    current().advance_em(face, c)
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
