//! What a move means to the page: one widget's state and its one transition.
//!
//! An [`Input`] goes in — an [`Act`] a button asked for, a history entry the browser went back
//! to, the clipboard's answer — and [`State::apply`] returns whether the screen changes and the
//! [`Effect`]s the page must see, in order: the events with their `detail`, the history entry,
//! the focus, the saved progress, the text to copy. The Yew component renders the state and
//! performs the effects; it decides nothing (src/ui/app.rs). The event contract —
//! which event, which `detail`, in which order — is therefore tested natively, over random
//! walks (tests/state.rs). Pure: nothing here touches the DOM.

use crate::act::Act;
use crate::events::{Event, EventKind, Visit};
use crate::flow::engine::{Command, Outcome, Session};
use crate::flow::model::Audience;
use crate::flow::valid::{NodeRef, ValidFlow};
use crate::progress::{self, Entry};
use crate::texts::{plain_text, Texts};

/// What can happen to a widget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A button asked for this (its `data-act`).
    Act(Act),
    /// The browser went to a history entry of this widget, which carries this session.
    Restore(Session),
    /// The clipboard answered an [`Effect::Copy`]: copied, or refused.
    Copied(bool),
    /// The widget is on the visitor's screen (the page's IntersectionObserver saw it, or the
    /// browser has none): the first time, `lld:view`.
    Seen,
}

/// Something the page must see, in the order [`State::apply`] lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Dispatch event `kind` with this `detail` (JSON) on the element; with the `data-layer`
    /// attribute, also push `layer` (JSON) to `window.dataLayer`.
    Emit {
        /// Which event.
        kind: EventKind,
        /// The `CustomEvent`'s `detail`.
        detail: String,
        /// The GA4-style `dataLayer` object.
        layer: String,
    },
    /// With the `history` attribute, add a browser history entry carrying these moves
    /// ([`progress::encode`]).
    Entry(String),
    /// Move the keyboard focus to the new screen's heading.
    Focus,
    /// Keep this progress in the tab's storage ([`progress::saved`]); `None`: forget it.
    Save(Option<String>),
    /// Put this text on the clipboard, then send [`Input::Copied`].
    Copy(String),
}

/// What the state needs to know about its widget and its page.
#[derive(Debug, Clone, Copy)]
pub struct Env<'a> {
    /// The widget's name on the page (share links).
    pub key: &'a str,
    /// The page's address without its fragment (share links, copied text).
    pub page: &'a str,
    /// The widget's words in its language (copied text).
    pub texts: &'static Texts,
    /// Whose steps the visitor follows (copied text).
    pub device: Audience,
}

/// What [`State::apply`] did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Applied {
    /// The screen shows something new: render it, then perform the effects (they are about
    /// what the visitor now sees). When false, perform them at once.
    pub render: bool,
    /// What the page must see, in order.
    pub effects: Vec<Effect>,
}

/// One widget: where the visitor is, and what only the result screen needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    session: Session,
    /// The visitor said the result on screen fixed it.
    resolved: bool,
    /// Feedback of the last copy on this screen.
    copied: Option<bool>,
    /// The screen changed since the widget started.
    moved: bool,
    /// What every event says about the visit; `visit.session` is `base` and the run.
    visit: Visit,
    /// The random id drawn when the widget started.
    base: String,
    /// The diagnosis run: 1, and one more after each Restart.
    run: u32,
    /// Events sent in this run.
    seq: u32,
    /// `lld:view` was sent.
    viewed: bool,
}

/// What an event is about: its subject.
#[derive(Clone, Copy)]
enum Subject<'a> {
    /// The node now on screen.
    Current,
    /// A question (id) and the answer (id) chosen on it.
    Answered(&'a str, &'a str),
    /// The result (id) the visitor just left.
    Left(&'a str),
    /// The node on screen when the widget starts, and how the visit began.
    Start(Entry),
}

impl State {
    /// A widget starting at `session` (`progress::begin`: a new diagnosis, restored progress or
    /// a linked result — `entry` says which), with what the page hears first: `lld:start`, then
    /// `lld:result` when it opens on a result or `lld:question` on a question, and the progress
    /// to keep. No focus: the widget never takes it from the page while it loads. `visit` is
    /// what every event carries; its `session` is the random id drawn for this widget, which
    /// becomes `<id>.1` (`.2` after a Restart, …).
    pub fn start(
        flow: &ValidFlow,
        session: Session,
        entry: Entry,
        visit: Visit,
    ) -> (State, Vec<Effect>) {
        let base = visit.session.clone();
        let mut state = State {
            session,
            resolved: false,
            copied: None,
            moved: false,
            visit,
            base,
            run: 0,
            seq: 0,
            viewed: false,
        };
        state.next_run();
        let mut effects = vec![state.emit(flow, EventKind::Start, Subject::Start(entry))];
        effects.push(state.emit_shown(flow));
        effects.push(Effect::Save(progress::saved(flow, &state.session)));
        (state, effects)
    }

    /// Where the visitor is.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The visitor said the result on screen fixed it.
    pub fn resolved(&self) -> bool {
        self.resolved
    }

    /// Feedback of the last copy on this screen: copied, or refused.
    pub fn copied(&self) -> Option<bool> {
        self.copied
    }

    /// What every event says about the visit; `session` is the current run's.
    pub fn visit(&self) -> &Visit {
        &self.visit
    }

    /// The screen changed since the widget started (a screen reader hears each new screen;
    /// the first one it reads in the page's order).
    pub fn moved(&self) -> bool {
        self.moved
    }

    /// The one transition. Input that does not fit the screen (a stale click on a question that
    /// is gone, "yes" twice, copy on a question) changes nothing and has no effect.
    pub fn apply(&mut self, flow: &ValidFlow, env: &Env<'_>, input: Input) -> Applied {
        match input {
            Input::Copied(ok) => {
                self.copied = Some(ok);
                Applied {
                    render: true,
                    effects: Vec::new(),
                }
            }
            Input::Seen => {
                if self.viewed {
                    return Applied::default();
                }
                self.viewed = true;
                Applied {
                    render: false,
                    effects: vec![self.emit(flow, EventKind::View, Subject::Current)],
                }
            }
            Input::Restore(restored) => {
                if restored == self.session {
                    return Applied::default();
                }
                // An entry the browser went back to is announced as Back; forward, nothing: the
                // visitor has been counted there already (README "Events").
                let back = restored.history().len() < self.session.history().len();
                self.session = restored;
                self.changed();
                let mut effects = Vec::new();
                if back {
                    effects.push(self.emit(flow, EventKind::Back, Subject::Current));
                    if self.at_result().is_none() {
                        effects.push(self.emit(flow, EventKind::Question, Subject::Current));
                    }
                }
                self.settle(flow, effects, false)
            }
            Input::Act(act) => self.act(flow, env, act),
        }
    }

    fn act(&mut self, flow: &ValidFlow, env: &Env<'_>, act: Act) -> Applied {
        let command = match act {
            Act::Answer { question, answer } => {
                // Only the question on screen can be answered (see `Act::Answer`).
                if self.session.current() != NodeRef::Question(question) {
                    return Applied::default();
                }
                Command::Answer(answer)
            }
            Act::Back => Command::Back,
            Act::JumpTo(n) => Command::JumpTo(n),
            Act::Restart => Command::Restart,
            Act::NotResolved => Command::NotResolved,
            Act::Resolved => {
                if self.resolved || self.at_result().is_none() {
                    return Applied::default();
                }
                self.changed();
                self.resolved = true;
                let event = self.emit(flow, EventKind::Resolved(true), Subject::Current);
                return self.settle(flow, vec![event], false);
            }
            Act::Copy | Act::Share => {
                let Some(r) = self.at_result() else {
                    return Applied::default();
                };
                let id = &flow.flow().results[r].id;
                let link = progress::share_link(env.page, env.key, id);
                let text = match act {
                    Act::Copy => plain_text(flow, r, env.texts, env.device, &link),
                    _ => link,
                };
                return Applied {
                    render: false,
                    effects: vec![Effect::Copy(text)],
                };
            }
            Act::Cta => {
                // The browser follows the link; this only reports it.
                if self.at_result().is_none() {
                    return Applied::default();
                }
                return Applied {
                    render: false,
                    effects: vec![self.emit(flow, EventKind::Cta, Subject::Current)],
                };
            }
        };
        let left = self.session.current();
        let mut session = self.session.clone();
        if session.apply(flow, command) != Outcome::Moved {
            return Applied::default();
        }
        self.session = session;
        self.changed();
        if act == Act::Restart {
            self.next_run();
        }
        let mut effects = Vec::new();
        match act {
            Act::Answer { question, answer } => {
                let q = &flow.flow().questions[question];
                let answered = Subject::Answered(&q.id, &q.answers[answer].id);
                effects.push(self.emit(flow, EventKind::Answer, answered));
                if self.at_result().is_some() {
                    effects.push(self.emit(flow, EventKind::Result, Subject::Current));
                }
            }
            // "Did not help" is about the result left behind; then the next one is shown.
            Act::NotResolved => {
                let left = Subject::Left(flow.id_of(left));
                effects.push(self.emit(flow, EventKind::Resolved(false), left));
                effects.push(self.emit(flow, EventKind::Result, Subject::Current));
            }
            Act::Restart => effects.push(self.emit(flow, EventKind::Restart, Subject::Current)),
            Act::Back | Act::JumpTo(_) => {
                effects.push(self.emit(flow, EventKind::Back, Subject::Current))
            }
            // Handled above: they do not move the session.
            Act::Resolved | Act::Copy | Act::Share | Act::Cta => {}
        }
        // Every move may show a question: NotResolved always shows a result (announced above).
        if self.at_result().is_none() {
            effects.push(self.emit(flow, EventKind::Question, Subject::Current));
        }
        self.settle(flow, effects, true)
    }

    /// After a change the visitor sees: the history entry (for moves the visitor made, not for
    /// entries the browser went to), the focus on the new heading, the progress to keep.
    fn settle(&self, flow: &ValidFlow, mut effects: Vec<Effect>, entry: bool) -> Applied {
        if entry {
            effects.push(Effect::Entry(progress::encode(flow, &self.session)));
        }
        effects.push(Effect::Focus);
        effects.push(Effect::Save(progress::saved(flow, &self.session)));
        Applied {
            render: true,
            effects,
        }
    }

    /// A new screen: the feedback of the old one goes.
    fn changed(&mut self) {
        self.resolved = false;
        self.copied = None;
        self.moved = true;
    }

    fn at_result(&self) -> Option<usize> {
        match self.session.current() {
            NodeRef::Result(r) => Some(r),
            NodeRef::Question(_) => None,
        }
    }

    /// A new diagnosis run: its own session id, its events numbered from 1.
    fn next_run(&mut self) {
        self.run += 1;
        self.seq = 0;
        self.visit.session = format!("{}.{}", self.base, self.run);
    }

    /// `lld:result` or `lld:question` about the node now on screen.
    fn emit_shown(&mut self, flow: &ValidFlow) -> Effect {
        let kind = match self.at_result() {
            Some(_) => EventKind::Result,
            None => EventKind::Question,
        };
        self.emit(flow, kind, Subject::Current)
    }

    /// The event `kind` about `subject`, with the answers given so far; the next in its run.
    fn emit(&mut self, flow: &ValidFlow, kind: EventKind, subject: Subject<'_>) -> Effect {
        self.seq += 1;
        let current = flow.id_of(self.session.current());
        let on_result = self.at_result().is_some();
        let (node, answer, result) = match (kind, subject) {
            (_, Subject::Answered(question, answer)) => (question, Some(answer), None),
            (_, Subject::Left(result)) => (result, None, Some(result)),
            (EventKind::Start | EventKind::Restart | EventKind::View, _) => (current, None, None),
            (_, Subject::Current | Subject::Start(_)) => {
                (current, None, on_result.then_some(current))
            }
        };
        let event = Event {
            kind,
            flow: &flow.flow().id,
            node,
            answer,
            result,
            steps: self.session.answer_ids(flow),
            entry: match subject {
                Subject::Start(entry) => Some(entry.name()),
                _ => None,
            },
            depth: (kind == EventKind::Question)
                .then(|| self.session.answer_ids(flow).len() as u32 + 1),
            seq: self.seq,
            visit: &self.visit,
        };
        Effect::Emit {
            kind,
            detail: event.detail_json(),
            layer: event.data_layer_json(),
        }
    }
}
