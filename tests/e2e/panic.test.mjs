// A panic anywhere in the widget shows every widget's fallback (never a blank box) and is
// reported once, in both kinds of build:
// - the release build compiles panics as traps (scripts/build.sh): embed.js catches the trap
//   the browser reports and shows the fallbacks itself. LLD_PANIC_DIST is that build with the
//   `test-panic` feature, whose click listener panics on a `data-act="panic"` button — a panic
//   in code the browser calls, as a real bug would be;
// - a debug build keeps the precompiled std and its panic hook, which hands the message to
//   embed.js. LLD_DEBUG_DIST exports `__lldPanicForTests` (src/embed.rs).
// Release bundles without the feature have neither.

import { test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { ROOT, Widget, forEachEngine, loadFlow, marketingPage, openPage, snippetFor, useBrowserAndOrigins } from "./lib.mjs";
import { startServer } from "./server.mjs";

const PANIC_DIST = resolve(ROOT, process.env.LLD_PANIC_DIST ?? "build/dist-panic");
const DEBUG_DIST = resolve(ROOT, process.env.LLD_DEBUG_DIST ?? "build/dist-debug");
const START = loadFlow("ja").start;
const REPORT = "stopped because of an internal error";

let browser;
let site;

/** A page with two widgets from the build in `dist`; returns them once both are ready. */
async function twoWidgets(dist, name) {
  const widget = await startServer({ root: dist, cors: true });
  const origins = { widget, site };
  const body = `${snippetFor(widget.origin)}\n${snippetFor(widget.origin).split("\n").slice(1).join("\n")}`;
  site.pages.set(`/${name}.html`, marketingPage({ body }));
  const page = await openPage(browser, origins);
  await page.goto(site.url(`/${name}.html`));
  const widgets = [new Widget(page, { index: 0 }), new Widget(page, { index: 1 })];
  for (const w of widgets) await w.ready(START);
  return { page, widget, widgets };
}

/** Both widgets show their fallback, the module is reported once, nothing is uncaught. */
async function checkStopped({ page, widgets }, why) {
  for (const w of widgets) {
    await w.part("error").waitFor({ state: "visible" });
    assert.equal(await w.part("question").count(), 0, "no half-dead diagnosis left on screen");
    await w.host.getByRole("link", { name: "ログインできない時の対処法を読む" }).waitFor({ state: "visible" });
  }
  // An element added after the stop keeps its own children: nothing calls the module again.
  await page.evaluate(() => {
    const el = document.createElement("line-login-diagnosis");
    el.innerHTML = '<a id="late" href="https://example.com/article">late fallback</a>';
    document.body.append(el);
  });
  await page.locator("#late").waitFor({ state: "visible" });
  const journal = await page.journal();
  const reports = journal.consoleErrors.filter((e) => e.includes(REPORT));
  assert.equal(reports.length, 1, `one report, got:\n  ${journal.consoleErrors.join("\n  ")}`);
  assert.match(reports[0], why);
  assert.deepEqual(journal.pageErrors, [], "nothing uncaught");
}

await forEachEngine((engine) => {
  // The release build's origin goes unused here: each test serves its own build.
  useBrowserAndOrigins(engine, (b, o) => ([browser, site] = [b, o.site]));

  test("release build: a panic in a click listener traps; embed.js shows every fallback and reports it once", async () => {
    const opened = await twoWidgets(PANIC_DIST, "trap");
    try {
      const build = await (await fetch(opened.widget.url("/build.json"))).json();
      assert.equal(build.std, "build-std", "LLD_PANIC_DIST is not built like the release (scripts/build.sh)");
      const [first] = opened.widgets;
      // A button the click listener reads, as the widget's own buttons are.
      await first.host.evaluate((host) => {
        const button = document.createElement("button");
        button.dataset.act = "panic";
        button.dataset.testid = "panic";
        button.textContent = "panic";
        host.shadowRoot.querySelector(".lld").append(button);
      });
      await first.host.getByTestId("panic").click();
      await checkStopped(opened, /RuntimeError|unreachable/);
    } finally {
      await opened.page.close();
      await opened.widget.close();
    }
  });

  test("debug build: a panic runs the hook; every fallback is shown and the message reported once", async () => {
    const opened = await twoWidgets(DEBUG_DIST, "panic");
    try {
      const trapped = await opened.page.evaluate(async (glue) => {
        const bindings = await import(glue);
        try {
          bindings.__lldPanicForTests();
          return "no panic";
        } catch (error) {
          return String(error);
        }
      }, `${opened.widget.origin}/line-login-diagnosis.js`);
      assert.match(trapped, /RuntimeError|unreachable/, "the panic traps (panic = abort)");
      await checkStopped(opened, /deliberate panic/);
    } finally {
      await opened.page.close();
      await opened.widget.close();
    }
  });
});
