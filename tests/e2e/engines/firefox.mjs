// Firefox: Debian's firefox-esr through puppeteer-core over WebDriver BiDi (Playwright cannot
// drive a stock Firefox; puppeteer-core downloads nothing). Every page is a new browser
// context.
//
// Reduced motion, the colour scheme and JavaScript on or off are Firefox preferences, fixed when a browser starts:
// one browser is started per combination a test file asks for (usually one or two).

import puppeteer from "puppeteer-core";

const FIREFOX = "/usr/bin/firefox-esr";

/** @type {import("../driver.mjs").EngineDriver} */
export const engine = {
  name: "firefox",
  // BiDi's "javascript" log entries (puppeteer's pageerror) carry Firefox's own messages too
  // (a refused integrity check): they count as console errors here, and uncaught errors come
  // from the journal script.
  native: { console: true, pageErrors: false },
  limits: {},

  async launch() {
    /** @type {Map<string, Promise<import("puppeteer-core").Browser>>} */
    const browsers = new Map();
    const browserFor = (options) => {
      const motion = options.reducedMotion === "reduce" ? 1 : 0;
      const scheme = options.colorScheme === "dark" ? 0 : 1; // 0 dark, 1 light
      const script = options.javaScript !== false;
      const key = `${motion}/${scheme}/${script}`;
      if (!browsers.has(key)) {
        browsers.set(
          key,
          puppeteer.launch({
            browser: "firefox",
            executablePath: FIREFOX,
            headless: true,
            extraPrefsFirefox: {
              "ui.prefersReducedMotion": motion,
              "layout.css.prefers-color-scheme.content-override": scheme,
              // Lets navigator.clipboard.readText() answer without the paste prompt (the tests
              // read back what the widget copied).
              "dom.events.testing.asyncClipboard": true,
              // A visitor who turned JavaScript off (puppeteer still evaluates through BiDi).
              "javascript.enabled": script,
            },
          }),
        );
      }
      return /** @type {Promise<import("puppeteer-core").Browser>} */ (browsers.get(key));
    };
    const first = await browserFor({});
    return {
      version: `Firefox ${(await first.version()).replace(/^firefox\//, "")}`,
      async newPage(device, options, events) {
        const context = await (await browserFor(options)).createBrowserContext();
        const page = await context.newPage();
        page.setDefaultTimeout(10_000);
        await page.setViewport({ ...device.viewport, deviceScaleFactor: device.deviceScaleFactor ?? 1, hasTouch: !!device.hasTouch, isMobile: !!device.hasTouch });
        if (device.userAgent) await page.setUserAgent(device.userAgent);
        page.on("console", (m) => {
          const where = m.location()?.url ? ` @ ${m.location().url}` : "";
          if (m.type() === "error" || m.type() === "warn") events.console(m.type() === "warn" ? "warning" : "error", `${m.text()}${where}`);
        });
        page.on("pageerror", (e) => events.console("error", String(e?.message ?? e)));
        page.on("request", (r) => events.request(r.url()));
        page.on("requestfailed", (r) => events.requestFailed(r.url(), r.failure()?.errorText ?? "failed"));
        return {
          goto: async (url) => void (await page.goto(url)),
          reload: async () => void (await page.reload()),
          // Evaluated through BiDi script.evaluate: the page's CSP does not apply.
          evaluate: (expression) => page.evaluate(expression),
          click: (x, y) => page.mouse.click(x, y),
          move: (x, y) => page.mouse.move(x, y),
          tap: (x, y) => page.touchscreen.tap(x, y),
          press: (key) => page.keyboard.press(/** @type {import("puppeteer-core").KeyInput} */ (key === "Space" ? " " : key)),
          screenshot: async () => Buffer.from(await page.screenshot()),
          close: () => context.close(),
          native: page,
        };
      },
      async close() {
        const all = await Promise.allSettled(browsers.values());
        for (const b of all) if (b.status === "fulfilled") await b.value.close();
      },
    };
  },
};
