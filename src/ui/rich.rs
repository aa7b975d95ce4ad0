//! Flow texts → Html: plain words as text nodes, `[labels]` as label chips (`part="label"`),
//! and the `>` between two labels of a menu path as a `›` separator.

use yew::{html, Html};

use lld_core::flow::model::{segments, Segment};

/// Renders one flow text. Never interprets anything as HTML.
pub fn rich(text: &str) -> Html {
    let parts = segments(text);
    let is_label = |i: usize| matches!(parts.get(i), Some(Segment::Label(_)));
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| match *part {
            Segment::Label(label) => html! { <span part="label" class="label">{ label }</span> },
            Segment::Text(t) if t.trim() == ">" && i > 0 && is_label(i - 1) && is_label(i + 1) => {
                html! { <span class="sep">{ " › " }</span> }
            }
            Segment::Text(t) => html! { { t } },
        })
        .collect()
}
