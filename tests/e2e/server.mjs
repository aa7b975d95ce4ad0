// A tiny static file server for the end-to-end tests: loopback only, an ephemeral port, the
// content types a real host must send, optional CORS, and hooks to make a path fail or to serve
// generated pages. Every server is closed by the test that started it.

import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".flow": "application/octet-stream",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Starts a server on 127.0.0.1 with an ephemeral port.
 *
 * @param {object} options
 * @param {string} [options.root]  folder served as `/` (e.g. the dist folder)
 * @param {boolean} [options.cors]  send `Access-Control-Allow-Origin: *` (the widget's origin)
 * @param {string} [options.cacheRoot]  `Cache-Control` of the files from `root` (default
 *   `no-store`, like every generated response). A host serves a versioned folder cacheable, and
 *   that matters: Firefox hands a `<link rel="preload">`ed file to the later fetch through the
 *   HTTP cache, so under `no-store` it downloads the wasm twice.
 * @param {Record<string, string | {body: string | Buffer, type?: string, status?: number, headers?: object}>} [options.pages]
 *   generated responses by path (a string is served as HTML; `headers`, e.g. a
 *   Content-Security-Policy, are added to the response); they win over `root`
 * @returns {Promise<{origin: string, url: (path?: string) => string,
 *   log: {method: string, path: string, status: number}[],
 *   notFound: Set<string>, hold: Map<string, Promise<void>>, pages: Map<string, any>, close: () => Promise<void>}>}
 *   `notFound`: paths that answer 404 (a test adds and removes them); `log`: every request and
 *   the status it got (the journal's view of requests in engines without network events);
 *   `hold`: paths whose answer waits until the test's promise settles (a slow network on cue).
 */
export async function startServer({ root, cors = false, cacheRoot = "no-store", pages = {} } = {}) {
  const notFound = new Set();
  /** @type {Map<string, Promise<void>>} */
  const hold = new Map();
  const generated = new Map(Object.entries(pages));
  const log = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const entry = { method: req.method ?? "GET", path, status: 0 };
    log.push(entry);
    const headers = { "Cache-Control": "no-store" };
    if (cors) headers["Access-Control-Allow-Origin"] = "*";
    const send = (status, body, type = "text/plain; charset=utf-8", extra = {}) => {
      entry.status = status;
      res.writeHead(status, { ...headers, ...extra, "Content-Type": type });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "method not allowed");
    if (hold.has(path)) await hold.get(path)?.catch(() => {});
    if (notFound.has(path)) return send(404, "not found (deliberately, by the test)");
    const page = generated.get(path);
    if (page !== undefined) {
      if (typeof page === "string") return send(200, page, TYPES[".html"]);
      return send(page.status ?? 200, page.body, page.type ?? TYPES[extname(path)] ?? TYPES[".html"], page.headers);
    }
    if (!root) return send(404, "not found");
    const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(normalize(root + sep))) return send(403, "forbidden");
    try {
      const body = await readFile(file);
      return send(200, body, TYPES[extname(file)] ?? "application/octet-stream", { "Cache-Control": cacheRoot });
    } catch {
      return send(404, "not found");
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(undefined));
  });
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path = "/") => new URL(path, origin).href,
    log,
    notFound,
    hold,
    pages: generated,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
