// The first question as HTML (README "The first question without waiting"): the build's
// prerendered snippets (snippet-full.html, snippet-short.html) with JavaScript off — the first
// question painted and styled, every result's steps visible and reachable by links — and on:
// the widget takes over the first screen without moving it, a tap made before the widget is
// ready reaches the right next question, the widget's files load only when the element nears
// the screen (or at once with loading="eager"), and a strict CSP with the style's hash holds.
// All engines: JavaScript is turned off by each browser's own setting (driver.mjs
// `javaScript: false`: Playwright's context option, Firefox's javascript.enabled, WebKitGTK's
// enable-javascript); the tests still evaluate through the engines' protocols.

import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DIST, PHONE, ROOT, Widget, loadFlow, marketingPage, openPage, record, rendered, useBrowserAndOrigins, forEachEngine } from "./lib.mjs";

const WASM = "/line-login-diagnosis_bg.wasm";
const FLOW = "/content/line-login.ja.flow";

/** A build's prerendered snippet (`full` or `short`) pointing at `origin`. */
const snippet = (/** @type {string} */ kind, /** @type {string} */ origin) =>
  readFileSync(join(DIST, `snippet-${kind}.html`), "utf8").split("BASE/").join(`${origin}/`);

const AXE = readFileSync(join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");
/**
 * axe-core (WCAG 2.x A and AA, as a11y.test.mjs) on the whole page, shadow DOM included: the
 * violations, readable.
 * @param {import("./driver.mjs").Page} page
 */
async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof (/** @type {any} */ (window).axe) === "object"))) await page.addScript(AXE);
  return page.evaluate(() =>
    /** @type {any} */ (window).axe
      .run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] }, resultTypes: ["violations"] })
      .then((/** @type {any} */ r) => r.violations.map((/** @type {any} */ v) => `${v.id}: ${v.help} (${v.nodes.map((/** @type {any} */ n) => JSON.stringify(n.target)).join(", ")})`)),
  );
}

/** The hash a CSP allows the snippets' <style> by, as their comment gives it. */
const styleHash = () => readFileSync(join(DIST, "snippet-full.html"), "utf8").match(/style-src '(sha256-[^']+)'/)?.[1];

/**
 * Waits until the widget has replaced the first screen the HTML painted (which already shows the
 * start question, so `Widget.ready` alone would not wait): no answer link, no slot for the index.
 * @param {import("./driver.mjs").Page} page
 */
/**
 * The widget's boxes are where the build painted them, to the pixel (rounding of sub-pixel
 * positions aside), and Chromium, which reports layout shifts, saw none. A shift right after the
 * visitor's own input does not count, as CLS counts it.
 * @param {{name: string}} engine
 * @param {any} page
 * @param {any} painted  the geometry of the build's screen
 * @param {any} mounted  the geometry of the widget's screen
 * @param {(g: any) => number[][]} boxes  the boxes to compare, in order
 * @param {string} when
 */
async function assertStayedInPlace(engine, page, painted, mounted, boxes, when) {
  assert.equal(boxes(mounted).length, boxes(painted).length);
  boxes(mounted).forEach((box, i) => {
    const was = boxes(painted)[i];
    assert.ok(box && was && box.every((v, k) => Math.abs(v - was[k]) <= 1), `box ${i} moved ${when}: ${JSON.stringify(was)} -> ${JSON.stringify(box)}`);
  });
  if (engine.name !== "chromium") return;
  const shift = await page.evaluate(
    () =>
      new Promise((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (!(/** @type {any} */ (e).hadRecentInput)) total += /** @type {any} */ (e).value;
        }).observe({ type: "layout-shift", buffered: true });
        requestAnimationFrame(() => setTimeout(() => resolve(total), 100));
      }),
  );
  assert.equal(shift, 0, `layout shift ${when}`);
}

const takenOver = (page) =>
  page.waitFor(() => {
    const root = document.querySelector("line-login-diagnosis")?.shadowRoot;
    return !!root?.querySelector("section.lld") && !root.querySelector("a.answer") && !root.querySelector(".lld-static");
  }, undefined, {
    timeout: 15_000,
    what: "the widget replaced the first screen",
  });

let browser;
let origins;
await forEachEngine((engine) => {
  useBrowserAndOrigins(engine, (b, o) => ([browser, origins] = [b, o]));
  const flow = loadFlow("ja");
  const start = flow.questions.find((q) => q.id === flow.start);

  // Runs in the page: the first screen's geometry, relative to the element.
  function geometry() {
    const host = /** @type {HTMLElement} */ (document.querySelector("line-login-diagnosis"));
    const root = /** @type {ShadowRoot} */ (host.shadowRoot);
    const top = host.getBoundingClientRect().top;
    const box = (/** @type {Element | null} */ el) => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return [Math.round(r.left), Math.round(r.top - top), Math.round(r.width), Math.round(r.height)];
    };
    return {
      tag: root.querySelector(".answer")?.tagName.toLowerCase(),
      section: box(root.querySelector("section.lld")),
      title: box(root.querySelector(".title")),
      nav: box(root.querySelector(".nav")),
      trail: box(root.querySelector('[part~="trail"]')),
      progress: box(root.querySelector('[part~="progress"]')),
      heading: box(root.querySelector('[part~="question"]')),
      answers: [...root.querySelectorAll('[part~="answer"]')].map(box),
      answerStyle: (() => {
        const a = root.querySelector('[part~="answer"]');
        if (!a) return null;
        const s = getComputedStyle(a);
        return [s.color, s.backgroundColor, s.borderTopColor, s.borderTopWidth, s.fontWeight, s.fontSize, s.textDecorationLine];
      })(),
      // Nothing fades in: the first screen is there at once, before and after the takeover.
      animations: root.getAnimations ? root.getAnimations().length : document.getAnimations().length,
    };
  }

  test("JavaScript off, the full snippet: the first question painted in the widget's styles, every result's steps on the page and reachable by links", async () => {
    origins.site.pages.set("/no-js-full.html", marketingPage({ body: snippet("full", origins.widget.origin) }));
    const page = await openPage(browser, origins, PHONE, { javaScript: false });
    try {
      await page.goto(origins.site.url("/no-js-full.html"));
      const seen = await page.evaluate(() => {
        const host = /** @type {HTMLElement} */ (document.querySelector("line-login-diagnosis"));
        const root = host.shadowRoot;
        const heading = root?.querySelector('[part~="question"]');
        const answers = [...(root?.querySelectorAll('[part~="answer"]') ?? [])];
        const visible = (/** @type {Element} */ el) => el.getBoundingClientRect().height > 0 && getComputedStyle(el).visibility !== "hidden";
        // The links a visitor can follow, from each place: the first screen's, then each entry's.
        const links = (/** @type {ParentNode} */ from) => [...from.querySelectorAll('a[href^="#lld-n-"]')].map((a) => a.getAttribute("href")?.slice(1));
        const entries = Object.fromEntries(
          [...host.querySelectorAll(":scope > section[id^='lld-n-']")].map((s) => [s.id, { text: s.textContent, visible: visible(s), links: links(s) }]),
        );
        return {
          scripting: matchMedia("(scripting: none)").matches,
          ranScript: typeof customElements.get("line-login-diagnosis") === "function",
          heading: heading?.textContent,
          headingVisible: heading ? visible(heading) : false,
          headingSize: heading ? getComputedStyle(heading).fontSize : null,
          answers: answers.map((a) => ({ text: a.textContent, tag: a.tagName.toLowerCase(), visible: visible(a), height: a.getBoundingClientRect().height, border: getComputedStyle(a).borderTopWidth })),
          first: links(/** @type {ShadowRoot} */ (root)),
          entries,
        };
      });
      assert.equal(seen.scripting, true, "(scripting: none) should match with JavaScript off");
      assert.equal(seen.ranScript, false, "embed.js ran: JavaScript is not off");
      assert.equal(seen.heading, rendered(start.text));
      assert.ok(seen.headingVisible, "the first question is not visible");
      assert.equal(seen.headingSize, "20px", "the first question does not have the widget's styles");
      assert.deepEqual(seen.answers.map((a) => a.text), start.answers.map((a) => rendered(a.text)));
      for (const a of seen.answers) {
        assert.ok(a.tag === "a" && a.visible && a.height >= 44 && a.border === "2px", `answer ${JSON.stringify(a)}`);
      }
      // Every result, from the first question's links on: visible, with its title, cause and steps.
      const reached = new Set();
      const queue = [...seen.first];
      while (queue.length) {
        const id = queue.shift();
        if (reached.has(id)) continue;
        assert.ok(seen.entries[id], `a link leads to #${id}, which is not on the page`);
        reached.add(id);
        queue.push(...seen.entries[id].links);
      }
      for (const r of flow.results) {
        const entry = seen.entries[`lld-n-${r.id}`];
        assert.ok(reached.has(`lld-n-${r.id}`), `${r.id} is not reachable from the first question`);
        assert.ok(entry.visible, `${r.id} is not visible`);
        for (const text of [r.title, r.cause, ...r.steps.map((s) => s.text)]) assert.ok(entry.text.includes(rendered(text)), `${r.id}: "${rendered(text)}" is missing`);
      }
      // A tap on an answer follows its link to the next question's entry, on screen. (Without
      // scripts the page runs no animation-frame callback, which the driver's locators wait
      // for: the point is found and the result read with plain evaluations.)
      const next = start.answers[0].next;
      const point = await page.evaluate((id) => {
        const a = /** @type {HTMLElement} */ (document.querySelector("line-login-diagnosis")?.shadowRoot?.querySelector(`[data-testid="answer-${id}"]`));
        a.scrollIntoView({ block: "center" });
        const r = a.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }, start.answers[0].id);
      await page.raw.tap(point.x, point.y);
      const onScreen = (/** @type {string} */ id) => {
        const r = document.getElementById(`lld-n-${id}`)?.getBoundingClientRect();
        return { hash: location.hash, top: r ? Math.round(r.top) : null, height: innerHeight };
      };
      let at = await page.evaluate(onScreen, next);
      for (let i = 0; i < 50 && at.hash !== `#lld-n-${next}`; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        at = await page.evaluate(onScreen, next);
      }
      assert.equal(at.hash, `#lld-n-${next}`, "the answer's link was not followed");
      assert.ok(at.top !== null && at.top >= -1 && at.top < at.height, `the entry of ${next} is not on screen: ${JSON.stringify(at)}`);
      record({ "results readable without JavaScript": flow.results.length });
    } finally {
      await page.close();
    }
  });

  test("JavaScript off, the short snippet: the first question, its answers leading to the fallback link", async () => {
    origins.site.pages.set("/no-js-short.html", marketingPage({ body: snippet("short", origins.widget.origin) }));
    const page = await openPage(browser, origins, PHONE, { javaScript: false });
    try {
      await page.goto(origins.site.url("/no-js-short.html"));
      const seen = await page.evaluate(() => {
        const host = /** @type {HTMLElement} */ (document.querySelector("line-login-diagnosis"));
        const root = /** @type {ShadowRoot} */ (host.shadowRoot);
        const more = document.getElementById("lld-more");
        return {
          heading: root.querySelector('[part~="question"]')?.textContent,
          hrefs: [...new Set([...root.querySelectorAll('[part~="answer"]')].map((a) => a.getAttribute("href")))],
          link: more?.querySelector("a")?.href,
          linkVisible: (more?.getBoundingClientRect().height ?? 0) > 0,
        };
      });
      assert.equal(seen.heading, rendered(start.text));
      assert.deepEqual(seen.hrefs, ["#lld-more"]);
      assert.equal(seen.link, "https://example.com/article");
      assert.ok(seen.linkVisible, "the fallback link is not visible");
    } finally {
      await page.close();
    }
  });

  test("JavaScript on: the widget takes over the first screen in place — the same boxes and styles as the HTML painted", async () => {
    origins.site.pages.set("/takeover.html", marketingPage({ body: snippet("full", origins.widget.origin) }));
    // The wasm waits until the first screen the HTML painted is measured.
    /** @type {() => void} */
    let release = () => {};
    origins.widget.hold.set(WASM, new Promise((resolve) => (release = () => resolve(undefined))));
    const page = await openPage(browser, origins, PHONE);
    try {
      await page.goto(origins.site.url("/takeover.html"));
      const painted = await page.evaluate(geometry);
      assert.deepEqual(await axeViolations(page), [], "axe-core on the prerendered first screen");
      release();
      await takenOver(page);
      await new Widget(page).ready(flow.start);
      const mounted = await page.evaluate(geometry);
      assert.equal(painted.tag, "a");
      assert.equal(mounted.tag, "button", "the widget did not take over");
      assert.deepEqual(mounted.answerStyle, painted.answerStyle, "the answers' styles differ");
      assert.deepEqual([painted.animations, mounted.animations], [0, 0], "the first screen fades in (a flash at the takeover)");
      await assertStayedInPlace(engine, page, painted, mounted, (g) => [g.section, g.title, g.progress, g.heading, ...g.answers], "while the widget started");
      await page.assertClean("the takeover");
    } finally {
      release();
      origins.widget.hold.delete(WASM);
      await page.close();
    }
  });

  test("a tap on an answer before the widget is ready: the next question at once (the build's screen), then the widget's in place; a result after the widget starts; once", async () => {
    origins.site.pages.set("/early-tap.html", marketingPage({ body: snippet("full", origins.widget.origin) }));
    const toQuestion = start.answers.slice(1).find((a) => flow.questions.some((q) => q.id === a.next));
    const toResult = start.answers.find((a) => flow.results.some((r) => r.id === a.next));
    assert.ok(toQuestion && toResult);
    const second = flow.questions.find((q) => q.id === toQuestion.next);
    for (const answer of [toQuestion, toResult]) {
      const kind = answer === toQuestion ? "question" : "result";
      /** @type {() => void} */
      let release = () => {};
      origins.widget.hold.set(WASM, new Promise((resolve) => (release = () => resolve(undefined))));
      const page = await openPage(browser, origins, PHONE);
      try {
        await page.goto(origins.site.url("/early-tap.html"));
        const w = new Widget(page, { touch: true });
        await w.activate(w.answer(answer.id));
        const state = () =>
          page.evaluate(() => {
            const root = document.querySelector("line-login-diagnosis")?.shadowRoot;
            return {
              hash: location.hash,
              tag: root?.querySelector(".answer")?.tagName.toLowerCase(),
              busy: root?.querySelector('[aria-busy="true"]')?.getAttribute("data-testid") ?? null,
            };
          });
        let painted = null;
        if (kind === "question") {
          // Not ready yet, and the next question is there: the build's screen, focus on its heading.
          await w.waitAt("question", answer.next);
          assert.deepEqual(await state(), { hash: "", tag: "a", busy: null });
          painted = await page.evaluate(geometry);
          // A second tap before ready is not applied as well.
          await w.activate(w.answer(second?.answers[0].id));
        } else {
          // Not ready yet: the link was not followed, the tap shows pressed.
          assert.deepEqual(await state(), { hash: "", tag: "a", busy: `answer-${answer.id}` });
        }
        assert.ok(origins.widget.log.some((e) => e.path === WASM), "the tap did not start the download");
        release();
        await takenOver(page);
        await w.waitAt(kind, answer.next, { focus: false, timeout: 15_000 });
        assert.equal(await w.part("trail").locator("li").count(), 1, "the tap was applied more than once");
        if (painted) {
          // The widget's screen over the build's: the same boxes.
          const mounted = await page.evaluate(geometry);
          await assertStayedInPlace(
            engine,
            page,
            painted,
            mounted,
            (g) => [g.section, g.title, g.nav, g.progress, g.heading, ...g.answers, g.trail],
            "when the widget took over the answered screen",
          );
        }
        await page.assertClean(`a tap before the widget was ready (${kind})`);
      } finally {
        release();
        origins.widget.hold.delete(WASM);
        await page.close();
      }
    }
  });

  test("a tap made before embed.js ran (its link followed, #lld-n-<next> in the address): carried over the same way, the address given back", async () => {
    origins.site.pages.set("/early-link.html", marketingPage({ body: snippet("full", origins.widget.origin) }));
    const answer = start.answers.slice(1).find((a) => flow.questions.some((q) => q.id === a.next));
    assert.ok(answer);
    /** @type {() => void} */
    let release = () => {};
    origins.widget.hold.set(WASM, new Promise((resolve) => (release = () => resolve(undefined))));
    const page = await openPage(browser, origins, PHONE);
    try {
      await page.goto(origins.site.url(`/early-link.html#lld-n-${answer.next}`));
      const w = new Widget(page, { touch: true });
      await w.waitAt("question", answer.next);
      assert.equal(await page.evaluate(() => location.hash), "");
      release();
      await takenOver(page);
      await w.waitAt("question", answer.next, { focus: false, timeout: 15_000 });
      assert.equal(await w.part("trail").locator("li").count(), 1);
      await page.assertClean("a tap before embed.js ran");
    } finally {
      release();
      origins.widget.hold.delete(WASM);
      await page.close();
    }
  });

  test("nothing heavy until needed: below the fold only the HTML loads; scrolled near, the widget starts; loading=\"eager\" loads at once", async () => {
    const spacer = '<div style="height: 4000px">広告</div>';
    origins.site.pages.set("/lazy.html", marketingPage({ body: `${spacer}\n${snippet("full", origins.widget.origin)}` }));
    origins.site.pages.set("/eager.html", marketingPage({ body: `${spacer}\n${snippet("full", origins.widget.origin).replace("<line-login-diagnosis>", '<line-login-diagnosis loading="eager">')}` }));
    const page = await openPage(browser, origins, PHONE);
    try {
      const since = origins.widget.log.length;
      await page.goto(origins.site.url("/lazy.html"));
      await page.waitFor(() => new Promise((resolve) => setTimeout(() => resolve(true), 700)));
      const loaded = () => origins.widget.log.slice(since).map((e) => e.path);
      assert.ok(loaded().includes("/embed.js"), "embed.js was not loaded");
      assert.ok(!loaded().includes(WASM) && !loaded().includes(FLOW), `the widget's files loaded below the fold: ${loaded()}`);
      await page.evaluate(() => document.querySelector("line-login-diagnosis")?.scrollIntoView());
      await takenOver(page);
      assert.ok(loaded().includes(WASM) && loaded().includes(FLOW));
      await page.assertClean("lazy loading");
    } finally {
      await page.close();
    }
    // A new page: nothing in its cache.
    const eager = await openPage(browser, origins, PHONE);
    try {
      const since = origins.widget.log.length;
      await eager.goto(origins.site.url("/eager.html"));
      await takenOver(eager);
      assert.ok(origins.widget.log.slice(since).some((e) => e.path === WASM), "loading=eager did not load the widget");
      await eager.assertClean("loading=eager");
    } finally {
      await eager.close();
    }
  });

  test("without WebAssembly (an old browser, iOS Lockdown Mode): the first question stays, its links lead to the index, which shows; nothing of the widget loads", async () => {
    origins.site.pages.set("/floor-prerendered.html", marketingPage({ body: `<script>delete globalThis.WebAssembly;</script>\n${snippet("full", origins.widget.origin)}` }));
    const page = await openPage(browser, origins, PHONE);
    try {
      await page.goto(origins.site.url("/floor-prerendered.html"));
      await page.waitForJournal((j) => j.consoleWarnings.some((m) => m.includes("this browser has no WebAssembly")), "the warning");
      await page.waitFor(() => !!document.querySelector("line-login-diagnosis")?.shadowRoot?.querySelector(".lld-static.on"), undefined, { what: "the index shown" });
      assert.deepEqual(await axeViolations(page), [], "axe-core on the first screen and the whole index");
      const w = new Widget(page, { touch: true });
      const next = start.answers[0].next;
      await w.activate(w.answer(start.answers[0].id));
      await page.waitFor((id) => location.hash === `#lld-n-${id}` && (document.getElementById(`lld-n-${id}`)?.getBoundingClientRect().height ?? 0) > 0, next, { what: `the entry of ${next}` });
      const fetched = (await page.journal()).requests.filter((u) => u.startsWith(origins.widget.origin)).map((u) => new URL(u).pathname);
      assert.deepEqual(fetched.filter((p) => p.endsWith(".wasm") || p.endsWith(".flow")), [], "the widget's files were fetched");
    } finally {
      await page.close();
    }
  });

  test("a strict CSP with the snippets' style hash: zero violations, the first question styled, the diagnosis works", async () => {
    const hash = styleHash();
    assert.ok(hash, "snippet-full.html names no style hash");
    const csp = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${origins.widget.origin}; style-src 'self' '${hash}'; img-src 'self' data:; connect-src 'self' ${origins.widget.origin}`;
    origins.site.pages.set("/csp-prerendered.html", { body: marketingPage({ body: snippet("full", origins.widget.origin) }), headers: { "Content-Security-Policy": csp } });
    const page = await openPage(browser, origins);
    try {
      await page.goto(origins.site.url("/csp-prerendered.html"));
      const w = new Widget(page);
      await takenOver(page);
      await w.activate(w.answer("password"));
      await w.waitAt("question", "password-which");
      const journal = await page.journal();
      assert.ok(journal.scriptSeen, "the journal script did not run under the CSP");
      assert.deepEqual(journal.violations, [], "CSP violations");
      await page.assertClean("strict CSP, prerendered snippet");
    } finally {
      await page.close();
    }
  });

  after(() => record({ "prerendered snippets checked": 2 }));
});
