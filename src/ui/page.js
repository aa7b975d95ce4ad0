// @ts-check
// The widget's effects on the page, written in the page's language: events on the host element
// (and `window.dataLayer`), progress in sessionStorage, the clipboard, history entries, the
// address; and the two listeners through which the browser calls the widget (clicks, history). src/ui/page.rs declares them for Rust (wasm-bindgen imports this file; the release
// build inlines it into embed.js). Each one fails quietly where the page or the browser forbids
// it: a blocked storage, a frozen or foreign `dataLayer`, a refused clipboard must never stop
// the widget.
//
// Why JavaScript and not web-sys or gloo: the same work through web-sys bindings cost about
// 1.6 KB gzip of wasm and glue (README "Size"); here it is a few hundred bytes.

let warned = false;

// embed.js's `stop` (src/embed.rs hands it over at each mount): a trap inside the module — a
// panic, in a release build — stops every widget and shows their fallback.
let stopWidgets = (reason) => console.error(reason);

/** Keeps `stop` for the calls the browser makes into the module. */
export function setStop(stop) {
  stopWidgets = stop;
}

// Calls into the module on the browser's behalf (a listener, the clipboard's answer) go through
// here, so a trap stops the widgets instead of escaping as an uncaught error: WebKit hands an
// uncaught error from a cross-origin module to the page's `error` listeners muted ("Script
// error."), where embed.js could not tell it is the widget's.
function guarded(f) {
  return (...args) => {
    try {
      f(...args);
    } catch (error) {
      if (!(error instanceof WebAssembly.RuntimeError)) throw error;
      stopWidgets(error);
    }
  };
}

/** Calls `handler(act)` for each click on an element with `data-act` under `root`; returns
 * the function that removes the listener. */
export function onAct(root, handler) {
  const listener = guarded((event) => {
    const act = event.target instanceof Element ? event.target.closest("[data-act]")?.getAttribute("data-act") : null;
    if (act != null) handler(act);
  });
  root.addEventListener("click", listener);
  return () => root.removeEventListener("click", listener);
}

/** Calls `handler(owner, moves)` when the browser goes to another history entry: the widget
 * key and moves the entry carries (pushHistory), or undefined for the page's own entries;
 * returns the function that removes the listener. */
export function onHistory(handler) {
  const listener = guarded((event) => {
    const state = event.state;
    const owner = typeof state?.lld === "string" ? state.lld : undefined;
    handler(owner, owner === undefined ? undefined : String(state.moves ?? ""));
  });
  window.addEventListener("popstate", listener);
  return () => window.removeEventListener("popstate", listener);
}

let noObserver = false;
// Hosts already seen: an element moved in the page (a new mount) is not a second view.
const viewed = new WeakSet();

/** Calls `handler("")` once per page load, when `host` is first on screen (at least a pixel of
 * it; never again for the same element, even mounted anew); returns the function that stops
 * watching. Without IntersectionObserver (very old browsers) it says so in
 * the console once per page and calls `handler()` at once: the widget counts as seen when it
 * starts (README "Events", the documented fallback). */
export function onVisible(host, handler) {
  if (viewed.has(host)) return () => {};
  const seen = guarded(() => {
    viewed.add(host);
    handler("");
  });
  if (typeof IntersectionObserver !== "function") {
    if (!noObserver) console.warn("<line-login-diagnosis>: no IntersectionObserver; lld:view is sent at start");
    noObserver = true;
    let stopped = false; // the widget may be destroyed before the microtask runs
    queueMicrotask(() => stopped || seen());
    return () => (stopped = true);
  }
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    observer.disconnect();
    seen();
  });
  observer.observe(host);
  return () => observer.disconnect();
}

/** A random session id (8 base-36 characters; no personal data, not stored anywhere). */
export function randomId() {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => (b % 36).toString(36)).join("");
}

/** Dispatches `name` with `detail` (JSON) on `host`, and pushes `layer` (JSON) to dataLayer. */
export function emit(host, name, detail, layer) {
  host.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail: JSON.parse(detail) }));
  if (layer == null) return;
  // Created if absent; Google Tag Manager replaces `push` on the array: call the page's.
  const page = /** @type {Window & { dataLayer?: any }} */ (window);
  const dataLayer = (page.dataLayer ??= []);
  if (typeof dataLayer?.push !== "function") {
    if (!warned) console.warn("<line-login-diagnosis>: window.dataLayer is not a list with push(); events are not pushed to it");
    warned = true;
    return;
  }
  try {
    dataLayer.push(JSON.parse(layer));
  } catch {
    // A push that throws (a frozen array, a broken tag manager) is the page's problem.
  }
}

// sessionStorage itself throws where the browser blocks storage.
function storage() {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** The saved value, if storage works and has it. */
export function load(key) {
  try {
    return storage()?.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Saves a value, or removes it when `value` is undefined. */
export function save(key, value) {
  try {
    const s = storage();
    if (value === undefined) s?.removeItem(key);
    else s?.setItem(key, value);
  } catch {
    // Full or blocked: the widget works without saved progress.
  }
}

/** Copies text to the clipboard; `done(true)` once it is there, `done(false)` if refused. */
export function copy(text, done) {
  const answer = guarded(done);
  try {
    navigator.clipboard.writeText(text).then(() => answer(true), () => answer(false));
  } catch {
    answer(false); // no clipboard at all (not a secure context)
  }
}

/** Adds a browser history entry carrying widget `key`'s moves. */
export function pushHistory(key, moves) {
  try {
    history.pushState({ lld: key, moves }, "");
  } catch {
    // A page that forbids history changes keeps its own.
  }
}

/** The page's address without its fragment. */
export function pageUrl() {
  return location.href.split("#")[0];
}

/** The address's fragment without `#`. */
export function fragment() {
  return location.hash.slice(1);
}
