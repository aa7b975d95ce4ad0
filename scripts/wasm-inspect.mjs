// @ts-check
// Reading a wasm binary for the size and time breakdowns of scripts/bench.mjs and
// scripts/profile.mjs: its sections, the function names of a build that keeps them, and which
// part of the program (crate) a function name belongs to.

/** A reader of unsigned LEB128 numbers (wasm's integers) from `buf`, starting at byte `p`. */
function reader(buf, p = 0) {
  return {
    get p() {
      return p;
    },
    set p(v) {
      p = v;
    },
    byte: () => buf[p++],
    leb() {
      let result = 0;
      let shift = 0;
      let b;
      do {
        b = buf[p++];
        result += (b & 0x7f) * 2 ** shift;
        shift += 7;
      } while (b & 0x80);
      return result;
    },
  };
}

/** The sections of a wasm binary: [{ name, bytes, body }] (custom sections as `custom:<name>`). */
export function wasmSections(buf) {
  const ids = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount", "tag"];
  const out = [];
  const r = reader(buf, 8);
  while (r.p < buf.length) {
    const start = r.p;
    const id = r.byte();
    const size = r.leb();
    const bodyStart = r.p;
    let name = ids[id] ?? `section ${id}`;
    if (id === 0) {
      const n = r.leb();
      name = `custom:${buf.subarray(r.p, r.p + n).toString()}`;
    }
    r.p = bodyStart + size;
    out.push({ name, bytes: r.p - start, body: buf.subarray(bodyStart, r.p) });
  }
  return out;
}

/**
 * The function names of a wasm binary's "name" section (subsection 1), by function index: the
 * build with names kept (scripts/bench.sh) has the shipped build's code, so the indices a
 * profile of the shipped build shows name the same functions.
 * @param {Buffer} buf
 * @returns {Map<number, string>}
 */
export function functionNames(buf) {
  const names = new Map();
  const section = wasmSections(buf).find((s) => s.name === "custom:name");
  if (!section) return names;
  const b = section.body;
  const r = reader(b);
  r.p += r.leb(); // the section's own name ("name"), after its length
  while (r.p < b.length) {
    const id = r.byte();
    const end = r.leb() + r.p;
    if (id === 1) {
      for (let n = r.leb(); n > 0; n -= 1) {
        const index = r.leb();
        const len = r.leb();
        names.set(index, b.subarray(r.p, r.p + len).toString());
        r.p += len;
      }
    }
    r.p = end;
  }
  return names;
}

/** Which part of the program a twiggy item belongs to. */
export function category(name) {
  if (/^".*" subsection$/.test(name)) return "name section (only in the named build)";
  if (name.startsWith("data segment")) return "data segments (strings, CSS, tables)";
  if (/^import /.test(name)) return "imports (the JS functions the wasm calls)";
  if (/^export /.test(name)) return "exports";
  if (/^(type\[|table\[|elem\[|global\[|memory\[|custom section)/.test(name)) return "module structure (types, table, custom)";
  if (/^code\[\d+\]$/.test(name)) return "unnamed code (wasm-bindgen/wasm-opt generated)";
  if (/^(memcpy|memmove|memset|memcmp|bcmp|__multi3|__ashl|__lshr|__udiv|__umod|__div|__mod)/.test(name)) return "compiler_builtins (memcpy, …)";
  // Yew's generic component view with our App::view inlined into it by wasm-opt.
  if (/lifecycle::CompStateInner<COMP> as yew::html::component::lifecycle::Stateful>::view/.test(name)) {
    return "our crate (line_login_diagnosis)";
  }
  const base = name.replace(/ (externref|multivalue) shim/g, "").trim();
  if (/^(mount|fail|widget_destroy|__wbg_widget_free)$/.test(base)) return "our crate (line_login_diagnosis)";
  if (/^(__wbindgen|__wbg_|__externref|__instance_terminated|__abort_handler|Ref\(|wasm_bindgen)/.test(base) || /externref shim/.test(name)) {
    return "wasm-bindgen, js-sys, web-sys";
  }
  const crate = name.match(/(?:^|[<&\s(,*])([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/)?.[1];
  switch (crate) {
    case "line_login_diagnosis":
      return "our crate (line_login_diagnosis)";
    case "yew":
    case "yew_macro":
      return "yew";
    case "core":
    case "alloc":
    case "std":
      return "core + alloc + std";
    case "hashbrown":
      return "hashbrown (HashMap)";
    case "dlmalloc":
      return "dlmalloc (the allocator)";
    case "wasm_bindgen":
    case "js_sys":
    case "web_sys":
    case "wasm_bindgen_futures":
      return "wasm-bindgen, js-sys, web-sys";
    case undefined:
      return "other";
    default:
      return crate.startsWith("gloo") ? "gloo" : `crate ${crate}`;
  }
}

