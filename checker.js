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
  const input = new TextEncoder().encode(text);
  const at = checker.lld_alloc(input.length);
  new Uint8Array(checker.memory.buffer, at, input.length).set(input);
  const ok = checker.lld_check(at, input.length) === 1;
  const result = new Uint8Array(checker.memory.buffer, checker.lld_result_ptr(), checker.lld_result_len());
  return { ok, out: new TextDecoder().decode(result) };
}
