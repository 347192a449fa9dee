//! The report model: meta, narratives and every table cell of one template version.

mod answers;
mod calendar;
mod carry;
pub mod draft;
mod migrate;
pub mod numerals;
pub mod organ;
mod review;
mod value;

use serde::{Deserialize, Serialize};

pub use answers::{Answer, fnv1a};
pub use calendar::{CivilDate, YEARS, invalid_year, parse_year};
pub use carry::carry_over;
pub use migrate::{Migrated, migrate, migration_target};
pub use organ::{Aliases, organ_key, pinyin_key, same_organ};
pub use review::{ImportReport, MarkKind, Review, ReviewMark};
pub use value::{CellKind, CellValue, Num, ValueError, parse_number};

use crate::template::{self, CellIx, MetaField, NarrativeIx, Template};

/// Who reports, for which year, and how to reach them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// 机关名称
    #[serde(default)]
    pub organ: String,
    /// 所属地区 (province, city, county)
    #[serde(default)]
    pub region: String,
    pub year: i32,
    /// Statistics period, e.g. 「2025-01-01」 … 「2025-12-31」, as written.
    #[serde(default)]
    pub period_start: String,
    #[serde(default)]
    pub period_end: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub postcode: String,
    #[serde(default)]
    pub website: String,
    /// 落款: the organ that signs, and the date, as written.
    #[serde(default)]
    pub closing_organ: String,
    #[serde(default)]
    pub closing_date: String,
}

impl Meta {
    pub fn field(&self, field: MetaField) -> &str {
        match field {
            MetaField::Organ => &self.organ,
            MetaField::Region => &self.region,
            MetaField::PeriodStart => &self.period_start,
            MetaField::PeriodEnd => &self.period_end,
            MetaField::Address => &self.address,
            MetaField::Phone => &self.phone,
            MetaField::Postcode => &self.postcode,
            MetaField::Website => &self.website,
            MetaField::ClosingOrgan => &self.closing_organ,
            MetaField::ClosingDate => &self.closing_date,
        }
    }

    pub fn field_mut(&mut self, field: MetaField) -> &mut String {
        match field {
            MetaField::Organ => &mut self.organ,
            MetaField::Region => &mut self.region,
            MetaField::PeriodStart => &mut self.period_start,
            MetaField::PeriodEnd => &mut self.period_end,
            MetaField::Address => &mut self.address,
            MetaField::Phone => &mut self.phone,
            MetaField::Postcode => &mut self.postcode,
            MetaField::Website => &mut self.website,
            MetaField::ClosingOrgan => &mut self.closing_organ,
            MetaField::ClosingDate => &mut self.closing_date,
        }
    }
}

/// The narratives, one per [`Template::narratives`] entry, in its order (前言 first). Files key
/// them by the template's narrative ids.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sections(Vec<String>);

impl Sections {
    pub fn for_template(template: &Template) -> Sections {
        Sections(vec![String::new(); template.narratives.len()])
    }

    pub fn get(&self, n: NarrativeIx) -> &str {
        &self.0[n.get()]
    }

    pub fn get_mut(&mut self, n: NarrativeIx) -> &mut String {
        &mut self.0[n.get()]
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    pub template: &'static Template,
    pub meta: Meta,
    pub sections: Sections,
    /// Totals are computed from their parts; off for imported reports checked as written.
    pub auto_totals: bool,
    /// One value per template cell, in template order.
    cells: Vec<CellValue>,
    /// An imported report's doubts, until the clerk clears them.
    pub review: Review,
    /// Last year's report, as the file links it: relative to this report's folder where it can
    /// be (the two usually sit together), for the cross-year checks.
    pub prev_file: Option<String>,
    /// Warnings answered with a reason.
    pub answers: Vec<Answer>,
}

impl PartialEq for Report {
    fn eq(&self, other: &Self) -> bool {
        self.template.id() == other.template.id()
            && self.meta == other.meta
            && self.sections == other.sections
            && self.auto_totals == other.auto_totals
            && self.cells == other.cells
            && self.review == other.review
            && self.prev_file == other.prev_file
            && self.answers == other.answers
    }
}

impl Report {
    /// An empty report on the template the year calls for.
    pub fn new(year: i32, organ: &str) -> Report {
        Report::with_template(template::for_year(year), year, organ)
    }

    pub fn with_template(template: &'static Template, year: i32, organ: &str) -> Report {
        let meta = Meta {
            organ: organ.to_string(),
            year,
            period_start: format!("{year}-01-01"),
            period_end: format!("{year}-12-31"),
            closing_organ: organ.to_string(),
            ..Meta::default()
        };
        Report {
            template,
            meta,
            sections: Sections::for_template(template),
            auto_totals: true,
            cells: vec![CellValue::Blank; template.cells.len()],
            review: Review::default(),
            prev_file: None,
            answers: Vec::new(),
        }
    }

    pub fn cell(&self, index: CellIx) -> &CellValue {
        &self.cells[index.get()]
    }

    /// The text of a narrative (前言 or a section).
    pub fn narrative(&self, n: NarrativeIx) -> &str {
        self.sections.get(n)
    }

    /// A narrative by its id in files (`"overview"`), for the edges.
    pub fn narrative_by_id(&self, id: &str) -> Option<&str> {
        let n = self.template.narrative_index(id)?;
        Some(self.sections.get(n))
    }

    /// A narrative by its id in files, to write it.
    pub fn narrative_mut(&mut self, id: &str) -> Option<&mut String> {
        let n = self.template.narrative_index(id)?;
        Some(self.sections.get_mut(n))
    }

    /// The published title: 「<organ><year>年政府信息公开工作年度报告」 (file names, the PDF).
    pub fn title(&self) -> String {
        format!(
            "{}{}年政府信息公开工作年度报告",
            self.meta.organ, self.meta.year
        )
    }

    pub fn cells(&self) -> &[CellValue] {
        &self.cells
    }

    pub fn cell_by_id(&self, id: &str) -> Option<&CellValue> {
        self.template.cell_index(id).map(|i| self.cell(i))
    }

    /// The sum of the cells with these ids (a headline figure), `None` where one is blank, not
    /// a number or not in this report's template.
    pub fn figure(&self, ids: &[String]) -> Option<Num> {
        ids.iter()
            .map(|id| {
                self.cell_by_id(id)
                    .filter(|v| !v.is_blank())
                    .and_then(CellValue::num)
            })
            .sum()
    }

    /// The text of the cell with this id, as its column writes it.
    pub fn text_by_id(&self, id: &str) -> Option<String> {
        self.template.cell_index(id).map(|i| self.text(i))
    }

    /// The value for equations (blank = 0); `None` for invalid text.
    pub fn num(&self, index: CellIx) -> Option<Num> {
        self.cell(index).num()
    }

    pub fn kind(&self, index: CellIx) -> CellKind {
        self.template.cell(index).kind
    }

    /// Those of `cells` that hold a number other than zero.
    pub fn nonzero(&self, cells: &[CellIx]) -> Vec<CellIx> {
        cells
            .iter()
            .copied()
            .filter(|&c| self.num(c).is_some_and(|n| !n.is_zero()))
            .collect()
    }

    /// The blank cells 空白填0 fills (those the clerk types), and how many blank cells it leaves
    /// because an import doubt is open on them.
    pub fn fillable_blanks(&self) -> (Vec<CellIx>, usize) {
        let t = self.template;
        let blank = t
            .cell_ixs()
            .filter(|&i| self.cell(i).is_blank() && t.is_typed(i, self.auto_totals));
        let (doubtful, fillable): (Vec<CellIx>, Vec<CellIx>) =
            blank.partition(|&i| self.review.mark_of(i).is_some());
        (fillable, doubtful.len())
    }

    /// Stores what was typed into a cell, parsed for its column; recomputes totals if on.
    pub fn set_text(&mut self, index: CellIx, text: &str) {
        let value = CellValue::parse(text, self.kind(index));
        self.set(index, value);
    }

    pub fn set(&mut self, index: CellIx, value: CellValue) {
        self.cells[index.get()] = value;
        if self.auto_totals {
            self.recompute_totals();
        }
    }

    /// The text of a cell as its column writes it ("" for blank).
    pub fn text(&self, index: CellIx) -> String {
        self.cell(index).text(self.kind(index))
    }

    /// Fills every computed total from its parts (see [`recompute_totals`]).
    pub fn recompute_totals(&mut self) {
        recompute_totals(self.template, &mut self.cells);
    }

    /// The totals holding a figure (or text) that computing totals from their parts would
    /// replace: what 自动计算合计 says, cell by cell, before it rewrites anything.
    pub fn total_rewrites(&self) -> Vec<TotalRewrite> {
        let mut computed = self.cells.clone();
        recompute_totals(self.template, &mut computed);
        self.template
            .cell_ixs()
            .filter(|&c| !self.cell(c).is_blank() && computed[c.get()] != self.cells[c.get()])
            .map(|cell| TotalRewrite {
                cell,
                was: self.text(cell),
                becomes: computed[cell.get()].text(self.kind(cell)),
            })
            .collect()
    }
}

/// A total whose typed text computing it would change (`becomes` is "" for blank).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotalRewrite {
    pub cell: CellIx,
    pub was: String,
    pub becomes: String,
}

/// Fills every computed total from its parts. Totals can depend on totals (the 总计 row's
/// 总计 column), so passes repeat until nothing changes. A total whose parts are all blank is
/// blank; one whose parts include invalid text is left as it is (V-NUM flags the part).
pub fn recompute_totals(template: &Template, cells: &mut [CellValue]) {
    for _ in 0..=template.equations.len() {
        let mut changed = false;
        for eq in template.equations.iter().filter(|e| e.total) {
            let value = if eq.right.iter().all(|t| cells[t.cell.get()].is_blank()) {
                CellValue::Blank
            } else {
                match eq
                    .right
                    .iter()
                    .map(|t| cells[t.cell.get()].num())
                    .sum::<Option<Num>>()
                {
                    Some(sum) => CellValue::Number(sum),
                    None => continue,
                }
            };
            let target = &mut cells[eq.left[0].cell.get()];
            if *target != value {
                *target = value;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}
