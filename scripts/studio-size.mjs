// @ts-check
// The studio's own size budget (issue 15): gzip -9 bytes of studio.html and its script and
// styles, and a ceiling. Apart from the widget's budget (scripts/size.mjs): no marketer page loads
// the studio. Not counted: what it shares with pages (embed.js, the wasm modules) and the
// built-in flows it opens. Usage: node scripts/studio-size.mjs [dist]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export const STUDIO_BUDGET_KB = 20;
export const STUDIO_FILES = ["studio.html", "studio/studio.js", "studio/studio.css"];

const dist = process.argv[2] ?? "dist";
let total = 0;
for (const file of STUDIO_FILES) {
  const bytes = readFileSync(join(dist, file));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  total += gzip;
  console.log(`${file.padEnd(32)}${String(bytes.length).padStart(10)}${String(gzip).padStart(10)}`);
}
const checker = gzipSync(readFileSync(join(dist, "studio", "line-login-checker.wasm")), { level: 9 }).length;
console.log(`the studio also loads its copy of the checker module, studio/line-login-checker.wasm: ${checker} B gzip (not counted)`);
console.log(`studio: total gzip ${total} B of ${STUDIO_BUDGET_KB * 1000} B (${((100 * total) / (STUDIO_BUDGET_KB * 1000)).toFixed(1)}%)`);
if (total > STUDIO_BUDGET_KB * 1000) {
  console.error(`studio-size: over budget by ${total - STUDIO_BUDGET_KB * 1000} B gzip`);
  process.exit(1);
}
