//! Reading and writing reports: the native `.nianbao` file (RON) and the JSON export. Inputs
//! are untrusted: size and nesting are bounded before parsing, every error is a Chinese
//! message, and nothing is written while reading. Saves are atomic, go through one path
//! ([`write_file`]) and never write what could not be read back.

mod atomic;
mod busy;
mod dto;
mod error;
pub mod escape;
mod read;
mod ron_text;
mod save;
mod stamp;

use std::path::{Path, PathBuf};

pub use atomic::{is_temp_name, remove_stale_temps, write_atomic};
pub use dto::{
    JSON_FORMAT, JSON_VERSION, JSON_VERSIONS, NATIVE_FORMAT, NATIVE_VERSION, NATIVE_VERSIONS,
};
pub use error::{LoadError, SaveError, io_kind, io_reason};
pub use read::{read_bounded, read_stamped, read_stamped_up_to};
pub use save::{Overwrite, final_path, occupied, write_file};
pub use stamp::{Stamp, fnv1a};

use dto::{Header, ReportFile};

use crate::model::Report;

/// Reports are tens of kilobytes; anything this large is not one.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// The file shape is three levels deep; allow slack, refuse the pathological.
const MAX_NESTING: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Native,
    Json,
}

impl Format {
    /// By extension (`.nianbao`, `.json`).
    pub fn from_path(path: &Path) -> Option<Format> {
        match extension(path).as_str() {
            "nianbao" | "ron" => Some(Format::Native),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

pub fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// A native or JSON file's report: by its extension, or by its content when the extension is
/// unknown.
pub fn parse_known(path: &Path, bytes: &[u8]) -> Result<Report, LoadError> {
    let format = match Format::from_path(path) {
        Some(f) => f,
        None => {
            sniff(bytes).ok_or_else(|| LoadError::UnknownFormat(format!(".{}", extension(path))))?
        }
    };
    parse(bytes, format)
}

fn sniff(bytes: &[u8]) -> Option<Format> {
    let text = std::str::from_utf8(bytes)
        .ok()?
        .trim_start_matches('\u{feff}');
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("//"))?;
    match first.chars().next()? {
        '{' => Some(Format::Json),
        '(' => Some(Format::Native),
        _ => None,
    }
}

/// Parses a report from bytes in a known format.
pub fn parse(bytes: &[u8], format: Format) -> Result<Report, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            limit_mib: MAX_FILE_BYTES >> 20,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| LoadError::NotUtf8)?;
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    if read::nesting_depth(text) > MAX_NESTING {
        return Err(LoadError::TooDeep);
    }
    let (header, expected, supported): (Header, _, _) = match format {
        Format::Native => (
            ron::from_str(text).map_err(|e| error::from_ron(&e, text))?,
            NATIVE_FORMAT,
            NATIVE_VERSION,
        ),
        Format::Json => (json(text)?, JSON_FORMAT, JSON_VERSION),
    };
    if header.format != expected {
        return Err(LoadError::NotAReport(header.format));
    }
    if header.format_version > supported {
        return Err(LoadError::NewerVersion {
            found: header.format_version,
            supported,
        });
    }
    if header.format_version == 0 {
        return Err(LoadError::BadVersion(0));
    }
    let file: ReportFile = match format {
        Format::Native => ron::from_str(text).map_err(|e| error::from_ron(&e, text))?,
        Format::Json => json(text)?,
    };
    let mut file = file;
    if format == Format::Native && file.format_version == 1 && file.auto_totals.is_some() {
        return Err(LoadError::Syntax {
            line: 1,
            column: 1,
            detail: "格式版本 1 没有 auto_totals 字段".into(),
        });
    }
    if format == Format::Native && file.format_version >= 2 {
        file.auto_totals.get_or_insert(true);
    }
    file.into_report()
}

pub fn to_native_string(report: &Report) -> String {
    let file = ReportFile::from_report(report, NATIVE_FORMAT, &NATIVE_VERSIONS);
    let config = ron::ser::PrettyConfig::new().indentor("  ".to_string());
    // Serialising plain strings, numbers and maps cannot fail.
    let text = ron::ser::to_string_pretty(&file, config).expect("report serialises to RON");
    ron_text::unescape_printable(&text) + "\n"
}

pub fn to_json_string(report: &Report) -> String {
    let file = ReportFile::from_report(report, JSON_FORMAT, &JSON_VERSIONS);
    serde_json::to_string_pretty(&file).expect("report serialises to JSON") + "\n"
}

pub fn to_string(report: &Report, format: Format) -> String {
    match format {
        Format::Native => to_native_string(report),
        Format::Json => to_json_string(report),
    }
}

/// A report as the bytes of `format`, refused when it would be larger than what is read back.
pub fn report_bytes(report: &Report, format: Format) -> Result<String, SaveError> {
    let text = to_string(report, format);
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(SaveError::TooLarge {
            limit_mib: MAX_FILE_BYTES >> 20,
        });
    }
    Ok(text)
}

/// Writes a report atomically in the format its extension names, replacing a file there
/// (unless it is read-only).
pub fn save(report: &Report, path: &Path) -> Result<(), SaveError> {
    save_report(report, path, Overwrite::Replace, None).map(|_| ())
}

/// Writes a report through [`write_file`]: where it went and its stamp.
pub fn save_report(
    report: &Report,
    path: &Path,
    overwrite: Overwrite,
    expected: Option<&Stamp>,
) -> Result<(PathBuf, Stamp), SaveError> {
    let format = Format::from_path(path)
        .ok_or_else(|| SaveError::UnknownFormat(format!(".{}", extension(path))))?;
    write_file(
        path,
        report_bytes(report, format)?.as_bytes(),
        overwrite,
        expected,
    )
}

/// JSON read with the path of the field an error is in (「cells.t3.new.natural」), so a
/// hand-edited file's mistake can be found.
fn json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, LoadError> {
    let mut reader = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut reader)
        .map_err(|e| error::from_json(e.inner(), &e.path().to_string()))?;
    reader.end().map_err(|e| error::from_json(&e, "."))?;
    Ok(value)
}
