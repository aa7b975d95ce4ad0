//! What a button asks for. Every button of the widget carries one [`Act`] in its `data-act`
//! attribute, and one click listener per widget reads it back ([`Act::decode`]): the view and
//! the handler share this one encoding, so they cannot disagree.
//!
//! Why not a Yew callback per button: Yew 0.23 registers a delegated listener per app on its
//! container and never removes it (one leaked listener, node and closure per mount, see
//! `tests/e2e/hostile.test.mjs`), and each callback is code in the wasm. With plain attributes
//! Yew registers nothing; the widget's own listener goes away with the widget.
//!
//! Pure Rust, tested natively. Questions and answers are named by index: an `Act` only lives as
//! long as the screen that rendered it.

/// One thing a visitor can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Answer `answer` (index) of question `question` (index). Ignored unless that question is
    /// on screen: a second click on an answer already taken must not answer the next question.
    Answer {
        /// Index into `Flow::questions`.
        question: usize,
        /// Index into that question's answers.
        answer: usize,
    },
    /// One step back.
    Back,
    /// Back to the first question.
    Restart,
    /// Back to the question of this entry of the trail (index into the history).
    JumpTo(usize),
    /// "Yes, that fixed it."
    Resolved,
    /// "No": show the next most likely cause.
    NotResolved,
    /// Copy the result's steps as text.
    Copy,
    /// Copy the result's share link.
    Share,
    /// The call-to-action link was followed (the browser follows it; this only reports it).
    Cta,
}

impl Act {
    /// The `data-act` value, e.g. `answer 2 1`, `jump 0`, `back`.
    pub fn encode(self) -> String {
        let word = match self {
            Act::Answer { question, answer } => return format!("answer {question} {answer}"),
            Act::JumpTo(i) => return format!("jump {i}"),
            Act::Back => "back",
            Act::Restart => "restart",
            Act::Resolved => "yes",
            Act::NotResolved => "no",
            Act::Copy => "copy",
            Act::Share => "share",
            Act::Cta => "cta",
        };
        word.to_owned()
    }

    /// Reads a `data-act` value back; `None` for anything [`Act::encode`] does not produce.
    pub fn decode(value: &str) -> Option<Act> {
        let mut words = value.split(' ');
        let act = match words.next()? {
            "answer" => Act::Answer {
                question: number(words.next())?,
                answer: number(words.next())?,
            },
            "jump" => Act::JumpTo(number(words.next())?),
            "back" => Act::Back,
            "restart" => Act::Restart,
            "yes" => Act::Resolved,
            "no" => Act::NotResolved,
            "copy" => Act::Copy,
            "share" => Act::Share,
            "cta" => Act::Cta,
            _ => return None,
        };
        // Nothing may follow.
        words.next().is_none().then_some(act)
    }
}

/// A plain decimal index (no sign, no leading `+`, no spaces).
fn number(word: Option<&str>) -> Option<usize> {
    let word = word?;
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::Act;

    #[test]
    fn every_act_survives_the_round_trip() {
        let acts = [
            Act::Answer {
                question: 0,
                answer: 0,
            },
            Act::Answer {
                question: 12,
                answer: 9_999,
            },
            Act::Back,
            Act::Restart,
            Act::JumpTo(0),
            Act::JumpTo(41),
            Act::Resolved,
            Act::NotResolved,
            Act::Copy,
            Act::Share,
            Act::Cta,
        ];
        for act in acts {
            assert_eq!(Act::decode(&act.encode()), Some(act), "{}", act.encode());
        }
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            "",
            " ",
            "answer",
            "answer 1",
            "answer 1 2 3",
            "answer -1 0",
            "answer +1 0",
            "answer 1  2",
            "jump",
            "jump x",
            "jump 99999999999999999999999",
            "back ",
            "Back",
            "submit",
        ] {
            assert_eq!(Act::decode(bad), None, "{bad:?}");
        }
    }
}
