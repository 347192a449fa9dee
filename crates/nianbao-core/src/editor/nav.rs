//! Moving between table cells like a spreadsheet: Enter and the arrows down and up the
//! column, left and right along the row, within one table (Tab is egui's own focus order,
//! which is the same row order). Computed totals are skipped
//! while automatic totals are on (they cannot be typed into).

use crate::template::Template;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    Left,
    Right,
}

fn editable(t: &Template, cell: usize, auto_totals: bool) -> bool {
    !(auto_totals && t.cells[cell].computed)
}

/// The cell a move lands on, or `None` at the edge of the table.
pub fn step(t: &Template, from: usize, mv: Move, auto_totals: bool) -> Option<usize> {
    let here = &t.cells[from];
    let same_table = |c: usize| t.cells[c].table == here.table;
    let ok = |c: &usize| same_table(*c) && editable(t, *c, auto_totals);
    match mv {
        Move::Right => (from + 1..t.cells.len())
            .take_while(|&c| same_row(t, c, from))
            .find(ok),
        Move::Left => (0..from)
            .rev()
            .take_while(|&c| same_row(t, c, from))
            .find(ok),
        Move::Down | Move::Up => {
            // Same grid and column, rows below or above; t2's grids each have their own columns.
            let candidates = |c: &usize| {
                let x = &t.cells[*c];
                x.table == here.table && x.grid == here.grid && x.col == here.col
            };
            if mv == Move::Down {
                (from + 1..t.cells.len()).filter(candidates).find(ok)
            } else {
                (0..from).rev().filter(candidates).find(ok)
            }
        }
    }
}

fn same_row(t: &Template, a: usize, b: usize) -> bool {
    t.cells[a].row_key() == t.cells[b].row_key()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template;

    #[test]
    fn moves_like_a_spreadsheet() {
        let t = template::by_id("gb2021").unwrap();
        let id = |s: &str| t.cell_index(s).unwrap();
        let name = |c: Option<usize>| c.map(|c| t.cells[c].id.clone());
        assert_eq!(
            name(step(t, id("t3.new.natural"), Move::Right, true)),
            Some("t3.new.commercial".into())
        );
        // The 总计 column is computed: Right stops at the row's last input.
        assert_eq!(name(step(t, id("t3.new.other"), Move::Right, true)), None);
        assert_eq!(
            name(step(t, id("t3.new.other"), Move::Right, false)),
            Some("t3.new.total".into())
        );
        assert_eq!(
            name(step(t, id("t3.new.natural"), Move::Down, true)),
            Some("t3.carried_in.natural".into())
        );
        // Down from the last outcome row skips the computed （七）总计 row.
        assert_eq!(
            name(step(t, id("t3.other_misc.natural"), Move::Down, true)),
            Some("t3.carried_out.natural".into())
        );
        assert_eq!(name(step(t, id("t3.new.natural"), Move::Up, true)), None);
        assert_eq!(name(step(t, id("t3.new.natural"), Move::Left, true)), None);
        assert_eq!(
            name(step(t, id("t3.carried_out.natural"), Move::Down, true)),
            None,
            "stays in table 三"
        );
        assert_eq!(
            name(step(t, id("t2.regulations.in_force"), Move::Down, true)),
            Some("t2.normative_documents.in_force".into())
        );
        assert_eq!(
            name(step(
                t,
                id("t2.normative_documents.in_force"),
                Move::Down,
                true
            )),
            None
        );
    }
}
