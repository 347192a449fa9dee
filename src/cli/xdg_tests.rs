use super::*;

/// A fresh folder of its own for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-xdg-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_entry_opens_the_file_with_this_program_and_names_the_type() {
    let entry = desktop_entry(Path::new("/opt/年报 工具/nianbao")).unwrap();
    assert!(entry.starts_with("[Desktop Entry]\n"));
    assert!(entry.contains("\nExec=\"/opt/年报 工具/nianbao\" %f\n"));
    assert!(entry.contains("\nMimeType=application/x-nianbao;\n"));
    assert!(entry.contains("\nIcon=nianbao\n") && entry.contains("\nType=Application\n"));
    for line in entry.lines().skip(1) {
        assert!(line.contains('='), "key=value: {line}");
    }
}

#[test]
fn odd_characters_are_quoted_as_the_desktop_entry_spec_says() {
    let odd = desktop_entry(Path::new("/home/a\"b/$x/`y`/c\\d/nianbao")).unwrap();
    assert!(
        odd.contains(r#"Exec="/home/a\\"b/\\$x/\\`y\\`/c\\\\d/nianbao" %f"#),
        "{odd}"
    );
    let forged = desktop_entry(Path::new("/tmp/a\nExec=evil/nianbao")).unwrap_err();
    assert!(forged.contains("控制字符"), "{forged}");
    let percent = desktop_entry(Path::new("/tmp/100%/nianbao")).unwrap_err();
    assert!(percent.contains("含有“%”"), "{percent}");
}

#[test]
fn the_mime_type_matches_the_extension_and_the_file_header() {
    let xml = mime_xml();
    assert!(xml.contains(r#"<mime-type type="application/x-nianbao">"#));
    assert!(xml.contains(r#"<glob pattern="*.nianbao"/>"#));
    assert!(xml.contains(r#"value="format: &quot;nianbao&quot;""#));
    assert_eq!(
        xml.matches("<mime-type").count(),
        xml.matches("</mime-type>").count()
    );
}

#[test]
fn the_data_folder_is_absolute_or_refused() {
    let os = |s: &str| Some(OsString::from(s));
    assert_eq!(
        data_home(os("/x/share"), os("/home/a")),
        Ok("/x/share".into())
    );
    assert_eq!(
        data_home(os("rel/share"), os("/home/a")),
        Ok("/home/a/.local/share".into()),
        "a relative XDG_DATA_HOME is ignored"
    );
    let relative = data_home(None, os("home/a")).unwrap_err();
    assert!(relative.contains("不是绝对路径"), "{relative}");
    assert!(data_home(None, os("")).unwrap_err().contains("HOME 未设置"));
    assert!(data_home(os(""), None).unwrap_err().contains("HOME 未设置"));
}

#[test]
fn install_writes_the_three_files_and_uninstall_takes_them_away() {
    let data = scratch("install");
    let files = install(&data, Path::new("/usr/bin/nianbao"), false).unwrap();
    assert_eq!(files.len(), 3);
    assert!(files.iter().all(|f| f.starts_with(&data) && f.is_file()));
    assert!(std::fs::read(&files[2]).unwrap().starts_with(b"\x89PNG"));
    // Installed again (a moved program): our own files are replaced without --force.
    install(&data, Path::new("/opt/nianbao"), false).unwrap();
    let entry = std::fs::read_to_string(&files[0]).unwrap();
    assert!(entry.contains("Exec=\"/opt/nianbao\" %f"), "{entry}");
    assert_eq!(uninstall(&data, false).unwrap(), files);
    assert!(files.iter().all(|f| !f.exists()));
    assert_eq!(
        uninstall(&data, false).unwrap(),
        Vec::<PathBuf>::new(),
        "twice is fine"
    );
    std::fs::remove_dir_all(&data).unwrap();
}

#[test]
fn a_link_or_a_foreign_file_is_never_written_through_without_force() {
    let data = scratch("links");
    let victim = data.join("victim.txt");
    std::fs::write(&victim, "someone's notes").unwrap();
    let entry = data.join("applications").join("nianbao.desktop");
    std::fs::create_dir_all(entry.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&victim, &entry).unwrap();

    let refused = install(&data, Path::new("/usr/bin/nianbao"), false).unwrap_err();
    assert!(
        refused.contains("是一个链接") && refused.contains("--force"),
        "{refused}"
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "someone's notes");
    assert!(
        !data.join("mime/packages/nianbao.xml").exists(),
        "a refusal writes nothing at all"
    );
    assert!(uninstall(&data, false).unwrap_err().contains("是一个链接"));
    assert!(entry.symlink_metadata().is_ok(), "the link stays");

    // With --force the link itself is replaced; the file it pointed to is untouched.
    install(&data, Path::new("/usr/bin/nianbao"), true).unwrap();
    assert!(!entry.symlink_metadata().unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "someone's notes");

    // Someone else's MIME file of the same name is left alone.
    let xml = data.join("mime/packages/nianbao.xml");
    std::fs::write(&xml, "<mime-info>not ours</mime-info>").unwrap();
    let foreign = install(&data, Path::new("/usr/bin/nianbao"), false).unwrap_err();
    assert!(foreign.contains("不是 nianbao 写的"), "{foreign}");
    assert!(
        uninstall(&data, false)
            .unwrap_err()
            .contains("不是 nianbao 写的")
    );
    assert_eq!(
        std::fs::read_to_string(&xml).unwrap(),
        "<mime-info>not ours</mime-info>"
    );
    std::fs::remove_dir_all(&data).unwrap();
}
