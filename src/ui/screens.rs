//! The screens: one question, one result, the navigation and the trail of answers.
//!
//! Plain view functions over borrowed data, not components: the widget shows one screen at a
//! time and re-renders it whole on each move, so component boundaries would buy nothing and
//! each one costs wasm size (props, comparisons, hook plumbing). They only render; each button
//! names what it asks for in `data-act` (see `lld_core::act`), and none of them knows how the flow
//! is walked.

use yew::prelude::*;

use super::rich::rich;
use lld_core::act::Act;
use lld_core::config::{with_query, Config};
use lld_core::flow::engine::{Move, Session};
use lld_core::flow::model::{has_routes, Place, Question, ResultNode, Step, Tip};
use lld_core::flow::valid::ValidFlow;
use lld_core::platform::Platform;
use lld_core::texts::{date, Texts};

/// What every view needs: the texts, the config, the device, and the heading to focus.
pub struct View<'a> {
    pub t: &'static Texts,
    pub config: &'a Config,
    pub heading: &'a NodeRef,
    pub platform: Platform,
}

/// The result screen's state beyond the result itself.
pub struct ResultState {
    /// A next most likely cause exists ("did not help" leads somewhere).
    pub has_next: bool,
    /// This result was reached by "did not help".
    pub after_no: bool,
    /// The visitor said it fixed it.
    pub resolved: bool,
    /// Feedback of the last copy.
    pub copied: Option<bool>,
    /// The call-to-action's link carrying the result, if configured.
    pub cta_href: Option<String>,
    /// LINE's share screen with this result's share link (`progress::line_share_href`).
    pub send_line_href: String,
}

impl View<'_> {
    /// A secondary button asking for `act`.
    fn button(&self, part: &'static str, label: Html, act: Act) -> Html {
        html! {
            <button type="button" {part} class="secondary" data-act={act.encode()}>{ label }</button>
        }
    }

    /// One question (`questions[index]`): progress, heading, help, answer buttons.
    pub fn question(&self, index: usize, q: &Question, progress: &str) -> Html {
        let answers = q.answers.iter().enumerate().map(|(i, a)| {
            let act = Act::Answer {
                question: index,
                answer: i,
            };
            html! {
                <li>
                    <button type="button" part="answer" class="answer" data-testid={format!("answer-{}", a.id)}
                        data-act={act.encode()}>
                        { rich(&a.text) }
                    </button>
                </li>
            }
        });
        html! {
            <div class="screen" data-testid="question" data-node={q.id.clone()}>
                <p part="progress" class="progress">{ progress }</p>
                <h2 part="question" class="question" tabindex="-1" ref={self.heading.clone()}>{ rich(&q.text) }</h2>
                if let Some(help) = &q.help {
                    <p class="help">{ rich(help) }</p>
                }
                <ul class="answers">{ for answers }</ul>
            </div>
        }
    }

    /// A numbered list of steps. Inside LINE's in-app browser, links for browser steps ask LINE
    /// to open them in the phone's regular browser (`openExternalBrowser=1`, LINE's documented
    /// URL parameter); elsewhere they are left as written.
    /// `part` names the steps of a result (`step`, a public part); a tip's steps have none.
    fn steps<'s>(
        &self,
        steps: impl Iterator<Item = &'s Step>,
        part: Option<&'static str>,
        testid: &'static str,
    ) -> Html {
        let t = self.t;
        // On a computer, LINE app steps happen on the phone: say so plainly.
        let line_app = if self.platform.is_mobile() {
            t.on_line_app_here
        } else {
            t.on_line_app
        };
        let items = steps.map(|s| {
            let place = s.on.map(|on| match on {
                Place::LineApp => line_app,
                Place::Browser => t.on_browser,
            });
            let href = |href: &str| {
                if self.platform.in_line_app && s.on == Some(Place::Browser) {
                    with_query(href, &[("openExternalBrowser", "1")])
                } else {
                    href.to_owned()
                }
            };
            html! {
                <li part={part} class="step">
                    if let Some(place) = place {
                        <span class="place">{ place }</span>
                    }
                    <span class="step-text">{ rich(&s.text) }</span>
                    if let Some(link) = &s.link {
                        <a class="link" href={href(&link.href)} target="_blank" rel="noopener noreferrer">
                            { &link.text }<span class="sr-only">{ t.new_window }</span>
                        </a>
                    }
                </li>
            }
        });
        html! { <ol class="steps" data-testid={testid}>{ for items }</ol> }
    }

    /// One result: the cause, the visitor's steps (the other device's route collapsed), "did it
    /// fix it?" and the call-to-action first — what a stressed visitor needs on a phone — then
    /// the notes and the prevention tips, collapsed under their headings, copy and share, and
    /// the date of the check.
    pub fn result(&self, r: &ResultNode, tips: &[&Tip], a: &ResultState) -> Html {
        let t = self.t;
        let (has_next, after_no, resolved) = (a.has_next, a.after_no, a.resolved);
        let device = self.platform.audience();
        let routes = has_routes(&r.steps);
        let cta = a.cta_href.as_ref().map(|href| {
            let label = self.config.cta_label.as_deref().unwrap_or(t.cta_default);
            html! { <a part="cta" class="cta" href={href.clone()} data-act={Act::Cta.encode()}>{ label }</a> }
        });
        // Inside LINE's in-app browser, pages such as the admin page may need the real browser.
        let in_app_hint =
            self.platform.in_line_app && r.steps.iter().any(|s| s.on == Some(Place::Browser));
        html! {
            <div part="result" class="screen result" data-testid="result" data-node={r.id.clone()}>
                <p class="progress">{ t.result }</p>
                if after_no {
                    <p class="next-cause">{ t.next_cause }</p>
                }
                <h2 part="result-title" class="question" tabindex="-1" ref={self.heading.clone()}>{ rich(&r.title) }</h2>
                <p class="cause">{ rich(&r.cause) }</p>
                <h3 class="sub">{ t.steps }</h3>
                if routes {
                    <p class="route">{ t.route(device) }</p>
                }
                if in_app_hint {
                    <p class="in-app" role="note">{ t.in_line_app }</p>
                }
                { self.steps(r.steps.iter().filter(|s| s.is_for(device)), Some("step"), "steps") }
                if routes {
                    <details class="more other-route" data-testid="other-route">
                        <summary>{ t.route_other(device) }</summary>
                        { self.steps(r.steps.iter().filter(|s| s.is_for(device.other())), Some("step"), "other-steps") }
                    </details>
                }
                <div class="resolved" role="group" aria-label={t.resolved_q}>
                    if resolved {
                        <p class="thanks">{ t.thanks }</p>
                    } else {
                        <p class="resolved-q">{ t.resolved_q }</p>
                        <div class="resolved-buttons">
                            { self.button("resolved-yes", html! { t.yes }, Act::Resolved) }
                            if has_next {
                                { self.button("resolved-no", html! { t.no }, Act::NotResolved) }
                            }
                        </div>
                        // At the end of the line, the call-to-action is framed as help.
                        if !has_next {
                            <p class="end-of-line">{ t.end_of_line }</p>
                        }
                    }
                </div>
                if let Some(cta) = cta { <p class="cta-row">{ cta }</p> }
                if !r.notes.is_empty() {
                    <details class="more notes" data-testid="notes">
                        <summary>{ t.notes }</summary>
                        <ul>{ for r.notes.iter().map(|n| html! { <li>{ rich(n) }</li> }) }</ul>
                    </details>
                }
                if !tips.is_empty() {
                    // "Yes, it's fixed" points at the advice: it opens.
                    <details class="more tips" data-testid="tips" open={resolved}>
                        <summary>{ t.tips }</summary>
                        { for tips.iter().map(|tip| html! {
                            <section class="tip" data-tip={tip.id.clone()}>
                                <h4>{ rich(&tip.title) }</h4>
                                { self.steps(tip.steps.iter().filter(|s| s.is_for(device)), None, "tip-steps") }
                            </section>
                        }) }
                    </details>
                }
                <div class="share-row">
                    { self.button("copy", html! { t.copy }, Act::Copy) }
                    { self.button("share", html! { t.share }, Act::Share) }
                    <a part="send-line" class="secondary send-line" href={a.send_line_href.clone()}
                        target="_blank" rel="noopener noreferrer">
                        { t.send_line }<span class="sr-only">{ t.new_window }</span>
                    </a>
                    <p class="copied" role="status">
                        { match a.copied { Some(true) => t.copied, Some(false) => t.copy_failed, None => "" } }
                    </p>
                </div>
                <p class="checked">{ t.checked }{ ": " }<time datetime={r.checked.clone()}>{ date(self.config.lang, &r.checked) }</time></p>
            </div>
        }
    }

    /// Back and Restart, once there is something to go back to.
    pub fn nav(&self, at_start: bool) -> Html {
        if at_start {
            return html! {};
        }
        html! {
            <div class="nav">
                { self.button("back", html! { <>{ "‹ " }{ self.t.back }</> }, Act::Back) }
                { self.button("restart", html! { self.t.restart }, Act::Restart) }
            </div>
        }
    }

    /// The answers given so far; each one returns to its question.
    pub fn trail(&self, flow: &ValidFlow, session: &Session) -> Html {
        if session.history().is_empty() {
            return html! {};
        }
        let t = self.t;
        let f = flow.flow();
        let items = session.history().iter().enumerate().map(|(i, m)| {
            let (asked, answered) = match *m {
                Move::Answered { question, answer } => {
                    let q = &f.questions[question];
                    (q.text.as_str(), q.answers[answer].text.as_str())
                }
                Move::Unresolved { result } => {
                    (f.results[result].title.as_str(), t.not_resolved_trail)
                }
            };
            html! {
                <li>
                    <button type="button" class="trail-item" title={t.trail_return}
                        data-act={Act::JumpTo(i).encode()}>
                        <span class="trail-q">{ rich(asked) }</span>
                        <span class="trail-a">{ rich(answered) }</span>
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
}
