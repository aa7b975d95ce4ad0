// The page's own journal, the first script of every page the tests generate (served by both
// test servers at /__lld-journal.js; an external same-origin script, so a strict CSP allows it).
// It records what the page does in a way every engine can read back with one script call:
// WebDriver classic has no console or network events, and the events it records here (the
// widget's lld:* events, CSP violations, what the widget copies) have no protocol event in any
// engine. driver.mjs reads `window.__lldJournal` before every navigation and at every check.
"use strict";
(() => {
  const text = (args) =>
    args
      .map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : typeof a === "string" ? a : (() => { try { return JSON.stringify(a); } catch { return String(a); } })()))
      .join(" ");
  const journal = {
    console: [], // { type: "error" | "warning", text }
    errors: [], // uncaught errors and unhandled rejections
    loadErrors: [], // elements whose resource failed or was refused: "<script> URL"
    violations: [], // CSP violations: "directive blocked-uri"
    copied: [], // { text, ok }: what the page wrote to the clipboard, and whether it was accepted
    resources: () => performance.getEntriesByType("resource").map((e) => e.name),
  };
  window.__lldJournal = journal;
  // The widget's events, as a tag manager sees them (composed, so they reach the document).
  window.__lldEvents = [];
  for (const type of ["lld:start", "lld:answer", "lld:back", "lld:restart", "lld:result", "lld:resolved", "lld:cta", "lld:question", "lld:view"]) {
    document.addEventListener(type, (e) => window.__lldEvents.push({ type, detail: e.detail }));
  }
  for (const [method, type] of [["error", "error"], ["warn", "warning"]]) {
    const original = console[method];
    console[method] = function (...args) {
      journal.console.push({ type, text: text(args) });
      return original.apply(this, args);
    };
  }
  // An uncaught error reaches window as an ErrorEvent; a script, stylesheet or preload that
  // fails to load (a 404, a refused integrity check) fires a plain "error" event on its element,
  // which does not bubble: seen in the capture phase.
  // An error the page handles (a listener calls preventDefault, as embed.js does for the
  // widget's own traps) is not uncaught: whether it was is known once every listener has run,
  // after this task.
  const unlessHandled = (e, entry) => setTimeout(() => e.defaultPrevented || journal.errors.push(entry), 0);
  window.addEventListener(
    "error",
    (e) => {
      if (e.target === window) unlessHandled(e, `${e.message} @ ${e.filename}:${e.lineno}`);
      else if (e.target instanceof Element) journal.loadErrors.push(`<${e.target.localName}> ${e.target.src ?? e.target.href ?? ""}`);
    },
    true,
  );
  window.addEventListener("unhandledrejection", (e) => unlessHandled(e, `unhandled rejection: ${text([e.reason])}`));
  document.addEventListener("securitypolicyviolation", (e) => journal.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  // What the widget copies: readable in every engine, also where the clipboard cannot be read
  // back. The real clipboard still gets it (and says whether it accepted).
  const clipboard = navigator.clipboard;
  if (clipboard?.writeText) {
    const writeText = clipboard.writeText.bind(clipboard);
    clipboard.writeText = (value) => {
      const entry = { text: String(value), ok: null };
      journal.copied.push(entry);
      return writeText(value).then(
        () => void (entry.ok = true),
        (error) => {
          entry.ok = false;
          throw error;
        },
      );
    };
  }
})();
