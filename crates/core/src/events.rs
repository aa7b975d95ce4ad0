//! The events the widget reports to the host page, as plain data: names, `detail` payloads and
//! the GA4-style `dataLayer` objects, both written as JSON text (the embedding glue parses it
//! with the browser's `JSON.parse`). Pure: nothing here touches the DOM.
//!
//! Names and fields are a public interface (README "Events"): page scripts and tag managers
//! depend on them. Ids in them are the flow's stable ids.

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// The first question is on screen.
    Start,
    /// An answer was chosen.
    Answer,
    /// The visitor went back (Back, or a tap on the trail).
    Back,
    /// The visitor started over.
    Restart,
    /// A result is on screen.
    Result,
    /// The visitor said whether the result fixed it.
    Resolved(bool),
    /// The call-to-action was followed.
    Cta,
    /// A question is on screen (each time one is shown: after an answer, Back, Restart, at the
    /// start). Added in 1.1: reach per question counts the sessions that saw it.
    Question,
    /// The widget is on the visitor's screen for the first time since it started (once per
    /// widget per page load). Added in 1.1.
    View,
}

impl EventKind {
    /// The DOM event name, e.g. `lld:result`.
    pub fn name(self) -> &'static str {
        NAMES[self.index()]
    }

    /// The `dataLayer` event name, e.g. `lld_result`.
    pub fn data_layer_name(self) -> &'static str {
        DATA_LAYER_NAMES[self.index()]
    }

    fn index(self) -> usize {
        match self {
            EventKind::Start => 0,
            EventKind::Answer => 1,
            EventKind::Back => 2,
            EventKind::Restart => 3,
            EventKind::Result => 4,
            EventKind::Resolved(_) => 5,
            EventKind::Cta => 6,
            EventKind::Question => 7,
            EventKind::View => 8,
        }
    }
}

/// Every DOM event name, in `EventKind` order.
pub const NAMES: [&str; 9] = [
    "lld:start",
    "lld:answer",
    "lld:back",
    "lld:restart",
    "lld:result",
    "lld:resolved",
    "lld:cta",
    "lld:question",
    "lld:view",
];
const DATA_LAYER_NAMES: [&str; 9] = [
    "lld_start",
    "lld_answer",
    "lld_back",
    "lld_restart",
    "lld_result",
    "lld_resolved",
    "lld_cta",
    "lld_question",
    "lld_view",
];

/// What every event says about the visit besides what happened: which flow text, which session,
/// which device. Filled in when the widget starts; `session` changes with each Restart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Visit {
    /// The flow text's version: [`crate::flow::compiled::version`] of the compiled flow.
    pub version: String,
    /// This diagnosis run: a random id drawn when the widget starts (no personal data), then
    /// `.<n>` for the n-th run of that widget (`.1`, after one Restart `.2`, …).
    pub session: String,
    /// `phone` (phones and tablets) or `desktop`: whose steps the visitor sees.
    pub device: &'static str,
    /// Inside LINE's in-app browser.
    pub in_app: bool,
    /// The widget's language: `ja` or `en`.
    pub lang: &'static str,
}

/// One event with everything its payloads carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event<'a> {
    /// What happened.
    pub kind: EventKind,
    /// The flow's id.
    pub flow: &'a str,
    /// The node on screen after the event (for `answer`: the question that was answered).
    pub node: &'a str,
    /// The answer chosen (`answer` only).
    pub answer: Option<&'a str>,
    /// The result concerned (`result`, `resolved`, `cta`).
    pub result: Option<&'a str>,
    /// The answer ids given so far, oldest first.
    pub steps: Vec<&'a str>,
    /// How the visit began (`start` only): `start`, `link` or `resume` (`progress::Entry`).
    pub entry: Option<&'a str>,
    /// The question's position in this visit, 1 for the first asked (`question` only).
    pub depth: Option<u32>,
    /// The event's number in its session, from 1: orders a session's events where the report
    /// has no time (a GA4 export), so the last one says where the session stopped.
    pub seq: u32,
    /// The flow version, session and device.
    pub visit: &'a Visit,
}

/// Appends `s` as a JSON string.
fn push_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The `detail` field names, in the order every payload writes them.
const DETAIL_KEYS: [&str; 14] = [
    "flow", "node", "answer", "result", "steps", "resolved", "entry", "depth", "seq", "version",
    "session", "device", "inApp", "lang",
];
/// The `dataLayer` parameter names of the same fields (GA4 parameters are flat snake_case).
const LAYER_KEYS: [&str; 14] = [
    "lld_flow",
    "lld_node",
    "lld_answer",
    "lld_result",
    "lld_steps",
    "lld_resolved",
    "lld_entry",
    "lld_depth",
    "lld_seq",
    "lld_version",
    "lld_session",
    "lld_device",
    "lld_in_app",
    "lld_lang",
];

/// Writes `{"k": v, …}` from one table of keys and values: strings, string lists (joined as
/// `a>b>c` when `flat`: GA4 parameters are flat), booleans, numbers; `None` fields are left
/// out. `first` goes before them (the `dataLayer` object's `event`). One writer and one list of
/// values for both payloads keeps the wasm small (README "Size").
fn object(first: Option<(&str, &str)>, keys: &[&str], values: &[Value<'_>], flat: bool) -> String {
    let mut out = String::from("{");
    if let Some((key, value)) = first {
        push_str(&mut out, key);
        out.push(':');
        push_str(&mut out, value);
    }
    for (key, value) in keys.iter().zip(values) {
        let start = out.len();
        if out.len() > 1 {
            out.push(',');
        }
        push_str(&mut out, key);
        out.push(':');
        match value {
            Value::Str(s) | Value::Opt(Some(s)) => push_str(&mut out, s),
            Value::List(items) if flat => push_str(&mut out, &items.join(">")),
            Value::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    push_str(&mut out, item);
                }
                out.push(']');
            }
            Value::Bool(Some(b)) => out.push_str(if *b { "true" } else { "false" }),
            Value::Num(Some(n)) => out.push_str(&n.to_string()),
            Value::Opt(None) | Value::Bool(None) | Value::Num(None) => out.truncate(start),
        }
    }
    out.push('}');
    out
}

enum Value<'a> {
    Str(&'a str),
    Opt(Option<&'a str>),
    List(&'a [&'a str]),
    Bool(Option<bool>),
    Num(Option<u32>),
}

impl Event<'_> {
    fn resolved(&self) -> Option<bool> {
        match self.kind {
            EventKind::Resolved(b) => Some(b),
            _ => None,
        }
    }

    /// The fields' values, in the order of [`DETAIL_KEYS`] and [`LAYER_KEYS`].
    fn values(&self) -> [Value<'_>; 14] {
        [
            Value::Str(self.flow),
            Value::Str(self.node),
            Value::Opt(self.answer),
            Value::Opt(self.result),
            Value::List(&self.steps),
            Value::Bool(self.resolved()),
            Value::Opt(self.entry),
            Value::Num(self.depth),
            Value::Num(Some(self.seq)),
            Value::Str(&self.visit.version),
            Value::Str(&self.visit.session),
            Value::Str(self.visit.device),
            Value::Bool(Some(self.visit.in_app)),
            Value::Str(self.visit.lang),
        ]
    }

    /// The `detail` of the DOM `CustomEvent`.
    pub fn detail_json(&self) -> String {
        object(None, &DETAIL_KEYS, &self.values(), false)
    }

    /// The object pushed to `window.dataLayer` (GA4 style: `event` plus flat snake_case
    /// parameters, e.g. `{"event":"lld_result","lld_flow":"line-login","lld_result":"…"}`).
    pub fn data_layer_json(&self) -> String {
        let event = ("event", self.kind.data_layer_name());
        object(Some(event), &LAYER_KEYS, &self.values(), true)
    }
}
