// Keyboard only (Tab, Shift+Tab, Enter, Space; no mouse): answer questions to a result, go Back,
// answer again. After every move the focus is on the new screen's heading, and every control
// reached with Tab shows a visible focus ring.
// Chromium only (Playwright's keyboard): whether Tab reaches links and buttons is a browser
// setting elsewhere (Safari's "Press Tab to highlight each item"), not the widget's.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { LANGS, Widget, allPaths, loadFlow, marketingPage, onlyEngine, openPlaywrightPage, record, snippetFor, useBrowserAndOrigins } from "./lib.mjs";

let browser;
let origins;
await onlyEngine("chromium", (engine) => {
  useBrowserAndOrigins(engine, (b, o) => ([browser, origins] = [b, o]));

  /** The path to "password-line" (where → password → line) if the data has it, else the longest. */
  function pickPath(flow) {
    const paths = allPaths(flow);
    return (
      paths.find((p) => p.result.id === "password-line") ?? paths.sort((a, b) => b.moves.length - a.moves.length)[0]
    );
  }

  async function expectFocus(w, what, check) {
    const s = await w.state();
    assert.ok(check(s), `expected the focus on ${what}, it is on ${JSON.stringify({ focus: s.focus, id: s.focusTestId, text: s.focusText, page: s.pageFocus })}`);
    assert.ok(s.focusRing, `no visible focus ring on ${what} (${s.focus})`);
    return s;
  }

  /** From the current heading (or the page start), Tabs to the answer and presses `key`. */
  async function answerWithKeyboard(w, question, answer, key) {
    const page = w.page;
    const index = question.answers.findIndex((a) => a.id === answer.id);
    for (let i = 0; i <= index; i++) {
      await page.keyboard.press("Tab");
      const want = question.answers[i].id;
      await expectFocus(w, `answer "${want}"`, (s) => s.focusTestId === `answer-${want}`);
    }
    if (index > 0) {
      // One step back with Shift+Tab and forward again.
      await page.keyboard.press("Shift+Tab");
      const prev = question.answers[index - 1].id;
      await expectFocus(w, `answer "${prev}" (Shift+Tab)`, (s) => s.focusTestId === `answer-${prev}`);
      await page.keyboard.press("Tab");
      await expectFocus(w, `answer "${answer.id}"`, (s) => s.focusTestId === `answer-${answer.id}`);
    }
    await page.keyboard.press(key);
  }

  /** Tabs forward from the current focus until the `part` is focused (at most `limit` presses). */
  async function tabTo(w, part, limit = 60) {
    const seen = [];
    for (let i = 0; i < limit; i++) {
      await w.page.keyboard.press("Tab");
      const s = await w.state();
      seen.push(s.focus ?? `page:${s.pageFocus}`);
      if (s.focus === part) {
        assert.ok(s.focusRing, `no visible focus ring on ${part}`);
        return seen;
      }
      if (s.focus) assert.ok(s.focusRing, `no visible focus ring on the focused ${s.focus} "${s.focusText}"`);
    }
    assert.fail(`Tab never reached the ${part} part; focus went through: ${seen.join(", ")}`);
  }

  for (const lang of LANGS) {
    test(`keyboard only: answer, reach a result, go Back, answer again (${lang})`, async () => {
      const flow = loadFlow(lang);
      const path = pickPath(flow);
      const { context, page, journal } = await openPlaywrightPage(browser, origins);
      try {
        origins.site.pages.set(`/keys-${lang}.html`, marketingPage({ body: snippetFor(origins.widget.origin, lang === "en" ? { lang } : {}) }));
        await page.goto(origins.site.url(`/keys-${lang}.html`));
        const w = new Widget(page);
        await w.ready(flow.start);
        let moves = 0;
        for (const [i, { question, answer }] of path.moves.entries()) {
          await answerWithKeyboard(w, question, answer, i % 2 === 0 ? "Enter" : "Space");
          const next = path.moves[i + 1]?.question.id;
          if (next) await w.waitAt("question", next);
          else await w.waitAt("result", path.result.id);
          moves++;
          const s = await w.state();
          assert.ok(s.focusRing, "the new heading has no visible focus ring after a keyboard move");
        }

        // From the result's heading to Back: through the result's links and buttons, the CTA…
        const through = await tabTo(w, "back");
        assert.ok(through.includes("resolved-yes"), `Tab skipped resolved-yes: ${through}`);
        assert.ok(through.includes("cta"), `Tab skipped the cta: ${through}`);
        await page.keyboard.press("Tab");
        await expectFocus(w, "restart", (s) => s.focus === "restart");
        await page.keyboard.press("Shift+Tab");
        await expectFocus(w, "back (Shift+Tab)", (s) => s.focus === "back");
        await page.keyboard.press("Enter");
        const last = path.moves.at(-1);
        await w.waitAt("question", last.question.id);
        moves++;

        // Answer the last question again, with Space this time.
        await answerWithKeyboard(w, last.question, last.answer, "Space");
        await w.waitAt("result", path.result.id);
        moves++;

        // Restart from the keyboard, then one answer and Back with Space.
        await tabTo(w, "restart");
        await page.keyboard.press("Enter");
        await w.waitAt("question", flow.start);
        moves++;
        const first = path.moves[0];
        await answerWithKeyboard(w, first.question, first.answer, "Enter");
        const second = path.moves[1]?.question.id;
        if (second) await w.waitAt("question", second);
        else await w.waitAt("result", path.result.id);
        moves++;
        await tabTo(w, "back");
        await page.keyboard.press("Space");
        await w.waitAt("question", flow.start);
        moves++;
        assert.equal(await w.part("back").count(), 0, "Back is shown at the first question");
        await journal.assertClean(`${lang} keyboard walkthrough`);
        record({ "keyboard moves checked": moves });
      } finally {
        await context.close();
      }
    });
  }
});
