//! Published cell texts as values: signs, separators, units (「251000元」, 「25.1万元」,
//! 「3件」), and 元 converted to the 万元 the template counts in.

use crate::model::{CellKind, CellValue, Num, parse_number};

/// A value read as 万元 that looks like a figure in 元 (see `Num::as_if_yuan`).
pub fn looks_like_yuan(value: &CellValue) -> bool {
    value.num().and_then(Num::as_if_yuan).is_some()
}

/// A published cell that holds a value: digits with an optional sign, separators and unit.
pub fn looks_numeric(text: &str) -> bool {
    // A figure a PDF table without rules wrapped (「1035｜8」) is a value, if not a number.
    if text.contains(super::pdf::WRAPPED) {
        return text.split(super::pdf::WRAPPED).all(looks_numeric);
    }
    let t = strip_unit(text.trim()).0;
    !t.is_empty()
        && (parse_number(t, CellKind::SignedCount).is_ok()
            || parse_number(t, CellKind::Amount).is_ok())
}

/// 「251000元」 → ("251000", 元); 「25.1万元」 → ("25.1", 万元); 「3件」 → ("3", none).
fn strip_unit(text: &str) -> (&str, Option<bool>) {
    if let Some(t) = text.strip_suffix("万元") {
        return (t.trim(), Some(false));
    }
    if let Some(t) = text.strip_suffix('元') {
        return (t.trim(), Some(true));
    }
    (text.trim_end_matches(['件', '个', '项', '次']).trim(), None)
}

/// The cell value of a published text, and a note when a unit was converted (or could not
/// be). Text that is not a number is kept as written (flagged by the checks), never dropped.
pub fn to_value(raw: &str, kind: CellKind, header_in_yuan: bool) -> (CellValue, Option<String>) {
    let (digits, unit) = strip_unit(raw.trim());
    let in_yuan = kind == CellKind::Amount && unit.unwrap_or(header_in_yuan);
    match parse_number(digits, kind) {
        Ok(n) if in_yuan => {
            let scaled = n.scaled();
            if scaled % 10_000 != 0 {
                // Fractions of a 元 need more decimals than 万元 keep: not convertible. Keep
                // the header's unit in the text, so it stays invalid (it is not 1.2625 万元).
                let text = match unit {
                    Some(_) => raw.to_string(),
                    None => format!("{}元", raw.trim()),
                };
                let note = format!("原文为 {text}，换算为万元需要四位以上小数，请核对后填写");
                return (CellValue::Invalid(text), Some(note));
            }
            let value = Num::from_scaled(scaled / 10_000);
            let note = format!("原文为 {raw}（元），已换算为 {} 万元", value.display(kind));
            (CellValue::Number(value), Some(note))
        }
        Ok(n) => (CellValue::Number(n), None),
        Err(_) => (CellValue::Invalid(raw.to_string()), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_values_are_read_with_sign_and_unit() {
        let amount = |t: &str| to_value(t, CellKind::Amount, false);
        assert_eq!(amount("251000元").0.text(CellKind::Amount), "25.1");
        assert!(amount("251000元").1.is_some());
        assert_eq!(amount("25.1万元").0.text(CellKind::Amount), "25.1");
        assert_eq!(
            to_value("1260000", CellKind::Amount, true)
                .0
                .text(CellKind::Amount),
            "126"
        );
        assert_eq!(
            to_value("+8", CellKind::SignedCount, false)
                .0
                .text(CellKind::SignedCount),
            "+8"
        );
        assert_eq!(
            to_value("-3", CellKind::SignedCount, false)
                .0
                .text(CellKind::SignedCount),
            "-3"
        );
        assert_eq!(
            to_value("\u{3000}0", CellKind::Count, false).0,
            CellValue::Number(Num::from_int(0))
        );
        assert_eq!(
            to_value("—", CellKind::Count, false).0,
            CellValue::Invalid("—".into())
        );
        // Fractions of a 元 are not convertible: kept invalid, with their unit, so the
        // text cannot be read back as 万元.
        let (value, note) = to_value("1.2625", CellKind::Amount, true);
        assert_eq!(value, CellValue::Invalid("1.2625元".into()));
        assert!(note.is_some_and(|n| n.contains("1.2625元")));
        assert_eq!(
            to_value("1.2625元", CellKind::Amount, false).0,
            CellValue::Invalid("1.2625元".into())
        );
        assert_eq!(
            CellValue::parse("1.2625元", CellKind::Amount),
            CellValue::Invalid("1.2625元".into())
        );
        // 元 belongs to amounts: a count is read as a count.
        assert_eq!(
            to_value("5.5元", CellKind::Count, false).0,
            CellValue::Invalid("5.5元".into())
        );
        assert!(looks_numeric("+189") && looks_numeric("0 ") && looks_numeric("251000元"));
        assert!(!looks_numeric("第二十条第（一）项") && !looks_numeric("1.属于国家秘密"));
    }
}
