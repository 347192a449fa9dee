//! Which value of a published row belongs to which column. Rows arrive whole, shifted by
//! empty cells, or with values lost; a value is placed only when the evidence is unambiguous,
//! and otherwise the row is left blank and marked. Pure: no template, no report.

use super::lines::Layout;

/// `sum(left) = sum(right)` over column indices of one row (e.g. 总计 = the six applicants).
#[derive(Debug, Clone)]
pub struct RowEquation {
    pub left: Vec<usize>,
    pub right: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum How {
    Read,
    Realigned(String),
    Inferred(String),
    Missing(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// One raw text per column (`None` = blank); inferred values are written as numbers.
    pub values: Vec<Option<String>>,
    /// How each column's value was found.
    pub how: Vec<How>,
    /// Values of the row in no column: (position in the row's slots, text).
    pub unplaced: Vec<(usize, String)>,
}

/// One cell of a real table's row after its label: text, first grid column, columns spanned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub text: String,
    pub at: usize,
    pub span: usize,
}

/// Places a real table's row (Word, web page) whose merged cells are known. With the
/// columns' grid positions from the table's header (`header`, one range per column), each
/// column takes the one cell under it; without, cells are read in order when there are
/// exactly as many. Anything else is marked, and its values are returned as not placed.
pub fn place_exact(
    cells: &[Source],
    header: Option<&[std::ops::Range<usize>]>,
    columns: usize,
    equations: &[RowEquation],
    number: impl Fn(&str) -> Option<i64>,
) -> Placement {
    let by_header = header.map(|h| under_headers(cells, h));
    if let Some(p) = &by_header
        && p.unplaced.is_empty()
        && p.how.iter().all(|h| *h == How::Read)
    {
        return p.clone();
    }
    // Padding after (or, less surely, before) the values: 「行政事业性收费 | 6 | -3 | 」.
    let mut list: &[Source] = cells;
    while list.len() > columns && list.last().is_some_and(|c| c.text.is_empty()) {
        list = &list[..list.len() - 1];
    }
    let mut leading = false;
    while list.len() > columns && list.first().is_some_and(|c| c.text.is_empty()) {
        list = &list[1..];
        leading = true;
    }
    if list.len() == columns {
        let values = list
            .iter()
            .map(|c| (!c.text.is_empty()).then(|| c.text.clone()))
            .collect();
        let why = match (&by_header, leading) {
            (Some(_), _) => Some("本行单元格的位置与表头不一致，按顺序读取".to_string()),
            (None, true) => Some("本行前面有空单元格，按顺序读取".to_string()),
            (None, false) => None,
        };
        let how = why.map_or(How::Read, How::Realigned);
        return Placement {
            values,
            how: vec![how; columns],
            unplaced: Vec::new(),
        };
    }
    if let Some(p) = by_header {
        return p;
    }
    let texts: Vec<String> = cells.iter().map(|c| c.text.clone()).collect();
    let mut p = place(&texts, Layout::Text, columns, equations, number);
    if p.how.iter().all(|h| *h == How::Read) && p.values.iter().any(Option::is_some) {
        let why = format!(
            "原文此行有 {} 个单元格，其中 {columns} 个有数值，按顺序读取",
            cells.len()
        );
        p.how = vec![How::Realigned(why); columns];
    }
    p
}

/// Each column takes the cells under its header range; a cell under no column, under
/// several, or sharing a column with another value is not placed.
fn under_headers(cells: &[Source], header: &[std::ops::Range<usize>]) -> Placement {
    let columns = header.len();
    let mut values = vec![None; columns];
    let mut how = vec![How::Read; columns];
    let mut unplaced = Vec::new();
    let mut taken: Vec<Vec<usize>> = vec![Vec::new(); columns];
    for (k, cell) in cells.iter().enumerate() {
        if cell.text.is_empty() {
            continue;
        }
        let under: Vec<usize> = (0..columns)
            .filter(|&j| cell.at < header[j].end && header[j].start < cell.at + cell.span)
            .collect();
        match under.as_slice() {
            [j] => taken[*j].push(k),
            [] => unplaced.push((k, cell.text.clone())),
            several => {
                unplaced.push((k, cell.text.clone()));
                for &j in several {
                    how[j] = How::Missing(format!(
                        "原文的数值「{}」跨越了多列，无法确定属于哪一列",
                        cell.text
                    ));
                }
            }
        }
    }
    for (j, ks) in taken.iter().enumerate() {
        match ks.as_slice() {
            [] => {}
            [k] if how[j] == How::Read => values[j] = Some(cells[*k].text.clone()),
            ks => {
                let listed: Vec<&str> = ks.iter().map(|&k| cells[k].text.as_str()).collect();
                how[j] = How::Missing(format!(
                    "原文此列下有 {} 个数值（{}），无法确定是哪一个",
                    ks.len(),
                    listed.join(" ")
                ));
                unplaced.extend(ks.iter().map(|&k| (k, cells[k].text.clone())));
            }
        }
    }
    unplaced.sort();
    // A figure of this row went nowhere: a column left blank may be where it belonged.
    if !unplaced.is_empty() {
        let why = format!(
            "本行有 {} 个数值不在任何列标题之下，这一格在原文中可能有值",
            unplaced.len()
        );
        for (j, h) in how.iter_mut().enumerate() {
            if values[j].is_none() && *h == How::Read {
                *h = How::Missing(why.clone());
            }
        }
    }
    Placement {
        values,
        how,
        unplaced,
    }
}

/// Places the cells that follow a row's label (`slots`, blanks included; for a paragraph
/// stream, only the values) onto `columns` columns.
/// `number` reads a value as an integer in the cell's unit (ten-thousandths), when it is one.
pub fn place(
    slots: &[String],
    layout: Layout,
    columns: usize,
    equations: &[RowEquation],
    number: impl Fn(&str) -> Option<i64>,
) -> Placement {
    let values: Vec<String> = slots.iter().filter(|s| !s.is_empty()).cloned().collect();
    let n = values.len();
    let fitted = match layout {
        Layout::Loose => trimmed(slots, columns),
        Layout::Text | Layout::Exact => None,
    };
    let in_order = || values.iter().cloned().map(Some).collect::<Vec<_>>();
    let positional = |fit: &Vec<String>| -> Vec<Option<String>> {
        fit.iter()
            .map(|s| (!s.is_empty()).then(|| s.clone()))
            .collect()
    };
    let listed = values.join(" ");
    if n == columns {
        // Empty cells before or after the values are merged cells lost in copying (a label
        // over three columns leaves two); only values that had gaps between them moved.
        let shifted = layout == Layout::Loose
            && fitted
                .as_ref()
                .is_none_or(|fit| fit.iter().any(String::is_empty));
        let how = if shifted {
            How::Realigned(format!(
                "原文此行有空格错位，{n} 个数值按顺序对应 {columns} 列"
            ))
        } else {
            How::Read
        };
        return done(in_order(), how);
    }
    if n + 1 == columns
        && let Some(row) = infer(&values, equations, &number)
    {
        return done(
            row.into_iter().map(Some).collect(),
            How::Inferred(format!(
                "原文此行只有 {n} 个数值（{listed}），少于 {columns} 列；按本行合计关系只有一种填法"
            )),
        );
    }
    if n > 0
        && n < columns
        && let Some(fit) = &fitted
    {
        return done(
            positional(fit),
            How::Realigned(format!(
                "原文此行只有 {n} 个数值，按其在表格中的位置读取，其余单元格原文为空"
            )),
        );
    }
    let why = match n {
        0 => "原文此行没有数值".to_string(),
        n if n < columns => {
            format!("原文此行只有 {n} 个数值（{listed}），少于 {columns} 列，无法确定各属哪一列")
        }
        n => format!("原文此行有 {n} 个数值（{listed}），多于 {columns} 列，无法确定各属哪一列"),
    };
    let unplaced = slots
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.is_empty())
        .map(|(k, s)| (k, s.clone()))
        .collect();
    Placement {
        values: vec![None; columns],
        how: vec![How::Missing(why); columns],
        unplaced,
    }
}

fn done(values: Vec<Option<String>>, how: How) -> Placement {
    let columns = values.len();
    Placement {
        values,
        how: vec![how; columns],
        unplaced: Vec::new(),
    }
}

/// A copied row has stray empty cells where merged cells were: drop empty ones from the end,
/// then from the start, until the row is as wide as the table.
fn trimmed(slots: &[String], columns: usize) -> Option<Vec<String>> {
    let mut fit = slots;
    while fit.len() > columns && fit.last().is_some_and(String::is_empty) {
        fit = &fit[..fit.len() - 1];
    }
    while fit.len() > columns && fit.first().is_some_and(String::is_empty) {
        fit = &fit[1..];
    }
    (fit.len() == columns).then(|| fit.to_vec())
}

/// One value is missing: try it in every column. Each try must determine the missing value
/// from an equation of the row and satisfy all of them; the answer stands only when every
/// consistent try gives the same row and none leaves the row undetermined.
fn infer(
    values: &[String],
    equations: &[RowEquation],
    number: &impl Fn(&str) -> Option<i64>,
) -> Option<Vec<String>> {
    if equations.is_empty() {
        return None;
    }
    let nums: Vec<i64> = values.iter().map(|v| number(v)).collect::<Option<_>>()?;
    let columns = nums.len() + 1;
    let mut answer: Option<Vec<i64>> = None;
    for gap in 0..columns {
        let mut row: Vec<Option<i64>> = nums.iter().copied().map(Some).collect();
        row.insert(gap, None);
        let solved = equations.iter().find_map(|eq| solve(eq, &row, gap));
        // A try that leaves the value undetermined makes the whole row undetermined.
        let value = solved?;
        if value < 0 {
            continue;
        }
        row[gap] = Some(value);
        let row: Vec<i64> = row.into_iter().map(Option::unwrap_or_default).collect();
        let holds = equations.iter().all(|eq| {
            eq.left.iter().map(|&c| row[c]).sum::<i64>()
                == eq.right.iter().map(|&c| row[c]).sum::<i64>()
        });
        if !holds {
            continue;
        }
        match &answer {
            Some(a) if *a != row => return None,
            _ => answer = Some(row),
        }
    }
    answer.map(|row| row.iter().map(|v| format_scaled(*v)).collect())
}

/// The value of `gap` from an equation in which it is the only unknown.
fn solve(eq: &RowEquation, row: &[Option<i64>], gap: usize) -> Option<i64> {
    let on_left = eq.left.contains(&gap);
    if !on_left && !eq.right.contains(&gap) {
        return None;
    }
    let sum = |cols: &[usize]| {
        cols.iter()
            .filter(|&&c| c != gap)
            .map(|&c| row[c])
            .sum::<Option<i64>>()
    };
    let (left, right) = (sum(&eq.left)?, sum(&eq.right)?);
    Some(if on_left { right - left } else { left - right })
}

/// Ten-thousandths back to the text a clerk would type.
fn format_scaled(v: i64) -> String {
    let (int, frac) = (v / 10_000, (v % 10_000).abs());
    if frac == 0 {
        int.to_string()
    } else {
        format!("{int}.{}", format!("{frac:04}").trim_end_matches('0'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }
    fn num(t: &str) -> Option<i64> {
        t.parse::<i64>().ok().map(|v| v * 10_000)
    }
    fn total_of_six() -> Vec<RowEquation> {
        vec![RowEquation {
            left: vec![6],
            right: (0..6).collect(),
        }]
    }
    fn vals(p: &Placement) -> Vec<&str> {
        p.values
            .iter()
            .map(|v| v.as_deref().unwrap_or(""))
            .collect()
    }

    #[test]
    fn shifted_copied_rows_are_realigned_by_position() {
        // Only the 总计 filled, with a stray cell after it.
        let p = place(
            &s(&["", "", "", "", "", "", "", "0", ""]),
            Layout::Loose,
            7,
            &total_of_six(),
            num,
        );
        assert_eq!(vals(&p), ["", "", "", "", "", "", "0"]);
        assert!(matches!(&p.how[0], How::Realigned(_)));
        let p = place(
            &s(&["", "1", "2", "0", "0", "0", "0", "3", ""]),
            Layout::Loose,
            7,
            &total_of_six(),
            num,
        );
        assert_eq!(vals(&p), ["1", "2", "0", "0", "0", "0", "3"]);
    }

    #[test]
    fn one_missing_value_is_inferred_only_when_unambiguous() {
        let p = place(&s(&["0"; 6]), Layout::Text, 7, &total_of_six(), num);
        assert_eq!(vals(&p), ["0"; 7]);
        assert!(matches!(&p.how[0], How::Inferred(_)));
        // 1 0 0 0 0 1: the missing one could be 自然人 (0), 商业企业 (0) … or 总计 (2).
        let p = place(
            &s(&["1", "0", "0", "0", "0", "1"]),
            Layout::Text,
            7,
            &total_of_six(),
            num,
        );
        assert_eq!(vals(&p), [""; 7]);
        assert!(matches!(&p.how[0], How::Missing(_)));
        // 3 0 0 0 0 5: 总计 could be 5 (one applicant column holds 2) or 8: ambiguous.
        let p = place(
            &s(&["3", "0", "0", "0", "0", "5"]),
            Layout::Text,
            7,
            &total_of_six(),
            num,
        );
        assert!(matches!(&p.how[0], How::Missing(_)));
    }

    #[test]
    fn stream_rows_with_too_few_values_stay_blank() {
        let p = place(&s(&["0"; 4]), Layout::Text, 7, &total_of_six(), num);
        assert_eq!(vals(&p), [""; 7]);
        assert!(matches!(&p.how[0], How::Missing(m) if m.contains("4 个数值")));
    }

    fn src(cells: &[(&str, usize, usize)]) -> Vec<Source> {
        cells
            .iter()
            .map(|&(text, at, span)| Source {
                text: text.into(),
                at,
                span,
            })
            .collect()
    }

    #[test]
    fn real_tables_are_read_under_their_headers() {
        // 2021's 行政许可: one value spanning the three columns of the table, under a header
        // 「本年处理决定数量」 that spans them too.
        // One column over grid positions 1..4.
        let header = [std::ops::Range { start: 1, end: 4 }];
        let p = place_exact(&src(&[("5", 1, 3)]), Some(&header), 1, &[], num);
        assert_eq!(vals(&p), ["5"]);
        assert_eq!(p.how, [How::Read]);
        // 2019's 行政事业性收费 padded to four columns: by the header, not from the right.
        let header = [1..2, 2..3];
        let row = src(&[("6", 1, 1), ("-3", 2, 1), ("", 3, 1)]);
        let p = place_exact(&row, Some(&header), 2, &[], num);
        assert_eq!(vals(&p), ["6", "-3"]);
        // Without a header, padding at the end is dropped and the rest read in order.
        let p = place_exact(&row, None, 2, &[], num);
        assert_eq!((vals(&p), &p.how[0]), (vec!["6", "-3"], &How::Read));
        // A value under no column is returned, never dropped.
        let row = src(&[("6", 1, 1), ("-3", 2, 1), ("9", 3, 1)]);
        let p = place_exact(&row, Some(&header), 2, &[], num);
        assert_eq!(vals(&p), ["6", "-3"]);
        assert_eq!(p.unplaced, [(2, "9".to_string())]);
        // A row shifted under its headers: what went nowhere is returned, and the column left
        // blank is marked (its figure may be among them), never silently blank.
        let row = src(&[("6", 2, 1), ("-3", 3, 1), ("9", 4, 1)]);
        let p = place_exact(&row, Some(&header), 2, &[], num);
        assert_eq!(vals(&p), ["", "6"]);
        assert!(matches!(&p.how[0], How::Missing(_)));
        assert_eq!(p.unplaced.len(), 2);
        // Two values under one merged header cell: neither is guessed.
        let p = place_exact(
            &src(&[("1", 1, 1), ("2", 2, 1)]),
            Some(&[std::ops::Range { start: 1, end: 3 }]),
            1,
            &[],
            num,
        );
        assert_eq!(vals(&p), [""]);
        assert!(matches!(&p.how[0], How::Missing(_)));
        assert_eq!(p.unplaced.len(), 2);
    }

    #[test]
    fn scaled_values_format_back() {
        assert_eq!(format_scaled(251_000), "25.1");
        assert_eq!(format_scaled(0), "0");
    }
}
