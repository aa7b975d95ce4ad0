// The public interface (README "Public interface", interface.json) against what the widget
// really does: the events it sends and the fields of their `detail`, and the `::part` names it
// renders, collected in a browser along real paths that pass every screen and every button —
// the first question, Back, a result with "not yet" to the next cause and Back to it, "yes",
// the call-to-action, Restart, and the error box of a flow that cannot load — must equal the
// committed lists, in every engine (forEachEngine). Without a browser: the CSS custom
// properties of styles/widget.css equal the list, and the README's "Public interface" names
// every item. (The content ids, attributes and event names: crates/core/tests/interface.rs.)

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, Widget, allPaths, forEachEngine, loadFlow, marketingPage, openPage, snippetFor, useBrowserAndOrigins } from "./lib.mjs";

const INTERFACE = JSON.parse(readFileSync(join(ROOT, "docs", "interface.json"), "utf8"));
const sorted = (xs) => [...new Set(xs)].sort();

test("the CSS custom properties styles/widget.css reads are the listed ones", () => {
  const css = readFileSync(join(ROOT, "styles", "widget.css"), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
  assert.deepEqual(sorted(css.match(/--lld-[a-z0-9-]+/g) ?? []), sorted(INTERFACE.cssProperties));
});

test("the README's \"Public interface\" names every listed attribute, event, part and custom property", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Public interface"), readme.indexOf("\n## ", readme.indexOf("## Public interface") + 1));
  assert.ok(section.length > 100, "README.md has no \"Public interface\" section");
  const names = [INTERFACE.element, ...Object.keys(INTERFACE.attributes), ...INTERFACE.entry, ...INTERFACE.parts, ...INTERFACE.cssProperties];
  assert.deepEqual(names.filter((n) => !section.includes(`\`${n}\``)), [], "not in README \"Public interface\"");
  // The events, with their detail fields, are in the Events table; the fields every event
  // carries, in the table below it (a row each: `| \`seq\` (\`lld_seq\`) | …`).
  const lines = readme.split("\n");
  const everywhere = Object.values(INTERFACE.events)
    .reduce((common, fields) => common.filter((f) => fields.includes(f)))
    .filter((f) => !["flow", "node", "steps"].includes(f));
  for (const f of everywhere) {
    const name = INTERFACE.dataLayer.parameters[f];
    assert.ok(lines.some((l) => l.startsWith(`| \`${f}\` (\`${name}\`)`)), `README Events: no row for the field ${f} (${name}) every event carries`);
  }
  for (const [event, fields] of Object.entries(INTERFACE.events)) {
    const row = lines.find((l) => l.startsWith(`| \`${event}\``));
    assert.ok(row, `README Events: no row for ${event}`);
    const own = fields.filter((f) => !everywhere.includes(f));
    assert.deepEqual(own.filter((f) => !row.includes(`\`${f}\``)), [], `README Events: ${event} does not name these detail fields`);
  }
});

let browser;
let origins;
await forEachEngine((engine) => {
  useBrowserAndOrigins(engine, (b, o) => ([browser, origins] = [b, o]));

  // Runs in the page: every `part` name in the widgets' shadow roots now.
  const partsNow = () =>
    [...document.querySelectorAll("line-login-diagnosis")].flatMap((el) =>
      [...(el.shadowRoot?.querySelectorAll("[part]") ?? [])].flatMap((e) => e.getAttribute("part").split(/\s+/).filter(Boolean)),
    );

  test("the events and their detail fields, and the parts rendered along real paths, are the listed ones", async () => {
    const flow = loadFlow("ja");
    // A result with a next cause, labels in its steps and a way there with a question between.
    const path = allPaths(flow).find((p) => p.result.id === "password-line");
    assert.ok(path.result.next && path.moves.length >= 2);
    const parts = [];
    const page = await openPage(browser, origins);
    let events = [];
    try {
      // An in-page call-to-action: following it leaves the page where it is.
      const body = snippetFor(origins.widget.origin).replace(/cta-href="[^"]*"/, 'cta-href="#contact"');
      origins.site.pages.set("/interface.html", marketingPage({ body }));
      await page.goto(origins.site.url("/interface.html"));
      const w = new Widget(page);
      const collect = async () => parts.push(...(await page.evaluate(partsNow)));
      await w.ready(flow.start);
      await collect();
      await w.activate(w.answer(path.moves[0].answer.id));
      await w.waitAt("question", path.moves[1].question.id);
      await collect();
      await w.activate(w.part("back"));
      await w.waitAt("question", flow.start);
      await w.walk(path);
      await collect();
      await w.activate(w.part("resolved-no"));
      await w.waitAt("result", path.result.next);
      await collect();
      await w.activate(w.part("back"));
      await w.waitAt("result", path.result.id);
      await w.activate(w.part("resolved-yes"));
      await page.waitFor(() => window.__lldEvents.some((e) => e.type === "lld:resolved" && e.detail.resolved === true));
      await collect();
      await w.activate(w.part("cta"));
      await page.waitFor(() => window.__lldEvents.some((e) => e.type === "lld:cta"));
      await w.activate(w.part("restart"));
      await w.waitAt("question", flow.start);
      await collect();
      events = await page.evaluate(() => window.__lldEvents.map((e) => ({ type: e.type, fields: Object.keys(e.detail) })));
      await page.assertClean("the interface walk");
    } finally {
      await page.close();
    }

    // The error box: the English flow file cannot be loaded.
    origins.widget.notFound.add("/content/line-login.en.flow");
    const broken = await openPage(browser, origins);
    try {
      origins.site.pages.set("/interface-error.html", marketingPage({ body: snippetFor(origins.widget.origin, { lang: "en" }) }));
      await broken.goto(origins.site.url("/interface-error.html"));
      await new Widget(broken).part("error").waitFor({ state: "visible" });
      parts.push(...(await broken.evaluate(partsNow)));
    } finally {
      origins.widget.notFound.delete("/content/line-login.en.flow");
      await broken.close();
    }

    assert.deepEqual(sorted(parts), sorted(INTERFACE.parts), "the ::part names rendered");
    assert.deepEqual(sorted(events.map((e) => e.type)), sorted(Object.keys(INTERFACE.events)), "the events sent");
    for (const [type, fields] of Object.entries(INTERFACE.events)) {
      const seen = sorted(events.filter((e) => e.type === type).flatMap((e) => e.fields));
      assert.deepEqual(seen, sorted(fields), `the detail fields of ${type}`);
    }
  });
});
