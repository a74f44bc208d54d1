// witness_reads.js: every GET crmsync makes, through the SDK, each parse
// compared with the raw answer. It returns what the writes need.

import * as Z from "@zohocrm/nodejs-sdk-8.0";

export async function reads({ read, params, check }) {
  const s = {};
  const org = await read("GET /org", "/crm/v8/org", () => new Z.Org.OrgOperations().getOrganization(), Z.Org.ResponseWrapper);
  const type = org?.getOrg()[0].getType()?.getValue();
  check(["Production", "Sandbox", "Bigin", "Developer"].includes(type), "GET /org type is one of the SDK's values", String(type));

  const profiles = await read("GET /settings/profiles", "/crm/v8/settings/profiles",
    () => new Z.Profiles.ProfilesOperations().getProfiles(), Z.Profiles.ResponseWrapper);
  s.profiles = profiles?.getProfiles() ?? [];

  const fields = await read("GET /settings/fields?module=Deals", "/crm/v8/settings/fields?module=Deals",
    async () => new Z.Fields.FieldsOperations().getFields(await params([[Z.Fields.GetFieldsParam.MODULE, "Deals"]])),
    Z.Fields.ResponseWrapper);
  s.dealFields = fields?.getFields() ?? [];

  await read("GET /users?page=1&per_page=200", "/crm/v8/users?page=1&per_page=200",
    async () => new Z.Users.UsersOperations().getUsers(await params([[Z.Users.GetUsersParam.PAGE, 1], [Z.Users.GetUsersParam.PER_PAGE, 200]])),
    Z.Users.ResponseWrapper);

  const roles = await read("GET /settings/roles", "/crm/v8/settings/roles",
    () => new Z.Roles.RolesOperations().getRoles(), Z.Roles.ResponseWrapper);
  s.roles = roles?.getRoles() ?? [];
  if (s.roles.length > 0) {
    await read("GET /settings/roles/{id}", "/crm/v8/settings/roles/" + s.roles[0].getId(),
      () => new Z.Roles.RolesOperations().getRole(s.roles[0].getId()), Z.Roles.ResponseWrapper);
  }

  await read("GET /settings/modules", "/crm/v8/settings/modules",
    () => new Z.Modules.ModulesOperations().getModules(), Z.Modules.ResponseWrapper);
  const mod = await read("GET /settings/modules/Digital_Marketings", "/crm/v8/settings/modules/Digital_Marketings",
    () => new Z.Modules.ModulesOperations().getModuleByAPIName("Digital_Marketings"), Z.Modules.ResponseWrapper);
  s.module = mod?.getModules()[0];

  const crs = await read("GET /Contacts/roles", "/crm/v8/Contacts/roles",
    () => new Z.ContactRoles.ContactRolesOperations().getRoles(), Z.ContactRoles.ResponseWrapper);
  s.contactRoles = crs?.getContactRoles() ?? [];

  const locks = await read("GET /settings/record_locking_configurations?module=Deals",
    "/crm/v8/settings/record_locking_configurations?module=Deals",
    () => new Z.RecordLockingConfiguration.RecordLockingConfigurationOperations("Deals").getRecordLockingConfigurations(),
    Z.RecordLockingConfiguration.ResponseWrapper);
  s.dealsLock = locks?.getRecordLockingConfigurations()[0];

  // A module without a configuration: the SDK takes the 204 as no object.
  try {
    const r = await new Z.RecordLockingConfiguration.RecordLockingConfigurationOperations("Contacts").getRecordLockingConfigurations();
    const o = r.getObject();
    check(o == null || o instanceof Z.RecordLockingConfiguration.ResponseWrapper,
      "GET /settings/record_locking_configurations?module=Contacts (none)", `status ${r.getStatusCode()}`);
  } catch (e) {
    check(false, "GET /settings/record_locking_configurations?module=Contacts (none)", "SDK error: " + e.message);
  }
  return s;
}
