// @ts-check
// Trunk post-build hook (Trunk.toml), in Trunk's staging folder before it becomes dist/.
// Every build (`trunk serve` too):
//   1. builds the flow checker module (crates/checker/: parse + validation + compiler, no imports) into
//      line-login-checker.wasm, optimized with the wasm-opt flags of index.html, and the studio's
//      copy with its two extra exports into studio/line-login-checker.wasm;
//   2. compiles each content/*.json with that very module, in Node, into content/*.flow (the
//      compiled form the widget reads, crates/core/src/flow/compiled.rs), stored as UTF-16LE: Japanese text
//      gzips about 6 % smaller in it than in UTF-8. A flow file that breaks a rule stops the
//      build with the checker's message;
//   2b. prerenders the Japanese flow (the native `prerender` command, crates/core/src/prerender.rs):
//      the first question as a declarative shadow root with the widget's styles (and, as inert
//      templates, the screens after each of its answers), and every question and result as
//      plain HTML, written into the demo page's element.
// Release builds also:
//   3. bundle embed.js with esbuild: the wasm-bindgen glue and its JS snippets
//      (src/ui/page.js) go inside it (one script instead of three: fewer requests,
//      and Subresource Integrity on embed.js then covers all the code a page runs), with the
//      sha384 of the wasm, the checker and each compiled flow, which it passes to fetch() as
//      `integrity`;
//   4. minify it (esbuild) and remove the separate glue file and its JS snippets;
//   5. write integrity.json (the sha384 of every file a page may load), snippet.html (the
//      embed snippet with `integrity` on the script tag, README "Security") and
//      snippet-cdn.html (the same from a CDN serving the npm package at this version, README
//      "Embedding it in a page": the README shows it with the hash left out);
//   6. write the prerendered snippets (README "The first question without waiting"): the same
//      with the first question as HTML and every result (snippet-full.html, snippet-cdn-full.html)
//      or the one-line fallback link (snippet-short.html, snippet-cdn-short.html).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

// The npm tools come from package-lock.json: without them, say what to run, not a stack trace.
const tools = ["node_modules/.bin/wasm-opt", "node_modules/esbuild"];
const missing = tools.filter((t) => !existsSync(join(process.env.TRUNK_SOURCE_DIR ?? process.cwd(), t)));
if (missing.length) {
  console.error(`post-build.mjs: the build tools are not installed (${missing.join(", ")}): run ./scripts/setup.sh first`);
  process.exit(1);
}
const { build } = await import("esbuild");

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("post-build.mjs runs as a Trunk hook (TRUNK_STAGING_DIR is not set)");
const root = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
const release = process.env.TRUNK_PROFILE === "release";

const CHECKER = "line-login-checker.wasm";
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });

// 1. The checker module (always a release build: it is small and fast only optimized).
// The studio's copy (studio/line-login-checker.wasm) adds its two exports (the `studio` feature):
// the same rules and messages, kept out of what pages with flow-src load.
const html = readFileSync(join(root, "index.html"), "utf8");
const level = html.match(/data-wasm-opt="([^"]*)"/)?.[1] ?? "z";
const params = (html.match(/data-wasm-opt-params="([^"]*)"/)?.[1] ?? "").split(/\s+/).filter(Boolean);
mkdirSync(join(dir, "studio"), { recursive: true });
/** @type {[string[], string][]} */
const checkers = [[[], CHECKER], [["--features", "studio"], join("studio", CHECKER)]];
for (const [features, out] of checkers) {
  run("cargo", ["build", "--quiet", "--release", "-p", "line-login-checker", "--lib", "--target", "wasm32-unknown-unknown", ...features]);
  run(join(root, "node_modules", ".bin", "wasm-opt"), [
    `-O${level}`,
    ...params,
    join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "wasm32-unknown-unknown", "release", "line_login_checker.wasm"),
    "-o",
    join(dir, out),
  ]);
}

// 2. The built-in content, compiled by the checker.
const checker = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(join(dir, CHECKER))), {}).exports;
const { checkFlow } = await import(pathToFileURL(join(root, "src", "checker.js")).href);
const check = (text) => checkFlow(checker, text);
mkdirSync(join(dir, "content"), { recursive: true });
const flows = [];
for (const file of readdirSync(join(root, "content")).filter((f) => f.endsWith(".json"))) {
  const { ok, out } = check(readFileSync(join(root, "content", file), "utf8"));
  if (!ok) throw new Error(`post-build.mjs: content/${file} is not a valid flow file:\n${out}`);
  const compiled = `content/${file.replace(/\.json$/, ".flow")}`;
  writeFileSync(join(dir, compiled), Buffer.from(out, "utf16le"));
  flows.push(compiled);
}
// The studio (studio/, README "Editing the content"): studio.html beside the demo page, its
// script bundled (with checker.js and format.js) and its styles in studio/, and the repository's
// content/*.json beside them, the files the studio opens as the built-in flows. No marketer page
// loads any of it; it runs the studio's checker module (step 1) and embed.js of this very build.
writeFileSync(join(dir, "studio.html"), readFileSync(join(root, "studio", "studio.html")));
writeFileSync(join(dir, "studio", "studio.css"), readFileSync(join(root, "studio", "studio.css")));
for (const file of readdirSync(join(root, "content")).filter((f) => f.endsWith(".json"))) {
  writeFileSync(join(dir, "studio", file), readFileSync(join(root, "content", file)));
}
await build({
  entryPoints: [join(root, "studio", "studio.js")],
  outfile: join(dir, "studio", "studio.js"),
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: release,
  legalComments: "none",
  logLevel: "warning",
});

// 2b. The first screen and the index (crates/core/src/prerender.rs), from the native command.
// A native build: the wasm target's unstable std switches (scripts/build.sh) must not reach it.
const nativeEnv = { ...process.env };
delete nativeEnv.CARGO_UNSTABLE_BUILD_STD;
const prerenderDir = join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "prerender");
execFileSync("cargo", ["run", "--quiet", "-p", "line-login-checker", "--bin", "prerender", "--", join(root, "content", "line-login.ja.json"), prerenderDir], {
  cwd: root,
  env: nativeEnv,
  stdio: ["ignore", "inherit", "inherit"],
});
const prerendered = (file) => readFileSync(join(prerenderDir, file), "utf8");
const css = prerendered("widget.css");
/**
 * The declarative shadow root of the first question: the widget's styles (a <style> a strict CSP
 * allows by its hash, STYLE_HASH), the first screen, and a slot for the element's children
 * (shown only without scripting, widget.css `.lld-static`). `answersTo` replaces the answers'
 * links (the short snippet has no index to link to).
 * @param {string} [answersTo]
 */
const template = (answersTo) => {
  let screen = prerendered("screen.html");
  // The screens after one answer (inert templates embed.js shows when that answer is tapped
  // before the widget is ready).
  let answered = prerendered("answered.html");
  if (answersTo) {
    screen = screen.replace(/href="#lld-n-[^"]*"/g, `href="${answersTo}"`);
    answered = answered.replace(/href="#lld-n-[^"]*"/g, `href="${answersTo}"`);
  }
  return `<template shadowrootmode="open"><style>${css}</style>${screen}<div class="lld-static"><slot></slot></div>${answered}</template>`;
};
const STYLE_HASH = `sha256-${createHash("sha256").update(css).digest("base64")}`;
// One section per line: readable when a marketer looks at it, and each one a child of the element.
const index = prerendered("index.html").replace(/<\/section>/g, "</section>\n");
// The demo page: its element carries the first question and the index, as the full snippet.
const demo = readFileSync(join(dir, "index.html"), "utf8");
const demoElement = /(<line-login-diagnosis[^>]*>)[\s\S]*?(<\/line-login-diagnosis>)/;
if (!demoElement.test(demo)) throw new Error("post-build.mjs: index.html has no <line-login-diagnosis> element");
writeFileSync(join(dir, "index.html"), demo.replace(demoElement, (_, open, close) => `${open}\n${template()}\n${index}${close}`));

// Which std the wasm modules were built with (scripts/build.sh): scripts/size.mjs says which
// build it measured.
const std = process.env.CARGO_UNSTABLE_BUILD_STD ? "build-std" : "stable";
writeFileSync(join(dir, "build.json"), `${JSON.stringify({ profile: process.env.TRUNK_PROFILE, std })}\n`);
if (!release) process.exit(0);

const read = (file) => readFileSync(join(dir, file));
const GLUE = "line-login-diagnosis.js";
const WASM = "line-login-diagnosis_bg.wasm";
const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

// 3–4. One file: esbuild bundles embed.js with what it imports — checker.js, the wasm-bindgen
// glue (a dynamic import, inlined because nothing is split) and the glue's JS snippets
// (src/ui/page.js) — writes the hashes in for `__LLD_INTEGRITY__`, and minifies.
const integrity = Object.fromEntries([WASM, CHECKER, ...flows].map((file) => [file, sri(read(file))]));
const bundle = await build({
  entryPoints: [join(dir, "embed.js")],
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  legalComments: "none",
  write: false,
  define: { __LLD_INTEGRITY__: JSON.stringify(integrity) },
  logLevel: "warning",
  // wasm-bindgen's glue lists page.js once per import in its imports object (the same module
  // under the same key, so the repeats are harmless).
  logOverride: { "duplicate-object-key": "silent" },
});
const code = bundle.outputFiles[0].text;
// The glue and its snippets are inside now; a page loads nothing else as code.
if (/\bimport\s*\(\s*["'`]/.test(code) || /^\s*import\s/m.test(code)) throw new Error("post-build.mjs: embed.js still imports a file after bundling");
if (!code.includes(integrity[WASM])) throw new Error("post-build.mjs: the wasm's hash did not reach embed.js");
writeFileSync(join(dir, "embed.js"), code);
rmSync(join(dir, GLUE));
rmSync(join(dir, "checker.js"));
rmSync(join(dir, "snippets"), { recursive: true, force: true });

// 5. What a page owner pins.
const embedSri = sri(Buffer.from(code));
writeFileSync(join(dir, "integrity.json"), `${JSON.stringify({ "embed.js": embedSri, ...integrity }, null, 2)}\n`);
writeFileSync(
  join(dir, "snippet.html"),
  `<!-- The embed snippet of this build, with Subresource Integrity (README "Security").
     Replace BASE/ with the folder that hosts these files. -->
<link rel="preload" href="BASE/${WASM}" as="fetch" crossorigin>
<link rel="preload" href="BASE/content/line-login.ja.flow" as="fetch" crossorigin>
<script type="module" src="BASE/embed.js" integrity="${embedSri}" crossorigin="anonymous"></script>
<line-login-diagnosis>
  <a href="https://example.com/article">ログインできない時の対処法を読む</a>
</line-login-diagnosis>
`,
);
// The npm package's version is the workspace's (Cargo.toml, the one source of truth;
// scripts/package.mjs writes it into the package.json): the CDN path names it, so a snippet
// keeps loading the files it was made for.
const version = readFileSync(join(root, "Cargo.toml"), "utf8").match(/\[workspace\.package\][^[]*?\nversion = "([^"]+)"/)?.[1];
if (!version) throw new Error("post-build.mjs: no version in Cargo.toml [workspace.package]");
const cdn = `https://cdn.jsdelivr.net/npm/line-login-diagnosis@${version}`;
writeFileSync(
  join(dir, "snippet-cdn.html"),
  `<!-- The embed snippet of this build from a CDN serving the npm package line-login-diagnosis@${version},
     with Subresource Integrity (README "Embedding it in a page"). -->
<link rel="preload" href="${cdn}/${WASM}" as="fetch" crossorigin>
<link rel="preload" href="${cdn}/content/line-login.ja.flow" as="fetch" crossorigin>
<script type="module" src="${cdn}/embed.js" integrity="${embedSri}" crossorigin="anonymous"></script>
<line-login-diagnosis cta-href="https://example.com/contact" cta-label="無料で相談する">
  <a href="https://example.com/article">ログインできない時の対処法を読む</a>
</line-login-diagnosis>
`,
);

// 6. The prerendered snippets. No preload lines: the widget's files load when the element comes
// near the screen or is touched (README "The first question without waiting").
/**
 * @param {string} base  the folder's URL, with its slash
 * @param {string} attrs  the element's attributes
 * @param {boolean} full  every result (else the fallback link)
 * @param {string} what  the comment's first line
 */
const prerenderedSnippet = (base, attrs, full, what) => `<!-- ${what}
     The first question is HTML: it shows before any script runs; ${full ? "every question and result is in the element, for visitors without JavaScript and for crawlers" : "without JavaScript its answers lead to the link below"}.
     Under a Content-Security-Policy, allow its styles with style-src '${STYLE_HASH}' (README "Security"). -->
<script type="module" src="${base}embed.js" integrity="${embedSri}" crossorigin="anonymous"></script>
<line-login-diagnosis${attrs}>
${full ? `${template()}\n${index}` : `${template("#lld-more")}\n  <p id="lld-more"><a href="https://example.com/article">ログインできない時の対処法を読む</a></p>\n`}</line-login-diagnosis>
`;
const CTA = ' cta-href="https://example.com/contact" cta-label="無料で相談する"';
for (const full of [true, false]) {
  const kind = full ? "full" : "short";
  writeFileSync(join(dir, `snippet-${kind}.html`), prerenderedSnippet("BASE/", "", full, `The ${kind} prerendered embed snippet of this build, with Subresource Integrity. Replace BASE/ with the folder that hosts these files.`));
  writeFileSync(join(dir, `snippet-cdn-${kind}.html`), prerenderedSnippet(`${cdn}/`, CTA, full, `The ${kind} prerendered embed snippet of this build from a CDN serving the npm package line-login-diagnosis@${version}, with Subresource Integrity.`));
}
console.log(`post-build.mjs: embed.js ${embedSri}; the prerendered snippets' style ${STYLE_HASH}`);
