//! A review as the reviewer asks for it, run the same way by the command line (`nianbao check
//! DIR…`, `nianbao sum`) and the window's 批量检查: the names list and the aliases read, the
//! folders walked, every report checked (with its pairing, the 汇总 report, the review's
//! year), and the organs of the list without a report of that year named.

use std::path::{Path, PathBuf};

use super::{Collected, Desk, Progress, Review, collect, missing, run};
use crate::model::{Aliases, Report};

/// What the reviewer gave: folders or files, and the optional parts of a review.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    pub inputs: Vec<PathBuf>,
    /// The 汇总 report the others must sum to.
    pub parent: Option<PathBuf>,
    /// The organs expected to report, one per line (机关名单).
    pub names: Option<PathBuf>,
    /// Other names of organs, for pairing and the names list.
    pub aliases: Option<PathBuf>,
    /// The year under review; else inferred.
    pub year: Option<i32>,
    /// Files the walk passes over besides the lists and the parent (a summary being written).
    pub skip: Vec<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    /// A names or alias list that cannot be read: the file and why.
    #[error("{0}")]
    List(String),
    #[error("没有找到可检查的报告文件")]
    NoReports,
    #[error("检查已取消")]
    Cancelled,
}

/// A names or alias list: a text file, bounded like every file read, in any encoding the text
/// importer knows (Notepad on a Chinese Windows saves GBK).
pub fn read_list(path: &Path) -> Result<String, RequestError> {
    let name = crate::file::escape::shown(&path.display().to_string());
    let (bytes, _) =
        crate::file::read_stamped(path).map_err(|e| RequestError::List(format!("{name}：{e}")))?;
    crate::import::text::decode(&bytes)
        .map(|d| d.text.trim_start_matches('\u{feff}').to_string())
        .map_err(|e| RequestError::List(format!("{name}：{e}")))
}

/// Runs the review; `prev` is a last year's report given for every file (`check --prev`).
pub fn review(
    request: &Request,
    prev: Option<&Report>,
    progress: &Progress,
) -> Result<Desk, RequestError> {
    let names = request.names.as_deref().map(read_list).transpose()?;
    let aliases = match request.aliases.as_deref() {
        Some(path) => Aliases::parse(&read_list(path)?),
        None => Aliases::default(),
    };
    let mut skip = request.skip.clone();
    skip.extend(
        [&request.parent, &request.names, &request.aliases]
            .into_iter()
            .flatten()
            .cloned(),
    );
    let Collected {
        files,
        problems,
        notes,
    } = collect(&request.inputs, &skip);
    if files.is_empty() && request.parent.is_none() {
        return Err(RequestError::NoReports);
    }
    let review = Review {
        year: request.year,
        aliases,
    };
    let mut desk = run(&files, request.parent.as_ref(), prev, &review, progress)
        .ok_or(RequestError::Cancelled)?;
    desk.problems = problems;
    desk.notes = notes;
    if let Some(list) = &names {
        let organs: Vec<String> = desk
            .entries
            .iter()
            .filter(|e| e.in_review(desk.year))
            .map(|e| e.organ().to_string())
            .collect();
        desk.missing = missing(list, &organs, |o| review.aliases.key(o))
            .into_iter()
            .map(String::from)
            .collect();
    }
    Ok(desk)
}

impl Desk {
    /// The reports in the county's sum, by index: readable, of the review's year, one per
    /// organ (the one that counts where a folder holds a draft and a final), the 汇总 report
    /// aside.
    pub fn counted(&self) -> Vec<usize> {
        self.entries
            .iter()
            .enumerate()
            .filter(|(i, e)| e.in_review(self.year) && e.in_sum(*i))
            .map(|(i, _)| i)
            .collect()
    }

    /// What a county report summed from [`Desk::counted`] must say besides its figures: the
    /// reports in it that are to be sent back (their figures may change), one line.
    pub fn sum_caveat(&self) -> Option<String> {
        let back: Vec<String> = self
            .counted()
            .into_iter()
            .filter(|&i| super::verdict::verdict(self, i).0 == "退回")
            .map(|i| self.entries[i].organ().to_string())
            .collect();
        (!back.is_empty()).then(|| {
            format!(
                "其中{}份报告要退回修改（{}），改正后请重新汇总",
                back.len(),
                crate::file::escape::shown(&back.join("、"))
            )
        })
    }
}
