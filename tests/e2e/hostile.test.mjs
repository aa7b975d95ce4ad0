// Hostile pages: what a real landing page, page builder, tag manager or visitor does to the
// widget that the happy-path suites never do. Absurd attribute values, attributes changed after
// the start, the element moved / cloned / removed / re-added mid-flow, duplicate ids, a burst of
// taps, a page that owns history entries and a frozen `dataLayer`, storage that throws, reduced
// motion / forced colours / 200 % zoom, and 1,000 mount/unmount cycles with the memory measured.
// Every test checks the journal: no uncaught page error and no console error it did not expect.
// Chromium only: the memory test reads CDP counters, and forced colours, zoom and the history
// gestures use Playwright's own emulation.

import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { DESKTOP, Widget, allPaths, loadFlow, marketingPage, onlyEngine, openPlaywrightPage, readmeSnippet, record, rendered, snippetFor, useBrowserAndOrigins, wasmMemoryBytes } from "./lib.mjs";

let browser;
let origins;
let cases = 0;
afterEach(() => cases++);
await onlyEngine("chromium", (engine) => {
  useBrowserAndOrigins(engine, (b, o) => ([browser, origins] = [b, o]));
  after(() => record({ "hostile-page cases": cases }));

  const ja = loadFlow("ja");
  const START = ja.start;
  const startQuestion = ja.questions.find((q) => q.id === START);
  // A two-answer path to a result: START --A1--> Q2 --A2--> R.
  const PATH = allPaths(ja).find((p) => p.moves.length === 2);
  const A1 = PATH.moves[0].answer.id;
  const Q2 = PATH.moves[1].question.id;
  const A2 = PATH.moves[1].answer.id;
  const R = PATH.result.id;
  // Another first answer (for a second widget to take a different way).
  const OTHER = startQuestion.answers.find((a) => a.id !== A1);

  /** The README snippet's script tag and fallback link, with the widget's origin. */
  const scriptTag = () => snippetFor(origins.widget.origin).match(/<script[^>]*><\/script>/)[0];
  const FALLBACK = readmeSnippet().match(/<a [^>]*>[^<]*<\/a>/)[0];
  const FALLBACK_TEXT = FALLBACK.match(/>([^<]*)</)[1];

  const escapeAttr = (v) => String(v).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

  /** `<line-login-diagnosis …>` with exactly `attrs` (`true`: present without a value) and the fallback. */
  function element(attrs = {}) {
    const a = Object.entries(attrs)
      .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${escapeAttr(v)}"`))
      .join("");
    return `<line-login-diagnosis${a}>\n  ${FALLBACK}\n</line-login-diagnosis>`;
  }

  /** Serves a marketing page at `path` on the site origin; returns its URL. */
  function publish(path, body, { css = "", head = "" } = {}) {
    const html = marketingPage({ body, css });
    origins.site.pages.set(path, head ? html.replace("</head>", `${head}\n</head>`) : html);
    return origins.site.url(path);
  }

  /**
   * No uncaught page error, no failed or foreign request, and console errors / warnings exactly as
   * expected: every message matches one of the regexps, and each regexp matches exactly one message
   * (`warnings: null` skips the warning check).
   */
  async function expectOnly(pageJournal, { errors = [], warnings = [] } = {}, what = "") {
    const journal = await pageJournal.read();
    const problems = [];
    for (const [key, label] of [
      ["pageErrors", "uncaught page error"],
      ["failed", "failed request"],
      ["httpErrors", "HTTP error response"],
      ["foreign", "request to a third origin"],
    ]) {
      for (const x of journal[key]) problems.push(`${label}: ${x}`);
    }
    const short = (m) => (m.length > 160 ? `${m.slice(0, 160)}… (${m.length} chars)` : m);
    const check = (kind, got, expected) => {
      for (const m of got.filter((m) => !expected.some((re) => re.test(m)))) problems.push(`unexpected console ${kind}: ${short(m)}`);
      for (const re of expected) {
        const n = got.filter((m) => re.test(m)).length;
        if (n !== 1) problems.push(`${n} console ${kind}s matching ${re}, expected exactly one`);
      }
    };
    check("error", journal.consoleErrors, errors);
    if (warnings !== null) check("warning", journal.consoleWarnings, warnings);
    assert.deepEqual(problems, [], `${what}:\n  ${problems.join("\n  ")}`);
  }

  /** The warning `config::from_attributes` prints for `name="value"` (value as trimmed). */
  const warningFor = (name, value) =>
    new RegExp(`^<line-login-diagnosis>: ${name}="${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}" is not allowed`);

  /** Number of answers on the trail ("return to this question" buttons). */
  const trailLength = (w) => w.part("trail").getByRole("button").count();

  /** Resolves after two animation frames: everything queued (microtasks, renders) has run. */
  const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

  /** Walks START --A1--> Q2 --A2--> R in widget `w`. */
  async function walk(w) {
    await w.activate(w.answer(A1));
    await w.waitAt("question", Q2);
    await w.activate(w.answer(A2));
    await w.waitAt("result", R);
  }

  // ---------------------------------------------------------------------------------------------
  // 1. Attribute values

  test("absurd attribute values: every widget still starts, one warning per bad attribute, no javascript: link", async () => {
    const huge = (c) => c.repeat(10_000);
    const widgets = [
      // 0: everything empty. cta-result-param="" (no result parameter) and empty utm-* are
      // documented as valid; flow-src="" is treated as absent by embed.js (built-in flow).
      {
        attrs: { id: "empty", lang: "", theme: "", "cta-href": "", "cta-label": "", "cta-result-param": "", "utm-source": "", "utm-medium": "", "utm-campaign": "", "flow-src": "" },
        warnings: [warningFor("lang", ""), warningFor("theme", ""), warningFor("cta-href", ""), warningFor("cta-label", "")],
        cta: null,
      },
      // 1: 10,000-character values. A long label, a long https: link and long utm / parameter
      // names are allowed; a 10,000-character lang / theme is not.
      {
        attrs: {
          id: "huge",
          lang: huge("z"),
          theme: huge("x"),
          "cta-href": `https://example.com/${huge("a")}`,
          "cta-label": huge("ラ"),
          "cta-result-param": huge("p"),
          "utm-campaign": huge("c"),
        },
        warnings: [warningFor("lang", huge("z")), warningFor("theme", huge("x"))],
        cta: (href) => href.startsWith(`https://example.com/${huge("a")}?${huge("p")}=${R}&utm_campaign=${huge("c")}`),
      },
      // 2: plausible but not allowed spellings: no guessing, the default and a warning.
      { attrs: { id: "spelling", lang: "ja-JP", theme: "DARK" }, warnings: [warningFor("lang", "ja-JP"), warningFor("theme", "DARK")], cta: null },
      // 3: a script URL: refused.
      { attrs: { id: "js", "cta-href": "javascript:alert(1)" }, warnings: [warningFor("cta-href", "javascript:alert(1)")], cta: null },
      // 4: an https: URL with spaces around it, as pasted from a spreadsheet: trimmed, accepted.
      { attrs: { id: "spaces", "cta-href": "  https://x  " }, warnings: [], cta: (href) => href === `https://x?lld_result=${R}` },
    ];
    // 5: a flow-src that is not a URL: the error part with the fallback link, one console error.
    const broken = { id: "broken", "flow-src": "http://[::1" };
    const url = publish("/absurd.html", [scriptTag(), ...widgets.map((w) => element(w.attrs)), element(broken)].join("\n"));
    const { context, page, journal } = await openPlaywrightPage(browser, origins);
    try {
      await page.goto(url);
      for (const [i, spec] of widgets.entries()) {
        const w = new Widget(page, { index: i });
        await w.ready(START);
        const section = await w.host.evaluate((el) => {
          const s = el.shadowRoot.querySelector("section.lld");
          return { lang: s.getAttribute("lang"), theme: s.dataset.theme, heading: el.shadowRoot.querySelector('[part~="question"]').textContent };
        });
        assert.deepEqual(section, { lang: "ja", theme: "light", heading: rendered(startQuestion.text) }, `widget ${spec.attrs.id}`);
      }
      const bad = new Widget(page, { index: widgets.length });
      const error = bad.part("error");
      await error.waitFor({ state: "visible" });
      assert.match(await error.textContent(), /診断を表示できませんでした/);
      const link = page.locator("#broken").getByRole("link", { name: FALLBACK_TEXT });
      assert.ok(await link.isVisible(), "the broken flow-src widget does not show its fallback link");
      assert.equal(await bad.part("question").count(), 0);

      // The CTA on a result: only where an allowed cta-href was given, with the documented link.
      for (const [i, spec] of widgets.entries()) {
        const w = new Widget(page, { index: i });
        await walk(w);
        const hrefs = await w.part("cta").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
        if (spec.cta === null) assert.deepEqual(hrefs, [], `widget ${spec.attrs.id}: a CTA without an allowed cta-href`);
        else {
          assert.equal(hrefs.length, 1, `widget ${spec.attrs.id}: CTA count`);
          assert.ok(spec.cta(hrefs[0]), `widget ${spec.attrs.id}: CTA href ${hrefs[0].slice(0, 120)}…`);
        }
      }
      // No javascript: URL anywhere in any shadow root, and the 10,000-character label does not
      // make the page scroll sideways.
      const scripty = await page.evaluate(() =>
        [...document.querySelectorAll("line-login-diagnosis")].flatMap((h) =>
          [...(h.shadowRoot?.querySelectorAll("[href]") ?? [])].map((a) => a.getAttribute("href")).filter((v) => /^\s*javascript:/i.test(v)),
        ),
      );
      assert.deepEqual(scripty, []);
      assert.ok(
        await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
        "the page scrolls sideways (the 10,000-character CTA label?)",
      );
      // One error per bad flow-src, although embed.js asks for each element's flow file twice
      // (the prefetch at load, then connectedCallback): the URL is decided once per element.
      await expectOnly(
        journal,
        { errors: [/flow-src="http:\/\/\[::1" is not a URL; the fallback content is shown/], warnings: widgets.flatMap((w) => w.warnings) },
        "absurd attributes",
      );
    } finally {
      await context.close();
    }
  });

  // ---------------------------------------------------------------------------------------------
  // 2. Attributes changed after the start

  test("attributes changed after the start are ignored (read once): the widget keeps working as it started", async () => {
    const url = publish("/late-attrs.html", snippetFor(origins.widget.origin));
    const { context, page, journal } = await openPlaywrightPage(browser, origins);
    try {
      await page.goto(url);
      const w = new Widget(page);
      await w.ready(START);
      const historyBefore = await page.evaluate(() => history.length);
      await w.host.evaluate((el) => {
        el.setAttribute("lang", "en");
        el.setAttribute("theme", "dark");
        el.setAttribute("cta-href", "javascript:alert(1)");
        el.setAttribute("flow-src", "http://[::1");
        el.setAttribute("history", "");
        el.setAttribute("data-layer", "");
        el.id = "renamed";
      });
      await walk(w);
      const now = await w.host.evaluate((el) => {
        const s = el.shadowRoot.querySelector("section.lld");
        return {
          lang: s.getAttribute("lang"),
          theme: s.dataset.theme,
          title: el.shadowRoot.querySelector('[part~="result-title"]').textContent,
          cta: el.shadowRoot.querySelector('[part~="cta"]')?.getAttribute("href"),
          history: history.length,
          dataLayer: "dataLayer" in window,
        };
      });
      assert.deepEqual(now, {
        lang: "ja",
        theme: "light",
        title: rendered(PATH.result.title),
        // The snippet's cta-href as read at the start, not the javascript: URL set later.
        cta: `${readmeSnippet().match(/cta-href="([^"]*)"/)[1]}?lld_result=${R}`,
        history: historyBefore,
        dataLayer: false,
      });
      // Back still works after the changes.
      await w.activate(w.part("back"));
      await w.waitAt("question", Q2);
      await journal.assertClean("attributes changed after the start");
    } finally {
      await context.close();
    }
  });

  // ---------------------------------------------------------------------------------------------
  // 3. Moved, cloned, removed, re-added

  test("moved to another container mid-flow: same widget, same question, still works", async () => {
    const url = publish("/move.html", `${snippetFor(origins.widget.origin)}\n<aside id="elsewhere"></aside>`);
    const { context, page, journal } = await openPlaywrightPage(browser, origins);
    try {
      await page.goto(url);
      const w = new Widget(page);
      await w.ready(START);
      await w.activate(w.answer(A1));
      await w.waitAt("question", Q2);
      // Mark the rendered app: a re-mount would replace it.
      await w.host.evaluate((el) => {
        el.shadowRoot.querySelector("section.lld").dataset.mark = "before-move";
        document.getElementById("elsewhere").appendChild(el);
      });
      await settle(page);
      assert.equal(await page.locator("#elsewhere > line-login-diagnosis").count(), 1);
      const s = await w.state();
      assert.equal(s.kind, "question");
      assert.equal(s.node, Q2, "the moved widget lost its place");
      assert.equal(await w.host.evaluate((el) => el.shadowRoot.querySelector("section.lld")?.dataset.mark), "before-move", "the widget was re-mounted by the move");
      assert.equal(await trailLength(w), 1);
      await w.activate(w.answer(A2));
      await w.waitAt("result", R);
      await journal.assertClean("moved");
    } finally {
      await context.close();
    }
  });

  test("cloned mid-flow (cloneNode(true) inserted after it): the clone is a new widget at the first question", async () => {
    const url = publish("/clone.html", snippetFor(origins.widget.origin));
    const { context, page, journal } = await openPlaywrightPage(browser, origins);
    try {
      await page.goto(url);
      const original = new Widget(page, { index: 0 });
      await original.ready(START);
      await original.activate(original.answer(A1));
      await original.waitAt("question", Q2);
      await original.host.evaluate((el) => el.after(el.cloneNode(true)));
      const clone = new Widget(page, { index: 1 });
      await clone.ready(START);
      assert.equal(await trailLength(clone), 0, "the clone inherited a trail");
      assert.equal(await clone.host.evaluate((el) => el.querySelector("a") !== null), true, "the clone lost its fallback link");
      // Independent both ways.
      await clone.activate(clone.answer(OTHER.id));
      await clone.waitAt(ja.questions.some((q) => q.id === OTHER.next) ? "question" : "result", OTHER.next);
      assert.equal((await original.state()).node, Q2, "answering in the clone moved the original");
      await original.activate(original.answer(A2));
      await original.waitAt("result", R);
      assert.equal((await clone.state()).node, OTHER.next, "answering in the original moved the clone");
      await journal.assertClean("cloned");
    } finally {
      await context.close();
    }
  });

  test("removed mid-flow: the app is torn down; re-added later it resumes the saved progress", async () => {
    const url = publish("/readd.html", `<div id="slot">${snippetFor(origins.widget.origin)}</div>`);
    const { context, page, journal } = await openPlaywrightPage(browser, origins);
    try {
      await page.goto(url);
      const w = new Widget(page);
      await w.ready(START);
      await w.activate(w.answer(A1));
      await w.waitAt("question", Q2);
      await w.host.evaluate((el) => {
        window.__removed = el;
        el.remove();
      });
      // Torn down: nothing of the app is left in the detached element's shadow root, and the
      // fallback is not shown either (the element is not on the page).
      await page.waitForFunction(() => window.__removed.shadowRoot.querySelector("[data-testid], section.lld") === null, undefined, { timeout: 5000 });
      assert.equal(await page.evaluate(() => window.__removed.shadowRoot.querySelector('[part~="question"]')), null);
      // Counts the events after the re-add: two apps in one element would fire twice.
      await page.evaluate(() => {
        window.__events = 0;
        window.__removed.addEventListener("lld:answer", () => window.__events++);
      });
      // Later (another task), put back where it was: a new start, which resumes this tab's saved
    // progress like a reload does (src/embed.rs initial_session: share link, else saved, else new).
      await page.evaluate(() => document.getElementById("slot").append(window.__removed));
      await w.waitAt("question", Q2, { focus: false });
      assert.equal(await trailLength(w), 1, "the re-added widget did not restore its trail");
      assert.equal(await page.evaluate(() => window.__removed.shadowRoot.querySelectorAll("section.lld").length), 1, "two apps in one shadow root");
      await w.activate(w.answer(A2));
      await w.waitAt("result", R);
      assert.equal(await page.evaluate(() => window.__events), 1, "lld:answer fired other than once after the re-add");
      await journal.assertClean("removed and re-added");
    } finally {
      await context.close();
    }
  });

  // ---------------------------------------------------------------------------------------------
  // 4. Duplicate ids

  test("two widgets with the same id on one page work independently", async () => {
    const url = publish("/same-id.html", [scriptTag(), element({ id: "diag" }), element({ id: "diag" })].join("\n"));
    const { context, page, journal } = await openPlaywrightPage(browser, origins);
    try {
      await page.addInitScript(() => {
        window.__answers = [];
        document.addEventListener("lld:answer", (e) =>
          window.__answers.push([[...document.querySelectorAll("line-login-diagnosis")].indexOf(e.target), e.detail.answer]),
        );
      });
      await page.goto(url);
      const a = new Widget(page, { index: 0 });
      const b = new Widget(page, { index: 1 });
      await a.ready(START);
      await b.ready(START);
      await a.activate(a.answer(A1));
      await a.waitAt("question", Q2);
      await settle(page);
      assert.equal((await b.state()).node, START, "answering in the first moved the second");
      await b.activate(b.answer(OTHER.id));
      await b.waitAt(ja.questions.some((q) => q.id === OTHER.next) ? "question" : "result", OTHER.next);
      assert.equal((await a.state()).node, Q2, "answering in the second moved the first");
      await a.activate(a.part("back"));
      await a.waitAt("question", START);
      assert.equal((await b.state()).node, OTHER.next, "Back in the first moved the second");
      assert.deepEqual(await page.evaluate(() => window.__answers), [
        [0, A1],
        [1, OTHER.id],
      ]);
      await journal.assertClean("duplicate ids");
    } finally {
      await context.close();
    }
  });

  // ---------------------------------------------------------------------------------------------
  // 5. A burst of taps

  // "わからない" (unsure) is an answer id of the first question AND of the question it leads to:
  // a stale click that still carries only the answer id would answer a question nobody saw.
  const UNSURE = startQuestion.answers.find((a) => a.id === "unsure");

  test("10 clicks on one answer in one task (a double-firing script, a jittery tap): exactly one step", async () => {
    assert.ok(UNSURE, "the first question has no 'unsure' answer (content changed?)");
    const url = publish("/burst.html", snippetFor(origins.widget.origin));
    const { context, page, journal } = await openPlaywrightPage(browser, origins);
    try {
      await page.addInitScript(() => {
        window.__answers = [];
        document.addEventListener("lld:answer", (e) => window.__answers.push(`${e.detail.node}>${e.detail.answer}`));
      });
      await page.goto(url);
      const w = new Widget(page);
      await w.ready(START);
      // All ten clicks land on the button the visitor saw, before the widget re-renders.
      const burst = (id) =>
        w.answer(id).evaluate((b) => {
          for (let i = 0; i < 10; i++) b.click();
        });
      const now = async () => ({ node: (await w.state()).node, answers: await page.evaluate(() => window.__answers.splice(0)), trail: await trailLength(w) });

      // An answer whose id the next question does not have: one step, one event.
      assert.ok(!PATH.moves[1].question.answers.some((a) => a.id === A1), "pick another A1");
      await burst(A1);
      await settle(page);
      assert.deepEqual(await now(), { node: Q2, answers: [`${START}>${A1}`], trail: 1 }, `10 clicks on "${A1}"`);
      await w.activate(w.part("restart"));
      await w.waitAt("question", START);
      await page.evaluate(() => window.__answers.splice(0));

      // "unsure" (わからない), an answer id of the first question AND of the question it leads to.
      await burst(UNSURE.id);
      await settle(page);
      // Yew re-renders in a microtask, so clicks 2..10 run the first question's handler against
      // the already-advanced state. "unsure" is also an answer of the next question
      // (login-screen): the answer must not be applied to a question the visitor never saw (the
      // action names its question, and the reducer ignores it once that question is gone), and
      // the one real step must give exactly one lld:answer.
      assert.deepEqual(await now(), { node: UNSURE.next, answers: [`${START}>${UNSURE.id}`], trail: 1 }, `10 clicks on "${UNSURE.id}"`);
      await expectOnly(journal, {}, "burst of clicks in one task");
    } finally {
      await context.close();
    }
  });

  test("10 rapid taps at the same spot (separate input events): consistent state, trail = screens moved", async () => {
    const url = publish("/taps.html", snippetFor(origins.widget.origin));
    // Tall enough that the first screen's last answer is on screen without scrolling: the mouse
    // clicks where the visitor sees it, and nothing scrolls between the taps.
    const { context, page, journal } = await openPlaywrightPage(browser, origins, { name: "tall desktop", viewport: { width: 1280, height: 1600 } });
    try {
      await page.addInitScript(() => {
        window.__answers = [];
        document.addEventListener("lld:answer", (e) => window.__answers.push({ node: e.detail.node, answer: e.detail.answer, steps: e.detail.steps }));
      });
      await page.goto(url);
      const w = new Widget(page);
      await w.ready(START);
      const box = await w.answer(UNSURE.id).boundingBox();
      const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
      // Not awaited one by one: the ten clicks are queued as fast as the protocol takes them.
      await Promise.all(Array.from({ length: 10 }, () => page.mouse.click(x, y)));
      await settle(page);
      const answers = await page.evaluate(() => window.__answers);
      const s = await w.state();
      assert.ok(answers.length >= 1, "no tap was taken");
      // Every answer event is a valid move from the screen shown at that moment, the steps grow
      // one by one, and the screen shown is where the moves lead.
      let node = START;
      for (const [i, a] of answers.entries()) {
        const q = ja.questions.find((x) => x.id === node);
        assert.ok(q, `answer ${i + 1} (${a.node}>${a.answer}) was taken on a result`);
        assert.equal(a.node, node, `answer ${i + 1} names the wrong question`);
        const next = q.answers.find((x) => x.id === a.answer);
        assert.ok(next, `answer ${i + 1}: ${a.answer} is not an answer of ${node}`);
        assert.equal(a.steps.length, i + 1, `answer ${i + 1}: steps ${a.steps}`);
        node = next.next;
      }
      assert.equal(s.node, node, "the screen shown is not where the answers lead");
      assert.equal(await trailLength(w), answers.length, "trail length differs from the number of moves");
      console.log(`10 taps at one spot moved ${answers.length} screen(s): ${answers.map((a) => `${a.node}>${a.answer}`).join(", ")}`);
      // Consistent enough to walk back through.
      for (let i = answers.length - 1; i >= 0; i--) {
        await w.activate(w.part("back"));
        await w.waitAt("question", answers[i].node);
      }
      await expectOnly(journal, {}, "rapid taps");
    } finally {
      await context.close();
    }
  });

  // ---------------------------------------------------------------------------------------------
  // 6. The page's own history entries and dataLayer

  test("history: a page with its own pushState entries; Back steps through the diagnosis, then the page's entries stay intact", async () => {
    const pageScript = `<script>history.pushState({ page: 1 }, ""); history.pushState({ page: 1 }, "");</script>`;
    const url = publish("/own-history.html", `${pageScript}\n${snippetFor(origins.widget.origin, { history: "" })}`);
    const { context, page, journal } = await openPlaywrightPage(browser, origins);
    try {
      await page.goto(url);
      const w = new Widget(page);
      await w.ready(START);
      const at = () => page.evaluate(() => ({ length: history.length, state: history.state, url: location.href }));
      // The tab's entries: [about:blank, the page (state null), {page: 1}, {page: 1}].
      const base = (await at()).length;
      assert.deepEqual(await at(), { length: base, state: { page: 1 }, url });
      await walk(w);
      const full = base + 2;
      assert.equal((await at()).length, full, "two answers should add two history entries");
      // Back inside the diagnosis.
      await page.goBack();
      await w.waitAt("question", Q2, { focus: false });
      assert.equal((await at()).state?.lld, "1");
      // Back past the diagnosis's first entry: the page's own entry, the first question.
      await page.goBack();
      await w.waitAt("question", START, { focus: false });
      assert.deepEqual(await at(), { length: full, state: { page: 1 }, url });
      // Further back through the page's own entries: still the first question, nothing pushed.
      await page.goBack();
      await settle(page);
      assert.deepEqual(await at(), { length: full, state: { page: 1 }, url });
      await page.goBack();
      await settle(page);
      assert.deepEqual(await at(), { length: full, state: null, url });
      assert.equal((await w.state()).node, START);
      // And forward again to the diagnosis's entries.
      await page.goForward();
      await page.goForward();
      await page.goForward();
      await w.waitAt("question", Q2, { focus: false });
      await page.goForward();
      await w.waitAt("result", R, { focus: false });
      assert.equal((await at()).length, full);
      await journal.assertClean("page-owned history entries");
    } finally {
      await context.close();
    }
  });

  const DATA_LAYERS = [
    // Frozen: push throws inside the widget's call; the events are lost for the tag manager but
  // must not break the widget (src/ui/page.rs ignores push's error).
    { name: "a frozen array", setup: "window.dataLayer = Object.freeze([]);", warnings: 0 },
    // A tag manager whose push throws.
    { name: "a push that throws", setup: 'window.dataLayer = []; window.dataLayer.push = () => { throw new Error("tag manager broke"); };', warnings: 0 },
    // Not a list: left alone with one warning (README: "left alone, with one warning").
    { name: "a string", setup: 'window.dataLayer = "not a list";', warnings: 1 },
  ];

  for (const [i, dl] of DATA_LAYERS.entries()) {
    test(`data-layer with window.dataLayer already ${dl.name}: no uncaught error, the widget works, DOM events still fire`, async () => {
      const url = publish(`/datalayer-${i}.html`, `<script>${dl.setup}</script>\n${snippetFor(origins.widget.origin, { "data-layer": "" })}`);
      const { context, page, journal } = await openPlaywrightPage(browser, origins);
      try {
        await page.addInitScript(() => {
          window.__results = [];
          document.addEventListener("lld:result", (e) => window.__results.push(e.detail.result));
        });
        await page.goto(url);
        const w = new Widget(page);
        await w.ready(START);
        await walk(w);
        await w.activate(w.part("back"));
        await w.waitAt("question", Q2);
        assert.deepEqual(await page.evaluate(() => window.__results), [R]);
        const state = await page.evaluate(() => ({
          type: typeof window.dataLayer,
          length: window.dataLayer.length,
          frozen: Object.isFrozen(window.dataLayer),
        }));
        if (dl.name === "a frozen array") assert.deepEqual(state, { type: "object", length: 0, frozen: true });
        if (dl.name === "a string") assert.deepEqual(state, { type: "string", length: "not a list".length, frozen: true });
        await expectOnly(
          journal,
          { warnings: dl.warnings ? [/window\.dataLayer is not a list with push\(\); events are not pushed to it/] : [] },
          `dataLayer ${dl.name}`,
        );
      } finally {
        await context.close();
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // 7. Storage that throws

  const STORAGE = [
    {
      name: "Storage.prototype methods throw (quota / blocked)",
      init: () => {
        window.__storageCalls = 0;
        for (const m of ["getItem", "setItem", "removeItem"]) {
          Storage.prototype[m] = function () {
            window.__storageCalls++;
            throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
          };
        }
      },
    },
    {
      name: "window.sessionStorage itself throws (storage blocked, Safari-style)",
      init: () => {
        window.__storageCalls = 0;
        Object.defineProperty(window, "sessionStorage", {
          configurable: true,
          get() {
            window.__storageCalls++;
            throw new DOMException("The operation is insecure.", "SecurityError");
          },
        });
      },
    },
  ];

  for (const s of STORAGE) {
    test(`storage that throws: ${s.name}; the diagnosis works end to end, a reload starts fresh`, async () => {
      const url = publish("/no-storage.html", snippetFor(origins.widget.origin));
      const { context, page, journal } = await openPlaywrightPage(browser, origins);
      try {
        await context.addInitScript(s.init);
        await page.goto(url);
        const w = new Widget(page);
        await w.ready(START);
        await walk(w);
        await w.activate(w.part("resolved-yes"));
        await w.host.locator(".thanks").waitFor();
        assert.ok((await page.evaluate(() => window.__storageCalls)) > 0, "the widget never touched storage: the override proves nothing");
        await page.reload();
        await w.ready(START);
        assert.equal(await trailLength(w), 0);
        await walk(w);
        await expectOnly(journal, {}, s.name);
      } finally {
        await context.close();
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // 8. Reduced motion, forced colours, 200 % zoom

  for (const reducedMotion of ["reduce", "no-preference"]) {
    test(`prefers-reduced-motion: ${reducedMotion}: the screens ${reducedMotion === "reduce" ? "do not" : "do"} animate`, async () => {
      const url = publish("/motion.html", snippetFor(origins.widget.origin));
      const { context, page, journal } = await openPlaywrightPage(browser, origins, DESKTOP, { reducedMotion });
      try {
        await page.goto(url);
        const w = new Widget(page);
        await w.ready(START);
        const names = async () => w.host.locator(".screen").evaluateAll((els) => els.map((e) => getComputedStyle(e).animationName));
        const expected = reducedMotion === "reduce" ? "none" : "lld-in";
        assert.deepEqual(await names(), [expected], "first question");
        await w.activate(w.answer(A1));
        await w.waitAt("question", Q2);
        assert.deepEqual(await names(), [expected], "after a move");
        await w.activate(w.answer(A2));
        await w.waitAt("result", R);
        assert.deepEqual(await names(), [expected], "result");
        await journal.assertClean(`reduced motion ${reducedMotion}`);
      } finally {
        await context.close();
      }
    });
  }

  test("forced-colors: active: answer, back, restart and trail buttons keep a visible border; the widget is usable", async () => {
    const url = publish("/forced.html", snippetFor(origins.widget.origin));
    const { context, page, journal } = await openPlaywrightPage(browser, origins, DESKTOP, { forcedColors: "active" });
    try {
      await page.goto(url);
      assert.equal(await page.evaluate(() => matchMedia("(forced-colors: active)").matches), true, "forced colours not emulated");
      const w = new Widget(page);
      await w.ready(START);
      const borders = () =>
        w.host.evaluate((el) =>
          [...el.shadowRoot.querySelectorAll('[part~="answer"], [part~="back"], [part~="restart"], .trail-item')].map((b) => {
            const cs = getComputedStyle(b);
            return {
              what: b.getAttribute("part") ?? b.className,
              width: parseFloat(cs.borderTopWidth),
              style: cs.borderTopStyle,
              differs: cs.borderTopColor !== cs.backgroundColor,
            };
          }),
        );
      const check = (list, where) => {
        assert.ok(list.length > 0, `${where}: no buttons found`);
        for (const b of list) {
          assert.ok(b.width >= 1 && b.style !== "none" && b.differs, `${where}: ${b.what} has no visible border (${JSON.stringify(b)})`);
        }
      };
      check(await borders(), "first question");
      await w.activate(w.answer(A1));
      await w.waitAt("question", Q2);
      check(await borders(), "second question (with Back, Restart, trail)");
      await w.activate(w.answer(A2));
      await w.waitAt("result", R);
      await w.activate(w.part("restart"));
      await w.waitAt("question", START);
      await journal.assertClean("forced colours");
    } finally {
      await context.close();
    }
  });

  // What 200 % browser zoom does on a 1280×800 window is exactly a 640×400 CSS-px viewport at two
  // device pixels per CSS pixel (media queries see 640 px). CSS `zoom: 2` on the page's <html> is
  // the other way a page (or an extension) zooms. CDP Emulation.setPageScaleFactor is pinch zoom,
  // which does not reflow, so sideways scrolling there says nothing about the widget: not used.
  const ZOOMS = [
    { name: "browser zoom 200 % (640×400 CSS px, DPR 2)", device: { name: "zoom", viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }, css: "" },
    { name: "CSS zoom: 2 on the page's html (1280×800)", device: DESKTOP, css: "html { zoom: 2; }" },
  ];

  for (const z of ZOOMS) {
    test(`200 % zoom, ${z.name}: no horizontal scroll, every answer button reachable`, async () => {
      const url = publish(`/zoom-${z.css ? "css" : "browser"}.html`, snippetFor(origins.widget.origin), { css: z.css });
      const { context, page, journal } = await openPlaywrightPage(browser, origins, z.device);
      try {
        await page.goto(url);
        const w = new Widget(page);
        await w.ready(START);
        const check = async (where, ids) => {
          // Scrolling sideways as far as possible moves nothing.
          const scrollX = await page.evaluate(() => {
            window.scrollTo(100_000, window.scrollY);
            const x = window.scrollX;
            window.scrollTo(0, window.scrollY);
            return x;
          });
          assert.equal(scrollX, 0, `${where}: the page scrolls sideways`);
          const vw = z.device.viewport.width;
          for (const id of ids) {
            const b = w.answer(id);
            // Actionability without clicking: visible, stable, enabled, and it receives the
            // pointer at its centre after scrolling into view.
            await b.click({ trial: true, timeout: 5000 });
            const box = await b.boundingBox();
            assert.ok(box.x >= 0 && box.x + box.width <= vw + 0.5, `${where}: answer ${id} sticks out sideways (${JSON.stringify(box)} in ${vw} px)`);
            const clipped = await b.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
            assert.equal(clipped, false, `${where}: answer ${id}'s text is cut off`);
          }
        };
        await check("first question", startQuestion.answers.map((a) => a.id));
        await w.activate(w.answer(A1));
        await w.waitAt("question", Q2);
        await check("second question", PATH.moves[1].question.answers.map((a) => a.id));
        await w.activate(w.answer(A2));
        await w.waitAt("result", R);
        await check("result", []);
        await journal.assertClean(z.name);
      } finally {
        await context.close();
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // 9. Memory over 1,000 mount/unmount cycles

  test("1,000 mount/unmount cycles: the page's memory returns to its baseline", async () => {
    const url = publish("/churn.html", `${scriptTag()}\n<div id="stage"></div>`);
    const { context, page, journal } = await openPlaywrightPage(browser, origins);
    try {
      await page.goto(url);
      const cdp = await context.newCDPSession(page);

      /** Mounts a new element, waits for the first question, removes it, waits for the teardown. */
      const cycles = (n) =>
        page.evaluate(
          async ({ n, start, fallback }) => {
            const stage = document.getElementById("stage");
            // A task-sized yield without the 4 ms clamp of nested setTimeout.
            const channel = new MessageChannel();
            let waiting = [];
            channel.port1.onmessage = () => waiting.splice(0).forEach((r) => r());
            const tick = () => new Promise((r) => (waiting.push(r), channel.port2.postMessage(0)));
            const until = async (cond, what, i) => {
              const deadline = performance.now() + 5000;
              while (!cond()) {
                if (performance.now() > deadline) throw new Error(`cycle ${i}: ${what} did not happen within 5 s`);
                await tick();
              }
            };
            const t0 = performance.now();
            for (let i = 0; i < n; i++) {
              const el = document.createElement("line-login-diagnosis");
              el.innerHTML = fallback;
              stage.append(el);
              await until(() => el.shadowRoot?.querySelector(`[data-testid="question"][data-node="${start}"]`), "the first question", i);
              el.remove();
              await until(() => el.shadowRoot.querySelector("section.lld") === null, "the teardown", i);
            }
            channel.port1.close();
            return performance.now() - t0;
          },
          { n, start: START, fallback: FALLBACK },
        );

      const measure = async () => {
        // Two full collections: the first can leave finalizer-held objects for the second.
        await cdp.send("HeapProfiler.collectGarbage");
        await cdp.send("HeapProfiler.collectGarbage");
        const { usedSize } = await cdp.send("Runtime.getHeapUsage");
        const dom = await cdp.send("Memory.getDOMCounters");
        const wasm = await wasmMemoryBytes(cdp);
        return { heap: usedSize, nodes: dom.nodes, listeners: dom.jsEventListeners, wasm };
      };

      await cycles(10); // warm-up: code compiled, allocator pools and caches filled
      const base = await measure();
      const ms1 = await cycles(500);
      const mid = await measure();
      const ms2 = await cycles(500);
      const end = await measure();
      const mb = (b) => `${(b / 1024 / 1024).toFixed(2)} MB`;
      const kb = (b) => `${(b / 1024).toFixed(0)} KB`;
      console.log(
        [
          `memory over 1,000 mount/unmount cycles (${(ms1 + ms2).toFixed(0)} ms, ${((ms1 + ms2) / 1000).toFixed(2)} ms/cycle):`,
          `  JS heap after GC: baseline ${mb(base.heap)}, after 500 ${mb(mid.heap)}, after 1,000 ${mb(end.heap)} (${kb(end.heap - base.heap)} growth)`,
          `  DOM nodes: ${base.nodes} → ${mid.nodes} → ${end.nodes}; JS event listeners: ${base.listeners} → ${mid.listeners} → ${end.listeners}`,
          `  wasm memory: ${mb(base.wasm)} → ${mb(mid.wasm)} → ${mb(end.wasm)} (first 500: +${kb(mid.wasm - base.wasm)}, second 500: +${kb(end.wasm - mid.wasm)})`,
        ].join("\n"),
      );

      // Bounds, chosen to catch a real per-mount leak but not run-to-run noise:
      // - A leaked app keeps its Yew tree, its parsed flow (~43 KB of JSON parsed into Rust strings
      //   on every mount) and its DOM: tens of KB of wasm memory and ≥ 30 DOM nodes per cycle.
      // - A leaked closure or listener per cycle keeps a JS function, its wasm-side box and
      //   whatever element it captured: one listener and a few hundred bytes per cycle. (Yew 0.23
      //   leaks exactly that for every app that has an `onclick` in its view, which is why the
    //   widget's views have none: see crates/core/src/act.rs.)
      // JS heap after two forced GCs within 512 KB of the baseline (catches ≥ 0.5 KB per cycle;
      // the noise is compiled code and inline caches, ~100 KB). DOM nodes and event listeners back
      // at the baseline: fewer than 0.1 per cycle. wasm memory never shrinks and grows in 64 KB
      // pages, so the question is whether it has stopped growing: at most 2 pages over cycles
      // 501–1,000 (catches ≥ 0.26 KB per cycle; a leak-free build reuses the same freed blocks).
      const problems = [];
      if (end.heap - base.heap >= 512 * 1024) problems.push(`JS heap grew by ${kb(end.heap - base.heap)} over 1,000 cycles`);
      if (end.nodes - base.nodes > 100) problems.push(`DOM nodes: ${base.nodes} → ${end.nodes}`);
      if (end.listeners - base.listeners > 100) problems.push(`JS event listeners: ${base.listeners} → ${end.listeners}`);
      if (end.wasm - mid.wasm > 128 * 1024) problems.push(`wasm memory: +${kb(end.wasm - mid.wasm)} over cycles 511–1,010`);
      assert.deepEqual(problems, [], `memory over 1,000 mount/unmount cycles:\n  ${problems.join("\n  ")}`);
      record({ "mount/unmount cycles": 1010 });
      await journal.assertClean("1,000 mount/unmount cycles");
    } finally {
      await context.close();
    }
  });

  // ---------------------------------------------------------------------------------------------
  // 10. Content from elsewhere at its worst: 10,000 answers and very long texts (flow-src)

  test("flow-src with 10,000 answers on one question and 14,000-character texts: renders, answers, no sideways scroll", async () => {
    const long = "長い文章です。".repeat(2_000);
    const answers = Array.from({ length: 10_000 }, (_, i) => ({ id: `a${i}`, text: `${i} ${long.slice(0, 40)}`, next: "r" }));
    const flow = {
      id: "big",
      lang: "ja",
      title: long,
      start: "q",
      questions: [{ id: "q", text: long, answers }],
      results: [{ id: "r", title: "結果", cause: long, steps: [{ text: long }], checked: "2026-11-25" }],
    };
    origins.site.pages.set("/big.json", { body: JSON.stringify(flow), type: "application/json" });
    const url = publish("/big.html", `${scriptTag()}\n${element({ "flow-src": "/big.json" })}`);
    const { context, page, journal } = await openPlaywrightPage(browser, origins);
    try {
      await page.goto(url);
      const w = new Widget(page);
      await w.waitAt("question", "q", { focus: false, timeout: 30_000 });
      assert.equal(await w.part("answer").count(), 10_000);
      await w.answer("a9999").click();
      await w.waitAt("result", "r");
      assert.ok(
        await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
        "the page scrolls sideways",
      );
      await expectOnly(journal, {}, "10,000 answers");
    } finally {
      await context.close();
    }
  });
});
