// When the widget cannot start (the wasm or the flow file missing, a broken flow file), the
// page's fallback content stays visible and nothing escapes as an uncaught error; an invalid
// attribute falls back to its default with exactly one console warning.

import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { noteLimit } from "./driver.mjs";
import { DIST, Widget, loadFlow, marketingPage, openPage, readmeSnippet, record, snippetFor, useBrowserAndOrigins, forEachEngine } from "./lib.mjs";

let browser;
let origins;
await forEachEngine((engine) => {
  useBrowserAndOrigins(engine, (b, o) => ([browser, origins] = [b, o]));
  afterEach(() => record({ [`fallback and configuration cases, ${engine.name}`]: 1 }));

  const fallbackHref = () => readmeSnippet().match(/<a href="([^"]*)"/)[1];
  const fallbackText = () => readmeSnippet().match(/<a [^>]*>([^<]*)<\/a>/)[1];

  /**
   * Only the expected complaints: `errors`, the widget's own console errors (each must be
   * there, in every engine); `browser`, the browser's own console messages (allowed, and
   * required where the engine reports them); `http`, the paths that must answer 404.
   */
  async function assertOnly(page, { errors, browser = [], http }) {
    const journal = await page.journal();
    assert.deepEqual(journal.pageErrors, [], `uncaught page errors:\n  ${journal.pageErrors.join("\n  ")}`);
    assert.deepEqual(journal.foreign, [], "requests to a third origin");
    const unexpected = journal.consoleErrors.filter((e) => ![...errors, ...browser].some((re) => re.test(e)));
    assert.deepEqual(unexpected, [], "unexpected console errors");
    for (const re of errors) {
      assert.ok(journal.consoleErrors.some((e) => re.test(e)), `no console error matching ${re} (got: ${journal.consoleErrors})`);
    }
    const required = browser.filter((re) => re !== FAILED_LOAD);
    if (required.length && !noteLimit(engine, "console", "the browser's own console message about a refused integrity check")) {
      for (const re of required) assert.ok(journal.consoleErrors.some((e) => re.test(e)), `no console error matching ${re} (got: ${journal.consoleErrors})`);
    }
    // A set: Firefox requests a 404ing preloaded file again for the fetch (an error is not cached).
    assert.deepEqual([...new Set(journal.httpErrors.map((e) => new URL(e.split(" ")[1]).pathname))], http, "HTTP errors");
    const failed = journal.failed.filter((f) => !http.some((p) => f.includes(p)));
    assert.deepEqual(failed, [], "failed requests");
    const loads = journal.loadErrors.filter((f) => !http.some((p) => f.includes(p)));
    assert.deepEqual(loads, [], "elements whose resource failed to load");
  }

  // The browser's own message about any failed load (Chromium writes one; not required).
  const FAILED_LOAD = /Failed to load resource.*404/;
  // The release embed.js fetches its files with `integrity`: the body of a 404 answer fails the
  // check too, and the browser says so: Chromium in two more console errors, Firefox in one.
  const SRI_404 = /SRI's integrity checks failed|valid digest in the 'integrity' attribute|None of the “sha384” hashes in the integrity attribute match/;

  async function expectFallbackLink(page) {
    const link = page.getByRole("link", { name: fallbackText() });
    await link.waitFor({ state: "visible" });
    assert.equal(await link.getAttribute("href"), fallbackHref());
    const box = await link.boundingBox();
    assert.ok(box && box.width > 0 && box.height > 0, "the fallback link has no size");
  }

  test("the wasm file 404s: the fallback link stays visible, no uncaught error", async () => {
    origins.widget.notFound.add("/line-login-diagnosis_bg.wasm");
    const page = await openPage(browser, origins);
    try {
      origins.site.pages.set("/no-wasm.html", marketingPage({ body: snippetFor(origins.widget.origin) }));
      await page.goto(origins.site.url("/no-wasm.html"));
      await page.waitForJournal((j) => j.consoleErrors.some((e) => e.includes("could not load the widget")), "the widget's console error");
      await expectFallbackLink(page);
      assert.equal(await page.locator("line-login-diagnosis").evaluate((el) => el.shadowRoot), null, "a shadow root hides the fallback");
      await assertOnly(page, {
        errors: [/could not load the widget; the fallback content stays visible/],
        browser: [FAILED_LOAD, SRI_404],
        http: ["/line-login-diagnosis_bg.wasm"],
      });
    } finally {
      origins.widget.notFound.delete("/line-login-diagnosis_bg.wasm");
      await page.close();
    }
  });

  for (const lang of ["ja", "en"]) {
    test(`the flow file 404s: the error part and the fallback link are shown (${lang})`, async () => {
      const path = `/content/line-login.${lang}.flow`;
      origins.widget.notFound.add(path);
      const page = await openPage(browser, origins);
      try {
        origins.site.pages.set(`/no-flow-${lang}.html`, marketingPage({ body: snippetFor(origins.widget.origin, lang === "en" ? { lang } : {}) }));
        await page.goto(origins.site.url(`/no-flow-${lang}.html`));
        const w = new Widget(page);
        const error = w.part("error");
        await error.waitFor({ state: "visible" });
        assert.equal(await error.getAttribute("role"), "alert");
        assert.match(await error.textContent(), lang === "ja" ? /診断を表示できませんでした/ : /could not be shown/);
        await expectFallbackLink(page);
        // The link is inside the error box (slotted), not hidden behind it.
        const inside = await error.evaluate((box) => box.querySelector("slot")?.assignedElements().some((e) => e.matches("a")));
        assert.ok(inside, "the fallback link is not slotted into the error box");
        assert.equal(await w.part("question").count(), 0);
        await assertOnly(page, {
          errors: [new RegExp(`could not load .*line-login\\.${lang}\\.flow`)],
          browser: [FAILED_LOAD, SRI_404],
          http: [path],
        });
      } finally {
        origins.widget.notFound.delete(path);
        await page.close();
      }
    });
  }

  test("a broken flow file (an answer pointing nowhere): the error part, the fallback link, a precise console error", async () => {
    // Served as the page owner's own file (flow-src): the built-in files are pinned by their
    // integrity hash, so a changed built-in file never gets as far as validation (next tests).
    const path = "/broken-flow.json";
    const flow = loadFlow("ja");
    flow.questions[0].answers[0].next = "no-such-node";
    origins.widget.pages.set(path, { body: JSON.stringify(flow), type: "application/json" });
    const page = await openPage(browser, origins);
    try {
      const body = snippetFor(origins.widget.origin, { "flow-src": `${origins.widget.origin}${path}` });
      origins.site.pages.set("/broken-flow.html", marketingPage({ body }));
      await page.goto(origins.site.url("/broken-flow.html"));
      await new Widget(page).part("error").waitFor({ state: "visible" });
      await expectFallbackLink(page);
      await assertOnly(page, { errors: [/broken-flow\.json is not a valid flow file[\s\S]*no-such-node/], http: [] });
    } finally {
      origins.widget.pages.delete(path);
      await page.close();
    }
  });

  test("the checker module 404s on a flow-src page: the error part, the fallback link, the reason in the console", async () => {
    origins.widget.notFound.add("/line-login-checker.wasm");
    origins.widget.pages.set("/own.json", { body: JSON.stringify(loadFlow("ja")), type: "application/json" });
    const page = await openPage(browser, origins);
    try {
      origins.site.pages.set("/no-checker.html", marketingPage({ body: snippetFor(origins.widget.origin, { "flow-src": `${origins.widget.origin}/own.json` }) }));
      await page.goto(origins.site.url("/no-checker.html"));
      await new Widget(page).part("error").waitFor({ state: "visible" });
      await expectFallbackLink(page);
      await assertOnly(page, {
        errors: [/could not load the flow checker for .*own\.json .*; the fallback content is shown/],
        browser: [FAILED_LOAD, SRI_404],
        http: ["/line-login-checker.wasm"],
      });
    } finally {
      origins.widget.notFound.delete("/line-login-checker.wasm");
      origins.widget.pages.delete("/own.json");
      await page.close();
    }
  });

  test("a flow-src file with links a browser could run: refused by the checker before anything renders", async () => {
    for (const href of ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", " javascript:alert(1)", "http://example.com/"]) {
      const path = "/bad-link.json";
      const flow = loadFlow("ja");
      const step = flow.results[0].steps.find((st) => st.link) ?? flow.results[0].steps[0];
      step.link = { href, text: "link" };
      origins.widget.pages.set(path, { body: JSON.stringify(flow), type: "application/json" });
      const page = await openPage(browser, origins);
      try {
        origins.site.pages.set("/bad-link.html", marketingPage({ body: snippetFor(origins.widget.origin, { "flow-src": `${origins.widget.origin}${path}` }) }));
        await page.goto(origins.site.url("/bad-link.html"));
        await new Widget(page).part("error").waitFor({ state: "visible" });
        await expectFallbackLink(page);
        await assertOnly(page, { errors: [/bad-link\.json is not a valid flow file[\s\S]*is not allowed — use an https: URL/], http: [] });
      } finally {
        origins.widget.pages.delete(path);
        await page.close();
      }
    }
  });

  // ---------------------------------------------------------------------------------------------
  // Subresource Integrity: the release embed.js pins the wasm and the built-in flow files by their
  // sha384 (scripts/post-build.mjs), and the build's snippet.html pins embed.js itself.

  /** The build's snippet with integrity, pointing at the widget's origin. */
  const sriSnippet = () => readFileSync(join(DIST, "snippet.html"), "utf8").split("BASE/").join(`${origins.widget.origin}/`);

  /** `bytes` with one text replaced by another of the same length: still a valid file. */
  function tamper(bytes, from, to, encoding = "utf8") {
    const [a, b] = [Buffer.from(from, encoding), Buffer.from(to, encoding)];
    assert.equal(a.length, b.length);
    const at = bytes.indexOf(a);
    assert.ok(at >= 0, `${from} is not in the file`);
    const out = Buffer.from(bytes);
    b.copy(out, at);
    return out;
  }

  test("the build's snippet with integrity (snippet.html) starts the widget cross-origin, and integrity.json lists every file", async () => {
    const flow = loadFlow("ja");
    const pinned = JSON.parse(readFileSync(join(DIST, "integrity.json"), "utf8"));
    assert.deepEqual(Object.keys(pinned).sort(), [
      "content/line-login.en.flow",
      "content/line-login.ja.flow",
      "embed.js",
      "line-login-checker.wasm",
      "line-login-diagnosis_bg.wasm",
    ]);
    const embed = readFileSync(join(DIST, "embed.js"), "utf8");
    for (const [file, hash] of Object.entries(pinned)) {
      const actual = `sha384-${createHash("sha384").update(readFileSync(join(DIST, file))).digest("base64")}`;
      assert.equal(hash, actual, `integrity.json is wrong for ${file}`);
      if (file !== "embed.js") assert.ok(embed.includes(hash), `embed.js does not pin ${file}`);
    }
    const page = await openPage(browser, origins);
    try {
      assert.match(sriSnippet(), new RegExp(`integrity="${pinned["embed.js"].replace(/[+/]/g, "\\$&")}"`));
      origins.site.pages.set("/sri.html", marketingPage({ body: sriSnippet() }));
      await page.goto(origins.site.url("/sri.html"));
      await new Widget(page).ready(flow.start);
      await page.assertClean("the integrity snippet");
    } finally {
      await page.close();
    }
  });

  const tampered = [
    // A valid wasm module with a different UI text: it would run, but it is not the one built.
    { name: "the wasm", path: "/line-login-diagnosis_bg.wasm", from: "最初から", to: "最初まで", type: "application/wasm", expect: /could not load the widget/ },
    // A well-formed flow file with one word changed.
    { name: "a built-in flow", path: "/content/line-login.ja.flow", from: "ログイン", to: "ロゲイン", type: "application/octet-stream", encoding: "utf16le", expect: /could not load .*line-login\.ja\.flow/ },
  ];
  for (const t of tampered) {
    test(`${t.name} changed on the server is refused by its integrity hash: the fallback link, no widget`, async () => {
      const original = readFileSync(join(DIST, t.path.slice(1)));
      origins.widget.pages.set(t.path, { body: tamper(original, t.from, t.to, t.encoding), type: t.type });
      const page = await openPage(browser, origins);
      try {
        origins.site.pages.set("/tampered.html", marketingPage({ body: sriSnippet() }));
        await page.goto(origins.site.url("/tampered.html"));
        const journal = await page.waitForJournal((j) => j.consoleErrors.some((e) => t.expect.test(e)), `the console error ${t.expect}`);
        await expectFallbackLink(page);
        if (!noteLimit(engine, "console", "the browser's own console message about a refused integrity check")) {
          assert.match(journal.consoleErrors.join("\n"), /integrity/i, "the browser did not report the integrity mismatch");
        }
        assert.equal(await new Widget(page).part("question").count(), 0, "the tampered file ran");
        assert.deepEqual(journal.pageErrors, []);
      } finally {
        origins.widget.pages.delete(t.path);
        await page.close();
      }
    });
  }

  test("embed.js changed on the server is not run when the snippet pins it: the fallback link stays", async () => {
    const original = readFileSync(join(DIST, "embed.js"));
    origins.widget.pages.set("/embed.js", { body: Buffer.concat([original, Buffer.from("\n// changed\n")]), type: "text/javascript" });
    const page = await openPage(browser, origins);
    try {
      origins.site.pages.set("/tampered-embed.html", marketingPage({ body: sriSnippet() }));
      await page.goto(origins.site.url("/tampered-embed.html"));
      // The refused script fires "error" on its element (the journal sees that in every engine).
      const journal = await page.waitForJournal((j) => j.loadErrors.some((e) => e === `<script> ${origins.widget.origin}/embed.js`), "the refused embed.js");
      if (!noteLimit(engine, "console", "the browser's own console message about a refused integrity check")) {
        assert.ok(journal.consoleErrors.some((e) => /integrity/i.test(e)), `no integrity message: ${journal.consoleErrors}`);
      }
      await expectFallbackLink(page);
      assert.equal(await page.evaluate(() => customElements.get("line-login-diagnosis") ?? null), null, "the changed embed.js ran");
      assert.equal(await page.locator("line-login-diagnosis").evaluate((el) => el.shadowRoot), null);
      assert.deepEqual(journal.pageErrors, []);
    } finally {
      origins.widget.pages.delete("/embed.js");
      await page.close();
    }
  });

  test("invalid attributes fall back to their defaults with one console warning each", async () => {
    const flow = loadFlow("ja");
    const page = await openPage(browser, origins);
    try {
      origins.site.pages.set(
        "/bad-attrs.html",
        marketingPage({ body: snippetFor(origins.widget.origin, { theme: "purple" }).replace(/cta-href="[^"]*"/, 'cta-href="javascript:alert(1)"') }),
      );
      await page.goto(origins.site.url("/bad-attrs.html"));
      const w = new Widget(page);
      await w.ready(flow.start);
      const warnings = (await page.journal()).consoleWarnings;
      assert.equal(warnings.filter((m) => /theme="purple"/.test(m)).length, 1, `warnings: ${warnings}`);
      assert.equal(warnings.filter((m) => /cta-href="javascript:alert\(1\)"/.test(m)).length, 1, `warnings: ${warnings}`);
      assert.equal(warnings.length, 2, `warnings: ${warnings}`);
      // No CTA with a javascript: URL, anywhere.
      const path = flow.questions[0].answers[0];
      await w.activate(w.answer(path.id));
      await w.waitAt("result", path.next);
      assert.equal(await w.part("cta").count(), 0, "a CTA was rendered for a javascript: URL");
      const j = await page.journal();
      assert.deepEqual([j.consoleErrors, j.pageErrors, j.failed, j.httpErrors, j.loadErrors, j.foreign], [[], [], [], [], [], []]);
    } finally {
      await page.close();
    }
  });
});
