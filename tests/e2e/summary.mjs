// @ts-check
// What an end-to-end run covered, across its test files: each file runs in its own process
// under one `node --test`, records counts into build/e2e-summary/<runner pid>/, and the run's
// reporter (summary-reporter.mjs, in the runner itself) prints them once every file is done.

import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The folder of one run's counts. @param {number} runner the runner's pid */
const folder = (runner) => join(ROOT, "build", "e2e-summary", String(runner));

/**
 * Adds counts (e.g. `{ "paths walked (ja)": 41 }`) to this run's summary (from a test file).
 * @param {Record<string, number>} counts
 */
export function record(counts) {
  const dir = folder(process.ppid);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${basename(process.argv[1] ?? "x")}-${process.pid}.json`);
  const old = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  for (const [k, v] of Object.entries(counts)) old[k] = (old[k] ?? 0) + v;
  writeFileSync(file, JSON.stringify(old));
}

/**
 * Everything the run of runner `runner` recorded, as printable text, and the counts cleared.
 * @param {number} runner
 */
export function report(runner) {
  const dir = folder(runner);
  /** @type {Record<string, number>} */
  const counts = {};
  if (existsSync(dir)) {
    for (const f of readdirSync(dir)) {
      for (const [k, v] of Object.entries(JSON.parse(readFileSync(join(dir, f), "utf8")))) counts[k] = (counts[k] ?? 0) + v;
    }
    rmSync(dir, { recursive: true, force: true });
  }
  const timing = Object.entries(counts).filter(([k]) => k.startsWith("seconds in "));
  const lines = Object.entries(counts)
    .filter(([k]) => !k.startsWith("seconds in "))
    .map(([k, v]) => `  ${k}: ${v}`);
  // Each engine's share: from its browser's start to its stop, summed over the test files.
  const total = timing.reduce((t, [, v]) => t + v, 0);
  const shares = timing.map(
    ([k, v]) => `  ${k.slice("seconds in ".length).padEnd(9)} ${v.toFixed(0).padStart(5)} s  ${((100 * v) / total).toFixed(0).padStart(3)} %`,
  );
  return `e2e summary:\n${lines.join("\n")}\ntime per engine (browser start to stop, all files; ${total.toFixed(0)} s in all):\n${shares.join("\n")}\n`;
}
