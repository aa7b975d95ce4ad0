//! How a visit outlives one screen, in one place: the saved progress (this tab's
//! sessionStorage), the moves a history entry carries, and the share link of a result.
//!
//! Progress and history entries are the visitor's moves as answer ids separated by spaces, with
//! [`UNRESOLVED`](crate::flow::engine::UNRESOLVED) for "did not help": ids, not indices, so a tab that outlives a content change
//! starts fresh instead of landing somewhere else ([`Session::replay`] refuses what no longer
//! fits). The share link `#lld=<widget>:<result>` is public (README "Events", "Share links"):
//! people send it to each other, so its form only changes with the major version.

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

/// The result a page address's fragment (without `#`) opens in widget `key`, if any.
pub fn shared_result<'a>(fragment: &'a str, key: &str) -> Option<&'a str> {
    let (widget, result) = fragment.strip_prefix("lld=")?.split_once(':')?;
    (widget == key).then_some(result)
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
        assert_eq!(shared_result(fragment, "2"), Some("password-line"));
        assert_eq!(shared_result(fragment, "1"), None);
        for other in [
            "",
            "lld=",
            "lld=2",
            "x=2:password-line",
            "lld2:password-line",
        ] {
            assert_eq!(shared_result(other, "2"), None, "{other:?}");
        }
    }

    #[test]
    fn the_unresolved_token_is_never_an_id() {
        // Ids are [a-z0-9-] (validate), so "~" cannot collide with an answer.
        assert!(!UNRESOLVED
            .bytes()
            .any(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
    }
}
