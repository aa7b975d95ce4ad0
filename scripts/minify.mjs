// Trunk post-build hook (Trunk.toml), release builds only, in Trunk's staging folder before it
// becomes dist/:
//   1. the flow files lose their JSON whitespace;
//   2. embed.js gets the wasm-bindgen glue inlined (one script instead of two: one request less,
//      and Subresource Integrity on embed.js then covers all the code a page runs) and the
//      sha384 of the wasm and of each flow file, which it passes to fetch() as `integrity`;
//   3. embed.js is minified (terser) and the separate glue file removed;
//   4. integrity.json lists the sha384 of every file a page loads, and snippet.html is the
//      embed snippet with `integrity` on the script tag (README "Security").
// Debug builds (`trunk serve`) stay readable and unbundled.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("minify.mjs runs as a Trunk hook (TRUNK_STAGING_DIR is not set)");
if (process.env.TRUNK_PROFILE !== "release") process.exit(0);

const GLUE = "line-login-diagnosis.js";
const WASM = "line-login-diagnosis_bg.wasm";
const read = (file) => readFileSync(join(dir, file));
const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
/** Replaces exactly one occurrence of `from` in `text`, or stops the build. */
function replaceOnce(text, from, to, where) {
  const parts = text.split(from);
  if (parts.length !== 2) throw new Error(`minify.mjs: expected exactly one ${JSON.stringify(from)} in ${where}, found ${parts.length - 1}`);
  return parts.join(to);
}

// 1. Flow files.
const flows = readdirSync(join(dir, "content"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => `content/${f}`);
for (const file of flows) writeFileSync(join(dir, file), JSON.stringify(JSON.parse(read(file).toString("utf8"))));

// 2. The glue inside embed.js. wasm-bindgen's `--target web` output is an ES module whose only
// exports are top-level declarations plus one `export { … }` list; inside a function scope
// they become plain declarations, returned as the object `import()` would have given.
let glue = read(GLUE).toString("utf8");
glue = glue.replace(/^export \{[^}]*\};?[ \t]*$/m, "");
glue = glue.replace(/^export (?=(?:async )?function |class |const |let )/gm, "");
if (/^\s*(export|import)\b/m.test(glue)) throw new Error(`minify.mjs: ${GLUE} has an import or export this bundling does not handle`);
const exported = ["mount", "fail"].filter((name) => new RegExp(`^function ${name}\\(`, "m").test(glue));
if (exported.length !== 2) throw new Error(`minify.mjs: ${GLUE} lacks mount() or fail()`);
const inlined = `const glue = Promise.resolve((() => {\n${glue}\nreturn { default: __wbg_init, mount, fail };\n})());`;

const integrity = Object.fromEntries([WASM, ...flows].map((file) => [file, sri(read(file))]));
let embed = read("embed.js").toString("utf8");
embed = replaceOnce(embed, 'const glue = import("./line-login-diagnosis.js");', inlined, "embed.js");
embed = replaceOnce(embed, "const INTEGRITY = {};", `const INTEGRITY = ${JSON.stringify(integrity)};`, "embed.js");

// 3. Minify; the glue file is now inside embed.js.
const out = await minify(embed, { module: true, ecma: 2022, compress: { passes: 2 }, format: { comments: false } });
writeFileSync(join(dir, "embed.js"), out.code);
rmSync(join(dir, GLUE));

// 4. What a page owner pins.
const embedSri = sri(Buffer.from(out.code));
writeFileSync(join(dir, "integrity.json"), `${JSON.stringify({ "embed.js": embedSri, ...integrity }, null, 2)}\n`);
writeFileSync(
  join(dir, "snippet.html"),
  `<!-- The embed snippet of this build, with Subresource Integrity (README "Security").
     Replace BASE/ with the folder that hosts these files. -->
<script type="module" src="BASE/embed.js" integrity="${embedSri}" crossorigin="anonymous"></script>
<line-login-diagnosis>
  <a href="https://example.com/article">ログインできない時の対処法を読む</a>
</line-login-diagnosis>
`,
);
console.log(`minify.mjs: embed.js ${embedSri}`);
