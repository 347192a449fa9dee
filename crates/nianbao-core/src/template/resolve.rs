//! Turns a template's data into cell indices and expanded equations, failing on any reference
//! that does not exist (a test loads every bundled template).

use std::collections::HashMap;

use super::def::{GridDef, Over, SectionContent, TemplateDef};
use super::{
    CellDef, CellIx, CrossYear, Equation, Figure, Narrative, RuleId, Template, Term, cell_id,
};

pub fn parse(src: &str) -> Result<Template, String> {
    let def: TemplateDef = ron::from_str(src).map_err(|e| {
        let at = e.span.start;
        format!(
            "第{}行第{}列：{}",
            at.line,
            at.col,
            crate::say::ron_detail(&e, src)
        )
    })?;
    let mut cells = Vec::new();
    let mut index = HashMap::new();
    let mut grid_first = Vec::new();
    for (t, table) in def.tables.iter().enumerate() {
        grid_first.push(Vec::new());
        for (g, grid) in table.grids.iter().enumerate() {
            grid_first[t].push(cells.len());
            for (r, row) in grid.rows.iter().enumerate() {
                for (c, col) in grid.columns.iter().enumerate() {
                    let id = cell_id(&table.id, &row.id, &col.id);
                    if index.insert(id.clone(), CellIx::new(cells.len())).is_some() {
                        return Err(format!("单元格编号“{id}”重复"));
                    }
                    cells.push(CellDef {
                        id,
                        table: t,
                        grid: g,
                        row: r,
                        col: c,
                        kind: col.kind,
                        computed: false,
                    });
                }
            }
        }
    }
    let narratives = narratives(&def)?;
    let mut template = Template {
        def,
        cells,
        index,
        grid_first,
        narratives,
        equations: Vec::new(),
        cross_year: Vec::new(),
        figures: Vec::new(),
        regulation_cells: Vec::new(),
        fee_cells: Vec::new(),
    };
    template.equations = equations(&template)?;
    for eq in template.equations.iter().filter(|e| e.total) {
        let cell = eq.left[0].cell;
        template.cells[cell.get()].computed = true;
    }
    template.cross_year = cross_year(&template)?;
    template.figures = template
        .def
        .narrative_figures
        .iter()
        .map(|f| {
            Ok(Figure {
                keywords: f.keywords.clone(),
                name: f.name.clone(),
                cells: lookup_all(&template, &f.cells)?,
            })
        })
        .collect::<Result<_, String>>()?;
    for jump in &template.def.jump_figures {
        lookup_all(&template, &jump.cells)?;
    }
    template.regulation_cells = lookup_all(&template, &template.def.regulation_cells)?;
    template.fee_cells = lookup_all(&template, &template.def.fee_cells)?;
    Ok(template)
}

/// 前言 and every narrative section, each id once: the keys of a report's narratives.
fn narratives(def: &TemplateDef) -> Result<Vec<Narrative>, String> {
    let mut out = vec![Narrative {
        id: def.preamble.clone(),
        section: None,
    }];
    for (i, section) in def.sections.iter().enumerate() {
        if let SectionContent::Narrative(id) = &section.content {
            if out.iter().any(|n| &n.id == id) {
                return Err(format!("文字部分编号“{id}”重复"));
            }
            out.push(Narrative {
                id: id.clone(),
                section: Some(i),
            });
        }
    }
    for rule in def
        .rules
        .iter()
        .chain(&[RuleId::IMPREVIEW, RuleId::IMPEMPTY])
    {
        if !def.rule_names.iter().any(|(r, _)| r == rule) {
            return Err(format!("规则 {} 在 rule_names 中没有名称", rule.as_str()));
        }
    }
    if def.label_widths.is_empty() {
        return Err("label_widths 不能为空".into());
    }
    Ok(out)
}

fn lookup_all(t: &Template, ids: &[String]) -> Result<Vec<CellIx>, String> {
    ids.iter()
        .map(|id| {
            t.cell_index(id)
                .ok_or_else(|| format!("未知的单元格编号“{id}”"))
        })
        .collect()
}

/// One instance of an `Over` expansion: a scope name and a way to turn a term into a cell.
struct Instance<'a> {
    scope: String,
    table: &'a str,
    grid: &'a GridDef,
    fixed: Fixed,
}

enum Fixed {
    Column(usize),
    Row(usize),
    Nothing,
}

fn instances<'a>(t: &'a Template, table: &str, over: &Over) -> Result<Vec<Instance<'a>>, String> {
    let (_, tdef) = t
        .table(table)
        .ok_or_else(|| format!("未知的表格“{table}”"))?;
    let grid = &tdef.grids[0];
    let inst = |scope, fixed| Instance {
        scope,
        table: &tdef.id,
        grid,
        fixed,
    };
    Ok(match over {
        Over::EachColumn => grid
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| inst(format!("{}列", c.short), Fixed::Column(i)))
            .collect(),
        Over::EachRow => grid
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| inst(format!("{}行", r.short), Fixed::Row(i)))
            .collect(),
        Over::Rows(rows) => {
            let mut out = Vec::new();
            for id in rows {
                // Rows may live in any grid of the table (t2 has several).
                let (grid, i) = tdef
                    .grids
                    .iter()
                    .find_map(|g| g.rows.iter().position(|r| &r.id == id).map(|i| (g, i)))
                    .ok_or_else(|| format!("未知的行“{table}.{id}”"))?;
                out.push(Instance {
                    scope: grid.rows[i].short.clone(),
                    table: &tdef.id,
                    grid,
                    fixed: Fixed::Row(i),
                });
            }
            out
        }
        Over::Cells { scope } => vec![inst(scope.clone(), Fixed::Nothing)],
    })
}

impl Instance<'_> {
    /// The cell id a term names in this instance.
    fn id(&self, term: &str) -> Result<String, String> {
        Ok(match self.fixed {
            Fixed::Column(c) => cell_id(self.table, term, &self.grid.columns[c].id),
            Fixed::Row(r) => cell_id(self.table, &self.grid.rows[r].id, term),
            Fixed::Nothing => cell_id(self.table, "", term),
        })
    }

    fn term(&self, t: &Template, term: &str) -> Result<Term, String> {
        let id = self.id(term)?;
        let cell = t
            .cell_index(&id)
            .ok_or_else(|| format!("未知的单元格编号“{id}”"))?;
        let (_, row, col) = t.cell_parts(cell);
        let (short, label) = match self.fixed {
            Fixed::Column(_) => (
                row.short.clone(),
                row.labels.last().cloned().unwrap_or_default(),
            ),
            _ => (col.short.clone(), col.label.clone()),
        };
        Ok(Term { cell, short, label })
    }

    fn terms(&self, t: &Template, terms: &[String]) -> Result<Vec<Term>, String> {
        terms.iter().map(|term| self.term(t, term)).collect()
    }
}

fn equations(t: &Template) -> Result<Vec<Equation>, String> {
    let mut out = Vec::new();
    for e in &t.def.equations {
        for inst in instances(t, &e.table, &e.over)? {
            out.push(Equation {
                rule: e.rule,
                scope: inst.scope.clone(),
                left: inst.terms(t, &e.left)?,
                right: inst.terms(t, &e.right)?,
                right_name: e.right_name.clone(),
                total: e.total,
            });
        }
    }
    Ok(out)
}

fn cross_year(t: &Template) -> Result<Vec<CrossYear>, String> {
    let mut out = Vec::new();
    for x in &t.def.cross_year {
        for inst in instances(t, &x.table, &x.over)? {
            let prev = x
                .prev
                .iter()
                .map(|p| Ok((inst.id(p)?, inst.term(t, p).map(|term| term.label)?)))
                .collect::<Result<_, String>>()?;
            let prev_same_template = x
                .prev
                .iter()
                .map(|p| inst.term(t, p).map(|term| term.cell))
                .collect::<Result<_, String>>()?;
            out.push(CrossYear {
                rule: x.rule,
                scope: inst.scope.clone(),
                target: inst.term(t, &x.target)?,
                prev,
                prev_same_template,
                plus: inst.terms(t, &x.plus)?,
                minus: inst.terms(t, &x.minus)?,
            });
        }
    }
    Ok(out)
}
