// witness_writes.js: the writes crmsync makes, through the SDK, each
// followed by a read that shows it took.

import * as Z from "@zohocrm/nodejs-sdk-8.0";

export async function writes(ctx) {
  await lockingUpdate(ctx);
  await moduleProfileSwap(ctx);
  await roleRenameAndMove(ctx);
  await contactRolesBulk(ctx);
  await createAndDelete(ctx);
}

const L = Z.RecordLockingConfiguration;

function stageRule(name, field, value) {
  const r = new L.LockingRules();
  r.setName(name);
  r.setLockExistingRecords(false);
  const c = new L.Criteria();
  c.setComparator("equal");
  const f = new L.Field();
  f.setAPIName(field.getAPIName());
  f.setId(field.getId());
  return c.setField(f).then(() => { c.setValue(value); return r.setCriteria(c); }).then(() => r);
}

async function putLock(ctx, what, cfg, rules) {
  const lock = new L.RecordLock();
  lock.setLockType(new Z.Choice(cfg.getLockType().getValue()));
  lock.setLockingRules(rules);
  const body = new L.BodyWrapper();
  body.setRecordLockingConfigurations([lock]);
  return ctx.write(what, () => new L.RecordLockingConfigurationOperations("Deals").updateRecordLockingConfiguration(cfg.getId(), body),
    L, (w) => w.getRecordLockingConfigurations());
}

async function rulesNow(ctx) {
  const r = await ctx.read("GET /settings/record_locking_configurations?module=Deals (after)",
    "/crm/v8/settings/record_locking_configurations?module=Deals",
    () => new L.RecordLockingConfigurationOperations("Deals").getRecordLockingConfigurations(), L.ResponseWrapper);
  return r?.getRecordLockingConfigurations()[0]?.getLockingRules() ?? [];
}

// lockingUpdate: one PUT that adds, edits and deletes rules, sending only
// those, as Zoho's sample does; the rules it leaves out stay.
async function lockingUpdate(ctx) {
  const cfg = ctx.state.dealsLock;
  const stage = ctx.state.dealFields.find((f) => f.getAPIName() === "Stage");
  if (!cfg || !stage) return ctx.check(false, "locking update", "no Deals configuration or Stage field");
  const values = (stage.getPickListValues() ?? []).map((v) => v.getActualValue());
  const used = new Set((cfg.getLockingRules() ?? []).map((r) => r.getCriteria()?.getValue()));
  const free = values.filter((v) => !used.has(v));
  await putLock(ctx, "PUT locking configuration (add a rule)", cfg, [await stageRule("Witness Temp", stage, free[0])]);
  let rules = await rulesNow(ctx);
  const temp = rules.find((r) => r.getName() === "Witness Temp");
  const kept = rules.find((r) => r.getName() !== "Witness Temp");
  ctx.check(temp != null && rules.length === (cfg.getLockingRules() ?? []).length + 1,
    "locking rules after adding one (the others kept)", rules.map((r) => r.getName()).join(", "));
  if (!temp || !kept) return;
  const del = new L.LockingRules();
  del.setId(temp.getId());
  del.setDelete(true);
  const edit = new L.LockingRules();
  edit.setId(kept.getId());
  edit.setName(kept.getName() + " edited");
  await putLock(ctx, "PUT locking configuration (add, edit, _delete)", cfg, [del, edit, await stageRule("Witness New", stage, free[1])]);
  rules = await rulesNow(ctx);
  const names = rules.map((r) => r.getName()).sort();
  const want = (cfg.getLockingRules() ?? []).map((r) => (r.getId() === kept.getId() ? r.getName() + " edited" : r.getName()))
    .concat(["Witness New"]).sort();
  ctx.check(JSON.stringify(names) === JSON.stringify(want), "locking rules after the update", names.join(", "));
}

// moduleProfileSwap: one profile gains access, one loses it ("_delete" as
// the 2.0.0 SDK's boolean).
async function moduleProfileSwap(ctx) {
  const mod = ctx.state.module;
  const now = (mod?.getProfiles() ?? []).map((p) => p.getId());
  const gain = ctx.state.profiles.find((p) => !now.includes(p.getId()));
  if (!mod || now.length < 2 || !gain) return ctx.check(false, "module profile swap", "no module or profiles to swap");
  const add = new Z.Profiles.MinifiedProfile();
  add.setId(gain.getId());
  const drop = new Z.Profiles.MinifiedProfile();
  drop.setId(now[now.length - 1]);
  drop.setDelete(true);
  const m = new Z.Modules.Modules();
  m.setProfiles([add, drop]);
  m.setAPIName(mod.getAPIName());
  const body = new Z.Modules.BodyWrapper();
  body.setModules([m]);
  await ctx.write("PUT /settings/modules/{id} (profile swap)", () => new Z.Modules.ModulesOperations().updateModule(mod.getId(), body),
    Z.Modules, (w) => w.getModules());
  const after = await ctx.read("GET /settings/modules/{id} (after)", "/crm/v8/settings/modules/" + mod.getAPIName(),
    () => new Z.Modules.ModulesOperations().getModuleByAPIName(mod.getAPIName()), Z.Modules.ResponseWrapper);
  const ids = (after?.getModules()[0].getProfiles() ?? []).map((p) => String(p.getId())).sort();
  const want = now.slice(0, -1).map(String).concat([String(gain.getId())]).sort();
  ctx.check(JSON.stringify(ids) === JSON.stringify(want), "module profiles after the swap (the others kept)", ids.join(", "));
}

function roleBody(role) {
  const b = new Z.Roles.BodyWrapper();
  b.setRoles([role]);
  return b;
}

async function ref(id) {
  const r = new Z.Roles.ReportingTo();
  r.setId(id);
  return r;
}

// roleRenameAndMove: a leaf role gets a new name and a new parent, the
// parent as the SDK's only form, {"id": …}.
async function roleRenameAndMove(ctx) {
  const roles = ctx.state.roles;
  const top = roles.find((r) => r.getReportingTo() == null);
  const parents = new Set(roles.map((r) => String(r.getReportingTo()?.getId())));
  const leaf = roles.find((r) => r.getReportingTo() != null && !parents.has(String(r.getId())) &&
    String(r.getReportingTo().getId()) !== String(top.getId()));
  if (!top || !leaf) return ctx.check(false, "role rename and move", "no leaf role to move");
  const role = new Z.Roles.Role();
  role.setName(leaf.getName() + " Moved");
  await role.setReportingTo(await ref(top.getId()));
  await ctx.write("PUT /settings/roles/{id} (rename and move)", () => new Z.Roles.RolesOperations().updateRole(leaf.getId(), roleBody(role)),
    Z.Roles, (w) => w.getRoles());
  const after = await ctx.read("GET /settings/roles/{id} (after)", "/crm/v8/settings/roles/" + leaf.getId(),
    () => new Z.Roles.RolesOperations().getRole(leaf.getId()), Z.Roles.ResponseWrapper);
  const r = after?.getRoles()[0];
  ctx.check(r?.getName() === leaf.getName() + " Moved" && String(r?.getReportingTo()?.getId()) === String(top.getId()),
    "role after the rename and move", `${r?.getName()} under ${r?.getReportingTo()?.getName()}`);
}

// contactRolesBulk: one PUT renames one contact role and swaps the
// sequence numbers of two.
async function contactRolesBulk(ctx) {
  const [a, b] = ctx.state.contactRoles;
  if (!a || !b) return ctx.check(false, "contact roles bulk update", "fewer than two contact roles");
  const x = new Z.ContactRoles.ContactRole();
  x.setId(a.getId());
  x.setName(a.getName() + " Renamed");
  x.setSequenceNumber(b.getSequenceNumber());
  const y = new Z.ContactRoles.ContactRole();
  y.setId(b.getId());
  y.setSequenceNumber(a.getSequenceNumber());
  const body = new Z.ContactRoles.BodyWrapper();
  body.setContactRoles([x, y]);
  await ctx.write("PUT /Contacts/roles (rename and reorder)", () => new Z.ContactRoles.ContactRolesOperations().updateRoles(body),
    Z.ContactRoles, (w) => w.getContactRoles());
  const after = await ctx.read("GET /Contacts/roles (after)", "/crm/v8/Contacts/roles",
    () => new Z.ContactRoles.ContactRolesOperations().getRoles(), Z.ContactRoles.ResponseWrapper);
  const list = after?.getContactRoles() ?? [];
  const ax = list.find((r) => String(r.getId()) === String(a.getId()));
  const bx = list.find((r) => String(r.getId()) === String(b.getId()));
  ctx.check(ax?.getName() === a.getName() + " Renamed" && ax?.getSequenceNumber() === b.getSequenceNumber() &&
    bx?.getSequenceNumber() === a.getSequenceNumber(), "contact roles after the bulk update",
    `${ax?.getName()} #${ax?.getSequenceNumber()}, ${bx?.getName()} #${bx?.getSequenceNumber()}`);
}

// createAndDelete: a role and a contact role, created and deleted.
async function createAndDelete(ctx) {
  const top = ctx.state.roles.find((r) => r.getReportingTo() == null);
  const role = new Z.Roles.Role();
  role.setName("Witness Role");
  await role.setReportingTo(await ref(top.getId()));
  role.setShareWithPeers(true);
  const [roleID] = await ctx.write("POST /settings/roles", () => new Z.Roles.RolesOperations().createRoles(roleBody(role)),
    Z.Roles, (w) => w.getRoles());
  if (roleID != null) {
    const p = await ctx.params([[Z.Roles.DeleteRoleParam.TRANSFER_TO_ID, top.getId()]]);
    await ctx.write("DELETE /settings/roles/{id}", () => new Z.Roles.RolesOperations().deleteRole(BigInt(roleID), p),
      Z.Roles, (w) => w.getRoles());
  }
  const cr = new Z.ContactRoles.ContactRole();
  cr.setName("Witness Buyer");
  const body = new Z.ContactRoles.BodyWrapper();
  body.setContactRoles([cr]);
  const [crID] = await ctx.write("POST /Contacts/roles", () => new Z.ContactRoles.ContactRolesOperations().createRoles(body),
    Z.ContactRoles, (w) => w.getContactRoles());
  if (crID != null) {
    await ctx.write("DELETE /Contacts/roles/{id}", () => new Z.ContactRoles.ContactRolesOperations().deleteContactRole(BigInt(crID)),
      Z.ContactRoles, (w) => w.getContactRoles());
  }
  const roles = await ctx.raw("/crm/v8/settings/roles");
  const crs = await ctx.raw("/crm/v8/Contacts/roles");
  ctx.check(!roles.roles.some((r) => r.name === "Witness Role") && !crs.contact_roles.some((r) => r.name === "Witness Buyer"),
    "created role and contact role are gone");
}
