// @ts-check
// The performance benchmark, run by scripts/bench.sh after the release build (not part of the
// test run: a missed target prints FAIL but never fails the command). Measures, on the demo page
// (dist/index.html, the widget's files on the same origin) in headless Chromium:
//   1. bytes of every file the widget loads (scripts/size.mjs `measure()`), and the wasm by section
//   2. the wasm by function and by crate (twiggy on a build with names kept)
//   3. time to ready (navigation start → first question present with its answer buttons),
//      throttled (slow 4G + 4x CPU) and unthrottled, fresh context (cold cache) per load,
//      interleaved with two reference pages so machine noise shows up as a ratio: plain HTML
//      (same layout, the first question as static HTML, no script) and plain JS (the same
//      screens and CSS in a module script of its own, as a hand-written widget would ship)
//   4. layout shift, long tasks during start
//   5. tap → next screen painted over every answer path (4x CPU), interleaved path by path with a
//      tap reference (the same screens and CSS swapped in by plain JS), and memory after 1–3 walks
//   6. the first question painted and the first tap answered (a tap as soon as the question is
//      painted, slow 4G + 4x CPU, cold): the prerendered demo page (dist/index.html, README "The
//      first question without waiting") against the plain-JS page and the classic demo page
// Items 3–5 run on the classic demo page (the element holds the one-line fallback, as before the
// prerendered snippets), so they stay comparable with earlier runs.
// Prints tables on stdout and writes everything to the JSON file given by --out.
//
// Usage: node scripts/bench.mjs --dist build/bench/dist --named build/bench/names/named.wasm
//          [--out build/bench/results.json]        (BENCH_RUNS=11: loads per page and condition)
// docs/benchmark.md says how to read every number.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { measure } from "./size.mjs";
import { category, wasmSections } from "./wasm-inspect.mjs";
import { chromium } from "playwright-core";
import { DESKTOP, PHONE, ROOT, Widget, allPaths, loadFlow, rendered, wasmMemoryBytes } from "../tests/e2e/lib.mjs";
import { LAUNCH_ARGS } from "../tests/e2e/engines/chromium.mjs";
import { startServer } from "../tests/e2e/server.mjs";

/** Debian's Chromium, as the end-to-end tests start it (the benchmark needs its DevTools protocol). */
const launch = () => chromium.launch({ executablePath: "/usr/bin/chromium", args: LAUNCH_ARGS });

// ---------------------------------------------------------------------------------------------
// Settings

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const DIST = resolve(ROOT, arg("dist", "build/bench/dist"));
const NAMED = resolve(ROOT, arg("named", "build/bench/names/named.wasm"));
const OUT = resolve(ROOT, arg("out", "build/bench/results.json"));
const RUNS = Number(process.env.BENCH_RUNS ?? 11);

/** slow 4G as Lighthouse / DevTools define it, and a mid-range phone's CPU. */
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 };
const CPU_RATE = 4;
const CONDITIONS = {
  throttled: { network: SLOW_4G, cpu: CPU_RATE, label: "slow 4G (150 ms, 1.6/0.75 Mbps) + 4x CPU" },
  unthrottled: { network: null, cpu: 1, label: "no throttling" },
};
/** Time after ready (widget) or FCP (reference) to keep observing late layout shifts. */
const SETTLE_MS = 500;
/** Idle time before each load. */
const PAUSE_MS = 300;

const TARGETS = {
  gzip: 80_000, // B, total gzip -9 of what the widget loads (1 KB = 1000 B, as scripts/size.mjs)
  ready: 1000, // ms, median time to ready, throttled, cold
  ready_ratio: 1.2, // median ready, widget / plain-JS page, throttled, same run
  tap_ratio: 1.2, // median tap → painted, widget / plain-JS page, 4x CPU, same run
  first_question_ratio: 1.0, // median first question painted, prerendered page / plain-JS page, throttled, same run
  first_tap_ratio: 1.2, // median first tap answered (from navigation start), prerendered / plain-JS page, throttled
  cls: 0, // layout shift caused by the widget
};

// ---------------------------------------------------------------------------------------------
// Small helpers

const stats = (xs) => {
  const v = xs.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return { n: 0, median: null, min: null, max: null };
  const mid = v.length >> 1;
  const q = (p) => v[Math.min(v.length - 1, Math.ceil(p * v.length) - 1)];
  return {
    n: v.length,
    median: v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2,
    min: v[0],
    max: v[v.length - 1],
    p90: q(0.9),
  };
};
const r1 = (x) => (x == null ? null : Math.round(x * 10) / 10);
const ratioOf = (a, b) => (a == null || !b ? null : Math.round((a / b) * 100) / 100);
const r3 = (x) => (x == null ? null : Math.round(x * 1000) / 1000);
const fmt = (x, digits = 0) => (x == null ? "–" : x.toFixed(digits));
const pad = (s, n) => String(s).padStart(n);
const line = (cells, widths) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[0]) : pad(c, widths[i]))).join("  ");
const heading = (s) => console.log(`\n## ${s}\n`);
const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const verdicts = [];
const verdict = (name, value, target, pass, unit = "") => {
  verdicts.push({ name, value, target, pass });
  return `${pass ? "PASS" : "FAIL"}  ${name}: ${value}${unit} (target ${target}${unit})`;
};

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The fraction of the machine's CPU time in use over `ms` (all processes: /proc/stat). */
async function cpuBusy(ms = 2000) {
  const read = () => readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  if (!existsSync("/proc/stat")) return null;
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  const d = b.map((x, i) => x - a[i]);
  const total = d.reduce((t, x) => t + x, 0);
  return total ? r3((total - d[3] - d[4]) / total) : null;
}

/** The commit measured and whether the work tree differs from it (read-only git commands). */
function gitState() {
  try {
    const git = (...a) => execFileSync("git", a, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const changed = git("status", "--porcelain", "--untracked-files=no").split("\n").filter(Boolean).length;
    return { commit: git("rev-parse", "--short", "HEAD"), changed_files: changed };
  } catch {
    return null;
  }
}

function machine() {
  const cpuinfo = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
  const nproc = Number(execFileSync("nproc", { encoding: "utf8" }).trim());
  return {
    nproc,
    cpu: cpuinfo.match(/^model name\s*:\s*(.*)$/m)?.[1] ?? cpus()[0]?.model ?? "unknown",
    memory_gb: r1(Number(readFileSync("/proc/meminfo", "utf8").match(/MemTotal:\s+(\d+)/)?.[1] ?? 0) / 1e6),
    node: process.version,
  };
}

// ---------------------------------------------------------------------------------------------
// 1 + 2. Sizes

function sizes() {
  const size = measure(DIST);
  const shipped = readFileSync(join(DIST, "line-login-diagnosis_bg.wasm"));
  const sections = wasmSections(shipped).map(({ name, bytes, body }) => ({
    name,
    raw: bytes,
    gzip_alone: gzipSync(body, { level: 9 }).length,
  }));

  // The named build must be the shipped wasm plus its name section, else the breakdown lies.
  const named = readFileSync(NAMED);
  const namedSections = wasmSections(named);
  const nameBytes = namedSections.filter((s) => s.name === "custom:name").reduce((t, s) => t + s.bytes, 0);
  const sameCode =
    JSON.stringify(namedSections.filter((s) => s.name !== "custom:name").map((s) => [s.name, s.bytes])) ===
    JSON.stringify(sections.map((s) => [s.name, s.raw]));

  const twiggy = (...args) => execFileSync("twiggy", [...args, NAMED], { encoding: "utf8", maxBuffer: 64 << 20 });
  const topText = twiggy("top", "-n", "25");
  const items = JSON.parse(twiggy("top", "-n", "1000000", "-f", "json"));
  const crates = new Map();
  for (const it of items) {
    const c = category(it.name);
    const e = crates.get(c) ?? { category: c, bytes: 0, items: 0, largest: it.name, largest_bytes: 0 };
    e.bytes += it.shallow_size;
    e.items += 1;
    if (it.shallow_size > e.largest_bytes) Object.assign(e, { largest: it.name, largest_bytes: it.shallow_size });
    crates.set(c, e);
  }
  const shippedBytes = shipped.length;
  const byCrate = [...crates.values()]
    .sort((a, b) => b.bytes - a.bytes)
    .map((e) => ({ ...e, percent_of_shipped: e.category.startsWith("name section") ? null : r1((100 * e.bytes) / shippedBytes) }));
  const monos = twiggy("monos", "-m", "10", "-n", "0");

  // The widget's CSS, compiled into the wasm by build.rs (the newest OUT_DIR).
  let css = null;
  const buildDir = join(ROOT, "target/wasm32-unknown-unknown/release/build");
  if (existsSync(buildDir)) {
    const found = readdirSync(buildDir)
      .filter((d) => d.startsWith("line-login-diagnosis-"))
      .map((d) => join(buildDir, d, "out/widget.css"))
      .filter(existsSync)
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
    if (found) {
      const b = readFileSync(found);
      css = { raw: b.length, gzip_alone: gzipSync(b, { level: 9 }).length, text: b.toString("utf8") };
    }
  }

  // Source file paths kept in the data for panic messages (#[track_caller] locations).
  const paths = [...shipped.toString("latin1").matchAll(/[\w.\/@-]{3,}\.rs/g)].map((m) => m[0]);
  const panicPaths = { count: paths.length, raw: paths.reduce((t, p) => t + p.length, 0), gzip_alone: gzipSync(paths.join(""), { level: 9 }).length };

  return {
    files: size,
    wasm: {
      shipped_bytes: shippedBytes,
      sections,
      named_build: { file: relative(ROOT, NAMED), bytes: named.length, name_section_bytes: nameBytes, same_as_shipped: sameCode },
      twiggy_top: topText,
      twiggy_monos: monos,
      by_crate: byCrate,
      top_items: items
        .filter((i) => !/^".*" subsection$/.test(i.name))
        .slice(0, 40)
        .map((i) => ({ name: i.name, bytes: i.shallow_size, category: category(i.name) })),
      widget_css: css && { raw: css.raw, gzip_alone: css.gzip_alone },
      widget_css_text: css?.text ?? null,
      panic_location_paths: panicPaths,
    },
  };
}

function printSizes(s) {
  heading("1. Bytes a page loads for the widget (build/bench/dist; gzip -9 and brotli q11 per file)");
  const w = [32, 9, 9, 9];
  console.log(line(["file", "raw", "gzip -9", "brotli"], w));
  for (const r of [...s.files.rows, { file: "total", ...s.files.total }]) console.log(line([r.file, r.raw, r.gzip, r.brotli], w));
  console.log(verdict("total gzip", s.files.total.gzip, TARGETS.gzip, s.files.total.gzip <= TARGETS.gzip, " B"));
  console.log(`        (${s.files.total.gzip - TARGETS.gzip > 0 ? `${s.files.total.gzip - TARGETS.gzip} B to cut` : "met"}; scripts/size.mjs budget ${s.files.budget_gzip} B)`);

  heading("The shipped wasm by section (gzip -9 of each section alone)");
  const ws = [26, 9, 12];
  console.log(line(["section", "raw", "gzip alone"], ws));
  for (const x of s.wasm.sections) console.log(line([x.name, x.raw, x.gzip_alone], ws));
  if (s.wasm.widget_css) console.log(`of the data: the widget CSS, ${s.wasm.widget_css.raw} B raw (${s.wasm.widget_css.gzip_alone} B gzip alone)`);
  const pp = s.wasm.panic_location_paths;
  console.log(`of the data: ${pp.count} source file paths for panic locations, ${pp.raw} B raw (${pp.gzip_alone} B gzip alone)`);

  heading(`2. The wasm by function: twiggy top -n 25 ${s.wasm.named_build.file}`);
  const nb = s.wasm.named_build;
  console.log(
    `(the named build is ${nb.bytes} B = the shipped ${s.wasm.shipped_bytes} B + a ${nb.name_section_bytes} B name section that is not shipped; ` +
      `${nb.same_as_shipped ? "every other section is byte-for-byte the size of the shipped one" : "WARNING: its sections differ from the shipped wasm (another build ran in between?)"}. ` +
      "wasm-opt inlines small functions into their callers, so a row is a function plus what was inlined into it.)\n",
  );
  const cut = (t, n = 170) => t.split("\n").map((l) => ([...l].length > n ? `${[...l].slice(0, n - 1).join("")}…` : l)).join("\n");
  console.log(cut(s.wasm.twiggy_top.trimEnd()));

  heading("The wasm by crate (sum of twiggy's items; % of the shipped wasm)");
  const wc = [46, 8, 6, 6];
  console.log(`${line(["crate / part", "bytes", "%", "items"], wc)}  largest item`);
  for (const c of s.wasm.by_crate) {
    const largest = c.largest.length > 80 ? `${c.largest.slice(0, 79)}…` : c.largest;
    console.log(`${line([c.category, c.bytes, c.percent_of_shipped == null ? "–" : c.percent_of_shipped, c.items], wc)}  ${largest} (${c.largest_bytes})`);
  }
  heading("Generic code duplicated by monomorphization (twiggy monos -m 10 -n 0)");
  console.log(cut(s.wasm.twiggy_monos.trimEnd()));
}

// ---------------------------------------------------------------------------------------------
// 3 + 4 + 5. The browser

// Injected before any page script (page.addInitScript), in every load: observers for paint,
// layout shift, long tasks and Event Timing; the widget's shadow root is watched from the moment
// it is attached (a wrapper around attachShadow) to time the first question and every tap.
const INIT = `(() => {
  const B = (window.__bench = { fcp: null, lcp: null, cls: 0, shifts: [], longtasks: [], events: [],
    ready: null, readyFrame: null, readyPaint: null, taps: [], pending: null, root: null,
    firstQuestion: null, firstQuestionPaint: null });
  const observe = (type, each, extra = {}) => {
    try { new PerformanceObserver((l) => l.getEntries().forEach(each)).observe({ type, buffered: true, ...extra }); }
    catch (e) { B["no_" + type] = String(e); }
  };
  const describe = (n) => !n ? null : n.nodeType === 1
    ? n.localName + (n.id ? "#" + n.id : "") + (n.classList && n.classList.length ? "." + [...n.classList].join(".") : "")
    : n.nodeName;
  observe("paint", (e) => { if (e.name === "first-contentful-paint") B.fcp = e.startTime; });
  observe("largest-contentful-paint", (e) => { B.lcp = e.startTime; });
  observe("layout-shift", (e) => {
    if (e.hadRecentInput) return;
    B.cls += e.value;
    B.shifts.push({ t: e.startTime, value: e.value, sources: (e.sources || []).map((s) => describe(s.node)) });
  });
  observe("longtask", (e) => B.longtasks.push({ t: e.startTime, d: e.duration }));
  observe("event", (e) => B.events.push({ name: e.name, t: e.startTime, d: e.duration, id: e.interactionId,
    start: e.processingStart, end: e.processingEnd }), { durationThreshold: 16 });

  // After the next paint: a task queued from requestAnimationFrame runs once that frame is done.
  const afterPaint = (cb) => requestAnimationFrame(() => {
    const frame = performance.now();
    const ch = new MessageChannel();
    ch.port1.onmessage = () => cb(frame, performance.now());
    ch.port2.postMessage(0);
  });
  let readyResolve, fcpResolve, firstQuestionResolve;
  B.readyPromise = new Promise((r) => (readyResolve = r));
  // The first question painted: the prerendered one (a declarative shadow root, there with the
  // HTML), or else the first one a script renders (ready).
  B.firstQuestionPromise = new Promise((r) => (firstQuestionResolve = r));
  const firstQuestion = (now) => {
    if (B.firstQuestion !== null) return;
    B.firstQuestion = now;
    afterPaint((frame, painted) => { B.firstQuestionPaint = painted; firstQuestionResolve(painted); });
  };
  B.fcpPromise = new Promise((r) => (fcpResolve = r));
  observe("paint", (e) => { if (e.name === "first-contentful-paint") fcpResolve(e.startTime); });

  const screen = () => {
    const s = B.root && B.root.querySelector('[data-testid="question"], [data-testid="result"]');
    return s ? s.dataset.testid + ":" + s.dataset.node : null;
  };
  const watch = (root) => {
    B.root = root;
    B.attached = performance.now();
    new MutationObserver(() => {
      const now = performance.now();
      if (B.ready === null) {
        const h = root.querySelector('[part~="question"]');
        // (Answer buttons: a prerendered screen's answers are links until the widget takes over.)
        if (h && h.isConnected && root.querySelector('button[part~="answer"]')) {
          B.ready = now;
          firstQuestion(now);
          B.readyScreen = screen();
          afterPaint((frame, painted) => { B.readyFrame = frame; B.readyPaint = painted; readyResolve(B.ready); });
        }
      }
      const p = B.pending;
      // (No screen at all is the moment a takeover emptied the root, not the tap's answer.)
      if (p && screen() !== p.from && screen() !== null) {
        B.pending = null;
        p.to = screen();
        p.dom = now;
        afterPaint((frame, painted) => { p.frame = frame; p.paint = painted; B.taps.push(p); B.tapWaiters.splice(0).forEach((f) => f()); });
      }
    }).observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
  };
  // A declarative shadow root is attached by the parser, not by attachShadow: found by watching
  // the document as it is parsed. Its first question is there at once (ready is its takeover).
  const declarative = new MutationObserver(() => {
    const root = document.querySelector("line-login-diagnosis")?.shadowRoot;
    if (!root || B.root) return;
    declarative.disconnect();
    watch(root);
    if (root.querySelector('[part~="question"]') && root.querySelector('[part~="answer"]')) firstQuestion(performance.now());
  });
  declarative.observe(document, { childList: true, subtree: true });
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    if (this.localName === "line-login-diagnosis" && !B.root) watch(root);
    return root;
  };
  // A tap: the click's timestamp (when the browser received the release), the screen it left.
  addEventListener("click", (e) => {
    // Only the visitor's clicks (embed.js replays a tap made before the widget was ready with
    // click(), which is not one: the time counts from the visitor's).
    if (!B.root || !e.isTrusted) return;
    B.pending = { t0: e.timeStamp, handler: performance.now(), from: screen() };
  }, true);
  addEventListener("pointerdown", (e) => { B.lastPointerdown = e.timeStamp; }, true);
  B.tapWaiters = [];
  B.waitTap = (n) => new Promise((resolve) => {
    const check = () => (B.taps.length > n ? resolve(B.taps[n]) : B.tapWaiters.push(check));
    check();
  });
  B.snapshot = () => {
    const nav = performance.getEntriesByType("navigation")[0];
    const res = performance.getEntriesByType("resource").map((r) => ({
      name: r.name.replace(location.origin + "/", ""), start: r.startTime, responseStart: r.responseStart,
      end: r.responseEnd, encoded: r.encodedBodySize, decoded: r.decodedBodySize }));
    return { fcp: B.fcp, lcp: B.lcp, cls: B.cls, shifts: B.shifts, longtasks: B.longtasks, events: B.events,
      attached: B.attached ?? null, ready: B.ready, readyFrame: B.readyFrame, readyPaint: B.readyPaint, readyScreen: B.readyScreen ?? null,
      firstQuestion: B.firstQuestion, firstQuestionPaint: B.firstQuestionPaint,
      dcl: nav ? nav.domContentLoadedEventEnd : null, load: nav ? nav.loadEventEnd : null,
      htmlEnd: nav ? nav.responseEnd : null, resources: res,
      hostHeight: document.querySelector("line-login-diagnosis")?.getBoundingClientRect().height ?? null, noObservers: Object.keys(B).filter((k) => k.startsWith("no_")) };
  };
})();`;

/** The demo page with the widget replaced by its first question as static HTML, and no script. */
function referencePage(flow) {
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  const q = flow.questions.find((x) => x.id === flow.start);
  const staticWidget = [
    `<div class="bench-reference">`,
    `<p>質問 1</p>`,
    `<h2>${escapeHtml(rendered(q.text))}</h2>`,
    q.help ? `<p>${escapeHtml(rendered(q.help))}</p>` : "",
    `<ul>`,
    ...q.answers.map((a) => `<li><button type="button">${escapeHtml(rendered(a.text))}</button></li>`),
    `</ul>`,
    `</div>`,
  ].join("\n");
  const script = /<script type="module" src="embed\.js"><\/script>\s*/;
  const element = /(<line-login-diagnosis[^>]*>)[\s\S]*?(<\/line-login-diagnosis>)/;
  if (!script.test(html) || !element.test(html)) throw new Error("bench: dist/index.html no longer has the embed.js script or the element");
  // Without embed.js the element is never defined: a plain block (demo.css reserves its space).
  return html.replace(script, "").replace(element, `$1\n${staticWidget}\n$2`);
}

/**
 * The demo page as it was before the prerendered snippets (README "The first question without
 * waiting"): the element holds the one-line fallback, so the widget paints the first question
 * itself. Today's figures (ready, taps, memory) are measured on it, comparable with earlier runs.
 */
function classicPage() {
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  const element = /(<line-login-diagnosis[^>]*>)[\s\S]*?(<\/line-login-diagnosis>)/;
  if (!element.test(html)) throw new Error("bench: dist/index.html has no element");
  const fallback = '<p class="fallback">診断を読み込んでいます。表示されない場合は、<a href="#article">ログインできない時の対処法</a>をお読みください。</p>';
  return html.replace(element, `$1\n          ${fallback}\n        $2`);
}

/**
 * The tap reference: the demo page whose element gets an open shadow root with the widget's own
 * CSS, where a few lines of plain JS swap each screen in with innerHTML (every screen of the flow
 * pre-rendered as HTML, same parts and test ids as the widget, focus on the new heading). Walked
 * like the widget, it shows the floor of a tap on this machine: input, style, layout, paint and
 * waiting for the next frame, without Yew or wasm. The script is a file of its own
 * (reference-taps.js), loaded like embed.js, so the page is also the plain-JS reference for loads.
 */
function referenceTapsPage(flow, css) {
  const t = (x) => escapeHtml(rendered(x));
  const steps = (list) => `<ol>${list.map((st) => `<li part="step">${t(st.text)}${st.link ? ` <a href="${escapeHtml(st.link.href)}">${t(st.link.text)}</a>` : ""}</li>`).join("")}</ol>`;
  const nav = `<div class="nav"><button type="button" part="back" class="secondary">‹ 戻る</button><button type="button" part="restart" class="secondary" data-next="${escapeHtml(flow.start)}">最初から</button></div>`;
  const screens = {};
  // The widget's structure: div.root > section.lld > title, Back/Restart, the screen.
  const frame = (id, html) => `<section class="lld" data-theme="light" lang="${escapeHtml(flow.lang)}"><p class="title">${escapeHtml(flow.title)}</p>${id === flow.start ? "" : nav}${html}</section>`;
  for (const q of flow.questions) {
    screens[q.id] =
      `<div class="screen" data-testid="question" data-node="${escapeHtml(q.id)}"><p part="progress" class="progress">質問</p>` +
      `<h2 part="question" class="question" tabindex="-1">${t(q.text)}</h2>${q.help ? `<p class="help">${t(q.help)}</p>` : ""}<ul class="answers">` +
      q.answers.map((a) => `<li><button type="button" part="answer" class="answer" data-testid="answer-${escapeHtml(a.id)}" data-next="${escapeHtml(a.next)}">${t(a.text)}</button></li>`).join("") +
      `</ul></div>`;
  }
  for (const r of flow.results) {
    const tips = (r.tips ?? []).map((id) => flow.tips.find((x) => x.id === id)).filter(Boolean);
    screens[r.id] =
      `<div part="result" class="screen result" data-testid="result" data-node="${escapeHtml(r.id)}"><h2 part="result-title" class="question" tabindex="-1">${t(r.title)}</h2>` +
      `<p>${t(r.cause ?? "")}</p>${steps(r.steps)}${(r.notes ?? []).map((n) => `<p>${t(n)}</p>`).join("")}` +
      `<p>これで解決しましたか？</p><button type="button" part="resolved-yes" class="secondary">はい</button>` +
      tips.map((tip) => `<section class="tip"><h4>${t(tip.title)}</h4>${steps(tip.steps)}</section>`).join("") +
      `</div>`;
  }
  for (const id of Object.keys(screens)) screens[id] = frame(id, screens[id]);
  const script = `
const screens = ${JSON.stringify(screens).replace(/</g, "\\u003c")};
const host = document.querySelector("line-login-diagnosis");
const root = host.attachShadow({ mode: "open" });
const sheet = new CSSStyleSheet();
sheet.replaceSync(${JSON.stringify(css ?? "")});
root.adoptedStyleSheets = [sheet];
const box = document.createElement("div");
box.className = "root";
root.append(box);
const show = (id, focus) => { box.innerHTML = screens[id]; if (focus) box.querySelector("h2").focus(); };
root.addEventListener("click", (e) => { const b = e.target.closest("button[data-next]"); if (b) show(b.dataset.next, true); });
show(${JSON.stringify(flow.start)}, false);
`;
  const tag = `<script type="module" src="reference-taps.js"></script>`;
  const html = referencePage(flow).replace(/(<line-login-diagnosis[^>]*>)[\s\S]*?(<\/line-login-diagnosis>)/, "$1$2").replace("</body>", `${tag}\n</body>`);
  return { html, script };
}

/** Every file of dist/ served gzip-encoded (as a real host serves them), plus the reference page. */
function gzipPages(reference, referenceTaps, classic) {
  const pages = {};
  const walk = (dir) => {
    for (const f of readdirSync(dir)) {
      const path = join(dir, f);
      if (f.startsWith(".")) continue;
      if (statSync(path).isDirectory()) walk(path);
      else pages[`/${relative(DIST, path)}`] = { body: gzipSync(readFileSync(path), { level: 9 }), headers: { "Content-Encoding": "gzip" } };
    }
  };
  walk(DIST);
  pages["/"] = { ...pages["/index.html"], type: "text/html; charset=utf-8" };
  pages["/classic.html"] = { body: gzipSync(Buffer.from(classic), { level: 9 }), headers: { "Content-Encoding": "gzip" }, type: "text/html; charset=utf-8" };
  pages["/reference.html"] = { body: gzipSync(Buffer.from(reference), { level: 9 }), headers: { "Content-Encoding": "gzip" } };
  pages["/reference-taps.html"] = { body: gzipSync(Buffer.from(referenceTaps.html), { level: 9 }), headers: { "Content-Encoding": "gzip" } };
  pages["/reference-taps.js"] = { body: gzipSync(Buffer.from(referenceTaps.script), { level: 9 }), headers: { "Content-Encoding": "gzip" } };
  return pages;
}

async function newPage(browser, device, condition) {
  const { name: _name, ...options } = device;
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.addInitScript(INIT);
  const cdp = await context.newCDPSession(page);
  if (condition.network) {
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", condition.network);
  }
  if (condition.cpu !== 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: condition.cpu });
  return { context, page, cdp };
}

/** One fresh load (new context: empty cache): the page's timings, shifts and long tasks. */
async function loadOnce(browser, url, { device, condition, widget }) {
  // Let the previous context's teardown finish: it competes for the same 2 cores otherwise.
  await new Promise((r) => setTimeout(r, PAUSE_MS));
  const { context, page } = await newPage(browser, device, condition);
  try {
    await page.goto(url, { waitUntil: "load", timeout: 60_000 });
    await withTimeout(page.evaluate(widget ? "window.__bench.readyPromise" : "window.__bench.fcpPromise"), 30_000, `${url}: ready`);
    await page.waitForTimeout(SETTLE_MS);
    const s = await page.evaluate("window.__bench.snapshot()");
    const until = widget ? s.readyPaint : s.load;
    const start = s.longtasks.filter((t) => t.t < until);
    return {
      ...s,
      longtasks_start: { count: start.length, total_ms: start.reduce((a, t) => a + t.d, 0), blocking_ms: start.reduce((a, t) => a + Math.max(0, t.d - 50), 0) },
    };
  } catch (error) {
    return { error: String(error.message ?? error) };
  } finally {
    await context.close();
  }
}

/**
 * One fresh load (slow 4G + 4x CPU, cold) where the visitor taps `answer` as soon as the first
 * question is painted: when the question was painted, and when the next question (`next`) was
 * painted after the tap — for the prerendered page, through embed.js's queue and the takeover.
 */
async function firstTapOnce(browser, url, answer, next) {
  await new Promise((r) => setTimeout(r, PAUSE_MS));
  const { context, page } = await newPage(browser, PHONE, CONDITIONS.throttled);
  try {
    await page.goto(url, { waitUntil: "commit", timeout: 60_000 });
    await withTimeout(page.evaluate("window.__bench.firstQuestionPromise"), 30_000, `${url}: first question`);
    const at = await page.evaluate((id) => {
      const a = /** @type {any} */ (window).__bench.root.querySelector(`[data-testid="answer-${id}"]`);
      a.scrollIntoView({ block: "center" });
      const r = a.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }, answer);
    await page.touchscreen.tap(at.x, at.y);
    const t = await withTimeout(page.evaluate("window.__bench.waitTap(0)"), 30_000, `${url}: the first tap`);
    if (t.to !== `question:${next}`) throw new Error(`${url}: the first tap showed ${t.to}, not question:${next}`);
    const s = await page.evaluate("window.__bench.snapshot()");
    return { painted: s.firstQuestionPaint, tap: t.t0, answered: t.paint, tap_to_answered: t.paint - t.t0, ready: s.ready, cls: s.cls };
  } catch (error) {
    return { error: String(error.message ?? error) };
  } finally {
    await context.close();
  }
}

async function memory(page, cdp, widget) {
  await cdp.send("HeapProfiler.collectGarbage");
  const heap = await cdp.send("Runtime.getHeapUsage");
  const dom = await cdp.send("Memory.getDOMCounters").catch(() => null);
  const wasm = widget ? await wasmMemoryBytes(cdp) : null;
  return { js_heap_used: heap.usedSize, js_heap_total: heap.totalSize, wasm_memory: wasm, dom };
}

/** A page walked tap by tap: every tap is timed in the page (see INIT). */
async function walker(browser, url, widget) {
  const { context, page, cdp } = await newPage(browser, PHONE, { network: null, cpu: CPU_RATE });
  await page.goto(url, { waitUntil: "load" });
  await withTimeout(page.evaluate("window.__bench.readyPromise"), 30_000, `${url}: ready`);
  const w = new Widget(page);
  let n = 0;
  const tap = async (locator, expect) => {
    await locator.click();
    const t = await withTimeout(page.evaluate((i) => /** @type {any} */ (window).__bench.waitTap(i), n), 10_000, `${url}: tap ${n} → ${expect}`);
    n += 1;
    if (t.to !== expect) throw new Error(`${url}: tap ${n}: expected ${expect}, the page shows ${t.to}`);
    return t;
  };
  const walkPath = async (path, start) => {
    for (const m of path.moves) {
      const kind = path.result.id === m.answer.next ? "result" : "question";
      await tap(w.answer(m.answer.id), `${kind}:${m.answer.next}`);
    }
    await tap(w.part("restart"), `question:${start}`);
  };
  return { context, page, cdp, w, walkPath, taps: () => n, memory: () => memory(page, cdp, widget) };
}

/**
 * Taps every answer path of the flow, CPU 4x, path by path on the tap reference and then on the
 * widget (interleaved, so machine noise hits both); memory before and after; then a second walk
 * of the widget alone to see whether anything keeps growing.
 */
async function walkAll(browser, origin, flow) {
  const paths = allPaths(flow);
  const widget = await walker(browser, `${origin}/classic.html`, true);
  const reference = await walker(browser, `${origin}/reference-taps.html`, false);
  try {
    // Playwright's own helpers live in the same JS heap: load them before the first measure (a
    // locator query; not a trial click, which dispatches real input events).
    const firstAnswer = paths[0].moves[0].answer.id;
    await widget.w.answer(firstAnswer).waitFor();
    await reference.w.answer(firstAnswer).waitFor();
    const mem = { widget: [await widget.memory()], reference: [await reference.memory()] };
    // Walk 1 (CPU 4x) is the one the targets use. Walks 2 and 3 run unthrottled (faster): walk 2
    // gives the taps without throttling, and memory after walks 1, 2, 3 shows whether anything
    // keeps growing walk after walk (a leak), on the widget and, as the baseline of the
    // instrumentation and Playwright's helpers, on the reference.
    let first = 0;
    for (let walk = 1; walk <= 3; walk += 1) {
      for (const path of paths) {
        await reference.walkPath(path, flow.start);
        await widget.walkPath(path, flow.start);
      }
      if (walk === 1) {
        first = widget.taps();
        for (const x of [widget, reference]) await x.cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
      }
      mem.widget.push(await widget.memory());
      mem.reference.push(await reference.memory());
    }
    const s = await widget.page.evaluate("window.__bench.snapshot()");
    const all = await widget.page.evaluate("window.__bench.taps");
    const t1 = all[first - 1].paint;
    const referenceAll = await reference.page.evaluate("window.__bench.taps");
    return {
      paths: paths.length,
      taps: all.slice(0, first),
      reference_taps: referenceAll.slice(0, first),
      second_walk_taps: all.slice(first, 2 * first),
      reference_second_walk_taps: referenceAll.slice(first, 2 * first),
      events: s.events.filter((e) => e.t <= t1),
      cls: s.cls,
      shifts: s.shifts,
      memory: mem,
    };
  } finally {
    await widget.context.close();
    await reference.context.close();
  }
}

/** The JS heap of the reference page (after GC): the page's own share of the heap numbers. */
async function referenceHeap(browser, url) {
  const { context, page, cdp } = await newPage(browser, PHONE, CONDITIONS.unthrottled);
  try {
    await page.goto(url, { waitUntil: "load" });
    await page.locator("button").first().waitFor();
    await cdp.send("HeapProfiler.collectGarbage");
    const heap = await cdp.send("Runtime.getHeapUsage");
    const dom = await cdp.send("Memory.getDOMCounters").catch(() => null);
    return { js_heap_used: heap.usedSize, js_heap_total: heap.totalSize, dom };
  } finally {
    await context.close();
  }
}

function summarizeLoads(pairs) {
  const ok = pairs.filter((p) => !p.reference.error && !p.widget.error && !p.plain.error);
  const pick = (side, f) => ok.map((p) => f(p[side]));
  const ratio = (f) => ok.map((p) => f(p.widget) / f(p.reference));
  const file = (l, name) => l.resources.find((r) => r.name === name);
  const waterfall = {};
  for (const name of ["demo.css", "embed.js", "line-login-diagnosis_bg.wasm", "content/line-login.ja.flow"]) {
    waterfall[name] = {
      start: stats(pick("widget", (l) => file(l, name)?.start)),
      end: stats(pick("widget", (l) => file(l, name)?.end)),
      encoded_bytes: stats(pick("widget", (l) => file(l, name)?.encoded)).median,
    };
  }
  return {
    runs: pairs.length,
    failed: pairs.filter((p) => p.reference.error || p.widget.error || p.plain.error).map((p) => p.reference.error ?? p.plain.error ?? p.widget.error),
    plain_js: {
      ready: stats(pick("plain", (l) => l.ready)),
      ready_painted: stats(pick("plain", (l) => l.readyPaint)),
    },
    reference: {
      fcp: stats(pick("reference", (l) => l.fcp)),
      load: stats(pick("reference", (l) => l.load)),
      cls: stats(pick("reference", (l) => l.cls)),
      longtask_count: stats(pick("reference", (l) => l.longtasks_start.count)),
    },
    widget: {
      fcp: stats(pick("widget", (l) => l.fcp)),
      load: stats(pick("widget", (l) => l.load)),
      html_end: stats(pick("widget", (l) => l.htmlEnd)),
      shadow_attached: stats(pick("widget", (l) => l.attached)),
      ready: stats(pick("widget", (l) => l.ready)),
      ready_painted: stats(pick("widget", (l) => l.readyPaint)),
      lcp: stats(pick("widget", (l) => l.lcp)),
      cls: stats(pick("widget", (l) => l.cls)),
      host_height: stats(pick("widget", (l) => l.hostHeight)),
      longtask_count: stats(pick("widget", (l) => l.longtasks_start.count)),
      longtask_total_ms: stats(pick("widget", (l) => l.longtasks_start.total_ms)),
      blocking_ms: stats(pick("widget", (l) => l.longtasks_start.blocking_ms)),
      after_last_byte: stats(
        pick("widget", (l) => l.ready - Math.max(file(l, "line-login-diagnosis_bg.wasm")?.end ?? 0, file(l, "content/line-login.ja.flow")?.end ?? 0)),
      ),
      waterfall,
    },
    ratio: {
      fcp: stats(ratio((l) => l.fcp)),
      load: stats(ratio((l) => l.load)),
      ready_over_reference_load: stats(ok.map((p) => p.widget.ready / p.reference.load)),
      ready_over_plain_js: stats(ok.map((p) => p.widget.ready / p.plain.ready)),
    },
  };
}

function printLoads(name, condition, sum) {
  heading(`3. Loads, ${name}: ${condition.label}; phone (375×667, dpr 2), demo page, cold cache, ${sum.runs} interleaved runs`);
  if (sum.failed.length) console.log(`FAILED RUNS: ${sum.failed.join("; ")}`);
  const w = [44, 9, 9, 9, 9];
  console.log(line(["ms from navigation start", "median", "min", "max", "p90"], w));
  const row = (label, s, d = 0) => console.log(line([label, fmt(s.median, d), fmt(s.min, d), fmt(s.max, d), fmt(s.p90, d)], w));
  row("reference: first contentful paint", sum.reference.fcp);
  row("reference: load event", sum.reference.load);
  row("plain-JS page: first question + answers in the DOM", sum.plain_js.ready);
  row("widget page: HTML received", sum.widget.html_end);
  row("widget page: first contentful paint", sum.widget.fcp);
  row("widget page: load event", sum.widget.load);
  for (const [file, x] of Object.entries(sum.widget.waterfall)) row(`  ${file} received (${fmt(x.encoded_bytes)} B)`, x.end);
  row("  shadow root attached (mount starts)", sum.widget.shadow_attached);
  row("READY: first question + answers in the DOM", sum.widget.ready);
  row("ready, painted (after the next frame)", sum.widget.ready_painted);
  row("  ready − last widget byte received", sum.widget.after_last_byte);
  row("ratio widget/reference: FCP", sum.ratio.fcp, 2);
  row("ratio widget/reference: load", sum.ratio.load, 2);
  row("ratio widget ready / reference load", sum.ratio.ready_over_reference_load, 2);
  row("ratio widget ready / plain-JS ready", sum.ratio.ready_over_plain_js, 2);
  row("long tasks until ready: count", sum.widget.longtask_count);
  row("long tasks until ready: total ms", sum.widget.longtask_total_ms);
  row("  of which blocking (>50 ms part)", sum.widget.blocking_ms);
  row("layout shift (CLS), widget page", sum.widget.cls, 4);
  row("layout shift (CLS), reference page", sum.reference.cls, 4);
}

function summarizeFirstTaps(runs) {
  const of = (page) => {
    const ok = runs.map((r) => r[page]).filter((x) => !x.error);
    return {
      painted: stats(ok.map((x) => x.painted)),
      tap: stats(ok.map((x) => x.tap)),
      answered: stats(ok.map((x) => x.answered)),
      tap_to_answered: stats(ok.map((x) => x.tap_to_answered)),
      ready: stats(ok.map((x) => x.ready)),
      cls_max: Math.max(0, ...ok.map((x) => x.cls ?? 0)),
      failed: runs.map((r) => r[page]).filter((x) => x.error).map((x) => x.error),
    };
  };
  return { plain: of("plain"), prerendered: of("prerendered"), classic: of("classic") };
}

function printFirstTaps(ft) {
  heading("First question painted, first tap answered (slow 4G + 4x CPU, cold; the tap as soon as the question is painted)");
  const w = [44, 12, 12, 12];
  console.log(line(["median ms from navigation start", "prerendered", "plain JS", "classic"], w));
  const row = (label, key, digits = 0) => console.log(line([label, fmt(ft.prerendered[key].median, digits), fmt(ft.plain[key].median, digits), fmt(ft.classic[key].median, digits)], w));
  row("first question painted", "painted");
  row("tap (the visitor's click)", "tap");
  row("first tap answered: next question painted", "answered");
  row("  tap → next question painted", "tap_to_answered");
  row("widget ready (prerendered: its takeover)", "ready");
  console.log(line(["max CLS", fmt(ft.prerendered.cls_max, 4), fmt(ft.plain.cls_max, 4), fmt(ft.classic.cls_max, 4)], w));
  for (const [page, s] of Object.entries(ft)) if (s.failed.length) console.log(`${page}: ${s.failed.length} loads failed: ${s.failed[0]}`);
  console.log("(prerendered: dist/index.html; plain JS: reference-taps.html; classic: the demo page with the one-line fallback, as before)");
}

function summarizeTaps(walk) {
  const shape = (list) => list.map((t) => ({
    from: t.from,
    to: t.to,
    kind: t.from.startsWith("result") ? "restart (result → first question)" : t.to.startsWith("result") ? "answer → result" : "answer → next question",
    input_delay: t.handler - t.t0,
    dom: t.dom - t.t0,
    frame: t.frame - t.t0,
    painted: t.paint - t.t0,
  }));
  const taps = shape(walk.taps);
  const refs = shape(walk.reference_taps);
  const group = (kind, list = taps) => {
    const xs = list.filter((t) => !kind || t.kind === kind);
    const worst = xs.reduce((a, t) => (!a || t.painted > a.painted ? t : a), null);
    return {
      n: xs.length,
      painted: stats(xs.map((t) => t.painted)),
      dom: stats(xs.map((t) => t.dom)),
      input_delay: stats(xs.map((t) => t.input_delay)),
      worst: worst && { from: worst.from, to: worst.to, painted: r1(worst.painted) },
    };
  };
  // The same taps in the same order on both pages: per-tap difference and ratio.
  const paired = taps.map((t, i) => [t, refs[i]]).filter(([t, r]) => r && r.from === t.from && r.to === t.to);
  const vsReference = (kind) => {
    const xs = paired.filter(([t]) => !kind || t.kind === kind);
    return {
      reference: stats(xs.map(([, r]) => r.painted)),
      reference_dom: stats(xs.map(([, r]) => r.dom)),
      difference: stats(xs.map(([t, r]) => t.painted - r.painted)),
      ratio: stats(xs.map(([t, r]) => t.painted / r.painted)),
    };
  };
  // Event Timing: one interaction = pointerdown/pointerup/click sharing an id; its latency is
  // the longest of them (what INP uses). Only events of 16 ms or more are reported at all.
  // Each tap's click entry is the one with the click's timestamp; its interaction is every entry
  // sharing its interactionId (pointerdown, pointerup, click).
  const interactionOf = walk.taps.map((t) => {
    const click = walk.events.find((e) => e.name === "click" && Math.abs(e.t - t.t0) < 1);
    if (!click) return null;
    return Math.max(...walk.events.filter((e) => e.id && e.id === click.id).map((e) => e.d), click.d);
  });
  const reported = interactionOf.filter((x) => x != null);
  const second = walk.second_walk_taps.map((t) => t.paint - t.t0);
  const referenceSecond = walk.reference_second_walk_taps.map((t) => t.paint - t.t0);
  return {
    taps,
    first_tap: taps[0] && { from: taps[0].from, to: taps[0].to, painted: r1(taps[0].painted), dom: r1(taps[0].dom) },
    reference_first_tap: refs[0] && { from: refs[0].from, to: refs[0].to, painted: r1(refs[0].painted), dom: r1(refs[0].dom) },
    second_walk: stats(second),
    reference_second_walk: stats(referenceSecond),
    groups: {
      "answer → next question": group("answer → next question"),
      "answer → result": group("answer → result"),
      "restart (result → first question)": group("restart (result → first question)"),
      all: group(null),
    },
    paired: paired.length,
    vs_reference: {
      "answer → next question": vsReference("answer → next question"),
      "answer → result": vsReference("answer → result"),
      "restart (result → first question)": vsReference("restart (result → first question)"),
      all: vsReference(null),
    },
    event_timing: {
      interactions_16ms_or_more: reported.length,
      of: taps.length,
      interaction_duration: stats(reported),
    },
  };
}

function printTaps(walk, t) {
  heading(`5. Tap → next screen painted, CPU 4x, phone, every answer path (${walk.paths} paths, ${t.taps.length} taps)`);
  const w = [36, 5, 9, 9, 9, 9, 11, 11];
  console.log(`${line(["ms from the click's timestamp", "n", "median", "p90", "min", "worst", "DOM median", "input dly"], w)}  worst tap`);
  for (const [kind, g] of Object.entries(t.groups)) {
    console.log(
      `${line([kind, g.n, fmt(g.painted.median, 1), fmt(g.painted.p90, 1), fmt(g.painted.min, 1), fmt(g.painted.max, 1), fmt(g.dom.median, 1), fmt(g.input_delay.median, 1)], w)}  ${g.worst ? `${g.worst.from} → ${g.worst.to}` : ""}`,
    );
  }
  console.log(`\nthe same ${t.paired} taps on the tap reference (same screens and CSS, swapped in by innerHTML, no Yew/wasm), interleaved path by path:`);
  const wr = [36, 13, 11, 11, 13, 13];
  console.log(line(["", "reference med", "ref worst", "ref DOM med", "widget − ref", "widget / ref"], wr));
  for (const [kind, v] of Object.entries(t.vs_reference)) {
    console.log(line([kind, fmt(v.reference.median, 1), fmt(v.reference.max, 1), fmt(v.reference_dom.median, 1), fmt(v.difference.median, 1), fmt(v.ratio.median, 2)], wr));
  }
  console.log("(reference: ms click → painted / → in the DOM on the reference; widget − ref, widget / ref: medians of the per-tap difference and ratio)\n");
  const et = t.event_timing;
  console.log(`first tap after the page loaded: ${t.first_tap.from} → ${t.first_tap.to}, ${fmt(t.first_tap.painted, 1)} ms`);
  console.log(
    `without CPU throttling (walk 2, every screen seen before): widget median ${fmt(t.second_walk.median, 1)} ms, worst ${fmt(t.second_walk.max, 1)} ms; ` +
      `tap reference median ${fmt(t.reference_second_walk.median, 1)} ms, worst ${fmt(t.reference_second_walk.max, 1)} ms`,
  );
  console.log(
    `Event Timing (the browser's own measure, 8 ms steps, only interactions ≥ 16 ms are reported): ${et.interactions_16ms_or_more} of ${et.of} taps; ` +
      `their interaction duration median ${fmt(et.interaction_duration.median)} ms, longest ${fmt(et.interaction_duration.max)} ms`,
  );
  console.log(`layout shift during the walk without recent input: ${fmt(walk.cls, 4)}`);
}

function printMemory(m, plain) {
  heading("4. Memory (after a forced GC; phone, CPU 4x; a walk = every answer path once)");
  const w = [44, 13, 13, 13, 13, 13];
  const mb = (x) => (x == null ? "–" : `${(x / 1e6).toFixed(2)} MB`);
  console.log(line(["", "plain page", "ready", "after 1 walk", "after 2 walks", "after 3 walks"], w));
  console.log(line(["widget: JS heap used (Runtime.getHeapUsage)", mb(plain.js_heap_used), ...m.widget.map((c) => mb(c.js_heap_used))], w));
  console.log(line(["tap reference: JS heap used", "", ...m.reference.map((c) => mb(c.js_heap_used))], w));
  console.log(line(["widget: wasm memory (buffer.byteLength)", "", ...m.widget.map((c) => mb(c.wasm_memory))], w));
  console.log(line(["widget: DOM nodes (Memory.getDOMCounters)", plain.dom?.nodes ?? "–", ...m.widget.map((c) => c.dom?.nodes ?? "–")], w));
  console.log(line(["tap reference: DOM nodes", "", ...m.reference.map((c) => c.dom?.nodes ?? "–")], w));
  const growth = (list) => (list[3].js_heap_used - list[1].js_heap_used) / 2;
  console.log(
    `JS heap growth per walk (walks 2 and 3): widget ${fmt(growth(m.widget) / 1e3)} KB, tap reference ${fmt(growth(m.reference) / 1e3)} KB ` +
      `(the reference has the same instrumentation and Playwright helpers: the difference is the widget's)`,
  );
  console.log("(JS heap: the renderer's whole isolate: the page, the glue, the bench's own records and Playwright's helpers; plain page = build/bench/reference.html)");
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  const loadBefore = loadavg();
  const busyBefore = await cpuBusy();
  if (busyBefore > 0.2) {
    console.log(
      `NOTE: before the run, ${Math.round(busyBefore * 100)}% of the machine's CPU was in use by other processes: ` +
        "the timings will be noisy (the ratios to the reference pages less so). Rerun when the machine is idle for numbers to publish.",
    );
  }
  if (!existsSync(join(DIST, "line-login-diagnosis_bg.wasm"))) throw new Error(`bench: no build in ${DIST} (run scripts/bench.sh)`);
  if (!existsSync(NAMED)) throw new Error(`bench: no named wasm ${NAMED} (run scripts/bench.sh)`);
  if (RUNS < 7) console.log(`NOTE: BENCH_RUNS=${RUNS} is below the 7 runs the numbers in docs/benchmark.md use`);
  const flow = loadFlow("ja");

  const size = sizes();
  printSizes(size);

  const reference = referencePage(flow);
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(join(dirname(OUT), "reference.html"), reference);
  const referenceTaps = referenceTapsPage(flow, size.wasm.widget_css_text);
  writeFileSync(join(dirname(OUT), "reference-taps.html"), referenceTaps.html);
  writeFileSync(join(dirname(OUT), "reference-taps.js"), referenceTaps.script);
  delete size.wasm.widget_css_text;
  const classic = classicPage();
  writeFileSync(join(dirname(OUT), "classic.html"), classic);
  const server = await startServer({ root: DIST, cors: true, pages: /** @type {Record<string, any>} */ (gzipPages(reference, referenceTaps, classic)) });
  const browser = await launch();
  const chromium = browser.version();
  const results = {};
  try {
    const demo = server.url("/classic.html");
    const prerendered = server.url("/");
    const ref = server.url("/reference.html");
    const plainJs = server.url("/reference-taps.html");
    // One warm-up round per condition (discarded): the first loads of a browser pay one-off costs.
    const pairs = { throttled: [], unthrottled: [] };
    for (let i = -1; i < RUNS; i += 1) {
      for (const [name, condition] of Object.entries(CONDITIONS)) {
        const reference = await loadOnce(browser, ref, { device: PHONE, condition, widget: false });
        const plain = await loadOnce(browser, plainJs, { device: PHONE, condition, widget: true });
        const widget = await loadOnce(browser, demo, { device: PHONE, condition, widget: true });
        if (i >= 0) pairs[name].push({ reference, plain, widget });
        process.stderr.write(
          `  run ${i < 0 ? "warm-up" : i + 1}/${RUNS} ${name}: ready ${fmt(widget.ready)} ms, plain JS ready ${fmt(plain.ready)} ms, reference load ${fmt(reference.load)} ms\n`,
        );
      }
    }
    // The first question painted and the first tap answered (slow 4G + 4x CPU, cold): the
    // prerendered demo page against the plain-JS page and the classic one, interleaved.
    const start = flow.questions.find((q) => q.id === flow.start);
    const tapped = start?.answers.find((a) => flow.questions.some((q) => q.id === a.next));
    if (!start || !tapped) throw new Error("bench: no answer of the first question leads to a question");
    const firstTaps = [];
    for (let i = -1; i < RUNS; i += 1) {
      const plain = await firstTapOnce(browser, plainJs, tapped.id, tapped.next);
      const pre = await firstTapOnce(browser, prerendered, tapped.id, tapped.next);
      const old = await firstTapOnce(browser, demo, tapped.id, tapped.next);
      if (i >= 0) firstTaps.push({ plain, prerendered: pre, classic: old });
      process.stderr.write(
        `  run ${i < 0 ? "warm-up" : i + 1}/${RUNS} first question / first tap answered: prerendered ${fmt(pre.painted)} / ${fmt(pre.answered)} ms, ` +
          `plain JS ${fmt(plain.painted)} / ${fmt(plain.answered)} ms, classic ${fmt(old.painted)} / ${fmt(old.answered)} ms${[plain, pre, old].find((x) => x.error)?.error ?? ""}\n`,
      );
    }
    // Layout shift on a wide screen too (the demo's columns sit side by side there).
    const desktop = {};
    for (const [name, condition] of Object.entries(CONDITIONS)) {
      desktop[name] = {
        reference: await loadOnce(browser, ref, { device: DESKTOP, condition, widget: false }),
        widget: await loadOnce(browser, demo, { device: DESKTOP, condition, widget: true }),
      };
    }
    process.stderr.write("  walking every path…\n");
    const walk = await walkAll(browser, server.origin, flow);
    const refHeap = await referenceHeap(browser, ref);

    for (const [name, condition] of Object.entries(CONDITIONS)) {
      results[name] = summarizeLoads(pairs[name]);
      printLoads(name, condition, results[name]);
    }
    const taps = summarizeTaps(walk);
    printMemory(walk.memory, refHeap);
    printTaps(walk, taps);

    const widgetCls = Math.max(
      ...Object.values(pairs).flat().map((p) => p.widget.cls ?? 0),
      ...Object.values(desktop).map((d) => d.widget.cls ?? 0),
      walk.cls,
    );
    const referenceCls = Math.max(...Object.values(pairs).flat().map((p) => p.reference.cls ?? 0), ...Object.values(desktop).map((d) => d.reference.cls ?? 0));
    const shiftSources = [
      ...new Set(
        [...Object.values(pairs).flat().map((p) => p.widget), ...Object.values(desktop).map((d) => d.widget)]
          .flatMap((l) => l.shifts ?? [])
          .flatMap((s) => s.sources),
      ),
    ];
    heading("Layout shift, all loads");
    console.log(`widget page: max CLS ${fmt(widgetCls, 4)} over ${RUNS * 2} phone loads, 2 desktop loads and the walk; reference page: max ${fmt(referenceCls, 4)}`);
    console.log(`desktop (1280×800): widget ${fmt(desktop.throttled.widget.cls, 4)} throttled, ${fmt(desktop.unthrottled.widget.cls, 4)} unthrottled`);
    if (shiftSources.length) console.log(`shifted nodes: ${shiftSources.join(", ")}`);
    const phoneHeight = results.unthrottled.widget.host_height.median;
    console.log(
      `the widget's height at the first question: phone ${fmt(phoneHeight)} px, desktop ${fmt(desktop.unthrottled.widget.hostHeight)} px ` +
        "(styles/demo.css and the README reserve about 800 px on a phone and 700 px in a wide column; a taller first screen pushes what follows down)",
    );

    heading("Targets");
    const g = taps.groups;
    const readyMedian = results.throttled.widget.ready.median;
    console.log(verdict("total gzip of the widget's files", size.files.total.gzip, TARGETS.gzip, size.files.total.gzip <= TARGETS.gzip, " B"));
    console.log(verdict("ready, slow 4G + 4x CPU, cold (median)", r1(readyMedian), TARGETS.ready, readyMedian != null && readyMedian <= TARGETS.ready, " ms"));
    const ratios = {
      ready_throttled: ratioOf(readyMedian, results.throttled.plain_js.ready.median),
      ready_unthrottled: ratioOf(results.unthrottled.widget.ready.median, results.unthrottled.plain_js.ready.median),
      tap_throttled: ratioOf(g.all.painted.median, taps.vs_reference.all.reference.median),
      tap_unthrottled: ratioOf(taps.second_walk.median, taps.reference_second_walk.median),
    };
    console.log(verdict("ready, widget / plain JS, throttled (ratio of medians)", ratios.ready_throttled, TARGETS.ready_ratio, ratios.ready_throttled != null && ratios.ready_throttled <= TARGETS.ready_ratio));
    console.log(verdict("tap → painted, widget / plain JS, 4x CPU (ratio of medians)", ratios.tap_throttled, TARGETS.tap_ratio, ratios.tap_throttled != null && ratios.tap_throttled <= TARGETS.tap_ratio));
    console.log(verdict("layout shift caused by the widget (max CLS)", r3(widgetCls), TARGETS.cls, widgetCls <= TARGETS.cls));
    const ft = summarizeFirstTaps(firstTaps);
    ratios.first_question_painted = ratioOf(ft.prerendered.painted.median, ft.plain.painted.median);
    ratios.first_tap_answered = ratioOf(ft.prerendered.answered.median, ft.plain.answered.median);
    console.log(verdict("first question painted, prerendered / plain JS, throttled (ratio of medians)", ratios.first_question_painted, TARGETS.first_question_ratio, ratios.first_question_painted != null && ratios.first_question_painted <= TARGETS.first_question_ratio));
    console.log(verdict("first tap answered, prerendered / plain JS, throttled (ratio of medians)", ratios.first_tap_answered, TARGETS.first_tap_ratio, ratios.first_tap_answered != null && ratios.first_tap_answered <= TARGETS.first_tap_ratio));
    printFirstTaps(ft);
    heading("Against the plain-JS page, same run (medians, ms)");
    const wt = [34, 10, 10, 8];
    console.log(line(["", "widget", "plain JS", "ratio"], wt));
    console.log(line(["ready, throttled", fmt(readyMedian), fmt(results.throttled.plain_js.ready.median), fmt(ratios.ready_throttled, 2)], wt));
    console.log(line(["ready, unthrottled", fmt(results.unthrottled.widget.ready.median), fmt(results.unthrottled.plain_js.ready.median), fmt(ratios.ready_unthrottled, 2)], wt));
    console.log(line(["tap, 4x CPU", fmt(g.all.painted.median, 1), fmt(taps.vs_reference.all.reference.median, 1), fmt(ratios.tap_throttled, 2)], wt));
    console.log(line(["tap, unthrottled", fmt(taps.second_walk.median, 1), fmt(taps.reference_second_walk.median, 1), fmt(ratios.tap_unthrottled, 2)], wt));
    console.log(line(["first tap, 4x CPU", fmt(taps.first_tap.painted, 1), fmt(taps.reference_first_tap?.painted, 1), ""], wt));
    console.log(`gzip the widget loads: ${size.files.total.gzip} B; the plain-JS page's script: ${gzipSync(Buffer.from(referenceTaps.script), { level: 9 }).length} B`);

    const out = {
      date: new Date().toISOString(),
      git: gitState(),
      machine: { ...machine(), chromium, playwright: JSON.parse(readFileSync(join(ROOT, "node_modules/playwright-core/package.json"), "utf8")).version },
      setup: {
        page: "the demo page (dist/index.html) with the widget's files on the same origin, every file served gzip -9 encoded (Content-Encoding: gzip), Cache-Control: no-store",
        reference: "build/bench/reference.html: the demo page without embed.js, the first question as static HTML inside the (undefined) element",
        plain_js: "build/bench/reference-taps.html + reference-taps.js: the same page, every screen and the widget's CSS in a module script that fills an open shadow root (a hand-written widget)",
        widget_page: "build/bench/classic.html: the demo page with the one-line fallback in the element (as before the prerendered snippets): ready, taps, layout shift and memory are measured on it",
        prerendered_page: "dist/index.html: the demo page with the first question prerendered (declarative shadow root) and the index; first question painted and first tap answered",
        device: PHONE,
        runs: RUNS,
        conditions: CONDITIONS,
        settle_ms: SETTLE_MS,
      },
      targets: TARGETS,
      verdicts,
      ratios_to_plain_js: ratios,
      size,
      loads: results,
      first_taps: { answer: `${flow.start}:${tapped.id}`, summary: ft, raw: firstTaps },
      desktop_cls: Object.fromEntries(Object.entries(desktop).map(([k, v]) => [k, { widget: v.widget.cls, reference: v.reference.cls }])),
      cls: { widget_max: widgetCls, reference_max: referenceCls, shifted_nodes: shiftSources },
      taps: {
        paths: walk.paths,
        first_tap: taps.first_tap,
        groups: taps.groups,
        vs_reference: taps.vs_reference,
        unthrottled_second_walk: { widget: taps.second_walk, reference: taps.reference_second_walk },
        event_timing: taps.event_timing,
        all: taps.taps,
        event_timing_entries: walk.events,
      },
      desktop_height: desktop.unthrottled.widget.hostHeight,
      memory: { plain_page: refHeap, widget: walk.memory.widget, tap_reference: walk.memory.reference },
      raw_loads: pairs,
      seconds: Math.round((Date.now() - started) / 1000),
      load_average: { before: loadBefore, after: loadavg() },
      cpu_busy_before: busyBefore,
    };
    writeFileSync(OUT, `${JSON.stringify(out, null, 2)}\n`);
    const gs = out.git;
    console.log(
      `\n${relative(ROOT, OUT)} written; ${gs ? `commit ${gs.commit}${gs.changed_files ? ` + ${gs.changed_files} changed files` : ""}, ` : ""}` +
        `${out.machine.nproc} × ${out.machine.cpu}, Chromium ${chromium}, ${out.seconds} s, ` +
        `load average ${loadBefore[0].toFixed(2)} before, ${out.load_average.after[0].toFixed(2)} after; ` +
        `CPU in use by others before the run: ${busyBefore == null ? "?" : `${Math.round(busyBefore * 100)}%`}`,
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
