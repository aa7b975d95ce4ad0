//! The embedding glue, the only module that knows about the host element: it attaches the open
//! shadow root, puts the styles inside it, reads the attributes, mounts the Yew app and destroys
//! it again, and turns any failure into a visible message with the page's fallback content.
//!
//! `embed.js` (the file a marketer's `<script type="module">` loads) defines the custom element,
//! fetches the flow file, and calls [`mount`] / [`Widget::destroy`] from the element's
//! lifecycle. This module never decides what the next question is.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::console;
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};
use yew::AppHandle;

use crate::config::{self, Lang};
use crate::flow::compiled::{decode, Damaged};
use crate::flow::engine::Session;
use crate::flow::validate::ValidFlow;
use crate::platform::Platform;
use crate::ui::{storage_key, App, AppProps};

/// All of the widget's CSS (`styles/widget.css`, minified by `build.rs`), applied inside each
/// shadow root, never to the page.
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.css"));

thread_local! {
    /// One constructed stylesheet shared by every instance (CSP-safe: no `<style>` element).
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
    /// The hosts of the mounted widgets, so a panic can show their fallback.
    static LIVE: RefCell<Vec<HtmlElement>> = const { RefCell::new(Vec::new()) };
    /// Set once a panic happened: the module's state can no longer be trusted.
    static BROKEN: Cell<bool> = const { Cell::new(false) };
}

/// One mounted widget, owned by its element (see `embed.js`).
#[wasm_bindgen]
pub struct Widget {
    host: HtmlElement,
    app: Option<AppHandle<App>>,
}

#[wasm_bindgen]
impl Widget {
    /// Unmounts the app; the element can be mounted again later.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        // The element may be mounted again (moved in the page): start from an empty root.
        if let Some(root) = self.host.shadow_root() {
            root.set_inner_html("");
        }
        LIVE.with(|live| {
            if let Ok(mut live) = live.try_borrow_mut() {
                live.retain(|h| h != &self.host);
            }
        });
    }
}

/// Mounts a widget into `host` with the compiled flow `flow` (from `source`): shadow root,
/// styles, attributes, the app. Without a flow (`None`: `embed.js` could not get it and has
/// said why in the console) or with a damaged one, the widget shows a short message with the
/// page's fallback content; it never leaves a blank box.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, flow: Option<String>, source: &str) -> Result<Widget, JsValue> {
    if BROKEN.with(Cell::get) {
        return Err(JsValue::from_str(
            "line-login-diagnosis: not started, the widget failed earlier on this page",
        ));
    }
    install_panic_hook();
    let root = shadow_root(&host)?;
    root.set_inner_html("");
    apply_styles(&root)?;

    let (config, warnings) = config::from_attributes(|name| host.get_attribute(name));
    for warning in warnings {
        console::warn!(warning);
    }
    let flow = match flow.as_deref().map(decode) {
        Some(Ok(flow)) => flow,
        failed => {
            if let Some(Err(Damaged(field))) = failed {
                console::error!(format!(
                    "<line-login-diagnosis>: {source} is damaged (compiled flow, field {field}); the fallback content is shown. Host the files of one build together."
                ));
            }
            show_fallback(&root, config.lang);
            return Ok(Widget { host, app: None });
        }
    };

    let document = gloo::utils::document();
    let container: Element = document.create_element("div")?;
    container.set_class_name("root");
    root.append_child(&container)?;
    let key = widget_key(&host);
    let initial = initial_session(&flow, &key);
    let navigator = gloo::utils::window().navigator();
    let platform = Platform::detect(
        &navigator.user_agent().unwrap_or_default(),
        navigator.max_touch_points().max(0) as u32,
    );
    let props = AppProps {
        flow: Rc::new(flow),
        config: Rc::new(config),
        host: host.clone(),
        initial,
        key: key.into(),
        platform,
    };
    let app = yew::Renderer::<App>::with_root_and_props(container, props).render();
    LIVE.with(|live| live.borrow_mut().push(host.clone()));
    Ok(Widget {
        host,
        app: Some(app),
    })
}

/// Names a widget among several on a page: its `id` attribute when it has a plain one, else its
/// position among the page's widgets (1, 2, …).
fn widget_key(host: &HtmlElement) -> String {
    let id = host.id();
    if !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return id;
    }
    let all = gloo::utils::document().get_elements_by_tag_name("line-login-diagnosis");
    let position = (0..all.length()).position(|i| all.item(i).is_some_and(|e| &e == host.as_ref()));
    (position.unwrap_or(0) + 1).to_string()
}

/// Where a widget starts: the result a share link names for this widget (`#lld=<key>:<result>`),
/// else the progress saved in this tab, else the first question.
fn initial_session(flow: &ValidFlow, key: &str) -> Session {
    let fragment = crate::ui::fragment();
    let shared = fragment
        .strip_prefix("lld=")
        .and_then(|rest| rest.split_once(':'))
        .filter(|(k, _)| *k == key)
        .and_then(|(_, result)| Session::at_result(flow, result));
    shared
        .or_else(|| {
            let saved = crate::ui::load(&storage_key(flow, key))?;
            Session::replay(flow, saved.split(' ').filter(|t| !t.is_empty()))
        })
        .unwrap_or_else(|| Session::new(flow))
}

fn shadow_root(host: &HtmlElement) -> Result<ShadowRoot, JsValue> {
    match host.shadow_root() {
        Some(root) => Ok(root),
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)),
    }
}

/// Adopts the shared constructed stylesheet; falls back to a `<style>` element where
/// constructable stylesheets are missing (Safari before 16.4).
fn apply_styles(root: &ShadowRoot) -> Result<(), JsValue> {
    let sheet = SHEET.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.is_none() {
            *cell = CssStyleSheet::new()
                .ok()
                .filter(|s| s.replace_sync(CSS).is_ok());
        }
        cell.clone()
    });
    match sheet {
        Some(sheet) => {
            root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
        }
        None => {
            let style = gloo::utils::document().create_element("style")?;
            style.set_text_content(Some(CSS));
            root.append_child(&style)?;
        }
    }
    Ok(())
}

/// Replaces the widget with a short message and the page's own fallback content (`<slot>`).
fn show_fallback(root: &ShadowRoot, lang: Lang) {
    let document = gloo::utils::document();
    let (Ok(box_), Ok(msg), Ok(slot)) = (
        document.create_element("div"),
        document.create_element("p"),
        document.create_element("slot"),
    ) else {
        return;
    };
    let _ = box_.set_attribute("part", "error");
    let _ = box_.set_attribute("class", "error");
    let _ = box_.set_attribute("role", "alert");
    msg.set_text_content(Some(match lang {
        Lang::Ja => "診断を表示できませんでした。お手数ですが、こちらをご覧ください。",
        Lang::En => "The diagnosis could not be shown. Please use this instead:",
    }));
    let _ = box_.append_child(&msg);
    let _ = box_.append_child(&slot);
    root.set_inner_html("");
    let _ = root.append_child(&box_);
}

fn install_panic_hook() {
    thread_local!(static INSTALLED: Cell<bool> = const { Cell::new(false) });
    if INSTALLED.with(|i| i.replace(true)) {
        return;
    }
    yew::set_custom_panic_hook(Box::new(|info| {
        // Report once, then show every widget's fallback: after a panic (panic = "abort"),
        // nothing in this module may run again.
        if BROKEN.with(|b| b.replace(true)) {
            return;
        }
        console::error!(format!(
            "line-login-diagnosis stopped because of an internal error; the page's fallback content is shown instead.\n{info}"
        ));
        LIVE.with(|live| {
            if let Ok(live) = live.try_borrow() {
                for host in live.iter() {
                    if let Some(root) = host.shadow_root() {
                        let lang = match host.get_attribute("lang").as_deref() {
                            Some("en") => Lang::En,
                            _ => Lang::Ja,
                        };
                        show_fallback(&root, lang);
                    }
                }
            }
        });
    }));
}

/// Debug builds only (never in a release bundle): panics on purpose, so the end-to-end tests can
/// prove that a panic shows every widget's fallback and is reported once.
#[cfg(debug_assertions)]
#[wasm_bindgen(js_name = "__lldPanicForTests")]
pub fn panic_for_tests() {
    panic!("deliberate panic for the end-to-end tests (debug builds only)");
}
