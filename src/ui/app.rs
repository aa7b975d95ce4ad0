//! The root component: a reducer that adapts the engine (state is plain data, actions are an
//! enum), plus the effects that follow a change: focus on the new heading, the polite
//! announcement, the events for the host page, and the saved progress.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use super::page;
use super::screens::View;
use super::strings::{fill, strings};
use crate::config::Config;
use crate::events::{Event, Kind};
use crate::flow::engine::{Command, Move, Outcome, Session};
use crate::flow::model::Tip;
use crate::flow::validate::{NodeRef, ValidFlow};
use crate::platform::Platform;

/// What the root component needs.
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The validated flow.
    pub flow: Rc<ValidFlow>,
    /// The element's configuration.
    pub config: Rc<Config>,
    /// The `<line-login-diagnosis>` element (events are dispatched on it).
    pub host: HtmlElement,
    /// Where the widget starts: a fresh session, restored progress or a shared result.
    pub initial: Session,
    /// Names this widget among several on a page: share links and saved progress use it.
    pub key: Rc<str>,
    /// The visitor's device.
    pub platform: Platform,
}

/// What the visitor did.
pub enum Action {
    /// Answer `answer` on question `question` (both ids). Ignored when that question is no
    /// longer on screen: a second click on a button that was already answered must not answer
    /// the next question.
    Answer {
        question: String,
        answer: String,
    },
    Back,
    Restart,
    JumpTo(usize),
    NotResolved,
    Resolved,
    /// Feedback after copying: `Some(true)` copied, `Some(false)` refused.
    Copied(Option<bool>),
    /// The browser went to another history entry: show the session it carries.
    Restore(Session),
}

/// What the page must hear about a change: produced by the reducer (plain data), carried out by
/// an effect after the render, so several changes between two renders each get theirs.
pub enum Out {
    /// An event for the host page (and `dataLayer`).
    Event {
        kind: Kind,
        node: String,
        answer: Option<String>,
        result: Option<String>,
        steps: Vec<String>,
    },
    /// A browser history entry with these moves (used with the `history` attribute).
    Entry(String),
}

/// The queue of `Out`s, shared by every state of one widget. Never part of equality.
#[derive(Clone, Default)]
pub struct Outbox(Rc<std::cell::RefCell<Vec<Out>>>);

impl PartialEq for Outbox {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// The whole UI state: the engine's session plus what only the screen needs.
#[derive(Clone, PartialEq)]
pub struct State {
    flow: Rc<ValidFlow>,
    session: Session,
    /// Counts the changes; the effects run when it changes.
    seq: u32,
    /// The visitor said the current result fixed it.
    resolved: bool,
    /// Feedback of the last copy on this screen.
    copied: Option<bool>,
    outbox: Outbox,
}

impl State {
    fn new(flow: Rc<ValidFlow>, session: Session) -> Self {
        let state = State {
            flow,
            session,
            seq: 0,
            resolved: false,
            copied: None,
            outbox: Outbox::default(),
        };
        state.post(Kind::Start, About::Current);
        if let NodeRef::Result(_) = state.session.current() {
            state.post(Kind::Result, About::Current);
        }
        state
    }

    /// Queues an event about the current node, or about what `about` names.
    fn post(&self, kind: Kind, about: About<'_>) {
        let current = self.flow.id_of(self.session.current()).to_owned();
        let on_result = matches!(self.session.current(), NodeRef::Result(_));
        let (node, answer, result) = match (kind, about) {
            (_, About::Answered(question, answer)) => {
                (question.to_owned(), Some(answer.to_owned()), None)
            }
            (_, About::Left(result)) => (result.to_owned(), None, Some(result.to_owned())),
            (Kind::Start | Kind::Restart, About::Current) => (current, None, None),
            (_, About::Current) => (current.clone(), None, on_result.then_some(current)),
        };
        self.outbox.0.borrow_mut().push(Out::Event {
            kind,
            node,
            answer,
            result,
            steps: self
                .session
                .answer_ids(&self.flow)
                .into_iter()
                .map(str::to_owned)
                .collect(),
        });
    }

    /// The state after a move, with its events and history entry queued.
    fn moved(&self, session: Session, events: &[(Kind, About<'_>)], entry: bool) -> Rc<Self> {
        let next = State {
            flow: self.flow.clone(),
            session,
            seq: self.seq.wrapping_add(1),
            resolved: false,
            copied: None,
            outbox: self.outbox.clone(),
        };
        for (kind, answered) in events {
            next.post(*kind, *answered);
        }
        if entry {
            let moves = next.session.tokens(&next.flow).join(" ");
            next.outbox.0.borrow_mut().push(Out::Entry(moves));
        }
        Rc::new(next)
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let flow = &self.flow;
        let mut session = self.session.clone();
        let command = match &action {
            Action::Answer { question, answer } => {
                if flow.id_of(self.session.current()) != question.as_str() {
                    return self;
                }
                Command::Answer(answer)
            }
            Action::Back => Command::Back,
            Action::JumpTo(n) => Command::JumpTo(*n),
            Action::Restart => Command::Restart,
            Action::NotResolved => Command::NotResolved,
            Action::Resolved => {
                if self.resolved {
                    return self;
                }
                let next = State {
                    resolved: true,
                    seq: self.seq.wrapping_add(1),
                    ..(*self).clone()
                };
                next.post(Kind::Resolved(true), About::Current);
                return Rc::new(next);
            }
            Action::Copied(copied) => {
                return Rc::new(State {
                    copied: *copied,
                    ..(*self).clone()
                })
            }
            Action::Restore(restored) => {
                if *restored == self.session {
                    return self;
                }
                // An entry the browser went back to is announced as Back; forward, nothing.
                let back = restored.history().len() < self.session.history().len();
                let events: &[_] = if back {
                    &[(Kind::Back, About::Current)]
                } else {
                    &[]
                };
                return self.moved(restored.clone(), events, false);
            }
        };
        let left = flow.id_of(self.session.current()).to_owned();
        if session.apply(flow, command) != Outcome::Moved {
            // Same Rc: Yew skips the re-render.
            return self;
        }
        let at_result = matches!(session.current(), NodeRef::Result(_));
        let answered;
        let events: &[(Kind, About<'_>)] = match &action {
            Action::Answer { question, answer } => {
                answered = (Kind::Answer, About::Answered(question, answer));
                if at_result {
                    &[answered, (Kind::Result, About::Current)]
                } else {
                    std::slice::from_ref(&answered)
                }
            }
            // "Did not help" is about the result left behind; then the next one is shown.
            Action::NotResolved => &[
                (Kind::Resolved(false), About::Left(&left)),
                (Kind::Result, About::Current),
            ],
            Action::Restart => &[(Kind::Restart, About::Current)],
            _ => &[(Kind::Back, About::Current)],
        };
        self.moved(session, events, true)
    }
}

/// What an event is about.
#[derive(Clone, Copy)]
enum About<'a> {
    /// The node now on screen.
    Current,
    /// A question (id) and the answer (id) chosen on it.
    Answered(&'a str, &'a str),
    /// The result (id) the visitor just left.
    Left(&'a str),
}

/// The saved-progress key of a widget (sessionStorage: this tab only).
pub fn storage_key(flow: &ValidFlow, key: &str) -> String {
    format!("lld:{}:{key}", flow.flow().id)
}

/// Carries out what the reducer queued: events (and `dataLayer` pushes), history entries.
fn flush(outbox: &Outbox, host: &HtmlElement, config: &Config, flow: &ValidFlow, key: &str) {
    let queued: Vec<Out> = outbox.0.borrow_mut().drain(..).collect();
    for out in queued {
        match out {
            Out::Event {
                kind,
                node,
                answer,
                result,
                steps,
            } => {
                let event = Event {
                    kind,
                    flow: &flow.flow().id,
                    node: &node,
                    answer: answer.as_deref(),
                    result: result.as_deref(),
                    steps: steps.iter().map(String::as_str).collect(),
                };
                page::emit(host, &event, config.data_layer);
            }
            Out::Entry(moves) if config.history => page::push_history(key, &moves),
            Out::Entry(_) => {}
        }
    }
}

/// The result as plain text, for "copy the steps".
fn plain_text(flow: &ValidFlow, r: usize, t: &super::strings::Strings, link: &str) -> String {
    let result = &flow.flow().results[r];
    let mut out = format!("{}\n{}\n\n", result.title, result.cause);
    for (i, step) in result.steps.iter().enumerate() {
        out.push_str(&format!("{}. {}\n", i + 1, step.text));
        if let Some(l) = &step.link {
            out.push_str(&format!("   {} {}\n", l.text, l.href));
        }
    }
    out.push_str(&format!("\n{}: {}\n{link}\n", t.checked, result.checked));
    out
}

/// The widget.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let initial = props.initial.clone();
    let flow = props.flow.clone();
    let state = use_reducer(|| State::new(flow, initial));
    let heading = use_node_ref();
    // With `history`, every change the visitor makes is a browser history entry (below), so the
    // back gesture returns through the screens they saw, in order, before it leaves the page.
    // An entry without widget state is the page as it was before: the first question. Entries
    // of another widget on the page are left to it.
    {
        let state = state.clone();
        let key = props.key.clone();
        let enabled = props.config.history;
        use_effect_with((), move |_| {
            let listener = enabled.then(|| {
                gloo::events::EventListener::new(&gloo::utils::window(), "popstate", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::PopStateEvent>() else {
                        return;
                    };
                    let flow = &state.flow;
                    let session = match page::history_moves(&e.state(), &key) {
                        page::Entry::Ours(moves) => {
                            Session::replay(flow, moves.split(' ').filter(|t| !t.is_empty()))
                        }
                        page::Entry::Page => Some(Session::new(flow)),
                        page::Entry::OtherWidget => None,
                    };
                    if let Some(session) = session {
                        state.dispatch(Action::Restore(session));
                    }
                })
            });
            move || drop(listener)
        });
    }
    {
        // After each change: focus the new heading (never on the first render: the widget
        // must not steal focus from the page while it loads), carry out the queued events and
        // history entries, save the progress.
        let heading = heading.clone();
        let state = state.clone();
        let host = props.host.clone();
        let config = props.config.clone();
        let key = props.key.clone();
        use_effect_with(state.seq, move |seq| {
            if *seq > 0 {
                if let Some(h) = heading.cast::<HtmlElement>() {
                    let _ = h.focus();
                }
            }
            flush(&state.outbox, &host, &config, &state.flow, &key);
            let moves = state.session.tokens(&state.flow).join(" ");
            page::save(
                &storage_key(&state.flow, &key),
                (!state.session.history().is_empty()).then_some(moves.as_str()),
            );
        });
    }

    let config = &props.config;
    let t = strings(config.lang);
    let flow = &state.flow;
    let on = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let view = View {
        t,
        config,
        on: &on,
        heading: &heading,
        platform: props.platform,
    };

    let (screen, announcement) = match state.session.current() {
        NodeRef::Question(q) => {
            let question = &flow.flow().questions[q];
            let asked = state.session.answer_ids(flow).len() + 1;
            let left = flow.questions_left(q).saturating_sub(1);
            let progress = format!(
                "{} · {}",
                fill(t.question_n, asked),
                if left == 0 {
                    t.last_question.to_owned()
                } else {
                    fill(t.more_at_most, left)
                }
            );
            let announcement = format!("{progress}: {}", question.text);
            (view.question(question, &progress), announcement)
        }
        NodeRef::Result(r) => {
            let f = flow.flow();
            let result = &f.results[r];
            let tips: Vec<&Tip> = result
                .tips
                .iter()
                .filter_map(|id| f.tips.iter().find(|tip| &tip.id == id))
                .collect();
            let after_no = matches!(
                state.session.history().last(),
                Some(Move::Unresolved { .. })
            );
            let share_link = format!("{}#lld={}:{}", page::page_url(), props.key, result.id);
            // The text is built when the button is pressed, not on every render.
            let copy = |text: Box<dyn Fn() -> String>| {
                let on = on.clone();
                Callback::from(move |_: MouseEvent| {
                    let on = on.clone();
                    page::copy(&text(), move |ok| on.emit(Action::Copied(Some(ok))));
                })
            };
            let cta = {
                let host = props.host.clone();
                let data_layer = config.data_layer;
                let flow = state.flow.clone();
                let steps: Vec<String> = state
                    .session
                    .answer_ids(flow.as_ref())
                    .into_iter()
                    .map(str::to_owned)
                    .collect();
                let id = result.id.clone();
                Callback::from(move |_: MouseEvent| {
                    let e = Event {
                        kind: Kind::Cta,
                        flow: &flow.flow().id,
                        node: &id,
                        answer: None,
                        result: Some(&id),
                        steps: steps.iter().map(String::as_str).collect(),
                    };
                    page::emit(&host, &e, data_layer);
                })
            };
            let actions = super::screens::ResultActions {
                has_next: flow.next_result(r).is_some(),
                after_no,
                resolved: state.resolved,
                copied: state.copied,
                cta_href: config.cta_link(&result.id),
                on_cta: cta,
                on_copy: copy({
                    let (flow, link) = (flow.clone(), share_link.clone());
                    Box::new(move || plain_text(&flow, r, t, &link))
                }),
                on_share: copy(Box::new(move || share_link.clone())),
            };
            (
                view.result(result, &tips, &actions),
                format!("{}: {}", t.result, result.title),
            )
        }
    };

    html! {
        <section class="lld" data-theme={config.theme.name()} lang={config.lang.tag()} aria-label={flow.flow().title.clone()}>
            <p class="title">{ &flow.flow().title }</p>
            // Back and Restart above the screen: at hand even under a long result.
            { view.nav(state.session.at_start(flow)) }
            { screen }
            { view.trail(flow, &state.session) }
            <p class="sr-only" aria-live="polite" aria-atomic="true">
                { if state.seq > 0 { announcement } else { String::new() } }
            </p>
        </section>
    }
}
