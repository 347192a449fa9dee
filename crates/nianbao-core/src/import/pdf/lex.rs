//! A content stream as operations: operands then an operator keyword. One pass, no
//! backtracking; nesting and operand counts are capped, inline images skipped whole.

/// Operands kept before an operator; more are dropped (no operator takes this many).
const MAX_OPERANDS: usize = 64;
/// Array and dictionary nesting inside a content stream.
const MAX_DEPTH: usize = 8;
/// Items kept in one array (a TJ array longer than this is cut).
const MAX_ARRAY: usize = 100_000;

#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    Num(f32),
    Str(Vec<u8>),
    Name(Vec<u8>),
    Array(Vec<Operand>),
    Other,
}

impl Operand {
    pub fn num(&self) -> Option<f32> {
        match self {
            Operand::Num(n) => Some(*n),
            _ => None,
        }
    }
}

pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

fn is_white(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delim(b)
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8]) -> Lexer<'a> {
        Lexer { data, pos: 0 }
    }

    /// The next operator, with its operands in `operands` (cleared first); `None` at the end.
    pub fn next_op(&mut self, operands: &mut Vec<Operand>) -> Option<&'a [u8]> {
        operands.clear();
        loop {
            self.skip_white();
            let b = *self.data.get(self.pos)?;
            if is_regular(b) && !is_number_start(b) {
                let word = self.word();
                match word {
                    b"true" | b"false" | b"null" => push(operands, Operand::Other),
                    b"BI" => {
                        self.skip_inline_image();
                        return Some(word);
                    }
                    _ => return Some(word),
                }
            } else {
                let operand = self.operand(0);
                push(operands, operand);
            }
        }
    }

    fn skip_white(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self
                    .data
                    .get(self.pos)
                    .is_some_and(|&c| c != b'\n' && c != b'\r')
                {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn word(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.data.get(self.pos).is_some_and(|&b| is_regular(b)) {
            self.pos += 1;
        }
        if start == self.pos {
            self.pos += 1; // a stray delimiter such as ')' or '}'
        }
        &self.data[start..self.pos]
    }

    /// One operand starting at `pos` (always advances).
    fn operand(&mut self, depth: usize) -> Operand {
        let b = self.data[self.pos];
        match b {
            b'(' => Operand::Str(self.literal()),
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.skip_dict();
                Operand::Other
            }
            b'<' => {
                let start = self.pos + 1;
                let end = self.data[start..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(self.data.len(), |p| start + p);
                self.pos = (end + 1).min(self.data.len());
                Operand::Str(hex_bytes(&self.data[start..end]))
            }
            b'/' => {
                self.pos += 1;
                let start = self.pos;
                while self.data.get(self.pos).is_some_and(|&b| is_regular(b)) {
                    self.pos += 1;
                }
                Operand::Name(self.data[start..self.pos].to_vec())
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_white();
                    match self.data.get(self.pos) {
                        None => break,
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        Some(&c) if is_regular(c) && !is_number_start(c) => {
                            self.word(); // a keyword inside an array: not valid, skipped
                        }
                        Some(_) => {
                            let item = if depth + 1 < MAX_DEPTH {
                                self.operand(depth + 1)
                            } else {
                                self.pos += 1;
                                Operand::Other
                            };
                            if items.len() < MAX_ARRAY {
                                items.push(item);
                            }
                        }
                    }
                }
                Operand::Array(items)
            }
            _ if is_number_start(b) => {
                let start = self.pos;
                while self.data.get(self.pos).is_some_and(|&c| is_number_start(c)) {
                    self.pos += 1;
                }
                let text = std::str::from_utf8(&self.data[start..self.pos]).unwrap_or("");
                text.parse::<f32>()
                    .ok()
                    .filter(|n| n.is_finite())
                    .map_or(Operand::Other, Operand::Num)
            }
            _ => {
                self.pos += 1;
                Operand::Other
            }
        }
    }

    /// A literal string: balanced parentheses, backslash escapes (octal included).
    fn literal(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 0usize;
        self.pos += 1;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' if depth == 0 => break,
                b')' => {
                    depth -= 1;
                    out.push(b);
                }
                b'\\' => {
                    let Some(&e) = self.data.get(self.pos) else {
                        break;
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' | b'\n' => {
                            if e == b'\r' && self.data.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.data.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xFF) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    /// Skips a dictionary (marked-content properties, inline image parameters), nesting counted.
    fn skip_dict(&mut self) {
        let mut depth = 0usize;
        while self.pos < self.data.len() {
            let rest = &self.data[self.pos..];
            if rest.starts_with(b"<<") {
                depth += 1;
                self.pos += 2;
            } else if rest.starts_with(b">>") {
                depth -= 1;
                self.pos += 2;
                if depth == 0 {
                    return;
                }
            } else if rest[0] == b'(' {
                self.literal();
            } else {
                self.pos += 1;
            }
        }
    }

    /// After `BI`: the parameters up to `ID`, then binary data up to `EI` between white space.
    fn skip_inline_image(&mut self) {
        let data = self.data;
        let Some(id) = find_keyword(data, self.pos, b"ID") else {
            self.pos = data.len();
            return;
        };
        let from = id + 3;
        self.pos = find_keyword(data, from, b"EI").map_or(data.len(), |p| p + 2);
    }
}

/// The next `kw` from `from` standing alone (white space or the data's ends on both sides).
fn find_keyword(data: &[u8], from: usize, kw: &[u8]) -> Option<usize> {
    let mut i = from;
    while i + kw.len() <= data.len() {
        let p = i + memchr::memmem::find(&data[i..], kw)?;
        let before = p == 0 || is_white(data[p - 1]);
        let after = data.get(p + kw.len()).is_none_or(|&b| is_white(b));
        if before && after {
            return Some(p);
        }
        i = p + 1;
    }
    None
}

fn is_number_start(b: u8) -> bool {
    b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.')
}

fn push(operands: &mut Vec<Operand>, operand: Operand) {
    if operands.len() < MAX_OPERANDS {
        operands.push(operand);
    }
}

/// Hex digits as bytes, white space ignored, an odd last digit padded with 0.
pub fn hex_bytes(hex: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = hex
        .iter()
        .filter_map(|&c| (c as char).to_digit(16).map(|d| d as u8))
        .collect();
    digits
        .chunks(2)
        .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(data: &[u8]) -> Vec<(String, Vec<Operand>)> {
        let mut lexer = Lexer::new(data);
        let mut operands = Vec::new();
        let mut out = Vec::new();
        while let Some(op) = lexer.next_op(&mut operands) {
            out.push((String::from_utf8_lossy(op).into_owned(), operands.clone()));
        }
        out
    }

    #[test]
    fn operators_with_their_operands() {
        let got =
            ops(b"BT /F1 12 Tf 1 0 0 1 72.5 -3 Tm (a\\(b\\)\\101) Tj [<0041> -250 (c)] TJ ET");
        let names: Vec<&str> = got.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["BT", "Tf", "Tm", "Tj", "TJ", "ET"]);
        assert_eq!(
            got[1].1,
            [Operand::Name(b"F1".to_vec()), Operand::Num(12.0)]
        );
        assert_eq!(got[2].1[5], Operand::Num(-3.0));
        assert_eq!(got[3].1, [Operand::Str(b"a(b)A".to_vec())]);
        assert_eq!(
            got[4].1,
            [Operand::Array(vec![
                Operand::Str(vec![0, 0x41]),
                Operand::Num(-250.0),
                Operand::Str(b"c".to_vec())
            ])]
        );
    }

    #[test]
    fn inline_images_and_dictionaries_are_skipped() {
        let got = ops(b"/P <</MCID 0>> BDC BI /W 2 /H 2 ID \x00EI\xff EI Q EMC");
        let names: Vec<&str> = got.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["BDC", "BI", "Q", "EMC"]);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        // An array never closed swallows the rest (an operator inside an array is no
        // operator); the lexer still ends, in one pass, without deep recursion.
        let data = "[".repeat(100_000) + " Tj";
        assert!(ops(data.as_bytes()).is_empty());
        let data = "[".repeat(100_000) + &"]".repeat(100_000) + " Tj";
        assert_eq!(ops(data.as_bytes()).len(), 1);
    }
}
