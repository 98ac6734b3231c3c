package infobase

import (
	"net/http"
	"strings"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store/db"
	"ignition/app/vault"
	views "ignition/views/infobase"
)

// input is the note form as submitted: the title, body and private tags
// are envelopes the island made; the category and tags are plaintext.
type input struct {
	ID          string `form:"record_id"`
	Title       string `form:"title"`
	Body        string `form:"body"`
	PrivateTags string `form:"private_tags"`
	Category    string `form:"category"`
	Tags        string `form:"tags"`
}

// entry is a checked note, ready to store.
type entry struct {
	ID          uuid.UUID
	Title       []byte
	Body        []byte // nil when empty
	PrivateTags []byte // nil when none
	Category    pgtype.Text
	Tags        []string
}

// bindEntry reads the note form for the vault it is sealed to. The form it
// returns echoes what was sent, so a refused form comes back as typed (the
// island decrypts the envelopes back into their fields); its Errors say
// what to fix. A malformed envelope or ID is 400, an oversized one 413:
// the island never sends either.
func bindEntry(c echo.Context, cur vault.Current) (entry, views.Form, error) {
	var in input
	if err := form.Bind(c, &in); err != nil {
		return entry{}, views.Form{}, err
	}
	f := views.Form{ID: in.ID, Title: in.Title, Body: in.Body, PrivateTags: in.PrivateTags, Category: in.Category, Tags: in.Tags, Errors: form.Errors{}}
	var out entry
	var err error
	if out.ID, err = uuid.Parse(in.ID); err != nil || out.ID == uuid.Nil {
		return entry{}, f, echo.NewHTTPError(http.StatusBadRequest, "This form has no valid note ID.")
	}
	var empty bool
	if out.Title, empty, err = vault.FormField(cur, in.Title, TitleMax); err != nil {
		return entry{}, f, err
	}
	if empty {
		f.Errors["title"] = "Title is required."
	}
	if out.Body, _, err = vault.FormField(cur, in.Body, BodyMax); err != nil {
		return entry{}, f, err
	}
	if out.PrivateTags, _, err = vault.FormField(cur, in.PrivateTags, PrivateTagsMax); err != nil {
		return entry{}, f, err
	}
	if cat := strings.Join(strings.Fields(in.Category), " "); cat != "" {
		if len([]rune(cat)) > CategoryMax {
			f.Errors["category"] = "Keep the category to 40 characters."
		}
		out.Category = pgtype.Text{String: cat, Valid: true}
	}
	var problem string
	if out.Tags, problem = form.Tags(in.Tags, TagsMax, TagMax, "tag"); problem != "" {
		f.Errors["tags"] = problem
	}
	return out, f, nil
}

// formOf fills the edit form from a stored note.
func formOf(e db.InfobaseEntry) views.Form {
	return views.Form{ID: e.ID.String(), Title: string(e.Title), Body: string(e.Body), PrivateTags: string(e.PrivateTags),
		Category: e.Category.String, Tags: strings.Join(e.Tags, ", ")}
}

// view is a note as the list and its page show it.
func view(e db.InfobaseEntry) views.Entry {
	return views.Entry{ID: e.ID.String(), Title: string(e.Title), Body: string(e.Body), PrivateTags: string(e.PrivateTags),
		Category: e.Category.String, Tags: e.Tags}
}
