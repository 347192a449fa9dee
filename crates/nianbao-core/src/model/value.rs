//! Cell values: parsed from what the clerk typed, never losing it. Numbers are fixed-point with
//! four decimals (万元 amounts allow up to four places), so sums are exact.

use std::fmt;

pub use crate::template::CellKind;

/// A number scaled by 10⁴.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Num(i64);

const SCALE: i64 = 10_000;
/// Larger figures are typing mistakes; the bound also keeps sums far from overflow.
const MAX_INTEGER_PART: i64 = 1_000_000_000_000;

impl Num {
    /// An amount in 万元 that reads as 元 instead: a whole number of at least ten thousand
    /// 万元 (一亿元) is far more often a figure written in 元 (the official gb2019 header says
    /// only 「采购总金额」). The figure it would be in 万元, if so.
    pub fn as_if_yuan(self) -> Option<Num> {
        (self.0 >= SCALE * SCALE && self.0 % SCALE == 0).then_some(Num(self.0 / SCALE))
    }

    pub const ZERO: Num = Num(0);

    pub fn from_int(n: i64) -> Num {
        Num(n * SCALE)
    }

    pub fn scaled(self) -> i64 {
        self.0
    }

    pub fn from_scaled(n: i64) -> Num {
        Num(n)
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Written as the column shows it: counts as integers, signed changes with 「+」, amounts
    /// without trailing zeros.
    pub fn display(self, kind: CellKind) -> String {
        let text = self.to_string();
        if kind == CellKind::SignedCount && self.0 > 0 {
            format!("+{text}")
        } else {
            text
        }
    }
}

impl std::ops::Add for Num {
    type Output = Num;
    fn add(self, rhs: Num) -> Num {
        Num(self.0.saturating_add(rhs.0))
    }
}

impl std::ops::Sub for Num {
    type Output = Num;
    fn sub(self, rhs: Num) -> Num {
        Num(self.0.saturating_sub(rhs.0))
    }
}

impl std::iter::Sum for Num {
    fn sum<I: Iterator<Item = Num>>(iter: I) -> Num {
        iter.fold(Num::ZERO, |a, b| a + b)
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (int, frac) = (abs / SCALE as u64, abs % SCALE as u64);
        if frac == 0 {
            write!(f, "{sign}{int}")
        } else {
            let frac = format!("{frac:04}");
            write!(f, "{sign}{int}.{}", frac.trim_end_matches('0'))
        }
    }
}

/// A table cell: blank, a valid value, or text that is not a valid value for its column
/// (kept as typed and flagged by V-NUM).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum CellValue {
    #[default]
    Blank,
    Number(Num),
    Invalid(String),
}

impl CellValue {
    /// Parses what was typed for a column of `kind`.
    pub fn parse(text: &str, kind: CellKind) -> CellValue {
        let trimmed = trim(text);
        if trimmed.is_empty() {
            return CellValue::Blank;
        }
        match parse_number(trimmed, kind) {
            Ok(n) => CellValue::Number(n),
            Err(_) => CellValue::Invalid(text.to_string()),
        }
    }

    /// The text to show or save: the value as its column writes it, or the raw text.
    pub fn text(&self, kind: CellKind) -> String {
        match self {
            CellValue::Blank => String::new(),
            CellValue::Number(n) => n.display(kind),
            CellValue::Invalid(raw) => raw.clone(),
        }
    }

    /// The value for equations: blank counts as 0, invalid text has no value.
    pub fn num(&self) -> Option<Num> {
        match self {
            CellValue::Blank => Some(Num::ZERO),
            CellValue::Number(n) => Some(*n),
            CellValue::Invalid(_) => None,
        }
    }

    pub fn is_blank(&self) -> bool {
        matches!(self, CellValue::Blank)
    }
}

/// Why a text is not a valid value; the messages are shown to the clerk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("不是数字")]
    NotANumber,
    #[error("不能为负数")]
    Negative,
    #[error("应为整数，不能有小数")]
    Fraction,
    #[error("小数不能超过4位")]
    TooManyDecimals,
    #[error("数值过大")]
    TooLarge,
}

fn trim(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}')
}

/// Full-width digits, signs and points as clerks' input methods produce them.
fn normalise(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '＋' => Some('+'),
            '－' | '−' | '—' => Some('-'),
            '．' | '。' => Some('.'),
            // Thousands separators: checked by `ungroup`, never silently dropped.
            ',' | '，' | '\'' => Some(','),
            c => Some(c),
        })
        .collect()
}

/// The integer part without its thousands separators, when they sit where separators go:
/// a first group of one to three digits (not starting with 0), then groups of exactly three
/// (「1,234,567」). Anything
/// else (「1，2625」 typed for 「1。2625」, 「1,5」, 「12,34」) is not a number: the clerk sees it.
fn ungroup(int: &str) -> Option<String> {
    if !int.contains(',') {
        return Some(int.to_string());
    }
    let mut groups = int.split(',');
    let first = groups.next()?;
    let is_digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    // 「0,123」 is 0.123 where a comma is the decimal mark: never read as 123.
    if !(1..=3).contains(&first.len()) || !is_digits(first) || first.starts_with('0') {
        return None;
    }
    let mut joined = first.to_string();
    for group in groups {
        if group.len() != 3 || !is_digits(group) {
            return None;
        }
        joined.push_str(group);
    }
    Some(joined)
}

pub fn parse_number(text: &str, kind: CellKind) -> Result<Num, ValueError> {
    let text = normalise(trim(text));
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text.as_str()),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let int = ungroup(int).ok_or(ValueError::NotANumber)?;
    let int = int.as_str();
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits(int) || !digits(frac) || (body.contains('.') && frac.is_empty()) {
        return Err(ValueError::NotANumber);
    }
    if negative && kind != CellKind::SignedCount {
        return Err(ValueError::Negative);
    }
    if kind != CellKind::Amount && frac.bytes().any(|b| b != b'0') {
        return Err(ValueError::Fraction);
    }
    if frac.len() > 4 && frac[4..].bytes().any(|b| b != b'0') {
        return Err(ValueError::TooManyDecimals);
    }
    let int = int.trim_start_matches('0');
    // At most 13 digits fit below MAX_INTEGER_PART's order, so the parse cannot overflow.
    let int: i64 = if int.len() > 13 {
        MAX_INTEGER_PART
    } else {
        int.parse().unwrap_or(0)
    };
    if int >= MAX_INTEGER_PART {
        return Err(ValueError::TooLarge);
    }
    let frac: i64 = format!("{:0<4}", &frac[..frac.len().min(4)])
        .parse()
        .unwrap_or(0);
    let value = int * SCALE + frac;
    Ok(Num(if negative { -value } else { value }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_clerks_type() {
        let count = |s| parse_number(s, CellKind::Count);
        assert_eq!(count("12"), Ok(Num::from_int(12)));
        assert_eq!(count(" １２\u{3000}"), Ok(Num::from_int(12)));
        assert_eq!(count("1,200"), Ok(Num::from_int(1200)));
        assert_eq!(count("007"), Ok(Num::from_int(7)));
        assert_eq!(count("12.0"), Ok(Num::from_int(12)));
        assert_eq!(count("12a"), Err(ValueError::NotANumber));
        assert_eq!(count("-3"), Err(ValueError::Negative));
        assert_eq!(count("1.5"), Err(ValueError::Fraction));
        assert_eq!(count("."), Err(ValueError::NotANumber));
        assert_eq!(count("99999999999999999999999"), Err(ValueError::TooLarge));
        assert_eq!(
            parse_number("-3", CellKind::SignedCount),
            Ok(Num::from_int(-3))
        );
        assert_eq!(
            parse_number("+8", CellKind::SignedCount),
            Ok(Num::from_int(8))
        );
        assert_eq!(
            parse_number("25.1", CellKind::Amount),
            Ok(Num::from_scaled(251_000))
        );
        assert_eq!(
            parse_number("0.12345", CellKind::Amount),
            Err(ValueError::TooManyDecimals)
        );
        assert_eq!(
            parse_number("1.23450", CellKind::Amount),
            Ok(Num::from_scaled(12_345))
        );
    }

    #[test]
    fn separators_only_between_groups_of_three() {
        let count = |s| parse_number(s, CellKind::Count);
        let amount = |s| parse_number(s, CellKind::Amount);
        assert_eq!(count("1,234,567"), Ok(Num::from_int(1_234_567)));
        assert_eq!(count("1，234"), Ok(Num::from_int(1234)));
        assert_eq!(count("12'345"), Ok(Num::from_int(12_345)));
        assert_eq!(amount("1,234.5"), Ok(Num::from_scaled(12_345_000)));
        assert_eq!(
            parse_number("-1,000", CellKind::SignedCount),
            Ok(Num::from_int(-1000))
        );
        for bad in [
            "1，2625", "1,5", "12,34", "1,2345", ",123", "123,", "1,,234", "1234,567", "0.1,5",
            "1.234,5", "1,234,56", "0,123", "01,234",
        ] {
            assert_eq!(count(bad), Err(ValueError::NotANumber), "{bad}");
            assert_eq!(amount(bad), Err(ValueError::NotANumber), "{bad}");
        }
        assert_eq!(
            CellValue::parse("1，2625", CellKind::Amount),
            CellValue::Invalid("1，2625".into()),
            "kept as typed, for V-NUM"
        );
    }

    /// Any text with a separator is either a number whose digits, read without separators,
    /// are the digits typed, with separators exactly every three digits, or it is refused.
    #[test]
    fn no_separator_ever_changes_a_number_silently() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let alphabet = ['1', '2', '0', ',', '，', '.', '9'];
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(seed % 9 + 1) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            let Ok(n) = parse_number(&text, CellKind::Amount) else {
                continue;
            };
            let plain: String = text.chars().filter(|c| !matches!(c, ',' | '，')).collect();
            assert_eq!(parse_number(&plain, CellKind::Amount), Ok(n), "{text}");
            let int = text.split('.').next().unwrap_or_default();
            let groups: Vec<&str> = int.split([',', '，']).collect();
            assert!(
                groups.len() == 1 || groups[1..].iter().all(|g| g.len() == 3),
                "{text} read as {n}"
            );
        }
    }

    #[test]
    fn displays_as_the_column_writes() {
        assert_eq!(Num::from_scaled(251_000).display(CellKind::Amount), "25.1");
        assert_eq!(Num::from_scaled(5).display(CellKind::Amount), "0.0005");
        assert_eq!(Num::from_int(8).display(CellKind::SignedCount), "+8");
        assert_eq!(Num::from_int(-3).display(CellKind::SignedCount), "-3");
        assert_eq!(Num::ZERO.display(CellKind::SignedCount), "0");
    }

    #[test]
    fn keeps_invalid_text_as_typed() {
        assert_eq!(
            CellValue::parse("十二", CellKind::Count),
            CellValue::Invalid("十二".into())
        );
        assert_eq!(CellValue::parse("  ", CellKind::Count), CellValue::Blank);
        assert_eq!(
            CellValue::parse("十二", CellKind::Count).text(CellKind::Count),
            "十二"
        );
    }
}
