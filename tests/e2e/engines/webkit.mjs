// WebKit, Safari's engine (and so every browser on an iPhone): Debian's WebKitGTK MiniBrowser,
// driven by WebKitWebDriver over W3C WebDriver classic, on an Xvfb display this file starts and
// stops itself (MiniBrowser has no working headless mode here).
//
// Each page is its own WebDriver session, so its own MiniBrowser: the device and the page's
// settings are command-line options and environment of that browser (user agent, dark mode,
// the GTK settings that give prefers-reduced-motion, GDK_SCALE for the pixel ratio).

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, groupMembers, pollUntil, startGroup, stopGroup } from "./processes.mjs";
import { newSession, WebDriverError } from "./w3c.mjs";

const DRIVER = "/usr/bin/WebKitWebDriver";
const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/** @type {import("../driver.mjs").EngineDriver} */
export const engine = {
  name: "webkit",
  native: { console: false, pageErrors: false },
  limits: {
    touch:
      "WebKitGTK's WebDriver delivers touch actions as mouse events (pointerType \"mouse\", no touch events): the phone walk clicks",
    console:
      "WebDriver classic has no console events, and MiniBrowser under automation does not print them: the page's own console.error/warn calls, uncaught errors, rejections and CSP violations are recorded by the journal script, but messages the browser itself writes (a failed load, a refused integrity check) are not seen",
    requests:
      "WebDriver classic has no network events: requests are seen in the test servers' logs and the page's resource timing entries",
    userAgent:
      "WebKitGTK replaces a user agent it finds malformed (the Android LINE app's, ending in \"Line/14.3.1/IAB\") with its own",
  },

  async launch() {
    const scratch = mkdtempSync(join(tmpdir(), "lld-webkit-"));
    // GTK reads prefers-reduced-motion from gtk-enable-animations; a page that asks for reduced
    // motion gets a browser with this config folder.
    mkdirSync(join(scratch, "reduced-motion", "gtk-3.0"), { recursive: true });
    writeFileSync(join(scratch, "reduced-motion", "gtk-3.0", "settings.ini"), "[Settings]\ngtk-enable-animations=false\n");
    let xvfb;
    try {
      // -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
      xvfb = startGroup("Xvfb", ["-displayfd", "3", "-screen", "0", "1600x1400x24", "-nolisten", "tcp"], {
        stdio: ["ignore", "ignore", "pipe", "pipe"],
      });
      let xvfbErrors = "";
      xvfb.stdio[2]?.on("data", (d) => (xvfbErrors += d));
      const display = await new Promise((resolve, reject) => {
        xvfb.stdio[3]?.once("data", (d) => resolve(`:${String(d).trim()}`));
        xvfb.once("exit", (code) => reject(new Error(`Xvfb exited (${code}): ${xvfbErrors}`)));
      });
      // WebKitWebDriver serves one session at a time: a test with two pages open at once gets a
      // second driver (each page takes an idle one, or starts one).
      /** @type {{child: import("node:child_process").ChildProcess, base: string, busy: boolean}[]} */
      const drivers = [];
      const takeDriver = async () => {
        const idle = drivers.find((d) => !d.busy);
        if (idle) return ((idle.busy = true), idle);
        const port = await freePort();
        const child = startGroup(DRIVER, [`--port=${port}`], { env: { ...process.env, DISPLAY: display } });
        const d = { child, base: `http://127.0.0.1:${port}`, busy: true };
        drivers.push(d);
        await pollUntil(async () => (await fetch(`${d.base}/status`)).ok, "WebKitWebDriver");
        return d;
      };
      /** @type {Set<{close: () => Promise<void>}>} */
      const pages = new Set();
      let version = "WebKitGTK";
      return {
        get version() {
          return version;
        },
        async newPage(device, options) {
          const env = [];
          if (options.reducedMotion === "reduce") env.push(`XDG_CONFIG_HOME=${join(scratch, "reduced-motion")}`);
          if ((device.deviceScaleFactor ?? 1) !== 1) env.push(`GDK_SCALE=${device.deviceScaleFactor}`);
          const args = ["--automation", "--full-screen"]; // full screen: no toolbar, any window size
          if (device.userAgent) args.push(`--user-agent=${device.userAgent}`);
          if (options.colorScheme === "dark") args.push("--dark-mode");
          if (options.clipboard) args.push("--javascript-can-access-clipboard=true");
          // WebKitSettings:enable-javascript, as a visitor who turned JavaScript off (WebDriver
          // still evaluates scripts).
          if (options.javaScript === false) args.push("--enable-javascript=false");
          const capabilities = {
            "webkitgtk:browserOptions": { binary: "/bin/sh", args: ["-c", 'exec env "$@"', "sh", ...env, MINIBROWSER, ...args] },
          };
          let driver = await takeDriver();
          let session;
          try {
            session = await newSession(driver.base, capabilities);
          } catch (error) {
            if (!(error instanceof WebDriverError) || error.code !== "TimeoutError") {
              driver.busy = false;
              throw error;
            }
            // A browser that did not come up within the request's time (seen once in ~200
            // sessions on a loaded 2-core machine) is the machine's, not the page's: that driver
            // and its browser are stopped, and one new one is tried, said on stderr.
            console.error(`webkit: no MiniBrowser session within the time limit (${error.message}); starting a new driver once`);
            drivers.splice(drivers.indexOf(driver), 1);
            await stopGroup(driver.child);
            driver = await takeDriver();
            try {
              session = await newSession(driver.base, capabilities);
            } catch (again) {
              driver.busy = false;
              throw again;
            }
          }
          version = `WebKitGTK ${session.capabilities.browserVersion}`;
          await session.setWindowSize(device.viewport);
          if (device.userAgent) {
            // A refused user agent must not pass for the device's (see limits.userAgent).
            const got = await session.execute("return navigator.userAgent;");
            if (got !== device.userAgent) {
              await session.close().catch(() => {});
              driver.busy = false;
              throw new Error(`WebKitGTK refused the user agent "${device.userAgent}" (it uses "${got}")`);
            }
          }
          const page = {
            goto: async (url) => void (await session.navigate(url)),
            reload: async () => void (await session.refresh()),
            evaluate: (expression) => session.execute(`return (${expression});`),
            click: async (x, y) => void (await session.click(x, y)),
            move: async (x, y) => void (await session.move(x, y)),
            tap: async (x, y) => void (await session.click(x, y)), // see limits.touch
            press: async (key) => void (await session.keys(KEYS[key] ?? key)),
            screenshot: () => session.screenshot(),
            close: async () => {
              if (!pages.delete(page)) return;
              await session.close().catch(() => {});
              driver.busy = false;
            },
          };
          pages.add(page);
          return page;
        },
        async close() {
          for (const page of [...pages]) await page.close();
          // A closed session's browser quits by itself; stopping the driver before it has
          // reaped the browser would leave the browser's processes to init.
          for (const d of drivers) {
            await pollUntil(async () => groupMembers(d.child).length === 0, "MiniBrowser quitting", 5000).catch(() => {});
            await stopGroup(d.child);
          }
          await stopGroup(xvfb);
          rmSync(scratch, { recursive: true, force: true });
        },
      };
    } catch (error) {
      await stopGroup(xvfb);
      rmSync(scratch, { recursive: true, force: true });
      throw error;
    }
  },
};

// WebDriver's key codes for the keys the tests press.
const KEYS = { Tab: "\uE004", Enter: "\uE007", Space: " ", Escape: "\uE00C" };
