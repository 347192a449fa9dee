//! Moving between table cells like a spreadsheet: Enter and the arrows down and up the
//! column, left and right along the row, Tab and Shift+Tab along the rows, all within one
//! table (Tab from the last cell comes back to the first, never out to the menu). Computed totals are skipped
//! while automatic totals are on (they cannot be typed into).

use crate::template::{CellIx, Template};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    Left,
    Right,
    /// Tab: the next typed cell of the table in reading order, from the last back to the first.
    Next,
    /// Shift+Tab: the previous one, from the first round to the last.
    Previous,
}

/// The cell a move lands on, or `None` at the edge of the table.
pub fn step(t: &Template, from: CellIx, mv: Move, auto_totals: bool) -> Option<CellIx> {
    let here = t.cell(from);
    let ok = |c: &CellIx| t.cell(*c).table == here.table && t.is_typed(*c, auto_totals);
    let after = (from.get() + 1..t.cells.len()).map(CellIx::new);
    let before = (0..from.get()).rev().map(CellIx::new);
    let same_row = |c: &CellIx| t.cell(*c).row_key() == here.row_key();
    // Same grid and column, rows below or above; t2's grids each have their own columns.
    let same_column = |c: &CellIx| {
        let x = t.cell(*c);
        x.table == here.table && x.grid == here.grid && x.col == here.col
    };
    match mv {
        Move::Right => after.take_while(same_row).find(ok),
        Move::Left => before.take_while(same_row).find(ok),
        Move::Down => after.filter(same_column).find(ok),
        Move::Up => before.filter(same_column).find(ok),
        // Cells of a table are contiguous in template order: wrap within it.
        Move::Next => after.chain((0..from.get()).map(CellIx::new)).find(ok),
        Move::Previous => before
            .chain((from.get() + 1..t.cells.len()).rev().map(CellIx::new))
            .find(ok),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template;

    #[test]
    fn tab_goes_round_the_table() {
        let t = template::by_id("gb2021").unwrap();
        let id = |s: &str| t.cell_index(s).unwrap();
        let name = |c: Option<CellIx>| c.map(|c| t.cell(c).id.clone());
        assert_eq!(
            name(step(t, id("t3.new.other"), Move::Next, true)),
            Some("t3.carried_in.natural".into())
        );
        assert_eq!(
            name(step(t, id("t3.carried_out.other"), Move::Next, true)),
            Some("t3.new.natural".into())
        );
        assert_eq!(
            name(step(t, id("t3.new.natural"), Move::Previous, true)),
            Some("t3.carried_out.other".into())
        );
    }

    #[test]
    fn moves_like_a_spreadsheet() {
        let t = template::by_id("gb2021").unwrap();
        let id = |s: &str| t.cell_index(s).unwrap();
        let name = |c: Option<CellIx>| c.map(|c| t.cell(c).id.clone());
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
