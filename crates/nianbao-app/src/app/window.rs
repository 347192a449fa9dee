//! Running the window: the eframe entry point and the clock it starts from.

use std::path::PathBuf;

use super::App;
use crate::editor::session::{Settings, config_dir};
use crate::ui;

/// The calendar year now, by the same clock as the PDF's date (China, UTC+8).
pub fn current_year() -> i32 {
    crate::model::CivilDate::today().year
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }
}

/// Opens the window (the `nianbao [FILE]` command).
pub fn run(file: Option<PathBuf>) -> Result<(), String> {
    let saved = Settings::load(&config_dir()).window;
    let options = eframe::NativeOptions {
        viewport: super::geometry::viewport(saved.as_ref()),
        // Not centred on the whole monitor (the taskbar would hide the status bar): the window
        // manager places a new window in the free area; a remembered one goes where it was.
        centered: false,
        ..Default::default()
    };
    eframe::run_native(
        "nianbao",
        options,
        Box::new(move |cc| {
            ui::fonts::install(&cc.egui_ctx);
            cc.egui_ctx.set_theme(egui::Theme::Light);
            Ok(Box::new(App::start(config_dir(), file.as_deref())))
        }),
    )
    .map_err(|e| e.to_string())
}
