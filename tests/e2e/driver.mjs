// @ts-check
// The driver layer: what a test needs from a browser, whichever engine it is. Each engine is one
// file in engines/ implementing `EngineDriver` (chromium.mjs: Playwright; firefox.mjs:
// puppeteer-core over WebDriver BiDi; webkit.mjs: WebKitWebDriver over W3C WebDriver classic);
// a fourth engine is one more file there and its name in LLD_ENGINES.
//
// On top of an engine's few primitives (navigate, evaluate a script, click/tap at a point,
// press a key, take a screenshot), this file builds what the tests use, the same for every
// engine: `Page` (with a `Journal` of everything the page did wrong) and `Target`, a small
// locator in the spirit of Playwright's (CSS that pierces open shadow roots, test ids, roles,
// auto-waiting, actions that check the element really receives the click).
//
// What an engine cannot do headless here is written in its `limits`, and `noteLimit` prints it
// (once per engine and file, and in the run's summary) where a test skips that one assertion.

import assert from "node:assert/strict";

/**
 * @typedef {object} Device  the visitor's device
 * @property {string} name
 * @property {{width: number, height: number}} viewport  CSS pixels
 * @property {string} [userAgent]  the engine's own when absent
 * @property {boolean} [hasTouch]  a touch screen (a phone): the widget is tapped, not clicked
 * @property {number} [deviceScaleFactor]
 */

/**
 * @typedef {object} PageOptions  the visitor's settings
 * @property {"reduce" | "no-preference"} [reducedMotion]  default "no-preference"
 * @property {"light" | "dark"} [colorScheme]  default "light"
 * @property {boolean} [clipboard]  let the page read the clipboard back (the copy tests)
 * @property {boolean} [javaScript]  false: the page runs no script of its own (the browser's
 *   setting, as a visitor who turned JavaScript off); the test can still evaluate in it
 */

/**
 * @typedef {object} NativeEvents  what an engine reports as it happens (where it can)
 * @property {(type: "error" | "warning", text: string) => void} console
 * @property {(text: string) => void} pageError  an uncaught error or rejection
 * @property {(url: string) => void} request
 * @property {(url: string, why: string) => void} requestFailed
 */

/**
 * @typedef {object} RawPage  one tab with its own storage, as an engine gives it
 * @property {(url: string) => Promise<void>} goto  resolves after the load event
 * @property {() => Promise<void>} reload
 * @property {(expression: string) => Promise<any>} evaluate  the JSON value of a JavaScript
 *   expression in the page (a promise is awaited); never subject to the page's CSP
 * @property {(x: number, y: number) => Promise<void>} click  a mouse click at a viewport point (CSS px)
 * @property {(x: number, y: number) => Promise<void>} tap  a touch tap (a click where `limits.touch`)
 * @property {(x: number, y: number) => Promise<void>} move  moves the mouse there, pressing nothing
 * @property {(key: string) => Promise<void>} press  "Tab", "Enter", "Space", "Shift+Tab"…
 * @property {() => Promise<Buffer>} screenshot  the viewport, PNG
 * @property {() => Promise<void>} close
 * @property {any} [native]  the engine's own page object (Playwright's Page…), for engine-specific tests
 */

/**
 * @typedef {object} RawBrowser
 * @property {string} version  e.g. "Firefox 153.8.0esr"
 * @property {(device: Device, options: PageOptions, events: NativeEvents) => Promise<RawPage>} newPage
 * @property {() => Promise<void>} close  stops every process it started; also safe after a failure
 */

/**
 * @typedef {object} EngineDriver  what each file in engines/ exports as `engine`
 * @property {string} name  "chromium", "firefox", "webkit"
 * @property {Partial<Record<Limit, string>>} limits  what it cannot do headless here, and why
 * @property {{console: boolean, pageErrors: boolean}} native  which `NativeEvents` it reports
 *   faithfully; for the others the journal script's records stand in
 * @property {() => Promise<RawBrowser>} launch
 */

/**
 * @typedef {"touch" | "console" | "requests" | "userAgent"} Limit
 *   touch: no real touch input; console: no console events from the protocol (so not the
 *   browser's own messages); requests: no network events; userAgent: some user agents refused
 */

export const ALL_ENGINES = ["chromium", "firefox", "webkit"];

/** The engines this run tests: LLD_ENGINES (comma-separated), default all three. */
export function engineNames() {
  const names = (process.env.LLD_ENGINES ?? ALL_ENGINES.join(",")).split(",").map((s) => s.trim()).filter(Boolean);
  for (const n of names) assert.ok(/^[a-z0-9-]+$/.test(n), `LLD_ENGINES: "${n}" is not an engine name`);
  return names;
}

/** @param {string} name @returns {Promise<EngineDriver>} */
export async function loadEngine(name) {
  const { engine } = await import(`./engines/${name}.mjs`);
  assert.equal(engine?.name, name, `engines/${name}.mjs does not export an engine named "${name}"`);
  return engine;
}

// ---------------------------------------------------------------------------------------------
// Limits, printed where they apply

const noted = new Set();
/** @type {((counts: Record<string, number>) => void) | undefined} */
let recordNote;
/** Where noted limits are counted (lib.mjs hands in its summary recorder). */
export function onLimitNoted(/** @type {(counts: Record<string, number>) => void} */ record) {
  recordNote = record;
}

/**
 * Says, once per engine and limit in this file, that `what` is not checked in this engine and
 * why. Returns true when the engine has that limit (the caller then skips the assertion).
 * @param {EngineDriver} engine @param {Limit} limit @param {string} what
 */
export function noteLimit(engine, limit, what) {
  const reason = engine.limits[limit];
  if (!reason) return false;
  const key = `${engine.name}:${limit}:${what}`;
  if (!noted.has(key)) {
    noted.add(key);
    console.log(`# ${engine.name}: not checked here: ${what} (${reason})`);
    recordNote?.({ [`${engine.name} cannot: ${what}`]: 1 });
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// The journal

/**
 * @typedef {object} Server  a test server (server.mjs) whose log the journal reads
 * @property {string} origin
 * @property {{method: string, path: string, status: number}[]} log
 */

/**
 * @typedef {object} JournalSnapshot
 * @property {string[]} requests  every URL requested from the test servers (their logs), in order
 * @property {string[]} consoleErrors
 * @property {string[]} consoleWarnings
 * @property {string[]} pageErrors  uncaught errors and unhandled rejections
 * @property {string[]} failed  failed requests (where the engine reports them)
 * @property {string[]} httpErrors  "404 http://…" from the servers' logs
 * @property {string[]} foreign  requests to neither test server
 * @property {string[]} violations  CSP violations ("directive blocked-uri")
 * @property {string[]} loadErrors  elements whose resource failed to load ("<script> URL")
 * @property {boolean} scriptSeen  the page's journal script ran (else the page's own records,
 *   CSP violations included, are not there to be read)
 * @property {{text: string, ok: boolean | null}[]} copied  what the page wrote to the clipboard
 */

/**
 * Everything a page did that a clean journey must not do, from three sources: the engine's own
 * events where it has them, the page's journal script (page-journal.js: console calls, errors,
 * CSP violations, resource timing), and the test servers' logs (every request and its status).
 * Collected across navigations (the page's records are read before each one).
 */
export class Journal {
  /**
   * @param {EngineDriver} engine
   * @param {Server[]} servers
   */
  constructor(engine, servers) {
    this.engine = engine;
    this.servers = servers;
    this.since = servers.map((s) => s.log.length);
    /** native events */
    this.native = { consoleErrors: /** @type {string[]} */ ([]), consoleWarnings: /** @type {string[]} */ ([]), pageErrors: /** @type {string[]} */ ([]), requests: /** @type {string[]} */ ([]), failed: /** @type {string[]} */ ([]) };
    this.scriptSeen = false;
    /** the journal scripts of the documents already left */
    this.left = { console: /** @type {{type: string, text: string}[]} */ ([]), errors: /** @type {string[]} */ ([]), loadErrors: /** @type {string[]} */ ([]), violations: /** @type {string[]} */ ([]), copied: /** @type {any[]} */ ([]), resources: /** @type {string[]} */ ([]) };
    /** @type {typeof this.left} */
    this.current = { console: [], errors: [], loadErrors: [], violations: [], copied: [], resources: [] };
  }

  /** @returns {NativeEvents} */
  events() {
    return {
      console: (type, text) => (type === "error" ? this.native.consoleErrors : this.native.consoleWarnings).push(text),
      pageError: (text) => this.native.pageErrors.push(text),
      request: (url) => this.native.requests.push(url),
      requestFailed: (url, why) => this.native.failed.push(`${url} (${why})`),
    };
  }

  /** Reads the current document's journal script (a page without it reads as empty). */
  async read(/** @type {RawPage} */ raw) {
    const got = await raw
      .evaluate("(() => { const j = window.__lldJournal; return j ? { console: j.console, errors: j.errors, loadErrors: j.loadErrors, violations: j.violations, copied: j.copied, resources: j.resources() } : null; })()")
      .catch(() => null);
    if (got) this.current = got;
    this.scriptSeen ||= !!got;
  }

  /** The current document is about to be left: keep what it recorded. */
  async leave(/** @type {RawPage} */ raw) {
    await this.read(raw);
    for (const k of /** @type {(keyof typeof this.left)[]} */ (Object.keys(this.left))) this.left[k].push(...this.current[k]);
    this.current = { console: [], errors: [], loadErrors: [], violations: [], copied: [], resources: [] };
  }

  /** @returns {JournalSnapshot} */
  snapshot() {
    const script = {
      console: [...this.left.console, ...this.current.console],
      errors: [...this.left.errors, ...this.current.errors],
      loadErrors: [...this.left.loadErrors, ...this.current.loadErrors],
      violations: [...this.left.violations, ...this.current.violations],
      copied: [...this.left.copied, ...this.current.copied],
      resources: [...this.left.resources, ...this.current.resources],
    };
    const logged = this.servers.flatMap((s, i) => s.log.slice(this.since[i]).map((e) => ({ ...e, url: `${s.origin}${e.path}` })));
    const { console: nativeConsole, pageErrors: nativeErrors } = this.engine.native;
    const allowed = (/** @type {string} */ url) =>
      url.startsWith("data:") || url.startsWith("about:") || url.startsWith("blob:") || this.servers.some((s) => url.startsWith(`${s.origin}/`));
    return {
      requests: logged.map((e) => e.url),
      // Native console events include the page's own calls; the journal script's copy of them is
      // the source only where the engine has none.
      consoleErrors: nativeConsole ? this.native.consoleErrors : script.console.filter((c) => c.type === "error").map((c) => c.text),
      consoleWarnings: nativeConsole ? this.native.consoleWarnings : script.console.filter((c) => c.type === "warning").map((c) => c.text),
      pageErrors: nativeErrors ? this.native.pageErrors : script.errors,
      failed: this.native.failed,
      httpErrors: logged.filter((e) => e.status >= 400).map((e) => `${e.status} ${e.url}`),
      foreign: [...new Set([...this.native.requests, ...script.resources].filter((u) => !allowed(u)))],
      violations: script.violations,
      loadErrors: script.loadErrors,
      copied: script.copied,
      scriptSeen: this.scriptSeen,
    };
  }
}

/**
 * Fails with the whole list when the journal shows any console error or warning, uncaught
 * error, failed request, HTTP error, request to a third origin or CSP violation.
 * @param {JournalSnapshot} j @param {string} what
 */
export function assertCleanJournal(j, what) {
  const problems = [];
  for (const [key, label] of /** @type {const} */ ([
    ["consoleErrors", "console error"],
    ["consoleWarnings", "console warning"],
    ["pageErrors", "uncaught page error"],
    ["failed", "failed request"],
    ["httpErrors", "HTTP error response"],
    ["foreign", "request to a third origin"],
    ["violations", "CSP violation"],
    ["loadErrors", "resource that failed to load"],
  ])) {
    for (const x of j[key]) problems.push(`${label}: ${x}`);
  }
  assert.deepEqual(problems, [], `${what}: expected no errors and no foreign requests, got:\n  ${problems.join("\n  ")}`);
}

// ---------------------------------------------------------------------------------------------
// Pages

/** A page of one engine, with its journal. */
export class Page {
  /**
   * @param {EngineDriver} engine @param {RawPage} raw @param {Journal} journal @param {Device} device
   */
  constructor(engine, raw, journal, device) {
    this.engine = engine;
    this.raw = raw;
    this.journalOf = journal;
    this.device = device;
    /** The engine's own page object (Playwright's `Page` in Chromium), for engine-specific tests. */
    this.native = raw.native;
  }

  /**
   * Opens a page in `browser`.
   * @param {EngineDriver} engine @param {RawBrowser} browser @param {Server[]} servers
   * @param {Device} device @param {PageOptions} [options]
   */
  static async open(engine, browser, servers, device, options = {}) {
    const journal = new Journal(engine, servers);
    const raw = await browser.newPage(device, options, journal.events());
    return new Page(engine, raw, journal, device);
  }

  /** @param {string} url */
  async goto(url) {
    await this.journalOf.leave(this.raw);
    await this.raw.goto(url);
  }

  async reload() {
    await this.journalOf.leave(this.raw);
    await this.raw.reload();
  }

  /**
   * Runs `fn(arg)` in the page and returns its (awaited) value. `fn` is sent as source: it must
   * be self-contained, and `arg` and the value JSON-serialisable.
   * @template A, R
   * @param {(arg: A) => R} fn @param {A} [arg]
   * @returns {Promise<Awaited<R>>}
   */
  evaluate(fn, arg) {
    return this.raw.evaluate(`(${fn.toString()})(${arg === undefined ? "" : JSON.stringify(arg)})`);
  }

  /**
   * Polls `fn(arg)` in the page once per animation frame until it returns a truthy value (which
   * is returned); fails after `timeout` ms with `what`.
   * @template A, R
   * @param {(arg: A) => R} fn @param {A} [arg] @param {{timeout?: number, what?: string}} [options]
   * @returns {Promise<Awaited<R>>}
   */
  async waitFor(fn, arg, { timeout = 10_000, what = fn.toString() } = {}) {
    const deadline = Date.now() + timeout;
    const framed = `new Promise((resolve) => requestAnimationFrame(() => resolve((${fn.toString()})(${arg === undefined ? "" : JSON.stringify(arg)}))))`;
    let last;
    for (;;) {
      last = await this.raw.evaluate(framed);
      if (last) return last;
      if (Date.now() > deadline) assert.fail(`${this.engine.name}: still not true after ${timeout} ms: ${what} (last: ${JSON.stringify(last)})`);
    }
  }

  /** Elements matching `css` anywhere in the page, open shadow roots included. @param {string} css */
  locator(css) {
    return new Target(this, [{ css }]);
  }
  /** @param {string} role @param {{name?: string, exact?: boolean}} [options] */
  getByRole(role, options) {
    return new Target(this, [roleStep(role, options)]);
  }
  /** @param {string} text @param {{exact?: boolean}} [options] */
  getByText(text, options) {
    return new Target(this, [{ text, exact: !!options?.exact }]);
  }

  /**
   * Presses a key ("Tab", "Shift+Tab", "Enter", "Space") in the focused element.
   * @param {string} key
   */
  press(key) {
    return this.raw.press(key);
  }

  /**
   * Moves the mouse to a viewport point without pressing (e.g. off the widget, so that no
   * :hover style is in what a test reads).
   * @param {number} x @param {number} y
   */
  mouseTo(x, y) {
    return this.raw.move(x, y);
  }

  /** The viewport as PNG. */
  screenshot() {
    return this.raw.screenshot();
  }

  /** What the page did so far (console, errors, requests, CSP, clipboard). */
  async journal() {
    await this.journalOf.read(this.raw);
    return this.journalOf.snapshot();
  }

  /**
   * Waits until `check(journal)` holds (polled once per animation frame); fails after
   * `timeout` ms with `what` and the journal.
   * @param {(j: JournalSnapshot) => boolean} check @param {string} what @param {{timeout?: number}} [options]
   */
  async waitForJournal(check, what, { timeout = 10_000 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const j = await this.journal();
      if (check(j)) return j;
      if (Date.now() > deadline) assert.fail(`${this.engine.name}: ${what} did not happen in ${timeout} ms; the journal: ${JSON.stringify(j, null, 1)}`);
      await this.waitFor(() => true);
    }
  }

  /**
   * Runs a script's source in the page (e.g. a library that defines a global). Like evaluate,
   * not subject to the page's CSP.
   * @param {string} source
   */
  async addScript(source) {
    await this.raw.evaluate(`(() => {\n${source}\n;return true; })()`);
  }

  /** @param {string} [what] */
  async assertClean(what = "this journey") {
    assertCleanJournal(await this.journal(), `${this.engine.name}: ${what}`);
  }

  async close() {
    await this.raw.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Locators

/**
 * @typedef {{css?: string, text?: string, exact?: boolean, role?: string, name?: string, nth?: number}} Step
 */

const ROLES = /** @type {Record<string, string>} */ ({
  button: 'button, [role="button"], input[type="button"], input[type="submit"]',
  link: 'a[href], [role="link"]',
  heading: 'h1, h2, h3, h4, h5, h6, [role="heading"]',
  alert: '[role="alert"]',
  list: 'ul, ol, [role="list"]',
});

/** @param {string} role @param {{name?: string, exact?: boolean}} [options] @returns {Step} */
function roleStep(role, options = {}) {
  assert.ok(ROLES[role], `getByRole: role "${role}" is not supported by driver.mjs (add it to ROLES)`);
  return { css: ROLES[role], role, name: options.name, exact: !!options.exact };
}

/**
 * Runs in the page: the elements a chain of steps selects. CSS steps search the light DOM and
 * every open shadow root below the current elements (as Playwright's CSS does); `text` keeps
 * the deepest elements whose text matches; `name` filters by accessible name (aria-label or
 * text); `nth` picks one.
 * @param {Step[]} steps
 */
function lldResolve(steps) {
  const norm = (/** @type {string | null | undefined} */ s) => (s ?? "").replace(/\s+/g, " ").trim();
  const deep = (/** @type {ParentNode} */ scope, /** @type {string} */ css) => {
    const out = [...scope.querySelectorAll(css)];
    const hosts = [scope, ...scope.querySelectorAll("*")];
    for (const h of hosts) {
      const root = /** @type {Element} */ (h).shadowRoot;
      if (root) out.push(...deep(root, css));
    }
    return out;
  };
  const matches = (/** @type {string} */ value, /** @type {string} */ want, /** @type {boolean | undefined} */ exact) =>
    exact ? value === norm(want) : value.toLowerCase().includes(norm(want).toLowerCase());
  /** @type {Element[]} */
  let current = [/** @type {any} */ (document)];
  for (const step of steps) {
    if (step.css !== undefined) {
      const found = current.flatMap((el) => deep(el, step.css ?? "*"));
      current = [...new Set(found)];
      if (step.name !== undefined) current = current.filter((el) => matches(norm(el.getAttribute("aria-label") ?? el.textContent), step.name ?? "", step.exact));
    }
    if (step.text !== undefined) {
      const all = [...new Set(current.flatMap((el) => deep(el, "*")))];
      const hit = all.filter((el) => matches(norm(el.textContent), step.text ?? "", step.exact));
      current = hit.filter((el) => !hit.some((o) => o !== el && el.contains(o)));
    }
    if (step.nth !== undefined) {
      const el = step.nth < 0 ? current.at(step.nth) : current[step.nth];
      current = el ? [el] : [];
    }
  }
  return current;
}

/**
 * Runs in the page: one step of an action on the single element `steps` selects. Scrolls it
 * into view, waits until its box is the same in two frames (entrance animations) and checks
 * that a click at its centre reaches it (nothing covers it). Returns the point, or why not.
 * @param {{steps: Step[], scroll: boolean}} arg
 */
function lldActionPoint({ steps, scroll }) {
  const found = lldResolve(steps);
  if (found.length !== 1) return { why: found.length ? `matches ${found.length} elements` : "matches nothing" };
  const el = found[0];
  if (scroll) el.scrollIntoView({ block: "center", inline: "center" });
  const box = () => el.getBoundingClientRect();
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const a = box();
      requestAnimationFrame(() => {
        const b = box();
        if (b.width === 0 || b.height === 0) return resolve({ why: "has no size (hidden)" });
        if (a.x !== b.x || a.y !== b.y || a.width !== b.width || a.height !== b.height) return resolve({ why: "is still moving" });
        const x = b.x + b.width / 2;
        const y = b.y + b.height / 2;
        /** @type {Element | null} */
        let hit = document.elementFromPoint(x, y);
        while (hit?.shadowRoot) {
          const inner = hit.shadowRoot.elementFromPoint(x, y);
          if (!inner || inner === hit) break;
          hit = inner;
        }
        if (!hit || !(hit === el || el.contains(hit))) return resolve({ why: `is covered by <${hit?.tagName.toLowerCase()} class="${hit?.className}">` });
        resolve({ x, y });
      });
    }),
  );
}

/**
 * Elements of a page, found again at every use (so it never goes stale), like a Playwright
 * locator. Single-element operations wait up to `timeout` for exactly one element and fail
 * when several match (use `nth`/`first`).
 */
export class Target {
  /** @param {Page} page @param {Step[]} steps */
  constructor(page, steps) {
    this.page = page;
    this.steps = steps;
  }

  /** @param {Step} step */
  #then(step) {
    return new Target(this.page, [...this.steps, step]);
  }
  /** Elements matching `css` inside these (their open shadow roots included). @param {string} css */
  locator(css) {
    return this.#then({ css });
  }
  /** @param {string} id */
  getByTestId(id) {
    return this.#then({ css: `[data-testid="${id}"]` });
  }
  /** @param {string} role @param {{name?: string, exact?: boolean}} [options] */
  getByRole(role, options) {
    return this.#then(roleStep(role, options));
  }
  /** @param {string} text @param {{exact?: boolean}} [options] */
  getByText(text, options) {
    return this.#then({ text, exact: !!options?.exact });
  }
  /** @param {number} i */
  nth(i) {
    return this.#then({ nth: i });
  }
  first() {
    return this.nth(0);
  }
  last() {
    return this.nth(-1);
  }

  /** How many elements match now (no waiting). */
  count() {
    return this.#run("return found.length;");
  }

  // Every call sends the resolver's source with it, composed into one expression on this side:
  // the page has no helper of ours installed (a strict CSP would refuse to install one), and
  // nothing is `eval`ed in the page (a strict CSP would refuse that too).
  /** @param {string} body  statements using `found` (the elements) and `lldResolve` */
  #run(body) {
    return this.page.raw.evaluate(
      `(() => { const lldResolve = (${lldResolve.toString()}); const found = lldResolve(${JSON.stringify(this.steps)}); ${body} })()`,
    );
  }

  /**
   * Runs `fn(element, arg)` on the single element (waiting for it) and returns the value.
   * @template A, R
   * @param {(el: any, arg: A) => R} fn @param {A} [arg] @param {{timeout?: number}} [options]
   * @returns {Promise<Awaited<R>>}
   */
  async evaluate(fn, arg, { timeout = 10_000 } = {}) {
    await this.#waitForOne(timeout);
    return this.#run(
      `if (found.length !== 1) throw new Error("the element is gone"); return (${fn.toString()})(found[0], ${arg === undefined ? "undefined" : JSON.stringify(arg)});`,
    );
  }

  /**
   * Runs `fn(elements, arg)` on all matching elements (none is fine) and returns the value.
   * @template A, R
   * @param {(els: any[], arg: A) => R} fn @param {A} [arg]
   * @returns {Promise<Awaited<R>>}
   */
  evaluateAll(fn, arg) {
    return this.#run(`return (${fn.toString()})(found, ${arg === undefined ? "undefined" : JSON.stringify(arg)});`);
  }

  /** @param {number} timeout */
  async #waitForOne(timeout) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const n = await this.count();
      if (n === 1) return;
      assert.ok(n <= 1, `${this.describe()} matches ${n} elements (use nth())`);
      if (Date.now() > deadline) assert.fail(`${this.page.engine.name}: ${this.describe()} matches nothing after ${timeout} ms`);
      await this.page.waitFor(() => true);
    }
  }

  textContent() {
    return this.evaluate((el) => el.textContent);
  }
  allTextContents() {
    return this.evaluateAll((els) => els.map((/** @type {Element} */ el) => el.textContent ?? ""));
  }
  /** @param {string} name */
  getAttribute(name) {
    return this.evaluate((el, n) => el.getAttribute(n), name);
  }
  /** Whether the single element is there and has a visible box now (no waiting). */
  async isVisible() {
    const n = await this.count();
    if (n !== 1) return false;
    return this.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden";
    });
  }
  /** The element's box in viewport CSS pixels, or null when it has none. */
  boundingBox() {
    return this.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.width || r.height ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
    });
  }

  /**
   * Waits until the elements are `attached` (exactly one), `visible`, or `detached` (none).
   * @param {{state?: "attached" | "visible" | "detached", timeout?: number}} [options]
   */
  async waitFor({ state = "visible", timeout = 10_000 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const n = await this.count();
      if (state === "detached" ? n === 0 : n === 1 && (state === "attached" || (await this.isVisible()))) return;
      if (n > 1 && state !== "detached") assert.fail(`${this.describe()} matches ${n} elements (use nth())`);
      if (Date.now() > deadline) assert.fail(`${this.page.engine.name}: ${this.describe()} is not ${state} after ${timeout} ms (${n} match)`);
      await this.page.waitFor(() => true);
    }
  }

  /** Scrolls the element into view and clicks its centre with the mouse. */
  async click({ timeout = 10_000 } = {}) {
    const { x, y } = await this.#actionPoint(timeout);
    await this.page.raw.click(x, y);
  }

  /** Taps the element's centre (a mouse click in engines without touch input; see limits). */
  async tap({ timeout = 10_000 } = {}) {
    const { x, y } = await this.#actionPoint(timeout);
    noteLimit(this.page.engine, "touch", "taps as touch input (clicked instead)");
    await this.page.raw.tap(x, y);
  }

  /** Focuses the element (no pointer). */
  async focus() {
    await this.evaluate((el) => el.focus());
  }

  /** @param {number} timeout @returns {Promise<{x: number, y: number}>} */
  async #actionPoint(timeout) {
    const deadline = Date.now() + timeout;
    let scroll = true;
    for (;;) {
      const at = await this.#run(`return (${lldActionPoint.toString()})(${JSON.stringify({ steps: this.steps, scroll })});`);
      if (at.x !== undefined) return at;
      if (at.why === "is still moving") scroll = false; // let a smooth scroll or animation settle
      if (Date.now() > deadline) assert.fail(`${this.page.engine.name}: cannot click ${this.describe()}: it ${at.why} (after ${timeout} ms)`);
    }
  }

  describe() {
    return this.steps
      .map((s) => (s.nth !== undefined ? `nth(${s.nth})` : s.role ? `role=${s.role}${s.name ? `[name="${s.name}"]` : ""}` : s.text !== undefined ? `text="${s.text}"` : s.css))
      .join(" >> ");
  }
}
