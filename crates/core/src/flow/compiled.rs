//! The compiled form of a valid flow: what the widget's wasm reads.
//!
//! A flow file (JSON, `docs/flow-format.md`) is parsed and validated once, where its author can
//! see the messages: by the release build for the built-in content, and by the checker module
//! (`crates/checker/`) that `embed.js` loads only for a page's own `flow-src` file. What comes out is
//! this form: the same content with every id already resolved to an index and the depth of each
//! question already computed, written as fields separated by U+001F (the ASCII unit separator,
//! which `validate` refuses in every text). Reading it needs no JSON parser and no rule checks,
//! which keeps both out of the wasm every page loads (11.5 KB gzip when it was made, README "Size").
//!
//! [`decode`] still checks every count and index against what is there, so a damaged file is a
//! clear error, never a panic later; it does not re-check the rules (the built-in files are
//! pinned by their integrity hash, and `flow-src` files went through `validate`).
//!
//! Layout (`n:` a decimal count, `[…]` repeated that many times, `?` an empty field for none):
//!
//! ```text
//! LLD2 id lang title start
//!   n:questions [id text help? depth n:answers [id text target]]
//!   n:results [id title cause checked next? n:steps [step] n:notes [note] n:tips [tip index]]
//!   n:tips [id title n:steps [step]]
//! step = text on? for? href? link-text?    target = q<index> | r<index>
//! on = a (line-app) | b (browser)           for = p (phone) | d (desktop)
//! ```

use super::model::{Answer, Audience, Flow, Link, Place, Question, ResultNode, Step, Tip};
use super::valid::{NodeRef, ValidFlow};

/// The field separator; never inside a field (`validate` refuses control characters in texts,
/// and ids, dates and links cannot contain one).
pub const SEP: char = '\u{1f}';

/// The first field: the format and its version.
const MAGIC: &str = "LLD2";

/// Writes the compiled form of a valid flow.
pub fn encode(valid: &ValidFlow) -> String {
    let f = valid.flow();
    let mut out = Encoder(String::from(MAGIC));
    for s in [&f.id, &f.lang, &f.title] {
        out.field(s);
    }
    out.number(valid.start());
    out.number(f.questions.len());
    for (q, question) in f.questions.iter().enumerate() {
        out.field(&question.id);
        out.field(&question.text);
        out.field(question.help.as_deref().unwrap_or(""));
        out.number(valid.questions_left(q));
        out.number(question.answers.len());
        for (a, answer) in question.answers.iter().enumerate() {
            out.field(&answer.id);
            out.field(&answer.text);
            out.field(&match valid.target(q, a) {
                Some(NodeRef::Question(i)) => format!("q{i}"),
                Some(NodeRef::Result(i)) => format!("r{i}"),
                None => String::new(),
            });
        }
    }
    out.number(f.results.len());
    for (r, result) in f.results.iter().enumerate() {
        for s in [&result.id, &result.title, &result.cause, &result.checked] {
            out.field(s);
        }
        out.field(
            &valid
                .next_result(r)
                .map_or(String::new(), |n| n.to_string()),
        );
        out.steps(&result.steps);
        out.number(result.notes.len());
        for note in &result.notes {
            out.field(note);
        }
        out.number(result.tips.len());
        for tip in &result.tips {
            let index = f.tips.iter().position(|t| &t.id == tip).unwrap_or(0);
            out.number(index);
        }
    }
    out.number(f.tips.len());
    for tip in &f.tips {
        out.field(&tip.id);
        out.field(&tip.title);
        out.steps(&tip.steps);
    }
    out.0
}

/// The compiled text being written: fields joined by `SEP`.
struct Encoder(String);

impl Encoder {
    fn field(&mut self, s: &str) {
        self.0.push(SEP);
        self.0.push_str(s);
    }

    fn number(&mut self, n: usize) {
        self.field(&n.to_string());
    }

    fn steps(&mut self, steps: &[Step]) {
        self.number(steps.len());
        for step in steps {
            self.field(&step.text);
            self.field(match step.on {
                Some(Place::LineApp) => "a",
                Some(Place::Browser) => "b",
                None => "",
            });
            self.field(match step.only_for {
                Some(Audience::Phone) => "p",
                Some(Audience::Desktop) => "d",
                None => "",
            });
            let (href, text) = step
                .link
                .as_ref()
                .map_or(("", ""), |l| (l.href.as_str(), l.text.as_str()));
            self.field(href);
            self.field(text);
        }
    }
}

/// The version of a compiled flow text, as every event carries it (`version`, `lld_version`):
/// 8 hex digits of the text's 32-bit FNV-1a hash. The same text always gives the same version
/// (in any browser, at build time, in a report); any edit of the flow, a text or a link included,
/// gives another one (with a chance of 1 in 4 billion of a repeat), so a report can tell the
/// data of two versions of the diagnosis apart. Not a security hash: the files are pinned by
/// their sha384 (README "Security").
pub fn version(text: &str) -> String {
    let hash = text.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    // By hand: `{:08x}` would pull hex formatting into the wasm.
    (0..8)
        .rev()
        .map(|i| char::from(b"0123456789abcdef"[(hash >> (i * 4)) as usize & 15]))
        .collect()
}

/// Why a compiled flow could not be read: the field where reading stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged(pub usize);

/// Reads a compiled flow back. Every count and index is checked; the texts are taken as they are.
pub fn decode(text: &str) -> Result<ValidFlow, Damaged> {
    let mut r = Reader {
        fields: text.split(SEP),
        at: 0,
    };
    if r.text()? != MAGIC {
        return Err(Damaged(0));
    }
    let (id, lang, title) = (r.string()?, r.string()?, r.string()?);
    let start = r.number()?;
    let nq = r.number()?;
    let mut questions = Vec::new();
    let mut depth = Vec::new();
    let mut targets = Vec::new();
    for _ in 0..nq {
        let (id, text, help) = (r.string()?, r.string()?, r.string()?);
        depth.push(r.number()?);
        let mut answers = Vec::new();
        let mut row = Vec::new();
        for _ in 0..r.number()? {
            let (id, text, target) = (r.string()?, r.string()?, r.text()?);
            let node = match (target.strip_prefix('q'), target.strip_prefix('r')) {
                (Some(q), _) => number(q).map(NodeRef::Question),
                (_, Some(i)) => number(i).map(NodeRef::Result),
                _ => None,
            };
            row.push(node.ok_or(Damaged(r.at))?);
            answers.push(Answer {
                id,
                text,
                next: String::new(),
            });
        }
        targets.push(row);
        questions.push(Question {
            id,
            text,
            help: (!help.is_empty()).then_some(help),
            answers,
        });
    }
    let nr = r.number()?;
    let mut results = Vec::new();
    let mut next_result = Vec::new();
    let mut result_tips = Vec::new();
    for _ in 0..nr {
        let (id, title, cause, checked) = (r.string()?, r.string()?, r.string()?, r.string()?);
        let next = r.text()?;
        next_result.push(match next {
            "" => None,
            n => Some(number(n).filter(|n| *n < nr).ok_or(Damaged(r.at))?),
        });
        let steps = r.steps()?;
        let notes = r.list(Reader::string)?;
        result_tips.push(r.list(Reader::number)?);
        results.push(ResultNode {
            id,
            title,
            cause,
            steps,
            notes,
            tips: Vec::new(),
            checked,
            next: None,
        });
    }
    let tips = r.list(|r| {
        Ok(Tip {
            id: r.string()?,
            title: r.string()?,
            steps: r.steps()?,
        })
    })?;
    if r.fields.next().is_some() {
        return Err(Damaged(r.at + 1));
    }
    // Every index in range, so nothing downstream can index out of bounds.
    let in_range = |n: &NodeRef| match *n {
        NodeRef::Question(q) => q < nq,
        NodeRef::Result(i) => i < nr,
    };
    if start >= nq || !targets.iter().flatten().all(in_range) {
        return Err(Damaged(r.at));
    }
    // The ids the model keeps alongside the indices, as the flow file spelled them.
    let id_of = |n: NodeRef| match n {
        NodeRef::Question(q) => questions[q].id.clone(),
        NodeRef::Result(i) => results[i].id.clone(),
    };
    let next_ids: Vec<String> = targets.iter().flatten().map(|t| id_of(*t)).collect();
    let mut next_ids = next_ids.into_iter();
    for answer in questions.iter_mut().flat_map(|q| &mut q.answers) {
        answer.next = next_ids.next().unwrap_or_default();
    }
    for r_index in 0..nr {
        let next = next_result[r_index].map(|n| results[n].id.clone());
        let result = &mut results[r_index];
        result.next = next;
        for &t in &result_tips[r_index] {
            result
                .tips
                .push(tips.get(t).ok_or(Damaged(r.at))?.id.clone());
        }
    }
    let flow = Flow {
        id,
        lang,
        title,
        start: questions[start].id.clone(),
        questions,
        results,
        tips,
    };
    Ok(ValidFlow::from_checked_parts(
        flow,
        start,
        targets,
        next_result,
        depth,
    ))
}

struct Reader<'a, I: Iterator<Item = &'a str>> {
    fields: I,
    at: usize,
}

impl<'a, I: Iterator<Item = &'a str>> Reader<'a, I> {
    fn text(&mut self) -> Result<&'a str, Damaged> {
        let field = self.fields.next().ok_or(Damaged(self.at))?;
        self.at += 1;
        Ok(field)
    }

    fn string(&mut self) -> Result<String, Damaged> {
        self.text().map(str::to_owned)
    }

    fn number(&mut self) -> Result<usize, Damaged> {
        let at = self.at;
        number(self.text()?).ok_or(Damaged(at))
    }

    /// A count, then that many items.
    fn list<T>(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Result<T, Damaged>,
    ) -> Result<Vec<T>, Damaged> {
        let mut out = Vec::new();
        for _ in 0..self.number()? {
            out.push(item(self)?);
        }
        Ok(out)
    }

    fn steps(&mut self) -> Result<Vec<Step>, Damaged> {
        self.list(|r| {
            let text = r.string()?;
            let on = match r.text()? {
                "a" => Some(Place::LineApp),
                "b" => Some(Place::Browser),
                "" => None,
                _ => return Err(Damaged(r.at - 1)),
            };
            let only_for = match r.text()? {
                "p" => Some(Audience::Phone),
                "d" => Some(Audience::Desktop),
                "" => None,
                _ => return Err(Damaged(r.at - 1)),
            };
            let (href, link_text) = (r.string()?, r.string()?);
            let link = (!href.is_empty()).then_some(Link {
                href,
                text: link_text,
            });
            Ok(Step {
                text,
                on,
                only_for,
                link,
            })
        })
    }
}

/// A plain decimal number (what `encode` writes), bounded so a damaged count cannot make the
/// reader allocate or loop without end: a count can never exceed the fields left.
fn number(s: &str) -> Option<usize> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}
