package journal_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"ignition/app/apptest"
	"ignition/app/journal"
	"ignition/app/vaulttest"
)

// today is the user's today as the journal's page says it.
func today(t *testing.T, c *apptest.Client) string {
	t.Helper()
	action, _ := c.Get("/learn/journal").Do().AssertStatus(http.StatusOK).Attr("#journal-form", "action")
	day := strings.TrimPrefix(action, "/learn/journal/")
	if _, err := time.Parse(time.DateOnly, day); err != nil {
		t.Fatalf("today's form posts to %q", action)
	}
	return day
}

// days lists the days of the entries a journal page shows, in order.
func days(t *testing.T, c *apptest.Client, query string) []string {
	t.Helper()
	var out []string
	for _, n := range c.Get("/learn/journal" + query).Do().AssertStatus(http.StatusOK).Doc().Find("#journal-list > li time").Nodes {
		for _, a := range n.Attr {
			if a.Key == "datetime" {
				out = append(out, a.Val)
			}
		}
	}
	return out
}

func TestOneEntryPerDay(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("journal@example.com", "")
	c.Get("/learn/journal").Do().AssertText("#no-vault-title", "Set up your vault first")
	vaulttest.SetUp(t, c)
	day := today(t, c)
	page := c.Get("/learn/journal").Do()
	page.AssertText("#journal-empty", "No entries yet")
	if rec, _ := page.Attr("#journal-form", "data-record"); rec != "" {
		t.Errorf("today's blank form is sealed to %q", rec)
	}

	// Today's entry: written, then written again under the same ID.
	id := uuid.NewString()
	body := vaulttest.Envelope(80)
	c.Post("/learn/journal/"+day).Form("record_id", id, "body", body, "tags", "Work, mood ,work").Do().AssertRedirect("/learn/journal?done=saved")
	page = c.Get("/learn/journal?done=saved").Do()
	page.AssertText(".alert-ok", "Entry saved.").AssertText("#journal-count", "1 entry").AssertText("#entry-"+day, "work").AssertText("#entry-"+day, "mood")
	if rec, _ := page.Attr("#journal-form", "data-record"); rec != id {
		t.Errorf("today's form is sealed to %q, want the entry's %q", rec, id)
	}
	if got, _ := page.Attr("#journal-body", "data-envelope"); !strings.Contains(got, `"wdek"`) {
		t.Errorf("today's form does not carry the entry: %q", got)
	}
	if got, _ := page.Attr("#journal-tags", "value"); got != "work, mood" {
		t.Errorf("tags = %q", got)
	}
	c.Post("/learn/journal/"+day).Form("record_id", id, "body", vaulttest.Envelope(90), "tags", "").Do().AssertRedirect("/learn/journal?done=saved")

	// Another device that opened the blank form before sends a new entry
	// for the same day: refused, kept as typed.
	other := vaulttest.Envelope(30)
	late := c.Post("/learn/journal/"+day).Form("record_id", uuid.NewString(), "body", other).Do().AssertStatus(http.StatusUnprocessableEntity)
	late.AssertText("#journal-body-error", "written on another device")
	if got, _ := late.Attr("#journal-body", "data-envelope"); got != other {
		t.Errorf("the refused entry is not kept: %q", got)
	}
	c.Get("/learn/journal").Do().AssertText("#journal-count", "1 entry")

	// Older days are written and edited on their own page; days to come
	// have none.
	past := []string{"2026-01-15", "2025-12-31"}
	for i, d := range past {
		c.Get("/learn/journal/"+d).Do().AssertStatus(http.StatusOK).AssertText("main h1", []string{"Thursday 15 January 2026", "Wednesday 31 December 2025"}[i])
		c.Post("/learn/journal/"+d).Form("record_id", uuid.NewString(), "body", vaulttest.Envelope(20), "tags", "travel").Do().AssertRedirect("/learn/journal/" + d + "?done=saved")
	}
	c.Get("/learn/journal/"+past[0]+"?done=saved").Do().AssertText(".alert-ok", "Entry saved.").AssertText("#delete-title", "Delete this entry")
	tomorrow, _ := time.Parse(time.DateOnly, day)
	for _, d := range []string{tomorrow.AddDate(0, 0, 1).Format(time.DateOnly), "2026-02-30", "yesterday", "0999-01-01"} {
		c.Get("/learn/journal/" + d).Do().AssertStatus(http.StatusNotFound)
		c.Post("/learn/journal/"+d).Form("record_id", uuid.NewString(), "body", vaulttest.Envelope(3)).Do().AssertStatus(http.StatusNotFound)
	}

	// Filters: by range and by tag; a bad value is said and not applied.
	for query, want := range map[string][]string{
		"":                                   {day, past[0], past[1]},
		"?tag=travel":                        {past[0], past[1]},
		"?tag=TRAVEL&from=2026-01-01":        {past[0]},
		"?to=2025-12-31":                     {past[1]},
		"?from=2026-01-16&to=2026-01-14":     {day}, // the end is refused, the start kept
		"?from=soon":                         {day, past[0], past[1]},
		"?tag=nothing-like-it":               nil,
		"?from=2025-12-31&to=2026-01-15&x=1": {past[0], past[1]},
	} {
		if got := days(t, c, query); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("/learn/journal%s = %v, want %v", query, got, want)
		}
	}
	c.Get("/learn/journal?from=soon").Do().AssertText("#filter-from-error", "year-month-day")
	c.Get("/learn/journal?from=2026-01-16&to=2026-01-14").Do().AssertText("#filter-to-error", "before the start")
	c.Get("/learn/journal?tag=nothing-like-it").Do().AssertText("#journal-empty", "No entries match these filters")
	if n := c.Get("/learn/journal").Do().Doc().Find("#filter-tag option").Length(); n != 2 { // any, travel
		t.Errorf("the tag filter offers %d options, want 2", n)
	}

	// Another user reaches none of it.
	stranger := env.SignIn("stranger@example.com", "")
	vaulttest.SetUp(t, stranger)
	stranger.Get("/learn/journal/"+past[0]).Do().AssertStatus(http.StatusOK).AssertText("main h1", "15 January")
	if stranger.Get("/learn/journal/"+past[0]).Do().Doc().Find("#delete-title").Length() != 0 {
		t.Error("a stranger sees someone's entry as theirs")
	}
	stranger.Post("/learn/journal/" + past[0] + "/delete").Do().AssertStatus(http.StatusNotFound)
	stranger.Post("/learn/journal/"+day).Form("record_id", id, "body", vaulttest.Envelope(3)).Do().AssertStatus(http.StatusBadRequest)
	stranger.Get("/learn/journal").Do().AssertText("#journal-empty", "No entries yet")

	c.Post("/learn/journal/" + past[1] + "/delete").Do().AssertRedirect("/learn/journal?done=deleted")
	c.Get("/learn/journal?done=deleted").Do().AssertText(".alert-ok", "Entry deleted.").AssertText("#journal-count", "2 entries")
	c.Post("/learn/journal/" + past[1] + "/delete").Do().AssertStatus(http.StatusNotFound)
}

func TestJournalRefusesBadInputAndKeepsIt(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("bad-journal@example.com", "")
	c.Post("/learn/journal/2026-01-02").Form("record_id", uuid.NewString(), "body", vaulttest.Envelope(3)).Do().AssertStatus(http.StatusLocked)
	vaulttest.SetUp(t, c)
	id := uuid.NewString()
	body := vaulttest.Envelope(10)
	bad := c.Post("/learn/journal/2026-01-02").Form("record_id", id, "body", body, "tags", "a,b,c,d,e,f,g,h,i,j,k").Do().AssertStatus(http.StatusUnprocessableEntity)
	bad.AssertText("#journal-tags-error", "at most 10 tags")
	if got, _ := bad.Attr("#journal-body", "data-envelope"); got != body {
		t.Errorf("the body's envelope is not kept: %q", got)
	}
	if got, _ := bad.Attr("#journal-form", "data-record"); got != id {
		t.Errorf("the form is sealed to %q, want %q", got, id)
	}
	c.Post("/learn/journal/2026-01-02").Form("record_id", id, "body", "").Do().AssertStatus(http.StatusUnprocessableEntity).AssertText("#journal-body-error", "Write something first")
	c.Post("/learn/journal/2026-01-02").Form("record_id", id, "body", vaulttest.Envelope(0)).Do().AssertStatus(http.StatusUnprocessableEntity)
	c.Post("/learn/journal/2026-01-02").Form("record_id", id, "body", vaulttest.Envelope(3), "tags", "<script>").Do().AssertStatus(http.StatusUnprocessableEntity).AssertText("#journal-tags-error", "letters, digits")
	for name, pairs := range map[string][]string{
		"no ID":          {"body", vaulttest.Envelope(3)},
		"a bad ID":       {"record_id", "entry-1", "body", vaulttest.Envelope(3)},
		"plaintext body": {"record_id", id, "body", "Dear diary"},
		"wrong kid":      {"record_id", id, "body", strings.Replace(vaulttest.Envelope(3), `"kid":"k1"`, `"kid":"k2"`, 1)},
	} {
		if resp := c.Post("/learn/journal/2026-01-02").Form(pairs...).Do(); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", name, resp.StatusCode)
		}
	}
	c.Post("/learn/journal/2026-01-02").Form("record_id", id, "body", vaulttest.Envelope(4*20_000+1)).Do().AssertStatus(http.StatusRequestEntityTooLarge)
	// An ID already used for another day is not this day's.
	c.Post("/learn/journal/2026-01-02").Form("record_id", id, "body", vaulttest.Envelope(3)).Do().AssertRedirect("/learn/journal/2026-01-02?done=saved")
	c.Post("/learn/journal/2026-01-03").Form("record_id", id, "body", vaulttest.Envelope(3)).Do().AssertStatus(http.StatusBadRequest)
	if n := len(days(t, c, "")); n != 1 {
		t.Errorf("%d entries, want 1", n)
	}
}

func TestPrivateTagsAreSealedLikeTheText(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("journal-tags@example.com", "")
	vaulttest.SetUp(t, c)
	day := today(t, c)
	id := uuid.NewString()
	tags := vaulttest.Envelope(12)
	var sent struct{ CT string }
	_ = json.Unmarshal([]byte(tags), &sent)
	c.Post("/learn/journal/"+day).Form("record_id", id, "body", vaulttest.Envelope(40), "private_tags", tags, "tags", "work").Do().AssertRedirect("/learn/journal?done=saved")
	page := c.Get("/learn/journal").Do().AssertStatus(http.StatusOK)
	if got, _ := page.Attr("#entry-"+day+` [data-field="private_tags"]`, "data-envelope"); !strings.Contains(got, sent.CT) {
		t.Errorf("the list shows private tags %q, want the envelope saved", got)
	}
	if got, _ := page.Attr("#journal-private-tags", "data-envelope"); !strings.Contains(got, sent.CT) {
		t.Errorf("today's form carries private tags %q", got)
	}
	var stored []byte
	if err := env.Pool.QueryRow(t.Context(), `SELECT private_tags FROM journal_entries WHERE id = $1`, id).Scan(&stored); err != nil || !strings.Contains(string(stored), `"wdek"`) {
		t.Errorf("stored private tags %s: %v", stored, err)
	}
	// Refused whole: a malformed envelope, one under another key, one too long.
	for status, bad := range map[int]string{http.StatusBadRequest: `{"v":1}`, http.StatusRequestEntityTooLarge: vaulttest.Envelope(journal.PrivateTagsMax*4 + 1)} {
		c.Post("/learn/journal/"+day).Form("record_id", id, "body", vaulttest.Envelope(40), "private_tags", bad).Do().AssertStatus(status)
	}
	c.Post("/learn/journal/"+day).Form("record_id", id, "body", vaulttest.Envelope(40), "private_tags", vaulttest.EnvelopeUnder("k9", 5)).Do().AssertStatus(http.StatusBadRequest)
	// Left empty, they are gone.
	c.Post("/learn/journal/"+day).Form("record_id", id, "body", vaulttest.Envelope(40), "private_tags", "").Do().AssertRedirect("/learn/journal?done=saved")
	if err := env.Pool.QueryRow(t.Context(), `SELECT private_tags FROM journal_entries WHERE id = $1`, id).Scan(&stored); err != nil || stored != nil {
		t.Errorf("private tags left empty are stored as %s: %v", stored, err)
	}
}
