//! Opening any file a clerk has: our own (`file`: native or JSON) or a published report
//! (`import`: Word, web page, PDF, text). Above both, so the native codec knows nothing of the
//! importer.

use std::path::Path;

use crate::file::{
    self, LoadError, MAX_FILE_BYTES, Stamp, escape::shown, extension, read_stamped_up_to,
};
use crate::import::{self, ImportError, ImportReport, Source};
use crate::model::Report;

/// Why a file could not be opened: as our own file, or as a published report.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{}", shown(&.0.to_string()))]
    Import(#[from] ImportError),
    /// A format reports are kept in that is not read, with what to do instead.
    #[error("{0}")]
    Unread(&'static str),
}

/// A report as opened: imported ones carry what the clerk should confirm.
pub struct Opened {
    pub report: Report,
    pub import: Option<ImportReport>,
    /// The file as it was read, to notice changes made by others before saving over it.
    pub stamp: Stamp,
}

/// Reads a report from a file, by its extension (or its content when the extension is unknown).
/// Published reports (.docx, .html, .pdf, .txt) are imported; use [`open`] to keep the import report.
pub fn load(path: &Path) -> Result<Report, OpenError> {
    open(path).map(|o| o.report)
}

/// Opens a native or JSON file, or imports a published report (Word, web page, PDF, text).
pub fn open(path: &Path) -> Result<Opened, OpenError> {
    let ext = extension(path);
    if let Some(why) = import::unread_format(&ext) {
        return Err(OpenError::Unread(why));
    }
    let source = Source::from_extension(&ext);
    let limit = source.map_or(MAX_FILE_BYTES, Source::max_bytes);
    let (bytes, stamp) = read_stamped_up_to(path, limit)?;
    if let Some(source) = source {
        if bytes.is_empty() {
            return Err(LoadError::Empty.into());
        }
        let (report, import) = import::import(&bytes, source)?;
        return Ok(Opened {
            report,
            import: Some(import),
            stamp,
        });
    }
    let report = file::parse_known(path, &bytes)?;
    Ok(Opened {
        report,
        import: None,
        stamp,
    })
}

/// Whether a path is a published report that is imported rather than opened.
pub fn is_import(path: &Path) -> bool {
    Source::from_extension(&extension(path)).is_some()
}
