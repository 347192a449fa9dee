//! Saves survive being killed at any moment: a child process saves one of two versions of a
//! report over the same file while the test kills it (SIGKILL on Unix) at random moments.
//! Afterwards the file must always load and equal one of the two versions, and no temporary
//! file may be mistaken for the report.

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use nianbao::file;

#[test]
fn a_killed_save_leaves_the_old_or_the_new_file() {
    let dir = common::temp_dir("crash-save");
    let old = common::example("2024-qingshi.nianbao");
    let mut new = common::balanced();
    *new.narrative_mut("overview").unwrap() = new.narrative_by_id("overview").unwrap().repeat(40); // a larger file: longer writes
    let (old_json, new_json) = (dir.join("old.json"), dir.join("new.json"));
    file::save(&old, &old_json).unwrap();
    file::save(&new, &new_json).unwrap();
    let target = dir.join("报告.nianbao");
    file::save(&old, &target).unwrap();

    // How long one save takes end to end, so kill moments spread from "before the write" to
    // "after the rename".
    let convert = |source: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args([
                "convert",
                source.to_str().unwrap(),
                "-o",
                target.to_str().unwrap(),
                "--force",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let started = std::time::Instant::now();
    assert!(convert(&new_json).wait().unwrap().success());
    assert!(convert(&old_json).wait().unwrap().success());
    // Up to three times one save's duration: some kills land mid-save, some after it ended.
    let span_us = (started.elapsed().as_micros() as u32 / 2).max(1000) * 3;
    let mut seed: u32 = 0x2545_f491;
    let mut outcomes = [0usize; 2];
    let (mut interrupted, mut completed) = (0, 0);
    for round in 0..80 {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let source = if round % 2 == 0 { &new_json } else { &old_json };
        let mut child = convert(source);
        std::thread::sleep(Duration::from_micros(u64::from(seed % span_us)));
        match child.try_wait().unwrap() {
            Some(_) => completed += 1,
            None => {
                interrupted += 1;
                let _ = child.kill();
                let _ = child.wait();
            }
        }
        let on_disk = file::load(&target).unwrap_or_else(|e| panic!("round {round}: {e}"));
        let which = if on_disk == old {
            0
        } else if on_disk == new {
            1
        } else {
            panic!("round {round}: the file is neither version")
        };
        outcomes[which] += 1;
    }
    eprintln!("killed {interrupted}, finished {completed}, file old/new {outcomes:?}");
    assert!(
        interrupted > 0 && completed > 0,
        "kills landed only on one side: {interrupted} {completed}"
    );
    assert!(
        outcomes[1] > 0,
        "some save of the new version went through: {outcomes:?}"
    );
    // Temporary files a kill leaves behind are hidden and never named like the report.
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            ["old.json", "new.json", "报告.nianbao"].contains(&name.as_str())
                || (name.starts_with('.') && name.ends_with(".tmp")),
            "{name}"
        );
    }
}
