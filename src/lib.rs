//! LINE公式アカウント ログイン診断 — an embeddable diagnosis widget.
//!
//! The floors, each using only the ones below it:
//!
//! - [`flow`] (model, json, validate, engine, walk), [`act`], [`config`], [`events`],
//!   [`platform`] and [`content`]: pure Rust, tested natively, never importing a web crate (the
//!   test script greps for it).
//! - `ui` (one Yew component and its view functions) and `embed` (custom element, shadow root, styles, mount/unmount,
//!   panic fallback): compiled for wasm32 only.
#![deny(missing_docs)]

pub mod act;
pub mod cli;
pub mod config;
pub mod content;
pub mod events;
pub mod flow;
pub mod platform;

#[cfg(all(target_arch = "wasm32", feature = "widget"))]
pub mod embed;
#[cfg(all(target_arch = "wasm32", feature = "widget"))]
mod ui;
/// The wasm allocator (see Cargo.toml for why this one). SAFETY of `AssumeSingleThreaded`: the
/// widget runs on the page's main thread only; it never starts threads or shares its memory.
#[cfg(all(target_arch = "wasm32", feature = "widget"))]
#[global_allocator]
static ALLOC: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: single-threaded, see above.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
