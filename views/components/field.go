package components

import "strings"

// describedBy lists the IDs of the hint and error that explain the input.
func (f Field) describedBy() string { return describedBy(f.ID, f.Hint, f.Error) }

func (f SelectField) describedBy() string { return describedBy(f.ID, f.Hint, f.Error) }

func describedBy(id, hint, err string) string {
	var ids []string
	if hint != "" {
		ids = append(ids, id+"-hint")
	}
	if err != "" {
		ids = append(ids, id+"-error")
	}
	return strings.Join(ids, " ")
}
