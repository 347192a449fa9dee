//! The window's recovery copy: written a little after the last edit, removed once the work
//! is saved or let go, and every failure said in the status bar.

use std::path::PathBuf;

use super::dialogs::Dialog;
use super::{App, RECOVERY_DELAY};

impl App {
    /// Offers the newest copy left by a window that crashed, if there is one.
    pub(super) fn offer_recovery(&mut self) {
        if let Some((info, report)) = self.recovery.find_orphan() {
            self.dialog = Some(Dialog::Recovery {
                info,
                report: Box::new(report),
            });
        }
    }

    /// Writes the recovery copy a little after the last edit; a crash then loses seconds.
    pub(super) fn keep_recovery_copy(&mut self, ctx: &egui::Context) {
        let Some(changed) = self.editor.last_change else {
            return;
        };
        if !self.editor.is_dirty() || self.recovery_written == Some(changed) {
            return;
        }
        let waited = changed.elapsed();
        if waited >= RECOVERY_DELAY {
            match self.write_recovery() {
                Ok(()) => self.recovery_written = Some(changed),
                Err(e) => self.message = Some((format!("无法写入恢复副本：{e}"), true)),
            }
        } else {
            ctx.request_repaint_after(RECOVERY_DELAY - waited);
        }
    }

    /// Removes the recovery copy (the work is saved or was let go); says so when it cannot.
    pub(super) fn clear_recovery(&mut self) {
        if let Err(e) = self.recovery.clear() {
            self.message = Some((
                format!("无法删除恢复副本：{}", crate::file::io_reason(&e, "删除")),
                true,
            ));
        }
    }

    /// Writes the recovery copy of the report now.
    pub(super) fn write_recovery(&mut self) -> Result<(), crate::file::SaveError> {
        self.recovery.write(
            &self.editor.report,
            self.editor.path.as_deref(),
            self.editor.stamp(),
        )
    }

    /// Where this window's recovery copy is written.
    pub fn recovery_copy_path(&self) -> PathBuf {
        self.recovery.copy_path()
    }
}
