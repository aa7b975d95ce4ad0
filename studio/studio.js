// @ts-check
// The studio (studio.html, README "Editing the content"): a content author opens a flow file,
// edits it as text or in a form, sees every problem with its place (the checker module's own
// messages, the ones flowcheck prints), the tree as a picture, and the real widget running the
// edited flow at phone width; then downloads the file in the repository's layout. Everything runs
// here, in the browser: the only requests are the studio's own files beside this one.
//
// The checker module (crates/checker; its studio copy beside this file has `lld_report`) gives the problems with their line and column
// and the tree as the rules see it (nodes, edges, reachability, cycles): the rules stay in Rust.
// This file lays the tree out (columns by moves from the first question) and draws it as SVG.

import { reportFlow, compareFlows } from "../src/checker.js";
import { formatFlow } from "./format.js";
import { ReportError, TABLE_COLUMNS, reportInChunks, tableCsv, tableRows } from "./report.js";

const here = import.meta.url;
/** @param {string} id @returns {any} */
const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------------------------------------
// Words (Japanese first, English by the switch)

const WORDS = {
  ja: {
    title: "診断スタジオ", open: "開く:", openJa: "組み込みの日本語版", openEn: "組み込みの英語版", openFile: "ファイルを選ぶ",
    paste: "JSONを貼り付ける", pasteLabel: "貼り付けるJSON", pasteOpen: "これを開く", save: "保存:", download: "JSONをダウンロード",
    dropHint: "JSONファイルをこのページにドラッグ＆ドロップしても開けます。", editor: "JSON",
    editorHint: "Tab キーで空白2つを入れます。欄から出るには Esc を押してから Tab、または Shift+Tab。",
    problems: "問題", compare: "言語をくらべる",
    compareHint: "いまのJSONと、もう一方の言語のファイルの形（id・答え・行き先・tips）が同じかを調べます。",
    compareBuiltin: "組み込みのもう一方の言語とくらべる", compareFile: "ファイルとくらべる", picture: "全体図",
    zoomIn: "拡大", zoomOut: "縮小", fit: "全体を表示", node: "ノード:",
    pictureHint: "ドラッグまたは矢印キーで移動、ホイールまたは +/− で拡大縮小。点線は「解決しなかった → 次の結果」。赤は行き先のない答え・たどり着けないノード、橙はループ。",
    pictureLabel: "診断の全体図", form: "選んだノードの文章", formEmpty: "全体図かノードの一覧でノードを選ぶと、ここで文章を直せます。",
    preview: "プレビュー", device: "端末:", phone: "スマートフォン", desktop: "パソコン", lineApp: "LINEアプリ内", widgetLang: "言語:",
    snippet: "flow-src で使うときの貼り付けコード", share: "共有リンクを作る", shareLabel: "共有リンク", copied: "リンクをコピーしました",
    shareHint: "リンクにはこのJSONがそのまま入ります（サーバーには送られません）。開くと、このスタジオでこの内容が開きます。",
    ok: (q, r) => `問題はありません（質問 ${q}、結果 ${r}）`, bad: (n) => `問題が ${n} 件あります`, checking: "確認しています…",
    noChecker: "チェッカーを読み込めませんでした", chooseNode: "（選んでください）", start: "最初の質問", moves: (n) => `${n} 回目の答えのあと`,
    unreachable: "たどり着けない", notJson: "JSONとして読めません。先に本文で直してください。",
    previewOk: "プレビューは最新の内容です", previewKept: "問題があるため、最後に正しかった内容を表示しています", previewNone: "正しい内容になるとプレビューが表示されます",
    compareOk: "2つの言語の形は同じです", compareBad: (n) => `違いが ${n} 件あります`,
    fText: "質問の文", fHelp: "補足", fAnswer: (i) => `答え ${i}`, fTitle: "タイトル", fCause: "原因", fStep: (i) => `手順 ${i}`, fNote: (i) => `注意 ${i}`,
    answers: "答え", steps: "手順", notes: "注意", loaded: (name) => `${name} を開きました`, downloaded: (name) => `${name} をダウンロードしました`,
    report: "レポート（GA4・dataLayer）", reportLabel: "レポート:", reportFile: "GA4・dataLayerのファイルを開く", reportDownload: "表をCSVでダウンロード", reportClose: "レポートを閉じる",
    reportHint: "GA4の探索のCSV、またはdataLayerのJSONを開くか、このページにドロップすると、各質問の到達と離脱・各結果の割合と解決率・CTAを全体図に描きます。ファイルはこのブラウザーの外に出ません。",
    reportReading: (name) => `${name} を集計しています…`,
    reportDone: (name, s, rows, other) => `${name}: ${s} セッション、${rows} 行${other ? `（対象外 ${other} 行）` : ""}`,
    reportUnknown: (ids) => `。この全体図にないノード: ${ids}（別の版の診断のデータです）`,
    reportMissing: (cols) => `読めませんでした: 列 ${cols} がありません。README「The report」の探索（ディメンション: イベント名、lld_session、lld_seq、lld_node、lld_resolved／指標: イベント数）から書き出してください。`,
    reportBad: (m) => `読めませんでした: ${m}`,
    colid: "ノード", colkind: "種類", colreach: "到達", colstops: "終了", coldropOff: "離脱率", colshare: "割合", colyes: "解決", colno: "未解決", colyesRate: "解決率", colcta: "CTA",
    question: "質問", result: "結果",
    lineQuestion: (reach, stops, rate) => `到達 ${reach} · 離脱 ${stops}（${rate}）`,
    lineResult: (reach, share, yes, cta) => `到達 ${reach}（${share}）· 解決 ${yes} · CTA ${cta}`,
  },
  en: {
    title: "Diagnosis studio", open: "Open:", openJa: "Built-in Japanese", openEn: "Built-in English", openFile: "Choose a file",
    paste: "Paste JSON", pasteLabel: "JSON to paste", pasteOpen: "Open this", save: "Save:", download: "Download the JSON",
    dropHint: "You can also drop a JSON file onto this page.", editor: "JSON",
    editorHint: "Tab inserts two spaces. To leave the field, press Esc and then Tab, or Shift+Tab.",
    problems: "Problems", compare: "Compare languages",
    compareHint: "Checks that this JSON and the other language's file have the same shape (ids, answers, where they lead, tips).",
    compareBuiltin: "Compare with the other built-in language", compareFile: "Compare with a file", picture: "The tree",
    zoomIn: "Zoom in", zoomOut: "Zoom out", fit: "Show all", node: "Node:",
    pictureHint: "Drag or arrow keys to move, wheel or +/− to zoom. Dashed: \"not fixed → next result\". Red: an answer leading nowhere or a node nothing leads to; orange: a loop.",
    pictureLabel: "The diagnosis as a tree", form: "Texts of the selected node", formEmpty: "Select a node in the tree or the node list to edit its texts here.",
    preview: "Preview", device: "Device:", phone: "Phone", desktop: "Computer", lineApp: "LINE's in-app browser", widgetLang: "Language:",
    snippet: "Snippet for flow-src", share: "Make a share link", shareLabel: "Share link", copied: "Link copied",
    shareHint: "The link carries this JSON itself (nothing is sent to a server); it opens this content in this studio.",
    ok: (q, r) => `No problems (${q} questions, ${r} results)`, bad: (n) => `${n} problem${n === 1 ? "" : "s"}`, checking: "Checking…",
    noChecker: "The checker could not be loaded", chooseNode: "(choose)", start: "First question", moves: (n) => `After answer ${n}`,
    unreachable: "Nothing leads here", notJson: "This is not readable JSON. Fix it in the text first.",
    previewOk: "The preview shows the latest content", previewKept: "The text has problems: the preview shows the last valid content", previewNone: "The preview appears when the content is valid",
    compareOk: "Both languages have the same shape", compareBad: (n) => `${n} difference${n === 1 ? "" : "s"}`,
    fText: "Question", fHelp: "Help", fAnswer: (i) => `Answer ${i}`, fTitle: "Title", fCause: "Cause", fStep: (i) => `Step ${i}`, fNote: (i) => `Note ${i}`,
    answers: "Answers", steps: "Steps", notes: "Notes", loaded: (name) => `Opened ${name}`, downloaded: (name) => `Downloaded ${name}`,
    report: "Report (GA4, dataLayer)", reportLabel: "Report:", reportFile: "Open a GA4 or dataLayer file", reportDownload: "Download the table (CSV)", reportClose: "Close the report",
    reportHint: "Open or drop a GA4 exploration CSV or a dataLayer JSON: each question's reach and drop-off, each result's share, yes-rate and CTA clicks are painted on the tree. The file never leaves this browser.",
    reportReading: (name) => `Counting ${name}…`,
    reportDone: (name, s, rows, other) => `${name}: ${s} sessions, ${rows} rows${other ? ` (${other} not the widget's)` : ""}`,
    reportUnknown: (ids) => `. Not in this tree: ${ids} (data of another version of the diagnosis)`,
    reportMissing: (cols) => `Could not read it: no column ${cols}. Export it from the exploration README "The report" describes (dimensions Event name, lld_session, lld_seq, lld_node, lld_resolved; metric Event count).`,
    reportBad: (m) => `Could not read it: ${m}`,
    colid: "Node", colkind: "Kind", colreach: "Reach", colstops: "Ended here", coldropOff: "Drop-off", colshare: "Share", colyes: "Fixed", colno: "Not fixed", colyesRate: "Yes-rate", colcta: "CTA",
    question: "Question", result: "Result",
    lineQuestion: (reach, stops, rate) => `reach ${reach} · drop-off ${stops} (${rate})`,
    lineResult: (reach, share, yes, cta) => `reach ${reach} (${share}) · fixed ${yes} · CTA ${cta}`,
  },
};
/** @type {"ja" | "en"} */
let ui = "ja";
/** @param {string} key @param {...any} args @returns {string} */
function t(key, ...args) {
  const w = WORDS[ui][key];
  return typeof w === "function" ? w(...args) : w;
}

function applyWords() {
  queueMicrotask(() => {
    if (!shown) return;
    showReportTable();
    if (report?.tree) drawTree(report.tree);
  });
  document.documentElement.lang = ui;
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(/** @type {HTMLElement} */ (el).dataset.i18n ?? "");
  for (const el of document.querySelectorAll("[data-i18n-label]")) el.setAttribute("aria-label", t(/** @type {HTMLElement} */ (el).dataset.i18nLabel ?? ""));
  for (const el of document.querySelectorAll("[data-i18n-title]")) el.setAttribute("title", t(/** @type {HTMLElement} */ (el).dataset.i18nTitle ?? ""));
  const other = ui === "ja" ? "en" : "ja";
  $("ui-lang").textContent = other === "en" ? "English" : "日本語";
  $("ui-lang").setAttribute("lang", other);
  document.title = `${t("title")} | LINE login diagnosis`;
  if (report) showReport(report);
  const state = $("preview-status").dataset.state;
  if (state) setPreviewStatus(state);
  renderForm();
}

// ---------------------------------------------------------------------------------------------
// The checker module

async function loadChecker() {
  const bytes = await (await fetch(new URL("./line-login-checker.wasm", here))).arrayBuffer();
  return /** @type {any} */ ((await WebAssembly.instantiate(bytes, {})).instance.exports);
}
let checker = loadChecker();

// ---------------------------------------------------------------------------------------------
// The text

const source = /** @type {HTMLTextAreaElement} */ ($("source"));
const gutter = $("gutter");
const LINE = 18; // px, as studio.css
let fileName = "line-login.ja.json";
let lines = 0;

function updateGutter() {
  const n = source.value.split("\n").length;
  if (n !== lines) {
    lines = n;
    let s = "";
    for (let i = 1; i <= n; i++) s += `${i}\n`;
    gutter.textContent = `${s}\n\n`;
  }
  gutter.scrollTop = source.scrollTop;
}
source.addEventListener("scroll", () => (gutter.scrollTop = source.scrollTop));

// Tab inserts two spaces; Escape, then Tab, leaves the field (Shift+Tab always does).
let leaving = false;
source.addEventListener("keydown", (e) => {
  if (e.key === "Escape") {
    leaving = true;
    return;
  }
  if (e.key === "Tab" && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey && !leaving) {
    e.preventDefault();
    // insertText keeps the browser's undo; setRangeText where it is missing.
    if (!document.execCommand("insertText", false, "  ")) {
      source.setRangeText("  ", source.selectionStart, source.selectionEnd, "end");
      source.dispatchEvent(new Event("input"));
    }
    return;
  }
  if (e.key !== "Tab" && e.key !== "Shift") leaving = false;
});
source.addEventListener("blur", () => (leaving = false));
source.addEventListener("input", () => {
  updateGutter();
  schedule();
});

/** Offset (UTF-16) of a 1-based line and column (in characters). @param {number} line @param {number} column */
function offsetOf(line, column) {
  const text = source.value;
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", at);
    if (nl < 0) break;
    at = nl + 1;
  }
  const lineStart = at;
  let end = text.indexOf("\n", at);
  if (end < 0) end = text.length;
  let col = 1;
  while (col < column && at < end) {
    at += (text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
    col++;
  }
  return { lineStart, lineEnd: end, at };
}

/** Selects a line of the text and scrolls it into view. @param {number} line @param {{focus?: boolean}} [options] */
function goToLine(line, { focus = true } = {}) {
  const { lineStart, lineEnd } = offsetOf(line, 1);
  if (focus) source.focus();
  source.setSelectionRange(lineStart, lineEnd);
  source.scrollTop = Math.max(0, (line - 1) * LINE - source.clientHeight / 3);
  gutter.scrollTop = source.scrollTop;
}

/** Opens a flow text. @param {string} text @param {string} name */
function openText(text, name) {
  source.value = text;
  fileName = name;
  source.scrollTop = 0;
  updateGutter();
  selected = null;
  fitNext = true;
  $("status").textContent = t("loaded", name);
  check();
}

// ---------------------------------------------------------------------------------------------
// Opening

const builtin = (lang) => fetch(new URL(`./line-login.${lang}.json`, here)).then((r) => {
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  return r.text();
});
for (const lang of ["ja", "en"]) {
  $(`open-${lang}`).addEventListener("click", async () => openText(await builtin(lang), `line-login.${lang}.json`));
}
$("open-file").addEventListener("change", async (/** @type {any} */ e) => {
  const file = e.target.files?.[0];
  if (file) openText(await file.text(), file.name);
  e.target.value = "";
});
$("paste-open").addEventListener("click", () => {
  openText($("paste-text").value, "flow.json");
  $("paste-text").value = "";
  $("paste-text").closest("details").open = false;
});
document.addEventListener("dragover", (e) => {
  e.preventDefault();
  document.body.classList.add("dragging");
});
document.addEventListener("dragleave", (e) => {
  if (!e.relatedTarget) document.body.classList.remove("dragging");
});
document.addEventListener("drop", async (e) => {
  e.preventDefault();
  document.body.classList.remove("dragging");
  const file = e.dataTransfer?.files?.[0];
  if (!file) return;
  const text = await file.text();
  // An export for the report (a GA4 CSV, a dataLayer array); anything else is a flow file.
  if (/\.csv$/i.test(file.name) || /^\uFEFF?\s*[[#]/.test(text) || /^\uFEFF?Event name,|^\uFEFF?イベント名,/.test(text)) openReport(text, file.name);
  else openText(text, file.name);
});

// ---------------------------------------------------------------------------------------------
// Checking (300 ms after the last keystroke)

/** @type {ReturnType<typeof reportFlow> | null} */
let report = null;
let lastValid = "";
let timer = 0;
let checks = 0;
function schedule() {
  clearTimeout(timer);
  timer = window.setTimeout(check, 300);
}

async function check() {
  clearTimeout(timer);
  const text = source.value;
  let exports;
  try {
    exports = await checker;
  } catch {
    checker = loadChecker();
    $("status").textContent = t("noChecker");
    return;
  }
  try {
    report = reportFlow(exports, text);
  } catch (error) {
    // A trap leaves the instance unusable: start a new one for the next check.
    checker = loadChecker();
    $("status").textContent = `${t("noChecker")}: ${error.message}`;
    return;
  }
  showReport(report);
  if (report.ok) {
    if (text !== lastValid) {
      lastValid = text;
      updatePreview();
    }
    setPreviewStatus("previewOk");
  } else {
    setPreviewStatus(lastValid ? "previewKept" : "previewNone");
  }
  if (!$("form").contains(document.activeElement)) renderForm();
  document.body.dataset.checks = String(++checks);
}

/** @param {NonNullable<typeof report>} r */
function showReport(r) {
  const status = $("status");
  const list = $("problems");
  list.replaceChildren();
  if (r.ok) {
    const nodes = r.tree?.nodes ?? [];
    status.textContent = t("ok", nodes.filter((n) => n.kind === "question").length, nodes.filter((n) => n.kind === "result").length);
    status.className = "status ok";
  } else {
    status.textContent = t("bad", r.problems.length);
    status.className = "status bad";
  }
  for (const p of r.problems) {
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.line = String(p.line);
    if (p.node) button.dataset.node = p.node;
    const where = document.createElement("span");
    where.className = "where";
    where.textContent = `${p.line}:${p.column}`;
    button.append(where, p.text);
    button.addEventListener("click", () => {
      goToLine(p.line);
      mark(p.node);
    });
    const li = document.createElement("li");
    li.append(button);
    list.append(li);
  }
  if (r.tree) {
    drawTree(r.tree);
    fillNodeSelect(r.tree);
  }
}

// ---------------------------------------------------------------------------------------------
// The picture: columns by moves from the first question, boxes, labelled arrows

const SVG = "http://www.w3.org/2000/svg";
const W = 172;
const H = 48;
const GX = 120;
const GY = 14;
const TOP = 26;
const picture = $("picture");
/** @type {SVGGElement | null} */
let viewport = null;
let view = { x: 10, y: 10, k: 1 };
let size = { w: 0, h: 0 };
let fitNext = true;
/** @type {Map<string, {x: number, y: number, h: number}>} */
let positions = new Map();
/** @type {string | null} */
let selected = null;
/** @type {string | null} */
let marked = null;

/** @param {string} tag @param {Record<string, string | number>} attrs @param {Element} [parent] */
function svg(tag, attrs, parent) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  parent?.append(el);
  return el;
}

/** Display columns of a string (CJK counts two). @param {string} s */
const cols = (s) => [...s].reduce((n, c) => n + ((c.codePointAt(0) ?? 0) > 0x1100 ? 2 : 1), 0);
/** The longest head of `s` within `max` columns, with an ellipsis when cut. @param {string} s @param {number} max */
function clip(s, max) {
  if (cols(s) <= max) return s;
  let out = "";
  for (const c of s) {
    if (cols(out + c) > max - 1) break;
    out += c;
  }
  return `${out}…`;
}
/** Two lines of at most `max` columns. @param {string} s @param {number} max */
function twoLines(s, max) {
  if (cols(s) <= max) return [s];
  let first = "";
  for (const c of s) {
    if (cols(first + c) > max) break;
    first += c;
  }
  return [first, clip(s.slice(first.length), max)];
}

/** @param {import("../src/checker.js").Tree} tree */
function layout(tree) {
  const maxDepth = Math.max(0, ...tree.nodes.map((n) => n.depth));
  const column = tree.nodes.map((n) => (n.depth >= 0 ? n.depth : maxDepth + 1));
  const ncols = Math.max(...column, 0) + 1;
  /** @type {number[][]} */
  const columns = Array.from({ length: ncols }, () => []);
  tree.nodes.forEach((_, i) => columns[column[i]].push(i));
  /** @type {number[][]} */
  const preds = tree.nodes.map(() => []);
  for (const e of tree.edges) if (e.to >= 0 && column[e.from] < column[e.to]) preds[e.to].push(e.from);
  const row = new Array(tree.nodes.length).fill(0);
  const place = () => columns.forEach((c) => c.forEach((n, r) => (row[n] = r)));
  place();
  // A few sweeps of the barycentre heuristic: each node near the average row of what leads to it.
  for (let pass = 0; pass < 3; pass++) {
    for (let c = 1; c < ncols; c++) {
      const key = new Map(columns[c].map((n) => [n, preds[n].length ? preds[n].reduce((s, p) => s + row[p], 0) / preds[n].length : row[n]]));
      columns[c].sort((a, b) => (key.get(a) ?? 0) - (key.get(b) ?? 0));
      columns[c].forEach((n, r) => (row[n] = r));
    }
  }
  // A question with many answers is taller: each answer leaves it at its own height, 12 px apart.
  const outs = tree.nodes.map(() => 0);
  for (const e of tree.edges) outs[e.from]++;
  const heights = outs.map((n) => Math.max(H, 12 * n + 12));
  /** @type {{x: number, y: number, h: number}[]} */
  const pos = tree.nodes.map(() => ({ x: 0, y: 0, h: H }));
  let height = 0;
  columns.forEach((c, ci) => {
    let y = TOP;
    for (const n of c) {
      pos[n] = { x: ci * (W + GX), y, h: heights[n] };
      y += heights[n] + GY;
    }
    height = Math.max(height, y);
  });
  return {
    columns,
    column,
    pos,
    width: ncols * (W + GX) - GX,
    height,
    unreachableColumn: tree.nodes.some((n) => n.depth < 0) ? ncols - 1 : -1,
  };
}

/** @param {import("../src/checker.js").Tree} tree */
function drawTree(tree) {
  const L = layout(tree);
  const root = svg("svg", { role: "presentation", "aria-hidden": "true" });
  const defs = svg("defs", {}, root);
  for (const [id, color] of [["arrow", "#7a8085"], ["arrow-next", "#5b3f99"], ["arrow-bad", "#b3261e"], ["arrow-cycle", "#8a4b00"]]) {
    const m = svg("marker", { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, defs);
    svg("path", { d: "M0 0L10 5L0 10z", fill: color }, m);
  }
  viewport = /** @type {SVGGElement} */ (svg("g", {}, root));
  L.columns.forEach((_, c) => {
    const title = c === L.unreachableColumn ? t("unreachable") : c === 0 ? t("start") : t("moves", c);
    svg("text", { x: c * (W + GX), y: 14, class: "column-title" }, viewport).textContent = title;
  });
  // Edges first (under the boxes); each answer leaves its question at its own height.
  const out = new Map();
  for (const e of tree.edges) out.set(e.from, (out.get(e.from) ?? 0) + 1);
  const seen = new Map();
  for (const e of tree.edges) {
    const k = seen.get(e.from) ?? 0;
    seen.set(e.from, k + 1);
    const a = L.pos[e.from];
    const x1 = a.x + W;
    const y1 = a.y + (a.h * (k + 1)) / (out.get(e.from) + 1);
    const cls = ["edge", e.kind === "next" ? "next" : "", e.cycle ? "cycle" : "", e.to < 0 ? "missing" : ""].filter(Boolean).join(" ");
    const g = svg("g", { "data-from": tree.nodes[e.from].id, "data-target": e.target }, viewport);
    if (e.to < 0) {
      svg("path", { d: `M${x1} ${y1}h${GX - 40}`, class: cls, "marker-end": "url(#arrow-bad)" }, g);
      const box = svg("g", { class: "missing-target" }, g);
      svg("rect", { x: x1 + GX - 38, y: y1 - 9, width: 36 + Math.min(60, cols(e.target) * 6), height: 18, rx: 3 }, box);
      svg("text", { x: x1 + GX - 34, y: y1 + 4 }, box).textContent = `? ${clip(e.target, 14)}`;
    } else {
      const b = L.pos[e.to];
      const x2 = b.x;
      const y2 = b.y + b.h / 2;
      const d = x2 > x1
        ? `M${x1} ${y1}C${x1 + GX / 2} ${y1} ${x2 - GX / 2} ${y2} ${x2} ${y2}`
        : `M${x1} ${y1}C${x1 + 90} ${y1 - 110} ${x2 - 90} ${y2 - 110} ${x2} ${y2}`;
      const marker = e.cycle ? "arrow-cycle" : e.kind === "next" ? "arrow-next" : "arrow";
      svg("path", { d, class: cls, "marker-end": `url(#${marker})` }, g);
    }
    if (e.label) svg("text", { x: x1 + 4, y: y1 - 3, class: "edge-label" }, g).textContent = clip(e.label, 20);
  }
  positions = new Map();
  tree.nodes.forEach((n, i) => {
    const { x, y, h } = L.pos[i];
    positions.set(n.id, { x, y, h });
    const cls = ["node", n.kind, n.reachable ? "" : "unreachable", n.cycle ? "cycle" : "", n.id === selected ? "selected" : "", n.id === marked ? "problem" : ""].filter(Boolean).join(" ");
    const g = svg("g", { class: cls, "data-id": n.id, transform: `translate(${x} ${y})` }, viewport);
    svg("title", {}, g).textContent = `${n.id}: ${n.label}`;
    svg("rect", { width: W, height: h, rx: n.kind === "question" ? 6 : 14 }, g);
    twoLines(n.label, 29).forEach((line, li) => (svg("text", { x: 7, y: 15 + li * 14 }, g).textContent = line));
    const marks = `${n.reachable ? "" : "⚠ "}${n.cycle ? "↻ " : ""}`;
    const idLine = svg("text", { x: 7, y: h - 5, class: "id" }, g);
    idLine.textContent = clip(n.id, 34 - cols(marks));
    if (marks) svg("text", { x: W - 8, y: h - 5, class: "mark", "text-anchor": "end" }, g).textContent = marks.trim();
  });
  picture.replaceChildren(root);
  paintReport();
  size = { w: L.width, h: L.height };
  if (fitNext) {
    fitNext = false;
    fit(0.6);
  } else apply();
}

function apply() {
  viewport?.setAttribute("transform", `translate(${view.x} ${view.y}) scale(${view.k})`);
}
/** Everything in view; a new flow opens at a readable scale (`least`), the left end first. */
function fit(least = 0) {
  const { width, height } = picture.getBoundingClientRect();
  if (!width || !size.w) return apply();
  const k = Math.max(0.15, least, Math.min(1, (width - 20) / size.w, (height - 20) / size.h));
  view = { k, x: 10, y: Math.max(10, (height - size.h * k) / 2) };
  apply();
}
/** @param {number} factor @param {number} [cx] @param {number} [cy] */
function zoom(factor, cx, cy) {
  const { width, height } = picture.getBoundingClientRect();
  cx ??= width / 2;
  cy ??= height / 2;
  const k = Math.max(0.1, Math.min(3, view.k * factor));
  view = { k, x: cx - ((cx - view.x) * k) / view.k, y: cy - ((cy - view.y) * k) / view.k };
  apply();
}
/** Pans so a node is in view. @param {string} id */
function reveal(id) {
  const p = positions.get(id);
  if (!p) return;
  const { width, height } = picture.getBoundingClientRect();
  const sx = view.x + p.x * view.k;
  const sy = view.y + p.y * view.k;
  if (sx < 0 || sy < 0 || sx + W * view.k > width || sy + p.h * view.k > height) {
    view = { ...view, x: width / 2 - (p.x + W / 2) * view.k, y: height / 2 - (p.y + p.h / 2) * view.k };
    apply();
  }
}

$("zoom-in").addEventListener("click", () => zoom(1.25));
$("zoom-out").addEventListener("click", () => zoom(0.8));
$("zoom-fit").addEventListener("click", () => fit());
picture.addEventListener("wheel", (/** @type {WheelEvent} */ e) => {
  e.preventDefault();
  const r = picture.getBoundingClientRect();
  zoom(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
}, { passive: false });
picture.addEventListener("keydown", (/** @type {KeyboardEvent} */ e) => {
  const step = 60;
  const moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
  if (e.key in moves) {
    const [dx, dy] = moves[e.key];
    view = { ...view, x: view.x + dx, y: view.y + dy };
    apply();
  } else if (e.key === "+" || e.key === "=") zoom(1.25);
  else if (e.key === "-" || e.key === "_") zoom(0.8);
  else if (e.key === "0") fit();
  else return;
  e.preventDefault();
});
let drag = null;
picture.addEventListener("pointerdown", (/** @type {PointerEvent} */ e) => {
  drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false, target: e.target };
  picture.setPointerCapture(e.pointerId);
});
picture.addEventListener("pointermove", (/** @type {PointerEvent} */ e) => {
  if (!drag) return;
  const dx = e.clientX - drag.x;
  const dy = e.clientY - drag.y;
  if (Math.abs(dx) + Math.abs(dy) > 4) {
    drag.moved = true;
    picture.classList.add("panning");
  }
  if (drag.moved) {
    view = { ...view, x: drag.vx + dx, y: drag.vy + dy };
    apply();
  }
});
picture.addEventListener("pointerup", () => {
  const d = drag;
  drag = null;
  picture.classList.remove("panning");
  if (d && !d.moved) {
    const node = /** @type {Element} */ (d.target).closest?.(".node");
    if (node) selectNode(node.getAttribute("data-id") ?? "", { cursor: true });
  }
});

/** Highlights the node a problem is in. @param {string | null} id */
function mark(id) {
  marked = id;
  for (const g of picture.querySelectorAll(".node")) g.classList.toggle("problem", g.getAttribute("data-id") === id);
  if (id) reveal(id);
}

/** @param {import("../src/checker.js").Tree} tree */
function fillNodeSelect(tree) {
  const select = /** @type {HTMLSelectElement} */ ($("node-select"));
  const options = [new Option(t("chooseNode"), "")];
  for (const n of tree.nodes) options.push(new Option(`${n.id} — ${clip(n.label, 30)}`, n.id));
  select.replaceChildren(...options);
  select.value = selected ?? "";
}
$("node-select").addEventListener("change", (/** @type {any} */ e) => e.target.value && selectNode(e.target.value, { cursor: false }));

/** @param {string} id @param {{cursor: boolean}} options */
function selectNode(id, { cursor }) {
  selected = id;
  for (const g of picture.querySelectorAll(".node")) g.classList.toggle("selected", g.getAttribute("data-id") === id);
  $("node-select").value = id;
  const node = report?.tree?.nodes.find((n) => n.id === id);
  if (node) goToLine(node.line, { focus: cursor });
  reveal(id);
  renderForm();
}

// ---------------------------------------------------------------------------------------------
// The form: the texts of the selected node, in place

function renderForm() {
  const box = $("form-fields");
  const hint = (text) => {
    const p = document.createElement("p");
    p.className = "hint";
    p.textContent = text;
    box.replaceChildren(p);
  };
  if (!selected) return hint(t("formEmpty"));
  let flow;
  try {
    flow = JSON.parse(source.value);
  } catch {
    return hint(t("notJson"));
  }
  const qi = (flow.questions ?? []).findIndex((q) => q?.id === selected);
  const ri = (flow.results ?? []).findIndex((r) => r?.id === selected);
  /** @type {Node[]} */
  const fields = [];
  let n = 0;
  /** @param {string} label @param {(string|number)[]} path @param {string} value @param {boolean} long @param {Node[]} [into] */
  const field = (label, path, value, long, into = fields) => {
    const id = `form-field-${n++}`;
    const wrap = document.createElement("div");
    wrap.className = "field";
    const l = document.createElement("label");
    l.htmlFor = id;
    l.textContent = label;
    const input = long ? document.createElement("textarea") : document.createElement("input");
    input.id = id;
    input.value = value ?? "";
    if (long) /** @type {HTMLTextAreaElement} */ (input).rows = 2;
    input.dataset.path = JSON.stringify(path);
    input.addEventListener("input", () => edit(path, input.value));
    wrap.append(l, input);
    into.push(wrap);
  };
  /** @param {string} legend @param {(into: Node[]) => void} body */
  const group = (legend, body) => {
    const fs = document.createElement("fieldset");
    const lg = document.createElement("legend");
    lg.textContent = legend;
    /** @type {Node[]} */
    const inner = [];
    body(inner);
    fs.append(lg, ...inner);
    fields.push(fs);
  };
  if (qi >= 0) {
    const q = flow.questions[qi];
    field(t("fText"), ["questions", qi, "text"], q.text, false);
    if (typeof q.help === "string") field(t("fHelp"), ["questions", qi, "help"], q.help, true);
    group(t("answers"), (into) => (q.answers ?? []).forEach((a, i) => field(`${t("fAnswer", i + 1)} (${a.id} → ${a.next})`, ["questions", qi, "answers", i, "text"], a.text, false, into)));
  } else if (ri >= 0) {
    const r = flow.results[ri];
    field(t("fTitle"), ["results", ri, "title"], r.title, false);
    field(t("fCause"), ["results", ri, "cause"], r.cause, true);
    group(t("steps"), (into) => (r.steps ?? []).forEach((s, i) => field(t("fStep", i + 1), ["results", ri, "steps", i, "text"], s.text, true, into)));
    if (Array.isArray(r.notes) && r.notes.length) group(t("notes"), (into) => r.notes.forEach((s, i) => field(t("fNote", i + 1), ["results", ri, "notes", i], s, true, into)));
  } else return hint(t("formEmpty"));
  box.replaceChildren(...fields);
}

/** Sets one text of the flow and writes the file again in the repository's layout. @param {(string|number)[]} path @param {string} value */
function edit(path, value) {
  let flow;
  try {
    flow = JSON.parse(source.value);
  } catch {
    return;
  }
  let at = flow;
  for (const k of path.slice(0, -1)) at = at?.[k];
  if (!at || typeof at !== "object") return;
  at[path[path.length - 1]] = value;
  const top = source.scrollTop;
  source.value = formatFlow(flow);
  source.scrollTop = top;
  updateGutter();
  schedule();
}

// ---------------------------------------------------------------------------------------------
// The preview: the real widget, with the last valid flow, in a phone-wide frame

const preview = /** @type {HTMLIFrameElement} */ ($("preview"));
let flowUrl = "";
/** @param {string} key */
function setPreviewStatus(key) {
  $("preview-status").textContent = t(key);
  $("preview-status").dataset.state = key;
}
const escapeAttr = (/** @type {string} */ s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

// One preview starts at a time: a frame replaced while its widget is still fetching (the flow,
// the checker module) would abort those fetches. A newer flow waits until the widget is up.
let busy = false;
let pending = false;
function whenStarted(started = Date.now()) {
  const host = preview.contentDocument?.querySelector("line-login-diagnosis");
  if ((host?.shadowRoot?.childElementCount ?? 0) > 0 || Date.now() - started > 8000) {
    busy = false;
    if (pending) {
      pending = false;
      updatePreview();
    }
  } else setTimeout(() => whenStarted(started), 100);
}

function updatePreview() {
  if (!lastValid) return;
  if (busy) {
    pending = true;
    return;
  }
  busy = true;
  preview.addEventListener("load", () => whenStarted(), { once: true });
  const old = flowUrl;
  // A page's own flow file (flow-src): a blob: URL of this page's origin, fetched by embed.js
  // like any other and validated by the same checker module.
  flowUrl = URL.createObjectURL(new Blob([lastValid], { type: "application/json" }));
  const embed = new URL("../embed.js", here).href;
  const device = $("device").value;
  const lang = $("widget-lang").value;
  preview.srcdoc = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeAttr(t("preview"))}</title>
<style>body{margin:0;padding:8px;font-family:system-ui,sans-serif}</style>
<script type="module" src="${escapeAttr(embed)}"></script></head><body>
<line-login-diagnosis flow-src="${escapeAttr(flowUrl)}" device="${escapeAttr(device)}" lang="${escapeAttr(lang)}" cta-href="#contact" id="preview"><p>…</p></line-login-diagnosis>
</body></html>`;
  if (old) preview.addEventListener("load", () => setTimeout(() => URL.revokeObjectURL(old), 5000), { once: true });
  updateSnippet();
}
for (const id of ["device", "widget-lang"]) $(id).addEventListener("change", updatePreview);

function updateSnippet() {
  let lang = "ja";
  try {
    lang = JSON.parse(lastValid).lang === "en" ? "en" : "ja";
  } catch {}
  if ($("widget-lang").dataset.touched !== "1") $("widget-lang").value = lang;
  const folder = new URL("../", here).href;
  $("snippet").textContent = `<script type="module" src="${folder}embed.js"></script>
<line-login-diagnosis flow-src="${fileName}"${lang === "en" ? ' lang="en"' : ""} cta-href="https://example.com/contact">
  <a href="https://example.com/article">${lang === "en" ? "Read how to fix a failed login" : "ログインできない時の対処法を読む"}</a>
</line-login-diagnosis>`;
}
$("widget-lang").addEventListener("change", () => ($("widget-lang").dataset.touched = "1"));

// ---------------------------------------------------------------------------------------------
// Saving

$("download").addEventListener("click", () => {
  let flow;
  try {
    flow = JSON.parse(source.value);
  } catch {
    $("status").textContent = t("notJson");
    return;
  }
  const url = URL.createObjectURL(new Blob([formatFlow(flow)], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  $("preview-status").textContent = t("downloaded", fileName);
});

// ---------------------------------------------------------------------------------------------
// Comparing two languages (validate::same_shape, in the checker module)

/** @param {string} other */
async function compareWith(other) {
  const c = compareFlows(await checker, source.value, other);
  $("compare-status").textContent = c.ok ? t("compareOk") : t("compareBad", c.problems.length);
  $("compare-status").className = `status ${c.ok ? "ok" : "bad"}`;
  const items = c.problems.map((p) => {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = p.text;
    if (p.node) {
      b.dataset.node = p.node;
      b.addEventListener("click", () => {
        const n = report?.tree?.nodes.find((x) => x.id === p.node);
        if (n) goToLine(n.line);
        mark(p.node);
      });
    }
    li.append(b);
    return li;
  });
  $("compare-list").replaceChildren(...items);
}
$("compare-builtin").addEventListener("click", async () => {
  let lang = "ja";
  try {
    lang = JSON.parse(source.value).lang;
  } catch {}
  compareWith(await builtin(lang === "en" ? "ja" : "en"));
});
$("compare-file").addEventListener("change", async (/** @type {any} */ e) => {
  const file = e.target.files?.[0];
  if (file) compareWith(await file.text());
  e.target.value = "";
});

// ---------------------------------------------------------------------------------------------
// The report (README "The report"): an export of the widget's events, counted by report.js in
// chunks (the page stays responsive), painted on the tree and listed in a sortable table.

/** @type {{ name: string, sessions: number, rows: ReturnType<typeof tableRows> } | null} */
let shown = null;
let sortBy = { col: "reach", down: true };
let reading = 0;

/** @param {string} text @param {string} name */
async function openReport(text, name) {
  const status = $("report-status");
  const mine = ++reading;
  if (!document.body.classList.contains("reporting")) {
    // The report takes the editor's and the preview's place: the tree wider, the table beside it.
    document.body.classList.add("reporting");
    requestAnimationFrame(() => fit(0.7));
  }
  status.className = "status";
  status.textContent = t("reportReading", name);
  let out;
  try {
    out = await reportInChunks(text);
  } catch (error) {
    if (mine !== reading) return;
    if (!(error instanceof ReportError)) throw error;
    status.className = "status bad";
    status.textContent = error.missing.length ? t("reportMissing", error.missing.map((c) => `"${c}"`).join("、")) : t("reportBad", error.message);
    document.body.dataset.report = "error";
    return;
  }
  if (mine !== reading) return;
  shown = { name, sessions: out.report.sessions, rows: tableRows(out.report) };
  const known = new Set((report?.tree?.nodes ?? []).map((n) => n.id));
  const unknown = shown.rows.map((r) => r.id).filter((id) => !known.has(id));
  status.className = "status ok";
  status.textContent = t("reportDone", name, out.report.sessions, out.rows, out.skipped) + (unknown.length ? t("reportUnknown", unknown.join(", ")) : "");
  $("report-download").disabled = false;
  showReportTable();
  paintReport();
  document.body.dataset.report = String(++reports);
}
let reports = 0;

/** @param {number | null} x */
const percent = (x) => (x === null ? "" : `${Math.round(x * 1000) / 10}%`);

function showReportTable() {
  const table = $("report-table");
  if (!shown) return;
  table.hidden = false;
  const head = table.querySelector("thead tr");
  head.replaceChildren(
    ...TABLE_COLUMNS.map((col) => {
      const th = document.createElement("th");
      th.scope = "col";
      th.setAttribute("aria-sort", sortBy.col === col ? (sortBy.down ? "descending" : "ascending") : "none");
      const b = document.createElement("button");
      b.type = "button";
      b.dataset.col = col;
      b.textContent = t(`col${col}`);
      b.addEventListener("click", () => {
        sortBy = { col, down: sortBy.col === col ? !sortBy.down : col !== "id" && col !== "kind" };
        showReportTable();
      });
      th.append(b);
      return th;
    }),
  );
  const rows = [...shown.rows].sort((a, b) => {
    const x = a[sortBy.col] ?? -1;
    const y = b[sortBy.col] ?? -1;
    const c = typeof x === "string" ? String(x).localeCompare(String(y)) : x - y;
    return (sortBy.down ? -c : c) || a.id.localeCompare(b.id);
  });
  table.querySelector("tbody").replaceChildren(
    ...rows.map((r) => {
      const tr = document.createElement("tr");
      tr.dataset.id = r.id;
      for (const col of TABLE_COLUMNS) {
        const td = document.createElement(col === "id" ? "th" : "td");
        if (col === "id") td.setAttribute("scope", "row");
        td.dataset.col = col;
        const v = r[col];
        td.dataset.value = v === null ? "" : String(v);
        td.textContent = col === "kind" ? t(String(v)) : ["dropOff", "share", "yesRate"].includes(col) ? percent(/** @type {number | null} */ (v)) : v === null ? "" : String(v);
        tr.append(td);
      }
      return tr;
    }),
  );
}

/** Paints the report on the tree drawn now: a line of counts under each node, a bar for reach. */
function paintReport() {
  if (!shown || !viewport) return;
  const byId = new Map(shown.rows.map((r) => [r.id, r]));
  for (const g of viewport.querySelectorAll("g.node")) {
    const id = g.getAttribute("data-id") ?? "";
    const pos = positions.get(id);
    if (!pos) continue;
    const r = byId.get(id);
    g.classList.toggle("unvisited", !r || r.reach === 0);
    const reach = r?.reach ?? 0;
    if (!reach) continue;
    svg("rect", { class: "report-bar", x: 0, y: pos.h - 4, width: Math.max(0, Math.round((W * reach) / Math.max(1, shown.sessions))), height: 4 }, g);
    const line = g.classList.contains("result")
      ? t("lineResult", reach, percent(r?.share ?? 0), percent(r?.yesRate ?? 0), r?.cta ?? 0)
      : t("lineQuestion", reach, r?.stops ?? 0, percent(r?.dropOff ?? 0));
    svg("text", { class: "report-line", x: 2, y: pos.h + 10 }, g).textContent = line;
  }
}

$("report-file").addEventListener("change", async (/** @type {any} */ e) => {
  const file = e.target.files?.[0];
  if (file) openReport(await file.text(), file.name);
  e.target.value = "";
});
$("report-close").addEventListener("click", () => {
  document.body.classList.remove("reporting");
  requestAnimationFrame(() => fit(0.6));
});
$("report-download").addEventListener("click", () => {
  if (!shown) return;
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([tableCsv(shown.rows)], { type: "text/csv" }));
  a.download = `${shown.name.replace(/\.[^.]*$/, "")}-report.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
});

// ---------------------------------------------------------------------------------------------
// A share link: studio.html#flow=<the text, deflated, base64url>; opening it opens that text

/** @param {Uint8Array<ArrayBuffer>} bytes @param {CompressionStream | DecompressionStream} stream */
async function through(bytes, stream) {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}
$("share").addEventListener("click", async () => {
  const packed = await through(new TextEncoder().encode(source.value), new CompressionStream("deflate-raw"));
  let bin = "";
  for (const b of packed) bin += String.fromCharCode(b);
  const link = new URL(`#flow=${btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}`, location.href).href;
  $("share-link").value = link;
  try {
    await navigator.clipboard.writeText(link);
    $("preview-status").textContent = t("copied");
  } catch {
    $("share-link").select(); // no clipboard here: the link is selected to copy by hand
  }
});
async function sharedText() {
  const m = location.hash.match(/^#flow=([A-Za-z0-9_-]+)$/);
  if (!m) return null;
  try {
    const bin = atob(m[1].replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder().decode(await through(bytes, new DecompressionStream("deflate-raw")));
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------

$("ui-lang").addEventListener("click", () => {
  ui = ui === "ja" ? "en" : "ja";
  applyWords();
});
applyWords();
sharedText().then(async (shared) => {
  if (shared !== null) openText(shared, "flow.json");
  else openText(await builtin("ja"), "line-login.ja.json");
});
