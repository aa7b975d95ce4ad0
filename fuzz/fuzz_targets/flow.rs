//! A flow file's whole way, on any input: it is refused with a message, or it validates,
//! compiles into the form the widget reads, decodes back unchanged and walks to a result —
//! never a panic, never a hang. The input's bytes also choose the walk (`arbitrary`).
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use lld_core::flow::compiled::{decode, encode};
use lld_core::flow::engine::{Command, Outcome, Session};
use lld_core::flow::valid::NodeRef;
use lld_core::flow::validate::parse;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let flow = match parse(text) {
        Ok(flow) => flow,
        Err(e) => {
            // A refusal always says something.
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    assert_eq!(decode(&encode(&flow)).as_ref(), Ok(&flow));
    let mut choices = Unstructured::new(data);
    let mut s = Session::new(&flow);
    // A valid flow asks at most MAX_DEPTH questions on any path.
    for _ in 0..64 {
        let NodeRef::Question(q) = s.current() else {
            break;
        };
        let n = flow.flow().questions[q].answers.len();
        let answer = choices.choose_index(n).unwrap_or(0);
        assert_eq!(s.apply(&flow, Command::Answer(answer)), Outcome::Moved);
    }
    assert!(
        matches!(s.current(), NodeRef::Result(_)),
        "a walk ends at a result"
    );
    // "Did not help" ends too (the chains have no cycles).
    for _ in 0..flow.flow().results.len() {
        if s.apply(&flow, Command::NotResolved) != Outcome::Moved {
            break;
        }
    }
    assert_eq!(
        s.apply(&flow, Command::NotResolved),
        Outcome::NoFurtherCause
    );
});
