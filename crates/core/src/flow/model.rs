//! The types of a diagnosis flow, exactly as a content file spells them (`docs/flow-format.md`).
//!
//! A `Flow` straight out of `json::parse_flow` is *unchecked*: ids may dangle, questions may
//! loop. Nothing outside `validate` should use one; `validate::validate` turns it into a
//! `ValidFlow`, the only thing the engine and the UI accept. With the `json` feature the types
//! deserialize from a flow file (serde, `deny_unknown_fields`: a typo in a content file is an
//! error with a path, never silently ignored).
//!
//! Node ids (`questions[].id`, `results[].id`) and answer ids are **stable public names**: they
//! appear in analytics events, `dataLayer` pushes and share links (`#lld=<result id>`). Rename one
//! only as a breaking change. The format is documented in `docs/flow-format.md`.

/// One diagnosis in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "json",
    derive(serde::Deserialize),
    serde(deny_unknown_fields, expecting = "a flow object")
)]
pub struct Flow {
    /// Stable id of the flow, the same in every locale (e.g. `line-login`).
    pub id: String,
    /// BCP 47 language of the texts (`ja`, `en`).
    pub lang: String,
    /// The widget's heading.
    pub title: String,
    /// Id of the first question.
    pub start: String,
    /// Every question. Ids share one namespace with `results`.
    pub questions: Vec<Question>,
    /// Every result: where a path ends.
    pub results: Vec<ResultNode>,
    /// Prevention advice that results refer to by id.
    #[cfg_attr(feature = "json", serde(default))]
    pub tips: Vec<Tip>,
}

/// One screen that asks something and offers answers.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "json",
    derive(serde::Deserialize),
    serde(deny_unknown_fields, expecting = "a question object")
)]
pub struct Question {
    /// Stable id (lowercase letters, digits, `-`).
    pub id: String,
    /// The question itself, shown as the screen's heading.
    pub text: String,
    /// Optional explanation under the question, for visitors who do not know LINE's terms.
    #[cfg_attr(feature = "json", serde(default))]
    pub help: Option<String>,
    /// At least two answers.
    pub answers: Vec<Answer>,
}

/// One answer button.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "json",
    derive(serde::Deserialize),
    serde(deny_unknown_fields, expecting = "an answer object")
)]
pub struct Answer {
    /// Stable id, unique within its question.
    pub id: String,
    /// The button text.
    pub text: String,
    /// Id of the question or result this answer leads to.
    pub next: String,
}

/// Where a path ends: the cause and the numbered steps that fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "json",
    derive(serde::Deserialize),
    serde(deny_unknown_fields, expecting = "a result object")
)]
pub struct ResultNode {
    /// Stable id; it becomes the share link `#lld=<id>`.
    pub id: String,
    /// The result's heading.
    pub title: String,
    /// One line: why the visitor cannot log in.
    pub cause: String,
    /// The numbered steps, at least one.
    pub steps: Vec<Step>,
    /// Cautions shown after the steps (what the sources could not confirm, what not to do).
    #[cfg_attr(feature = "json", serde(default))]
    pub notes: Vec<String>,
    /// Ids of the prevention tips that fit this case.
    #[cfg_attr(feature = "json", serde(default))]
    pub tips: Vec<String>,
    /// When the steps were last checked against LINE's help, `YYYY-MM-DD`.
    pub checked: String,
    /// The next most likely result when these steps did not help ("did this fix it?" → No).
    #[cfg_attr(feature = "json", serde(default))]
    pub next: Option<String>,
}

/// One numbered step.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "json",
    derive(serde::Deserialize),
    serde(deny_unknown_fields, expecting = "a step object")
)]
pub struct Step {
    /// The instruction. LINE's UI labels are written in square brackets: `[設定]`.
    pub text: String,
    /// Where the step is done, when that matters for the visitor's device.
    #[cfg_attr(feature = "json", serde(default))]
    pub on: Option<Place>,
    /// Who sees the step: only visitors on a phone, or only on a computer (`for` in the file);
    /// `None` for everyone. Where the way differs by device (QR code login needs two screens),
    /// each visitor gets a route that works with the device in their hand.
    #[cfg_attr(feature = "json", serde(default, rename = "for"))]
    pub only_for: Option<Audience>,
    /// An optional link: `https:` or relative only.
    #[cfg_attr(feature = "json", serde(default))]
    pub link: Option<Link>,
}

impl Step {
    /// Whether a visitor on `device` follows this step.
    pub fn is_for(&self, device: Audience) -> bool {
        self.only_for.is_none_or(|only| only == device)
    }
}

/// Whether some of these steps are for one kind of device only: the visitor then gets their
/// device's route, and the other route is offered beside it.
pub fn has_routes(steps: &[Step]) -> bool {
    steps.iter().any(|s| s.only_for.is_some())
}

/// Where a step has to be done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    feature = "json",
    derive(serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
pub enum Place {
    /// In the LINE app on the smartphone that runs the visitor's LINE account.
    LineApp,
    /// In a regular web browser (the admin page or the Business ID pages), not LINE's in-app browser.
    Browser,
}

/// The kind of device a step is written for (`for` in a flow file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "json",
    derive(serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
pub enum Audience {
    /// A smartphone or tablet (also LINE's in-app browser): often the only screen at hand.
    Phone,
    /// A computer, usually with the visitor's phone beside it.
    Desktop,
}

impl Audience {
    /// Both kinds, phone first.
    pub const ALL: [Audience; 2] = [Audience::Phone, Audience::Desktop];

    /// The value as a flow file writes it.
    pub fn name(self) -> &'static str {
        match self {
            Audience::Phone => "phone",
            Audience::Desktop => "desktop",
        }
    }

    /// The other kind.
    pub fn other(self) -> Audience {
        match self {
            Audience::Phone => Audience::Desktop,
            Audience::Desktop => Audience::Phone,
        }
    }
}

/// A link shown with a step.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "json",
    derive(serde::Deserialize),
    serde(deny_unknown_fields, expecting = "a link object")
)]
pub struct Link {
    /// `https:` URL or a relative URL.
    pub href: String,
    /// The link text.
    pub text: String,
}

/// Prevention advice, shown on the results that list its id.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "json",
    derive(serde::Deserialize),
    serde(deny_unknown_fields, expecting = "a tip object")
)]
pub struct Tip {
    /// Stable id.
    pub id: String,
    /// The tip's heading.
    pub title: String,
    /// How to do it, at least one step.
    pub steps: Vec<Step>,
}

/// A piece of a text: plain words, or a LINE UI label written `[like this]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Plain text.
    Text(&'a str),
    /// A LINE UI label, without its brackets.
    Label(&'a str),
}

/// Why a text's label markup is broken (checked by `validate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkupError {
    /// A `[` without its `]`.
    Unclosed,
    /// A `]` without its `[`.
    Unopened,
    /// `[` inside a label.
    Nested,
    /// `[]` or a label of spaces only.
    EmptyLabel,
}

/// Splits a text into plain and label segments. Broken markup is reported by [`check_markup`];
/// here it degrades to plain text, so rendering never fails.
pub fn segments(text: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(len) = rest[open + 1..].find(']') else {
            break;
        };
        if open > 0 {
            out.push(Segment::Text(&rest[..open]));
        }
        out.push(Segment::Label(&rest[open + 1..open + 1 + len]));
        rest = &rest[open + 2 + len..];
    }
    if !rest.is_empty() {
        out.push(Segment::Text(rest));
    }
    out
}

/// Checks the `[label]` markup of one text.
pub fn check_markup(text: &str) -> Result<(), MarkupError> {
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('[', None) => open = Some(i),
            ('[', Some(_)) => return Err(MarkupError::Nested),
            (']', None) => return Err(MarkupError::Unopened),
            (']', Some(start)) => {
                if text[start + 1..i].trim().is_empty() {
                    return Err(MarkupError::EmptyLabel);
                }
                open = None;
            }
            _ => {}
        }
    }
    match open {
        Some(_) => Err(MarkupError::Unclosed),
        None => Ok(()),
    }
}
