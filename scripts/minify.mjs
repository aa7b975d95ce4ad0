// Trunk post-build hook (Trunk.toml): in release builds, minifies what a page downloads for the
// widget — the wasm-bindgen glue and embed.js with terser, the flow files by dropping JSON
// whitespace — in Trunk's staging folder, before it becomes dist/. Debug builds stay readable.
import { readFileSync, writeFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("minify.mjs runs as a Trunk hook (TRUNK_STAGING_DIR is not set)");
if (process.env.TRUNK_PROFILE !== "release") process.exit(0);

for (const file of ["line-login-diagnosis.js", "embed.js"]) {
  const path = join(dir, file);
  const out = await minify(readFileSync(path, "utf8"), {
    module: true,
    ecma: 2022,
    compress: { passes: 2 },
    format: { comments: false },
  });
  writeFileSync(path, out.code);
}
for (const file of readdirSync(join(dir, "content")).filter((f) => f.endsWith(".json"))) {
  const path = join(dir, "content", file);
  writeFileSync(path, JSON.stringify(JSON.parse(readFileSync(path, "utf8"))));
}
