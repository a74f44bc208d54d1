package emulator

import (
	"fmt"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// probe observes the behaviour one reading controls, on a fresh server.
type probe func(e *env) string

func codes(rs ...resp) string {
	var out []string
	for _, r := range rs {
		c := r.code(lockKey)
		for _, k := range []string{roleKey, modKey, crKey} {
			if c == "" {
				c = r.code(k)
			}
		}
		out = append(out, fmt.Sprintf("%d:%s", r.status, c))
	}
	return strings.Join(out, ",")
}

// probes has one entry per Readings field.
func probes(t *testing.T) map[string]probe {
	out := roleModuleProbes(t)
	for k, v := range lockingProbes(t) {
		out[k] = v
	}
	for k, v := range fieldProbes(t) {
		out[k] = v
	}
	return out
}

func roleModuleProbes(t *testing.T) map[string]probe {
	ids := demoIDs(t)
	return map[string]probe{
		"RoleUpdateResponse": func(e *env) string {
			shape := func(v string) string {
				r := e.do("PUT", "/crm/"+v+"/settings/roles", seedRoleUpdate(t))
				if r.body["code"] != nil {
					return "bare"
				}
				return "wrapped"
			}
			return shape("v6") + "," + shape("v8")
		},
		"RoleRefForm": func(e *env) string {
			mgr := ids["role:Manager"]
			// Each PUT moves Manager, so an ignored form shows as the
			// parent it keeps.
			put := func(ref any) string {
				r := e.do("PUT", roleURL, wrap(roleKey, m{"id": mgr, "reporting_to": ref}))
				return codes(r) + ":" + fmt.Sprint(parentName(e.role(mgr)))
			}
			return codes(
				e.do("POST", roleURL, wrap(roleKey, m{"name": "P1", "reporting_to": m{"id": ceoID}})),
				e.do("POST", roleURL, wrap(roleKey, m{"name": "P2", "reporting_to": ceoID}))) + "," +
				put(m{"id": salesHead}) + "," + put(ceoID)
		},
		"RoleDeleteChildren": func(e *env) string {
			r := e.do("DELETE", roleURL+"/"+ids["role:Manager"]+"?transfer_to_id="+salesHead, nil)
			return codes(r) + fmt.Sprint(parentName(e.role(ids["role:Support Agent"])))
		},
		"ModuleProfilesPut": func(e *env) string {
			e.do("PUT", modURL+"/Digital_Marketings", seedSample())
			return strings.Join(e.moduleProfiles("Digital_Marketings"), ",")
		},
		"ProfileDeleteForm": func(e *env) string {
			var out []string
			for _, del := range []any{false, true, m{"permanent": true}} {
				r := e.do("PUT", modURL+"/Projects", wrap(modKey, m{"plural_label": "Projects", "singular_label": "Project",
					"profiles": []any{m{"name": "Administrator"}, m{"name": "Standard"}, m{"name": "Marketing"},
						m{"name": "Support"}, m{"name": "Sales", "_delete": del}}}))
				out = append(out, codes(r), fmt.Sprint(len(e.moduleProfiles("Projects"))))
			}
			return strings.Join(out, ",")
		},
		"ModulePutMandatory": func(e *env) string {
			return codes(
				e.do("PUT", modURL+"/Projects", wrap(modKey, m{"profiles": []any{m{"name": "Sales"}}})),
				e.do("PUT", modURL+"/Projects", wrap(modKey, m{"plural_label": "Projects", "singular_label": "Project"})))
		},
		"ModulesBulkPut": func(e *env) string {
			item := func(n string) m {
				return m{"api_name": n, "plural_label": n + " X", "singular_label": n + " Y", "profiles": []any{m{"name": "Sales"}}}
			}
			return codes(e.do("PUT", modURL, wrap(modKey, item("Projects"), item("Digital_Marketings"))))
		},
		"ModuleDuplicateLabelCode": func(e *env) string {
			return codes(e.do("PUT", modURL+"/Projects", wrap(modKey, m{"plural_label": "Deals", "singular_label": "Project",
				"profiles": []any{m{"name": "Sales"}}})))
		},
		"ModuleListProfileLimit": func(e *env) string {
			return fmt.Sprint(len(findModule(e.do("GET", modURL, nil), "Projects")["profiles"].([]any)))
		},
		"ContactRoleDuplicateCode": func(e *env) string {
			return codes(e.do("POST", crURL, wrap(crKey, m{"name": "Evaluator"})))
		},
		"ContactRoleNameCheck": func(e *env) string {
			// Purchasing frees its name and Evaluator takes it in one call.
			var eval any
			for _, x := range e.do("GET", crURL, nil).list(crKey) {
				if x["name"] == "Evaluator" {
					eval = x["id"]
				}
			}
			e.do("PUT", crURL, wrap(crKey, m{"id": purchasing, "name": "Fresh"}, m{"id": eval, "name": "Purchasing"}))
			var names []string
			for _, x := range e.do("GET", crURL, nil).list(crKey) {
				if x["id"] == eval {
					names = append(names, fmt.Sprint(x["name"]))
				}
			}
			return strings.Join(names, ",")
		},
		"PartialStatus": func(e *env) string {
			return codes(e.do("POST", crURL, wrap(crKey, m{"name": "New One"}, m{"name": "Evaluator"})))
		},
		"TokenExpiresIn": func(e *env) string {
			_, body := postToken(t, e.url, refreshForm("r"))
			return fmt.Sprint(body["expires_in"], body["expires_in_sec"])
		},
		"TokenErrorStatus": func(e *env) string {
			st, _ := postToken(t, e.url, url.Values{"grant_type": {"refresh_token"}})
			return fmt.Sprint(st)
		},
	}
}

func lockingProbes(t *testing.T) map[string]probe {
	return map[string]probe{
		"LockingPutLockType": func(e *env) string {
			return codes(e.do("PUT", lockURL+"?module=Deals", wrap(lockKey, m{"id": dealsCfg, "locking_rules": []any{m{"id": dealsRule}}})))
		},
		"LockingDependentOnPut": func(e *env) string {
			return codes(e.do("PUT", lockURL+"?module=Deals", wrap(lockKey, m{"id": dealsCfg, "lock_type": "both"})))
		},
		"LockingRulesOmittedOnPut": func(e *env) string {
			e.do("PUT", lockURL+"?module=Deals", kaizenPut())
			return strings.Join(ruleNames(e.lockOf("Deals")), ",")
		},
		"NullOnPut": func(e *env) string {
			e.do("PUT", lockURL+"?module=Leads", wrap(lockKey, m{"id": leadsCfg, "lock_type": "manual", "restricted_communications": nil}))
			return fmt.Sprint(e.lockOf("Leads")["restricted_communications"])
		},
		"EmptyLockingGet": func(e *env) string {
			return fmt.Sprint(e.do("GET", lockURL+"?module=Contacts", nil).status)
		},
		"PicklistValueCode": func(e *env) string {
			return codes(e.do("POST", lockURL+"?module=Cases", wrap(lockKey, m{"lock_type": "automatic",
				"locking_rules": []any{rule("R", cond(apiName("Status"), "Done"))}})))
		},
		"Comparators": func(e *env) string {
			return codes(e.do("POST", lockURL+"?module=Contacts", wrap(lockKey, m{"lock_type": "automatic",
				"locking_rules": []any{rule("R", m{"comparator": "not_equal", "field": apiName("Email"), "value": "x"})}})))
		},
		"DuplicateCriteria": func(e *env) string {
			or := func(a, b string) m {
				return m{"group_operator": "OR", "group": []any{cond(apiName("Email"), a), cond(apiName("Email"), b)}}
			}
			return codes(e.do("POST", lockURL+"?module=Contacts", wrap(lockKey, m{"lock_type": "automatic",
				"locking_rules": []any{rule("R1", or("x", "y")), rule("R2", or("y", "x"))}})))
		},
		"MaxExcludedFields": func(e *env) string {
			return codes(e.do("PUT", lockURL+"?module=Deals", wrap(lockKey, m{"id": dealsCfg, "lock_type": "automatic",
				"locking_rules": []any{m{"id": dealsRule}}, "excluded_fields": []any{apiName("Deal_Name"), apiName("Amount"),
					apiName("Closing_Date"), apiName("Description")}})))
		},
		"MaxExcludedProfiles": func(e *env) string {
			return codes(e.do("PUT", lockURL+"?module=Leads", wrap(lockKey, m{"id": leadsCfg, "lock_type": "manual",
				"lock_excluded_profiles": []any{m{"name": "Sales"}, m{"name": "Marketing"}, m{"name": "Support"}}})))
		},
		"MaxRestrictedButtons": func(e *env) string {
			return codes(e.do("PUT", lockURL+"?module=Deals", wrap(lockKey, m{"id": dealsCfg, "lock_type": "automatic",
				"locking_rules": []any{m{"id": dealsRule}}, "restricted_custom_buttons": []any{m{"name": "Generate Invoice"},
					m{"name": "Send with Zoho Sign"}}})))
		},
	}
}

func observe(t *testing.T, rd Readings, ps map[string]probe) map[string]string {
	out := map[string]string{}
	for name, p := range ps {
		out[name] = p(withReadings(t, rd))
	}
	return out
}

// TestReadingVariantsMatrix runs every probe under every variant: a variant
// must change the observation of its own field and no other.
func TestReadingVariantsMatrix(t *testing.T) {
	ps := probes(t)
	fields := reflect.TypeOf(Readings{})
	if fields.NumField() != len(ps) {
		t.Fatalf("%d Readings fields but %d probes", fields.NumField(), len(ps))
	}
	variants := ReadingVariants()
	base := observe(t, variants["default"], ps)
	names := make([]string, 0, len(variants))
	for n := range variants {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		if name == "default" {
			continue
		}
		field := strings.SplitN(name, "=", 2)[0]
		if _, ok := ps[field]; !ok {
			t.Fatalf("variant %s has no probe", name)
		}
		t.Run(name, func(t *testing.T) {
			got := observe(t, variants[name], ps)
			for f, obs := range got {
				switch {
				case f == field && obs == base[f]:
					t.Errorf("%s: no visible effect (%s)", f, obs)
				case f != field && obs != base[f]:
					t.Errorf("%s changed %s: %s -> %s", name, f, base[f], obs)
				}
			}
		})
	}
}

func TestReadingsDefaults(t *testing.T) {
	d := DefaultReadings()
	// The defaults Zoho's v8 SDK works against (see readings.go).
	if d.RoleUpdateResponse != "wrapped" || d.RoleRefForm != "both" || d.ModuleProfilesPut != "merge" ||
		d.ProfileDeleteForm != "any" || d.ModulePutMandatory != "profiles" || d.LockingPutLockType != "required" ||
		d.LockingDependentOnPut != "body" || d.LockingRulesOmittedOnPut != "keep" || d.NullOnPut != "clear" || d.EmptyLockingGet != "204" ||
		d.ContactRoleDuplicateCode != "INVALID_DATA" || d.TokenExpiresIn != "seconds" || d.ModuleListProfileLimit != 2 ||
		d.PartialStatus != 200 || d.TokenErrorStatus != 200 {
		t.Fatalf("defaults %+v", d)
	}
	s, _ := New(Options{})
	if err := s.SetReadings(Readings{NullOnPut: "sometimes"}); err == nil {
		t.Fatal("SetReadings accepted an unknown value")
	}
	if err := s.SetReadings(Readings{NullOnPut: "keep"}); err != nil || s.Readings().NullOnPut != "keep" {
		t.Fatalf("SetReadings: %v", err)
	}
}

func TestReadingsSet(t *testing.T) {
	var r Readings
	if err := r.Set("RoleUpdateResponse=bare"); err != nil || r.RoleUpdateResponse != "bare" {
		t.Fatalf("Set: %v %+v", err, r)
	}
	if err := r.Set("PartialStatus=207"); err != nil || r.PartialStatus != 207 {
		t.Fatalf("Set int: %v %+v", err, r)
	}
	for _, bad := range []string{"Nope=1", "RoleUpdateResponse", "RoleUpdateResponse=maybe", "PartialStatus=x"} {
		if err := (&Readings{}).Set(bad); err == nil {
			t.Errorf("Set(%q) accepted", bad)
		}
	}
}
