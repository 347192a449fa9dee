//! The on-disk shape shared by the native RON file and the JSON export: a format marker, a
//! version, the template id, meta, narratives and every cell as the text written.
//!
//! Native versions: 1 had no `auto_totals` (totals were always typed); 2 adds it.
//! JSON version 1 carries `auto_totals` as an optional key (absent = totals as written).
//! Native 3 and JSON 2 add `review`, an imported report's doubts; a JSON file without any is
//! still written as JSON 1, so it stays readable by earlier versions.
//! Native 4 writes the narratives as a map keyed by the template's narrative ids (`{"overview":
//! …}`) instead of a struct of four fixed fields; older files' struct reads as the same map. In
//! JSON the two look alike, so JSON keeps its versions.
//! Native 5 and JSON 3 add `import`, what an import said of its source (cells read as they
//! stood, notes, lines left out), so a reopened report still says it. Written only when there
//! is one: other files keep the older versions and stay readable by older programs.
//! Native 6 and JSON 4 add `answers`, warnings answered with a reason (rule, places by id,
//! what they held as a digest, reason, date); written only when there are any.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::LoadError;
use crate::model::{Answer, CellValue, ImportReport, MarkKind, Meta, Report, ReviewMark};
use crate::template;

pub const NATIVE_FORMAT: &str = "nianbao";
pub const NATIVE_VERSION: u32 = 6;
pub const JSON_FORMAT: &str = "nianbao-report";
pub const JSON_VERSION: u32 = 4;
/// The versions written for a report without import doubts, with doubts only, and with what
/// its import said (the newest).
pub const NATIVE_VERSIONS: Versions = Versions {
    plain: 4,
    doubts: 4,
    import: 5,
    answers: NATIVE_VERSION,
};
pub const JSON_VERSIONS: Versions = Versions {
    plain: 1,
    doubts: 2,
    import: 3,
    answers: JSON_VERSION,
};

/// The version a file is written with: the oldest that holds what it carries.
pub struct Versions {
    pub plain: u32,
    pub doubts: u32,
    pub import: u32,
    pub answers: u32,
}

/// Just enough to decide how to read the rest.
#[derive(Deserialize)]
pub struct Header {
    #[serde(default)]
    pub format: String,
    #[serde(default)]
    pub format_version: u32,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportFile {
    pub format: String,
    pub format_version: u32,
    pub template: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "plain_bool",
        deserialize_with = "some_bool"
    )]
    pub auto_totals: Option<bool>,
    pub meta: Meta,
    #[serde(default)]
    pub sections: TextMap,
    #[serde(default)]
    pub cells: CellMap,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub review: Vec<ReviewEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub import: Option<ImportEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<AnswerEntry>,
    /// Last year's report, relative to this file's folder where it can be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev_file: Option<String>,
}

/// One import doubt as stored: the cell by its id ("" for a figure in no cell).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewEntry {
    #[serde(default)]
    pub cell: String,
    pub kind: MarkKind,
    #[serde(default)]
    pub original: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub confirmed: bool,
}

/// What an import said of its source.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportEntry {
    #[serde(default)]
    pub read: usize,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default)]
    pub left_out: Vec<String>,
}

/// A warning answered with a reason; its rule by its stable id (「X-JUMP」).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerEntry {
    pub rule: String,
    #[serde(default)]
    pub places: Vec<String>,
    #[serde(default)]
    pub seen: String,
    pub reason: String,
    #[serde(default)]
    pub date: String,
}

/// `auto_totals: true` rather than RON's `Some(true)`; absent is `None`.
fn plain_bool<S: Serializer>(value: &Option<bool>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bool(value.unwrap_or(false))
}

fn some_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    bool::deserialize(d).map(Some)
}

/// Cells or narratives as `id → text`, written in template order, read in file order (the
/// caller refuses unknown and repeated ids). Reads RON's struct form too: native files before
/// version 4 wrote the narratives as `(preamble: "…", overview: "…")`.
#[derive(Default)]
pub struct TextMap(pub Vec<(String, String)>);

/// The cells' map has the same shape.
pub type CellMap = TextMap;

impl Serialize for TextMap {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<'de> Deserialize<'de> for TextMap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TextMap;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of ids to text")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TextMap, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<String, String>()? {
                    out.push(entry);
                }
                Ok(TextMap(out))
            }
        }
        d.deserialize_any(V)
    }
}

impl ReportFile {
    pub fn from_report(report: &Report, format: &str, versions: &Versions) -> ReportFile {
        let t = report.template;
        let review: Vec<ReviewEntry> = report
            .review
            .marks
            .iter()
            .map(|m| ReviewEntry {
                cell: m.cell.map(|c| t.cell(c).id.clone()).unwrap_or_default(),
                kind: m.kind,
                original: m.original.clone(),
                reason: m.reason.clone(),
                confirmed: m.confirmed,
            })
            .collect();
        let import = report.review.source.as_ref().map(|s| ImportEntry {
            read: s.read,
            notes: s.notes.clone(),
            left_out: s.left_out.clone(),
        });
        let answers: Vec<AnswerEntry> = report
            .answers
            .iter()
            .map(|a| AnswerEntry {
                rule: a.rule.as_str().to_string(),
                places: a.places.clone(),
                seen: a.seen.clone(),
                reason: a.reason.clone(),
                date: a.date.clone(),
            })
            .collect();
        let format_version = match (answers.is_empty(), &import, review.is_empty()) {
            (false, _, _) => versions.answers,
            (true, Some(_), _) => versions.import,
            (true, None, false) => versions.doubts,
            (true, None, true) => versions.plain,
        };
        ReportFile {
            format: format.to_string(),
            format_version,
            template: t.id().to_string(),
            auto_totals: Some(report.auto_totals),
            meta: report.meta.clone(),
            sections: TextMap(
                t.narrative_ixs()
                    .map(|n| (t.narrative(n).id.clone(), report.narrative(n).to_string()))
                    .collect(),
            ),
            cells: TextMap(
                t.cell_ixs()
                    .map(|i| (t.cell(i).id.clone(), report.text(i)))
                    .collect(),
            ),
            review,
            import,
            answers,
            prev_file: report.prev_file.clone(),
        }
    }

    /// Builds the report; a version-1 native file (or a JSON file without the key) keeps its
    /// totals as written.
    pub fn into_report(self) -> Result<Report, LoadError> {
        let t = template::by_id(&self.template)
            .ok_or_else(|| LoadError::UnknownTemplate(self.template.clone()))?;
        if !crate::model::YEARS.contains(&self.meta.year) {
            return Err(LoadError::BadYear(self.meta.year));
        }
        let mut report = Report::with_template(t, self.meta.year, "");
        report.auto_totals = false;
        let mut seen = vec![false; t.cells.len()];
        for (id, text) in &self.cells.0 {
            let i = t
                .cell_index(id)
                .ok_or_else(|| LoadError::UnknownCell(id.clone()))?;
            if std::mem::replace(&mut seen[i.get()], true) {
                return Err(LoadError::DuplicateCell(id.clone()));
            }
            report.set(i, CellValue::parse(text, t.cell(i).kind));
        }
        let mut seen = vec![false; t.narratives.len()];
        for (id, text) in self.sections.0 {
            let n = t
                .narrative_index(&id)
                .ok_or_else(|| LoadError::UnknownNarrative(id.clone()))?;
            if std::mem::replace(&mut seen[n.get()], true) {
                return Err(LoadError::DuplicateNarrative(id));
            }
            *report.sections.get_mut(n) = text;
        }
        for entry in self.review {
            let cell = match entry.cell.as_str() {
                "" => None,
                id => Some(
                    t.cell_index(id)
                        .ok_or_else(|| LoadError::UnknownCell(id.to_string()))?,
                ),
            };
            report.review.marks.push(ReviewMark {
                cell,
                kind: entry.kind,
                original: entry.original,
                reason: entry.reason,
                confirmed: entry.confirmed,
            });
        }
        report.review.source = self.import.map(|i| ImportReport {
            read: i.read,
            notes: i.notes,
            left_out: i.left_out,
        });
        for a in self.answers {
            let rule = crate::template::RuleId::from_id(&a.rule)
                .ok_or_else(|| LoadError::UnknownRule(a.rule.clone()))?;
            report.answers.push(Answer {
                rule,
                places: a.places,
                seen: a.seen,
                reason: a.reason,
                date: a.date,
            });
        }
        report.meta = self.meta;
        report.prev_file = self.prev_file.filter(|p| !p.trim().is_empty());
        report.auto_totals = self.auto_totals.unwrap_or(false);
        Ok(report)
    }
}
