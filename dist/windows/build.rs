//! For Windows targets: the program's icon, version information and manifest as resources of
//! nianbao.exe, compiled with mingw's windres (`WINDRES`, default
//! `x86_64-w64-mingw32-windres`) and linked into the binaries. Other targets: nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=assets/icon/nianbao.ico");
    println!("cargo:rerun-if-changed=dist/windows/nianbao.manifest");
    println!("cargo:rerun-if-env-changed=WINDRES");
    let windows = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "windows");
    let gnu = std::env::var("CARGO_CFG_TARGET_ENV").is_ok_and(|env| env == "gnu");
    if !(windows && gnu) {
        return;
    }
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let version = std::env::var("CARGO_PKG_VERSION").expect("set by cargo");
    let rc = out.join("nianbao.rc");
    std::fs::write(&rc, resource_script(&root, &version)).expect("write nianbao.rc");
    let object = out.join("nianbao-resources.o");
    let windres = std::env::var("WINDRES").unwrap_or_else(|_| "x86_64-w64-mingw32-windres".into());
    let status = Command::new(&windres)
        .args([
            "--codepage=65001",
            "--input-format=rc",
            "--output-format=coff",
        ])
        .arg("-i")
        .arg(&rc)
        .arg("-o")
        .arg(&object)
        .status()
        .unwrap_or_else(|e| panic!("{windres} (package binutils-mingw-w64-x86-64): {e}"));
    assert!(status.success(), "{windres} failed: {status}");
    println!("cargo:rustc-link-arg-bins={}", object.display());
}

/// The .rc text: icon 1 (the exe's), the manifest, and VERSIONINFO in Chinese (zh-CN,
/// Unicode), the version from Cargo.toml.
fn resource_script(root: &Path, version: &str) -> String {
    let mut parts: Vec<u16> = version
        .split(['.', '-', '+'])
        .map_while(|p| p.parse().ok())
        .collect();
    parts.resize(4, 0);
    let comma = parts
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let quoted = |p: PathBuf| format!("\"{}\"", p.display().to_string().replace('\\', "/"));
    format!(
        r#"#pragma code_page(65001)
1 ICON {icon}
1 24 {manifest}
1 VERSIONINFO
FILEVERSION {comma}
PRODUCTVERSION {comma}
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "080404B0"
    BEGIN
      VALUE "FileDescription", "nianbao 年报：政府信息公开工作年度报告"
      VALUE "ProductName", "nianbao 年报"
      VALUE "FileVersion", "{version}"
      VALUE "ProductVersion", "{version}"
      VALUE "OriginalFilename", "nianbao.exe"
      VALUE "InternalName", "nianbao"
      VALUE "LegalCopyright", "MIT OR Apache-2.0；字体 SIL OFL 1.1、GPL-3（字体例外）"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x0804, 1200
  END
END
"#,
        icon = quoted(root.join("assets/icon/nianbao.ico")),
        manifest = quoted(root.join("dist/windows/nianbao.manifest")),
    )
}
