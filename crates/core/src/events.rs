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
        }
    }
}

/// Every DOM event name, in `EventKind` order.
pub const NAMES: [&str; 7] = [
    "lld:start",
    "lld:answer",
    "lld:back",
    "lld:restart",
    "lld:result",
    "lld:resolved",
    "lld:cta",
];
const DATA_LAYER_NAMES: [&str; 7] = [
    "lld_start",
    "lld_answer",
    "lld_back",
    "lld_restart",
    "lld_result",
    "lld_resolved",
    "lld_cta",
];

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

/// Writes `{"k": v, …}`: strings, string lists, booleans; `None` fields are left out.
fn object(fields: &[(&str, Value<'_>)]) -> String {
    let mut out = String::from("{");
    for (key, value) in fields {
        let start = out.len();
        if out.len() > 1 {
            out.push(',');
        }
        push_str(&mut out, key);
        out.push(':');
        match value {
            Value::Str(s) => push_str(&mut out, s),
            Value::Opt(Some(s)) => push_str(&mut out, s),
            Value::Opt(None) => out.truncate(start),
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
            Value::Joined(items) => push_str(&mut out, &items.join(">")),
            Value::Bool(Some(b)) => out.push_str(if *b { "true" } else { "false" }),
            Value::Bool(None) => out.truncate(start),
        }
    }
    out.push('}');
    out
}

enum Value<'a> {
    Str(&'a str),
    Opt(Option<&'a str>),
    List(&'a [&'a str]),
    /// A list as one string (`a>b>c`): GA4 parameters are flat.
    Joined(&'a [&'a str]),
    Bool(Option<bool>),
}

impl Event<'_> {
    fn resolved(&self) -> Option<bool> {
        match self.kind {
            EventKind::Resolved(b) => Some(b),
            _ => None,
        }
    }

    /// The `detail` of the DOM `CustomEvent`.
    pub fn detail_json(&self) -> String {
        object(&[
            ("flow", Value::Str(self.flow)),
            ("node", Value::Str(self.node)),
            ("answer", Value::Opt(self.answer)),
            ("result", Value::Opt(self.result)),
            ("steps", Value::List(&self.steps)),
            ("resolved", Value::Bool(self.resolved())),
            ("entry", Value::Opt(self.entry)),
        ])
    }

    /// The object pushed to `window.dataLayer` (GA4 style: `event` plus flat snake_case
    /// parameters, e.g. `{"event":"lld_result","lld_flow":"line-login","lld_result":"…"}`).
    pub fn data_layer_json(&self) -> String {
        object(&[
            ("event", Value::Str(self.kind.data_layer_name())),
            ("lld_flow", Value::Str(self.flow)),
            ("lld_node", Value::Str(self.node)),
            ("lld_answer", Value::Opt(self.answer)),
            ("lld_result", Value::Opt(self.result)),
            ("lld_steps", Value::Joined(&self.steps)),
            ("lld_resolved", Value::Bool(self.resolved())),
            ("lld_entry", Value::Opt(self.entry)),
        ])
    }
}
