//! The widget's side effects on the page (`page.js`): events on the host element (and
//! `window.dataLayer`), progress in sessionStorage, the clipboard, history entries, the
//! address. Each fails quietly where the page or the browser forbids it. Called from the
//! component's `rendered` and click handling, never while it decides what changes. And the
//! listeners through which the browser calls the widget: in JavaScript, so that a trap in the
//! module is caught where it happens (`page.js`, `guarded`).
//!
//! They are JavaScript behind these typed imports rather than web-sys calls: about 1.6 KB gzip
//! less of wasm and glue (README "Size"). gloo-storage was never an option: its typed API needs
//! serde_json and its `raw()` panics where storage is blocked (Safari private mode).

use js_sys::Function;
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
    /// Keeps `embed.js`'s `stop` for the calls the browser makes into the module.
    #[wasm_bindgen(js_name = setStop)]
    pub fn set_stop(stop: &Function);
    /// Calls `handler(act)` for each click on a `data-act` element under `root`; returns the
    /// function that removes the listener.
    #[wasm_bindgen(js_name = onAct)]
    pub fn on_act(root: &web_sys::Element, handler: &Function) -> Function;
    /// Calls `handler("")` once, when `host` is first on screen (at once, with one console warning
    /// per page, where the browser has no IntersectionObserver); returns the function that
    /// stops watching.
    #[wasm_bindgen(js_name = onVisible)]
    pub fn on_visible(host: &web_sys::HtmlElement, handler: &Function) -> Function;
    /// A random session id: 8 base-36 characters, no personal data.
    #[wasm_bindgen(js_name = randomId)]
    pub fn random_id() -> String;
    /// Calls `handler(owner, moves)` on each history navigation (`owner` is `undefined` for the
    /// page's own entries); returns the function that removes the listener.
    #[wasm_bindgen(js_name = onHistory)]
    pub fn on_history(handler: &Function) -> Function;
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

/// Whose a history entry is, from what `on_history` hands over.
pub fn history_entry(owner: Option<String>, moves: Option<String>, key: &str) -> Entry {
    match owner {
        None => Entry::Page,
        Some(owner) if owner == key => Entry::Ours(moves.unwrap_or_default()),
        Some(_) => Entry::OtherWidget,
    }
}
