// Shared pieces of the end-to-end tests: where the build is, the README snippet, the flow data
// and its paths, the browser, a journal of everything a page does (console, errors, requests),
// and a small page object for the widget (part / test-id / role locators).
//
// The tests run against a release build: LLD_DIST (default `dist`, relative to the repo root).
// The expected texts come from the repository's content files, so a build whose content differs
// from the sources fails.

import { before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync, readdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Page, engineNames, loadEngine, onLimitNoted } from "./driver.mjs";
import { startServer } from "./server.mjs";
import { record } from "./summary.mjs";

export { record };

/** The fields every event carries about its visit since 1.1 (README "Events"). */
export const VISIT_FIELDS = ["seq", "version", "session", "device", "inApp", "lang"];

/** An event's `detail` without the visit fields, for tests about what happened. @param {Record<string, unknown>} detail */
export function withoutVisit(detail) {
  return Object.fromEntries(Object.entries(detail).filter(([k]) => !VISIT_FIELDS.includes(k)));
}

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DIST = resolve(ROOT, process.env.LLD_DIST ?? "dist");
export const SCREENSHOTS = join(ROOT, "build", "screenshots");
export const README_BASE = "https://example.com/line-login-diagnosis/v1/";
export const LANGS = ["ja", "en"];

/** @type {import("./driver.mjs").Device} */
export const PHONE = {
  name: "phone",
  // A phone's browser (the widget words LINE app steps by the device it runs on).
  userAgent:
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36",
  viewport: { width: 375, height: 667 },
  hasTouch: true,
  deviceScaleFactor: 2,
};
/** @type {import("./driver.mjs").Device} */
export const DESKTOP = { name: "desktop", viewport: { width: 1280, height: 800 } };

// ---------------------------------------------------------------------------------------------
// The build and the README

/** Fails early, with a clear message, when the build is not there. */
export function checkDist() {
  for (const f of [
    "embed.js",
    "line-login-diagnosis_bg.wasm",
    "line-login-checker.wasm",
    "content/line-login.ja.flow",
    "content/line-login.en.flow",
    "index.html",
  ]) {
    assert.ok(
      existsSync(join(DIST, f)),
      `${join(DIST, f)} is missing: build first (./scripts/build.sh) or set LLD_DIST`,
    );
  }
}

/** The embed snippet of the README, exactly as a marketer copies it. */
export function readmeSnippet() {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const m = readme.match(/<!-- snippet:start -->\s*```html\n([\s\S]*?)```\s*<!-- snippet:end -->/);
  assert.ok(m, "README.md: no ```html fence between <!-- snippet:start --> and <!-- snippet:end -->");
  const snippet = m[1];
  assert.ok(snippet.includes(README_BASE), `README snippet does not use the base URL ${README_BASE}`);
  assert.match(snippet, /<line-login-diagnosis[\s>]/, "README snippet has no <line-login-diagnosis>");
  return snippet;
}

/**
 * A fenced block of the README between `<!-- <name>:start -->` and `<!-- <name>:end -->`,
 * exactly as written (an indented fence, inside a list item, loses its indentation).
 * @param {string} name  e.g. "snippet-cdn", "snippet-gtm"
 */
export function readmeBlock(name) {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const m = readme.match(new RegExp(`<!-- ${name}:start -->\\s*\\n([ ]*)\`\`\`html\\n([\\s\\S]*?)\\n[ ]*\`\`\`\\s*<!-- ${name}:end -->`));
  assert.ok(m, `README.md: no \`\`\`html fence between <!-- ${name}:start --> and <!-- ${name}:end -->`);
  const indent = m[1];
  return `${m[2].split("\n").map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line)).join("\n")}\n`;
}

/** The origin the README's CDN snippets load the package from. */
export const CDN_ORIGIN = "https://cdn.jsdelivr.net";

/**
 * The README snippet with only its base URL replaced by `widgetOrigin`, plus the given attributes
 * on the element (e.g. `{ lang: "en" }`). With `flow-src`, the preload of the built-in flow is
 * left out, as the README says.
 */
export function snippetFor(widgetOrigin, attrs = {}) {
  let s = readmeSnippet().split(README_BASE).join(`${widgetOrigin}/`);
  if ("flow-src" in attrs) s = s.replace(/<link rel="preload" href="[^"]*\.flow"[^>]*>\n/, "");
  const extra = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${v}"`)
    .join("");
  if (extra) s = s.replace("<line-login-diagnosis", `<line-login-diagnosis${extra}`);
  return s;
}

/** A plain marketing page around `body` (which contains the snippet). */
export function marketingPage({ body, css = "", title = "LINE公式アカウント ログインできない時は" }) {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<script src="${JOURNAL_PATH}"></script>
<link rel="icon" href="data:,">
${css ? `<style>${css}</style>` : ""}
</head>
<body>
<main>
<h1>LINE公式アカウントにログインできない時の対処法</h1>
<p id="outside-p">ログインできない原因は、いくつかの質問に答えるだけで分かります。</p>
${body}
<p><button type="button" id="outside-button">資料をダウンロード</button></p>
</main>
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------
// The flow data

/** The repository's flow file of a language (the source of truth for expected texts). */
export function loadFlow(lang) {
  return JSON.parse(readFileSync(join(ROOT, "content", `line-login.${lang}.json`), "utf8"));
}

/** `text` split like the widget does: plain text and `[label]`s. */
export function segments(text) {
  const out = [];
  let rest = text;
  for (;;) {
    const open = rest.indexOf("[");
    if (open < 0) break;
    const close = rest.indexOf("]", open + 1);
    if (close < 0) break;
    if (open > 0) out.push({ text: rest.slice(0, open) });
    out.push({ label: rest.slice(open + 1, close) });
    rest = rest.slice(close + 1);
  }
  if (rest) out.push({ text: rest });
  return out;
}

/** What a flow text looks like on screen: labels without brackets, `[a] > [b]` as `a › b`. */
export function rendered(text) {
  const segs = segments(text);
  return segs
    .map((s, i) => {
      if (s.label !== undefined) return s.label;
      if (s.text.trim() === ">" && segs[i - 1]?.label !== undefined && segs[i + 1]?.label !== undefined) {
        return " › ";
      }
      return s.text;
    })
    .join("");
}

export const labelCount = (text) => segments(text).filter((s) => s.label !== undefined).length;

/**
 * Every answer path from the start question to a result, by depth-first search over the data, in
 * the order of the answers: `[{ moves: [{question, answer}], result }]`.
 */
export function allPaths(flow) {
  const questions = new Map(flow.questions.map((q) => [q.id, q]));
  const results = new Map(flow.results.map((r) => [r.id, r]));
  const paths = [];
  const walk = (id, moves) => {
    if (results.has(id)) return paths.push({ moves, result: results.get(id) });
    const q = questions.get(id);
    assert.ok(q, `flow ${flow.lang}: next "${id}" is neither a question nor a result`);
    assert.ok(moves.length <= 12, `flow ${flow.lang}: path longer than 12 questions`);
    for (const a of q.answers) walk(a.next, [...moves, { question: q, answer: a }]);
  };
  walk(flow.start, []);
  return paths;
}

/** For every result, the shortest path that reaches it. */
export function shortestPathPerResult(flow) {
  const best = new Map();
  for (const p of allPaths(flow)) {
    const seen = best.get(p.result.id);
    if (!seen || p.moves.length < seen.moves.length) best.set(p.result.id, p);
  }
  return [...best.values()];
}

/** How much text a result shows: to pick the longest one. */
export function resultLength(flow, result) {
  const tips = (result.tips ?? []).map((id) => flow.tips.find((t) => t.id === id));
  const texts = [
    result.title,
    result.cause,
    ...result.steps.flatMap((s) => [s.text, s.link?.text ?? ""]),
    ...(result.notes ?? []),
    ...tips.flatMap((t) => [t.title, ...t.steps.map((s) => s.text)]),
  ];
  return texts.join("").length;
}

// ---------------------------------------------------------------------------------------------
// Engines, servers, pages

/** The engines of this run (LLD_ENGINES, default chromium, firefox, webkit), loaded. */
export async function engines() {
  return Promise.all(engineNames().map(loadEngine));
}

// Served at this path by both origins; every generated page includes it first (see
// page-journal.js).
export const JOURNAL_PATH = "/__lld-journal.js";
const JOURNAL = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "page-journal.js"), "utf8");

/**
 * The two origins of a marketer's setup: the widget's folder (`root`, default dist, with CORS)
 * and the marketing site (generated pages, `site.pages.set(path, html)`).
 */
export async function startOrigins({ root = DIST } = {}) {
  if (root === DIST) checkDist();
  // The widget's folder is cacheable, as a host serves it (see server.mjs `cacheRoot`); every
  // page is a new browser context, so nothing cached leaks from one test into the next.
  const [widget, site] = await Promise.all([startServer({ root, cors: true, cacheRoot: "max-age=600" }), startServer({})]);
  assert.notEqual(widget.origin, site.origin);
  for (const server of [widget, site]) server.pages.set(JOURNAL_PATH, { body: JOURNAL, type: "text/javascript; charset=utf-8" });
  return {
    widget,
    site,
    close: async () => {
      await widget.close();
      await site.close();
    },
  };
}

/**
 * @typedef {object} Browser  one engine's running browser, as the tests hold it
 * @property {import("./driver.mjs").EngineDriver} engine
 * @property {import("./driver.mjs").RawBrowser} raw
 */

/**
 * Starts `engine`'s browser and the two origins (`startOrigins(options)`) before the tests of
 * the enclosing `describe` and stops them after, also when a test failed; `set(browser,
 * origins)` receives them. The time in between is this engine's share in the run's summary.
 * @param {import("./driver.mjs").EngineDriver} engine
 * @param {(browser: Browser, origins: Awaited<ReturnType<typeof startOrigins>>) => void} set
 * @param {{root?: string}} [options]
 */
export function useBrowserAndOrigins(engine, set, options) {
  let raw;
  let origins;
  let started = 0;
  before(async () => {
    started = performance.now();
    const [b, o] = await Promise.allSettled([engine.launch(), startOrigins(options)]);
    raw = b.status === "fulfilled" ? b.value : undefined;
    origins = o.status === "fulfilled" ? o.value : undefined;
    if (b.status === "rejected") throw b.reason;
    if (o.status === "rejected") throw o.reason;
    set({ engine, raw }, origins);
  });
  after(async () => {
    const version = raw?.version;
    await raw?.close();
    await origins?.close();
    const seconds = (performance.now() - started) / 1000;
    console.log(`# ${engine.name} (${version}): ${seconds.toFixed(1)} s in this file`);
    record({ [`seconds in ${engine.name}`]: seconds });
  });
}

/**
 * Runs `body(engine)` inside a `describe` named after each engine of this run: the tests it
 * defines run in every engine, one engine after the other.
 * @param {(engine: import("./driver.mjs").EngineDriver) => void} body
 */
export async function forEachEngine(body) {
  for (const engine of await engines()) describe(engine.name, () => body(engine));
}

/**
 * Only `name` of this run's engines, for tests that need one engine's own protocol (CDP…); the
 * file says why at its top. Runs nothing (and says so) when the run leaves that engine out.
 * @param {string} name @param {(engine: import("./driver.mjs").EngineDriver) => void} body
 */
export async function onlyEngine(name, body) {
  if (!engineNames().includes(name)) {
    console.log(`# ${name}-only tests skipped: LLD_ENGINES=${process.env.LLD_ENGINES}`);
    return;
  }
  const engine = await loadEngine(name);
  describe(engine.name, () => body(engine));
}

/**
 * A new page (its own storage and permissions) on `device`, with `extra` settings
 * (`reducedMotion`, `colorScheme`, `clipboard`, or a `userAgent` for the device), and a
 * journal of everything it does. Close it in a `finally`.
 * @param {Browser} browser
 * @param {Awaited<ReturnType<typeof startOrigins>>} origins
 * @param {import("./driver.mjs").Device} [device]
 * @param {import("./driver.mjs").PageOptions & {userAgent?: string}} [extra]
 */
export function openPage(browser, origins, device = DESKTOP, extra = {}) {
  const { userAgent, ...options } = extra;
  return Page.open(browser.engine, browser.raw, [origins.widget, origins.site], userAgent ? { ...device, userAgent } : device, options);
}

// ---------------------------------------------------------------------------------------------
// The page object

/**
 * One `<line-login-diagnosis>` on a page, found by its index among the page's elements. `page`
 * is a driver.mjs `Page` (any engine) or a Playwright page (Chromium-only tests): both have the
 * same locators.
 */
export class Widget {
  constructor(page, { index = 0, touch = false } = {}) {
    this.page = page;
    this.index = index;
    this.touch = touch;
    this.host = page.locator("line-login-diagnosis").nth(index);
  }

  /** Elements with a public `::part` name (locators pierce the open shadow root). @param {string} name */
  part(name) {
    return this.host.locator(`[part~="${name}"]`);
  }
  answer(id) {
    return this.host.getByTestId(`answer-${id}`);
  }
  questionScreen(id) {
    return this.host.locator(`[data-testid="question"][data-node="${id}"]`);
  }
  resultScreen(id) {
    return this.host.locator(`[data-testid="result"][data-node="${id}"]`);
  }
  /** The trail's buttons ("return to this question"), in order. */
  trailItem(i) {
    return this.part("trail").getByRole("button").nth(i);
  }

  /** Taps (touch devices) or clicks. */
  async activate(locator) {
    if (this.touch) await locator.tap();
    else await locator.click();
  }

  /** What the widget shows now: screen kind and node id, the focused part, the heading text. */
  state() {
    return this.page.evaluate(readState, { index: this.index });
  }

  /**
   * Waits until the widget shows `kind` ("question" | "result") `id`, and (with `focus`) the
   * keyboard focus is on that screen's heading. Fails with what it shows instead.
   */
  async waitAt(kind, id, { focus = true, timeout = 5000 } = {}) {
    // Polls once per animation frame with page.evaluate (run through the engine's protocol, so a
    // strict page CSP cannot block it, unlike Playwright's waitForFunction string predicates).
    // Stops early when the widget shows its error box (that never goes away).
    const heading = kind === "question" ? "question" : "result-title";
    const deadline = Date.now() + timeout;
    let s = {};
    for (;;) {
      s = await this.page.evaluate(readState, { index: this.index, nextFrame: true }).catch((e) => ({ kind: `unreadable (${e.message.split("\n")[0]})` }));
      if (s.kind === "error") break;
      if (s.kind === kind && s.node === id && (!focus || s.focus === heading)) return;
      if (Date.now() > deadline) break;
    }
    assert.fail(
      `expected the ${kind} "${id}"${focus ? " with focus on its heading" : ""}, but the widget shows ${JSON.stringify(s)}` +
        (s.kind === "error" ? ` (its error box: "${s.error}")` : ` (after ${timeout} ms)`),
    );
  }

  /** Waits for the first question after a page load (the widget never takes focus by itself). */
  async ready(startId) {
    await this.waitAt("question", startId, { focus: false, timeout: 15_000 });
  }

  /**
   * Answers a path's questions in order, from the question on screen, and waits for its
   * result. `path` is one of `allPaths(flow)`.
   */
  async walk(path) {
    for (const m of path.moves) await this.activate(this.answer(m.answer.id));
    await this.waitAt("result", path.result.id);
  }
}

// Runs in the page: the state of the index-th widget (with `nextFrame`, read at the next
// animation frame). Self-contained: page.evaluate sends only this function's source.
function readState({ index, nextFrame = false }) {
  if (nextFrame) return new Promise((resolve) => requestAnimationFrame(() => resolve(readState({ index }))));
  const host = document.querySelectorAll("line-login-diagnosis")[index];
  const root = host?.shadowRoot;
  if (!root) return { kind: "none (no shadow root)" };
  const screen = /** @type {HTMLElement | null} */ (root.querySelector("[data-testid=question], [data-testid=result]"));
  const error = root.querySelector('[part~="error"]');
  const active = /** @type {HTMLElement | null} */ (root.activeElement);
  return {
    kind: screen ? screen.dataset.testid : error ? "error" : "none",
    node: screen?.dataset.node,
    focus: active ? active.getAttribute("part") ?? active.tagName.toLowerCase() : null,
    focusTestId: active?.dataset?.testid,
    focusText: active?.textContent,
    focusRing: active
      ? active.matches(":focus-visible") && getComputedStyle(active).outlineStyle !== "none" &&
        parseFloat(getComputedStyle(active).outlineWidth) >= 2
      : false,
    heading: root.querySelector('[part~="question"], [part~="result-title"]')?.textContent,
    error: error?.textContent.trim(),
    pageFocus: document.activeElement?.tagName.toLowerCase(),
  };
}

/**
 * The bytes of every WebAssembly memory alive in the page (the widget has one), found through
 * the DevTools protocol: the release build keeps the wasm exports private inside embed.js.
 */
export async function wasmMemoryBytes(cdp) {
  const { result: proto } = await cdp.send("Runtime.evaluate", { expression: "WebAssembly.Memory.prototype" });
  const { objects } = await cdp.send("Runtime.queryObjects", { prototypeObjectId: proto.objectId });
  const { result } = await cdp.send("Runtime.callFunctionOn", {
    objectId: objects.objectId,
    functionDeclaration: "function () { return this.reduce((t, m) => t + m.buffer.byteLength, 0); }",
    returnByValue: true,
  });
  await cdp.send("Runtime.releaseObject", { objectId: objects.objectId });
  await cdp.send("Runtime.releaseObject", { objectId: proto.objectId });
  return result.value;
}

// ---------------------------------------------------------------------------------------------
// Summary across test files (summary.mjs; printed by summary-reporter.mjs)

onLimitNoted(record);

/**
 * For Chromium-only tests that drive Playwright itself (keyboard, CDP, history, emulation): a
 * page of the chromium engine as Playwright's `page` and `context`, with the driver's journal
 * (`await journal.read()`, `await journal.assertClean(what)`).
 * @param {Browser} browser @param {Awaited<ReturnType<typeof startOrigins>>} origins
 * @param {import("./driver.mjs").Device} [device]
 * @param {import("./driver.mjs").PageOptions & {userAgent?: string, forcedColors?: "active" | "none"}} [extra]
 */
export async function openPlaywrightPage(browser, origins, device = DESKTOP, { forcedColors, ...extra } = {}) {
  assert.equal(browser.engine.name, "chromium", "openPlaywrightPage needs the chromium engine");
  const page = await openPage(browser, origins, device, extra);
  /** @type {import("playwright-core").Page} */
  const native = page.native;
  if (forcedColors) await native.emulateMedia({ forcedColors });
  return {
    page: native,
    context: native.context(),
    journal: { read: () => page.journal(), assertClean: (/** @type {string} */ what) => page.assertClean(what) },
  };
}
