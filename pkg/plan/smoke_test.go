package plan

import (
	"encoding/json"
	"testing"

	"github.com/crmsync/crmsync/pkg/model"
)

func TestSmoke(t *testing.T) {
	p := model.Ptr[string]
	des, obs := model.NewState(), model.NewState()
	rules := []model.LockingRule{{Name: "Closed Won", LockExistingRecords: model.Ptr(true), Criteria: &model.Criteria{Field: "Stage", Comparator: "equal", Value: "Closed Won"}},
		{Name: "Closed Lost", Criteria: &model.Criteria{GroupOperator: "OR", Group: []model.Criteria{{Field: "Stage", Comparator: "equal", Value: "Closed Lost"}}}}}
	des.Put(&model.Object{Key: model.Key{Kind: model.KindLockingConfig, Name: "Deals"}, LockingConfig: &model.LockingConfig{Module: "Deals", LockType: p("both"), LockingRules: &rules}})
	orules := []model.LockingRule{{ID: "11", Name: "Closed Won", LockExistingRecords: model.Ptr(true), Criteria: &model.Criteria{Field: "Stage", Comparator: "equal", Value: "Closed Won"}}, {ID: "12", Name: "Old"}}
	obs.Put(&model.Object{Key: model.Key{Kind: model.KindLockingConfig, Name: "Deals"}, ID: "1", LockingConfig: &model.LockingConfig{Module: "Deals", LockType: p("automatic"), LockingRules: &orules}})
	des.Put(&model.Object{Key: model.Key{Kind: model.KindRole, Name: "Sales Head"}, PreviousNames: []string{"SDH"}, Role: &model.Role{Name: "Sales Head", ReportingTo: p("CEO")}})
	des.Put(&model.Object{Key: model.Key{Kind: model.KindRole, Name: "Inside"}, Role: &model.Role{Name: "Inside", ReportingTo: p("Sales Head")}})
	obs.Put(&model.Object{Key: model.Key{Kind: model.KindRole, Name: "CEO"}, ID: "100", System: true, Role: &model.Role{Name: "CEO", ReportingTo: p("")}})
	obs.Put(&model.Object{Key: model.Key{Kind: model.KindRole, Name: "SDH"}, ID: "101", Role: &model.Role{Name: "SDH", ReportingTo: p("CEO")}})
	lk := &model.Lookups{Fields: map[string][]model.Field{"Deals": {{ID: "5", APIName: "Stage", PickList: []string{"Closed Won", "Closed Lost"}}}}}
	pl, err := Make(Input{Desired: des, Observed: obs, Lookups: lk}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(pl, "", " ")
	t.Logf("%s", b)
}
