// @ts-check
// <line-login-diagnosis> loader: the one file a page includes, with
//   <script type="module" src=".../line-login-diagnosis/v1/embed.js"></script>
// It defines the custom element, loads the wasm module and the flow file that live next to this
// file (the page may be on another origin), and mounts one independent widget per element.
// Until a widget is ready, and whenever it cannot start (no wasm, blocked by CSP, a broken flow
// file, an internal error), the element's own children stay visible as the fallback.
//
// An element with a first screen the build wrote (a declarative shadow root, README "The first
// question without waiting") already shows the first question: its widget loads only when the
// element comes within about a screen of view or is touched (`loading="eager"`: at once), a tap
// on an answer before then is kept and carried into the widget once it starts, and the
// widget's mount replaces that first screen in one task (src/embed.rs).
import { checkFlow } from "./checker.js";

const TAG = "line-login-diagnosis";
const here = import.meta.url;
const WASM = "line-login-diagnosis_bg.wasm";
const CHECKER = "line-login-checker.wasm";
// Subresource Integrity of the files this loader fetches, by name. Empty here; a release build
// (scripts/post-build.mjs) defines __LLD_INTEGRITY__ as the sha384 of the wasm modules and of
// each built-in flow, so a page that pins this file with `integrity` pins everything it runs.
const INTEGRITY = typeof __LLD_INTEGRITY__ === "undefined" ? {} : __LLD_INTEGRITY__;
const fetchPinned = (name) => fetch(new URL(`./${name}`, here), { integrity: INTEGRITY[name] });
// The floor: a browser without custom elements or WebAssembly (an old one, or iOS in Lockdown
// Mode, which turns WebAssembly off) keeps the page's fallback content. The console says so
// once; nothing is downloaded, defined or listened to.
const missing = ["customElements", "WebAssembly"].filter((name) => typeof globalThis[name] !== "object");
if (missing.length) console.warn(`<${TAG}>: this browser has no ${missing.join(" and no ")}; the fallback content stays visible.`);
// The first screens the build wrote stay as they are; their answers lead to the element's own
// index, which is shown now (widget.css `.lld-static.on`).
const showStatic = (el) => el.shadowRoot?.querySelector(".lld-static")?.classList.add("on");
if (missing.length) for (const el of document.getElementsByTagName(TAG)) showStatic(el);
// A release build bundles the glue into this file (one file for SRI to pin).
// @ts-ignore: the glue Trunk writes beside this file has no type declarations
const glue = import("./line-login-diagnosis.js");
let mount;
let ready; // Promise<boolean>: whether the wasm module loaded
let stopped = false; // the module stopped (a panic or a trap): it is never called again
const flows = new Map(); // flow file URL -> Promise<string | null>
const urls = new WeakMap(); // element -> its flow file URL (null: not a URL), decided once

function wasmReady() {
  if (!ready) {
    // The wasm download starts here, beside the glue (a static import would make it wait for
    // the glue): a round trip saved on slow networks.
    const wasm = fetchPinned(WASM);
    wasm.catch(() => {}); // a failed download is reported where it is awaited, not as unhandled
    ready = glue.then(async (bindings) => {
      await bindings.default({ module_or_path: wasm });
      ({ mount } = bindings);
    }).then(
      () => true,
      (error) => {
        console.error(`<${TAG}>: could not load the widget; the fallback content stays visible.`, error);
        return false;
      },
    );
  }
  return ready;
}

// The flow an element needs: its `flow-src` (relative to the page), else the built-in diagnosis
// in its language next to this file, compiled by the build and pinned by INTEGRITY. (The widget
// validates `lang` itself and warns about a wrong value; this only picks the file to fetch early.)
function flowUrl(el) {
  if (!urls.has(el)) urls.set(el, resolveFlowUrl(el));
  return urls.get(el);
}

function resolveFlowUrl(el) {
  const src = el.getAttribute("flow-src")?.trim();
  const lang = el.getAttribute("lang")?.trim() === "en" ? "en" : "ja";
  try {
    return src ? { href: new URL(src, document.baseURI).href, own: true } : { href: new URL(`./content/line-login.${lang}.flow`, here).href, name: `content/line-login.${lang}.flow` };
  } catch {
    console.error(`<${TAG}>: flow-src="${src}" is not a URL; the fallback content is shown.`);
    return null;
  }
}

// The checker module (crates/checker/): the flow file rules and their messages, loaded only for a
// page's own flow file. It takes the file's text and gives back the compiled flow or every
// problem with its place and fix.
let checker;
async function check(text, href) {
  let exports;
  try {
    checker ??= WebAssembly.instantiateStreaming(fetchPinned(CHECKER), {});
    exports = (await checker).instance.exports;
  } catch (error) {
    checker = undefined; // try again for the next file
    throw new Error(`could not load the flow checker for ${href} (${error.message})`);
  }
  try {
    return checkFlow(exports, text);
  } catch (error) {
    // A trap (never seen: the rules are fuzzed) leaves the instance unusable: start a new one.
    checker = undefined;
    throw new Error(`the flow checker stopped on ${href} (${error.message}); please report this with the file`);
  }
}

// Fetches each flow once per page, in parallel with the wasm: the compiled flow, or null when
// it cannot be had (the reason is in the console).
function flowText(url) {
  if (url === null) return Promise.resolve(null);
  if (!flows.has(url.href)) {
    flows.set(url.href, loadFlow(url));
  }
  return flows.get(url.href);
}

async function loadFlow({ href, name, own }) {
  let text;
  try {
    const response = await (name ? fetchPinned(name) : fetch(href));
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
    // The built-in flows are compiled to UTF-16 (scripts/post-build.mjs); a page's own is UTF-8.
    text = name ? new TextDecoder("utf-16le").decode(await response.arrayBuffer()) : await response.text();
  } catch (error) {
    console.error(`<${TAG}>: could not load ${href} (${error.message}); the fallback content is shown.`);
    return null;
  }
  if (!own) return text;
  try {
    const { ok, out } = await check(text, href);
    if (ok) return out;
    console.error(`<${TAG}>: ${href} is not a valid flow file; the fallback content is shown.\n${out}`);
  } catch (error) {
    console.error(`<${TAG}>: ${error.message}; the fallback content is shown.`);
  }
  return null;
}

// When the widget's module stops — a panic (the hook of builds with the precompiled std calls
// `stop` with its message) or a trap (the release build compiles panics as traps, and the
// browser reports them as an uncaught WebAssembly.RuntimeError) — this reports it once and shows
// every widget's fallback. Nothing calls into the module again: after a trap its state cannot
// be trusted, which is also why the box is built here and not by the module (src/embed.rs
// builds the same one for a damaged flow).
const FALLBACK_TEXT = {
  ja: "診断を表示できませんでした。お手数ですが、こちらをご覧ください。",
  en: "The diagnosis could not be shown. Please use this instead:",
};
function stop(reason) {
  if (stopped) return;
  stopped = true;
  console.error(`line-login-diagnosis stopped because of an internal error; the page's fallback content is shown instead.\n${reason}`);
  for (const el of document.getElementsByTagName(TAG)) {
    const root = el.shadowRoot;
    if (!root) continue; // never mounted: its own children are on view
    const box = document.createElement("div");
    box.setAttribute("part", "error");
    box.className = "error";
    box.setAttribute("role", "alert");
    const message = document.createElement("p");
    message.textContent = FALLBACK_TEXT[el.getAttribute("lang")?.trim() === "en" ? "en" : "ja"];
    box.append(message, document.createElement("slot"));
    root.replaceChildren(...root.querySelectorAll("style"), box);
  }
}

// A trap of this module, not of some other wasm on the page: engines name the module's URL in
// the stack, or (WebKit) no URL at all.
const ourTrap = (error) =>
  error instanceof WebAssembly.RuntimeError && (String(error.stack).includes(WASM) || !/\.wasm\b/.test(String(error.stack)));
// Traps in what the browser calls (click listeners, the renders Yew schedules as microtasks)
// arrive here; handled, they are not reported a second time as uncaught.
if (!missing.length) {
  window.addEventListener("error", (event) => {
    if (ourTrap(event.error)) {
      event.preventDefault();
      stop(event.error);
    }
  });
  window.addEventListener("unhandledrejection", (event) => {
    if (ourTrap(event.reason)) {
      event.preventDefault();
      stop(event.reason);
    }
  });
}

// Whether an element's widget waits until it is needed: it has a first screen the build wrote,
// no `loading="eager"`, and the browser can tell when it nears the screen.
const lazy = (el) =>
  !!el.shadowRoot?.querySelector(".lld-static") && loading(el) !== "eager" && typeof IntersectionObserver === "function";
let warnedLoading = false;
/** The element's `loading`: `lazy` (the default) or `eager`; another value warns once per page. */
function loading(el) {
  const value = el.getAttribute("loading")?.trim();
  if (value === undefined || value === "lazy" || value === "eager") return value ?? "lazy";
  if (!warnedLoading) console.warn(`<${TAG}>: loading="${value}" is not allowed; allowed: lazy, eager. Using lazy.`);
  warnedLoading = true;
  return "lazy";
}

class LineLoginDiagnosis extends HTMLElement {
  #widget = null;
  #starting = false;
  #leaving = false;
  #tap = null; // the `data-act` of an answer tapped on the first screen before the widget started
  #waiting = null; // stops waiting for the element to be needed

  connectedCallback() {
    // A move within the page (disconnected and connected again in one task) keeps the widget.
    this.#leaving = false;
    if (this.#widget || this.#starting) return;
    const root = this.shadowRoot;
    if (root?.querySelector(".lld-static")) {
      root.addEventListener("click", this.#early);
      // A tap made before this script ran followed its link (#lld-n-<next>): carry it over too,
      // and take the link back (its entry of the index would show, widget.css :target).
      const followed = location.hash && root.querySelector(`a.answer[href="${CSS.escape(location.hash)}"]`);
      if (followed) {
        history.replaceState(history.state, "", location.pathname + location.search);
        this.#keep(followed);
      }
    }
    if (lazy(this) && !this.#tap) this.#waitUntilNeeded(root);
    else this.#start();
  }

  // A click on the first screen before the widget is there: an answer is kept (the first one
  // only, shown pressed) and starts the widget at once; the link is not followed.
  #early = (event) => {
    const answer = event.target instanceof Element ? event.target.closest("a.answer[data-act]") : null;
    if (!answer || this.#widget) return;
    event.preventDefault();
    this.#keep(answer);
    this.#start();
  };

  // Keeps the first answer tapped (shown pressed). Where the build wrote the screen it leads to,
  // that screen is shown at once (the widget, replaying the tap, renders the same one over it).
  #keep(/** @type {Element} */ answer) {
    if (this.#tap !== null) return;
    const act = answer.getAttribute("data-act") ?? "";
    this.#tap = act;
    answer.setAttribute("aria-busy", "true");
    const next = /** @type {HTMLTemplateElement | null | undefined} */ (this.shadowRoot?.querySelector(`template[data-after="${CSS.escape(act)}"]`));
    const box = this.shadowRoot?.querySelector(".root.pre");
    if (next && box) {
      box.replaceChildren(next.content.cloneNode(true));
      /** @type {HTMLElement | null} */ (box.querySelector('[part~="question"]'))?.focus();
    }
  }

  #waitUntilNeeded(root) {
    const go = () => this.#start();
    // About a screen ahead of the visitor's scrolling, or their first touch, key or focus on it.
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && go(), { rootMargin: "100% 0px" });
    observer.observe(this);
    const events = ["pointerdown", "keydown", "focusin"];
    for (const type of events) root.addEventListener(type, go);
    this.#waiting = () => {
      observer.disconnect();
      for (const type of events) root.removeEventListener(type, go);
    };
  }

  #start() {
    this.#waiting?.();
    this.#waiting = null;
    if (this.#widget || this.#starting) return;
    this.#starting = true;
    const url = flowUrl(this);
    Promise.all([wasmReady(), flowText(url)]).then(([ok, text]) => {
      this.#starting = false;
      if (!ok) showStatic(this);
      if (!ok || stopped || !this.isConnected || this.#widget) return;
      try {
        // Without a flow (null: the reason is in the console) the widget shows its message
        // and the fallback content.
        this.#widget = mount(this, text, url?.href ?? "", stop);
      } catch (error) {
        if (ourTrap(error)) stop(error);
        else console.error(`<${TAG}>: could not start; the fallback content stays visible.`, error);
        return;
      }
      this.shadowRoot?.removeEventListener("click", this.#early);
      const act = this.#tap;
      this.#tap = null;
      // The widget's first render runs in a microtask queued by mount: this one comes after it,
      // so the answer is applied before the browser paints the first question again.
      if (act !== null) {
        queueMicrotask(() => {
          const button = /** @type {HTMLElement | null | undefined} */ (this.shadowRoot?.querySelector(`button[data-act="${CSS.escape(act)}"]`));
          button?.click();
        });
      }
    });
  }

  disconnectedCallback() {
    this.#leaving = true;
    // An element still waiting to be needed stops watching (connected again, it waits again).
    this.#waiting?.();
    this.#waiting = null;
    queueMicrotask(() => {
      if (!this.#leaving || this.isConnected || !this.#widget) return;
      this.#leaving = false;
      const widget = this.#widget;
      this.#widget = null;
      if (stopped) return;
      try {
        widget.destroy();
        widget.free();
      } catch (error) {
        if (ourTrap(error)) stop(error);
        else throw error;
      }
    });
  }
}

if (!missing.length) {
  // Start both downloads now for the elements already on the page that start at once.
  for (const el of document.getElementsByTagName(TAG)) {
    if (lazy(el)) continue;
    wasmReady();
    flowText(flowUrl(el));
  }
  if (!customElements.get(TAG)) customElements.define(TAG, LineLoginDiagnosis);
}
