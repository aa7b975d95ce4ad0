//! What the studio (`studio/`) and `flowcheck` need beyond "valid or not": every problem with
//! its place in the text (line and column), and the tree as a graph (nodes, edges,
//! reachability, cycles) even when the flow breaks rules, so the studio draws what the rules
//! see. The messages are exactly `validate`'s (`LoadError`'s `Display`, one per problem); this
//! module only adds where each one is.
//!
//! Positions: a JSON syntax or type error carries serde_json's line and column. A rule's place
//! (`questions[2] "email".answers[0].next`) is a path into the file: [`Spans`] scans the text
//! once for the offset of every member and element, and the place resolves to the deepest
//! path that exists (a missing field resolves to its object).

use std::collections::HashMap;
use std::fmt::Write;

use lld_core::flow::json::parse_flow;
use lld_core::flow::model::Flow;
use lld_core::flow::validate::{self, same_shape, LoadError};

/// One problem: the message flowcheck prints, its place, and where that is in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The message, word for word as `flowcheck` prints it (after the file name).
    pub text: String,
    /// The place (JSON path, with node ids where the rules name them).
    pub place: String,
    /// 1-based line of the place in the text.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The id of the question or result the place is in, if any.
    pub node: Option<String>,
}

/// Every problem of a flow file, in the order the rules report them; empty when it is valid.
pub fn problems(text: &str) -> Vec<Problem> {
    match validate::parse(text) {
        Ok(_) => Vec::new(),
        Err(LoadError::Json(j)) => {
            vec![Problem {
                text: LoadError::Json(j.clone()).to_string(),
                node: node_of(&j.path, None),
                place: j.path.clone(),
                line: j.line,
                column: j.column,
            }]
        }
        Err(LoadError::Invalid(errors)) => {
            // Parsed once already; read again for the node ids of index-only places.
            let flow = parse_flow(text).ok();
            let spans = Spans::scan(text);
            errors
                .0
                .iter()
                .map(|e| {
                    let (line, column) = line_column(text, spans.find(&e.place));
                    Problem {
                        text: e.to_string(),
                        place: e.place.clone(),
                        line,
                        column,
                        node: node_of(&e.place, flow.as_ref()),
                    }
                })
                .collect()
        }
    }
}

/// The studio's report of one flow file, as JSON:
/// `{"ok": bool, "problems": [{"text", "place", "line", "column", "node"}], "tree": null |
/// {"start": i, "nodes": [{"id", "kind", "label", "line", "depth", "reachable", "cycle"}],
/// "edges": [{"from", "to", "target", "label", "kind", "cycle"}]}}`. `to` is -1 for an id that
/// names no node, `depth` the number of moves from `start` (-1: unreachable), `kind` of an edge
/// `answer` or `next` (a result's "did not help → next result").
pub fn report_json(text: &str) -> String {
    let problems = problems(text);
    let mut out = format!("{{\"ok\":{},\"problems\":[", problems.is_empty());
    for (i, p) in problems.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"text\":");
        string(&mut out, &p.text);
        out.push_str(",\"place\":");
        string(&mut out, &p.place);
        let _ = write!(
            out,
            ",\"line\":{},\"column\":{},\"node\":",
            p.line, p.column
        );
        opt_string(&mut out, p.node.as_deref());
        out.push('}');
    }
    out.push_str("],\"tree\":");
    match parse_flow(text) {
        Ok(flow) => tree_json(&mut out, &flow, text),
        Err(_) => out.push_str("null"),
    }
    out.push('}');
    out
}

/// `same_shape` of two languages, as JSON: `{"ok": bool, "problems": [{"text", "place",
/// "node"}]}`; a file that is not valid is reported as such (fix it first).
pub fn compare_json(a: &str, b: &str) -> String {
    let mut problems: Vec<(String, String, Option<String>)> = Vec::new();
    match (validate::parse(a), validate::parse(b)) {
        (Ok(fa), Ok(fb)) => {
            if let Err(errors) = same_shape(&fa, &fb) {
                for e in errors.0 {
                    let node = node_of(&e.place, None);
                    problems.push((e.to_string(), e.place, node));
                }
            }
        }
        (ra, rb) => {
            for (which, r) in [("first", ra.err()), ("second", rb.err())] {
                if let Some(e) = r {
                    problems.push((
                        format!("the {which} file is not valid, fix it first: {e}"),
                        ".".into(),
                        None,
                    ));
                }
            }
        }
    }
    let mut out = format!("{{\"ok\":{},\"problems\":[", problems.is_empty());
    for (i, (text, place, node)) in problems.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"text\":");
        string(&mut out, text);
        out.push_str(",\"place\":");
        string(&mut out, place);
        out.push_str(",\"node\":");
        opt_string(&mut out, node.as_deref());
        out.push('}');
    }
    out.push_str("]}");
    out
}

/// The question or result a place is in: its id from the flow (places like `questions[3].id`
/// name only the index), else the id the place quotes.
fn node_of(place: &str, flow: Option<&Flow>) -> Option<String> {
    let (kind, rest) = if let Some(rest) = place.strip_prefix("questions[") {
        (0, rest)
    } else if let Some(rest) = place.strip_prefix("results[") {
        (1, rest)
    } else {
        return None;
    };
    let close = rest.find(']')?;
    let index: usize = rest[..close].parse().ok()?;
    if let Some(flow) = flow {
        let id = match kind {
            0 => flow.questions.get(index).map(|q| &q.id),
            _ => flow.results.get(index).map(|r| &r.id),
        };
        if let Some(id) = id {
            return Some(id.clone());
        }
    }
    let quoted = rest[close + 1..].strip_prefix(" \"")?;
    let end = quoted
        .char_indices()
        .find(|&(i, c)| c == '"' && matches!(quoted[i + 1..].chars().next(), None | Some('.')))
        .map(|(i, _)| i)?;
    Some(quoted[..end].to_owned())
}

/// A place of the rules as a path of the file: node ids and the `flow` prefix removed
/// (`questions[2] "email".answers[0].next` → `questions[2].answers[0].next`).
fn place_path(place: &str) -> String {
    let mut out = String::new();
    let mut rest = place;
    while let Some(at) = rest.find("] \"") {
        out.push_str(&rest[..=at]);
        let after = &rest[at + 3..];
        let end = after
            .char_indices()
            .find(|&(i, c)| c == '"' && matches!(after[i + 1..].chars().next(), None | Some('.')))
            .map_or(after.len(), |(i, _)| i + 1);
        rest = &after[end..];
    }
    out.push_str(rest);
    match out.strip_prefix("flow") {
        Some(tail) if tail.is_empty() || tail.starts_with('.') => {
            tail.trim_start_matches('.').to_owned()
        }
        _ => out,
    }
}

/// The byte offset of every member (its key's quote) and array element (its value) of a JSON
/// text, by path (`questions[2].answers[0].next`; the whole file is `""`). Only run on text
/// serde_json has read, so nesting is bounded by its recursion limit; never panics on any text.
pub struct Spans(HashMap<String, usize>);

impl Spans {
    /// Scans `text` once.
    pub fn scan(text: &str) -> Spans {
        let mut scan = Scan {
            b: text.as_bytes(),
            i: 0,
            out: HashMap::new(),
        };
        let mut path = String::new();
        scan.value(&mut path, 0);
        Spans(scan.out)
    }

    /// The offset of the deepest existing path of a rule's place (0 when none exists).
    pub fn find(&self, place: &str) -> usize {
        let mut path = place_path(place);
        loop {
            if let Some(&at) = self.0.get(&path) {
                return at;
            }
            match path.rfind(['.', '[']) {
                Some(cut) => path.truncate(cut),
                None if !path.is_empty() => path.clear(),
                None => return 0,
            }
        }
    }
}

struct Scan<'a> {
    b: &'a [u8],
    i: usize,
    out: HashMap<String, usize>,
}

impl Scan<'_> {
    fn peek(&self) -> u8 {
        self.b.get(self.i).copied().unwrap_or(0)
    }

    fn ws(&mut self) {
        while matches!(self.peek(), b' ' | b'\n' | b'\r' | b'\t') {
            self.i += 1;
        }
    }

    /// Skips a string starting at its quote; returns its raw content.
    fn string(&mut self) -> &[u8] {
        self.i += 1;
        let start = self.i;
        loop {
            match self.peek() {
                0 if self.i >= self.b.len() => return &self.b[start..],
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    return &self.b[start..self.i - 1];
                }
                _ => self.i += 1,
            }
        }
    }

    fn value(&mut self, path: &mut String, depth: usize) {
        self.ws();
        self.out.entry(path.clone()).or_insert(self.i);
        if depth > 200 {
            return;
        }
        match self.peek() {
            b'{' => {
                self.i += 1;
                loop {
                    self.ws();
                    match self.peek() {
                        b'}' => {
                            self.i += 1;
                            return;
                        }
                        b',' => self.i += 1,
                        b'"' => {
                            let at = self.i;
                            let key = String::from_utf8_lossy(self.string()).into_owned();
                            self.ws();
                            if self.peek() == b':' {
                                self.i += 1;
                            }
                            let len = path.len();
                            if !path.is_empty() {
                                path.push('.');
                            }
                            path.push_str(&key);
                            self.out.insert(path.clone(), at);
                            self.value(path, depth + 1);
                            path.truncate(len);
                        }
                        _ => return,
                    }
                }
            }
            b'[' => {
                self.i += 1;
                let mut n = 0;
                loop {
                    self.ws();
                    match self.peek() {
                        b']' => {
                            self.i += 1;
                            return;
                        }
                        b',' => self.i += 1,
                        0 => return,
                        _ => {
                            let len = path.len();
                            let _ = write!(path, "[{n}]");
                            let before = self.i;
                            self.value(path, depth + 1);
                            path.truncate(len);
                            n += 1;
                            if self.i == before {
                                return;
                            }
                        }
                    }
                }
            }
            b'"' => {
                self.string();
            }
            _ => {
                while !matches!(
                    self.peek(),
                    0 | b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t'
                ) {
                    self.i += 1;
                }
            }
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn tree_json(out: &mut String, flow: &Flow, text: &str) {
    let nq = flow.questions.len();
    let total = nq + flow.results.len();
    let mut ids: HashMap<&str, usize> = HashMap::with_capacity(total);
    for (i, id) in flow
        .questions
        .iter()
        .map(|q| q.id.as_str())
        .chain(flow.results.iter().map(|r| r.id.as_str()))
        .enumerate()
    {
        ids.entry(id).or_insert(i);
    }
    // (from, to or None, target id, label, is next)
    let mut edges: Vec<(usize, Option<usize>, &str, &str, bool)> = Vec::new();
    for (qi, q) in flow.questions.iter().enumerate() {
        for a in &q.answers {
            edges.push((
                qi,
                ids.get(a.next.as_str()).copied(),
                &a.next,
                &a.text,
                false,
            ));
        }
    }
    for (ri, r) in flow.results.iter().enumerate() {
        if let Some(next) = &r.next {
            edges.push((nq + ri, ids.get(next.as_str()).copied(), next, "", true));
        }
    }
    let mut out_edges: Vec<Vec<usize>> = vec![Vec::new(); total];
    for (e, edge) in edges.iter().enumerate() {
        if edge.1.is_some() {
            out_edges[edge.0].push(e);
        }
    }
    let start = ids.get(flow.start.as_str()).copied().filter(|&s| s < nq);

    // Depth: moves from start (breadth first).
    let mut depth: Vec<i64> = vec![-1; total];
    if let Some(s) = start {
        depth[s] = 0;
        let mut queue = std::collections::VecDeque::from([s]);
        while let Some(n) = queue.pop_front() {
            for &e in &out_edges[n] {
                let to = edges[e].1.unwrap_or(n);
                if depth[to] < 0 {
                    depth[to] = depth[n] + 1;
                    queue.push_back(to);
                }
            }
        }
    }
    // Cycles: an edge to a node still on the depth-first stack closes one; every node on the
    // stack from there is on it. Every node is a root in turn, so unreachable loops show too.
    let mut cycle_edge = vec![false; edges.len()];
    let mut cycle_node = vec![false; total];
    let mut state = vec![0u8; total]; // 0 new, 1 on the stack, 2 done
    let mut pos = vec![0usize; total];
    let roots = start.into_iter().chain(0..total);
    for root in roots {
        if state[root] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        pos[root] = 0;
        while let Some(&mut (node, ref mut k)) = stack.last_mut() {
            if let Some(&e) = out_edges[node].get(*k) {
                *k += 1;
                let to = edges[e].1.unwrap_or(node);
                match state[to] {
                    0 => {
                        state[to] = 1;
                        pos[to] = stack.len();
                        stack.push((to, 0));
                    }
                    1 => {
                        cycle_edge[e] = true;
                        for &(n, _) in &stack[pos[to]..] {
                            cycle_node[n] = true;
                        }
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }

    let spans = Spans::scan(text);
    let _ = write!(
        out,
        "{{\"start\":{},\"nodes\":[",
        start.map_or(-1, |s| s as i64)
    );
    for i in 0..total {
        if i > 0 {
            out.push(',');
        }
        let (kind, id, label, path) = if i < nq {
            let q = &flow.questions[i];
            ("question", &q.id, &q.text, format!("questions[{i}]"))
        } else {
            let r = &flow.results[i - nq];
            ("result", &r.id, &r.title, format!("results[{}]", i - nq))
        };
        out.push_str("{\"id\":");
        string(out, id);
        let _ = write!(out, ",\"kind\":\"{kind}\",\"label\":");
        string(out, label);
        let (line, _) = line_column(text, spans.find(&path));
        let _ = write!(
            out,
            ",\"line\":{line},\"depth\":{},\"reachable\":{},\"cycle\":{}}}",
            depth[i],
            depth[i] >= 0,
            cycle_node[i]
        );
    }
    out.push_str("],\"edges\":[");
    for (e, (from, to, target, label, next)) in edges.iter().enumerate() {
        if e > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            "{{\"from\":{from},\"to\":{},\"target\":",
            to.map_or(-1, |t| t as i64)
        );
        string(out, target);
        out.push_str(",\"label\":");
        string(out, label);
        let _ = write!(
            out,
            ",\"kind\":\"{}\",\"cycle\":{}}}",
            if *next { "next" } else { "answer" },
            cycle_edge[e]
        );
    }
    out.push_str("]}");
}

/// A JSON string literal.
fn string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn opt_string(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.push_str("null"),
    }
}
