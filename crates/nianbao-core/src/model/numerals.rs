//! Numbers written in Chinese numerals, as narratives and 落款 dates have them: 「十二件」,
//! 「二〇二六年一月二十日」.

/// The characters a Chinese numeral is made of.
pub const CHINESE_DIGITS: &str = "零〇一二两三四五六七八九十百千万";

fn digit(c: char) -> Option<i64> {
    "零一二三四五六七八九"
        .find(c)
        .map(|b| (b / 3) as i64)
        .or(match c {
            '〇' | '○' | 'Ｏ' => Some(0),
            '两' => Some(2),
            _ => None,
        })
}

/// 「三」 3, 「十二」 12, 「二十」 20, 「一百零五」 105, 「两千」 2000; `None` for what is not one
/// number (「一二」).
pub fn chinese_number(text: &str) -> Option<i64> {
    let (mut total, mut section, mut pending): (i64, i64, Option<i64>) = (0, 0, None);
    for c in text.chars() {
        if let Some(d) = digit(c) {
            if pending.is_some_and(|p| p != 0) {
                return None;
            }
            pending = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            _ => return None,
        };
        let n = pending.take().unwrap_or(if unit == 10 { 1 } else { 0 });
        if unit == 10_000 {
            total += (section + n).max(1) * unit;
            section = 0;
        } else {
            section += n * unit;
        }
    }
    Some(total + section + pending.unwrap_or(0))
}

/// A number read digit by digit, as years are written: 「二〇二六」 2026, 「2026」 2026.
pub fn digit_string(text: &str) -> Option<i64> {
    if text.is_empty() || text.chars().count() > 9 {
        return None;
    }
    text.chars().try_fold(0, |n, c| {
        let d = c
            .to_digit(10)
            .map(i64::from)
            .or_else(|| ('０'..='９').contains(&c).then(|| c as i64 - '０' as i64))
            .or_else(|| digit(c))?;
        Some(n * 10 + d)
    })
}

/// A month or day: Arabic (「1」「０１」) or Chinese (「十二」「二十一」).
pub fn small_number(text: &str) -> Option<i64> {
    if text.chars().count() > 3 {
        return None;
    }
    digit_string(text).or_else(|| chinese_number(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_chinese_numerals() {
        assert_eq!(chinese_number("一百零五"), Some(105));
        assert_eq!(chinese_number("二十"), Some(20));
        assert_eq!(chinese_number("两千三百"), Some(2300));
        assert_eq!(chinese_number("一二"), None);
        assert_eq!(digit_string("二〇二六"), Some(2026));
        assert_eq!(digit_string("２０２６"), Some(2026));
        assert_eq!(small_number("三十一"), Some(31));
        assert_eq!(small_number("01"), Some(1));
        assert_eq!(small_number("十"), Some(10));
    }
}
