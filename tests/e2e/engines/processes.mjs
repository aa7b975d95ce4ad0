// Processes the engines start themselves (Xvfb, WebKitWebDriver, and through it the browser):
// each in its own process group, so stopping it stops everything it started, and stopped when
// the test process exits for any reason (a failed test, an exception, Ctrl-C), not only by the
// `after` hooks.

import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";

/** @type {Set<import("node:child_process").ChildProcess>} */
const running = new Set();

// Last resort for a test process that ends without its `after` hooks (killed, or an exception
// outside a test): process.kill is synchronous, so it works in an "exit" handler.
process.once("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL");
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    for (const child of running) killGroup(child, "SIGKILL");
    process.exit(128 + (signal === "SIGINT" ? 2 : 15));
  });
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts `command` in a new process group. `stdio` as for child_process.spawn.
 * @param {string} command @param {string[]} args
 * @param {{env?: NodeJS.ProcessEnv, stdio?: any}} [options]
 */
export function startGroup(command, args, { env = process.env, stdio = "ignore" } = {}) {
  const child = spawn(command, args, { env, stdio, detached: true });
  running.add(child);
  child.once("exit", () => running.delete(child));
  return child;
}

/**
 * Stops a process started by startGroup: SIGTERM to the process itself first (so a driver can
 * end its browser and reap it), then, after `grace` ms or once it has exited, SIGKILL to
 * whatever is left in its group.
 * @param {import("node:child_process").ChildProcess | undefined} child @param {number} [grace]
 */
export async function stopGroup(child, grace = 3000) {
  if (!child) return;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, grace).unref())]);
  }
  killGroup(child, "SIGKILL");
  running.delete(child);
}

/**
 * The live processes of `child`'s group other than `child` itself (from /proc; zombies, which
 * have ended, do not count).
 * @param {import("node:child_process").ChildProcess} child
 */
export function groupMembers(child) {
  const out = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      // /proc/PID/stat: "pid (comm) state ppid pgrp …"; comm may contain spaces and parentheses.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pgrp) === child.pid && Number(pid) !== child.pid && state !== "Z") out.push(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** A TCP port that was free a moment ago on 127.0.0.1 (for a driver's --port). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls `check` (an async predicate) until it holds or `timeout` ms pass; fails with `what`.
 * @param {() => Promise<boolean>} check @param {string} what @param {number} [timeout]
 */
export async function pollUntil(check, what, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeout} ms${last ? ` (${last.message})` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
