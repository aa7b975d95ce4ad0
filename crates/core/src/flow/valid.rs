//! [`ValidFlow`], the only flow the engine and the UI accept, and its two ways in: the rules
//! (`validate::validate`, from a flow file) and the compiled form (`compiled::decode`, what the
//! widget reads). Both end in [`ValidFlow::from_checked_parts`], whose documentation states what
//! each guarantees.

use super::model::Flow;

/// A node of a valid flow: an index into `Flow::questions` or `Flow::results`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeRef {
    /// `questions[i]`
    Question(usize),
    /// `results[i]`
    Result(usize),
}

/// A flow that passed every rule, with every id already resolved to an index.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidFlow {
    flow: Flow,
    start: usize,
    /// `targets[q][a]`: where answer `a` of question `q` leads.
    targets: Vec<Vec<NodeRef>>,
    /// `next_result[r]`: the result offered when result `r` did not help.
    next_result: Vec<Option<usize>>,
    /// `depth[q]`: the most questions any path from question `q` asks, `q` included.
    depth: Vec<usize>,
}

impl ValidFlow {
    /// The one constructor, for the two ways in (nothing else in the crate calls it):
    /// - `validate::validate`, after every rule of `docs/flow-format.md` passed on `flow`;
    /// - `compiled::decode`, which checks every count and index of the compiled form (so nothing
    ///   here can index out of bounds) but not the rules: the form is only written by
    ///   `compiled::encode` from a `ValidFlow`, and the built-in files are pinned by their hash.
    ///
    /// `targets[q][a]` is where answer `a` of question `q` leads, `next_result[r]` the result
    /// offered when `r` did not help, `depth[q]` the most questions asked from `q` on.
    pub(super) fn from_checked_parts(
        flow: Flow,
        start: usize,
        targets: Vec<Vec<NodeRef>>,
        next_result: Vec<Option<usize>>,
        depth: Vec<usize>,
    ) -> Self {
        ValidFlow {
            flow,
            start,
            targets,
            next_result,
            depth,
        }
    }

    /// The checked content.
    pub fn flow(&self) -> &Flow {
        &self.flow
    }

    /// Index of the first question.
    pub fn start(&self) -> usize {
        self.start
    }

    /// Where answer `answer` of question `question` leads, if both exist.
    pub fn target(&self, question: usize, answer: usize) -> Option<NodeRef> {
        self.targets.get(question)?.get(answer).copied()
    }

    /// The result offered when result `result` did not help.
    pub fn next_result(&self, result: usize) -> Option<usize> {
        self.next_result.get(result).copied().flatten()
    }

    /// The most questions a visitor may still be asked from question `question`, itself
    /// included (for the progress hint).
    pub fn questions_left(&self, question: usize) -> usize {
        self.depth.get(question).copied().unwrap_or(1)
    }

    /// The node with this id (a linear search: used once per share link, not per tap).
    pub fn node(&self, id: &str) -> Option<NodeRef> {
        let f = &self.flow;
        f.questions
            .iter()
            .position(|q| q.id == id)
            .map(NodeRef::Question)
            .or_else(|| {
                f.results
                    .iter()
                    .position(|r| r.id == id)
                    .map(NodeRef::Result)
            })
    }

    /// The id of a node.
    pub fn id_of(&self, node: NodeRef) -> &str {
        match node {
            NodeRef::Question(q) => self.flow.questions.get(q).map_or("", |n| &n.id),
            NodeRef::Result(r) => self.flow.results.get(r).map_or("", |n| &n.id),
        }
    }
}
