// The studio's report computing (studio/report.js), in Node without a browser: exports in GA4's
// CSV and as a dataLayer capture give the same counts; reach counts sessions (not visits of a
// node), drop-off is where a session's last event was (not guessed from page order: Back,
// Restart and "did not help" chains included); malformed and empty files give a message naming
// what is missing. (The same counts from journeys in a real browser: analytics.test.mjs; the
// time for 100,000 rows: scripts/report-bench.mjs.)

import { test } from "node:test";
import assert from "node:assert/strict";
import { ReportError, csvFields, ga4Csv, readExport, report, reportInChunks, tableCsv, tableRows } from "../../studio/report.js";

/** The dataLayer objects of one session: `[event, node, resolved?]` each, numbered in order. */
function session(id, events) {
  return events.map(([event, node, resolved], i) => ({
    event,
    lld_flow: "line-login",
    lld_node: node,
    ...(resolved === undefined ? {} : { lld_resolved: resolved }),
    lld_seq: i + 1,
    lld_session: id,
  }));
}

// Four visits on a branching tree, written as the widget numbers them.
const CAPTURE = [
  // Straight to a result, "did not help", the next one helped, then the call-to-action twice.
  ...session("aaaaaaaa.1", [
    ["lld_start", "where"], ["lld_question", "where"], ["lld_view", "where"], ["lld_answer", "where"],
    ["lld_question", "password-which"], ["lld_answer", "password-which"], ["lld_result", "password-line"],
    ["lld_resolved", "password-line", false], ["lld_result", "password-business"], ["lld_resolved", "password-business", true],
    ["lld_cta", "password-business"], ["lld_cta", "password-business"],
  ]),
  // Stops at the second question (never seen: no lld_view).
  ...session("bbbbbbbb.1", [["lld_start", "where"], ["lld_question", "where"], ["lld_answer", "where"], ["lld_question", "password-which"]]),
  // Goes Back from the second question and ends at another branch's result; the first question
  // was shown twice but is reached once.
  ...session("cccccccc.1", [
    ["lld_start", "where"], ["lld_question", "where"], ["lld_answer", "where"], ["lld_question", "password-which"],
    ["lld_back", "where"], ["lld_question", "where"], ["lld_answer", "where"], ["lld_result", "admin-url"],
  ]),
  // Said no, went Back to the result and said yes: counted as yes, once; then Restart is a new
  // session, which stops at the first question.
  ...session("dddddddd.1", [
    ["lld_start", "where"], ["lld_question", "where"], ["lld_answer", "where"], ["lld_result", "admin-url"],
    ["lld_resolved", "admin-url", false], ["lld_result", "password-line"], ["lld_back", "admin-url"], ["lld_resolved", "admin-url", true],
  ]),
  ...session("dddddddd.2", [["lld_restart", "where"], ["lld_question", "where"]]),
  // Not the widget's: left out.
  { event: "gtm.js" },
];

const EXPECTED = {
  sessions: 5,
  viewed: 1,
  nodes: {
    where: { kind: "question", reach: 5, stops: 1, yes: 0, no: 0, cta: 0 },
    "password-which": { kind: "question", reach: 3, stops: 1, yes: 0, no: 0, cta: 0 },
    "password-line": { kind: "result", reach: 2, stops: 0, yes: 0, no: 1, cta: 0 },
    "password-business": { kind: "result", reach: 1, stops: 1, yes: 1, no: 0, cta: 2 },
    "admin-url": { kind: "result", reach: 2, stops: 2, yes: 1, no: 0, cta: 0 },
  },
};

/** A report as plain data, for deepEqual. @param {ReturnType<typeof report>} r */
const plain = (r) => ({
  sessions: r.sessions,
  viewed: r.viewed,
  nodes: Object.fromEntries([...r.nodes.values()].map(({ id, ...n }) => [id, n])),
});

test("a dataLayer capture: reach per session, drop-off where a session's last event was, yes-rate and CTA per result", () => {
  const read = readExport(JSON.stringify(CAPTURE));
  assert.equal(read.kind, "datalayer");
  assert.equal(read.rows.length, CAPTURE.length - 1);
  assert.deepEqual(plain(report(read.rows)), EXPECTED);
});

test("the same events as GA4's exploration CSV (comment header, aggregated rows) give the same report", async () => {
  const rows = readExport(JSON.stringify(CAPTURE)).rows;
  const csv = ga4Csv(rows);
  assert.match(csv, /^# -+\n# Free form 1\n/);
  const read = readExport(csv);
  assert.equal(read.kind, "ga4-csv");
  assert.deepEqual(plain(report(read.rows)), EXPECTED);
  // In chunks of 3 rows, pausing between them: the same.
  let pauses = 0;
  const chunked = await reportInChunks(csv, { chunk: 3, pause: async () => pauses++ });
  assert.deepEqual(plain(chunked.report), EXPECTED);
  assert.ok(pauses > 5);
  // Windows line ends, a byte-order mark, Japanese headers, quoted fields and a totals row.
  const ja = `\uFEFF${csv.replace("Event name,", "イベント名,").replace(",Event count", ",イベント数").replace(/\n/g, "\r\n")}"Totals",,,,,"1,234"\r\n`;
  assert.deepEqual(plain(report(readExport(ja).rows)), EXPECTED);
});

test("the table: rates per node, and its CSV download", () => {
  const rows = tableRows(report(readExport(JSON.stringify(CAPTURE)).rows));
  const where = rows.find((r) => r.id === "where");
  assert.equal(where.dropOff, 1 / 5);
  assert.equal(where.share, null);
  const admin = rows.find((r) => r.id === "admin-url");
  assert.deepEqual([admin.share, admin.yesRate, admin.cta], [2 / 5, 1, 0]);
  const line = rows.find((r) => r.id === "password-line");
  assert.deepEqual([line.yes, line.no, line.yesRate], [0, 1, 0]);
  const csv = tableCsv(rows).split("\n");
  assert.equal(csv[0], "id,kind,reach,stops,dropOff,share,yes,no,yesRate,cta");
  assert.ok(csv.includes("where,question,5,1,0.2000,,,,,"), csv.join("\n"));
  assert.ok(csv.includes("password-business,result,1,1,,0.2000,1,0,1,2"), csv.join("\n"));
});

test("CSV fields: quotes, commas and doubled quotes", () => {
  assert.deepEqual(csvFields('a,"b,c","d""e",,f'), ["a", "b,c", 'd"e', "", "f"]);
});

/** @param {string} text @param {RegExp} message */
function refused(text, message) {
  assert.throws(() => readExport(text), (e) => e instanceof ReportError && message.test(e.message), `${JSON.stringify(text.slice(0, 80))}`);
}

test("empty, malformed and wrong files: a message that names what is missing", () => {
  refused("", /^The file is empty\.$/);
  refused("  \n\n", /^The file is empty\.$/);
  refused("# Free form 1\n# Start date: 20261201\n", /only comment lines/);
  const header = "Event name,lld_session,lld_seq,lld_resolved,Event count\nlld_start,a.1,1,,1\n";
  refused(header, /no column "lld_node"/);
  try {
    readExport("# x\nEvent name,Event count\nlld_start,1\n");
    assert.fail("refused");
  } catch (e) {
    assert.deepEqual(e.missing, ["lld_session", "lld_seq", "lld_node", "lld_resolved"]);
    assert.match(e.message, /no column "lld_session", "lld_seq", "lld_node", "lld_resolved" \(its header row: "Event name", "Event count"\)/);
  }
  refused("Date,Users\n20261201,5\n", /no column "Event name", "lld_session", "lld_seq", "lld_node", "lld_resolved", "Event count"/);
  refused("[1, 2", /is not JSON/);
  refused('[{"event":"gtm.js"}]', /no event of the widget/);
  refused('[{"event":"lld_start","lld_node":"where"}]', /no lld_session, lld_seq: they come from a widget older than 1\.1/);
  // A header and no rows is an empty report, not an error.
  const empty = readExport("Event name,lld_session,lld_seq,lld_node,lld_resolved,Event count\n");
  assert.deepEqual(plain(report(empty.rows)), { sessions: 0, viewed: 0, nodes: {} });
});
