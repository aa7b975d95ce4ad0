// A panic anywhere in the widget shows every widget's fallback (never a blank box) and is
// reported once by the widget. Needs a DEBUG build (LLD_DEBUG_DIST), the only one that exports
// the deliberate-panic hook (`__lldPanicForTests`, src/embed.rs); release bundles do not.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { ROOT, Widget, launch, loadFlow, marketingPage, openPage, snippetFor } from "./lib.mjs";
import { startServer } from "./server.mjs";

const DEBUG_DIST = resolve(ROOT, process.env.LLD_DEBUG_DIST ?? "build/dist-debug");
const START = loadFlow("ja").start;

let browser;
let origins;
before(async () => {
  const [b, widget, site] = await Promise.all([launch(), startServer({ root: DEBUG_DIST, cors: true }), startServer({})]);
  browser = b;
  origins = { widget, site, close: async () => (await widget.close(), await site.close()) };
});
after(async () => {
  await browser?.close();
  await origins?.close();
});

test("a panic shows the fallback of every widget on the page and is reported once", async () => {
  const body = `${snippetFor(origins.widget.origin)}\n${snippetFor(origins.widget.origin).split("\n").slice(1).join("\n")}`;
  origins.site.pages.set("/panic.html", marketingPage({ body }));
  const { context, page, journal } = await openPage(browser, origins);
  try {
    await page.goto(origins.site.url("/panic.html"));
    const first = new Widget(page, { index: 0 });
    const second = new Widget(page, { index: 1 });
    await first.ready(START);
    await second.ready(START);
    const trapped = await page.evaluate(async (glue) => {
      const bindings = await import(glue);
      try {
        bindings.__lldPanicForTests();
        return "no panic";
      } catch (error) {
        return String(error);
      }
    }, `${origins.widget.origin}/line-login-diagnosis.js`);
    assert.match(trapped, /RuntimeError|unreachable/, "the panic traps (panic = abort)");
    for (const w of [first, second]) {
      await w.part("error").waitFor({ state: "visible" });
      assert.equal(await w.part("question").count(), 0, "no half-dead diagnosis left on screen");
      const link = w.host.getByRole("link", { name: "ログインできない時の対処法を読む" });
      await link.waitFor({ state: "visible" });
    }
    const reports = journal.consoleErrors.filter((e) => e.includes("stopped because of an internal error"));
    assert.equal(reports.length, 1, `one report, got:\n  ${journal.consoleErrors.join("\n  ")}`);
    assert.match(reports[0], /deliberate panic/);
    assert.deepEqual(journal.pageErrors, [], "nothing uncaught");
  } finally {
    await context.close();
  }
});
