//! Checking many files in parallel: every file is read (bounded, as `open` reads any file),
//! reports are paired with last year's, then each is checked. Worker threads take the next
//! file from a shared counter, so one slow file holds up one thread only; files are read
//! within a byte budget (`Gate`), so peak memory does not grow with the number of cores. Progress and
//! cancelling go through [`Progress`], which another thread (the window's) may watch.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::duplicates::{self, Candidate, Counted};
use super::gate::Gate;
use super::pairing::previous_years;
use super::{Desk, Entry, Review, parent, year};
use crate::model::Report;

/// How far a run is (steps: each file read, then each file checked), and the cancel switch.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
    cancelled: AtomicBool,
}

impl Progress {
    /// Steps done and steps in all.
    pub fn steps(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    fn step(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }
}

/// `f` over every item on all cores, results in the items' order; `None` when cancelled.
fn parallel<T: Sync, R: Send>(
    items: &[T],
    progress: &Progress,
    f: impl Fn(usize, &T) -> R + Sync,
) -> Option<Vec<R>> {
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(items.len().max(1));
    let next = AtomicUsize::new(0);
    let mut parts: Vec<Vec<(usize, R)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    while !progress.is_cancelled() {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(i, item)));
                        progress.step();
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    if progress.is_cancelled() {
        return None;
    }
    let mut all: Vec<(usize, R)> = parts.iter_mut().flat_map(std::mem::take).collect();
    all.sort_unstable_by_key(|(i, _)| *i);
    Some(all.into_iter().map(|(_, r)| r).collect())
}

/// Reads and checks `files` (and the 汇总 report `parent`, last) in parallel. Each report is
/// checked with `prev` when given, otherwise with the same organ's report of the year before
/// among the files (names compared with the review's aliases). `None` when cancelled.
pub fn run(
    files: &[PathBuf],
    parent: Option<&PathBuf>,
    prev: Option<&Report>,
    review: &Review,
    progress: &Progress,
) -> Option<Desk> {
    let mut paths: Vec<PathBuf> = files.to_vec();
    paths.extend(parent.cloned());
    progress.total.store(paths.len() * 2, Ordering::Relaxed);
    let gate = Gate::default();
    let loaded: Vec<Result<Report, String>> = parallel(&paths, progress, |_, path| {
        let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        let _reading = gate.enter(bytes);
        crate::open::load(path).map_err(|e| e.to_string())
    })?;
    let keys: Vec<Option<(String, i32)>> = loaded
        .iter()
        .map(|r| {
            r.as_ref()
                .ok()
                .map(|r| (review.aliases.key(&r.meta.organ), r.meta.year))
        })
        .collect();
    let parent_at = parent.map(|_| paths.len() - 1);
    let counted = duplicates::choose(
        &paths
            .iter()
            .zip(&keys)
            .enumerate()
            .map(|(i, (path, key))| Candidate {
                key: key
                    .clone()
                    .filter(|(o, _)| !o.is_empty() && Some(i) != parent_at),
                path,
                modified: std::fs::metadata(path).and_then(|m| m.modified()).ok(),
            })
            .collect::<Vec<_>>(),
    );
    let counts: Vec<bool> = (0..paths.len())
        .map(|i| counted[i].as_ref().is_none_or(|c| c.index == i))
        .collect();
    let pairs = match prev {
        Some(_) => vec![None; loaded.len()],
        None => previous_years(&keys, &counts),
    };
    let findings = parallel(&loaded, progress, |i, report| {
        let Ok(report) = report else {
            return Vec::new();
        };
        let last = prev.or_else(|| pairs[i].and_then(|p| loaded[p].as_ref().ok()));
        crate::check::check(report, last)
            .iter()
            .map(|f| f.render(report.template))
            .collect()
    })?;
    let mut findings = findings;
    say_duplicates(&loaded, &counted, &paths, &mut findings);
    let years: Vec<Option<i32>> = loaded
        .iter()
        .enumerate()
        .map(|(i, r)| {
            r.as_ref()
                .ok()
                .filter(|_| Some(i) != parent_at)
                .map(|r| r.meta.year)
        })
        .collect();
    let parent_year = parent_at.and_then(|at| loaded[at].as_ref().ok().map(|r| r.meta.year));
    let review_year = year::review_year(review.year, parent_year, years.iter().flatten().copied());
    // Reports a report of the review's year is compared with (its 上年报告).
    let mut someones_last = vec![false; paths.len()];
    for (j, p) in pairs.iter().enumerate() {
        if let Some(p) = p
            && years[j] == review_year
        {
            someones_last[*p] = true;
        }
    }
    if let Some(review_year) = review_year {
        for (i, found) in findings.iter_mut().enumerate() {
            if let Some(y) = years[i].filter(|y| *y != review_year)
                && !someones_last[i]
            {
                found.push(year::finding(y, review_year));
            }
        }
    }
    let mut entries: Vec<Entry> = paths
        .into_iter()
        .zip(loaded)
        .zip(findings)
        .zip(counted)
        .enumerate()
        .map(|(i, (((path, report), findings), counted))| Entry {
            path,
            report,
            findings,
            prev: pairs[i],
            is_parent: Some(i) == parent_at,
            counted,
            someones_last: someones_last[i],
        })
        .collect();
    if let Some(at) = parent_at {
        let sums = sum_check(&entries, at);
        entries[at].findings.extend(sums);
    }
    Some(Desk {
        entries,
        year: review_year,
        ..Desk::default()
    })
}

/// H-DUP on every report of an organ and year that has several with different figures (the
/// same report twice, as .nianbao and as its published .pdf, is not a conflict).
fn say_duplicates(
    loaded: &[Result<Report, String>],
    counted: &[Option<Counted>],
    paths: &[PathBuf],
    findings: &mut [Vec<crate::check::Rendered>],
) {
    let paths: Vec<&std::path::Path> = paths.iter().map(PathBuf::as_path).collect();
    let mut groups: std::collections::HashMap<usize, Vec<usize>> = Default::default();
    for (i, c) in counted.iter().enumerate() {
        if let Some(c) = c {
            groups.entry(c.index).or_default().push(i);
        }
    }
    for (me, c) in counted.iter().enumerate() {
        let Some(c) = c else { continue };
        let group = &groups[&c.index];
        let figures = |i: usize| loaded[i].as_ref().ok().map(parent::figures);
        if group.iter().any(|i| figures(*i) != figures(me)) {
            findings[me].push(duplicates::finding(me, c, group, &paths));
        }
    }
}

/// H-SUM for the parent at `at`: over the readable reports of the parent's year, one per
/// organ and year (the one that counts: a folder may hold a draft and a final).
fn sum_check(entries: &[Entry], at: usize) -> Vec<crate::check::Rendered> {
    let Ok(parent) = &entries[at].report else {
        return Vec::new();
    };
    let children: Vec<&Report> = entries
        .iter()
        .enumerate()
        .filter(|(i, e)| e.in_sum(*i))
        .filter_map(|(_, e)| e.report.as_ref().ok())
        .filter(|r| r.meta.year == parent.meta.year)
        .collect();
    parent::sums(parent, &children)
}
