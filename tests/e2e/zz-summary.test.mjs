// Runs last (the runner takes the files in name order): prints what this run covered, from the
// counts the other test files recorded (build/e2e-summary/<runner pid>/).

import { test } from "node:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { ROOT, summary } from "./lib.mjs";

test("summary of the end-to-end run", () => {
  const counts = summary();
  const lines = Object.entries(counts).map(([k, v]) => `${k}: ${v}`);
  console.log(`e2e summary:\n${lines.map((l) => `  ${l}`).join("\n")}`);
  rmSync(join(ROOT, "build", "e2e-summary", String(process.ppid)), { recursive: true, force: true });
});
