// Viewports: a phone (375×667, touch), a desktop (1280×800) and the narrowest phone (320 px).
// No horizontal scrolling at 320 px (first question and every result, the longest included),
// and every visible button, link and section heading (summary) of the widget is a tap target of
// at least 44×44 CSS px, also with every collapsed section opened.
// Chromium only: it reads geometry through a Playwright page; moving it to forEachEngine
// needs only its page.evaluate calls (line breaks differ by engine: see docs/engines.md).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { DESKTOP, PHONE, Widget, loadFlow, marketingPage, onlyEngine, openPlaywrightPage, record, resultLength, shortestPathPerResult, snippetFor, useBrowserAndOrigins } from "./lib.mjs";

const NARROW = { ...PHONE, name: "320px phone", viewport: { width: 320, height: 640 } };
const MIN = 44;

let browser;
let origins;
await onlyEngine("chromium", (engine) => {
  useBrowserAndOrigins(engine, (b, o) => ([browser, origins] = [b, o]));

  /** Visible buttons and links of the widget smaller than 44×44. */
  function smallTargets(page) {
    return page.evaluate((min) => {
      const out = [];
      let count = 0;
      for (const host of document.querySelectorAll("line-login-diagnosis")) {
        const root = host.shadowRoot;
        if (!root) continue;
        for (const el of root.querySelectorAll("button, a[href], summary")) {
          const r = el.getBoundingClientRect();
          if (!el.checkVisibility() || r.width === 0 || r.height === 0) continue;
          count++;
          if (r.width < min - 0.01 || r.height < min - 0.01) {
            out.push(`${el.getAttribute("part") ?? el.className} "${el.textContent.trim().slice(0, 30)}" ${r.width.toFixed(1)}×${r.height.toFixed(1)}`);
          }
        }
      }
      return { out, count };
    }, MIN);
  }

  /** Pairs of visible buttons/links of the widget that touch or nearly touch (< `gap` px apart). */
  function touchingTargets(page, gap = 4) {
    return page.evaluate((gap) => {
      const out = [];
      for (const host of document.querySelectorAll("line-login-diagnosis")) {
        const els = [...(host.shadowRoot?.querySelectorAll("button, a[href], summary") ?? [])]
          .filter((el) => el.checkVisibility())
          .map((el) => ({ el, r: el.getBoundingClientRect() }))
          .filter(({ r }) => r.width && r.height);
        const name = (el) => `${el.getAttribute("part") ?? el.className} "${el.textContent.trim().slice(0, 20)}"`;
        for (let i = 0; i < els.length; i++) {
          for (let j = i + 1; j < els.length; j++) {
            const [a, b] = [els[i].r, els[j].r];
            if (els[i].el.contains(els[j].el) || els[j].el.contains(els[i].el)) continue;
            const dx = Math.max(0, Math.max(a.left, b.left) - Math.min(a.right, b.right));
            const dy = Math.max(0, Math.max(a.top, b.top) - Math.min(a.bottom, b.bottom));
            const apart = Math.max(dx, dy);
            if (apart < gap) out.push(`${name(els[i].el)} and ${name(els[j].el)}: ${apart.toFixed(1)} px apart`);
          }
        }
      }
      return out;
    }, gap);
  }

  /** Horizontal overflow: the page's scroll width, and widget elements sticking out of it. */
  function overflow(page) {
    return page.evaluate(() => {
      const vw = document.documentElement.clientWidth;
      const sticking = [];
      for (const host of document.querySelectorAll("line-login-diagnosis")) {
        for (const el of host.shadowRoot?.querySelectorAll("*") ?? []) {
          const r = el.getBoundingClientRect();
          if (r.width && (r.right > vw + 0.5 || r.left < -0.5)) {
            sticking.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}" ${r.left.toFixed(0)}..${r.right.toFixed(0)}`);
          }
        }
      }
      return { scrollWidth: document.documentElement.scrollWidth, vw, sticking: sticking.slice(0, 10) };
    });
  }

  /** Opens every collapsed section (`<details>`) of the widget; returns how many it opened. */
  function openAllDetails(page) {
    return page.evaluate(() => {
      let opened = 0;
      for (const host of document.querySelectorAll("line-login-diagnosis")) {
        for (const d of host.shadowRoot?.querySelectorAll("details:not([open])") ?? []) {
          d.open = true;
          opened++;
        }
      }
      return opened;
    });
  }

  async function checkScreen(page, what, { width, touching }) {
    for (const t of await touchingTargets(page)) touching?.add(`${what}: ${t}`);
    const targets = await smallTargets(page);
    assert.deepEqual(targets.out, [], `${what}: tap targets smaller than ${MIN}×${MIN} CSS px`);
    if (width) {
      const o = await overflow(page);
      assert.ok(
        o.scrollWidth <= width && o.sticking.length === 0,
        `${what}: horizontal overflow at ${width}px: scrollWidth ${o.scrollWidth}; sticking out: ${o.sticking.join("; ")}`,
      );
    }
    return targets.count;
  }

  for (const [device, lang, pageKind] of [
    [NARROW, "ja", "snippet"],
    [NARROW, "en", "snippet"],
    [PHONE, "ja", "snippet"],
    [DESKTOP, "ja", "snippet"],
    [NARROW, "ja", "demo"],
  ]) {
    test(`${device.name}, ${lang}, ${pageKind} page: no horizontal scroll on any result, tap targets ≥ 44 px and apart`, async () => {
      const flow = loadFlow(lang);
      const paths = shortestPathPerResult(flow);
      const longest = flow.results.reduce((a, b) => (resultLength(flow, b) > resultLength(flow, a) ? b : a));
      assert.ok(paths.some((p) => p.result.id === longest.id));
      const width = device.viewport.width;
      let url;
      if (pageKind === "demo") url = origins.widget.url("/index.html");
      else {
        origins.site.pages.set(`/layout-${lang}.html`, marketingPage({ body: snippetFor(origins.widget.origin, lang === "en" ? { lang } : {}) }));
        url = origins.site.url(`/layout-${lang}.html`);
      }
      const { context, page, journal } = await openPlaywrightPage(browser, origins, device, { reducedMotion: "reduce" });
      try {
        await page.goto(url);
        const w = new Widget(page, { touch: !!device.hasTouch });
        await w.ready(flow.start);
        const touching = new Set();
        let targets = await checkScreen(page, "first question", { width, touching });
        let screens = 1;
        // The demo page only needs the first question and the longest result.
        const todo = pageKind === "demo" ? paths.filter((p) => p.result.id === longest.id) : paths;
        for (const path of todo) {
          if (await w.part("restart").count()) {
            await w.activate(w.part("restart"));
            await w.waitAt("question", flow.start);
          }
          for (const [i, m] of path.moves.entries()) {
            await w.activate(w.answer(m.answer.id));
            const next = path.moves[i + 1]?.question.id;
            if (next) await w.waitAt("question", next);
            else await w.waitAt("result", path.result.id);
            if (next) {
              targets += await checkScreen(page, `question "${next}"`, { width, touching });
              screens++;
            }
          }
          const what = `result "${path.result.id}"${path.result.id === longest.id ? " (the longest)" : ""}`;
          targets += await checkScreen(page, what, { width, touching });
          // The collapsed parts (the other device's route, notes, advice) opened, as a visitor opens them.
          if (await openAllDetails(page)) {
            targets += await checkScreen(page, `${what}, every section opened`, { width, touching });
            screens++;
          }
          screens++;
        }
        await journal.assertClean(`${device.name} ${pageKind}`);
        record({ "layout: screens checked": screens, "layout: tap targets measured": targets });
        // Checked last, so that the size and overflow checks above cover every screen first.
        const list = [...touching];
        assert.deepEqual(list, [], `tap targets touching each other (less than 4 px apart; a thumb hits the wrong one):\n  ${list.slice(0, 20).join("\n  ")}${list.length > 20 ? `\n  … ${list.length - 20} more` : ""}`);
      } finally {
        await context.close();
      }
    });
  }

  /**
   * Label chips split over two lines although they would fit on one (e.g. "ホー" / "ム"): a
   * visitor looks for that exact label on LINE's screen.
   */
  function splitLabels(page) {
    return page.evaluate(() => {
      const out = [];
      for (const host of document.querySelectorAll("line-login-diagnosis")) {
        for (const label of host.shadowRoot?.querySelectorAll('[part~="label"]') ?? []) {
          if (label.getClientRects().length < 2) continue;
          const probe = label.cloneNode(true);
          probe.style.cssText = "position:absolute;visibility:hidden;white-space:nowrap;left:0;top:0";
          label.parentNode.append(probe);
          const width = probe.getBoundingClientRect().width;
          probe.remove();
          const block = label.closest("li, p, button, h2, h3, h4, div");
          const cs = getComputedStyle(block);
          const room = block.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
          if (width <= room) out.push(`"${label.textContent}" (${width.toFixed(0)} px wide, ${room.toFixed(0)} px of room, in "${block.textContent.trim().slice(0, 40)}…")`);
        }
      }
      return out;
    });
  }

  for (const lang of ["ja", "en"]) {
    test(`phone, ${lang}: a LINE label chip that fits on one line is never split over two`, async () => {
      const flow = loadFlow(lang);
      origins.site.pages.set(`/labels-${lang}.html`, marketingPage({ body: snippetFor(origins.widget.origin, lang === "en" ? { lang } : {}) }));
      const { context, page, journal } = await openPlaywrightPage(browser, origins, PHONE, { reducedMotion: "reduce" });
      const split = new Map();
      try {
        await page.goto(origins.site.url(`/labels-${lang}.html`));
        const w = new Widget(page, { touch: true });
        await w.ready(flow.start);
        for (const path of shortestPathPerResult(flow)) {
          if (await w.part("restart").count()) {
            await w.activate(w.part("restart"));
            await w.waitAt("question", flow.start);
          }
          for (const [i, m] of path.moves.entries()) {
            await w.activate(w.answer(m.answer.id));
            const next = path.moves[i + 1]?.question.id;
            if (next) await w.waitAt("question", next);
            else await w.waitAt("result", path.result.id);
            for (const s of await splitLabels(page)) split.set(s, `${next ? "question" : "result"} "${next ?? path.result.id}"`);
          }
        }
        await journal.assertClean(`labels ${lang}`);
      } finally {
        await context.close();
      }
      const list = [...split].map(([label, where]) => `${where}: ${label}`);
      assert.deepEqual(list, [], `${list.length} label chip(s) split over two lines at 375 px:\n  ${list.join("\n  ")}`);
    });
  }

  for (const lang of ["ja", "en"]) {
    test(`the widget's language (${lang}) reaches text layout: phrase-aware line breaks, CJK glyph choice`, async () => {
      // Chromium takes the content language for line breaking (word-break: auto-phrase keeps
      // Japanese phrases together) and for picking Japanese rather than Chinese glyphs from the
      // element's lang, as its computed -webkit-locale. A reset such as `all: initial` loses it.
      const flow = loadFlow(lang);
      origins.site.pages.set(`/locale-${lang}.html`, marketingPage({ body: snippetFor(origins.widget.origin, lang === "en" ? { lang } : {}) }));
      const { context, page, journal } = await openPlaywrightPage(browser, origins, PHONE, { reducedMotion: "reduce" });
      try {
        await page.goto(origins.site.url(`/locale-${lang}.html`));
        const w = new Widget(page, { touch: true });
        await w.ready(flow.start);
        const got = {};
        for (const part of ["question", "answer", "progress"]) {
          got[part] = await w.part(part).first().evaluate((el) => getComputedStyle(el).getPropertyValue("-webkit-locale"));
        }
        const want = Object.fromEntries(Object.keys(got).map((k) => [k, `"${lang}"`]));
        assert.deepEqual(got, want, "the computed content language (-webkit-locale) inside the widget");
        await journal.assertClean(`locale ${lang}`);
      } finally {
        await context.close();
      }
    });
  }
});
