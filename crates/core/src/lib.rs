//! LINE公式アカウント ログイン診断 — the diagnosis itself, as plain Rust.
//!
//! - [`flow`]: the content's model, the rules that make it safe to run (`validate`, the only
//!   door to a `ValidFlow`), the compiled form the widget reads, the engine that walks it, and
//!   whole-flow walks;
//! - [`act`], [`events`], [`config`], [`platform`]: what a button asks for, what the host page
//!   hears, what the element's attributes configure, which device the visitor holds;
//! - [`content`]: the built-in flow files, for tests and tools.
//!
//! This crate has no web dependency (its Cargo.toml has none to import), so everything here
//! compiles and is tested natively; the widget (`crates/widget`) and the checker module
//! (`crates/checker`) build on it.
#![deny(missing_docs)]

pub mod act;
pub mod config;
pub mod content;
pub mod events;
pub mod flow;
pub mod platform;
