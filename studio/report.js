// @ts-check
// The report's computing (README "The report"): from the widget's events, as a marketer exports
// them from GA4 (an exploration's CSV download) or captures them from `dataLayer` (a JSON array
// of the pushed objects), to reach and drop-off per question and share, "did this fix it?"
// yes-rate and call-to-action clicks per result. Pure functions of rows to counts: no DOM, no
// network, nothing stored; studio.js paints what comes out, tests/e2e/report.test.mjs and
// scripts/report-bench.mjs run it in Node.
//
// Correct on a branching tree, without guessing from page order:
// - a session is one diagnosis run: `lld_session` (a random id per widget start, `.2` after a
//   Restart; README "Events");
// - a node's reach counts the sessions that were shown it: `lld_question` at a question,
//   `lld_result` at a result — each session once, however often it came back (Back, the trail);
// - a session stopped where its last event (highest `lld_seq`) was: every event's `lld_node` is
//   the node on screen then or, for `lld_answer` and "did not help", the one just left — and those
//   are followed at once by the next screen's event. Stopped at a question is a drop-off there;
//   stopped at a result is an end there.
// - yes-rate: of the sessions that answered "did this fix it?" at a result, those that said yes
//   (a session that said both, after Back, counts as yes); CTA: `lld_cta` events (clicks).

/** The columns a report needs, by their GA4 parameter names (README "Events"). */
export const NEEDED = ["lld_session", "lld_seq", "lld_node", "lld_resolved"];

/** Header names GA4 gives the event name and the event count, in English and Japanese. */
const EVENT_NAMES = ["event name", "イベント名", "event_name", "eventname", "event"];
const COUNT_NAMES = ["event count", "イベント数", "event_count", "eventcount", "count"];
/** What GA4 writes for a dimension an event does not have. */
const NOT_SET = new Set(["", "(not set)", "(未設定)"]);

/** A file that cannot give a report: `message` says what is missing, in the marketer's words. */
export class ReportError extends Error {
  /** @param {string} message @param {string[]} [missing] */
  constructor(message, missing = []) {
    super(message);
    this.name = "ReportError";
    /** Column names the file lacks. */
    this.missing = missing;
  }
}

/**
 * One event row: the event's name (`lld_result`…), its session, number, node, "did this fix
 * it?" answer, and how many events the row stands for (GA4 aggregates; a dataLayer object is 1).
 * @typedef {{ event: string, session: string, seq: number, node: string, resolved: string, count: number }} Row
 */

/** Splits one CSV line (RFC 4180 quotes; GA4 quotes fields with commas). @param {string} line */
export function csvFields(line) {
  /** @type {string[]} */
  const out = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      out.push(field);
      field = "";
    } else field += c;
  }
  out.push(field);
  return out;
}

/**
 * Reads an export: a GA4 exploration CSV (`#` comment lines, then a header row, then one row
 * per combination of the dimensions, with Event count) or a dataLayer capture (a JSON array of
 * the objects the widget pushed). Events that are not the widget's (`lld_…`) are left out.
 * Throws a ReportError naming what is missing.
 * @param {string} text
 * @returns {{ kind: "ga4-csv" | "datalayer", rows: Row[], skipped: number }}
 */
export function readExport(text) {
  const { kind, chunks } = openExport(text, Infinity);
  /** @type {Row[]} */
  const rows = [];
  let skipped = 0;
  for (const c of chunks) {
    for (const r of c.rows) rows.push(r);
    skipped += c.skipped;
  }
  return { kind, rows, skipped };
}

/**
 * Checks an export's form and gives its rows in chunks of about `size` lines (a dataLayer
 * capture, parsed by JSON.parse, comes as one chunk). Throws a ReportError at once, before
 * any chunk, when the form is wrong.
 * @param {string} text @param {number} size
 * @returns {{ kind: "ga4-csv" | "datalayer", chunks: Iterable<{ rows: Row[], skipped: number }> }}
 */
function openExport(text, size) {
  const body = text.replace(/^\uFEFF/, "");
  if (body.trim() === "") throw new ReportError("The file is empty.");
  if (body.trimStart().startsWith("[")) return { kind: "datalayer", chunks: [readDataLayer(body)] };
  return { kind: "ga4-csv", chunks: csvChunks(body, size) };
}

/** @param {string} text */
function readDataLayer(text) {
  let list;
  try {
    list = JSON.parse(text);
  } catch (error) {
    throw new ReportError(`The file starts like a dataLayer capture (a JSON array) but is not JSON: ${error.message}`);
  }
  if (!Array.isArray(list)) throw new ReportError("A dataLayer capture is a JSON array of the pushed objects.");
  /** @type {Row[]} */
  const rows = [];
  let skipped = 0;
  const ours = list.filter((o) => o && typeof o === "object" && typeof o.event === "string" && o.event.startsWith("lld_"));
  if (ours.length === 0) throw new ReportError("The capture has no event of the widget (lld_…): was the widget's data-layer attribute set?");
  const missing = NEEDED.filter((k) => k !== "lld_resolved" && !ours.some((o) => k in o));
  if (missing.length) throw new ReportError(`The capture's events have no ${missing.join(", ")}: they come from a widget older than 1.1.`, missing);
  for (const o of ours) {
    const seq = Number(o.lld_seq);
    if (typeof o.lld_session !== "string" || !Number.isFinite(seq)) {
      skipped++;
      continue;
    }
    rows.push({ event: o.event, session: o.lld_session, seq, node: String(o.lld_node ?? ""), resolved: o.lld_resolved === undefined ? "" : String(o.lld_resolved), count: 1 });
  }
  return { rows, skipped };
}

/** A GA4 CSV's header checked; its rows in chunks of `size` lines. @param {string} text @param {number} size */
function csvChunks(text, size) {
  const lines = text.split(/\r?\n/);
  let at = 0;
  // GA4's comment header: lines starting with '#', and blank lines between its blocks.
  while (at < lines.length && (lines[at].startsWith("#") || lines[at].trim() === "")) at++;
  if (at === lines.length) throw new ReportError("The file has only comment lines (#…) and no table.");
  const header = csvFields(lines[at]).map((h) => h.trim());
  const lower = header.map((h) => h.toLowerCase());
  const col = (/** @type {string[]} */ names) => lower.findIndex((h) => names.includes(h));
  /** @type {Record<string, number>} */
  const index = {
    event: col(EVENT_NAMES),
    count: col(COUNT_NAMES),
    ...Object.fromEntries(NEEDED.map((n) => [n, col([n])])),
  };
  const missing = [
    ...(index.event < 0 ? ["Event name"] : []),
    ...NEEDED.filter((n) => index[n] < 0),
    ...(index.count < 0 ? ["Event count"] : []),
  ];
  if (missing.length) {
    const which = missing.map((m) => `"${m}"`).join(", ");
    throw new ReportError(
      `The table has no column ${which} (its header row: ${header.map((h) => `"${h}"`).join(", ") || "empty"}). Build the exploration as README "The report" says: dimensions Event name, lld_session, lld_seq, lld_node, lld_resolved; metric Event count.`,
      missing,
    );
  }
  // The table ends at a blank line or a comment (GA4 writes one table per download).
  let end = at + 1;
  while (end < lines.length && lines[end].trim() !== "" && !lines[end].startsWith("#")) end++;
  return (function* () {
    for (let from = at + 1; from < end; from += size) {
      /** @type {Row[]} */
      const rows = [];
      let skipped = 0;
      for (let i = from; i < Math.min(end, from + size); i++) {
        const f = csvFields(lines[i]);
        const event = (f[index.event] ?? "").trim();
        if (!event.startsWith("lld_")) {
          skipped++; // another event, or a totals row
          continue;
        }
        const session = (f[index.lld_session] ?? "").trim();
        const seq = Number((f[index.lld_seq] ?? "").trim());
        const count = Number((f[index.count] ?? "").replace(/[,\s]/g, ""));
        if (NOT_SET.has(session) || !Number.isFinite(seq) || !Number.isFinite(count)) {
          skipped++;
          continue;
        }
        const node = (f[index.lld_node] ?? "").trim();
        const resolved = (f[index.lld_resolved] ?? "").trim();
        rows.push({ event, session, seq, node: NOT_SET.has(node) ? "" : node, resolved: NOT_SET.has(resolved) ? "" : resolved, count });
      }
      yield { rows, skipped };
    }
  })();
}

/**
 * Counts as rows arrive (`add`), then gives the report (`finish`): so a big file is taken in
 * chunks with the page responsive between them (studio.js, scripts/report-bench.mjs).
 */
export function accumulator() {
  /** @type {Map<string, { seq: number, node: string, seen: Set<string>, viewed: boolean, yes: Set<string>, no: Set<string> }>} */
  const sessions = new Map();
  /** @type {Set<string>} */
  const results = new Set();
  /** @type {Set<string>} */
  const questions = new Set();
  /** @type {Map<string, number>} */
  const cta = new Map();
  return {
    /** @param {Row[]} rows */
    add(rows) {
      for (const r of rows) {
        let s = sessions.get(r.session);
        if (!s) sessions.set(r.session, (s = { seq: -Infinity, node: "", seen: new Set(), viewed: false, yes: new Set(), no: new Set() }));
        if (r.seq > s.seq && r.node) {
          s.seq = r.seq;
          s.node = r.node;
        }
        switch (r.event) {
          case "lld_question":
            questions.add(r.node);
            s.seen.add(r.node);
            break;
          case "lld_result":
            results.add(r.node);
            s.seen.add(r.node);
            break;
          case "lld_view":
            s.viewed = true;
            break;
          case "lld_resolved":
            (r.resolved === "true" ? s.yes : s.no).add(r.node);
            break;
          case "lld_cta":
            cta.set(r.node, (cta.get(r.node) ?? 0) + r.count);
            break;
        }
      }
    },
    /** @returns {Report} */
    finish() {
      /** @type {Map<string, NodeCounts>} */
      const nodes = new Map();
      const get = (/** @type {string} */ id) => {
        let n = nodes.get(id);
        if (!n) nodes.set(id, (n = { id, kind: results.has(id) ? "result" : "question", reach: 0, stops: 0, yes: 0, no: 0, cta: cta.get(id) ?? 0 }));
        return n;
      };
      let viewed = 0;
      for (const s of sessions.values()) {
        if (s.viewed) viewed++;
        for (const id of s.seen) get(id).reach++;
        if (s.node) get(s.node).stops++;
        for (const id of s.yes) get(id).yes++;
        for (const id of s.no) if (!s.yes.has(id)) get(id).no++;
      }
      for (const id of cta.keys()) get(id);
      for (const id of questions) get(id);
      return { sessions: sessions.size, viewed, nodes };
    },
  };
}

/**
 * What one node did: `reach` sessions were shown it; `stops` sessions ended there (a drop-off
 * at a question, an end at a result); at a result, `yes`/`no` sessions answered "did this fix
 * it?" (yes wins when a session said both) and `cta` call-to-action clicks.
 * @typedef {{ id: string, kind: "question" | "result", reach: number, stops: number, yes: number, no: number, cta: number }} NodeCounts
 * @typedef {{ sessions: number, viewed: number, nodes: Map<string, NodeCounts> }} Report
 */

/** The report of rows, all at once. @param {Row[]} rows */
export function report(rows) {
  const acc = accumulator();
  acc.add(rows);
  return acc.finish();
}

/**
 * Reads and counts an export in chunks of `chunk` lines, awaiting `pause()` between them (the
 * studio yields to the browser there, so the page stays responsive); a dataLayer capture is
 * one JSON.parse, then counted in chunks. Throws a ReportError, before any pause.
 * @param {string} text
 * @param {{ chunk?: number, pause?: () => Promise<unknown> }} [options]
 */
export async function reportInChunks(text, { chunk = 10_000, pause = () => new Promise((r) => setTimeout(r, 0)) } = {}) {
  const { kind, chunks } = openExport(text, chunk);
  await pause();
  const acc = accumulator();
  let rows = 0;
  let skipped = 0;
  for (const c of chunks) {
    // A capture comes as one chunk of rows: counted in slices too.
    for (let i = 0; i < c.rows.length; i += chunk) {
      acc.add(i === 0 && c.rows.length <= chunk ? c.rows : c.rows.slice(i, i + chunk));
      await pause();
    }
    rows += c.rows.length;
    skipped += c.skipped;
  }
  return { kind, rows, skipped, report: acc.finish() };
}

/** A share as a fraction of a whole; 0 of 0 is 0. @param {number} part @param {number} whole */
export const rate = (part, whole) => (whole > 0 ? part / whole : 0);

/**
 * One table row per node, as the studio shows and downloads it: drop-off rate is stops ÷ reach
 * at a question; share is reach ÷ sessions and yes-rate yes ÷ (yes + no) at a result.
 * @param {Report} r
 */
export function tableRows(r) {
  return [...r.nodes.values()].map((n) => ({
    id: n.id,
    kind: n.kind,
    reach: n.reach,
    stops: n.stops,
    dropOff: n.kind === "question" ? rate(n.stops, n.reach) : null,
    share: n.kind === "result" ? rate(n.reach, r.sessions) : null,
    yes: n.kind === "result" ? n.yes : null,
    no: n.kind === "result" ? n.no : null,
    yesRate: n.kind === "result" ? rate(n.yes, n.yes + n.no) : null,
    cta: n.kind === "result" ? n.cta : null,
  }));
}

/** The table's columns, in order, as the CSV download names them. */
export const TABLE_COLUMNS = ["id", "kind", "reach", "stops", "dropOff", "share", "yes", "no", "yesRate", "cta"];

/** The table as CSV (a header row, then one row per node; rates as fractions to 4 places). @param {ReturnType<typeof tableRows>} rows */
export function tableCsv(rows) {
  const cell = (/** @type {unknown} */ v) => {
    if (v === null || v === undefined) return "";
    if (typeof v === "number" && !Number.isInteger(v)) return v.toFixed(4);
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [TABLE_COLUMNS.join(","), ...rows.map((row) => TABLE_COLUMNS.map((c) => cell(row[c])).join(","))].join("\n") + "\n";
}

/**
 * Writes rows as GA4 writes an exploration's CSV download (the comment header, then the table):
 * for tests and the benchmark, and to show a marketer what the studio expects.
 * @param {Row[]} rows
 * @param {{ start?: string, end?: string }} [range]
 */
export function ga4Csv(rows, { start = "20261201", end = "20261207" } = {}) {
  // Aggregated as GA4 does: one row per combination of the dimensions, with its event count.
  /** @type {Map<string, Row>} */
  const combined = new Map();
  for (const r of rows) {
    const key = [r.event, r.session, r.seq, r.node, r.resolved].join("\u0000");
    const had = combined.get(key);
    if (had) had.count += r.count;
    else combined.set(key, { ...r });
  }
  const q = (/** @type {string} */ s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [
    "# ----------------------------------------",
    "# Free form 1",
    "# ----------------------------------------",
    "",
    "# All Users",
    `# Start date: ${start}`,
    `# End date: ${end}`,
    "Event name,lld_session,lld_seq,lld_node,lld_resolved,Event count",
    ...[...combined.values()].map((r) => [r.event, r.session, String(r.seq), r.node || "(not set)", r.resolved || "(not set)", String(r.count)].map(q).join(",")),
  ];
  return lines.join("\n") + "\n";
}
