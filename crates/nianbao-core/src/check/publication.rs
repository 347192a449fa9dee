//! DATE-LATE (the 落款 date against the statutory deadline) and TXT-BASIS (the format the
//! report cites as its basis is the one its year calls for).

use super::meta_rules::is_township;
use super::{Finding, RuleId};
use crate::model::{CivilDate, Report};
use crate::template::{self, MetaField, Place};

/// 《政府信息公开条例》第四十九条: departments of governments at county level and above publish
/// by 31 January; those governments themselves by 31 March. Anything else (townships, organs
/// whose kind the name does not tell) gets the later date, so no report is called late wrongly.
pub fn closing_date(report: &Report, out: &mut Vec<Finding>) {
    let Some(date) = CivilDate::parse(&report.meta.closing_date) else {
        return;
    };
    let year = report.meta.year;
    let written = report.meta.closing_date.trim();
    let message = if date.year <= year {
        format!("落款日期“{written}”不在{year}年度结束之后，本年度的数据尚未统计完整，请核实")
    } else {
        let organ = report.meta.organ.trim();
        let (month, whose) = if is_department(organ) {
            (1, "县级以上人民政府部门")
        } else if organ.ends_with("人民政府") && !is_township(organ) {
            (3, "县级以上人民政府")
        } else {
            (3, "按较晚的期限")
        };
        let deadline = CivilDate {
            year: year + 1,
            month,
            day: 31,
        };
        if date <= deadline {
            return;
        }
        format!(
            "落款日期“{written}”晚于《政府信息公开条例》第四十九条规定的公布期限（{whose}：{}年{}月{}日前）",
            deadline.year, deadline.month, deadline.day
        )
    };
    let finding = Finding::new(RuleId::DATELATE, [], message);
    out.push(finding.at(Place::Meta(MetaField::ClosingDate)));
}

/// A department (局、委员会、办公室…) of a government, not the government itself nor a
/// township; `false` when unsure.
pub fn is_department(organ: &str) -> bool {
    let name = organ.trim();
    if is_township(name) || name.ends_with("人民政府") || name.contains("管理委员会") {
        return false;
    }
    ["局", "厅", "委员会", "办公室", "中心", "部", "署", "委"]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

/// Brackets of every shape as one, spaces and full-width digits away: 「[2019] 60号」 and
/// 「〔２０１９〕60号」 read alike.
pub(super) fn loose(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '[' | '［' | '【' | '(' | '（' | '﹝' | '〔' | '{' | '｛' => '〔',
            ']' | '］' | '】' | ')' | '）' | '﹞' | '〕' | '}' | '｝' => '〕',
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect()
}

/// A narrative citing a format that does not apply to the report's year (the trial format of
/// 〔2019〕60号 in a 2021 report, or 〔2021〕30号 in a 2020 one).
pub fn basis(report: &Report, out: &mut Vec<Finding>) {
    let year = report.meta.year;
    let expected = template::for_year(year);
    let t = report.template;
    for other in template::all().iter().filter(|o| !o.applies_to(year)) {
        for n in t.narrative_ixs() {
            let text = loose(report.narrative(n));
            let Some(cited) = other
                .def
                .citations
                .iter()
                .find(|c| text.contains(&loose(c)))
            else {
                continue;
            };
            let part = t
                .narrative_section(n)
                .map_or("前言".to_string(), |s| format!("第{}部分", s.number()));
            let message = format!(
                "{part}以“{cited}”（{}，适用于{}）为依据，{year}年度报告应依据{}（{}）",
                other.def.name,
                years(other),
                expected.def.name,
                expected.def.notice
            );
            out.push(Finding::new(RuleId::TXTBASIS, [], message).at(Place::Narrative(n)));
            break;
        }
    }
}

fn years(t: &template::Template) -> String {
    match t.def.last_year {
        Some(last) => format!("{}至{last}年度", t.def.first_year),
        None => format!("{}年度起", t.def.first_year),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organ_kinds_and_loose_citations() {
        for d in [
            "某县交通运输局",
            "某市发展和改革委员会",
            "某县人民政府办公室",
            "某省教育厅",
        ] {
            assert!(is_department(d), "{d}");
        }
        for g in [
            "某县人民政府",
            "示范县青石镇人民政府",
            "某经济开发区管理委员会",
            "某县",
        ] {
            assert!(!is_department(g), "{g}");
        }
        assert!(loose("国办公开办函[2019] 60号").contains(&loose("〔2019〕60号")));
        assert!(loose("年度报告格式(试行)").contains(&loose("年度报告格式（试行）")));
    }
}
