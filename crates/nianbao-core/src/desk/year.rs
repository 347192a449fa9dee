//! The year under review: stated by the reviewer, else the 汇总 report's, else the year most
//! reports are of (the later on a tie). A report of another year that is no report's 上年报告
//! is 「年度不符」: an H-YEAR warning, and it counts for no names list and no sum.

use crate::check::{Rendered, RuleId};

pub fn review_year(
    stated: Option<i32>,
    parent: Option<i32>,
    years: impl Iterator<Item = i32>,
) -> Option<i32> {
    if stated.is_some() {
        return stated;
    }
    if parent.is_some() {
        return parent;
    }
    let mut counts = std::collections::BTreeMap::<i32, usize>::new();
    for y in years {
        *counts.entry(y).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(year, n)| (*n, *year))
        .map(|(year, _)| year)
}

pub fn finding(year: i32, review: i32) -> Rendered {
    Rendered {
        severity: RuleId::HYEAR.severity(),
        rule: RuleId::HYEAR,
        cells: Vec::new(),
        message: format!(
            "本报告是{year}年度的，本次审核的是{review}年度的报告：年度不符，不算作已报送，也不计入汇总"
        ),
        suggested: None,
        answered: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_review_year_is_stated_or_the_parent_s_or_the_most_common() {
        let years = || [2025, 2024, 2025, 2020].into_iter();
        assert_eq!(review_year(Some(2023), Some(2024), years()), Some(2023));
        assert_eq!(review_year(None, Some(2024), years()), Some(2024));
        assert_eq!(review_year(None, None, years()), Some(2025));
        assert_eq!(
            review_year(None, None, [2024, 2025].into_iter()),
            Some(2025)
        );
        assert_eq!(review_year(None, None, std::iter::empty()), None);
    }
}
