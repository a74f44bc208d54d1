// lost.js compares what the SDK parsed with the raw JSON answer: every
// non-null key of the raw answer must reach the parsed object, under the
// member name the SDK's lib/config/json_details.json gives it, with the
// same value (ids parse into BigInt, enums into Choice, times into Date).

import * as Z from "@zohocrm/nodejs-sdk-8.0";
import { readFileSync } from "node:fs";

const details = JSON.parse(readFileSync(new URL("./node_modules/@zohocrm/nodejs-sdk-8.0/lib/config/json_details.json", import.meta.url)));

// members maps a JSON key to the SDK member names that carry it.
const members = new Map();
for (const cls of Object.values(details)) {
  for (const [member, d] of Object.entries(cls)) {
    if (d && typeof d === "object" && typeof d.name === "string") {
      if (!members.has(d.name)) members.set(d.name, new Set());
      members.get(d.name).add(member);
    }
  }
}

// modelled reports whether the SDK class cls (a json_details.json key such
// as "core/com/zoho/crm/api/global_picklists/picklist") has a member for
// the JSON key.
export function modelled(cls, key) {
  return Object.values(details[cls] ?? {}).some((d) => d && typeof d === "object" && d.name === key);
}

export function lostFields(parsed, rawJSON) {
  const out = [];
  walk("$", parsed, rawJSON, out);
  return out;
}

function walk(path, sdk, raw, out) {
  if (raw === null || raw === undefined) return;
  if (Array.isArray(raw)) {
    if (!Array.isArray(sdk) || sdk.length !== raw.length) {
      out.push(`${path} (array of ${raw.length}, parsed ${describe(sdk)})`);
      return;
    }
    raw.forEach((r, i) => walk(`${path}[${i}]`, sdk[i], r, out));
    return;
  }
  if (typeof raw === "object") {
    walkObject(path, sdk, raw, out);
    return;
  }
  let got = sdk;
  if (got instanceof Z.Choice) got = got.getValue();
  if (got instanceof Date) return; // a date-time, parsed: its presence is the check
  if (String(got) !== String(raw)) out.push(`${path} (${JSON.stringify(raw)} parsed as ${describe(got)})`);
}

function walkObject(path, sdk, raw, out) {
  if (sdk instanceof Z.Record.Record || sdk?.keyValues instanceof Map) sdk = sdk.keyValues; // records keep JSON keys
  if (sdk instanceof Map) {
    for (const [k, v] of Object.entries(raw)) {
      if (v === null) continue;
      if (!sdk.has(k)) out.push(`${path}.${k}`);
      else walk(`${path}.${k}`, sdk.get(k), v, out);
    }
    return;
  }
  if (sdk === null || typeof sdk !== "object") {
    out.push(`${path} (object parsed as ${describe(sdk)})`);
    return;
  }
  for (const [k, v] of Object.entries(raw)) {
    if (v === null) continue;
    const m = [...(members.get(k) ?? [])].find((name) => sdk[name] !== undefined && sdk[name] !== null);
    if (m === undefined) out.push(`${path}.${k}`);
    else walk(`${path}.${k}`, sdk[m], v, out);
  }
}

function describe(v) {
  if (v === undefined || v === null) return String(v);
  if (typeof v === "bigint") return v.toString() + "n";
  return v.constructor?.name ?? typeof v;
}
