// @ts-check
// A node:test reporter that prints what the run covered (summary.mjs) once every test file is
// done; scripts/test.sh runs it beside the TAP reporter:
//   node --test --test-reporter=tap --test-reporter-destination=stdout \
//     --test-reporter=./tests/e2e/summary-reporter.mjs --test-reporter-destination=stdout tests/e2e/
import { report } from "./summary.mjs";

/** @param {AsyncIterable<unknown>} source the run's events (this reporter needs none of them) */
export default async function* summaryReporter(source) {
  for await (const _ of source);
  yield report(process.pid);
}
