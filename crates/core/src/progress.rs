//! How a visit outlives one screen, in one place: the saved progress (this tab's
//! sessionStorage), the moves a history entry carries, and the share link of a result.
//!
//! Progress and history entries are the visitor's moves as answer ids separated by spaces, with
//! [`UNRESOLVED`](crate::flow::engine::UNRESOLVED) for "did not help": ids, not indices, so a tab that outlives a content change
//! starts fresh instead of landing somewhere else ([`Session::replay`] refuses what no longer
//! fits). Links to a result are public (README "Public interface"): the share link
//! `#lld=<widget>:<result>` and, on a page with one widget, `#lld=<result>`; people send them to
//! each other, so their form only changes with the major version.

use crate::flow::engine::{Move, Session};
use crate::flow::valid::ValidFlow;

/// The sessionStorage key of a widget's progress: `lld:<flow id>:<widget key>`.
pub fn storage_key(flow: &ValidFlow, key: &str) -> String {
    format!("lld:{}:{key}", flow.flow().id)
}

/// The moves of a session, as saved progress and history entries carry them.
pub fn encode(flow: &ValidFlow, session: &Session) -> String {
    session.tokens(flow).join(" ")
}

/// The progress to keep for a session: `None` at the first question with nothing done.
pub fn saved(flow: &ValidFlow, session: &Session) -> Option<String> {
    (!session.history().is_empty()).then(|| encode(flow, session))
}

/// A session from saved moves; `None` when they no longer fit the flow.
pub fn decode(flow: &ValidFlow, moves: &str) -> Option<Session> {
    Session::replay(flow, moves.split(' ').filter(|t| !t.is_empty()))
}

/// The link that reopens result `result` in widget `key` of the page at `page` (without its
/// fragment).
pub fn share_link(page: &str, key: &str, result: &str) -> String {
    format!("{page}#lld={key}:{result}")
}

/// LINE's documented "LINEで送る" (Share) link for the share link of result `result`: it
/// opens LINE's own share screen with the link and `text` (LINE Developers, LINE Social
/// Plugins, "Using custom icons"), so a visitor on a phone can hand the result to whoever has
/// the computer or the admin rights.
pub fn line_share_href(page: &str, key: &str, result: &str, text: &str) -> String {
    crate::config::with_query(
        LINE_SHARE,
        &[("url", &share_link(page, key, result)), ("text", text)],
    )
}

/// LINE Social Plugins' share address for a custom button.
pub const LINE_SHARE: &str = "https://social-plugins.line.me/lineit/share";

/// The result a page address's fragment (without `#`) names for widget `key`, if any:
/// `lld=<key>:<result>`, or `lld=<result>` when the widget is the only one on the page.
pub fn shared_result<'a>(fragment: &'a str, key: &str, only_widget: bool) -> Option<&'a str> {
    match fragment.strip_prefix("lld=")?.split_once(':') {
        Some((widget, result)) => (widget == key).then_some(result),
        None => only_widget.then_some(fragment.strip_prefix("lld=")?),
    }
}

/// How a visit began: `entry` in the `detail` of `lld:start` (README "Events").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A new diagnosis: the first question, or the question the `start` attribute names.
    Start,
    /// A link to a result (`#lld=…`).
    Link,
    /// Progress saved earlier in this tab (a reload, or coming back to the page).
    Resume,
}

impl Entry {
    /// The value in events.
    pub fn name(self) -> &'static str {
        match self {
            Entry::Start => "start",
            Entry::Link => "link",
            Entry::Resume => "resume",
        }
    }
}

/// Where a widget opens, how that counts, and what the page owner should be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Begin {
    /// The session to open.
    pub session: Session,
    /// How the visit began.
    pub entry: Entry,
    /// A link that names no result, a `start` that names no question: one console warning each.
    pub warnings: Vec<String>,
}

/// Where widget `key` opens: the result a link names for it (`fragment`, the address's without
/// `#`), else the progress saved in this tab (`saved`), else the question of the `start`
/// attribute, else the first question.
pub fn begin(
    flow: &ValidFlow,
    key: &str,
    fragment: &str,
    only_widget: bool,
    saved: Option<&str>,
    start: Option<&str>,
) -> Begin {
    let mut warnings = Vec::new();
    let link = match shared_result(fragment, key, only_widget) {
        Some(result) => {
            let session = Session::at_result(flow, result);
            if session.is_none() {
                warnings.push(format!(
                    "<line-login-diagnosis>: the link #{fragment} names no result of this diagnosis; it starts as usual."
                ));
            }
            session
        }
        None => {
            let bare = fragment.strip_prefix("lld=").filter(|r| !r.contains(':'));
            if let (Some(result), false) = (bare, only_widget) {
                warnings.push(format!(
                    "<line-login-diagnosis>: #lld={result} does not say which widget: this page has several, so the link needs #lld=<widget id>:{result}. Each starts as usual."
                ));
            }
            None
        }
    };
    if let Some(session) = link {
        return Begin {
            session,
            entry: Entry::Link,
            warnings,
        };
    }
    if let Some(session) = saved.and_then(|moves| decode(flow, moves)) {
        return Begin {
            session,
            entry: Entry::Resume,
            warnings,
        };
    }
    let session = match start {
        Some(id) => Session::at_question(flow, id).unwrap_or_else(|| {
            warnings.push(format!(
                "<line-login-diagnosis>: start=\"{id}\" is not allowed; allowed: a question id of this diagnosis (README \"Public interface\"). Using the first question."
            ));
            Session::new(flow)
        }),
        None => Session::new(flow),
    };
    Begin {
        session,
        entry: Entry::Start,
        warnings,
    }
}

/// Whether the last move of a session was "did not help" (the result screen says so).
pub fn after_not_resolved(session: &Session) -> bool {
    matches!(session.history().last(), Some(Move::Unresolved { .. }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::engine::UNRESOLVED;

    #[test]
    fn share_links_name_their_widget() {
        let link = share_link("https://example.com/lp?a=1", "2", "password-line");
        assert_eq!(link, "https://example.com/lp?a=1#lld=2:password-line");
        let fragment = link.split_once('#').unwrap().1;
        assert_eq!(shared_result(fragment, "2", false), Some("password-line"));
        assert_eq!(shared_result(fragment, "1", false), None);
        assert_eq!(
            shared_result(fragment, "1", true),
            None,
            "it names widget 2"
        );
        // A marketer's link: the result alone, for a page with one widget.
        assert_eq!(
            shared_result("lld=password-line", "1", true),
            Some("password-line")
        );
        assert_eq!(shared_result("lld=password-line", "1", false), None);
        for other in ["", "x=2:password-line", "lld2:password-line"] {
            assert_eq!(shared_result(other, "2", true), None, "{other:?}");
        }
    }

    #[test]
    fn the_line_share_link_carries_the_share_link_and_the_title() {
        let href = line_share_href(
            "https://example.com/lp?a=1",
            "2",
            "password-line",
            "LINEのパスワード & more",
        );
        assert_eq!(
            href,
            "https://social-plugins.line.me/lineit/share\
             ?url=https%3A%2F%2Fexample.com%2Flp%3Fa%3D1%23lld%3D2%3Apassword-line\
             &text=LINE%E3%81%AE%E3%83%91%E3%82%B9%E3%83%AF%E3%83%BC%E3%83%89%20%26%20more"
        );
    }

    #[test]
    fn the_unresolved_token_is_never_an_id() {
        // Ids are [a-z0-9-] (validate), so "~" cannot collide with an answer.
        assert!(!UNRESOLVED
            .bytes()
            .any(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
    }
}
