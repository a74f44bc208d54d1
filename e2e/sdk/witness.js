// witness.js runs Zoho's official Node SDK for API v8
// (@zohocrm/nodejs-sdk-8.0, pinned in package.json) against a running
// `crmsync emulator`, through every read crmsync makes and the writes it
// sends. Zoho generates the SDK from its own API, and customers run it
// against real orgs: an answer the SDK cannot parse, or a body it sends
// that the emulator refuses, is an emulator bug.
//
// Environment: WITNESS_URL (the emulator's base URL), ZOHO_CLIENT_ID,
// ZOHO_CLIENT_SECRET and ZOHO_REFRESH_TOKEN. It prints one line per check
// and exits 1 when any check fails.

import * as Z from "@zohocrm/nodejs-sdk-8.0";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lostFields, modelled } from "./lost.js";

const base = process.env.WITNESS_URL;
if (!base) {
  console.error("witness: WITNESS_URL is not set");
  process.exit(2);
}

let failures = 0;
function check(ok, what, detail = "") {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}${detail ? ": " + detail : ""}`);
  if (!ok) failures++;
}
const json = (v) => JSON.stringify(v, (_, x) => (typeof x === "bigint" ? x.toString() : x));

// LocalDataCenter is a data centre like lib/routes/dc/us_data_center.js,
// with the emulator's URL for the API, the accounts server and uploads.
class LocalDataCenter extends Z.DataCenter {
  getIAMUrl() { return base + "/oauth/v2/token"; }
  getFileUploadUrl() { return base; }
  environment() { return Z.DataCenter.setEnvironment(base, this.getIAMUrl(), this.getFileUploadUrl()); }
}

// MemoryStore keeps tokens in memory (the SDK's default writes a file).
class MemoryStore extends Z.TokenStore.TokenStore {
  tokens = [];
  async findToken(t) {
    return this.tokens.find((x) => x.getRefreshToken() === t.getRefreshToken() && x.getClientId() === t.getClientId()) ?? null;
  }
  async findTokenById(id) { return this.tokens.find((x) => x.getId() === id) ?? null; }
  async saveToken(t) {
    if (t.getId() == null) t.setId(String(this.tokens.length + 1));
    this.tokens = this.tokens.filter((x) => x.getId() !== t.getId()).concat([t]);
  }
  async deleteToken(id) { this.tokens = this.tokens.filter((x) => x.getId() !== id); }
  async getTokens() { return this.tokens; }
  async deleteTokens() { this.tokens = []; }
}

const store = new MemoryStore();
const resources = mkdtempSync(join(tmpdir(), "crmsync-sdk-witness-"));
const token = new Z.OAuthBuilder().clientId(process.env.ZOHO_CLIENT_ID).clientSecret(process.env.ZOHO_CLIENT_SECRET)
  .refreshToken(process.env.ZOHO_REFRESH_TOKEN).findUser(false).build();
await (await new Z.InitializeBuilder()).environment(new LocalDataCenter().environment()).token(token)
  .store(store).resourcePath(resources).initialize();

// raw GETs the same path without the SDK, with the token the SDK minted.
async function raw(path) {
  const res = await fetch(base + path, { headers: { Authorization: "Zoho-oauthtoken " + store.tokens[0].getAccessToken() } });
  return res.status === 204 ? null : res.json();
}

// read runs one SDK read and compares its parse with the raw answer.
// unmodelled lists documented keys the SDK's class has no member for, as
// {cls, key}: such a key is dropped by the SDK, not lost by the emulator,
// and is excused only while the class really lacks it.
async function read(what, path, call, Wrapper, unmodelled = []) {
  let resp;
  try {
    resp = await call();
  } catch (e) {
    check(false, what, "SDK error: " + (e.message ?? json(e)));
    return null;
  }
  const obj = resp.getObject();
  if (!(obj instanceof Wrapper)) {
    check(false, what, `status ${resp.getStatusCode()}, parsed as ${obj?.constructor?.name}: ${json(obj)}`);
    return null;
  }
  const excused = unmodelled.filter((u) => !modelled(u.cls, u.key)).map((u) => u.key);
  const lost = lostFields(obj, await raw(path)).filter((p) => !excused.includes(p.split(".").pop()));
  const note = excused.length ? ` (not in the SDK's model: ${excused.join(", ")})` : "";
  check(lost.length === 0, what, lost.length ? "lost " + lost.join(", ") : `status ${resp.getStatusCode()}${note}`);
  return obj;
}

// write runs one SDK write and requires a SuccessResponse for every item.
async function write(what, call, pkg, listOf) {
  let resp;
  try {
    resp = await call();
  } catch (e) {
    check(false, what, "SDK error: " + (e.message ?? json(e)));
    return [];
  }
  const obj = resp.getObject();
  if (!(obj instanceof pkg.ActionWrapper)) {
    check(false, what, `status ${resp.getStatusCode()}, parsed as ${obj?.constructor?.name}: ${json(obj)}`);
    return [];
  }
  const items = listOf(obj);
  const bad = items.filter((it) => !(it instanceof pkg.SuccessResponse) || it.getStatus().getValue() !== "success");
  check(items.length > 0 && bad.length === 0, what, bad.length ? json(bad) : `status ${resp.getStatusCode()}`);
  return items.map((it) => it.getDetails?.()?.get("id"));
}

function params(pairs) {
  const p = new Z.ParameterMap();
  return Promise.all(pairs.map(([k, v]) => p.add(k, v))).then(() => p);
}

const { reads } = await import("./witness_reads.js");
const state = await reads({ read, raw, params, check });
const { writes } = await import("./witness_writes.js");
await writes({ write, read, raw, params, check, state });
const { fieldWrites } = await import("./witness_fields.js");
await fieldWrites({ write, read, raw, params, check, state });

rmSync(resources, { recursive: true, force: true });
console.log(failures === 0 ? "witness: all checks passed" : `witness: ${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
