//! 「导出PDF使用本机字体（仿宋_GB2312等）」: the setting, shown in 预览 with what was found for
//! each role in the clerk's words.

use egui::Ui;

use crate::layout::installed::Discovery;
use crate::ui::command::Command;

pub const LABEL: &str = "导出PDF使用本机字体（仿宋_GB2312等）";

/// The checkbox (`on`: the setting) and, when on, one line per role.
pub fn installed_fonts_ui(
    ui: &mut Ui,
    on: bool,
    found: Option<&Discovery>,
    commands: &mut Vec<Command>,
) -> egui::Response {
    let mut checked = on;
    let response = ui.checkbox(&mut checked, LABEL).on_hover_text(
        "用本机安装的仿宋_GB2312、方正小标宋简体、黑体、楷体_GB2312排版和导出；\
         本机没有的字体或授权不允许嵌入的字体用内置字体代替",
    );
    if checked != on {
        commands.push(Command::InstalledFonts(checked));
    }
    if let Some(found) = found {
        for role in &found.roles {
            ui.label(role.describe());
        }
    }
    response
}
