package infobase

import (
	"ignition/views/components"
)

// pageURL is the list's page n under the filters f.
func pageURL(f Filters, n int) string {
	return components.PageURL(URL, map[string]string{"category": f.Category, "tag": f.Tag}, n)
}

// action is where the form is sent: the list for a new note, the note for
// an edit.
func action(f Form, editing bool) string {
	if editing {
		return EntryURL(f.ID)
	}
	return URL
}
