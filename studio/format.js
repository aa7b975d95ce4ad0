// @ts-check
// The layout content/*.json is kept in, so a file the studio saves differs from the repository's
// only where the author changed something (a committed file round-trips byte for byte; tested in
// tests/e2e/studio.test.mjs). Two-space indent; an object of plain values (an answer, a step, a
// link) on one line; an array of plain values (a result's tips) on one line when the line fits
// in 100 columns, counting a CJK character as two; a trailing newline.

const WIDTH = 100;
/** @param {unknown} x */
const plain = (x) => x === null || typeof x !== "object";
/** @param {unknown} x */
const literal = (x) => JSON.stringify(x) ?? "null";
/** Display columns: wide (CJK, full-width) characters count two. @param {string} s */
const columns = (s) => {
  let n = 0;
  for (const c of s) n += (c.codePointAt(0) ?? 0) > 0x1100 ? 2 : 1;
  return n;
};

/**
 * @param {any} v @param {number} depth @param {number} used  columns before the value on its line
 * @returns {string}
 */
function format(v, depth, used) {
  if (plain(v)) return literal(v);
  const pad = "  ".repeat(depth);
  if (Array.isArray(v)) {
    if (!v.length) return "[]";
    if (v.every(plain)) {
      const one = `[${v.map(literal).join(", ")}]`;
      if (used + columns(one) <= WIDTH) return one;
    }
    return `[\n${v.map((x) => `${pad}  ${format(x, depth + 1, pad.length + 2)}`).join(",\n")}\n${pad}]`;
  }
  // As JSON.stringify: members whose value is undefined are left out.
  const keys = Object.keys(v).filter((k) => v[k] !== undefined);
  if (!keys.length) return "{}";
  if (depth > 0 && keys.every((k) => plain(v[k]))) {
    return `{ ${keys.map((k) => `${JSON.stringify(k)}: ${literal(v[k])}`).join(", ")} }`;
  }
  return `{\n${keys
    .map((k) => {
      const key = `${JSON.stringify(k)}: `;
      return `${pad}  ${key}${format(v[k], depth + 1, pad.length + 2 + columns(key))}`;
    })
    .join(",\n")}\n${pad}}`;
}

/** A flow (parsed JSON) as the repository keeps it. @param {unknown} flow */
export function formatFlow(flow) {
  return `${format(flow, 0, 0)}\n`;
}
