package emulator

import (
	"fmt"
	"strings"
	"testing"
)

const (
	fURL   = v8 + "/settings/fields"
	gURL   = v8 + "/settings/global_picklists"
	gpDemo = "5843104000000930001"
	tierID = "5843104000000931001"
)

// fcodes renders status:code pairs of field and global picklist answers.
func fcodes(rs ...resp) string {
	var out []string
	for _, r := range rs {
		c := r.code(fieldsKey)
		if c == "" {
			c = r.code(gpKey)
		}
		out = append(out, fmt.Sprintf("%d:%s", r.status, c))
	}
	return strings.Join(out, ",")
}

// field finds a field of a module by api_name or label over HTTP.
func (e *env) field(module, apiName, label string) map[string]any {
	e.t.Helper()
	for _, f := range e.do("GET", fURL+"?module="+module, nil).list(fieldsKey) {
		if f["api_name"] == apiName || (label != "" && f["field_label"] == label) {
			return f
		}
	}
	return nil
}

// optionIDs maps actual values to option ids.
func optionIDs(f map[string]any) map[string]string {
	out := map[string]string{}
	for _, x := range f["pick_list_values"].([]any) {
		o := x.(map[string]any)
		out[o["actual_value"].(string)] = o["id"].(string)
	}
	return out
}

func actuals(f map[string]any) string {
	var out []string
	for _, x := range f["pick_list_values"].([]any) {
		out = append(out, x.(map[string]any)["actual_value"].(string))
	}
	return strings.Join(out, ",")
}

func permOf(f map[string]any, profile string) string {
	for _, x := range f["profiles"].([]any) {
		if p := x.(map[string]any); p["name"] == profile {
			return p["permission_type"].(string)
		}
	}
	return ""
}

func textField(label string) m { return m{"field_label": label, "data_type": "text"} }

// fieldProbes has one probe per field or global picklist reading.
func fieldProbes(t *testing.T) map[string]probe {
	ids := demoIDs(t)
	stage := ids["Deals.Stage"]
	out := map[string]probe{
		"FieldAPINameOnCreate": func(e *env) string {
			e.do("POST", fURL+"?module=Accounts", wrap(fieldsKey, m{"field_label": "Priority Level", "data_type": "text", "api_name": "Prio"}))
			return fmt.Sprint(e.field("Accounts", "", "Priority Level")["api_name"])
		},
		"FieldsPerCall": func(e *env) string {
			items := []any{textField("A1"), textField("A2"), textField("A3"), textField("A4"), textField("A5"), textField("A6")}
			return fcodes(e.do("POST", fURL+"?module=Accounts", m{fieldsKey: items}))
		},
		"FieldRequestLimits": func(e *env) string {
			return fcodes(e.do("POST", fURL+"?module=Accounts", wrap(fieldsKey, textField("A label of thirty characters"))))
		},
		"FieldCreateOmittedProfiles": func(e *env) string {
			e.do("POST", fURL+"?module=Accounts", wrap(fieldsKey, m{"field_label": "Secret", "data_type": "text",
				"profiles": []any{m{"id": ids["profile:Administrator"], "permission_type": "read_write"}}}))
			return permOf(e.field("Accounts", "Secret", ""), "Sales")
		},
		"SystemFieldUpdate": func(e *env) string {
			opt := optionIDs(e.field("Deals", "Stage", ""))["Proposal"]
			return fcodes(
				e.do("PATCH", fURL+"/"+stage+"?module=Deals", wrap(fieldsKey, m{"field_label": "Sales Stage"})),
				e.do("PATCH", fURL+"/"+stage+"?module=Deals", wrap(fieldsKey, m{"pick_list_values": []any{m{"id": opt, "display_value": "Proposal/Price Quote"}}})),
				e.do("PATCH", fURL+"/"+stage+"?module=Deals", wrap(fieldsKey, m{"tooltip": m{"name": "info_icon", "value": "Where the deal is"}})))
		},
	}
	for k, v := range fieldProbes2(ids) {
		out[k] = v
	}
	for k, v := range globalProbes() {
		out[k] = v
	}
	return out
}

func fieldProbes2(ids map[string]string) map[string]probe {
	return map[string]probe{
		"FieldInLockingUse": func(e *env) string {
			e.do("POST", lockURL+"?module=Digital_Marketings", wrap(lockKey, m{"lock_type": "automatic",
				"locking_rules": []any{rule("Done", cond(apiName("Campaign_Status"), "Done"))}}))
			return fcodes(e.do("DELETE", fURL+"/"+ids["Digital_Marketings.Campaign_Status"]+"?module=Digital_Marketings", nil))
		},
		"MaxCustomFields": func(e *env) string {
			n := 0
			for call := 0; call < 80; call++ {
				var items []any
				for i := 0; i < 5; i++ {
					items = append(items, textField(fmt.Sprintf("F%03d", call*5+i)))
				}
				r := e.do("POST", fURL+"?module=Accounts", m{fieldsKey: items})
				for _, it := range r.list(fieldsKey) {
					if it["status"] == "success" {
						n++
					}
				}
				if r.status != 201 {
					break
				}
			}
			return fmt.Sprint(n)
		},
		"PicklistOptionDelete": func(e *env) string {
			bronze := optionIDs(e.field("Accounts", "Customer_Tier", ""))["Bronze"]
			r := e.do("PATCH", fURL+"/"+tierID+"?module=Accounts", wrap(fieldsKey, m{"pick_list_values": []any{m{"id": bronze, "_delete": true}}}))
			return fcodes(r) + " " + actuals(e.field("Accounts", "Customer_Tier", ""))
		},
		"PicklistReorder": func(e *env) string {
			bronze := optionIDs(e.field("Accounts", "Customer_Tier", ""))["Bronze"]
			e.do("PATCH", fURL+"/"+tierID+"?module=Accounts", wrap(fieldsKey, m{"pick_list_values": []any{m{"id": bronze, "sequence_number": 1}}}))
			return actuals(e.field("Accounts", "Customer_Tier", ""))
		},
		"FieldDeleteUnknownID": func(e *env) string {
			return fcodes(e.do("DELETE", fURL+"/5843104000999999999?module=Accounts", nil))
		},
		"GeneratedAPINameCollision": func(e *env) string {
			r := e.do("POST", fURL+"?module=Accounts", wrap(fieldsKey, textField("Account-Code")))
			return fcodes(r) + " " + fmt.Sprint(e.field("Accounts", "", "Account-Code")["api_name"])
		},
	}
}

func sizes(label string) m {
	return m{"display_label": label, "pick_list_values": []any{m{"display_value": "S", "type": "used"}}}
}

func globalProbes() map[string]probe {
	return map[string]probe{
		"GlobalValueType": func(e *env) string {
			return fcodes(e.do("POST", gURL, wrap(gpKey, m{"display_label": "Sizes", "pick_list_values": []any{m{"display_value": "S"}}})))
		},
		"GlobalUpdateMandatory": func(e *env) string {
			return fcodes(e.do("PATCH", gURL+"/"+gpDemo, wrap(gpKey, m{"description": "Regions of sales"})))
		},
		"GlobalDelete": func(e *env) string {
			r := e.do("DELETE", gURL+"/"+gpDemo, nil)
			g := e.do("GET", gURL+"/"+gpDemo, nil)
			return fcodes(r, g) + fmt.Sprint(g.item(gpKey, 0)["presence"])
		},
		"GlobalDeleteIDs": func(e *env) string {
			id := details(e.do("POST", gURL, wrap(gpKey, sizes("Sizes"))).item(gpKey, 0))["id"]
			return fcodes(e.do("DELETE", gURL+"?ids="+gpDemo+","+fmt.Sprint(id), nil))
		},
		"MaxGlobalPicklists": func(e *env) string {
			return fcodes(e.do("POST", gURL, wrap(gpKey, sizes("Sizes"))), e.do("POST", gURL, wrap(gpKey, sizes("Colours"))))
		},
		"GlobalListValues": func(e *env) string {
			_, has := e.do("GET", gURL, nil).item(gpKey, 0)["pick_list_values"]
			return fmt.Sprint(has)
		},
		"GlobalValueUniqueness": func(e *env) string { // swap EMEA and APAC
			g := e.do("GET", gURL+"/"+gpDemo, nil).item(gpKey, 0)
			ids := map[string]any{}
			for _, v := range g["pick_list_values"].([]any) {
				ids[fmt.Sprint(v.(map[string]any)["display_value"])] = v.(map[string]any)["id"]
			}
			return fcodes(e.do("PATCH", gURL+"/"+gpDemo, wrap(gpKey, m{"display_label": "Regions", "pick_list_values": []any{
				m{"id": ids["EMEA"], "display_value": "APAC"}, m{"id": ids["APAC"], "display_value": "EMEA"}}})))
		},
		"GlobalBulkPatchStatus": func(e *env) string {
			return fcodes(e.do("PATCH", gURL, wrap(gpKey, m{"id": gpDemo, "display_label": "Regions",
				"pick_list_values": []any{m{"display_value": "LATAM", "type": "used"}}})))
		},
	}
}
