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
    pub how: How,
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
        Layout::Exact => right_aligned(slots, columns),
        Layout::Loose => trimmed(slots, columns),
        Layout::Text => None,
    };
    let in_order = || values.iter().cloned().map(Some).collect::<Vec<_>>();
    let positional = |fit: &Vec<String>| -> Vec<Option<String>> {
        fit.iter()
            .map(|s| (!s.is_empty()).then(|| s.clone()))
            .collect()
    };
    let listed = values.join(" ");
    if layout == Layout::Exact
        && let Some(fit) = &fitted
    {
        return done(positional(fit), How::Read);
    }
    if n == columns {
        // Trailing tabs are how copied rows end; only values that had to move left count.
        let shifted = layout == Layout::Loose
            && (slots.first().is_some_and(String::is_empty)
                || fitted
                    .as_ref()
                    .is_none_or(|fit| fit.iter().any(String::is_empty)));
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
                "原文此行只有 {n} 个数值，按它们在表格中的位置读取，其余单元格原文为空"
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
    done(vec![None; columns], How::Missing(why))
}

fn done(values: Vec<Option<String>>, how: How) -> Placement {
    Placement { values, how }
}

/// A real table's row: the values are its last `columns` positions.
fn right_aligned(slots: &[String], columns: usize) -> Option<Vec<String>> {
    (slots.len() >= columns).then(|| slots[slots.len() - columns..].to_vec())
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
        assert!(matches!(p.how, How::Realigned(_)));
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
        assert!(matches!(p.how, How::Inferred(_)));
        // 1 0 0 0 0 1: the missing one could be 自然人 (0), 商业企业 (0) … or 总计 (2).
        let p = place(
            &s(&["1", "0", "0", "0", "0", "1"]),
            Layout::Text,
            7,
            &total_of_six(),
            num,
        );
        assert_eq!(vals(&p), [""; 7]);
        assert!(matches!(p.how, How::Missing(_)));
        // 3 0 0 0 0 5: 总计 could be 5 (one applicant column holds 2) or 8: ambiguous.
        let p = place(
            &s(&["3", "0", "0", "0", "0", "5"]),
            Layout::Text,
            7,
            &total_of_six(),
            num,
        );
        assert!(matches!(p.how, How::Missing(_)));
    }

    #[test]
    fn stream_rows_with_too_few_values_stay_blank() {
        let p = place(&s(&["0"; 4]), Layout::Text, 7, &total_of_six(), num);
        assert_eq!(vals(&p), [""; 7]);
        assert!(matches!(p.how, How::Missing(m) if m.contains("4 个数值")));
    }

    #[test]
    fn real_tables_are_read_by_position() {
        let p = place(
            &s(&["", "", "5", "", "", "", "", "", "5"]),
            Layout::Exact,
            7,
            &total_of_six(),
            num,
        );
        assert_eq!(vals(&p), ["5", "", "", "", "", "", "5"]);
        assert_eq!(p.how, How::Read);
    }

    #[test]
    fn scaled_values_format_back() {
        assert_eq!(format_scaled(251_000), "25.1");
        assert_eq!(format_scaled(0), "0");
    }
}
