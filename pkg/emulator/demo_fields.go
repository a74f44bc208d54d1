package emulator

// Demo custom fields with picklists and field permissions, and a global
// picklist used by two fields [fields.md §2, §5.2, §9]. They live in
// Accounts and Contacts; the standard picklists (Deals' Stage, Leads'
// Lead_Status, Tasks' and Cases' Status) are in demo.go.

func demoGlobalPicklists() []GlobalPicklist {
	desc := "Sales regions"
	return []GlobalPicklist{{ID: "5843104000000930001", APIName: "Regions", DisplayLabel: "Regions",
		Description: &desc, Values: []PickListOption{
			{DisplayValue: "EMEA"}, {DisplayValue: "Americas"}, {DisplayValue: "APAC"},
			{DisplayValue: "Antarctica", Type: "unused"}}}}
}

// demoPermissions gives one permission per demo profile.
func demoPermissions(sales, marketing, support string) []FieldPermission {
	return []FieldPermission{{Name: "Administrator", PermissionType: "read_write"},
		{Name: "Standard", PermissionType: "read_write"}, {Name: "Sales", PermissionType: sales},
		{Name: "Marketing", PermissionType: marketing}, {Name: "Support", PermissionType: support}}
}

func demoAccountFields() []Field {
	twenty := 20
	return []Field{
		{ID: "5843104000000931001", APIName: "Customer_Tier", FieldLabel: "Customer Tier", DataType: "picklist",
			Custom: true, PickListValues: []string{"Gold", "Silver", "Bronze"},
			Tooltip:  &Tooltip{Name: "static_text", Value: "Service level"},
			Profiles: demoPermissions("read_only", "read_only", "hidden")},
		{APIName: "Region", DataType: "picklist", Custom: true, GlobalPicklist: &FieldRef{APIName: "Regions"}},
		{APIName: "Account_Code", FieldLabel: "Account Code", DataType: "text", Custom: true, Length: &twenty,
			Profiles: demoPermissions("read_write", "hidden", "read_only")},
	}
}

func demoContactFields() []Field {
	return []Field{
		{APIName: "Preferred_Channel", FieldLabel: "Preferred Channel", DataType: "picklist", Custom: true,
			PickListOptions: []PickListOption{{DisplayValue: "E-mail", ActualValue: "Email"},
				{DisplayValue: "Phone call", ActualValue: "Phone"}, {DisplayValue: "Chat"}},
			Profiles: demoPermissions("read_write", "read_only", "read_write")},
		{APIName: "Region", DataType: "picklist", Custom: true, GlobalPicklist: &FieldRef{ID: "5843104000000930001"}},
	}
}
