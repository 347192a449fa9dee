//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use nianbao::check::{Rendered, RuleId};
use nianbao::model::Report;

pub fn example_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples")
        .join(name)
}

pub fn example(name: &str) -> Report {
    nianbao::file::load(&example_path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The balanced 2025 township report.
pub fn balanced() -> Report {
    example("2025-qingshi.nianbao")
}

/// The 2025 example with a distinct 5- to 8-digit figure in every cell (amounts with a
/// decimal), totals as written: what tables and pages must hold whole.
pub fn large_figures() -> Report {
    let mut report = example("2025-qingshi.nianbao");
    report.auto_totals = false;
    for i in report.template.cell_ixs() {
        let figure = 10_000 + (i.get() * 7_919_113) % 99_990_000;
        let text = match report.template.cell(i).kind {
            nianbao::model::CellKind::Amount => format!("{}.5", figure / 10),
            _ => figure.to_string(),
        };
        report.set_text(i, &text);
    }
    report
}

/// A fresh, empty folder under the system temp folder.
pub fn temp_dir(tag: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "nianbao-test-{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub mod pdfmake;
pub mod published;
#[cfg(feature = "window")]
pub mod window;

pub fn set(report: &mut Report, id: &str, text: &str) {
    let i = report
        .template
        .cell_index(id)
        .unwrap_or_else(|| panic!("no cell {id}"));
    report.set_text(i, text);
}

pub fn of_rule(findings: &[Rendered], rule: RuleId) -> Vec<&Rendered> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

/// The findings as the CLI and JSON show them: cell ids, messages with their fix spelled out.
pub fn checked(report: &Report, prev: Option<&Report>) -> Vec<Rendered> {
    nianbao::check::check(report, prev)
        .iter()
        .map(|f| f.render(report.template))
        .collect()
}

pub fn check(report: &Report) -> Vec<Rendered> {
    checked(report, None)
}

/// Runs an outside tool (LibreOffice, poppler): its standard output, or `None` with the reason
/// printed when it is not installed or fails (the test then skips that part, and says so).
pub fn run_tool(program: &str, args: &[&str]) -> Option<String> {
    match std::process::Command::new(program).args(args).output() {
        Ok(out) if out.status.success() => Some(String::from_utf8_lossy(&out.stdout).into()),
        Ok(out) => {
            eprintln!(
                "skipped: {program} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            None
        }
        Err(e) => {
            eprintln!("skipped: {program} is not installed ({e})");
            None
        }
    }
}

/// LibreOffice's PDF of a document (a private profile in the document's folder), or `None`
/// with the reason printed when LibreOffice is not installed or fails.
pub fn soffice_pdf(document: &Path) -> Option<PathBuf> {
    let dir = document.parent()?;
    let profile = format!("-env:UserInstallation=file://{}/profile", dir.display());
    let (out, input) = (dir.display().to_string(), document.display().to_string());
    let args = [
        "--headless",
        &profile,
        "--convert-to",
        "pdf",
        "--outdir",
        &out,
        &input,
    ];
    let said = run_tool("soffice", &args)?;
    let pdf = document.with_extension("pdf");
    if !pdf.is_file() {
        // soffice exits 0 without a word processor installed (only Calc, say).
        eprintln!(
            "skipped: soffice made no PDF of {} ({said})",
            document.display()
        );
        return None;
    }
    Some(pdf)
}

/// A PDF's text without spaces or line breaks (labels wrap inside cells).
pub fn pdf_text_squeezed(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}
