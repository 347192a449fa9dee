//! The layers the architecture promises. Between crates the compiler enforces them (a crate
//! cannot name one it does not depend on); this test keeps the core's manifest free of UI and
//! PDF libraries and the modules inside the core in their order, each naming only those below.

use std::path::Path;

/// The core's modules, lowest first: each may use only modules before it.
const CORE_ORDER: &[&str] = &[
    "say", "template", "model", "file", "check", "import", "layout", "export", "open", "desk",
    "editor",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The core modules a source file names with `crate::…`.
fn used_modules(text: &str) -> Vec<&'static str> {
    CORE_ORDER
        .iter()
        .copied()
        .filter(|m| {
            text.match_indices(&format!("crate::{m}"))
                .any(|(at, found)| {
                    let next = text[at + found.len()..].chars().next();
                    !next.is_some_and(|c| c.is_alphanumeric() || c == '_')
                })
        })
        .collect()
}

#[test]
fn core_modules_only_use_modules_below_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/nianbao-core/src");
    let mut violations = Vec::new();
    for (level, module) in CORE_ORDER.iter().enumerate() {
        let mut files = Vec::new();
        let dir = src.join(module);
        if dir.is_dir() {
            rust_files(&dir, &mut files);
        } else {
            files.push(src.join(format!("{module}.rs")));
        }
        assert!(!files.is_empty(), "{module} has no files");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for used in used_modules(&text) {
                let used_level = CORE_ORDER.iter().position(|m| *m == used).unwrap();
                if used_level > level {
                    violations.push(format!("{} uses crate::{used}", file.display()));
                }
            }
        }
    }
    assert_eq!(violations, Vec::<String>::new());
}

#[test]
fn the_core_depends_on_no_ui_or_pdf_library() {
    let manifest = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/nianbao-core/Cargo.toml"),
    )
    .unwrap();
    for forbidden in [
        "egui",
        "eframe",
        "rfd",
        "printpdf",
        "nianbao-pdf",
        "nianbao-app",
    ] {
        assert!(
            !manifest.contains(forbidden),
            "nianbao-core depends on {forbidden}"
        );
    }
    let pdf = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/nianbao-pdf/Cargo.toml"),
    )
    .unwrap();
    for forbidden in ["egui", "eframe", "rfd", "nianbao-app"] {
        assert!(
            !pdf.contains(forbidden),
            "nianbao-pdf depends on {forbidden}"
        );
    }
}

#[test]
fn widgets_never_reach_up_into_the_application() {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/nianbao-app/src/ui");
    let mut files = Vec::new();
    rust_files(&ui, &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("crate::app"),
            "{} uses crate::app",
            file.display()
        );
    }
}
