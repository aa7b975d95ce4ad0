// The page's rules and the visitor's device: the widget works with zero violations under the
// strict Content-Security-Policy the README documents (same origin, and cross-origin with the
// widget's origin added), and words its steps by the device from the user agent alone.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { noteLimit } from "./driver.mjs";
import { DESKTOP, PHONE, Widget, loadFlow, marketingPage, openPage, record, snippetFor, useBrowserAndOrigins, forEachEngine } from "./lib.mjs";

let browser;
let origins;
await forEachEngine((engine) => {
  useBrowserAndOrigins(engine, (b, o) => ([browser, origins] = [b, o]));

  const ja = loadFlow("ja");
  const START = ja.start;

  async function walkToPasswordLine(page, device = DESKTOP) {
    const w = new Widget(page, { touch: device === PHONE });
    await w.ready(START);
    await w.activate(w.answer("password"));
    await w.waitAt("question", "password-which");
    await w.activate(w.answer("line"));
    await w.waitAt("result", "password-line");
    return w;
  }

  const strict = (extra = "") =>
    `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'${extra}; style-src 'self'; img-src 'self' data:; connect-src 'self'${extra}`;

  /**
   * Serves the README snippet (with `attrs`) on `server` at `path` under `csp`, walks to a result
   * and checks: zero CSP violations, a clean journal. Returns the paths the page loaded.
   */
  async function walkUnderCsp(server, path, csp, attrs = {}) {
    server.pages.set(path, {
      body: marketingPage({ body: snippetFor(origins.widget.origin, attrs) }),
      headers: { "Content-Security-Policy": csp },
    });
    const page = await openPage(browser, origins);
    try {
      await page.goto(server.url(path));
      const w = await walkToPasswordLine(page);
      assert.ok((await w.part("step").count()) > 0);
      const journal = await page.journal();
      // The journal script (allowed by script-src 'self') is what sees violations in every engine.
      assert.ok(journal.scriptSeen, "the journal script did not run under the CSP: violations would go unseen");
      assert.deepEqual(journal.violations, [], "CSP violations");
      await page.assertClean(`strict CSP: ${path}`);
      return journal.requests.map((u) => new URL(u).pathname);
    } finally {
      await page.close();
    }
  }

  test("a strict CSP on the widget's own origin: zero violations, the diagnosis works", async () => {
    await walkUnderCsp(origins.widget, "/csp.html", strict());
  });

  test("a strict CSP cross-origin, with the widget's origin added: zero violations", async () => {
    await walkUnderCsp(origins.site, "/csp-cross.html", strict(` ${origins.widget.origin}`));
  });

  test("a strict CSP cross-origin with flow-src: the checker module loads and validates with zero violations", async () => {
    // The page's own flow file, on the page's origin (connect-src 'self').
    origins.site.pages.set("/own-flow.json", { body: JSON.stringify(ja), type: "application/json" });
    const loaded = await walkUnderCsp(origins.site, "/csp-flow-src.html", strict(` ${origins.widget.origin}`), { "flow-src": "/own-flow.json" });
    assert.ok(loaded.includes("/line-login-checker.wasm"), "the checker module was not loaded");
    assert.ok(!loaded.some((p) => p.endsWith(".flow")), "the built-in flow was loaded as well");
  });

  const UA = {
    iphone: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "iphone-line": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari Line/14.3.1",
    android: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36",
    "android-line": "Mozilla/5.0 (Linux; Android 14; SH-M26) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/130.0.0.0 Mobile Safari/537.36 Line/14.3.1/IAB",
    desktop: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
  };

  for (const [name, userAgent] of Object.entries(UA)) {
    const mobile = name !== "desktop";
    const inLine = name.endsWith("-line");
    test(`steps are worded for the device: ${name}`, async (t) => {
      if (userAgent.includes("/IAB") && noteLimit(engine, "userAgent", "the Android LINE app's user agent")) return t.skip(engine.limits.userAgent);
      origins.site.pages.set("/device.html", marketingPage({ body: snippetFor(origins.widget.origin) }));
      const device = mobile ? PHONE : DESKTOP;
      const page = await openPage(browser, origins, device, { userAgent });
      try {
        await page.goto(origins.site.url("/device.html"));
        const w = await walkToPasswordLine(page, device);
        const places = await w.host.locator(".place").allTextContents();
        const lineApp = mobile ? "LINEアプリで" : "スマートフォンのLINEアプリで";
        assert.ok(places.includes(lineApp), `${name}: LINE app steps say "${lineApp}" (got ${places})`);
        assert.ok(!places.includes(mobile ? "スマートフォンのLINEアプリで" : "LINEアプリで"), `${name}: ${places}`);
        const hint = w.host.locator(".in-app");
        assert.equal(await hint.count(), inLine ? 1 : 0, `${name}: the in-app browser hint`);
        if (inLine) assert.match(await hint.textContent(), /LINEアプリの中/);
        await page.assertClean(name);
      } finally {
        await page.close();
      }
    });
  }

  after(() => record({ "CSP pages checked": 3, "user agents checked": Object.keys(UA).length }));
});
