//! The diagnosis as a state machine over a [`ValidFlow`]: where the visitor is, how they got
//! there, and what each command does.
//!
//! `Session` is plain data (the current node and the history that Back retraces); [`Session::apply`]
//! is the one transition function. Every command returns an [`Outcome`] that says what happened;
//! input that does not fit the current state (an unknown answer id, Back at the start) is an
//! outcome that leaves the session unchanged, never a panic. This module never touches the DOM.

use super::valid::{NodeRef, ValidFlow};

/// The token for "did not help" in saved progress (never an id: ids are `[a-z0-9-]`).
pub const UNRESOLVED: &str = "~";

/// The id of answer `answer` of question `question` ("" if the indices do not exist).
fn answer_id(flow: &ValidFlow, question: usize, answer: usize) -> &str {
    flow.flow()
        .questions
        .get(question)
        .and_then(|q| q.answers.get(answer))
        .map_or("", |a| a.id.as_str())
}

/// The index of the answer with this id on question `question`.
pub fn answer_index(flow: &ValidFlow, question: usize, id: &str) -> Option<usize> {
    flow.flow()
        .questions
        .get(question)?
        .answers
        .iter()
        .position(|a| a.id == id)
}

/// One move the visitor made, kept so Back can undo it exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Move {
    /// Answer `answer` (index) of question `question` (index).
    Answered {
        /// Index into `questions`.
        question: usize,
        /// Index into that question's `answers`.
        answer: usize,
    },
    /// The visitor said result `result` did not help and went to its `next`.
    Unresolved {
        /// Index into `results`.
        result: usize,
    },
}

/// What the visitor asks for. Answers are named by index, as the screen shows them; ids are
/// for what outlives one build (saved progress, share links: [`Session::replay`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Choose answer `n` (index) of the current question.
    Answer(usize),
    /// Undo the last move.
    Back,
    /// Start over at the first question.
    Restart,
    /// Return to the state before move `n` of the history (0 = the first question); the trail
    /// of answers uses this.
    JumpTo(usize),
    /// "These steps did not help": go to the current result's next most likely result.
    NotResolved,
}

/// What a command did. Only `Moved` changed the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The session is at a new node: show `Session::current`.
    Moved,
    /// Back (or JumpTo) at the first question: there is nothing to undo.
    NothingToUndo,
    /// The current question has no answer with this index.
    UnknownAnswer,
    /// An answer was given while a result is shown.
    NotAQuestion,
    /// JumpTo an index past the history.
    NotInHistory,
    /// NotResolved on a result with no next result (or on a question): the end of the line.
    NoFurtherCause,
}

/// Where a visitor is in one diagnosis.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Session {
    current: NodeRef,
    history: Vec<Move>,
}

impl Session {
    /// A fresh session at the first question.
    pub fn new(flow: &ValidFlow) -> Self {
        Session {
            current: NodeRef::Question(flow.start()),
            history: Vec::new(),
        }
    }

    /// A session showing the result with this id, as a shared link opens it: no history, so
    /// Back is unavailable and Restart starts the diagnosis.
    pub fn at_result(flow: &ValidFlow, id: &str) -> Option<Self> {
        match flow.node(id)? {
            node @ NodeRef::Result(_) => Some(Session {
                current: node,
                history: Vec::new(),
            }),
            NodeRef::Question(_) => None,
        }
    }

    /// Replays moves from the start (restoring saved progress): answer ids, and [`UNRESOLVED`]
    /// for "did not help". `None` if any move no longer fits, e.g. after a content change: the
    /// caller starts fresh instead.
    pub fn replay<'a>(flow: &ValidFlow, moves: impl IntoIterator<Item = &'a str>) -> Option<Self> {
        let mut session = Session::new(flow);
        for token in moves {
            let command = match (token, session.current) {
                (UNRESOLVED, _) => Command::NotResolved,
                (id, NodeRef::Question(q)) => Command::Answer(answer_index(flow, q, id)?),
                (_, NodeRef::Result(_)) => return None,
            };
            if session.apply(flow, command) != Outcome::Moved {
                return None;
            }
        }
        Some(session)
    }

    /// The moves so far as [`Session::replay`] takes them back.
    pub fn tokens<'f>(&self, flow: &'f ValidFlow) -> Vec<&'f str> {
        self.history
            .iter()
            .map(|m| match *m {
                Move::Answered { question, answer } => answer_id(flow, question, answer),
                Move::Unresolved { .. } => UNRESOLVED,
            })
            .collect()
    }

    /// The node on screen.
    pub fn current(&self) -> NodeRef {
        self.current
    }

    /// The moves so far, oldest first.
    pub fn history(&self) -> &[Move] {
        &self.history
    }

    /// True at the first question with nothing to undo.
    pub fn at_start(&self, flow: &ValidFlow) -> bool {
        self.history.is_empty() && self.current == NodeRef::Question(flow.start())
    }

    /// The ids of the answers given so far, oldest first (for events).
    pub fn answer_ids<'f>(&self, flow: &'f ValidFlow) -> Vec<&'f str> {
        self.history
            .iter()
            .filter_map(|m| match *m {
                Move::Answered { question, answer } => Some(answer_id(flow, question, answer)),
                Move::Unresolved { .. } => None,
            })
            .collect()
    }

    /// The one transition function.
    pub fn apply(&mut self, flow: &ValidFlow, command: Command) -> Outcome {
        match command {
            Command::Answer(a) => {
                let NodeRef::Question(q) = self.current else {
                    return Outcome::NotAQuestion;
                };
                let Some(next) = flow.target(q, a) else {
                    return Outcome::UnknownAnswer;
                };
                self.history.push(Move::Answered {
                    question: q,
                    answer: a,
                });
                self.current = next;
                Outcome::Moved
            }
            Command::Back => match self.history.len() {
                0 => Outcome::NothingToUndo,
                n => self.apply(flow, Command::JumpTo(n - 1)),
            },
            Command::Restart => {
                let fresh = Session::new(flow);
                if *self == fresh {
                    return Outcome::NothingToUndo;
                }
                *self = fresh;
                Outcome::Moved
            }
            Command::JumpTo(n) => {
                if n > self.history.len() {
                    return Outcome::NotInHistory;
                }
                if n == self.history.len() {
                    return Outcome::NothingToUndo;
                }
                self.current = match self.history[n] {
                    Move::Answered { question, .. } => NodeRef::Question(question),
                    Move::Unresolved { result } => NodeRef::Result(result),
                };
                self.history.truncate(n);
                Outcome::Moved
            }
            Command::NotResolved => {
                let NodeRef::Result(r) = self.current else {
                    return Outcome::NoFurtherCause;
                };
                let Some(next) = flow.next_result(r) else {
                    return Outcome::NoFurtherCause;
                };
                self.history.push(Move::Unresolved { result: r });
                self.current = NodeRef::Result(next);
                Outcome::Moved
            }
        }
    }
}
