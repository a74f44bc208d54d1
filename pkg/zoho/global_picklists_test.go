package zoho

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// TestListGlobalPicklists: one GET with include=pick_list_values; a set
// answered without values (an org that ignores include) is read again by
// id, unless its deletion is running (presence false), and left out if it
// is gone by then (204); values come back in sequence order, their stored
// value taken from actual_value or reference_value.
func TestListGlobalPicklists(t *testing.T) {
	f := newFake(t)
	var paths []string
	f.setHandler(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.Path+"?"+r.URL.RawQuery)
		switch {
		case strings.HasSuffix(r.URL.Path, "/settings/global_picklists"):
			reply(w, 200, `{"global_picklists":[`+
				`{"id":"1","api_name":"Regions","display_label":"Regions","presence":true,"pick_list_values":[`+
				`{"id":"12","display_value":"B","actual_value":"b","sequence_number":2,"type":"used"},`+
				`{"id":"11","display_value":"A","reference_value":"a","sequence_number":1,"type":"unused"}]},`+
				`{"id":"2","api_name":"Sizes","display_label":"Sizes","presence":true},`+
				`{"id":"3","api_name":"Old","display_label":"Old","presence":false},`+
				`{"id":"4","api_name":"Gone","display_label":"Gone"}]}`)
		case strings.HasSuffix(r.URL.Path, "/settings/global_picklists/2"):
			reply(w, 200, `{"global_picklists":[{"id":"2","api_name":"Sizes","pick_list_values":[{"id":"21","display_value":"S"}]}]}`)
		case strings.HasSuffix(r.URL.Path, "/settings/global_picklists/4"):
			w.WriteHeader(http.StatusNoContent)
		default:
			reply(w, 404, `{"code":"INVALID_URL_PATTERN","details":{},"message":"x","status":"error"}`)
		}
	})
	c := f.client(nil)
	got, err := c.ListGlobalPicklists(context.Background())
	if err != nil || len(got) != 3 || got[2].APIName != "Old" || got[2].PickListValues != nil {
		t.Fatalf("ListGlobalPicklists = %+v, %v", got, err)
	}
	if v := *got[0].PickListValues; v[0].Stored() != "a" || v[1].Stored() != "b" || v[0].Type != "unused" {
		t.Errorf("Regions values = %+v", v)
	}
	if v := got[1].PickListValues; v == nil || len(*v) != 1 || (*v)[0].Stored() != "S" || !*got[1].Presence {
		t.Errorf("Sizes = %+v", got[1])
	}
	want := []string{"/crm/v8/settings/global_picklists?include=pick_list_values", "/crm/v8/settings/global_picklists/2?",
		"/crm/v8/settings/global_picklists/4?"}
	if strings.Join(paths, " ") != strings.Join(want, " ") {
		t.Errorf("requests %v, want %v", paths, want)
	}
}
