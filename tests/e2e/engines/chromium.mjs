// Chromium: Debian's /usr/bin/chromium through playwright-core (DevTools protocol). Every page
// is a new browser context, so pages share nothing (storage, permissions).

import { chromium } from "playwright-core";

export const LAUNCH_ARGS = [
  "--no-sandbox",
  "--headless=new",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  // Without these Chromium keeps trying to reach the internet.
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** @type {import("../driver.mjs").EngineDriver} */
export const engine = {
  name: "chromium",
  native: { console: true, pageErrors: true },
  limits: {},

  async launch() {
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: LAUNCH_ARGS });
    return {
      version: `Chromium ${browser.version()}`,
      async newPage(device, options, events) {
        const context = await browser.newContext({
          viewport: device.viewport,
          userAgent: device.userAgent,
          deviceScaleFactor: device.deviceScaleFactor,
          hasTouch: !!device.hasTouch,
          isMobile: !!device.hasTouch,
          reducedMotion: options.reducedMotion ?? "no-preference",
          colorScheme: options.colorScheme ?? "light",
          javaScriptEnabled: options.javaScript !== false,
        });
        context.setDefaultTimeout(10_000);
        if (options.clipboard) await context.grantPermissions(["clipboard-read", "clipboard-write"]);
        context.on("request", (r) => events.request(r.url()));
        context.on("requestfailed", (r) => events.requestFailed(r.url(), r.failure()?.errorText ?? "failed"));
        const page = await context.newPage();
        page.on("console", (m) => {
          const where = m.location()?.url ? ` @ ${m.location().url}` : "";
          const type = m.type();
          if (type === "error" || type === "warning") events.console(type, `${m.text()}${where}`);
        });
        page.on("pageerror", (e) => events.pageError(String(e?.stack ?? e)));
        return {
          goto: async (url) => void (await page.goto(url)),
          reload: async () => void (await page.reload()),
          // A string is evaluated through the DevTools protocol: the page's CSP does not apply.
          evaluate: (expression) => page.evaluate(expression),
          click: (x, y) => page.mouse.click(x, y),
          move: (x, y) => page.mouse.move(x, y),
          tap: (x, y) => page.touchscreen.tap(x, y),
          press: (key) => page.keyboard.press(key),
          screenshot: () => page.screenshot(),
          close: () => context.close(),
          native: page,
        };
      },
      close: () => browser.close(),
    };
  },
};
