//! Opening reports published as Word files, web pages or copied text. Each format is reduced
//! to a [`Document`] (paragraphs and tables in reading order); recognising the report in it
//! is format-independent.

pub mod document;
pub mod html;

pub use document::{Block, Cell, Document, Table};
