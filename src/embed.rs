//! The embedding glue, the only module that knows about the host element: it attaches the open
//! shadow root, puts the styles inside it, reads the attributes, mounts the Yew app and destroys
//! it again, and hands any failure to `embed.js`, which shows the page's fallback content.
//!
//! `embed.js` (the file a marketer's `<script type="module">` loads) defines the custom element,
//! fetches the flow file, and calls [`mount`] / [`Widget::destroy`] from the element's
//! lifecycle. This module never decides what the next question is.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::console;
use js_sys::Function;
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};
use yew::AppHandle;

use crate::ui::{App, AppProps};
use lld_core::config::{self, Lang};
use lld_core::flow::compiled::{decode, version, Damaged};
use lld_core::platform::Platform;
use lld_core::progress;

/// All of the widget's CSS (`styles/widget.css`, minified by `build.rs`), applied inside each
/// shadow root, never to the page.
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.css"));

thread_local! {
    /// One constructed stylesheet shared by every instance (CSP-safe: no `<style>` element).
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
    /// `embed.js`'s `stop`, for the panic hook.
    static STOP: RefCell<Option<Function>> = const { RefCell::new(None) };
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
    }
}

/// Mounts a widget into `host` with the compiled flow `flow` (from `source`): shadow root,
/// styles, attributes, the app. Without a flow (`None`: `embed.js` could not get it and has
/// said why in the console) or with a damaged one, the widget shows a short message with the
/// page's fallback content; it never leaves a blank box.
///
/// `stop(reason)` is `embed.js`'s: when the module itself stops (a panic), it reports the
/// reason once and shows every widget's fallback without calling into this module again.
#[wasm_bindgen]
pub fn mount(
    host: HtmlElement,
    flow: Option<String>,
    source: &str,
    stop: Function,
) -> Result<Widget, JsValue> {
    install_panic_hook(stop);
    // A first screen the build wrote (a declarative shadow root with its own <style>, README
    // "The first question without waiting") is this root: it is emptied here and Yew's first
    // render, a microtask queued by `render()` below, fills it again before the browser paints,
    // with the same structure and styles, so nothing moves (tests/e2e/prerender.test.mjs).
    let root = shadow_root(&host)?;
    let taking_over = root.query_selector(".pre").ok().flatten().is_some();
    root.set_inner_html("");
    apply_styles(&root)?;

    let (config, warnings) = config::from_attributes(|name| host.get_attribute(name));
    for warning in warnings {
        console::warn!(warning);
    }
    let version = flow.as_deref().map(version).unwrap_or_default();
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
    // `pre`: the first screen does not fade in over the one it replaces.
    container.set_class_name(if taking_over { "root pre" } else { "root" });
    root.append_child(&container)?;
    let (key, only_widget) = widget_key(&host);
    let begin = progress::begin(
        &flow,
        &key,
        &crate::ui::fragment(),
        only_widget,
        crate::ui::load(&progress::storage_key(&flow, &key)).as_deref(),
        config.start.as_deref(),
    );
    for warning in begin.warnings {
        warn_once(warning);
    }
    let navigator = gloo::utils::window().navigator();
    let platform = Platform::detect(
        &navigator.user_agent().unwrap_or_default(),
        navigator.max_touch_points().max(0) as u32,
    )
    .chosen(config.device);
    let props = AppProps {
        flow: Rc::new(flow),
        config: Rc::new(config),
        host: host.clone(),
        initial: begin.session,
        entry: begin.entry,
        key: key.into(),
        platform,
        version: version.into(),
    };
    let app = yew::Renderer::<App>::with_root_and_props(container, props).render();
    Ok(Widget {
        host,
        app: Some(app),
    })
}

/// Names a widget among several on a page: its `id` attribute when it has a plain one, else its
/// position among the page's widgets (1, 2, …). Also says whether it is the page's only one.
fn widget_key(host: &HtmlElement) -> (String, bool) {
    let all = gloo::utils::document().get_elements_by_tag_name("line-login-diagnosis");
    let only = all.length() == 1;
    let id = host.id();
    if !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return (id, only);
    }
    let position = (0..all.length()).position(|i| all.item(i).is_some_and(|e| &e == host.as_ref()));
    ((position.unwrap_or(0) + 1).to_string(), only)
}

/// Prints a warning about the page (a link, a `start`) once per page, however many widgets
/// see it.
fn warn_once(warning: String) {
    thread_local!(static SAID: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) });
    SAID.with(|said| {
        let mut said = said.borrow_mut();
        if !said.contains(&warning) {
            console::warn!(&warning);
            said.push(warning);
        }
    });
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
/// (`embed.js` builds the same box itself after a panic: then nothing here may run again.)
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

/// Builds with the precompiled std keep the panic hook: it hands the panic's message to
/// `embed.js`'s `stop`, which reports it once and shows every widget's fallback. After a panic
/// (`panic = "abort"`) nothing in this module runs again: `embed.js` mounts no more widgets.
/// Builds that compile std with panics as traps (scripts/build.sh) never run it.
fn install_panic_hook(stop: Function) {
    // The calls the browser makes into the module go through page.js, which stops the widgets
    // on a trap (builds whose panics are traps have no hook to do it).
    crate::ui::set_stop(&stop);
    if STOP.with(|s| s.replace(Some(stop)).is_some()) {
        return;
    }
    yew::set_custom_panic_hook(Box::new(|info| {
        STOP.with(|stop| {
            if let Ok(stop) = stop.try_borrow() {
                if let Some(stop) = stop.as_ref() {
                    let _ = stop.call1(&JsValue::NULL, &JsValue::from_str(&info.to_string()));
                }
            }
        });
    }));
}

/// Debug builds and the `test-panic` feature only (never in a release bundle): panics on
/// purpose, so the end-to-end tests can prove that a panic shows every widget's fallback and is
/// reported once.
#[cfg(any(debug_assertions, feature = "test-panic"))]
#[wasm_bindgen(js_name = "__lldPanicForTests")]
pub fn panic_for_tests() {
    panic!("deliberate panic for the end-to-end tests (debug builds only)");
}
