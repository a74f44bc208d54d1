package emulator

// DemoSeed returns the built-in demo org "Zylker Demo". A few ids are taken
// from the Zoho samples (the Kaizen #109 GET sample and the update page);
// the rest are generated when the server starts. Each call returns a fresh
// value.
func DemoSeed() *Seed {
	return &Seed{
		Org:             Org{ID: "20000000000000001", CompanyName: "Zylker Demo", Edition: "enterprise"},
		Profiles:        demoProfiles(),
		Modules:         demoModules(),
		Users:           demoUsers(),
		Roles:           demoRoles(),
		ContactRoles:    demoContactRoles(),
		LockingConfigs:  demoLocks(),
		GlobalPicklists: demoGlobalPicklists(),
	}
}

func demoProfiles() []Profile {
	return []Profile{
		{ID: "5843104000000026011", Name: "Administrator", Description: "This profile will have all the permissions."},
		{ID: "5843104000000026014", Name: "Standard", Description: "This profile will have all the permissions except administrative privileges."},
		{Name: "Sales", Custom: true},
		{Name: "Marketing", Custom: true},
		{Name: "Support", Custom: true},
	}
}

func textFields(names ...string) []Field {
	out := make([]Field, 0, len(names))
	for _, n := range names {
		dt := "text"
		switch n {
		case "Description":
			dt = "textarea"
		case "Email":
			dt = "email"
		}
		out = append(out, Field{APIName: n, DataType: dt})
	}
	return out
}

func picklist(apiName string, values ...string) Field {
	return Field{APIName: apiName, DataType: "picklist", PickListValues: values}
}

func demoModules() []Module {
	deals := []Field{
		{APIName: "Deal_Name", DataType: "text"},
		{ID: "5843104000000002565", APIName: "Stage", DataType: "picklist", PickListValues: []string{
			"Qualification", "Needs Analysis", "Proposal", "Negotiation",
			"Closed Won", "Closed Lost", "Closed-Lost to Competition"}},
		{APIName: "Amount", DataType: "currency"},
		{APIName: "Closing_Date", DataType: "date"},
		{ID: "5843104000000002587", APIName: "Description", DataType: "textarea"},
	}
	leads := append(textFields("Last_Name", "Company"),
		Field{ID: "5843104000000002599", APIName: "Email", DataType: "email"},
		picklist("Lead_Status", "Not Contacted", "Contacted", "Qualified", "Lost Lead", "Junk Lead"),
		Field{APIName: "Description", DataType: "textarea"})
	return []Module{
		{APIName: "Leads", PluralLabel: "Leads", SingularLabel: "Lead", Fields: leads,
			CustomButtons: []Ref{{ID: "5843104000000485570", Name: "Send with Zoho Sign"}}},
		{APIName: "Contacts", PluralLabel: "Contacts", SingularLabel: "Contact",
			Fields: append(textFields("Last_Name", "Email", "Description"), demoContactFields()...)},
		{APIName: "Accounts", PluralLabel: "Accounts", SingularLabel: "Account",
			Fields: append(textFields("Account_Name", "Description"), demoAccountFields()...)},
		{APIName: "Deals", PluralLabel: "Deals", SingularLabel: "Deal", Fields: deals,
			CustomButtons: []Ref{{Name: "Send with Zoho Sign"}, {Name: "Generate Invoice"}}},
		{APIName: "Tasks", PluralLabel: "Tasks", SingularLabel: "Task", Fields: []Field{
			{APIName: "Subject", DataType: "text"},
			picklist("Status", "Not Started", "In Progress", "Completed", "Closed")}},
		{APIName: "Cases", PluralLabel: "Cases", SingularLabel: "Case", Fields: []Field{
			{APIName: "Subject", DataType: "text"},
			picklist("Status", "New", "On Hold", "Escalated", "Closed"),
			{APIName: "Description", DataType: "textarea"}}},
		{ID: "2423488000000834002", APIName: "Digital_Marketings", ModuleName: "Digital_Marketings",
			PluralLabel: "Digital Marketings", SingularLabel: "Digital Marketing", GeneratedType: "custom",
			Profiles: []Ref{{Name: "Administrator"}, {Name: "Standard"}, {Name: "Support"}},
			Fields: []Field{{APIName: "Name", DataType: "text", Custom: true},
				{APIName: "Campaign_Status", DataType: "picklist", Custom: true, PickListValues: []string{"Planned", "Active", "Done"}},
				{APIName: "Description", DataType: "textarea"}},
			CustomButtons: []Ref{{Name: "Publish"}}},
		{APIName: "Projects", ModuleName: "Projects", PluralLabel: "Projects", SingularLabel: "Project",
			GeneratedType: "custom",
			Fields:        []Field{{APIName: "Name", DataType: "text", Custom: true}, {APIName: "Description", DataType: "textarea"}}},
	}
}

func demoUsers() []User {
	u := func(id, first, last, email, role, profile, status string) User {
		return User{ID: id, FirstName: first, LastName: last, Email: email, Status: status,
			Role: Ref{Name: role}, Profile: Ref{Name: profile}}
	}
	f := false
	unconfirmed := u("", "Nina", "Novak", "nina@example.com", "Support Agent", "Support", "active")
	unconfirmed.Confirmed = &f
	return []User{
		u("5843104000000424672", "Patricia", "Boyle", "admin@example.com", "CEO", "Administrator", "active"),
		u("738964000000291009", "Jane", "Smith", "jane@example.com", "Sales department Head", "Standard", "active"),
		u("5843104000000424001", "John", "Smith", "john@example.com", "Sales Rep", "Sales", "active"),
		u("", "Ravi", "Kumar", "ravi@example.com", "Manager", "Standard", "active"),
		u("", "Maria", "Garcia", "maria@example.com", "Support Agent", "Support", "active"),
		u("", "Chen", "Wei", "chen@example.com", "Sales Rep", "Sales", "disabled"),
		unconfirmed,
	}
}

func demoRoles() []Role {
	desc := "Manage the sales department"
	return []Role{
		{ID: "4150868000000026005", Name: "CEO"},
		{Name: "Manager", ReportingTo: &Ref{Name: "CEO"}},
		{ID: "4150868000000231921", Name: "Sales department Head", ReportingTo: &Ref{Name: "CEO"},
			Description: &desc, ShareWithPeers: true, ForecastManager: &Ref{Name: "Jane Smith"}},
		{Name: "Sales Rep", ReportingTo: &Ref{Name: "Sales department Head"}},
		{Name: "Support Agent", ReportingTo: &Ref{Name: "Manager"}},
	}
}

func demoContactRoles() []ContactRole {
	names := []string{"Purchasing", "Component Specifier", "Evaluator", "Technical Buyer", "Lead",
		"Economic Decision Maker", "Executive Sponsor", "Influencer", "Other"}
	out := make([]ContactRole, len(names))
	for i, n := range names {
		out[i] = ContactRole{Name: n, SequenceNumber: i + 1}
	}
	out[0].ID = "4150868000003611011"
	return out
}

// demoLocks: Deals as in the Kaizen #109 GET sample; Leads manual with an
// excluded profile, as in the update page sample.
func demoLocks() []LockingConfig {
	t := true
	return []LockingConfig{
		{ID: "5843104000001068044", Module: "Deals", LockType: "automatic", LockedFor: "all_profiles",
			ExcludedFields: []FieldRef{{APIName: "Description"}}, FeatureType: "record_locking",
			LockingRules: []LockingRule{{ID: "5843104000001068052", Name: "Closed Won", LockExistingRecords: true,
				Criteria: &Criteria{Comparator: "equal", Field: &FieldRef{APIName: "Stage"}, Value: "Closed Won"}}},
			RestrictedActions: []string{"update"}, LockForPortalUsers: &t,
			CreatedTime: "2023-10-23T03:25:06-04:00", ModifiedTime: "2023-10-23T03:42:00-04:00",
			CreatedBy:  &UserRef{ID: "5843104000000424672", Name: "Patricia Boyle"},
			ModifiedBy: &UserRef{ID: "5843104000000424001", Name: "John Smith"}},
		{ID: "5843104000000758004", Module: "Leads", LockType: "manual",
			LockedFor:                "all_profiles_except_excluded_profiles",
			LockExcludedProfiles:     []Ref{{Name: "Administrator"}},
			RestrictedActions:        []string{"update", "delete"},
			RestrictedCommunications: []string{"send_mail"},
			RestrictedCustomButtons:  []Ref{{Name: "Send with Zoho Sign"}},
			LockForPortalUsers:       &t},
	}
}
