//! The overwrite promise through the real system dialog: the window asks zenity (as it does on
//! a Linux desktop without the portal), and an X server of its own (Xvfb) shows it; xdotool
//! presses the keys a clerk would. zenity's save dialog asks 「是否替换」 itself, so the window
//! must not write over an existing file unless the person pressed 替换 there.
//!
//! Needs `zenity`, `Xvfb` and `xdotool` (`.ci/run` installs them); where one is missing the
//! test says so and does nothing else. One test in this binary: it sets `DISPLAY`, which the
//! zenity it starts inherits.
#![cfg(feature = "window")]

mod common;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use nianbao::app::{App, Dialog, Picker};
use nianbao::file;

fn installed(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// An X server for this test alone, killed when dropped.
struct Xvfb(Child);

impl Drop for Xvfb {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

fn xvfb(display: &str) -> Xvfb {
    let child = Command::new("Xvfb")
        .args([display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start Xvfb");
    let server = Xvfb(child);
    let socket = format!("/tmp/.X11-unix/X{}", &display[1..]);
    let start = Instant::now();
    while !Path::new(&socket).exists() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "Xvfb did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    server
}

fn xdotool(args: &[&str]) -> String {
    let out = Command::new("xdotool")
        .args(args)
        .output()
        .expect("xdotool");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Runs the window until zenity's window (its title is the dialog's, 导出PDF) is up, then
/// focuses it.
fn focus_dialog(h: &mut Harness<'_, App>) {
    let start = Instant::now();
    let window = loop {
        h.run();
        let found = xdotool(&["search", "--onlyvisible", "--name", "导出PDF"]);
        if let Some(w) = found.lines().next() {
            break w.to_string();
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "zenity did not open: {:?}",
            h.state().message
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    // GTK draws and takes keys a moment after mapping its window.
    std::thread::sleep(Duration::from_millis(800));
    xdotool(&["windowfocus", "--sync", &window]);
}

fn key(name: &str) {
    xdotool(&["key", name]);
    std::thread::sleep(Duration::from_millis(600));
}

/// Runs the window's frames until `done`, or fails after a minute.
fn run_until(h: &mut Harness<'_, App>, what: &str, done: impl Fn(&App) -> bool) {
    let start = Instant::now();
    while !done(h.state()) {
        assert!(start.elapsed() < Duration::from_secs(60), "{what}");
        h.run();
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn export_over_an_existing_pdf_through_zenity_asks_and_keeps_it_unless_replaced() {
    let missing: Vec<_> = ["zenity", "Xvfb", "xdotool"]
        .into_iter()
        .filter(|p| !installed(p))
        .collect();
    if !missing.is_empty() {
        eprintln!("zenity test skipped: {} not installed", missing.join(", "));
        return;
    }
    let display = format!(":{}", 50 + std::process::id() % 200);
    let _server = xvfb(&display);
    // SAFETY: the only test in this binary; nothing else reads the environment meanwhile.
    unsafe { std::env::set_var("DISPLAY", &display) };

    let dir = common::temp_dir("win-zenity");
    let report = dir.join("年报.nianbao");
    let balanced = common::balanced();
    file::save(&balanced, &report).unwrap();
    // The name 导出PDF proposes, beside the report.
    let pdf = dir.join(format!("{}.pdf", balanced.title()));
    std::fs::write(&pdf, b"precious pdf").unwrap();

    let mut app = App::start(dir.join("config"), Some(&report));
    app.picker = Picker::zenity();
    let mut h = common::window::harness(app, common::window::CLERK_SCREEN);

    // 导出PDF proposes the existing PDF; Enter takes it, zenity asks whether to
    // replace it; Escape says no there, Escape again closes the dialog.
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    focus_dialog(&mut h);
    key("Return");
    key("Escape");
    key("Escape");
    run_until(&mut h, "the cancelled dialog closes", |app| {
        app.dialog.is_none()
    });
    h.state_mut().finish_export();
    assert_eq!(std::fs::read(&pdf).unwrap(), b"precious pdf");

    // Asked again, 替换 (the default button, Enter) replaces it, and only once asked.
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    focus_dialog(&mut h);
    key("Return");
    key("Return");
    run_until(&mut h, "the export starts", |app| app.export.is_some());
    h.state_mut().finish_export();
    let written = std::fs::read(&pdf).unwrap();
    assert!(written.starts_with(b"%PDF-"), "{:?}", &written[..16]);
    assert!(
        matches!(h.state().dialog, Some(Dialog::Exported { .. })),
        "exported, and the window did not ask a second time"
    );
}
