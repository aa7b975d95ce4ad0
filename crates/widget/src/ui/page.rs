//! The widget's side effects on the page (`page.js`): events on the host element (and
//! `window.dataLayer`), progress in sessionStorage, the clipboard, history entries, the
//! address. Each fails quietly where the page or the browser forbids it. Called from the
//! component's `rendered` and click handling, never while it decides what changes.
//!
//! They are JavaScript behind these typed imports rather than web-sys calls: about 2.3 KB gzip
//! less of wasm and glue (README "Size"). gloo-storage was never an option: its typed API needs
//! serde_json and its `raw()` panics where storage is blocked (Safari private mode).

use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/ui/page.js")]
extern "C" {
    /// Dispatches event `name` with this `detail` (JSON) on the host (`bubbles`, `composed`)
    /// and, given a `dataLayer` object (JSON, with the `data-layer` attribute), pushes it to
    /// `window.dataLayer` (created if absent; left alone, with one warning, if it is not a list).
    pub fn emit(host: &web_sys::HtmlElement, name: &str, detail: &str, layer: Option<String>);
    /// The saved value, if storage works and has it.
    pub fn load(key: &str) -> Option<String>;
    /// Saves a value (or removes it when `None`); does nothing where storage is blocked or full.
    pub fn save(key: &str, value: Option<String>);
    /// Copies text to the clipboard, then calls `done(true)`, or `done(false)` if the browser
    /// refused (no secure context, no permission).
    pub fn copy(text: &str, done: &Function);
    /// Adds a browser history entry carrying widget `key`'s moves (`history` attribute).
    #[wasm_bindgen(js_name = pushHistory)]
    pub fn push_history(key: &str, moves: &str);
    /// The page's address without its fragment.
    #[wasm_bindgen(js_name = pageUrl)]
    pub fn page_url() -> String;
    /// The address's fragment without `#`, as the browser gives it.
    pub fn fragment() -> String;
}

/// Whose a history entry is.
pub enum Entry {
    /// One of this widget's entries, with its moves.
    Ours(String),
    /// The page's own entry (before the diagnosis started, or the page's navigation).
    Page,
    /// Another widget's entry on the same page.
    OtherWidget,
}

/// Reads a history entry's state for widget `key`.
pub fn history_moves(state: &JsValue, key: &str) -> Entry {
    let field = |name: &str| {
        Reflect::get(state, &name.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    match field("lld") {
        None => Entry::Page,
        Some(owner) if owner == key => Entry::Ours(field("moves").unwrap_or_default()),
        Some(_) => Entry::OtherWidget,
    }
}
