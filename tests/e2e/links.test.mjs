// Links and entry points a marketer writes (README "Links that open a result or a question"):
// `#lld=<result id>` on a page with one widget opens that result, an unknown id starts as usual
// with one console warning; `start="<question id>"` opens at that question with the trail and
// Back as if answered there, an unknown one warns once and starts at the first question; the
// `entry` of `lld:start` says `link`, `start` or `resume`. The README's self-hosted snippet
// (base URL replaced) on a page of another origin, in every engine (forEachEngine).

import { test } from "node:test";
import assert from "node:assert/strict";
import { Widget, forEachEngine, loadFlow, marketingPage, openPage, rendered, snippetFor, useBrowserAndOrigins, withoutVisit } from "./lib.mjs";

let browser;
let origins;
await forEachEngine((engine) => {
  useBrowserAndOrigins(engine, (b, o) => ([browser, origins] = [b, o]));

  const flow = loadFlow("ja");
  const question = (id) => flow.questions.find((q) => q.id === id);

  /** A page with the README snippet (`attrs` on the element); its URL. */
  function publish(path, attrs = {}) {
    origins.site.pages.set(path, marketingPage({ body: snippetFor(origins.widget.origin, attrs) }));
    return origins.site.url(path);
  }
  /** Exactly one console warning, `text` (an engine may add where it was written). */
  function assertOneWarning(j, text) {
    assert.equal(j.consoleWarnings.length, 1, `console warnings: ${JSON.stringify(j.consoleWarnings)}`);
    assert.ok(j.consoleWarnings[0].startsWith(text), `console warning: ${j.consoleWarnings[0]}\n  want: ${text}`);
  }
  /** The `lld:start` events of the current document, their `detail`. */
  const starts = (page) => page.evaluate(() => window.__lldEvents.filter((e) => e.type === "lld:start").map((e) => ({ ...e.detail }))).then((ds) => ds.map(withoutVisit));

  test("#lld=<result id> on a page with one widget opens that result (entry: link); Restart starts over", async () => {
    const page = await openPage(browser, origins);
    try {
      await page.goto(`${publish("/link.html")}#lld=password-line`);
      const w = new Widget(page);
      await w.waitAt("result", "password-line", { focus: false, timeout: 15_000 });
      assert.equal(await w.part("result-title").textContent(), rendered(flow.results.find((r) => r.id === "password-line").title));
      assert.deepEqual(await starts(page), [{ flow: flow.id, node: "password-line", steps: [], entry: "link" }]);
      await w.activate(w.part("restart"));
      await w.waitAt("question", flow.start);
      await page.assertClean("a link to a result");
    } finally {
      await page.close();
    }
  });

  test("#lld=<unknown id> starts at the first question with one console warning (entry: start)", async () => {
    const page = await openPage(browser, origins);
    try {
      await page.goto(`${publish("/link-unknown.html")}#lld=no-such-result`);
      const w = new Widget(page);
      await w.ready(flow.start);
      const j = await page.journal();
      assertOneWarning(j, "<line-login-diagnosis>: the link #lld=no-such-result names no result of this diagnosis; it starts as usual.");
      assert.deepEqual([j.consoleErrors, j.pageErrors, j.httpErrors, j.foreign], [[], [], [], []]);
      assert.deepEqual(await starts(page), [{ flow: flow.id, node: flow.start, steps: [], entry: "start" }]);
    } finally {
      await page.close();
    }
  });

  test('start="code-kind" opens at that question: the trail shows the answer, Back retraces it (entry: start)', async () => {
    const target = "code-kind";
    const via = question(flow.start).answers.find((a) => a.next === target);
    assert.ok(via, `no answer of the first question leads to ${target}`);
    const page = await openPage(browser, origins);
    try {
      await page.goto(publish("/start.html", { start: target }));
      const w = new Widget(page);
      await w.waitAt("question", target, { focus: false, timeout: 15_000 });
      assert.equal(await w.part("question").textContent(), rendered(question(target).text));
      assert.equal(await w.part("trail").getByRole("button").count(), 1, "trail items");
      assert.ok((await w.part("trail").textContent()).includes(rendered(via.text)), "the trail does not show the answer that leads there");
      assert.deepEqual(await starts(page), [{ flow: flow.id, node: target, steps: [via.id], entry: "start" }]);
      await w.activate(w.part("back"));
      await w.waitAt("question", flow.start);
      const back = await page.evaluate(() => window.__lldEvents.filter((e) => e.type === "lld:back").map((e) => ({ ...e.detail }))).then((ds) => ds.map(withoutVisit));
      assert.deepEqual(back, [{ flow: flow.id, node: flow.start, steps: [] }]);
      // Forward again from the first question, as a visitor would.
      await w.activate(w.answer(via.id));
      await w.waitAt("question", target);
      await page.assertClean("start at a question");
    } finally {
      await page.close();
    }
  });

  test("an unknown start warns once and starts at the first question", async () => {
    const page = await openPage(browser, origins);
    try {
      await page.goto(publish("/start-unknown.html", { start: "password-line" }));
      const w = new Widget(page);
      await w.ready(flow.start);
      const j = await page.journal();
      assertOneWarning(j, '<line-login-diagnosis>: start="password-line" is not allowed; allowed: a question id of this diagnosis (README "Public interface"). Using the first question.');
      assert.deepEqual([j.consoleErrors, j.pageErrors, j.httpErrors, j.foreign], [[], [], [], []]);
      assert.equal(await w.part("trail").count(), 0, "a trail at the first question");
      assert.deepEqual(await starts(page), [{ flow: flow.id, node: flow.start, steps: [], entry: "start" }]);
    } finally {
      await page.close();
    }
  });

  test("progress saved in the tab comes back on a reload (entry: resume), and wins over start", async () => {
    const page = await openPage(browser, origins);
    try {
      await page.goto(publish("/resume-entry.html", { start: "code-kind" }));
      const w = new Widget(page);
      await w.waitAt("question", "code-kind", { focus: false, timeout: 15_000 });
      const answer = question("code-kind").answers[0];
      await w.activate(w.answer(answer.id));
      await w.waitAt("result", answer.next);
      await page.reload();
      await w.waitAt("result", answer.next, { focus: false, timeout: 15_000 });
      const via = question(flow.start).answers.find((a) => a.next === "code-kind");
      assert.deepEqual(await starts(page), [{ flow: flow.id, node: answer.next, steps: [via.id, answer.id], entry: "resume" }]);
      await page.assertClean("resume");
    } finally {
      await page.close();
    }
  });
});
