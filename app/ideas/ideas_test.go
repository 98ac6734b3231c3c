package ideas_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"ignition/app/apptest"
	"ignition/app/ideas"
	"ignition/app/vaulttest"
)

// newIdea posts an idea form with the given metadata pairs and returns its ID.
func newIdea(t *testing.T, c *apptest.Client, pairs ...string) string {
	t.Helper()
	id := uuid.NewString()
	c.Post("/ideas").Form(append([]string{"record_id", id, "title", vaulttest.Envelope(12), "body", vaulttest.Envelope(40)}, pairs...)...).Do().AssertRedirect("/ideas?done=saved")
	return id
}

func TestIdeasNeedAVaultAndAnUnlock(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("ideas@example.com", "")
	c.Get("/ideas").Do().AssertStatus(http.StatusOK).AssertText("#no-vault-title", "Set up your vault first")
	c.Get("/today").Do().AssertText("#idea-capture", "Set up your vault")
	resp := c.Post("/ideas").Form("record_id", uuid.NewString(), "title", vaulttest.Envelope(5)).Do().AssertStatus(http.StatusLocked)
	if resp.Header.Get("HX-Reswap") != "none" || !strings.Contains(string(resp.Body), "what you typed is still here") {
		t.Errorf("locked write: %q, HX-Reswap %q", resp.Body, resp.Header.Get("HX-Reswap"))
	}

	i := vaulttest.SetUp(t, c)
	id := newIdea(t, c, "key", "9-minor", "bpm", "92", "moods", "Dark, dreamy,  dark ")
	page := c.Get("/ideas").Do().AssertStatus(http.StatusOK)
	page.AssertText("#ideas-count", "1 idea")
	row := "#idea-" + id
	page.AssertText(row, "A minor").AssertText(row, "92 BPM").AssertText(row, "dark").AssertText(row, "dreamy")
	if env, _ := page.Attr(row+" [data-field=title]", "data-envelope"); !strings.Contains(env, `"wdek"`) || strings.Contains(env, "plain") {
		t.Errorf("the row's title envelope = %q", env)
	}

	c.Post("/vault/lock").JSON(nil).Do().AssertStatus(http.StatusOK)
	c.Post("/ideas/"+id).Form("record_id", id, "title", vaulttest.Envelope(3)).Do().AssertStatus(http.StatusLocked)
	c.Get("/ideas/" + id).Do().AssertStatus(http.StatusOK) // reading ciphertext needs no unlock
	i.Unlock()
	c.Post("/ideas/"+id).Form("record_id", id, "title", vaulttest.Envelope(3), "bpm", "120").Do().AssertRedirect("/ideas?done=saved")
	c.Get("/ideas").Do().AssertText(row, "120 BPM")
	c.Post("/ideas/" + id + "/delete").Do().AssertRedirect("/ideas?done=deleted")
	c.Get("/ideas?done=deleted").Do().AssertText(".alert-ok", "Idea deleted.").AssertText("#ideas-empty", "No ideas yet")
}

func TestIdeaFormRejectsBadInputAndKeepsIt(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("bad-ideas@example.com", "")
	vaulttest.SetUp(t, c)
	id := uuid.NewString()
	title := vaulttest.Envelope(8)
	bad := c.Post("/ideas").Form("record_id", id, "title", title, "key", "13-major", "bpm", "301", "moods", "a,b,c,d,e,f").Do()
	bad.AssertStatus(http.StatusUnprocessableEntity)
	bad.AssertText("#idea-key-error", "Choose a key").AssertText("#idea-bpm-error", "from 20 to 300").AssertText("#idea-moods-error", "at most 5 moods")
	if got, _ := bad.Attr("#idea-title", "data-envelope"); got != title {
		t.Errorf("the title's envelope is not kept: %q", got)
	}
	if got, _ := bad.Attr("#idea-form", "data-record"); got != id {
		t.Errorf("the form's record is %q, want the ID it was sealed to, %q", got, id)
	}
	if got, _ := bad.Attr("#idea-bpm", "value"); got != "301" {
		t.Errorf("BPM not kept: %q", got)
	}
	c.Post("/ideas").Form("record_id", id, "title", "").Do().AssertStatus(http.StatusUnprocessableEntity).AssertText("#idea-title-error", "Title is required.")
	c.Post("/ideas").Form("record_id", id, "title", vaulttest.Envelope(0)).Do().AssertStatus(http.StatusUnprocessableEntity).AssertText("#idea-title-error", "Title is required.")

	for name, pairs := range map[string][]string{
		"no ID":             {"title", vaulttest.Envelope(3)},
		"a bad ID":          {"record_id", "idea-1", "title", vaulttest.Envelope(3)},
		"plaintext title":   {"record_id", id, "title", "My secret song"},
		"wrong kid":         {"record_id", id, "title", strings.Replace(vaulttest.Envelope(3), `"kid":"k1"`, `"kid":"k2"`, 1)},
		"version 2":         {"record_id", id, "title", strings.Replace(vaulttest.Envelope(3), `"v":1`, `"v":2`, 1)},
		"short wrapped DEK": {"record_id", id, "title", `{"v":1,"kid":"k1","wdek":"` + vaulttest.Random(40) + `","iv":"` + vaulttest.Random(12) + `","ct":"` + vaulttest.Random(20) + `"}`},
		"an extra field":    {"record_id", id, "title", strings.Replace(vaulttest.Envelope(3), `"v":1`, `"v":1,"plain":"x"`, 1)},
		"a bad body":        {"record_id", id, "title", vaulttest.Envelope(3), "body", "{"},
	} {
		if resp := c.Post("/ideas").Form(pairs...).Do(); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", name, resp.StatusCode)
		}
	}
	c.Post("/ideas").Form("record_id", id, "title", vaulttest.Envelope(4*200+1)).Do().AssertStatus(http.StatusRequestEntityTooLarge)
	c.Post("/ideas").Form("record_id", id, "title", vaulttest.Envelope(3), "body", vaulttest.Envelope(4*10_000+1)).Do().AssertStatus(http.StatusRequestEntityTooLarge)
	c.Get("/ideas").Do().AssertText("#ideas-empty", "No ideas yet")

	// Sending the same form twice saves one idea.
	form := []string{"record_id", id, "title", vaulttest.Envelope(3)}
	c.Post("/ideas").Form(form...).Do().AssertRedirect("/ideas?done=saved")
	c.Post("/ideas").Form(form...).Do().AssertRedirect("/ideas?done=saved")
	c.Get("/ideas").Do().AssertText("#ideas-count", "1 idea")
}

func TestIdeasFilterAndSortByWhatTheServerSees(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("filters@example.com", "")
	vaulttest.SetUp(t, c)
	slow := newIdea(t, c, "key", "0-major", "bpm", "70", "moods", "calm")
	fast := newIdea(t, c, "key", "9-minor", "bpm", "174", "moods", "dark, driving")
	mid := newIdea(t, c, "bpm", "120", "moods", "dark")
	order := func(query string) []string {
		var ids []string
		for _, n := range c.Get("/ideas" + query).Do().AssertStatus(http.StatusOK).Doc().Find("#idea-list > li").Nodes {
			for _, a := range n.Attr {
				if a.Key == "data-record" {
					ids = append(ids, a.Val)
				}
			}
		}
		return ids
	}
	for query, want := range map[string][]string{
		"":                          {mid, fast, slow},
		"?sort=oldest":              {slow, fast, mid},
		"?sort=bpm":                 {slow, mid, fast},
		"?mood=dark":                {mid, fast},
		"?key=9-minor":              {fast},
		"?bpm_min=100&bpm_max=150":  {mid},
		"?bpm_min=100&sort=bpm":     {mid, fast},
		"?mood=DARK&sort=oldest":    {fast, mid},
		"?sort=nonsense":            {mid, fast, slow},
		"?bpm_min=fast&sort=oldest": {slow, fast, mid},
	} {
		if got := order(query); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("/ideas%s = %v, want %v", query, got, want)
		}
	}
	c.Get("/ideas?bpm_min=fast").Do().AssertText("#filter-bpm-min-error", "whole number")
	c.Get("/ideas?mood=happy").Do().AssertText("#ideas-empty", "No ideas match these filters")
	page := c.Get("/ideas").Do()
	if n := page.Doc().Find("#filter-mood option").Length(); n != 4 { // any, calm, dark, driving
		t.Errorf("mood filter offers %d options, want 4", n)
	}
}

func TestAnotherUsersIdeaIsNotFound(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	alice := env.SignIn("alice-ideas@example.com", "")
	bob := env.SignIn("bob-ideas@example.com", "")
	vaulttest.SetUp(t, alice)
	vaulttest.SetUp(t, bob)
	id := newIdea(t, alice, "bpm", "88")
	bob.Get("/ideas/" + id).Do().AssertStatus(http.StatusNotFound)
	bob.Post("/ideas/"+id).Form("record_id", id, "title", vaulttest.Envelope(3)).Do().AssertStatus(http.StatusNotFound)
	bob.Post("/ideas/" + id + "/delete").Do().AssertStatus(http.StatusNotFound)
	bob.Get("/ideas/not-an-id").Do().AssertStatus(http.StatusNotFound)
	// Bob cannot take Alice's ID for an idea of his own.
	bob.Post("/ideas").Form("record_id", id, "title", vaulttest.Envelope(3)).Do().AssertStatus(http.StatusBadRequest)
	if strings.Contains(string(bob.Get("/ideas").Do().Body), id) {
		t.Error("Bob's list shows Alice's idea")
	}
	alice.Get("/ideas/" + id).Do().AssertStatus(http.StatusOK)
	// An edit form sealed to another idea is refused.
	alice.Post("/ideas/"+id).Form("record_id", uuid.NewString(), "title", vaulttest.Envelope(3)).Do().AssertStatus(http.StatusBadRequest)
}

func TestQuickCaptureOnToday(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("capture@example.com", "")
	vaulttest.SetUp(t, c)
	page := c.Get("/today").Do().AssertStatus(http.StatusOK)
	if page.Doc().Find("#idea-capture form[data-encrypt-form] #capture-title-input[data-encrypt=title]").Length() != 1 {
		t.Fatal("Today has no sealed capture form")
	}
	if _, named := page.Attr("#capture-title-input", "name"); named {
		t.Error("the capture's plaintext input has a name: it could be submitted")
	}
	saved := c.Post("/ideas").HTMX().Form("record_id", uuid.NewString(), "from", "capture", "title", vaulttest.Envelope(9)).Do().AssertStatus(http.StatusOK)
	saved.AssertText("#idea-capture .alert-ok", "Saved to Ideas")
	empty := c.Post("/ideas").HTMX().Form("record_id", uuid.NewString(), "from", "capture", "title", "").Do().AssertStatus(http.StatusUnprocessableEntity)
	empty.AssertText("#capture-title-input-error", "Title is required.")
	c.Get("/ideas").Do().AssertText("#ideas-count", "1 idea")
}

func TestAdministratorsSeeCountsOnly(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, apptest.With("IGNITION_ADMIN_EMAILS", "admin-ideas@example.com"))
	c := env.SignIn("writer@example.com", "")
	admin := env.SignIn("admin-ideas@example.com", "")
	vaulttest.SetUp(t, c)
	newIdea(t, c, "moods", "secretmood")
	newIdea(t, c)
	c.Get("/admin/ideas").Do().AssertStatus(http.StatusNotFound)
	page := admin.Get("/admin/ideas").Do().AssertStatus(http.StatusOK)
	page.AssertText("#ideas-encrypted-banner", "Content encrypted; not accessible")
	page.AssertText("#idea-counts", "writer@example.com").AssertText("#idea-counts td:nth-child(2)", "2").
		AssertText("#idea-counts td:nth-child(3)", "0")
	if got := page.Text("#idea-counts td:nth-child(4)"); !strings.HasSuffix(got, " B") && !strings.HasSuffix(got, " kB") {
		t.Errorf("encrypted size %q", got)
	}
	for _, leak := range []string{"wdek", "secretmood", "envelope"} {
		if strings.Contains(string(page.Body), leak) {
			t.Errorf("the admin page shows %q", leak)
		}
	}
}

func TestPrivateTagsOfAnIdeaAreSealed(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("idea-tags@example.com", "")
	vaulttest.SetUp(t, c)
	id := uuid.NewString()
	tags := vaulttest.Envelope(10)
	c.Post("/ideas").Form("record_id", id, "title", vaulttest.Envelope(8), "private_tags", tags, "moods", "dark").Do().AssertRedirect("/ideas?done=saved")
	var stored []byte
	if err := env.Pool.QueryRow(t.Context(), `SELECT private_tags FROM ideas WHERE id = $1`, id).Scan(&stored); err != nil || !strings.Contains(string(stored), `"wdek"`) {
		t.Fatalf("stored private tags %s: %v", stored, err)
	}
	if n := c.Get("/ideas").Do().Doc().Find(`#idea-list [data-field="private_tags"]`).Length(); n != 1 {
		t.Errorf("the list shows %d sealed private tags, want 1", n)
	}
	if got, _ := c.Get("/ideas/"+id).Do().Attr("#idea-private-tags", "data-envelope"); !strings.Contains(got, `"wdek"`) {
		t.Errorf("the edit form carries private tags %q", got)
	}
	c.Post("/ideas/"+id).Form("record_id", id, "title", vaulttest.Envelope(8), "private_tags", `{"v":1}`).Do().AssertStatus(http.StatusBadRequest)
	c.Post("/ideas/"+id).Form("record_id", id, "title", vaulttest.Envelope(8), "private_tags", vaulttest.Envelope(4*ideas.PrivateTagsMax+1)).Do().AssertStatus(http.StatusRequestEntityTooLarge)
	c.Post("/ideas/"+id).Form("record_id", id, "title", vaulttest.Envelope(8), "private_tags", "").Do().AssertRedirect("/ideas?done=saved")
	if err := env.Pool.QueryRow(t.Context(), `SELECT private_tags FROM ideas WHERE id = $1`, id).Scan(&stored); err != nil || stored != nil {
		t.Errorf("private tags left empty are stored as %s: %v", stored, err)
	}
}
