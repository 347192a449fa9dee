//! Years and days, said once: which report years exist, how a typed year is read and refused,
//! and what day it is (in China, UTC+8), for every part of the program.

use std::ops::RangeInclusive;

/// The report years nianbao accepts, everywhere (typing, files, the command line, import).
pub const YEARS: RangeInclusive<i32> = 2000..=2100;

/// A year as typed: four digits within [`YEARS`].
pub fn parse_year(text: &str) -> Option<i32> {
    text.trim().parse().ok().filter(|y| YEARS.contains(y))
}

/// The one message for a year that is not one.
pub fn invalid_year(text: &str) -> String {
    format!(
        "年度“{text}”无效，应为 {} 至 {} 之间的四位数",
        YEARS.start(),
        YEARS.end()
    )
}

/// A day of the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CivilDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl CivilDate {
    /// Today in China (UTC+8), or the day of `SOURCE_DATE_EPOCH` when it is set, for
    /// reproducible output of the same report.
    pub fn today() -> CivilDate {
        let secs = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs() as i64)
            });
        CivilDate::from_days((secs + 8 * 3600).div_euclid(86_400))
    }

    /// A date as a 落款 writes it: 「2026年1月20日」, 「二〇二六年一月二十日」, 「2026-01-20」,
    /// 「2026.1.20」, 「2026/1/20」 (spaces ignored); `None` for anything else or a day that
    /// does not exist.
    pub fn parse(text: &str) -> Option<CivilDate> {
        use super::numerals::{digit_string, small_number};
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let t = t
            .strip_suffix('日')
            .or_else(|| t.strip_suffix('号'))
            .unwrap_or(&t);
        let parts: Vec<&str> = t.split(['年', '月', '-', '.', '/', '－', '．']).collect();
        let [year, month, day] = parts[..] else {
            return None;
        };
        let year = i32::try_from(digit_string(year)?).ok()?;
        let month = u8::try_from(small_number(month)?).ok()?;
        let day = u8::try_from(small_number(day)?).ok()?;
        let date = CivilDate { year, month, day };
        (YEARS.contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= date.month_days())
            .then_some(date)
    }

    fn month_days(self) -> u8 {
        match self.month {
            2 if self.year % 4 == 0 && (self.year % 100 != 0 || self.year % 400 == 0) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// The civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_days(days: i64) -> CivilDate {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        CivilDate { year, month, day }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_read_and_refused_in_one_place() {
        assert_eq!(parse_year(" 2025 "), Some(2025));
        assert_eq!(parse_year("1999"), None);
        assert_eq!(parse_year("二〇二五"), None);
        assert!(invalid_year("1999").contains("2000 至 2100"));
        let date = |year, month, day| Some(CivilDate { year, month, day });
        assert_eq!(CivilDate::parse("2026年1月20日"), date(2026, 1, 20));
        assert_eq!(CivilDate::parse("二〇二六年一月二十日"), date(2026, 1, 20));
        assert_eq!(CivilDate::parse(" 2026-03-31 "), date(2026, 3, 31));
        assert_eq!(CivilDate::parse("2026.2.3"), date(2026, 2, 3));
        assert_eq!(CivilDate::parse("2026年2月30日"), None);
        assert_eq!(CivilDate::parse("2026年1月"), None);
        assert_eq!(CivilDate::parse("一月二十日"), None);
        assert_eq!(
            CivilDate::from_days(20_454),
            CivilDate {
                year: 2026,
                month: 1,
                day: 1
            }
        );
    }
}
