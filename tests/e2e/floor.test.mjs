// What older or stricter browsers get (README "Supported browsers"), in every engine: where
// WebAssembly or custom elements are missing (removed here before embed.js runs, as an old
// browser or iOS Lockdown Mode would lack them), the visitor keeps the page's fallback content,
// the console says why once, and nothing is thrown; where constructed stylesheets are missing
// (Safari before 16.4), the widget falls back to a <style> element and looks the same.

import { test } from "node:test";
import assert from "node:assert/strict";
import { Widget, forEachEngine, loadFlow, marketingPage, openPage, readmeSnippet, record, snippetFor, useBrowserAndOrigins } from "./lib.mjs";

const FLOORS = [
  { missing: ["WebAssembly"], remove: "delete globalThis.WebAssembly;" },
  // An accessor on Window.prototype: an own property with no value hides it.
  { missing: ["customElements"], remove: 'Object.defineProperty(window, "customElements", { value: undefined });' },
  { missing: ["customElements", "WebAssembly"], remove: 'delete globalThis.WebAssembly; Object.defineProperty(window, "customElements", { value: undefined });' },
];

const fallbackText = () => readmeSnippet().match(/<a [^>]*>([^<]*)<\/a>/)[1];

let browser;
let origins;

await forEachEngine((engine) => {
  useBrowserAndOrigins(engine, (b, o) => ([browser, origins] = [b, o]));

  for (const floor of FLOORS) {
    test(`without ${floor.missing.join(" and ")}: the fallback stays, one console warning says why, nothing is thrown`, async () => {
      const name = `/floor-${floor.missing.join("-")}.html`;
      // A classic script before the module: it runs first.
      origins.site.pages.set(name, marketingPage({ body: `<script>${floor.remove}</script>\n${snippetFor(origins.widget.origin)}` }));
      const page = await openPage(browser, origins);
      try {
        await page.goto(origins.site.url(name));
        const why = new RegExp(`^<line-login-diagnosis>: this browser has no ${floor.missing.join(" and no ")}; the fallback content stays visible\\.`);
        const journal = await page.waitForJournal((j) => j.consoleWarnings.some((m) => why.test(m)), "the warning");
        // The module has run to its end (a module script runs before the load event).
        await page.waitFor(() => document.readyState === "complete");
        const link = page.getByRole("link", { name: fallbackText() });
        await link.waitFor({ state: "visible" });
        assert.equal(await page.locator("line-login-diagnosis").evaluate((el) => el.shadowRoot), null, "a shadow root hides the fallback");
        const after = await page.journal();
        assert.deepEqual(after.consoleWarnings, journal.consoleWarnings.filter((m) => why.test(m)), "exactly one warning, and no other");
        assert.equal(after.consoleWarnings.length, 1, `warnings: ${after.consoleWarnings}`);
        assert.deepEqual([after.consoleErrors, after.pageErrors, after.loadErrors, after.httpErrors, after.foreign], [[], [], [], [], []]);
        // Nothing of the widget's is fetched but what the page itself preloads.
        const fetched = after.requests.filter((u) => u.startsWith(origins.widget.origin)).map((u) => new URL(u).pathname);
        const preloads = (ext) => (readmeSnippet().match(new RegExp(`rel="preload" href="[^"]*\\${ext}"`, "g")) ?? []).length;
        assert.equal(fetched.filter((p) => p.endsWith(".flow")).length, preloads(".flow"), `flow requests: ${fetched}`);
        assert.equal(fetched.filter((p) => p.endsWith(".wasm")).length, preloads(".wasm"), `wasm requests: ${fetched}`);
      } finally {
        await page.close();
      }
    });
  }

  test("without constructed stylesheets: the widget styles itself with a <style> element and looks the same", async () => {
    const flow = loadFlow("ja");
    // As in Safari before 16.4: `new CSSStyleSheet()` is an illegal constructor.
    const old = "<script>window.CSSStyleSheet = function CSSStyleSheet() { throw new TypeError('Illegal constructor'); };</script>";
    origins.site.pages.set("/sheets.html", marketingPage({ body: snippetFor(origins.widget.origin) }));
    origins.site.pages.set("/no-sheets.html", marketingPage({ body: `${old}\n${snippetFor(origins.widget.origin)}` }));
    const seen = {};
    for (const which of ["sheets", "no-sheets"]) {
      const page = await openPage(browser, origins, undefined, { reducedMotion: "reduce" });
      try {
        await page.goto(origins.site.url(`/${which}.html`));
        const w = new Widget(page);
        await w.ready(flow.start);
        seen[which] = await w.host.evaluate((host) => {
          const root = host.shadowRoot;
          const style = (el) => {
            const cs = getComputedStyle(el);
            return ["font-size", "line-height", "color", "background-color", "border-top-width", "border-top-style", "border-top-left-radius", "min-height", "padding-top"].map((p) => `${p}: ${cs.getPropertyValue(p)}`);
          };
          return {
            how: { adopted: root.adoptedStyleSheets?.length ?? 0, styleElements: root.querySelectorAll("style").length },
            heading: style(root.querySelector('[part~="question"]')),
            answer: style(root.querySelector('[part~="answer"]')),
          };
        });
        await page.assertClean(which);
      } finally {
        await page.close();
      }
    }
    assert.deepEqual(seen.sheets.how, { adopted: 1, styleElements: 0 }, "the normal page does not use a constructed stylesheet");
    assert.deepEqual(seen["no-sheets"].how, { adopted: 0, styleElements: 1 }, "without constructed stylesheets the widget has no <style> element");
    assert.deepEqual(seen["no-sheets"].heading, seen.sheets.heading, "the question looks different with the <style> fallback");
    assert.deepEqual(seen["no-sheets"].answer, seen.sheets.answer, "the answers look different with the <style> fallback");
    record({ [`floor cases, ${engine.name}`]: FLOORS.length + 1 });
  });
});
