// Journeys through the widget embedded exactly like a marketer does it: the README snippet on a
// page of one origin, the widget's files on another. Every answer path of both languages, the
// "not yet" chain, Back/Restart, several and late elements — with zero console errors, zero
// failed requests and no request outside the two origins — in every engine (forEachEngine).

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  DESKTOP,
  DIST,
  LANGS,
  PHONE,
  README_BASE,
  Widget,
  allPaths,
  shortestPathPerResult,
  forEachEngine,
  labelCount,
  loadFlow,
  marketingPage,
  openPage,
  readmeSnippet,
  record,
  rendered,
  snippetFor,
  useBrowserAndOrigins,
  withoutVisit,
} from "./lib.mjs";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const UI = {
  ja: {
    progress: (n, left) => `質問 ${n} · ${left === 0 ? "最後の質問です" : `あと最大 ${left} 問`}`,
    nextCause: "次に考えられる原因です。",
    notResolved: "解決しなかった",
    thanks: "解決してよかったです。",
    endOfLine: "ここまでの手順で解決しない場合は",
  },
  en: {
    progress: (n, left) => `Question ${n} · ${left === 0 ? "last question" : `at most ${left} more`}`,
    nextCause: "Here is the next most likely cause.",
    notResolved: "did not help",
    thanks: "Glad it worked.",
    endOfLine: "If these steps did not fix it",
  },
};

/** The CTA's link on a result, as the README describes it: the result id added to the query. */
function ctaLink(href, resultId) {
  if (href.startsWith("#")) return href;
  const url = new URL(href);
  if (!url.searchParams.has("lld_result")) url.searchParams.append("lld_result", resultId);
  return url.href;
}

const snippetAttr = (name) => readmeSnippet().match(new RegExp(`${name}="([^"]*)"`))?.[1];

let browser;
let origins;

/** The page a marketer makes: the README snippet (base URL replaced), `attrs` on the element. */
function publish(path, attrs = {}) {
  origins.site.pages.set(path, marketingPage({ body: snippetFor(origins.widget.origin, attrs) }));
  return origins.site.url(path);
}

test("dist ships the repository's content, compiled: every text and id of each flow file", () => {
  for (const lang of LANGS) {
    const compiled = readFileSync(join(DIST, "content", `line-login.${lang}.flow`), "utf16le");
    assert.ok(compiled.startsWith("LLD2\u001f"), `${lang}: not a compiled flow`);
    const fields = new Set(compiled.split("\u001f"));
    const flow = loadFlow(lang);
    // References (start, an answer's or a result's next, a result's tips) become indices, and
    // `on` a one-letter code; every text and every node's own id is there as written.
    const refs = new Set([flow.start, ...flow.questions.flatMap((q) => q.answers.map((a) => a.next)), ...flow.results.flatMap((r) => [r.next, ...(r.tips ?? [])])]);
    const strings = [];
    const collect = (v, key) => {
      if (typeof v === "string") strings.push([key, v]);
      else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) collect(x, Array.isArray(v) ? key : k);
    };
    collect(flow, "");
    const missing = strings.filter(([key, t]) => key !== "on" && key !== "for" && !refs.has(t) && !fields.has(t));
    assert.deepEqual(missing, [], `${lang}: texts missing from the compiled flow`);
    assert.ok(!existsSync(join(DIST, "content", `line-login.${lang}.json`)), "the source JSON is shipped too");
  }
});

await forEachEngine((engine) => {
  useBrowserAndOrigins(engine, (b, o) => ([browser, origins] = [b, o]));

  test("the README snippet, pasted into a page of another origin, starts the widget", async () => {
    const url = publish("/snippet.html");
    // The page really contains the README's snippet, only the base URL changed.
    const html = await (await fetch(url)).text();
    const expected = readmeSnippet().split(README_BASE).join(`${origins.widget.origin}/`);
    assert.ok(html.includes(expected), "the test page does not contain the README snippet verbatim");

    const page = await openPage(browser, origins);
    try {
      const flow = loadFlow("ja");
      await page.goto(url);
      const w = new Widget(page);
      await w.ready(flow.start);
      // The widget does not take the focus from the page while it starts.
      assert.equal((await w.state()).pageFocus, "body", "the widget stole the page's focus on load");
      assert.equal(await w.host.evaluate((el) => el.shadowRoot?.mode), "open");
      assert.equal(await w.host.getByText(flow.title, { exact: true }).count(), 1, "flow title not shown");
      // The fallback link is not shown once the widget runs.
      assert.equal(await page.locator("line-login-diagnosis > a").isVisible(), false, "fallback still visible");

      const fromWidget = (await page.journal()).requests.filter((u) => u.startsWith(origins.widget.origin)).map((u) => new URL(u).pathname);
      for (const file of ["/embed.js", "/line-login-diagnosis_bg.wasm", "/content/line-login.ja.flow"]) {
        assert.ok(fromWidget.includes(file), `${file} was not loaded from the widget's origin (loaded: ${fromWidget})`);
      }
      assert.ok(!fromWidget.includes("/content/line-login.en.flow"), "a Japanese page also loaded the English flow");
      assert.ok(!fromWidget.includes("/line-login-checker.wasm"), "the checker module was loaded without flow-src");
      assert.equal(fromWidget.filter((p) => p === "/line-login-diagnosis_bg.wasm").length, 1, "wasm loaded twice");
      // The release embed.js carries the glue: it is not a separate request.
      assert.ok(!fromWidget.includes("/line-login-diagnosis.js"), "the glue was loaded separately");
      await page.assertClean("README snippet page");
    } finally {
      await page.close();
    }
  });

  /** Checks the question on screen against the data; returns nothing. */
  async function checkQuestion(w, lang, question, asked, left) {
    const got = await w.questionScreen(question.id).evaluate((el) => ({
      progress: el.querySelector('[part~="progress"]')?.textContent,
      heading: el.querySelector('[part~="question"]')?.textContent,
      text: el.textContent,
      answers: [...el.querySelectorAll('[part~="answer"]')].map((b) => ({
        testid: b.dataset.testid,
        text: b.textContent,
        labels: b.querySelectorAll('[part~="label"]').length,
      })),
    }));
    const where = `${lang} question "${question.id}"`;
    assert.equal(got.heading, rendered(question.text), `${where}: heading`);
    assert.equal(got.progress, UI[lang].progress(asked, left), `${where}: progress`);
    if (question.help) assert.ok(got.text.includes(rendered(question.help)), `${where}: help text missing`);
    assert.deepEqual(
      got.answers,
      question.answers.map((a) => ({ testid: `answer-${a.id}`, text: rendered(a.text), labels: labelCount(a.text) })),
      `${where}: answer buttons`,
    );
  }

  /**
   * Checks the result on screen against the data, for a visitor on `device` ("phone" or
   * "desktop"): their steps numbered (a step's `for` names the one device it is for), the other
   * device's route collapsed beside them when the result has one.
   */
  async function checkResult(w, lang, flow, path, device) {
    const r = path.result;
    const got = await w.resultScreen(r.id).evaluate((el) => {
      const parts = (name) => [...el.querySelectorAll(`[part~="${name}"]`)];
      const steps = (testid) =>
        [...el.querySelectorAll(`[data-testid="${testid}"] > [part~="step"]`)].map((e) => ({
          text: e.textContent,
          labels: e.querySelectorAll('[part~="label"]').length,
        }));
      return {
        isResultPart: el.matches('[part~="result"]'),
        title: parts("result-title").map((e) => e.textContent),
        steps: steps("steps"),
        otherSteps: el.querySelector('details[data-testid="other-route"]') ? steps("other-steps") : null,
        text: el.textContent,
        yes: parts("resolved-yes").length,
        no: parts("resolved-no").length,
        cta: parts("cta").map((a) => ({ href: a.getAttribute("href"), text: a.textContent })),
        trail: el.getRootNode().querySelectorAll('[part~="trail"] li').length,
      };
    });
    const where = `${lang} result "${r.id}" (path ${path.moves.map((m) => `${m.question.id}→${m.answer.id}`).join(", ")})`;
    assert.ok(got.isResultPart, `${where}: the result container has no part="result"`);
    assert.deepEqual(got.title, [rendered(r.title)], `${where}: result-title`);
    const checkSteps = (shown, want, which) => {
      assert.equal(shown.length, want.length, `${where}: number of step parts (${which})`);
      want.forEach((s, i) => {
        assert.ok(shown[i].text.includes(rendered(s.text)), `${where}: ${which} step ${i + 1} text\n  got: ${shown[i].text}\n  want: ${rendered(s.text)}`);
        assert.equal(shown[i].labels, labelCount(s.text), `${where}: ${which} step ${i + 1} label chips`);
        if (s.link) assert.ok(shown[i].text.includes(s.link.text), `${where}: ${which} step ${i + 1} link`);
      });
    };
    const other = device === "phone" ? "desktop" : "phone";
    checkSteps(got.steps, stepsFor(r, device), `${device}'s`);
    if (r.steps.some((s) => s.for)) {
      assert.ok(got.otherSteps, `${where}: the ${other} route is not offered beside the ${device}'s`);
      checkSteps(got.otherSteps, stepsFor(r, other), `${other}'s`);
    } else {
      assert.equal(got.otherSteps, null, `${where}: a result without device routes offers another route`);
    }
    assert.ok(got.text.includes(rendered(r.cause)), `${where}: cause missing`);
    for (const n of r.notes ?? []) assert.ok(got.text.includes(rendered(n)), `${where}: note missing: ${n}`);
    for (const id of r.tips ?? []) {
      const tip = flow.tips.find((t) => t.id === id);
      assert.ok(got.text.includes(rendered(tip.title)), `${where}: tip "${id}" missing`);
    }
    assert.equal(got.yes, 1, `${where}: resolved-yes`);
    assert.equal(got.no, r.next ? 1 : 0, `${where}: resolved-no iff the result has a next result`);
    assert.deepEqual(got.cta, [{ href: ctaLink(snippetAttr("cta-href"), r.id), text: snippetAttr("cta-label") }], `${where}: cta`);
    // The event a tag manager listens to.
    const events = await w.page.evaluate(() => window.__lldEvents.filter((e) => e.type === "lld:result"));
    assert.deepEqual(
      events.at(-1)?.detail && withoutVisit({ ...events.at(-1).detail }),
      { flow: flow.id, node: r.id, result: r.id, steps: path.moves.map((m) => m.answer.id) },
      `${where}: the last lld:result event`,
    );
    assert.equal(got.trail, path.moves.length + (path.hops ?? 0), `${where}: trail items`);
  }

  /** The steps a visitor on `device` follows: those for everyone and those for their device. */
  function stepsFor(result, device) {
    return result.steps.filter((s) => !s.for || s.for === device);
  }

  /**
   * How tall the widget is on this result (px), and how far down its "did this fix it?" starts:
   * what a visitor on a phone scrolls through before they can say it did not help.
   */
  function resultHeight(w) {
    return w.host.evaluate((host) => {
      const top = host.getBoundingClientRect().top;
      const resolved = host.shadowRoot.querySelector(".resolved");
      return {
        height: Math.round(host.getBoundingClientRect().height),
        resolved: Math.round(resolved.getBoundingClientRect().top - top),
      };
    });
  }

  /** Prints every result's height at 375 px and the median, and adds them to the run's summary. */
  function reportHeights(lang, heights) {
    const median = (xs) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length % 2 ? s[(s.length - 1) / 2] : Math.round((s[s.length / 2 - 1] + s[s.length / 2]) / 2);
    };
    const rows = [...heights].sort((a, b) => b[1].height - a[1].height);
    console.log(
      `${engine.name} ${lang} result heights at ${PHONE.viewport.width} px (px tall; "did this fix it?" starts at):\n` +
        rows.map(([id, h]) => `  ${id.padEnd(24)} ${String(h.height).padStart(5)}  ${String(h.resolved).padStart(5)}`).join("\n"),
    );
    const tall = median(rows.map(([, h]) => h.height));
    const resolved = median(rows.map(([, h]) => h.resolved));
    record({
      [`result height at 375 px, median px (${lang}, ${engine.name})`]: tall,
      [`result height at 375 px, max px (${lang}, ${engine.name})`]: rows[0][1].height,
      [`"did this fix it?" at 375 px, median px from the top (${lang}, ${engine.name})`]: resolved,
    });
  }

  /** Questions left on the longest way from a question, itself included. */
  function depth(flow, id, memo = new Map()) {
    const q = flow.questions.find((x) => x.id === id);
    if (!q) return 0;
    if (!memo.has(id)) memo.set(id, 1 + Math.max(...q.answers.map((a) => depth(flow, a.next, memo))));
    return memo.get(id);
  }

  for (const device of [PHONE, DESKTOP]) {
    for (const lang of LANGS) {
      test(`every answer path to every result, ${lang}, ${device.name} (${device.hasTouch ? "tap" : "click"})`, async () => {
        const flow = loadFlow(lang);
        // Every path on a phone in every engine; with a mouse, every path in Chromium and the
        // shortest way to each result elsewhere (each result's computer route is still checked;
        // the test command's time stays under its budget).
        const every = device === PHONE || engine.name === "chromium";
        const paths = every ? allPaths(flow) : shortestPathPerResult(flow);
        if (!every) console.log(`${engine.name} ${lang} desktop: the shortest path to each result (${paths.length}); every path runs on a phone here and with a mouse in Chromium`);
        assert.ok(paths.length > 0);
        const url = publish(`/walk-${lang}.html`, lang === "en" ? { lang: "en" } : {});
        // The phone walk keeps the entrance animation (as most visitors see it); the desktop walk
        // runs with reduced motion (as some visitors see it, and faster).
        const motion = device.hasTouch ? "no-preference" : "reduce";
        const page = await openPage(browser, origins, device, { reducedMotion: motion });
        try {
          await page.goto(url);
          const w = new Widget(page, { touch: !!device.hasTouch });
          await w.ready(flow.start);
          const checked = new Set();
          const heights = new Map(); // result id -> { height, resolved } at 375 px (phone walk)
          let previous = [];
          let viaTrail = 0;
          let viaRestart = 0;
          for (const path of paths) {
            // Return to where this path leaves the previous one: the trail, or Restart.
            let k = 0;
            while (k < previous.length && k < path.moves.length && previous[k].answer.id === path.moves[k].answer.id) k++;
            if (previous.length) {
              if (k > 0) {
                await w.activate(w.trailItem(k));
                viaTrail++;
              } else {
                await w.activate(w.part("restart"));
                viaRestart++;
              }
              await w.waitAt("question", path.moves[k].question.id);
            }
            for (let i = k; i < path.moves.length; i++) {
              const { question, answer } = path.moves[i];
              if (!checked.has(`${i}:${question.id}`)) {
                await checkQuestion(w, lang, question, i + 1, depth(flow, question.id) - 1);
                checked.add(`${i}:${question.id}`);
              }
              await w.activate(w.answer(answer.id));
              const next = path.moves[i + 1]?.question.id;
              if (next) await w.waitAt("question", next);
              else await w.waitAt("result", path.result.id);
            }
            await checkResult(w, lang, flow, path, device.hasTouch ? "phone" : "desktop");
            if (device === PHONE && !heights.has(path.result.id)) heights.set(path.result.id, await resultHeight(w));
            previous = path.moves;
          }
          // A result no answer leads to (the last resort, new-account) is reached the way a
          // visitor reaches it: "no, not yet" along the chain from a result an answer leads to.
          const results = new Set(paths.map((p) => p.result.id));
          const byId = new Map(flow.results.map((r) => [r.id, r]));
          let viaChain = 0;
          for (const target of flow.results.filter((r) => !results.has(r.id))) {
            const from = paths.find((p) => {
              for (let r = p.result; r; r = byId.get(r.next)) if (r.id === target.id) return true;
              return false;
            });
            assert.ok(from, `result "${target.id}" is reached neither by an answer nor by "not yet"`);
            await w.activate(w.part("restart"));
            await w.waitAt("question", flow.start);
            for (const m of from.moves) await w.activate(w.answer(m.answer.id));
            await w.waitAt("result", from.result.id);
            let hops = 0;
            for (let r = from.result; r.id !== target.id; hops++) {
              await w.activate(w.part("resolved-no"));
              r = byId.get(r.next);
              await w.waitAt("result", r.id);
            }
            await checkResult(w, lang, flow, { ...from, result: target, hops }, device.hasTouch ? "phone" : "desktop");
            if (device === PHONE) heights.set(target.id, await resultHeight(w));
            results.add(target.id);
            viaChain++;
          }
          await page.assertClean(`${lang} walk on ${device.name}`);
          assert.equal(results.size, flow.results.length, "some results are never shown");
          record({ [`paths walked, ${lang}, ${device.name}, ${engine.name}`]: paths.length });
          if (heights.size) reportHeights(lang, heights);
          console.log(
            `${engine.name} ${lang} ${device.name}: ${paths.length} paths, ${results.size} distinct results, ` +
              `${viaTrail} returns via the trail, ${viaRestart} via Restart, ${viaChain} reached only by "not yet"`,
          );
        } finally {
          await page.close();
        }
      });
    }
  }

  /** The longest chain of "no, not yet" from some result. */
  function longestChain(flow) {
    const byId = new Map(flow.results.map((r) => [r.id, r]));
    let best = [];
    for (const r of flow.results) {
      const chain = [r];
      while (chain.at(-1).next) chain.push(byId.get(chain.at(-1).next));
      if (chain.length > best.length) best = chain;
    }
    return best;
  }

  for (const lang of LANGS) {
    test(`"not yet" leads through the next causes to the end of the line; Back, "yes" and Restart (${lang})`, async () => {
      const flow = loadFlow(lang);
      const chain = longestChain(flow);
      assert.ok(chain.length >= 2, "no result offers a next cause");
      const path = allPaths(flow)
        .filter((p) => p.result.id === chain[0].id)
        .sort((a, b) => a.moves.length - b.moves.length)[0];
      const page = await openPage(browser, origins);
      try {
        await page.goto(publish(`/chain-${lang}.html`, lang === "en" ? { lang: "en" } : {}));
        const w = new Widget(page);
        await w.ready(flow.start);
        assert.equal(await w.part("back").count(), 0, "Back is shown at the first question");
        assert.equal(await w.part("restart").count(), 0, "Restart is shown at the first question");
        assert.equal(await w.part("trail").count(), 0, "the trail is shown before any answer");
        await w.walk(path);
        for (let i = 1; i < chain.length; i++) {
          await w.activate(w.part("resolved-no"));
          await w.waitAt("result", chain[i].id);
          const text = await w.resultScreen(chain[i].id).textContent();
          assert.ok(text.includes(UI[lang].nextCause), `${chain[i].id}: no "next cause" line after "not yet"`);
          const trail = await w.part("trail").textContent();
          assert.ok(trail.includes(UI[lang].notResolved), "the trail does not show the unhelpful result");
          assert.equal(await w.part("result-title").textContent(), rendered(chain[i].title));
        }
        // The end of the line: no "not yet", the help message, the CTA.
        assert.equal(await w.part("resolved-no").count(), 0, "resolved-no at the end of the line");
        assert.ok((await w.resultScreen(chain.at(-1).id).textContent()).includes(UI[lang].endOfLine), "no end-of-line message");
        assert.equal(await w.part("cta").count(), 1);

        // Back walks the chain backwards (saying "yes" on the way), then the questions.
        for (let i = chain.length - 2; i >= 0; i--) {
          await w.activate(w.part("back"));
          await w.waitAt("result", chain[i].id);
          if (i === chain.length - 2) {
            await w.activate(w.part("resolved-yes"));
            await w.host.getByText(UI[lang].thanks).waitFor();
            assert.equal(await w.part("resolved-yes").count(), 0, "resolved-yes still shown after yes");
            assert.equal(await w.part("resolved-no").count(), 0, "resolved-no still shown after yes");
          }
        }
        await w.activate(w.part("back"));
        await w.waitAt("question", path.moves.at(-1).question.id);
        await w.activate(w.part("restart"));
        await w.waitAt("question", flow.start);
        assert.equal(await w.part("back").count(), 0, "Back still shown after Restart");
        await page.assertClean(`${lang} not-yet chain`);
        record({ [`"not yet" chain steps (${lang})`]: chain.length - 1 });
      } finally {
        await page.close();
      }
    });
  }

  test("several widgets on one page are independent; late and removed elements", async () => {
    const ja = loadFlow("ja");
    const en = loadFlow("en");
    const snippet = snippetFor(origins.widget.origin);
    const second = snippetFor(origins.widget.origin, { lang: "en" }).replace(/<script[^>]*><\/script>\s*/, "");
    origins.site.pages.set("/two.html", marketingPage({ body: `${snippet}\n<div id="later"></div>\n${second}` }));
    const page = await openPage(browser, origins);
    try {
      await page.goto(origins.site.url("/two.html"));
      const a = new Widget(page, { index: 0 });
      const b = new Widget(page, { index: 1 });
      await a.ready(ja.start);
      await b.ready(en.start);
      const first = ja.questions[0].answers[0];
      await a.activate(a.answer(first.id));
      await a.waitAt(ja.questions.some((q) => q.id === first.next) ? "question" : "result", first.next);
      assert.equal((await b.state()).node, en.start, "answering in one widget moved the other");

      // A page builder inserts an element later: it starts; removing it leaves no error.
      await page.evaluate(() => {
        const el = document.createElement("line-login-diagnosis");
        el.setAttribute("lang", "en");
        el.innerHTML = '<a href="https://example.com/article">Read the article</a>';
        document.getElementById("later").append(el);
      });
      const late = new Widget(page, { index: 1 });
      await late.ready(en.start);
      await page.evaluate(() => document.querySelector("#later line-login-diagnosis").remove());
      await page.waitFor(() => document.querySelectorAll("line-login-diagnosis").length === 2);
      // The others still work after the removal.
      const c = new Widget(page, { index: 1 });
      await c.activate(c.answer(en.questions[0].answers.at(-1).id));
      await c.waitAt("question", en.questions[0].answers.at(-1).next);
      const enLoads = (await page.journal()).requests.filter((u) => u.endsWith("/content/line-login.en.flow")).length;
      assert.equal(enLoads, 1, "the English flow file was fetched more than once for three elements");
      await page.assertClean("several widgets");
    } finally {
      await page.close();
    }
  });

  test("progress survives a reload of the tab", async () => {
    const flow = loadFlow("ja");
    const path = allPaths(flow).find((p) => p.moves.length >= 2);
    const page = await openPage(browser, origins);
    try {
      await page.goto(publish("/resume.html"));
      const w = new Widget(page);
      await w.ready(flow.start);
      await w.activate(w.answer(path.moves[0].answer.id));
      await w.waitAt("question", path.moves[1].question.id);
      await page.reload();
      await w.waitAt("question", path.moves[1].question.id, { focus: false, timeout: 15_000 });
      assert.equal(await w.part("trail").getByRole("button").count(), 1, "the trail was not restored");
      await w.activate(w.part("restart"));
      await w.waitAt("question", flow.start);
      await page.reload();
      await w.ready(flow.start);
      await page.assertClean("resume after reload");
    } finally {
      await page.close();
    }
  });

  test("the share link reopens the same result; copy gives the steps as text with LINE's [labels]", async () => {
    const flow = loadFlow("ja");
    // A result with labels, notes and tips, and with a route per device when the content has one.
    const candidates = allPaths(flow).filter((p) => p.result.steps.some((s) => labelCount(s.text) > 0) && p.result.notes?.length && p.result.tips?.length);
    const path = candidates.find((p) => p.result.steps.some((s) => s.for)) ?? candidates[0];
    assert.ok(path, "no result has labels, notes and tips to copy");
    const page = await openPage(browser, origins, DESKTOP, { clipboard: true });
    let other;
    try {
      const url = publish("/share.html");
      // What the widget hands to the clipboard (the journal script sees it in every engine), and
      // what the clipboard then holds, read back.
      const copied = async (n) => {
        const c = await page.waitFor((n) => window.__lldJournal.copied.length === n && window.__lldJournal.copied.at(-1).ok !== null && window.__lldJournal.copied.at(-1), n, { what: `copy #${n} answered` });
        assert.equal(c.ok, true, `${engine.name}: the clipboard refused the text`);
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), c.text, "the clipboard holds something else");
        return c.text;
      };
      await page.goto(url);
      const w = new Widget(page);
      await w.ready(flow.start);
      await w.walk(path);

      await w.activate(w.part("copy"));
      const text = await copied(1);
      assert.ok(text.includes(path.result.title), `copied text lacks the title:\n${text}`);
      for (const s of path.result.steps) assert.ok(text.includes(s.text), `copied text lacks the step (with brackets) "${s.text}":\n${text}`);
      // What the screen collapses is still in the copy: the notes and the advice.
      for (const n of path.result.notes ?? []) assert.ok(text.includes(n), `copied text lacks the note "${n}":\n${text}`);
      for (const id of path.result.tips ?? []) {
        const tip = flow.tips.find((t) => t.id === id);
        assert.ok(text.includes(tip.title), `copied text lacks the tip "${tip.title}":\n${text}`);
      }

      await w.activate(w.part("share"));
      const link = await copied(2);
      assert.ok(link.startsWith(`${url}#lld=`) && link.endsWith(`:${path.result.id}`), `share link: ${link}`);

      other = await openPage(browser, origins);
      await other.goto(link);
      const v = new Widget(other);
      await v.waitAt("result", path.result.id, { focus: false, timeout: 15_000 });
      assert.equal(await v.part("result-title").textContent(), rendered(path.result.title));
      await v.activate(v.part("restart"));
      await v.waitAt("question", flow.start);
      await other.assertClean("the shared link");
      await page.assertClean("copy and share");
    } finally {
      await other?.close();
      await page.close();
    }
  });
});
