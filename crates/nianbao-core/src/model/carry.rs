//! Starting this year's report from last year's: the cross-year relations of the template that
//! depend on last year alone (上年结转 ← 结转下年度继续办理; 上一年项目数量 ← 上一年项目数量 + 本年增/减)
//! are filled, and the organ's details are copied.

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
        ..report.meta
    };
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
