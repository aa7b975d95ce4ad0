// @ts-check
// The npm package a CDN serves (README "Embedding it in a page"): stages what a page loads and
// what documents it from a release build, writes its package.json, and packs it.
//
//   node scripts/package.mjs [dist] [out]     # default dist/ and build/package/
//
// Prints the tarball's path: <out>/line-login-diagnosis-<version>.tgz. Publishing is
// `npm publish <that file>`, by a person, never by this script.
//
// The version is the workspace's in Cargo.toml (the one source of truth; the build writes the
// same into snippet-cdn.html). File names have no hashes and the version is in the CDN path
// (…/line-login-diagnosis@1.1.0/embed.js), so a page's snippet keeps loading the files it was
// made for; `integrity` in the snippet pins embed.js, which pins the rest.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const NAME = "line-login-diagnosis";

/** What the package holds besides package.json, README.md, LICENSE and CHANGELOG.md: the files a page loads and their hashes and snippets (from the build). */
export const BUILT_FILES = [
  "embed.js",
  "line-login-diagnosis_bg.wasm",
  "line-login-checker.wasm",
  "content/line-login.ja.flow",
  "content/line-login.en.flow",
  "integrity.json",
  "snippet.html",
  "snippet-cdn.html",
  "snippet-full.html",
  "snippet-short.html",
  "snippet-cdn-full.html",
  "snippet-cdn-short.html",
];

/** The GA4 kit (README "Measuring in GA4"): files only the package ships, from scripts/package/ (written by scripts/gtm-container.mjs). */
export const KIT_FILES = ["gtm-container.json", "ga4-custom-dimensions.csv"];

/** The workspace version (Cargo.toml `[workspace.package]`). */
export function version() {
  const v = readFileSync(join(ROOT, "Cargo.toml"), "utf8").match(/\[workspace\.package\][^[]*?\nversion = "([^"]+)"/)?.[1];
  if (!v) throw new Error("package.mjs: no version in Cargo.toml [workspace.package]");
  return v;
}

/** The package's package.json. */
export function manifest() {
  const license = readFileSync(join(ROOT, "Cargo.toml"), "utf8").match(/\[workspace\.package\][^[]*?\nlicense = "([^"]+)"/)?.[1];
  return {
    name: NAME,
    version: version(),
    description: "LINE公式アカウントにログインできない時の診断: an embeddable widget (custom element <line-login-diagnosis>, WebAssembly, shadow DOM) for landing pages. One script tag; no server of its own, no tracking.",
    keywords: ["line", "line-official-account", "diagnosis", "custom-element", "web-component", "webassembly"],
    license,
    // The repository the package is published from (README "Shipping a version" says to check it).
    repository: { type: "git", url: "git+https://github.com/line-login-diagnosis/line-login-diagnosis.git" },
    type: "module",
    main: "./embed.js",
    browser: "./embed.js",
    exports: { ".": "./embed.js", "./*": "./*" },
    // What jsDelivr serves for the bare package path.
    jsdelivr: "./embed.js",
    // embed.js defines the custom element when it runs: importing it is the point.
    sideEffects: ["./embed.js"],
    files: [...BUILT_FILES, ...KIT_FILES, "CHANGELOG.md"],
  };
}

/**
 * Stages `dist` into `<out>/line-login-diagnosis/` and packs it into `out`; returns the
 * tarball's path.
 * @param {string} dist @param {string} out
 */
export function pack(dist, out) {
  for (const f of BUILT_FILES) {
    if (!existsSync(join(dist, f))) throw new Error(`package.mjs: ${join(dist, f)} is missing: run ./scripts/build.sh (a release build) first`);
  }
  const stage = join(out, NAME);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(join(stage, "content"), { recursive: true });
  for (const f of BUILT_FILES) cpSync(join(dist, f), join(stage, f));
  cpSync(join(ROOT, "scripts", "package", "README.md"), join(stage, "README.md"));
  for (const f of KIT_FILES) cpSync(join(ROOT, "scripts", "package", f), join(stage, f));
  for (const f of ["LICENSE", "CHANGELOG.md"]) cpSync(join(ROOT, f), join(stage, f));
  writeFileSync(join(stage, "package.json"), `${JSON.stringify(manifest(), null, 2)}\n`);
  const [{ filename }] = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", resolve(out)], {
      cwd: stage,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      // Packing reads only this folder: no update check, no audit.
      env: { ...process.env, npm_config_update_notifier: "false", npm_config_audit: "false", npm_config_fund: "false" },
    }),
  );
  return join(resolve(out), filename);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dist = join(ROOT, "dist"), out = join(ROOT, "build", "package")] = process.argv.slice(2);
  mkdirSync(out, { recursive: true });
  console.log(pack(resolve(dist), resolve(out)));
}
