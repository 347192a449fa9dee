//! Fonts installed on the computer, per role: what a clerk's supervisor expects to see
//! (仿宋_GB2312 body, 方正小标宋简体 title, 黑体 and 楷体_GB2312 headings), found with `fontdb`.
//! A font whose licence forbids embedding it in a document (OS/2 fsType: restricted, no
//! subsetting, bitmaps only) is not used, and the reason is said. This module reads files: the
//! edges (window, command line) call [`discover`] once and hand its [`FontSet`] to the layout.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use super::fonts::{FontSet, INSTALLED_ROLES, Role};

/// An installed font file chosen for a role, loaded and kept for the life of the process.
pub struct InstalledFace {
    /// The family as the clerk knows it (the Chinese name when the font has one).
    pub family: String,
    /// The PostScript name: what the PDF's `/BaseFont` carries.
    pub postscript: String,
    pub path: PathBuf,
    /// The face's index in a collection (.ttc).
    pub index: u32,
    pub bytes: &'static [u8],
    pub(super) face: ttf_parser::Face<'static>,
}

impl PartialEq for InstalledFace {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path && self.index == other.index
    }
}

/// The families each role looks for, preferred first.
pub fn wanted(role: Role) -> &'static [&'static str] {
    match role {
        Role::Body => &["仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"],
        Role::Title => &["方正小标宋简体", "FZXiaoBiaoSong-B05S"],
        Role::Hei => &["黑体", "SimHei"],
        Role::Kai => &["楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi"],
        Role::PageNumber => &[],
    }
}

/// The role's name in the clerk's words.
pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::Body => "正文",
        Role::Title => "标题",
        Role::Hei => "一级标题（一、）",
        Role::Kai => "二级标题（一）",
        Role::PageNumber => "页码",
    }
}

/// What was found for one role.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleFonts {
    pub role: Role,
    /// The family used, if any.
    pub used: Option<String>,
    /// Families found but not used, each with the reason (licence, unreadable).
    pub refused: Vec<(String, String)>,
}

impl RoleFonts {
    /// One line for the window and the command line, e.g. 「正文：仿宋_GB2312（本机字体）」.
    pub fn describe(&self) -> String {
        let mut text = format!("{}：", role_name(self.role));
        match &self.used {
            Some(family) => text.push_str(&format!("{family}（本机字体）")),
            None => text.push_str(&format!(
                "未找到可用的{}，使用内置字体",
                wanted(self.role)[0]
            )),
        }
        for (family, reason) in &self.refused {
            text.push_str(&format!("；{family}未使用：{reason}"));
        }
        text
    }
}

/// The fonts found: the set for the layout and what was found per role.
#[derive(Debug, Clone, PartialEq)]
pub struct Discovery {
    pub set: FontSet,
    pub roles: Vec<RoleFonts>,
}

/// Why a font may not be embedded in a PDF, from its OS/2 fsType; `None` when it may.
pub fn embedding_refused(face: &ttf_parser::Face) -> Option<&'static str> {
    use ttf_parser::Permissions;
    let os2 = face.tables().os2?;
    if os2.permissions() == Some(Permissions::Restricted) {
        return Some("字体授权不允许嵌入文档（受限许可）");
    }
    if !os2.is_subsetting_allowed() {
        return Some("字体授权不允许只嵌入用到的字（禁止子集化）");
    }
    if !os2.is_outline_embedding_allowed() {
        return Some("字体授权只允许嵌入点阵图形");
    }
    None
}

/// Whether a font's outlines can be written into a PDF (bytes, face index, glyph count): the
/// PDF writer's own trial, given by the edge, since the core knows no PDF library. A damaged
/// font is refused here, with the reason, rather than failing in a clerk's 导出PDF.
pub type Embeddable = fn(&[u8], u32, u16) -> Result<(), String>;

/// The fonts installed on this computer, looked up once per process (the window asks again
/// each time the setting is turned on; the system's font folders are read the first time).
pub fn discover_system(embeddable: Embeddable) -> Discovery {
    static SYSTEM: OnceLock<Discovery> = OnceLock::new();
    SYSTEM
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            db.load_system_fonts();
            choose(&db, embeddable)
        })
        .clone()
}

/// The fonts in `dir` (and its subfolders) only: for tests, and `NIANBAO_FONT_DIR`.
pub fn discover_in(dir: &Path, embeddable: Embeddable) -> Discovery {
    let mut db = fontdb::Database::new();
    db.load_fonts_dir(dir);
    choose(&db, embeddable)
}

fn choose(db: &fontdb::Database, embeddable: Embeddable) -> Discovery {
    let mut set = FontSet::BUNDLED;
    let mut roles = Vec::new();
    for role in INSTALLED_ROLES {
        let mut found = RoleFonts {
            role,
            used: None,
            refused: Vec::new(),
        };
        // One font can answer to several names (楷体_GB2312 and KaiTi_GB2312): said once.
        let mut tried = Vec::new();
        for family in wanted(role) {
            let Some(info) = best_face(db, family).filter(|f| !tried.contains(&f.id)) else {
                continue;
            };
            tried.push(info.id);
            match load(db, info, family, embeddable) {
                Ok(face) => {
                    set = set.with(role, face);
                    found.used = Some(face.family.clone());
                    break;
                }
                Err(reason) => found.refused.push(((*family).to_owned(), reason)),
            }
        }
        roles.push(found);
    }
    Discovery { set, roles }
}

/// The regular face of `family` (names compared ignoring ASCII case), else any of its faces.
fn best_face<'a>(db: &'a fontdb::Database, family: &str) -> Option<&'a fontdb::FaceInfo> {
    let faces = db.faces().filter(|f| {
        f.families
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(family))
    });
    faces.min_by_key(|f| {
        (
            f.style != fontdb::Style::Normal,
            f.weight.0.abs_diff(400),
            f.post_script_name.clone(),
        )
    })
}

/// Reads and checks the face, once per file and index for the life of the process: the
/// bytes are kept (leaked) so that layouts and PDFs can borrow them without copying.
fn load(
    db: &fontdb::Database,
    info: &fontdb::FaceInfo,
    family: &str,
    embeddable: Embeddable,
) -> Result<&'static InstalledFace, String> {
    type Loaded = Vec<((PathBuf, u32), Result<&'static InstalledFace, String>)>;
    static LOADED: Mutex<Loaded> = Mutex::new(Vec::new());
    let path = match &info.source {
        fontdb::Source::File(p) => p.clone(),
        _ => PathBuf::new(),
    };
    let key = (path.clone(), info.index);
    let mut loaded = LOADED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, answer)) = loaded.iter().find(|(k, _)| *k == key) {
        return answer.clone();
    }
    let answer = db
        .with_face_data(info.id, |data, _| data.to_vec())
        .ok_or_else(|| "字体文件无法读取".to_owned())
        .and_then(|data| parse(data, family, path, info, embeddable));
    loaded.push((key, answer.clone()));
    answer
}

fn parse(
    data: Vec<u8>,
    family: &str,
    path: PathBuf,
    info: &fontdb::FaceInfo,
    embeddable: Embeddable,
) -> Result<&'static InstalledFace, String> {
    let unreadable = |e: ttf_parser::FaceParsingError| format!("字体文件无法读取（{e}）");
    // Checked before the bytes are kept: a refused font costs nothing afterwards.
    let checked = ttf_parser::Face::parse(&data, info.index).map_err(unreadable)?;
    if let Some(reason) = embedding_refused(&checked) {
        return Err(reason.to_owned());
    }
    embeddable(&data, info.index, checked.number_of_glyphs())
        .map_err(|why| format!("字体文件已损坏，无法嵌入 PDF（{why}）"))?;
    let bytes: &'static [u8] = Box::leak(data.into_boxed_slice());
    let face = ttf_parser::Face::parse(bytes, info.index).map_err(unreadable)?;
    Ok(Box::leak(Box::new(InstalledFace {
        family: family.to_owned(),
        postscript: info.post_script_name.clone(),
        path,
        index: info.index,
        bytes,
        face,
    })))
}
