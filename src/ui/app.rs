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
    Answer(String),
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

/// The whole UI state: the engine's session plus what only the screen needs.
#[derive(Clone, PartialEq)]
pub struct State {
    flow: Rc<ValidFlow>,
    session: Session,
    /// Counts the changes that produce events and move focus; effects run when it changes.
    seq: u32,
    /// What the last change was, for the events (`None`: the widget just started).
    last: Option<Change>,
    /// The visitor said the current result fixed it.
    resolved: bool,
    /// Feedback of the last copy on this screen.
    copied: Option<bool>,
    /// The last change came from the browser's history (so it is not pushed to it again).
    from_history: bool,
}

/// A change worth an event, as plain data (the effect turns it into `events::Event`s).
#[derive(Clone, Copy, PartialEq)]
enum Change {
    /// Answer `answer` of question `question`.
    Answered {
        question: usize,
        answer: usize,
    },
    Back,
    Restart,
    NotResolved,
    Resolved,
    /// The browser's history went forward to a state seen before.
    Restored,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut session = self.session.clone();
        let (command, change) = match &action {
            Action::Answer(id) => (Command::Answer(id), None),
            Action::Back => (Command::Back, Some(Change::Back)),
            Action::JumpTo(n) => (Command::JumpTo(*n), Some(Change::Back)),
            Action::Restart => (Command::Restart, Some(Change::Restart)),
            Action::NotResolved => (Command::NotResolved, Some(Change::NotResolved)),
            Action::Resolved => {
                return Rc::new(State {
                    resolved: true,
                    seq: self.seq.wrapping_add(1),
                    last: Some(Change::Resolved),
                    from_history: false,
                    ..(*self).clone()
                })
            }
            Action::Copied(copied) => {
                return Rc::new(State {
                    copied: *copied,
                    ..(*self).clone()
                })
            }
            Action::Restore(session) => {
                if *session == self.session {
                    return self;
                }
                let back = session.history().len() < self.session.history().len();
                return Rc::new(State {
                    flow: self.flow.clone(),
                    session: session.clone(),
                    seq: self.seq.wrapping_add(1),
                    last: Some(if back { Change::Back } else { Change::Restored }),
                    resolved: false,
                    copied: None,
                    from_history: true,
                });
            }
        };
        if session.apply(&self.flow, command) != Outcome::Moved {
            // Same Rc: Yew skips the re-render.
            return self;
        }
        let change = change.or_else(|| match session.history().last() {
            Some(&Move::Answered { question, answer }) => {
                Some(Change::Answered { question, answer })
            }
            _ => None,
        });
        Rc::new(State {
            flow: self.flow.clone(),
            session,
            seq: self.seq.wrapping_add(1),
            last: change,
            resolved: false,
            copied: None,
            from_history: false,
        })
    }
}

/// The saved-progress key of a widget (sessionStorage: this tab only).
pub fn storage_key(flow: &ValidFlow, key: &str) -> String {
    format!("lld:{}:{key}", flow.flow().id)
}

/// Emits the events that the last change produced.
fn emit_events(host: &HtmlElement, data_layer: bool, state: &State) {
    let flow = &state.flow;
    let f = flow.flow();
    let steps = state.session.answer_ids(flow);
    let node = flow.id_of(state.session.current());
    let result = match state.session.current() {
        NodeRef::Result(_) => Some(node),
        NodeRef::Question(_) => None,
    };
    let event = |kind: Kind, node: &str, answer: Option<&str>, result: Option<&str>| {
        let e = Event {
            kind,
            flow: &f.id,
            node,
            answer,
            result,
            steps: steps.clone(),
        };
        page::emit(host, &e, data_layer);
    };
    match state.last {
        None => {
            event(Kind::Start, node, None, None);
            if result.is_some() {
                event(Kind::Result, node, None, result);
            }
        }
        Some(Change::Answered { question, answer }) => {
            let q = &f.questions[question];
            event(Kind::Answer, &q.id, Some(&q.answers[answer].id), None);
            if result.is_some() {
                event(Kind::Result, node, None, result);
            }
        }
        Some(Change::Back) => event(Kind::Back, node, None, result),
        Some(Change::Restart) => event(Kind::Restart, node, None, None),
        Some(Change::NotResolved) => {
            // The result that did not help is the one left behind.
            let left = state.session.history().iter().rev().find_map(|m| match *m {
                Move::Unresolved { result } => Some(f.results[result].id.as_str()),
                Move::Answered { .. } => None,
            });
            event(Kind::Resolved(false), left.unwrap_or(node), None, left);
            event(Kind::Result, node, None, result);
        }
        Some(Change::Resolved) => event(Kind::Resolved(true), node, None, result),
        Some(Change::Restored) => {}
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
    let state = use_reducer(|| State {
        session: initial,
        flow,
        seq: 0,
        last: None,
        resolved: false,
        copied: None,
        from_history: false,
    });
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
        // must not steal focus from the page while it loads), emit events, save progress.
        let heading = heading.clone();
        let state = state.clone();
        let host = props.host.clone();
        let data_layer = props.config.data_layer;
        let key = storage_key(&props.flow, &props.key);
        let history = props.config.history;
        let widget = props.key.clone();
        use_effect_with(state.seq, move |seq| {
            if *seq > 0 {
                if let Some(h) = heading.cast::<HtmlElement>() {
                    let _ = h.focus();
                }
            }
            emit_events(&host, data_layer, &state);
            let tokens = state.session.tokens(&state.flow).join(" ");
            page::save(
                &key,
                (!state.session.history().is_empty()).then_some(tokens.as_str()),
            );
            let navigation = matches!(
                state.last,
                Some(
                    Change::Answered { .. } | Change::Back | Change::Restart | Change::NotResolved
                )
            );
            // Changes that came from the history itself are entries already.
            if history && navigation && !state.from_history {
                page::push_history(&widget, &tokens);
            }
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
