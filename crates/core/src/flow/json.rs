//! A small JSON reader for flow files: text → [`Flow`], with every error naming its path in the
//! file (`questions[0].answers[2].next`), its line and column, and what was expected.
//!
//! Why not serde_json: in the wasm, serde_json plus the derived deserializers cost about
//! 54 KB raw / 20 KB gzip (measured with twiggy, see README "Size"), a fifth of the size budget,
//! and pulled in float formatting the flow never needs. A flow is strings, lists and objects
//! only, so this reader is small: numbers are recognised but refused, nesting is bounded
//! (hostile files cannot overflow the stack), unknown fields are errors.

use super::model::{Answer, Audience, Flow, Link, Place, Question, ResultNode, Step, Tip};

/// The deepest nesting accepted (a flow needs 5).
pub const MAX_NESTING: usize = 32;

/// Why a text is not a flow file: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// Path of the value, e.g. `results[0].steps[1].on`; `.` for the whole file.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// A parsed JSON value with the byte offset where it starts.
#[derive(Debug)]
struct Value<'a> {
    at: usize,
    kind: Kind<'a>,
}

#[derive(Debug)]
enum Kind<'a> {
    Null,
    Bool,
    Number,
    Str(String),
    Arr(Vec<Value<'a>>),
    Obj(Vec<(&'a str, String, Value<'a>)>),
}

/// One step of a path.
#[derive(Clone)]
enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

fn path_string(path: &[Seg<'_>]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    if out.is_empty() {
        out.push('.');
    }
    out
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    path: Vec<Seg<'a>>,
}

impl<'a> Parser<'a> {
    fn error(&self, at: usize, message: impl Into<String>) -> JsonError {
        error_at(self.src, &self.path, at, message)
    }

    fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<(), JsonError> {
        self.skip_ws();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected(what))
        }
    }

    fn unexpected(&self, expected: &str) -> JsonError {
        match self.peek() {
            None => self.error(
                self.pos,
                format!("the file ends early, expected {expected}"),
            ),
            Some(_) => self.error(self.pos, format!("expected {expected}")),
        }
    }

    fn value(&mut self) -> Result<Value<'a>, JsonError> {
        self.skip_ws();
        let at = self.pos;
        let rest = &self.src[self.pos..];
        let kind = match self.peek() {
            Some(b'{') => self.object()?,
            Some(b'[') => self.array()?,
            Some(b'"') => Kind::Str(self.string()?),
            Some(b'-' | b'0'..=b'9') => {
                let len = rest
                    .bytes()
                    .take_while(|b| matches!(b, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'))
                    .count();
                self.pos += len;
                Kind::Number
            }
            _ if rest.starts_with("true") || rest.starts_with("false") => {
                self.pos += if rest.starts_with('t') { 4 } else { 5 };
                Kind::Bool
            }
            _ if rest.starts_with("null") => {
                self.pos += 4;
                Kind::Null
            }
            _ => return Err(self.unexpected("a value")),
        };
        Ok(Value { at, kind })
    }

    fn nest(&mut self) -> Result<(), JsonError> {
        if self.path.len() >= MAX_NESTING {
            return Err(self.error(self.pos, format!("nested deeper than {MAX_NESTING} levels")));
        }
        Ok(())
    }

    fn array(&mut self) -> Result<Kind<'a>, JsonError> {
        self.nest()?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Kind::Arr(items));
        }
        loop {
            self.path.push(Seg::Index(items.len()));
            items.push(self.value()?);
            self.path.pop();
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Kind::Arr(items));
                }
                _ => return Err(self.unexpected("`,` or `]`")),
            }
        }
    }

    fn object(&mut self) -> Result<Kind<'a>, JsonError> {
        self.nest()?;
        self.pos += 1;
        let mut fields: Vec<(&'a str, String, Value<'a>)> = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Kind::Obj(fields));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.unexpected("a field name in quotes"));
            }
            let key_start = self.pos + 1;
            let key = self.string()?;
            // The raw key text, borrowed from the file, names the path without allocating.
            let raw = &self.src[key_start..self.pos - 1];
            self.expect(b':', "`:`")?;
            self.path.push(Seg::Key(raw));
            if fields.iter().any(|(_, k, _)| *k == key) {
                return Err(self.error(key_start - 1, format!("the field `{key}` appears twice")));
            }
            let value = self.value()?;
            self.path.pop();
            fields.push((raw, key, value));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Kind::Obj(fields));
                }
                _ => return Err(self.unexpected("`,` or `}`")),
            }
        }
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1; // the opening quote
        let mut out = String::new();
        loop {
            let rest = &self.src[self.pos..];
            let plain = rest.find(['"', '\\']).unwrap_or(rest.len());
            if let Some(bad) = rest[..plain].find(|c: char| (c as u32) < 0x20) {
                return Err(self.error(
                    self.pos + bad,
                    "a control character (such as a line break) inside a string: write it as \\n",
                ));
            }
            out.push_str(&rest[..plain]);
            self.pos += plain;
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let at = self.pos;
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let c = self.unicode_escape(at)?;
                            out.push(c);
                            continue;
                        }
                        _ => return Err(self.error(at, "an unknown escape after \\")),
                    };
                    self.pos += 1;
                    out.push(c);
                }
                _ => return Err(self.error(self.pos, "the file ends inside a string")),
            }
        }
    }

    /// `\uXXXX`, with surrogate pairs; the position is on the `u`.
    fn unicode_escape(&mut self, at: usize) -> Result<char, JsonError> {
        let hex = |p: &mut Self| -> Option<u32> {
            let digits = p.src.get(p.pos + 1..p.pos + 5)?;
            let n = u32::from_str_radix(digits, 16).ok()?;
            p.pos += 5;
            Some(n)
        };
        let bad = |p: &Self| p.error(at, "an invalid \\u escape");
        let first = hex(self).ok_or_else(|| bad(self))?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if !self.src[self.pos..].starts_with("\\u") {
                return Err(bad(self));
            }
            self.pos += 1;
            let second = hex(self).ok_or_else(|| bad(self))?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(bad(self));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| bad(self))
    }
}

/// Line and column (1-based, column in characters) of a byte offset.
fn line_column(src: &str, at: usize) -> (usize, usize) {
    let before = &src[..at.min(src.len())];
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn error_at(src: &str, path: &[Seg<'_>], at: usize, message: impl Into<String>) -> JsonError {
    let (line, column) = line_column(src, at);
    JsonError {
        path: path_string(path),
        line,
        column,
        message: message.into(),
    }
}

/// Parses a flow file. Every field of `docs/flow-format.md` is checked for its type; unknown
/// and missing fields are errors. The rules about ids and links are `validate`'s job.
pub fn parse_flow(src: &str) -> Result<Flow, JsonError> {
    let mut parser = Parser {
        src,
        pos: 0,
        path: Vec::new(),
    };
    // A byte-order mark is harmless; skip it.
    if src.starts_with('\u{feff}') {
        parser.pos = 3;
    }
    let root = parser.value()?;
    parser.skip_ws();
    if parser.pos < src.len() {
        return Err(parser.error(parser.pos, "more text after the end of the flow"));
    }
    let mut r = Reader {
        src,
        path: Vec::new(),
    };
    r.flow(&root)
}

/// Turns values into the model, keeping the path for messages.
struct Reader<'a> {
    src: &'a str,
    path: Vec<Seg<'a>>,
}

/// The fields of one object, checked against the allowed names.
struct Fields<'v, 'a> {
    at: usize,
    fields: &'v [(&'a str, String, Value<'a>)],
}

fn describe(kind: &Kind<'_>) -> &'static str {
    match kind {
        Kind::Null => "null",
        Kind::Bool => "true/false",
        Kind::Number => "a number",
        Kind::Str(_) => "a string",
        Kind::Arr(_) => "a list",
        Kind::Obj(_) => "an object",
    }
}

impl<'a> Reader<'a> {
    fn error(&self, at: usize, message: impl Into<String>) -> JsonError {
        error_at(self.src, &self.path, at, message)
    }

    fn object<'v>(&self, v: &'v Value<'a>, allowed: &[&str]) -> Result<Fields<'v, 'a>, JsonError> {
        let Kind::Obj(fields) = &v.kind else {
            return Err(self.error(
                v.at,
                format!("expected an object, found {}", describe(&v.kind)),
            ));
        };
        if let Some((raw, key, value)) = fields
            .iter()
            .find(|(_, k, _)| !allowed.contains(&k.as_str()))
        {
            let list = allowed
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let mut path = self.path.clone();
            path.push(Seg::Key(raw));
            return Err(error_at(
                self.src,
                &path,
                value.at,
                format!("unknown field `{key}`, expected one of {list}"),
            ));
        }
        Ok(Fields { at: v.at, fields })
    }

    /// Runs `read` on a field's value with the field on the path.
    fn field<T>(
        &mut self,
        f: &Fields<'_, 'a>,
        name: &'static str,
        read: fn(&mut Self, &Value<'a>) -> Result<T, JsonError>,
    ) -> Result<Option<T>, JsonError> {
        let Some((raw, _, value)) = f.fields.iter().find(|(_, k, _)| k == name) else {
            return Ok(None);
        };
        self.path.push(Seg::Key(raw));
        let out = read(self, value)?;
        self.path.pop();
        Ok(Some(out))
    }

    fn required<T>(
        &mut self,
        f: &Fields<'_, 'a>,
        name: &'static str,
        read: fn(&mut Self, &Value<'a>) -> Result<T, JsonError>,
    ) -> Result<T, JsonError> {
        match self.field(f, name, read)? {
            Some(v) => Ok(v),
            None => Err(self.error(f.at, format!("missing field `{name}`"))),
        }
    }

    /// A required string field.
    fn req_str(&mut self, f: &Fields<'_, 'a>, name: &'static str) -> Result<String, JsonError> {
        self.required(f, name, Self::string)
    }

    /// An optional string field.
    fn opt_str(
        &mut self,
        f: &Fields<'_, 'a>,
        name: &'static str,
    ) -> Result<Option<String>, JsonError> {
        self.field(f, name, Self::string)
    }

    fn string(&mut self, v: &Value<'a>) -> Result<String, JsonError> {
        match &v.kind {
            Kind::Str(s) => Ok(s.clone()),
            other => Err(self.error(
                v.at,
                format!("expected a string, found {}", describe(other)),
            )),
        }
    }

    fn list<T>(
        &mut self,
        v: &Value<'a>,
        item: fn(&mut Self, &Value<'a>) -> Result<T, JsonError>,
    ) -> Result<Vec<T>, JsonError> {
        let Kind::Arr(items) = &v.kind else {
            return Err(self.error(
                v.at,
                format!("expected a list, found {}", describe(&v.kind)),
            ));
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, x) in items.iter().enumerate() {
            self.path.push(Seg::Index(i));
            out.push(item(self, x)?);
            self.path.pop();
        }
        Ok(out)
    }

    fn strings(&mut self, v: &Value<'a>) -> Result<Vec<String>, JsonError> {
        self.list(v, Self::string)
    }

    fn questions(&mut self, v: &Value<'a>) -> Result<Vec<Question>, JsonError> {
        self.list(v, Self::question)
    }

    fn answers(&mut self, v: &Value<'a>) -> Result<Vec<Answer>, JsonError> {
        self.list(v, Self::answer)
    }

    fn results(&mut self, v: &Value<'a>) -> Result<Vec<ResultNode>, JsonError> {
        self.list(v, Self::result)
    }

    fn steps(&mut self, v: &Value<'a>) -> Result<Vec<Step>, JsonError> {
        self.list(v, Self::step)
    }

    fn tips(&mut self, v: &Value<'a>) -> Result<Vec<Tip>, JsonError> {
        self.list(v, Self::tip)
    }

    fn flow(&mut self, v: &Value<'a>) -> Result<Flow, JsonError> {
        let f = self.object(
            v,
            &[
                "id",
                "lang",
                "title",
                "start",
                "questions",
                "results",
                "tips",
            ],
        )?;
        Ok(Flow {
            id: self.req_str(&f, "id")?,
            lang: self.req_str(&f, "lang")?,
            title: self.req_str(&f, "title")?,
            start: self.req_str(&f, "start")?,
            questions: self.required(&f, "questions", Self::questions)?,
            results: self.required(&f, "results", Self::results)?,
            tips: self.field(&f, "tips", Self::tips)?.unwrap_or_default(),
        })
    }

    fn question(&mut self, v: &Value<'a>) -> Result<Question, JsonError> {
        let f = self.object(v, &["id", "text", "help", "answers"])?;
        Ok(Question {
            id: self.req_str(&f, "id")?,
            text: self.req_str(&f, "text")?,
            help: self.opt_str(&f, "help")?,
            answers: self.required(&f, "answers", Self::answers)?,
        })
    }

    fn answer(&mut self, v: &Value<'a>) -> Result<Answer, JsonError> {
        let f = self.object(v, &["id", "text", "next"])?;
        Ok(Answer {
            id: self.req_str(&f, "id")?,
            text: self.req_str(&f, "text")?,
            next: self.req_str(&f, "next")?,
        })
    }

    fn result(&mut self, v: &Value<'a>) -> Result<ResultNode, JsonError> {
        let f = self.object(
            v,
            &[
                "id", "title", "cause", "steps", "notes", "tips", "checked", "next",
            ],
        )?;
        Ok(ResultNode {
            id: self.req_str(&f, "id")?,
            title: self.req_str(&f, "title")?,
            cause: self.req_str(&f, "cause")?,
            steps: self.required(&f, "steps", Self::steps)?,
            notes: self.field(&f, "notes", Self::strings)?.unwrap_or_default(),
            tips: self.field(&f, "tips", Self::strings)?.unwrap_or_default(),
            checked: self.req_str(&f, "checked")?,
            next: self.opt_str(&f, "next")?,
        })
    }

    fn step(&mut self, v: &Value<'a>) -> Result<Step, JsonError> {
        let f = self.object(v, &["text", "on", "for", "link"])?;
        Ok(Step {
            text: self.req_str(&f, "text")?,
            on: self.field(&f, "on", Self::place)?,
            only_for: self.field(&f, "for", Self::audience)?,
            link: self.field(&f, "link", Self::link)?,
        })
    }

    fn audience(&mut self, v: &Value<'a>) -> Result<Audience, JsonError> {
        match self.string(v)?.as_str() {
            "phone" => Ok(Audience::Phone),
            "desktop" => Ok(Audience::Desktop),
            other => Err(self.error(
                v.at,
                format!("unknown device `{other}`, expected `phone` or `desktop`"),
            )),
        }
    }

    fn place(&mut self, v: &Value<'a>) -> Result<Place, JsonError> {
        match self.string(v)?.as_str() {
            "line-app" => Ok(Place::LineApp),
            "browser" => Ok(Place::Browser),
            other => Err(self.error(
                v.at,
                format!("unknown place `{other}`, expected `line-app` or `browser`"),
            )),
        }
    }

    fn link(&mut self, v: &Value<'a>) -> Result<Link, JsonError> {
        let f = self.object(v, &["href", "text"])?;
        Ok(Link {
            href: self.req_str(&f, "href")?,
            text: self.req_str(&f, "text")?,
        })
    }

    fn tip(&mut self, v: &Value<'a>) -> Result<Tip, JsonError> {
        let f = self.object(v, &["id", "title", "steps"])?;
        Ok(Tip {
            id: self.req_str(&f, "id")?,
            title: self.req_str(&f, "title")?,
            steps: self.required(&f, "steps", Self::steps)?,
        })
    }
}
