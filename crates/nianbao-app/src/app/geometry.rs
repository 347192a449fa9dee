//! The window's place on the screen: the first time a size that fits a 1366×768 screen with a
//! taskbar, afterwards the size, position and maximised state it had when it was closed (kept
//! in the settings file beside the recent files).

use egui::{Pos2, Rect, Vec2, ViewportBuilder, ViewportCommand, ViewportInfo, vec2};

use super::App;
use crate::editor::session::WindowGeometry;

/// The first inner size: fits 1366×768 less a 40-point taskbar and a 30-point title bar.
pub const DEFAULT_SIZE: Vec2 = vec2(1300.0, 680.0);
pub const MIN_SIZE: Vec2 = vec2(900.0, 540.0);
/// What a taskbar and the title bar may take from the monitor.
const CHROME: Vec2 = vec2(20.0, 88.0);
/// The height of a taskbar at the bottom of the screen.
const TASKBAR: f32 = 40.0;

/// The application icon (`assets/icon/nianbao.png`, drawn by `make-icon.sh` beside it).
pub const ICON_PNG: &[u8] = include_bytes!("../../../../assets/icon/nianbao.png");

/// The window as it opens: the saved geometry when there is a usable one, else the default.
pub fn viewport(saved: Option<&WindowGeometry>) -> ViewportBuilder {
    let builder = ViewportBuilder::default()
        .with_title("nianbao 年报")
        .with_min_inner_size(MIN_SIZE)
        .with_drag_and_drop(true);
    let builder = match eframe::icon_data::from_png_bytes(ICON_PNG) {
        Ok(icon) => builder.with_icon(icon),
        Err(_) => builder,
    };
    match saved.filter(|g| usable(g)) {
        Some(g) => builder
            .with_inner_size([g.width, g.height])
            .with_position([g.x, g.y])
            .with_maximized(g.maximized),
        None => builder.with_inner_size(DEFAULT_SIZE),
    }
}

fn usable(g: &WindowGeometry) -> bool {
    [g.x, g.y, g.width, g.height].iter().all(|v| v.is_finite())
        && g.width >= MIN_SIZE.x
        && g.height >= MIN_SIZE.y
}

/// What the window reports from frame to frame.
#[derive(Default)]
pub struct GeometryWatch {
    /// The last normal geometry seen, with the latest maximised state.
    pub seen: Option<WindowGeometry>,
    /// Whether the first frame's fit to the monitor was done.
    fitted: bool,
}

impl GeometryWatch {
    /// Notes the viewport's state; a maximised or minimised window keeps the normal size.
    pub fn observe(&mut self, info: &ViewportInfo) {
        let maximized = info.maximized.unwrap_or(false);
        let normal = !maximized && info.minimized != Some(true) && info.fullscreen != Some(true);
        match (normal, info.inner_rect, info.outer_rect) {
            (true, Some(inner), Some(outer)) => {
                self.seen = Some(WindowGeometry {
                    x: outer.min.x,
                    y: outer.min.y,
                    width: inner.width(),
                    height: inner.height(),
                    maximized: false,
                });
            }
            _ => {
                if let Some(seen) = &mut self.seen {
                    seen.maximized = maximized;
                } else if maximized {
                    self.seen = Some(WindowGeometry {
                        width: DEFAULT_SIZE.x,
                        height: DEFAULT_SIZE.y,
                        maximized,
                        ..Default::default()
                    });
                }
            }
        }
    }

    /// Once the monitor is known: shrinks a window taller or wider than the monitor's usable
    /// part, and brings one that lies off the screen back.
    fn fit(&mut self, info: &ViewportInfo) -> Vec<ViewportCommand> {
        let (Some(monitor), Some(outer), Some(inner)) =
            (info.monitor_size, info.outer_rect, info.inner_rect)
        else {
            return Vec::new();
        };
        self.fitted = true;
        if info.maximized == Some(true) {
            return Vec::new();
        }
        let mut commands = Vec::new();
        let room = (monitor - CHROME).max(MIN_SIZE);
        if inner.width() > room.x || inner.height() > room.y {
            commands.push(ViewportCommand::InnerSize(inner.size().min(room)));
        }
        let screen = Rect::from_min_size(Pos2::ZERO, monitor);
        let height = outer.height().min(monitor.y - TASKBAR);
        if !screen.shrink(TASKBAR).intersects(outer) {
            commands.push(ViewportCommand::OuterPosition(Pos2::ZERO));
        } else if outer.bottom() > monitor.y - TASKBAR {
            // Keep the status bar above a taskbar at the bottom of the screen.
            let y = (monitor.y - TASKBAR - height).max(0.0);
            commands.push(ViewportCommand::OuterPosition(Pos2::new(outer.left(), y)));
        }
        commands
    }
}

impl App {
    /// Each frame: follow the window's geometry, and fit it to the monitor once.
    pub(super) fn watch_geometry(&mut self, ctx: &egui::Context) {
        let info = ctx.input(|i| i.viewport().clone());
        if !self.geometry.fitted {
            let commands = self.geometry.fit(&info);
            let maximize = self.settings.window.is_some_and(|g| g.maximized);
            if self.geometry.fitted && maximize && info.maximized != Some(true) {
                // On X11 the builder's maximised state is lost before the window is mapped
                // (the window is only sized to the screen): ask the window manager again.
                ctx.send_viewport_cmd(ViewportCommand::Maximized(true));
            } else {
                for command in commands {
                    ctx.send_viewport_cmd(command);
                }
            }
        }
        self.geometry.observe(&info);
        if info.close_requested() {
            self.save_geometry();
        }
    }

    /// Writes the window's geometry into the settings file (read again first, so the recent
    /// files another window wrote meanwhile stay).
    pub fn save_geometry(&mut self) {
        let Some(seen) = self.geometry.seen else {
            return;
        };
        let mut settings = crate::editor::session::Settings::load(&self.config);
        settings.window = Some(seen);
        self.settings.window = Some(seen);
        if let Err(e) = settings.save(&self.config) {
            self.message = Some((
                format!(
                    "无法保存设置（窗口大小）：{}",
                    crate::file::io_reason(&e, "写入")
                ),
                true,
            ));
        }
    }
}
