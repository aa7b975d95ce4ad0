// The studio (dist/studio.html, issue 15): a content author opens a flow, edits it as text or in
// the form, sees each problem with its place, the tree as a picture, the real widget previewing
// the edited flow at phone width, and downloads a file the widget runs through flow-src.
// Chromium only: the tests use Playwright's download event and file chooser, which the
// WebDriver engines here do not have; what the studio runs (the checker module, embed.js and the
// widget) is proven in all three engines by the other files.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DESKTOP, DIST, ROOT, loadFlow, marketingPage, onlyEngine, openPlaywrightPage, record, useBrowserAndOrigins, Widget } from "./lib.mjs";
import { formatFlow } from "../../studio/format.js";

const AXE = readFileSync(join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const FILE = { ja: readFileSync(join(ROOT, "content", "line-login.ja.json"), "utf8"), en: readFileSync(join(ROOT, "content", "line-login.en.json"), "utf8") };
const lineOf = (/** @type {string} */ text, /** @type {number} */ offset) => text.slice(0, offset).split("\n").length;

let browser;
let origins;
let tmp;
let cases = 0;
await onlyEngine("chromium", (engine) => {
  useBrowserAndOrigins(engine, (b, o) => ([browser, origins] = [b, o]));
  before(() => (tmp = mkdtempSync(join(tmpdir(), "lld-studio-"))));
  after(() => {
    rmSync(tmp, { recursive: true, force: true });
    record({ "studio cases": cases });
  });

  /** The studio on a laptop screen, with every request it makes. */
  async function openStudio() {
    const { page, journal } = await openPlaywrightPage(browser, origins, DESKTOP);
    /** @type {string[]} */
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(origins.widget.url("/studio.html"));
    await page.waitForFunction(() => Number(document.body.dataset.checks) >= 1, null, { timeout: 15_000 });
    const studio = {
      page,
      /** Runs `action`, then waits until the studio has checked the text again. @param {() => Promise<unknown>} action */
      async checked(action) {
        const before = await page.evaluate(() => Number(document.body.dataset.checks));
        await action();
        await page.waitForFunction((n) => Number(document.body.dataset.checks) > n, before, { timeout: 10_000 });
      },
      /**
       * Replaces the text as an author's select-all and paste does (an input event; Playwright's
       * fill gives up on a text this long), and waits for the check. @param {string} text
       */
      async setText(text) {
        await studio.checked(() =>
          page.evaluate((value) => {
            const t = /** @type {HTMLTextAreaElement} */ (document.getElementById("source"));
            t.focus();
            t.value = value;
            t.dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste", bubbles: true }));
          }, text),
        );
      },
      text: () => page.inputValue("#source"),
      status: () => page.textContent("#status"),
      problems: () => page.locator("#problems button").allTextContents(),
      /** The text of the widget in the preview frame (its shadow root), once it shows `needle`. @param {string} needle */
      async previewShows(needle) {
        await page.waitForFunction(
          (n) => {
            const frame = /** @type {HTMLIFrameElement} */ (document.getElementById("preview"));
            return frame.contentDocument?.querySelector("line-login-diagnosis")?.shadowRoot?.textContent?.includes(n) ?? false;
          },
          needle,
          { timeout: 15_000 },
        );
      },
      previewText: () =>
        page.evaluate(() => /** @type {HTMLIFrameElement} */ (document.getElementById("preview")).contentDocument?.querySelector("line-login-diagnosis")?.shadowRoot?.textContent ?? ""),
      /** Clicks Download and returns the file's bytes and name. */
      async download() {
        const [d] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
        const path = join(tmp, `${cases}-${d.suggestedFilename()}`);
        await d.saveAs(path);
        return { path, name: d.suggestedFilename(), text: readFileSync(path, "utf8") };
      },
      /** Every request went to the studio's own origin (or a blob: URL it made), and nothing failed. */
      async assertOwnRequests() {
        const foreign = requests.filter((u) => !u.startsWith(`${origins.widget.origin}/`) && !u.startsWith(`blob:${origins.widget.origin}/`) && !u.startsWith("about:") && !u.startsWith("data:"));
        assert.deepEqual(foreign, [], "requests outside the studio's origin");
        await journal.assertClean("the studio");
      },
      close: () => page.close(),
    };
    return studio;
  }

  /** flowcheck on a file: exit code and stderr. @param {string} path */
  function flowcheck(path) {
    const r = spawnSync("cargo", ["run", "--quiet", "--bin", "flowcheck", "--", path], { cwd: ROOT, encoding: "utf8" });
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  test("opens the built-in flow: no problem, the whole tree, the widget previewing it at phone width", async () => {
    cases++;
    const s = await openStudio();
    try {
      const ja = loadFlow("ja");
      assert.equal(await s.text(), FILE.ja);
      assert.match(await s.status(), new RegExp(`質問 ${ja.questions.length}、結果 ${ja.results.length}`));
      assert.equal(await s.page.locator("#picture .node").count(), ja.questions.length + ja.results.length);
      assert.equal(await s.page.locator("#picture .node.unreachable, #picture .node.cycle, #picture .edge.missing").count(), 0);
      // "Did this fix it? → no" links are dashed.
      assert.equal(await s.page.locator("#picture path.edge.next").count(), ja.results.filter((r) => r.next).length);
      const start = ja.questions.find((q) => q.id === ja.start);
      await s.previewShows(start.text);
      const frame = await s.page.locator("#preview").boundingBox();
      assert.equal(Math.round(frame?.width ?? 0), 375);
      const device = await s.page.evaluate(() => /** @type {HTMLIFrameElement} */ (document.getElementById("preview")).contentDocument?.querySelector("line-login-diagnosis")?.getAttribute("device"));
      assert.equal(device, "phone");
      // The gutter has a number per line.
      assert.equal((await s.page.textContent("#gutter"))?.trim().split("\n").length, FILE.ja.split("\n").length);
      // Pages never load the studio: the demo page, the snippet and the pinned files name none of it.
      for (const f of ["index.html", "snippet.html", "integrity.json", "embed.js"]) {
        assert.doesNotMatch(readFileSync(join(DIST, f), "utf8"), /studio/, `${f} mentions the studio`);
      }
      await s.assertOwnRequests();
    } finally {
      await s.close();
    }
  });

  test("an answer pointing nowhere: its message (flowcheck's) with its place, the cursor on that line, the node marked; fixed, the message goes and the preview follows", async () => {
    cases++;
    const s = await openStudio();
    try {
      const broken = FILE.ja.replace('"next": "admin-url"', '"next": "nowhere"');
      const at = broken.indexOf('"next": "nowhere"');
      const line = lineOf(broken, at);
      await s.setText(broken);
      const [problem, ...more] = await s.problems();
      assert.deepEqual(more, []);
      // The same message as flowcheck, at the same line:column.
      const file = join(tmp, "broken.ja.json");
      writeFileSync(file, broken);
      const fc = flowcheck(file);
      assert.equal(fc.code, 1);
      const [, where, message] = fc.err.trim().match(/^.*?:(\d+:\d+): (.*)$/) ?? [];
      assert.equal(problem, `${where}${message}`);
      assert.equal(where, `${line}:${at - broken.lastIndexOf("\n", at)}`);
      assert.match(await s.status(), /問題が 1 件/);
      // The picture shows the arrow to nowhere; the preview keeps the last valid flow.
      assert.equal(await s.page.locator('#picture [data-target="nowhere"] .edge.missing').count(), 1);
      assert.equal(await s.page.getAttribute("#preview-status", "data-state"), "previewKept");

      await s.page.click("#problems button");
      const cursor = await s.page.evaluate(() => {
        const t = /** @type {HTMLTextAreaElement} */ (document.getElementById("source"));
        return { focused: document.activeElement === t, start: t.selectionStart, end: t.selectionEnd, top: t.scrollTop, height: t.clientHeight };
      });
      assert.ok(cursor.focused, "the text field has the focus");
      assert.equal(lineOf(broken, cursor.start), line, "selectionStart is on the problem's line");
      assert.equal(broken.slice(cursor.start, cursor.end), broken.split("\n")[line - 1], "the whole line is selected");
      assert.ok(cursor.top <= (line - 1) * 18 && (line - 1) * 18 < cursor.top + cursor.height, "the line is scrolled into view");
      assert.match((await s.page.getAttribute('#picture .node[data-id="where"]', "class")) ?? "", /\bproblem\b/);

      // Fixed, with a new text for the first question: no problem, and the widget shows it.
      const fixed = FILE.ja.replace("いちばん近いものを選んでください", "いちばん近いものをひとつ選んでください");
      await s.setText(fixed);
      assert.deepEqual(await s.problems(), []);
      await s.previewShows("いちばん近いものをひとつ選んでください");
      assert.equal(await s.page.getAttribute("#preview-status", "data-state"), "previewOk");
      await s.assertOwnRequests();
    } finally {
      await s.close();
    }
  });

  test("a loop and a result nothing leads to are marked in the picture", async () => {
    cases++;
    const s = await openStudio();
    try {
      const flow = loadFlow("ja");
      // A question the first one leads to: its first answer leads back to the first question.
      const second = flow.questions.find((q) => flow.questions[0].answers.some((a) => a.next === q.id));
      second.answers[0].next = flow.start;
      await s.setText(formatFlow(flow));
      assert.ok((await s.problems()).some((p) => p.includes(`leads back to "${flow.start}"`)));
      assert.ok(await s.page.locator(`#picture .node.cycle[data-id="${flow.start}"]`).count());
      assert.ok(await s.page.locator(`#picture .node.cycle[data-id="${second.id}"]`).count());
      assert.ok(await s.page.locator("#picture .edge.cycle").count() >= 1);

      const lonely = loadFlow("ja");
      lonely.results.push({ ...lonely.results[0], id: "nobody-comes-here", next: undefined });
      await s.setText(formatFlow(lonely));
      const problems = await s.problems();
      assert.ok(problems.some((p) => p.includes('"nobody-comes-here": no path from start leads here')), problems.join("\n"));
      assert.equal(await s.page.locator('#picture .node.unreachable[data-id="nobody-comes-here"]').count(), 1);
      await s.assertOwnRequests();
    } finally {
      await s.close();
    }
  });

  test("downloads each built-in flow byte for byte as committed; an edited one passes flowcheck", async () => {
    cases++;
    const s = await openStudio();
    try {
      for (const lang of ["ja", "en"]) {
        await s.checked(() => s.page.click(`#open-${lang}`));
        const d = await s.download();
        assert.equal(d.name, `line-login.${lang}.json`);
        assert.equal(d.text, FILE[lang], `${lang}: the downloaded file is the committed one`);
      }
      // Edited in the form: one step's text of a result.
      const en = loadFlow("en");
      const result = en.results[0];
      await s.page.selectOption("#node-select", result.id);
      const step = s.page.locator("#form-fields textarea").nth(1); // [0] is the cause
      await s.checked(() => step.fill("Open the admin page in a fresh browser window."));
      const d = await s.download();
      const fc = flowcheck(d.path);
      assert.equal(fc.code, 0, fc.err);
      result.steps[0].text = "Open the admin page in a fresh browser window.";
      assert.equal(d.text, formatFlow(en));
      await s.assertOwnRequests();
    } finally {
      await s.close();
    }
  });

  test("the author's story: change a result's steps, add a question with two answers, fix the problems shown, preview on a phone, download a file the widget runs through flow-src", async () => {
    cases++;
    const s = await openStudio();
    try {
      const ja = loadFlow("ja");
      // 1. A result's steps, in the form (select it in the node list).
      const result = ja.results.find((r) => r.id === "admin-url") ?? ja.results[0];
      await s.page.selectOption("#node-select", result.id);
      await s.checked(() => s.page.locator("#form-fields textarea").nth(1).fill("スタジオで書き直した最初の手順です。"));
      assert.ok((await s.text()).includes("スタジオで書き直した最初の手順です。"));

      // 2. A question with two answers, typed into the text.
      const newQuestion = `    {
      "id": "studio-question",
      "text": "スタジオで足した質問ですか？",
      "answers": [
        { "id": "yes", "text": "はい、足しました", "next": "${result.id}" },
        { "id": "no", "text": "いいえ", "next": "" }
      ]
    },
`;
      const text = await s.text();
      const at = text.indexOf('  "questions": [\n') + '  "questions": [\n'.length;
      await s.page.focus("#source");
      await s.page.evaluate((pos) => /** @type {HTMLTextAreaElement} */ (document.getElementById("source")).setSelectionRange(pos, pos), at);
      await s.checked(() => s.page.keyboard.insertText(newQuestion));

      // 3. The problems shown: an empty next, and nothing leads to the new question.
      let problems = await s.problems();
      assert.ok(problems.some((p) => p.includes('"studio-question".answers[1].next: no question or result has the id ""')), problems.join("\n"));
      await s.page.locator("#problems button").first().click();
      const line = await s.page.evaluate(() => {
        const t = /** @type {HTMLTextAreaElement} */ (document.getElementById("source"));
        return t.value.slice(0, t.selectionStart).split("\n").length;
      });
      assert.equal(line, lineOf(await s.text(), (await s.text()).indexOf('"next": ""')));
      // Fixed as text: the empty next names a result, and the first answer of the start question leads to the new one.
      const start = ja.questions.find((q) => q.id === ja.start);
      const firstAnswer = start.answers[0];
      let fixed = (await s.text()).replace('"next": "" }', `"next": "${firstAnswer.next}" }`);
      await s.setText(fixed);
      problems = await s.problems();
      assert.ok(problems.some((p) => p.includes('"studio-question": no path from start leads here')), problems.join("\n"));
      assert.equal(await s.page.locator('#picture .node.unreachable[data-id="studio-question"]').count(), 1);
      fixed = fixed.replace(`{ "id": "${firstAnswer.id}", "text": "${firstAnswer.text}", "next": "${firstAnswer.next}" }`, `{ "id": "${firstAnswer.id}", "text": "${firstAnswer.text}", "next": "studio-question" }`);
      await s.setText(fixed);
      assert.deepEqual(await s.problems(), []);

      // 4. The preview, phone-sized: the new question is one tap away.
      await s.previewShows(start.text);
      const frame = s.page.frameLocator("#preview");
      await frame.locator(`[data-testid="answer-${firstAnswer.id}"]`).click();
      await s.previewShows("スタジオで足した質問ですか？");
      await frame.locator('[data-testid="answer-yes"]').click();
      await s.previewShows("スタジオで書き直した最初の手順です。");

      // 5. The file, downloaded, passes flowcheck and runs in the widget through flow-src.
      const d = await s.download();
      assert.equal(flowcheck(d.path).code, 0);
      origins.site.pages.set("/my-flow.json", { body: d.text, type: "application/json; charset=utf-8" });
      origins.site.pages.set(
        "/with-my-flow.html",
        marketingPage({ body: `<script type="module" src="${origins.widget.origin}/embed.js"></script>\n<line-login-diagnosis flow-src="/my-flow.json"><a href="#">fallback</a></line-login-diagnosis>` }),
      );
      const { page, journal } = await openPlaywrightPage(browser, origins, DESKTOP);
      try {
        await page.goto(origins.site.url("/with-my-flow.html"));
        const w = new Widget(page);
        await w.ready(ja.start);
        await w.activate(w.answer(firstAnswer.id));
        await w.waitAt("question", "studio-question");
        await journal.assertClean("a page running the downloaded flow");
      } finally {
        await page.close();
      }
      await s.assertOwnRequests();
    } finally {
      await s.close();
    }
  });

  test("opens a file from the picker, a dropped file and pasted JSON; compares two languages node by node; a share link reopens the text", async () => {
    cases++;
    const s = await openStudio();
    try {
      const en = loadFlow("en");
      await s.checked(() => s.page.setInputFiles("#open-file", join(ROOT, "content", "line-login.en.json")));
      assert.equal(await s.text(), FILE.en);
      const dropped = formatFlow({ ...en, title: "Dropped" });
      await s.checked(() =>
        s.page.evaluate((text) => {
          const dt = new DataTransfer();
          dt.items.add(new File([text], "dropped.en.json", { type: "application/json" }));
          document.getElementById("source")?.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
        }, dropped),
      );
      assert.equal(await s.text(), dropped);
      await s.page.click(".paste summary");
      await s.page.fill("#paste-text", FILE.ja);
      await s.checked(() => s.page.click("#paste-open"));
      assert.equal(await s.text(), FILE.ja);

      // ja against the built-in en: the same shape.
      await s.page.click("#compare-builtin");
      await s.page.waitForFunction(() => document.getElementById("compare-status")?.textContent !== "");
      assert.match((await s.page.textContent("#compare-status")) ?? "", /同じ/);
      // An answer renamed in ja only: the difference names its question.
      const ja = loadFlow("ja");
      const q = ja.questions[1];
      q.answers[0].id = "renamed";
      await s.setText(formatFlow(ja));
      await s.page.click("#compare-builtin");
      await s.page.waitForSelector(`#compare-list button[data-node="${q.id}"]`);
      const diff = await s.page.locator("#compare-list button").allTextContents();
      assert.ok(diff.some((d) => d.includes(`"${q.id}".answers: en has answers [`) && d.includes(", ja has [renamed→")), diff.join("\n"));

      // A share link carries the text: opened, the studio shows exactly it.
      await s.page.click("#share");
      await s.page.waitForFunction(() => /** @type {HTMLInputElement} */ (document.getElementById("share-link")).value !== "");
      const link = await s.page.inputValue("#share-link");
      assert.match(link, /\/studio\.html#flow=[A-Za-z0-9_-]+$/);
      const other = await openPlaywrightPage(browser, origins, DESKTOP);
      try {
        await other.page.goto(link);
        await other.page.waitForFunction(() => Number(document.body.dataset.checks) >= 1, null, { timeout: 15_000 });
        assert.equal(await other.page.inputValue("#source"), formatFlow(ja));
        await other.journal.assertClean("the studio opened from a share link");
      } finally {
        await other.page.close();
      }
      await s.assertOwnRequests();
    } finally {
      await s.close();
    }
  });

  test("keyboard: Tab inserts two spaces, Escape then Tab leaves the field; the picture pans and zooms by keys and pointer; English by the switch; zero axe violations", async () => {
    cases++;
    const s = await openStudio();
    try {
      const { page } = s;
      await page.focus("#source");
      await page.evaluate(() => /** @type {HTMLTextAreaElement} */ (document.getElementById("source")).setSelectionRange(0, 0));
      await page.keyboard.press("Tab");
      assert.ok((await s.text()).startsWith("  {"));
      assert.equal(await page.evaluate(() => document.activeElement?.id), "source");
      await page.keyboard.press("Escape");
      await page.keyboard.press("Tab");
      assert.notEqual(await page.evaluate(() => document.activeElement?.id), "source");
      assert.ok((await page.textContent("#editor-hint"))?.includes("Esc"));
      await page.keyboard.press("Shift+Tab");
      assert.equal(await page.evaluate(() => document.activeElement?.id), "source");

      await page.focus("#picture");
      const transform = () => page.getAttribute("#picture svg > g", "transform");
      const t0 = await transform();
      await page.keyboard.press("ArrowRight");
      const t1 = await transform();
      assert.notEqual(t1, t0);
      await page.keyboard.press("+");
      const t2 = await transform();
      assert.notEqual(t2, t1);
      // The pointer: a drag pans, the wheel and the buttons zoom, "show all" fits.
      const box = await page.locator("#picture").boundingBox();
      assert.ok(box);
      await page.mouse.move(box.x + 40, box.y + box.height - 40);
      await page.mouse.down();
      await page.mouse.move(box.x + 140, box.y + box.height - 80, { steps: 4 });
      await page.mouse.up();
      const t3 = await transform();
      assert.notEqual(t3, t2);
      await page.mouse.wheel(0, -300);
      await page.waitForFunction((t) => document.querySelector("#picture svg > g")?.getAttribute("transform") !== t, t3);
      const t4 = await transform();
      await page.click("#zoom-out");
      assert.notEqual(await transform(), t4);
      await page.click("#zoom-fit");
      const scale = Number((await transform())?.match(/scale\(([\d.]+)\)/)?.[1]);
      assert.ok(scale > 0 && scale <= 1, `fit scale ${scale}`);

      // The preview frame is left out: the widget in it is audited by a11y.test.mjs in every engine.
      const audit = async (where) => {
        if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ content: AXE });
        const v = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"], iframes: false }).then((r) => r.violations.map((x) => `${x.id}: ${x.help} ${x.nodes.map((n) => JSON.stringify(n.target)).join(" ")}`)), TAGS);
        assert.deepEqual(v, [], `axe (${where})`);
      };
      await audit("Japanese");
      await s.setText(FILE.ja.replace('"next": "admin-url"', '"next": "nowhere"'));
      await page.click("#ui-lang");
      assert.equal(await page.textContent("h1"), "Diagnosis studio");
      assert.equal(await page.getAttribute("html", "lang"), "en");
      assert.match((await s.status()) ?? "", /1 problem/);
      await audit("English, with a problem listed");
      await s.assertOwnRequests();
    } finally {
      await s.close();
    }
  });

  test("a 300-node flow is drawn, and the checker answers within the debounce", async () => {
    cases++;
    const s = await openStudio();
    try {
      // A binary tree of 150 questions and 150 results... plus the first question.
      const questions = [];
      const results = [];
      for (let i = 0; i < 150; i++) {
        const kids = [2 * i + 1, 2 * i + 2].map((k) => (k < 150 ? `q${k}` : `r${k - 150}`));
        questions.push({ id: `q${i}`, text: `Question ${i}?`, answers: kids.map((next, j) => ({ id: `a${j}`, text: `Answer ${j}`, next })) });
      }
      for (let i = 0; i < 151; i++) results.push({ id: `r${i}`, title: `Result ${i}`, cause: "Because.", steps: [{ text: "Do it." }], checked: "2026-12-01" });
      const flow = { id: "big", lang: "en", title: "Big", start: "q0", questions, results };
      const t0 = Date.now();
      await s.setText(formatFlow(flow));
      const ms = Date.now() - t0;
      assert.deepEqual(await s.problems(), []);
      assert.equal(await s.page.locator("#picture .node").count(), 301);
      record({ "studio: 301-node flow checked and drawn (ms)": ms });
      assert.ok(ms < 3000, `${ms} ms`);
    } finally {
      await s.close();
    }
  });
});
