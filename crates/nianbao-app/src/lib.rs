//! nianbao's window: `ui` (widgets drawing the core's data, pushing `Command`s) below `app`
//! (the eframe application applying them after the frame). Only this crate knows egui.

// The core's modules under their usual names, so `crate::model` reads as in the core.
pub(crate) use nianbao_core::{
    check, desk, editor, export, file, import, layout, model, open, template,
};
pub(crate) use nianbao_pdf as pdf;

pub mod app;
pub mod ui;
