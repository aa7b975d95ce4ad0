// Style isolation both ways: a page with hostile CSS cannot change how the widget looks (the
// computed styles inside the widget equal those on a clean page), and the widget's CSS changes
// nothing on the page (the page's elements compute the same with and without the widget).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Widget, allPaths, labelCount, loadFlow, marketingPage, openPage, record, snippetFor, useBrowserAndOrigins, forEachEngine } from "./lib.mjs";

const HOSTILE = `
* { box-sizing: content-box }
button { all: unset; color: red }
p { font-size: 30px }
body { font-size: 30px; line-height: 3; letter-spacing: .3em; color: red }
`;

// Inherited typography that Japanese site themes commonly put on body: proportional kana
// spacing ("palt") and a text shadow. Inherited properties cross the shadow boundary, so the
// widget must reset them itself.
const THEME = `
body { font-feature-settings: "palt"; text-shadow: 0 1px 2px rgba(0, 0, 0, .35); }
`;

const PROPS = [
  "display",
  "box-sizing",
  "width",
  "height",
  "min-height",
  "padding-top",
  "padding-right",
  "padding-bottom",
  "padding-left",
  "margin-top",
  "margin-right",
  "margin-bottom",
  "margin-left",
  "border-top-width",
  "border-top-style",
  "border-top-color",
  "border-left-width",
  "border-left-style",
  "border-top-left-radius",
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
  "line-height",
  "letter-spacing",
  "word-spacing",
  "color",
  "background-color",
  "text-align",
  "text-transform",
  "text-decoration-line",
  "white-space",
  "cursor",
  "visibility",
  "opacity",
  "font-feature-settings",
  "font-variant",
  "text-shadow",
  "-webkit-text-fill-color",
];

// Both pages of a comparison always show a vertical scrollbar: Firefox draws classic ones, so a
// page that happens to scroll (the hostile one, the one with the widget) would otherwise have
// a 12 px narrower viewport, and everything in it would compute narrower.
const SCROLLS = "html { overflow-y: scroll }\n";

let browser;
let origins;
await forEachEngine((engine) => {
  useBrowserAndOrigins(engine, (b, o) => ([browser, origins] = [b, o]));

  /** A path through a question whose answers show label chips, to a result (with a CTA). */
  function labelledPath(flow) {
    const paths = allPaths(flow);
    const hasLabels = (p) => p.moves.some((m) => m.question.answers.some((a) => labelCount(a.text) > 0));
    const path = paths.find((p) => hasLabels(p) && p.result.steps.some((s) => labelCount(s.text) > 0)) ?? paths.find(hasLabels);
    assert.ok(path, "no question in the flow has an answer with a [label]");
    return path;
  }

  /** Computed styles of the widget's key elements, by role: heading, answers, label, CTA… */
  async function widgetStyles(page, w, flow, path) {
    // The pointer rests where the last click was, and the two pages lay out differently: off
    // the widget, no :hover style differs between them.
    const take = async (loc, name) => {
      await page.mouseTo(0, 0);
      return loc.evaluate(
        (el, [props, name]) => {
          const cs = getComputedStyle(el);
          return { [name]: Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)])) };
        },
        [PROPS, name],
      );
    };
    const out = {};
    await w.ready(flow.start);
    Object.assign(out, await take(w.part("question"), "first question heading"));
    Object.assign(out, await take(w.part("answer").first(), "first answer button"));
    for (const [i, m] of path.moves.entries()) {
      if (m.question.answers.some((a) => labelCount(a.text) > 0)) {
        Object.assign(out, await take(w.part("question"), `question ${m.question.id} heading`));
        const labelled = m.question.answers.find((a) => labelCount(a.text) > 0);
        Object.assign(out, await take(w.answer(labelled.id), `answer ${labelled.id}`));
        Object.assign(out, await take(w.answer(labelled.id).locator('[part~="label"]').first(), "label chip in an answer"));
      }
      await w.activate(w.answer(m.answer.id));
      const next = path.moves[i + 1]?.question.id;
      if (next) await w.waitAt("question", next);
      else await w.waitAt("result", path.result.id);
    }
    for (const part of ["result", "result-title", "cta", "resolved-yes", "back", "restart"]) {
      Object.assign(out, await take(w.part(part).first(), part));
    }
    Object.assign(out, await take(w.part("step").first(), "first step"));
    if (await w.part("step").locator('[part~="label"]').count()) {
      Object.assign(out, await take(w.part("step").locator('[part~="label"]').first(), "label chip in a step"));
    }
    Object.assign(out, await take(w.part("trail").getByRole("button").first(), "trail item"));
    return out;
  }

  /** Computed styles of the widget on a clean page and on a page with `css`; returns the diffs. */
  async function compareWith(css, name) {
    const flow = loadFlow("ja");
    const path = labelledPath(flow);
    const body = snippetFor(origins.widget.origin);
    origins.site.pages.set("/clean.html", marketingPage({ body, css: SCROLLS }));
    origins.site.pages.set(`/${name}.html`, marketingPage({ body, css: SCROLLS + css }));
    const styles = {};
    for (const which of ["clean", name]) {
      const page = await openPage(browser, origins, undefined, { reducedMotion: "reduce" });
      try {
        await page.goto(origins.site.url(`/${which}.html`));
        styles[which] = await widgetStyles(page, new Widget(page), flow, path);
        await page.assertClean(`${which} page`);
      } finally {
        await page.close();
      }
    }
    const diffs = [];
    for (const [el, props] of Object.entries(styles.clean)) {
      for (const [p, v] of Object.entries(props)) {
        if (styles[name][el]?.[p] !== v) diffs.push(`${el} { ${p}: ${styles[name][el]?.[p]} } (clean page: ${v})`);
      }
    }
    const compared = Object.keys(styles.clean).length;
    assert.ok(compared >= 12, `only ${compared} elements compared`);
    return { diffs, compared };
  }

  test("hostile page CSS does not change the widget", async () => {
    // The hostile CSS does apply to the page itself (the test would prove nothing otherwise).
    const page = await openPage(browser, origins);
    try {
      origins.site.pages.set("/hostile-check.html", marketingPage({ body: "", css: HOSTILE }));
      await page.goto(origins.site.url("/hostile-check.html"));
      const outside = await page.locator("#outside-button").evaluate((el) => getComputedStyle(el).color);
      assert.equal(outside, "rgb(255, 0, 0)", "the hostile CSS does not even apply to the page");
    } finally {
      await page.close();
    }
    const { diffs, compared } = await compareWith(HOSTILE, "hostile");
    assert.deepEqual(diffs, [], `the page's CSS got into the widget:\n  ${diffs.join("\n  ")}`);
    record({ "isolation: widget elements compared": compared });
  });

  test("a Japanese site theme's inherited typography (font-feature-settings: palt, text-shadow) does not change the widget", async () => {
    const { diffs } = await compareWith(THEME, "theme");
    assert.deepEqual(diffs, [], `the page's inherited typography got into the widget:\n  ${diffs.join("\n  ")}`);
  });

  test("the widget's CSS does not touch the page", async () => {
    const flow = loadFlow("ja");
    origins.site.pages.set("/without.html", marketingPage({ body: "<div>(no widget)</div>", css: SCROLLS }));
    origins.site.pages.set("/with.html", marketingPage({ body: snippetFor(origins.widget.origin), css: SCROLLS }));
    const snapshot = () => {
      const all = (el) => {
        const cs = getComputedStyle(el);
        return Object.fromEntries([...cs].map((p) => [p, cs.getPropertyValue(p)]));
      };
      return {
        p: all(document.getElementById("outside-p")),
        button: all(document.getElementById("outside-button")),
        h1: all(document.querySelector("h1")),
        body: all(document.body),
        html: all(document.documentElement),
        documentSheets: document.styleSheets.length,
        adoptedSheets: document.adoptedStyleSheets.length,
      };
    };
    const seen = {};
    for (const name of ["without", "with"]) {
      const page = await openPage(browser, origins, undefined, { reducedMotion: "reduce" });
      try {
        await page.goto(origins.site.url(`/${name}.html`));
        if (name === "with") {
          const w = new Widget(page);
          await w.ready(flow.start);
          // Also after a move (the result screen brings more of the widget's styles).
          const p = allPaths(flow)[0];
          for (const m of p.moves) await w.activate(w.answer(m.answer.id));
          await w.waitAt("result", p.result.id);
        }
        seen[name] = await page.evaluate(snapshot);
        await page.assertClean(`${name} widget page`);
      } finally {
        await page.close();
      }
    }
    // The page is taller with the widget in it: body's and html's own size may differ, nothing else.
    const SIZE = new Set(["height", "block-size", "perspective-origin", "transform-origin"]);
    const diffs = [];
    for (const el of ["p", "button", "h1", "body", "html"]) {
      for (const [p, v] of Object.entries(seen.without[el])) {
        if ((el === "body" || el === "html") && SIZE.has(p)) continue;
        if (seen.with[el][p] !== v) diffs.push(`${el} { ${p}: ${seen.with[el][p]} } (without the widget: ${v})`);
      }
    }
    assert.deepEqual(diffs, [], `the widget changed the page's styles:\n  ${diffs.join("\n  ")}`);
    assert.equal(seen.with.documentSheets, seen.without.documentSheets, "the widget added a stylesheet to the page");
    assert.equal(seen.with.adoptedSheets, 0, "the widget adopted a stylesheet into the document");
  });
});
