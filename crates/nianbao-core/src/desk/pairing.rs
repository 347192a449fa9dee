//! Which report is which organ's, and last year's report of each: the desk pairs a report
//! with the same organ's report of the year before when both are checked together. Names
//! are compared as `model::organ` says (a name with its region and without, department
//! names long and short) with the reviewer's alias file applied first.

use std::collections::{HashMap, HashSet};

use crate::model::organ::forms;
pub use crate::model::organ_key;

/// For each `(organ key, year)`, the index of the report of the same organ and `year - 1`
/// among those whose `counts` is true (where an organ's year has several reports, the one
/// that counts): the one with the same key if there is one, else the only one whose key is
/// a form of this one's or has this one as a form; none where that is not one report.
pub fn previous_years(reports: &[Option<(String, i32)>], counts: &[bool]) -> Vec<Option<usize>> {
    let mut exact: HashMap<(&str, i32), usize> = HashMap::new();
    let mut by_form: HashMap<(&str, i32), Vec<usize>> = HashMap::new();
    for (i, r) in reports.iter().enumerate() {
        if let Some((organ, year)) = r
            && !organ.is_empty()
            && counts[i]
        {
            exact.entry((organ.as_str(), *year)).or_insert(i);
            for form in forms(organ) {
                by_form.entry((form, *year)).or_default().push(i);
            }
        }
    }
    reports
        .iter()
        .map(|r| {
            let (organ, year) = r.as_ref()?;
            if organ.is_empty() {
                return None;
            }
            let last = year - 1;
            if let Some(i) = exact.get(&(organ.as_str(), last)) {
                return Some(*i);
            }
            let mut candidates: Vec<usize> = by_form
                .get(&(organ.as_str(), last))
                .cloned()
                .unwrap_or_default();
            candidates.extend(forms(organ).filter_map(|f| exact.get(&(f, last)).copied()));
            candidates.sort_unstable();
            candidates.dedup();
            match candidates.as_slice() {
                [one] => Some(*one),
                _ => None,
            }
        })
        .collect()
}

/// The organs of a list (one a line; blank lines and lines starting with 「#」 skipped) that
/// no report names, in the list's order. A list may name an organ shorter or longer than its
/// report does (「青石镇」 for 「示范县青石镇人民政府」, 「县卫健委」 for 「示范县卫生健康委员会」);
/// `key` makes a name's key (the alias file applied).
pub fn missing<'a>(
    expected: &'a str,
    reported: &[String],
    key: impl Fn(&str) -> String,
) -> Vec<&'a str> {
    let keys: HashSet<String> = reported
        .iter()
        .map(|o| key(o))
        .filter(|k| !k.is_empty())
        .collect();
    let reported_forms: HashSet<&str> = keys.iter().flat_map(|k| forms(k)).collect();
    expected
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter(|l| {
            let wanted = key(l);
            // One's key a form of the other's (`same_key`), found through the forms' sets.
            !reported_forms.contains(wanted.as_str()) && !forms(&wanted).any(|f| keys.contains(f))
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
            r("淮安市洪泽区人民政府", 2024),
            r("洪泽区人民政府", 2023),
        ];
        assert_eq!(
            previous_years(&reports, &[true; 7]),
            [Some(2), None, None, None, None, Some(6), None]
        );
        let not_counted = [true, true, false, true, true, true, true];
        assert_eq!(previous_years(&reports, &not_counted)[0], None);
        let list = "# 名单\n青石镇人民政府\n\n 白沙镇 \n红河乡\n示范县黄土乡\n县卫健委\n";
        let reported = [
            "示范县青石镇".into(),
            "白沙镇人民政府".into(),
            "黄土乡".into(),
            "示范县卫生健康委员会".into(),
        ];
        assert_eq!(missing(list, &reported, organ_key), ["红河乡"]);
    }
}
