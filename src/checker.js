// @ts-check
// The checker module's calling sequence (crates/checker/src/lib.rs), written once for every
// caller: embed.js for a page's own flow file (`flow-src`), scripts/post-build.mjs for the
// built-in content. The module has no imports and a C-style interface: the caller gets a buffer,
// copies the flow file in, asks for the check and reads the result back from the module's memory.

/**
 * The exports of an instantiated `line-login-checker.wasm`.
 * @typedef {object} CheckerExports
 * @property {WebAssembly.Memory} memory
 * @property {(len: number) => number} lld_alloc  a buffer of `len` bytes for the input
 * @property {(ptr: number, len: number) => number} lld_check  1 when valid; takes the buffer back
 * @property {(ptr: number, len: number) => number} [lld_report]  the studio's report (see reportFlow)
 * @property {(ptr: number, len: number) => number} [lld_compare]  two files, NUL between: same_shape
 * @property {() => number} lld_result_ptr
 * @property {() => number} lld_result_len
 */

/**
 * Checks a flow file's text: `{ ok: true, out: <the compiled flow> }`, or `{ ok: false, out:
 * <every problem, one a line: place, what is wrong, how to fix it> }`. A trap inside the module
 * is thrown as it is (the caller decides what it means).
 * @param {CheckerExports} checker
 * @param {string} text
 * @returns {{ ok: boolean, out: string }}
 */
export function checkFlow(checker, text) {
  return call(checker, checker.lld_check, new TextEncoder().encode(text));
}

/** @param {CheckerExports} checker @param {Function} fn @param {Uint8Array} input */
function call(checker, fn, input) {
  const at = checker.lld_alloc(input.length);
  new Uint8Array(checker.memory.buffer, at, input.length).set(input);
  const ok = fn(at, input.length) === 1;
  const result = new Uint8Array(checker.memory.buffer, checker.lld_result_ptr(), checker.lld_result_len());
  return { ok, out: new TextDecoder().decode(result) };
}

/**
 * A problem of a flow file: the message flowcheck prints, its place, and where it is in the text.
 * @typedef {{ text: string, place: string, line: number, column: number, node: string | null }} Problem
 */
/**
 * The tree as the rules see it (crates/checker/src/report.rs): `to` is -1 for an id that names
 * no node; `depth` is the moves from start, -1 when unreachable.
 * @typedef {{ start: number,
 *   nodes: { id: string, kind: "question" | "result", label: string, line: number, depth: number, reachable: boolean, cycle: boolean }[],
 *   edges: { from: number, to: number, target: string, label: string, kind: "answer" | "next", cycle: boolean }[] }} Tree
 */

/**
 * The studio's check of a flow file: every problem with its line and column, and the tree
 * (null when the text is not JSON of the flow's shape).
 * @param {CheckerExports} checker @param {string} text
 * @returns {{ ok: boolean, problems: Problem[], tree: Tree | null }}
 */
export function reportFlow(checker, text) {
  return JSON.parse(call(checker, checker.lld_report, new TextEncoder().encode(text)).out);
}

/**
 * Where two languages of a flow differ in shape (validate::same_shape), node by node.
 * @param {CheckerExports} checker @param {string} a @param {string} b
 * @returns {{ ok: boolean, problems: { text: string, place: string, node: string | null }[] }}
 */
export function compareFlows(checker, a, b) {
  const [ea, eb] = [a, b].map((t) => new TextEncoder().encode(t));
  const input = new Uint8Array(ea.length + 1 + eb.length);
  input.set(ea);
  input.set(eb, ea.length + 1);
  return JSON.parse(call(checker, checker.lld_compare, input).out);
}
