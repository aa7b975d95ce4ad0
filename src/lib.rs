//! LINE公式アカウント ログイン診断 — an embeddable diagnosis widget.
//!
//! The floors, each using only the ones below it:
//!
//! - [`flow`] (model, json, validate, engine, walk), [`config`], [`events`], [`platform`] and
//!   [`content`]: pure Rust, tested natively, never importing a web crate (the test script
//!   greps for it).
//! - `ui` (Yew components) and `embed` (custom element, shadow root, styles, mount/unmount,
//!   panic fallback): compiled for wasm32 only.
#![deny(missing_docs)]

pub mod cli;
pub mod config;
pub mod content;
pub mod events;
pub mod flow;
pub mod platform;

#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
mod ui;
