// What a marketer learns (README "The report"), end to end in Chromium: scripted journeys in a
// real browser push their events to `dataLayer` — a straight path with a "did not help" chain
// and the call-to-action, one that goes Back to another branch, one that stops midway, one that
// stops at the first question — and the same data, written as GA4's exploration CSV and as the
// dataLayer capture, dropped on the studio gives exactly the counts the journeys made (reach,
// drop-off, result share, yes-rate, CTA), painted on the tree and in the table. And lld:view:
// sent once, only when the widget is on screen; without IntersectionObserver, at start with one
// console warning. And the GTM container of the npm package against docs/interface.json.
// Chromium only (Playwright's file chooser and download), like the studio's tests.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { container, dimensions } from "../../scripts/gtm-container.mjs";
import { DESKTOP, ROOT, Widget, marketingPage, onlyEngine, openPlaywrightPage, snippetFor, useBrowserAndOrigins } from "./lib.mjs";

const INTERFACE = JSON.parse(readFileSync(join(ROOT, "docs", "interface.json"), "utf8"));

/** Writes events as GA4 writes a Free form exploration's CSV download: its own code, not the studio's. */
function ga4Export(events) {
  const counts = new Map();
  for (const e of events) {
    const key = [e.event, e.lld_session, e.lld_seq, e.lld_node, e.lld_resolved === undefined ? "(not set)" : String(e.lld_resolved)].join(",");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [
    "# ----------------------------------------",
    "# Free form 1",
    "# ----------------------------------------",
    "",
    "# All Users",
    "# Start date: 20261201",
    "# End date: 20261207",
    "Event name,lld_session,lld_seq,lld_node,lld_resolved,Event count",
    ...[...counts].map(([k, n]) => `${k},${n}`),
    "",
  ].join("\n");
}

let browser;
let origins;
await onlyEngine("chromium", (engine) => {
  useBrowserAndOrigins(engine, (b, o) => ([browser, origins] = [b, o]));

  /** The demo-like page with one widget that pushes to dataLayer; `before` goes above it. */
  function page(path, { before = "", attrs = 'data-layer cta-href="#contact"' } = {}) {
    const body = snippetFor(origins.widget.origin).replace(/cta-href="[^"]*"/, attrs);
    origins.site.pages.set(path, marketingPage({ body: `${before}${body}` }));
    return origins.site.url(path);
  }
  const layer = (p) => p.evaluate(() => (window.dataLayer ?? []).filter((o) => String(o.event).startsWith("lld_")).map((o) => ({ ...o })));

  test("journeys in a real browser, exported as GA4's CSV and as the dataLayer capture, give exactly their counts in the studio", async () => {
    const { page: p, journal } = await openPlaywrightPage(browser, origins, DESKTOP);
    let events;
    try {
      await p.goto(page("/analytics.html"));
      const w = new Widget(p);
      await w.ready("where");
      const to = async (answer, kind, id) => {
        await w.activate(w.answer(answer));
        await w.waitAt(kind, id);
      };
      const press = async (part, kind, id) => {
        await w.activate(w.part(part));
        await w.waitAt(kind, id);
      };
      // Run 1: a result that did not help, the next did not help, the third did; the CTA.
      await to("password", "question", "password-which");
      await to("line", "result", "password-line");
      await press("resolved-no", "result", "qr-login");
      await press("resolved-no", "result", "which-account");
      await w.activate(w.part("resolved-yes"));
      await w.activate(w.part("cta"));
      await p.waitForFunction(() => window.dataLayer.some((o) => o.event === "lld_cta"));
      // Run 2: Back from the second question to another branch's result.
      await press("restart", "question", "where");
      await to("password", "question", "password-which");
      await press("back", "question", "where");
      await to("no-url", "result", "admin-url");
      // Run 3 stops at the second question; run 4 at the first.
      await press("restart", "question", "where");
      await to("password", "question", "password-which");
      await press("restart", "question", "where");
      events = await layer(p);
      await journal.assertClean("the journeys");
    } finally {
      await p.close();
    }

    // The objects pushed are the listed dataLayer events, with listed parameters only.
    const listed = new Set(Object.values(INTERFACE.dataLayer.parameters));
    for (const e of events) {
      assert.ok(INTERFACE.dataLayer.events.includes(e.event), e.event);
      assert.deepEqual(Object.keys(e).filter((k) => k !== "event" && !listed.has(k)), [], `${e.event}: unlisted parameters`);
    }
    // What the journeys made, counted here by hand: 4 runs, one of them seen (lld:view once).
    const sessions = [...new Set(events.map((e) => e.lld_session))];
    assert.equal(sessions.length, 4, sessions.join(" "));
    assert.deepEqual(sessions.map((s) => s.slice(-2)), [".1", ".2", ".3", ".4"]);
    assert.equal(new Set(sessions.map((s) => s.slice(0, -2))).size, 1, "one widget start");
    const expected = {
      where: { kind: "question", reach: "4", stops: "1", dropOff: String(1 / 4), cta: "" },
      "password-which": { kind: "question", reach: "3", stops: "1", dropOff: String(1 / 3), cta: "" },
      "password-line": { kind: "result", reach: "1", stops: "0", share: String(1 / 4), yes: "0", no: "1", yesRate: "0", cta: "0" },
      "qr-login": { kind: "result", reach: "1", stops: "0", share: String(1 / 4), yes: "0", no: "1", yesRate: "0", cta: "0" },
      "which-account": { kind: "result", reach: "1", stops: "1", share: String(1 / 4), yes: "1", no: "0", yesRate: "1", cta: "1" },
      "admin-url": { kind: "result", reach: "1", stops: "1", share: String(1 / 4), yes: "0", no: "0", yesRate: "0", cta: "0" },
    };

    const { page: s } = await openPlaywrightPage(browser, origins, DESKTOP);
    try {
      await s.goto(origins.widget.url("/studio.html"));
      await s.waitForFunction(() => Number(document.body.dataset.checks) >= 1, null, { timeout: 15_000 });
      const files = [
        { name: "ga4-free-form.csv", mimeType: "text/csv", buffer: Buffer.from(ga4Export(events)) },
        { name: "datalayer.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify([{ event: "gtm.js" }, ...events])) },
      ];
      for (const [i, file] of files.entries()) {
        await s.setInputFiles("#report-file", file);
        await s.waitForFunction((n) => document.body.dataset.report === String(n), i + 1);
        const table = await s.evaluate(() =>
          Object.fromEntries(
            [...document.querySelectorAll("#report-table tbody tr")].map((tr) => [
              /** @type {HTMLElement} */ (tr).dataset.id,
              Object.fromEntries([...tr.querySelectorAll("[data-col]")].map((c) => [/** @type {HTMLElement} */ (c).dataset.col, /** @type {HTMLElement} */ (c).dataset.value])),
            ]),
          ),
        );
        for (const [id, want] of Object.entries(expected)) {
          for (const [col, value] of Object.entries(want)) assert.equal(table[id]?.[col], value, `${file.name}: ${id} ${col}`);
        }
        assert.deepEqual(Object.keys(table).sort(), Object.keys(expected).sort(), `${file.name}: the nodes the journeys were shown`);
        assert.match(await s.textContent("#report-status"), /4 セッション/);
        // Painted on the tree: the counts under each node.
        assert.match(await s.textContent('#picture g.node[data-id="where"] .report-line'), /到達 4 · 離脱 1（25%）/);
        assert.match(await s.textContent('#picture g.node[data-id="which-account"] .report-line'), /到達 1（25%）· 解決 100% · CTA 1/);
        assert.equal(await s.locator("#picture g.node.unvisited").count(), (await s.locator("#picture g.node").count()) - Object.keys(expected).length);
      }
      // The report as shown passes axe-core (WCAG 2.x A/AA), as the rest of the studio does.
      await s.addScriptTag({ content: readFileSync(join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8") });
      const violations = await s.evaluate(() =>
        window.axe
          .run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] }, resultTypes: ["violations"], iframes: false })
          .then((r) => r.violations.map((x) => `${x.id}: ${x.help} ${x.nodes.map((n) => JSON.stringify(n.target)).join(" ")}`)),
      );
      assert.deepEqual(violations, [], "axe-core on the report");
      // The table downloads as CSV; a header click sorts it.
      const [download] = await Promise.all([s.waitForEvent("download"), s.click("#report-download")]);
      const csv = readFileSync(await download.path(), "utf8").split("\n");
      assert.equal(csv[0], "id,kind,reach,stops,dropOff,share,yes,no,yesRate,cta");
      assert.ok(csv.includes("where,question,4,1,0.2500,,,,,"), csv.join("\n"));
      await s.click('#report-table th button[data-col="id"]');
      assert.deepEqual(await s.locator("#report-table tbody tr").evaluateAll((trs) => trs.map((tr) => tr.dataset.id)), Object.keys(expected).sort());
      // A file in the wrong format: a message naming what is missing; the report stays.
      await s.setInputFiles("#report-file", { name: "wrong.csv", mimeType: "text/csv", buffer: Buffer.from("Event name,lld_session,lld_seq,Event count\nlld_start,a.1,1,1\n") });
      await s.waitForFunction(() => document.body.dataset.report === "error");
      assert.match(await s.textContent("#report-status"), /列 "lld_node"、"lld_resolved" がありません/);
    } finally {
      await s.close();
    }
  });

  test("lld:view: once, when the widget is first on screen; without IntersectionObserver, at start with one warning", async () => {
    const { page: p, journal } = await openPlaywrightPage(browser, origins, DESKTOP);
    try {
      await p.goto(page("/below.html", { before: '<div style="height: 3000px">spacer</div>' }));
      await new Widget(p).ready("where");
      const views = async () => (await layer(p)).filter((e) => e.event === "lld_view");
      await p.waitForTimeout(300); // the observer has had its chance to report
      assert.equal((await views()).length, 0, "below the fold: no lld:view");
      await p.locator("line-login-diagnosis").scrollIntoViewIfNeeded();
      await p.waitForFunction(() => window.dataLayer.some((o) => o.event === "lld_view"));
      await p.evaluate(() => window.scrollTo(0, 0));
      await p.locator("line-login-diagnosis").scrollIntoViewIfNeeded();
      await p.waitForTimeout(300);
      // The element removed and added again starts anew (a new lld:start, progress resumed) but
      // is not seen twice.
      await p.evaluate(async () => {
        const el = document.querySelector("line-login-diagnosis");
        const parent = el.parentNode;
        el.remove();
        await new Promise((r) => setTimeout(r, 0));
        parent.append(el);
      });
      await p.waitForFunction(() => window.dataLayer.filter((o) => o.event === "lld_start").length === 2);
      await p.locator("line-login-diagnosis").scrollIntoViewIfNeeded();
      await p.waitForTimeout(300);
      const seen = await views();
      assert.equal(seen.length, 1, "once per widget per page load");
      assert.equal(seen[0].lld_node, "where");
      for (const k of ["lld_seq", "lld_version", "lld_session", "lld_device", "lld_in_app", "lld_lang"]) assert.ok(k in seen[0], k);
      assert.match(seen[0].lld_version, /^[0-9a-f]{8}$/);
      assert.deepEqual([seen[0].lld_device, seen[0].lld_in_app, seen[0].lld_lang], ["desktop", false, "ja"]);
      await journal.assertClean("lld:view below the fold");
    } finally {
      await p.close();
    }
    const { page: old, journal: oldJournal } = await openPlaywrightPage(browser, origins, DESKTOP);
    try {
      await old.addInitScript(() => delete window.IntersectionObserver);
      await old.goto(page("/no-observer.html", { before: '<div style="height: 3000px">spacer</div>' }));
      await new Widget(old).ready("where");
      await old.waitForFunction(() => window.dataLayer.some((o) => o.event === "lld_view"));
      const warnings = (await oldJournal.read()).consoleWarnings;
      assert.deepEqual(warnings.filter((w) => /IntersectionObserver/.test(w)).length, 1, warnings.join("\n"));
    } finally {
      await old.close();
    }
  });

  test("the GTM container: a Data Layer Variable per parameter, a trigger and a GA4 event tag per event, names right", () => {
    const file = JSON.parse(readFileSync(join(ROOT, "scripts", "package", "gtm-container.json"), "utf8"));
    assert.equal(file.exportFormatVersion, 2);
    const v = file.containerVersion;
    for (const key of ["tag", "trigger", "variable"]) assert.ok(Array.isArray(v[key]), key);
    const param = (o, key) => o.parameter?.find((p) => p.key === key)?.value;
    const dlv = new Map(v.variable.filter((x) => x.type === "v").map((x) => [param(x, "name"), x]));
    const names = Object.values(INTERFACE.dataLayer.parameters);
    assert.deepEqual([...dlv.keys()].sort(), [...names].sort(), "a Data Layer Variable for every lld_ parameter");
    for (const [name, x] of dlv) {
      assert.equal(x.name, `DLV - ${name}`);
      assert.equal(param(x, "dataLayerVersion"), "2");
    }
    const measurement = v.variable.find((x) => x.type === "c");
    assert.match(param(measurement, "value"), /^G-/);
    const triggers = new Map(v.trigger.map((t) => [t.triggerId, t]));
    for (const [event, fields] of Object.entries(INTERFACE.events)) {
      const name = event.replace(":", "_");
      assert.ok(INTERFACE.dataLayer.events.includes(name), name);
      const tag = v.tag.find((t) => t.type === "gaawe" && param(t, "eventName") === name);
      assert.ok(tag, `a GA4 event tag for ${name}`);
      assert.equal(param(tag, "measurementIdOverride"), `{{${measurement.name}}}`);
      const trigger = triggers.get(tag.firingTriggerId[0]);
      assert.equal(trigger.type, "CUSTOM_EVENT");
      const filter = trigger.customEventFilter[0];
      assert.deepEqual([filter.type, param(filter, "arg0"), param(filter, "arg1")], ["EQUALS", "{{_event}}", name]);
      // Every field of the event is an event parameter with its variable.
      const table = tag.parameter.find((p) => p.key === "eventSettingsTable").list.map((m) => Object.fromEntries(m.map.map((e) => [e.key, e.value])));
      const want = fields.map((f) => INTERFACE.dataLayer.parameters[f]);
      assert.deepEqual(table.map((r) => r.parameter).sort(), [...want].sort(), `${name}: its parameters`);
      for (const r of table) assert.equal(r.parameterValue, `{{DLV - ${r.parameter}}}`);
    }
    assert.equal(v.tag.length, Object.keys(INTERFACE.events).length);
    // The committed files are what scripts/gtm-container.mjs writes from interface.json now.
    assert.deepEqual(file, container(INTERFACE), "run node scripts/gtm-container.mjs");
    assert.equal(readFileSync(join(ROOT, "scripts", "package", "ga4-custom-dimensions.csv"), "utf8"), dimensions(INTERFACE), "run node scripts/gtm-container.mjs");
    const listed = dimensions(INTERFACE).trim().split("\n").slice(1).map((l) => l.split(",")[0]);
    assert.deepEqual(listed, names, "a custom dimension for every parameter");
  });
});
