// One screenshot per engine at phone width (375 px, pixel ratio 2): the README snippet on a
// marketer's page, the widget's first question at the top of the screen, then a result. After
// the last engine, the three are put side by side in build/screenshots/engines-side-by-side.png
// (the source of docs/engines.png, copied by hand after looking at it; docs/engines.md).
// Each engine's widget box is printed too: the same content should lay out to about the same
// height everywhere.

import { test, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { engineNames, loadEngine, Page } from "./driver.mjs";
import { startServer } from "./server.mjs";
import { PHONE, SCREENSHOTS, Widget, allPaths, forEachEngine, loadFlow, marketingPage, openPage, record, snippetFor, useBrowserAndOrigins } from "./lib.mjs";

let browser;
let origins;
/** @type {Record<string, {version: string, files: string[], boxes: number[]}>} */
const shots = {};

await forEachEngine((engine) => {
  useBrowserAndOrigins(engine, (b, o) => ([browser, origins] = [b, o]));

  test("the widget at phone width: first question and a result", async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const flow = loadFlow("ja");
    const path = allPaths(flow).find((p) => p.moves.map((m) => m.answer.id).join("/") === "password/line") ?? allPaths(flow)[0];
    origins.site.pages.set("/look.html", marketingPage({ body: snippetFor(origins.widget.origin) }));
    const page = await openPage(browser, origins, PHONE, { reducedMotion: "reduce" });
    try {
      await page.goto(origins.site.url("/look.html"));
      const w = new Widget(page, { touch: true });
      await w.ready(flow.start);
      await page.evaluate(() => document.fonts.ready.then(() => true));
      const top = () => w.host.evaluate((el) => (el.scrollIntoView({ block: "start" }), new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(Math.round(el.getBoundingClientRect().height)))))));
      const entry = (shots[engine.name] = { version: browser.raw.version, files: [], boxes: [] });
      const shoot = async (name) => {
        const file = join(SCREENSHOTS, `engine-${engine.name}-${name}.png`);
        writeFileSync(file, await page.screenshot());
        assert.ok(statSync(file).size > 5000, `${file} is suspiciously small`);
        entry.files.push(file);
      };
      entry.boxes.push(await top());
      await shoot("first-question");
      await w.walk(path);
      await page.evaluate(() => (document.activeElement?.blur(), true)); // no focus ring in the picture
      entry.boxes.push(await top());
      await shoot("result");
      console.log(`# ${engine.name}: widget ${entry.boxes.map((h) => `${h} px`).join(" / ")} tall (first question / result "${path.result.id}") at 375 px`);
      record({ [`screenshots, ${engine.name}`]: entry.files.length });
      await page.assertClean("screenshots");
    } finally {
      await page.close();
    }
  });
});

// Side by side, drawn by Chromium from a generated page (no image library needed). Only when
// every engine of a full run took its pictures.
after(async () => {
  const names = engineNames();
  if (!names.every((n) => shots[n]?.files.length === 2)) return;
  const engine = await loadEngine("chromium");
  const [raw, server] = await Promise.all([engine.launch(), startServer({})]);
  try {
    const cell = (n, i) =>
      `<figure><img src="data:image/png;base64,${readFileSync(shots[n].files[i]).toString("base64")}"><figcaption>${shots[n].version}</figcaption></figure>`;
    const html = `<!doctype html><meta charset="utf-8"><style>
      body { margin: 0; padding: 16px; background: #ddd; font: 14px system-ui, sans-serif; }
      .row { display: flex; gap: 16px; margin-bottom: 16px; } figure { margin: 0; }
      img { width: 375px; display: block; border: 1px solid #999; background: #fff; }
      figcaption { text-align: center; padding-top: 4px; }</style>
      ${[0, 1].map((i) => `<div class="row">${names.map((n) => cell(n, i)).join("")}</div>`).join("")}`;
    const width = names.length * (375 + 16) + 16 + 2 * names.length;
    server.pages.set("/sheet.html", html);
    const page = await Page.open(engine, raw, [server], { name: "sheet", viewport: { width, height: 2 * (667 + 40) + 48 } });
    await page.goto(server.url("/sheet.html"));
    const out = join(SCREENSHOTS, "engines-side-by-side.png");
    writeFileSync(out, await page.screenshot());
    console.log(`# side by side: ${out}${existsSync(out) ? "" : " (not written)"}`);
    await page.close();
  } finally {
    await raw.close();
    await server.close();
  }
});
