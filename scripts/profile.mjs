// @ts-check
// Where a slow phone's time goes: a Chromium performance trace and a sampling CPU profile of the
// widget's start and of its taps, at 4x CPU (no network throttling: the network's share is in
// scripts/bench.mjs's waterfall). Run by scripts/bench.sh after the benchmark, or alone on its
// build:
//
//   node scripts/profile.mjs [--dist build/bench/dist] [--named build/bench/names/named.wasm]
//
// For the start (navigation → first question in the DOM) and for each of these taps: the first
// answer of a fresh page, the same answer after Restart (the second time that screen is built),
// and a later answer, it prints the main thread's time by trace event (script, style, layout,
// paint, wasm compile…) and the functions with the most self time in the CPU profile, wasm
// functions named through the build with names kept (scripts/wasm-inspect.mjs). Numbers under a
// profiler are slower than without one: read the shares, not the totals (scripts/bench.mjs has
// the timings).

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { chromium } from "playwright-core";
import { PHONE, ROOT, Widget, allPaths, loadFlow } from "../tests/e2e/lib.mjs";
import { LAUNCH_ARGS } from "../tests/e2e/engines/chromium.mjs";
import { startServer } from "../tests/e2e/server.mjs";
import { category, functionNames, wasmSections } from "./wasm-inspect.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const DIST = resolve(ROOT, arg("dist", "build/bench/dist"));
const NAMED = resolve(ROOT, arg("named", "build/bench/names/named.wasm"));
const CPU_RATE = 4;
const CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "v8.wasm", "loading", "blink.user_timing"];

// The profile names shipped wasm functions by index; the named build must have the same code.
const shipped = readFileSync(resolve(DIST, "line-login-diagnosis_bg.wasm"));
const named = readFileSync(NAMED);
const codeOf = (buf) => wasmSections(buf).find((s) => s.name === "code")?.body;
if (!codeOf(shipped)?.equals(/** @type {Buffer} */ (codeOf(named)))) {
  throw new Error(`profile: ${NAMED} does not have the code of ${DIST}'s wasm: run scripts/bench.sh (it builds both)`);
}
const NAMES = functionNames(named);

/** A profile node's readable name: wasm functions by their Rust path, JS by name and file. */
function nameOf(frame) {
  const wasm = frame.functionName.match(/^(?:\$func|wasm-function\[)(\d+)\]?$/);
  if (wasm) {
    const rust = NAMES.get(Number(wasm[1])) ?? `wasm function ${wasm[1]}`;
    return `[wasm: ${category(rust)}] ${rust.length > 110 ? `${rust.slice(0, 107)}…` : rust}`;
  }
  if (!frame.url) return frame.functionName || "(anonymous)";
  return `[js] ${frame.functionName || "(anonymous)"} ${frame.url.split("/").pop()}:${frame.lineNumber + 1}`;
}

/** Self time per function of a CPU profile, in ms, highest first. */
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map();
  profile.samples.forEach((id, i) => {
    const name = nameOf(byId.get(id).callFrame);
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

/**
 * Self time on the renderer's main thread by trace event name (an event's time minus that of the
 * events nested in it: what the thread did itself, e.g. style, layout, paint, compile), and the
 * wasm work of other threads. The main thread is the renderer's busiest one in the trace.
 */
function mainThread(trace) {
  const events = JSON.parse(trace.toString()).traceEvents;
  const mains = events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain");
  const busy = (m) => events.filter((e) => e.pid === m.pid && e.tid === m.tid && e.ph === "X").reduce((a, e) => a + (e.dur ?? 0), 0);
  const main = mains.sort((a, b) => busy(b) - busy(a))[0];
  const mine = events
    .filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === "X" && e.dur)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const stack = [];
  let busyMs = 0;
  for (const e of mine) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur / 1000);
    else busyMs += e.dur / 1000;
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur / 1000);
    stack.push({ name: e.name, end: e.ts + e.dur });
  }
  const off = events.filter((e) => e.pid === main?.pid && e.tid !== main?.tid && e.ph === "X" && e.dur && /wasm/i.test(e.name));
  const offTotals = new Map();
  for (const e of off) offTotals.set(e.name, (offTotals.get(e.name) ?? 0) + e.dur / 1000);
  return { busy: busyMs, self: [...self].sort((a, b) => b[1] - a[1]), wasmOffMain: [...offTotals].sort((a, b) => b[1] - a[1]) };
}

function print(title, wall, trace, profile) {
  const { busy, self: bySelf, wasmOffMain } = mainThread(trace);
  console.log(`\n## ${title}: ${wall.toFixed(1)} ms (under the profiler), main thread busy ${busy.toFixed(1)} ms\n`);
  console.log("main thread, self time by trace event (ms; RunTask's own time is work no event names):");
  for (const [name, ms] of bySelf.slice(0, 12)) console.log(`  ${ms.toFixed(1).padStart(7)}  ${name}`);
  if (wasmOffMain.length) {
    console.log("wasm work on other threads (ms):");
    for (const [name, ms] of wasmOffMain.slice(0, 5)) console.log(`  ${ms.toFixed(1).padStart(7)}  ${name}`);
  }
  const self = selfTimes(profile);
  const sampled = self.reduce((a, [, ms]) => a + ms, 0);
  const byPart = new Map();
  for (const [name, ms] of self) {
    const part = name.startsWith("[wasm: ") ? name.slice(1, name.indexOf("]")) : name.startsWith("[js]") ? "js" : name;
    byPart.set(part, (byPart.get(part) ?? 0) + ms);
  }
  console.log(`CPU profile by part (ms of ${sampled.toFixed(1)} sampled; (idle) is waiting):`);
  for (const [part, ms] of [...byPart].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`  ${ms.toFixed(1).padStart(7)}  ${part}`);
  console.log("functions with the most self time (ms):");
  for (const [name, ms] of self.filter(([n]) => n !== "(idle)").slice(0, 12)) console.log(`  ${ms.toFixed(1).padStart(7)}  ${name}`);
}

/**
 * The demo page as before the prerendered snippets (as scripts/bench.mjs's classic.html): the
 * element holds the one-line fallback, so the start is the widget's own first render.
 */
function classicPage() {
  const html = readFileSync(resolve(DIST, "index.html"), "utf8");
  const element = /(<line-login-diagnosis[^>]*>)[\s\S]*?(<\/line-login-diagnosis>)/;
  if (!element.test(html)) throw new Error("profile: dist/index.html has no element");
  return html.replace(element, '$1\n<p class="fallback">診断を読み込んでいます。表示されない場合は、<a href="#article">ログインできない時の対処法</a>をお読みください。</p>\n$2');
}

async function main() {
  const server = await startServer({ root: DIST, cors: true, pages: { "/classic.html": classicPage() } });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: LAUNCH_ARGS });
  const flow = loadFlow("ja");
  const paths = allPaths(flow);
  // Two paths that share their first answer (Restart, then the same screen again), and a third.
  const first = paths.find((p) => p.moves.length > 1) ?? paths[0];
  try {
    const { name: _name, ...options } = PHONE;
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_RATE });
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
    const w = new Widget(page);
    const measure = async (title, action, done) => {
      await browser.startTracing(page, { categories: CATEGORIES });
      await cdp.send("Profiler.start");
      const t0 = Date.now();
      await action();
      await done();
      const wall = Date.now() - t0;
      const { profile } = await cdp.send("Profiler.stop");
      const trace = await browser.stopTracing();
      print(title, wall, trace, profile);
    };
    await measure(
      "start: navigation → first question in the DOM",
      () => page.goto(server.url("/classic.html"), { waitUntil: "commit" }),
      () => w.answer(first.moves[0].answer.id).waitFor({ timeout: 60_000 }),
    );
    await page.waitForTimeout(1000); // let idle-time work (lazy compilation, GC) settle
    // A tap as the browser gets it (a press at the button's centre, over the DevTools protocol),
    // and its end seen from inside the page: the screen's node changed, then the next frame was
    // painted. Playwright's own checks before a click stay outside the profile.
    const tap = async (title, id, next) => {
      await w.answer(id).scrollIntoViewIfNeeded();
      const box = await w.answer(id).boundingBox();
      if (!box) throw new Error(`profile: no answer ${id} on screen`);
      const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
      await page.evaluate((node) => {
        const root = /** @type {ShadowRoot} */ (document.querySelector("line-login-diagnosis")?.shadowRoot);
        /** @type {any} */ (window).__painted = new Promise((resolve) => {
          const seen = new MutationObserver(() => {
            if (!root.querySelector(`[data-node="${node}"]`)) return;
            seen.disconnect();
            requestAnimationFrame(() => setTimeout(resolve, 0));
          });
          seen.observe(root, { childList: true, subtree: true });
        });
      }, next);
      await measure(
        title,
        async () => {
          await cdp.send("Input.dispatchMouseEvent", { type: "mousePressed", x, y, button: "left", clickCount: 1 });
          await cdp.send("Input.dispatchMouseEvent", { type: "mouseReleased", x, y, button: "left", clickCount: 1 });
        },
        () => page.evaluate(() => /** @type {any} */ (window).__painted),
      );
    };
    const a = first.moves[0].answer;
    await tap(`first tap of the page: ${a.id} → ${a.next}`, a.id, a.next);
    await w.part("restart").click();
    await w.answer(a.id).waitFor();
    await page.waitForTimeout(500);
    await tap(`the same tap after Restart: ${a.id} → ${a.next}`, a.id, a.next);
    const b = first.moves[1]?.answer;
    if (b) {
      await page.waitForTimeout(500);
      await tap(`the next tap, a screen not built before: ${b.id} → ${b.next}`, b.id, b.next);
    }
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
