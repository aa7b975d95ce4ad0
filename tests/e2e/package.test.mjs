// The npm package a CDN serves, end to end: `npm pack` of the release build (LLD_DIST, through
// scripts/package.mjs) holds exactly the files a page loads and documents; unpacked where a CDN
// serving npm packages puts it (/npm/line-login-diagnosis@<version>/, CORS, the same content
// types), the README's CDN snippet — verbatim, its hash from the package's integrity.json, the
// CDN's host replaced by the test server's origin — starts the widget on a page of another
// origin and a path reaches a result; a changed embed.js in the CDN folder is refused and the
// fallback stays; the README's Google Tag Manager tag (scripts and element added by DOM after
// `load`) starts the widget too. In every engine (forEachEngine).

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CDN_ORIGIN, DIST, ROOT, Widget, allPaths, checkDist, forEachEngine, loadFlow, marketingPage, openPage, readmeBlock, useBrowserAndOrigins, withoutVisit } from "./lib.mjs";
import { KIT_FILES, manifest, pack, version } from "../../scripts/package.mjs";

const VERSION = version();
const PACKAGE_PATH = `/npm/line-login-diagnosis@${VERSION}`;
// What the package holds: what a page loads, its hashes and snippets, what documents it, and the
// GA4 kit (the GTM container and the custom dimensions to register).
const EXPECTED = [
  "CHANGELOG.md",
  "LICENSE",
  "README.md",
  "content/line-login.en.flow",
  "content/line-login.ja.flow",
  "embed.js",
  "ga4-custom-dimensions.csv",
  "gtm-container.json",
  "integrity.json",
  "line-login-checker.wasm",
  "line-login-diagnosis_bg.wasm",
  "package.json",
  "snippet-cdn-full.html",
  "snippet-cdn-short.html",
  "snippet-cdn.html",
  "snippet-full.html",
  "snippet-short.html",
  "snippet.html",
];

// Pack once, before any engine starts: the CDN's folder is the unpacked tarball.
checkDist();
const work = mkdtempSync(join(tmpdir(), "lld-package-"));
// Removed when the process ends (a root-level `after` would run before the engines' tests,
// which are defined after an await).
process.on("exit", () => rmSync(work, { recursive: true, force: true }));
const started = performance.now();
const tarball = pack(DIST, join(work, "out"));
const cdnRoot = join(work, "cdn");
const folder = join(cdnRoot, PACKAGE_PATH);
mkdirSync(folder, { recursive: true });
execFileSync("tar", ["-xzf", tarball, "-C", folder, "--strip-components=1"]);
console.log(`# npm pack and unpack: ${((performance.now() - started) / 1000).toFixed(1)} s`);

const pinned = JSON.parse(readFileSync(join(folder, "integrity.json"), "utf8"));
/** The README's CDN snippet with this package's hash in place of `sha384-…`. */
const cdnSnippet = () => {
  const s = readmeBlock("snippet-cdn");
  assert.equal(s.split('integrity="sha384-…"').length, 2, "the README's CDN snippet has no integrity=\"sha384-…\" to fill in");
  return s.replace('integrity="sha384-…"', `integrity="${pinned["embed.js"]}"`);
};
/** `html` with the CDN's origin replaced by the test server's. */
const viaTestCdn = (html, origin) => html.split(`${CDN_ORIGIN}/`).join(`${origin}/`);

test("the tarball is line-login-diagnosis-<version>.tgz and holds exactly the files a page loads and documents", () => {
  assert.ok(tarball.endsWith(`/line-login-diagnosis-${VERSION}.tgz`), tarball);
  const listed = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n").filter((l) => l && !l.endsWith("/")).sort();
  assert.deepEqual(listed, EXPECTED.map((f) => `package/${f}`).sort());
  for (const f of EXPECTED.filter((f) => !["package.json", "README.md", "LICENSE", "CHANGELOG.md", ...KIT_FILES].includes(f))) {
    assert.ok(readFileSync(join(folder, f)).equals(readFileSync(join(DIST, f))), `${f} differs from ${DIST}/${f}`);
  }
  for (const f of ["LICENSE", "CHANGELOG.md"]) assert.equal(readFileSync(join(folder, f), "utf8"), readFileSync(join(ROOT, f), "utf8"), f);
  assert.equal(readFileSync(join(folder, "README.md"), "utf8"), readFileSync(join(ROOT, "scripts", "package", "README.md"), "utf8"));
  for (const f of KIT_FILES) assert.equal(readFileSync(join(folder, f), "utf8"), readFileSync(join(ROOT, "scripts", "package", f), "utf8"), f);
});

test("package.json: the name, the workspace version, embed.js as the entry, side effects, no runtime dependencies; the version agrees everywhere", () => {
  const pkg = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
  assert.deepEqual(pkg, manifest());
  assert.equal(pkg.name, "line-login-diagnosis");
  const cargo = readFileSync(join(ROOT, "Cargo.toml"), "utf8");
  assert.match(cargo, new RegExp(`\\[workspace\\.package\\]\\nversion = "${VERSION.replace(/\./g, "\\.")}"\\n`));
  assert.match(cargo, new RegExp(`\\nlicense = "${pkg.license}"\\n`));
  assert.match(readFileSync(join(folder, "LICENSE"), "utf8"), new RegExp(`^${pkg.license} License`));
  for (const key of ["main", "browser", "jsdelivr"]) assert.equal(pkg[key], "./embed.js", key);
  assert.equal(pkg.exports["."], "./embed.js");
  assert.deepEqual(pkg.sideEffects, ["./embed.js"], "embed.js defines the custom element: it has side effects");
  for (const key of ["dependencies", "peerDependencies", "optionalDependencies", "scripts"]) assert.equal(pkg[key], undefined, key);
  assert.ok(pkg.repository?.url, "no repository");
  // The changelog's latest version, the README's CDN snippets and the build's name this version.
  assert.equal(readFileSync(join(ROOT, "CHANGELOG.md"), "utf8").match(/^## \[(\d[^\]]*)\]/m)?.[1], VERSION, "CHANGELOG.md's latest version");
  for (const block of ["snippet-cdn", "snippet-gtm"]) {
    const versions = [...readmeBlock(block).matchAll(/line-login-diagnosis@([^/]+)\//g)].map((m) => m[1]);
    assert.ok(versions.length > 0 && versions.every((v) => v === VERSION), `README ${block}: versions ${versions}, want ${VERSION}`);
  }
});

test("the package's snippet-cdn.html is the README's CDN snippet with this build's hash", () => {
  const built = readFileSync(join(folder, "snippet-cdn.html"), "utf8").replace(/^<!--[\s\S]*?-->\n/, "");
  assert.equal(built, cdnSnippet());
});

let browser;
let origins;
await forEachEngine((engine) => {
  useBrowserAndOrigins(engine, (b, o) => ([browser, origins] = [b, o]), { root: cdnRoot });

  const flow = loadFlow("ja");
  const path = allPaths(flow).find((p) => p.result.id === "password-line");

  /** The widget's requests all went to the package's folder on the CDN. */
  async function assertFromPackage(page, files) {
    const fromCdn = (await page.journal()).requests.filter((u) => u.startsWith(origins.widget.origin)).map((u) => new URL(u).pathname);
    for (const f of files) assert.ok(fromCdn.includes(`${PACKAGE_PATH}/${f}`), `${f} was not loaded from ${PACKAGE_PATH}/ (loaded: ${fromCdn})`);
    assert.deepEqual(fromCdn.filter((p) => !p.startsWith(`${PACKAGE_PATH}/`)), [], "requests outside the package's folder");
  }

  test("the README's CDN snippet, from the unpacked package on another origin: the widget starts and a path reaches a result", async () => {
    const body = viaTestCdn(cdnSnippet(), origins.widget.origin);
    origins.site.pages.set("/cdn.html", marketingPage({ body }));
    assert.ok((await (await fetch(origins.site.url("/cdn.html"))).text()).includes(body), "the page does not hold the snippet verbatim");
    const page = await openPage(browser, origins);
    try {
      await page.goto(origins.site.url("/cdn.html"));
      const w = new Widget(page);
      await w.ready(flow.start);
      await w.walk(path);
      const last = await page.evaluate(() => window.__lldEvents.filter((e) => e.type === "lld:result").at(-1)?.detail);
      assert.deepEqual(last && withoutVisit({ ...last }), { flow: flow.id, node: path.result.id, result: path.result.id, steps: path.moves.map((m) => m.answer.id) });
      await assertFromPackage(page, ["embed.js", "line-login-diagnosis_bg.wasm", "content/line-login.ja.flow"]);
      await page.assertClean("the CDN snippet");
    } finally {
      await page.close();
    }
  });

  test("the package's prerendered CDN snippets (full and short): the first question before the widget, which takes it over from the package and reaches a result", async () => {
    for (const kind of ["full", "short"]) {
      const body = viaTestCdn(readFileSync(join(folder, `snippet-cdn-${kind}.html`), "utf8"), origins.widget.origin);
      assert.ok(body.includes(`integrity="${pinned["embed.js"]}"`), `snippet-cdn-${kind}.html does not pin embed.js`);
      assert.match(body, /<template shadowrootmode="open">/);
      origins.site.pages.set(`/cdn-${kind}.html`, marketingPage({ body }));
      const page = await openPage(browser, origins);
      try {
        await page.goto(origins.site.url(`/cdn-${kind}.html`));
        await page.waitFor(() => document.querySelector("line-login-diagnosis")?.shadowRoot?.querySelector(".answer")?.tagName === "BUTTON", undefined, { what: "the widget took over" });
        const w = new Widget(page);
        await w.walk(path);
        await assertFromPackage(page, ["embed.js", "line-login-diagnosis_bg.wasm", "content/line-login.ja.flow"]);
        await page.assertClean(`the package's snippet-cdn-${kind}.html`);
      } finally {
        await page.close();
      }
    }
  });

  test("an embed.js changed in the CDN's folder is refused by the snippet's integrity: the fallback link stays", async () => {
    const file = join(folder, "embed.js");
    const original = readFileSync(file);
    writeFileSync(file, Buffer.concat([original, Buffer.from("\n// changed on the CDN\n")]));
    origins.site.pages.set("/cdn-tampered.html", marketingPage({ body: viaTestCdn(cdnSnippet(), origins.widget.origin) }));
    const page = await openPage(browser, origins);
    try {
      await page.goto(origins.site.url("/cdn-tampered.html"));
      const src = `${origins.widget.origin}${PACKAGE_PATH}/embed.js`;
      const journal = await page.waitForJournal((j) => j.loadErrors.includes(`<script> ${src}`), "the refused embed.js");
      const link = page.getByRole("link", { name: "ログインできない時の対処法を読む" });
      await link.waitFor({ state: "visible" });
      assert.equal(await page.evaluate(() => customElements.get("line-login-diagnosis") ?? null), null, "the changed embed.js ran");
      assert.equal(await page.locator("line-login-diagnosis").evaluate((el) => el.shadowRoot), null, "a shadow root hides the fallback");
      assert.deepEqual(journal.pageErrors, []);
    } finally {
      writeFileSync(file, original);
      await page.close();
    }
  });

  test("the README's Google Tag Manager tag, added by DOM after load: the widget starts in its new box and a path reaches a result", async () => {
    origins.site.pages.set("/gtm.html", marketingPage({ body: "" }));
    const tag = viaTestCdn(readmeBlock("snippet-gtm"), origins.widget.origin);
    const code = tag.match(/^<script>\n([\s\S]*)<\/script>\n$/)?.[1];
    assert.ok(code, "the README's GTM tag is not one inline <script>");
    const page = await openPage(browser, origins);
    try {
      await page.goto(origins.site.url("/gtm.html"));
      // As GTM injects a Custom HTML tag: a new <script> element with the tag's code, appended
      // by DOM once the page has loaded.
      const inserted = await page.evaluate((code) => {
        const loaded = document.readyState === "complete";
        const s = document.createElement("script");
        s.textContent = code;
        document.body.appendChild(s);
        return { loaded, inBox: !!document.querySelector("main > .lld-box > line-login-diagnosis") };
      }, code);
      assert.deepEqual(inserted, { loaded: true, inBox: true });
      const w = new Widget(page);
      await w.ready(flow.start);
      await w.walk(path);
      await assertFromPackage(page, ["embed.js", "line-login-diagnosis_bg.wasm", "content/line-login.ja.flow"]);
      await page.assertClean("the GTM tag");
    } finally {
      await page.close();
    }
  });
});
