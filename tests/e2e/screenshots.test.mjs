// Screenshots for people to look at (build/screenshots/, git-ignored): the demo page and the
// widget on a marketer's page, first question and one result, phone and desktop, light and dark.
// `readme-candidate.png` is the README's picture (docs/screenshot.png is copied from it by hand,
// after looking at it).
// Chromium only (full-page and element screenshots); one picture per engine is engines.test.mjs.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { DESKTOP, PHONE, SCREENSHOTS, Widget, allPaths, loadFlow, marketingPage, onlyEngine, openPlaywrightPage, record, shortestPathPerResult, snippetFor, useBrowserAndOrigins } from "./lib.mjs";

let browser;
let origins;
const written = [];
await onlyEngine("chromium", (engine) => {
  useBrowserAndOrigins(engine, (b, o) => ([browser, origins] = [b, o]));
  before(() => mkdirSync(SCREENSHOTS, { recursive: true }));
  after(() => {
    record({ "screenshots written": written.length });
    console.log(`screenshots in ${SCREENSHOTS}: ${written.join(", ")}`);
  });

  /** where → password → line when the data has it, else the first path. */
  function resultPath(flow) {
    const paths = allPaths(flow);
    return paths.find((p) => p.moves.map((m) => m.answer.id).join("/") === "password/line") ?? paths[0];
  }

  async function shoot(target, name, options = {}) {
    const path = join(SCREENSHOTS, name);
    await target.screenshot({ path, ...options });
    assert.ok(statSync(path).size > 5000, `${name} is suspiciously small`);
    written.push(name);
  }

  async function walk(w, path) {
    await w.walk(path);
    // The focus ring on the heading is right for keyboard users, but not for a picture.
    await w.page.evaluate(() => document.activeElement?.blur());
  }

  for (const device of [PHONE, DESKTOP]) {
    test(`screenshots of the demo page, ${device.name}`, async () => {
      const flow = loadFlow("ja");
      const { context, page, journal } = await openPlaywrightPage(browser, origins, device, { reducedMotion: "reduce" });
      try {
        await page.goto(origins.widget.url("/index.html"));
        const w = new Widget(page, { touch: !!device.hasTouch });
        await w.ready(flow.start);
        await page.evaluate(() => document.fonts.ready);
        await shoot(page, `demo-${device.name}-first-question.png`, { fullPage: true });
        if (device === PHONE) {
          // The README picture: the top of the demo page on a phone down to the widget's end
          // (about one and a half screens).
          const box = await w.host.boundingBox();
          await shoot(page, "readme-candidate.png", { fullPage: true, clip: { x: 0, y: 0, width: 375, height: Math.ceil(box.y + box.height + 12) } });
        }
        await walk(w, resultPath(flow));
        await w.part("result-title").scrollIntoViewIfNeeded();
        await shoot(page, `demo-${device.name}-result.png`, { fullPage: true });
        await journal.assertClean(`demo page ${device.name}`);
      } finally {
        await context.close();
      }
    });

    for (const [lang, theme] of [
      ["ja", "light"],
      ["ja", "dark"],
      ["en", "light"],
    ]) {
      if (lang === "en" && device === DESKTOP) continue;
      test(`screenshots of the widget on a marketer's page, ${device.name}, ${lang}, ${theme}`, async () => {
        const flow = loadFlow(lang);
        const attrs = { ...(lang === "en" ? { lang } : {}), ...(theme === "dark" ? { theme } : {}) };
        origins.site.pages.set(`/shot-${lang}-${theme}.html`, marketingPage({ body: snippetFor(origins.widget.origin, attrs) }));
        const { context, page, journal } = await openPlaywrightPage(browser, origins, device, { reducedMotion: "reduce" });
        try {
          await page.goto(origins.site.url(`/shot-${lang}-${theme}.html`));
          const w = new Widget(page, { touch: !!device.hasTouch });
          await w.ready(flow.start);
          await page.evaluate(() => document.fonts.ready);
          await shoot(w.host, `widget-${device.name}-${lang}-${theme}-first-question.png`);
          await walk(w, resultPath(flow));
          await shoot(w.host, `widget-${device.name}-${lang}-${theme}-result.png`);
          await journal.assertClean(`widget ${device.name} ${lang} ${theme}`);
        } finally {
          await context.close();
        }
      });
    }
  }

  // Three results as a visitor on a phone sees them (docs/results-phone.png is copied from
  // results-phone.png after looking at it): the lost phone (what still carries the account over),
  // the escalation kit that ends the "did not help" chains, and the LINE公式アカウント app.
  test("three results on a phone, side by side", async () => {
    const flow = loadFlow("ja");
    const ids = ["phone-lost", "contact-ly", "oa-app"];
    const shots = [];
    for (const id of ids) {
      // A result only a "did not help" chain reaches (contact-ly) opens by its share link.
      const path = shortestPathPerResult(flow).find((p) => p.result.id === id);
      assert.ok(path || flow.results.some((r) => r.id === id), `no result ${id}`);
      origins.site.pages.set(`/result-${id}.html`, marketingPage({ body: snippetFor(origins.widget.origin) }));
      const { context, page } = await openPlaywrightPage(browser, origins, PHONE, { reducedMotion: "reduce" });
      try {
        await page.goto(origins.site.url(`/result-${id}.html${path ? "" : `#lld=${id}`}`));
        const w = new Widget(page, { touch: true });
        if (path) {
          await w.ready(flow.start);
          await page.evaluate(() => document.fonts.ready);
          await walk(w, path);
        } else {
          await w.waitAt("result", id, { focus: false });
          await page.evaluate(() => document.fonts.ready);
        }
        shots.push(await w.host.screenshot());
      } finally {
        await context.close();
      }
    }
    const cells = shots.map((png, i) => `<figure><img src="data:image/png;base64,${png.toString("base64")}"><figcaption>${ids[i]}</figcaption></figure>`);
    origins.site.pages.set("/results-sheet.html", `<!doctype html><meta charset="utf-8"><style>
      body { margin: 0; padding: 16px; background: #ddd; font: 14px system-ui, sans-serif; }
      .row { display: flex; gap: 16px; align-items: flex-start; } figure { margin: 0; }
      img { width: 359px; display: block; } figcaption { text-align: center; padding-top: 4px; }</style>
      <div class="row">${cells.join("")}</div>`);
    const { context, page } = await openPlaywrightPage(browser, origins, { name: "sheet", viewport: { width: 3 * (359 + 16) + 16, height: 800 } });
    try {
      await page.goto(origins.site.url("/results-sheet.html"));
      await shoot(page, "results-phone.png", { fullPage: true });
    } finally {
      await context.close();
    }
  });
});
