// @ts-check
// Writes the GA4 kit (the npm package ships it; README "Measuring in GA4") from
// docs/interface.json: the custom dimensions to register, scripts/package/ga4-custom-dimensions.csv,
// and the Google Tag Manager container, scripts/package/gtm-container.json: a Data Layer
// Variable per `lld_` parameter, a Custom Event trigger and a GA4 Event tag per event with that
// event's parameters, and a Constant variable for the measurement ID the marketer fills in. In
// GTM's own export format (exportFormatVersion 2), so Admin → Import Container takes it.
//
//   node scripts/gtm-container.mjs          # rewrites the file; tests/e2e/analytics.test.mjs
//                                           # checks it against interface.json
import { readFileSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const CONTAINER_PATH = join(ROOT, "scripts", "package", "gtm-container.json");
export const DIMENSIONS_PATH = join(ROOT, "scripts", "package", "ga4-custom-dimensions.csv");
const MEASUREMENT = "GA4 Measurement ID (lld)";

/** What each parameter means, for the custom dimension's description (GA4 allows 150 characters). */
const MEANING = {
  lld_flow: "The diagnosis (flow id)",
  lld_node: "The question or result on screen",
  lld_answer: "The answer chosen (lld_answer events)",
  lld_result: "The result concerned",
  lld_steps: "The answers so far, joined by >",
  lld_resolved: "Did this fix it? true or false (lld_resolved events)",
  lld_entry: "How the visit began: start, link or resume",
  lld_depth: "The question's position in the visit (lld_question events)",
  lld_seq: "The event's number in its session: orders the report",
  lld_version: "The version of the diagnosis text",
  lld_session: "The diagnosis session (random, no personal data): groups the report",
  lld_device: "phone or desktop",
  lld_in_app: "true in LINE's in-app browser",
  lld_lang: "ja or en",
};

/** The custom dimensions to register in GA4 (Admin > Custom definitions), as CSV. @param {any} iface */
export function dimensions(iface) {
  const rows = Object.values(iface.dataLayer.parameters).map((/** @type {string} */ p) => `${p},Event,${p},"${MEANING[p] ?? ""}"`);
  return ["Dimension name,Scope,Event parameter,Description", ...rows].join("\n") + "\n";
}

/** @param {string} key @param {string} value */
const template = (key, value) => ({ type: "TEMPLATE", key, value });

/** The container for this interface. @param {any} iface docs/interface.json */
export function container(iface) {
  const ids = { accountId: "0", containerId: "0" };
  const params = iface.dataLayer.parameters;
  const variable = [
    {
      ...ids,
      variableId: "1",
      name: MEASUREMENT,
      type: "c",
      notes: "Replace G-XXXXXXXXXX with your GA4 web stream's measurement ID (GA4 Admin > Data streams).",
      parameter: [template("value", "G-XXXXXXXXXX")],
    },
    ...Object.values(params).map((name, i) => ({
      ...ids,
      variableId: String(i + 2),
      name: `DLV - ${name}`,
      type: "v",
      parameter: [{ type: "INTEGER", key: "dataLayerVersion", value: "2" }, { type: "BOOLEAN", key: "setDefaultValue", value: "false" }, template("name", name)],
    })),
  ];
  const trigger = [];
  const tag = [];
  Object.entries(iface.events).forEach(([event, fields], i) => {
    const name = event.replace(":", "_");
    const triggerId = String(100 + i);
    trigger.push({
      ...ids,
      triggerId,
      name: `CE - ${name}`,
      type: "CUSTOM_EVENT",
      customEventFilter: [{ type: "EQUALS", parameter: [template("arg0", "{{_event}}"), template("arg1", name)] }],
    });
    tag.push({
      ...ids,
      tagId: String(200 + i),
      name: `GA4 Event - ${name}`,
      type: "gaawe",
      parameter: [
        { type: "BOOLEAN", key: "sendEcommerceData", value: "false" },
        template("eventName", name),
        template("measurementIdOverride", `{{${MEASUREMENT}}}`),
        {
          type: "LIST",
          key: "eventSettingsTable",
          list: fields.map((/** @type {string} */ f) => ({
            type: "MAP",
            map: [template("parameter", params[f]), template("parameterValue", `{{DLV - ${params[f]}}}`)],
          })),
        },
      ],
      firingTriggerId: [triggerId],
      tagFiringOption: "ONCE_PER_EVENT",
      // No extra consent requirement: GA4 tags carry their own consent checks
      // (analytics_storage) and follow the page's consent mode (README "Measuring in GA4").
      consentSettings: { consentStatus: "NOT_SET" },
    });
  });
  return {
    exportFormatVersion: 2,
    exportTime: "2026-12-07 00:00:00",
    containerVersion: {
      ...ids,
      containerVersionId: "0",
      name: "line-login-diagnosis GA4 kit",
      description: "Events of <line-login-diagnosis> (data-layer attribute) to GA4: one GA4 Event tag per event, Data Layer Variables for its parameters. Import with Merge.",
      container: { ...ids, name: "line-login-diagnosis", publicId: "GTM-XXXXXXX", usageContext: ["WEB"] },
      tag,
      trigger,
      variable,
      builtInVariable: [{ ...ids, type: "EVENT", name: "Event" }],
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const iface = JSON.parse(readFileSync(join(ROOT, "docs", "interface.json"), "utf8"));
  writeFileSync(CONTAINER_PATH, `${JSON.stringify(container(iface), null, 2)}\n`);
  writeFileSync(DIMENSIONS_PATH, dimensions(iface));
  console.log(`wrote ${CONTAINER_PATH} and ${DIMENSIONS_PATH}`);
}
