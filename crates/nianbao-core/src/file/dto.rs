//! The on-disk shape shared by the native RON file and the JSON export: a format marker, a
//! version, the template id, meta, narratives and every cell as the text written.
//!
//! Native versions: 1 had no `auto_totals` (totals were always typed); 2 adds it.
//! JSON version 1 carries `auto_totals` as an optional key (absent = totals as written).
//! Native 3 and JSON 2 add `review`, an imported report's doubts; a file without any is
//! still written as native 2 / JSON 1, so it stays readable by earlier versions.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::LoadError;
use crate::model::{CellValue, MarkKind, Meta, Report, ReviewMark, Sections};
use crate::template;

pub const NATIVE_FORMAT: &str = "nianbao";
pub const NATIVE_VERSION: u32 = 3;
pub const JSON_FORMAT: &str = "nianbao-report";
pub const JSON_VERSION: u32 = 2;
/// The versions written for a report without import doubts.
pub const NATIVE_VERSION_PLAIN: u32 = 2;
pub const JSON_VERSION_PLAIN: u32 = 1;

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
    pub sections: Sections,
    #[serde(default)]
    pub cells: CellMap,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub review: Vec<ReviewEntry>,
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

/// `auto_totals: true` rather than RON's `Some(true)`; absent is `None`.
fn plain_bool<S: Serializer>(value: &Option<bool>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bool(value.unwrap_or(false))
}

fn some_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    bool::deserialize(d).map(Some)
}

/// Cells as `id → text`, written in template order, read with duplicates refused.
#[derive(Default)]
pub struct CellMap(pub Vec<(String, String)>);

impl Serialize for CellMap {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<'de> Deserialize<'de> for CellMap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CellMap;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of cell ids to text")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CellMap, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<String, String>()? {
                    out.push(entry);
                }
                Ok(CellMap(out))
            }
        }
        d.deserialize_map(V)
    }
}

impl ReportFile {
    /// `versions`: (without doubts, with doubts).
    pub fn from_report(report: &Report, format: &str, versions: (u32, u32)) -> ReportFile {
        let t = report.template;
        let review: Vec<ReviewEntry> = report
            .review
            .marks
            .iter()
            .map(|m| ReviewEntry {
                cell: m.cell.map(|c| t.cells[c].id.clone()).unwrap_or_default(),
                kind: m.kind,
                original: m.original.clone(),
                reason: m.reason.clone(),
                confirmed: m.confirmed,
            })
            .collect();
        ReportFile {
            format: format.to_string(),
            format_version: if review.is_empty() {
                versions.0
            } else {
                versions.1
            },
            template: t.id().to_string(),
            auto_totals: Some(report.auto_totals),
            meta: report.meta.clone(),
            sections: report.sections.clone(),
            cells: CellMap(
                t.cells
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (c.id.clone(), report.text(i)))
                    .collect(),
            ),
            review,
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
            if std::mem::replace(&mut seen[i], true) {
                return Err(LoadError::DuplicateCell(id.clone()));
            }
            report.set(i, CellValue::parse(text, t.cells[i].kind));
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
        report.meta = self.meta;
        report.sections = self.sections;
        report.auto_totals = self.auto_totals.unwrap_or(false);
        Ok(report)
    }
}
