// @ts-check
// docs/report.png: the studio's report from a real run in Chromium. Random journeys (seeded:
// the same every run) through the release build's widget on a marketing page push their events
// to dataLayer — answers, Back, "did not help", yes, the call-to-action, stops midway, each
// journey ended by Restart — then the capture, written as GA4's exploration CSV, is opened in
// the studio, whose painted tree and table are photographed. Not part of scripts/test.sh.
//
//   ./scripts/build.sh && node scripts/report-screenshot.mjs [journeys]   # default 40
//   → build/screenshots/report.png (copy it to docs/report.png after looking at it)

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { loadEngine } from "../tests/e2e/driver.mjs";
import { SCREENSHOTS, Widget, loadFlow, marketingPage, openPlaywrightPage, snippetFor, startOrigins } from "../tests/e2e/lib.mjs";
import { ga4Csv, readExport } from "../studio/report.js";

const journeys = Number(process.argv[2] ?? 40);
const flow = loadFlow("ja");
const questions = new Map(flow.questions.map((q) => [q.id, q]));
const results = new Map(flow.results.map((r) => [r.id, r]));
let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
// Visitors pick the first answers more often, as they do on a real page.
const pick = (/** @type {any[]} */ xs) => xs[Math.min(xs.length - 1, Math.floor(random() ** 1.6 * xs.length))];

const engine = await loadEngine("chromium");
const raw = await engine.launch();
const origins = await startOrigins();
const browser = { engine, raw };
try {
  const body = snippetFor(origins.widget.origin).replace(/cta-href="[^"]*"/, 'data-layer cta-href="#contact"');
  origins.site.pages.set("/report.html", marketingPage({ body }));
  const { page } = await openPlaywrightPage(browser, origins);
  await page.goto(origins.site.url("/report.html"));
  const w = new Widget(page);
  await w.ready(flow.start);
  for (let j = 0; j < journeys; j++) {
    /** @type {string[]} */
    const path = [flow.start];
    for (let step = 0; step < 12; step++) {
      const here = path[path.length - 1];
      if (random() < 0.1) break; // the visitor leaves here
      const q = questions.get(here);
      if (q) {
        if (path.length > 1 && random() < 0.12) {
          await w.activate(w.part("back"));
          path.pop();
        } else {
          const a = pick(q.answers);
          await w.activate(w.answer(a.id));
          path.push(a.next);
        }
      } else {
        const r = results.get(here);
        const roll = random();
        if (roll < 0.4 && r.next) {
          await w.activate(w.part("resolved-no"));
          path.push(r.next);
        } else {
          if (roll < 0.8) await w.activate(w.part("resolved-yes"));
          if (random() < 0.35) await w.activate(w.part("cta"));
          break;
        }
      }
      const now = path[path.length - 1];
      await w.waitAt(questions.has(now) ? "question" : "result", now);
    }
    if (path.length > 1) {
      await w.activate(w.part("restart"));
      await w.waitAt("question", flow.start);
    }
  }
  const capture = await page.evaluate(() => JSON.stringify(/** @type {any} */ (window).dataLayer.filter((o) => String(o.event).startsWith("lld_"))));
  await page.close();

  const { page: studio } = await openPlaywrightPage(browser, origins, { name: "wide", viewport: { width: 1680, height: 1000 } });
  await studio.goto(origins.widget.url("/studio.html"));
  await studio.waitForFunction(() => Number(document.body.dataset.checks) >= 1, null, { timeout: 15_000 });
  await studio.setInputFiles("#report-file", { name: "ga4-free-form.csv", mimeType: "text/csv", buffer: Buffer.from(ga4Csv(readExport(capture).rows)) });
  await studio.waitForFunction(() => Number(document.body.dataset.report) >= 1);
  await studio.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  mkdirSync(SCREENSHOTS, { recursive: true });
  const out = join(SCREENSHOTS, "report.png");
  await studio.screenshot({ path: out });
  console.log(`${out}: ${await studio.textContent("#report-status")}`);
  await studio.close();
} finally {
  await raw.close();
  await origins.close();
}
