package emulator

// GET shapes. Empty lists are answered as null, as in the Kaizen #109 GET
// sample; fields come with both api_name and id, profiles and buttons with
// both id and name [seed:kaizen].

func userRefView(u *UserRef, withEmail bool) any {
	if u == nil {
		return nil
	}
	o := obj{"id": u.ID, "name": u.Name}
	if withEmail {
		o["email"] = u.Email
	}
	return o
}

func refView(r *Ref) any {
	if r == nil {
		return nil
	}
	return obj{"id": r.ID, "name": r.Name}
}

func refsView(rs []Ref) any {
	if len(rs) == 0 {
		return nil
	}
	out := make([]obj, len(rs))
	for i, r := range rs {
		out[i] = obj{"id": r.ID, "name": r.Name}
	}
	return out
}

func fieldRefsView(fs []FieldRef) any {
	if len(fs) == 0 {
		return nil
	}
	out := make([]obj, len(fs))
	for i, f := range fs {
		out[i] = obj{"api_name": f.APIName, "id": f.ID}
	}
	return out
}

func stringsView(vs []string) any {
	if len(vs) == 0 {
		return nil
	}
	return append([]string(nil), vs...)
}

func criteriaView(c *Criteria) any {
	if c == nil {
		return nil
	}
	if c.GroupOperator != "" {
		group := make([]any, len(c.Group))
		for i := range c.Group {
			group[i] = criteriaView(&c.Group[i])
		}
		return obj{"group_operator": c.GroupOperator, "group": group}
	}
	o := obj{"comparator": c.Comparator, "value": c.Value}
	if c.Field != nil {
		o["field"] = obj{"api_name": c.Field.APIName, "id": c.Field.ID}
	}
	return o
}

func lockView(l *LockingConfig) obj {
	var rules any
	if len(l.LockingRules) > 0 {
		list := make([]obj, len(l.LockingRules))
		for i, r := range l.LockingRules {
			list[i] = obj{"id": r.ID, "name": r.Name, "lock_existing_records": r.LockExistingRecords,
				"criteria": criteriaView(r.Criteria)}
		}
		rules = list
	}
	portal := true
	if l.LockForPortalUsers != nil {
		portal = *l.LockForPortalUsers
	}
	return obj{
		"id": l.ID, "lock_type": l.LockType, "locked_for": l.LockedFor,
		"lock_excluded_profiles":    refsView(l.LockExcludedProfiles),
		"excluded_fields":           fieldRefsView(l.ExcludedFields),
		"restricted_actions":        stringsView(l.RestrictedActions),
		"restricted_communications": stringsView(l.RestrictedCommunications),
		"restricted_custom_buttons": refsView(l.RestrictedCustomButtons),
		"lock_for_portal_users":     portal,
		"feature_type":              l.FeatureType,
		"system_defined":            l.SystemDefined,
		"locking_rules":             rules,
		"created_time":              l.CreatedTime, "modified_time": l.ModifiedTime,
		"created_by": userRefView(l.CreatedBy, false), "modified_by": userRefView(l.ModifiedBy, false),
	}
}

func roleView(r *Role) obj {
	var desc any
	if r.Description != nil {
		desc = *r.Description
	}
	return obj{
		"id": r.ID, "name": r.Name, "display_label": r.Name,
		"reporting_to": refView(r.ReportingTo), "forecast_manager": refView(r.ForecastManager),
		"share_with_peers": r.ShareWithPeers, "description": desc, "admin_user": r.AdminUser,
		"created_by__s": userRefView(r.CreatedBy, true), "created_time__s": nullIfEmpty(r.CreatedTime),
		"modified_by__s": userRefView(r.ModifiedBy, true), "modified_time__s": nullIfEmpty(r.ModifiedTime),
	}
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// moduleView renders a module; limit < 0 shows every profile, otherwise at
// most limit profiles with has_more_profiles and profile_count telling the
// truth ([OAS modules.json] has_more_profiles, profile_count).
func moduleView(m *Module, limit int) obj {
	profiles := m.Profiles
	more := limit >= 0 && len(profiles) > limit
	if more {
		profiles = profiles[:limit]
	}
	ps := make([]obj, len(profiles))
	for i, p := range profiles {
		ps[i] = obj{"id": p.ID, "name": p.Name}
	}
	custom := m.GeneratedType == "custom"
	return obj{
		"id": m.ID, "api_name": m.APIName, "module_name": m.ModuleName,
		"plural_label": m.PluralLabel, "singular_label": m.SingularLabel,
		"generated_type": m.GeneratedType, "status": m.Status,
		"profiles": ps, "has_more_profiles": more, "profile_count": len(m.Profiles),
		"modified_time": nullIfEmpty(m.ModifiedTime), "modified_by": userRefView(m.ModifiedBy, false),
		"api_supported": true, "creatable": true, "editable": true, "viewable": true,
		"deletable": custom, "sequence_number": m.SequenceNumber,
	}
}
