//! Keyboard: the global shortcuts (Ctrl+N/O/S/Shift+S/E/Shift+C/Z/Y), and spreadsheet moves and block
//! paste while a table cell has the focus. Keys are consumed before any widget sees them, so
//! a text field's own undo or Enter handling never competes.

use egui::{Event, Key, KeyboardShortcut, Modifiers, Ui};

use super::{Command, Guarded};
use crate::editor::Edit;
use crate::editor::nav::Move;
use crate::editor::paste;
use crate::template::CellIx;

/// Every global shortcut, once, with the clerk's name of what it does: the keys below, the
/// menus' shortcut text and the README's list all come from here. Most specific first:
/// `consume_shortcut` ignores an extra Shift.
pub fn table() -> [(KeyboardShortcut, Command, &'static str); 9] {
    let shortcut = |m, k| KeyboardShortcut::new(m, k);
    let cmd = Modifiers::COMMAND;
    let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
    [
        (
            shortcut(cmd, Key::N),
            Command::Guarded(Guarded::New),
            "新建",
        ),
        (
            shortcut(cmd, Key::O),
            Command::Guarded(Guarded::Open),
            "打开",
        ),
        (shortcut(cmd_shift, Key::S), Command::SaveAs, "另存为"),
        (shortcut(cmd, Key::S), Command::Save, "保存"),
        (shortcut(cmd, Key::E), Command::ExportPdf, "导出PDF"),
        (shortcut(cmd_shift, Key::C), Command::CopyHtml, "复制为网页"),
        (shortcut(cmd, Key::Y), Command::Redo, "重做"),
        (shortcut(cmd_shift, Key::Z), Command::Redo, "重做"),
        (shortcut(cmd, Key::Z), Command::Undo, "撤销"),
    ]
}

/// A shortcut as Windows and Linux spell it: 「Ctrl+Shift+S」.
pub fn spelled(keys: &KeyboardShortcut) -> String {
    keys.format(&egui::ModifierNames::NAMES, false)
}

/// The (first) shortcut of a command, spelled for its menu entry.
pub fn shortcut_of(command: &Command) -> Option<String> {
    table()
        .into_iter()
        .find(|(_, c, _)| c == command)
        .map(|(keys, _, _)| spelled(&keys))
}

pub fn shortcuts(ui: &mut Ui, commands: &mut Vec<Command>) {
    ui.input_mut(|input| {
        for (keys, command, _) in table() {
            if input.consume_shortcut(&keys) {
                commands.push(command);
            }
        }
    });
}

/// Moves and paste for the focused cell. `caret` is the caret's character position and the
/// text's length, so Left/Right leave the cell only at its edges.
pub fn cell_keys(
    ui: &mut Ui,
    cell: CellIx,
    caret: Option<(usize, usize)>,
    commands: &mut Vec<Command>,
) {
    ui.input_mut(|input| {
        // Tab and Shift+Tab go round the table (egui's own order would leave it for the menu).
        // With-Shift first: a key without modifiers also matches it with Shift.
        let moves = [
            (Modifiers::SHIFT, Key::Tab, Move::Previous),
            (Modifiers::NONE, Key::Tab, Move::Next),
            (Modifiers::SHIFT, Key::Enter, Move::Up),
            (Modifiers::NONE, Key::Enter, Move::Down),
            (Modifiers::NONE, Key::ArrowUp, Move::Up),
            (Modifiers::NONE, Key::ArrowDown, Move::Down),
        ];
        for (modifiers, key, mv) in moves {
            if input.consume_key(modifiers, key) {
                commands.push(Command::Move(mv));
            }
        }
        let (at, len) = caret.unwrap_or((0, 0));
        if at == 0 && input.consume_key(Modifiers::NONE, Key::ArrowLeft) {
            commands.push(Command::Move(Move::Left));
        }
        if at == len && input.consume_key(Modifiers::NONE, Key::ArrowRight) {
            commands.push(Command::Move(Move::Right));
        }
        input.events.retain(|event| match event {
            Event::Paste(text) if paste::is_block(text) => {
                commands.push(Command::Edit(Edit::Paste {
                    at: cell,
                    text: text.clone(),
                }));
                false
            }
            _ => true,
        });
    });
}
