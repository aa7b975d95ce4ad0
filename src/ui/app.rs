//! The root component: a reducer that adapts the engine, plus the effects that must happen
//! after a move (focus on the new heading, the polite announcement).

use std::rc::Rc;

use web_sys::HtmlElement;
use yew::prelude::*;

use super::screens::View;
use super::strings::{fill, strings};
use crate::config::Config;
use crate::flow::engine::{Command, Move, Outcome, Session};
use crate::flow::model::Tip;
use crate::flow::validate::{NodeRef, ValidFlow};

/// What the root component needs: the flow, the config and the host element (for events).
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The validated flow.
    pub flow: Rc<ValidFlow>,
    /// The element's configuration.
    pub config: Rc<Config>,
    /// The `<line-login-diagnosis>` element.
    pub host: HtmlElement,
}

/// What the visitor did.
pub enum Action {
    Answer(String),
    Back,
    Restart,
    JumpTo(usize),
    NotResolved,
    Resolved,
}

/// The whole UI state: the engine's session plus what only the screen needs.
#[derive(Clone, PartialEq)]
pub struct State {
    flow: Rc<ValidFlow>,
    session: Session,
    /// How many moves so far: the focus effect runs when it changes (not on the first render,
    /// so the widget never steals focus from the page while it loads).
    moves: u32,
    /// The visitor said the current result fixed it.
    resolved: bool,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut session = self.session.clone();
        let command = match &action {
            Action::Answer(id) => Command::Answer(id),
            Action::Back => Command::Back,
            Action::Restart => Command::Restart,
            Action::JumpTo(n) => Command::JumpTo(*n),
            Action::NotResolved => Command::NotResolved,
            Action::Resolved => {
                return Rc::new(State {
                    resolved: true,
                    ..(*self).clone()
                })
            }
        };
        if session.apply(&self.flow, command) != Outcome::Moved {
            // Same Rc: Yew skips the re-render.
            return self;
        }
        Rc::new(State {
            flow: self.flow.clone(),
            session,
            moves: self.moves.wrapping_add(1),
            resolved: false,
        })
    }
}

/// The widget.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let flow = props.flow.clone();
    let state = use_reducer(|| State {
        session: Session::new(&flow),
        flow,
        moves: 0,
        resolved: false,
    });
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with(state.moves, move |moves| {
            if *moves > 0 {
                if let Some(h) = heading.cast::<HtmlElement>() {
                    let _ = h.focus();
                }
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
            (
                view.result(
                    result,
                    &tips,
                    flow.next_result(r).is_some(),
                    after_no,
                    state.resolved,
                ),
                format!("{}: {}", t.result, result.title),
            )
        }
    };

    html! {
        <section class="lld" data-theme={config.theme.name()} lang={config.lang.tag()} aria-label={flow.flow().title.clone()}>
            <p class="title">{ &flow.flow().title }</p>
            { screen }
            { view.nav(state.session.at_start(flow)) }
            { view.trail(flow, &state.session) }
            <p class="sr-only" aria-live="polite" aria-atomic="true">
                { if state.moves > 0 { announcement } else { String::new() } }
            </p>
        </section>
    }
}
