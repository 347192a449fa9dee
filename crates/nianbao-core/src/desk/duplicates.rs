//! Two reports of one organ and year in one review (a draft and a final, a fix saved beside
//! the original, a report and its published PDF): exactly one counts, in the 汇总 sum and as
//! the next year's 上年报告, and every output says which and why. Where their figures
//! differ, each of them carries an H-DUP warning naming the other files.

use std::path::Path;
use std::time::SystemTime;

use crate::check::{Rendered, RuleId};
use crate::file::escape::shown;

/// Words in a file name that mark the version meant to count, and the ones that mark a draft.
const FINAL_WORDS: &[&str] = &["定稿", "终稿", "正式", "发布", "final"];
const DRAFT_WORDS: &[&str] = &["初稿", "草稿", "征求意见", "送审", "修改前", "draft"];

/// One report as the choice sees it.
pub struct Candidate<'a> {
    /// Organ key and year; `None` for an unreadable file or one without an organ.
    pub key: Option<(String, i32)>,
    pub path: &'a Path,
    pub modified: Option<SystemTime>,
}

/// Which report of a group counts, and why, in words for the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub index: usize,
    pub why: String,
}

fn name_rank(path: &Path) -> (u8, Option<&'static str>) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if let Some(word) = FINAL_WORDS.iter().find(|w| name.contains(*w)) {
        (2, Some(word))
    } else if let Some(word) = DRAFT_WORDS.iter().find(|w| name.contains(*w)) {
        (0, Some(word))
    } else {
        (1, None)
    }
}

/// For every candidate that shares its organ and year with another: the one that counts (a
/// file name saying 定稿 over one saying 初稿, then the newest, then the first in order).
/// `None` for a report that is the only one of its organ and year.
pub fn choose(candidates: &[Candidate]) -> Vec<Option<Counted>> {
    let mut groups: std::collections::HashMap<&(String, i32), Vec<usize>> = Default::default();
    for (i, c) in candidates.iter().enumerate() {
        if let Some(key) = &c.key {
            groups.entry(key).or_default().push(i);
        }
    }
    let mut out = vec![None; candidates.len()];
    for members in groups.values().filter(|m| m.len() > 1) {
        let rank = |i: &usize| {
            let c = &candidates[*i];
            (name_rank(c.path).0, c.modified, std::cmp::Reverse(*i))
        };
        let best = *members.iter().max_by_key(|i| rank(i)).expect("two or more");
        let (best_rank, word) = name_rank(candidates[best].path);
        let runner_up = *members
            .iter()
            .filter(|i| **i != best)
            .max_by_key(|i| rank(i))
            .expect("two or more");
        let others_rank = rank(&runner_up);
        let why = if others_rank.0 < best_rank {
            match (word, name_rank(candidates[runner_up].path).1) {
                (Some(word), _) => format!("文件名含“{word}”"),
                (None, Some(draft)) => format!("另一份的文件名含“{draft}”"),
                (None, None) => "按文件名".to_string(),
            }
        } else if others_rank.1 < candidates[best].modified {
            "修改时间最晚".to_string()
        } else {
            "按文件顺序取第一份".to_string()
        };
        for i in members {
            out[*i] = Some(Counted {
                index: best,
                why: why.clone(),
            });
        }
    }
    out
}

/// The H-DUP finding for a member of a group whose figures differ: the other files named,
/// and which one counts.
pub fn finding(me: usize, counted: &Counted, group: &[usize], paths: &[&Path]) -> Rendered {
    let name = |i: usize| shown(&paths[i].display().to_string());
    let others: Vec<String> = group
        .iter()
        .filter(|i| **i != me)
        .map(|i| format!("“{}”", name(*i)))
        .collect();
    let verdict = if counted.index == me {
        format!("本报告计入汇总和上年比对（{}）", counted.why)
    } else {
        format!(
            "本报告未计入汇总和上年比对，以“{}”为准（{}）",
            name(counted.index),
            counted.why
        )
    };
    Rendered {
        severity: RuleId::HDUP.severity(),
        rule: RuleId::HDUP,
        cells: Vec::new(),
        message: format!(
            "同一机关同一年度还有{}份数字不同的报告：{}；{verdict}。请确认哪一份是定稿，删去或移走其他的",
            others.len(),
            others.join("、")
        ),
        suggested: None,
        answered: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_final_counts_before_the_newest_and_each_group_is_told_why() {
        let t = |s| Some(SystemTime::UNIX_EPOCH + Duration::from_secs(s));
        let key = |o: &str| Some((o.to_string(), 2025));
        let paths = [
            Path::new("a/青石镇-初稿.pdf"),
            Path::new("a/青石镇-定稿.pdf"),
            Path::new("a/白沙镇.nianbao"),
            Path::new("a/白沙镇-修改.nianbao"),
            Path::new("a/红河乡.pdf"),
        ];
        let keys = [
            key("青石镇"),
            key("青石镇"),
            key("白沙镇"),
            key("白沙镇"),
            key("红河乡"),
        ];
        let times = [t(900), t(100), t(100), t(200), t(1)];
        let candidates: Vec<Candidate> = (0..5)
            .map(|i| Candidate {
                key: keys[i].clone(),
                path: paths[i],
                modified: times[i],
            })
            .collect();
        let chosen = choose(&candidates);
        let counted = |i: usize| chosen[i].clone().map(|c| (c.index, c.why));
        assert_eq!(
            counted(0),
            Some((1, "文件名含“定稿”".into())),
            "newer, but a draft"
        );
        assert_eq!(counted(1), counted(0));
        assert_eq!(counted(2), Some((3, "修改时间最晚".into())));
        assert_eq!(counted(4), None, "alone");

        let found = finding(0, chosen[0].as_ref().unwrap(), &[0, 1], &paths);
        assert!(
            found.message.contains("“a/青石镇-定稿.pdf”为准"),
            "{}",
            found.message
        );
        assert_eq!(found.rule, RuleId::HDUP);
    }
}
