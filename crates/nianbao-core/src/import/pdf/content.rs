//! Runs a page's content streams far enough to know where each character is drawn and where
//! the ruled lines are: the graphics state (q/Q, cm), the text state and text-showing
//! operators, path construction and painting, and form XObjects (bounded nesting).
//! Invisible text (render mode 3, the OCR layer of a scan) is not read: it is not what the
//! page shows, and OCR misreads digits.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::Font;
use super::lex::{Lexer, Operand};
use super::path::{IDENTITY, Matrix, Path, mul};

/// Form XObjects inside form XObjects.
const MAX_FORM_DEPTH: usize = 8;
/// One page's content; a report's page has well under a megabyte.
const MAX_PAGE_CONTENT_BYTES: usize = 16 * 1024 * 1024;
/// q without Q.
const MAX_SAVED_STATES: usize = 256;

/// One character as drawn: its text, the left end of its baseline, its advance and size
/// (all in points, page space, y up).
#[derive(Debug, Clone)]
pub struct Glyph {
    pub text: String,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub size: f32,
    /// Drawn turned a quarter (+1: reading upwards, a landscape table on a portrait page;
    /// -1: downwards), or upright (0).
    pub turned: i8,
}

/// A horizontal (`at` is y, `from..to` along x) or vertical (`at` is x) ruled line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub horizontal: bool,
    pub at: f32,
    pub from: f32,
    pub to: f32,
}

#[derive(Debug, Default)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// Images covering a large part of the page (a scan).
    pub page_images: usize,
    /// Characters no map explains.
    pub unmapped: usize,
    /// Characters drawn invisibly (an OCR layer), not read.
    pub invisible: usize,
    /// Characters written as radicals and read as the ideographs (`radicals`).
    pub radicals: usize,
}

/// What reading may still cost, shared by every page of a document.
pub struct Budget {
    pub operations: usize,
    pub glyphs: usize,
    pub content_bytes: usize,
}

/// Exceeded a budget: the file is not a normal report.
#[derive(Debug)]
pub struct OverBudget;

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
    render: i32,
    /// The clipping area's bounds in page space (x0, y0, x1, y1); text outside is not shown
    /// (LibreOffice lets a tall header cell's text run on under the clip of the row below).
    clip: Option<[f32; 4]>,
}

/// The interpreter for one page; fonts are cached across pages by object id.
pub struct Reader<'a> {
    doc: &'a Document,
    pub fonts: HashMap<ObjectId, Rc<Font>>,
    pub budget: Budget,
}

struct Run<'p> {
    page: &'p mut Page,
    state: State,
    saved: Vec<State>,
    tm: Matrix,
    tlm: Matrix,
    path: Path,
    /// `W` seen: the path, when next ended, also clips.
    clipping: bool,
}

impl<'a> Reader<'a> {
    pub fn new(doc: &'a Document, budget: Budget) -> Reader<'a> {
        Reader {
            doc,
            fonts: HashMap::new(),
            budget,
        }
    }

    pub fn page(&mut self, page_id: ObjectId) -> Result<Page, OverBudget> {
        let doc = self.doc;
        let dict = doc.get_dictionary(page_id).map_err(|_| OverBudget)?;
        let media = inherited(doc, dict, b"MediaBox")
            .and_then(|o| o.as_array().ok())
            .map(|a| {
                a.iter()
                    .filter_map(|o| o.as_float().ok())
                    .collect::<Vec<_>>()
            })
            .filter(|a| a.len() == 4)
            .unwrap_or_else(|| vec![0.0, 0.0, 595.0, 842.0]);
        let mut page = Page {
            width: (media[2] - media[0]).abs(),
            height: (media[3] - media[1]).abs(),
            ..Page::default()
        };
        let resources = inherited(doc, dict, b"Resources").and_then(|o| o.as_dict().ok());
        let remaining = self.budget.content_bytes;
        let content = doc
            .get_page_content_with_limit(page_id, remaining.min(MAX_PAGE_CONTENT_BYTES))
            .map_err(|_| OverBudget)?;
        self.budget.content_bytes = remaining.saturating_sub(content.len());
        let origin = [
            1.0,
            0.0,
            0.0,
            1.0,
            -media[0].min(media[2]),
            -media[1].min(media[3]),
        ];
        let mut run = Run {
            page: &mut page,
            state: State {
                ctm: origin,
                font: None,
                size: 0.0,
                char_spacing: 0.0,
                word_spacing: 0.0,
                scale: 1.0,
                leading: 0.0,
                rise: 0.0,
                render: 0,
                clip: None,
            },
            saved: Vec::new(),
            tm: IDENTITY,
            tlm: IDENTITY,
            path: Path::default(),
            clipping: false,
        };
        self.execute(&content, resources, &mut run, 0)?;
        Ok(page)
    }

    fn execute(
        &mut self,
        content: &[u8],
        resources: Option<&Dictionary>,
        run: &mut Run,
        depth: usize,
    ) -> Result<(), OverBudget> {
        let mut lexer = Lexer::new(content);
        let mut ops = Vec::new();
        let mut local_fonts: HashMap<Vec<u8>, Rc<Font>> = HashMap::new();
        while let Some(op) = lexer.next_op(&mut ops) {
            self.budget.operations = self.budget.operations.checked_sub(1).ok_or(OverBudget)?;
            let n = |i: usize| ops.get(i).and_then(Operand::num).unwrap_or(0.0);
            match op {
                b"q" if run.saved.len() < MAX_SAVED_STATES => run.saved.push(run.state.clone()),
                b"Q" => {
                    if let Some(s) = run.saved.pop() {
                        run.state = s;
                    }
                }
                b"cm" if ops.len() >= 6 => {
                    run.state.ctm = mul(&[n(0), n(1), n(2), n(3), n(4), n(5)], &run.state.ctm);
                }
                b"BT" => {
                    run.tm = IDENTITY;
                    run.tlm = IDENTITY;
                }
                b"Tf" => {
                    run.state.size = n(1);
                    run.state.font = match ops.first() {
                        Some(Operand::Name(name)) => self.font(resources, name, &mut local_fonts),
                        _ => None,
                    };
                }
                b"Tc" => run.state.char_spacing = n(0),
                b"Tw" => run.state.word_spacing = n(0),
                b"Tz" => run.state.scale = n(0) / 100.0,
                b"TL" => run.state.leading = n(0),
                b"Ts" => run.state.rise = n(0),
                b"Tr" => run.state.render = n(0) as i32,
                b"Td" => run.next_line(n(0), n(1)),
                b"TD" => {
                    run.state.leading = -n(1);
                    run.next_line(n(0), n(1));
                }
                b"Tm" if ops.len() >= 6 => {
                    run.tm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    run.tlm = run.tm;
                }
                b"T*" => run.next_line(0.0, -run.state.leading),
                b"Tj" => self.show(run, ops.first())?,
                b"'" => {
                    run.next_line(0.0, -run.state.leading);
                    self.show(run, ops.first())?;
                }
                b"\"" => {
                    run.state.word_spacing = n(0);
                    run.state.char_spacing = n(1);
                    run.next_line(0.0, -run.state.leading);
                    self.show(run, ops.get(2))?;
                }
                b"TJ" => {
                    if let Some(Operand::Array(items)) = ops.first() {
                        for item in items {
                            match item {
                                Operand::Num(k) => run.shift(-k / 1000.0 * run.state.size),
                                s @ Operand::Str(_) => self.show(run, Some(s))?,
                                _ => {}
                            }
                        }
                    }
                }
                b"m" => run.path.move_to(n(0), n(1)),
                b"l" => run.path.line_to(n(0), n(1)),
                b"c" => run.path.pen_to(n(4), n(5)),
                b"v" | b"y" => run.path.pen_to(n(2), n(3)),
                b"h" => run.path.close(),
                b"re" => run.path.rect(n(0), n(1), n(2), n(3)),
                b"W" | b"W*" => run.clipping = true,
                b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*" => run.paint(Some(true)),
                b"f" | b"F" | b"f*" => run.paint(Some(false)),
                b"n" => run.paint(None),
                b"Do" => {
                    if let Some(Operand::Name(name)) = ops.first() {
                        self.xobject(resources, name, run, depth)?;
                    }
                }
                b"BI" => run.image(),
                _ => {}
            }
        }
        Ok(())
    }

    fn font(
        &mut self,
        resources: Option<&Dictionary>,
        name: &[u8],
        local: &mut HashMap<Vec<u8>, Rc<Font>>,
    ) -> Option<Rc<Font>> {
        if let Some(f) = local.get(name) {
            return Some(f.clone());
        }
        let doc = self.doc;
        let fonts = resources?.get_deref(b"Font", doc).ok()?.as_dict().ok()?;
        let entry = fonts.get(name).ok()?;
        let font = match entry {
            Object::Reference(id) => {
                if let Some(f) = self.fonts.get(id) {
                    f.clone()
                } else {
                    let dict = doc.get_object(*id).ok()?.as_dict().ok()?;
                    let f = Rc::new(Font::from_dict(doc, dict));
                    self.fonts.insert(*id, f.clone());
                    f
                }
            }
            Object::Dictionary(dict) => Rc::new(Font::from_dict(doc, dict)),
            _ => return None,
        };
        local.insert(name.to_vec(), font.clone());
        Some(font)
    }

    fn show(&mut self, run: &mut Run, operand: Option<&Operand>) -> Result<(), OverBudget> {
        let (Some(Operand::Str(bytes)), Some(font)) = (operand, run.state.font.clone()) else {
            return Ok(());
        };
        for code in font.codes(bytes) {
            let s = &run.state;
            let trm = mul(
                &mul(&[s.size * s.scale, 0.0, 0.0, s.size, 0.0, s.rise], &run.tm),
                &s.ctm,
            );
            let advance = code.width / 1000.0 * s.size;
            let spacing = s.char_spacing + if code.space { s.word_spacing } else { 0.0 };
            let x_scale = (trm[0] * trm[0] + trm[1] * trm[1]).sqrt() / s.size.abs().max(1e-3);
            let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            let centre = (trm[4] + advance * x_scale / 2.0, trm[5] + size * 0.3);
            if s.render == 3 {
                run.page.invisible += 1;
            } else if !run.shown(centre.0, centre.1) {
                // Clipped away: not on the page.
            } else if let Some(mut text) = code.text {
                if let Some(unified) = super::radicals::unify(&text) {
                    run.page.radicals += 1;
                    text = unified;
                }
                self.budget.glyphs = self.budget.glyphs.checked_sub(1).ok_or(OverBudget)?;
                let turned = if trm[1].abs() <= trm[0].abs() {
                    0
                } else if trm[1] > 0.0 {
                    1
                } else {
                    -1
                };
                run.page.glyphs.push(Glyph {
                    text,
                    x: trm[4],
                    y: trm[5],
                    width: advance * x_scale,
                    size,
                    turned,
                });
            } else {
                run.page.unmapped += 1;
            }
            run.shift((advance + spacing) * run.state.scale);
        }
        Ok(())
    }

    fn xobject(
        &mut self,
        resources: Option<&Dictionary>,
        name: &[u8],
        run: &mut Run,
        depth: usize,
    ) -> Result<(), OverBudget> {
        let doc = self.doc;
        let Some(stream) = resources
            .and_then(|r| r.get_deref(b"XObject", doc).ok())
            .and_then(|o| o.as_dict().ok())
            .and_then(|d| d.get_deref(name, doc).ok())
            .and_then(|o| o.as_stream().ok())
        else {
            return Ok(());
        };
        let subtype = stream.dict.get(b"Subtype").and_then(|o| o.as_name()).ok();
        if subtype == Some(b"Image") {
            run.image();
            return Ok(());
        }
        if subtype != Some(b"Form") || depth >= MAX_FORM_DEPTH {
            return Ok(());
        }
        let remaining = self.budget.content_bytes;
        let content = stream
            .decompressed_content_with_limit(remaining)
            .map_err(|_| OverBudget)?;
        self.budget.content_bytes = remaining.saturating_sub(content.len());
        let matrix = stream
            .dict
            .get(b"Matrix")
            .and_then(|o| o.as_array())
            .ok()
            .map(|a| {
                a.iter()
                    .filter_map(|o| o.as_float().ok())
                    .collect::<Vec<_>>()
            })
            .filter(|a| a.len() == 6)
            .map_or(IDENTITY, |a| [a[0], a[1], a[2], a[3], a[4], a[5]]);
        let own = stream
            .dict
            .get_deref(b"Resources", doc)
            .ok()
            .and_then(|o| o.as_dict().ok());
        let saved = run.state.clone();
        run.state.ctm = mul(&matrix, &run.state.ctm);
        let result = self.execute(&content, own.or(resources), run, depth + 1);
        run.state = saved;
        result
    }
}

impl Run<'_> {
    fn next_line(&mut self, tx: f32, ty: f32) {
        self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
        self.tm = self.tlm;
    }

    fn shift(&mut self, tx: f32) {
        self.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.tm);
    }

    /// Ends the path: painted (stroked or filled) or not (`None`), clipping when `W` said so.
    fn paint(&mut self, stroke: Option<bool>) {
        let path = std::mem::take(&mut self.path);
        if std::mem::take(&mut self.clipping)
            && let Some([x0, y0, x1, y1]) = path.bounds(&self.state.ctm)
        {
            self.state.clip = Some(match self.state.clip {
                Some([a, b, c, d]) => [a.max(x0), b.max(y0), c.min(x1), d.min(y1)],
                None => [x0, y0, x1, y1],
            });
        }
        if let Some(stroke) = stroke {
            path.paint(&self.state.ctm, stroke, &mut self.page.rules);
        }
    }

    /// Whether a point lies inside the clip (a point of slack for rounding).
    fn shown(&self, x: f32, y: f32) -> bool {
        self.state.clip.is_none_or(|[x0, y0, x1, y1]| {
            x >= x0 - 1.0 && x <= x1 + 1.0 && y >= y0 - 1.0 && y <= y1 + 1.0
        })
    }

    /// An image drawn at the current transformation: a large one counts as a page image.
    fn image(&mut self) {
        let m = self.state.ctm;
        let area = (m[0] * m[3] - m[1] * m[2]).abs();
        if area > 0.25 * self.page.width * self.page.height {
            self.page.page_images += 1;
        }
    }
}

/// A page attribute that may sit on an ancestor in the page tree (MediaBox, Resources).
fn inherited<'d>(doc: &'d Document, page: &'d Dictionary, key: &[u8]) -> Option<&'d Object> {
    let mut node = page;
    for _ in 0..64 {
        if let Ok(o) = node.get_deref(key, doc) {
            return Some(o);
        }
        node = node.get_deref(b"Parent", doc).ok()?.as_dict().ok()?;
    }
    None
}
