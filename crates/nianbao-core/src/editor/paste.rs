//! Pasting a block copied from Excel or WPS: tab-separated columns, one line per row, filled
//! from the focused cell rightwards and downwards within its grid.

use crate::template::{CellIx, Template};

/// Whether pasted text is a block (more than one cell) rather than text for one cell.
pub fn is_block(text: &str) -> bool {
    let text = text.trim_end_matches(['\r', '\n']);
    text.contains('\t') || text.contains('\n')
}

/// The cells a block lands on and the text each gets. Cells outside the grid are left out,
/// and so are computed totals while automatic totals are on.
pub fn block(t: &Template, at: CellIx, text: &str, auto_totals: bool) -> Vec<(CellIx, String)> {
    let origin = t.cell(at);
    let mut out = Vec::new();
    let text = text.trim_end_matches(['\r', '\n']);
    for (r, line) in text.split('\n').enumerate() {
        let row = origin.row + r;
        for (c, value) in line.trim_end_matches('\r').split('\t').enumerate() {
            let col = origin.col + c;
            let Some(cell) = t.cell_at(origin.table, origin.grid, row, col) else {
                break;
            };
            if t.is_typed(cell, auto_totals) {
                out.push((cell, value.trim().to_string()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template;

    #[test]
    fn fills_from_the_focused_cell() {
        let t = template::by_id("gb2021").unwrap();
        let at = t.cell_index("t3.granted.legal").unwrap();
        let cells = block(t, at, "1\t2\t3\t4\r\n5\t6\r\n", true);
        let named: Vec<(&str, &str)> = cells
            .iter()
            .map(|(c, v)| (t.cell(*c).id.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            named,
            [
                ("t3.granted.legal", "1"),
                ("t3.granted.other", "2"),
                ("t3.partial.legal", "5"),
                ("t3.partial.other", "6")
            ],
            "the 总计 column is computed and the block stops at the grid's edge"
        );
        assert!(is_block("1\t2") && is_block("1\n2\n") && !is_block("12\n") && !is_block("12"));
    }
}
