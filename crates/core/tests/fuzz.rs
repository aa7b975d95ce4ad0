//! A mutation fuzzer for the flow reader, the validator and the engine, with no dependency:
//! it takes the corpus (the real content files and the fixtures), mutates bytes and JSON
//! tokens with a seeded generator, and checks that every input is either refused with a message
//! or accepted, compiled and read back unchanged, and walkable — never a panic, never a hang,
//! and validation stays fast.
//!
//! `cargo test --test fuzz` runs a short pass on every test run (LLD_FUZZ_ITERS, default 3,000,
//! under a second); long runs are coverage-guided, with cargo-fuzz (`fuzz/`, README "Fuzzing").

use std::time::{Duration, Instant};

mod support;

use support::Rng;

use lld_core::flow::compiled::{decode, encode};
use lld_core::flow::engine::{Command, Outcome, Session};
use lld_core::flow::valid::NodeRef;
use lld_core::flow::validate::parse;

const CORPUS: [&str; 3] = [
    include_str!("../../../content/line-login.ja.json"),
    include_str!("../../../content/line-login.en.json"),
    support::MINI,
];

/// Tokens that tend to reach interesting states of a JSON reader and the validator.
const TOKENS: [&str; 24] = [
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "\\u",
    "\\ud800",
    "null",
    "true",
    "-1e999",
    "0",
    "\"next\":\"where\"",
    "\"id\":\"where\"",
    "[[[[[[[[",
    "\u{202e}",
    "\n",
    "\"\"",
    "[]",
    "{}",
    "\"answers\":[]",
    "\"steps\":[]",
];

fn mutate(rng: &mut Rng, input: &str) -> Vec<u8> {
    let mut bytes = input.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(5) {
            0 if !bytes.is_empty() => {
                let i = at.min(bytes.len() - 1);
                bytes[i] = rng.next() as u8;
            }
            1 => {
                let end = (at + rng.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
            2 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                bytes.splice(at..at, token.bytes());
            }
            3 => {
                // Copy a slice of the input elsewhere (duplicates objects, ids, answers).
                let from = rng.below(bytes.len());
                let end = (from + rng.below(200)).min(bytes.len());
                let chunk = bytes[from..end].to_vec();
                bytes.splice(at..at, chunk);
            }
            _ => bytes.truncate(at),
        }
    }
    bytes
}

#[test]
fn mutated_flows_never_panic_or_hang() {
    let iters: usize = std::env::var("LLD_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3_000);
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let (mut accepted, mut refused) = (0usize, 0usize);
    let mut slowest = Duration::ZERO;
    let mut slowest_input = String::new();
    for _ in 0..iters {
        let base = CORPUS[rng.below(CORPUS.len())];
        let bytes = mutate(&mut rng, base);
        // The widget receives text; invalid UTF-8 never reaches the reader.
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let t = Instant::now();
        let result = parse(&text);
        if t.elapsed() > slowest {
            slowest = t.elapsed();
            slowest_input.clone_from(&text);
        }
        match result {
            Err(e) => {
                assert!(!e.to_string().is_empty());
                refused += 1;
            }
            Ok(flow) => {
                accepted += 1;
                // Whatever validated compiles into the form the widget reads and back, unchanged.
                assert_eq!(decode(&encode(&flow)).as_ref(), Ok(&flow));
                // Whatever validated can be walked to a result without surprises.
                let mut s = Session::new(&flow);
                for _ in 0..64 {
                    let NodeRef::Question(q) = s.current() else {
                        break;
                    };
                    let answer = rng.below(flow.flow().questions[q].answers.len());
                    assert_eq!(s.apply(&flow, Command::Answer(answer)), Outcome::Moved);
                }
                assert!(
                    matches!(s.current(), NodeRef::Result(_)),
                    "a walk ends at a result"
                );
            }
        }
    }
    println!("fuzz: {iters} inputs, {accepted} accepted, {refused} refused, slowest parse+validate {slowest:?}");
    // LLD_FUZZ_SLOWEST=FILE keeps the slowest input, to reproduce and profile it.
    if let Ok(path) = std::env::var("LLD_FUZZ_SLOWEST") {
        std::fs::write(path, &slowest_input).expect("write the slowest input");
    }
    assert!(
        refused > 0 && accepted > 0,
        "the mutations reach both outcomes"
    );
    // Generous bound (debug build, loaded CI machine): a flow file is checked in well under this.
    assert!(
        slowest < Duration::from_secs(1),
        "slowest parse+validate took {slowest:?}"
    );
}
