//! The root component. Its state is the engine's session plus what only the screen needs; a
//! visitor's click arrives as an [`Act`] (every button names one in `data-act`, read by one
//! click listener per widget on the widget's own root element), `update` turns it into an engine
//! command, and `rendered` carries out what the change queued: focus on the new heading, the
//! events for the host page, the history entry and the saved progress.
//!
//! Yew itself registers no event listener for this widget (there is no `onclick` in any view):
//! Yew 0.23 never removes its own, so each mount would leak one. The two listeners here (clicks,
//! and `popstate` with the `history` attribute) are owned by the component and removed when the
//! widget is destroyed.

use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use super::page;
use super::screens::{ResultState, View};
use super::strings::{fill, strings, Strings};
use lld_core::act::Act;
use lld_core::config::Config;
use lld_core::events::{Event, Kind};
use lld_core::flow::engine::{Command, Move, Outcome, Session};
use lld_core::flow::model::{has_routes, Audience, Step, Tip};
use lld_core::flow::validate::{NodeRef, ValidFlow};
use lld_core::platform::Platform;

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

/// What reaches the component.
pub enum Msg {
    /// The visitor clicked a button (or followed the call-to-action).
    Act(Act),
    /// The clipboard answered: copied, or refused.
    Copied(bool),
    /// The browser went to another history entry: show the session it carries.
    Restore(Session),
}

/// What the page must hear about a change, queued by `update` and carried out in `rendered`
/// (after the screen shows the change), in order.
enum Out {
    /// An event: its name, its `detail` as JSON and, with `data-layer`, its `dataLayer` object.
    Event(Kind, String, Option<String>),
    /// A browser history entry with these moves (with the `history` attribute).
    Entry(String),
}

/// The widget.
pub struct App {
    session: Session,
    /// Counts the changes; focus and saving follow each one (never the first render: the
    /// widget must not steal focus from the page while it loads).
    seq: u32,
    /// The change `rendered` last carried out.
    handled: Option<u32>,
    /// The visitor said the current result fixed it.
    resolved: bool,
    /// Feedback of the last copy on this screen.
    copied: Option<bool>,
    outbox: Vec<Out>,
    root: yew::NodeRef,
    heading: yew::NodeRef,
    /// The click listener (attached after the first render) and the `popstate` one.
    listeners: Vec<EventListener>,
}

impl App {
    /// Queues an event about the current node, or about what `about` names.
    fn post(&mut self, props: &AppProps, kind: Kind, about: About<'_>) {
        let flow = &props.flow;
        let current = flow.id_of(self.session.current());
        let on_result = matches!(self.session.current(), NodeRef::Result(_));
        let (node, answer, result) = match (kind, about) {
            (_, About::Answered(question, answer)) => (question, Some(answer), None),
            (_, About::Left(result)) => (result, None, Some(result)),
            (Kind::Start | Kind::Restart, About::Current) => (current, None, None),
            (_, About::Current) => (current, None, on_result.then_some(current)),
        };
        let event = Event {
            kind,
            flow: &flow.flow().id,
            node,
            answer,
            result,
            steps: self.session.answer_ids(flow),
        };
        let data_layer = props.config.data_layer.then(|| event.data_layer_json());
        self.outbox
            .push(Out::Event(kind, event.detail_json(), data_layer));
    }

    /// Carries out what `post` and the moves queued, in order.
    fn flush(&mut self, props: &AppProps) {
        for out in std::mem::take(&mut self.outbox) {
            match out {
                Out::Event(kind, detail, data_layer) => {
                    page::emit(&props.host, kind.name(), &detail, data_layer)
                }
                Out::Entry(moves) if props.config.history => page::push_history(&props.key, &moves),
                Out::Entry(_) => {}
            }
        }
    }

    /// Marks a change: the screen re-renders, focus moves, progress is saved.
    fn changed(&mut self) {
        self.seq = self.seq.wrapping_add(1);
        self.resolved = false;
        self.copied = None;
    }

    /// Carries out an act; true when the screen must re-render.
    fn act(&mut self, ctx: &Context<Self>, act: Act) -> bool {
        let props = ctx.props();
        let flow = &props.flow;
        let f = flow.flow();
        let command = match act {
            Act::Answer { question, answer } => {
                // Only the question on screen can be answered (see `Act::Answer`).
                if self.session.current() != NodeRef::Question(question) {
                    return false;
                }
                match f.questions[question].answers.get(answer) {
                    Some(a) => Command::Answer(&a.id),
                    None => return false,
                }
            }
            Act::Back => Command::Back,
            Act::JumpTo(n) => Command::JumpTo(n),
            Act::Restart => Command::Restart,
            Act::NotResolved => Command::NotResolved,
            Act::Resolved => {
                if self.resolved {
                    return false;
                }
                self.changed();
                self.resolved = true;
                self.post(props, Kind::Resolved(true), About::Current);
                return true;
            }
            Act::Copy | Act::Share | Act::Cta => {
                let NodeRef::Result(r) = self.session.current() else {
                    return false;
                };
                self.result_act(ctx, act, r);
                return false;
            }
        };
        let left = self.session.current();
        let mut session = self.session.clone();
        if session.apply(flow, command) != Outcome::Moved {
            return false;
        }
        self.session = session;
        self.changed();
        let at_result = matches!(self.session.current(), NodeRef::Result(_));
        match act {
            Act::Answer { question, answer } => {
                let q = &f.questions[question];
                let answered = About::Answered(&q.id, &q.answers[answer].id);
                self.post(props, Kind::Answer, answered);
                if at_result {
                    self.post(props, Kind::Result, About::Current);
                }
            }
            // "Did not help" is about the result left behind; then the next one is shown.
            Act::NotResolved => {
                self.post(props, Kind::Resolved(false), About::Left(flow.id_of(left)));
                self.post(props, Kind::Result, About::Current);
            }
            Act::Restart => self.post(props, Kind::Restart, About::Current),
            _ => self.post(props, Kind::Back, About::Current),
        }
        let moves = self.session.tokens(flow).join(" ");
        self.outbox.push(Out::Entry(moves));
        true
    }

    /// Copy, share and the call-to-action on result `r`: they change nothing but the feedback.
    fn result_act(&mut self, ctx: &Context<Self>, act: Act, r: usize) {
        let props = ctx.props();
        let flow = &props.flow;
        let result = &flow.flow().results[r];
        let share_link = format!("{}#lld={}:{}", page::page_url(), props.key, result.id);
        let text = match act {
            Act::Copy => plain_text(
                flow,
                r,
                strings(props.config.lang),
                props.platform.audience(),
                &share_link,
            ),
            Act::Share => share_link,
            _ => {
                // Nothing re-renders for it, so it goes out at once.
                self.post(props, Kind::Cta, About::Current);
                self.flush(props);
                return;
            }
        };
        let link = ctx.link().clone();
        let done = Closure::once_into_js(move |ok: bool| link.send_message(Msg::Copied(ok)));
        page::copy(&text, done.unchecked_ref());
    }

    /// Attaches the click listener to the widget's root element: every `data-act` below it.
    fn listen_for_clicks(&mut self, ctx: &Context<Self>) {
        let Some(root) = self.root.cast::<Element>() else {
            return;
        };
        let link = ctx.link().clone();
        self.listeners
            .push(EventListener::new(&root, "click", move |event| {
                let value = event
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .and_then(|t| t.closest("[data-act]").ok().flatten())
                    .and_then(|button| button.get_attribute("data-act"));
                // The `test-panic` build panics in a listener the browser calls, as a real bug
                // would: tests/e2e/panic.test.mjs proves the trap is caught (never in a release).
                #[cfg(feature = "test-panic")]
                if value.as_deref() == Some("panic") {
                    panic!("deliberate panic in a click listener (test-panic build)");
                }
                let act = value.and_then(|value| Act::decode(&value));
                if let Some(act) = act {
                    link.send_message(Msg::Act(act));
                }
            }));
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

/// The result as plain text, for "copy the steps": everything the result screen holds, the
/// collapsed parts too (the other device's route, the notes, the advice), labels in their
/// `[brackets]` as LINE's help writes them, and the link back to this result.
fn plain_text(flow: &ValidFlow, r: usize, t: &Strings, device: Audience, link: &str) -> String {
    let f = flow.flow();
    let result = &f.results[r];
    let mut out = format!("{}\n{}\n", result.title, result.cause);
    let list = |out: &mut String, heading: &str, steps: &mut dyn Iterator<Item = &Step>| {
        out.push_str(&format!("\n{heading}\n"));
        for (i, step) in steps.enumerate() {
            out.push_str(&format!("{}. {}\n", i + 1, step.text));
            if let Some(l) = &step.link {
                out.push_str(&format!("   {} {}\n", l.text, l.href));
            }
        }
    };
    let routes = has_routes(&result.steps);
    let heading = if routes {
        format!("{} {}", t.steps, t.route(device))
    } else {
        t.steps.to_owned()
    };
    list(
        &mut out,
        &heading,
        &mut result.steps.iter().filter(|s| s.is_for(device)),
    );
    if routes {
        let other = device.other();
        list(
            &mut out,
            t.route_other(device),
            &mut result.steps.iter().filter(|s| s.is_for(other)),
        );
    }
    if !result.notes.is_empty() {
        out.push_str(&format!("\n{}\n", t.notes));
        for note in &result.notes {
            out.push_str(&format!("- {note}\n"));
        }
    }
    let tips = result
        .tips
        .iter()
        .filter_map(|id| f.tips.iter().find(|tip| &tip.id == id));
    for (i, tip) in tips.enumerate() {
        if i == 0 {
            out.push_str(&format!("\n{}\n", t.tips));
        }
        list(
            &mut out,
            &tip.title,
            &mut tip.steps.iter().filter(|s| s.is_for(device)),
        );
    }
    out.push_str(&format!("\n{}: {}\n{link}\n", t.checked, result.checked));
    out
}

/// With `history`, every change the visitor makes is a browser history entry, so the back
/// gesture returns through the screens they saw, in order, before it leaves the page. An entry
/// without widget state is the page as it was before: the first question. Entries of another
/// widget on the page are left to it.
fn listen_for_history(ctx: &Context<App>) -> EventListener {
    let props = ctx.props();
    let (flow, key, link) = (props.flow.clone(), props.key.clone(), ctx.link().clone());
    EventListener::new(&gloo::utils::window(), "popstate", move |e| {
        let Some(e) = e.dyn_ref::<web_sys::PopStateEvent>() else {
            return;
        };
        let session = match page::history_moves(&e.state(), &key) {
            page::Entry::Ours(moves) => {
                Session::replay(&flow, moves.split(' ').filter(|t| !t.is_empty()))
            }
            page::Entry::Page => Some(Session::new(&flow)),
            page::Entry::OtherWidget => None,
        };
        if let Some(session) = session {
            link.send_message(Msg::Restore(session));
        }
    })
}

impl Component for App {
    type Message = Msg;
    type Properties = AppProps;

    fn create(ctx: &Context<Self>) -> Self {
        let props = ctx.props();
        let mut app = App {
            session: props.initial.clone(),
            seq: 0,
            handled: None,
            resolved: false,
            copied: None,
            outbox: Vec::new(),
            root: yew::NodeRef::default(),
            heading: yew::NodeRef::default(),
            listeners: Vec::new(),
        };
        if props.config.history {
            app.listeners.push(listen_for_history(ctx));
        }
        app.post(props, Kind::Start, About::Current);
        if let NodeRef::Result(_) = app.session.current() {
            app.post(props, Kind::Result, About::Current);
        }
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Act(act) => self.act(ctx, act),
            Msg::Copied(ok) => {
                self.copied = Some(ok);
                true
            }
            Msg::Restore(restored) => {
                if restored == self.session {
                    return false;
                }
                // An entry the browser went back to is announced as Back; forward, nothing.
                let back = restored.history().len() < self.session.history().len();
                self.session = restored;
                self.changed();
                if back {
                    self.post(ctx.props(), Kind::Back, About::Current);
                }
                true
            }
        }
    }

    fn rendered(&mut self, ctx: &Context<Self>, first_render: bool) {
        if first_render {
            self.listen_for_clicks(ctx);
        }
        let props = ctx.props();
        self.flush(props);
        if self.handled == Some(self.seq) {
            return;
        }
        self.handled = Some(self.seq);
        if self.seq > 0 {
            if let Some(h) = self.heading.cast::<HtmlElement>() {
                let _ = h.focus();
            }
        }
        let flow = &props.flow;
        let moves = self.session.tokens(flow).join(" ");
        page::save(
            &storage_key(flow, &props.key),
            (!self.session.history().is_empty()).then_some(moves),
        );
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let props = ctx.props();
        let config = &props.config;
        let t = strings(config.lang);
        let flow = &props.flow;
        let f = flow.flow();
        let view = View {
            t,
            config,
            heading: &self.heading,
            platform: props.platform,
        };

        let (screen, announcement) = match self.session.current() {
            NodeRef::Question(q) => {
                let asked = self.session.answer_ids(flow).len() + 1;
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
                let question = &f.questions[q];
                let announcement = format!("{progress}: {}", question.text);
                (view.question(q, question, &progress), announcement)
            }
            NodeRef::Result(r) => {
                let result = &f.results[r];
                let tips: Vec<&Tip> = result
                    .tips
                    .iter()
                    .filter_map(|id| f.tips.iter().find(|tip| &tip.id == id))
                    .collect();
                let state = ResultState {
                    has_next: flow.next_result(r).is_some(),
                    after_no: matches!(
                        self.session.history().last(),
                        Some(Move::Unresolved { .. })
                    ),
                    resolved: self.resolved,
                    copied: self.copied,
                    cta_href: config.cta_link(&result.id),
                };
                (
                    view.result(result, &tips, &state),
                    format!("{}: {}", t.result, result.title),
                )
            }
        };

        html! {
            <section class="lld" ref={self.root.clone()} data-theme={config.theme.name()} lang={config.lang.tag()} aria-label={f.title.clone()}>
                <p class="title">{ &f.title }</p>
                // Back and Restart above the screen: at hand even under a long result.
                { view.nav(self.session.at_start(flow)) }
                { screen }
                { view.trail(flow, &self.session) }
                <p class="sr-only" aria-live="polite" aria-atomic="true">
                    { if self.seq > 0 { announcement } else { String::new() } }
                </p>
            </section>
        }
    }
}
