package journal

import (
	"net/http"
	"strings"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store/db"
	"ignition/app/vault"
	views "ignition/views/journal"
)

// input is the entry form as submitted: the body and the private tags are
// envelopes the island made; the tags are plaintext.
type input struct {
	ID          string `form:"record_id"`
	Body        string `form:"body"`
	PrivateTags string `form:"private_tags"`
	Tags        string `form:"tags"`
}

// entry is a checked entry, ready to store.
type entry struct {
	ID          uuid.UUID
	Body        []byte
	PrivateTags []byte // nil when none
	Tags        []string
}

// bindEntry reads the entry form for the vault it is sealed to. The form
// it returns echoes what was sent, so a refused form comes back as typed
// (the island decrypts the envelope back into its field); its Errors say
// what to fix. A malformed envelope or ID is 400, an oversized one 413:
// the island never sends either.
func bindEntry(c echo.Context, cur vault.Current, f *views.Form) (entry, error) {
	var in input
	if err := form.Bind(c, &in); err != nil {
		return entry{}, err
	}
	f.ID, f.Body, f.PrivateTags, f.Tags, f.Errors = in.ID, in.Body, in.PrivateTags, in.Tags, form.Errors{}
	var out entry
	var err error
	if out.ID, err = uuid.Parse(in.ID); err != nil || out.ID == uuid.Nil {
		return entry{}, echo.NewHTTPError(http.StatusBadRequest, "This form has no valid entry ID.")
	}
	var empty bool
	if out.Body, empty, err = vault.FormField(cur, in.Body, BodyMax); err != nil {
		return entry{}, err
	}
	if empty {
		f.Errors["body"] = "Write something first: an empty entry is not saved."
	}
	if out.PrivateTags, _, err = vault.FormField(cur, in.PrivateTags, PrivateTagsMax); err != nil {
		return entry{}, err
	}
	var problem string
	if out.Tags, problem = form.Tags(in.Tags, TagsMax, TagMax, "tag"); problem != "" {
		f.Errors["tags"] = problem
	}
	return out, nil
}

// formOf fills the form from a stored entry.
func formOf(e db.JournalEntry) views.Form {
	return views.Form{ID: e.ID.String(), Day: e.Day, Body: string(e.Body), PrivateTags: string(e.PrivateTags), Tags: strings.Join(e.Tags, ", ")}
}
