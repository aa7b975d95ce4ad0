// The widget's effects on the page, written in the page's language: events on the host element
// (and `window.dataLayer`), progress in sessionStorage, the clipboard, history entries, the
// address. src/ui/page.rs declares them for Rust (wasm-bindgen imports this file; the release
// build inlines it into embed.js). Each one fails quietly where the page or the browser forbids
// it: a blocked storage, a frozen or foreign `dataLayer`, a refused clipboard must never stop
// the widget.
//
// Why JavaScript and not web-sys or gloo: the same work through web-sys bindings cost about
// 2.3 KB gzip of wasm and glue (README "Size"); here it is a few hundred bytes.

let warned = false;

/** Dispatches `name` with `detail` (JSON) on `host`, and pushes `layer` (JSON) to dataLayer. */
export function emit(host, name, detail, layer) {
  host.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail: JSON.parse(detail) }));
  if (layer == null) return;
  // Created if absent; Google Tag Manager replaces `push` on the array: call the page's.
  const dataLayer = (window.dataLayer ??= []);
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
  try {
    navigator.clipboard.writeText(text).then(() => done(true), () => done(false));
  } catch {
    done(false); // no clipboard at all (not a secure context)
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
