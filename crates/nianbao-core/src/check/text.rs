//! TXT-NUM (a figure stated in a narrative differs from the table), TXT-EMPTY (section 五 is
//! empty or a token sentence) and TXT-FEE (信息处理费 situations not reported in section 六).

use super::publication::loose;
use super::{Finding, RuleId, TextFix};
use crate::model::numerals::{CHINESE_DIGITS, chinese_number};
use crate::model::{CellKind, Num, Report, parse_number};
use crate::template::{CellIx, FeeRole, Figure, NarrativeIx, Place, SectionDef};

/// Fewer meaningful characters than this in section 五 is a token sentence (「无。」「暂无。」).
const MIN_PROBLEMS_CHARS: usize = 20;
/// How far after a keyword its figure may stand, in characters.
const FIGURE_WINDOW: usize = 40;
const FEE: &str = "信息处理费";

pub fn check(report: &Report, out: &mut Vec<Finding>) {
    let t = report.template;
    if t.has_rule(RuleId::TXTNUM) {
        stated_figures(report, out);
    }
    if t.has_rule(RuleId::TXTEMPTY) {
        for n in t.narrative_ixs() {
            required_section(report, n, out);
        }
    }
    if t.has_rule(RuleId::TXTFEE) {
        fee_reporting(report, out);
    }
}

/// The sub-headings the format expects in a section that its text lacks. A sub-heading is
/// there when the text has it, whatever its brackets and spaces (「(一) 主动公开情况」 has
/// 「（一）主动公开」), or has a line opening with its number (「（四）平台建设」 is the
/// clerk's wording of 「（四）政府信息公开平台建设」).
pub fn missing_subheadings<'a>(section: &'a SectionDef, text: &str) -> Vec<&'a str> {
    let whole = loose(text);
    let openings: Vec<String> = text.lines().map(loose).collect();
    section
        .subheadings
        .iter()
        .map(String::as_str)
        .filter(|h| {
            let h = loose(h);
            let number = h
                .find('〕')
                .map_or(h.as_str(), |end| &h[..end + '〕'.len_utf8()]);
            !whole.contains(&h) && !openings.iter().any(|l| l.starts_with(number))
        })
        .collect()
}

fn stated_figures(report: &Report, out: &mut Vec<Finding>) {
    let t = report.template;
    let mut seen: Vec<(CellIx, Num)> = Vec::new();
    for field in t.narrative_ixs() {
        let text = report.narrative(field);
        for (figure, stated, quote, number) in stated_in(text, &t.figures) {
            let figure = &t.figures[figure];
            // A table left blank says nothing yet (V-BLANK reports it), so nothing to differ.
            if figure.cells.iter().all(|&c| report.cell(c).is_blank()) {
                continue;
            }
            let Some(table) = figure
                .cells
                .iter()
                .map(|&c| report.num(c))
                .sum::<Option<Num>>()
            else {
                continue;
            };
            if stated == table || seen.contains(&(figure.cells[0], stated)) {
                continue;
            }
            seen.push((figure.cells[0], stated));
            let section = t
                .narrative_section(field)
                .map_or("前言".to_string(), |s| format!("第{}部分", s.number()));
            let message = format!(
                "{section}写“{}”，与表格中{}的{}件不一致",
                &text[quote], figure.name, table
            );
            let mut finding = Finding::new(RuleId::TXTNUM, figure.cells.iter().copied(), message);
            // The table's figure written where the text's stood: 「正文改为6」.
            finding.text_fix = Some(TextFix {
                narrative: field,
                range: number,
                value: table.to_string(),
            });
            out.push(finding.at(Place::Narrative(field)));
        }
    }
}

/// Every 「N件」 in a text that follows a figure's keyword within its clause: the figure (the
/// keyword nearest before the number wins), the number, where the quoted words stand, and
/// where the number itself stands.
/// A keyword speaks for the first count after it only: in 「行政复议7件，诉讼9件」 the 9 is not
/// 行政复议's. Numbers may be written in Chinese numerals (「三件」, 「十二件」). Scans for 「件」
/// first: it is rare, so a long narrative costs little.
type Stated = (usize, Num, std::ops::Range<usize>, std::ops::Range<usize>);

fn stated_in(text: &str, figures: &[Figure]) -> Vec<Stated> {
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut out = Vec::new();
    // Where the previous count ended: its keyword is used up.
    let mut previous_end = 0;
    // memmem looks for all three bytes of 「件」; `str::match_indices` would stop at every byte
    // 0xB6, which most Chinese characters contain.
    for unit_at in memchr::memmem::find_iter(text.as_bytes(), "件") {
        let before = text[..unit_at].trim_end();
        let start_of = |pred: &dyn Fn(char) -> bool| {
            before
                .char_indices()
                .rev()
                .take_while(|&(_, c)| pred(c))
                .last()
                .map(|(i, _)| i)
        };
        let (digits_start, stated) = match start_of(&is_digit) {
            Some(at) => match parse_number(&before[at..], CellKind::Count) {
                Ok(n) => (at, n),
                Err(_) => continue,
            },
            None => match start_of(&|c| CHINESE_DIGITS.contains(c)) {
                Some(at) => match chinese_number(&before[at..]) {
                    Some(n) => (at, Num::from_int(n)),
                    None => continue,
                },
                None => continue,
            },
        };
        let window_from = previous_end;
        previous_end = unit_at + '件'.len_utf8();
        if before[..digits_start].ends_with('第') || digits_start < window_from {
            continue;
        }
        let window_start = before[window_from..digits_start]
            .char_indices()
            .rev()
            .take(FIGURE_WINDOW)
            .take_while(|&(_, c)| !ends_clause(c))
            .last()
            .map_or(digits_start, |(i, _)| window_from + i);
        let window = &text[window_start..digits_start];
        let nearest = figures
            .iter()
            .enumerate()
            .flat_map(|(f, figure)| {
                figure
                    .keywords
                    .iter()
                    .filter_map(move |k| window.rfind(k.as_str()).map(|at| (at + k.len(), at, f)))
            })
            .max_by_key(|&(end, at, _)| (end, std::cmp::Reverse(at)));
        if let Some((_, at, figure)) = nearest {
            let quote = window_start + at..unit_at + '件'.len_utf8();
            out.push((figure, stated, quote, digits_start..before.len()));
        }
    }
    out
}

fn ends_clause(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '？' | '!' | '?' | '\n')
}

/// Letters and digits, counted up to the threshold only (long sections cost nothing more).
fn meaningful_chars(text: &str) -> usize {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .take(MIN_PROBLEMS_CHARS)
        .count()
}

/// A section the template requires to say something (五: 存在的主要问题) holds a token sentence.
fn required_section(report: &Report, n: NarrativeIx, out: &mut Vec<Finding>) {
    let Some(section) = report.template.narrative_section(n) else {
        return;
    };
    let Some(hint) = &section.required else {
        return;
    };
    let text = report.narrative(n).trim();
    let min = section.min_chars.unwrap_or(MIN_PROBLEMS_CHARS);
    let what = match meaningful_chars(text) {
        0 => "为空".to_string(),
        n if n < min => format!("只有“{text}”"),
        _ => return,
    };
    let message = format!("“{}”{what}，{hint}", section.heading);
    out.push(Finding::new(RuleId::TXTEMPTY, [], message).at(Place::Narrative(n)));
}

/// A sentence that says 信息处理费 was charged (收取) without negating it (未、没有、无、不).
fn says_fee_charged(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), FEE.as_bytes()).is_some()
        && text
            .split(['。', '；', ';', '\n'])
            .any(|s| s.contains(FEE) && s.contains("收取") && !s.contains(['未', '无', '不', '没']))
}

/// Fees charged (notices in the table, or a section that states them) must be explained in the
/// section the template names for it (六).
fn fee_reporting(report: &Report, out: &mut Vec<Finding>) {
    let t = report.template;
    let Some(explains) = t.fee_narratives(FeeRole::Explains).next() else {
        return;
    };
    let notices = report.nonzero(&t.fee_cells);
    let stated = t
        .fee_narratives(FeeRole::States)
        .find(|&n| says_fee_charged(report.narrative(n)));
    if (notices.is_empty() && stated.is_none()) || report.narrative(explains).contains(FEE) {
        return;
    }
    let reason = match (notices.first(), stated) {
        (Some(&cell), _) => format!("“{}”为{}件", t.cell_label(cell), report.text(cell)),
        (None, n) => {
            let part = n
                .and_then(|n| t.narrative_section(n))
                .map_or("", |s| s.number());
            format!("第{part}部分写明收取了信息处理费")
        }
    };
    let heading = t
        .narrative_section(explains)
        .map_or("", |s| s.heading.as_str());
    let message = format!(
        "{reason}，但“{heading}”未说明信息处理费的收取情况（《政府信息公开信息处理费管理办法》）"
    );
    let finding = Finding::new(RuleId::TXTFEE, notices, message);
    out.push(finding.at(Place::Narrative(explains)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures() -> Vec<Figure> {
        let figure = |keywords: &[&str]| Figure {
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
            name: String::new(),
            cells: vec![],
        };
        vec![
            figure(&["本年新收", "新收"]),
            figure(&["上年结转"]),
            figure(&["行政复议"]),
            figure(&["行政诉讼", "诉讼"]),
        ]
    }

    fn stated(text: &str) -> Vec<(usize, String, String)> {
        stated_in(text, &figures())
            .into_iter()
            .map(|(f, n, q, number)| {
                let written = &text[number];
                let read = parse_number(written, CellKind::Count)
                    .ok()
                    .or(chinese_number(written).map(Num::from_int));
                assert_eq!(read, Some(n), "the number's own range: {written}");
                (f, n.to_string(), text[q].to_string())
            })
            .collect()
    }

    #[test]
    fn finds_the_figure_before_each_count() {
        assert_eq!(
            stated("本年新收政府信息公开申请15件，上年结转２件。"),
            [
                (0, "15".into(), "本年新收政府信息公开申请15件".into()),
                (1, "2".into(), "上年结转２件".into())
            ]
        );
        assert_eq!(
            stated("发生行政复议1件、行政诉讼 0 件"),
            [
                (2, "1".into(), "行政复议1件".into()),
                (3, "0".into(), "行政诉讼 0 件".into())
            ]
        );
        assert!(
            stated("新收申请。共15件").is_empty(),
            "a sentence boundary ends the clause"
        );
        assert!(stated("新收的第2件申请").is_empty());
        // Each keyword speaks for the count right after it; 「诉讼」 alone names 行政诉讼.
        assert_eq!(
            stated("行政复议7件，诉讼9件，其中复议后起诉1件。"),
            [
                (2, "7".into(), "行政复议7件".into()),
                (3, "9".into(), "诉讼9件".into())
            ]
        );
        assert_eq!(
            stated("全年新收申请十二件，上年结转三件"),
            [
                (0, "12".into(), "新收申请十二件".into()),
                (1, "3".into(), "上年结转三件".into())
            ]
        );
        assert!(stated("行政复议案件较少").is_empty());
        assert!(stated("2025年新收申请较多").is_empty());
    }

    #[test]
    fn fee_sentences() {
        assert!(says_fee_charged("本年度共收取信息处理费200元。"));
        assert!(!says_fee_charged("本年度未收取信息处理费。"));
        assert!(!says_fee_charged("收取了复印费。"));
    }
}
