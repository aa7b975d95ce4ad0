// Trunk post-build hook (Trunk.toml), in Trunk's staging folder before it becomes dist/.
// Every build (`trunk serve` too):
//   1. builds the flow checker module (crates/checker/: parse + validation + compiler, no imports) into
//      line-login-checker.wasm, optimized with the wasm-opt flags of index.html;
//   2. compiles each content/*.json with that very module, in Node, into content/*.flow (the
//      compiled form the widget reads, crates/core/src/flow/compiled.rs), stored as UTF-16LE: Japanese text
//      gzips about 6 % smaller in it than in UTF-8. A flow file that breaks a rule stops the
//      build with the checker's message.
// Release builds also:
//   3. inline the wasm-bindgen glue and its JS snippets (crates/widget/src/ui/page.js) into embed.js (one
//      script instead of three: fewer requests,
//      and Subresource Integrity on embed.js then covers all the code a page runs) and write the
//      sha384 of the wasm, the checker and each compiled flow into it, which it passes to
//      fetch() as `integrity`;
//   4. minify embed.js (terser) and remove the separate glue file and its JS snippets;
//   5. write integrity.json (the sha384 of every file a page may load) and snippet.html (the
//      embed snippet with `integrity` on the script tag, README "Security").
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("post-build.mjs runs as a Trunk hook (TRUNK_STAGING_DIR is not set)");
const root = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
const release = process.env.TRUNK_PROFILE === "release";

const CHECKER = "line-login-checker.wasm";
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });

// 1. The checker module (always a release build: it is small and fast only optimized).
run("cargo", ["build", "--quiet", "--release", "-p", "line-login-checker", "--lib", "--target", "wasm32-unknown-unknown"]);
const html = readFileSync(join(root, "index.html"), "utf8");
const level = html.match(/data-wasm-opt="([^"]*)"/)?.[1] ?? "z";
const params = (html.match(/data-wasm-opt-params="([^"]*)"/)?.[1] ?? "").split(/\s+/).filter(Boolean);
run(join(root, "node_modules", ".bin", "wasm-opt"), [
  `-O${level}`,
  ...params,
  join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "wasm32-unknown-unknown", "release", "line_login_checker.wasm"),
  "-o",
  join(dir, CHECKER),
]);

// 2. The built-in content, compiled by the checker.
const checker = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(join(dir, CHECKER))), {}).exports;
function check(text) {
  const input = new TextEncoder().encode(text);
  const at = checker.lld_alloc(input.length);
  new Uint8Array(checker.memory.buffer, at, input.length).set(input);
  const ok = checker.lld_check(at, input.length) === 1;
  const out = new TextDecoder().decode(new Uint8Array(checker.memory.buffer, checker.lld_result_ptr(), checker.lld_result_len()));
  return { ok, out };
}
mkdirSync(join(dir, "content"), { recursive: true });
const flows = [];
for (const file of readdirSync(join(root, "content")).filter((f) => f.endsWith(".json"))) {
  const { ok, out } = check(readFileSync(join(root, "content", file), "utf8"));
  if (!ok) throw new Error(`post-build.mjs: content/${file} is not a valid flow file:\n${out}`);
  const compiled = `content/${file.replace(/\.json$/, ".flow")}`;
  writeFileSync(join(dir, compiled), Buffer.from(out, "utf16le"));
  flows.push(compiled);
}
// Which std the wasm modules were built with (scripts/build.sh): scripts/size.mjs says which
// build it measured.
const std = process.env.CARGO_UNSTABLE_BUILD_STD ? "build-std" : "stable";
writeFileSync(join(dir, "build.json"), `${JSON.stringify({ profile: process.env.TRUNK_PROFILE, std })}\n`);
if (!release) process.exit(0);

const read = (file) => readFileSync(join(dir, file));
const GLUE = "line-login-diagnosis.js";
const WASM = "line-login-diagnosis_bg.wasm";
const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
/** Replaces exactly one occurrence of `from` in `text`, or stops the build. */
function replaceOnce(text, from, to, where) {
  const parts = text.split(from);
  if (parts.length !== 2) throw new Error(`post-build.mjs: expected exactly one ${JSON.stringify(from)} in ${where}, found ${parts.length - 1}`);
  return parts.join(to);
}

// 3. The glue inside embed.js. wasm-bindgen's `--target web` output is an ES module whose only
// exports are top-level declarations plus one `export { … }` list; inside a function scope
// they become plain declarations, returned as the object `import()` would have given.
/** An ES module's code as plain declarations: `export` dropped, nothing else allowed. */
function declarations(code, file) {
  code = code.replace(/^export (?=(?:async )?function |class |const |let )/gm, "");
  if (/^\s*(export|import)\b/m.test(code)) throw new Error(`post-build.mjs: ${file} has an import or export this bundling does not handle`);
  return code;
}

let glue = read(GLUE).toString("utf8");
// JS snippets the Rust code imports (`#[wasm_bindgen(module = …)]`, e.g. crates/widget/src/ui/page.js): each
// `import { a, b } from './snippets/…'` becomes the snippet's code in a scope of its own.
glue = glue.replace(/^import \{([^}]*)\} from '(\.\/snippets\/[^']+)';?[ \t]*$/gm, (_, names, path) => {
  const code = declarations(read(path).toString("utf8"), path);
  const list = names.split(",").map((n) => n.trim()).filter(Boolean);
  if (list.some((n) => !/^[A-Za-z_$][\w$]*$/.test(n))) throw new Error(`post-build.mjs: ${path}: renamed imports are not handled`);
  return `const { ${list.join(", ")} } = (() => {\n${code}\nreturn { ${list.join(", ")} };\n})();`;
});
glue = declarations(glue.replace(/^export \{[^}]*\};?[ \t]*$/m, ""), GLUE);
if (!/^function mount\(/m.test(glue)) throw new Error(`post-build.mjs: ${GLUE} lacks mount()`);
const inlined = `const glue = Promise.resolve((() => {\n${glue}\nreturn { default: __wbg_init, mount };\n})());`;

const integrity = Object.fromEntries([WASM, CHECKER, ...flows].map((file) => [file, sri(read(file))]));
let embed = read("embed.js").toString("utf8");
embed = replaceOnce(embed, 'const glue = import("./line-login-diagnosis.js");', inlined, "embed.js");
embed = replaceOnce(embed, "const INTEGRITY = {};", `const INTEGRITY = ${JSON.stringify(integrity)};`, "embed.js");

// 4. Minify; the glue file is now inside embed.js.
const out = await minify(embed, { module: true, ecma: 2022, compress: { passes: 2 }, format: { comments: false } });
writeFileSync(join(dir, "embed.js"), out.code);
rmSync(join(dir, GLUE));
rmSync(join(dir, "snippets"), { recursive: true, force: true });

// 5. What a page owner pins.
const embedSri = sri(Buffer.from(out.code));
writeFileSync(join(dir, "integrity.json"), `${JSON.stringify({ "embed.js": embedSri, ...integrity }, null, 2)}\n`);
writeFileSync(
  join(dir, "snippet.html"),
  `<!-- The embed snippet of this build, with Subresource Integrity (README "Security").
     Replace BASE/ with the folder that hosts these files. -->
<link rel="preload" href="BASE/${WASM}" as="fetch" crossorigin>
<script type="module" src="BASE/embed.js" integrity="${embedSri}" crossorigin="anonymous"></script>
<line-login-diagnosis>
  <a href="https://example.com/article">ログインできない時の対処法を読む</a>
</line-login-diagnosis>
`,
);
console.log(`post-build.mjs: embed.js ${embedSri}`);
