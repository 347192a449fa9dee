//! Starting this year's report from last year's, as a clerk would copy last year's document:
//! the cross-year relations of the template that depend on last year alone (上年结转 ←
//! 结转下年度继续办理; 上一年项目数量 ← …) are filled, the organ's details and 落款 organ are
//! copied (the 落款 organ where it names this organ), and the preamble and narratives come
//! over as a draft with their years moved on by one (the figures in them stay last year's
//! until the clerk rewrites them: TXT-NUM names every one that differs from this year's
//! tables).

use super::{CellValue, Meta, Report};

pub fn carry_over(year: i32, organ: &str, prev: &Report) -> Report {
    let mut report = Report::new(year, organ);
    report.meta = Meta {
        organ: organ.to_string(),
        region: prev.meta.region.clone(),
        address: prev.meta.address.clone(),
        phone: prev.meta.phone.clone(),
        postcode: prev.meta.postcode.clone(),
        website: prev.meta.website.clone(),
        // Last year's 落款 only where it names this organ (its fuller form, say): a report
        // made from another organ's, or from before a renaming, signs as this organ.
        closing_organ: if super::same_organ(&prev.meta.closing_organ, organ) {
            prev.meta.closing_organ.clone()
        } else {
            organ.to_string()
        },
        ..report.meta
    };
    // Narratives by their id: a section the new template lacks is not copied.
    let shift = year - prev.meta.year;
    for n in prev.template.narrative_ixs() {
        if let Some(text) = report.narrative_mut(&prev.template.narrative(n).id) {
            *text = shift_years(prev.narrative(n), prev.meta.year, shift);
        }
    }
    let template = report.template;
    for x in template
        .cross_year
        .iter()
        .filter(|x| x.plus.is_empty() && x.minus.is_empty())
    {
        let values: Option<Vec<_>> = x
            .prev
            .iter()
            .map(|(id, _)| prev.cell_by_id(id).and_then(CellValue::num))
            .collect();
        let all_blank = x
            .prev
            .iter()
            .all(|(id, _)| prev.cell_by_id(id).is_none_or(CellValue::is_blank));
        if let (Some(values), false) = (values, all_blank) {
            report.set(x.target.cell, CellValue::Number(values.into_iter().sum()));
        }
    }
    report
}

/// Moves 「Y年」 for the years around last year's report (the year before, the year, the year
/// after: 「2024年」, 「2023年」, 「2025年1月」) on by `shift`; other numbers are left as written.
fn shift_years(text: &str, prev_year: i32, shift: i32) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('年') {
        let (before, after) = rest.split_at(at);
        let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let (head, number) = before.split_at(before.len() - digits);
        out.push_str(head);
        match number.parse::<i32>() {
            Ok(y) if digits == 4 && (prev_year - 1..=prev_year + 1).contains(&y) => {
                out.push_str(&(y + shift).to_string())
            }
            _ => out.push_str(number),
        }
        out.push('年');
        rest = &after['年'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::shift_years;

    #[test]
    fn years_around_last_year_move_on() {
        assert_eq!(
            shift_years(
                "2024年，本机关较2023年新增；统计期至2024年12月31日，于2025年1月发布。共12年",
                2024,
                1
            ),
            "2025年，本机关较2024年新增；统计期至2025年12月31日，于2026年1月发布。共12年"
        );
        assert_eq!(shift_years("12024年 1999年", 2024, 1), "12024年 1999年");
    }
}
