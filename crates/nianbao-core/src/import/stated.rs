//! Particulars a file states outright rather than in its text: nianbao's own exports carry
//! every meta field as `<meta name="nianbao:<key>">` (web page) or as a custom property
//! `nianbao:<key>` (Word). Read bounded (so many entries, so long a value), only known keys;
//! a stated field wins over what the preamble lets the importer guess, and a stated year is
//! taken only when it is a report year that agrees with the title's.

use crate::model::{Meta, invalid_year, parse_year};
use crate::template::MetaField;

/// The prefix of every name nianbao writes.
pub const PREFIX: &str = "nianbao:";
/// A value is cut after this many characters.
pub const MAX_VALUE_CHARS: usize = 200;
/// Entries named `nianbao:…` beyond this many are not looked at.
pub const MAX_ENTRIES: usize = 64;
/// Bytes of a raw value looked at: enough for `MAX_VALUE_CHARS` characters each written as
/// the longest character reference a reader decodes.
pub const MAX_RAW_BYTES: usize = MAX_VALUE_CHARS * 12;

/// The key of the report year besides the text fields' [`MetaField::key`]s.
pub const YEAR_KEY: &str = "year";

/// What a file stated, at most one value per key (the first).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stated {
    fields: Vec<(MetaField, String)>,
    year: Option<String>,
    /// `nianbao:` entries seen, known or not (bounded by `MAX_ENTRIES`).
    seen: usize,
    /// Fields whose value was cut to `MAX_VALUE_CHARS`.
    cut: Vec<MetaField>,
}

/// Every entry nianbao writes for a report: (key, value), the year first.
pub fn entries(meta: &Meta) -> Vec<(&'static str, String)> {
    let mut out = vec![(YEAR_KEY, meta.year.to_string())];
    out.extend(
        MetaField::ALL
            .iter()
            .map(|f| (f.key(), meta.field(*f).to_string())),
    );
    out
}

/// A raw value no longer than `MAX_RAW_BYTES`, cut at a character boundary.
pub fn raw_prefix(raw: &str) -> &str {
    if raw.len() <= MAX_RAW_BYTES {
        return raw;
    }
    let mut end = MAX_RAW_BYTES;
    while !raw.is_char_boundary(end) {
        end -= 1;
    }
    &raw[..end]
}

impl Stated {
    /// Whether another entry would still be looked at.
    pub fn open(&self) -> bool {
        self.seen < MAX_ENTRIES
    }

    /// The value stated for a field, if any.
    pub fn field(&self, field: MetaField) -> Option<&str> {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, v)| v.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.year.is_none()
    }

    /// One entry as the file names it (`nianbao:organ`); other names are ignored. `value` is
    /// already decoded (entities, XML references); `cut` says the reader dropped its tail.
    pub fn offer(&mut self, name: &str, value: &str, cut: bool) {
        let Some(key) = name.trim().strip_prefix(PREFIX) else {
            return;
        };
        if !self.open() {
            return;
        }
        self.seen += 1;
        let (text, cut_here) = bounded(value);
        if key == YEAR_KEY {
            if self.year.is_none() {
                self.year = Some(text);
            }
            return;
        }
        let Some(field) = MetaField::ALL.into_iter().find(|f| f.key() == key) else {
            return;
        };
        if self.fields.iter().any(|(f, _)| *f == field) {
            return;
        }
        if cut || cut_here {
            self.cut.push(field);
        }
        self.fields.push((field, text));
    }

    /// The stated fields over the guessed ones. Returns what the clerk should know (a value
    /// cut short).
    ///
    /// An empty stated value is no statement. The organ is what the visible title (or
    /// 落款) names: a stated organ that differs from it is not taken (a county batch would
    /// count the report for another organ), and the disagreement is said.
    pub fn apply_fields(&self, meta: &mut Meta) -> Vec<String> {
        let mut notes = Vec::new();
        for (field, value) in &self.fields {
            let value = value.trim();
            let visible = meta.field_mut(*field);
            if value.is_empty() || visible.trim() == value {
                continue;
            }
            if *field == MetaField::Organ && !visible.trim().is_empty() {
                notes.push(format!(
                    "文件属性中的机关名称“{value}”与原文标题中的“{}”不一致，按原文取“{}”，请核对",
                    visible.trim(),
                    visible.trim()
                ));
                continue;
            }
            *visible = value.to_string();
        }
        notes.extend(self.cut.iter().map(|f| {
            format!(
                "文件属性中的“{}”超过 {MAX_VALUE_CHARS} 字，只读取了前 {MAX_VALUE_CHARS} 字，请核对",
                f.label()
            )
        }));
        notes
    }

    /// The report year: the stated one only when it is a valid report year and agrees with
    /// the year the text gives (`guessed`, from the title or else the body); otherwise the
    /// guess stands and a note says why. Never changes a number silently.
    pub fn year(&self, guessed: Option<i32>) -> (Option<i32>, Option<String>) {
        let Some(text) = &self.year else {
            return (guessed, None);
        };
        match (parse_year(text), guessed) {
            (None, _) => (
                guessed,
                Some(format!(
                    "文件属性中的报告年度没有采用：{}",
                    invalid_year(text)
                )),
            ),
            (Some(y), Some(g)) if y != g => (
                guessed,
                Some(format!(
                    "文件属性中的报告年度 {y} 与原文中的年度 {g} 不一致，按原文取 {g}，请核对"
                )),
            ),
            (Some(y), Some(_)) => (Some(y), None),
            (Some(y), None) => (
                Some(y),
                Some(format!("原文中没有年度，按文件属性取 {y} 年，请核对")),
            ),
        }
    }
}

/// A value without control characters (tabs and line breaks kept), at most
/// `MAX_VALUE_CHARS` characters; whether it was cut.
fn bounded(value: &str) -> (String, bool) {
    let mut chars = value
        .chars()
        .filter(|c| !c.is_control() || *c == '\t' || *c == '\n');
    let text: String = chars.by_ref().take(MAX_VALUE_CHARS).collect();
    (text, chars.next().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_keys_first_value_bounded() {
        let mut s = Stated::default();
        s.offer("generator", "nianbao", false);
        s.offer("nianbao:organ", "清水河镇\u{1b}人民政府", false);
        s.offer("nianbao:organ", "别的", false);
        s.offer("nianbao:unknown", "x", false);
        s.offer("nianbao:address", &"路".repeat(500), false);
        let mut meta = Meta::default();
        let notes = s.apply_fields(&mut meta);
        assert_eq!(meta.organ, "清水河镇人民政府");
        assert_eq!(meta.address.chars().count(), MAX_VALUE_CHARS);
        assert_eq!(notes.len(), 1, "{notes:?}");
        for _ in 0..MAX_ENTRIES {
            s.offer("nianbao:unknown", "x", false);
        }
        s.offer("nianbao:phone", "1", false);
        s.apply_fields(&mut meta);
        assert_eq!(meta.phone, "");
        assert_eq!(raw_prefix(&"年".repeat(MAX_RAW_BYTES)).len(), MAX_RAW_BYTES);
    }

    #[test]
    fn a_year_only_when_valid_and_agreeing() {
        let stated = |y: &str| {
            let mut s = Stated::default();
            s.offer("nianbao:year", y, false);
            s
        };
        assert_eq!(stated("2025").year(Some(2025)), (Some(2025), None));
        assert!(matches!(
            stated("2024").year(Some(2025)),
            (Some(2025), Some(_))
        ));
        assert!(matches!(
            stated("1800").year(Some(2025)),
            (Some(2025), Some(_))
        ));
        assert!(matches!(stated("x").year(None), (None, Some(_))));
        assert!(matches!(stated("2025").year(None), (Some(2025), Some(_))));
        assert_eq!(Stated::default().year(Some(2020)), (Some(2020), None));
    }
}
