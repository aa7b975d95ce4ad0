//! The committed public interface (`docs/interface.json`, README "Public interface")
//! against the code: the question, answer and result ids of both built-in content files, the
//! attributes the element reads, the event names and the `entry` values. Removing or renaming
//! one of them fails here until the list changes too — and changing the list is a major version
//! with a CHANGELOG entry. (Events' `detail` fields, `::part` names and CSS custom properties are
//! checked in a browser and in the stylesheet: tests/e2e/interface.test.mjs.)

use lld_core::config::{Lang, ATTRIBUTES};
use lld_core::content;
use lld_core::events::{EventKind, NAMES};

/// Every event kind, in `NAMES` order.
const EVENT_KINDS: [EventKind; 9] = [
    EventKind::Start,
    EventKind::Answer,
    EventKind::Back,
    EventKind::Restart,
    EventKind::Result,
    EventKind::Resolved(true),
    EventKind::Cta,
    EventKind::Question,
    EventKind::View,
];
use lld_core::progress::Entry;
use serde_json::{json, Map, Value};

const INTERFACE: &str = include_str!("../../../docs/interface.json");

fn interface() -> Value {
    serde_json::from_str(INTERFACE).expect("interface.json is JSON")
}

/// The keys of a JSON object (sorted: serde_json's map).
fn keys(v: &Value) -> Vec<String> {
    v.as_object().expect("an object").keys().cloned().collect()
}

/// Every id of a content list, one per line: `flow line-login`, `start where`, `question where`,
/// `answer where/password`, `result password-line`.
fn ids(content: &Value) -> Vec<String> {
    let mut out = vec![
        format!("flow {}", content["flow"].as_str().expect("flow")),
        format!("start {}", content["start"].as_str().expect("start")),
    ];
    for (q, answers) in content["questions"].as_object().expect("questions") {
        out.push(format!("question {q}"));
        for a in answers.as_array().expect("answers") {
            out.push(format!("answer {q}/{}", a.as_str().expect("an answer id")));
        }
    }
    for r in content["results"].as_array().expect("results") {
        out.push(format!("result {}", r.as_str().expect("a result id")));
    }
    out.sort();
    out
}

#[test]
fn the_content_ids_of_both_languages_are_the_committed_ones() {
    let committed = ids(&interface()["content"]);
    for lang in [Lang::Ja, Lang::En] {
        let flow = content::builtin(lang).expect("the built-in content is valid");
        let flow = flow.flow();
        let questions: Map<String, Value> = flow
            .questions
            .iter()
            .map(|q| {
                (
                    q.id.clone(),
                    json!(q.answers.iter().map(|a| &a.id).collect::<Vec<_>>()),
                )
            })
            .collect();
        let actual = ids(&json!({
            "flow": flow.id,
            "start": flow.start,
            "questions": questions,
            "results": flow.results.iter().map(|r| &r.id).collect::<Vec<_>>(),
        }));
        let gone: Vec<_> = committed.iter().filter(|i| !actual.contains(i)).collect();
        let unlisted: Vec<_> = actual.iter().filter(|i| !committed.contains(i)).collect();
        assert!(
            gone.is_empty() && unlisted.is_empty(),
            "content/line-login.{}.json differs from interface.json \"content\": gone {gone:?}, \
             not listed {unlisted:?}. Ids are public (share links, analytics, the start \
             attribute): a new id is added to the list (a minor version); a gone or renamed one \
             is a major version with a CHANGELOG entry",
            lang.tag()
        );
    }
}

#[test]
fn the_attributes_events_and_entries_are_the_committed_ones() {
    let i = interface();
    assert_eq!(i["element"], "line-login-diagnosis");
    // The widget reads ATTRIBUTES; embed.js reads `flow-src` and `loading`, and `id` names the
    // widget (share links, saved progress).
    let mut read: Vec<String> = ATTRIBUTES.iter().map(|a| a.to_string()).collect();
    read.extend([
        "flow-src".to_string(),
        "loading".to_string(),
        "id".to_string(),
    ]);
    let mut listed = keys(&i["attributes"]);
    read.sort();
    listed.sort();
    assert_eq!(listed, read, "interface.json \"attributes\"");
    let mut events = keys(&i["events"]);
    let mut names = NAMES.map(str::to_string).to_vec();
    events.sort();
    names.sort();
    assert_eq!(events, names, "interface.json \"events\"");
    // The dataLayer names: each event's name with `:` as `_`, the same as the code's.
    let layer: Vec<String> = keys(&i["events"])
        .iter()
        .map(|e| {
            let kind = NAMES.iter().position(|n| n == e).expect("a listed event");
            assert_eq!(e.replace(':', "_"), EVENT_KINDS[kind].data_layer_name());
            e.replace(':', "_")
        })
        .collect();
    let mut listed: Vec<String> = i["dataLayer"]["events"]
        .as_array()
        .expect("dataLayer.events")
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    listed.sort();
    assert_eq!(listed, layer, "interface.json \"dataLayer\".\"events\"");
    let entries: Vec<&str> = [Entry::Start, Entry::Link, Entry::Resume]
        .iter()
        .map(|e| e.name())
        .collect();
    assert_eq!(i["entry"], json!(entries), "interface.json \"entry\"");
}
