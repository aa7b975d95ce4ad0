// A minimal client of the W3C WebDriver protocol ("classic", HTTP + JSON), for drivers such as
// WebKitWebDriver (and geckodriver or safaridriver, should an engine file want one). The tests
// need eight commands; a client library such as webdriverio would bring about a hundred npm
// packages (and driver downloaders that cannot work here) for them.

/** An error answered by the driver, with its W3C error code and message. */
export class WebDriverError extends Error {
  /** @param {string} command @param {{error?: string, message?: string}} value */
  constructor(command, value) {
    super(`${command}: ${value?.error ?? "error"}: ${value?.message ?? JSON.stringify(value)}`);
    this.code = value?.error;
  }
}

/**
 * One WebDriver session on a driver at `base` (e.g. `http://127.0.0.1:4444`).
 *
 * @param {string} base
 * @param {object} capabilities  the `alwaysMatch` capabilities
 * @param {{timeout?: number}} [options]  per-command deadline (ms), so a hung driver fails the test
 */
export async function newSession(base, capabilities, { timeout = 60_000 } = {}) {
  /** @param {string} method @param {string} path @param {object} [body] */
  const send = async (method, path, body) => {
    let response;
    let value;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: body ? { "Content-Type": "application/json" } : {},
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(timeout),
      });
      ({ value } = await response.json());
    } catch (error) {
      const what = body?.script ? ` (script: ${String(body.script).slice(0, 120)}…)` : body?.url ? ` (${body.url})` : "";
      throw new WebDriverError(`${method} ${path}${what}`, { error: error.name, message: error.message });
    }
    if (!response.ok) throw new WebDriverError(`${method} ${path}`, value);
    return value;
  };
  const { sessionId, capabilities: granted } = await send("POST", "/session", { capabilities: { alwaysMatch: capabilities } });
  const at = (path) => `/session/${sessionId}${path}`;
  /** A pointer action sequence: move to (x, y) in the viewport, press, release. */
  const press = (pointerType, x, y) =>
    send("POST", at("/actions"), {
      actions: [
        {
          type: "pointer",
          id: pointerType,
          parameters: { pointerType },
          actions: [
            { type: "pointerMove", x: Math.round(x), y: Math.round(y), origin: "viewport", duration: 0 },
            { type: "pointerDown", button: 0 },
            { type: "pointerUp", button: 0 },
          ],
        },
      ],
    });
  return {
    capabilities: granted,
    /** @param {string} url */
    navigate: (url) => send("POST", at("/url"), { url }),
    /** Moves the mouse to (x, y) in the viewport, pressing nothing. @param {number} x @param {number} y */
    move: (x, y) =>
      send("POST", at("/actions"), {
        actions: [{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions: [{ type: "pointerMove", x: Math.round(x), y: Math.round(y), origin: "viewport", duration: 0 }] }],
      }),
    refresh: () => send("POST", at("/refresh"), {}),
    /**
     * Runs a script body in the page (a returned promise is awaited, as the standard says);
     * Execute Script is not subject to the page's Content-Security-Policy.
     * @param {string} body @param {any[]} [args]
     */
    execute: (body, args = []) => send("POST", at("/execute/sync"), { script: body, args }),
    /** @param {{width: number, height: number}} size */
    setWindowSize: ({ width, height }) => send("POST", at("/window/rect"), { width, height }),
    /** @param {number} x @param {number} y */
    click: (x, y) => press("mouse", x, y),
    /** @param {number} x @param {number} y */
    tap: (x, y) => press("touch", x, y),
    /** @param {string} value  text or WebDriver key codes (e.g. "\uE004" for Tab) */
    keys: (value) =>
      send("POST", at("/actions"), {
        actions: [{ type: "key", id: "keyboard", actions: [...value].flatMap((k) => [{ type: "keyDown", value: k }, { type: "keyUp", value: k }]) }],
      }),
    /** The viewport as PNG. */
    screenshot: async () => Buffer.from(await send("GET", at("/screenshot")), "base64"),
    close: () => send("DELETE", at("")),
  };
}
