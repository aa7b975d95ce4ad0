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

/** Time on the renderer's main thread by top-level trace event (nested events count in their parent). */
function mainThread(trace, from, to) {
  const events = JSON.parse(trace.toString()).traceEvents;
  const main = events.find((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain" &&
    events.some((x) => x.pid === e.pid && x.name === "ParseHTML"));
  const mine = events
    .filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === "X" && e.dur && e.ts >= from && e.ts <= to)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const totals = new Map();
  let end = -Infinity;
  for (const e of mine) {
    if (e.ts < end) continue; // inside the previous top-level event
    end = e.ts + e.dur;
    totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur / 1000);
  }
  const off = events.filter((e) => e.pid === main?.pid && e.tid !== main?.tid && e.ph === "X" && e.dur && /wasm/i.test(e.name) && e.ts >= from && e.ts <= to);
  const offTotals = new Map();
  for (const e of off) offTotals.set(e.name, (offTotals.get(e.name) ?? 0) + e.dur / 1000);
  return { main: [...totals].sort((a, b) => b[1] - a[1]), wasmOffMain: [...offTotals].sort((a, b) => b[1] - a[1]) };
}

function print(title, wall, trace, window, profile) {
  const { main, wasmOffMain } = mainThread(trace, window.from, window.to);
  const busy = main.reduce((a, [, ms]) => a + ms, 0);
  console.log(`\n## ${title}: ${wall.toFixed(1)} ms (under the profiler), main thread busy ${busy.toFixed(1)} ms\n`);
  console.log("main thread, top-level trace events (ms):");
  for (const [name, ms] of main.slice(0, 10)) console.log(`  ${ms.toFixed(1).padStart(7)}  ${name}`);
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

async function main() {
  const server = await startServer({ root: DIST, cors: true });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: LAUNCH_ARGS });
  const flow = loadFlow("ja");
  const paths = allPaths(flow);
  // Two paths that share their first answer (Restart, then the same screen again), and a third.
  const first = paths[0];
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
      // One more frame, so the paint of the new screen is in the trace.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      const wall = Date.now() - t0;
      const { profile } = await cdp.send("Profiler.stop");
      const trace = await browser.stopTracing();
      const ts = JSON.parse(trace.toString()).traceEvents.filter((e) => e.ts > 0).map((e) => e.ts);
      print(title, wall, trace, { from: Math.min(...ts), to: Math.max(...ts) }, profile);
    };
    await measure(
      "start: navigation → first question in the DOM",
      () => page.goto(server.url("/"), { waitUntil: "commit" }),
      () => w.answer(first.moves[0].answer.id).waitFor({ timeout: 60_000 }),
    );
    await page.waitForTimeout(1000); // let idle-time work (lazy compilation, GC) settle
    const screenOf = (next) => (flow.results.some((r) => r.id === next) ? w.resultScreen(next) : w.questionScreen(next));
    const tap = async (title, id, next) => measure(title, () => w.answer(id).click(), () => screenOf(next).waitFor());
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
