//! TPL-YEAR (the template the year calls for), META-EMPTY and META-CLOSING (the organ's name
//! and the 落款), and PL-REG (townships cannot make 规章).

use super::{Finding, RuleId};
use crate::model::{Report, same_organ};
use crate::template::{self, MetaField, Place};

pub fn template_year(report: &Report, out: &mut Vec<Finding>) {
    let t = report.template;
    let year = report.meta.year;
    if t.applies_to(year) {
        return;
    }
    let expected = template::for_year(year);
    let message = format!(
        "{year}年度报告应使用{}（{}），本报告使用的是{}（{}）",
        expected.def.name, expected.def.notice, t.def.name, t.def.notice
    );
    out.push(Finding::new(RuleId::TPLYEAR, [], message).at(Place::Year));
}

/// META-EMPTY: the organ's name is what the title, the 落款 and the file name are made of.
pub fn organ_named(report: &Report, out: &mut Vec<Finding>) {
    if report.meta.organ.trim().is_empty() {
        let message = "机关名称为空，报告标题、落款和文件名都要用到它".to_string();
        out.push(Finding::new(RuleId::METAEMPTY, [], message).at(Place::Meta(MetaField::Organ)));
    }
}

/// META-CLOSING: the 落款 names the organ the report is for (a report made from last year's
/// can keep last year's, or another organ's), and a report whose tables are filled in has
/// its 成文日期 (said while writing, not only when the PDF is made).
pub fn closing(report: &Report, out: &mut Vec<Finding>) {
    let meta = &report.meta;
    let (organ, closing) = (meta.organ.trim(), meta.closing_organ.trim());
    if !organ.is_empty() && !closing.is_empty() && !same_organ(organ, closing) {
        let message = format!("落款机关“{closing}”与机关名称“{organ}”不是同一机关，请核实");
        let place = Place::Meta(MetaField::ClosingOrgan);
        out.push(Finding::new(RuleId::METACLOSING, [], message).at(place));
    }
    let (blank, unread) = report.fillable_blanks();
    if meta.closing_date.trim().is_empty() && blank.is_empty() && unread == 0 {
        let message = "落款日期为空：表格已填完，请填写成文日期，否则报告没有落款日期".to_string();
        let place = Place::Meta(MetaField::ClosingDate);
        out.push(Finding::new(RuleId::METACLOSING, [], message).at(place));
    }
}

/// Whether an organ is a township-level government (乡、镇、街道).
pub fn is_township(organ: &str) -> bool {
    let name = organ
        .trim()
        .trim_end_matches("人民政府")
        .trim_end_matches("办事处");
    name.ends_with('乡')
        || name.ends_with('镇')
        || name.ends_with("街道")
        || name.ends_with("民族乡")
}

pub fn township_regulations(report: &Report, out: &mut Vec<Finding>) {
    if !is_township(&report.meta.organ) {
        return;
    }
    let t = report.template;
    let nonzero = report.nonzero(&t.regulation_cells);
    if nonzero.is_empty() {
        return;
    }
    let values: Vec<String> = nonzero
        .iter()
        .map(|&c| format!("{}＝{}", t.cell_parts(c).2.short, report.text(c)))
        .collect();
    let row = t.cell_parts(nonzero[0]).1.labels.join("");
    let message = format!(
        "乡镇（街道）没有制定规章的权限，但“{row}”行填写了{}，请核实",
        values.join("，")
    );
    let finding = Finding::new(RuleId::PLREG, nonzero.iter().copied(), message);
    out.push(match nonzero[..] {
        [only] => finding.fixed_by(only, "0".into()),
        _ => finding,
    });
}

#[cfg(test)]
mod tests {
    use super::is_township;

    #[test]
    fn recognises_township_organs() {
        for organ in [
            "东方红乡",
            "夏邑县火店镇人民政府",
            "永定区湖山乡人民政府",
            "浉河区东双河镇",
            "朝阳区建外街道办事处",
        ] {
            assert!(is_township(organ), "{organ}");
        }
        for organ in [
            "某县乡村振兴局",
            "某市人民政府",
            "某县交通运输局",
            "镇江市人民政府",
        ] {
            assert!(!is_township(organ), "{organ}");
        }
    }
}
