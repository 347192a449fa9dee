//! The import report: what was read, what was moved or worked out and why, what is missing.
//! The doubts and this report live in the report (`Report::review`), so they are saved with it
//! and reload; shown in the window and printed by `nianbao convert --verbose`.

pub use crate::model::ImportReport;
use crate::model::{MarkKind, Report, Review};
use crate::template::CellIx;

impl ImportReport {
    pub fn note(&mut self, text: impl Into<String>) {
        self.notes.push(text.into());
    }

    /// One line summing it up, e.g. 「读取 205 个单元格；已对齐 7 个，已推算 0 个，…」. Counts
    /// every doubt found, confirmed or not: what was inferred stays said.
    pub fn summary(&self, review: &Review) -> String {
        let mut out = format!(
            "原样读取 {} 个单元格；按位置对齐 {} 个，推算 {} 个，单位待核对 {} 个，未能读取 {} 个",
            self.read,
            review.count(MarkKind::Realigned),
            review.count(MarkKind::Inferred),
            review.count(MarkKind::Unit),
            review.count(MarkKind::Missing)
        );
        let not_placed = review.count(MarkKind::NotPlaced);
        if not_placed > 0 {
            out.push_str(&format!("；另有 {not_placed} 个数字未放入表格"));
        }
        out
    }

    /// The full report as lines of text, cells named by their labels.
    pub fn lines(&self, report: &Report) -> Vec<String> {
        let mut out = vec![self.summary(&report.review)];
        out.extend(self.notes.iter().cloned());
        if !self.left_out.is_empty() {
            out.push(format!(
                "以下 {} 行是网页栏目、索引号等，不属于报告，没有导入：{}",
                self.left_out.len(),
                self.left_out.join("｜")
            ));
        }
        out.extend(review_lines(report));
        out
    }
}

/// The doubts of the report as lines, those of one row with the same reason together:
/// 「［未能读取］“（一）予以公开”一行 7 个单元格（t3.granted.*）：原文中没有找到这一行」.
pub fn review_lines(report: &Report) -> Vec<String> {
    let t = report.template;
    let mut out: Vec<String> = Vec::new();
    let marks = &report.review.marks;
    let mut i = 0;
    while i < marks.len() {
        let m = &marks[i];
        let row_of = |c: CellIx| t.cell(c).row_key();
        // Marks of the same row, kind and reason that follow this one.
        let group = match m.cell {
            Some(c) => marks[i..]
                .iter()
                .take_while(|n| {
                    n.kind == m.kind
                        && n.original.is_empty()
                        && m.original.is_empty()
                        && n.reason == m.reason
                        && n.confirmed == m.confirmed
                        && n.cell.is_some_and(|d| row_of(d) == row_of(c))
                })
                .count(),
            None => 1,
        }
        // The mark itself always counts, whatever the grouping says.
        .max(1);
        let state = if m.confirmed { "（已核对）" } else { "" };
        let place = match m.cell {
            Some(c) if group > 1 => {
                let (_, row, _) = t.cell_parts(c);
                let name = row
                    .labels
                    .last()
                    .cloned()
                    .unwrap_or_else(|| t.table_part(t.cell(c).table));
                let prefix = t.cell(c).id.rsplit_once('.').map_or("", |(p, _)| p);
                format!("“{name}”一行 {group} 个单元格（{prefix}.*）")
            }
            Some(c) => format!("{}（{}）", t.cell_label(c), t.cell(c).id),
            None => String::new(),
        };
        let original = match m.original.as_str() {
            "" => String::new(),
            text => format!("原文「{text}」；"),
        };
        let colon = if place.is_empty() { "" } else { "：" };
        out.push(format!(
            "［{}］{state}{place}{colon}{original}{}",
            m.kind.name(),
            m.reason
        ));
        i += group;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MarkKind;

    #[test]
    fn every_mark_is_one_line_or_part_of_its_row() {
        let mut r = Report::new(2025, "清水河镇");
        let cell = |id: &str| r.template.cell_index(id);
        let (a, b) = (cell("t3.new.natural"), cell("t3.new.commercial"));
        // Marks with source text stand alone; marks of one row without it are one line.
        r.review.mark(a, MarkKind::Realigned, "5", "错位".into());
        r.review.mark(b, MarkKind::Realigned, "6", "错位".into());
        r.review.mark(a, MarkKind::Missing, "", "没有".into());
        r.review.mark(b, MarkKind::Missing, "", "没有".into());
        r.review
            .mark(None, MarkKind::NotPlaced, "99", "多余".into());
        let lines = review_lines(&r);
        assert_eq!(lines.len(), 4, "{lines:#?}");
        assert!(lines[0].contains("原文「5」") && lines[1].contains("原文「6」"));
        assert!(lines[2].contains("2 个单元格"));
        assert_eq!(lines[3], "［未放入表格］原文「99」；多余");
    }
}
