//! The window under egui_kittest as the window tests drive it: the bundled fonts, a screen of
//! a given size, one frame run.

use egui_kittest::Harness;
use nianbao::app::App;

pub fn harness(app: App, size: egui::Vec2) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(size)
        .with_context_setup(nianbao::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run();
    h
}

/// 1366×768: the clerks' screen.
pub const CLERK_SCREEN: egui::Vec2 = egui::vec2(1366.0, 768.0);
