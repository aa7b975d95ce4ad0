// Runs last (the runner takes the files in name order): prints what this run covered, from the
// counts the other test files recorded (build/e2e-summary/<runner pid>/).

import { test } from "node:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { ROOT, summary } from "./lib.mjs";

test("summary of the end-to-end run", () => {
  const counts = summary();
  const timing = Object.entries(counts).filter(([k]) => k.startsWith("seconds in "));
  const lines = Object.entries(counts)
    .filter(([k]) => !k.startsWith("seconds in "))
    .map(([k, v]) => `${k}: ${v}`);
  console.log(`e2e summary:\n${lines.map((l) => `  ${l}`).join("\n")}`);
  // Each engine's share: from its browser's start to its stop, summed over the test files.
  const total = timing.reduce((t, [, v]) => t + v, 0);
  console.log(
    `time per engine (browser start to stop, all files; ${total.toFixed(0)} s in all):\n` +
      timing.map(([k, v]) => `  ${k.slice("seconds in ".length).padEnd(9)} ${v.toFixed(0).padStart(5)} s  ${((100 * v) / total).toFixed(0).padStart(3)} %`).join("\n"),
  );
  rmSync(join(ROOT, "build", "e2e-summary", String(process.ppid)), { recursive: true, force: true });
});
