//! The root component: plumbing between the page and `lld_core::state`. A visitor's click
//! arrives as an [`Act`] (every button names one in `data-act`, read by one click listener per
//! widget on the widget's own root element), the browser's back gesture as a restored session,
//! the clipboard's answer as a message; each becomes an [`Input`] to [`State::apply`], which
//! says whether the screen changes and what the page must see. The component renders the state
//! and performs those effects — after the render when the screen changes (the focus moves to the
//! new heading, events describe what is now shown), at once otherwise. It decides nothing.
//!
//! Yew itself registers no event listener for this widget (there is no `onclick` in any view):
//! Yew 0.23 never removes its own, so each mount would leak one. The two listeners here (clicks,
//! and `popstate` with the `history` attribute) are `page.js`'s, which catches a trap where the
//! browser calls in; the component owns their handlers and removes both when it is destroyed.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use super::page;
use super::screens::{ResultState, View};
use lld_core::act::Act;
use lld_core::config::Config;
use lld_core::events::Visit;
use lld_core::flow::engine::Session;
use lld_core::flow::model::{Audience, Tip};
use lld_core::flow::valid::{NodeRef, ValidFlow};
use lld_core::platform::Platform;
use lld_core::progress::{self, Entry};
use lld_core::state::{Effect, Env, Input, State};
use lld_core::texts::{fill, texts};

/// What the root component needs.
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The validated flow.
    pub flow: Rc<ValidFlow>,
    /// The element's configuration.
    pub config: Rc<Config>,
    /// The `<line-login-diagnosis>` element (events are dispatched on it).
    pub host: HtmlElement,
    /// Where the widget starts: a new session, restored progress or a linked result.
    pub initial: Session,
    /// How the visit began (`entry` of `lld:start`).
    pub entry: Entry,
    /// Names this widget among several on a page: share links and saved progress use it.
    pub key: Rc<str>,
    /// The visitor's device.
    pub platform: Platform,
    /// The flow file's version (`lld_core::flow::compiled::version`), on every event.
    pub version: Rc<str>,
}

/// What `page.js` calls on a history navigation: the entry's widget key and moves.
type HistoryHandler = dyn Fn(Option<String>, Option<String>);

/// The widget.
pub struct App {
    state: State,
    /// Effects of the last change, performed once the screen shows it.
    outbox: Vec<Effect>,
    /// The sessionStorage key of this widget's progress.
    storage: String,
    root: yew::NodeRef,
    heading: yew::NodeRef,
    /// The click listener's handler (attached after the first render), the visibility one's and
    /// the `popstate` one's, called by `page.js`; and the functions that remove the listeners.
    handlers: Vec<Closure<dyn Fn(String)>>,
    history_handler: Option<Closure<HistoryHandler>>,
    removers: Vec<js_sys::Function>,
}

impl App {
    /// Carries out effects, in order.
    fn perform(&mut self, ctx: &Context<Self>, effects: impl IntoIterator<Item = Effect>) {
        let props = ctx.props();
        for effect in effects {
            match effect {
                Effect::Emit {
                    kind,
                    detail,
                    layer,
                } => page::emit(
                    &props.host,
                    kind.name(),
                    &detail,
                    props.config.data_layer.then_some(layer),
                ),
                Effect::Entry(moves) if props.config.history => {
                    page::push_history(&props.key, &moves)
                }
                Effect::Entry(_) => {}
                Effect::Focus => {
                    if let Some(h) = self.heading.cast::<HtmlElement>() {
                        let _ = h.focus();
                    }
                }
                Effect::Save(progress) => page::save(&self.storage, progress),
                Effect::Copy(text) => {
                    let link = ctx.link().clone();
                    let done =
                        Closure::once_into_js(move |ok: bool| link.send_message(Input::Copied(ok)));
                    page::copy(&text, done.unchecked_ref());
                }
            }
        }
    }

    /// Attaches the click listener to the widget's root element: every `data-act` below it.
    fn listen_for_clicks(&mut self, ctx: &Context<Self>) {
        let Some(root) = self.root.cast::<Element>() else {
            return;
        };
        let link = ctx.link().clone();
        let handler = Closure::<dyn Fn(String)>::new(move |value: String| {
            // The `test-panic` build panics in a listener the browser calls, as a real bug
            // would: tests/e2e/panic.test.mjs proves the trap is caught (never in a release).
            #[cfg(feature = "test-panic")]
            if value == "panic" {
                panic!("deliberate panic in a click listener (test-panic build)");
            }
            if let Some(act) = Act::decode(&value) {
                link.send_message(Input::Act(act));
            }
        });
        self.removers
            .push(page::on_act(&root, handler.as_ref().unchecked_ref()));
        self.handlers.push(handler);
    }

    /// `lld:view` once the widget is on the visitor's screen (`page.js`'s IntersectionObserver).
    fn listen_for_visibility(&mut self, ctx: &Context<Self>) {
        let link = ctx.link().clone();
        // The click handler's signature (its argument unused): no second closure type in the
        // wasm and its glue.
        let handler =
            Closure::<dyn Fn(String)>::new(move |_: String| link.send_message(Input::Seen));
        self.removers.push(page::on_visible(
            &ctx.props().host,
            handler.as_ref().unchecked_ref(),
        ));
        self.handlers.push(handler);
    }

    /// With `history`, every change the visitor makes is a browser history entry, so the back
    /// gesture returns through the screens they saw, in order, before it leaves the page. An
    /// entry without widget state is the page as it was before: the first question. Entries of
    /// another widget on the page are left to it.
    fn listen_for_history(&mut self, ctx: &Context<Self>) {
        let props = ctx.props();
        let (flow, key, link) = (props.flow.clone(), props.key.clone(), ctx.link().clone());
        let handler =
            Closure::<HistoryHandler>::new(move |owner: Option<String>, moves: Option<String>| {
                let session = match page::history_entry(owner, moves, &key) {
                    page::Entry::Ours(moves) => progress::decode(&flow, &moves),
                    page::Entry::Page => Some(Session::new(&flow)),
                    page::Entry::OtherWidget => None,
                };
                if let Some(session) = session {
                    link.send_message(Input::Restore(session));
                }
            });
        self.removers
            .push(page::on_history(handler.as_ref().unchecked_ref()));
        self.history_handler = Some(handler);
    }
}

impl Component for App {
    type Message = Input;
    type Properties = AppProps;

    fn create(ctx: &Context<Self>) -> Self {
        let props = ctx.props();
        let visit = Visit {
            version: props.version.to_string(),
            session: page::random_id(),
            device: match props.platform.audience() {
                Audience::Phone => "phone",
                Audience::Desktop => "desktop",
            },
            in_app: props.platform.in_line_app,
            lang: props.config.lang.tag(),
        };
        let (state, effects) = State::start(&props.flow, props.initial.clone(), props.entry, visit);
        let mut app = App {
            state,
            outbox: effects,
            storage: progress::storage_key(&props.flow, &props.key),
            root: yew::NodeRef::default(),
            heading: yew::NodeRef::default(),
            handlers: Vec::new(),
            history_handler: None,
            removers: Vec::new(),
        };
        if props.config.history {
            app.listen_for_history(ctx);
        }
        app
    }

    fn update(&mut self, ctx: &Context<Self>, input: Input) -> bool {
        let props = ctx.props();
        let page = page::page_url();
        let env = Env {
            key: &props.key,
            page: &page,
            texts: texts(props.config.lang),
            device: props.platform.audience(),
        };
        let applied = self.state.apply(&props.flow, &env, input);
        if applied.render {
            self.outbox.extend(applied.effects);
        } else {
            self.perform(ctx, applied.effects);
        }
        applied.render
    }

    fn destroy(&mut self, _ctx: &Context<Self>) {
        for remove in self.removers.drain(..) {
            let _ = remove.call0(&JsValue::NULL);
        }
    }

    fn rendered(&mut self, ctx: &Context<Self>, first_render: bool) {
        if first_render {
            self.listen_for_clicks(ctx);
        }
        let effects = std::mem::take(&mut self.outbox);
        self.perform(ctx, effects);
        // After lld:start and the first screen's event: lld:view comes after them.
        if first_render {
            self.listen_for_visibility(ctx);
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let props = ctx.props();
        let config = &props.config;
        let t = texts(config.lang);
        let flow = &props.flow;
        let f = flow.flow();
        let session = self.state.session();
        let view = View {
            t,
            config,
            heading: &self.heading,
            platform: props.platform,
        };

        let (screen, announcement) = match session.current() {
            NodeRef::Question(q) => {
                let asked = session.answer_ids(flow).len() + 1;
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
                    after_no: progress::after_not_resolved(session),
                    resolved: self.state.resolved(),
                    copied: self.state.copied(),
                    cta_href: config.cta_link(&result.id),
                    send_line_href: progress::line_share_href(
                        &page::page_url(),
                        &props.key,
                        &result.id,
                        &result.title,
                    ),
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
                { view.nav(session.at_start(flow)) }
                { screen }
                { view.trail(flow, session) }
                // Each new screen is announced; the first one is read in the page's order.
                <p class="sr-only" aria-live="polite" aria-atomic="true">
                    { if self.state.moved() { announcement } else { String::new() } }
                </p>
            </section>
        }
    }
}
