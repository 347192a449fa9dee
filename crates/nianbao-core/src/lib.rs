//! nianbao's core, in layers that only depend downwards (checked by `tests/layers.rs`):
//! `say` (the libraries' English in Chinese) → `template` (the national formats as data) → `model` (a report) → `file` (native RON and
//! JSON) and `check` (every rule, pure) → `import` (published reports) and `layout` (pages in
//! mm) → `export` (web page, Word) → `open` → `desk` (many reports at once) → `editor` (the document being edited, without UI). No egui, no printpdf.

pub mod check;
pub mod desk;
pub mod editor;
pub mod export;
pub mod file;
pub mod import;
pub mod layout;
pub mod model;
pub mod open;
pub mod say;
pub mod template;
