//! Which template a published report follows, and where its six sections start. Both are
//! read from the template data: its labels and its section headings.

use std::cell::OnceCell;
use std::collections::HashSet;
use std::sync::OnceLock;

use super::lines::{Layout, Line, norm};
use crate::template::{self, Template};

/// The template whose labels the document uses most; labels shared by all templates do not
/// count. `None` when no template-specific label is found.
pub fn detect_template(lines: &[Line]) -> Option<(&'static Template, usize)> {
    let found: HashSet<String> = lines
        .iter()
        .flat_map(|l| l.cells.iter().map(|c| norm(c)))
        .filter(|c| !c.is_empty())
        .collect();
    // The templates are static: their folded labels are built once per process.
    static LABELS: OnceLock<Vec<(&'static Template, HashSet<String>)>> = OnceLock::new();
    let labels = LABELS.get_or_init(|| {
        template::all()
            .iter()
            .map(|t| (t, template_labels(t)))
            .collect()
    });
    labels
        .iter()
        .map(|(t, own)| {
            let unique = own
                .iter()
                .filter(|l| {
                    labels
                        .iter()
                        .all(|(o, theirs)| o.id() == t.id() || !theirs.contains(*l))
                })
                .filter(|l| found.contains(*l))
                .count();
            (*t, unique)
        })
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(_, n)| *n)
}

fn template_labels(t: &Template) -> HashSet<String> {
    let mut out = HashSet::new();
    for grid in t.def.tables.iter().flat_map(|t| &t.grids) {
        out.extend(grid.caption.iter().map(|c| norm(c)));
        out.extend(grid.columns.iter().map(|c| norm(&c.label)));
        out.extend(
            grid.rows
                .iter()
                .flat_map(|r| r.labels.iter().map(|l| norm(l))),
        );
        out.extend(grid.header.iter().flatten().map(|h| norm(&h.text)));
    }
    out.remove("");
    out
}

/// The line index of each section's heading, in template order (`None` where not found).
pub fn find_sections(lines: &[Line], template: &Template) -> Vec<Option<usize>> {
    let headings: Vec<String> = template
        .def
        .sections
        .iter()
        .map(|s| norm(strip_number(&s.heading).1))
        .collect();
    let heading_pairs: Vec<Bigrams> = headings.iter().map(|h| bigrams(h)).collect();
    let mut found = vec![None; headings.len()];
    let mut next = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.layout != Layout::Text || line.cells[0].chars().count() > 40 {
            continue;
        }
        let (number, body) = strip_number(&line.cells[0]);
        let body = norm(body);
        // Built only for lines that could be a heading (most numbered lines cannot).
        let pairs = OnceCell::new();
        // Headings come in order; a later one may be found when an earlier one is missing.
        let hit = (next..headings.len()).find(|&s| {
            let shared = || {
                let pairs = pairs.get_or_init(|| bigrams(&body));
                pairs.intersection(&heading_pairs[s]).count()
            };
            let own = headings[s].chars().count().saturating_sub(1);
            match number {
                Some(n) if n == s + 1 => shared() >= 1,
                Some(_) => false,
                None => {
                    body == headings[s] || {
                        let n = shared();
                        n * 5 >= own * 4 && n >= 3
                    }
                }
            }
        });
        if let Some(s) = hit {
            found[s] = Some(i);
            next = s + 1;
        }
    }
    found
}

/// 「一、」「六.」「5、」 at the start of a heading: its number and the rest. Arabic numbers
/// need 「、」: 「2.强化监督」 is a list item inside a narrative, not a section.
fn strip_number(text: &str) -> (Option<usize>, &str) {
    let text = text.trim();
    let mut chars = text.char_indices();
    let Some((_, first)) = chars.next() else {
        return (None, text);
    };
    let (number, separators) = match "一二三四五六七八九".find(first) {
        Some(b) => (b / 3 + 1, "、.．，,"),
        None => match first.to_digit(10) {
            Some(d) => (d as usize, "、"),
            None => return (None, text),
        },
    };
    match chars.next() {
        Some((at, sep)) if separators.contains(sep) => {
            (Some(number), text[at + sep.len_utf8()..].trim())
        }
        _ => (None, text),
    }
}

type Bigrams = HashSet<(char, char)>;

/// The distinct pairs of neighbouring characters: how much of a heading a drifted line keeps.
fn bigrams(text: &str) -> Bigrams {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Line {
        Line::paragraph(text.into())
    }

    #[test]
    fn drifted_headings_are_found_in_order() {
        let t = template::by_id("gb2019").unwrap();
        let lines: Vec<Line> = [
            "一、工作基本情况",
            "正文",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "二、上年结转政府信息公开申请数量",
            "四、结转下年度继续办理",
            "四、政府信息公开行政复议、行政诉讼情况",
            "5、 存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        ]
        .map(para)
        .to_vec();
        assert_eq!(
            find_sections(&lines, t),
            [Some(0), Some(2), Some(3), Some(6), Some(7), Some(8)]
        );
        let drift = [para("五、政府信息公开工作存在的主要问题及改进情况")];
        assert_eq!(find_sections(&drift, t)[4], Some(0));
    }

    #[test]
    fn numbering_is_read() {
        assert_eq!(strip_number("5、 存在"), (Some(5), "存在"));
        assert_eq!(strip_number("六、其他"), (Some(6), "其他"));
        assert_eq!(strip_number("一是加强"), (None, "一是加强"));
        assert_eq!(strip_number("2.强化监督"), (None, "2.强化监督"));
    }
}
