//! Walking a whole flow: every path from the first question, and the flow as a Mermaid diagram
//! for content authors (`flowcheck --mermaid`).

use std::fmt::Write as _;

use super::valid::{NodeRef, ValidFlow};

/// One complete path: the answer ids from the first question, and the result it reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path<'f> {
    /// Answer ids in order.
    pub answers: Vec<&'f str>,
    /// Index of the result reached.
    pub result: usize,
}

/// Every path from the start to a result (depth-first, in answer order). A valid flow has no
/// cycles and at most `MAX_DEPTH` questions per path, so this always ends; the count can still
/// grow exponentially with the depth, so use [`count_paths`] for large generated flows.
pub fn all_paths(flow: &ValidFlow) -> Vec<Path<'_>> {
    let mut out = Vec::new();
    let mut answers = Vec::new();
    collect(flow, flow.start(), &mut answers, &mut out);
    out
}

fn collect<'f>(flow: &'f ValidFlow, q: usize, answers: &mut Vec<&'f str>, out: &mut Vec<Path<'f>>) {
    let question = &flow.flow().questions[q];
    for (a, answer) in question.answers.iter().enumerate() {
        answers.push(&answer.id);
        match flow.target(q, a) {
            Some(NodeRef::Question(next)) => collect(flow, next, answers, out),
            Some(NodeRef::Result(result)) => out.push(Path {
                answers: answers.clone(),
                result,
            }),
            None => {}
        }
        answers.pop();
    }
}

/// The number of distinct paths from the start, computed in linear time (memoised over the DAG).
pub fn count_paths(flow: &ValidFlow) -> u128 {
    let nq = flow.flow().questions.len();
    let mut memo: Vec<Option<u128>> = vec![None; nq];
    // Iterative post-order so deep generated flows cannot overflow the stack.
    let mut stack = vec![(flow.start(), false)];
    while let Some((q, expanded)) = stack.pop() {
        if memo[q].is_some() {
            continue;
        }
        let targets = (0..flow.flow().questions[q].answers.len()).filter_map(|a| flow.target(q, a));
        if expanded {
            let total = targets
                .map(|t| match t {
                    NodeRef::Question(n) => memo[n].unwrap_or(0),
                    NodeRef::Result(_) => 1,
                })
                .fold(0u128, u128::saturating_add);
            memo[q] = Some(total);
        } else {
            stack.push((q, true));
            for t in targets {
                if let NodeRef::Question(n) = t {
                    if memo[n].is_none() {
                        stack.push((n, false));
                    }
                }
            }
        }
    }
    memo[flow.start()].unwrap_or(0)
}

/// The flow as a Mermaid `flowchart`: questions as boxes, results as rounded boxes, answers as
/// labelled arrows and "did not help" links as dotted arrows.
pub fn mermaid(flow: &ValidFlow) -> String {
    let f = flow.flow();
    let esc = |s: &str| s.replace('"', "#quot;");
    let mut out = String::from("flowchart TD\n");
    for q in &f.questions {
        let _ = writeln!(out, "  {}[\"{}\"]", q.id, esc(&q.text));
    }
    for r in &f.results {
        let _ = writeln!(out, "  {}([\"{}\"])", r.id, esc(&r.title));
    }
    for q in &f.questions {
        for a in &q.answers {
            let _ = writeln!(out, "  {} -->|\"{}\"| {}", q.id, esc(&a.text), a.next);
        }
    }
    for r in &f.results {
        if let Some(next) = &r.next {
            let _ = writeln!(out, "  {} -.-> {}", r.id, next);
        }
    }
    out
}
