//! Which report is which organ's, and last year's report of each: the desk pairs a report
//! with the same organ's report of the year before when both are checked together.

use std::collections::{HashMap, HashSet};

pub use crate::model::organ_key;

/// For each `(organ, year)`, the index of the report with the same organ and `year - 1`: the
/// first of them whose `counts` is true (where an organ's year has several reports, the one
/// that counts).
pub fn previous_years(reports: &[Option<(String, i32)>], counts: &[bool]) -> Vec<Option<usize>> {
    let mut by_key: HashMap<(String, i32), usize> = HashMap::new();
    for (i, r) in reports.iter().enumerate() {
        if let Some((organ, year)) = r
            && !organ.is_empty()
            && counts[i]
        {
            by_key.entry((organ.clone(), *year)).or_insert(i);
        }
    }
    reports
        .iter()
        .map(|r| {
            let (organ, year) = r.as_ref()?;
            by_key.get(&(organ.clone(), year - 1)).copied()
        })
        .collect()
}

/// The organs of a list (one a line; blank lines and lines starting with 「#」 skipped) that
/// no report names, in the list's order. A list may name an organ shorter or longer than its
/// report does (「青石镇」 for 「示范县青石镇人民政府」): one name ending with the other is the
/// same organ.
pub fn missing<'a>(expected: &'a str, reported: &[String]) -> Vec<&'a str> {
    let keys: HashSet<String> = reported
        .iter()
        .map(|o| organ_key(o))
        .filter(|k| !k.is_empty())
        .collect();
    let suffixes: HashSet<&str> = keys
        .iter()
        .flat_map(|k| k.char_indices().map(move |(i, _)| &k[i..]))
        .collect();
    expected
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter(|l| {
            let key = organ_key(l);
            !suffixes.contains(key.as_str())
                && !key.char_indices().any(|(i, _)| keys.contains(&key[i..]))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_by_organ_and_year() {
        let r = |o: &str, y| Some((organ_key(o), y));
        let reports = [
            r("青石镇人民政府", 2025),
            None,
            r("青石镇", 2024),
            r("白沙镇", 2025),
            r("", 2024),
        ];
        assert_eq!(
            previous_years(&reports, &[true; 5]),
            [Some(2), None, None, None, None]
        );
        let not_counted = [true, true, false, true, true];
        assert_eq!(previous_years(&reports, &not_counted), [None; 5]);
        let list = "# 名单\n青石镇人民政府\n\n 白沙镇 \n红河乡\n示范县黄土乡\n";
        let reported = [
            "示范县青石镇".into(),
            "白沙镇人民政府".into(),
            "黄土乡".into(),
        ];
        assert_eq!(missing(list, &reported), ["红河乡"]);
    }
}
