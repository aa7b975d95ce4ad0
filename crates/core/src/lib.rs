//! LINE公式アカウント ログイン診断 — the diagnosis itself, as plain Rust.
//!
//! - [`flow`]: the content's model, the rules that make it safe to run (`validate`, the only
//!   door to a `ValidFlow`), the compiled form the widget reads, the engine that walks it, and
//!   whole-flow walks;
//! - [`state`]: one widget's state and its one transition — what a visitor's act means to the
//!   page (events, history entry, focus, saved progress, copied text), as data;
//! - [`act`], [`events`], [`config`], [`platform`], [`progress`], [`texts`]: what a button asks
//!   for, what the host page hears, what the element's attributes configure, which device the
//!   visitor holds, how a visit is saved and shared, the widget's own words;
//! - [`prerender`]: the first screen and every result as plain HTML, for the snippets;
//! - [`content`]: the built-in flow files, for tests and tools.
//!
//! This crate has no web dependency (its Cargo.toml has none to import), so everything here
//! compiles and is tested natively; the widget (the root package, `src/`) and the checker module
//! (`crates/checker`) build on it.
#![deny(missing_docs)]

pub mod act;
pub mod config;
pub mod content;
pub mod events;
pub mod flow;
pub mod platform;
pub mod prerender;
pub mod progress;
pub mod state;
pub mod texts;
