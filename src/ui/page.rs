//! The widget's side effects on the page, each failing quietly where the page or the browser
//! forbids it: events on the host element (and `window.dataLayer`), progress in sessionStorage,
//! the clipboard, the address's fragment. Called from the component's `rendered` and click
//! handling, never while it decides what changes.
//!
//! Storage goes through `web_sys` rather than gloo-storage: gloo's typed API needs serde_json
//! (about 20 KB gzip, see `flow::json`) and its `raw()` panics where storage is blocked
//! (Safari private mode, blocked cookies), which would stop the widget.

use gloo::console;
use js_sys::{Array, Function, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

use crate::events::Kind;

/// Dispatches event `kind` with this `detail` (JSON) on the host (`bubbles`, `composed`) and,
/// given a `dataLayer` object (JSON, with the `data-layer` attribute), pushes it to
/// `window.dataLayer` (created if absent; left alone, with one warning, if it is not a list).
pub fn emit(host: &HtmlElement, kind: Kind, detail: &str, data_layer: Option<&str>) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(detail) = JSON::parse(detail) {
        init.set_detail(&detail);
    }
    if let Ok(e) = CustomEvent::new_with_event_init_dict(kind.name(), &init) {
        let _ = host.dispatch_event(&e);
    }
    if let Some(json) = data_layer {
        push_data_layer(json);
    }
}

fn push_data_layer(json: &str) {
    let window = gloo::utils::window();
    let key = JsValue::from_str("dataLayer");
    let mut layer = Reflect::get(&window, &key).unwrap_or(JsValue::UNDEFINED);
    if layer.is_undefined() || layer.is_null() {
        layer = Array::new().into();
        let _ = Reflect::set(&window, &key, &layer);
    }
    // Google Tag Manager replaces `push` on the array; call whatever `push` the page has.
    let push = Reflect::get(&layer, &"push".into())
        .ok()
        .and_then(|p| p.dyn_into::<Function>().ok());
    match (push, JSON::parse(json)) {
        (Some(push), Ok(object)) => {
            let _ = push.call1(&layer, &object);
        }
        _ => warn_once("window.dataLayer is not a list with push(); events are not pushed to it"),
    }
}

fn warn_once(message: &str) {
    thread_local!(static WARNED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if !WARNED.with(|w| w.replace(true)) {
        console::warn!(format!("<line-login-diagnosis>: {message}"));
    }
}

fn session_storage() -> Option<web_sys::Storage> {
    // Accessing sessionStorage throws where the browser blocks storage: treat as absent.
    gloo::utils::window().session_storage().ok().flatten()
}

/// The saved value, if storage works and has it.
pub fn load(key: &str) -> Option<String> {
    session_storage()?.get_item(key).ok().flatten()
}

/// Saves a value (or removes it when `None`); does nothing where storage is blocked or full.
pub fn save(key: &str, value: Option<&str>) {
    if let Some(storage) = session_storage() {
        let _ = match value {
            Some(v) => storage.set_item(key, v),
            None => storage.remove_item(key),
        };
    }
}

/// The page's address without its fragment.
pub fn page_url() -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    match href.find('#') {
        Some(i) => href[..i].to_owned(),
        None => href,
    }
}

/// The address's fragment without `#`, decoded as the browser gives it.
pub fn fragment() -> String {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_owned()
}

/// Copies text to the clipboard; `done(true)` once it is there, `done(false)` if the browser
/// refused (no secure context, no permission).
pub fn copy(text: &str, done: impl FnOnce(bool) + 'static) {
    let clipboard = gloo::utils::window().navigator().clipboard();
    let promise = clipboard.write_text(text);
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let ok = {
        let done = done.clone();
        Closure::once(move |_: JsValue| {
            if let Some(f) = done.borrow_mut().take() {
                f(true)
            }
        })
    };
    let failed = Closure::once(move |_: JsValue| {
        if let Some(f) = done.borrow_mut().take() {
            f(false)
        }
    });
    let _ = promise.then2(&ok, &failed);
    ok.forget();
    failed.forget();
}

/// Adds a browser history entry carrying this widget's progress (`history` attribute).
pub fn push_history(key: &str, tokens: &str) {
    let state = js_sys::Object::new();
    let _ = Reflect::set(&state, &"lld".into(), &key.into());
    let _ = Reflect::set(&state, &"moves".into(), &tokens.into());
    if let Ok(history) = gloo::utils::window().history() {
        let _ = history.push_state(&state, "");
    }
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
