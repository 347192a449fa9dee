//! 导出PDF使用本机字体: the setting (kept in `settings.ron`) and the installed fonts it finds
//! per role, used by 预览 and 导出PDF alike.

use super::App;
use crate::layout::FontSet;
use crate::layout::installed::{self, Discovery};

impl App {
    /// Whether the PDF uses installed fonts (the remembered setting).
    pub fn installed_fonts_on(&self) -> bool {
        self.settings.system_fonts
    }

    /// The installed fonts per role with the setting on, looked for the first time they are
    /// needed (the system's font folders are read once per process).
    pub fn installed_fonts(&mut self) -> Option<&Discovery> {
        if !self.settings.system_fonts {
            return None;
        }
        if self.installed.is_none() {
            self.installed = Some(match &self.font_dir {
                Some(dir) => installed::discover_in(dir, crate::pdf::embeddable),
                None => installed::discover_system(crate::pdf::embeddable),
            });
        }
        self.installed.as_ref()
    }

    /// The fonts 预览 and 导出PDF use.
    pub fn font_set(&mut self) -> FontSet {
        self.installed_fonts().map_or(FontSet::BUNDLED, |d| d.set)
    }

    /// Turns the setting on or off and remembers it (the settings file is read again first,
    /// so what another window wrote is kept).
    pub(super) fn use_installed_fonts(&mut self, on: bool) {
        self.settings.system_fonts = on;
        self.installed = None;
        let mut settings = crate::editor::session::Settings::load(&self.config);
        settings.system_fonts = on;
        if let Err(e) = settings.save(&self.config) {
            let reason = crate::file::io_reason(&e, "写入");
            self.message = Some((format!("无法保存设置（本机字体）：{reason}"), true));
            return;
        }
        let text = if on {
            let roles = self
                .installed_fonts()
                .map(|d| d.roles.clone())
                .unwrap_or_default();
            let used = roles.iter().filter(|r| r.used.is_some()).count();
            format!("导出PDF将使用本机字体（找到 {used} 种，其余用内置字体）")
        } else {
            "导出PDF使用内置字体".to_owned()
        };
        self.message = Some((text, false));
    }
}
