// Package field is the Field kind: a module's field, custom or standard,
// named by its module and API name. It holds the kind's descriptor, the
// rules of Zoho's field API that are data (data types, derived API names,
// limits) and the typed request bodies the plan marshals. It imports no
// phase package.
package field
