// witness_fields.js: the field and global picklist writes crmsync makes,
// through the SDK's own operations (fields/fields_operations.js and
// global_picklists/global_picklists_operations.js of the 2.0.0 package),
// each followed by a read that shows it took.

import * as Z from "@zohocrm/nodejs-sdk-8.0";

const F = Z.Fields;
const G = Z.GlobalPicklists;
const MOD = "Accounts";

// The global picklist key `source` (crm, platform_plugin,
// marketplace_plugin; OAS-yaml, not the JSON OAS) has no member in the
// 2.0.0 SDK's Picklist (json_details.json global_picklists/picklist): the
// SDK drops it when it parses.
const NO_SOURCE = [{ cls: "core/com/zoho/crm/api/global_picklists/picklist", key: "source" }];

export async function fieldWrites(ctx) {
  await fieldsLifecycle(ctx);
  await globalPicklistLifecycle(ctx);
}

function option(actual, display) {
  const v = new F.PickListValue();
  if (actual != null) v.setActualValue(actual);
  if (display != null) v.setDisplayValue(display);
  return v;
}

function access(id, permission) {
  const p = new F.Profile();
  p.setId(id);
  p.setPermissionType(permission);
  return p;
}

function fieldBody(fields) {
  const b = new F.BodyWrapper();
  b.setFields(fields);
  return b;
}

const mod = (ctx, P) => ctx.params([[P.MODULE, MOD]]);

// getField reads one field by id through the SDK (GET /settings/fields/{id}).
async function getField(ctx, what, id) {
  const w = await ctx.read(what, `/crm/v8/settings/fields/${id}?module=${MOD}`,
    async () => new F.FieldsOperations().getField(BigInt(id), await mod(ctx, F.GetFieldParam)), F.ResponseWrapper);
  return w?.getFields()?.[0] ?? null;
}

// newFields: a picklist with two options and explicit permissions for two
// profiles, and a text field, in one POST /settings/fields?module=Accounts.
function newFields(profiles) {
  const pick = new F.Fields();
  pick.setFieldLabel("Witness Tier");
  pick.setDataType("picklist");
  pick.setPickListValues([option("Gold", "Gold"), option("Silver", "Silver")]);
  pick.setProfiles([access(profiles[0].getId(), "read_write"), access(profiles[1].getId(), "read_only")]);
  const text = new F.Fields();
  text.setFieldLabel("Witness Note");
  text.setDataType("text");
  text.setLength(100);
  return [pick, text];
}

async function fieldsLifecycle(ctx) {
  const profiles = ctx.state.profiles;
  if (profiles.length < 2) return ctx.check(false, "field writes", "fewer than two profiles");
  const [pickID, textID] = await ctx.write("POST /settings/fields?module=Accounts (picklist and text)",
    async () => new F.FieldsOperations().createField(fieldBody(newFields(profiles)), await mod(ctx, F.CreateFieldParam)),
    F, (w) => w.getFields());
  if (pickID == null || textID == null) return ctx.check(false, "created fields have ids");
  const pick = await getField(ctx, "GET /settings/fields/{id}?module=Accounts (created picklist)", pickID);
  const vals = (pick?.getPickListValues() ?? []).map((v) => v.getDisplayValue());
  const perm = (p) => (pick?.getProfiles() ?? []).find((x) => String(x.getId()) === String(p.getId()))?.getPermissionType();
  ctx.check(vals.join(",") === "Gold,Silver" && perm(profiles[0]) === "read_write" && perm(profiles[1]) === "read_only",
    "created picklist's options and permissions", `${vals.join(",")}; ${perm(profiles[0])}, ${perm(profiles[1])}`);
  if (!pick) return;
  await patchPicklist(ctx, pick, profiles[1]);
  await patchAndDeleteText(ctx, textID);
}

// patchPicklist: one bulk PATCH (the field's id in the body) renames an
// option by its id and moves it second, adds one first, removes one
// ({id, "_delete": true}, the SDK's boolean) and changes one profile's
// permission.
async function patchPicklist(ctx, pick, profile) {
  const byValue = (a) => pick.getPickListValues().find((v) => v.getActualValue() === a);
  const rename = new F.PickListValue();
  rename.setId(byValue("Gold").getId());
  rename.setDisplayValue("Gold Plus");
  rename.setSequenceNumber(2);
  const drop = new F.PickListValue();
  drop.setId(byValue("Silver").getId());
  drop.setDelete(true);
  const add = option("Bronze", "Bronze");
  add.setSequenceNumber(1);
  const f = new F.Fields();
  f.setId(pick.getId());
  f.setPickListValues([drop, rename, add]);
  f.setProfiles([access(profile.getId(), "hidden")]);
  await ctx.write("PATCH /settings/fields?module=Accounts (rename, move, add, _delete option, permission)",
    async () => new F.FieldsOperations().updateFields(fieldBody([f]), await mod(ctx, F.UpdateFieldsParam)),
    F, (w) => w.getFields());
  const after = await getField(ctx, "GET /settings/fields/{id}?module=Accounts (after the PATCH)", pick.getId());
  const opts = (after?.getPickListValues() ?? []).slice().sort((a, b) => a.getSequenceNumber() - b.getSequenceNumber())
    .map((v) => `${v.getActualValue()}=${v.getDisplayValue()}`);
  const perm = (after?.getProfiles() ?? []).find((x) => String(x.getId()) === String(profile.getId()))?.getPermissionType();
  ctx.check(opts.join(",") === "Bronze=Bronze,Gold=Gold Plus" && perm === "hidden",
    "picklist after the bulk PATCH", `${opts.join(",")}; ${perm}`);
}

// patchAndDeleteText: PATCH /settings/fields/{id} relabels the text field,
// then DELETE /settings/fields/{id}?module=Accounts removes it.
async function patchAndDeleteText(ctx, id) {
  const f = new F.Fields();
  f.setFieldLabel("Witness Remark");
  await ctx.write("PATCH /settings/fields/{id}?module=Accounts (relabel)",
    async () => new F.FieldsOperations().updateField(BigInt(id), fieldBody([f]), await mod(ctx, F.UpdateFieldParam)),
    F, (w) => w.getFields());
  const after = await getField(ctx, "GET /settings/fields/{id}?module=Accounts (after the relabel)", id);
  ctx.check(after?.getFieldLabel() === "Witness Remark", "text field after the relabel", String(after?.getFieldLabel()));
  await ctx.write("DELETE /settings/fields/{id}?module=Accounts",
    async () => new F.FieldsOperations().deleteField(BigInt(id), await mod(ctx, F.DeleteFieldParam)),
    F, (w) => w.getFields());
  const list = await ctx.raw(`/crm/v8/settings/fields?module=${MOD}`);
  ctx.check(!list.fields.some((x) => String(x.id) === String(id)) && list.fields.some((x) => x.field_label === "Witness Tier"),
    "deleted text field is gone, the picklist stays");
}

function gpValue(actual, display, seq) {
  const v = new G.PickListValues();
  if (actual != null) v.setActualValue(actual);
  if (display != null) v.setDisplayValue(display);
  if (seq != null) v.setSequenceNumber(seq);
  v.setType(new Z.Choice("used"));
  return v;
}

function gpBody(sets) {
  const b = new G.BodyWrapper();
  b.setGlobalPicklists(sets);
  return b;
}

async function getSet(ctx, what, id) {
  const w = await ctx.read(what, `/crm/v8/settings/global_picklists/${id}`,
    () => new G.GlobalPicklistsOperations().getGlobalPicklist(BigInt(id)), G.ResponseWrapper, NO_SOURCE);
  return w?.getGlobalPicklists()?.[0] ?? null;
}

const valueList = (set) => (set?.getPickListValues() ?? [])
  .map((v) => `${v.getActualValue()}=${v.getDisplayValue()}#${v.getSequenceNumber()}${v.getType()?.getValue() === "unused" ? "~" : ""}`)
  .join(",");

// globalPicklistLifecycle: create a set, read it (list with values, and by
// id), PATCH it by id (rename a value, add one, with sequence numbers),
// then DELETE it by id.
async function globalPicklistLifecycle(ctx) {
  const set = new G.Picklist();
  set.setDisplayLabel("Witness Regions");
  set.setPickListValues([gpValue("North", "North", 1), gpValue("South", "South", 2)]);
  const [id] = await ctx.write("POST /settings/global_picklists",
    () => new G.GlobalPicklistsOperations().createGlobalPicklist(gpBody([set])), G, (w) => w.getGlobalPicklists());
  if (id == null) return ctx.check(false, "created global picklist has an id");
  const list = await ctx.read("GET /settings/global_picklists?include=pick_list_values",
    "/crm/v8/settings/global_picklists?include=pick_list_values",
    async () => new G.GlobalPicklistsOperations().getGlobalPicklists(
      await ctx.params([[G.GetGlobalPicklistsParam.INCLUDE, "pick_list_values"]])), G.ResponseWrapper, NO_SOURCE);
  const listed = (list?.getGlobalPicklists() ?? []).find((g) => String(g.getId()) === String(id));
  ctx.check(valueList(listed) !== "" && valueList(listed) === valueList(await getSet(ctx, "GET /settings/global_picklists/{id}", id)),
    "the list with include=pick_list_values and the GET by id agree", valueList(listed));
  const before = await getSet(ctx, "GET /settings/global_picklists/{id} (created)", id);
  const north = before?.getPickListValues()?.find((v) => v.getActualValue() === "North");
  if (!north) return ctx.check(false, "created global picklist has its values", valueList(before));
  const rename = new G.PickListValues();
  rename.setId(north.getId());
  rename.setDisplayValue("North East");
  // The SDK's global PickListValues has no _delete (json_details.json
  // global_picklists/pick_list_values): it retires a value by type unused.
  const retire = new G.PickListValues();
  retire.setId(before.getPickListValues().find((v) => v.getActualValue() === "South").getId());
  retire.setType(new Z.Choice("unused"));
  const edit = new G.Picklist();
  edit.setDisplayLabel("Witness Regions");
  edit.setPickListValues([rename, retire, gpValue("West", "West", 3)]);
  await ctx.write("PATCH /settings/global_picklists/{id} (rename, add, unused value)",
    () => new G.GlobalPicklistsOperations().updateGlobalPicklist(BigInt(id), gpBody([edit])), G, (w) => w.getGlobalPicklists());
  const after = await getSet(ctx, "GET /settings/global_picklists/{id} (after the PATCH)", id);
  ctx.check(valueList(after) === "North=North East#1,South=South#2~,West=West#3", "global picklist after the PATCH", valueList(after));
  await ctx.write("DELETE /settings/global_picklists/{id}",
    () => new G.GlobalPicklistsOperations().deleteGlobalPicklist(BigInt(id)), G, (w) => w.getGlobalPicklists());
  const gone = await ctx.raw("/crm/v8/settings/global_picklists");
  const left = gone.global_picklists?.find((g) => String(g.id) === String(id));
  ctx.check(left == null || left.presence === false, "deleted global picklist is gone or scheduled (presence false)",
    left ? "presence " + left.presence : "gone");
}
