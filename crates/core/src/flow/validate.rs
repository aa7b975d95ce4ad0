//! Every rule of `docs/flow-format.md`, checked once: the way from a [`Flow`] (a flow file) to
//! a [`ValidFlow`] (see `valid` for the only other way, the compiled form), so the engine and
//! the UI never meet a dangling id, a loop or an empty text. Each problem is reported with the place it is at (the JSON path plus
//! the node id) and what to do about it; the wording is part of the interface and the tests in
//! `tests/validate.rs` pin it. This module must never touch the DOM or any web crate.

use std::collections::{HashMap, HashSet};
use std::fmt;

#[cfg(feature = "json")]
use super::json::{parse_flow, JsonError};
use super::model::{check_markup, Audience, Flow, Link, MarkupError, Step};
use super::valid::{NodeRef, ValidFlow};

/// The most questions any path may ask before it reaches a result.
pub const MAX_DEPTH: usize = 12;

/// The longest id allowed (ids travel in URLs and analytics).
pub const MAX_ID_LEN: usize = 64;

/// One broken rule: where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowError {
    /// JSON path with the node id, e.g. `questions[2] "email".answers[0].next`.
    pub place: String,
    /// What is wrong.
    pub problem: String,
    /// What to do.
    pub fix: String,
}

impl fmt::Display for FlowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} — {}", self.place, self.problem, self.fix)
    }
}

/// Every problem found in one flow, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowErrors(pub Vec<FlowError>);

impl fmt::Display for FlowErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for FlowErrors {}

/// Why a flow file could not be loaded: bad JSON or a broken rule.
#[cfg(feature = "json")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The text is not JSON of the flow's shape (syntax, unknown field, wrong type…).
    Json(JsonError),
    /// The JSON is well-formed but breaks rules.
    Invalid(FlowErrors),
}

#[cfg(feature = "json")]
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Json(e) => write!(
                f,
                "{} (line {}, column {}): {} — fix the JSON there (docs/flow-format.md lists the fields)",
                e.path, e.line, e.column, e.message
            ),
            LoadError::Invalid(errors) => write!(f, "{errors}"),
        }
    }
}

#[cfg(feature = "json")]
impl std::error::Error for LoadError {}

/// Parses a flow file and validates it.
#[cfg(feature = "json")]
pub fn parse(json: &str) -> Result<ValidFlow, LoadError> {
    let flow = parse_flow(json).map_err(LoadError::Json)?;
    validate(flow).map_err(LoadError::Invalid)
}

/// Collects problems while walking the flow.
struct Report(Vec<FlowError>);

impl Report {
    fn add(
        &mut self,
        place: impl Into<String>,
        problem: impl Into<String>,
        fix: impl Into<String>,
    ) {
        self.0.push(FlowError {
            place: place.into(),
            problem: problem.into(),
            fix: fix.into(),
        });
    }

    /// Checks a text; `place` is only built when there is a problem (validation is on the
    /// start-up path and must stay linear and allocation-free for valid content).
    fn text(&mut self, place: &dyn Fn() -> String, text: &str) {
        if text.trim().is_empty() {
            self.add(place(), "the text is empty", "write the text");
            return;
        }
        if let Some(c) = text.chars().find(|c| c.is_control() && *c != '\n') {
            self.add(
                place(),
                format!("the text contains the control character U+{:04X}", c as u32),
                "remove it (a line break, \\n, is the only one allowed)",
            );
            return;
        }
        let problem = match check_markup(text) {
            Ok(()) => return,
            Err(MarkupError::Unclosed) => "a label opened with [ is never closed",
            Err(MarkupError::Unopened) => "a ] closes no label",
            Err(MarkupError::Nested) => "a label contains another [",
            Err(MarkupError::EmptyLabel) => "a label [] is empty",
        };
        self.add(
            place(),
            problem,
            "write LINE's screen labels as [label], one pair of brackets each",
        );
    }

    fn id(&mut self, place: &dyn Fn() -> String, id: &str) {
        let ok = !id.is_empty()
            && id.len() <= MAX_ID_LEN
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !ok {
            self.add(
                format!("{}.id", place()),
                format!("the id \"{id}\" is not a stable name"),
                format!("use 1 to {MAX_ID_LEN} lowercase letters, digits or '-'"),
            );
        }
    }

    fn steps(&mut self, place: &dyn Fn() -> String, steps: &[Step]) {
        if steps.is_empty() {
            self.add(
                format!("{}.steps", place()),
                "there are no steps",
                "add at least one step",
            );
        }
        for (i, step) in steps.iter().enumerate() {
            let at = || format!("{}.steps[{i}]", place());
            self.text(&|| format!("{}.text", at()), &step.text);
            if let Some(link) = &step.link {
                self.link(&|| format!("{}.link", at()), link);
            }
        }
        // Every visitor gets a way: steps marked for one kind of device leave the other its own.
        for device in Audience::ALL {
            if !steps.is_empty() && !steps.iter().any(|s| s.is_for(device)) {
                self.add(
                    format!("{}.steps", place()),
                    format!(
                        "every step is \"for\": \"{}\", so a visitor on \"{}\" sees none",
                        device.other().name(),
                        device.name()
                    ),
                    format!(
                        "add a step with \"for\": \"{}\", or one without \"for\"",
                        device.name()
                    ),
                );
            }
        }
    }

    fn link(&mut self, place: &dyn Fn() -> String, link: &Link) {
        self.text(&|| format!("{}.text", place()), &link.text);
        if !is_safe_href(&link.href) {
            self.add(
                format!("{}.href", place()),
                format!("the link \"{}\" is not allowed", link.href),
                "use an https: URL or a relative URL, without spaces",
            );
        }
    }
}

/// `https:` URLs and relative URLs only; nothing a browser could run or send elsewhere in clear.
pub fn is_safe_href(href: &str) -> bool {
    if href.is_empty() || href.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    if href.starts_with("//") || href.starts_with("\\") {
        return false;
    }
    // A scheme is whatever precedes the first ':' that comes before any '/', '?' or '#'.
    match href.find([':', '/', '?', '#']) {
        Some(i) if href.as_bytes()[i] == b':' => href[..i].eq_ignore_ascii_case("https"),
        _ => true,
    }
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|d| d.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    if !b
        .iter()
        .enumerate()
        .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

fn q_place(flow: &Flow, q: usize) -> String {
    format!("questions[{q}] \"{}\"", flow.questions[q].id)
}

fn r_place(flow: &Flow, r: usize) -> String {
    format!("results[{r}] \"{}\"", flow.results[r].id)
}

/// Checks every rule and builds the `ValidFlow`, or lists every problem found.
pub fn validate(flow: Flow) -> Result<ValidFlow, FlowErrors> {
    let mut report = Report(Vec::new());
    let checked = check(&flow, &mut report);
    match checked {
        Some((start, targets, next_result, depth)) if report.0.is_empty() => Ok(
            ValidFlow::from_checked_parts(flow, start, targets, next_result, depth),
        ),
        _ => Err(FlowErrors(report.0)),
    }
}

/// A flow whose ids all resolved: the start, `targets[q][a]`, `next_result[r]` and the depth of
/// each question.
type Edges = (usize, Vec<Vec<NodeRef>>, Vec<Option<usize>>, Vec<usize>);

/// Every rule; returns the resolved edges when the ids resolved (other problems may remain).
fn check(flow: &Flow, report: &mut Report) -> Option<Edges> {
    let nq = flow.questions.len();
    let slot = |node: NodeRef| match node {
        NodeRef::Question(i) => format!("questions[{i}]"),
        NodeRef::Result(i) => format!("results[{i}]"),
    };

    report.id(&|| "flow".into(), &flow.id);
    report.text(&|| "lang".into(), &flow.lang);
    report.text(&|| "title".into(), &flow.title);

    // Ids: one namespace for questions and results.
    let mut ids: HashMap<&str, NodeRef> = HashMap::with_capacity(nq + flow.results.len());
    let nodes = flow
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (NodeRef::Question(i), q.id.as_str()))
        .chain(
            flow.results
                .iter()
                .enumerate()
                .map(|(i, r)| (NodeRef::Result(i), r.id.as_str())),
        );
    for (node, id) in nodes {
        report.id(&|| slot(node), id);
        if let Some(first) = ids.get(id) {
            report.add(
                format!("{}.id", slot(node)),
                format!("the id \"{id}\" is already used by {}", slot(*first)),
                "give every question and result its own id",
            );
        } else {
            ids.insert(id, node);
        }
    }
    let mut tip_ids: HashMap<&str, usize> = HashMap::with_capacity(flow.tips.len());
    for (i, tip) in flow.tips.iter().enumerate() {
        let place = || format!("tips[{i}]");
        report.id(&place, &tip.id);
        if let Some(first) = tip_ids.get(tip.id.as_str()) {
            report.add(
                format!("tips[{i}].id"),
                format!("the id \"{}\" is already used by tips[{first}]", tip.id),
                "give every tip its own id",
            );
        } else {
            tip_ids.insert(tip.id.as_str(), i);
        }
        report.text(&|| format!("tips[{i}].title"), &tip.title);
        report.steps(&place, &tip.steps);
    }

    let start = match ids.get(flow.start.as_str()) {
        Some(NodeRef::Question(q)) => Some(*q),
        Some(NodeRef::Result(_)) => {
            report.add(
                "start",
                format!("\"{}\" is a result, not a question", flow.start),
                "start with a question",
            );
            None
        }
        None => {
            report.add(
                "start",
                format!("no question has the id \"{}\"", flow.start),
                "name the id of the first question",
            );
            None
        }
    };

    // Questions and their answers.
    let mut resolved = true;
    let mut targets: Vec<Vec<NodeRef>> = Vec::with_capacity(nq);
    for (qi, q) in flow.questions.iter().enumerate() {
        let place = || q_place(flow, qi);
        report.text(&|| format!("{}.text", place()), &q.text);
        if let Some(help) = &q.help {
            report.text(&|| format!("{}.help", place()), help);
        }
        if q.answers.len() < 2 {
            report.add(
                format!("{}.answers", place()),
                format!(
                    "a question needs at least 2 answers, it has {}",
                    q.answers.len()
                ),
                "add answers, or replace the question by where its answer leads",
            );
        }
        let mut row = Vec::with_capacity(q.answers.len());
        // A scan is fastest for the usual handful of answers; a set keeps 10,000 linear.
        let mut seen: HashSet<&str> = HashSet::new();
        for (ai, a) in q.answers.iter().enumerate() {
            let at = || format!("{}.answers[{ai}]", place());
            report.id(&at, &a.id);
            let twice = if q.answers.len() <= 16 {
                q.answers[..ai].iter().any(|b| b.id == a.id)
            } else {
                !seen.insert(&a.id)
            };
            if twice {
                report.add(
                    format!("{}.id", at()),
                    format!("the answer id \"{}\" is used twice in this question", a.id),
                    "give every answer of a question its own id",
                );
            }
            report.text(&|| format!("{}.text", at()), &a.text);
            match ids.get(a.next.as_str()) {
                Some(target) => row.push(*target),
                None => {
                    resolved = false;
                    report.add(
                        format!("{}.next", at()),
                        format!("no question or result has the id \"{}\"", a.next),
                        "point next at an existing question or result id",
                    );
                }
            }
        }
        targets.push(row);
    }

    // Results.
    let mut used_tips = vec![false; flow.tips.len()];
    let mut next_result: Vec<Option<usize>> = Vec::with_capacity(flow.results.len());
    for (ri, r) in flow.results.iter().enumerate() {
        let place = || r_place(flow, ri);
        report.text(&|| format!("{}.title", place()), &r.title);
        report.text(&|| format!("{}.cause", place()), &r.cause);
        report.steps(&place, &r.steps);
        for (ni, note) in r.notes.iter().enumerate() {
            report.text(&|| format!("{}.notes[{ni}]", place()), note);
        }
        for (ti, tip) in r.tips.iter().enumerate() {
            match tip_ids.get(tip.as_str()) {
                Some(&t) => used_tips[t] = true,
                None => report.add(
                    format!("{}.tips[{ti}]", place()),
                    format!("no tip has the id \"{tip}\""),
                    "name the id of an entry in tips",
                ),
            }
        }
        if !is_date(&r.checked) {
            report.add(
                format!("{}.checked", place()),
                format!("\"{}\" is not a date", r.checked),
                "write the day the steps were last checked as YYYY-MM-DD",
            );
        }
        let next = match r.next.as_deref().map(|id| (id, ids.get(id))) {
            None => None,
            Some((_, Some(NodeRef::Result(n)))) if *n != ri => Some(*n),
            Some((id, found)) => {
                let (problem, fix) = match found {
                    Some(NodeRef::Result(_)) => (
                        "a result cannot be its own next result".to_owned(),
                        "name another result, or remove next",
                    ),
                    Some(NodeRef::Question(_)) => (
                        format!("\"{id}\" is a question, not a result"),
                        "name the result to offer when these steps did not help",
                    ),
                    None => (
                        format!("no result has the id \"{id}\""),
                        "name an existing result id, or remove next",
                    ),
                };
                resolved = false;
                report.add(format!("{}.next", place()), problem, fix);
                None
            }
        };
        next_result.push(next);
    }
    for (ti, used) in used_tips.iter().enumerate() {
        if !used {
            report.add(
                format!("tips[{ti}] \"{}\"", flow.tips[ti].id),
                "no result shows this tip",
                "list its id in the tips of a result, or delete it",
            );
        }
    }

    // The graph: only meaningful once every edge resolved.
    let start = start.filter(|_| resolved)?;
    let depth = check_graph(flow, start, &targets, &next_result, report);
    Some((start, targets, next_result, depth))
}

/// Reachability, cycles and depth, in one iterative depth-first walk; returns each question's
/// depth (no recursion: generated
/// flows of 100,000 nodes must not overflow the stack). Linear in nodes + edges.
fn check_graph(
    flow: &Flow,
    start: usize,
    targets: &[Vec<NodeRef>],
    next_result: &[Option<usize>],
    report: &mut Report,
) -> Vec<usize> {
    let nq = flow.questions.len();
    let index = |n: NodeRef| match n {
        NodeRef::Question(q) => q,
        NodeRef::Result(r) => nq + r,
    };
    let total = nq + flow.results.len();
    // The k-th successor of a node: a question's answers, or a result's `next`.
    let successor = |i: usize, k: usize| -> Option<usize> {
        if i < nq {
            targets[i].get(k).map(|&t| index(t))
        } else if k == 0 {
            next_result[i - nq].map(|r| nq + r)
        } else {
            None
        }
    };

    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; total];
    // depth[i]: the most questions asked from node i (inclusive) to the end of any path.
    let mut depth = vec![0usize; total];
    let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
    state[start] = OPEN;
    let mut cycle_reported = false;
    while let Some(&mut (node, ref mut edge)) = stack.last_mut() {
        if let Some(next) = successor(node, *edge) {
            *edge += 1;
            match state[next] {
                NEW => {
                    state[next] = OPEN;
                    stack.push((next, 0));
                }
                OPEN if !cycle_reported => {
                    cycle_reported = true;
                    let place = place_of(flow, node);
                    let edge_place = if node < nq {
                        format!("{place}.answers[{}].next", *edge - 1)
                    } else {
                        format!("{place}.next")
                    };
                    report.add(
                        edge_place,
                        format!(
                            "this leads back to \"{}\", so the diagnosis could loop forever",
                            id_at(flow, next)
                        ),
                        "point it at a later question or a result",
                    );
                }
                _ => {}
            }
        } else {
            stack.pop();
            state[node] = DONE;
            if node < nq {
                let deepest = targets[node]
                    .iter()
                    .map(|t| depth[index(*t)])
                    .max()
                    .unwrap_or(0);
                depth[node] = deepest + 1;
            }
        }
    }
    if !cycle_reported && depth[start] > MAX_DEPTH {
        report.add(
            "start",
            format!(
                "a path asks {} questions, more than the limit of {MAX_DEPTH}",
                depth[start]
            ),
            "merge or remove questions so every path reaches a result sooner",
        );
    }
    for (i, s) in state.iter().enumerate() {
        if *s == NEW {
            report.add(
                place_of(flow, i),
                "no path from start leads here",
                "point an answer (or a result's next) at it, or delete it",
            );
        }
    }
    depth.truncate(nq);
    depth
}

fn place_of(flow: &Flow, i: usize) -> String {
    let nq = flow.questions.len();
    if i < nq {
        q_place(flow, i)
    } else {
        r_place(flow, i - nq)
    }
}

fn id_at(flow: &Flow, i: usize) -> &str {
    let nq = flow.questions.len();
    if i < nq {
        &flow.questions[i].id
    } else {
        &flow.results[i - nq].id
    }
}

/// Checks that two languages of one flow mean the same thing to analytics and share links:
/// the same flow id, node ids, answers (ids and targets), `next` links and tips.
pub fn same_shape(a: &ValidFlow, b: &ValidFlow) -> Result<(), FlowErrors> {
    let (fa, fb) = (a.flow(), b.flow());
    let mut report = Report(Vec::new());
    let (la, lb) = (&fa.lang, &fb.lang);
    if fa.id != fb.id {
        report.add(
            "id",
            format!("{la} has the flow id \"{}\", {lb} has \"{}\"", fa.id, fb.id),
            "use the same flow id in every language",
        );
    }
    if fa.start != fb.start {
        report.add(
            "start",
            format!("{la} starts at \"{}\", {lb} at \"{}\"", fa.start, fb.start),
            "start every language at the same question",
        );
    }
    for (x, y, lx, ly) in [(fa, fb, la, lb), (fb, fa, lb, la)] {
        for (i, q) in x.questions.iter().enumerate() {
            let place = format!("questions[{i}] \"{}\"", q.id);
            let Some(other) = y.questions.iter().find(|o| o.id == q.id) else {
                report.add(
                    place,
                    format!("{ly} has no question with this id, {lx} has"),
                    format!("add it to the {ly} file, or remove it from {lx}"),
                );
                continue;
            };
            if lx < ly {
                let pairs = |qq: &super::model::Question| {
                    qq.answers
                        .iter()
                        .map(|a| format!("{}→{}", a.id, a.next))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let (pa, pb) = (pairs(q), pairs(other));
                if pa != pb {
                    report.add(
                        format!("{place}.answers"),
                        format!("{lx} has answers [{pa}], {ly} has [{pb}]"),
                        "give both languages the same answer ids in the same order, with the same next",
                    );
                }
            }
        }
        for (i, r) in x.results.iter().enumerate() {
            let place = format!("results[{i}] \"{}\"", r.id);
            let Some(other) = y.results.iter().find(|o| o.id == r.id) else {
                report.add(
                    place,
                    format!("{ly} has no result with this id, {lx} has"),
                    format!("add it to the {ly} file, or remove it from {lx}"),
                );
                continue;
            };
            if lx < ly && (r.next != other.next || r.tips != other.tips) {
                report.add(
                    place,
                    format!("{lx} and {ly} differ in next or tips"),
                    "give both languages the same next and the same tips",
                );
            }
        }
    }
    let tips = |f: &Flow| {
        f.tips
            .iter()
            .map(|t| format!("\"{}\"", t.id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if tips(fa) != tips(fb) {
        report.add(
            "tips",
            format!("{la} has tips [{}], {lb} has [{}]", tips(fa), tips(fb)),
            "give both languages the same tip ids in the same order",
        );
    }
    if report.0.is_empty() {
        Ok(())
    } else {
        Err(FlowErrors(report.0))
    }
}
