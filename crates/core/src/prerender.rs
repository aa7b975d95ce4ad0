//! The diagnosis as plain HTML, written by the build into the snippets and the demo page
//! (`prerender` in crates/checker, scripts/post-build.mjs), so that a page shows the first
//! question before any script runs and every result without JavaScript at all:
//!
//! - [`first_screen`]: the start question with the element structure, classes and `part`s the
//!   widget renders for it (`src/ui/app.rs`, `src/ui/screens.rs`), so the widget can replace it
//!   without moving anything. Each answer is a link (`a.answer`) to that answer's target in the
//!   index, carrying the `data-act` of the widget's button, so `embed.js` can replay a tap made
//!   before the widget is ready.
//! - [`index`]: every question (its answers as links) and every result (title, cause, numbered
//!   steps with their links, notes, the next cause) under the id `lld-n-<node id>`: the content
//!   for a visitor with scripts blocked, a crawler reading the raw HTML and reader modes.
//!
//! Flow texts are never HTML: every text goes through [`escape`]; `[labels]` become the same
//! label chips as in the widget. Pure Rust, tested natively; nothing here runs in a browser.

use crate::act::Act;
use crate::config::Lang;
use crate::flow::model::{segments, Audience, Place, Segment, Step};
use crate::flow::valid::{NodeRef, ValidFlow};
use crate::texts::{fill, texts, Texts};

/// The id prefix of the index's entries: `lld-n-<node id>`.
pub const ANCHOR_PREFIX: &str = "lld-n-";

/// Escapes a text for an HTML text node or a double-quoted attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One flow text as the widget shows it (`src/ui/rich.rs`): text, `[labels]` as label chips, the
/// `>` between two labels as `›`. Escaped.
pub fn rich(text: &str) -> String {
    let parts = segments(text);
    let is_label = |i: usize| matches!(parts.get(i), Some(Segment::Label(_)));
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        match *part {
            Segment::Label(label) => {
                out.push_str(r#"<span part="label" class="label">"#);
                out.push_str(&escape(label));
                out.push_str("</span>");
            }
            Segment::Text(t) if t.trim() == ">" && i > 0 && is_label(i - 1) && is_label(i + 1) => {
                out.push_str(r#"<span class="sep"> › </span>"#);
            }
            Segment::Text(t) => out.push_str(&escape(t)),
        }
    }
    out
}

/// The `href` of a node's entry in the index.
fn anchor(id: &str) -> String {
    format!("#{ANCHOR_PREFIX}{}", escape(id))
}

/// The widget's first screen for a new visit (no saved progress, no link, no `start`), in the
/// light theme: what `App::view` renders for the start question, answers as links. Its root
/// is `.root.pre`, as the widget's is when it takes this screen over (`src/embed.rs`): such a
/// screen does not fade in (`styles/widget.css`), so neither the first paint nor the takeover
/// shows anything but the question.
pub fn first_screen(flow: &ValidFlow, lang: Lang) -> String {
    format!(
        r#"<div class="root pre">{}</div>"#,
        question_section(flow, lang, flow.start(), None)
    )
}

/// The screens after one answer of the start question that leads to another question, as the
/// widget renders them (Back and Restart, the question, the trail with that answer, the
/// announcement), each with the `data-act` of the answer that leads there: `embed.js` shows one
/// at once when that answer is tapped before the widget is ready, and the widget, replaying the
/// tap, renders the same screen over it. The inner markup of `.root`, like `first_screen`'s.
pub fn answered_screens(flow: &ValidFlow, lang: Lang) -> Vec<(String, String)> {
    let start = flow.start();
    let f = flow.flow();
    (0..f.questions[start].answers.len())
        .filter_map(|answer| match flow.target(start, answer)? {
            NodeRef::Question(next) => Some((
                Act::Answer {
                    question: start,
                    answer,
                }
                .encode(),
                question_section(flow, lang, next, Some(answer)),
            )),
            NodeRef::Result(_) => None,
        })
        .collect()
}

/// `section.lld` with question `q`: the first (`after` = None) or the one reached by answer
/// `after` of the start question.
fn question_section(flow: &ValidFlow, lang: Lang, q_index: usize, after: Option<usize>) -> String {
    let t = texts(lang);
    let f = flow.flow();
    let q = &f.questions[q_index];
    let left = flow.questions_left(q_index).saturating_sub(1);
    let progress = format!(
        "{} · {}",
        fill(t.question_n, if after.is_some() { 2 } else { 1 }),
        if left == 0 {
            t.last_question.to_owned()
        } else {
            fill(t.more_at_most, left)
        }
    );
    let mut out = String::new();
    out.push_str(&format!(
        r#"<section class="lld" data-theme="light" lang="{}" aria-label="{}"><p class="title">{}</p>"#,
        lang.tag(),
        escape(&f.title),
        escape(&f.title)
    ));
    if after.is_some() {
        out.push_str(&format!(
            r#"<div class="nav"><button type="button" part="back" class="secondary" data-act="{}">‹ {}</button><button type="button" part="restart" class="secondary" data-act="{}">{}</button></div>"#,
            Act::Back.encode(),
            escape(t.back),
            Act::Restart.encode(),
            escape(t.restart)
        ));
    }
    out.push_str(&format!(
        r#"<div class="screen" data-testid="question" data-node="{}"><p part="progress" class="progress">{}</p><h2 part="question" class="question" tabindex="-1">{}</h2>"#,
        escape(&q.id),
        escape(&progress),
        rich(&q.text)
    ));
    if let Some(help) = &q.help {
        out.push_str(&format!(r#"<p class="help">{}</p>"#, rich(help)));
    }
    out.push_str(r#"<ul class="answers">"#);
    for (i, a) in q.answers.iter().enumerate() {
        let act = Act::Answer {
            question: q_index,
            answer: i,
        };
        out.push_str(&format!(
            r#"<li><a part="answer" class="answer" data-testid="answer-{}" data-act="{}" href="{}">{}</a></li>"#,
            escape(&a.id),
            act.encode(),
            anchor(&a.next),
            rich(&a.text)
        ));
    }
    out.push_str("</ul></div>");
    let mut announcement = String::new();
    if let Some(answer) = after {
        let first = &f.questions[flow.start()];
        out.push_str(&format!(
            r#"<nav part="trail" class="trail" aria-label="{trail}"><h3 class="sub">{trail}</h3><ol><li><button type="button" class="trail-item" title="{}" data-act="{}"><span class="trail-q">{}</span><span class="trail-a">{}</span></button></li></ol></nav>"#,
            escape(t.trail_return),
            Act::JumpTo(0).encode(),
            rich(&first.text),
            rich(&first.answers[answer].text),
            trail = escape(t.trail),
        ));
        // What the widget announces on a move (`App::view`): the progress and the question.
        announcement = escape(&format!("{progress}: {}", q.text));
    }
    out.push_str(&format!(
        r#"<p class="sr-only" aria-live="polite" aria-atomic="true">{announcement}</p></section>"#
    ));
    out
}

/// Every question and every result as plain HTML, in the flow's order (questions first), each
/// a `<section id="lld-n-<node id>">`. Placed in the element's light DOM, one section per child
/// (the first screen's styles show them by `::slotted`, which sees children only); the page's
/// own styles apply to them.
pub fn index(flow: &ValidFlow, lang: Lang) -> String {
    let t = texts(lang);
    let f = flow.flow();
    let mut out = String::new();
    for q in &f.questions {
        out.push_str(&format!(
            r#"<section id="{ANCHOR_PREFIX}{}" lang="{}"><h3>{}</h3>"#,
            escape(&q.id),
            lang.tag(),
            rich(&q.text)
        ));
        if let Some(help) = &q.help {
            out.push_str(&format!("<p>{}</p>", rich(help)));
        }
        out.push_str("<ul>");
        for a in &q.answers {
            out.push_str(&format!(
                r#"<li><a href="{}">{}</a></li>"#,
                anchor(&a.next),
                rich(&a.text)
            ));
        }
        out.push_str("</ul></section>");
    }
    for r in &f.results {
        out.push_str(&format!(
            r#"<section id="{ANCHOR_PREFIX}{}" lang="{}"><h3>{}: {}</h3><p>{}</p><h4>{}</h4>"#,
            escape(&r.id),
            lang.tag(),
            escape(t.result),
            rich(&r.title),
            rich(&r.cause),
            escape(t.steps)
        ));
        if r.steps.iter().any(|s| s.only_for.is_some()) {
            // Both routes, each under the widget's own words for it.
            for device in Audience::ALL {
                out.push_str(&format!("<p>{}</p>", escape(t.route_other(device.other()))));
                out.push_str(&steps(r.steps.iter().filter(|s| s.is_for(device)), t));
            }
        } else {
            out.push_str(&steps(r.steps.iter(), t));
        }
        if !r.notes.is_empty() {
            out.push_str(&format!("<h4>{}</h4><ul>", escape(t.notes)));
            for n in &r.notes {
                out.push_str(&format!("<li>{}</li>", rich(n)));
            }
            out.push_str("</ul>");
        }
        if let Some(next) = &r.next {
            out.push_str(&format!(
                r#"<p><a href="{}">{} {}</a></p>"#,
                anchor(next),
                escape(t.no),
                escape(t.next_cause)
            ));
        }
        out.push_str("</section>");
    }
    out
}

/// A numbered list of steps, each with where it is done and its link (opening a new tab).
fn steps<'s>(steps: impl Iterator<Item = &'s Step>, t: &Texts) -> String {
    let mut out = String::from("<ol>");
    for s in steps {
        out.push_str("<li>");
        if let Some(on) = s.on {
            let place = match on {
                Place::LineApp => t.on_line_app,
                Place::Browser => t.on_browser,
            };
            out.push_str(&format!("{}: ", escape(place)));
        }
        out.push_str(&rich(&s.text));
        if let Some(link) = &s.link {
            out.push_str(&format!(
                r#" <a href="{}" target="_blank" rel="noopener noreferrer">{}</a>"#,
                escape(&link.href),
                escape(&link.text)
            ));
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    out
}

#[cfg(all(test, feature = "json"))]
mod tests {
    use super::*;
    use crate::content::builtin;

    #[test]
    fn escapes_every_markup_character() {
        assert_eq!(
            escape(r#"<a href="x">&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(
            rich("[設定] > [<b>]"),
            r#"<span part="label" class="label">設定</span><span class="sep"> › </span><span part="label" class="label">&lt;b&gt;</span>"#
        );
    }

    /// The first screen is the start question with the widget's classes and parts, every answer
    /// a link to its target's entry carrying the widget button's `data-act`.
    #[test]
    fn first_screen_is_the_start_question() {
        for lang in [Lang::Ja, Lang::En] {
            let flow = builtin(lang).unwrap();
            let f = flow.flow();
            let q = &f.questions[flow.start()];
            let html = first_screen(&flow, lang);
            assert!(html
                .starts_with(r#"<div class="root pre"><section class="lld" data-theme="light""#));
            assert!(html.contains(&format!(r#"data-node="{}""#, q.id)));
            assert!(html.contains(r#"<h2 part="question" class="question" tabindex="-1">"#));
            for (i, a) in q.answers.iter().enumerate() {
                let act = Act::Answer {
                    question: flow.start(),
                    answer: i,
                }
                .encode();
                assert!(html.contains(&format!(
                    r##"data-act="{act}" href="#lld-n-{}">{}</a>"##,
                    a.next,
                    rich(&a.text)
                )));
            }
            assert_eq!(html.matches("<a ").count(), q.answers.len());
        }
    }

    /// The screens after one answer: one per answer of the start question that leads to a
    /// question, with Back, Restart, the trail and the second question's progress.
    #[test]
    fn answered_screens_are_the_second_questions() {
        let flow = builtin(Lang::Ja).unwrap();
        let f = flow.flow();
        let start = &f.questions[flow.start()];
        let screens = answered_screens(&flow, Lang::Ja);
        let to_questions: Vec<_> = start
            .answers
            .iter()
            .filter(|a| f.questions.iter().any(|q| q.id == a.next))
            .collect();
        assert_eq!(screens.len(), to_questions.len());
        for ((act, html), a) in screens.iter().zip(&to_questions) {
            let i = start.answers.iter().position(|x| x.id == a.id).unwrap();
            assert_eq!(act, &format!("answer {} {i}", flow.start()));
            assert!(html.contains(&format!(r#"data-node="{}""#, a.next)));
            assert!(html.contains(r#"part="back""#) && html.contains(r#"part="trail""#));
            assert!(html.contains("質問 2 · "));
            assert!(html.contains(&format!(
                r#"<span class="trail-a">{}</span>"#,
                rich(&a.text)
            )));
        }
    }

    /// Every node has its entry, every link inside the index leads to an entry, and every
    /// result's steps (both routes) are there.
    #[test]
    fn index_has_every_node_and_no_dangling_link() {
        for lang in [Lang::Ja, Lang::En] {
            let flow = builtin(lang).unwrap();
            let f = flow.flow();
            let html = index(&flow, lang);
            let ids: Vec<&str> = f
                .questions
                .iter()
                .map(|q| q.id.as_str())
                .chain(f.results.iter().map(|r| r.id.as_str()))
                .collect();
            for id in &ids {
                assert_eq!(
                    html.matches(&format!(r#"id="lld-n-{id}""#)).count(),
                    1,
                    "{id}"
                );
            }
            for link in html.split(r##"href="#lld-n-"##).skip(1) {
                let id = &link[..link.find('"').unwrap()];
                assert!(ids.contains(&id), "dangling link to {id}");
            }
            for r in &f.results {
                for s in &r.steps {
                    assert!(html.contains(&rich(&s.text)), "{}: {}", r.id, s.text);
                }
            }
            let first = first_screen(&flow, lang);
            for link in first.split(r##"href="#lld-n-"##).skip(1) {
                let id = &link[..link.find('"').unwrap()];
                assert!(ids.contains(&id), "dangling link to {id}");
            }
        }
    }
}
