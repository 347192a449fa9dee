//! The reviewer's desk: many reports checked at once, as a county 政务公开办 reviews its
//! townships and departments. Pure of any UI: the command line (`nianbao check DIR…`) and
//! the window's 批量检查 share the walk (`walk`), the pairing with last year's reports
//! (`pairing`), one report counted per organ and year (`duplicates`), the review's year
//! (`year`), each report's verdict (`verdict`), the parallel run (`run`), the 汇总 check
//! (`parent`, H-SUM), the summary workbook (`summary`, `workbook`), and a review as asked for
//! (`request`: lists read, folders walked, the names list matched).

mod charts;
mod duplicates;
mod gate;
mod pairing;
mod parent;
mod request;
mod run;
mod summary;
mod verdict;
mod walk;
mod workbook;
mod year;

use std::path::PathBuf;

use crate::check::{Rendered, RuleId, Severity};
use crate::model::Report;

pub use duplicates::Counted;
pub use pairing::{missing, organ_key};
pub use parent::{summed, sums};
pub use request::{Request, RequestError, read_list, review};
pub use run::{Progress, run};
pub use summary::{Row, csv, rows, verdict_counts};
pub use walk::{Collected, MAX_DEPTH, MAX_FILES, collect, is_report_file};
pub use workbook::{Only, compare_xlsx, xlsx};

/// One checked file: the report (or why it could not be read) and what the rules found.
#[derive(Debug)]
pub struct Entry {
    pub path: PathBuf,
    pub report: Result<Report, String>,
    pub findings: Vec<Rendered>,
    /// The entry holding the same organ's report of the year before, when checked with it.
    pub prev: Option<usize>,
    /// The 汇总 report that the others must sum to (`--parent`).
    pub is_parent: bool,
    /// Where the folder holds another report of the same organ and year: the one that counts
    /// (in the 汇总 sum and as a later report's 上年报告), and why.
    pub counted: Option<Counted>,
    /// Whether a report of the review's year is compared with this one (it is that report's
    /// 上年报告).
    pub someones_last: bool,
}

impl Entry {
    /// Whether this report is in the 汇总 sum: not the parent, and the one that counts for
    /// its organ and year.
    pub fn in_sum(&self, me: usize) -> bool {
        !self.is_parent && self.counted.as_ref().is_none_or(|c| c.index == me)
    }

    /// Findings of this severity still open (an answered warning is apart).
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity && f.answered.is_none())
            .count()
    }

    /// Warnings answered with a reason.
    pub fn answered(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.answered.is_some())
            .count()
    }

    /// Import doubts still open: figures of a published report to confirm.
    pub fn doubts(&self) -> usize {
        self.count_rule(RuleId::IMPREVIEW)
    }

    pub fn count_rule(&self, rule: RuleId) -> usize {
        self.findings.iter().filter(|f| f.rule == rule).count()
    }

    pub fn organ(&self) -> &str {
        self.report.as_ref().map_or("", |r| r.meta.organ.as_str())
    }

    pub fn year(&self) -> Option<i32> {
        self.report.as_ref().ok().map(|r| r.meta.year)
    }

    /// Whether the report is one of the review's year (a 汇总 report aside): what counts as
    /// submitted for the names list.
    pub fn in_review(&self, year: Option<i32>) -> bool {
        !self.is_parent && self.report.is_ok() && (year.is_none() || self.year() == year)
    }
}

/// What the reviewer says of the review: its year (else inferred) and other names of organs.
#[derive(Debug, Clone, Default)]
pub struct Review {
    pub year: Option<i32>,
    pub aliases: crate::model::Aliases,
}

/// Every file checked, in the order given (the parent last), and what the walk could not read.
#[derive(Debug, Default)]
pub struct Desk {
    /// The year under review, stated or inferred (`year.rs`); reports of other years count
    /// only as last year's for comparison.
    pub year: Option<i32>,
    pub entries: Vec<Entry>,
    /// Folders that could not be walked, limits reached, reports in formats not read: one
    /// Chinese line each.
    pub problems: Vec<String>,
    /// Files passed over that are no reports: said, not wrong.
    pub notes: Vec<String>,
    /// Organs of the expected list with no report (`--expect`).
    pub missing: Vec<String>,
}

impl Desk {
    /// Whether any report has an error, and whether any file could not be read.
    pub fn outcome(&self) -> (bool, bool) {
        let errors = self.entries.iter().any(|e| e.count(Severity::Error) > 0);
        let unreadable = self.entries.iter().any(|e| e.report.is_err());
        (errors, unreadable)
    }
}
