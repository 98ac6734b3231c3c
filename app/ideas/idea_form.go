package ideas

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store/db"
	"ignition/app/vault"
	"ignition/views/components"
	views "ignition/views/ideas"
)

var limits = views.Limits{Title: TitleMax, Body: BodyMax, BPMMin: BPMMin, BPMMax: BPMMax, Moods: MoodsMax, PrivateTags: PrivateTagsMax}

// input is the idea form as submitted: the title, body and private tags
// are envelopes the island made; the rest is plaintext metadata.
type input struct {
	ID          string `form:"record_id"`
	Title       string `form:"title"`
	Body        string `form:"body"`
	PrivateTags string `form:"private_tags"`
	Key         string `form:"key"`
	BPM         string `form:"bpm"`
	Moods       string `form:"moods"`
}

// idea is a checked idea, ready to store.
type idea struct {
	ID          uuid.UUID
	Title       []byte
	Body        []byte // nil when empty
	PrivateTags []byte // nil when none
	Pitch       pgtype.Int2
	Mode        pgtype.Text
	BPM         pgtype.Int2
	Moods       []string
}

// bindIdea reads the idea form for the vault it is sealed to. The form it
// returns echoes what was sent, so a refused form comes back as typed (the
// island decrypts the envelopes back into their fields); its Errors say
// what to fix. A malformed envelope or ID is 400, an oversized one 413:
// the island never sends either.
func bindIdea(c echo.Context, cur vault.Current) (idea, views.Form, error) {
	var in input
	if err := form.Bind(c, &in); err != nil {
		return idea{}, views.Form{}, err
	}
	f := views.Form{ID: in.ID, Key: in.Key, BPM: in.BPM, Moods: in.Moods, Errors: form.Errors{}}
	var out idea
	var err error
	if out.ID, err = uuid.Parse(in.ID); err != nil || out.ID == uuid.Nil {
		return idea{}, f, echo.NewHTTPError(http.StatusBadRequest, "This form has no valid idea ID.")
	}
	var empty bool
	if out.Title, empty, err = vault.FormField(cur, in.Title, TitleMax); err != nil {
		return idea{}, f, err
	}
	f.Title = in.Title
	if empty {
		f.Errors["title"] = "Title is required."
	}
	if out.Body, _, err = vault.FormField(cur, in.Body, BodyMax); err != nil {
		return idea{}, f, err
	}
	f.Body = in.Body
	if out.PrivateTags, _, err = vault.FormField(cur, in.PrivateTags, PrivateTagsMax); err != nil {
		return idea{}, f, err
	}
	f.PrivateTags = in.PrivateTags
	key, ok, problem := ParseKey(in.Key)
	if problem != "" {
		f.Errors["key"] = problem
	} else if ok {
		out.Pitch = pgtype.Int2{Int16: key.Pitch, Valid: true}
		out.Mode = pgtype.Text{String: key.Mode, Valid: true}
	}
	if out.BPM, problem = ParseBPM(in.BPM); problem != "" {
		f.Errors["bpm"] = problem
	}
	if out.Moods, problem = ParseMoods(in.Moods); problem != "" {
		f.Errors["moods"] = problem
	}
	return out, f, nil
}

// formOf fills the edit form from a stored idea.
func formOf(i db.Idea) views.Form {
	f := views.Form{ID: i.ID.String(), Title: string(i.Title), Body: string(i.Body), PrivateTags: string(i.PrivateTags), Moods: strings.Join(i.Moods, ", ")}
	if k, ok := KeyOf(i.KeyPitch, i.KeyMode); ok {
		f.Key = k.Value()
	}
	if i.Bpm.Valid {
		f.BPM = strconv.Itoa(int(i.Bpm.Int16))
	}
	return f
}

// view is an idea as the list shows it.
func view(i db.Idea) views.Idea {
	out := views.Idea{ID: i.ID.String(), Title: string(i.Title), Body: string(i.Body), PrivateTags: string(i.PrivateTags), Moods: i.Moods, Created: i.CreatedAt}
	if k, ok := KeyOf(i.KeyPitch, i.KeyMode); ok {
		out.Key = k.Label()
	}
	if i.Bpm.Valid {
		out.BPM = int(i.Bpm.Int16)
	}
	return out
}

// keyOptions are the key select's options, "No key" first.
func keyOptions(none string) []components.Option {
	out := []components.Option{{Value: "", Label: none}}
	for _, k := range Keys() {
		out = append(out, components.Option{Value: k.Value(), Label: k.Label()})
	}
	return out
}
