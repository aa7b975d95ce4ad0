//! What the native tests share: the flows they run over and a repeatable random generator.
#![allow(dead_code)] // each test file uses part of it

use lld_core::config::Lang;
use lld_core::content;
use lld_core::flow::valid::ValidFlow;
use lld_core::flow::validate::parse;

/// The small fixture flow every validation case edits (`tests/fixtures/mini.json`).
pub const MINI: &str = include_str!("../fixtures/mini.json");

/// The fixture and both built-in flows, by name.
pub fn flows() -> Vec<(&'static str, ValidFlow)> {
    vec![
        ("fixture", parse(MINI).expect("the fixture is valid")),
        (
            "ja",
            content::builtin(Lang::Ja).expect("ja content is valid"),
        ),
        (
            "en",
            content::builtin(Lang::En).expect("en content is valid"),
        ),
    ]
}

/// xorshift64: deterministic pseudo-random numbers without a dependency, so every run of a
/// random test walks the same inputs (a failure can be replayed).
pub struct Rng(pub u64);

impl Rng {
    /// A generator with the tests' usual seed.
    pub fn new() -> Rng {
        Rng(0x2545_F491_4F6C_DD1D)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
