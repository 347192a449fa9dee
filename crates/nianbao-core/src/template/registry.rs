//! The registry: the bundled templates, any extra ones from a data folder, and how a report
//! finds its template (by id, by year, for conversion).

use std::sync::OnceLock;

use super::{MigrationDef, Template, resolve};

/// Every template the program knows, oldest first. A new national format is a new data file
/// and one line here.
const SOURCES: &[(&str, &str)] = &[
    (
        "gb2019.ron",
        include_str!("../../../../assets/templates/gb2019.ron"),
    ),
    (
        "gb2021.ron",
        include_str!("../../../../assets/templates/gb2021.ron"),
    ),
];

/// The ids of every template, as messages list them: 「gb2019、gb2021」.
pub fn ids() -> String {
    all()
        .iter()
        .map(Template::id)
        .collect::<Vec<_>>()
        .join("、")
}

/// The folder of extra template files (`*.ron`) read besides the bundled ones: a new national
/// format can be added as a data file without rebuilding the program.
pub const EXTRA_DIR_VAR: &str = "NIANBAO_TEMPLATES";
/// An extra template file larger than this is not read.
const MAX_EXTRA_BYTES: u64 = 1 << 20;

struct Loaded {
    templates: Vec<Template>,
    problems: Vec<String>,
}

fn loaded() -> &'static Loaded {
    static LOADED: OnceLock<Loaded> = OnceLock::new();
    LOADED.get_or_init(|| {
        let mut templates: Vec<Template> = SOURCES
            .iter()
            .map(|(name, src)| {
                resolve::parse(src).unwrap_or_else(|e| panic!("bundled template {name}: {e}"))
            })
            .collect();
        let mut problems = Vec::new();
        if let Some(dir) = std::env::var_os(EXTRA_DIR_VAR) {
            extra(std::path::Path::new(&dir), &mut templates, &mut problems);
        }
        templates.sort_by_key(|t| t.def.first_year);
        Loaded {
            templates,
            problems,
        }
    })
}

/// Reads every `*.ron` of the folder, in name order; a file that cannot be read, does not
/// resolve or repeats a known id is skipped and said in `problems`.
fn extra(dir: &std::path::Path, out: &mut Vec<Template>, problems: &mut Vec<String>) {
    let mut paths: Vec<std::path::PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect(),
        Err(e) => {
            problems.push(format!("无法读取模板文件夹 {}：{e}", dir.display()));
            return;
        }
    };
    paths.sort();
    for path in paths {
        match read_regular(&path).and_then(|src| resolve::parse(&src)) {
            Ok(t) if out.iter().any(|o| o.id() == t.id()) => problems.push(format!(
                "模板文件 {}：模板“{}”已存在",
                path.display(),
                t.id()
            )),
            Ok(t) => out.push(t),
            Err(e) => problems.push(format!("模板文件 {} 无法使用：{e}", path.display())),
        }
    }
}

/// A template file as text, read like every other input: a regular file only (a pipe would
/// block every command, a device never end; a link is followed to what it names and judged by
/// that), its size checked before reading and the reading itself capped.
fn read_regular(path: &std::path::Path) -> Result<String, String> {
    use std::io::Read;
    let io = |e: std::io::Error| format!("无法读取（{}）", crate::say::io_kind(e.kind()));
    let not_a_file = "不是普通文件（可能是管道、设备或文件夹），未读取".to_string();
    let too_large = format!("文件过大（超过 {} KB），未读取", MAX_EXTRA_BYTES >> 10);
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(not_a_file);
    }
    if meta.len() > MAX_EXTRA_BYTES {
        return Err(too_large);
    }
    let file = std::fs::File::open(path).map_err(io)?;
    // Asked again of what was opened: the name may have been swapped in between.
    if !file.metadata().map_err(io)?.is_file() {
        return Err(not_a_file);
    }
    let mut bytes = Vec::new();
    file.take(MAX_EXTRA_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_EXTRA_BYTES {
        return Err(too_large);
    }
    String::from_utf8(bytes).map_err(|_| "不是 UTF-8 编码的文本".to_string())
}

/// All templates, oldest first: the bundled ones and any from [`EXTRA_DIR_VAR`].
pub fn all() -> &'static [Template] {
    &loaded().templates
}

/// Extra template files that were skipped, and why (for the edges to say).
pub fn load_problems() -> &'static [String] {
    &loaded().problems
}

pub fn by_id(id: &str) -> Option<&'static Template> {
    all().iter().find(|t| t.id() == id)
}

/// The newer template a report on `from` can be converted to, with how.
pub fn migration_from(from: &Template) -> Option<(&'static Template, &'static MigrationDef)> {
    all().iter().find_map(|t| {
        t.def
            .migrations
            .iter()
            .find(|m| m.from == from.id())
            .map(|m| (t, m))
    })
}

/// The template a report year calls for: the newest that applies (the oldest for years before
/// any, the newest for years after all).
pub fn for_year(year: i32) -> &'static Template {
    let all = all();
    all.iter()
        .rev()
        .find(|t| t.applies_to(year))
        .unwrap_or(if year < all[0].def.first_year {
            &all[0]
        } else {
            &all[all.len() - 1]
        })
}
