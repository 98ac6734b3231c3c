package components

import (
	"context"
	"slices"
	"strings"

	"github.com/a-h/templ"
)

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

// csrfKey keeps the request's CSRF token in the rendering context.
type csrfKey struct{}

// WithCSRF returns ctx carrying the request's CSRF token, for the forms a
// page renders (every request renders with it, so no component threads it
// through its parameters).
func WithCSRF(ctx context.Context, token string) context.Context {
	return context.WithValue(ctx, csrfKey{}, token)
}

// CSRFToken returns the token WithCSRF put in ctx.
func CSRFToken(ctx context.Context) string {
	t, _ := ctx.Value(csrfKey{}).(string)
	return t
}

func (f ChoiceField) checked(value string) bool { return slices.Contains(f.Checked, value) }

// Values lists the options' values.
func Values(options []Option) []string {
	out := make([]string, len(options))
	for i, o := range options {
		out[i] = o.Value
	}
	return out
}

// OOB marks an element, when oob, to replace the one with its ID wherever
// it is on the page (htmx's out-of-band swap).
func OOB(oob bool) templ.Attributes {
	if oob {
		return templ.Attributes{"hx-swap-oob": "true"}
	}
	return nil
}
