//! nianbao: authoring, checking and publishing the yearly 政府信息公开工作年度报告.
//!
//! A workspace of crates that only depend downwards: `nianbao-core` (template, model, file,
//! check, import, layout, editor; no UI, no PDF library) ← `nianbao-pdf` (printpdf) ←
//! `nianbao-app` (the egui window) ← this crate (the command line and the binary). The core's
//! modules are re-exported here under their usual paths (`nianbao::model`, …).

#[cfg(feature = "window")]
pub use nianbao_app::{app, ui};
pub use nianbao_core::{check, desk, editor, export, import, layout, model, open, template};
pub use nianbao_pdf as pdf;

pub mod cli;

/// Files as the command line and tests use them: the native/JSON codec, and opening any file
/// a clerk has (our own or a published report), which lives above both in the core.
pub mod file {
    pub use nianbao_core::file::*;
    pub use nianbao_core::open::{OpenError, Opened, is_import, load, open};
}
