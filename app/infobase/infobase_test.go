package infobase_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/google/uuid"

	"ignition/app/apptest"
	"ignition/app/vaulttest"
)

// sameJSON reports whether a and b are the same JSON value (the database
// stores envelopes as jsonb, which orders and spaces them its own way).
func sameJSON(a, b string) bool {
	var x, y any
	return json.Unmarshal([]byte(a), &x) == nil && json.Unmarshal([]byte(b), &y) == nil && reflect.DeepEqual(x, y)
}

// notes lists the IDs of the notes a list page shows, in order.
func notes(t *testing.T, c *apptest.Client, query string) []string {
	t.Helper()
	var out []string
	for _, n := range c.Get("/infobase" + query).Do().AssertStatus(http.StatusOK).Doc().Find("#infobase-list > li").Nodes {
		for _, a := range n.Attr {
			if a.Key == "data-record" {
				out = append(out, a.Val)
			}
		}
	}
	return out
}

func TestNotesWrittenReadEditedDeleted(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("infobase@example.com", "")
	c.Get("/infobase").Do().AssertText("#no-vault-title", "Set up your vault first")
	c.Get("/infobase/new").Do().AssertRedirect("/infobase")
	vaulttest.SetUp(t, c)
	c.Get("/infobase").Do().AssertText("#infobase-empty", "No notes yet")
	form := c.Get("/infobase/new").Do().AssertStatus(http.StatusOK)
	form.AssertText("main h1", "New note")
	if action, _ := form.Attr("#note-form", "action"); action != "/infobase" {
		t.Errorf("the new note's form posts to %q", action)
	}

	// Three notes, one sent twice.
	ids := []string{uuid.NewString(), uuid.NewString(), uuid.NewString()}
	title, body, private := vaulttest.Envelope(12), vaulttest.Envelope(400), vaulttest.Envelope(9)
	for i, cat := range []string{"Mixing", "Sound  design", "Mixing"} {
		fields := []string{"record_id", ids[i], "title", vaulttest.Envelope(10 + i), "category", cat, "tags", []string{"eq, Gain", "synth", "eq"}[i]}
		if i == 0 {
			fields = []string{"record_id", ids[0], "title", title, "body", body, "private_tags", private, "category", cat, "tags", "eq, Gain"}
		}
		c.Post("/infobase").Form(fields...).Do().AssertRedirect("/infobase/" + ids[i] + "?done=created")
		if i == 0 {
			c.Post("/infobase").Form(fields...).Do().AssertRedirect("/infobase/" + ids[0] + "?done=created")
		}
	}
	page := c.Get("/infobase/" + ids[0] + "?done=created").Do().AssertStatus(http.StatusOK)
	page.AssertText(".alert-ok", "Note saved.").AssertText("#note .meta", "Mixing").AssertText("#note .meta", "#gain")
	for sel, want := range map[string]string{"#note-body": body, "#note h1 .sealed": title, "#note .meta [data-field=private_tags]": private} {
		if got, _ := page.Attr(sel, "data-envelope"); !sameJSON(got, want) {
			t.Errorf("%s carries %q, want the stored envelope", sel, got)
		}
	}
	if _, ok := page.Attr("#note-body", "data-markdown"); !ok {
		t.Error("the note's text is not marked for markdown")
	}
	c.Get("/infobase/"+ids[1]).Do().AssertText("#note-empty", "no text yet").AssertText("#note .meta", "Sound design")

	// The list, newest change first, filtered by category and tag.
	for query, want := range map[string][]string{
		"":                     {ids[2], ids[1], ids[0]},
		"?category=Mixing":     {ids[2], ids[0]},
		"?tag=EQ":              {ids[2], ids[0]},
		"?tag=synth&category=": {ids[1]},
		"?category=Nothing":    nil,
		"?tag=<script>":        nil,
		"?page=zero":           {ids[2], ids[1], ids[0]},
	} {
		if got := notes(t, c, query); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("/infobase%s = %v, want %v", query, got, want)
		}
	}
	list := c.Get("/infobase").Do()
	list.AssertText("#infobase-count", "3 notes")
	if n := list.Doc().Find("#filter-category option").Length(); n != 3 { // any, Mixing, Sound design
		t.Errorf("the category filter offers %d options, want 3", n)
	}
	c.Get("/infobase?category=Nothing").Do().AssertText("#infobase-empty", "No notes match these filters")

	// Edited: the form carries the note; the list puts it first.
	edit := c.Get("/infobase/" + ids[0] + "/edit").Do().AssertStatus(http.StatusOK)
	if got, _ := edit.Attr("#note-form", "data-record"); got != ids[0] {
		t.Errorf("the edit form is sealed to %q", got)
	}
	if got, _ := edit.Attr("#note-tags", "value"); got != "eq, gain" {
		t.Errorf("tags = %q", got)
	}
	if n := edit.Doc().Find("#note-category-suggestions option").Length(); n != 2 {
		t.Errorf("the category suggests %d values, want 2", n)
	}
	c.Post("/infobase/"+ids[0]).Form("record_id", ids[0], "title", title, "body", vaulttest.Envelope(5), "category", "", "tags", "").Do().AssertRedirect("/infobase/" + ids[0] + "?done=saved")
	c.Get("/infobase/"+ids[0]+"?done=saved").Do().AssertText(".alert-ok", "Changes saved.")
	if got := notes(t, c, ""); len(got) != 3 || got[0] != ids[0] {
		t.Errorf("after the edit the list is %v", got)
	}
	if got := notes(t, c, "?category=Mixing"); len(got) != 1 {
		t.Errorf("the edited note keeps its old category: %v", got)
	}

	// Another user reaches none of it.
	stranger := env.SignIn("stranger@example.com", "")
	vaulttest.SetUp(t, stranger)
	for _, path := range []string{"/infobase/" + ids[0], "/infobase/" + ids[0] + "/edit", "/infobase/not-an-id"} {
		stranger.Get(path).Do().AssertStatus(http.StatusNotFound)
	}
	stranger.Post("/infobase/"+ids[0]).Form("record_id", ids[0], "title", vaulttest.Envelope(3)).Do().AssertStatus(http.StatusNotFound)
	stranger.Post("/infobase/" + ids[0] + "/delete").Do().AssertStatus(http.StatusNotFound)
	stranger.Post("/infobase").Form("record_id", ids[1], "title", vaulttest.Envelope(3)).Do().AssertStatus(http.StatusBadRequest)
	stranger.Get("/infobase").Do().AssertText("#infobase-empty", "No notes yet")

	c.Post("/infobase/" + ids[1] + "/delete").Do().AssertRedirect("/infobase?done=deleted")
	c.Get("/infobase?done=deleted").Do().AssertText(".alert-ok", "Note deleted.").AssertText("#infobase-count", "2 notes")
	c.Post("/infobase/" + ids[1] + "/delete").Do().AssertStatus(http.StatusNotFound)
	c.Get("/infobase/" + ids[1]).Do().AssertStatus(http.StatusNotFound)
}

func TestInfobaseRefusesBadInputAndKeepsIt(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("bad-infobase@example.com", "")
	c.Post("/infobase").Form("record_id", uuid.NewString(), "title", vaulttest.Envelope(3)).Do().AssertStatus(http.StatusLocked)
	vaulttest.SetUp(t, c)
	id := uuid.NewString()
	body := vaulttest.Envelope(10)
	bad := c.Post("/infobase").Form("record_id", id, "body", body, "category", strings.Repeat("c", 41), "tags", "a,b,c,d,e,f,g,h,i,j,k").Do().AssertStatus(http.StatusUnprocessableEntity)
	bad.AssertText("#note-title-error", "Title is required").AssertText("#note-category-error", "40 characters").AssertText("#note-tags-error", "at most 10 tags")
	if got, _ := bad.Attr("#note-body", "data-envelope"); got != body {
		t.Errorf("the body's envelope is not kept: %q", got)
	}
	if got, _ := bad.Attr("#note-form", "data-record"); got != id {
		t.Errorf("the form is sealed to %q, want %q", got, id)
	}
	if action, _ := bad.Attr("#note-form", "action"); action != "/infobase" {
		t.Errorf("the refused new note posts to %q", action)
	}
	c.Post("/infobase").Form("record_id", id, "title", vaulttest.Envelope(0)).Do().AssertStatus(http.StatusUnprocessableEntity).AssertText("#note-title-error", "Title is required")
	for name, pairs := range map[string][]string{
		"no ID":           {"title", vaulttest.Envelope(3)},
		"a bad ID":        {"record_id", "note-1", "title", vaulttest.Envelope(3)},
		"nil ID":          {"record_id", uuid.Nil.String(), "title", vaulttest.Envelope(3)},
		"plaintext title": {"record_id", id, "title", "Mixing checklist"},
		"plaintext tags":  {"record_id", id, "title", vaulttest.Envelope(3), "private_tags", "secret"},
		"wrong kid":       {"record_id", id, "title", strings.Replace(vaulttest.Envelope(3), `"kid":"k1"`, `"kid":"k2"`, 1)},
	} {
		if resp := c.Post("/infobase").Form(pairs...).Do(); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", name, resp.StatusCode)
		}
	}
	c.Post("/infobase").Form("record_id", id, "title", vaulttest.Envelope(3), "body", vaulttest.Envelope(4*50_000+1)).Do().AssertStatus(http.StatusRequestEntityTooLarge)
	c.Post("/infobase").Form("record_id", id, "title", vaulttest.Envelope(4*200+1)).Do().AssertStatus(http.StatusRequestEntityTooLarge)

	// An edit names its note; a refused edit keeps what was typed.
	c.Post("/infobase").Form("record_id", id, "title", vaulttest.Envelope(3)).Do().AssertRedirect("/infobase/" + id + "?done=created")
	c.Post("/infobase/"+id).Form("record_id", uuid.NewString(), "title", vaulttest.Envelope(3)).Do().AssertStatus(http.StatusBadRequest)
	refused := c.Post("/infobase/"+id).Form("record_id", id, "title", vaulttest.Envelope(3), "tags", "<b>").Do().AssertStatus(http.StatusUnprocessableEntity)
	refused.AssertText("#note-tags-error", "letters, digits").AssertText("main h1", "Edit note")
	if action, _ := refused.Attr("#note-form", "action"); action != "/infobase/"+id {
		t.Errorf("the refused edit posts to %q", action)
	}
	c.Post("/infobase/"+uuid.NewString()).Form("record_id", id, "title", vaulttest.Envelope(3)).Do().AssertStatus(http.StatusBadRequest)
	if n := len(notes(t, c, "")); n != 1 {
		t.Errorf("%d notes, want 1", n)
	}
}
