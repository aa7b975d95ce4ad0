// Shared pieces of the end-to-end tests: where the build is, the README snippet, the flow data
// and its paths, the browser, a journal of everything a page does (console, errors, requests),
// and a small page object for the widget (part / test-id / role locators).
//
// The tests run against a release build: LLD_DIST (default `dist`, relative to the repo root).
// The expected texts come from the repository's content files, so a build whose content differs
// from the sources fails.

import { before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync, readdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "./server.mjs";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DIST = resolve(ROOT, process.env.LLD_DIST ?? "dist");
export const SCREENSHOTS = join(ROOT, "build", "screenshots");
export const README_BASE = "https://example.com/line-login-diagnosis/v1/";
export const LANGS = ["ja", "en"];

export const PHONE = {
  name: "phone",
  // A phone's browser (the widget words LINE app steps by the device it runs on).
  userAgent:
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36",
  viewport: { width: 375, height: 667 },
  hasTouch: true,
  isMobile: true,
  deviceScaleFactor: 2,
};
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
      `${join(DIST, f)} is missing: build first (trunk build --release) or set LLD_DIST`,
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
 * The README snippet with only its base URL replaced by `widgetOrigin`, plus the given attributes
 * on the element (e.g. `{ lang: "en" }`).
 */
export function snippetFor(widgetOrigin, attrs = {}) {
  let s = readmeSnippet().split(README_BASE).join(`${widgetOrigin}/`);
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
// Browser, servers, journal

export const LAUNCH_ARGS = [
  "--no-sandbox",
  "--headless=new",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function launch() {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: LAUNCH_ARGS });
}

/**
 * The two origins of a marketer's setup: the widget's folder (dist, with CORS) and the
 * marketing site (generated pages, `site.pages.set(path, html)`).
 */
export async function startOrigins() {
  checkDist();
  const widget = await startServer({ root: DIST, cors: true });
  const site = await startServer({});
  assert.notEqual(widget.origin, site.origin);
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
 * Starts Chromium and the two origins before a test file's tests and closes them after;
 * `set(browser, origins)` receives them.
 */
export function useBrowserAndOrigins(set) {
  let browser;
  let origins;
  before(async () => {
    [browser, origins] = await Promise.all([launch(), startOrigins()]);
    set(browser, origins);
  });
  after(async () => {
    await browser?.close();
    await origins?.close();
  });
}

/**
 * Records everything the pages of a context do: console errors and warnings, uncaught errors,
 * failed requests, HTTP errors, and every request URL. `assertClean` fails with the whole list.
 */
export function watch(context, allowedOrigins) {
  const j = {
    requests: [],
    consoleErrors: [],
    consoleWarnings: [],
    pageErrors: [],
    failed: [],
    httpErrors: [],
    foreign: [],
  };
  const allowed = (url) =>
    url.startsWith("data:") || url.startsWith("about:") || allowedOrigins.some((o) => url.startsWith(`${o}/`));
  context.on("request", (r) => {
    j.requests.push(r.url());
    if (!allowed(r.url())) j.foreign.push(r.url());
  });
  context.on("requestfailed", (r) => j.failed.push(`${r.url()} (${r.failure()?.errorText})`));
  context.on("response", (r) => {
    if (r.status() >= 400) j.httpErrors.push(`${r.status()} ${r.url()}`);
  });
  const onPage = (page) => {
    page.on("console", (m) => {
      const where = m.location()?.url ? ` @ ${m.location().url}` : "";
      if (m.type() === "error") j.consoleErrors.push(`${m.text()}${where}`);
      if (m.type() === "warning") j.consoleWarnings.push(`${m.text()}${where}`);
    });
    page.on("pageerror", (e) => j.pageErrors.push(String(e?.stack ?? e)));
  };
  context.on("page", onPage);
  for (const p of context.pages()) onPage(p);
  j.assertClean = (what = "this journey") => {
    const problems = [];
    for (const [key, label] of [
      ["consoleErrors", "console error"],
      ["consoleWarnings", "console warning"],
      ["pageErrors", "uncaught page error"],
      ["failed", "failed request"],
      ["httpErrors", "HTTP error response"],
      ["foreign", "request to a third origin"],
    ]) {
      for (const x of j[key]) problems.push(`${label}: ${x}`);
    }
    assert.deepEqual(problems, [], `${what}: expected no errors and no foreign requests, got:\n  ${problems.join("\n  ")}`);
  };
  return j;
}

/** A new context (viewport options, reduced motion, a journal) with one page. */
export async function openPage(browser, origins, device = DESKTOP, extra = {}) {
  const { name: _name, ...options } = device;
  const context = await browser.newContext({ ...options, ...extra });
  context.setDefaultTimeout(10_000);
  const journal = watch(context, [origins.widget.origin, origins.site.origin]);
  const page = await context.newPage();
  return { context, page, journal };
}

// ---------------------------------------------------------------------------------------------
// The page object

/** One `<line-login-diagnosis>` on a page, found by its index among the page's elements. */
export class Widget {
  constructor(page, { index = 0, touch = false } = {}) {
    this.page = page;
    this.index = index;
    this.touch = touch;
    this.host = page.locator("line-login-diagnosis").nth(index);
  }

  /** Elements with a public `::part` name (locators pierce the open shadow root). */
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
    // Polls once per animation frame with page.evaluate (run through the DevTools protocol, so
    // a strict page CSP cannot block it, unlike waitForFunction's string predicates). Stops
    // early when the widget shows its error box (that never goes away).
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
}

// Runs in the page: the state of the index-th widget (with `nextFrame`, read at the next
// animation frame). Self-contained: page.evaluate sends only this function's source.
function readState({ index, nextFrame = false }) {
  if (nextFrame) return new Promise((resolve) => requestAnimationFrame(() => resolve(readState({ index }))));
  const host = document.querySelectorAll("line-login-diagnosis")[index];
  const root = host?.shadowRoot;
  if (!root) return { kind: "none (no shadow root)" };
  const screen = root.querySelector("[data-testid=question], [data-testid=result]");
  const error = root.querySelector('[part~="error"]');
  const active = root.activeElement;
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
// Summary across test files (each file runs in its own process under one `node --test`)

const SUMMARY_DIR = join(ROOT, "build", "e2e-summary", String(process.ppid));

/** Adds counts (e.g. `{ "paths walked (ja)": 41 }`) to this run's summary. */
export function record(counts) {
  mkdirSync(SUMMARY_DIR, { recursive: true });
  const file = join(SUMMARY_DIR, `${basename(process.argv[1] ?? "x")}-${process.pid}.json`);
  const old = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  for (const [k, v] of Object.entries(counts)) old[k] = (old[k] ?? 0) + v;
  writeFileSync(file, JSON.stringify(old));
}

/** Everything recorded in this run so far. */
export function summary() {
  const total = {};
  if (!existsSync(SUMMARY_DIR)) return total;
  for (const f of readdirSync(SUMMARY_DIR)) {
    for (const [k, v] of Object.entries(JSON.parse(readFileSync(join(SUMMARY_DIR, f), "utf8")))) {
      total[k] = (total[k] ?? 0) + v;
    }
  }
  return total;
}
