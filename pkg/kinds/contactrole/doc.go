// Package contactrole describes the ContactRole kind: an entry of the
// Contacts role picklist.
package contactrole
