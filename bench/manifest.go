package bench

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/crmsync/crmsync/pkg/desired"
)

// rolesPerFile is how many role documents go into one roles file.
const rolesPerFile = 100

// files renders the desired state as manifest files, laid out like
// examples/org: one file per locking configuration and per module, roles
// in files of rolesPerFile documents, and one file of contact roles.
func (d *drifted) files(w *world) []desired.File {
	var out []desired.File
	for _, l := range d.locks {
		var y yamlDoc
		y.lock(w, l)
		out = append(out, desired.File{Path: "locking/" + w.modules[l.module].apiName + ".yaml", Data: y.bytes()})
	}
	for _, m := range d.modules {
		var y yamlDoc
		y.module(w, m)
		out = append(out, desired.File{Path: "modules/" + m.apiName + ".yaml", Data: y.bytes()})
	}
	for i := 0; i < len(d.roles); i += rolesPerFile {
		var y yamlDoc
		for _, r := range d.roles[i:min(i+rolesPerFile, len(d.roles))] {
			y.role(r)
		}
		out = append(out, desired.File{Path: fmt.Sprintf("roles/roles-%03d.yaml", i/rolesPerFile+1), Data: y.bytes()})
	}
	var y yamlDoc
	for _, c := range d.contactRoles {
		y.contactRole(c)
	}
	out = append(out, d.fieldFiles(w)...)
	return append(out, desired.File{Path: "contact_roles.yaml", Data: y.bytes()})
}

// yamlDoc writes YAML documents. Strings are written double-quoted, in
// the JSON escape syntax, which YAML reads the same.
type yamlDoc struct{ b strings.Builder }

func (y *yamlDoc) bytes() []byte { return []byte(y.b.String()) }

func (y *yamlDoc) start(kind string) {
	if y.b.Len() > 0 {
		y.b.WriteString("---\n")
	}
	y.b.WriteString("apiVersion: crmsync/v1\nkind: " + kind + "\n")
}

func (y *yamlDoc) str(key, v string)          { fmt.Fprintf(&y.b, "%s: %s\n", key, strconv.Quote(v)) }
func (y *yamlDoc) boolean(key string, v bool) { fmt.Fprintf(&y.b, "%s: %t\n", key, v) }
func (y *yamlDoc) list(key string, vs []string) {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = strconv.Quote(v)
	}
	fmt.Fprintf(&y.b, "%s: [%s]\n", key, strings.Join(q, ", "))
}

func (y *yamlDoc) role(r dRole) {
	y.start("Role")
	y.str("name", r.name)
	if r.absent {
		y.boolean("absent", true)
		y.str("transfer_to", r.transferTo)
		return
	}
	if r.prev != "" {
		y.list("previous_names", []string{r.prev})
	}
	if r.reportingTo != "" {
		y.str("reporting_to", r.reportingTo)
	}
	y.str("description", r.desc)
	y.boolean("share_with_peers", r.share)
	if r.fm != "" {
		y.str("forecast_manager", r.fm)
	}
}

func (y *yamlDoc) contactRole(c dContactRole) {
	y.start("ContactRole")
	y.str("name", c.name)
	if c.absent {
		y.boolean("absent", true)
		return
	}
	if c.prev != "" {
		y.list("previous_names", []string{c.prev})
	}
	fmt.Fprintf(&y.b, "sequence_number: %d\n", c.seq)
}

func (y *yamlDoc) module(w *world, m dModule) {
	y.start("Module")
	y.str("api_name", m.apiName)
	y.str("plural_label", m.plural)
	y.str("singular_label", m.singular)
	y.list("profiles", w.profileNames(m.profiles))
}

func (w *world) profileNames(ps []int) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = w.profiles[p]
	}
	return out
}

func (y *yamlDoc) lock(w *world, l dLock) {
	y.start("RecordLockingConfig")
	y.str("module", w.modules[l.module].apiName)
	if l.absent {
		y.boolean("absent", true)
		return
	}
	y.str("lock_type", l.lockType)
	y.str("locked_for", l.lockedFor)
	if len(l.excludedProfiles) > 0 {
		y.list("lock_excluded_profiles", w.profileNames(l.excludedProfiles))
	}
	if l.excludedFields != nil {
		y.list("excluded_fields", l.excludedFields)
	}
	y.list("restricted_actions", l.actions)
	y.list("restricted_communications", l.comms)
	if l.buttons != nil {
		y.list("restricted_custom_buttons", l.buttons)
	}
	y.boolean("lock_for_portal_users", l.portal)
	if len(l.rules) == 0 {
		return
	}
	y.b.WriteString("locking_rules:\n")
	for _, r := range l.rules {
		fmt.Fprintf(&y.b, "  - name: %s\n    lock_existing_records: %t\n    criteria: %s\n",
			strconv.Quote(r.name), r.existing, critYAML(r.crit))
	}
}

// critYAML renders criteria as a YAML flow mapping.
func critYAML(c crit) string {
	if c.op == "" {
		return fmt.Sprintf("{field: %s, comparator: equal, value: %s}", c.field, strconv.Quote(c.value))
	}
	parts := make([]string, len(c.group))
	for i, g := range c.group {
		parts[i] = critYAML(g)
	}
	return fmt.Sprintf("{group_operator: %s, group: [%s]}", c.op, strings.Join(parts, ", "))
}
