//! LINE公式アカウント ログイン診断 — the embeddable widget: a Yew app in the shadow root of each
//! `<line-login-diagnosis>` element, built by Trunk into `line-login-diagnosis_bg.wasm`.
//!
//! It stands on `lld_core` (the flow, its engine, events and configuration: pure Rust) and adds
//! only what needs a browser:
//! - `ui`: one Yew component and its view functions, and the page effects (`ui/page.js`);
//! - [`embed`]: the shadow root, styles, mount/unmount and the fallback, called by `embed.js`.
//!
//! It is built for wasm32 only; natively the crate is empty (Cargo.toml: its dependencies are
//! wasm32's), so commands at the workspace root stay fast.
#![cfg(target_arch = "wasm32")]
#![deny(missing_docs)]

pub mod embed;
mod ui;

/// The wasm allocator (see Cargo.toml for why this one). SAFETY of `AssumeSingleThreaded`: the
/// widget runs on the page's main thread only; it never starts threads or shares its memory.
#[global_allocator]
static ALLOC: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: single-threaded, see above.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
