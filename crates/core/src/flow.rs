//! The diagnosis: its data (`model`), the rules that make it safe to run (`validate`) and the
//! state machine that walks it (`engine`). Pure Rust: no web crate may be imported here.

pub mod compiled;
pub mod engine;
#[cfg(feature = "json")]
pub mod json;
pub mod model;
pub mod validate;
pub mod walk;
