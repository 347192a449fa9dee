//! nianbao: authoring, checking and publishing the yearly 政府信息公开工作年度报告.
//!
//! The pipeline: `template` (the national formats as data) → `model` (a report) →
//! `file` (native RON and JSON, atomic saves) → `check` (every rule, pure) → `cli`.

#[cfg(feature = "window")]
pub mod app;
pub mod check;
pub mod cli;
pub mod editor;
pub mod file;
pub mod import;
pub mod layout;
pub mod model;
pub mod pdf;
pub mod template;
#[cfg(feature = "window")]
pub mod ui;
