//! The screens: one question, one result, the navigation and the trail of answers. They only
//! render props and send `Action`s; none of them knows how the flow is walked.

use std::rc::Rc;

use yew::prelude::*;

use super::app::Action;
use super::rich::rich;
use super::strings::{date, strings, Strings};
use crate::config::Config;
use crate::flow::engine::{Move, Session};
use crate::flow::model::{Place, Question, ResultNode, Step, Tip};
use crate::flow::validate::ValidFlow;

/// The element's configuration, provided once by `App`.
#[hook]
pub fn use_config() -> Rc<Config> {
    use_context::<Rc<Config>>().unwrap_or_default()
}

#[derive(Properties, PartialEq)]
pub struct QuestionProps {
    pub question: Question,
    pub progress: String,
    pub heading: NodeRef,
    pub on: Callback<Action>,
}

/// One question: progress, heading, help, answer buttons.
#[function_component(QuestionScreen)]
pub fn question_screen(p: &QuestionProps) -> Html {
    let answers = p.question.answers.iter().map(|a| {
        let on = p.on.clone();
        let id = a.id.clone();
        html! {
            <li>
                <button type="button" part="answer" class="answer" data-testid={format!("answer-{}", a.id)}
                    onclick={move |_| on.emit(Action::Answer(id.clone()))}>
                    { rich(&a.text) }
                </button>
            </li>
        }
    });
    html! {
        <div class="screen" data-testid="question" data-node={p.question.id.clone()}>
            <p part="progress" class="progress">{ &p.progress }</p>
            <h2 part="question" class="question" tabindex="-1" ref={p.heading.clone()}>{ rich(&p.question.text) }</h2>
            if let Some(help) = &p.question.help {
                <p class="help">{ rich(help) }</p>
            }
            <ul class="answers">{ for answers }</ul>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ResultProps {
    pub result: ResultNode,
    pub tips: Vec<Tip>,
    pub has_next: bool,
    pub came_from_unresolved: bool,
    pub resolved: bool,
    pub heading: NodeRef,
    pub on: Callback<Action>,
}

fn steps(t: &Strings, steps: &[Step], part: Option<&'static str>) -> Html {
    let items = steps.iter().map(|s| {
        let place = s.on.map(|on| match on {
            Place::LineApp => t.on_line_app,
            Place::Browser => t.on_browser,
        });
        html! {
            <li part={part} class="step">
                if let Some(place) = place {
                    <span class="place">{ place }</span>
                }
                <span class="step-text">{ rich(&s.text) }</span>
                if let Some(link) = &s.link {
                    <a class="link" href={link.href.clone()} target="_blank" rel="noopener noreferrer">
                        { &link.text }<span class="sr-only">{ t.new_window }</span>
                    </a>
                }
            </li>
        }
    });
    html! { <ol class="steps">{ for items }</ol> }
}

/// One result: title, cause, numbered steps, notes, "did it fix it?", tips, date, CTA.
#[function_component(ResultScreen)]
pub fn result_screen(p: &ResultProps) -> Html {
    let config = use_config();
    let t = strings(config.lang);
    let r = &p.result;
    let yes = {
        let on = p.on.clone();
        move |_| on.emit(Action::Resolved)
    };
    let no = {
        let on = p.on.clone();
        move |_| on.emit(Action::NotResolved)
    };
    let cta = config.cta_href.as_ref().map(|href| {
        let label = config
            .cta_label
            .clone()
            .unwrap_or_else(|| t.cta_default.to_owned());
        html! { <a part="cta" class="cta" href={href.clone()}>{ label }</a> }
    });
    // At the end of the line ("no" with no further cause), the CTA is framed as help.
    let end_of_line = !p.has_next;
    html! {
        <div part="result" class="screen result" data-testid="result" data-node={r.id.clone()}>
            <p class="progress">{ t.result }</p>
            if p.came_from_unresolved {
                <p class="next-cause">{ t.next_cause }</p>
            }
            <h2 part="result-title" class="question" tabindex="-1" ref={p.heading.clone()}>{ rich(&r.title) }</h2>
            <p class="cause">{ rich(&r.cause) }</p>
            <h3 class="sub">{ t.steps }</h3>
            { steps(t, &r.steps, Some("step")) }
            if !r.notes.is_empty() {
                <div class="notes">
                    <h3 class="sub">{ t.notes }</h3>
                    <ul>{ for r.notes.iter().map(|n| html! { <li>{ rich(n) }</li> }) }</ul>
                </div>
            }
            <div class="resolved" role="group" aria-label={t.resolved_q}>
                if p.resolved {
                    <p class="thanks">{ t.thanks }</p>
                } else {
                    <p class="resolved-q">{ t.resolved_q }</p>
                    <div class="resolved-buttons">
                        <button type="button" part="resolved-yes" class="secondary" onclick={yes}>{ t.yes }</button>
                        if p.has_next {
                            <button type="button" part="resolved-no" class="secondary" onclick={no}>{ t.no }</button>
                        }
                    </div>
                    if end_of_line {
                        <p class="end-of-line">{ t.end_of_line }</p>
                    }
                }
            </div>
            if let Some(cta) = cta { <p class="cta-row">{ cta }</p> }
            if !p.tips.is_empty() {
                <div class="tips">
                    <h3 class="sub">{ t.tips }</h3>
                    { for p.tips.iter().map(|tip| html! {
                        <section class="tip" data-tip={tip.id.clone()}>
                            <h4>{ rich(&tip.title) }</h4>
                            { steps(t, &tip.steps, None) }
                        </section>
                    }) }
                </div>
            }
            <p class="checked">{ t.checked }{ ": " }<time datetime={r.checked.clone()}>{ date(config.lang, &r.checked) }</time></p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct NavProps {
    pub at_start: bool,
    pub on: Callback<Action>,
}

/// Back and Restart, shown once there is something to go back to.
#[function_component(Nav)]
pub fn nav(p: &NavProps) -> Html {
    // Hooks first: a hook after an early return would be called conditionally.
    let t = strings(use_config().lang);
    if p.at_start {
        return html! {};
    }
    let back = {
        let on = p.on.clone();
        move |_| on.emit(Action::Back)
    };
    let restart = {
        let on = p.on.clone();
        move |_| on.emit(Action::Restart)
    };
    html! {
        <div class="nav">
            <button type="button" part="back" class="secondary" onclick={back}>{ "‹ " }{ t.back }</button>
            <button type="button" part="restart" class="secondary" onclick={restart}>{ t.restart }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TrailProps {
    pub flow: Rc<ValidFlow>,
    pub session: Session,
    pub on: Callback<Action>,
}

/// The answers given so far; each one returns to its question.
#[function_component(Trail)]
pub fn trail(p: &TrailProps) -> Html {
    let t = strings(use_config().lang);
    if p.session.history().is_empty() {
        return html! {};
    }
    let f = p.flow.flow();
    let items = p.session.history().iter().enumerate().map(|(i, m)| {
        let (asked, answered) = match *m {
            Move::Answered { question, answer } => {
                let q = &f.questions[question];
                (q.text.clone(), q.answers[answer].text.clone())
            }
            Move::Unresolved { result } => (
                f.results[result].title.clone(),
                t.not_resolved_trail.to_owned(),
            ),
        };
        let on = p.on.clone();
        html! {
            <li>
                <button type="button" class="trail-item" title={t.trail_return}
                    onclick={move |_| on.emit(Action::JumpTo(i))}>
                    <span class="trail-q">{ rich(&asked) }</span>
                    <span class="trail-a">{ rich(&answered) }</span>
                </button>
            </li>
        }
    });
    html! {
        <nav part="trail" class="trail" aria-label={t.trail}>
            <h3 class="sub">{ t.trail }</h3>
            <ol>{ for items }</ol>
        </nav>
    }
}
