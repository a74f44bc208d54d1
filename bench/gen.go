package bench

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/crmsync/crmsync/pkg/desired"
	"github.com/crmsync/crmsync/pkg/emulator"
)

// Full-scale sizes of a generated org (Scale 1), from the benchmark issue.
const (
	FullLocking      = 50   // record locking configurations, custom modules included
	FullModules      = 200  // custom modules, each with 10 to 40 profiles
	FullRoles        = 2000 // roles, in a deep tree
	FullContactRoles = 100  // contact roles
	FullUsers        = 100  // users (forecast managers resolve against them)

	// NumProfiles is the number of profiles of every org: enough for a
	// module to have 40, whatever the scale.
	NumProfiles = 60
	// defaultDepth is the length of the chain of roles under the top role
	// that makes the tree deep at every scale; the other roles hang at
	// random below earlier roles (a random recursive tree).
	defaultDepth = 30
)

// Config selects a generated org.
type Config struct {
	// Scale multiplies the full-scale sizes (0.1, 0.5, 1, 10 ...).
	Scale float64
	// Drift is the fraction of the objects of each kind whose manifest
	// differs from the org, at least one object per kind.
	Drift float64
	// Seed makes the org and its drift deterministic.
	Seed uint64
	// EveryKind drifts at least one object per kind of drift (a rename, a
	// move, a create, a delete ...) even when Drift asks for fewer, so that
	// small orgs exercise every request the plan can make.
	EveryKind bool
	// Fields adds Field manifests (drift_fields.go): the custom fields of
	// the modules with a locking configuration, and their standard
	// Status picklists. Without it the fields are in the org only.
	Fields bool
	// Depth is the length of the chain of roles under the top role, which
	// makes the tree deep; 0 means 30. The other roles hang at random
	// below earlier roles.
	Depth int
}

// Org is a generated org: the live state as an emulator seed, the
// manifests as YAML files, and what the manifests change.
type Org struct {
	Config Config
	Seed   *emulator.Seed
	Files  []desired.File
	// Ledger counts the changes the manifests ask for, by kind and action,
	// as the generator made them (independently of package plan).
	Ledger Ledger
	// Sizes counts the live objects by kind.
	Sizes Sizes
}

// Sizes are object counts of a generated org.
type Sizes struct {
	Locking, CustomModules, Roles, ContactRoles, Users int
	// CustomFields counts the generated custom fields of the custom
	// modules, Picklists those of them that are picklists.
	CustomFields, Picklists int
}

// Gen generates an org. The same Config always gives the same org.
func Gen(cfg Config) *Org {
	w := newWorld(cfg)
	d := w.drift()
	fields, picklists := w.fieldSizes()
	return &Org{Config: cfg, Seed: w.seed(), Files: d.files(w), Ledger: d.ledger,
		Sizes: Sizes{Locking: len(w.locks), CustomModules: w.numCustom, Roles: len(w.roles),
			ContactRoles: len(w.contactRoles), Users: len(w.users), CustomFields: fields, Picklists: picklists}}
}

// scaled is n × scale, rounded, at least 1.
func scaled(n int, scale float64) int {
	return max(1, int(math.Round(float64(n)*scale)))
}

// The live world, before it becomes a seed.

type role struct {
	name, desc string
	parent     int // index into world.roles; -1 for the top role
	share      bool
	fm         int // forecast manager: index into world.users, or -1
}

type field struct {
	apiName, dataType string
	picklist          []string
	// The generated custom fields (fields.go) also have a label, sizes and
	// permissions: profile index → read_only or hidden (the others are
	// read_write).
	label            string
	length, decimals int
	perms            map[int]string
}

type module struct {
	apiName, plural, singular string
	custom                    bool
	profiles                  []int // indexes into profileNames; nil = all (standard modules)
	fields                    []field
	buttons                   []string
}

type crit struct {
	op           string // "" for a condition, else AND or OR
	group        []crit
	field, value string
}

type lockRule struct {
	name     string
	existing bool
	crit     crit
}

type lock struct {
	module           int // index into world.modules
	lockType         string
	lockedFor        string
	excludedProfiles []int
	excludedFields   []string // nil: the manifest leaves the key out
	actions          []string
	comms            []string
	buttons          []string // nil: the manifest leaves the key out
	portal           bool
	rules            []lockRule
	base             int // status value of the first rule (see genRule)
}

type contactRole struct {
	name string
	seq  int
}

type user struct {
	first, last, email string
	role, profile      int
}

type world struct {
	cfg          Config
	rng          *rand.Rand
	profiles     []string
	modules      []module // standard modules first, then custom ones
	numCustom    int
	roles        []role
	children     []int // number of children of each role
	users        []user
	contactRoles []contactRole
	locks        []lock
	lockOf       map[int]int // module index -> index into locks
}

// standardModules support record locking (Tasks is left out: it accepts
// only Status = Closed in criteria).
var standardModules = []string{"Leads", "Contacts", "Accounts", "Deals", "Quotes", "Sales_Orders",
	"Purchase_Orders", "Invoices", "Vendors", "Price_Books", "Cases", "Solutions", "Products"}

// statusValues are the values of every module's Status picklist.
var statusValues = []string{"Open", "In Progress", "On Hold", "Closed", "Won", "Lost", "Archived"}

func newWorld(cfg Config) *world {
	w := &world{cfg: cfg, rng: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x5bd1e995)), lockOf: map[int]int{}}
	w.profiles = []string{"Administrator", "Standard"}
	for i := 3; i <= NumProfiles; i++ {
		w.profiles = append(w.profiles, fmt.Sprintf("Profile %02d", i))
	}
	w.genModules(scaled(FullModules, cfg.Scale))
	w.genRoles(scaled(FullRoles, cfg.Scale))
	w.genUsers(scaled(FullUsers, cfg.Scale))
	for i := range w.roles {
		if i%10 == 3 {
			w.roles[i].fm = i % len(w.users)
		}
	}
	for i := range scaled(FullContactRoles, cfg.Scale) {
		w.contactRoles = append(w.contactRoles, contactRole{name: fmt.Sprintf("Contact Role %04d", i+1), seq: i + 1})
	}
	w.genLocks(scaled(FullLocking, cfg.Scale))
	return w
}

func moduleFields() []field {
	fs := []field{{apiName: "Name", dataType: "text"}, {apiName: "Description", dataType: "textarea"},
		{apiName: "Status", dataType: "picklist", picklist: statusValues}, {apiName: "Amount", dataType: "currency"}}
	for i := 5; i <= 20; i++ {
		fs = append(fs, field{apiName: fmt.Sprintf("Field_%02d", i), dataType: "text"})
	}
	return fs
}

func (w *world) genModules(custom int) {
	buttons := []string{"Send with Zoho Sign", "Generate Invoice", "Escalate"}
	for _, name := range standardModules {
		w.modules = append(w.modules, module{apiName: name, plural: name, singular: name, fields: moduleFields(), buttons: buttons})
	}
	w.modules = append(w.modules, module{apiName: "Tasks", plural: "Tasks", singular: "Task", fields: moduleFields()})
	for i := range custom {
		n := 10 + w.rng.IntN(31) // 10 to 40 profiles
		profiles := append([]int{0}, w.rng.Perm(NumProfiles - 1)[:n-1]...)
		for j := 1; j < len(profiles); j++ {
			profiles[j]++
		}
		fields := append(moduleFields()[:4], customFields(i)...)
		w.modules = append(w.modules, module{apiName: fmt.Sprintf("Custom_%04d", i+1), custom: true,
			plural: fmt.Sprintf("Custom Records %04d", i+1), singular: fmt.Sprintf("Custom Record %04d", i+1),
			profiles: sortedInts(profiles), fields: fields, buttons: buttons})
	}
	w.numCustom = custom
}

// firstCustom is the index of the first custom module.
func (w *world) firstCustom() int { return len(w.modules) - w.numCustom }

// genRoles builds a deep tree: a chain of Config.Depth roles under the top
// role, then every other role under a random earlier role. Parents always
// come before their children.
func (w *world) genRoles(n int) {
	depth := w.cfg.Depth
	if depth <= 0 {
		depth = defaultDepth
	}
	w.children = make([]int, n)
	for i := range n {
		r := role{name: fmt.Sprintf("Role %05d", i), desc: fmt.Sprintf("Role %05d of the hierarchy", i), parent: -1, fm: -1,
			share: w.rng.IntN(2) == 0}
		switch {
		case i == 0:
			r.name, r.desc = "CEO", "Runs the company"
		case i <= depth:
			r.parent = i - 1
		default:
			r.parent = w.rng.IntN(i)
		}
		if r.parent >= 0 {
			w.children[r.parent]++
		}
		w.roles = append(w.roles, r)
	}
}

func (w *world) genUsers(n int) {
	for i := range n {
		w.users = append(w.users, user{first: "User", last: fmt.Sprintf("%05d", i+1),
			email: fmt.Sprintf("user%05d@example.com", i+1), role: (i * 7) % len(w.roles), profile: i % NumProfiles})
	}
}

// genLocks puts one configuration in four on a standard module (at most
// all of them) and the rest on custom modules.
func (w *world) genLocks(n int) {
	std := min(len(standardModules), n/4)
	for k := range n {
		m := k
		if k >= std {
			m = w.firstCustom() + k - std
		}
		w.lockOf[m] = len(w.locks)
		w.locks = append(w.locks, w.genLock(k, m))
	}
}

func (w *world) genLock(k, m int) lock {
	l := lock{module: m, lockedFor: "all_profiles", actions: []string{"update", "delete"}, comms: []string{"send_mail"},
		portal: k%2 == 0}
	switch k % 3 {
	case 0:
		l.lockType, l.lockedFor = "manual", "all_profiles_except_excluded_profiles"
		l.excludedProfiles = []int{0, 1 + w.rng.IntN(NumProfiles-1)}
		l.actions, l.comms = []string{"update", "tags", "change_owner"}, []string{}
	case 1:
		l.lockType = "automatic"
	default:
		l.lockType = "both"
	}
	if l.lockType != "manual" {
		l.base = w.rng.IntN(len(statusValues))
		for r := range 1 + w.rng.IntN(3) {
			l.rules = append(l.rules, w.genRule(l.base, r))
		}
	}
	if k%4 != 0 {
		l.excludedFields = []string{"Description"}
		if k%4 == 2 {
			l.excludedFields = append(l.excludedFields, "Amount")
		}
	}
	if k%2 == 0 {
		l.buttons = []string{"Send with Zoho Sign"}
		if k%4 == 0 {
			l.buttons = append(l.buttons, "Escalate")
		}
	}
	return l
}

// genRule makes rule r of a configuration whose rules start at status
// value base: a condition for even rules, an OR group for odd ones, so that
// no two rules of a configuration share a criteria.
func (w *world) genRule(base, r int) lockRule {
	rl := lockRule{name: fmt.Sprintf("Rule %d", r+1), existing: w.rng.IntN(2) == 0}
	v := statusValues[(base+r)%len(statusValues)]
	if r%2 == 0 {
		rl.crit = crit{field: "Status", value: v}
		return rl
	}
	rl.crit = crit{op: "OR", group: []crit{{field: "Status", value: v}, {field: "Status", value: statusValues[(base+r+3)%len(statusValues)]}}}
	return rl
}

func sortedInts(s []int) []int {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}
