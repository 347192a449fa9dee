//! 复制为网页 (Ctrl+Shift+C): the report as the exported page's article on the clipboard as
//! HTML, with the plain text (tables as tab-separated rows) for editors that take only text.
//! arboard writes HTML on Windows (CF_HTML), macOS, X11 and Wayland. The clipboard is opened
//! once and kept: on X11 and Wayland what was copied lives as long as its owner.

use super::App;

pub enum Clipboard {
    /// The system's clipboard, opened on the first copy.
    System(Option<arboard::Clipboard>),
    /// Tests: the last (HTML, plain text) copied.
    Memory(Option<(String, String)>),
}

impl Default for Clipboard {
    fn default() -> Self {
        Clipboard::System(None)
    }
}

impl Clipboard {
    fn set(&mut self, html: String, text: String) -> Result<(), arboard::Error> {
        match self {
            Clipboard::Memory(copied) => {
                *copied = Some((html, text));
                Ok(())
            }
            Clipboard::System(open) => {
                let board = match open {
                    Some(board) => board,
                    None => open.insert(arboard::Clipboard::new()?),
                };
                board.set_html(html, Some(text))
            }
        }
    }
}

impl App {
    pub(super) fn copy_html(&mut self) {
        let report = &self.editor.report;
        let html = crate::export::html::fragment(report);
        let text = crate::export::plain_text(report);
        self.message = Some(match self.clipboard.set(html, text) {
            Ok(()) => (
                "已复制为网页，可直接粘贴到网站编辑器或 Word 中".into(),
                false,
            ),
            Err(e) => (format!("无法复制到剪贴板：{e}"), true),
        });
    }
}
