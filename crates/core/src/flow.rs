//! The diagnosis: its data (`model`), the rules that make it safe to run (`validate`), the
//! checked flow they produce (`valid`), the compiled form the widget reads (`compiled`), the
//! state machine that walks it (`engine`) and walks over a whole flow (`walk`). Reading flow
//! files (`json`) is the `json` feature's.

pub mod compiled;
pub mod engine;
#[cfg(feature = "json")]
pub mod json;
pub mod model;
pub mod valid;
pub mod validate;
pub mod walk;
